"""A list's heading over the article's prose ends nothing: answered for every heading of a page in one reading of
its lines (the samples are made up, in the shapes real pages have)."""

from __future__ import annotations

import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

import pipeline.reading.page as page_module
from pipeline.reading.lines import Kind, PageLine, is_prose
from pipeline.reading.page import read_page
from pipeline.reading.roles import furniture_share
from tests.reading.line_model_stub import model_gives

LEDE = ("De gemeenteraad heeft dinsdagavond na een lang debat ingestemd met het plan voor de nieuwe sporthal aan de "
        "rand van het dorp.")


def _over_the_text_slowly(lines: list[PageLine], index: int, head_end: int) -> bool:
    """The answer as it was: the page's lines read again for each heading asked about."""
    above = [line for line in lines[head_end:index] if line.kind == Kind.TEXT and is_prose(line.text)]
    below = [line for line in lines[index + 1:] if line.kind == Kind.TEXT and is_prose(line.text)]
    return len(above) <= 1 and len(below) >= 3 and \
        sum(len(line.text.split()) for line in below) > sum(len(line.text.split()) for line in above) and \
        all(line.shares and furniture_share(line) < 0.2 for line in below)


_TEXTS = [LEDE, "Het college wil nog dit jaar beginnen met de bouw van de hal.", "Meer uit de regio", "Reacties",
          "Kort", "Een korte zin.", " ".join(["woord"] * 30), "Recente berichten", LEDE + " " + LEDE, LEDE[:60] + ".",
          "Het college wil de hal bouwen, zegt de wethouder van sport vandaag.",
          "Het college wil de hal dit jaar bouwen, zegt hij."]  # ten words: three of them as many as the 30 above
_SHARES = [{}, {"body": 1.0}, {"body": 0.85, "related": 0.15}, {"body": 0.5, "navigation": 0.5}, {"related": 0.9}]
# any lines, a few of them first, and then mostly the article's prose taken for text, so that headings over it
# are found often
_ROW = st.tuples(st.sampled_from(_TEXTS), st.sampled_from([Kind.TEXT, Kind.FURNITURE, Kind.HEADING]),
                 st.sampled_from(range(len(_SHARES))))
_PROSE_ROW = st.tuples(st.sampled_from(_TEXTS[:2] * 3 + _TEXTS), st.sampled_from([Kind.TEXT] * 6 + [Kind.FURNITURE]),
                       st.sampled_from([1] * 20 + [2, 2, 0, 3, 4]))


@settings(max_examples=300, deadline=None)
@example([(_TEXTS[6], Kind.TEXT, 1), ("Reacties", Kind.TEXT, 1)], [(_TEXTS[-1], Kind.TEXT, 1)] * 3, 0)
@given(st.lists(_ROW, max_size=5), st.lists(_PROSE_ROW, max_size=10), st.integers(min_value=0, max_value=4))
def test_every_headings_answer_is_the_one_read_again_for_each(first: list[tuple[str, Kind, int]],
                                                              then: list[tuple[str, Kind, int]],
                                                              head_end: int) -> None:
    rows = first + then
    lines = [PageLine(text, block, kind, shares=dict(_SHARES[shares]))
             for block, (text, kind, shares) in enumerate(rows)]
    over_the_text = page_module._over_the_text(lines, head_end)
    answers = [_over_the_text_slowly(lines, index, head_end) for index in range(head_end + 1, len(lines))]
    assert [over_the_text(index) for index in range(head_end + 1, len(lines))] == answers
    event("a heading over the text" if any(answers) else "none over the text")


def test_a_heading_over_the_prose_ends_nothing_and_one_under_it_ends_the_article(
        monkeypatch: pytest.MonkeyPatch) -> None:
    model_gives(monkeypatch, {})
    prose = [LEDE.replace("dinsdagavond", day) for day in ("maandag", "dinsdag", "woensdag", "donderdag")]
    over = read_page("\n\n".join(["Nieuwe sporthal komt er", LEDE, "Reacties", *prose]) + "\n")
    assert not over.removed and len(over.blocks) == 6
    under = read_page("\n\n".join(["Nieuwe sporthal komt er", LEDE, *prose, "Reacties", "Brand in schuur"]) + "\n")
    assert {removed.line for removed in under.removed} == {"Reacties", "Brand in schuur"}


def test_a_page_of_twenty_thousand_list_headings_is_read_with_each_line_read_for_prose_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    model_gives(monkeypatch, {})
    asked: list[str] = []

    def counted(text: str) -> bool:
        asked.append(text)
        return is_prose(text)

    monkeypatch.setattr(page_module, "is_prose", counted)
    headings = [f"Meer uit de regio {number}" for number in range(20_000)]  # each another: none shown twice
    prose = [LEDE.replace("dinsdagavond", day) for day in ("maandag", "dinsdag", "woensdag", "donderdag")]
    page = read_page("\n\n".join(["Nieuwe sporthal komt er", LEDE, *headings, *prose]) + "\n")
    # every heading stands over the article's prose: none ends it, and the page's lines were read for prose a
    # bounded number of times each (read again for each heading, 400 million)
    assert not page.removed and len(page.blocks) == len(headings) + 5
    assert len(asked) <= 2 * (len(headings) + 6)
