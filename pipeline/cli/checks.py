"""Commands that check and tidy articles: normalise, validate, schema."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Annotated, cast

import typer

from pipeline import live, output, report
from pipeline.cli.app import app
from pipeline.frame import (
    NAMING,
    JobsOption,
    JsonOption,
    WaitOption,
    command,
    complete_drafts,
    exit_failed_if,
    jobs_wanted,
    named_files,
    sent,
)

if TYPE_CHECKING:
    from pipeline.stages.normalise import NormaliseOutcome


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

    mode = output.choose_mode(as_json)

    def done(item: object) -> list[str]:
        """A file's line as soon as it is decided (piped): normalise tells each file's final outcome."""
        row = report.normalise_row(cast("NormaliseOutcome", item))
        return [output.plain_row(row)] if row is not None else []

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

    mode = output.choose_mode(as_json)
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
        output.emit_json(json_schema(current.config, published))
