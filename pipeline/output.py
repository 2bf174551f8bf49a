"""How anything the pipeline prints reaches the user, with three faces: rich tables on a terminal,
plain tab-separated lines when output is piped or run from cron, and JSON with ``--json``.

Scraped text, titles and paths are never read as rich markup (a ``[draft]`` in a title would
vanish), and nothing here wraps lines that scripts may parse. Nothing printed carries a control
character it was given (an escape sequence in a title or file name would clear the screen or retitle
the window): each is shown as an escape (``\\x1b``), on a terminal, piped and in JSON alike. What each
command's result looks like is ``report``'s.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Sequence
from typing import Final, Literal

Mode = Literal["plain", "rich", "json"]
PLAIN: Final = "plain"
RICH: Final = "rich"
JSON: Final = "json"


# C0 and C1 controls, DEL, the bidirectional overrides and isolates (which reorder what a terminal shows),
# and lone surrogates (a file name that is not UTF-8): never written raw. A line keeps its tabs and line breaks;
# a table cell or a value keeps nothing (a tab would be a new column, a line break a new row).
_UNSAFE_IN_LINE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
_UNSAFE_IN_CELL = "[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
# What JSON leaves raw in its strings with ensure_ascii=False (it escapes C0 itself).
_UNSAFE_IN_JSON = "[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
# Every character of those classes is one str.isprintable says is not (a control, a format character, a
# surrogate): text that prints, its tabs and line breaks aside, holds none of them. Nearly every line a command
# prints is such text, so each class is compiled on the first text that needs it (a class with the surrogates is a
# table of the whole first plane, built in Python: three took about 1 ms of every command's start).
@functools.cache
def _pattern(unsafe: str) -> re.Pattern[str]:
    return re.compile(unsafe)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")


def safe_line(text: str) -> str:
    """Text as it may be printed: every control character it holds shown as an escape, line breaks kept."""
    if text.isprintable() or text.replace("\t", "").replace("\n", "").isprintable():
        return text
    return _pattern(_UNSAFE_IN_LINE).sub(_escape, text)


def safe_cell(text: str) -> str:
    """A value for one cell or one line: control characters, tabs and line breaks shown as escapes."""
    if text.isprintable():
        return text
    return _pattern(_UNSAFE_IN_CELL).sub(_escape, text)


def say(text: str = "", err: bool = False, flush: bool = False) -> None:
    """The one way a line reaches the user (print, made safe)."""
    print(safe_line(text), file=sys.stderr if err else sys.stdout, flush=flush)


def choose_mode(as_json: bool) -> Mode:
    if as_json:
        return JSON
    return RICH if sys.stdout.isatty() else PLAIN


def error(message: str) -> None:
    """One line on stderr, for errors that stop a command."""
    say(f"error: {safe_cell(message)}", err=True)


def warn(message: str) -> None:
    say(f"warning: {safe_cell(message)}", err=True)


def emit_json(document: object, err: bool = False) -> None:
    text = json.dumps(document, ensure_ascii=False, indent=2)
    safe = text if text.replace("\n", "").isprintable() else \
        _pattern(_UNSAFE_IN_JSON).sub(lambda match: f"\\u{ord(match.group()):04x}", text)
    (sys.stderr if err else sys.stdout).write(safe + "\n")


def table(title: str, columns: Sequence[str], rows: Sequence[Sequence[object]], mode: Mode,
          styles: dict[str, str] | None = None, footer: str = "", wrap: Sequence[str] | None = None) -> None:
    """A table on a terminal, tab-separated lines otherwise (one row a line, no header).

    On a terminal only the columns named in `wrap` (default: the last) wrap, between words; the others
    (statuses, paths, times) are never wrapped or cut, at any width (``pipeline.terminal``)."""
    if mode == PLAIN:
        for row in rows:
            say(plain_row(row))
        if footer:
            say(footer)
        return
    from pipeline import terminal

    cells = [[_cell(value) for value in row] + [""] * (len(columns) - len(row)) for row in rows]
    free = wrap if wrap is not None else columns[-1:]
    terminal.print_table(title, columns, cells, styles or {}, free, safe_line(footer))


def plain_row(row: Sequence[object]) -> str:
    """A row as one plain line: its cells made safe, joined by tabs."""
    return "\t".join(_cell(value) for value in row)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_cell(v) for v in value)
    return safe_cell(str(value))
