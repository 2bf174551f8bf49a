"""Lines that are a date or a time, or a place and a date, and the first date a line gives.

A date line is furniture beside the article ("18 juli 2019", "Publicatie: di 24 juli 2018 17.33 uur",
"Den Haag, 23 september 2024"); the page reader also takes the page's own date from it. A line is a date
line only when every other word on it is one that stands beside a date (a weekday, "gepubliceerd", a
time, a source): a sentence that mentions a date is the article's.
"""

from __future__ import annotations

import functools
import re

from pipeline.model.dates import (
    DAY_MONTH_YEAR,
    ISO_DATE,
    MONTH_DAY_YEAR,
    MONTHS,
    NUMERIC_DMY,
    NUMERIC_YMD,
    WEEKDAY_WIDE,
)
from pipeline.reading.lines import PageLine
from pipeline.reading.text import words

_MONTH_WORD = "(?:" + "|".join(sorted(map(re.escape, MONTHS), key=lambda name: (-len(name), name))) + r")\.?"
_DAY_MONTH = re.compile(r"(?i:(?P<day>\d{1,2})\.?\s+(?P<month>" + _MONTH_WORD + r"))(?:\s+(?P<year>\d{4}))?\b")
_TIME_ONLY = re.compile(r"(?i:\d{1,2}[:.hu]\d{2}(?:\s*(?:uur|u|uhr|h|am|pm))?(?:\s*[-–]\s*\d{1,2}[:.hu]\d{2}"
                        r"(?:\s*(?:uur|u|uhr|h|am|pm))?)?(?:\s+\d{1,4})?)")
_TIME_LEAD = re.compile(r"(?P<word>[^\W\d_]+),?\s+(?i:\d{1,2}[:.]\d{2}(?:\s*(?:uur|u|uhr|h|am|pm))?)\.?")
# What may stand beside the date on a date line: lead words (West Frisian's "publisearre" too), times, weekdays,
# sources and counts.
_DATE_LINE_WORDS = frozenset(words("""
gepubliceerd geplaatst bijgewerkt aangepast laatste update updated laatst published
posted publicatie datum uitspraak uitspraakdatum publicatiedatum date on op om am um at uur uhr u h meldungsarchiv
archivierter artikel vom stand aktualisiert veröffentlicht erschienen reacties reactie comments kommentare bron
source quelle last modified geüpdatet geupdate van vandaag today heute gisteren yesterday gestern
maandag dinsdag woensdag donderdag vrijdag zaterdag zondag ma di wo do vr za zo monday tuesday wednesday thursday
friday saturday sunday mon tue wed thu fri sat sun montag dienstag mittwoch donnerstag freitag samstag sonntag
mo mi fr sa so lesedauer leestijd min minuten minutes minute reading time read lezen gewijzigd changed geändert
publisearre"""))
_FULL_DATES = (DAY_MONTH_YEAR, MONTH_DAY_YEAR, NUMERIC_DMY, NUMERIC_YMD, ISO_DATE)
# A date with its month in words is tried at every place of a line (an optional weekday, then a word of
# three to nine letters): each needs a day's digit and a year of four close by, which a quick search
# finds first, so most lines (no date of that shape in them) are never searched the slow way.
_FULL_DATE_GATES = {
    DAY_MONTH_YEAR: re.compile(r"\d(?:st|nd|rd|th|e)?\.?\s+[A-Za-zäÄ]{3,9}\.?,?\s+\d{4}", re.I),
    MONTH_DAY_YEAR: re.compile(r"\d(?:st|nd|rd|th)?,?\s+\d{4}", re.I),
}


