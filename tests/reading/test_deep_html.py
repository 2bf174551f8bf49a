"""A page nested deeper than the HTML parser builds trees (libxml2 stops at 256 elements, or 2,048,
and leaves the rest of the page out without an error) is read whole: its body is never cut to the
headline, nor refused as having no text."""

from __future__ import annotations

import pytest

from pipeline.reading.draft import drafts_from_bytes
from pipeline.reading.html_text import visible_text
from tests.reading.test_html import CONFIG, SOURCE

SENTENCES = [f"Zin {number}: de gemeenteraad van Deventer besprak dinsdagavond het plan voor het centrum, "
             f"en de wethouder beloofde een besluit voor de zomer van dit jaar." for number in range(8)]
FIRST = "".join(f"<p>{sentence}</p>" for sentence in SENTENCES[:4])
SECOND = "".join(f"<p>{sentence}</p>" for sentence in SENTENCES[4:])
HEAD = "<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'><title>Raad bespreekt centrumplan</title></head>"


def nested(depth: int, tag: str) -> str:
    return (f"{HEAD}<body><h1>Raad bespreekt centrumplan</h1>{f'<{tag}>' * depth}{FIRST}{SECOND}"
            f"{f'</{tag}>' * depth}</body></html>")


def unclosed(depth: int, tag: str) -> str:
    return (f"{HEAD}<body><article><h1>Raad bespreekt centrumplan</h1>{FIRST}{f'<{tag}>' * depth}{SECOND}"
            "</article></body></html>")


@pytest.mark.parametrize(("shape", "depth", "tag"), [
    (nested, 300, "div"), (nested, 1_000, "div"), (nested, 5_000, "div"), (nested, 300, "section"),
    (unclosed, 300, "b"), (unclosed, 3_000, "b"), (unclosed, 100_000, "b"), (unclosed, 2_000, "span"),
])
def test_a_deeply_nested_page_is_read_whole(shape: object, depth: int, tag: str) -> None:
    page = shape(depth, tag)  # type: ignore[operator]
    [draft] = drafts_from_bytes(page.encode(), SOURCE, CONFIG)
    body = " ".join(draft.article.body.split())
    missing = [sentence[:6] for sentence in SENTENCES if sentence not in body]
    assert missing == [], f"{shape.__name__} {depth} <{tag}>: {body[:300]!r}"  # type: ignore[attr-defined]


def test_visible_text_needs_no_tree() -> None:
    page = (HEAD + "<body><script>var x = '<p>geen tekst</p>';</script><div>Een <b>vet</b> woord</div>"
            "<svg><text>geen</text></svg><p>Tweede</p><ul><li>een</li><li>twee</li></ul>" + "<i>" * 50_000
            + "<p>diep</p></body></html>")
    assert visible_text(page) == "Een vet woord\nTweede\neen\ntwee\ndiep"
