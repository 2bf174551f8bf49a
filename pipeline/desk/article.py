"""One article as the desk shows it: rendered as the site renders it, its front matter fields with the
problems each has and where each value came from, the file's lines with the problems on them, the raw
source beside it, and what changed since the last decision and since ingest."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.desk.changes import (
    Change,
    against_live,
    canonical,
    kept_evidence,
    raw_source,
    remade_from_source,
    shown_raw,
    since_decision,
    since_ingest,
)
from pipeline.desk.diff import flatten
from pipeline.model.article import Article, sha256_text
from pipeline.model.config import Config
from pipeline.model.problems import ERROR, WARNING, Problem
from pipeline.stages.assess import DraftState, assess_draft, check_article, read_draft
from pipeline.store.journal import article_name, history_rows
from pipeline.store.targets import Target
from pipeline.store.workspace import Workspace

# Evidence keys that name a front matter field, and the field they name.
_EVIDENCE_FIELDS = {"title": "title", "date": "date", "lang": "lang", "summary": "summary", "tags": "tags",
                    "sectie": "sectie", "doelgroep": "doelgroep"}


@dataclass(frozen=True)
class FieldRow:
    key: str  # dotted: cover.image
    value: str
    line: int | None
    problems: tuple[Problem, ...] = ()
    evidence: str = ""


@dataclass(frozen=True)
class SourceLine:
    number: int
    text: str
    problems: tuple[Problem, ...] = ()


@dataclass
class ArticleView:
    rel: str
    name: str
    folder: str  # drafts, published, or revisions (a correction of a published article)
    read_error: str = ""
    state: DraftState | None = None
    fields: list[FieldRow] = field(default_factory=list)
    lines: list[SourceLine] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # those that name neither a field nor a line
    all_problems: list[Problem] = field(default_factory=list)
    # Beside the approve button: what blocks approval (errors), then what to look at first (warnings).
    blocking: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    evidence_note: str = ""  # why where the values came from is not known ('' when it is)
    evidence_other: list[tuple[str, str]] = field(default_factory=list)  # shape, removed lines, ...
    raw_name: str = ""
    raw_text: str | None = None
    raw_note: str = ""
    changes: list[Change] = field(default_factory=list)
    rendered: str = ""  # a whole HTML document, shown in a sandboxed frame
    rendered_by: str = ""
    render_note: str = ""
    history: list[tuple[str, str, str, str]] = field(default_factory=list)
    revision: str = ""  # a published article's revision waiting beside it


def article_view(workspace: Workspace, config: Config, target: Target, moment: datetime,
                 history: list[dict[str, Any]], renderer: Renderer) -> ArticleView:
    """The article and everything the desk shows beside it; history: its journal entries (``journal.about``)."""
    assert target.path is not None
    rel = target.rel
    folder = rel.split("/", 1)[0]
    name = article_name(rel)
    view = ArticleView(rel, name, folder, history=history_rows(history))
    text, why = read_draft(workspace, target.path)
    if text is None:
        view.read_error = why
        return view
    published = folder == "published"
    if published:
        from pipeline.stages.validate import check_parsed

        article, problems = check_parsed(text, rel, config, published=True)
    else:
        view.state = assess_draft(rel, text, history, config, moment)
        article, problems = view.state.article, list(view.state.problems)
        if article is None:
            article, _ = check_article(text, rel, config)
    view.all_problems = list(problems)
    view.blocking = [problem for problem in problems if problem.severity == ERROR]
    view.warnings = [problem for problem in problems if problem.severity == WARNING]
    evidence, (view.raw_name, view.raw_text, view.raw_note, view.evidence_note) = _evidence(
        workspace, config, article, history, published)
    view.evidence_other = [(key, value) for key, value in evidence.items() if key not in _EVIDENCE_FIELDS]
    view.fields, placed = _fields(article, problems, evidence)
    view.lines = _lines(text, problems)
    on_lines = {problem.line for problem in problems if problem.line is not None}
    view.problems = [p for p in problems if id(p) not in placed and p.line not in on_lines]
    if folder == "revisions":  # what readers will see change, then what changed since the last decision
        view.changes = [against_live(workspace, config, rel, text), since_decision(workspace, history, canonical(text))]
    elif not published:
        current = canonical(text)
        view.changes = [since_decision(workspace, history, current),
                        since_ingest(workspace, config, history, current, article)]
    else:
        view.revision = _waiting_revision(workspace, target.path)
    view.rendered, view.rendered_by, view.render_note = renderer.render(workspace, config, rel, text, article)
    return view


def _waiting_revision(workspace: Workspace, live: Path) -> str:
    """The revision waiting beside a published article ('' when there is none)."""
    from pipeline.stages.revisions import revision_path

    path = revision_path(workspace, live) if live.is_relative_to(workspace.published) else None
    return workspace.rel(path) if path is not None and workspace.exists(path) else ""


def view_document(view: ArticleView) -> dict[str, Any]:
    """The view as plain data: what `pipeline show` prints, and its JSON."""
    return {
        "article": view.rel, "read_error": view.read_error,
        "state": view.state.as_dict() if view.state is not None else None,
        "fields": [{"key": row.key, "value": row.value, "line": row.line, "evidence": row.evidence,
                    "problems": [p.as_dict() for p in row.problems]} for row in view.fields],
        "problems": [p.as_dict() for p in view.all_problems],
        "other_problems": [p.one_line() for p in view.problems],
        "evidence": dict(view.evidence_other), "evidence_note": view.evidence_note, "raw": view.raw_name,
        "changes": [{"since": change.title, "note": change.note,
                     "changed": None if change.diff is None else not change.unchanged}
                    for change in view.changes],
        "history": [dict(zip(("time", "action", "article", "detail"), row, strict=True)) for row in view.history],
    }


def _evidence(workspace: Workspace, config: Config, article: Article | None, history: list[dict[str, Any]],
              published: bool) -> tuple[dict[str, str], tuple[str, str | None, str, str]]:
    """Where each value came from (from the journal, which every clone has, else made again from the raw
    file), and (the raw file's name, its text, why it is not shown, why the evidence is not known)."""
    if published:
        note = "a published article keeps no provenance: not known"
        return {}, ("", None, note, note)
    kept = kept_evidence(history)
    if kept is not None:
        found = raw_source(workspace, config, article)
        if isinstance(found, str):
            where = " (raw files stay on the machine that ingested them: raw/ is never pushed)" \
                if workspace.journal_policy.git is not None else ""
            return kept, ("", None, found + where, "")
        return kept, (found[1], shown_raw(found[0]), "", "")
    remade, why = remade_from_source(workspace, config, article)
    if remade is not None:
        return remade.evidence, (remade.raw_rel, remade.raw_text, "", "")
    return {}, ("", None, why, f"not known: {why}")


def _fields(article: Article | None, problems: list[Problem],
            evidence: dict[str, str]) -> tuple[list[FieldRow], set[int]]:
    """Each front matter field with its value, line, problems and evidence; and the problems placed."""
    placed: set[int] = set()
    rows: list[FieldRow] = []
    keys = flatten(article.meta) if article is not None else []
    known = {key for key, _ in keys}
    for key, value in keys:
        mine = tuple(p for p in problems if p.field == key or (p.field.startswith(key + ".") and p.field not in known))
        placed.update(id(p) for p in mine)
        line = article.lines.get(key) if article is not None else None
        rows.append(FieldRow(key, value, line, mine, evidence.get(key, "")))
    for problem in problems:  # a field that is missing altogether (cover.image): its own row
        if problem.field and id(problem) not in placed and problem.field not in ("body",):
            placed.add(id(problem))
            rows.append(FieldRow(problem.field, "", problem.line, (problem,), evidence.get(problem.field, "")))
    return rows, placed


def _lines(text: str, problems: list[Problem]) -> list[SourceLine]:
    by_line: dict[int, list[Problem]] = {}
    for problem in problems:
        if problem.line is not None:
            by_line.setdefault(problem.line, []).append(problem)
    return [SourceLine(number, line, tuple(by_line.get(number, ())))
            for number, line in enumerate(text.split("\n"), 1)]


# --- rendering ----------------------------------------------------------------------------------


class Renderer:
    """An article rendered as the site renders it: by Hugo where it is installed (the preview site of
    ``pipeline preview``), else its body as CommonMark by markdown-it-py with raw HTML disabled. Kept
    by the sha256 of the file's text, a few at a time."""

    KEEP = 32

    def __init__(self, hugo: str | None) -> None:
        self.hugo = hugo
        self._kept: OrderedDict[tuple[str, str], tuple[str, str, str]] = OrderedDict()
        self._lock = threading.Lock()

    def render(self, workspace: Workspace, config: Config, rel: str, text: str,
               article: Article | None) -> tuple[str, str, str]:
        """(a whole HTML document, what made it, a note)."""

        key = (rel, sha256_text(text))
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        made = self._render(workspace, config, rel, article)
        with self._lock:
            self._kept[key] = made
            while len(self._kept) > self.KEEP:
                self._kept.popitem(last=False)
        return made

    def _render(self, workspace: Workspace, config: Config, rel: str, article: Article | None) -> tuple[str, str, str]:
        note = ""
        if self.hugo is not None:
            html, note = hugo_page(workspace, config, self.hugo, rel)
            if html is not None:
                return html, "Hugo", ""
        return markdown_page(article), "markdown-it-py", note or "Hugo is not installed: the body as CommonMark"


class _Unrendered(Renderer):
    def render(self, workspace: Workspace, config: Config, rel: str, text: str,
               article: Article | None) -> tuple[str, str, str]:
        return "", "", "not rendered"


def unrendered() -> Renderer:
    """A renderer that renders nothing: for `pipeline show`, which prints the article's fields instead."""
    return _Unrendered(None)


def hugo_page(workspace: Workspace, config: Config, hugo: str, rel: str) -> tuple[str | None, str]:
    """The page Hugo builds for one article (the published ones built beside it, as the site has them)."""
    from pipeline.hugo.build import build_site
    from pipeline.store import trees
    from pipeline.store.paths import read_text_or_none

    folder, inner = rel.split("/", 1)
    scratch = trees.make_scratch_dir(None, "pipeline-desk-")
    try:
        result = build_site(workspace, config, hugo, scratch / "site", True, [inner] if folder == "drafts" else [])
        page = next((page for page in result.pages if page.source == rel), None)
        if page is None or not page.html_exists:
            said = "; ".join(message.text for message in result.messages[:3])
            return None, "Hugo built no page for it" + (f" ({said})" if said else "") + ": the body as CommonMark"
        html = read_text_or_none(Path(page.html)) if Path(page.html).is_relative_to(scratch) else None
        if html is None:
            return None, "Hugo's page could not be read: the body as CommonMark"
        return html, ""
    except OSError as error:
        return None, f"Hugo could not build it ({error.strerror or error}): the body as CommonMark"
    finally:
        trees.remove_tree(scratch)


def markdown_page(article: Article | None) -> str:
    """The title and body as HTML: CommonMark without raw HTML (shown as text), every value escaped."""
    from html import escape

    from markdown_it import MarkdownIt

    if article is None:
        return "<!doctype html><p>The front matter cannot be read: nothing to render.</p>"
    title = article.get("title", "")
    body = MarkdownIt("commonmark", {"html": False}).render(article.body)
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>{escape(str(title))}</title></head>'
            f"<body><article><h1>{escape(str(title))}</h1>{body}</article></body></html>")
