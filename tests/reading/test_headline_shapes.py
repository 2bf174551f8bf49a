"""headline_shapes: head lines that are never the page's headline by their shape (a date alone, a list's item, a
logo, a byline with its reading time, a name repeated, a photo's label, a print button, a caption over its credit, a
notice about the browser), a headline in title case, a site's name after the headline. Made-up lines, real shapes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.reading.head import split_glued_kicker
from pipeline.reading.headline_shapes import (
    caption_credit,
    date_only,
    headline_in_title_case,
    list_item,
    never_the_headline,
    notice_to_the_reader,
    without_site_name,
)
from pipeline.reading.lines import Kind
from pipeline.reading.page import read_page

LEDE = ("Het college van burgemeester en wethouders heeft dinsdag besloten de brug over de Vaart volgend jaar te "
        "vervangen, omdat de oude brug niet meer veilig is.")
MORE = "De werkzaamheden beginnen in maart en duren naar verwachting vier maanden, meldt de gemeente."


@pytest.mark.parametrize("line", ["15.03.2021 ( vor 3 Stunden )", "Oktober 2019", "vrijdag 3 mei 2024, 14:02",
                                  "12-01-2020 | 08:15 uur", "March 2021", "4 uur geleden 3 juni 2022"])
def test_a_date_alone_in_any_form(line: str) -> None:
    assert date_only(line)
    assert never_the_headline(line) == (Kind.DATE_LINE, "a date alone in the page head")


@pytest.mark.parametrize("line", ["Minutes 6th December 2021", "Zitting van 26 januari 2023",
                                  "Nieuwsbrief 25 september", "Brug dicht op 3 mei 2024", "Monthly archive: May 2020",
                                  "Gemeenteraad", "3 min read 4 mei 2021", "2021"])
def test_a_line_that_says_something_beside_its_date_is_no_date_alone(line: str) -> None:
    assert not date_only(line)


@pytest.mark.parametrize("line", ["• Menu", "  • Sport", "- 12 en 13 mei Schoolreis groep 5", "* Punt een",
                                  "– Tweede punt", "▪ Derde punt"])
def test_a_list_item(line: str) -> None:
    assert list_item(line)


@pytest.mark.parametrize("line", ["-renners gezocht", "–20% korting op fietsen", "Brug dicht - omleiding",
                                  "1. Opening", "De brug gaat dicht"])
def test_no_list_item(line: str) -> None:
    assert not list_item(line)


@pytest.mark.parametrize(("line", "kind"), [
    ("Logo van Gemeente Zuidstad dat doorverwijst naar de homepage", Kind.CAPTION),
    ("Logo Stad Noordwijk", Kind.CAPTION),
    ("BY Jane Example4 minute read", Kind.BYLINE),
    ("Door Piet Voorbeeld · 3 min leestijd", Kind.BYLINE),
    ("Radio Noordkust Radio Noordkust Radio Noordkust", Kind.FURNITURE),
    ("Radio Noordkust Radio Noordkust", Kind.FURNITURE),
    ("Stockfoto Brandweer", Kind.CAPTION),
    ("Archieffoto: ANP", Kind.CAPTION),
    ("Print pagina", Kind.FURNITURE),
    ("Artikel drucken", Kind.FURNITURE),
    ("Erschienen in: Zeitschrift für Beispiele 2/2020", Kind.FURNITURE),
    ("gtag('consent', 'update', {'analytics_storage': 'granted' })", Kind.FURNITURE),
    ('window.dataLayer.push({"event": "paginaweergave"});', Kind.FURNITURE),
    ("jQuery(function() { start(); });", Kind.FURNITURE),
    ("Afbeelding horend bij: Nieuwe brug over de Vaart is klaar", Kind.CAPTION),
    ("Bild zu: Neue Brücke über die Vaart", Kind.CAPTION),
    ("03-04-2025 17:16 via voorbeeldkrant.be", Kind.DATE_LINE),
    ("12 maart 2024 via www.voorbeeld-nieuws.nl", Kind.DATE_LINE),
])
def test_furniture_by_its_shape(line: str, kind: Kind) -> None:
    found = never_the_headline(line)
    assert found is not None and found[0] == kind


@pytest.mark.parametrize("line", [
    "Gemeente onthult nieuw logo voor de binnenstad", "Logo van voetbalclub na vijftig jaar vernieuwd in de stad",
    "Nieuwe brug over de Vaart is klaar", "Fotowedstrijd over de haven van start", "Printer in stadhuis vat vlam",
    "Het leesteken in de krant", "Rood Rood Blauw", "Tora! Tora! Tora!", "Logo's van clubs vernieuwd",
    "Erschienen in Berlin: ein Buch über Brücken",
    "Sportfoto van het jaar gekozen uit duizenden inzendingen",
    'Wethouder (VVD) zegt "nee" tegen plan', "Afbeelding van de week gekozen", "Hulp via Marktplaats.nl gezocht",
    "Bericht van 3 april via voorbeeld.nl over de brug", "Kabinet(ten) vallen vaker dan vroeger",
    'Titel("Zomer") is een boek',
])
def test_a_headline_is_no_furniture_by_shape(line: str) -> None:
    assert never_the_headline(line) is None


def test_a_caption_shown_again_with_its_credit_or_a_name_in_a_credit_under_it() -> None:
    shown = ["Volledig scherm", "Wethouder Jan Voorbeeld (Financiën) © anp"]
    assert caption_credit("Wethouder Jan Voorbeeld (Financiën)", shown) == (1, True)
    assert caption_credit("Piet Fotograaf", ["22/06/19 - 10u12", "© Piet Fotograaf."]) == (1, False)
    assert caption_credit("De nieuwe brug", ["De nieuwe brug. Foto: Gemeente Zuidstad"]) == (0, True)
    # the headline over a lede that opens with its words, and a credit for someone else, are no caption
    assert caption_credit("De nieuwe brug", ["De nieuwe brug is klaar, meldt de gemeente."]) is None
    assert caption_credit("Piet Fotograaf", ["© Jan Ander"]) is None
    assert caption_credit("Zo", ["Zo © anp"]) is None


@pytest.mark.parametrize("line", ["The Harbour Is Closed. The Market Isn't.", "Why Bridges Fail. Here Is How.",
                                  "Everything You Need To Know."])
def test_a_headline_of_sentences_in_title_case(line: str) -> None:
    assert headline_in_title_case(line)


@pytest.mark.parametrize("line", ["The harbour is closed. The market is not.", "De Brug Is Dicht",
                                  "Jan Peeters en Piet Janssens zijn er.", "Go Now."])
def test_no_headline_in_title_case(line: str) -> None:
    assert not headline_in_title_case(line)


def test_the_site_name_comes_off_a_headline_the_page_shows_alone() -> None:
    assert without_site_name("Nieuwe Brug Open | Stadsblog", ["Nieuwe Brug Open | Stadsblog", "Nieuwe Brug Open"]) \
        == "Nieuwe Brug Open"
    # without the headline alone on the page, nothing comes off ("Oost - West" may well be the headline's own)
    assert without_site_name("Derby Oost - West", ["Derby Oost - West", "Een verslag"]) == "Derby Oost - West"


@pytest.mark.parametrize("line", [
    "Diese Website verwendet Funktionen, die Ihr Browser nicht unterstützt. Bitte aktualisieren Sie Ihren Browser.",
    "Your browser is out of date. Update your browser for more security.",
    "Uw browser wordt niet meer ondersteund.", "Er zijn nog geen producten in jouw winkelwagen geplaatst.",
    "Your cart is empty.", "Ihr Warenkorb ist leer",
])
def test_a_notice_about_the_readers_browser(line: str) -> None:
    assert notice_to_the_reader(line)


@pytest.mark.parametrize("line", ["De nieuwe browser van het bedrijf wordt volgende week bijgewerkt.",
                                  "Your browser history is your own business, the minister said.",
                                  "De winkelwagen van de supermarkt staat vol met producten."])
def test_a_sentence_about_browsers_is_no_notice(line: str) -> None:
    assert not notice_to_the_reader(line)


@pytest.mark.parametrize("top", ["09.05.2024 ( vor 2 Stunden )", "Mei 2024", "• Banner 01",
                                 "Logo van Gemeente Zuidstad dat doorverwijst naar de homepage",
                                 "Radio Zuid Radio Zuid Radio Zuid", "BY Jan Voorbeeld5 minute read",
                                 "gtag('config', 'G-VOORBEELD');"])
def test_furniture_by_shape_above_the_headline_is_never_the_headline(top: str) -> None:
    page = read_page(f"{top}\n\nBrug over de Vaart wordt vervangen\n\n{LEDE}\n\n{MORE}\n", want_headline=True)
    assert page.headline == "Brug over de Vaart wordt vervangen"


@pytest.mark.parametrize("top", ["15.03.2021 ( vor 7 Stunden )", "Stockfoto Politie", "BY Jan Voorbeeld5 minute read"])
def test_furniture_by_shape_alone_above_the_lede_leaves_no_headline(top: str) -> None:
    page = read_page(f"{top}\n\n{LEDE}\n\n{MORE}\n", want_headline=True)
    assert page.headline == ""
    assert any(removed.line == top for removed in page.removed)


def test_a_caption_over_its_credit_is_no_headline() -> None:
    page = read_page("Wethouder Jan Voorbeeld (Financiën)\nVolledig scherm\nWethouder Jan Voorbeeld (Financiën) © anp"
                     f"\n\nGemeente: brug over de Vaart moet weg\n\n{LEDE}\n\n{MORE}\n", want_headline=True)
    assert page.headline == "Gemeente: brug over de Vaart moet weg"  # the attribution before the colon is kept


def test_a_headline_its_photo_repeats_with_a_credit_stays_the_headline() -> None:
    page = read_page(f"Brug over de Vaart wordt vervangen\n\nVolledig scherm\n\n"
                     f"Brug over de Vaart wordt vervangen © anp\n\n{LEDE}\n\n{MORE}\n", want_headline=True)
    assert page.headline == "Brug over de Vaart wordt vervangen"


def test_a_print_button_and_a_section_label_above_the_headline() -> None:
    page = read_page(f"Print pagina\n\nVacatures\n\n{LEDE}\n\n{MORE}\n", want_headline=True)
    assert page.headline == "Vacatures"
    page = read_page(f"Laatste nieuws\n\n{LEDE}\n\n{MORE}\n", want_headline=True)
    assert page.headline == ""


def test_a_headline_in_title_case_heads_the_page_though_it_reads_as_prose() -> None:
    page = read_page("Opinion\n\nThe Harbour Is Closed. The Market Isn't.\n\n"
                     "For a hundred years the harbour was the heart of the town, and the market grew up beside it.\n\n"
                     "That is about to change, as the council decided on Monday to sell the quay.\n",
                     want_headline=True)
    assert page.headline == "The Harbour Is Closed. The Market Isn't."


def test_the_site_name_after_the_headline_comes_off() -> None:
    page = read_page(f"Brug over de Vaart wordt vervangen | Stadsblog\n\nBrug over de Vaart wordt vervangen\n\n{LEDE}"
                     f"\n\n{MORE}\n", want_headline=True)
    assert page.headline == "Brug over de Vaart wordt vervangen"


def test_a_notice_to_the_reader_above_the_text_goes() -> None:
    text = ("Der Gemeinderat hat am Dienstag beschlossen, die alte Brücke über den Kanal im nächsten Jahr zu ersetzen, "
            "weil sie nicht mehr sicher ist.")
    page = read_page("Diese Website verwendet Funktionen, die Ihr Browser nicht unterstützt. Bitte aktualisieren Sie "
                     f"Ihren Browser auf eine aktuelle Version.\n\n{text}\n", want_headline=True)
    assert [line.text for line in page.lines if line.kind == Kind.TEXT] == [text]  # the lede is the text's
    assert any(removed.reason == "a notice to the reader (a browser's, a shop's cart)" for removed in page.removed)
    # the same words in the text, under its first sentence, stay
    page = read_page(f"{text}\n\nIhr Browser ist veraltet, sagt der Bürgermeister, und er meint die Stadt.\n")
    assert all(removed.reason != "a notice to the reader (a browser's, a shop's cart)" for removed in page.removed)


@pytest.mark.parametrize(("line", "kicker"), [
    ("Notes From the Harbour: The Night Shift", ""),
    ("Setting Up Alerts on Shared Team Calendars", ""),
    ("Jahresversammlung FF Nordheim / Südheim", ""),
    ("AB- Grundkurs für neue Vorsitzende", ""),
    ("Schoolmaatregel Zo proberen scholen het lerarentekort op te vangen", "Schoolmaatregel"),
])
def test_a_glued_kicker_is_no_first_word_of_a_title_case_headline_nor_a_compound_nor_before_an_abbreviation(
        line: str, kicker: str) -> None:
    assert split_glued_kicker(line, frozenset())[0] == kicker


def test_dates_with_their_labels_and_a_source_run_together_with_the_headline_come_off() -> None:
    page = read_page(f"Geplaatst op:12-03-2019 Bijgewerkt op:12-03-2019 10:05 Nieuwe brug openBron: redactie Stadsblog"
                     f"\n\n{LEDE}\n\n{MORE}\n", want_headline=True)
    assert page.headline == "Nieuwe brug open"
    assert [(removed.kind, removed.line) for removed in page.removed[:2]] == [
        (Kind.DATE_LINE, "Geplaatst op:12-03-2019 Bijgewerkt op:12-03-2019 10:05"),
        (Kind.BYLINE, "Bron: redactie Stadsblog")]
    # a source the headline names with a space before it is the headline's own words
    page = read_page(f"Nieuwe brug open Bron: nieuwe rapportage\n\n{LEDE}\n\n{MORE}\n", want_headline=True)
    assert page.headline == "Nieuwe brug open Bron: nieuwe rapportage"


def test_two_authors_glued_after_the_headline_come_off_unless_the_text_names_them() -> None:
    page = read_page(f"Brug over de Vaart wordt volgend jaar vervangen Koen Voorbeeld Eva Proef\n\n{LEDE}\n\n{MORE}\n",
                     want_headline=True)
    assert page.headline == "Brug over de Vaart wordt volgend jaar vervangen"
    said = f"{MORE} Dat zegt wethouder Eva Proef."
    page = read_page(f"Brug over de Vaart wordt volgend jaar vervangen Koen Voorbeeld Eva Proef\n\n{LEDE}\n\n{said}\n",
                     want_headline=True)
    assert page.headline == "Brug over de Vaart wordt volgend jaar vervangen Koen Voorbeeld Eva Proef"


def test_a_long_line_of_one_token_over_and_over_is_not_read_as_a_name_repeated() -> None:
    # a head line of thousands of "- " is text to keep or a rule's furniture, never the repeated-name shape, whose
    # search would grow with the square of the line's length
    assert never_the_headline("RTV Noord RTV Noord RTV Noord") == (Kind.FURNITURE, "one name repeated on its line")
    assert never_the_headline("- " * 20_000) is None
    assert never_the_headline(("Omroep West " * 500).strip()) is None
    # a script's line is looked at up to a bound: a huge one of brackets is text, found quickly
    assert never_the_headline("f(" + "'a', " * 20_000 + ")") is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab -•.:0123456789|©()Logo\n\t\u00a0")), max_size=400))
def test_the_shapes_read_any_line_without_failing(text: str) -> None:
    found = never_the_headline(text)
    assert found is None or isinstance(found[0], Kind)
    assert isinstance(date_only(text), bool) and isinstance(list_item(text), bool)
    assert isinstance(notice_to_the_reader(text), bool) and isinstance(headline_in_title_case(text or "x"), bool)
    shorter = without_site_name(text, [text])
    assert isinstance(shorter, str) and len(shorter) <= len(text)
