"""Date tokens to RFC 3339 with the configured zone's offset, and how much of the date is known.

Callers hand over a token they found in a header, byline or front matter, never a whole story
(``dateparser.search`` over a story finds ages and bare years). The common shapes are parsed here
directly: ISO dates, day-first numeric dates, Dutch/English/German month names, and the relative
dates newsrooms see ("gisteren, 14:05", "3 dagen geleden"), counted from the time the file was
scraped, never from now. dateparser, imported only when needed, takes the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

# RFC 3339 moments are read and written in ``moments`` (no patterns to compile); named here too.
from pipeline.model.moments import aware_moment as aware_moment
from pipeline.model.moments import format_rfc3339 as format_rfc3339
from pipeline.model.moments import parse_rfc3339 as parse_rfc3339

# Precision of what the source said: a day-only date is midnight local, a month-only date the 1st.
DAY, MONTH, YEAR, MINUTE = "day", "month", "year", "minute"

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "januari january jan januar jänner",
        "februari february feb febr februar",
        "maart march mrt mar märz maerz maa",
        "april apr",
        "mei may mai",
        "juni june jun",
        "juli july jul",
        "augustus august aug",
        "september sep sept",
        "oktober october okt oct",
        "november nov",
        "december dec dez dezember",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number
# West Frisian names, read in dates but not in the shapes that sort a page's lines (the line model was
# trained on those shapes: they change only with it).
FRISIAN_MONTHS = {"jannewaris": 1, "jannewary": 1, "febrewaris": 2, "febrewary": 2, "maaie": 5, "juny": 6,
                  "septimber": 9, "novimber": 11, "desimber": 12}

_MONTH = r"(?P<month>[A-Za-zäÄ]{3,9})\.?"
_TIME = (r"(?:(?:[,\s]+|\s*[-|•·]\s*)(?:om\s+|at\s+|um\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})"
         r"(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?(?:\s*uur|\s*u\b\.?|\s*h\b)?)?")
WEEKDAY = (r"(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo|"
            r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
            r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\.?,?\s+)?")
# Wider forms for reading a date (never for sorting lines): Frisian months and weekdays, and a year
# glued after the comma ("February 25,2010").
_MONTH_WIDE = r"(?P<month>[A-Za-zäÄ]{3,10})\.?"
WEEKDAY_WIDE = WEEKDAY.replace("sonntag)", "sonntag|moandei|tiisdei|woansdei|tongersdei|freed|sneon|snein)")

ISO_DATE = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?P<fraction>\.\d+)?)?"
    r"\s*(?P<offset>[Zz]|[+-]\d{2}:?\d{2})?)?)?"
)
# 2026/02/11 and 2026.02.11: year first is never ambiguous.
NUMERIC_YMD = re.compile(r"(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})" + _TIME)
# Day first, always: 03-02-2026 is 3 February (dateparser would read 2 March).
NUMERIC_DMY = re.compile(
    r"(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})[-/.](?P<year>\d{4}|\d{2})" + _TIME
)
DAY_MONTH_YEAR = re.compile(
    WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th|e)?\.?\s+" + _MONTH + r",?\s+(?P<year>\d{4})" + _TIME, re.I
)
MONTH_DAY_YEAR = re.compile(
    WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + _TIME, re.I
)
# The wider forms also take a year in two figures after an apostrophe ("30 apr '21"): unambiguous, as
# "'21" is never a day or a count.
DAY_MONTH_YEAR_WIDE = re.compile(
    WEEKDAY_WIDE + r"(?P<day>\d{1,2})(?:st|nd|rd|th|e)?\.?\s+" + _MONTH_WIDE + r",?\s+(?P<year>\d{4}|['’]\d{2}\b)"
    + _TIME, re.I
)
MONTH_DAY_YEAR_WIDE = re.compile(
    WEEKDAY_WIDE + _MONTH_WIDE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<year>\d{4})" + _TIME, re.I
)
# A wider form too: a month's name between a day and a year with slashes or dashes ("15/Oct/2020", "03-Mar-2019",
# as logs and older sites write them): the same separator both sides, so a run of figures is never read as one.
DAY_MONTH_YEAR_SLASHED = re.compile(
    r"(?P<day>\d{1,2})(?P<sep>[/-])" + _MONTH_WIDE + r"(?P=sep)(?P<year>\d{4})" + _TIME, re.I
)
# A wider form too: a day, a month and a year in figures with spaces between ("21 12 2022"), read only as a
# whole token (a line of its own), never found inside a line: a run of three numbers there is a count or a score.
NUMERIC_SPACED = re.compile(r"(?P<day>0?[1-9]|[12]\d|3[01]) (?P<month>0?[1-9]|1[0-2]) (?P<year>(?:19|20)\d{2})")
TIME_FIRST = re.compile(r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:\s*uur)?\s*[,|•·-]?\s+(?P<rest>.+)", re.I)
MONTH_YEAR = re.compile(_MONTH + r"\s+(?P<year>\d{4})", re.I)
DAY_MONTH = re.compile(r"(?P<day>\d{1,2})\s+" + _MONTH, re.I)

# Words that introduce a date in a byline or header: "Gepubliceerd op 11 februari 2026".
_LEAD_WORDS = re.compile(
    r"^(?:(?:gepubliceerd|geplaatst|verschenen|published|posted|updated|bijgewerkt|aangepast|laatste update|"
    r"last updated|datum|date|op|on)\b[\s:,]*)+",
    re.I,
)

# Relative dates, in the words Dutch and English sites use; dateparser is the fallback.
_RELATIVE_DAYS = {
    "vandaag": 0, "today": 0, "heden": 0, "gisteren": 1, "yesterday": 1, "eergisteren": 2,
    "gisteravond": 1, "gistermiddag": 1, "gisterochtend": 1, "vannacht": 0, "vanochtend": 0,
    "vanmorgen": 0, "vanmiddag": 0, "vanavond": 0,
}
_UNITS = {
    "minuut": "minutes", "minuten": "minutes", "min": "minutes", "minute": "minutes", "minutes": "minutes",
    "mins": "minutes", "uur": "hours", "uren": "hours", "u": "hours", "hour": "hours", "hours": "hours",
    "hr": "hours", "hrs": "hours", "dag": "days", "dagen": "days", "day": "days", "days": "days",
    "week": "weeks", "weken": "weeks", "weeks": "weeks",
}
RELATIVE_WORD = re.compile(
    r"(?P<word>" + "|".join(sorted(_RELATIVE_DAYS, key=len, reverse=True)) + r")" + _TIME, re.I
)
RELATIVE_AGO = re.compile(
    r"(?P<count>\d{1,3}|een|één|an?|one)\s+(?P<unit>[a-z]+)\.?\s+(?:geleden|ago)", re.I
)


@dataclass(frozen=True)
class DateValue:
    """A parsed date: the moment in the configured zone, how precise the source was, and the rule."""

    moment: datetime
    precision: str
    rule: str

    def rfc3339(self) -> str:
        return format_rfc3339(self.moment)


def _local(day: date, zone: ZoneInfo, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    # Midnight local with its own offset: converting to UTC would slide the date to the day before.
    return datetime.combine(day, time(hour, minute, second), tzinfo=zone)


def _month_number(name: str, wide: bool = False) -> int | None:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or (FRISIAN_MONTHS.get(key) if wide else None)


def _hour(hour: str, ampm: str | None) -> int:
    value = int(hour)
    if ampm:
        marker = ampm.lower().replace(".", "")
        if marker == "pm" and value < 12:
            value += 12
        elif marker == "am" and value == 12:
            value = 0
    return value


# A year in two figures from here up is of the last century ("18.10.98" is 1998), below it of this one: the
# pivot POSIX strptime's %y uses, fixed so that a page reads the same whenever it is read.
_LAST_CENTURY_FROM = 69


def short_year(year: int) -> int:
    """A year written in two figures as a full year: "26" is 2026, "98" is 1998."""
    return year + (1900 if year >= _LAST_CENTURY_FROM else 2000)


def _full_year(year: str) -> int:
    """ "2021", or "'21" as 2021 ("'98" as 1998)."""
    return short_year(int(year[1:])) if year[:1] in "'’" else int(year)


def _build(year: int, month: int, day: int, zone: ZoneInfo, match: re.Match[str], rule: str) -> DateValue | None:
    groups = match.groupdict()
    hour, minute = groups.get("hour"), groups.get("minute")
    try:
        when = date(year, month, day)
        if hour is not None and minute is not None:
            return DateValue(_local(when, zone, _hour(hour, groups.get("ampm")), int(minute)), MINUTE, rule)
        return DateValue(_local(when, zone), DAY, rule)
    except ValueError:  # 31 February, 25:70: not a date
        return None


def parse_iso(token: str, zone: ZoneInfo) -> DateValue | None:
    match = ISO_DATE.fullmatch(token.strip())
    if not match:
        return None
    year, month = int(match["year"]), int(match["month"])
    if match["day"] is None:
        if not 1 <= month <= 12:
            return None
        return DateValue(_local(date(year, month, 1), zone), MONTH, "iso year-month")
    if match["hour"] is None:
        return _build(year, month, int(match["day"]), zone, match, "iso date")
    text = f"{match['year']}-{match['month']}-{match['day']}T{match['hour']}:{match['minute']}"
    text += f":{match['second'] or '00'}{match['fraction'] or ''}"
    offset = match["offset"]
    if offset:
        text += "+00:00" if offset in "Zz" else offset if ":" in offset else f"{offset[:3]}:{offset[3:]}"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return DateValue(moment.astimezone(zone), MINUTE, "iso date-time")


def parse_written(token: str, zone: ZoneInfo, wide: bool = True) -> DateValue | None:
    """Day-first numeric dates and dates with month names, in Dutch, English, German or West Frisian.
    With ``wide`` off, only the forms the page's lines are sorted by (see ``looks_like_date``)."""
    text = _LEAD_WORDS.sub("", " ".join(token.strip().split())).strip(" ,|")
    time_first = TIME_FIRST.fullmatch(text)
    if time_first:  # "14:05, 11 februari 2026"
        value = parse_written(time_first["rest"], zone, wide)
        if value is None or value.precision != DAY:
            return None
        try:
            moment = value.moment.replace(hour=int(time_first["hour"]), minute=int(time_first["minute"]))
        except ValueError:
            return None
        return DateValue(moment, MINUTE, value.rule + " with time first")
    match = NUMERIC_YMD.fullmatch(text)
    if match:
        return _build(int(match["year"]), int(match["month"]), int(match["day"]), zone, match,
                      "numeric year-month-day")
    match = NUMERIC_DMY.fullmatch(text)
    if match:
        written = match["year"]  # "11-02-26" is 2026, "18.10.98" 1998; "1/1/0001" no year at all
        year = short_year(int(written)) if len(written) == 2 else int(written)
        first, second = int(match["day"]), int(match["month"])
        if wide and second > 12 >= first and "/" in text:  # "8/28/2008": only month first can be meant
            return _build(year, first, second, zone, match, "numeric month/day/year")
        return _build(year, second, first, zone, match, "numeric day-month-year")
    match = NUMERIC_SPACED.fullmatch(text) if wide else None
    if match:
        return _build(int(match["year"]), int(match["month"]), int(match["day"]), zone, match,
                      "day month year in figures")
    shapes = ((DAY_MONTH_YEAR_WIDE, "day month year"), (MONTH_DAY_YEAR_WIDE, "month day, year"),
              (DAY_MONTH_YEAR_SLASHED, "day/month/year")) if wide else (
        (DAY_MONTH_YEAR, "day month year"), (MONTH_DAY_YEAR, "month day, year"))
    for pattern, rule in shapes:
        match = pattern.fullmatch(text)
        if match:
            month = _month_number(match["month"], wide)
            if month is None:
                return None
            return _build(_full_year(match["year"]), month, int(match["day"]), zone, match, rule)
    match = MONTH_YEAR.fullmatch(text)
    if match:
        month = _month_number(match["month"])
        year = int(match["year"])
        if month is not None and year >= 1:  # "mrt 0000": no year of the calendar
            return DateValue(_local(date(year, month, 1), zone), MONTH, "month year")
    return None


