#!/usr/bin/env python3
"""Write a larger corpus that meets the data contract, to see the pipeline and its figures at scale.

The corpus is the seed texts (``data/raw``) plus the development test pages
(``data/validation/pages``), repeated under new ids until it holds ``--texts`` texts. Each repeat
is the same file under a new id and label ("Harbour Times (test) #2"), so shared-copy and reuse
measures see it as a copy of its original: the corpus tests capacity and layout, not findings.
With ``--unique`` every repeat's sentence-like lines get a tag word unique in the corpus
("zq0001234") before their final stop, as ``scripts/benchmark_scoring.py`` does, so no cache or
shared n-gram turns a repeat into a free hit: each text costs what a new one would.
The held-out pages are never used (their errors are not to be looked at).

Usage: python scripts/scaled_corpus.py DEST --texts 60 [--unique]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT / "data" / "raw", ROOT / "data" / "validation" / "pages")


def originals() -> pd.DataFrame:
    """Metadata rows of the seeds and the development pages, each with the folder of its file."""
    parts = [
        pd.read_csv(folder / "metadata.csv", dtype=str, keep_default_na=False).assign(folder=str(folder))
        for folder in SOURCES
    ]
    return pd.concat(parts, ignore_index=True)


def scaled_rows(base: pd.DataFrame, n_texts: int) -> pd.DataFrame:
    """``n_texts`` metadata rows: the originals in order, then repeats under new ids ("#2", "#3" ...)."""
    rows = []
    for i in range(n_texts):
        row = base.iloc[i % len(base)].to_dict()
        copy = i // len(base)
        if copy:
            row["label"] = f"{row['label']} #{copy + 1}"
            row["article_id"] = f"{1000 + i:04d}"
            row["source_file"] = f"{row['article_id']}_{row['source_file'].split('_', 1)[1]}"
        rows.append(row)
    return pd.DataFrame(rows)


_SENTENCE_END = re.compile(r"([.!?][\"\u201d\u2019']?)\s*$")
SENTENCE_MIN_WORDS = 8


def tagged(text: str, copy: int) -> str:
    """``text`` with a unique tag word before the final stop of each line of 8+ words that ends like a sentence."""
    lines = []
    for number, line in enumerate(text.split("\n")):
        if len(line.split()) >= SENTENCE_MIN_WORDS and _SENTENCE_END.search(line):
            line = _SENTENCE_END.sub(rf" zq{copy:04d}{number:03d}\1", line, count=1)
        lines.append(line)
    return "\n".join(lines)


def write(dest: Path, n_texts: int, unique: bool = False) -> Path:
    """Write the corpus into ``dest`` (created; must not exist) and return it."""
    dest.mkdir(parents=True)
    base = originals()
    table = scaled_rows(base, n_texts)
    for i, (row, original) in enumerate(zip(table.itertuples(), (base.iloc[i % len(base)] for i in range(n_texts)))):
        source = Path(original["folder"]) / original["source_file"]
        if unique and i >= len(base):
            (dest / row.source_file).write_text(tagged(source.read_text(encoding="utf-8"), i), encoding="utf-8")
        else:
            shutil.copyfile(source, dest / row.source_file)
    table.drop(columns=["folder"]).to_csv(dest / "metadata.csv", index=False)
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--texts", type=int, default=60)
    parser.add_argument("--unique", action="store_true", help="tag every repeat's sentences so no two are alike")
    args = parser.parse_args(argv)
    print(write(args.dest, args.texts, args.unique))
    return 0


if __name__ == "__main__":
    sys.exit(main())
