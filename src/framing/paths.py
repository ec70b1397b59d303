"""Project paths, resolved from the project root and never from the working directory.

The root is found on first use, not at import, so the package imports anywhere (outside a
checkout, ``paths.ROOT`` raises a ``FileNotFoundError`` that says how to set ``$FRAMING_ROOT``).
``paths.ROOT``, ``paths.RAW_DIR`` and the other folders below are read as module attributes.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

ROOT_ENV_VAR = "FRAMING_ROOT"

FOLDERS = {  # attribute -> folder under the project root
    "RAW_DIR": "data/raw",
    "PROCESSED_DIR": "data/processed",
    "LEXICON_DIR": "data/lexicons",
    "FIGURES_DIR": "figures",
    "NOTEBOOKS_DIR": "notebooks",
    "BUILD_DIR": "build",
}

ROOT: Path
RAW_DIR: Path
PROCESSED_DIR: Path
LEXICON_DIR: Path
FIGURES_DIR: Path
NOTEBOOKS_DIR: Path
BUILD_DIR: Path


def find_project_root(start: Path | None = None) -> Path:
    """The folder holding ``pyproject.toml`` and ``data/raw``, searched upwards from ``start``.

    ``$FRAMING_ROOT`` wins when set. Defaults to this file's location, which works for the
    editable install the README sets up.
    """
    if os.environ.get(ROOT_ENV_VAR):
        return Path(os.environ[ROOT_ENV_VAR]).resolve()
    here = (start or Path(__file__)).resolve()
    for folder in [here, *here.parents]:
        if (folder / "pyproject.toml").is_file() and (folder / "data" / "raw").is_dir():
            return folder
    raise FileNotFoundError(f"no project root (pyproject.toml beside data/raw) above {here}; set ${ROOT_ENV_VAR}")


@functools.cache
def project_root() -> Path:
    """The project root, found once per process (see :func:`find_project_root`)."""
    return find_project_root()


def __getattr__(name: str) -> Path:
    """``ROOT`` and the folders of :data:`FOLDERS`, computed on first use (PEP 562)."""
    if name == "ROOT":
        return project_root()
    if name in FOLDERS:
        return project_root() / FOLDERS[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def resolve(path: str | os.PathLike) -> Path:
    """An absolute path: relative paths (e.g. notebook parameters) are taken from the root."""
    path = Path(path)
    return path if path.is_absolute() else project_root() / path
