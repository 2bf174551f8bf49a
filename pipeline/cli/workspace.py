"""Commands on the workspace and what comes into it: init, ingest, status."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipeline import live, output, report
from pipeline.cli.app import app
from pipeline.frame import JobsOption, JsonOption, WaitOption, command, exit_failed_if, fail, jobs_wanted, sent
from pipeline.model.errors import EXIT_USAGE


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
    mode = output.choose_mode(as_json)
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

    mode = output.choose_mode(as_json)
    with command(ctx) as current, live.shown(mode):
        summary = workspace_status(current.workspace, current.config, rows=mode == output.JSON)
    if mode == output.JSON:
        output.emit_json(summary)
        return
    rows = [(name.replace("_", " "), count) for name, count in summary["counts"].items()]
    output.table("status", ("stage", "files"), rows, mode,
                 footer="\n".join(f"next: {action}" for action in summary["next"]))
