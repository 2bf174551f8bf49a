"""The journal as a person reads it: entries made alike, an article followed across its names.

Every decision and move is one JSON line in ``.pipeline/journal.jsonl`` (see state_files.py):
``{"time": ..., "action": ..., "article": "drafts/x.md", ...}``. An article keeps its file name when
it moves between ``drafts/`` and ``published/``, so its *name* (the path inside either folder,
without ``.md``) follows it through its whole life; a rename (``renamed``, from the old name to the
new) carries its history over to the new name.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pipeline.model.moments import format_rfc3339

if TYPE_CHECKING:
    from pipeline.store.workspace import Workspace

# revisions/ holds a published article's correction under the article's own name.
FOLDERS = ("drafts/", "published/", "revisions/")


class Action(StrEnum):
    """Every action the journal records; the values are what the file says."""

    INGESTING = "ingesting"  # intent: a file of several items, its drafts' names, before any is written
    INGESTED = "ingested"
    INGEST_FAILED = "ingest-failed"
    SET_ASIDE = "set-aside"  # a raw file that failed, no longer reported until its bytes change
    REFRESHED = "refreshed"  # an untouched draft rewritten from its re-scraped source
    UPDATE_WAITING = "update-waiting"  # a re-scraped source of an edited or published article, kept beside it
    UPDATE_TAKEN = "update-taken"  # an editor took the waiting update as the draft
    UPDATE_DISMISSED = "update-dismissed"  # an editor kept the article as it is
    RESCRAPED = "rescraped"  # the source read again with nothing new for its article
    DUPLICATE_DISMISSED = "duplicate-dismissed"  # an editor: a possible duplicate is an article of its own
    DUPLICATE_MERGED = "duplicate-merged"  # an editor: it is the other article's update, and waits beside it
    NORMALISED = "normalised"
    COVER_SET = "cover-set"  # a cover picked from the photo library written into a draft
    APPROVED = "approved"
    REJECTED = "rejected"
    PROMOTING = "promoting"  # intent: written before the move, so a killed move is finished or undone
    PROMOTED = "promoted"
    UNPUBLISHING = "unpublishing"
    UNPUBLISHED = "unpublished"
    MOVE_ABANDONED = "move-abandoned"
    RENAMING = "renaming"  # intent: a new file name for an article, journalled before the move
    RENAMED = "renamed"
    REVISION_MADE = "revision-made"  # a revision of a published article put in revisions/ (by hand or from its source)
    REVISING = "revising"  # intent: a revision about to replace its published article
    REVISED = "revised"  # the revision is the published article now (the earlier text kept as `replaced`)


# A new life of an article starts with no decisions.
NEW_LIFE = (Action.INGESTED, Action.PROMOTED, Action.UNPUBLISHED, Action.REVISED)
# A move's intent and the action that records it done.
DONE = {Action.PROMOTING: Action.PROMOTED, Action.UNPUBLISHING: Action.UNPUBLISHED, Action.RENAMING: Action.RENAMED,
        Action.REVISING: Action.REVISED}
# Fields shown as the detail of an entry in history, in this order.
DETAIL_FIELDS = ("by", "actor", "note", "reason", "source", "update", "from", "duplicate_of", "hash", "changes",
                 "replaced", "recovered")
# How a field is named in history: who ran an action apart from who approved what it moved.
_LABELS = {"actor": "run by", "replaced": "earlier text"}
_MOVES = (Action.PROMOTING, Action.PROMOTED, Action.REVISING, Action.REVISED)


def entry(moment: datetime, action: Action, article: str, **fields: Any) -> dict[str, Any]:
    """A journal entry: time, action and article first, so the raw file reads well too. Empty fields
    are left out (an entry about a raw file that made no article has no article)."""
    made = {"time": format_rfc3339(moment), "action": str(action)}
    if article:
        made["article"] = article
    return {**made, **{key: value for key, value in fields.items() if value not in (None, "", [])}}


def done_entry(intent: dict[str, Any], moment: datetime, **more: Any) -> dict[str, Any]:
    """The entry that records a move's intent as done: the intent's fields, the done action, the time now."""
    return {**intent, "action": str(DONE[Action(str(intent["action"]))]), "time": format_rfc3339(moment), **more}


class Journal:
    """The journal of one command: read at most once, and kept in step with what the command appends
    (each entry written at once, as ``Workspace.append_journal`` does, and as it will read back)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._entries: list[dict[str, Any]] | None = None

    @property
    def entries(self) -> list[dict[str, Any]]:
        if self._entries is None:
            self._entries, _ = self.workspace.read_journal()
        return self._entries

    def append(self, entries: list[dict[str, Any]]) -> bytes:
        """The entries appended; the lines written, as written."""
        written = self.workspace.append_journal(entries)
        if self._entries is not None:
            self._entries.extend(json.loads(json.dumps(item, ensure_ascii=False)) for item in entries)
        return written


