"""What a bare sub-heading between paragraphs looks like, by its shape alone: the page reader's test
(``page``) and one of the line model's features (``line_features``)."""

from __future__ import annotations

import re

from pipeline.reading.furniture import is_name_line
from pipeline.reading.lines import SENTENCE_END, stop_word_density
from pipeline.reading.text import DANGLING_WORDS, looks_like_heading

_QUESTION = re.compile(r"[\"“‘'(]?[A-ZÀ-Þ0-9].{2,110}\?[\"”’)]*")
_NUMBERED = re.compile(r"\d{1,2}[.)]?\s+[A-ZÀ-Þ\"“‘'].{2,140}")
_STATISTIC = re.compile(r".*:\s*[\d.,%]+")
_INTRODUCES_QUOTE = re.compile(r"(?i)\b(?:said|says|told|added|zei|zegt|zeggen|aldus|vertelt|vertelde|sagte|sagt"
                               r"|erklärte)\b")


def is_subheading(line: str) -> bool:
    """A bare sub-heading between paragraphs: a short capitalised line that does not end like a
    sentence, a question ("Wat doet het kabinet?"), a line that opens a list ("Feiten op een rij:")
    or a numbered section title. Never a statistic ("Doden: 1") or a run-on fragment."""
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
    return _NUMBERED.fullmatch(line) is not None and not SENTENCE_END.search(line)


# A document's numbered section head: "1. Inleiding", "Artikel 2. Definities", "2.3 Kosten", "TOP 4 Bericht",
# "5) Minutes", "IV. Beslissing", "(a) Advies"; the words after the number are checked by ``is_numbered_section``.
_SECTION_NUMBER = re.compile(r"(?i:(?:artikel|article|art\.|hoofdstuk|chapter|paragraaf|afdeling|agendapunt|punt|top"
                             r"|§)\s*)?(?:\d{1,2}(?:\.\d{1,2}){0,3}[a-z]?|[IVX]{1,4}|\(?[a-z]\))[.):]?\s+(?=\S)")


def is_numbered_section(line: str) -> bool:
    """A numbered section head: a section number, then a few words that open with a capital and end on no
    sentence mark (a numbered point of a list goes on as a sentence: "1. De voorzitter opent de vergadering.")."""
    if len(line) > 160:
        return False
    number = _SECTION_NUMBER.match(line)
    if number is None:
        return False
    rest = line[number.end():]
    return rest[:1].isupper() and not rest.endswith((".", ";", ",")) and len(rest) >= 3


def section_depth(line: str) -> int | None:
    """How deep a numbered section head's number goes ("2. Kosten" 0, "2.3 Beheer" 1, "IV. Beslissing" 0), or
    None for a line that is no numbered section head."""
    number = _SECTION_NUMBER.match(line) if is_numbered_section(line) else None
    return None if number is None else number.group().strip().rstrip(".):").count(".")



_SECTION_WORD = re.compile(r"(?i:artikel|article|art\.|hoofdstuk|chapter|paragraaf|afdeling|agendapunt|punt|top|§)\s*")


def section_style(line: str, most_words: int) -> tuple[str, str, int, str] | None:
    """How a numbered section head of up to ``most_words`` words is numbered: the word before its number
    ("artikel", "top", none), digits, a Roman numeral or a letter, how deep the number goes and the mark after it
    ("1." "1)" "1"); None for a line that is no numbered section head. A document numbers its sections alike."""
    if len(line.split(maxsplit=most_words)) > most_words or not is_numbered_section(line):
        return None
    number = _SECTION_NUMBER.match(line)
    if number is None:
        return None
    written = number.group().strip()
    word = _SECTION_WORD.match(written)
    figure = written[word.end():] if word else written
    form = "roman" if figure[:1] in "IVX" else ("letter" if figure[:1] == "(" or figure[:1].islower() else "digits")
    mark = figure[-1] if figure[-1:] in ".):" else ""
    return (word.group().strip().casefold() if word else ""), form, figure.rstrip(".):").count("."), mark


# "Projectleider: Prof.dr. G. Croiset", "Fotograaf: Wil Feijen", "Es moderiert: Anna Ritz", "Naam: Dick Bierman, UvA":
# a field of one or two words naming a person (a credit, a role, a speaker): a line of a list of facts, no heading
_PERSON = (r"(?:(?:[Pp]rof|[Dd]r|[Mm]r|[Ii]r|[Dd]rs|[Ii]ng|[Dd]hr|[Mm]w)\.\s?)*"
           r"(?:(?:[A-ZÀ-Þ]\.\s?)+(?:(?:van|de|der|den|von|ten|ter)\s)*[A-ZÀ-Þ][\w'’-]+"
           r"|[A-ZÀ-Þ][a-zà-ÿ]+(?:(?:\s(?:van|de|der|den|von|ten|ter|da|di|le))*\s[A-ZÀ-Þ][a-zà-ÿ'’-]+){1,3})")
_PERSON_FIELD = re.compile(r"\(?[^\W\d_][\w-]*(?:\s[a-zà-ÿ]+)?\s?:\s+" + _PERSON + r"(?:,\s[^,:]{1,30})?\)?")


def names_a_person(line: str) -> bool:
    """A field of one or two words that names a person ("Fotograaf: Wil Feijen"): never a sub-heading."""
    return len(line) <= 80 and _PERSON_FIELD.fullmatch(line) is not None


# A page judged no article (an index of stories, an archive) opens with its first story's title, which the reader
# takes for the headline; the labels count it as the first of the list's titles, a sub-heading like the others. A
# headline of at least HEADLINE_LIST_WORDS words that ends as at least half the page's sub-headings end (on a letter or
# a digit, a question mark, a colon, a full stop) and has about as many words is one of them.
HEADLINE_LIST_WORDS = 3
# and on a page not marked, from this share of the page kind model's votes for "no article" (measured leave-sites-out
# with main's fold models, pages right that were wrong and wrong that were right: marked pages alone 12 and 1; from
# 0.3 24 and 17, 0.4 21 and 8, 0.45 20 and 6, 0.5 19 and 3, 0.55 18 and 3, 0.6 15 and 1)
LIST_KIND_SHARE = 0.5


def _ending(text: str) -> str:
    last = text[-1:]
    return last if last in "?:.!" else ("a" if last.isalnum() else "")


def heads_the_list(headline: str, headings: list[str]) -> bool:
    """Whether a no-article page's ``headline`` is the first of its list's titles: shaped as at least half of the
    page's ``headings`` (the same ending, as many words give or take half of them, at least three)."""
    words = len(headline.split())
    if words < HEADLINE_LIST_WORDS or not headings:
        return False
    like = sum(_ending(heading) == _ending(headline)
               and abs(len(heading.split()) - words) <= max(3, words // 2) for heading in headings)
    return like >= max(1, len(headings) // 2)
