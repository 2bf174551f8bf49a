"""Reviewers' decisions, and what state each draft is in because of them.

Approvals and rejections live only in the journal: the current state of a draft is derived from
it, so there is no second copy that could drift. An approval is bound to the content hash of the
draft as it was when approved (``article.content_hash``): any edit after it voids it. A new life
of an article (ingested, promoted, unpublished) starts with no decisions at all, so an unpublished
article is never promoted again on an old approval.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from pipeline.model.config import Config
from pipeline.model.problems import Problem
from pipeline.stages.assess import assess_draft, draft_facts, read_draft
from pipeline.stages.decisions import POSSIBLE_DUPLICATE, SOURCE_UPDATED, STALE_REVISION, Decisions, decisions_for
from pipeline.store.identity import reviewer_refusal
from pipeline.store.journal import Action, Journal, about, article_name, entry
from pipeline.store.snapshots import keep_snapshot
from pipeline.store.targets import Target
from pipeline.store.workspace import Workspace


class ReviewStatus(StrEnum):
    """What became of a reviewer's decision."""

    APPROVED = "approved"
    ALREADY_APPROVED = "already approved"
    REJECTED = "rejected"
    REFUSED = "refused"
    UNCOUNTED = "does not count"  # recorded in a signed workspace, in a commit that would not count


@dataclass(frozen=True)
class ReviewOutcome:
    article: str
    status: ReviewStatus
    detail: str = ""
    problems: tuple[Problem, ...] = ()

    @property
    def failed(self) -> bool:
        return self.status in (ReviewStatus.REFUSED, ReviewStatus.UNCOUNTED)

    @property
    def recorded(self) -> bool:
        """A decision was written (and, in git, committed), whether or not it will count."""
        return self.status in (ReviewStatus.APPROVED, ReviewStatus.REJECTED, ReviewStatus.UNCOUNTED)

    def as_dict(self) -> dict[str, Any]:
        return {"article": self.article, "status": self.status, "detail": self.detail,
                "problems": [p.as_dict() for p in self.problems]}


CHANGED_SINCE_SEEN = ("changed since you read it (saved by an editor?): nothing was recorded; read it again, "
                      "then decide")


def decide(workspace: Workspace, config: Config, target: Target, action: Action, by: str, text: str,
           moment: datetime, journal: Journal | None = None, seen: str | None = None) -> ReviewOutcome:
    """Record an approval or a rejection of a draft as it is now. Call with the workspace lock held;
    a command that decides on several drafts passes one journal, read once.

    ``seen``: the content hash the reviewer read. The file is read once, and the decision recorded is of
    those bytes only: when their hash is not the one seen, nothing is recorded (an editor saved meanwhile)."""
    assert target.path is not None
    refusal = reviewer_refusal(by, config)
    if refusal:
        return ReviewOutcome(target.rel, ReviewStatus.REFUSED, refusal)
    content, why = read_draft(workspace, target.path)
    if content is None:
        return ReviewOutcome(target.rel, ReviewStatus.REFUSED, why)
    if seen is not None and not _same_hash(draft_facts(target.rel, content, config).hash, seen):
        return ReviewOutcome(target.rel, ReviewStatus.REFUSED, CHANGED_SINCE_SEEN)
    journal = journal or Journal(workspace)
    normalised = ""
    if action == Action.APPROVED:
        canonical, normalised = _canonical_first(workspace, config, target, content, moment, journal, by)
        if canonical is None:
            return ReviewOutcome(target.rel, ReviewStatus.REFUSED, "changed while it was being approved (saved by "
                                 "an editor?): nothing was written or recorded; read it again, then approve")
        content = canonical
    history = about(journal.entries, article_name(target.rel))
    state = assess_draft(target.rel, content, history, config, moment)
    if action == Action.APPROVED:
        if state.state == STALE_REVISION:
            return ReviewOutcome(target.rel, ReviewStatus.REFUSED, state.blocks)
        if state.state in (SOURCE_UPDATED, POSSIBLE_DUPLICATE):
            return ReviewOutcome(target.rel, ReviewStatus.REFUSED, f"{state.blocks}; then approve")
        if state.errors or not state.hash:
            return ReviewOutcome(target.rel, ReviewStatus.REFUSED,
                                 f"has {len(state.errors)} validation error(s): fix them, then approve",
                                 tuple(state.errors))
        if any(d.by.casefold() == by.casefold() for d in state.decisions.approvals):
            return ReviewOutcome(target.rel, ReviewStatus.ALREADY_APPROVED, _approval_detail(state.decisions, by))
    current = state.hash or "unreadable"
    if action == Action.APPROVED:  # the name follows the title first: the approval binds the page as published
        renamed = _renamed_first(workspace, config, target, moment, journal, by)
        if isinstance(renamed, ReviewOutcome):
            return renamed
        if renamed is not None:
            target, normalised = renamed, f"{normalised}; renamed first from {target.rel}"
            history = about(journal.entries, article_name(renamed.rel))
    keep_snapshot(workspace, state.article)  # the text decided on, for the desk's "what changed since"
    journal.append([entry(moment, action, target.rel, by=by, hash=current,
                                    **({"note": text} if action == Action.APPROVED else {"reason": text}))])
    if action == Action.REJECTED:
        return ReviewOutcome(target.rel, ReviewStatus.REJECTED, f"by {by}: {text}")
    after = decisions_for([*history, {"action": str(Action.APPROVED), "by": by, "hash": current}], current, config)
    detail = _approval_detail(after, by) + normalised
    return ReviewOutcome(target.rel, ReviewStatus.APPROVED, detail)


