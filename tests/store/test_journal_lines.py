"""The journal's lines decoded in one pass give what json.loads gives for each line alone, on any bytes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.store.state_files import _decoded_lines
from pipeline.store.workspace import Workspace
from tests.helpers import cli

# Pieces of lines: whole entries, values that are not entries, what a kill or a hand leaves (a line cut short,
# a value running on to the next line, two values on one line), white space json.loads allows around a value
# and what it does not, bytes json.loads reads as another encoding, text that is not UTF-8, deep nesting.
_PIECES = st.sampled_from([
    b'{"action": "ingested", "article": "drafts/a.md"}', b'{"a": 1}', b"{}", b"[]", b"1", b'"x"', b"null", b"true",
    b'{"a": "\xc3\xa9\xe2\x80\xa8"}', b'{"a": "\\ud800"}', b'{"a": ', b"1}", b"[1,", b"2]", b'{"a": 1}, {"b": 2}',
    b'{"a": 1} {"b": 2}', b" ", b"\t", b"\r", b"\x0c", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff",
    b"\xed\xa0\x80", b"\x00[\x00]", b"[\x00]\x00", b"\xc3", b"\x85", b'"\x01"', b"[" * 5000, b"1" * 5000, b"NaN",
    b"-Infinity", b"1e999", b'{"a": 1}\r', b"  {}",
    # the writer's own form (with a name beyond ASCII, an escaped quote), and a value whose white space is a newline
    b'{"time": "2026-11-20T09:00:00+00:00", "action": "ingested", "article": "drafts/a.md", '
    b'"prev": "e3b0c44298fc1c14"}',
    b'{"action": "rejected", "article": "drafts/caf\xc3\xa9.md", "reason": "a \\"quote\\""}', b"\xc3\xa9",
    b'{"a":\t"b"}\t',
    b'{"a":', b'"b"}', b"[", b"]", b"1.", b"1e", b"tru", b"e",
])


def _each_alone(line: bytes) -> Any:
    try:
        return json.loads(line)
    except (ValueError, RecursionError):
        return None


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=3).map(b"".join), max_size=8))
def test_one_pass_gives_what_each_line_alone_gives(lines: list[bytes]) -> None:
    lines = [line.replace(b"\n", b"") for line in lines]
    data = b"".join(line + b"\n" for line in lines)
    decoded = _decoded_lines(data, lines)
    alone = [_each_alone(line) for line in lines]
    # NaN is not equal to itself: compare what each gives as text
    assert [repr(value) for value in decoded] == [repr(value) for value in alone]


def test_a_line_nested_deeper_than_the_stack_is_a_damaged_line(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / ".pipeline").mkdir()
    journal = tmp_path / ".pipeline" / "journal.jsonl"
    entry = {"time": "2026-11-20T09:00:00+01:00", "action": "ingested", "article": "drafts/a.md"}
    journal.write_text("[" * 100_000 + "\n" + json.dumps(entry) + "\n", encoding="utf-8")
    entries, _end = Workspace.open(tmp_path).read_journal()
    assert [item["action"] for item in entries] == ["ingested"]
    result = cli(tmp_path, "status")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "internal error" not in result.stdout + result.stderr


@given(st.binary(max_size=300) | _PIECES)
def test_a_lines_hash_is_the_start_of_its_hexdigest(line: bytes) -> None:
    import hashlib

    from pipeline.store.state_files import _line_hash

    assert _line_hash(line) == hashlib.sha256(line.rstrip(b"\n")).hexdigest()[:16]
    assert _line_hash(line + b"\n") == _line_hash(line)


@given(st.lists(st.sampled_from(["unchained", "uncounted", "signer_key", "action", "by"]), max_size=5))
def test_no_mark_the_reader_sets_is_taken_from_the_file(keys: list[str]) -> None:
    import tempfile

    from pipeline.store.state_files import JOURNAL_MARKS

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "pipeline.toml").touch()
        (root / ".pipeline").mkdir()
        (root / ".pipeline" / "journal.jsonl").write_text(json.dumps(dict.fromkeys(keys, True)) + "\n")
        entries = Workspace.open(root).read_journal_lines().entries
    assert [sorted(entry) for entry in entries] == [sorted(set(keys) - set(JOURNAL_MARKS))]


def _line_by_line(workspace: Workspace, start: int) -> tuple[list[Any], list[bytes], list[int], int]:
    """The journal read from start as the reader read it before every line was taken as its entry at once: each line
    decoded, its marks popped, its chain checked against the line before it (the reference)."""
    from pipeline.store.state_files import JOURNAL_MARKS, _line_hash

    data = workspace.journal_path.read_bytes()[start:] if workspace.journal_path.exists() else b""
    end = data.rfind(b"\n") + 1
    lines = data[:end].split(b"\n")[:-1]
    entries: list[Any] = []
    raw_lines: list[bytes] = []
    ends: list[int] = []
    position, previous, chained = start, workspace._line_before(start), False
    for line, entry in zip(lines, _decoded_lines(data[:end], lines), strict=True):
        position += len(line) + 1
        if entry.__class__ is not dict:
            continue
        for mark in JOURNAL_MARKS:
            entry.pop(mark, None)
        if not isinstance(entry.get("action"), str | None):  # a hand-written action that is no text: its JSON
            entry["action"] = json.dumps(entry["action"], ensure_ascii=False, sort_keys=True)
        prev = entry.get("prev")
        chained = chained or prev is not None
        if chained and not workspace.journal_policy.merged and prev != _line_hash(previous):
            entry["unchained"] = True
            if prev is not None and entries:
                entries[-1]["unchained"] = True
        entries.append(entry)
        raw_lines.append(line)
        ends.append(position)
        previous = line
    return entries, raw_lines, ends, start + end


def _chained(values: list[Any]) -> bytes:
    """Lines as the pipeline writes them, each naming the hash of the one before it, but where a value says
    otherwise: ``("prev", X)`` names X instead, ``("raw", B)`` is the bytes B as a line of their own."""
    import hashlib

    written: list[bytes] = []
    previous = b""
    for at, value in enumerate(values):
        if isinstance(value, tuple) and value[0] == "raw":
            line = value[1]
        else:
            prev = value[1] if isinstance(value, tuple) else hashlib.sha256(previous).hexdigest()[:16]
            entry: dict[str, Any] = {"time": f"2026-11-20T09:00:{at % 60:02d}+00:00", "action": "ingested",
                                     "article": f"drafts/{at}.md"}
            if prev != "(none)":
                entry["prev"] = prev
            line = json.dumps(entry, ensure_ascii=False).encode()
        written.append(line)
        previous = line
    return b"".join(line + b"\n" for line in written)


_LINE_VALUES = st.one_of(
    st.just("chained"), st.just("chained"), st.just("chained"),
    st.tuples(st.just("prev"), st.sampled_from(["(none)", "0", "e3b0c44298fc1c14", "", None, 1, float("nan"), []])),
    st.tuples(st.just("raw"), _PIECES.filter(lambda piece: b"\n" not in piece)),
    st.tuples(st.just("raw"), st.sampled_from([b'{"a": 1, "unchained": false}', b'{"uncounted": "x", "prev": "0"}',
                                               b'{"signer_key": 1}', b'{"prev": null}', b'{"prev": "0"}',
                                               b'{"action": ["approved"]}', b'{"action": {"b": 1, "a": NaN}}',
                                               b'{"action": 1e400, "prev": "0"}', b'{"action": null}'])),
)


@settings(max_examples=400, deadline=None)
@given(values=st.lists(_LINE_VALUES, max_size=8), cut=st.binary(max_size=3), merged=st.booleans(),
       start_line=st.integers(0, 8))
def test_the_journal_read_at_once_is_what_reading_it_line_by_line_gives(
        tmp_path_factory: Any, values: list[Any], cut: bytes, merged: bool, start_line: int) -> None:
    from dataclasses import replace

    root = tmp_path_factory.mktemp("journal")
    (root / ".pipeline").mkdir()
    data = _chained(values) + cut.replace(b"\n", b"")  # (and a last line cut short)
    (root / ".pipeline" / "journal.jsonl").write_bytes(data)
    workspace = Workspace.open(root)
    if merged:
        workspace.journal_policy = replace(workspace.journal_policy, git=object())
    line_ends = [0, *(at + 1 for at, byte in enumerate(data) if byte == ord("\n"))]
    start = line_ends[min(start_line, len(line_ends) - 1)]
    read = workspace.read_journal_lines(start)
    entries, lines, ends, end = _line_by_line(workspace, start)
    assert [repr(entry) for entry in read.entries] == [repr(entry) for entry in entries]  # (NaN, and key order)
    assert (read.lines, read.ends, read.end) == (lines, ends, end)
