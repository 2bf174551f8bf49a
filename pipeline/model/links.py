"""Where an article body's links and images lead, and which of them a page must never carry.

A browser runs ``javascript:`` (and, in places, ``vbscript:`` and ``data:``) however it is spelled:
entities decoded (``&#x73;``, ``&#106;``), any case, tabs and newlines and control characters inside.
So every target the body gives is looked at as a browser would see it, and only the schemes a news
article needs (http, https, mailto) or none at all (a relative path) pass. Targets are found as
CommonMark finds them (markdown-it-py, told to keep every link, whatever its scheme): inline links and
images, reference definitions (used or not), autolinks, and the URL attributes of raw HTML. Pure.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})

_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")

# The attributes of raw HTML a browser follows or loads.
_URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "poster", "background", "cite",
                             "data", "xlink:href", "longdesc", "manifest", "ping", "codebase", "lowsrc"})


@dataclass(frozen=True)
class Target:
    """A link's or an image's target as written, the 0-based body line it starts on, and its scheme."""

    line: int
    target: str
    scheme: str


def scheme_of(target: str) -> str | None:
    """The scheme a browser reads in the target (entities decoded, whitespace, control and format
    characters dropped, case folded), or None for a relative one."""
    seen = html.unescape(target)
    kept = "".join(ch for ch in seen if not ch.isspace() and unicodedata.category(ch)[0] != "C").casefold()
    found = _SCHEME.match(kept)
    return found.group(1) if found else None


# Hugo (goldmark's linkify) makes a link of bare text that starts with a scheme it knows: of those,
# only ftp:// is not one a page may link to.
_BARE_LINK = re.compile(r"(?<![\w.+-])ftp://", re.I)


def may_hold_links(body: str) -> bool:
    """False only when the body can hold no link or image: each needs ``](``, ``]:``, ``<`` or a bare
    ``ftp://``."""
    # A look for one character costs a tenth of one for several: the longer looks only where it is.
    return ("<" in body or ("]" in body and ("](" in body or "]:" in body))
            or ("/" in body and "://" in body and _BARE_LINK.search(body) is not None))


def unsafe_targets(body: str) -> list[Target]:
    """Every target in the body whose scheme is not http, https or mailto, in the body's order."""
    if not may_hold_links(body):
        return []
    found = [target for target in _targets(body)
             if (scheme := target.scheme) and scheme not in ALLOWED_SCHEMES]
    return sorted(found, key=lambda target: target.line)


def _targets(body: str) -> Iterator[Target]:
    env: dict[str, Any] = {}
    for token in _parser().parse(body, env):
        line = token.map[0] if token.map else 0
        if token.type == "html_block":
            yield from _html_targets(token.content, line)
        for child in token.children or ():
            if child.type in ("softbreak", "hardbreak"):
                line += 1  # a paragraph's lines are one inline token, its line ends these
            elif child.type == "link_open":
                yield _target(line, str(child.attrs.get("href", "")))
            elif child.type == "image":
                yield _target(line, str(child.attrs.get("src", "")))
            elif child.type == "html_inline":
                yield from _html_targets(child.content, line)
            elif child.type == "text" and (bare := _BARE_LINK.search(child.content)):
                yield _target(line, child.content[bare.start():].split()[0])
    definitions = list(env.get("references", {}).items())
    definitions += [(found.get("label", ""), found) for found in env.get("duplicate_refs", ())]
    for label, definition in definitions:
        if not str(label).startswith("^"):  # [^1]: ... is a footnote in Hugo, not a link
            where = definition.get("map") or [0]
            yield _target(where[0], str(definition.get("href", "")))


def _target(line: int, target: str) -> Target:
    return Target(line, target, scheme_of(target) or "")


def _html_targets(fragment: str, line: int) -> Iterator[Target]:
    collector = _UrlAttributes()
    collector.feed(fragment)
    collector.close()
    for offset, value in collector.found:
        yield _target(line + offset, value)


class _UrlAttributes(HTMLParser):
    """The URL attributes of every tag in a fragment (HTMLParser decodes their entities)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0] - 1
        for name, value in attrs:
            if name.lower() in _URL_ATTRIBUTES and value:
                # srcset and ping hold several URLs; each one's scheme counts.
                for part in value.split(",") if name.lower() in ("srcset", "ping") else (value,):
                    self.found.append((line, part.strip().split(" ")[0] if name.lower() == "srcset" else part))

    handle_startendtag = handle_starttag


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    # Emphasis and entities in text change no target: their rules are not run (a third of the time).
    parser = MarkdownIt("commonmark").disable(["emphasis", "balance_pairs", "fragments_join", "text_join", "entity"])
    # markdown-it drops a javascript: link to plain text and percent-encodes the rest; here every
    # target is wanted as written (entities decoded), to be judged.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    parser.normalizeLink = lambda url: url  # type: ignore[method-assign]
    return parser
