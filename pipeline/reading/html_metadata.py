"""A page's metadata as trafilatura reads it (title, author, description, address, site name,
keywords, category), without the searches the draft never reads, and without a call into Python for
every element of the page.

trafilatura's ``extract_metadata`` also asks htmldate for the page's date (we ask htmldate ourselves,
with the scrape time as the latest date a page can have) and looks for a licence; neither can be
switched off through its settings. ``page_metadata`` is its ``extract_metadata`` step by step for
every field the draft takes, in its order, on the page's tree as it is (every step reads the tree and
changes nothing of it).

Most of what is left is trafilatura's XPath expressions for the author, the title, the categories
and the tags: their ``re:test(@class, '...')`` calls a Python function for every element the
expression looks at (for the author, three expressions over every element of the page: more than a
third of trafilatura's time on a real page). Each of those patterns is a choice of plain words
("author-?name|AuthorName", "^(?:post-?info|meta)"), so ``plain_xpath`` writes each test as what it
means, ``contains(@class, 'authorname') or contains(@class, 'author-name') or ...`` (``starts-with``
for a word after "^"), which libxml2 answers itself: the same elements, found without a call out.
A pattern that is more than a choice of words stays as it was. trafilatura is imported inside the
functions, as in ``html_source``.
"""

from __future__ import annotations

import re
from contextlib import suppress
from functools import cache
from itertools import product
from typing import Any

# What trafilatura's extraction raises for a page it cannot read; our call turns it into "no article".
EXTRACTION_ERRORS = (ValueError, RecursionError, TypeError, AttributeError)

REGEXP_NS = "http://exslt.org/regular-expressions"  # EXSLT's regular expressions, lxml's "re:" functions
# A test of one attribute against one pattern, as trafilatura writes them.
_RE_TEST = re.compile(r"re:test\(\s*(@[A-Za-z_][\w.:-]*)\s*,\s*'([^']*)'\s*\)")
_MOST_WORDS = 64  # a pattern that means more words than this is left as it is
_START = "\x00"  # "^" while a pattern is read: where it may stand, at the start of a word only
_SPECIAL = frozenset(".*+{}()[]|$\\?^")


def pattern_words(pattern: str) -> list[tuple[bool, str]] | None:
    """The words a regular expression means, each with whether it must begin the text: ``re.search``
    finds the pattern in a text exactly when the text begins with one of the first kind or holds one
    of the second. None for any pattern that is not a choice of words: only plain characters,
    ``|``, non-capturing groups, classes of plain characters (``[Aa]``), ``?`` after one of those,
    ``^`` before a word and a backslash before a character that is no letter or digit are read."""
    if _START in pattern:
        return None
    try:
        words, end = _alternatives(pattern, 0)
    except ValueError:
        return None
    if end != len(pattern) or words is None:
        return None
    found: dict[tuple[bool, str], None] = {}
    for word in words:
        anchored = word.startswith(_START)
        rest = word[1:] if anchored else word
        if _START in rest:
            return None  # "^" inside a word: the pattern never matches there, which words cannot say
        found[(anchored, rest)] = None
    return list(found)


def _alternatives(pattern: str, at: int) -> tuple[list[str] | None, int]:
    """The words of ``a|b|...`` from ``at`` up to a closing ")" or the end, and where it stopped."""
    words: list[str] = []
    while True:
        sequence, at = _sequence(pattern, at)
        if sequence is None:
            return None, at
        words.extend(sequence)
        if len(words) > _MOST_WORDS:
            return None, at
        if at < len(pattern) and pattern[at] == "|":
            at += 1
            continue
        return words, at


def _sequence(pattern: str, at: int) -> tuple[list[str] | None, int]:
    words = [""]
    while at < len(pattern) and pattern[at] not in "|)":
        atom, at = _atom(pattern, at)
        if atom is None:
            return None, at
        if at < len(pattern) and pattern[at] == "?":
            at += 1
            if at < len(pattern) and pattern[at] in "?+":
                return None, at  # a lazy or possessive "?": not read
            atom = ["", *atom]
        if at < len(pattern) and pattern[at] in "*+{":
            return None, at
        words = ["".join(pair) for pair in product(words, atom)]
        if len(words) > _MOST_WORDS:
            return None, at
    return words, at


def _atom(pattern: str, at: int) -> tuple[list[str] | None, int]:
    char = pattern[at]
    if pattern.startswith("(?:", at):
        inner, end = _alternatives(pattern, at + 3)
        if inner is None or end >= len(pattern) or pattern[end] != ")":
            return None, end
        return inner, end + 1
    if char == "[":
        end = pattern.find("]", at + 1)
        members = pattern[at + 1:end] if end > at + 1 else ""
        if not members or any(member in "\\^-[" for member in members):
            return None, at
        return list(dict.fromkeys(members)), end + 1
    if char == "^":
        return [_START], at + 1
    if char == "\\":
        escaped = pattern[at + 1:at + 2]
        if not escaped or escaped.isalnum() or escaped == "_" or not escaped.isascii():
            return None, at
        return [escaped], at + 2
    if char in _SPECIAL:
        return None, at
    return [char], at + 1


def plain_xpath(expression: Any) -> Any:
    """The XPath expression with each ``re:test(@name, 'pattern')`` whose pattern is a choice of words
    (``pattern_words``) written as plain tests of those words: the same elements, found by libxml2
    alone."""
    from lxml.etree import XPath

    def written(test: re.Match[str]) -> str:
        words = pattern_words(test[2])
        if words is None:
            return test[0]
        name = test[1]
        if any(not word for _, word in words):
            return "true()"  # the empty word is in every text, an attribute's absent one too
        # the attribute is looked for once: most elements lack it, and each test of an absent one costs as much
        return f"({name} and (" + " or ".join(f"starts-with({name}, '{word}')" if anchored
                                             else f"contains({name}, '{word}')" for anchored, word in words) + "))"

    return XPath(_RE_TEST.sub(written, expression.path), namespaces={"re": REGEXP_NS})


