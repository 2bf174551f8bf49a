"""A page's own date in the forms documents, rulings, minutes and bylines give it, and no date on an index
of dated items (the samples are made up, in the shapes real pages have)."""

from __future__ import annotations

import pytest

from pipeline.reading.date_candidates import labelled_date
from pipeline.reading.date_lines import BYLINE_DATE, MEETING_DATE, RULING_DATE, meeting_token, signed_at
from pipeline.reading.other_dates import inside_a_number
from tests.reading.test_page_dates import LEDE, MORE, date_of

HEADLINE = "Nieuwe sporthal krijgt groen licht van de raad"
GRUND = ("Der Kläger verlangt von der Beklagten Ersatz des Schadens, der ihm bei einem Unfall auf der Landstraße "
         "entstanden ist, und die Kosten des Verfahrens.")
RECORD = ("The Chair welcomed everyone to the meeting and thanked the members for attending at such short notice "
          "in the evening.")


@pytest.mark.parametrize(("page", "day"), [
    # a German court's line over the headline, with its case number after the date
    (f"LG Musterstadt Urteil vom 6.11.2009, 1 S 23/09\n\nHaftung bei einem Unfall auf der Landstraße\n\n"
     f"Leitsätze\n\n{GRUND}\n", "2009-11-06"),
    (f"Rechtsprechung\n\nGericht: Oberverwaltungsgericht\n\nBeschluss verkündet am 18.09.2007\n\n{GRUND}\n",
     "2007-09-18"),
    # a ruling's metadata in one line: the decision's date by its label
    (f"Entscheidung 1 UF 2/20\n\nGericht OLG Musterstadt 4. Senat Entscheidungsdatum 13.03.2023\n\n{GRUND}\n",
     "2023-03-13"),
    # a document's place and day of signing: its last line, or inside a long line of its head
    (f"Satzung des Vereins\n\n{GRUND}\n\n{GRUND}\n\nMusterstadt-Nord, den 16.06.2022\n", "2022-06-16"),
    (f"Sitzung des Rates\n\nAktenzahl: 004/2009 Musterdorf, den 29.01.2009 Protokoll der Sitzung, {GRUND}\n",
     "2009-01-29"),
    # English minutes: the title line names the meeting "held on" its day, or the line under the title does
    (f"Minutes\n\nMinutes of the Full Council Meeting held on Monday 24th August 2020 at 7:00pm\n\n"
     f"Members Present: Cllrs Smith, Jones and Brown (Chairman).\n\n{RECORD}\n", "2020-08-24"),
    (f"A Meeting of the Parish School Board\n\nwas held in the hall at the School on Thursday 5th December 2019 "
     f"at 4.30pm.\n\n{RECORD}\n", "2019-12-05"),
    # West Frisian minutes open with their meeting and its day, a sentence of its own
    ("Ferslach fan de jiergearkomste fan de feriening op woansdei 18 febrewaris 2015 yn it doarpshûs.\n\n"
     "Oanwêzich: 30 leden.\n\n1. Iepenjen.\n\nDe foarsitter iepent de gearkomste en hy hjit elkenien wolkom "
     "op dizze jûn yn it doarpshûs.\n", "2015-02-18"),
    # an author and the date in the line over the text, its preposition no event's
    (f"Door Piet Smit op 8 december 2016\n\nVerslag bijeenkomst over de kust\n\n{LEDE}\n\n{MORE}\n", "2016-12-08"),
    (f"Geschrieben von Anna Smit am 31.12.2023\n\n{HEADLINE}\n\n{LEDE}\n\n{MORE}\n", "2023-12-31"),
    (f"Posted in Nieuws on 31/08/2011 by Jan\n\n{HEADLINE}\n\n{LEDE}\n\n{MORE}\n", "2011-08-31"),
    # a year after an apostrophe, a time glued to the year
    (f"{HEADLINE}\n\n01 apr '20\n\n{LEDE}\n\n{MORE}\n", "2020-04-01"),
    (f"{HEADLINE}\n\n03.03.202511:00 Uhr\n\n{LEDE}\n\n{MORE}\n", "2025-03-03"),
])
def test_a_documents_or_bylines_date_dates_the_page(page: str, day: str) -> None:
    assert date_of(page) == day


