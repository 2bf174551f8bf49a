"""Work across cores where it pays: an ordered map over a process pool.

Results come back in the order of the inputs, so output is identical to a single-process run.
The pool is made once (forked lazily, when a batch is big enough to pay for it) and reused for
every batch, so a stage can stream its files in batches and keep its memory flat.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
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


def _call(item: Any) -> Any:
    assert _worker_function is not None
    return _worker_function(item)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


class OrderedPool:
    """``pool.map(items)`` is ``map(function, items)``, on `jobs` processes once a batch is big enough."""

    def __init__(self, function: Callable[[Any], Any], jobs: int) -> None:
        self.function = function
        self.jobs = max(1, jobs)
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> OrderedPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def map(self, items: Sequence[Any]) -> Iterator[Any]:
        if self._executor is None and (self.jobs <= 1 or len(items) < MIN_ITEMS_FOR_POOL):
            return map(self.function, items)
        if self._executor is None:
            import gc
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # Objects made before the fork stay shared: without this, the children's garbage
            # collector touches every one of them and the kernel copies their pages.
            gc.freeze()

            # fork keeps start-up cheap: the children inherit the imported modules and the config.
            self._executor = ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context("fork"),
                                                 initializer=_install, initargs=(self.function,))
        chunk = max(1, min(32, len(items) // (self.jobs * 4)))
        return self._executor.map(_call, items, chunksize=chunk)


def ordered_map(function: Callable[[In], Out], items: Iterable[In], jobs: int) -> Iterator[Out]:
    """function over items, on `jobs` processes when there are enough items; in input order."""
    work = list(items)
    with OrderedPool(function, jobs) as pool:
        yield from pool.map(work)
