"""What waits beside an article for an editor, as the journal says: a re-scraped source's update (take
or dismiss it) and a possible-duplicate mark (merge or dismiss it).

Pure readings of journal entries, shared by what makes them (``updates``, ``duplicates``, ``revisions``),
what reports them (``assess``, ``status``) and what must not move past them (``rename``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.store.journal import Action, article_name

# An update's life: waiting, then taken, dismissed, replaced by a refresh or taken into a revision.
_UPDATE_ACTIONS = (Action.UPDATE_WAITING, Action.UPDATE_TAKEN, Action.UPDATE_DISMISSED, Action.REFRESHED,
                   Action.REVISION_MADE)
_DUPLICATE_CLOSING = (Action.DUPLICATE_DISMISSED, Action.DUPLICATE_MERGED)


def waiting_updates(entries: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every update waiting for an editor (its journal entry), by article name: none for an article
    whose last update an editor took or dismissed, that a later refresh replaced, or that a revision
    of the published article took in."""
    latest: dict[str, dict[str, Any]] = {}
    for item in entries:
        if item.get("action") in _UPDATE_ACTIONS and isinstance(item.get("article"), str):
            latest[article_name(item["article"])] = item
    return {name: item for name, item in latest.items() if item.get("action") == Action.UPDATE_WAITING}


def open_duplicates(entries: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The ingested entry of every draft still marked as a possible duplicate, by article name: its
    latest ingestion named another article, and no editor has dismissed or merged it since."""
    latest: dict[str, dict[str, Any]] = {}
    for item in entries:
        article = item.get("article")
        if isinstance(article, str) and (item.get("action") == Action.INGESTED
                                         or item.get("action") in _DUPLICATE_CLOSING):
            latest[article_name(article)] = item
    return {name: item for name, item in latest.items()
            if item.get("action") == Action.INGESTED and isinstance(item.get("duplicate_of"), str)}


def duplicate_blocks(name: str, marked: dict[str, Any]) -> str:
    """What a possible duplicate waits for, naming both articles."""
    other = str(marked.get("duplicate_of"))
    how = f" ({marked['reason']})" if isinstance(marked.get("reason"), str) else ""
    return (f"possible duplicate of {other}{how}: pipeline dismiss-duplicate {name} if they are two articles, "
            f"or merge-duplicate {name} to make it an update of {other}")
