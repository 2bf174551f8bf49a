"""The installed command finds its workspace as git finds a repository, makes one with `init`, and
takes an article by path, file name, slug or prefix of a slug."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_installed
from tests.helpers import make_draft


def everything(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))


def test_outside_a_workspace_status_says_so_and_creates_nothing(tmp_path: Path) -> None:
    result = run_installed("status", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (f"error: not a pipeline workspace (no pipeline.toml or raw/ with .pipeline/ in "
                             f"{tmp_path} or its parents); run `pipeline init`\n")
    assert everything(tmp_path) == []


def test_validate_from_inside_drafts_uses_the_workspace_above(workspace: Path) -> None:
    make_draft(workspace, "een-artikel")
    before = everything(workspace)
    result = run_installed("validate", "een-artikel.md", cwd=workspace / "drafts")
    assert result.returncode == 0, result.stderr
    assert "1 file(s), 0 with errors" in result.stdout
    assert everything(workspace) == before  # no drafts/drafts, no .pipeline/ made by a read-only command
    status = run_installed("status", cwd=workspace / "drafts")
    assert status.returncode == 0 and "drafts\t1" in status.stdout
    assert everything(workspace) == before
