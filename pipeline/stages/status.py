"""What sits in each stage of a workspace, and what to do next. Reads only; imports stay light."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pipeline.model.config import Config
from pipeline.model.moments import aware_moment
from pipeline.stages.assess import DraftState, assess_drafts
from pipeline.stages.decisions import (
    AWAITING,
    INVALID,
    POSSIBLE_DUPLICATE,
    READY,
    REJECTED_STATE,
    SCHEDULED,
    SOURCE_UPDATED,
    STALE_REVISION,
    STATES,
    VOID,
    DraftStatus,
)
from pipeline.stages.waiting import UPDATE_ACTIONS, actions_in, is_revision, may_hold, pending_moves, waiting_updates
from pipeline.store.clock import now
from pipeline.store.collector import collector_paused
from pipeline.store.journal import DONE
from pipeline.store.parallel import default_jobs
from pipeline.store.witness import DECIDED
from pipeline.store.workspace import Workspace


def workspace_status(workspace: Workspace, config: Config, rows: bool = True) -> dict[str, Any]:
    """The counts of each stage, what to do next, and (with `rows`, for --json) each draft's state and
    what blocks it: ten thousand rows a table never shows are not made for it."""
    with collector_paused():  # what it reads of every draft is kept to the end: none of it is garbage
        return _status(workspace, config, rows)


def _status(workspace: Workspace, config: Config, rows: bool) -> dict[str, Any]:
    raws = workspace.raw_files(None, config.partial_names) if workspace.raw.is_dir() else []
    # Read once: the ingest record, the decisions, the moves cut short and the witness check all take it.
    journal = workspace.read_journal_lines()
    entries = journal.entries
    raw_waiting = 0
    bad: list[str] = []
    if raws:  # only raw files need the ingest record: without any, it is neither imported nor read (nor rebuilt)
        from pipeline.store.ingest_record import load_record, printable, still_bad

        record = load_record(workspace, journal)
        for raw in raws:
            known = record.known(raw)  # what ingest would decide without reading the file
            if raw.problem or still_bad(known, printable(raw.rel)):
                bad.append(printable(raw.rel))
            elif known is None:
                raw_waiting += 1
    raw_failed = len(bad)
    drafts = assess_drafts(workspace, config, now(config.zone), entries, cached=True, jobs=default_jobs())
    by_state: dict[DraftStatus, list[DraftState]] = {name: [] for name in STATES}
    for draft in drafts:  # one pass, not one a state: ten thousand drafts
        by_state[draft.state].append(draft)
    revisions = [d for d in drafts if is_revision(d.rel)]
    # Each look below is a pass over every entry for a few actions: none is made when the journal holds none of
    # its actions (one pass in C finds which the journal holds).
    journal_actions = actions_in(entries)
    interrupted = pending_moves(entries) if may_hold(journal_actions, DONE) else []
    updates = waiting_updates(entries) if may_hold(journal_actions, UPDATE_ACTIONS) else {}
    published_updates = sorted(str(item.get("article")) for item in updates.values()
                               if str(item.get("article", "")).startswith("published/"))
    counts = {  # snake_case for scripts; the report shows them as words ("raw waiting")
        "raw_waiting": raw_waiting,
        "raw_failed": raw_failed,
        "drafts": len(drafts) - len(revisions),
        "drafts_invalid": len(by_state[INVALID]),
        "source_updated": len(by_state[SOURCE_UPDATED]) + len(published_updates),
        "possible_duplicates": len(by_state[POSSIBLE_DUPLICATE]),
        "awaiting_review": len(by_state[AWAITING]) + len(by_state[VOID]),
        "rejected": len(by_state[REJECTED_STATE]),
        "approved": len(by_state[READY]),
        "scheduled": len(by_state[SCHEDULED]),
        "published": len(workspace.published_files()),
    }
    if revisions:  # corrections of published articles, waiting beside them
        counts["revisions"] = len(revisions)
    if interrupted:
        counts["interrupted_moves"] = len(interrupted)
    actions = []
    if interrupted:
        actions.append(f"pipeline promote (or run) finishes {len(interrupted)} move(s) a killed run cut short")
    if raw_waiting:
        actions.append(f"pipeline ingest ({raw_waiting} new raw file(s))")
    if raw_failed:
        shown = ", ".join(bad[:3]) + (f" and {raw_failed - 3} more" if raw_failed > 3 else "")
        actions.append(f"fix {raw_failed} raw file(s) that failed ({shown}), or set them aside: "
                       "pipeline ingest --skip FILE")
    if by_state[SOURCE_UPDATED]:
        named = [d.rel for d in by_state[SOURCE_UPDATED]]
        shown = ", ".join(named[:3]) + (f" and {len(named) - 3} more" if len(named) > 3 else "")
        actions.append(f"source updated for {len(named)} article(s) ({shown}): compare with updates/, then "
                       "pipeline take-update NAME or pipeline dismiss-update NAME")
    if published_updates:
        shown = ", ".join(published_updates[:3]) + (f" and {len(published_updates) - 3} more"
                                                    if len(published_updates) > 3 else "")
        actions.append(f"source updated for {len(published_updates)} published article(s) ({shown}): "
                       "pipeline revise NAME makes it a revision to approve, or pipeline dismiss-update NAME")
    for revision in by_state[STALE_REVISION][:3]:
        actions.append(f"{revision.rel}: {revision.blocks}")
    for draft in by_state[POSSIBLE_DUPLICATE][:3]:  # each names both articles
        actions.append(f"{draft.rel}: {draft.blocks}")
    if len(by_state[POSSIBLE_DUPLICATE]) > 3:
        actions.append(f"and {len(by_state[POSSIBLE_DUPLICATE]) - 3} more possible duplicate(s): pipeline review")
    uncounted = [d.rel for d in drafts if d.past and any("does not count" in note for note in d.past)]
    if uncounted:
        shown = ", ".join(uncounted[:3]) + (f" and {len(uncounted) - 3} more" if len(uncounted) > 3 else "")
        actions.append(f"decisions on {len(uncounted)} draft(s) do not count ({shown}): pipeline review says why")
    held = workspace.journal_policy.held
    if held:
        names = sorted(held)
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        actions.append(f"{len(names)} article(s) held from promotion ({shown}): {held[names[0]]}")
    unwritten = _unwitnessed(workspace, entries, journal.lines, drafts) if may_hold(journal_actions, DECIDED) else []
    if unwritten:
        names = sorted({str(entry.get("article", "")) for entry in unwritten})
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        actions.append(f"decisions on {len(names)} draft(s) were written by no operating-system user through the "
                       f"pipeline ({shown}): put into the journal by hand? pipeline history shows them")
    trust = None
    if workspace.journal_policy.git is not None:  # (a workspace in a git work tree: the team's modules only then)
        from pipeline.store.team import trust_of

        trust = trust_of(workspace)
    signers = trust.notes if trust is not None else []
    actions += [f"signers: {note}" for note in signers]
    if by_state[INVALID]:
        actions.append(f"fix {len(by_state[INVALID])} invalid draft(s): pipeline review shows what blocks each")
    if by_state[AWAITING] or by_state[VOID]:
        void = f", {len(by_state[VOID])} edited after approval" if by_state[VOID] else ""
        actions.append(f"review {counts['awaiting_review']} draft(s){void}: pipeline review, "
                       "then pipeline approve DRAFT or pipeline reject DRAFT --reason TEXT")
    if by_state[REJECTED_STATE]:
        actions.append(f"rework {len(by_state[REJECTED_STATE])} rejected draft(s): pipeline review shows the reasons")
    if by_state[READY]:
        actions.append(f"pipeline promote ({len(by_state[READY])} approved draft(s) ready)")
    if by_state[SCHEDULED]:
        first = min(by_state[SCHEDULED], key=lambda d: aware_moment(d.date) or datetime.max.replace(tzinfo=UTC)).date
        actions.append(f"{len(by_state[SCHEDULED])} scheduled: pipeline run promotes each when its date comes "
                       f"(first: {first})")
    return {"workspace": str(workspace.root), "counts": counts, "next": actions, "raw_failed": bad,
            "published_updated": published_updates, **({"signers": signers} if signers else {}),
            **({"held": dict(sorted(held.items()))} if held else {}),
            **({"unwitnessed": [{key: entry.get(key, "") for key in ("time", "action", "article", "by", "os_user")}
                                for entry in unwritten]} if unwritten else {}),
            **({"drafts": [{"draft": d.rel, "state": d.state, "reason": d.blocks, "blocks": blocks_of(d),
                            "past": list(d.past)} for d in drafts]} if rows else {})}


def _unwitnessed(workspace: Workspace, entries: list[dict[str, Any]], lines: list[bytes],
                 drafts: list[DraftState]) -> list[dict[str, Any]]:
    """Outside git: decisions on the drafts waiting that no file of the operating-system user they
    name says that user wrote (in git, commits say who wrote what)."""
    if workspace.journal_policy.git is not None:
        return []
    from pipeline.store.journal import names_of
    from pipeline.store.witness import unwitnessed

    found = unwitnessed(workspace.state, entries, lines)
    if not found:  # (no set of ten thousand drafts' names made for nothing)
        return []
    names = {d.name for d in drafts}
    return [entry for entry in found if names_of(entry) & names]


def blocks_of(draft: DraftState) -> list[dict[str, Any]]:
    """What stops a draft, as data: each validation error (code, field, line, message), else the
    state's own reason (awaiting review, approval void, rejected, scheduled); nothing when approved."""
    if draft.errors:
        return [{"code": p.code, "field": p.field, "line": p.line, "message": p.message} for p in draft.errors]
    if draft.state == READY:
        return []
    return [{"code": str(draft.state).replace(" ", "-"), "field": "", "line": None, "message": draft.blocks}]
