"""The ingest stage: which raw files are new, each parsed to drafts (pure), and the run over a
workspace's raw/ folder.

``parse_new_file`` is a pure function of the bytes, where they came from and the config, so it runs
on worker processes. ``run_ingest`` walks raw/, skips what the ingest record knows (``prepare_slot``),
hands each new file to it, and has what it parsed written in file order (``ingest_write``); every
failure is a value in the outcome list, never an exception that stops the run.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pipeline.model.config import Config
from pipeline.model.fingerprint import line_digests
from pipeline.stages.ingest_write import IngestOutcome, IngestStatus, Parsed, write_drafts
from pipeline.store.clock import now
from pipeline.store.ingest_record import (
    IngestRecord,
    failed_paths,
    load_record,
    printable,
    save_record,
    set_aside_paths,
)
from pipeline.store.journal import Action, Journal, entry
from pipeline.store.paths import RawFile
from pipeline.store.workspace import Workspace

if TYPE_CHECKING:  # the reader is imported once a raw file is new: a run with nothing new never loads it
    from pipeline.reading.draft import Draft, SourceInfo


class NewFile(NamedTuple):
    """A raw file whose bytes were never seen: what the pure stage needs to make its drafts."""

    data: bytes
    source: SourceInfo
    # its short lines that files read before showed: digest -> (files of its source, files of all sources)
    recurring: dict[str, tuple[int, int]] | None = None


_URL_IN_HEAD = re.compile(rb"(?im)^[ \t{\[]*\"?(?:url|link|source|bron|canonical)\"?[ \t]*[:=][ \t]*\"?https?://"
                          rb"(?:www\.)?(?P<host>[a-z0-9.-]{1,100})")


def source_lines(new: NewFile) -> tuple[str, set[str]]:
    """Which source a new file is from (the host of the address its head gives, else its folder in
    raw/), and the digests of its short lines: what the workspace learns of its sites."""
    found = _URL_IN_HEAD.search(new.data[:4096])
    folder = new.source.rel.split("/")[1:-1]
    source = f"host:{found['host'].decode('ascii').lower()}" if found else f"folder:{'/'.join(folder)}"
    return source, line_digests(new.data.decode("utf-8", "replace"))


def drafts_from_bytes(data: bytes, source: SourceInfo, config: Config, **options: Any) -> list[Draft]:
    """The reader's drafts of a raw file's bytes (``reading.draft``), imported when the first new file is read."""
    from pipeline.reading.draft import drafts_from_bytes as read

    return read(data, source, config, **options)


def parse_new_file(config: Config, new: NewFile, explain: bool = False) -> Parsed:
    """The drafts in a new file, or why there are none: pure, so it runs in a worker process. With
    ``explain``, the evidence says what the line model took each line for, and why."""
    from pipeline.model.fingerprint import bands
    from pipeline.reading.items import SourceError
    from pipeline.reading.text import DecodeError
    from pipeline.store.parallel import TookTooLong, time_limit

    try:
        with time_limit():
            drafts = drafts_from_bytes(new.data, new.source, config, explain=explain, recurring=new.recurring)
            for draft in drafts:
                draft.bands = bands(draft.article.body)
        return Parsed(drafts)
    except (DecodeError, SourceError, TookTooLong) as error:
        return Parsed(None, str(error))
    except Exception as error:  # a bug, not a bad file: report it, keep going, retry next run
        if os.environ.get("PIPELINE_DEBUG"):
            raise
        return Parsed(None, f"internal error ({type(error).__name__}: {error}); please report it", bad_file=False)


def read_models() -> None:
    """The reader's models (the line model, the page kind model) read and kept by the process that reads
    the pages; LineModelError when a model file in the package is damaged."""
    from pipeline.reading import line_model, page_kind

    line_model.shipped()
    page_kind.shipped()


@dataclass
class Slot:
    """One raw file's place in the run's output: an outcome already known, a new file to parse,
    or bytes that a file earlier in the same batch also has (looked up once that one is done)."""

    rel: str
    outcome: IngestOutcome | None = None
    new: NewFile | None = None
    sha: str = ""
    fails_as: str = ""  # a new file whose bytes failed before as another file: this reason, journalled as its own


def prepare_slot(workspace: Workspace, config: Config, raw: RawFile, record: IngestRecord,
                 named: bool, pending: set[str], settle: bool = False) -> Slot:
    """Decide what a raw file needs without parsing it: known files are not even read."""
    shown = printable(raw.rel)
    if shown != raw.rel:
        raw = replace(raw, rel=shown)
    if raw.problem:
        return Slot(raw.rel, IngestOutcome(raw.rel, IngestStatus.FAILED, reason=raw.problem))
    if named and not workspace.inside(raw.path):
        return Slot(raw.rel, IngestOutcome(raw.rel, IngestStatus.FAILED, reason="is outside the workspace"))
    if settle and not named and raw.stamp is not None and _too_fresh(raw.stamp.mtime_ns, config.settle_seconds):
        return Slot(raw.rel, IngestOutcome(raw.rel, IngestStatus.WAITING,
                                           reason=f"changed less than {config.settle_seconds:g} s ago: maybe still "
                                                  "being written, read on the next run"))
    known = record.known(raw)
    if _settled(raw.rel, known):  # a partial file is read again and finished
        assert known is not None
        return Slot(raw.rel, _known_outcome(raw.rel, known))
    try:
        data = workspace.read_raw(raw, config.max_bytes)
    except (OSError, ValueError) as error:
        reason = str(error) if isinstance(error, ValueError) else f"cannot be read ({error.strerror or error})"
        return Slot(raw.rel, IngestOutcome(raw.rel, IngestStatus.FAILED, reason=reason))
    sha = hashlib.sha256(data).hexdigest()
    if raw.stamp is not None:
        record.by_path[raw.rel] = {"stamp": raw.stamp.as_list(), "sha256": sha}
        record.changed = True
    known = record.by_hash.get(sha)
    if _settled(raw.rel, known):
        assert known is not None
        return Slot(raw.rel, _known_outcome(raw.rel, known))
    if known is not None and known.get("status") == "failed":  # the same bytes failed as another file
        return Slot(raw.rel, sha=sha, fails_as=str(known.get("reason", "")))
    if sha in pending:
        return Slot(raw.rel, sha=sha)
    pending.add(sha)
    from pipeline.reading.draft import SourceInfo

    zone = config.zone
    scraped = datetime.fromtimestamp(raw.stamp.mtime_ns / 1e9, zone) if raw.stamp else now(zone)
    return Slot(raw.rel, new=NewFile(data, SourceInfo(raw.rel, sha, scraped, now(zone))), sha=sha)


def _too_fresh(mtime_ns: int, settle_seconds: float) -> bool:
    """Whether a file changed within the settle time: measured on the machine's own clock (the file
    system's), never on PIPELINE_NOW, which pins only the dates the pipeline writes."""
    import time

    return settle_seconds > 0 and time.time_ns() - mtime_ns < settle_seconds * 1e9


