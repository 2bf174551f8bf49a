"""Validation rules for an article's body: headings, raw HTML and headers, links, placeholders, length."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pipeline.model.article import Article
from pipeline.model.config import Config
from pipeline.model.links import may_hold_links, unsafe_targets
from pipeline.model.markdown import Line, fenced, may_hold_code
from pipeline.model.problems import BODY, WARNING, Problem, _problem, line_order

_BACKTICKS = re.compile(r"`+")


_RAW_HEADER = re.compile(r"^\s*date\s+\d{4}-\d{2}(?:-\d{2})?\b", re.I)


_HTML = re.compile(r"<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)")


_HEADING = re.compile(r"^ {0,3}(#+)(.*)$")


_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def _blank_inline_code(body: str) -> str:
    """The body with what inline code holds blanked out (same length, same lines: a code span is taken
    not to span a line). Its backticks stay: a heading made of code ("## `slug`") is not an empty one.

    As CommonMark reads code spans: a run of backticks opens one that the next run of the same length
    on its line closes; a run with no such partner is text. Linear in the body: each line's runs are
    indexed by length once, and each length's index is walked forwards only (a regex with a
    backreference tried every run against every later one: 1,000 backticks took seconds)."""
    if "`" not in body:
        return body
    return "\n".join(_blank_line_code(line) if "`" in line else line for line in body.split("\n"))


def _blank_line_code(line: str) -> str:
    runs = [(found.start(), found.end()) for found in _BACKTICKS.finditer(line)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    walked = dict.fromkeys(by_length, 0)  # per length: where in its index the next look starts
    pieces: list[str] = []
    kept = 0  # how much of the line is in pieces
    index = 0
    while index < len(runs):
        start, end = runs[index]
        length = end - start
        same, at = by_length[length], walked[length]
        while at < len(same) and same[at] <= index:
            at += 1
        walked[length] = at
        if at == len(same):
            index += 1  # no partner later on the line: the run is text
            continue
        closer = same[at]
        close_end = runs[closer][1]
        pieces += [line[kept:start], "`", " " * (close_end - start - 2), "`"]
        kept = close_end
        index = closer + 1
    pieces.append(line[kept:])
    return "".join(pieces)


def _prose_lines(body: str, blanked: str) -> Iterator[tuple[int, str]]:
    """(index, line) of the body outside fenced code, with inline code blanked out."""
    lines = fenced(body.split("\n"))
    for index, ((_, where), prose) in enumerate(zip(lines, blanked.split("\n"), strict=True)):
        if where is Line.PROSE:
            yield index, prose


# Cheap searches of the whole (blanked) body that every per-line match implies, as a line's match
# is a match in the body at the same place: a clean body costs a few scans, not five per line.
_RAW_HEADER_ANYWHERE = re.compile(r"date\s+\d{4}-\d{2}", re.I)


def _has_folds(text: str) -> bool:
    """Whether the text holds İ, ı or ſ: the only characters a case-blind regex matches to an ASCII
    letter that lower() does not turn into it (checked over all of Unicode)."""
    return "\u0130" in text or "\u0131" in text or "\u017f" in text


@functools.lru_cache(maxsize=8)
def _placeholder_leads(words: tuple[str, ...]) -> tuple[str, ...] | None:
    """The first word of each placeholder, in lower case: a line that holds one holds its first word.
    None when a placeholder is not plain ASCII (then case folding is not lower(), and only the regex knows)."""
    leads = tuple(word.split()[0].lower() for word in words if word.strip())
    return leads if all(lead.isascii() for lead in leads) else None


def _may_hold_placeholder(text: str, leads: tuple[str, ...] | None) -> bool:
    """False only when no placeholder can be in the text: a quick look before the regex (each lead in text.lower(),
    as ``_case_blind_words`` finds it without lowering the text a character at a time)."""
    if leads is None or _has_folds(text):
        return True
    return any(_case_blind_words(text, leads))


def placeholder_word(found: re.Match[str]) -> str:
    """The placeholder a match found, without the list or quote marks before a marker (``- todo:``)."""
    return found.group().lstrip(" \t-*+>#")


# The start of a text looked at first when counting may stop at `enough` words: this many characters a word.
_CHARS_A_WORD = 10
# A text's UTF-8 bytes marked by what may start a word: an ASCII space, tab or line break " ", an ASCII letter or
# digit "a", any other byte "#". Each " a" then starts a word of its own (a word never spans whitespace).
_STARTS = bytes(32 if byte in b" \t\n\r\x0b\x0c" else 97 if chr(byte).isascii() and chr(byte).isalnum() else 35
                for byte in range(256))


def count_words(text: str, enough: int | None = None) -> int:
    """How many words (runs of letters and digits, joined by - or ') the text holds; with `enough`,
    counting may stop once there are that many (the count is then at least `enough`).

    A word never spans whitespace, so the count is the sum over whitespace-separated chunks; a chunk
    of letters and digits only (most of them) is one word, counted in C, and only the rest (with
    punctuation) goes through the regex. With `enough`, the words the text's start plainly begins are
    counted first (``_plain_starts``, a few passes in C and no chunk made): enough there settle it."""
    if enough is not None:
        plain = _plain_starts(text[:enough * _CHARS_A_WORD])
        if plain >= enough:
            return plain
    chunks = text.split()
    plain = sum(map(str.isalnum, chunks))
    if enough is not None and plain >= enough:
        return plain
    rest = " ".join(itertools.filterfalse(str.isalnum, chunks))
    return plain + len(_WORD.findall(rest))


def _plain_starts(text: str) -> int:
    """How many words of the text begin with an ASCII letter or digit at its start or after an ASCII space, tab or
    line break: never more than it holds, as each such character begins a word of its own (the regex's match cannot
    run over the whitespace before it), and in news text nearly all of them."""
    marked = text.encode("utf-8", "surrogatepass").translate(_STARTS)
    return marked.count(b" a") + (marked[:1] == b"a")


@dataclass(frozen=True, init=False)
class BodyFacts:
    """What one look over a body tells every body rule: each fact is found once and read by the rules
    that need it (the body was looked over a dozen times before, once by each rule and guard)."""

    text: str  # the body, its \r\n ends as \n
    blank: bool  # nothing but whitespace
    words: int  # its words, counted until there are enough (count_words)
    ending: tuple[int, str] | None  # its last line and last words when it stops mid-sentence (cut_off_ending)
    prose: str  # the text with what inline code holds blanked out (the text itself when it has no backtick)
    links: bool  # it may hold a link or an image (links.may_hold_links)
    code: bool  # it may hold code (markdown.may_hold_code)
    headings: bool  # a # in the prose
    html: bool  # a < in the prose
    raw_header: bool  # a raw header's "date 2026-02" somewhere in the prose
    placeholder: bool  # a placeholder somewhere in the prose

    def __init__(self, text: str, blank: bool, words: int, ending: tuple[int, str] | None, prose: str, links: bool,
                 code: bool, headings: bool, html: bool, raw_header: bool, placeholder: bool) -> None:
        # Frozen all the same, set in one step: one is made for every file checked (a frozen dataclass's own
        # __init__ sets each field through object.__setattr__)
        self.__dict__.update(text=text, blank=blank, words=words, ending=ending, prose=prose, links=links, code=code,
                             headings=headings, html=html, raw_header=raw_header, placeholder=placeholder)


def read_body(body: str, config: Config, pattern: re.Pattern[str] | None) -> BodyFacts:
    """The facts of a body that its rules read, each found in one look at the text.

    A word a rule needs, looked for with str's `in` (far quicker than a regex scan), guards its regex; a
    look for a longer string is made only where one of its characters is (a look for one character costs
    a tenth of one for several)."""
    text = body.replace("\r\n", "\n") if "\r" in body else body
    if not text or text.isspace():  # as `not text.strip()`, without a copy
        return BodyFacts(text, True, 0, None, text, False, False, False, False, False, False)
    prose = _blank_inline_code(text)
    html = "<" in prose
    links = html or may_hold_links(text)
    # A raw header's "date" is looked for only in prose with a dash ("date 2026-02"), a placeholder's first words
    # only when placeholders are configured and plain ASCII (else only the regex knows): one pass of the lowered
    # text for the words wanted, none when none is.
    dashed = "-" in prose
    leads = _placeholder_leads(config.placeholders) if pattern is not None else ()
    asked = leads is not None and not _has_folds(prose)
    wanted = (("date",) if dashed else ()) + (leads if asked and leads else ())
    found = _case_blind_words(prose, wanted) if wanted else []
    raw_header = dashed and found[0] and _RAW_HEADER_ANYWHERE.search(prose) is not None
    placeholder = (pattern is not None and (not asked or any(found[dashed:]))
                   and pattern.search(prose) is not None)
    return BodyFacts(text, False, count_words(text, config.min_words), cut_off_ending(text), prose, links,
                     may_hold_code(text), "#" in prose, html, raw_header, placeholder)


def _case_blind_words(text: str, words: tuple[str, ...]) -> list[bool]:
    """For each word (plain ASCII, in lower case), whether the text holds it in any case, as ``word in
    text.lower()`` says. Without İ or K (Kelvin), the only characters whose lower case holds an ASCII
    letter, the text's UTF-8 bytes lowered hold the same ASCII runs, and are made in a third of the time."""
    if "\u0130" in text or "\u212a" in text:
        lowered = text.lower()
        return [word in lowered for word in words]
    folded = text.encode("utf-8", "surrogatepass").lower()
    return [word.encode("ascii") in folded for word in words]


def check_body(article: Article, config: Config, body_line: int | None,
               pattern: re.Pattern[str] | None) -> list[Problem]:
    """The body's problems, in the order of its lines."""
    facts = read_body(article.body, config, pattern)

    def at(index: int) -> int | None:
        return body_line + index if body_line is not None else None

    if facts.blank:
        return [_problem(article, BODY, "body-empty", "the article has no text: write the body below the front matter",
                         line=body_line)]
    problems = _check_length(article, facts, config, body_line) + _check_ending(article, facts, at)
    problems += _check_lines(article, facts, pattern, at)
    if facts.links:
        problems += _check_links(article, facts.text, at)
    # Stable: problems on one line keep the order the rules found them in (the text's end comes first).
    if len(problems) > 1:
        problems.sort(key=line_order)
    return problems


def _check_length(article: Article, facts: BodyFacts, config: Config, body_line: int | None) -> list[Problem]:
    if facts.words >= config.min_words:
        return []
    return [_problem(article, BODY, "min-words", f"has {facts.words} words, at least {config.min_words} needed "
                     "(validate.min_words)", line=body_line)]


def _check_ending(article: Article, facts: BodyFacts, at: Callable[[int], int | None]) -> list[Problem]:
    if facts.ending is None:
        return []
    index, last_words = facts.ending
    return [_problem(article, BODY, "cut-off", f"the text ends mid-sentence ('... {last_words}'): the page may have "
                     "been cut off; check the source", WARNING, line=at(index))]


def _check_lines(article: Article, facts: BodyFacts, pattern: re.Pattern[str] | None,
                 at: Callable[[int], int | None]) -> list[Problem]:
    """The rules of a line: raw header lines, raw HTML, placeholders, headings; never inside code."""
    raw_header, html, placeholder, heading = facts.raw_header, facts.html, facts.placeholder, facts.headings
    if not (raw_header or html or placeholder or heading):
        return []
    if not (raw_header or html or placeholder) and not facts.code:
        return _check_headings(article, facts.prose, at)  # the usual article: headings, no code
    problems: list[Problem] = []
    level = 1
    for index, line in _prose_lines(facts.text, facts.prose):
        if raw_header and _RAW_HEADER.match(line):
            problems.append(_problem(article, BODY, "raw-header", "a raw header line was left in the text: "
                                     "remove it (the date belongs in the front matter)", line=at(index)))
        found = _HTML.search(line) if html else None
        if found:
            problems.append(_problem(article, BODY, "raw-html", f"raw HTML {found.group()[:40]!r}: Hugo leaves it "
                                     "out without a word; write Markdown instead", line=at(index)))
        found = pattern.search(line) if placeholder and pattern is not None else None
        if found:
            problems.append(_problem(article, BODY, "placeholder", f"the placeholder {placeholder_word(found)!r} is "
                                     "left in the text: finish it", line=at(index)))
        marked = _HEADING.match(line) if heading else None
        if marked:
            problem, level = _check_heading(article, marked, level, at(index))
            if problem is not None:
                problems.append(problem)
    return problems


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
    return {found.lower() for found in _WORD.findall(before + " " + " ".join(words[:-1]))}


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


def _check_links(article: Article, text: str, at: Callable[[int], int | None]) -> list[Problem]:
    """A link or image a browser would follow to anything but http, https, mailto or a relative address."""
    return [_problem(article, BODY, "unsafe-link", f"a {found.scheme}: link or image {found.target[:40]!r}: a "
                     "page may link only to http, https, mailto or a relative address; remove it",
                     line=at(found.line))
            for found in unsafe_targets(text)]


def _check_headings(article: Article, blanked: str, at: Callable[[int], int | None]) -> list[Problem]:
    """The heading rules on the heading lines alone (only for text without fences)."""
    problems, level = [], 1
    for index, line in _heading_lines(blanked):
        heading = _HEADING.match(line)
        if heading:
            problem, level = _check_heading(article, heading, level, at(index))
            if problem is not None:
                problems.append(problem)
    return problems


def _heading_lines(text: str) -> Iterator[tuple[int, str]]:
    """(index, line) of each line that starts with up to three spaces and a #, found with str.find:
    a regex scan of every character costs more than the rest of the body rules together."""
    index, line_start, position = 0, 0, text.find("#")
    while position != -1:
        start = text.rfind("\n", 0, position) + 1
        index += text.count("\n", line_start, start)
        line_start = start
        end = text.find("\n", position)
        if end == -1:
            end = len(text)
        if position - start <= 3 and not text[start:position].strip(" "):
            yield index, text[start:end]
        position = text.find("#", end)  # only a line's first # can open a heading


def _check_heading(article: Article, heading: re.Match[str], previous: int,
                   line: int | None) -> tuple[Problem | None, int]:
    marks, rest = heading.group(1), heading.group(2)
    level = len(marks)
    if rest and not rest[0].isspace():
        if level > 6:
            return None, previous
        return _problem(article, BODY, "heading-space", f"{heading.group().strip()[:40]!r} needs a space after "
                        "the #s to be a heading (escape a hashtag as \\#)", line=line), previous
    if level > 6:
        return _problem(article, BODY, "heading-level", "more than six #s is not a heading: use ## to ######",
                        line=line), previous
    if not rest.strip().strip("#").strip():
        return _problem(article, BODY, "heading-empty", "a heading with no text: write it or remove the line",
                        line=line), level
    if level == 1:
        return _problem(article, BODY, "heading-h1", "a level-1 heading (# ): the title is the page's only one; "
                        "use ## for sections", WARNING, line), level
    if level > previous + 1:
        return _problem(article, BODY, "heading-skip", f"a level-{level} heading after a level-{previous} one "
                        f"(the title is level 1): use {'#' * (previous + 1)} here", WARNING, line), level
    return None, level
