"""The page's own date among the candidate dates its lines show (gathered by ``date_candidates``).

A publication label's date is the page's before any other date line. A label of a later change ("bijgewerkt",
"updated") never names the publication date: a candidate read off a line of dates with such a label before its date
is dropped where the candidates are handed over (``_own``), whichever path found it. A date line of its own comes
before a date glued to the headline; the date beside a site's weather widget is the site's today; a date line
beside the headline comes before one far above it (the site's today over its menu), and the lede's dateline before
a date line under the lede. A page whose date lines (or whose publication labels) name three or more days is a list
of dated items (an index, an archive), and so is a page of three or more dated teasers, a date with prose after it
each, however many days they name (one day's news index): none of them is the page's date. With no date line, the
first of the other candidates dates the page (``Page.weak_dates``) unless it is another day's (a founding's, an
appointment's, a meeting the page reports: ``other_dates``).
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator

from pipeline.model.dates import parse_day_month
from pipeline.reading.date_candidates import (
    DATE_ALONE_CHARS,
    Candidate,
    bounds_a_period,
    date_alone,
    date_token,
    day_of,
    full_date,
    headline_or_lede_date,
    label_alone,
    labelled_date,
    labels_and_bylines,
    lede_dateline,
    month_of_the_page,
    timestamp,
    today_bar,
)
from pipeline.reading.date_lines import as_the_page_writes, date_line, find_date_token
from pipeline.reading.lines import Kind, Page, PageLine, is_prose
from pipeline.reading.other_dates import after_a_change, another_days, inside_a_number, match_sheet, reported_event

_DIGIT = re.compile(r"\d")
_LISTED_DAYS = 3  # date lines naming this many different days: a list of dated items


def _days_listed(lines: list[PageLine]) -> int:
    """How many different days (a day and month: "25 september" and "2020-09-25" are one) the page's
    date lines name."""
    days = set()
    for line in lines:
        token = date_token(line) if date_alone(line) else None
        full = day_of(token) if token else None
        day_month = parse_day_month(" ".join(token.replace(".", " ").split()[:2])) if token and not full else None
        if full:
            days.add((int(full[5:7]), int(full[8:10])))
        elif day_month:
            days.add((day_month[1], day_month[0]))
    return len(days)


def settle_dates(lines: list[PageLine], head_end: int, page: Page) -> None:
    """Put a labelled publication date first among the page's dates; a list of dated items has none, and
    a page that is no article (``Page.not_article``) only a labelled one."""
    labelled, bylines = labels_and_bylines(lines, head_end, page.dates)
    page.dates[:] = [(found.token, found.text) for found in _own(
        (Candidate(token, text, of_dates=(token, text) not in labelled) for token, text in page.dates))]
    # a date line of its own says the page's day; a date glued to the headline may be its subject's
    # ('"Uit de raad" - 13 december 2023' over '15-12-2023')
    headlines = {line.text for line in lines if line.kind == Kind.HEADLINE}

    def elsewhere(token: str, text: str) -> bool:
        """A line that names a founding or an appointment, or a meeting it reports (a headline also an event
        by the preposition before its date): another day than the page's."""
        headline = text in headlines and text not in bylines  # a byline's "op" or "am" is no event's
        return another_days(token, text) or bounds_a_period(text, token) \
            or reported_event(text, token, lines, headline)

    page.dates.sort(key=lambda found: found[1] in headlines)
    today = today_bar(lines)
    listed = False
    if today:  # the site's weather and today's date above its menu: the day it was scraped
        page.dates[:] = [(token, text) for token, text in page.dates if text not in today]
    _beside_the_headline_first(lines, head_end, page.dates)
    _the_ledes_dateline_first(lines, head_end, page.dates, labelled)
    if page.not_article:  # an index, shop or agenda page: only a label of the page itself dates it
        page.dates[:] = labelled[:1]
    elif labelled and _labelled_days(lines) < _LISTED_DAYS:
        page.dates[:0] = labelled[:1]
    elif labelled or _days_listed(lines) >= _LISTED_DAYS or _dated_teasers(lines) >= _LISTED_DAYS:
        page.dates.clear()
        listed = True
    else:
        own = ((token, text) for token, text, opened, _ in _own(headline_or_lede_date(lines, head_end, today))
               if not inside_a_number(token, text) and not (
                   another_days(token, text) or bounds_a_period(text, token)
                   or (not opened and reported_event(text, token, lines, text in headlines))
                   or match_sheet(text, token, lines)))
        page.weak_dates = list(itertools.islice(own, 1))
    # a publication label names the page's own date, whatever else its line names
    # (a match's sheet names the match's day, whatever its key: "Datum zondag 12 april 2015 om 14:00")
    page.dates[:] = [found for found in page.dates
                     if (found in labelled or not elsewhere(*found)) and not match_sheet(found[1], found[0], lines)]
    if not (page.dates or page.weak_dates or page.not_article or listed):
        # no line names the page's day: the month a line of its head gives alone ("Oktober 2018") is its month
        month = month_of_the_page(lines, head_end, today)
        page.weak_dates = [month] if month else []
    for found in (page.dates, page.weak_dates):
        if found:
            found[0] = (as_the_page_writes(found[0][0], lines), found[0][1])


