"""Where a page's own date may be found: its candidate dates, gathered; ``page_dates`` settles which is the page's.

Dates are exact forms, so these are exact rules. A publication label names a date ("Geplaatst op: 17-12-2017 21:40",
"Stand: 10.06.2022 17:36 Uhr", "datum: 2024-09-23") wherever it stands in the page's head, even glued to a headline or
inside a line of metadata, and a label on a line of its own names the date on the next line ("Datum uitspraak" over
"24-12-2019"); a byline names the moment of posting; a line is a date alone (``date_alone``); the site's weather widget
stands beside its today (``today_bar``). Where no date line dates the page: the headline's date, the lede's opening
date, a line of the head the line model takes for a date line (words beside its date), a date with its time of day in
the head, a document's date line further down, a meeting's date in minutes, a ruling's, a place and day of signing,
or a date beside a source or in a byline (``headline_or_lede_date``), each a ``Candidate``.

The wider date forms (West Frisian months, "February 25,2010") are read here only: the lines are
sorted by the forms the line model was trained with, so its features stay as they were.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

from pipeline.model.dates import FRISIAN_MONTHS, MONTHS, WEEKDAY_WIDE, find_wide_date, parse_date
from pipeline.reading.date_lines import (
    BYLINE_DATE,
    DECISIONS,
    ISSUE_DATE,
    MEETING_DATE,
    RECORD_OPENS,
    RULING_DATE,
    agenda_point,
    bar_byline_date,
    date_line,
    date_then_names,
    earlier_minutes,
    find_date_token,
    meeting_token,
    signed_at,
)
from pipeline.reading.lines import Kind, PageLine
from pipeline.reading.other_dates import inside_a_number, reported_event

# Labels of the publication date, in the languages of the pages (nl, en, de, fy). Longest first.
_PUBLISHED = re.compile(
    r"(?i)(?<![\w-])(?:datum\s+(?:uitspraak|publicatie|van\s+publicatie)|uitspraakdatum|publicatiedatum|"
    r"entscheidungsdatum|urteilsdatum|verkündungsdatum|"
    r"publication\s+date|date\s+(?:published|released)|publiziert|veröffentlicht|erschienen|gepubliceerd|"
    r"geplaatst|verschenen|publicatie|published|released|posted|uploaded|geüpload|online\s+(?:seit|since|sinds)|"
    r"datum|date|stand|added|toegevoegd|hinzugefügt|"
    r"publisearre|pleatst)"
    r"(?:\s+(?:op|on|am|om))?\s*[:.]?\s*"
)
# Only a weekday (or its abbreviation), a time of day ("Posted at 2:43 PM, Dec 28, 2022") and separators may
# stand between the label and the date.
_GAP = re.compile(r"(?i)[\s,.:|/(-]*(?:(?:at|om|um)\s+)?(?:\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|uur|uhr|h)\b)?[\s,|–-]*)?"
                  + WEEKDAY_WIDE + r"[\s,(]*")
# Lines looked at for a labelled date: those of the page's head, and at least this many.
LABELLED_WITHIN = 12
# A line of the head this long may still be metadata: a document's title page glued into one line ("...
# Auteurs: Datum: 21 januari 2016 Versie: Definitief ..."); a longer one is read no further for a label.
_HEAD_LINE_CHARS = 2000
DATE_ALONE_CHARS = 60
_DIGIT = re.compile(r"\d")
_DATE_TOKEN = r"(?P<token>\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{1,2}\.?\s+[A-Za-zäÄéû]{3,10}\.?\s+\d{4})"
# The article itself saying when it appeared, the label after the date: "Dieser Artikel (ID: 12) ist am 18.09.2025 in
# folgenden Ausgaben erschienen", "Dit artikel is op 3 mei 2020 in de krant verschenen" (a book's is another day).
_PUBLISHED_AFTER = re.compile(r"(?i)\b(?:artikel|beitrag|article|bericht)\b[^.]{0,40}?\s(?:ist|wurde|is|werd)\s+"
                              r"(?:am|op|on)\s+" + _DATE_TOKEN
                              + r"(?:\s+[^\s.:;]+){0,6}?\s+(?:erschienen|veröffentlicht|verschenen|gepubliceerd)\b")
_DIGIT_YEAR = re.compile(r"\d{4}|['’]\d{2}\b")  # a year in figures, or its last two after an apostrophe


def labelled_date(text: str, longest: int = 400) -> str | None:
    """The date a publication label names in a line ("Nieuws - gepubliceerd: zondag, 27 januari 2013 -
    221 woorden" gives "27 januari 2013"), or None: the date must follow the label at once (a weekday
    between them at most). A line longer than ``longest`` is prose, not metadata."""
    if len(text) > longest:
        return None
    for label in _PUBLISHED.finditer(text):
        if label.group().lower().startswith(("date", "datum")) and re.search(r"\w\s*$", text[: label.start()]):
            continue  # "Hearing date: 4 December 2018": the key names another day than the page's
        after = text[label.end(): label.end() + 80]
        token = _find_token(after)
        if token is not None and _GAP.fullmatch(after[: after.find(token)]) and full_date(token):
            return token
    after_the_date = _PUBLISHED_AFTER.search(text)  # "ist am 18.09.2025 in folgenden Ausgaben erschienen"
    return after_the_date["token"] if after_the_date and full_date(after_the_date["token"]) else None


def label_alone(text: str) -> bool:
    """ "Datum uitspraak:", "Publicatiedatum", "Datum raadsvergadering": a date's label on a line of its
    own (the date is on the next line)."""
    probe = " ".join(text.split())
    return _PUBLISHED.fullmatch(probe) is not None or _DATE_KEY.fullmatch(probe) is not None


# "Datum B&W-vergadering", "Date of judgment:": a key of a document's metadata that names a date.
_DATE_KEY = re.compile(r"(?i)(?:datum|date)(?:\s+(?:of\s+)?[\w&/-]+){1,2}\s*:?")
_ZONE = ZoneInfo("UTC")


def day_of(token: str) -> str | None:
    value = parse_date(token, _ZONE)
    return value.moment.date().isoformat() if value is not None and value.precision in ("day", "minute") else None


def full_date(token: str) -> bool:
    return day_of(token) is not None


def _find_token(text: str) -> str | None:
    """The first date in a line, in the forms lines are sorted by, else in the wider ones (also where the
    first is a day without its year: "30 apr '21")."""
    token = find_date_token(text)
    if token is None or (_DIGIT_YEAR.search(text) and not full_date(token)):
        token = find_wide_date(text) or token
    return None if token is None or inside_a_number(token, text) else token


def date_alone(line: PageLine) -> bool:
    """A date line, or a line taken out as other furniture or a caption that is a date alone ("15-03-2024" has
    the shape of a stray fragment or a row of figures, "24/08/17 - 22u54 Bron: ANP" of a caption's credit), or a
    line that is a date only in the wider forms ("26 Jannewaris 2000"): each gives the page's date."""
    if line.kind == Kind.DATE_LINE:
        return True
    return _date_alone(line.text, line.kind in (Kind.FURNITURE, Kind.CAPTION))


@lru_cache(maxsize=4096)
def _date_alone(text: str, furniture: bool) -> bool:
    if len(text) > 160 or not _DIGIT.search(text):  # every date form has a day or a year in figures
        return False
    found = date_line(text) if furniture else None
    if found is not None and found[0] is not None and (found[1] == 0 or _stamp_glued_to_date(text, found[0])):
        return True
    return len(text) <= DATE_ALONE_CHARS and _no_full_token(text) and full_date(text)


def _no_full_token(text: str) -> bool:
    """No whole date in the forms lines are sorted by: none, or a day and month whose year is written
    otherwise ("01 apr '20")."""
    token = find_date_token(text)
    return token is None or not full_date(token)


def _stamp_glued_to_date(text: str, token: str) -> bool:
    """A machine timestamp glued before the date a reader sees ("2020-04-16T14:23:19+02:0031 mrt 2020|": a
    time element's attribute and its text, joined by the scraper): a date line all the same."""
    if "T" not in token or not text.startswith(token) or text[len(token): len(token) + 1].isspace():
        return False
    rest = date_line(text[len(token):])
    return rest is not None and rest[0] is not None and rest[1] == 0


def date_token(line: PageLine) -> str | None:
    """The date a line gives: in the forms lines are sorted by, else the whole line in a wider form."""
    token = find_date_token(line.text)
    if (token is None or not full_date(token)) and len(line.text) <= DATE_ALONE_CHARS and full_date(line.text):
        token = line.text.strip()  # a wider form: "26 Jannewaris 2000", "01 apr '20"
    return None if token is None or inside_a_number(token, line.text) else token


def labels_and_bylines(lines: list[PageLine], head_end: int,
                       dates: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], set[str]]:
    """The dates publication labels of the head name, in order (the date, the label's line), and the lines of
    the bylines whose date joins ``dates`` ("Door Els de Wit - 16-11-2016, 16:58", whatever the line's kind)."""
    labelled: list[tuple[str, str]] = []
    bylines: set[str] = set()
    for index, line in enumerate(lines[: max(head_end + 1, LABELLED_WITHIN)]):
        if line.kind == Kind.HEADING and index > head_end:
            break
        token = labelled_date(line.text[:_HEAD_LINE_CHARS], _HEAD_LINE_CHARS)
        if token is None and label_alone(line.text) and index + 1 < len(lines):
            token = find_date_token(lines[index + 1].text)
            token = token if token and full_date(token) and len(lines[index + 1].text) <= 60 else None
        if token:
            labelled.append((token, line.text))
        byline = BYLINE_DATE.match(line.text) if len(line.text) <= 160 else None
        rest = line.text[byline.end():] if byline else ""
        token = _find_token(rest) if rest else bar_byline_date(line.text) if index <= head_end + 2 else None
        rest = rest or token or ""
        if token and rest.startswith(token) and full_date(token) and all(text != line.text for _, text in dates):
            dates.append((token, line.text))
            bylines.add(line.text)
    return labelled, bylines


