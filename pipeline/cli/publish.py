"""Commands that move articles on the site: promote, rename, unpublish."""

from __future__ import annotations

from typing import Annotated

import typer

from pipeline import live, output, report
from pipeline.cli.app import app
from pipeline.frame import (
    DryRunOption,
    JsonOption,
    TakenBack,
    WaitOption,
    articles_named,
    command,
    complete_articles,
    complete_drafts,
    complete_published,
    deciding,
    exit_failed_if,
    fail,
    naming,
    sent,
    taking_back,
    targets,
)
from pipeline.model.errors import EXIT_USAGE


@app.command()
def promote(
    ctx: typer.Context,
    drafts: Annotated[list[str] | None, naming("Drafts to promote", complete_drafts,
                                               " (default: every eligible draft)")] = None,
    dry_run: DryRunOption = False,
    as_json: JsonOption = False,
    wait: WaitOption = None,
) -> None:
    """Publish approved, valid drafts whose date has come: to published/ with draft: false."""
    from pipeline.stages.promote import promote as promote_drafts

    mode = output.choose_mode(as_json)
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
    article: Annotated[str, naming("One article in drafts/ or published/", complete_articles)],
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
    mode = output.choose_mode(as_json)
    with command(ctx, writes=True) as current:
        (target,) = articles_named(current, [article])
        with current.recorded("rename", wait) as recorded:
            moves = rename_article(current.workspace, current.config, current.now(), target, new_name,
                                   dry_run=dry_run)
    report.move_outcomes(moves, mode, "rename")
    sent(recorded, as_json)
    exit_failed_if(any(move.failed for move in moves))


@app.command()
@taking_back("Why it comes off the site.", "the article comes off the site")
def unpublish(ctx: typer.Context, articles: Annotated[list[str], naming("Published articles", complete_published)],
              taken: TakenBack, dry_run: DryRunOption = False) -> None:
    """Move published articles back to drafts/ with draft: true."""
    from pipeline.stages.promote import unpublish as unpublish_articles

    with deciding(ctx, articles, "published", taken.by, "unpublish", taken.wait) as (current, found, reviewer,
                                                                                     recorded):
        moves = unpublish_articles(current.workspace, current.config, current.now(), found, reviewer, taken.reason,
                                   dry_run)
    report.move_outcomes(moves, output.choose_mode(taken.as_json), "unpublish")
    sent(recorded, taken.as_json, "the decision")
    exit_failed_if(any(move.failed for move in moves))
