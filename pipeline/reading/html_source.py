"""The HTML shape: a page saved as it was served, not flattened to text.

trafilatura finds the article in the page (its paragraphs, sub-headings, lists and quotes, none of
the menus, footers, related links or comments around it) and the page's own metadata (title, author,
site, description, address); htmldate finds the publication date (the original, not an update).
Both are heavy: they are imported here, inside the functions, only when a page is read.

Our own readers know some things better and are combined with them: a date line in the article
("di 16 juli 2024, 17:33") gives the time htmldate leaves out, or the date when htmldate finds none;
captions, credits, share lines and bylines trafilatura keeps inside the article are taken out as the
page reader takes them out of text. Every value says where it came from, for ``ingest --explain``.
A page where trafilatura finds no article is read as text: all its visible text, one line per block,
read by the page reader like any scraped dump.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from functools import cache
from itertools import islice
from typing import Any

from pipeline.model.config import Config
from pipeline.reading.date_lines import date_line
from pipeline.reading.furniture import byline_reason, caption_reason, furniture_reason
from pipeline.reading.html_metadata import EXTRACTION_ERRORS, declared_language, page_metadata
from pipeline.reading.html_text import BLOCK_ELEMENTS, INVISIBLE, visible_text
from pipeline.reading.items import MARKDOWN, TEXT, Field, RawItem, SourceError, put_field
from pipeline.reading.text import clean_inline

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
# A page starts with a doctype, <html> or <head>, maybe after a BOM, an XML declaration or comments.
_HTML_START = re.compile(r"\A\ufeff?\s*+(?:<\?xml[^>]{0,200}>\s*+)?(?:<!--.{0,2000}?-->\s*+)*"
                         r"<(?:!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S)
_SOME_TAG = re.compile(r"<(?:body|div|p|article|main|section|span|h[1-6]|table|a)[\s>/]", re.I)
# Blocks trafilatura keeps inside the article that may be furniture: short ones only are judged.
_FURNITURE_WORDS = 16
_DATE_LOOKAHEAD = 6  # a date line is looked for in the article's first blocks
_LATEST = "2099-12-31"  # without a scrape time: any date up to this one, never "today"
_HEAD_LINES = 300  # and in the page's lines above the article's first line of prose
# What the line reader takes for debris in flattened text is a block of its own in a page: a reply in
# a dialogue ("– Ok."), an amount ("286,35 €"), a row of figures.
_TEXT_IN_A_PAGE = frozenset({"stray fragment", "table row"})


def is_html_name(name: str) -> bool:
    return name.lower().endswith(HTML_SUFFIXES)


def detect_html(text: str, config: Config) -> bool:
    """A whole page: it opens as a page does (doctype, ``<html>``, ``<head>``)."""
    return _HTML_START.match(text[:4096]) is not None


def looks_like_markup(text: str) -> bool:
    """A file named .html holds markup: some block or inline element of a page's body."""
    return _SOME_TAG.search(text[:200_000]) is not None


def is_cut_off(text: str) -> bool:
    """A page whose download stopped: no closing </body> or </html>, and it stops in the middle of
    text or of a tag (a whole page served without the closing tags ends with a tag all the same)."""
    tail = text[-20_000:].lower()
    return "</html" not in tail and "</body" not in tail and not text.rstrip().endswith(">")


