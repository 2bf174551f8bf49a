"""Which of a page's head lines is its headline: the rules' choice (the first headline-like line before the lede,
past labels, names and dates), the headline model's ranking of the lines it may choose, and how the two settle;
a document's own title over the meeting's time or a section's name under it. ``head.read_head`` reads the lines
around the one chosen (kickers, names, dates).
"""

from __future__ import annotations

import re

from pipeline.reading import line_model
from pipeline.reading.documents import is_who_was_there, names_a_document, never_the_title, titles_a_document
from pipeline.reading.furniture import MAX_LINE, is_name_line, strip_bullets
from pipeline.reading.headline_shapes import list_item
from pipeline.reading.lines import Kind, PageLine, is_caps_label, is_reference
from pipeline.reading.roles import HEADING_SHARE, rule_stands
from pipeline.reading.rulings import RULING_OPENERS
from pipeline.reading.text import comparable, words

# the rule that takes a name in the page head, by its word in Removed.reason
NAME_IN_HEAD = "name in the page head"
# the rule that takes the head's last line above the lede for a label (doubted: ``roles.DOUBTED_RULES``)
LABEL_ABOVE_LEDE = "label above the lede"

def heads_the_lede(line: PageLine, after: list[PageLine], lede: PageLine | None) -> bool:
    """ "Geen gewonden" alone right above the lede, after the headline: the first sub-heading of the text."""
    last = line.text.split()[-1].lower()
    return (not after and lede is not None and (line.text[:1].isupper() or _NUMBERED_HEAD.match(line.text) is not None)
            and not line.text.isupper() and last not in _BRIEFS)


_NUMBERED_HEAD = re.compile(r"\d{1,2}\.\s+[A-ZÀ-Þ]")  # "1. Baugesuche"


# "Wielrennen kort", "Sport kurz", "Lokaal nieuws": a section of short items, not a sub-heading
_BRIEFS = frozenset(words("kort kurz brief briefs nieuws news nachrichten"))
# "Laatste nieuws", "Latest news", "Sport kurz" over the page's text: a section's name, never the page's headline
# (never "Open brief": a letter's)
_SECTION_OF_BRIEFS = _BRIEFS - {"brief"}


def is_list_title(line: str, after: list[PageLine]) -> bool:
    return (is_caps_label(line) and len(line.split()) >= 3 and len(after) >= 2
            and all(strip_bullets(later.text) != later.text for later in after[:2]))


_PAYWALL_LABELS = frozenset({"premium", "plus", "abonnee", "exclusief", "for", "opinie", "column", "ticker"})


def is_label(line: str, labels: frozenset[str]) -> bool:
    """A line that labels what follows: capitals, one or two words, lower case first (a section
    name in the site's style), a line ending in ":", a paywall or section word and a few words."""
    words = line.split()
    first = words[0].strip(":|").lower() if words else ""
    return (is_caps_label(line) or len(words) <= 2 or (line[:1].islower() and len(words) <= 6) or line.endswith(":")
            or (len(words) <= 6 and (first in _PAYWALL_LABELS or first in labels)))


def is_section_label(line: str, labels: frozenset[str]) -> bool:
    """ "Verkiezingen 2021", "WEERBERICHT.", "Binnenland": a label even with no headline after it."""
    words = [word.strip(":.|").lower() for word in line.split()]
    return is_caps_label(line) or all(word in labels or re.fullmatch(r"(?:19|20)\d{2}", word) for word in words)


# "1. News", "2. Die Stadt": a breadcrumb trail kept as a numbered list, above the headline.
_NUMBERED_CRUMB = re.compile(r"\d{1,2}\.\s+\S+(?:\s\S+)?")


# A kicker is a label or two above the headline, never a paragraph of them: the headline is looked
# for among the first few lines of the head only.
_HEADLINE_WITHIN = 3


def surest_headline(head: list[PageLine]) -> PageLine | None:
    """The line of the head the headline model is surest of, when it is sure enough to stand over the
    rules' shapes of a date line or a name ("Ministerraad van 18 juli 2003", "Letzter Ausweg Insolvenz"):
    the model saw those shapes as headlines and as furniture, and weighs the page around them."""
    asked = [line for line in head if line.headline >= 0]
    if not asked:
        return None
    best = max(asked, key=lambda line: line.headline)  # the first of equals
    return best if best.headline >= min(RANKED_OVER_DATE, RANKED_OVER_NAME) and best.kind == Kind.TEXT else None


