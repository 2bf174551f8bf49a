"""A scraped page read as blocks: its head (kicker, headline, byline, date lines), then its body.

Scrapers keep everything the page showed: a section label above the headline, the headline on a
line of its own, bylines, date and time lines, photo captions and credits, share and newsletter
lines, links to other stories. ``read_page`` sorts every line into one of the kinds below, by its
features (length, case, final punctuation, stop-word density, digits, month and weekday names,
credit and navigation markers) and its position (before or after the lede):

- the *head* is every line before the first line of prose. In it, the first headline-like line is
  the headline; short labels above it are kickers; names, dates and credits around it are furniture.
- the *body* keeps paragraphs and sub-headings; furniture anywhere in it is taken out. A heading
  over a list of other stories ("Recente berichten", "Related") ends the article.

Every line taken out is kept in ``Page.removed`` with its kind and the reason, so ``ingest
--explain`` can show that no sentence of the article was lost.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from enum import StrEnum

from pipeline.reading.furniture import (
    MAX_LINE,
    NAME_PARTICLES,
    byline_reason,
    caption_reason,
    date_line,
    find_date_token,
    furniture_reason,
    is_list_header,
    is_name_line,
    is_signature,
    strip_bullets,
)
from pipeline.reading.text import words


class Kind(StrEnum):
    HEADLINE = "headline"
    KICKER = "kicker"
    BYLINE = "byline"
    DATE_LINE = "date line"
    CAPTION = "caption"
    FURNITURE = "furniture"
    HEADING = "sub-heading"
    TEXT = "text"


@dataclass(frozen=True)
class Removed:
    """A line that does not reach the draft, and why."""

    line: str
    kind: Kind
    reason: str

    def explain(self) -> str:
        return f"{self.kind} ({self.reason}): {self.line}"


@dataclass
class Page:
    blocks: list[tuple[Kind, str]] = field(default_factory=list)  # TEXT paragraphs and HEADING lines
    headline: str = ""
    headline_rule: str = ""
    kicker: str = ""
    author: str = ""
    dates: list[tuple[str, str]] = field(default_factory=list)  # (date token, the line it stood on)
    removed: list[Removed] = field(default_factory=list)

    def paragraphs(self) -> list[str]:
        return [text for kind, text in self.blocks if kind == Kind.TEXT]

    def headings(self) -> list[str]:
        return [text for kind, text in self.blocks if kind == Kind.HEADING]


# --- features of a line ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from stop_words import get_stop_words  # a maintained list per language, as jusText uses

    return frozenset(word for code in ("nl", "en", "de") for word in get_stop_words(code) if not word.isdigit())


def stop_word_density(line: str) -> float:
    tokens = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", line.lower())
    if not tokens:
        return 0.0
    stops = _stop_words()
    return sum(1 for token in tokens if token in stops) / len(tokens)


_SENTENCE_END = re.compile(r"[.…][\"”’')»]*$")


def is_prose(line: str) -> bool:
    """A line of the article's text: a sentence of some length, or a long run of words."""
    count = len(line.split())
    if count >= 25:
        return True
    return count >= 6 and _SENTENCE_END.search(line) is not None and stop_word_density(line) >= 0.1


def _is_caps_label(line: str) -> bool:
    """ "WEERBERICHT.", "MAÑANA VAN DE DAG", "KOERS": a label in capitals, a few words long."""
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters) and len(line.split()) <= 5 and len(letters) >= 3


# A kicker glued before the headline on one line.
_GLUED_CAPS = re.compile(r"(?P<kicker>[A-ZÀ-Þ][A-ZÀ-Þ'’&-]{2,}(?: [A-ZÀ-Þ][A-ZÀ-Þ'’&-]+){0,3})[.:]?\s+"
                         r"(?P<rest>[\"“‘'(]?[A-ZÀ-Þ][a-zà-ÿ].*)")
_GLUED_LOWER = re.compile(r"(?P<kicker>[a-zà-ÿ][\w'’-]*(?: [a-zà-ÿ][\w'’-]*){0,3})\s+(?P<rest>[\"“‘'(]?[A-ZÀ-Þ].*)")
_GLUED_BAR = re.compile(r"(?P<kicker>[^|]{1,30}?)\s*[|]\s+(?P<rest>.+)")
_GLUED_CAMEL = re.compile(r"(?P<kicker>[A-ZÀ-Þ][a-zà-ÿ]{2,})"
                          r"(?P<rest>(?:De|Het|Een|In|Op|Bij|Na|Met|The|Der|Die|Das|Ein|Eine)\s.*)")
