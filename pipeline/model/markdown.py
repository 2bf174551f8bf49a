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


def collapse(lines: Iterable[tuple[str, bool]], keep_breaks: bool = False) -> list[str]:
    """Lines with trailing spaces cut and blank-line runs made one, none at either end; a line marked
    verbatim (True) is kept as it is, blank or not (trailing blank lines go all the same). With
    keep_breaks (an editor's Markdown), what changes the rendered page stays: a hard line break (two
    spaces or more before a line that follows) as two spaces, and spaces other than ASCII ones (a
    non-breaking space, U+3000) as they are."""
    out: list[str] = []
    broken = -1  # the index of the last line kept with a hard break, while it is the last line out

    def no_break() -> None:  # a break before a blank line or the end breaks nothing
        if broken == len(out) - 1 >= 0:
            out[broken] = out[broken].rstrip(" ")

    for line, verbatim in lines:
        if verbatim:
            out.append(line)
            continue
        if keep_breaks:
            kept = line.rstrip(" \t")
            line = kept + "  " if kept.strip() and line[len(kept):].startswith("  ") else kept
        else:
            line = line.rstrip()
        if not line.strip():
            no_break()
            if not out or not out[-1]:
                continue
            line = ""
        out.append(line)
        if line.endswith("  "):
            broken = len(out) - 1
    while out and not out[-1]:
        out.pop()
    no_break()
    return out


def collapse_blank_lines(text: str) -> str:
    """No runs of blank lines, no trailing spaces, one final newline."""
    out = collapse((line, False) for line in text.split("\n"))
    return "\n".join(out) + "\n" if out else ""


def normalise_body(body: str) -> str:
    """Line ends, trailing spaces and blank-line runs cleaned outside fenced code; one blank line
    after the front matter and one newline at the end."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = collapse(((line, where is Line.CODE) for line, where in fenced(lines)), keep_breaks=True)
    return "\n" + "\n".join(out) + "\n" if out else ""