_RFC2822 = re.compile(
    r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s+(?:[A-Z]{1,5}|[+-]\d{4})"
)


def parse_rfc2822(token: str, zone: ZoneInfo) -> DateValue | None:
    """ "Wed, 11 Feb 2026 13:05:00 GMT", the date of RSS feeds and e-mail."""
    text = token.strip()
    if not _RFC2822.fullmatch(text):
        return None
    from email.utils import parsedate_to_datetime

    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:  # "-0000" means the zone is unknown: take it as UTC
        moment = moment.replace(tzinfo=UTC)
    return DateValue(moment.astimezone(zone), MINUTE, "rfc 2822 date-time")


def parse_day_month(token: str) -> tuple[int, int] | None:
    """A bare "28 november" line: (day, month), or None."""
    match = DAY_MONTH.fullmatch(" ".join(token.strip().split()).rstrip(".:"))
    if not match:
        return None
    month = _month_number(match["month"])
    if month is None or not 1 <= int(match["day"]) <= 31:
        return None
    return int(match["day"]), month


def parse_epoch(value: int | float, zone: ZoneInfo) -> DateValue | None:
    """Seconds (or milliseconds) since 1970, as JSON feeds sometimes give them."""
    seconds = value / 1000 if value > 10**11 else value
    if not 0 < seconds < 10**10:
        return None
    moment = datetime.fromtimestamp(seconds, UTC).astimezone(zone)
    return DateValue(moment, MINUTE, "unix time")


