"""A page's month where no line names its day, and the minutes of an earlier meeting a record names: exact forms
(the samples are made up, in the shapes real pages have)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model.config import Config
from pipeline.reading.date_candidates import month_of_the_page, named_timestamp
from pipeline.reading.date_lines import MEETING_DATE, earlier_minutes
from pipeline.reading.draft import SourceInfo, drafts_from_bytes
from pipeline.reading.lines import PageLine
from pipeline.reading.page_dates import days_under_a_month

SCRAPED = datetime(2026, 3, 1, tzinfo=UTC)
LEDE = ("De gemeenteraad heeft dinsdagavond na een lang debat ingestemd met het plan voor de nieuwe "
        "sporthal aan de rand van het dorp, die over twee jaar open moet gaan.")
MORE = "Het college wil nog dit jaar beginnen met de bouw. De kosten vallen hoger uit dan gedacht."


def dated(text: str) -> tuple[str | None, str | None]:
    """The draft's date (its day, or its month where only the month is known) and its precision."""
    meta = drafts_from_bytes(text.encode(), SourceInfo("raw/page.txt", "0" * 64, SCRAPED, SCRAPED), Config())[0] \
        .article.meta
    value, precision = meta.get("date"), meta.get("date_precision")
    if not isinstance(value, str):
        return None, precision
    return (value[:7] if precision == "month" else value[:10]), precision


@pytest.mark.parametrize(("line", "month"), [
    ("Oktober 2018", "2018-10"),
    ("Aug 2018", "2018-08"),
    ("Indiendatum: jan. 2020", "2020-01"),
    ("Last Revised: April 1999", "1999-04"),
    ("Hilversum, december 2008", "2008-12"),
])
def test_a_month_and_year_alone_in_the_head_is_the_pages_month_where_no_day_is_named(line: str, month: str) -> None:
    page = f"SPORT\n\nNieuwe sporthal komt er toch\n\nDoor Jan Smit\n\n{line}\n\n{LEDE}\n\n{MORE}\n"
    assert dated(page) == (month, "month")


@pytest.mark.parametrize(("headline", "month"), [
    ("Van het bestuur – mei 2021", "2021-05"),
    ("Het clubblad (februari 2003)", "2003-02"),
    ("Nieuwsbrief 20 – sept 2022", "2022-09"),
    ("Nieuwsupdate november 2021", "2021-11"),
])
def test_a_headline_that_ends_with_its_issues_month_gives_the_pages_month(headline: str, month: str) -> None:
    assert dated(f"{headline}\n\n{LEDE}\n\n{MORE}\n") == (month, "month")


def test_a_day_of_the_head_comes_before_a_month_alone() -> None:
    assert dated(f"Nieuwe sporthal komt er toch\n\nOktober 2018\n\n12 oktober 2018\n\n{LEDE}\n\n{MORE}\n") \
        == ("2018-10-12", None)


def test_a_page_that_lists_months_has_no_month() -> None:
    parts = ["Archief", "Juli 2016", LEDE, "Juni 2016", MORE, "Mei 2016", LEDE]
    lines = [PageLine(text, index) for index, text in enumerate(parts)]
    assert month_of_the_page(lines, 2, set()) is None
    assert month_of_the_page(lines[:3], 2, set()) == ("Juli 2016", "Juli 2016")


@pytest.mark.parametrize("page", [
    f"Maand: september 2023\n\n{LEDE}\n\n{MORE}\n",  # a key of another kind: a month's archive
    f"Maandelijkse archieven: december 2022\n\n{LEDE}\n\n{MORE}\n",
    f"Nieuwe sporthal komt er toch\n\nWe bouwen in mei 2020 verder aan de hal.\n\n{LEDE}\n\n{MORE}\n",  # prose
    f"Nieuwe sporthal komt er toch\n\nmei 2020 1999\n\n{LEDE}\n\n{MORE}\n",
    f"Nieuwe sporthal komt er toch\n\nSmarch 2020\n\n{LEDE}\n\n{MORE}\n",  # no month's name
])
def test_no_month_where_the_page_lists_months_or_names_one_in_prose(page: str) -> None:
    assert dated(page) == (None, None)


