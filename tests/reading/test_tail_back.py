"""A whole page's tail that is the article's own (issue 24, lost12): a page counted as flattened whole for its many
short lines (a list, a table, a fixture under a paragraph) where nothing under the article reads as a page's
furniture gets the lines its two cuts by place took back; a page with a footer keeps them out."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.reading.lines import Kind, PageLine
from pipeline.reading.roles import furniture_share
from pipeline.reading.run_of_text import tail_back

OUTSIDE = "outside the page's run of text (a whole page flattened)"
BELOW = "below the article the line model finds on a whole page"
LEDE = ("De gemeenteraad telt na de verkiezingen van maart negen partijen, twee meer dan in de vorige periode, "
        "en heeft een nieuwe voorzitter gekozen uit haar midden.")
ITEMS = ["• Raadsperiode 2019-2022: 5 raadsleden", "• Raadsperiode 2022-2026: 7 raadsleden", "Groen Dorp",
         "• Raadsperiode 2019-2022: 2 raadsleden", "• Raadsperiode 2022-2026: 3 raadsleden", "Lokaal Belang",
         "De raad vergadert voortaan op de eerste dinsdag van de maand in het gemeentehuis."]


def judged(text: str, furniture: float, kind: Kind = Kind.FURNITURE, reason: str = OUTSIDE,
           after_run: bool = True) -> PageLine:
    line = PageLine(text, 0, kind, reason)
    line.after_run = after_run and reason == OUTSIDE
    line.shares = {"navigation": furniture, "body": 1 - furniture}
    line.role, line.share = max(line.shares.items(), key=lambda item: (item[1], item[0]))
    return line


def page(shares: list[float], reasons: list[str] | None = None) -> list[PageLine]:
    reasons = reasons or [OUTSIDE] * len(shares)
    return [judged(LEDE, 0.05, Kind.TEXT, "", after_run=False),
            *(judged(text, share, reason=reason) for text, share, reason in zip(ITEMS, shares, reasons, strict=True))]


def test_a_list_under_the_article_with_no_footer_goes_back_to_the_text() -> None:
    lines = page([0.3, 0.35, 0.4, 0.3, 0.55, 0.45, 0.2], [OUTSIDE, BELOW, OUTSIDE, BELOW, OUTSIDE, OUTSIDE, BELOW])
    tail_back(lines, furniture_share)
    assert all(line.kind == Kind.TEXT for line in lines)


def test_a_line_the_model_takes_for_furniture_stays_cut_in_such_a_tail() -> None:
    lines = page([0.3, 0.3, 0.65, 0.65, 0.3, 0.3, 0.65])  # two in a row, and the tail's last line
    tail_back(lines, furniture_share)
    assert [line.kind == Kind.TEXT for line in lines[1:]] == [True, True, False, False, True, True, False]


@given(st.floats(0, 0.69))  # from 0.7 the line is a footer's, and the tail no list's
def test_one_line_amid_the_lists_lines_in_the_text_comes_back_whatever_its_share(share: float) -> None:
    lines = page([0.3, 0.3, share, 0.3, 0.3, 0.3, 0.2])
    tail_back(lines, furniture_share)
    assert all(line.kind == Kind.TEXT for line in lines)


def test_one_line_amid_lines_other_rules_took_stays_cut() -> None:
    lines = page([0.3, 0.3, 0.65, 0.3, 0.3, 0.3, 0.2], [OUTSIDE, "navigation menu", OUTSIDE, "stray fragment",
                                                      OUTSIDE, OUTSIDE, OUTSIDE])
    tail_back(lines, furniture_share)
    assert lines[3].kind == Kind.FURNITURE


def test_a_tail_with_a_footer_the_model_takes_for_furniture_stays_cut() -> None:
    lines = page([0.3, 0.3, 0.3, 0.3, 0.3, 0.9, 0.95])  # two lines of seven a footer's: more than one in twenty
    tail_back(lines, furniture_share)
    assert all(line.kind == Kind.FURNITURE for line in lines[1:])


def test_a_tail_the_model_half_takes_for_furniture_stays_cut() -> None:
    lines = page([0.5, 0.55, 0.45, 0.5, 0.4, 0.5, 0.45])  # other stories' teasers, no footer: on average too much
    tail_back(lines, furniture_share)
    assert all(line.kind == Kind.FURNITURE for line in lines[1:])


def test_a_line_another_rule_took_stays_that_rules() -> None:
    lines = page([0.1] * 7, [OUTSIDE, "navigation menu", OUTSIDE, OUTSIDE, "stray fragment", OUTSIDE, OUTSIDE])
    tail_back(lines, furniture_share)
    assert lines[2].reason == "navigation menu" and lines[5].reason == "stray fragment"
    assert lines[1].kind == lines[3].kind == Kind.TEXT


def test_lines_cut_above_the_run_are_no_tail() -> None:
    lines = page([0.1] * 7)
    for line in lines:
        line.after_run = False
    tail_back(lines, furniture_share)
    assert all(line.kind == Kind.FURNITURE for line in lines[1:])


def test_the_rules_alone_put_nothing_back() -> None:
    lines = [PageLine(LEDE, 0, Kind.TEXT, ""), *(PageLine(text, 0, Kind.FURNITURE, BELOW) for text in ITEMS)]
    tail_back(lines, furniture_share)
    assert all(line.kind == Kind.FURNITURE for line in lines[1:])


@given(st.lists(st.tuples(st.text(max_size=40), st.floats(0, 1), st.sampled_from([OUTSIDE, BELOW, "", "credit"])),
                max_size=60))
def test_hostile_tails_never_crash_and_only_lines_cut_by_place_come_back(
        rows: list[tuple[str, float, str]]) -> None:
    lines = [judged(text, share, Kind.TEXT if not reason else Kind.FURNITURE, reason) for text, share, reason in rows]
    before = [(line.kind, line.reason) for line in lines]
    tail_back(lines, furniture_share)
    for index, (line, (kind, reason)) in enumerate(zip(lines, before, strict=True)):
        if line.kind != kind:
            # the model does not take it for furniture, or it stands amid two lines of the text (one item of a list)
            amid = 0 < index < len(lines) - 1 and lines[index - 1].kind == lines[index + 1].kind == Kind.TEXT
            assert reason in (OUTSIDE, BELOW) and line.kind == Kind.TEXT and (furniture_share(line) < 0.6 or amid)


def test_a_page_that_opens_with_a_menu_cut_by_where_it_stands_keeps_its_tail_cut() -> None:
    lines = page([0.3] * 7)
    lines.insert(0, judged("Home", 0.4, reason="a word or two above the page's run of text (a menu)", after_run=False))
    tail_back(lines, furniture_share)
    assert all(line.kind == Kind.FURNITURE for line in lines[2:])


def test_a_page_of_a_hundred_lines_and_more_keeps_its_tail_cut() -> None:
    lines = page([0.3] * 7)
    lines[1:1] = [judged(LEDE, 0.05, Kind.TEXT, "", after_run=False) for _ in range(80)]
    tail_back(lines, furniture_share)
    assert all(line.kind == Kind.FURNITURE for line in lines[81:])
