"""The pipeline's own files in .pipeline/: JSON documents, the journal (appended, read, each line
chained to the one before it) and the lock. How the journal is kept (merged through git, who writes it,
which decisions count) is one ``JournalPolicy``, given by whoever opens the workspace."""

from __future__ import annotations

import bisect
import contextlib
import errno
import fcntl
import hashlib
import json
import os
import stat
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import accumulate, compress, repeat
from json.scanner import make_scanner
from operator import ne
from pathlib import Path
from typing import Any

from pipeline.model.errors import EXIT_LOCKED, PipelineError
from pipeline.store.paths import WorkspaceError
from pipeline.store.witness import witness
from pipeline.store.writes import _NOFOLLOW, WorkspaceWrites

JOURNAL_NAME = "journal.jsonl"
LOCK_NAME = "lock"


class LockBusy(PipelineError):
    """Another run holds the workspace lock: exit 3, so cron can tell it from a failure."""

    exit_code = EXIT_LOCKED

    def __init__(self, holder: str, root: Path | str = "") -> None:
        super().__init__(f"workspace {root} is locked by {holder}; try again later")
        self.holder = holder


# A mapping with more members than this is written in pieces of this many: a record of ten thousand
# files is a few dozen pieces, each one json.dumps call, never the whole record as one string.
_MEMBERS_PER_PIECE = 256


def _json_chunks(value: Any, top: bool = False) -> Iterator[str]:
    """json.dumps(value, sorted keys, compact) in pieces: a big mapping is written a few hundred members
    at a time (a member that is itself a big mapping in pieces of its own), so only those members'
    text is in memory at once. A final newline at the top. ASCII-escaped, so a file name the file
    system gave as undecodable bytes (lone surrogates) is written like any other. A mapping that writes
    its own members (``json_members``: the ingest record's packed tables) is asked for their text."""
    if isinstance(value, Mapping) and len(value) > 1 and all(isinstance(key, str) for key in value):
        yield "{"
        keys = sorted(value)
        written = 0
        members = getattr(value, "json_members", None)
        while written < len(keys):
            key = keys[written]
            comma = "," if written else ""
            if members is not None:
                yield comma + members(keys[written:written + _MEMBERS_PER_PIECE])
                written += _MEMBERS_PER_PIECE
                continue
            member = value[key]
            if isinstance(member, Mapping) and len(member) > _MEMBERS_PER_PIECE:
                yield comma + json.dumps(key) + ":"
                yield from _json_chunks(member)
                written += 1
                continue
            piece = {}
            for key in keys[written:written + _MEMBERS_PER_PIECE]:
                member = value[key]
                # (a list, as each of ten thousand cached files' results is, is no mapping: the ABC is not asked)
                if member.__class__ is not list and isinstance(member, Mapping):
                    if len(member) > _MEMBERS_PER_PIECE:
                        break
                    if not isinstance(member, dict):
                        member = dict(member)
                piece[key] = member
            yield comma + json.dumps(piece, sort_keys=True, separators=(",", ":"))[1:-1]
            written += len(piece)
        yield "}"
    else:
        yield json.dumps(dict(value) if isinstance(value, Mapping) and not isinstance(value, dict) else value,
                         sort_keys=True, separators=(",", ":"))
    if top:
        yield "\n"


# Marks the reader sets on a journal entry; never taken from the file as written.
JOURNAL_MARKS = ("unchained", "uncounted", "signer_key")


def _line_hash(line: bytes) -> str:
    """The first 16 hex digits of the line's sha256 (its first 8 bytes written as hex: the hexdigest's start, without
    the other 48 digits made for each of ten thousand lines)."""
    return hashlib.sha256(line.rstrip(b"\n")).digest()[:8].hex()


_JSON_SPACE = " \t\r"  # what json.loads allows around a value (a line holds no newline)