def _renamed_first(workspace: Workspace, config: Config, target: Target, moment: datetime, journal: Journal,
                   by: str) -> Target | ReviewOutcome | None:
    """The draft renamed to the name its title and date give (see ``rename``): its new target, None when
    it keeps its name, or a refusal when the rename could not be made (nothing is approved then)."""
    from pipeline.stages.rename import follow_title

    moved = follow_title(workspace, journal, config, moment, target, by)
    if moved is None:
        return None
    if moved.failed:
        return ReviewOutcome(target.rel, ReviewStatus.REFUSED, f"cannot be renamed to follow its title first: "
                             f"{moved.detail}; nothing was approved")
    return Target(target.given, workspace.root / moved.target, moved.target)


def decide_all(workspace: Workspace, config: Config, targets: Sequence[Target], action: Action, by: str, text: str,
               moment: datetime, seen: str | None = None) -> list[ReviewOutcome]:
    """Decide on each draft named (call with the workspace lock held), and in a git workspace commit
    the decisions, and the drafts as decided on, as one commit of their own by the reviewer. ``seen``:
    the content hash the reviewer read (one draft named)."""
    from pipeline.store.team import commit_decisions, own_decision_problem

    since = workspace.journal_end()
    journal = Journal(workspace)  # read once for every draft named
    outcomes = [decide(workspace, config, target, action, by, text, moment, journal, seen) for target in targets]
    decided = tuple(path for target, outcome in zip(targets, outcomes, strict=True)
                    if target.path is not None and outcome.status in (ReviewStatus.APPROVED, ReviewStatus.REJECTED)
                    for path in dict.fromkeys((target.path, workspace.root / outcome.article)))  # renamed: both
    if decided:
        names = ", ".join(workspace.rel(path) for path in decided)
        commit = commit_decisions(workspace, config, since, decided, f"{action} {names}")
        why = own_decision_problem(workspace, commit, by)
        if why:
            outcomes = [ReviewOutcome(o.article, ReviewStatus.UNCOUNTED, f"recorded, but it will not count: {why}")
                        if o.status in (ReviewStatus.APPROVED, ReviewStatus.REJECTED) else o for o in outcomes]
    return outcomes


def _same_hash(have: str, seen: str) -> bool:
    return bool(have) and hmac.compare_digest(have.encode("ascii", "replace"), seen.encode("ascii", "replace"))


def _canonical_first(workspace: Workspace, config: Config, target: Target, content: str, moment: datetime,
                     journal: Journal, by: str) -> tuple[str | None, str]:
    """A draft is approved in canonical form: normalised first (written and journalled), so that the
    next normalise, which cron runs, leaves it as approved. Returns the content to approve and a note;
    None when the file no longer holds the content read (an editor saved meanwhile: not written)."""
    from pipeline.model.canonical import normalise_text

    assert target.path is not None
    result = normalise_text(content, config, target.rel)
    if result.text == content or result.problem:
        return content, ""
    if not workspace.replace_if_unchanged(target.path, result.text, content.encode("utf-8")):
        return None, ""
    journal.append([entry(moment, Action.NORMALISED, target.rel, by=by, changes=list(result.changes))])
    return result.text, f"; normalised first ({', '.join(result.changes)})"


def _approval_detail(decisions: Decisions, by: str) -> str:
    if decisions.missing:
        return f"by {by}; needs {decisions.missing} more approval(s) from other reviewers"
    if decisions.rejections:
        return f"by {by}; still rejected by {', '.join(d.by for d in decisions.rejections)}"
    return f"by {by}; approvals complete"