def test_hostile_lines_of_months_are_read_in_one_pass() -> None:
    # a line of 10,000 months, a month before a year of a hundred thousand figures, control characters
    assert dated(f"Sporthal\n\n{'mei 2020 ' * 10_000}\n\n{LEDE}\n") == (None, None)
    assert dated(f"Sporthal\n\nmei {'2' * 100_000}\n\n{LEDE}\n") == (None, None)
    assert dated(f"Sporthal\n\n\x00mei\x0b2020\x1f\n\n{LEDE}\n")[0] in (None, "2020-05")
    months = "".join(f"{name} 20{index % 100:02d}\n\n" for index, name in enumerate(["mei", "juni"] * 5000))
    assert dated(f"SPORT\n\nSporthal\n\nDoor Jan Smit\n\n{months}{LEDE}\n") == (None, None)  # a list
    assert dated(f"{'Nieuwsbrief – ' * 5000}mei 2021\n\n{LEDE}\n") == (None, None)  # no title that long


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="mei 2019aug.:,–()Nieuws\x00", max_size=60), max_size=20))
def test_the_month_of_the_page_is_one_of_its_lines_or_none(parts: list[str]) -> None:
    lines = [PageLine(text, index) for index, text in enumerate(parts)]
    found = month_of_the_page(lines, 0, set())
    assert found is None or (found[1] in parts and found[0] in " ".join(found[1].split()))


@pytest.mark.parametrize(("line", "earlier"), [
    ("De notulen van de vergadering van de raad van 27 mei 2025 worden ter goedkeuring voorgelegd.", True),
    ("Gegen die Niederschrift der 19. Sitzung am 13.03.2023 gibt es keinen Einwand.", True),
    ("Gegen die Niederschriften der 15. Sitzung am 01.12.2021 und der 17. Sitzung am 21.02.2022 keine Einwände.", True),
    ("Niederschrift über die öffentliche Sitzung der Gemeindevertretung vom 25.03.2014.", False),
    ("In de vergadering van 6 augustus 2019 is besloten om de hal te bouwen.", False),  # no minutes named
    ("Notulen van de vergadering van 3 maart 2020 van de dorpsraad", False),  # the record's own title
])
def test_a_sentence_about_an_earlier_meetings_minutes_names_no_day_of_the_record(line: str, earlier: bool) -> None:
    match = MEETING_DATE.search(line)
    assert match is not None and earlier_minutes(line, match) is earlier


def test_a_record_that_approves_earlier_minutes_is_not_dated_by_them() -> None:
    opening = "De notulen van de zitting van de raad van 15 december 2022 worden goedgekeurd."
    assert dated(f"Goedkeuring notulen\n\n{opening}\n\n{MORE}\n") == (None, None)
    hostile = "De notulen van de vergadering van 1 mei 2020 en " * 3000 + "worden goedgekeurd."
    assert dated(f"Goedkeuring notulen\n\n{hostile}\n\n{MORE}\n")[0] in (None, "2020-05-01")


@pytest.mark.parametrize(("line", "day"), [
    ("Von Jan Smit 01.04.2023, 08:00", "01.04.2023, 08:00"),
    ("Anna Bos-de Wit 13.07.2022 - 17:07 Uhr", "13.07.2022 - 17:07"),
    ("Door Piet van der Berg 3 mei 2020 om 12:00 uur", "3 mei 2020 om 12:00 uur"),
])
def test_a_name_and_the_moment_of_posting_is_a_bylines_date(line: str, day: str) -> None:
    assert named_timestamp(line) == day


