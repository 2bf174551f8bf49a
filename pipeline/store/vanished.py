"""Journal lines the remote branch had when this machine last fetched it and has no longer (a force
push that dropped a rejection, a commit that cut lines out of the journal): kept in git's own
folder, which no pull writes, and the articles they name held from promotion until an operator who
has looked removes the record. A line that comes back does not release its article: a commit
replayed by a rebase is no longer the one its reviewer signed."""

from __future__ import annotations

import json
import os
from pathlib import Path

from pipeline.store.git import Git
from pipeline.store.journal import names_of
from pipeline.store.workspace import Workspace

RECORD = "vanished.jsonl"


def record_path(git: Git) -> Path:
    return git.git_dir() / "pipeline" / RECORD


def _lines(data: bytes) -> list[bytes]:
    return [line for line in data.split(b"\n")[:-1] if line.strip()]  # whole lines only: a torn one is none


def record_vanished(workspace: Workspace, git: Git, before: str, after: str, upstream: str) -> list[str]:
    """The journal lines the remote branch had at commit `before` (as last fetched) and has not at
    `after` (as fetched now), recorded; the articles they name."""
    if not before or before == after:
        return []
    rel = git.rel(workspace.journal_path)
    now = set(_lines(git.blob(after, rel) or b""))
    missing = [line for line in _lines(git.blob(before, rel) or b"") if line not in now]
    if not missing:
        return []
    path = record_path(git)
    path.parent.mkdir(exist_ok=True)
    text = "".join(json.dumps({"line": line.decode("utf-8", "surrogateescape"), "from": upstream, "had": before,
                               "has": after},
                              ensure_ascii=True) + "\n" for line in missing)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        os.write(fd, text.encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return sorted({name for line in missing for name in _names(line)})


def _names(line: bytes) -> set[str]:
    try:
        entry = json.loads(line)
    except ValueError:
        return set()
    return names_of(entry) if isinstance(entry, dict) else set()


def held_articles(git: Git) -> dict[str, str]:
    """Article name -> why it is held: a journal line about it vanished from the remote branch."""
    path = record_path(git)
    try:
        if path.is_symlink():
            return {}
        data = path.read_bytes()
    except OSError:
        return {}
    held: dict[str, str] = {}
    for raw in _lines(data):
        try:
            record = json.loads(raw)
            line = str(record["line"]).encode("utf-8", "surrogateescape")
        except (ValueError, KeyError, TypeError):
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if not isinstance(entry, dict):
            continue
        what = f"{entry.get('action', '?')}" + (f" by {entry['by']}" if isinstance(entry.get("by"), str) else "")
        for name in names_of(entry):
            held.setdefault(name, f"a journal line about it ({what}) vanished when {record.get('from', 'the remote')} "
                                  f"was fetched (a force push?): held from promotion; having checked the remote's "
                                  f"history, remove {path} to release it")
    return held
