from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model.config import ConfigError
from pipeline.store.paths import WorkspaceError
from pipeline.store.state_files import LockBusy
from pipeline.store.workspace import Workspace


def test_open_creates_missing_folders(bare_workspace: Path) -> None:
    workspace = Workspace.open(bare_workspace)
    assert workspace.drafts.is_dir() and workspace.published.is_dir() and workspace.state.is_dir()


def test_open_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="does not exist"):
        Workspace.open(tmp_path / "nope")


def test_bad_config_error_names_the_file_and_key(bare_workspace: Path) -> None:
    (bare_workspace / "pipeline.toml").write_text("[ingest]\nmax_bytes = 'x'\n")
    with pytest.raises(ConfigError, match=r"^pipeline.toml: ingest.max_bytes: expected a whole number"):
        Workspace.open(bare_workspace).load_config()


def test_write_atomic_replaces_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path)
    target = workspace.drafts / "a.md"
    workspace.write_atomic(target, "one")
    workspace.write_atomic(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in workspace.drafts.iterdir()] == ["a.md"]
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)


def test_write_new_atomic_never_overwrites(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path)
    target = workspace.published / "a.md"
    assert workspace.write_new_atomic(target, "first")
    assert not workspace.write_new_atomic(target, "second")
    assert target.read_text() == "first"
    assert [p.name for p in workspace.published.iterdir()] == ["a.md"]


def test_journal_ignores_a_line_cut_short(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path)
    workspace.append_journal([{"action": "a"}, {"action": "b"}])
    with open(workspace.journal_path, "a") as handle:
        handle.write('{"action": "cut')
    entries, offset = workspace.read_journal()
    assert [e["action"] for e in entries] == ["a", "b"]
    more, _ = workspace.read_journal(offset)
    assert more == []


def test_lock_excludes_a_second_holder_and_is_released(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path)
    with workspace.lock(0, "first"):
        with pytest.raises(LockBusy) as busy, Workspace.open(tmp_path).lock(0.1, "second"):
            pass
        assert "first" in busy.value.holder
    with workspace.lock(0, "again"):
        pass


