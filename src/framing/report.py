"""A standalone HTML report of a run, reader first.

Order: the key findings (the study's answer from ``findings.csv``, each linked to its figure and to
the table of units behind it; then each figure's own finding), the docs (about, methods,
limitations), the detail notebook by notebook, and an appendix: the units behind each finding, and
what each notebook reads, writes and checks. This module says nothing about any corpus: every
statement about the texts comes from the run's tables, its notebooks or ``docs/``.

From each notebook: markdown cells, Markdown outputs and figures; tables only from code cells
tagged ``report``; "**Reads**"/"**Writes**" paragraphs and sections headed "Checks" go to the
appendix; a heading with nothing under it is dropped. Markdown is rendered with raw HTML escaped,
so article text can never inject markup, and table cells from outputs are re-escaped. Figures are
embedded once as data URIs and open full size in a CSS ``:target`` overlay. The page fetches
nothing, runs no script and holds no timestamp: the same run gives the same bytes.
"""

from __future__ import annotations

import base64
import csv
import html
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

import mistune
import nbformat

from framing import paths, prose, storage

REPORT_FILE = "report.html"
REPORT_TAG = "report"
DOCS_FOLDER = "docs"  # under the project root
DEFAULT_TITLE = "Framing analysis: findings and how they were reached"
DOCS = (
    ("about", "About this study", "summary.md"),
    ("methods", "Methods", "methods.md"),
    ("limitations", "Limitations", "limitations.md"),
)
CHECKS_HEADING = re.compile(r"^checks?\b", re.IGNORECASE)
FILES_PARAGRAPH = re.compile(r"<p><strong>(?:Reads|Writes)</strong>.*?</p>\n?", re.S)
RELIABILITY_FIGURE = "04_rule_scores"  # per variable, the agreement of the hand codings: a finding's standing
MISSING_VALUES = {"nan", "NaN", "None", "<NA>", "NaT"}
NARROW_PX, TEXT_COLUMN_PX, CHAR_PX, CELL_PAD_PX = 368, 736, 7.5, 16  # a 400 px screen; the text column
SHORT_CHARS, LONG_CHARS, LONGEST_WORD = 12, 60, 28  # a column kept on one line; one of sentences
ROWS_SHOWN = 15  # a longer table is folded (a link into it unfolds it)
EVIDENCE_TITLE, FILES_TITLE = "Appendix A · The units behind each finding", "Appendix B · Files and checks"

_render = mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])

STYLE = """
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 Georgia, 'DejaVu Serif', serif; color: #222; background: #fff;
       overflow-wrap: break-word; }
header, main { padding: 0 1rem; }
header > *, nav > *, section > * { max-width: 46rem; margin-left: auto; margin-right: auto; }
section > .wide { max-width: 84rem; }
section > figure.wide { max-width: 62rem; }
h1, h2, h3, h4, h5, h6, nav, summary, figcaption, .links, .standing, table { font-family: 'DejaVu Sans', Arial, sans-serif; }
h1, h2, h3, h4 { line-height: 1.25; } h1 { font-size: 1.9rem; margin-top: 2rem; margin-bottom: .5rem; }
h2 { font-size: 1.45rem; border-top: 1px solid #ccc; padding-top: 1rem; margin-top: 2.5rem; }
h3 { font-size: 1.15rem; } h4, h5, h6 { font-size: 1rem; }
.lede { font-size: 1.1rem; color: #333; }
.note { color: #555; font-size: .9rem; }
a { color: #0b5cad; }
code { background: #f3f3f3; padding: 0 .2rem; font-size: .88em; overflow-wrap: anywhere; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f6f6; padding: .5rem; font-size: .85rem; }
nav ol { columns: 2 15rem; font-size: .95rem; }
ol.findings > li { margin-bottom: 1rem; } ol.findings p { margin-top: .2rem; margin-bottom: .2rem; }
.links { font-size: .85rem; }
.standing { font-size: .72rem; text-transform: uppercase; letter-spacing: .04em; padding: 0 .35rem;
            border-radius: .2rem; background: #e6f2e6; color: #1d5e1d; white-space: nowrap; }
.standing.tentative { background: #fff1d6; color: #7a4d00; } .standing.withheld { background: #eee; color: #555; }
ul.figure-findings { font-size: .95rem; }
figure { margin-top: 1.5rem; margin-bottom: 1.5rem; }
figure img { display: block; margin: 0 auto; max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { text-align: center; font-size: .85rem; color: #555; margin-top: .3rem; }
.zoom .close { display: none; }
.zoom:target { position: fixed; inset: 0; z-index: 10; margin: 0; padding: 3rem 1rem 1rem; overflow: auto; background: #fff; }
.zoom:target img { max-width: none; height: auto; margin: 0; border: 0; }
@media (max-resolution: 1.4dppx) and (min-width: 40rem) { .zoom:target img { width: auto; } }
.zoom:target .close { display: block; position: fixed; top: .6rem; right: 1rem; padding: .3rem .7rem; background: #222;
                      color: #fff; border-radius: .3rem; text-decoration: none; font: .9rem 'DejaVu Sans', Arial, sans-serif; }
.table { margin-top: 1rem; margin-bottom: 1rem; overflow-x: auto; }
table { border-collapse: collapse; font-size: .85rem; width: 100%; }
th, td { border: 1px solid #ddd; padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #f3f3f3; }
th.num, td.num { text-align: right; } td.num, td.short { white-space: nowrap; }
td.long { min-width: 18rem; } td.key { font-weight: bold; } td.same { color: #999; }
details { margin-top: .5rem; margin-bottom: .5rem; } summary { cursor: pointer; font-size: .95rem; }
@media (max-width: 40rem) {
  h1 { font-size: 1.5rem; } nav ol { columns: 1; }
  table.stack, table.stack tbody, table.stack tr { display: block; width: 100%; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.stack tr { border: 1px solid #ddd; margin-bottom: .6rem; padding: .3rem .5rem; }
  table.stack td { display: inline-block; border: 0; padding: .1rem 1rem .1rem 0; text-align: left; white-space: normal; }
  table.stack td.long { display: block; min-width: 0; }
  table.stack td:empty { display: none; } table.stack td.same { color: inherit; }
  table.stack td::before { content: attr(data-label) ":"; font-weight: bold; color: #555; margin-right: .4em; }
}
"""  # noqa: E501 (CSS written into the report as it is)


