"""``pipeline sync``: the workspace's git branch brought level with its remote (fetch, local commits
rebased on top, push), retried when another machine pushed first; never left mid-rebase.

A sync killed half-way is finished by the next: its marker in .pipeline/ says it was running, and a
rebase it left is aborted (which puts back the local commits and stashed changes) before it starts
again. A file changed here and on the remote stops it with the file named; nothing is lost. A pulled
commit that makes the journal (or a folder of the workspace) something the pipeline refuses to read
is not taken, and named. A journal line this machine had that the pulled branch no longer has (a force
push that dropped a rejection) is kept in git's folder, and its articles are held from promotion.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pipeline.model.config import CONFIG_NAME
from pipeline.model.errors import EXIT_FAILED, PipelineError
from pipeline.store.git import Git, GitError
from pipeline.store.paths import STATE_DIR
from pipeline.store.state_files import JOURNAL_NAME
from pipeline.store.vanished import record_vanished
from pipeline.store.workspace import Workspace

MARKER = "sync-running"
ATTEMPTS = 5
# How git says a push lost to another machine's (behind it, or updating the same ref at that instant): retried
RACED = ("fetch first", "non-fast-forward", "failed to update ref", "cannot lock ref", "failed to lock")
# What a run commits in a git workspace: the articles, updates and revisions waiting, and the journal.
RUN_PATHS = ("drafts", "published", "updates", "revisions", ".pipeline/journal.jsonl")


class SyncConflict(PipelineError):
    """The same file changed here and on the remote: a person merges it (exit 1)."""

    exit_code: ClassVar[int] = EXIT_FAILED


class SyncRefused(GitError):
    """The remote branch holds a commit the pipeline will not take (exit 1): nothing was pulled."""


@dataclass
class SyncResult:
    received: int = 0  # commits taken from the remote
    sent: int = 0  # local commits pushed
    attempts: int = 1
    recovered: list[str] = field(default_factory=list)  # what a killed sync had left, put right
    vanished: list[str] = field(default_factory=list)  # articles whose journal lines the pull dropped

    def as_dict(self) -> dict[str, Any]:
        return {"received": self.received, "sent": self.sent, "attempts": self.attempts, "recovered": self.recovered,
                "vanished": self.vanished}


def git_of(workspace: Workspace) -> Git:
    if not isinstance(workspace.journal_policy.git, Git):
        raise PipelineError(f"{workspace.root}: is not in a git work tree: sync needs one with a remote "
                            "(see the README's team recipe)")
    return workspace.journal_policy.git


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
    another machine pushed first. Call with the workspace lock held. Only the workspace's own branch is
    pushed, to its remote branch, whatever push settings git has (no tags, no other branch)."""
    git = git_of(workspace)
    result = SyncResult(recovered=recover(workspace, git))
    marker = workspace.state / MARKER
    workspace.state.mkdir(exist_ok=True)
    workspace.write_atomic(marker, f"{os.getpid()}\n")
    try:
        _sync(workspace, git, attempts, result)
    except BaseException:
        if git.mid_rebase():  # a git command cut short mid-rebase: the branch put back as it was
            git.abort_rebase()
        raise
    finally:
        if not git.mid_rebase():  # left only when the rebase could not be aborted: the next sync does
            marker.unlink(missing_ok=True)
    return result


