"""Captions that end in their credit, credits alone, a group photo's who-stands-where, an image's label, an image's
text shown again with its credit, a site's trail of pages and its loading messages: exact forms on any site. The
lines are made up; none is a real page's."""

from __future__ import annotations

import time

import pytest

from pipeline.reading.credits import MAX_CHARS, caption_form, captions_shown_twice, furniture_by_form, trail_form
from pipeline.reading.lines import Kind, PageLine
from pipeline.reading.page import read_page

BODY = ("De gemeenteraad heeft dinsdagavond ingestemd met het plan voor een nieuwe brug over de rivier.\n\n"
        "De bouw begint volgend jaar en duurt naar verwachting twee jaar, zo meldt de wethouder in een verklaring.\n")


@pytest.mark.parametrize("line", [
    "Honderden bezoekers kwamen zaterdag naar de markt in Ede. Foto: Fotobureau.nl/Jan de Wit",
    "Het eerste bezoek aan de school op 3 maart. (Foto: K. van Dam)",
    "The club celebrates its tenth birthday. Photograph: Anne Smith.",
    "Buses queue outside the station during the strike (Picture: Getty)",
    "Leden van de vereniging bij het clubhuis. Fotografie: Piet de Boer.",
    "De nieuwe sporthal aan de Dorpsstraat. Foto P.J. de Groot",
    "Alle uitslagen op een rijBeeld de Dorpskrant",
    "Passengers wait on a platform during the walkout (John Brown/PA)",
    "A fielder dives for the ball at the county ground [Mary Green/Getty Images]",
])
def test_a_caption_that_ends_in_its_credit(line: str) -> None:
    assert caption_form(line) is not None
    lines = [PageLine(line, 0)]
    furniture_by_form(lines)
    assert lines[0].kind == Kind.CAPTION


@pytest.mark.parametrize("line", [
    "Tom Black/AP", "AP Photo/Jane C. White", "Lena Grey/E+ via Getty Images", "Emma Blue/Shutterstock",
])
def test_a_credit_alone(line: str) -> None:
    assert caption_form(line) == "credit: a name and its agency"


@pytest.mark.parametrize("line", [
    "V.l.n.r. Jan Smit, Piet Bos en Anna de Vries",
    "Foto vlnr: wethouder Jan Smit, Piet Bos en voorzitter Anna de Vries.",
    "Der neue Vorstand (von links): Karl Meier, Eva Schulz und Otto Klein",
    "Pictured are (from left to right) the mayor, the clerk and the treasurer",
    "Profielfoto van Anna de Vries", "Afbeelding horend bij: Nieuwe fietspaden in het centrum",
    "Screen Shot 2020-01-02 at 10.11.12 AM", "Dorpskrant logo", "Klik op de afbeelding om te vergroten.",
    "Plattegrond van het nieuwe plein [View Full Size]",
])
def test_who_stands_where_and_an_images_label(line: str) -> None:
    assert caption_form(line) is not None


@pytest.mark.parametrize("line", [
    # a sentence of the text that mentions a photo, a source or an agency, or ends in lower-case words after one
    "De fotograaf maakte foto's van de brand. Foto: die zijn te zien in de bibliotheek.",
    "Het cijfer komt van het statistiekbureau (bron: een eigen berekening).",
    "Shares fell sharply after the announcement (Reuters)",
    "Sport/Cultuur", "Verwaltung/Protokollführer Karl Meier", "Het nieuwe logo van de gemeente",
    "Wethouder Bos: de brug komt er", "A photo of the mayor was shown on the screen during the meeting.",
    "Beeld je eens in dat de brug er al ligt.", "Een nieuw logo", 'image: ""', "Foto: 12",
])
def test_the_texts_sentences_and_headings_are_no_caption(line: str) -> None:
    assert caption_form(line) is None


