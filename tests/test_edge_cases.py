"""Corpora at the edges, in the shapes of real news pages: a single article; a report that quotes no
one; a markets brief that names no actor; groups other than the seeds' two; quotes whose speaker
the rules cannot name. Every stage runs through its current API and gives a sensible output (or
says why it cannot)."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framing import (
    corpus,
    distinctive,
    figures,
    frames,
    paths,
    provenance,
    reuse,
    rhetoric,
    sentiment,
    stats,
    tone,
    voice,
)
from tests.conftest import unit_with

# Three pages added to the seeds, each a real page shape (headline, dateline, wire credit, quotes).
PAGES = {
    # a report that quotes no one
    "005": (
        "005_seoul-options.txt",
        "Example Wire",
        "wire_report",
        "Seoul Weighs Its Options\n"
        "Seoul, 4 September 2017\n"
        "South Korea said on Monday that it would keep talking with China and Japan about the crisis, and that new "
        "sanctions were being discussed in Seoul.\n"
        "Officials in Tokyo described the situation as serious but stable.\n",
    ),
    # a live markets brief that names no actor of actors.csv, with an unnamed speaker
    "006": (
        "006_markets-close.txt",
        "Harbour Markets",
        "live_blog",
        "Markets close quietly\n"
        "Updated 17:05\n"
        "Shares in regional markets slipped on Friday as investors weighed a week of mixed company results.\n"
        "\u201cIt was a quiet day with thin volumes,\u201d one trader said.\n"
        "Bond prices were little changed and the currency held steady against the dollar.\n",
    ),
    # agency copy: Putin in the Kremlin's English, then an official the text does not name
    "007": (
        "007_test-wire.txt",
        "Test Wire",
        "wire_copy",
        "Putin says pressure on Pyongyang futile\n"
        "MOSCOW, Sept 1 (Test Wire) - Russian President Vladimir Putin said on Friday that putting pressure on North "
        "Korea to stop its missile programme was \u201cmisguided and futile.\u201d\n"
        "\u201cWe will not be intimidated by threats, and we will not change our plans,\u201d a senior official told "
        "reporters in Seoul.\n"
        "The official did not say when the next talks would take place.\n",
    ),
}
NEW = sorted(PAGES)


@pytest.fixture(scope="module")
def one_article(tmp_path_factory) -> corpus.Corpus:
    """The analysis alone: one text, one group."""
    raw = tmp_path_factory.mktemp("one")
    shutil.copyfile(paths.RAW_DIR / "004_e125ccf955c029f6.txt", raw / "004_e125ccf955c029f6.txt")
    lines = (paths.RAW_DIR / "metadata.csv").read_text(encoding="utf-8").splitlines()
    (raw / "metadata.csv").write_text(
        "\n".join([lines[0], *[line for line in lines if line.startswith("004,")]]) + "\n", encoding="utf-8"
    )
    return corpus.build_corpus(raw)


@pytest.fixture(scope="module")
def grown(tmp_path_factory) -> corpus.Corpus:
    """The five seeds and the three pages above (groups wire_report, analysis, live_blog, wire_copy)."""
    raw = Path(tmp_path_factory.mktemp("grown")) / "raw"
    shutil.copytree(paths.RAW_DIR, raw)
    meta = pd.read_csv(raw / "metadata.csv", dtype=str, keep_default_na=False)
    rows = []
    for article_id, (name, outlet, group, text) in PAGES.items():
        (raw / name).write_text(text, encoding="utf-8")
        rows.append(
            dict.fromkeys(meta.columns, "")
            | {"article_id": article_id, "source_file": name, "outlet": outlet, "group": group}
        )
    pd.concat([meta, pd.DataFrame(rows)]).to_csv(raw / "metadata.csv", index=False)
    return corpus.build_corpus(raw)


def _rates(built: corpus.Corpus) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(matches, per-sentence counts, per-text rates) over the body, as notebook 02 makes them."""
    body = corpus.body(built.sentences)
    matches = rhetoric.match_sentences(built.sentences, built.quotes)
    counts = rhetoric.sentence_counts(
        matches[matches["sentence_id"].isin(set(body["sentence_id"]))], body, list(rhetoric.categories()["category"])
    )
    return matches, counts, rhetoric.outlet_rates(counts, built.articles)


@pytest.fixture(scope="module")
def grown_rates(grown) -> pd.DataFrame:
    return _rates(grown)[2]


def _sentiment(built: corpus.Corpus) -> pd.DataFrame:
    body = corpus.body(built.sentences)
    return tone.by_outlet(sentiment.score_sentences(body), sentiment.score_parts(body), built.articles)


