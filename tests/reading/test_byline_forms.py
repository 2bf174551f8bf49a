"""Bylines, stamps and a post's metadata taken out after the line model by their exact forms (``byline_forms``), and
the forms that look like them but are the article's: an agenda's dated items, a heading over a date, a sentence."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.reading import byline_forms
from pipeline.reading.byline_forms import (
    dated_byline,
    dated_row,
    head_form,
    marked_byline,
    post_metadata,
    update_stamp,
)
from pipeline.reading.lines import Kind
from pipeline.reading.page import read_page
from tests.reading.test_related_stories import HEAD, PARAGRAPHS, _kept


@pytest.mark.parametrize("line", [
    "Door Anna de Boer op 3 maart 2021",
    "Geschrieben von Jan Smit am 31.12.2023",
    "Von Jan Smit 01.04.2023, 08:00",
    "3 maart 2021, door Piet Bos",
    "03 januari 2014 door Stads-redactie",
    "Ingediend door Klaas op zo, 23/11/2025 - 20:07",
    "Bericht uitgegeven door Stichting Groen op dinsdag 3 september 2013",
    "Anna Hildebrand-Schönherr 13.07.2022 - 17:07 Uhr",
    "• 2/24/2022 2:46:46 PM Anna de Boer",
    "18/11/2025 12:19 Piet Bos 0 reacties",
    "Wednesday, 4 June 2025, 7:17 pm | Anna Smit - Local Democracy Reporter",
    "Door onze verslaggever - 30-8-2016, 7:00 (Update 30-8-2016, 7:00)",
])
def test_a_byline_with_its_date(line: str) -> None:
    assert dated_byline(line)
    assert head_form(line) == "a byline with its date"


@pytest.mark.parametrize("line", [
    "Gewonnen door Ajax op 3 mei 2020",  # a word before "door": a sentence's verb, no byline's
    "Minutes of Annual Parish Meeting Monday 11th May 2015 at 7.30pm",  # a title with its meeting's time
    "Lokale Voetbal Competitie – 25.02.23",  # the date's own figures are no time of day
    "• 9 oktober 2022: Waterloo, Verenigde Staten",  # an agenda's item
    "Anna de Boer 3 maart 2021",  # a name and a date, no time, no byline's word: a heading as often
    "Door de regen werd de wedstrijd op 3 maart 2021 afgelast.",
    "Door Anna de Boer",  # no date: the rules before the model know it
])
def test_no_byline_with_its_date(line: str) -> None:
    assert not dated_byline(line)


@pytest.mark.parametrize("line", [
    "(door Anna de Boer)", "(tekst: Piet Bos)", "| stadskrant.nl | Door: Anna de Boer",
    "Door Anna de Boer Kopieer naar clipboard", "Van een onzer verslaggevers", "By our correspondent",
    "Anonymous said...", "Anna de Boer zei…",
])
def test_a_byline_with_its_word(line: str) -> None:
    assert marked_byline(line)


@pytest.mark.parametrize("line", [
    "(door de regen afgelast)", "| Uitslagen | Door: Anna de Boer", "Van een onzer verslaggevers hoorden wij dat",
    "De wethouder said...", "Anna de Boer zei dat de brug in juni opengaat.",
])
def test_no_byline_with_its_word(line: str) -> None:
    assert not marked_byline(line)


@pytest.mark.parametrize(("line", "wanted"), [
    ("26 januari 2018 | Stichting Groen", True), ("Nov 21, 2018 | NEWS", True),
    ("03-03-2017 20:36:38 | Door Anna de Boer", True),
    ("Opening Bibliotheek | 9 December 2022", False),  # a label before its date heads a part
    ("Uitslagen | Standen | Programma", False), ("26 januari 2018 | De raad besloot het plan uit te stellen.", False),
])
def test_a_dated_row_of_labels(line: str, wanted: bool) -> None:
    assert dated_row(line) is wanted


@pytest.mark.parametrize(("line", "wanted"), [
    ("Laatste bijwerkdatum 23 mei 2023", True), ("Vastgesteld 14 mei 2019", True),
    ("Updated March 26 2023 - 1:33pm, first published 1:00pm", True), ("Nieuwsbericht 27/11/2019", True),
    ("Vastgesteld door de raad op 14 mei 2019", False), ("Koningsdag 27 april 2023", False),
    ("am 28. September 2011", False),  # a preposition alone: a date line, the rules' before the model
])
def test_a_stamp_of_publication_or_change(line: str, wanted: bool) -> None:
    assert update_stamp(line) is wanted


@pytest.mark.parametrize(("line", "wanted"), [
    ("Thema's: Nieuwsblog", True), ("Labels: ,", True), ("Schlagworte:", True),
    ("Dit bericht is geplaatst in Cultuur. Bookmark de permalink.", True),
    ("Der Beitrag Sieg im Derby erschien zuerst auf Stadtnachrichten.", True),
    ("The post A new bridge appeared first on City News.", True),
    ("Dit artikel is 0 keer gedownload.", True), ("aantal keren gezien: 12", True), ("Leestijd 3 minuten", True),
    ("5 min read", True), ("Thema's van de avond waren de brug en de kermis.", False),
    ("Op 27 november 2018, over deze onderwerpen: Gemeenteraad, Mobiliteit", True),
    ("Op zaterdag praten we over deze onderwerpen: de brug en de kermis", False),
    ("Het bericht is geplaatst in de krant van zaterdag, zei de wethouder.", False),
])
def test_a_posts_metadata(line: str, wanted: bool) -> None:
    assert post_metadata(line) is wanted


def test_bylines_and_metadata_in_the_text_are_furniture() -> None:
    lines = ["Door Anna de Boer op 3 maart 2021", PARAGRAPHS[0], "(tekst: Piet Bos)", PARAGRAPHS[1],
             "Thema's: Nieuwsblog"]
    page = "\n\n".join([HEAD, *lines]) + "\n"
    taken = {line.text: line.reason for line in read_page(page).lines}
    assert _kept(page) == [HEAD, *PARAGRAPHS]
    assert taken["(tekst: Piet Bos)"] == "a byline with its word"
    assert taken["Thema's: Nieuwsblog"] == "a post's metadata"


def test_a_byline_with_its_date_is_never_the_headline() -> None:
    page = "\n\n".join(["Door Anna de Boer op 3 maart 2021", HEAD, *PARAGRAPHS]) + "\n"
    assert read_page(page).headline == HEAD


def test_a_posts_date_and_topics_are_never_the_headline() -> None:
    page = "\n\n".join(["Op 3 maart 2021, over deze onderwerpen: Verkeer, Werken", HEAD, *PARAGRAPHS]) + "\n"
    assert read_page(page).headline == HEAD


@pytest.mark.parametrize("label", ["Algemeen", "Actua", "Gemeente", "Allgemein"])
def test_a_catch_all_sections_name_in_the_head_is_a_kicker(label: str) -> None:
    page = "\n\n".join([HEAD, label, *PARAGRAPHS]) + "\n"
    kinds = {line.text: line.kind for line in read_page(page).lines}
    assert kinds[label] == Kind.KICKER
    assert _kept(page) == [HEAD, *PARAGRAPHS]


def test_a_sections_name_under_the_lede_stays() -> None:
    page = "\n\n".join([HEAD, PARAGRAPHS[0], "Nieuws", PARAGRAPHS[1]]) + "\n"
    kinds = {line.text: line.kind for line in read_page(page).lines}
    assert kinds["Nieuws"] != Kind.KICKER  # past the head: a part of the text may be called so


# --- hostile lines -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("line", [
    "Door " + "Anna " * 20_000 + "op 3 maart 2021", "3 maart 2021 | " * 7_000, "(door " * 20_000,
    "Thema's: " + "a" * 100_000, "Der Beitrag " + "x " * 50_000 + "erschien zuerst auf Stadtnachrichten",
    "\x00\x07" * 50_000, "1:00 " * 25_000,
])
def test_long_repetitive_lines_are_no_form(line: str) -> None:
    assert head_form(line) is None


@pytest.mark.parametrize("unit", ["Door Anna ", "3 maart 2021 | ", "(door ", "said... ", "12:00 ", "\x00 "])
def test_lines_just_short_of_the_limit_are_read_whole(unit: str) -> None:
    line = (unit * (2 * byline_forms.MAX_CHARS))[: 2 * byline_forms.MAX_CHARS]
    assert head_form(line) in (None, "a post's metadata", "a byline with its word", "a byline with its date",
                               "a date and labels in a row", "a stamp of publication or change")


@given(st.text(alphabet="Door Anna|•·,()-: 0123.maart2021\x00", max_size=200))
def test_hostile_text_never_raises(line: str) -> None:
    assert head_form(line) is None or isinstance(head_form(line), str)