def _settled(rel: str, known: dict[str, Any] | None) -> bool:
    """Whether what the record knows of these bytes is this file's outcome: not when a stopped run left
    them half-ingested (finished now), nor when they failed as another file only (a second empty
    file is a new failure of its own, reported and journalled as itself)."""
    if known is None or known.get("status") == "partial":
        return False
    return known.get("status") != "failed" or rel in failed_paths(known)


def _known_outcome(rel: str, known: dict[str, Any]) -> IngestOutcome:
    """A file whose bytes were seen before: skipped, a duplicate, or still the same bad file
    (reported again, not retried: it is retried when its bytes change)."""
    if known.get("status") == "partial":  # the same bytes as a file whose drafts were being written
        return IngestOutcome(rel, IngestStatus.FAILED, reason=f"same bytes as {known.get('source')}, which a "
                                                             "stopped run left half-ingested: ingest again")
    if known.get("status") == "failed":  # said once, when these bytes were first met: not a new error
        if rel in set_aside_paths(known):
            return IngestOutcome(rel, IngestStatus.SKIPPED, reason="set aside (pipeline ingest --skip)")
        reason = f"{known.get('reason', '')} (unchanged since the last try; fix it, or set it aside with " \
                 f"pipeline ingest --skip {rel})"
        return IngestOutcome(rel, IngestStatus.STILL_BAD, reason=reason)
    if known.get("source") == rel:
        return IngestOutcome(rel, IngestStatus.SKIPPED, list(known.get("drafts", [])), reason="already ingested")
    return IngestOutcome(rel, IngestStatus.DUPLICATE, list(known.get("drafts", [])),
                         reason=f"same bytes as {known.get('source')}")


