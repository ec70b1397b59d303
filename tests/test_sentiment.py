"""Sentence sentiment: VADER and AFINN on real sentences of the five texts, checked by hand.

Hand computations use VADER's lexicon valences (vaderSentiment/vader_lexicon.txt), its booster
increment B_INCR = 0.293 (x0.95 two words away) and compound = s / sqrt(s^2 + 15).
"""

from __future__ import annotations

import itertools
import math
import re

import numpy as np
import pandas as pd
import pytest
from scipy import stats as scipy_stats

from framing import corpus, sentiment, spans, stats, storage, voice


def sentence_with(built, fragment: str) -> pd.Series:
    """The one corpus sentence containing ``fragment`` (found by text, not by id)."""
    hits = built.sentences[built.sentences["text"].str.contains(fragment, regex=False)]
    assert len(hits) == 1, f"{fragment!r} is in {len(hits)} sentences"
    return hits.iloc[0]


@pytest.fixture(scope="module")
def scored(built):
    return sentiment.score_sentences(built.sentences)


@pytest.fixture(scope="module")
def parts(built):
    return sentiment.score_parts(built.sentences)


# --- VADER against hand computation ------------------------------------------------------


@pytest.mark.parametrize(
    "fragment, terms, compound",
    [
        # one lexicon word: dangerous = -2.1 -> -2.1 / sqrt(4.41 + 15) = -0.47666
        ("could prove", "dangerous:-2.1", -0.4767),
        # "very, very dangerous": -2.1 - 0.293 - 0.293 * 0.95 = -2.67135; playing = +0.8;
        # s = -1.87135 -> -1.87135 / sqrt(3.50195 + 15) = -0.43506
        ("very, very dangerous", "playing:0.8;dangerous:-2.671", -0.4351),
        # no lexicon word at all: s = 0 -> compound 0
        ("The roadmap involves a mutual pause", "", 0.0),
    ],
)
def test_vader_matches_hand_computation(built, fragment, terms, compound):
    scores = sentiment.vader_scores(sentence_with(built, fragment)["text"])
    assert scores["terms"] == terms
    assert scores["compound"] == pytest.approx(compound, abs=5e-5)
    if terms:
        total = sum(float(t.split(":")[1]) for t in terms.split(";"))
        assert scores["compound"] == pytest.approx(total / math.sqrt(total**2 + sentiment.VADER_ALPHA), abs=2e-4)


def test_normalize_sum_is_vaders_formula():
    assert sentiment.normalize_sum(-2.1) == pytest.approx(-2.1 / math.sqrt(19.41))
    assert sentiment.normalize_sum(0.0) == 0.0


def test_vader_sum_is_the_sum_of_the_listed_terms(scored):
    """Audit trail: vader_sum = sum of the listed valences (no sentence with a lexicon word has
    '!' or '??' emphasis here), and compound = vader_sum / sqrt(vader_sum^2 + 15)."""
    for row in scored.itertuples():
        for terms, total, compound in (
            (row.vader_terms, row.vader_sum, row.vader_compound),
            (row.vader_terms_masked, row.vader_sum_masked, row.vader_compound_masked),
        ):
            values = [float(t.rsplit(":", 1)[1]) for t in terms.split(";") if t]
            assert total == pytest.approx(sum(values), abs=5e-4 * max(len(values), 1)), row.sentence_id
            assert compound == pytest.approx(sentiment.normalize_sum(total), abs=1e-4), row.sentence_id


def test_exclamation_adds_vader_emphasis(built):
    row = sentence_with(built, "and paying them extortion money")
    assert sentiment.vader_scores(row["text"])["terms"] == ""  # no lexicon word: '!' adds nothing
    assert sentiment.vader_scores("The plan is bad!")["sum"] == pytest.approx(-2.5 - 0.292)


# --- typographic quotes ------------------------------------------------------------------


