#!/usr/bin/env python3
"""Run the analysis: every numbered notebook in order with papermill, then publish the outputs.

Outputs (tables in data/processed, figures in figures/, the report in report/, executed notebooks
in build/notebooks) are staged and swapped in only when every notebook succeeds. A notebook whose
inputs are unchanged since the last good run is skipped and its outputs kept. Works from any
directory.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from framing import paths, runner  # noqa: E402  (both import only the standard library: --help stays fast)

EPILOG = f"""\
A notebook is skipped when nothing it reads changed since the last good run: the notebook, the
framing modules it imports, data/ (lexicons, raw, reference, ...; not data/processed), the
earlier notebooks' tables and figures, the kernel and pinned packages (fingerprints in
{runner.STATE_FILE}). The report is rebuilt when a notebook ran or docs/ changed. Each kernel's
console output goes to {runner.LOGS_DIR}/.
Cells are counted from 0 in the source notebook, markdown cells included.

Examples:
  python run_all.py --from 3    rerun notebook 03 and everything after it, if their inputs changed
  python run_all.py --force     rerun every notebook and the report"""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--list", action="store_true", help="list the notebooks in run order and exit")
    group.add_argument("--only", metavar="NN", action="append", help="run only notebook NN (3 or 03; repeatable)")
    group.add_argument("--from", dest="start", metavar="NN", help="run notebook NN and every later one")
    parser.add_argument("--force", action="store_true", help="run every notebook and the report, even if unchanged")
    parser.add_argument("--kernel", default=runner.KERNEL_NAME, help="Jupyter kernel name (default: %(default)s)")
    parser.add_argument(
        "--cell-timeout",
        type=_seconds,
        default=runner.CELL_TIMEOUT,
        metavar="S",
        help="fail a cell that runs longer than S seconds; 0: no limit (default: %(default)s)",
    )
    parser.add_argument(
        "--start-timeout",
        type=_seconds,
        default=runner.START_TIMEOUT,
        metavar="S",
        help="fail a kernel that has not answered S seconds after starting (default: %(default)s)",
    )
    return parser.parse_args(argv)


def _seconds(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of seconds")
    return int(text)


def _report_path() -> Path:
    folder = paths.ROOT / runner.OUTPUT_FOLDERS["report"]
    return next(iter(sorted(folder.glob("*.html"))), folder)


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
        results = runner.run(
            chosen,
            fresh=not partial,
            force=args.force,
            kernel_name=args.kernel,
            cell_timeout=args.cell_timeout,
            start_timeout=args.start_timeout,
        )
    except runner.RunFailed as failure:
        print(f"\nrun_all.py: {failure}", file=sys.stderr)
        print("The outputs of the last good run are untouched.", file=sys.stderr)
        return 1
    print(runner.summary(results))
    print(
        f"\nTables: {paths.PROCESSED_DIR}\nFigures: {paths.FIGURES_DIR}\nReport: {_report_path()}"
        f"\nExecuted notebooks: {paths.BUILD_DIR / 'notebooks'}"
    )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\nrun_all.py: interrupted; the outputs of the last good run are untouched.", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:  # e.g. `run_all.py --list | head -1`: stop quietly (Python's documented recipe)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