# New files are parsed in batches of this many: memory stays flat however big raw/ is, and each
# batch is big enough to keep every worker busy.
BATCH_SIZE = 512


def run_ingest(workspace: Workspace, config: Config, named: list[Path] | None = None,
               jobs: int = 1, keep_evidence: bool = True, journal: Journal | None = None,
               settle: bool = False) -> list[IngestOutcome]:
    """Ingest every raw file not ingested before (or the files named); the record is saved at the end.
    With `settle` (the unattended run), a file changed within ``ingest.settle_seconds`` waits for the
    next run: a person who runs ingest has just put the files there and wants them now.

    Parsing runs on `jobs` processes; reading, writing and the record stay in this one, in the
    order of the files, so the outcome is the same on any number of processes. Without
    `keep_evidence` (no one will print it) the outcomes leave out where each value came from."""
    from functools import partial

    from pipeline.store import progress
    from pipeline.store.parallel import OrderedPool

    record = load_record(workspace)
    journal = journal or Journal(workspace)
    taken: set[str] = set()
    outcomes: list[IngestOutcome] = []
    with OrderedPool(partial(parse_new_file, config, explain=keep_evidence), jobs) as pool:

        def fail_as_itself(slot: Slot, reason: str) -> IngestOutcome:
            failed = entry(now(config.zone), Action.INGEST_FAILED, "", reason=reason, source=slot.rel,
                           sha256=slot.sha)
            journal.append([failed])
            record.apply(failed)
            return IngestOutcome(slot.rel, IngestStatus.FAILED, reason=reason)

        checked = False

        def finish(batch: list[Slot]) -> None:
            nonlocal checked
            new_files = sum(slot.new is not None for slot in batch)
            if not checked and new_files:
                # A damaged model file stops the run here, once, before any draft. The models are read
                # where the pages are: in a worker (which keeps them to read its pages) when workers read,
                # so this process never holds them and the workers are forked without their pages.
                pool.call(read_models, new_files)
                checked = True
            # The lines each file shares with files read before this batch (never with one beside it in the
            # batch: the drafts are the same on any number of processes); then this batch's lines are counted.
            seen = [(slot, *source_lines(slot.new)) for slot in batch if slot.new is not None]
            for slot, source, digests in seen:
                slot.new = slot.new._replace(recurring=record.recurring_lines(source, digests))  # type: ignore[union-attr]
            for _slot, source, digests in seen:
                record.count_lines(source, digests)
            parsed = iter(pool.map([slot.new for slot in batch if slot.new is not None]))
            for slot in batch:
                known = record.by_hash.get(slot.sha) if slot.sha else None
                if slot.new is not None:
                    outcome = write_drafts(workspace, config, journal, record, slot.new.source, next(parsed),
                                           taken, keep_evidence)
                elif slot.outcome is not None:
                    outcome = slot.outcome
                elif slot.fails_as:
                    outcome = fail_as_itself(slot, slot.fails_as)
                elif known is None:  # the same bytes as a file earlier in this batch, which a bug stopped
                    outcome = IngestOutcome(slot.rel, IngestStatus.FAILED, reason="same bytes as a file that failed")
                elif not _settled(slot.rel, known) and known.get("status") == "failed":
                    outcome = fail_as_itself(slot, str(known.get("reason", "")))
                else:  # the same bytes as a file earlier in this batch, now recorded
                    outcome = _known_outcome(slot.rel, known)
                outcomes.append(outcome)
                progress.done("ingest", outcome)  # written and journalled: its line may be shown now

        batch: list[Slot] = []
        pending: set[str] = set()
        raws = workspace.raw_files(named, config.partial_names)
        unread = sum(not record.stamped(raw) for raw in raws)
        if pool.on_workers(unread):
            # Enough files to read on workers: they are forked now, before this process holds the listing (a
            # forked child's resident memory starts at its parent's: 5.6 MB of listing at ten thousand files,
            # and the first batch's bytes), and raw/ is listed again for the run.
            del raws
            pool.call(read_models, unread)
            checked = True
            raws = workspace.raw_files(named, config.partial_names)
        progress.begin("ingest", len(raws))
        raws.reverse()  # taken from the end as they are read: the listing of a big raw/ is let go a file at a time
        while raws:
            batch.append(prepare_slot(workspace, config, raws.pop(), record, bool(named), pending, settle))
            if len(pending) >= BATCH_SIZE:
                finish(batch)
                batch, pending = [], set()
        finish(batch)
    progress.end("ingest")
    save_record(workspace, record)  # this run's own entries are in the record already
    return outcomes


