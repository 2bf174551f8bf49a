"""Possible duplicates: a draft whose text is nearly an earlier article's, and what an editor decides.

Ingest never takes a text match alone for the same article (``updates``): such an item becomes a draft
of its own, and its ``ingested`` journal entry names the article it resembles (``duplicate_of``). The
draft waits, in the state "possible duplicate", until an editor says either

- dismiss: they are two articles (Monday's and Tuesday's report): the draft goes on to review;
- merge: it is the other article, re-scraped: its text waits beside that article in ``updates/`` as
  any update does (``take-update`` or ``dismiss-update`` it there), and the draft is removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.stages.updates import UpdateOutcome
from pipeline.stages.waiting import open_duplicates, waiting_updates
from pipeline.store.journal import Action, Journal, article_name, entry
from pipeline.store.workspace import Workspace


def decide_duplicate(workspace: Workspace, journal: Journal, moment: datetime, target: Path, merge: bool,
                     entries: Sequence[dict[str, Any]]) -> UpdateOutcome:
    """Dismiss the mark (the draft is an article of its own) or merge the draft into the article it
    resembles (its text waits beside that one as an update; the draft is removed, nothing lost)."""
    rel = workspace.rel(target)
    name = article_name(rel)
    marked = open_duplicates(entries).get(name)
    if marked is None:
        return UpdateOutcome(rel, False, "is not marked as a possible duplicate")
    other = str(marked.get("duplicate_of"))
    if not merge:
        dismissed = entry(moment, Action.DUPLICATE_DISMISSED, rel, duplicate_of=other)
        journal.append([dismissed])
        return UpdateOutcome(rel, True, f"not a duplicate of {other}: it goes on to review as an article of its own",
                             [dismissed])
    if not target.is_relative_to(workspace.drafts):
        return UpdateOutcome(rel, False, "is published: take it down first (pipeline unpublish), or dismiss the mark")
    other_name = article_name(other)
    located = next((folder / f"{other_name}.md" for folder in (workspace.drafts, workspace.published)
                    if workspace.exists(folder / f"{other_name}.md")), None)
    if located is None:
        return UpdateOutcome(rel, False, f"{other} is gone: nothing to merge into; dismiss the mark")
    if other_name in waiting_updates(entries):
        return UpdateOutcome(rel, False, f"an update already waits beside {workspace.rel(located)}: take or "
                                         "dismiss it first, then merge")
    beside = workspace.updates / workspace.rel(located).split("/", 1)[1]
    try:
        # Taken aside first: an editor's save from now on makes a new file of its name, never lost.
        aside = workspace.take_aside(target)
        text = workspace.read_bytes(aside).decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        if workspace.exists(workspace.aside_name(target)):
            workspace.put_back(workspace.aside_name(target), target)
        why = getattr(error, "strerror", None) or "is not UTF-8 text"
        return UpdateOutcome(rel, False, f"cannot be merged ({why})")
    workspace.write_update(beside, text)
    made = [entry(moment, Action.UPDATE_WAITING, workspace.rel(located), update=workspace.rel(beside),
                  source=marked.get("source"), sha256=marked.get("sha256"), item=marked.get("item"),
                  reason=f"merged from {rel}"),
            entry(moment, Action.DUPLICATE_MERGED, rel, duplicate_of=workspace.rel(located),
                  update=workspace.rel(beside))]
    journal.append(made)
    workspace.remove(aside)
    return UpdateOutcome(rel, True, f"merged: its text waits beside {workspace.rel(located)} as "
                                    f"{workspace.rel(beside)}; pipeline take-update {other_name}, or dismiss-update "
                                    f"{other_name}", made)
