"""Date tokens to RFC 3339 with the configured zone's offset, and how much of the date is known.

Callers hand over a token they found in a header, byline or front matter, never a whole story
(``dateparser.search`` over a story finds ages and bare years). The common shapes are parsed here
directly: ISO dates, day-first numeric dates and Dutch/English/German month names; dateparser,
imported only when needed, takes relative dates ("gisteren", "3 dagen geleden") and the rest,
counted from the time the file was scraped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

# Precision of what the source said: a day-only date is midnight local, a month-only date the 1st.
DAY, MONTH, YEAR, MINUTE = "day", "month", "year", "minute"

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "januari january jan januar jänner",
        "februari february feb febr februar",
        "maart march mrt mar märz maerz",
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

_MONTH = r"(?P<month>[A-Za-zäÄ]+)\.?"
_TIME = r"(?:[,\s]+(?:om\s+|at\s+|um\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:\s*uur)?)?"
_WEEKDAY = (r"(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo|"
            r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
            r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\.?,?\s+)?")

ISO_DATE = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?P<fraction>\.\d+)?)?"
    r"(?P<offset>[Zz]|[+-]\d{2}:?\d{2})?)?)?"
)
NUMERIC_DMY = re.compile(
    r"(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})[-/.](?P<year>\d{4})" + _TIME
)
DAY_MONTH_YEAR = re.compile(_WEEKDAY + r"(?P<day>\d{1,2})\.?\s+" + _MONTH + r"\s+(?P<year>\d{4})" + _TIME, re.I)
MONTH_DAY_YEAR = re.compile(
    _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + _TIME, re.I
)
MONTH_YEAR = re.compile(_MONTH + r"\s+(?P<year>\d{4})", re.I)
DAY_MONTH = re.compile(r"(?P<day>\d{1,2})\s+" + _MONTH, re.I)


@dataclass(frozen=True)
class DateValue:
    """A parsed date: the moment in the configured zone, how precise the source was, and the rule."""

    moment: datetime
    precision: str
    rule: str

    def rfc3339(self) -> str:
        return format_rfc3339(self.moment)


def format_rfc3339(moment: datetime) -> str:
    """``2026-02-11T00:00:00+01:00``: seconds, and the offset of the zone on that day."""
    text = moment.replace(microsecond=0).isoformat()
    return text


def _local(day: date, zone: ZoneInfo, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    # Midnight local with its own offset: converting to UTC would slide the date to the day before.
    return datetime.combine(day, time(hour, minute, second), tzinfo=zone)


def _month_number(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def _build(year: int, month: int, day: int, zone: ZoneInfo, hour: str | None, minute: str | None,
           rule: str) -> DateValue | None:
    try:
        when = date(year, month, day)
        if hour is not None and minute is not None:
            return DateValue(_local(when, zone, int(hour), int(minute)), MINUTE, rule)
        return DateValue(_local(when, zone), DAY, rule)
    except ValueError:
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
        return _build(year, month, int(match["day"]), zone, None, None, "iso date")
    try:
        moment = datetime.fromisoformat(match.group().replace(" ", "T").replace("z", "Z"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return DateValue(moment.astimezone(zone), MINUTE, "iso date-time")


def parse_written(token: str, zone: ZoneInfo) -> DateValue | None:
    """Day-first numeric dates and dates with month names, in Dutch, English or German."""
    text = " ".join(token.strip().split())
    match = NUMERIC_DMY.fullmatch(text)
    if match:
        return _build(int(match["year"]), int(match["month"]), int(match["day"]), zone,
                      match["hour"], match["minute"], "numeric day-month-year")
    for pattern, rule in ((DAY_MONTH_YEAR, "day month year"), (MONTH_DAY_YEAR, "month day, year")):
        match = pattern.fullmatch(text)
        if match:
            month = _month_number(match["month"])
            if month is None:
                return None
            return _build(int(match["year"]), month, int(match["day"]), zone,
                          match["hour"], match["minute"], rule)
    match = MONTH_YEAR.fullmatch(text)
    if match:
        month = _month_number(match["month"])
        if month is not None:
            return DateValue(_local(date(int(match["year"]), month, 1), zone), MONTH, "month year")
    return None


def parse_day_month(token: str) -> tuple[int, int] | None:
    """A bare "28 november" line: (day, month), or None."""
    match = DAY_MONTH.fullmatch(" ".join(token.strip().split()))
    if not match:
        return None
    month = _month_number(match["month"])
    if month is None or not 1 <= int(match["day"]) <= 31:
        return None
    return int(match["day"]), month


def parse_relative(token: str, zone: ZoneInfo, base: datetime, languages: tuple[str, ...]) -> DateValue | None:
    """Relative and unusual dates through dateparser, counted from base (the scrape time)."""
    text = token.strip()
    if not text or len(text) > 60 or not re.search(r"[A-Za-z0-9]", text):
        return None
    from dateparser.date import DateDataParser  # heavy: imported only when a token needs it

    settings = {
        "DATE_ORDER": "DMY",
        "RELATIVE_BASE": base.astimezone(zone).replace(tzinfo=None),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PARSERS": ["relative-time", "absolute-time"],
    }
    wanted = [code for code in (*languages, "nl", "en", "de") if code in ("nl", "en", "de", "fr")]
    parser = DateDataParser(languages=list(dict.fromkeys(wanted)), settings=settings)
    try:
        data = parser.get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input; it is only a fallback
        return None
    if data is None or data.date_obj is None:
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


def parse_date(token: str, zone: ZoneInfo, base: datetime | None = None,
               languages: tuple[str, ...] = ("nl", "en")) -> DateValue | None:
    """Any date token newsrooms see; relative ones only when a base (scrape time) is given."""
    value = parse_iso(token, zone) or parse_written(token, zone)
    if value is None and base is not None:
        value = parse_relative(token, zone, base, languages)
    return value


def with_day(value: DateValue, day: int) -> DateValue | None:
    """Complete a month-only date with a day found elsewhere (a bare "28 november" line)."""
    try:
        when = value.moment.date().replace(day=day)
    except ValueError:
        return None
    return DateValue(_local(when, value.moment.tzinfo), DAY, value.rule + " + day line")  # type: ignore[arg-type]