_GLUED_PAYWALL = re.compile(r"(?i:exclusief voor abonnees|alleen voor abonnees|for subscribers|subscribers only"
                            r"|nur für abonnenten|premium|plus)\s+(?=[\"“‘'(]?[A-ZÀ-Þ])")
_ARTICLES = frozenset({"de", "het", "een", "den", "der", "die", "das", "dem", "des", "the", "a", "an", "ein", "eine"})
_GLUED_WORD = re.compile(r"(?P<word>[A-ZÀ-Þ][a-zà-ÿ]{3,})\s+(?P<next>[‘'\"“„]?[A-ZÀ-Þ][\w’']*)")
_TRAILING_DESK = re.compile(r"\s+(?:(?:[Dd]e\s+)?[\w-]*[Rr]edactie|\d{1,2}[:.u]\d{2}(?:\s+\d{1,4})?)$")  # desk or time


def split_glued_kicker(line: str, labels: frozenset[str], before_lede: bool = False) -> tuple[str, str]:
    """("COLUMN", "Geen hatelijk gehak ...") from "COLUMN Geen hatelijk gehak ..."; ("", line) when
    nothing is glued. Kickers: capitals, lower-case labels before a capital, a label before "|",
    configured section labels and kicker words. Before a lede (prose) only capitals and labels count:
    a sentence may well start in lower case after a quote or a name."""
    if len(line) > 4 * MAX_LINE:
        line_head, line_tail = line[:MAX_LINE], line[MAX_LINE:]  # a kicker is at the start: look there only
        kicker, rest = split_glued_kicker(line_head, labels, before_lede)
        return (kicker, rest + line_tail) if kicker else ("", line)
    paywall = _GLUED_PAYWALL.match(line)
    if paywall and len(line[paywall.end():].split()) >= 2:
        return paywall.group().strip(), line[paywall.end():].strip()
    single = _GLUED_WORD.match(line)
    if single and not before_lede and single["word"].lower() not in _stop_words() and len(line.split()) >= 4:
        follower = single["next"].strip("‘'\"“„(").lower()
        # "Schoolmaatregel Zo proberen ...", "Boerenpraat ‘De maisoogst ...'"; never before an article,
        # which starts a name as often as a sentence ("Basisschool De Koningslinde")
        if (follower in _stop_words() and follower not in _ARTICLES) or single["next"][:1] in "‘'\"“„":
            return single["word"], line[single.end("word"):].strip()  # "Schoolmaatregel Zo proberen ..."
    patterns = (_GLUED_CAPS, _GLUED_CAMEL) if before_lede else (_GLUED_BAR, _GLUED_CAPS, _GLUED_LOWER, _GLUED_CAMEL)
    for pattern in patterns:
        match = pattern.fullmatch(line)
        if match and len(match["rest"].split()) >= 2:
            kicker = match["kicker"].strip()
            if pattern is _GLUED_BAR and len(kicker.split()) > 3:
                continue
            return kicker, match["rest"].strip()
    words = line.split(" ")
    taken = 0
    for index, word in enumerate(words):
        probe = word.strip(":|-–—.").lower()
        if word.endswith(":"):
            break  # "Column: Met praten ...": a label with a colon is the headline's own
        if probe in labels and (word[:1].isupper() or taken) and not (len(probe) > 1 and word.isupper()):
            taken = index + 1
        elif re.fullmatch(r"(?:19|20)\d{2}", probe) and taken == index and index > 0:
            taken = index + 1  # "Verkiezingen 2021"
        else:
            break
    rest = " ".join(words[taken:]).lstrip(" :|-–—")
    if taken and len(rest.split()) >= 2 and re.match(r"[\"“‘'(]?[A-ZÀ-Þ0-9]", rest):
        return " ".join(words[:taken]).strip(" :|-–—"), rest
    return "", line


# --- one line --------------------------------------------------------------------------------------


@dataclass
class _Line:
    text: str
    block: int  # index of the paragraph (blank-line separated block) it stood in
    kind: Kind = Kind.TEXT
    reason: str = ""


