"""The HTML report: escaped text, embedded figures, nothing fetched, same bytes every time."""

from __future__ import annotations

import base64
import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from framing import report

PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)).decode()


@pytest.fixture()
def executed(tmp_path):
    nb = new_notebook()
    table = new_code_cell("table", outputs=[new_output("execute_result", {"text/html": "<table><tr><td>audit</td></tr></table>"}, execution_count=1)])
    tagged = new_code_cell("summary", outputs=[new_output("execute_result", {"text/html": "<table><tr><td>kept</td></tr></table>"}, execution_count=2)])
    tagged.metadata["tags"] = ["report"]
    finding = new_code_cell("display(Markdown(...))", outputs=[new_output(
        "display_data", {"text/markdown": "The analysis says <script>alert('x')</script> **twice**."})])
    figure = new_code_cell("fig", outputs=[new_output("display_data", {"image/png": PNG, "text/plain": "<Figure>"})])
    nb.cells = [new_markdown_cell("# 01 · Load <the> corpus\n\nWhat it does."), table, tagged, finding, figure]
    path = tmp_path / "01-load-corpus.ipynb"
    nbformat.write(nb, path)
    return path


def test_report_escapes_text_and_embeds_figures(executed, tmp_path):
    page = report.build_report([executed], tmp_path / "r.html", docs_dir=tmp_path).read_text()
    assert "&lt;script&gt;alert" in page and "<script" not in page
    assert "<h2>01 · Load &lt;the&gt; corpus</h2>" in page  # notebook H1 demoted, text escaped
    assert f"data:image/png;base64,{PNG}" in page
    assert "kept" in page and "audit" not in page  # only tables from cells tagged 'report'


def test_report_fetches_nothing(executed, tmp_path):
    page = report.build_report([executed], tmp_path / "r.html", docs_dir=tmp_path).read_text()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "@import" not in page and "<link" not in page


def test_report_is_byte_identical(executed, tmp_path):
    first = report.build_report([executed], tmp_path / "a.html", docs_dir=tmp_path).read_bytes()
    second = report.build_report([executed], tmp_path / "b.html", docs_dir=tmp_path).read_bytes()
    assert first == second


def test_docs_sections_are_included(executed, tmp_path):
    (tmp_path / "methods.md").write_text("# Methods\n\nVADER (Hutto & Gilbert 2014).")
    page = report.build_report([executed], tmp_path / "r.html", docs_dir=tmp_path).read_text()
    assert '<a href="#methods">Methods</a>' in page and "<h2>Methods</h2>" in page


def test_figure_alt_text_is_its_title_escaped_and_non_png_is_refused(tmp_path):
    nb = new_notebook()
    titled = new_output("display_data", {"image/png": PNG}, metadata={"image/png": {"alt": 'Hedges "most" <here>'}})
    nb.cells = [new_markdown_cell("# 02 · Score"), new_code_cell("fig", outputs=[titled])]
    path = tmp_path / "02-score.ipynb"
    nbformat.write(nb, path)
    page = report.build_report([path], tmp_path / "r.html", docs_dir=tmp_path).read_text()
    assert 'alt="Hedges &quot;most&quot; &lt;here&gt;"' in page
    nb.cells[1].outputs[0]["data"]["image/png"] = base64.b64encode(b"GIF89a not a png").decode()
    nbformat.write(nb, path)
    with pytest.raises(ValueError, match="not a PNG"):
        report.build_report([path], tmp_path / "r.html", docs_dir=tmp_path)
