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
from pipeline.reading import line_model
from pipeline.reading.date_lines import date_line, find_date_token
from pipeline.reading.documents import is_who_was_there, names_a_document, titles_a_document
from pipeline.reading.furniture import MAX_LINE, is_name_line, strip_bullets
from pipeline.reading.headline_edges import DESK_TIME_AT_START, TRAILING_CREDIT, strip_headline_tail, take_glued_prefix
from pipeline.reading.lines import Kind, Page, PageLine, Removed, is_caps_label, is_prose, is_reference, stop_words
from pipeline.reading.roles import HEADING_SHARE, rule_stands
from pipeline.reading.rulings import RULING_OPENERS
from pipeline.reading.text import comparable, words

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
        if (follower in stop_words() and follower not in _ARTICLES) or single["next"][:1] in "‘'\"“„":
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


_DATE_IN_HEAD, _NAME_IN_HEAD = "date line in the page head", "name in the page head"
# "1. Opening", "2.3 Beoordeling", "3) Apologies": a document's numbered section, never a label of the page
_NUMBERED_SECTION = re.compile(r"\d{1,2}(?:\.\d{1,2})*[.)]?\s+[A-ZÀ-Þ]")


def read_head(head: list[PageLine], lede: PageLine | None, page: Page, labels: frozenset[str],
               want_headline: bool, body: str = "", learnt: bool = True) -> None:
    """The lines before the lede: headline, kickers above it, names and dates around it. The body's
    text tells a place or desk glued before the headline from a name."""
    sure = _surest_headline(head) if learnt and want_headline else None
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
    _read_headline(head, lede, page, labels, body, learnt, sure)
    if sure is not None and sure.kind == Kind.TEXT:  # not the headline after all: the rules' shapes hold
        if date_line(sure.text) is not None:
            sure.kind, sure.reason = Kind.DATE_LINE, _DATE_IN_HEAD
        elif is_name_line(sure.text) and not names_a_document(sure.text):
            sure.kind, sure.reason = Kind.BYLINE, _NAME_IN_HEAD


def _read_headline(head: list[PageLine], lede: PageLine | None, page: Page, labels: frozenset[str], body: str,
                   learnt: bool, sure: PageLine | None) -> None:
    candidates = [line for line in head if line.kind == Kind.TEXT]
    if not candidates:
        if lede is not None:
            _headline_glued_to_lede(lede, page, labels)
        return
    headline_at = _choose_headline(candidates, labels, lede, body, head[0] if head else None, learnt, sure)
    if headline_at is None or (lede is None and headline_at == len(candidates) - 1):
        return  # no headline, or one over nothing: a page of one short line is its own text
    for line in candidates[:headline_at]:
        # above a headline the model chose: a label by the rules' shape too, else the model's furniture
        # rule decides it later (a line of the article is never taken for a kicker by position alone)
        if line.kind == Kind.TEXT and (not line.role or _is_label(line.text, labels)
                                       or (_ranked(candidates) and not is_prose(line.text)
                                           and (line.headline < ABOVE_MAX or _furniture(line) >= ABOVE_FURNITURE))):
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
    if not page.kicker and (place := _glued_place(title, body)):
        page.removed.append(Removed(place, Kind.KICKER, "place or desk glued before the headline"))
        page.kicker, title = place, title[len(place):].strip()
    title = strip_headline_tail(title, page, body)
    chosen.kind, chosen.reason = Kind.HEADLINE, "the page's headline"
    page.headline, page.headline_rule = title.strip(), "line of its own before the lede"
    headline_key = comparable(title)
    below = candidates[headline_at + 1:]
    for position, line in enumerate(below):
        if _is_list_title(line.text, below[position + 1:]):
            line.kind = Kind.HEADING  # "WHAT YOU NEED TO KNOW" over a list of points: the article's own
        elif comparable(line.text) == headline_key:
            line.kind, line.reason = Kind.FURNITURE, "the headline repeated"
        elif is_name_line(line.text) and not names_a_document(line.text) and rule_stands(line, _NAME_IN_HEAD):
            line.kind, line.reason = Kind.BYLINE, "name under the headline"  # as doubted as a name above it
        elif not _NUMBERED_SECTION.match(line.text) and line.shares.get("sub-heading", 0.0) < LABEL_HEADING_VETO and (
                _is_section_label(line.text, labels) or (len(line.text.split()) <= 2 and line.text[-1:].isalnum()
                                                         and not _heads_the_lede(line, below[position + 1:], lede))):
            line.kind, line.reason = Kind.KICKER, "label under the headline"


