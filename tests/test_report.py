"""The HTML report: findings first and linked, readable tables, nothing empty, escaped, standalone, same bytes.

Fast tests build small executed notebooks with nbformat and a run's tables by hand; the slow tests
build the report of a real run (and, where selenium and Chromium are installed, load it in a browser).
"""

from __future__ import annotations

import base64
import csv
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from framing import report, runner

PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
).decode()
SENTENCES = [
    ("000-001", "000", "Alpha says the crisis is Beta's doing."),
    ("000-002", "000", "Nothing more."),
    (
        "001-001",
        "001",
        "Beta blames Alpha <b>loudly</b> and at length, with a sentence long enough to be cut by pandas.",
    ),
]
FINDING = (
    "**Beta cast as a cause.** Focus 1 of 2 (000-001) (group `focus`); the other texts: Other 1 of 1 (001-001). "
    "<script>alert('f')</script>"
)


def figure_output(name: str, alt: str = "") -> dict:
    return new_output(
        "display_data",
        {"image/png": PNG, "text/plain": f"{name}: {name}.png, {name}.svg"},
        metadata={"image/png": {"alt": alt, "width": 300, "height": 100}},
    )


def tagged(cell):
    cell.metadata["tags"] = ["report"]
    return cell


def write_csv(path: Path, header: list[str], rows: list[tuple]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture()
def run(tmp_path):
    """Two executed notebooks and a run's tables: findings, sentences, articles."""
    processed = tmp_path / "processed"
    processed.mkdir()
    write_csv(
        processed / "articles.csv",
        ["article_id", "label", "group"],
        [("000", "Focus", "focus"), ("001", "Other", "rest")],
    )
    write_csv(
        processed / "sentences.csv",
        ["sentence_id", "article_id", "unit_type", "text"],
        [(i, a, "body", t) for i, a, t in SENTENCES],
    )
    write_csv(
        processed / "findings.csv",
        ["key", "standing", "variables", "text", "sentence_ids", "figure"],
        [("cause_own:Beta", "tentative", "cause", FINDING, "000-001;001-001", "04_roles_by_voice")],
    )

    load = new_notebook()
    pandas_table = pd.DataFrame({"sentence_id": ["001-001"], "text": [SENTENCES[2][2][:40] + "..."], "n_words": [17]})
    load.cells = [
        new_markdown_cell(
            "# 01 · Load <the> corpus\n\nWhat it does.\n\n**Reads** `data/raw/{a,b,c}.txt`.\n**Writes** `x.csv`."
        ),
        new_markdown_cell("## Build the tables"),  # nothing under it once the untagged table is left out
        new_code_cell(
            "table", outputs=[new_output("execute_result", {"text/html": "<table><tr><td>audit</td></tr></table>"})]
        ),
        new_markdown_cell("## Metadata"),
        tagged(
            new_code_cell(
                "summary",
                outputs=[new_output("execute_result", {"text/html": pandas_table._repr_html_(), "text/plain": "..."})],
            )
        ),
        new_code_cell(
            "display(Markdown(...))",
            outputs=[
                new_output(
                    "display_data", {"text/markdown": "The analysis says <script>alert('x')</script> **twice**."}
                )
            ],
        ),
        new_code_cell("fig", outputs=[figure_output("01_overview", 'Quoted words "most" <here>')]),
        new_markdown_cell("## Checks\n\nThe tables read back unchanged."),
        new_code_cell(
            "assert ...", outputs=[new_output("execute_result", {"text/plain": "'Tables read back identical'"})]
        ),
    ]
    compare = new_notebook()
    compare.cells = [
        new_markdown_cell("# 04 · Compare\n\n## Roles"),
        new_code_cell("fig", outputs=[figure_output("04_roles_by_voice", "Focus casts Beta as a cause")]),
        new_code_cell("fig", outputs=[figure_output("04_rule_scores", "How far each variable can be trusted")]),
        new_markdown_cell("## The answer"),
        tagged(new_code_cell("answer", outputs=[new_output("display_data", {"text/markdown": f"1. {FINDING}"})])),
    ]
    paths = [tmp_path / "01-load-corpus.ipynb", tmp_path / "04-compare-framing.ipynb"]
    for nb, path in zip((load, compare), paths):
        nbformat.write(nb, path)
    return paths, processed


def build(run, tmp_path, name="r.html") -> str:
    notebooks, processed = run
    return report.build_report(notebooks, tmp_path / name, docs_dir=tmp_path, processed_dir=processed).read_text()


class Outline(HTMLParser):
    """Headings with the text and images under each, ids, links, and table header cells of a page."""

    def __init__(self):
        super().__init__()
        self.headings, self.ids, self.links, self.header_cells, self.main_order = [], set(), [], [], []
        self._heading, self._th = None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
            if tag == "section":
                self.main_order.append(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), "", ""]
            self.headings.append(self._heading)
        elif tag == "img" and self.headings:
            self.headings[-1][2] += "[img]"
        if tag == "th":
            self._th = ""

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = None
        if tag == "th":
            self.header_cells.append(self._th.strip())
            self._th = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data
        elif self.headings:
            self.headings[-1][2] += data.strip()
        if self._th is not None:
            self._th += data


