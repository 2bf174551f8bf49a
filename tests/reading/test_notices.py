"""A notice at the top of a page (cookies, a browser too old, a paywall's count) and the headline under it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pipeline.reading.page as page_module
from pipeline.reading.line_features import page_features
from pipeline.reading.lines import Kind, PageLine
from pipeline.reading.roles import NOTICE_SHARE, furniture_share, notices_taken_off

NOTICE = "Je gebruikt een verouderde browser. Niet alle onderdelen van deze site werken daardoor zoals bedoeld."
HEADLINE = "Brand verwoest boerderij in Hengelo"
LEDE = "Een grote brand heeft vannacht een boerderij in Hengelo verwoest. De brandweer was urenlang bezig met blussen."
MORE = "De bewoners van de boerderij konden op tijd naar buiten. Niemand raakte gewond bij de brand in Hengelo."


def judged(text: str, furniture: float) -> PageLine:
    """A line as the line model left it: its share of furniture votes (as "promo"), its features' row."""
    line = PageLine(text, 0)
    line.row = page_features([line])[0]
    line.shares = {"promo": furniture, "body": 1.0 - furniture} if furniture else {"body": 1.0}
    line.role, line.share = max(line.shares.items(), key=lambda item: (item[1], item[0]))
    return line


def test_a_notice_above_the_first_prose_the_model_keeps_is_taken_off_and_nothing_else() -> None:
    lines = [judged("Menu", 0.9), judged(NOTICE, 0.9), judged(HEADLINE, 0.0), judged(LEDE, 0.1), judged(MORE, 0.9)]
    assert notices_taken_off(lines)
    assert [line.kind for line in lines] == [Kind.TEXT, Kind.FURNITURE, Kind.TEXT, Kind.TEXT, Kind.TEXT]
    assert lines[1].reason.startswith("notice at the top of the page")
    # below the article's first prose a line the model doubts is left for the furniture it removes later
    assert not notices_taken_off([judged(LEDE, 0.1), judged(NOTICE, 0.9)])


@given(st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=1, max_size=6))
def test_a_prose_line_the_model_keeps_is_never_taken_for_a_notice(shares: list[float]) -> None:
    lines = [judged(NOTICE, share) for share in shares]
    notices_taken_off(lines)
    kept = [line for line in lines if furniture_share(line) < NOTICE_SHARE]
    assert all(line.kind == Kind.TEXT for line in kept)
    assert all(line.kind == Kind.TEXT for line in lines[lines.index(kept[0]):]) if kept else True


def test_the_headline_under_a_notice_is_the_pages_headline(monkeypatch: pytest.MonkeyPatch) -> None:
    def model_said(lines: list[PageLine], recurring: object = None) -> frozenset[str]:
        for line, row in zip(lines, page_features(lines), strict=True):
            line.row = row
            line.shares = {"promo": 0.95, "body": 0.05} if line.text == NOTICE else {"body": 1.0}
            line.role, line.share = max(line.shares.items(), key=lambda item: (item[1], item[0]))
        return frozenset({"furniture", "headline"})

    monkeypatch.setattr(page_module, "learn_roles", model_said)
    page = page_module.read_page("\n\n".join([NOTICE, HEADLINE, LEDE, MORE]))
    assert page.headline == HEADLINE
    assert [line.kind for line in page.lines[:2]] == [Kind.FURNITURE, Kind.HEADLINE]
