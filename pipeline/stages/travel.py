"""What a command that changes editorial state changed, as one commit, sent to the remote at once.

In a git workspace every such command (rename, normalise, take-update, dismiss-update, merge-duplicate,
dismiss-duplicate, revise, ingest, cover --pick, run) ends as a decision does: the journal lines it
appended and the files those lines name (in drafts/, published/, updates/, revisions/), as they are now,
committed whatever else the work tree holds, then sent with sync's care (``sync.send``). Offline, the
commit stays here and the next sync sends it. Nothing is left uncommitted for the next sync to trip on,
and an editor's other edits are never swept into the pipeline's commit.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pipeline.model.config import Config
from pipeline.stages.sync import Sending, send
from pipeline.store.git import Git
from pipeline.store.workspace import Workspace

# The folders whose files travel; raw/ and .pipeline/ (but the journal) stay on the machine.
EDITORIAL = ("drafts/", "published/", "updates/", "revisions/")
# The keys of a journal entry that name a file the command wrote, moved or removed (never `duplicate_of`,
# an article it only points at, nor `source`, a raw file).
NAMING_KEYS = ("article", "from", "update")
SHOWN_NAMES = 5


def journalled_names(entries: Iterable[dict[str, Any]]) -> list[str]:
    """Pure: the workspace-relative files that journal entries name as changed, each once, in order; a
    name that is not a plain relative path inside an editorial folder is left out."""
    names = (item.get(key) for item in entries for key in NAMING_KEYS)
    return list(dict.fromkeys(name for name in names if isinstance(name, str) and _editorial(name)))


def _editorial(name: str) -> bool:
    if not name.startswith(EDITORIAL) or "\0" in name or "\\" in name or len(name) > 4096:
        return False
    parts = PurePosixPath(name).parts
    return ".." not in parts and "." not in name.split("/") and len(parts) >= 2


def uncommitted(lines: bytes, committed: bytes | None) -> bytes:
    """Pure: the journal lines not yet in the committed journal (a revision's promote inside a run is a
    commit of its own: its lines are never committed twice)."""
    have = set((committed or b"").splitlines())
    return b"".join(line + b"\n" for line in lines.splitlines() if line.strip() and line not in have)


def commit_changes(workspace: Workspace, config: Config, since: int, what: str) -> str:
    """The journal lines appended since offset `since` and the files they name, as one commit ('' outside
    git or when nothing was journalled); signed only where git signs every commit (no reviewer's decision).
    Call with the workspace lock held."""
    from pipeline.store.team import commit_decisions

    git = workspace.journal_policy.git
    if not isinstance(git, Git):
        return ""
    appended = workspace.journal_tail(since)
    if not appended.strip():
        return ""
    lines = uncommitted(appended, git.blob("HEAD", git.rel(workspace.journal_path)) if git.head() else None)
    if not lines:
        return ""
    entries = workspace.read_journal(since)[0]
    names = journalled_names(entries)
    files = tuple(path for name in names if workspace.inside(path := workspace.root / Path(name)))
    return commit_decisions(workspace, config, since, files, commit_subject(what, entries, names),
                            cut_on_failure=False, sign=False, lines=lines)


def commit_subject(what: str, entries: Iterable[dict[str, Any]], names: Sequence[str]) -> str:
    """Pure: the command, what its journal says it did, and to which files: `rename (renaming, renamed)
    drafts/b.md, drafts/a.md` (a refused approval that normalised first says `normalised`, never more)."""
    actions = list(dict.fromkeys(str(item.get("action", "?")) for item in entries))
    done = ", ".join(actions[:SHOWN_NAMES]) + (", ..." if len(actions) > SHOWN_NAMES else "")
    shown = ", ".join(names[:SHOWN_NAMES]) + (f" and {len(names) - SHOWN_NAMES} more" if len(names) > SHOWN_NAMES
                                              else "")
    return " ".join(part for part in (what, f"({done})" if done else "", shown or "the journal") if part)


def head_of(workspace: Workspace) -> str:
    """The commit HEAD names now ('' outside git, or before the first commit)."""
    return workspace.journal_policy.git.head() if isinstance(workspace.journal_policy.git, Git) else ""


def commit_and_send(workspace: Workspace, config: Config, since: int, what: str, before: str) -> Sending | None:
    """What the command changed committed (``commit_changes``; a decision or a promotion commits itself) and,
    when HEAD moved since ``before``, sent at once: None when nothing was committed, outside git, or on a
    branch with no remote branch. Call with the workspace lock held."""
    committed = commit_changes(workspace, config, since, what)
    if not committed and head_of(workspace) == before:
        return None
    return send(workspace)


@dataclass
class Recorded:
    """Where the journal ended and HEAD stood when a command began, and what became of sending its commit."""

    since: int
    head: str
    sending: Sending | None = None


@contextlib.contextmanager
def recording(workspace: Workspace, config: Config, what: str) -> Iterator[Recorded]:
    """Around a command that changes editorial state, with the workspace lock held: what it changed is then
    committed and sent (``commit_and_send``); what became of it is in ``sending``."""
    recorded = Recorded(workspace.journal_end(), head_of(workspace))
    yield recorded
    recorded.sending = commit_and_send(workspace, config, recorded.since, what, recorded.head)
