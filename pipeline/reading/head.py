"""The head of a page: the lines before its lede.

The first headline-like line is the headline; labels above it or glued before it are kickers; what
a page glues before or after a headline (a date and time, the desk, a credit, the author) comes off
(``headline_edges``); names, bylines and date lines around it are furniture; a court ruling's
metadata block gives its date; a day glued before the lede is noted and taken off. Everything taken
off is listed in ``Page.removed``.
"""

from __future__ import annotations

import re

from pipeline.model.dates import parse_day_month
from pipeline.reading.address_title import named_by_address, same_words
from pipeline.reading.date_lines import date_line, find_date_token
from pipeline.reading.documents import names_a_document, titles_a_document
from pipeline.reading.furniture import MAX_LINE, is_name_line
from pipeline.reading.headline_choice import (
    ABOVE_FURNITURE,
    ABOVE_MAX,
    LABEL_HEADING_VETO,
    NAME_IN_HEAD,
    RANKED_CAPTION,
    RANKED_OVER_DATE,
    choose_headline,
    furniture_votes,
    heads_the_lede,
    is_label,
    is_list_title,
    is_section_label,
    model_ranked,
    surest_headline,
)
from pipeline.reading.headline_edges import DESK_TIME_AT_START, TRAILING_CREDIT, strip_headline_tail, take_glued_prefix
from pipeline.reading.headline_shapes import (
    caption_credit,
    headline_in_title_case,
    never_the_headline,
    without_site_name,
)
from pipeline.reading.lines import Kind, Page, PageLine, Removed, is_prose, stop_words
from pipeline.reading.roles import rule_stands
from pipeline.reading.text import comparable

# A kicker glued before the headline on one line.
_GLUED_CAPS = re.compile(r"(?P<kicker>[A-ZÀ-Þ][A-ZÀ-Þ'’&-]{2,}(?: [A-ZÀ-Þ][A-ZÀ-Þ'’&-]+){0,3})\s+"
                         r"(?P<rest>[\"“‘'(]?[A-ZÀ-Þ][a-zà-ÿ].*)")


_GLUED_LOWER = re.compile(r"(?P<kicker>[a-zà-ÿ][\w'’/-]*(?: [a-zà-ÿ][\w'’/-]*){0,3})\s+(?P<rest>[\"“‘'(]?[A-ZÀ-Þ].*)")


_GLUED_BAR = re.compile(r"(?P<kicker>[^|]{1,30}?)\s*[|]\s+(?P<rest>.+)")


_GLUED_CAMEL = re.compile(r"(?P<kicker>[A-ZÀ-Þ][a-zà-ÿ]{2,})"
                          r"(?P<rest>(?:De|Het|Een|In|Op|Bij|Na|Met|The|Der|Die|Das|Ein|Eine)\s.*)")


_GLUED_PAYWALL = re.compile(r"(?i:exclusief voor abonnees|alleen voor abonnees|for subscribers|subscribers only"
                            r"|nur für abonnenten|premium|plus)\s+(?=[\"“‘'(]?[A-ZÀ-Þ])")


_ARTICLES = frozenset({"de", "het", "een", "den", "der", "die", "das", "dem", "des", "the", "a", "an", "ein", "eine"})


_GLUED_WORD = re.compile(r"(?P<word>[A-ZÀ-Þ][a-zà-ÿ]{3,})\s+(?P<next>[‘'\"“„]?[A-ZÀ-Þ][\w’']*)")


_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
# (three capitalised words may be a name: a saint's, a street's, a firm's, after a label in sentence case)
_TITLE_CASE_WORDS = 4


