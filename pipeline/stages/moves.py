"""A move of an article from one folder to another (promote, unpublish, rename; a revision over its
published article), journalled so that a kill never loses it, and its recovery.

A move never overwrites and never loses an article. Its order is:

1. journal a *move intent*: where from, where to, and the sha256 of both files' bytes;
2. create the new file atomically, only if its name is free (``write_new_atomic``: temporary
   file, fsync, link);
3. remove the old file, but only if its bytes are still those the intent names (an editor's
   later edit is never deleted);
4. journal the move as done.

A run killed anywhere leaves the article whole in one folder or the other, and at worst in both
(between 2 and 3). The next promote, unpublish, rename or run reads the unfinished intents first
(``finish_moves``): when the new file exists with exactly the intended bytes, the move is finished
(step 3 and 4); otherwise it never happened and the intent is closed as abandoned. A takedown
(unpublish) is never abandoned once journalled: a draft never written is written then, and the article
comes off the site. Call every function here with the workspace lock held.

A revision (``promote.promote_revision``) is journalled the same way, but replaces its published article in
one rename instead of creating a file: its page is never offline, and the same recovery finishes or undoes it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from pipeline.model.article import parse_article, render_article
from pipeline.model.errors import ArticleError
from pipeline.model.forms import draft_form
from pipeline.stages.waiting import pending_moves
from pipeline.store.journal import Action, Journal, article_name, done_entry, entry
from pipeline.store.workspace import Workspace


class MoveStatus(StrEnum):
    """What became of a move (with --dry-run: what would)."""

    PROMOTED = "promoted"
    REVISED = "revised"  # a published article replaced by its approved revision
    UNPUBLISHED = "unpublished"
    FINISHED = "finished"  # a move a killed run cut short, now done
    ABANDONED = "abandoned"  # a move a killed run began that never happened, now closed
    REFUSED = "refused"
    FAILED = "failed"
    WOULD_PROMOTE = "would promote"
    WOULD_UNPUBLISH = "would unpublish"
    WOULD_FINISH = "would finish"
    WOULD_ABANDON = "would abandon"
    RENAMED = "renamed"
    WOULD_RENAME = "would rename"
    UNCHANGED = "unchanged"  # a rename to the name it has


@dataclass(frozen=True)
class MoveOutcome:
    """What became of one article a move was asked for."""

    article: str  # where the article was
    status: MoveStatus
    target: str = ""  # where it went (or would go)
    detail: str = ""

    @property
    def failed(self) -> bool:
        return self.status in (MoveStatus.REFUSED, MoveStatus.FAILED)

    def as_dict(self) -> dict[str, str]:
        return {"article": self.article, "status": self.status, "target": self.target, "detail": self.detail}


def file_sha(workspace: Workspace, path: Path) -> str | None:
    """sha256 of a file's bytes, or None when there is no such file (or it cannot be read)."""
    try:
        return hashlib.sha256(workspace.read_bytes(path)).hexdigest()
    except OSError:
        return None


# --- unfinished moves -----------------------------------------------------------------------


def finish_moves(workspace: Workspace, moment: datetime, dry_run: bool = False,
                 journal: Journal | None = None) -> list[MoveOutcome]:
    """Finish or close every move a killed run left open (see the module's docstring)."""
    journal = journal or Journal(workspace)
    outcomes = []
    for intent in pending_moves(journal.entries):
        source_rel, target_rel = str(intent.get("from", "")), str(intent.get("article", ""))
        source, target = workspace.root / source_rel, workspace.root / target_rel
        aside = workspace.aside_name(source)
        made = file_sha(workspace, target)
        # A takedown must finish: its draft, made and then edited by someone, still means it was made;
        # and a draft never made is made now, from the article (aside, or not yet taken aside).
        takedown = intent.get("action") == Action.UNPUBLISHING
        if takedown and made is None and (workspace.exists(aside) or workspace.exists(source)):
            if dry_run:
                outcomes.append(MoveOutcome(source_rel, MoveStatus.WOULD_FINISH, target_rel, "a takedown cut short"))
                continue
            detail = _finish_takedown(workspace, journal.entries, source, target, aside)
            journal.append([done_entry(intent, moment, recovered=True)])
            outcomes.append(MoveOutcome(source_rel, MoveStatus.FINISHED, target_rel, detail))
            continue
        if made == intent.get("sha256") or (takedown and made is not None):
            if dry_run:
                outcomes.append(MoveOutcome(source_rel, MoveStatus.WOULD_FINISH, target_rel, "a move cut short"))
                continue
            detail = ""
            if workspace.exists(aside):  # the article taken aside for the move: it has moved
                detail = remove_source(workspace, aside, intent.get("from_sha256"), shown=source)
            if workspace.exists(source) and not detail:
                detail = remove_source(workspace, source, intent.get("from_sha256"))
            journal.append([done_entry(intent, moment, recovered=True)])
            outcomes.append(MoveOutcome(source_rel, MoveStatus.FINISHED, target_rel,
                                        detail or "a move cut short, now done"))
        else:
            # The new file was never made (or is not ours): the article goes back where it was.
            if dry_run:
                outcomes.append(MoveOutcome(source_rel, MoveStatus.WOULD_ABANDON, target_rel,
                                            "a move that never happened"))
                continue
            detail = "a move that never happened"
            if workspace.exists(aside):
                back = workspace.put_back(aside, source)
                if back != source:
                    detail += f"; an edit saved meanwhile is {source_rel}, the article is back as {workspace.rel(back)}"
            journal.append([entry(moment, Action.MOVE_ABANDONED, target_rel, **{"from": source_rel},
                                            reason="the new file was never made")])
            outcomes.append(MoveOutcome(source_rel, MoveStatus.ABANDONED, target_rel, detail))
    return outcomes


