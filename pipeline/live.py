"""What the user sees while long work goes on (part of the face, beside ``report``).

On a terminal, a progress bar on stderr (rich), only when there is enough to do; it is gone when the
results are printed. When output is piped (cron), each file's line on stdout as soon as that file is
decided, in the order the results come in (the same on any number of processes), so a log shows
progress; the report then prints only what was not streamed (its summary). JSON is one document at
the end, never streamed. The stages tell their progress through ``pipeline.store.progress``.

Whether stderr is a terminal is asked of stderr itself, never of rich: ``FORCE_COLOR`` would make rich
draw a bar into a log. Under ``NO_COLOR`` the bar is one line of plain text redrawn with a carriage
return: no escape codes at all.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from pipeline import output, terminal
from pipeline.store import progress

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

# A bar is shown for a task of more files than this: less is done before a bar could help.
BAR_FROM = 40

LABELS = {"ingest": "ingest", "normalise-drafts": "normalise", "validate": "validate", "drafts": "drafts",
          "preview": "reading articles", "hugo": "hugo building"}

# What a task's item is shown as, one line each, when piped: by task name.
Lines = Mapping[str, Callable[[object], Iterable[str]]]


class Shown:
    """What was shown while the work went on: with `streamed`, the report leaves out the lines streamed."""

    def __init__(self, streamed: bool) -> None:
        self.streamed = streamed


class Stream:
    """Piped output: each item's lines on stdout as soon as it is told, flushed (a log shows them now)."""

    def __init__(self, lines: Lines) -> None:
        self.lines = lines

    def begin(self, task: str, total: int | None) -> None:
        pass

    def done(self, task: str, item: object) -> None:
        shown = self.lines.get(task)
        if shown is not None:
            for line in shown(item):
                output.say(line, flush=True)

    def end(self, task: str) -> None:
        pass


class Bar:
    """A rich progress bar on stderr, started with the first task big enough, gone when the work ends.
    A task of no known length (Hugo building) is shown only while a bar is up."""

    def __init__(self) -> None:
        self.progress: Progress | None = None
        self.tasks: dict[str, TaskID] = {}

    def begin(self, task: str, total: int | None) -> None:
        if self.progress is None and (total is None or total <= BAR_FROM):
            return
        if self.progress is None:
            from rich import progress as bar

            self.progress = bar.Progress(bar.SpinnerColumn(), bar.TextColumn("{task.description}"), bar.BarColumn(),
                                         bar.MofNCompleteColumn(), bar.TimeElapsedColumn(),
                                         console=terminal.console(stderr=True), transient=True,
                                         redirect_stdout=False)  # stdout is the results', never the bar's
            self.progress.start()
        self.tasks[task] = self.progress.add_task(LABELS.get(task, task), total=total)

    def done(self, task: str, item: object) -> None:
        if self.progress is not None and task in self.tasks:
            self.progress.advance(self.tasks[task])

    def end(self, task: str) -> None:
        if self.progress is not None and task in self.tasks:
            self.progress.remove_task(self.tasks.pop(task))

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


class PlainBar(Bar):
    """The bar under NO_COLOR: one line of text on stderr, redrawn with a carriage return at most ten
    times a second, and wiped at the end; no escape codes."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, list[int | None]] = {}  # task: [done, total]
        self.up = False
        self.drawn = 0
        self.last = 0.0

    def begin(self, task: str, total: int | None) -> None:
        if self.up or (total is not None and total > BAR_FROM):
            self.up = True
            self.counts[task] = [0, total]
            self._draw(task, force=True)

    def done(self, task: str, item: object) -> None:
        count = self.counts.get(task)
        if count is not None:
            count[0] = (count[0] or 0) + 1
            self._draw(task, force=count[0] == count[1])

    def end(self, task: str) -> None:
        self.counts.pop(task, None)

    def _draw(self, task: str, force: bool = False) -> None:
        moment = time.monotonic()
        if not force and moment - self.last < 0.1:
            return
        self.last = moment
        finished, total = self.counts[task]
        text = f"{LABELS.get(task, task)}: {finished}" + (f"/{total} files" if total is not None else " files")
        sys.stderr.write("\r" + text.ljust(self.drawn))
        sys.stderr.flush()
        self.drawn = len(text)

    def close(self) -> None:
        if self.up and self.drawn:
            sys.stderr.write("\r" + " " * self.drawn + "\r")
            sys.stderr.flush()
        self.up = False


@contextlib.contextmanager
def shown(mode: output.Mode, lines: Lines | None = None) -> Iterator[Shown]:
    """While the block runs: piped plain output streams the lines of each task in `lines`; otherwise
    a bar on stderr when stderr is a terminal. JSON is never streamed."""
    if mode == output.PLAIN:
        if not lines:
            yield Shown(False)
            return
        with progress.listening(Stream(lines)):
            yield Shown(True)
        return
    if not _stderr_is_terminal():
        yield Shown(False)
        return
    bar = PlainBar() if terminal.no_color() else Bar()
    try:
        with progress.listening(bar):
            yield Shown(False)
    finally:
        bar.close()


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False
