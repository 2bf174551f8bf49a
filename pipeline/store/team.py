"""The team across machines: a workspace inside a git work tree shares its journal through git
(merged line by line), records each decision as a commit of its own with the reviewer's git identity,
and, with ``review.signed``, counts a decision only when git verifies its commit was signed by a key
``review.allowed_signers`` lists for that reviewer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.model.config import Config
from pipeline.model.errors import PipelineError
from pipeline.store.git import TRAILER, Git, git_top
from pipeline.store.workspace import Workspace

DECIDED = ("approved", "rejected")


def attach(workspace: Workspace, config: Config) -> Git | None:
    """The workspace's git, when it lies in a work tree: its journal is then merged line by line and,
    with review.signed, every decision in it is checked against the commit that added it."""
    top = git_top(workspace.root)
    if top is None:
        return None
    git = Git(top)
    workspace.git = git
    workspace.merged_journal = True
    if config.signed:
        signers = (workspace.root / config.allowed_signers).resolve()
        workspace.decision_verdicts = lambda entries, lines: mark_uncounted(git, workspace, signers, entries, lines)
    return git


def git_reviewer(git: Git, given: str | None) -> str:
    """Who decides in a git workspace: the person git knows (user.name), never a name typed for another."""
    name = git.config("user.name")
    if not name:
        raise PipelineError("git does not know who you are: set git config user.name (and user.email); "
                            "a decision in a git workspace is a commit by its reviewer")
    if given and given.strip() and given.strip().casefold() != name.casefold():
        raise PipelineError(f"--by {given.strip()}: in a git workspace a decision is a commit by its reviewer, "
                            f"and git knows you as {name}: leave --by out")
    return name


def commit_decisions(workspace: Workspace, config: Config, since: int, files: tuple[Path, ...], message: str) -> str:
    """What one command appended to the journal since offset `since` (its decisions), and the files it
    decided on as they are now, as one commit of their own: '' outside git, or when nothing was decided."""
    git = workspace.git
    if not isinstance(git, Git):
        return ""
    lines = workspace.journal_tail(since)
    if not lines.strip():
        return ""
    sign = config.signed or git.config("commit.gpgsign") == "true"
    body = f"{message}\n\n{TRAILER}: {message.split(' ', 1)[0]}\n"
    return git.commit_lines(workspace.journal_path, lines, body, sign, files)


def mark_uncounted(git: Git, workspace: Workspace, signers: Path, entries: list[dict[str, Any]],
                   lines: list[bytes]) -> None:
    """Each approval or rejection that does not count gets an "uncounted" mark saying why: not in any
    commit, added by a commit pipeline did not make (an edit by hand), unsigned, or signed by a key
    not listed for the reviewer who is named."""
    wanted = [(entry, line) for entry, line in zip(entries, lines, strict=True) if entry.get("action") in DECIDED]
    if not wanted:
        return
    added = git.added_lines(workspace.journal_path, signers if signers.is_file() else None)
    for entry, line in wanted:
        why = _verdict(added.get(line), str(entry.get("by", "")), signers.is_file())
        if why:
            entry["uncounted"] = why


def _verdict(found: tuple[str, str, str, bool] | None, by: str, have_signers: bool) -> str:
    if found is None:
        return "it is in no commit: written into the journal by hand, or its commit was never made"
    _commit, status, signer, by_pipeline = found
    if not by_pipeline:
        return f"commit {_commit[:12]} that added it was made by editing the journal by hand, not by the pipeline"
    if not have_signers:
        return "review.allowed_signers names no readable file: no signature can be checked"
    if status == "N":
        return f"commit {_commit[:12]} is not signed"
    if status == "U" or (status == "G" and not signer):
        return f"commit {_commit[:12]} is signed by a key that review.allowed_signers does not list"
    if status != "G":
        return f"commit {_commit[:12]} has a bad or unverifiable signature ({status})"
    if signer.casefold() != by.casefold():
        return f"commit {_commit[:12]} is signed by {signer}'s key, not by {by}'s"
    return ""
