"""What status reads of every draft and every journal entry, looked at more cheaply, gives what it gave: each
quick path held to its plain form as it stood before (the references below), on any input."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages.assess import _tells_state, journal_tells
from pipeline.stages.waiting import UPDATE_ACTIONS, actions_in, may_hold, pending_moves, waiting_updates
from pipeline.store.journal import DONE, Action, lives_of
from pipeline.store.witness import DECIDED


def _old_pending_moves(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    open_moves: dict[tuple[str, str], dict[str, Any]] = {}
    for item in entries:
        key = (str(item.get("from", "")), str(item.get("article", "")))
        action = item.get("action")
        if action in DONE:
            open_moves[key] = item
        elif action in (*DONE.values(), Action.MOVE_ABANDONED):
            open_moves.pop(key, None)
    return list(open_moves.values())


_PLACES = st.sampled_from(["drafts/a.md", "published/a.md", "drafts/b.md", "", 1, None])
_ACTIONS = st.sampled_from([*[str(action) for action in Action], "other", 3, None])
_ENTRY = st.builds(lambda action, article, origin, extra: {
    **({"action": action} if action is not None else {}), **({"article": article} if article is not None else {}),
    **({"from": origin} if origin is not None else {}), **({"n": extra} if extra else {})},
    _ACTIONS, _PLACES, _PLACES, st.integers(0, 3))


@settings(max_examples=400, deadline=None)
@given(st.lists(_ENTRY, max_size=30))
def test_the_moves_left_open_are_found_as_before(entries: list[dict[str, Any]]) -> None:
    assert pending_moves(entries) == _old_pending_moves(entries)


# An action as a journal written by hand may hold it: the pipeline's, others, numbers, NaN, None, a list, a mapping.
_ANY_ACTION = st.one_of(st.sampled_from([*[str(action) for action in Action], "other", "Approved", "approved "]),
                        st.integers(-1, 3), st.just(float("nan")), st.none(), st.booleans(),
                        st.lists(st.sampled_from(["approved", "promoting"]), max_size=2),
                        st.dictionaries(st.just("approved"), st.integers(0, 1), max_size=1))
_ANY_ENTRY = st.builds(lambda action, article, origin, mark: {
    **({"action": action} if action != "(none)" else {}), **({"article": article} if article is not None else {}),
    **({"from": origin} if origin is not None else {}), **({"duplicate_of": "drafts/b.md"} if mark else {})},
    _ANY_ACTION | st.just("(none)"), _PLACES, _PLACES, st.integers(0, 5).map(lambda n: n == 0))
_WANTED = [DONE, UPDATE_ACTIONS, DECIDED, ("approved", "rejected", "unpublished", "update-waiting")]


@settings(max_examples=500, deadline=None)
@given(st.lists(_ANY_ENTRY, max_size=12))
def test_the_actions_the_journal_holds_say_what_comparing_each_entry_says(entries: list[dict[str, Any]]) -> None:
    held = actions_in(entries)
    hashable = all(isinstance(item.get("action"), str | int | float | None) for item in entries)
    assert (held is None) == (not hashable)
    for wanted in _WANTED:
        found = hashable and any(item.get("action") in tuple(wanted) for item in entries)
        assert may_hold(held, wanted) == (found or not hashable)


def _outcome(look: Callable[[], Any]) -> Any:
    try:
        return look()
    except TypeError as error:  # (a list for an action: the look raises as it did)
        return type(error)


@settings(max_examples=500, deadline=None)
@given(st.lists(_ANY_ENTRY, max_size=12))
def test_the_looks_status_leaves_out_would_have_found_nothing(entries: list[dict[str, Any]]) -> None:
    # status makes each look only when the journal may hold its actions: what it has then is the look's answer
    held = actions_in(entries)
    assert _outcome(lambda: pending_moves(entries) if may_hold(held, DONE) else []) == \
        _outcome(lambda: pending_moves(entries))
    assert _outcome(lambda: waiting_updates(entries) if may_hold(held, UPDATE_ACTIONS) else {}) == \
        _outcome(lambda: waiting_updates(entries))
    decided = [item for item in entries if item.get("action") in DECIDED]
    assert decided == [] or may_hold(held, DECIDED)


@settings(max_examples=500, deadline=None)
@given(st.lists(_ANY_ENTRY, max_size=12))
def test_a_journal_that_tells_nothing_holds_no_history_that_tells(entries: list[dict[str, Any]]) -> None:
    histories = _outcome(lambda: lives_of(entries))
    if histories is TypeError:
        return
    if not journal_tells(entries):
        assert not any(_tells_state(history) for history in histories.values())
    # it says so of a journal with an entry that tells, and of no other but one whose actions cannot all be hashed
    # (a list for an action: then every history is looked at, as before)
    tells = any(_tells_state([item]) for item in entries)
    assert journal_tells(entries) == (tells or actions_in(entries) is None)
