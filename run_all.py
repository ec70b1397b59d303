#!/usr/bin/env python3
"""Run the analysis: every numbered notebook in order with papermill, then publish the outputs.

Outputs (tables in data/processed, figures in figures/, executed notebooks in build/notebooks)
are staged and swapped in only when every notebook succeeds. Works from any directory.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from framing import paths, report, runner  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Example: python run_all.py --from 03   (rerun notebook 03 and everything after it)",
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--list", action="store_true", help="list the notebooks in run order and exit")
    group.add_argument("--only", metavar="NN", action="append", help="run only notebook NN (repeatable)")
    group.add_argument("--from", dest="start", metavar="NN", help="run notebook NN and every later one")
    parser.add_argument("--kernel", default=runner.KERNEL_NAME, help="Jupyter kernel name (default: %(default)s)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    stages = runner.discover(paths.NOTEBOOKS_DIR)
    if args.list:
        for stage in stages:
            print(f"{stage.number}  {stage.name}")
        return 0
    try:
        chosen = runner.select(stages, only=args.only, start=args.start)
    except ValueError as error:
        print(f"run_all.py: {error}", file=sys.stderr)
        return 2
    partial = len(chosen) != len(stages)
    print(f"Running {len(chosen)} notebook(s) from {paths.NOTEBOOKS_DIR} with kernel {args.kernel!r}")
    try:
        results = runner.run(chosen, fresh=not partial, kernel_name=args.kernel)
    except runner.RunFailed as failure:
        print(f"\nrun_all.py: {failure}", file=sys.stderr)
        print("The outputs of the last good run are untouched.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nrun_all.py: interrupted; the outputs of the last good run are untouched.", file=sys.stderr)
        return 130
    print(runner.summary(results))
    print(f"\nTables: {paths.PROCESSED_DIR}\nFigures: {paths.FIGURES_DIR}\nReport: {paths.ROOT / 'report' / report.REPORT_FILE}"
          f"\nExecuted notebooks: {paths.BUILD_DIR / 'notebooks'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
