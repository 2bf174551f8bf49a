"""The rules an article is held to, applied: the declared field rules (``pipeline.model.schema``;
``pipeline schema`` prints them as JSON Schema), and what JSON Schema cannot say: YAML 1.1 traps, key
case, a real calendar date, the date's precision, known tags, placeholders, and the body's rules
(``body_rules``). Pure: an Article and the config in, problems out; the clock is ``validate``'s.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Collection, Mapping
from typing import Any, NamedTuple

from pipeline.model.article import COVER_KEYS, HOUSE_KEYS, PIPELINE_KEYS, Article
from pipeline.model.config import Config
from pipeline.model.moments import RFC3339, rfc3339_moment  # (not dates: its patterns are not needed here)
from pipeline.model.problems import WARNING, Problem, _problem, line_order
from pipeline.model.schema import (
    ANY,
    ARRAY,
    BOOLEAN,
    HUGO_DATES,
    MAYBE_NOT_ARTICLE,
    NOT_ARTICLE,
    OBJECT,
    STRING,
    TAG_PATTERN,
    FieldRule,
    field_rules,
)
from pipeline.stages.body_rules import _may_hold_placeholder, _placeholder_leads, check_body, placeholder_word

_MISSING = object()


def _is_empty(value: Any) -> bool:
    return value is None or value == [] or value == {} or (isinstance(value, str) and not value.strip())


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, bool) else ("true" if value else "false")
    return text if len(text) <= 60 else text[:57] + "..."


# --- the declared field rules, applied ----------------------------------------------------------

_TYPE_WORDS = {STRING: 'text in double quotes ("...")', BOOLEAN: "true or false",
               ARRAY: 'a list such as ["banen", "privacy"]', OBJECT: "a mapping of keys to values"}


class _Field(NamedTuple):
    """A field rule made ready to apply, once per config: its patterns compiled, its type a Python class,
    and where its value lies (the key, in the mapping its dotted name's parent gives, or at the top)."""

    rule: FieldRule
    name: str  # the rule's dotted name
    parent: str  # the dotted name of the mapping it lies in; "" at the top
    key: str
    kind: type
    pattern: re.Pattern[str] | None
    item_pattern: re.Pattern[str] | None
    top: str  # the top-level key it is a rule of (cover's for cover.image): what ``check_fields(only=)`` names
    # Whether any text passes the rule's type (text, or any type) and no constant is wanted: then a text of
    # these lengths, without spaces at its ends, among the allowed values (none: any) and matching the pattern
    # has no problem, found in a few looks (``_field_problems``) before every rule is asked in turn.
    text: bool
    shortest: int
    longest: int
    allowed: tuple[str, ...]
    # Words of the config's vocabulary that the item pattern matches (a draft's tags are nearly all of them): an item
    # among them is not matched again.
    items_passing: frozenset[str]


_KINDS: dict[str, type] = {STRING: str, BOOLEAN: bool, ARRAY: list, OBJECT: dict, ANY: object}


def _prepared(rule: FieldRule, vocabulary: Collection[str] = ()) -> _Field:
    parent, _, key = rule.name.rpartition(".")
    items = None if rule.item_pattern is None else re.compile(rule.item_pattern)
    return _Field(rule, rule.name, parent, key, _KINDS[rule.type],
                  None if rule.pattern is None else re.compile(rule.pattern), items, rule.name.partition(".")[0],
                  rule.type in (STRING, ANY) and rule.const is None, rule.min_length or 0,
                  sys.maxsize if rule.max_length is None else rule.max_length, rule.enum,
                  frozenset() if items is None else frozenset(word for word in vocabulary if items.search(word)))


def check_field(article: Article, rule: FieldRule) -> list[Problem]:
    """One field against its declared rule: required, type, allowed values, lengths, pattern, items."""
    return _check_value(article, _prepared(rule), article.get(rule.name, _MISSING))


def _check_value(article: Article, field: _Field, value: Any) -> list[Problem]:
    """``check_field`` of the value the article gives the field (_MISSING: none)."""
    rule = field.rule
    # (an empty text tested first: nearly every value is a str, and is empty only when blank)
    if (not value.strip()) if type(value) is str else (value is _MISSING or _is_empty(value)):
        if rule.required:
            return [_problem(article, rule.name, "required", _missing_message(rule.name, value))]
        return []
    if not isinstance(value, field.kind):
        hint = " (run pipeline normalise)" if rule.type == ARRAY and isinstance(value, str) else ""
        return [_problem(article, rule.name, "type", f"must be {_TYPE_WORDS[rule.type]}, not {_show(value)}{hint}")]
    if rule.const is not None and value is not rule.const:
        wanted = "true in drafts/" if rule.const else "false in published/"
        return [_problem(article, rule.name, "draft-flag", f"must be {wanted}")]
    if rule.enum and value not in rule.enum:
        return [_problem(article, rule.name, "not-allowed", f"{_show(value)} is not one of {', '.join(rule.enum)}")]
    if isinstance(value, str):
        return _check_text(article, field, value)
    if isinstance(value, list):
        return _check_items(article, field, value)
    return []


def _missing_message(name: str, value: Any) -> str:
    if name.startswith("cover"):
        return "is missing or empty: an editor must fill it in"  # a fresh draft has no cover: not ingest's to guess
    return "is missing or empty: " + ("add it to the front matter" if value is _MISSING else "fill it in")


_DAY_ONLY_HINT = ("a valid date without a time or offset (Hugo reads it as midnight in the site's time zone); "
                  "the house style gives both: run pipeline normalise, or write it like 2026-02-11T00:00:00+01:00")


_DAY_ONLY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _check_text(article: Article, field: _Field, value: str) -> list[Problem]:
    rule = field.rule
    problems = []
    if rule.max_length is not None and len(value) > rule.max_length:
        problems.append(_problem(article, rule.name, "too-long",
                                 f"is {len(value)} characters, at most {rule.max_length} allowed: shorten it"))
    if rule.min_length is not None and len(value) < rule.min_length:
        problems.append(_problem(article, rule.name, "too-short", f"must be at least {rule.min_length} characters"))
    if field.pattern is not None and field.pattern.search(value) is None:
        hint = rule.pattern_hint
        if rule.pattern_code == "date-format" and _DAY_ONLY.fullmatch(value.strip()):
            hint = _DAY_ONLY_HINT  # the other hint would wrong Hugo: it reads this one well
        problems.append(_problem(article, rule.name, rule.pattern_code, f"{_show(value)}: {hint}"))
    if value != value.strip():
        problems.append(_problem(article, rule.name, "whitespace",
                                 "has spaces at the start or end: run pipeline normalise", WARNING))
    return problems


def _check_items(article: Article, field: _Field, items: list[Any]) -> list[Problem]:
    rule = field.rule
    name, problems = rule.name, []
    if rule.min_items is not None and len(items) < rule.min_items:
        problems.append(_problem(article, name, "tag-count", f"has {len(items)}, at least {rule.min_items} needed"))
    if rule.max_items is not None and len(items) > rule.max_items:
        problems.append(_problem(article, name, "tag-count", f"has {len(items)}, at most {rule.max_items} allowed"))
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, str) or not item:
            problems.append(_problem(article, name, "type", f"{_show(item)} must be a word in double quotes"))
            continue
        pattern = field.item_pattern
        if pattern is not None and item not in field.items_passing and pattern.search(item) is None:
            problems.append(_problem(article, name, rule.item_pattern_code, f"{_show(item)}: {rule.item_hint}"))
        if rule.unique_items and item in seen:
            problems.append(_problem(article, name, "tag-duplicate", f"{_show(item)} is given twice: remove one"))
        seen.add(item)
    return problems