# Each folder and its length: a slice compared costs less than str.startswith, whose arguments are parsed on
# every call (status and validate name ten thousand drafts a run)
_FOLDER_SIZES = tuple((folder, len(folder)) for folder in FOLDERS)


def article_name(rel: str) -> str:
    """The name an article keeps across drafts/ and published/: 'drafts/a/x.md' -> 'a/x'."""
    for folder, size in _FOLDER_SIZES:
        if rel[:size] == folder:
            rel = rel[size:]
            break
    return rel[:-3] if rel[-3:] == ".md" else rel


def names_of(item: dict[str, Any]) -> set[str]:
    """The article names an entry is about (a move names both its ends)."""
    found = set()
    for key in ("article", "from"):
        value = item.get(key)
        if isinstance(value, str) and value.startswith(FOLDERS):
            found.add(article_name(value))
    return found


def add_to_lives(lives: dict[str, list[dict[str, Any]]], item: dict[str, Any]) -> None:
    """One entry into the histories by article name: a rename gives the new name the old one's history
    (the old name keeps it too, ending with where the article went)."""
    if item.get("action") == Action.RENAMED:
        old, new = (article_name(str(item.get(key, ""))) for key in ("from", "article"))
        lives[old] = [*lives.get(old, []), item]
        lives[new] = list(lives[old])
        return
    for name in names_of(item):
        lives.setdefault(name, []).append(item)


# (an enum's member looked up on its class costs several times a module's name: asked of every entry)
_RENAMED = Action.RENAMED
_FOLDER_NAMES = frozenset(folder[:-1] for folder in FOLDERS)  # 'drafts', 'published', 'revisions'


def lives_of(entries: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Every article's history by its name, followed across its renames, in journal order."""
    lives: dict[str, list[dict[str, Any]]] = {}
    for item in entries:
        # Most entries name one article and come from nowhere (an ingestion, a decision): added here, as
        # add_to_lives adds them, without a set of names made for each of ten thousand.
        article = item.get("article")
        if "from" not in item and article.__class__ is str and item.get("action") != _RENAMED:
            # (its folder told by the text before its first slash, one call in C: the name is then the rest, as
            # article_name makes it, without the folders tried in turn by slices a second time)
            folder, slash, rest = article.partition("/")
            if slash and folder in _FOLDER_NAMES:
                name = rest[:-3] if rest[-3:] == ".md" else rest
                life = lives.get(name)
                if life is None:
                    lives[name] = [item]
                else:
                    life.append(item)
            continue
        add_to_lives(lives, item)
    return lives


def about(entries: Iterable[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    """The entries about one article, by name, across its earlier names, in journal order."""
    return lives_of(entries).get(name, [])


def short_hash(value: Any) -> str:
    return value[:12] if isinstance(value, str) else ""


def history_rows(entries: Sequence[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    """(time, action, article, detail) for each entry; detail is 'key: value' pairs a person reads."""
    rows = []
    for item in entries:
        details = []
        for key in DETAIL_FIELDS:
            value = item.get(key)
            if value in (None, "", [], False):
                continue
            if key in ("hash", "replaced"):
                value = short_hash(value)
            elif isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            elif value is True:
                value = "yes"
            label = "approved by" if key == "by" and item.get("action") in _MOVES else _LABELS.get(key, key)
            details.append(f"{label}: {value}")
        rows.append((str(item.get("time", "")), str(item.get("action", "")), str(item.get("article", "")),
                     "; ".join(details)))
    return rows
