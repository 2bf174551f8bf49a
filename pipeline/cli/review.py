"""Commands of review: review, approve, reject, and the review desk in a browser."""

from __future__ import annotations

from typing import Annotated

import typer

from pipeline import live, output, report
from pipeline.cli.app import app
from pipeline.frame import (
    ByOption,
    JsonOption,
    TakenBack,
    WaitOption,
    command,
    complete_drafts,
    deciding,
    exit_failed_if,
    fail,
    jobs_wanted,
    naming,
    sent,
    taking_back,
    targets,
)
from pipeline.model.errors import EXIT_USAGE
from pipeline.store.journal import Action


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
    verb = "approve" if action == Action.APPROVED else "reject"
    with deciding(ctx, drafts, "drafts", by, verb, wait) as (current, found, reviewer, recorded):
        outcomes = decide_all(current.workspace, current.config, found, action, reviewer, text, current.now(), seen)
    report.decision_outcomes(outcomes, output.choose_mode(as_json), verb)
    sent(recorded, as_json, "the decision")
    exit_failed_if(any(outcome.failed for outcome in outcomes))


@app.command()
def review(
    ctx: typer.Context,
    drafts: Annotated[list[str] | None, naming("Drafts to show, whatever their state", complete_drafts,
                                               " (default: every draft)")] = None,
    everything: Annotated[bool, typer.Option("--all", help="Also list approved and scheduled drafts.")] = False,
    as_json: JsonOption = False,
) -> None:
    """List the drafts waiting for a decision, their validation state and what blocks each."""
    from pipeline.stages.assess import assess_drafts

    mode = output.choose_mode(as_json)
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
    drafts: Annotated[list[str], naming("Drafts to approve", complete_drafts)],
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
@taking_back("Why: the editor reads this.", "the draft is rejected")
def reject(ctx: typer.Context, drafts: Annotated[list[str], naming("Drafts to reject", complete_drafts)],
           taken: TakenBack) -> None:
    """Reject drafts with a reason; they stay in drafts/ for the editor."""
    _decide(ctx, drafts, Action.REJECTED, taken.by, taken.reason, taken.as_json, taken.wait)


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
        output.warn(f"{refusal}: the desk shows drafts, and refuses your decisions")
    output.say(f"desk: reviewing as {reviewer or '(no name)'} in {current.workspace.root}", flush=True)
    print(f"desk: {url_of(server, site)}", flush=True)
    print("desk: open the URL above (it holds the token); Ctrl-C stops the desk", flush=True)
    serve(site, server, open_browser=not no_browser)
