#!/usr/bin/env python3
"""Benchmark the whole pipeline at scale: every numbered notebook on the five seed texts and on a
corpus of ``--texts`` texts (default 1,000), time and peak memory per notebook, in one script run.

The large corpus is ``scripts/scaled_corpus.py --unique``: the seeds and the development test
pages, repeated under new ids with every repeat's sentences tagged so that no two are alike
(``scripts/benchmark_scoring.py`` does the same for the scoring path). Each notebook runs in a
fresh process (papermill, one kernel), one after the other as ``run_all.py`` runs them, into a
temporary folder; peak memory is the largest resident set of that process and its kernel.
Target (issue 10): the large run costs at most 4x the five-text run.

Usage: python scripts/benchmark_scale.py [--texts 1000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

import scaled_corpus  # noqa: E402

from framing import paths, runner  # noqa: E402

CHILD = """
import json, resource, sys, time
import papermill
notebook, output, parameters, cwd = json.loads(sys.argv[1])
started = time.perf_counter()
papermill.execute_notebook(notebook, output, parameters=parameters, kernel_name="python3", cwd=cwd,
                           progress_bar=False, log_output=False, execution_timeout=3600)
seconds = time.perf_counter() - started
peak_kib = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({"seconds": seconds, "peak_mib": peak_kib / 1024}))
"""


def run_notebooks(raw_dir: Path, work: Path) -> list[dict]:
    """Every numbered notebook in order on ``raw_dir``: name, seconds, peak MiB."""
    rows = []
    work.mkdir(parents=True, exist_ok=True)
    for stage in runner.discover(paths.NOTEBOOKS_DIR):
        parameters = {
            "RAW_DIR": str(raw_dir),
            "PROCESSED_DIR": str(work / "processed"),
            "FIGURES_DIR": str(work / "figures"),
        }
        payload = json.dumps([str(stage.path), str(work / stage.path.name), parameters, str(paths.NOTEBOOKS_DIR)])
        done = subprocess.run([sys.executable, "-c", CHILD, payload], capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"{stage.path.name} failed on {raw_dir}:\n{done.stderr[-3000:]}")
        rows.append({"notebook": stage.path.stem, **json.loads(done.stdout.strip().splitlines()[-1])})
        print(f"  {stage.path.stem:<28} {rows[-1]['seconds']:7.1f} s {rows[-1]['peak_mib']:8.0f} MiB", flush=True)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=1000, help="texts in the large corpus")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        large = scaled_corpus.write(tmp / "raw_large", args.texts, unique=True)
        results = {}
        for name, raw in (("5 texts", paths.RAW_DIR), (f"{args.texts:,} texts", large)):
            print(name, flush=True)
            started = time.perf_counter()
            results[name] = run_notebooks(raw, tmp / name.replace(" ", "_").replace(",", ""))
            results[name].append(
                {
                    "notebook": "total (wall clock)",
                    "seconds": time.perf_counter() - started,
                    "peak_mib": max(r["peak_mib"] for r in results[name]),
                }
            )
    small, big = results.values()
    print(f"\n| notebook | 5 texts: s | MiB | {args.texts:,} texts: s | MiB | time ratio |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for a, b in zip(small, big):
        print(
            f"| {a['notebook']} | {a['seconds']:.1f} | {a['peak_mib']:.0f} | "
            f"{b['seconds']:.1f} | {b['peak_mib']:.0f} | {b['seconds'] / a['seconds']:.1f}x |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
