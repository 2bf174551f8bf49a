"""The page text features as first written, one regex per line and per feature: the plain reference the fast
``pipeline.reading.page_text_features`` is checked against (the same value for every feature on any text)."""

from __future__ import annotations

import collections
import itertools
import math
import re

_WORD = re.compile(r"[^\W\d_]+")
_PRICE = re.compile(r"€\s?\d|\d[\d.]*,(?:-|\d{2})\b|\b\d+[.,]\d{2}\s?(?:euro|eur)\b|\$\s?\d|£\s?\d", re.I)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_DATE = re.compile(r"\b\d{1,2}[-/. ](?:\d{1,2}|[a-zA-Zé]{3,9}\.?)[-/. ]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b")
_SENTENCE_END = re.compile(r"[.!?…][\"”’')»]*$")


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
_TEASER = ("lees meer", "lees verder", "read more", "meer info", "bekijk", "weiterlesen", "mehr erfahren",
           "meer lezen", "alle nieuws", "toon meer")
_ERROR = ("404", "niet gevonden", "not found", "bestaat niet", "nicht gefunden")


_PLACE_START = re.compile(r"[A-ZÀ-Þ][A-ZÀ-Þ'’. -]{2,30}\s[-–—]\s")  # "FRANEKER - ", "DEN HELDER – "
_CONTENT = re.compile(r"[^\W\d_]{5,}")


def _cohesion(paragraphs: list[str]) -> float:
    """How many paragraphs after the first share two or more longer words with those before them: an
    article comes back to its names and subject, a list of teasers moves on to the next story."""
    if len(paragraphs) < 2:
        return 1.0
    seen: set[str] = set()
    shared = 0
    for index, paragraph in enumerate(paragraphs):
        words = {word.lower() for word in _CONTENT.findall(paragraph)}
        if index and len(words & seen) >= 2:
            shared += 1
        seen |= words
    return shared / (len(paragraphs) - 1)


