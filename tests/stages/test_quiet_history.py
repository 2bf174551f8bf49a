"""A draft's history that decides nothing (most drafts: their ingestion alone) is read as no history:
whatever the journal holds, the state is the one a full reading of the history gives."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pipeline.stages.assess
from pipeline.model.config import Config
from pipeline.model.problems import ERROR, Problem
from pipeline.stages.assess import DraftFacts, DraftState, state_of
from pipeline.stages.decisions import AWAITING, POSSIBLE_DUPLICATE, READY, REJECTED_STATE, SOURCE_UPDATED
from pipeline.store.journal import Action

MOMENT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
CURRENT = "a" * 64
NAMES = ("drafts/een.md", "drafts/een.md", "drafts/twee.md", "published/een.md", "revisions/een.md", "raw/een.txt",
         "elders")
# the actions that tell a state, and an ingestion, drawn more often than the rest
ACTIONS = ("ingested", "ingested", "ingested", "approved", "rejected", "unpublished", "update-waiting",
           "update-waiting", *(str(a) for a in Action), "", "approve")

_values = st.one_of(st.sampled_from([CURRENT, "b" * 64, "", "ana", "bo", "drafts/twee.md", "updates/een.md"]),
                    st.none(), st.integers(-2, 2), st.lists(st.text(max_size=2), max_size=2))
_entries = st.fixed_dictionaries(
    {"action": st.sampled_from(ACTIONS) | st.none() | st.lists(st.integers(), max_size=1)},
    optional={"article": st.sampled_from(NAMES[:-1]), "from": st.sampled_from(NAMES), "by": _values, "hash": _values,
              "time": st.sampled_from(["2026-11-20T09:00:00+00:00", "2026-11-21T09:00:00+00:00", ""]),
              "update": _values, "reason": _values, "note": _values,
              "unchained": st.booleans(), "uncounted": st.sampled_from(["not signed", ""]),
              "actor": _values, "signer_key": _values})
# A possible duplicate's mark on one entry in three: on most, it would make every history one that tells.
_entries = st.tuples(_entries, st.integers(0, 2), _values).map(
    lambda made: {**made[0], "duplicate_of": made[2]} if made[1] == 0 else made[0])
_facts = st.builds(
    DraftFacts, st.sampled_from([(), (Problem("drafts/een.md", 3, "title", ERROR, "required", "title is missing"),)]),
    st.just("Een"), st.just("2026-11-20T00:00:00+01:00"), st.just(CURRENT),
    dates=st.sampled_from([(), (("date", "2026-11-20T00:00:00+01:00", 3),), (("date", "2026-12-20T00:00:00+01:00", 3),),
                           (("expiryDate", "2026-11-01T00:00:00+01:00", 5),)]))


def _read_whole(rel: str, facts: DraftFacts, history: list[dict[str, Any]], config: Config) -> DraftState:
    """The state with every history read in full, as before any history was read as none."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline.stages.assess, "_tells_state", lambda history: True)
        return state_of(rel, facts, history, config, MOMENT)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rel=st.sampled_from(["drafts/een.md", "revisions/een.md", "drafts/map/een.md"]),
       facts=_facts, history=st.lists(_entries, max_size=6), reviewers=st.sampled_from([(), ("ana",)]),
       approvals=st.sampled_from([1, 2]))
def test_a_history_read_as_none_gives_the_state_a_whole_reading_gives(rel: str, facts: DraftFacts,
                                                                      history: list[dict[str, Any]],
                                                                      reviewers: tuple[str, ...],
                                                                      approvals: int) -> None:
    config = replace(Config(), reviewers=reviewers, approvals_required=approvals)
    assert state_of(rel, facts, history, config, MOMENT) == _read_whole(rel, facts, history, config)


@pytest.mark.parametrize(("entry", "state"), [
    ({"action": "ingested", "article": "drafts/een.md", "source": "raw/een.txt"}, AWAITING),
    ({"action": "approved", "article": "drafts/een.md", "by": "ana", "hash": CURRENT}, READY),
    ({"action": "rejected", "article": "drafts/een.md", "by": "ana", "hash": CURRENT, "reason": "te kort"},
     REJECTED_STATE),
    ({"action": "update-waiting", "article": "drafts/een.md", "update": "updates/een.md"}, SOURCE_UPDATED),
    ({"action": "ingested", "article": "drafts/een.md", "duplicate_of": "drafts/twee.md"}, POSSIBLE_DUPLICATE),
])
def test_each_kind_of_entry_that_tells_a_state_is_read(entry: dict[str, Any], state: str) -> None:
    facts = DraftFacts((), "Een", "2026-11-20T00:00:00+01:00", CURRENT,
                       dates=(("date", "2026-11-20T00:00:00+01:00", 3),))
    history = [{"action": "ingested", "article": "drafts/een.md", "time": "2026-11-20T08:00:00+00:00"},
               {"time": "2026-11-20T09:00:00+00:00", **entry}]
    assert state_of("drafts/een.md", facts, history, Config(), MOMENT).state == state


def test_an_unpublished_draft_keeps_its_past() -> None:
    facts = DraftFacts((), "Een", "2026-11-20T00:00:00+01:00", CURRENT)
    history = [{"action": "promoted", "article": "published/een.md", "from": "drafts/een.md"},
               {"action": "unpublished", "article": "drafts/een.md", "from": "published/een.md", "by": "bo",
                "reason": "fout"}]
    assert state_of("drafts/een.md", facts, history, Config(), MOMENT).past == ("came back: unpublished by bo (fout)",)
