"""Promote approved drafts to published/, unpublish back to drafts/, and finish moves a kill cut short.

A move never overwrites and never loses an article. Its order is:

1. journal a *move intent*: where from, where to, and the sha256 of both files' bytes;
2. create the new file atomically, only if its name is free (``write_new_atomic``: temporary
   file, fsync, link);
3. remove the old file, but only if its bytes are still those the intent names (an editor's
   later edit is never deleted);
4. journal the move as done.

A run killed anywhere leaves the article whole in one folder or the other, and at worst in both
(between 2 and 3). The next promote, unpublish or run reads the unfinished intents first: when the
new file exists with exactly the intended bytes, the move is finished (step 3 and 4); otherwise it
never happened and the intent is closed as abandoned. A takedown (unpublish) is never abandoned once
journalled: a draft never written is written then, and the article comes off the site. Call every function here with the
workspace lock held.

A revision (``revisions.promote_revision``) is journalled the same way, but replaces its published article in
one rename instead of creating a file: its page is never offline, and the same recovery finishes or undoes it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.model.article import content_hash, parse_article, render_article, sha256_text
from pipeline.model.config import Config
from pipeline.model.forms import draft_form, published_form
from pipeline.model.front_matter_read import ArticleError
from pipeline.model.pages import page_addresses, section_addresses, site_page
from pipeline.stages.assess import DraftState, assess_draft, facts_of_revisions, read_draft, state_of
from pipeline.stages.decisions import READY, journal_index
from pipeline.stages.revisions import is_revision, promote_revision
from pipeline.store.identity import reviewer_refusal
from pipeline.store.journal import DONE, Action, Journal, article_name, done_entry, entry
from pipeline.store.targets import Target
from pipeline.store.workspace import Workspace

if TYPE_CHECKING:
    from pipeline.store.stamps import Stamps


class MoveStatus(StrEnum):
    """What became of a move (with --dry-run: what would)."""

    PROMOTED = "promoted"
    REVISED = "revised"  # a published article replaced by its approved revision
    UNPUBLISHED = "unpublished"
    FINISHED = "finished"  # a move a killed run cut short, now done
    ABANDONED = "abandoned"  # a move a killed run began that never happened, now closed
    REFUSED = "refused"
    FAILED = "failed"
    WOULD_PROMOTE = "would promote"
    WOULD_UNPUBLISH = "would unpublish"
    WOULD_FINISH = "would finish"
    WOULD_ABANDON = "would abandon"
    RENAMED = "renamed"
    WOULD_RENAME = "would rename"
    UNCHANGED = "unchanged"  # a rename to the name it has


@dataclass(frozen=True)
class MoveOutcome:
    article: str  # where the article was
    status: MoveStatus
    target: str = ""  # where it went (or would go)
    detail: str = ""

    @property
    def failed(self) -> bool:
        return self.status in (MoveStatus.REFUSED, MoveStatus.FAILED)

    def as_dict(self) -> dict[str, str]:
        return {"article": self.article, "status": self.status, "target": self.target, "detail": self.detail}


def file_sha(workspace: Workspace, path: Path) -> str | None:
    """sha256 of a file's bytes, or None when there is no such file (or it cannot be read)."""
    try:
        return hashlib.sha256(workspace.read_bytes(path)).hexdigest()
    except OSError:
        return None


# --- unfinished moves -----------------------------------------------------------------------


