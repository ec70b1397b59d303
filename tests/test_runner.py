"""The papermill runner: discovery, selection, staging, failure and interruption."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from framing import paths, runner

PARAMETERS = 'RAW_DIR = "data/raw"\nPROCESSED_DIR = "data/processed"\nFIGURES_DIR = "figures"'


def _notebook(path: Path, *cells: str) -> None:
    nb = new_notebook(metadata={"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"},
                                "language_info": {"name": "python"}})
    parameters = new_code_cell(PARAMETERS)
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [parameters, *(new_code_cell(c) for c in cells)]
    nbformat.write(nb, path)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A tiny project: notebook 01 writes a table and a figure file, 02 writes another table."""
    root = tmp_path / "project"
    (root / "notebooks").mkdir(parents=True)
    (root / "data" / "raw").mkdir(parents=True)
    (root / "pyproject.toml").write_text("")
    write = "from pathlib import Path\nPath(PROCESSED_DIR).joinpath('{name}').write_text('{text}')"
    _notebook(root / "notebooks" / "01-write-a.ipynb", write.format(name="a.csv", text="new a"),
              "Path(FIGURES_DIR).joinpath('f.png').write_text('png')")
    _notebook(root / "notebooks" / "02-write-b.ipynb", "from pathlib import Path\nassert Path(PROCESSED_DIR, 'a.csv').exists()",
              write.format(name="b.csv", text="new b"))
    (root / "notebooks" / "explore-corpus.ipynb").write_text("{}")  # unnumbered: not a stage
    (root / "data" / "processed").mkdir()
    (root / "data" / "processed" / "a.csv").write_text("old a")
    return root


def _outputs(root: Path) -> dict[str, str]:
    folders = [root / "data" / "processed", root / "figures"]
    return {str(p.relative_to(root)): p.read_text() for f in folders if f.exists() for p in sorted(f.rglob("*")) if p.is_file()}


def test_discover_orders_numbered_notebooks_only(project):
    assert [s.name for s in runner.discover(project / "notebooks")] == ["01-write-a.ipynb", "02-write-b.ipynb"]


def test_discover_finds_the_project_notebooks_in_order():
    numbers = [s.number for s in runner.discover(paths.NOTEBOOKS_DIR)]
    assert numbers == sorted(numbers) and numbers[0] == "01"


def test_select_only_and_from(project):
    stages = runner.discover(project / "notebooks")
    assert [s.number for s in runner.select(stages, only=["02"])] == ["02"]
    assert [s.number for s in runner.select(stages, start="02")] == ["02"]
    assert [s.number for s in runner.select(stages)] == ["01", "02"]
    with pytest.raises(ValueError, match="no notebook numbered 07"):
        runner.select(stages, only=["07"])


