"""The one figure style: stable outlet order and colours, one crop for PNG and SVG, repeatable bytes."""

from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
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


def test_outlets_keep_article_id_order(built):
    articles = built.articles.sample(frac=1, random_state=0)
    assert figures.outlet_order(articles) == built.articles.sort_values("article_id")["label"].tolist()


def test_save_figure_writes_png_and_svg_and_closes_the_figure(tmp_path):
    fig = _figure()
    saved = figures.save_figure(fig, "example", tmp_path, 5)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["example.png", "example.svg"]
    assert saved.paths["png"].read_bytes() == saved.png
    assert b"<svg" in saved.paths["svg"].read_bytes()[:500]
    assert not plt.fignum_exists(fig.number)
    # the source line names how many texts the figure shows
    assert [t.get_text() for t in fig.texts if t.get_text().startswith("Source:")] == [
        "Source: 5 texts in data/raw; analysis: this project"
    ]


def test_saved_figures_are_byte_identical_across_saves(tmp_path):
    figures.save_figure(_figure(), "first", tmp_path, 5)
    figures.save_figure(_figure(), "second", tmp_path, 5)
    for fmt in ("png", "svg"):
        assert (tmp_path / f"first.{fmt}").read_bytes() == (tmp_path / f"second.{fmt}").read_bytes()


def test_crop_is_what_a_tight_save_gives_and_png_and_svg_share_it(tmp_path):
    saved = figures.save_figure(_figure(), "example", tmp_path, 5)
    reference = _figure()
    reference.text(0.01, 0.005, figures.source_line(5), ha="left", va="bottom", fontsize=7, color="#666666")
    buffer = io.BytesIO()
    reference.savefig(buffer, format="png", dpi=figures.PNG_DPI, bbox_inches="tight", pad_inches=figures.PAD_INCHES)
    assert saved.size_px == figures.png_size(buffer.getvalue())
    width_pt, height_pt = map(
        float, re.search(rb'width="([\d.]+)pt" height="([\d.]+)pt"', saved.paths["svg"].read_bytes()).groups()
    )
    assert (width_pt / 72, height_pt / 72) == pytest.approx(
        tuple(px / figures.PNG_DPI for px in saved.size_px), abs=0.01
    )


def test_a_saved_figure_displays_as_its_png_file_without_paths(tmp_path):
    saved = figures.save_figure(_figure(), "example", tmp_path, 5)
    data, metadata = saved._repr_png_()
    assert data == (tmp_path / "example.png").read_bytes()
    assert metadata["width"] == round(saved.size_px[0] * figures.DISPLAY_DPI / figures.PNG_DPI)
    assert metadata["alt"] == "A title that states the finding"  # the report's alternative text
    assert repr(saved) == "example: example.png, example.svg"
    assert str(tmp_path) not in repr(saved)


def test_png_size_reads_the_header_and_refuses_other_bytes(tmp_path):
    saved = figures.save_figure(_figure(), "example", tmp_path, 5)
    assert figures.png_size(saved.png) == saved.size_px
    with pytest.raises(ValueError, match="not a PNG"):
        figures.png_size(saved.paths["svg"].read_bytes())


def test_bytes_do_not_depend_on_the_caller_having_applied_the_style(tmp_path):
    with matplotlib.rc_context({"svg.hashsalt": None}):
        figures.save_figure(_figure(), "first", tmp_path, 5)
        figures.save_figure(_figure(), "second", tmp_path, 5)
    assert (tmp_path / "first.svg").read_bytes() == (tmp_path / "second.svg").read_bytes()


@pytest.mark.parametrize(
    "n, expected",
    [
        (1, "Source: 1 text in data/raw; analysis: this project"),
        (5, "Source: 5 texts in data/raw; analysis: this project"),
        (1200, "Source: 1,200 texts in data/raw; analysis: this project"),
    ],
)
def test_source_line_counts_the_texts(n, expected):
    assert figures.source_line(n) == expected


def test_a_one_text_figure_says_one_text(tmp_path):
    fig = _figure()
    figures.save_figure(fig, "one", tmp_path, 1)
    assert "Source: 1 text in data/raw" in [t.get_text() for t in fig.texts][-1]


# --- colours --------------------------------------------------------------------------------------


def test_voice_colours_name_the_four_voices():
    from framing import voice

    assert set(figures.VOICE_COLOURS) == set(voice.VOICES)
    assert len(set(figures.VOICE_COLOURS.values())) == len(voice.VOICES)