def _classify(line: _Line, boilerplate: tuple[str, ...]) -> None:
    """Furniture a line is by itself, wherever it stands; the rest stays TEXT for now."""
    text = strip_bullets(line.text) or line.text
    if text != line.text and line.text[:1] in "•·" and (is_name_line(text) or re.fullmatch(r"[A-Z][\w.&-]+", text)):
        line.kind, line.reason = Kind.BYLINE, "name or source in a bullet"
        return
    reason = furniture_reason(text, boilerplate)
    if reason:
        line.kind, line.reason = Kind.FURNITURE, reason
        return
    reason = caption_reason(text)
    if reason:
        line.kind, line.reason = Kind.CAPTION, reason
        return
    byline = byline_reason(text)
    if byline:
        line.kind, line.reason = Kind.BYLINE, byline[1]
        return
    found = date_line(text)
    if found is not None and found[1] == 0:
        line.kind, line.reason = Kind.DATE_LINE, "date line" if found[0] else "time line"


# --- the page --------------------------------------------------------------------------------------


def read_page(text: str, boilerplate: tuple[str, ...] = (), labels: frozenset[str] = frozenset(),
              want_headline: bool = True) -> Page:
    """Sort a page's lines into head, body and furniture (see the module docstring)."""
    lines = _lines(text)
    page = Page()
    for line in lines:
        _classify(line, boilerplate)
    _read_case_metadata(lines, page)
    head_end = next((i for i, line in enumerate(lines) if line.kind == Kind.TEXT and is_prose(line.text)),
                    len(lines))
    if want_headline:
        head_end = _caption_above_headline(lines, head_end)
    _cut_link_lists(lines, head_end)
    _read_head(lines[:head_end], lines[head_end] if head_end < len(lines) else None, page, labels, want_headline)
    if lines and lines[-1].kind == Kind.TEXT and is_signature(lines[-1].text) and len(lines) > 1:
        lines[-1].kind, lines[-1].reason = Kind.BYLINE, "signature under the text"
    _take_glued_day(lines, head_end, page)
    for index, line in enumerate(lines):
        if line.kind == Kind.DATE_LINE:
            token = find_date_token(line.text)
            if token and (index < head_end or index == len(lines) - 1):  # the head's, or the last line's
                page.dates.append((token, line.text))
        elif line.kind == Kind.BYLINE:
            found = byline_reason(line.text)
            page.author = page.author or (found[0] if found else "")
            token = find_date_token(line.text) if index < head_end else None
            if token:
                page.dates.append((token, line.text))  # "Door de redactie · geplaatst: 12 augustus 2017"
        if line.kind not in (Kind.TEXT, Kind.HEADING, Kind.HEADLINE):
            page.removed.append(Removed(line.text, line.kind, line.reason))
    page.blocks = _body_blocks([line for line in lines if line.kind in (Kind.TEXT, Kind.HEADING)])
    return page


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    block = 0
    for raw in text.split("\n"):
        stripped = " ".join(raw.split())
        if stripped:
            out.append(_Line(stripped, block))
        else:
            block += 1
    return out


# The metadata block of a published court ruling: each key on a line of its own (or glued to its
# value), the value on the lines after it.
_CASE_KEYS = re.compile(
    r"(?i)(?P<key>instantie(?: naam)?|datum uitspraak|uitspraakdatum|datum (?:publicatie|gepubliceerd)|zaaknummers?"
    r"|zaaknr\.?/rolnr\.?|rechtsgebied(?:en)?|bijzondere kenmerken|soort procedure|vindplaatsen|parketnummer"
    r"|status|ecli)\s*:?\s*(?P<value>.*)")
_CASE_DATE_KEYS = ("datum uitspraak", "uitspraakdatum")