def page_features(text: str) -> dict[str, float]:
    """The page's features, each a plain number; lines are the text's non-blank lines."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    count = max(len(lines), 1)
    words_per_line = [len(line.split()) for line in lines]
    tokens = [token.lower() for token in _WORD.findall(text)]
    token_count = max(len(tokens), 1)
    lowered = text.lower()

    ends = [_SENTENCE_END.search(line) is not None for line in lines]
    headlines = [3 <= n <= 14 and line[:1].isupper() and not end and not line.endswith(":")
                 for n, line, end in zip(words_per_line, lines, ends, strict=True)]

    def share(condition: list[bool]) -> float:
        return sum(condition) / count

    def rate(vocabulary: frozenset[str]) -> float:
        return 100 * sum(1 for token in tokens if token in vocabulary) / token_count

    return {
        "lines_log": math.log1p(len(lines)),
        "words_log": math.log1p(len(tokens)),
        "words_per_line": sum(words_per_line) / count,
        "short_lines": share([n <= 4 for n in words_per_line]),
        "prose_lines": share([n >= 8 and end for n, end in zip(words_per_line, ends, strict=True)]),
        "no_end_lines": share([n >= 5 and not end for n, end in zip(words_per_line, ends, strict=True)]),
        "price_lines": share([bool(_PRICE.search(line)) for line in lines]),
        "time_lines": share([bool(_TIME.search(line)) for line in lines]),
        "date_lines": share([bool(_DATE.search(line)) for line in lines]),
        "shop_words": rate(_SHOP),
        "login_words": rate(_LOGIN),
        "agenda_words": rate(_AGENDA),
        "vacancy_words": rate(_VACANCY),
        "teaser_lines": share([any(mark in line.lower() for mark in _TEASER) for line in lines]),
        "error_words": float(any(mark in lowered[:400] for mark in _ERROR)),
        "separator_lines": share(["|" in line or " · " in line or " • " in line for line in lines]),
        "question_lines": share([line.endswith("?") for line in lines]),
        "headline_lines": share(headlines),
        "teaser_pairs": share([a and not b and n >= 12 for a, b, n in zip(headlines, headlines[1:],
                                                                         words_per_line[1:], strict=False)]),
        "cut_lines": share([line.endswith(("…", "...", "[…]", "[...]")) for line in lines]),
        "dates_seen": math.log1p(len(_DATE.findall(text)) + len(_TIME.findall(text))),
        "blocks_per_kchar": 1000 * text.count("\n\n") / max(len(text), 1),
        "cohesion": _cohesion([line for n, line in zip(words_per_line, lines, strict=True) if n >= 8]),
        "place_starts": math.log1p(sum(1 for line in lines if _PLACE_START.match(line))),
        "list_lines": share([line.startswith(("- ", "• ", "* ", "· ")) for line in lines]),
    }



_MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
           "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec|january|february|march|may|june|july|august|"
           "october|januar|februar|märz|mai|dezember")
# A day: figures, or a month's name (each starts with one of "jfmasond": tried only there, which makes a
# page's scan several times faster and finds the same days).
_DAY = re.compile(rf"\b(?:(?=\d)(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}\b|\d{{4}}-\d{{2}}-\d{{2}}\b"
                  rf"|\d{{1,2}}\.? (?:{_MONTHS})\.?(?: \d{{4}})?\b)|(?=[jfmasond])(?:{_MONTHS}) \d{{1,2}},? \d{{4}}\b)",
                  re.I)
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}u\d{2}\b")
_AGO = re.compile(r"\b(?:\d+|een|a|an) (?:minuten?|min|uur|uren|dagen|dag|weken|week|maanden|seconds?|minutes?|"
                  r"hours?|days?|weeks?|months?|stunden?|tagen?) (?:geleden|ago)\b"
                  r"|\bvor \d+ (?:stunden?|tagen?|minuten)\b",
                  re.I)
_END = re.compile(r"[.!?…][\"”’')»]*$")
_MORE = re.compile(r"^(?:lees meer|lees verder|read more|meer lezen|verder lezen|weiterlesen|mehr|meer info|more|"
                   r"bekijk|lees het hele|continue reading|»|>)\W{0,5}", re.I)
_MORE_ANY = re.compile(r"\b(?:lees meer|lees verder|read more|verder lezen|weiterlesen|continue reading|meer info)\b",
                       re.I)
_PAGINATION = re.compile(r"^(?:pagina|page|seite) \d+(?: (?:van|of|von) \d+)?$|^(?:vorige|volgende|next|previous|"
                         r"older posts|newer posts|oudere berichten|nieuwere berichten|load more|meer laden|toon meer|"
                         r"show more|« ?vorige|volgende ?»|weitere|nächste)\b|^(?:\d+ ){2,}\d+|^\d+ \d+ … \d+", re.I)
_INDEX_HEAD = re.compile(r"\b(?:nieuws|news|archief|archive|archiv|agenda|overzicht|categorie|category|categories|"
                         r"rubriek|tag|tags|zoekresultaten|search results|results|resultaten|berichten|posts|blog|"
                         r"nachrichten|aktuelles|meldingen|evenementen|events|activiteiten|actueel|laatste|latest|"
                         r"alle|all|topics?|onderwerp|dossier)\b", re.I)
_LETTERS = re.compile(r"[^\W\d_]+")
_NAME = re.compile(r"(?<=\s)[A-Z][a-zà-ÿ]{3,}")


def _shape(line: str) -> str:
    """A line's shape: digits as 0, words as W or w ("2 juni 2020 -" and "25 mei 2020 -" alike)."""
    shape = _LETTERS.sub(lambda match: "W" if match.group()[0].isupper() else "w", re.sub(r"\d+", "0", line))
    return re.sub(r"\s+", " ", shape)


def lines_of(text: str) -> tuple[str, list[str]]:
    """The text and its non-blank lines, trimmed."""
    return text, [line.strip() for line in text.split("\n") if line.strip()]


def line_kinds(lines: list[str]) -> str:
    """One letter a line: M a 'read more' link, D a date line, P prose, H headline-like, S anything else."""
    kinds = []
    for line in lines:
        words = len(line.split())
        if _MORE.match(line) and words <= 5:
            kinds.append("M")
        elif words <= 10 and (_DAY.search(line) or _AGO.search(line) or (_CLOCK.search(line) and words <= 6)):
            kinds.append("D")
        elif words >= 12 or (words >= 7 and _END.search(line)):
            kinds.append("P")
        elif (2 <= words <= 18 and (line[:1].isupper() or line[:1].isdigit()) and not line.endswith(":")
              and not _END.search(line.rstrip("?!"))):
            kinds.append("H")
        else:
            kinds.append("S")
    return "".join(kinds)


