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


def test_init_makes_a_workspace_the_other_commands_use(tmp_path: Path) -> None:
    from dataclasses import replace

    from pipeline.model.config import parse_config
    from pipeline.model.vocabularies import config_with_vocabulary

    made = run_installed("init", "newsroom", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    root = tmp_path / "newsroom"
    config = parse_config((root / "pipeline.toml").read_text(encoding="utf-8"))
    assert replace(config, source="defaults") == config_with_vocabulary("news")[0]
    status = run_installed("status", cwd=root / "raw")
    assert status.returncode == 0 and "raw waiting\t0" in status.stdout
    again = run_installed("init", cwd=root)
    assert again.returncode == 2
    assert again.stderr.count("\n") == 1 and "already exists" in again.stderr


def test_articles_by_file_name_slug_and_prefix(workspace: Path) -> None:
    for name in ("2026-02-11-ai-banen", "2026-02-12-ai-privacy"):
        make_draft(workspace, name)
    validated = run_installed("validate", "2026-02-11-ai-banen.md", cwd=workspace)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "1 file(s), 0 with errors" in validated.stdout
    ambiguous = run_installed("approve", "2026-02", "--by", "anna", cwd=workspace)
    assert ambiguous.returncode == 2
    assert ambiguous.stderr == ("error: 2026-02: matches 2 articles: drafts/2026-02-11-ai-banen, "
                                "drafts/2026-02-12-ai-privacy; name one of them\n")
    approved = run_installed("approve", "2026-02-12", "--by", "anna", cwd=workspace)
    assert approved.returncode == 0, approved.stderr
    assert approved.stdout.startswith("approved\tdrafts/2026-02-12-ai-privacy.md\tby anna")
    history = run_installed("history", "2026-02-12", cwd=workspace / "drafts")
    assert history.returncode == 0 and "approved" in history.stdout
    nothing = run_installed("preview", "bestaat-niet", cwd=workspace)
    assert nothing.returncode == 2
    assert "no article named 'bestaat-niet' in drafts/" in nothing.stderr


def test_slugs_complete_in_the_shell(workspace: Path) -> None:
    make_draft(workspace, "2026-02-11-ai-banen")
    offered = run_installed(cwd=workspace / "drafts", env={
        "_PIPELINE_COMPLETE": "complete_bash", "COMP_WORDS": "pipeline approve 2026", "COMP_CWORD": "2"})
    assert offered.returncode == 0
    assert offered.stdout.split() == ["2026-02-11-ai-banen"]
    script = run_installed("--show-completion", "bash", cwd=workspace)
    assert script.returncode == 0 and "_PIPELINE_COMPLETE" in script.stdout
