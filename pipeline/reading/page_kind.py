"""Is the page an article at all? Index, shop, agenda and login pages told from news stories and documents.

A page that is no article (a list of teasers, a category page, an agenda, a shop's terms, a login form)
must not become a news story with a date taken from one of its items. Whether it is one is learnt from
the labelled corpus, as each line's role is: ``kind_features`` describes the whole page by what its
text says (``page_text_features``: short lines, prices, shop, login and agenda words, teasers of a
headline-like line over one paragraph and "lees meer", dates, repeated lines and line shapes, whether
it stays on one subject, how long its longest run of prose is, how much of it repeats one pattern) and by
its words (``page_words``: the weights of the terms it holds, words, pairs and lines' own terms, by a
vocabulary learnt from the corpus, which the model's file carries). A forest trained on those rows
(``benchmarks/train_page_kind.py``, which rebuilds ``page_kind.json`` byte for byte from the second corpus, t-*
to zu-*, and the project's own made-up pages in ``benchmarks/own-pages``) gives the share of its votes for "not
an article"; a page is judged no article only when that share reaches the file's threshold, set leave-sites-out so
that at most 0.4% of the corpus's articles and documents were marked: an article marked as none is worse than an
index page missed, so most such pages are not marked (about one in seven is). Every page ingest reads is
judged, so the walk over the trees (held in flat arrays: ``trees``) stops once the verdict is settled. Where the
source gives the page's address, ``page_address`` turns the verdict (an index's address marks from a lower share, a
story's never).
"""
from __future__ import annotations

import contextlib
import contextvars
import functools
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.reading.line_model import LineModelError, json_data, shipped_text, trained_for, weighed_most
from pipeline.reading.lines import KindVerdict
from pipeline.reading.page_address import judged_with_address
from pipeline.reading.page_text_features import all_features, page_lines
from pipeline.reading.page_words import (
    WORD_FEATURES,
    first_words,
    has_line_terms,
    terms_in,
    vocabulary,
    word_features,
)
from pipeline.reading.trees import ClassForest, class_forest

FORMAT = 3
MODEL_FILE = "page_kind.json"
TEXT_FEATURES: tuple[str, ...] = tuple(all_features(""))
KIND_FEATURES: tuple[str, ...] = TEXT_FEATURES + WORD_FEATURES


def text_features(text: str) -> list[float]:
    """The page's row of ``TEXT_FEATURES``: what its text's lines say, by no vocabulary."""
    return list(all_features(text).values())


def kind_features(text: str, words: Mapping[str, float] | None = None) -> list[float]:
    """The page's row of ``KIND_FEATURES``: what its text says, its words weighed by ``words`` (by default the
    vocabulary of the model that judges: ``judge``'s). Only its text: the page kind model does not move when the
    line model is retrained, and is rebuilt apart from it."""
    if words is None:
        model = _CHOSEN.get() or shipped()
        words, firsts, whole = model.words, model.firsts, model.whole
    else:
        firsts, whole = first_words(words), has_line_terms(words)
    lines = page_lines(text)
    return [*all_features(text, lines).values(),
            *word_features(terms_in((line.lowered_words for line in lines), words, firsts, whole), words)]


_MARGIN = 1e-6  # far above the rounding of a sum of a few hundred shares: near the threshold, every tree is asked


