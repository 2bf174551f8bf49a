"""The cross-check: every article became exactly one page, with its title, date and tags."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pipeline.hugo.plan import BuildPlan, BuiltPage, Expected
from pipeline.model.article import Article
from pipeline.model.config import Config
from pipeline.model.dates import front_matter_moment
from pipeline.model.problems import ERROR, WARNING, Problem


def cross_check(plan: BuildPlan, pages: Sequence[BuiltPage], config: Config) -> list[Problem]:
    problems: list[Problem] = []
    by_source: dict[str, list[BuiltPage]] = {}
    for page in pages:
        by_source.setdefault(page.source, []).append(page)
    expected_sources = {item.rel for item in plan.expected}
    for item in plan.expected:
        if item.error is not None:
            problems.append(item.error)
            continue
        assert item.article is not None
        built = by_source.get(item.rel, [])
        if not built:
            problems.append(_missing_page(item, plan))
            continue
        page = built[0]
        problems.extend(_check_title(item.article, page))
        problems.extend(_check_date(item.article, page, config))
        problems.extend(_check_tags(item.article, page))
        if not page.html_exists:
            problems.append(Problem(item.rel, None, "", ERROR, "hugo-page",
                                    f"Hugo listed the page {page.permalink} but wrote no {page.html}"))
    problems.extend(_clashes(pages))
    for page in pages:
        if page.source not in expected_sources:
            problems.append(Problem(page.source, None, "", WARNING, "hugo-extra",
                                    f"Hugo made the page {page.permalink} from it, but it is not an article "
                                    "(articles are .md files)"))
    return problems


def _missing_page(item: Expected, plan: BuildPlan) -> Problem:
    assert item.article is not None
    if item.hidden_by:
        why = f"{item.hidden_by} has the same name and Hugo shows only that one: rename one of them"
    elif item.article.get("draft") is True and not plan.include_drafts:
        why = "it has draft: true, so the published site leaves it out"
    elif not item.article.has_front_matter:
        why = "it has no front matter"
    else:
        why = "check its front matter (draft, headless, build options) and Hugo's messages above"
    return Problem(item.rel, None, "", ERROR, "hugo-missing-page", f"Hugo built no page for it: {why}")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _check_title(article: Article, page: BuiltPage) -> list[Problem]:
    wanted = _text(article.get("title"))
    line = article.lines.get("title")
    if not wanted:
        return [Problem(article.path, line, "title", ERROR, "hugo-title",
                        "has no title: Hugo shows the page without one")]
    if page.title != wanted:
        return [Problem(article.path, line, "title", ERROR, "hugo-title",
                        f"the file says {wanted!r} but Hugo titled the page {page.title!r} "
                        "(a second title key, in other capitals, wins in Hugo)")]
    return []


def _check_date(article: Article, page: BuiltPage, config: Config) -> list[Problem]:
    value = article.get("date")
    line = article.lines.get("date")
    try:
        shown = datetime.fromisoformat(page.date)
    except ValueError:
        return [Problem(article.path, line, "date", ERROR, "hugo-date",
                        f"Hugo gave the page an unreadable date {page.date!r}")]
    if shown.year <= 1:
        if value is None or value == "":
            why = "the file has no date"
        else:
            why = f"{_text(value)!r} is not a date Hugo can read; write it as RFC 3339, e.g. 2026-02-11T00:00:00+01:00"
        return [Problem(article.path, line, "date", ERROR, "hugo-date", f"Hugo dated the page the year 1: {why}")]
    wanted = front_matter_moment(value, config.zone)
    if wanted is None:
        return [Problem(article.path, line, "date", ERROR, "hugo-date",
                        f"Hugo read {_text(value)!r} as {page.date}, but it is not a date the pipeline reads; "
                        "write it as RFC 3339")]
    if wanted != shown or wanted.date() != shown.date():
        return [Problem(article.path, line, "date", ERROR, "hugo-date",
                        f"the file says {_text(value)} ({_day(wanted)}) but Hugo dated the page "
                        f"{page.date} ({_day(shown)})")]
    return []


def _day(moment: datetime) -> str:
    return f"{moment.day} {moment:%B %Y}"


def _check_tags(article: Article, page: BuiltPage) -> list[Problem]:
    value = article.get("tags")
    tags = value if isinstance(value, list) else [] if value in (None, "") else [value]
    wanted = {_text(tag).casefold() for tag in tags if _text(tag).strip()}
    shown = {term.title.casefold() for term in page.tags}
    missing = sorted(wanted - shown)
    if missing:
        return [Problem(article.path, article.lines.get("tags"), "tags", ERROR, "hugo-tags",
                        f"did not become tag pages in Hugo: {', '.join(missing)}")]
    return []


def _clashes(pages: Sequence[BuiltPage]) -> list[Problem]:
    by_link: dict[str, list[BuiltPage]] = {}
    for page in pages:
        by_link.setdefault(page.permalink, []).append(page)
    problems = []
    for link, same in sorted(by_link.items()):
        if len(same) < 2:
            continue
        for page in same:
            others = ", ".join(p.source for p in same if p is not page)
            problems.append(Problem(page.source, None, "", ERROR, "hugo-same-page",
                                    f"becomes the same page {link} as {others}; one overwrites the other "
                                    "(change a slug or a file name)"))
    return problems
