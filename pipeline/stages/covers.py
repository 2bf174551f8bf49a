"""Covers from the photo library: the images whose metadata best matches a draft, and a pick written
into the draft's cover (image, alt, caption with credit) from the image's own metadata.

The match is plain word overlap, weighted by where a word stands: an image's keywords count most,
then its headline, then its caption and alt text; on the draft's side its tags, then its title and
summary, then its body. Words are compared by their first five letters, so "fietsers" meets "fiets".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from pipeline.model.article import Article, parse_article, render_article
from pipeline.model.config import Config
from pipeline.model.errors import EXIT_FAILED, PipelineError
from pipeline.reading.lines import stop_words
from pipeline.store.journal import Action, Journal, entry
from pipeline.store.photos import Library, Photo
from pipeline.store.workspace import Workspace

_WORD = re.compile(r"[^\W\d_]{3,}")
_STEM = 5
_PHOTO_WEIGHTS = {"keywords": 3, "headline": 2, "caption": 1, "alt": 1}
_DRAFT_WEIGHTS = {"tags": 3, "title": 2, "summary": 2, "body": 1}
_BODY_COUNT_MAX = 3  # a word said often in the body counts up to this many times


class CoverError(PipelineError):
    """A cover that cannot be written from the library (no address set, metadata without a caption)."""


class CoverChanged(CoverError):
    exit_code = EXIT_FAILED


@dataclass(frozen=True)
class CoverMatch:
    photo: Photo
    score: int
    words: tuple[str, ...]  # the photo's words the draft shares, as the photo writes them


def _stem(word: str) -> str:
    return word[:_STEM]


def _terms(text: str) -> list[tuple[str, str]]:
    """(stem, word) of each word that is no stop word."""
    stops = stop_words()
    return [(_stem(word), word) for word in (match.lower() for match in _WORD.findall(text)) if word not in stops]


def _draft_weights(article: Article) -> dict[str, int]:
    weights: Counter[str] = Counter()
    tags = article.meta.get("tags")
    parts = {
        "tags": " ".join(str(tag) for tag in tags) if isinstance(tags, list) else "",
        "title": str(article.meta.get("title") or ""),
        "summary": str(article.meta.get("summary") or ""),
    }
    for part, text in parts.items():
        for stem in {stem for stem, _ in _terms(text)}:
            weights[stem] = max(weights[stem], _DRAFT_WEIGHTS[part])
    for stem, count in Counter(stem for stem, _ in _terms(article.body)).items():
        weights[stem] = max(weights[stem], min(count, _BODY_COUNT_MAX) * _DRAFT_WEIGHTS["body"])
    return dict(weights)


def _photo_terms(photo: Photo) -> dict[str, tuple[int, str]]:
    """stem -> (weight, the word as the photo has it); the strongest place a word stands wins."""
    terms: dict[str, tuple[int, str]] = {}
    parts = {"keywords": " ".join(photo.keywords), "headline": photo.headline, "caption": photo.caption,
             "alt": photo.alt}
    for part, text in parts.items():
        for stem, word in _terms(text):
            if terms.get(stem, (0, ""))[0] < _PHOTO_WEIGHTS[part]:
                terms[stem] = (_PHOTO_WEIGHTS[part], word)
    return terms


def rank_photos(article: Article, photos: list[Photo], limit: int) -> list[CoverMatch]:
    """The best matches first (score, then the image's path: the same library gives the same list);
    images sharing no word with the draft are left out."""
    wanted = _draft_weights(article)
    matches = []
    for photo in photos:
        shared = [(stem, weight, word) for stem, (weight, word) in _photo_terms(photo).items() if stem in wanted]
        if not shared:
            continue
        score = sum(weight * wanted[stem] for stem, weight, _ in shared)
        words = tuple(word for _, _, word in sorted(shared, key=lambda item: (-item[1] * wanted[item[0]], item[2])))
        matches.append(CoverMatch(photo, score, words))
    matches.sort(key=lambda match: (-match.score, match.photo.folder, match.photo.rel))
    return matches[:limit]


def cover_of(photo: Photo, config: Config) -> dict[str, str]:
    """cover.image, cover.alt and cover.caption from the image's own metadata."""
    if not config.cover_url:
        raise CoverError("covers.url is not set in pipeline.toml: the address the photo library is served at")
    image = config.cover_url + quote(photo.rel, safe="/")
    alt = photo.alt or photo.headline or photo.caption
    caption = photo.caption or photo.headline
    if photo.credit and photo.credit.casefold() not in caption.casefold():
        caption = f"{caption} Foto: {photo.credit}".strip()
    missing = [name for name, value in (("alt text", alt), ("caption", caption)) if not value]
    if missing:
        raise CoverError(f"{photo.folder}/{photo.rel}: its metadata has no {' and no '.join(missing)}; "
                         "write them into the image (IPTC/XMP) or set cover by hand")
    return {"image": image, "alt": alt, "caption": caption}


def suggest_covers(text: str, rel: str, library: Library, limit: int) -> list[CoverMatch]:
    return rank_photos(parse_article(text, rel), library.photos, limit)


def pick_cover(workspace: Workspace, config: Config, path: Path, text: str, match: CoverMatch,
               moment: datetime, by: str) -> str:
    """Write the cover into the draft (only if it still holds `text`: an editor's save meanwhile wins),
    journal it, and return the new text."""
    rel = workspace.rel(path)
    article = parse_article(text, rel)
    cover = article.meta.get("cover")
    kept = {key: value for key, value in cover.items() if key not in ("image", "alt", "caption")} \
        if isinstance(cover, dict) else {}
    new_text = render_article(article.with_meta({**article.meta, "cover": {**cover_of(match.photo, config),
                                                                           **kept}}))
    if new_text == text:
        return text
    if not workspace.replace_if_unchanged(path, new_text, text.encode("utf-8")):
        raise CoverChanged(f"{rel}: changed while the cover was written; nothing written, try again")
    Journal(workspace).append([entry(moment, Action.COVER_SET, rel, by=by,
                                     source=f"{match.photo.folder}/{match.photo.rel}")])
    return new_text
