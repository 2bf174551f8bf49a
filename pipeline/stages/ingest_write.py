"""What ingest writes: a parsed raw file's drafts, each journalled, or its failure recorded; and the
outcome of each raw file (``IngestOutcome``).

A draft is never written over another file. A file of several items (JSON Lines) gives all its drafts
or none, and a run stopped half-way is finished by the next: the drafts it journalled are kept, one it
wrote but did not journal is found by its name and provenance, and only the rest are written. An item
that updates an article ingested before refreshes it or waits beside it (``updates``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.model.article import render_article, sha256_text
from pipeline.model.config import Config
from pipeline.model.evidence import journal_evidence
from pipeline.stages.updates import UpdateKind, UpdatePlan, apply_update, plan_update
from pipeline.store.ingest_record import IngestRecord
from pipeline.store.journal import Action, Journal, entry
from pipeline.store.snapshots import keep_snapshot
from pipeline.store.workspace import Workspace

if TYPE_CHECKING:  # the reader is imported once a raw file is new: a run with nothing new never loads it
    from pipeline.reading.draft import Draft, SourceInfo


class IngestStatus(StrEnum):
    """What became of a raw file."""

    INGESTED = "ingested"
    SKIPPED = "skipped"  # ingested before, or set aside
    DUPLICATE = "duplicate"  # the same bytes as another file, ingested before
    UPDATED = "updated"  # a re-scraped source of articles ingested before: refreshed, or waiting beside them
    WAITING = "waiting"  # changed a moment ago: maybe still being written, read on the next run
    STILL_BAD = "still bad"  # failed before with these very bytes: said once, not an error again
    FAILED = "failed"


@dataclass
class IngestOutcome:
    file: str
    status: IngestStatus
    drafts: list[str] = field(default_factory=list)
    reason: str = ""
    evidence: dict[str, dict[str, str]] = field(default_factory=dict)  # draft -> field -> why
    updates: dict[str, str] = field(default_factory=dict)  # article updated -> what became of it, and why
    duplicates: dict[str, str] = field(default_factory=dict)  # new draft -> the article it may duplicate, and why

    @property
    def failed(self) -> bool:
        return self.status == IngestStatus.FAILED

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "status": self.status, "drafts": self.drafts, "reason": self.reason,
                "evidence": self.evidence, "updates": self.updates, "duplicates": self.duplicates}


@dataclass(frozen=True)
class Parsed:
    drafts: list[Draft] | None
    reason: str = ""  # why there are none
    bad_file: bool = True  # the file's fault (recorded, not retried until it changes); else a bug


def write_drafts(workspace: Workspace, config: Config, journal: Journal, record: IngestRecord, source: SourceInfo,
                 parsed: Parsed, taken: set[str], keep_evidence: bool = True) -> IngestOutcome:
    """A parsed file's drafts written (never over another file) and journalled, or its failure recorded.

    A file of several items (JSON Lines) gives all its drafts or none: its intent (how many, and each
    draft's name) is journalled before the first is written, so that when a run is killed half-way the
    next one finishes the file: the drafts journalled are kept, one already written but not journalled
    is found by its name and provenance, and only the rest are written. An item that updates an
    article ingested before refreshes it or waits beside it (``updates``), never a second draft."""
    if parsed.drafts is None:
        if parsed.bad_file:
            failed = _journal(source, Action.INGEST_FAILED, reason=parsed.reason)
            journal.append([failed])
            record.apply(failed)
        return IngestOutcome(source.rel, IngestStatus.FAILED, reason=parsed.reason)
    known = record.by_hash.get(source.sha256)
    partial = known if known is not None and known.get("status") == "partial" else None
    several = len(parsed.drafts) > 1 or partial is not None
    done: set[int] = set(partial.get("done", [])) if partial else set()
    updates: list[UpdatePlan | None] = []
    duplicates: list[UpdatePlan | None] = []  # a new draft all the same, marked as a possible duplicate
    owns: list[Path | None] = []  # a stopped run's draft of this very file, taken as it is
    for index, draft in enumerate(parsed.drafts):
        item = index + 1 if several else None
        update = None if item in done else plan_update(workspace, record, config, source.rel, source.sha256,
                                                       draft.article, item, draft.bands)
        duplicates.append(update if update is not None and update.kind == UpdateKind.DUPLICATE else None)
        update = None if duplicates[-1] is not None else update
        updates.append(update)
        owns.append(None if several or item in done or update else
                    _own_unrecorded_draft(workspace, draft.name, source.sha256, taken))
    names: list[str] = []
    if several:
        planned = list(partial.get("planned", [])) if partial else []
        for index, draft in enumerate(parsed.drafts):
            update = updates[index]
            if update is not None:
                names.append(update.article)
            elif index < len(planned) and planned[index].startswith("drafts/"):
                names.append(planned[index])
                taken.add(planned[index].removeprefix("drafts/"))
            else:
                names.append(workspace.rel(_free_name(workspace, draft.name, taken)))
        intent = entry(source.ingested, Action.INGESTING, "", source=source.rel, sha256=source.sha256,
                       items=len(parsed.drafts), drafts=names, recovered=True if partial else None)
        journal.append([intent])
        record.apply(intent)
    written: list[str] = []
    evidence: dict[str, dict[str, str]] = {}
    said: dict[str, str] = {}
    marked: dict[str, str] = {}
    for index, draft in enumerate(parsed.drafts):
        item = index + 1 if several else None
        if item in done:
            written.append(names[index])
            continue
        update = updates[index]
        try:
            if update is not None:
                article, what = apply_update(workspace, journal, record, update, source.ingested, source.rel,
                                             source.sha256, item, draft.evidence)
                record.learn(f"drafts/{article.split('/', 1)[1]}", draft.bands)
                written.append(article)
                said[article] = f"{what} ({update.why})"
                if keep_evidence:
                    evidence[article] = draft.evidence
                continue
            own = owns[index]
            path = workspace.root / names[index] if several else own or _free_name(workspace, draft.name, taken)
            text = render_article(draft.article)
            found = own is not None or (several and _is_own_draft(workspace, path, source.sha256, item))
            if not found:
                while not workspace.write_new_atomic(path, text):  # never overwrite: another run made it
                    path = _free_name(workspace, draft.name, taken)
        except OSError as error:
            return IngestOutcome(source.rel, IngestStatus.FAILED, written,
                                 reason=f"cannot write its draft ({error.strerror or error})")
        rel = workspace.rel(path)
        keep_snapshot(workspace, text)  # the text as ingested, for the desk's "what changed since ingest"
        url = draft.article.get("source.url")
        text_sha = _sha_of(workspace, path) if found else sha256_text(text)  # an untouched draft still has it
        alike = duplicates[index]
        made = entry(source.ingested, Action.INGESTED, rel, source=source.rel, sha256=source.sha256, item=item,
                     url=url if isinstance(url, str) else None, written=text_sha,
                     duplicate_of=alike.article if alike else None, reason=alike.why if alike else None,
                     evidence=journal_evidence(draft.evidence) or None)  # committed: every clone shows it
        journal.append([made])
        record.apply(made)
        record.learn(rel, draft.bands)
        written.append(rel)
        if alike is not None:
            marked[rel] = f"possible duplicate of {alike.article}: {alike.why}"
        if keep_evidence:
            evidence[rel] = draft.evidence
    reason = "finished: a run was stopped while writing its drafts" if partial is not None else ""
    new_drafts = len(written) - len(said)
    status = IngestStatus.UPDATED if said and not new_drafts else IngestStatus.INGESTED
    return IngestOutcome(source.rel, status, written, reason=reason, evidence=evidence, updates=said,
                         duplicates=marked)


def _sha_of(workspace: Workspace, path: Path) -> str:
    """sha256 of a draft a stopped run wrote (taken as it is), or '' when it cannot be read."""
    try:
        return hashlib.sha256(workspace.read_bytes(path)).hexdigest()
    except OSError:
        return ""


def _own_unrecorded_draft(workspace: Workspace, name: str, sha256: str, taken: set[str]) -> Path | None:
    """The draft of these bytes that a run stopped between writing and journalling left behind, found
    by its name (or a numbered one beside it) and its provenance: taken as it is, never written twice."""
    stem, number = name[:-3], 1
    candidate = name
    while candidate not in taken and workspace.exists(workspace.drafts / candidate):
        if _is_own_draft(workspace, workspace.drafts / candidate, sha256, None):
            taken.add(candidate)
            return workspace.drafts / candidate
        number += 1
        candidate = f"{stem}-{number}.md"
    return None


def _is_own_draft(workspace: Workspace, path: Path, sha256: str, item: int | None) -> bool:
    """Whether the file at path is the draft of this item of this raw file (written by a run that was
    stopped before it journalled it): its provenance says so."""
    from pipeline.model.article import parse_article
    from pipeline.model.errors import ArticleError

    if not workspace.exists(path):
        return False
    try:
        provenance = parse_article(workspace.read_bytes(path).decode("utf-8")).get("source")
    except (OSError, UnicodeDecodeError, ArticleError):
        return False
    return isinstance(provenance, dict) and provenance.get("sha256") == sha256 and provenance.get("item") == item


def _free_name(workspace: Workspace, name: str, taken: set[str]) -> Path:
    stem = name[:-3]
    candidate = name
    number = 1
    while (candidate in taken or workspace.exists(workspace.drafts / candidate)
           or workspace.exists(workspace.published / candidate)):
        number += 1
        candidate = f"{stem}-{number}.md"
    taken.add(candidate)
    return workspace.drafts / candidate


def _journal(source: SourceInfo, action: Action, article: str = "", reason: str = "") -> dict[str, Any]:
    return entry(source.ingested, action, article, reason=reason, source=source.rel, sha256=source.sha256)