def test_lock_of_a_killed_process_is_taken_over(tmp_path: Path) -> None:
    Workspace.open(tmp_path)
    script = textwrap.dedent(f"""
        import os, sys
        from pathlib import Path
        from pipeline.store.workspace import Workspace
        with Workspace.open(Path({str(tmp_path)!r})).lock(0, "doomed"):
            print("locked", flush=True)
            sys.stdin.read()
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "locked"
    with pytest.raises(LockBusy), Workspace.open(tmp_path).lock(0, "blocked"):
        pass
    child.kill()
    child.wait()
    with Workspace.open(tmp_path).lock(1, "after"):
        assert "after" in (tmp_path / ".pipeline" / "lock").read_text()


def test_raw_files_reports_what_is_not_a_file(bare_workspace: Path, tmp_path: Path) -> None:
    raw = bare_workspace / "raw"
    (raw / "sub").mkdir()
    (raw / "sub" / "a.txt").write_text("x")
    (raw / "b.txt").write_text("y")
    outside = tmp_path / "secret.txt"
    outside.write_text("s")
    os.symlink(outside, raw / "escape.txt")
    os.mkfifo(raw / "pipe")
    workspace = Workspace.open(bare_workspace)
    found = {r.rel: r.problem for r in workspace.raw_files()}
    assert found == {
        "raw/b.txt": None,
        "raw/escape.txt": "symbolic link points outside the workspace",
        "raw/pipe": "is not a regular file (device, socket or pipe)",
        "raw/sub/a.txt": None,
    }


def test_a_listed_file_is_the_file_named_on_the_command_line(bare_workspace: Path) -> None:
    # the listing keeps a file's place as a string: its path, stamp and equality are those of the file named
    (bare_workspace / "raw" / "sub").mkdir()
    (bare_workspace / "raw" / "sub" / "a.txt").write_text("x")
    workspace = Workspace.open(bare_workspace)
    [listed] = workspace.raw_files()
    [named] = workspace.raw_files([bare_workspace / "raw" / "sub" / "a.txt"])
    assert isinstance(listed.path, Path) and listed.path == bare_workspace / "raw" / "sub" / "a.txt"
    assert listed == named and hash(listed) == hash(named) and listed.stamp is not None
    (bare_workspace / "raw" / "sub" / "a.txt").write_text("longer")
    assert workspace.raw_files() != [listed]

_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=6), _JSON_VALUES, max_size=6))
def test_state_is_written_in_pieces_that_make_exactly_json_dumps(document: dict[str, object]) -> None:
    from pipeline.store.state_files import _json_chunks

    whole = json.dumps(document, sort_keys=True, separators=(",", ":")) + "\n"
    assert "".join(_json_chunks(document, top=True)) == whole


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=6), _JSON_VALUES, max_size=6), st.integers(1, 3))
def test_state_in_small_pieces_still_makes_exactly_json_dumps(document: dict[str, object], members: int) -> None:
    """The pieces as a big record has them (a few members each, a big member in pieces of its own)."""
    from unittest import mock

    from pipeline.store import state_files

    whole = json.dumps(document, sort_keys=True, separators=(",", ":")) + "\n"
    with mock.patch.object(state_files, "_MEMBERS_PER_PIECE", members):
        assert "".join(state_files._json_chunks(document, top=True)) == whole


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=6), _JSON_VALUES, min_size=2, max_size=6), st.integers(1, 3))
def test_members_that_are_mappings_of_other_kinds_are_written_as_their_dicts(document: dict[str, object],
                                                                             members: int) -> None:
    """A member of a document of several that is a mapping but not a dict (a read-only view) is written as its dict
    is, in pieces or not; a list member as the list (the cached results of ten thousand files are lists)."""
    from types import MappingProxyType
    from unittest import mock

    from pipeline.store import state_files

    viewed = {key: MappingProxyType(value) if isinstance(value, dict) else value for key, value in document.items()}
    whole = json.dumps(document, sort_keys=True, separators=(",", ":")) + "\n"
    assert "".join(state_files._json_chunks(viewed, top=True)) == whole
    with mock.patch.object(state_files, "_MEMBERS_PER_PIECE", members):
        assert "".join(state_files._json_chunks(viewed, top=True)) == whole


def test_a_record_of_thousands_of_files_is_written_in_few_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """The ingest record of 3,000 files: a few dozen encodings, not one for every value of every file
    (forty thousand before, most of the time of an ingest that added ten files to a big archive)."""
    from pipeline.store import state_files

    files = [f"raw/file-{number:05d}.txt" for number in range(3000)]
    record = {"version": 2, "journal_offset": 10,
              "by_path": {rel: {"stamp": [1, 2, 3], "sha256": f"{number:064x}"} for number, rel in enumerate(files)},
              "by_hash": {f"{number:064x}": {"source": rel, "drafts": [f"drafts/{number}.md"], "status": "ok"}
                          for number, rel in enumerate(files)},
              "articles": {f"drafts/{number}.md": {"file": rel, "item": None, "bands": ["0:0000abcd", "1:0000dcba"]}
                           for number, rel in enumerate(files)}}
    encodings = 0
    real = json.dumps

    def counting(value: object, **options: Any) -> str:
        nonlocal encodings
        encodings += 1
        return real(value, **options)

    monkeypatch.setattr(state_files.json, "dumps", counting)
    text = "".join(state_files._json_chunks(record, top=True))
    monkeypatch.undo()
    assert text == json.dumps(record, sort_keys=True, separators=(",", ":")) + "\n"
    assert encodings < 100


# Pieces of a journal: whole lines, a blank one, a line cut short, a long one, a chained one, one not an entry.
JOURNAL_PIECES = [b'{"a": 1}\n', b"\n", b'{"b"', b"x" * 70000 + b"\n", b'{"c": 2}', b'{"d": 3, "prev": "0"}\n',
                  b"[1]\n"]


def _journal_of(tmp_path_factory: pytest.TempPathFactory, pieces: list[bytes]) -> tuple[Workspace, bytes]:
    """A workspace whose journal is these pieces (none when they are empty), and the journal's bytes."""
    root = tmp_path_factory.mktemp("journal")
    (root / "raw").mkdir()
    workspace = Workspace.open(root)
    data = b"".join(pieces)
    if data:
        workspace.journal_path.parent.mkdir(parents=True, exist_ok=True)
        workspace.journal_path.write_bytes(data)
    return workspace, data


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(JOURNAL_PIECES[:5]), max_size=6), st.integers(0, 80000))
def test_the_end_of_the_journal_is_where_reading_it_ends(tmp_path_factory: pytest.TempPathFactory,
                                                         pieces: list[bytes], start: int) -> None:
    workspace, data = _journal_of(tmp_path_factory, pieces)
    start = min(start, len(data))
    assert workspace.journal_end(start) == workspace.read_journal(start)[1]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(JOURNAL_PIECES), max_size=6))
