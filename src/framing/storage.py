"""Atomic, deterministic writing of tables and text, reading tables back, and their rows.

Every output goes to a temporary file in the destination folder, is synced to disk and is
renamed into place, so a crash never leaves a half-written file behind.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

FLOAT_FORMAT = "%.6g"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"  # the first eight bytes of every PNG file


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary sibling file and ``os.replace``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())  # the bytes are on disk before the name points to them
        os.chmod(tmp, 0o644 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()  # read once: os.umask can only be read by setting it


def atomic_write_text(path: Path, text: str) -> Path:
    """UTF-8 text with Unix line ends, written atomically."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def table_to_csv_text(table: pd.DataFrame) -> str:
    """The CSV form used for every output table: no index, ``\\n`` line ends, 6 significant digits."""
    return table.to_csv(index=False, lineterminator="\n", float_format=FLOAT_FORMAT)


def write_table(table: pd.DataFrame, path: Path) -> Path:
    """Write a table as CSV atomically and return its path."""
    return atomic_write_text(path, table_to_csv_text(table))


def read_table(path: Path) -> pd.DataFrame:
    """Read an output table back: ids such as ``000`` stay strings, ``True``/``False`` columns become
    booleans, numeric columns numbers (a blank cell in them is NaN); other blanks stay ''."""
    return pd.read_csv(path, dtype=str, keep_default_na=False).pipe(_typed)


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    id_like = {c for c in table.columns if c.endswith("_id") or c.endswith("_ids")}
    for column in table.columns:
        values = table[column]
        filled = values[values != ""]
        if column in id_like or filled.empty:
            continue
        if filled.isin(["True", "False"]).all() and len(filled) == len(values):
            table[column] = values == "True"
            continue
        converted = pd.to_numeric(values.where(values != ""), errors="coerce")
        if converted[values != ""].notna().all():
            table[column] = converted
    return table


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def rows(table: pd.DataFrame, *, index: bool = True) -> Iterator[Any]:
    """``table.itertuples(index=index)``: one named tuple per row, its fields named after the columns.

    Typed ``Any`` because a row's fields are the table's columns, which a type checker cannot
    know (pandas-stubs types each field as any value pandas can hold).
    """
    return table.itertuples(index=index)
