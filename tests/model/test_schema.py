"""pipeline schema: JSON Schema draft 2020-12 from the same rules validate applies, checked with jsonschema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from pipeline.model.article import parse_article
from pipeline.model.config import parse_config
from pipeline.model.problems import ERROR
from pipeline.model.schema import field_rules, json_schema
from pipeline.stages.validate import check_file
from tests.conftest import REPO
from tests.helpers import cli
from tests.stages.test_validate import BROKEN, CONFIG, DRAFT, PUBLISHED, VALID

# Codes that come from the declared field rules, and so must be caught by the schema as well.
SCHEMA_CODES = {"required", "type", "not-allowed", "too-long", "too-short", "date-format", "url", "draft-flag",
                "tag-count", "tag-form", "tag-duplicate", "date-invalid"}  # date-invalid: format date-time


def printed_schema(root: Path, *args: str) -> dict[str, Any]:
    result = cli(root, "schema", *args)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert isinstance(document, dict)
    return document


def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)  # the schema itself is valid draft 2020-12
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def meta_of(text: str) -> dict[str, Any]:
    return parse_article(text.removeprefix("\ufeff")).meta


def test_the_printed_schema_is_draft_2020_12_and_accepts_the_published_example(workspace: Path) -> None:
    schema = printed_schema(workspace, "--published")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert list(validator(schema).iter_errors(meta_of(PUBLISHED))) == []
    drafts = printed_schema(workspace)
    assert list(validator(drafts).iter_errors(meta_of(DRAFT))) == []
    # draft must be false in published/ and true in drafts/: each schema refuses the other's.
    assert not validator(drafts).is_valid(meta_of(PUBLISHED))
    assert not validator(schema).is_valid(meta_of(DRAFT))


def test_the_schema_carries_the_config(workspace: Path) -> None:
    (workspace / "pipeline.toml").write_text('[validate]\nsummary_max_chars = 50\ntitle_max_chars = 40\n'
                                             '[sections.sport]\nwords = ["voetbal"]\n', encoding="utf-8")
    schema = printed_schema(workspace)
    properties = schema["properties"]
    assert properties["sectie"]["enum"] == ["sport"]
    assert properties["summary"]["maxLength"] == 50 and properties["title"]["maxLength"] == 40
    assert properties["doelgroep"]["enum"] == ["BESLISSER", "ONDERNEMER", "PROFESSIONAL"]
    assert schema["required"] == ["title", "date", "tags", "summary", "doelgroep", "sectie", "cover", "draft"]
    assert properties["cover"]["required"] == ["image", "alt", "caption"]


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (("sectie", "sport"), "sectie"),
        (("sectie", False), "sectie"),  # what `sectie: no` loads as
        (("doelgroep", "iedereen"), "doelgroep"),
        (("date", "11-02-2026"), "date"),
        (("date", 845), "date"),
        (("tags", ["Banen"]), "tags"),
        (("tags", ["banen", "banen"]), "tags"),
        (("tags", []), "tags"),
        (("tags", "banen"), "tags"),
        (("summary", "x" * 301), "summary"),
        (("title", ""), "title"),
        (("draft", "yes"), "draft"),
        (("lang", "fr"), "lang"),
        (("date_precision", "week"), "date_precision"),
    ],
)
def test_broken_documents_fail_the_schema_at_the_field(workspace: Path, change: tuple[str, Any], where: str) -> None:
    schema = printed_schema(workspace)
    meta = meta_of(DRAFT)
    key, value = change
    meta[key] = value
    errors = list(validator(schema).iter_errors(meta))
    assert errors, change
    assert {error.absolute_path[0] if error.absolute_path else error.message.split("'")[1] for error in errors} \
        == {where}


def test_missing_and_malformed_cover_fail_the_schema(workspace: Path) -> None:
    check = validator(printed_schema(workspace))
    meta = meta_of(DRAFT)
    meta["cover"] = {"image": "http://x", "alt": "", "caption": "Foto"}
    assert sorted(list(e.absolute_path) for e in check.iter_errors(meta)) == [["cover", "alt"], ["cover", "image"]]
    del meta["cover"]
    assert [e.validator for e in check.iter_errors(meta)] == ["required"]


# validate's codes for a file with no front matter that YAML loads as a mapping: no document for a schema.
UNREADABLE_CODES = {"empty", "encoding", "no-front-matter", "toml-front-matter", "unclosed", "tab", "yaml-syntax",
                    "not-mapping", "yaml-alias", "yaml-number"}
# YAML traps validate names by what was typed, where the value YAML loaded also breaks a field rule, so the
# schema refuses it too. (`draft: yes` loads as true, which the schema cannot tell from a typed true.)
TRAPS_THE_SCHEMA_SEES = {"key in capitals", "sectie no", "title 14:05", "tag no"}


def loaded_front_matter(text: str | bytes) -> dict[str, Any] | None:
    """The front matter as YAML loads it, what an editor's schema checks; None when there is none to load."""
    from pipeline.model.front_matter_read import ArticleError

    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            return None
    if not text.lstrip("\ufeff").startswith("---\n"):
        return None
    try:
        return meta_of(text)
    except ArticleError:
        return None


