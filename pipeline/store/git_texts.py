"""An article's earlier texts from git's history, for a clone that did not make them.

The journal names what was ingested and what a reviewer decided on by a hash only (of the text, in its
canonical form). On the machine that did it the snapshot store keeps the text; on every other clone the
commits do: ingest's run commits the draft as written, a decision commits the draft as decided. So the
text is found by looking through the versions of the file that HEAD's history holds, newest first (or
oldest first), for the one with that hash. Nothing is trusted but the hash: a version is taken only when
its text (or its canonical rendering) has it.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import threading
from collections import OrderedDict
from pathlib import Path

from pipeline.model.article import parse_article, render_article
from pipeline.model.errors import ArticleError
from pipeline.store.git import Git, GitError

# Versions of one file looked at, at most: an article's file has a handful.
MAX_VERSIONS = 200
# A version bigger than this is not an article's text: never read.
MAX_BYTES = 8 * 1024 * 1024
# Texts found (or not) kept by (work tree, HEAD, file, hash): the desk shows an article again and again.
KEEP = 256
_FOUND: OrderedDict[tuple[str, str, str, str, bool], str | None] = OrderedDict()
_LOCK = threading.Lock()
_SHA256 = re.compile(r"[0-9a-f]{64}")
_BLOB = re.compile(rb"[0-9a-f]{40,64}")


def canonical_text(text: str) -> str:
    """The text as the journal's hashes see it (front matter in house form, then the body), or the text
    itself when its front matter cannot be read."""
    try:
        return render_article(parse_article(text))
    except ArticleError:
        return text


def text_in_history(git: Git, path: Path, digest: str, oldest_first: bool = False) -> str | None:
    """The text of the file at path, as some commit in HEAD's history holds it, whose sha256 (as
    written, or of its canonical rendering) is digest; its canonical rendering. None when no version
    has it, or git cannot tell."""
    if not _SHA256.fullmatch(digest or ""):
        return None
    try:
        rel = git.rel(path)
        key = (str(git.top), git.head(), rel, digest, oldest_first)  # history changes only with HEAD
    except (GitError, ValueError, OSError):
        return None
    with _LOCK:
        if key in _FOUND:
            _FOUND.move_to_end(key)
            return _FOUND[key]
    try:
        found = _search(git, rel, digest, oldest_first)
    except (GitError, ValueError, OSError):  # git could not tell this time: not kept, asked again next time
        return None
    with _LOCK:
        _FOUND[key] = found
        while len(_FOUND) > KEEP:
            _FOUND.popitem(last=False)
    return found


def _search(git: Git, rel: str, digest: str, oldest_first: bool) -> str | None:
    for blob in _versions(git, rel, oldest_first):
        data = _blob(git, blob)
        if data is None:
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if hashlib.sha256(data).hexdigest() == digest:
            return canonical_text(text)
        shown = canonical_text(text)
        if hashlib.sha256(shown.encode("utf-8")).hexdigest() == digest:
            return shown
    return None


def _versions(git: Git, rel: str, oldest_first: bool) -> list[str]:
    """The blobs the file had, newest first (each once): the path is taken literally, never as a pattern,
    and only the file itself (not a folder's files) counts."""
    if not rel or "\n" in rel or "\0" in rel:
        return []
    if not git.head():
        return []
    done = git.run("--literal-pathspecs", "-c", "core.quotePath=false", "log", "--format=", "--raw", "-z",
                   "--no-abbrev", "--no-renames", "--no-color", "HEAD", "--", rel, check=False)
    blobs: list[str] = []
    tokens = done.stdout.split(b"\0")  # with -z: each change's ":modes blobs status", then its path
    wanted = rel.encode("utf-8")
    for meta, name in itertools.pairwise(tokens):
        fields = meta.lstrip(b"\n").split()
        if not fields or not fields[0].startswith(b":") or len(fields) < 4 or name != wanted:
            continue
        if _BLOB.fullmatch(fields[3]) and set(fields[3]) != {ord("0")} and fields[3].decode() not in blobs:
            blobs.append(fields[3].decode())  # the file as that commit left it (all zeros: it was removed)
        if len(blobs) >= MAX_VERSIONS:
            break
    return blobs[::-1] if oldest_first else blobs


def _blob(git: Git, blob: str) -> bytes | None:
    size = git.run("cat-file", "-s", blob, check=False)
    if size.returncode != 0 or not size.stdout.strip().isdigit() or int(size.stdout) > MAX_BYTES:
        return None
    done = git.run("cat-file", "blob", blob, check=False)
    return done.stdout if done.returncode == 0 else None
