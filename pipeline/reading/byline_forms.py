"""Bylines, stamps and page metadata in forms of their own, read after the line model.

The line model weighs what ``furniture`` says of a line; on sites it never saw it still keeps, as text, lines
whose form is furniture on every site (measured leave-sites-out, ``benchmarks/quality.md``, "The fourteenth
round: the article's head"). Each form here is exact, matched on the whole line:

- *a byline with its date*: a full date (its time and weekday beside it or not) and a name after a byline's word
  ("Door Jan de Vries op 8 december 2016", "Von Anna Smit 01.04.2023, 08:00", "16 oktober 2025, door Isa de
  Laat"), or a date with its time of day and a name of two words or more ("18/11/2025 12:19 Jan de Wit 0
  reacties", "Wednesday, 4 June 2025, 7:17 pm | Anna Smit - Local Democracy Reporter");
- *a byline in brackets, beside a site's address or before a copy button*: "(door Jan de Vries)", "(tekst: Anna
  Smit)", "| site.nl | Door: Jan de Vries", "Door Jan de Vries Kopieer naar clipboard"; a staff byline that names no
  one ("Van een onzer verslaggevers", "By our correspondent");
- *a dated row of labels*: a date and one to three short capitalised labels or a byline between bars or bullets
  ("26 januari 2018 | Natuurmonumenten", "Nov 21, 2018 | NEWS");
- *a post's metadata*: its categories and tags after their key ("Thema's: Nieuwsblog", "Labels: ,", "Schlagworte:"),
  a blog engine's footer ("Dit bericht is geplaatst in Cultuur. Bookmark de permalink.", "Der Beitrag ... erschien
  zuerst auf ...", "The post ... appeared first on ..."), how often it was read ("Dit artikel is 0 keer gedownload.",
  "aantal keren gezien: 1") and its reading time ("Leestijd 3 minuten", "5 min read").

None of these is a line feature: the model is trained as before. ``head_form`` says which form a line has.
"""

from __future__ import annotations

import re

from pipeline.reading.date_candidates import full_date
from pipeline.reading.date_lines import date_line, find_date_token
from pipeline.reading.furniture import button_line, byline_reason, strip_bullets
from pipeline.reading.lines import Kind, PageLine

MAX_CHARS = 160  # a byline or a row of labels is short; a longer line is read no further
_MAX_WORDS = 16

_TIME = re.compile(r"(?i)\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:uur|uhr|u|h|am|pm)?\b|\b\d{1,2}\s*(?:am|pm)\b")
_COUNT = re.compile(r"(?i)\d+ (?:reacties?|comments?|kommentare?|reactions?)")
_WEEKDAY = re.compile(r"(?i)\b(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|wednesday"
                      r"|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
                      r"|ma|di|wo|do|vr|za|zo|mon|tue|wed|thu|fri|sat|sun|mo|mi|fr|sa|so)\b\.?")
_STAMP_WORDS = re.compile(r"(?i)\b(?:first published|laatst bijgewerkt|published|posted|updated|gepubliceerd|geplaatst"
                          r"|bijgewerkt|aangepast|aktualisiert|veröffentlicht)\b\s*:?")
_JOINS = re.compile(r"(?i)(?:^|\s)(?:op|on|am|um|at|om|le|uhr|uur|update)(?=[\s)]|$)\s*:?")
# A byline's word before the names: "door", "by", "von", "tekst:", "geschreven door", "ingediend door", ...
_BY = re.compile(r"(?i)(?:^|(?<=[|(•·,]))\s*(?:(?:(?:bericht|artikel|post|beitrag) )?(?:geschreven|geschrieben|written"
                 r"|ingediend|gecontroleerd|posted|submitted|geplaatst|gepost|verfasst|uitgegeven|verstuurd|gepubliceerd"
                 r"|published) (?:door|by|von)|door|by|von|tekst|text)\s*:?\s+(?=\S)")
_ROLE_AFTER = re.compile(r"(?i)\s*[-–—,]\s*(?:local democracy reporter|reporter|redacteur|redactrice|redactie"
                         r"|correspondent|journalist|verslaggever)$")
