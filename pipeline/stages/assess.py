"""The state of each draft (invalid, awaiting review, approval void, rejected, scheduled, approved).

A draft's facts (problems, title, date, content hash) are cached by file stamp; decisions and the
clock are applied afresh on every call, so an approval counts at once and an edit voids it at once.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import repeat
from pathlib import Path
from types import ModuleType
from typing import Any

from pipeline.model.article import Article, content_hash, import_writer, order_keys
from pipeline.model.config import Config
from pipeline.model.forms import published_form, published_meta
from pipeline.model.moments import aware_moment
from pipeline.model.problems import ERROR, Problem
from pipeline.stages.clock_rules import clock_rules
from pipeline.stages.decisions import (
    AWAITING,
    INVALID,
    NO_DECISIONS,
    POSSIBLE_DUPLICATE,
    READY,
    REJECTED_STATE,
    SCHEDULED,
    SOURCE_UPDATED,
    STALE_REVISION,
    VOID,
    Decisions,
    DraftStatus,
    decisions_for,
    journal_index,
    past_of,
)
from pipeline.stages.waiting import (
    actions_in,
    duplicate_blocks,
    is_revision,
    may_hold,
    open_duplicates,
    revision_blocks,
    waiting_updates,
)
from pipeline.store.journal import Action, article_name
from pipeline.store.paths import RawFile
from pipeline.store.workspace import Workspace


@dataclass(frozen=True, init=False)
class DraftState:
    """A draft's state and what blocks it, from its facts, its journal entries and the time."""

    rel: str
    name: str
    state: DraftStatus
    blocks: str  # one line: what stops it, or what comes next
    title: str = ""
    date: str = ""
    hash: str = ""  # content hash of the draft as it is now ('' when it cannot be read)
    problems: tuple[Problem, ...] = ()
    decisions: Decisions = NO_DECISIONS
    article: Article | None = None
    past: tuple[str, ...] = ()  # why it came back, rejections of an earlier content
    # The first of its date, publishDate and expiryDate still to come (None: none is): until then the
    # clock's part of its state holds.
    changes_at: datetime | None = None

    def __init__(self, rel: str, name: str, state: DraftStatus, blocks: str, title: str = "", date: str = "",
                 hash: str = "", problems: tuple[Problem, ...] = (), decisions: Decisions = NO_DECISIONS,
                 article: Article | None = None, past: tuple[str, ...] = (), changes_at: datetime | None = None,
                 ) -> None:
        # Frozen all the same, set in one step: status, review and the desk make one for each of ten
        # thousand drafts, and a frozen dataclass's own __init__ (a call to object.__setattr__ a field)
        # cost more than the rest of deciding a draft's state without a journal entry.
        self.__dict__.update(rel=rel, name=name, state=state, blocks=blocks, title=title, date=date, hash=hash,
                             problems=problems, decisions=decisions, article=article, past=past, changes_at=changes_at)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    def as_dict(self) -> dict[str, Any]:
        return {"draft": self.rel, "state": self.state, "blocks": self.blocks, "title": self.title,
                "date": self.date, "hash": self.hash, "problems": [p.as_dict() for p in self.problems],
                "decisions": self.decisions.as_dict(), "past": list(self.past)}


# validate's module (the check of a draft's text), imported on the first draft read and held: a status or run
# answered from the cache reads no draft, and makes none of validate's classes nor its address checks.
_validate: ModuleType | None = None


def _validation() -> ModuleType:
    """validate's module, imported on the first call and held."""
    global _validate
    if _validate is None:
        from pipeline.stages import validate

        _validate = validate
    return _validate


