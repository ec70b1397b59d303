"""Project paths, resolved from the project root and never from the working directory."""

from __future__ import annotations

import os
from pathlib import Path

ROOT_ENV_VAR = "FRAMING_ROOT"


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


ROOT = find_project_root()
RAW_DIR = ROOT / "data" / "raw"
PROCESSED_DIR = ROOT / "data" / "processed"
LEXICON_DIR = ROOT / "data" / "lexicons"
FIGURES_DIR = ROOT / "figures"
NOTEBOOKS_DIR = ROOT / "notebooks"
BUILD_DIR = ROOT / "build"


def resolve(path: str | os.PathLike) -> Path:
    """An absolute path: relative paths (e.g. notebook parameters) are taken from the root."""
    path = Path(path)
    return path if path.is_absolute() else ROOT / path
