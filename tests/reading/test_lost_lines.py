"""Lines of the article that rules took out by their shape alone on sites they never saw: a table's rows of figures,
a sentence the page shows twice, the opening line of an attendance list that names someone, a long line that opens
as a newsletter's pitch but names no newsletter and the model reads as text, a line under the headline taken for a
label, a list's item whose figure has a decimal comma."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.reading import line_model
from pipeline.reading.lines import Kind, Page, PageLine
from pipeline.reading.page import ABOVE_HEADLINE_TEXT, SHOWN_TWICE_TEXT, read_page, sentences_above_the_headline
from pipeline.reading.roles import LONG_RULE_WORDS, list_item_shape, rule_stands
from tests.reading.line_model_stub import model_gives

LEDE = ("De gemeente legt dit voorjaar een nieuw fietspad aan tussen Dorpsveen en Hoogezand, zo maakte wethouder "
        "Anna Bakker dinsdagavond bekend in de gemeenteraad.")
MORE = "Het pad moet voor de zomer klaar zijn. De kosten worden gedeeld met de provincie, die de helft betaalt."


def body_lines(page: Page) -> list[str]:
    return [line for _kind, block in page.blocks for line in block.split("\n")]


def removed(page: Page) -> list[str]:
    return [gone.line for gone in page.removed]


# --- a table's rows ------------------------------------------------------------------------------------------

ROWS = ["12 8 3 1 30 : 12 18 27", "12 7 2 3 25 : 15 10 23", "12 5 4 3 20 : 18 2 19"]


@pytest.mark.parametrize("decides", [(), ("furniture",)])
def test_the_rows_of_a_table_stay_in_the_text(monkeypatch: pytest.MonkeyPatch, decides: tuple[str, ...]) -> None:
    model_gives(monkeypatch, {row: {"metadata": 0.9, "body": 0.1} for row in ROWS}, decides)
    with line_model.using(None, frozenset(decides)):
        page = read_page("\n\n".join([LEDE, "\n".join(ROWS), MORE]))
    assert all(row in body_lines(page) for row in ROWS)
    assert not any(row in removed(page) for row in ROWS)


def test_a_row_with_a_row_of_as_many_figures_three_lines_away_is_a_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    model_gives(monkeypatch, {})
    lines = ["1.", "Dorpsveen", ROWS[0], "2.", "Hoogezand", ROWS[1]]
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join([LEDE, "\n".join(lines), MORE]))
    assert ROWS[0] in body_lines(page) and ROWS[1] in body_lines(page)


@pytest.mark.parametrize("pager", ["1 2 3 4 5", "Pagina 1 2 3 4 5 6"])
def test_a_row_of_figures_alone_is_still_furniture(monkeypatch: pytest.MonkeyPatch, pager: str) -> None:
    model_gives(monkeypatch, {})
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join([LEDE, MORE, pager]))
    assert pager in removed(page)


def test_rows_of_different_widths_are_no_one_table(monkeypatch: pytest.MonkeyPatch) -> None:
    model_gives(monkeypatch, {})
    first, second = "1 2 3 4 5", "10 20 30"  # a pager and a line of three figures, not one table's rows
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join([LEDE, MORE, f"{first}\n{second}"]))
    assert first in removed(page) and second in removed(page)


# --- a sentence shown twice ----------------------------------------------------------------------------------

TWICE = "Wethouder Bakker wil het fietspad nog voor de zomer openen voor alle inwoners."


@given(st.floats(0, 1))
def test_a_sentence_shown_twice_keeps_one_copy_while_the_model_reads_it_as_text(furniture: float) -> None:
    shares = {"caption": furniture, "body": 1 - furniture}
    with pytest.MonkeyPatch.context() as monkeypatch:
        model_gives(monkeypatch, {TWICE: shares})
        with line_model.using(None, frozenset({"furniture"})):
            page = read_page("\n\n".join([LEDE, f"{TWICE}\n{TWICE}", MORE]))
    kept = body_lines(page).count(TWICE)
    assert kept == (1 if furniture < SHOWN_TWICE_TEXT else 0)
    assert removed(page).count(TWICE) == 2 - kept


def test_a_short_line_shown_twice_is_never_the_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    model_gives(monkeypatch, {})
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join([LEDE, "Het nieuwe fietspad\nHet nieuwe fietspad", MORE]))
    assert "Het nieuwe fietspad" not in body_lines(page)


# --- who was there -------------------------------------------------------------------------------------------


def test_the_opening_line_of_an_attendance_list_that_names_someone_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    opening = "Aanwezig: Anna Bakker, voorzitter"
    model_gives(monkeypatch, {opening: {"metadata": 0.8, "body": 0.2}})
    names = "\n".join([opening, "Piet de Vries, burgemeester", "Klaas Visser, secretaris"])
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join(["Besluitenlijst gemeenteraad", names, LEDE, MORE]))
    assert opening in body_lines(page)


# --- a long line that opens as a newsletter's pitch ------------------------------------------------------------


@given(st.integers(1, 20), st.floats(0, 1), st.sampled_from(["", " nieuwsbrief", " Newsletter", " mailing"]))
def test_a_long_sign_up_line_that_names_no_newsletter_needs_the_models_word(
        words: int, furniture: float, named: str) -> None:
    line = PageLine(" ".join(["woord"] * words) + named, 0, Kind.FURNITURE, "newsletter")
    line.shares = {"promo": furniture, "body": 1 - furniture}
    assert rule_stands(line, "newsletter") == (bool(named) or words < LONG_RULE_WORDS or furniture >= 0.4)


@pytest.mark.parametrize(("text", "furniture", "kept"), [
    ("Schrijf je in via de website van de loop, kies je goede doel en trek je sportschoenen aan.", 0.2, True),
    ("Schrijf je in via de website van de loop, kies je goede doel en trek je sportschoenen aan.", 0.6, False),
    ("Schrijf je in voor onze nieuwsbrief en ontvang elke week het nieuws uit de regio.", 0.0, False),
    ("Schrijf je in voor de nieuwsbrief", 0.0, False),
])
def test_a_page_keeps_a_long_newsletter_line_the_model_reads_as_text(
        monkeypatch: pytest.MonkeyPatch, text: str, furniture: float, kept: bool) -> None:
    model_gives(monkeypatch, {text: {"promo": furniture, "body": 1 - furniture}})
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join([LEDE, text, MORE]))
    assert (text in body_lines(page)) == kept
    assert (text in removed(page)) != kept


# --- a line under the headline taken for a label -----------------------------------------------------------------


@given(st.floats(0, 1), st.sampled_from(["Nieuws", "DE MAATREGELEN VOORBIJ ….", "Na de zomer weer open"]))
def test_a_label_under_the_headline_is_the_texts_when_long_and_the_model_reads_it_as_text(
        furniture: float, text: str) -> None:
    line = PageLine(text, 1, Kind.KICKER, "label under the headline")
    line.shares = {"kicker": furniture, "body": 1 - furniture}
    sentences_above_the_headline([line], Page(), learnt=True)
    assert (line.kind == Kind.TEXT) == (len(text.split()) >= 4 and furniture < ABOVE_HEADLINE_TEXT)


# --- a list's items ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("item", "other"), [("- 1,25 kg aardappels", "- 500 g zuurkool"),
                                             ("- 0,5 l melk", "- 2 eieren"), ("3,5. Slot", "4. Bijlagen")])
def test_a_figure_with_a_decimal_comma_has_its_lists_shape(item: str, other: str) -> None:
    assert list_item_shape(item) == list_item_shape(other)


def test_a_list_item_with_a_decimal_comma_stays_beside_its_list(monkeypatch: pytest.MonkeyPatch) -> None:
    items = ["- 600 g speklapjes", "- 1 tl gemalen nootmuskaat", "- 1,25 kg kruimige aardappels (in blokjes)",
             "- 500 g zuurkool (uitgelekt)"]
    model_gives(monkeypatch, {items[2]: {"promo": 0.75, "body": 0.25}})
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join([LEDE, "Nodig voor vier personen:", "\n".join(items), MORE]))
    assert items[2] in body_lines(page)


@pytest.mark.parametrize(("row", "other"), [("Sportclub Dorpsveen 1920 ........ 3", "Hoogezand United ............ 1"),
                                            ("Inleiding ........ 3", "Bijlagen .................. 12")])
def test_rows_with_a_leader_of_dots_share_a_shape(row: str, other: str) -> None:
    assert list_item_shape(row) is not None and list_item_shape(row) == list_item_shape(other)


@pytest.mark.parametrize("text", ["Lees verder ....", "Dorpsveen 3", "........ 3", "Het pad is klaar .... 2024 nog"])
def test_a_line_without_words_a_leader_and_a_figure_is_no_leader_row(text: str) -> None:
    assert list_item_shape(text) is None


def test_a_leader_row_the_model_takes_for_furniture_stays_beside_its_other_row(
        monkeypatch: pytest.MonkeyPatch) -> None:
    rows = ["Sportclub Dorpsveen 1920 FR ........................ 0", "Voetbalvereniging Hoogezand FR ............ 6"]
    model_gives(monkeypatch, {rows[1]: {"metadata": 0.8, "body": 0.2}})
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join([LEDE, "\n".join(rows), MORE]))
    assert rows[1] in body_lines(page)
