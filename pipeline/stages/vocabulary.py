"""`pipeline vocabulary suggest`: what the drafts talk about that the vocabulary does not know yet.

Two kinds of suggestion, counted by the number of drafts that have them (a word said ten times in one
article is one article's word): tags the drafts carry that are no tag of the vocabulary (a source's or
an editor's), and frequent words and two-word names of the drafts' titles and text that no tag or
section finds. Stop words, numbers and words of three letters or fewer are never suggested.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.model.article import parse_article
from pipeline.model.config import Config, Term
from pipeline.model.errors import ArticleError
from pipeline.reading.extract import count_terms
from pipeline.reading.lines import stop_words

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W\d_]")
_MIN_LETTERS = 4
# A word in most of many drafts ("jaar", "mensen") is how the newsroom writes, not what a story is about.
_COMMON_SHARE = 0.6
_COMMON_AFTER = 10
# A capitalised pair inside a sentence ("Tweede Kamer", "Rode Kruis") is a name worth a tag more
# often than any single word of it.
_NAME_PAIR = re.compile(r"(?<=[a-zà-ÿ,;] )([A-ZÀ-Þ][a-zà-ÿ]+ [A-ZÀ-Þ][a-zà-ÿ]+)")


@dataclass(frozen=True)
class Suggestion:
    term: str
    drafts: int  # how many drafts have it
    kind: str  # "tag in drafts" or "word in text"
    example: str  # one draft that has it


def _known(term: str, terms: Iterable[Term]) -> bool:
    return bool(count_terms(term, terms))


def suggest_terms(drafts: Iterable[tuple[str, str]], config: Config, least: int = 2,
                  limit: int = 30) -> list[Suggestion]:
    """Suggestions from (name, text) of each draft: most drafts first, then alphabetical."""
    stops = stop_words()
    vocabulary = (*config.tags, *config.sections)
    tag_names = set(config.tag_names())
    tags: Counter[str] = Counter()
    words: Counter[str] = Counter()
    example: dict[str, str] = {}
    read = 0
    for name, text in drafts:
        read += 1
        try:
            article = parse_article(text, name)
        except ArticleError:
            continue
        given = article.meta.get("tags")
        for tag in {str(tag).strip().lower() for tag in given if isinstance(tag, str | int)} if isinstance(
                given, list) else set():
            if tag and tag not in tag_names:
                tags[tag] += 1
                example.setdefault(f"tag:{tag}", name)
        prose = f"{article.meta.get('title') or ''}. {article.body}"
        found = {word.lower() for word in _WORD.findall(prose)
                 if len(word) >= _MIN_LETTERS and word.lower() not in stops}
        found |= {pair.lower() for pair in _NAME_PAIR.findall(prose)}
        for word in found:
            words[word] += 1
            example.setdefault(f"word:{word}", name)
    suggestions = [Suggestion(tag, count, "tag in drafts", example[f"tag:{tag}"])
                   for tag, count in tags.items() if count >= least and not _known(tag, vocabulary)]
    suggested = {s.term for s in suggestions}
    suggestions += [Suggestion(word, count, "word in text", example[f"word:{word}"])
                    for word, count in words.items()
                    if count >= least and word not in suggested and not _known(word, vocabulary)
                    and not (read >= _COMMON_AFTER and count > _COMMON_SHARE * read)]
    suggestions.sort(key=lambda s: (-s.drafts, s.kind != "tag in drafts", s.term))
    return suggestions[:limit]
