"""Run the numbered notebooks in order with papermill, staging every output.

A run executes ``notebooks/NN-*.ipynb`` into a staging folder under ``build/`` (tables, figures,
executed notebooks). Only when every notebook has succeeded are the staged folders swapped in
for ``data/processed``, ``figures`` and ``build/notebooks``; a failure or an interrupt leaves the
last good outputs untouched and keeps the failed executed notebook in ``build/failed``.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from framing import paths, report

NOTEBOOK_NAME = re.compile(r"^(?P<number>\d{2})-[a-z0-9-]+\.ipynb$")
KERNEL_NAME = "python3"  # jupyter_client runs a "python" kernelspec with this interpreter
OUTPUT_FOLDERS = {
    "processed": Path("data/processed"),
    "figures": Path("figures"),
    "report": Path("report"),
    "notebooks": Path("build/notebooks"),
}
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]  # keep the kernel's transport warning off the console
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"  # a figure left unsaved still shows; saved ones show their PNG


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


class RunFailed(RuntimeError):
    """A notebook failed; the message names the notebook, the cell and the error."""

    def __init__(self, stage: Stage, cell: str, error: str, kept: Path | None):
        self.stage, self.cell, self.error, self.kept = stage, cell, error, kept
        where = f"; executed copy kept at {kept}" if kept else ""
        super().__init__(f"{stage.name} failed in {cell}: {error}{where}")


def discover(notebooks_dir: Path = paths.NOTEBOOKS_DIR) -> list[Stage]:
    """The numbered notebooks ``NN-verb-object.ipynb``, in numeric order."""
    stages = [Stage(m["number"], p) for p in Path(notebooks_dir).iterdir() if (m := NOTEBOOK_NAME.match(p.name))]
    numbers = [s.number for s in stages]
    duplicates = sorted({n for n in numbers if numbers.count(n) > 1})
    if duplicates:
        raise ValueError(f"{notebooks_dir}: more than one notebook numbered {', '.join(duplicates)}")
    return sorted(stages, key=lambda s: s.number)


def select(stages: list[Stage], only: list[str] | None = None, start: str | None = None) -> list[Stage]:
    """Stages picked by ``--only NN`` (repeatable) or ``--from NN``; all by default."""
    known = {s.number for s in stages}
    for number in [*(only or []), *([start] if start else [])]:
        if number not in known:
            raise ValueError(f"no notebook numbered {number}; known: {', '.join(sorted(known))}")
    if only:
        return [s for s in stages if s.number in only]
    if start:
        return [s for s in stages if s.number >= start]
    return list(stages)


def _snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """(inode, mtime, size) per file: a file rewritten with the same bytes still shows as written."""
    return {str(p.relative_to(folder)): (s.st_ino, s.st_mtime_ns, s.st_size)
            for p in sorted(folder.rglob("*")) if p.is_file() and (s := p.stat())}


def _written(before: dict, after: dict) -> list[str]:
    return sorted(name for name, stamp in after.items() if before.get(name) != stamp)


def _parameters(staging: Path, root: Path) -> dict[str, str]:
    return {
        "RAW_DIR": str(root / "data" / "raw"),
        "PROCESSED_DIR": str(staging / "processed"),
        "FIGURES_DIR": str(staging / "figures"),
    }


def _execute(stage: Stage, staging: Path, root: Path, kernel_name: str) -> None:
    import papermill  # imported here: --help and --list stay fast
    from nbclient.exceptions import DeadKernelError

    executed = staging / "notebooks" / stage.name
    try:
        with _kernel_environment(root):
            papermill.execute_notebook(
                str(stage.path), str(executed), parameters=_parameters(staging, root),
                kernel_name=kernel_name, cwd=str(stage.path.parent), progress_bar=False, log_output=False,
                request_save_on_cell_execute=False,  # one write at the end (or on error), not two per cell
                extra_arguments=KERNEL_ARGUMENTS,
            )
    except papermill.PapermillExecutionError as error:
        cell = _describe_cell(executed, error.cell_index, error.source)
        raise RunFailed(stage, cell, f"{error.ename}: {error.evalue}", None) from None
    except DeadKernelError as error:  # cells are not saved one by one (faster), so the cell is unknown
        raise RunFailed(stage, "a cell it was running (the kernel died, so which one is not recorded)",
                        f"{type(error).__name__}: {error}", None) from None
    except Exception as error:  # a notebook that cannot be read or a kernel that cannot start
        raise RunFailed(stage, "setup (before any cell ran)", f"{type(error).__name__}: {error}", None) from None


def _describe_cell(executed: Path, index: int, source: str) -> str:
    """'cell N' numbered as in the source notebook (papermill's injected parameters cell not counted)."""
    import nbformat

    cells = nbformat.read(executed, as_version=4).cells if executed.is_file() else []
    injected = next((i for i, c in enumerate(cells) if "injected-parameters" in c.metadata.get("tags", [])), None)
    number = index - 1 if injected is not None and index > injected else index
    first_line = next((line.strip() for line in source.splitlines() if line.strip()), "")
    return f"cell {number} (0-based, in the source notebook: `{first_line[:80]}`)"


@contextmanager
def _kernel_environment(root: Path):
    """Kernels inherit the environment: let them import this checkout's package and data."""
    saved = dict(os.environ)
    current = os.environ.get("PYTHONPATH", "")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(root / "src"), current) if p)
    os.environ[paths.ROOT_ENV_VAR] = str(root)
    os.environ["MPLBACKEND"] = INLINE_BACKEND  # as in JupyterLab, even under tests' MPLBACKEND=agg
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _keep_failed(stage: Stage, staging: Path, root: Path) -> Path | None:
    executed = staging / "notebooks" / stage.name
    if not executed.is_file():
        return None
    kept = root / "build" / "failed" / stage.name
    kept.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(executed, kept)
    return kept