def parse_relative_words(token: str, zone: ZoneInfo, base: datetime) -> DateValue | None:
    """ "gisteren, 14:05", "vandaag", "3 dagen geleden", "2 hours ago": counted from base."""
    text = _LEAD_WORDS.sub("", " ".join(token.strip().split())).strip(" ,|")
    local_base = base.astimezone(zone)
    match = RELATIVE_WORD.fullmatch(text)
    if match:
        day = local_base.date() - timedelta(days=_RELATIVE_DAYS[match["word"].lower()])
        return _build(day.year, day.month, day.day, zone, match, f"relative '{match['word'].lower()}'")
    match = RELATIVE_AGO.fullmatch(text)
    if match:
        unit = _UNITS.get(match["unit"].lower())
        if unit is None:
            return None
        count = int(match["count"]) if match["count"].isdigit() else 1
        moment = local_base - timedelta(**{unit: count})
        if unit in ("days", "weeks"):
            return DateValue(_local(moment.date(), zone), DAY, f"relative '{text}'")
        return DateValue(moment.replace(second=0, microsecond=0), MINUTE, f"relative '{text}'")
    return None


def parse_relative(token: str, zone: ZoneInfo, base: datetime, languages: tuple[str, ...]) -> DateValue | None:
    """Relative and unusual dates, counted from base (the scrape time); dateparser as the fallback."""
    text = token.strip()
    if not text or len(text) > 60 or not re.search(r"[A-Za-z]", text):
        return None
    value = parse_relative_words(text, zone, base)
    if value is not None:
        return value
    settings = {
        "DATE_ORDER": "DMY",
        "RELATIVE_BASE": base.astimezone(zone).replace(tzinfo=None),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PARSERS": ["relative-time", "absolute-time"],
    }
    wanted = [code for code in (*languages, "nl", "en", "de") if code in ("nl", "en", "de", "fr")]
    data = _dateparser(text, wanted, settings)
    if data is None:
        return None
    found: datetime = data.date_obj
    period = data.period or "day"
    if found.tzinfo is not None:
        found = found.astimezone(zone).replace(tzinfo=None)
    if period == "time":
        return DateValue(found.replace(second=0, microsecond=0, tzinfo=zone), MINUTE, "relative or free-form time")
    if period == "month":
        return DateValue(_local(date(found.year, found.month, 1), zone), MONTH, "free-form month")
    if period == "year":
        return DateValue(_local(date(found.year, 1, 1), zone), YEAR, "free-form year")
    return DateValue(_local(found.date(), zone), DAY, "relative or free-form date")


