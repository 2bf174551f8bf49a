"""Atomic writes on the disk: the temporary file beside its target, the mode a rewrite keeps, and the
clean-up of temporary files a killed write left behind. ``writes`` (the workspace's writes) is the only user.

A temporary file is named ``.tmp-*.part`` in the target's folder, fsynced, then renamed (or linked)
over its target. While it exists its writer holds an flock on it, so the sweep of stale ones can
tell a file a running write still owns (locked) from one whose writer was killed (the kernel
released the lock with the process).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import stat
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType

TEMP_PREFIX, TEMP_SUFFIX = ".tmp-", ".part"
# A temporary file is taken for debris only when it has not been written for this long, so one a
# write has just created (and not yet locked) is never touched.
STALE_AFTER = 300.0


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


UMASK = _current_umask()


def regular(path: Path) -> os.stat_result | None:
    """The status of path when it is a regular file (not followed through a link), else None."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return info if stat.S_ISREG(info.st_mode) else None


class Temporary:
    """``with Temporary(path, text, like) as temporary``: text in a locked temporary file beside path,
    fsynced, with the mode of ``like`` (the file it replaces) or the usual 0666 less the umask. The
    caller renames or links ``temporary.name`` into place, and sets ``placed`` after a rename; on the
    way out the name is removed unless placed, and the lock let go."""

    def __init__(self, path: Path, text: str | Iterable[str], like: os.stat_result | None = None) -> None:
        self.path, self.text, self.like = path, text, like
        self.name = ""
        self.placed = False
        self._fd = -1

    def __enter__(self) -> Temporary:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # (only when a file is written: a run that reads imports none of it)

        self._fd, self.name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=self.path.parent)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX)  # a file just made: only the sweep ever tries it
            _take_mode(self._fd, self.like)
            with open(self._fd, "wb", closefd=False) as handle:
                for chunk in [self.text] if isinstance(self.text, str) else self.text:
                    handle.write(chunk.encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if not self.placed:
            with contextlib.suppress(OSError):
                os.unlink(self.name)
        os.close(self._fd)  # lets go of the lock


def _take_mode(fd: int, like: os.stat_result | None) -> None:
    """The mode (and, where allowed, owner and group) of the file replaced; mkstemp makes 0600, and a
    new article is a shared file: 0666 less the umask."""
    if like is None:
        os.fchmod(fd, 0o666 & ~UMASK)
        return
    if (like.st_uid, like.st_gid) != (os.geteuid(), os.getegid()):
        with contextlib.suppress(OSError):  # only root may give a file away; a group only its member
            os.fchown(fd, like.st_uid, like.st_gid)
    os.fchmod(fd, stat.S_IMODE(like.st_mode))


def holds(path: Path, expected: bytes | str) -> bool:
    """Whether the file at path holds exactly the bytes expected (or bytes with that sha256 in hex)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return False
    return same_bytes(data, expected)


def same_bytes(data: bytes, expected: bytes | str) -> bool:
    """Whether data is the bytes expected, or bytes with that sha256 in hex."""
    return data == expected if isinstance(expected, bytes) else hashlib.sha256(data).hexdigest() == expected


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def temporary_files(flat: Sequence[Path], deep: Sequence[Path]) -> Iterator[Path]:
    """Every ``.tmp-*.part`` in the folders flat, and in deep and their folders below (never through a
    link, never into a hidden folder, where nothing is written)."""

    def look(folder: Path, below: bool) -> Iterator[Path]:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for item in entries:
            if item.name.startswith(TEMP_PREFIX) and item.name.endswith(TEMP_SUFFIX):
                yield Path(item.path)
            elif below and not item.name.startswith(".") and item.is_dir(follow_symlinks=False):
                yield from look(Path(item.path), below)

    for folder in flat:
        yield from look(folder, False)
    for folder in deep:
        yield from look(folder, True)


def remove_if_stale(path: Path, now: float | None = None) -> bool:
    """Remove a temporary file that is a regular file, not written for STALE_AFTER seconds, and not
    locked by a write still running. Whether it was removed."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or (now or time.time()) - info.st_mtime < STALE_AFTER:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # a running write owns it
        os.unlink(path)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)
