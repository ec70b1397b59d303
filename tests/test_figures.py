"""The one figure style: stable outlet order and colours, one crop for PNG and SVG, repeatable bytes."""

from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from framing import figures  # noqa: E402


@pytest.fixture(autouse=True)
def style():
    with matplotlib.rc_context():
        figures.apply_style()
        yield
    plt.close("all")


def _figure() -> plt.Figure:
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.barh(["Newsweek", "The Independent"], [12, 7])
    ax.set_xlabel("matches per 1,000 words")
    ax.legend(["rate"], loc="upper left", bbox_to_anchor=(1.0, 1.0))  # outside the axes: the crop must keep it
    fig.tight_layout(rect=(0, 0.02, 1, 0.9))
    figures.title(fig, "A title that states the finding", "and a subtitle")
    return fig


def test_outlets_keep_article_id_order_and_one_colour_each(built):
    articles = built.articles.sample(frac=1, random_state=0)
    order = figures.outlet_order(articles)
    assert order == built.articles.sort_values("article_id")["label"].tolist()
    palette = figures.outlet_palette(articles)
    assert list(palette) == order and len(set(palette.values())) == len(order)
    assert set(palette.values()) <= set(figures.OKABE_ITO)


def test_save_figure_writes_png_and_svg_and_closes_the_figure(tmp_path):
    fig = _figure()
    saved = figures.save_figure(fig, "example", tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["example.png", "example.svg"]
    assert saved.paths["png"].read_bytes() == saved.png
    assert b"<svg" in saved.paths["svg"].read_bytes()[:500]
    assert not plt.fignum_exists(fig.number)


def test_saved_figures_are_byte_identical_across_saves(tmp_path):
    figures.save_figure(_figure(), "first", tmp_path)
    figures.save_figure(_figure(), "second", tmp_path)
    for fmt in ("png", "svg"):
        assert (tmp_path / f"first.{fmt}").read_bytes() == (tmp_path / f"second.{fmt}").read_bytes()


def test_crop_is_what_a_tight_save_gives_and_png_and_svg_share_it(tmp_path):
    saved = figures.save_figure(_figure(), "example", tmp_path)
    reference = _figure()
    reference.text(0.01, 0.005, figures.SOURCE_LINE, ha="left", va="bottom", fontsize=7, color="#666666")
    buffer = io.BytesIO()
    reference.savefig(buffer, format="png", dpi=figures.PNG_DPI, bbox_inches="tight", pad_inches=figures.PAD_INCHES)
    assert saved.size_px == figures.png_size(buffer.getvalue())
    width_pt, height_pt = map(float, re.search(rb'width="([\d.]+)pt" height="([\d.]+)pt"', saved.paths["svg"].read_bytes()).groups())
    assert (width_pt / 72, height_pt / 72) == pytest.approx(tuple(px / figures.PNG_DPI for px in saved.size_px), abs=0.01)


def test_a_saved_figure_displays_as_its_png_file_without_paths(tmp_path):
    saved = figures.save_figure(_figure(), "example", tmp_path)
    data, metadata = saved._repr_png_()
    assert data == (tmp_path / "example.png").read_bytes()
    assert metadata["width"] == round(saved.size_px[0] * figures.DISPLAY_DPI / figures.PNG_DPI)
    assert metadata["alt"] == "A title that states the finding"  # the report's alternative text
    assert repr(saved) == "example: example.png, example.svg"
    assert str(tmp_path) not in repr(saved)


def test_png_size_reads_the_header_and_refuses_other_bytes(tmp_path):
    saved = figures.save_figure(_figure(), "example", tmp_path)
    assert figures.png_size(saved.png) == saved.size_px
    with pytest.raises(ValueError, match="not a PNG"):
        figures.png_size(saved.paths["svg"].read_bytes())


def test_bytes_do_not_depend_on_the_caller_having_applied_the_style(tmp_path):
    with matplotlib.rc_context({"svg.hashsalt": None}):
        figures.save_figure(_figure(), "first", tmp_path)
        figures.save_figure(_figure(), "second", tmp_path)
    assert (tmp_path / "first.svg").read_bytes() == (tmp_path / "second.svg").read_bytes()


def test_readable_names_groups_as_figures_do():
    assert figures.readable("wire_report (pooled)") == "news reports (pooled)"
    assert figures.readable("analysis only / wire_report only") == "analysis only / news reports only"
    assert figures.readable("Russia Monitor") == "Russia Monitor"


def test_actor_colours_are_distinct_and_never_a_voice_colour():
    colours = list(figures.ACTOR_GROUP_COLOURS.values())
    assert len(set(colours)) == len(colours)
    assert not set(colours) & set(figures.VOICE_COLOURS.values())  # figure 01 shows both side by side
