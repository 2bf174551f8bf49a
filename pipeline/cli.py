"""The command line: parse options, call a stage, render its results. Nothing else lives here.

Exit codes (``pipeline.model.errors``): 0 all went well; 1 some file failed or has errors; 2 usage or
config error; 3 another run holds the workspace lock; 70 an internal error (a bug: please report it).
Every command runs inside ``command``: an error the user can fix (a ``PipelineError``) becomes one
line on stderr and the exit code its class carries.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer
from typer.core import TyperGroup

from pipeline import live, report
from pipeline.frame import (
    NAMING,
    ByOption,
    DryRunOption,
    JobsOption,
    JsonOption,
    RootOption,
    State,
    WaitOption,
    articles_named,
    command,
    complete_articles,
    complete_drafts,
    complete_published,
    exit_failed_if,
    fail,
    given_reason,
    jobs_wanted,
    named_files,
    sent,
    targets,
)
from pipeline.model.errors import EXIT_FAILED, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from pipeline.store.journal import Action

if TYPE_CHECKING:
    from collections.abc import Callable

    from pipeline.stages.normalise import NormaliseOutcome
    from pipeline.stages.updates import UpdateOutcome

__all__ = ["EXIT_FAILED", "EXIT_INTERNAL", "EXIT_OK", "EXIT_USAGE", "app", "main"]

# A mistyped command is answered with the commands it is close to, but never with one that takes an
# article down: `pipeline publish` must not lead a hurried editor to `unpublish`.
TAKES_DOWN = frozenset({"unpublish"})
# Commands a newcomer guesses from other tools, and the ones that do it here: answered in one line.
MEANT = {"publish": ("promote",), "list": ("status", "review"), "log": ("history",), "pull": ("sync",),
         "approve-all": ("approve",), "build": ("preview",), "serve": ("preview",), "check": ("validate",)}


def suggested_commands(typo: str, commands: Sequence[str]) -> list[str]:
    """The commands a mistyped name may have meant, none of those that take something down."""
    from difflib import get_close_matches

    safe = [name for name in commands if name not in TAKES_DOWN]
    meant = [name for name in MEANT.get(typo, ()) if name in safe]
    return meant + [name for name in get_close_matches(typo, safe) if name not in meant]


def guessed_command_answer(guess: str, commands: Sequence[str]) -> str:
    """The one line that answers a command a newcomer guesses (`pipeline list`), '' for any other name."""
    meant = [name for name in MEANT.get(guess, ()) if name in commands and name not in TAKES_DOWN]
    if not meant:
        return ""
    return f"no command {guess!r} here: use " + " or ".join(f"'pipeline {name}'" for name in meant)


# typer's own copy of click's UsageError, which typer does not export (BadParameter is one).
_UsageError: type[Exception] = typer.BadParameter.__mro__[1]


class _Commands(TyperGroup):
    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except _UsageError as error:
            answer = guessed_command_answer(args[0], list(self.commands)) if args else ""
            if answer:
                report.error(answer)
                raise typer.Exit(EXIT_USAGE) from None
            message = getattr(error, "message", None)
            matches = suggested_commands(args[0], list(self.commands)) if args else []
            if matches and isinstance(message, str):
                error.message = f"{message.rstrip('.')}. Did you mean {', '.join(map(repr, matches))}?"  # type: ignore[attr-defined]
            raise


app = typer.Typer(
    name="pipeline",
    cls=_Commands,
    suggest_commands=False,  # _Commands suggests, leaving out what takes something down
    help="Editorial pipeline: raw scraped news text to house-style Hugo articles.",
    invoke_without_command=True,  # a bare `pipeline` prints the help and exits 0
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=True,  # --install-completion / --show-completion; article names complete to slugs
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _print_version(wanted: bool) -> None:
    if wanted:
        from pipeline import __version__

        print(f"pipeline {__version__}")
        raise typer.Exit(EXIT_OK)


VersionOption = Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                             help="Print the version and exit.")]


@app.callback()
def main_options(ctx: typer.Context, root: RootOption = None, version: VersionOption = False) -> None:
    if ctx.invoked_subcommand is None:
        print(ctx.get_help())
        raise typer.Exit(EXIT_OK)
    ctx.obj = State(root)


@app.command()
def init(
    ctx: typer.Context,
    folder: Annotated[Path | None, typer.Argument(help="Folder to make a workspace of (default: --root, else the "
                                                       "current folder); made when missing.", show_default=False)]
    = None,
    vocabulary: Annotated[str, typer.Option("--vocabulary", help="The tags, sections and audiences pipeline.toml "
                                            "starts with: 'news' (a general Dutch newsroom) or 'example' (the "
                                            "example site's).")] = "news",
) -> None:
    """Make a workspace: raw/, drafts/, published/, .pipeline/, a .gitignore, and a pipeline.toml that
    shows every setting with its default. An existing pipeline.toml is never overwritten."""
    from pipeline.model.config_text import render_config
    from pipeline.model.vocabularies import config_with_vocabulary
    from pipeline.store.discovery import init_workspace

    with command(ctx) as current:
        root = folder or current.root or Path.cwd()
        config, header = config_with_vocabulary(vocabulary)
        made = init_workspace(root, render_config(config, header))
    report.init_result(root, made)


RawFilesArgument = Annotated[list[Path] | None, typer.Argument(help="Raw files to ingest (default: all of raw/).",
                                                              show_default=False)]


@app.command()
def ingest(
    ctx: typer.Context,
    paths: RawFilesArgument = None,
    as_json: JsonOption = False,
    explain: Annotated[bool, typer.Option("--explain", help="Show where each value came from.")] = False,
    wait: WaitOption = None,
    jobs: JobsOption = None,
    skip: Annotated[bool, typer.Option(
        "--skip", help="Set the raw files named aside: they failed, and are not reported again until they change."),
    ] = False,
) -> None:
    """Turn new raw files into drafts. Files ingested before are skipped; a file that failed is
    reported once (exit 1), then listed by status until it is fixed or set aside with --skip."""
    from pipeline.stages.ingest import explain_known, run_ingest, set_aside

    if skip and not paths:
        fail("--skip: name the raw files to set aside", EXIT_USAGE)
    mode = report.choose_mode(as_json)
    with (command(ctx, writes=True) as current, current.recorded("ingest", wait) as recorded,
          live.shown(mode, {"ingest": report.ingest_lines(explain or skip)}) as shown):
        if skip:
            outcomes = set_aside(current.workspace, current.config, list(paths or []))
        else:
            outcomes = run_ingest(current.workspace, current.config, paths or None, jobs_wanted(jobs),
                                  keep_evidence=as_json or explain)
            if explain and paths:  # files named that were ingested before: read again, nothing written
                outcomes = explain_known(current.workspace, current.config, outcomes)
    report.ingest_results(outcomes, mode, verbose=explain or skip, streamed=shown.streamed)
    sent(recorded, as_json)
    exit_failed_if(any(outcome.failed for outcome in outcomes))


@app.command()
def status(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """What sits in each stage."""
    from pipeline.stages.status import workspace_status

    mode = report.choose_mode(as_json)
    with command(ctx) as current, live.shown(mode):
        summary = workspace_status(current.workspace, current.config)
    if mode == report.JSON:
        report.emit_json(summary)
        return
    rows = [(name.replace("_", " "), count) for name, count in summary["counts"].items()]
    report.table("status", ("stage", "files"), rows, mode,
                 footer="\n".join(f"next: {action}" for action in summary["next"]))


# --- naming articles: a path, a file name, a slug or a unique prefix of one; slugs complete in the shell ---


# --- review and publish ---------------------------------------------------------------------


def is_content_hash(text: str) -> bool:
    """A content hash as the pipeline writes it: sha256, 64 lowercase hexadecimal digits."""
    return len(text) == 64 and all(ch in "0123456789abcdef" for ch in text)


def _decide(ctx: typer.Context, drafts: list[str], action: Action, by: str | None, text: str, as_json: bool,
            wait: float | None, seen: str | None = None) -> None:
    from pipeline.stages.review import decide_all

    if seen is not None:
        if len(drafts) != 1:
            fail("--seen is the content hash of one draft: name one draft", EXIT_USAGE)
        if not is_content_hash(seen):
            shown = seen if len(seen) <= 80 else f"{seen[:80]}..."
            fail(f"--seen: expected a content hash (64 hexadecimal digits, as `pipeline review --json` gives), "
                 f"got {shown!r}", EXIT_USAGE)
    with command(ctx, writes=True) as current:
        found = targets(current, drafts, "drafts")
        reviewer = current.reviewer(by)
        with current.recorded("approve" if action == Action.APPROVED else "reject", wait) as recorded:
            outcomes = decide_all(current.workspace, current.config, found, action, reviewer, text, current.now(),
                                  seen)
    verb = "approve" if action == Action.APPROVED else "reject"
    report.decision_outcomes(outcomes, report.choose_mode(as_json), verb)
    sent(recorded, as_json, "the decision")
    exit_failed_if(any(outcome.failed for outcome in outcomes))


@app.command()
def review(
    ctx: typer.Context,
    drafts: Annotated[list[str] | None, typer.Argument(help=f"Drafts to show, whatever their state: {NAMING} "
                                                            "(default: every draft).", show_default=False,
                                                       autocompletion=complete_drafts)] = None,
    everything: Annotated[bool, typer.Option("--all", help="Also list approved and scheduled drafts.")] = False,
    as_json: JsonOption = False,
) -> None:
    """List the drafts waiting for a decision, their validation state and what blocks each."""
    from pipeline.stages.assess import assess_drafts

    mode = report.choose_mode(as_json)
    with command(ctx) as current:
        found = targets(current, drafts or [], "drafts")
        with live.shown(mode):
            states = assess_drafts(current.workspace, current.config, current.now(), cached=True,
                                   jobs=jobs_wanted(None))
    if found:
        wanted = {target.rel for target in found}
        states = [state for state in states if state.rel in wanted]
    report.review_states(states, mode, everything or bool(found))


@app.command()
def approve(
    ctx: typer.Context,
    drafts: Annotated[list[str], typer.Argument(help=f"Drafts to approve: {NAMING}.", show_default=False,
                                                autocompletion=complete_drafts)],
    by: ByOption = None,
    note: Annotated[str, typer.Option("--note", help="A note kept with the approval.")] = "",
    seen: Annotated[str | None, typer.Option("--seen", help="The content hash of the text you read (`pipeline review "
                                                            "--json`): approve only if the draft still has it.",
                                             show_default=False)] = None,
    as_json: JsonOption = False,
    wait: WaitOption = None,
) -> None:
    """Approve drafts as they are now; an edit afterwards voids the approval."""
    _decide(ctx, drafts, Action.APPROVED, by, note, as_json, wait, seen)


@app.command()
def reject(
    ctx: typer.Context,
    drafts: Annotated[list[str], typer.Argument(help=f"Drafts to reject: {NAMING}.", show_default=False,
                                                autocompletion=complete_drafts)],
    reason: Annotated[str, typer.Option("--reason", help="Why: the editor reads this.", show_default=False)],
    by: ByOption = None,
    as_json: JsonOption = False,
    wait: WaitOption = None,
) -> None:
    """Reject drafts with a reason; they stay in drafts/ for the editor."""
    _decide(ctx, drafts, Action.REJECTED, by, given_reason(reason, "the draft is rejected"), as_json, wait)


@app.command()
def desk(
    ctx: typer.Context,
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1 (default: 0, a free one).", min=0,
                                      max=65535)] = 0,
    by: ByOption = None,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Print the URL only; open no browser.")] = False,
) -> None:
    """Open the review desk in the browser: read, compare and decide on drafts (on 127.0.0.1, with a token)."""
    from pipeline.desk.app import Desk
    from pipeline.desk.serve import make_server, serve, url_of
    from pipeline.store.clock import now
    from pipeline.store.identity import reviewer_refusal
    from pipeline.store.parallel import default_jobs

    with command(ctx, writes=True) as current:
        config = current.config
        current.now()  # a bad PIPELINE_NOW stops it here, not on the first page
        reviewer = current.reviewer(by)  # in a git workspace: git's user.name, as for approve
        from pipeline.hugo.build import find_hugo

        site = Desk(current.workspace, config, reviewer, lambda: now(config.zone), hugo=find_hugo(),
                    jobs=default_jobs())
        try:
            server = make_server(site, port)
        except OSError as error:
            fail(f"cannot listen on 127.0.0.1:{port}: {error.strerror or error}", EXIT_USAGE)
    refusal = reviewer_refusal(reviewer, config)
    if refusal:
        report.warn(f"{refusal}: the desk shows drafts, and refuses your decisions")
    report.say(f"desk: reviewing as {reviewer or '(no name)'} in {current.workspace.root}", flush=True)
    print(f"desk: {url_of(server, site)}", flush=True)
    print("desk: open the URL above (it holds the token); Ctrl-C stops the desk", flush=True)
    serve(site, server, open_browser=not no_browser)


@app.command()
def promote(
    ctx: typer.Context,
    drafts: Annotated[list[str] | None, typer.Argument(help=f"Drafts to promote: {NAMING} (default: every "
                                                            "eligible draft).", show_default=False,
                                                       autocompletion=complete_drafts)] = None,
    dry_run: DryRunOption = False,
    as_json: JsonOption = False,
    wait: WaitOption = None,
) -> None:
    """Publish approved, valid drafts whose date has come: to published/ with draft: false."""
    from pipeline.stages.promote import promote as promote_drafts

    mode = report.choose_mode(as_json)
    with command(ctx, writes=True) as current:
        found = targets(current, drafts or [], "drafts")
        with current.recorded("promote", wait) as recorded, live.shown(mode):
            result = promote_drafts(current.workspace, current.config, current.now(), found or None, dry_run,
                                    commit=True)
    report.move_outcomes(result.moves, mode, "promote", result.waiting())
    sent(recorded, as_json, "the promotion")
    exit_failed_if(result.failed)


@app.command()
def rename(
    ctx: typer.Context,
    article: Annotated[str, typer.Argument(help=f"One article in drafts/ or published/: {NAMING}.",
                                           show_default=False, autocompletion=complete_articles)],
    new_name: Annotated[str | None, typer.Argument(
        metavar="[NEW-NAME]", help="The new file name: lower-case letters, digits and hyphens (default: the name its "
                                   "title and date give, as ingest names a draft).", show_default=False)] = None,
    dry_run: DryRunOption = False,
    as_json: JsonOption = False,
    wait: WaitOption = None,
) -> None:
    """Rename an article's file (its page's address): to the name its title and date give, or NEW-NAME.
    A published article keeps its old address as an alias; a name given here is kept at approval."""
    from pipeline.stages.rename import given_name
    from pipeline.stages.rename import rename as rename_article

    if new_name is not None and not given_name(new_name)[0]:
        fail(f"NEW-NAME {given_name(new_name)[1]}", EXIT_USAGE)
    mode = report.choose_mode(as_json)
    with command(ctx, writes=True) as current:
        (target,) = articles_named(current, [article])
        with current.recorded("rename", wait) as recorded:
            moves = rename_article(current.workspace, current.config, current.now(), target, new_name,
                                   dry_run=dry_run)
    report.move_outcomes(moves, mode, "rename")
    sent(recorded, as_json)
    exit_failed_if(any(move.failed for move in moves))


@app.command()
def unpublish(
    ctx: typer.Context,
    articles: Annotated[list[str], typer.Argument(help=f"Published articles: {NAMING}.", show_default=False,
                                                  autocompletion=complete_published)],
    reason: Annotated[str, typer.Option("--reason", help="Why it comes off the site.", show_default=False)],
    by: ByOption = None,
    dry_run: DryRunOption = False,
    as_json: JsonOption = False,
    wait: WaitOption = None,
) -> None:
    """Move published articles back to drafts/ with draft: true."""
    from pipeline.stages.promote import unpublish as unpublish_articles

    why = given_reason(reason, "the article comes off the site")
    with command(ctx, writes=True) as current:
        found = targets(current, articles, "published")
        reviewer = current.reviewer(by)
        with current.recorded("unpublish", wait) as recorded:
            moves = unpublish_articles(current.workspace, current.config, current.now(), found, reviewer,
                                       why, dry_run)
    report.move_outcomes(moves, report.choose_mode(as_json), "unpublish")
    sent(recorded, as_json, "the decision")
    exit_failed_if(any(move.failed for move in moves))


def _decide_each(ctx: typer.Context, articles: list[str], command_name: str, verb: str, as_json: bool,
                 wait: float | None, decide: Callable[..., UpdateOutcome], flag: bool) -> None:
    """An editor's decision on each article named (take or dismiss an update, merge or dismiss a possible
    duplicate), under the lock, reported as one table."""
    from pipeline.store.journal import Journal

    with command(ctx, writes=True) as current:
        found = articles_named(current, articles)
        with current.recorded(command_name, wait) as recorded:
            journal = Journal(current.workspace)
            outcomes = []
            for target in found:
                assert target.path is not None
                outcomes.append(decide(current.workspace, journal, current.now(), target.path, flag,
                                       journal.entries))
    report.update_outcomes(outcomes, report.choose_mode(as_json), verb)
    sent(recorded, as_json)
    exit_failed_if(any(not outcome.done for outcome in outcomes))


def _update_decision(ctx: typer.Context, articles: list[str], take: bool, as_json: bool, wait: float | None) -> None:
    from pipeline.stages.updates import decide_update

    _decide_each(ctx, articles, "take-update" if take else "dismiss-update", "taken" if take else "dismissed",
                 as_json, wait, decide_update, take)


@app.command("take-update")
def take_update(
    ctx: typer.Context,
    articles: Annotated[list[str], typer.Argument(help=f"Drafts whose source was updated: {NAMING}.",
                                                  show_default=False, autocompletion=complete_articles)],
    as_json: JsonOption = False,
    wait: WaitOption = None,
) -> None:
    """Make the re-scraped source waiting in updates/ the draft (the draft's edits are replaced)."""
    _update_decision(ctx, articles, True, as_json, wait)


@app.command("dismiss-update")
def dismiss_update(
    ctx: typer.Context,
    articles: Annotated[list[str], typer.Argument(help=f"Drafts or published articles whose source was updated: "
                                                       f"{NAMING}.", show_default=False,
                                                  autocompletion=complete_articles)],
    as_json: JsonOption = False,
    wait: WaitOption = None,
) -> None:
    """Keep the article as it is and remove the re-scraped source waiting beside it."""
    _update_decision(ctx, articles, False, as_json, wait)


def _duplicate_decision(ctx: typer.Context, articles: list[str], merge: bool, as_json: bool,
                        wait: float | None) -> None:
    from pipeline.stages.duplicates import decide_duplicate

    _decide_each(ctx, articles, "merge-duplicate" if merge else "dismiss-duplicate",
                 "merged" if merge else "dismissed", as_json, wait, decide_duplicate, merge)


@app.command("dismiss-duplicate")
def dismiss_duplicate(
    ctx: typer.Context,
    articles: Annotated[list[str], typer.Argument(help=f"Drafts marked as possible duplicates: {NAMING}.",
                                                  show_default=False, autocompletion=complete_articles)],
    as_json: JsonOption = False,
    wait: WaitOption = None,
) -> None:
    """Say a draft marked as a possible duplicate is an article of its own: it goes on to review."""
    _duplicate_decision(ctx, articles, False, as_json, wait)


@app.command("merge-duplicate")
def merge_duplicate(
    ctx: typer.Context,
    articles: Annotated[list[str], typer.Argument(help=f"Drafts marked as possible duplicates: {NAMING}.",
                                                  show_default=False, autocompletion=complete_articles)],
    as_json: JsonOption = False,
    wait: WaitOption = None,
) -> None:
    """Make a draft marked as a possible duplicate an update of the article it resembles (it waits beside it)."""
    _duplicate_decision(ctx, articles, True, as_json, wait)


@app.command()
def revise(
    ctx: typer.Context,
    articles: Annotated[list[str], typer.Argument(help=f"Published articles: {NAMING}.", show_default=False,
                                                  autocompletion=complete_published)],
    as_json: JsonOption = False,
    wait: WaitOption = None,
) -> None:
    """Put a revision of published articles in revisions/ (from the updated source when one waits) to edit,
    approve and promote: the page stays online and promote replaces it."""
    from pipeline.stages.revisions import revise as make_revision
    from pipeline.store.journal import Journal

    with command(ctx, writes=True) as current:
        found = targets(current, articles, "published")
        with current.recorded("revise", wait) as recorded:
            journal = Journal(current.workspace)
            outcomes = [make_revision(current.workspace, journal, current.config, current.now(), target)
                        for target in found]
    report.update_outcomes(outcomes, report.choose_mode(as_json), "revision made", "revise")
    sent(recorded, as_json)
    exit_failed_if(any(not outcome.done for outcome in outcomes))


@app.command()
def show(
    ctx: typer.Context,
    article: Annotated[str, typer.Argument(help=f"One article in drafts/ or published/: {NAMING}.",
                                           show_default=False, autocompletion=complete_articles)],
    as_json: JsonOption = False,
) -> None:
    """One article whole: its state, each field with its problems and where its value came from, the
    lines ingest took out, what changed, and its history."""
    from pipeline.desk.article import article_view, unrendered, view_document
    from pipeline.store.journal import about, article_name

    with command(ctx) as current:
        (target,) = articles_named(current, [article])
        entries, _ = current.workspace.read_journal()
        view = article_view(current.workspace, current.config, target, current.now(),
                            about(entries, article_name(target.rel)), unrendered())
        shown = view_document(view)
        revision = _revision_shown(current, target, about(entries, article_name(target.rel)))
    if revision:
        shown["revision"] = revision
    report.article_view(shown, report.choose_mode(as_json))
    exit_failed_if(bool(view.read_error))


def _revision_shown(current: Any, target: Any, history: list[dict[str, Any]]) -> dict[str, Any]:
    """The revision waiting beside a published article: its state, and the lines it changes, word by word."""
    from pipeline.stages.assess import assess_draft
    from pipeline.stages.revisions import changed_lines, revision_texts

    texts = revision_texts(current.workspace, current.config, target.path) if target.path is not None else None
    if texts is None:
        return {}
    rel, text, live, revised = texts
    state = assess_draft(rel, text, history, current.config, current.now())
    return {"revision": rel, "state": str(state.state), "blocks": state.blocks,
            "changes": changed_lines(live, revised) if revised else []}


vocabulary_app = typer.Typer(help="The workspace's vocabulary of tags and sections.", no_args_is_help=True)
app.add_typer(vocabulary_app, name="vocabulary")


@vocabulary_app.command("suggest")
def vocabulary_suggest(
    ctx: typer.Context,
    least: Annotated[int, typer.Option("--least", min=1, help="Suggest what at least this many drafts have.")] = 2,
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000, help="How many suggestions at most.")] = 30,
    as_json: JsonOption = False,
) -> None:
    """Frequent tags and words of the drafts that the vocabulary ([tags], [sections]) does not have yet."""
    from pipeline.stages.vocabulary import suggest_terms
    from pipeline.store.workspace import read_text_or_none

    with command(ctx) as current:
        workspace = current.workspace
        texts = ((workspace.rel(path), read_text_or_none(path) or "") for path in workspace.draft_files())
        suggestions = suggest_terms(texts, current.config, least, limit)
    report.vocabulary_suggestions(suggestions, report.choose_mode(as_json))