def _read_case_metadata(lines: list[_Line], page: Page) -> None:
    """Keys and values of a ruling's metadata block are furniture; the ruling's date is its date."""
    keys = [(i, _CASE_KEYS.fullmatch(line.text)) for i, line in enumerate(lines[:60])]
    found = [(i, match) for i, match in keys if match is not None]
    if len(found) < 2:
        return
    starts = {i for i, _match in found}
    for index, match in found:
        key = match["key"].lower()
        values = [match["value"]] if match["value"] else []
        lines[index].kind, lines[index].reason = Kind.FURNITURE, f"case metadata ({key})"
        following = index + 1
        while not values and following < len(lines) and following not in starts \
                and lines[following].block == lines[index].block and following - index <= 6:
            lines[following].kind, lines[following].reason = Kind.FURNITURE, f"case metadata ({key})"
            if key != "vindplaatsen":
                values.append(lines[following].text)
            following += 1
        if key == "vindplaatsen":  # a list of journals, up to the end of its block
            while following < len(lines) and lines[following].block == lines[index].block:
                lines[following].kind, lines[following].reason = Kind.FURNITURE, "case metadata (vindplaatsen)"
                following += 1
        if key in _CASE_DATE_KEYS and values and find_date_token(values[0]):
            page.dates.insert(0, (find_date_token(values[0]) or "", lines[index].text))


def _caption_above_headline(lines: list[_Line], head_end: int) -> int:
    """A page whose first text is a short sentence, then a headline-like line, then prose: the
    sentence is the caption of the photo above the headline ("Ein Einsatzfahrzeug steht am
    Unfallort."). Returns where the head now ends."""
    texts = [i for i, line in enumerate(lines) if line.kind == Kind.TEXT]
    if len(texts) < 3 or texts[0] != head_end:
        return head_end
    first, headline, lede = (lines[i] for i in texts[:3])
    words = len(headline.text.split())
    if (len(first.text.split()) <= 14 and not is_prose(headline.text) and 3 <= words <= 16
            and not headline.text.endswith(":") and is_prose(lede.text)):
        first.kind, first.reason = Kind.CAPTION, "a short sentence above the headline (a photo caption)"
        return texts[2]
    return head_end


def _cut_link_lists(lines: list[_Line], head_end: int) -> None:
    """A heading over other stories' links, after the article's first paragraph, ends the article."""
    for index, line in enumerate(lines):
        if index > head_end and line.kind in (Kind.TEXT, Kind.FURNITURE) and is_list_header(line.text):
            for rest in lines[index:]:
                if rest.kind in (Kind.TEXT, Kind.HEADING):
                    rest.kind, rest.reason = Kind.FURNITURE, f"link list under {line.text!r}"
            line.kind, line.reason = Kind.FURNITURE, "heading of a link list"
            return


def _read_head(head: list[_Line], lede: _Line | None, page: Page, labels: frozenset[str],
               want_headline: bool) -> None:
    """The lines before the lede: headline, kickers above it, names and dates around it."""
    for line in head:
        found = date_line(line.text)
        if line.kind == Kind.TEXT and found is not None:
            line.kind, line.reason = Kind.DATE_LINE, "date line in the page head"
        elif line.kind == Kind.CAPTION and want_headline and _TRAILING_CREDIT.search(line.text):
            before = line.text[: _TRAILING_CREDIT.search(line.text).start()]  # type: ignore[union-attr]
            if not page.headline and len(before.split()) >= 3 and not re.search(r"[.!?,)]$", before):
                line.kind, line.reason = Kind.TEXT, ""  # "Politie plukt inbrekers Archieffoto: politie"
    candidates = [line for line in head if line.kind == Kind.TEXT]
    if not want_headline:
        return
    if not candidates:
        if lede is not None:
            _headline_glued_to_lede(lede, page, labels)
        return
    headline_at = _choose_headline(candidates, labels)
    if headline_at is None or (lede is None and headline_at == len(candidates) - 1):
        return  # no headline, or one over nothing: a page of one short line is its own text
    for line in candidates[:headline_at]:
        if line.kind == Kind.TEXT:
            line.kind, line.reason = Kind.KICKER, "label above the headline"
            page.kicker = page.kicker or line.text
    chosen = candidates[headline_at]
    title = chosen.text
    for _ in range(2):  # "später lesen Analyse Wo Technik ...": a label may sit before a label
        kicker, title = split_glued_kicker(title, labels)
        if not kicker:
            break
        page.removed.append(Removed(kicker, Kind.KICKER, "label glued before the headline"))
        page.kicker = page.kicker or kicker
    title = _strip_headline_tail(title, page)
    chosen.kind, chosen.reason = Kind.HEADLINE, "the page's headline"
    page.headline, page.headline_rule = title.strip(), "line of its own before the lede"
    for line in candidates[headline_at + 1:]:
        if is_name_line(line.text):
            line.kind, line.reason = Kind.BYLINE, "name under the headline"
        elif _is_section_label(line.text, labels) or (len(line.text.split()) <= 2 and line.text[-1:].isalnum()):
            line.kind, line.reason = Kind.KICKER, "label under the headline"


