"""The whole analysis through the real runner: deterministic, current, and safe on bad input.

Regenerated outputs are compared with the committed ones (``git``'s HEAD, not the working tree):
tables, SVGs and the report's text byte for byte, PNGs (alone or embedded in the report) by their
decoded pixels within ``PNG_TOLERANCE``.
"""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest
from PIL import Image

from framing import paths, runner

OUTPUT_FOLDERS = ("data/processed", "figures", "report")
# Largest difference allowed in any channel (0-255) of any pixel of a PNG. Text anti-aliasing can
# differ by a level between CPUs: floating-point results of numpy's SIMD code paths (pinned by the
# runner on x86-64, see runner.numpy_dispatch_pin) and of compiled rendering code can move a glyph
# by a fraction of an ulp. Seen: 72 pixels of one label differing by 1. Any visible change (a
# moved mark, another colour, one changed character) differs by far more.
PNG_TOLERANCE = 2
EMBEDDED_PNG = re.compile(rb"data:image/png;base64,([A-Za-z0-9+/=]+)")


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for folder in OUTPUT_FOLDERS
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


def committed_files(root: Path = paths.ROOT, revision: str = "HEAD") -> dict[str, bytes]:
    """The output files as committed at ``revision`` (the blobs, whatever the working tree holds)."""
    git = ["git", "-C", str(root)]
    if subprocess.run([*git, "rev-parse", "--verify", "-q", revision], capture_output=True).returncode:
        pytest.skip(f"{root} is not a git checkout with a {revision}")
    listing = subprocess.run(
        [*git, "ls-tree", "-r", "-z", revision, "--", *OUTPUT_FOLDERS], capture_output=True, check=True
    ).stdout
    entries = [line.split(b"\t", 1) for line in listing.split(b"\0") if line]
    blobs = subprocess.run(
        [*git, "cat-file", "--batch"],
        input=b"".join(meta.split()[2] + b"\n" for meta, _ in entries),
        capture_output=True,
        check=True,
    ).stdout
    files, offset = {}, 0
    for _, name in entries:
        header_end = blobs.index(b"\n", offset)
        size = int(blobs[offset:header_end].split()[2])
        files[name.decode("utf-8")] = blobs[header_end + 1 : header_end + 1 + size]
        offset = header_end + 1 + size + 1  # the blob, then a newline
    return files


def png_difference(first: bytes, second: bytes) -> str | None:
    """Why two PNGs differ beyond ``PNG_TOLERANCE``, or None when they show the same pixels."""
    if first == second:
        return None
    a, b = (Image.open(io.BytesIO(data)) for data in (first, second))
    if (a.mode, a.size) != (b.mode, b.size):
        return f"{a.mode} {a.size} against {b.mode} {b.size}"
    delta = np.abs(np.asarray(a, dtype=np.int16) - np.asarray(b, dtype=np.int16))
    if delta.max() > PNG_TOLERANCE:
        return f"{int((delta.max(axis=-1) > PNG_TOLERANCE).sum())} pixel(s) differ by up to {int(delta.max())}"
    return None


def report_difference(first: bytes, second: bytes) -> str | None:
    """Why two reports differ: their text byte for byte, their embedded PNGs as ``png_difference`` says."""
    text_a, text_b = (EMBEDDED_PNG.sub(b"data:image/png;base64,", data) for data in (first, second))
    if text_a != text_b:
        return "the text differs"
    images_a, images_b = (EMBEDDED_PNG.findall(data) for data in (first, second))
    for number, (a, b) in enumerate(zip(images_a, images_b), start=1):
        if why := png_difference(base64.b64decode(a), base64.b64decode(b)):
            return f"embedded image {number}: {why}"
    return None


def output_difference(name: str, produced: bytes, committed: bytes) -> str | None:
    """Why a regenerated output differs from the committed one, or None when it is the same."""
    if name.endswith(".png"):
        return png_difference(produced, committed)
    if name.endswith(".html"):
        return report_difference(produced, committed)
    return None if produced == committed else "the bytes differ"


def _png(pixels: np.ndarray) -> bytes:
    out = io.BytesIO()
    Image.fromarray(pixels.astype(np.uint8)).save(out, format="PNG")
    return out.getvalue()


