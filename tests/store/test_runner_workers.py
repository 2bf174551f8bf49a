"""What a run makes once for its workers: a stage's `prepare` runs once, in the process that forks the workers
and before it does, only when they are forked; and a worker forked while the collector is paused collects."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from pipeline.store.parallel import MIN_ITEMS_FOR_POOL
from pipeline.store.runner import CacheUse, PerFile, run_per_file
from pipeline.store.workspace import Workspace

# What prepare made, as a worker finds it (it is forked after prepare ran, so it holds what prepare set)
_made: list[int] = []


def _prepare() -> None:
    _made.append(os.getpid())


def _files(workspace: Path, count: int) -> Workspace:
    folder = workspace / "drafts"
    folder.mkdir(exist_ok=True)
    for index in range(count):
        (folder / f"file-{index:04}.md").write_text(f"tekst {index}\n")
    os.utime(folder, None)
    return Workspace.open(workspace)


def _job() -> PerFile[list[object], list[object]]:
    # each file: the pid that checked it, what prepare had made there, and whether that process collects cycles
    return PerFile(compute=lambda rel, data: [os.getpid(), list(_made), gc.isenabled()],
                   unreadable=lambda rel, error: [str(error)], result=lambda sent: sent, cached=lambda sent: sent,
                   from_cache=lambda kept: kept, prepare=_prepare)


def _run(opened: Workspace, jobs: int, cache: CacheUse | None = None) -> list[list[object]]:
    return [result for _entry, result in
            run_per_file(opened, opened.iter_markdown_files(opened.drafts), _job(), cache, jobs, task="")]


def test_prepare_runs_once_here_before_the_workers_fork_and_they_share_what_it_made(workspace: Path) -> None:
    _made.clear()
    opened = _files(workspace, MIN_ITEMS_FOR_POOL)
    results = _run(opened, 2)
    here = os.getpid()
    assert _made == [here]  # once, in this process
    workers = {pid for pid, _seen, _collects in results}
    assert here not in workers and len(workers) >= 1
    assert all(seen == [here] for _pid, seen, _collects in results)  # each worker holds what it made


@pytest.mark.parametrize("count", [1, MIN_ITEMS_FOR_POOL])
def test_prepare_is_not_run_when_no_worker_is_forked(workspace: Path, count: int) -> None:
    """On one process (or too few files for a pool) the check makes what it needs on its first file, as before:
    prepare is for workers only."""
    _made.clear()
    opened = _files(workspace, count)
    results = _run(opened, 1 if count == MIN_ITEMS_FOR_POOL else 2)
    assert _made == [] and {pid for pid, _seen, _collects in results} == {os.getpid()}


def test_a_run_answered_from_its_cache_forks_nothing_and_prepares_nothing(workspace: Path) -> None:
    opened = _files(workspace, MIN_ITEMS_FOR_POOL)
    for path in opened.drafts.iterdir():  # written a while ago: the cache keeps no file written a moment before
        os.utime(path, (path.stat().st_mtime - 60, path.stat().st_mtime - 60))
    cache = CacheUse("test-cache.json", "config")
    (workspace / ".pipeline").mkdir(exist_ok=True)
    first = _run(opened, 2, cache)
    _made.clear()
    assert _run(opened, 2, cache) == first
    assert _made == []


def test_a_worker_forked_while_the_collector_is_paused_collects(workspace: Path) -> None:
    from pipeline.store.collector import collector_paused

    opened = _files(workspace, MIN_ITEMS_FOR_POOL)
    with collector_paused():
        results = _run(opened, 2)
    assert {collects for pid, _seen, collects in results if pid != os.getpid()} == {True}
