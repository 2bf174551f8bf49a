"""Markdown line by line: where code starts and ends, and blank-line runs collapsed.

The one finder of code (validation's body rules skip it, normalise leaves it alone) and the one
blank-line collapser (text cleaning and normalise share it). Pure.

Code is found as CommonMark finds it (markdown-it-py, the parser rich already brings): a fence
nested in a list item or a blockquote, and an indented code block, are code as much as a fence at
the margin. Hugo's highlight shortcode (``{{< highlight go >}}`` ... ``{{< /highlight >}}``) holds
code too, which a Markdown parser reads as paragraphs: it is found by its own lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from enum import Enum
from functools import lru_cache
from typing import Any

# What any code needs somewhere in the text: without it, every line is prose (no parser run).
_MAYBE_CODE = re.compile(r"```|~~~|\{\{[<%]|^(?: {0,3}\t| {4})", re.M)
_SHORTCODE_OPENS = re.compile(r"^\s*\{\{[<%]\s*(highlight|code)\b[^}]*[>%]\}\}\s*$")
_SHORTCODE_CLOSES = r"\{{\{{[<%]\s*/\s*{name}\s*[>%]\}}\}}"


class Line(Enum):
    """Where a line stands: prose, the fence that opens code, or code (the closing fence included)."""

    PROSE = "prose"
    OPENS = "opens"
    CODE = "code"


def may_hold_code(text: str) -> bool:
    """Whether the text may hold code at all: when not, every line is prose."""
    # Each way code opens needs one of these strings: a text with none of them (most) is not searched.
    # A look for one character costs a tenth of one for several: the longer looks only where it is.
    if not (("`" in text and "```" in text) or ("~" in text and "~~~" in text) or "\t" in text
            or ("{" in text and ("{{<" in text or "{{%" in text)) or "    " in text):
        return False
    return _MAYBE_CODE.search(text) is not None


def fenced(lines: Sequence[str]) -> Iterator[tuple[str, Line]]:
    """Each line with where it stands: the first line of a code block (its fence) opens it, its other
    lines (a closing fence included) are code, everything else is prose."""
    starts, code = _code_lines(tuple(lines)) if may_hold_code("\n".join(lines)) else (set(), set())
    for index, line in enumerate(lines):
        yield line, Line.OPENS if index in starts else Line.CODE if index in code else Line.PROSE


@lru_cache(maxsize=64)
def _code_lines(lines: tuple[str, ...]) -> tuple[set[int], set[int]]:
    """(first lines, other lines) of every code block: fenced or indented (CommonMark), at any depth,
    and every highlight shortcode's."""
    starts: set[int] = set()
    code: set[int] = set()
    for token in _parser().parse("\n".join(lines)):
        if token.type in ("fence", "code_block") and token.map and (token.type == "fence" or token.content.strip()):
            first, end = token.map
            (starts if token.type == "fence" else code).add(first)
            code.update(range(first + 1, min(end, len(lines))))
    opened: re.Pattern[str] | None = None
    for index, line in enumerate(lines):
        if opened is not None:
            code.add(index)
            if opened.search(line):
                opened = None
        elif index not in code and index not in starts and (match := _SHORTCODE_OPENS.match(line)):
            starts.add(index)
            opened = re.compile(_SHORTCODE_CLOSES.format(name=match.group(1)))
    return starts, code


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    # Blocks only: code blocks are all it is asked for, and inline parsing is where time could go.
    return MarkdownIt("commonmark").disable(["inline", "text_join"])


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
