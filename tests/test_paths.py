"""Project paths: found from the package's location or ``$FRAMING_ROOT``, and only when first used."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from framing import paths

IMPORT_EVERY_MODULE = """
import importlib, pkgutil, framing, framing.paths
for module in pkgutil.iter_modules(framing.__path__):
    importlib.import_module(f"framing.{module.name}")
print(framing.paths.project_root.cache_info().currsize)
"""


def test_no_module_looks_for_the_project_root_when_imported(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != paths.ROOT_ENV_VAR}
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERY_MODULE], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0"


def test_root_is_the_folder_with_pyproject_and_raw_data():
    assert (paths.ROOT / "pyproject.toml").is_file() and paths.RAW_DIR == paths.ROOT / "data" / "raw"


def test_outside_a_checkout_the_error_names_the_environment_variable(tmp_path, monkeypatch):
    monkeypatch.delenv(paths.ROOT_ENV_VAR, raising=False)
    with pytest.raises(FileNotFoundError, match=paths.ROOT_ENV_VAR):
        paths.find_project_root(tmp_path)


def test_environment_variable_wins(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.ROOT_ENV_VAR, str(tmp_path))
    assert paths.find_project_root() == tmp_path.resolve()


def test_relative_paths_are_taken_from_the_root():
    assert paths.resolve("data/raw") == paths.RAW_DIR
    assert paths.resolve(paths.RAW_DIR) == paths.RAW_DIR


def test_an_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="NO_SUCH_DIR"):
        paths.NO_SUCH_DIR  # noqa: B018