@app.command()
def cover(
    ctx: typer.Context,
    article: Annotated[str, typer.Argument(help=f"One draft: {NAMING}.", show_default=False,
                                           autocompletion=complete_drafts)],
    pick: Annotated[int | None, typer.Option("--pick", min=1, help="Write the N-th suggestion into the draft's "
                                             "cover (image, alt text, caption with credit).", show_default=False)]
    = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=100, help="How many suggestions to list.")] = 5,
    as_json: JsonOption = False,
    by: ByOption = None,
) -> None:
    """Covers for a draft from the photo library ([covers] library): its images whose IPTC/XMP metadata
    best matches the draft's tags, title and text; --pick N writes one into the draft."""
    from pipeline.stages.covers import pick_cover, suggest_covers
    from pipeline.store.photos import read_library

    with command(ctx, writes=pick is not None) as current:
        if not current.config.cover_library:
            fail("no photo library: set [covers] library (and url) in pipeline.toml", EXIT_USAGE)
        (target,) = targets(current, [article], "drafts")
        assert target.path is not None
        with current.recorded("cover", None) if pick is not None else contextlib.nullcontext() as recorded:
            text = current.workspace.read_bytes(target.path).decode("utf-8", "replace")
            library = read_library(current.workspace, current.config.cover_library)
            matches = suggest_covers(text, target.rel, library, max(limit, pick or 0))
            if pick is not None:
                if pick > len(matches):
                    fail(f"--pick {pick}: there are {len(matches)} suggestions for {target.rel}", EXIT_USAGE)
                pick_cover(current.workspace, current.config, target.path, text, matches[pick - 1], current.now(),
                           current.reviewer(by))
    report.cover_matches(target.rel, matches[:limit] if pick is None else matches, library.skipped,
                         report.choose_mode(as_json), pick)
    sent(recorded, as_json)


