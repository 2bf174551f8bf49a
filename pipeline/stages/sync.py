"""``pipeline sync``: the workspace's git branch brought level with its remote (fetch, local commits
rebased on top, push), retried when another machine pushed first; never left mid-rebase.

A sync killed half-way is finished by the next: its marker in .pipeline/ says it was running, and a
rebase it left is aborted (which puts back the local commits and stashed changes) before it starts
again. A file changed here and on the remote stops it with the file named; nothing is lost.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pipeline.model.errors import EXIT_FAILED, PipelineError
from pipeline.store.git import Git, GitError
from pipeline.store.workspace import Workspace

MARKER = "sync-running"
ATTEMPTS = 5
# What a run commits in a git workspace: the articles, updates waiting, and the journal.
RUN_PATHS = ("drafts", "published", "updates", ".pipeline/journal.jsonl")


class SyncConflict(PipelineError):
    """The same file changed here and on the remote: a person merges it (exit 1)."""

    exit_code: ClassVar[int] = EXIT_FAILED


@dataclass
class SyncResult:
    received: int = 0  # commits taken from the remote
    sent: int = 0  # local commits pushed
    attempts: int = 1
    recovered: list[str] = field(default_factory=list)  # what a killed sync had left, put right

    def as_dict(self) -> dict[str, Any]:
        return {"received": self.received, "sent": self.sent, "attempts": self.attempts, "recovered": self.recovered}


def git_of(workspace: Workspace) -> Git:
    if not isinstance(workspace.git, Git):
        raise PipelineError(f"{workspace.root}: is not in a git work tree: sync needs one with a remote "
                            "(see the README's team recipe)")
    return workspace.git


def recover(workspace: Workspace, git: Git) -> list[str]:
    """Put right what a sync killed half-way left: its rebase aborted, git's index lock removed."""
    marker = workspace.state / MARKER
    if not marker.exists():
        if git.mid_rebase():
            raise PipelineError("a rebase is under way in this repository, not the pipeline's: finish it "
                                "(git rebase --continue) or abort it (git rebase --abort), then sync")
        return []
    done = []
    if git.clear_stale_index_lock():
        done.append("removed git's index.lock that a killed sync left")
    if git.mid_rebase():
        git.abort_rebase()
        done.append("aborted the rebase a killed sync left (local commits and changes kept)")
    return done


def sync(workspace: Workspace, attempts: int = ATTEMPTS) -> SyncResult:
    """Fetch, rebase local commits on the remote branch, push; again when the push is refused because
    another machine pushed first. Call with the workspace lock held."""
    git = git_of(workspace)
    result = SyncResult(recovered=recover(workspace, git))
    marker = workspace.state / MARKER
    workspace.state.mkdir(exist_ok=True)
    workspace.write_atomic(marker, f"{os.getpid()}\n")
    upstream = git.upstream()
    if not upstream:
        marker.unlink()
        raise PipelineError("the branch has no remote branch to sync with: push it once with "
                            "git push -u origin BRANCH")
    for attempt in range(1, attempts + 1):
        result.attempts = attempt
        git.run("fetch", "--quiet")
        behind = int(git.text("rev-list", "--count", "HEAD..@{u}") or 0)
        if behind:
            # A reviewer's decisions are signed commits: rebased, they are signed again with the same key.
            signing = ["-c", "commit.gpgsign=true"] if git.config("user.signingkey") else []
            rebased = git.run(*signing, "rebase", "--autostash", "--quiet", "@{u}", check=False)
            if rebased.returncode != 0:
                clashing = git.text("diff", "--name-only", "--diff-filter=U", check=False).split()
                git.abort_rebase()
                marker.unlink()
                named = ", ".join(clashing) or "a file"
                raise SyncConflict(f"{named}: changed here and on {upstream}: nothing was lost (your commits are "
                                   f"as they were); merge by hand (git pull --rebase, resolve, git rebase "
                                   f"--continue), then pipeline sync")
            result.received += behind
        ahead = int(git.text("rev-list", "--count", "@{u}..HEAD") or 0)
        if not ahead:
            break
        pushed = git.run("push", "--quiet", check=False)
        if pushed.returncode == 0:
            result.sent += ahead
            break
        refused = pushed.stderr.decode("utf-8", "replace")
        if "rejected" not in refused and "fetch first" not in refused and "non-fast-forward" not in refused:
            marker.unlink()
            raise GitError(f"git push failed: {refused.strip().splitlines()[-1] if refused.strip() else 'no reason'}")
    else:
        marker.unlink()
        raise GitError(f"the remote kept moving: nothing pushed after {attempts} tries; run pipeline sync again")
    marker.unlink()
    return result


def commit_run(workspace: Workspace, summary: str) -> str:
    """What a run changed (its articles, updates and journal lines) as one commit: '' when nothing."""
    git = git_of(workspace)
    top = git.top.resolve()
    paths = [(workspace.root / path).resolve().relative_to(top).as_posix() for path in RUN_PATHS]
    listed = git.run("status", "--porcelain", "-z", "--untracked-files=all", "--", *paths).stdout.split(b"\0")
    files, skip = [], False
    for item in listed:
        if skip:  # the source of a rename, which -z gives as a field of its own
            skip = False
            continue
        if len(item) > 3:
            files.append(item[3:].decode("utf-8", "surrogateescape"))
            skip = item[:1] in (b"R", b"C")
    if not files:
        return ""
    shown = "\n".join(sorted(files)[:200]) + ("\n..." if len(files) > 200 else "")
    return git.commit_paths(sorted(files), f"pipeline run: {summary}\n\n{shown}\n")
