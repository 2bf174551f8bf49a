"""status and review look at every draft: the facts of an unchanged draft come from a cache in
.pipeline/, while decisions and the clock are applied afresh on every run."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import pipeline.stages.assess
import pipeline.store.parallel
from pipeline.stages.assess import assess_drafts
from pipeline.stages.decisions import AWAITING, READY, VOID
from pipeline.stages.status import workspace_status
from pipeline.store.clock import now
from pipeline.store.workspace import Workspace
from tests.helpers import approve_in_process, make_draft

if TYPE_CHECKING:
    from pipeline.store.state_files import JournalLines

AN_HOUR_AGO = time.time() - 3600


def _drafts(root: Path, count: int) -> list[Path]:
    (root / "raw").mkdir(parents=True, exist_ok=True)
    paths = [make_draft(root, f"artikel-{number:02d}") for number in range(count)]
    paths.append(make_draft(root, "kapot", "---\ntitle: [\n---\nTekst.\n"))
    for path in paths:
        os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    return paths


def _states(root: Path, cached: bool, jobs: int = 1) -> list[tuple[str, str, str, str]]:
    workspace = Workspace.open(root)
    config = workspace.load_config()
    return [(s.rel, s.state, s.blocks, s.hash)
            for s in assess_drafts(workspace, config, now(config.zone), cached=cached, jobs=jobs)]


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = pipeline.stages.assess.draft_facts

    def counting(rel: str, *args: object) -> pipeline.stages.assess.DraftFacts:
        seen.append(rel)
        return real(rel, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline.stages.assess, "draft_facts", counting)
    return seen


def test_cached_states_are_the_states(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _drafts(tmp_path, 6)
    approve_in_process(tmp_path, "artikel-01")
    fresh = _states(tmp_path, cached=False)
    assert _states(tmp_path, cached=True) == fresh
    seen = _counted(monkeypatch)
    assert _states(tmp_path, cached=True) == fresh
    assert seen == []
    assert {state for _rel, state, _blocks, _hash in fresh} >= {READY, AWAITING, "invalid"}


def test_a_decision_counts_at_once_though_the_draft_is_cached(tmp_path: Path) -> None:
    _drafts(tmp_path, 2)
    before = dict((rel, state) for rel, state, _b, _h in _states(tmp_path, cached=True))
    assert before["drafts/artikel-00.md"] == AWAITING
    approve_in_process(tmp_path, "artikel-00")
    after = dict((rel, state) for rel, state, _b, _h in _states(tmp_path, cached=True))
    assert after["drafts/artikel-00.md"] == READY


def test_an_edit_that_keeps_size_and_mtime_still_voids_the_approval(tmp_path: Path) -> None:
    paths = _drafts(tmp_path, 1)
    os.utime(paths[0], None)  # just written, as an editor's save would be
    approve_in_process(tmp_path, "artikel-00")
    assert _states(tmp_path, cached=True)[0][1] == READY
    stamp = paths[0].stat()
    text = paths[0].read_text(encoding="utf-8")
    edited = text.replace("Artikel artikel-00", "Artikel ARTIKEL-00")
    assert edited != text and len(edited) == len(text)
    paths[0].write_text(edited, encoding="utf-8")
    os.utime(paths[0], ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert _states(tmp_path, cached=True)[0][1] == VOID


def test_on_two_processes_the_states_are_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline.store.parallel, "MIN_ITEMS_FOR_POOL", 2)
    _drafts(tmp_path, 5)
    approve_in_process(tmp_path, "artikel-03")
    assert _states(tmp_path, cached=True, jobs=2) == _states(tmp_path, cached=False, jobs=1)


def test_status_counts_from_the_cache_as_from_the_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _drafts(tmp_path, 4)
    workspace = Workspace.open(tmp_path)
    first = workspace_status(workspace, workspace.load_config())
    assert (workspace.state / "review-drafts.json").is_file()
    seen = _counted(monkeypatch)
    assert workspace_status(workspace, workspace.load_config()) == first
    assert seen == []
    assert first["counts"]["drafts"] == 5 and first["counts"]["drafts_invalid"] == 1


def test_status_as_a_table_makes_no_row_per_draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    import pipeline.stages.status
    from tests.helpers import cli

    _drafts(tmp_path, 3)
    (tmp_path / "pipeline.toml").touch()
    rows: list[str] = []
    real = pipeline.stages.status.blocks_of

    def counting(draft: pipeline.stages.assess.DraftState) -> list[dict[str, object]]:
        rows.append(draft.rel)
        return real(draft)

    monkeypatch.setattr(pipeline.stages.status, "blocks_of", counting)
    table = cli(tmp_path, "status")
    assert table.exit_code == 0 and "drafts\t4" in table.stdout and "drafts invalid\t1" in table.stdout
    assert rows == []  # the table shows counts: no draft's row is made for it
    listed = json.loads(cli(tmp_path, "status", "--json").stdout)
    assert [row["draft"] for row in listed["drafts"]] == rows == sorted(rows)
    assert len(rows) == 4 and listed["counts"]["drafts_invalid"] == 1


def test_status_reads_the_journal_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The decisions, the moves cut short and the check of who wrote each decision all come from one
    reading of the journal, however long it has grown."""
    _drafts(tmp_path, 3)
    approve_in_process(tmp_path, "artikel-00")
    workspace = Workspace.open(tmp_path)
    opened: list[str] = []
    real = Workspace.open_state

    def counting(self: Workspace, path: Path, flags: int, mode: int = 0o644) -> int:
        opened.append(path.name)
        return real(self, path, flags, mode)

    monkeypatch.setattr(Workspace, "open_state", counting)
    status = workspace_status(workspace, workspace.load_config())
    assert status["counts"]["approved"] == 1 and "unwitnessed" not in status
    assert opened.count("journal.jsonl") == 1


