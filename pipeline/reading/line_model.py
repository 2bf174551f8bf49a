"""The learnt part of the page reader: which role each line of a page plays, from its features.

The model is a small forest of decision trees trained with scikit-learn on a corpus of labelled real
pages (``benchmarks/train_reader.py``, which rebuilds ``line_model.json`` byte for byte) and shipped
as data: a JSON file in this package, loaded once, when a page is first read, and run here in plain
Python (no scikit-learn or numpy at run time). Each tree sends a line's features (``line_features``)
down to a leaf that holds how often each role was seen there; the forest's answer is the mean of its
trees' leaves. ``explain`` says which features weighed most: for each tree, what each split on the
line's path added to the chosen role's share (Saabas's contributions), summed over the trees.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import itertools
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from pipeline.model.errors import PipelineError
from pipeline.reading import headline_model
from pipeline.reading.trees import ClassForest, class_forest, nested

FORMAT = 1
MODEL_FILE = "line_model.json"
BODY = "body"


class LineModelError(PipelineError):
    """The line model's data file is missing or damaged: the package needs reinstalling or retraining."""

    exit_code = 2


@dataclass(frozen=True)
class LineModel:
    features: tuple[str, ...]
    roles: tuple[str, ...]
    forest: ClassForest = field(compare=False)  # its trees, in flat arrays (``trees``)
    trained_on: str
    vocabulary: dict[str, float]  # word -> its share of furniture lines in training (``line_features``)
    headline: headline_model.HeadlineModel | None = None  # which of the first lines is the headline
    # word -> its share of sub-headings among the short lines it stood in, in training (``line_features``)
    heading_words: dict[str, float] = field(default_factory=dict)
    # each tree as nested tuples whose leaves hold their node's number (``trees.nested``)
    roots: tuple[tuple[Any, ...], ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "roots", nested(self.forest, int))

    @classmethod
    def from_data(cls, data: Any, where: str = "line model") -> LineModel:
        """A model from its JSON form, every part checked: a damaged file is one clear error."""
        try:
            return _parse(data)
        except (KeyError, TypeError, ValueError, IndexError) as error:
            raise LineModelError(f"{where}: not a usable line model ({error})") from None

    def probabilities(self, row: Sequence[float]) -> list[float]:
        forest = self.forest
        at, classes, shares = forest.at, forest.classes, forest.shares
        totals = [0.0] * len(self.roles)
        for root in self.roots:  # ``Forest.leaf`` over the nested tree, inlined: every line asks every tree
            feature, threshold, low, high = root
            while feature >= 0:
                feature, threshold, low, high = low if row[feature] <= threshold else high
            for entry in range(at[low], at[low + 1]):  # at a leaf (``low``, its node): its sparse shares
                totals[classes[entry]] += shares[entry]
        count = len(forest.roots)
        return [total / count for total in totals]

    def role(self, row: Sequence[float]) -> tuple[str, float, list[float]]:
        """The most likely role of a line, its share, and every role's share (in ``roles`` order)."""
        shares = self.probabilities(row)
        best = max(range(len(shares)), key=lambda index: (shares[index], -index))
        return self.roles[best], shares[best], shares

    def explain(self, row: Sequence[float], role: str, most: int = 3) -> list[tuple[str, float, float]]:
        """The features that weighed most for ``role``: (name, the line's value, what its splits added
        to the role's share), largest first."""
        return weighed_most(self.forest, self.features, row, self.roles.index(role), most)


def weighed_most(forest: ClassForest, features: Sequence[str], row: Sequence[float], at: int,
                 most: int = 3) -> list[tuple[str, float, float]]:
    """The features whose splits added most to class ``at``'s share along the row's path through each tree
    (the line model's roles, the page kind model's "no article"): (name, the row's value, what they added)."""
    weights: dict[int, float] = {}
    count = len(forest.roots)
    for tree in range(count):
        nodes = forest.path(tree, row)
        for parent, child in itertools.pairwise(nodes):
            gain = forest.share(child, at) - forest.share(parent, at)
            split = forest.feature[parent]
            weights[split] = weights.get(split, 0.0) + gain / count
    ranked = sorted(weights.items(), key=lambda item: (-item[1], item[0]))
    return [(features[index], row[index], weight) for index, weight in ranked[:most] if weight > 0]