def pending_moves(entries: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Move intents with no entry after them that closes them, in journal order."""
    open_moves: dict[tuple[str, str], dict[str, Any]] = {}
    for item in entries:
        key = (str(item.get("from", "")), str(item.get("article", "")))
        action = item.get("action")
        if action in DONE:
            open_moves[key] = item
        elif action in (*DONE.values(), Action.MOVE_ABANDONED):
            open_moves.pop(key, None)
    return list(open_moves.values())


def finish_moves(workspace: Workspace, moment: datetime, dry_run: bool = False,
                 journal: Journal | None = None) -> list[MoveOutcome]:
    """Finish or close every move a killed run left open (see the module's docstring)."""
    journal = journal or Journal(workspace)
    outcomes = []
    for intent in pending_moves(journal.entries):
        source_rel, target_rel = str(intent.get("from", "")), str(intent.get("article", ""))
        source, target = workspace.root / source_rel, workspace.root / target_rel
        aside = workspace.aside_name(source)
        made = file_sha(workspace, target)
        # A takedown must finish: its draft, made and then edited by someone, still means it was made;
        # and a draft never made is made now, from the article (aside, or not yet taken aside).
        takedown = intent.get("action") == Action.UNPUBLISHING
        if takedown and made is None and (workspace.exists(aside) or workspace.exists(source)):
            if dry_run:
                outcomes.append(MoveOutcome(source_rel, MoveStatus.WOULD_FINISH, target_rel, "a takedown cut short"))
                continue
            detail = _finish_takedown(workspace, journal.entries, source, target, aside)
            journal.append([done_entry(intent, moment, recovered=True)])
            outcomes.append(MoveOutcome(source_rel, MoveStatus.FINISHED, target_rel, detail))
            continue
        if made == intent.get("sha256") or (takedown and made is not None):
            if dry_run:
                outcomes.append(MoveOutcome(source_rel, MoveStatus.WOULD_FINISH, target_rel, "a move cut short"))
                continue
            detail = ""
            if workspace.exists(aside):  # the article taken aside for the move: it has moved
                detail = remove_source(workspace, aside, intent.get("from_sha256"), shown=source)
            if workspace.exists(source) and not detail:
                detail = remove_source(workspace, source, intent.get("from_sha256"))
            journal.append([done_entry(intent, moment, recovered=True)])
            outcomes.append(MoveOutcome(source_rel, MoveStatus.FINISHED, target_rel,
                                        detail or "a move cut short, now done"))
        else:
            # The new file was never made (or is not ours): the article goes back where it was.
            if dry_run:
                outcomes.append(MoveOutcome(source_rel, MoveStatus.WOULD_ABANDON, target_rel,
                                            "a move that never happened"))
                continue
            detail = "a move that never happened"
            if workspace.exists(aside):
                back = workspace.put_back(aside, source)
                if back != source:
                    detail += f"; an edit saved meanwhile is {source_rel}, the article is back as {workspace.rel(back)}"
            journal.append([entry(moment, Action.MOVE_ABANDONED, target_rel, **{"from": source_rel},
                                            reason="the new file was never made")])
            outcomes.append(MoveOutcome(source_rel, MoveStatus.ABANDONED, target_rel, detail))
    return outcomes


def _finish_takedown(workspace: Workspace, entries: Sequence[dict[str, Any]], source: Path, target: Path,
                     aside: Path) -> str:
    """The draft of a takedown a kill cut short before it was written, made now from the article as
    it is (aside, or still in published/, then taken aside first), and the article taken off the site.
    An article whose front matter no longer reads goes to drafts/ byte for byte."""
    held = aside if workspace.exists(aside) else workspace.take_aside(source)
    try:
        article = parse_article(workspace.read_bytes(held).decode("utf-8"), workspace.rel(source))
    except (UnicodeDecodeError, ArticleError):
        moved = workspace.put_back(held, target)
        return (f"a takedown cut short, now done (its front matter cannot be read: {workspace.rel(moved)} "
                "holds it as it was)")
    text = render_article(draft_form(article, restored_keys(entries, article_name(workspace.rel(source)))))
    if not workspace.write_new_atomic(target, text, like=held):
        moved = workspace.put_back(held, target)  # a file of the draft's name appeared: kept, beside it
        return f"a takedown cut short, now done: {workspace.rel(moved)} holds the article"
    workspace.remove(held)
    return "a takedown cut short, now done"


def remove_source(workspace: Workspace, source: Path, expected_sha: Any, shown: Path | None = None) -> str:
    """Remove the old file of a move if it is still what was moved; why it was kept, or ''. An old
    file found aside that is not what was moved is put back under its name (`shown`)."""
    current = file_sha(workspace, source)
    if current is None:
        return ""
    if current != expected_sha:
        if shown is not None:
            source = workspace.put_back(source, shown)
        return f"{workspace.rel(source)} was edited during the move and is kept as it is"
    workspace.remove(source)
    return ""


def begin_move(workspace: Workspace, journal: Journal, moment: datetime, intent: dict[str, Any], source: Path,
               source_rel: str, target_rel: str) -> tuple[Path | None, Callable[..., MoveOutcome],
                                                          MoveOutcome | None]:
    """Steps 1 and 2 of a move (a promote's, a revision's): the intent journalled, then the article taken
    out of editors' way and compared, so what is compared is what moves, and a save made from now on lands
    on a new file of its name, never lost. (the file aside, how to abandon the move, None) when it goes
    on; (None, abandon, the outcome) when it was abandoned."""
    journal.append([intent])

    def abandon(why: str, status: MoveStatus = MoveStatus.FAILED) -> MoveOutcome:
        journal.append([entry(moment, Action.MOVE_ABANDONED, target_rel, **{"from": source_rel}, reason=why)])
        return MoveOutcome(source_rel, status, target_rel, why)

    try:
        aside = workspace.take_aside(source)
    except OSError as error:
        return None, abandon, abandon(f"cannot move {source_rel} ({error.strerror}): its folder must be writable")
    if file_sha(workspace, aside) != intent.get("from_sha256"):
        back = workspace.put_back(aside, source)
        return None, abandon, abandon(f"{workspace.rel(back)} changed while it was being checked: run the command "
                                      "again", MoveStatus.REFUSED)
    return aside, abandon, None


def _move(workspace: Workspace, journal: Journal, moment: datetime, intent: dict[str, Any], source: Path, target: Path,
          text: str, done_status: MoveStatus) -> MoveOutcome:
    """Steps 1 to 4 of a move (see the module's docstring)."""
    source_rel, target_rel = workspace.rel(source), workspace.rel(target)
    aside, abandon, refused = begin_move(workspace, journal, moment, intent, source, source_rel, target_rel)
    if aside is None:
        assert refused is not None
        return refused
    try:
        created = workspace.write_new_atomic(target, text, like=aside)  # keeps the article's mode
    except OSError as error:
        created = False
        why = f"cannot write {target_rel} ({error.strerror})"
    else:
        why = f"{target_rel} appeared meanwhile; nothing was overwritten"
    if not created:
        workspace.put_back(aside, source)
        return abandon(why)
    # An editor who saved in place in the instant after the comparison wrote into the article aside:
    # their text becomes a draft again beside what was moved, never removed with it.
    kept = remove_source(workspace, aside, intent.get("from_sha256"), shown=source)
    journal.append([done_entry(intent, moment)])
    return MoveOutcome(source_rel, done_status, target_rel, kept)


# --- promote --------------------------------------------------------------------------------


# How promote counts the drafts it did not assess: no approval names them, so none can move.
NOT_APPROVED = "not approved"


@dataclass
class PromoteResult:
    moves: list[MoveOutcome]
    states: list[DraftState]  # every draft assessed, as it was before the promote
    unapproved: int = 0  # drafts no approval in the journal names: not assessed, they cannot be ready

    @property
    def failed(self) -> bool:
        return any(move.failed for move in self.moves)

    def waiting(self) -> dict[str, int]:
        """Drafts not promoted, counted by state."""
        counts: dict[str, int] = {}
        for state in self.states:
            if state.state != READY:
                counts[state.state] = counts.get(state.state, 0) + 1
        if self.unapproved:
            counts[NOT_APPROVED] = counts.get(NOT_APPROVED, 0) + self.unapproved
        return dict(sorted(counts.items()))

    def as_dict(self) -> dict[str, Any]:
        return {"moves": [move.as_dict() for move in self.moves], "waiting": self.waiting()}


def promote(workspace: Workspace, config: Config, moment: datetime, targets: Sequence[Target] | None = None,
            dry_run: bool = False, jobs: int = 1, journal: Journal | None = None,
            commit: bool = False, drafts: Stamps | None = None) -> PromoteResult:
    """Promote the drafts named (each must be eligible), or every eligible draft. ``commit``: in a git
    workspace, the moves and their journal lines as one commit of their own, as a decision is (the
    command does; a run commits all it changed at once).

    Only a draft with an approval in the journal can be eligible: those are read and assessed afresh,
    and that alone decides a move; the others are counted as not approved, unread. ``drafts``: drafts/ as
    the caller has just listed it (a run's normalise), so it is not listed again."""
    journal = journal or Journal(workspace)
    since = workspace.journal_end()
    moves = finish_moves(workspace, moment, dry_run, journal)
    entries = journal.entries
    unapproved = 0
    if targets:
        index = journal_index(entries)
        states = []
        for target in targets:
            assert target.path is not None
            if any(move.article == target.rel and move.status == MoveStatus.FINISHED for move in moves):
                continue  # the promote a killed run began is now done
            text, why = read_draft(workspace, target.path)
            states.append(assess_draft(target.rel, text, index.get(article_name(target.rel), []), config,
                                       moment, why))
    else:
        states, unapproved = _approved_states(workspace, config, moment, entries, drafts)
    pages = PublishedPages(workspace)  # read only when a draft is ready to move
    for state in states:
        if state.state != READY:
            if targets:
                moves.append(MoveOutcome(state.rel, MoveStatus.REFUSED, "", f"{state.state}: {state.blocks}"))
            continue
        held = workspace.journal_policy.held.get(article_name(state.rel))
        if held:  # a decision this machine once saw is gone: publish nothing on what is left
            moves.append(MoveOutcome(state.rel, MoveStatus.REFUSED, "", held))
            continue
        moves.append(promote_one(workspace, journal, config, moment, state, dry_run, pages))
    if commit and not dry_run:
        _commit_moves(workspace, config, since, moves)  # the command line's promote: every move, sent after
    else:
        _commit_revisions(workspace, config, since, moves)  # run: a revision's promote is a commit of its own
    return PromoteResult(moves, states, unapproved)


def _approved_states(workspace: Workspace, config: Config, moment: datetime,
                     entries: Sequence[dict[str, Any]], drafts: Stamps | None = None,
                     ) -> tuple[list[DraftState], int]:
    """The drafts an approval in the journal names, each read and assessed afresh, and how many
    others there are. At least one approval is always required, so a draft the journal records no
    approval of cannot be ready: it is counted, never read (ten thousand drafts waiting for review
    cost a listing, not a validation each)."""
    from pipeline.store.stamps import markdown_stamps

    listed = markdown_stamps(workspace, workspace.drafts) if drafts is None else drafts
    index = journal_index(entries)
    approved = {name for name, history in index.items()
                if any(item.get("action") == Action.APPROVED for item in history)}
    states, unapproved = [], 0
    for rel, stamp in sorted(listed.items(), key=lambda item: item[0].split("/")):
        name = article_name(rel)
        if name not in approved:
            unapproved += 1
            continue
        if isinstance(stamp, str):  # listed, but not a plain file to read: invalid, and why
            states.append(assess_draft(rel, None, index[name], config, moment, stamp))
            continue
        text, why = read_draft(workspace, workspace.root / rel)
        states.append(assess_draft(rel, text, index[name], config, moment, why))
    # Revisions are few and always read afresh: each is assessed as review assesses it.
    states += [state_of(revision.rel, facts, index.get(article_name(revision.rel), []), config, moment)
               for revision, facts in facts_of_revisions(workspace, config)]
    return states, unapproved


def _commit_revisions(workspace: Workspace, config: Config, since: int, moves: Sequence[MoveOutcome]) -> None:
    """In a git workspace, a promote that replaced a published article with its revision is a commit: the
    journal, the article as published now and the revision gone (with every other move of this promote)."""
    from pipeline.store.team import commit_decisions

    if not any(move.status == MoveStatus.REVISED for move in moves):
        return
    done = [move for move in moves if move.status in (MoveStatus.REVISED, MoveStatus.PROMOTED, MoveStatus.FINISHED)]
    files = tuple(dict.fromkeys(workspace.root / path for move in done for path in (move.article, move.target)))
    # no reviewer's decision: signed only where git signs every commit (cron has no reviewer's key), and the
    # journal kept whatever happens (the live page has been replaced)
    commit_decisions(workspace, config, since, files,
                     "revised " + ", ".join(m.target for m in done if m.status == MoveStatus.REVISED),
                     cut_on_failure=False, sign=False)


def _commit_moves(workspace: Workspace, config: Config, since: int, moves: Sequence[MoveOutcome]) -> None:
    """The articles promoted (and moves a killed run left, finished) with their journal lines as one
    commit: signed only where git signs every commit (a promotion is no reviewer's decision)."""
    from pipeline.store.team import commit_decisions

    moved = [move for move in moves if move.status in (MoveStatus.PROMOTED, MoveStatus.FINISHED, MoveStatus.REVISED)]
    files = tuple(workspace.root / path for move in moved for path in (move.article, move.target) if path)
    revised = ", ".join(move.target for move in moved if move.status == MoveStatus.REVISED)
    promoted = ", ".join(move.article for move in moved if move.status != MoveStatus.REVISED)
    message = "; ".join(part for part in (f"revised {revised}" if revised else "",
                                          f"promoted {promoted}" if promoted else "") if part)
    commit_decisions(workspace, config, since, files, message or "moves a killed run left", cut_on_failure=False,
                     sign=False)


class PublishedPages:
    """The page addresses of every published article, read once per command and only when asked."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._pages: dict[str, str] | None = None
        self._sections: set[str] = set()

    def taken(self, addresses: dict[str, str], own: str) -> tuple[str, str] | None:
        """(address, the published article whose page it is) for the first address taken, else None."""
        if self._pages is None:
            self._pages = {}
            for path in self.workspace.published_files():
                try:
                    meta = parse_article(self.workspace.read_bytes(path).decode("utf-8")).meta
                except (OSError, UnicodeDecodeError, ArticleError):
                    continue  # validate --published names it
                for address in page_addresses(meta, article_name(self.workspace.rel(path))):
                    self._pages.setdefault(address, self.workspace.rel(path))
            # each folder an article is in has a list page of its own
            self._sections = {section for rel in self._pages.values()
                              for section in section_addresses(article_name(rel))}
        sections = self._sections | set(section_addresses(article_name(own)))
        for address in addresses:
            holder = self._pages.get(address) or site_page(address) or (
                f"the list page of the folder {address.strip('/')}/" if address in sections else None)
            if holder is not None and holder != own:
                return address, holder
        return None


def promote_one(workspace: Workspace, journal: Journal, config: Config, moment: datetime, state: DraftState,
                dry_run: bool = False, pages: PublishedPages | None = None) -> MoveOutcome:
    assert state.article is not None
    if is_revision(state.rel):
        live = workspace.published / (workspace.root / state.rel).relative_to(workspace.revisions)
        clash = (pages or PublishedPages(workspace)).taken(page_addresses(state.article.meta, state.name),
                                                           workspace.rel(live))
        if clash is not None:
            return MoveOutcome(state.rel, MoveStatus.REFUSED, workspace.rel(live),
                               f"its page address {clash[0].removeprefix('slug:')} is already the page of {clash[1]}: "
                               "change its url, slug or aliases")
        return promote_revision(workspace, journal, config, moment, state, dry_run)
    source = workspace.root / state.rel
    target = workspace.published / source.relative_to(workspace.drafts)
    target_rel = workspace.rel(target)
    addresses = page_addresses(state.article.meta, article_name(state.rel))
    clash = (pages or PublishedPages(workspace)).taken(addresses, target_rel)
    if clash is not None:
        address, holder = clash
        shown = address.removeprefix("slug:")
        return MoveOutcome(state.rel, MoveStatus.REFUSED, target_rel,
                           f"its page address {shown} ({addresses[address]}) is already the page of {holder}: "
                           "change its url, slug or aliases")
    published, dropped = published_form(state.article, config)
    text = render_article(published)
    source_text, _ = read_draft(workspace, source)
    if source_text is None:
        return MoveOutcome(state.rel, MoveStatus.FAILED, target_rel, "the draft vanished or cannot be read")
    if not same_content(source_text, state):
        # An editor saved between the check and this read: publish nothing that was not approved,
        # and never remove an edit as if it were the approved text.
        return MoveOutcome(state.rel, MoveStatus.REFUSED, target_rel, "the draft changed while it was being checked: "
                           "run promote again")
    if workspace.exists(target):
        if file_sha(workspace, target) != sha256_text(text):
            return MoveOutcome(state.rel, MoveStatus.REFUSED, target_rel,
                               f"{target_rel} is taken by another article; rename the draft to publish it")
        if dry_run:
            return MoveOutcome(state.rel, MoveStatus.WOULD_FINISH, target_rel, "already published, identical")
        # Already published with exactly these bytes (the journal of that move was lost): done.
        kept = remove_source(workspace, source, sha256_text(source_text))
        journal.append([entry(moment, Action.PROMOTED, target_rel, **{"from": state.rel}, hash=state.hash,
                                        by=[d.by for d in state.decisions.approvals], dropped=dropped,
                                        recovered=True)])
        return MoveOutcome(state.rel, MoveStatus.FINISHED, target_rel, kept or "already published, identical")
    if dry_run:
        return MoveOutcome(state.rel, MoveStatus.WOULD_PROMOTE, target_rel, "")
    intent = entry(moment, Action.PROMOTING, target_rel, **{"from": state.rel}, hash=state.hash,
                   by=[d.by for d in state.decisions.approvals], sha256=sha256_text(text),
                   from_sha256=sha256_text(source_text), dropped=dropped)
    return _move(workspace, journal, moment, intent, source, target, text, MoveStatus.PROMOTED)


def same_content(text: str, state: DraftState) -> bool:
    try:
        return content_hash(parse_article(text, state.rel)) == state.hash
    except ArticleError:
        return False


# --- unpublish ------------------------------------------------------------------------------


def restored_keys(entries: Sequence[dict[str, Any]], name: str) -> dict[str, Any]:
    """The pipeline's own keys an article had as a draft, from the journal of its last promote."""
    for item in reversed(entries):
        moved = item.get("action") in (Action.PROMOTING, Action.PROMOTED, Action.REVISING, Action.REVISED)
        if moved and article_name(str(item.get("article", ""))) == name:
            dropped = item.get("dropped")
            return dropped if isinstance(dropped, dict) else {}
    return {}


def unpublish(workspace: Workspace, config: Config, moment: datetime, targets: Sequence[Target], by: str,
              reason: str, dry_run: bool = False, journal: Journal | None = None) -> list[MoveOutcome]:
    """Move published articles back to drafts/ with draft: true."""
    from pipeline.store.team import commit_decisions

    journal = journal or Journal(workspace)
    moves = finish_moves(workspace, moment, dry_run, journal)
    refusal = reviewer_refusal(by, config)
    if refusal:
        return [*moves, *(MoveOutcome(t.rel, MoveStatus.REFUSED, "", refusal) for t in targets)]
    entries = journal.entries
    since = workspace.journal_end()
    for target in targets:
        assert target.path is not None
        if any(move.article == target.rel and move.status == MoveStatus.FINISHED for move in moves):
            continue  # the unpublish a killed run began is now done
        moves.append(unpublish_one(workspace, journal, moment, target, by, reason, entries, dry_run))
    done = [move for move in moves if move.status == MoveStatus.UNPUBLISHED]
    if done:  # in a git workspace: the decision, and the moves it made, as one commit by the reviewer
        files = tuple(workspace.root / path for move in done for path in (move.article, move.target))
        commit_decisions(workspace, config, since, files, "unpublished " + ", ".join(m.article for m in done),
                         cut_on_failure=False)  # the articles have moved: their journal lines stay
    return moves


def unpublish_one(workspace: Workspace, journal: Journal, moment: datetime, target: Target, by: str, reason: str,
                  entries: Sequence[dict[str, Any]], dry_run: bool) -> MoveOutcome:
    assert target.path is not None
    source = target.path
    draft = workspace.drafts / source.relative_to(workspace.published)
    draft_rel = workspace.rel(draft)
    source_text, why = read_draft(workspace, source)
    if source_text is None:
        return MoveOutcome(target.rel, MoveStatus.FAILED, draft_rel, why)
    try:
        article = parse_article(source_text, target.rel)
    except ArticleError as error:
        return MoveOutcome(target.rel, MoveStatus.REFUSED, draft_rel, f"front matter cannot be read: {error.message}")
    text = render_article(draft_form(article, restored_keys(entries, article_name(target.rel))))
    if workspace.exists(draft):
        return MoveOutcome(target.rel, MoveStatus.REFUSED, draft_rel,
                           f"{draft_rel} already exists; move or rename it first")
    if dry_run:
        return MoveOutcome(target.rel, MoveStatus.WOULD_UNPUBLISH, draft_rel, "")
    intent = entry(moment, Action.UNPUBLISHING, draft_rel, **{"from": target.rel}, by=by, reason=reason,
                   sha256=sha256_text(text), from_sha256=sha256_text(source_text))
    return _move(workspace, journal, moment, intent, source, draft, text, MoveStatus.UNPUBLISHED)
