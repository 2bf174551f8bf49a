"""A page that is no article (an index of stories) opens with its first story's title, which the reader takes for
the headline: shaped as the page's other sub-headings, it is also the first of them (``subheadings.heads_the_list``)."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from pipeline.model.config import config_from_mapping
from pipeline.reading import page_kind
from pipeline.reading.draft import SourceInfo, drafts_from_bytes
from pipeline.reading.subheadings import heads_the_list
from tests.reading.line_model_stub import model_gives

SCRAPED = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
CONFIG = config_from_mapping({})
SURE = {"sub-heading": 0.9, "body": 0.1}

# A made-up index of three stories: a title, then its teaser.
FIRST = "Nieuwe speeltuin geopend aan de Kerkstraat"
SECOND = "Werkzaamheden aan de brug duren langer"
THIRD = "Raad stemt in met plan voor zwembad"
INDEX = "\n\n".join([
    FIRST, "De kinderen van de wijk kunnen sinds zaterdag spelen in de nieuwe speeltuin aan de Kerkstraat.",
    SECOND, "De brug over de Linge blijft twee weken langer dicht dan de gemeente had gezegd.",
    THIRD, "De gemeenteraad van Tiel heeft dinsdagavond ingestemd met het plan voor een nieuw zwembad.",
])

# A model that judges every page no article, and one that judges none, whatever its text.
_ALWAYS, _NEVER = (page_kind.from_data({
    "format": page_kind.FORMAT, "features": list(page_kind.KIND_FEATURES), "threshold": 0.5, "trained_on": said,
    "words": {}, "trees": [{"feature": [-1], "threshold": [0], "left": [-1], "right": [-1], "value": [{"1": share}]}]})
    for said, share in (("marks every page", 1.0), ("marks no page", 0.0)))


def _body_and_title(text: str) -> tuple[str, str]:
    source = SourceInfo("raw/page.txt", "0" * 64, SCRAPED, SCRAPED)
    article = drafts_from_bytes(text.encode("utf-8"), source, CONFIG)[0].article
    return article.body, str(article.meta["title"])


def _headings(body: str) -> list[str]:
    return [line[3:] for line in body.splitlines() if line.startswith("## ")]


@pytest.mark.parametrize(("headline", "headings"), [
    (FIRST, [SECOND, THIRD]),
    ("Wat doet de gemeente met het plan?", ["Wie betaalt de nieuwe brug?", "Nieuwe speeltuin geopend"]),
    ("Column: regen in de zomer", ["Column: een gemiste kans", "Column: de brug"]),
])
def test_a_headline_shaped_as_half_the_pages_headings_heads_the_list(headline: str, headings: list[str]) -> None:
    assert heads_the_list(headline, headings)


@pytest.mark.parametrize(("headline", "headings"), [
    ("Nieuws", [SECOND, THIRD]),  # the page's own title: a word or two
    ("Laatste nieuws", [SECOND, THIRD]),
    (FIRST, []),  # no sub-headings on the page
    ("Wat doet de gemeente met het plan?", [SECOND, THIRD]),  # another ending
    (FIRST, ["Kosten", "Planning", "Reacties"]),  # much shorter headings
    (FIRST + " en wat de buurt ervan vindt, in een lange regel van veel woorden", [SECOND, THIRD]),
])
def test_a_headline_shaped_otherwise_heads_nothing(headline: str, headings: list[str]) -> None:
    assert not heads_the_list(headline, headings)


def test_an_index_pages_first_story_is_its_headline_and_its_first_sub_heading(monkeypatch: pytest.MonkeyPatch) -> None:
    model_gives(monkeypatch, {SECOND: SURE, THIRD: SURE}, decides=("headings",), alone_in_block=True)
    with page_kind.using(_ALWAYS):
        body, title = _body_and_title(INDEX)
    assert title == FIRST
    assert _headings(body) == [FIRST, SECOND, THIRD]
    assert body.startswith(f"\n## {FIRST}\n\nDe kinderen van de wijk")


def test_an_articles_headline_stays_out_of_its_body(monkeypatch: pytest.MonkeyPatch) -> None:
    model_gives(monkeypatch, {SECOND: SURE, THIRD: SURE}, decides=("headings",), alone_in_block=True)
    with page_kind.using(_NEVER):
        body, title = _body_and_title(INDEX)
    assert title == FIRST
    assert _headings(body) == [SECOND, THIRD]


@pytest.mark.parametrize("headline", ["A" * 100_000, "Ab " * 33_000, "Ab\x00\x07 " * 30_000, "? " * 50_000])
def test_long_repetitive_or_control_headlines_are_weighed_at_once(headline: str) -> None:
    started = time.process_time()
    for _ in range(10):
        heads_the_list(headline, [headline, SECOND, headline[:5000]])
    assert time.process_time() - started < 0.1
