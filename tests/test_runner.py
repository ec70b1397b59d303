"""The papermill runner: discovery, selection, staging, incremental runs, failures, limits and interruption.

Kernels are slow to start, so one good run of a tiny two-notebook project is shared by the module
(``good_run``); ``project`` restores that project, fingerprints included, at the same path before
each test, so a test starts a kernel only for the notebooks it changes.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from framing import paths, runner

PARAMETERS = 'RAW_DIR = "data/raw"\nPROCESSED_DIR = "data/processed"\nFIGURES_DIR = "figures"'
KERNEL_FACTS = """import json, os
from pathlib import Path
from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__
facts = {"env": {k: os.environ.get(k) for k in ("PYTHONPATH", "FRAMING_ROOT", "MPLBACKEND", "NPY_DISABLE_CPU_FEATURES")},
         "dispatch_enabled": [name for name in __cpu_dispatch__ if __cpu_features__.get(name)]}
Path(PROCESSED_DIR, "kernel.json").write_text(json.dumps(facts))"""  # noqa: E501 (code run by a kernel)
WRITE_A = "from pathlib import Path\nPath(PROCESSED_DIR).joinpath('a.csv').write_text('new a')"
WRITE_B = (
    "from pathlib import Path\na = Path(PROCESSED_DIR, 'a.csv').read_text()",
    "Path(PROCESSED_DIR).joinpath('b.csv').write_text(a + ' and new b')",
)


def quiet(*args, **kwargs) -> None:
    """A ``log`` that prints nothing."""


def _notebook(path: Path, *cells: str) -> None:
    nb = new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"},
            "language_info": {"name": "python"},
        }
    )
    parameters = new_code_cell(PARAMETERS)
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [parameters, *(new_code_cell(c) for c in cells)]
    nbformat.write(nb, path)


def _make_project(root: Path) -> Path:
    """Notebook 01 writes a table, a figure file and what its kernel saw; 02 reads 01's table and writes another."""
    (root / "notebooks").mkdir(parents=True)
    (root / "data" / "raw").mkdir(parents=True)
    (root / "pyproject.toml").write_text("")
    shutil.copytree(
        paths.ROOT / "src" / "framing", root / "src" / "framing", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copyfile(paths.ROOT / "run_all.py", root / "run_all.py")
    _notebook(
        root / "notebooks" / "01-write-a.ipynb",
        WRITE_A,
        "Path(FIGURES_DIR).joinpath('f.png').write_text('png')",
        KERNEL_FACTS,
    )
    _notebook(root / "notebooks" / "02-write-b.ipynb", *WRITE_B)
    (root / "notebooks" / "explore-corpus.ipynb").write_text("{}")  # unnumbered: not a stage
    (root / "data" / "processed").mkdir()
    (root / "data" / "processed" / "a.csv").write_text("old a")
    return root


def _outputs(root: Path) -> dict[str, str]:
    folders = [root / "data" / "processed", root / "figures"]
    return {
        str(p.relative_to(root)): p.read_text()
        for f in folders
        if f.exists()
        for p in sorted(f.rglob("*"))
        if p.is_file()
    }


class Finishes:
    """A ``finish`` step that counts its calls and writes a one-line report."""

    def __init__(self):
        self.calls = 0

    def __call__(self, staging: Path) -> None:
        self.calls += 1
        (staging / "report" / "report.html").write_text(f"report {self.calls}")


@pytest.fixture(scope="module")
def good_run(tmp_path_factory):
    """The tiny project after one good run (with the real report step), and a pristine copy of it."""
    base = tmp_path_factory.mktemp("runner")
    project = _make_project(base / "project")
    results = runner.run(runner.discover(project / "notebooks"), root=project, log=quiet)
    shutil.copytree(project, base / "pristine")
    return project, base / "pristine", results


@pytest.fixture()
def project(good_run) -> Path:
    """The project exactly as the good run left it, at the same path (so its fingerprints hold)."""
    project, pristine, _ = good_run
    shutil.rmtree(project)
    shutil.copytree(pristine, project)
    return project


def _run(project: Path, **options) -> list[runner.StageResult]:
    return runner.run(runner.discover(project / "notebooks"), root=project, **{"log": quiet, **options})


def _state(project: Path) -> str:
    return (project / runner.STATE_FILE).read_text()


# --- Discovery and selection ------------------------------------------------------------------


def test_discover_orders_numbered_notebooks_only(good_run):
    project, _, _ = good_run
    assert [s.name for s in runner.discover(project / "notebooks")] == ["01-write-a.ipynb", "02-write-b.ipynb"]


def test_discover_finds_the_project_notebooks_in_order():
    numbers = [s.number for s in runner.discover(paths.NOTEBOOKS_DIR)]
    assert numbers == sorted(numbers) and numbers[0] == "01"


def test_select_only_and_from_with_or_without_the_leading_zero(good_run):
    stages = runner.discover(good_run[0] / "notebooks")
    assert [s.number for s in runner.select(stages, only=["02"])] == ["02"]
    assert [s.number for s in runner.select(stages, only=["2"])] == ["02"]
    assert [s.number for s in runner.select(stages, start="02")] == ["02"]
    assert [s.number for s in runner.select(stages, start="1")] == ["01", "02"]
    assert [s.number for s in runner.select(stages)] == ["01", "02"]
    with pytest.raises(ValueError, match="no notebook numbered 07"):
        runner.select(stages, only=["7"])


# --- A good run -------------------------------------------------------------------------------


def test_successful_run_publishes_everything(good_run):
    project, _, results = good_run
    outputs = _outputs(project)
    assert {k: v for k, v in outputs.items() if not k.endswith("kernel.json")} == {
        "data/processed/a.csv": "new a",
        "data/processed/b.csv": "new a and new b",
        "figures/f.png": "png",
    }
    assert [r.outputs for r in results] == [
        ["data/processed/a.csv", "data/processed/kernel.json", "figures/f.png"],
        ["data/processed/b.csv"],
    ]
    assert sorted(p.name for p in (project / "build" / "notebooks").iterdir()) == [
        "01-write-a.ipynb",
        "02-write-b.ipynb",
    ]
    assert (project / "report" / "report.html").is_file()
    assert not list((project / "build").glob("staging-*"))
    executed = nbformat.read(project / "build" / "notebooks" / "02-write-b.ipynb", as_version=4)
    injected = next(c.source for c in executed.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert "staging-" not in injected  # the executed copy names the folders that now hold its outputs
    assert (
        f'PROCESSED_DIR = "{project / "data" / "processed"}"' in injected
        and f'FIGURES_DIR = "{project / "figures"}"' in injected
    )
    recorded = json.loads(_state(project))["steps"]
    assert sorted(recorded) == ["01-write-a.ipynb", "02-write-b.ipynb", "report"]
    assert sorted(recorded["02-write-b.ipynb"]["outputs"]) == [
        "build/notebooks/02-write-b.ipynb",
        "data/processed/b.csv",
    ]


def test_kernels_run_with_this_checkout_and_numpy_dispatch_pinned(good_run):
    """Kernels import this checkout's package; on x86-64 numpy runs no AVX-512 code, whatever the CPU."""
    project, _, _ = good_run
    facts = json.loads((project / "data" / "processed" / "kernel.json").read_text())
    assert facts["env"]["PYTHONPATH"].split(os.pathsep)[0] == str(project / "src")
    assert facts["env"]["FRAMING_ROOT"] == str(project)
    assert facts["env"]["MPLBACKEND"] == runner.INLINE_BACKEND
    if platform.machine().lower() in {"x86_64", "amd64"}:
        assert facts["env"]["NPY_DISABLE_CPU_FEATURES"]
        assert [n for n in facts["dispatch_enabled"] if n == "X86_V4" or n.startswith("AVX512")] == []
    else:
        assert facts["env"]["NPY_DISABLE_CPU_FEATURES"] is None


@pytest.mark.parametrize("machine, pinned", [("x86_64", True), ("AMD64", True), ("aarch64", False), ("arm64", False)])
def test_numpy_dispatch_pin_names_only_avx512_targets_and_only_on_x86_64(machine, pinned):
    from numpy._core._multiarray_umath import __cpu_baseline__

    pin = runner.numpy_dispatch_pin(machine)
    assert bool(pin) == pinned
    names = pin.get("NPY_DISABLE_CPU_FEATURES", "").split()
    assert all(n == "X86_V4" or n.startswith("AVX512") for n in names)
    assert not set(names) & set(__cpu_baseline__)  # numpy refuses to start if asked to disable a baseline feature


def test_numpy_accepts_the_pin_silently_and_drops_avx512():
    pin = runner.numpy_dispatch_pin("x86_64")
    code = (
        "import warnings; warnings.simplefilter('error')\n"
        "from numpy._core._multiarray_umath import __cpu_dispatch__ as d, __cpu_features__ as f\n"
        "print([n for n in d if f.get(n)])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=os.environ | pin, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and result.stderr == ""
    assert not [n for n in ast.literal_eval(result.stdout) if n == "X86_V4" or n.startswith("AVX512")]


def test_kernel_environment_adds_the_checkout_and_the_pins(tmp_path):
    env = runner.kernel_environment(tmp_path, base={"PYTHONPATH": "/elsewhere", "MPLBACKEND": "agg", "HOME": "/h"})
    assert env["PYTHONPATH"] == os.pathsep.join([str(tmp_path / "src"), "/elsewhere"])
    assert env[paths.ROOT_ENV_VAR] == str(tmp_path) and env["HOME"] == "/h"
    assert env["MPLBACKEND"] == runner.INLINE_BACKEND  # pinned, whatever the caller set
    assert runner.pinned_environment().items() <= env.items()


# --- Incremental runs -------------------------------------------------------------------------


def test_unchanged_project_is_skipped_and_its_outputs_carried_over(project):
    before = {
        p: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(project.rglob("*"))
        if p.is_file() and "build/logs" not in p.as_posix() and p.name != "last-good-run.json"
    }
    lines, finish = [], Finishes()
    results = _run(project, finish=finish, log=lambda *a, **k: lines.append(" ".join(map(str, a))))
    assert [r.skipped for r in results] == [True, True] and finish.calls == 0
    assert lines == [
        f"[1/2] 01-write-a.ipynb ... skipped: {runner.UNCHANGED}",
        f"[2/2] 02-write-b.ipynb ... skipped: {runner.UNCHANGED}",
        f"report ... skipped: {runner.UNCHANGED}",
    ]
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in before}
    assert after == before  # same bytes and times: published again as they were
    assert not list((project / "build").glob("staging-*"))
    assert "skipped: unchanged since the last good run" in runner.summary(results)


def test_an_input_change_reruns_the_notebook_and_those_after_it_whose_inputs_changed(project):
    _notebook(
        project / "notebooks" / "01-write-a.ipynb",
        "from pathlib import Path\nPath(PROCESSED_DIR).joinpath('a.csv').write_text('newer a')",
        "Path(FIGURES_DIR).joinpath('f.png').write_text('png')",
        KERNEL_FACTS,
    )
    lines, finish = [], Finishes()
    results = _run(project, finish=finish, log=lambda *a, **k: lines.append(" ".join(map(str, a))))
    assert [r.skipped for r in results] == [False, False]
    assert lines[0] == "[1/2] 01-write-a.ipynb (notebook changed) ..."
    assert lines[2] == "[2/2] 02-write-b.ipynb (earlier outputs changed) ..."
    assert _outputs(project)["data/processed/b.csv"] == "newer a and new b"
    assert finish.calls == 1  # notebooks ran: the report is rebuilt


def test_stage_inputs_follow_lexicons_data_and_the_package_modules_imported(tmp_path):
    root = tmp_path
    package = root / "src" / "framing"
    package.mkdir(parents=True)
    for name, text in {
        "__init__.py": "",
        "a.py": "from framing import b\n",
        "b.py": "def f():\n    from . import c\n",
        "c.py": "X = 1\n",
        "unused.py": "Y = 1\n",
    }.items():
        (package / name).write_text(text)
    (root / "notebooks").mkdir()
    _notebook(root / "notebooks" / "01-use-a.ipynb", "%matplotlib inline\nimport framing.a as a")
    stage = runner.discover(root / "notebooks")[0]
    settings = runner.run_settings(root, root, "python3")
    inputs = lambda: runner.stage_inputs(stage, root, settings)  # noqa: E731
    assert runner.notebook_imports(stage.path) == {"a"}
    assert [p.name for p in runner.package_sources({"a"}, package)] == ["__init__.py", "a.py", "b.py", "c.py"]
    first = inputs()
    (package / "unused.py").write_text("Y = 2\n")
    assert inputs() == first  # a module the notebook never imports
    changes = {
        "src/framing/c.py": "framing modules",
        "data/lexicons/stopwords.csv": "data/lexicons",
        "data/raw/000_new.txt": "data/raw",
        "data/reference/gold.csv": "data/reference",
        "data/codings/coding_a.csv": "data/codings",
        "data/README.md": "data/README.md",
    }
    for relative, kind in changes.items():
        before = inputs()
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        with (root / relative).open("a") as handle:
            handle.write("\n")
        after = inputs()
        assert [k for k in after if before.get(k) != after[k]] == [kind], relative
    (root / "data" / "processed").mkdir()
    (root / "data" / "processed" / "a.csv").write_text("an output")
    assert inputs() == after  # outputs are not inputs: earlier notebooks' tables are fingerprinted apart
    assert runner.run_settings(root, root, "other")["kernel and environment"] != settings["kernel and environment"]
    assert (
        runner.run_settings(root, tmp_path / "elsewhere", "python3")["project folders"] != settings["project folders"]
    )


def test_force_reruns_what_is_unchanged(project):
    finish = Finishes()
    stages = runner.select(runner.discover(project / "notebooks"), only=["02"])
    results = runner.run(stages, root=project, fresh=False, force=True, finish=finish, log=quiet)
    assert [r.skipped for r in results] == [False] and finish.calls == 1


def test_report_is_rebuilt_when_docs_change_even_if_no_notebook_ran(project):
    finish = Finishes()
    (project / "docs").mkdir()
    (project / "docs" / "summary.md").write_text("A summary.\n")
    results = _run(project, finish=finish)
    assert [r.skipped for r in results] == [True, True] and finish.calls == 1
    assert (project / "report" / "report.html").read_text() == "report 1"
    _run(project, finish=finish)
    assert finish.calls == 1  # recorded: unchanged now


def test_an_output_edited_by_hand_reruns_its_notebook(project):
    (project / "figures" / "f.png").write_text("edited")
    results = _run(project, finish=Finishes())
    assert [r.skipped for r in results] == [False, True]  # 01 writes the same a.csv again: 02 need not run
    assert _outputs(project)["figures/f.png"] == "png"


def test_partial_run_starts_from_current_outputs(project):
    (project / "data" / "processed" / "a.csv").write_text("kept a")
    stages = runner.discover(project / "notebooks")
    results = runner.run(runner.select(stages, only=["2"]), root=project, fresh=False, log=quiet)
    assert [r.skipped for r in results] == [False]  # its input, a.csv, changed
    assert _outputs(project)["data/processed/a.csv"] == "kept a"
    assert _outputs(project)["data/processed/b.csv"] == "kept a and new b"
    assert (project / "build" / "notebooks" / "01-write-a.ipynb").is_file()


# --- Failures, limits and interruption: the last good outputs stay --------------------------------


def _assert_untouched(project: Path, before: dict[str, str], state: str) -> None:
    assert _outputs(project) == before
    assert _state(project) == state  # no fingerprints recorded for a failed run
    assert not list((project / "build").glob("staging-*"))


def test_failing_notebook_names_cell_and_error_and_keeps_last_good_outputs(project):
    _notebook(project / "notebooks" / "02-write-b.ipynb", "x = 1", "raise ValueError('the corpus is odd')")
    before, state = _outputs(project), _state(project)
    with pytest.raises(runner.RunFailed) as failure:
        _run(project)
    message = str(failure.value)
    assert message.startswith(
        "02-write-b.ipynb, cell 2 (`raise ValueError('the corpus is odd')`): ValueError: the corpus is odd"
    )
    _assert_untouched(project, before, state)
    kept = project / "build" / "failed" / "02-write-b.ipynb"
    assert kept.is_file() and "the corpus is odd" in kept.read_text()


def test_unrunnable_notebook_is_reported_not_crashed(project):
    (project / "notebooks" / "02-write-b.ipynb").write_text("{not json")
    before, state = _outputs(project), _state(project)
    with pytest.raises(runner.RunFailed, match=r"^02-write-b.ipynb, setup \(before any cell ran\): "):
        _run(project)
    _assert_untouched(project, before, state)


def test_dead_kernel_is_reported_with_its_cell_and_keeps_last_good_outputs(project):
    _notebook(project / "notebooks" / "02-write-b.ipynb", "x = 1", "import os\nos._exit(3)")
    before, state = _outputs(project), _state(project)
    with pytest.raises(
        runner.RunFailed,
        match=r"^02-write-b.ipynb, cell 2 \(`import os`\): the kernel died.*"
        r"executed copy kept at .*details in .*02-write-b.log",
    ):
        _run(project)
    _assert_untouched(project, before, state)


def test_a_kernel_that_does_not_exist_is_named(project):
    before, state = _outputs(project), _state(project)
    with pytest.raises(
        runner.RunFailed,
        match=r"^01-write-a.ipynb, kernel start: no Jupyter kernel named 'no-such-kernel' "
        r"\(installed: .*python3",
    ):
        _run(project, kernel_name="no-such-kernel")
    _assert_untouched(project, before, state)


def test_a_kernel_that_never_answers_is_given_up_after_the_start_timeout(project, tmp_path, monkeypatch):
    spec = tmp_path / "jupyter" / "kernels" / "silent"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-c", "import time; time.sleep(120)", "{connection_file}"],
                "display_name": "never answers",
                "language": "python",
            }
        )
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    before, state = _outputs(project), _state(project)
    started = time.perf_counter()
    with pytest.raises(
        runner.RunFailed, match=r"^01-write-a.ipynb, kernel start: the kernel did not answer within 1 s"
    ):
        _run(project, kernel_name="silent", start_timeout=1)
    assert time.perf_counter() - started < 30
    _assert_untouched(project, before, state)


