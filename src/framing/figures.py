"""One figure style for every notebook: outlet order and colours, titles, source line, saving.

Colours are the Okabe & Ito (2008) colour-blind-safe palette, assigned to outlets in
``article_id`` order so an outlet keeps its colour in every figure. Figures are written as
PNG (report resolution) and SVG with fixed metadata and hash salt, so reruns are byte-identical.
"""

from __future__ import annotations

import io as _io
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from matplotlib.transforms import Bbox

from framing import prose, storage

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000")
FOCUS_COLOUR = "#D55E00"  # the group a comparison focuses on; other groups take the remaining colours
OTHER_GROUP_COLOURS = ("#0072B2", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#999999")
VOICE_COLOURS = {
    "own_narration": "#333333",
    "attributed_paraphrase": "#56B4E9",
    "imputation": "#CC79A7",
    "direct_quote": "#E69F00",
}
# Actor groups are shown beside voices (figure 01), so they avoid the voice colours: Okabe-Ito
# without orange and black, grey, Paul Tol's colour-blind-safe wine, then Tol's muted set for
# groups beyond the eighth, in order of first use; grey for no resolved speaker.
ACTOR_GROUP_COLOURS = (
    "#009E73",
    "#0072B2",
    "#D55E00",
    "#882255",
    "#F0E442",
    "#999999",
    "#117733",
    "#DDCC77",
    "#332288",
    "#AA4499",
    "#44AA99",
    "#88CCEE",
)
UNRESOLVED_COLOUR = "#DDDDDD"
MAX_ROWS = 40  # per-text rows shown in one panel before the rest are summarised as "and n more"
ROW_INCHES = 0.24  # height per text row
PNG_DPI = 200
DISPLAY_DPI = 100  # a saved figure shown in a notebook: CSS pixels per inch (sharp on high-DPI screens)
PAD_INCHES = 0.15
SOURCE = "Source: {n} in data/raw; analysis: this project"
PNG_METADATA = {"Software": None}
SVG_METADATA = {"Date": None}

RC_PARAMS: dict[RcKeyType, Any] = {
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

SAVE_PARAMS: dict[RcKeyType, Any] = {key: RC_PARAMS[key] for key in ("svg.hashsalt", "svg.fonttype")}


def apply_style() -> None:
    """Set the project's matplotlib rcParams (call once at the top of a notebook)."""
    matplotlib.rcParams.update(RC_PARAMS)


def source_line(n_texts: int) -> str:
    """The source line under every figure, saying how many texts it shows."""
    return SOURCE.format(n=prose.plural(n_texts, "text"))


def group_palette(groups, focus: str) -> dict[str, str]:
    """A colour per group: the focus group orange, the others from ``OTHER_GROUP_COLOURS`` in sorted order."""
    others = sorted(g for g in set(groups) if g != focus)
    palette = {g: OTHER_GROUP_COLOURS[i % len(OTHER_GROUP_COLOURS)] for i, g in enumerate(others)}
    return {**palette, focus: FOCUS_COLOUR}


def actor_palette(groups) -> dict[str, str]:
    """A colour per actor group in sorted order (``ACTOR_GROUP_COLOURS``); '' (no speaker) grey."""
    named = sorted(g for g in set(groups) if g)
    return {
        "": UNRESOLVED_COLOUR,
        **{g: ACTOR_GROUP_COLOURS[i % len(ACTOR_GROUP_COLOURS)] for i, g in enumerate(named)},
    }


def wrap(label: str, width: int = 18) -> str:
    """A long label broken onto lines of at most ``width`` characters (at spaces)."""
    return textwrap.fill(label, width, break_long_words=False)


def clip_lines(text: str, width: int, lines: int) -> str:
    """``text`` wrapped at ``width`` characters and cut to ``lines`` lines, an ellipsis marking the cut."""
    wrapped = textwrap.wrap(str(text), width, break_long_words=False) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: max(width - 1, 1)].rstrip() + "…"
    return "\n".join(wrapped)


def capped(table: pd.DataFrame, limit: int = MAX_ROWS) -> tuple[pd.DataFrame, int]:
    """The first ``limit`` rows of an already ranked table and how many more there were."""
    return table.head(limit), max(len(table) - limit, 0)


def rows_height(n_rows: int, base: float = 1.6) -> float:
    """Figure height (inches) for ``n_rows`` text rows plus title and axes."""
    return base + ROW_INCHES * max(n_rows, 1)


def outlet_order(articles: pd.DataFrame) -> list[str]:
    """Text labels in ``article_id`` order: the same order in every figure."""
    return articles.sort_values("article_id")["label"].tolist()


TITLE_LINE_INCHES, SUBTITLE_LINE_INCHES, SOURCE_INCHES = 0.24, 0.18, 0.28


def _heading(fig: plt.Figure, finding: str, subtitle: str) -> tuple[str, str, float]:
    """The wrapped title and subtitle and the inches they take at the top of ``fig``."""
    width = fig.get_figwidth()
    heading = textwrap.fill(finding, max(int(width * 10.5), 30))
    note = "\n".join(textwrap.fill(part, max(int(width * 14), 40)) for part in subtitle.split("\n")) if subtitle else ""
    used = 0.1 + TITLE_LINE_INCHES * (heading.count("\n") + 1)
    if note:
        used += SUBTITLE_LINE_INCHES * (note.count("\n") + 1) + 0.05
    return heading, note, used + 0.08


def heading_inches(fig: plt.Figure, finding: str, subtitle: str = "") -> float:
    """The inches ``title`` takes at the top of ``fig`` at its current width (to size a figure to its content)."""
    return _heading(fig, finding, subtitle)[2]


def title(fig: plt.Figure, finding: str, subtitle: str = "") -> float:
    """A title that states the finding (wrapped to the figure's width), an optional smaller line
    under it, both pinned to the top edge; returns the figure fraction left below them. Lay the
    axes out before calling it (matplotlib's tight layout also makes room for a title)."""
    height = fig.get_figheight()
    heading, note, used = _heading(fig, finding, subtitle)
    fig.suptitle(heading, x=0.01, y=1 - 0.06 / height, ha="left", va="top", fontsize=12, fontweight="bold")
    if note:
        first = 0.1 + TITLE_LINE_INCHES * (heading.count("\n") + 1)
        fig.text(0.01, 1 - first / height, note, ha="left", va="top", fontsize=9, color="#444444")
    return 1 - used / height


def titled(fig: plt.Figure, finding: str, subtitle: str = "") -> None:
    """A tight layout of the axes between the title block and the source line, then the title."""
    _, _, used = _heading(fig, finding, subtitle)
    height = fig.get_figheight()
    fig.tight_layout(rect=(0, SOURCE_INCHES / height, 1, 1 - used / height))
    title(fig, finding, subtitle)


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
        return self.png, {
            "width": round(width * DISPLAY_DPI / PNG_DPI),
            "height": round(height * DISPLAY_DPI / PNG_DPI),
            "alt": self.alt,
            "name": self.name,
        }

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


def finish_for_saving(fig: plt.Figure, source: str) -> None:
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


def save_figure(fig: plt.Figure, name: str, figures_dir: Path, n_texts: int) -> SavedFigure:
    """Add the source line (naming ``n_texts``), write ``name.png`` and ``name.svg`` atomically, and close ``fig``.

    Both files share one crop (:func:`crop_box`). The figure is closed so that a notebook does not
    render it a third time: the returned :class:`SavedFigure` displays the PNG file's own bytes.
    """
    finish_for_saving(fig, source_line(n_texts))
    box = crop_box(fig)
    files = {fmt: render(fig, fmt, meta, box) for fmt, meta in FORMATS}
    written = {
        fmt: storage.atomic_write_bytes(Path(figures_dir) / f"{name}.{fmt}", data) for fmt, data in files.items()
    }
    plt.close(fig)
    return SavedFigure(name, written, files["png"], png_size(files["png"]), " ".join(fig.get_suptitle().split()))


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels, read from a PNG's IHDR chunk."""
    if png[:8] != storage.PNG_SIGNATURE or png[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


LABEL_MAX_PER_GROUP = 6  # name every text of a group up to this many; beyond it, only the highest
INTERVALS_MAX_TEXTS = 20  # draw each text's interval up to this many texts in a panel


def strip_bands(table: pd.DataFrame, groups: list[str]) -> dict[str, tuple[float, float]]:
    """(top, bottom) of each group's band in data units: one unit per named text (at most
    ``LABEL_MAX_PER_GROUP``), so named texts never crowd."""
    bands, y = {}, 0.0
    for group in groups:
        n = int((table["group"] == group).sum())
        height = max(1, min(n, LABEL_MAX_PER_GROUP)) * 0.7 + 0.3
        bands[group] = (y, y + height)
        y += height
    return bands


def strip_height(articles: pd.DataFrame, groups: list[str]) -> float:
    """Inches one ``group_strip`` panel needs for the texts of ``articles``."""
    bottom = max(b for _, b in strip_bands(articles, groups).values()) if len(groups) else 1
    return 0.35 + 0.26 * bottom


def group_strip(
    ax,
    table: pd.DataFrame,
    value: str,
    *,
    groups: list[str],
    palette: dict[str, str],
    low: str | None = None,
    high: str | None = None,
    names: dict[str, str] | None = None,
    label: str = "label",
    fontsize: float = 7,
) -> None:
    """One band per group, one dot per text at ``value`` (its interval ``low``-``high`` as a line
    when the panel has at most ``INTERVALS_MAX_TEXTS`` texts), texts ranked top down within their
    band. Texts are named beside their dot when a group has at most ``LABEL_MAX_PER_GROUP``;
    otherwise only its highest is. Scales from one text to hundreds."""
    names = names or {}
    intervals = low is not None and len(table) <= INTERVALS_MAX_TEXTS
    bands = strip_bands(table, groups)
    for group in groups:
        part = table[table["group"] == group].sort_values(value, ascending=False, kind="stable")
        if part.empty:
            continue
        top, bottom = bands[group]
        ys = np.linspace(top + 0.5, bottom - 0.5, len(part)) if len(part) > 1 else np.array([(top + bottom) / 2])
        colour = palette.get(group, "#777777")
        if intervals:
            ax.hlines(ys, part[low], part[high], color=colour, lw=1.1, alpha=0.55)
        ax.scatter(part[value], ys, s=18 if len(part) < 40 else 8, color=colour, zorder=3, lw=0)
        shown = part if len(part) <= LABEL_MAX_PER_GROUP else part.head(1)
        for (_, row), y in zip(shown.iterrows(), ys):
            ax.annotate(
                str(row[label]),
                (row[value], y),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=fontsize,
                color="#333333",
            )
    for top, _ in list(bands.values())[1:]:
        ax.axhline(top, color="#dddddd", lw=0.8)
    ax.set_yticks(
        [(t + b) / 2 for t, b in bands.values()],
        [wrap(names.get(g, g.replace("_", " ")), 14) for g in bands],
        fontsize=8,
    )
    ax.set_ylim(max(b for _, b in bands.values()), 0)
    ax.grid(axis="y", visible=False)


def text_rows(articles: pd.DataFrame, groups: list[str], limit: int = MAX_ROWS) -> tuple[list[str], int]:
    """Text labels in figure order (by group, focus first, then id), capped at ``limit``, and how
    many were left out."""
    rank = {g: i for i, g in enumerate(groups)}
    ordered = articles.assign(_rank=articles["group"].map(rank)).sort_values(["_rank", "article_id"])["label"].tolist()
    return ordered[:limit], max(len(ordered) - limit, 0)