def read_html(text: str, config: Config, scraped: datetime | None = None) -> list[RawItem]:
    """The article of a page, its metadata and its date, each with where it was found. ``scraped``
    (when the page was fetched) is the latest date it can have: htmldate would otherwise take today,
    and the same page would read differently on another day."""
    if is_cut_off(text):
        raise SourceError("is an HTML page cut off before its end (no </body> or </html>, it stops mid-text): "
                          "probably an interrupted download")
    tree, whole = _parse(text)
    found = _trafilatura(tree)
    blocks: list[tuple[str, str]] = []
    item = RawItem("html", "", language=declared_language(tree))
    if found is not None:
        body, metadata = found
        blocks = _blocks(body) if body is not None else []
        _metadata(item, metadata)
    removed: list[tuple[str, str]] = []
    kept: list[tuple[str, str]] = []
    date_lines: list[tuple[str, str]] = []  # (token, line)
    given_title = clean_inline(item.fields.get(Field.TITLE, ""))
    title = _without_kicker(item, config, tree, next((block for kind, block in blocks if kind == "h1"), ""))
    for index, (kind, block) in enumerate(blocks):
        if kind == "h1" and (_same(block, title) or _same(block, given_title)):
            removed.append((block, "the headline repeated"))
            continue
        reason = _furniture(kind, block, config, index < _DATE_LOOKAHEAD, date_lines)
        if reason:
            removed.append((block, reason))
            continue
        kept.append((kind, block))
    _date(item, text, tree, date_lines, config, scraped)
    if not whole:  # the tree stops where the nesting got too deep: the page's whole text, read without it
        return [_flattened(visible_text(text), item, removed)]
    if not any(kind == "p" for kind, _ in kept):
        return [_flattened(_flatten_tree(tree), item, removed)]
    item.body = _markdown(kept)
    item.body_format = MARKDOWN
    item.dropped.extend(removed)
    return [item]


_LABELLED_TITLE = re.compile(r"(?P<label>[^\W\d][\w&-]{1,20}(?: [^\W\d][\w&-]{1,20})?)"
                             r"\s*(?:\||:|–|—| - )\s*(?P<rest>.{10,})")


def _without_kicker(item: RawItem, config: Config, tree: Any, headline: str) -> str:
    """The title without a section label before it ("LIVE | Storm ...", "Analyse: ..."): our kicker
    words, as the page reader knows them above a headline, the site's name ("NWX Magazin | ..."), or
    any label when the rest is the article's own headline; the label goes to --explain. When
    trafilatura took the label for the title (it keeps the shorter side of "Analyse | Kop"), the
    page's <title> is read again."""
    from pipeline.reading.sources import kicker_labels

    title = clean_inline(item.fields.get(Field.TITLE, ""))
    site = clean_inline(item.fields.get(Field.ORIGIN, ""))
    if title.lower() in kicker_labels(config) or _same(title, site):
        element = tree.find(".//title")
        whole = clean_inline("".join(element.itertext())) if element is not None else ""
        if whole.lower().startswith(title.lower()):
            title = whole
            item.evidence[Field.TITLE] = "the page's <title> (trafilatura took only its label or the site's name)"
            item.fields[Field.TITLE] = whole
    match = _LABELLED_TITLE.fullmatch(title)
    if match is None:
        return title
    label, rest = match["label"], match["rest"]
    why = ("a kicker" if label.lower() in kicker_labels(config) else "the site's name" if _same(label, site)
           else "the headline is the rest" if _same(rest, headline) else "")
    if why:
        item.fields[Field.TITLE] = rest
        item.evidence[Field.TITLE] += f", without the label {label!r} before it ({why})"
        return rest
    return title


def _same(one: str, other: str) -> bool:
    from pipeline.reading.text import comparable

    return bool(other) and comparable(one) == comparable(other)


def _parse(text: str) -> tuple[Any, bool]:
    """The page's tree, and whether it is whole: libxml2 stops building a tree past its depth limit
    (256 elements deep; 2,048 when asked for more) and leaves the rest of the page out without an error.
    A page deeper than 256 is parsed again with the higher limit; deeper than that, the tree is not
    whole and the page's text is read without it (``visible_text``)."""
    from trafilatura import utils

    try:
        tree = utils.load_html(text)
        stopped = _stopped_deep(utils.HTML_PARSER)
        if tree is not None and stopped:
            from lxml.html import HTMLParser, fromstring

            deep = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                              remove_pis=True, huge_tree=True)
            repaired = utils.repair_faulty_html(text, text[:50].lower())
            tree = fromstring(repaired.encode("utf-8", "surrogatepass"), parser=deep)
            stopped = _stopped_deep(deep)
    except (ValueError, RecursionError, MemoryError) as error:
        raise SourceError(f"is HTML that cannot be parsed ({type(error).__name__})") from None
    if tree is None:
        raise SourceError("is HTML that cannot be parsed (no document in it)")
    return tree, not stopped


