"""Output on a terminal: the consoles, tables that never cut a path, and problems in the form editors click.

A table's columns are of two kinds: whole (statuses, paths, ``file:line``, times), which are never
wrapped or cut, and free text (a title, a reason, a message), which wraps between words, never in
one (a draft's path in a reason stays whole too). When
the terminal is too narrow for the whole columns and a little of the text, a table becomes one
line per row, which rich does not wrap: the terminal wraps it as it is, so a path stays one piece of
text that a terminal or an editor can still select and open. ``NO_COLOR`` (set to anything) means
no escape codes at all: no colour, no bold, no italic.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from pipeline.model.problems import Problem

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow"}


def no_color() -> bool:
    """NO_COLOR set to any value, the empty string included: no escape codes at all."""
    return "NO_COLOR" in os.environ


def console(stderr: bool = False) -> Console:
    """A console made per call (one made at import escapes CliRunner's capture): never markup, never
    wrapping text of its own accord, and without any style under NO_COLOR."""
    from rich.console import Console

    plain = no_color()
    return Console(file=sys.stderr if stderr else sys.stdout, soft_wrap=True, markup=False, highlight=False,
                   emoji=False, no_color=plain, color_system=None if plain else "auto")


def _width(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def _longest_word(texts: Sequence[str]) -> int:
    return max((_width(word) for text in texts for word in text.split()), default=0)


def column_widths(columns: Sequence[str], cells: Sequence[Sequence[str]], wrap: Collection[str],
                  room: int) -> list[int | None] | None:
    """Each column's width for a table in room cells: None each when it fits as it is; the whole
    columns at their full width and the text shared out when it does not; None (no table) when even
    that does not fit."""
    extra = 3 * len(columns) + 1  # a cell's padding (one each side) and the borders between and around
    natural = [max(_width(column), *(_width(row[i]) for row in cells)) for i, column in enumerate(columns)]
    if sum(natural) + extra <= room:
        return [None] * len(columns)
    texts = [i for i, column in enumerate(columns) if column in wrap]
    whole = sum(natural[i] for i in range(len(columns)) if i not in texts)
    # a text column is never narrower than its longest word: no word (a draft's path in a reason) is cut
    least = {i: max(1, _longest_word([columns[i], *(row[i] for row in cells)])) for i in texts}
    left = room - extra - whole - sum(least.values())
    if not texts or left < 0:
        return None
    wanted = {i: natural[i] - least[i] for i in texts}
    total = sum(wanted.values()) or 1
    given = {i: min(wanted[i], left * wanted[i] // total) for i in texts}  # shared in proportion
    spare = left - sum(given.values())
    for i in texts:  # what rounding left over, to the first columns that still want it
        more = min(spare, wanted[i] - given[i])
        given[i] += more
        spare -= more
    widths: list[int | None] = [least[i] + given[i] if i in given else natural[i] for i in range(len(columns))]
    return widths


def print_table(title: str, columns: Sequence[str], cells: Sequence[Sequence[str]], styles: dict[str, str],
                wrap: Collection[str], footer: str = "") -> None:
    """A table on the terminal, its paths whole at any width (see the module's doc); cells are safe text."""
    from rich.table import Table
    from rich.text import Text

    out = console()
    widths = column_widths(columns, cells, wrap, out.width)
    if widths is None:  # too narrow for a table: one unwrapped line per row, the terminal wraps it
        if title:
            out.print(Text(title, style="bold"))
        for row in cells:
            line = Text()
            for index, value in enumerate(row):
                line.append("  " if index else "")
                line.append(value, style=styles.get(value, ""))
            out.print(line)
    else:
        grid = Table(title=title or None, title_justify="left", show_lines=False, header_style="bold")
        for column, width in zip(columns, widths, strict=True):
            text = column in wrap
            grid.add_column(column, width=width, no_wrap=not text, overflow="fold" if text else "ignore")
        for row in cells:
            grid.add_row(*(Text(value, style=styles.get(value, "")) for value in row))
        out.print(grid)
    if footer:
        out.print(Text(footer))


def print_problems(found: Sequence[Problem], one_line: Sequence[str]) -> None:
    """Problems in the form editors click, ``file:line: severity [code] field: message``, one a line,
    never wrapped by rich; the severity in colour (none under NO_COLOR)."""
    from rich.text import Text

    out = console()
    for problem, line in zip(found, one_line, strict=True):
        text = Text(line)
        start = line.find(f": {problem.severity} [")
        if start >= 0:
            start += 2
            text.stylize(SEVERITY_STYLES.get(problem.severity, ""), start, start + len(problem.severity))
        out.print(text)