# A temperature alone on a line ("20.3 C", "8 °C"): a site's weather widget.
_TEMPERATURE = re.compile(r"-?\d{1,2}(?:[.,]\d)?\s*°?\s*[CF]")
_TODAY_NEAR = 2  # lines between the weather and the date beside it


def today_bar(lines: list[PageLine]) -> set[str]:
    """The date lines beside a weather widget at the top of a page: the site's today, not the page's."""
    found: set[str] = set()
    for index, line in enumerate(lines[:LABELLED_WITHIN]):
        if _TEMPERATURE.fullmatch(line.text.strip()):
            found.update(other.text for other in lines[max(0, index - _TODAY_NEAR): index + _TODAY_NEAR + 1]
                         if other is not line and date_alone(other))
    return found


class Candidate(NamedTuple):
    """A date that may be the page's: its token and the line (or the line's opening) it stands on; ``opened``,
    a document's own formula named it (minutes' opening, a ruling's, a place and day of signing), so no event
    the page reports; ``of_dates``, its line is a line of dates (a date line, a byline, a timestamp, a line
    the model takes for a date line, the line over the lede that opens with its date), where a label of a
    later change before the date makes it the change's (``page_dates`` drops those, the one place that asks)."""

    token: str
    text: str
    opened: bool = False
    of_dates: bool = False