def test_a_cell_that_runs_too_long_is_stopped_and_named(project):
    _notebook(project / "notebooks" / "02-write-b.ipynb", "x = 1", "import time\ntime.sleep(60)")
    before, state = _outputs(project), _state(project)
    started = time.perf_counter()
    with pytest.raises(runner.RunFailed) as failure:
        _run(project, cell_timeout=1)
    assert time.perf_counter() - started < 30
    assert str(failure.value).startswith(
        "02-write-b.ipynb, cell 2 (`import time`): timed out after 1 s; executed copy kept"
    )
    _assert_untouched(project, before, state)
    kept = nbformat.read(project / "build" / "failed" / "02-write-b.ipynb", as_version=4)
    assert kept.cells[-1].source == "import time\ntime.sleep(60)"  # what ran, up to the cell that hung


def test_kernel_console_output_goes_to_its_log_not_the_console(project, capfd):
    _notebook(
        project / "notebooks" / "02-write-b.ipynb",
        *WRITE_B,
        "from ipykernel.kernelapp import IPKernelApp\nIPKernelApp.instance().log.error('a kernel log line')",
    )
    _run(project, finish=Finishes())
    console = capfd.readouterr()
    assert "[IPKernelApp]" not in console.out + console.err
    assert "[IPKernelApp] ERROR | a kernel log line" in (project / runner.LOGS_DIR / "02-write-b.log").read_text()