def test_group_palette_gives_the_focus_group_its_colour_and_others_distinct_ones():
    palette = figures.group_palette(["wire_report", "analysis", "live_blog", "wire_copy", "wire_report"], "analysis")
    assert palette["analysis"] == figures.FOCUS_COLOUR
    assert set(palette) == {"analysis", "live_blog", "wire_copy", "wire_report"}
    assert len(set(palette.values())) == 4
    assert [palette[g] for g in ("live_blog", "wire_copy", "wire_report")] == list(
        figures.OTHER_GROUP_COLOURS[:3]
    )  # sorted
    assert figures.group_palette(["analysis", "wire_report"], "analysis") == {
        "analysis": figures.FOCUS_COLOUR,
        "wire_report": figures.OTHER_GROUP_COLOURS[0],
    }
    # a focus group no text belongs to still has its colour; no other group takes it
    lonely = figures.group_palette(["wire_report"], "analysis")
    assert lonely["analysis"] == figures.FOCUS_COLOUR and lonely["wire_report"] != figures.FOCUS_COLOUR


def test_group_palette_does_not_depend_on_the_order_groups_come_in():
    groups = ["wire_report", "live_blog", "analysis", "wire_copy"]
    assert figures.group_palette(groups, "wire_report") == figures.group_palette(list(reversed(groups)), "wire_report")


def test_actor_colours_are_distinct_and_never_a_voice_colour():
    colours = list(figures.ACTOR_GROUP_COLOURS)
    assert len(set(colours)) == len(colours)
    assert not set(colours) & set(figures.VOICE_COLOURS.values())  # figure 01 shows both side by side
    assert figures.UNRESOLVED_COLOUR not in colours


def test_actor_palette_greys_the_unresolved_speaker(built):
    groups = list(built.quotes["speaker_group"]) + [""]
    palette = figures.actor_palette(groups)
    assert palette[""] == figures.UNRESOLVED_COLOUR
    named = sorted(g for g in set(groups) if g)
    assert [palette[g] for g in named] == list(figures.ACTOR_GROUP_COLOURS[: len(named)])
    assert len(set(palette.values())) == len(palette)


# --- text helpers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "label, width, expected",
    [
        ("Russia Monitor", 18, "Russia Monitor"),
        ("The Independent (wire report)", 10, "The\nIndependent\n(wire\nreport)"),
        ("Aggregator (000)", 30, "Aggregator (000)"),
    ],
)
def test_wrap_breaks_at_spaces_only(label, width, expected):
    assert figures.wrap(label, width) == expected


@pytest.mark.parametrize(
    "text, width, lines, expected",
    [
        (
            "Provocations, pressure and militarist and insulting rhetoric are a dead-end road",
            20,
            2,
            "Provocations,\npressure and\u2026",
        ),
        ("misguided and futile", 20, 2, "misguided and futile"),
        ("", 20, 2, ""),
        ("counterproductive", 8, 1, "counterproductive"),  # a word longer than the width is not broken
    ],
)
def test_clip_lines(text, width, lines, expected):
    assert figures.clip_lines(text, width, lines) == expected


def test_capped_and_rows_height():
    table = pd.DataFrame({"label": [f"text {i}" for i in range(45)]})
    shown, more = figures.capped(table)
    assert len(shown) == figures.MAX_ROWS and more == 45 - figures.MAX_ROWS
    assert shown["label"].iloc[0] == "text 0"  # the table's own ranking is kept
    few, none_more = figures.capped(table.head(3))
    assert few["label"].tolist() == ["text 0", "text 1", "text 2"] and none_more == 0
    assert figures.capped(table, limit=45)[1] == 0
    assert figures.rows_height(10) == pytest.approx(1.6 + 10 * figures.ROW_INCHES)
    assert figures.rows_height(0) == figures.rows_height(1)  # an empty panel still has a row's height
    assert figures.rows_height(5, base=2.0) > figures.rows_height(5)


def test_text_rows_put_the_focus_group_first_and_cap(built):
    groups = ["analysis", "wire_report"]
    rows, more = figures.text_rows(built.articles, groups)
    labels = built.articles.set_index("article_id")["label"]
    assert rows == [labels["004"], labels["000"], labels["001"], labels["002"], labels["003"]] and more == 0
    rows, more = figures.text_rows(built.articles, groups, limit=2)
    assert rows == [labels["004"], labels["000"]] and more == 3