@pytest.mark.parametrize("page", [
    # the minutes approved are the earlier meeting's
    ("Agenda item\n\nMinutes\n\nTo agree the public minutes of the last meeting.\n\nRESOLVED - That the minutes of "
     f"the meeting held on 21 March 2017 be agreed as a correct record.\n\n{RECORD}\n"),
    # an index: each teaser's label on a line of its own over its date
    "Recensies\n\n" + "".join(f"Recensie {name}\n\ngepubliceerd op:\n\n{day}/02/2014\n\n{LEDE}\n\n"
                              for name, day in (("Eerste voorstelling", 21), ("Tweede", 16), ("Derde", 9))),
    # an index of posts, each with its author and the moment of posting
    "Nieuws\n\n" + "".join(f"STAD: bericht nummer {number} van vandaag\n\nIngediend door Jan op za, 22/11/2025 - "
                           f"{hour}:07\n\n{LEDE}\n\n" for number, hour in ((1, 20), (2, 19), (3, 18))),
    # an archive of press releases, each opening with its place and day
    "Archiv Oktober 2010\n\n" + "".join(f"Bericht {number}\n\nMusterstadt, {number}. Oktober 2010 - {GRUND}\n\n"
                                         for number in (9, 7, 3)),
])
def test_no_date_from_earlier_minutes_or_an_index_of_dated_items(page: str) -> None:
    assert date_of(page) is None


@pytest.mark.parametrize(("line", "token"), [
    ("LG Musterstadt Urteil vom 6.11.2009, 1 S 23/09", "6.11.2009"),
    ("Urteil vom 12.12.2023", "12.12.2023"),
    ("Das Urteil vom 5.3.2020 wurde bestätigt", None),  # a sentence about a ruling
])
def test_a_courts_line_names_its_day_of_judgment(line: str, token: str | None) -> None:
    found = RULING_DATE.match(line)
    assert (meeting_token(found) if found else None) == token


def test_a_place_and_den_date_a_document_and_a_weekday_does_not() -> None:
    assert signed_at("Musterstadt, den 16.06.2022", whole=True) == "16.06.2022"
    assert signed_at("Gemeinde Musterdorf (Kreis)      ,den 19.04.2013") == "19.04.2013"
    assert signed_at("am Donnerstag, den 29.01.2009 um 19 Uhr") is None  # a meeting's day
    assert signed_at("Musterstadt, den 16.06.2022 und mehr", whole=True) is None


def test_a_decision_date_is_a_label_of_the_page() -> None:
    assert labelled_date("Gericht OLG Musterstadt Entscheidungsdatum 13.03.2023") == "13.03.2023"


@pytest.mark.parametrize(("line", "token"), [
    ("Posted at 2:43 PM, Dec 28, 2022", "Dec 28, 2022"),  # the time of posting between the label and the date
    ("Gepubliceerd om 14:02, 5 mei 2020", "5 mei 2020"),
    ("Posted: 12:00 meeting 5 May 2020", None),  # a word after the time: not the label's date
])
def test_a_time_of_day_may_stand_between_a_label_and_its_date(line: str, token: str | None) -> None:
    assert labelled_date(line) == token


def test_a_header_of_a_date_and_its_change_gives_its_first_date() -> None:
    page = f"Published: 12/12/2017 10:08 - Updated: 13/12/2017 11:00\n{HEADLINE}\n{LEDE}\n{MORE}\n"
    assert date_of(page) == "2017-12-12"


def test_a_list_of_decisions_is_dated_by_the_meeting_its_headline_names() -> None:
    page = (f"Beslissingen Ministerraad van 12 december 2025\n\nWetgeving\n\nSubsidie voor het nieuwe jeugdhuis in "
            f"de stad\n\n{LEDE}\n\n{MORE}\n")
    assert date_of(page) == "2025-12-12"


def test_a_time_glued_to_a_year_is_no_longer_number_and_more_figures_are() -> None:
    assert not inside_a_number("03.03.2025", "03.03.202511:00 Uhr")
    assert inside_a_number("12.03.2024", "ID 12.03.20245")


def test_hostile_lines_of_the_new_shapes_are_read_in_one_pass() -> None:
    # each shape's own characters, 100,000 of them: a pattern that backtracks would not come back
    for text in ("a " * 50_000, "Urteil " * 15_000, "A." * 50_000 + " Urteil vom 1.1.2000 x"):
        assert RULING_DATE.match(text) is None
    for text in ("Minutes of " + "held " * 20_000, "meeting of " * 10_000, "A meeting of " + "x " * 50_000 + "held"):
        assert MEETING_DATE.search(text) is None
    for text in ("A-" * 50_000 + ", den", "Aa " * 33_000, ", den " * 17_000, "A, den 1." * 10_000):
        assert signed_at(text) is None
    for text in ("Posted in " + "a " * 50_000, "Geschrieben von " + "Aa " * 33_000, "door " * 20_000):
        assert BYLINE_DATE.match(text) is None
    assert date_of(f"{HEADLINE}\n\n" + "Musterstadt, den 1.1." * 5_000 + f"\n\n{LEDE}\n") is None
    assert labelled_date("Posted at " + "1:11 " * 20_000, 200_000) is None
    ledes = "".join(f"Musterstadt, {index % 28 + 1}. Oktober 2010 - {LEDE}\n\n" for index in range(3000))
    assert date_of(f"Archiv\n\n{ledes}") is None
