#!/usr/bin/env python3
"""Benchmark the whole run: cold `run_all.py` against the bare cost of its kernels.

The bare cost is what any papermill pipeline of the same shape pays before doing analysis: a
fresh Python process that imports papermill and runs one kernel per numbered notebook, each
executing that notebook's import cell(s) (every code cell above the `parameters` cell). Both
sides are cold processes, measured in this one script run, best of --repeat.
Target (issue 6): the analysis adds at most 30 % on top of the bare cost.

After the timings it splits the best full run by where the time went, read from the executed
notebooks' papermill cell durations: import cells, figure cells (cells that call
`figures.save_figure`), the other analysis cells, and the rest (kernel start-up, papermill's
bookkeeping, the report, the runner's own process).

Usage: python scripts/benchmark_run.py [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from framing import runner  # noqa: E402

BARE_CHILD = """
import json, sys
import papermill
kernel, arguments, cwd, notebooks = json.loads(sys.argv[1])
for path in notebooks:
    papermill.execute_notebook(path, path + ".out", kernel_name=kernel, cwd=cwd, progress_bar=False,
                               log_output=False, extra_arguments=arguments)
"""


def import_cell_count(cells) -> int:
    """Code cells above a notebook's ``parameters`` cell: its imports."""
    count = 0
    for cell in cells:
        if "parameters" in cell.metadata.get("tags", []):
            return count
        count += cell.cell_type == "code"
    return count


def import_only_copy(stage: runner.Stage, folder: Path) -> Path:
    """The notebook cut down to its import cells."""
    nb = nbformat.read(stage.path, as_version=4)
    nb.cells = [c for c in nb.cells if c.cell_type == "code"][: import_cell_count(nb.cells)]
    path = folder / stage.name
    nbformat.write(nb, path)
    return path


def bare_seconds(stages: list[runner.Stage]) -> float:
    """A cold process: import papermill, then run every import-only notebook in its own kernel."""
    with tempfile.TemporaryDirectory() as scratch:
        copies = [str(import_only_copy(stage, Path(scratch))) for stage in stages]
        job = json.dumps([runner.KERNEL_NAME, runner.KERNEL_ARGUMENTS, str(ROOT / "notebooks"), copies])
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", BARE_CHILD, job], check=True, capture_output=True)
        return time.perf_counter() - started


def run_all_seconds() -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "run_all.py"), "--force"], check=True, capture_output=True
    )  # cold: no skipping
    return time.perf_counter() - started


def cell_seconds(executed: Path) -> dict[str, float]:
    """Seconds spent in import cells, figure cells and other cells of one executed notebook."""
    nb = nbformat.read(executed, as_version=4)
    n_imports = import_cell_count(c for c in nb.cells if "injected-parameters" not in c.metadata.get("tags", []))
    split = {"import cells": 0.0, "figure cells": 0.0, "other analysis cells": 0.0}
    for index, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        seconds = cell.metadata.get("papermill", {}).get("duration") or 0.0
        kind = (
            "import cells"
            if index < n_imports
            else "figure cells"
            if "save_figure(" in cell.source
            else "other analysis cells"
        )
        split[kind] += seconds
    return split


def breakdown(full: float, executed_dir: Path) -> dict[str, float]:
    totals = {"import cells": 0.0, "figure cells": 0.0, "other analysis cells": 0.0}
    for path in sorted(executed_dir.glob("*.ipynb")):
        for kind, seconds in cell_seconds(path).items():
            totals[kind] += seconds
    totals["kernel start-up, papermill, report, runner"] = full - sum(totals.values())
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="runs of each measurement; the best is kept")
    args = parser.parse_args()
    stages = runner.discover(ROOT / "notebooks")
    best_full, best_split = None, None
    for _ in range(args.repeat):
        full = run_all_seconds()
        if best_full is None or full < best_full:
            best_full, best_split = full, breakdown(full, ROOT / "build" / "notebooks")
    bare = min(bare_seconds(stages) for _ in range(args.repeat))
    added = best_full - bare
    print(f"notebooks: {len(stages)}")
    print(f"bare (cold process, papermill, kernels + imports): {bare:6.1f} s")
    print(f"run_all.py (cold):                                 {best_full:6.1f} s")
    print(f"analysis on top: {added:.1f} s = {added / bare:.0%} of the bare cost (target <= 30%)")
    print("\nwhere the run_all.py time went (best run):")
    for kind, seconds in best_split.items():
        print(f"  {kind:<44} {seconds:5.1f} s  ({seconds / bare:4.0%} of bare)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