@pytest.mark.parametrize(
    "fragment, hidden_term",
    [
        ("a “rash” and a", "rash"),  # “rash” is not stripped by VADER
        ("erroneous and futile,” Putin wrote", "futile"),
        ("intelligent and stronger,”", "stronger"),
    ],
)
def test_normalising_quotes_reveals_hidden_words(built, fragment, hidden_term):
    text = sentence_with(built, fragment)["text"]
    raw = sentiment.vader_scores(text, normalised=False)
    fixed = sentiment.vader_scores(text)
    assert hidden_term not in raw["terms"]
    assert f"{hidden_term}:" in fixed["terms"]
    assert fixed["compound"] != raw["compound"]


def test_quote_style_does_not_change_scores():
    curly, straight = "could prove “dangerous.”", 'could prove "dangerous."'
    assert sentiment.vader_scores(curly, normalised=False)["compound"] == 0.0
    assert sentiment.vader_scores(curly) == sentiment.vader_scores(straight)
    assert sentiment.afinn_scores(curly) == sentiment.afinn_scores(straight)


# --- masking names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text_in, expected",
    [
        # actor aliases, case kept letter for letter, possessive 's kept
        ("Kim Jong-un is playing a game", "Xxx Xxxx-xx is playing a game"),
        ("warned Washington and the United States.", "warned Xxxxxxxxxx and the Xxxxxx Xxxxxx."),
        ("members of the UN Security Council -- was", "members of the XX Xxxxxxxx Xxxxxxx -- was"),
        ("on the Kremlin's website", "on the Xxxxxxx's website"),
        # capitalised words not opening the sentence: multi-word names and single names
        (
            "A report in The Sydney Morning Herald notes that the talks had stalled.",
            "A report in Xxx Xxxxxx Xxxxxxx Xxxxxx notes that the talks had stalled.",
        ),
        (
            "a North Korea monitoring project at Johns Hopkins University, in Baltimore.",
            "a Xxxxx Xxxxx monitoring project at Xxxxx Xxxxxxx Xxxxxxxxxx, in Xxxxxxxxx.",
        ),
        ("Students at Liberty University cheered.", "Students at Xxxxxxx Xxxxxxxxxx cheered."),
        ("He praised Liberty and Hope.", "He praised Xxxxxxx and Xxxx."),
        # capitals that open the sentence or a quotation are grammar, not names
        ("Provocations, pressure and bellicose rhetoric", "Provocations, pressure and bellicose rhetoric"),
        ('when he said, "If we want to avoid a war', 'when he said, "If we want to avoid a war'),
        ("Great powers met.", "Great powers met."),
        # a lone ALL-CAPS word is VADER's emphasis, not a name
        ("Analysts called it a BAD idea.", "Analysts called it a BAD idea."),
    ],
)
def test_mask_names(text_in, expected):
    assert sentiment.mask_names(text_in) == expected


def test_mask_keeps_length_on_every_sentence(built):
    for text in built.sentences["text"]:
        masked = sentiment.mask_names(text)
        assert len(masked) == len(text)
        assert [c.isupper() for c in masked] == [c.isupper() for c in sentiment.normalise(text)]


@pytest.mark.parametrize(
    "fragment, name_term",
    [
        ("seems to intensify and Russia contributes", "united:1.8"),  # "the United States"
        ("wield influence as permanent members", "security:1.4"),  # "UN Security Council"
        ("(both the correspondent and the one at the United Nations)", "united:1.8"),
    ],
)
def test_masking_removes_only_the_name(built, fragment, name_term):
    text = sentence_with(built, fragment)["text"]
    raw, masked = sentiment.vader_scores(text), sentiment.vader_scores(sentiment.mask_names(text))
    raw_terms, masked_terms = raw["terms"].split(";"), masked["terms"].split(";")
    assert name_term in raw_terms and name_term not in masked_terms
    assert [t for t in raw_terms if t != name_term] == [t for t in masked_terms if t]
    assert masked["compound"] < raw["compound"]  # united and security are positive words


