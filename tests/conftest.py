"""Shared fixtures: the example workspace, a runner for the CLI, the installed command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_RAW = REPO / "raw" / "2026-02-11-ai-banen-dump.txt"
EXAMPLE_PUBLISHED = REPO / "published" / "ai-verandert-banen-en-privacy.md"
EXAMPLE_DRAFT_NAME = "2026-02-11-kunstmatige-intelligentie-verandert-de-arbeidsmarkt.md"
FIXED_NOW = "2026-11-23T10:00:00+01:00"


@pytest.fixture(autouse=True)
def _pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIPELINE_NOW", FIXED_NOW)
    monkeypatch.delenv("PIPELINE_ROOT", raising=False)
    monkeypatch.delenv("PIPELINE_USER", raising=False)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of this repo's example workspace: raw/, published/, pipeline.toml."""
    root = tmp_path / "ws"
    (root / "raw").mkdir(parents=True)
    (root / "published").mkdir()
    shutil.copy2(EXAMPLE_RAW, root / "raw" / EXAMPLE_RAW.name)
    shutil.copy2(EXAMPLE_PUBLISHED, root / "published" / EXAMPLE_PUBLISHED.name)
    shutil.copy2(REPO / "pipeline.toml", root / "pipeline.toml")
    return root


@pytest.fixture
def bare_workspace(tmp_path: Path) -> Path:
    """A workspace without a pipeline.toml (raw/ beside .pipeline/): built-in defaults apply."""
    root = tmp_path / "bare"
    (root / "raw").mkdir(parents=True)
    (root / ".pipeline").mkdir()
    return root


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def installed_command() -> list[str]:
    """The `pipeline` script installed beside this Python (a venv's own, else the one on PATH)."""
    beside = Path(sys.executable).parent / "pipeline"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("pipeline")
    if found is None:
        pytest.fail("the pipeline command is not installed: run pip install -e '.[test]'")
    return [found]


def run_installed(*args: str, cwd: Path, env: dict[str, str] | None = None,
                  timeout: float = 120) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PIPELINE_NOW": FIXED_NOW, **(env or {})}
    full_env.pop("PIPELINE_ROOT", None) if env is None or "PIPELINE_ROOT" not in env else None
    return subprocess.run([*installed_command(), *args], cwd=cwd, env=full_env, capture_output=True,
                          text=True, timeout=timeout, check=False)