def outline(page: str) -> Outline:
    parsed = Outline()
    parsed.feed(page)
    return parsed


def empty_headings(parsed: Outline) -> list[str]:
    """Headings with no text or image before the next heading of the same or a higher level."""
    empty = []
    for i, (level, text, under) in enumerate(parsed.headings):
        rest = parsed.headings[i + 1 :]
        end = next((j for j, h in enumerate(rest) if h[0] <= level), len(rest))
        if not under and not any(h[2] for h in rest[:end]):
            empty.append(text)
    return empty


# ---------------------------------------------------------------- fast: small notebooks


def test_key_findings_come_first_and_link_to_an_existing_figure_and_table(run, tmp_path):
    page = build(run, tmp_path)
    parsed = outline(page)
    assert parsed.main_order[0] == "key-findings"
    assert page.index('id="key-findings"') < page.index("01 · Load")
    block = page[page.index('<ol class="findings">') : page.index("</ol>", page.index('<ol class="findings">'))]
    hrefs = re.findall(r'href="#([^"]+)"', block)
    assert "fig-04-roles-by-voice" in hrefs and "evidence-cause-own-beta" in hrefs and "fig-04-rule-scores" in hrefs
    assert set(hrefs) <= parsed.ids
    assert "tentative" in block and "Beta cast as a cause." in block


def test_a_finding_links_the_figure_its_figure_column_names(run, tmp_path):
    notebooks, processed = run
    findings = processed / "findings.csv"
    write_csv(
        findings,
        ["key", "standing", "variables", "text", "sentence_ids", "figure"],
        [("k", "reliable", "cause", "**Stated.** x", "000-001", "01_overview")],
    )
    page = build(run, tmp_path)
    block = page[page.index('<ol class="findings">') :]
    assert re.search(r'<a href="#fig-01-overview">Figure 1: overview</a>', block)


def test_unit_ids_leave_the_statement_for_the_evidence_table(run, tmp_path):
    page = build(run, tmp_path)
    key = page[page.index('id="key-findings"') : page.index('id="contents"')]
    assert "000-001" not in key and "Focus 1 of 2 (group <code>focus</code>)" in key
    evidence = page[page.index('id="evidence-cause-own-beta"') :]
    assert "(000-001)" in evidence  # the full statement
    assert '<td data-label="unit" class="short">001-001</td>' in evidence
    assert "Beta blames Alpha &lt;b&gt;loudly&lt;/b&gt;" in evidence  # the whole sentence, escaped


def test_the_answer_is_not_repeated_in_the_detail(run, tmp_path):
    page = build(run, tmp_path)
    assert page.count("Beta cast as a cause.") == 3  # key finding, appendix summary and full statement
    assert report.ANSWER_POINTER in page


