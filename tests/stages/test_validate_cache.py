"""validate at scale: results cached by file stamp (never across a config change, never for a file
edited within the mtime granularity), and the same output on one process or several."""

from __future__ import annotations

import os
import re
import shutil
import time
from datetime import datetime
from pathlib import Path

import pytest

import pipeline.stages.validate
import pipeline.store.parallel
from pipeline.stages.validate import ValidateResult, validate_files
from pipeline.store.workspace import Workspace
from tests.conftest import REPO
from tests.helpers import cli
from tests.stages.test_validate import BROKEN, DRAFT, VALID

NOW = datetime.fromisoformat("2026-11-23T10:00:00+01:00")
AN_HOUR_AGO = time.time() - 3600


def _workspace(root: Path) -> Workspace:
    """Every broken and valid article of the validate table as a draft, all dated an hour ago."""
    drafts = root / "drafts"
    drafts.mkdir(parents=True)
    shutil.copyfile(REPO / "pipeline.toml", root / "pipeline.toml")
    for number, (name, text, published, *_rest) in enumerate([*BROKEN, *VALID]):
        if published:
            continue
        path = drafts / f"{number:03d}-{re.sub(r'[^a-z0-9]+', '-', name)}.md"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    (drafts / "zz-example.md").write_text(DRAFT, encoding="utf-8")
    os.utime(drafts / "zz-example.md", (AN_HOUR_AGO, AN_HOUR_AGO))
    return Workspace.open(root)


def _run(workspace: Workspace, jobs: int = 1, paths: list[Path] | None = None) -> ValidateResult:
    return validate_files(workspace, workspace.load_config(), paths, False, NOW, jobs)


def _as_lines(result: ValidateResult) -> list[str]:
    return [*result.files, *(problem.one_line() for problem in result.problems)]