def check_article(text: str, rel: str, config: Config) -> tuple[Article | None, list[Problem]]:
    """The draft read and validated, both as the draft it is and as the article it would publish as."""
    # The rules and their patterns, and validate's check itself, are imported only where a draft is read: a
    # listing answered from the cache (status, run, the desk) never needs them; once imported, held (no import
    # statement a draft).
    validate = _validation()
    rules = validate.import_rules()
    article, problems = validate.check_parsed(text, rel, config, published=False)
    if article is None:
        return None, problems
    # As published, only the field rules can say more (draft: false, the pipeline's keys dropped),
    # unless the draft's own check stopped at its missing front matter: then every rule speaks.
    if article.has_front_matter:
        # and only for a field that is not the same in both forms: another's rule says what it said of the
        # draft, which is not said twice (a property test holds this to every field's rule run again)
        published, dropped = published_for_rules(article, config)
        as_published = rules.check_fields(published, config, published=True,
                                          only=_differing(article, published, dropped, config, rules))
    else:
        as_published = rules.validate_article(published_form(article, config)[0], config, published=True)
    if not as_published:
        return article, problems
    seen = {(p.code, p.field, p.message) for p in problems}
    for problem in as_published:
        if (problem.code, problem.field, problem.message) not in seen:
            problems.append(problem)
    return article, problems


def published_for_rules(article: Article, config: Config) -> tuple[Article, dict[str, Any]]:
    """``published_form``, as the field rules read it: they look each key up by its name, so its keys are not put
    in the house's order (``order_keys``) for them; a cover of another mapping class than dict is made the dict
    published_form makes of it, whose children the rules then read. A property test holds every rule's answer on
    it to the answer on published_form's."""
    meta, dropped = published_meta(article, config)
    cover = meta.get("cover")
    if isinstance(cover, Mapping) and cover.__class__ is not dict:
        meta["cover"] = order_keys({"cover": cover})["cover"]
    return article.with_meta(meta), dropped


def _differing(draft: Article, published: Article, dropped: Mapping[str, Any], config: Config,
               rules: ModuleType | None = None) -> set[str]:
    """The top-level keys whose field rules may say something else of the article as published than of the
    draft: a key given in one form only or with another value, and one whose rule differs between the forms.
    (Which keys count as another's case, Title for title, the rules also look at: a key does by its own
    name alone, and the keys published_form adds or drops are all of the house's, so that never differs.)

    Read from what ``published_form`` did, not by comparing every key's value: it drops the keys in
    ``dropped``, may give ``credit``, sets ``draft``, and leaves every other key holding the same object, but
    a cover that is a mapping of another class than dict, which it makes a dict. A property test holds this to
    the comparison of both forms' keys and values by identity (never by ==: 1 == True, and the rules tell
    them apart)."""
    before, after = draft.meta, published.meta
    differ = set((rules or _validation().import_rules()).field_rules_differ(config))
    differ.update(dropped)
    for key in _GIVEN_AS_PUBLISHED:
        if after.get(key, _ABSENT) is not before.get(key, _ABSENT):
            differ.add(key)
    cover = before.get("cover")
    if isinstance(cover, Mapping) and cover.__class__ is not dict:
        differ.add("cover")
    return differ


# The keys published_form gives a value of its own (draft false; credit from the source, when none is given).
_GIVEN_AS_PUBLISHED = ("credit", "draft")
_ABSENT = object()


@dataclass(frozen=True, init=False)
class DraftFacts:
    """What a draft's text alone says (its problems, title, date, content hash): cacheable by stamp."""

    problems: tuple[Problem, ...]
    title: str = ""
    date: str = ""
    hash: str = ""  # '' when the front matter cannot be read
    article: Article | None = None  # never cached
    dates: tuple[tuple[str, str, int | None], ...] = ()  # date, publishDate, expiryDate: for the clock rules

    def __init__(self, problems: tuple[Problem, ...], title: str = "", date: str = "", hash: str = "",
                 article: Article | None = None, dates: tuple[tuple[str, str, int | None], ...] = ()) -> None:
        # set in one step, as DraftState: one is read back from the cache for every draft listed
        self.__dict__.update(problems=problems, title=title, date=date, hash=hash, article=article, dates=dates)

    def as_cached(self) -> list[Any]:
        """What the cache keeps: one flat list, ``[hash, title, date, problems or null, then name, value, line of
        each clocked date]``, the date written once (its value among the clocked dates is null when it is the
        date): ten thousand are read on every start, and each list or mapping in them is one more object
        made, and looked over by Python's cycle collector."""
        date = self.date
        kept: list[Any] = [self.hash, self.title, date, [p.as_dict() for p in self.problems] or None]
        for name, value, line in self.dates:
            kept += (name, None if name == "date" and value == date else value, line)
        return kept

    @classmethod
    def from_cached(cls, data: Any) -> DraftFacts:
        """The cached form back; ValueError for anything else (the draft is then read again)."""
        if data.__class__ is not list or len(data) < 4 or (len(data) - 4) % 3:
            raise ValueError("not a draft's facts")
        hash_, title, date, problems = data[0], data[1], data[2], data[3]
        if (hash_.__class__ is not str or title.__class__ is not str or date.__class__ is not str
                or (problems is not None and (problems.__class__ is not list or not problems))):
            raise ValueError("not a draft's facts")
        clocked = []
        for at in range(4, len(data), 3):
            name, value, line = data[at], data[at + 1], data[at + 2]
            if value is None and name == "date":
                value = date
            if name.__class__ is not str or value.__class__ is not str or not _is_line(line):
                raise ValueError("not a clocked date")
            clocked.append((name, value, line))
        return cls(tuple([_cached_problem(p) for p in problems]) if problems else (), title, date, hash_,
                   dates=tuple(clocked))


