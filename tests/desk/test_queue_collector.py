"""The desk's queue reads and assesses every draft with Python's cycle collector paused (what it makes is kept,
none of it garbage), and leaves the collector as it found it: after a page, after a failure, while a server's
other threads go on."""

from __future__ import annotations

import gc
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import pipeline.desk.queue as queue_module
from pipeline.desk.queue import QueueIndex
from pipeline.stages.assess import assess_drafts
from pipeline.store.workspace import Workspace
from tests.helpers import approve_in_process, make_draft

MOMENT = datetime.fromisoformat("2026-12-20T10:00:00+01:00")


def _workspace(root: Path) -> Workspace:
    (root / ".pipeline").mkdir(parents=True)
    (root / "raw").mkdir()
    for number in range(5):
        make_draft(root, f"artikel-{number}", date="2026-12-19T09:00:00+01:00")
    approve_in_process(root, "artikel-1")
    return Workspace.open(root, create=False)


def test_the_drafts_are_read_and_assessed_with_the_collector_paused(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = _workspace(tmp_path / "ws")
    config = workspace.load_config()
    seen: list[bool] = []
    read, assess = queue_module.facts_of_drafts, queue_module.state_of

    def reading(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return read(*args, **kwargs)

    def assessing(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return assess(*args, **kwargs)

    monkeypatch.setattr(queue_module, "facts_of_drafts", reading)
    monkeypatch.setattr(queue_module, "state_of", assessing)
    index = QueueIndex(workspace, config)
    assert gc.isenabled()
    states = index.states(MOMENT)
    assert seen and not any(seen)  # the listing read and every draft assessed while paused
    assert gc.isenabled()  # and collecting again for the rest of the page and the server's other requests
    fresh = assess_drafts(workspace, config, MOMENT, save=False)
    # the same states, each under its article's name (the index hands over the name it found the history by)
    assert [(s.rel, s.name, s.state, s.blocks) for s in states] == [(s.rel, s.name, s.state, s.blocks)
                                                                    for s in fresh]


def test_a_failure_while_reading_leaves_the_collector_collecting(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = _workspace(tmp_path / "ws")

    def damaged(*_args: Any, **_kwargs: Any) -> Any:
        raise OSError(5, "the disk failed")

    monkeypatch.setattr(queue_module, "facts_of_drafts", damaged)
    index = QueueIndex(workspace, workspace.load_config())
    with pytest.raises(OSError):
        index.states(MOMENT)
    assert gc.isenabled()


def test_a_collector_paused_by_someone_else_stays_paused(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path / "ws")
    index = QueueIndex(workspace, workspace.load_config())
    gc.disable()
    try:
        assert len(index.states(MOMENT)) == 5
        assert not gc.isenabled()
    finally:
        gc.enable()
