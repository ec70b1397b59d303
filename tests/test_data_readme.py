"""data/README.md is the data contract: every column of every table in data/processed/ and of
data/raw/metadata.csv is documented under that table's heading, and nothing documented is gone.

The README documents a table under a heading ``## processed/<name>.csv ...`` (or
``## raw/metadata.csv ...``), in ``| variable | definition | source |`` rows whose first cell
names one or more columns, comma-separated. Only header lines of the CSVs are read, so the test
is fast and does not depend on the pipeline having run with any particular corpus.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
README = DATA / "README.md"
PROCESSED = DATA / "processed"
METADATA = "raw/metadata.csv"

_TABLE_HEADING = re.compile(r"^#+\s+`?((?:processed/[\w.-]+|raw/metadata)\.csv)`?(?:\s|$)")
_CELL_BREAK = re.compile(r"(?<!\\)\|")  # a cell may hold an escaped \| (e.g. a term's alternatives)
_SEPARATOR = re.compile(r"^[\s:|-]+$")


def documented_columns(text: str) -> dict[str, list[str]]:
    """{'processed/x.csv': [column, ...]} from the README: the first cell of every table row under
    a table's heading, split at commas (header and separator rows skipped)."""
    tables: dict[str, list[str]] = {}
    current = None
    lines = [line.strip() for line in text.splitlines()]
    for line, following in zip(lines, [*lines[1:], ""]):
        if line.startswith("#"):
            found = _TABLE_HEADING.match(line)
            current = found.group(1) if found else None
            if current is not None:
                assert current not in tables, f"data/README.md documents {current} twice"
                tables[current] = []
            continue
        is_row = line.startswith("|") and not _SEPARATOR.match(line)
        is_header = following.startswith("|") and bool(_SEPARATOR.match(following))  # '| variable | ...' over '| --- |'
        if current is None or not is_row or is_header:
            continue
        first = _CELL_BREAK.split(line.strip("|"))[0]
        tables[current] += [name for name in (part.strip().strip("`").strip() for part in first.split(",")) if name]
    return tables


def actual_tables() -> dict[str, Path]:
    """Every table the README must document: data/processed/*.csv and data/raw/metadata.csv."""
    tables = {f"processed/{path.name}": path for path in sorted(PROCESSED.glob("*.csv"))}
    tables[METADATA] = DATA / METADATA
    return tables


def header(path: Path) -> list[str]:
    """The column names of a CSV (its first line only)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle), [])


@pytest.fixture(scope="module")
def documented() -> dict[str, list[str]]:
    tables = documented_columns(README.read_text(encoding="utf-8"))
    assert METADATA in tables and len(tables) > 1, "no table headings found in data/README.md"
    return tables


@pytest.mark.parametrize("name", sorted(actual_tables()))
def test_every_column_is_documented_under_its_table(documented, name):
    assert name in documented, f"data/README.md has no section '## {name}'"
    missing = [column for column in header(actual_tables()[name]) if column not in documented[name]]
    assert not missing, f"data/README.md does not document {name} column(s): {', '.join(missing)}"


def test_no_documented_table_is_gone(documented):
    gone = sorted(set(documented) - set(actual_tables()))
    assert not gone, f"data/README.md documents table(s) that no longer exist: {', '.join(gone)}"


def test_no_documented_column_is_gone(documented):
    tables = actual_tables()
    stale = {
        name: sorted(set(columns) - set(header(tables[name]))) for name, columns in documented.items() if name in tables
    }
    stale = {name: columns for name, columns in stale.items() if columns}
    assert not stale, "data/README.md documents column(s) a table no longer has: " + "; ".join(
        f"{name}: {', '.join(columns)}" for name, columns in sorted(stale.items())
    )


def test_the_parser_reads_grouped_and_escaped_cells():
    text = """\
## processed/a.csv (notebook 01)

| variable | definition | source |
| --- | --- | --- |
| x, `y` | a term `(p\\|q)` | `framing.x` |
| variable | a column called 'variable' | |

## lexicons/

| file | what | columns |
| --- | --- | --- |
| w.csv | ... | a, b |
"""
    assert documented_columns(text) == {"processed/a.csv": ["x", "y", "variable"]}
