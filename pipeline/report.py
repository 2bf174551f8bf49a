"""Results to the user, in one place, with three faces: rich tables on a terminal, plain
tab-separated lines when output is piped or run from cron, and JSON with ``--json``.

Scraped text, titles and paths are never read as rich markup (a ``[draft]`` in a title would
vanish), and nothing here wraps lines that scripts may parse.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

PLAIN, RICH, JSON = "plain", "rich", "json"


def choose_mode(as_json: bool) -> str:
    if as_json:
        return JSON
    return RICH if sys.stdout.isatty() else PLAIN


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    # Made per call, never at import: a console made at import escapes CliRunner's capture.
    return Console(file=sys.stderr if stderr else sys.stdout, soft_wrap=True, markup=False,
                   highlight=False, emoji=False)


def error(message: str) -> None:
    """One line on stderr, for errors that stop a command."""
    print(f"error: {message}", file=sys.stderr)


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def emit_json(document: Any) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], mode: str,
          styles: dict[str, str] | None = None, footer: str = "") -> None:
    """A table on a terminal, tab-separated lines otherwise (one row a line, no header)."""
    if mode == PLAIN:
        for row in rows:
            print("\t".join(_cell(value) for value in row))
        if footer:
            print(footer)
        return
    from rich.table import Table
    from rich.text import Text

    grid = Table(title=title or None, title_justify="left", show_lines=False, header_style="bold")
    for column in columns:
        grid.add_column(column, overflow="fold")
    colours = styles or {}
    for row in rows:
        grid.add_row(*(Text(_cell(value), style=colours.get(_cell(value), "")) for value in row))
    console = _console()
    console.print(grid)
    if footer:
        console.print(Text(footer))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_cell(v) for v in value)
    return str(value)


STATUS_STYLES = {
    "ingested": "green", "skipped": "dim", "duplicate": "yellow", "failed": "bold red",
    "error": "bold red", "warning": "yellow", "ok": "green", "changed": "cyan",
}


def ingest_results(outcomes: Sequence[Any], mode: str, verbose: bool = False) -> None:
    if mode == JSON:
        emit_json([outcome.as_dict() for outcome in outcomes])
        return
    shown = [o for o in outcomes if verbose or o.status != "skipped"]
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    summary = ", ".join(f"{count} {status}" for status, count in sorted(counts.items())) or "no raw files"
    rows = [(o.status, o.file, ", ".join(o.drafts) or o.reason) for o in shown]
    if mode == PLAIN:
        table("", (), rows, PLAIN)
    elif rows:
        table("ingest", ("status", "file", "draft / reason"), rows, RICH, STATUS_STYLES)
    if verbose:
        for outcome in outcomes:
            for draft, evidence in outcome.evidence.items():
                print(f"{draft}:")
                for key, why in evidence.items():
                    print(f"  {key:10} {why}")
    print(f"ingest: {summary}")
