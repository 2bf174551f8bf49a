"""A page's address, when its source gives one, names the page's title: the head's line whose every word stands in
the last part of the address's path (which holds at most one word more) is the title, over the head's rules (a label
over an index's first teaser, a kicker, two capitalised words taken for a name). Made-up addresses and pages only."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

import pytest

from pipeline.model.config import config_from_mapping
from pipeline.reading.address_title import address_words, named, named_by_address
from pipeline.reading.draft import SourceInfo, drafts_from_bytes
from pipeline.reading.lines import Kind, PageLine
from tests.reading.test_page_address import HOSTILE_ADDRESSES

SCRAPED = datetime(2024, 4, 1, tzinfo=UTC)
CONFIG = config_from_mapping({})


@pytest.mark.parametrize(("address", "words"), [
    ("https://example.org/nieuws/raad-stemt-in-met-sporthal", {"raad", "stemt", "sporthal"}),
    ("https://example.org/nieuws/raad-stemt-in-met-sporthal/", {"raad", "stemt", "sporthal"}),
    ("https://example.org/artikel/raad_stemt_in_met_sporthal.html", {"raad", "stemt", "sporthal"}),
    ("https://example.org/wijken/duinpark", {"duinpark"}),
    ("https://example.org/nieuws?page=2", {"nieuws"}),  # the path's last part, never the query
    ("https://example.org/nieuws/carri%C3%A8re-kansen", {"carrière", "kansen"}),  # read unquoted
    ("https://example.org/nieuws/2024/03/12/", frozenset()),  # numbers alone name nothing
    ("https://example.org/uitspraken/201501801-1-r2/", frozenset()),
    ("https://example.org/", frozenset()),
    ("", frozenset()),
    ("http://[::1", frozenset()),  # urlsplit cannot read it
])
def test_the_address_last_part_gives_its_words(address: str, words: set[str]) -> None:
    assert address_words(address) == frozenset(words)


def _line(text: str, kind: Kind = Kind.TEXT, reason: str = "") -> PageLine:
    line = PageLine(text, 0)
    line.kind, line.reason = kind, reason
    return line


def test_a_line_is_named_when_its_words_stand_in_the_address_with_at_most_one_more() -> None:
    words = address_words("https://example.org/nieuws/raad-stemt-in-met-sporthal-2")
    assert named(_line("Raad stemt in met sporthal"), words)
    assert named(_line("RAAD STEMT IN MET SPORTHAL"), words)
    assert not named(_line("Raad stemt in met nieuwe sporthal"), words)  # a word the address does not hold
    assert named(_line("Raad stemt"), words)  # one of its content words left over ("in", "met" are stop words)
    assert not named(_line("Raad"), words)  # two left over
    assert not named(_line("2"), address_words("https://example.org/nieuws/2"))


def test_the_first_named_line_of_the_head_is_found_and_furniture_by_an_exact_form_never() -> None:
    head = [_line("Nieuws", Kind.KICKER, "label above the headline"), _line("Raad stemt in met sporthal")]
    assert named_by_address(head, "https://example.org/nieuws") is head[0]
    assert named_by_address(head, "https://example.org/nieuws/raad-stemt-in-met-sporthal") is head[1]
    assert named_by_address(head, "") is None
    assert named_by_address(head, "https://example.org/sport") is None
    trail = [_line("Home » Nieuws", Kind.FURNITURE, "trail of pages"), _line("Nieuws", Kind.BYLINE, "byline")]
    assert named_by_address(trail, "https://example.org/home-nieuws") is None
    assert named_by_address(trail, "https://example.org/nieuws") is None


_INDEX = ("Nieuws\n\nNieuwe speeltuin in het Duinpark geopend\n\nDe nieuwe speeltuin aan de rand van het Duinpark is "
          "dinsdag geopend door wethouder De Vries. Kinderen uit de buurt mochten als eersten de klimtoren "
          "uitproberen.\n\nRaad stemt in met sporthal\n\nDe gemeenteraad heeft dinsdagavond ingestemd met de bouw van "
          "een nieuwe sporthal aan de Dorpsstraat. De bouw begint volgend voorjaar.\n")


def title_at(text: str, address: str | None) -> tuple[str, str]:
    """The title of a JSON item holding ``text`` and, unless None, ``address`` as its URL, and its evidence."""
    item = {"text": text, **({"url": address} if address is not None else {})}
    source = SourceInfo("raw/item.json", "0" * 64, SCRAPED, SCRAPED)
    draft = drafts_from_bytes(json.dumps(item).encode("utf-8"), source, CONFIG, explain=True)[0]
    return str(draft.article.meta["title"]), str(draft.evidence.get("title", ""))


def test_an_index_named_by_its_address_takes_its_label_for_its_title() -> None:
    without, _ = title_at(_INDEX, None)
    assert without == "Nieuwe speeltuin in het Duinpark geopend"  # the label passed over for the first teaser
    title, evidence = title_at(_INDEX, "https://example.org/nieuws")
    assert title == "Nieuws"
    assert "named by the page's address" in evidence
    # an address that names no line of the head, or a story under the index's label, changes nothing
    assert title_at(_INDEX, "https://example.org/nieuws/12345")[0] == without
    assert title_at(_INDEX, "https://example.org/nieuws/nieuwe-speeltuin-duinpark-geopend")[0] == without


# the page kind's hostile addresses (tags, pages, dashes, digits, control characters, brackets, percent signs), and
# a slug's own: one word repeated, a path of many parts
_HOSTILE = {**HOSTILE_ADDRESSES,
            "words": "https://example.org/" + "sporthal-" * 12_000,
            "slashes": "https://example.org" + "/nieuws" * 15_000}


@pytest.mark.parametrize("case", sorted(_HOSTILE))
def test_a_hostile_address_is_read_up_to_its_first_two_thousand_characters(case: str) -> None:
    address = _HOSTILE[case]
    assert len(address) >= 100_000
    assert address_words(address) == address_words(address[:2_000])
    head = [_line("sporthal " * 12_000), _line("\x00" * 100_000), _line("Nieuws")]
    started = time.process_time()  # the processor's time, not the wall clock's: each case is bounded by its cut
    for _ in range(10):
        address_words(address)
        named_by_address(head, address)
    assert time.process_time() - started < 1.0, case
