"""Atomic, deterministic writes (the old file or the new one, never a mix) and tables that read back
with their types."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from framing import rhetoric, storage


def test_write_table_is_deterministic_and_unix(tmp_path):
    table = pd.DataFrame({"a": [1.0 / 3, 2.0], "b": ["x", "y"]})
    first = storage.write_table(table, tmp_path / "t.csv").read_bytes()
    second = storage.write_table(table, tmp_path / "t.csv").read_bytes()
    assert first == second == b"a,b\n0.333333,x\n2,y\n"


def test_failed_write_keeps_the_old_file_and_no_temp(tmp_path):
    target = tmp_path / "t.csv"
    target.write_text("old\n")

    with pytest.raises(TypeError):
        storage.atomic_write_bytes(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_read_table_keeps_ids_as_strings(tmp_path):
    storage.write_table(pd.DataFrame({"article_id": ["000", "001"], "n": [3, 4]}), tmp_path / "t.csv")
    back = storage.read_table(tmp_path / "t.csv")
    assert back["article_id"].tolist() == ["000", "001"] and back["n"].tolist() == [3, 4]


def test_read_table_restores_booleans_numbers_with_gaps_and_ids(tmp_path):
    table = pd.DataFrame(
        {
            "article_id": ["000", "004"],
            "negated": [True, False],
            "mean": [-0.25, float("nan")],
            "count": [3, 0],
            "speaker": ["Putin", ""],
        }
    )
    again = storage.read_table(storage.write_table(table, tmp_path / "t.csv"))
    assert again["article_id"].tolist() == ["000", "004"]
    assert again["negated"].dtype == bool and again["negated"].tolist() == [True, False]
    assert again["mean"].iloc[0] == -0.25 and pd.isna(again["mean"].iloc[1])
    assert again["count"].tolist() == [3, 0] and again["speaker"].tolist() == ["Putin", ""]


def test_library_gives_the_same_counts_on_a_read_back_table(built, tmp_path):
    """'False' read back as a string is truthy: every negated match would count as negated."""
    matches = rhetoric.match_sentences(built.sentences, built.quotes)
    again = storage.read_table(storage.write_table(matches, tmp_path / "rhetoric_matches.csv"))
    names = list(rhetoric.categories()["category"])
    fresh = rhetoric.sentence_counts(matches, built.sentences, names)
    read = rhetoric.sentence_counts(again, built.sentences, names)
    assert read["count"].sum() == fresh["count"].sum() > 0
    assert read["n_negated"].sum() == fresh["n_negated"].sum() > 0


def test_id_lists_stay_strings_and_blanks_stay_empty(tmp_path):
    """``shared_with_ids`` such as '003' or '000;003' must not become the number 3."""
    table = pd.DataFrame(
        {
            "sentence_id": ["003-001", "003-002"],
            "shared_with_ids": ["000", "000;004"],
            "wire": ["Reuters", ""],
            "copy_share": [1.0, 0.25],
        }
    )
    again = storage.read_table(storage.write_table(table, tmp_path / "t.csv"))
    assert again["shared_with_ids"].tolist() == ["000", "000;004"]
    assert again["wire"].tolist() == ["Reuters", ""]
    assert again["copy_share"].tolist() == [1.0, 0.25]


def test_quote_spans_stay_text(tmp_path):
    table = pd.DataFrame({"sentence_id": ["000-005"], "quote_spans": ["31-79"]})
    assert storage.read_table(storage.write_table(table, tmp_path / "t.csv"))["quote_spans"].tolist() == ["31-79"]


def test_text_is_written_as_utf8_with_unix_line_ends(tmp_path):
    path = storage.atomic_write_text(tmp_path / "note.md", "Putin: \u201croad to nowhere\u201d\n")
    assert path.read_bytes() == "Putin: \u201croad to nowhere\u201d\n".encode("utf-8")


def test_write_creates_missing_folders_and_replaces_the_old_file(tmp_path):
    target = tmp_path / "processed" / "deep" / "t.csv"
    storage.atomic_write_bytes(target, b"old\n")
    storage.atomic_write_bytes(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert [p.name for p in target.parent.iterdir()] == ["t.csv"]


def test_written_files_get_ordinary_permissions(tmp_path):
    """mkstemp creates 0600 files; outputs are readable like any file the user writes (umask applied)."""
    mask = os.umask(0)
    os.umask(mask)
    path = storage.atomic_write_bytes(tmp_path / "t.csv", b"x\n")
    assert path.stat().st_mode & 0o777 == 0o644 & ~mask


def test_sha256_of_is_the_standard_digest(tmp_path):
    (tmp_path / "abc.txt").write_bytes(b"abc")  # the FIPS 180-2 test vector
    assert storage.sha256_of(tmp_path / "abc.txt") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
