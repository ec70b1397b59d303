"""Metadata and raw files: hashes, evidence, and a clear error for every kind of bad input."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from framing import corpus, metadata, paths, storage
from tests.conftest import raw_line, seed_text


def _metadata_frame(raw_dir):
    return pd.read_csv(raw_dir / "metadata.csv", dtype=str, keep_default_na=False)


def _write_metadata(raw_dir, table):
    table.to_csv(raw_dir / "metadata.csv", index=False)


def test_raw_texts_match_the_manifest():
    manifest = metadata.read_manifest(paths.RAW_DIR)
    assert len(manifest) == 5
    for name, digest in manifest.items():
        assert storage.sha256_of(paths.RAW_DIR / name) == digest, name


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


def test_seed_000_is_identified_as_breitbart_by_evidence_not_by_its_text():
    """The page names no outlet; a word-for-word match with Breitbart's page is the evidence."""
    row = metadata.read_metadata(paths.RAW_DIR).set_index("article_id").loc["000"]
    assert (row["outlet"], row["label"], row["published"]) == ("Breitbart News", "Breitbart", "2017-09-01")
    assert "not named in the text" in row["outlet_evidence"]
    assert "breitbart" not in seed_text("000").lower()


def test_a_text_without_outlet_or_label_gets_a_neutral_label(raw_copy):
    table = _metadata_frame(raw_copy)
    table.loc[table["article_id"] == "000", ["outlet", "label"]] = ""
    table.loc[table["article_id"] == "002", "label"] = ""
    _write_metadata(raw_copy, table)
    labels = metadata.read_metadata(raw_copy).set_index("article_id")["label"]
    assert (labels["000"], labels["002"]) == ("Unnamed (000)", "Newsweek")


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
    with pytest.raises(
        metadata.CorpusError, match=r"metadata\.csv: article 003 names 003_5eacf102e61bbcd3\.txt, which is not in"
    ):
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
    with pytest.raises(
        metadata.CorpusError, match=rf"metadata\.csv: duplicate label {re.escape(table.loc[2, 'label'])}"
    ):
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


@pytest.mark.parametrize("group", ["Wire Report", "wire-report", "2nd_group", ""])
def test_a_group_that_is_no_lower_case_label_is_named(raw_copy, group):
    table = _metadata_frame(raw_copy)
    table.loc[2, "group"] = group
    _write_metadata(raw_copy, table)
    with pytest.raises(
        metadata.CorpusError, match=rf"article 002 has group {re.escape(repr(group))}; a group is a lower-case"
    ):
        metadata.read_metadata(raw_copy)


def test_any_lower_case_group_label_is_accepted(raw_copy):
    """Groups are labels the comparison reads from the metadata, not a fixed list."""
    table = _metadata_frame(raw_copy)
    table.loc[2, "group"] = "live_blog"
    _write_metadata(raw_copy, table)
    assert metadata.read_metadata(raw_copy).set_index("article_id").loc["002", "group"] == "live_blog"


def test_a_date_that_is_not_iso_is_named(raw_copy):
    table = _metadata_frame(raw_copy)
    table.loc[2, "published"] = "1 Sept 2017"
    _write_metadata(raw_copy, table)
    with pytest.raises(metadata.CorpusError, match=r"article 002 has published '1 Sept 2017'; use YYYY-MM-DD"):
        metadata.read_metadata(raw_copy)


def test_an_empty_id_or_file_is_named_with_its_csv_row(raw_copy):
    table = _metadata_frame(raw_copy)
    table.loc[1, "source_file"] = ""
    _write_metadata(raw_copy, table)
    with pytest.raises(metadata.CorpusError, match=r"metadata\.csv: row 3 has an empty article_id or source_file"):
        metadata.read_metadata(raw_copy)


def test_cells_are_trimmed(raw_copy):
    table = _metadata_frame(raw_copy)
    table.loc[2, ["group", "published"]] = [" wire_report ", " 2017-09-01 "]
    _write_metadata(raw_copy, table)
    row = metadata.read_metadata(raw_copy).set_index("article_id").loc["002"]
    assert (row["group"], row["published"]) == ("wire_report", "2017-09-01")


def test_a_metadata_file_saved_with_a_byte_order_mark_and_windows_line_ends_reads_the_same(raw_copy):
    path = raw_copy / "metadata.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert metadata.read_metadata(raw_copy).equals(metadata.read_metadata(paths.RAW_DIR))


def test_a_byte_order_mark_is_not_part_of_the_text(raw_copy):
    path = raw_copy / "000_d6b51712348bd2dc.txt"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    article = next(a for a in metadata.load_articles(raw_copy) if a.article_id == "000")
    assert article.raw_text == seed_text("000")


def test_metadata_rows_are_sorted_by_article_id(raw_copy):
    table = _metadata_frame(raw_copy)
    _write_metadata(raw_copy, table.iloc[::-1])
    assert metadata.read_metadata(raw_copy)["article_id"].tolist() == ["000", "001", "002", "003", "004"]


def test_a_removed_seed_is_caught_by_the_manifest(raw_copy):
    (raw_copy / "003_5eacf102e61bbcd3.txt").unlink()
    with pytest.raises(
        metadata.CorpusError, match=r"003_5eacf102e61bbcd3\.txt: listed in MANIFEST\.sha256 but missing"
    ):
        corpus.build_corpus(raw_copy)


def test_missing_metadata_file_and_column_are_named(raw_copy):
    table = _metadata_frame(raw_copy)
    _write_metadata(raw_copy, table.drop(columns=["group"]))
    with pytest.raises(metadata.CorpusError, match=r"missing required column\(s\) group"):
        metadata.read_metadata(raw_copy)
    (raw_copy / "metadata.csv").unlink()
    with pytest.raises(metadata.CorpusError, match=r"metadata\.csv: metadata file is missing"):
        metadata.read_metadata(raw_copy)
