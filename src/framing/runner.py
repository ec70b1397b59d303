"""Run the numbered notebooks in order with papermill, staging every output.

A run executes ``notebooks/NN-*.ipynb`` into a staging folder under ``build/`` (tables, figures,
executed notebooks), then builds the report. Only when every step has succeeded are the staged
folders swapped in for ``data/processed``, ``figures``, ``report`` and ``build/notebooks``; a
failure, a timeout or an interrupt leaves the last good outputs untouched and keeps the failed
executed notebook in ``build/failed``.

Runs are incremental: a step whose inputs (see ``stage_inputs``) and published outputs are what
they were at the last good run is not run again; its outputs are carried over into staging, so
the publish still swaps whole folders. Fingerprints (sha256) are kept in ``build/last-good-run.json``.

Runs are bounded and quiet: every cell has a time limit and every kernel a start-up limit, and a
kernel's own console output (its log, tracebacks when interrupted) goes to ``build/logs/``.

Only the standard library is imported at module level, so that ``run_all.py --help`` is fast.
"""

from __future__ import annotations

import ast
import hashlib
import json
import logging
import os
import platform
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing import paths

NOTEBOOK_NAME = re.compile(r"^(?P<number>\d{2})-[a-z0-9-]+\.ipynb$")
KERNEL_NAME = "python3"  # jupyter_client runs a "python" kernelspec with this interpreter
CELL_TIMEOUT = 300  # seconds one cell may run; the longest cell of the analysis takes about 3 s
START_TIMEOUT = 60  # seconds a kernel may take to start and answer; it usually takes about 1 s
IOPUB_TIMEOUT = 60  # seconds to wait for a finished cell's last outputs (nbclient's 4 s can fail under load)
OUTPUT_FOLDERS = {
    "processed": Path("data/processed"),
    "figures": Path("figures"),
    "report": Path("report"),
    "notebooks": Path("build/notebooks"),
}
RESULT_FOLDERS = ("processed", "figures")  # what later notebooks read
DATA_DIR = Path("data")  # a notebook may read anything here (lexicons, raw, reference, ...) but data/processed
PACKAGE = "framing"
STATE_FILE = Path("build/last-good-run.json")
LOGS_DIR = Path("build/logs")
REPORT_STEP = "report"
UNCHANGED = "unchanged since the last good run"
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]  # what the kernel logs goes to build/logs/, not the console
INLINE_BACKEND = (
    "module://matplotlib_inline.backend_inline"  # a figure left unsaved still shows; saved ones show their PNG
)


@dataclass(frozen=True)
class Stage:
    number: str
    path: Path

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class StageResult:
    stage: Stage
    seconds: float
    outputs: list[str] = field(default_factory=list)
    skipped: bool = False


class RunFailed(RuntimeError):
    """A notebook failed; the message names the notebook, the cell (or step) and the error."""

    def __init__(self, stage: Stage, cell: str, error: str, kept: Path | None = None, log: Path | None = None):
        self.stage, self.cell, self.error, self.kept, self.log = stage, cell, error, kept, log
        where = f"; executed copy kept at {kept}" if kept else ""
        where += f"; details in {log}" if log else ""
        super().__init__(f"{stage.name}, {cell}: {error}{where}")


def discover(notebooks_dir: Path | None = None) -> list[Stage]:
    """The numbered notebooks ``NN-verb-object.ipynb`` (default: the project's), in numeric order."""
    notebooks_dir = paths.NOTEBOOKS_DIR if notebooks_dir is None else notebooks_dir
    stages = [Stage(m["number"], p) for p in Path(notebooks_dir).iterdir() if (m := NOTEBOOK_NAME.match(p.name))]
    numbers = [s.number for s in stages]
    duplicates = sorted({n for n in numbers if numbers.count(n) > 1})
    if duplicates:
        raise ValueError(f"{notebooks_dir}: more than one notebook numbered {', '.join(duplicates)}")
    return sorted(stages, key=lambda s: s.number)