def test_one_reading_of_the_journal_answers_as_reading_it_again_from_any_line(
        tmp_path_factory: pytest.TempPathFactory, pieces: list[bytes]) -> None:
    """What status hands the ingest record instead of a second reading: the entries after the end of any
    line (where a record reads up to) and the mark of that line, as the file read from there gives them
    (marks aside: whether a line is chained depends on where the reading began; the record reads none)."""
    workspace, data = _journal_of(tmp_path_factory, pieces)
    whole = workspace.read_journal_lines()
    assert whole.end == workspace.journal_end()
    for offset in [0, *(at + 1 for at, byte in enumerate(data) if byte == ord("\n"))]:
        again = workspace.read_journal(offset)[0]
        assert [_unmarked(entry) for entry in whole.entries_after(offset)] == [_unmarked(entry) for entry in again]
        assert whole.mark(offset) in (None, workspace.journal_mark(offset))
    assert all(whole.mark(end) == workspace.journal_mark(end) for end in whole.ends)


def _unmarked(entry: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in entry.items() if key != "unchained"}


def test_open_without_create_makes_nothing(tmp_path: Path) -> None:
    (tmp_path / "pipeline.toml").write_text("")
    workspace = Workspace.open(tmp_path, create=False)
    assert workspace.root == tmp_path.resolve()
    assert [p.name for p in tmp_path.iterdir()] == ["pipeline.toml"]


def test_find_workspace_looks_in_the_folder_then_its_parents(tmp_path: Path) -> None:
    from pipeline.store.discovery import NotAWorkspace, find_workspace

    deep = tmp_path / "ws" / "a" / "b"
    deep.mkdir(parents=True)
    with pytest.raises(NotAWorkspace, match="run `pipeline init`"):
        find_workspace(deep)
    (tmp_path / "ws" / "raw").mkdir()
    (tmp_path / "ws" / ".pipeline").mkdir()
    assert find_workspace(deep) == tmp_path / "ws"
    (tmp_path / "ws" / "a" / "pipeline.toml").write_text("")
    assert find_workspace(deep) == tmp_path / "ws" / "a"  # the nearest wins


# --- links in the pipeline's own state: no write ever lands outside the workspace ----------------------

def _outside(tmp_path: Path) -> Path:
    target = tmp_path / "outside" / "precious.txt"
    target.parent.mkdir(exist_ok=True)
    target.write_text("not the pipeline's\n", encoding="utf-8")
    return target


@pytest.mark.parametrize(("name", "args"), [("lock", ("ingest",)), ("lock", ("run",)),
                                             ("journal.jsonl", ("approve", "a")),
                                             ("journal.jsonl", ("reject", "a", "--reason", "nee")),
                                             ("journal.jsonl", ("ingest",)), ("journal.jsonl", ("history",))])
def test_a_lock_or_journal_that_is_a_link_is_refused_and_its_target_untouched(workspace: Path, tmp_path: Path,
                                                                            name: str, args: tuple[str, ...]) -> None:
    from tests.helpers import cli, make_draft

    make_draft(workspace, "a")
    (workspace / ".pipeline").mkdir()
    target = _outside(tmp_path)
    (workspace / ".pipeline" / name).symlink_to(target)
    result = cli(workspace, *args)
    assert target.read_text(encoding="utf-8") == "not the pipeline's\n"
    assert result.exit_code == 2, result.stdout + result.stderr
    [line] = result.stderr.splitlines()
    assert f".pipeline/{name}" in line and "symbolic link" in line


