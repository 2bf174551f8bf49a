"""Metadata from a raw item: each field has its own extractor, and each value its evidence.

Every extractor returns a ``Found``: the value, the rule that produced it, and the words or line
it came from, so an editor can ask why a draft says what it says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import lru_cache
from itertools import chain, islice

from pipeline.model.config import Config, Term
from pipeline.model.dates import DAY, MINUTE, MONTH, DateValue, parse_date, parse_day_month, parse_epoch, with_day
from pipeline.model.evidence import Found
from pipeline.model.vocabulary import canonical_term
from pipeline.reading.date_lines import find_date_token
from pipeline.reading.lines import is_reference
from pipeline.reading.text import DANGLING_WORDS, comparable, split_sentences, words

# --- date -------------------------------------------------------------------------------------


def extract_date(token: str | None, where: str, config: Config, scraped: datetime,
                 day_lines: Sequence[str] = ()) -> tuple[DateValue | None, Found]:
    """The date the source gives in its header, byline or metadata; never one from the story.

    A month-only date is completed by the first date line of the page's head that names a day of
    the same month ("28 november", "Gepubliceerd: 28 november 2019 14:05"); a day of another month
    is not taken, and the evidence says so. Without a date in the header, the first full date on a
    date line of the head is the date. Relative dates count from ``scraped``, the scrape time."""
    if not token:
        return _date_from_lines(day_lines, config, scraped)
    token = token.strip()
    value = parse_epoch(int(token), config.zone) if re.fullmatch(r"\d{9,13}", token) else None
    value = value or parse_date(token, config.zone, base=scraped, languages=config.languages)
    evidence = f"{where}: {token!r}"
    first = find_date_token(token) if value is None else None
    if first and token.startswith(first):  # "12/12/2017 10:08 - Updated: 13/12/2017 11:00": the first date is its own
        value, evidence = parse_date(first, config.zone), f"{evidence}, its first date {first!r}"
    if value is None:
        return None, Found(None, "date not understood", f"{where}: {token!r}")
    if value.precision == MONTH:
        value, evidence = _completed(value, evidence, day_lines, config)
    precision = "" if value.precision in (DAY, MINUTE) else f", {value.precision} only"
    return value, Found(value.rfc3339(), value.rule + precision, evidence)


def _day_of(line: str, config: Config) -> tuple[int, int, int | None] | None:
    """(day, month, year or None) a date line states."""
    full = parse_date(line, config.zone)
    if full is not None and full.precision in (DAY, MINUTE):
        return full.moment.day, full.moment.month, full.moment.year
    day_month = parse_day_month(" ".join(line.replace(".", " ").split()[:2]))
    if day_month is None:
        return None
    year = re.search(r"\b(?:19|20)\d{2}\b", line)
    return day_month[0], day_month[1], int(year.group()) if year else None


def _completed(value: DateValue, evidence: str, day_lines: Sequence[str],
               config: Config) -> tuple[DateValue, str]:
    others = []
    for line in day_lines:
        found = _day_of(line, config)
        if found is None:
            continue
        day, month, year = found
        if month == value.moment.month and year in (None, value.moment.year):
            completed = with_day(value, day)
            if completed is not None:
                return completed, evidence + f"; day from the line {line!r}"
        others.append(line)
    if others:
        evidence += f"; the line {others[0]!r} is another month, so the day stays unknown"
    return value, evidence


def _date_from_lines(day_lines: Sequence[str], config: Config, scraped: datetime) -> tuple[DateValue | None, Found]:
    """The first day the page's date lines name; else the first month one names alone ("Oktober 2018")."""
    values = [(value, line) for line in day_lines if (value := parse_date(line, config.zone)) is not None]
    for value, line in values:
        if value.precision in (DAY, MINUTE):
            return value, Found(value.rfc3339(), value.rule + ", from a date line of the page head", repr(line))
    for value, line in values:
        if value.precision == MONTH:
            return value, Found(value.rfc3339(), value.rule + ", month only, from a line of the page head", repr(line))
    return None, Found(None, "no date in header, byline, metadata or the page's head", "")


