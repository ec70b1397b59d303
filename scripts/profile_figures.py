#!/usr/bin/env python3
"""Where the figure time goes: one crop measurement, one 200-dpi PNG and one SVG per figure.

Runs the numbered notebooks' code in this one process (Agg backend, outputs to a scratch folder,
the project's outputs untouched) with `figures.save_figure` wrapped so that each of its three
steps is timed separately. It answers one question for the whole-run benchmark: how much of a
run is the cost of writing every figure once in each required format, whatever else is done.

Usage: python scripts/profile_figures.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("agg")

import matplotlib.pyplot as plt  # noqa: E402
import papermill  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from framing import figures, runner  # noqa: E402

STEPS = ("crop box", "PNG (200 dpi)", "SVG")


def timed_save(timings: dict[str, dict[str, float]]):
    """A stand-in for ``figures.save_figure``: its own steps, each timed, nothing written."""

    def save(fig, name, figures_dir, source=figures.SOURCE_LINE):
        figures.finish_for_saving(fig, source)
        started = time.perf_counter()
        box = figures.crop_box(fig)
        steps = {"crop box": time.perf_counter() - started}
        for step, (fmt, meta) in zip(STEPS[1:], figures.FORMATS):
            started = time.perf_counter()
            figures.render(fig, fmt, meta, box)
            steps[step] = time.perf_counter() - started
        timings[name] = steps
        plt.close(fig)

    return save


def run_code(stage: runner.Stage, parameters: dict[str, str]) -> None:
    """Execute a notebook's code cells in this process (magics dropped; display() prints)."""
    nb = papermill.parameterize.parameterize_notebook(papermill.iorw.load_notebook_node(str(stage.path)), parameters)
    namespace = {"__name__": "__main__"}
    for cell in nb.cells:
        if cell.cell_type == "code":
            source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
            exec(compile(source, f"{stage.name}", "exec"), namespace)


def main() -> int:
    timings: dict[str, dict[str, float]] = {}
    figures.save_figure = timed_save(timings)
    with tempfile.TemporaryDirectory() as scratch:
        parameters = {
            "RAW_DIR": str(ROOT / "data" / "raw"),
            "PROCESSED_DIR": str(Path(scratch) / "processed"),
            "FIGURES_DIR": str(Path(scratch) / "figures"),
        }
        for folder in ("processed", "figures"):
            (Path(scratch) / folder).mkdir()
        os.chdir(ROOT / "notebooks")
        with open(os.devnull, "w") as quiet:
            stdout, sys.stdout = sys.stdout, quiet
            try:
                for stage in runner.discover(ROOT / "notebooks"):
                    run_code(stage, parameters)
            finally:
                sys.stdout = stdout
    print(f"{'figure':<28}" + "".join(f"{step:>15}" for step in STEPS))
    for name, steps in timings.items():
        print(f"{name:<28}" + "".join(f"{steps[step]:14.2f}s" for step in STEPS))
    totals = {step: sum(t[step] for t in timings.values()) for step in STEPS}
    print(f"{f'total ({len(timings)} figures)':<28}" + "".join(f"{totals[step]:14.2f}s" for step in STEPS))
    print(f"PNG + SVG, each rendered once: {totals['PNG (200 dpi)'] + totals['SVG']:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