_STAFF_NAME = re.compile(r"(?i)[\w-]*redacti?e|admin|redaktion")
# The particles of a name ("van", "de", "von", "le", ...): the words of a name not capitalised.
_PARTICLES = r"van|de|der|den|ter|ten|von|zu|da|di|du|le|la"
# A name (a person's, a firm's, a desk's) after a byline's word: one to five words, capitalised but for the particles
# of a name (and the joins of a firm's), no figures.
_NAME = re.compile(r"[A-ZÀ-Þ][\w'’.&-]*(?: (?:(?:" + _PARTICLES + r"|und|en|and|y|v\.d\.)\b"
                   r"|[A-ZÀ-Þ][\w'’.&-]*)){0,4}")
# A person's name without a byline's word: two to four words, capitalised but for the particles of a name.
_PERSON = re.compile(r"[A-ZÀ-Þ][\w'’.-]*(?: (?:(?:" + _PARTICLES + r")\b|[A-ZÀ-Þ][\w'’.-]*)){1,3}")
_PARTS = re.compile(r"\s*[|•·,]\s*|\s+[-–—]\s+|\s*\(|\)\s*")


_STAFF_BYLINE = re.compile(
    r"(?i)(?:van |door |by |from |von )?(?:een |één |one )?(?:onzer|onze|van onze|of our|our|unsere[mnr]?"
    r"|einem unserer)\s+(?:eigen\s+)?(?:verslaggevers?|verslaggeefsters?|correspondent(?:en|s)?|redacteuren|redacteur"
    r"|reporters?|staff|korrespondent(?:en|in)?|redakteur(?:e|in)?)")


def _names(rest: str) -> list[str] | None:
    """The parts of what is left of a row once its date, times and words of a stamp are out: each a name (or a
    staff's), else None."""
    parts = [_ROLE_AFTER.sub("", part.strip(" -–—:,")) for part in _PARTS.split(rest)]
    parts = [part for part in parts if part]
    if not parts or len(parts) > 3:
        return None
    if all(_NAME.fullmatch(part) or _STAFF_NAME.fullmatch(part) or _STAFF_BYLINE.fullmatch(part) for part in parts):
        return parts
    return None


def dated_byline(text: str) -> bool:
    """A full date and a name after a byline's word, or a date with its time and names of two words or more."""
    line = " ".join(strip_bullets(text).split())
    if len(line) > MAX_CHARS or len(line.split()) > _MAX_WORDS:
        return False
    if ": " in re.sub(r"(?i)\b(?:door|tekst|text|published|updated|by)\s*:\s", " ", line):
        return False  # "9 oktober 2022: Waterloo": a point of an agenda, an item of a list
    token = find_date_token(line)
    if token is None or not full_date(token):
        return False
    rest = line.replace(token, " | ", 1)
    second = find_date_token(rest)  # "Door ... - 30-8-2016, 7:00 (Update 30-8-2016, 7:00)": the change's date too
    rest = rest.replace(second, " | ", 1) if second is not None and full_date(second) else rest
    # a time of day beside the date ("2/24/2022 2:46:46 PM"), not the date's own figures ("25.02.23")
    timed = bool(_TIME.search(rest) or re.search(r"\s\d{1,2}[:.]\d{2}", token))
    rest = _COUNT.sub(" | ", _WEEKDAY.sub(" ", _TIME.sub(" | ", rest)))
    rest = _JOINS.sub(" | ", _STAMP_WORDS.sub(" | ", rest))
    marked = _BY.search(rest) is not None
    names = _names(_BY.sub(" | ", rest))
    return names is not None and (marked or (timed and all(_PERSON.fullmatch(name) for name in names)))


_COPY_BUTTON = re.compile(r"(?i)\s*(?:kopieer naar clipboard|kopieer link|copy link|link kopi[eë]ren)$")
_SITE_ADDRESS = re.compile(r"(?i)(?:www\.)?[\w-]{1,60}\.(?:nl|be|com|de|org|net|eu|at|ch|co\.uk|uk|frl)")
_WORD_FIRST = re.compile(r"(?i)(?:(?:geschreven|geschrieben|written|ingediend|posted|verfasst) (?:door|by|von)|door"
                         r"|by|von|tekst|text)\b")


