"""What changed in a draft since the last decision on it and since it was ingested (``diff``: by field,
paragraph and word), and where its values came from.

The journal keeps hashes only; the texts come from the snapshot store (``pipeline.store.snapshots``),
which ingest and every decision write on the machine that did them, and on any other clone of a git
workspace from git's history (``pipeline.store.git_texts``: the version of the file with that hash). A
draft ingested before snapshots existed has its text as ingested made again from its raw file, when that
file is still there with the bytes it was made from (``drafts_from_bytes`` is pure). Where each value
came from is kept in the journal's ingest entry, which travels with the repository; a draft ingested
before that has it made again from its raw file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.desk.diff import DELETED as DELETED  # the kinds of diff segment, as the application imports them
from pipeline.desk.diff import INSERTED as INSERTED
from pipeline.desk.diff import SKIPPED as SKIPPED
from pipeline.desk.diff import TextDiff, text_diff
from pipeline.model.article import Article, render_article, sha256_text
from pipeline.model.config import Config
from pipeline.model.dates import aware_moment
from pipeline.store.git import Git
from pipeline.store.git_texts import canonical_text, text_in_history
from pipeline.store.journal import NEW_LIFE, Action
from pipeline.store.snapshots import read_snapshot
from pipeline.store.workspace import Workspace

# The entries after which a draft is what its source made of it.
SOURCE_ACTIONS = (Action.INGESTED, Action.REFRESHED, Action.UPDATE_TAKEN)


@dataclass(frozen=True)
class Change:
    """One comparison the desk shows: what it is since, and the diff (None when the earlier text is not known)."""

    title: str
    note: str = ""
    diff: TextDiff | None = None

    @property
    def unchanged(self) -> bool:
        return self.diff is not None and self.diff.unchanged


def canonical(text: str) -> str:
    """The text as the journal's hashes see it (front matter in house form, then the body), or the text
    itself when its front matter cannot be read."""
    return canonical_text(text)


def current_life(history: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries since the article's life began (its last ingest, promotion or unpublishing), that one too."""
    start = 0
    for position, item in enumerate(history):
        if item.get("action") in NEW_LIFE:
            start = position
    return list(history[start:])


def earlier_text(workspace: Workspace, item: dict[str, Any], digest: str, oldest_first: bool = False) -> str | None:
    """The text a journal entry names by hash: kept in the snapshot store on the machine that made it,
    else (a clone) the version of the entry's file in git's history that has the hash."""
    kept = read_snapshot(workspace, digest)
    if kept is not None:
        return kept
    git = workspace.journal_policy.git
    rel = item.get("article")
    if not isinstance(git, Git) or not isinstance(rel, str) or not rel or "\0" in rel:
        return None
    path = Path(rel)
    if path.is_absolute() or ".." in path.parts or not workspace.inside(workspace.root / path):
        return None
    return text_in_history(git, workspace.root / path, digest, oldest_first)


def since_decision(workspace: Workspace, history: Sequence[dict[str, Any]], current: str) -> Change:
    """The draft since its last approval or rejection (of this life of the article)."""
    decided = [item for item in current_life(history)
               if item.get("action") in (Action.APPROVED, Action.REJECTED) and not item.get("unchained")]
    if not decided:
        return Change("Since the last decision", "no reviewer has approved or rejected it yet")
    last = decided[-1]
    verb = "approval" if last.get("action") == Action.APPROVED else "rejection"
    title = f"Since the {verb} by {last.get('by', '?')} ({last.get('time', '')})"
    earlier = earlier_text(workspace, last, str(last.get("hash", "")))
    if earlier is None:
        return Change(title, "the text decided on is neither kept here nor in git's history: not known")
    return Change(title, "", text_diff(earlier, current))


def since_ingest(workspace: Workspace, config: Config, history: Sequence[dict[str, Any]], current: str,
                 article: Article | None) -> Change:
    """The draft since the pipeline wrote it from its source: its snapshot or its version in git's history,
    else made again from the raw file."""
    ingested = [item for item in history if item.get("action") == Action.INGESTED]
    last = ingested[-1] if ingested else None
    title = f"Since ingest ({last.get('time', '')})" if last else "Since ingest"
    written = str(last.get("written", "")) if last else ""
    earlier = earlier_text(workspace, last, written, oldest_first=True) if last is not None and written else None
    if earlier is not None:
        return Change(title, "", text_diff(earlier, current))
    remade, why = remade_from_source(workspace, config, article)
    if remade is None:
        return Change(title, f"the text as ingested is neither kept here nor in git's history, and {why}: not known")
    text = render_article(remade.article)
    if written and sha256_text(text) != written:
        note = ("made again from its raw file; it differs from the text ingest wrote (the settings changed "
                "since?), so this is an approximation")
    else:
        note = "made again from its raw file (the text as ingested was not kept)"
    return Change(title, note, text_diff(text, current))