@app.command()
def history(
    ctx: typer.Context,
    article: Annotated[str | None, typer.Argument(help=f"One article in drafts/ or published/: {NAMING}; or the "
                                                       "name of one that is gone (default: the whole journal).",
                                                  show_default=False, autocompletion=complete_articles)] = None,
    as_json: JsonOption = False,
) -> None:
    """The journal of decisions and moves, for every article or for one across its names."""
    from pipeline.store.journal import FOLDERS, about, article_name, history_rows
    from pipeline.store.targets import resolve_article, unusable_name

    if article is not None and unusable_name(article):
        fail(unusable_name(article), EXIT_USAGE)
    with command(ctx) as current:
        current.config  # noqa: B018 - read for what it checks: a bad setting stops every command
        entries, _ = current.workspace.read_journal()
        found = resolve_article(current.workspace, article, Path.cwd()) if article is not None else None
        if found is not None and found.candidates:
            fail(found.error, EXIT_USAGE)
        rel = current.workspace.rel(Path(article).absolute()) if article is not None else ""
    if article is not None:
        if found is not None and found.path is not None:
            rel = found.rel  # an article that is there now: its name across drafts/ and published/
        name = article_name(rel if rel.startswith(FOLDERS) else article)
        entries = about(entries, name)
        if not entries:
            report.warn(f"no journal entries for {article}")
    report.history(history_rows(entries), entries, report.choose_mode(as_json))


