"""Raw shapes: decoded text in, the body text and the header fields the source itself gives out.

One reader per shape, tried in order (most specific first); a new shape is one new reader in
``READERS``. Readers find fields and say where they found them; they do not interpret them
(dates are parsed in extract, text is cleaned in text). A file that claims a shape but breaks it
(JSON that does not parse, an item without text) raises ``SourceError`` with a one-line reason.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.model.config import Config
from pipeline.reading.items import (
    MARKDOWN,
    Field,
    RawItem,
    Reader,
    SourceError,
    field_of,
    put_field,
)
from pipeline.reading.json_source import detect_json, read_json
from pipeline.reading.text import (
    clean_inline,
    normalise_newlines,
    words,
)

# --- Markdown, with front matter (maybe sloppy) or a first-level heading ------------------------

_FRONT_OPEN = re.compile(r"\A---[ \t]*\n")
# The heading's line is read once; the title is that line without the spaces and #s that close it.
_H1 = re.compile(r"\A\s*+#[ \t]+(?P<title>[^\n#][^\n]*+)\n")


def _h1_title(heading: re.Match[str]) -> str:
    title = heading["title"]
    return title[0] + title[1:].rstrip(" \t#")


def detect_markdown(text: str, config: Config) -> bool:
    return _FRONT_OPEN.match(text) is not None or _H1.match(text) is not None


def read_markdown(text: str, config: Config) -> list[RawItem]:
    from pipeline.model.article import parse_article, split_front_matter
    from pipeline.model.front_matter_read import ArticleError

    item = RawItem("markdown", text, body_format=MARKDOWN)
    if _FRONT_OPEN.match(text):
        try:
            front, body, _closing = split_front_matter(text)
        except ArticleError as error:
            raise SourceError(f"line {error.line}: {error.message}") from None
        item.body = body
        try:
            article = parse_article(text)
            meta: dict[str, Any] = dict(article.meta)
            lines = dict(article.lines)
        except ArticleError as error:
            if error.code in REFUSED_FRONT_MATTER:  # YAML, but hostile: no second reading makes it better
                raise SourceError(_front_matter_reason(error)) from None
            # Not YAML (a colon in a title, a tab): read it as the key: value lines it is meant to be.
            meta, lines = _lenient_front_matter(front or "")
            if not meta:
                raise SourceError("front matter is neither YAML nor key: value lines") from None
            item.shape = "markdown-lenient"
        item.meta = {str(key): value for key, value in meta.items()}
        for key, value in item.meta.items():
            name = field_of(key, config)
            if isinstance(name, Field) and name in (Field.TITLE, Field.DATE, Field.URL, Field.AUTHOR, Field.SCRAPED) \
                    and isinstance(value, str | int | float) and not isinstance(value, bool):
                put_field(item, name, str(value), f"front matter line {lines.get(key, '?')}: {key}")
    heading = _H1.match(item.body.lstrip("\n") + "\n")
    if heading and "title" not in item.fields:
        put_field(item, Field.TITLE, clean_inline(_h1_title(heading)), "first-level heading")
        item.body = item.body.lstrip("\n")[heading.end():] if heading.end() <= len(item.body.lstrip("\n")) else ""
    return [item]


# Front matter that is YAML but must not be read at all: an alias bomb, a number too long to read.
REFUSED_FRONT_MATTER = ("yaml-alias", "yaml-number")
_LENIENT_LINE = re.compile(r"\s*+([A-Za-z_][\w-]*+)\s*+:\s*+(.*)")
_ANCHOR_OR_ALIAS = re.compile(r"[&*][^\s,\[\]{}*&]++(?:\s|$)")


def _front_matter_reason(error: Any) -> str:
    where = f"line {error.line}: " if error.line else ""
    return f"[{error.code}] {where}{error.message}"


def _lenient_front_matter(front: str) -> tuple[dict[str, Any], dict[str, int]]:
    """Front matter that is not YAML read as the key: value lines it is meant to be. An anchor or
    alias (``&a``, ``*a``) only means something to YAML: it is refused, never kept as text."""
    from pipeline.model.front_matter_read import ArticleError

    meta: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for number, line in enumerate(front.split("\n"), 2):
        match = _LENIENT_LINE.match(line)
        if not match:
            continue
        key, value = match.group(1), match.group(2).strip()
        if _ANCHOR_OR_ALIAS.match(value):
            raise SourceError(_front_matter_reason(ArticleError(
                f"front matter that is not YAML uses a YAML anchor or alias ({value.split()[0]}): write the "
                "value out", number, "yaml-alias")))
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        if value.startswith("[") and value.endswith("]"):
            meta[key] = [part.strip().strip("\"'") for part in value[1:-1].split(",") if part.strip()]
        else:
            meta[key] = value
        lines.setdefault(key, number)
    return meta, lines


# --- a `key: value` header block at the top --------------------------------------------------------

# The value runs to the end of the line (spaces after it are trimmed in code: a lazy value before
# [ \t]* would try every space of a long run against the rest of the run).
_HEADER_LINE = re.compile(r"[ \t]*+(?P<key>[A-Za-z][A-Za-z _-]{0,30}?)[ \t]*:[ \t]*+(?P<value>.*+)")


def _header_lines(text: str, config: Config) -> tuple[list[tuple[int, str, str, str]], int]:
    """The header's (line number, key, field, value), and the offset where the body starts."""
    found: list[tuple[int, str, str, str]] = []
    offset = 0
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        offset += len(lines[start]) + 1
        start += 1
    for number, line in enumerate(lines[start:], start + 1):
        match = _HEADER_LINE.fullmatch(line)
        name = field_of(match["key"], config) if match else None
        if match is None or name is None or name == "body":
            break
        found.append((number, match["key"], name, match["value"].rstrip(" \t")))
        offset += len(line) + 1
    return found, min(offset, len(text))


