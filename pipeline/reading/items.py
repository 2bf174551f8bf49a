"""A raw item: what one raw file (or one item of a feed) says about itself, the fields a source may give
and the keys it gives them under. Every raw shape's reader (``sources``, ``json_source``, ``html_source``)
fills these; nothing here reads a shape."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pipeline.model.config import Config


class SourceError(ValueError):
    """A raw file that decodes but holds nothing we can make a draft of; the message is the reason."""


TEXT, MARKDOWN = "text", "markdown"


class Field(StrEnum):
    """What a source may say about itself; a reader puts each value it finds under one of these."""

    TITLE = "title"
    DATE = "date"
    BODY = "body"  # the text itself: never stored in ``fields``
    SUMMARY = "summary"
    URL = "url"
    ORIGIN = "origin"  # the source's name where an address was expected ("Bron: ANP")
    AUTHOR = "author"
    TAGS = "tags"
    SECTIE = "sectie"
    DOELGROEP = "doelgroep"
    LANG = "lang"
    SCRAPED = "scraped"  # when the page was fetched: the base for relative dates


@dataclass
class RawItem:
    """What one raw file (or one item of a JSON Lines file) says about itself."""

    shape: str
    body: str  # text after the header, read as a page later (or kept, for Markdown)
    fields: dict[Field, str] = field(default_factory=dict)  # what the source gives, as given
    evidence: dict[Field, str] = field(default_factory=dict)  # where each field was found
    meta: dict[str, Any] = field(default_factory=dict)  # front matter given by the source, kept
    body_format: str = TEXT
    extra: dict[str, str] = field(default_factory=dict)  # configured extra header keys, as given
    taken: list[str] = field(default_factory=list)  # lines of the text the reader took (a byline), for --explain
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (block, why) a reader left out, for --explain
    language: str = ""  # the language an HTML page declares (``html_metadata.declared_language``), "" for none


@dataclass(frozen=True)
class Reader:
    name: str
    detect: Callable[[str, Config], bool]
    read: Callable[[str, Config], list[RawItem]]


# Keys the sources use, by the field they give (header blocks, JSON items, sloppy front matter).
FIELD_ALIASES: dict[Field, tuple[str, ...]] = {
    Field.TITLE: ("title", "titel", "kop", "headline", "name"),
    Field.DATE: ("date", "datum", "published", "gepubliceerd", "publicatiedatum", "pubdate", "pub_date",
             "datepublished", "date_published", "published_at", "publishedat", "publication_date",
             "geplaatst", "created", "created_at", "time", "timestamp"),
    Field.BODY: ("text", "body", "content", "articlebody", "article_body", "content_text", "content_html",
             "html", "tekst", "inhoud", "bericht"),
    Field.SUMMARY: ("summary", "samenvatting", "description", "intro", "lead", "excerpt", "teaser"),
    Field.URL: ("url", "link", "canonical", "canonical_url", "permalink", "source_url", "bron", "source"),
    Field.AUTHOR: ("author", "auteur", "authors", "door", "byline", "by", "creator", "writer", "schrijver"),
    Field.TAGS: ("tags", "trefwoorden", "keywords", "labels"),
    Field.SECTIE: ("sectie", "section", "articlesection", "rubriek", "categorie", "category"),
    Field.DOELGROEP: ("doelgroep", "audience"),
    Field.LANG: ("lang", "language", "inlanguage", "taal"),
    Field.SCRAPED: ("scraped", "scraped_at", "scrapedat", "gescraped", "opgehaald", "fetched", "fetched_at",
                "crawled", "crawled_at", "retrieved", "retrieved_at", "downloaded_at"),
}
_FIELD_OF = {alias: name for name, aliases in FIELD_ALIASES.items() for alias in aliases}


def field_of(key: str, config: Config) -> Field | str | None:
    """The field a source key gives ("Titel" -> title), "extra:<key>" for configured keys, or None."""
    probe = re.sub(r"[\s-]+", "_", key.strip().lower())
    extra = {re.sub(r"[\s-]+", "_", name.strip().lower()) for name in config.header_keys}
    if probe in extra:
        return f"extra:{probe}"
    return _FIELD_OF.get(probe) or _FIELD_OF.get(probe.replace("_", ""))


def is_url(value: str) -> bool:
    return re.fullmatch(r"https?://\S+|www\.\S+", value.strip()) is not None


def put_field(item: RawItem, name: Field, value: str, where: str) -> None:
    """A field the source gives; the first occurrence wins, as a reader would read it."""
    value = value.strip()
    if not value or name in item.fields:
        return
    if name == "url" and not is_url(value):
        name = Field.ORIGIN  # "Bron: ANP" names the source, not its address
        if name in item.fields:
            return
    item.fields[name] = value
    item.evidence[name] = where
