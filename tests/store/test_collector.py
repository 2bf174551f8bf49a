"""The cycle collector paused while a command reads every draft: as it was after the block, cycles made inside
collected once it resumes, and worker processes forked inside it collecting as usual."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from pipeline.store.collector import collector_paused
from pipeline.store.parallel import MIN_ITEMS_FOR_POOL, OrderedPool
from tests.helpers import cli


def test_the_collector_is_paused_inside_and_as_it_was_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # inside another: still paused, and the outer one's to resume
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # paused before: left paused
    finally:
        gc.enable()


def test_it_resumes_when_the_block_raises() -> None:
    with pytest.raises(KeyError), collector_paused():
        raise KeyError("damaged")
    assert gc.isenabled()


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def test_a_cycle_made_while_paused_is_collected_once_it_resumes() -> None:
    with collector_paused():
        one, two = _Node(), _Node()
        one.other, two.other = two, one
        alive = weakref.ref(one)
        del one, two
        made = [[] for _ in range(20 * gc.get_threshold()[0])]  # enough to set off collections, were it running
        assert alive() is not None
    made += [[] for _ in range(20 * gc.get_threshold()[0])]
    assert alive() is None


def _collecting(_item: int) -> bool:
    return gc.isenabled()


def test_workers_forked_while_paused_collect() -> None:
    with collector_paused(), OrderedPool(_collecting, 2) as pool:
        assert pool.on_workers(MIN_ITEMS_FOR_POOL)
        assert all(pool.map(list(range(MIN_ITEMS_FOR_POOL))))
        assert not gc.isenabled()


def test_status_leaves_the_collector_as_it_found_it(tmp_path: Path) -> None:
    cli(tmp_path, "init")
    (tmp_path / "drafts").mkdir(exist_ok=True)
    assert cli(tmp_path, "status").exit_code == 0
    assert gc.isenabled()
