"""The values a warm command makes for each of ten thousand drafts (a draft's facts and state, a problem,
normalise's outcome) are set in one step, not by a frozen dataclass's call per field: they stay frozen
values all the same, equal by their fields, and a damaged cache entry of a draft's facts is read again."""

from __future__ import annotations

import dataclasses
import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pipeline.stages.assess
from pipeline.model.canonical import NormaliseStatus
from pipeline.model.config import Config
from pipeline.model.problems import ERROR, WARNING, Problem
from pipeline.stages.assess import DraftFacts, DraftState, assess_drafts, state_of
from pipeline.stages.decisions import AWAITING, INVALID, NO_DECISIONS, Decisions
from pipeline.stages.normalise import NormaliseOutcome
from pipeline.store.clock import now
from pipeline.store.workspace import Workspace
from tests.helpers import make_draft

TEXT = st.text(max_size=12)
LINE = st.none() | st.integers(min_value=0, max_value=10**6)
PROBLEMS = st.lists(st.builds(Problem, TEXT, LINE, TEXT, st.sampled_from([ERROR, WARNING]), TEXT, TEXT),
                    max_size=3).map(tuple)
DATES = st.lists(st.tuples(TEXT, TEXT, LINE), max_size=3).map(tuple)


def _fields(value: Any) -> dict[str, Any]:
    return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}


def _a_frozen_value(value: Any, given_fields: dict[str, Any]) -> None:
    """Every field holds what it was given; it cannot be set; a copy with one field replaced is equal to
    a value made with that field, and differs from the first when the field does."""
    assert _fields(value) == given_fields
    name = next(iter(given_fields))
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(value, name, given_fields[name])
    assert dataclasses.replace(value) == value and hash(dataclasses.replace(value)) == hash(value)
    assert repr(value) == repr(type(value)(**given_fields))


@given(TEXT, LINE, TEXT, TEXT, TEXT, TEXT)
def test_a_problem_is_a_frozen_value(file: str, line: int | None, field: str, code: str, message: str,
                                     severity: str) -> None:
    problem = Problem(file, line, field, severity, code, message)
    _a_frozen_value(problem, {"file": file, "line": line, "field": field, "severity": severity, "code": code,
                              "message": message})
    assert Problem.from_dict(problem.as_dict()) == problem
    assert problem.as_dict() == dataclasses.asdict(problem)  # as dataclasses would write it, key for key


@given(PROBLEMS, TEXT, TEXT, TEXT, DATES)
def test_a_drafts_facts_are_a_frozen_value(problems: tuple[Problem, ...], title: str, date: str, hash_: str,
                                           dates: tuple[tuple[str, str, int | None], ...]) -> None:
    facts = DraftFacts(problems, title, date, hash_, None, dates)
    _a_frozen_value(facts, {"problems": problems, "title": title, "date": date, "hash": hash_, "article": None,
                            "dates": dates})
    assert DraftFacts.from_cached(json.loads(json.dumps(facts.as_cached()))) == facts
    assert DraftFacts(problems) == DraftFacts(problems, "", "", "", None, ())


@given(TEXT, TEXT, st.sampled_from([AWAITING, INVALID]), TEXT, PROBLEMS, st.lists(TEXT, max_size=2).map(tuple))
def test_a_drafts_state_is_a_frozen_value(rel: str, name: str, state: Any, blocks: str,
                                          problems: tuple[Problem, ...], past: tuple[str, ...]) -> None:
    coming = datetime(2027, 1, 5, tzinfo=UTC)
    made = DraftState(rel, name, state, blocks, "t", "d", "h", problems, Decisions(needed=2), None, past, coming)
    _a_frozen_value(made, {"rel": rel, "name": name, "state": state, "blocks": blocks, "title": "t", "date": "d",
                           "hash": "h", "problems": problems, "decisions": Decisions(needed=2), "article": None,
                           "past": past, "changes_at": coming})
    assert DraftState(rel, name, state, blocks).decisions == Decisions()


@given(TEXT, st.sampled_from(list(NormaliseStatus)), st.lists(TEXT, max_size=2).map(tuple), TEXT, TEXT, TEXT)
def test_a_normalise_outcome_is_a_frozen_value(draft: str, status: NormaliseStatus, changes: tuple[str, ...],
                                               reason: str, text: str, read: str) -> None:
    outcome = NormaliseOutcome(draft, status, changes, reason, text, read)
    _a_frozen_value(outcome, {"draft": draft, "status": status, "changes": changes, "reason": reason, "text": text,
                              "read": read})
    # the new text and the hash of what it was made from are carried, not compared (as before)
    assert outcome == NormaliseOutcome(draft, status, changes, reason)


def test_a_draft_nothing_was_decided_on_shares_one_value_for_its_decisions() -> None:
    facts = DraftFacts((), "Titel", "2026-02-11T08:00:00+01:00", "a" * 64, None,
                       (("date", "2026-02-11T08:00:00+01:00", 3),))
    moment = datetime(2026, 1, 5, tzinfo=UTC)
    first, second = (state_of(f"drafts/{name}.md", facts, [], Config(), moment) for name in ("een", "twee"))
    assert first.state == AWAITING and first.decisions is NO_DECISIONS and second.decisions is NO_DECISIONS
    two = dataclasses.replace(Config(), approvals_required=2)
    assert state_of("drafts/een.md", facts, [], two, moment).decisions == Decisions(needed=2)


