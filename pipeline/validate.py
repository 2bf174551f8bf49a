"""Schema rules to problems: each problem names the file, the line, the field, and what to do.

The field rules are declared once, in ``pipeline.schema`` (``pipeline schema`` prints them as JSON
Schema); this module applies them, and adds what JSON Schema cannot say: YAML 1.1 traps, a real
calendar date, body rules, and warnings. Errors fail a run, warnings do not.

Shape, so results can be cached and computed in parallel: ``check_file`` is pure (bytes in, problems
and the article's date out) and never looks at the clock; ``clock_problems`` applies the one rule
that does (a date in the future is a warning: the article is scheduled); ``validate_files`` lists
the files through the workspace and puts the two together.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.article import COVER_KEYS, HOUSE_KEYS, PIPELINE_KEYS, RFC3339, Article, parse_rfc3339
from pipeline.config import Config
from pipeline.schema import ANY, ARRAY, BOOLEAN, OBJECT, STRING, TAG_PATTERN, FieldRule, field_rules

if TYPE_CHECKING:
    from pipeline.cache import ResultCache
    from pipeline.workspace import RawFile, Workspace

ERROR, WARNING = "error", "warning"
BODY = "body"

# Every code validate can report, with one line on what it means (listed in the README too).
CODES: dict[str, str] = {
    "empty": "the file is empty",
    "encoding": "the file is not UTF-8",
    "unreadable": "the file cannot be read (permissions, a folder, gone)",
    "no-front-matter": "the file does not start with a --- line",
    "unclosed": "the front matter is never closed with ---",
    "tab": "the front matter is indented with a tab",
    "yaml-syntax": "the front matter is not valid YAML",
    "not-mapping": "the front matter is not a mapping of keys to values",
    "bom": "a byte order mark before the first ---: Hugo then sees no front matter",
    "duplicate-key": "a key given twice: YAML and Hugo keep the last one without a word",
    "key-case": "a house key in other capitals (Title): Hugo reads keys without regard to case",
    "yaml-bool": "yes/no/on/off unquoted: YAML 1.1 reads a boolean",
    "yaml-sexagesimal": "14:05 unquoted: YAML 1.1 reads the number 845",
    "yaml-octal": "012 unquoted: YAML 1.1 reads the number 10",
    "yaml-null": "a field left empty or ~: YAML reads null",
    "required": "a required field is missing or empty",
    "type": "a field has the wrong type (text, list, true/false, mapping)",
    "not-allowed": "a value that is not among the allowed ones (sectie, doelgroep, lang, date_precision)",
    "too-long": "text longer than the configured limit (title, summary)",
    "too-short": "text shorter than required",
    "date-format": "date is not RFC 3339 (2026-02-11T00:00:00+01:00)",
    "date-invalid": "date has the right form but is not a real calendar date or time",
    "date-future": "date is in the future: the article is scheduled (warning)",
    "date-precision": "only the month or year of the date is known: an editor must confirm the day (warning)",
    "url": "cover.image is not an https:// URL",
    "draft-flag": "draft must be true in drafts/ and false in published/",
    "tag-count": "fewer or more tags than allowed",
    "tag-form": "a tag with capitals or spaces around it",
    "tag-duplicate": "a tag given twice",
    "tag-unknown": "a tag that is not in the vocabulary (warning)",
    "whitespace": "text with spaces at the start or end (warning)",
    "placeholder": "unfinished text: TODO, FIXME, XXX, TBD, lorem ipsum",
    "body-empty": "the article has no body",
    "min-words": "the body has fewer words than validate.min_words",
    "raw-header": "a leftover raw header line in the body (date 2026-02-11 ...)",
    "raw-html": "raw HTML in the body: Hugo leaves it out without a word",
    "javascript-link": "a javascript: link",
    "heading-space": "a heading without a space after its #s (#Kop)",
    "heading-empty": "a heading with no text",
    "heading-level": "more than six #s: not a heading at all",
    "heading-h1": "a level-1 heading in the body: the title is the page's only one (warning)",
    "heading-skip": "a heading that skips a level (## then ####) (warning)",
    "missing-file": "a file named on the command line does not exist",
}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str
    severity: str
    code: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def one_line(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        subject = f" {self.field}:" if self.field else ""
        return f"{where}: {self.severity} [{self.code}]{subject} {self.message}"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Problem:
        return cls(data["file"], data["line"], data["field"], data["severity"], data["code"], data["message"])


def _problem(article: Article, name: str, code: str, message: str, severity: str = ERROR,
             line: int | None = None) -> Problem:
    return Problem(article.path, line if line is not None else _line(article, name), name, severity, code, message)


def _line(article: Article, name: str) -> int | None:
    """The line of a field, or of the nearest parent the file has (cover for a missing cover.alt)."""
    while name:
        if name in article.lines:
            return article.lines[name]
        name = name.rpartition(".")[0]
    return None


_MISSING = object()


def _is_empty(value: Any) -> bool:
    return value is None or value == [] or value == {} or (isinstance(value, str) and not value.strip())


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, bool) else ("true" if value else "false")
    return text if len(text) <= 60 else text[:57] + "..."


# --- the declared field rules, applied ----------------------------------------------------------

_TYPE_CHECKS: dict[str, Callable[[Any], bool]] = {
    STRING: lambda v: isinstance(v, str),
    BOOLEAN: lambda v: isinstance(v, bool),
    ARRAY: lambda v: isinstance(v, list),
    OBJECT: lambda v: isinstance(v, dict),
    ANY: lambda v: True,
}
_TYPE_WORDS = {STRING: 'text in double quotes ("...")', BOOLEAN: "true or false",
               ARRAY: 'a list such as ["banen", "privacy"]', OBJECT: "a mapping of keys to values"}


def check_field(article: Article, rule: FieldRule) -> list[Problem]:
    """One field against its declared rule: required, type, allowed values, lengths, pattern, items."""
    value = article.get(rule.name, _MISSING)
    name = rule.name
    if value is _MISSING or _is_empty(value):
        if rule.required:
            return [_problem(article, name, "required", _missing_message(name, value))]
        return []
    if not _TYPE_CHECKS[rule.type](value):
        hint = " (run pipeline normalise)" if rule.type == ARRAY and isinstance(value, str) else ""
        return [_problem(article, name, "type", f"must be {_TYPE_WORDS[rule.type]}, not {_show(value)}{hint}")]
    if rule.const is not None and value is not rule.const:
        wanted = "true in drafts/" if rule.const else "false in published/"
        return [_problem(article, name, "draft-flag", f"must be {wanted}")]
    if rule.enum and value not in rule.enum:
        return [_problem(article, name, "not-allowed", f"{_show(value)} is not one of {', '.join(rule.enum)}")]
    problems: list[Problem] = []
    if isinstance(value, str):
        problems += _check_text(article, rule, value)
    if isinstance(value, list):
        problems += _check_items(article, rule, value)
    return problems


def _missing_message(name: str, value: Any) -> str:
    if name.startswith("cover"):
        return "is missing or empty: an editor must fill it in"  # a fresh draft has no cover: not ingest's to guess
    return "is missing or empty: " + ("add it to the front matter" if value is _MISSING else "fill it in")


def _check_text(article: Article, rule: FieldRule, value: str) -> list[Problem]:
    problems = []
    if rule.max_length is not None and len(value) > rule.max_length:
        problems.append(_problem(article, rule.name, "too-long",
                                 f"is {len(value)} characters, at most {rule.max_length} allowed: shorten it"))
    if rule.min_length is not None and len(value) < rule.min_length:
        problems.append(_problem(article, rule.name, "too-short", f"must be at least {rule.min_length} characters"))
    if rule.pattern is not None and not re.search(rule.pattern, value):
        problems.append(_problem(article, rule.name, rule.pattern_code, f"{_show(value)}: {rule.pattern_hint}"))
    if value != value.strip():
        problems.append(_problem(article, rule.name, "whitespace",
                                 "has spaces at the start or end: run pipeline normalise", WARNING))
    return problems


def _check_items(article: Article, rule: FieldRule, items: list[Any]) -> list[Problem]:
    name, problems = rule.name, []
    if rule.min_items is not None and len(items) < rule.min_items:
        problems.append(_problem(article, name, "tag-count", f"has {len(items)}, at least {rule.min_items} needed"))
    if rule.max_items is not None and len(items) > rule.max_items:
        problems.append(_problem(article, name, "tag-count", f"has {len(items)}, at most {rule.max_items} allowed"))
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, str) or not item:
            problems.append(_problem(article, name, "type", f"{_show(item)} must be a word in double quotes"))
            continue
        if rule.item_pattern is not None and not re.search(rule.item_pattern, item):
            problems.append(_problem(article, name, rule.item_pattern_code, f"{_show(item)}: {rule.item_hint}"))
        if rule.unique_items and item in seen:
            problems.append(_problem(article, name, "tag-duplicate", f"{_show(item)} is given twice: remove one"))
        seen.add(item)
    return problems


# --- what YAML and Hugo accept without a word ---------------------------------------------------

_TRAP_MESSAGES = {
    "yaml-bool": "{text} unquoted is read as the boolean {value} (YAML 1.1, and Hugo): write \"{text}\" in quotes",
    "yaml-sexagesimal": "{text} unquoted is read as the number {value} (YAML 1.1): write \"{text}\" in quotes",
    "yaml-octal": "{text} unquoted is read as the number {value} (YAML 1.1 octal): write \"{text}\" in quotes",
    "yaml-null": "is empty, so YAML reads null: fill it in or remove the key",
}
# Traps that change a value: the field's own checks would only repeat them, less clearly.
_VALUE_TRAPS = ("yaml-bool", "yaml-sexagesimal", "yaml-octal")


def check_traps(article: Article, required: set[str], texts: set[str]) -> list[Problem]:
    """``texts``: the fields that hold text (or lists of text), where a yes/no is meant as a word."""
    problems = []
    for trap in article.traps:
        if trap.code == "bom":
            problems.append(_problem(article, "", "bom", "starts with a byte order mark (BOM): Hugo then sees no "
                                     "front matter at all; save as UTF-8 without BOM (pipeline normalise does)",
                                     line=1))
        elif trap.code == "duplicate-key":
            problems.append(_problem(article, trap.key, "duplicate-key",
                                     f"is given twice ({trap.text}): YAML and Hugo keep the last one without a "
                                     "word; remove one", line=trap.line))
        elif trap.code == "yaml-null":
            if trap.key not in required:  # a required one is reported as missing
                problems.append(_problem(article, trap.key, "yaml-null", _TRAP_MESSAGES["yaml-null"], WARNING,
                                         trap.line))
        elif trap.code in _TRAP_MESSAGES:
            value = _loaded_value(trap.text)
            template = _TRAP_MESSAGES[trap.code]
            if trap.code == "yaml-bool" and trap.key not in texts:
                template = "{text} unquoted is read as the boolean {value} (YAML 1.1, and Hugo): write {value}"
            problems.append(_problem(article, trap.key, trap.code, template.format(text=trap.text, value=value),
                                     line=trap.line))
    return problems


def _loaded_value(text: str) -> str:
    import yaml

    loaded = yaml.safe_load(text)
    return _show(loaded)


_TOP_KEYS = ((*HOUSE_KEYS, *PIPELINE_KEYS), {name.lower(): name for name in (*HOUSE_KEYS, *PIPELINE_KEYS)})
_COVER_KEYS = (tuple(COVER_KEYS), {name.lower(): name for name in COVER_KEYS})


def check_key_case(article: Article) -> list[Problem]:
    """Title next to (or instead of) title: Hugo folds keys to lower case, one silently wins."""
    problems = []
    for keys, (known, lowered), prefix in ((article.meta.keys(), _TOP_KEYS, ""),
                                           (_keys_of(article.get("cover")), _COVER_KEYS, "cover.")):
        for key in keys:
            text = str(key)
            if text not in known and text.lower() in lowered:
                problems.append(_problem(article, prefix + text, "key-case",
                                         f"Hugo reads keys without regard to case, so this is "
                                         f"{prefix}{lowered[text.lower()]}: write it in lower case"))
    return problems


def _keys_of(value: Any) -> list[Any]:
    return list(value) if isinstance(value, dict) else []


def check_date_value(article: Article) -> list[Problem]:
    """RFC 3339 in form is not enough: 2026-02-30 or 25:00 must be a real moment."""
    value = article.get("date")
    if not isinstance(value, str) or not RFC3339.fullmatch(value):
        return []
    if parse_rfc3339(value) is None:
        return [_problem(article, "date", "date-invalid", f"{value!r} is not a real calendar date and time")]
    return []


def check_precision(article: Article) -> list[Problem]:
    value = article.get("date_precision")
    if value in ("month", "year"):
        return [_problem(article, "date_precision", "date-precision",
                         f"the source gave only the {value}: an editor must confirm the day of the date, "
                         "then remove date_precision", WARNING)]
    return []


def check_tags_known(article: Article, config: Config) -> list[Problem]:
    tags = article.get("tags")
    if not isinstance(tags, list):
        return []
    names = config.tag_names()
    # Tags in the wrong form are reported as such; only well-formed ones are looked up.
    unknown = [tag for tag in tags if isinstance(tag, str) and re.search(TAG_PATTERN, tag) and tag not in names]
    if not unknown:
        return []
    return [_problem(article, "tags", "tag-unknown",
                     f"{', '.join(map(repr, unknown))} not in the vocabulary ({', '.join(names)}): add it to "
                     "pipeline.toml or choose one of these", WARNING)]


def _placeholder_pattern(config: Config) -> re.Pattern[str] | None:
    words = [re.escape(word).replace(r"\ ", r"\s+") for word in config.placeholders if word.strip()]
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.I)


def check_placeholders_meta(article: Article, pattern: re.Pattern[str] | None,
                            config_placeholders: tuple[str, ...]) -> list[Problem]:
    if pattern is None:
        return []
    problems = []
    values = [(name, article.get(name)) for name in ("title", "summary", "cover.image", "cover.alt", "cover.caption")]
    texts = [(name, value) for name, value in values if isinstance(value, str)]
    if not _may_hold_placeholder("\n".join(value for _name, value in texts), _placeholder_leads(config_placeholders)):
        return []  # one quick look at all five
    for name, value in texts:
        if value:
            found = pattern.search(value)
            if found:
                problems.append(_problem(article, name, "placeholder",
                                         f"holds the placeholder {found.group()!r}: finish it"))
    return problems


# --- the body -----------------------------------------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_RAW_HEADER = re.compile(r"^\s*date\s+\d{4}-\d{2}(?:-\d{2})?\b", re.I)
_HTML = re.compile(r"<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)")
_JAVASCRIPT = re.compile(r"(?:\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?|<|href\s*=\s*[\"']?)\s*(?:javascript|vbscript)\s*:", re.I)
_HEADING = re.compile(r"^ {0,3}(#+)(.*)$")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def _blank_inline_code(body: str) -> str:
    """The body with inline code blanked out (same length, same lines: a code span never spans a line)."""
    if "`" not in body:
        return body
    return _INLINE_CODE.sub(lambda m: " " * len(m.group()), body)


def _prose_lines(body: str, blanked: str) -> Iterator[tuple[int, str]]:
    """(index, line) of the body outside fenced code, with inline code blanked out."""
    fence: str | None = None
    for index, (line, prose) in enumerate(zip(body.split("\n"), blanked.split("\n"), strict=True)):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        yield index, prose


# Cheap searches of the whole (blanked) body that every per-line match implies, as a line's match
# is a match in the body at the same place: a clean body costs a few scans, not five per line.
_RAW_HEADER_ANYWHERE = re.compile(r"date\s+\d{4}-\d{2}", re.I)
_JAVASCRIPT_ANYWHERE = re.compile(r"script\s*:", re.I)


def _has_folds(text: str) -> bool:
    """Whether the text holds İ, ı or ſ: the only characters a case-blind regex matches to an ASCII
    letter that lower() does not turn into it (checked over all of Unicode)."""
    return "\u0130" in text or "\u0131" in text or "\u017f" in text


@functools.lru_cache(maxsize=8)
def _placeholder_leads(words: tuple[str, ...]) -> tuple[str, ...] | None:
    """The first word of each placeholder, in lower case: a line that holds one holds its first word.
    None when a placeholder is not plain ASCII (then case folding is not lower(), and only the regex knows)."""
    leads = tuple(word.split()[0].lower() for word in words if word.strip())
    return leads if all(lead.isascii() for lead in leads) else None


def _may_hold_placeholder(text: str, leads: tuple[str, ...] | None, lowered: str | None = None) -> bool:
    """False only when no placeholder can be in the text: a quick look before the regex."""
    if leads is None or _has_folds(text):
        return True
    lowered = text.lower() if lowered is None else lowered
    return any(lead in lowered for lead in leads)


def count_words(text: str, enough: int | None = None) -> int:
    """How many words (runs of letters and digits, joined by - or ') the text holds; with `enough`,
    counting may stop once there are that many (the count is then at least `enough`).

    A word never spans whitespace, so the count is the sum over whitespace-separated chunks; a chunk
    of letters and digits only (most of them) is one word, counted in C, and only the rest (with
    punctuation) goes through the regex."""
    chunks = text.split()
    plain = sum(map(str.isalnum, chunks))
    if enough is not None and plain >= enough:
        return plain
    rest = " ".join(itertools.filterfalse(str.isalnum, chunks))
    return plain + len(_WORD.findall(rest))


def check_body(article: Article, config: Config, body_line: int | None,
               pattern: re.Pattern[str] | None) -> list[Problem]:
    body = article.body.replace("\r\n", "\n")

    def at(index: int) -> int | None:
        return body_line + index if body_line is not None else None

    if not body.strip():
        return [_problem(article, BODY, "body-empty", "the article has no text: write the body below the front matter",
                         line=body_line)]
    problems: list[Problem] = []
    count = count_words(body, config.min_words)
    if count < config.min_words:
        problems.append(_problem(article, BODY, "min-words", f"has {count} words, at least {config.min_words} "
                                 "needed (validate.min_words)", line=body_line))
    blanked = _blank_inline_code(body)
    # A word each rule needs, looked for with str's `in` (far quicker than a regex scan), guards its
    # regex. Case-blind regexes also match İ, ı and ſ to i and s, which lower() does not: with one of
    # those in the text, the guards step aside.
    lowered = blanked.lower()
    folds = _has_folds(blanked)
    raw_header = "date" in lowered and _RAW_HEADER_ANYWHERE.search(blanked) is not None
    html = "<" in blanked
    javascript = (folds or "script" in lowered) and _JAVASCRIPT_ANYWHERE.search(blanked) is not None
    placeholder = (pattern is not None
                   and _may_hold_placeholder(blanked, _placeholder_leads(config.placeholders), lowered)
                   and pattern.search(blanked) is not None)
    heading = "#" in blanked
    if not (raw_header or html or javascript or placeholder or heading):
        return problems
    if not (raw_header or html or javascript or placeholder) and "```" not in body and "~~~" not in body:
        return problems + _check_headings(article, blanked, at)  # the usual article: headings, no code
    level = 1
    for index, line in _prose_lines(body, blanked):
        if raw_header and _RAW_HEADER.match(line):
            problems.append(_problem(article, BODY, "raw-header", "a raw header line was left in the text: "
                                     "remove it (the date belongs in the front matter)", line=at(index)))
        found = _HTML.search(line) if html else None
        if found:
            problems.append(_problem(article, BODY, "raw-html", f"raw HTML {found.group()[:40]!r}: Hugo leaves it "
                                     "out without a word; write Markdown instead", line=at(index)))
        if javascript and _JAVASCRIPT.search(line):
            problems.append(_problem(article, BODY, "javascript-link", "a javascript: link: remove it",
                                     line=at(index)))
        found = pattern.search(line) if placeholder and pattern is not None else None
        if found:
            problems.append(_problem(article, BODY, "placeholder", f"the placeholder {found.group()!r} is left in "
                                     "the text: finish it", line=at(index)))
        marked = _HEADING.match(line) if heading else None
        if marked:
            problem, level = _check_heading(article, marked, level, at(index))
            if problem is not None:
                problems.append(problem)
    return problems


def _check_headings(article: Article, blanked: str, at: Callable[[int], int | None]) -> list[Problem]:
    """The heading rules on the heading lines alone (only for text without fences)."""
    problems, level = [], 1
    for index, line in _heading_lines(blanked):
        heading = _HEADING.match(line)
        if heading:
            problem, level = _check_heading(article, heading, level, at(index))
            if problem is not None:
                problems.append(problem)
    return problems


def _heading_lines(text: str) -> Iterator[tuple[int, str]]:
    """(index, line) of each line that starts with up to three spaces and a #, found with str.find:
    a regex scan of every character costs more than the rest of the body rules together."""
    index, line_start, position = 0, 0, text.find("#")
    while position != -1:
        start = text.rfind("\n", 0, position) + 1
        index += text.count("\n", line_start, start)
        line_start = start
        end = text.find("\n", position)
        if end == -1:
            end = len(text)
        if position - start <= 3 and not text[start:position].strip(" "):
            yield index, text[start:end]
        position = text.find("#", end)  # only a line's first # can open a heading


def _check_heading(article: Article, heading: re.Match[str], previous: int,
                   line: int | None) -> tuple[Problem | None, int]:
    marks, rest = heading.group(1), heading.group(2)
    level = len(marks)
    if rest and not rest[0].isspace():
        if level > 6:
            return None, previous
        return _problem(article, BODY, "heading-space", f"{heading.group().strip()[:40]!r} needs a space after "
                        "the #s to be a heading (escape a hashtag as \\#)", line=line), previous
    if level > 6:
        return _problem(article, BODY, "heading-level", "more than six #s is not a heading: use ## to ######",
                        line=line), previous
    if not rest.strip().strip("#").strip():
        return _problem(article, BODY, "heading-empty", "a heading with no text: write it or remove the line",
                        line=line), level
    if level == 1:
        return _problem(article, BODY, "heading-h1", "a level-1 heading (# ): the title is the page's only one; "
                        "use ## for sections", WARNING, line), level
    if level > previous + 1:
        return _problem(article, BODY, "heading-skip", f"a level-{level} heading after a level-{previous} one "
                        f"(the title is level 1): use {'#' * (previous + 1)} here", WARNING, line), level
    return None, level


# --- an article, a text, a file -------------------------------------------------------------------

_Ruleset = tuple[tuple[FieldRule, ...], set[str], set[str], "re.Pattern[str] | None"]
_RULESETS: dict[tuple[int, bool], tuple[Config, _Ruleset]] = {}


def _ruleset(config: Config, published: bool) -> _Ruleset:
    """The rules, required and text fields, and placeholder pattern of a config: made once, not per file."""
    cached = _RULESETS.get((id(config), published))
    if cached is not None and cached[0] is config:
        return cached[1]
    rules = field_rules(config, published)
    ruleset = (rules, {rule.name for rule in rules if rule.required},
               {rule.name for rule in rules if rule.type in (STRING, ARRAY)}, _placeholder_pattern(config))
    _RULESETS[(id(config), published)] = (config, ruleset)  # holding the config keeps its id from reuse
    return ruleset


def check_fields(article: Article, config: Config, published: bool = False) -> list[Problem]:
    """Only the declared field rules (required, types, allowed values, lengths), in line order: what
    differs between a draft and the same article as it would be published."""
    trapped = {trap.key for trap in article.traps if trap.code in _VALUE_TRAPS}
    found = _field_problems(article, _ruleset(config, published)[0], trapped, check_key_case(article))
    return sorted(found, key=lambda p: p.line or 0)


def _field_problems(article: Article, rules: tuple[FieldRule, ...], trapped: set[str],
                    recased_problems: list[Problem]) -> list[Problem]:
    # A lone Title: is title to Hugo; key-case says so, and "title is missing" would only mislead.
    recased = {p.field.lower() for p in recased_problems}
    problems: list[Problem] = []
    mappings: dict[str, bool] = {}
    for rule in rules:
        parent = rule.name.rpartition(".")[0]
        if parent:
            if parent not in mappings:
                mappings[parent] = isinstance(article.get(parent), dict)
            if not mappings[parent]:
                continue  # the parent's own rule says it is missing or not a mapping: once is enough
        if trapped and rule.name in trapped:
            continue
        if recased and rule.name in recased and article.get(rule.name) is None:
            continue
        problems += check_field(article, rule)
    return problems


def validate_article(article: Article, config: Config, published: bool = False,
                     body_line: int | None = None) -> list[Problem]:
    """Every rule that does not depend on the clock. ``body_line``: the file line the body starts on."""
    rules, required, texts, pattern = _ruleset(config, published)
    problems = check_traps(article, required, texts)
    trapped = {trap.key for trap in article.traps if trap.code in _VALUE_TRAPS}
    recased = check_key_case(article)
    problems += recased
    problems += _field_problems(article, rules, trapped, recased)
    if "date" not in trapped:
        problems += check_date_value(article)
    problems += check_precision(article)
    if "tags" not in trapped:
        problems += check_tags_known(article, config)
    problems += check_placeholders_meta(article, pattern, config.placeholders)
    problems += check_body(article, config, body_line, pattern)
    return sorted(problems, key=lambda p: p.line or 0)


@dataclass(frozen=True)
class FileCheck:
    """What ``check_file`` found: the problems, and the article's date for the clock rules."""

    problems: tuple[Problem, ...]
    date: str | None = None
    date_line: int | None = None

    def as_cached(self) -> list[Any]:
        """Compact, for the cache of ten thousand files: [date, date line, problem fields...]."""
        return [self.date, self.date_line, *([p.file, p.line, p.field, p.severity, p.code, p.message]
                                             for p in self.problems)]

    @classmethod
    def from_cached(cls, data: list[Any]) -> FileCheck:
        return cls(tuple(Problem(*fields) for fields in data[2:]), data[0], data[1])


def check_parsed(text: str, rel: str, config: Config, published: bool = False) -> tuple[Article | None, list[Problem]]:
    """The problems of an article's text, and the Article read from it (None when it cannot be read),
    so a caller that needs both reads the text once."""
    from pipeline.article import ArticleError, parse_article

    try:
        article = parse_article(text, rel)
    except ArticleError as error:
        return None, [Problem(rel, error.line, "", ERROR, error.code, error.message)]
    if not article.has_front_matter:
        return article, [Problem(rel, 1, "", ERROR, "no-front-matter",
                                 "has no front matter: the file must start with a line of three dashes (---)")]
    body_line = text.count("\n") - article.body.count("\n") + 1
    return article, validate_article(article, config, published, body_line)


def check_text(text: str, rel: str, config: Config, published: bool = False) -> FileCheck:
    article, problems = check_parsed(text, rel, config, published)
    if article is None or not article.has_front_matter:
        return FileCheck(tuple(problems))
    date = article.get("date")
    return FileCheck(tuple(problems), date if isinstance(date, str) else None, article.lines.get("date"))


def check_file(data: bytes, rel: str, config: Config, published: bool = False) -> FileCheck:
    """Pure: a file's bytes to its problems (and its date). Never raises for bad input; ignores the clock."""
    if not data.strip():
        return FileCheck((Problem(rel, None, "", ERROR, "empty",
                                  "is empty: an article needs front matter and a body"),))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return FileCheck((Problem(rel, line, "", ERROR, "encoding",
                                  f"is not UTF-8 (byte 0x{data[error.start]:02x} on line {line}): save it as UTF-8"),))
    return check_text(text, rel, config, published)


def clock_problems(rel: str, date_value: str | None, line: int | None, moment: datetime) -> list[Problem]:
    """The rules that depend on the time: a date still to come is a warning (the article is scheduled)."""
    if not date_value or not RFC3339.fullmatch(date_value):
        return []
    when = parse_rfc3339(date_value)
    if when is None or when <= moment:
        return []
    return [Problem(rel, line, "date", WARNING, "date-future",
                    f"{date_value} is still to come: the article is scheduled and appears from then")]


def validate_text(text: str, path: str, config: Config, published: bool = False) -> list[Problem]:
    """Validate the text of one article file; unreadable front matter is a problem, not an exception."""
    return list(check_text(text, path, config, published).problems)


# --- the runner -----------------------------------------------------------------------------------

@dataclass
class ValidateResult:
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    def summary(self) -> str:
        failing = len({p.file for p in self.errors})
        line = (f"validate: {len(self.files)} file(s), {failing} with errors, {len(self.errors)} error(s), "
                f"{len(self.warnings)} warning(s)")
        if any(p.code == "required" and p.field.startswith("cover") for p in self.errors):
            line += "; an editor must supply the cover (image, alt, caption)"
        return line


# Files are listed, read and reported in batches of this many: memory stays flat however many there are.
BATCH_SIZE = 2048


def _cache_name(published: bool) -> str:
    return "validate-published.json" if published else "validate-drafts.json"


def validate_files(workspace: Workspace, config: Config, paths: Sequence[Path] | None, published: bool,
                   moment: datetime, jobs: int = 1) -> ValidateResult:
    """Every draft (or published article, or the files named): pure checks, then the clock rules.

    A file whose stamp (size, mtime, inode) is what the cache recorded under this config and version
    is not read again; the others are checked on `jobs` processes, and reported in the listed order.
    """
    from pipeline.cache import load_cache, save_cache
    from pipeline.parallel import OrderedPool

    result = ValidateResult()
    name = _cache_name(published)
    cache = load_cache(workspace, name, config.fingerprint())
    folder = workspace.published if published else workspace.drafts
    entries = iter(workspace.article_files(paths, folder) if paths else workspace.iter_markdown_files(folder))

    def check(item: tuple[str, str]) -> list[Any]:
        """In a worker: plain strings in, the compact cached form out (cheap to send both ways)."""
        rel, path = item
        try:
            data = workspace.read_bytes(path)
        except OSError as error:
            reason = f"cannot be read ({error.strerror or error})"
            return FileCheck((Problem(rel, None, "", ERROR, "unreadable", reason),)).as_cached()
        return check_file(data, rel, config, published).as_cached()

    def collect(batch: list[RawFile], found: list[FileCheck | None], todo: list[int],
                checked: Iterator[list[Any]]) -> None:
        for index, compact in zip(todo, checked, strict=True):
            stamp = batch[index].stamp
            if stamp is not None:
                cache.put(batch[index].rel, stamp, compact)
            found[index] = FileCheck.from_cached(compact)
        for entry, known in zip(batch, found, strict=True):
            assert known is not None
            timed = clock_problems(entry.rel, known.date, known.date_line, moment)
            result.problems.extend(sorted([*known.problems, *timed], key=lambda p: p.line or 0))

    with OrderedPool(check, jobs) as pool:
        # Each batch is handed to the workers before the previous one is collected, so listing and
        # reporting in this process overlap the checking in the others.
        waiting: tuple[list[RawFile], list[FileCheck | None], list[int], Iterator[list[Any]]] | None = None
        while True:
            batch = list(itertools.islice(entries, BATCH_SIZE))
            handed = None
            if batch:
                found = [_known_check(entry, cache) for entry in batch]
                result.files.extend(entry.rel for entry in batch)
                todo = [index for index, known in enumerate(found) if known is None]
                handed = (batch, found, todo,
                          pool.map([(batch[index].rel, str(batch[index].path)) for index in todo]))
            if waiting is not None:
                collect(*waiting)
            if handed is None:
                break
            waiting = handed
    save_cache(workspace, name, cache, some_files_only=bool(paths))
    return result


def _known_check(entry: RawFile, cache: ResultCache) -> FileCheck | None:
    """The check of a file known without reading it (cached, or not a readable file), else None."""
    if entry.problem is not None:
        code = "missing-file" if entry.problem == "no such file" else "unreadable"
        return FileCheck((Problem(entry.rel, None, "", ERROR, code, entry.problem),))
    if entry.stamp is not None:
        cached = cache.get(entry.rel, entry.stamp)
        if cached is not None:
            with contextlib.suppress(TypeError, ValueError, IndexError):  # a damaged entry is checked again
                return FileCheck.from_cached(cached)
    return None