def test_masking_changes_only_sentences_with_name_words(scored):
    changed = sentiment.masking_changes(scored)
    assert not changed.empty
    for row in changed.itertuples():
        removed = set(row.vader_terms.split(";")) - set(row.vader_terms_masked.split(";"))
        removed |= set(row.afinn_terms.split(";")) - set(row.afinn_terms_masked.split(";"))
        assert {t.split(":")[0] for t in removed} <= {"united", "security"}, row.sentence_id
        named = (row.vader_name_terms + ";" + row.afinn_name_terms).strip(";").split(";")
        assert {t.split(":")[0] for t in named} <= {"united", "security"}, row.sentence_id


def test_dropped_terms_keeps_repeats():
    assert sentiment._dropped_terms("united:1.8;war:-2.9;united:1.8", "war:-2.9;united:1.8") == "united:1.8"


# --- AFINN -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fragment, terms, score",
    [
        ("is likely to provoke a devastating war", "pressure:-1;provoke:-1;devastating:-2;war:-2", -6),
        # AFINN has no "won't": its word-boundary regex finds "won" (+3) inside it
        ("won't solve the problem", "criticized:-2;warnings:-3;pressure:-1;won:3;solve:1;problem:-2", -4),
        ("dead-end road", "pressure:-1;insulting:-2;dead:-3;strike:-1;warned:-2;threats:-2;fire:-2", -13),
    ],
)
def test_afinn_terms(built, fragment, terms, score):
    result = sentiment.afinn_scores(sentence_with(built, fragment)["text"])
    assert result["terms"] == terms
    assert result["score"] == score
    assert result["compound"] == pytest.approx(score / math.sqrt(score**2 + 15), abs=5e-5)


# --- title case ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text_in, expected",
    [
        # a title-case headline: capitals are style; only the actor list vouches for a name
        (
            "Putin Says Threat Of 'Large-Scale Conflict' Looms Over Korean Peninsula",
            "Xxxxx Says Threat Of 'Large-Scale Conflict' Looms Over Korean Peninsula",
        ),
        ("Moscow Consistent in the Korean Crisis", "Xxxxxx Consistent in the Korean Crisis"),
        # the same words in a sentence-case line: non-initial capitals are names
        (
            "Putin says the threat looms over the Korean Peninsula",
            "Xxxxx says the threat looms over the Xxxxxx Xxxxxxxxx",
        ),
    ],
)
def test_title_case_headlines_mask_only_listed_actors(text_in, expected):
    assert sentiment.mask_names(text_in) == expected


def test_a_headline_keeps_its_sentiment_words_after_masking(built):
    """Masked by shape, "Threat" and "Looms" would vanish from RFE/RL's headline; in title case only
    "Putin" is masked, so the masked and raw scores agree."""
    row = sentence_with(built, "Putin Says Threat Of")
    assert row["unit_type"] == "headline"
    scored = sentiment.score_sentences(built.sentences[built.sentences["sentence_id"] == row["sentence_id"]]).iloc[0]
    assert scored["vader_terms_masked"] == "threat:-2.4;conflict:-1.3;looms:-0.6"
    assert scored["vader_compound_masked"] == scored["vader_compound"] < -0.7
    assert scored["masked_names"] == "Putin"


def test_a_body_sentence_dense_with_names_is_not_a_headline():
    sentences = pd.DataFrame(
        {
            "sentence_id": ["900-004"],
            "article_id": ["900"],
            "unit_type": ["body"],
            "text": ["Speaking to Fox News, Liberty University President Jerry Falwell Jr. backed Trump."],
        }
    )
    scored = sentiment.score_sentences(sentences).iloc[0]
    assert "liberty" not in scored["vader_terms_masked"]
    assert "Liberty University" in scored["masked_names"]


# --- voice -------------------------------------------------------------------------------


class _Words:
    """A unit's word counts per voice, as sentences.words_<voice> holds them."""

    def __init__(self, **counts):
        for v in ("direct_quote", "attributed_paraphrase", "imputation", "own_narration"):
            setattr(self, f"words_{v}", counts.get(v, 0))


