"""The review queue the desk shows: every draft's state, kept in memory and brought up to date on each
page, so that ten thousand drafts cost a listing of their stamps, not ten thousand assessments.

A draft's state (``assess.state_of``) follows from its facts (what its text says: cached by its stamp,
as ``pipeline review`` caches them), its journal entries and the clock. The index keeps each draft's
facts and state, and assesses again only what changed: a draft whose stamp changed is read again, a
draft with new journal entries (read from where the journal was read up to) is decided again, and a
draft whose date, publishDate or expiryDate came meanwhile is timed again.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pipeline.model.config import Config
from pipeline.stages.assess import (
    DraftFacts,
    DraftState,
    draft_facts,
    facts_of_drafts,
    facts_of_revisions,
    read_draft,
    state_of,
)
from pipeline.store.collector import collector_paused
from pipeline.store.journal import Action, add_to_lives, article_name
from pipeline.store.stamps import file_stamp, journal_digest, markdown_stamps
from pipeline.store.workspace import Workspace

Stamp = tuple[int, int, int] | str


@dataclass
class _Known:
    stamp: Stamp
    facts: DraftFacts
    name: str = ""  # the article's name in the journal
    state: DraftState | None = None
    decided_on: int = -1  # how many journal entries of its article the state was decided on
    since: datetime | None = None  # the state holds from this moment ...
    until: datetime | None = None  # ... until this one, when a date of the draft comes (None: for ever)


@dataclass(frozen=True)
class Published:
    """A promotion the journal records: the latest published articles."""

    article: str
    time: str
    by: str


class QueueIndex:
    """Every draft's state, brought up to date on each call; safe to share between the server's threads."""

    def __init__(self, workspace: Workspace, config: Config, jobs: int = 1) -> None:
        self.workspace = workspace
        self.config = config
        self.jobs = jobs
        self._known: dict[str, _Known] = {}
        self._order: list[tuple[str, _Known]] | None = None  # the drafts sorted by name, until one comes or goes
        self._loaded = False
        self._entries: list[dict[str, Any]] = []
        self._histories: dict[str, list[dict[str, Any]]] = {}
        self._offset = 0
        self._journal_stamp: Stamp | None = None
        self._digest = ""  # of the journal's bytes read so far
        self._lock = threading.Lock()

    def states(self, moment: datetime) -> list[DraftState]:
        """The state of every draft now, sorted by name, then of every revision of a published article."""
        # The collector paused: a first call makes every draft's facts and state (a few hundred thousand objects,
        # all kept, none of them garbage), which it looked over again and again as they grew, a third of the call.
        with self._lock, collector_paused():
            self._read_journal()
            if not self._loaded:
                self._load()
            else:
                self._refresh()
            if self._order is None:
                self._order = sorted(self._known.items())
            drafts = [self._state(rel, known, moment) for rel, known in self._order]
            return drafts + self._revisions(moment)

    def published(self, count: int = 10) -> list[Published]:
        """The latest promotions, newest first (as the journal records them)."""
        with self._lock:
            self._read_journal()
            found: list[Published] = []
            for item in reversed(self._entries):
                if item.get("action") == Action.PROMOTED and isinstance(item.get("article"), str):
                    by = item.get("by", "")
                    by = ", ".join(str(name) for name in by) if isinstance(by, list) else str(by)
                    found.append(Published(str(item["article"]), str(item.get("time", "")), by))
                    if len(found) == count:
                        break
            if len(found) < count:  # articles put in published/ otherwise (by hand, before the pipeline): newest first
                listed = {item.article for item in found}
                stamps = markdown_stamps(self.workspace, self.workspace.published)
                others = sorted(((stamp[1], rel) for rel, stamp in stamps.items()
                                 if isinstance(stamp, tuple) and rel not in listed), reverse=True)
                found.extend(Published(rel, "", "") for _mtime, rel in others[:count - len(found)])
            return found

    def history(self, name: str) -> list[dict[str, Any]]:
        """The journal entries about one article (by its name), as the journal holds them now."""
        with self._lock:
            self._read_journal()
            return list(self._histories.get(name, []))

    def forget(self) -> None:
        """Read everything again on the next call (after the desk itself changed the workspace, nothing is
        needed: the stamps and the journal show it; this is for tests and a reload)."""
        with self._lock:
            self._known.clear()
            self._order = None
            self._loaded = False
            self._journal_stamp = None

    # --- keeping up -----------------------------------------------------------------------------

    def _read_journal(self) -> None:
        """New journal entries since the last call; the whole journal again when it was replaced or
        rewritten rather than appended to (what was read before is no longer there byte for byte), or
        when an entry appended does not follow the one before it (put in by hand: a full read marks both)."""
        stamp = file_stamp(self.workspace.journal_path)
        if stamp == self._journal_stamp:
            return
        previous = self._journal_stamp
        appended = (isinstance(stamp, tuple) and isinstance(previous, tuple) and stamp[2] == previous[2]
                    and stamp[0] > previous[0] >= self._offset
                    and journal_digest(self.workspace, self._offset) == self._digest)
        new: list[dict[str, Any]] = []
        if appended:
            new, offset = self.workspace.read_journal(self._offset)
            appended = not any(item.get("unchained") for item in new)
        if appended:
            self._offset = offset
        else:
            new, self._offset = self.workspace.read_journal(0)
            self._entries, self._histories = [], {}
            for known in self._known.values():
                known.decided_on = -1
        self._journal_stamp = stamp
        self._digest = journal_digest(self.workspace, self._offset)
        self._entries.extend(new)
        for item in new:
            add_to_lives(self._histories, item)  # an article's history across its renames

    def _load(self) -> None:
        """The first call: every draft's facts, from the stamp cache where it holds (as pipeline review)."""
        self._known = {}
        for found, facts in facts_of_drafts(self.workspace, self.config, cached=True, jobs=self.jobs):
            stamp: Stamp = found.problem or ("cannot be read" if found.stamp is None else
                                             (found.stamp.size, found.stamp.mtime_ns, found.stamp.inode))
            self._known[found.rel] = _Known(stamp, facts, article_name(found.rel))
        self._loaded = True
        self._order = None

    def _refresh(self) -> None:
        """Drafts added, removed or changed since the last call: read again."""
        stamps = markdown_stamps(self.workspace, self.workspace.drafts)
        for rel in [rel for rel in self._known if rel not in stamps]:
            del self._known[rel]
            self._order = None
        for rel, stamp in stamps.items():
            known = self._known.get(rel)
            if known is None:
                self._known[rel] = _Known(stamp, self._facts(rel, stamp), article_name(rel))
                self._order = None
            elif known.stamp != stamp:  # changed in place: its place in the order stays
                known.stamp, known.facts, known.state = stamp, self._facts(rel, stamp), None

    def _revisions(self, moment: datetime) -> list[DraftState]:
        """Revisions are few: read afresh on every call, as review and promote read them (a link is not read)."""
        return [state_of(found.rel, facts, self._histories.get(article_name(found.rel), []), self.config, moment)
                for found, facts in facts_of_revisions(self.workspace, self.config)]

    def _facts(self, rel: str, stamp: Stamp) -> DraftFacts:
        if isinstance(stamp, str):
            return draft_facts(rel, None, self.config, stamp)
        text, why = read_draft(self.workspace, self.workspace.root / rel)
        return draft_facts(rel, text, self.config, why)

    def _state(self, rel: str, known: _Known, moment: datetime) -> DraftState:
        history = self._histories.get(known.name, [])
        if (known.state is not None and known.decided_on == len(history) and known.since is not None
                and known.since <= moment and (known.until is None or moment < known.until)):
            return known.state
        known.state = state_of(rel, known.facts, history, self.config, moment, known.name)
        known.decided_on = len(history)
        known.since, known.until = moment, known.state.changes_at  # its dates as the clock's rules read them
        return known.state