def scrape_time(token: str | None, config: Config, fallback: datetime) -> tuple[datetime, str]:
    """The base for relative dates: a scrape time the source gives, else the file's mtime."""
    if token:
        value = parse_date(token, config.zone)
        if value is not None and value.precision in (DAY, MINUTE):
            return value.moment, f"scrape time given by the source: {token!r}"
    return fallback, "the raw file's modification time"


# --- title and summary ------------------------------------------------------------------------

_DATELINE = re.compile(r"^[A-ZÀ-Þ][A-ZÀ-Þ'’\-. ]{1,40}(?:\s*\([^)]{1,30}\))?\s+[-–—]\s+")


def strip_dateline(text: str) -> str:
    """ "APELDOORN - Het college ..." to "Het college ...": a dateline is never a title."""
    return _DATELINE.sub("", text, count=1)


_NEEDS_MORE = DANGLING_WORDS | frozenset(words("""
dan waar wat wie omdat zodat terwijl nadat wanneer doordat hoewel waarbij waarin waardoor vorig vorige
deze dit zijn haar hun hij zij ze we wij er niet geen heel zeer veel nog ook al maar which that who where
because while when than their his her its not no very more most
"""))


_CLAUSE_WORDS = ("om te", "omdat", "waar", "welke", "die", "dat", "wanneer", "terwijl", "nadat", "zodat", "waardoor",
                 "which", "that", "who", "where", "because", "while")


def shorten(text: str, limit: int) -> str:
    """At most limit characters, cut at a clause or word boundary, never mid-word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    for mark in (": ", "; ", " – ", " - ", ", "):
        position = cut.rfind(mark)
        if position >= limit // 2:
            return cut[:position].rstrip(" ,;:-–")
    if " " not in cut:
        return text[:limit]
    clause = max(cut.rfind(f" {word} ") for word in _CLAUSE_WORDS)
    if clause >= limit * 2 // 5:  # before a subordinate clause: "... algoritmes | om te bepalen welke ..."
        return cut[:clause].rstrip(" ,;:-–")
    words = cut[: cut.rfind(" ")].split(" ")
    # Never end on a word that asks for more ("... parkeerbeleid in", "... in sectoren waar").
    while len(words) > 3 and words[-1].lower() in _NEEDS_MORE:
        words.pop()
    return " ".join(words).rstrip(" ,;:-–")


_CLAUSE_BREAK = re.compile(r"(?:,|;|:|\s[–—-])\s+")
_OPENERS, _CLOSERS = "([{“‘«„", ")]}”’»“"


def _clauses(sentence: str) -> list[tuple[str, str]]:
    """(clause, the mark after it) pairs; a comma inside brackets or quotes breaks no clause. One pass:
    the depth of brackets is kept as the text is walked, never counted over again."""
    pieces: list[tuple[str, str]] = []
    start = depth = position = 0
    breaks = list(_CLAUSE_BREAK.finditer(sentence))
    # Two dashes are a pair around an aside ("promoveren - met dank aan X - naar ..."): what lies
    # between them breaks no clause, and neither do they.
    dashes = [match for match in breaks if match.group().strip() in "–—-"]
    aside = {id(match) for pair in range(len(dashes) // 2) for match in dashes[2 * pair: 2 * pair + 2]}
    inside = False
    for match in breaks:
        segment = sentence[position:match.start()]
        depth += sum(segment.count(ch) for ch in _OPENERS) - sum(segment.count(ch) for ch in _CLOSERS)
        position = match.start()
        if id(match) in aside:
            inside = not inside
            continue
        if depth > 0 or inside:
            continue
        depth = 0
        pieces.append((sentence[start:match.start()], match.group()))
        start = match.end()
    pieces.append((sentence[start:], ""))
    return pieces


def first_clauses(sentence: str, limit: int) -> str:
    """As many whole clauses from the start of a sentence as fit in limit characters; at least the
    first clause of four words or more, whole, however long (an editor shortens it, never a cut)."""
    clauses = _clauses(sentence)
    first, mark = clauses[0]
    kept = [first]
    # The title's length, word count and last character, kept as it grows (never counted over again).
    length, count, last = len(first), len(first.split()), first[-1:]
    for clause, next_mark in clauses[1:]:
        more = mark + clause
        if length + len(more) > limit and count >= 4:
            break
        joined = bool(last) and not last.isspace() and not more[0].isspace()  # "woord" + "," is one word
        count += len(more.split()) - joined
        kept.append(more)
        length, last, mark = length + len(more), more[-1], next_mark
    return "".join(kept).rstrip(" ,;:-–—")


def title_from_lede(lede: str, limit: int) -> Found:
    """The lede's first sentence when it fits, else its first whole clause(s): never cut mid-phrase."""
    lede = lede.split("\n")[0]  # a list's first line at most: a title is one line
    sentences = split_sentences(strip_dateline(lede))
    first = (sentences[0] if sentences else lede).rstrip(" .")
    if len(first) <= limit:
        return Found(first, "first sentence of the lede", first)
    title = first_clauses(first, limit)
    rule = "first clause of the lede's first sentence"
    if len(title) > limit:
        rule += f" (longer than {limit} characters: an editor shortens it)"
    return Found(title, rule, first)


