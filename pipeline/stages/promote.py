"""Promote approved drafts to published/, a revision over its published article, and unpublish back
to drafts/.

Each is a move (``moves``): journalled first, never overwriting, never losing an article, and finished
or undone by the next promote, unpublish, rename or run when a kill cut it short. Call every function
here with the workspace lock held.

A revision is promoted in one rename over its published article instead of a new file
(``promote_revision``): its page is never offline, and the same recovery finishes or undoes it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pipeline.model.article import content_hash, parse_article, render_article, sha256_text
from pipeline.model.config import Config
from pipeline.model.errors import ArticleError
from pipeline.model.forms import draft_form, published_form
from pipeline.model.moments import format_rfc3339
from pipeline.model.pages import page_addresses, section_addresses, site_page
from pipeline.stages.assess import DraftState, assess_draft, facts_of_revisions, read_draft, state_of
from pipeline.stages.decisions import READY, journal_index
from pipeline.stages.moves import (
    MoveOutcome,
    MoveStatus,
    begin_move,
    file_sha,
    finish_moves,
    make_move,
    remove_source,
    restored_keys,
)
from pipeline.stages.revisions import base_refusal, published_path
from pipeline.stages.waiting import is_revision, last_made, revision_blocks
from pipeline.store.identity import reviewer_refusal
from pipeline.store.journal import Action, Journal, about, article_name, done_entry, entry
from pipeline.store.snapshots import keep_snapshot
from pipeline.store.targets import Target
from pipeline.store.workspace import Workspace

if TYPE_CHECKING:
    from pipeline.store.stamps import Stamps


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
    states = []
    # Only the drafts an approval names are put in order (by folder, then name) and read; the rest counted
    to_read = sorted(((rel, stamp) for rel, stamp in listed.items() if article_name(rel) in approved),
                     key=lambda item: item[0].split("/")) if approved else []
    unapproved = len(listed) - len(to_read)
    for rel, stamp in to_read:
        name = article_name(rel)
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
    return make_move(workspace, journal, moment, intent, source, target, text, MoveStatus.PROMOTED)


def same_content(text: str, state: DraftState) -> bool:
    try:
        return content_hash(parse_article(text, state.rel)) == state.hash
    except ArticleError:
        return False


# --- promoting a revision ---------------------------------------------------------------------


def promote_revision(workspace: Workspace, journal: Journal, config: Config, moment: datetime, state: DraftState,
                     dry_run: bool = False) -> MoveOutcome:
    """Replace a published article with its approved revision, and never take the page offline.

    Its order: keep the published text in the snapshot store; journal the intent (the revision's
    bytes, the published bytes it replaces, the new text's hash); take the revision aside; replace the
    published file in one rename, only while it still holds the text the revision corrects; remove
    the revision; journal it done. At every instant published/NAME.md holds one version or the
    other; a kill is finished or undone by the next promote or run (``moves.finish_moves``)."""
    assert state.article is not None
    source = workspace.root / state.rel
    live = published_path(workspace, source)
    live_rel = workspace.rel(live)
    made = last_made(about(journal.entries, state.name))
    if made is None:
        return MoveOutcome(state.rel, MoveStatus.REFUSED, live_rel, revision_blocks(state.name, []))
    refusal, live_bytes = base_refusal(workspace, live, made[1])  # replaced only while it holds these bytes
    if refusal:
        return MoveOutcome(state.rel, MoveStatus.REFUSED, live_rel, refusal)
    published, dropped = published_form(state.article, config)
    meta = dict(published.meta)
    meta["lastmod"] = format_rfc3339(moment)
    text = render_article(published.with_meta(meta))
    source_text, _ = read_draft(workspace, source)
    if source_text is None or not same_content(source_text, state):
        return MoveOutcome(state.rel, MoveStatus.REFUSED, live_rel, "the revision changed while it was being "
                           "checked: run promote again")
    if dry_run:
        return MoveOutcome(state.rel, MoveStatus.WOULD_PROMOTE, live_rel, "a revision: replaces the live page")
    replaced = keep_snapshot(workspace, live_bytes.decode("utf-8", "surrogateescape")) \
        or hashlib.sha256(live_bytes).hexdigest()
    intent = entry(moment, Action.REVISING, live_rel, **{"from": state.rel}, hash=state.hash,
                   by=[d.by for d in state.decisions.approvals], sha256=sha256_text(text),
                   from_sha256=sha256_text(source_text), replaced=replaced, dropped=dropped)
    aside, abandon, refused = begin_move(workspace, journal, moment, intent, source, state.rel, live_rel)
    if aside is None:
        assert refused is not None
        return refused
    try:
        replaced_now = workspace.replace_if_unchanged(live, text, live_bytes)
        why = f"{live_rel} changed during the promote; it is kept as it is"
    except OSError as error:
        replaced_now, why = False, f"cannot write {live_rel} ({error.strerror})"
    if not replaced_now:
        workspace.put_back(aside, source)
        return abandon(why, MoveStatus.REFUSED)
    kept = remove_source(workspace, aside, intent.get("from_sha256"), shown=source)
    journal.append([done_entry(intent, moment)])
    return MoveOutcome(state.rel, MoveStatus.REVISED, live_rel, kept or "the live page replaced; the earlier text "
                       f"is kept ({replaced[:12]})")


# --- unpublish ------------------------------------------------------------------------------


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
    return make_move(workspace, journal, moment, intent, source, draft, text, MoveStatus.UNPUBLISHED)