def test_a_cache_or_the_ingest_record_that_is_a_link_is_replaced_not_written_through(workspace: Path,
                                                                                   tmp_path: Path) -> None:
    from tests.helpers import cli

    target = _outside(tmp_path)
    (workspace / ".pipeline").mkdir()
    for name in ("ingested.json", "validate-drafts.json", "facts-drafts.json", "normalise-drafts.json"):
        (workspace / ".pipeline" / name).symlink_to(target)
    assert cli(workspace, "run").exit_code in (0, 1)
    assert cli(workspace, "validate").exit_code in (0, 1)
    assert target.read_text(encoding="utf-8") == "not the pipeline's\n"
    assert (workspace / "drafts").is_dir() and list((workspace / "drafts").glob("*.md"))
    record = workspace / ".pipeline" / "ingested.json"
    assert record.is_file() and not record.is_symlink()


@pytest.mark.parametrize("args", [("ingest",), ("status",), ("run",), ("validate",), ("review",)])
def test_a_state_folder_that_is_a_link_out_of_the_workspace_is_refused(workspace: Path, tmp_path: Path,
                                                                      args: tuple[str, ...]) -> None:
    from tests.helpers import cli

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (workspace / ".pipeline").symlink_to(elsewhere)
    result = cli(workspace, *args)
    assert result.exit_code == 2, result.stdout + result.stderr
    [line] = result.stderr.splitlines()
    assert ".pipeline" in line and "symbolic link" in line
    assert list(elsewhere.iterdir()) == []
    assert not (workspace / "drafts").exists() or not list((workspace / "drafts").iterdir())


def test_a_state_folder_linked_inside_the_workspace_is_fine(workspace: Path) -> None:
    from tests.helpers import cli

    (workspace / "state").mkdir()
    (workspace / ".pipeline").symlink_to(workspace / "state")
    assert cli(workspace, "ingest").exit_code == 0
    assert (workspace / "state" / "journal.jsonl").is_file()