# --- one article -----------------------------------------------------------------------------------


def test_one_article_builds_and_scores(one_article):
    articles = one_article.articles
    assert list(articles["article_id"]) == ["004"]
    assert len(corpus.body(one_article.sentences)) == articles.loc[0, "n_sentences"] > 10
    _, _, rates = _rates(one_article)
    assert set(rates["label"]) == set(articles["label"])
    table = _sentiment(one_article)
    assert set(table["article_id"]) == {"004"}
    assert (table.loc[table["voice"] == "all", "n"] == articles.loc[0, "n_sentences"]).all()


def test_one_article_comparisons_say_why_they_cannot_run(one_article):
    _, _, rates = _rates(one_article)
    tests = rhetoric.group_tests(rates, "analysis")
    assert tests["p_value"].isna().all() and tests["p_holm"].isna().all()
    assert tests["note"].str.startswith("not tested: a group has 0 text(s)").all()
    with pytest.raises(ValueError, match="must hold some but not all sentences"):
        distinctive.compare_groups(corpus.body(one_article.sentences), one_article.articles, "analysis")
    with pytest.raises(ValueError, match="needs at least two"):
        reuse.choose_n(reuse.part_curves(corpus.body(one_article.sentences)).query("part == 'full'"))
    pairs = reuse.reuse_pairs(corpus.body(one_article.sentences), 5)
    assert pairs.empty and "containment" in pairs.columns


def test_one_article_quoting_no_putin_has_no_family(one_article):
    markers = provenance.load_markers()
    families = provenance.article_families(
        provenance.quote_families(one_article.quotes, markers), one_article.articles, markers
    )
    assert families[["article_id", "family", "n_putin_quotes"]].values.tolist() == [["004", "not applicable", 0]]


def test_one_article_figure_helpers(one_article, tmp_path):
    rows, more = figures.text_rows(one_article.articles, ["analysis"])
    assert rows == one_article.articles["label"].tolist() and more == 0
    assert figures.group_palette(one_article.articles["group"], "analysis") == {"analysis": figures.FOCUS_COLOUR}
    assert figures.source_line(len(one_article.articles)).startswith("Source: 1 text in")


def test_one_article_tone_finding_reads_as_english(one_article):
    table = _sentiment(one_article)
    finding = tone.tone_finding(table[(table["voice"] == "all") & (table["method"] == "vader_masked")], "VADER")
    assert "1 texts" not in finding
    assert "every pair of intervals overlaps" not in finding


def test_frame_evidence_of_one_text_names_only_its_units(one_article):
    matches = rhetoric.match_sentences(one_article.sentences, one_article.quotes)
    evidence = frames.frame_evidence(
        frames.frame_codebook(), frames.build_evidence(one_article.sentences, one_article.quotes, matches)
    )
    assert set(evidence["sentence_id"]) <= set(one_article.sentences["sentence_id"])
    assert set(evidence["article_id"]) <= set(one_article.articles["article_id"])


# --- a report that quotes no one ------------------------------------------------------------------------


def test_article_without_quotes_flows_through(grown, grown_rates):
    new = grown.articles.set_index("article_id").loc["005"]
    assert (new["n_sentences"], new["n_quotes"], new["quoted_word_share"]) == (2, 0, 0)
    assert "005" not in set(grown.quotes["article_id"])
    markers = provenance.load_markers()
    families = provenance.article_families(
        provenance.quote_families(grown.quotes, markers), grown.articles, markers
    ).set_index("article_id")
    assert families.loc["005", "family"] == "not applicable"
    assert families.loc["005", "evidence"] == "no quote of Putin's article"
    table = _sentiment(grown)
    quoted = table[(table["article_id"] == "005") & (table["voice"] == "direct_quote")]
    assert (quoted["n"] == 0).all() and quoted["mean"].isna().all()
    rates = grown_rates
    in_quotes = rates[(rates["article_id"] == "005") & (rates["voice"] == "direct_quote")]
    assert (in_quotes["count"] == 0).all() and (in_quotes["words"] == 0).all()
    assert in_quotes["per_1000_words"].isna().all()  # no quoted words: no rate, not a rate of zero


def test_article_without_quotes_in_reuse(grown):
    body = corpus.body(grown.sentences)
    pairs = reuse.reuse_pairs(body, 5)
    assert len(pairs) == 8 * 7
    mine = pairs[pairs["article_id"] == "005"]
    assert (mine["containment_quotes"] == 0).all()
    assert mine["containment"].max() < reuse.PARTIALLY_DERIVED
    assert "005" not in reuse.article_segments(body, "quotes") or not reuse.article_segments(body, "quotes")["005"]


