"""Reviewers' decisions read from the journal, and the draft states they lead to.

Approvals and rejections live only in the journal. An approval is bound to the content hash of the
draft as it was when approved: any edit after it voids it. A new life of an article (ingested,
promoted, unpublished) starts with no decisions at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pipeline.model.config import Config
from pipeline.store.identity import _listed
from pipeline.store.journal import NEW_LIFE, Action, lives_of


class DraftStatus(StrEnum):
    """The state of a draft, in the order a draft usually passes through them. A state, not an
    action: READY is written "approved" as the journal's approved action is, and is not that action."""

    INVALID = "invalid"
    UPDATED = "source updated"  # a re-scraped source waits beside it for an editor
    DUPLICATE = "possible duplicate"  # its text is nearly another article's: an editor dismisses or merges
    STALE = "revision out of date"  # a revision whose published article changed, went offline or was re-scraped
    AWAITING = "awaiting review"
    VOID = "approval void"
    REJECTED = "rejected"
    SCHEDULED = "scheduled"
    READY = "approved"


INVALID, AWAITING, VOID = DraftStatus.INVALID, DraftStatus.AWAITING, DraftStatus.VOID
SOURCE_UPDATED, POSSIBLE_DUPLICATE, STALE_REVISION = DraftStatus.UPDATED, DraftStatus.DUPLICATE, DraftStatus.STALE
REJECTED_STATE, SCHEDULED, READY = DraftStatus.REJECTED, DraftStatus.SCHEDULED, DraftStatus.READY
STATES = tuple(DraftStatus)


@dataclass(frozen=True)
class Decision:
    """A reviewer's approval or rejection of one content of a draft."""

    action: str  # approved | rejected
    by: str
    hash: str
    time: str
    text: str  # the note of an approval, the reason of a rejection

    def as_dict(self) -> dict[str, str]:
        return {"action": self.action, "by": self.by, "hash": self.hash, "time": self.time, "text": self.text}


@dataclass(frozen=True)
class Decisions:
    """The decisions that stand for one content of one draft."""

    approvals: tuple[Decision, ...] = ()  # of this content, one per reviewer
    rejections: tuple[Decision, ...] = ()  # of this content, not withdrawn by the same reviewer
    void: tuple[Decision, ...] = ()  # approvals of an earlier content (the draft was edited since)
    needed: int = 1

    @property
    def missing(self) -> int:
        return max(0, self.needed - len(self.approvals))

    def as_dict(self) -> dict[str, Any]:
        return {"needed": self.needed, "missing": self.missing,
                "approvals": [d.as_dict() for d in self.approvals],
                "rejections": [d.as_dict() for d in self.rejections],
                "void": [d.as_dict() for d in self.void]}


# What stands for a draft no decision was made on, as most of a big workspace's: made once, not per draft.
NO_DECISIONS = Decisions()


def journal_index(entries: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Journal entries by article name, so a workspace of many drafts reads the journal once."""
    return lives_of(entries)  # an article's entries across its renames


def decisions_for(history: Sequence[dict[str, Any]], current_hash: str, config: Config) -> Decisions:
    """Each reviewer's latest decision on the current content counts; a decision by someone no
    longer listed in review.reviewers does not."""
    if not history:  # most drafts of a big workspace: nothing decided yet
        needed = config.approvals_required
        return NO_DECISIONS if needed == NO_DECISIONS.needed else Decisions((), (), (), needed)
    start = 0
    for position, item in enumerate(history):
        if item.get("action") in NEW_LIFE:
            start = position + 1
    latest: dict[str, Decision] = {}
    earlier: dict[str, Decision] = {}
    for item in history[start:]:
        action, by = item.get("action"), item.get("by")
        if action == Action.RENAMED:  # a new page address: approvals given before it are of another page
            earlier.update((key, d) for key, d in latest.items() if d.action == Action.APPROVED)
            latest = {key: d for key, d in latest.items() if d.action != Action.APPROVED}
            continue
        if action not in (Action.APPROVED, Action.REJECTED) or not isinstance(by, str) or not by:
            continue
        if item.get("unchained") or item.get("uncounted"):
            continue  # put into the journal by hand, edited there, or not signed as review.signed asks (past_of says)
        if config.reviewers and not _listed(by, config):
            continue
        text = item.get("note") if action == Action.APPROVED else item.get("reason")
        decision = Decision(str(action), by, str(item.get("hash", "")), str(item.get("time", "")),
                            text if isinstance(text, str) else "")
        signer = item.get("signer_key")  # a verified signature: one key is one reviewer, whatever name it gives
        key = signer if isinstance(signer, str) and signer else by.casefold()
        if decision.hash == current_hash:
            latest[key] = decision
        elif action == Action.APPROVED:
            earlier[key] = decision
    approvals = tuple(d for d in latest.values() if d.action == Action.APPROVED)
    rejections = tuple(d for d in latest.values() if d.action == Action.REJECTED)
    void = tuple(d for key, d in earlier.items() if key not in latest)
    return Decisions(approvals, rejections, void, config.approvals_required)


def past_of(history: Sequence[dict[str, Any]], current_hash: str) -> tuple[str, ...]:
    """What a reviewer should know of a draft's past: why it came back to drafts (its unpublishing
    and the reason), and rejections of an earlier content of it (the draft was edited since)."""
    if not history:
        return ()
    start = 0
    for position, item in enumerate(history):
        if item.get("action") in NEW_LIFE:
            start = position + 1
    notes: list[str] = []
    last_life = history[start - 1] if start else None
    if last_life is not None and last_life.get("action") == Action.UNPUBLISHED:
        who = last_life.get("actor") or last_life.get("by")
        reason = last_life.get("reason")
        notes.append("came back: unpublished" + (f" by {who}" if isinstance(who, str) and who else "")
                     + (f" ({reason})" if isinstance(reason, str) and reason else ""))
    for item in history[start:]:
        if item.get("uncounted") and item.get("action") in (Action.APPROVED, Action.REJECTED):
            notes.append(f"an {item.get('action')} decision by {item.get('by', '?')} does not count: "
                         f"{item.get('uncounted')}")
            continue
        if item.get("unchained") and item.get("action") in (Action.APPROVED, Action.REJECTED):
            notes.append(f"an {item.get('action')} decision by {item.get('by', '?')} does not count: it was put "
                         "into the journal by hand or edited there")
            continue
        if item.get("action") == Action.REJECTED and item.get("hash") != current_hash:
            reason = item.get("reason")
            notes.append(f"rejected before an edit by {item.get('by', '?')}"
                         + (f": {reason}" if isinstance(reason, str) and reason else ""))
    return tuple(notes)