def _stopped_deep(parser: Any) -> bool:
    """Whether the parser's last run stopped at its depth limit."""
    return any("excessive depth" in str(error.message).lower() for error in parser.error_log)


def _htmldate(page: str, extensive: bool, latest: datetime | None) -> str | None:
    """The page's original publication date as htmldate finds it (a day), or None. Without the
    extensive search, only where a page states it for machines (its metadata, structured data, its
    address, markup that marks a date as the publication's); the extensive search reads dates in the
    page's text too, and guesses."""
    from htmldate import find_date

    try:
        # the page's text, not our tree: htmldate reads some markup (scripts, comments) from the text itself
        found = find_date(page, original_date=True, extensive_search=extensive, outputformat="%Y-%m-%d",
                          max_date=f"{latest:%Y-%m-%d}" if latest is not None else _LATEST)
    except (ValueError, RecursionError, TypeError):
        return None
    return str(found) if found else None


def _trafilatura(tree: Any) -> tuple[Any, Any] | None:
    """trafilatura's reading of the page, with the settings of its own evaluation (no comments,
    tables kept, no formatting): the article's body and the page's metadata (``page_metadata``:
    trafilatura's, without its date and licence searches), or None when it finds no article or cannot
    read the page's metadata (as its own call with the metadata gave none). trafilatura (2.3 on) reads
    a copy of the tree it is given, and the metadata's steps only read it: ours is left as it was for
    the date lines and the page's text."""
    from trafilatura import bare_extraction

    try:
        document: Any = bare_extraction(tree, options=_extraction_options())
        return None if document is None else (document.body, page_metadata(tree))
    except EXTRACTION_ERRORS:
        return None


@cache
def _extraction_options() -> Any:
    """The settings of our trafilatura call, made once a process (trafilatura reads them, never changes
    them: a retry of its own changes a copy). The metadata is read apart (``page_metadata``)."""
    from trafilatura.settings import Extractor

    return Extractor(output_format="python", comments=False, tables=True, formatting=False, links=False,
                     with_metadata=False)


def _metadata(item: RawItem, document: Any) -> None:
    where = "trafilatura: the page's metadata"
    for name, value, source in ((Field.TITLE, document.title, "title (og:title, h1 or <title>)"),
                                (Field.AUTHOR, document.author, "author"),
                                (Field.SUMMARY, document.description, "description"),
                                (Field.URL, document.url, "address (canonical link or og:url)"),
                                (Field.ORIGIN, document.sitename, "site name")):
        if isinstance(value, str) and value.strip():
            put_field(item, name, clean_inline(value), f"{where}: {source}")
    tags = [str(tag) for tag in (document.tags or []) if str(tag).strip()]
    if tags:
        put_field(item, Field.TAGS, ", ".join(tags), f"{where}: keywords")
    section = [str(category) for category in (document.categories or []) if str(category).strip()]
    if section:
        put_field(item, Field.SECTIE, section[0], f"{where}: category")


def _furniture(kind: str, block: str, config: Config, near_top: bool, date_lines: list[tuple[str, str]]) -> str:
    """Why a block trafilatura kept is furniture (our page reader's rules), or ""."""
    if kind not in ("p", "li") or len(block.split()) > _FURNITURE_WORDS:
        return caption_reason(block) or "" if kind == "p" else ""
    found = date_line(block)
    if found is not None:
        if near_top and found[0]:
            date_lines.append((found[0], block))
        return "date line" if found[0] else "time line"
    reason = furniture_reason(block, config.boilerplate) or caption_reason(block)
    if reason and reason not in _TEXT_IN_A_PAGE:
        return reason
    byline = byline_reason(block)
    return byline[1] if byline and near_top else ""


