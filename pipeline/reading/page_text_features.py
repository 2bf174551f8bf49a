"""What a whole page's text says of its kind: is it an article, or an index, shop, agenda or login page?

Four families, all computed from the text alone: shallow line statistics and vocabularies (short lines,
prose, prices, times and dates, shop, login, agenda and vacancy words, "read more" links, separators,
questions, cut-off lines, list items), the structure of teaser lists (a headline-like line, perhaps a date
line, one paragraph, perhaps "lees meer", repeated; distinct days, repeated lines and line shapes, a first
line naming a section), whether the page stays on one subject (how much each block shares with the
blocks before it) and how long its text runs on (the longest run of prose lines, in lines and characters, and
the prose's share of the characters: an index page's prose comes one teaser at a time); and how much of the
page repeats one pattern, found by no word list (``repetition_features``: a run of line kinds that comes back,
lines ending or opening with the same two words, blocks of one shape). ``page_kind`` weighs them. A page is read
up to ``MAX_CHARS``, as the labelled excerpts were.

Judging runs on every page ingest reads, so the features are found in one pass over the page's lines, each
line split into its words once. A scan that backtracks over every character is the cost here (Python's
``re`` tries a pattern at each position unless the pattern opens with a character class), so the patterns
open with a class and test their word boundary after it, and a pattern is run only on lines a substring test
has not ruled out. The values are exactly those of the plain form, one regex a line and a feature
(``tests/reading/page_text_reference.py``, checked against it on any text). Four features that carried
nothing leave-sites-out were dropped (pagination, "time ago" lines, an error message, teasers ending in "read
more": ``benchmarks/page_kind.md``).
"""

from __future__ import annotations

import collections
import itertools
import math
import re
from collections.abc import Iterable

_WORD = re.compile(r"[^\W\d_]+")


