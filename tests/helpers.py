"""Helpers the tests share: the one way to drive the CLI in process, and valid drafts made from the
house-style example (for the review and publish tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import Result
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.model.article import order_keys, parse_article, render_article
from pipeline.model.config import Config
from pipeline.stages.review import decide
from pipeline.store.clock import now
from pipeline.store.journal import Action
from pipeline.store.targets import resolve_target
from pipeline.store.workspace import Workspace
from tests.conftest import EXAMPLE_PUBLISHED

ENV = {"COLUMNS": "200"}
EXAMPLE_TEXT = EXAMPLE_PUBLISHED.read_text(encoding="utf-8")


def draft_text(title: str = "Een voorbeeld van een concept", date: str = "2026-02-26T20:26:46.713Z",
               **meta: Any) -> str:
    """A valid draft: the published example (house style, long enough), as a draft with its own title."""
    article = parse_article(EXAMPLE_TEXT)
    fields = {**article.meta, "title": title, "date": date, "draft": True, "lang": "nl",
              "source": {"file": f"raw/{title[:20]}.txt", "sha256": "0" * 64}, **meta}
    return render_article(article.with_meta(order_keys(fields)))


def make_draft(root: Path, name: str, text: str | None = None, **meta: Any) -> Path:
    path = root / "drafts" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if text is not None else draft_text(title=f"Artikel {name}", **meta), encoding="utf-8")
    return path


def approve_in_process(root: Path, name: str, by: str = "anna", config: Config | None = None) -> str:
    workspace = Workspace.open(root)
    config = config or workspace.load_config()
    target = resolve_target(workspace, name, workspace.drafts, root)
    assert not target.error, target.error
    outcome = decide(workspace, config, target, Action.APPROVED, by, "", now(config.zone))
    assert outcome.status == Action.APPROVED, outcome
    return outcome.status


def cli(root: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    """`pipeline --root ROOT ARGS...` in process (typer's CliRunner), wide enough that no line wraps:
    the result has .exit_code, .stdout and .stderr."""
    return CliRunner().invoke(app, ["--root", str(root), *args], env={**ENV, **(env or {})})


def articles(root: Path) -> dict[str, list[str]]:
    """Every article file by folder: names relative to drafts/ and published/."""
    found: dict[str, list[str]] = {}
    for folder in ("drafts", "published"):
        base = root / folder
        found[folder] = sorted(p.relative_to(base).as_posix() for p in base.rglob("*.md")) if base.is_dir() else []
    return found
