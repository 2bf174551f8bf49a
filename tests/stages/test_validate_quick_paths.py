"""The quick paths of a file's check give what the plain ones gave: each rule rewritten to look less is held
here to its plain form as it stood before (the reference below), on any input."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.model.article import Article, parse_article
from pipeline.model.config import DEFAULT_CONFIG
from pipeline.model.errors import ArticleError
from pipeline.model.problems import Problem, _problem
from pipeline.stages import front_matter_rules
from pipeline.stages.body_rules import _may_hold_placeholder, _placeholder_leads, placeholder_word
from pipeline.stages.cut_off import _cut_words, cut_off_ending
from pipeline.stages.front_matter_rules import check_placeholders_meta

# --- the references: the rules as they were written before their quick paths ------------------------


def _old_cut_off_ending(body: str) -> tuple[int, str] | None:
    """The rule with the index counted for every text: the lines split, the last one's words read."""
    lines = body.rstrip().split("\n")
    found = _cut_words(lines[-1].strip(), "\n".join(lines[:-1]) if len(lines) > 1 else None)
    return None if found is None else (len(lines) - 1, found)


def _old_check_placeholders_meta(article: Article, pattern: re.Pattern[str] | None,
                            config_placeholders: tuple[str, ...]) -> list[Problem]:
    if pattern is None:
        return []
    problems = []
    values = [(name, article.get(name)) for name in ("title", "summary", "cover.image", "cover.alt", "cover.caption")]
    texts = [(name, value) for name, value in values if isinstance(value, str)]
    joined = "\n".join(value for _name, value in texts)
    if not _may_hold_placeholder(joined, _placeholder_leads(config_placeholders)):
        return []  # one quick look at all five
    for name, value in texts:
        if value:
            found = pattern.search(value)
            if found:
                problems.append(_problem(article, name, "placeholder",
                                         f"holds the placeholder {placeholder_word(found)!r}: finish it"))
    return problems


# --- the properties -------------------------------------------------------------------------------

PIECES = ["Een zin.", "een zin zonder einde", "- een punt", "- een punt met een wo", "1. een", "## Kop", "> quote",
          "[link](https://x.nl)", "`code`", "in 20", "de", "T", "“open", "(", "zo,", "", " ", "\t", "\r", "…",
          "a b c d e f g h de"]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=8).map(
    lambda parts: "".join(part + sep for part, sep in zip(parts, ["\n", " ", "\n\n", "", "\r\n"] * 4, strict=False)))


@given(texts)
def test_the_cut_off_rule_counts_the_last_lines_index_only_when_it_answers_and_answers_the_same(text: str) -> None:
    assert cut_off_ending(text) == _old_cut_off_ending(text)


@given(st.text(max_size=80), st.text(alphabet="-\n\r\ufeff+\u2028 ab", max_size=30))
def test_a_body_is_the_end_of_its_text_so_its_first_line_is_counted_in_the_front_matter(body: str, front: str) -> None:
    """check_parsed counts the lines before the body in the front matter alone: the same count as the
    text's lines less the body's, since a parsed article's body is always the end of its text."""
    for text in (body, f"---\n{front}\n---\n{body}", f"\ufeff---\r\n{front}---\n{body}", f"---\n{front}"):
        try:
            article = parse_article(text)
        except ArticleError:
            continue
        assert text.endswith(article.body)
        assert text.count("\n", 0, len(text) - len(article.body)) == text.count("\n") - article.body.count("\n")


class _Cover(Mapping[str, Any]):
    """A mapping that is not a dict, as a library's loader might give."""

    def __init__(self, items: dict[str, Any]) -> None:
        self.items_ = items

    def __getitem__(self, key: str) -> Any:
        return self.items_[key]

    def __iter__(self) -> Any:
        return iter(self.items_)

    def __len__(self) -> int:
        return len(self.items_)


values = st.one_of(st.none(), st.integers(), st.sampled_from(["TODO", "todo: bron", "fixme", "Lorem ipsum", "XXX",
                                                              "een titel", "", "  ", "\u0130", "tbd"]),
                   st.text(max_size=10), st.lists(st.text(max_size=3), max_size=2))
covers = st.one_of(values, st.dictionaries(st.sampled_from(["image", "alt", "caption", "x"]), values, max_size=4))


@given(st.dictionaries(st.sampled_from(["title", "summary", "cover", "tags"]), st.one_of(values, covers), max_size=4),
       st.booleans())
@example({"cover": {"alt": "TODO"}}, True)
@example({"cover": {"image": "een foto", "caption": "Lorem Ipsum"}, "title": ["TODO"]}, False)
def test_the_placeholder_look_at_five_fields_finds_what_naming_each_found(meta: dict[str, Any], other: bool) -> None:
    if other and isinstance(meta.get("cover"), dict):
        meta["cover"] = _Cover(meta["cover"])
    article = Article(meta, "", "drafts/x.md", {}, ())
    pattern = front_matter_rules._placeholder_pattern(DEFAULT_CONFIG)
    assert check_placeholders_meta(article, pattern, DEFAULT_CONFIG.placeholders) == \
        _old_check_placeholders_meta(article, pattern, DEFAULT_CONFIG.placeholders)