def test_no_heading_is_left_empty(run, tmp_path):
    page = build(run, tmp_path)
    assert empty_headings(outline(page)) == []
    assert "Build the tables" not in page


def test_checks_and_files_go_to_the_appendix(run, tmp_path):
    page = build(run, tmp_path)
    main = page[: page.index('<section id="evidence"')]
    appendix = page[page.index('<section id="checks"') :]
    assert not any(text == "Checks" for _, text, _ in outline(main).headings) and "read back unchanged" not in main
    assert "<strong>Reads</strong>" not in main and "<strong>Reads</strong>" in appendix
    assert "read back unchanged" in appendix and "Tables read back identical" in appendix


def test_tables_have_real_column_names_and_no_index_column(run, tmp_path):
    page = build(run, tmp_path)
    parsed = outline(page)
    assert "" not in parsed.header_cells
    assert "audit" not in page  # only tables from cells tagged 'report'
    assert '<th scope="col">sentence id</th>' in page and '<th scope="col" class="num">n words</th>' in page
    assert "<style" not in page.split("</style>", 1)[1]  # pandas' scoped style left behind


def test_pandas_multiindex_becomes_named_columns_with_every_value():
    table = pd.DataFrame({"role": ["cause", "cause", "resolver"], "actor": ["A", "B", "A"], "Focus": [1, 2, 3]})
    pivot = table.set_index(["role", "actor"])
    parsed = report.parse_table(pivot._repr_html_())
    assert parsed.names == ("role", "actor", "Focus")
    assert [r[0] for r in parsed.rows] == ["cause", "cause", "resolver"]  # the rowspan expanded
    assert parsed.repeats[1][0] and not parsed.repeats[0][0]
    unnamed = report.parse_table(table._repr_html_())
    assert unnamed.names == ("role", "actor", "Focus")  # pandas' 0, 1, 2 column dropped


def test_cut_sentences_are_given_whole(run, tmp_path):
    page = build(run, tmp_path)
    assert "enough to be cut by pandas." in page and SENTENCES[2][2][:40] + "...<" not in page


def test_wide_tables_become_cards_on_a_narrow_screen_and_numbers_are_not_ids():
    table = pd.DataFrame({"article_id": ["000", "001"], "headline": ["A long headline " * 5] * 2, "n_words": [1972, 3]})
    with pd.option_context("display.max_colwidth", None):
        built = report.table_html(report.parse_table(table._repr_html_()))
    assert '<table class="stack">' in built and 'data-label="n words" class="num"' in built
    assert 'data-label="article id" class="short"' in built  # '000' is an id, not a number
    assert 'class="long"' in built


def test_long_tables_fold(run):
    table = pd.DataFrame({"n": range(report.ROWS_SHOWN + 1)})
    built = report.table_html(report.parse_table(table._repr_html_()))
    assert built.count("<details>") == 1 and f"{report.ROWS_SHOWN + 1} rows" in built


def test_report_escapes_text_and_embeds_figures_once(run, tmp_path):
    page = build(run, tmp_path)
    assert "&lt;script&gt;alert" in page and "<script" not in page
    assert "<h2>01 · Load &lt;the&gt; corpus</h2>" in page  # notebook H1 demoted, text escaped
    assert page.count(f"data:image/png;base64,{PNG}") == 3  # one per figure output
    assert 'alt="Quoted words &quot;most&quot; &lt;here&gt;"' in page


def test_figures_open_full_size_without_a_script(run, tmp_path):
    page = build(run, tmp_path)
    figure = page[page.index('<figure id="fig-01-overview"') : page.index("</figure>")]
    assert '<div class="zoom" id="full-fig-01-overview">' in figure
    assert '<a href="#full-fig-01-overview"' in figure and '<a class="close" href="#fig-01-overview">' in figure
    assert ".zoom:target" in page


def test_report_fetches_nothing(run, tmp_path):
    page = build(run, tmp_path)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "@import" not in page and "<link" not in page and "<script" not in page