@dataclass(frozen=True)
class Figure:
    name: str
    alt: str
    png: str  # base64
    width: int | None = None
    height: int | None = None
    id: str = ""
    number: int = 0

    @property
    def short_name(self) -> str:
        """'roles by voice' for '04_roles_by_voice'."""
        return re.sub(r"^\d+[_-]", "", self.name).replace("_", " ").replace("-", " ")


@dataclass(frozen=True)
class Block:
    """A piece of a notebook or doc. ``kind``: heading, content, figure; or, for the appendix only,
    files (what a notebook reads and writes) and aside (a plain output, shown among checks)."""

    kind: str
    html: str = ""
    level: int = 0
    text: str = ""
    figure: Figure | None = None


@dataclass(frozen=True)
class Finding:
    key: str
    standing: str
    variables: tuple[str, ...]
    text: str
    sentence_ids: tuple[str, ...]
    figure: str = ""


@dataclass(frozen=True)
class RunTables:
    """What the report reads from the run's tables; each part is empty when its table is missing."""

    findings: tuple[Finding, ...] = ()
    sentence_text: tuple[tuple[str, str], ...] = ()  # (sentence_id, text)
    sentence_label: tuple[tuple[str, str], ...] = ()  # (sentence_id, the label of its text)
    texts: tuple[tuple[str, str], ...] = ()  # (label, group) per text
    body_units: int = 0


@dataclass(frozen=True)
class Table:
    names: tuple[str, ...]  # one per column
    rows: tuple[tuple[str, ...], ...]  # cell HTML
    repeats: tuple[tuple[bool, ...], ...]  # the cell continues one spanning rows above
    keys: tuple[bool, ...]  # the column was the row index


# ---------------------------------------------------------------- markdown, headings, sections


def render_markdown(text: str) -> str:
    """Markdown to HTML with any raw HTML in ``text`` escaped."""
    return cast(str, _render(text))  # the HTML renderer returns text (other renderers, tokens)


