"""Source notebooks: numbered names, an H1 that says what they do, one literal `parameters` cell, no outputs."""

from __future__ import annotations

import ast

import nbformat
import pytest

from framing import paths, runner

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: strip outputs before committing"


@pytest.mark.parametrize("stage", runner.discover(), ids=lambda s: s.name)
def test_numbered_notebook_shape(stage):
    nb = nbformat.read(stage.path, as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith(f"# {stage.number} · ")
    assert "**Reads**" in first.source and "**Writes**" in first.source
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"
    tree = ast.parse(nb.cells[tagged[0]].source)
    for node in tree.body:
        assert isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant), "parameters must be literals"
    names = {t.id for node in tree.body for t in node.targets}
    assert {"RAW_DIR", "PROCESSED_DIR", "FIGURES_DIR"} <= names
