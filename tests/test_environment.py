"""requirements.txt and environment.yml stay in step, and the running environment is the pinned one."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

from framing import paths

PIN = re.compile(r"^(?P<name>[A-Za-z0-9_.-]+)==(?P<version>[A-Za-z0-9.]+)$")


def _requirements() -> dict[str, str]:
    lines = [line.strip() for line in (paths.ROOT / "requirements.txt").read_text().splitlines()]
    entries = [line for line in lines if line and not line.startswith("#")]
    pins = {}
    for line in entries:
        match = PIN.match(line)
        assert match, f"requirements.txt: {line!r} is not pinned with =="
        pins[match["name"].lower()] = match["version"]
    return pins


def test_design_card_packages_are_pinned():
    pins = _requirements()
    for name in ("jupyterlab", "pandas", "matplotlib", "seaborn", "nltk", "papermill", "vadersentiment", "pytest"):
        assert name in pins, name


def test_environment_yml_installs_the_same_requirements_and_python():
    text = (paths.ROOT / "environment.yml").read_text()
    assert re.search(r"^\s+- -r requirements\.txt$", text, re.M), "environment.yml must pip-install requirements.txt"
    dependencies = re.findall(r"^  - (\S+)$", text.split("dependencies:")[1], re.M)
    assert sorted(dependencies) == ["pip", "pip:", "python=3.11"], "pin packages in requirements.txt only"
    requires = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert requires == ">=3.11"


def test_installed_versions_match_the_pins():
    mismatched = {}
    for name, version in _requirements().items():
        installed = metadata.version(name)
        if installed != version:
            mismatched[name] = (version, installed)
    assert mismatched == {}