# --- a text naming no actor ---------------------------------------------------------------------------


def test_a_text_naming_no_actor(grown):
    body = corpus.body(grown.sentences)
    mentions = rhetoric.actor_mentions(body, grown.quotes)
    assert "006" not in set(mentions["article_id"])
    summary = rhetoric.actor_summary(mentions, body, grown.articles)
    markets = summary[summary["article_id"] == "006"]
    assert len(markets) == mentions["actor_group"].nunique()  # every group, with zeros
    assert (markets["mentions"] == 0).all() and (markets["share_of_sentences"] == 0).all()
    by_actor = tone.by_actor(sentiment.score_sentences(body), body, grown.articles)
    cells = by_actor[by_actor["article_id"] == "006"]
    assert len(cells) == by_actor["actor_group"].nunique() * len(tone.SCORE_COLUMNS)
    assert (cells["n"] == 0).all() and cells["mean"].isna().all() and cells["small_n"].all()


def test_actor_rhetoric_with_no_matches(built):
    mentions = rhetoric.actor_mentions(built.sentences, built.quotes)
    no_matches = rhetoric.match_sentences(built.sentences, built.quotes).iloc[0:0]
    table = rhetoric.actor_rhetoric(mentions, no_matches, built.sentences, built.articles, ["hedging"])
    assert (table["sentences_with_both"] == 0).all() and set(table["category"]) == {"hedging"}
    assert (table["share"] == 0).all() and (table["baseline_share"] == 0).all()


# --- groups other than the seeds' ----------------------------------------------------------------------


def test_groups_come_from_the_metadata(grown):
    groups = dict(zip(grown.articles["article_id"], grown.articles["group"]))
    assert {groups[a] for a in NEW} == {"wire_report", "live_blog", "wire_copy"}
    table = _sentiment(grown)
    assert dict(zip(table["article_id"], table["group"])) == groups
    palette = figures.group_palette(grown.articles["group"], "analysis")
    assert set(palette) == {"analysis", "wire_report", "live_blog", "wire_copy"} and len(set(palette.values())) == 4
    rows, _ = figures.text_rows(grown.articles, sorted(set(groups.values()), key=lambda g: (g != "analysis", g)))
    assert rows[0] == grown.articles.set_index("article_id").at["004", "label"] and len(rows) == 8


def test_a_group_of_three_or_more_texts_on_each_side_is_tested(grown_rates):
    """Five reports against the analysis, the live blog and the wire copy: C(8, 3) = 56 shuffles of
    whole texts, so the smallest attainable p is 1/56; the lone analysis still cannot be tested."""
    rates = grown_rates
    tests = rhetoric.group_tests(rates, "wire_report")
    assert (tests["focus_texts"] == 5).all() and (tests["other_texts"] == 3).all()
    tested = tests[tests["p_value"].notna()]
    assert len(tested) > 0 and np.allclose(tested["smallest_p"], 1 / 56)
    assert (tested["p_value"] >= tested["smallest_p"] - 1e-12).all() and (tested["p_holm"] >= tested["p_value"]).all()
    untested = tests[tests["p_value"].isna()]
    assert untested["note"].str.startswith("not tested").all()
    assert rhetoric.group_tests(rates, "analysis")["p_value"].isna().all()


def test_frame_evidence_covers_texts_of_every_group(grown):
    matches = rhetoric.match_sentences(grown.sentences, grown.quotes)
    evidence = frames.frame_evidence(
        frames.frame_codebook(), frames.build_evidence(grown.sentences, grown.quotes, matches)
    )
    group_of = grown.articles.set_index("article_id")["group"]
    assert set(evidence["article_id"].map(group_of)) <= set(grown.articles["group"])
    assert evidence["article_id"].isin(set(grown.articles["article_id"])).all()


def test_distinctive_terms_of_a_new_group(grown):
    table = distinctive.compare_groups(corpus.body(grown.sentences), grown.articles, "live_blog")
    assert table.loc[table["term"] == "shares", "count_focus"].iloc[0] >= 1
    assert (
        (table["g2"] > 0)
        .eq(table["count_focus"] / table["count_focus"].sum() > table["count_rest"] / table["count_rest"].sum())
        .all()
    )


# --- quotes with no resolved speaker ---------------------------------------------------------------------