def test_a_full_disk_while_journalling_leaves_no_torn_line_and_says_so(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    workspace = Workspace.open(tmp_path)
    workspace.append_journal([{"action": "approved", "article": "drafts/a.md"}])
    before = workspace.journal_path.read_bytes()
    real_write = os.write
    writes: list[int] = []

    def full_after_ten_bytes(fd: int, data: bytes | memoryview) -> int:
        if writes:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        writes.append(real_write(fd, bytes(data)[:10]))
        return writes[-1]

    monkeypatch.setattr(os, "write", full_after_ten_bytes)
    with pytest.raises(WorkspaceError, match=r"journal.jsonl: cannot be written \(No space left on device\)"):
        workspace.append_journal([{"action": "approved", "article": "drafts/b.md"}])
    monkeypatch.undo()
    assert workspace.journal_path.read_bytes() == before  # the ten bytes written are gone again
    workspace.append_journal([{"action": "approved", "article": "drafts/c.md"}])
    assert [entry["article"] for entry in workspace.read_journal()[0]] == ["drafts/a.md", "drafts/c.md"]


@pytest.mark.parametrize("name", ["ingested.json", "review-drafts.json", "validate-drafts.json",
                                  "normalise-drafts.json"])
@pytest.mark.parametrize("damage", ["[" * 200_000, '{"version": 1, "by_hash": [1], "by_path": "x", '
                                    '"journal_offset": "abc", "key": 5, "entries": [[[]]]}'])
def test_damaged_state_only_costs_time(workspace_root: Path, name: str, damage: str) -> None:
    from tests.helpers import cli

    assert cli(workspace_root, "ingest").exit_code == 0
    (workspace_root / ".pipeline" / name).write_text(damage, encoding="utf-8")
    for command in ("status", "review", "validate", "ingest"):
        result = cli(workspace_root, command)
        assert result.exit_code in (0, 1), (command, result.stdout, result.stderr)  # never 70
        assert "internal error" not in result.stdout + result.stderr
    assert "ingest: 1 skipped" in cli(workspace_root, "ingest").stdout  # the draft is not made twice


def test_a_pipe_in_place_of_a_state_file_never_hangs(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path)
    os.mkfifo(tmp_path / ".pipeline" / "ingested.json")
    assert workspace.read_state("ingested.json") is None  # rebuilt, as a damaged one
    os.mkfifo(workspace.journal_path)
    with pytest.raises(WorkspaceError, match="is not a plain file"):
        workspace.read_journal()
    with pytest.raises(WorkspaceError, match="is not a plain file"):
        workspace.append_journal([{"action": "approved"}])


@pytest.fixture
def workspace_root(tmp_path: Path) -> Path:
    from tests.conftest import EXAMPLE_RAW

    (tmp_path / "raw").mkdir()
    (tmp_path / ".pipeline").mkdir()
    (tmp_path / "raw" / EXAMPLE_RAW.name).write_bytes(EXAMPLE_RAW.read_bytes())
    return tmp_path


def test_a_pinned_clock_may_go_back_never_forward(monkeypatch: pytest.MonkeyPatch) -> None:
    from zoneinfo import ZoneInfo

    from pipeline.store.clock import now

    zone = ZoneInfo("Europe/Amsterdam")
    monkeypatch.setenv("PIPELINE_NOW", "2020-01-01T00:00:00+01:00")
    assert now(zone).year == 2020
    monkeypatch.setenv("PIPELINE_NOW", "2099-01-01T00:00:00+01:00")
    with pytest.raises(WorkspaceError, match="ahead of this machine's clock"):
        now(zone)


def test_an_editors_save_in_place_in_the_instant_of_a_replace_is_put_back(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = Workspace.open(tmp_path)
    path = tmp_path / "drafts" / "a.md"
    path.write_text("oud\n", encoding="utf-8")
    real_replace = os.replace

    def editor_saves_first(source: Any, target: Any) -> None:
        with open(target, "w", encoding="utf-8") as handle:  # truncate, then write: as many editors save
            handle.write("van de redacteur\n")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", editor_saves_first)
    assert workspace.replace_if_unchanged(path, "genormaliseerd\n", b"oud\n") is False
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == "van de redacteur\n"  # newer than what was normalised


@pytest.mark.parametrize("folder", ["drafts", "published"])
def test_an_article_folder_linked_out_of_the_workspace_stops_every_command(tmp_path: Path, folder: str) -> None:
    from tests.conftest import EXAMPLE_RAW
    from tests.helpers import cli

    root, elsewhere = tmp_path / "ws", tmp_path / "elsewhere"
    (root / "raw").mkdir(parents=True)
    (root / ".pipeline").mkdir()
    elsewhere.mkdir()
    (root / folder).symlink_to(elsewhere)
    (root / "raw" / EXAMPLE_RAW.name).write_bytes(EXAMPLE_RAW.read_bytes())
    for command in ("ingest", "validate", "normalise", "status", "run"):
        result = cli(root, command)
        assert result.exit_code == 2 and f"{folder}/: is a symbolic link out of the workspace" in result.stderr
    assert list(elsewhere.iterdir()) == []  # nothing written through it
    (root / folder).unlink()
    (root / "inner").mkdir()
    (root / folder).symlink_to(root / "inner")  # a link to a folder inside the workspace is fine
    assert cli(root, "ingest").exit_code == 0


def test_an_editors_save_by_rename_just_before_the_compare_is_never_replaced(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The save lands after the file was opened and before its bytes are compared: the open file still
    holds the old bytes, only the name holds the editor's."""
    from pipeline.store import writes as workspace_module

    workspace = Workspace.open(tmp_path)
    path = tmp_path / "drafts" / "a.md"
    path.write_text("oud\n", encoding="utf-8")
    real_temporary = workspace_module.Temporary

    class EditorSavesByRename(real_temporary):  # type: ignore[misc, valid-type]
        def __enter__(self) -> Any:
            saved = path.with_name(".a.md.swp")
            saved.write_text("van de redacteur\n", encoding="utf-8")
            os.rename(saved, path)  # as vim, and most editors, save
            return super().__enter__()

    monkeypatch.setattr(workspace_module, "Temporary", EditorSavesByRename)
    assert workspace.replace_if_unchanged(path, "genormaliseerd\n", b"oud\n") is False
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == "van de redacteur\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["a.md"]
