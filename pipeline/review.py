"""Reviewers' decisions, and what state each draft is in because of them.

Approvals and rejections live only in the journal: the current state of a draft is derived from
it, so there is no second copy that could drift. An approval is bound to the content hash of the
draft as it was when approved (``article.content_hash``): any edit after it voids it. A new life
of an article (ingested, promoted, unpublished) starts with no decisions at all, so an unpublished
article is never promoted again on an old approval.
"""

from __future__ import annotations

import getpass
import os
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.article import (
    PIPELINE_KEYS,
    Article,
    content_hash,
    order_keys,
    parse_rfc3339,
)
from pipeline.config import Config
from pipeline.journal import about, article_name, entry, names_of
from pipeline.validate import ERROR, Problem, check_fields, check_parsed, validate_article
from pipeline.workspace import Workspace

APPROVED, REJECTED = "approved", "rejected"
# Actions that start a new life of an article: decisions made before them no longer count.
NEW_LIFE = ("ingested", "promoted", "unpublished")

# Draft states, in the order a draft usually passes through them.
INVALID = "invalid"
AWAITING = "awaiting review"
VOID = "approval void"
REJECTED_STATE = "rejected"
SCHEDULED = "scheduled"
READY = "approved"
STATES = (INVALID, AWAITING, VOID, REJECTED_STATE, SCHEDULED, READY)


# --- who decides ------------------------------------------------------------------------------


def reviewer_name(given: str | None, root: Path) -> str:
    """--by, else PIPELINE_USER, else git's user.name, else the login name ('' when none)."""
    for candidate in (given, os.environ.get("PIPELINE_USER")):
        if candidate and candidate.strip():
            return candidate.strip()
    git_name = _git_user_name(root)
    if git_name:
        return git_name
    try:
        return getpass.getuser().strip()
    except (KeyError, OSError):
        return ""


