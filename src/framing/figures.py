"""One figure style for every notebook: outlet order and colours, titles, source line, saving.

Colours are the Okabe & Ito (2008) colour-blind-safe palette, assigned to outlets in
``article_id`` order so an outlet keeps its colour in every figure. Figures are written as
PNG (report resolution) and SVG with fixed metadata and hash salt, so reruns are byte-identical.
"""

from __future__ import annotations

import io as _io
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd

from framing import io

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000")
GROUP_COLOURS = {"wire_report": "#0072B2", "analysis": "#D55E00"}
VOICE_COLOURS = {"narration": "#333333", "quote": "#E69F00"}
ACTOR_GROUP_COLOURS = {
    "Russia": "#009E73", "United States": "#CC79A7", "North Korea": "#E69F00", "China": "#D55E00",
    "Japan": "#56B4E9", "South Korea": "#0072B2", "United Nations": "#999999", "Australia": "#F0E442",
}
PNG_DPI = 200
SOURCE_LINE = "Source: five texts on Putin's 1 Sept 2017 article (data/raw); analysis: this project"
PNG_METADATA = {"Software": None}
SVG_METADATA = {"Date": None}

RC_PARAMS = {
    "svg.hashsalt": "korea-framing",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "figure.dpi": 144,  # inline figures in notebooks and the report; files are saved at PNG_DPI
    "savefig.dpi": PNG_DPI,
    "image.cmap": "viridis",
}


def apply_style() -> None:
    """Set the project's matplotlib rcParams (call once at the top of a notebook)."""
    matplotlib.rcParams.update(RC_PARAMS)


def outlet_order(articles: pd.DataFrame) -> list[str]:
    """Outlet labels in ``article_id`` order: the same order in every figure."""
    return articles.sort_values("article_id")["label"].tolist()


def outlet_palette(articles: pd.DataFrame) -> dict[str, str]:
    """A fixed colour per outlet label, from the Okabe-Ito palette."""
    labels = outlet_order(articles)
    return {label: OKABE_ITO[i % len(OKABE_ITO)] for i, label in enumerate(labels)}


def title(fig: plt.Figure, finding: str, subtitle: str = "") -> None:
    """A figure title that states the finding, with an optional smaller line under it."""
    fig.suptitle(finding, x=0.01, ha="left", fontsize=12, fontweight="bold")
    if subtitle:
        fig.text(0.01, 0.935, subtitle, ha="left", va="top", fontsize=9, color="#444444")


def save_figure(fig: plt.Figure, name: str, figures_dir: Path, source: str = SOURCE_LINE) -> dict[str, Path]:
    """Add the source line, then write ``name.png`` and ``name.svg`` atomically; returns their paths."""
    fig.text(0.01, 0.005, source, ha="left", va="bottom", fontsize=7, color="#666666")
    written = {}
    for fmt, meta in (("png", PNG_METADATA), ("svg", SVG_METADATA)):
        buffer = _io.BytesIO()
        fig.savefig(buffer, format=fmt, metadata=meta, dpi=PNG_DPI, bbox_inches="tight", pad_inches=0.15)
        written[fmt] = io.atomic_write_bytes(Path(figures_dir) / f"{name}.{fmt}", buffer.getvalue())
    return written