# --- what YAML and Hugo accept without a word ---------------------------------------------------

_TRAP_MESSAGES = {
    "yaml-bool": "{text} unquoted is read as the boolean {value} (YAML 1.1, and Hugo): write \"{text}\" in quotes",
    "yaml-sexagesimal": "{text} unquoted is read as the number {value} (YAML 1.1): write \"{text}\" in quotes",
    "yaml-octal": "{text} unquoted is read as the number {value} (YAML 1.1 octal): write \"{text}\" in quotes",
    "yaml-null": "is empty, so YAML reads null: fill it in or remove the key",
}
# Traps that change a value: the field's own checks would only repeat them, less clearly.
_VALUE_TRAPS = ("yaml-bool", "yaml-sexagesimal", "yaml-octal")


def check_traps(article: Article, required: set[str], texts: set[str]) -> list[Problem]:
    """``texts``: the fields that hold text (or lists of text), where a yes/no is meant as a word."""
    problems = []
    for trap in article.traps:
        if trap.code == "bom":
            problems.append(_problem(article, "", "bom", "starts with a byte order mark (BOM): Hugo then sees no "
                                     "front matter at all; save as UTF-8 without BOM (pipeline normalise does)",
                                     line=1))
        elif trap.code == "duplicate-key":
            problems.append(_problem(article, trap.key, "duplicate-key",
                                     f"is given twice ({trap.text}): YAML and Hugo keep the last one without a "
                                     "word; remove one", line=trap.line))
        elif trap.code == "yaml-null":
            if trap.key not in required:  # a required one is reported as missing
                message = _TRAP_MESSAGES["yaml-null"]
                if trap.text.strip() not in ("", "~"):  # null, Null, NULL
                    message = f"is {trap.text.strip()}, which YAML reads as null: fill it in or remove the key"
                problems.append(_problem(article, trap.key, "yaml-null", message, WARNING, trap.line))
        elif trap.code in _TRAP_MESSAGES:
            value = _loaded_value(trap.text)
            template = _TRAP_MESSAGES[trap.code]
            if trap.code == "yaml-bool" and trap.key not in texts:
                template = "{text} unquoted is read as the boolean {value} (YAML 1.1, and Hugo): write {value}"
            problems.append(_problem(article, trap.key, trap.code, template.format(text=trap.text, value=value),
                                     line=trap.line))
    return problems