def point_parameters_at(staging: Path, destination_root: Path) -> None:
    """In each executed notebook, show the folders its outputs are published to, not the staging ones.

    Without this the injected parameters name ``build/staging-*`` folders that are deleted after the
    run, and a reader rerunning an executed notebook would write nowhere useful.
    """
    import nbformat

    moves = {str(staging / key): str(destination_root / OUTPUT_FOLDERS[key]) for key in ("processed", "figures")}
    note = "# Staged under build/ while run_all.py ran; published to the folders below.\n"
    for path in sorted((staging / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if "injected-parameters" in cell.metadata.get("tags", []):
                source = cell.source
                for old, new in moves.items():
                    source = source.replace(f'"{old}"', f'"{new}"')
                cell.source = source if source == cell.source else note + source
        nbformat.write(nb, path)


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


def run(
    stages: list[Stage],
    *,
    root: Path = paths.ROOT,
    destination_root: Path | None = None,
    fresh: bool = True,
    kernel_name: str = KERNEL_NAME,
    finish=report.build_into,
    log=print,
) -> list[StageResult]:
    """Execute ``stages`` in order into staging, then publish under ``destination_root`` (default: root).

    ``fresh`` starts from empty outputs (a full run); otherwise from a copy of the current ones,
    so that ``--only``/``--from`` have the earlier stages' tables to read. ``finish(staging)`` runs
    after the last notebook, before publishing: by default it builds the HTML report.
    """
    destination_root = Path(destination_root or root)
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
            log(f"[{index}/{len(stages)}] {stage.name} ...", end=" ", flush=True)
            before = {k: _snapshot(staging / k) for k in ("processed", "figures")}
            started = time.perf_counter()
            try:
                _execute(stage, staging, root, kernel_name)
            except RunFailed as failure:
                log("FAILED")
                raise RunFailed(stage, failure.cell, failure.error, _keep_failed(stage, staging, root)) from None
            seconds = time.perf_counter() - started
            outputs = [f"{OUTPUT_FOLDERS[k].as_posix()}/{name}" for k in ("processed", "figures")
                       for name in _written(before[k], _snapshot(staging / k))]
            results.append(StageResult(stage, seconds, outputs))
            log(f"done in {seconds:.1f} s, {len(outputs)} output file(s)")
        if finish is not None:
            finish(staging)
        point_parameters_at(staging, destination_root)
        publish(staging, destination_root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return results


def summary(results: list[StageResult]) -> str:
    """A plain-text table: notebook, seconds, outputs written."""
    lines = ["", "notebook                              seconds  outputs"]
    for result in results:
        shown = ", ".join(Path(o).name for o in result.outputs) or "-"
        lines.append(f"{result.stage.name:<37} {result.seconds:7.1f}  {shown}")
    lines.append(f"{'total':<37} {sum(r.seconds for r in results):7.1f}")
    return "\n".join(lines)