@pytest.mark.parametrize("line", [
    "Home » Nieuws » Gemeente", "Startseite » Allgemein » Vereine", "Hauptseite > Dokumente > Protokoll 2007",
    "Home|Onze school|Blog", "Voorpagina » De nieuwe brug over de rivier",
    "U bevindt zich op: Nieuws", "Gedaan met laden. U bevindt zich op: Agenda",
    "Artikel 3 von 12", "You are on page 1of 40", "Previous post Next post", "Bezig met laden....",
    "Loading...", "error: Kopiëren is niet toegestaan",
    "The post Storm hits the coast appeared first on Coast News.",
    "Het bericht Nieuwe brug geopend verscheen eerst op Dorpsnieuws.",
    "Mooie middag in het stadion. #voetbal pic.twitter.com/abc — Sportclub (@sportclub) 3 mei 2019",
])
def test_a_trail_of_pages_and_a_pages_messages(line: str) -> None:
    assert trail_form(line) is not None
    lines = [PageLine("• " + line, 0)]
    furniture_by_form(lines)
    assert lines[0].kind == Kind.FURNITURE


@pytest.mark.parametrize("line", [
    "»Wir bauen die Brücke«, sagt der Bürgermeister > alle anderen", "Temperatur > 30 Grad",
    "De prijs steeg van 10 > 20 euro", "Pagina's over de brug", "Laden en lossen mag tot 11 uur.",
    "Monthly Archives: May 2021",  # an archive page's own title: the labels keep it as the title
])
def test_prose_and_titles_are_no_trail(line: str) -> None:
    assert trail_form(line) is None


def test_an_images_text_shown_again_with_its_credit() -> None:
    lines = [PageLine("De markt op het plein in de zon", 0),
             PageLine("De markt op het plein in de zonBeeld Jan Smit", 0),
             PageLine("De gemeente opent zaterdag de nieuwe markt, meldt de wethouder.", 1)]
    captions_shown_twice(lines)
    assert [line.kind for line in lines] == [Kind.CAPTION, Kind.CAPTION, Kind.TEXT]


def test_a_headline_over_its_images_label_stays() -> None:
    lines = [PageLine("Gemeente plant nieuwe brug over de rivier", 0),
             PageLine("Gemeente plant nieuwe brug over de rivier image", 0),
             PageLine("Het agendapunt gaat over de brug", 1), PageLine("Het agendapunt gaat over de brug van 3 mei", 1)]
    captions_shown_twice(lines)
    assert all(line.kind == Kind.TEXT for line in lines)


def test_a_page_loses_its_caption_and_trail_and_keeps_its_text() -> None:
    page = read_page("Home » Nieuws » Gemeente\n\nNieuwe brug over de rivier\n\n" + BODY
                     + "\nDe oude brug in 1950. (Foto: K. van Dam)\n\n" + BODY.split("\n\n")[1])
    removed = {line.line: line.kind for line in page.removed}
    assert removed["Home » Nieuws » Gemeente"] == Kind.FURNITURE
    assert removed["De oude brug in 1950. (Foto: K. van Dam)"] == Kind.CAPTION
    assert "ingestemd met het plan" in "\n".join(line.text for line in page.lines if line.kind == Kind.TEXT)


@pytest.mark.parametrize("line", [
    "(" * 50_000 + "Foto: A" + ")" * 50_000,
    "Foto: " + "A." * 50_000,
    "a » " * 25_000,
    "Home|" * 20_000,
    "x (von links) " * 7_000,
    "— A (@a) " * 10_000 + "1 mei 2020",
    ("Jan de Vries " * 45)[: MAX_CHARS - 1],
    ("a.B " * 200)[: MAX_CHARS - 1] + ")",
    ("the post " * 100)[: MAX_CHARS - 1],
])
def test_a_hostile_line_is_judged_quickly(line: str) -> None:
    started = time.process_time()  # processor time, not the wall clock: a busy machine fails nothing
    caption_form(line)
    trail_form(line)
    caption_form(line[:MAX_CHARS])
    trail_form(line[:MAX_CHARS])
    assert time.process_time() - started < 0.05


def test_a_sites_sections_with_their_counts() -> None:
    texts = ["• Sport en Spel (15)", "• Politiek (7)", "• Kunst (11)", "De gemeente bouwt een brug (2025)."]
    lines = [PageLine(text, 0) for text in texts]
    furniture_by_form(lines)
    assert [line.kind for line in lines] == [Kind.FURNITURE] * 3 + [Kind.TEXT]


def test_two_counted_lines_are_no_widget() -> None:
    lines = [PageLine("Politiek (7)", 0), PageLine("Kunst (11)", 0), PageLine("De raad vergadert (1)", 1)]
    lines[2].kind = Kind.HEADING
    furniture_by_form(lines)
    assert [line.kind for line in lines] == [Kind.TEXT, Kind.TEXT, Kind.HEADING]
