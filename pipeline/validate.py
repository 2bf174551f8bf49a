"""Schema rules to problems: each problem names the file, the line, the field, and what to do.

Rules are plain functions from an article (and the config) to problems; ``validate_article``
runs them all. Errors fail a run, warnings do not.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from pipeline.article import RFC3339, Article
from pipeline.config import Config

ERROR, WARNING = "error", "warning"


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


def _problem(article: Article, field: str, code: str, message: str, severity: str = ERROR) -> Problem:
    return Problem(article.path, article.lines.get(field), field, severity, code, message)


def _is_missing(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def check_required(article: Article, config: Config, published: bool) -> list[Problem]:
    problems = []
    for field in config.required:
        if _is_missing(article.get(field)):
            hint = "an editor must fill it in" if field.startswith("cover") else "add it to the front matter"
            problems.append(_problem(article, field, "required", f"is missing or empty: {hint}"))
    return problems


def check_date(article: Article, config: Config, published: bool) -> list[Problem]:
    value = article.get("date")
    if _is_missing(value):
        return []
    if not isinstance(value, str) or not RFC3339.fullmatch(value):
        return [_problem(article, "date", "date-format",
                         f"{value!r} is not an RFC 3339 date-time such as 2026-02-11T00:00:00+01:00; "
                         "run pipeline normalise")]
    return []


def check_vocabulary(article: Article, config: Config, published: bool) -> list[Problem]:
    problems = []
    for field, allowed in (("sectie", config.section_names()), ("doelgroep", config.audience_names())):
        value = article.get(field)
        if not _is_missing(value) and value not in allowed:
            problems.append(_problem(article, field, "not-allowed",
                                     f"{value!r} is not one of {', '.join(allowed)}"))
    return problems


def check_draft_flag(article: Article, config: Config, published: bool) -> list[Problem]:
    value = article.get("draft")
    if value is None:
        return []
    if not isinstance(value, bool):
        return [_problem(article, "draft", "type", f"must be true or false, not {value!r}")]
    if value is published:
        wanted = "false in published/" if published else "true in drafts/"
        return [_problem(article, "draft", "draft-flag", f"must be {wanted}")]
    return []


RULES = (check_required, check_date, check_vocabulary, check_draft_flag)


def validate_article(article: Article, config: Config, published: bool = False) -> list[Problem]:
    problems: list[Problem] = []
    for rule in RULES:
        problems.extend(rule(article, config, published))
    return problems


def validate_text(text: str, path: str, config: Config, published: bool = False) -> list[Problem]:
    """Validate the text of one article file; unreadable front matter is a problem, not an exception."""
    from pipeline.article import ArticleError, parse_article

    try:
        article = parse_article(text, path)
    except ArticleError as error:
        return [Problem(path, error.line, "", ERROR, "front-matter", error.message)]
    return validate_article(article, config, published)