# "Gent Vuurwerk ontploft in brievenbus ...", "Polizei Radfahrer bei Unfall verletzt ...": a capitalised word,
# then the headline's first (capitalised) word and a word in lower case.
_GLUED_PLACE = re.compile(r"(?P<place>[A-ZÀ-Þ][a-zà-ÿ]{3,})\s+(?P<next>[A-ZÀ-Þ][a-zà-ÿ]+)\s+[a-zà-ÿ]")


def _glued_place(title: str, body: str) -> str:
    """The word before the headline when the body names it on its own but never together with the
    headline's first word: a name ("Bart De Wever", "Mark Rutte") comes back whole."""
    match = _GLUED_PLACE.match(title)
    if match is None or len(title.split()) < 5:
        return ""
    place, following = match["place"], match["next"]
    if place.lower() in stop_words() or following.lower() in stop_words():
        return ""
    alone = re.search(rf"\b{re.escape(place)}\b(?!\s+{re.escape(following)}\b)", body)
    together = re.search(rf"\b{re.escape(place)}\s+{re.escape(following)}\b", body)
    return place if alone and not together else ""


def _said_together(kicker: str, rest: str, body: str) -> bool:
    """Whether the text says the label with the headline's first word ("Saïd Al-Haddad", "Rugby World
    Cup"), or says a capitalised label inside a sentence, after a word ("bij de GGD", "at NSW Police", "Der
    Ministerpräsident bedauerte"): then it is a name or a word of the headline's own, no label. A site's
    label ("VIDEO", "Live", "Column") heads lines and teasers; the text does not use it in its sentences."""
    first = rest.split(maxsplit=1)[0].strip("\"“‘'(:,") if rest.split() else ""
    if first and f"{kicker} {first}" in body:
        return True
    return kicker[:1].isupper() and re.search(rf"(?<=\w ){re.escape(kicker)}(?!\w)", body) is not None


def _heads_the_lede(line: PageLine, after: list[PageLine], lede: PageLine | None) -> bool:
    """ "Geen gewonden" alone right above the lede, after the headline: the first sub-heading of the text."""
    last = line.text.split()[-1].lower()
    return (not after and lede is not None and (line.text[:1].isupper() or _NUMBERED_HEAD.match(line.text) is not None)
            and not line.text.isupper() and last not in _BRIEFS)


_NUMBERED_HEAD = re.compile(r"\d{1,2}\.\s+[A-ZÀ-Þ]")  # "1. Baugesuche"


# "Wielrennen kort", "Sport kurz", "Lokaal nieuws": a section of short items, not a sub-heading
_BRIEFS = frozenset(words("kort kurz brief briefs nieuws news nachrichten"))


def _is_list_title(line: str, after: list[PageLine]) -> bool:
    return (is_caps_label(line) and len(line.split()) >= 3 and len(after) >= 2
            and all(strip_bullets(later.text) != later.text for later in after[:2]))


_PAYWALL_LABELS = frozenset({"premium", "plus", "abonnee", "exclusief", "for", "opinie", "column", "ticker"})


def _is_label(line: str, labels: frozenset[str]) -> bool:
    """A line that labels what follows: capitals, one or two words, lower case first (a section
    name in the site's style), a line ending in ":", a paywall or section word and a few words."""
    words = line.split()
    first = words[0].strip(":|").lower() if words else ""
    return (is_caps_label(line) or len(words) <= 2 or (line[:1].islower() and len(words) <= 6) or line.endswith(":")
            or (len(words) <= 6 and (first in _PAYWALL_LABELS or first in labels)))


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