def _latin1_letters() -> str:
    """The characters up to U+00FF that _WORD takes for letters, as a class of ranges ("a-z", "ß-ö", ...)."""
    ranges: list[list[int]] = []
    for code in range(0x100):
        if _WORD.match(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(re.escape(chr(low)) + (f"-{re.escape(chr(high))}" if high > low else "") for low, high in ranges)


# The same words in a line of Latin-1 (most lines), a class of ten ranges: quicker to scan than _WORD's
# categories, which ask Unicode's tables of every character.
_LATIN1_WORD = re.compile(f"[{_latin1_letters()}]+")


def _is_latin1(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


_DIGIT = re.compile(r"\d")
# "\b\d" written as "\d(?<!\w\d)": the same matches, but the scan skips to the next digit in C.
_PRICE = re.compile(r"[€$£\d](?:(?<=[€$£])\s?\d"
                    r"|(?<=\d)(?:[\d.]*,(?:-|\d{2})\b|(?<!\w\d)\d*[.,]\d{2}\s?(?:euro|eur)\b))", re.I)
_TIME = re.compile(r"\d(?<!\w\d)\d?[:.]\d{2}\b")
_DATE = re.compile(r"\d(?<!\w\d)(?:\d?[-/. ](?:\d{1,2}|[a-zA-Zé]{3,9}\.?)[-/. ]\d{2,4}\b|\d{3}-\d{2}-\d{2}\b)")
_CLOSERS = "\"”’')»"
_ENDS = (".", "!", "?", "…")


def _ends_a_sentence(line: str) -> bool:
    """A sentence's end mark, perhaps followed by closing quotes or brackets, ends the line."""
    return line.rstrip(_CLOSERS).endswith(_ENDS)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SHOP = _words("""winkelwagen winkelmand bestellen bestel besteld levertijd voorraad verzending verzendkosten
    afrekenen kopen koop korting aanbieding btw incl excl artikelnummer productinformatie specificaties
    retourneren garantie cart checkout shipping stock buy order price sale warenkorb kaufen versand lieferzeit
    preis angebot""")
_LOGIN = _words("""inloggen login wachtwoord password account registreren aanmelden uitloggen gebruikersnaam
    username anmelden passwort""")
_AGENDA = _words("""agenda evenement evenementen tickets ticket aanvang locatie toegang entree programma
    kaartverkoop reserveren events event veranstaltung termine""")
_VACANCY = _words("""vacature vacatures solliciteer solliciteren sollicitatie functie-eisen dienstverband
    salarisindicatie uur vacancy apply hiring stellenangebot bewerben""")
_VOCABULARIES = _SHOP | _LOGIN | _AGENDA | _VACANCY
_TEASER = ("lees meer", "lees verder", "read more", "meer info", "bekijk", "weiterlesen", "mehr erfahren",
           "meer lezen", "alle nieuws", "toon meer")
_PLACE_START = re.compile(r"[A-ZÀ-Þ][A-ZÀ-Þ'’. -]{2,30}\s[-–—]\s")  # "FRANEKER - ", "DEN HELDER – "

_MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
           "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec|january|february|march|may|june|july|august|"
           "october|januar|februar|märz|mai|dezember")


def _after_first_letter() -> str:
    """The months' names after their first letter, each behind a look-back at that letter (a name is
    followed by a day and a year, so which of its forms comes first does not matter)."""
    names = _MONTHS.split("|")
    return "|".join(f"(?<={letter})(?:{'|'.join(name[1:] for name in names if name[0] == letter)})"
                    for letter in dict.fromkeys(name[0] for name in names))


# A day: "12-03-2024", "2024-03-12", "12 maart 2024", "March 12, 2024". The first character is a class (a
# digit or a month's first letter, in either case; "ſ" is an "s" to re.IGNORECASE), so a scan goes from one
# such character to the next in C; the word boundary before it is a look-back.
_DAY_BY_NUMBER = (rf"(?<=\d)(?:\d?[-/.]\d{{1,2}}[-/.]\d{{2,4}}\b|\d{{3}}-\d{{2}}-\d{{2}}\b"
                  rf"|\d?\.? (?:{_MONTHS})\.?(?: \d{{4}})?\b)")
_DAY = re.compile(rf"[\dJFMASONDjfmasondſ](?<!\w.)(?i:{_DAY_BY_NUMBER}"
                  rf"|(?<!\d)(?:{_after_first_letter()}) \d{{1,2}},? \d{{4}}\b)")
# Most lines cannot hold "March 12, 2024" (no day and year after a word): there only the days that open with a
# digit are looked for, a scan that stops at digits rather than at most letters, and finds the same days.
_DAY_FROM_DIGIT = re.compile(rf"\d(?<!\w\d)(?i:{_DAY_BY_NUMBER})")
_DAY_AND_YEAR = re.compile(r"\d,? \d{4}")


def _days_in(line: str) -> re.Pattern[str]:
    """The pattern that finds the line's days: _DAY, or the quicker one where it finds the same."""
    return _DAY if _DAY_AND_YEAR.search(line) else _DAY_FROM_DIGIT


_CLOCK = re.compile(r"\d(?<!\w\d)\d?(?:[:.]\d{2}|u\d{2})\b")
_AGO = re.compile(r"\b(?:\d+|een|a|an) (?:minuten?|min|uur|uren|dagen|dag|weken|week|maanden|seconds?|minutes?|"
                  r"hours?|days?|weeks?|months?|stunden?|tagen?) (?:geleden|ago)\b"
                  r"|\bvor \d+ (?:stunden?|tagen?|minuten)\b",
                  re.I)
_AGO_WORDS = ("geleden", "ago", "vor")  # one is in every line _AGO finds (letters re.I folds as lower() does)
_MORE = re.compile(r"^(?:lees meer|lees verder|read more|meer lezen|verder lezen|weiterlesen|mehr|meer info|more|"
                   r"bekijk|lees het hele|continue reading|»|>)\W{0,5}", re.I)
_MORE_ANY = re.compile(r"\b(?:lees meer|lees verder|read more|verder lezen|weiterlesen|continue reading|meer info)\b",
                       re.I)
_MORE_PHRASES = ("lees meer", "lees verder", "read more", "verder lezen", "weiterlesen", "continue reading",
                 "meer info")
_FOLDED = ("ſ", "ı", "\u0307")  # re.IGNORECASE reads "ſ" as "s", "ı" and "İ" (lowered: "i\u0307") as "i"
_INDEX_HEAD = re.compile(r"\b(?:nieuws|news|archief|archive|archiv|agenda|overzicht|categorie|category|categories|"
                         r"rubriek|tag|tags|zoekresultaten|search results|results|resultaten|berichten|posts|blog|"
                         r"nachrichten|aktuelles|meldingen|evenementen|events|activiteiten|actueel|laatste|latest|"
                         r"alle|all|topics?|onderwerp|dossier)\b", re.I)
_LETTERS = re.compile(r"[^\W\d_]+")
_NUMBERS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_NAME = re.compile(r"[A-Z](?<=\s[A-Z])[a-zà-ÿ]{3,}")  # a capitalised word after a space


def _shape(line: str) -> str:
    """A line's shape: digits as 0, words as W or w ("2 juni 2020 -" and "25 mei 2020 -" alike)."""
    shape = _LETTERS.sub(lambda match: "W" if match.group()[0].isupper() else "w", _NUMBERS.sub("0", line))
    return _SPACES.sub(" ", shape)


_FIVE = 5


class _Line:
    """A non-blank line, trimmed, and what every feature asks of it, found once."""

    __slots__ = ("content", "digits", "ends", "kind", "lower", "lowered_words", "text", "tokens", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        self.lower = text.lower()
        self.words = len(text.split())
        self.ends = _ends_a_sentence(text)
        self.digits = _DIGIT.search(text) is not None
        if "İ" in text or "Σ" in text:  # lowered on their own: "İ" becomes two characters, "Σ" depends on its word
            words = _WORD.findall(text)
            self.tokens = [word.lower() for word in words]
            self.content = {low for word, low in zip(words, self.tokens, strict=True) if len(word) >= 5}
            self.lowered_words = _WORD.findall(self.lower)
        else:  # lower() maps every other letter to one letter, as it would in its word alone
            self.tokens = self.lowered_words = (_LATIN1_WORD if _is_latin1(self.lower) else _WORD).findall(self.lower)
            # the longer words, for the subject (filtered in C: a page has a few hundred words)
            self.content = set(itertools.compress(self.tokens, map(_FIVE.__le__, map(len, self.tokens))))
        self.kind = self._kind()

    def _kind(self) -> str:
        """One letter: M a 'read more' link, D a date line, P prose, H headline-like, S anything else."""
        text, words = self.text, self.words
        if words <= 5 and _MORE.match(text):
            return "M"
        if words <= 10 and ((self.digits and _days_in(text).search(text)) or self.ago()
                            or (words <= 6 and self.digits and _CLOCK.search(text))):
            return "D"
        if words >= 12 or (words >= 7 and self.ends):
            return "P"
        if (2 <= words <= 18 and (text[:1].isupper() or text[:1].isdigit()) and not text.endswith(":")
                and not _ends_a_sentence(text.rstrip("?!"))):
            return "H"
        return "S"

    def ago(self) -> bool:
        return any(word in self.lower for word in _AGO_WORDS) and _AGO.search(self.text) is not None


def _union(sets: Iterable[set[str]]) -> set[str]:
    out: set[str] = set()
    for words in sets:
        out |= words
    return out


def _cohesion(paragraphs: list[_Line]) -> float:
    """How many paragraphs after the first share two or more longer words with those before them: an
    article comes back to its names and subject, a list of teasers moves on to the next story."""
    if len(paragraphs) < 2:
        return 1.0
    seen: set[str] = set()
    shared = 0
    for index, paragraph in enumerate(paragraphs):
        if index and len(paragraph.content & seen) >= 2:
            shared += 1
        seen |= paragraph.content
    return shared / (len(paragraphs) - 1)


_CUT = ("…", "...", "[…]", "[...]")
_LIST = ("- ", "• ", "* ", "· ")


def page_features(text: str, lines: list[_Line]) -> dict[str, float]:
    """Shallow line statistics and vocabularies; lines are the text's non-blank lines."""
    count = max(len(lines), 1)
    tokens = [token for line in lines for token in line.tokens]
    token_count = max(len(tokens), 1)
    lowered = text.lower()
    found = _VOCABULARIES.intersection(tokens)  # most pages hold none or a few of these words

    def rate(vocabulary: frozenset[str]) -> float:
        return 100 * sum(tokens.count(word) for word in found & vocabulary) / token_count

    teasers_here = any(mark in lowered for mark in _TEASER)  # most pages have none: no line is asked
    words = short = prose = no_end = teasers = separators = questions = cut = places = listed = 0
    prices = times = dates = dates_seen = 0
    headlines: list[bool] = []
    for line in lines:
        line_text, n = line.text, line.words
        words += n
        short += n <= 4
        if line.ends:
            prose += n >= 8
        else:
            no_end += n >= 5
        if teasers_here:
            teasers += any(mark in line.lower for mark in _TEASER)
        separators += "|" in line_text or " · " in line_text or " • " in line_text
        questions += line_text.endswith("?")
        cut += line_text.endswith(_CUT)
        places += _PLACE_START.match(line_text) is not None
        listed += line_text.startswith(_LIST)
        headlines.append(3 <= n <= 14 and line_text[:1].isupper() and not line.ends and not line_text.endswith(":"))
        if line.digits:
            found_times = len(_TIME.findall(line_text))
            found_dates = len(_DATE.findall(line_text))
            dates_seen += found_times + found_dates
            times += found_times > 0
            dates += found_dates > 0
            prices += _PRICE.search(line_text) is not None
    pairs = sum(1 for a, b, line in zip(headlines, headlines[1:], lines[1:], strict=False)
                if a and not b and line.words >= 12)
    return {
        "lines_log": math.log1p(len(lines)),
        "words_log": math.log1p(len(tokens)),
        "words_per_line": words / count,
        "short_lines": short / count,
        "prose_lines": prose / count,
        "no_end_lines": no_end / count,
        "price_lines": prices / count,
        "time_lines": times / count,
        "date_lines": dates / count,
        "shop_words": rate(_SHOP),
        "login_words": rate(_LOGIN),
        "agenda_words": rate(_AGENDA),
        "vacancy_words": rate(_VACANCY),
        "teaser_lines": teasers / count,
        "separator_lines": separators / count,
        "question_lines": questions / count,
        "headline_lines": sum(headlines) / count,
        "teaser_pairs": pairs / count,
        "cut_lines": cut / count,
        "dates_seen": math.log1p(dates_seen),
        "blocks_per_kchar": 1000 * text.count("\n\n") / max(len(text), 1),
        "cohesion": _cohesion([line for line in lines if line.words >= 8]),
        "place_starts": math.log1p(places),
        "list_lines": listed / count,
    }


def structure_features(lines: list[_Line], kinds: str) -> dict[str, float]:
    """Teaser units (a headline-like line, at most two date or short lines, one paragraph, perhaps 'read more')
    and the other marks of a list of stories: distinct dates, repeated lines and line shapes, a section's name."""
    count = max(len(lines), 1)
    chars = max(sum(len(line.text) for line in lines), 1)
    units = unit_chars = long_units = dated_units = 0
    index = 0
    while index < len(kinds):
        if kinds[index] == "H" or (kinds[index] == "D" and kinds[index + 1:index + 2] == "H"):
            start, end, dated = index, index + 1, kinds[index] == "D"
            while end < len(kinds) and kinds[end] in "DSH" and end - start <= 2:
                dated |= kinds[end] == "D"
                end += 1
            run = 0
            while end < len(kinds) and kinds[end] == "P":
                run, end = run + 1, end + 1
            if run:
                more = kinds[end:end + 1] == "M"
                if run <= 1 or more:
                    units += 1
                    unit_chars += sum(len(line.text) for line in lines[start:end + more])
                    dated_units += dated
                else:
                    long_units += 1
                index = end
                continue
        index += 1
    days: set[str] = set()
    day_lines: set[str] = set()
    shapes: collections.Counter[str] = collections.Counter()
    repeats: collections.Counter[str] = collections.Counter()
    names: collections.Counter[str] = collections.Counter()
    prose: list[_Line] = []
    more_lines = 0
    lowered = "\n".join(line.lower for line in lines)
    more_here = any(phrase in lowered for phrase in _MORE_PHRASES) or any(letter in lowered for letter in _FOLDED)
    for line in lines:
        line_text, kind = line.text, line.kind
        if line.digits:  # a day cannot reach over a line's end (its spaces are single ones, inside it)
            days_in = _days_in(line_text)
            for match in days_in.finditer(line_text):
                days.add(match.group().lower())
            if kind == "D" and (found := days_in.search(line_text)):
                day_lines.add(found.group().lower())
        if kind in "DSM" or line.words <= 6:
            shapes[_shape(line_text)] += 1
        repeats[line.lower] += 1
        if kind == "P":
            prose.append(line)
            names.update(set(_NAME.findall(" " + line_text)))
        if more_here and _MORE_ANY.search(line_text):
            more_lines += 1
    first = next((line for line in lines[:4] if line.kind in "HP"), lines[0] if lines else None)
    first_words = first.content if first else set()
    rest = _union(line.content for line in lines[1:])
    links = [len(a.content & b.content) / max(min(len(a.content), len(b.content)), 1)
             for a, b in itertools.pairwise(prose)]
    return {
        "teaser_units": math.log1p(units),
        "teaser_share": unit_chars / chars,
        "dated_units": math.log1p(dated_units),
        "long_sections": math.log1p(long_units),
        "distinct_dates": math.log1p(len(days)),
        "distinct_date_lines": math.log1p(len(day_lines)),
        "date_line_share": kinds.count("D") / count,
        "head_share": kinds.count("H") / count,
        "prose_share": sum(len(line.text) for line in prose) / chars,
        "more_lines": math.log1p(more_lines),
        "repeated_shapes": sum(n for n in shapes.values() if n >= 3) / count,
        "repeated_lines": sum(n for n in repeats.values() if n >= 2) / count,
        "title_back": len(first_words & rest) / len(first_words) if first_words else 0.0,
        "chain": sum(links) / len(links) if links else 1.0,
        "shared_names": sum(1 for n in names.values() if n >= 2) / max(len(names), 1),
        "index_head": float(any(line.words <= 6 and _INDEX_HEAD.search(line.text) for line in lines[:3])),
    }


def topic_features(lines: list[_Line], kinds: str) -> dict[str, float]:
    """Whether the page stays on one subject: it is cut into segments at each headline-like or date line
    that opens prose, and each segment's longer words are compared with everything before it."""
    segments: list[list[_Line]] = []
    current: list[_Line] = []
    for index, line in enumerate(lines):
        if line.kind in "HD" and "P" in kinds[index + 1:index + 3] and any(seen.kind == "P" for seen in current):
            segments.append(current)
            current = []
        current.append(line)
    if current:
        segments.append(current)
    switches, overlaps = 0, []
    seen: set[str] = set()
    for number, words in enumerate(_union(line.content for line in segment) for segment in segments):
        if number and words:
            overlaps.append(len(words & seen) / len(words))
            switches += overlaps[-1] < 0.15
        seen |= words
    fresh: list[float] = []
    seen = set()
    for line in lines:
        if line.kind == "P" and line.content and seen:
            fresh.append(len(line.content - seen) / len(line.content))
        seen |= line.content
    first_prose = kinds.find("P") if "P" in kinds else len(kinds)
    # the longest run of prose lines, in lines and in characters, and the prose's share of the characters: an
    # article's text runs on, an index page's prose comes one teaser at a time
    run = run_chars = longest = longest_chars = prose_chars = 0
    for line in lines:
        if line.kind == "P":
            run, run_chars, prose_chars = run + 1, run_chars + len(line.text), prose_chars + len(line.text)
            longest, longest_chars = max(longest, run), max(longest_chars, run_chars)
        else:
            run = run_chars = 0
    return {
        "prose_run": float(longest),
        "prose_run_chars": math.log1p(longest_chars),
        "prose_chars": prose_chars / max(sum(len(line.text) for line in lines), 1),
        "segments": math.log1p(len(segments)),
        "switches": math.log1p(switches),
        "switch_share": switches / max(len(segments) - 1, 1),
        "seg_overlap": sum(overlaps) / len(overlaps) if overlaps else 1.0,
        "min_overlap": min(overlaps) if overlaps else 1.0,
        "new_rate": sum(fresh) / len(fresh) if fresh else 1.0,
        "first_len": math.log1p(lines[0].words) if lines else 0.0,
        "first_prose_at": first_prose / max(len(kinds), 1),
        "lines_before_prose": math.log1p(first_prose),
    }


_UNIT_GRAMS = (2, 3, 4)


def repetition_features(text: str, lines: list[_Line], kinds: str) -> dict[str, float]:
    """How much of the page repeats one pattern, as a list of teasers or links does, by no word list: the most
    lines a run of line kinds of two to four lines (prose and a headline-like, date or 'read more' line) covers
    where it comes back; lines ending in the same two words ("lees verder", "read more", a category) and opening
    with the same two words; blocks (between blank lines) of the same kinds that come three times or more."""
    count = max(len(lines), 1)
    unit = 0
    for size in _UNIT_GRAMS:
        grams = collections.Counter(kinds[index:index + size] for index in range(len(kinds) - size + 1))
        for gram, seen in grams.items():
            if seen >= 2 and "P" in gram and ("H" in gram or "D" in gram or "M" in gram):
                unit = max(unit, seen * size)
    ends = collections.Counter(" ".join(line.lowered_words[-2:]) for line in lines if len(line.lowered_words) >= 2)
    starts = collections.Counter(" ".join(line.lowered_words[:2]) for line in lines if len(line.lowered_words) >= 3)
    same_ends = sum(1 for line in lines
                    if len(line.lowered_words) >= 2 and ends[" ".join(line.lowered_words[-2:])] >= 2)
    same_starts = sum(1 for line in lines
                      if len(line.lowered_words) >= 3 and starts[" ".join(line.lowered_words[:2])] >= 2)
    blocks: collections.Counter[str] = collections.Counter()
    block, at = "", 0
    for raw in text[:MAX_CHARS].split("\n"):
        if raw.strip():
            block, at = block + kinds[at], at + 1
        elif block:
            blocks[block], block = blocks[block] + 1, ""
    if block:
        blocks[block] += 1
    repeated_blocks = sum(seen for shape, seen in blocks.items() if seen >= 3 and len(shape) >= 2)
    return {
        "repeated_unit": unit / count,
        "same_ends": math.log1p(same_ends),
        "same_end_share": same_ends / count,
        "same_start_share": same_starts / count,
        "repeated_blocks": math.log1p(repeated_blocks),
        "repeated_block_share": repeated_blocks / max(sum(blocks.values()), 1),
    }


# The labelled pages the page kind model learnt from are excerpts of their first 2,000 characters: a
# page is judged on as much of it (which also bounds the time it takes).
MAX_CHARS = 2_000


def page_lines(text: str) -> list[_Line]:
    """The page's non-blank lines in its first ``MAX_CHARS``, each with what the features ask of it (its words of
    letters lowered, ``lowered_words``, are also the terms ``page_words`` looks up)."""
    return [_Line(stripped) for line in text[:MAX_CHARS].split("\n") if (stripped := line.strip())]


def all_features(text: str, lines: list[_Line] | None = None) -> dict[str, float]:
    """Every feature of the page's text (its first ``MAX_CHARS``), by name; ``lines``: its ``page_lines``, when
    they were read already."""
    text = text[:MAX_CHARS]
    lines = page_lines(text) if lines is None else lines
    kinds = "".join(line.kind for line in lines)
    return {**page_features(text, lines), **structure_features(lines, kinds), **topic_features(lines, kinds),
            **repetition_features(text, lines, kinds)}
