"""validate's pure check of a whole file gives what it gave before its field rules were compiled once per config
and its front matter read in one pass: a recorded corpus of files, and the field rules held to their plain
definition (a pattern's text searched for each field and tag, each value looked up by its dotted name)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model.article import Article
from pipeline.model.config import DEFAULT_CONFIG, Config
from pipeline.model.front_matter_read import PlainDate
from pipeline.model.problems import WARNING, Problem, _problem
from pipeline.model.schema import ANY, ARRAY, BOOLEAN, OBJECT, STRING, TAG_PATTERN, FieldRule, field_rules
from pipeline.stages import front_matter_rules as rules
from pipeline.stages.front_matter_rules import _DAY_ONLY_HINT, _TYPE_WORDS, _missing_message, _show
from tests.stages.record_file_findings import files, findings

RECORDED = Path(__file__).parent / "file_findings.json"


def test_a_file_is_found_to_have_what_it_had_on_a_recorded_corpus() -> None:
    """300 files of the lines each rule and each reader tells apart (record_file_findings.py), checked as a draft
    and, under a stricter config, as published: the same problems, messages, lines and order, the same dates
    for the clock and the same page addresses."""
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    assert [item["file"] for item in recorded] == files()  # the corpus is still the one the recorder makes
    assert sum(len(found) - 2 for item in recorded for found in item["found"].values()) > 4000
    for item in recorded:
        assert findings(item["file"]) == item["found"], item["file"]


# --- the field rules against their plain definition -------------------------------------------------

MISSING = object()


def plain_field_problems(article: Article, rules: tuple[FieldRule, ...], trapped: set[str],
                         recased_problems: list[Problem]) -> list[Problem]:
    """The field rules as declared, the plain way: each value looked up by its dotted name, each pattern's text
    searched for (as they were applied before they were compiled once per config)."""
    recased = {p.field.lower() for p in recased_problems}
    problems: list[Problem] = []
    for rule in rules:
        parent = rule.name.rpartition(".")[0]
        if parent and not isinstance(article.get(parent), dict):
            continue
        if rule.name in trapped or (rule.name in recased and article.get(rule.name) is None):
            continue
        problems += plain_check_field(article, rule)
    return problems


def plain_check_field(article: Article, rule: FieldRule) -> list[Problem]:
    value, name = article.get(rule.name, MISSING), rule.name
    if value is MISSING or value is None or value == [] or value == {} or (isinstance(value, str)
                                                                            and not value.strip()):
        return [_problem(article, name, "required", _missing_message(name, value if value is not MISSING
                                                                     else rules._MISSING))] if rule.required else []
    if not {STRING: isinstance(value, str), BOOLEAN: isinstance(value, bool), ARRAY: isinstance(value, list),
            OBJECT: isinstance(value, dict), ANY: True}[rule.type]:
        hint = " (run pipeline normalise)" if rule.type == ARRAY and isinstance(value, str) else ""
        return [_problem(article, name, "type", f"must be {_TYPE_WORDS[rule.type]}, not {_show(value)}{hint}")]
    if rule.const is not None and value is not rule.const:
        return [_problem(article, name, "draft-flag",
                         f"must be {'true in drafts/' if rule.const else 'false in published/'}")]
    if rule.enum and value not in rule.enum:
        return [_problem(article, name, "not-allowed", f"{_show(value)} is not one of {', '.join(rule.enum)}")]
    problems = []
    if isinstance(value, str):
        if rule.max_length is not None and len(value) > rule.max_length:
            problems.append(_problem(article, name, "too-long",
                                     f"is {len(value)} characters, at most {rule.max_length} allowed: shorten it"))
        if rule.min_length is not None and len(value) < rule.min_length:
            problems.append(_problem(article, name, "too-short", f"must be at least {rule.min_length} characters"))
        if rule.pattern is not None and not re.search(rule.pattern, value):
            hint = rule.pattern_hint
            if rule.pattern_code == "date-format" and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
                hint = _DAY_ONLY_HINT
            problems.append(_problem(article, name, rule.pattern_code, f"{_show(value)}: {hint}"))
        if value != value.strip():
            problems.append(_problem(article, name, "whitespace",
                                     "has spaces at the start or end: run pipeline normalise", WARNING))
    if isinstance(value, list):
        if rule.min_items is not None and len(value) < rule.min_items:
            problems.append(_problem(article, name, "tag-count", f"has {len(value)}, at least {rule.min_items} needed"))
        if rule.max_items is not None and len(value) > rule.max_items:
            problems.append(_problem(article, name, "tag-count", f"has {len(value)}, at most {rule.max_items} allowed"))
        seen: set[str] = set()
        for item in value:
            if not isinstance(item, str) or not item:
                problems.append(_problem(article, name, "type", f"{_show(item)} must be a word in double quotes"))
                continue
            if rule.item_pattern is not None and not re.search(rule.item_pattern, item):
                problems.append(_problem(article, name, rule.item_pattern_code, f"{_show(item)}: {rule.item_hint}"))
            if rule.unique_items and item in seen:
                problems.append(_problem(article, name, "tag-duplicate", f"{_show(item)} is given twice: remove one"))
            seen.add(item)
    return problems


def plain_tags_unknown(article: Article, config: Config) -> list[Problem]:
    tags = article.get("tags")
    names = config.tag_names()
    unknown = [tag for tag in tags if isinstance(tag, str) and re.search(TAG_PATTERN, tag) and tag not in names] \
        if isinstance(tags, list) else []
    if not unknown:
        return []
    return [_problem(article, "tags", "tag-unknown", f"{', '.join(map(repr, unknown))} not in the vocabulary "
                     f"({', '.join(names)}): add it to pipeline.toml or choose one of these", WARNING)]


TEXTS = st.one_of(st.sampled_from(["", " ", "x", " x", "x ", "banen", "Banen", "ß", "2026-02-11", " 2026-02-11 ",
                                   "2026-02-11T00:00:00+01:00", "2026-02-11t00:00:00Z", "https://x.org/a.jpeg",
                                   "http://x.org", "https:// x", "werk", "BESLISSER", "nl", "month", "not-article",
                                   "article", "ai agents", "x" * 120]),
                  st.text(max_size=12), st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9:]{8}([+-][0-9:]{5}|Z)?)?",
                                                      fullmatch=True))
SCALARS = st.one_of(TEXTS, st.none(), st.booleans(), st.integers(-5, 5), st.builds(PlainDate, TEXTS))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=7),
                                                       st.dictionaries(st.sampled_from(["image", "alt", "caption",
                                                                                        "Alt", "url", "x"]),
                                                                       inner, max_size=4)), max_leaves=12)
KEYS = st.sampled_from(["title", "date", "publishDate", "expiryDate", "lastmod", "tags", "summary", "doelgroep",
                        "sectie", "credit", "cover", "draft", "lang", "date_precision", "page_kind", "source",
                        "Title", "TAGS", "slug", "bron", "extra"])
CONFIGS = [DEFAULT_CONFIG, Config(required=(*DEFAULT_CONFIG.required, "credit", "bron", "source.url", "a.b.c"),
                                  max_title_chars=5, summary_max_chars=3, min_tags=2, max_tags=2)]


@settings(max_examples=600, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=12), st.sampled_from(CONFIGS), st.booleans(),
       st.sets(st.sampled_from(["title", "date", "tags", "draft", "cover.alt"]), max_size=2))
def test_the_field_rules_find_what_their_plain_definition_finds(meta: dict[str, Any], config: Config,
                                                                 published: bool, trapped: set[str]) -> None:
    """Any front matter (values of every type YAML gives, dates written plain, nested mappings, keys in other
    capitals), any config, drafts and published, fields trapped: the compiled rules give the same problems, in
    the same order, as the rules applied the plain way; and the vocabulary's look-up of tags the same."""
    lines = {key: number for number, key in enumerate(meta, start=2)}
    article = Article(meta, "", "drafts/x.md", lines, ())
    recased = rules.check_key_case(article)
    compiled = rules._ruleset(config, published)
    assert rules._field_problems(article, compiled.fields, trapped, recased) == \
        plain_field_problems(article, field_rules(config, published), trapped, recased)
    assert rules._tags_unknown(article, compiled) == plain_tags_unknown(article, config)
    for rule in field_rules(config, published):
        assert rules.check_field(article, rule) == plain_check_field(article, rule)