def _in_title_case(text: str) -> bool:
    """Every word of four letters or more capitalised, four of them at least: a headline in title case ("From the
    Front Line: The Arrest Enquiry"), never a sentence, which has words in lower case ("Zo proberen scholen ...")."""
    found = _LONG_WORD.findall(text)
    return len(found) >= _TITLE_CASE_WORDS and all(word[:1].isupper() for word in found)


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
    if single and not before_lede and single["word"].lower() not in stop_words() and len(line.split()) >= 4:
        follower = single["next"].strip("‘'\"“„(").lower()
        # "Schoolmaatregel Zo proberen ...", "Boerenpraat ‘De maisoogst ...'"; never before an article,
        # which starts a name as often as a sentence ("Basisschool De Koningslinde")
        # a sentence's first word after the label, never an abbreviation ("Jahreshauptversammlung FF Friedewald"), nor
        # a headline in title case, whose every word is capitalised ("Notes From the Front Line")
        rest = line[single.end("word"):].strip()
        if ((follower in stop_words() and follower not in _ARTICLES and not single["next"].isupper())
                or single["next"][:1] in "‘'\"“„") and not _in_title_case(rest):
            return single["word"], rest  # "Schoolmaatregel Zo proberen ..."
    patterns = (_GLUED_CAPS, _GLUED_CAMEL) if before_lede else (_GLUED_BAR, _GLUED_CAPS, _GLUED_LOWER, _GLUED_CAMEL)
    for pattern in patterns:
        match = pattern.fullmatch(line)
        if match and len(match["rest"].split()) >= 2:
            kicker = match["kicker"].strip()
            if (pattern is _GLUED_BAR and len(kicker.split()) > 3) or kicker.endswith("-"):
                continue  # "BV- Grundlagenseminar": a compound's first part, the headline's own word
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


def caption_above_headline(lines: list[PageLine], head_end: int) -> int:
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


_DATE_IN_HEAD = "date line in the page head"
# "1. Opening", "2.3 Beoordeling", "3) Apologies": a document's numbered section, never a label of the page
_NUMBERED_SECTION = re.compile(r"\d{1,2}(?:\.\d{1,2})*[.)]?\s+[A-ZÀ-Þ]")


def read_head(head: list[PageLine], lede: PageLine | None, page: Page, labels: frozenset[str],
               want_headline: bool, body: str = "", learnt: bool = True, address: str = "") -> None:
    """The lines before the lede: headline, kickers above it, names and dates around it. The body's
    text tells a label glued before the headline from a word of its own; the page's address, where the source gives
    it, names its title (``address_title``)."""
    sure = surest_headline(head) if learnt and want_headline else None
    # A line that titles a document by its date ("Zitting van 26 januari 2023", "Bestuursvergadering 31-05-2010")
    # is its title, no date line, unless a line of text above it names the document or its date already ("Lijst
    # van besluiten van 29 en 30 maart 2022" over "Vergadering 29 maart 2022": that one is the meeting's day).
    titled = False
    for line in head:
        found = date_line(line.text) if line is not sure or sure.headline < RANKED_OVER_DATE else None
        if line.kind == Kind.TEXT and found is not None and not titled and titles_a_document(line.text):
            titled = True
            continue
        titled = titled or (line.kind == Kind.TEXT and (names_a_document(line.text)
                                                        or find_date_token(line.text) is not None))
        if line.kind == Kind.TEXT and found is not None and rule_stands(line, _DATE_IN_HEAD):
            line.kind, line.reason = Kind.DATE_LINE, _DATE_IN_HEAD
        elif line.kind == Kind.CAPTION and want_headline and (credit := TRAILING_CREDIT.search(line.text)):
            before = line.text[: credit.start()]
            if not page.headline and 3 <= len(before.split()) <= 16 and ". " not in before \
                    and not re.search(r"[.!?,)]$", before) and (not learnt or line.headline >= RANKED_CAPTION):
                line.kind, line.reason = Kind.TEXT, ""  # "Politie plukt inbrekers Archieffoto: politie"
    if not want_headline:
        return
    shaped = _furniture_by_shape(head)
    # the page begins with its first line that is no furniture by its shape ("Print pagina" over "Vacatures")
    start = next((line for index, line in enumerate(head) if index not in shaped), None)
    named = named_by_address(head, address)
    if named is not None:
        named.kind, named.reason = Kind.TEXT, ""  # a label, a date line or a caption to the head's rules
    _read_headline(head, lede, page, labels, body, learnt, sure, start, named)
    if sure is not None and sure.kind == Kind.TEXT:  # not the headline after all: the rules' shapes hold
        if date_line(sure.text) is not None:
            sure.kind, sure.reason = Kind.DATE_LINE, _DATE_IN_HEAD
        elif is_name_line(sure.text) and not names_a_document(sure.text):
            sure.kind, sure.reason = Kind.BYLINE, NAME_IN_HEAD