def _is_line(line: Any) -> bool:
    return line is None or (line.__class__ is int and line >= 0)


def _cached_problem(data: Any) -> Problem:
    problem = Problem.from_dict(data)  # KeyError, TypeError: not a problem
    if not (_is_line(problem.line) and all(value.__class__ is str for value in
                                           (problem.file, problem.field, problem.severity, problem.code,
                                            problem.message))):
        raise ValueError("not a problem")
    return problem


def draft_facts(rel: str, text: str | None, config: Config, read_error: str = "", keep: bool = True,
                data: bytes | None = None) -> DraftFacts:
    """Pure: a draft's text (None when it cannot be read) to its facts; with ``keep``, the Article read too.
    ``data``: the file's bytes the text was decoded from as UTF-8, when the caller read them (the content hash of
    a file that is its own rendering is then taken of them, the text not encoded again)."""
    if text is None:
        return DraftFacts((Problem(rel, None, "", ERROR, "unreadable", read_error or "cannot be read"),))
    article, problems = check_article(text, rel, config)
    if article is None:
        return DraftFacts(tuple(problems))
    title, date = article.get("title", ""), article.get("date", "")
    rules = _validation().import_rules()
    return DraftFacts(tuple(problems), title if isinstance(title, str) else str(title),
                      date if isinstance(date, str) else str(date), content_hash(article, data),
                      article if keep else None, rules.clocked_dates(article))


def assess_draft(rel: str, text: str | None, history: Sequence[dict[str, Any]], config: Config,
                 moment: datetime, read_error: str = "") -> DraftState:
    """What state a draft is in, and what blocks it: pure, from its text and its journal entries."""
    return state_of(rel, draft_facts(rel, text, config, read_error), history, config, moment)


def state_of(rel: str, facts: DraftFacts, history: Sequence[dict[str, Any]], config: Config,
             moment: datetime, name: str | None = None, telling: bool = True) -> DraftState:
    """The state of a draft from its facts, its journal entries and the time. ``name``: its article's name
    (``article_name(rel)``), when the caller has it already (from finding its history). ``telling`` False: the caller
    knows that no history can tell a state (``journal_tells``), and none is looked at for it."""
    if name is None:
        name = article_name(rel)
    problems = facts.problems
    if not facts.hash:
        first = problems[0] if problems else None
        if first is not None and first.code == "unreadable" and first.line is None:
            return DraftState(rel, name, INVALID, f"cannot be read: {first.message}", problems=problems)
        why = first.message if first else "front matter cannot be read"
        return DraftState(rel, name, INVALID, f"front matter: {why}", problems=problems)
    current = facts.hash
    revision = is_revision(rel)
    # Most drafts' history is their ingestion alone, which decides nothing: read as no history at all (the
    # same decisions, past, waiting update and duplicate mark), it costs no pass of four readers over it.
    told = history if telling and history and _tells_state(history) else ()
    decisions = decisions_for(told, current, config)
    timed, changes_at = clock_rules(rel, facts.dates, moment) if facts.dates else ([], None)
    if timed:
        problems = (*problems, *[p for p in timed if p.severity == ERROR])  # an expiryDate passed
    stale = revision_blocks(name, history) if revision else ""
    state, blocks = (STALE_REVISION, stale) if stale else \
        _state_and_blocks(name, facts, problems, timed, decisions, told, moment)
    if revision and not stale:
        blocks = f"revision of published/{name}.md: {blocks}"
    # One DraftState made once: status builds ten thousand of them.
    return DraftState(rel, name, state, blocks, facts.title, facts.date, current, problems, decisions, facts.article,
                      past_of(told, current), changes_at)


