"""A page's address shaped as an index's: evidence that the page is no article, where its source gives one.

Most pages that are no article which the page kind model (``page_kind``) misses read as a story in their text: a
tag, category, author or archive page whose excerpt holds one teaser, or the first story in full. What tells them
is the address, when the source gives it (a feed's or a header's URL field, an HTML page's canonical link):
``/tag/...``, ``/category/...``, ``/author/...``, ``/page/7``, ``?page=45``, a month's archive ``/2019/04/``. The
address alone is no exact rule (an index page whose excerpt is one story is labelled an article by
``benchmarks/quality-labels.md``), but together with the model's own leaning it is: a page at such an address is
marked when the model's share of votes for "no article" reaches ``ADDRESS_SHARE``, below the model's own threshold
(measured leave-sites-out on the corpus, ``benchmarks/quality.md``, "The page's address", kind14).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from pipeline.reading.lines import KindVerdict

# From this share of the page kind model's votes, a page at an index's address is marked (the model's own threshold,
# in its file, is higher: 0.651 for the shipped one).
ADDRESS_SHARE = 0.5
# A story's address: its last part a slug of at least this many words (its headline), never marked.
STORY_SLUG_WORDS = 6
_LONGEST = 2_000  # an address is read up to this many characters (a real one is far shorter)

# Each shape opens with a fixed character, so a scan moves from one "/", "?" or "&" to the next: no pattern
# backtracks over the address.
_LISTING = re.compile(r"/(?:tags?|category|categorie|categories|kategorie|author|auteur|hashtag|topics?|"
                      r"taxonomy/term)/")
_PAGE_NUMBER = re.compile(r"/(?:page|pagina)/\d")
_PAGE_QUERY = re.compile(r"(?:^|&)(?:page|start|pagina|b_start:int)=\d")
# a year's, a month's or a day's archive: nothing after it
_DATE_ARCHIVE = re.compile(r"/(?:19|20)\d{2}/(?:\d{1,2}/){0,2}\Z")


_SLUG_WORD = re.compile(r"[^\W\d_]{2,}")  # a word of two letters or more ("a-w-k" are initials)
_SLUG_PARTS = re.compile(r"[-_+]")
_EXTENSION = re.compile(r"\.\w{2,5}\Z")


def _parts(address: str) -> tuple[str, str] | None:
    """The address's path and query, lowered (None when urlsplit cannot read it: a bracket left open)."""
    try:
        parts = urlsplit(address.strip()[:_LONGEST].lower())
    except ValueError:
        return None
    return parts.path, parts.query


def slug_words(address: str) -> int:
    """How many words of two letters or more the last part of the address's path holds ("wat-doet-de-raad.html":
    four): a story's address names it by its headline, an index's by a section."""
    parts = _parts(address)
    last = next((part for part in reversed(parts[0].split("/")) if part), "") if parts else ""
    return sum(1 for word in _SLUG_PARTS.split(_EXTENSION.sub("", unquote(last))) if _SLUG_WORD.fullmatch(word))


def index_shape(address: str) -> str | None:
    """The index's shape the address has ("a tag, category or author page", "a page number", "a date's archive"),
    or None."""
    parts = _parts(address)
    if parts is None:
        return None
    path = parts[0]
    if _LISTING.search(path):
        return "a tag, category or author page"
    if _PAGE_NUMBER.search(path) or _PAGE_QUERY.search(parts[1]):
        return "a page number"
    if _DATE_ARCHIVE.search(path if path.endswith("/") else path + "/"):
        return "a date's archive"
    return None


@dataclass(frozen=True)
class ByAddress:
    """The page kind model's verdict, turned by the page's address (a ``KindVerdict``): "no article" at an index's
    address, "an article" at a story's."""

    model: KindVerdict
    not_article: bool
    why: str  # what the address is

    @property
    def share(self) -> float:
        return self.model.share

    @property
    def doubtful(self) -> bool:
        return False  # the address settled it, either way

    def explained(self) -> str:
        said = self.model.explained()
        for verdict in ("an article: ", "an article, in doubt: ", "not an article: "):
            said = said.removeprefix(verdict)
        if self.not_article:
            return (f"not an article: its address is {self.why}, and {said}; an index's address is marked from "
                    f"{ADDRESS_SHARE:.2f}")
        return f"an article: its address is {self.why}, never marked, though {said}"


def judged_with_address(verdict: KindVerdict, address: str) -> KindVerdict:
    """The page's verdict, taking its address into account: a page the model did not mark, at an index's address,
    with at least ``ADDRESS_SHARE`` of its votes for "no article", is marked; a page at a story's address (a slug of
    ``STORY_SLUG_WORDS`` words or more) is not, nor in doubt."""
    if not address:
        return verdict
    if verdict.not_article or verdict.doubtful:
        words = slug_words(address)
        if words >= STORY_SLUG_WORDS and index_shape(address) is None:
            return ByAddress(verdict, False, f"a story's (its last part a slug of {words} words)")
        if verdict.not_article:
            return verdict
    shape = index_shape(address)
    if shape is None or verdict.share < ADDRESS_SHARE:
        return verdict
    return ByAddress(verdict, True, shape)

