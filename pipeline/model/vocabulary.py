"""The controlled vocabulary: the canonical spelling of tags, sections and audiences."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pipeline.model.config import Config, Term
from pipeline.model.evidence import Found


def canonical_term(value: str, terms: Iterable[Term], synonyms: bool = True) -> str | None:
    """The vocabulary's spelling of a value typed by a person or a source (by its synonyms too), or None."""
    probe = " ".join(value.strip().lower().split())
    for term in terms:
        if probe == term.name.lower() or (synonyms and probe in term.synonyms):
            return term.name
    return None


def tags_given(given: Any, config: Config, synonyms: bool = True) -> Found:
    """Tags the source gives, in the vocabulary's spelling: trimmed, lower-case, each once, in order.
    The same canonical form ``normalise`` gives, so normalising an ingested draft changes nothing.
    Without `synonyms`, a tag is left as it is unless it is a vocabulary name in other letters."""
    values = given if isinstance(given, list) else str(given).split(",")
    tags: list[str] = []
    for value in values:
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            continue
        text = " ".join(str(value).split()).lower()
        tag = canonical_term(text, config.tags, synonyms) or text
        if tag and tag not in tags:
            tags.append(tag)
    return Found(tags, "tags given by the source", ", ".join(str(v) for v in values)[:120])
