"""The line of a page's head that its address names: the site's own name for the page, and so its title.

Where the source gives a page's address (a feed's or a header's URL field, an HTML page's canonical link), the last
part of its path is the name the site gave the page: a story's slug of its headline
(".../nieuwe-speelplek-voor-aalanden"), an index's label (".../nieuws/gent", ".../reviews"), a document's title
(".../huishoudelijk-reglement"). A line of the head whose every word stands in that part, which holds at most one
word more, is the page's title, whatever the head's rules or the headline model made of it: a label over an index's
first teaser, a kicker, a section's name, two capitalised words taken for a name, a date line, a caption over its
credit. The words compared are content words (``headline_model.content_words``: three letters or more or a number,
no stop words), so "De afbraak van de huurrechter" is named by "afbraak-huurrechter" too; a part of numbers alone
("20211101", "201501801-1-r2") names nothing. Measured leave-sites-out with each page's labelled address
(``benchmarks/quality.md``, title15). Without an address, nothing changes.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from pipeline.reading.headline_model import WINDOW, content_words
from pipeline.reading.lines import Kind, PageLine

_LONGEST = 2_000  # an address is read up to this many characters (a real one is far shorter)
_PARTS = re.compile(r"[-_+.,;:!=~]|%20")  # what a slug's words are joined by
_EXTENSION = re.compile(r"\.\w{2,5}\Z")
_A_WORD = re.compile(r"[^\W\d_]{3}")
MORE_WORDS = 1  # the address's part may hold this many words the line does not ("-2", a site's code)

# The head's rules whose word on a line the address overrules: labels by their place or shape, a name by its shape,
# a date line, a caption over its credit. Never a furniture line by an exact form (a case's number, a trail of pages,
# a byline in its own form, the headline repeated).
_TAKEN_BACK = frozenset({
    "label above the headline", "label under the headline", "label above the lede",
    "a section's label (\"Laatste nieuws\")", "name in the page head", "name under the headline",
    "date line in the page head", "a date alone in the page head", "a caption with its credit under it",
})


def address_words(address: str) -> frozenset[str]:
    """The content words of the last part of the address's path (empty when it holds no word of letters)."""
    try:
        path = urlsplit(address.strip()[:_LONGEST]).path
    except ValueError:
        return frozenset()
    last = next((part for part in reversed(path.split("/")) if part), "")
    words = content_words(_PARTS.sub(" ", _EXTENSION.sub("", unquote(last))))
    return words if any(_A_WORD.match(word) for word in words) else frozenset()


def named(line: PageLine, words: frozenset[str]) -> bool:
    own = content_words(line.text)
    return bool(own) and own <= words and len(words - own) <= MORE_WORDS and any(_A_WORD.match(word) for word in own)


def named_by_address(head: list[PageLine], address: str) -> PageLine | None:
    """The first line of the head's first ``WINDOW`` lines that the address names (see the module's docstring), left
    text or taken by one of the head's rules the address overrules; None without an address or such a line."""
    words = address_words(address) if address else frozenset()
    if not words:
        return None
    return next((line for line in head[:WINDOW] if (line.kind == Kind.TEXT or (
        line.kind in (Kind.KICKER, Kind.BYLINE, Kind.DATE_LINE, Kind.CAPTION) and line.reason in _TAKEN_BACK))
        and named(line, words)), None)


def same_words(line: PageLine, other: PageLine) -> bool:
    """Whether two lines say the same words (the headline the reader chose and the line the address names)."""
    return content_words(line.text) == content_words(other.text)