def _finish_takedown(workspace: Workspace, entries: Sequence[dict[str, Any]], source: Path, target: Path,
                     aside: Path) -> str:
    """The draft of a takedown a kill cut short before it was written, made now from the article as
    it is (aside, or still in published/, then taken aside first), and the article taken off the site.
    An article whose front matter no longer reads goes to drafts/ byte for byte."""
    held = aside if workspace.exists(aside) else workspace.take_aside(source)
    try:
        article = parse_article(workspace.read_bytes(held).decode("utf-8"), workspace.rel(source))
    except (UnicodeDecodeError, ArticleError):
        moved = workspace.put_back(held, target)
        return (f"a takedown cut short, now done (its front matter cannot be read: {workspace.rel(moved)} "
                "holds it as it was)")
    text = render_article(draft_form(article, restored_keys(entries, article_name(workspace.rel(source)))))
    if not workspace.write_new_atomic(target, text, like=held):
        moved = workspace.put_back(held, target)  # a file of the draft's name appeared: kept, beside it
        return f"a takedown cut short, now done: {workspace.rel(moved)} holds the article"
    workspace.remove(held)
    return "a takedown cut short, now done"


# --- a move, step by step -------------------------------------------------------------------


def remove_source(workspace: Workspace, source: Path, expected_sha: Any, shown: Path | None = None) -> str:
    """Remove the old file of a move if it is still what was moved; why it was kept, or ''. An old
    file found aside that is not what was moved is put back under its name (`shown`)."""
    current = file_sha(workspace, source)
    if current is None:
        return ""
    if current != expected_sha:
        if shown is not None:
            source = workspace.put_back(source, shown)
        return f"{workspace.rel(source)} was edited during the move and is kept as it is"
    workspace.remove(source)
    return ""


def begin_move(workspace: Workspace, journal: Journal, moment: datetime, intent: dict[str, Any], source: Path,
               source_rel: str, target_rel: str) -> tuple[Path | None, Callable[..., MoveOutcome],
                                                          MoveOutcome | None]:
    """Steps 1 and 2 of a move (a promote's, a revision's): the intent journalled, then the article taken
    out of editors' way and compared, so what is compared is what moves, and a save made from now on lands
    on a new file of its name, never lost. (the file aside, how to abandon the move, None) when it goes
    on; (None, abandon, the outcome) when it was abandoned."""
    journal.append([intent])

    def abandon(why: str, status: MoveStatus = MoveStatus.FAILED) -> MoveOutcome:
        journal.append([entry(moment, Action.MOVE_ABANDONED, target_rel, **{"from": source_rel}, reason=why)])
        return MoveOutcome(source_rel, status, target_rel, why)

    try:
        aside = workspace.take_aside(source)
    except OSError as error:
        return None, abandon, abandon(f"cannot move {source_rel} ({error.strerror}): its folder must be writable")
    if file_sha(workspace, aside) != intent.get("from_sha256"):
        back = workspace.put_back(aside, source)
        return None, abandon, abandon(f"{workspace.rel(back)} changed while it was being checked: run the command "
                                      "again", MoveStatus.REFUSED)
    return aside, abandon, None


def make_move(workspace: Workspace, journal: Journal, moment: datetime, intent: dict[str, Any], source: Path,
              target: Path, text: str, done_status: MoveStatus) -> MoveOutcome:
    """Steps 1 to 4 of a move (see the module's docstring)."""
    source_rel, target_rel = workspace.rel(source), workspace.rel(target)
    aside, abandon, refused = begin_move(workspace, journal, moment, intent, source, source_rel, target_rel)
    if aside is None:
        assert refused is not None
        return refused
    try:
        created = workspace.write_new_atomic(target, text, like=aside)  # keeps the article's mode
    except OSError as error:
        created = False
        why = f"cannot write {target_rel} ({error.strerror})"
    else:
        why = f"{target_rel} appeared meanwhile; nothing was overwritten"
    if not created:
        workspace.put_back(aside, source)
        return abandon(why)
    # An editor who saved in place in the instant after the comparison wrote into the article aside:
    # their text becomes a draft again beside what was moved, never removed with it.
    kept = remove_source(workspace, aside, intent.get("from_sha256"), shown=source)
    journal.append([done_entry(intent, moment)])
    return MoveOutcome(source_rel, done_status, target_rel, kept)


def restored_keys(entries: Sequence[dict[str, Any]], name: str) -> dict[str, Any]:
    """The pipeline's own keys an article had as a draft, from the journal of its last promote."""
    for item in reversed(entries):
        moved = item.get("action") in (Action.PROMOTING, Action.PROMOTED, Action.REVISING, Action.REVISED)
        if moved and article_name(str(item.get("article", ""))) == name:
            dropped = item.get("dropped")
            return dropped if isinstance(dropped, dict) else {}
    return {}
