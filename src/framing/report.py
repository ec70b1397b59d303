"""A standalone HTML report built from the executed notebooks: narrative, findings and figures.

What goes in, per notebook and in reading order: markdown cells, Markdown outputs (the generated
findings) and figures; tables only from code cells tagged ``report``. Markdown is rendered with
raw HTML escaped, so article text can never inject markup; figures are embedded as data URIs.
The page fetches nothing (no script, font or stylesheet from the network) and contains no
timestamps, so the same notebooks give the same bytes.
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import mistune
import nbformat

from framing import io, paths

REPORT_FILE = "report.html"
REPORT_TAG = "report"
DOCS_DIR = paths.ROOT / "docs"
TITLE = "How five texts framed Putin's warning on Korea (1 September 2017)"

_render = mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])

STYLE = """
body { font-family: Georgia, 'DejaVu Serif', serif; max-width: 56rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #222; }
h1, h2, h3 { font-family: 'DejaVu Sans', Arial, sans-serif; line-height: 1.25; }
h1 { font-size: 1.8rem; } h2 { border-top: 1px solid #ccc; padding-top: 1rem; margin-top: 2.5rem; }
nav ol { columns: 2; }
figure { margin: 1.5rem 0; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 1rem 0; display: block; overflow-x: auto; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
code { background: #f4f4f4; padding: 0 0.2rem; }
.note { color: #555; font-size: 0.9rem; }
"""


def render_markdown(text: str) -> str:
    """Markdown to HTML with any raw HTML in ``text`` escaped."""
    return _render(text)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _shift_headings(fragment: str, by: int = 1) -> str:
    """Demote headings so each notebook's H1 becomes an H2 of the report."""
    def shift(match: re.Match) -> str:
        level = min(int(match.group(2)) + by, 6)
        return f"<{match.group(1)}h{level}"
    return re.sub(r"<(/?)h([1-6])", shift, fragment)


def _output_html(output, tagged: bool) -> str:
    data = output.get("data", {})
    if "image/png" in data:
        png = "".join(data["image/png"].split())
        if base64.b64decode(png, validate=True)[:8] != io.PNG_SIGNATURE:
            raise ValueError("an image/png output that is not a PNG")
        alt = output.get("metadata", {}).get("image/png", {}).get("alt") or "figure"
        return f'<figure><img src="data:image/png;base64,{png}" alt="{html.escape(alt, quote=True)}"></figure>'
    if "text/markdown" in data:
        return render_markdown(data["text/markdown"])
    if tagged and "text/html" in data:
        return data["text/html"]  # pandas escapes cell text in to_html
    if tagged and "text/plain" in data:
        return f"<pre>{html.escape(data['text/plain'])}</pre>"
    return ""


def notebook_html(path: Path) -> tuple[str, str]:
    """(title, HTML fragment) for one executed notebook."""
    nb = nbformat.read(path, as_version=4)
    parts, title = [], path.stem
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            continue
        if cell.cell_type == "markdown":
            if cell.source.startswith("# ") and title == path.stem:
                title = cell.source.splitlines()[0][2:].strip()
            parts.append(render_markdown(cell.source))
        elif cell.cell_type == "code":
            tagged = REPORT_TAG in cell.metadata.get("tags", [])
            parts += [_output_html(o, tagged) for o in cell.get("outputs", []) if o.get("output_type") in {"display_data", "execute_result"}]
    fragment = _shift_headings("\n".join(p for p in parts if p))
    return title, f'<section id="{_slug(title)}">\n{fragment}\n</section>'


def _doc(name: str, docs_dir: Path) -> str:
    path = Path(docs_dir) / name
    return _shift_headings(render_markdown(path.read_text(encoding="utf-8"))) if path.is_file() else ""


def build_report(notebooks: list[Path], out_path: Path, docs_dir: Path = DOCS_DIR) -> Path:
    """Write the report for ``notebooks`` (executed, in run order) to ``out_path`` atomically."""
    sections = [notebook_html(p) for p in notebooks]
    toc = "\n".join(f'<li><a href="#{_slug(t)}">{html.escape(t)}</a></li>' for t, _ in sections)
    extra = [("Methods", "methods.md"), ("Limitations", "limitations.md")]
    toc += "\n" + "\n".join(f'<li><a href="#{_slug(t)}">{t}</a></li>' for t, name in extra if (Path(docs_dir) / name).is_file())
    body = "\n".join(fragment for _, fragment in sections)
    body += "\n".join(f'<section id="{_slug(t)}">{_doc(name, docs_dir)}</section>' for t, name in extra if (Path(docs_dir) / name).is_file())
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(TITLE)}</title>
<style>{STYLE}</style>
</head>
<body>
<h1>{html.escape(TITLE)}</h1>
{_doc("summary.md", docs_dir)}
<nav><h2>Contents</h2><ol>
{toc}
</ol></nav>
{body}
</body>
</html>
"""
    return io.atomic_write_text(out_path, page)


def build_into(staging: Path) -> Path:
    """The runner's finishing step: the report from every executed notebook in ``staging/notebooks``."""
    from framing import runner

    notebooks = sorted(p for p in (Path(staging) / "notebooks").glob("*.ipynb") if runner.NOTEBOOK_NAME.match(p.name))
    return build_report(notebooks, Path(staging) / "report" / REPORT_FILE)