# --- layout ---------------------------------------------------------------------------------------


def test_titled_lays_the_axes_out_between_title_and_source_line():
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.barh(["Newsweek", "RFE/RL"], [3, 5])
    finding = "Hedges run three times as often in the analysis as in the reports, though the intervals overlap widely"
    figures.titled(fig, finding, "Rates per 1,000 words with exact 95% intervals.")
    assert " ".join(fig.get_suptitle().split()) == finding
    assert "\n" in fig.get_suptitle()  # wrapped to the figure's width
    _, _, used = figures._heading(fig, finding, "Rates per 1,000 words with exact 95% intervals.")
    top = ax.get_position().y1
    bottom = ax.get_position().y0
    assert top <= 1 - used / 4 + 1e-6
    assert bottom >= figures.SOURCE_INCHES / 4 - 1e-6
    assert any(t.get_text() == "Rates per 1,000 words with exact 95% intervals." for t in fig.texts)


def test_title_returns_the_room_left_below_it():
    fig = plt.figure(figsize=(8, 3))
    below_short = figures.title(fig, "Short finding")
    fig2 = plt.figure(figsize=(8, 3))
    below_long = figures.title(fig2, "A much longer finding " * 8, "with a subtitle\nof two lines")
    assert 0 < below_long < below_short < 1


def _strip_table():
    return pd.DataFrame(
        {
            "article_id": [f"{i:03d}" for i in range(13)],
            "label": [f"Outlet {i}" for i in range(13)],
            "group": ["analysis"] + ["wire_report"] * 4 + ["live_blog"] * 8,
            "mean": [-0.2, -0.4, -0.1, -0.3, -0.35] + [-0.05 * i for i in range(8)],
        }
    ).assign(ci_low=lambda t: t["mean"] - 0.1, ci_high=lambda t: t["mean"] + 0.1)


def test_strip_bands_give_each_named_text_room():
    table = _strip_table()
    bands = figures.strip_bands(table, ["analysis", "wire_report", "live_blog"])
    assert list(bands) == ["analysis", "wire_report", "live_blog"]
    heights = {g: b - a for g, (a, b) in bands.items()}
    assert heights["analysis"] == pytest.approx(1.0)  # one text: 0.7 + 0.3
    assert heights["wire_report"] == pytest.approx(4 * 0.7 + 0.3)
    assert heights["live_blog"] == pytest.approx(
        figures.LABEL_MAX_PER_GROUP * 0.7 + 0.3
    )  # eight texts, six rows of room
    assert bands["wire_report"][0] == bands["analysis"][1] and bands["live_blog"][0] == bands["wire_report"][1]
    assert figures.strip_height(table, ["analysis"]) < figures.strip_height(table, ["analysis", "wire_report"])
    # a group with no text still gets a band (it is shown empty, not dropped)
    assert figures.strip_bands(table, ["wire_copy"])["wire_copy"] == (0.0, pytest.approx(1.0))


def test_group_strip_names_texts_of_small_groups_and_only_the_top_of_large_ones():
    table = _strip_table()
    groups = ["analysis", "wire_report", "live_blog"]
    fig, ax = plt.subplots()
    figures.group_strip(
        ax,
        table,
        "mean",
        groups=groups,
        palette=figures.group_palette(table["group"], "analysis"),
        low="ci_low",
        high="ci_high",
        names={"wire_report": "news reports"},
    )
    named = [t.get_text() for t in ax.texts]
    assert sorted(named) == sorted(["Outlet 0", "Outlet 1", "Outlet 2", "Outlet 3", "Outlet 4", "Outlet 5"])
    assert "Outlet 5" in named  # the highest live_blog mean (0.0) is the one named
    assert [t.get_text() for t in ax.get_yticklabels()] == ["analysis", "news reports", "live blog"]
    assert len(ax.collections) == 2 * len(groups)  # one interval line set and one dot set per group
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # the first group on top


def test_group_strip_of_one_text():
    table = _strip_table().head(1)
    fig, ax = plt.subplots()
    figures.group_strip(
        ax, table, "mean", groups=["analysis", "wire_report"], palette={"analysis": figures.FOCUS_COLOUR}
    )
    assert [t.get_text() for t in ax.texts] == ["Outlet 0"]
    assert len(ax.collections) == 1  # no interval asked for, one dot
