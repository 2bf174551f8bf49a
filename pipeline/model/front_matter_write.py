"""Front matter written in the house style, by a small emitter of our own: PyYAML's dumper sorts keys,
folds lines and re-quotes values, and the house style is double-quoted strings, a plain RFC 3339 date,
flow-style tag lists and block mappings (see ``examples/published``); a block scalar the file wrote
is written back as it was while it still reads as the same text."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from typing import Any

# (no PyYAML here: the house style is written, and a text read is found to be its rendering, without it; only a
# block scalar's lines are read back by it, in ``_reads_as``)
from pipeline.model.front_matter_fast import _PLAIN_DATE, FoldedText, LiteralText, PlainDate
from pipeline.model.moments import RFC3339

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
# Everything YAML may not hold raw inside a double-quoted scalar, or that it would fold: a class of every plane's
# characters, whose compiling took 5 ms (a command that writes nothing but asks whether a text is its rendering,
# status, compiled it in each process for nothing); compiled the first time a text is quoted.
_ESCAPED_CLASS = "\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff"


@functools.cache
def needs_escape() -> re.Pattern[str]:
    """A character the writer escapes (all but the class above)."""
    return re.compile(f"[^{_ESCAPED_CLASS}]")


@functools.cache
def _needs_escape_or_break() -> re.Pattern[str]:
    """The same, but for the line break, which ends a line of front matter (a search of the front matter as it
    is, not of a copy of it without its breaks)."""
    return re.compile(f"[^\n{_ESCAPED_CLASS}]")


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def quote(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly ``text``."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in _ESCAPES:
            return _ESCAPES[char]
        code = ord(char)
        return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"

    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = needs_escape().sub(escape, escaped)
    return f'"{escaped}"'


def _key(name: Any) -> str:
    text = str(name)
    if _PLAIN_KEY.fullmatch(text) and text.lower() not in _YAML11_WORDS:
        return text
    return quote(text)


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if hasattr(value, "isoformat"):  # date or datetime built by code
        return str(value.isoformat())
    if isinstance(value, PlainDate) and _PLAIN_DATE.fullmatch(value):
        return str(value)
    text = str(value)
    if RFC3339.fullmatch(text):
        return text
    return quote(text)


def _block(value: str, pad: str) -> list[str] | None:
    """A block scalar's lines (header last-indented by pad) that read back as exactly value, in the
    style the file had; None when no block scalar can hold it (then it is quoted)."""
    content = value.rstrip("\n")
    if not content or needs_escape().search(content.replace("\n", "").replace("\t", "")):
        return None
    source = getattr(value, "source", "").rstrip("\n").split("\n")
    if len(source) > 1 and _reads_as(source, value):
        return source  # as the file wrote it: its own line folds, indents and indicators
    lines = content.split("\n")
    trailing = len(value) - len(content)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    if isinstance(value, FoldedText):
        folded = re.sub(r"\n+", lambda match: "\n" * (len(match.group()) + 1), content)
        lines, style = folded.split("\n"), ">"
    else:
        style = "|"
    made = [f"{style}{chomp}"] + [f"{pad}  {line}" if line else "" for line in lines] + [""] * max(0, trailing - 1)
    return made if _reads_as(made, value) else None  # a first line that starts with a space...: quoted


def _reads_as(block: list[str], value: str) -> bool:
    """Whether a block scalar (its header, then its lines) reads back as exactly value."""
    import yaml

    try:
        read = yaml.safe_load("k: " + "".join(f"{line}\n" for line in block))
    except yaml.YAMLError:
        return False
    return isinstance(read, dict) and read.get("k") == value


def _emit(key: Any, value: Any, indent: int, out: list[str]) -> None:
    pad = "  " * indent
    if isinstance(value, Mapping):
        if not value:
            out.append(f"{pad}{_key(key)}: {{}}")
            return
        out.append(f"{pad}{_key(key)}:")
        for child_key, child in value.items():
            _emit(child_key, child, indent + 1, out)
    elif isinstance(value, list | tuple):
        if all(not isinstance(item, Mapping | list | tuple) for item in value):
            out.append(f"{pad}{_key(key)}: [{', '.join(_scalar(item) for item in value)}]")
            return
        out.append(f"{pad}{_key(key)}:")
        for item in value:
            if isinstance(item, Mapping):
                first = True
                for child_key, child in item.items():
                    lines: list[str] = []
                    _emit(child_key, child, indent + 2, lines)
                    lead = f"{pad}  - " if first else f"{pad}    "
                    out.append(lead + lines[0].lstrip())
                    out.extend(lines[1:])
                    first = False
            elif isinstance(item, list | tuple):
                out.append(f"{pad}  - [{', '.join(_scalar(x) for x in item)}]")
            else:
                out.append(f"{pad}  - {_scalar(item)}")
    else:
        block = _block(value, pad) if isinstance(value, LiteralText | FoldedText) else None
        if block is not None:
            out.append(f"{pad}{_key(key)}: {block[0]}")
            out.extend(block[1:])
            return
        out.append(f"{pad}{_key(key)}: {_scalar(value)}")


# A quoted value (the house-style reader's have no quote or backslash inside) that the writer leaves bare.
_QUOTED_MOMENT = re.compile('"' + RFC3339.pattern + '"', re.ASCII)


def written_as_read(text: str, body: str, printable: bool = False) -> bool:
    """Whether a file's ``text``, whose front matter ``parse_house_style`` read and whose ``body`` is what follows
    it, is what ``render_article`` writes of what was read, byte for byte: its front matter and body between the
    delimiters as the writer puts them, and ``dump_front_matter`` of the front matter read giving it back. The
    reader took each line in the writer's form (a key the writer leaves bare; a value quoted, true or false, a
    bare date, a flow list of quoted values, or a mapping of those two spaces in); what it takes and the writer
    writes otherwise: a blank line, a character the writer escapes (of those the reader lets through, a tab), a
    quoted value that is an RFC 3339 moment (written bare). A property test holds this to the writer. ``printable``:
    the reader found the front matter printable, its line breaks as spaces (then no character of it needs an
    escape, and it is not looked at again)."""
    # text is "---\n" front "---\n" body: both delimiters and the body looked at in place, not the text made again
    end = len(text) - len(body)
    if end < 8 or not text.startswith("---\n") or not text.startswith("---\n", end - 4) or not text.endswith(body):
        return False
    front = text[4:end - 4]
    return (front.endswith("\n") or not front) and "\n\n" not in front and not front.startswith("\n") \
        and (printable or _needs_no_escape(front)) and _QUOTED_MOMENT.search(front) is None


def _needs_no_escape(front: str) -> bool:
    """Whether no character of the front matter but its line breaks is one the writer escapes: every one of those is
    one Python does not print (a test holds this over all of Unicode), so a front matter that prints with its breaks
    made spaces (nearly all) needs no search of the writer's class, a character at a time."""
    return front.replace("\n", " ").isprintable() or _needs_escape_or_break().search(front) is None


def dump_front_matter(meta: Mapping[str, Any]) -> str:
    out: list[str] = []
    for key, value in meta.items():
        _emit(key, value, 0, out)
    return "".join(line + "\n" for line in out)