@pytest.mark.parametrize("line", [
    "Jan Smit 01.04.2023",  # no time of day: a name and a date may be anything
    "Polizei sucht Zeugen 01.04.2023, 08:00",  # words that are no name
    "Jan Smit 01.04.2023, 08:00 mehr lesen",  # more after the time
    "Jan Smit " + "01.04.2023, 08:00 " * 10_000,  # too long for a byline
    "Jan \x00Smit 01.04.2023, 08:00",
])
def test_no_bylines_date_where_more_than_a_name_stands_beside_it(line: str) -> None:
    assert named_timestamp(line) is None


def test_a_bylines_moment_of_posting_under_the_lede_dates_the_page() -> None:
    page = f"Stroom wordt duurder\n\n{LEDE}\n\nJan Smit-Bos 13.07.2022 - 17:07 Uhr\n\n{MORE}\n"
    assert dated(page) == ("2022-07-13", None)


@pytest.mark.parametrize(("lede", "day"), [
    (f"Alphen aan den Rijn – 16 mei 2015 – {LEDE}", "2015-05-16"),  # a place and a dash before the date
    (f"3 februari 2023, Landelijk - {LEDE}", "2023-02-03"),  # the date first, then the desk
    (f"Zaterdag, 4 oktober, 2014{LEDE}", "2014-10-04"),  # the date glued to the story's first word
])
def test_a_ledes_dateline_in_other_orders_dates_the_page(lede: str, day: str) -> None:
    assert dated(f"Nieuwe sporthal komt er toch\n\n{lede}\n\n{MORE}\n") == (day, None)


@pytest.mark.parametrize("line", [
    "Nieuwe verkeersregels per 1 januari 2022",
    "Straße gesperrt bis 3. Mai 2020",
])
def test_a_date_that_starts_or_ends_a_period_is_not_the_pages(line: str) -> None:
    assert dated(f"SPORT\n\n{line}\n\n{LEDE}\n\n{MORE}\n") == (None, None)


def test_a_meetings_record_whose_agenda_items_carry_bullets_is_dated_by_the_meeting() -> None:
    items = "• 1 Opening\n\n• 2 Vaststellen agenda\n\n• 3 Rondvraag\n\n"
    page = f"Raadsinformatie\n\nCommissievergadering 16 september 2013\n\n{items}{LEDE}\n\n{MORE}\n"
    assert dated(page) == ("2013-09-16", None)
    reported = f"Raadsinformatie\n\nCommissievergadering 16 september 2013\n\n{LEDE}\n\n{MORE}\n"
    assert dated(reported) == (None, None)  # no record's opening under it: a meeting the page reports


@pytest.mark.parametrize(("page", "day"), [
    # a byline after a bar at the end of a long first line, its time after it
    (f"date 2023-05 {LEDE} Nieuwe sporthal voor het dorp Door Els Bos | 23.05.2023, 16:47 Uhr\n\n{MORE}\n",
     "2023-05-23"),
    # a byline after a dash under the lede, with a later change's date in brackets after it
    (f"date 2016-08 Nieuwe sporthal\n\n{LEDE}\n\nDoor onze verslaggever - 30-8-2016, 7:00 (Update 30-8-2016, 7:00)"
     f"\n\n{MORE}\n", "2016-08-30"),
    # a headline that ends with its day
    (f"date 2018-08 Brand in rijwoning op 17 augustus 2018\n\n{LEDE}\n\n{MORE}\n", "2018-08-17"),
])
def test_a_header_month_takes_its_day_where_the_first_lines_state_their_own(page: str, day: str) -> None:
    assert dated(page) == (day, None)


@pytest.mark.parametrize("page", [
    # a day the prose names is what it reports
    f"date 2022-07 De weerdienst waarschuwt: Am Samstagmorgen, 23.7.2022 bestehe die Gefahr von Gewitter.\n\n{MORE}\n",
    # the lede's opening may be what it reports too
    f"date 2021-04 Zondag 4 april 2021 - {LEDE}\n\n{MORE}\n",
    # a day of another month
    f"date 2016-08 Nieuwe sporthal\n\n{LEDE}\n\nDoor onze verslaggever - 30-9-2016, 7:00\n\n{MORE}\n",
])
def test_a_header_month_keeps_its_month_where_no_line_states_its_own_day(page: str) -> None:
    assert dated(page) == (page[5:12], "month")


