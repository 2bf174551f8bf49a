"""Canonical front matter: what editors typed by hand, in the house form.

``normalise_article`` (article to article) and ``normalise_text`` (a file's text to its canonical
text) are pure and idempotent, and a no-op on an article that is already canonical. The rules, in
the order they run:

- a value YAML 1.1 turned into something else (``sectie: no``, ``title: 14:05``) in a field that
  holds text gets back the text the editor typed;
- whitespace at the ends of every string is trimmed;
- dates (``date``, and Hugo's ``publishDate``, ``lastmod``, ``expiryDate``) in any absolute form
  become RFC 3339 with the configured zone's offset; a value already RFC 3339 is kept as written;
  a month-only date gets ``date_precision``;
- tags: trimmed, lower-case, each once, order kept, a synonym in the vocabulary's spelling;
  ``sectie``, ``doelgroep`` and ``lang`` in their canonical spelling;
- keys in house order, unknown keys kept after them;
- the body: line ends, trailing spaces and blank-line runs cleaned (fenced code is left alone),
  one blank line after the front matter, one newline at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from pipeline.model.article import (
    BOM,
    HOUSE_KEYS,
    PIPELINE_KEYS,
    Article,
    order_keys,
    parse_article,
    render_article,
    split_front_matter,
)
from pipeline.model.config import Config
from pipeline.model.errors import ArticleError
from pipeline.model.markdown import normalise_body
from pipeline.model.moments import RFC3339

DATE_KEYS = ("date", "publishDate", "lastmod", "expiryDate")


# Fields that hold text: a YAML 1.1 trap in one of them is undone with the text typed.
TEXT_FIELDS = ("title", "date", "summary", "doelgroep", "sectie", "cover.image", "cover.alt", "cover.caption",
               "lang", "date_precision")


_VALUE_TRAPS = ("yaml-bool", "yaml-sexagesimal", "yaml-octal")


_HOUSE_LOWER = {key.lower(): key for key in (*HOUSE_KEYS, *PIPELINE_KEYS)}



@dataclass(frozen=True)
class NormaliseResult:
    article: Article
    changes: list[str] = field(default_factory=list)  # dotted field names that changed


def normalise_article(article: Article, config: Config) -> NormaliseResult:
    changes: list[str] = []
    meta = _copy(article.meta)
    _undo_traps(meta, article, changes)
    meta = _lower_house_keys(meta, changes)
    _trim_strings(meta, "", changes)
    _normalise_dates(meta, config, changes)
    _normalise_vocabulary(meta, config, changes)
    ordered = order_keys(meta)
    if list(ordered) != list(meta) or _cover_order(ordered) != _cover_order(meta):
        changes.append("key order")
    body = normalise_body(article.body)
    if body != article.body:
        changes.append("body")
    return NormaliseResult(replace(article, meta=ordered, body=body), list(dict.fromkeys(changes)))


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


def _cover_order(meta: dict[str, Any]) -> list[Any]:
    cover = meta.get("cover")
    return list(cover) if isinstance(cover, dict) else []


def _set(meta: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    holder = meta
    for part in parents:
        holder = holder[part]
    holder[last] = value


def _get(meta: dict[str, Any], dotted: str) -> Any:
    value: Any = meta
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _undo_traps(meta: dict[str, Any], article: Article, changes: list[str]) -> None:
    """``sectie: no`` was read as false and ``tijd: 14:05`` as 845: the editor typed text, so the text
    comes back, quoted. A yes/no in a true/false field (draft) or a field we do not know stays the
    boolean YAML and Hugo read, written true/false: turning it into text would flip its meaning
    in a template (any text is true there)."""
    pending: dict[str, list[str]] = {}
    for trap in article.traps:
        if trap.code not in _VALUE_TRAPS:
            continue
        if trap.code == "yaml-bool" and trap.key not in (*TEXT_FIELDS, "tags"):
            continue
        pending.setdefault(trap.key, []).append(trap.text)
    for name, typed in pending.items():
        value = _get(meta, name)
        if isinstance(value, list):
            restored = [typed.pop(0) if isinstance(item, bool | int | float) and typed else item for item in value]
            if restored != value:
                _set(meta, name, restored)
                changes.append(name)
        elif isinstance(value, bool | int | float):
            _set(meta, name, typed[0])
            changes.append(name)


def house_key_clashes(meta: dict[str, Any]) -> list[str]:
    """Keys given twice in different capitals (Title and title): Hugo keeps one, silently."""
    seen: dict[str, str] = {}
    clashes = []
    for key in meta:
        folded = str(key).lower()
        if folded in _HOUSE_LOWER and folded in seen:
            clashes.append(f"{seen[folded]} and {key}")
        seen.setdefault(folded, str(key))
    return clashes


def _lower_house_keys(meta: dict[str, Any], changes: list[str]) -> dict[str, Any]:
    """A lone ``Title:`` is Hugo's ``title``: written in the house spelling (when there is no clash)."""
    if house_key_clashes(meta):
        return meta
    renamed: dict[str, Any] = {}
    for key, value in meta.items():
        wanted = _HOUSE_LOWER.get(str(key).lower(), key)
        if wanted != key:
            changes.append(wanted)
        renamed[wanted] = value
    return renamed


