"""What a document says of itself: the way it numbers its sections, a title that is its date, the labels of a ruling
that the model is sure head its parts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.reading.documents import titles_a_document
from pipeline.reading.lines import Kind
from pipeline.reading.page import read_page
from pipeline.reading.subheadings import section_style
from tests.reading.line_model_stub import model_gives

# A municipality's regulation: its title, then its articles, each numbered alike over its paragraph.
REGULATION = """Verordening marktgelden Zonnedal 2024

Artikel 1. Begripsbepalingen

In deze verordening wordt verstaan onder markt: de weekmarkt op het Kerkplein, elke zaterdag van acht tot vier.

Artikel 2. Belastbaar feit

Onder de naam marktgeld wordt een recht geheven voor het innemen van een standplaats op de markt.

Artikel 3. Tarieven

Het marktgeld bedraagt per strekkende meter standplaats en per marktdag twee euro en veertig cent.

Artikel 4. Inwerkingtreding

Deze verordening treedt in werking op de eerste dag na die van haar bekendmaking in het gemeenteblad.
"""


def _headings(text: str) -> list[str]:
    return [block for kind, block in read_page(text).blocks if kind == Kind.HEADING]


def test_a_section_numbered_as_the_page_numbers_its_sections_is_no_furniture_the_model_takes_it_for(
        monkeypatch: pytest.MonkeyPatch) -> None:
    model_gives(monkeypatch, {"Artikel 1. Begripsbepalingen": {"navigation": 0.8, "body": 0.2}},
                decides=("furniture", "headings"))
    assert _headings(REGULATION) == ["Artikel 1. Begripsbepalingen", "Artikel 2. Belastbaar feit",
                                     "Artikel 3. Tarieven", "Artikel 4. Inwerkingtreding"]


def test_a_numbered_line_numbered_unlike_the_page_s_sections_stays_furniture(monkeypatch: pytest.MonkeyPatch) -> None:
    # "1) Home" is numbered in another style than the articles: the model's word stands
    text = "1) Home\n\n" + REGULATION
    model_gives(monkeypatch, {"1) Home": {"navigation": 0.8, "body": 0.2}}, decides=("furniture", "headings"))
    home = next(line for line in read_page(text).lines if line.text == "1) Home")
    assert home.kind != Kind.TEXT and home.kind != Kind.HEADING


def test_two_sections_numbered_alike_are_not_yet_the_page_s_numbering(monkeypatch: pytest.MonkeyPatch) -> None:
    text = REGULATION.replace("Artikel 3. Tarieven", "Tarieven").replace("Artikel 4. Inwerkingtreding", "Slot")
    model_gives(monkeypatch, {"Artikel 1. Begripsbepalingen": {"navigation": 0.8, "body": 0.2}},
                decides=("furniture", "headings"))
    first = next(line for line in read_page(text).lines if line.text == "Artikel 1. Begripsbepalingen")
    assert first.kind == Kind.FURNITURE


@pytest.mark.parametrize(("line", "style"), [
    ("1. Inleiding", ("", "digits", 0, ".")),
    ("2.3 Beheer", ("", "digits", 1, "")),
    ("Artikel 2. Definities", ("artikel", "digits", 0, ".")),
    ("TOP 6 Einwohnerfragestunde", ("top", "digits", 0, "")),
    ("3) Apologies", ("", "digits", 0, ")")),
    ("IV. Beslissing", ("", "roman", 0, ".")),
    ("(b) Advies van de commissie", ("", "letter", 0, ")")),
    ("1. De voorzitter opent de vergadering.", None),  # a point of a list, a sentence
    ("Inleiding", None),
])
def test_how_a_section_is_numbered(line: str, style: tuple[str, str, int, str] | None) -> None:
    assert section_style(line, 14) == style


# Minutes titled by the meeting's date under the council's name, as a council's site shows them.
MINUTES = """Gemeente Zonnedal

Zitting van 26 januari 2023

Gemeenteraad Zonnedal

De voorzitter opent de openbare zitting om acht uur en heet de raadsleden en de aanwezigen op de tribune welkom.

Goedkeuring notulen