def _is_section_label(line: str, labels: frozenset[str]) -> bool:
    """ "Verkiezingen 2021", "WEERBERICHT.", "Binnenland": a label even with no headline after it."""
    words = [word.strip(":.|").lower() for word in line.split()]
    return is_caps_label(line) or all(word in labels or re.fullmatch(r"(?:19|20)\d{2}", word) for word in words)


# "1. News", "2. Die Stadt": a breadcrumb trail kept as a numbered list, above the headline.
_NUMBERED_CRUMB = re.compile(r"\d{1,2}\.\s+\S+(?:\s\S+)?")


# A kicker is a label or two above the headline, never a paragraph of them: the headline is looked
# for among the first few lines of the head only.
_HEADLINE_WITHIN = 3


def _surest_headline(head: list[PageLine]) -> PageLine | None:
    """The line of the head the headline model is surest of, when it is sure enough to stand over the
    rules' shapes of a date line or a name ("Ministerraad van 18 juli 2003", "Letzter Ausweg Insolvenz"):
    the model saw those shapes as headlines and as furniture, and weighs the page around them."""
    asked = [line for line in head if line.headline >= 0]
    if not asked:
        return None
    best = max(asked, key=lambda line: line.headline)  # the first of equals
    return best if best.headline >= min(RANKED_OVER_DATE, RANKED_OVER_NAME) and best.kind == Kind.TEXT else None


def _choose_headline(candidates: list[PageLine], labels: frozenset[str], lede: PageLine | None,
                     body: str, page_start: PageLine | None, learnt: bool = True,
                     sure: PageLine | None = None) -> int | None:
    """The first line that reads as a headline; labels above it are kickers. None when the head
    has no such line (the title then comes from the lede). When the line model has read the page, it
    settles the choice (``_settle_headline``)."""
    learnt = learnt and bool(candidates[0].role) and "headline" in line_model.decides()
    ruled = _ruled_headline(candidates, labels, lede, body, page_start, sure if learnt else None)
    if learnt and HEADLINE_MODE == "model":
        return _document_title_first(candidates, _learnt_headline(candidates))
    chosen = _nearest_of_equals(candidates, _settle_headline(candidates, ruled)) if learnt else ruled
    return _document_title_first(candidates, chosen)


_DOCUMENT_TITLE_WORDS = 12


def _document_title_first(candidates: list[PageLine], chosen: int | None) -> int | None:
    """A line above the chosen one (or in a head where none was chosen) that opens with the word for a kind of
    document ("Notulen gemeenteraad", "Raadsvoorstel", "Bestuursvergadering 31-05-2010") is the document's own
    title, over the meeting's time and place or a section's name under it; not when the chosen line names a
    document too ("Verordening ..."), nor a sentence or a key ("Minutes:") or the chosen line's first words, nor a
    line the model takes for a sub-heading ("Besluit" over the council's decision on a point of its agenda)."""
    if chosen is not None and (names_a_document(candidates[chosen].text)
                               or titles_a_document(candidates[chosen].text)):
        return chosen
    for index, line in enumerate(candidates[:len(candidates) if chosen is None else chosen]):
        text = line.text.strip()
        if (names_a_document(text) or titles_a_document(text)) and line.shares.get("sub-heading", 0.0) < HEADING_SHARE \
                and len(text.split(maxsplit=_DOCUMENT_TITLE_WORDS)) <= _DOCUMENT_TITLE_WORDS \
                and not text.endswith((":", ".", ";", ",")) \
                and (chosen is None or not comparable(candidates[chosen].text).startswith(comparable(text))):
            return index
    return chosen