# The lines at the top of a page read for the day of a month its header gives alone: its headline, a kicker and
# a byline
_MONTH_HEADER_REACH = 6
_MONTH_HEADER_CHARS = 500  # of each line (a long caption with the byline at its end)
_BAR_BEFORE = re.compile(r"(?:^|\s)[|•–—-]\s*$")  # "Von A. B. | ", "Door onze verslaggever - "
_STAMP_AFTER = re.compile(r"(?i)[\s,]*(?:(?:om|at|um)\s+)?(?:\d{1,2}[:.]\d{2})?\s*(?:(?:uhr|uur|u|h|am|pm)\b)?\.?\s*"
                          r"(?:$|[|(])")


def _the_days_place(line: PageLine, token: str) -> bool:
    """A date where a page states its own day: ending its headline, or after a bar or dash with at most its time
    after it ("Von A. B. | 23.05.2023, 16:47 Uhr"). Not the lede's opening ("Zondag 4 april 2021 - ..."): that may
    be the day of what it reports."""
    text = line.text[:_MONTH_HEADER_CHARS]
    at = text.find(token)
    before, after = text[:at], text[at + len(token):]
    if line.kind == Kind.HEADLINE and not after.strip(" ."):
        return True
    return _BAR_BEFORE.search(before) is not None and _STAMP_AFTER.match(after) is not None


def days_under_a_month(lines: list[PageLine]) -> list[str]:
    """The whole dates (a day, a month and a year) the first lines of the page write where a page states its
    own day, for a header that gives a month alone ("date 2018-08"): a byline glued to the lede ("Von A. B. |
    23.05.2023, 16:47 Uhr"), a headline that ends with its day; never a day the prose names ("Am Samstag,
    23.7.2022 ..."). Only a day of the header's month and year completes it
    (``extract.extract_date``); a date of a later change does not."""
    days = []
    for line in lines[:_MONTH_HEADER_REACH]:
        text = line.text[:_MONTH_HEADER_CHARS]
        token = find_date_token(text) if _DIGIT.search(text) else None
        if token and full_date(token) and not after_a_change(text, token) and _the_days_place(line, token):
            days.append(token)
    return days


def _own(candidates: Iterable[Candidate]) -> Iterator[Candidate]:
    """The candidates as a path hands them over, less a date a label of a later change stands before on a line
    of dates ("Laatste wijziging: 04/11/22 20:30", "Last updated: 02/04/2019"): that is the change's day, never
    the page's. The one place a candidate is asked this, for the date lines and bylines, the lede's dateline
    and the candidates where no date line dates the page alike, before any of them is ordered or chosen; a
    publication label's own date stays, and so does a date a headline, a title or a document's formula names
    ("Parish Weekly Update – 20th September 2020")."""
    return (found for found in candidates if not (found.of_dates and after_a_change(found.text, found.token)))


_BESIDE_HEADLINE = 3  # lines between the headline and a date line that goes with it
_FAR_ABOVE = 6  # lines between a date line and the headline below it that make it the site's, not the story's


