"""The frame every command runs in: the workspace and config (``State``), the lock and the clock,
errors the user can fix turned into one line and their exit code (``command``), the options commands
share, and how an article is named on the command line (a path, a file name, a slug or a prefix),
with shell completion of the names. Part of the face, beside ``cli`` and ``report``."""

from __future__ import annotations

import contextlib
import functools
import inspect
import math
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from pipeline import output, report
from pipeline.model.config import Config
from pipeline.model.errors import EXIT_FAILED, EXIT_USAGE, PipelineError
from pipeline.store.state_files import JournalPolicy
from pipeline.store.workspace import Workspace

if TYPE_CHECKING:
    from pipeline.stages.travel import Recorded
    from pipeline.store.targets import Target


class State:
    def __init__(self, root: Path | None) -> None:
        self.root = root  # --root or PIPELINE_ROOT; None: found from the current folder
        self.writes = False  # set by `command` for commands that change the workspace
        self._workspace: Workspace | None = None
        self._config: Config | None = None

    @property
    def workspace(self) -> Workspace:
        """The workspace named by --root, else the one the current folder is in. Only a command that
        writes makes its missing folders; a read-only one creates nothing."""
        if self._workspace is None:
            from pipeline.store.discovery import find_workspace, named_workspace

            root = named_workspace(self.root) if self.root is not None else find_workspace(Path.cwd())
            policy = JournalPolicy()
            if self.writes:
                from pipeline.store.identity import actor_name, os_user

                # every journal entry names who ran it
                policy = JournalPolicy(actor=actor_name(root.resolve()), os_user=os_user())
            self._workspace = Workspace.open(root, create=self.writes, journal_policy=policy)
        return self._workspace

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = self.workspace.load_config()
            from pipeline.store.discovery import git_top

            if git_top(self.workspace.root) is not None:  # (the team's modules imported only then)
                from pipeline.store.team import attach

                attach(self.workspace, self._config)  # a workspace in a git work tree shares its journal through git
        return self._config

    def reviewer(self, given: str | None) -> str:
        """Who decides: --by (or the environment, git, the login); in a git workspace, git's user.name
        and never a name typed for someone else."""
        from pipeline.store.identity import reviewer_name
        from pipeline.store.team import git_reviewer

        self.config  # noqa: B018 - reading it attaches the workspace's git, when it lies in a work tree
        if self.workspace.journal_policy.git is not None:
            return git_reviewer(self.workspace.journal_policy.git, given)
        return reviewer_name(given, self.workspace.root)

    def now(self) -> datetime:
        """The time now in the configured zone (or PIPELINE_NOW)."""
        from pipeline.store.clock import now

        return now(self.config.zone)

    @contextlib.contextmanager
    def locked(self, purpose: str, wait: float | None = None) -> Iterator[None]:
        timeout = self.config.lock_timeout if wait is None else wait
        with self.workspace.lock(timeout, purpose):
            yield

    @contextlib.contextmanager
    def recorded(self, purpose: str, wait: float | None = None) -> Iterator[Recorded]:
        """The lock, held while a command changes editorial state; in a git workspace what it changed is
        then committed and sent as a decision is (``stages.travel``), before the lock is let go."""
        from pipeline.stages.travel import recording

        with self.locked(purpose, wait), recording(self.workspace, self.config, purpose) as recorded:
            yield recorded


def sent(recorded: Recorded | None, as_json: bool, what: str = "the change") -> None:
    """One line after a command that changed editorial state in a git workspace: its commit is on the
    remote, or it waits here for the next sync (nothing outside git, or when nothing changed)."""
    if recorded is not None:
        report.sending(recorded.sending, output.choose_mode(as_json), what)


def fail(message: str, code: int) -> NoReturn:
    output.error(message)
    raise typer.Exit(code)


def state(ctx: typer.Context) -> State:
    value = ctx.find_root().obj
    assert isinstance(value, State)
    return value