@pytest.mark.parametrize(
    "counts, expected",
    [
        ({"direct_quote": 20, "own_narration": 2}, "own_narration"),  # the quoted words never decide
        ({"attributed_paraphrase": 14, "own_narration": 17, "direct_quote": 4}, "own_narration"),
        ({"attributed_paraphrase": 25, "own_narration": 15}, "attributed_paraphrase"),
        ({"imputation": 6, "own_narration": 5}, "imputation"),
        # ties go to the earlier voice of voice.VOICES
        ({"attributed_paraphrase": 3, "own_narration": 3}, "attributed_paraphrase"),
        ({"imputation": 3, "own_narration": 3}, "imputation"),
        ({"attributed_paraphrase": 2, "imputation": 2}, "attributed_paraphrase"),
    ],
)
def test_outside_voice_is_the_majority_of_the_unquoted_words(counts, expected):
    assert sentiment.outside_voice(_Words(**counts)) == expected


@pytest.mark.parametrize(
    "fragment, outside_voice",
    [
        ("are “balanced on the verge", "attributed_paraphrase"),  # "Putin warned that ..."
        ("a “rash” and a “wild military act.”", "own_narration"),  # 17 own words against 14 reported
        ("This prompted Japan to begin", "own_narration"),
        ("is erroneous and futile,” Putin wrote.", "own_narration"),  # "Putin wrote." attributes, reports nothing
    ],
)
def test_outside_voice_on_real_units(built, fragment, outside_voice):
    assert sentiment.outside_voice(sentence_with(built, fragment)) == outside_voice


@pytest.mark.parametrize(
    "fragment, outside, quote",
    [
        (
            "are “balanced on the verge",
            "Putin warned that North Korea and the United States are",
            "balanced on the verge of a large-scale conflict.",
        ),
        ("is erroneous and futile,” Putin wrote.", "Putin wrote.", None),
        ("a “rash” and a “wild military act.”", None, "rash wild military act."),
        (
            "This prompted Japan to begin",
            "This prompted Japan to begin conducting regular air-raid and emergency "
            "evacuation drills in several cities.",
            "",
        ),
    ],
)
def test_voice_parts(built, fragment, outside, quote):
    row = sentence_with(built, fragment)
    split = sentiment.voice_parts(row["text"], spans.parse_spans(row["quote_spans"]))
    assert set(split) == {"outside", "quote"}
    assert len(split["outside"]) in (0, len(row["text"]))  # blanked in place: offsets stay valid
    if outside is not None:
        assert " ".join(split["outside"].split()) == outside
    if quote is not None:
        assert split["quote"] == quote
    assert '"' not in split["outside"]


def test_parts_score_each_voice_alone(built, parts):
    row = sentence_with(built, "are “balanced on the verge")
    mine = parts[parts["sentence_id"] == row["sentence_id"]].set_index("voice")
    assert list(mine.index) == ["attributed_paraphrase", "direct_quote"]
    assert mine.loc["direct_quote", "vader_terms_masked"] == "conflict:-1.3"  # Putin's words
    assert mine.loc["attributed_paraphrase", "vader_terms_masked"] == "warned:-1.1"  # the outlet's report of them
    assert mine["n_words"].tolist() == [10, 8]
    pure = parts[parts["sentence_id"] == sentence_with(built, "This prompted Japan")["sentence_id"]]
    assert list(pure["voice"]) == ["own_narration"]
    # a unit whose unit voice is reported speech can have an outside part in own narration
    rash = sentence_with(built, "a “rash” and a “wild military act.”")
    assert rash["voice"] == "attributed_paraphrase"
    assert parts.loc[parts["sentence_id"] == rash["sentence_id"], "voice"].tolist() == ["own_narration", "direct_quote"]