@pytest.mark.parametrize("record", ["as ingest left it", "missing", "behind a rewritten journal"])
def test_status_reads_the_journal_once_when_raw_files_wait(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          record: str) -> None:
    """With raw files to count, the ingest record is brought up to date from status's own reading of the
    journal: decisions after the last ingest, a record rebuilt, a journal rewritten before where it read."""
    from pipeline.stages.ingest import run_ingest

    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "stuk.txt").write_text("date 2026-02-11\n" + "Een zin over banen en werk. " * 40,
                                             encoding="utf-8")
    workspace = Workspace.open(tmp_path)
    run_ingest(workspace, workspace.load_config())
    make_draft(tmp_path, "artikel-00")
    approve_in_process(tmp_path, "artikel-00")  # journalled after where the record read up to
    (tmp_path / "raw" / "nieuw.txt").write_text("date 2026-02-12\n" + "Een zin over de haven. " * 40,
                                              encoding="utf-8")
    if record == "missing":
        (workspace.state / "ingested.json").unlink()
    elif record == "behind a rewritten journal":
        journal = workspace.journal_path.read_bytes()
        workspace.journal_path.write_bytes(b'{"action": "note"}\n' + journal)
    opened: list[str] = []
    readings: list[int] = []
    real_open, real_read = Workspace.open_state, Workspace.read_journal_lines

    def counting(self: Workspace, path: Path, flags: int, mode: int = 0o644) -> int:
        opened.append(path.name)
        return real_open(self, path, flags, mode)

    def reading(self: Workspace, start: int = 0) -> JournalLines:
        readings.append(start)
        return real_read(self, start)

    monkeypatch.setattr(Workspace, "open_state", counting)
    monkeypatch.setattr(Workspace, "read_journal_lines", reading)
    workspace = Workspace.open(tmp_path)
    counts = workspace_status(workspace, workspace.load_config())["counts"]
    # a record that is missing or behind a rewritten journal is rebuilt from the drafts, which know their
    # source file by its bytes, not its path: ingest reads stuk.txt again to find it known
    waiting = 1 if record == "as ingest left it" else 2
    assert (counts["raw_waiting"], counts["raw_failed"], counts["approved"]) == (waiting, 0, 1)
    assert readings == [0]
    if record != "behind a rewritten journal":  # (there, the mark of the line it read up to is looked up too)
        assert opened.count("journal.jsonl") == 1