def test_interrupted_run_leaves_last_good_outputs(project):
    _notebook(project / "notebooks" / "02-write-b.ipynb", *WRITE_B, "# changed")
    before, state = _outputs(project), _state(project)

    def interrupt(staging):
        assert (staging / "processed" / "b.csv").exists()  # the new outputs were complete in staging
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _run(project, finish=interrupt)
    _assert_untouched(project, before, state)


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


# --- run_all.py as a user runs it --------------------------------------------------------------


def _run_all(*args: str, cwd: Path, script: Path = paths.ROOT / "run_all.py", **options) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(script), *args], cwd=cwd, capture_output=True, text=True, **{"timeout": 120, **options}
    )


def test_run_all_help_and_list_work_from_any_directory(tmp_path):
    helped = _run_all("--help", cwd=tmp_path)
    assert helped.returncode == 0 and "--only NN" in helped.stdout and "--from NN" in helped.stdout
    assert "(default: 300)" in helped.stdout and "(default: 60)" in helped.stdout  # the two time limits
    listed = _run_all("--list", cwd=tmp_path)
    assert listed.returncode == 0 and listed.stdout.splitlines()[0].startswith("01  01-load-corpus.ipynb")


def test_run_all_help_and_list_import_nothing_heavy_and_are_fast(tmp_path):
    probe = (
        "import runpy, sys\nsys.argv = [sys.argv[1], sys.argv[2]]\n"
        "try:\n    runpy.run_path(sys.argv[0], run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "heavy = ['papermill', 'nbformat', 'nbclient', 'jupyter_client', 'pandas', 'numpy', 'framing.report']\n"
        "print('LOADED', [m for m in heavy if m in sys.modules])"
    )
    for option in ("--help", "--list"):
        loaded = subprocess.run(
            [sys.executable, "-c", probe, str(paths.ROOT / "run_all.py"), option],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert "LOADED []" in loaded.stdout, loaded.stdout
        started = time.perf_counter()
        _run_all(option, cwd=tmp_path)
        assert time.perf_counter() - started < 1.5  # about 0.1 s on the project's machine


def test_run_all_rejects_an_unknown_notebook(tmp_path):
    result = _run_all("--only", "99", cwd=tmp_path)
    assert result.returncode == 2 and "no notebook numbered 99" in result.stderr


def test_run_all_takes_numbers_without_the_leading_zero(project):
    for option in ("--only", "--from"):
        result = _run_all(option, "2", cwd=project, script=project / "run_all.py")
        assert result.returncode == 0, result.stderr
        assert f"[1/1] 02-write-b.ipynb ... skipped: {runner.UNCHANGED}" in result.stdout


def test_run_all_options_reach_the_runner():
    spec = importlib.util.spec_from_file_location("run_all", paths.ROOT / "run_all.py")
    run_all = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run_all)
    args = run_all.parse_args(["--only", "3", "--force", "--cell-timeout", "0", "--start-timeout", "9"])
    assert (args.only, args.force, args.cell_timeout, args.start_timeout) == (["3"], True, 0, 9)
    defaults = run_all.parse_args([])
    assert (defaults.cell_timeout, defaults.start_timeout, defaults.force) == (
        runner.CELL_TIMEOUT,
        runner.START_TIMEOUT,
        False,
    )
    with pytest.raises(SystemExit):
        run_all.parse_args(["--cell-timeout", "soon"])


