"""What waits beside an article for an editor, as the journal says: a re-scraped source's update (take
or dismiss it) and a possible-duplicate mark (merge or dismiss it).

Pure readings of journal entries, shared by what makes them (``updates``, ``duplicates``, ``revisions``),
what reports them (``assess``, ``status``) and what must not move past them (``rename``); and the other readings
``status`` makes of the journal: why a revision waits (``revision_blocks``) and the moves a killed run left open
(``pending_moves``). Here, not beside what makes revisions and moves, so that a ``status`` imports none of that.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import repeat
from typing import Any

from pipeline.store.journal import DONE, Action, article_name

# An update's life: waiting, then taken, dismissed, replaced by a refresh or taken into a revision.
UPDATE_ACTIONS = (Action.UPDATE_WAITING, Action.UPDATE_TAKEN, Action.UPDATE_DISMISSED, Action.REFRESHED,
                   Action.REVISION_MADE)
_DUPLICATE_CLOSING = (Action.DUPLICATE_DISMISSED, Action.DUPLICATE_MERGED)


def actions_in(entries: Sequence[dict[str, Any]]) -> frozenset[Any] | None:
    """Every action the entries hold (their "action" values), found in one pass in C: a reader that looks for some
    actions need look at no entry when none of them is there (a journal of ingestions alone holds one action). None
    when an action is a value that cannot be hashed (a list or a mapping put in by hand): then each reader looks at
    every entry, as it always does."""
    try:
        return frozenset(map(dict.get, entries, repeat("action")))
    except TypeError:
        return None


def may_hold(actions: frozenset[Any] | None, wanted: Iterable[str]) -> bool:
    """Whether entries whose actions are ``actions`` (``actions_in``'s answer) may hold one of ``wanted``: a JSON value
    equal to an action's text is that text, hashed alike, so the set says what comparing each entry's action says."""
    return actions is None or not actions.isdisjoint(wanted)


def waiting_updates(entries: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every update waiting for an editor (its journal entry), by article name: none for an article
    whose last update an editor took or dismissed, that a later refresh replaced, or that a revision
    of the published article took in."""
    latest: dict[str, dict[str, Any]] = {}
    for item in entries:
        if item.get("action") in UPDATE_ACTIONS and isinstance(item.get("article"), str):
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


def is_revision(rel: str) -> bool:
    return rel[:10] == "revisions/"  # (rel.startswith("revisions/"): a slice compared costs less, twice a draft)


def revision_blocks(name: str, history: Sequence[dict[str, Any]]) -> str:
    """Pure: why the revision of article NAME cannot be approved or promoted (one line), or ''."""
    made = last_made(history)
    if made is None:
        return (f"revisions/{name}.md was not made by pipeline revise (the journal has no record of it): move it "
                f"away, then pipeline revise {name}")
    after = history[made[0] + 1:]
    again = f"remove revisions/{name}.md, then pipeline revise {name} to start again"
    for item in after:
        action = item.get("action")
        if action in (Action.UNPUBLISHING, Action.UNPUBLISHED):
            return (f"published/{name}.md was unpublished after this revision was made: only a published article "
                    f"is revised (the draft is drafts/{name}.md); remove revisions/{name}.md")
        if action in (Action.PROMOTED, Action.REVISED):
            return f"published/{name}.md was published again after this revision was made: {again}"
    update = waiting_updates(after).get(name)
    if update is not None:
        return (f"its source was updated again after this revision was made ({update.get('update')} waits): "
                f"pipeline dismiss-update {name} keeps this revision; or {again} from the new source")
    return ""


def last_made(history: Sequence[dict[str, Any]]) -> tuple[int, dict[str, Any]] | None:
    """The journal entry that made the revision now there (its place in history), or None."""
    for position in range(len(history) - 1, -1, -1):
        if history[position].get("action") == Action.REVISION_MADE:
            return position, history[position]
    return None


# --- unfinished moves -----------------------------------------------------------------------


def pending_moves(entries: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Move intents with no entry after them that closes them, in journal order."""
    open_moves: dict[tuple[str, str], dict[str, Any]] = {}
    for item in entries:  # (the names made into a key only for an entry of a move: one in a thousand)
        action = item.get("action")
        if action in DONE:
            open_moves[_move_key(item)] = item
        elif action in _CLOSING:
            open_moves.pop(_move_key(item), None)
    return list(open_moves.values())


def _move_key(item: dict[str, Any]) -> tuple[str, str]:
    return str(item.get("from", "")), str(item.get("article", ""))


# What closes a move: its done action, or its abandoning. A tuple, compared as the journal's value is (never hashed).
_CLOSING = (*DONE.values(), Action.MOVE_ABANDONED)
