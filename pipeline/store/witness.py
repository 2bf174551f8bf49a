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
import json
import os
import stat
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.store.workspace import Workspace

FOLDER = "written-by"
DECIDED = ("approved", "rejected")


def _hash(line: bytes) -> str:
    return hashlib.sha256(line.rstrip(b"\n")).hexdigest()


def witness(workspace: Workspace, written: bytes) -> None:
    """Record the lines just appended as written by this process's user (best effort: a folder that
    cannot be written leaves the lines unwitnessed, which status then shows)."""
    lines = [line for line in written.split(b"\n") if line.strip()]
    if not lines:
        return
    folder = workspace.state / FOLDER
    with contextlib.suppress(OSError):
        if not folder.is_dir() or folder.is_symlink():
            shared = stat.S_IMODE(os.stat(workspace.state).st_mode)
            folder.mkdir(mode=0o700)
            os.chmod(folder, shared | stat.S_ISVTX)  # as open as .pipeline/ is, and sticky
        fd = os.open(folder / str(os.getuid()), os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0),
                     0o644)
        try:
            if os.fstat(fd).st_uid == os.getuid():
                os.write(fd, "".join(_hash(line) + "\n" for line in lines).encode("ascii"))
        finally:
            os.close(fd)


def _witnessed(workspace: Workspace) -> dict[int, set[str]]:
    """uid -> hashes of the lines that user wrote, from files that user owns (any other is no witness)."""
    found: dict[int, set[str]] = {}
    folder = workspace.state / FOLDER
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


def unwitnessed(workspace: Workspace) -> list[dict[str, Any]]:
    """The approvals and rejections in the journal that no operating-system user wrote through the
    pipeline (their line is in no user's file)."""
    data = workspace.journal_tail(0)
    if not data:
        return []
    witnessed = set().union(*_witnessed(workspace).values())
    found = []
    for line in data.split(b"\n")[:-1]:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if not isinstance(entry, dict) or entry.get("action") not in DECIDED:
            continue
        if _hash(line) not in witnessed:
            found.append(entry)
    return found