def _ruled_headline(candidates: list[PageLine], labels: frozenset[str], lede: PageLine | None,
                    body: str, page_start: PageLine | None, sure: PageLine | None = None) -> int | None:
    """The rules' headline (names and breadcrumbs noted on the way); ``sure``: a line the headline model
    is sure of, never taken for a name."""
    looked_at = 0  # names and breadcrumbs are furniture, not labels: they do not count
    for index, line in enumerate(candidates):
        last = index + 1 == len(candidates)
        if last and line is page_start and is_caps_label(line.text) and len(line.text.split()) >= 3 \
                and line.text[-1:].isalnum() and not all(w.strip(":.|").lower() in labels for w in line.text.split()):
            return index  # "CITY COUNCIL STATEMENT": a headline in capitals, the page's first line
        if (line is not sure or sure.headline < RANKED_OVER_NAME) and is_name_line(line.text) \
                and not names_a_document(line.text) and rule_stands(line, _NAME_IN_HEAD):
            line.kind, line.reason = Kind.BYLINE, _NAME_IN_HEAD
            continue
        if is_who_was_there(line.text):
            continue  # who was there ("Ans Smit, voorzitter; Piet Bos, schepen; ..."): the text's, never its headline
        if not last and _NUMBERED_CRUMB.fullmatch(line.text.strip()):
            line.kind, line.reason = Kind.FURNITURE, "breadcrumb (a numbered link above the headline)"
            continue
        looked_at += 1
        if looked_at > _HEADLINE_WITHIN:
            return None
        if _is_label(line.text, labels) and not names_a_document(line.text) and (
                not last or _is_section_label(line.text, labels)):
            if last:
                line.kind, line.reason = Kind.KICKER, "label above the lede"
                return None
            continue
        if line.text.casefold() in RULING_OPENERS:
            return None  # "Inhoudsindicatie": a ruling's summary begins, headed by its label
        if is_reference(line.text):
            return None  # "zaaknummer / rolnummer: 123456 / HA ZA 22-789": a reference, the text has begun
        if len(line.text.split()) >= 2 and not line.text.endswith(":"):
            return index
        # A word alone above the lede: the place or section when the text names it too ("Limburg");
        # else the page's headline when the page begins with it ("Rechtzetting"); else a sub-heading.
        heads = _heads_the_lede(line, [], lede) and line.text not in body
        if heads and last and line is page_start:
            return index
        if last and len(line.text.split()) <= 3 and not heads:
            line.kind, line.reason = Kind.KICKER, "label above the lede"
        return None
    return None


HEADLINE_SHARE = 0.4  # of the forest's votes
_HEADLINE_LOOKED_AT = 8  # lines of the head, from its top


HEADLINE_MODE = "hybrid"  # the rules choose unless the model vetoes; "model": the model alone
HEADLINE_FURNITURE = 0.5  # the model's share for furniture that rules out the rules' headline
HEADLINE_VETO = 0.1  # a line the rules chose stays the headline unless the model gives it less than this
HEADLINE_MARGIN = 0.3  # another line the model gives this much more of a headline's share is the headline
# The same with the headline model's shares (``headline_model``), which tells a headline from the other
# short lines at the top of a page better than the line model does.
# The least share for the line the headline model ranks first (leave-sites-out with the line model rebuilt on the
# sub-heading features, 0.1 gained one title for nine furniture lines and three sentences lost against 0.2).
RANKED_SHARE = 0.2
RANKED_VETO = 0.1
RANKED_MARGIN = 0.1
RANKED_CLOSE = 0.1  # a line under the chosen one that the headline model ranks this close to it is the headline,
RANKED_CLOSE_WORDS = 8  # when the line passed over has at most this many words
# The headline model's share that keeps its surest line of the head from the date-line rule, and from the name rule
RANKED_OVER_DATE = 0.5
RANKED_OVER_NAME = 0.7
RANKED_CAPTION = 0.3  # the headline model's share a caption with its credit at the top needs to be the headline
# A short line above the headline it chose that the headline model gives less than this (a tagline, a
# site's name) is a label, taken out; each line of the corpus above its headline is furniture.
ABOVE_MAX = 0.3
ABOVE_FURNITURE = 1.1  # or that the line model gives this much of its votes for furniture (1.1: never)
# A word or two under the headline is a label of the page ("Binnenland"), unless the line model gives it this much of
# its votes for a sub-heading: a document's first section ("Samenstelling", "Agendapunten", "Intitulé") stands there
# too, over a list rather than a paragraph (measured leave-sites-out: of the lines the label rule took, 26 of 41
# labelled sub-headings had 0.25 or more, and 16 of 173 other lines).
LABEL_HEADING_VETO = 0.25