def _loaded_value(text: str) -> str:
    import yaml

    loaded = yaml.safe_load(text)
    return _show(loaded)


_TOP_KEYS = (frozenset((*HOUSE_KEYS, *PIPELINE_KEYS)), {name.lower(): name for name in (*HOUSE_KEYS, *PIPELINE_KEYS)})
_COVER_KEYS = (frozenset(COVER_KEYS), {name.lower(): name for name in COVER_KEYS})


def check_key_case(article: Article) -> list[Problem]:
    """Title next to (or instead of) title: Hugo folds keys to lower case, one silently wins."""
    meta, cover = article.meta, article.get("cover")
    if meta.__class__ is dict and meta.keys() <= _TOP_KEYS[0] and (
            not isinstance(cover, dict) or cover.keys() <= _COVER_KEYS[0]):
        return []  # every key one of the house's as written (nearly every article): none is another's case
    problems = []
    for keys, (known, lowered), prefix in ((article.meta.keys(), _TOP_KEYS, ""),
                                           (_keys_of(article.get("cover")), _COVER_KEYS, "cover.")):
        for key in keys:
            text = str(key)
            if text not in known and text.lower() in lowered:
                problems.append(_problem(article, prefix + text, "key-case",
                                         f"Hugo reads keys without regard to case, so this is "
                                         f"{prefix}{lowered[text.lower()]}: write it in lower case"))
    return problems


def _keys_of(value: Any) -> list[Any]:
    return list(value) if isinstance(value, dict) else []


def check_date_value(article: Article) -> list[Problem]:
    """RFC 3339 in form is not enough: 2026-02-30 or 25:00 must be a real moment (date and Hugo's others)."""
    problems = []
    for name in ("date", *HUGO_DATES):
        value = article.get(name)
        # in RFC 3339's form (RFC3339 matches it) but no moment (parse_rfc3339 reads none)
        if isinstance(value, str) and rfc3339_moment(value) is None and RFC3339.fullmatch(value):
            problems.append(_problem(article, name, "date-invalid", f"{value!r} is not a real calendar date and time"))
    return problems


# The dates the clock rules look at: when an article appears (date, publishDate) and stops (expiryDate).
CLOCKED = ("date", "publishDate", "expiryDate")


def clocked_dates(article: Article) -> tuple[tuple[str, str, int | None], ...]:
    """(field, value, line) of each clocked date the article gives as a string."""
    found = []
    for name in CLOCKED:
        value = article.get(name)
        if isinstance(value, str):
            found.append((name, value, article.lines.get(name)))
    return tuple(found)


def check_precision(article: Article, config: Config) -> list[Problem]:
    """A date known only to the month or year: its day (the 1st) is a guess, never published as a fact,
    unless the site publishes month dates (then the page shows the month alone)."""
    value = article.get("date_precision")
    if value not in ("month", "year") or config.month_dates:
        return []
    return [_problem(article, "date_precision", "date-precision",
                     f"the source gave only the {value}: the day in date is a guess, and a draft is not "
                     "approved or promoted on it; confirm the day (write it in date, then remove date_precision), "
                     "or set publish.month_dates = true in pipeline.toml if the site publishes month dates")]