_PREPOSITIONS = frozenset(words("""
in op bij naar van voor met uit over tegen tussen tot door om aan achter onder boven langs nabij rond
te the of to at on from for by with and en und in im am an bei nach von vor mit aus gegen zu zum zur
"""))
_PAYWALL_LABELS = frozenset({"premium", "plus", "abonnee", "exclusief", "for", "opinie", "column", "ticker"})


def _is_label(line: str, labels: frozenset[str]) -> bool:
    """A line that labels what follows: capitals, one or two words, lower case first (a section
    name in the site's style), a line ending in ":", a paywall or section word and a few words."""
    words = line.split()
    first = words[0].strip(":|").lower() if words else ""
    return (_is_caps_label(line) or len(words) <= 2 or (line[:1].islower() and len(words) <= 6) or line.endswith(":")
            or (len(words) <= 6 and (first in _PAYWALL_LABELS or first in labels)))


def _headline_glued_to_lede(lede: _Line, page: Page, labels: frozenset[str]) -> None:
    """ "Wonen Achtergrond Miljoen woningen erbij: Gaat dat wel goed? In elf jaar ...": a label glued
    before a headline that does not end like a sentence, glued before the lede on one line."""
    kicker, rest = split_glued_kicker(lede.text, labels, before_lede=True)
    if not kicker:
        return
    end = re.search(r"[?!]\s+(?=[\"“‘'(]?[A-ZÀ-Þ])", rest)
    if end is None or len(rest[: end.start()].split()) > 16 or len(rest[end.end():].split()) < 6:
        # no headline: the label alone comes off the lede ("Wonen Achtergrond Huurders in ...")
        page.removed.append(Removed(kicker, Kind.KICKER, "label glued before the lede"))
        page.kicker = page.kicker or kicker
        lede.text = rest
        return
    page.removed.append(Removed(kicker, Kind.KICKER, "label glued before the headline"))
    page.kicker = page.kicker or kicker
    page.headline, page.headline_rule = rest[: end.start() + 1].strip(), "headline glued before the lede"
    lede.text = rest[end.end():]


def _is_section_label(line: str, labels: frozenset[str]) -> bool:
    """ "Verkiezingen 2021", "WEERBERICHT.", "Binnenland": a label even with no headline after it."""
    words = [word.strip(":.|").lower() for word in line.split()]
    return _is_caps_label(line) or all(word in labels or re.fullmatch(r"(?:19|20)\d{2}", word) for word in words)


# A date after the headline, unless the headline leads up to it ("Sitzung vom 6. November 2014").
_TRAILING_DATE = re.compile(r"\s+(?P<date>\d{1,2}\.?\s+[A-Za-zäÄéû]{3,9}\.?\s+\d{4})$")
# An author's name glued after a headline ("... werkstraf van 120 uur Wouter Hertogs"): two
# capitalised words after a word that ends a clause (not a preposition: "in Den Haag" stays).
_TRAILING_NAME = re.compile(r"(?:^|\s)(?:[a-zà-ÿ][\w-]*|\S*[”’\"'])\s+(?P<name>[A-Z][a-zà-ÿ]+ [A-Z][a-zà-ÿ'-]+)$")
_LEADS_TO_DATE = frozenset({"vom", "van", "von", "op", "on", "of", "am", "tot", "bis", "sinds", "since", "until"})
_TRAILING_CREDIT = re.compile(r"\s+\(?(?i:archieffoto|foto|beeld|photo|bild)\s*:\s*(?:[^!?:()]|\([^()]*\)){1,60}\)?$")