# The actions a draft's history must hold for it to tell more than "nothing decided": a decision, an
# unpublishing (its past), a waiting update; and any entry naming a possible duplicate (the mark). A tuple, not a
# set: an action a hand-edited journal made a list is compared, never hashed.
_TELLING = (Action.APPROVED, Action.REJECTED, Action.UNPUBLISHED, Action.UPDATE_WAITING)


def journal_tells(entries: Sequence[dict[str, Any]]) -> bool:
    """Whether any of the entries may make a draft's state other than that of a draft with no history (what
    ``_tells_state`` asks of each history): found in C, by the actions the journal holds and a look for the key."""
    return may_hold(actions_in(entries), _TELLING) or any(map(operator.contains, entries, repeat("duplicate_of")))


def _tells_state(history: Sequence[dict[str, Any]]) -> bool:
    """Whether a draft's history can make its state other than that of a draft with no history."""
    for item in history:  # noqa: SIM110  (a loop, not any() of a generator: asked of ten thousand histories)
        if item.get("action") in _TELLING or "duplicate_of" in item:
            return True
    return False


def _state_and_blocks(name: str, facts: DraftFacts, problems: tuple[Problem, ...], timed: Sequence[Problem],
                      decisions: Decisions, history: Sequence[dict[str, Any]],
                      moment: datetime) -> tuple[DraftStatus, str]:
    if history:  # (an update waiting and a possible duplicate are both in the journal)
        update = next(iter(waiting_updates(history).values()), None)
        if update is not None:
            return SOURCE_UPDATED, (f"source updated: {update.get('update')} waits beside it: "
                                    f"pipeline take-update {name}, or dismiss-update {name}")
        duplicate = open_duplicates(history).get(name)
        if duplicate is not None:
            return POSSIBLE_DUPLICATE, duplicate_blocks(name, duplicate)
    errors = [p for p in problems if p.severity == ERROR] if problems else problems
    if errors:
        first = errors[0]
        subject = f"{first.field}: " if first.field else ""
        more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
        return INVALID, f"{subject}{first.message}{more}"
    if decisions.rejections:
        last = decisions.rejections[-1]
        return REJECTED_STATE, f"rejected by {last.by}: {last.text}"
    missing = decisions.missing
    if missing:
        have = f" (approved by {', '.join(d.by for d in decisions.approvals)})" if decisions.approvals else ""
        if decisions.void:
            voided = ", ".join(d.by for d in decisions.void)
            what = "source updated" if _refreshed_since(history, decisions.void) else "edited"
            return VOID, f"{what} after approval by {voided}: approve again{have}"
        return AWAITING, f"needs {missing} approval(s){have}"
    scheduled = [p for p in timed if p.code == "date-future"]  # date or publishDate still to come
    if scheduled:
        latest = max((value for name, value, _line in facts.dates if name != "expiryDate"),
                     key=lambda value: aware_moment(value) or moment)
        return SCHEDULED, f"approved; publishes from {latest}"
    return READY, "approved; ready to promote"


def _refreshed_since(history: Sequence[dict[str, Any]], approvals: Sequence[Any]) -> bool:
    """Whether the pipeline rewrote the draft from its updated source after the last approval voided."""
    last = max(str(decision.time) for decision in approvals)
    return any(item.get("action") in (Action.REFRESHED, Action.UPDATE_TAKEN) and str(item.get("time", "")) >= last
               for item in history)


def read_draft(workspace: Workspace, path: Path) -> tuple[str | None, str]:
    """The text of an article file, or None and why it cannot be read."""
    try:
        return workspace.read_bytes(path).decode("utf-8"), ""
    except UnicodeDecodeError:
        return None, "is not UTF-8 text"
    except OSError as error:
        return None, _read_error(error)


