"""A draft ingest read as no article (``page_kind: "not-article"``) is invalid with that reason, so it is
neither approved nor promoted; an editor who finds an article overrules it by writing
``page_kind: "article"``. The field is an input an editor types: whatever it holds, validate says one
clear thing about it and never fails."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model.config import DEFAULT_CONFIG
from pipeline.stages.validate import check_file
from tests.helpers import cli, draft_text, make_draft


def problems_of(text: str) -> list[tuple[str | None, str]]:
    return [(p.field, p.code) for p in check_file(text.encode("utf-8"), "drafts/x.md", DEFAULT_CONFIG,
                                                  False).problems]


def with_page_kind(raw: str) -> str:
    """A valid draft with ``page_kind:`` followed by ``raw`` as typed (YAML) in its front matter."""
    text = draft_text(title="Nieuwsoverzicht")
    return text.replace("\nlang:", f"\npage_kind: {raw}\nlang:", 1)


def test_a_page_read_as_no_article_is_invalid_with_that_reason() -> None:
    assert problems_of(with_page_kind('"not-article"')) == [("page_kind", "not-article")]


def test_an_editor_overrules_it_by_saying_it_is_an_article() -> None:
    assert problems_of(with_page_kind('"article"')) == []


def test_approve_refuses_a_page_read_as_no_article_and_says_how_to_overrule(tmp_path: Path) -> None:
    path = make_draft(tmp_path, "a", page_kind="not-article")
    refused = cli(tmp_path, "approve", "a", "--by", "anna")
    assert refused.exit_code == 1, refused.output
    assert "not-article" in refused.output and "page_kind: article" in refused.output
    path.write_text(path.read_text(encoding="utf-8").replace('page_kind: "not-article"', 'page_kind: "article"'),
                    encoding="utf-8")
    assert cli(tmp_path, "approve", "a", "--by", "anna").exit_code == 0


def test_validate_json_names_the_code_and_the_field(tmp_path: Path) -> None:
    make_draft(tmp_path, "a", page_kind="not-article")
    result = cli(tmp_path, "validate", "--json")
    assert result.exit_code == 1
    found = [(p["file"], p["field"], p["code"]) for p in json.loads(result.stdout)]
    assert found == [("drafts/a.md", "page_kind", "not-article")]


HOSTILE = [
    ("a list", '["not-article"]', ("page_kind", "type")),
    ("a mapping", "{kind: not-article}", ("page_kind", "type")),
    ("a number", "12345678901234567890", ("page_kind", "type")),
    ("true", "true", ("page_kind", "type")),
    ("another word", '"index"', ("page_kind", "not-allowed")),
    ("in capitals", '"Not-Article"', ("page_kind", "not-allowed")),
    ("with a control character", '"not-article\\u0007"', ("page_kind", "not-allowed")),
    ("with spaces around it", '" not-article "', ("page_kind", "not-allowed")),
]


def test_hostile_values_each_give_one_clear_problem() -> None:
    for what, raw, expected in HOSTILE:
        found = problems_of(with_page_kind(raw))
        assert expected in found, (what, found)
        assert ("page_kind", "not-article") not in found, what


def test_an_alias_bomb_in_page_kind_is_refused_as_one() -> None:
    bomb = "&a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n" \
           "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]"
    codes = {code for _field, code in problems_of(with_page_kind(bomb))}
    assert "yaml-alias" in codes and "not-article" not in codes


_VALUES: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40)
    | st.sampled_from(["not-article", "article", "Article", "not article"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6)


@settings(max_examples=150, deadline=None)
@given(_VALUES)
def test_whatever_page_kind_holds_validate_says_not_article_only_for_exactly_that(value: Any) -> None:
    raw = yaml.safe_dump(value, default_flow_style=True, allow_unicode=False, width=10_000).strip()
    raw = raw.removesuffix("\n...").strip()
    found = problems_of(with_page_kind(raw))
    assert (("page_kind", "not-article") in found) == (value == "not-article")
    blank = isinstance(value, str) and not value.strip()  # "\r", " ": blank, as an empty value, is no value
    if value not in ("article", "not-article", None, [], {}) and not blank:  # (as for every key)
        assert any(field == "page_kind" for field, _code in found), (value, found)


def test_a_page_in_doubt_is_valid_with_a_warning_that_says_how_to_clear_it() -> None:
    problems = check_file(with_page_kind('"maybe-not-article"').encode("utf-8"), "drafts/x.md", DEFAULT_CONFIG,
                          False).problems
    assert [(p.field, p.code, p.severity) for p in problems] == [("page_kind", "maybe-not-article", "warning")]
    assert "page_kind: article" in problems[0].message


def test_approve_takes_a_page_in_doubt_and_the_editor_clears_the_warning(tmp_path: Path) -> None:
    path = make_draft(tmp_path, "a", page_kind="maybe-not-article")
    warned = cli(tmp_path, "validate")
    assert warned.exit_code == 0 and "maybe-not-article" in warned.stdout, warned.output
    assert cli(tmp_path, "approve", "a", "--by", "anna").exit_code == 0
    path.write_text(path.read_text(encoding="utf-8").replace('"maybe-not-article"', '"article"'), encoding="utf-8")
    assert "maybe-not-article" not in cli(tmp_path, "validate").stdout


HOSTILE_DOUBTS = ['"Maybe-Not-Article"', '" maybe-not-article "', '"maybe-not-article\\u0000"', '"maybe not article"',
                  '["maybe-not-article"]']


def test_a_doubt_typed_otherwise_is_no_doubt_but_one_clear_problem() -> None:
    for raw in HOSTILE_DOUBTS:
        found = problems_of(with_page_kind(raw))
        assert ("page_kind", "maybe-not-article") not in found, raw
        assert any(field == "page_kind" and code in ("not-allowed", "type") for field, code in found), (raw, found)