def test_report_is_byte_identical(run, tmp_path):
    first = build(run, tmp_path, "a.html")
    second = build(run, tmp_path, "b.html")
    assert first == second


def test_docs_sections_follow_the_findings(run, tmp_path):
    (tmp_path / "methods.md").write_text("# Methods\n\nVADER (Hutto & Gilbert 2014).")
    (tmp_path / "summary.md").write_text("Five texts <i>about</i> it.")
    page = build(run, tmp_path)
    assert '<a href="#methods">Methods</a>' in page and "<h2>Methods</h2>" in page
    assert "<h2>About this study</h2>" in page and "&lt;i&gt;about" in page
    order = outline(page).main_order
    assert (
        order.index("key-findings") < order.index("about") < order.index("methods") < order.index("01-load-the-corpus")
    )


def test_a_report_without_run_tables_still_leads_with_the_figures_findings(run, tmp_path):
    notebooks, _ = run
    page = report.build_report(notebooks, tmp_path / "r.html", docs_dir=tmp_path).read_text()
    key = page[page.index('id="key-findings"') : page.index('id="contents"')]
    assert '<a href="#fig-04-roles-by-voice">Figure 2</a>: Focus casts Beta as a cause' in key
    assert empty_headings(outline(page)) == []


def test_non_png_is_refused(tmp_path):
    nb = new_notebook()
    output = new_output("display_data", {"image/png": base64.b64encode(b"GIF89a not a png").decode()})
    nb.cells = [new_markdown_cell("# 02 · Score"), new_code_cell("fig", outputs=[output])]
    path = tmp_path / "02-score.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(ValueError, match="not a PNG"):
        report.build_report([path], tmp_path / "r.html", docs_dir=tmp_path)


# ---------------------------------------------------------------- slow: a real run


@pytest.fixture(scope="module")
def real_report(tmp_path_factory):
    """The report of a real run of every notebook (its tables and figures too)."""
    root = tmp_path_factory.mktemp("run")
    runner.run(runner.discover(), destination_root=root, log=lambda *a, **k: None)
    return root


@pytest.mark.slow
def test_real_report_leads_with_linked_findings_and_leaves_nothing_empty(real_report):
    page = (real_report / "report" / report.REPORT_FILE).read_text()
    parsed = outline(page)
    findings = report.read_csv(real_report / "data" / "processed" / "findings.csv")
    assert parsed.main_order[0] == "key-findings" and findings
    items = re.findall(r"<li><p>.*?</li>", page[page.index('<ol class="findings">') :], re.S)[: len(findings)]
    for item in items:
        figures = re.findall(r'href="#(fig-[^"]+)"', item)
        assert figures and set(figures) <= parsed.ids
        assert set(re.findall(r'href="#(evidence-[^"]+)"', item)) <= parsed.ids
    assert empty_headings(parsed) == [] and "" not in parsed.header_cells
    assert not any(h[1].strip().lower() == "checks" for h in parsed.headings)
    for png in sorted((real_report / "figures").glob("*.png")):
        assert page.count(base64.b64encode(png.read_bytes()).decode()) == 1


@pytest.mark.slow
@pytest.mark.parametrize("width", [1280, 400])
def test_real_report_has_no_sideways_scroll(real_report, width, tmp_path):
    """In headless Chromium (selenium, requirements-browser.txt): the page is no wider than the window."""
    webdriver = pytest.importorskip("selenium.webdriver")
    if not shutil.which("chromium") or not shutil.which("chromedriver"):
        pytest.skip("needs Debian's chromium and chromium-driver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
        )
        driver.get((real_report / "report" / report.REPORT_FILE).as_uri())
        scroll, client = driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll <= client
        link = driver.execute_script(
            "return document.querySelector('ol.findings a[href^=\"#fig-\"]').getAttribute('href')"
        )
        driver.execute_script(f"location.hash = '#full-{link[1:]}'")
        assert driver.execute_script("return getComputedStyle(document.querySelector(':target')).position") == "fixed"
    finally:
        driver.quit()
