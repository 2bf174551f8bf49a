"""What an editorial command commits: the files its journal lines name, never a name out of the editorial
folders (a journal line is data: whatever it says, nothing outside drafts/, published/, updates/ and
revisions/ is committed), and its lines once, never again those a commit of its own already holds."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from pipeline.stages.travel import EDITORIAL, journalled_names, uncommitted


def test_the_files_an_entry_names_are_its_article_its_old_name_and_its_update_each_once() -> None:
    entries = [{"action": "renaming", "article": "drafts/b.md", "from": "drafts/a.md"},
               {"action": "renamed", "article": "drafts/b.md", "from": "drafts/a.md"},
               {"action": "update-dismissed", "article": "drafts/b.md", "update": "updates/b.md"},
               {"action": "duplicate-merged", "article": "drafts/c.md", "duplicate_of": "drafts/other.md"},
               {"action": "ingested", "article": "drafts/d.md", "source": "raw/d.html"}]
    assert journalled_names(entries) == ["drafts/b.md", "drafts/a.md", "updates/b.md", "drafts/c.md", "drafts/d.md"]


def test_names_that_lead_elsewhere_are_left_out() -> None:
    hostile = ["drafts/../../etc/passwd", "/etc/passwd", "raw/a.md", ".pipeline/journal.jsonl", "drafts/",
               "drafts/./a.md", "drafts/a\0.md", "drafts\\..\\x.md", "published/" + "a/" * 3000, "", "drafts",
               "../drafts/a.md"]
    entries: list[dict[str, Any]] = [{"article": name} for name in hostile]
    entries += [{"article": ["drafts/a.md"]}, {"from": {"x": 1}}, {"update": 12}]
    assert journalled_names(entries) == []


@given(st.lists(st.dictionaries(st.sampled_from(["article", "from", "update", "source"]),
                                st.one_of(st.text(), st.sampled_from(["drafts/", "published/", "..", "/"])
                                          .flatmap(lambda head: st.text().map(lambda tail: head + tail))),
                                max_size=4), max_size=6))
def test_a_name_committed_is_never_outside_an_editorial_folder(entries: list[dict[str, Any]]) -> None:
    for name in journalled_names(entries):
        parts = PurePosixPath(name).parts
        assert name.startswith(EDITORIAL) and ".." not in parts and not name.startswith("/") and "\0" not in name


def test_lines_a_commit_already_holds_are_not_committed_again() -> None:
    committed = b'{"a": 1}\n{"b": 2}\n'
    appended = b'{"b": 2}\n{"c": 3}\n\n'
    assert uncommitted(appended, committed) == b'{"c": 3}\n'
    assert uncommitted(appended, None) == b'{"b": 2}\n{"c": 3}\n'
    assert uncommitted(b"", committed) == b""


def test_the_subject_says_the_command_what_its_journal_did_and_to_which_files() -> None:
    from pipeline.stages.travel import commit_subject

    entries = [{"action": "renaming"}, {"action": "renamed"}]
    assert commit_subject("rename", entries, ["drafts/b.md", "drafts/a.md"]) == \
        "rename (renaming, renamed) drafts/b.md, drafts/a.md"
    many = [f"drafts/{n}.md" for n in range(8)]
    assert commit_subject("run", [{"action": "ingested"}] * 8, many).endswith("drafts/4.md and 3 more")
    assert commit_subject("ingest", [{"action": "set-aside"}], []) == "ingest (set-aside) the journal"