# Words that open a sentence by pointing back at the one before it ("Dat blijkt uit ...").
REFERS_BACK = {
    "nl": frozenset(words("dat dit daarmee die ook deze daarom daardoor daarnaast daarbij hij zij ze")),
    "en": frozenset(words("this that these those it he she they also")),
    "de": frozenset(words("dies diese dieser damit deshalb dabei auch")),
}
_FIRST_WORD = re.compile(r"[\"“‘'(„]*(\w+)")


def refers_back(sentence: str, lang: str) -> bool:
    first = _FIRST_WORD.match(sentence)
    return first is not None and first.group(1).lower() in REFERS_BACK.get(lang, REFERS_BACK["nl"])


# A summary is made of sentences: words with no sentence's end are a label, a teaser's or a caption's
# ("3 days 23 hours ago", "Reacties uit de buurt": lines the model takes for no sub-heading stay paragraphs
# of their own), unless they run long (an excerpt cut off). Measured leave-sites-out: 3 words, 1,108 pages of
# 1,263 had a summary that stands alone; 8, 1,152; 16, 1,177; 30, 1,185.
LABEL_WORDS = 30


def summary_from(paragraphs: list[str], title: str, limit: int, lang: str = "nl") -> Found:
    """One or two sentences from the start of the text that stand alone: not the sentence the title
    was taken from, not opening with a word that refers back, within the limit."""
    title_key = comparable(title)
    # a sentence: not the title's, and not a bare label of a few words without a full stop; read as far as
    # the summary needs (its first four, and on until it is chosen), not all six paragraphs
    sentences = (sentence for paragraph in paragraphs[:6] for sentence in split_sentences(strip_dateline(paragraph)))
    candidates = (s for s in sentences if (key := comparable(s)) and not _holds_title(key, title_key)
                  and not is_reference(s) and (len(s.split()) > LABEL_WORDS or s.endswith((".", "!", "?", "…"))))
    first = list(islice(candidates, 4))
    start = next((i for i, s in enumerate(first) if not refers_back(s, lang)), 0)
    chosen: list[str] = []
    for sentence in chain(first[start:], candidates):
        if chosen and len(" ".join([*chosen, sentence])) > limit:
            break
        chosen.append(sentence)
        if len(chosen) == 2 or len(" ".join(chosen)) > limit // 2:
            break
    if not chosen:
        return Found("", "no sentences besides the title", "")
    summary = " ".join(chosen)
    if len(summary) > limit:
        summary = shorten(summary, limit - 1) + "…"
    skipped = f", {start} sentence(s) that refer back skipped" if start else ""
    return Found(summary, f"{len(chosen)} sentence(s) after the title{skipped}", summary[:80])