@pytest.mark.parametrize("damage", [(3, {}), (3, ""), (3, 0), (3, []), (3, [{"file": "x"}]),
                                    (3, [{"file": "x", "line": "3", "field": "", "severity": "error", "code": "c",
                                          "message": "m"}]), (0, None), (1, 5), (2, []),
                                    # clocked dates that are not: the entry's dates come after its first four
                                    (4, ["date", None]), (4, ["date", 5, 3]), (4, ["date", "x", -1]),
                                    (4, ["date", "x", True]), (4, ["date", "x", 3, "publishDate"]),
                                    (4, [["date", "x", 3]])])
def test_a_damaged_entry_of_a_drafts_facts_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         damage: tuple[int, Any]) -> None:
    (tmp_path / "raw").mkdir()
    path = make_draft(tmp_path, "kapot", "---\ntitle: [\n---\nTekst.\n")  # invalid: its facts carry a problem
    an_hour_ago = time.time() - 3600
    os.utime(path, (an_hour_ago, an_hour_ago))
    workspace = Workspace.open(tmp_path)
    config = workspace.load_config()
    fresh = [(s.rel, s.state, s.blocks) for s in assess_drafts(workspace, config, now(config.zone), cached=True)]
    cache = workspace.state / "review-drafts.json"
    document = json.loads(cache.read_text(encoding="utf-8"))
    entry = document["entries"]["drafts/kapot.md"]
    where, value = damage
    if where == 4:
        entry[3][4:] = value
    else:
        entry[3][where] = value
    cache.write_text(json.dumps(document), encoding="utf-8")
    seen: list[str] = []
    real = pipeline.stages.assess.draft_facts
    monkeypatch.setattr(pipeline.stages.assess, "draft_facts",
                        lambda rel, *args: seen.append(rel) or real(rel, *args))  # type: ignore[func-returns-value]
    again = [(s.rel, s.state, s.blocks) for s in assess_drafts(workspace, config, now(config.zone), cached=True)]
    assert again == fresh and fresh[0][1] == INVALID
    assert seen == ["drafts/kapot.md"]  # the damaged entry was not trusted: the draft was read again


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
                    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(TEXT, inner, max_size=5), max_leaves=20)


@given(JSON)
def test_any_json_in_place_of_a_drafts_facts_is_refused_or_read_as_well_typed_facts(data: Any) -> None:
    from pipeline.store.runner import _DAMAGED

    try:
        facts = DraftFacts.from_cached(data)
    except _DAMAGED:
        return
    assert all(isinstance(value, str) for value in (facts.hash, facts.title, facts.date))
    assert all(isinstance(name, str) and isinstance(value, str) and (line is None or type(line) is int)
               for name, value, line in facts.dates)
    assert all(isinstance(problem, Problem) for problem in facts.problems)
    assert DraftFacts.from_cached(json.loads(json.dumps(facts.as_cached()))) == facts


def test_the_cached_facts_write_the_date_once() -> None:
    facts = DraftFacts((), "Titel", "2026-02-11T08:00:00+01:00", "a" * 64, None,
                       (("date", "2026-02-11T08:00:00+01:00", 3), ("expiryDate", "2026-02-11T08:00:00+01:00", 4)))
    assert json.dumps(facts.as_cached()).count("2026-02-11T08:00:00+01:00") == 2  # the date, and the expiryDate
    assert facts.as_cached() == ["a" * 64, "Titel", "2026-02-11T08:00:00+01:00", None, "date", None, 3, "expiryDate",
                                 "2026-02-11T08:00:00+01:00", 4]  # one list: no object made for each date


def test_a_review_cache_that_is_a_link_out_is_not_trusted(tmp_path: Path) -> None:
    """A cache that says the broken draft is fine, put outside and linked to: the draft is read again, and
    the file outside is never written."""
    root = tmp_path / "ws"
    (root / "raw").mkdir(parents=True)
    path = make_draft(root, "kapot", "---\ntitle: [\n---\nTekst.\n")
    an_hour_ago = time.time() - 3600
    os.utime(path, (an_hour_ago, an_hour_ago))
    workspace = Workspace.open(root)
    config = workspace.load_config()
    assess_drafts(workspace, config, now(config.zone), cached=True)
    cache = workspace.state / "review-drafts.json"
    document = json.loads(cache.read_text(encoding="utf-8"))
    document["entries"]["drafts/kapot.md"][3] = DraftFacts((), "Titel", "", "a" * 64).as_cached()
    outside = tmp_path / "forged.json"
    outside.write_text(json.dumps(document), encoding="utf-8")
    forged = outside.read_bytes()
    cache.unlink()
    cache.symlink_to(outside)
    states = assess_drafts(workspace, config, now(config.zone), cached=True)
    assert [state.state for state in states] == [INVALID]
    assert outside.read_bytes() == forged