def _checked_files(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records the files validate actually reads and checks (rather than takes from its cache)."""
    seen: list[str] = []
    real = pipeline.stages.validate.check_file

    def counting(data: bytes, rel: str, *args: object) -> pipeline.stages.validate.FileCheck:
        seen.append(rel)
        return real(data, rel, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline.stages.validate, "check_file", counting)
    return seen


def test_two_processes_give_what_one_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A pool from two files on, and small batches: several batches on real worker processes.
    monkeypatch.setattr(pipeline.store.parallel, "MIN_ITEMS_FOR_POOL", 2)
    monkeypatch.setattr(pipeline.stages.validate, "BATCH_SIZE", 9)
    single = _run(_workspace(tmp_path / "one"), jobs=1)
    double = _run(_workspace(tmp_path / "two"), jobs=2)
    assert _as_lines(double) == _as_lines(single)
    assert len(single.files) > 50 and len(single.errors) > 50


def test_the_second_run_reads_nothing_and_reports_the_same(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = _workspace(tmp_path)
    first = _run(workspace)
    assert (workspace.state / "validate-drafts.json").is_file()
    seen = _checked_files(monkeypatch)
    second = _run(workspace)
    assert seen == []
    assert _as_lines(second) == _as_lines(first)


def test_an_edited_file_is_checked_again_even_with_the_same_size_and_mtime(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = _workspace(tmp_path)
    valid = workspace.drafts / "zz-example.md"
    os.utime(valid, None)  # just written: its mtime cannot yet tell a later edit apart
    _run(workspace)
    text = valid.read_text(encoding="utf-8")
    stamp = valid.stat()
    edited = text.replace('sectie: "werk"', 'sectie: "XXXX"')
    assert edited != text and len(edited) == len(text)
    valid.write_text(edited, encoding="utf-8")
    os.utime(valid, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # same size, same mtime, same inode
    seen = _checked_files(monkeypatch)
    result = _run(workspace)
    assert workspace.rel(valid) in seen and len(seen) == 1
    assert any(p.file == workspace.rel(valid) and p.field == "sectie" for p in result.errors)


def test_a_file_changed_on_disk_is_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = _workspace(tmp_path)
    _run(workspace)
    changed = sorted(workspace.drafts.iterdir())[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(changed, (AN_HOUR_AGO + 60, AN_HOUR_AGO + 60))
    seen = _checked_files(monkeypatch)
    _run(workspace)
    assert seen == [workspace.rel(changed)]


def test_a_config_change_makes_every_result_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = _workspace(tmp_path)
    first = _run(workspace)
    config = workspace.root / "pipeline.toml"
    text = config.read_text(encoding="utf-8")
    assert "\nmin_words = 150\n" in text
    config.write_text(text.replace("\nmin_words = 150\n", "\nmin_words = 5\n"), encoding="utf-8")
    seen = _checked_files(monkeypatch)
    second = _run(workspace)
    assert sorted(seen) == sorted(first.files)
    assert {p.code for p in first.problems} - {p.code for p in second.problems} >= {"min-words"}


def test_validating_some_files_keeps_the_cache_of_the_others(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = _workspace(tmp_path)
    everything = _run(workspace)
    one = sorted(workspace.drafts.iterdir())[3]
    assert _run(workspace, paths=[one]).files == [workspace.rel(one)]
    seen = _checked_files(monkeypatch)
    assert _as_lines(_run(workspace)) == _as_lines(everything)
    assert seen == []


def test_a_broken_or_unwritable_cache_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = _workspace(tmp_path)
    first = _run(workspace)
    cache = workspace.state / "validate-drafts.json"
    cache.write_text("{not json", encoding="utf-8")
    assert _as_lines(_run(workspace)) == _as_lines(first)
    # A cache no one can write, root included: a folder that is not empty where the file goes (no rename
    # puts a file over it). Every file is checked, the write is tried and fails, and that is all.
    cache.unlink()
    cache.mkdir()
    (cache / "kept.txt").write_text("not the pipeline's", encoding="utf-8")
    tried: list[tuple[str, str]] = []
    real = Workspace.write_state

    def write_state(self: Workspace, name: str, document: object) -> None:
        try:
            real(self, name, document)
        except OSError as error:
            tried.append((name, type(error).__name__))
            raise
        tried.append((name, "written"))

    monkeypatch.setattr(Workspace, "write_state", write_state)
    seen = _checked_files(monkeypatch)
    for _ in range(2):
        assert _as_lines(_run(workspace)) == _as_lines(first)
    assert tried == [("validate-drafts.json", "IsADirectoryError")] * 2
    assert sorted(seen) == sorted(first.files * 2)  # nothing taken from the cache, both times
    assert [path.name for path in cache.iterdir()] == ["kept.txt"]
    assert not list(workspace.state.glob(".tmp-*.part"))  # the failed write left nothing behind


def test_the_command_takes_jobs_and_prints_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json


    monkeypatch.setattr(pipeline.store.parallel, "MIN_ITEMS_FOR_POOL", 2)
    outputs = []
    for jobs in ("1", "2"):
        root = tmp_path / f"jobs-{jobs}"
        _workspace(root)
        result = cli(root, "validate", "--json", "--jobs", jobs)
        assert result.exit_code == 1, result.output
        outputs.append(json.loads(result.stdout))
    assert outputs[0] == outputs[1] and len(outputs[0]) > 50


def test_a_damaged_entry_is_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    workspace = _workspace(tmp_path)
    first = _run(workspace)
    cache_file = workspace.state / "validate-drafts.json"
    document = json.loads(cache_file.read_text(encoding="utf-8"))
    damaged = sorted(document["entries"])[2]
    document["entries"][damaged][3] = [None, None, ["too", "few"]]
    cache_file.write_text(json.dumps(document), encoding="utf-8")
    seen = _checked_files(monkeypatch)
    assert _as_lines(_run(workspace)) == _as_lines(first)
    assert seen == [damaged]


def test_a_draft_named_in_undecodable_bytes_is_invalid_with_its_reason_and_stops_nothing(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    (root / "raw").mkdir(parents=True)
    (root / "drafts").mkdir()
    (root / ".pipeline").mkdir()
    name = os.fsdecode(b"latin-\xe9.md")  # a name from a Latin-1 file system: lone surrogates in Python
    (root / "drafts" / name).write_text(DRAFT, encoding="utf-8")
    os.utime(root / "drafts" / name, (AN_HOUR_AGO, AN_HOUR_AGO))
    why = "its file name is not UTF-8 text: rename it"
    for command, code in ((["validate"], 1), (["normalise"], 1), (["status"], 0), (["review"], 0), (["run"], 0),
                          (["approve", str(root / "drafts" / name), "--by", "anna"], 2)):
        result = cli(root, *command)
        assert result.exit_code == code, (command, result.output, result.exception)
        assert "internal error" not in result.output
        if command[0] in ("validate", "normalise", "review", "approve"):
            assert why in result.output, (command, result.output)
    assert (root / "drafts" / name).read_text(encoding="utf-8") == DRAFT  # never rewritten
    assert "latin" not in (root / ".pipeline" / "journal.jsonl").read_text(encoding="utf-8") \
        if (root / ".pipeline" / "journal.jsonl").exists() else True
