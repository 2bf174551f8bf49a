"""Furniture whose shape is exact on any site: a caption that ends in its picture's source, the alt text shown
beside its caption, a text browser's row of links, a breadcrumb, a place and a date, a byline with its date,
a wire story's credits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.reading.date_lines import date_line, find_date_token, place_and_date
from pipeline.reading.furniture import (
    byline_reason,
    caption_reason,
    furniture_reason,
)
from pipeline.reading.lines import Kind, Removed
from pipeline.reading.page import read_page

BODY = ("De gemeenteraad heeft dinsdagavond ingestemd met het plan voor een nieuwe brug over de rivier.\n\n"
        "De bouw begint volgend jaar en duurt naar verwachting twee jaar, zo meldt de wethouder in een verklaring.\n")


def removed(page_text: str) -> dict[str, Kind]:
    return {line.line: line.kind for line in read_page(page_text).removed}


@pytest.mark.parametrize("line", [
    "Lord Janner. Photograph: David Karp/Bloomberg News",
    "Feuerwehrleute löschen einen Brand an einem Bahndamm in Frankfurt. Quelle: Boris Roessler/Archiv",
    "Bart Voskamp in zijn tuin in Zetten (eigen foto)", "De nieuwe brug bij Zetten. Bron: Provincie Gelderland",
    "Source: New Zealand Police (District News)",
])
def test_a_caption_that_ends_in_its_source(line: str) -> None:
    assert caption_reason(line) is not None


@pytest.mark.parametrize("line", [
    "CDA/GroenLinks: nieuw PGB-systeem moet open source",
    "Het kabinet wil meer geld. Dat blijkt uit de bron: een memo.",
    "Volgens de wethouder is de bron van het probleem bekend en wordt er gewerkt aan een oplossing voor de bewoners "
    "van de wijk, die al jaren klagen over de stank, het lawaai en de drukte. Bron: Gemeente Zetten",
])
def test_a_sentence_that_names_a_source_is_no_caption(line: str) -> None:
    assert caption_reason(line) is None


def test_the_alt_text_beside_its_caption_is_taken_out_with_it() -> None:
    page = ("Brug over de rivier goedgekeurd\n\nDe nieuwe brug.\n\nDe nieuwe brug. Foto: Jan de Vries\n\n" + BODY)
    found = removed(page)
    assert found.get("De nieuwe brug.") == Kind.CAPTION
    assert found.get("De nieuwe brug. Foto: Jan de Vries") == Kind.CAPTION


def test_the_headline_shown_again_above_a_caption_stays_the_headline() -> None:
    """A line above a caption that is itself a caption only by where it stands is no caption's source: the
    headline above it, the same words again, is not taken for alt text."""
    page = ("Brug over de rivier goedgekeurd\n\nBrug over de rivier goedgekeurd\nDe brug. Foto: Jan de Vries\n" + BODY)
    read = read_page(page)
    assert read.headline == "Brug over de rivier goedgekeurd"


@pytest.mark.parametrize("line", [
    "[overzicht] [activiteiten] [besluiten] [commissies]", "[toezeggingen] [stemmingen] [verslagen] [wat is dit?]",
    "You are here: BAILII >> Databases >> England and Wales Court of Appeal", "U bent hier: Home > Nieuws > Brug",
])
def test_rows_of_links_and_breadcrumbs(line: str) -> None:
    assert furniture_reason(line) is not None


@pytest.mark.parametrize("line", ["De raad koos [in stilte] voor het plan.",
                                  "U bent hier welkom, zei de burgemeester."])
def test_prose_with_brackets_or_a_welcome_is_no_menu(line: str) -> None:
    assert furniture_reason(line) is None


@pytest.mark.parametrize("line", [
    "Zaandam, 27 januari 2026", "Den Haag, 23 september 2024", "Nuenen, vrijdag, 5 december 2025.",
    "Koog a/d Zaan, 27 januari 2026", "Sint Jacobiparochie, 30 juni 2022",
])
def test_a_place_and_a_date_is_a_date_line(line: str) -> None:
    assert place_and_date(line)
    assert removed(BODY + "\n" + line + "\n").get(line) == Kind.DATE_LINE


@pytest.mark.parametrize("line", [
    "De raad vergaderde op 27 januari 2026", "Rutte stapt op 27 januari 2026", "Zaandam viert feest op 27 januari",
    "Oekraïne Rusland Oorlog Vrede Nu 24 februari 2022", "27 januari 2026 Zaandam",
    "Toerelul 27 november 2020",  # a blog post's title and its date, in a list of posts
])
def test_a_sentence_or_title_with_a_date_is_no_place_and_date(line: str) -> None:
    assert not place_and_date(line)


@pytest.mark.parametrize(("line", "author"), [
    ("Door Marieta Kroft - 16-11-2016, 16:58 (Update 16-11-2016, 16:58)", "Marieta Kroft"),
    ("Door ANP - 5-9-2016, 4:14", "ANP"), ("Van de redactie", "Van de redactie"),
    ("(Reporting by Tuvan Gumrukcu and Ece Toksabay; Editing by Dominic Evans)", ""),
    ("(Reporting By Thomas Escritt, writing by Jan Strupczewski)", ""),
])
def test_bylines_with_their_date_and_wire_credits(line: str, author: str) -> None:
    found = byline_reason(line)
    assert found is not None and found[0] == author


@pytest.mark.parametrize("line", ["Gemaakt door Jan - en dat was goed", "Door de rivier - een lange weg",
                                  "Van de redactie kreeg hij een brief"])
def test_a_sentence_with_a_dash_is_no_byline(line: str) -> None:
    assert byline_reason(line) is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("[] ()/:.,-Aa1ZQéB>\u00a0")), max_size=600))
def test_the_shapes_never_fail_on_any_text(text: str) -> None:
    """Whatever a line holds, each shape answers (it never raises), and a place-and-date line holds a date."""
    caption_reason(text)
    furniture_reason(text)
    byline_reason(text)
    if place_and_date(text):
        assert find_date_token(text) is not None


@pytest.mark.parametrize(("line", "token"), [
    ("om 11:14 uur.", None), ("at 11:14 AM.", None), ("Vandaag, 19:02", None),
    ("25 september om 11:14 uur.", "25 september"),
])
def test_a_time_after_its_lead_word_and_a_full_stop_is_a_date_line(line: str, token: str | None) -> None:
    assert date_line(line) == (token, 0)


@pytest.mark.parametrize("line", ["Hij kwam om 11.14 uur.", "Rond 11:14 uur begon de brand."])
def test_a_sentence_with_a_time_is_no_date_line(line: str) -> None:
    assert date_line(line) is None


@pytest.mark.parametrize("line", ["3 days 23 hours ago", "about 10 hours ago", "ongeveer een uur geleden"])
def test_how_long_ago_in_two_units_or_about(line: str) -> None:
    assert furniture_reason(line) == "time ago"


@pytest.mark.parametrize(("line", "reason"), [
    ("Algemeen 360 keer gelezen", "view count"), ("1 hour ago 15,212 Views 41 Comments", "view count"),
    ("Visits: 1", "view count"), ("4.0 met 5 stemmen aantal keer bekeken 364", "view count"),
    ("Mr Jan Smit (instructed by Smit Law LLP) for the Appellant", "counsel"),
    ("— Politie Eenheid Den Haag (@POL_DenHaag) February 28, 2023", "embedded post"),
    ("Dortmund (ots)", "press portal's place"), ("Bad Bramstedt (ots)", "press portal's place"),
])
def test_counts_and_counsel(line: str, reason: str) -> None:
    assert furniture_reason(line) == reason


@pytest.mark.parametrize(("line", "key"), [
    ("Hearing date: 12 June 2019", "hearing date"), ("Onderwerp: Onheuse bejegening", "onderwerp"),
    ("Subject: More on Press Releases", "subject"), ("Betreft: de brug over de rivier", "betreft"),
])
def test_a_documents_header_line_is_metadata_even_above_the_headline(line: str, key: str) -> None:
    page = read_page(line + "\n\nBrug over de rivier goedgekeurd\n\n" + BODY)
    assert page.headline == "Brug over de rivier goedgekeurd"
    assert Removed(line, Kind.FURNITURE, f"document header ({key})") in page.removed


@pytest.mark.parametrize("line", [
    "Lijkt wel of ik in een dorp leef nu.. — Jan Smit (@jansmit) April 17, 2020",
    "Het filmpje is 3000 keer bekeken.", "De video werd al 3000 keer bekeken door fans van de club.",
    "Het onderwerp: de brug.",
])
def test_a_sentence_about_views_or_a_subject_is_kept(line: str) -> None:
    assert furniture_reason(line) is None


@pytest.mark.parametrize("line", [
    "Reactie toevoegen", "Geef een antwoord", "Laat een reactie achter", "Kommentar veröffentlichen",
    "Spread the love", "Share this post on social media:", "Deel dit verhaal", "Diel dit artikel!",
    "Print Friendly, PDF & Email", 'Share "Brug over de rivier goedgekeurd"',
])
def test_prompts_to_comment_share_or_print(line: str) -> None:
    assert furniture_reason(line) in ("call to action", "share line")


@pytest.mark.parametrize("line", ["Geef een antwoord op de vraag wat er gebeurde in de stad.",
                                  "Deel dit verhaal met je vrienden, zei de burgemeester."])
def test_a_sentence_that_asks_to_share_or_answer_is_kept(line: str) -> None:
    assert furniture_reason(line) is None
