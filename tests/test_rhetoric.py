"""Rhetoric tables: matches with voice and speaker, words by voice, rates with exact Poisson
intervals, text-level group tests, stance, actors; on the seed texts and small hand cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing import corpus, resources, rhetoric, segment, storage, voice

QUOTE_COLUMNS = ["quote_id", "sentence_ids", "speaker", "speaker_group"]


@pytest.fixture(scope="module")
def matches(built):
    return rhetoric.match_sentences(built.sentences, built.quotes)


@pytest.fixture(scope="module")
def rates(built, matches):
    body = corpus.body(built.sentences)
    counts = rhetoric.sentence_counts(matches, body, rhetoric.categories()["category"].tolist())
    return rhetoric.outlet_rates(counts, built.articles)


def row_for(matches: pd.DataFrame, built, article_id: str, fragment: str, matched_text: str) -> pd.Series:
    """The match of ``matched_text`` in the sentence of ``article_id`` containing ``fragment``."""
    s = built.sentences
    ids = s.loc[(s["article_id"] == article_id) & s["text"].str.contains(fragment, regex=False), "sentence_id"]
    assert len(ids) == 1, fragment
    hit = matches[(matches["sentence_id"] == ids.iloc[0]) & (matches["matched_text"] == matched_text)]
    assert len(hit) >= 1, (fragment, matched_text)
    return hit.iloc[0]


def hand_corpus(rows: list[tuple], quote_rows: list[tuple] = ()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Hand-made sentences (sentence_id, article_id, text, quote_spans) and quotes (quote_id,
    sentence_ids, speaker, speaker_group), with word counts by voice as notebook 01 writes them."""
    sentences = pd.DataFrame(rows, columns=["sentence_id", "article_id", "text", "quote_spans"])
    quotes = pd.DataFrame(list(quote_rows), columns=QUOTE_COLUMNS)
    sentences["n_words"] = [len(segment.words(t)) for t in sentences["text"]]
    words = voice.unit_voices(sentences, quotes).drop(columns=["article_id", "voice", "speaker", "speaker_group"])
    return sentences.merge(words, on="sentence_id"), quotes


ARTICLES = pd.DataFrame(
    {"article_id": ["a", "b"], "label": ["Outlet A", "Outlet B"], "group": ["wire_report", "analysis"]}
)


# --- the codebook -----------------------------------------------------------------------------


def test_reporting_verb_rows_give_every_form_with_its_stance_and_origin():
    rows = rhetoric.reporting_verb_rows().set_index("term")
    assert (
        rows.loc["warned", "category"] == "attribution_loaded" and rows.loc["said", "category"] == "attribution_neutral"
    )
    assert set(rows["layer"]) == {"attribution"} and set(rows["stance"]) == {"neutral", "loaded"}
    origins = dict(zip(*resources.load_lexicon(rhetoric.REPORTING_VERBS_FILE)[["lemma", "origin"]].to_numpy().T))
    assert rows.loc["wrote", "origin"] == origins["write"]


REQUIRED_CATEGORIES = {  # the categories the notebooks and the codebook name
    "escalation",
    "threat_fear",
    "diplomacy",
    "coercion",
    "blame",
    "hedging",
    "boosters",
    "loaded_labels",
    "attribution_neutral",
    "attribution_loaded",
    "possibility",
}


def test_codebook_columns_and_categories():
    own = resources.load_lexicon(rhetoric.CODEBOOK_FILE)
    assert {
        "category",
        "term",
        "origin",
        "definition",
        "source",
        "negation",
        "negated",
        "note",
        "layer",
        "stance",
    } <= set(own.columns)
    assert (own["origin"] != "").all() and (own["source"] != "").all() and (own["definition"] != "").all()
    assert not own.duplicated(["category", "term"]).any()
    table = rhetoric.codebook()
    assert set(table["category"]) == set(rhetoric.categories()["category"])
    assert REQUIRED_CATEGORIES <= set(table["category"])  # possibility apart from stance (Hyland 2005)
    assert (rhetoric.categories()["cannot_cover"] != "").all()


