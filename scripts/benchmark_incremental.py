#!/usr/bin/env python3
"""Benchmark incremental runs: what a rerun costs when nothing, or one input, changed.

Works in a temporary copy of the project (sources, notebooks, data, docs, current outputs), so the
real outputs and fingerprints are never touched. Each row is a cold `run_all.py` process:

1. cold: `run_all.py --force` (every notebook and the report run);
2. unchanged: `run_all.py` again (target: under 5% of the cold run);
3. one lexicon touched: a trailing newline appended to data/lexicons/stopwords.csv (every notebook
   reads the lexicons, so all of them rerun);
4. one notebook touched: a trailing newline appended to the last notebook (it and the report rerun).

Usage: python scripts/benchmark_incremental.py [--repeat 1]   (best of --repeat for each row)
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COPIED = ("src", "notebooks", "data", "docs", "figures", "report", "pyproject.toml", "requirements.txt", "run_all.py")
LEXICON = Path("data/lexicons/stopwords.csv")


def project_copy(folder: Path) -> Path:
    """The parts of the project a run reads and writes, copied under ``folder``."""
    copy = folder / "project"
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        elif source.is_file():
            copy.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, copy / name)
    return copy


def append_newline(path: Path) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n")


def timed_run(project: Path, *options: str) -> tuple[float, int, int]:
    """(seconds, notebooks run, notebooks skipped) of one cold `run_all.py` process."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(project / "run_all.py"), *options], cwd=project, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    if result.returncode:
        raise RuntimeError(f"run_all.py {' '.join(options)} failed:\n{result.stderr}")
    ran = len(re.findall(r"^\[\d+/\d+\] .* done in ", result.stdout, re.M))
    skipped = len(re.findall(r"^\[\d+/\d+\] .* skipped: ", result.stdout, re.M))
    return seconds, ran, skipped


def best_of(
    repeat: int, project: Path, *options: str, prepare: Callable[[], None] | None = None
) -> tuple[float, int, int]:
    """The fastest of ``repeat`` runs, each after ``prepare`` (from the second on, after a forced run to record it)."""
    runs = []
    for attempt in range(repeat):
        if prepare:
            if attempt:
                timed_run(project, "--force")
            prepare()
        runs.append(timed_run(project, *options))
    return min(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each row; the fastest is kept")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="benchmark-incremental-") as scratch:
        project = project_copy(Path(scratch))
        last_notebook = sorted((project / "notebooks").glob("[0-9][0-9]-*.ipynb"))[-1]
        rows = {"cold (--force)": best_of(args.repeat, project, "--force")}
        rows["unchanged rerun"] = best_of(args.repeat, project)
        rows[f"after touching {LEXICON.name}"] = best_of(
            args.repeat, project, prepare=lambda: append_newline(project / LEXICON)
        )
        rows[f"after touching notebook {last_notebook.name[:2]}"] = best_of(
            args.repeat, project, prepare=lambda: append_newline(last_notebook)
        )
    cold = rows["cold (--force)"][0]
    print(f"{'run':<32} {'seconds':>8} {'of cold':>8} {'ran':>4} {'skipped':>8}")
    for name, (seconds, ran, skipped) in rows.items():
        print(f"{name:<32} {seconds:8.2f} {seconds / cold:8.1%} {ran:4d} {skipped:8d}")
    unchanged = rows["unchanged rerun"][0] / cold
    print(
        f"\nunchanged rerun: {unchanged:.1%} of the cold run (target < 5%: {'met' if unchanged < 0.05 else 'MISSED'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
