"""Every article's history as ``lives_of`` gathers it is what adding each entry in turn (``add_to_lives``) gives,
for any entries a journal can hold: renames, moves with both ends, entries of no article, hand-edited ones."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.store.journal import Action, add_to_lives, lives_of

_PLACES = st.sampled_from(["drafts/a.md", "drafts/b.md", "published/a.md", "revisions/a.md", "drafts/x/a.md",
                           "drafts/a", "raw/a.txt", "a.md", "", "drafts/", 3, None, ["drafts/a.md"],
                           "drafts//a.md", "drafts/.md", "published/a.md.md", "Drafts/a.md", "draftsx/a.md",
                           "drafts.md", "drafts", "/drafts/a.md", "revisions/a.mdx", "published/b/c/d.md"])
_ACTIONS = st.one_of(st.sampled_from(list(Action)), st.sampled_from(["renamed", "other", 1, None, ["renamed"]]))


@st.composite
def _entries(draw: st.DrawFn) -> dict[str, Any]:
    item: dict[str, Any] = {}
    if draw(st.booleans()):
        item["action"] = draw(_ACTIONS)
    for key in ("article", "from"):
        if draw(st.booleans()):
            item[key] = draw(_PLACES)
    return item


def _one_at_a_time(entries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    lives: dict[str, list[dict[str, Any]]] = {}
    for item in entries:
        add_to_lives(lives, item)
    return lives


@settings(max_examples=500, deadline=None)
@given(st.lists(_entries(), max_size=12))
def test_the_histories_are_those_each_entry_added_in_turn_gives(entries: list[dict[str, Any]]) -> None:
    gathered = lives_of(entries)
    expected = _one_at_a_time(entries)
    assert gathered == expected
    assert list(gathered) == list(expected)  # the names in the same order
    for name, life in gathered.items():  # the very entries, not equal copies
        assert [id(item) for item in life] == [id(item) for item in expected[name]]


def test_a_rename_carries_the_history_to_the_new_name() -> None:
    ingested = {"action": Action.INGESTED, "article": "drafts/a.md"}
    renamed = {"action": Action.RENAMED, "from": "drafts/a.md", "article": "drafts/b.md"}
    approved = {"action": Action.APPROVED, "article": "drafts/b.md"}
    assert lives_of([ingested, renamed, approved]) == {"a": [ingested, renamed], "b": [ingested, renamed, approved]}