def _dateparser(token: str, languages: list[str], settings: dict[str, Any]) -> Any:
    """dateparser's reading of a token (date_obj and period), or None when it finds no date."""
    from dateparser.date import DateDataParser  # heavy: imported only when a token needs it

    try:
        data = DateDataParser(languages=list(dict.fromkeys(languages)), settings=settings).get_date_data(token)
    except Exception:  # dateparser raises assorted errors on odd input; it is only a fallback
        return None
    return data if data is not None and data.date_obj is not None else None


PAGE_YEARS = (1900, 2099)  # the years a scraped page may be dated in


def parse_date(token: str, zone: ZoneInfo, base: datetime | None = None,
               languages: tuple[str, ...] = ("nl", "en")) -> DateValue | None:
    """Any date token newsrooms see; relative ones only when a base (scrape time) is given."""
    if len(token) > 200:
        return None
    value = parse_iso(token, zone) or parse_written(token, zone) or parse_rfc2822(token, zone)
    if value is None and base is not None:
        value = parse_relative(token, zone, base, languages)
    if value is not None and not PAGE_YEARS[0] <= value.moment.year <= PAGE_YEARS[1]:
        return None  # "1.1.0100", "0100-01-01", "3.4.2150": a code or a count, never the day a page was written
    return value


def looks_like_date(token: str, zone: ZoneInfo, base: datetime | None = None) -> bool:
    """Whether a byline segment is a date, without dateparser's guesses (quick, for shape detection): the
    forms the line model was trained with, so that a wider reading of dates leaves the page's lines as
    they were."""
    value = parse_iso(token, zone) or parse_written(token, zone, wide=False) or parse_rfc2822(token, zone)
    if value is None and base is not None:
        value = parse_relative_words(token, zone, base)
    return value is not None


