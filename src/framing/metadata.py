"""Read and check the corpus: ``data/raw/metadata.csv`` and the text files it names.

Every problem stops the run with a ``CorpusError`` that names the file and the problem; nothing is
written before the whole corpus has been read and checked, so bad input destroys nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from framing import storage

METADATA_FILE = "metadata.csv"
TEXT_SUFFIX = ".txt"
GROUP_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")  # any label: the seeds use wire_report and analysis
REQUIRED_COLUMNS = ("article_id", "source_file", "outlet", "group")
OPTIONAL_COLUMNS = (
    "label",
    "author",
    "published",
    "headline",
    "wire_credit",
    "outlet_evidence",
    "author_evidence",
    "published_evidence",
    "wire_credit_evidence",
    "notes",
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class CorpusError(ValueError):
    """Bad corpus input: the message names the file and what is wrong with it."""


@dataclass(frozen=True)
class Article:
    """One article: its metadata row (all strings) and its raw text."""

    meta: dict
    raw_text: str

    @property
    def article_id(self) -> str:
        return self.meta["article_id"]


def read_metadata(raw_dir: Path) -> pd.DataFrame:
    """The metadata table, checked: required columns, unique ids and files, group labels, ISO dates."""
    path = Path(raw_dir) / METADATA_FILE
    if not path.is_file():
        raise CorpusError(f"{path}: metadata file is missing (one row per article is required)")
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError as error:
        raise CorpusError(f"{path}: not valid UTF-8 ({error.reason} at byte {error.start})") from None
    except pd.errors.EmptyDataError:
        raise CorpusError(f"{path}: metadata file is empty") from None
    except pd.errors.ParserError as error:
        raise CorpusError(f"{path}: not a readable CSV ({error})") from None
    missing = [c for c in REQUIRED_COLUMNS if c not in table.columns]
    if missing:
        raise CorpusError(f"{path}: missing required column(s) {', '.join(missing)}")
    for column in OPTIONAL_COLUMNS:
        if column not in table.columns:
            table[column] = ""
    table = table.map(str.strip)
    _check_unique(table, "article_id", path)
    _check_unique(table, "source_file", path)
    for row in storage.rows(table):
        if not row.article_id or not row.source_file:
            raise CorpusError(f"{path}: row {row.Index + 2} has an empty article_id or source_file")
        if not GROUP_PATTERN.match(row.group):
            raise CorpusError(
                f"{path}: article {row.article_id} has group {row.group!r}; a group is a lower-case "
                "label of letters, digits and underscores (e.g. wire_report, analysis)"
            )
        if row.published and not _ISO_DATE.match(row.published):
            raise CorpusError(
                f"{path}: article {row.article_id} has published {row.published!r}; use YYYY-MM-DD or leave empty"
            )
    if table.empty:
        raise CorpusError(f"{path}: lists no articles (one row per article is required)")
    table["label"] = [row.label or row.outlet or f"Unnamed ({row.article_id})" for row in storage.rows(table)]
    _check_unique(table, "label", path)  # every table and figure names a text by its label
    return table.sort_values("article_id", kind="stable").reset_index(drop=True)


def _check_unique(table: pd.DataFrame, column: str, path: Path) -> None:
    duplicated = sorted(set(table.loc[table[column].duplicated(), column]))
    if duplicated:
        raise CorpusError(f"{path}: duplicate {column} {', '.join(duplicated)} (each must appear once)")


def read_text(path: Path) -> str:
    """A text file's content; empty, whitespace-only or non-UTF-8 files are errors."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CorpusError(f"{path}: not valid UTF-8 ({error.reason} at byte {error.start})") from None
    if not text.strip():
        raise CorpusError(f"{path}: file is empty")
    return text.removeprefix("\ufeff")


def load_articles(raw_dir: Path) -> list[Article]:
    """Every article with its metadata, after checking that texts and rows match one to one."""
    raw_dir = Path(raw_dir)
    table = read_metadata(raw_dir)
    on_disk = {p.name for p in raw_dir.glob(f"*{TEXT_SUFFIX}")}
    listed = set(table["source_file"])
    for name in sorted(on_disk - listed):
        raise CorpusError(f"{raw_dir / name}: text file has no row in {raw_dir / METADATA_FILE}")
    for name in sorted(listed - on_disk):
        article_id = table.loc[table["source_file"] == name, "article_id"].iloc[0]
        raise CorpusError(f"{raw_dir / METADATA_FILE}: article {article_id} names {name}, which is not in {raw_dir}")
    return [Article(row, read_text(raw_dir / row["source_file"])) for row in table.to_dict("records")]


def verify_manifest(raw_dir: Path) -> pd.DataFrame:
    """Check every file listed in ``MANIFEST.sha256``; returns (file, sha256, matches) rows.

    Raw files are immutable: a changed or missing one is an error. Files not in the manifest
    (articles added later) are not checked.
    """
    from framing.storage import sha256_of

    raw_dir = Path(raw_dir)
    rows = []
    for name, digest in read_manifest(raw_dir).items():
        path = raw_dir / name
        if not path.is_file():
            raise CorpusError(f"{path}: listed in MANIFEST.sha256 but missing (raw files must not be removed)")
        actual = sha256_of(path)
        if actual != digest:
            raise CorpusError(
                f"{path}: SHA-256 {actual[:12]}… differs from MANIFEST.sha256 {digest[:12]}… "
                "(raw files must not be edited)"
            )
        rows.append({"file": name, "sha256": actual, "matches": True})
    return pd.DataFrame(rows, columns=["file", "sha256", "matches"])


def read_manifest(raw_dir: Path) -> dict[str, str]:
    """``MANIFEST.sha256`` as {file name: hex digest} (sha256sum format)."""
    path = Path(raw_dir) / "MANIFEST.sha256"
    if not path.is_file():
        return {}
    entries = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            parts = line.split(maxsplit=1)
            if len(parts) != 2 or not re.fullmatch(r"[0-9a-fA-F]{64}", parts[0]):
                raise CorpusError(f"{path}: line {line!r} is not '<sha256 hex digest>  <file name>'")
            entries[parts[1].lstrip("*")] = parts[0].lower()
    return entries