# A comment's byline on a blog: "Anonymous said...", "Jan de Vries zei..."
_COMMENTER = re.compile(r"[A-ZÀ-Þ][\w.'’-]*(?: (?:van|de|der|den|von|[A-ZÀ-Þ][\w.'’-]*)){0,3}"
                        r" (?:said|says|wrote|zei|zegt|schreef|sagte|schrieb)"
                        r"\s*(?:\.\.\.|…)")


def marked_byline(text: str) -> bool:
    """A byline with its word, in brackets, beside a site's address between bars or before a copy button; or a
    staff's byline that names no one; a blog comment's byline ("Anonymous said...")."""
    line = _COPY_BUTTON.sub("", " ".join(text.split()))
    if len(line) > MAX_CHARS:
        return False
    if _STAFF_BYLINE.fullmatch(line.strip(" ()-–—.,")) or _COMMENTER.fullmatch(line):
        return True
    parts = [part.strip() for part in line.split("|") if part.strip(" ()")]
    if not parts or len(parts) > 3:
        return False
    found = False
    for part in parts:
        inner = part[1:-1].strip() if part.startswith("(") and part.endswith(")") else part
        if _SITE_ADDRESS.fullmatch(inner):
            continue
        if _WORD_FIRST.match(inner) and byline_reason(inner):
            found = True
            continue
        return False
    return found


def dated_row(text: str) -> bool:
    """A date and short labels (one to three capitalised words each) or bylines between bars or bullets."""
    line = " ".join(strip_bullets(text).split())
    if len(line) > MAX_CHARS or not re.search(r"[|•·]", line):
        return False
    parts = [part for part in (part.strip() for part in re.split(r"\s*[|•·]\s*", line)) if part]
    if not 2 <= len(parts) <= 4:
        return False
    dated = False
    for part in parts:
        found = date_line(part)
        if found is not None and found[0] and full_date(found[0]) and found[1] <= 3:
            dated = True
        elif not (_TIME.fullmatch(part) or _COUNT.fullmatch(part) or byline_reason(part)
                  or (dated and len(part.split()) <= 3 and part[:1].isupper()
                      and not part.endswith((".", "?", "!", ":")))):
            return False  # a label before the date heads a part ("Opening | 9 December 2022"), a row's follows it
    return dated


# What a stamp of the page's publication or change says beside its date: "Laatste bijwerkdatum 23 mei 2023",
# "Vastgesteld 14 mei 2019", "Updated March 26 2023 - 1:33pm, first published 1:00pm", "Nieuwsbericht 27/11/2019".
_STAMP_KEY = re.compile(r"(?i)(?:laatste |last |zuletzt |datum |date |first )?(?:bijwerkdatum|bijgewerkt|gewijzigd"
                        r"|wijziging|aangepast|updated?|modified|revised|aktualisiert|geändert|published|gepubliceerd"
                        r"|veröffentlicht|vastgesteld|verschenen|erschienen|nieuwsbericht|persbericht|pressemitteilung"
                        r"|news|nieuws)(?: (?:op|on|am|at|om))?\s*:?|(?:uur|uhr|u|h|am|pm|op|on|at|om)")


_JOIN_ALONE = re.compile(r"(?i)uur|uhr|u|h|am|pm|op|on|at|om")


def update_stamp(text: str) -> bool:
    """A full date (its time beside it or not) and the words of a stamp of publication or change, nothing else."""
    line = " ".join(strip_bullets(text).split())
    if len(line) > MAX_CHARS:
        return False
    token = find_date_token(line)
    if token is None or not full_date(token):
        return False
    rest = _WEEKDAY.sub(" ", _TIME.sub(" ", line.replace(token, " ", 1)))
    parts = [part.strip(" -–—:|,") for part in re.split(r"\s*[|,•·]\s*|\s+[-–—]\s+", rest)]
    parts = [part for part in parts if part]
    # a stamp's word, not a preposition alone ("am 28. September 2011": a date line, the rules' before the model)
    return any(not _JOIN_ALONE.fullmatch(part) for part in parts) and all(_STAMP_KEY.fullmatch(part) for part in parts)