def _top_field(error: jsonschema.ValidationError) -> str:
    """The top-level key a schema error is about (a missing key is named in the message only)."""
    return str(error.absolute_path[0]) if error.absolute_path else error.message.split("'")[1]


@pytest.mark.parametrize(("name", "text", "published", "expected"), BROKEN, ids=[case[0] for case in BROKEN])
def test_the_schema_and_validate_agree_on_every_broken_article(name: str, text: str | bytes, published: bool,
                                                               expected: list[tuple[str, str]]) -> None:
    """For every broken article both verdicts are stated: what validate reports, and whether the schema
    (on what YAML loaded) refuses it; they agree field by field on the declared field rules."""
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    problems = list(check_file(data, "x.md", CONFIG, published).problems)
    codes = {problem.code for problem in problems}
    assert codes == {code for _, code in expected}, name  # validate's verdict
    meta = loaded_front_matter(text)
    if codes <= UNREADABLE_CODES:
        # validate: no front matter mapping, one error about the whole file; the schema: nothing to check
        assert meta is None, meta
        assert [(problem.field, problem.severity) for problem in problems] == [("", ERROR)]
    else:
        assert meta is not None
        schema_errors = list(validator(json_schema(CONFIG, published)).iter_errors(meta))
        field_rule_problems = [problem for problem in problems if problem.code in SCHEMA_CODES]
        validate_refuses = bool(field_rule_problems) or name in TRAPS_THE_SCHEMA_SEES
        assert bool(schema_errors) == validate_refuses, (codes, [error.message for error in schema_errors])
        if field_rule_problems:  # and about the same fields
            assert {_top_field(error) for error in schema_errors} == \
                {problem.field.split(".")[0] for problem in field_rule_problems}


@pytest.mark.parametrize(("text", "published"), [case[1:] for case in VALID], ids=[case[0] for case in VALID])
def test_the_schema_accepts_every_valid_article(text: str, published: bool) -> None:
    assert list(validator(json_schema(CONFIG, published)).iter_errors(meta_of(text))) == []


def test_every_declared_rule_is_in_the_schema() -> None:
    schema = json_schema(CONFIG)
    for rule in field_rules(CONFIG):
        node = schema
        for part in rule.name.split("."):
            node = node["properties"][part]
        assert node["description"] == rule.description
        if rule.max_length is not None:
            assert node["maxLength"] == rule.max_length
        if rule.enum:
            assert node["enum"] == list(rule.enum)


def test_a_field_the_config_requires_is_required_in_the_schema() -> None:
    config = parse_config('[validate]\nrequired = ["title", "auteur"]\n')
    schema = json_schema(config)
    assert schema["required"] == ["title", "auteur"]
    assert "type" not in schema["properties"]["auteur"]
    assert not validator(schema).is_valid({"title": "x"})
    assert validator(schema).is_valid({"title": "x", "auteur": "Redactie"})


def test_the_repo_config_schema_matches_the_default_shape() -> None:
    from pipeline.model.config import DEFAULT_CONFIG

    assert json_schema(parse_config((REPO / "pipeline.toml").read_text(encoding="utf-8")))["required"] == \
        json_schema(DEFAULT_CONFIG)["required"]
