"""An article's two forms: as a draft (``draft: true`` plus the pipeline's own keys) and as published."""

from __future__ import annotations

from typing import Any

from pipeline.model.article import PIPELINE_KEYS, Article, order_keys
from pipeline.model.config import Config


def published_form(article: Article, config: Config) -> tuple[Article, dict[str, Any]]:
    """The article as it would be published: draft false, the pipeline's own keys dropped except
    those the config keeps (and a date's precision, on a site that publishes month dates). Also
    returns what was dropped, so unpublish can put it back."""
    meta, dropped = published_meta(article, config)
    return article.with_meta(order_keys(meta)), dropped


def published_meta(article: Article, config: Config) -> tuple[dict[str, Any], dict[str, Any]]:
    """The keys and values of the article as published, in the draft's order (``published_form`` puts them in the
    house's), and what was dropped: every value the draft's own object but ``draft``, a ``credit`` from the source
    and the keys dropped. What looks each key up by its name (the field rules) needs no more."""
    kept = (*config.published_keys, "date_precision") if config.month_dates else config.published_keys
    dropped_keys = [key for key in PIPELINE_KEYS if key not in kept]
    dropped = {key: article.meta[key] for key in dropped_keys if key in article.meta}
    meta = {key: value for key, value in article.meta.items() if key not in dropped}
    credit = source_credit(article.meta.get("source"))
    if credit and not meta.get("credit"):
        meta["credit"] = credit  # the author and the agency survive publishing, where `source` does not
    meta["draft"] = False
    return meta, dropped


def source_credit(source: Any) -> str:
    """ "Jan Jansen / ANP" from a draft's provenance (its author and the agency it names), or ""."""
    if not isinstance(source, dict):
        return ""
    parts = [str(source[key]).strip() for key in ("author", "origin") if isinstance(source.get(key), str)]
    return " / ".join(dict.fromkeys(part for part in parts if part))


def draft_form(article: Article, restored: dict[str, Any]) -> Article:
    """A published article made a draft again, with the pipeline's keys it had before put back."""
    meta = dict(article.meta)
    meta["draft"] = True
    for key, value in restored.items():
        meta.setdefault(key, value)
    return article.with_meta(order_keys(meta))
