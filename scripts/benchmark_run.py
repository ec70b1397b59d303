#!/usr/bin/env python3
"""Benchmark the whole run: cold `run_all.py` against the bare cost of its kernels.

The bare cost is what any papermill pipeline of the same shape pays before doing analysis:
one kernel per numbered notebook, each running that notebook's import cell (every code cell
above the `parameters` cell). Both are measured in this one script run, best of --repeat.
Target (issue 6): the analysis adds at most 30 % on top of the bare cost.

Usage: python scripts/benchmark_run.py [--repeat 2]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import papermill

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from framing import runner  # noqa: E402


def import_only_copy(stage: runner.Stage, folder: Path) -> Path:
    """The notebook cut down to the code cells above its parameters cell (its imports)."""
    nb = nbformat.read(stage.path, as_version=4)
    keep = []
    for cell in nb.cells:
        if "parameters" in cell.metadata.get("tags", []):
            break
        if cell.cell_type == "code":
            keep.append(cell)
    nb.cells = keep
    path = folder / stage.name
    nbformat.write(nb, path)
    return path


def bare_seconds(stages: list[runner.Stage]) -> float:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        copies = [import_only_copy(stage, folder) for stage in stages]
        started = time.perf_counter()
        for copy in copies:
            papermill.execute_notebook(str(copy), str(folder / f"out-{copy.name}"), kernel_name=runner.KERNEL_NAME,
                                       cwd=str(ROOT / "notebooks"), progress_bar=False)
        return time.perf_counter() - started


def run_all_seconds() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "run_all.py")], check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="runs of each measurement; the best is kept")
    args = parser.parse_args()
    stages = runner.discover(ROOT / "notebooks")
    full = min(run_all_seconds() for _ in range(args.repeat))
    bare = min(bare_seconds(stages) for _ in range(args.repeat))
    overhead = (full - bare) / bare
    print(f"notebooks: {len(stages)}")
    print(f"bare kernels + imports: {bare:6.1f} s")
    print(f"run_all.py (cold):      {full:6.1f} s")
    print(f"analysis on top:        {full - bare:6.1f} s = {overhead:.0%} of the bare cost (target <= 30%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