def headline_share(line: PageLine) -> float:
    """How much the model takes the line for the headline: the headline model's share among the page's
    first lines when it was asked, else the line model's."""
    return line.headline if line.headline >= 0 else line.shares.get("headline", 0.0)


def _furniture(line: PageLine) -> float:
    return sum(value for role, value in line.shares.items() if role not in ("body", "headline", "sub-heading"))


def _ranked(candidates: list[PageLine]) -> bool:
    return bool(candidates) and candidates[0].headline >= 0


def _settle_headline(candidates: list[PageLine], ruled: int | None) -> int | None:
    """The rules' headline, unless the model all but rules it out and is sure of something else: another
    line for the headline, or furniture (alt text, a logo, a caption, a fragment); then, or when the
    rules found none, the line the model takes for the headline, if any."""
    learnt = _learnt_headline(candidates)
    if ruled is None:
        return learnt
    ranked = _ranked(candidates)
    chosen = candidates[ruled]
    share = headline_share(chosen)
    furniture = sum(value for role, value in chosen.shares.items() if role not in ("body", "headline", "sub-heading"))
    margin, veto = (RANKED_MARGIN, RANKED_VETO) if ranked else (HEADLINE_MARGIN, HEADLINE_VETO)
    if learnt is not None and learnt != ruled and headline_share(candidates[learnt]) >= share + margin:
        return learnt  # the model is much surer of another line
    if share >= veto:
        return ruled
    return learnt if learnt is not None or furniture >= HEADLINE_FURNITURE or ranked else ruled


_A_WORD = re.compile(r"[^\W\d_]{2}")  # "2021", "5", "1.": a line with no word is no headline, whatever its share


def _nearest_of_equals(candidates: list[PageLine], chosen: int | None) -> int | None:
    """The chosen line, or the line under it that the headline model ranks about as high (within
    ``RANKED_CLOSE``), and so on down while each next line is: of a site's name, a menu or section line and the
    headline under it, the headline is the one nearest its text. A line passed over is short (at most
    ``RANKED_CLOSE_WORDS`` words: a long one is the headline, with a teaser under it) and no field ("Tijdstip:
    20.00 uur", "Nieuwsarchief: persberichten 2019": a document's or a listing's own); a word alone under it is
    a label or a sub-heading ("Aanwezig"), never the headline for being nearer."""
    if chosen is None or not _ranked(candidates) or RANKED_CLOSE <= 0:
        return chosen
    at = chosen
    for index in (index for index in _looked_at(candidates) if index > chosen):
        passed, under = candidates[at], candidates[index]
        if headline_share(under) < headline_share(passed) - RANKED_CLOSE or len(under.text.split()) < 2 \
                or len(passed.text.split()) > RANKED_CLOSE_WORDS or _FIELD.match(passed.text):
            break
        at = index
    return at


_FIELD = re.compile(r"[^\W\d_][\w ]{0,30}:\s")  # "Tijdstip: 20.00 uur", "News archive: Research press releases"


def _looked_at(candidates: list[PageLine]) -> list[int]:
    return [index for index, line in enumerate(candidates[:_HEADLINE_LOOKED_AT])
            if line.kind == Kind.TEXT and line.text.casefold() not in RULING_OPENERS
            and not is_who_was_there(line.text) and _A_WORD.search(line.text[:MAX_LINE]) is not None]


def _learnt_headline(candidates: list[PageLine]) -> int | None:
    """The line the model takes most for the headline, among the head's first lines that the rules did
    not take for a label, a name or a breadcrumb."""
    looked_at = _looked_at(candidates)
    if not looked_at:
        return None
    best = max(looked_at, key=lambda index: (headline_share(candidates[index]), -index))
    least = RANKED_SHARE if _ranked(candidates) else HEADLINE_SHARE
    return best if headline_share(candidates[best]) >= least else None


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