def _read_error(error: OSError) -> str:
    return f"cannot be read ({error.strerror})"


def assess_drafts(workspace: Workspace, config: Config, moment: datetime,
                  entries: Sequence[dict[str, Any]] | None = None, cached: bool = False,
                  jobs: int = 1, save: bool = True) -> list[DraftState]:
    """The state of every draft. With `cached`, the facts of a draft whose stamp is unchanged come
    from .pipeline/review-drafts.json, and such a state carries no Article; decisions and the clock
    are always applied afresh. Without `save` the cache is read but not written (a dry run)."""
    if entries is None:
        entries, _ = workspace.read_journal()
    histories = journal_index(entries)
    telling = journal_tells(entries)  # (a journal of ingestions alone: no history is looked at for a decision)
    # Each state made as its facts come (not once every draft's are in): while the workers check the next drafts,
    # this process decides the states of those they sent, rather than all of them after the last one.
    return [state_of(draft.rel, fact, histories.get(name, []), config, moment, name, telling)
            for draft, fact in itertools.chain(facts_of_drafts(workspace, config, cached, jobs, save),
                                               facts_of_revisions(workspace, config))
            for name in (article_name(draft.rel),)]


def facts_of_revisions(workspace: Workspace, config: Config) -> list[tuple[RawFile, DraftFacts]]:
    """Every revision in revisions/ and its facts, read afresh (a newsroom has a few at a time). A
    revision that is a link is not read: a revision is a file of its own."""
    found = []
    for revision in workspace.iter_markdown_files(workspace.revisions):
        if revision.problem is None and revision.path.is_symlink():
            revision = RawFile(revision.path, revision.rel, "is a symbolic link: a revision is a file of its own")
        if revision.problem is not None:
            found.append((revision, draft_facts(revision.rel, None, config, revision.problem)))
            continue
        text, why = read_draft(workspace, revision.path)
        found.append((revision, draft_facts(revision.rel, text, config, why)))
    return found


def facts_of_drafts(workspace: Workspace, config: Config, cached: bool = False, jobs: int = 1,
                    save: bool = True) -> Iterator[tuple[RawFile, DraftFacts]]:
    """Every draft as listed (with its stamp) and its facts, as assess_drafts reads them."""
    from pipeline.store.runner import CacheUse, PerFile, run_per_file

    drafts = workspace.article_files(None, workspace.drafts)

    def facts_of(rel: str, data: bytes) -> DraftFacts:
        try:  # with the cache, an Article is neither cached nor sent back
            return draft_facts(rel, data.decode("utf-8"), config, "", not cached, data)
        except UnicodeDecodeError:
            return draft_facts(rel, None, config, "is not UTF-8 text")

    job: PerFile[DraftFacts, DraftFacts] = PerFile(
        compute=facts_of, unreadable=lambda rel, error: draft_facts(rel, None, config, _read_error(error)),
        result=lambda fact: fact, cached=_cached_facts, from_cache=DraftFacts.from_cached,
        # a draft that cannot be read as listed (its name is not UTF-8, a link out): invalid, and why
        listed=lambda found: draft_facts(found.rel, None, config, found.problem) if found.problem else None,
        prepare=lambda: prepare_facts(config))
    cache_use = CacheUse(FACTS_CACHE, config.fingerprint(), save=save) if cached else None
    yield from run_per_file(workspace, drafts, job, cache_use, jobs, task="drafts")


def prepare_facts(config: Config) -> None:
    """What a draft's facts import and make for a config, made now: before a run forks its workers, which then
    share it (each imported the rules, the writer and the readers again on its first draft, and made the rules of
    both forms). A draft is checked as a draft (validate's own preparation) and its fields as published."""
    validate = _validation()
    validate.prepare_check(config, False)
    validate.import_rules().ruleset_ready(config, True)
    import_writer()


def _cached_facts(fact: DraftFacts) -> list[Any] | None:
    """What the cache keeps of a draft's facts: nothing when it could not be read (tried again next time)."""
    unreadable = bool(fact.problems) and fact.problems[0].code == "unreadable"
    return None if unreadable else fact.as_cached()


FACTS_CACHE = "review-drafts.json"