def test_a_later_changes_day_is_no_day_under_a_month() -> None:
    assert days_under_a_month([PageLine("Sporthal", 0), PageLine("Bijgewerkt - 30-8-2016, 7:00", 1)]) == []
    byline = [PageLine("Sporthal", 0), PageLine("Door Jan - 30-8-2016, 7:00", 1)]
    assert days_under_a_month(byline) == ["30-8-2016, 7:00"]
    # more than a time after the date: not a byline's
    assert days_under_a_month([PageLine("Door Jan - 30-8-2016 in de raadszaal van het dorp", 0)]) == []


def test_hostile_first_lines_under_a_header_month_are_read_in_one_pass() -> None:
    dates = " | ".join(["23.05.2023, 16:47"] * 10_000)
    assert dated(f"date 2023-05 Sporthal\n\n{dates}\n\n{LEDE}\n")[1] in (None, "month")
    huge = "Door Jan | " + "9" * 50_000 + "\x00\x07 | 23.05.2023"
    assert dated(f"date 2023-05 Sporthal\n\n{huge}\n\n{LEDE}\n") == ("2023-05", "month")  # past the chars read
    runs = "Door Jan " + "- " * 20_000 + "| 23.05.2023, 16:47 Uhr"
    assert dated(f"date 2023-05 Sporthal\n\n{runs}\n\n{LEDE}\n")[1] in (None, "month")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="23.05.2023, 16:47Uhr|–-( Door\x00", max_size=80), max_size=12))
def test_the_days_under_a_month_are_whole_dates_of_the_first_lines(parts: list[str]) -> None:
    lines = [PageLine(text, index) for index, text in enumerate(parts)]
    for token in days_under_a_month(lines):
        assert any(token in text for text in parts[:6])


@pytest.mark.parametrize(("head", "month"), [
    ("Oktober 2020 “Het dorp in beeld”", "2020-10"),  # a headline that opens with its month, a quoted title after
    ("Wat de lezers schreven\n\nApril 2022 - Ausgabe 238", "2022-04"),  # an issue's month and number under it
])
def test_a_line_of_the_head_that_opens_with_its_issues_month_gives_the_pages_month(head: str, month: str) -> None:
    assert dated(f"{head}\n\n{LEDE}\n\n{MORE}\n") == (month, "month")


@pytest.mark.parametrize("page", [
    # prose that opens with a month is no issue's line
    f"Sporthal\n\nMei 2019 - {LEDE}\n\n{MORE}\n",
    # no dash or quote after the month
    f"Oktober 2020 het dorp in beeld\n\n{LEDE}\n\n{MORE}\n",
])
def test_no_month_from_a_list_of_issues_or_from_prose_that_opens_with_one(page: str) -> None:
    assert dated(page) == (None, None)


def test_lines_that_open_with_two_months_are_a_list_of_issues() -> None:
    issues = ["Nieuwsbrieven", "April 2022 - Nieuwsbrief 12", "Maart 2022 - Nieuwsbrief 11", LEDE]
    lines = [PageLine(text, index) for index, text in enumerate(issues)]
    assert month_of_the_page(lines, 3, set()) is None
    assert month_of_the_page(lines[:2] + lines[3:], 2, set()) == ("April 2022", "April 2022 - Nieuwsbrief 12")


def test_hostile_lines_that_open_with_months_are_read_in_one_pass() -> None:
    months = "April 2022 - " * 10_000
    assert dated(f"Sporthal\n\n{months}\n\n{LEDE}\n") == (None, None)  # too long for an issue's line
    assert dated(f"Sporthal\n\nApril 2022 -\x00\x07 Ausgabe 9\n\n{LEDE}\n")[1] in (None, "month")
    assert dated(f"Sporthal\n\nApril 2022{' ' * 50_000}- Ausgabe 9\n\n{LEDE}\n")[1] in (None, "month")