@app.command()
def run(
    ctx: typer.Context,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing on success, one line per failure.")]
    = False,
    as_json: JsonOption = False,
    wait: WaitOption = None,
    jobs: JobsOption = None,
    with_sync: Annotated[bool, typer.Option("--sync", help="In a git workspace: sync, run, commit what changed, "
                                                         "sync (the cron entry of a team).")] = False,
) -> None:
    """For cron: ingest, normalise, validate and promote what is eligible, under one lock, one summary."""
    from pipeline.stages.run import ingest_failure, run_pipeline, run_synced

    mode = report.choose_mode(as_json)
    with (command(ctx, writes=True) as current,
          current.locked("run", wait) if with_sync else current.recorded("run", wait) as recorded,
          live.shown(mode, report.run_lines(quiet, ingest_failure)) as shown):
        stages = run_synced if with_sync else run_pipeline  # --sync: pulls first, commits and syncs itself
        result = stages(current.workspace, current.config, current.now(), jobs_wanted(jobs), keep_evidence=as_json)
    report.run_summary(result, mode, quiet, streamed=shown.streamed)
    if not quiet:
        sent(recorded, as_json)
    exit_failed_if(bool(result.failures()))


@app.command()
def sync(
    ctx: typer.Context,
    as_json: JsonOption = False,
    wait: WaitOption = None,
) -> None:
    """In a git workspace: fetch, rebase local commits on the remote branch, push (retried when another
    machine pushed first); a file changed here and there stops it, named, with nothing lost."""
    from pipeline.stages.sync import sync as sync_workspace

    with command(ctx, writes=True) as current, current.locked("sync", wait):
        result = sync_workspace(current.workspace)
    report.sync_result(result, report.choose_mode(as_json))


