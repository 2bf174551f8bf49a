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
from urllib.parse import urlsplit

from pipeline.reading.lines import KindVerdict

# From this share of the page kind model's votes, a page at an index's address is marked (the model's own threshold,
# in its file, is higher: 0.651 for the shipped one).
ADDRESS_SHARE = 0.5
_LONGEST = 2_000  # an address is read up to this many characters (a real one is far shorter)

# Each shape opens with a fixed character, so a scan moves from one "/", "?" or "&" to the next: no pattern
# backtracks over the address.
_LISTING = re.compile(r"/(?:tags?|category|categorie|categories|kategorie|author|auteur|hashtag|topics?|"
                      r"taxonomy/term)/")
_PAGE_NUMBER = re.compile(r"/(?:page|pagina)/\d")
_PAGE_QUERY = re.compile(r"(?:^|&)(?:page|start|pagina|b_start:int)=\d")
# a year's, a month's or a day's archive: nothing after it
_DATE_ARCHIVE = re.compile(r"/(?:19|20)\d{2}/(?:\d{1,2}/){0,2}\Z")


def index_shape(address: str) -> str | None:
    """The index's shape the address has ("a tag, category or author page", "a page number", "a date's archive"),
    or None."""
    try:
        parts = urlsplit(address.strip()[:_LONGEST].lower())
    except ValueError:  # an address urlsplit cannot read (a bracket left open) shows no shape
        return None
    path = parts.path
    if _LISTING.search(path):
        return "a tag, category or author page"
    if _PAGE_NUMBER.search(path) or _PAGE_QUERY.search(parts.query):
        return "a page number"
    if _DATE_ARCHIVE.search(path if path.endswith("/") else path + "/"):
        return "a date's archive"
    return None


@dataclass(frozen=True)
class ByAddress:
    """The page kind model's verdict, turned to "no article" by the page's address (a ``KindVerdict``)."""

    model: KindVerdict
    shape: str

    @property
    def not_article(self) -> bool:
        return True

    @property
    def share(self) -> float:
        return self.model.share

    def explained(self) -> str:
        said = self.model.explained().removeprefix("an article: ")
        return (f"not an article: its address is {self.shape}, and {said}; an index's address is marked from "
                f"{ADDRESS_SHARE:.2f}")


def judged_with_address(verdict: KindVerdict | None, address: str) -> KindVerdict | None:
    """The page's verdict, taking its address into account: a page the model did not mark, at an index's address,
    with at least ``ADDRESS_SHARE`` of its votes for "no article", is marked."""
    if verdict is None or verdict.not_article or not address:
        return verdict
    shape = index_shape(address)
    if shape is None or verdict.share < ADDRESS_SHARE:
        return verdict
    return ByAddress(verdict, shape)