# --- matches with voice -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "article_id, fragment, matched_text, category, voice_name, speaker",
    [
        ("001", 'is a road to nowhere," he wrote', "a road to nowhere", "futility", "direct_quote", "Vladimir Putin"),
        ("001", 'is a road to nowhere," he wrote', "wrote", "attribution_neutral", "own_narration", "outlet"),
        ("000", "“rash” and a “wild military act.”", "rash", "loaded_labels", "direct_quote", "North Korea"),
        ("000", "North Korea denounced as a “rash”", "denounced", "attribution_loaded", "own_narration", "outlet"),
        # only "all options" is in quotation marks: most of the match is the reporter's paraphrase of Trump
        (
            "001",
            'that "all options" were on the table',
            'all options" were on the table',
            "threat_fear",
            "attributed_paraphrase",
            "Donald Trump",
        ),
        ("004", "Russia, which has helped North Korea to develop", "possible", "possibility", "imputation", "Russia"),
        ("004", "The situation may be out of control", "out of control", "threat_fear", "own_narration", "outlet"),
    ],
)
def test_match_voice_on_real_sentences(
    built, matches, article_id, fragment, matched_text, category, voice_name, speaker
):
    hit = row_for(matches, built, article_id, fragment, matched_text)
    assert (hit["category"], hit["voice"], hit["speaker"]) == (category, voice_name, speaker)


def test_match_table_shape(built, matches):
    assert list(matches.columns) == rhetoric.MATCH_COLUMNS
    assert matches["match_id"].is_unique
    assert set(matches["voice"]) == set(voice.VOICES)
    assert set(matches.loc[matches["layer"] == "attribution", "stance"]) == {"neutral", "loaded"}
    assert (matches.loc[matches["layer"] == "rhetoric", "stance"] == "").all()
    texts = built.sentences.set_index("sentence_id")["text"]
    for row in matches.itertuples():
        assert texts[row.sentence_id][row.start : row.end] == row.matched_text
    own = matches[matches["voice"] == "own_narration"]
    assert (own["speaker"] == voice.OUTLET).all()


def test_a_negated_match_keeps_its_cue(built, matches):
    hit = row_for(matches, built, "001", "stepping up the pressure on Pyongyang won't solve", "pressure")
    assert (hit["negated"], hit["negation_cue"]) == (True, "won't solve")


def test_match_sentences_accepts_a_codebook_table(built):
    table = pd.DataFrame({"category": ["x"], "term": ["futil*"], "definition": ["d"], "source": ["s"]})
    out = rhetoric.match_sentences(built.sentences, built.quotes, table)
    assert set(out["matched_text"].str.lower()) == {"futile"}
    assert (out["stance"] == "").all() and (out["layer"] == "rhetoric").all()
    assert set(out["voice"]) == {"direct_quote"}  # every "futile" in the seeds is inside quotation marks


@pytest.mark.parametrize(
    "article_id, fragment, word",
    [
        ("000", "just hours after the United States and South Korea", "States"),
        ("004", "the position of the United States would be strengthened", "States"),
        ("000", "In a post on the Kremlin’s website", "post"),
        ("004", "Such a state of matter would be favourable", "state"),
    ],
)
def test_no_reporting_verb_inside_a_name_or_after_a_determiner(built, matches, article_id, fragment, word):
    s = built.sentences
    sid = s.loc[(s["article_id"] == article_id) & s["text"].str.contains(fragment, regex=False), "sentence_id"].item()
    here = matches[(matches["sentence_id"] == sid) & (matches["layer"] == "attribution")]
    assert word not in set(here["matched_text"])


# --- words, counts and rates (hand case) ------------------------------------------------------


