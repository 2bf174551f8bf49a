"""An editor's decisions on what the pipeline found: take or dismiss an update, merge or dismiss a
possible duplicate, make a revision of a published article."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from pipeline import output, report
from pipeline.cli.app import app
from pipeline.frame import (
    JsonOption,
    WaitOption,
    articles_named,
    command,
    complete_articles,
    complete_published,
    exit_failed_if,
    naming,
    sent,
    targets,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from pipeline.stages.updates import UpdateOutcome


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
    report.update_outcomes(outcomes, output.choose_mode(as_json), verb)
    sent(recorded, as_json)
    exit_failed_if(any(not outcome.done for outcome in outcomes))


def _update_decision(ctx: typer.Context, articles: list[str], take: bool, as_json: bool, wait: float | None) -> None:
    from pipeline.stages.updates import decide_update

    _decide_each(ctx, articles, "take-update" if take else "dismiss-update", "taken" if take else "dismissed",
                 as_json, wait, decide_update, take)


@app.command("take-update")
def take_update(
    ctx: typer.Context,
    articles: Annotated[list[str], naming("Drafts whose source was updated", complete_articles)],
    as_json: JsonOption = False,
    wait: WaitOption = None,
) -> None:
    """Make the re-scraped source waiting in updates/ the draft (the draft's edits are replaced)."""
    _update_decision(ctx, articles, True, as_json, wait)


@app.command("dismiss-update")
def dismiss_update(
    ctx: typer.Context,
    articles: Annotated[list[str], naming("Drafts or published articles whose source was updated",
                                          complete_articles)],
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
    articles: Annotated[list[str], naming("Drafts marked as possible duplicates", complete_articles)],
    as_json: JsonOption = False,
    wait: WaitOption = None,
) -> None:
    """Say a draft marked as a possible duplicate is an article of its own: it goes on to review."""
    _duplicate_decision(ctx, articles, False, as_json, wait)


@app.command("merge-duplicate")
def merge_duplicate(
    ctx: typer.Context,
    articles: Annotated[list[str], naming("Drafts marked as possible duplicates", complete_articles)],
    as_json: JsonOption = False,
    wait: WaitOption = None,
) -> None:
    """Make a draft marked as a possible duplicate an update of the article it resembles (it waits beside it)."""
    _duplicate_decision(ctx, articles, True, as_json, wait)


@app.command()
def revise(
    ctx: typer.Context,
    articles: Annotated[list[str], naming("Published articles", complete_published)],
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
    report.update_outcomes(outcomes, output.choose_mode(as_json), "revision made", "revise")
    sent(recorded, as_json)
    exit_failed_if(any(not outcome.done for outcome in outcomes))