@pytest.mark.slow
def test_run_all_reports_a_cell_timeout_on_one_line(project):
    _notebook(project / "notebooks" / "02-write-b.ipynb", "x = 1", "import time\ntime.sleep(60)")
    result = _run_all("--cell-timeout", "1", cwd=project, script=project / "run_all.py")
    assert result.returncode == 1
    assert "run_all.py: 02-write-b.ipynb, cell 2 (`import time`): timed out after 1 s" in result.stderr
    assert "Traceback" not in result.stderr and "[IPKernelApp]" not in result.stdout + result.stderr


@pytest.mark.slow
def test_run_all_prints_no_kernel_log_on_success(project):
    _notebook(project / "notebooks" / "02-write-b.ipynb", *WRITE_B, "# changed")
    result = _run_all(cwd=project, script=project / "run_all.py")
    assert result.returncode == 0 and result.stderr == ""
    assert "[IPKernelApp]" not in result.stdout and "Traceback" not in result.stdout
    assert f"[1/2] 01-write-a.ipynb ... skipped: {runner.UNCHANGED}" in result.stdout


def test_run_all_interrupted_exits_130_with_one_clean_line(project):
    """Ctrl-C (SIGINT to the process group, as a terminal sends it) while a notebook sleeps."""
    _notebook(
        project / "notebooks" / "02-write-b.ipynb",
        "import os, time\nfrom pathlib import Path\nPath(PROCESSED_DIR, 'started').write_text(str(os.getpid()))",
        "time.sleep(60)",
    )
    before, state = _outputs(project), _state(project)
    process = subprocess.Popen(
        [sys.executable, str(project / "run_all.py")],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not (marker := next((project / "build").glob("staging-*/processed/started"), None)):
            assert process.poll() is None and time.monotonic() < deadline, "the notebook never started"
            time.sleep(0.1)
        kernel = int(marker.read_text())
        os.killpg(process.pid, signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130
    assert stderr.strip() == "run_all.py: interrupted; the outputs of the last good run are untouched."
    assert "[IPKernelApp]" not in stdout and "Traceback" not in stdout
    _assert_untouched(project, before, state)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(kernel):
        time.sleep(0.1)
    assert not _alive(kernel), "the kernel outlived the interrupted run"


def _alive(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
