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
