"""One cached, parallel run over files: what validate, review and normalise each do to every file.

A stage supplies a ``PerFile``: a pure function from a file's bytes to what the worker sends back,
the cached form of that (or None: not cached), and how a result is made from either. The runner
does the rest: the listing it is given, each file's stamp, the cache under ``.pipeline/`` (an entry
trusted only while the file's stamp holds; a damaged entry is read again; racy entries and an
unwritable workspace are the cache's business), the process pool, batches that keep memory flat,
and the order: results come back in the order of the listing, on any number of processes.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Sized
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pipeline.store import progress
from pipeline.store.cache import ResultCache, load_cache, save_cache
from pipeline.store.parallel import OrderedPool, TookTooLong, file_limits, time_limit
from pipeline.store.paths import RawFile
from pipeline.store.workspace import Workspace

Sent = TypeVar("Sent")  # what a worker sends back for one file
Result = TypeVar("Result")

# Files are listed, read and reported in batches of this many: memory stays flat however many there are.
BATCH_SIZE = 2048

# The most files a worker is sent at once: a file is checked in a fraction of a millisecond, so a chunk of 32 (what
# the pool sends pages read) was mostly its cost in this process (for 10,000 drafts, 313 futures and their messages:
# the pool's threads about 0.1 s of CPU, taken from the cores the workers check on); of 128, a worker's last chunk
# keeps the other waiting a few tens of milliseconds at most.
FILES_PER_CHUNK = 128

# A cached entry that cannot be read back raises one of these: the file is then read again.
_DAMAGED = (TypeError, ValueError, IndexError, KeyError, AttributeError)


@dataclass(frozen=True)
class PerFile(Generic[Sent, Result]):
    """What a stage supplies to the runner; every function but `listed` runs on any file, in order."""

    compute: Callable[[str, bytes], Sent]  # pure, in a worker: (rel, bytes) to what comes back
    unreadable: Callable[[str, OSError], Sent]  # in a worker: a file that could not be read
    result: Callable[[Sent], Result]  # what came back, as the stage's result
    cached: Callable[[Sent], Any]  # the form kept in the cache, or None: not kept
    from_cache: Callable[[Any], Result]  # a cached form back; raises on a damaged entry
    # A result known from the listing alone (a file that is missing, a link that leads out), or None.
    listed: Callable[[RawFile], Result | None] = lambda entry: None
    # Made ready before workers are forked, only when they are (None: nothing): what `compute` imports and
    # builds on its first file, done once for all of them (each worker did it over again after the fork).
    prepare: Callable[[], object] | None = None


@dataclass(frozen=True)
class CacheUse:
    """Which cache a run uses, and how it writes it back."""

    name: str  # under .pipeline/
    fingerprint: str  # of the config the results depend on
    save: bool = True  # False: read, never written (a dry run)
    some_files_only: bool = False  # a run over files named: what the cache knew of the others is kept


def run_per_file(workspace: Workspace, entries: Iterable[RawFile], job: PerFile[Sent, Result],
                 cache_use: CacheUse | None, jobs: int = 1, batch_size: int | None = None,
                 task: str | None = None) -> Iterator[tuple[RawFile, Result]]:
    """Each entry with its result, in the listed order; the cache is saved once every file is done.

    Progress is told under `task` (default: the cache's name; "": not told, the stage tells its own):
    how many files, then each file with its result once the caller has dealt with it (taken the next
    one), so what is told is done."""
    cache = load_cache(workspace, cache_use.name, cache_use.fingerprint) if cache_use is not None else None
    if task is None:
        task = cache_use.name.removesuffix(".json") if cache_use is not None else "files"
    if task:
        entries = counted(entries)
        progress.begin(task, len(entries) if isinstance(entries, Sized) else None)
    told = bool(task) and progress.watched()  # asked once: ten thousand files need not ask each

    def work(item: tuple[str, str]) -> Sent:
        """In a worker: plain strings in, what the stage sends back out."""
        rel, path = item
        try:
            data = workspace.read_bytes(path)
        except OSError as error:
            return job.unreadable(rel, error)
        try:
            with time_limit():
                return job.compute(rel, data)
        except TookTooLong as error:  # a file no check should take so long on: it fails, the rest go on
            return job.unreadable(rel, error)

    listing = iter(entries)
    size = batch_size or BATCH_SIZE
    # (the limits' handler set once for every file)
    with file_limits(), OrderedPool(work, jobs, job.prepare, FILES_PER_CHUNK) as pool:
        # Each batch is handed to the workers before the previous one is collected, so listing and
        # reporting in this process overlap the work in the others.
        waiting: tuple[list[RawFile], list[Result | None], Iterator[Sent]] | None = None
        while True:
            batch = list(itertools.islice(listing, size))
            handed = None
            if batch:
                found = [_known(entry, job, cache) for entry in batch]
                todo = [(entry.rel, os.fspath(entry.place)) for entry, known in zip(batch, found, strict=True)
                        if known is None]
                handed = (batch, found, pool.map(todo))
            if waiting is not None:
                for entry, result in _collect(*waiting, job, cache):
                    yield entry, result
                    if told:
                        progress.done(task, (entry, result))
            if handed is None:
                break
            waiting = handed
    if cache is not None and cache_use is not None and cache_use.save:
        save_cache(workspace, cache_use.name, cache, some_files_only=cache_use.some_files_only)
    if task:
        progress.end(task)


def counted(entries: Iterable[RawFile]) -> Iterable[RawFile]:
    """The listing as a list when someone watches progress (a bar needs to know how many files: the
    names and stamps are small), else as it came (a generator keeps memory flat)."""
    return list(entries) if progress.watched() and not isinstance(entries, Sized) else entries


def _known(entry: RawFile, job: PerFile[Sent, Result], cache: ResultCache | None) -> Result | None:
    """The result of a file known without reading it (from the listing, or cached), else None."""
    listed = job.listed(entry)
    if listed is not None or cache is None or entry.stamp is None:
        return listed
    hit = cache.get(entry.rel, entry.stamp)
    if hit is not None:
        try:  # not contextlib.suppress: a context manager for each of ten thousand files cost more than the lookup
            return job.from_cache(hit)
        except _DAMAGED:
            return None
    return None


def _collect(batch: list[RawFile], found: list[Result | None], sent: Iterator[Sent], job: PerFile[Sent, Result],
             cache: ResultCache | None) -> Iterator[tuple[RawFile, Result]]:
    for entry, known in zip(batch, found, strict=True):
        if known is None:
            came = next(sent)
            kept = job.cached(came) if cache is not None and entry.stamp is not None else None
            if kept is not None and cache is not None and entry.stamp is not None:
                cache.put(entry.rel, entry.stamp, kept)
            known = job.result(came)
        yield entry, known
