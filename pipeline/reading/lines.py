"""A page's lines as the page reader sees them: their kinds, what was removed, and prose features."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple, Protocol


class KindVerdict(Protocol):
    """What ``page_kind`` said of a page (its ``KindJudgement``), as the page keeps it: named here, so that
    this module, which every reading module imports, imports none of them."""

    @property
    def not_article(self) -> bool: ...

    @property
    def share(self) -> float: ...

    @property
    def doubtful(self) -> bool: ...  # read as an article, but its share of votes nearly marked it

    def explained(self) -> str: ...


class Kind(StrEnum):
    HEADLINE = "headline"
    KICKER = "kicker"
    BYLINE = "byline"
    DATE_LINE = "date line"
    CAPTION = "caption"
    FURNITURE = "furniture"
    HEADING = "sub-heading"
    TEXT = "text"


class Removed(NamedTuple):
    """A line that does not reach the draft, and why (the draft's evidence shows each as "kind (reason): line")."""

    line: str
    kind: Kind
    reason: str


@dataclass
class Page:
    blocks: list[tuple[Kind, str]] = field(default_factory=list)  # TEXT paragraphs and HEADING lines
    headline: str = ""
    headline_rule: str = ""
    kicker: str = ""
    author: str = ""
    dates: list[tuple[str, str]] = field(default_factory=list)  # (date token, the line it stood on)
    # a date the headline names or the lede opens with: the page's only when nothing else dates it
    weak_dates: list[tuple[str, str]] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    lines: list[PageLine] = field(default_factory=list)  # every line as read, with the model's role
    kind_row: list[float] = field(default_factory=list)  # the page's features for ``page_kind``
    not_article: bool = False  # an index, shop, agenda or login page, by ``page_kind``
    kind: KindVerdict | None = None  # the verdict of ``page_kind``, and why, for the draft's evidence


@functools.lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    from stop_words import get_stop_words  # a maintained list per language, as jusText uses

    return frozenset(word for code in ("nl", "en", "de") for word in get_stop_words(code) if not word.isdigit())


def stop_word_density(line: str) -> float:
    tokens = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", line.lower())
    if not tokens:
        return 0.0
    stops = stop_words()
    return sum(1 for token in tokens if token in stops) / len(tokens)


SENTENCE_END = re.compile(r"[.…][\"”’')»]*$")


def is_prose(line: str) -> bool:
    """A line of the article's text: a sentence of some length, or a long run of words."""
    count = len(line.split())
    if count >= 25:
        return True
    return count >= 6 and SENTENCE_END.search(line) is not None and stop_word_density(line) >= 0.1


# A label and a reference number: "zaaknummer / rolnummer: 123456 / HA ZA 22-789", "Parketnummer: 13/4567".
_REFERENCE = re.compile(r"[^:\d]{2,40}:\s*[\d/ .-]*\d[\w/ .-]*")


def is_reference(line: str) -> bool:
    return len(line) <= 120 and _REFERENCE.fullmatch(line) is not None


def is_caps_label(line: str) -> bool:
    """ "WEERBERICHT.", "MAÑANA VAN DE DAG", "KOERS": a label in capitals, a few words long."""
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters) and len(line.split()) <= 5 and len(letters) >= 3


@dataclass
class PageLine:
    text: str
    block: int  # index of the paragraph (blank-line separated block) it stood in
    kind: Kind = Kind.TEXT
    reason: str = ""
    role: str = ""  # what the line model takes it for ("body", "headline", "navigation", ...), and how sure
    share: float = 0.0
    shares: dict[str, float] = field(default_factory=dict)
    row: list[float] = field(default_factory=list)  # its features, for explaining the model's decision
    headline: float = -1.0  # the headline model's share for it, among a page's first lines (-1: not asked)
    after_run: bool = False  # cut as below a flattened page's run of text (``page``), by where it stands alone