@pytest.fixture()
def toy():
    """Article a: 3 own-narration sentences of 10 words, 'war' once in each (one negated).
    Article b: 'war and war go on' (5 words) and a quote of 3 words with 'war' in it."""
    filler = "one two three four five six seven eight"
    sentences, quotes = hand_corpus(
        [
            ("a-1", "a", f"war {filler} end", ""),
            ("a-2", "a", f"war {filler} end", ""),
            ("a-3", "a", f"no war {filler}", ""),
            ("b-1", "b", "war and war go on", ""),
            ("b-2", "b", 'he said "war is near"', "9-20"),
        ],
        [("b-q01", "b-2", "Kim Jong-un", "North Korea")],
    )
    book = pd.DataFrame({"category": ["escalation"], "term": ["war"]})
    found = rhetoric.match_sentences(sentences, quotes, book)
    counts = rhetoric.sentence_counts(found, sentences, ["escalation"])
    return sentences, found, counts


def test_words_by_voice_hand_case(toy):
    sentences, _, _ = toy
    words = rhetoric.words_by_voice(sentences).set_index(["sentence_id", "voice"])["words"]
    assert (words[("b-2", "all")], words[("b-2", "direct_quote")], words[("b-2", "own_narration")]) == (5, 3, 2)
    assert words[("a-1", "own_narration")] == words[("a-1", "all")] == 10


def test_sentence_counts_hand_case(toy):
    _, found, counts = toy
    assert len(found) == 6 and found["negated"].sum() == 1
    assert found.loc[found["sentence_id"] == "b-2", ["voice", "speaker"]].values.tolist() == [
        ["direct_quote", "Kim Jong-un"]
    ]
    everything = counts[counts["voice"] == "all"].set_index("sentence_id")
    assert everything["count"].to_dict() == {"a-1": 1, "a-2": 1, "a-3": 0, "b-1": 2, "b-2": 1}
    assert everything.loc["a-3", "n_negated"] == 1
    quote = counts[counts["voice"] == "direct_quote"].set_index("sentence_id")
    assert quote.loc["b-2", "count"] == 1 and quote.loc["b-2", "words"] == 3
    assert set(counts["voice"]) == set(rhetoric.VOICES)


def test_outlet_rates_hand_case_with_exact_poisson_intervals(toy):
    _, _, counts = toy
    rates = rhetoric.outlet_rates(counts, ARTICLES).set_index(["article_id", "voice"])
    a = rates.loc[("a", "all")]
    assert (a["count"], a["n_negated"], a["words"], a["n_sentences"]) == (2, 1, 30, 3)
    # Garwood's exact 95% interval for a count of 2 is (0.2422, 7.2247); per 1,000 of 30 words
    assert (a["per_1000_words"], a["ci_low"], a["ci_high"]) == pytest.approx(
        (2000 / 30, 242.21 / 30, 7224.69 / 30), rel=1e-4
    )
    b_quote = rates.loc[("b", "direct_quote")]
    assert b_quote["per_1000_words"] == pytest.approx(1000 / 3)
    assert rates.loc[("b", "all"), "per_1000_words"] == pytest.approx(300)
    assert rates.loc[("b", "all"), "label"] == "Outlet B" and rates.loc[("b", "all"), "group"] == "analysis"
    # a voice with no words in a text has no rate (not zero)
    assert np.isnan(rates.loc[("a", "imputation"), "per_1000_words"]) and rates.loc[("a", "imputation"), "words"] == 0


def test_a_zero_count_still_has_an_upper_bound():
    counts = pd.DataFrame(
        {
            "sentence_id": ["s1"],
            "article_id": "a",
            "category": "c",
            "voice": "all",
            "count": [0],
            "n_negated": 0,
            "words": [100],
        }
    )
    row = rhetoric.outlet_rates(counts, ARTICLES).iloc[0]
    assert (row["per_1000_words"], row["ci_low"]) == (0, 0)
    assert row["ci_high"] == pytest.approx(36.889, rel=1e-4)  # 3.6889 per 100 words


# --- group tests ------------------------------------------------------------------------------


def six_texts(focus_rates, other_rates, category="c"):
    rows = [{"category": category, "voice": "all", "group": "analysis", "per_1000_words": r} for r in focus_rates]
    rows += [{"category": category, "voice": "all", "group": "wire_report", "per_1000_words": r} for r in other_rates]
    return pd.DataFrame(rows)