def test_promote_decides_on_a_fresh_reading_of_what_looks_eligible(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.stages.promote import promote

    _drafts(tmp_path, 3)
    workspace = Workspace.open(tmp_path)
    config = workspace.load_config()
    workspace_status(workspace, config)  # every draft's facts now cached
    approve_in_process(tmp_path, "artikel-02")
    seen = _counted(monkeypatch)
    result = promote(workspace, config, now(config.zone))
    assert [(m.article, m.status) for m in result.moves] == [("drafts/artikel-02.md", "promoted")]
    assert seen == ["drafts/artikel-02.md"]  # read again before the move; the others came from the cache
    assert (tmp_path / "published" / "artikel-02.md").is_file()


def test_normalise_does_not_read_a_canonical_draft_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.model.canonical
    import pipeline.stages.normalise
    from pipeline.stages.normalise import normalise_files

    paths = _drafts(tmp_path, 3)
    workspace = Workspace.open(tmp_path)
    config = workspace.load_config()
    first = normalise_files(workspace, config, None, now(config.zone))
    seen: list[str] = []
    real = pipeline.stages.normalise.normalise_text

    def counting(text: str, config: object, rel: str) -> pipeline.model.canonical.NormalisedText:
        seen.append(rel)
        return real(text, config, rel)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline.stages.normalise, "normalise_text", counting)
    assert normalise_files(workspace, config, None, now(config.zone)) == first
    assert seen == []
    text = paths[1].read_text(encoding="utf-8")
    paths[1].write_text(text.replace('tags: ["', 'tags: ["Banen", "', 1), encoding="utf-8")
    os.utime(paths[1], (AN_HOUR_AGO + 60, AN_HOUR_AGO + 60))
    again = normalise_files(workspace, config, None, now(config.zone))
    assert seen == ["drafts/artikel-01.md"]
    assert [o.status for o in again if o.draft == "drafts/artikel-01.md"] == ["changed"]


def test_status_counts_as_waiting_what_ingest_would_read_again(tmp_path: Path) -> None:
    import json

    from pipeline.stages.ingest import run_ingest

    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "stuk.txt").write_text("date 2026-02-11\n" + "Een zin over banen en werk. " * 40,
                                             encoding="utf-8")
    workspace = Workspace.open(tmp_path)
    config = workspace.load_config()
    run_ingest(workspace, config)
    assert workspace_status(workspace, config)["counts"]["raw_waiting"] == 0
    # A read whose outcome never reached the record (a draft that could not be written, say):
    # the stamp is known, the bytes' fate is not, so ingest reads the file again.
    record_file = workspace.state / "ingested.json"
    record = json.loads(record_file.read_text(encoding="utf-8"))
    record["by_hash"] = {}
    record_file.write_text(json.dumps(record), encoding="utf-8")
    (workspace.state / "journal.jsonl").write_text("", encoding="utf-8")
    assert workspace_status(workspace, config)["counts"]["raw_waiting"] == 1


def test_status_reads_no_ingest_record_when_no_raw_file_waits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Without raw files the record answers nothing status asks; rebuilding it reads every draft again.
    import pipeline.store.ingest_record as ingest_record

    _drafts(tmp_path, 3)

    def no_record(workspace: Workspace, *journal: object) -> object:
        raise AssertionError("the ingest record was read")

    monkeypatch.setattr(ingest_record, "load_record", no_record)
    counts = workspace_status(Workspace.open(tmp_path), Workspace.open(tmp_path).load_config())["counts"]
    assert counts["drafts"] == 4 and counts["raw_waiting"] == 0
    (tmp_path / "raw" / "nieuw.txt").write_text("Een nieuw bericht.\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="ingest record was read"):
        workspace_status(Workspace.open(tmp_path), Workspace.open(tmp_path).load_config())