# A date at the very start of the lede, or after its dateline's place, and a dash or colon after it
# ("Frankfurt am Main (Deutschland), 20.08.2019 – ...", "13/1/17 - Did you ...").
# (or a dash after the place: "Alphen aan den Rijn – 16 mei 2015 – Het is ...")
_PLACE_BEFORE = re.compile(r"(?:[A-ZÀ-Þ][\w'’.-]*(?:\s+[\w'’.-]+){0,3}(?:\s*\([^()]{1,30}\))?(?:\s*,\s*|\s+[-–—]\s+))?")
# The date first, then the place (or the desk) and a dash before the story's first word ("3 februari 2023, Landelijk
# - De vangst ..."): a dateline the other way round.
_PLACE_AFTER = re.compile(r",\s*[A-ZÀ-Þ][\w'’./-]*(?:\s+[\w'’./-]+){0,2}\s*[-–—]\s+[\"“„'‘]?[A-ZÀ-Þ]")
_DASH_AFTER = re.compile(r"\s*[-–—:|]\s")
# Without the dash, a place and a comma before the date, and the story's first word after it ("Breslau/Prag,
# 16.09.2024 Mindestens elf Tote ..."): a news agency's dateline all the same.
_PLACE_ITSELF = re.compile(r"[A-ZÀ-Þ][\w'’./-]*(?:\s+[\w'’./-]+){0,3}(?:\s*\([^()]{1,30}\))?\s*,\s*")
# (or glued to the year, as a scraper joins a date's element and the text: "4 oktober, 2014Zaterdagmorgen ...")
_STORY_AFTER = re.compile(r"\s+[A-ZÀ-Þ]|(?<=\d{4})[A-ZÀ-Þ][a-zà-ÿ]")