def _decoded_lines(data: bytes, lines: list[bytes]) -> list[Any]:
    """What ``json.loads`` gives for each of the lines of data (None where it raises), with the text decoded from
    UTF-8 once and each line's value scanned by the decoder's own scanner where it stands in the text (neither ten
    thousand calls of json.loads, each decoding and looking at the encoding of one line, nor the text split into
    lines again: a value is its line's when it ends before the line's newline, with nothing after it but white
    space). Data json.loads would read as another encoding (a NUL, a byte order mark) or that is not UTF-8, and a
    line that opens with white space, are read by json.loads itself."""
    # (text of ASCII alone, as a journal of names and hashes mostly is, holds no byte order mark: one look in C)
    all_ascii = data.isascii()
    if b"\x00" in data or (not all_ascii and (b"\xef\xbb\xbf" in data or b"\xfe\xff" in data or b"\xff\xfe" in data)):
        return [_loaded(line) for line in lines]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return [_loaded(line) for line in lines]
    scan: Any = make_scanner(json.JSONDecoder())  # type: ignore[arg-type]  # (typeshed: a context, not its class)
    find = text.find
    found: list[Any] = []
    start = 0
    for line in lines:
        # where the line's newline stands: in text of ASCII alone, as many characters on as the line has bytes
        stop = start + len(line) if all_ascii else find("\n", start)
        if stop == -1:  # (the last line without its newline)
            stop = len(text)
        if start == stop or text[start] in _JSON_SPACE:
            found.append(_loaded(line))
        else:
            try:
                value, after = scan(text, start)
            except (StopIteration, ValueError, RecursionError):  # (nested deeper than Python's stack: as damaged)
                value, after = None, stop
            # a value that runs on past its line's newline is no line's (each alone is cut short)
            found.append(value if after == stop or (after < stop and not text[after:stop].strip(_JSON_SPACE))
                         else None)
        start = stop + 1
    return found


_ONE = 1  # (each line's newline: its end is its length and one more on)
_MARK_SET = frozenset(JOURNAL_MARKS)


def _all_plain_entries(decoded: list[Any]) -> bool:
    """Whether every decoded line is an entry (a dict) holding none of the reader's marks, found in C: then each
    line is its entry, and the chain is all that is left to look at."""
    return ((not decoded or set(map(type, decoded)) == {dict}) and all(map(_MARK_SET.isdisjoint, decoded))
            and set(map(type, map(dict.get, decoded, repeat("action")))) <= _ACTION_TYPES)


_ACTION_TYPES = {str, type(None)}  # an action as the pipeline writes it, or none


def _action_as_text(entry: dict[str, Any]) -> None:
    """A hand-written action that is no text (a list, a mapping, a number) made its JSON text: it names no action,
    and every reader of the journal may compare or look up an action as text (a list cannot be a key)."""
    action = entry.get("action")
    if action.__class__ not in _ACTION_TYPES:
        entry["action"] = json.dumps(action, ensure_ascii=False, sort_keys=True)


def _mark_unchained(entries: list[dict[str, Any]], lines: list[bytes], before: bytes) -> None:
    """Each entry's chain checked as ``_entries_one_by_one`` checks it, line by line, when every line is an entry:
    from the first entry that names its predecessor (``prev``) on, an entry whose ``prev`` is not the hash of the line
    before it (``before`` for the first) is marked unchained, and so is the one before it when it names another. The
    names looked up and compared in C; each line's hash made only once the chain has begun."""
    prevs = list(map(dict.get, entries, repeat("prev")))
    first = next((at for at, prev in enumerate(prevs) if prev is not None), None)
    if first is None:
        return
    sha256 = hashlib.sha256
    # the hash of the line before each entry from the first chained one on (a line holds no newline: none stripped)
    hashes = [_line_hash(before) if first == 0 else sha256(lines[first - 1]).digest()[:8].hex(),
              *[sha256(line).digest()[:8].hex() for line in lines[first:-1]]]
    for at in compress(range(first, len(entries)), map(ne, prevs[first:], hashes)):
        entries[at]["unchained"] = True
        if prevs[at] is not None and at:
            entries[at - 1]["unchained"] = True  # it names a line before it, not the one there: that was edited


def _loaded(line: bytes) -> Any:
    try:
        return json.loads(line)
    except (ValueError, RecursionError):  # (a line nested deeper than Python's stack is as damaged)
        return None


