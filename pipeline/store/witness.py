"""Which operating-system user wrote each journal line, outside git.

The journal's hash chain shows an edited line or one put in the middle; it cannot show a line
appended by hand with the right ``prev``, since anyone who may write the journal can compute it.
So every command that appends also records the lines' hashes in a file of its own user's,
``.pipeline/written-by/UID``, which only that user may write (the folder is sticky, as /tmp is: no
one removes or replaces another's file). A decision whose line is in no such file (each owned by
the user it is named for) was written by no user through the pipeline: `status` names it. What
this rests on is the operating system's file permissions: root, or anyone who runs as the reviewer's
user, can still write both.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from pathlib import Path
from typing import Any

FOLDER = "written-by"
DECIDED = ("approved", "rejected")


def _hash(line: bytes) -> str:
    return hashlib.sha256(line.rstrip(b"\n")).hexdigest()


def witness(state: Path, written: bytes) -> None:
    """Record the lines just appended as written by this process's user (best effort: a folder that
    cannot be written leaves the lines unwitnessed, which status then shows)."""
    lines = [line for line in written.split(b"\n") if line.strip()]
    if not lines:
        return
    folder = state / FOLDER
    with contextlib.suppress(OSError):
        if not folder.is_dir() or folder.is_symlink():
            shared = stat.S_IMODE(os.stat(state).st_mode)
            folder.mkdir(mode=0o700)
            os.chmod(folder, shared | stat.S_ISVTX)  # as open as .pipeline/ is, and sticky
        fd = os.open(folder / str(os.getuid()), os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0),
                     0o644)
        try:
            if os.fstat(fd).st_uid == os.getuid():
                os.write(fd, "".join(_hash(line) + "\n" for line in lines).encode("ascii"))
        finally:
            os.close(fd)


def _witnessed(state: Path) -> dict[int, set[str]]:
    """uid -> hashes of the lines that user wrote, from files that user owns (any other is no witness)."""
    found: dict[int, set[str]] = {}
    folder = state / FOLDER
    try:
        names = os.listdir(folder) if folder.is_dir() and not folder.is_symlink() else []
    except OSError:
        return found
    for name in names:
        if not name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError):
            fd = os.open(folder / name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            try:
                info = os.fstat(fd)
                if stat.S_ISREG(info.st_mode) and info.st_uid == int(name):
                    with os.fdopen(os.dup(fd), "rb") as handle:
                        found[info.st_uid] = set(handle.read().decode("ascii", "replace").split())
            finally:
                os.close(fd)
    return found


def unwitnessed(state: Path, entries: list[dict[str, Any]], lines: list[bytes]) -> list[dict[str, Any]]:
    """The approvals and rejections among the journal's entries (each with its line as written, as
    ``read_journal_lines`` gives them) that no operating-system user wrote through the pipeline (their
    line is in no user's file)."""
    if not lines:
        return []
    decided = [(entry, line) for entry, line in zip(entries, lines, strict=True) if entry.get("action") in DECIDED]
    if not decided:  # (a journal of ingestions alone: no user's file need be read, ten thousand hashes each)
        return []
    witnessed = set().union(*_witnessed(state).values())
    return [entry for entry, line in decided if _hash(line) not in witnessed]
