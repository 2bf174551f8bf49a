"""Lines of the article lost on list-like pages (issue 24, lost10): a list's heading in the byline's row over the
article's own prose, a bulleted list's items a whole page's run of text left out though the model reads them as
text, a sentence above the headline taken for a label."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.reading import line_model
from pipeline.reading.furniture import furniture_reason
from pipeline.reading.lines import Kind, Page, PageLine
from pipeline.reading.page import ABOVE_HEADLINE_TEXT, read_page, sentences_above_the_headline
from pipeline.reading.roles import furniture_share, rule_stands
from pipeline.reading.run_of_text import list_items_back
from tests.reading.line_model_stub import model_gives

HEAD = "Nieuwe regels voor het fietspad langs de Veenweg"
LEDE = ("De gemeente legt dit voorjaar een nieuw fietspad aan tussen Dorpsveen en Hoogezand, zo maakte wethouder "
        "Anna Bakker dinsdagavond bekend in de gemeenteraad.")
PROSE = ["Het pad moet voor de zomer klaar zijn en wordt vier meter breed, met aan beide kanten een berm van gras.",
         "De kosten worden gedeeld met de provincie, die de helft betaalt en ook het onderhoud op zich neemt.",
         "Bewoners van de Veenweg kunnen tot het einde van de maand hun zienswijze indienen bij het gemeentehuis."]


def body_lines(page: Page) -> list[str]:
    return [line for _kind, block in page.blocks for line in block.split("\n")]


# --- a list's heading over the article's own prose -----------------------------------------------------------


@pytest.mark.parametrize("header", ["Reacties", "Comments"])
def test_a_list_heading_under_the_lede_over_the_articles_prose_ends_nothing(
        monkeypatch: pytest.MonkeyPatch, header: str) -> None:
    model_gives(monkeypatch, {})
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join([HEAD, LEDE, header, *PROSE]))
    assert all(sentence in body_lines(page) for sentence in PROSE)
    assert not any(line.reason.startswith("link list under") for line in page.lines)


def test_a_list_heading_over_prose_the_model_half_takes_for_furniture_still_ends_the_article(
        monkeypatch: pytest.MonkeyPatch) -> None:
    model_gives(monkeypatch, {PROSE[1]: {"related": 0.5, "body": 0.5}})  # another story's blurb
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join([HEAD, LEDE, "Meer nieuws", *PROSE]))
    assert not any(sentence in body_lines(page) for sentence in PROSE)


def test_comments_under_an_article_of_two_paragraphs_still_go(monkeypatch: pytest.MonkeyPatch) -> None:
    model_gives(monkeypatch, {})
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join([HEAD, LEDE, PROSE[0], "Reacties", PROSE[1], PROSE[2], PROSE[1] + " Echt."]))
    assert PROSE[0] in body_lines(page) and PROSE[2] not in body_lines(page)


def test_a_list_heading_over_fewer_than_three_lines_of_prose_still_ends_the_article(
        monkeypatch: pytest.MonkeyPatch) -> None:
    model_gives(monkeypatch, {})
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join([HEAD, LEDE, "Reacties", PROSE[0], PROSE[1]]))
    assert PROSE[0] not in body_lines(page)


# --- a bulleted list's items cut by where they stand -----------------------------------------------------------

OUTSIDE = "outside the page's run of text (a whole page flattened)"
BELOW = "below the article the line model finds on a whole page"


def judged(text: str, furniture: float, kind: Kind = Kind.FURNITURE, reason: str = OUTSIDE) -> PageLine:
    line = PageLine(text, 0, kind, reason)
    line.shares = {"navigation": furniture, "body": 1 - furniture}
    line.role, line.share = max(line.shares.items(), key=lambda item: (item[1], item[0]))
    return line


@given(st.floats(0, 1), st.sampled_from([OUTSIDE, BELOW]))
def test_a_bulleted_lists_item_goes_back_only_where_the_model_all_but_takes_it_for_text(
        furniture: float, reason: str) -> None:
    lines = [judged("Schepen: Els de Vries", 0.1, Kind.TEXT, ""),
             judged("• Financiën en begroting", furniture, reason=reason),
             judged("• Ruimtelijke ordening en milieu", 0.9, reason=reason)]
    list_items_back(lines, furniture_share)
    assert (lines[1].kind == Kind.TEXT) == (furniture < 0.2)
    assert lines[2].kind == Kind.FURNITURE  # the model takes it for a menu's item


def test_a_bullet_alone_or_a_line_of_no_bullet_stays_cut() -> None:
    lines = [judged("Volg ons ook op sociale media", 0.05), judged("• Sport en gezondheid", 0.05),
             judged("Jeugd en kinderopvang", 0.05), judged("• Wonen en welzijn", 0.05, Kind.TEXT, "")]
    list_items_back(lines, furniture_share)
    assert [line.kind for line in lines[:3]] == [Kind.FURNITURE] * 3


def test_a_bulleted_item_another_rule_took_stays_that_rules() -> None:
    lines = [judged("• Politie en brandweer", 0.05, reason="navigation menu"),
             judged("• Openbare werken", 0.05, reason="navigation menu")]
    list_items_back(lines, furniture_share)
    assert all(line.kind == Kind.FURNITURE for line in lines)


def test_the_rules_alone_put_no_bulleted_item_back() -> None:
    lines = [PageLine("• Financiën en begroting", 0, Kind.FURNITURE, OUTSIDE),
             PageLine("• Politie en brandweer", 0, Kind.FURNITURE, OUTSIDE)]
    list_items_back(lines, furniture_share)
    assert all(line.kind == Kind.FURNITURE for line in lines)


# --- a sentence above the headline: the share that keeps it ---------------------------------------------------


def test_a_minutes_opening_sentence_the_model_gives_a_third_of_furniture_stays_in_the_text() -> None:
    line = judged("De gemeenteraad heeft in zijn vergadering van 3 maart het volgende besloten:", 0.33, Kind.KICKER,
                  "label above the headline")
    sentences_above_the_headline([line], Page(), learnt=True)
    assert ABOVE_HEADLINE_TEXT > 0.33 and line.kind == Kind.TEXT


def test_a_label_above_the_headline_the_model_gives_more_furniture_stays_a_label() -> None:
    line = judged("Meer uit de gemeenteraad van deze week", 0.4, Kind.KICKER, "label above the headline")
    sentences_above_the_headline([line], Page(), learnt=True)
    assert line.kind == Kind.KICKER


# --- a minutes' numbered item ending in a dash, taken for a breadcrumb -----------------------------------------


@given(st.floats(0, 1))
def test_a_numbered_item_ending_in_a_dash_is_a_breadcrumb_only_as_the_model_backs_it(furniture: float) -> None:
    text = "2. Report of the treasurer –"
    assert furniture_reason(text) == "breadcrumb"
    assert rule_stands(judged(text, furniture), "breadcrumb") == (furniture >= 0.3)
