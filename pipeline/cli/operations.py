"""Commands that run the pipeline unattended, share it, or build the site: run, sync, preview."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipeline import live, output, report
from pipeline.cli.app import app
from pipeline.frame import (
    JobsOption,
    JsonOption,
    WaitOption,
    command,
    complete_drafts,
    exit_failed_if,
    fail,
    jobs_wanted,
    naming,
    sent,
    targets,
)
from pipeline.model.errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE


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

    mode = output.choose_mode(as_json)
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
    report.sync_result(result, output.choose_mode(as_json))


@app.command()
def preview(
    ctx: typer.Context,
    drafts: Annotated[list[str] | None, naming("Drafts to build", complete_drafts,
                                               " (default: all of drafts/)")] = None,
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
    mode = output.choose_mode(as_json)
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
                            lambda line: output.say(f"preview --serve: {line}", err=True), already_named)
        code = code or (EXIT_FAILED if served else EXIT_OK)
    raise typer.Exit(code)
