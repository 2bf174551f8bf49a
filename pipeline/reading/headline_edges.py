"""What a page glues before and after its headline, taken off it and noted in ``Page.removed``.

Before it: a desk and a time ("Omroep Oost • vandaag, 11:21"), a date and time with their label
("Stand: 10.06.2022 21:00 Uhr"), a press portal's source ("PI Leer (ots) -"), a label run together
with it ("NIEUWSHoe ..."). After it: an author's name, a photo credit, a date with its label
or time, the desk or a time (a bare date is noted and stays: "Besluiten Provinciale Staten 6 februari
2013"). Each is an exact form; the head (``head``) decides which line is the headline.
"""

from __future__ import annotations

import re

from pipeline.reading.date_candidates import RANGE_START
from pipeline.reading.furniture import MAX_LINE, NAME_PARTICLES
from pipeline.reading.lines import Kind, Page, Removed
from pipeline.reading.text import words

_PREPOSITIONS = frozenset(words("""
in op bij naar van voor met uit over tegen tussen tot door om aan achter onder boven langs nabij rond
te the of to at on from for by with and en und in im am an bei nach von vor mit aus gegen zu zum zur
"""))


# Words after which two capitalised words are what the headline speaks of, never its author's name: a
# preposition ("in Den Haag"), an article ("bei der Schaafheimer Feuerwehr") or a match's "vs" ("Team Noord vs
# Team Zuid").
_BEFORE_AN_OBJECT = _PREPOSITIONS | frozenset(words("de het een der die das den dem des the a an ein eine vs v versus"))


_TRAILING_DESK = re.compile(r"\s+(?:(?:[Dd]e\s+)?[\w-]*[Rr]edactie|\d{1,2}[:.u]\d{2}(?:\s+\d{1,4})?)$")  # desk or time


# A date after the headline, unless the headline leads up to it ("Sitzung vom 6. November 2014").
# (a date in figures only after a label: "Verslag vergadering dorpsraad 21-01-2021" is a title's own)
_TRAILING_DATE = re.compile(r"\s+(?P<label>(?i:geplaatst|gepubliceerd|published|posted|veröffentlicht)"
                            r"(?:\s+(?:op|on|am))?:?\s+)?"
                            r"(?P<date>\d{1,2}\.?\s+[A-Za-zäÄéû]{3,9}\.?\s+\d{4}|(?<=:\s)\d{1,2}[-./]\d{1,2}[-./]\d{4})"
                            r"(?P<time>,?\s+\d{1,2}[:.]\d{2})?$")

# What a flattened page glues before a headline, each an exact form: a date and time with their label
# ("Stand: 10.06.2022 21:00 Uhr", "14:45 UHR:"), a press portal's source and place ("PI Leer (ots) - ").
_DATE_TIME_AT_START = re.compile(
    r"(?:(?i:stand|aktualisiert|updated|bijgewerkt|gepubliceerd|geplaatst|published|posted)(?:\s+(?:op|on|am))?:?\s+)?"
    r"(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4},?\s+)?\d{1,2}[:.]\d{2}\s*(?i:uhr|uur|u\b|h\b)?\s*[:|–-]?\s+"
    r"(?=[\"“„‘'(]?[A-ZÀ-Þ])")
# "Geplaatst op:30-04-2015 Bijgewerkt op:30-04-2015 19:26 Opening ...": dates with their labels, one after another
_DATES_AT_START = re.compile(
    r"(?:(?i:geplaatst|gepubliceerd|bijgewerkt|aangepast|published|posted|updated|veröffentlicht|aktualisiert)"
    r"(?:\s+(?:op|on|am))?\s*:\s*\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?:,?\s+\d{1,2}[:.]\d{2})?\s*)+(?=[\"“„‘'(]?[A-ZÀ-Þ])")
_PRESS_PORTAL_AT_START = re.compile(r"[^()\n]{1,60}\((?i:ots)\)\s*[-–]\s+(?=\S)")
# Two page elements run together with no space: "NIEUWSHoe prettig ...", "NieuwsAkkerbouwBrabantse teler ...",
# "Maßnahmen gegen LehrkräftemangelHer mit ...". The word where they meet; the split is where case turns.
_GLUED_CASE = re.compile(r"(?<!\S)(?P<word>[^\W\d_]*?(?:[A-ZÀ-Þ]{3}|[a-zß-ÿ]{4})(?=[A-ZÀ-Þ][a-zà-ÿ]{2})"
                         r"[^\W\d_]+)(?!\S)")


# An author's name glued after a headline ("... werkstraf van 120 uur Wouter Hertogs"): two
# capitalised words after a word that ends a clause (not a preposition: "in Den Haag" stays).
# ("... op de ring Jan Smet en Eva De Boeck"; "... aan de start Koen Smet Eva Peeters": two authors one after the other)
_TRAILING_NAME = re.compile(r"(?:^|\s)(?:[a-zà-ÿ][\w-]*|\S*[”’\"'])\s+(?P<name>[A-Z][a-zà-ÿ]+ [A-Z][a-zà-ÿ'-]+"
                            r"(?: (?:en|and|und|&) [A-Z][a-zà-ÿ]+(?: (?:[Dd]e|[Vv]an|[Vv]on|[Vv]an der|[Vv]an de))?"
                            r" [A-Z][a-zà-ÿ'-]+)?(?: [A-Z][a-zà-ÿ]+ [A-Z][a-zà-ÿ'-]+)?)$")


_LEADS_TO_DATE = frozenset(words("""vom van von op on of am tot bis sinds since until einschließlich t/m
maandag dinsdag woensdag donderdag vrijdag zaterdag zondag montag dienstag mittwoch donnerstag freitag samstag
sonntag monday tuesday wednesday thursday friday saturday sunday"""))


