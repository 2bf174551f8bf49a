"""The page's own date among the dates its lines show.

Dates are exact forms, so these are exact rules: a date a label names as the publication date
("Geplaatst op: 17-12-2017 21:40", "Stand: 10.06.2022 17:36 Uhr", "datum: 2024-09-23") wherever it
stands in the page's head, even glued to a headline or inside a line of metadata, is the page's date
before any other date line; a label on a line of its own names the date on the next line ("Datum
uitspraak" over "24-12-2019"). A page whose date lines name three or more days is a list of dated
items (an index, an archive, a list of rulings): none of them is the page's date. A label of a later
change ("bijgewerkt", "updated", "Aktualisiert") never names the publication date.
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from pipeline.model.dates import WEEKDAY, parse_date
from pipeline.reading.furniture import date_line, find_date_token
from pipeline.reading.lines import Kind, Page, PageLine

# Labels of the publication date, in the languages of the pages (nl, en, de, fy). Longest first.
_PUBLISHED = re.compile(
    r"(?i)(?<![\w-])(?:datum\s+(?:uitspraak|publicatie|van\s+publicatie)|uitspraakdatum|publicatiedatum|"
    r"publication\s+date|date\s+published|publiziert|veröffentlicht|erschienen|gepubliceerd|geplaatst|"
    r"verschenen|publicatie|published|posted|datum|date|stand|publisearre|pleatst)"
    r"(?:\s+(?:op|on|am|om))?\s*[:.]?\s*"
)
# Only a weekday (or its abbreviation) and separators may stand between the label and the date.
_GAP = re.compile(r"(?i)[\s,.:|/(-]*" + WEEKDAY + r"[\s,(]*")
# Lines looked at for a labelled date: those of the page's head, and at least this many.
_LABELLED_WITHIN = 12
_LISTED_DAYS = 3  # date lines naming this many different days: a list of dated items


def labelled_date(text: str) -> str | None:
    """The date a publication label names in a line ("Nieuws - gepubliceerd: zondag, 27 januari 2013 -
    221 woorden" gives "27 januari 2013"), or None: the date must follow the label at once (a weekday
    between them at most)."""
    if len(text) > 400:
        return None
    for label in _PUBLISHED.finditer(text):
        if label.group().lower().startswith(("date", "datum")) and re.search(r"\w\s*$", text[: label.start()]):
            continue  # "Hearing date: 4 December 2018": the key names another day than the page's
        after = text[label.end(): label.end() + 80]
        token = find_date_token(after)
        if token is not None and _GAP.fullmatch(after[: after.find(token)]) and _full_date(token):
            return token
    return None


def label_alone(text: str) -> bool:
    """ "Datum uitspraak:", "Publicatiedatum", "Datum raadsvergadering": a date's label on a line of its
    own (the date is on the next line)."""
    probe = " ".join(text.split())
    return _PUBLISHED.fullmatch(probe) is not None or _DATE_KEY.fullmatch(probe) is not None


# "Datum B&W-vergadering", "Date of judgment:": a key of a document's metadata that names a date.
_DATE_KEY = re.compile(r"(?i)(?:datum|date)(?:\s+(?:of\s+)?[\w&/-]+){1,2}\s*:?")
_ZONE = ZoneInfo("UTC")


def _day(token: str) -> str | None:
    value = parse_date(token, _ZONE)
    return value.moment.date().isoformat() if value is not None and value.precision in ("day", "minute") else None


def _full_date(token: str) -> bool:
    return _day(token) is not None


def date_alone(line: PageLine) -> bool:
    """A date line, or a line taken out as other furniture that is a date alone: "15-03-2024" has the
    shape of a stray fragment or a row of figures, and still gives the page's date."""
    if line.kind == Kind.DATE_LINE:
        return True
    found = date_line(line.text) if line.kind == Kind.FURNITURE else None
    return found is not None and found[0] is not None and found[1] == 0


def _days_listed(lines: list[PageLine]) -> int:
    days = set()
    for line in lines:
        token = find_date_token(line.text) if date_alone(line) else None
        if token:  # a full date, or a day and month ("24 april")
            days.add(_day(token) or " ".join(token.lower().split()))
    return len(days)


def settle_dates(lines: list[PageLine], head_end: int, page: Page) -> None:
    """Put a labelled publication date first among the page's dates; a list of dated items has none."""
    labelled: list[tuple[str, str]] = []
    for index, line in enumerate(lines[: max(head_end + 1, _LABELLED_WITHIN)]):
        if line.kind == Kind.HEADING and index > head_end:
            break
        token = labelled_date(line.text)
        if token is None and label_alone(line.text) and index + 1 < len(lines):
            token = find_date_token(lines[index + 1].text)
            token = token if token and _full_date(token) and len(lines[index + 1].text) <= 60 else None
        if token:
            labelled.append((token, line.text))
    if labelled:
        page.dates[:0] = labelled[:1]
    elif _days_listed(lines) >= _LISTED_DAYS:
        page.dates.clear()
    else:
        page.weak_dates = _headline_or_lede_date(lines, head_end)


# A date at the very start of the lede, or after its dateline's place, and a dash or colon after it
# ("Frankfurt am Main (Deutschland), 20.08.2019 – ...", "13/1/17 - Did you ...").
_PLACE_BEFORE = re.compile(r"(?:[A-ZÀ-Þ][\w'’.-]*(?:\s+[\w'’.-]+){0,3}(?:\s*\([^()]{1,30}\))?\s*,\s*)?")
_DASH_AFTER = re.compile(r"\s*[-–—:|]\s")
# Words before a date in a headline that make it another date than the page's ("vervallen per 01-01-2010").
_NOT_PUBLISHED = frozenset({"per", "vanaf", "tot", "until", "till", "from", "by", "bis", "ab", "seit", "sinds",
                            "since", "before", "voor", "after", "na", "nach"})


def _headline_or_lede_date(lines: list[PageLine], head_end: int) -> list[tuple[str, str]]:
    """With no date line, a full date the headline names ("Verslag van de vergadering van dinsdag 2 juni
    2015", "Urteil vom 23.01.2024") or the lede opens with is the page's."""
    for line in lines[: head_end + 1]:
        if line.kind == Kind.HEADLINE:
            token = find_date_token(line.text)
            before = line.text[: line.text.find(token)].split() if token else []
            if token and _full_date(token) and not (before and before[-1].lower() in _NOT_PUBLISHED):
                return [(token, line.text)]
    if head_end < len(lines):
        lede = lines[head_end].text
        token = find_date_token(lede[:80])
        place = _PLACE_BEFORE.match(lede)
        at = lede.find(token) if token else -1
        if (token and _full_date(token) and place is not None and at == place.end()
                and _DASH_AFTER.match(lede, at + len(token))):
            return [(token, lede[:80])]
    return []
