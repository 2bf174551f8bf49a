"""The command line: parse options, call a stage, render its results. Nothing else lives here.

Exit codes: 0 all went well; 1 some file failed or has errors; 2 usage or config error;
3 another run holds the workspace lock; 70 an internal error (a bug: please report it).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from pipeline import report
from pipeline.config import Config, ConfigError
from pipeline.workspace import LockBusy, Workspace, WorkspaceError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED, EXIT_INTERNAL = 0, 1, 2, 3, 70

app = typer.Typer(
    name="pipeline",
    help="Editorial pipeline: raw scraped news text to house-style Hugo articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class State:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._workspace: Workspace | None = None
        self._config: Config | None = None

    @property
    def workspace(self) -> Workspace:
        if self._workspace is None:
            try:
                self._workspace = Workspace.open(self.root)
            except WorkspaceError as error:
                fail(str(error), EXIT_USAGE)
        return self._workspace

    @property
    def config(self) -> Config:
        if self._config is None:
            try:
                self._config = self.workspace.load_config()
            except ConfigError as error:
                fail(str(error), EXIT_USAGE)
        return self._config

    @contextlib.contextmanager
    def locked(self, purpose: str, wait: float | None = None) -> Iterator[None]:
        timeout = self.config.lock_timeout if wait is None else wait
        try:
            with self.workspace.lock(timeout, purpose):
                yield
        except LockBusy as busy:
            fail(f"workspace {self.workspace.root} is locked by {busy.holder}; try again later", EXIT_LOCKED)


def fail(message: str, code: int) -> NoReturn:
    report.error(message)
    raise typer.Exit(code)


def state(ctx: typer.Context) -> State:
    value = ctx.find_root().obj
    assert isinstance(value, State)
    return value


RootOption = Annotated[
    Path | None,
    typer.Option("--root", envvar="PIPELINE_ROOT", help="Workspace folder (default: the current folder).",
                 file_okay=False, show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print results as JSON for scripts.")]
WaitOption = Annotated[
    float | None,
    typer.Option("--wait", help="Seconds to wait for another run's lock (default: run.lock_timeout).",
                 min=0, show_default=False),
]


@app.callback()
def main_options(ctx: typer.Context, root: RootOption = None) -> None:
    ctx.obj = State(root if root is not None else Path.cwd())


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path] | None, typer.Argument(help="Raw files to ingest (default: all of raw/).",
                                                       show_default=False)] = None,
    as_json: JsonOption = False,
    explain: Annotated[bool, typer.Option("--explain", help="Show where each value came from.")] = False,
    wait: WaitOption = None,
) -> None:
    """Turn new raw files into drafts. Files ingested before are skipped."""
    from pipeline.ingest import run_ingest

    current = state(ctx)
    with current.locked("ingest", wait):
        outcomes = run_ingest(current.workspace, current.config, paths or None)
    report.ingest_results(outcomes, report.choose_mode(as_json), verbose=explain)
    if any(outcome.status == "failed" for outcome in outcomes):
        raise typer.Exit(EXIT_FAILED)


@app.command()
def status(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """What sits in each stage."""
    from pipeline.status import workspace_status

    current = state(ctx)
    summary = workspace_status(current.workspace, current.config)
    mode = report.choose_mode(as_json)
    if mode == report.JSON:
        report.emit_json(summary)
        return
    rows = [(name, count) for name, count in summary["counts"].items()]
    report.table("status", ("stage", "files"), rows, mode,
                 footer="\n".join(f"next: {action}" for action in summary["next"]))


@app.command()
def preview(
    ctx: typer.Context,
    drafts: Annotated[list[Path] | None, typer.Argument(help="Drafts to build (default: all of drafts/).",
                                                        show_default=False)] = None,
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
    from pipeline.hugo import HUGO_MISSING, PreviewError, build_site, find_hugo, select_drafts, serve_site

    current = state(ctx)
    hugo = find_hugo()
    if hugo is None:
        fail(HUGO_MISSING, EXIT_USAGE)
    if published_only and drafts:
        fail("name drafts or use --published, not both", EXIT_USAGE)
    try:
        chosen = select_drafts(current.workspace, drafts) if drafts else None
        with current.locked("preview", wait):
            result = build_site(current.workspace, current.config, hugo, out, not published_only, chosen)
    except PreviewError as error:
        fail(str(error), EXIT_USAGE)
    except OSError as error:  # a folder that cannot be made or moved: say which, no traceback
        fail(f"cannot build the preview: {error.strerror or error}: {error.filename or ''}", EXIT_FAILED)
    report.preview_results(result, report.choose_mode(as_json))
    code = EXIT_OK if result.ok else EXIT_FAILED
    if serve:
        print(f"serving on http://127.0.0.1:{port}/ until Ctrl-C", flush=True)
        served = serve_site(current.workspace, current.config, hugo, port, not published_only, chosen)
        code = code or (EXIT_FAILED if served else EXIT_OK)
    raise typer.Exit(code)


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
