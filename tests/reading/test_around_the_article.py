"""Furniture around the article read after the line model: a page's calls to its reader (``reader_calls``), another
story's title stamped with its age or time, and a line amid furniture below the article's last paragraph
(``around_the_article``)."""

from __future__ import annotations

import time

import pytest

from pipeline.reading.around_the_article import (
    AMID_FURNITURE,
    amid_furniture_below,
    furniture_around_the_article,
    stamped_title,
)
from pipeline.reading.lines import Kind, PageLine
from pipeline.reading.reader_calls import _ANYWHERE, _OPENS, call_to_the_reader
from tests.reading.test_related_stories import HEAD, PARAGRAPHS, _kept


@pytest.mark.parametrize(("line", "call"), [
    ("Heb jij een tip of verbetering? Stuur de redactie van Omroep Voorbeeld een bericht op 0123 45 6789.",
     "a tip for the newsroom"),
    ("Have a story idea? Send it to us here.", "a tip for the newsroom"),
    ("WhatsApp ons!", "a tip for the newsroom"),
    ("Log in of maak een gratis account aan om dit artikel te lezen.", "a subscription or a login"),
    ("Dit artikel is alleen te lezen voor onze abonnees.", "a subscription or a login"),
    ("Already a member? Sign in.", "a subscription or a login"),
    ("Take a 30-day trial", "a subscription or a login"),
    ("Doneer aan de voedselbank van het dorp", "a donation"),
    ("No donation is too small. Every euro helps us keep the archive open.", "a donation"),
    ("Uw e-mailadres wordt niet gepubliceerd.", "the comment form"),
    ("Geen reacties op Jaarverslag van de vereniging", "the comment form"),
    ("Download onze app in de App Store", "the site's app or its pages"),
    ("Je kunt ons ook volgen op Facebook:", "the site's app or its pages"),
    ("Blijf op de hoogte met onze dagelijkse nieuwsbrief", "a newsletter or notifications"),
    ("Meld u aan voor onze nieuwsbrief en lees dit artikel gratis", "a newsletter or notifications"),
    ("Hoe waardevol vond je dit artikel?", "a rating"),
    ("Laat dit artikel viral gaan in het dorp, deel het met je vrienden!", "a share"),
    ("Facebooktwittermail", "a share"),
    ("Beitrag teilen", "a share"),
    ("Den ausführlichen Artikel lesen Sie in der Ausgabe vom Donnerstag.", "the story elsewhere"),
])
def test_a_call_to_the_reader_is_known_by_what_it_asks(line: str, call: str) -> None:
    assert call_to_the_reader(line) == call


@pytest.mark.parametrize("line", [
    "De burgemeester kreeg een tip van een inwoner over de verzakte kademuur.",
    "Wethouder Jansen heeft nog vragen over de begroting van het zwembad.",
    "Het dorpshuis stuurt ons elk jaar een kerstkaart, zegt de voorzitter.",
    "De vereniging wil meer leden werven en start daarom een campagne op sociale media.",
    "Abonnees van de krant krijgen het magazine gratis thuisbezorgd, meldt de uitgever.",
    "Wir werden den Beitrag teilen und dann weitersehen.",
    "Facebook en Twitter kregen forse kritiek in de commissie.",
    HEAD,
    *PARAGRAPHS,
])
def test_a_sentence_about_tips_subscribers_or_sharing_asks_the_reader_nothing(line: str) -> None:
    assert call_to_the_reader(line) is None


def test_a_call_under_the_article_is_furniture_and_the_articles_sentences_stay() -> None:
    call = "Heb jij nieuws of een opmerking? Stuur de redactie een WhatsApp."
    kept = _kept("\n\n".join([HEAD, *PARAGRAPHS, call]) + "\n")
    assert call not in kept
    assert all(paragraph in kept for paragraph in PARAGRAPHS)


@pytest.mark.parametrize("line", [
    "Brand op schip bij windpark, man overboord 17 uur geleden",
    "Nieuwe burgemeester beëdigd in het stadhuis 3 hours ago",
    "10:57Komt er nog een nieuw seizoen van de serie?",
])
def test_a_teasers_title_with_its_age_or_time_is_stamped(line: str) -> None:
    assert stamped_title(line)


@pytest.mark.parametrize("line", [
    "3 uur geleden begon de brand in de loods.",
    "Het gebeurde 2 dagen geleden, zegt de politie, maar niemand zag het.",
    "10:57 uur: de trein rijdt weer",
    "Om 10.57 Uur begon de vergadering",
])
def test_an_age_or_a_time_in_a_sentence_stamps_nothing(line: str) -> None:
    assert not stamped_title(line)