def _sync(workspace: Workspace, git: Git, attempts: int, result: SyncResult) -> None:
    upstream = git.upstream()
    if not upstream:
        raise PipelineError("the branch has no remote branch to sync with: push it once with "
                            "git push -u origin BRANCH")
    remote, branch_ref = git.push_target()
    for attempt in range(1, attempts + 1):
        result.attempts = attempt
        had = git.text("rev-parse", "-q", "--verify", "@{u}", check=False)
        git.run("fetch", "--quiet")
        # a journal line the remote had when last fetched and has no longer: its articles are held
        result.vanished += record_vanished(workspace, git, had, git.text("rev-parse", "-q", "--verify", "@{u}",
                                                                         check=False), upstream)
        behind = int(git.text("rev-list", "--count", "HEAD..@{u}") or 0)
        if behind:
            refusal = _refused(workspace, git, upstream)
            if refusal:
                raise SyncRefused(refusal)
            before = git.head()
            # A reviewer's decisions are signed commits: rebased, they are signed again with the same key.
            signing = ["-c", "commit.gpgsign=true"] if git.config("user.signingkey") else []
            rebased = git.run(*signing, "rebase", "--autostash", "--quiet", "@{u}", check=False)
            clashing = git.text("diff", "--name-only", "--diff-filter=U", check=False).split()
            if rebased.returncode != 0 or clashing:
                if rebased.returncode == 0:  # rebased, but the uncommitted changes clash: put all back as it was
                    git.run("reset", "-q", "--hard", before, check=False)
                    git.run("stash", "pop", "-q", check=False)
                else:
                    git.abort_rebase()
                named = ", ".join(clashing or _named_in(rebased.stderr)) or "a file"
                raise SyncConflict(f"{named}: changed here and on {upstream}: nothing was lost (your commits and "
                                   "changes are as they were); commit or move your change, or merge by hand (git pull "
                                   "--rebase, resolve, git rebase --continue), then pipeline sync")
            result.received += behind
        ahead = int(git.text("rev-list", "--count", "@{u}..HEAD") or 0)
        if not ahead:
            return
        # this branch only, named in full: push.default, remote.*.push, push.followTags and mirror settings
        # never send another branch or a tag
        pushed = git.run("push", "--quiet", "--no-follow-tags", "--recurse-submodules=no", "--", remote,
                         f"HEAD:{branch_ref}", check=False)
        if pushed.returncode == 0:
            result.sent += ahead
            return
        refused = pushed.stderr.decode("utf-8", "replace")
        if not any(sign in refused for sign in RACED):  # not because another pushed first (a hook, say)
            raise GitError(f"git push to {upstream} refused: {push_refusal(refused)}")
    raise GitError(f"the remote kept moving: nothing pushed after {attempts} tries; run pipeline sync again")


def push_refusal(stderr: str) -> str:
    """Why git push failed, in one line: the remote's rejection (a hook's reason), else git's own words."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        if "[remote rejected]" in line or "[rejected]" in line:
            return line.lstrip("! ").replace("[remote rejected]", "rejected by the remote:").strip()
    return next((line for line in lines if line.startswith(("fatal:", "error:"))), lines[-1] if lines else "no reason")


@dataclass(frozen=True)
class Sending:
    """What became of sending a command's commit (a decision, a promotion) to the remote at once."""

    upstream: str
    sent: int = 0  # local commits pushed
    received: int = 0  # commits taken from the remote first
    waits: str = ""  # why nothing was sent: the commit stays here for the next sync

    def as_dict(self) -> dict[str, Any]:
        return {"upstream": self.upstream, "sent": self.sent, "received": self.received, "waits": self.waits}


def send(workspace: Workspace) -> Sending | None:
    """The commit a command just made sent to the remote branch with sync's care (fetch, rebase, push,
    retried): None outside git or on a branch with no remote branch. A remote out of reach or refusing,
    or a file changed there too: the commit stays here, as it was, and waits for the next sync (never an
    error: what was decided counts here). Call with the workspace lock held."""
    git = workspace.journal_policy.git
    if not isinstance(git, Git):
        return None
    upstream = git.upstream()
    if not upstream:
        return None
    try:
        done = sync(workspace)
    except PipelineError as error:
        return Sending(upstream, waits=str(error))
    return Sending(upstream, sent=done.sent, received=done.received)


def _named_in(stderr: bytes) -> list[str]:
    """The files git names in its refusal (an untracked file the pull would overwrite): indented lines."""
    lines = stderr.decode("utf-8", "replace").splitlines()
    return [line.strip() for line in lines if line.startswith("\t") and line.strip()]


_KINDS = {"120000": "a link", "040000": "a folder", "160000": "a submodule", "100644": "a file", "100755": "a file"}


def _refused(workspace: Workspace, git: Git, upstream: str) -> str:
    """Why the remote branch is not taken ('' when it is): a commit on it makes the journal, the config
    or a folder of the workspace something every clone would refuse to read (a link, say)."""
    top = git.top.resolve()
    base = workspace.root.resolve().relative_to(top).as_posix()
    prefix = "" if base == "." else base + "/"
    wanted = {f"{prefix}{STATE_DIR}/{JOURNAL_NAME}": "a plain file", f"{prefix}{CONFIG_NAME}": "a plain file",
              **{f"{prefix}{name}": "a folder" for name in (STATE_DIR, "drafts", "published", "updates", "raw")}}
    for rel, kind in wanted.items():
        mode, _ = git.entry_mode("@{u}", rel)
        plain = mode in ("100644", "100755") if kind == "a plain file" else mode == "040000"
        if mode and not plain:
            what = _KINDS.get(mode, f"mode {mode}")
            commit = git.text("log", "-1", "--format=%H", "@{u}", "--", rel, check=False)
            return (f"{rel}: commit {commit[:12] or '?'} on {upstream} makes it {what}, not {kind}: nothing was "
                    f"pulled; make it {kind} again on {upstream} (a commit that puts back the last good one), then "
                    "sync")
    return ""


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