def test_every_quoted_unit_has_one_quote_part(built, parts):
    quoted = built.sentences[built.sentences["quote_spans"].fillna("") != ""]
    in_parts = parts[parts["voice"] == sentiment.QUOTED]
    assert sorted(in_parts["sentence_id"]) == sorted(quoted["sentence_id"])
    assert set(parts["voice"]) <= set(voice.VOICES)


# --- normalisation findings ------------------------------------------------------------------


def test_normalisation_changes_list_the_words_typographic_marks_hid(built):
    changes = sentiment.normalisation_changes(built.sentences)
    assert list(changes.columns) == ["sentence_id", "article_id", "as_written", "normalised", "hidden_terms"]
    assert (changes["as_written"] != changes["normalised"]).all()
    by_id = changes.set_index("sentence_id")
    rash = sentence_with(built, "a “rash” and a")["sentence_id"]
    assert by_id.at[rash, "hidden_terms"] == "rash:-1.7" and by_id.at[rash, "as_written"] == 0.0
    futile = sentence_with(built, "erroneous and futile,” Putin wrote")["sentence_id"]
    assert by_id.at[futile, "hidden_terms"] == "futile:-1.9"
    # RFE/RL quotes with straight marks, which VADER strips itself: none of its scores change
    assert "001" not in set(changes["article_id"])


def test_normalisation_changes_of_plain_ascii_text_is_an_empty_table():
    sentences = pd.DataFrame(
        {"sentence_id": ["900-001"], "article_id": ["900"], "text": ['He said it was "dangerous."']}
    )
    changes = sentiment.normalisation_changes(sentences)
    assert changes.empty and list(changes.columns) == [
        "sentence_id",
        "article_id",
        "as_written",
        "normalised",
        "hidden_terms",
    ]


# --- interval findings -------------------------------------------------------------------------


def _cells(rows):
    return pd.DataFrame(rows, columns=["label", "mean", "ci_low", "ci_high"])


def test_overlapping_pairs_by_hand():
    cells = _cells(
        [
            ("C", -0.1, -0.2, 0.0),
            ("A", -0.5, -0.6, -0.4),
            ("B", -0.3, -0.4, -0.2),
            ("D", float("nan"), float("nan"), float("nan")),
        ]
    )
    # A/B touch at -0.4 (overlap), B/C touch at -0.2 (overlap), A/C are apart; D has no interval
    assert sentiment.overlapping_pairs(cells) == (3, [("A", "C")])
    assert sentiment.overlapping_pairs(cells.iloc[:1]) == (0, [])


def test_tone_finding_states_counts_range_and_separation():
    cells = _cells([("C", -0.1, -0.2, 0.15), ("A", -0.5, -0.6, -0.4), ("B", 0.2, 0.1, 0.3)])
    finding = sentiment.tone_finding(cells, "VADER")
    assert finding.startswith("**VADER**: 2 of 3 (67%) texts lean negative (means from -0.50 to +0.20); ")
    assert finding.endswith("; 2 of 3 (67%) pairs of intervals do not overlap (A / B and A / C).")


def test_tone_finding_on_the_seeds(built):
    body = corpus.body(built.sentences)
    table = sentiment.by_outlet(sentiment.score_sentences(body), sentiment.score_parts(body), built.articles)
    cells = table[(table["voice"] == "all") & (table["method"] == "vader_masked")]
    finding = sentiment.tone_finding(cells, "VADER")
    analysis = built.articles.set_index("article_id").at["004", "label"]
    assert finding == (
        f"**VADER**: all 5 texts lean negative (means from {cells['mean'].min():+.2f} to "
        f"{cells['mean'].max():+.2f}); least negative: {analysis}; every pair of intervals overlaps."
    )
    assert sentiment.overlapping_pairs(cells) == (10, [])


# --- tables ------------------------------------------------------------------------------