def test_group_test_shuffles_whole_texts_when_each_group_has_three():
    table = rhetoric.group_tests(six_texts([10, 11, 12], [1, 2, 3]), "analysis")
    row = table.iloc[0]
    assert (row["focus_texts"], row["other_texts"]) == (3, 3)
    assert row["difference"] == pytest.approx(9)
    # 20 arrangements of 3 + 3 texts; the observed one and its mirror are the most extreme
    assert (row["p_value"], row["smallest_p"]) == pytest.approx((0.1, 0.1))
    assert row["note"] == ""


def test_holm_adjusts_across_categories_within_a_voice():
    rates = pd.concat([six_texts([10, 11, 12], [1, 2, 3], "c1"), six_texts([1, 5, 3], [2, 4, 3], "c2")])
    table = rhetoric.group_tests(rates, "analysis").set_index("category")
    assert table.loc["c1", "p_holm"] == pytest.approx(min(1, 2 * table.loc["c1", "p_value"]))
    assert table.loc["c2", "p_holm"] >= table.loc["c2", "p_value"]


def test_one_analysis_against_four_reports_is_not_tested(rates):
    table = rhetoric.group_tests(rates, "analysis")
    assert table["p_value"].isna().all() and table["p_holm"].isna().all()
    assert table["note"].str.startswith("not tested: a group has 1 text(s)").all()
    hedges = table[(table["category"] == "hedging") & (table["voice"] == "all")].iloc[0]
    assert (hedges["focus_texts"], hedges["other_texts"]) == (1, 4)
    assert hedges["focus_mean_rate"] == pytest.approx(4 / 494 * 1000)  # Russia Monitor's own rate, still shown


def test_group_tests_take_groups_from_the_rates_table(rates):
    moved = rates.assign(
        group=rates["article_id"].map(lambda a: "analysis" if a in ("001", "002", "004") else "wire_report")
    )
    table = rhetoric.group_tests(moved, "analysis", voices=("all",))
    assert (table["focus_texts"] == 3).all() and (table["other_texts"] == 2).all()
    assert table["note"].str.contains("a group has 2 text").all()


# --- real rates and stance --------------------------------------------------------------------


def test_real_hedge_rates_with_intervals(rates):
    rm = rates[(rates["label"] == "Russia Monitor") & (rates["category"] == "hedging")].set_index("voice")
    assert (rm.loc["all", "count"], rm.loc["all", "words"]) == (4, 494)
    assert rm.loc["all", "ci_low"] < rm.loc["all", "per_1000_words"] < rm.loc["all", "ci_high"]
    assert rm.loc[list(voice.VOICES), "words"].sum() == rm.loc["all", "words"]  # every body word in one voice


def test_stance_table_counts_hedges_boosters_and_possibility_apart(rates):
    table = rhetoric.stance_table(rates).set_index(["label", "voice"])
    rm = table.loc[("Russia Monitor", "all")]
    assert (rm["hedging"], rm["boosters"], rm["possibility"], rm["stance"]) == (4, 5, 9, 9)
    assert rm["stance_per_1000"] == pytest.approx(9 / 494 * 1000)
    assert set(table.index.get_level_values("voice")) == {"all", "own_narration"}


def test_attribution_shares_are_own_narration_verbs(rates):
    shares = rhetoric.attribution_shares(rates).set_index("label")
    total = shares["attribution_loaded"] + shares["attribution_neutral"]
    assert (shares["loaded_share"] == shares["attribution_loaded"] / total).all()
    assert list(shares.index) == ["Breitbart", "RFE/RL", "Newsweek", "The Independent", "Russia Monitor"]


def test_standouts_name_one_text_per_category(rates):
    table = rhetoric.standouts(rates)
    assert table["category"].is_unique
    for row in table.itertuples():
        assert row.clear == (row.low > row.next_high)