def _date(item: RawItem, page: str, tree: Any, date_lines: list[tuple[str, str]], config: Config,
          scraped: datetime | None) -> None:
    """The date, from the surest source down: the page's own statement for machines (htmldate without
    its extensive search), else a date line at the top of the article or beside its headline (our
    reader of Dutch, English and German date lines), else htmldate's extensive search of the page's
    text. A date line of the same day gives the time htmldate leaves out."""
    from pipeline.model.dates import parse_date

    page_lines = [found for found in _page_date_lines(tree) if _understood(found[0], config)]
    date_lines = [found for found in date_lines if _understood(found[0], config)]
    date = _htmldate(page, extensive=False, latest=scraped)
    rule = "htmldate: the date the page states in its metadata, structured data or address"
    if date is None and date_lines:
        token, line = date_lines[0]
        put_field(item, Field.DATE, token, f"a date line at the top of the article (the page states no date for "
                                      f"machines): {line!r}")
        return
    if date is None:
        date = _htmldate(page, extensive=True, latest=scraped)
        rule = "htmldate's extensive search of the page's text (the page states no date for machines)"
    if date is None:
        if page_lines:
            token, line = page_lines[0]
            put_field(item, Field.DATE, token, f"a date line beside the headline (htmldate found none): {line!r}")
        return
    for token, line in [*date_lines, *page_lines]:
        try:
            value = parse_date(token, config.zone, languages=config.languages)
        except (ValueError, TypeError, OverflowError):
            continue
        time = _time_of(line)
        if value is not None and f"{value.moment:%Y-%m-%d}" == date and time:
            put_field(item, Field.DATE, f"{date}T{time}", f"{rule} {date}; the time from the date line {line!r}")
            return
    put_field(item, Field.DATE, date, rule)


def _understood(token: str, config: Config) -> bool:
    """A date line's date that reads as a day ("© 1994-2020" does not)."""
    from pipeline.model.dates import DAY, MINUTE, parse_date

    try:
        value = parse_date(token, config.zone, languages=config.languages)
    except (ValueError, TypeError, OverflowError):
        return False
    return value is not None and value.precision in (DAY, MINUTE)


def _page_date_lines(tree: Any) -> list[tuple[str, str]]:
    """Date lines beside the headline: the page's <time> elements, and the lines of its visible text
    above the first line of prose (the article's own date often sits outside what trafilatura keeps,
    beside the byline), in page order. Never a date further down (comments, other stories)."""
    from pipeline.reading.lines import is_prose

    head = []
    # the page's lines read only as far as the first line of prose, not the whole page's text
    for line in islice(flattened_lines(tree), _HEAD_LINES):
        if is_prose(line):
            break
        head.append(line)
    found = []
    times = [" ".join("".join(element.itertext()).split()) for element in tree.iter("time")]
    for line in [*times[:_HEAD_LINES], *head]:
        date = date_line(line) if len(line) <= 80 else None
        if date is not None and date[0]:
            found.append((date[0], line))
    return found


def _time_of(line: str) -> str:
    match = re.search(r"\b(\d{1,2})[:.hu](\d{2})\b", line)
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        return f"{int(match[1]):02d}:{match[2]}"
    return ""


# --- trafilatura's XML to Markdown -----------------------------------------------------------------

_MARKDOWN_START = re.compile(r"(?:#{1,6}\s|>|[-+*]\s|\d{1,9}[.)]\s|```|~~~|\||<)")


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def _blocks(body: Any) -> list[tuple[str, str]]:
    """(kind, text) of every block of the article: h1..h4, p, li, ol (a numbered item), quote, row, code."""
    blocks: list[tuple[str, str]] = []
    loose = " ".join((body.text or "").split())  # text straight in the body, before or between blocks
    if loose:
        blocks.append(("p", loose))
    for element in body:
        _block(element, blocks)
        loose = " ".join((element.tail or "").split())
        if loose:
            blocks.append(("p", loose))
    return blocks