# "... Opening van de schoolBron: redactie": a source run together with the headline's last word
_GLUED_SOURCE = re.compile(r"(?<=[a-zà-ÿ])(?:Bron|Quelle|Source)\s*:\s*[^:]{1,60}$")
TRAILING_CREDIT = re.compile(r"\s+\(?(?i:archieffoto|foto|beeld|photo|bild)\s*:\s*(?:[^!?:()]|\([^()]*\)){1,60}\)?$")


# Initials in capitals after the headline ("... nieuwe voorstelling KVDB") are no longer taken off: on the second
# corpus (2,265 pages, leave-sites-out) the rule cut five headlines' own last word (a place's abbreviation, a
# source's acronym) and made no title right (``benchmarks/line_model_study.md``, "The exact rules audited").


def _said_in(names: str, body: str) -> bool:
    """Whether the text says the names after the headline: whole, or (two names one after the other, "Koen Smet
    Eva Peeters", the page's two authors) either of them."""
    found = names.split()
    if len(found) == 4:
        return " ".join(found[:2]) in body or " ".join(found[2:]) in body
    return names in body


def strip_headline_tail(title: str, page: Page, body: str = "") -> str:
    """What a page glued after its headline: the desk, a time, a photo credit (up to two), a name the body
    never uses, a date with its label or time. A bare date at its end is noted as the page's and kept: the
    headline names the meeting or the issue of that day."""
    name = _TRAILING_NAME.search(title)
    before_name = title[: name.start("name")].split() if name else []
    # "azc Ter Apel" is a place; a name the text says too is the headline's own ("... Omroep Rijnwoude")
    if (name and len(before_name) >= 4 and before_name[-1].lower() not in _BEFORE_AN_OBJECT
            and name["name"].split()[0].lower() not in NAME_PARTICLES and not _said_in(name["name"], body)):
        page.removed.append(Removed(name["name"], Kind.BYLINE, "author's name after the headline"))
        title = title[: name.start("name")].rstrip()
    tails = ((_GLUED_SOURCE, Kind.BYLINE, "source run together with the headline"),) + (
        (TRAILING_CREDIT, Kind.CAPTION, "photo credit after the headline"),) * 2 + (
        (_TRAILING_DATE, Kind.DATE_LINE, "date after the headline"),
        (_TRAILING_DESK, Kind.BYLINE, "desk or time after the headline"))
    for pattern, kind, reason in tails:
        tail = pattern.search(title)
        before = title[: tail.start()].split() if tail else []
        if tail and kind == Kind.DATE_LINE and before and before[-1].lower().rstrip(",") in _LEADS_TO_DATE:
            continue  # "Aus der Gemeinderatssitzung vom 6. November 2014": the date is the headline's own
        if tail and kind == Kind.DATE_LINE and RANGE_START.search(title[: tail.start()]):
            continue  # "Parochienieuws 28 januari - 25 februari 2017": a period, the headline's own
        # (a source run together with the headline's last word is one by its case: after two words too)
        if tail and (len(before) >= 3 or (pattern is _GLUED_SOURCE and len(before) >= 2)):
            if kind == Kind.DATE_LINE:
                page.dates.append((tail["date"], title))
                if not (tail["label"] or tail["time"]):
                    continue  # a bare date is the headline's own: "Besluiten Provinciale Staten 6 februari 2013"
            page.removed.append(Removed(title[tail.start():].strip(), kind, reason))
            title = title[: tail.start()]
    return title


def take_glued_prefix(title: str, page: Page, body: str) -> str:
    """A date and time, a press portal's source, or a label run together with the headline, taken off
    the headline's start (and noted); a word the body writes the same way is the article's own."""
    date_time = _DATES_AT_START.match(title) or _DATE_TIME_AT_START.match(title)
    if date_time and len(title[date_time.end():].split()) >= 3:
        page.removed.append(Removed(date_time.group().strip(), Kind.DATE_LINE,
                                    "date and time glued before the headline"))
        title = title[date_time.end():]
    portal = _PRESS_PORTAL_AT_START.match(title)
    if portal and len(title[portal.end():].split()) >= 3:
        page.removed.append(Removed(portal.group().strip(" -–"), Kind.BYLINE, "source and place before the headline"))
        title = title[portal.end():]
    glued = _GLUED_CASE.search(title[:MAX_LINE])
    if glued is None or len(title[: glued.start()].split()) > 4 or glued["word"] in body:
        return title
    turn = max(at for at in range(glued.start() + 1, glued.end())  # "NieuwsAkkerbouw|Brabantse"
               if title[at].isupper() and title[at + 1: at + 3].islower()
               and (title[at - 1].islower() or title[at - 3: at].isupper()))
    kicker, rest = title[:turn].strip(), title[turn:].strip()
    if len(rest.split()) < 3:
        return title
    page.removed.append(Removed(kicker, Kind.KICKER, "label run together with the headline"))
    page.kicker = page.kicker or kicker
    return rest


# A desk and a time glued before the headline: "Omroep Oost • vandaag, 11:21 ", "Redactie | 14:05 ".
_DAY_WORD = r"(?i:(?:vandaag|gisteren|today|yesterday|heute|gestern),?\s+)"
DESK_TIME_AT_START = re.compile(rf"(?:[^•|\n]{{1,30}}\s[•|]\s{_DAY_WORD}?|{_DAY_WORD})"
                                 r"\d{1,2}[:.]\d{2}(?:\s*(?:uur|uhr|u|h))?\s+(?=[\"“‘'(]?[A-ZÀ-Þ])")
