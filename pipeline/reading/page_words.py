"""The words of a page as evidence of its kind: a vocabulary learnt from the labelled corpus.

Each page's terms are its words and its pairs of adjacent words ("lees meer", "alle vacatures"), and each line's
own terms (a short line whole, the last two words of a longer one: ``line_terms``), lowered, line by line, in its
first ``MAX_CHARS`` (as ``page_text_features`` reads it). ``benchmarks/train_page_kind.py`` learns a
vocabulary from the corpus's labelled kinds: the terms found on pages of at least a few sites, the ones that tell
a page that is no article from an article best by information gain, each weighed by its log-odds of presence
(naive Bayes; 200 terms of either leaning). The page kind model carries it in its file (``words``: term ->
weight) and ``word_features`` gives its forest three more features: the sum of the weights of the terms the page
holds, and how many of them lean toward "no article" and how many toward "article". The sum is exact
(``math.fsum``), so it does not depend on the order in which a set is walked.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Mapping

from pipeline.reading.page_text_features import MAX_CHARS

WORD_FEATURES: tuple[str, ...] = ("words_score", "words_for", "words_against")
_WORD = re.compile(r"[^\W\d_]+")
# A term of the vocabulary is at most two words or a short line; longer keys in a model file are damage, refused on
# loading (and a line's own term longer than this is never made).
MAX_TERM_CHARS = 200


# A line's own terms, apart from its words and pairs (no word holds these marks): a short line whole ("= lees
# meer", "= inloggen"), and the last two words of a longer line ("> lees verder", "> read more"), the links and
# labels a list of teasers or a site's furniture repeats.
LINE_MARK = "= "
END_MARK = "> "
SHORT_LINE = 4


def line_terms(words: list[str]) -> list[str]:
    """The terms a line gives as a whole (``LINE_MARK``, ``END_MARK``), from its words of letters, lowered."""
    terms = []
    if 1 <= len(words) <= SHORT_LINE:
        terms.append(LINE_MARK + " ".join(words))
    if len(words) >= 3:
        terms.append(END_MARK + " ".join(words[-2:]))
    return [term for term in terms if len(term) <= MAX_TERM_CHARS]


def page_terms(text: str) -> frozenset[str]:
    """The page's words, pairs of adjacent words (within a line) and lines' own terms (``line_terms``), lowered,
    in its first ``MAX_CHARS``."""
    terms: set[str] = set()
    for line in text[:MAX_CHARS].lower().split("\n"):
        words = _WORD.findall(line)
        terms.update(words)
        terms.update(f"{first} {second}" for first, second in itertools.pairwise(words))
        terms.update(line_terms(words))
    return frozenset(terms)


def first_words(words: Mapping[str, float]) -> frozenset[str]:
    """The first words of the vocabulary's pairs: ``terms_in`` makes a pair only where a line's word is one."""
    return frozenset(term.split(" ")[0] for term in words
                     if " " in term and not term.startswith((LINE_MARK, END_MARK)))


def has_line_terms(words: Mapping[str, float]) -> bool:
    """Whether the vocabulary holds any of ``line_terms``' terms (if not, ``terms_in`` makes none)."""
    return any(term.startswith((LINE_MARK, END_MARK)) for term in words)


def terms_in(lines: Iterable[list[str]], words: Mapping[str, float], firsts: frozenset[str],
             whole: bool = True) -> frozenset[str]:
    """The page's terms that are in the vocabulary: ``page_terms(text) & words.keys()``, found without making
    every pair of words (``firsts``: ``first_words(words)``; ``whole``: ``has_line_terms(words)``, else no line's
    own terms are made); what ingest asks of every page. ``lines``: each line's words of letters, lowered, as
    ``page_text_features`` found them already (``lowered_words``)."""
    found: set[str] = set()
    for tokens in lines:
        found.update(token for token in tokens if token in words)
        found.update(pair for first, second in itertools.pairwise(tokens)
                     if first in firsts and (pair := f"{first} {second}") in words)
        if whole:
            found.update(term for term in line_terms(tokens) if term in words)
    return frozenset(found)


def word_features(terms: frozenset[str], words: Mapping[str, float]) -> list[float]:
    """``WORD_FEATURES`` of a page's terms by a vocabulary: the sum of their weights, and the number of the
    page's terms that lean toward "no article" and toward "article" (each as log(1 + n))."""
    found = [words[term] for term in terms if term in words]
    return [math.fsum(found), math.log1p(sum(weight > 0 for weight in found)),
            math.log1p(sum(weight < 0 for weight in found))]


def vocabulary(data: object) -> dict[str, float]:
    """A model file's vocabulary, checked: a mapping of non-empty terms to finite weights (ValueError if not)."""
    if not isinstance(data, dict):
        raise ValueError("a vocabulary that is no mapping of term to weight")
    out: dict[str, float] = {}
    for term, weight in data.items():
        if not isinstance(term, str) or not term.strip() or len(term) > MAX_TERM_CHARS or term != term.lower():
            raise ValueError(f"a vocabulary term that no page can hold: {str(term)[:40]!r}")
        if isinstance(weight, bool) or not isinstance(weight, int | float) or not math.isfinite(weight):
            raise ValueError(f"a vocabulary weight that is no finite number: {term!r}")
        out[term] = float(weight)
    return out