def test_successful_run_publishes_everything(project):
    results = runner.run(runner.discover(project / "notebooks"), root=project, log=lambda *a, **k: None)
    assert _outputs(project) == {"data/processed/a.csv": "new a", "data/processed/b.csv": "new b", "figures/f.png": "png"}
    assert [r.outputs for r in results] == [["data/processed/a.csv", "figures/f.png"], ["data/processed/b.csv"]]
    assert sorted(p.name for p in (project / "build" / "notebooks").iterdir()) == ["01-write-a.ipynb", "02-write-b.ipynb"]
    assert not list((project / "build").glob("staging-*"))
    executed = nbformat.read(project / "build" / "notebooks" / "02-write-b.ipynb", as_version=4)
    injected = next(c.source for c in executed.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert "staging-" not in injected  # the executed copy names the folders that now hold its outputs
    assert f'PROCESSED_DIR = "{project / "data" / "processed"}"' in injected and f'FIGURES_DIR = "{project / "figures"}"' in injected


def test_failing_notebook_names_cell_and_error_and_keeps_last_good_outputs(project):
    _notebook(project / "notebooks" / "02-write-b.ipynb", "x = 1", "raise ValueError('the corpus is odd')")
    before = _outputs(project)
    with pytest.raises(runner.RunFailed) as failure:
        runner.run(runner.discover(project / "notebooks"), root=project, log=lambda *a, **k: None)
    message = str(failure.value)
    assert "02-write-b.ipynb failed in cell 2 (0-based, in the source notebook: `raise ValueError('the corpus is odd')`)" in message
    assert "ValueError: the corpus is odd" in message
    assert _outputs(project) == before  # notebook 01's new a.csv was staged, never published
    kept = project / "build" / "failed" / "02-write-b.ipynb"
    assert kept.is_file() and "the corpus is odd" in kept.read_text()
    assert not list((project / "build").glob("staging-*"))


def test_unrunnable_notebook_is_reported_not_crashed(project):
    (project / "notebooks" / "02-write-b.ipynb").write_text("{not json")
    with pytest.raises(runner.RunFailed, match=r"02-write-b.ipynb failed in setup \(before any cell ran\)"):
        runner.run(runner.discover(project / "notebooks"), root=project, log=lambda *a, **k: None)
    assert _outputs(project)["data/processed/a.csv"] == "old a"


def test_dead_kernel_is_reported_as_such_and_keeps_last_good_outputs(project):
    _notebook(project / "notebooks" / "02-write-b.ipynb", "x = 1", "import os\nos._exit(3)")
    before = _outputs(project)
    with pytest.raises(runner.RunFailed, match=r"02-write-b.ipynb failed in a cell it was running \(the kernel died.*DeadKernelError"):
        runner.run(runner.discover(project / "notebooks"), root=project, log=lambda *a, **k: None)
    assert _outputs(project) == before
    assert not list((project / "build").glob("staging-*"))


def test_interrupted_run_leaves_last_good_outputs(project):
    before = _outputs(project)

    def interrupt(staging):
        assert (staging / "processed" / "b.csv").exists()  # the new outputs were complete in staging
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        runner.run(runner.discover(project / "notebooks"), root=project, finish=interrupt, log=lambda *a, **k: None)
    assert _outputs(project) == before
    assert not list((project / "build").glob("staging-*"))


def test_partial_run_starts_from_current_outputs(project):
    stages = runner.discover(project / "notebooks")
    runner.run(stages, root=project, log=lambda *a, **k: None)
    (project / "data" / "processed" / "a.csv").write_text("kept a")
    runner.run(runner.select(stages, only=["02"]), root=project, fresh=False, log=lambda *a, **k: None)
    assert _outputs(project)["data/processed/a.csv"] == "kept a"
    assert (project / "build" / "notebooks" / "01-write-a.ipynb").is_file()


def test_publish_rolls_back_when_a_swap_fails(tmp_path):
    staging, destination = tmp_path / "staging", tmp_path / "dest"
    for key in ("processed", "figures"):  # 'report' is missing from staging: the third swap fails
        (staging / key).mkdir(parents=True)
        (staging / key / "new.txt").write_text("new")
    for relative in ("data/processed", "figures", "report"):  # ...after the old report was moved aside
        (destination / relative).mkdir(parents=True)
        (destination / relative / "old.txt").write_text("old")
    with pytest.raises(FileNotFoundError):
        runner.publish(staging, destination)
    for relative in ("data/processed", "figures", "report"):
        assert [p.name for p in (destination / relative).iterdir()] == ["old.txt"]
    assert not (destination / "build" / "notebooks").exists()  # never there before, not left behind


def _run_all(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    script = paths.ROOT / "run_all.py"
    return subprocess.run([sys.executable, str(script), *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_run_all_help_and_list_work_from_any_directory(tmp_path):
    helped = _run_all("--help", cwd=tmp_path)
    assert helped.returncode == 0 and "--only NN" in helped.stdout and "--from NN" in helped.stdout
    listed = _run_all("--list", cwd=tmp_path)
    assert listed.returncode == 0 and listed.stdout.splitlines()[0].startswith("01  01-load-corpus.ipynb")


def test_run_all_rejects_an_unknown_notebook(tmp_path):
    result = _run_all("--only", "99", cwd=tmp_path)
    assert result.returncode == 2 and "no notebook numbered 99" in result.stderr