def detect_header(text: str, config: Config) -> bool:
    found, _ = _header_lines(text[:4000], config)
    names = {name for _n, _k, name, value in found if value}
    return bool(found) and ("title" in names or "date" in names or len(names) >= 2)


def read_header(text: str, config: Config) -> list[RawItem]:
    found, offset = _header_lines(text, config)
    body = text[offset:]
    body = re.sub(r"\A[ \t]*(?:-{3,}|={3,})[ \t]*\n", "", body)  # a rule under the header
    item = RawItem("header", body)
    for number, key, name, value in found:
        if name == Field.BODY:
            continue
        if isinstance(name, Field):
            put_field(item, name, clean_inline(value), f"line {number}: header '{key}:'")
        elif value.strip():
            item.extra.setdefault(name[6:], clean_inline(value))
    return [item]


# --- the `date YYYY-MM-DD` dump and its variants ----------------------------------------------------

DUMP_HEADER = re.compile(
    r"\A\s*date[ \t]+(?P<date>\d{4}-\d{2}(?:-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)?)"
    r"(?![\d-])[ \t]*(?P<rest>[^\n]*)",
    re.I,
)

# Section labels and kickers news sites print above the lede ("Wonen Achtergrond", "Verkiezingen 2021").
KICKER_WORDS = frozenset(words("""
achtergrond analyse interview column opinie commentaar nieuws update live liveblog reportage video
podcast premium plus recensie review explainer uitgelegd binnenland buitenland economie politiek wonen
sport cultuur tech wetenschap regio verkiezingen gezondheid onderwijs klimaat geld media wereld
lifestyle reizen dossier achtergrondverhaal breaking exclusief profiel portret vraag-en-antwoord q&a
nieuwsanalyse blog essay brief ingezonden feature longread business finance markets opinion
hoofdredactioneel redactioneel ticker blaulicht kommentar meinung hintergrund lokales kultur wirtschaft
politik panorama service kaart fotoserie fotospecial grafiek quiz poll
"""))

def detect_dump(text: str, config: Config) -> bool:
    return DUMP_HEADER.match(text) is not None


def kicker_labels(config: Config) -> frozenset[str]:
    """Words a section label above a headline is made of: built in, the sections, ``ingest.kickers``."""
    return KICKER_WORDS | {name.lower() for name in config.section_names()} | {k.lower() for k in config.kickers}


def read_dump(text: str, config: Config) -> list[RawItem]:
    """The header's date; the rest (the header line's remainder first) is the page, read by
    ``reading.page``: kicker, headline, day lines and furniture are found there."""
    match = DUMP_HEADER.match(text)
    assert match is not None
    token = match["date"]
    item = RawItem("dump", "", {Field.DATE: token}, {Field.DATE: f"line 1: header 'date {token}'"})
    item.body = match["rest"].strip() + text[match.end():]
    return [item]


# --- a title line, then a byline with the date ("Door Redactie | 11 februari 2026, 14:05") ---------

