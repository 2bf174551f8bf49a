"""A text cut off at its end: a page cut off by the scraper or a paywall stops mid-sentence (a body rule's, and the
reader's quality measure's). Measured on the labelled corpora (benchmarks/quality.py, "text cut off")."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pipeline.model.markdown import may_hold_code

# A word: a run of letters and digits, joined by - or ' (the body's words are counted as this pattern finds them).
WORD = re.compile(r"\w+(?:[-'’]\w+)*")

# A paragraph ends with a sentence's end, a colon (a list follows), or a closing bracket or quote;
# a line of this many words that ends otherwise was cut off (a short line is a signature, a list item).
_ENDS_CLEANLY = ".!?…:;)]}\"'”’“»*_|"  # “ closes a German quote
_CUT_WORDS = 8
_CUT_SHORT = 2
_LAST_WORDS = 6
_CUT_NUMBER = 3  # digits of a number after "in", "van de": "in 20" is a year cut short, "in 2023" may end a line
# A last word of at most this many lower-case letters with no stop after it is a word cut in two
# ("Wij st", "Hoogvliet in win"); so is a lone capital after other words ("Treasurer Jim C", "In T").
_FRAGMENT_LETTERS = 3
_ABBREVIATIONS = frozenset({"etc", "enz", "usw", "bzw", "ca", "cq", "evt", "resp"})
# Articles, prepositions and conjunctions (nl, en, de, fy): a sentence never ends on one.
_NEVER_LAST = frozenset({
    "de", "het", "een", "en", "van", "in", "op", "met", "voor", "naar", "aan", "bij", "om", "uit", "door", "dat",
    "die", "te", "of", "maar", "als", "the", "a", "an", "and", "to", "for", "with", "on", "at", "from",
    "der", "das", "und", "mit", "von", "zu", "im", "auf", "für", "yn", "fan", "mei", "it", "foar", "oan",
})


def cut_off_ending(body: str) -> tuple[int, str] | None:
    """The last line of the text and its last words, when it is prose that stops mid-sentence (a page
    cut off by the scraper or a paywall); None when the text ends as text does. Lists, headings, tables,
    code, quotes and links end a text as they please, unless a list's point stops inside a word, or a long
    one on a comma or a word no sentence ends with; a bracket or a quote opened at the end was cut off,
    and so was an excerpt's ellipsis ("…", "[…]") or an e-mail address with no domain."""
    text = body.rstrip()
    before, newline, last = text.rpartition("\n")  # the last line, without splitting the body into its lines
    found = _cut_words(last.strip(), before if newline else None)
    # The line's index is counted only for a text that was cut off: nearly every one ends cleanly.
    return None if found is None else (before.count("\n") + 1 if newline else 0, found)


# A sentence's end: a stop, a question or an exclamation mark, an ellipsis, each perhaps inside a closing quote or
# bracket ("... gevierd.”", "(zie boven.)").
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\Z")

def capped(meta: Mapping[str, Any]) -> bool:
    """The draft's raw file stopped at the scraper's length cap (ingest marks it ``source.capped``)."""
    source = meta.get("source")
    return isinstance(source, dict) and source.get("capped") is True


def unfinished_ending(body: str) -> tuple[int, str] | None:
    """The last line of the text and its last words when it does not end a sentence (no stop, question or
    exclamation mark, nor ellipsis): for a text whose raw file stopped at the scraper's length cap, where a
    heading, a list's point or a short line at the end is a cut as much as a line stopped mid-sentence is."""
    text = body.rstrip()
    before, newline, last = text.rpartition("\n")
    last = last.strip()
    if not last or _SENTENCE_END.search(last[-8:]):
        return None
    return before.count("\n") + 1 if newline else 0, " ".join(last.split()[-_LAST_WORDS:])


def _cut_words(last: str, before: str | None) -> str | None:
    """The last words of the text's last line when it stops mid-sentence, else None (``cut_off_ending``);
    `before` is the text before that line (None when there is none)."""
    # (each pattern asked only of a line that could match it: its first or last characters say when not)
    point = _LIST_POINT.match(last) if last[:1] in ("-", "*", "+") or last[:1].isdecimal() else None
    if point:
        return _cut_point(last[point.end():], before) if before is not None else None
    if not last or last.startswith(("#", ">", "|", "`", "<", "!", "{{")) or (last.startswith("[") and "](" in last) \
            or may_hold_code(last) or "](" in last or "://" in last:
        return None
    words = last.split()
    if _cut_shape(last, words, before):
        return " ".join(words[-_LAST_WORDS:])
    if before is not None and len(last) <= 4 and _POINT_NUMBER.fullmatch(last):
        return last  # a point's or a section's number ("17.") with nothing after it
    if len(words) >= _CUT_WORDS and words[-1].isdigit() and len(words[-1]) <= _CUT_NUMBER \
            and words[-2].lower() in _NEVER_LAST:
        return " ".join(words[-_LAST_WORDS:])  # "... tijdens de eurocrisis in 20": a number cut
    if last[-1] in _ENDS_CLEANLY or last[-1].isdigit() or _ADDRESS.search(words[-1]):  # a number ends a line too
        return None
    if before is not None and _cut_word(words, before):
        return " ".join(words[-_LAST_WORDS:])
    if len(words) < _CUT_SHORT:
        return None
    # A shorter line is a heading or a signature, unless it stops on a word no sentence ends with ("in",
    # "de", "the"), or on a comma after another (a closing "Met vriendelijke groet," has only its own).
    if len(words) < _CUT_WORDS and words[-1].lower() not in _NEVER_LAST and (
            last[-1] != "," or "," not in last[:-1]):
        return None
    return " ".join(words[-_LAST_WORDS:])


