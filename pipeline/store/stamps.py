"""The articles of a folder with their stamps, listed quickly: for the desk, which lists drafts/ on every
page it shows and must tell in a few milliseconds which of ten thousand changed.

It lists what ``Workspace.iter_markdown_files`` lists (the ``.md`` files under the folder, hidden ones
skipped, links never followed into folders), by ``os.scandir``: one system call per folder for the names
and types, one ``lstat`` per file, and no object per file but a tuple. A file that is not a plain one (a
link, a device) gets the careful look of the workspace, which says why it cannot be read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from pipeline.store.paths import RawFile, _utf8_name
from pipeline.store.workspace import Workspace

# rel -> (size, mtime_ns, inode) of a plain file, or why it cannot be read (a str)
Stamps = dict[str, tuple[int, int, int] | str]


def markdown_stamps(workspace: Workspace, folder: Path) -> Stamps:
    """Every .md file under folder by its rel ('drafts/a/x.md'), with its stamp or why it cannot be
    read; empty when there is no such folder."""
    found: Stamps = {}
    if not folder.is_dir():
        return found
    regular = stat.S_ISREG

    def walk(top: str, prefix: str) -> None:
        try:
            entries = list(os.scandir(top))
        except OSError as error:
            found[prefix.rstrip("/")] = f"folder cannot be read ({error.strerror or error})"
            return
        for item in entries:
            name = item.name
            if name[0] == ".":
                continue
            if name[-3:] != ".md":
                try:
                    if item.is_dir(follow_symlinks=False):
                        walk(item.path, prefix + name + "/")
                except OSError:
                    pass
                continue
            rel = prefix + name
            try:
                info = item.stat(follow_symlinks=False)
            except OSError:
                info = None
            if info is not None and stat.S_ISDIR(info.st_mode):
                walk(item.path, rel + "/")
            elif info is not None and regular(info.st_mode) and _utf8_name(rel):
                found[rel] = (info.st_size, info.st_mtime_ns, info.st_ino)
            elif not _utf8_name(rel):  # the journal and every tool name a file in UTF-8
                found[os.fsencode(rel).decode("utf-8", "backslashreplace")] = \
                    "its file name is not UTF-8 text: rename it"
            else:  # links, devices, pipes, or gone since the listing: the workspace says which
                raw = workspace.raw_files([Path(item.path)])[0]
                found[rel] = raw.problem or "cannot be read"
                if raw.problem is None and raw.stamp is not None:  # a link to a file inside the workspace
                    found[rel] = (raw.stamp.size, raw.stamp.mtime_ns, raw.stamp.inode)

    walk(str(folder), workspace.rel(folder) + "/")
    return found


def listed_stamps(listing: Iterable[RawFile]) -> Stamps:
    """A listing the workspace made (``Workspace.article_files``) as ``markdown_stamps`` gives it."""
    found: Stamps = {}
    for raw in listing:
        stamp = raw.stamp
        found[raw.rel] = (stamp.size, stamp.mtime_ns, stamp.inode) if stamp is not None and raw.problem is None \
            else raw.problem or "cannot be read"
    return found


def file_stamp(path: Path) -> tuple[int, int, int] | str | None:
    """(size, mtime_ns, inode) of a plain file, never through a link; None when there is none, and a
    reason when something else is in its place."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    if not stat.S_ISREG(info.st_mode):
        return "is not a plain file"
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def journal_digest(workspace: Workspace, end: int) -> str:
    """sha256 of the journal's first `end` bytes (read never through a link; '' when it cannot be read):
    whether what was read of it before is still there as it was, without parsing it again."""
    import hashlib

    from pipeline.store.paths import WorkspaceError

    digest = hashlib.sha256()
    try:
        fd = workspace.open_state(workspace.journal_path, os.O_RDONLY)
    except (OSError, WorkspaceError):
        return ""
    try:
        done = 0
        while done < end:
            chunk = os.pread(fd, min(1 << 20, end - done), done)
            if not chunk:
                return ""
            digest.update(chunk)
            done += len(chunk)
    except OSError:
        return ""
    finally:
        os.close(fd)
    return digest.hexdigest()
