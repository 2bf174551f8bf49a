"""An article's file name, which is its page's address: it follows the title and date until the article
is first published; a rename after that keeps the old address working as an alias.

Ingest names a draft from the title it derived (often the lede) and the date as far as it is known
(``2022-05-...`` for a month). An editor then fixes the title and confirms the day; the name follows:

- when a draft is approved, first: a name the pipeline gave (at ingest, or by an earlier rename to
  the title's name) becomes the one its title and date give now, and the renamed draft is approved
  (an approval binds the content, and the page address is part of what is published);
- on demand, ``pipeline rename ARTICLE [NEW-NAME]``: a name given there is the editor's, kept from
  then on (an approval no longer renames it).

An article that was ever published has had a public address: a rename then adds the old address to its
``aliases`` (when its file name gave the address: no ``slug`` or ``url``), so links to it keep working.

A rename is a move as promote makes one (see ``moves``): its intent journalled first, the article
taken aside, the new file created only where no file is, the old one removed, the move journalled done;
the next rename, promote, unpublish or run finishes or undoes one a kill cut short. It never overwrites
a file, never follows a link, and never takes a published article's page. Call with the workspace lock held.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.model.article import Article, order_keys, parse_article, render_article, sha256_text
from pipeline.model.config import Config
from pipeline.model.dates import front_matter_moment
from pipeline.model.errors import ArticleError
from pipeline.model.pages import file_name_address, site_page
from pipeline.reading.extract import make_slug
from pipeline.stages.assess import assess_draft
from pipeline.stages.moves import MoveOutcome, MoveStatus, finish_moves, make_move
from pipeline.stages.promote import PublishedPages
from pipeline.stages.waiting import waiting_updates
from pipeline.store.atomic import regular
from pipeline.store.journal import Action, Journal, about, article_name, entry
from pipeline.store.targets import NAME_MAX, Target
from pipeline.store.workspace import Workspace

# A name given on the command line: what ingest makes of a title (lower-case ASCII letters and digits,
# single hyphens between), so it is one file name on every system and one address on every server.
NAME_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
NAME_MAX_CHARS = 120
# Draft states an editor settles under the draft's name before it is renamed: what waits beside it, and
# what it may be a duplicate of, are found by that name.
SETTLE_FIRST = frozenset({"source updated", "possible duplicate"})
# Numbered names tried beside one that is taken (name-2, name-3, ...), at most.
MAX_NUMBER = 1000
_NUMBERED = re.compile(r"-([2-9]|[1-9][0-9]+)$")


@dataclass(frozen=True)
class Naming:
    """What a rename is to do to one article."""

    stem: str  # the name wanted (without .md), before a number is added to a taken one
    chosen: bool  # given by an editor (kept from then on), not made from the title and date


def title_stem(meta: dict[str, Any], config: Config) -> tuple[str, str]:
    """(name, '') for the name a draft's title and date give, as ingest names it (``2022-05-title`` while
    only the month is known); ('', why) when they give none."""
    title = meta.get("title")
    words = make_slug(title, empty="") if isinstance(title, str) else ""
    if not words:
        return "", "its title gives no name (it is empty, or has no letters or digits)"
    value = meta.get("date")
    if value is None or value == "":
        return words, ""
    moment = front_matter_moment(value, config.zone)
    if moment is None:
        return "", f"its date {str(value)[:40]!r} cannot be read"
    local = moment.astimezone(config.zone)
    precision = meta.get("date_precision")
    day = f"{local:%Y}" if precision == "year" else f"{local:%Y-%m}" if precision == "month" else f"{local:%Y-%m-%d}"
    return f"{day}-{words}", ""


def given_name(text: str) -> tuple[str, str]:
    """(name, '') for a name given on the command line (``.md`` may end it), else ('', what is wrong)."""
    name = text[:-3] if text.endswith(".md") else text
    shown = ascii(text) if len(text) <= 80 else f"{text[:80]!a}..."
    if not name:
        return "", "the new name is empty"
    if len(name) > NAME_MAX_CHARS:
        return "", f"{shown}: longer than {NAME_MAX_CHARS} characters; a shorter name makes a shorter address"
    if not NAME_PATTERN.fullmatch(name):
        return "", (f"{shown}: a name is lower-case letters a-z, digits and single hyphens between them "
                    "(no folder, no dot, no space): the page's address is made of it")
    return name, ""


def follows(stem: str, wanted: str) -> bool:
    """Whether a file name is the one wanted, or a numbered one beside it (taken when the name was)."""
    return stem == wanted or (stem.startswith(wanted) and _NUMBERED.fullmatch(stem[len(wanted):]) is not None)


def ever_published(history: list[dict[str, Any]]) -> bool:
    return any(item.get("action") in (Action.PROMOTED, Action.PROMOTING) for item in history)


def name_is_chosen(history: list[dict[str, Any]]) -> bool:
    """Whether the article's name is an editor's: given with `pipeline rename NAME`, or a draft made by hand
    (no ingest named it). Only a name the pipeline gave follows the title at approval."""
    for item in reversed(history):
        action = item.get("action")
        if action == Action.RENAMED:
            return bool(item.get("chosen"))
        if action == Action.INGESTED:
            return False
    return True


def _free_name(workspace: Workspace, folder: Path, wanted: str, own: Path, pages: PublishedPages, own_rel: str,
               numbered: bool) -> tuple[Path | None, str]:
    """The first name of `wanted`, `wanted-2`, ... (only `wanted` unless numbered) that no file in drafts/ or
    published/ has and no published page has as its address; (None, why) when there is none."""
    inner = folder.relative_to(workspace.root).parts[1:]  # a subfolder of drafts/ or published/
    why = ""
    for number in range(1, MAX_NUMBER + 1 if numbered else 2):
        stem = wanted if number == 1 else f"{wanted}-{number}"
        name = "/".join([*inner, stem])
        files = [base.joinpath(*inner, f"{stem}.md") for base in (workspace.drafts, workspace.published)]
        taken = [file for file in files if file != own and workspace.exists(file)]
        if taken:
            why = f"{stem}.md is taken by {workspace.rel(taken[0])}"
            continue
        address = file_name_address(name)
        holder = site_page(address) or (pages.taken({address: "file name"}, own_rel) or ("", ""))[1]
        if holder:
            why = f"its address {address} is the page of {holder}"
            continue
        return folder / f"{stem}.md", ""
    return None, why


def rename_one(workspace: Workspace, journal: Journal, config: Config, moment: datetime, target: Target,
               naming: Naming | None, dry_run: bool = False, by: str = "",
               pages: PublishedPages | None = None) -> MoveOutcome:
    """Rename one article (in drafts/ or published/) to the name given, or to the one its title and date
    give (`naming` None). Unchanged when it has that name already; refused, with why, when it cannot."""
    assert target.path is not None
    source, rel = target.path, target.rel
    published = source.is_relative_to(workspace.published)
    if regular(source) is None:
        return MoveOutcome(rel, MoveStatus.REFUSED, "", "is not a regular file (a link?): only a file is renamed")
    try:
        source_text = workspace.read_bytes(source).decode("utf-8")
        article = parse_article(source_text, rel)
    except (OSError, UnicodeDecodeError) as error:
        return MoveOutcome(rel, MoveStatus.REFUSED, "", f"cannot be read ({getattr(error, 'strerror', None) or error})")
    except ArticleError as error:
        return MoveOutcome(rel, MoveStatus.REFUSED, "", f"front matter cannot be read: {error.message}")
    name = article_name(rel)
    if published and name in waiting_updates(journal.entries):
        return MoveOutcome(rel, MoveStatus.REFUSED, "", "a source update waits beside it: take or dismiss it first")
    if not published:
        state = assess_draft(rel, source_text, about(journal.entries, name), config, moment)
        if str(state.state) in SETTLE_FIRST:
            return MoveOutcome(rel, MoveStatus.REFUSED, "", f"{state.blocks}; then rename it")
    if naming is None:
        stem, why = title_stem(article.meta, config)
        if not stem:
            return MoveOutcome(rel, MoveStatus.REFUSED, "", f"{why}: give the new name (pipeline rename ARTICLE NAME)")
        naming = Naming(stem, chosen=False)
    if follows(source.stem, naming.stem) and (not naming.chosen or source.stem == naming.stem):
        return MoveOutcome(rel, MoveStatus.UNCHANGED, rel, "has that name already")
    pages = pages or PublishedPages(workspace)
    new, why = _free_name(workspace, source.parent, naming.stem, source, pages, rel, numbered=not naming.chosen)
    if new is None:
        return MoveOutcome(rel, MoveStatus.REFUSED, "", f"{why}; nothing was renamed")
    if len((new.name + ".moving-").encode("utf-8")) > NAME_MAX:  # unreachable with NAME_MAX_CHARS; kept as a guard
        return MoveOutcome(rel, MoveStatus.REFUSED, "", "the new name is longer than a file name can be")
    history = about(journal.entries, name)
    text, alias = source_text, ""
    if published or ever_published(history):
        text, alias = _with_alias(article, name, source_text)
    new_rel = workspace.rel(new)
    if dry_run:
        return MoveOutcome(rel, MoveStatus.WOULD_RENAME, new_rel, f"keeps {alias} as an alias" if alias else "")
    intent = entry(moment, Action.RENAMING, new_rel, **{"from": rel}, by=by or None, chosen=naming.chosen or None,
                   alias=alias or None, sha256=sha256_text(text), from_sha256=sha256_text(source_text))
    outcome = make_move(workspace, journal, moment, intent, source, new, text, MoveStatus.RENAMED)
    if outcome.status == MoveStatus.RENAMED and alias:
        return MoveOutcome(outcome.article, outcome.status, outcome.target,
                           outcome.detail or f"its old address {alias} leads to it (aliases)")
    return outcome


def _with_alias(article: Article, name: str, text: str) -> tuple[str, str]:
    """The article's text with its old address among its aliases, and that address; as it was, and '',
    when its address does not come from its file name (a slug or url gives it) or is an alias already."""
    meta = article.meta
    if any(isinstance(meta.get(key), str) and meta[key].strip() for key in ("slug", "url")):
        return text, ""
    old = file_name_address(name)
    aliases = meta.get("aliases")
    listed = aliases if isinstance(aliases, list) else [aliases] if isinstance(aliases, str) and aliases else []
    if old in listed:
        return text, ""
    return render_article(article.with_meta(order_keys({**meta, "aliases": [*listed, old]}))), old


def follow_title(workspace: Workspace, journal: Journal, config: Config, moment: datetime, target: Target,
                 by: str) -> MoveOutcome | None:
    """Before an approval: a draft whose name the pipeline gave, never published, renamed to the name its
    title and date give now. None when it keeps its name (an editor's name, published before, its title
    gives none, or it has that name); else the rename's outcome."""
    history = about(journal.entries, article_name(target.rel))
    if name_is_chosen(history) or ever_published(history) or target.path is None:
        return None
    try:
        meta = parse_article(workspace.read_bytes(target.path).decode("utf-8"), target.rel).meta
    except (OSError, UnicodeDecodeError, ArticleError):
        return None  # the approval reads it and says why
    if not title_stem(meta, config)[0]:
        return None  # no name to follow: it keeps the one it has
    outcome = rename_one(workspace, journal, config, moment, target, None, by=by)
    return None if outcome.status == MoveStatus.UNCHANGED else outcome


def rename(workspace: Workspace, config: Config, moment: datetime, target: Target, new_name: str | None,
           by: str = "", dry_run: bool = False) -> list[MoveOutcome]:
    """`pipeline rename`: moves a kill cut short finished first, then the article renamed."""
    journal = Journal(workspace)
    moves = finish_moves(workspace, moment, dry_run, journal)
    naming = None
    if new_name is not None:
        stem, why = given_name(new_name)
        if not stem:
            return [*moves, MoveOutcome(target.rel, MoveStatus.REFUSED, "", why)]
        naming = Naming(stem, chosen=True)
    if target.path is None or (not workspace.exists(target.path) and any(
            move.status == MoveStatus.FINISHED for move in moves)):
        return moves
    return [*moves, rename_one(workspace, journal, config, moment, target, naming, dry_run, by)]