def _full_date(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)``, the month-name shapes only where their day and year stand."""
    gate = _FULL_DATE_GATES.get(pattern)
    if gate is not None and gate.search(text) is None:
        return None
    return pattern.search(text)


# "Den Haag, 23 september 2024", "Koog a/d Zaan, 27 januari 2026", "Nuenen, vrijdag, 5 december 2025.": where and
# when a letter or a release was written, a place of a few capitalised words before a whole date.
_PLACE_BEFORE = re.compile(r"[A-ZÀ-Þ][\w'’./-]*(?: (?:[A-ZÀ-Þ][\w'’./-]*|a/d|aan|de|den|op|am|an der|upon)){0,3},"
                           r"(?: (?:[a-zA-Z]+),)?")


def place_and_date(line: str) -> bool:
    """A line that is a place and a whole date, nothing else (the date last)."""
    text = " ".join(line.split()).rstrip(".")
    if len(text) > 80:
        return False
    token = next((match for pattern in _FULL_DATES if (match := _full_date(pattern, text))), None)
    if token is None or token.end() != len(text) or token.start() == 0:
        return False
    before = text[:token.start()].strip()
    if not _PLACE_BEFORE.fullmatch(before):
        return False
    words_before = before.replace(",", " ").split()
    return all(word.lower() in _DATE_LINE_WORDS or word[:1].isupper() or word in ("a/d", "aan", "de", "den", "op",
                                                                                "am", "an", "der", "upon")
               for word in words_before)


_DIGIT = re.compile(r"\d")


# Asked of the same line by several steps of reading a page (its shape, its features, the page's dates).
@functools.lru_cache(maxsize=4096)
def find_date_token(text: str) -> str | None:
    """The first date written in a line (full dates first, then a bare day and month), as written."""
    if _DIGIT.search(text) is None:  # every shape has a day's digits
        return None
    best: re.Match[str] | None = None
    for pattern in _FULL_DATES:
        match = _full_date(pattern, text)
        if match and (best is None or match.start() < best.start()):
            best = match
    if best is not None:
        return best.group().strip(" ,")
    day_month = _DAY_MONTH.search(text)
    if day_month:
        return f"{day_month['day']} {day_month['month']}" + (f" {day_month['year']}" if day_month["year"] else "")
    return None


# A day, then a colon or semicolon and what happens on it ("Woensdag 15 maart; Tweede Kamerverkiezingen.")
_AGENDA_POINT = re.compile(r"\s*[:;]\s*(?P<word>[^\W\d_]+)")


def agenda_point(text: str, token: str) -> bool:
    """A date and what happens that day after a colon ("- 7 januari 2019: eerste schooldag"): a point of an
    agenda, the day of an event, not a date line."""
    at = text.find(token)
    point = _AGENDA_POINT.match(text, at + len(token)) if at >= 0 else None
    return point is not None and point["word"].lower() not in _DATE_LINE_WORDS


def date_line(line: str) -> tuple[str | None, int] | None:
    """(date token or None, count of other words) when the whole line is a date or time line:
    "18 juli 2019", "14u58", "Publicatie: di 24 juli 2018 17.33 uur", "23-07-2019, Oogtv.nl (Bron)",
    "Meldungsarchiv - 27.03.2023 12:45 Uhr", "01 februari 2018 — 7 reacties"; None for anything
    else, a sentence that mentions a date above all ("Op 10 januari 2022 mocht Rutte beginnen")."""
    text = " ".join(line.split())
    if not text or len(text) > 160:
        return None
    if _TIME_ONLY.fullmatch(text):
        return None, 0
    token = find_date_token(text)
    if token is None:
        # "om 11:14 uur.", "at 11:14 AM.", "Vandaag, 19:02": a time after a word that leads one
        lead = _TIME_LEAD.fullmatch(text)
        return (None, 0) if lead and lead["word"].lower() in _DATE_LINE_WORDS else None
    if agenda_point(text, token):
        return None  # "Zondag 22 maart: Zwerfvuilactie": what happens that day, a point of an agenda
    rest = re.sub(r"(?i)\b(?:bron|source|quelle)\s*:.{0,60}$", " ", text.replace(token, " ", 1))
    rest = re.sub(r"(?i)\b\d{1,2}[:.hu]\d{2}\b(?:\s*(?:uur|u|uhr|h)\b)?", " ", rest)
    # a full stop after the date or time ("om 11:14 uur.") is no word beside it
    leftover = [w for w in re.split(r"[\s,;:|/•·()\[\]—–.-]+", rest) if w and not w.isdigit()]
    others = [w for w in leftover if w.lower().rstrip(".") not in _DATE_LINE_WORDS]
    # Names and sources beside a date are capitalised; a lower-case word makes it a sentence.
    if re.fullmatch(r"\s*in\s+.{1,60}", rest) and not any(w.endswith(".") for w in others):
        return token, 0  # "29 mei 2018 in Geen categorie": the date and the post's category
    if len(others) > 2 or any(w[:1].islower() and len(w) > 3 for w in others):
        return None
    return token, len(others)


# --- shapes the page's date is read from (never the line's sorting: ``find_date_token`` and ``date_line``
# above are what the line model was trained with) -----------------------------------------------------------

# A name (or a source) of a few words, capitalised, and a bar before what follows: "Jan de Vries | ".
_NAME_BEFORE_BAR = re.compile(r"[A-ZÀ-Þ][\w'’.&-]*(?:\s+[\w'’.&-]+){0,5}\s+\|\s+")
# A name of a few capitalised words, with the particles names take, and commas or "en"/"and"/"und" between names.
_NAME_WORD = re.compile(r"[A-ZÀ-Þ][\w'’.-]*|van|de|der|den|het|ter|ten|von|zu|op|in|'t|en|and|und|&")


def bar_byline_date(text: str) -> str | None:
    """The date of a byline whose parts stand between bars, an author first ("Jan de Vries | 26 september 2015
    17:55 | Aangepast op 26 september 2015 17:55", "Redactie | 12-11-2017"): the date right after the name,
    then nothing or another part after a bar."""
    if len(text) > 160:
        return None
    name = _NAME_BEFORE_BAR.match(text)
    if name is None or not all(_NAME_WORD.fullmatch(word) for word in text[: name.end()].split()[:-1]):
        return None
    rest = text[name.end():]
    token = find_date_token(rest)
    if token is None or not rest.startswith(token):
        return None
    after = rest[len(token):].strip()
    return token if not after or after.startswith("|") else None


def date_then_names(text: str) -> str | None:
    """The date a line opens with when the rest is the authors' names ("8 februari 2018 Jan de Vries, Piet
    Bos"): a byline with its date first."""
    if len(text) > 120:
        return None
    token = find_date_token(text)
    if token is None or not text.startswith(token):
        return None
    rest = text[len(token):].replace(",", " ").split()
    names = [word for word in rest if word[:1].isupper()]
    return token if len(names) >= 2 and len(rest) <= 10 and all(_NAME_WORD.fullmatch(word) for word in rest) else None


# --- a document's own date, in the forms its opening or its signature gives it (read by ``page_dates``) -----------

_TOKEN = r"(?P<token>\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{1,2}\.?\s+[A-Za-zäÄéû]{3,10}\.?\s+\d{4})"
# The issue of a newsletter or a bulletin and its date in a line of the head: the day it was sent out.
ISSUE_DATE = re.compile(r"(?i)\b(?:newsletter|nieuwsbrief|rundbrief|bulletin)\s+(?:vom|van|of|from)\s+" + WEEKDAY_WIDE
                        + _TOKEN)
# A line of the head that names a record and its meeting's date, as a title, not a sentence (in English,
# "Minutes of the meeting on ..." is as often the earlier minutes approved; West Frisian "Ferslach fan de ...").
RECORD_OPENS = re.compile(r"(?i)\s*(?:[\w&]{1,12}-)?(?:notulen|niederschrift|protokoll|verslag van de|"
                          r"openbaar verslag|besluitenlijst|ferslach fan de)\b")
# A ruling's opening names the day of judgment ("uitspraak van de voorzieningenrechter van 24 december 2019 op
# het verzoek ...", "Vonnis van de kantonrechter van 3 mei 2021"), and so does a German court's line ("LG
# Musterstadt Urteil vom 6.11.2009, 1 S 2/09", "Beschluss verkündet am 18.09.2007"): at the start of a line only,
# as a story about a ruling names it inside a sentence.
RULING_DATE = re.compile(
    r"(?i)\s*(?:uitspraak|vonnis|beschikking|arrest)\s+van\s+(?:de|het)(?:\s+[^\s.;]+){0,6}?\s+van\s+"
    + WEEKDAY_WIDE + _TOKEN
    + r"|\s*(?:[\w.-]{1,30}\s+){0,3}(?:urteil|beschluss|entscheidung)(?:\s+verkündet)?\s+(?:vom|am)\s+"
    + _TOKEN.replace("token", "court") + r"(?=\s*(?:[,;(–-]|$))")
DECISIONS = re.compile(r"(?i)\b(?:beschl(?:ü|ue)sse|besluiten|decisions)\b")

# The meeting minutes and decisions are of (in English, "Minutes of the meeting on ..." is as often the
# earlier minutes approved): "De voorzitter opent de zitting op 28/03/2022 om 19:51",
# "In de vergadering van 6 augustus 2019", "über die öffentliche Sitzung ... vom 25.03.2014"; the opening of
# English minutes names it with "held" ("Minutes of the Full Council Meeting held on Monday 24th August 2020",
# "A Meeting of the Board ... was held in the boardroom on Thursday 5th December 2019").
MEETING_DATE = re.compile(
    r"(?i)\b(?:vergadering|zitting|raadsvergadering|sitzung|gemeinderatssitzung|bijeenkomst)\b"
    r"(?:\s+[^\s.;]+){0,8}?\s+(?:van|op|vom|am|d\.d\.)\s+" + WEEKDAY_WIDE + _TOKEN
    # at the start of the line only: "the minutes of the meeting held on ..." inside a line are the earlier ones
    + r"|^\s*(?:(?:the\s+)?minutes|an?(?:\s+[\w-]+)?\s+meeting|meeting)\s+of\b[^.;]{0,150}?\bheld\b"
    r"(?:\s+[^\s.;]+){0,8}?\s+on\s+" + WEEKDAY_WIDE + r"(?P<held>\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,10}\.?,?\s+\d{4}|"
    r"[A-Za-z]{3,10}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})")


# The minutes of a meeting named before it, and a verb (or a second meeting's minutes) right after its date: a sentence
# about the minutes of an earlier meeting ("De notulen van de vergadering van 27 mei 2025 worden ter goedkeuring
# voorgelegd", "Gegen die Niederschrift der 19. Sitzung am 13.03.2023 gibt es keinen Einwand"), not the meeting
# the record is of.
_MINUTES_NAMED = re.compile(r"(?i)\b(?:notulen|ontwerpnotulen|verslag|niederschrift(?:en)?|protokoll(?:e)?|minutes)\b")
_VERB_AFTER = re.compile(r"\s*,?\s*(?i:worden|wordt|werden|werd|zijn|is|was|were|are|wurde|wurden|wird|sind|ist|"
                         r"gibt|gab|en|und|and)\b")


def earlier_minutes(text: str, match: re.Match[str]) -> bool:
    """A ``MEETING_DATE`` match in a sentence about another meeting's minutes (approved, corrected)."""
    return _MINUTES_NAMED.search(text, 0, match.end()) is not None \
        and _VERB_AFTER.match(text, match.end()) is not None


def meeting_token(match: re.Match[str]) -> str:
    """The date a ``MEETING_DATE`` or ``RULING_DATE`` match names, whichever of its forms it is."""
    return next(value for value in match.groupdict().values() if value)


# A German document's place and day of signing ("Musterstadt, den 16.06.2022", "Gemeinde Musterdorf (Kreis) ,den
# 19.04.2013"): the day it was made, wherever in the head or on its last lines. A weekday before "den" names a
# meeting's day ("Donnerstag, den 29.1.2009"), not where it was signed.
_SIGNED_ON = re.compile(r",\s*den\s+(?P<token>\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}\.\s+[A-Za-zäÄéû]{3,10}\s+\d{4})")
# The place before it, read back from the comma: up to four capitalised words (a dash or spaces between them).
_PLACE_LAST = re.compile(r"(?:^|(?<=\s))(?P<place>[A-ZÄÖÜ][\w.]*(?:[ -]+[A-ZÄÖÜ(][\w.)]*){0,3})\s*$")
_PLACE_CHARS = 80  # how far before the comma a place is looked for
_WEEKDAYS = frozenset(words("montag dienstag mittwoch donnerstag donnertag freitag samstag sonntag"))


def signed_at(text: str, whole: bool = False) -> str | None:
    """The date of a place and "den" and a date in a line (with ``whole``, the line is nothing else)."""
    for match in _SIGNED_ON.finditer(text):
        before = text[max(0, match.start() - _PLACE_CHARS): match.start()]
        place = _PLACE_LAST.search(before)
        if place is None or place["place"].split()[-1].lower() in _WEEKDAYS:
            continue
        if whole and (match.start() - len(before) + place.start() != 0 or text[match.end():].strip(" .")):
            continue
        return match["token"]
    return None


# An author and a date after a dash or a bar: "Door Els de Wit - 16-11-2016, 16:58 (Update ...)", "Geschrieben von
# Anna Smit am 31.12.2023"; or a post's category and its date ("Posted in Nieuws on 31/08/2011 by Jan").
BYLINE_DATE = re.compile(r"(?:(?i:geschrieben|verfasst|written|posted|geplaatst|ingediend|eingestellt)\s+)?"
                         r"(?i:door|by|von|tekst|text)\s+[A-ZÀ-Þ][^|•·–-]{0,60}?(?:\s*[-–|•·]\s*|\s(?:op|on|am)\s)"
                         r"|(?i:posted|geplaatst|gepost|veröffentlicht)\s+(?i:in|under|onder)\s+[^|•·–-]{1,60}?\s(?:on|op|am)\s")


# A date in figures whose first two numbers may each be the month ("08-05-2021"): day first, unless
# the page writes its dates month first ("July 13, 2020") and never day first ("13 July 2020").
_AMBIGUOUS = re.compile(r"(?P<first>0?[1-9]|1[0-2])(?P<sep>[-/.])(?P<second>0?[1-9]|1[0-2])(?P=sep)(?P<year>\d{4})")


def as_the_page_writes(token: str, lines: list[PageLine]) -> str:
    """The date in figures month first ("2021-08-05" for "08-05-2021") on a page that writes its dates
    month first; else the token as it is."""
    match = _AMBIGUOUS.fullmatch(token.strip())
    if match is None or not _writes_month_first(lines):
        return token
    return f"{match['year']}-{int(match['first']):02d}-{int(match['second']):02d}"


def _writes_month_first(lines: list[PageLine]) -> bool:
    first = day_first = 0
    for line in lines:
        if len(line.text) > 2000 or not _DIGIT.search(line.text):
            continue
        first += sum(match["month"].lower() in MONTHS for match in MONTH_DAY_YEAR.finditer(line.text))
        day_first += sum(match["month"].lower() in MONTHS for match in DAY_MONTH_YEAR.finditer(line.text))
    return first > 0 and day_first == 0