@dataclass(frozen=True)
class PageKindModel:
    features: tuple[str, ...]
    forest: ClassForest = field(compare=False)  # its trees, in flat arrays (``trees``)
    threshold: float  # the share of votes for "no article" from which a page is judged none
    trained_on: str
    words: Mapping[str, float] = field(default_factory=dict, compare=False, repr=False)  # ``page_words``
    # the share from which a page read as an article is in doubt (``page_kind: maybe-not-article``, a warning):
    # at most the threshold; the threshold itself when the file sets none
    doubt: float = 1.0
    # per node: its share of "no article" (what a leaf adds to the votes)
    votes: array[float] = field(init=False, compare=False, repr=False)
    # per tree, the most and the least the trees after it can still add (for ``marks``)
    still: tuple[tuple[float, float], ...] = field(init=False, compare=False, repr=False)
    firsts: frozenset[str] = field(init=False, compare=False, repr=False)  # ``page_words.first_words``
    whole: bool = field(init=False, compare=False, repr=False)  # ``page_words.has_line_terms``

    def __post_init__(self) -> None:
        object.__setattr__(self, "firsts", first_words(self.words))
        object.__setattr__(self, "whole", has_line_terms(self.words))
        forest = self.forest
        object.__setattr__(self, "votes", array("d", (forest.share(node, 1) for node in range(len(forest.feature)))))
        most, least, still = 0.0, 0.0, []
        for tree in reversed(range(len(forest.roots))):
            still.append((most, least))
            leaves = [self.votes[node] for node in forest.nodes(tree) if forest.feature[node] < 0]
            most, least = most + max(leaves), least + min(leaves)
        object.__setattr__(self, "still", tuple(reversed(still)))

    def not_article_share(self, row: Sequence[float]) -> float:
        forest, votes = self.forest, self.votes  # ``Forest.leaf``, inlined: a page asks every tree
        feature, threshold, left, right = forest.feature, forest.threshold, forest.left, forest.right
        total = 0.0
        for node in forest.roots:
            while (split := feature[node]) >= 0:
                node = left[node] if row[split] <= threshold[node] else right[node]
            total += votes[node]
        return total / len(forest.roots)

    def marks(self, row: Sequence[float]) -> bool:
        """Whether ``not_article_share`` reaches the threshold (the page is judged no article)."""
        return self.reaches(row, self.threshold)

    def reaches(self, row: Sequence[float], level: float) -> bool:
        """Whether ``not_article_share`` reaches ``level``, the same answer, but the walk stops once the
        trees left could not change it (a plain article is settled after about half of them)."""
        forest, votes = self.forest, self.votes
        feature, threshold, left, right = forest.feature, forest.threshold, forest.left, forest.right
        needed = level * len(forest.roots)
        total = 0.0
        for node, (most, least) in zip(forest.roots, self.still, strict=True):
            while (split := feature[node]) >= 0:
                node = left[node] if row[split] <= threshold[node] else right[node]
            total += votes[node]
            if total + most < needed - _MARGIN:
                return False
            if total + least > needed + _MARGIN:
                return True
        return total / len(forest.roots) >= level

    def explain(self, row: Sequence[float], most: int = 3) -> list[tuple[str, float, float]]:
        """The features that weighed most toward "no article": (name, the page's value, what it added)."""
        return weighed_most(self.forest, self.features, row, 1, most)


def from_data(data: Any, where: str = "page kind model") -> PageKindModel:
    """The model from its JSON form, every part checked: a damaged file is one clear error."""
    try:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"not format {FORMAT}")
        features = tuple(str(name) for name in data["features"])
        threshold = float(data["threshold"])
        if not 0.0 < threshold <= 1.0:
            raise ValueError("a threshold outside 0..1")
        doubt = float(data.get("doubt", threshold))
        if not 0.0 < doubt <= threshold:
            raise ValueError("a doubt outside 0..threshold")
        forest = class_forest(data["trees"], len(features), 2)
        words = vocabulary(data["words"])
        return PageKindModel(features, forest, threshold, str(data.get("trained_on", "")), words, doubt)
    except (KeyError, TypeError, ValueError, IndexError) as error:
        raise LineModelError(f"{where}: not a usable page kind model ({error})") from None


@functools.lru_cache(maxsize=1)
def shipped() -> PageKindModel:
    """The model in the package, read once."""
    where = f"pipeline/reading/{MODEL_FILE}"
    model = from_data(json_data(shipped_text(MODEL_FILE), where), where)
    trained_for(model.features, KIND_FEATURES, where, "benchmarks/train_page_kind.py")
    return model


@dataclass(frozen=True)
class KindJudgement:
    not_article: bool
    model: PageKindModel
    row: tuple[float, ...]
    doubtful: bool = False  # not marked, but the share reaches the model's doubt

    @property
    def share(self) -> float:
        """Of the forest's votes, the share for "no article" (every tree asked: only the evidence needs it)."""
        return self.model.not_article_share(self.row)

    def _doubted_from(self) -> str:
        doubt = self.model.doubt
        return f", in doubt from {doubt:.2f}" if doubt < self.model.threshold else ""

    def explained(self) -> str:
        """The verdict, the share of votes and the features that weighed most, for the draft's evidence."""
        verdict = "not an article" if self.not_article else "an article, in doubt" if self.doubtful else "an article"
        weighed = ", ".join(f"{name}={value:.3g} ({weight:+.2f})"
                            for name, value, weight in self.model.explain(self.row))
        return (f"{verdict}: {self.share:.2f} of the page kind model's votes for not an article "
                f"(marked from {self.model.threshold:.2f}{self._doubted_from()})"
                + (f"; weighed most: {weighed}" if weighed else ""))


_CHOSEN: contextvars.ContextVar[PageKindModel | None] = contextvars.ContextVar("page_kind_model", default=None)


def judge(row: Sequence[float], address: str = "") -> KindVerdict:
    """Whether the page whose ``kind_features`` are ``row`` is no article; at ``address`` (its source's URL, or
    ""), the verdict turned by an index's or a story's address (``page_address``)."""
    model = _CHOSEN.get() or shipped()
    marked = model.marks(row)
    doubtful = not marked and model.doubt < model.threshold and model.reaches(row, model.doubt)
    return judged_with_address(KindJudgement(marked, model, tuple(row), doubtful), address)


@contextlib.contextmanager
def using(model: PageKindModel | None) -> Iterator[None]:
    """Judge with another model for a while (the benchmark's leave-sites-out folds)."""
    token = _CHOSEN.set(model)
    try:
        yield
    finally:
        _CHOSEN.reset(token)