def test_validate_runs_with_the_cycle_collector_paused_and_leaves_it_as_it_was(tmp_path: Path) -> None:
    """What a validate keeps to its end is no garbage: the collector is paused while it lists, checks and
    reports every file, and is as it was once it is done."""
    import gc
    from datetime import UTC, datetime

    from pipeline.stages.validate import validate_files
    from pipeline.store import progress
    from pipeline.store.workspace import Workspace

    (tmp_path / "drafts").mkdir()
    (tmp_path / "raw").mkdir()
    (tmp_path / "pipeline.toml").touch()
    for index in range(3):
        (tmp_path / "drafts" / f"x-{index}.md").write_text('---\ntitle: "Een titel"\n---\n\nTekst.\n')
    seen: list[bool] = []

    class Listener:
        def begin(self, task: str, total: int | None) -> None:
            seen.append(gc.isenabled())

        def done(self, task: str, item: object) -> None:
            seen.append(gc.isenabled())

        def end(self, task: str) -> None:
            seen.append(gc.isenabled())

    workspace = Workspace.open(tmp_path)
    for collecting in (True, False):
        (gc.enable if collecting else gc.disable)()
        seen.clear()
        try:
            with progress.listening(Listener()):
                result = validate_files(workspace, DEFAULT_CONFIG, None, False, datetime(2026, 2, 11, tzinfo=UTC))
            after = gc.isenabled()
        finally:
            gc.enable()
        assert len(result.files) == 3 and len(seen) == 5 and not any(seen)
        assert after is collecting


# --- status11: the cut-off rule's patterns asked only of a line that could match --------------------

LINE_ENDS = st.text(alphabet=st.sampled_from(list("ab 1٣.…])([-*+\t\u00a0")), max_size=12)


@settings(max_examples=500, deadline=None)
@given(LINE_ENDS)
@example("3. punt")
@example("٣) punt")  # an Arabic-Indic digit: \d and str.isdecimal both take it
@example("woord…]")
@example("17.")
def test_a_line_the_quick_looks_pass_over_is_one_its_pattern_would_not_match(line: str) -> None:
    from pipeline.stages.cut_off import _ELLIPSIS, _LIST_POINT, _POINT_NUMBER

    if not (line[:1] in ("-", "*", "+") or line[:1].isdecimal()):
        assert _LIST_POINT.match(line) is None
    if not line.endswith(("…", "...", "…]", "...]", "…)", "...)")):
        assert _ELLIPSIS.search(line[-40:]) is None
    if len(line) > 4:
        assert _POINT_NUMBER.fullmatch(line) is None


_KEY_NAMES = st.sampled_from(["title", "Title", "TITLE", "date", "Date", "cover", "Cover", "lang", "Lang", "other",
                              "image", "Image", "alt", "ALT", "caption", "Caption", "draft", "source", 1, True])
class _SubDict(dict[Any, Any]):
    pass


def _proxy(items: dict[Any, Any]) -> Any:
    from types import MappingProxyType

    return MappingProxyType(items)


_MAPPINGS = st.sampled_from([dict, _proxy, _SubDict])


@settings(max_examples=600, deadline=None)
@given(st.lists(_KEY_NAMES, max_size=6), st.lists(_KEY_NAMES, max_size=4) | st.none(), _MAPPINGS, _MAPPINGS)
@example([], ["Image"], dict, _SubDict)  # a cover of a dict's subclass: its keys are looked at as a dict's
@example(["Title"], None, _SubDict, dict)
@example(["title"], ["alt"], dict, dict)
def test_the_keys_in_another_case_are_found_as_before(keys: list[Any], cover_keys: list[Any] | None,
                                                      meta_kind: Any, cover_kind: Any) -> None:
    from pipeline.stages.front_matter_rules import _COVER_KEYS, _TOP_KEYS, _keys_of, check_key_case

    meta = {key: "x" for key in keys}
    if cover_keys is not None:
        meta["cover"] = cover_kind({key: "y" for key in cover_keys})
    article = Article(meta_kind(meta), "", "drafts/a.md", {}, ())
    old = []  # the rule as it stood before: every key looked at
    for found_keys, (known, lowered), prefix in ((article.meta.keys(), _TOP_KEYS, ""),
                                                 (_keys_of(article.get("cover")), _COVER_KEYS, "cover.")):
        for key in found_keys:
            text = str(key)
            if text not in known and text.lower() in lowered:
                old.append((prefix + text, lowered[text.lower()]))
    assert [(p.field, p.message.split("this is ")[1].split(":")[0].removeprefix("cover."))
            for p in check_key_case(article)] == old


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("TODOtodoXxFIXMElorem \n\u0130\u0131\u017f\u212ak\u00e9")), max_size=30),
       st.sampled_from([None, (), ("todo",), ("todo", "fixme", "xxx", "tbd", "lorem"), ("k", "i")]))