# --- actors -----------------------------------------------------------------------------------


def test_actor_mentions_carry_voice(built):
    mentions = rhetoric.actor_mentions(built.sentences, built.quotes)
    assert list(mentions.columns) == rhetoric.MENTION_COLUMNS and mentions["mention_id"].is_unique
    sid = built.sentences.loc[
        built.sentences["text"].str.contains("If North Korea were to attack"), "sentence_id"
    ].item()
    here = mentions[mentions["sentence_id"] == sid]
    assert set(here["voice"]) == {"direct_quote"} and "North Korea" in set(here["actor_group"])


def test_actor_cooccurrence_is_same_sentence_not_agency(built, matches):
    """Lavrov's 'Washington not Pyongyang should take the initiative on constructive talks' puts
    both the US and North Korea beside diplomacy words."""
    sentence = built.sentences[built.sentences["text"].str.startswith("Sergei Lavrov, the Russian foreign minister")]
    mentions = rhetoric.actor_mentions(sentence, built.quotes)
    found = matches[matches["sentence_id"].isin(sentence["sentence_id"])]
    table = rhetoric.actor_rhetoric(mentions, found, sentence, built.articles).set_index(["actor_group", "category"])
    for group in ("United States", "North Korea", "Russia"):
        assert table.loc[(group, "diplomacy"), "sentences_with_both"] == 1
        assert table.loc[(group, "blame"), "share"] == 1.0


def test_actor_rhetoric_hand_case():
    sentences, quotes = hand_corpus(
        [
            ("a-1", "a", "Russia urged talks", ""),
            ("a-2", "a", "North Korea fired a missile", ""),
            ("a-3", "a", "Russia and North Korea face war", ""),
        ]
    )
    mentions = rhetoric.actor_mentions(sentences, quotes)
    book = pd.DataFrame({"category": ["diplomacy", "escalation"], "term": ["talks", "war"]})
    found = rhetoric.match_sentences(sentences, quotes, book)
    table = rhetoric.actor_rhetoric(mentions, found, sentences, ARTICLES).set_index(["actor_group", "category"])
    assert table.loc[("Russia", "diplomacy"), ["sentences_with_actor", "sentences_with_both", "share"]].tolist() == [
        2,
        1,
        0.5,
    ]
    assert table.loc[("North Korea", "diplomacy"), "sentences_with_both"] == 0
    assert table.loc[("North Korea", "escalation"), "share"] == 0.5
    assert table.loc[("North Korea", "escalation"), "baseline_share"] == pytest.approx(1 / 3)
    summary = rhetoric.actor_summary(mentions, sentences, ARTICLES).set_index("actor_group")
    assert summary.loc["Russia", "mentions"] == 2 and summary.loc["Russia", "share_of_sentences"] == pytest.approx(
        2 / 3
    )
    # 'Russia urged talks': the subject precedes its cue, so the mention is the outlet's narration
    assert (
        summary.loc["Russia", "mentions_own_narration"],
        summary.loc["Russia", "mentions_attributed_paraphrase"],
    ) == (2, 0)
    assert found.loc[found["matched_text"] == "talks", ["voice", "speaker"]].values.tolist() == [
        ["attributed_paraphrase", "Russia"]
    ]


# --- determinism ------------------------------------------------------------------------------


def _tables(built):
    found = rhetoric.match_sentences(built.sentences, built.quotes)
    counts = rhetoric.sentence_counts(found, built.sentences, rhetoric.categories()["category"].tolist())
    rates = rhetoric.outlet_rates(counts, built.articles)
    mentions = rhetoric.actor_mentions(built.sentences, built.quotes)
    return [
        found,
        rates,
        rhetoric.group_tests(rates, "analysis"),
        mentions,
        rhetoric.actor_rhetoric(mentions, found, built.sentences, built.articles),
    ]


def test_tables_are_deterministic(built):
    first = [storage.table_to_csv_text(t) for t in _tables(built)]
    second = [storage.table_to_csv_text(t) for t in _tables(built)]
    assert first == second
