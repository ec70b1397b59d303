"""The corpus tables honour the data contract (DESIGN.md §2) and read back unchanged."""

from __future__ import annotations

import pytest

from framing import corpus, io, spans

CONTRACT = {
    "articles": ["article_id", "source_file", "outlet", "group", "author", "published", "headline", "wire_credit",
                 "n_sentences", "n_words"],
    "sentences": ["sentence_id", "article_id", "paragraph", "position", "text", "quoted_share"],
    "quotes": ["quote_id", "article_id", "sentence_id", "text", "speaker", "cue"],
    "removed_lines": ["article_id", "line_no", "text", "reason"],
}


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_contract_columns(built, name):
    columns = list(built.tables()[name].columns)
    assert [c for c in CONTRACT[name] if c not in columns] == []


def test_ids_are_unique_and_linked(built):
    assert built.sentences["sentence_id"].is_unique
    assert built.quotes["quote_id"].is_unique
    assert set(built.quotes["sentence_id"]) <= set(built.sentences["sentence_id"])
    assert set(built.sentences["article_id"]) == set(built.articles["article_id"])
    assert built.sentences.groupby("article_id")["position"].apply(lambda p: list(p) == list(range(1, len(p) + 1))).all()


def test_article_counts_agree_with_sentences(built):
    per_article = built.sentences.groupby("article_id").agg(n=("sentence_id", "size"), w=("n_words", "sum"))
    articles = built.articles.set_index("article_id")
    assert (articles["n_sentences"] == per_article["n"]).all()
    assert (articles["n_words"] == per_article["w"]).all()
    assert articles["n_quotes"].sum() == len(built.quotes)


def test_quoted_share_is_a_share(built):
    assert built.sentences["quoted_share"].between(0, 1).all()
    assert (built.sentences.loc[built.sentences["quote_spans"] == "", "quoted_share"] == 0).all()


def test_metadata_and_extraction_agree(built):
    for field in ("headline", "published", "wire_credit"):
        rows = built.articles[built.articles[f"extracted_{field}"] != ""]
        assert (rows[field] == rows[f"extracted_{field}"]).all(), field


def test_tables_round_trip(built, tmp_path):
    corpus.write_corpus(built, tmp_path)
    again = corpus.read_corpus(tmp_path)
    for name, table in built.tables().items():
        assert io.table_to_csv_text(again.tables()[name]) == io.table_to_csv_text(table), name


def test_spans_round_trip():
    assert spans.parse_spans(spans.format_spans([(0, 4), (10, 22)])) == [(0, 4), (10, 22)]
    assert spans.parse_spans("") == []
