"""Atomic writes leave either the old file or the new one, never a mix."""

from __future__ import annotations

import pandas as pd
import pytest

from framing import io, rhetoric


def test_write_table_is_deterministic_and_unix(tmp_path):
    table = pd.DataFrame({"a": [1.0 / 3, 2.0], "b": ["x", "y"]})
    first = io.write_table(table, tmp_path / "t.csv").read_bytes()
    second = io.write_table(table, tmp_path / "t.csv").read_bytes()
    assert first == second == b"a,b\n0.333333,x\n2,y\n"


def test_failed_write_keeps_the_old_file_and_no_temp(tmp_path):
    target = tmp_path / "t.csv"
    target.write_text("old\n")

    with pytest.raises(TypeError):
        io.atomic_write_bytes(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_read_table_keeps_ids_as_strings(tmp_path):
    io.write_table(pd.DataFrame({"article_id": ["000", "001"], "n": [3, 4]}), tmp_path / "t.csv")
    back = io.read_table(tmp_path / "t.csv")
    assert back["article_id"].tolist() == ["000", "001"] and back["n"].tolist() == [3, 4]


def test_read_table_restores_booleans_numbers_with_gaps_and_ids(tmp_path):
    table = pd.DataFrame({"article_id": ["000", "004"], "negated": [True, False], "mean": [-0.25, float("nan")],
                          "count": [3, 0], "speaker": ["Putin", ""]})
    again = io.read_table(io.write_table(table, tmp_path / "t.csv"))
    assert again["article_id"].tolist() == ["000", "004"]
    assert again["negated"].dtype == bool and again["negated"].tolist() == [True, False]
    assert again["mean"].iloc[0] == -0.25 and pd.isna(again["mean"].iloc[1])
    assert again["count"].tolist() == [3, 0] and again["speaker"].tolist() == ["Putin", ""]


def test_library_gives_the_same_counts_on_a_read_back_table(built, tmp_path):
    """'False' read back as a string is truthy: every negated match would count as negated."""
    matches = rhetoric.match_sentences(built.sentences)
    again = io.read_table(io.write_table(matches, tmp_path / "rhetoric_matches.csv"))
    names = list(rhetoric.categories()["category"])
    fresh = rhetoric.sentence_counts(matches, built.sentences, names)
    read = rhetoric.sentence_counts(again, built.sentences, names)
    assert read["count"].sum() == fresh["count"].sum() > 0
    assert read["n_negated"].sum() == fresh["n_negated"].sum() > 0