def stage_number(text: str) -> str:
    """A notebook number as the file names spell it: ``3`` and ``03`` are both ``03``."""
    return text.zfill(2) if text.isdigit() else text


def select(stages: list[Stage], only: list[str] | None = None, start: str | None = None) -> list[Stage]:
    """Stages picked by ``--only NN`` (repeatable) or ``--from NN``; all by default."""
    only = [stage_number(n) for n in only or []]
    start = stage_number(start) if start else None
    known = {s.number for s in stages}
    for number in [*only, *([start] if start else [])]:
        if number not in known:
            raise ValueError(f"no notebook numbered {number}; known: {', '.join(sorted(known))}")
    if only:
        return [s for s in stages if s.number in only]
    if start:
        return [s for s in stages if s.number >= start]
    return list(stages)


# --- The kernel's environment ---------------------------------------------------------------


def numpy_dispatch_pin(machine: str | None = None) -> dict[str, str]:
    """``NPY_DISABLE_CPU_FEATURES`` naming numpy's AVX-512 dispatch targets on x86-64; nothing elsewhere.

    numpy picks the SIMD code of some ufuncs (``np.log10``, ``np.exp``, ...) at run time from the
    CPU. Its AVX-512 code (e.g. SVML) can differ from the AVX2 code in the last bit, enough to move
    a figure label by a fraction of a pixel and change a PNG's anti-aliasing. Turning the AVX-512
    targets off makes every x86-64 CPU with AVX2 run the same code. The names are read from this
    numpy build's dispatch list because numpy refuses (RuntimeError at import) to disable a
    baseline feature, and only warns about, then ignores, a name it does not dispatch; a
    dispatched target the CPU lacks is accepted silently.
    """
    machine = (machine or platform.machine()).lower()
    if machine not in {"x86_64", "amd64"}:
        return {}
    # ~0.15 s, only when notebooks run. A private numpy module (no type stubs): the only place
    # this numpy build lists the targets it dispatches to.
    from numpy._core._multiarray_umath import __cpu_dispatch__  # type: ignore[import-not-found]

    avx512 = [name for name in __cpu_dispatch__ if name == "X86_V4" or name.startswith("AVX512")]
    return {"NPY_DISABLE_CPU_FEATURES": " ".join(avx512)} if avx512 else {}


def pinned_environment() -> dict[str, str]:
    """Variables every kernel gets, whatever the caller's environment: outputs can depend on them."""
    return {"MPLBACKEND": INLINE_BACKEND, **numpy_dispatch_pin()}  # inline, as in JupyterLab, even under tests' agg


