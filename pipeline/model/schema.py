"""The front matter rules, declared once as data derived from the config.

``field_rules`` is the single declaration: ``pipeline validate`` applies it field by field
(``pipeline.stages.front_matter_rules.check_field``) and ``pipeline schema`` prints it as JSON Schema (draft 2020-12),
so an editor's YAML tooling and the pipeline can never disagree. Checks JSON Schema cannot say (a
real calendar date, YAML traps, body rules, warnings) live in ``pipeline.stages.front_matter_rules`` only.

Patterns are written in the part of regular-expression syntax that Python and ECMA-262 (what
JSON Schema tools and editors use) read the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.model.config import Config

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# RFC 3339 date-time with seconds and an offset (Z or +01:00), fractional seconds allowed.
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$"
HTTPS_PATTERN = r"^https://[^\s/?#]+[^\s]*$"
# Trimmed and without capitals: what `pipeline normalise` makes of a tag.
TAG_PATTERN = r"^[^\sA-ZÀ-ÖØ-Þ]([^A-ZÀ-ÖØ-Þ]*[^\sA-ZÀ-ÖØ-Þ])?$"
PRECISIONS = ("month", "year")
# What ingest judged the page to be ("not-article": an index, shop, agenda or login page; "maybe-not-article": read
# as an article, but near that line), or an editor says it is.
NOT_ARTICLE = "not-article"
MAYBE_NOT_ARTICLE = "maybe-not-article"
PAGE_KINDS = ("article", NOT_ARTICLE, MAYBE_NOT_ARTICLE)

STRING, BOOLEAN, ARRAY, OBJECT, ANY = "string", "boolean", "array", "object", "any"


@dataclass(frozen=True)
class FieldRule:
    """What one front matter field must be. ``name`` is dotted (``cover.image``)."""

    name: str
    type: str
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    const: bool | None = None  # draft: true in drafts/, false in published/
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    format: str | None = None
    pattern_code: str = "format"  # the problem code when the pattern does not match
    pattern_hint: str = ""  # what to do about it
    min_items: int | None = None
    max_items: int | None = None
    unique_items: bool = False
    item_pattern: str | None = None
    item_pattern_code: str = "format"
    item_hint: str = ""


# Hugo's other dates: an article shows from the later of date and publishDate, and not after expiryDate.
HUGO_DATES = {
    "publishDate": "Hugo shows the article from this moment (RFC 3339 with offset); one later than date "
                   "schedules it.",
    "expiryDate": "Hugo stops showing the article at this moment (RFC 3339 with offset); one passed is an error.",
    "lastmod": "When the article was last changed (RFC 3339 with offset).",
}


def field_rules(config: Config, published: bool = False) -> tuple[FieldRule, ...]:
    """The rules for every known field, with required-ness, vocabularies and limits from the config."""
    required = set(config.required)

    def needs(name: str) -> bool:
        return name in required

    rules = [
        FieldRule("title", STRING, "The headline, without a trailing full stop.", needs("title"),
                  min_length=1 if needs("title") else None, max_length=config.max_title_chars),
        FieldRule("date", STRING, "Publication date-time, RFC 3339 with offset: 2026-02-11T00:00:00+01:00.",
                  needs("date"), pattern=DATE_PATTERN, format="date-time", pattern_code="date-format",
                  pattern_hint="Hugo reads other forms wrongly or not at all, without a word "
                               "(\"11-02-2026\" becomes the year 1): run pipeline normalise, or write "
                               "it like 2026-02-11T00:00:00+01:00"),
        *(FieldRule(name, STRING, what, needs(name), pattern=DATE_PATTERN, format="date-time",
                    pattern_code="date-format", pattern_hint="Hugo reads other forms wrongly or not at all: run "
                    "pipeline normalise, or write it like 2026-02-11T00:00:00+01:00")
          for name, what in HUGO_DATES.items()),
        FieldRule("tags", ARRAY, "Tags from the vocabulary: lower-case, each once.", needs("tags"),
                  min_items=config.min_tags if needs("tags") else None, max_items=config.max_tags,
                  unique_items=True, item_pattern=TAG_PATTERN, item_pattern_code="tag-form",
                  item_hint="tags are lower-case and trimmed: run pipeline normalise"),
        FieldRule("summary", STRING, "One or two sentences that do not repeat the title.", needs("summary"),
                  min_length=1 if needs("summary") else None, max_length=config.summary_max_chars),
        FieldRule("doelgroep", STRING, "The audience.", needs("doelgroep"), enum=config.audience_names()),
        FieldRule("sectie", STRING, "The section.", needs("sectie"), enum=config.section_names()),
        FieldRule("credit", STRING, "Who wrote it and the agency it came from (\"Jan Jansen / ANP\"): set when "
                  "published from the source's author and origin; a newsroom must credit an agency's copy.",
                  needs("credit")),
        FieldRule("cover", OBJECT, "The cover image: image, alt and caption.",
                  any(name.startswith("cover.") for name in required) or needs("cover")),
        FieldRule("cover.image", STRING, "URL of the cover image (https).", needs("cover.image"),
                  min_length=1 if needs("cover.image") else None, pattern=HTTPS_PATTERN, format="uri",
                  pattern_code="url", pattern_hint="must be an https:// URL"),
        FieldRule("cover.alt", STRING, "What the cover image shows, for readers who cannot see it.",
                  needs("cover.alt"), min_length=1 if needs("cover.alt") else None),
        FieldRule("cover.caption", STRING, "Caption and credit of the cover image.", needs("cover.caption"),
                  min_length=1 if needs("cover.caption") else None),
        FieldRule("draft", BOOLEAN, "false in published/, true in drafts/.", needs("draft"),
                  const=not published),
        FieldRule("lang", STRING, "Language of the article.", needs("lang"), enum=config.languages),
        FieldRule("date_precision", STRING, "Set by ingest when the source gave only the month or year; "
                                            "an editor confirms the day and removes it.",
                  needs("date_precision"), enum=PRECISIONS),
        FieldRule("page_kind", STRING, "Set by ingest to \"not-article\" when the page reads as an index, shop, "
                                       "agenda or login page, to \"maybe-not-article\" when it nearly does; an "
                                       "editor who finds an article writes \"article\".",
                  needs("page_kind"), enum=PAGE_KINDS),
        FieldRule("source", OBJECT, "Where the draft came from (kept by the pipeline).", needs("source")),
    ]
    known = {rule.name for rule in rules}
    # A field the config requires that the house style does not describe: required, any type.
    rules += [FieldRule(name, ANY, "Required by validate.required.", True)
              for name in config.required if name not in known]
    return tuple(rules)


def rule_schema(rule: FieldRule) -> dict[str, Any]:
    """One field's JSON Schema."""
    schema: dict[str, Any] = {"description": rule.description}
    if rule.type != ANY:
        schema["type"] = rule.type
    if rule.enum:
        schema["enum"] = list(rule.enum)
    if rule.const is not None:
        schema["const"] = rule.const
    for key, value in (("minLength", rule.min_length), ("maxLength", rule.max_length), ("pattern", rule.pattern),
                       ("format", rule.format), ("minItems", rule.min_items), ("maxItems", rule.max_items)):
        if value is not None:
            schema[key] = value
    if rule.type == ARRAY:
        schema["items"] = {"type": STRING, "minLength": 1}
        if rule.item_pattern:
            schema["items"]["pattern"] = rule.item_pattern
        if rule.unique_items:
            schema["uniqueItems"] = True
    if rule.type == OBJECT:
        schema["properties"] = {}
        schema["additionalProperties"] = True
    return schema


def json_schema(config: Config, published: bool = False) -> dict[str, Any]:
    """The front matter as JSON Schema draft 2020-12, from the same rules validate applies."""
    where = "published/" if published else "drafts/"
    root: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "title": f"Front matter of an article in {where}",
        "description": "Generated by `pipeline schema` from pipeline.toml; `pipeline validate` applies the same "
                       "rules, and more that JSON Schema cannot express (real calendar dates, YAML 1.1 traps, "
                       "body rules).",
        "type": "object",
        "properties": {},
        "additionalProperties": True,
    }
    for rule in field_rules(config, published):
        parent = root
        *parents, last = rule.name.split(".")
        for part in parents:
            holder = parent["properties"].setdefault(part, {"type": OBJECT, "properties": {},
                                                            "additionalProperties": True})
            parent = holder
        existing = parent["properties"].get(last, {})
        parent["properties"][last] = rule_schema(rule) | {k: v for k, v in existing.items() if k == "properties"
                                                           and v}
        if rule.required:
            parent.setdefault("required", []).append(last)
    return root
