"""Python's cycle collector paused while a command builds its answer from every file of a big workspace.

Collecting is set off by allocations: every 700 container objects made, the youngest are looked over, and
every tenth time the older ones too. A command that reads ten thousand drafts makes a few hundred thousand
objects it keeps to its end (the listing, the cache's entries, the journal's, each draft's state), none of them
garbage, and the collector looked them over again and again as they grew: about 7 % of the instructions of a
warm ``status`` or a ``run`` with nothing new. Reference counting still frees everything that is not a cycle
while it is paused; the few cycles a command makes (a hostile file's traceback) are collected once it resumes.
Worker processes forked inside the pause collect as usual (``parallel``): a worker reads file after file.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The block run with the cycle collector paused; it is as it was before once the block ends (or raises)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