def _block(element: Any, blocks: list[tuple[str, str]]) -> None:
    """One element of trafilatura's body as the blocks it holds."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "head":
        text = _text(element)
        level = str(element.get("rend", "h2"))
        if text:
            blocks.append((level if level in ("h1", "h2", "h3") else "h4", text))
    elif tag == "list":
        numbered = str(element.get("rend", "")) == "ol"
        for child in element.iter("item"):
            text = _text(child)
            if text:
                blocks.append(("ol" if numbered else "li", text))
    elif tag == "table":
        for row in element.iter("row"):
            cells = [_text(cell) for cell in row.iter("cell")]
            if any(cells):
                blocks.append(("row", " | ".join(cells)))
    elif tag == "quote":
        text = _text(element)
        if text:
            blocks.append(("quote", text))
    elif tag == "code":
        text = "".join(element.itertext()).strip("\n")
        if text.strip():
            blocks.append(("code", text))
    elif tag != "graphic":
        text = _text(element)
        if text:
            blocks.append(("p", text))


def _markdown(blocks: list[tuple[str, str]]) -> str:
    """The blocks as Markdown: headings, paragraphs, lists (items of one list together), quotes."""
    parts: list[str] = []
    for kind, text in blocks:
        if kind in ("h1", "h2", "h3", "h4"):
            part = f"{'#' * {'h1': 2, 'h2': 2, 'h3': 3}.get(kind, 4)} {text}"
        elif kind in ("li", "ol"):
            part = f"{'1.' if kind == 'ol' else '-'} {text}"
            if parts and parts[-1][:2] == part[:2] and _is_item(parts[-1]):
                parts[-1] += "\n" + part
                continue
        elif kind == "quote":
            part = f"> {text}"
        elif kind == "code":
            part = f"```\n{text}\n```"
        else:
            part = f"\\{text}" if _MARKDOWN_START.match(text) else text
        parts.append(part)
    return "\n\n".join(parts) + "\n"


def _is_item(part: str) -> bool:
    return part.split("\n")[-1].startswith(("- ", "1. "))


# --- no article found: the page's visible text, one line per block ------------------------------------

_BLOCK_ELEMENTS, _INVISIBLE = BLOCK_ELEMENTS, INVISIBLE  # one list of each, shared with html_text


def flatten(tree: Any) -> str:
    """All visible text of a page, one line per block element (what a careless scraper saves)."""
    return "\n".join(flattened_lines(tree))


def flattened_lines(tree: Any) -> Iterator[str]:
    """The lines of ``flatten``, each made when it is asked for: a reader of the page's top stops there."""
    lines: list[str] = []
    current: list[str] = []

    def end_line() -> None:
        line = " ".join(" ".join(current).split())
        if line:
            lines.append(line)
        current.clear()

    body = tree.find(".//body")
    stack: list[tuple[Any, bool]] = [(body if body is not None else tree, False)]  # (element, closing)
    while stack:  # no recursion: a page nested ten thousand deep is read as any other
        element, closing = stack.pop()
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if closing:
            if tag in _BLOCK_ELEMENTS:
                end_line()
            if element.tail:
                current.append(element.tail)
            continue
        if not tag or tag in _INVISIBLE:
            if element.tail:
                current.append(element.tail)
            continue
        if tag in _BLOCK_ELEMENTS:
            end_line()
        if element.text:
            current.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
        yield from lines
        lines.clear()
    end_line()
    yield from lines


def _flatten_tree(tree: Any) -> str:
    try:
        return flatten(tree)
    except RecursionError:
        raise SourceError("is HTML nested too deeply to read") from None


def _flattened(text: str, item: RawItem, removed: list[tuple[str, str]]) -> RawItem:
    """The page as text for the page reader, the metadata and date found kept."""
    if not text.strip():
        raise SourceError("is HTML with no text in it")
    item.shape = "html-as-text"
    item.body = text
    item.body_format = TEXT
    item.dropped.extend(removed)
    return item
