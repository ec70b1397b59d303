"""Tone summaries (``framing.tone``): per text, voice and actor group, the agreement of the two
methods and the finding sentences, on the five texts and by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats as scipy_stats

from framing import corpus, sentiment, stats, tone, voice
from tests.conftest import unit_with


@pytest.fixture(scope="module")
def scored(built):
    return sentiment.score_sentences(built.sentences)


# --- interval findings -------------------------------------------------------------------


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
    assert tone.overlapping_pairs(cells) == (3, [("A", "C")])
    assert tone.overlapping_pairs(cells.iloc[:1]) == (0, [])


def test_tone_finding_states_counts_range_and_separation():
    cells = _cells([("C", -0.1, -0.2, 0.15), ("A", -0.5, -0.6, -0.4), ("B", 0.2, 0.1, 0.3)])
    finding = tone.tone_finding(cells, "VADER")
    assert finding.startswith("**VADER**: 2 of 3 (67%) texts lean negative (means from -0.50 to +0.20); ")
    assert finding.endswith("; 2 of 3 (67%) pairs of intervals do not overlap (A / B and A / C).")


def test_tone_finding_on_the_seeds(built):
    body = corpus.body(built.sentences)
    table = tone.by_outlet(sentiment.score_sentences(body), sentiment.score_parts(body), built.articles)
    cells = table[(table["voice"] == "all") & (table["method"] == "vader_masked")]
    finding = tone.tone_finding(cells, "VADER")
    analysis = built.articles.set_index("article_id").at["004", "label"]
    assert finding == (
        f"**VADER**: all 5 texts lean negative (means from {cells['mean'].min():+.2f} to "
        f"{cells['mean'].max():+.2f}); least negative: {analysis}; every pair of intervals overlaps."
    )
    assert tone.overlapping_pairs(cells) == (10, [])


# --- tables ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def body_tables(built):
    body = corpus.body(built.sentences)
    scored_ = sentiment.score_sentences(body)
    parts_ = sentiment.score_parts(body)
    return body, scored_, parts_, tone.by_outlet(scored_, parts_, built.articles, seed=stats.DEFAULT_SEED)


def test_by_outlet_shape_and_intervals(body_tables, built):
    body, _, parts_, table = body_tables
    n_outlets = len(built.articles)
    assert len(table) == n_outlets * len(tone.SCORE_COLUMNS) * (1 + len(voice.VOICES))
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
    table = tone.by_actor(scored, built.sentences, built.articles)
    groups = table["actor_group"].unique()
    assert len(table) == len(built.articles) * len(groups) * len(tone.SCORE_COLUMNS)
    assert (table["small_n"] == (table["n"] < tone.SMALL_N)).all()
    # a sentence naming "the United States" counts for that group
    row = unit_with(built.sentences, "004", "seems to intensify and Russia contributes")
    assert set(tone.actor_groups_of(row["text"])) == {"North Korea", "Russia", "United States"}


def test_agreement(body_tables, built):
    _, scored_, _, _ = body_tables
    table = tone.agreement(scored_, built.articles)
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
    top = tone.disagreements(scored, top=5)
    assert len(top) == 5 and top["abs_gap"].is_monotonic_decreasing


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
    table = tone.by_outlet(scored_all, sentiment.score_parts(sentences), articles)
    new = table[(table["label"] == "New outlet") & (table["voice"] == "all")]
    assert (new["n"] == 3).all() and set(new["group"]) == {"live_blog"}
    assert (table[(table["label"] == "New outlet") & (table["voice"] == "direct_quote")]["n"] == 0).all()
    assert (table[(table["label"] == "New outlet") & (table["voice"] == "own_narration")]["n"] == 3).all()
