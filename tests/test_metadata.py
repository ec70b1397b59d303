"""Metadata and raw files: hashes, evidence, and a clear error for every kind of bad input."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from framing import corpus, io, metadata, paths
from tests.conftest import raw_line


def test_raw_texts_match_the_manifest():
    manifest = metadata.read_manifest(paths.RAW_DIR)
    assert len(manifest) == 5
    for name, digest in manifest.items():
        assert io.sha256_of(paths.RAW_DIR / name) == digest, name


def test_an_edited_seed_is_caught_by_the_manifest(raw_copy):
    path = raw_copy / "004_e125ccf955c029f6.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Moscow", "Mosc0w"), encoding="utf-8")
    with pytest.raises(metadata.CorpusError, match=r"004_e125ccf955c029f6\.txt: SHA-256 .* differs from MANIFEST"):
        corpus.build_corpus(raw_copy)


def test_every_text_has_one_metadata_row():
    table = metadata.read_metadata(paths.RAW_DIR)
    assert sorted(table["source_file"]) == sorted(p.name for p in paths.RAW_DIR.glob("*.txt"))
    assert table.loc[table["group"] == "analysis", "article_id"].tolist() == ["004"]


EVIDENCE = re.compile(r"line (\d+): '([^']+)'")


@pytest.mark.parametrize("column", ["outlet_evidence", "author_evidence", "published_evidence", "wire_credit_evidence"])
def test_evidence_quotes_the_line_it_names(column):
    table = metadata.read_metadata(paths.RAW_DIR)
    checked = 0
    for row in table.itertuples():
        for line_no, excerpt in EVIDENCE.findall(getattr(row, column)):
            assert excerpt in raw_line(row.article_id, int(line_no)).replace("\u00a0", " "), (row.article_id, line_no)
            checked += 1
    assert checked or column == "author_evidence"


def test_unnamed_outlet_stays_empty_but_gets_a_label():
    table = metadata.read_metadata(paths.RAW_DIR).set_index("article_id")
    assert table.loc["000", "outlet"] == "" and table.loc["000", "published"] == ""
    assert table.loc["000", "label"] == "Aggregator (000)"


def _metadata_frame(raw_dir):
    return pd.read_csv(raw_dir / "metadata.csv", dtype=str, keep_default_na=False)


def _write_metadata(raw_dir, table):
    table.to_csv(raw_dir / "metadata.csv", index=False)


def test_empty_text_is_named(raw_copy):
    (raw_copy / "002_249d3dc6f4b7fb2d.txt").write_text("  \n\n", encoding="utf-8")
    with pytest.raises(metadata.CorpusError, match=r"002_249d3dc6f4b7fb2d\.txt: file is empty"):
        metadata.load_articles(raw_copy)


def test_non_utf8_text_is_named(raw_copy):
    (raw_copy / "001_5e21d39918117709.txt").write_bytes("Putin’s article".encode("cp1252"))
    with pytest.raises(metadata.CorpusError, match=r"001_5e21d39918117709\.txt: not valid UTF-8 .* at byte 5"):
        metadata.load_articles(raw_copy)


def test_text_without_metadata_row_is_named(raw_copy):
    (raw_copy / "005_new.txt").write_text("A new article about the crisis.\n", encoding="utf-8")
    with pytest.raises(metadata.CorpusError, match=r"005_new\.txt: text file has no row in .*metadata\.csv"):
        metadata.load_articles(raw_copy)


def test_metadata_row_without_text_is_named(raw_copy):
    (raw_copy / "003_5eacf102e61bbcd3.txt").unlink()
    with pytest.raises(metadata.CorpusError, match=r"metadata\.csv: article 003 names 003_5eacf102e61bbcd3\.txt, which is not in"):
        metadata.load_articles(raw_copy)


def test_duplicate_id_is_named(raw_copy):
    table = _metadata_frame(raw_copy)
    table.loc[1, "article_id"] = "000"
    _write_metadata(raw_copy, table)
    with pytest.raises(metadata.CorpusError, match=r"metadata\.csv: duplicate article_id 000"):
        metadata.load_articles(raw_copy)


def test_duplicate_label_is_named(raw_copy):
    table = _metadata_frame(raw_copy)
    table.loc[1, "label"] = table.loc[2, "label"]
    _write_metadata(raw_copy, table)
    with pytest.raises(metadata.CorpusError, match=rf"metadata\.csv: duplicate label {re.escape(table.loc[2, 'label'])}"):
        metadata.read_metadata(raw_copy)


def test_metadata_with_no_rows_or_broken_csv_is_named(raw_copy):
    path = raw_copy / "metadata.csv"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    path.write_text(header + "\n", encoding="utf-8")
    with pytest.raises(metadata.CorpusError, match=r"metadata\.csv: lists no articles"):
        metadata.read_metadata(raw_copy)
    path.write_text(header + '\n005,"005.txt,Example\n', encoding="utf-8")
    with pytest.raises(metadata.CorpusError, match=r"metadata\.csv: not a readable CSV"):
        metadata.read_metadata(raw_copy)


def test_malformed_manifest_line_is_named(raw_copy):
    with (raw_copy / "MANIFEST.sha256").open("a", encoding="utf-8") as manifest:
        manifest.write("not-a-digest\n")
    with pytest.raises(metadata.CorpusError, match=r"MANIFEST\.sha256: line 'not-a-digest' is not"):
        metadata.verify_manifest(raw_copy)


def test_unknown_group_and_bad_date_are_named(raw_copy):
    table = _metadata_frame(raw_copy)
    table.loc[2, "group"] = "opinion"
    _write_metadata(raw_copy, table)
    with pytest.raises(metadata.CorpusError, match=r"article 002 has group 'opinion'"):
        metadata.read_metadata(raw_copy)
    table.loc[2, "group"] = "wire_report"
    table.loc[2, "published"] = "1 Sept 2017"
    _write_metadata(raw_copy, table)
    with pytest.raises(metadata.CorpusError, match=r"article 002 has published '1 Sept 2017'; use YYYY-MM-DD"):
        metadata.read_metadata(raw_copy)


def test_missing_metadata_file_and_column_are_named(raw_copy):
    table = _metadata_frame(raw_copy)
    _write_metadata(raw_copy, table.drop(columns=["group"]))
    with pytest.raises(metadata.CorpusError, match=r"missing required column\(s\) group"):
        metadata.read_metadata(raw_copy)
    (raw_copy / "metadata.csv").unlink()
    with pytest.raises(metadata.CorpusError, match=r"metadata\.csv: metadata file is missing"):
        metadata.read_metadata(raw_copy)


def test_text_without_a_body_is_named(raw_copy):
    (raw_copy / "005_new.txt").write_text("RUSSIA MONITOR\n\nA headline only\n", encoding="utf-8")
    with (raw_copy / "metadata.csv").open("a", encoding="utf-8") as rows:
        rows.write("005,005_new.txt,Example,Example,analysis,,,,,,,,,\n")
    with pytest.raises(metadata.CorpusError, match=r"005_new\.txt: no article body found"):
        corpus.build_corpus(raw_copy)