def check_page_kind(article: Article) -> list[Problem]:
    """A page ingest judged no article (an index, shop, agenda or login page) is no draft to publish,
    until an editor says it is an article."""
    kind = article.get("page_kind")
    if kind == MAYBE_NOT_ARTICLE:
        return [_problem(article, "page_kind", "maybe-not-article",
                         "ingest read this page as an article, but it nearly read it as none (an index, shop, agenda "
                         "or login page; `ingest --explain` says why): check it and its date, then write page_kind: "
                         "article, or reject it", WARNING)]
    if kind != NOT_ARTICLE:
        return []
    return [_problem(article, "page_kind", "not-article",
                     "ingest read this page as no article (an index, shop, agenda or login page; `ingest --explain` "
                     "says why) and took no date from its items: reject it, or, if it is an article, write "
                     "page_kind: article (and check its date)")]


def check_tags_known(article: Article, config: Config) -> list[Problem]:
    return _tags_unknown(article, _ruleset(config, False))


_TAG = re.compile(TAG_PATTERN)


def _tags_unknown(article: Article, ruleset: _Ruleset) -> list[Problem]:
    tags = article.get("tags")
    if not isinstance(tags, list):
        return []
    # Tags in the wrong form are reported as such; only well-formed ones are looked up (a known one is not unknown,
    # whatever its form: looked up first, the pattern asked only of the others).
    unknown = [tag for tag in tags if isinstance(tag, str) and tag not in ruleset.tags_known and _TAG.search(tag)]
    if not unknown:
        return []
    return [_problem(article, "tags", "tag-unknown", f"{', '.join(map(repr, unknown))} not in the vocabulary "
                     f"({', '.join(ruleset.tag_names)}): add it to pipeline.toml or choose one of these", WARNING)]


def _placeholder_pattern(config: Config) -> re.Pattern[str] | None:
    """A placeholder word configured in capitals (TODO, FIXME, XXX, TBD) is found as written, or in any
    case as a marker at the start of a line (``todo: bron``), never as a word of prose ("todo" is
    Spanish and Portuguese); one written otherwise ("lorem ipsum") is found in any case. Whole words."""
    parts = []
    for word in (word.strip() for word in config.placeholders):
        written = re.escape(word).replace(r"\ ", r"\s+")
        if word.upper() != word or word.lower() == word:
            parts.append(written)
        elif word:
            parts += [f"(?-i:{written})", rf"(?<![^\n])[ \t]*(?:[-*+>#][ \t]*)*{written}(?=[ \t]*:)"]
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.I)


_PLACEHOLDER_FIELDS = ("title", "summary", "cover.image", "cover.alt", "cover.caption")


def check_placeholders_meta(article: Article, pattern: re.Pattern[str] | None,
                            config_placeholders: tuple[str, ...]) -> list[Problem]:
    if pattern is None:
        return []
    meta = article.meta
    cover = meta.get("cover") if type(meta) is dict else None
    if type(meta) is dict and (type(cover) is dict or not isinstance(cover, Mapping)):  # as article.get finds them
        found_in = (meta.get("title"), meta.get("summary"),
                    *((cover.get("image"), cover.get("alt"), cover.get("caption")) if type(cover) is dict else ()))
    else:
        found_in = tuple(article.get(name) for name in _PLACEHOLDER_FIELDS)
    # One quick look at all five (nearly every article holds none), before each is named
    if not _may_hold_placeholder("\n".join([value for value in found_in if isinstance(value, str)]),
                                 _placeholder_leads(config_placeholders)):
        return []
    problems = []
    values = [(name, article.get(name)) for name in _PLACEHOLDER_FIELDS]
    texts = [(name, value) for name, value in values if isinstance(value, str)]
    for name, value in texts:
        if value:
            found = pattern.search(value)
            if found:
                problems.append(_problem(article, name, "placeholder",
                                         f"holds the placeholder {placeholder_word(found)!r}: finish it"))
    return problems


# --- an article, a text, a file -------------------------------------------------------------------

class _Ruleset(NamedTuple):
    """What a config's rules need, made once per config (and form), not per file."""

    fields: tuple[_Field, ...]
    required: set[str]  # the names of the required fields
    texts: set[str]  # the fields that hold text (or lists of text)
    placeholder: re.Pattern[str] | None
    tag_names: tuple[str, ...]  # the vocabulary's tags, in its order (a message lists them)
    tags_known: frozenset[str]
    differing: frozenset[str]  # as published: the top-level keys whose rule is not the draft's (``field_rules_differ``)


_RULESETS: dict[tuple[int, bool], tuple[Config, _Ruleset]] = {}