def _strip_headline_tail(title: str, page: Page) -> str:
    """What a page glued after its headline: the desk, a time, initials, a date, a photo credit."""
    name = _TRAILING_NAME.search(title)
    before_name = title[: name.start("name")].split() if name else []
    if (name and len(before_name) >= 4 and before_name[-1].lower() not in _PREPOSITIONS
            and name["name"].split()[0].lower() not in NAME_PARTICLES):  # "azc Ter Apel" is a place
        page.removed.append(Removed(name["name"], Kind.BYLINE, "author's name after the headline"))
        title = title[: name.start("name")].rstrip()
    for pattern, kind, reason in ((_TRAILING_CREDIT, Kind.CAPTION, "photo credit after the headline"),
                                  (_TRAILING_CREDIT, Kind.CAPTION, "photo credit after the headline"),
                                  (_TRAILING_DATE, Kind.DATE_LINE, "date after the headline"),
                                  (_TRAILING_DESK, Kind.BYLINE, "desk, time or initials after the headline")):
        tail = pattern.search(title)
        before = title[: tail.start()].split() if tail else []
        if tail and kind == Kind.DATE_LINE and before and before[-1].lower() in _LEADS_TO_DATE:
            continue  # "Aus der Gemeinderatssitzung vom 6. November 2014": the date is the headline's own
        if tail and len(title[: tail.start()].split()) >= 3:
            page.removed.append(Removed(title[tail.start():].strip(), kind, reason))
            if kind == Kind.DATE_LINE:
                page.dates.append((tail["date"], title))
            title = title[: tail.start()]
    return title


# A kicker is a label or two above the headline, never a paragraph of them: the headline is looked
# for among the first few lines of the head only.
_HEADLINE_WITHIN = 3


def _choose_headline(candidates: list[_Line], labels: frozenset[str]) -> int | None:
    """The first line that reads as a headline; labels above it are kickers. None when the head
    has no such line (the title then comes from the lede)."""
    for index, line in enumerate(candidates[:_HEADLINE_WITHIN]):
        last = index + 1 == len(candidates)
        if is_name_line(line.text):
            line.kind, line.reason = Kind.BYLINE, "name in the page head"
            continue
        if _is_label(line.text, labels) and (not last or _is_section_label(line.text, labels)):
            if last:
                line.kind, line.reason = Kind.KICKER, "label above the lede"
                return None
            continue
        if len(line.text.split()) >= 2 and not line.text.endswith(":"):
            return index
        if last and len(line.text.split()) <= 3:
            line.kind, line.reason = Kind.KICKER, "label above the lede"
        return None
    return None


_TIME_AT_START = re.compile(r"\d{1,2}[u:.]\d{2}(?:\s+\d{1,4})?\s+"
                            r"(?:[A-ZÀ-Þ][\w-]+\s+(?=(?:De|Het|Een|In|Op|Bij|Na|Met|The|A|Der|Die|Das)\s))?"
                            r"(?=[\"“‘(]?[A-ZÀ-Þ])")
_DAY_AT_START = re.compile(r"(?P<token>\d{1,2}\.?\s+[A-Za-zäÄéû]{3,9}\.?(?:\s+\d{4})?)(?:\s*[-–—:|]\s*|\s+)"
                           r"(?=[\"“‘(]?[A-ZÀ-Þ])")


def _take_glued_day(lines: list[_Line], head_end: int, page: Page) -> None:
    """ "28 november Welkom ...": a bare day and month glued before the lede, noted and taken off."""
    if head_end >= len(lines):
        return
    lede = lines[head_end]
    time = _TIME_AT_START.match(lede.text)
    if time:
        page.removed.append(Removed(time.group().strip(), Kind.DATE_LINE, "time (and place) glued before the lede"))
        lede.text = lede.text[time.end():]
    match = _DAY_AT_START.match(lede.text)
    if match and find_date_token(match["token"]) and not re.search(r"\d{4}", match["token"][:4]):
        from pipeline.model.dates import parse_day_month

        if parse_day_month(" ".join(match["token"].replace(".", " ").split()[:2])) is None:
            return
        page.dates.append((match["token"], lede.text[:40]))
        page.removed.append(Removed(match["token"], Kind.DATE_LINE, "day and month glued before the lede"))
        lede.text = lede.text[match.end():]


# --- the body ---------------------------------------------------------------------------------------

