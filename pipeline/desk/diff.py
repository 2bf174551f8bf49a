"""A diff a reviewer reads: the front matter compared field by field (a changed field shown as its old
and its new value, whole), the body paragraph by paragraph, and within a changed paragraph word by word.

Words are never cut: a change is a run of whole words, and a run of changes separated only by spaces or
a lone sign is one change (``Kunstmatige intelligentie`` -> ``Zo veranderde``, not the words of each
interleaved). Values are text as the file gives them; escaping is the template's job.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.model.article import parse_article
from pipeline.model.errors import ArticleError

SAME, DELETED, INSERTED, SKIPPED = "same", "del", "ins", "skip"
CHANGED = "changed"  # a paragraph whose words changed: its segments say which
# Unchanged paragraphs kept beside each change; longer unchanged stretches are folded to one line saying so.
CONTEXT_PARAGRAPHS = 1
# Beyond this many tokens on either side a paragraph is shown deleted and inserted whole (difflib is
# quadratic at worst), and beyond this many paragraphs the body is compared paragraph by paragraph only.
MAX_WORDS = 30_000
MAX_PARAGRAPHS = 5_000
# Two paragraphs this similar (difflib's ratio) are one paragraph edited, shown word by word.
SIMILAR = 0.4
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")  # words, the spaces between them, each other sign
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")


@dataclass(frozen=True)
class Segment:
    kind: str  # same, del, ins
    text: str


@dataclass(frozen=True)
class FieldChange:
    """A front matter field that changed: its value before and after (None: the field was not there)."""

    key: str  # dotted: cover.image
    before: str | None
    after: str | None


@dataclass(frozen=True)
class Paragraph:
    kind: str  # same, del, ins (the paragraph whole), changed (its segments), skip (text says how many)
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class TextDiff:
    fields: tuple[FieldChange, ...]
    body: tuple[Paragraph, ...]

    @property
    def unchanged(self) -> bool:
        return not self.fields and all(paragraph.kind in (SAME, SKIPPED) for paragraph in self.body)


def text_diff(before: str, after: str, context: int = CONTEXT_PARAGRAPHS) -> TextDiff:
    """Two texts of an article compared: front matter by field, body by paragraph and word. A text whose
    front matter cannot be read is compared as a body, whole."""
    old_meta, old_body = _split(before)
    new_meta, new_body = _split(after)
    if old_meta is None or new_meta is None:
        return TextDiff((), _folded(body_diff(before, after), context))
    return TextDiff(field_diff(old_meta, new_meta), _folded(body_diff(old_body, new_body), context))


def _split(text: str) -> tuple[dict[str, Any] | None, str]:
    try:
        article = parse_article(text)
    except ArticleError:
        return None, text
    return dict(article.meta), article.body


def field_diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    """The fields whose values differ, in the order of the later text (then those it no longer has)."""
    old, new = dict(flatten(before)), dict(flatten(after))
    keys = list(new) + [key for key in old if key not in new]
    return tuple(FieldChange(key, old.get(key), new.get(key)) for key in keys if old.get(key) != new.get(key))


def flatten(meta: Mapping[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    """Each field as (dotted key, its value as shown): nested mappings by their leaves, lists joined."""
    rows: list[tuple[str, str]] = []
    for key, value in meta.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping) and value:
            rows.extend(flatten(value, dotted + "."))
        else:
            rows.append((dotted, shown_value(value)))
    return rows


def shown_value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(shown_value(item) for item in value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def paragraphs(body: str) -> list[str]:
    """The body's paragraphs: the text between blank lines (a heading, a list, a table is one too)."""
    stripped = body.strip("\n")
    return _PARAGRAPH_BREAK.split(stripped) if stripped else []


def body_diff(before: str, after: str) -> list[Paragraph]:
    """The body paragraph by paragraph: kept, deleted, inserted, or edited (then word by word)."""
    old, new = paragraphs(before), paragraphs(after)
    if len(old) > MAX_PARAGRAPHS or len(new) > MAX_PARAGRAPHS:
        return [Paragraph(SAME if before == after else CHANGED,
                          (Segment(SAME, after),) if before == after else (Segment(DELETED, before),
                                                                          Segment(INSERTED, after)))]
    out: list[Paragraph] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(Paragraph(SAME, (Segment(SAME, text),)) for text in old[i1:i2])
        else:
            out.extend(_paired(old[i1:i2], new[j1:j2]))
    return out


