"""A page's metadata read as trafilatura reads it, without its date and licence searches and with its
patterns written as plain tests: the same fields as trafilatura's own ``extract_metadata``."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.reading.html_metadata import page_metadata, pattern_words, plain_xpath
from pipeline.reading.html_source import _parse
from pipeline.reading.items import SourceError

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FIELDS = ("title", "author", "description", "url", "sitename", "tags", "categories")
EXPRESSIONS = ("AUTHOR_XPATHS", "AUTHOR_DISCARD_XPATHS", "TITLE_XPATHS", "CATEGORIES_XPATHS", "TAGS_XPATHS")


def _found(pattern: str, text: str) -> bool:
    words = pattern_words(pattern)
    assert words is not None
    return any(text.startswith(word) if anchored else word in text for anchored, word in words)


# --- a pattern's words ---------------------------------------------------------------------------------

_LETTERS = "aAb-"


@st.composite
def _patterns(draw: st.DrawFn, depth: int = 0) -> str:
    """Patterns of the kind trafilatura writes: words, choices, groups, classes, "?" and "^"."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["char", "char", "class", "group", "start", "escape"] if depth < 2
                                    else ["char", "class", "start"]))
        if kind == "char":
            part = draw(st.sampled_from(_LETTERS))
        elif kind == "class":
            part = "[" + "".join(draw(st.lists(st.sampled_from("aAb"), min_size=1, max_size=3))) + "]"
        elif kind == "group":
            part = "(?:" + "|".join(draw(st.lists(_patterns(depth + 1), min_size=1, max_size=3))) + ")"
        elif kind == "escape":
            part = "\\" + draw(st.sampled_from(".-/ "))
        else:
            part = "^"
        if kind != "start" and draw(st.booleans()):
            part += "?"
        parts.append(part)
    alternatives = ["".join(parts)]
    if depth == 0 and draw(st.booleans()):
        alternatives.append(draw(_patterns(1)))
    return "|".join(alternatives)


@settings(max_examples=400)
@given(_patterns(), st.lists(st.text(_LETTERS + "./ x", max_size=8), min_size=1, max_size=6))
def test_a_patterns_words_are_found_exactly_where_the_pattern_is(pattern: str, texts: list[str]) -> None:
    words = pattern_words(pattern)
    if words is None:  # only too many words, or "^" inside one, leave a pattern as it is
        assert len(pattern) > 8 or "^" in pattern
        return
    for text in texts:
        assert _found(pattern, text) == (re.search(pattern, text) is not None), (pattern, text)


@given(st.text(max_size=30), st.text(max_size=12))
def test_any_pattern_is_either_read_exactly_or_left_as_it_is(pattern: str, text: str) -> None:
    try:
        compiled = re.compile(pattern)
    except re.error:
        compiled = None
    words = pattern_words(pattern)
    if words is not None:
        assert compiled is not None
        assert _found(pattern, text) == (compiled.search(text) is not None), (pattern, text)


def test_trafilaturas_patterns_are_read_and_others_are_not() -> None:
    assert pattern_words("author-?name|AuthorName") == [(False, "authorname"), (False, "author-name"),
                                                         (False, "AuthorName")]
    assert pattern_words("^(?:post-?info|meta)") == [(True, "postinfo"), (True, "post-info"), (True, "meta")]
    assert pattern_words("^[Cc]omments|article-(?:share|support)") == [
        (True, "Comments"), (True, "comments"), (False, "article-share"), (False, "article-support")]
    for other in ("a.b", "a*", "a+", "a{2}", "a$", "[a-z]", "[^a]", "\\d", "(a)", "a??", "(?:a", "a)", "[ab",
                  "a^b", "(?=a)", "(?i)a", "\x00", "[]", "\\", "(?:a|b)" * 7):
        assert pattern_words(other) is None, other


# --- the expressions and the fields ----------------------------------------------------------------------