_POST_METADATA = re.compile(
    r"(?i)(?:thema'?s|labels?|tags?|trefwoorden|trefwoord|schlagw[oö]rte?r?|stichw[oö]rte?r?|keywords?|onderwerpen"
    r"|rubrieken|kategorien|categorie[eë]n|categories|themen|topics|filed under|posted in|geplaatst in|abgelegt unter"
    r"|gepubliceerd in)\s*:\s*.{0,200}"
    r"|(?:der beitrag|the post) .{1,200} (?:erschien zuerst auf|appeared first on) .{1,100}"
    r"|(?:dit bericht|dit artikel|deze post|this entry|this post|dieser beitrag|dieser eintrag) (?:is|was|wurde)"
    r" (?:geplaatst|gepubliceerd|posted|veröffentlicht|published) (?:in|onder|under|unter) .{1,120}"
    r"|.{0,60}\b(?:bookmark (?:de|the) permalink|lesezeichen (?:für den|auf den) permalink)\b.{0,20}"
    r"|(?:dit artikel|deze pagina|this article|this page|dieser artikel|diese seite) (?:is|was|wurde) (?:\d[\d.,]* )?"
    r"(?:keer|times|mal) (?:geraadpleegd|gelezen|bekeken|gedownload|viewed|read|downloaded|gelesen|aufgerufen)\.?"
    r"|(?:aantal keren (?:gezien|bekeken|gelezen)|views?|bekeken|gelezen|aufrufe|zugriffe)\s*:\s*\d[\d.,]*"
    r"|(?:leestijd|lesezeit|lesedauer|reading time)\s*:?\s*(?:ca\.\s*|about\s*|ongeveer\s*)?\d+\s*"
    r"(?:min(?:uten|uut|utes?|\.)?)"
    r"|(?:ca\.\s*|about\s*|ongeveer\s*)?\d+\s*(?:min(?:uten|uut|utes?|\.)?)\s*"
    r"(?:leestijd|lesezeit|lesedauer|read|reading time|lezen|lesen)")


# A post's date and its topics: "Op 27 november 2018, over deze onderwerpen: Gemeenteraad, Mobiliteit"
_DATED_TOPICS = re.compile(r"(?i)(?:op\s+)?(?P<date>[^:]{6,40}?),?\s+over (?:deze|dit) onderwerp(?:en)?\s*:.{0,200}")


def post_metadata(text: str) -> bool:
    """A post's categories or tags after their key (its date before them or not), a blog engine's footer, a count of
    readers, a reading time."""
    line = " ".join(strip_bullets(text).split())
    if len(line) > 2 * MAX_CHARS:
        return False
    if (topics := _DATED_TOPICS.fullmatch(line)) is not None:
        return full_date(topics["date"])
    return _POST_METADATA.fullmatch(line) is not None


def head_form(text: str) -> str | None:
    """The form of furniture a line has (the reason a page gives for taking it out), or None."""
    if button_line(text):
        return "a button of the page (share, print, comment, where you are)"
    if len(text) > 2 * MAX_CHARS:
        return None
    if post_metadata(text):
        return "a post's metadata"
    if marked_byline(text):
        return "a byline with its word"
    if dated_byline(text):
        return "a byline with its date"
    if dated_row(text):
        return "a date and labels in a row"
    if update_stamp(text):
        return "a stamp of publication or change"
    return None


# The names of a site's catch-all sections, which no article's head says on a line of its own but as the section it
# stands in ("Algemeen", "Actua", "Gemeente", "Allgemein"): the specific ones ("Politiek", "Sport") head index
# pages and parts of an article as often.
_CATCH_ALL_SECTION = re.compile(r"(?i)algemeen|allgemein|general|uncategori[sz]ed|ongecategoriseerd|actua|actueel"
                                r"|aktuelles|varia|overig|nieuws|news|gemeente|gemeentenieuws")


def section_names_in_head(lines: list[PageLine], head_end: int) -> None:
    """A catch-all section's name alone on a line of the page's head (before the first line of prose) is a kicker."""
    for line in lines[:head_end]:
        if line.kind in (Kind.TEXT, Kind.HEADING) and len(line.text) <= 40 \
                and _CATCH_ALL_SECTION.fullmatch(strip_bullets(line.text).strip(" :")):
            line.kind, line.reason = Kind.KICKER, "a catch-all section's name in the page head"
