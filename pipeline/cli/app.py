"""The command line's application: the group of commands (each module of ``pipeline.cli`` adds its own,
and only the module of the command that runs is imported), how a mistyped or guessed command is
answered, --version and --root."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from pipeline import output
from pipeline.frame import RootOption, State
from pipeline.model.errors import EXIT_OK, EXIT_USAGE

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


# Each command (or group of commands) and the module of pipeline.cli that adds it to app, in the order
# `pipeline --help` lists them. A command imports its own module only: the others' options, stages and
# imports are not paid for on every start (a test checks this table against what the modules add).
COMMAND_MODULES = {
    "init": "workspace", "ingest": "workspace", "status": "workspace",
    "review": "review", "approve": "review", "reject": "review", "desk": "review",
    "promote": "publish", "rename": "publish", "unpublish": "publish",
    "take-update": "decisions", "dismiss-update": "decisions", "dismiss-duplicate": "decisions",
    "merge-duplicate": "decisions", "revise": "decisions",
    "show": "articles", "cover": "articles", "history": "articles",
    "run": "operations", "sync": "operations", "preview": "operations",
    "normalise": "checks", "validate": "checks", "schema": "checks",
    "vocabulary": "articles",
}


# typer's own copy of click's UsageError, which typer does not export (BadParameter is one).
_UsageError: type[Exception] = typer.BadParameter.__mro__[1]


class _Commands(TyperGroup):
    def list_commands(self, ctx: Any) -> list[str]:
        return [*COMMAND_MODULES, *(name for name in self.commands if name not in COMMAND_MODULES)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            self._add_module(COMMAND_MODULES[cmd_name])
        return self.commands.get(cmd_name)

    def _add_module(self, module: str) -> None:
        """Import the module of pipeline.cli that adds a command, and make what it added commands here,
        as typer makes them for the group."""
        from typer.main import get_command_from_info, get_command_name, get_group_from_info

        importlib.import_module(f"pipeline.cli.{module}")
        for info in app.registered_commands:
            assert info.callback is not None
            name = info.name or get_command_name(info.callback.__name__)
            if name not in self.commands:
                self.commands[name] = get_command_from_info(info, pretty_exceptions_short=app.pretty_exceptions_short,
                                                            rich_markup_mode=app.rich_markup_mode)
        for group in app.registered_groups:
            if group.name not in self.commands:
                made = get_group_from_info(group, pretty_exceptions_short=app.pretty_exceptions_short,
                                           rich_markup_mode=app.rich_markup_mode,
                                           suggest_commands=app.suggest_commands)
                self.commands[str(group.name)] = made

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except _UsageError as error:
            answer = guessed_command_answer(args[0], self.list_commands(ctx)) if args else ""
            if answer:
                output.error(answer)
                raise typer.Exit(EXIT_USAGE) from None
            message = getattr(error, "message", None)
            matches = suggested_commands(args[0], self.list_commands(ctx)) if args else []
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
