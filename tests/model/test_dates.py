"""dates: every form newsrooms see, day-first, relative to the scrape time, never shifted a day."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model.dates import (
    DAY,
    MINUTE,
    MONTH,
    find_wide_date,
    parse_date,
    parse_day_month,
    parse_epoch,
    with_day,
)

ZONE = ZoneInfo("Europe/Amsterdam")
SCRAPED = datetime(2026, 2, 14, 9, 30, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("token", "expected", "precision"),
    [
        ("2026-02-11", "2026-02-11T00:00:00+01:00", DAY),
        ("2026-07-11", "2026-07-11T00:00:00+02:00", DAY),  # summer time: its own offset
        ("2026-02-11T14:05", "2026-02-11T14:05:00+01:00", MINUTE),
        ("2026-02-11 14:05", "2026-02-11T14:05:00+01:00", MINUTE),
        ("2026-02-11T13:05:00Z", "2026-02-11T14:05:00+01:00", MINUTE),
        ("2026-02-11T14:05:00+0100", "2026-02-11T14:05:00+01:00", MINUTE),
        ("2026-02-10T23:30:00-05:00", "2026-02-11T05:30:00+01:00", MINUTE),
        ("2023-05", "2023-05-01T00:00:00+02:00", MONTH),
        ("11 februari 2026", "2026-02-11T00:00:00+01:00", DAY),
        ("woensdag 11 februari 2026", "2026-02-11T00:00:00+01:00", DAY),
        ("11 feb. 2026 14:05", "2026-02-11T14:05:00+01:00", MINUTE),
        ("11 februari 2026, 14:05", "2026-02-11T14:05:00+01:00", MINUTE),
        ("11 februari 2026 om 14.05 uur", "2026-02-11T14:05:00+01:00", MINUTE),
        ("14:05, 11 februari 2026", "2026-02-11T14:05:00+01:00", MINUTE),
        ("Gepubliceerd op 9 maart 2026", "2026-03-09T00:00:00+01:00", DAY),
        ("Feb 11, 2026", "2026-02-11T00:00:00+01:00", DAY),
        ("February 11th, 2026", "2026-02-11T00:00:00+01:00", DAY),
        ("Feb 11, 2026, 2:05 PM", "2026-02-11T14:05:00+01:00", MINUTE),
        ("11 February 2026 at 14:05", "2026-02-11T14:05:00+01:00", MINUTE),
        ("Wed, 11 Feb 2026 13:05:00 GMT", "2026-02-11T14:05:00+01:00", MINUTE),
        ("maart 2026", "2026-03-01T00:00:00+01:00", MONTH),
        # Numeric dates are day first, always: dateparser would read these month first.
        ("03-02-2026", "2026-02-03T00:00:00+01:00", DAY),
        ("11/02/2026", "2026-02-11T00:00:00+01:00", DAY),
        ("11.02.2026 14.05 uur", "2026-02-11T14:05:00+01:00", MINUTE),
        ("2026/02/11", "2026-02-11T00:00:00+01:00", DAY),
        ("21 12 2022", "2022-12-21T00:00:00+01:00", DAY),  # figures with spaces between: a whole token only
    ],
)
def test_absolute_dates(token: str, expected: str, precision: str) -> None:
    value = parse_date(token, ZONE)
    assert value is not None, token
    assert (value.rfc3339(), value.precision) == (expected, precision)


@pytest.mark.parametrize(
    ("token", "expected", "precision"),
    [
        ("vandaag", "2026-02-14T00:00:00+01:00", DAY),
        ("gisteren", "2026-02-13T00:00:00+01:00", DAY),
        ("gisteren, 14:05", "2026-02-13T14:05:00+01:00", MINUTE),
        ("gisteren om 14:05", "2026-02-13T14:05:00+01:00", MINUTE),
        ("eergisteren", "2026-02-12T00:00:00+01:00", DAY),
        ("yesterday", "2026-02-13T00:00:00+01:00", DAY),
        ("3 dagen geleden", "2026-02-11T00:00:00+01:00", DAY),
        ("3 days ago", "2026-02-11T00:00:00+01:00", DAY),
        ("2 uur geleden", "2026-02-14T07:30:00+01:00", MINUTE),
        ("1 week geleden", "2026-02-07T00:00:00+01:00", DAY),
    ],
)
def test_relative_dates_count_from_the_scrape_time(token: str, expected: str, precision: str) -> None:
    value = parse_date(token, ZONE, base=SCRAPED)
    assert value is not None, token
    assert (value.rfc3339(), value.precision) == (expected, precision)


def test_relative_dates_need_a_base_and_never_use_now() -> None:
    assert parse_date("gisteren", ZONE) is None
    later = parse_date("gisteren", ZONE, base=datetime(2030, 1, 1, 12, 0, tzinfo=ZONE))
    assert later is not None and later.rfc3339() == "2029-12-31T00:00:00+01:00"


@pytest.mark.parametrize("token", ["31 februari 2026", "2026-13-01", "32-01-2026", "", "geen datum", "Begin 2025 x",
                                   "x" * 500, "31 2 2026", "12 13 2026", "3 1 2026 4", "3 1 1850"])
def test_not_dates(token: str) -> None:
    assert parse_date(token, ZONE, base=SCRAPED) is None


def test_day_month_line_and_completion() -> None:
    assert parse_day_month("28 november") == (28, 11)
    assert parse_day_month("21 mrt.") == (21, 3)
    assert parse_day_month("28 nothing") is None
    month = parse_date("2017-11", ZONE)
    assert month is not None
    completed = with_day(month, 28)
    assert completed is not None and completed.rfc3339() == "2017-11-28T00:00:00+01:00"
    assert completed.precision == DAY
    assert with_day(month, 31) is None  # 31 November


def test_epoch_seconds_and_milliseconds() -> None:
    seconds = parse_epoch(1770815100, ZONE)
    millis = parse_epoch(1770815100000, ZONE)
    assert seconds is not None and millis is not None
    assert seconds.rfc3339() == millis.rfc3339() == "2026-02-11T14:05:00+01:00"
    assert parse_epoch(-5, ZONE) is None


@pytest.mark.parametrize(("token", "expected"), [
    ("30 apr '21", "2021-04-30T00:00:00+01:00"),  # the year's last two figures after an apostrophe
    ("vrijdag 3 mei ’24 om 12:00", "2024-05-03T12:00:00+01:00"),
])
def test_a_year_in_two_figures_after_an_apostrophe(token: str, expected: str) -> None:
    value = parse_date(token, ZONE)
    assert value is not None and value.moment.isoformat()[:10] == expected[:10]
    assert value.precision == (MINUTE if "12:00" in token else DAY)


@pytest.mark.parametrize(("token", "day"), [
    ("18.10.98", "1998-10-18"), ("18-10-69", "1969-10-18"),  # from 69 up, a year of the last century
    ("18-10-68", "2068-10-18"), ("11-02-26", "2026-02-11"), ("01/01/00", "2000-01-01"),
    ("30 apr '98", "1998-04-30"), ("29.02.96", "1996-02-29"),
])
def test_a_year_in_two_figures_is_of_this_century_below_69_and_of_the_last_from_it(token: str, day: str) -> None:
    value = parse_date(token, ZONE)
    assert value is not None and value.moment.date().isoformat() == day


@pytest.mark.parametrize(("token", "expected", "precision"), [
    ("15/Oct/2020", "2020-10-15T00:00:00+02:00", DAY),
    ("03-Mar-2019 14:05", "2019-03-03T14:05:00+01:00", MINUTE),
    ("Date 15/okt/2020", "2020-10-15T00:00:00+02:00", DAY),
])
def test_a_month_name_between_slashes_or_dashes(token: str, expected: str, precision: str) -> None:
    value = parse_date(token, ZONE)
    assert value is not None and (value.rfc3339(), value.precision) == (expected, precision)
    assert find_wide_date(f"Geplaatst {token} door de redactie") == token.removeprefix("Date ")


@pytest.mark.parametrize("token", ["15/Oct-2020", "15/Xyz/2020", "31/Feb/2020", "15/Oct/20", "15 / Oct / 2020"])
def test_no_date_from_a_broken_slashed_month(token: str) -> None:
    assert parse_date(token, ZONE) is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789/-.: OctMarjan\x00\x1b\u202e", max_size=300), st.integers(0, 10**30))
def test_hostile_slashed_and_short_year_dates_never_fail(text: str, number: int) -> None:
    for token in (text, f"{number}/Oct/{number}", f"15/Oct/{number}", f"18.10.{number}", "1/" * 500 + "Oct/2020"):
        value = parse_date(token[:200], ZONE)
        assert value is None or 1 <= value.moment.year <= 9999
        find_wide_date(token)


@pytest.mark.parametrize("token", ["31 feb '21", "3 mei '99999", "30 abc '21", "3 mei '2", "3 mei 21"])
def test_no_date_from_a_broken_apostrophe_year(token: str) -> None:
    assert parse_date(token, ZONE) is None


@settings(max_examples=300, deadline=None)
@given(st.integers(-10**12, 10**12), st.sampled_from(["apr", "mei", "jannewaris", "xyz", ""]),
       st.text(alphabet="0123456789'’ \x00\x1b\u202e:.-", max_size=40))
def test_hostile_worded_dates_never_fail(day: int, month: str, tail: str) -> None:
    value = parse_date(f"{day} {month} '{tail}", ZONE)
    assert value is None or 1 <= value.moment.year <= 9999
    find_wide_date(f"{day} {month} {tail}" * 20)