def _line(text: str, share: float, kind: Kind = Kind.TEXT) -> PageLine:
    return PageLine(text, 0, kind=kind, shares={"other": share, "body": 1.0 - share})


def test_a_line_amid_furniture_below_the_article_that_the_model_half_takes_for_furniture_is_furniture() -> None:
    lines = [_line(PARAGRAPHS[0], 0.02), _line(PARAGRAPHS[1], 0.01),
             _line("Menu van de site", 0.9, Kind.FURNITURE),
             _line("Alle rechten op deze teksten liggen bij de uitgever van de site", AMID_FURNITURE + 0.05),
             _line("Contact en adverteren", 0.8)]
    assert amid_furniture_below(lines) == [3]
    furniture_around_the_article(lines)
    assert lines[3].kind == Kind.FURNITURE and lines[3].reason.startswith("amid furniture below the article")
    assert [line.kind for line in lines[:2]] == [Kind.TEXT, Kind.TEXT]


def test_a_document_of_many_parts_keeps_a_line_amid_its_short_labels() -> None:
    lines = [_line(PARAGRAPHS[0], 0.02), _line("Goedgekeurd", 0.8),
             _line("3. Vaststelling van het reglement van het sportpark", 0.6), _line("Secretaris", 0.8)]
    furniture_around_the_article(lines, parts=True)
    assert lines[2].kind == Kind.TEXT
    furniture_around_the_article(lines)
    assert lines[2].kind == Kind.FURNITURE


def test_a_line_with_text_beside_it_or_that_the_model_takes_for_text_stays() -> None:
    below = "Alle rechten op deze teksten liggen bij de uitgever van de site"
    one_side = [_line(PARAGRAPHS[0], 0.02), _line("Menu", 0.9, Kind.FURNITURE), _line(below, 0.6),
                _line("De brug kost 2,4 miljoen euro, die de provincie voor de helft betaalt.", 0.1)]
    assert amid_furniture_below(one_side) == []
    texts = [_line(PARAGRAPHS[0], 0.02), _line("Menu", 0.9, Kind.FURNITURE), _line(below, AMID_FURNITURE - 0.05),
             _line("Contact", 0.9, Kind.FURNITURE)]
    assert amid_furniture_below(texts) == []
    # above the article's last paragraph nothing is taken, and without the model's shares nothing at all
    above = [_line("Menu", 0.9, Kind.FURNITURE), _line(below, 0.6), _line("Zoeken", 0.9, Kind.FURNITURE),
             _line(PARAGRAPHS[0], 0.02)]
    assert amid_furniture_below(above) == []
    unread = [PageLine(PARAGRAPHS[0], 0), PageLine("Menu", 1, kind=Kind.FURNITURE), PageLine(below, 2),
              PageLine("Zoeken", 3, kind=Kind.FURNITURE)]
    assert amid_furniture_below(unread) == []


def test_a_call_cut_by_where_it_stands_stays_out() -> None:
    line = PageLine("Help us to improve this service by completing our feedback survey.", 0, kind=Kind.FURNITURE,
                    reason="outside the page's run of text (a whole page flattened)")
    furniture_around_the_article([line])
    assert line.kind == Kind.FURNITURE and line.reason == "a call to the reader (a newsletter or notifications)"


HOSTILE = ["a" * 100_000, "heb je " * 15_000, "Log in of " * 10_000, "\x00\x07\x1b" * 34_000, "facebook " * 11_000,
           "facebook" * 12_500 + "!", "1 uur geleden " * 7_000, "Een titel " + "x " * 50_000 + "3 uur geleden",
           "10:57" * 20_000, " " * 100_000 + "Heb jij een tip?", "deel: " * 16_000, "x\n" * 50_000]


@pytest.mark.parametrize("line", HOSTILE)
def test_hostile_lines_are_judged_in_one_pass(line: str) -> None:
    started = time.process_time()  # processor time, not the wall clock: a busy machine fails nothing
    for _ in range(10):
        call_to_the_reader(line)
        call_to_the_reader(line[:499])
        stamped_title(line)
        stamped_title(line[:299])
    # the patterns themselves, on the whole line: a pattern that backtracks would not come back
    _ANYWHERE.search(line)
    _OPENS.match(line)
    assert time.process_time() - started < 2.0