def _last_line(fd: int, end: int) -> bytes:
    """The last whole line (ended by a newline) in the first `end` bytes of the file, without its
    newline; b"" when there is none. A line cut short after it is not one."""
    parts: list[bytes] = []
    position, found_end = end, False
    while position > 0:
        step = min(65536, position)
        piece = os.pread(fd, step, position - step)
        if not found_end:
            newline = piece.rfind(b"\n")
            if newline == -1:
                position -= step
                continue
            found_end, piece = True, piece[:newline]
        newline = piece.rfind(b"\n")
        if newline != -1:
            parts.append(piece[newline + 1:])
            break
        parts.append(piece)
        position -= step
    return b"".join(reversed(parts))


@dataclass(frozen=True)
class JournalLines:
    """The journal as one reading found it: its entries, each entry's line as written and the offset
    just after it, and the offset after the last whole line."""

    entries: list[dict[str, Any]]
    lines: list[bytes]
    ends: list[int]
    end: int

    def mark(self, offset: int) -> str | None:
        """``StateFiles.journal_mark(offset)`` from this reading: None when no entry's line ends there."""
        if offset <= 0:
            return ""
        at = bisect.bisect_left(self.ends, offset)
        return _line_hash(self.lines[at]) if at < len(self.ends) and self.ends[at] == offset else None

    def entries_after(self, offset: int) -> list[dict[str, Any]]:
        """The entries whose lines lie after offset (what ``read_journal(offset)`` gives)."""
        return self.entries[bisect.bisect_right(self.ends, offset):]


@dataclass
class JournalPolicy:
    """How a workspace's journal is kept: who writes its lines, and, in a git work tree, the git that
    merges it, the articles held because a line about them vanished, and the check of which decisions
    count. The command frame gives one when it opens the workspace; a git workspace's is made by
    ``store.team.attach``."""

    actor: str = ""  # who runs the command, recorded in each journal entry it writes
    os_user: str = ""  # the operating system's user running it: a name typed with --by proves nothing
    git: Any = None  # the work tree's git (store.git.Git), when the workspace lies in one
    # Articles held from promotion, and why: a journal line about each vanished in a pull (set with git).
    held: dict[str, str] = field(default_factory=dict)
    # With signed decisions: marks each decision that does not count, and why.
    verdicts: Callable[[list[dict[str, Any]], list[bytes]], None] | None = None

    @property
    def merged(self) -> bool:
        """In a git workspace the journal is merged line by line (merge=union), so an entry's predecessor
        is the one on the machine that wrote it: git's history, and signatures, prove who wrote what."""
        return self.git is not None