_CAPTION_BELOW = 3  # a caption's credit stands this many lines under it or nearer


def _furniture_by_shape(head: list[PageLine]) -> frozenset[int]:
    """The head's lines that are furniture by their shape alone (``headline_shapes``): a date alone, a logo, a
    byline with its reading time, a name repeated, a photo's label, a print button, a caption with its credit under
    it. Returns their places in the head."""
    taken = []
    for index, line in enumerate(head):
        if line.kind != Kind.TEXT:
            continue
        found = never_the_headline(line.text)
        if found is not None:
            line.kind, line.reason = found
        elif (credit := caption_credit(line.text, [other.text for other in head[index + 1:][:_CAPTION_BELOW]])) \
                and (not credit[1] or any(other.kind == Kind.TEXT and len(other.text.split()) >= 2
                                          for other in head[index + 2 + credit[0]:])):
            # (shown again with a credit, it is the headline the photo's caption repeats when no line under the
            # credit may be the headline)
            line.kind, line.reason = Kind.CAPTION, "a caption with its credit under it"
        else:
            continue
        taken.append(index)
    return frozenset(taken)


def _read_headline(head: list[PageLine], lede: PageLine | None, page: Page, labels: frozenset[str], body: str,
                   learnt: bool, sure: PageLine | None, start: PageLine | None, named: PageLine | None = None) -> None:
    candidates = [line for line in head if line.kind == Kind.TEXT]
    if not candidates:
        if lede is not None:
            _headline_glued_to_lede(lede, page, labels)
        return
    # short sentences in title case, which would have been the lede by their full stops: the headline
    headline_at = next((index for index, line in enumerate(candidates)
                        if headline_in_title_case(line.text) and is_prose(line.text)), None)
    if headline_at is None:
        headline_at = choose_headline(candidates, labels, lede, body, start, learnt, sure)
    if named is not None and (headline_at is None or not same_words(candidates[headline_at], named)):
        named.kind, named.reason = Kind.TEXT, ""  # a name or a label to the rules: the address names it
        headline_at = candidates.index(named)
    if headline_at is None or (lede is None and headline_at == len(candidates) - 1):
        return  # no headline, or one over nothing: a page of one short line is its own text
    for line in candidates[:headline_at]:
        # above a headline the model chose: a label by the rules' shape too, else the model's furniture
        # rule decides it later (a line of the article is never taken for a kicker by position alone)
        if line.kind == Kind.TEXT and (not line.role or is_label(line.text, labels)
                                       or (model_ranked(candidates) and not is_prose(line.text)
                                           and (line.headline < ABOVE_MAX
                                                or furniture_votes(line) >= ABOVE_FURNITURE))):
            line.kind, line.reason = Kind.KICKER, "label above the headline"
            page.kicker = page.kicker or line.text
    chosen = candidates[headline_at]
    title = chosen.text
    desk = DESK_TIME_AT_START.match(title)
    if desk and len(title[desk.end():].split()) >= 3:  # "Omroep Oost • vandaag, 11:21 Lange rijen ..."
        page.removed.append(Removed(desk.group().strip(), Kind.DATE_LINE, "desk and time glued before the headline"))
        title = title[desk.end():]
    title = take_glued_prefix(title, page, body)
    for _ in range(2):  # "später lesen Analyse Wo Technik ...": a label may sit before a label
        kicker, rest = split_glued_kicker(title, labels)
        if not kicker or _said_together(kicker, rest, body):
            break
        title = rest
        page.removed.append(Removed(kicker, Kind.KICKER, "label glued before the headline"))
        page.kicker = page.kicker or kicker
    title = without_site_name(strip_headline_tail(title, page, body), [line.text for line in candidates])
    chosen.kind, chosen.reason = Kind.HEADLINE, "the page's headline"
    page.headline, page.headline_rule = title.strip(), "line of its own before the lede" + (
        ", named by the page's address" if chosen is named else "")
    headline_key = comparable(title)
    below = candidates[headline_at + 1:]
    for position, line in enumerate(below):
        if is_list_title(line.text, below[position + 1:]):
            line.kind = Kind.HEADING  # "WHAT YOU NEED TO KNOW" over a list of points: the article's own
        elif comparable(line.text) == headline_key:
            line.kind, line.reason = Kind.FURNITURE, "the headline repeated"
        elif is_name_line(line.text) and not names_a_document(line.text) and rule_stands(line, NAME_IN_HEAD):
            line.kind, line.reason = Kind.BYLINE, "name under the headline"  # as doubted as a name above it
        elif not _NUMBERED_SECTION.match(line.text) and line.shares.get("sub-heading", 0.0) < LABEL_HEADING_VETO and (
                is_section_label(line.text, labels) or (len(line.text.split()) <= 2 and line.text[-1:].isalnum()
                                                         and not heads_the_lede(line, below[position + 1:], lede))):
            line.kind, line.reason = Kind.KICKER, "label under the headline"


