"""Dates a page shows that are not its own: the date of something else it names (a founding, an
appointment with its place, a meeting or event it reports, unless the page is that meeting's record),
a date after a label of a later change, and a date's figures that are part of a longer code. The page's
own date is chosen among the rest (``page_dates``)."""

from __future__ import annotations

import re

from pipeline.reading.lines import PageLine

# Labels of a later change: the date after them is not the publication's.
_CHANGED = re.compile(r"(?i)bijgewerkt|wijzig|aangepast|update|aktualisiert|geändert|changed|modified|bywurke")


def after_a_change(text: str, token: str) -> bool:
    """A label of a change before the date ("Laatste wijziging: 04/11/22 20:30")."""
    return _CHANGED.search(text[: text.find(token)]) is not None


def inside_a_number(token: str, text: str) -> bool:
    """A date's figures that are part of a longer code ("MBG-2022-04-0744", "ID 12.03.20245"): digits or
    a code's letters and dash glued to them."""
    at = text.find(token)
    if at < 0:
        return False
    end = at + len(token)
    after = text[end] if end < len(text) else ""
    before = text[at - 1] if at > 0 else ""
    # a word glued before a date is a scraper's join ("Politiek30 apr"), a dash between them a code's
    glued_before = before.isdigit() or (before in "-/." and at > 1 and text[at - 2].isalnum())
    # figures after a date in figures alone continue it; after a time or a month's name they begin
    # the next thing ("08:293 minuten leestijd")
    figures_only = not any(char.isspace() or char in ":T" for char in token)
    # a time of day glued after the year ("03.03.202511:00 Uhr") begins the next thing too
    glued_time = _GLUED_TIME.match(text, end) is not None and _YEAR_LAST.search(token) is not None
    return (after.isdigit() and figures_only and not glued_time) or (glued_before and token[:1].isdigit())


_GLUED_TIME = re.compile(r"\d{1,2}:\d{2}(?!\d)")
_YEAR_LAST = re.compile(r"\d{4}$")


# A founding, or an appointment's time and place, before or beside a date: the date of something else
# than the page ("Opgericht 7 augustus 1939", "Zeit: 12.12.2018, 11:15 Uhr, Ort: Stadthuis").
_FOUNDED = re.compile(r"(?i)(?:opgericht|gesticht|founded|established|gegründet|gegr\.)"
                      r"(?:\s+(?:in|op|on|am))?\s*:?\s*$")
_APPOINTMENT = re.compile(r"(?i)\b(?:ort|locatie|venue|location|where|waar|plaats)\s*:")


def another_days(token: str, text: str) -> bool:
    """A date a founding names, or the time of an appointment that names its place: not the page's."""
    if len(text) > 300:
        return False
    at = text.find(token)
    return (at >= 0 and _FOUNDED.search(text[:at]) is not None) or _APPOINTMENT.search(text) is not None


# A headline that names a meeting (or another event, or a body that meets: "Ministerraad van 15 juni 2018",
# "Planning Committee - Wednesday, 18th May, 2022"), or a date after the preposition of an event's time
# ("Raadsvergadering 06-07-2023", "Urnengang neu am 27. September 2020"): the event's date. A page that
# reports or announces it is not dated by it; the meeting's own record is.
_EVENT_NAMED = re.compile(r"(?i)vergadering|bijeenkomst|sitzung|versammlung|meeting|zitting|wedstrijd|konzert|concert|"
                          r"ministerraad|committee|council|ausschuss")
_EVENT_TIME = frozenset({"am", "op", "on", "held", "gehouden"})
_RECORD_NAMED = re.compile(r"(?i)notulen|verslag van de|openbaar verslag|besluiten|beslissingen|decisions|"
                           r"niederschrift|protokoll|beschl(?:ü|ue)sse|minutes|zitting van")
# A line that opens a record: who was there, the opening, the first numbered item of the agenda (a list's bullet
# before it at most: "• 1 Opening").
_RECORD_LINE = re.compile(r"(?i)(?:[•·*–-]\s*)?(?:\d{1,2}[.)]?\s+|agendapunt\s+\d{1,2}[.:]?\s+|top\s+\d{1,2}[.:]?\s+)?"
                          r"(?:aanwezig|afwezig|anwesend|abwesend|present|apologies|deelnemers|teilnehmer|aanvang|"
                          r"sluiting|beginn|opening|eröffnung|begrüßung)\b")
