"""Sentence sentiment: VADER and AFINN on real sentences of the five texts, checked by hand.

Hand computations use VADER's lexicon valences (vaderSentiment/vader_lexicon.txt), its booster
increment B_INCR = 0.293 (x0.95 two words away) and compound = s / sqrt(s^2 + 15).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from framing import masking, sentiment, spans, storage, tone, voice


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


# --- masking names (the masking itself: test_masking.py) ---------------------------------


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
    raw, masked = sentiment.vader_scores(text), sentiment.vader_scores(masking.mask_names(text))
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


# --- title case headlines ----------------------------------------------------------------


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


def test_outputs_are_deterministic(built):
    def run():
        scored_ = sentiment.score_sentences(built.sentences)
        parts_ = sentiment.score_parts(built.sentences)
        return (
            storage.table_to_csv_text(scored_),
            storage.table_to_csv_text(tone.by_outlet(scored_, parts_, built.articles)),
            storage.table_to_csv_text(tone.by_actor(scored_, built.sentences, built.articles)),
        )

    first = run()
    sentiment._vader_cached.cache_clear()
    sentiment._afinn_cached.cache_clear()
    masking._name_spans_cached.cache_clear()
    assert run() == first


# --- fast paths: they must give exactly what the plain computation gives ------------------
# (the fast paths that mirror vaderSentiment's and afinn's own computation are pinned to their
# public API in test_dictionaries.py)


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
            sentiment.vader_scores(masking.mask_names(text)),
            sentiment.afinn_scores(masking.mask_names(text)),
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
        assert row.masked_names == masking.masked_names(text)