def set_aside(workspace: Workspace, config: Config, named: list[Path], journal: Journal | None = None,
              ) -> list[IngestOutcome]:
    """Raw files that failed, set aside by a person: journalled, and no longer reported by ingest,
    run or status until their bytes change (a fixed file is then ingested as any new one)."""
    from pipeline.store import progress

    record = load_record(workspace)
    journal = journal or Journal(workspace)
    outcomes: list[IngestOutcome] = []
    raws = workspace.raw_files(named)
    progress.begin("ingest", len(raws))
    for raw in raws:
        rel = printable(raw.rel)
        if raw.problem:
            outcomes.append(IngestOutcome(rel, IngestStatus.FAILED, reason=raw.problem))
            progress.done("ingest", outcomes[-1])
            continue
        try:
            sha = hashlib.sha256(workspace.read_raw(raw, config.max_bytes)).hexdigest()
        except (OSError, ValueError):
            sha = str((record.by_path.get(rel) or {}).get("sha256", ""))  # too big to read: known by its stamp
        known = record.by_hash.get(sha)
        if known is None or known.get("status") != "failed" or rel not in failed_paths(known):
            outcomes.append(IngestOutcome(rel, IngestStatus.FAILED, reason="has not failed: only a file that "
                                          "failed is set aside (pipeline ingest reads it)"))
            progress.done("ingest", outcomes[-1])
            continue
        if rel not in set_aside_paths(known):
            aside = entry(now(config.zone), Action.SET_ASIDE, "", source=rel, sha256=sha,
                          reason=str(known.get("reason", "")))
            journal.append([aside])
            record.apply(aside)
        outcomes.append(IngestOutcome(rel, IngestStatus.SKIPPED, reason="set aside until its bytes change"))
        progress.done("ingest", outcomes[-1])
    progress.end("ingest")
    save_record(workspace, record)  # this run's own entries are in the record already
    return outcomes


def explain_known(workspace: Workspace, config: Config, outcomes: list[IngestOutcome]) -> list[IngestOutcome]:
    """`ingest --explain` on files ingested before: each is read again, nothing written, so an editor
    sees where the values of its drafts came from (as they would be read today)."""
    again: list[IngestOutcome] = []
    for outcome in outcomes:
        if outcome.status not in (IngestStatus.SKIPPED, IngestStatus.DUPLICATE) or not outcome.drafts:
            again.append(outcome)
            continue
        raws = workspace.raw_files([workspace.root / outcome.file], config.partial_names)
        parsed: Parsed | None = None
        if len(raws) == 1 and raws[0].problem is None:
            raw = raws[0]
            try:
                data = workspace.read_raw(raw, config.max_bytes)
            except (OSError, ValueError):
                data = None
            if data is not None:
                from pipeline.reading.draft import SourceInfo

                zone = config.zone
                scraped = datetime.fromtimestamp(raw.stamp.mtime_ns / 1e9, zone) if raw.stamp else now(zone)
                source = SourceInfo(raw.rel, hashlib.sha256(data).hexdigest(), scraped, now(zone))
                parsed = parse_new_file(config, NewFile(data, source))
        if parsed is None or parsed.drafts is None:
            again.append(replace(outcome, reason=f"{outcome.reason}; cannot be read again to explain it"))
            continue
        evidence = {name: draft.evidence for name, draft in zip(outcome.drafts, parsed.drafts, strict=False)}
        again.append(replace(outcome, evidence=evidence,
                             reason=f"{outcome.reason}; read again to explain it, nothing written"))
    return again