_BYLINE_SPLIT = re.compile(r"\s+[|•·]\s+|\s+[|•·]|[|•·]\s+|\s[–—-]\s")
_NAME_THEN_DATE = re.compile(r",|\s(?:op|on|am|um)\s")  # what stands between an author's name and the date
_AUTHOR_LEAD = re.compile(r"(?:door|by|van|tekst|geschreven door|written by|auteur|author)\s*:?\s+", re.I)


def _byline(line: str, config: Config) -> tuple[str, str, list[str]] | None:
    """(author, date token, other segments) of a byline, or None if the line is not one."""
    from datetime import datetime

    from pipeline.model.dates import looks_like_date

    if len(line) > 200:
        return None
    base = datetime(2000, 1, 1, tzinfo=config.zone)  # detection only: the real base comes later
    segments = [segment.strip() for segment in _BYLINE_SPLIT.split(line) if segment.strip()]
    author = date = ""
    others = []
    for segment in segments:
        lead = _AUTHOR_LEAD.match(segment)
        if not date and looks_like_date(segment, config.zone, base):
            date = segment
        elif lead and not author:
            name = segment[lead.end():]
            # "Door Jan Smit, 12-11-2017", "Door Jan op de Beek op 12 Nov 2017": the date all that follows
            between = next((match for match in _NAME_THEN_DATE.finditer(name) if not date
                            and looks_like_date(name[match.end():].strip(), config.zone, base)), None)
            if between is not None:
                name, date = name[: between.start()], name[between.end():].strip()
            author = name.strip()
        else:
            others.append(segment)
    if not (date or (author and _AUTHOR_LEAD.match(line))):
        return None
    if not date and (author[-1:] in ".:" or ": " in author):
        return None  # "Van de pastoor: Vier nieuwe parochianen", "Van de bestuurstafel.": a column's heading
    if any(len(other.split()) > 8 for other in others):
        return None
    if not author and any(len(other.split()) >= 3 and not any(char.isdigit() for char in other) for other in others):
        return None  # "Planning and Regulatory Committee - Wednesday, 18th May, 2022": a title with its date
    return author, date, others


def _first_lines(text: str, count: int) -> list[tuple[int, str]]:
    found = []
    for number, line in enumerate(text.split("\n")[:40], 1):
        if line.strip():
            found.append((number, line))
            if len(found) == count:
                break
    return found


def detect_byline(text: str, config: Config) -> bool:
    lines = _first_lines(text, 2)
    if len(lines) < 2:
        return False
    title, byline = clean_inline(lines[0][1]), clean_inline(lines[1][1])
    if not (1 <= len(title.split()) <= 25) or title.endswith("."):
        return False
    if _HEADER_LINE.fullmatch(title) and field_of(title.split(":")[0], config):
        return False
    return _byline(byline, config) is not None


def read_byline(text: str, config: Config) -> list[RawItem]:
    """The byline's author and date; the lines above it stay with the page, whose reader finds the
    headline among them (a caption or label above a byline is no title)."""
    (_title_number, _title_line), (byline_number, byline_line) = _first_lines(text, 2)
    parsed = _byline(clean_inline(byline_line), config)
    assert parsed is not None
    author, date, _others = parsed
    lines = text.split("\n")
    item = RawItem("byline", "\n".join([*lines[: byline_number - 1], "", *lines[byline_number:]]))
    put_field(item, Field.AUTHOR, author, f"line {byline_number}: byline")
    put_field(item, Field.DATE, date, f"line {byline_number}: byline")
    item.taken.append(clean_inline(byline_line))
    return [item]


# --- plain text: no metadata at all ----------------------------------------------------------------


def read_plain(text: str, config: Config) -> list[RawItem]:
    return [RawItem("plain", text)]


READERS: list[Reader] = [
    Reader("json", detect_json, read_json),
    Reader("markdown", detect_markdown, read_markdown),
    Reader("dump", detect_dump, read_dump),
    Reader("header", detect_header, read_header),
    Reader("byline", detect_byline, read_byline),
    Reader("plain", lambda _text, _config: True, read_plain),
]


def read_source(text: str, config: Config) -> list[RawItem]:
    """The items of a decoded raw file, read by the first reader that recognises its shape."""
    text = normalise_newlines(text)
    for reader in READERS:
        if reader.detect(text, config):
            return reader.read(text, config)
    raise AssertionError("the plain reader accepts everything")