def _parse(data: Any) -> LineModel:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"format {data.get('format') if isinstance(data, dict) else None!r}, wanted {FORMAT}")
    features = tuple(str(name) for name in data["features"])
    roles = tuple(str(name) for name in data["roles"])
    if BODY not in roles or not features:
        raise ValueError("no features, or no body role")
    forest = class_forest(data["trees"], len(features), len(roles))
    vocabulary = {str(word): float(share) for word, share in dict(data.get("vocabulary", {})).items()}
    heading_words = {str(word): float(share) for word, share in dict(data.get("heading_words", {})).items()}
    if not all(0.0 <= share <= 1.0 for share in (*vocabulary.values(), *heading_words.values())):
        raise ValueError("a word's share outside 0..1")
    headline = headline_model.parse(data["headline"], len(features) + len(headline_model.FEATURES)) \
        if "headline" in data else None
    return LineModel(features, roles, forest, str(data.get("trained_on", "")), vocabulary, headline, heading_words)


@functools.lru_cache(maxsize=1)
def shipped() -> LineModel:
    """The model in the package, read once."""
    return _read_shipped()


def _read_shipped() -> LineModel:
    from pipeline.reading.line_features import FEATURES

    return load(shipped_text(MODEL_FILE), f"pipeline/reading/{MODEL_FILE}", FEATURES)


def load(text: str, where: str, features: tuple[str, ...]) -> LineModel:
    """A model from the text of its file, for a reader that computes these features."""
    model = LineModel.from_data(json_data(text, where), where)
    trained_for(model.features, features, where, "benchmarks/train_reader.py")
    return model


# What every model file of the reader goes through (this one, with the headline model in it, and the
# page kind model's): read from the package, parsed as JSON, held to the features the reader computes.
# Each step that fails is one LineModelError naming the file.

def shipped_text(file_name: str) -> str:
    """The text of one of the package's model files."""
    try:
        return package_text(file_name)
    except (OSError, ValueError) as error:
        raise LineModelError(f"pipeline/reading/{file_name}: cannot be read ({error})") from None


def package_text(file_name: str) -> str:
    return resources.files("pipeline.reading").joinpath(file_name).read_text(encoding="utf-8")


def json_data(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as error:
        raise LineModelError(f"{where}: not JSON ({error})") from None


def trained_for(trained: tuple[str, ...], computed: tuple[str, ...], where: str, script: str) -> None:
    """A model trained on other features than the reader computes would read every row wrongly."""
    if trained != computed:
        raise LineModelError(f"{where}: trained on other features than the reader computes; retrain it with {script}")


# What the model decides when a page is read: which lines are furniture, which is the headline,
# which are sub-headings. The benchmark measures each against the exact rules alone.
DECISIONS = frozenset({"furniture", "headline", "headings"})
_CHOSEN: contextvars.ContextVar[LineModel | None] = contextvars.ContextVar("line_model", default=None)
_DECIDES: contextvars.ContextVar[frozenset[str]] = contextvars.ContextVar("line_model_decides", default=DECISIONS)


def current() -> LineModel:
    return _CHOSEN.get() or shipped()


def decides() -> frozenset[str]:
    return _DECIDES.get()


@contextlib.contextmanager
def using(model: LineModel | None = None, decisions: frozenset[str] = DECISIONS) -> Iterator[None]:
    """Read with another model, or with the model deciding less, for a while (the benchmark's
    leave-sites-out folds and its comparisons with the rules alone)."""
    token = _CHOSEN.set(model)
    decided = _DECIDES.set(decisions)
    try:
        yield
    finally:
        _DECIDES.reset(decided)
        _CHOSEN.reset(token)
