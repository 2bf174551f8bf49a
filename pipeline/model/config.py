"""pipeline.toml: the house-style defaults, loading, and validation with one-line messages.

The schema is declared once (``SCHEMA``); every key is checked against it, so an unknown key or a
value of the wrong type is reported by its dotted name instead of surfacing later as a traceback.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
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
    "lees verder na de advertentie",
    "tip de redactie*",
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
    """A workspace's settings, as pipeline.toml gives them (each key's `Setting` in `SETTINGS`)."""

    timezone: str = "Europe/Amsterdam"
    languages: tuple[str, ...] = ("nl", "en")
    default_language: str = "nl"
    # ingest
    max_bytes: int = 5_000_000
    raw_cap_bytes: int = 0  # the length a scraper cuts the texts it saves at (0: none known)
    # names a download tool gives a file it is still writing, and how long a new file must have been left
    # alone before it is read (a slow writer is never read mid-write)
    partial_names: tuple[str, ...] = ("*.part", "*.partial", "*.tmp", "*.crdownload", "*.download", "*~")
    settle_seconds: float = 2.0
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
    max_title_chars: int = 100  # a longer title is an error (a derived one keeps its first clause whole)
    placeholders: tuple[str, ...] = DEFAULT_PLACEHOLDERS
    # review and publish
    reviewers: tuple[str, ...] = ()
    approvals_required: int = 1
    signed: bool = False  # in a git workspace: a decision counts only in a commit signed by its reviewer's key
    allowed_signers: str = ""  # git's allowed-signers file (SSH keys by reviewer), relative to the workspace
    published_keys: tuple[str, ...] = ("lang",)
    month_dates: bool = False  # the site publishes a date known only to the month (or year) as such
    lock_timeout: float = 0.0
    # covers: the newsroom's photo library (folders of licensed images) and the https address it is served at
    cover_library: tuple[str, ...] = ()
    cover_url: str = ""
    source: str = "defaults"
    # Whether pipeline.toml names its own tags: only then does normalise turn a tag's synonyms into
    # its name (the built-in vocabulary is an example newsroom's, not to be pressed on any site's tags).
    tags_declared: bool = field(default=False, compare=False)

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


def _boolean(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{key}: expected true or false, got {_show(value)}")
    return value


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
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < math.inf:
        raise ConfigError(f"{key}: expected a number of seconds (0 or more), got {_show(value)}")
    return float(value)


def _https_base(key: str, value: Any) -> str:
    text = _string(key, value).strip()
    if text and (not text.startswith("https://") or any(c.isspace() or ord(c) < 32 for c in text)):
        raise ConfigError(f"{key}: expected an https:// address with no spaces, got {_show(value)}")
    return text if not text or text.endswith("/") else text + "/"


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


@dataclass(frozen=True)
class Setting:
    """One key of pipeline.toml: its dotted name, its checker, what it means (the comment `pipeline init`
    writes above it), and the Config attribute it sets (the key's last part unless named). The one
    declaration loading, checking and the generated pipeline.toml all follow."""

    key: str
    check: Checker
    help: str
    attribute: str = ""  # the Config field it sets: the key's last part unless named here

    def __post_init__(self) -> None:
        if not self.attribute:
            object.__setattr__(self, "attribute", self.key.rpartition(".")[2])


EXTRA_BOILERPLATE = "ingest.extra_boilerplate"

SETTINGS: tuple[Setting, ...] = (
    Setting("timezone", _timezone,
            "Time zone for dates (an IANA name): a date-only value becomes midnight in this zone, with its own "
            "offset, so it never slides to the day before."),
    Setting("languages", _languages, "Languages articles may be in (ISO 639-1 codes)."),
    Setting("default_language", _nonempty_string,
            "The language taken when a text is too short to tell; one of `languages`."),
    Setting("ingest.max_bytes", _positive_int, "Larger raw files are refused (and kept as they are)."),
    Setting("ingest.raw_cap_bytes", _positive_int,
            "The length in bytes at which the scraper cuts the texts it saves (0: it cuts none). A raw file that "
            "stops at it is marked `source.capped`, and validate warns that the text was cut off when its last "
            "line does not end a sentence."),
    Setting("ingest.partial_names", _strings,
            "Raw files named like this (shell patterns) are still being written by a download tool: never read."),
    Setting("ingest.settle_seconds", _seconds,
            "`pipeline run` (the unattended entry) leaves a raw file changed less than this many seconds ago for "
            "its next run, so a file still being written is never read half-way (0: read at once). "
            "`pipeline ingest` reads at once."),
    Setting("ingest.boilerplate", _strings,
            "Lines dropped from scraped text (case does not matter; a trailing '*' matches any rest of the line). "
            "Setting this replaces the built-in list shown here; `extra_boilerplate` adds to it."),
    Setting(EXTRA_BOILERPLATE, _strings,
            "Lines of a site's own to drop, on top of `boilerplate`.", attribute="boilerplate"),
    Setting("ingest.header_keys", _strings,
            "Keys of a raw file's `key: value` header that go to the front matter as given "
            "(besides title, date, url, author, summary, tags, sectie, doelgroep and lang)."),
    Setting("ingest.kickers", _strings,
            "Section labels printed above a lede (\"Binnenland\", \"Tech\"), dropped besides the built-in ones."),
    Setting("ingest.title_max_chars", _positive_int,
            "A title derived from the lede is its first sentence when it fits, else its first clauses up to this "
            "length; a first clause longer than this is kept whole, since a title cut mid-clause says something "
            "else (an editor shortens it: validate.title_max_chars holds it to that)."),
    Setting("ingest.max_tags", _positive_int,
            "Ingest picks at most this many tags; validate refuses more."),
    Setting("ingest.min_language_words", _positive_int,
            "A text with fewer words than this is not given to language detection: `default_language` is taken."),
    Setting("ingest.min_language_confidence", _fraction,
            "Language detection below this confidence (0 to 1) is not trusted: `default_language` is taken."),
    Setting("tags", _terms,
            "Tags: a controlled vocabulary, so the site does not sprout a new tag per article. 'words' trigger the "
            "tag when found in the text (a trailing '*' matches any ending); 'synonyms' are spellings an editor may "
            "type that `pipeline normalise` turns into the tag's own name."),
    Setting("sections", _terms,
            "Sections (front matter key `sectie`): exactly one per article, the one whose words occur most. "
            "'synonyms' are spellings an editor may type that `pipeline normalise` turns into the section's name."),
    Setting("audience.values", _audiences,
            "The audience (front matter key `doelgroep`): the allowed values and their synonyms.",
            attribute="audiences"),
    Setting("audience.default", _nonempty_string,
            "The audience of an article that names none; one of the values below.", attribute="default_audience"),
    Setting("validate.summary_max_chars", _positive_int, "A longer summary is an error."),
    Setting("validate.min_tags", _positive_int, "Fewer tags than this is an error."),
    Setting("validate.min_words", _positive_int, "A body shorter than this (in words) is an error."),
    Setting("validate.required", _strings,
            "Front matter keys every article must have, not empty (dotted for nested keys)."),
    Setting("validate.title_max_chars", _positive_int,
            "A longer title is an error (a title derived from the lede may be one: its first clause is kept whole).",
            attribute="max_title_chars"),
    Setting("validate.placeholders", _strings,
            "Words that show an article is unfinished, in the body or in title, summary and cover (whole "
            "words). One written in capitals is found as written, or in any case as a marker at the start of "
            "a line (`todo: ...`), never as a word of prose (\"todo\" is Spanish); any other in any case."),
    Setting("review.reviewers", _strings,
            "Who may approve, reject and unpublish; empty: anyone may."),
    Setting("review.approvals_required", _positive_int,
            "Approvals from distinct reviewers a draft needs before it is published."),
    Setting("review.signed", _boolean,
            "In a git workspace: a decision counts only when its commit is signed by a key that "
            "review.allowed_signers lists for the reviewer who made it. A machine that has seen it on keeps it "
            "on (git config pipeline.signed), whatever a pulled pipeline.toml says."),
    Setting("review.allowed_signers", _string,
            "git's allowed-signers file, relative to the workspace (one line per key: the reviewer's name, "
            "quoted when it has spaces, or their commit email, then the SSH public key); needed with "
            "review.signed. A change to it counts only in a commit signed by a key it listed before; a machine "
            "may trust a file of its own instead (git config pipeline.allowedSigners)."),
    Setting("publish.keep_keys", _strings,
            "The pipeline's own keys kept in published articles (the others, such as `source`, are dropped).",
            attribute="published_keys"),
    Setting("publish.month_dates", _boolean,
            "Whether the site publishes a date known only to the month or year (\"mei 2022\"): then such an "
            "article is approved and published with its `date_precision`, and the page shows only the month. "
            "false: a draft whose day is not known cannot be approved or promoted until an editor confirms the "
            "day (writes it in `date` and removes `date_precision`)."),
    Setting("run.lock_timeout", _seconds,
            "Seconds a second run waits for the workspace lock before it gives up with exit 3."),
    Setting("covers.library", _strings,
            "Folders of the photo library (relative to the workspace, or absolute) whose images carry IPTC/XMP "
            "metadata: `pipeline cover DRAFT` suggests covers from them.", attribute="cover_library"),
    Setting("covers.url", _https_base,
            "The https address the photo library is served at: an image's cover.image is this address and its "
            "path inside its library folder.", attribute="cover_url"),
)

SCHEMA: dict[str, tuple[str, Checker]] = {setting.key: (setting.attribute, setting.check) for setting in SETTINGS}

# Tables whose own keys are data (term names), not schema keys.
_DATA_TABLES = {"tags", "sections", "audience.values"}


def _show(value: Any) -> str:
    kind = {bool: "a boolean", int: "a number", float: "a number", str: "a string",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)
    text = repr(value)
    return f"{kind} {text if len(text) <= 40 else text[:37] + '...'}"


def _finite(value: Any) -> bool:
    """Whether value holds no nan or infinity, at any depth."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(item) for item in value.values())
    if isinstance(value, list):
        return all(_finite(item) for item in value)
    return True


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
        if not _finite(raw):  # TOML has nan and inf; no setting means either
            raise ConfigError(f"{dotted}: expected a finite number, got {_show(raw)}")
        attribute, check = SCHEMA[dotted]
        checked = check(dotted, raw)
        if dotted == EXTRA_BOILERPLATE:
            extra_boilerplate = checked
        else:
            values[attribute] = checked
    if extra_boilerplate:
        values["boilerplate"] = tuple(values.get("boilerplate", DEFAULT_BOILERPLATE)) + extra_boilerplate
    config = Config(**values, source=source, tags_declared="tags" in table)
    if config.default_language not in config.languages:
        raise ConfigError(f"default_language: {config.default_language!r} is not in languages {list(config.languages)}")
    if config.default_audience not in config.audience_names():
        raise ConfigError(
            f"audience.default: {config.default_audience!r} is not one of "
            f"audience.values {list(config.audience_names())}"
        )
    if config.signed and not config.allowed_signers:
        raise ConfigError("review.signed: needs review.allowed_signers, the file of the reviewers' keys")
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