De raad keurt de notulen van de vorige zitting goed zonder opmerkingen, met eenparigheid van stemmen.
"""


@pytest.mark.parametrize("title", ["Zitting van 26 januari 2023", "Bestuursvergadering 31-05-2010",
                                   "Minutes 6th December 2021"])
def test_minutes_titled_by_their_date_take_it_for_their_headline(title: str) -> None:
    page = read_page(MINUTES.replace("Zitting van 26 januari 2023", title))
    assert page.headline == title
    assert all(line.kind != Kind.DATE_LINE for line in page.lines if line.text == title)


def test_only_the_first_title_with_a_date_is_the_title_the_next_is_a_date_line() -> None:
    page = read_page(MINUTES.replace("Gemeenteraad Zonnedal", "Zitting van 26 januari 2023", 1))
    said_again = [line for line in page.lines if line.text == "Zitting van 26 januari 2023"][1]
    assert said_again.kind != Kind.TEXT


def test_a_date_line_above_a_document_s_title_stays_a_date_line() -> None:
    page = read_page("Geplaatst op 12 maart 2020\n\n" + MINUTES)
    placed = next(line for line in page.lines if line.text == "Geplaatst op 12 maart 2020")
    assert placed.kind == Kind.DATE_LINE


def test_a_ruling_s_title_with_its_date_is_not_taken_out_as_a_date_line(monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("RECHTBANK ZONNEDAL\n\nTeam handel\n\nVonnis van 26 mei 2021\n\nin de zaak van\n\n"
            "de besloten vennootschap Bakkerij De Korenschoof B.V., gevestigd te Zonnedal, eiseres,\n\n"
            "De rechtbank wijst de vordering af, omdat de eiseres niet heeft bewezen dat de levering te laat was.\n")
    model_gives(monkeypatch, {"Vonnis van 26 mei 2021": {"dateline": 0.8, "body": 0.2}},
                decides=("furniture", "headings"))
    page = read_page(text)
    ruling = next(line for line in page.lines if line.text == "Vonnis van 26 mei 2021")
    assert ruling.kind in (Kind.TEXT, Kind.HEADLINE)


@pytest.mark.parametrize(("line", "titles"), [
    ("Zitting van 26 januari 2023", True),
    ("Bestuursvergadering 31-05-2010", True),
    ("Vonnis in kort geding van 31 augustus 2016", True),
    ("Notulen 9 september 2019", True),
    ("Uitspraak: 20 januari 2021", False),  # a key of the ruling's metadata
    ("Geplaatst op 12 maart 2020", False),
    ("Anna de Boer", False),
    ("", False),
])
def test_what_titles_a_document(line: str, titles: bool) -> None:
    assert titles_a_document(line) is titles


# A published ruling: the court's name on top, the site's label over its summary, the summary, the ruling.
RULING = """RECHTBANK ZONNEDAL

Inhoudsindicatie

Een bakkerij vordert schadevergoeding van haar leverancier van meel, die de levering twee weken te laat deed.

Uitspraak

De rechtbank wijst de vordering af, omdat de bakkerij niet heeft bewezen dat de late levering haar schade bracht.
"""


def test_a_ruling_s_label_the_model_is_sure_heads_its_summary_is_a_heading(monkeypatch: pytest.MonkeyPatch) -> None:
    model_gives(monkeypatch, {"Inhoudsindicatie:": {"sub-heading": 0.8, "body": 0.2}},
                decides=("furniture", "headings"))
    headings = _headings(RULING.replace("Inhoudsindicatie", "Inhoudsindicatie:"))
    assert headings[:1] == ["Inhoudsindicatie:"]


def test_a_ruling_s_line_the_model_doubts_stays_text(monkeypatch: pytest.MonkeyPatch) -> None:
    model_gives(monkeypatch, {"Inhoudsindicatie:": {"sub-heading": 0.3, "body": 0.7}},
                decides=("furniture", "headings"))
    headings = _headings(RULING.replace("Inhoudsindicatie", "Inhoudsindicatie:"))
    assert "Inhoudsindicatie:" not in headings


PROPOSAL = """Terug

Raadsvoorstel

Programmabegroting 2025

De raad wordt gevraagd in te stemmen met de begroting voor het jaar 2025 en de meerjarenraming tot en met 2028.
"""


def test_the_word_for_a_document_s_kind_above_a_section_s_name_is_its_title() -> None:
    page = read_page(PROPOSAL)
    assert page.headline == "Raadsvoorstel"


@pytest.mark.parametrize(("above", "headline"), [
    ("Besluit", "Verordening marktgelden Zonnedal 2024"),  # the chosen line names a document itself
    ("Notulen:", "Programmabegroting 2025"),  # a key, no title
    ("Raadsvoorstel", "Raadsvoorstel programmabegroting 2025"),  # the headline's own first word
])
def test_a_document_s_word_above_a_headline_that_says_more_is_no_title(above: str, headline: str) -> None:
    page = read_page(PROPOSAL.replace("Raadsvoorstel", above, 1).replace("Programmabegroting 2025", headline))
    assert page.headline == headline


def test_the_word_for_a_document_s_kind_the_model_takes_for_a_sub_heading_is_no_title(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # "Besluit" over the council's decision on a point of its agenda heads that part; with the model's doubt the
    # line is the document's title, as the rules alone take it (the test above)
    text = PROPOSAL.replace("Raadsvoorstel", "Besluit", 1)
    model_gives(monkeypatch, {"Besluit": {"sub-heading": 0.7, "body": 0.3}}, decides=("furniture", "headings"))
    assert read_page(text).headline != "Besluit"
    model_gives(monkeypatch, {"Besluit": {"sub-heading": 0.1, "kicker": 0.6, "body": 0.3}},
                decides=("furniture", "headings"))
    assert read_page(text).headline == "Besluit"


@given(st.text(max_size=300))
def test_any_line_is_numbered_in_one_style_or_none_and_titles_a_document_or_not(line: str) -> None:
    style = section_style(line, 14)
    assert style is None or (style[1] in ("digits", "roman", "letter") and style[2] >= 0 and style[3] in ("", ".", ")",
                                                                                                         ":"))
    assert titles_a_document(line) in (True, False)