def test_quotes_with_no_speaker(grown):
    trader = unit_with(grown.quotes, "006", "quiet day with thin volumes")
    official = unit_with(grown.quotes, "007", "We will not be intimidated")
    for quote, alias in ((trader, "one trader"), (official, "a senior official")):
        assert quote["speaker"] == "" and quote["speaker_alias"] == alias and quote["speaker_kind"] == "unnamed"
    unit = unit_with(grown.sentences, "007", "We will not be intimidated")
    assert (unit["voice"], unit["voice_speaker"]) == ("direct_quote", voice.UNRESOLVED)
    by_speaker = corpus.quotes_by_speaker(grown)
    unnamed = by_speaker[(by_speaker["article_id"].isin(["006", "007"])) & (by_speaker["speaker"] == corpus.NO_SPEAKER)]
    assert unnamed.set_index("article_id")["n_quotes"].to_dict() == {"006": 1, "007": 1}
    summary = corpus.outlet_summary(grown).set_index("article_id")
    assert summary.loc["007", ["n_quotes_no_speaker", "n_speakers", "speakers"]].tolist() == [1, 1, "Vladimir Putin"]


def test_an_unnamed_speaker_has_no_family_and_a_statement_of_its_own(grown):
    markers = provenance.load_markers()
    families = provenance.quote_families(grown.quotes, markers).set_index("quote_id")
    official = unit_with(grown.quotes, "007", "We will not be intimidated")["quote_id"]
    putin = unit_with(grown.quotes, "007", "misguided and futile")["quote_id"]
    assert families.loc[official, "family"] == provenance.NOT_APPLICABLE
    assert families.loc[putin, "family"] == "Kremlin English"
    statements = provenance.quote_statements(grown.quotes).set_index("quote_id")
    assert statements.loc[official, "n_units"] == 1  # never joined: unnamed quotes are not one speaker
    pairs = provenance.unit_pairs(provenance.quote_units(grown.quotes))
    assert not pairs["unit_a"].str.startswith(official).any() and not pairs["unit_b"].str.startswith(official).any()
    article = provenance.article_families(
        provenance.quote_families(grown.quotes, markers), grown.articles, markers
    ).set_index("article_id")
    assert article.loc["007", ["family", "n_putin_quotes"]].tolist() == ["Kremlin English", 1]


def test_sentiment_of_an_unnamed_speakers_words(grown):
    body = corpus.body(grown.sentences)
    parts = sentiment.score_parts(body[body["article_id"].isin(NEW)])
    unit = unit_with(grown.sentences, "006", "quiet day with thin volumes")
    mine = parts[parts["sentence_id"] == unit["sentence_id"]].set_index("voice")
    assert list(mine.index) == ["own_narration", "direct_quote"]
    assert mine.loc["direct_quote", "text"] == "It was a quiet day with thin volumes,"
    assert mine.loc["own_narration", "text"] == "one trader said."


def test_every_stage_keeps_every_new_text(grown, grown_rates):
    """No stage drops a text because it lacks quotes, actors or a seed group."""
    assert set(NEW) <= set(grown.articles["article_id"])
    table = _sentiment(grown)
    assert set(NEW) <= set(table.loc[(table["voice"] == "all") & (table["n"] > 0), "article_id"])
    rates = grown_rates
    assert set(NEW) <= set(rates["article_id"])
    assert not rates.loc[rates["voice"] == "all", "per_1000_words"].isna().any()
    assert all(not math.isnan(v) for v in rates.loc[rates["voice"] == "all", "ci_high"])
    assert np.isfinite(stats.holm(rhetoric.group_tests(rates, "wire_report")["p_value"].dropna().to_numpy())).all()


# --- one report alone ----------------------------------------------------------------------------------


def _only(article_id: str, tmp_path: Path) -> corpus.Corpus:
    raw = tmp_path / "raw"
    raw.mkdir()
    lines = (paths.RAW_DIR / "metadata.csv").read_text(encoding="utf-8").splitlines()
    row = next(line for line in lines if line.startswith(f"{article_id},"))
    shutil.copyfile(paths.RAW_DIR / row.split(",")[1], raw / row.split(",")[1])
    (raw / "metadata.csv").write_text(f"{lines[0]}\n{row}\n", encoding="utf-8")
    return corpus.build_corpus(raw)


@pytest.mark.parametrize("article_id", ["001", "002", "003"])
def test_frame_evidence_on_a_one_report_corpus(article_id, tmp_path):
    """Items whose hits all fail a 'mentions' filter used to crash on the empty selection."""
    built = _only(article_id, tmp_path)
    evidence = frames.build_evidence(
        built.sentences, built.quotes, rhetoric.match_sentences(built.sentences, built.quotes)
    )
    found = frames.frame_evidence(frames.frame_codebook(), evidence)
    assert set(found["article_id"]) == {article_id}
    assert "en_prob_3" not in set(found["item_id"])  # Russia-US rivalry: no sentence of this report names both
