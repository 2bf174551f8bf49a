"""An article's two forms: as a draft (``draft: true`` plus the pipeline's own keys) and as published."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pipeline.model.article import PIPELINE_KEYS, Article, order_keys
from pipeline.model.config import Config


def published_form(article: Article, config: Config) -> tuple[Article, dict[str, Any]]:
    """The article as it would be published: draft false, the pipeline's own keys dropped except
    those the config keeps. Also returns what was dropped, so unpublish can put it back."""
    dropped_keys = [key for key in PIPELINE_KEYS if key not in config.published_keys]
    dropped = {key: article.meta[key] for key in dropped_keys if key in article.meta}
    meta = {key: value for key, value in article.meta.items() if key not in dropped}
    meta["draft"] = False
    return replace(article, meta=order_keys(meta)), dropped


def draft_form(article: Article, restored: dict[str, Any]) -> Article:
    """A published article made a draft again, with the pipeline's keys it had before put back."""
    meta = dict(article.meta)
    meta["draft"] = True
    for key, value in restored.items():
        meta.setdefault(key, value)
    return replace(article, meta=order_keys(meta))