def choose_headline(candidates: list[PageLine], labels: frozenset[str], lede: PageLine | None,
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
    subject = chosen is not None and _a_subject(candidates[chosen].text)
    for index, line in enumerate(candidates[:len(candidates) if chosen is None else chosen]):
        text = line.text.strip()
        if subject and _KIND_AND_AUTHOR.fullmatch(text):
            continue  # "Besluit Gemeenteraad" over "Goedkeuring reglement ...": the decision's kind and maker
        if (names_a_document(text) or titles_a_document(text)) and line.shares.get("sub-heading", 0.0) < HEADING_SHARE \
                and len(text.split(maxsplit=_DOCUMENT_TITLE_WORDS)) <= _DOCUMENT_TITLE_WORDS \
                and not text.endswith((":", ".", ";", ",")) \
                and (chosen is None or not comparable(candidates[chosen].text).startswith(comparable(text))):
            return index
    return chosen


# A document's kind and the body that made it (its name's words capitalised), and no more: "Besluit Gemeenteraad",
# "Beslissing Vast Bureau", "Besluit College van Burgemeester en Schepenen".
_KIND_AND_AUTHOR = re.compile(r"(?i:besluit|besluiten|beslissing|beslissingen|raadsbesluit|collegebesluit|resolution)"
                              r"(?:\s+(?:[A-ZÀ-Þ][\w'’-]*|van|en|de|het|der|of|and|the)){1,6}")


def _a_subject(line: str) -> bool:
    """A line that says what a document is about: four words or more, no figure (no meeting's date or time)."""
    return len(line.split()) >= 4 and not any(char.isdigit() for char in line)


def _ruled_headline(candidates: list[PageLine], labels: frozenset[str], lede: PageLine | None,
                    body: str, page_start: PageLine | None, sure: PageLine | None = None) -> int | None:
    """The rules' headline (names and breadcrumbs noted on the way); ``sure``: a line the headline model
    is sure of, never taken for a name."""
    looked_at = 0  # names and breadcrumbs are furniture, not labels: they do not count
    for index, line in enumerate(candidates):
        last = index + 1 == len(candidates)
        if last and line is page_start and is_caps_label(line.text) and len(line.text.split()) >= 3 \
                and line.text[-1:].isalnum() and not all(w.strip(":.|").lower() in labels for w in line.text.split()) \
                and not never_the_title(line.text):
            return index  # "CITY COUNCIL STATEMENT": a headline in capitals, the page's first line
        if (line is not sure or sure.headline < RANKED_OVER_NAME) and is_name_line(line.text) \
                and not names_a_document(line.text) and rule_stands(line, NAME_IN_HEAD):
            line.kind, line.reason = Kind.BYLINE, NAME_IN_HEAD
            continue
        if list_item(line.text):
            continue  # "• Facebook", "- 16 en 17 april ...": a list's item, the text's or a menu's, never its headline
        if is_who_was_there(line.text) or never_the_title(line.text):
            continue  # who was there ("Ans Smit, voorzitter; ..."), a court's letterhead, a case's numbers
        if not last and _NUMBERED_CRUMB.fullmatch(line.text.strip()):
            line.kind, line.reason = Kind.FURNITURE, "breadcrumb (a numbered link above the headline)"
            continue
        if len(line.text.split()) <= 2 and line.text.split()[-1].lower() in _SECTION_OF_BRIEFS:
            line.kind, line.reason = Kind.KICKER, "a section's label (\"Laatste nieuws\")"
            continue
        looked_at += 1
        if looked_at > _HEADLINE_WITHIN:
            return None
        if is_label(line.text, labels) and not names_a_document(line.text) and (
                not last or is_section_label(line.text, labels)):
            if last:
                # the site's own labels ("Verkiezingen 2021") are labels whatever the model says; a label by its
                # shape alone ("INSPRAAK") is doubted
                if rule_stands(line, LABEL_ABOVE_LEDE) or all(
                        word.strip(":.|").lower() in labels or re.fullmatch(r"(?:19|20)\d{2}", word.strip(":.|"))
                        for word in line.text.split()):
                    line.kind, line.reason = Kind.KICKER, LABEL_ABOVE_LEDE
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
        heads = heads_the_lede(line, [], lede) and line.text not in body
        if heads and last and line is page_start:
            return index
        if last and len(line.text.split()) <= 3 and not heads and rule_stands(line, LABEL_ABOVE_LEDE):
            line.kind, line.reason = Kind.KICKER, LABEL_ABOVE_LEDE
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
# and the line model gives it at least this share of furniture: a line it takes for text is the page's own title over
# an item's or a section's ("Ledenbrief voorjaar" over its first item). Audited on the second corpus
# (leave-sites-out): moving down made 18 titles right and 22 wrong; at 0.35, 7 more titles right and 1 more wrong.
RANKED_CLOSE_FURNITURE = 0.35
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


def furniture_votes(line: PageLine) -> float:
    return sum(value for role, value in line.shares.items() if role not in ("body", "headline", "sub-heading"))


def model_ranked(candidates: list[PageLine]) -> bool:
    return bool(candidates) and candidates[0].headline >= 0


def _settle_headline(candidates: list[PageLine], ruled: int | None) -> int | None:
    """The rules' headline, unless the model all but rules it out and is sure of something else: another
    line for the headline, or furniture (alt text, a logo, a caption, a fragment); then, or when the
    rules found none, the line the model takes for the headline, if any."""
    learnt = _learnt_headline(candidates)
    if ruled is None:
        return learnt
    ranked = model_ranked(candidates)
    chosen = candidates[ruled]
    if ranked and chosen.headline < 0:
        # A line the headline model was never asked of (a date line to the first pass that titles a document,
        # "Minutes 6th December 2021", given back by ``head.read_head``): its line model share is on another scale
        # than the other lines' headline model shares, so the two are not weighed against each other. It stands as
        # a date line's shape does against the headline model (``surest_headline``), unless that model is sure
        # enough of another line; the line model's own veto (on its own scale) still rules it out.
        if learnt is not None and learnt != ruled and candidates[learnt].headline >= RANKED_OVER_DATE:
            return learnt
        return ruled if chosen.shares.get("headline", 0.0) >= HEADLINE_VETO else learnt
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
    20.00 uur", "Nieuwsarchief: persberichten 2019": a document's or a listing's own) that the line model half
    takes for furniture (``RANKED_CLOSE_FURNITURE``); a word alone under it is a label or a sub-heading
    ("Aanwezig"), never the headline for being nearer."""
    if chosen is None or not model_ranked(candidates) or RANKED_CLOSE <= 0:
        return chosen
    at = chosen
    for index in (index for index in _looked_at(candidates) if index > chosen):
        passed, under = candidates[at], candidates[index]
        if headline_share(under) < headline_share(passed) - RANKED_CLOSE or len(under.text.split()) < 2 \
                or len(passed.text.split()) > RANKED_CLOSE_WORDS or _FIELD.match(passed.text) \
                or furniture_votes(passed) < RANKED_CLOSE_FURNITURE:
            break
        at = index
    return at


_FIELD = re.compile(r"[^\W\d_][\w ]{0,30}:\s")  # "Tijdstip: 20.00 uur", "News archive: Research press releases"


def _looked_at(candidates: list[PageLine]) -> list[int]:
    return [index for index, line in enumerate(candidates[:_HEADLINE_LOOKED_AT])
            if line.kind == Kind.TEXT and line.text.casefold() not in RULING_OPENERS and not list_item(line.text)
            and not is_who_was_there(line.text) and not never_the_title(line.text)
            and _A_WORD.search(line.text[:MAX_LINE]) is not None]


def _learnt_headline(candidates: list[PageLine]) -> int | None:
    """The line the model takes most for the headline, among the head's first lines that the rules did
    not take for a label, a name or a breadcrumb."""
    looked_at = _looked_at(candidates)
    if not looked_at:
        return None
    best = max(looked_at, key=lambda index: (headline_share(candidates[index]), -index))
    least = RANKED_SHARE if model_ranked(candidates) else HEADLINE_SHARE
    return best if headline_share(candidates[best]) >= least else None