@cache
def _plain(name: str) -> list[Any]:
    """trafilatura's list of XPath expressions of that name, written plain, made once a process."""
    from trafilatura import xpaths

    return [plain_xpath(expression) for expression in getattr(xpaths, name)]


def page_metadata(tree: Any) -> Any:
    """trafilatura's ``Document`` of the page's metadata, as ``extract_metadata`` makes it for a tree
    with no address given and no author blacklist: every field but ``date``, ``license`` and
    ``hostname`` (left None). Raises what trafilatura's own steps raise."""
    from trafilatura.metadata import META_URL, examine_meta, extract_meta_json, extract_sitename, extract_url

    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    with suppress(Exception):  # trafilatura's own guard around its JSON-LD reader (it logs a warning)
        metadata = extract_meta_json(tree, metadata)
    if not metadata.title:
        metadata.title = _title(tree)
    if not metadata.author:
        metadata.author = _author(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, None)
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")  # a Twitter name
        if metadata.sitename and "." not in metadata.sitename and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url:
        match = META_URL.match(metadata.url)
        if match:
            metadata.sitename = match[1]
    if not metadata.categories:
        metadata.categories = _categories_or_tags("category", tree)
    if not metadata.tags:
        metadata.tags = _categories_or_tags("tag", tree)
    metadata.clean_and_trim()
    return metadata


# Where a page declares its language: the root's ``lang`` (or ``xml:lang``), and among the head's meta elements
# og:locale, Content-Language (as http-equiv or as a name) and a "language" name.
_LANGUAGE_METAS = frozenset({"og:locale", "content-language", "language", "dc.language"})
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def declared_language(tree: Any) -> str:
    """The language the page says it is in: the primary subtag ("nl" of "nl-NL", "nl_NL"), lower case, of every
    declaration it makes (see ``_LANGUAGE_METAS``), when they all name the same one; "" when it makes none, or
    declarations that disagree, or one that is no language code (two or three letters)."""
    codes = set()
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    # an HTML parser keeps "xml:lang" as it is named; an XML one in its namespace
    for value in (root.get("lang"), root.get("xml:lang"), root.get(_XML_LANG)):
        if value is not None:
            codes.add(_primary(value))
    head = root.find("head")
    if head is not None:
        for meta in head.iterchildren("meta"):
            key = meta.get("property") or meta.get("http-equiv") or meta.get("name") or ""
            if key.strip().lower() in _LANGUAGE_METAS:
                codes.add(_primary(meta.get("content") or ""))
    if len(codes) != 1:
        return ""
    return codes.pop()


def _primary(value: str) -> str:
    """ "nl" of "nl-NL", "NL_nl" or " nl "; "" for anything that is no language tag's first part."""
    code = re.split(r"[-_]", value.strip(), maxsplit=1)[0].lower()
    return code if 2 <= len(code) <= 3 and code.isascii() and code.isalpha() else ""


def _title(tree: Any) -> str | None:
    """trafilatura's ``extract_title``, its expressions written plain."""
    from trafilatura.baseline import block_text
    from trafilatura.metadata import examine_title_element, extract_metainfo

    h1_results = tree.findall(".//h1")
    if len(h1_results) == 1 and (title := block_text(h1_results[0])):
        return title
    title = extract_metainfo(tree, _plain("TITLE_XPATHS")) or ""
    if title:
        return title
    title, first, second = examine_title_element(tree)
    for part in (first, second, title):
        if part and "." not in part:
            return part
    for h1_result in h1_results:  # as trafilatura: the last empty heading's text stays the title
        if title := block_text(h1_result):
            return title
    if h2_results := tree.xpath(".//h2"):
        title = block_text(h2_results[0])
    return title or None


def _author(tree: Any) -> str | None:
    """trafilatura's ``extract_author``, its expressions written plain: a copy of the tree without the
    parts that name no author (comments, dates, figures), then its author expressions."""
    from copy import deepcopy

    from trafilatura.htmlprocessing import prune_unwanted_nodes
    from trafilatura.json_metadata import normalize_authors
    from trafilatura.metadata import extract_metainfo

    subtree = prune_unwanted_nodes(deepcopy(tree), _plain("AUTHOR_DISCARD_XPATHS"))
    author = extract_metainfo(subtree, _plain("AUTHOR_XPATHS"), len_limit=120)
    if author:
        author = normalize_authors(None, author)
    return author


def _categories_or_tags(kind: str, tree: Any) -> list[str]:
    """trafilatura's ``extract_catstags`` for "category" or "tag", its expressions written plain."""
    from trafilatura.baseline import block_text
    from trafilatura.utils import line_processing

    results: list[str] = []
    link = re.compile("/" + kind.rstrip("y") + "(?:y|ies|s)?/")
    for expression in _plain("CATEGORIES_XPATHS" if kind == "category" else "TAGS_XPATHS"):
        results.extend(block_text(element) for element in expression(tree) if link.search(element.attrib["href"]))
        if results:
            break
    if kind == "category" and not results:
        results.extend(element.attrib["content"] for element in tree.xpath(
            './/head//meta[@property="article:section" or contains(@name, "subject")][@content]'))
    return [result for result in dict.fromkeys(line_processing(value) for value in results if value) if result]