def _holds_title(key: str, title_key: str) -> bool:
    """The sentence the title was taken from (whole, cut to a clause, or the headline repeated)."""
    return bool(title_key) and (key.startswith(title_key) or title_key.startswith(key))


# --- vocabulary: tags, section, audience --------------------------------------------------------


@lru_cache(maxsize=512)
def _term_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    # "ontslag*" stands for the word's forms (ontslagen, ontslagregel: at most four more letters),
    # never a longer word that only starts the same ("ontslagnemende").
    parts = [
        re.escape(word.rstrip("*")) + (r"\w{0,4}" if word.endswith("*") else "") for word in words if word.strip("*")
    ]
    if not parts:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.I)


# What a trigger word begins with that tells where in a text it can be found: letters and digits of the Latin
# scripts (whatever re.I matches to one of them is a letter or digit too).
_LATIN_HEAD = re.compile(r"[^\W_\u0250-\U0010ffff]+")


@lru_cache(maxsize=512)
def _heads(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """What a word of the text must begin with for the term's pattern to match where it begins: each
    trigger word's first Latin letters and digits (None when a word begins otherwise)."""
    heads = []
    for word in words:
        if word.strip("*"):
            head = _LATIN_HEAD.match(word.rstrip("*"))
            if head is None:
                return None
            heads.append(re.escape(head.group()))
    return re.compile("|".join(heads), re.I) if heads else None


def count_terms(text: str, terms: Iterable[Term],
                starts: list[tuple[int, str]] | None = None) -> list[tuple[Term, int, list[str]]]:
    """Each term with the number of trigger words found and the first few of them.

    A term's pattern matches only where a word of the text begins (its left edge), and when its trigger
    words begin with Latin letters or digits, only at a word that begins as one of them does. So the
    words that begin as any term's words do are found in one pass over the text (not one a term), and
    each term's pattern is tried only where those begin, left to right, as ``finditer`` would find it.
    ``starts``: those words as `vocabulary_words` found them for these terms and maybe others (the
    words a term's own do not begin are passed over), so that two vocabularies read the text once."""
    terms = tuple(terms)
    triggers_of = [(term.name.lower(), *term.words, *term.synonyms) for term in terms]
    heads = [_heads(triggers) for triggers in triggers_of]
    distinct: Iterable[str] = () if starts is None else dict.fromkeys(word for _, word in starts)
    counted = []
    for term, triggers, head in zip(terms, triggers_of, heads, strict=True):
        pattern = _term_pattern(triggers)
        if pattern is None:
            continue
        if head is None:
            hits = [match.group() for match in pattern.finditer(text)]
        else:
            if starts is None:
                starts = _word_starts(text, [each for each in heads if each is not None])
                distinct = dict.fromkeys(word for _, word in starts)
            hits = []
            end = 0
            mine = {word for word in distinct if head.match(word)}
            for start, word in starts:
                if start >= end and word in mine:
                    match = pattern.match(text, start)
                    if match is not None:
                        hits.append(match.group())
                        end = match.end()
        if hits:
            counted.append((term, len(hits), hits[:5]))
    return counted


def vocabulary_words(text: str, *vocabularies: Iterable[Term]) -> list[tuple[int, str]]:
    """Where each word of the text that begins as a trigger word of any of the vocabularies' terms does
    begins, and the word, in order: what `count_terms` reads for each of them, found in one pass."""
    heads = [_heads((term.name.lower(), *term.words, *term.synonyms)) for terms in vocabularies for term in terms]
    found = [head for head in heads if head is not None]
    return _word_starts(text, found) if found else []


def _word_starts(text: str, heads: list[re.Pattern[str]]) -> list[tuple[int, str]]:
    """Where each word of the text that begins as one of the heads does begins, and the word, in order."""
    every = tuple(sorted({each for head in heads for each in head.pattern.split("|")}))  # Latin letters: no "|"
    at_start, after_edge = _words_beginning(every)
    first = at_start.match(text)
    found = [(match.start(1), match.group(1)) for match in after_edge.finditer(text)]
    return [(0, first.group()), *found] if first is not None else found


@lru_cache(maxsize=64)
def _words_beginning(heads: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The words of a text (whole: from a start `_term_pattern`'s left edge allows) that begin as a head does:
    the one at the text's start, and those after a character of no word (the word in the group), which is
    where every other such word begins. Searched as one character of a set first, the engine passes over
    the other characters without trying the expression at each (it tries it at each where an expression
    begins with a look around)."""
    firsts = "".join(sorted({head[0] for head in heads}))  # tried first: most characters begin no head
    # The shared beginnings nest a group a letter at most: a vocabulary's long word (a hostile configuration)
    # would nest past what the recursion of the function and of the expression's parser allow; "word|word|..."
    # matches the same.
    written = shared_prefixes(heads) if max(map(len, heads), default=0) <= _NESTED_LETTERS else "|".join(heads)
    word = r"(?=(?i:[" + firsts + r"]))(?=(?i:" + written + r"))[\w-]+"
    return re.compile(word), re.compile(r"[^\w-](" + word + ")")


_NESTED_LETTERS = 100  # the longest head whose beginnings `shared_prefixes` writes once


def shared_prefixes(words: Iterable[str]) -> str:
    """An expression that matches where one of the words (letters and digits, none empty) does, as
    "word|word|..." would, with the beginning words share written once ("ba(?:an|nen)" for "baan" and
    "banen"): the engine tries the alternatives of an expression one by one, a shared beginning once."""
    following: dict[str, list[str]] = {}
    ends = False
    for word in words:
        if word:
            following.setdefault(word[0], []).append(word[1:])
        else:
            ends = True
    parts = [first + shared_prefixes(rest) for first, rest in following.items()]
    if not parts:
        return ""
    if len(parts) == 1 and not ends:
        return parts[0]
    return "(?:" + "|".join(parts) + ")" + ("?" if ends else "")


def extract_tags(text: str, config: Config, starts: list[tuple[int, str]] | None = None) -> Found:
    counted = count_terms(text, config.tags, starts)
    order = {term.name: index for index, term in enumerate(config.tags)}
    ranked = sorted(counted, key=lambda item: (-item[1], order[item[0].name]))[: config.max_tags]
    tags = [term.name for term, _count, _hits in ranked]
    evidence = "; ".join(f"{term.name}: {count}x ({', '.join(dict.fromkeys(hits))})" for term, count, hits in ranked)
    return Found(tags, "vocabulary words found in title and text", evidence)


def extract_section(text: str, config: Config, starts: list[tuple[int, str]] | None = None) -> Found:
    counted = count_terms(text, config.sections, starts)
    if not counted:
        return Found("", "no section's words found", "")
    order = {term.name: index for index, term in enumerate(config.sections)}
    term, count, hits = min(counted, key=lambda item: (-item[1], order[item[0].name]))
    return Found(term.name, "section with the most words found", f"{count}x ({', '.join(dict.fromkeys(hits))})")


def section_given(given: str | None, config: Config) -> Found | None:
    """The source's own section, when it is one of the vocabulary's."""
    if given:
        for value in given.split(","):
            canonical = canonical_term(value, config.sections)
            if canonical:
                return Found(canonical, "section given by the source", given)
    return None


def extract_audience(given: str | None, config: Config) -> Found:
    if given:
        canonical = canonical_term(given, config.audiences)
        if canonical:
            return Found(canonical, "audience given by the source", given)
    return Found(config.default_audience, "default audience from the config", "")


# --- slug -------------------------------------------------------------------------------------


def make_slug(title: str, limit: int = 60, empty: str = "untitled") -> str:
    """A file name's words from a title: lower-case ASCII letters and digits joined by hyphens, at most
    limit characters, cut between words; `empty` for a title of no letters or digits."""
    from slugify import slugify

    slug: str = slugify(title, max_length=limit, word_boundary=True, save_order=True)
    return slug or empty