def _content(text: str) -> set[str]:
    return {word.lower() for word in _CONTENT.findall(text)}


def structure_features(text: str, read: tuple[list[str], str] | None = None) -> dict[str, float]:
    """Teaser units (a headline-like line, at most two date or short lines, one paragraph, perhaps 'read more')
    and the other marks of a list of stories: distinct dates, repeated line shapes, pagination. ``read``: the
    text's lines and their kinds, when already found."""
    lines, kinds = read or _read(text)
    count = max(len(lines), 1)
    chars = max(sum(len(line) for line in lines), 1)
    units = unit_chars = long_units = dated_units = more_units = 0
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
                    unit_chars += sum(len(line) for line in lines[start:end + more])
                    dated_units += dated
                    more_units += more
                else:
                    long_units += 1
                index = end
                continue
        index += 1
    days = {match.group().lower() for match in _DAY.finditer(text)}
    day_lines = {found.group().lower() for line, kind in zip(lines, kinds, strict=True)
                 if kind == "D" and (found := _DAY.search(line))}
    shapes = collections.Counter(_shape(line) for line, kind in zip(lines, kinds, strict=True)
                                 if kind in "DSM" or len(line.split()) <= 6)
    repeats = collections.Counter(line.lower() for line in lines)
    first = next((line for line, kind in zip(lines[:4], kinds[:4], strict=True) if kind in "HP"),
                 lines[0] if lines else "")
    first_words, rest = _content(first), _content("\n".join(lines[1:]))
    prose = [_content(line) for line, kind in zip(lines, kinds, strict=True) if kind == "P"]
    links = [len(a & b) / max(min(len(a), len(b)), 1) for a, b in itertools.pairwise(prose)]
    names = collections.Counter(name for line, kind in zip(lines, kinds, strict=True) if kind == "P"
                                for name in set(_NAME.findall(" " + line)))
    return {
        "teaser_units": math.log1p(units),
        "teaser_share": unit_chars / chars,
        "dated_units": math.log1p(dated_units),
        "more_units": math.log1p(more_units),
        "long_sections": math.log1p(long_units),
        "distinct_dates": math.log1p(len(days)),
        "distinct_date_lines": math.log1p(len(day_lines)),
        "date_line_share": kinds.count("D") / count,
        "head_share": kinds.count("H") / count,
        "prose_share": sum(len(line) for line, kind in zip(lines, kinds, strict=True) if kind == "P") / chars,
        "more_lines": math.log1p(sum(1 for line in lines if _MORE_ANY.search(line))),
        "pagination": math.log1p(sum(1 for line in lines if _PAGINATION.search(line))),
        "repeated_shapes": sum(n for n in shapes.values() if n >= 3) / count,
        "repeated_lines": sum(n for n in repeats.values() if n >= 2) / count,
        "title_back": len(first_words & rest) / len(first_words) if first_words else 0.0,
        "chain": sum(links) / len(links) if links else 1.0,
        "shared_names": sum(1 for n in names.values() if n >= 2) / max(len(names), 1),
        "index_head": float(any(_INDEX_HEAD.search(line) and len(line.split()) <= 6 for line in lines[:3])),
        "ago_lines": math.log1p(sum(1 for line in lines if _AGO.search(line))),
    }


