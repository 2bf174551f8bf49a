"""Canonical front matter: what editors typed by hand, in the house form. Pure functions.

``normalise_article`` returns the article in canonical form and the list of fields it changed;
it is idempotent, and a no-op on an article that is already canonical.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from pipeline.article import Article, order_keys
from pipeline.config import Config


@dataclass(frozen=True)
class NormaliseResult:
    article: Article
    changes: list[str] = field(default_factory=list)  # dotted field names that changed


def normalise_article(article: Article, config: Config) -> NormaliseResult:
    changes: list[str] = []
    meta = order_keys(article.meta)
    if list(meta) != list(article.meta):
        changes.append("key order")
    return NormaliseResult(replace(article, meta=meta), changes)
