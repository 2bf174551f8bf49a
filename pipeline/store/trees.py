"""Folders made and replaced whole: scratch folders and the staging-then-swap of a built site."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pipeline.store.atomic import UMASK as _UMASK
from pipeline.store.atomic import fsync_dir as _fsync_dir


def make_scratch_dir(parent: Path | None, prefix: str) -> Path:
    """A new empty folder (in parent, or the system's temporary folder) for one build."""
    if parent is not None:
        parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=prefix, dir=parent))


def remove_tree(path: Path) -> None:
    """Remove a scratch folder this run made; a folder already gone is fine."""
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def replace_tree(staging: Path, target: Path) -> None:
    """Put a freshly built folder in target's place, so target is never half old, half new.

    The old target is renamed aside first and removed after; callers check it is one of ours.
    """
    old: Path | None = None
    if target.exists() or target.is_symlink():
        old = target.parent / f".old-{target.name}-{os.getpid()}"
        remove_tree(old)
        os.replace(target, old)
    os.chmod(staging, 0o777 & ~_UMASK)  # mkdtemp makes 0700; a built site is for others to read
    os.replace(staging, target)
    _fsync_dir(target.parent)
    if old is not None:
        remove_tree(old)


def is_empty_folder(path: Path) -> bool:
    try:
        return path.is_dir() and not any(path.iterdir())
    except OSError:
        return False
