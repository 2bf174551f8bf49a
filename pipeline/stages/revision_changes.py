"""What a revision changes, as ``pipeline show`` and the desk show it: its text beside the published
article's, the revision as promote would publish it, and the lines it changes, whole words marked.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from pipeline.model.article import parse_article, render_article
from pipeline.model.config import Config
from pipeline.model.errors import ArticleError
from pipeline.model.forms import published_form
from pipeline.stages.assess import read_draft
from pipeline.stages.revisions import revision_path
from pipeline.store.workspace import Workspace


def revision_texts(workspace: Workspace, config: Config, live: Path) -> tuple[str, str | None, str, str] | None:
    """For a published article with a revision beside it: (the revision's path, its text or None when it
    cannot be read, the published text, the revision as it would be published or ''); else None."""
    if not live.is_relative_to(workspace.published):
        return None
    path = revision_path(workspace, live)
    if not workspace.exists(path):
        return None
    text, _ = (None, "") if path.is_symlink() else read_draft(workspace, path)
    live_text, _ = read_draft(workspace, live)
    revised = as_published(text, workspace.rel(path), config) if text is not None else ""
    return workspace.rel(path), text, live_text or "", revised


def as_published(text: str, rel: str, config: Config) -> str:
    """Pure: a revision's text as promote would publish it (lastmod aside), '' when it cannot be read."""
    try:
        return render_article(published_form(parse_article(text, rel), config)[0])
    except ArticleError:
        return ""


# Beyond this many words on either side, what changed is compared line by line (difflib is quadratic at worst).
MAX_WORDS = 30_000
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")  # words, the spaces between them, each other sign
_MARKS = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}


def changed_lines(before: str, after: str) -> list[str]:
    """Pure: the lines of `after` a revision changes, whole words marked as git's --word-diff=plain marks
    them ([-removed-]{+added+}); unchanged lines left out."""
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    if len(old) > MAX_WORDS or len(new) > MAX_WORDS:
        old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    lines: list[tuple[str, bool]] = []  # each line as marked, and whether a change touches it
    line, changed = "", False

    def add(text: str, kind: str = "") -> None:
        nonlocal line, changed
        opening, closing = _MARKS.get(kind, ("", ""))
        parts = text.split("\n")
        for position, part in enumerate(parts):
            if part:
                line += opening + part + closing
                changed = changed or bool(kind)
            if position < len(parts) - 1:
                lines.append((line, changed))
                line, changed = "", False

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            add("".join(old[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            add("".join(old[i1:i2]), "delete")
        if tag in ("insert", "replace"):
            add("".join(new[j1:j2]), "insert")
    if line:
        lines.append((line, changed))
    return [text for text, touched in lines if touched]