def _ruleset(config: Config, published: bool) -> _Ruleset:
    """The rules, required and text fields, and placeholder pattern of a config: made once, not per file."""
    cached = _RULESETS.get((id(config), published))
    if cached is not None and cached[0] is config:
        return cached[1]
    rules = field_rules(config, published)
    names = config.tag_names()
    drafts = field_rules(config, False) if published else rules
    differing = frozenset(rule.name.partition(".")[0] for rule in (*drafts, *rules)
                          if rule not in drafts or rule not in rules)
    ruleset = _Ruleset(tuple(_prepared(rule, names) for rule in rules), {rule.name for rule in rules if rule.required},
                       {rule.name for rule in rules if rule.type in (STRING, ARRAY)}, _placeholder_pattern(config),
                       names, frozenset(names), differing)
    _RULESETS[(id(config), published)] = (config, ruleset)  # holding the config keeps its id from reuse
    return ruleset


def ruleset_ready(config: Config, published: bool) -> None:
    """The rules of a config made now (a run makes them before it forks its workers, which then share them)."""
    _ruleset(config, published)


def check_fields(article: Article, config: Config, published: bool = False,
                 only: Collection[str] | None = None) -> list[Problem]:
    """Only the declared field rules (required, types, allowed values, lengths), in line order: what
    differs between a draft and the same article as it would be published. ``only``: the rules of these
    top-level keys alone (a cover's rules are the key cover's)."""
    trapped = {trap.key for trap in article.traps if trap.code in _VALUE_TRAPS} if article.traps else _NONE
    fields = _ruleset(config, published).fields
    if only is not None:
        fields = tuple([field for field in fields if field.top in only])
    found = _field_problems(article, fields, trapped, check_key_case(article))
    if len(found) > 1:
        found.sort(key=line_order)  # stable, as sorted() was
    return found


_NONE: frozenset[str] = frozenset()  # no key trapped: an article without traps (nearly all) makes no set


def field_rules_differ(config: Config) -> frozenset[str]:
    """The top-level keys whose declared rule is not the same for a draft and for it as published (draft)."""
    return _ruleset(config, True).differing


def _field_problems(article: Article, fields: tuple[_Field, ...], trapped: Collection[str],
                    recased_problems: list[Problem]) -> list[Problem]:
    # A lone Title: is title to Hugo; key-case says so, and "title is missing" would only mislead.
    recased = {p.field.lower() for p in recased_problems}
    problems: list[Problem] = []
    meta = article.meta
    plain = type(meta) is dict
    holders: dict[str, dict[str, Any] | None] = {}  # a parent's mapping, None when it is not one
    for field in fields:
        name = field.name
        if field.parent:
            if field.parent in holders:
                holder = holders[field.parent]
            else:
                given = article.get(field.parent)
                holder = holders[field.parent] = given if isinstance(given, dict) else None
            if holder is None:
                continue  # the parent's own rule says it is missing or not a mapping: once is enough
            value = holder.get(field.key, _MISSING) if type(holder) is dict else article.get(name, _MISSING)
        else:
            value = meta.get(name, _MISSING) if plain else article.get(name, _MISSING)
        if trapped and name in trapped:
            continue
        if recased and name in recased and article.get(name) is None:
            continue
        if field.text and isinstance(value, str):  # nearly every value: a text that passes, in a few looks
            size = len(value)
            if (0 < size == len(value.strip()) and field.shortest <= size <= field.longest
                    and (not field.allowed or value in field.allowed)
                    and (field.pattern is None or field.pattern.search(value) is not None)):
                continue  # as _check_value finds: not blank, of its type, allowed, its length, no spaces at its ends
        elif value is _MISSING and not field.rule.required:
            continue  # a field the article need not give (most of Hugo's dates, a credit before publishing)
        problems += _check_value(article, field, value)
    return problems


def validate_article(article: Article, config: Config, published: bool = False,
                     body_line: int | None = None) -> list[Problem]:
    """Every rule that does not depend on the clock. ``body_line``: the file line the body starts on."""
    ruleset = _ruleset(config, published)
    pattern = ruleset.placeholder
    problems = check_traps(article, ruleset.required, ruleset.texts) if article.traps else []
    trapped = {trap.key for trap in article.traps if trap.code in _VALUE_TRAPS} if article.traps else _NONE
    recased = check_key_case(article)
    problems += recased
    problems += _field_problems(article, ruleset.fields, trapped, recased)
    if "date" not in trapped:
        problems += check_date_value(article)
    problems += check_precision(article, config)
    problems += check_page_kind(article)
    if "tags" not in trapped:
        problems += _tags_unknown(article, ruleset)
    problems += check_placeholders_meta(article, pattern, config.placeholders)
    problems += check_body(article, config, body_line, pattern)
    if len(problems) > 1:
        problems.sort(key=line_order)  # stable, as sorted() was
    return problems
