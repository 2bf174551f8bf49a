"""pipeline schema: JSON Schema draft 2020-12 from the same rules validate applies, checked with jsonschema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from pipeline.model.article import parse_article
from pipeline.model.config import parse_config
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


@pytest.mark.parametrize(("text", "published", "expected"), [case[1:] for case in BROKEN],
                         ids=[case[0] for case in BROKEN])
def test_the_schema_and_validate_agree_on_every_broken_article(text: str | bytes, published: bool,
                                                               expected: list[tuple[str, str]]) -> None:
    """Every field-rule problem validate reports, the schema reports too (on what YAML loaded)."""
    if isinstance(text, bytes) or not text.lstrip("\ufeff").startswith("---\n"):
        return  # not front matter at all: nothing for a schema to look at
    try:
        meta = meta_of(text)
    except Exception:  # unreadable front matter: validate's own codes (tab, yaml-syntax, ...)
        assert {code for _, code in expected} <= {"unclosed", "tab", "yaml-syntax", "not-mapping", "yaml-alias",
                                                  "yaml-number"}
        return
    schema_rejects = not validator(json_schema(CONFIG, published)).is_valid(meta)
    codes = {p.code for p in check_file(text.encode("utf-8"), "x.md", CONFIG, published).problems}
    if codes & SCHEMA_CODES:
        assert schema_rejects, codes
    if schema_rejects:
        # validate names some of these better than the field rule would (sectie: no is a trap, not a type).
        assert codes & (SCHEMA_CODES | {"yaml-bool", "yaml-sexagesimal", "key-case"}), codes


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
