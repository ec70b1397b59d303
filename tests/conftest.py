"""Shared fixtures: the real corpus, built once per test session, and a scratch copy of data/raw.

Helpers name a seed unit by its article id and a snippet of its text (never by a running
sentence id, which shifts when cleaning changes), and read the development test pages in
``data/validation/pages`` (never the held-out pages).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

os.environ.setdefault("MPLBACKEND", "agg")

from framing import corpus, metadata, paths, resources, voice  # noqa: E402

PAGES_DIR = paths.ROOT / "data" / "validation" / "pages"  # development pages only


@pytest.fixture(scope="session")
def built():
    """The corpus tables built from the five seed texts."""
    return corpus.build_corpus(paths.RAW_DIR)


@pytest.fixture(scope="session")
def built_pages():
    """The corpus tables built from the 18 development test pages (dates not checked, as for
    measuring the rules on test pages)."""
    return corpus.build_corpus(PAGES_DIR, check_dates=False)


@pytest.fixture()
def raw_copy(tmp_path: Path) -> Path:
    """A writable copy of data/raw (texts, metadata, manifest)."""
    target = tmp_path / "raw"
    shutil.copytree(paths.RAW_DIR, target)
    return target


def raw_line(article_id: str, line_no: int) -> str:
    """Line ``line_no`` (1-based) of a seed text, as in the file."""
    return seed_text(article_id).split("\n")[line_no - 1]


def seed_text(article_id: str) -> str:
    """The raw text of a seed, as in the file."""
    name = next(p for p in paths.RAW_DIR.glob(f"{article_id}_*.txt"))
    return name.read_text(encoding="utf-8")


def seed_outlet(article_id: str) -> str:
    """The outlet that ``data/raw/metadata.csv`` gives a seed."""
    table = metadata.read_metadata(paths.RAW_DIR).set_index("article_id")
    return table.loc[article_id, "outlet"]


def page_meta(article_id: str) -> dict:
    """The metadata row of a development test page."""
    table = metadata.read_metadata(PAGES_DIR).set_index("article_id")
    return {"article_id": article_id, **table.loc[article_id].to_dict()}


def page_text(article_id: str) -> str:
    """The raw text of a development test page."""
    return (PAGES_DIR / page_meta(article_id)["source_file"]).read_text(encoding="utf-8")


def _plain(text: str) -> str:
    return " ".join(resources.normalise_same_length(str(text)).split())


def unit_with(table: pd.DataFrame, article_id: str, snippet: str) -> pd.Series:
    """The one row of ``table`` (sentences, quotes ...) of ``article_id`` whose text contains
    ``snippet`` (typographic marks and spacing ignored); fails unless exactly one row does."""
    rows = table[(table["article_id"] == article_id) & table["text"].map(lambda t: _plain(snippet) in _plain(t))]
    assert len(rows) == 1, f"{len(rows)} units of {article_id} contain {snippet!r}"
    return rows.iloc[0]


def one_sentence(text: str) -> voice.Unit:
    """A hand-written sentence with no quotes, as a unit."""
    sentences = pd.DataFrame({"sentence_id": ["x-001"], "article_id": ["x"], "text": [text], "quote_spans": [""]})
    quotes = pd.DataFrame(columns=["quote_id", "sentence_ids", "speaker", "speaker_group"])
    return voice.build_units(sentences, quotes)[0]
