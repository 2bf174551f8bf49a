from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.model.config import DEFAULT_CONFIG, ConfigError, parse_config
from tests.conftest import REPO


def test_repo_config_loads_and_fits_the_example() -> None:
    config = parse_config((REPO / "pipeline.toml").read_text(encoding="utf-8"))
    assert config.timezone == "Europe/Amsterdam"
    assert {"werk", "privacy", "technologie"} <= set(config.section_names())
    assert {"banen", "privacy", "ai agents", "reclame", "omscholing", "arbeidsmarkt"} <= set(config.tag_names())
    assert config.default_audience == "BESLISSER"
    # extra_boilerplate adds to the built-in list instead of replacing it
    assert "advertentie" in config.boilerplate
    assert "lees verder na de advertentie" in [line.lower() for line in config.boilerplate]


def test_defaults_describe_the_house_style() -> None:
    assert DEFAULT_CONFIG.languages == ("nl", "en")
    assert DEFAULT_CONFIG.max_bytes == 5_000_000
    assert "cover.image" in DEFAULT_CONFIG.required


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour = 'blue'", "colour: unknown key"),
        ("[ingest]\nmax_bytez = 3", "ingest.max_bytez: unknown key"),
        ("[ingest]\nmax_bytes = 'big'", "ingest.max_bytes: expected a whole number"),
        ("[ingest]\nmax_bytes = -1", "ingest.max_bytes: must not be negative"),
        ("timezone = 'Europe/Amsterdan'", "timezone: unknown time zone 'Europe/Amsterdan'"),
        ("timezone = 3", "timezone: expected a string"),
        ("languages = 'nl'", "languages: expected a list of strings"),
        ("languages = ['dutch']", "languages: 'dutch' is not a language code"),
        ("default_language = 'de'", "default_language: 'de' is not in languages"),
        ("[tags.banen]\nwordz = ['x']", "tags.banen.wordz: unknown key"),
        ("[tags]\nbanen = 3", "tags.banen: expected a list of words or a table"),
        ("[audience]\ndefault = 'NIEMAND'", "audience.default: 'NIEMAND' is not one of"),
        ("[review]\napprovals_required = 0", "review.approvals_required: must be at least 1"),
        ("[review]\nreviewers = ['a']\napprovals_required = 2", "review.approvals_required: 2 approvals"),
        ("[ingest\n", "not valid TOML"),
    ],
)
def test_bad_config_names_the_key(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(text)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_vocabulary_shorthand_and_synonyms_are_lower_case() -> None:
    config = parse_config('[tags]\nbanen = ["Baan", "Banen"]\n[tags.privacy]\nwords = ["AVG"]\nsynonyms = ["GDPR"]')
    assert [(t.name, t.words, t.synonyms) for t in config.tags] == [
        ("banen", ("baan", "banen"), ()),
        ("privacy", ("avg",), ("gdpr",)),
    ]


def test_fingerprint_changes_with_any_setting(tmp_path: Path) -> None:
    assert parse_config("").fingerprint() == parse_config("").fingerprint()
    assert parse_config("").fingerprint() != parse_config("[validate]\nmin_words = 10").fingerprint()


def _keys(text: str) -> set[str]:
    """The dotted keys a pipeline.toml sets (a vocabulary table counts as its one key)."""
    import tomllib

    from pipeline.model.config import _flatten

    return set(_flatten(tomllib.loads(text)))


def test_the_generated_file_parses_to_the_defaults() -> None:
    from dataclasses import replace

    from pipeline.model.config_text import render_config

    assert replace(parse_config(render_config()), source="defaults") == DEFAULT_CONFIG


def test_the_generated_file_shows_every_declared_key_under_its_comment() -> None:
    from pipeline.model.config import SCHEMA, SETTINGS
    from pipeline.model.config_text import render_config

    text = render_config()
    assert _keys(text) == set(SCHEMA)
    lines = text.splitlines()
    for setting in SETTINGS:
        assert setting.help.strip(), setting.key
        first_words = " ".join(setting.help.split()[:4])
        assert any(line.startswith("# ") and first_words in line for line in lines), setting.key


def test_every_config_field_is_a_declared_setting() -> None:
    from dataclasses import fields

    from pipeline.model.config import SETTINGS, Config

    # where the settings came from, and whether they name their own tags: facts about the file, not settings
    assert {f.name for f in fields(Config)} - {"source", "tags_declared"} == {s.attribute for s in SETTINGS}


def test_a_config_that_differs_from_the_defaults_is_written_back_as_it_is() -> None:
    from dataclasses import replace

    from pipeline.model.config import Term
    from pipeline.model.config_text import render_config

    config = parse_config('languages = ["nl", "de"]\n[ingest]\nmax_bytes = 12\nkickers = ["Tech"]\n'
                          '[tags."a b"]\nwords = ["x\\"y"]\n[audience]\ndefault = "X"\nvalues = ["X"]\n'
                          '[run]\nlock_timeout = 2.5\n')
    again = parse_config(render_config(config))
    assert replace(again, source="") == replace(config, source="")
    assert again.tags == (Term("a b", ('x"y',)),)


def test_the_repository_file_shows_every_setting() -> None:
    from pipeline.model.config import SCHEMA

    assert _keys((REPO / "pipeline.toml").read_text(encoding="utf-8")) == set(SCHEMA)


def test_the_built_in_boilerplate_has_every_line_the_repository_file_lists() -> None:
    repo = parse_config((REPO / "pipeline.toml").read_text(encoding="utf-8"))
    assert {line.lower() for line in repo.boilerplate} <= {line.lower() for line in DEFAULT_CONFIG.boilerplate}
    assert "lees verder na de advertentie" in DEFAULT_CONFIG.boilerplate


def test_the_configuration_reference_is_generated_from_the_declarations() -> None:
    from pipeline.model.config_text import render_reference

    # after a change: python -m pipeline.model.config_text > docs/configuration.md
    assert (REPO / "docs" / "configuration.md").read_text(encoding="utf-8") == render_reference()
