"""Temporary files a killed write left behind (``.tmp-*.part``) are removed by the next run that
writes; never one a running write may still own."""

from __future__ import annotations

import fcntl
import json
import os
import time
from pathlib import Path

from pipeline.store.atomic import STALE_AFTER, Temporary
from pipeline.store.workspace import Workspace
from tests.helpers import cli


def _left(path: Path, age: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("half an article")
    moment = time.time() - age
    os.utime(path, (moment, moment))
    return path


def test_the_next_run_removes_what_killed_writes_left(workspace: Path) -> None:
    old = STALE_AFTER + 60
    stale = [_left(workspace / folder / ".tmp-abc123.part", old)
             for folder in ("drafts", "drafts/2026", "published", ".pipeline", ".")]
    fresh = _left(workspace / "drafts" / ".tmp-fresh.part", 5)
    other = _left(workspace / "drafts" / ".tmp-notes.txt", old)  # not a name a write makes
    result = cli(workspace, "ingest")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert [path for path in stale if path.exists()] == []
    assert fresh.exists() and other.exists()


def test_a_temporary_file_a_running_write_holds_is_never_removed(workspace: Path) -> None:
    owned = _left(workspace / "drafts" / ".tmp-owned.part", STALE_AFTER + 60)
    with open(owned, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # as a write does from making it until it is renamed
        assert cli(workspace, "ingest").exit_code == 0
        assert owned.exists()
    assert cli(workspace, "ingest").exit_code == 0
    assert not owned.exists()


def test_a_write_holds_its_temporary_file_until_it_is_in_place(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    with Temporary(target, "text") as temporary:
        moment = time.time() - STALE_AFTER - 60
        os.utime(temporary.name, (moment, moment))
        assert Workspace(tmp_path).remove_stale_temporary_files() == []
        os.replace(temporary.name, target)
        temporary.placed = True
    assert target.read_text() == "text"
    assert [path.name for path in tmp_path.iterdir()] == ["a.md"]


def test_run_says_what_it_removed_only_when_it_removed_something(workspace: Path) -> None:
    quiet = json.loads(cli(workspace, "run", "--json").stdout)
    assert "cleaned" not in quiet and "cleanup" not in quiet["counts"]
    _left(workspace / "drafts" / ".tmp-abc123.part", STALE_AFTER + 60)
    document = json.loads(cli(workspace, "run", "--json").stdout)
    assert document["cleaned"] == ["drafts/.tmp-abc123.part"]
    assert document["counts"]["cleanup"] == {"removed": 1}
    _left(workspace / "published" / ".tmp-def456.part", STALE_AFTER + 60)
    plain = cli(workspace, "run").stdout
    assert "cleanup: 1 removed" in plain.splitlines()
