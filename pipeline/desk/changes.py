"""What changed in a draft: a word-level diff since the last decision on it, and since it was ingested.

The journal keeps hashes only; the texts come from the snapshot store (``pipeline.store.snapshots``),
which ingest and every decision write. A draft ingested before snapshots existed has its text as
ingested made again from its raw file, when that file is still there with the bytes it was made from
(``drafts_from_bytes`` is pure: the same bytes, time and settings give the same draft).
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.model.article import Article, ArticleError, parse_article, render_article, sha256_text
from pipeline.model.config import Config
from pipeline.model.dates import aware_moment
from pipeline.store.journal import NEW_LIFE, Action
from pipeline.store.snapshots import read_snapshot
from pipeline.store.workspace import Workspace

SAME, DELETED, INSERTED, SKIPPED = "same", "del", "ins", "skip"
# Unchanged lines kept around each change; longer unchanged stretches are folded to a line that says so.
CONTEXT_LINES = 3
# Beyond this many words on either side, the diff is made line by line (difflib is quadratic at worst).
MAX_WORDS = 30_000
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")  # words, the spaces between them, each other sign


@dataclass(frozen=True)
class Segment:
    kind: str  # same, del, ins
    text: str


def word_diff(before: str, after: str) -> list[Segment]:
    """The words (and the spaces between them) deleted, inserted and kept from before to after."""
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    if len(old) > MAX_WORDS or len(new) > MAX_WORDS:
        old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _add(segments, SAME, "".join(old[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            _add(segments, DELETED, "".join(old[i1:i2]))
        if tag in ("insert", "replace"):
            _add(segments, INSERTED, "".join(new[j1:j2]))
    return segments


def _add(segments: list[Segment], kind: str, text: str) -> None:
    if not text:
        return
    if segments and segments[-1].kind == kind:
        segments[-1] = Segment(kind, segments[-1].text + text)
    else:
        segments.append(Segment(kind, text))


@dataclass(frozen=True)
class Change:
    """One comparison the desk shows: what it is since, and the diff (None when the earlier text is not known)."""

    title: str
    note: str = ""
    segments: tuple[Segment, ...] | None = None

    @property
    def unchanged(self) -> bool:
        return self.segments is not None and all(segment.kind == SAME for segment in self.segments)


def canonical(text: str) -> str:
    """The text as the journal's hashes see it (front matter in house form, then the body), or the text
    itself when its front matter cannot be read."""
    try:
        return render_article(parse_article(text))
    except ArticleError:
        return text


def current_life(history: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries since the article's life began (its last ingest, promotion or unpublishing), that one too."""
    start = 0
    for position, item in enumerate(history):
        if item.get("action") in NEW_LIFE:
            start = position
    return list(history[start:])


def since_decision(workspace: Workspace, history: Sequence[dict[str, Any]], current: str) -> Change:
    """The draft since its last approval or rejection (of this life of the article)."""
    decided = [item for item in current_life(history)
               if item.get("action") in (Action.APPROVED, Action.REJECTED) and not item.get("unchained")]
    if not decided:
        return Change("Since the last decision", "no reviewer has approved or rejected it yet")
    last = decided[-1]
    verb = "approval" if last.get("action") == Action.APPROVED else "rejection"
    title = f"Since the {verb} by {last.get('by', '?')} ({last.get('time', '')})"
    earlier = read_snapshot(workspace, str(last.get("hash", "")))
    if earlier is None:
        return Change(title, "the text decided on was not kept (decided before the desk kept snapshots): not known")
    return Change(title, "", folded(word_diff(earlier, current)))


def folded(segments: Sequence[Segment], context: int = CONTEXT_LINES) -> tuple[Segment, ...]:
    """The diff with long unchanged stretches folded: a few lines kept beside each change, the rest
    said in one SKIPPED segment ("12 unchanged lines"). A diff with no change is left whole."""
    if all(segment.kind == SAME for segment in segments):
        return tuple(segments)
    out: list[Segment] = []
    for index, segment in enumerate(segments):
        if segment.kind != SAME:
            out.append(segment)
            continue
        lines = segment.text.split("\n")
        start = context + 1 if index > 0 else 0  # lines kept after the change before it (its own line first)
        end = len(lines) - context - 1 if index < len(segments) - 1 else len(lines)  # ... before the next one
        hidden = "\n".join(lines[start:end])
        if end - start < 2:
            out.append(segment)
            continue
        if start:
            out.append(Segment(SAME, "\n".join(lines[:start]) + "\n"))
        out.append(Segment(SKIPPED, f"… {len(hidden.splitlines())} unchanged line(s) …\n"))
        if end < len(lines):
            out.append(Segment(SAME, "\n".join(lines[end:])))
    return tuple(out)


def since_ingest(workspace: Workspace, config: Config, history: Sequence[dict[str, Any]], current: str,
                 article: Article | None) -> Change:
    """The draft since the pipeline wrote it from its source: its snapshot, else made again from the raw file."""
    ingested = [item for item in history if item.get("action") == Action.INGESTED]
    last = ingested[-1] if ingested else None
    title = f"Since ingest ({last.get('time', '')})" if last else "Since ingest"
    written = str(last.get("written", "")) if last else ""
    earlier = read_snapshot(workspace, written) if written else None
    if earlier is not None:
        return Change(title, "", folded(word_diff(earlier, current)))
    remade, why = remade_from_source(workspace, config, article)
    if remade is None:
        return Change(title, f"the text as ingested was not kept, and {why}: not known")
    text = render_article(remade.article)
    if written and sha256_text(text) != written:
        note = ("made again from its raw file; it differs from the text ingest wrote (the settings changed "
                "since?), so this is an approximation")
    else:
        note = "made again from its raw file (the text as ingested was not kept)"
    return Change(title, note, folded(word_diff(text, current)))


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
    return Remade(drafts[index].article, drafts[index].evidence, rel, _shown(data)), ""


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


def _shown(data: bytes) -> str:
    """A raw file's bytes as text a reader can look at (as ingest decoded them)."""
    from pipeline.reading.text import DecodeError, decode_bytes

    try:
        return decode_bytes(data).text
    except DecodeError:
        return data.decode("utf-8", "replace")
