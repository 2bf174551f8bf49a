"""The desk's queue keeps each draft's state until one of its dates comes: whatever moments it is asked at,
in order, it answers as a fresh assessment at each does."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.desk.queue import QueueIndex
from pipeline.model.config import Config
from pipeline.stages.assess import DraftFacts, DraftState, assess_drafts, state_of
from pipeline.store.workspace import Workspace
from tests.helpers import approve_in_process, make_draft

BASE = datetime.fromisoformat("2026-12-20T00:00:00+01:00")
# (name, front matter) of drafts whose state the clock decides: scheduled, then ready, then expired
TIMED = {
    "morgen": {"date": "2026-12-21T09:00:00+01:00"},
    "later-gepubliceerd": {"date": "2026-12-19T09:00:00+01:00", "publishDate": "2026-12-23T12:30:00Z"},
    "verloopt": {"date": "2026-12-19T09:00:00+01:00", "expiryDate": "2026-12-22T18:00:00+01:00"},
    "alles": {"date": "2026-12-21T00:00:00+01:00", "publishDate": "2026-12-22T00:00:00+01:00",
              "expiryDate": "2026-12-24T00:00:00+01:00"},
    # not a moment the clock's rules read (no seconds): its state never waits for it
    "zonder-seconden": {"date": "2026-12-21T09:00+01:00"},
    "nooit": {"date": "2026-12-01T09:00:00+01:00"},
}


@pytest.fixture(scope="module")
def timed_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("clock") / "ws"
    (root / ".pipeline").mkdir(parents=True)
    (root / "raw").mkdir()
    for name, meta in TIMED.items():
        make_draft(root, name, **meta)
        approve_in_process(root, name)
    make_draft(root, "wacht", date="2026-12-21T09:00:00+01:00")  # not approved: awaiting at any time
    return root


def seen(states: list[DraftState]) -> list[tuple[str, str, str, tuple[object, ...]]]:
    return [(s.rel, str(s.state), s.blocks, s.problems) for s in states]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=6 * 24 * 60), min_size=1, max_size=8))
def test_the_queue_answers_at_any_moments_as_a_fresh_assessment(timed_workspace: Path, minutes: list[int]) -> None:
    workspace = Workspace.open(timed_workspace, create=False)
    config = workspace.load_config()
    index = QueueIndex(workspace, config)
    for minute in sorted(minutes):
        moment = BASE + timedelta(minutes=minute)
        assert seen(index.states(moment)) == seen(assess_drafts(workspace, config, moment, save=False))


def test_a_states_change_is_the_first_of_its_dates_still_to_come() -> None:
    dates = (("date", "2026-12-21T00:00:00+01:00", 3), ("publishDate", "2026-12-22T00:00:00+01:00", 4),
             ("expiryDate", "2026-12-24T00:00:00+01:00", 5), ("publishDate", "2026-12-21T09:00+01:00", 6))
    facts = DraftFacts((), "t", dates[0][1], "0" * 64, dates=dates)
    at = [state_of("drafts/x.md", facts, [], Config(), BASE + timedelta(days=days)).changes_at
          for days in (0, 1, 2, 3, 4, 5)]
    assert at == [datetime.fromisoformat(value) for value in
                  ("2026-12-21T00:00:00+01:00", "2026-12-22T00:00:00+01:00", "2026-12-24T00:00:00+01:00",
                   "2026-12-24T00:00:00+01:00")] + [None, None]  # a date that has come is no longer to come
