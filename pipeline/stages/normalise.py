"""The normalise stage: every draft (or the files named) put in canonical form (``model.canonical``).

Only files that change are written, atomically, and each is journalled; a draft found canonical is
not read again while its stamp holds. A file is replaced only while it still holds the bytes its new
text was made from: a save an editor made meanwhile is never written over (the file is skipped).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pipeline.model.canonical import NormalisedText, NormaliseStatus, normalise_text
from pipeline.model.config import Config
from pipeline.store.journal import Action, Journal, entry

if TYPE_CHECKING:
    from pipeline.store.paths import RawFile
    from pipeline.store.workspace import Workspace


@dataclass(frozen=True, init=False)
class NormaliseOutcome:
    draft: str
    status: NormaliseStatus
    changes: tuple[str, ...] = ()
    reason: str = ""
    text: str = field(default="", compare=False, repr=False)  # the new text, on its way to the disk
    read: str = field(default="", compare=False, repr=False)  # sha256 of the bytes it was made from

    def __init__(self, draft: str, status: NormaliseStatus, changes: tuple[str, ...] = (), reason: str = "",
                 text: str = "", read: str = "") -> None:
        # Frozen all the same, set in one step: a run makes two for each of ten thousand drafts, and a frozen
        # dataclass's own __init__ sets each field by a call
        self.__dict__.update(draft=draft, status=status, changes=changes, reason=reason, text=text, read=read)

    def as_dict(self) -> dict[str, Any]:
        return {"draft": self.draft, "status": self.status, "changes": list(self.changes), "reason": self.reason}

    @property
    def failed(self) -> bool:
        return self.status in (NormaliseStatus.UNREADABLE, NormaliseStatus.SKIPPED)


def normalise_files(workspace: Workspace, config: Config, paths: Sequence[Path] | None, moment: datetime,
                    check: bool = False, journal: Journal | None = None,
                    listing: Sequence[RawFile] | None = None) -> list[NormaliseOutcome]:
    """Every draft (or the files named) in canonical form; only changed files are written (atomically)
    and journalled. With check, nothing is written: changed files come back as 'would change'.
    ``listing``: drafts/ as the caller has just listed it (a run lists it once for every stage)."""
    from pipeline.store import progress
    from pipeline.store.runner import CacheUse, PerFile, run_per_file

    journal = journal or Journal(workspace)
    # The listing of drafts/ never follows a link into a folder and flags links that lead out, so
    # one look at drafts/ itself stands for every file in it; files named are each looked at.
    drafts_inside = not paths and workspace.inside(workspace.drafts)

    def listed(item: RawFile) -> NormaliseOutcome | None:
        if item.problem is not None:
            return NormaliseOutcome(item.rel, NormaliseStatus.UNREADABLE, reason=item.problem)
        if not check and not (workspace.inside(item.path) if paths else drafts_inside):
            return NormaliseOutcome(item.rel, NormaliseStatus.SKIPPED, reason="is outside the workspace: not changed")
        return None

    def compute(rel: str, data: bytes) -> Made | str:
        try:
            result = normalise_text(data.decode("utf-8"), config, rel)
        except UnicodeDecodeError:
            return "is not UTF-8 text"
        # A changed file is replaced only while it still holds the bytes its new text was made from.
        return Made(result, hashlib.sha256(data).hexdigest() if result.status == NormaliseStatus.CHANGED else "")

    # A draft found canonical (or not to be normalised, and why) is not read again while its stamp holds.
    job: PerFile[Made | str, NormaliseOutcome] = PerFile(
        compute=compute, unreadable=lambda rel, error: f"cannot be read ({error.strerror})",
        result=lambda came: _outcome("", came), cached=_cached, from_cache=_from_cache, listed=listed)
    # --check changes nothing at all, not even the cache
    cache_use = CacheUse(NORMALISE_CACHE, config.fingerprint(), save=not check, some_files_only=bool(paths))
    outcomes = []
    told = progress.watched()  # asked once, not for each of ten thousand drafts
    files = workspace.article_files(paths, workspace.drafts) if listing is None else listing
    for item, outcome in run_per_file(workspace, files, job, cache_use):
        status, changes, reason = outcome.status, outcome.changes, outcome.reason
        if status == NormaliseStatus.CHANGED and check:
            status = NormaliseStatus.WOULD_CHANGE
        elif status == NormaliseStatus.CHANGED:
            if workspace.replace_if_unchanged(item.path, outcome.text, outcome.read):
                journal.append([entry(moment, Action.NORMALISED, item.rel, changes=list(changes))])
            else:  # an editor saved while it was worked on: their text stays, normalised next time
                status, changes, reason = NormaliseStatus.SKIPPED, (), CHANGED_MEANWHILE
        # one outcome made for each file (no copies of it: ten thousand are listed), its text let go
        outcomes.append(NormaliseOutcome(item.rel, status, changes, reason, read=outcome.read))
        if told:
            progress.done("normalise", outcomes[-1])  # decided, written and journalled: its line may be shown
    return outcomes


class Made(NamedTuple):
    """What a worker makes of a file: its canonical text, and the sha256 of the bytes it was made from."""

    result: NormalisedText
    read: str


def _outcome(rel: str, came: Made | str) -> NormaliseOutcome:
    if isinstance(came, str):  # the file could not be read: tried again next time
        return NormaliseOutcome(rel, NormaliseStatus.UNREADABLE, reason=came)
    made = came.result
    if made.status == NormaliseStatus.CHANGED:
        return NormaliseOutcome(rel, NormaliseStatus.CHANGED, made.changes, text=made.text, read=came.read)
    return NormaliseOutcome(rel, made.status, reason=made.problem)


def _cached(came: Made | str) -> list[str] | None:
    """A file left as it is is cached with why; a file changed or not read is not."""
    if isinstance(came, str) or came.result.status == NormaliseStatus.CHANGED:
        return None
    return [came.result.status, came.result.problem]


def _from_cache(known: Any) -> NormaliseOutcome:
    status = _CACHED_STATUS.get(known[0]) if isinstance(known, list) and len(known) == 2 else None
    if status is None:
        raise ValueError("not a normalise entry")
    return NormaliseOutcome("", status, reason=str(known[1]))


# What a cached entry may say, looked up by its text (calling the enum on each of ten thousand cost more)
_CACHED_STATUS = {str(status): status for status in (NormaliseStatus.UNCHANGED, NormaliseStatus.SKIPPED,
                                                       NormaliseStatus.UNREADABLE)}


NORMALISE_CACHE = "normalise-drafts.json"
CHANGED_MEANWHILE = "changed while it was being normalised (saved by an editor?): left as it is; normalise again"