def kernel_environment(root: Path, base: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The kernels' environment: ``base`` plus this checkout's package and data, and the pinned variables."""
    env = dict(base)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(root / "src"), base.get("PYTHONPATH", "")) if p)
    env[paths.ROOT_ENV_VAR] = str(root)
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return env | pinned_environment()


# --- Fingerprints -------------------------------------------------------------------------------


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes; ``missing`` when there is no such file."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except FileNotFoundError:
        return "missing"


def combined_digest(entries: Iterable[tuple[str, str]]) -> str:
    """One sha256 over ``(name, value)`` pairs, whatever their order."""
    digest = hashlib.sha256()
    for name, value in sorted(entries):
        digest.update(f"{name}\0{value}\n".encode())
    return digest.hexdigest()


def tree_digest(folder: Path) -> str:
    """One sha256 over every file under ``folder`` (names and bytes); an absent folder is an empty one."""
    files = [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []
    return combined_digest((p.relative_to(folder).as_posix(), file_digest(p)) for p in files)


def imported_modules(source: str, package: str = PACKAGE) -> set[str]:
    """The modules of ``package`` that Python ``source`` imports, anywhere in it (top level or in functions).

    ``from framing import storage`` and ``import framing.storage`` give ``storage``; relative imports count as the
    package's own. A name that is not a module (``from framing import __version__``) is kept too:
    it simply has no file.
    """
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith(f"{package}."))
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # a relative import: from the package itself
                module = node.module or ""
            elif node.module is not None and (node.module == package or node.module.startswith(f"{package}.")):
                module = node.module.removeprefix(package).lstrip(".")
            else:
                continue
            found.update([module.split(".")[0]] if module else [a.name for a in node.names])
    return found


def notebook_imports(path: Path, package: str = PACKAGE) -> set[str] | None:
    """The package modules a notebook's code cells import; None if a cell is not plain Python.

    Read with ``json`` rather than nbformat (much faster to import). Line magics and shell
    escapes (``%``, ``!``) are dropped; a cell magic, other IPython syntax or a file that is not a
    notebook gives None (running it will then say what is wrong).
    """
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (ValueError, AttributeError):
        return None
    found = set()
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.get("source", ""))
        lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
        try:
            found |= imported_modules("\n".join(lines), package)
        except SyntaxError:
            return None
    return found


def package_sources(modules: set[str] | None, package_dir: Path) -> list[Path]:
    """The files of ``modules`` and of every package module they import, in turn; all files if None."""
    if modules is None:
        return sorted(package_dir.rglob("*.py"))
    found: dict[str, Path] = {}
    todo = ["__init__", *modules]
    while todo:
        name = todo.pop()
        path = next((p for p in (package_dir / f"{name}.py", package_dir / name / "__init__.py") if p.is_file()), None)
        if name in found or path is None:
            continue
        found[name] = path
        try:
            todo += imported_modules(path.read_text(encoding="utf-8"))
        except SyntaxError:
            return package_sources(None, package_dir)
    return sorted(found.values())


def run_settings(root: Path, destination_root: Path, kernel_name: str) -> dict[str, str]:
    """The inputs every notebook shares beyond its files: where it runs, and with what."""
    kernel = {
        "kernel": kernel_name,
        "python": sys.version,
        "requirements.txt": file_digest(root / "requirements.txt"),
        **pinned_environment(),
    }
    return {
        "project folders": combined_digest([("root", str(root)), ("destination", str(destination_root))]),
        "kernel and environment": combined_digest(kernel.items()),
    }


def data_inputs(root: Path) -> dict[str, str]:
    """One fingerprint per entry of ``data/`` (``data/lexicons``, ``data/raw``, ...), the output tables excepted."""
    data = root / DATA_DIR
    entries = sorted(p for p in data.iterdir() if p.name != OUTPUT_FOLDERS["processed"].name) if data.is_dir() else []
    return {(DATA_DIR / p.name).as_posix(): tree_digest(p) if p.is_dir() else file_digest(p) for p in entries}


def stage_inputs(stage: Stage, root: Path, settings: Mapping[str, str]) -> dict[str, str]:
    """Fingerprints of what a notebook reads, by kind, apart from earlier notebooks' outputs.

    The notebook itself, the ``framing`` modules its code cells import (followed transitively),
    everything under ``data/`` but the output tables (lexicons, raw and reference texts, codings),
    and the run settings.
    """
    package_dir = root / "src" / PACKAGE
    modules = package_sources(notebook_imports(stage.path), package_dir)
    return {
        "notebook": file_digest(stage.path),
        f"{PACKAGE} modules": combined_digest((p.relative_to(package_dir).as_posix(), file_digest(p)) for p in modules),
        **data_inputs(root),
        **settings,
    }


def report_inputs(staging: Path, root: Path) -> dict[str, str]:
    """Fingerprints of what the report reads: the executed notebooks, ``docs/`` and its own source."""
    package_dir = root / "src" / PACKAGE
    notebooks = [p for p in (staging / "notebooks").glob("*.ipynb") if NOTEBOOK_NAME.match(p.name)]
    return {
        "executed notebooks": combined_digest((p.name, file_digest(p)) for p in notebooks),
        "docs": tree_digest(root / "docs"),
        f"{PACKAGE} modules": combined_digest(
            (p.relative_to(package_dir).as_posix(), file_digest(p)) for p in package_sources({"report"}, package_dir)
        ),
    }


def rerun_reason(record: Mapping | None, inputs: Mapping[str, str | None], published: Path) -> str | None:
    """Why a step must run again, or None when its inputs and published outputs are as last recorded."""
    if not record:
        return "no earlier good run recorded"
    if any(value is None for value in inputs.values()):
        return "an earlier notebook's outputs are not recorded"
    changed = [name for name, value in inputs.items() if record.get("inputs", {}).get(name) != value]
    if changed:
        return f"{', '.join(changed)} changed"
    if any(file_digest(published / name) != digest for name, digest in record.get("outputs", {}).items()):
        return "its published outputs differ from the last good run's"
    return None


def load_state(destination_root: Path) -> dict:
    """The fingerprints of the last good run; empty when there is none or it cannot be read."""
    try:
        state = json.loads((destination_root / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) and isinstance(state.get("steps"), dict) else {}


def save_state(destination_root: Path, steps: Mapping[str, dict]) -> None:
    """Write the fingerprints via a temporary file and a rename (a torn file reads as no state)."""
    path = destination_root / STATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps({"steps": dict(steps)}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temporary, path)


# --- Staging and publishing ---------------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """(inode, mtime, size) per file: a file rewritten with the same bytes still shows as written."""
    return {
        str(p.relative_to(folder)): (s.st_ino, s.st_mtime_ns, s.st_size)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and (s := p.stat())
    }


def _written(before: dict, after: dict) -> list[str]:
    return sorted(name for name, stamp in after.items() if before.get(name) != stamp)


def staged_path(staging: Path, published: str) -> Path:
    """Where the published file ``published`` (e.g. ``data/processed/a.csv``) is staged."""
    for key, folder in OUTPUT_FOLDERS.items():
        prefix = f"{folder.as_posix()}/"
        if published.startswith(prefix):
            return staging / key / published.removeprefix(prefix)
    raise ValueError(f"{published} is not in an output folder")


def _carry_over(names: Iterable[str], staging: Path, destination_root: Path) -> None:
    """Copy published files, unchanged (times kept), into staging."""
    for name in names:
        target = staged_path(staging, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(destination_root / name, target)


def _record(names: Iterable[str], staging: Path, inputs: Mapping[str, str | None]) -> dict:
    return {"inputs": dict(inputs), "outputs": {n: file_digest(staged_path(staging, n)) for n in sorted(names)}}


def _tables_and_figures(record: Mapping) -> list[str]:
    """A step record's published outputs other than its executed notebook."""
    return [n for n in record["outputs"] if not n.startswith(f"{OUTPUT_FOLDERS['notebooks'].as_posix()}/")]


def _earlier_outputs(stage: Stage, every: list[Stage], steps: Mapping[str, dict], staging: Path) -> str | None:
    """One fingerprint of the tables and figures of the notebooks before ``stage``, as staged now.

    None when an earlier notebook has no record of what it writes (a partial run before any full one).
    """
    earlier = every[: every.index(stage)] if stage in every else []
    if any(e.name not in steps for e in earlier):
        return None
    names = {n for e in earlier for n in _tables_and_figures(steps[e.name])}
    return combined_digest((n, file_digest(staged_path(staging, n))) for n in names)


def _parameters(staging: Path, root: Path) -> dict[str, str]:
    return {
        "RAW_DIR": str(root / "data" / "raw"),
        "PROCESSED_DIR": str(staging / "processed"),
        "FIGURES_DIR": str(staging / "figures"),
    }


def point_parameters_at(executed: Path, staging: Path, destination_root: Path) -> None:
    """In an executed notebook, show the folders its outputs are published to, not the staging ones.

    Without this the injected parameters name ``build/staging-*`` folders that are deleted after the
    run, and a reader rerunning an executed notebook would write nowhere useful.
    """
    import nbformat

    moves = {str(staging / key): str(destination_root / OUTPUT_FOLDERS[key]) for key in RESULT_FOLDERS}
    note = "# Staged under build/ while run_all.py ran; published to the folders below.\n"
    nb = nbformat.read(executed, as_version=4)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            source = cell.source
            for old, new in moves.items():
                source = source.replace(f'"{old}"', f'"{new}"')
            cell.source = source if source == cell.source else note + source
    nbformat.write(nb, executed)


def publish(staging: Path, destination_root: Path) -> None:
    """Swap each staged folder in for its destination; roll back if a swap fails."""
    moved = []  # (target, backup), recorded as soon as the old folder is moved aside
    try:
        for key, relative in OUTPUT_FOLDERS.items():
            target = destination_root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            backup = staging / f"previous-{key}"
            if target.exists():
                os.replace(target, backup)
            moved.append((target, backup))
            os.replace(staging / key, target)
    except BaseException:
        for target, backup in reversed(moved):
            shutil.rmtree(target, ignore_errors=True)  # the new folder, if it got in
            if backup.exists():
                os.replace(backup, target)
        raise


# --- Executing one notebook ---------------------------------------------------------------------


def _cell_label(started: list[tuple[int, dict]]) -> str:
    """'cell N (`first line`)' for the last cell started, numbered from 0 as in the source notebook."""
    index, cell = started[-1]
    tags = cell.get("metadata", {}).get("tags", [])
    if "injected-parameters" in tags:
        return "papermill's injected parameters cell"
    injected = any("injected-parameters" in c.get("metadata", {}).get("tags", []) for _, c in started[:-1])
    first_line = next((line.strip() for line in cell.get("source", "").splitlines() if line.strip()), "")
    return f"cell {index - injected} (`{first_line[:80]}`)"


def _kernel_manager_class(env: dict[str, str], console) -> type:
    """A kernel manager that starts kernels with ``env`` and sends their console output to ``console``."""
    from jupyter_client import AsyncKernelManager

    class StageKernelManager(AsyncKernelManager):
        # jupyter_client declares AsyncKernelManager.start_kernel as a callable attribute over
        # KernelManager's synchronous method, and ignores the same override error itself.
        async def start_kernel(self, **kw: Any) -> None:  # type: ignore[override]
            await super().start_kernel(**kw | {"env": env, "stdout": console, "stderr": console})

    return StageKernelManager


@contextmanager
def _console_log(path: Path):
    """A log file for one notebook: its kernel's console output and the papermill/nbclient log."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    with open(path, "a", encoding="utf-8") as console:  # append mode: the kernel and this process share it
        handler = logging.StreamHandler(console)
        logging.getLogger().addHandler(handler)  # found before logging's last-resort handler, which prints
        try:
            yield console
        finally:
            logging.getLogger().removeHandler(handler)


def _installed_kernels() -> str:
    from jupyter_client.kernelspec import KernelSpecManager

    return ", ".join(sorted(KernelSpecManager().find_kernel_specs())) or "none"


def _failure(
    error: Exception, started: list, kernel_name: str, cell_timeout: int, start_timeout: int
) -> tuple[str, str]:
    """(where, what): the cell or step a notebook stopped in, and why, in words."""
    import papermill
    from jupyter_client.kernelspec import NoSuchKernel
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    where = _cell_label(started) if started else "kernel start"
    if isinstance(error, papermill.PapermillExecutionError):
        return where, f"{error.ename}: {error.evalue}"
    if isinstance(error, CellTimeoutError):
        if "Cell execution timed out" in str(error):
            return where, f"timed out after {cell_timeout} s"
        return where, f"its last outputs did not arrive within {IOPUB_TIMEOUT} s of it finishing"
    if isinstance(error, DeadKernelError):
        return where, "the kernel died (a crash, or out of memory?)"
    if isinstance(error, NoSuchKernel):
        return "kernel start", f"no Jupyter kernel named {kernel_name!r} (installed: {_installed_kernels()})"
    if isinstance(error, RuntimeError) and not started and "didn't respond" in str(error):
        return "kernel start", f"the kernel did not answer within {start_timeout} s"
    if not started and not isinstance(error, RuntimeError):  # jupyter_client raises RuntimeError as kernels start
        where = "setup (before any cell ran)"
    return where, f"{type(error).__name__}: {error}"


def _execute(stage: Stage, staging: Path, root: Path, kernel_name: str, cell_timeout: int, start_timeout: int) -> None:
    import nbformat
    import papermill

    executed = staging / "notebooks" / stage.name
    log = root / LOGS_DIR / f"{stage.path.stem}.log"
    running = []  # the notebook being executed, as nbclient holds it
    started: list[tuple[int, dict]] = []  # (index, cell) in the executed notebook, in the order they started
    with _console_log(log) as console:
        try:
            papermill.execute_notebook(
                str(stage.path),
                str(executed),
                parameters=_parameters(staging, root),
                kernel_name=kernel_name,
                cwd=str(stage.path.parent),
                progress_bar=False,
                log_output=False,
                request_save_on_cell_execute=False,  # one write at the end (or on a cell's error), not two per cell
                extra_arguments=KERNEL_ARGUMENTS,
                start_timeout=start_timeout,
                execution_timeout=cell_timeout or None,
                iopub_timeout=IOPUB_TIMEOUT,
                kernel_manager_class=_kernel_manager_class(kernel_environment(root), console),
                on_notebook_start=lambda notebook: running.append(notebook),
                on_cell_start=lambda cell, cell_index: started.append((cell_index, cell)),
            )
            return
        except Exception as error:  # the kernel has been shut down by now, and its log closed below
            where, what = _failure(error, started, kernel_name, cell_timeout, start_timeout)
            in_the_code = isinstance(error, papermill.PapermillExecutionError)  # the kernel's log has nothing to add
    if running and started and not executed.exists():  # a timeout or a dead kernel: papermill wrote nothing
        nbformat.write(running[0], executed)
    raise RunFailed(stage, where, what, log=None if in_the_code or not log.stat().st_size else log)


def _keep_failed(stage: Stage, staging: Path, root: Path) -> Path | None:
    executed = staging / "notebooks" / stage.name
    if not executed.is_file():
        return None
    kept = root / "build" / "failed" / stage.name
    kept.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(executed, kept)
    return kept


# --- A run --------------------------------------------------------------------------------------


def build_report(staging: Path) -> Path:
    """The default finishing step: the HTML report from the staged executed notebooks."""
    from framing import report  # imports pandas, nbformat and mistune: only when a report is built

    return report.build_into(staging)


def _stage_step(stage, staging, root, destination_root, inputs, kernel_name, cell_timeout, start_timeout):
    """Execute one notebook into staging; (seconds, tables and figures written, record)."""
    before = {k: _snapshot(staging / k) for k in RESULT_FOLDERS}
    started = time.perf_counter()
    try:
        _execute(stage, staging, root, kernel_name, cell_timeout, start_timeout)
    except RunFailed as failure:
        raise RunFailed(stage, failure.cell, failure.error, _keep_failed(stage, staging, root), failure.log) from None
    executed = staging / "notebooks" / stage.name
    point_parameters_at(executed, staging, destination_root)
    seconds = time.perf_counter() - started
    outputs = [
        f"{OUTPUT_FOLDERS[k].as_posix()}/{name}"
        for k in RESULT_FOLDERS
        for name in _written(before[k], _snapshot(staging / k))
    ]
    record = _record([*outputs, f"{OUTPUT_FOLDERS['notebooks'].as_posix()}/{stage.name}"], staging, inputs)
    return seconds, outputs, record


def run(
    stages: list[Stage],
    *,
    root: Path | None = None,
    destination_root: Path | None = None,
    fresh: bool = True,
    force: bool = False,
    kernel_name: str = KERNEL_NAME,
    cell_timeout: int = CELL_TIMEOUT,
    start_timeout: int = START_TIMEOUT,
    finish=build_report,
    log=print,
) -> list[StageResult]:
    """Execute ``stages`` in order into staging, then publish under ``destination_root`` (default: root).

    ``fresh`` starts from empty outputs (a full run); otherwise from a copy of the current ones,
    so that ``--only``/``--from`` have the earlier stages' tables to read. A stage whose inputs and
    outputs are unchanged since the last good run is carried over instead of run, unless ``force``.
    ``finish(staging)`` runs after the last notebook, before publishing, when its inputs changed:
    by default it builds the HTML report.
    """
    root = paths.ROOT if root is None else Path(root)
    destination_root = Path(destination_root or root)
    steps = dict(load_state(destination_root).get("steps", {}))
    every = discover(stages[0].path.parent) if stages else []
    settings = run_settings(root, destination_root, kernel_name)
    build = root / "build"
    build.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="staging-", dir=build))
    results = []
    try:
        for key, relative in OUTPUT_FOLDERS.items():
            current = destination_root / relative
            if not fresh and current.is_dir():
                shutil.copytree(current, staging / key)
            else:
                (staging / key).mkdir(parents=True)
        for index, stage in enumerate(stages, start=1):
            inputs = {
                **stage_inputs(stage, root, settings),
                "earlier outputs": _earlier_outputs(stage, every, steps, staging),
            }
            reason = "--force" if force else rerun_reason(steps.get(stage.name), inputs, destination_root)
            if reason is None:
                _carry_over(steps[stage.name]["outputs"], staging, destination_root)
                results.append(StageResult(stage, 0.0, _tables_and_figures(steps[stage.name]), skipped=True))
                log(f"[{index}/{len(stages)}] {stage.name} ... skipped: {UNCHANGED}")
                continue
            log(f"[{index}/{len(stages)}] {stage.name} ({reason}) ...", end=" ", flush=True)
            try:
                seconds, outputs, steps[stage.name] = _stage_step(
                    stage, staging, root, destination_root, inputs, kernel_name, cell_timeout, start_timeout
                )
            except RunFailed:
                log("FAILED")
                raise
            results.append(StageResult(stage, seconds, outputs))
            log(f"done in {seconds:.1f} s, {len(outputs)} output file(s)")
        if finish is not None:
            _finish_step(finish, staging, root, destination_root, steps, force, log)
        publish(staging, destination_root)
        known = {s.name for s in every} | ({REPORT_STEP} if finish is not None else set())
        save_state(destination_root, {name: record for name, record in steps.items() if name in known})
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return results


def _finish_step(finish, staging: Path, root: Path, destination_root: Path, steps: dict, force: bool, log) -> None:
    """Run ``finish`` (the report) when its inputs changed, else carry its outputs over."""
    inputs = report_inputs(staging, root)
    reason = "--force" if force else rerun_reason(steps.get(REPORT_STEP), inputs, destination_root)
    if reason is None:
        _carry_over(steps[REPORT_STEP]["outputs"], staging, destination_root)
        log(f"report ... skipped: {UNCHANGED}")
        return
    log(f"report ({reason}) ...", end=" ", flush=True)
    started = time.perf_counter()
    finish(staging)
    log(f"done in {time.perf_counter() - started:.1f} s")
    folder = staging / "report"
    names = [
        f"{OUTPUT_FOLDERS['report'].as_posix()}/{p.relative_to(folder).as_posix()}"
        for p in folder.rglob("*")
        if p.is_file()
    ]
    steps[REPORT_STEP] = _record(names, staging, inputs)


def summary(results: list[StageResult]) -> str:
    """A plain-text table: notebook, seconds, outputs written (or why it was skipped)."""
    lines = ["", "notebook                              seconds  outputs"]
    for result in results:
        if result.skipped:
            lines.append(f"{result.stage.name:<37} {'-':>7}  skipped: {UNCHANGED}")
            continue
        shown = ", ".join(Path(o).name for o in result.outputs) or "-"
        lines.append(f"{result.stage.name:<37} {result.seconds:7.1f}  {shown}")
    lines.append(f"{'total':<37} {sum(r.seconds for r in results):7.1f}")
    return "\n".join(lines)