def test_png_comparison_absorbs_anti_aliasing_noise_only():
    base = np.full((40, 60, 4), 255)
    base[10:20, 10:50, :3] = 40  # a dark label
    noise = base.copy()
    noise[9, 10:50, :3] -= 1  # its anti-aliased edge, one level darker
    moved = np.full((40, 60, 4), 255)
    moved[11:21, 10:50, :3] = 40  # the same label a pixel lower
    recoloured = base.copy()
    recoloured[10:20, 10:50, 2] = 60
    assert png_difference(_png(base), _png(noise)) is None
    assert png_difference(_png(base), _png(moved)) == "80 pixel(s) differ by up to 215"
    assert png_difference(_png(base), _png(recoloured)) == "400 pixel(s) differ by up to 20"
    assert png_difference(_png(base), _png(base[:, :59])) == "RGBA (60, 40) against RGBA (59, 40)"


def test_report_comparison_decodes_images_and_keeps_the_text_exact():
    def page(image: bytes, title: str = "Findings") -> bytes:
        return f'<h1>{title}</h1><img src="data:image/png;base64,{base64.b64encode(image).decode()}">'.encode()

    base = np.full((20, 20, 3), 255)
    noise = base.copy()
    noise[3, 3] = 254
    changed = base.copy()
    changed[3:6, 3:6] = 0
    assert report_difference(page(_png(base)), page(_png(noise))) is None
    assert report_difference(page(_png(base)), page(_png(base), "Findings!")) == "the text differs"
    assert (
        report_difference(page(_png(base)), page(_png(changed))) == "embedded image 1: 9 pixel(s) differ by up to 255"
    )
    assert output_difference("data/processed/a.csv", b"x,1\n", b"x,1.0\n") == "the bytes differ"


def test_committed_files_reads_the_blobs_not_the_working_tree():
    committed = committed_files()
    assert "report/report.html" in committed and "data/processed/articles.csv" in committed
    for name in (next(n for n in sorted(committed) if n.endswith(".png")), "report/report.html"):
        shown = subprocess.run(
            ["git", "-C", str(paths.ROOT), "show", f"HEAD:{name}"], capture_output=True, check=True
        ).stdout
        assert committed[name] == shown, name


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    first, second = tmp_path_factory.mktemp("run1"), tmp_path_factory.mktemp("run2")
    stages = runner.discover()
    for destination in (first, second):
        runner.run(stages, destination_root=destination, log=lambda *a, **k: None)
    return _files(first), _files(second), first


@pytest.mark.slow
@pytest.mark.timeout(1200)  # two full runs: about 75 s on the project's 2-core machine
def test_two_runs_are_byte_identical(two_runs):
    first, second, _ = two_runs
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    assert any(name.endswith(".png") for name in first) and any(name.endswith(".svg") for name in first)


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_committed_outputs_are_what_the_code_produces(two_runs):
    """data/processed, figures/ and report/ as committed are regenerated (README: 'Outputs'):
    byte for byte, except PNG pixels within PNG_TOLERANCE."""
    produced, _, _ = two_runs
    committed = committed_files()
    assert sorted(produced) == sorted(committed)
    differences = {name: why for name in produced if (why := output_difference(name, produced[name], committed[name]))}
    assert differences == {}


def _shown_images(executed_notebook: Path) -> list[bytes]:
    nb = nbformat.read(executed_notebook, as_version=4)
    return [
        base64.b64decode(output["data"]["image/png"])
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    ]


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_notebooks_and_report_show_each_saved_figure_file_itself(two_runs):
    """What a reader sees is the file: every figure in the executed notebooks and the report is the
    saved PNG byte for byte (title and source line included), shown once."""
    produced, _, root = two_runs
    saved = {name: data for name, data in produced.items() if name.endswith(".png")}
    shown = [image for path in sorted((root / "build" / "notebooks").glob("*.ipynb")) for image in _shown_images(path)]
    assert sorted(shown) == sorted(saved.values())
    report = produced["report/report.html"].decode("utf-8")
    assert all(report.count(base64.b64encode(data).decode("ascii")) == 1 for data in saved.values())


def _project_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    for name in ("src", "data", "notebooks", "figures"):
        shutil.copytree(paths.ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "run_all.py"):
        shutil.copyfile(paths.ROOT / name, copy / name)
    return copy


@pytest.mark.slow
def test_bad_input_stops_the_run_with_the_file_named_and_destroys_nothing(tmp_path):
    copy = _project_copy(tmp_path)
    before = _files(copy)
    (copy / "data" / "raw" / "005_new.txt").write_bytes("Putin’s article".encode("cp1252"))
    with (copy / "data" / "raw" / "metadata.csv").open("a", encoding="utf-8") as rows:
        rows.write("005,005_new.txt,Example,Example,wire_report,,,,,,,,,\n")
    result = subprocess.run(
        [sys.executable, str(copy / "run_all.py"), "--only", "01"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert "run_all.py: 01-load-corpus.ipynb, cell " in result.stderr
    assert "005_new.txt: not valid UTF-8" in result.stderr
    assert _files(copy) == before