def test_a_placeholder_may_be_held_where_lower_case_holds_its_first_word(text: str,
                                                                          leads: tuple[str, ...] | None) -> None:
    from pipeline.stages.body_rules import _has_folds

    assert _may_hold_placeholder(text, leads) == (
        leads is None or _has_folds(text) or any(lead in text.lower() for lead in leads))


# Words a vocabulary or a draft's tags may hold: the form the rules want, capitals, white space at an end, an empty
# word, letters of other scripts; a draft's tags may hold other things than words too.
_TAG_WORDS = st.sampled_from(["banen", "privacy", "ai agents", "Banen", " banen", "banen ", "", "é", "Éé", "a\tb",
                              "x\n", "\u00a0", "ß", "\u0130", "1", "-"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_TAG_WORDS, max_size=5),
       st.lists(_TAG_WORDS | st.integers() | st.none() | st.lists(st.just("a"), max_size=1), max_size=6))
def test_tags_are_judged_as_the_plain_rules_judge_them(vocabulary: list[str], tags: list[Any]) -> None:
    """A tag of the vocabulary is not looked at by the tag's pattern again, and a known tag is not looked at by it
    when unknown ones are asked for: the problems are the plain rule's (its field rule made without the vocabulary,
    each tag matched), and the unknown tags those the pattern and the vocabulary say."""
    from dataclasses import replace

    from pipeline.model.config import Term
    from pipeline.model.schema import TAG_PATTERN, field_rules

    config = replace(DEFAULT_CONFIG, tags=tuple(Term(word) for word in vocabulary))
    article = Article({"title": "Een titel", "tags": tags}, "Tekst.\n", "drafts/a.md")
    ruleset = front_matter_rules._ruleset(config, False)
    (field,) = [field for field in ruleset.fields if field.name == "tags"]
    (rule,) = [rule for rule in field_rules(config, False) if rule.name == "tags"]
    assert front_matter_rules._check_value(article, field, tags) == front_matter_rules.check_field(article, rule)
    unknown = [tag for tag in tags if isinstance(tag, str) and re.search(TAG_PATTERN, tag) and tag not in vocabulary]
    found = front_matter_rules._tags_unknown(article, ruleset)
    assert bool(found) == bool(unknown)
    if unknown:
        assert found[0].message.startswith(", ".join(map(repr, unknown)) + " not in the vocabulary")


def _old_clock_rules(rel: str, dates: list[tuple[str, str, int | None]], moment: Any) -> tuple[list[Problem], Any]:
    """The clock's rules as they were: the pattern, then the reading, each moment compared to now where asked."""
    from pipeline.model.moments import RFC3339, parse_rfc3339
    from pipeline.model.problems import ERROR, WARNING

    problems = []
    coming = None
    for name, value, line in dates:
        when = parse_rfc3339(value) if RFC3339.fullmatch(value) else None
        if when is None:
            continue
        if when > moment and (coming is None or when < coming):
            coming = when
        if name == "expiryDate" and when <= moment:
            problems.append(Problem(rel, line, name, ERROR, "expired",
                                    f"{value} has passed: Hugo no longer shows the article; change or remove it"))
        elif name != "expiryDate" and when > moment:
            problems.append(Problem(rel, line, name, WARNING, "date-future",
                                    f"{value} is still to come: the article is scheduled and appears from then"))
    return problems, coming


_CLOCK_VALUES = st.sampled_from([
    "2026-11-23T10:00:00+01:00", "2026-11-23T09:00:00Z", "2026-11-23T09:00:00+00:00", "2026-11-23T10:00:01+01:00",
    "2026-11-23T09:59:59+01:00", "2026-11-23t11:00:00+02:00", "2026-11-23T10:00:00.5+01:00",
    "2026-02-30T00:00:00+01:00",
    "2027-01-01T00:00:00-05:00", "2025-01-01T00:00:00+14:00", "2026-11-23", "2026-11-23 10:00:00+01:00", "", "x",
    "2026-11-23T10:00:00+01:0٣"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["date", "publishDate", "expiryDate", "lastmod"]), _CLOCK_VALUES,
                          st.none() | st.integers(min_value=1, max_value=40)), max_size=4),
       st.sampled_from(["2026-11-23T10:00:00+01:00", "2026-11-23T09:00:00+00:00", "2026-11-23T04:00:00-05:00"]))
def test_the_clocks_rules_are_the_rules_as_they_were(dates: list[tuple[str, str, int | None]], now: str) -> None:
    from datetime import datetime

    from pipeline.stages.clock_rules import clock_rules

    moment = datetime.fromisoformat(now)
    problems, coming = clock_rules("drafts/x.md", dates, moment)
    old_problems, old_coming = _old_clock_rules("drafts/x.md", dates, moment)
    assert problems == old_problems
    assert coming == old_coming and (coming is None or coming.isoformat() == old_coming.isoformat())