# A point of a list ("- ", "* ", "+ ", "3. ", "3) "; a point after "•" is read as prose) and what a point may end on.
_LIST_POINT = re.compile(r"(?:[-*+]|\d+[.)])\s+")
_OPENS = "([{"
_POINT_NUMBER = re.compile(r"[0-9]{1,3}[.)]?")
_QUOTES = "\"'“‘„"
# An excerpt's end: a word, then "[…]" or "(...)", or "…" or "..." after a space, as a listing or a feed cuts a
# text short; glued to the word ("spull..."), group 1, the word must be one the text votes cut.
_ELLIPSIS = re.compile(r"\w(?:\s*[\[(](?:…|\.\.\.)[\])]|\s+(?:…|\.\.\.)|(\w)(?:…|\.\.\.))\Z")
# An address that is whole: an e-mail address or a site's name with a domain ("info@x.nl", "www.x.de/y").
_ADDRESS = re.compile(r"@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}|^www\.")


def _cut_shape(last: str, words: list[str], before: str | None) -> bool:
    """A line that ends as only a cut one does: a bracket or a quote opened and never closed, an excerpt's
    ellipsis after some words, or an e-mail address stopped before its domain ("info@gemeente")."""
    if last[-1] in _OPENS or (last[-1] in _QUOTES and len(last) > 1 and last[-2].isspace()):
        return True
    end = words[-1]
    if "@" in end:
        return not _ADDRESS.search(end) and end.rstrip(".,;:").rpartition("@")[0] != ""
    if len(words) < _CUT_SHORT or last[-1] not in ".…])" or before is None:
        return False
    found = _ELLIPSIS.search(last[-40:]) if last.endswith(("…", "...", "…]", "...]", "…)", "...)")) else None
    if not found:
        return False
    if found.group(1):  # "spull...": cut inside a word, or a sentence trailing off ("En dat scheelt…")
        stem = words[-1].rstrip(".…")
        if len(stem) <= _STUB_LETTERS or not stem.isalpha():
            return False
        used = _words_used(before, words)
        return _word_start(stem, used) or _odd_end(stem, used)
    return True


def _cut_point(point: str, before: str) -> str | None:
    """A list's point ends as it pleases ("- 200 gram bloem"), but not inside a word, nor after a long
    run of words on a comma or on a word no sentence ends with: its last words when it stops so."""
    words = point.split()
    if words and _cut_shape(point, words, before):
        return " ".join(words[-_LAST_WORDS:])
    if not words or point[-1] in _ENDS_CLEANLY or point[-1].isdigit() or "](" in point or "://" in point:
        return None
    if (len(words) >= _CUT_SHORT and _cut_word(words, before)) or (
            len(words) >= _CUT_WORDS and (point[-1] == "," or words[-1].lower() in _NEVER_LAST)):
        return " ".join(words[-_LAST_WORDS:])
    return None


def _cut_word(words: list[str], before: str) -> bool:
    """The line's last word is a piece of a word: a few lower-case letters (not initials after a label, nor
    a unit after a time), or a capital alone after other words; or a longer word the text votes cut, as the
    start of one it uses (``_word_start``) or, in lower case or after a word in lower case, by how it ends
    (``_odd_end``). Measured on the labelled corpus (benchmarks/quality.py, "text cut off")."""
    last = words[-1]
    if not last.isalpha() or last in _ABBREVIATIONS:
        return False
    previous = words[-2] if len(words) >= _CUT_SHORT else ""
    if last.islower() and len(last) <= _FRAGMENT_LETTERS:
        # not initials after a label ("Foto: bz"), nor a unit after a time ("om 16.00 uur", "9.30 pm")
        return previous[-1:] != ":" and _TIME.search(previous) is None
    if len(last) == 1:
        return bool(previous) and last not in "AI"
    if len(last) < _STUB_LETTERS or last.isupper():
        return False  # a word in capitals is a name's letters or a marker ("TODO"), never a cut word
    used = _words_used(before, words)
    return _word_start(last, used) or (
        len(last) > _STUB_LETTERS and (last.islower() or previous.islower()) and _odd_end(last, used))


def _words_used(before: str, words: list[str]) -> set[str]:
    """The words of the text before its last word, in lower case: what votes on that word."""
    return {found.lower() for found in WORD.findall(before + " " + " ".join(words[:-1]))}


def _word_start(word: str, used: set[str]) -> bool:
    """The word is the start of a longer one the text uses ("verbindi" where it says "verbinding"), and
    never a word of its own there: the text's own vote that the word was cut."""
    lowered = word.lower()
    return lowered not in used and any(len(other) > len(lowered) and other.startswith(lowered)
                                       and other[len(lowered)].isalpha() for other in used)


def _odd_end(word: str, used: set[str]) -> bool:
    """No word of a text of some length ends in the word's last two letters ("... het dos"): the text's
    vote that the word stops where no word of its language does. Not for a name after a capital
    ("Jan Fink"): the callers ask only of a word in lower case, or one after a word in lower case."""
    if len(used) < _VOTING_WORDS:
        return False
    end = word[-_END_LETTERS:].lower()
    return not any(other.endswith(end) for other in used if len(other) > _END_LETTERS)


# A word the text votes on has at least this many letters (one of more is asked how it ends); the text needs
# this many distinct words before its words' endings vote, on the last two letters. A time of day before a short
# word makes it a unit ("16.00 uur"). Measured on the second corpus (benchmarks/quality.md, branch cut10).
_STUB_LETTERS = 3
_VOTING_WORDS = 50
_END_LETTERS = 2
_TIME = re.compile(r"\d[.:]\d\d\Z")
