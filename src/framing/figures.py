"""One figure style for every notebook: outlet order and colours, titles, source line, saving.

Colours are the Okabe & Ito (2008) colour-blind-safe palette, assigned to outlets in
``article_id`` order so an outlet keeps its colour in every figure. Figures are written as
PNG (report resolution) and SVG with fixed metadata and hash salt, so reruns are byte-identical.
"""

from __future__ import annotations

import io as _io
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from matplotlib.transforms import Bbox

from framing import io

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000")
GROUP_COLOURS = {"wire_report": "#0072B2", "analysis": "#D55E00"}
VOICE_COLOURS = {"narration": "#333333", "quote": "#E69F00"}
# Actor groups are shown beside voices (figure 01), so they avoid the voice colours: Okabe-Ito
# without orange and black, grey, and Paul Tol's colour-blind-safe wine for the eighth.
ACTOR_GROUP_COLOURS = {
    "Russia": "#009E73", "United States": "#CC79A7", "North Korea": "#56B4E9", "China": "#D55E00",
    "Japan": "#882255", "South Korea": "#0072B2", "United Nations": "#999999", "Australia": "#F0E442",
}
PNG_DPI = 200
DISPLAY_DPI = 100  # a saved figure shown in a notebook: CSS pixels per inch (sharp on high-DPI screens)
PAD_INCHES = 0.15
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
    "figure.dpi": 144,  # figures drawn inline (the explorer); saved ones are shown from their own PNG
    "savefig.dpi": PNG_DPI,
    "image.cmap": "viridis",
}

SAVE_PARAMS = {key: RC_PARAMS[key] for key in ("svg.hashsalt", "svg.fonttype")}


def apply_style() -> None:
    """Set the project's matplotlib rcParams (call once at the top of a notebook)."""
    matplotlib.rcParams.update(RC_PARAMS)


GROUP_NAMES = {"wire_report": "news reports", "analysis": "analysis"}  # how figures name the groups


def readable(text: str) -> str:
    """``text`` with group ids ('wire_report') replaced by the names figures use ('news reports')."""
    for group, name in GROUP_NAMES.items():
        text = text.replace(group, name)
    return text


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


@dataclass(frozen=True)
class SavedFigure:
    """The files ``save_figure`` wrote. A notebook displays it as the saved PNG itself."""

    name: str
    paths: dict[str, Path]
    png: bytes
    size_px: tuple[int, int]
    alt: str = ""  # the figure's title (its finding), as alternative text

    def _repr_png_(self) -> tuple[bytes, dict]:
        width, height = self.size_px
        return self.png, {"width": round(width * DISPLAY_DPI / PNG_DPI), "height": round(height * DISPLAY_DPI / PNG_DPI),
                          "alt": self.alt}

    def __repr__(self) -> str:
        return f"{self.name}: " + ", ".join(path.name for path in self.paths.values())


def crop_box(fig: plt.Figure, pad_inches: float = PAD_INCHES) -> Bbox:
    """The padded tight bounding box (inches) of ``fig``, measured once at ``PNG_DPI``.

    The same box as ``bbox_inches="tight"`` gives a PNG, computed once so that the PNG and the
    SVG share one crop and neither save has to lay the figure out again.
    """
    previous = fig.dpi
    fig.dpi = PNG_DPI
    try:
        fig.draw_without_rendering()
        return fig.get_tightbbox().padded(pad_inches)
    finally:
        fig.dpi = previous


FORMATS = (("png", PNG_METADATA), ("svg", SVG_METADATA))


def finish_for_saving(fig: plt.Figure, source: str = SOURCE_LINE) -> None:
    """Add the source line and drop a spent one-off layout, so saving does not lay ``fig`` out again."""
    fig.text(0.01, 0.005, source, ha="left", va="bottom", fontsize=7, color="#666666")
    if isinstance(fig.get_layout_engine(), PlaceHolderLayoutEngine):
        fig.set_layout_engine(None)  # a one-off tight_layout() has run; no layout left to redo on save


def render(fig: plt.Figure, fmt: str, metadata: dict, box: Bbox) -> bytes:
    """``fig`` as ``fmt`` bytes over the crop ``box``, at ``PNG_DPI``, with the project's fixed metadata."""
    buffer = _io.BytesIO()
    with matplotlib.rc_context(SAVE_PARAMS):  # byte-identical files even if apply_style() was not called
        fig.savefig(buffer, format=fmt, metadata=metadata, dpi=PNG_DPI, bbox_inches=box)
    return buffer.getvalue()


def save_figure(fig: plt.Figure, name: str, figures_dir: Path, source: str = SOURCE_LINE) -> SavedFigure:
    """Add the source line, write ``name.png`` and ``name.svg`` atomically, and close ``fig``.

    Both files share one crop (:func:`crop_box`). The figure is closed so that a notebook does not
    render it a third time: the returned :class:`SavedFigure` displays the PNG file's own bytes.
    """
    finish_for_saving(fig, source)
    box = crop_box(fig)
    files = {fmt: render(fig, fmt, meta, box) for fmt, meta in FORMATS}
    written = {fmt: io.atomic_write_bytes(Path(figures_dir) / f"{name}.{fmt}", data) for fmt, data in files.items()}
    plt.close(fig)
    return SavedFigure(name, written, files["png"], png_size(files["png"]), " ".join(fig.get_suptitle().split()))


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels, read from a PNG's IHDR chunk."""
    if png[:8] != io.PNG_SIGNATURE or png[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