def lede_dateline(lines: list[PageLine], head_end: int, alone: bool = False) -> tuple[str, str] | None:
    """The date the lede opens with, after its dateline's place: (token, the lede's opening), or None. With
    ``alone``, also a date with no place before the story's first word (where no date line says otherwise)."""
    if head_end >= len(lines):
        return None
    lede = lines[head_end].text
    token = find_date_token(lede[:80])
    at = lede.find(token) if token else -1
    if token is None or not full_date(token):
        return None
    place = _PLACE_BEFORE.match(lede)
    dashed = (place is not None and at == place.end() and _DASH_AFTER.match(lede, at + len(token)) is not None) \
        or (at == 0 and _PLACE_AFTER.match(lede, len(token)) is not None)
    placed = (place := _PLACE_ITSELF.match(lede)) is not None and at == place.end() \
        and _STORY_AFTER.match(lede, at + len(token)) is not None
    # with no place, the date alone before the story's first word ("05.04.2023 Auf der ...", "6 oktober 2015. Gister")
    alone = alone and at == 0 and _STORY_AFTER.match(lede, len(token) + lede[len(token):][:1].count(".")) is not None
    return (token, lede[:80]) if dashed or placed or alone else None


# The first day of a period before a date ("28 januari - 25 februari 2017", "3 t/m 5 mei 2024"): the
# date ends a period, and is no day of publication.
RANGE_START = re.compile(r"\d{1,2}\.?(?:\s+[A-Za-zäÄéû]{3,9}\.?)?\s*(?:[-–]|t/m|tot|bis|to)\s*$")
# Words before a date in a headline that make it another date than the page's ("vervallen per 01-01-2010").
_NOT_PUBLISHED = frozenset({"per", "vanaf", "tot", "until", "till", "from", "by", "bis", "ab", "seit", "sinds",
                            "since", "before", "voor", "after", "na", "nach"})


_RULING_WITHIN = 40  # lines of a ruling's page looked at for its opening (its metadata may come first)
_SIGNATURE_LINES = 3  # a document's last lines looked at for its place and day of signing
_HELD = re.compile(r"(?i)\s*(?:was|were)\s+held\b")


def bounds_a_period(text: str, token: str) -> bool:
    """A date after a word that makes it the start or the end of a period ("Nieuwe regels per 1 januari 2022",
    "gesperrt bis 3. Mai 2020"): the day something changes, not the page's."""
    at = text.find(token)
    before = text[:at].split() if at > 0 else []
    return bool(before) and before[-1].lower().rstrip(",:") in _NOT_PUBLISHED