def _paired(old: Sequence[str], new: Sequence[str]) -> list[Paragraph]:
    """Paragraphs replaced by others: each old one paired, in order, with the next new one like it
    (an edit, shown word by word); the rest deleted or inserted whole."""
    out: list[Paragraph] = []
    start = 0
    for before in old:
        match = next((j for j in range(start, len(new)) if _similar(before, new[j])), None)
        if match is None:
            out.append(Paragraph(DELETED, (Segment(DELETED, before),)))
            continue
        out.extend(Paragraph(INSERTED, (Segment(INSERTED, text),)) for text in new[start:match])
        out.append(Paragraph(CHANGED, tuple(word_diff(before, new[match]))))
        start = match + 1
    out.extend(Paragraph(INSERTED, (Segment(INSERTED, text),)) for text in new[start:])
    return out


def _similar(before: str, after: str) -> bool:
    old, new = before.split(), after.split()
    if len(old) > MAX_WORDS or len(new) > MAX_WORDS:
        return False
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR


def word_diff(before: str, after: str) -> list[Segment]:
    """The words deleted, inserted and kept from before to after, whole: changes separated only by
    spaces or a lone sign are one change (its deleted words, then its inserted ones)."""
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    if len(old) > MAX_WORDS or len(new) > MAX_WORDS:
        return [segment for segment in (Segment(DELETED, before), Segment(INSERTED, after)) if segment.text]
    runs: list[tuple[bool, str, str]] = []  # (changed, old text, new text)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        runs.append((tag != "equal", "".join(old[i1:i2]), "".join(new[j1:j2])))
    merged: list[tuple[bool, str, str]] = []
    for index, run in enumerate(runs):
        changed, old_text, new_text = run
        between = 0 < index < len(runs) - 1 and runs[index - 1][0] and runs[index + 1][0]
        if not changed and between and _slight(old_text):
            changed = True  # glue: a space or a comma between two changes belongs to the change
        if merged and changed and merged[-1][0]:
            _, old_before, new_before = merged.pop()
            old_text, new_text = old_before + old_text, new_before + new_text
        merged.append((changed, old_text, new_text))
    segments: list[Segment] = []
    for changed, old_text, new_text in merged:
        if not changed:
            _add(segments, SAME, old_text)
            continue
        _add(segments, DELETED, old_text)
        _add(segments, INSERTED, new_text)
    return segments


def _slight(text: str) -> bool:
    """Spaces, or one sign with spaces: too little to stand on its own between two changes."""
    return not re.search(r"\w", text) and len(text.strip()) <= 1


def _add(segments: list[Segment], kind: str, text: str) -> None:
    if not text:
        return
    if segments and segments[-1].kind == kind:
        segments[-1] = Segment(kind, segments[-1].text + text)
    else:
        segments.append(Segment(kind, text))


def _folded(body: Sequence[Paragraph], context: int) -> tuple[Paragraph, ...]:
    """Unchanged stretches said in one SKIPPED paragraph ("4 unchanged paragraphs"), a few kept
    beside each change. A body with no change is left whole."""
    if all(paragraph.kind == SAME for paragraph in body):
        return tuple(body)
    near: set[int] = set()
    for index, paragraph in enumerate(body):
        if paragraph.kind != SAME:
            near.update(range(index - context, index + context + 1))
    out: list[Paragraph] = []
    hidden: list[Paragraph] = []
    for index, paragraph in enumerate(body):
        if paragraph.kind == SAME and index not in near:
            hidden.append(paragraph)
            continue
        out.extend(_fold(hidden))
        hidden = []
        out.append(paragraph)
    out.extend(_fold(hidden))
    return tuple(out)


def _fold(hidden: list[Paragraph]) -> list[Paragraph]:
    """Unchanged paragraphs said in one line; a single one is shown (saying it takes as much room)."""
    return hidden if len(hidden) < 2 else [_skipped(len(hidden))]


def _skipped(count: int) -> Paragraph:
    return Paragraph(SKIPPED, (Segment(SKIPPED, f"… {count} unchanged paragraphs …"),))
