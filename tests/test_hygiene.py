"""Notebook hygiene: git stages notebooks without outputs or volatile metadata (nbstripout filter).

The tests share a scratch git repository with the filter configured exactly as the README's setup
command does (``GIT_SETUP``), and look at what git actually stores. Each run of the filter costs
about a second (nbstripout imports nbformat), so those tests are in the slow tier; a fast one
checks that .gitattributes routes notebooks to the filter.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from framing import paths

# The README's setup commands run this script to configure the filter (run from the project root).
GIT_SETUP = str(paths.ROOT / "scripts" / "install_git_filter.sh")
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _git(repo: Path, *args: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True, timeout=60, **options
    )


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A git repository with this project's .gitattributes and the filter set up as the README does."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path_factory.mktemp("hygiene") / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "test@example.org")
    _git(repo, "config", "user.name", "Test")
    (repo / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)  # the README's .venv
    (repo / ".gitignore").write_text(".venv\n")
    shutil.copyfile(paths.ROOT / ".gitattributes", repo / ".gitattributes")
    subprocess.run(["bash", "-euo", "pipefail", "-c", GIT_SETUP], cwd=repo, check=True, capture_output=True, timeout=60)
    _git(repo, "add", ".gitignore", ".gitattributes")
    _git(repo, "commit", "-q", "-m", "set up")
    return repo


def saved_by_jupyterlab(nb: nbformat.NotebookNode, python_version: str = "3.11.7") -> nbformat.NotebookNode:
    """``nb`` as JupyterLab 4 saves it after running it.

    From JupyterLab's notebook model and jupyter_server: format 4.5 with new random cell ids,
    language_info from the kernel, widget state, and per cell outputs, execution counts and
    view state (collapsed, scrolled, execution timing).
    """
    saved = nbformat.from_dict(json.loads(json.dumps(nb)))
    saved.nbformat_minor = 5
    saved.metadata.kernelspec = KERNELSPEC
    saved.metadata.language_info = {
        "codemirror_mode": {"name": "ipython", "version": 3},
        "file_extension": ".py",
        "mimetype": "text/x-python",
        "name": "python",
        "nbconvert_exporter": "python",
        "pygments_lexer": "ipython3",
        "version": python_version,
    }
    saved.metadata.widgets = {
        "application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2, "version_minor": 0}
    }
    for count, cell in enumerate(saved.cells, start=1):
        cell.id = str(uuid.uuid4())
        if cell.cell_type == "code":
            cell.execution_count = count
            cell.outputs = [
                new_output("stream", name="stdout", text=f"run {python_version}\n"),
                new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}),
            ]
            cell.metadata.update(
                {"collapsed": False, "scrolled": True, "execution": {"iopub.execute_input": "2026-11-22T10:00:00.000Z"}}
            )
    return saved


def _source_notebook() -> nbformat.NotebookNode:
    nb = new_notebook(metadata={"kernelspec": KERNELSPEC, "language_info": {"name": "python"}})
    parameters = new_code_cell('PROCESSED_DIR = "data/processed"')
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [new_markdown_cell("# 01 · A notebook"), parameters, new_code_cell("print(PROCESSED_DIR)")]
    return nb


def _commit(repo: Path, nb: nbformat.NotebookNode, name: str) -> bytes:
    """Write ``nb`` as ``name``, commit it, and return the blob git stored."""
    nbformat.write(nb, repo / name)
    _git(repo, "add", name)
    _git(repo, "commit", "-q", "-m", f"add {name}")
    return subprocess.run(["git", "-C", str(repo), "show", f"HEAD:{name}"], capture_output=True, check=True).stdout


def test_gitattributes_routes_notebooks_to_the_filter_and_its_diff(tmp_path):
    _git(tmp_path, "init", "-q")
    shutil.copyfile(paths.ROOT / ".gitattributes", tmp_path / ".gitattributes")
    assert _git(
        tmp_path, "check-attr", "filter", "diff", "--", "notebooks/01-x.ipynb", "data/a.csv"
    ).stdout.splitlines() == [
        "notebooks/01-x.ipynb: filter: nbstripout",
        "notebooks/01-x.ipynb: diff: ipynb",
        "data/a.csv: filter: unspecified",
        "data/a.csv: diff: unspecified",
    ]


@pytest.mark.slow
def test_a_notebook_saved_in_jupyterlab_is_committed_stripped_and_comes_back_byte_identical(repo):
    committed = _commit(repo, saved_by_jupyterlab(_source_notebook()), "notebook.ipynb")
    blob = json.loads(committed)
    assert blob["metadata"] == {
        "kernelspec": KERNELSPEC,
        "language_info": {"name": "python"},
    }  # no widgets, no versions
    code = [c for c in blob["cells"] if c["cell_type"] == "code"]
    assert [c["outputs"] for c in code] == [[], []] and [c["execution_count"] for c in code] == [None, None]
    assert [c["metadata"] for c in blob["cells"]] == [{}, {"tags": ["parameters"]}, {}]  # tags kept, view state gone
    assert [c["id"] for c in blob["cells"]] == ["0", "1", "2"]  # JupyterLab's random ids made stable
    assert (repo / "notebook.ipynb").read_text().count('"output_type"') == 4  # the working copy keeps its outputs

    again = saved_by_jupyterlab(nbformat.reads(committed.decode("utf-8"), as_version=4), python_version="3.12.1")
    nbformat.write(again, repo / "notebook.ipynb")  # opened, run and saved again, under another Python
    assert (repo / "notebook.ipynb").read_bytes() != committed
    assert _git(repo, "status", "--porcelain").stdout == ""  # git cleans it back to the committed blob


@pytest.mark.slow
def test_setup_is_idempotent_and_leaves_gitattributes_as_committed(repo):
    subprocess.run(["bash", "-euo", "pipefail", "-c", GIT_SETUP], cwd=repo, check=True, capture_output=True, timeout=60)
    assert (repo / ".gitattributes").read_bytes() == (paths.ROOT / ".gitattributes").read_bytes()
    for key in ("filter.nbstripout.clean", "filter.nbstripout.extrakeys", "diff.ipynb.textconv"):
        assert len(_git(repo, "config", "--get-all", key).stdout.splitlines()) == 1, key


@pytest.mark.slow
def test_project_notebooks_pass_through_the_filter_unchanged(repo):
    """Setting the filter up does not make the committed notebooks look modified."""
    extra = _git(repo, "config", "filter.nbstripout.extrakeys").stdout.strip()
    notebooks = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
    cleaned = subprocess.run(
        [str(Path(sys.prefix) / "bin" / "nbstripout"), "-t", "--extra-keys", extra, *map(str, notebooks)],
        capture_output=True,
        check=True,
    ).stdout  # one after the other
    assert notebooks and cleaned == b"".join(p.read_bytes() for p in notebooks)