def _beside_the_headline_first(lines: list[PageLine], head_end: int, dates: list[tuple[str, str]]) -> None:
    """A date line beside the headline (or where the text begins) before one far above it, over the site's
    menu ("dinsdag 20 mei 2025" at the top of the site, "27 jun 2024" under the headline): the site's
    today, not the page's."""
    if len(dates) < 2:
        return
    at = next((index for index, line in enumerate(lines) if line.kind == Kind.HEADLINE), head_end)
    where = {line.text: index for index, line in enumerate(lines[: at + _BESIDE_HEADLINE + 1])}
    first = where.get(dates[0][1])
    if first is None or at - first < _FAR_ABOVE:
        return
    for number, (_, text) in enumerate(dates[1:], 1):
        index = where.get(text)
        if index is not None and index != at and abs(index - at) <= _BESIDE_HEADLINE:
            dates.insert(0, dates.pop(number))
            return


def _the_ledes_dateline_first(lines: list[PageLine], head_end: int, dates: list[tuple[str, str]],
                              labelled: list[tuple[str, str]]) -> None:
    """The date the lede's dateline names before a date line under the lede (at the page's end, beside a
    teaser): the story's own day is the one its first words give."""
    if not dates:
        return
    first = next((index for index, line in enumerate(lines) if line.text == dates[0][1]), -1)
    opening = lede_dateline(lines, head_end) if first > head_end else None
    for token, text, _, _ in _own([Candidate(*opening, of_dates=opening not in labelled)] if opening else []):
        if (token, text) not in dates:
            dates.insert(0, (token, text))


def _labelled_days(lines: list[PageLine]) -> int:
    """How many different days the publication labels of the whole page name: "Posted on" over each
    teaser of a news archive names one day an item."""
    days = set()
    for index, line in enumerate(lines):
        token = labelled_date(line.text) if _DIGIT.search(line.text) else None
        if token is None and index + 1 < len(lines) and len(lines[index + 1].text) <= DATE_ALONE_CHARS \
                and label_alone(line.text):  # "gepubliceerd op:" over "21/02/2014" under each teaser
            token = find_date_token(lines[index + 1].text)
        day = day_of(token) if token else None
        if day:
            days.add(day)
    return len(days)


# A teaser's date is followed by its prose within this many lines (its title, a kicker or a source between).
_TEASER_REACH = 4


def _teaser_date(text: str) -> bool:
    """A short line that is a full date with at most a place or a source beside it ("Oss, vrijdag, 5
    december 2025.", "Zaandam 27 januari 2026"), or that opens with one before a title ("07-03-2018
    Verkiezingsborden moeten weg")."""
    if len(text) > 160 or not _DIGIT.search(text):
        return False
    token = find_date_token(text)
    if token is None or not full_date(token):
        return False
    if text.lstrip().startswith(token):
        return True
    found = date_line(text)
    # or an author and the moment of posting ("Ingediend door Jan op za, 22/11/2025 - 20:07")
    # (a label of a later change before it makes it no posting's: "Zuletzt geändert von Jan am ...")
    return (found is not None and found[0] is not None) or (_AUTHOR.search(text) is not None
                                                             and timestamp(text) == token
                                                             and not after_a_change(text, token))


_AUTHOR = re.compile(r"(?i:door|by|von)\s+[A-ZÀ-Þ]")


def _dated_teasers(lines: list[PageLine]) -> int:
    """How many dated teasers the page lists: a dated line with prose after it (within a few lines),
    each after prose of its own. An index of one day's news repeats one day under each teaser, so
    its days are not counted but its items."""
    # an archive of press releases, each opening with its place and date ("Musterstadt, 9. Oktober 2010 - ..."), on
    # different days
    datelined = len({opening[0] for index, line in enumerate(lines) if _DIGIT.search(line.text[:80])
                     and (opening := lede_dateline(lines, index))})
    if sum(len(line.text) <= 160 and _DIGIT.search(line.text) is not None for line in lines) < _LISTED_DAYS:
        return datelined  # too few short lines with figures to list dated teasers: the prose need not be read
    items, prose_since = 0, True
    prose = [is_prose(line.text) for line in lines]
    for index, line in enumerate(lines):
        if prose[index]:
            prose_since = True
        elif prose_since and any(prose[index + 1: index + 1 + _TEASER_REACH]) and _teaser_date(line.text):
            items, prose_since = items + 1, False
    return max(items, datelined)