class StateFiles(WorkspaceWrites):
    """The workspace's folders and its own files."""

    def __init__(self, root: Path, journal_policy: JournalPolicy | None = None) -> None:
        super().__init__(root)
        self.swept: list[str] = []  # stale temporary files the last lock taken removed
        self.journal_policy = journal_policy if journal_policy is not None else JournalPolicy()

    # --- state: JSON documents in .pipeline/ ----------------------------------------------

    def open_state(self, path: Path, flags: int, mode: int = 0o644) -> int:
        """A file descriptor for one of the pipeline's own files, never through a symbolic link;
        WorkspaceError (one line) when the file is a link."""
        try:
            fd = os.open(path, flags | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0), mode)  # a pipe never blocks
        except OSError as error:
            if error.errno in (errno.ELOOP, errno.EMLINK) and path.is_symlink():
                raise WorkspaceError(f"{self.rel(path)}: is a symbolic link (to {os.readlink(path)}); the "
                                     "pipeline's own files are never written through one: remove it") from None
            raise
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise WorkspaceError(f"{self.rel(path)}: is not a plain file (a pipe, device or folder); the "
                                 "pipeline's own files are plain files: remove it")
        return fd

    def read_state(self, name: str, object_pairs_hook: Callable[[list[tuple[str, Any]]], Any] | None = None) -> Any:
        """A JSON document from .pipeline/, or None when missing, unreadable or a link (it is rebuilt,
        and written in the link's place). ``object_pairs_hook``: as ``json.loads`` takes it."""
        try:
            with os.fdopen(self.open_state(self.state / name, os.O_RDONLY), "rb") as handle:
                return json.loads(handle.read().decode("utf-8"), object_pairs_hook=object_pairs_hook)
        except (OSError, ValueError, RecursionError, WorkspaceError):  # damaged: it only costs time
            return None

    def write_state(self, name: str, document: Any) -> None:
        """Atomically, written as it is encoded: a record of ten thousand files never sits in memory
        as one string (the bytes are those of json.dumps with sorted keys)."""
        self.write_atomic(self.state / name, _json_chunks(document, top=True))

    # --- the journal --------------------------------------------------------------------

    @property
    def journal_path(self) -> Path:
        return self.state / JOURNAL_NAME

    def append_journal(self, entries: list[dict[str, Any]]) -> bytes:
        """Append decisions, one JSON object a line; flushed at once so a killed run keeps them.
        Returns the lines written (a git workspace commits a decision's own lines)."""
        if not entries:
            return b""
        policy = self.journal_policy
        if policy.actor:  # who ran the command, as they say and as the operating system knows them
            entries = [{**entry, "actor": entry.get("actor", policy.actor), "os_user": policy.os_user}
                       for entry in entries]
        fd = self.open_state(self.journal_path, os.O_RDWR | os.O_APPEND | os.O_CREAT)
        size = 0
        try:
            size = os.lseek(fd, 0, os.SEEK_END)
            torn = bool(size) and os.pread(fd, 1, size - 1) != b"\n"
            previous = _last_line(fd, size)  # the last whole line: a torn one is no entry
            lines = []
            for entry in entries:  # each names the line before it: an edit or a line put in by hand shows
                entry = {key: value for key, value in entry.items() if key not in JOURNAL_MARKS}
                line = json.dumps({**entry, "prev": _line_hash(previous)}, ensure_ascii=False).encode("utf-8")
                lines.append(line + b"\n")
                previous = line
            written = b"".join(lines)
            data = (b"\n" if torn else b"") + written  # a line cut short must not swallow the next
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
            if not policy.merged:  # outside git: which operating-system user wrote these lines
                witness(self.state, written)
        except OSError as error:  # the disk full, say: no torn line is left behind
            with contextlib.suppress(OSError):
                os.ftruncate(fd, size)
            raise WorkspaceError(f"{self.rel(self.journal_path)}: cannot be written ({error.strerror or error}); "
                                 "this decision was not recorded: free some space and run the command again") from None
        finally:
            os.close(fd)
        return written

    def truncate_journal(self, end: int) -> None:
        """Cut the journal back to offset end: what a command appended and then could not record (a
        decision in git whose signing failed) leaves no line behind."""
        fd = self.open_state(self.journal_path, os.O_RDWR)
        try:
            if os.lseek(fd, 0, os.SEEK_END) > end:
                os.ftruncate(fd, end)
                os.fsync(fd)
        finally:
            os.close(fd)

    def read_journal(self, start: int = 0) -> tuple[list[dict[str, Any]], int]:
        """Journal entries from byte offset start, and the offset after the last whole line."""
        read = self.read_journal_lines(start)
        return read.entries, read.end

    def read_journal_lines(self, start: int = 0) -> JournalLines:
        """As read_journal, with each entry's line as written (what the witness files name by hash) and
        where it ends."""
        try:
            with os.fdopen(self.open_state(self.journal_path, os.O_RDONLY), "rb") as handle:
                handle.seek(start)
                data = handle.read()
        except FileNotFoundError:
            return JournalLines([], [], [], 0)
        end = data.rfind(b"\n") + 1  # a line cut short by a kill is ignored
        lines = data[:end].split(b"\n")[:-1]
        merged = self.journal_policy.merged
        decoded = _decoded_lines(data[:end], lines)
        if _all_plain_entries(decoded):  # (every line an entry, none with a mark: a journal as the pipeline writes it)
            read = JournalLines(decoded, lines, list(accumulate(map(_ONE.__add__, map(len, lines)), initial=start))[1:],
                                start + end)
            if not merged:
                _mark_unchained(decoded, lines, self._line_before(start))
        else:
            read = self._entries_one_by_one(start, end, lines, decoded, merged)
        if self.journal_policy.verdicts is not None and start == 0:
            self.journal_policy.verdicts(read.entries, read.lines)
        return read

    def _entries_one_by_one(self, start: int, end: int, lines: list[bytes], decoded: list[Any],
                            merged: bool) -> JournalLines:
        """The entries of the lines (their decoded values), line by line: what ``read_journal_lines`` reads when
        some line is no entry or holds a mark of the reader's own."""
        entries: list[dict[str, Any]] = []
        raw_lines: list[bytes] = []  # each entry's line as written, for the check of who decided
        ends: list[int] = []
        position = start
        previous = self._line_before(start)
        chained = False  # from the first entry that names its predecessor on, every one must
        for line, entry in zip(lines, decoded, strict=True):
            position += len(line) + 1
            if entry.__class__ is not dict:
                continue  # a line cut short by a kill: the next entry names the whole one before it
            if not entry.keys().isdisjoint(JOURNAL_MARKS):  # (rarely: an entry with a mark of its own)
                for mark in JOURNAL_MARKS:
                    entry.pop(mark, None)
            _action_as_text(entry)
            prev = entry.get("prev")
            chained = chained or prev is not None
            if chained and not merged and prev != _line_hash(previous):
                # it was put in by hand, or the one before it was edited: neither is the pipeline's
                entry["unchained"] = True
                if prev is not None and entries:  # (an entry before start is not this call's to mark)
                    entries[-1]["unchained"] = True  # it names a line before it, not the one there: that was edited
            entries.append(entry)
            raw_lines.append(line)
            ends.append(position)
            previous = line
        return JournalLines(entries, raw_lines, ends, start + end)

    def journal_tail(self, start: int) -> bytes:
        """The journal's bytes from offset start to its end (what one command appended)."""
        try:
            with os.fdopen(self.open_state(self.journal_path, os.O_RDONLY), "rb") as handle:
                handle.seek(start)
                return handle.read()
        except FileNotFoundError:
            return b""

    def journal_mark(self, offset: int) -> str:
        """sha256 of the journal's line that ends at offset ('' at the start): what a reader that got
        that far saw last, so a journal merged or rewritten before it is noticed."""
        return _line_hash(self._line_before(offset)) if offset > 0 else ""

    def _line_before(self, start: int) -> bytes:
        """The journal's line that ends at start (b"" at the beginning)."""
        if start <= 0:
            return b""
        with contextlib.suppress(OSError, WorkspaceError):
            fd = self.open_state(self.journal_path, os.O_RDONLY)
            try:
                return _last_line(fd, start)
            finally:
                os.close(fd)
        return b""

    def journal_end(self, start: int = 0) -> int:
        """The offset read_journal(start) would return, found from the end of the file without
        reading or parsing the entries in between (a run that wrote ten thousand of them)."""
        try:
            with os.fdopen(self.open_state(self.journal_path, os.O_RDONLY), "rb") as handle:
                position = handle.seek(0, os.SEEK_END)
                while position > start:
                    step = min(65536, position - start)
                    position -= step
                    handle.seek(position)
                    newline = handle.read(step).rfind(b"\n")
                    if newline != -1:
                        return position + newline + 1
        except FileNotFoundError:
            return 0
        return start

    # --- the lock -----------------------------------------------------------------------

    @contextlib.contextmanager
    def lock(self, timeout: float = 0.0, purpose: str = "run") -> Iterator[None]:
        """Hold the workspace lock. flock is released by the kernel when a holder dies, so a lock
        left by a killed run is never stale: the next run simply takes it. Once taken, temporary
        files that killed writes left behind are removed (``swept``)."""
        path = self.state / LOCK_NAME
        self.state.mkdir(exist_ok=True)  # a workspace that never ran: the lock needs its folder
        fd = self.open_state(path, os.O_RDWR | os.O_CREAT)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as error:
                    if error.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    if time.monotonic() >= deadline:
                        raise LockBusy(_read_holder(fd), self.root) from None
                    time.sleep(0.05)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"pid {os.getpid()} ({purpose}) since {time.strftime('%Y-%m-%dT%H:%M:%S%z')}\n".encode(), 0)
            self.swept = self.remove_stale_temporary_files()  # what killed writes left, now no one's
            yield
        finally:
            os.close(fd)  # closing releases the lock


def _read_holder(fd: int) -> str:
    try:
        return os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another run"
    except OSError:
        return "another run"