def _git_user_name(root: Path) -> str:
    try:
        result = subprocess.run(["git", "config", "user.name"], cwd=root, capture_output=True, text=True,
                                timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def reviewer_refusal(name: str, config: Config) -> str:
    """Why this person may not decide, or '' when they may."""
    if not name:
        return "no reviewer name: pass --by NAME or set PIPELINE_USER"
    if config.reviewers and not _listed(name, config):
        return f"{name!r} is not a reviewer (review.reviewers lists {', '.join(config.reviewers)})"
    return ""


def _listed(name: str, config: Config) -> bool:
    return name.casefold() in {reviewer.casefold() for reviewer in config.reviewers}


# --- which article ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """An article named on the command line: its file, or why it cannot be used."""

    given: str
    path: Path | None = None
    rel: str = ""
    error: str = ""


def resolve_target(workspace: Workspace, given: str, folder: Path, cwd: Path) -> Target:
    """A path (relative to cwd, or to the workspace) or a slug (a file name without .md) in folder."""
    kind = folder.name  # drafts or published
    if not given.strip() or "\0" in given:
        return Target(given, error=f"{given!r}: not a file name or slug")
    looks_like_path = "/" in given or os.sep in given or given.endswith(".md") or given in (".", "..")
    path = workspace.locate(Path(given), cwd) if looks_like_path else folder / f"{given}.md"
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        return Target(given, error=f"{given}: cannot be resolved (a loop of links?)")
    if not workspace.inside(resolved):
        return Target(given, error=f"{given}: is outside the workspace {workspace.root}")
    try:
        inner = resolved.relative_to(folder.resolve())
    except ValueError:
        return Target(given, error=f"{given}: is not in {kind}/ (only {kind}/ holds what this command acts on)")
    if not workspace.exists(resolved):
        what = "no such file" if looks_like_path else f"no article named {given!r} in {kind}/"
        return Target(given, error=f"{given}: {what}")
    if not resolved.is_file() or resolved.suffix != ".md" or any(p.startswith(".") for p in inner.parts):
        return Target(given, error=f"{given}: is not a Markdown article (.md) in {kind}/")
    return Target(given, resolved, workspace.rel(resolved))


# --- what a reviewer's decision publishes -----------------------------------------------------


def published_form(article: Article, config: Config) -> tuple[Article, dict[str, Any]]:
    """The article as it would be published: draft false, the pipeline's own keys dropped except
    those the config keeps. Also returns what was dropped, so unpublish can put it back."""
    dropped_keys = [key for key in PIPELINE_KEYS if key not in config.published_keys]
    dropped = {key: article.meta[key] for key in dropped_keys if key in article.meta}
    meta = {key: value for key, value in article.meta.items() if key not in dropped}
    meta["draft"] = False
    return replace(article, meta=order_keys(meta)), dropped


def draft_form(article: Article, restored: dict[str, Any]) -> Article:
    """A published article made a draft again, with the pipeline's keys it had before put back."""
    meta = dict(article.meta)
    meta["draft"] = True
    for key, value in restored.items():
        meta.setdefault(key, value)
    return replace(article, meta=order_keys(meta))


# --- decisions, from the journal --------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    action: str  # approved | rejected
    by: str
    hash: str
    time: str
    text: str  # the note of an approval, the reason of a rejection

    def as_dict(self) -> dict[str, str]:
        return {"action": self.action, "by": self.by, "hash": self.hash, "time": self.time, "text": self.text}


@dataclass(frozen=True)
class Decisions:
    """The decisions that stand for one content of one draft."""

    approvals: tuple[Decision, ...] = ()  # of this content, one per reviewer
    rejections: tuple[Decision, ...] = ()  # of this content, not withdrawn by the same reviewer
    void: tuple[Decision, ...] = ()  # approvals of an earlier content (the draft was edited since)
    needed: int = 1

    @property
    def missing(self) -> int:
        return max(0, self.needed - len(self.approvals))

    def as_dict(self) -> dict[str, Any]:
        return {"needed": self.needed, "missing": self.missing,
                "approvals": [d.as_dict() for d in self.approvals],
                "rejections": [d.as_dict() for d in self.rejections],
                "void": [d.as_dict() for d in self.void]}


def journal_index(entries: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Journal entries by article name, so a workspace of many drafts reads the journal once."""
    index: dict[str, list[dict[str, Any]]] = {}
    for item in entries:
        for name in names_of(item):
            index.setdefault(name, []).append(item)
    return index


def decisions_for(history: Sequence[dict[str, Any]], current_hash: str, config: Config) -> Decisions:
    """Each reviewer's latest decision on the current content counts; a decision by someone no
    longer listed in review.reviewers does not."""
    start = 0
    for position, item in enumerate(history):
        if item.get("action") in NEW_LIFE:
            start = position + 1
    latest: dict[str, Decision] = {}
    earlier: dict[str, Decision] = {}
    for item in history[start:]:
        action, by = item.get("action"), item.get("by")
        if action not in (APPROVED, REJECTED) or not isinstance(by, str) or not by:
            continue
        if config.reviewers and not _listed(by, config):
            continue
        text = item.get("note") if action == APPROVED else item.get("reason")
        decision = Decision(str(action), by, str(item.get("hash", "")), str(item.get("time", "")),
                            text if isinstance(text, str) else "")
        key = by.casefold()
        if decision.hash == current_hash:
            latest[key] = decision
        elif action == APPROVED:
            earlier[key] = decision
    approvals = tuple(d for d in latest.values() if d.action == APPROVED)
    rejections = tuple(d for d in latest.values() if d.action == REJECTED)
    void = tuple(d for key, d in earlier.items() if key not in latest)
    return Decisions(approvals, rejections, void, config.approvals_required)


# --- the state of a draft ---------------------------------------------------------------------


@dataclass(frozen=True)
class DraftState:
    rel: str
    name: str
    state: str
    blocks: str  # one line: what stops it, or what comes next
    title: str = ""
    date: str = ""
    hash: str = ""  # content hash of the draft as it is now ('' when it cannot be read)
    problems: tuple[Problem, ...] = ()
    decisions: Decisions = field(default_factory=Decisions)
    article: Article | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    def as_dict(self) -> dict[str, Any]:
        return {"draft": self.rel, "state": self.state, "blocks": self.blocks, "title": self.title,
                "date": self.date, "hash": self.hash, "problems": [p.as_dict() for p in self.problems],
                "decisions": self.decisions.as_dict()}


def check_article(text: str, rel: str, config: Config) -> tuple[Article | None, list[Problem]]:
    """The draft read and validated, both as the draft it is and as the article it would publish as."""
    article, problems = check_parsed(text, rel, config, published=False)
    if article is None:
        return None, problems
    # As published, only the field rules can say more (draft: false, the pipeline's keys dropped),
    # unless the draft's own check stopped at its missing front matter: then every rule speaks.
    published, _ = published_form(article, config)
    seen = {(p.code, p.field, p.message) for p in problems}
    as_published = check_fields(published, config, published=True) if article.has_front_matter else \
        validate_article(published, config, published=True)
    for problem in as_published:
        if (problem.code, problem.field, problem.message) not in seen:
            problems.append(problem)
    return article, problems


def parse_moment(value: Any) -> datetime | None:
    moment = parse_rfc3339(value) if isinstance(value, str) else None
    return moment if moment is not None and moment.tzinfo is not None else None


@dataclass(frozen=True)
class DraftFacts:
    """What a draft's text alone says (its problems, title, date, content hash): cacheable by stamp."""

    problems: tuple[Problem, ...]
    title: str = ""
    date: str = ""
    hash: str = ""  # '' when the front matter cannot be read
    article: Article | None = None  # never cached

    def as_dict(self) -> dict[str, Any]:
        return {"problems": [p.as_dict() for p in self.problems], "title": self.title, "date": self.date,
                "hash": self.hash}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DraftFacts:
        return cls(tuple(Problem.from_dict(p) for p in data["problems"]), data["title"], data["date"], data["hash"])


def draft_facts(rel: str, text: str | None, config: Config, read_error: str = "") -> DraftFacts:
    """Pure: a draft's text (None when it cannot be read) to its facts."""
    if text is None:
        return DraftFacts((Problem(rel, None, "", ERROR, "unreadable", read_error or "cannot be read"),))
    article, problems = check_article(text, rel, config)
    if article is None:
        return DraftFacts(tuple(problems))
    title, date = article.get("title", ""), article.get("date", "")
    return DraftFacts(tuple(problems), title if isinstance(title, str) else str(title),
                      date if isinstance(date, str) else str(date), content_hash(article), article)


def assess_draft(rel: str, text: str | None, history: Sequence[dict[str, Any]], config: Config,
                 moment: datetime, read_error: str = "") -> DraftState:
    """What state a draft is in, and what blocks it: pure, from its text and its journal entries."""
    return state_of(rel, draft_facts(rel, text, config, read_error), history, config, moment)


def state_of(rel: str, facts: DraftFacts, history: Sequence[dict[str, Any]], config: Config,
             moment: datetime) -> DraftState:
    """The state of a draft from its facts, its journal entries and the time."""
    name = article_name(rel)
    problems = facts.problems
    if not facts.hash:
        first = problems[0] if problems else None
        if first is not None and first.code == "unreadable" and first.line is None:
            return DraftState(rel, name, INVALID, f"cannot be read: {first.message}", problems=problems)
        why = first.message if first else "front matter cannot be read"
        return DraftState(rel, name, INVALID, f"front matter: {why}", problems=problems)
    current = facts.hash
    decisions = decisions_for(history, current, config)
    date = facts.date
    base = DraftState(rel, name, INVALID, "", facts.title, date, current, problems, decisions, facts.article)
    errors = [p for p in problems if p.severity == ERROR]
    if errors:
        first = errors[0]
        subject = f"{first.field}: " if first.field else ""
        more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
        return replace(base, blocks=f"{subject}{first.message}{more}")
    if decisions.rejections:
        last = decisions.rejections[-1]
        return replace(base, state=REJECTED_STATE, blocks=f"rejected by {last.by}: {last.text}")
    if decisions.missing:
        have = f" (approved by {', '.join(d.by for d in decisions.approvals)})" if decisions.approvals else ""
        if decisions.void:
            voided = ", ".join(d.by for d in decisions.void)
            return replace(base, state=VOID, blocks=f"edited after approval by {voided}: approve again{have}")
        return replace(base, state=AWAITING, blocks=f"needs {decisions.missing} approval(s){have}")
    when = parse_moment(date)
    if when is not None and when > moment:
        return replace(base, state=SCHEDULED, blocks=f"approved; publishes from {date}")
    return replace(base, state=READY, blocks="approved; ready to promote")


def read_draft(workspace: Workspace, path: Path) -> tuple[str | None, str]:
    """The text of an article file, or None and why it cannot be read."""
    try:
        return workspace.read_bytes(path).decode("utf-8"), ""
    except UnicodeDecodeError:
        return None, "is not UTF-8 text"
    except OSError as error:
        return None, f"cannot be read ({error.strerror})"


def assess_drafts(workspace: Workspace, config: Config, moment: datetime,
                  entries: Sequence[dict[str, Any]] | None = None, cached: bool = False,
                  jobs: int = 1, save: bool = True) -> list[DraftState]:
    """The state of every draft. With `cached`, the facts of a draft whose stamp is unchanged come
    from .pipeline/review-drafts.json, and such a state carries no Article; decisions and the clock
    are always applied afresh. Without `save` the cache is read but not written (a dry run)."""
    if entries is None:
        entries, _ = workspace.read_journal()
    histories = journal_index(entries)
    drafts = [found for found in workspace.article_files(None, workspace.drafts) if found.problem is None]
    if not cached:
        facts = ordered_facts(workspace, config, [draft.path for draft in drafts], jobs, keep_article=True)
        return [state_of(draft.rel, fact, histories.get(article_name(draft.rel), []), config, moment)
                for draft, fact in zip(drafts, facts, strict=True)]
    from pipeline.cache import load_cache, save_cache

    cache = load_cache(workspace, FACTS_CACHE, config.fingerprint())
    known: list[DraftFacts | None] = []
    for draft in drafts:
        hit = cache.get(draft.rel, draft.stamp) if draft.stamp is not None else None
        try:
            known.append(DraftFacts.from_dict(hit) if hit is not None else None)
        except (TypeError, ValueError, KeyError, AttributeError):  # a damaged entry: read the draft again
            known.append(None)
    todo = [position for position, fact in enumerate(known) if fact is None]
    fresh = ordered_facts(workspace, config, [drafts[position].path for position in todo], jobs, keep_article=False)
    for position, fact in zip(todo, fresh, strict=True):
        stamp = drafts[position].stamp
        unreadable = bool(fact.problems) and fact.problems[0].code == "unreadable"
        if stamp is not None and not unreadable:  # a read that failed is tried again next time
            cache.put(drafts[position].rel, stamp, fact.as_dict())
        known[position] = fact
    if save:
        save_cache(workspace, FACTS_CACHE, cache)
    return [state_of(draft.rel, fact, histories.get(article_name(draft.rel), []), config, moment)
            for draft, fact in zip(drafts, known, strict=True) if fact is not None]


FACTS_CACHE = "review-drafts.json"


def ordered_facts(workspace: Workspace, config: Config, paths: Sequence[Path], jobs: int,
                  keep_article: bool) -> list[DraftFacts]:
    """The facts of each draft, in order, on `jobs` processes."""
    from pipeline.parallel import OrderedPool

    def facts_of(path: Path) -> DraftFacts:
        text, why = read_draft(workspace, path)
        fact = draft_facts(workspace.rel(path), text, config, why)
        return fact if keep_article else replace(fact, article=None)  # an Article is not sent back

    with OrderedPool(facts_of, jobs) as pool:
        return list(pool.map(list(paths)))


# --- approve and reject -----------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewOutcome:
    article: str
    status: str  # approved | already approved | rejected | refused
    detail: str = ""
    problems: tuple[Problem, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"article": self.article, "status": self.status, "detail": self.detail,
                "problems": [p.as_dict() for p in self.problems]}


def decide(workspace: Workspace, config: Config, target: Target, action: str, by: str, text: str,
           moment: datetime) -> ReviewOutcome:
    """Record an approval or a rejection of a draft as it is now. Call with the workspace lock held."""
    assert target.path is not None
    refusal = reviewer_refusal(by, config)
    if refusal:
        return ReviewOutcome(target.rel, "refused", refusal)
    content, why = read_draft(workspace, target.path)
    if content is None:
        return ReviewOutcome(target.rel, "refused", why)
    history = about(workspace.read_journal()[0], article_name(target.rel))
    state = assess_draft(target.rel, content, history, config, moment)
    if action == APPROVED:
        if state.errors or not state.hash:
            return ReviewOutcome(target.rel, "refused",
                                 f"has {len(state.errors)} validation error(s): fix them, then approve",
                                 tuple(state.errors))
        if any(d.by.casefold() == by.casefold() for d in state.decisions.approvals):
            return ReviewOutcome(target.rel, "already approved", _approval_detail(state.decisions, by))
    current = state.hash or "unreadable"
    workspace.append_journal([entry(moment, action, target.rel, by=by, hash=current,
                                    **({"note": text} if action == APPROVED else {"reason": text}))])
    if action == REJECTED:
        return ReviewOutcome(target.rel, REJECTED, f"by {by}: {text}")
    after = decisions_for([*history, {"action": APPROVED, "by": by, "hash": current}], current, config)
    detail = _approval_detail(after, by)
    if state.article is not None and not is_canonical(state.article, content, config):
        detail += ("; warning: the draft is not in canonical form, so the next normalise (or run) changes it "
                   "and voids this approval: normalise first, then approve")
    return ReviewOutcome(target.rel, APPROVED, detail)


def is_canonical(article: Article, text: str, config: Config) -> bool:
    """Whether normalising would leave the file as it is (and so keep an approval of it valid)."""
    from pipeline.normalise import normalise_text

    return normalise_text(text, config, article.path).text == text


def _approval_detail(decisions: Decisions, by: str) -> str:
    if decisions.missing:
        return f"by {by}; needs {decisions.missing} more approval(s) from other reviewers"
    if decisions.rejections:
        return f"by {by}; still rejected by {', '.join(d.by for d in decisions.rejections)}"
    return f"by {by}; approvals complete"
