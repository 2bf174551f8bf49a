"""Where things are in a workspace: its folders, the files found under them (raw files, articles), paths
named on the command line, and reading a file. Nothing here writes."""

from __future__ import annotations

import errno
import fnmatch
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from pipeline.model.errors import PipelineError

STATE_DIR = ".pipeline"
WORKSPACE_FOLDERS = ("raw", "drafts", "published", STATE_DIR)


class WorkspaceError(PipelineError):
    """A problem with the workspace itself (not with one file): the run cannot go on."""


class FileStamp(NamedTuple):
    """What shows a file unchanged without reading it. A named tuple: one is made for every file listed,
    at a third of the cost of a frozen dataclass."""

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


@dataclass(frozen=True, eq=False, init=False)
class RawFile:
    """A file (or something that is not one) found under raw/ or named on the command line.

    The listing gives its place as a string: a ``Path`` is made only when asked for, since most files
    of a listing are answered from a cache and a ``Path`` each was most of what listing them cost."""

    place: str | Path  # where it is, as the listing found it
    rel: str  # path relative to the workspace, with '/' separators
    problem: str | None = None  # why it cannot be read, found without reading it
    stamp: FileStamp | None = None

    def __init__(self, place: str | Path, rel: str, problem: str | None = None, stamp: FileStamp | None = None) -> None:
        # Frozen all the same: set once, here, in one step (a frozen dataclass's own __init__ sets each field
        # through object.__setattr__, which was a third of the cost of listing a file)
        self.__dict__.update(place=place, rel=rel, problem=problem, stamp=stamp)

    @cached_property
    def path(self) -> Path:
        return self.place if isinstance(self.place, Path) else Path(self.place)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RawFile):
            return NotImplemented
        return (self.rel, self.problem, self.stamp, self.path) == (other.rel, other.problem, other.stamp, other.path)

    def __hash__(self) -> int:
        return hash((self.rel, self.problem, self.stamp))


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


class WorkspacePaths:
    """A workspace's folders and the files in them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.raw = root / "raw"
        self.drafts = root / "drafts"
        self.published = root / "published"
        self.updates = root / "updates"  # re-scraped sources waiting beside their articles, made when needed
        self.revisions = root / "revisions"  # corrections of published articles, each beside its article
        self.state = root / STATE_DIR

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
        # A download tool's FILE.PART is one too. The patterns as one expression: fnmatchcase's own, joined.
        partial_name = re.compile("|".join(fnmatch.translate(pattern.casefold()) for pattern in partial)) \
            if partial else None

        def wanted(name: str) -> bool:
            return partial_name is None or partial_name.match(name.casefold()) is None

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

        def walk(folder: str, prefix: str) -> Iterator[RawFile]:
            try:
                names = sorted(os.listdir(folder))  # names only: a DirEntry each would hold far more
            except OSError as error:
                yield unreadable(error)
                return
            regular, directory = stat.S_ISREG, stat.S_ISDIR
            for name in names:
                if name[:1] == ".":  # (name.startswith("."): a slice compared costs less, once a file)
                    continue
                place = folder + name  # a string: the Path is made only for a file someone reads
                try:
                    info = os.lstat(place)
                except OSError:  # gone since the listing, or not to be looked at: _raw_entry says which
                    yield self._raw_entry(Path(place))
                    continue
                if directory(info.st_mode):
                    yield from walk(place + os.sep, prefix + name + "/")
                elif not wanted(name):
                    continue
                elif regular(info.st_mode):  # the common case
                    yield RawFile(place, prefix + name, None, _stamp(info))
                else:  # links (never followed into folders), devices, pipes, sockets
                    yield self._raw_entry(Path(place))

        if top.is_dir():
            yield from walk(os.path.join(top, ""), self.rel(top) + "/")
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
            for found in self._walk(folder, lambda name: name[-3:] == ".md"):
                if found.problem is None and not found.rel.isascii() and not _utf8_name(found.rel):
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


def read_text_or_none(path: Path) -> str | None:
    """A file's UTF-8 text, or None when it is missing or unreadable."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