@app.command()
def preview(
    ctx: typer.Context,
    drafts: Annotated[list[str] | None, typer.Argument(help=f"Drafts to build: {NAMING} (default: all of "
                                                            "drafts/).", show_default=False,
                                                       autocompletion=complete_drafts)] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Folder to build into (default: .pipeline/preview).",
                                             file_okay=False, show_default=False)] = None,
    published_only: Annotated[bool, typer.Option("--published", help="Build published/ only, as the live site.")]
    = False,
    serve: Annotated[bool, typer.Option("--serve", help="Then serve the site on 127.0.0.1 (hugo server) until "
                                                        "Ctrl-C.")] = False,
    port: Annotated[int, typer.Option("--port", help="Port for --serve.", min=1, max=65535)] = 1313,
    as_json: JsonOption = False,
    wait: WaitOption = None,
) -> None:
    """Build drafts and published articles with Hugo, print each page built, cross-check it."""
    from pipeline.hugo.build import HUGO_MISSING, build_site, find_hugo, select_drafts
    from pipeline.hugo.serve import serve_site

    hugo = find_hugo()
    if hugo is None:
        fail(HUGO_MISSING, EXIT_USAGE)
    if published_only and drafts:
        fail("name drafts or use --published, not both", EXIT_USAGE)
    mode = report.choose_mode(as_json)
    try:
        with command(ctx) as current:
            named = [target.path for target in targets(current, drafts or [], "drafts") if target.path is not None]
            chosen = select_drafts(current.workspace, named) if named else None
            with current.locked("preview", wait), live.shown(mode):
                result = build_site(current.workspace, current.config, hugo, out, not published_only, chosen)
    except OSError as error:  # a folder that cannot be made or moved: say which, no traceback
        fail(f"cannot build the preview: {error.strerror or error}: {error.filename or ''}", EXIT_FAILED)
    report.preview_results(result, mode)
    code = EXIT_OK if result.ok else EXIT_FAILED
    if serve:
        print(f"serving on http://127.0.0.1:{port}/ until Ctrl-C", flush=True)
        already_named = frozenset(problem.file for problem in result.all_problems())
        served = serve_site(current.workspace, current.config, hugo, port, not published_only, chosen,
                            lambda line: report.say(f"preview --serve: {line}", err=True), already_named)
        code = code or (EXIT_FAILED if served else EXIT_OK)
    raise typer.Exit(code)


