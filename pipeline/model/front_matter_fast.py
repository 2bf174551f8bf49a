"""Front matter exactly as the house-style writer puts it, read without PyYAML: nearly every file the
pipeline reads is one it wrote, and a validate of ten thousand of them imports no YAML at all (PyYAML's
import alone was a tenth of a cold validate's start). What YAML would read otherwise, or any line this
reader is not sure of, is left to ``front_matter_read``; the values both readers make (``PlainDate``; the block
texts, which only that reader makes, so that the writer needs no PyYAML to know them) and the traps that reader
records (``Trap``) live here, so that both readers make the same.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Trap:
    """Something YAML accepted that does not mean what the editor typed."""

    key: str
    line: int
    code: str  # duplicate-key, yaml-bool, yaml-sexagesimal, yaml-octal, yaml-null, bom, tab
    text: str


class PlainDate(str):
    """A date the file wrote without quotes: text to the pipeline, written back without quotes."""

    __slots__ = ()


# A date (and time) written without quotes: Hugo reads it as a date, so it is written back as one.
_PLAIN_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})?)?")


class LiteralText(str):
    """Text the file wrote as a literal block scalar (``|``): written back as one, not as escapes,
    and as the file wrote it (``source``) while that still reads as this text."""

    source = ""


class FoldedText(str):
    """Text the file wrote as a folded block scalar (``>``): written back as one, its lines folded
    where the file folded them (``source``) while that still reads as this text."""

    source = ""


# --- the fast path: front matter exactly as the house-style writer puts it ---------------------
#
# Nearly every file the pipeline reads is one it wrote. For those, a strict line reader gives what
# the YAML loader gives, several times faster; any line it is not sure of (a comment, a quote
# with an escape, a plain word that YAML might read as a boolean, a repeated key) sends the whole
# front matter to the full loader, which alone records traps. A property test holds the two equal.

_FAST_KEY = r"([a-z_][a-z0-9_]{0,999})"  # YAML refuses a key over 1024 characters: the loader says so
_FAST_QUOTED = r'"[^"\\]*"'
_FAST_LINE = re.compile(
    r"(  )?" + _FAST_KEY + r":(?:"
    r"| (" + _FAST_QUOTED + r")"
    r"| (true|false)"
    r"| (\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))?)"
    r"| \[((?:" + _FAST_QUOTED + r"(?:, " + _FAST_QUOTED + r")*)?)\]"
    r")"
)
_FAST_ITEM = re.compile(r'"([^"\\]*)"')


@functools.cache
def _non_printable() -> re.Pattern[str]:
    """What YAML refuses to read (PyYAML's own ``Reader.NON_PRINTABLE``, which a test holds this to): compiled
    when a line needs it (its class of a million characters took 14 ms to compile, on every cold start)."""
    return re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]")


_YAML_BREAKS = re.compile("[\r\x85\u2028\u2029\ufeff]")  # line breaks to YAML, not to str.split
_YAML_WORDS = frozenset(("yes", "no", "on", "off", "true", "false", "null", "y", "n"))


def parse_house_style(front: str, first_line: int = 2, printable: bool | None = None,
                      ) -> tuple[dict[str, Any], dict[str, int]] | None:
    """Front matter written in the house style to (meta, key lines); None when not sure. ``printable``:
    ``front.replace("\\n", " ").isprintable()``, when the caller has looked."""
    given = front.split("\n")
    # A text Python prints as it is, its line breaks as spaces, holds no character YAML refuses or breaks a line at
    # (each of those is a control, format, separator or unassigned character to Python): one look, in C, and the
    # two searches of the whole text only for one that holds another (a no-break space, a tab)
    if printable is None:
        printable = front.replace("\n", " ").isprintable()
    if not printable and (_non_printable().search(front) or _YAML_BREAKS.search(front)):
        return None
    meta: dict[str, Any] = {}
    lines: dict[str, int] = {}
    parent: dict[str, Any] | None = None  # the mapping a key without a value opened
    parent_key = ""
    for number, line in enumerate(given, start=first_line):
        if not line:
            continue
        match = _FAST_LINE.fullmatch(line)
        if match is None:
            return None
        nested, key, quoted, boolean, date, items = match.groups()
        if key in _YAML_WORDS:
            return None
        if nested:
            if parent is None or key in parent:
                return None
            target, dotted = parent, f"{parent_key}.{key}"
        else:
            if parent is not None and not parent:
                return None  # "key:" with nothing under it is null: leave that to YAML
            if key in meta:
                return None
            parent = None
            target, dotted = meta, key
        lines[dotted] = number
        if quoted is not None:
            target[key] = quoted[1:-1]
        elif boolean is not None:
            target[key] = boolean == "true"
        elif date is not None:
            target[key] = PlainDate(date)
        elif items is not None:
            target[key] = _FAST_ITEM.findall(items)
        elif not nested:  # "key:" alone opens a mapping
            parent, parent_key = {}, key
            target[key] = parent
        else:
            return None
    if parent is not None and not parent:
        return None
    return meta, lines
