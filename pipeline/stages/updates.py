"""A re-scraped source is an update of its article; a text that only resembles another is a new
article, marked as a possible duplicate of it. Nothing is ever lost to a guess.

A new item is an update when it has the URL of an article ingested before, or comes from the same
source file (a file of one article), unless the two say they are different articles: explicit URLs
that differ, or dates more than a day apart. Then:

- nothing new for readers (only where it came from changed): the article stays as it is;
- the draft untouched since the pipeline last wrote it: refreshed in place (its approvals void);
- the draft edited by someone, or the article published: the update waits in ``updates/`` beside
  it, and ``status`` and ``review`` say "source updated" until an editor takes or dismisses it.

A new item that only has nearly the same text as an earlier article (``fingerprint``: Monday's and
Tuesday's templated market report, one municipal story for seven towns) replaces nothing: it becomes
a draft of its own, marked as a possible duplicate of the other until an editor dismisses the mark
(two articles) or merges it (``duplicates``: it becomes an update waiting beside the other).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from pipeline.model.article import Article, parse_article, render_article, sha256_text
from pipeline.model.config import Config
from pipeline.model.errors import ArticleError
from pipeline.model.evidence import journal_evidence
from pipeline.model.fingerprint import SAME_ARTICLE, resemblance, shingles
from pipeline.model.forms import published_form
from pipeline.stages.revisions import revise
from pipeline.stages.waiting import waiting_updates
from pipeline.store.ingest_record import IngestRecord
from pipeline.store.journal import Action, Journal, article_name, entry
from pipeline.store.targets import Target
from pipeline.store.workspace import Workspace


class UpdateKind(StrEnum):
    SAME = "same"  # nothing new for readers
    REFRESH = "refresh"  # the untouched draft rewritten
    WAIT = "wait"  # kept beside an edited or published article
    DONE = "done"  # a stopped run wrote it already: journalled only
    DUPLICATE = "duplicate"  # only the text is alike: a new draft, marked as a possible duplicate of the article


@dataclass(frozen=True)
class UpdatePlan:
    kind: UpdateKind
    article: str  # the article updated, where it is now: drafts/NAME.md or published/NAME.md
    path: Path  # what is written: the draft (refresh) or the update beside it (wait)
    text: str  # what is written there
    current: bytes = b""  # the draft as read: a refresh replaces only this
    why: str = ""  # how the earlier article was recognised


def plan_update(workspace: Workspace, record: IngestRecord, config: Config, source_rel: str, sha256: str,
                article: Article, item: int | None, bands: list[str]) -> UpdatePlan | None:
    """What a new item does to the article it updates; a DUPLICATE plan when it only resembles one (a new
    draft all the same, marked); None when it is a new article."""
    url = article.get("source.url")
    url = url if isinstance(url, str) else ""
    sure, maybe = record.earlier_articles(source_rel, item, url, bands)
    best: tuple[float, UpdatePlan] | None = None
    siblings = set((record.by_hash.get(sha256) or {}).get("drafts", []))  # items of this very file: other articles
    shingled: set[int] | None = None  # the new text's shingles: made once, however many candidates
    for earlier in [*sure, *maybe]:
        if earlier in siblings:
            continue
        name = earlier.removeprefix("drafts/")
        located = next((folder / name for folder in (workspace.drafts, workspace.published)
                        if workspace.exists(folder / name)), None)
        if located is None:  # deleted by an editor: a new article
            continue
        try:
            current = workspace.read_bytes(located)
            current_article = parse_article(current.decode("utf-8"), workspace.rel(located))
        except (OSError, UnicodeDecodeError, ArticleError):
            current, current_article = b"", None
        if current_article is not None and different_articles(current_article, article, config):
            continue
        if earlier in sure:
            why = ("the same URL" if url and record.articles.get(earlier, {}).get("url") == url
                   else "the same source file")
            return _decide(workspace, record, config, earlier, located, current, current_article, article, why)
        shingled = shingles(article.body) if shingled is None else shingled
        alike = resemblance(current_article.body, shingled) if current_article else 0.0
        if alike >= SAME_ARTICLE and (best is None or alike > best[0]):
            rel = workspace.rel(located)
            best = (alike, UpdatePlan(UpdateKind.DUPLICATE, rel, located, "", why=f"{alike:.0%} the same text"))
    return best[1] if best else None


# Items dated further apart than this are never one article (Monday's and Tuesday's report).
SAME_DAY = timedelta(days=1)


def different_articles(earlier: Article, new: Article, config: Config) -> bool:
    """Whether two items say they are different articles: both name a URL, and not the same one; or
    both have a date, more than a day apart."""
    first_url, second_url = earlier.get("source.url"), new.get("source.url")
    if isinstance(first_url, str) and isinstance(second_url, str) and first_url and second_url \
            and first_url != second_url:
        return True
    from pipeline.model.dates import front_matter_moment  # its patterns: only when an update is compared

    first, second = (front_matter_moment(earlier.get("date"), config.zone),
                     front_matter_moment(new.get("date"), config.zone))
    return first is not None and second is not None and abs(first - second) > SAME_DAY


def _decide(workspace: Workspace, record: IngestRecord, config: Config, earlier: str, located: Path, current: bytes,
            current_article: Article | None, article: Article, why: str) -> UpdatePlan:
    rel = workspace.rel(located)
    beside = workspace.updates / rel.split("/", 1)[1]  # updates/NAME.md beside drafts/ or published/NAME.md
    text = render_article(article)
    wait = UpdatePlan(UpdateKind.WAIT, rel, beside, text, why=why)
    if current_article is None:  # an article that cannot be read is an editor's to mend: the update waits
        return wait
    provenance, new = current_article.get("source"), article.get("source")
    if located.is_relative_to(workspace.drafts) and isinstance(provenance, dict) and isinstance(new, dict) \
            and (provenance.get("sha256"), provenance.get("item")) == (new.get("sha256"), new.get("item")):
        return UpdatePlan(UpdateKind.DONE, rel, located, text, current, why)  # a stopped run refreshed it
    if _same_for_readers(current_article, article, located.is_relative_to(workspace.published), config):
        return UpdatePlan(UpdateKind.SAME, rel, located, text, current, why)
    if located.is_relative_to(workspace.drafts) \
            and hashlib.sha256(current).hexdigest() == record.articles.get(earlier, {}).get("written"):
        return UpdatePlan(UpdateKind.REFRESH, rel, located, text, current, why)
    return wait


def _same_for_readers(current: Article, new: Article, published: bool, config: Config) -> bool:
    """Whether the new item says what the article says: only its provenance (the raw file's hash,
    when it was read) differs."""
    if published:
        return render_article(published_form(new, config)[0]) == render_article(current)
    meta = dict(new.meta)
    meta["source"] = current.meta.get("source")
    return render_article(new.with_meta(meta)) == render_article(current)


def apply_update(workspace: Workspace, journal: Journal, record: IngestRecord, plan: UpdatePlan, moment: datetime,
                 source_rel: str, sha256: str, item: int | None,
                 evidence: dict[str, str] | None = None) -> tuple[str, str]:
    """The plan carried out and journalled: (the article, what became of it, as a person reads it). A
    refresh keeps where each value came from (``evidence``) in its entry, as ingest does."""
    common: dict[str, Any] = {"source": source_rel, "sha256": sha256, "item": item, "reason": plan.why}
    kind = plan.kind
    if kind == UpdateKind.REFRESH and not workspace.replace_if_unchanged(plan.path, plan.text, plan.current):
        # An editor saved in the instant since it was read: theirs is kept, the update waits beside it.
        beside = workspace.updates / plan.article.split("/", 1)[1]
        plan = UpdatePlan(UpdateKind.WAIT, plan.article, beside, plan.text, why=plan.why)
        kind = UpdateKind.WAIT
    if kind == UpdateKind.WAIT:
        workspace.write_update(plan.path, plan.text)
        made = entry(moment, Action.UPDATE_WAITING, plan.article, update=workspace.rel(plan.path), **common)
        said = f"source updated: {workspace.rel(plan.path)} waits beside it"
    elif kind in (UpdateKind.REFRESH, UpdateKind.DONE):
        made = entry(moment, Action.REFRESHED, plan.article, written=sha256_text(plan.text),
                     evidence=journal_evidence(evidence or {}) or None, **common)
        said = "refreshed from its updated source (approvals of the earlier text are void)"
    else:
        made = entry(moment, Action.RESCRAPED, plan.article, **common)
        said = "read again: nothing new for readers"
    journal.append([made])
    record.apply(made)
    if kind == UpdateKind.WAIT and plan.article.startswith("published/"):  # a correction of what is online
        said = _revised(workspace, journal, moment, plan.article, said)
    return plan.article, said


def _revised(workspace: Workspace, journal: Journal, moment: datetime, article: str, said: str) -> str:
    """The update of a published article made its revision at once (what editors set kept), when no
    revision is there; else it waits in updates/ and the revision there is out of date."""
    config = workspace.load_config()  # read again only for this rare case: ingest's own signature stays as it is
    live = workspace.root / article
    if workspace.exists(workspace.revisions / live.relative_to(workspace.published)):
        return said + "; the revision there is out of date"
    outcome = revise(workspace, journal, config, moment, Target(article, live, article), by_hand=False)
    if outcome.dismissed:
        return outcome.detail
    if not outcome.done:
        return f"{said} ({outcome.detail})"
    return f"source updated: {outcome.revision} is its revision, with what editors set kept: approve it to publish"


# --- an editor's decision on a waiting update -------------------------------------------------


@dataclass
class UpdateOutcome:
    article: str
    done: bool
    detail: str
    journalled: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"article": self.article, "done": self.done, "detail": self.detail}


def decide_update(workspace: Workspace, journal: Journal, moment: datetime, target: Path, take: bool,
                  entries: list[dict[str, Any]]) -> UpdateOutcome:
    """Take the update waiting beside a draft (it becomes the draft: the editor's changes are replaced,
    and approvals of the earlier text void), or dismiss it (the draft stays as it is). A published
    article's update is taken into a revision (pipeline revise), never into the live page."""
    rel = workspace.rel(target)
    name = article_name(rel)
    waiting = waiting_updates(entries).get(name)
    if waiting is None:
        return UpdateOutcome(rel, False, "has no source update waiting")
    update = workspace.root / str(waiting.get("update", ""))
    if not take:
        if workspace.exists(update) and workspace.inside(update):
            workspace.remove(update)
        made = entry(moment, Action.UPDATE_DISMISSED, rel, update=waiting.get("update"))
        journal.append([made])
        return UpdateOutcome(rel, True, f"update dismissed; {rel} stays as it is", [made])
    if not target.is_relative_to(workspace.drafts):
        return UpdateOutcome(rel, False, f"is published: pipeline revise {name} makes the update its revision "
                                         "(what editors set kept) to approve and promote over the live page; or "
                                         "dismiss it")
    try:
        if not workspace.inside(update):
            raise OSError(0, "is outside the workspace")
        text = workspace.read_bytes(update).decode("utf-8")
        current = workspace.read_bytes(target)
    except (OSError, UnicodeDecodeError) as error:
        why = getattr(error, "strerror", None) or "is not UTF-8 text"
        return UpdateOutcome(rel, False, f"the update {waiting.get('update')} cannot be read ({why}): dismiss it")
    if not workspace.replace_if_unchanged(target, text, current):
        return UpdateOutcome(rel, False, "the draft changed while the update was being taken: run it again")
    workspace.remove(update)
    made = entry(moment, Action.UPDATE_TAKEN, rel, update=waiting.get("update"), written=sha256_text(text))
    journal.append([made])
    return UpdateOutcome(rel, True, "the updated source is the draft now; approve it again", [made])