# --- normalise, validate, schema -------------------------------------------------------------------

FilesArgument = Annotated[
    list[str] | None,
    typer.Argument(help=f"Files or folders, or articles by {NAMING} (default: every draft in drafts/).",
                   show_default=False, autocompletion=complete_drafts),
]


CheckOption = Annotated[bool, typer.Option("--check", help="Change nothing; exit 1 if any file would change "
                                                         "(for CI and pre-commit).")]


@app.command()
def normalise(
    ctx: typer.Context,
    paths: FilesArgument = None,
    check: CheckOption = False,
    as_json: JsonOption = False,
    wait: WaitOption = None,
) -> None:
    """Put front matter in canonical form: dates, tags, section, audience, key order, body spacing."""
    from pipeline.model.canonical import NormaliseStatus
    from pipeline.stages.normalise import normalise_files

    mode = report.choose_mode(as_json)

    def done(item: object) -> list[str]:
        """A file's line as soon as it is decided (piped): normalise tells each file's final outcome."""
        row = report.normalise_row(cast("NormaliseOutcome", item))
        return [report.plain_row(row)] if row is not None else []

    with command(ctx, writes=not check) as current:
        files = named_files(current, paths, "drafts")
        moment = current.now()
        with (contextlib.nullcontext() if check else current.recorded("normalise", wait) as recorded,
              live.shown(mode, {"normalise": done}) as shown):
            outcomes = normalise_files(current.workspace, current.config, files, moment, check=check)
    report.normalise_results(outcomes, mode, streamed=shown.streamed)
    sent(recorded, as_json)
    exit_failed_if(any(o.failed or o.status == NormaliseStatus.WOULD_CHANGE for o in outcomes))


