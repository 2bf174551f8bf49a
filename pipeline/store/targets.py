"""Which article a name on the command line means: a path, a file name or a slug, in drafts/ or published/."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pipeline.store.workspace import Workspace


@dataclass(frozen=True)
class Target:
    """An article named on the command line: its file, or why it cannot be used."""

    given: str
    path: Path | None = None
    rel: str = ""
    error: str = ""


def resolve_target(workspace: Workspace, given: str, folder: Path, cwd: Path) -> Target:
    """A path (relative to cwd, or to the workspace) or a slug (a file name without .md) in folder."""
    kind = folder.name  # drafts or published
    if not given.strip() or "\0" in given:
        return Target(given, error=f"{given!r}: not a file name or slug")
    looks_like_path = "/" in given or os.sep in given or given.endswith(".md") or given in (".", "..")
    path = workspace.locate(Path(given), cwd) if looks_like_path else folder / f"{given}.md"
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        return Target(given, error=f"{given}: cannot be resolved (a loop of links?)")
    if not workspace.inside(resolved):
        return Target(given, error=f"{given}: is outside the workspace {workspace.root}")
    try:
        inner = resolved.relative_to(folder.resolve())
    except ValueError:
        return Target(given, error=f"{given}: is not in {kind}/ (only {kind}/ holds what this command acts on)")
    if not workspace.exists(resolved):
        what = "no such file" if looks_like_path else f"no article named {given!r} in {kind}/"
        return Target(given, error=f"{given}: {what}")
    if not resolved.is_file() or resolved.suffix != ".md" or any(p.startswith(".") for p in inner.parts):
        return Target(given, error=f"{given}: is not a Markdown article (.md) in {kind}/")
    return Target(given, resolved, workspace.rel(resolved))