def _trim_strings(value: Any, name: str, changes: list[str]) -> Any:
    """Every string trimmed (and a date object made text), in mappings and lists at any depth; changed
    fields noted by name."""
    from pipeline.model.front_matter_read import FoldedText, LiteralText, PlainDate  # with YAML: where text is read

    if isinstance(value, dict):
        for key in value:
            dotted = f"{name}.{key}" if name else str(key)
            value[key] = _trim_strings(value[key], dotted, changes)
        return value
    if isinstance(value, list):
        return [_trim_strings(item, name, changes) for item in value]
    if isinstance(value, LiteralText | FoldedText) and name.split(".")[0] not in (*HOUSE_KEYS, *PIPELINE_KEYS):
        return value  # a block scalar of the site's own: its lines and final newline are its meaning, kept
    if isinstance(value, str) and value != value.strip():
        changes.append(name)
        return value.strip()
    if isinstance(value, PlainDate) and name in TEXT_FIELDS and name not in DATE_KEYS:
        changes.append(name)  # "title: 2024-12-12" is text in the house style: written in quotes
        return str(value)
    if isinstance(value, date):  # an explicit !!timestamp: written as the text it stands for
        changes.append(name)
        return value.isoformat()
    return value


def _normalise_dates(meta: dict[str, Any], config: Config, changes: list[str]) -> None:
    for key in DATE_KEYS:
        value = meta.get(key)
        if not isinstance(value, str) or not value or RFC3339.fullmatch(value):
            continue
        from pipeline.model.dates import parse_absolute  # its patterns: only when a date is to be read

        parsed = parse_absolute(value, config.zone, config.languages)
        if parsed is None:
            continue  # validate names it; a guess would be worse
        meta[key] = parsed.rfc3339()
        changes.append(key)
        if key == "date" and parsed.precision in ("month", "year") and "date_precision" not in meta:
            meta["date_precision"] = parsed.precision
            changes.append("date_precision")


def _normalise_vocabulary(meta: dict[str, Any], config: Config, changes: list[str]) -> None:
    from pipeline.model.vocabulary import canonical_term, tags_given

    tags = meta.get("tags")
    if isinstance(tags, str) or (isinstance(tags, list) and all(isinstance(t, str | int | float) and
                                                                not isinstance(t, bool) for t in tags)):
        canonical = tags_given(tags, config, synonyms=config.tags_declared).value
        if canonical != tags:
            meta["tags"] = canonical
            changes.append("tags")
    for key, terms in (("sectie", config.sections), ("doelgroep", config.audiences)):
        value = meta.get(key)
        if isinstance(value, str):
            name = canonical_term(value, terms)
            if name is not None and name != value:
                meta[key] = name
                changes.append(key)
    lang = meta.get("lang")
    if isinstance(lang, str) and lang.lower() in config.languages and lang != lang.lower():
        meta["lang"] = lang.lower()
        changes.append("lang")


class NormaliseStatus(StrEnum):
    """What normalise did (or would do) to a file."""

    CHANGED = "changed"
    WOULD_CHANGE = "would change"  # with --check, nothing is written
    UNCHANGED = "unchanged"
    UNREADABLE = "unreadable"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class NormalisedText:
    """What normalise makes of a file's text: the new text, the fields changed, or why it was left alone."""

    text: str
    changes: tuple[str, ...] = ()
    problem: str = ""  # set when the file cannot be normalised; text is then the input unchanged
    status: NormaliseStatus = NormaliseStatus.UNCHANGED


def normalise_text(text: str, config: Config, path: str = "") -> NormalisedText:
    """Pure: a file's text to its canonical text. A file normalise cannot read safely is left alone."""
    try:
        article = parse_article(text, path)
    except ArticleError as error:
        where = f"line {error.line}: " if error.line else ""
        return NormalisedText(text, problem=f"front matter: {where}{error.message}", status=NormaliseStatus.UNREADABLE)
    if article.toml_front_matter:
        return NormalisedText(text, problem="has TOML front matter (+++), which the pipeline does not read: "
                                            "left as it is", status=NormaliseStatus.SKIPPED)
    if not article.has_front_matter:
        return NormalisedText(text, problem="has no front matter (--- on the first line): nothing to normalise",
                              status=NormaliseStatus.SKIPPED)
    twice = [trap for trap in article.traps if trap.code == "duplicate-key"]
    if twice:  # which of the two the editor meant is theirs to say
        first = twice[0]
        return NormalisedText(text, problem=f"{first.key} is given twice (line {first.line}, {first.text}): "
                                            "keep one, then normalise", status=NormaliseStatus.SKIPPED)
    clashes = house_key_clashes(article.meta)
    if clashes:
        return NormalisedText(text, problem=f"{clashes[0]} are the same key to Hugo: keep one, then normalise",
                              status=NormaliseStatus.SKIPPED)
    result = normalise_article(article, config)
    new_text = render_article(result.article)
    if new_text == text:
        return NormalisedText(text)
    front, _body, _closing = split_front_matter(text.lstrip(BOM))
    from pipeline.model.front_matter_read import front_matter_comments  # with YAML: where text is read

    comments = front_matter_comments(front or "")
    if comments:  # the house style has none; an editor's or a tool's note is not the pipeline's to drop
        return NormalisedText(text, problem=f"has a comment in its front matter (line {comments[0]}), which a "
                                            "rewrite would lose: left as it is; move it out of the front "
                                            "matter to normalise the file", status=NormaliseStatus.SKIPPED)
    changes = list(result.changes)
    if any(trap.code == "bom" for trap in article.traps):
        changes.insert(0, "bom")
    old_front = text.lstrip(BOM)[: len(text.lstrip(BOM)) - len(article.body)]
    new_front = new_text[: len(new_text) - len(result.article.body)]
    if old_front != new_front and not set(changes) - {"bom", "body"}:
        changes.append("house style")  # quoting, list style, line ends: same values, written the house way
    return NormalisedText(new_text, tuple(changes), status=NormaliseStatus.CHANGED)
