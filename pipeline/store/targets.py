"""Which article a name on the command line means, the one rule every command that takes an article follows:
a path (relative to the current folder, else to the workspace), a file name in the folder, a slug (the file
name without .md), or a unique prefix of a slug. An ambiguous prefix names its candidates."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.store.workspace import Workspace

# An ambiguous prefix lists at most this many candidates.
SHOWN_CANDIDATES = 10
# What the file system holds at most: bytes in one name, bytes in a whole path (Linux's NAME_MAX, PATH_MAX).
NAME_MAX = 255
PATH_MAX = 4095


@dataclass(frozen=True)
class Target:
    """An article named on the command line: its file, or why it cannot be used."""

    given: str
    path: Path | None = None
    rel: str = ""
    error: str = ""
    candidates: tuple[str, ...] = field(default=())  # an ambiguous prefix: the slugs it matches


def looks_like_path(given: str) -> bool:
    return "/" in given or os.sep in given or given in (".", "..")


def slugs(workspace: Workspace, folder: Path) -> list[str]:
    """Every article's slug in folder (its path inside folder without .md), sorted; nothing when there is
    no such folder. Hidden files and folders are left out, as everywhere."""
    base = folder.name + "/"
    return sorted(entry.rel[len(base):-3] for entry in workspace.iter_markdown_files(folder)
                  if entry.problem is None and entry.rel.startswith(base))


def matching(workspace: Workspace, given: str, folders: Sequence[Path]) -> list[tuple[Path, str]]:
    """(folder, slug) of the articles whose slug, or whose file name, starts with given."""
    found = []
    for folder in folders:
        for slug in slugs(workspace, folder):
            if slug.startswith(given) or slug.rsplit("/", 1)[-1].startswith(given):
                found.append((folder, slug))
    return found


def unusable_name(given: str) -> str:
    """Why a name cannot name any file (empty, a NUL, longer than a file name or path can be), or ''."""
    if not given.strip() or "\0" in given:
        return f"{given!r}: not a file name or slug"
    parts = [len(os.fsencode(part)) for part in Path(given).parts]
    if parts and not given.endswith(".md"):
        parts[-1] += 3  # a slug's file is named with .md added
    if sum(parts) + len(parts) > PATH_MAX or any(part > NAME_MAX for part in parts):
        shown = given if len(given) <= 60 else f"{given[:60]}..."
        return f"{shown}: name too long (a file name holds at most {NAME_MAX} bytes, .md included)"
    return ""


def resolve_target(workspace: Workspace, given: str, folder: Path, cwd: Path) -> Target:
    """The article given names in folder: a path, a file name, a slug or a unique prefix of a slug."""
    kind = folder.name  # drafts or published
    unusable = unusable_name(given)
    if unusable:
        return Target(given, error=unusable)
    if looks_like_path(given):
        path = workspace.locate(Path(given), cwd)
    elif given.endswith(".md"):  # a file name: here, at the workspace root, or in folder
        path = workspace.locate(Path(given), cwd)
        if not workspace.exists(path):
            path = folder / given
    else:
        path = folder / f"{given}.md"
        if not workspace.exists(path):
            found = matching(workspace, given, [folder])
            if len(found) > 1:
                return ambiguous(given, [f"{kind}/{slug}" for _, slug in found])
            if found:
                path = folder / f"{found[0][1]}.md"
    return _checked(workspace, given, path, folder, looks_like_path(given) or given.endswith(".md"))


def ambiguous(given: str, names: Sequence[str]) -> Target:
    shown = ", ".join(names[:SHOWN_CANDIDATES]) + (f" and {len(names) - SHOWN_CANDIDATES} more"
                                                  if len(names) > SHOWN_CANDIDATES else "")
    return Target(given, error=f"{given}: matches {len(names)} articles: {shown}; name one of them",
                  candidates=tuple(names))


def _checked(workspace: Workspace, given: str, path: Path, folder: Path, as_path: bool) -> Target:
    kind = folder.name
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        return Target(given, error=f"{given}: cannot be resolved (a loop of links?)")
    if not workspace.inside(resolved):
        return Target(given, error=f"{given}: is outside the workspace {workspace.root}")
    if resolved.is_dir():
        return Target(given, error=f"{given}: is a folder: name one article (.md) in it")
    try:
        inner = resolved.relative_to(folder.resolve())
    except ValueError:
        return Target(given, error=_not_in(given, kind))
    if any("\udc80" <= ch <= "\udcff" for ch in str(resolved)):  # bytes that are not UTF-8
        return Target(given, error=f"{given!r}: its file name is not UTF-8 text: rename it")
    if not workspace.exists(resolved) and workspace.exists(workspace.aside_name(resolved)):
        return Target(given, resolved, workspace.rel(resolved))  # a move cut short holds it aside: finished first
    if not workspace.exists(resolved):
        if looks_like_path(given):
            what = "no such file"
        elif as_path:
            what = f"no such file (here, at the workspace root or in {kind}/)"
        else:
            what = f"no article named {given!r} in {kind}/"
        return Target(given, error=f"{given}: {what}")
    if not resolved.is_file() or resolved.suffix != ".md" or any(p.startswith(".") for p in inner.parts):
        return Target(given, error=f"{given}: is not a Markdown article (.md) in {kind}/")
    return Target(given, resolved, workspace.rel(resolved))


def _not_in(given: str, kind: str) -> str:
    return f"{given}: is not in {kind}/ (only {kind}/ holds what this command acts on)"


def resolve_files(workspace: Workspace, given: Sequence[str], folder: Path, cwd: Path) -> tuple[list[Path], list[str]]:
    """For commands that take files or folders (validate, normalise): each name that is a path (here or at
    the workspace root) stays one, wherever it is; any other is an article in folder by file name, slug or
    prefix. A path that does not exist stays a path (the command reports it missing). Returns the paths
    and the errors (an ambiguous prefix, a slug that matches nothing)."""
    paths: list[Path] = []
    errors: list[str] = []
    for name in given:
        unusable = unusable_name(name)
        if unusable:
            errors.append(unusable)
            continue
        located = workspace.locate(Path(name), cwd)
        if workspace.exists(located):
            paths.append(located)
            continue
        target = resolve_target(workspace, name, folder, cwd)
        if target.path is not None:
            paths.append(target.path)
        elif looks_like_path(name) or (name.endswith(".md") and not target.candidates):
            paths.append(located)  # a path that is not there: reported as a missing file
        else:
            errors.append(target.error)
    return paths, errors


def resolve_article(workspace: Workspace, given: str, cwd: Path) -> Target:
    """An article in drafts/ or published/, for commands that take either (history): the one found in
    drafts/ first; an ambiguous prefix lists the candidates of both."""
    unusable = unusable_name(given)
    if unusable:
        return Target(given, error=unusable)
    if looks_like_path(given) or given.endswith(".md"):
        tried = [resolve_target(workspace, given, folder, cwd) for folder in (workspace.drafts, workspace.published)]
        named = next((target for target in tried if target.path is not None), None)
        if named is not None:
            return named
        if [target.error for target in tried] == [_not_in(given, "drafts"), _not_in(given, "published")]:
            return Target(given, error=f"{given}: is not in drafts/ or published/ (only they hold articles)")
        return next(target for target in tried if target.error != _not_in(given, "drafts")
                    and target.error != _not_in(given, "published"))
    for folder in (workspace.drafts, workspace.published):
        if workspace.exists(folder / f"{given}.md"):
            return resolve_target(workspace, given, folder, cwd)
    found = matching(workspace, given, [workspace.drafts, workspace.published])
    if len(found) > 1:
        return ambiguous(given, [f"{folder.name}/{slug}" for folder, slug in found])
    if found:
        return resolve_target(workspace, found[0][1], found[0][0], cwd)
    return Target(given, error=f"{given}: no article named {given!r} in drafts/ or published/")


def or_revision(workspace: Workspace, target: Target, cwd: Path) -> Target:
    """A name that is no draft, tried as a revision in revisions/ (reviewed and promoted as a draft is);
    the target as it was when it is no revision either."""
    if target.path is not None or target.candidates or not workspace.revisions.is_dir():
        return target
    revision = resolve_target(workspace, target.given, workspace.revisions, cwd)
    return revision if revision.path is not None else target