def headline_or_lede_date(lines: list[PageLine], head_end: int,
                          today: set[str]) -> Iterator[Candidate]:
    """With no date line, a full date the headline names ("Verslag van de vergadering van dinsdag 2 juni
    2015", "Urteil vom 23.01.2024") or the lede opens with is the page's; the candidates in the order
    they count, read only as far as they are wanted."""
    for line in lines[: head_end + 1]:
        if line.kind == Kind.HEADLINE:
            token = find_date_token(line.text)
            before = line.text[: line.text.find(token)].split() if token else []
            ended = RANGE_START.search(line.text[: line.text.find(token)]) if token else None
            if token and full_date(token) and not ended and not (before and before[-1].lower() in _NOT_PUBLISHED) \
                    and not reported_event(line.text, token, lines, True):
                yield Candidate(token, line.text)
                break
    for index, line in enumerate(lines[: head_end + 1]):
        # a record's name and its meeting's date on a line of the head ("Notulen bestuursvergadering ...
        # dinsdag 7 maart 2016"), the headline or not; the page's first line may be its opening sentence
        title = len(line.text) <= 200 and (index == 0 or not line.text.rstrip().endswith("."))
        token = _find_token(line.text) if title and RECORD_OPENS.match(line.text) else None
        issue = ISSUE_DATE.search(line.text) if title and not token else None
        token = token or (issue["token"] if issue else None) or date_then_names(line.text)
        if token and full_date(token):
            yield Candidate(token, line.text)  # ... or an issue's ("Newsletter vom 8. April 2021"), or a byline's
    opening = lede_dateline(lines, head_end, alone=True)
    if opening:
        yield Candidate(*opening)
    for index, line in enumerate(lines[:LABELLED_WITHIN * 3]):
        if line.kind == Kind.HEADING and index > head_end:
            break
        token = date_token(line) if date_alone(line) and line.text not in today else None
        if token and full_date(token):
            yield Candidate(token, line.text, of_dates=True)  # a document's date line under a long head of metadata
    for line in lines[: head_end + 1]:
        # a line of the head the line model takes for a date line, though the date has words beside it
        # ("10 maart 2023 om 16:16 Politiek", "scandal 25/09/2020", "14.09.2017 Nu zondag is ...")
        token = _find_token(line.text) if line.role == "dateline" and line.text not in today else None
        if token and len(line.text) <= DATE_ALONE_CHARS * 2 and full_date(token) \
                and not agenda_point(line.text, token):
            yield Candidate(token, line.text, of_dates=True)
    if 0 < head_end < len(lines):
        # the line right above the lede opening with a whole date, words after it ("14.09.2017 Nu zondag is het
        # ...", "October 21, 2008 John Doe City Manager"): the story's day, whatever the model took the line for
        above = lines[head_end - 1]
        token = _find_token(above.text) if above.kind == Kind.TEXT and above.text not in today else None
        if token and above.text.startswith(token) and len(above.text) <= DATE_ALONE_CHARS * 2 \
                and full_date(token) and not agenda_point(above.text, token):
            yield Candidate(token, above.text, of_dates=True)
    for line in lines[: head_end + 1]:
        stamp = timestamp(line.text) if line.text not in today else None
        if stamp:
            yield Candidate(stamp, line.text, of_dates=True)
    for line in lines[head_end + 1: LABELLED_WITHIN]:
        stamp = named_timestamp(line.text) if line.text not in today else None
        if stamp:  # under the lede: a byline of an author's name and the moment of posting, nothing else
            yield Candidate(stamp, line.text, of_dates=True)
    # from under the headline: a decision's formula may stand above its lede ("De raad van de gemeente Oss,
    # bijeen in zijn openbare vergadering van 21 december 2005;")
    headline = next((index for index, line in enumerate(lines[: head_end + 1]) if line.kind == Kind.HEADLINE), -1)
    # or above the headline, a list of decisions named with its meeting ("in seiner Sitzung am ... folgende Beschlüsse")
    decisions = [line for line in lines[:max(headline, 0)] if DECISIONS.search(line.text[:300])]
    for line in decisions + lines[headline + 1 if 0 <= headline < head_end else head_end: head_end + 3]:
        # minutes' opening under their title ("A Meeting of the Board" over "was held ... on 5th May 2019")
        held = _HELD.match(line.text) and 0 <= headline < len(lines)
        probe = (lines[headline].text + " " if held else "") + line.text[:300]
        meeting = MEETING_DATE.search(probe)
        if meeting and full_date(meeting_token(meeting)) and not earlier_minutes(probe, meeting):
            yield Candidate(meeting_token(meeting), line.text[:80], opened=True)
    for line in lines[:_RULING_WITHIN]:
        ruling = RULING_DATE.match(line.text[:300])
        if ruling and full_date(meeting_token(ruling)):
            yield Candidate(meeting_token(ruling), line.text[:80], opened=True)
    # a German document's place and day of signing, in its head or as one of its last lines
    for line in lines[: head_end + 1]:
        signed = signed_at(line.text[:300])
        if signed and full_date(signed):
            yield Candidate(signed, line.text[:80], opened=True)
    for line in lines[-_SIGNATURE_LINES:]:
        signed = signed_at(line.text, whole=True) if len(line.text) <= 100 else None
        if signed and full_date(signed):
            yield Candidate(signed, line.text, opened=True)
    for index, line in enumerate(lines):
        # a source or a byline beside the date ("EERDSE KRANT - 3 januari 2019" among the first lines,
        # "Redactie Vakblad | 08-02-24 |" under the text)
        near = (index < LABELLED_WITHIN and line.text not in today) or line.kind == Kind.BYLINE
        found = date_line(line.text) if near else None
        if found is not None and found[0] is not None and full_date(found[0]):
            yield Candidate(found[0], line.text)


