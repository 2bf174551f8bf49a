"""A workspace's writes: every one atomic (a temporary file in the target folder, fsynced and renamed
over the target), so a run killed at any moment leaves the old file or the new one, never half of one;
a replacement only of the text that was read; an article taken aside while it moves and put back."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path

from pipeline.store.atomic import Temporary, fsync_dir, holds, regular, remove_if_stale, same_bytes, temporary_files
from pipeline.store.paths import WorkspacePaths

# The pipeline's own files are opened without following a link: a lock or journal that is a link to
# a file elsewhere must not have that file truncated or appended to.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def _fd_text(fd: int) -> str:
    data = b""
    while chunk := os.pread(fd, 1 << 20, len(data)):
        data += chunk
    return data.decode("utf-8", "surrogateescape")


def _fd_holds(fd: int, expected: bytes | str) -> bool:
    return same_bytes(_fd_text(fd).encode("utf-8", "surrogateescape"), expected)




class WorkspaceWrites(WorkspacePaths):
    """The workspace's folders, written to."""

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