def _said_together(kicker: str, rest: str, body: str) -> bool:
    """Whether the text says the label with the headline's first word ("Saïd Al-Haddad", "Rugby World
    Cup"), or says a capitalised label inside a sentence, after a word ("bij de GGD", "at NSW Police", "Der
    Ministerpräsident bedauerte"): then it is a name or a word of the headline's own, no label. A site's
    label ("VIDEO", "Live", "Column") heads lines and teasers; the text does not use it in its sentences."""
    first = rest.split(maxsplit=1)[0].strip("\"“‘'(:,") if rest.split() else ""
    if first and f"{kicker} {first}" in body:
        return True
    return kicker[:1].isupper() and re.search(rf"(?<=\w ){re.escape(kicker)}(?!\w)", body) is not None


def _headline_glued_to_lede(lede: PageLine, page: Page, labels: frozenset[str]) -> None:
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


_TIME_AT_START = re.compile(r"\d{1,2}[u:.]\d{2}(?:\s+\d{1,4})?\s+"
                            r"(?:[A-ZÀ-Þ][\w-]+\s+(?=(?:De|Het|Een|In|Op|Bij|Na|Met|The|A|Der|Die|Das)\s))?"
                            r"(?=[\"“‘(]?[A-ZÀ-Þ])")


_DAY_AT_START = re.compile(r"(?P<token>\d{1,2}\.?\s+[A-Za-zäÄéû]{3,9}\.?(?:\s+\d{4})?)(?:\s*[-–—:|]\s*|\s+)"
                           r"(?=[\"“‘(]?[A-ZÀ-Þ])")


def take_glued_day(lines: list[PageLine], head_end: int, page: Page) -> None:
    """ "28 november Welkom ...": a bare day and month glued before the lede, noted and taken off."""
    if head_end >= len(lines):
        return
    lede = lines[head_end]
    time = _TIME_AT_START.match(lede.text)
    if time:
        page.removed.append(Removed(time.group().strip(), Kind.DATE_LINE, "time (and place) glued before the lede"))
        lede.text = lede.text[time.end():]
    match = _DAY_AT_START.match(lede.text)
    day_month = " ".join(match["token"].replace(".", " ").split()[:2]) if match else ""
    if match and find_date_token(match["token"]) and parse_day_month(day_month) is not None:
        page.dates.append((match["token"], lede.text[:40]))
        page.removed.append(Removed(match["token"], Kind.DATE_LINE, "day and month glued before the lede"))
        lede.text = lede.text[match.end():]