# An author's name before the moment of posting ("Von Jan Smit 01.04.2023, 08:00", "Anna Bos-de Wit 13.07.2022 - 17:07
# Uhr"): a few capitalised words (a name's particles between them), "von", "door" or "by" before them at most.
_NAME_THEN_STAMP = re.compile(r"(?:(?i:von|door|by)\s+)?[A-ZÀ-Þ][\w'’.-]*"
                              r"(?:\s+(?:[A-ZÀ-Þ][\w'’.-]*|van|de|der|den|von|zu|ter|ten)){1,4}\s+")
_STAMP_END = re.compile(r"(?:\s*(?:[,|•–-]|om|at|um)?\s*\d{1,2}[:.]\d{2})?(?:\s*(?i:uhr|uur|u|h|am|pm)\b)?\s*")


def named_timestamp(text: str) -> str | None:
    """The date of a line that is an author's name and the date and time of posting, nothing else."""
    if len(text) > 100 or not _DIGIT.search(text):
        return None
    name = _NAME_THEN_STAMP.match(text)
    token = timestamp(text) if name else None
    if name is None or token is None or not text.startswith(token, name.end()):
        return None
    end = name.end() + len(token)
    return token if _STAMP_END.fullmatch(text, end) else None


# A time right after a date ("15.12.2015, 14:54", "16 november 2022 19:44", "19/09/2022 - 13:00").
_TIME_AFTER = re.compile(r"\s*(?:[,|•–-]|om|at|um|à)?\s*\d{1,2}[:.]\d{2}\b")
_TIME_IN_TOKEN = re.compile(r"[\s,]\d{1,2}[:.]\d{2}\b")


def timestamp(text: str) -> str | None:
    """A full date with its time of day in a line of the head, whatever stands beside it ("Von Anna
    Smit 15.12.2015, 14:54", "reported this story on Wednesday, December 29, 2010 08:00:00"): the
    moment the page was published (or, after a label of a later change, changed)."""
    if len(text) > 200 or not _DIGIT.search(text):
        return None
    token = _find_token(text)
    if token is None or not full_date(token):
        return None
    at = text.find(token)
    timed = _TIME_IN_TOKEN.search(token) or _TIME_AFTER.match(text, at + len(token))
    return token if timed else None