def inline_markdown(text: str) -> str:
    """Markdown rendered without its enclosing paragraph."""
    return re.sub(r"^<p>(.*)</p>$", r"\1", render_markdown(text).strip(), flags=re.S)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def plain_text(fragment: str) -> str:
    """The visible text of an HTML fragment."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def content_blocks(fragment: str) -> list[Block]:
    """Rendered markdown without headings: content, with "**Reads**"/"**Writes**" paragraphs apart."""
    files = "".join(FILES_PARAGRAPH.findall(fragment))
    rest = FILES_PARAGRAPH.sub("", fragment).strip()
    return ([Block("content", tidy_tables(rest, keep_markup=True))] if rest else []) + (
        [Block("files", files)] if files else []
    )


def markdown_blocks(fragment: str, shift: int = 1) -> list[Block]:
    """Rendered markdown split at its headings, demoted by ``shift`` (a notebook's H1 becomes an H2)."""
    blocks = []
    for part in re.split(r"(<h[1-6]>.*?</h[1-6]>)", fragment, flags=re.S):
        heading = re.fullmatch(r"<h([1-6])>(.*?)</h\1>", part, flags=re.S)
        if heading:
            level = min(int(heading.group(1)) + shift, 6)
            blocks.append(
                Block("heading", f"<h{level}>{heading.group(2)}</h{level}>", level, plain_text(heading.group(2)))
            )
        elif part.strip():
            blocks += content_blocks(part)
    return blocks


def drop_empty_headings(blocks: list[Block]) -> list[Block]:
    """Without the headings that have no content before the next heading of the same or a higher level."""
    kept = []
    for i, block in enumerate(blocks):
        if block.kind == "heading":
            after = blocks[i + 1 :]
            end = next((j for j, b in enumerate(after) if b.kind == "heading" and b.level <= block.level), len(after))
            if not any(b.kind in ("content", "figure") for b in after[:end]):
                continue
        kept.append(block)
    return kept


def split_appendix(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """(main flow, appendix): the files a notebook reads and writes, and its "Checks" sections with
    their plain outputs, go to the appendix; plain outputs elsewhere are dropped."""
    main, appendix, checks_level = [], [], None
    for block in blocks:
        if block.kind == "heading" and checks_level is not None and block.level <= checks_level:
            checks_level = None
        if block.kind == "heading" and CHECKS_HEADING.match(block.text):
            checks_level = block.level
        elif block.kind == "files" or (checks_level is not None and block.kind != "heading"):
            appendix.append(block)
        elif checks_level is None and block.kind != "aside":
            main.append(block)
    return main, appendix


def blocks_html(blocks: list[Block]) -> str:
    return "\n".join(figure_html(b.figure) if b.figure is not None else b.html for b in blocks)


def section_html(ident: str, blocks: list[Block]) -> str:
    return f'<section id="{ident}">\n{blocks_html(blocks)}\n</section>'


# ---------------------------------------------------------------- tables

_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
_CELL = re.compile(r"<(th|td)\b([^>]*)>(.*?)</\1>", re.S)
_NUMBER = re.compile(r"^(?=\D*\d)[-+−]?(\d[\d,]*)?(\.\d+)?(e[-+]?\d+)?%?$", re.IGNORECASE)


@dataclass(frozen=True)
class Cell:
    html: str
    header: bool = False
    repeat: bool = False

    @property
    def text(self) -> str:
        return plain_text(self.html)


def _span(attributes: str, name: str) -> int:
    found = re.search(rf'{name}="(\d+)"', attributes)
    return int(found.group(1)) if found else 1


def table_grid(rows_html: str, keep_markup: bool) -> list[list[Cell]]:
    """Rows of cells with row and column spans expanded. Without ``keep_markup`` a cell keeps only
    its text, escaped again: an output's HTML is never trusted."""
    grid: list[list[Cell]] = []
    carried: dict[int, tuple[int, Cell]] = {}  # column -> (rows still to fill, cell) of a cell spanning rows above
    for row_html in _ROW.findall(rows_html):
        row = {col: cell for col, (_, cell) in carried.items()}
        carried = {col: (left - 1, cell) for col, (left, cell) in carried.items() if left > 1}
        column = 0
        for tag, attributes, inner in _CELL.findall(row_html):
            while column in row:
                column += 1
            content = inner.strip() if keep_markup else html.escape(plain_text(inner), quote=False)
            cell, rows, columns = (
                Cell(content, header=tag == "th"),
                _span(attributes, "rowspan"),
                _span(attributes, "colspan"),
            )
            for col in range(column, column + columns):
                row[col] = cell
                if rows > 1:
                    carried[col] = (rows - 1, replace(cell, repeat=True))
            column += columns
        grid.append([row.get(c, Cell("")) for c in range(max(row) + 1 if row else 0)])
    return grid


def column_names(head: list[list[Cell]], index_levels: int, width: int) -> list[str]:
    """One name per column: pandas' header row of index names is folded into the column names."""
    index_names = [""] * index_levels
    if len(head) > 1 and index_levels and not any(c.text for c in head[-1][index_levels:]):
        index_names, head = [c.text for c in head[-1][:index_levels]], head[:-1]
    names = []
    for j in range(width):
        parts = [index_names[j]] if j < index_levels else []
        for row in head if j >= index_levels else []:
            if j < len(row) and row[j].text and row[j].text not in parts:
                parts.append(row[j].text)
        names.append(" · ".join(p for p in parts if p))
    return names


def is_counter_column(name: str, values: list[str]) -> bool:
    """An unnamed column of whole numbers: pandas' row index, not data."""
    return not name and bool(values) and all(re.fullmatch(r"-?\d+", v) for v in values)


def parse_table(table: str, keep_markup: bool = False) -> Table:
    """A pandas or markdown HTML table as named columns, without pandas' counter index."""
    head_html = "".join(re.findall(r"<thead\b[^>]*>(.*?)</thead>", table, re.S))
    head = table_grid(head_html, keep_markup)
    body = table_grid(re.sub(r"<thead\b[^>]*>.*?</thead>", "", table, flags=re.S), keep_markup)
    if not head and body and all(c.header for c in body[0]):
        head, body = body[:1], body[1:]
    width = max([len(r) for r in head + body] + [0])
    head = [r + [Cell("")] * (width - len(r)) for r in head]
    body = [r + [Cell("")] * (width - len(r)) for r in body]
    index_levels = next((j for j, c in enumerate(body[0]) if not c.header), width) if body else 0
    names = column_names(head, index_levels, width)
    keep = [
        j for j in range(width) if not (j < index_levels and is_counter_column(names[j], [r[j].text for r in body]))
    ]
    return Table(
        names=tuple(names[j] for j in keep),
        rows=tuple(tuple("" if r[j].text in MISSING_VALUES else r[j].html for j in keep) for r in body),
        repeats=tuple(tuple(r[j].repeat for j in keep) for r in body),
        keys=tuple(j < index_levels for j in keep),
    )


def restore_truncated(table: Table, sentence_text: dict) -> Table:
    """Sentences pandas cut short ("...") in a column ``text`` beside ``sentence_id``, given whole."""
    if not sentence_text or "sentence_id" not in table.names or "text" not in table.names:
        return table
    i, t = table.names.index("sentence_id"), table.names.index("text")

    def whole(row: tuple[str, ...]) -> tuple[str, ...]:
        full, shown = sentence_text.get(html.unescape(row[i]), ""), html.unescape(row[t])
        if shown.endswith("...") and full.startswith(shown[:-3]):
            return (*row[:t], html.escape(full, quote=False), *row[t + 1 :])
        return row

    return replace(table, rows=tuple(whole(r) for r in table.rows))


def is_number(text: str) -> bool:
    """'12', '-0.42', '1,972', '7%'; not a zero-padded id such as '004'."""
    return bool(_NUMBER.match(text)) and not re.match(r"^0\d", text)


def column_classes(table: Table, j: int) -> list[str]:
    """num (right-aligned), short (one line), long (sentences: given room), key (was the row index)."""
    values = [plain_text(r[j]) for r in table.rows]
    numeric = any(values) and all(is_number(v) for v in values if v)
    return [
        name
        for name, on in (
            ("num", numeric),
            ("short", not numeric and all(len(v) <= SHORT_CHARS for v in values)),
            ("long", any(len(v) > LONG_CHARS for v in values)),
            ("key", table.keys[j]),
        )
        if on
    ]


def needed_width(table: Table) -> float:
    """Rough pixels the table needs unsqueezed: per column, its longest header word or (capped) value."""
    return sum(
        max([len(w) for w in name.split()] + [min(len(plain_text(r[j])), LONGEST_WORD) for r in table.rows] + [1])
        * CHAR_PX
        + CELL_PAD_PX
        for j, name in enumerate(table.names)
    )


def class_attribute(names: list[str]) -> str:
    return f' class="{" ".join(names)}"' if names else ""


def table_html(table: Table) -> str:
    """One header row of real column names (underscores as spaces), numbers right-aligned, sentences
    given room; on a narrow screen a wide table becomes one card per row; a long table is folded."""
    labels = [html.escape(n.replace("_", " "), quote=True) for n in table.names]
    classes = [column_classes(table, j) for j in range(len(labels))]
    header = "".join(
        f'<th scope="col"{class_attribute([c for c in classes[j] if c == "num"])}>{label}</th>'
        for j, label in enumerate(labels)
    )
    rows = "\n".join(
        "<tr>"
        + "".join(
            f'<td data-label="{labels[j]}"{class_attribute(classes[j] + ["same"] * same)}>{value}</td>'
            for j, (value, same) in enumerate(zip(row, repeats))
        )
        + "</tr>"
        for row, repeats in zip(table.rows, table.repeats)
    )
    width = needed_width(table)
    stack = ' class="stack"' if width > NARROW_PX else ""
    built = f"<table{stack}>\n<thead><tr>{header}</tr></thead>\n<tbody>\n{rows}\n</tbody></table>"
    if len(table.rows) > ROWS_SHOWN:
        columns = html.escape(prose.listing([n.replace("_", " ") for n in table.names], limit=4))
        summary = f"Table of {prose.plural(len(table.rows), 'row')}: {columns}"
        built = f"<details><summary>{summary}</summary>\n{built}\n</details>"
    wide = width > TEXT_COLUMN_PX or sum("long" in c for c in classes) > 1
    return f'<div class="table{" wide" if wide else ""}">{built}</div>'


def tidy_tables(fragment: str, keep_markup: bool = False, sentence_text: dict | None = None) -> str:
    """``fragment`` with each table rebuilt for reading (:func:`parse_table`, :func:`table_html`)."""
    return re.sub(
        r"<table\b.*?</table>",
        lambda m: table_html(restore_truncated(parse_table(m.group(0), keep_markup), sentence_text or {})),
        fragment,
        flags=re.S,
    )


def dataframe_html(output_html: str, sentence_text: dict | None = None) -> str:
    """Only the tables of a pandas HTML output (its scoped style and wrappers dropped), rebuilt."""
    return "\n".join(
        tidy_tables(t, False, sentence_text) for t in re.findall(r"<table\b.*?</table>", output_html, re.S)
    )


# ---------------------------------------------------------------- notebooks and figures


def figure_name(output) -> str:
    """The saved figure's name: ``metadata['image/png']['name']``, else from ``SavedFigure``'s repr
    ('04_keyness: 04_keyness.png, 04_keyness.svg'); '' for a figure that was not saved."""
    meta = output.get("metadata", {}).get("image/png", {})
    found = re.match(r"^([\w.-]+): ", output.get("data", {}).get("text/plain", ""))
    return meta.get("name") or (found.group(1) if found else "")


def pixels(value) -> int | None:
    """A display size from output metadata as a whole number of pixels, or None."""
    return int(value) if isinstance(value, int) or (isinstance(value, str) and value.isdigit()) else None


def figure_of(output) -> Figure:
    png = "".join(output["data"]["image/png"].split())
    if base64.b64decode(png, validate=True)[:8] != storage.PNG_SIGNATURE:
        raise ValueError("an image/png output that is not a PNG")
    meta = output.get("metadata", {}).get("image/png", {})
    return Figure(
        figure_name(output), meta.get("alt") or "", png, pixels(meta.get("width")), pixels(meta.get("height"))
    )


def figure_html(fig: Figure) -> str:
    """A figure that opens full size in an overlay (one image pixel per screen pixel: its natural size on
    a standard screen, its display size on a high-density or narrow one), closed by a link back to it."""
    alt = html.escape(fig.alt or f"Figure {fig.number}", quote=True)
    size = f' width="{fig.width}" height="{fig.height}"' if fig.width and fig.height else ""
    full = "full-" + fig.id
    return (
        f'<figure id="{fig.id}" class="wide">\n<div class="zoom" id="{full}">'
        f'<a class="close" href="#{fig.id}">Close full size</a>'
        f'<a href="#{full}" title="Open full size">'
        f'<img src="data:image/png;base64,{fig.png}" alt="{alt}"{size}></a></div>\n'
        f'<figcaption>Figure {fig.number} · <a href="#{full}">open full size</a></figcaption>\n</figure>'
    )


def is_answer(markdown: str, findings: tuple[Finding, ...]) -> bool:
    """True for the Markdown output stating every finding of ``findings.csv`` (already at the top)."""
    return bool(findings) and all(f.text in markdown for f in findings)


ANSWER_POINTER = (
    '<p class="note">These statements are the <a href="#key-findings">key findings</a> at the top of '
    'this report; the units behind each are in <a href="#evidence">appendix A</a>.</p>'
)


def output_blocks(output, tagged: bool, run: RunTables) -> list[Block]:
    """What one cell output contributes: a figure, generated Markdown, a table (tagged cells only),
    or plain text (shown among checks, or in the flow when tagged)."""
    data = output.get("data", {})
    if "image/png" in data:
        return [Block("figure", figure=figure_of(output))]
    if "text/markdown" in data:
        if is_answer(data["text/markdown"], run.findings):
            return [Block("content", ANSWER_POINTER)]
        return markdown_blocks(render_markdown(data["text/markdown"]))
    if tagged and "<table" in data.get("text/html", ""):
        return [Block("content", dataframe_html(data["text/html"], dict(run.sentence_text)))]
    if "text/plain" in data:
        return [Block("content" if tagged else "aside", f"<pre>{html.escape(data['text/plain'])}</pre>")]
    return []


def notebook_blocks(path: Path, run: RunTables = RunTables()) -> tuple[str, list[Block]]:
    """(title, blocks) of one executed notebook, in cell order; the title is its first H1."""
    nb = nbformat.read(path, as_version=4)
    title, blocks = path.stem, []
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags:
            continue
        if cell.cell_type == "markdown":
            if cell.source.startswith("# ") and title == path.stem:
                title = cell.source.splitlines()[0][2:].strip()
            blocks += markdown_blocks(render_markdown(cell.source))
        elif cell.cell_type == "code":
            for output in cell.get("outputs", []):
                if output.get("output_type") in {"display_data", "execute_result"}:
                    blocks += output_blocks(output, REPORT_TAG in tags, run)
    return title, blocks


def number_figures(parts: list[tuple[str, list[Block]]]) -> list[tuple[str, list[Block]]]:
    """Each figure numbered in reading order, with a unique id ``fig-<name>``."""
    used, number, numbered = set(), 0, []
    for title, blocks in parts:
        out = []
        for block in blocks:
            if block.figure is not None:
                number += 1
                ident = "fig-" + slug(block.figure.name or f"figure-{number}")
                ident = f"{ident}-{number}" if ident in used else ident
                used.add(ident)
                block = replace(block, figure=replace(block.figure, id=ident, number=number))
            out.append(block)
        numbered.append((title, out))
    return numbered


# ---------------------------------------------------------------- the run's tables and the findings


def read_csv(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def finding_of(row: dict) -> Finding:
    return Finding(
        row["key"],
        row.get("standing", ""),
        tuple(v for v in row.get("variables", "").split(";") if v),
        row["text"],
        tuple(i for i in row.get("sentence_ids", "").split(";") if i),
        row.get("figure", ""),
    )


def read_run_tables(processed_dir: Path | None) -> RunTables:
    """Findings, sentences and texts of a run from ``findings.csv``, ``sentences.csv``, ``articles.csv``."""
    if processed_dir is None:
        return RunTables()
    folder = Path(processed_dir)
    texts, sentences = read_csv(folder / "articles.csv"), read_csv(folder / "sentences.csv")
    label_of = {t["article_id"]: t.get("label") or t["article_id"] for t in texts}
    return RunTables(
        findings=tuple(finding_of(r) for r in read_csv(folder / "findings.csv")),
        sentence_text=tuple((s["sentence_id"], s["text"]) for s in sentences),
        sentence_label=tuple((s["sentence_id"], label_of.get(s["article_id"], s["article_id"])) for s in sentences),
        texts=tuple((label_of[t["article_id"]], t.get("group", "")) for t in texts),
        body_units=sum(1 for s in sentences if s.get("unit_type", "body") == "body"),
    )


def without_unit_ids(text: str, known_ids) -> str:
    """``text`` without parenthesised lists of unit ids ('(<id>;<id>)'): the appendix lists them."""
    known = set(known_ids)

    def drop(match: re.Match) -> str:
        return "" if known and set(match.group(1).split(";")) <= known else match.group(0)

    return re.sub(r" ?\(([^()]+)\)", drop, text)


def finding_figure(finding: Finding, figures: dict[str, Figure]) -> Figure | None:
    """The figure that shows ``finding`` (its ``figure`` column in findings.csv), if the report has it."""
    return figures.get(finding.figure)


def evidence_id(finding: Finding) -> str:
    return "evidence-" + slug(finding.key)


def finding_headline(finding: Finding) -> str:
    """The bold opening of a finding's text, else its key."""
    found = re.match(r"^\*\*(.+?)\*\*", finding.text)
    return plain_text(inline_markdown(found.group(1))) if found else finding.key


def finding_item(finding: Finding, figures: dict[str, Figure], run: RunTables) -> str:
    """One key finding: its statement (unit ids left to the appendix), its standing and its links."""
    known = [i for i, _ in run.sentence_text] or finding.sentence_ids
    statement = inline_markdown(without_unit_ids(finding.text, known))
    links = []
    shown = finding_figure(finding, figures)
    if shown:
        links.append(f'<a href="#{shown.id}">Figure {shown.number}: {html.escape(shown.short_name)}</a>')
    links.append(
        f'<a href="#{evidence_id(finding)}">Table: the {prose.plural(len(finding.sentence_ids), "unit")} behind it</a>'
    )
    reliability = figures.get(RELIABILITY_FIGURE)
    if reliability and finding.standing:
        links.append(f'<a href="#{reliability.id}">Reliability: Figure {reliability.number}</a>')
    standing = (
        f' <span class="standing {slug(finding.standing)}">{html.escape(finding.standing)}</span>'
        if finding.standing
        else ""
    )
    return f'<li><p>{statement}{standing}</p>\n<p class="links">{" · ".join(links)}</p></li>'


FINDINGS_NOTE = (
    '<p class="note">The answer of the comparison, generated from the coded units of every text '
    "(<code>findings.csv</code>): per text, the body units that carry each statement, of all its body "
    "units. Each finding's standing follows how well two independent codings of its variable agree; "
    "a finding on a variable coded unreliably is withheld.</p>"
)


def key_findings_html(run: RunTables, figures: list[Figure]) -> str:
    """The block at the top: the answer from ``findings.csv``, then each figure's own finding (its title)."""
    by_name = {f.name: f for f in figures if f.name}
    parts = []
    if run.findings:
        items = "\n".join(finding_item(f, by_name, run) for f in run.findings)
        parts += [FINDINGS_NOTE, f'<ol class="findings">\n{items}\n</ol>']
    titled = [f for f in figures if f.alt]
    if titled:
        items = "\n".join(f'<li><a href="#{f.id}">Figure {f.number}</a>: {html.escape(f.alt)}</li>' for f in titled)
        parts += [
            "<h3>What each figure shows</h3>" if run.findings else "",
            f'<ul class="figure-findings">\n{items}\n</ul>',
        ]
    if not parts:
        return ""
    return '<section id="key-findings">\n<h2>Key findings</h2>\n' + "\n".join(p for p in parts if p) + "\n</section>"


def evidence_table(finding: Finding, run: RunTables) -> str:
    text_of, label_of = dict(run.sentence_text), dict(run.sentence_label)
    rows = "\n".join(
        f'<tr><td data-label="text" class="short">{html.escape(label_of.get(i, ""))}</td>'
        f'<td data-label="unit" class="short">{html.escape(i)}</td>'
        f'<td data-label="sentence" class="long">{html.escape(text_of.get(i, ""))}</td></tr>'
        for i in finding.sentence_ids
    )
    return (
        (
            '<div class="table"><table class="stack">\n<thead><tr><th scope="col">text</th><th scope="col">unit</th>'
            f'<th scope="col">sentence</th></tr></thead>\n<tbody>\n{rows}\n</tbody></table></div>'
        )
        if rows
        else ""
    )


def evidence_html(run: RunTables) -> str:
    """Appendix A: each finding in full, and every unit behind it with its sentence (folded)."""
    if not run.findings:
        return ""
    items = "\n".join(
        f"<details><summary>Finding {n}: {html.escape(finding_headline(f))} "
        f"({prose.plural(len(f.sentence_ids), 'unit')})</summary>\n"
        f'<div id="{evidence_id(f)}">\n<p>{inline_markdown(f.text)}</p>\n{evidence_table(f, run)}\n</div></details>'
        for n, f in enumerate(run.findings, start=1)
    )
    return (
        f'<section id="evidence">\n<h2>{EVIDENCE_TITLE}</h2>\n'
        f'<p class="note">Every body unit a key finding counts, with its sentence.</p>\n{items}\n</section>'
    )


def notebooks_appendix_html(parts: list[tuple[str, list[Block]]]) -> str:
    """Appendix B: what each notebook reads and writes, and the checks it runs on its own outputs."""
    shown = [(title, blocks) for title, blocks in parts if blocks]
    if not shown:
        return ""
    body = "\n".join(f"<h3>{html.escape(title)}</h3>\n{blocks_html(blocks)}" for title, blocks in shown)
    return (
        f'<section id="checks">\n<h2>{FILES_TITLE}</h2>\n<p class="note">The tables each notebook '
        f"reads and writes, and the checks it runs when it runs (a failed check stops the run).</p>\n{body}\n</section>"
    )


def corpus_lede(run: RunTables) -> str:
    """One generated sentence on what was compared (texts by group, body units), and the page's order."""
    if not run.texts:
        return ""
    groups: dict[str, list[str]] = {}
    for label, group in run.texts:
        groups.setdefault(group, []).append(label)
    listed = "; ".join(
        f"<code>{html.escape(g)}</code>: {html.escape(prose.listing(labels))}" for g, labels in groups.items()
    )
    units = f", {prose.plural(run.body_units, 'body unit')}" if run.body_units else ""
    return (
        f'<p class="lede">{prose.plural(len(run.texts), "text")} in {prose.plural(len(groups), "group")}{units} '
        f"({listed}). Key findings first; then the study, its methods and limits, and the detail notebook by "
        "notebook; the units behind each finding, and each notebook's files and checks, are in the appendix.</p>"
    )


# ---------------------------------------------------------------- docs and the page


def doc_section(ident: str, title: str, path: Path) -> tuple[str, str]:
    """(title, section) for a doc in ``docs/``: its own H1 heads it, else ``title``; '' if missing."""
    if not path.is_file():
        return title, ""
    blocks = markdown_blocks(render_markdown(path.read_text(encoding="utf-8")))
    blocks = [b if b.kind != "files" else replace(b, kind="content") for b in blocks]
    if not (blocks and blocks[0].kind == "heading" and blocks[0].level == 2):
        blocks = [Block("heading", f"<h2>{html.escape(title)}</h2>", 2, title), *blocks]
    blocks = drop_empty_headings(blocks)
    return (blocks[0].text, section_html(ident, blocks)) if blocks else (title, "")


def project_title(docs_dir: Path) -> str:
    """The project's title: the first H1 of the ``README.md`` beside ``docs/``, else a generic one."""
    readme = Path(docs_dir).parent / "README.md"
    found = re.search(r"^# (.+)$", readme.read_text(encoding="utf-8"), re.M) if readme.is_file() else None
    return found.group(1).strip() if found else DEFAULT_TITLE


def contents_html(entries: list[tuple[str, str]]) -> str:
    items = "\n".join(f'<li><a href="#{ident}">{html.escape(title)}</a></li>' for ident, title in entries)
    return f'<nav id="contents">\n<h2>Contents</h2>\n<ol>\n{items}\n</ol>\n</nav>'


def page_html(title: str, lede: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1>{html.escape(title)}</h1>
{lede}
</header>
<main>
{body}
</main>
</body>
</html>
"""


def build_report(
    notebooks: list[Path], out_path: Path, docs_dir: Path | None = None, processed_dir: Path | None = None
) -> Path:
    """Write the report for ``notebooks`` (executed, in run order) and the run's tables in
    ``processed_dir`` (``findings.csv``, ``sentences.csv``, ``articles.csv``) to ``out_path`` atomically."""
    docs_dir = paths.ROOT / DOCS_FOLDER if docs_dir is None else docs_dir
    run = read_run_tables(processed_dir)
    parts = number_figures([notebook_blocks(p, run) for p in notebooks])
    figures = [b.figure for _, blocks in parts for b in blocks if b.figure is not None]
    entries, sections, appendix_parts = [], [], []
    key = key_findings_html(run, figures)
    if key:
        entries.append(("key-findings", "Key findings"))
    for ident, default, name in DOCS:
        title, section = doc_section(ident, default, Path(docs_dir) / name)
        if section:
            entries.append((ident, title))
            sections.append(section)
    for title, blocks in parts:
        main, appendix = split_appendix(blocks)
        main = drop_empty_headings(main)
        appendix_parts.append((title, appendix))
        if main:
            entries.append((slug(title), title))
            sections.append(section_html(slug(title), main))
    appendices = [
        ("evidence", EVIDENCE_TITLE, evidence_html(run)),
        ("checks", FILES_TITLE, notebooks_appendix_html(appendix_parts)),
    ]
    entries += [(ident, title) for ident, title, part in appendices if part]
    body = "\n".join(p for p in [key, contents_html(entries), *sections, *(part for _, _, part in appendices)] if p)
    return storage.atomic_write_text(out_path, page_html(project_title(docs_dir), corpus_lede(run), body))


def build_into(staging: Path) -> Path:
    """The runner's finishing step: the report from every executed notebook in ``staging/notebooks``
    and the run's tables in ``staging/processed``."""
    from framing import runner

    staging = Path(staging)
    notebooks = sorted(p for p in (staging / "notebooks").glob("*.ipynb") if runner.NOTEBOOK_NAME.match(p.name))
    return build_report(notebooks, staging / "report" / REPORT_FILE, processed_dir=staging / "processed")