@contextlib.contextmanager
def command(ctx: typer.Context, writes: bool = False) -> Iterator[State]:
    """Every command's frame: the workspace, config, lock and clock (each opened when first used), and
    the one place an error the user can fix becomes its line on stderr and its exit code. A command
    that writes says so: only then are the workspace's missing folders made."""
    current = state(ctx)
    current.writes = writes
    try:
        _check_wait(ctx.params.get("wait"))
        yield current
    except PipelineError as error:
        if ctx.params.get("as_json"):  # a script asked for JSON: the error is JSON too, on stderr
            output.emit_json({"error": str(error), "exit": error.exit_code}, err=True)
            raise typer.Exit(error.exit_code) from None
        fail(str(error), error.exit_code)


def _check_wait(wait: float | None) -> None:
    """--wait is a finite number of seconds, 0 or more: nan or inf would wait for ever."""
    if wait is not None and not (math.isfinite(wait) and wait >= 0):
        raise PipelineError(f"--wait: expected a number of seconds (0 or more), got {wait}")


def given_reason(reason: str, what: str) -> str:
    """A --reason, trimmed; an empty one is a usage error."""
    if not reason.strip():
        fail(f"--reason must say why {what}", EXIT_USAGE)
    return reason.strip()


def exit_failed_if(failed: bool) -> None:
    if failed:
        raise typer.Exit(EXIT_FAILED)


RootOption = Annotated[
    Path | None,
    typer.Option("--root", envvar="PIPELINE_ROOT",
                 help="Workspace folder (default: the current folder or its nearest parent that is a workspace).",
                 file_okay=False, show_default=False),
]


JsonOption = Annotated[bool, typer.Option("--json", help="Print results as JSON for scripts.")]


WaitOption = Annotated[
    float | None,
    typer.Option("--wait", help="Seconds to wait for another run's lock (default: run.lock_timeout).",
                 show_default=False),  # checked by `command`: one line, like every other usage error
]


JobsOption = Annotated[
    int | None,
    typer.Option("--jobs", "-j", help="Processes to work on (default: the number of cores).", min=1,
                 show_default=False),
]


def jobs_wanted(jobs: int | None) -> int:
    from pipeline.store.parallel import default_jobs

    return jobs if jobs is not None else default_jobs()


def _complete(ctx: typer.Context, incomplete: str, folders: tuple[str, ...]) -> list[str]:
    """Slugs in the workspace's folders that start with what was typed; never fails, never creates."""
    try:
        from pipeline.store.discovery import find_workspace, named_workspace
        from pipeline.store.targets import slugs

        given = ctx.find_root().params.get("root") or os.environ.get("PIPELINE_ROOT")
        root = named_workspace(Path(given)) if given else find_workspace(Path.cwd())
        workspace = Workspace(root.resolve())
        names = [slug for folder in folders for slug in slugs(workspace, workspace.root / folder)]
    except Exception:  # completion must never print a traceback into the user's shell
        return []
    return sorted({name for name in names if name.startswith(incomplete)})


def complete_drafts(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, ("drafts",))


def complete_published(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, ("published",))


def complete_articles(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, ("drafts", "published"))


NAMING = "a path, a file name, a slug (the file name without .md) or a unique prefix of a slug"


def naming(what: str, complete: Callable[[typer.Context, str], list[str]], more: str = "") -> Any:
    """The argument of a command that names articles: its help says what they are, then how one is
    named (NAMING), then `more` (a default, say); `complete` completes their names in the shell."""
    return typer.Argument(help=f"{what}: {NAMING}{more}.", show_default=False, autocompletion=complete)


def reason_option(why: str) -> Any:
    """--reason, which a decision that takes something back must give: `why` says who reads it."""
    return typer.Option("--reason", help=why, show_default=False)


