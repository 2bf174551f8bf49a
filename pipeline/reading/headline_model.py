"""The learnt choice of a page's headline among its first lines.

The line model (``line_model``) takes each line for a role by itself and its neighbours; it tells a
headline from a site's tagline, a menu line or a photo's alt text only weakly, since all of them are
short lines above the text. This second model looks at the first ``WINDOW`` lines of a page only and
scores each as the headline, from the line's own features (``line_features``) and what it has relative
to the page: how many of its words the first paragraphs under it repeat (a headline's do, a tagline's
seldom), how many the rest of the page and all the text below it repeat, how far the text below it
begins, whether a date line or a byline follows it, its length and casing against the other short lines
at the top of the page, and whether it stands inside a longer one of them (a site's or a sender's name
above the headline that names it).

It is an ensemble of regression trees trained with the line model (``benchmarks/train_reader.py``) and
shipped in the same data file, held in flat arrays (``trees``) and run here in plain Python: the prior plus
each tree's leaf, squashed to a probability. Its ``form`` says how the trees were learnt: 1, gradient boosting
of each line alone (the log-odds of a headline); 2, LambdaRank, each page's first lines ranked against each
other, the ranker's score made the log-odds of a headline by a logistic fit on held-out pages (the fit's
scale folded into each leaf, its offset the prior). Both read the same way.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.reading.lines import Kind, PageLine, stop_words
from pipeline.reading.trees import RegressionForest, nested, regression_forest

WINDOW = 12  # the lines a headline is looked for in, from the top of the page (as the labels have it)
BELOW = 3  # paragraphs under a line whose words a headline's words are looked for in
FEATURES = ("words shared with the text below", "words shared with the page", "content words",
            "content words in the text below", "lines to the text below", "date or byline under it",
            "length rank among short lines", "length against the longest short line",
            "capitalised share against the short lines", "index", "rules left it text",
            "words shared with all the text below", "part of a longer line at the top")

FORM = 2  # how the trees were learnt (see above); a file of another form is refused
FORMS = (1, 2)

_TOKEN = re.compile(r"[^\W\d_]{3,}|\d{2,}")


def content_words(text: str) -> frozenset[str]:
    """A line's words that say something (three letters or more, or a number; no stop words), the first forty."""
    stops = stop_words()
    found = (match.group().lower() for match in itertools.islice(_TOKEN.finditer(text[:400]), 40))
    return frozenset(word for word in found if word not in stops)


def headline_rows(lines: list[PageLine], rows: Sequence[Sequence[float]], prose: Sequence[bool],
                  words_at: int, capitalised_at: int) -> list[list[float]]:
    """For each of the first ``WINDOW`` lines: its line-model features (``rows``) and ``FEATURES``.
    ``prose`` says which lines are prose; ``words_at`` and ``capitalised_at`` are where the word count
    and the capitalised share stand in a row."""
    count = min(WINDOW, len(lines))
    if not count:
        return []
    words = [content_words(line.text) for line in lines]
    # in how many lines each word stands: a page's words, each counted once a line (never a search per line)
    spread = Counter(word for found in words for word in found)
    text_lines = [index for index, line in enumerate(lines) if prose[index] and line.kind == Kind.TEXT]
    short = [index for index in range(count) if not prose[index]]
    lengths = sorted((rows[index][words_at] for index in short), reverse=True)
    capitalised = sum(rows[index][capitalised_at] for index in short) / len(short) if short else 0.0
    # the words of the text below the first lines, each counted once a line; a line of the first ones adds
    # its own for the lines above it
    text_below = Counter(word for at in text_lines if at >= count for word in words[at])
    text_at_top = [at for at in text_lines if at < count]
    # a line's text as it may stand inside another of the first lines (their starts only: a bound on the work)
    keys = [" ".join(lines[index].text[:400].lower().split()) for index in range(count)]
    out = []
    for index in range(count):
        own = words[index]
        below_at = [at for at in text_lines if at > index][:BELOW]
        below = frozenset().union(*(words[at] for at in below_at)) if below_at else frozenset()
        shared = len(own & below)
        later = frozenset().union(*(words[at] for at in text_at_top if at > index))
        in_text = sum(1 for word in own if word in later or text_below[word])
        key = keys[index]
        # "Universiteit Leiden" above "Deze verhalen van de Universiteit Leiden ...": a site's or a sender's name
        inside = not prose[index] and bool(key) and any(key in other and key != other for other in keys)
        rank = lengths.index(rows[index][words_at]) if not prose[index] else -1
        out.append([
            *rows[index],
            shared / len(own) if own else 0.0,
            sum(1 for word in own if spread[word] > 1) / len(own) if own else 0.0,
            float(len(own)), float(min(shared, 10)),
            float(below_at[0] - index if below_at else 20),
            float(any(line.kind in (Kind.DATE_LINE, Kind.BYLINE) for line in lines[index + 1:index + 4])),
            float(rank),
            rows[index][words_at] / lengths[0] if lengths and lengths[0] else 0.0,
            rows[index][capitalised_at] - capitalised,
            float(index), float(lines[index].kind == Kind.TEXT),
            in_text / len(own) if own else 0.0, float(inside),
        ])
    return out


@dataclass(frozen=True)
class HeadlineModel:
    features: int  # how many values of a row it was trained on (its first ones)
    prior: float  # the log-odds of a line being the headline, before any tree
    forest: RegressionForest = field(compare=False)  # its trees, in flat arrays (``trees``)
    # each tree as nested tuples whose leaves hold their value (``trees.nested``)
    roots: tuple[tuple[Any, ...], ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        value = self.forest.value
        object.__setattr__(self, "roots", nested(self.forest, lambda node: value[node]))

    def probability(self, row: Sequence[float]) -> float:
        odds = self.prior
        for root in self.roots:  # ``Forest.leaf`` over the nested tree, inlined: a page asks hundreds of trees a line
            feature, threshold, low, high = root
            while feature >= 0:
                feature, threshold, low, high = low if row[feature] <= threshold else high
            odds += low  # at a leaf: its value
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, odds))))


def parse(data: Any, features: int) -> HeadlineModel:
    """The model from its JSON form (``line_model.json``'s "headline"); ValueError and its kin when damaged.
    New headline features are only ever appended to ``FEATURES``: a model trained before the last ones
    were added reads the first values of today's rows, as it was trained on."""
    if not isinstance(data, dict) or not features - len(FEATURES) < int(data["features"]) <= features:
        raise ValueError("the headline model was trained on other features")
    form = data.get("form", 1)
    if type(form) is not int or form not in FORMS:
        raise ValueError(f"the headline model is of form {form!r}, not one of {FORMS}")
    features = int(data["features"])
    forest = regression_forest(data["trees"], features)
    prior = float(data["prior"])
    if not forest.roots or not math.isfinite(prior):
        raise ValueError("no headline trees")
    return HeadlineModel(features, prior, forest)