def test_scored_table_columns(scored, built):
    required = {
        "sentence_id",
        "article_id",
        "voice",
        "vader_compound",
        "vader_pos",
        "vader_neu",
        "vader_neg",
        "vader_compound_masked",
        "afinn_score",
        "afinn_compound",
        "vader_terms",
        "afinn_terms",
        "masked_names",
    }
    assert required <= set(scored.columns)
    assert list(scored["sentence_id"]) == list(built.sentences["sentence_id"])
    assert scored["vader_compound"].between(-1, 1).all() and scored["afinn_compound_masked"].between(-1, 1).all()
    # the unit's voice is framing.voice's, carried over from the sentences table
    assert list(scored["voice"]) == list(built.sentences["voice"])
    assert set(scored["voice"]) <= set(voice.VOICES)


@pytest.fixture(scope="module")
def body_tables(built):
    body = corpus.body(built.sentences)
    scored_ = sentiment.score_sentences(body)
    parts_ = sentiment.score_parts(body)
    return body, scored_, parts_, sentiment.by_outlet(scored_, parts_, built.articles, seed=stats.DEFAULT_SEED)


def test_by_outlet_shape_and_intervals(body_tables, built):
    body, _, parts_, table = body_tables
    n_outlets = len(built.articles)
    assert len(table) == n_outlets * len(sentiment.SCORE_COLUMNS) * (1 + len(voice.VOICES))
    assert {"label", "method", "voice", "unit", "n", "mean", "ci_low", "ci_high"} <= set(table.columns)
    assert set(table["voice"]) == {"all", *voice.VOICES}
    filled = table[table["n"] > 0]
    assert ((filled["ci_low"] <= filled["mean"]) & (filled["mean"] <= filled["ci_high"])).all()
    assert (filled["n_negative"] + filled["n_neutral"] + filled["n_positive"] == filled["n"]).all()
    empty = table[table["n"] == 0]
    assert empty["mean"].isna().all() and empty["ci_low"].isna().all()
    sizes = table[(table["voice"] == "all") & (table["method"] == "vader")].set_index("article_id")["n"]
    assert sizes.to_dict() == built.articles.set_index("article_id")["n_sentences"].to_dict()
    quoted = table[(table["voice"] == "direct_quote") & (table["method"] == "vader")].set_index("article_id")["n"]
    assert quoted.to_dict() == parts_[parts_["voice"] == "direct_quote"].groupby("article_id").size().to_dict()
    # groups come from the articles table, never from ids
    assert dict(zip(table["label"], table["group"])) == dict(zip(built.articles["label"], built.articles["group"]))


def test_only_the_analysis_imputes_views(body_tables, built):
    """Russia Monitor is the one text with imputations ("Moscow does not actually think ...")."""
    _, _, _, table = body_tables
    imputed = table[(table["voice"] == "imputation") & (table["method"] == "vader") & (table["n"] > 0)]
    assert set(imputed["article_id"]) == {"004"}


def test_by_outlet_mean_matches_plain_mean(body_tables):
    _, scored_, parts_, table = body_tables
    cell = table[(table["article_id"] == "004") & (table["method"] == "vader_masked") & (table["voice"] == "all")].iloc[
        0
    ]
    assert cell["mean"] == pytest.approx(scored_.loc[scored_["article_id"] == "004", "vader_compound_masked"].mean())
    own = table[
        (table["article_id"] == "002") & (table["method"] == "afinn") & (table["voice"] == "own_narration")
    ].iloc[0]
    mine = parts_[(parts_["article_id"] == "002") & (parts_["voice"] == "own_narration")]
    assert own["n"] == len(mine) and own["mean"] == pytest.approx(mine["afinn_compound"].mean())


def test_by_actor_shape(scored, built):
    table = sentiment.by_actor(scored, built.sentences, built.articles)
    groups = table["actor_group"].unique()
    assert len(table) == len(built.articles) * len(groups) * len(sentiment.SCORE_COLUMNS)
    assert (table["small_n"] == (table["n"] < sentiment.SMALL_N)).all()
    # a sentence naming "the United States" counts for that group
    row = sentence_with(built, "seems to intensify and Russia contributes")
    assert set(sentiment.actor_groups_of(row["text"])) == {"North Korea", "Russia", "United States"}