def topic_features(text: str, read: tuple[list[str], str] | None = None) -> dict[str, float]:
    """Whether the page stays on one subject: it is cut into segments at each headline-like or date line
    that opens prose, and each segment's longer words are compared with everything before it."""
    lines, kinds = read or _read(text)
    segments: list[list[str]] = []
    current: list[tuple[str, str]] = []
    for index, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        if kind in "HD" and "P" in kinds[index + 1:index + 3] and any(k == "P" for k, _ in current):
            segments.append([text for _, text in current])
            current = []
        current.append((kind, line))
    if current:
        segments.append([text for _, text in current])
    switches, overlaps = 0, []
    seen: set[str] = set()
    for number, words in enumerate(_content("\n".join(segment)) for segment in segments):
        if number and words:
            overlaps.append(len(words & seen) / len(words))
            switches += overlaps[-1] < 0.15
        seen |= words
    fresh, seen = [], set()
    for line, kind in zip(lines, kinds, strict=True):
        words = _content(line)
        if kind == "P" and words and seen:
            fresh.append(len(words - seen) / len(words))
        seen |= words
    first_prose = kinds.find("P") if "P" in kinds else len(kinds)
    runs = [match.group() for match in re.finditer("P+", kinds)]
    longest = max((len(found) for found in runs), default=0)
    run_chars = [sum(len(lines[at]) for at in range(match.start(), match.end())) for match in re.finditer("P+", kinds)]
    prose_chars = sum(len(line) for line, kind in zip(lines, kinds, strict=True) if kind == "P")
    return {
        "prose_run": float(longest),
        "prose_run_chars": math.log1p(max(run_chars, default=0)),
        "prose_chars": prose_chars / max(sum(len(line) for line in lines), 1),
        "segments": math.log1p(len(segments)),
        "switches": math.log1p(switches),
        "switch_share": switches / max(len(segments) - 1, 1),
        "seg_overlap": sum(overlaps) / len(overlaps) if overlaps else 1.0,
        "min_overlap": min(overlaps) if overlaps else 1.0,
        "new_rate": sum(fresh) / len(fresh) if fresh else 1.0,
        "first_len": math.log1p(len(lines[0].split())) if lines else 0.0,
        "first_prose_at": first_prose / max(len(kinds), 1),
        "lines_before_prose": math.log1p(first_prose),
    }


# The labelled pages the page kind model learnt from are excerpts of their first 2,000 characters: a
# page is judged on as much of it (which also bounds the time it takes).
MAX_CHARS = 2_000


def repetition_features(text: str, read: tuple[list[str], str] | None = None) -> dict[str, float]:
    """Runs of line kinds that come back, lines ending or opening with the same two words, blocks of the same
    kinds that come three times or more."""
    lines, kinds = read or _read(text)
    count = max(len(lines), 1)
    unit = 0
    for size in (2, 3, 4):
        for gram in set(kinds[i:i + size] for i in range(len(kinds) - size + 1)):
            seen = sum(1 for i in range(len(kinds) - size + 1) if kinds[i:i + size] == gram)
            if seen >= 2 and "P" in gram and any(kind in gram for kind in "HDM"):
                unit = max(unit, seen * size)
    words = [_WORD.findall(line.lower()) for line in lines]
    ends = [" ".join(found[-2:]) for found in words if len(found) >= 2]
    starts = [" ".join(found[:2]) for found in words if len(found) >= 3]
    same_ends = sum(1 for end in ends if ends.count(end) >= 2)
    same_starts = sum(1 for start in starts if starts.count(start) >= 2)
    shapes = []
    for block in re.split(r"\n(?:[^\S\n]*\n)+", text):  # blank lines (perhaps of spaces) part the blocks
        block_lines = [line for line in block.split("\n") if line.strip()]
        if block_lines:
            shapes.append(line_kinds([line.strip() for line in block_lines]))
    repeated = sum(1 for shape in shapes if shapes.count(shape) >= 3 and len(shape) >= 2)
    return {
        "repeated_unit": unit / count,
        "same_ends": math.log1p(same_ends),
        "same_end_share": same_ends / count,
        "same_start_share": same_starts / count,
        "repeated_blocks": math.log1p(repeated),
        "repeated_block_share": repeated / max(len(shapes), 1),
    }


def all_features(text: str) -> dict[str, float]:
    """Every feature of the page's text (its first ``MAX_CHARS``), by name."""
    text = text[:MAX_CHARS]
    read = _read(text)
    return {**page_features(text), **structure_features(text, read), **topic_features(text, read),
            **repetition_features(text, read)}


def _read(text: str) -> tuple[list[str], str]:
    lines = lines_of(text)[1]
    return lines, line_kinds(lines)
