"""What status reads of every draft and every journal entry, looked at more cheaply, gives what it gave: each
quick path held to its plain form as it stood before (the references below), on any input."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages.moves import pending_moves
from pipeline.store.journal import DONE, Action


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
