"""Outside git, which operating-system user wrote each decision: a line appended by hand, with the
right link to the line before it, is shown by status."""

from __future__ import annotations

import hashlib
import json
import os
import pwd
from pathlib import Path

import pytest

from tests.helpers import cli, make_draft


def _append_by_hand(root: Path, article: str, by: str) -> None:
    """An approval written into the journal by hand, chained to the line before it as the pipeline does."""
    journal = root / ".pipeline" / "journal.jsonl"
    last = journal.read_bytes().rstrip(b"\n").rsplit(b"\n", 1)[-1]
    review = json.loads(cli(root, "review", "--json").stdout)
    current = next(d for d in review if d["draft"] == article)["hash"]
    line = {"time": "2026-11-23T10:05:00+01:00", "action": "approved", "article": article, "by": by,
            "hash": current, "actor": by, "os_user": pwd.getpwuid(os.getuid()).pw_name,
            "prev": hashlib.sha256(last).hexdigest()[:16]}
    with journal.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(line, ensure_ascii=False) + "\n")


def test_a_decision_appended_by_hand_with_the_right_link_is_shown_by_status(tmp_path: Path) -> None:
    make_draft(tmp_path, "a")
    make_draft(tmp_path, "b")
    assert cli(tmp_path, "approve", "a", "--by", "Anna").exit_code == 0
    _append_by_hand(tmp_path, "drafts/b.md", "Bob")
    status = json.loads(cli(tmp_path, "status", "--json").stdout)
    assert [(e["article"], e["by"]) for e in status["unwitnessed"]] == [("drafts/b.md", "Bob")]
    assert any(line.startswith("decisions on 1 draft(s) were written by no operating-system user through the "
                               "pipeline (drafts/b.md)") for line in status["next"]), status["next"]


def test_decisions_the_pipeline_wrote_are_witnessed(tmp_path: Path) -> None:
    make_draft(tmp_path, "a")
    make_draft(tmp_path, "b")
    assert cli(tmp_path, "approve", "a", "--by", "Anna").exit_code == 0
    assert cli(tmp_path, "reject", "b", "--by", "Bob", "--reason", "bron ontbreekt").exit_code == 0
    status = json.loads(cli(tmp_path, "status", "--json").stdout)
    assert "unwitnessed" not in status and not any("operating-system user" in line for line in status["next"])


@pytest.mark.skipif(os.getuid() != 0, reason="giving a file to another user needs root")
def test_a_witness_file_owned_by_another_user_is_no_witness(tmp_path: Path) -> None:
    make_draft(tmp_path, "a")
    assert cli(tmp_path, "approve", "a", "--by", "Anna").exit_code == 0
    os.chown(tmp_path / ".pipeline" / "written-by" / str(os.getuid()), 4321, 4321)
    status = json.loads(cli(tmp_path, "status", "--json").stdout)
    assert [e["article"] for e in status["unwitnessed"]] == ["drafts/a.md"]


def test_the_witness_folder_is_sticky_so_no_one_replaces_another_user_s_file(tmp_path: Path) -> None:
    make_draft(tmp_path, "a")
    assert cli(tmp_path, "approve", "a", "--by", "Anna").exit_code == 0
    assert os.stat(tmp_path / ".pipeline" / "written-by").st_mode & 0o1000


def test_the_users_files_are_read_only_for_a_journal_that_holds_a_decision(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A newsroom's journal is mostly ingestions: status asks which decisions no user wrote, and without a decision
    # no user's file (ten thousand hashes each) need be read.
    from pipeline.store import witness

    read: list[Path] = []
    real = witness._witnessed
    monkeypatch.setattr(witness, "_witnessed", lambda state: read.append(state) or real(state))
    ingested = [{"action": "ingested", "article": "drafts/a.md"}, {"action": "refreshed", "article": "drafts/a.md"}]
    assert witness.unwitnessed(tmp_path, ingested, [b"{}", b"{}"]) == [] and read == []
    approved = {"action": "approved", "article": "drafts/a.md", "by": "Anna"}
    assert witness.unwitnessed(tmp_path, [*ingested, approved], [b"{}", b"{}", b"{1}"]) == [approved]
    assert read == [tmp_path]
