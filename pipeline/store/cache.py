"""A cache of per-file results, keyed by what shows a file unchanged without reading it.

An entry is trusted only when the file's size, mtime and inode are those recorded, the config,
the pipeline version and its code are those it was made with, and the file was not modified so close to the
moment the cache was written that a later edit could share its mtime (the "racy" case: such
entries are not kept, so a file edited within the mtime granularity is always checked again).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pipeline import __version__
from pipeline.store.paths import FileStamp

if TYPE_CHECKING:
    from pipeline.store.workspace import Workspace

# 4: validate's entries hold the page addresses its keys give (null: no front matter); 5: review's entries are
# lists, the date written once
CACHE_VERSION = 5
# Files modified less than this before the cache is written are not cached (coarse file systems
# keep mtimes in whole seconds, some in two).
RACY_NANOSECONDS = 2_000_000_000


@dataclass
class ResultCache:
    """Entries are ``name: [size, mtime_ns, inode, result]``: flat lists, so ten thousand load quickly."""

    key: str
    entries: dict[str, list[Any]] = field(default_factory=dict)
    fresh: dict[str, list[Any]] = field(default_factory=dict)

    @classmethod
    def from_document(cls, document: Any, key: str) -> ResultCache:
        if (isinstance(document, dict) and document.get("version") == CACHE_VERSION
                and document.get("key") == key and isinstance(document.get("entries"), dict)):
            return cls(key, document["entries"])
        return cls(key)

    def get(self, name: str, stamp: FileStamp) -> Any:
        """The cached result for name, or None when the file may have changed."""
        entry = self.entries.get(name)
        if (not isinstance(entry, list) or len(entry) != 4 or entry[0] != stamp.size
                or entry[1] != stamp.mtime_ns or entry[2] != stamp.inode):
            return None
        self.fresh[name] = entry
        return entry[3]

    def put(self, name: str, stamp: FileStamp, result: Any) -> None:
        self.fresh[name] = [stamp.size, stamp.mtime_ns, stamp.inode, result]

    def to_document(self, written_ns: int) -> dict[str, Any]:
        """Entries seen in this run only (deleted files drop out), without racy ones."""
        kept = {name: entry for name, entry in sorted(self.fresh.items()) if written_ns - entry[1] >= RACY_NANOSECONDS}
        return {"version": CACHE_VERSION, "key": self.key, "entries": kept}

    def changed(self) -> bool:
        return self.fresh != self.entries


def cache_key(config_fingerprint: str, purpose: str) -> str:
    return f"{purpose}:{__version__}:{code_fingerprint()}:{config_fingerprint}"


def code_fingerprint() -> str:
    """The pipeline's own code as installed (each module's path, size and mtime): a result made by
    other code is never trusted, even when the version number was not raised."""
    import hashlib
    import os

    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    digest = hashlib.sha256()
    for folder, subfolders, names in sorted(os.walk(package)):
        subfolders.sort()
        for name in sorted(names):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                info = os.stat(path)
                digest.update(f"{os.path.relpath(path, package)}:{info.st_size}:{info.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


def load_cache(workspace: Workspace, name: str, config_fingerprint: str) -> ResultCache:
    """The cache .pipeline/<name>, empty when missing, unreadable or made under another key."""
    return ResultCache.from_document(workspace.read_state(name), cache_key(config_fingerprint, name))


def save_cache(workspace: Workspace, name: str, cache: ResultCache, some_files_only: bool = False) -> None:
    """Write the cache back when it changed. After a run over some files only, what it knew of the
    others is kept. Best effort: a workspace that cannot be written to is only slower."""
    import contextlib
    import time

    if not workspace.state.is_dir():
        return  # a read-only command in a workspace that never ran creates nothing
    if some_files_only:
        cache.fresh = {**cache.entries, **cache.fresh}
    if not cache.changed():
        return
    document = cache.to_document(time.time_ns())
    if document["entries"] == cache.entries:
        return  # only entries too new to keep were added: the file on disk already says the rest
    with contextlib.suppress(OSError):
        workspace.write_state(name, document)
