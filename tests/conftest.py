"""Shared fixtures: the real corpus, built once per test session, and a scratch copy of data/raw."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "agg")

from framing import corpus, paths  # noqa: E402


@pytest.fixture(scope="session")
def built():
    """The corpus tables built from the five seed texts."""
    return corpus.build_corpus(paths.RAW_DIR)


@pytest.fixture()
def raw_copy(tmp_path: Path) -> Path:
    """A writable copy of data/raw (texts, metadata, manifest)."""
    target = tmp_path / "raw"
    shutil.copytree(paths.RAW_DIR, target)
    return target


def raw_line(article_id: str, line_no: int) -> str:
    """Line ``line_no`` (1-based) of a seed text, as in the file."""
    name = next(p for p in paths.RAW_DIR.glob(f"{article_id}_*.txt"))
    return name.read_text(encoding="utf-8").split("\n")[line_no - 1]
