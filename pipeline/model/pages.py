"""The addresses Hugo gives an article's page: two articles with one address are one page on the site,
and the later one takes it over. Pure.

Every address is in the one form the site resolves it to, so that a `url`, an alias, a slug and a file
name that reach one page compare equal: the path of the page as Hugo writes it, `/x/` for `x/index.html`
(`/x`, `x/` and `/x/index.html` are all `/x/`), `/x.html` for a page that is a file, `/` for the home
page; a slug and a file name made into a path as Hugo makes them (spaces to hyphens, other signs
dropped), and case ignored throughout (`/Nieuws/` is `/nieuws/`: one page on a server that ignores case).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

HOME = "/"
TAGS = "/tags/"
# Characters hugo_path keeps whatever stands around them (not %, kept only before two hex digits).
_KEPT_AS_IT_IS = re.compile(r"[A-Za-z0-9./\\_#+~@-]*")


def page_addresses(meta: dict[str, Any], name: str) -> dict[str, str]:
    """The addresses Hugo gives an article's page, each with the key that gives it: its `url`, each of
    its `aliases`, and its `slug` (else its file name) in its folder. `name` is its path inside drafts/
    or published/ without ``.md``."""
    folder, _, stem = name.rpartition("/")
    found: dict[str, str] = {}
    url = meta.get("url")
    if isinstance(url, str) and url.strip():
        found[url_address(url)] = "url"
    aliases = meta.get("aliases")
    for alias in aliases if isinstance(aliases, list) else [aliases] if isinstance(aliases, str) else []:
        if isinstance(alias, str | int) and str(alias).strip():
            found.setdefault(url_address(str(alias)), "aliases")
    slug = meta.get("slug")
    given = isinstance(slug, str) and bool(slug.strip())
    found.setdefault(_slug_address(folder, str(slug) if given else stem), "slug" if given else "file name")
    return found


def file_name_address(name: str) -> str:
    """The address an article's file name gives its page when it has no slug (`name`: its path inside
    drafts/ or published/ without ``.md``)."""
    folder, _, stem = name.rpartition("/")
    return _slug_address(folder, stem)


def url_address(value: str) -> str:
    """The page a `url` or an alias names, as Hugo writes it: taken as it is (Hugo does not make it a
    path as it does a slug), from the site's root."""
    text = value.strip()
    parts = [part for part in text.split("/") if part not in ("", ".")]
    if parts and parts[-1].casefold() in ("index.html", "index.htm"):
        parts = parts[:-1]  # the folder's own page
    elif parts and not text.endswith("/") and "." in parts[-1]:
        return "/" + "/".join(parts).casefold()  # a page that is a file: /x.html
    return "/" + "".join(f"{part}/" for part in parts).casefold()


def site_page(address: str) -> str:
    """Which page of the site itself an address is (the home page, the tag pages), '' when none: an
    article there would take it over."""
    if address == HOME:
        return "the site's home page"
    if address == TAGS or address.startswith(TAGS):
        return "the site's tag pages (/tags/)"
    return ""


def section_addresses(name: str) -> list[str]:
    """The list page Hugo makes for the folder an article is in, at the top (`sub/deeper/x`: `/sub/`; a
    folder deeper down gets one only with an `_index.md` of its own)."""
    folders = [part for part in name.split("/")[:-1] if part]
    return [_slug_address(folders[0], "")] if folders else []


def hugo_path(text: str) -> str:
    """A slug or a file name as Hugo makes it a path (UnicodeSanitize, then lower case): letters, digits,
    marks and ``./\\_#+~-@`` stay (and ``%`` before two hex digits), a run of spaces is one hyphen unless a
    hyphen came just before, anything else is dropped."""
    if _KEPT_AS_IT_IS.fullmatch(text):  # most names: ASCII letters, digits and hyphens, each one kept
        return text.casefold()
    return _hugo_path_by_character(text)


def _hugo_path_by_character(text: str) -> str:
    kept: list[str] = []
    hyphen = False
    for index, char in enumerate(text):
        allowed = char in "./\\_#+~-@" or char.isalpha() or unicodedata.category(char) in ("Nd", "Mn", "Mc", "Me")
        allowed = allowed or (char == "%" and _hex(text[index + 1:index + 3]))
        if allowed:
            hyphen = char == "-"
            kept.append(char)
        elif not hyphen and char.isspace():
            hyphen = True
            kept.append("-")
    return "".join(kept).casefold()


def _hex(pair: str) -> bool:
    return len(pair) == 2 and all(char in "0123456789abcdefABCDEF" for char in pair)


def _slug_address(folder: str, last: str) -> str:
    path = hugo_path(f"{folder}/{last}" if folder else last)
    if path and path[0] != "/" and path[-1] != "/" and "//" not in path:  # no empty part (nearly every name)
        return f"/{path}/"
    return _address_of_parts(path)


def _address_of_parts(path: str) -> str:
    parts = [part for part in path.split("/") if part]
    return "/" + "".join(f"{part}/" for part in parts)
