"""The README's findings quote numbers; recompute each from data/processed so they cannot go stale."""

from __future__ import annotations

import pandas as pd
import pytest

from framing import io, paths, resources

README = (paths.ROOT / "README.md").read_text(encoding="utf-8")


def _table(name: str) -> pd.DataFrame:
    return io.read_table(paths.PROCESSED_DIR / f"{name}.csv")


def _labels(frame: pd.DataFrame) -> list[str]:
    return sorted(frame["label"])


def test_translation_families():
    families = _table("article_families").set_index("article_id")
    assert families.loc[["000", "001", "003"], "family"].eq("Reuters").all()
    assert families.loc["002", "family"] == "Kremlin English"
    assert families.loc["004", "family"] == "not applicable"
    assert "The aggregator (000) and The\n   Independent print Reuters'" in README
    assert families.loc["001", "parts"] == "Reuters: 2; unknown: 1" and "one\n   of its three quotes of Putin matches no known translation" in README


def test_reuse_numbers():
    pairs = _table("reuse_pairs")
    top = pairs.loc[pairs["containment"].idxmax()]
    assert (top["label"], top["other_label"]) == ("The Independent", "Aggregator (000)")
    assert f"{top['containment']:.1%} of its word 5-grams" in README
    assert f"no pair shares more than {pairs['containment_narration'].max():.1%}" in README


def test_quoted_share_numbers():
    articles = _table("articles")
    analysis = articles.loc[articles["group"] == "analysis", "quoted_word_share"]
    reports = articles.loc[articles["group"] == "wire_report", "quoted_word_share"]
    assert f"{analysis.iloc[0]:.0%} of Russia Monitor's body against {reports.min():.0%}-{reports.max():.0%}" in README


def test_blame_voices():
    roles = _table("responsibility_roles")
    us = roles[(roles["role"] == "cause") & (roles["actor_group"] == "United States") & (roles["group"] == "wire_report")]
    assert set(us["speaker_group"]) == {"Russia"} and "own narration" not in set(us["voice"])
    counts = us.drop_duplicates("sentence_id")["voice"].value_counts()
    assert (len(us["sentence_id"].unique()), counts["attributed paraphrase"], counts["direct quote"]) == (3, 2, 1)
    assert "(3 sentences: 2 attributed paraphrases, 1 direct\n   quote)" in README
    judged = resources.load_lexicon("responsibility_validation.csv")
    missed = judged[(judged["judgement"] == "missed") & (judged["role"] == "cause") & judged["actor"].isin(["United States", "Donald Trump"])
                    & ~judged["sentence_id"].str.startswith("004")]
    assert (len(missed), (missed["voice"] == "own narration").sum()) == (3, 1)
    assert missed.loc[missed["voice"] == "own narration", "sentence_id"].tolist() == ["002-011"]
    assert missed.loc[missed["voice"] != "own narration", "note"].str.contains("North Korea denounced|North Korea has consistently denounced").all()
    assert "a hand reading adds 3 sentences the rules miss, 2 voicing North Korea and 1 in\n   Newsweek's own narration" in README
    own = roles[(roles["role"] == "cause") & (roles["actor_group"] == "Russia") & (roles["group"] == "analysis")
                & (roles["voice"] == "own narration")]
    n_sentences = int(_table("articles").set_index("article_id").loc["004", "n_sentences"])
    assert f"{own['sentence_id'].nunique()} of its {n_sentences} sentences" in README


def test_hedging_numbers():
    tests = _table("rhetoric_group_tests")
    hedging = tests[(tests["category"] == "hedging") & (tests["voice"] == "all")].iloc[0]
    assert f"{hedging['analysis_rate']:.0f} per 1,000 words in Russia Monitor against {hedging['reports_rate']:.0f}" in README
    assert f"p = {hedging['p_holm']:.3f}" in README
    assert (hedging["analysis_count"], hedging["analysis_articles"] + hedging["reports_articles"]) == (12, 5)
    matches = _table("rhetoric_matches")
    reporting = set(matches.loc[matches["layer"] == "attribution", "sentence_id"])
    own = matches[(matches["category"] == "hedging") & ~matches["negated"] & (matches["article_id"] == "004")]
    assert own["sentence_id"].isin(reporting).sum() == 7 and "7 of its 12 hedges sit in sentences with a reporting cue" in README
    lavrov = ["004-010", "004-011", "004-012", "004-013"]  # read: Russia Monitor reporting Lavrov (notebook 02)
    assert own["sentence_id"].isin(lavrov).sum() == 5 and "5 of them in its accounts of what Lavrov said" in README
    assert ((own["sentence_id"] == "004-017") & (own["matched_text"] == "possible")).sum() == 1
    surviving = tests[(tests["voice"] == "all") & (tests["p_holm"] < 0.05)]
    assert surviving["category"].tolist() == ["hedging"]


def test_sentiment_range_and_overlap():
    table = _table("sentiment_by_outlet")
    rows = table[(table["method"] == "vader_masked") & (table["voice"] == "all")]
    assert (rows["mean"] < 0).all()
    assert f"from {rows['mean'].min():.2f} to {rows['mean'].max():.2f}" in README
    lows, highs = rows["ci_low"].to_numpy(), rows["ci_high"].to_numpy()
    assert all(lows[i] <= highs[j] and lows[j] <= highs[i] for i in range(len(rows)) for j in range(len(rows)))


@pytest.mark.parametrize("figure", ["05_statement_families", "04_responsibility_by_voice", "02_rhetoric_by_outlet", "03_sentiment_by_outlet"])
def test_readme_figures_exist(figure):
    assert f"figures/{figure}.png" in README and (paths.FIGURES_DIR / f"{figure}.png").is_file()
