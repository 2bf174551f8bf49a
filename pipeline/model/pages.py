"""The addresses Hugo gives an article's page: two articles with one address are one page on the site,
and the later one takes it over. Pure."""

from __future__ import annotations

from typing import Any


def page_addresses(meta: dict[str, Any], name: str) -> dict[str, str]:
    """The addresses Hugo gives an article's page, each with the key that gives it: its `url`, each of
    its `aliases` (as paths, case ignored), and its `slug` (else its file name) in its folder. `name`
    is its path inside drafts/ or published/ without ``.md``."""
    folder, _, stem = name.rpartition("/")
    found: dict[str, str] = {}

    def path(value: Any) -> str:
        text = str(value).strip().strip("/").casefold()
        return f"/{text}/" if text else ""

    if isinstance(meta.get("url"), str) and path(meta["url"]):
        found[path(meta["url"])] = "url"
    aliases = meta.get("aliases")
    for alias in aliases if isinstance(aliases, list) else [aliases] if isinstance(aliases, str) else []:
        if isinstance(alias, str | int) and path(alias):
            found.setdefault(path(alias), "aliases")
    slug = meta.get("slug")
    given = isinstance(slug, str) and bool(slug.strip())
    found.setdefault(_slug_address(folder, str(slug) if given else stem), "slug" if given else "file name")
    return found


def file_name_address(name: str) -> str:
    """The address an article's file name gives its page when it has no slug (`name`: its path inside
    drafts/ or published/ without ``.md``)."""
    folder, _, stem = name.rpartition("/")
    return _slug_address(folder, stem)


def _slug_address(folder: str, last: str) -> str:
    return f"slug:/{folder}/{last.strip().casefold()}/".replace("//", "/")