def test_agreement(body_tables, built):
    _, scored_, _, _ = body_tables
    table = sentiment.agreement(scored_, built.articles)
    assert len(table) == 2 * (1 + len(built.articles))  # two method pairs, corpus and each text
    corpus_row = table[(table["label"] == "all") & (table["method_a"] == "vader_masked")].iloc[0]
    vader, afinn = scored_["vader_compound_masked"], scored_["afinn_compound_masked"]
    assert corpus_row["n"] == len(scored_) == built.articles["n_sentences"].sum()
    assert corpus_row["rho"] == pytest.approx(scipy_stats.spearmanr(vader, afinn).statistic)

    def sign(v):
        return np.where(v >= 0.05, 1, np.where(v <= -0.05, -1, 0))  # VADER's thresholds

    assert corpus_row["n_same_sign"] == int((sign(vader) == sign(afinn)).sum())
    newsweek = built.articles.set_index("article_id").loc["002"]
    row = table[(table["label"] == newsweek["label"]) & (table["method_a"] == "vader_masked")].iloc[0]
    assert row["n"] == newsweek["n_sentences"] and row["article_id"] == "002"


def test_disagreements_sorted(scored):
    top = sentiment.disagreements(scored, top=5)
    assert len(top) == 5 and top["abs_gap"].is_monotonic_decreasing


def test_outputs_are_deterministic(built):
    def run():
        scored_ = sentiment.score_sentences(built.sentences)
        parts_ = sentiment.score_parts(built.sentences)
        return (
            storage.table_to_csv_text(scored_),
            storage.table_to_csv_text(sentiment.by_outlet(scored_, parts_, built.articles)),
            storage.table_to_csv_text(sentiment.by_actor(scored_, built.sentences, built.articles)),
        )

    first = run()
    sentiment._vader_cached.cache_clear()
    sentiment._afinn_cached.cache_clear()
    sentiment._name_spans_cached.cache_clear()
    assert run() == first


def test_minimal_input_and_a_sixth_article(built):
    """Input without voice or quote spans scores with an empty voice; a new article (metadata row
    + units with their word counts per voice) flows through the summaries with no code change."""
    extra = (
        built.sentences[built.sentences["article_id"] == "004"]
        .head(3)
        .assign(article_id="005", sentence_id=lambda t: "005-" + t["position"].astype(str).str.zfill(3))
    )
    minimal = extra[["sentence_id", "article_id", "text"]]
    scored_min = sentiment.score_sentences(minimal)
    assert (scored_min["voice"] == "").all() and (scored_min["quoted_share"] == 0).all() and len(scored_min) == 3
    articles = pd.concat(
        [built.articles, built.articles.head(1).assign(article_id="005", label="New outlet", group="live_blog")]
    )
    unquoted = extra.assign(
        quote_spans="", quoted_share=0.0, voice="own_narration", **{f"words_{v}": 0 for v in voice.VOICES}
    ).assign(words_own_narration=extra["n_words"])
    sentences = pd.concat([built.sentences, unquoted], ignore_index=True)
    scored_all = sentiment.score_sentences(sentences)
    table = sentiment.by_outlet(scored_all, sentiment.score_parts(sentences), articles)
    new = table[(table["label"] == "New outlet") & (table["voice"] == "all")]
    assert (new["n"] == 3).all() and set(new["group"]) == {"live_blog"}
    assert (table[(table["label"] == "New outlet") & (table["voice"] == "direct_quote")]["n"] == 0).all()
    assert (table[(table["label"] == "New outlet") & (table["voice"] == "own_narration")]["n"] == 3).all()


# --- fast paths: they must give exactly what the plain computation gives ------------------
# (the fast paths that mirror vaderSentiment's and afinn's own computation are pinned to their
# public API in test_dictionaries.py)


