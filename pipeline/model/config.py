"""pipeline.toml: the house-style defaults, loading, and validation with one-line messages.

The schema is declared once (``SCHEMA``); every key is checked against it, so an unknown key or a
value of the wrong type is reported by its dotted name instead of surfacing later as a traceback.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pipeline.model.errors import PipelineError

CONFIG_NAME = "pipeline.toml"


class ConfigError(PipelineError):
    """A problem with pipeline.toml; the message names the key."""


@dataclass(frozen=True)
class Term:
    """A vocabulary value (a tag, a section, an audience) and the words that point to it.

    ``words`` trigger the term when found in an article (a trailing ``*`` matches any ending);
    ``synonyms`` are spellings an editor may type that normalise to ``name``.
    """

    name: str
    words: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()


DEFAULT_BOILERPLATE: tuple[str, ...] = (
    # Matched case-insensitively against a whole line; a trailing '*' matches any rest of the line.
    "deel dit artikel",
    "deel dit artikel:*",
    "delen:*",
    "share this article",
    "share this article:*",
    "share on *",
    "advertentie",
    "advertisement",
    "lees ook:*",
    "lees ook *",
    "lees meer:*",
    "read more:*",
    "read also:*",
    "related:*",
    "gerelateerd:*",
    "leestijd *",
    "reading time *",
    "* min read",
    "* minuten leestijd",
    "dit artikel gebruikt cookies*",
    "deze website maakt gebruik van cookies*",
    "wij gebruiken cookies*",
    "we use cookies*",
    "this website uses cookies*",
    "accepteer cookies",
    "accept cookies",
    "accept all cookies",
    "alle cookies accepteren",
    "cookie-instellingen",
    "cookie settings",
    "volg ons op *",
    "follow us on *",
    "abonneer je op onze nieuwsbrief*",
    "schrijf je in voor onze nieuwsbrief*",
    "subscribe to our newsletter*",
    "sign up for our newsletter*",
    "print dit artikel",
    "print this article",
    "terug naar boven",
    "back to top",
    "bekijk ook:*",
    "meer nieuws:*",
    "reacties (*)",
    "plaats een reactie",
    "leave a comment",
    "foto: *",
)

DEFAULT_SECTIONS: tuple[Term, ...] = (
    Term("werk", ("werk", "baan", "banen", "arbeidsmarkt", "ontslag*", "omscholing", "omscholen",
                  "vacature*", "salaris*", "werknemer*", "werkgever*", "beroep*", "personeel",
                  "jobs", "job", "employment", "workers", "workforce")),
    Term("privacy", ("privacy", "persoonsgegevens", "avg", "gdpr", "versleuteld", "versleuteling",
                     "datalek*", "toezichthouder", "surveillance")),
    Term("technologie", ("technologie", "software", "chip*", "model", "modellen", "algoritme*",
                         "chatbot*", "robot*", "cloud", "technology")),
)

DEFAULT_TAGS: tuple[Term, ...] = (
    Term("banen", ("baan", "banen", "instapbanen", "startersfuncties", "werkgelegenheid", "jobs")),
    Term("arbeidsmarkt", ("arbeidsmarkt", "labour market", "labor market")),
    Term("omscholing", ("omscholing", "omscholen", "om te scholen", "schoolde zich om",
                        "bijscholing", "reskilling"), ("herscholing",)),
    Term("privacy", ("privacy", "persoonsgegevens", "avg", "gdpr"), ("gegevensbescherming",)),
    Term("ai agents", ("ai-agent*", "ai agent*"), ("ai-agents", "agents", "ai agent")),
    Term("reclame", ("reclame", "advertenties", "advertentie-gedreven", "advertising"), ("advertenties",)),
)

# Words that show an article is unfinished; matched as whole words, case ignored.
DEFAULT_PLACEHOLDERS: tuple[str, ...] = ("TODO", "FIXME", "XXX", "TBD", "lorem ipsum")

DEFAULT_AUDIENCES: tuple[Term, ...] = (
    Term("BESLISSER", synonyms=("beslissers", "decision maker", "besluitvormer")),
    Term("ONDERNEMER", synonyms=("ondernemers", "mkb", "entrepreneur")),
    Term("PROFESSIONAL", synonyms=("professionals", "specialist")),
)


@dataclass(frozen=True)
class Config:
    timezone: str = "Europe/Amsterdam"
    languages: tuple[str, ...] = ("nl", "en")
    default_language: str = "nl"
    # ingest
    max_bytes: int = 5_000_000
    boilerplate: tuple[str, ...] = DEFAULT_BOILERPLATE
    header_keys: tuple[str, ...] = ()
    kickers: tuple[str, ...] = ()  # section labels printed above a lede, besides the built-in ones
    title_max_chars: int = 90
    max_tags: int = 5
    min_language_words: int = 20
    min_language_confidence: float = 0.80
    # vocabulary
    tags: tuple[Term, ...] = DEFAULT_TAGS
    sections: tuple[Term, ...] = DEFAULT_SECTIONS
    audiences: tuple[Term, ...] = DEFAULT_AUDIENCES
    default_audience: str = "BESLISSER"
    # validate
    summary_max_chars: int = 300
    min_tags: int = 1
    min_words: int = 150
    required: tuple[str, ...] = (
        "title", "date", "summary", "tags", "doelgroep", "sectie",
        "cover.image", "cover.alt", "cover.caption", "draft",
    )
    max_title_chars: int = 100  # a longer title is an error (ingest.title_max_chars cuts derived ones)
    placeholders: tuple[str, ...] = DEFAULT_PLACEHOLDERS
    # review and publish
    reviewers: tuple[str, ...] = ()
    approvals_required: int = 1
    published_keys: tuple[str, ...] = ("lang",)
    lock_timeout: float = 0.0
    source: str = "defaults"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def tag_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.tags)

    def section_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.sections)

    def audience_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.audiences)

    def fingerprint(self) -> str:
        """A stable digest of every setting, so caches never outlive a config change."""
        import hashlib

        return hashlib.sha256(repr(self).encode("utf-8")).hexdigest()[:16]


# --- the schema: dotted TOML key -> (Config attribute, checker) -----------------------------

Checker = Callable[[str, Any], Any]


def _string(key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{key}: expected a string, got {_show(value)}")
    return value


def _nonempty_string(key: str, value: Any) -> str:
    text = _string(key, value).strip()
    if not text:
        raise ConfigError(f"{key}: must not be empty")
    return text


def _strings(key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key}: expected a list of strings, got {_show(value)}")
    return tuple(v.strip() for v in value if v.strip())


def _positive_int(key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(f"{key}: expected a whole number, got {_show(value)}")
    if value < 0:
        raise ConfigError(f"{key}: must not be negative, got {value}")
    return value


def _fraction(key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ConfigError(f"{key}: expected a number from 0 to 1, got {_show(value)}")
    return float(value)


def _seconds(key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ConfigError(f"{key}: expected a number of seconds (0 or more), got {_show(value)}")
    return float(value)


def _timezone(key: str, value: Any) -> str:
    name = _nonempty_string(key, value)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{key}: unknown time zone {name!r} (use an IANA name such as 'Europe/Amsterdam')") from None
    return name


def _languages(key: str, value: Any) -> tuple[str, ...]:
    codes = _strings(key, value)
    if not codes:
        raise ConfigError(f"{key}: list at least one language code")
    for code in codes:
        if not (2 <= len(code) <= 3 and code.isalpha() and code.islower()):
            raise ConfigError(f"{key}: {code!r} is not a language code such as 'nl' or 'en'")
    return codes


def _terms(key: str, value: Any) -> tuple[Term, ...]:
    """A table of terms: ``[tags."ai agents"] words = [...] synonyms = [...]``."""
    if not isinstance(value, dict):
        raise ConfigError(f"{key}: expected a table of terms, got {_show(value)}")
    terms = []
    for name, spec in value.items():
        where = f"{key}.{name}"
        if not name.strip():
            raise ConfigError(f"{key}: a term name must not be empty")
        if isinstance(spec, list):  # shorthand: name = ["word", ...]
            spec = {"words": spec}
        if not isinstance(spec, dict):
            raise ConfigError(f"{where}: expected a list of words or a table with 'words', got {_show(spec)}")
        unknown = set(spec) - {"words", "synonyms"}
        if unknown:
            raise ConfigError(f"{where}.{sorted(unknown)[0]}: unknown key (allowed: words, synonyms)")
        words = _strings(f"{where}.words", spec.get("words", []))
        synonyms = _strings(f"{where}.synonyms", spec.get("synonyms", []))
        terms.append(Term(name.strip(), tuple(w.lower() for w in words), tuple(s.lower() for s in synonyms)))
    return tuple(terms)


def _audiences(key: str, value: Any) -> tuple[Term, ...]:
    if isinstance(value, list):
        return tuple(Term(v) for v in _strings(key, value))
    return _terms(key, value)


SCHEMA: dict[str, tuple[str, Checker]] = {
    "timezone": ("timezone", _timezone),
    "languages": ("languages", _languages),
    "default_language": ("default_language", _nonempty_string),
    "ingest.max_bytes": ("max_bytes", _positive_int),
    "ingest.boilerplate": ("boilerplate", _strings),
    "ingest.extra_boilerplate": ("boilerplate", _strings),  # appended to the defaults, see load
    "ingest.header_keys": ("header_keys", _strings),
    "ingest.kickers": ("kickers", _strings),
    "ingest.title_max_chars": ("title_max_chars", _positive_int),
    "ingest.max_tags": ("max_tags", _positive_int),
    "ingest.min_language_words": ("min_language_words", _positive_int),
    "ingest.min_language_confidence": ("min_language_confidence", _fraction),
    "tags": ("tags", _terms),
    "sections": ("sections", _terms),
    "audience.values": ("audiences", _audiences),
    "audience.default": ("default_audience", _nonempty_string),
    "validate.summary_max_chars": ("summary_max_chars", _positive_int),
    "validate.min_tags": ("min_tags", _positive_int),
    "validate.min_words": ("min_words", _positive_int),
    "validate.required": ("required", _strings),
    "validate.title_max_chars": ("max_title_chars", _positive_int),
    "validate.placeholders": ("placeholders", _strings),
    "review.reviewers": ("reviewers", _strings),
    "review.approvals_required": ("approvals_required", _positive_int),
    "publish.keep_keys": ("published_keys", _strings),
    "run.lock_timeout": ("lock_timeout", _seconds),
}

# Tables whose own keys are data (term names), not schema keys.
_DATA_TABLES = {"tags", "sections", "audience.values"}


def _show(value: Any) -> str:
    kind = {bool: "a boolean", int: "a number", float: "a number", str: "a string",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)
    text = repr(value)
    return f"{kind} {text if len(text) <= 40 else text[:37] + '...'}"


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict) and dotted not in _DATA_TABLES and dotted not in SCHEMA:
            flat.update(_flatten(value, dotted + "."))
        else:
            flat[dotted] = value
    return flat


def config_from_mapping(table: Mapping[str, Any], source: str = CONFIG_NAME) -> Config:
    """Check every key of a parsed pipeline.toml and build the Config; ConfigError names the key."""
    values: dict[str, Any] = {}
    extra_boilerplate: tuple[str, ...] = ()
    for dotted, raw in _flatten(table).items():
        if dotted not in SCHEMA:
            raise ConfigError(f"{dotted}: unknown key")
        attribute, check = SCHEMA[dotted]
        checked = check(dotted, raw)
        if dotted == "ingest.extra_boilerplate":
            extra_boilerplate = checked
        else:
            values[attribute] = checked
    if extra_boilerplate:
        values["boilerplate"] = tuple(values.get("boilerplate", DEFAULT_BOILERPLATE)) + extra_boilerplate
    config = Config(**values, source=source)
    if config.default_language not in config.languages:
        raise ConfigError(f"default_language: {config.default_language!r} is not in languages {list(config.languages)}")
    if config.default_audience not in config.audience_names():
        raise ConfigError(
            f"audience.default: {config.default_audience!r} is not one of "
            f"audience.values {list(config.audience_names())}"
        )
    if config.approvals_required < 1:
        raise ConfigError("review.approvals_required: must be at least 1")
    if config.reviewers and config.approvals_required > len(config.reviewers):
        raise ConfigError(
            f"review.approvals_required: {config.approvals_required} approvals cannot come from "
            f"{len(config.reviewers)} listed reviewers"
        )
    return config


def parse_config(text: str, source: str = CONFIG_NAME) -> Config:
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"not valid TOML: {error}") from None
    return config_from_mapping(table, source)


DEFAULT_CONFIG = Config()
