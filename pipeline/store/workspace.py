"""The only module that touches the disk: folders, atomic writes, the lock, the record, the journal.

Every write goes to a temporary file in the target folder, is fsynced and renamed over the target,
so a run killed at any moment leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import fnmatch
import hashlib
import json
import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.model.config import CONFIG_NAME, Config, ConfigError, parse_config
from pipeline.model.errors import EXIT_LOCKED, PipelineError
from pipeline.store.atomic import Temporary, fsync_dir, holds, regular, remove_if_stale, same_bytes, temporary_files
from pipeline.store.witness import witness

STATE_DIR = ".pipeline"
JOURNAL_NAME = "journal.jsonl"
LOCK_NAME = "lock"
WORKSPACE_FOLDERS = ("raw", "drafts", "published", STATE_DIR)
# The pipeline's own files are opened without following a link: a lock or journal that is a link to
# a file elsewhere must not have that file truncated or appended to.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


class WorkspaceError(PipelineError):
    """A problem with the workspace itself (not with one file): the run cannot go on."""


class LockBusy(PipelineError):
    """Another run holds the workspace lock: exit 3, so cron can tell it from a failure."""

    exit_code = EXIT_LOCKED

    def __init__(self, holder: str, root: Path | str = "") -> None:
        super().__init__(f"workspace {root} is locked by {holder}; try again later")
        self.holder = holder


@dataclass(frozen=True)
class FileStamp:
    """What shows a file unchanged without reading it."""

    size: int
    mtime_ns: int
    inode: int

    def as_list(self) -> list[int]:
        return [self.size, self.mtime_ns, self.inode]


@dataclass(frozen=True)
class LinkOut:
    """A symbolic link that leads out of the workspace: where it is, what it points to, and whether that
    is a folder."""

    path: Path
    target: Path
    folder: bool


@dataclass(frozen=True)
class RawFile:
    """A file (or something that is not one) found under raw/ or named on the command line."""

    path: Path
    rel: str  # path relative to the workspace, with '/' separators
    problem: str | None = None  # why it cannot be read, found without reading it
    stamp: FileStamp | None = None


# A mapping with more members than this is written in pieces of this many: a record of ten thousand
# files is a few dozen pieces, each one json.dumps call, never the whole record as one string.
_MEMBERS_PER_PIECE = 256


def _json_chunks(value: Any, top: bool = False) -> Iterator[str]:
    """json.dumps(value, sorted keys, compact) in pieces: a big mapping is written a few hundred members
    at a time (a member that is itself a big mapping in pieces of its own), so only those members'
    text is in memory at once. A final newline at the top. ASCII-escaped, so a file name the file
    system gave as undecodable bytes (lone surrogates) is written like any other."""
    if isinstance(value, dict) and len(value) > 1 and all(isinstance(key, str) for key in value):
        yield "{"
        keys = sorted(value)
        written = 0
        while written < len(keys):
            key = keys[written]
            comma = "," if written else ""
            if isinstance(value[key], dict) and len(value[key]) > _MEMBERS_PER_PIECE:
                yield comma + json.dumps(key) + ":"
                yield from _json_chunks(value[key])
                written += 1
                continue
            piece = {}
            for key in keys[written:written + _MEMBERS_PER_PIECE]:
                if isinstance(value[key], dict) and len(value[key]) > _MEMBERS_PER_PIECE:
                    break
                piece[key] = value[key]
            yield comma + json.dumps(piece, sort_keys=True, separators=(",", ":"))[1:-1]
            written += len(piece)
        yield "}"
    else:
        yield json.dumps(value, sort_keys=True, separators=(",", ":"))
    if top:
        yield "\n"


def _fd_text(fd: int) -> str:
    data = b""
    while chunk := os.pread(fd, 1 << 20, len(data)):
        data += chunk
    return data.decode("utf-8", "surrogateescape")


def _fd_holds(fd: int, expected: bytes | str) -> bool:
    return same_bytes(_fd_text(fd).encode("utf-8", "surrogateescape"), expected)


# Marks the reader sets on a journal entry; never taken from the file as written.
JOURNAL_MARKS = ("unchained", "uncounted", "signer_key")


def _line_hash(line: bytes) -> str:
    return hashlib.sha256(line.rstrip(b"\n")).hexdigest()[:16]


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


def _utf8_name(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8 come as surrogates
        return False
    return True


def _escaped(name: str) -> str:
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _stamp(info: os.stat_result) -> FileStamp:
    return FileStamp(info.st_size, info.st_mtime_ns, info.st_ino)


class Workspace:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.raw = root / "raw"
        self.drafts = root / "drafts"
        self.published = root / "published"
        self.updates = root / "updates"  # re-scraped sources waiting beside their articles, made when needed
        self.revisions = root / "revisions"  # corrections of published articles, each beside its article
        self.state = root / STATE_DIR
        self.swept: list[str] = []  # stale temporary files the last lock taken removed
        self.actor = ""  # who runs the command, recorded in each journal entry it writes
        self.os_user = ""  # the operating system's user running it: a name typed with --by proves nothing
        # In a git workspace the journal is merged line by line (merge=union), so an entry's predecessor
        # is the one on the machine that wrote it: git's history, and signatures, prove who wrote what.
        self.merged_journal = False
        # With signed decisions: marks each decision that does not count, and why (set by the command frame).
        self.git: Any = None  # the work tree's git (store.git.Git), when the workspace lies in one
        self.decision_verdicts: Callable[[list[dict[str, Any]], list[bytes]], None] | None = None
        # Articles held from promotion, and why: a journal line about each vanished in a pull (set with git).
        self.held: dict[str, str] = {}

    # --- set-up -------------------------------------------------------------------------

    @classmethod
    def open(cls, root: Path, create: bool = True) -> Workspace:
        """The workspace at root. With create, missing raw/, drafts/, published/ and .pipeline/ are made
        (for commands that write); without, nothing is: a read-only command leaves the disk as it was."""
        if not root.is_dir():
            raise WorkspaceError(f"{root}: workspace folder does not exist")
        workspace = cls(root.resolve())
        if workspace.state.is_symlink() and not workspace.inside(workspace.state):
            raise WorkspaceError(f"{workspace.state}: is a symbolic link out of the workspace (to "
                                 f"{os.readlink(workspace.state)}); the pipeline's state stays in the workspace: "
                                 "remove the link")
        for folder in (workspace.drafts, workspace.published, workspace.updates,
                       workspace.revisions):  # one rule for every command
            if folder.is_symlink() and not workspace.inside(folder):
                raise WorkspaceError(f"{workspace.rel(folder)}/: is a symbolic link out of the workspace (to "
                                     f"{os.readlink(folder)}); articles are written only inside it: make it a "
                                     "folder, or a link to one inside the workspace")
        if create:
            workspace.make_folders()
        return workspace

    def make_folders(self) -> None:
        """raw/, drafts/, published/ and .pipeline/, each made when missing."""
        for folder in (self.raw, self.drafts, self.published, self.state):
            try:
                folder.mkdir(exist_ok=True)
            except OSError as error:
                raise WorkspaceError(f"{folder}: cannot create folder ({error.strerror})") from None

    def load_config(self) -> Config:
        path = self.root / CONFIG_NAME
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Config()
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"{CONFIG_NAME}: cannot be read ({error})") from None
        try:
            return parse_config(text, source=str(path))
        except ConfigError as error:
            raise ConfigError(f"{CONFIG_NAME}: {error}") from None

    def rel(self, path: Path) -> str:
        try:
            return path.absolute().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def inside(self, path: Path) -> bool:
        """Whether path, with every link resolved, lies within the workspace."""
        try:
            path.resolve().relative_to(self.root)
        except (ValueError, OSError, RuntimeError):
            return False
        return True

    # --- raw files ----------------------------------------------------------------------

    def raw_files(self, named: list[Path] | None = None, partial: Sequence[str] = ()) -> list[RawFile]:
        """Files under raw/ (recursively, hidden ones and those named like a partial download skipped),
        or the paths named, sorted."""
        if named:
            return [self._raw_entry(path if path.is_absolute() else Path.cwd() / path) for path in named]
        patterns = tuple(pattern.casefold() for pattern in partial)  # a download tool's FILE.PART is one too

        def wanted(name: str) -> bool:
            return not any(fnmatch.fnmatchcase(name.casefold(), pattern) for pattern in patterns)

        return sorted(self._walk(self.raw, wanted), key=lambda raw: raw.rel)

    def _walk(self, top: Path, wanted: Callable[[str], bool]) -> Iterator[RawFile]:
        """Every entry under top whose name is wanted, hidden ones skipped, in name order at each level.

        A generator, so a stage can work through ten thousand files holding a batch at a time.
        One lstat per entry gives a regular file's type and stamp, which is most of the cost of
        listing; anything else (links, devices, folders that cannot be read) gets the careful look of
        _raw_entry, or its own entry saying why it cannot be read."""

        def unreadable(error: OSError) -> RawFile:  # a folder that cannot be listed is reported, not skipped
            path = Path(error.filename) if error.filename else top
            return RawFile(path, self.rel(path), f"folder cannot be read ({error.strerror or error})")

        def walk(folder: Path, prefix: str) -> Iterator[RawFile]:
            try:
                names = sorted(os.listdir(folder))  # names only: a DirEntry each would hold far more
            except OSError as error:
                yield unreadable(error)
                return
            for name in names:
                if name.startswith("."):
                    continue
                path = folder / name  # cheaper than Path(str): no parsing of the folder again
                try:
                    info = os.lstat(path)
                except OSError:  # gone since the listing, or not to be looked at: _raw_entry says which
                    yield self._raw_entry(path)
                    continue
                if stat.S_ISDIR(info.st_mode):
                    yield from walk(path, prefix + name + "/")
                elif not wanted(name):
                    continue
                elif stat.S_ISREG(info.st_mode):  # the common case
                    yield RawFile(path, prefix + name, None, _stamp(info))
                else:  # links (never followed into folders), devices, pipes, sockets
                    yield self._raw_entry(path)

        if top.is_dir():
            yield from walk(top, self.rel(top) + "/")
        else:
            yield unreadable(FileNotFoundError(2, "no such folder", str(top)))

    def _raw_entry(self, path: Path) -> RawFile:
        rel = self.rel(path)
        try:
            info = path.lstat()
        except FileNotFoundError:
            return RawFile(path, rel, "no such file")
        except OSError as error:
            return RawFile(path, rel, f"cannot be read ({error.strerror})")
        if stat.S_ISLNK(info.st_mode):
            if not self.inside(path):
                return RawFile(path, rel, "symbolic link points outside the workspace")
            try:
                info = path.stat()
            except OSError:
                return RawFile(path, rel, "symbolic link is broken")
        if stat.S_ISDIR(info.st_mode):
            return RawFile(path, rel, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            return RawFile(path, rel, "is not a regular file (device, socket or pipe)")
        return RawFile(path, rel, None, _stamp(info))

    def read_raw(self, raw: RawFile, max_bytes: int) -> bytes:
        """The bytes of a raw file; OSError/ValueError with a reason a person can read."""
        if raw.stamp is not None and raw.stamp.size > max_bytes:
            raise ValueError(f"is {raw.stamp.size:,} bytes, over the limit of {max_bytes:,}")
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
        with os.fdopen(os.open(raw.path, flags), "rb") as handle:
            data = handle.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise ValueError(f"is over the limit of {max_bytes:,} bytes")
        return data

    # --- articles -----------------------------------------------------------------------

    def draft_files(self) -> list[Path]:
        return [found.path for found in self._markdown_files(self.drafts) if found.problem is None]

    def published_files(self) -> list[Path]:
        return [found.path for found in self._markdown_files(self.published) if found.problem is None]

    def _markdown_files(self, folder: Path) -> list[RawFile]:
        return list(self.iter_markdown_files(folder))

    def iter_markdown_files(self, folder: Path) -> Iterator[RawFile]:
        """The .md files under folder, one at a time (nothing when there is no such folder)."""
        if folder.is_dir():
            for found in self._walk(folder, lambda name: name.endswith(".md")):
                if found.problem is None and not _utf8_name(found.rel):
                    # the journal, the site and every tool name it in UTF-8: it cannot be decided on or moved
                    yield RawFile(found.path, _escaped(found.rel), "its file name is not UTF-8 text: rename it")
                else:
                    yield found

    def links_out(self, folder: Path) -> list[LinkOut]:
        """Every symbolic link under folder, of any name and at any depth, that leads out of the
        workspace (or nowhere); linked folders are listed, never entered. For Hugo, which follows them."""
        found: list[LinkOut] = []
        for top, folders, files in os.walk(folder):  # followlinks=False: a linked folder is not entered
            for name in [*folders, *files]:
                path = Path(top) / name
                if path.is_symlink() and not self.inside(path):
                    found.append(LinkOut(path, path.resolve(), path.is_dir()))
        return sorted(found, key=lambda link: link.path)

    def locate(self, given: Path, cwd: Path | None = None) -> Path:
        """A path named on the command line: relative to the current folder, else to the workspace
        (so `drafts/x.md` works from anywhere with --root). The one rule every command follows."""
        if given.is_absolute():
            return given
        here = (cwd or Path.cwd()) / given
        if not self.exists(here) and self.exists(self.root / given):
            return self.root / given
        return here

    def article_files(self, named: Sequence[Path] | None, folder: Path) -> list[RawFile]:
        """Markdown articles: the paths named (a folder named is searched for .md files), or all of folder.

        Each comes with its stamp, or with why it cannot be read; a path named twice is listed once."""
        if not named:
            return self._markdown_files(folder)
        found: dict[Path, RawFile] = {}
        for given in named:
            path = self.locate(given)
            inner = self._markdown_files(path) if path.is_dir() else [self._raw_entry(path)]
            for item in inner:
                found.setdefault(item.path.absolute(), item)
        return list(found.values())

    @staticmethod
    def read_bytes(path: Path | str) -> bytes:
        with open(path, "rb") as handle:
            return handle.read()

    @staticmethod
    def exists(path: Path) -> bool:
        try:
            return path.exists() or path.is_symlink()
        except OSError as error:  # a name longer than a file can have: there is no such file
            if error.errno == errno.ENAMETOOLONG:
                return False
            raise

    # --- atomic writes ------------------------------------------------------------------

    def write_atomic(self, path: Path, text: str | Iterable[str]) -> None:
        """Replace path with text: temporary file, fsync, rename, fsync the folder. The file keeps its
        mode (and, where allowed, its owner and group)."""
        with Temporary(path, text, regular(path)) as temporary:
            os.replace(temporary.name, path)
            temporary.placed = True
        fsync_dir(path.parent)

    def replace_if_unchanged(self, path: Path, text: str, expected: bytes | str) -> bool:
        """Replace path with text, as write_atomic does, only if the file still holds what was read
        (its bytes, or their sha256 in hex): compared after the slow part (writing and syncing the
        new text), right before the rename. False, and nothing changed, when an editor saved
        meanwhile or the file is gone."""
        try:
            old = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))  # an editor may write into it
        except OSError:
            return False
        try:
            with Temporary(path, text, regular(path)) as temporary:
                if not holds(path, expected) or not _fd_holds(old, expected):  # saved anew, or in place
                    return False
                os.replace(temporary.name, path)
                temporary.placed = True
            fsync_dir(path.parent)
            # An editor who saved in place (truncate, then write) in the instant between the comparison
            # and the rename wrote into the file replaced: their text is put back, newer than ours.
            if not _fd_holds(old, expected):
                self.write_atomic(path, _fd_text(old))
                return False
        finally:
            os.close(old)
        return True

    def write_new_atomic(self, path: Path, text: str, like: Path | None = None) -> bool:
        """Create path with text, atomically, only if no file has that name. False if one has. With
        like, the new file takes that file's mode (a move keeps an article's mode, as mv does)."""
        with Temporary(path, text, regular(like) if like is not None else None) as temporary:
            try:
                os.link(temporary.name, path)  # fails with EEXIST instead of overwriting
            except FileExistsError:
                return False
        fsync_dir(path.parent)
        return True

    def write_update(self, path: Path, text: str) -> None:
        """A re-scraped source's draft beside its article, in updates/ (made when missing): it replaces
        an earlier update of the same article, which was the pipeline's own."""
        if not self.inside(path.parent if path.parent.exists() else self.updates):
            raise OSError(errno.EXDEV, "updates/ is a link out of the workspace", str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        self.write_atomic(path, text)

    def write_revision(self, path: Path, text: str) -> bool:
        """A revision of a published article, in revisions/ (made when missing), only if none is there:
        False when one is (an editor's revision is never replaced)."""
        if not self.inside(path.parent if path.parent.exists() else self.revisions):
            raise OSError(errno.EXDEV, "revisions/ is a link out of the workspace", str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        return self.write_new_atomic(path, text)

    def remove(self, path: Path) -> None:
        os.unlink(path)
        fsync_dir(path.parent)

    @staticmethod
    def aside_name(path: Path) -> Path:
        """Where a move keeps an article while it moves: hidden beside it, out of editors' way."""
        return path.with_name(f".moving-{path.name}")

    def take_aside(self, path: Path) -> Path:
        """Rename an article out of editors' way, atomically: a save an editor makes after this lands
        on a new file of the old name, never on the text being moved. OSError when the folder cannot
        be written to (or a move cut short left its article aside: finishing it comes first)."""
        aside = self.aside_name(path)
        if self.exists(aside):
            raise FileExistsError(errno.EEXIST, "an earlier move left it aside", str(aside))
        os.rename(path, aside)
        fsync_dir(path.parent)
        return aside

    def put_back(self, aside: Path, path: Path) -> Path:
        """An article taken aside returned to its name, or, when an editor saved a new file of that
        name meanwhile, to a free name beside it (nothing overwritten). Where it is now."""
        target, number = path, 1
        while True:
            try:
                os.link(aside, target)  # fails with EEXIST instead of overwriting
                break
            except FileExistsError:
                number += 1
                target = path.with_name(f"{path.stem}-{number}{path.suffix}")
        os.unlink(aside)
        fsync_dir(path.parent)
        return target

    def remove_stale_temporary_files(self) -> list[str]:
        """Temporary files (``.tmp-*.part``) that writes killed before their rename left behind, in
        the folders the pipeline writes to: removed when older than STALE_AFTER seconds and owned by
        no write still running (a write holds a lock on its temporary file until it is renamed). The
        names removed, relative to the workspace."""
        removed = []
        for path in temporary_files([self.root, self.state], [self.drafts, self.published, self.updates]):
            if remove_if_stale(path):
                removed.append(self.rel(path))
        if removed:
            for folder in {Path(path).parent for path in removed}:
                fsync_dir(self.root / folder)
        return sorted(removed)

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

    def read_state(self, name: str) -> Any:
        """A JSON document from .pipeline/, or None when missing, unreadable or a link (it is rebuilt,
        and written in the link's place)."""
        try:
            with os.fdopen(self.open_state(self.state / name, os.O_RDONLY), "rb") as handle:
                return json.loads(handle.read().decode("utf-8"))
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
        if self.actor:  # who ran the command, as they say and as the operating system knows them
            entries = [{**entry, "actor": entry.get("actor", self.actor), "os_user": self.os_user} for entry in entries]
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
            if not self.merged_journal:  # outside git: which operating-system user wrote these lines
                witness(self, written)
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
        try:
            with os.fdopen(self.open_state(self.journal_path, os.O_RDONLY), "rb") as handle:
                handle.seek(start)
                data = handle.read()
        except FileNotFoundError:
            return [], 0
        end = data.rfind(b"\n") + 1  # a line cut short by a kill is ignored
        entries: list[dict[str, Any]] = []
        raw_lines: list[bytes] = []  # each entry's line as written, for the check of who decided
        previous = self._line_before(start)
        chained = False  # from the first entry that names its predecessor on, every one must
        for line in data[:end].split(b"\n")[:-1]:
            try:
                entry = json.loads(line)
            except ValueError:
                entry = None
            if not isinstance(entry, dict):
                continue  # a line cut short by a kill: the next entry names the whole one before it
            for mark in JOURNAL_MARKS:
                entry.pop(mark, None)
            prev = entry.get("prev")
            chained = chained or prev is not None
            if chained and prev != _line_hash(previous) and not self.merged_journal:
                # it was put in by hand, or the one before it was edited: neither is the pipeline's
                entry["unchained"] = True
                if prev is not None and entries:  # (an entry before start is not this call's to mark)
                    entries[-1]["unchained"] = True  # it names a line before it, not the one there: that was edited
            entries.append(entry)
            raw_lines.append(line)
            previous = line
        if self.decision_verdicts is not None and start == 0:
            self.decision_verdicts(entries, raw_lines)
        return entries, start + end

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


# --- built sites: scratch folders for Hugo and the folder a preview is built into ------------------


def read_text_or_none(path: Path) -> str | None:
    """A file's UTF-8 text, or None when it is missing or unreadable."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