_QUESTION = re.compile(r"[\"“‘'(]?[A-ZÀ-Þ0-9].{2,110}\?[\"”’)]*")
_NUMBERED = re.compile(r"\d{1,2}[.)]?\s+[A-ZÀ-Þ\"“‘'].{2,140}")
_STATISTIC = re.compile(r".*:\s*[\d.,%]+")
_INTRODUCES_QUOTE = re.compile(r"(?i)\b(?:said|says|told|added|zei|zegt|zeggen|aldus|vertelt|vertelde|sagte|sagt"
                               r"|erklärte)\b")


def _body_blocks(lines: list[_Line]) -> list[tuple[Kind, str]]:
    """Paragraphs and sub-headings, in order. A block of hard-wrapped lines is one paragraph; in a
    block of long unwrapped lines (a scraper's one paragraph per line) each line is one."""
    groups: list[list[_Line]] = []
    for line in lines:
        if groups and groups[-1][-1].block == line.block:
            groups[-1].append(line)
        else:
            groups.append([line])
    blocks: list[tuple[Kind, str]] = []
    for index, group in enumerate(groups):
        texts = [line.text for line in group]
        if len(texts) == 1:
            heading = 0 < index < len(groups) - 1 and is_subheading(texts[0])
            blocks.append((Kind.HEADING if heading else Kind.TEXT, texts[0]))
            continue
        unwrapped = sum(len(text) > 100 for text in texts) >= 2
        blocks.extend(_split_group(texts, unwrapped, first=index == 0))
    return blocks


def _split_group(texts: list[str], unwrapped: bool, first: bool) -> list[tuple[Kind, str]]:
    """A block of lines: sub-headings that stand between lines of prose split it; unwrapped lines
    are paragraphs of their own, wrapped ones are joined later."""
    out: list[tuple[Kind, str]] = []
    current: list[str] = []
    for position, text in enumerate(texts):
        before = texts[position - 1] if position else ""
        after = texts[position + 1] if position + 1 < len(texts) else ""
        opens = position > 0 or not first
        between = not before or _ends_sentence(before) or unwrapped
        # the text below may be cut short (a scraper's excerpt): a few words of it are enough
        if opens and after and is_subheading(text) and between and (is_prose(after) or len(after.split()) >= 5):
            if current:
                out.append((Kind.TEXT, "\n".join(current)))
                current = []
            out.append((Kind.HEADING, text))
            continue
        current.append(text)
        if unwrapped:
            out.append((Kind.TEXT, "\n".join(current)))
            current = []
    if current:
        out.append((Kind.TEXT, "\n".join(current)))
    return out


def _ends_sentence(text: str) -> bool:
    return re.search(r"[.!?…:][\"”’')»]*$", text) is not None


def is_subheading(line: str) -> bool:
    """A bare sub-heading between paragraphs: a short capitalised line that does not end like a
    sentence, a question ("Wat doet het kabinet?"), a line that opens a list ("Feiten op een rij:")
    or a numbered section title. Never a statistic ("Doden: 1") or a run-on fragment."""
    from pipeline.reading.text import DANGLING_WORDS, looks_like_heading

    words = line.split()
    if not words or len(words) > 16 or len(line) > 200 or _STATISTIC.fullmatch(line) \
            or line.endswith(("—", "–", "-", ",")):
        return False
    if "@" in line or "://" in line or "www." in line:
        return False  # an address to write to or visit heads nothing
    if words[-1].lower() in DANGLING_WORDS or (line.endswith(":") and is_name_line(line[:-1])):
        return False  # "Het eerste moment deed zich voor tijdens"; "Marieke van der Plas:" (a speaker)
    if re.fullmatch(r"[^()]+\([^()]{1,30}\)", line) and looks_like_heading(line[: line.rfind("(")].strip()):
        return True  # "Gedeeltelijke lockdown (14 oktober)"
    if looks_like_heading(line):
        # A run of function words without final punctuation is a sentence cut short (or a pull
        # quote), not a heading.
        sentence_like = ((", " in line and len(words) > 7) or len(words) > 12) and stop_word_density(line) >= 0.4
        return line.endswith("?") or not sentence_like
    if _QUESTION.fullmatch(line) and len(words) <= 14:
        return True
    if line.endswith(":") and 2 <= len(words) <= 10 and line[:1].isupper():
        return not _INTRODUCES_QUOTE.search(line)
    return _NUMBERED.fullmatch(line) is not None and not _SENTENCE_END.search(line)
