"""Raw shapes: decoded text in, the body text and the header fields the source itself gives out.

One reader per shape, tried in order (most specific first); a new shape is one new reader in
``READERS``. Readers find fields; they do not interpret them (dates are parsed in extract).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.config import Config


@dataclass
class RawItem:
    """What one raw file (or one item of a JSON Lines file) says about itself."""

    shape: str
    body: str  # text after the header, cleaned by text.clean_text later
    fields: dict[str, str] = field(default_factory=dict)  # title, date, url, author, ... as given
    evidence: dict[str, str] = field(default_factory=dict)  # field -> where it was found
    meta: dict[str, object] = field(default_factory=dict)  # front matter given by the source


@dataclass(frozen=True)
class Reader:
    name: str
    detect: Callable[[str], bool]
    read: Callable[[str, Config], list[RawItem]]


# --- the `date YYYY-MM-DD` dump ----------------------------------------------------------------

DUMP_HEADER = re.compile(r"\A\s*date[ \t]+(?P<date>\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*(?P<rest>[^\n]*)", re.I)


def detect_dump(text: str) -> bool:
    return DUMP_HEADER.match(text) is not None


def read_dump(text: str, config: Config) -> list[RawItem]:
    match = DUMP_HEADER.match(text)
    assert match is not None
    token = match["date"]
    body = match["rest"] + text[match.end():]
    return [RawItem("dump", body, {"date": token}, {"date": f"line 1: header 'date {token}'"})]


# --- plain text: no metadata at all ------------------------------------------------------------


def read_plain(text: str, config: Config) -> list[RawItem]:
    return [RawItem("plain", text)]


READERS: list[Reader] = [
    Reader("dump", detect_dump, read_dump),
    Reader("plain", lambda _text: True, read_plain),
]


def read_source(text: str, config: Config) -> list[RawItem]:
    """The items of a decoded raw file, read by the first reader that recognises its shape."""
    for reader in READERS:
        if reader.detect(text):
            return reader.read(text, config)
    raise AssertionError("the plain reader accepts everything")
