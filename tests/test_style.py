"""Lint, format and types: ruff and mypy, configured in pyproject.toml, report nothing.

Each tool runs as a developer runs it from the project root (``ruff check``, ``ruff format
--check``, ``mypy``), with the pinned versions of requirements.txt, so this test and a developer
see the same findings. A failure shows the tool's own report; ``ruff check --fix`` and
``ruff format`` fix most of what ruff finds. mypy checks ``src/framing`` (cold: about 12 s on the
project's machine; later runs reuse ``.mypy_cache``).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from framing import paths


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *command], cwd=paths.ROOT, capture_output=True, text=True, timeout=240)


@pytest.mark.parametrize(
    "command",
    [("ruff", "check", "--no-fix"), ("ruff", "format", "--check"), ("mypy",)],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_tool_reports_nothing(command):
    result = _run(*command)
    assert result.returncode == 0, f"{' '.join(command)} reports:\n{result.stdout}{result.stderr}"
