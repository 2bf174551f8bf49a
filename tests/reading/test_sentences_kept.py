"""Lines of the article that inexact rules or the model's furniture took on sites they never saw: a sentence above
the headline the model takes for text, a title in title case taken for a name, a ruling's parties under its case
numbers, a caption rule's line the model reads as text, a list's item shaped as the items around it, a table's last
row cut short."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.reading import line_model
from pipeline.reading.lines import Kind, Page, PageLine
from pipeline.reading.page import ABOVE_HEADLINE_TEXT, read_page, sentences_above_the_headline
from pipeline.reading.roles import DOUBTED_RULES, DOUBTED_RULES_LONG, learnt_furniture, list_item_shape, rule_stands
from pipeline.reading.run_of_text import kept_when_unsure
from tests.reading.line_model_stub import model_gives

LEDE = ("De gemeente legt dit voorjaar een nieuw fietspad aan tussen Dorpsveen en Hoogezand, zo maakte wethouder "
        "Anna Bakker dinsdagavond bekend in de gemeenteraad.")
MORE = "Het pad moet voor de zomer klaar zijn. De kosten worden gedeeld met de provincie, die de helft betaalt."


def judged(text: str, shares: dict[str, float], kind: Kind = Kind.TEXT, reason: str = "", block: int = 0) -> PageLine:
    line = PageLine(text, block, kind, reason)
    line.shares = shares
    line.role, line.share = max(shares.items(), key=lambda item: (item[1], item[0]))
    return line


def blocks_of(page: Page) -> str:
    return "\n".join(block for _kind, block in page.blocks)


# --- a sentence above the headline that the model takes for text ---------------------------------------------


def test_a_sentence_above_the_headline_the_model_reads_as_text_stays_in_the_text() -> None:
    above = judged("Gemeenteraad live: begroting aangenomen, de OZB stijgt volgend jaar met vier procent",
                   {"body": 0.55, "headline": 0.25, "kicker": 0.2}, Kind.KICKER, "label above the headline")
    page = Page(kicker=above.text)
    sentences_above_the_headline([above], page, learnt=True)
    assert above.kind == Kind.TEXT and page.kicker == ""


@given(st.floats(0, 1), st.sampled_from(["Nieuws", "Laatste nieuws", "Meer over dit onderwerp",
                                         "Gemeenteraad live: de begroting is aangenomen"]))
def test_a_label_above_the_headline_stays_a_label_unless_a_long_line_the_model_reads_as_text(
        furniture: float, text: str) -> None:
    line = judged(text, {"kicker": furniture, "body": 1 - furniture}, Kind.KICKER, "label above the headline")
    sentences_above_the_headline([line], Page(), learnt=True)
    back = len(text.split()) >= 4 and furniture < ABOVE_HEADLINE_TEXT
    assert (line.kind == Kind.TEXT) == back


def test_the_rules_alone_keep_their_labels() -> None:
    line = judged("Gemeenteraad live: de begroting is aangenomen", {"body": 1.0}, Kind.KICKER,
                  "label above the headline")
    sentences_above_the_headline([line], Page(), learnt=False)
    assert line.kind == Kind.KICKER


# --- the rules' word on a line long enough to hold a sentence ----------------------------------------------------


def test_a_rulings_party_under_its_case_numbers_that_the_model_half_doubts_stays() -> None:
    party = judged("de Autoriteit Consument en Markt, hierna: ACM,", {"metadata": 0.5, "body": 0.5})
    number = judged("zaaknummer: 13/467", {"metadata": 0.5, "body": 0.5})
    assert not rule_stands(party, "case metadata")
    assert rule_stands(number, "case metadata")  # a few words: the rule's own share
    assert rule_stands(judged(party.text, {"metadata": 0.7, "body": 0.3}), "case metadata")


def test_a_title_in_title_case_the_model_half_doubts_is_no_name_in_the_page_head(
        monkeypatch: pytest.MonkeyPatch) -> None:
    title = "Nieuw Fietspad Tussen De Dorpen"
    model_gives(monkeypatch, {title: {"byline": 0.5, "headline": 0.5}})
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join([title, LEDE, MORE]))
    assert title in [page.headline, *blocks_of(page).split("\n")]
    assert not any(removed.line == title for removed in page.removed)


@pytest.mark.parametrize(("doubt", "kept"), [(0.5, True), (0.7, False)])
def test_a_line_in_title_case_under_the_headline_is_a_name_only_as_the_model_backs_it(
        monkeypatch: pytest.MonkeyPatch, doubt: float, kept: bool) -> None:
    headline = "Gemeente legt fietspad aan tussen Dorpsveen en Hoogezand"
    subtitle = "Nieuw Fietspad Tussen De Dorpen"
    model_gives(monkeypatch, {headline: {"headline": 1.0}, subtitle: {"byline": doubt, "body": 1 - doubt}})
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join([headline, subtitle, LEDE, MORE]))
    assert page.headline == headline
    assert (subtitle in blocks_of(page).split("\n")) == kept
    assert any(removed.line == subtitle for removed in page.removed) != kept


@given(st.floats(0, 1), st.integers(1, 8))
def test_a_doubted_rule_on_a_long_line_stands_from_its_long_share_on_a_short_one_from_its_share(
        furniture: float, words: int) -> None:
    text = " ".join(["Partij"] * words)
    for rule in DOUBTED_RULES_LONG:
        least_words, long_share = DOUBTED_RULES_LONG[rule]
        least = long_share if words >= least_words else DOUBTED_RULES[rule]
        assert rule_stands(judged(text, {"metadata": furniture, "body": 1 - furniture}), rule) == (furniture >= least)


def test_a_caption_above_its_credit_that_the_model_reads_as_a_headline_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    title = "Politie zoekt getuigen van aanrijding op de Dorpsstraat"
    model_gives(monkeypatch, {title: {"caption": 0.3, "headline": 0.7}, "Foto: ANP": {"caption": 0.9, "body": 0.1}})
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n".join([title, "Foto: ANP"]) + "\n\n" + LEDE + "\n\n" + MORE)
    assert title in [page.headline, *blocks_of(page).split("\n")]


# --- a list's items ------------------------------------------------------------------------------------------


ITEMS = ["- 21 december: leerlingen vrij vanaf twaalf uur", "- 24 december: start van de kerstvakantie",
         "- 7 januari 2019: eerste schooldag na de vakantie", "- 7 januari 2019: start toetsen groep 8"]


def test_a_list_item_the_model_takes_for_furniture_stays_beside_the_items_of_its_list(
        monkeypatch: pytest.MonkeyPatch) -> None:
    model_gives(monkeypatch, {ITEMS[3]: {"metadata": 0.75, "body": 0.25}})
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join([LEDE, "Belangrijke data", "\n".join(ITEMS), MORE]))
    assert ITEMS[3] in blocks_of(page)


def test_a_list_of_furniture_items_still_goes_as_a_whole() -> None:
    lines = [judged(text, {"metadata": 0.8, "body": 0.2}) for text in ITEMS]
    learnt_furniture(lines)
    assert all(line.kind != Kind.TEXT for line in lines)


@given(st.lists(st.sampled_from(ITEMS), min_size=2, max_size=6), st.floats(0.7, 1), st.data())
def test_a_long_item_beside_an_item_of_its_shape_that_stays_is_never_taken(
        items: list[str], furniture: float, data: st.DataObject) -> None:
    taken = data.draw(st.integers(0, len(items) - 1))
    stays = data.draw(st.sampled_from([index for index in range(len(items)) if index != taken]))
    lines = [judged(text, {"metadata": furniture if index != stays else 0.1,
                           "body": 1 - furniture if index != stays else 0.9}) for index, text in enumerate(items)]
    learnt_furniture(lines)
    if abs(taken - stays) <= 3 and list_item_shape(items[taken]) == list_item_shape(items[stays]):
        assert lines[taken].kind == Kind.TEXT


def test_a_line_with_no_mark_of_a_list_has_no_items_shape() -> None:
    assert list_item_shape("Gemeenteraad vergadert over de begroting") is None
    assert list_item_shape("18.45 uur: NEC - Cambuur 0-0") == list_item_shape("20:00 uur: PSV - Groningen 6-0")


# --- a table's last row --------------------------------------------------------------------------------------


def test_a_tables_last_row_cut_short_under_a_row_is_no_menu() -> None:
    rows = [PageLine("24 | Van der Valk | € 287 miljoen |", 3), PageLine("25 | Boni | € 264", 3,
                                                                      Kind.FURNITURE, "navigation menu")]
    kept = kept_when_unsure(rows, ruling=False)
    assert rows[1].kind == Kind.TEXT and 1 in kept


def test_a_menu_bar_under_no_table_stays_a_menu() -> None:
    lines = [PageLine(LEDE, 2), PageLine("Nieuws | Sport | Weer", 3, Kind.FURNITURE, "navigation menu")]
    kept_when_unsure(lines, ruling=False)
    assert lines[1].kind == Kind.FURNITURE


# --- a line a sentence runs through ----------------------------------------------------------------------------

WRAPPED = ["Als voorbeeld vindt u hieronder ter snelle informatie",
           "een overzicht van de uitspraken uit het nummer van juni 2007",
           "die onder hun trefwoord zijn gepubliceerd, met de geschonden rechtsregel."]


def test_a_line_a_sentence_runs_through_is_never_the_models_furniture() -> None:
    lines = [judged(WRAPPED[0], {"body": 0.6, "metadata": 0.4}),
             judged(WRAPPED[1], {"metadata": 0.9, "body": 0.1}),
             judged(WRAPPED[2], {"body": 0.7, "metadata": 0.3})]
    learnt_furniture(lines)
    assert [line.kind for line in lines] == [Kind.TEXT] * 3


@given(st.floats(0, 1), st.sampled_from(["", ".", ":", ";"]), st.booleans())
def test_a_line_between_two_lines_goes_on_only_where_no_stop_ends_the_line_above(
        furniture: float, stop: str, lower_below: bool) -> None:
    below = WRAPPED[2] if lower_below else WRAPPED[2].capitalize()
    lines = [judged(WRAPPED[0] + stop, {"body": 1.0}),
             judged(WRAPPED[1], {"metadata": furniture, "body": 1 - furniture}), judged(below, {"body": 1.0})]
    learnt_furniture(lines)
    if not stop and lower_below:
        assert lines[1].kind == Kind.TEXT
    elif furniture >= 0.7:
        assert lines[1].kind != Kind.TEXT


def test_a_short_line_between_two_lines_is_still_the_models_to_judge() -> None:
    lines = [judged(WRAPPED[0], {"body": 1.0}), judged("rapport uit 2016", {"dateline": 0.8, "body": 0.2}),
             judged(WRAPPED[2], {"body": 1.0})]
    learnt_furniture(lines)
    assert lines[1].kind == Kind.DATE_LINE


# --- who was there ---------------------------------------------------------------------------------------------


def test_a_line_of_two_names_and_a_role_in_the_list_of_who_was_there_is_the_lists(
        monkeypatch: pytest.MonkeyPatch) -> None:
    odd = "Sietske de Boer (notulen) Klaas Visser"
    model_gives(monkeypatch, {odd: {"metadata": 0.75, "body": 0.25}})
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join([
            "Notulen bestuursvergadering Dorpsbelang Veenhuizen dinsdag 7 maart 2016",
            "\n".join(["Aanwezig: Jan Hofstra (voorzitter)", odd, "Edgar Jansen", "Myra Kok"]), LEDE, MORE]))
    assert odd in blocks_of(page)


def test_a_line_under_furniture_is_no_line_a_sentence_runs_through() -> None:
    lines = [judged("Dorpsveen nr(s) geregistreerde stuk(ken): 107753 blad: 1/9", {"metadata": 0.8, "body": 0.2}),
             judged("datum nota: 11 februari 2016", {"dateline": 0.75, "body": 0.25}),
             judged("programma: 7. Werk en inkomen, werkdoel 1094", {"body": 0.9, "metadata": 0.1})]
    learnt_furniture(lines)
    assert [line.kind for line in lines] == [Kind.FURNITURE, Kind.DATE_LINE, Kind.TEXT]


@pytest.mark.parametrize(("above", "below"), [
    ("Plaats | Club | Punten |", "Home | Nieuws | Sport"), ("1 | FC Dorpsveen | 54 |", "Nieuws | Sport | Weer"),
])
def test_a_menu_bar_under_a_tables_row_stays_a_menu(above: str, below: str) -> None:
    lines = [PageLine(above, 3), PageLine(below, 3, Kind.FURNITURE, "navigation menu")]
    kept_when_unsure(lines, ruling=False)
    assert lines[1].kind == Kind.FURNITURE
