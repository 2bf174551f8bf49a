"""A revision: the correction of a published article, made, reviewed and published without the page
going offline.

A revision of ``published/NAME.md`` is ``revisions/NAME.md`` (never in drafts/, where it could be
promoted as a second article). It is made by ``pipeline revise NAME`` (the published article as a
draft again, to edit) or by ingest when the article's source is scraped again (the update merged
with what the editors set: the cover, date, title and tags, and every field they changed after
ingest). Its journal entry (``revision-made``) names the bytes of the published article it corrects
(``base``). It is approved like a draft (the approval binds its content), and promote replaces the
published file with it in one rename (``promote.promote_revision``): the same name and URL, ``lastmod``
set, the earlier text kept in the snapshot store under the hash the journal names (``replaced``).

A revision is out of date, and refused with one line, when its article was unpublished, published
again, or re-scraped again after it was made, or when the published file is no longer the one it
corrects.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.model.article import PIPELINE_KEYS, Article, order_keys, parse_article, render_article
from pipeline.model.config import Config
from pipeline.model.errors import ArticleError
from pipeline.model.forms import draft_form, published_form
from pipeline.stages.moves import restored_keys
from pipeline.stages.waiting import waiting_updates
from pipeline.store.journal import Action, Journal, article_name, entry
from pipeline.store.snapshots import read_snapshot
from pipeline.store.targets import Target
from pipeline.store.workspace import Workspace

# What editors set by hand on a published article: a re-scrape never replaces it.
EDITOR_KEYS = ("title", "date", "tags", "cover")
# What a revision and its article are compared on: never the state the pipeline writes.
_NOT_COMPARED = ("draft", *PIPELINE_KEYS)


def revision_path(workspace: Workspace, published: Path) -> Path:
    """revisions/NAME.md for published/NAME.md."""
    return workspace.revisions / published.relative_to(workspace.published)


def published_path(workspace: Workspace, revision: Path) -> Path:
    """published/NAME.md for revisions/NAME.md."""
    return workspace.published / revision.relative_to(workspace.revisions)


def merged_revision(update: Article, live: Article, ingested: Article | None, restored: dict[str, Any],
                    config: Config) -> tuple[Article, list[str]]:
    """Pure: a re-scraped update of a published article, as a revision that keeps what editors set.

    Kept from the live article: its cover, date, title and tags, and every other field whose value is
    not what ingest wrote (``ingested``, the text as first ingested; when it is not known, every field
    the live article has). The body and the provenance are the update's. Returns the revision (a
    draft) and the fields kept from the live article where the update differs."""
    as_ingested = published_form(ingested, config)[0].meta if ingested is not None else None
    meta = dict(update.meta)
    kept = []
    for key, value in live.meta.items():
        if key in _NOT_COMPARED:
            continue
        edited = as_ingested is None or key in EDITOR_KEYS or as_ingested.get(key) != value
        if edited:
            if meta.get(key) != value:
                kept.append(key)
            meta[key] = value
    if as_ingested is not None:  # a field an editor removed stays removed
        for key in as_ingested:
            if key not in live.meta and key not in _NOT_COMPARED and key in meta and key != "credit":
                del meta[key]
                kept.append(key)
    if "date" in live.meta:  # the date kept is as precise as it was when published
        meta.pop("date_precision", None)
        if "date_precision" in restored:
            meta["date_precision"] = restored["date_precision"]
    meta["draft"] = True
    return Article(order_keys(meta), update.body, update.path), sorted(kept)


def base_refusal(workspace: Workspace, live: Path, made: dict[str, Any]) -> tuple[str, bytes]:
    """Why the published file is not the one the revision corrects (one line), or ''; and its bytes as read."""
    rel = workspace.rel(live)
    try:
        data = workspace.read_bytes(live)
    except OSError:
        return f"{rel} is no longer published (unpublished or removed since the revision was made)", b""
    if hashlib.sha256(data).hexdigest() != made.get("base"):
        name = article_name(rel)
        return (f"{rel} changed since this revision was made (edited by hand?): remove revisions/{name}.md, then "
                f"pipeline revise {name} to start again"), data
    return "", data


# --- making a revision ------------------------------------------------------------------------


@dataclass(frozen=True)
class RevisionOutcome:
    """What became of one published article a revision was asked for."""

    article: str  # the published article
    done: bool
    revision: str = ""  # where the revision is
    detail: str = ""
    dismissed: bool = False  # the update waiting said nothing new for readers: dismissed, no revision made

    def as_dict(self) -> dict[str, Any]:
        return {"article": self.article, "done": self.done, "revision": self.revision, "detail": self.detail}


def revise(workspace: Workspace, journal: Journal, config: Config, moment: datetime, target: Target,
           by_hand: bool = True) -> RevisionOutcome:
    """Put a revision of a published article in revisions/: from its re-scraped source when an update
    waits (merged with what editors set), else the article as it is, as a draft to edit. An update that
    says nothing new is dismissed: by hand, the revision is then the article as it is; for ingest
    (``by_hand`` false), none is made."""
    assert target.path is not None
    live, rel = target.path, target.rel
    if not rel.startswith("published/"):
        return RevisionOutcome(rel, False, detail="is not published: only a published article is revised "
                                                  "(a draft is edited in drafts/ as it is)")
    name = article_name(rel)
    path = revision_path(workspace, live)
    revision_rel = workspace.rel(path)
    if workspace.exists(path):
        return RevisionOutcome(rel, False, revision_rel, f"{revision_rel} is there already: edit it, or remove it "
                                                         "to start again")
    try:
        data = workspace.read_bytes(live)
        current = parse_article(data.decode("utf-8"), rel)
    except (OSError, UnicodeDecodeError, ArticleError) as error:
        why = getattr(error, "message", None) or getattr(error, "strerror", None) or "is not UTF-8 text"
        return RevisionOutcome(rel, False, revision_rel, f"cannot be read ({why}): mend it first")
    entries = journal.entries
    restored = restored_keys(entries, name)
    waiting = waiting_updates(entries).get(name)
    update_rel = str(waiting.get("update", "")) if waiting else ""
    kept: list[str] = []
    if waiting is not None:
        update = _read_article(workspace, workspace.root / update_rel, update_rel)
        if isinstance(update, str):
            return RevisionOutcome(rel, False, revision_rel, f"the update {update_rel} {update}: dismiss it "
                                                             f"(pipeline dismiss-update {name})")
        revision, kept = merged_revision(update, current, _as_ingested(workspace, entries, name), restored, config)
        if _publishes_as(revision, current, config):  # a re-scrape of what is online: nothing to correct
            if workspace.exists(workspace.root / update_rel):
                workspace.remove(workspace.root / update_rel)
            journal.append([entry(moment, Action.UPDATE_DISMISSED, rel, update=update_rel,
                                  reason="nothing new for readers once what editors set is kept")])
            if not by_hand:
                return RevisionOutcome(rel, False, detail="read again: nothing new for readers once what editors "
                                                          "set is kept (the update is dismissed)", dismissed=True)
            waiting, update_rel, kept = None, "", []
    if waiting is None:
        revision = draft_form(current, restored)
    text = render_article(revision)
    try:
        written = workspace.write_revision(path, text)
    except OSError as error:
        return RevisionOutcome(rel, False, revision_rel, f"cannot write {revision_rel} ({error.strerror})")
    if not written:
        return RevisionOutcome(rel, False, revision_rel, f"{revision_rel} appeared meanwhile; nothing was replaced")
    provenance = {key: waiting.get(key) for key in ("source", "sha256", "item")} if waiting else {}
    journal.append([entry(moment, Action.REVISION_MADE, revision_rel, base=hashlib.sha256(data).hexdigest(),
                          written=hashlib.sha256(text.encode("utf-8")).hexdigest(), update=update_rel or None,
                          kept=kept, **provenance)])
    if update_rel and workspace.exists(workspace.root / update_rel) and workspace.inside(workspace.root / update_rel):
        workspace.remove(workspace.root / update_rel)  # taken in: the revision holds it
    said = (f"made from the updated source, with what editors set kept ({', '.join(kept) or 'nothing differed'})"
            if waiting else "the published article as a draft: edit it")
    return RevisionOutcome(rel, True, revision_rel, f"{said}; approve it, and promote replaces {rel}")


def _publishes_as(revision: Article, live: Article, config: Config) -> bool:
    """Whether a revision, published, would say what the live article says (its lastmod aside)."""
    meta = dict(published_form(revision, config)[0].meta)
    meta.pop("lastmod", None)
    if "lastmod" in live.meta:
        meta["lastmod"] = live.meta["lastmod"]
    return render_article(Article(order_keys(meta), revision.body)) == render_article(live)


def _read_article(workspace: Workspace, path: Path, rel: str) -> Article | str:
    """The article in a file inside the workspace, or why it cannot be read."""
    if not workspace.inside(path):
        return "is outside the workspace"
    try:
        return parse_article(workspace.read_bytes(path).decode("utf-8"), rel)
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    except UnicodeDecodeError:
        return "is not UTF-8 text"
    except ArticleError as error:
        return f"cannot be read ({error.message})"


def _as_ingested(workspace: Workspace, entries: Sequence[dict[str, Any]], name: str) -> Article | None:
    """The article as ingest first wrote it (from the snapshot its journal entry names), or None."""
    for item in reversed(entries):
        if item.get("action") == Action.INGESTED and article_name(str(item.get("article", ""))) == name:
            text = read_snapshot(workspace, str(item.get("written", "")))
            if text is None:
                return None
            try:
                return parse_article(text)
            except ArticleError:
                return None
    return None
