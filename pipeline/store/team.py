"""The team across machines: a workspace inside a git work tree shares its journal through git
(merged line by line), records each decision as a commit of its own with the reviewer's git identity,
and, with ``review.signed``, counts a decision only when git verifies its commit was signed by a key
listed for that reviewer in the signers this machine trusts (store/trust.py: never as a commit would
have the list)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from pipeline.model.config import Config
from pipeline.model.errors import PipelineError
from pipeline.store.discovery import git_top
from pipeline.store.git import TRAILER, Adder, Git, GitError
from pipeline.store.signers import principal_matches
from pipeline.store.trust import Trust, machine_trust
from pipeline.store.vanished import held_articles
from pipeline.store.workspace import Workspace

DECIDED = ("approved", "rejected")


def attach(workspace: Workspace, config: Config) -> Git | None:
    """The workspace's git, when it lies in a work tree: its journal is then merged line by line and,
    with review.signed, every decision in it is checked against the commit that added it."""
    top = git_top(workspace.root)
    if top is None:
        return None
    git = Git(top)
    git.trust = trust = machine_trust(git, workspace.root, config)
    verdicts = None
    if trust.signed:
        def verdicts(entries: list[dict[str, Any]], lines: list[bytes]) -> None:
            mark_uncounted(git, workspace, trust, entries, lines)
    workspace.journal_policy = replace(workspace.journal_policy, git=git, held=held_articles(git), verdicts=verdicts)
    return git


def trust_of(workspace: Workspace) -> Trust | None:
    """The signers this machine trusts, when the workspace is in git and verifies decisions."""
    git = workspace.journal_policy.git
    trust = git.trust if isinstance(git, Git) else None
    return trust if isinstance(trust, Trust) and trust.signed else None


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


def commit_decisions(workspace: Workspace, config: Config, since: int, files: tuple[Path, ...], message: str,
                     cut_on_failure: bool = True, sign: bool | None = None, lines: bytes | None = None) -> str:
    """What one command appended to the journal since offset `since` (its decisions), and the files it
    decided on as they are now, as one commit of their own: '' outside git, or when nothing was decided.
    When the commit cannot be made (signing failed), the journal is cut back to `since` (a decision,
    which is only its lines; not a move, whose files have moved): GitError. ``sign``: None signs a
    reviewer's decision as the workspace asks; False signs only where git's commit.gpgsign says so.
    ``lines``: the journal lines to commit, when not all that was appended since `since`."""
    git = workspace.journal_policy.git
    if not isinstance(git, Git):
        return ""
    lines = workspace.journal_tail(since) if lines is None else lines
    if not lines.strip():
        return ""
    sign = (trust_of(workspace) is not None or config.signed if sign is None else sign) \
        or git.config("commit.gpgsign") == "true"
    body = f"{message}\n\n{TRAILER}: {message.split(' ', 1)[0]}\n"
    try:
        return git.commit_lines(workspace.journal_path, lines, body, sign, files)
    except GitError as error:  # signing failed, say: the decision is not recorded at all, not even in the file
        if not cut_on_failure:
            raise
        workspace.truncate_journal(since)
        raise GitError(f"{error}: nothing was recorded{signing_hint(workspace)}") from None


def mark_uncounted(git: Git, workspace: Workspace, trust: Trust, entries: list[dict[str, Any]],
                   lines: list[bytes]) -> None:
    """Each approval or rejection that does not count gets an "uncounted" mark saying why: not in any
    commit, added by a commit pipeline did not make (an edit by hand), unsigned, or signed by a key
    not listed for the reviewer who is named. One that counts is marked with its key ("signer_key"):
    one key is one reviewer, whatever names its decisions give."""
    wanted = [(entry, line) for entry, line in zip(entries, lines, strict=True) if entry.get("action") in DECIDED]
    if not wanted:
        return
    added = git.added_lines(workspace.journal_path, trust.file)
    for entry, line in wanted:
        found = added.get(line)
        why = verdict(found, str(entry.get("by", "")), trust)
        if why:
            entry["uncounted"] = why
        elif found is not None:
            entry["signer_key"] = found.key


def verdict(found: Adder | None, by: str, trust: Trust) -> str:
    """Why a decision by `by`, added by the commit found, does not count ('' when it does)."""
    if found is None:
        return "it is in no commit: written into the journal by hand, or its commit was never made"
    commit = found.commit[:12]
    if not found.by_pipeline:
        return f"commit {commit} that added it was made by editing the journal by hand, not by the pipeline"
    if trust.file is None:
        return f"this machine trusts no list of signers ({trust.source or 'review.allowed_signers'}): no " \
               "signature can be checked"
    if found.status == "N":
        return f"commit {commit} is not signed"
    if found.status == "U" or (found.status == "G" and not found.signer):
        return f"commit {commit} is signed by a key ({found.key or 'unknown'}) that {trust.source} does not list"
    if found.status != "G":  # B bad, E cannot be checked, X expired, Y expired key, R revoked: never good
        return f"commit {commit} has a bad or unverifiable signature ({found.status})"
    if found.key not in {signer.fingerprint for signer in trust.signers}:  # a gpg key in the machine's keyring, say
        return f"commit {commit} is not signed with an SSH key that {trust.source} lists ({found.key or 'no key'})"
    if not principal_matches(found.signer, by, found.author, found.email):
        return f"commit {commit} is signed by {found.signer}'s key, not by {by}'s"
    return ""


def signing_hint(workspace: Workspace) -> str:
    """What to set when git could not sign a decision ('' outside git)."""
    git = workspace.journal_policy.git
    if not isinstance(git, Git):
        return ""
    if (git.config("gpg.format") or "openpgp") != "ssh":
        return "; signed decisions use SSH keys: git config gpg.format ssh, and git config user.signingkey " \
               "with your SSH key"
    if not git.config("user.signingkey"):
        return "; set git config user.signingkey to your SSH key"
    return f"; check that git config user.signingkey ({git.config('user.signingkey')}) is your SSH key"


def own_decision_problem(workspace: Workspace, commit: str, by: str) -> str:
    """Why the decision just committed would not count on a machine that trusts what this one does
    ('' when it counts, or when decisions are not verified here), with what to do."""
    trust = trust_of(workspace)
    git = workspace.journal_policy.git
    if trust is None or not isinstance(git, Git) or not commit:
        return ""
    found = git.signature(commit, trust.file)
    why = verdict(found, by, trust)
    if not why:
        return ""
    fmt = git.config("gpg.format") or "openpgp"
    if (found.status in ("N", "E", "B") or not found.key.startswith("SHA256:")) and fmt != "ssh":
        why += f": git signs with gpg.format {fmt}; signed decisions use SSH keys: git config gpg.format ssh " \
               "and git config user.signingkey ~/.ssh/id_ed25519.pub"
    elif found.status == "U" or (found.status == "G" and not found.signer):
        why += f": add a line \"{by}\" <your public key> to the team's list (a commit signed by a reviewer " \
               "already listed), or ask the machine's owner"
    elif found.status == "G":
        why += f": the list names this key for {found.signer}; git knows you as {by}"
    unusable = [note for note in trust.notes if "git cannot use this line" in note]
    more = f"; and {len(unusable) - 3} more" if len(unusable) > 3 else ""
    return why + (f" ({'; '.join(unusable[:3])}{more})" if unusable and found.status != "G" else "")
