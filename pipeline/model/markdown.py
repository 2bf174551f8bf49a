"""Markdown line by line: where fenced code starts and ends, and blank-line runs collapsed.

The one scanner of fenced code (validation's body rules skip it, normalise leaves it alone) and the
one blank-line collapser (text cleaning and normalise share it). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from enum import Enum

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


class Line(Enum):
    """Where a line stands: prose, the fence that opens code, or code (the closing fence included)."""

    PROSE = "prose"
    OPENS = "opens"
    CODE = "code"


def fenced(lines: Iterable[str]) -> Iterator[tuple[str, Line]]:
    """Each line with where it stands; a fence closes on a fence of the same character, at least as long."""
    fence: str | None = None
    for line in lines:
        opened = FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            yield line, Line.CODE
        elif opened:
            fence = opened.group(1)
            yield line, Line.OPENS
        else:
            yield line, Line.PROSE


def collapse(lines: Iterable[tuple[str, bool]]) -> list[str]:
    """Lines with trailing spaces cut and blank-line runs made one, none at either end; a line marked
    verbatim (True) is kept as it is, blank or not (trailing blank lines go all the same)."""
    out: list[str] = []
    for line, verbatim in lines:
        if verbatim:
            out.append(line)
            continue
        line = line.rstrip()
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


def collapse_blank_lines(text: str) -> str:
    """No runs of blank lines, no trailing spaces, one final newline."""
    out = collapse((line, False) for line in text.split("\n"))
    return "\n".join(out) + "\n" if out else ""


def normalise_body(body: str) -> str:
    """Line ends, trailing spaces and blank-line runs cleaned outside fenced code; one blank line
    after the front matter and one newline at the end."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = collapse((line, where is Line.CODE) for line, where in fenced(lines))
    return "\n" + "\n".join(out) + "\n" if out else ""