@app.command()
def validate(
    ctx: typer.Context,
    paths: FilesArgument = None,
    published: Annotated[bool, typer.Option("--published", help="Check published articles (all of published/, "
                                                                "or the files named) as published.")] = False,
    as_json: JsonOption = False,
    hugo: Annotated[bool, typer.Option("--hugo", help="Also build with Hugo and cross-check what it made.")]
    = False,
    jobs: JobsOption = None,
) -> None:
    """Check front matter and body against the house rules; errors exit 1, warnings do not."""
    from pipeline.stages.validate import validate_files

    mode = report.choose_mode(as_json)
    with command(ctx) as current:
        files = named_files(current, paths, "published" if published else "drafts")
        with live.shown(mode, {"validate": report.problem_lines}) as shown:
            result = validate_files(current.workspace, current.config, files, published, current.now(),
                                    jobs_wanted(jobs))
            streamed = len(result.problems) if shown.streamed else 0  # printed as each file was checked
            if hugo:
                from pipeline.hugo.build import hugo_cross_check

                result.problems.extend(hugo_cross_check(current.workspace, current.config, files))
    report.validate_results(result, mode, streamed)
    exit_failed_if(bool(result.errors))


@app.command()
def schema(
    ctx: typer.Context,
    published: Annotated[bool, typer.Option("--published", help="The schema of published articles "
                                                                "(draft: false).")] = False,
) -> None:
    """Print the front matter schema as JSON Schema (draft 2020-12), for editors' YAML tooling."""
    from pipeline.model.schema import json_schema

    with command(ctx) as current:
        report.emit_json(json_schema(current.config, published))


def main() -> None:
    """Entry point: no traceback ever reaches a user; internal errors get one line and exit 70."""
    try:
        app(prog_name="pipeline")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        report.error("interrupted")
        sys.exit(130)
    except Exception as error:  # a bug: say so in one line, keep the traceback for debugging
        if os.environ.get("PIPELINE_DEBUG"):
            raise
        report.error(f"internal error: {type(error).__name__}: {error} (run with PIPELINE_DEBUG=1 for details)")
        sys.exit(EXIT_INTERNAL)
