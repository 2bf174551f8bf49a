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
from pipeline.stages.cut_off import WORD, capped, cut_off_ending, unfinished_ending

_BACKTICKS = re.compile(r"`+")


_RAW_HEADER = re.compile(r"^\s*date\s+\d{4}-\d{2}(?:-\d{2})?\b", re.I)


_HTML = re.compile(r"<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)")


_HEADING = re.compile(r"^ {0,3}(#+)(.*)$")


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
# What that match needs in the text's UTF-8 bytes lowered: "date" and a byte a white space can start with (an ASCII
# one, or the first of a character beyond ASCII). Searched first, for its literal start (the case-blind pattern above
# is tried at each character); "date" alone is common ("kandidaten", "update").
_RAW_HEADER_BYTES = re.compile(rb"date[\t-\r\x1c-\x20\x80-\xff]")


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


def count_words(text: str, enough: int | None = None, folded: bytes | None = None) -> int:
    """How many words (runs of letters and digits, joined by - or ') the text holds; with `enough`,
    counting may stop once there are that many (the count is then at least `enough`).

    A word never spans whitespace, so the count is the sum over whitespace-separated chunks; a chunk
    of letters and digits only (most of them) is one word, counted in C, and only the rest (with
    punctuation) goes through the regex. With `enough`, the words the text's start plainly begins are
    counted first (``_plain_starts`` of its first bytes, a few passes in C and no chunk made): enough there settle
    it. ``folded``: the text's UTF-8 bytes (in lower case or not), when the caller has them."""
    if enough is not None:
        limit = enough * _CHARS_A_WORD
        plain = _plain_starts((text[:limit].encode("utf-8", "surrogatepass") if folded is None else folded)[:limit])
        if plain >= enough:
            return plain
    chunks = text.split()
    plain = sum(map(str.isalnum, chunks))
    if enough is not None and plain >= enough:
        return plain
    rest = " ".join(itertools.filterfalse(str.isalnum, chunks))
    return plain + len(WORD.findall(rest))


def _plain_starts(data: bytes) -> int:
    """How many words of a text's UTF-8 bytes begin with an ASCII letter or digit at their start or after an ASCII
    space, tab or line break: never more than the text holds, as each such character begins a word of its own (the
    regex's match cannot run over the whitespace before it), and in news text nearly all of them."""
    marked = data.translate(_STARTS)
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
    # A raw header is looked for only in prose with a dash ("date 2026-02") and "date" in its lowered bytes (as in its
    # lowered text: no character lowers to d, a, t or e but these), a placeholder's first words only when
    # placeholders are configured and plain ASCII (else only the regex knows): one pass of the lowered text for each
    # word wanted.
    leads = _placeholder_leads(config.placeholders) if pattern is not None else ()
    asked = leads is not None and not _has_folds(prose)
    folded = prose.encode("utf-8", "surrogatepass").lower()  # one encoding for the looks in C below
    # (bytes.find, not `in`: `in` first asks whether the word is an integer's index, and raises and clears a
    # TypeError for every look)
    raw_header = ("-" in prose and folded.find(b"date") != -1 and _RAW_HEADER_BYTES.search(folded) is not None
                  and _RAW_HEADER_ANYWHERE.search(prose) is not None)
    placeholder = (pattern is not None and (not asked or any(_case_blind_words(prose, leads or (), folded)))
                   and pattern.search(prose) is not None)
    words = count_words(text, config.min_words, folded if prose is text else None)
    return BodyFacts(text, False, words, cut_off_ending(text), prose, links,
                     may_hold_code(text), "#" in prose, html, raw_header, placeholder)


def _case_blind_words(text: str, words: tuple[str, ...], folded: bytes | None = None) -> list[bool]:
    """For each word (plain ASCII, in lower case), whether the text holds it in any case, as ``word in
    text.lower()`` says. Without İ or K (Kelvin), the only characters whose lower case holds an ASCII
    letter, the text's UTF-8 bytes lowered hold the same ASCII runs, and are made in a third of the time
    (``folded``: those bytes, when the caller has them)."""
    if "\u0130" in text or "\u212a" in text:
        lowered = text.lower()
        return [word in lowered for word in words]
    if folded is None:
        folded = text.encode("utf-8", "surrogatepass").lower()
    find = folded.find  # (not `in`, which raises and clears a TypeError for each word: see read_body)
    return [find(word.encode("ascii")) != -1 for word in words]


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
    ending = facts.ending
    if ending is None and capped(article.meta):
        ending = unfinished_ending(facts.text)  # the raw file stopped at the scraper's cap: any unfinished end
    if ending is None:
        return []
    index, last_words = ending
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
