"""A private copy of a workspace folder, for a server that reads what it is given and follows links
(``hugo server``): only files the pipeline read itself, from inside the workspace, and checked.

The live folder may change under a server at any moment (an editor's save, a pull that brings a link
to a folder elsewhere): the server never reads it. ``FolderCopy.refresh`` brings the copy up to date,
reading again only the files whose stamps changed; a file is read through one open descriptor, and
copied only when the file that descriptor reached lies inside the workspace (a link swapped in between
the check and the read reaches nothing outside). Linked folders are never entered.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.store.workspace import Workspace

LINK_OUT = "is a symbolic link out of the workspace: not served (Hugo would serve what it points to)"
LINKED_FOLDER = "is a symbolic link to a folder: not served (link the files, or move the folder in)"
# What refresh reads of one file at most: a preview has no use for more, and a copy must not fill the disk.
MAX_BYTES = 64 * 1024 * 1024

Stamp = tuple[int, ...]


@dataclass(frozen=True)
class LeftOut:
    """A file the copy leaves out, and why."""

    rel: str  # relative to the workspace
    why: str


@dataclass
class FolderCopy:
    """The copy of one workspace folder (published/ or drafts/) in a private folder.

    ``check(rel, data)`` says why a file is not to be served ('' to serve it); ``wanted(inner)`` picks
    the files to copy by their path inside the folder (all, unless drafts were named)."""

    workspace: Workspace
    source: Path
    target: Path
    check: Callable[[str, bytes], str]
    wanted: Callable[[str], bool] = lambda _inner: True
    _stamps: dict[str, Stamp] = field(default_factory=dict)  # inner path -> stamp of what was last looked at
    _left_out: dict[str, str] = field(default_factory=dict)  # inner path -> why

    def refresh(self) -> list[LeftOut]:
        """Bring the copy up to date with the folder: copy what is new or changed, remove what is gone
        or now left out. Returns what is left out that was not before (each said once)."""
        self.target.mkdir(parents=True, exist_ok=True)
        seen: set[str] = set()
        newly: list[LeftOut] = []
        for inner, why in self._entries():
            seen.add(inner)
            if why is None:
                continue  # unchanged since the last look
            if why:
                self._remove(inner)
                if self._left_out.get(inner) != why:
                    newly.append(LeftOut(self._rel(inner), why))
                self._left_out[inner] = why
            else:
                self._left_out.pop(inner, None)
        for inner in [inner for inner in self._stamps if inner not in seen]:
            del self._stamps[inner]
            self._left_out.pop(inner, None)
            self._remove(inner)
        return newly

    def left_out(self) -> list[LeftOut]:
        return [LeftOut(self._rel(inner), why) for inner, why in sorted(self._left_out.items())]

    # --- one look at the folder ---------------------------------------------------------------------

    def _entries(self) -> list[tuple[str, str | None]]:
        """(inner path, why it is left out: '' copied, None unchanged) for every entry of the folder."""
        found: list[tuple[str, str | None]] = []
        if not self.source.is_dir() or self.source.is_symlink():
            return found
        for top, folders, files in os.walk(self.source):  # followlinks=False: a linked folder is never entered
            here = Path(top)
            folders[:] = sorted(name for name in folders if not name.startswith("."))
            for name in list(folders):
                if (here / name).is_symlink():
                    folders.remove(name)
                    inner = (here / name).relative_to(self.source).as_posix()
                    if self.wanted(inner):
                        why = LINK_OUT if not self.workspace.inside(here / name) else LINKED_FOLDER
                        found.append((inner, self._note(inner, why)))
            for name in sorted(files):
                if name.startswith("."):
                    continue  # hidden, as everywhere (and the pipeline's own temporary files)
                inner = (here / name).relative_to(self.source).as_posix()
                if self.wanted(inner):
                    found.append((inner, self._look(here / name, inner)))
        return found

    def _note(self, inner: str, why: str) -> str | None:
        stamp = (-1,)
        if self._stamps.get(inner) == stamp and self._left_out.get(inner) == why:
            return None
        self._stamps[inner] = stamp
        return why

    def _look(self, path: Path, inner: str) -> str | None:
        try:
            own = os.lstat(path)
            reached = os.stat(path)
        except OSError as error:
            return self._note(inner, f"cannot be read ({error.strerror})")
        stamp = (own.st_ino, own.st_size, own.st_mtime_ns, reached.st_dev, reached.st_ino, reached.st_size,
                 reached.st_mtime_ns)
        if self._stamps.get(inner) == stamp:
            return None
        if stat.S_ISLNK(own.st_mode) and not self.workspace.inside(path):
            return self._note(inner, LINK_OUT)
        data, why = self._read(path)
        if not why:
            why = self.check(self._rel(inner), data)
        if not why:
            _write_private(self.target / inner, data, self.target.parent)
        self._stamps[inner] = stamp
        return why

    def _read(self, path: Path) -> tuple[bytes, str]:
        """The bytes of a regular file inside the workspace, read through one descriptor; else why not."""
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        except OSError as error:
            return b"", f"cannot be read ({error.strerror})"
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return b"", "is not a regular file: not served"
            if not _reached_inside(fd, path, self.workspace):
                return b"", LINK_OUT
            if info.st_size > MAX_BYTES:
                return b"", f"is larger than {MAX_BYTES // (1024 * 1024)} MB: not served"
            chunks = []
            while chunk := os.read(fd, 1024 * 1024):
                chunks.append(chunk)
            return b"".join(chunks), ""
        except OSError as error:
            return b"", f"cannot be read ({error.strerror})"
        finally:
            os.close(fd)

    def _remove(self, inner: str) -> None:
        (self.target / inner).unlink(missing_ok=True)

    def _rel(self, inner: str) -> str:
        return f"{self.workspace.rel(self.source)}/{inner}"


def _reached_inside(fd: int, path: Path, workspace: Workspace) -> bool:
    """Whether the file an open descriptor reached lies inside the workspace (by what the kernel says it
    opened, where it can say; else the path resolved now, and the same file)."""
    try:
        opened = Path(os.readlink(f"/proc/self/fd/{fd}"))
    except OSError:
        try:
            resolved = path.resolve(strict=True)
            same = os.path.samestat(os.fstat(fd), os.stat(resolved))
        except (OSError, RuntimeError):
            return False
        return same and workspace.inside(resolved)
    return opened.is_relative_to(workspace.root)


def _write_private(path: Path, data: bytes, scratch: Path) -> None:
    """Write into the private copy: a new file (beside the copy, where the server does not look) renamed
    into place, so a server never reads half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = scratch / ".writing"
    with open(partial, "wb") as handle:
        handle.write(data)
    os.replace(partial, path)
