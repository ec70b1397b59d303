"""Rhetoric tables: matches with voice, words by voice, rates and intervals, group tests, actors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing import io, rhetoric, stats


@pytest.fixture(scope="module")
def matches(built):
    return rhetoric.match_sentences(built.sentences)


def row_for(matches: pd.DataFrame, built, fragment: str, matched_text: str) -> pd.Series:
    """The match of ``matched_text`` in the sentence containing ``fragment``."""
    ids = built.sentences.loc[built.sentences["text"].str.contains(fragment, regex=False), "sentence_id"]
    assert len(ids) == 1, fragment
    hit = matches[(matches["sentence_id"] == ids.iloc[0]) & (matches["matched_text"] == matched_text)]
    assert len(hit) >= 1, (fragment, matched_text)
    return hit.iloc[0]


def sentences_table(rows: list[tuple]) -> pd.DataFrame:
    """Hand-made sentences: (sentence_id, article_id, text, quote_spans)."""
    table = pd.DataFrame(rows, columns=["sentence_id", "article_id", "text", "quote_spans"])
    table["n_words"] = [len(t.split()) for t in table["text"]]
    return table


ARTICLES = pd.DataFrame({"article_id": ["a", "b"], "label": ["Outlet A", "Outlet B"], "group": ["wire_report", "analysis"]})


# --- voice ------------------------------------------------------------------------------------

@pytest.mark.parametrize("start, end, spans, voice", [
    (10, 20, [], "narration"),
    (10, 20, [(5, 25)], "quote"),
    (10, 20, [(15, 30)], "narration"),   # half inside is not more than half
    (10, 20, [(14, 30)], "quote"),       # 6 of 10 characters quoted
    (10, 20, [(0, 3), (12, 18)], "quote"),
])
def test_voice_of(start, end, spans, voice):
    assert rhetoric.voice_of(start, end, spans) == voice


@pytest.mark.parametrize("fragment, matched_text, category, voice", [
    ("is a road to nowhere,\" he wrote", "a road to nowhere", "futility", "quote"),
    ("is a road to nowhere,\" he wrote", "wrote", "attribution_neutral", "narration"),
    ("Putin obliquely criticized U.S. warnings", "criticized", "attribution_loaded", "narration"),
    ("Putin obliquely criticized U.S. warnings", "pressure", "coercion", "narration"),
    ("“rash” and a “wild military act.”", "rash", "loaded_labels", "quote"),
    ("North Korea denounced as a “rash”", "denounced", "attribution_loaded", "narration"),
    # only "all options" is inside quotation marks: most of the match is the reporter's paraphrase
    ('that "all options" were on the table', 'all options" were on the table', "threat_fear", "narration"),
])
def test_match_voice_on_real_sentences(built, matches, fragment, matched_text, category, voice):
    hit = row_for(matches, built, fragment, matched_text)
    assert (hit["category"], hit["voice"]) == (category, voice)


def test_match_table_shape(built, matches):
    assert list(matches.columns) == rhetoric.MATCH_COLUMNS
    assert matches["match_id"].is_unique
    assert set(matches["voice"]) == {"narration", "quote"}
    assert set(matches.loc[matches["layer"] == "attribution", "stance"]) == {"neutral", "loaded"}
    assert (matches.loc[matches["layer"] == "rhetoric", "stance"] == "").all()
    texts = built.sentences.set_index("sentence_id")["text"]
    for row in matches.itertuples():
        assert texts[row.sentence_id][row.start : row.end] == row.matched_text


def test_match_sentences_accepts_a_codebook_table(built):
    table = pd.DataFrame({"category": ["x"], "term": ["futil*"], "definition": ["d"], "source": ["s"]})
    out = rhetoric.match_sentences(built.sentences, table)
    assert set(out["matched_text"].str.lower()) == {"futile"}
    assert (out["stance"] == "").all() and (out["layer"] == "rhetoric").all()


# --- words by voice ---------------------------------------------------------------------------

def test_words_by_voice_hand_case():
    text = 'North Korea denounced it as a "rash" and a "wild military act."'
    table = sentences_table([("s1", "a", text, "31-35;44-61")])
    out = rhetoric.words_by_voice(table).iloc[0]
    assert text[31:35] == "rash" and text[44:61] == "wild military act"
    assert (out["quote"], out["narration"], out["all"]) == (4, 8, 12)


# --- counts, rates and intervals --------------------------------------------------------------

@pytest.fixture()
def toy():
    """Article a: 3 sentences of 10 words, 'war' once in each (one of them negated).
    Article b: 2 sentences of 5 words, 'war' twice in one, once in the other, one in a quote."""
    filler = "one two three four five six seven eight"
    rows = [
        ("a-1", "a", f"war {filler} end", ""),
        ("a-2", "a", f"war {filler} end", ""),
        ("a-3", "a", f"no war {filler}", ""),
        ("b-1", "b", "war and war go on", ""),
        ("b-2", "b", 'he said "war is near"', "9-20"),
    ]
    sentences = sentences_table(rows)
    book = pd.DataFrame({"category": ["escalation"], "term": ["war"]})
    found = rhetoric.match_sentences(sentences, book)
    counts = rhetoric.sentence_counts(found, sentences, ["escalation"])
    return sentences, found, counts


def test_sentence_counts_hand_case(toy):
    _, found, counts = toy
    assert len(found) == 6 and found["negated"].sum() == 1
    everything = counts[counts["voice"] == "all"].set_index("sentence_id")
    assert everything["count"].to_dict() == {"a-1": 1, "a-2": 1, "a-3": 0, "b-1": 2, "b-2": 1}
    assert everything.loc["a-3", "n_negated"] == 1
    quote = counts[counts["voice"] == "quote"].set_index("sentence_id")
    assert quote.loc["b-2", "count"] == 1 and quote.loc["b-2", "words"] == 3
    assert counts[counts["voice"] == "narration"].set_index("sentence_id").loc["b-2", "words"] == 2


def test_outlet_rates_hand_case(toy):
    _, _, counts = toy
    rates = rhetoric.outlet_rates(counts, ARTICLES).set_index(["article_id", "voice"])
    a = rates.loc[("a", "all")]
    assert (a["count"], a["n_negated"], a["words"]) == (2, 1, 30)
    assert a["per_1000_words"] == pytest.approx(2 / 30 * 1000)
    # b: 3 matches in 10 words; narration 2 in 7 words; quote 1 in 3 words
    assert rates.loc[("b", "all"), "per_1000_words"] == pytest.approx(300)
    assert rates.loc[("b", "narration"), "per_1000_words"] == pytest.approx(2 / 7 * 1000)
    assert rates.loc[("b", "quote"), "per_1000_words"] == pytest.approx(1000 / 3)
    assert rates.loc[("b", "all"), "label"] == "Outlet B" and rates.loc[("b", "all"), "group"] == "analysis"
    low, high = rates.loc[("a", "all"), ["ci_low", "ci_high"]]
    assert low <= a["per_1000_words"] <= high
    expected = stats.bootstrap_rate([1, 1, 0], [10, 10, 10], seed=stats.DEFAULT_SEED)
    assert (a["per_1000_words"], low, high) == pytest.approx(expected)


def test_interval_collapses_when_every_sentence_has_the_same_rate():
    counts = pd.DataFrame({"sentence_id": ["s1", "s2", "s3"], "article_id": "a", "category": "c", "voice": "all",
                           "count": [1, 2, 3], "n_negated": 0, "words": [10, 20, 30]})
    row = rhetoric.outlet_rates(counts, ARTICLES).iloc[0]
    assert (row["per_1000_words"], row["ci_low"], row["ci_high"]) == pytest.approx((100, 100, 100))


def test_holm_hand_case():
    # sorted 0.01, 0.03, 0.04 times 3, 2, 1 -> 0.03, 0.06, 0.04 -> running max 0.03, 0.06, 0.06
    assert rhetoric.holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
    assert rhetoric.holm([0.5, 0.9]) == pytest.approx([1.0, 1.0])
    adjusted = rhetoric.holm([0.01, float("nan"), 0.04])  # an untestable contrast is not part of the family
    assert adjusted[0] == pytest.approx(0.02) and np.isnan(adjusted[1]) and adjusted[2] == pytest.approx(0.04)


@pytest.mark.filterwarnings("ignore:invalid value:RuntimeWarning")
def test_permutation_test_gives_no_p_value_for_an_undefined_statistic():
    rates = rhetoric.pooled_rate_difference(np.array([0.0, 0.0, 2.0, 1.0]), np.array([0.0, 0.0, 10.0, 12.0]))  # group: no words
    assert all(np.isnan(v) for v in stats.permutation_test(np.arange(4), np.array([1, 1, 0, 0], dtype=bool), rates, permutations=50))


def test_group_tests_hand_case(toy):
    _, _, counts = toy
    table = rhetoric.group_tests(counts, ARTICLES, permutations=200).set_index("voice")
    row = table.loc["all"]
    assert (row["analysis_count"], row["analysis_words"], row["reports_count"], row["reports_words"]) == (3, 10, 2, 30)
    assert row["difference"] == pytest.approx(300 - 2 / 30 * 1000)
    assert 0 < row["p_value"] <= 1 and row["p_holm"] == pytest.approx(row["p_value"])  # one category: no adjustment


def test_group_tests_take_groups_from_the_articles_table(toy):
    _, _, counts = toy
    swapped = ARTICLES.assign(group=["analysis", "wire_report"])
    row = rhetoric.group_tests(counts, swapped, permutations=200).set_index("voice").loc["all"]
    assert (row["analysis_count"], row["analysis_words"]) == (2, 30)


def test_pooled_rate_difference_statistic():
    statistic = rhetoric.pooled_rate_difference(np.array([1.0, 0.0, 3.0]), np.array([10.0, 10.0, 20.0]))
    assert statistic(np.array([2.0]), np.array([0.0, 1.0])) == pytest.approx(150 - 50)


# --- actors -----------------------------------------------------------------------------------

def test_actor_mentions_carry_voice(built):
    mentions = rhetoric.actor_mentions(built.sentences)
    assert list(mentions.columns) == rhetoric.MENTION_COLUMNS and mentions["mention_id"].is_unique
    sid = built.sentences.loc[built.sentences["text"].str.contains("If North Korea were to attack"), "sentence_id"].iloc[0]
    here = mentions[mentions["sentence_id"] == sid]
    assert set(here["voice"]) == {"quote"} and "North Korea" in set(here["actor_group"])


def test_actor_cooccurrence_is_same_sentence_not_agency(built, matches):
    """Lavrov's 'Washington not Pyongyang should take the initiative on constructive talks' puts
    both the US and North Korea beside diplomacy and responsibility words."""
    sentence = built.sentences[built.sentences["text"].str.startswith("Sergei Lavrov, the Russian foreign minister")]
    mentions = rhetoric.actor_mentions(sentence)
    found = matches[matches["sentence_id"].isin(sentence["sentence_id"])]
    table = rhetoric.actor_rhetoric(mentions, found, sentence, built.articles).set_index(["actor_group", "category"])
    for group in ("United States", "North Korea", "Russia"):
        assert table.loc[(group, "diplomacy"), "sentences_with_both"] == 1
        assert table.loc[(group, "blame"), "share"] == 1.0


def test_actor_rhetoric_hand_case():
    sentences = sentences_table([
        ("a-1", "a", "Russia urged talks", ""),
        ("a-2", "a", "North Korea fired a missile", ""),
        ("a-3", "a", "Russia and North Korea face war", ""),
    ])
    mentions = rhetoric.actor_mentions(sentences)
    book = pd.DataFrame({"category": ["diplomacy", "escalation"], "term": ["talks", "war"]})
    found = rhetoric.match_sentences(sentences, book)
    table = rhetoric.actor_rhetoric(mentions, found, sentences, ARTICLES).set_index(["actor_group", "category"])
    assert table.loc[("Russia", "diplomacy"), ["sentences_with_actor", "sentences_with_both", "share"]].tolist() == [2, 1, 0.5]
    assert table.loc[("North Korea", "diplomacy"), "sentences_with_both"] == 0
    assert table.loc[("North Korea", "escalation"), "share"] == 0.5
    assert table.loc[("North Korea", "escalation"), "baseline_share"] == pytest.approx(1 / 3)
    summary = rhetoric.actor_summary(mentions, sentences, ARTICLES).set_index("actor_group")
    assert summary.loc["Russia", "mentions"] == 2 and summary.loc["Russia", "share_of_sentences"] == pytest.approx(2 / 3)


# --- determinism ------------------------------------------------------------------------------

def _tables(built):
    found = rhetoric.match_sentences(built.sentences)
    counts = rhetoric.sentence_counts(found, built.sentences, rhetoric.categories()["category"].tolist())
    mentions = rhetoric.actor_mentions(built.sentences)
    return [found, rhetoric.outlet_rates(counts, built.articles), rhetoric.group_tests(counts, built.articles, permutations=100),
            mentions, rhetoric.actor_rhetoric(mentions, found, built.sentences, built.articles)]


def test_tables_are_deterministic(built):
    first = [io.table_to_csv_text(t) for t in _tables(built)]
    second = [io.table_to_csv_text(t) for t in _tables(built)]
    assert first == second


def test_missing_or_blank_quote_spans_mean_narration(built):
    some = built.sentences.head(6)
    assert (rhetoric.match_sentences(some)["voice"] == "quote").any()
    without = rhetoric.match_sentences(some.drop(columns="quote_spans"))
    blank = rhetoric.match_sentences(some.assign(quote_spans=np.nan))  # how pandas reads an empty cell
    assert (without["voice"] == "narration").all() and without.equals(blank)