def _pages() -> list[str]:
    pages = [path.read_bytes().decode("utf-8", "replace") for path in sorted(SAMPLES.glob("html-*.html"))]
    huge = "author " * 200_000
    pages += [
        # bylines of every kind the expressions look for, some inside what the author search discards
        "<html><head><title>Kop - Krant.nl</title></head><body><div class='comments'><span class='author'>Lezer"
        "</span></div><p class='byline'>Door Anna de Vries</p><span itemprop='author name'>Jan Jansen</span>"
        "<div class='post-meta'><a href='/category/sport/'>Sport</a><a href='/tag/voetbal/'>voetbal</a></div>"
        "<h1 class='entry-title'>Kop</h1><h1>Tweede</h1><time>12 mei</time><figure><p class='author'>Foto"
        "</p></figure><p>Tekst van het artikel.</p></body></html>",
        # a class attribute of a megabyte, control characters, an element that is no HTML element
        f"<html><head><title>A\x01b</title></head><body><div class='{huge}'>x</div><author>Piet\x0b Puk"
        "</author><p class='AuthorName'>\x7fKees</p><rel>me</rel><a rel='author'>Els</a></body></html>",
        # JSON-LD nested, broken and of the wrong types; metadata of nothing
        "<html><head><script type='application/ld+json'>{\"@graph\": [{\"@type\": \"NewsArticle\", \"author\": "
        "{\"@type\": \"Person\", \"name\": {\"name\": [1, 2]}}, \"headline\": [\"a\"]}]}</script>"
        "<script type='application/ld+json'>{\"author\": </script><meta name='author' content=''>"
        "<meta property='og:title' content='   '><meta name='keywords'><link rel='canonical' href='//x'>"
        "</head><body><h2>Alleen een tussenkop</h2><div class='tags'><a href='/tags/x/'> </a></div></body></html>",
        # dates of nothing, a site name after the title, the address only in og:url
        "<html><head><title>Storm | nieuws.example.org</title><meta property='og:url' content='https://a.example/"
        "b'><meta name='date' content='31-31-9999'><meta name='twitter:site' content='@krant'></head><body>"
        "<div class='entry-meta'><a href='/categories/x'>Weer</a></div><p class='writer'>W. Riter</p></body></html>",
    ]
    return pages


def _trees() -> list[object]:
    """The pages that are HTML at all (a sample is bytes of an image named .html)."""
    trees = []
    for text in _pages():
        try:
            trees.append(_parse(text)[0])
        except SourceError:
            continue
    assert len(trees) >= len(_pages()) - 1
    return trees


def test_the_plain_expressions_find_trafilaturas_elements() -> None:
    from trafilatura import xpaths

    for tree in _trees():
        for name in EXPRESSIONS:
            for expression in getattr(xpaths, name):
                plain = plain_xpath(expression)
                assert "re:test" not in plain.path, name
                assert plain(tree) == expression(tree), name


def test_the_metadata_is_trafilaturas_without_its_date_and_licence() -> None:
    from trafilatura.metadata import extract_metadata

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    for tree in _trees():
        theirs = extract_metadata(tree, None, {"extensive_search": False, "original_date": True}, False, set())
        ours = page_metadata(tree)
        assert [getattr(ours, name) for name in FIELDS] == [getattr(theirs, name) for name in FIELDS]
        assert ours.date is None and ours.license is None


_BYLINE_CLASSES = ["byline", "author", "AuthorName", "author-name", "post-author", "writer", "meta-date", "date",
                   "comments", "sidebar", "title", "entry-title", "post-meta", "tags", "cat-links", "x"]


@st.composite
def _element(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(["div", "span", "p", "a", "h1", "h2", "h3", "time", "figure", "li", "author"]))
    attributes = ""
    if draw(st.booleans()):
        attributes += f" class='{draw(st.sampled_from(_BYLINE_CLASSES))}'"
    if draw(st.booleans()):
        attributes += f" id='{draw(st.sampled_from(['author', 'comments-1', 'headline', 'postpath', 'x']))}'"
    if tag == "a":
        attributes += f" href='{draw(st.sampled_from(['/tag/a/', '/category/b/', '/x']))}'"
        if draw(st.booleans()):
            attributes += " rel='author'"
    text = draw(st.sampled_from(["", "Door Anna de Vries", "Jan", "Kop van het stuk", "Sport", "\x0b", "a.b"]))
    inner = "".join(draw(st.lists(_element(depth + 1), max_size=3))) if depth < 3 else ""
    tail = draw(st.sampled_from(["", "staart", " "]))
    return f"<{tag}{attributes}>{text}{inner}</{tag}>{tail}"


@settings(max_examples=150)
@given(st.lists(_element(), min_size=1, max_size=6),
       st.sampled_from(["", "<title>Kop - Krant</title>", "<title>Kop | krant.nl</title>",
                        "<meta name='author' content='Anna'><meta property='article:section' content='Sport'>"]))
def test_the_metadata_of_any_page_of_bylines_headings_and_links_is_trafilaturas(body: list[str], head: str) -> None:
    from trafilatura.metadata import extract_metadata

    tree, _ = _parse(f"<html><head>{head}</head><body>{''.join(body)}</body></html>")
    theirs = extract_metadata(tree, None, {"extensive_search": False, "original_date": True}, False, set())
    ours = page_metadata(tree)
    assert [getattr(ours, name) for name in FIELDS] == [getattr(theirs, name) for name in FIELDS]
