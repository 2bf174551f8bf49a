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
