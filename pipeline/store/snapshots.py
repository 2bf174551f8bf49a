"""The texts the journal names only by hash: a small content-addressed store in ``.pipeline/snapshots/``.

The journal keeps the sha256 of what was ingested (``written``) and of what a reviewer decided on
(``hash``, the article's canonical rendering), never the text. So that a reviewer can see what changed
since, ingest and every decision keep that text here as ``<sha256>.md``: written once, atomically, never
through a link, and trusted on reading only when its bytes still have the hash its name says. A snapshot
only saves work and shows a diff: one that cannot be written is left out without a word, one that is
damaged is not known.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
from pathlib import Path

from pipeline.model.article import Article, render_article
from pipeline.store.atomic import TEMP_PREFIX, TEMP_SUFFIX
from pipeline.store.workspace import Workspace

FOLDER = "snapshots"
# A snapshot is an article's text: anything bigger than this is not one of ours.
MAX_BYTES = 8 * 1024 * 1024
_NAME = re.compile(r"[0-9a-f]{64}")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)


def snapshot_folder(workspace: Workspace) -> Path:
    return workspace.state / FOLDER


def _folder_ready(workspace: Workspace, create: bool) -> Path | None:
    """.pipeline/snapshots/ when it is a real folder inside the workspace (made when asked), else None:
    a link there, or a file in its place, is never written through nor read."""
    folder = snapshot_folder(workspace)
    for step in (workspace.state, folder):
        try:
            info = os.lstat(step)
        except FileNotFoundError:
            if not create:
                return None
            try:
                os.mkdir(step)
            except OSError:
                return None
            continue
        except OSError:
            return None
        if not stat.S_ISDIR(info.st_mode):  # a link (even to a folder) or a file: not ours to use
            return None
    return folder


def keep_snapshot(workspace: Workspace, content: str | Article | None) -> str:
    """Keep a text (an article is kept as its canonical rendering, which its content hash is of); its
    sha256, or '' when it could not be kept. A snapshot already there is kept; a damaged one replaced."""
    if content is None:
        return ""
    text = render_article(content) if isinstance(content, Article) else content
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # not text a file holds
        return ""
    digest = hashlib.sha256(data).hexdigest()
    folder = _folder_ready(workspace, create=True)
    if folder is None:
        return ""
    path = folder / f"{digest}.md"
    if read_snapshot(workspace, digest) is not None:
        return digest
    try:
        _place(folder, path, data)
    except OSError:
        return ""
    return digest


def _place(folder: Path, path: Path, data: bytes) -> None:
    """The bytes in a temporary file beside path, then linked (or, over a damaged one or a link put
    there, renamed) into place: a reader sees the whole text or none. Not fsynced: a snapshot lost
    or torn by a crash fails its hash when read, is not known, and is written again next time."""
    import tempfile  # (only when a snapshot is written: reading one imports none of it)

    fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
    try:
        with open(fd, "wb") as handle:
            handle.write(data)
        os.chmod(name, 0o644)
        if os.path.lexists(path):
            os.replace(name, path)
            return
        with contextlib.suppress(FileExistsError):  # another process kept the same text meanwhile
            os.link(name, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)


def read_snapshot(workspace: Workspace, digest: str) -> str | None:
    """The text kept under this sha256, or None when there is none (or it is damaged, a link, not a file)."""
    if not isinstance(digest, str) or not _NAME.fullmatch(digest):
        return None
    folder = _folder_ready(workspace, create=False)
    if folder is None:
        return None
    try:
        fd = os.open(folder / f"{digest}.md", os.O_RDONLY | _NOFOLLOW)
    except OSError:  # none kept, or a link in its place (never followed)
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        data = b""
        while chunk := os.read(fd, 1 << 20):
            data += chunk
            if len(data) > MAX_BYTES:
                return None
    except OSError:
        return None
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)
    if hashlib.sha256(data).hexdigest() != digest:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None
