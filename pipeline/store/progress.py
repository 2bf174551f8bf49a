"""Progress of long work, told to whoever listens; nobody here prints.

A stage (or the runner it uses) says when work of so many files starts (``begin``), when each file
is done (``done``, with what became of it), and when the work ends (``end``). The face listens
(``listening``): on a terminal it draws a bar on stderr, and when output is piped it writes each
file's line as soon as it is decided, so a cron log shows progress while the work goes on. Without
a listener every call is a no-op, so tests and library callers see nothing change.

Tasks are named by what they do: ``ingest``, ``normalise-drafts`` (the runner reading drafts) and
``normalise`` (each draft's final outcome, once written), ``validate``, ``drafts`` (the
state of every draft, for review, status and promote), ``preview`` (reading what Hugo will build) and
``hugo`` (Hugo building, of no known length). Calls come from the main process only, in file order.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Protocol


class Listener(Protocol):
    def begin(self, task: str, total: int | None) -> None: ...

    def done(self, task: str, item: object) -> None: ...

    def end(self, task: str) -> None: ...


_listener: ContextVar[Listener | None] = ContextVar("progress_listener", default=None)


@contextlib.contextmanager
def listening(listener: Listener) -> Iterator[Listener]:
    """Tell listener of every task begun, file done and task ended until the block ends."""
    token = _listener.set(listener)
    try:
        yield listener
    finally:
        _listener.reset(token)


def watched() -> bool:
    """Whether anyone listens (a stage may then do a little extra, such as count its files first)."""
    return _listener.get() is not None


def begin(task: str, total: int | None) -> None:
    listener = _listener.get()
    if listener is not None:
        listener.begin(task, total)


def done(task: str, item: object = None) -> None:
    listener = _listener.get()
    if listener is not None:
        listener.done(task, item)


def end(task: str) -> None:
    listener = _listener.get()
    if listener is not None:
        listener.end(task)