def named_files(current: State, given: list[str] | None, folder: str) -> list[Path] | None:
    """Files named to validate or normalise: paths stay paths; other names are articles in folder. An
    ambiguous prefix, or a name that matches no article, stops the command (exit 2)."""
    if not given:
        return None
    from pipeline.store.targets import resolve_files

    workspace = current.workspace
    paths, errors = resolve_files(workspace, given, workspace.root / folder, Path.cwd())
    for message in errors:
        output.error(message)
    if errors:
        raise typer.Exit(EXIT_USAGE)
    return paths


ByOption = Annotated[
    str | None,
    typer.Option("--by", help="Reviewer's name (default: PIPELINE_USER, then git's user.name, then the login).",
                 show_default=False),
]


DryRunOption = Annotated[bool, typer.Option("--dry-run", help="Show what would happen; change nothing.")]


@dataclass(frozen=True)
class TakenBack:
    """What a decision that takes something back (reject, unpublish) is given beside its articles: the
    reason, trimmed and never empty, who decides (--by), --json and --wait."""

    reason: str
    by: str | None
    as_json: bool
    wait: float | None


def taking_back(why: str, what: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The options of a decision that takes something back, declared here once: the command's parameter
    of type ``TakenBack`` stands in its signature as --reason (its help ``why``; an empty one is a usage
    error saying why ``what``) and --by, and --json and --wait end it, as they end every command's."""
    def declare(run: Callable[..., None]) -> Callable[..., None]:
        own = list(inspect.signature(run, eval_str=True).parameters.values())
        at = next(index for index, parameter in enumerate(own) if parameter.annotation is TakenBack)
        option = inspect.Parameter.POSITIONAL_OR_KEYWORD
        parameters = [*own[:at],
                      inspect.Parameter("reason", option, annotation=Annotated[str, reason_option(why)]),
                      inspect.Parameter("by", option, default=None, annotation=ByOption),
                      *own[at + 1:],
                      inspect.Parameter("as_json", option, default=False, annotation=JsonOption),
                      inspect.Parameter("wait", option, default=None, annotation=WaitOption)]

        @functools.wraps(run)
        def given(**values: Any) -> None:
            taken = TakenBack(given_reason(values.pop("reason"), what), values.pop("by"), values.pop("as_json"),
                              values.pop("wait"))
            run(**values, **{own[at].name: taken})

        given.__signature__ = inspect.Signature(parameters, return_annotation=None)  # type: ignore[attr-defined]
        given.__annotations__ = {parameter.name: parameter.annotation for parameter in parameters}
        return given
    return declare


@contextlib.contextmanager
def deciding(ctx: typer.Context, given: list[str], folder: str, by: str | None, purpose: str,
             wait: float | None) -> Iterator[tuple[State, list[Target], str, Recorded]]:
    """The frame of a reviewer's decision on the articles named in folder: the command (it writes), the
    articles, the reviewer (in a git workspace, git's user.name), and the lock held while it decides,
    what it recorded then committed and sent (``State.recorded``)."""
    with command(ctx, writes=True) as current:
        found = targets(current, given, folder)
        reviewer = current.reviewer(by)
        with current.recorded(purpose, wait) as recorded:
            yield current, found, reviewer, recorded


def articles_named(current: State, given: list[str]) -> list[Target]:
    """The articles named, each in drafts/ or published/; any that is not there stops the command (exit 2)."""
    from pipeline.store.targets import resolve_article

    return _all_found([resolve_article(current.workspace, name, Path.cwd()) for name in given])


def targets(current: State, given: list[str], folder: str) -> list[Target]:
    """The articles named, each in folder; any that is not there stops the command (exit 2)."""
    from pipeline.store.targets import or_revision, resolve_target

    workspace = current.workspace
    found = [resolve_target(workspace, name, workspace.root / folder, Path.cwd()) for name in given]
    if folder == "drafts":  # a revision of a published article is decided on and promoted as a draft is
        found = [or_revision(workspace, target, Path.cwd()) for target in found]
    return _all_found(found)


def _all_found(found: list[Target]) -> list[Target]:
    errors = [target.error for target in found if target.error]
    for message in errors:
        output.error(message)
    if errors:
        raise typer.Exit(EXIT_USAGE)
    return found