def _variants(built) -> list[str]:
    """Every corpus sentence as written, normalised, name-masked, lower-case and upper-case."""
    texts = list(built.sentences["text"])
    return (
        texts
        + [sentiment.normalise(t) for t in texts]
        + [sentiment.mask_names(t) for t in texts]
        + [t.lower() for t in texts]
        + [t.upper() for t in texts]
    )


TRICKY_TOKENS = [
    "U.S.Army and u.s. a.b",
    "2017Putin iPhone McDonald's",
    "x-y-z -Jong-un- Kim--Jong",
    "A.B.C U.",
    "é Émile _Ab",
    "",
]


def test_factored_token_pattern_finds_the_same_tokens(built):
    definition = re.compile(sentiment._TOKEN_DEFINITION)
    for text in _variants(built) + TRICKY_TOKENS:
        assert [m.span() for m in sentiment._TOKEN.finditer(text)] == [m.span() for m in definition.finditer(text)], (
            text
        )


def test_title_case_stops_at_the_first_long_lower_case_word(built):
    """``_is_title_case`` reads tokens only until it can tell; the answer is the whole list's."""

    def whole_list(text):
        long_words = [t for _, _, t in sentiment._token_spans(text) if len(t) >= sentiment.TITLE_CASE_MIN_LETTERS]
        return len(long_words) >= 3 and all(sentiment._is_capitalised(t) for t in long_words)

    for text in _variants(built) + TRICKY_TOKENS + ["Big Bad Wolf", "Three Long Words", "Three Long Words and more"]:
        tokens = (t for _, _, t in sentiment._token_spans(text))
        assert sentiment._is_title_case(tokens) == whole_list(text), text


def test_mask_keeps_case_and_length():
    assert sentiment._mask_chars("Émile-Zoë U.S. 2017") == "Xxxxx-Xxx X.X. 2017"


def test_scored_masked_columns_equal_scoring_the_masked_text(built):
    """score_sentences reuses the raw scores where masking cannot move them and scores the
    normalised text once; every row must equal scoring each text directly."""
    sentences = pd.concat(
        [
            built.sentences,
            built.sentences.assign(
                sentence_id=lambda t: t["sentence_id"] + "u", text=built.sentences["text"].str.upper()
            ),
        ],
        ignore_index=True,
    )
    scored = sentiment.score_sentences(sentences)
    for text, row in zip(sentences["text"], scored.itertuples()):
        raw_v, raw_a = sentiment.vader_scores(text), sentiment.afinn_scores(text)
        masked_v, masked_a = (
            sentiment.vader_scores(sentiment.mask_names(text)),
            sentiment.afinn_scores(sentiment.mask_names(text)),
        )
        assert (row.vader_compound, row.vader_terms, row.afinn_score, row.afinn_terms) == (
            raw_v["compound"],
            raw_v["terms"],
            raw_a["score"],
            raw_a["terms"],
        )
        assert (row.vader_compound_masked, row.vader_sum_masked, row.vader_terms_masked) == (
            masked_v["compound"],
            round(masked_v["sum"], 4),
            masked_v["terms"],
        )
        assert (row.afinn_score_masked, row.afinn_compound_masked, row.afinn_terms_masked) == (
            masked_a["score"],
            masked_a["compound"],
            masked_a["terms"],
        )
        assert row.masked_names == sentiment.masked_names(text)


def test_is_initial_equals_the_regex(built):
    """The end-of-prefix reading of ``_INITIAL_PREFIX`` agrees with the regex at every position of
    every corpus sentence and of every short string over marks, odd spaces and letters."""
    alphabet = " \t\n\"'!?:.a\u00a0\x1c\u2028"
    short = ["".join(chars) for n in range(1, 5) for chars in itertools.product(alphabet, repeat=n)]
    for text in _variants(built) + short:
        for start in range(len(text) + 1):
            assert sentiment._is_initial(text, start) == bool(sentiment._INITIAL_PREFIX.search(text[:start])), (
                text,
                start,
            )