_RECORD_REACH = 12  # lines after the headline looked at for a record's opening, and first lines for its name
_RECORD_TITLE_CHARS = 100  # a line longer than this that names decisions or minutes is prose
# A key of a document's own date right before it ("Meeting Date: 24 February 2014", "Vergaderdatum:").
_OWN_DATE_KEY = re.compile(r"(?i)(?:date|datum)\b[^:]{0,30}:\s*$")


def reported_event(text: str, token: str, lines: list[PageLine], headline: bool) -> bool:
    """A line that names a meeting (a headline also by the preposition of an event's time) before its date,
    on a page that is not the meeting's record."""
    at = text.find(token) if len(text) <= 300 else -1
    before = text[:at]
    words = before.split()
    if at < 0 or not (_EVENT_NAMED.search(before) or (headline and words and words[-1].lower() in _EVENT_TIME)):
        return False
    if _RECORD_NAMED.search(text) or _OWN_DATE_KEY.search(before):
        return False
    if any(len(line.text) <= _RECORD_TITLE_CHARS and _RECORD_NAMED.search(line.text) for line in lines[:_RECORD_REACH]):
        return False  # "Public list of decisions made at the council meetings on ..." over "Meeting March 29, 2022"
    at = next((index for index, line in enumerate(lines) if line.text == text), -1)
    return not any(len(line.text) <= 200 and _RECORD_LINE.match(line.text.strip())
                   for line in lines[at + 1: at + 1 + _RECORD_REACH])


# A match's sheet: the keys of its fields (the referee, the crowd, the result, the goals, the round, the ground)
# and its score with the half-time's in brackets ("2:1 (0:1)", "Uitslag 2 - 1 (0 - 0)"). A date among them is
# the match's day, not the page's (a report of the match has no date of its own there).
_SHEET_KEY = re.compile(r"(?i)(?<![^\W\d_])(?:scheidsrechter|referee|schiedsrichter|toeschouwers|zuschauer|spectators|"
                        r"attendance|"
                        r"uitslag|eindstand|endergebnis|einduitslag|final\s+score|result|doelpunten|tore|goals|"
                        r"spieltag|speelronde|speeldag|matchday|aftrap|anstoß|anpfiff|kick-off|accommodatie|"
                        r"venue|stadion|stadium|match\s+report|wedstrijdverslag|spielbericht)\b")
_SCORE = r"\d{1,2}\s*[-–:]\s*\d{1,2}"
_SCORE_HALF = re.compile(_SCORE + r"\s*\(\s*" + _SCORE + r"\s*\)")  # the half-time's score in brackets after it
# "1 - 2": a time or a date has no spaces, and an hour's range its unit after it ("14 - 16 uur")
_SCORE_SPACED = re.compile(r"(?<![\d.:/])\d{1,2} [-–] \d{1,2}(?![\d:/]|[.,]\d|\s*(?i:uur|uhr|u|h|am|pm|hrs)\b)")
_SHEET_REACH = 4  # lines either side of a date line looked at for a match's fields
_SHEET_FIELD_CHARS = 80  # a field of a sheet is a short line
_SHEET_FIELDS = 2  # fields around a date line that make it a sheet's


def _sheet_field(text: str) -> bool:
    """A short line that is a match's field: it names a key of one ("Scheidsrechter Tempelaar J.H.",
    "Zuschauer: 14.605", "vom 21. Spieltag") or gives a score with the half-time's ("2:1 (0:1)")."""
    if len(text) > _SHEET_FIELD_CHARS:
        return False
    return _SCORE_HALF.search(text) is not None or _SHEET_KEY.search(text) is not None


def match_sheet(text: str, token: str, lines: list[PageLine]) -> bool:
    """A date line among a match's fields (two within a few lines), or a date that opens a line which goes on
    with the match and its score ("Zondag 30 april 2023, Westdorp – FC Oost 1 - 2."): the match's day."""
    at = text.find(token)
    if at >= 0 and len(text) <= 200 and not text[:at].strip(" •-") and _SCORE_SPACED.search(text, at + len(token)):
        return True
    index = next((number for number, line in enumerate(lines) if line.text == text), -1)
    if index < 0:
        return False
    around = lines[max(0, index - _SHEET_REACH): index] + lines[index + 1: index + 1 + _SHEET_REACH]
    return sum(_sheet_field(line.text) for line in around) >= _SHEET_FIELDS