# A month and its year, the page's month where it shows no day: a month's name (or its abbreviation) and a year of
# this century or the last ("Oktober 2018", "jan. 2020", "sept 2022").
_MONTH_NAMES = "|".join(sorted({*MONTHS, *FRISIAN_MONTHS}, key=lambda name: (-len(name), name)))
_MONTH_YEAR = r"(?P<NAME>(?i:" + _MONTH_NAMES + r")\.?\s+(?:19|20)\d{2})"
# The month and year alone, after a date's key and its colon at most ("Indiendatum: jan. 2020", "Last Revised: April
# 1999"; another key, "Maand:", "Monthly Archives:", heads a month's archive), or after a place and its comma
# ("Hilversum, december 2008"): the line says when the page was written.
_MONTH_ALONE = re.compile(r"(?:[\w&. -]{0,20}(?i:dat(?:um|e)|revised|published|gepubliceerd|veröffentlicht)\s*:\s*"
                          r"|[A-ZÀ-Þ][\w'’.-]*(?:\s+[\w'’.-]+){0,3},\s*)?"
                          + _MONTH_YEAR.replace("NAME", "alone") + r"\s*\.?")
# A title that ends with its issue's month, after a dash or in brackets ("Van het bestuur – mei 2021", "Het
# parochieblad (februari 2003)"), or a title of a word or two before it ("Nieuwsupdate november 2021"), though not
# a key and its colon ("Maand: september 2023" heads a month's archive) or a day ("Vergadering 16 september 2013").
_MONTH_ENDS_TITLE = re.compile(r".{1,80}?(?:\s[-–—|]\s*|\s\()" + _MONTH_YEAR.replace("NAME", "after") + r"\)?"
                               + r"|(?:\S*[^\s:\d.]\s+){1,2}" + _MONTH_YEAR.replace("NAME", "ends"))
_MONTH_LINE_CHARS = 100
# A line of the head that opens with its issue's month, a dash or a quoted title after it ("April 2022 - Ausgabe
# 238", "Oktober 2020 “Net bêst”"): the page's month as well.
_MONTH_OPENS = re.compile(_MONTH_YEAR.replace("NAME", "opens") + r"\s*(?:[-–—|]\s+|[\"“„«])\S")


def _month_alone(text: str) -> str | None:
    """The month and year a line gives alone (after a date's key or a place at most), or None."""
    text = " ".join(text.split())
    if len(text) > _MONTH_LINE_CHARS or not _DIGIT.search(text):
        return None
    alone = _MONTH_ALONE.fullmatch(text)
    return alone["alone"] if alone and parse_date(alone["alone"], _ZONE) is not None else None


def _month_opens(text: str) -> str | None:
    """The month and year a short line of the head opens with, before a dash or a quoted title, or None."""
    if len(text) > _MONTH_LINE_CHARS or not _DIGIT.search(text):
        return None
    opens = _MONTH_OPENS.match(" ".join(text.split()))
    return opens["opens"] if opens else None


def month_of_the_page(lines: list[PageLine], head_end: int, today: set[str]) -> tuple[str, str] | None:
    """The month and year a line of the head (or the page's last line) gives alone, that ends the headline or that
    opens a line before a dash or a quoted title: the page's month where no line names its day ("Oktober 2018"
    under the headline, "Van het bestuur – mei 2021", "April 2022 - Ausgabe 238"); (token, line) or None. A page
    whose lines give two months or more alone (or open with them) is a list of months (an archive's)."""
    alone = {line.text: _month_alone(line.text) for line in lines}  # each line looked at once
    opening = {line.text: _month_opens(line.text) for line in lines}
    if len({month for month in alone.values() if month}) > 1 or len({month for month in opening.values() if month}) > 1:
        return None  # (or lines that open with two months or more: a list of issues)
    near = [line for line in lines[: max(head_end + 1, LABELLED_WITHIN)] if line.kind != Kind.HEADING]
    for line in near + lines[-1:]:
        if line.text in today:
            continue
        token = alone[line.text]
        text = " ".join(line.text.split())
        titled = _MONTH_ENDS_TITLE.fullmatch(text) if token is None and line.kind == Kind.HEADLINE \
            and len(text) <= _MONTH_LINE_CHARS and _DIGIT.search(text) else None
        token = token or (next((value for value in titled.groupdict().values() if value), None) if titled else None)
        token = token or opening[line.text]
        # a line that names a whole day (another day's, as no day of the page was found) gives no month
        if token and parse_date(token, _ZONE) is not None and not ((whole := _find_token(text)) and full_date(whole)):
            return token, line.text
    return None
