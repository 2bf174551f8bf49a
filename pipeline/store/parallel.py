"""Work across cores where it pays: an ordered map over a process pool.

Results come back in the order of the inputs, so output is identical to a single-process run.
The pool is made once (forked lazily, when a batch is big enough to pay for it) and reused for
every batch, so a stage can stream its files in batches and keep its memory flat.
"""

from __future__ import annotations

import errno
import gc
import os
import signal  # (both imported by the command's start already: here they cost a file's limit no import statement)
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

In = TypeVar("In")
Out = TypeVar("Out")

# Below this many items a pool costs more (process start, imports) than it saves.
MIN_ITEMS_FOR_POOL = 200

# The function the forked workers run: installed by the pool's initializer, which under fork is
# inherited in memory rather than pickled, so a function bound to a big config costs nothing to send.
_worker_function: Callable[[Any], Any] | None = None


def _install(function: Callable[[Any], Any]) -> None:
    global _worker_function
    _worker_function = function
    # A worker reads file after file, and must collect the cycles reading one leaves, even when it was forked
    # while the command paused its own collector (``collector.collector_paused``), which a fork inherits.
    gc.enable()


def _call(item: Any) -> Any:
    assert _worker_function is not None
    return _worker_function(item)


# No one file may hold a run, and the workspace's lock, for long: reading or checking a file that takes
# longer than this fails that file, with this reason, and the run goes on. A real article takes
# milliseconds; this bounds what no test has found yet (text that sends a pattern into a long search).
FILE_SECONDS = 60.0


class TookTooLong(TimeoutError):
    """Raised inside `time_limit`'s block once its time is up."""

    def __init__(self, seconds: float) -> None:
        super().__init__(errno.ETIMEDOUT, f"took longer than {seconds:g} s to read or check: given up")

    def __str__(self) -> str:
        return str(self.strerror)


class _Limits:
    """The SIGALRM handler a run installs once for its files (``file_limits``), and the limit of the block
    armed now (None: none; a signal then is ignored)."""

    installed = False
    seconds: float | None = None


def _expire(signum: int, frame: object) -> None:
    if _Limits.seconds is not None:
        raise TookTooLong(_Limits.seconds)


def _signals_here() -> bool:
    """Whether a time limit can be kept here: on the main thread of a process, where signals arrive."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def file_limits() -> Iterator[None]:
    """The handler ``time_limit`` raises from, installed once for every block inside (a run's files: setting it
    costs two conversions of handlers to enums, twice a file before) and the one before put back after. The
    workers a pool forks inside inherit it."""
    if _Limits.installed or not _signals_here():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    _Limits.installed = True
    try:
        yield
    finally:
        _Limits.installed = False
        signal.signal(signal.SIGALRM, previous)


def time_limit(seconds: float | None = None) -> AbstractContextManager[None]:
    """Run the block for at most `seconds` (FILE_SECONDS when None): after that, TookTooLong is raised in
    it, even inside a long regex search (the interpreter looks at signals there too). Only on the main
    thread of a process, where signals arrive (the command, or a pool's worker); elsewhere (the desk's
    threads) the block runs unbounded. Inside ``file_limits`` only the timer is set (and cleared)."""
    limit = FILE_SECONDS if seconds is None else seconds
    if limit <= 0 or not _signals_here():
        return nullcontext()
    if _Limits.installed:  # a run's file: the handler is there, only the timer is set (no generator, no lookups)
        return _Armed(limit)
    return _installed_and_armed(limit)


class _Armed:
    """A block under a time limit whose handler is installed: the timer set on entry and cleared on exit."""

    __slots__ = ("seconds",)

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __enter__(self) -> None:
        _Limits.seconds = self.seconds
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _Limits.seconds = None


@contextmanager
def _installed_and_armed(seconds: float) -> Iterator[None]:
    """A block outside a run: its handler installed for it alone, then the timer set."""
    with file_limits(), _Armed(seconds):
        yield


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


class OrderedPool:
    """``pool.map(items)`` is ``map(function, items)``, on `jobs` processes once a batch is big enough."""

    def __init__(self, function: Callable[[Any], Any], jobs: int, prepare: Callable[[], object] | None = None,
                 most_per_chunk: int = 32) -> None:
        self.function = function
        self.jobs = max(1, jobs)
        # The most items sent to a worker at once (a batch is split in about four chunks a worker, no bigger): each
        # chunk costs this process a future, a message each way and a wake-up of its threads, and a worker that takes
        # the last chunk keeps the rest waiting for it. Items of several milliseconds each (pages read) want small
        # chunks; a file checked in a fraction of one, bigger.
        self.most_per_chunk = max(1, most_per_chunk)
        # Run once in this process just before the workers are forked (and only then): what it imports and
        # makes (a check's modules, its compiled patterns) every worker then shares instead of making its own.
        self.prepare = prepare
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> OrderedPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def on_workers(self, count: int) -> bool:
        """Whether a map of `count` items runs on the worker processes (not in this one)."""
        return self._executor is not None or (self.jobs > 1 and count >= MIN_ITEMS_FOR_POOL)

    def map(self, items: Sequence[Any]) -> Iterator[Any]:
        if not self.on_workers(len(items)):
            return map(self.function, items)
        chunk = max(1, min(self.most_per_chunk, len(items) // (self.jobs * 4)))
        return self._started().map(_call, items, chunksize=chunk)

    def call(self, function: Callable[[], Out], count: int) -> Out:
        """``function()`` where a map of `count` items would run: in one worker (the pool started now, before
        this process holds what the function loads), or here. A module-level function; what it raises is
        raised here."""
        if not self.on_workers(count):
            return function()
        return self._started().submit(function).result()

    def _started(self) -> ProcessPoolExecutor:
        if self._executor is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            if self.prepare is not None:
                self.prepare()
            # Objects made before the fork stay shared: without this, the children's garbage
            # collector touches every one of them and the kernel copies their pages.
            gc.freeze()

            # fork keeps start-up cheap: the children inherit the imported modules and the config (and
            # every page this process holds then counts in each child's resident memory).
            self._executor = ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context("fork"),
                                                 initializer=_install, initargs=(self.function,))
        return self._executor


def ordered_map(function: Callable[[In], Out], items: Iterable[In], jobs: int) -> Iterator[Out]:
    """function over items, on `jobs` processes when there are enough items; in input order."""
    work = list(items)
    with OrderedPool(function, jobs) as pool:
        yield from pool.map(work)
