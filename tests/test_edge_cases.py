"""Corpora at the edges: a single article, and an added article that quotes no one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from framing import corpus, distinctive, frames, paths, provenance, reuse, rhetoric, sentiment

NO_QUOTES = (
    "Seoul Weighs Its Options\n\n"
    "South Korea said on Monday that it would keep talking with China and Japan about the crisis, "
    "and that new sanctions were being discussed in Seoul.\n\n"
    "Officials in Tokyo described the situation as serious but stable.\n"
)


@pytest.fixture(scope="module")
def one_article(tmp_path_factory) -> corpus.Corpus:
    raw = tmp_path_factory.mktemp("one")
    shutil.copyfile(paths.RAW_DIR / "004_e125ccf955c029f6.txt", raw / "004_e125ccf955c029f6.txt")
    lines = (paths.RAW_DIR / "metadata.csv").read_text(encoding="utf-8").splitlines()
    (raw / "metadata.csv").write_text("\n".join([lines[0], *[l for l in lines if l.startswith("004,")]]) + "\n", encoding="utf-8")
    return corpus.build_corpus(raw)


@pytest.fixture(scope="module")
def with_unquoted(tmp_path_factory) -> corpus.Corpus:
    raw = Path(tmp_path_factory.mktemp("six")) / "raw"
    shutil.copytree(paths.RAW_DIR, raw)
    (raw / "005_noquotes.txt").write_text(NO_QUOTES, encoding="utf-8")
    with (raw / "metadata.csv").open("a", encoding="utf-8") as rows:
        rows.write("005,005_noquotes.txt,Example Wire,Example Wire,wire_report,,,,,,,,,\n")
    return corpus.build_corpus(raw)


def _rates(built: corpus.Corpus):
    counts = rhetoric.sentence_counts(rhetoric.match_sentences(built.sentences), built.sentences,
                                      list(rhetoric.categories()["category"]))
    return counts, rhetoric.outlet_rates(counts, built.articles)


def test_one_article_builds_and_scores(one_article):
    assert list(one_article.articles["article_id"]) == ["004"] and len(one_article.sentences) == 19
    _, rates = _rates(one_article)
    assert set(rates["label"]) == {"Russia Monitor"}
    scored = sentiment.score_sentences(one_article.sentences)
    table = sentiment.by_outlet(scored, sentiment.score_parts(one_article.sentences), one_article.articles)
    assert (table["n"] > 0).any()


def test_one_article_comparisons_say_why_they_cannot_run(one_article):
    counts, _ = _rates(one_article)
    with pytest.raises(ValueError, match="needs units in both groups"):
        rhetoric.group_tests(counts, one_article.articles)
    with pytest.raises(ValueError, match="must hold some but not all sentences"):
        distinctive.compare_groups(one_article.sentences, one_article.articles, "analysis")
    with pytest.raises(ValueError, match="needs at least two"):
        reuse.choose_n(reuse.part_curves(one_article.sentences).query("part == 'full'"))


def test_article_without_quotes_flows_through(with_unquoted):
    new = with_unquoted.articles.set_index("article_id").loc["005"]
    assert (new["n_sentences"], new["n_quotes"], new["quoted_word_share"]) == (2, 0, 0)
    assert "005" not in set(with_unquoted.quotes["article_id"])
    families = provenance.article_families(provenance.quote_families(with_unquoted.quotes, provenance.load_markers()),
                                           with_unquoted.articles).set_index("article_id")
    assert families.loc["005", "family"] == "not applicable"
    scored = sentiment.by_outlet(sentiment.score_sentences(with_unquoted.sentences),
                                 sentiment.score_parts(with_unquoted.sentences), with_unquoted.articles)
    quoted = scored[(scored["article_id"] == "005") & (scored["voice"] == "quote")]
    assert (quoted["n"] == 0).all() and quoted["mean"].isna().all()
    _, rates = _rates(with_unquoted)
    assert (rates.loc[(rates["article_id"] == "005") & (rates["voice"] == "quote"), "count"] == 0).all()
    pairs = reuse.reuse_pairs(with_unquoted.sentences, 5)
    assert len(pairs) == 6 * 5 and pairs.loc[pairs["article_id"] == "005", "containment"].max() == 0


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
    evidence = frames.build_evidence(built.sentences, built.quotes, built.articles, rhetoric.match_sentences(built.sentences))
    found = frames.frame_evidence(frames.frame_codebook(), evidence)
    assert set(found["sentence_id"].str[:3]) == {article_id}
    assert "en_prob_3" not in set(found["item_id"])  # Russia-US rivalry: no sentence of this report names both


def test_actor_rhetoric_with_no_matches(built):
    mentions = rhetoric.actor_mentions(built.sentences)
    no_matches = rhetoric.match_sentences(built.sentences).iloc[0:0]
    table = rhetoric.actor_rhetoric(mentions, no_matches, built.sentences, built.articles, ["hedging"])
    assert (table["sentences_with_both"] == 0).all() and set(table["category"]) == {"hedging"}
