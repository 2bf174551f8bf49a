"""A document's sub-headings: its first section under the title, which stands where a news page has a label."""

from __future__ import annotations

import pytest

from pipeline.reading.lines import Kind
from pipeline.reading.page import read_page
from tests.reading.line_model_stub import model_gives

# Minutes as a municipality's site shows them: the title, the meeting, then its first section over a list of
# names (no paragraph below it: the page's first prose comes later).
MINUTES = """Raadsvergadering Zonnedal

Vergadering van dinsdag 4 maart

Samenstelling

Anna de Boer, voorzitter
Pieter Smit, raadslid
Kees Jansen, griffier

Besluiten

De raad stemt in met het nieuwe reglement voor de begraafplaats aan de Kerkweg. Het reglement gaat op 1 mei in.
"""


def test_a_word_under_the_title_the_model_takes_for_a_sub_heading_is_no_label(
        monkeypatch: pytest.MonkeyPatch) -> None:
    heading = {"sub-heading": 0.4, "kicker": 0.3, "body": 0.3}
    model_gives(monkeypatch, {"Samenstelling": heading, "Besluiten": heading}, decides=("furniture", "headings"))
    page = read_page(MINUTES)
    assert page.headline == "Raadsvergadering Zonnedal"
    assert [block for kind, block in page.blocks if kind == Kind.HEADING] == ["Samenstelling", "Besluiten"]
    assert page.kicker != "Samenstelling"


def test_a_word_under_the_title_the_model_does_not_take_for_a_sub_heading_is_a_label(
        monkeypatch: pytest.MonkeyPatch) -> None:
    model_gives(monkeypatch, {"Samenstelling": {"sub-heading": 0.1, "kicker": 0.6, "body": 0.3}},
                decides=("furniture", "headings"))
    page = read_page(MINUTES)
    samenstelling = next(line for line in page.lines if line.text == "Samenstelling")
    assert samenstelling.kind == Kind.KICKER and samenstelling.reason == "label under the headline"


# A regulation's page flattened whole by a scraper: the site's menu, the title, the heading of its first part just
# above the text, the text, the footer.
MENU = ["Home", "Bestuur", "Regelgeving", "Zoeken", "Contact", "Nieuws", "Agenda", "Vacatures", "Inloggen", "Menu",
        "Wonen", "Werken", "Zorg", "Afval", "Parkeren", "Verkeer", "Sport", "Cultuur", "Onderwijs", "Natuur"]
FOOTER = ["Privacy", "Cookies", "Toegankelijkheid", "Sitemap", "Volg ons", "Facebook", "Instagram", "LinkedIn",
          "Nieuwsbrief", "Disclaimer", "Colofon", "Over ons", "Pers", "Werken bij", "Openingstijden", "Storingen",
          "Terug naar boven"]
REGULATION = "\n".join([*MENU, "Regeling parkeervergunningen Zonnedal", "Inleiding",
                        "Deze regeling bepaalt wie in de binnenstad van Zonnedal een parkeervergunning kan krijgen en "
                        "hoeveel vergunningen het college per adres ten hoogste verleent aan bewoners en bedrijven.",
                        "Een bewoner vraagt de vergunning aan bij de gemeente met het formulier op de website; het "
                        "college beslist binnen acht weken en kan die termijn eenmaal met vier weken verlengen.",
                        "Deze regeling treedt in werking op de dag na die van haar bekendmaking en vervangt de "
                        "regeling van 2014, die op dezelfde dag vervalt voor alle aanvragen die daarna binnenkomen.",
                        *FOOTER]) + "\n"


def test_a_word_above_a_whole_page_s_text_the_model_takes_for_a_sub_heading_is_put_back(
        monkeypatch: pytest.MonkeyPatch) -> None:
    model_gives(monkeypatch, {"Inleiding": {"sub-heading": 0.6, "navigation": 0.4}},
                decides=("furniture", "headings"))
    page = read_page(REGULATION)
    assert page.headline == "Regeling parkeervergunningen Zonnedal"
    assert [block for kind, block in page.blocks if kind == Kind.HEADING] == ["Inleiding"]


def test_a_word_above_a_whole_page_s_text_the_model_takes_for_a_menu_item_stays_out(
        monkeypatch: pytest.MonkeyPatch) -> None:
    model_gives(monkeypatch, {"Inleiding": {"sub-heading": 0.2, "navigation": 0.8}},
                decides=("furniture", "headings"))
    page = read_page(REGULATION)
    inleiding = next(line for line in page.lines if line.text == "Inleiding")
    assert inleiding.kind == Kind.FURNITURE
    assert not [block for kind, block in page.blocks if kind == Kind.HEADING]


# A decision list: its agenda's points one under the other in one block, then the same points over their text.
DECISIONS = """Besluitenlijst van de raadsvergadering van 9 april

1. Opening
2. Vaststelling van de agenda
3. Begroting van de bibliotheek

1. Opening

De voorzitter opent de vergadering om half acht en heet de raadsleden en de bezoekers welkom.

2. Vaststelling van de agenda

De raad stelt de agenda vast zonder wijzigingen, nadat de griffier een vraag over punt drie heeft beantwoord.

3. Begroting van de bibliotheek

De raad stemt in met de begroting van de bibliotheek voor het komende jaar; twee fracties stemmen tegen.
"""


def test_a_point_of_a_numbered_list_heads_nothing_whatever_the_model_says(monkeypatch: pytest.MonkeyPatch) -> None:
    heading = {"sub-heading": 0.5, "body": 0.5}
    model_gives(monkeypatch, {"1. Opening": heading, "2. Vaststelling van de agenda": heading,
                              "3. Begroting van de bibliotheek": heading}, decides=("furniture", "headings"))
    page = read_page(DECISIONS)
    assert [block for kind, block in page.blocks if kind == Kind.HEADING] == [
        "1. Opening", "2. Vaststelling van de agenda", "3. Begroting van de bibliotheek"]
    assert (Kind.TEXT, "1. Opening\n2. Vaststelling van de agenda\n3. Begroting van de bibliotheek") in page.blocks