def find_wide_date(text: str) -> str | None:
    """The first date with a month name in a line, in the wider forms (Frisian months, "February 25,2010",
    "15/Oct/2020")."""
    found = [match for pattern in (DAY_MONTH_YEAR_WIDE, MONTH_DAY_YEAR_WIDE, DAY_MONTH_YEAR_SLASHED)
             if (match := pattern.search(text))]
    best = min(found, key=lambda match: match.start(), default=None)
    return best.group().strip(" ,") if best is not None else None


def with_day(value: DateValue, day: int) -> DateValue | None:
    """Complete a month-only date with a day found elsewhere (a bare "28 november" line)."""
    try:
        when = value.moment.date().replace(day=day)
    except ValueError:
        return None
    zone = value.moment.tzinfo
    assert isinstance(zone, ZoneInfo)
    return DateValue(_local(when, zone), DAY, value.rule + " + day line")


def parse_absolute(token: str, zone: ZoneInfo, languages: tuple[str, ...] = ()) -> DateValue | None:
    """An absolute date in any form, as editors type it in front matter: the common ones directly, the
    rest through dateparser.

    Never relative ("gisteren" would depend on when it runs) and never completed from today:
    dateparser must find a day, a month and a year, or a month-only form must name the year."""
    value = parse_date(token, zone)
    if value is not None or not re.search(r"\d{4}", token) or len(token) > 80:
        return value
    settings = {"DATE_ORDER": "DMY", "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
                "REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": True,
                "TIMEZONE": zone.key, "TO_TIMEZONE": zone.key}
    data = _dateparser(token, [*languages, "nl", "en"], settings)
    if data is None:
        return None
    found: datetime = data.date_obj
    found = found.astimezone(zone) if found.tzinfo is not None else found.replace(tzinfo=zone)
    if data.period == "time" and (found.hour, found.minute, found.second) != (0, 0, 0):
        return DateValue(found.replace(microsecond=0), MINUTE, "dateparser date-time")
    midnight = datetime(found.year, found.month, found.day, tzinfo=zone)
    return DateValue(midnight, DAY, "dateparser date")


def front_matter_moment(value: Any, zone: ZoneInfo) -> datetime | None:
    """The moment a front-matter value (as YAML loaded it) stands for, in its own offset; a value
    without one is in zone. None when it is not a date."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=zone)
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        parsed = parse_written(value, zone)
        return parsed.moment if parsed is not None else None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)