def against_live(workspace: Workspace, config: Config, rel: str, text: str) -> Change:
    """A revision (its text as the reviewer reads it) against the page that is live now: both as published,
    field by field and word by word; lastmod left out, which promote sets."""
    from pipeline.stages.revision_changes import as_published
    from pipeline.stages.revisions import published_path
    from pipeline.store.paths import read_text_or_none

    live = published_path(workspace, workspace.root / rel)
    live_rel = workspace.rel(live)
    title = f"Against the live page ({live_rel})"
    live_text = read_text_or_none(live) if workspace.inside(live) and not live.is_symlink() else None
    if live_text is None:
        return Change(title, f"{live_rel} cannot be read (unpublished or removed?): nothing to compare with")
    revised = as_published(text, rel, config)
    if not revised:
        return Change(title, "the revision's front matter cannot be read: fix it, then compare")
    diff = text_diff(live_text, revised)
    fields = tuple(change for change in diff.fields if change.key != "lastmod")
    return Change(title, "as readers will see it once promoted (lastmod is set then)", TextDiff(fields, diff.body))


def kept_evidence(history: Sequence[dict[str, Any]]) -> dict[str, str] | None:
    """Where each value came from, as ingest recorded it in the journal, which travels with the
    repository; None when the entry has none (ingested before it was kept), or the draft was since
    rewritten from its source (a refresh, an update taken). The journal may be edited by hand: only
    text keys and values are taken."""
    for item in reversed(current_life(history)):
        if item.get("action") not in SOURCE_ACTIONS:
            continue
        evidence = item.get("evidence")
        if not isinstance(evidence, dict):
            return None
        return {key: value for key, value in evidence.items() if isinstance(key, str) and isinstance(value, str)}
    return None


@dataclass
class Remade:
    """A draft made again from its raw file, as ingest made it."""

    article: Article
    evidence: dict[str, str] = field(default_factory=dict)
    raw_rel: str = ""
    raw_text: str = ""


def remade_from_source(workspace: Workspace, config: Config, article: Article | None) -> tuple[Remade | None, str]:
    """The draft its raw file makes (`source.file`, when it still holds the bytes `source.sha256` names),
    or None and why not."""
    from pipeline.reading.draft import SourceInfo, drafts_from_bytes
    from pipeline.reading.items import SourceError
    from pipeline.reading.text import DecodeError

    found = raw_source(workspace, config, article)
    if isinstance(found, str):
        return None, found
    data, rel, scraped = found
    assert article is not None
    provenance = article.get("source")
    assert isinstance(provenance, dict)
    ingested = aware_moment(provenance.get("ingested")) or scraped
    try:
        drafts = drafts_from_bytes(data, SourceInfo(rel, hashlib.sha256(data).hexdigest(), scraped, ingested), config)
    except (DecodeError, SourceError) as error:
        return None, f"its raw file {rel} no longer makes a draft ({error})"
    item = provenance.get("item")
    index = item - 1 if isinstance(item, int) and not isinstance(item, bool) and 1 <= item <= len(drafts) else 0
    return Remade(drafts[index].article, drafts[index].evidence, rel, shown_raw(data)), ""


def raw_source(workspace: Workspace, config: Config,
               article: Article | None) -> tuple[bytes, str, datetime] | str:
    """The bytes of the draft's raw file, its name and when it was scraped (its modification time), when
    it is inside the workspace and still has the sha256 the draft names; else why not."""
    provenance = article.get("source") if article is not None else None
    if not isinstance(provenance, dict):
        return "the draft does not say which raw file it came from"
    name, sha = provenance.get("file"), provenance.get("sha256")
    if not isinstance(name, str) or not name or "\0" in name or not isinstance(sha, str):
        return "the draft does not say which raw file it came from"
    path = Path(name)
    if path.is_absolute() or ".." in path.parts:
        return f"its raw file {name!r} is not a file inside the workspace"
    path = workspace.root / path
    if not workspace.inside(path):
        return f"its raw file {name!r} is outside the workspace"
    raw = workspace.raw_files([path])[0]
    if raw.problem:
        return f"its raw file {name} {raw.problem}"
    try:
        data = workspace.read_raw(raw, config.max_bytes)
    except (OSError, ValueError) as error:
        return f"its raw file {name} cannot be read ({getattr(error, 'strerror', None) or error})"
    if hashlib.sha256(data).hexdigest() != sha:
        return f"its raw file {name} has changed since (not the bytes the draft was made from)"
    assert raw.stamp is not None
    return data, workspace.rel(path), datetime.fromtimestamp(raw.stamp.mtime_ns / 1e9, config.zone)


def shown_raw(data: bytes) -> str:
    """A raw file's bytes as text a reader can look at (as ingest decoded them)."""
    from pipeline.reading.text import DecodeError, decode_bytes

    try:
        return decode_bytes(data).text
    except DecodeError:
        return data.decode("utf-8", "replace")
