"""The reader's forests held in flat arrays (``pipeline.reading.trees``) decide exactly as the model files say.

The reference here reads each model file as the reader read it before its forests were packed: every tree
as its own node lists, every node's shares as a dense list, walked node by node. The packed models must give
the same probabilities, bit for bit, for any row (rows drawn around the models' own thresholds, so that
both sides of every split are taken) and for every row the project's own samples give them; and they must
be small: a worker that reads pages holds all three.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import json
import math
import tracemalloc
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model.config import config_from_mapping
from pipeline.reading import line_model, page_kind
from pipeline.reading.draft import SourceInfo, drafts_from_bytes
from pipeline.reading.headline_model import HeadlineModel
from pipeline.reading.line_model import LineModel, LineModelError
from pipeline.reading.page_kind import PageKindModel
from tests.conftest import REPO

SAMPLES = REPO / "tests" / "samples"


@dataclass
class ReferenceTree:
    feature: list[int]
    threshold: list[float]
    left: list[int]
    right: list[int]
    value: list[Any]  # per node: a dense list of class shares, or a regression leaf's value

    def path(self, row: Sequence[float]) -> list[int]:
        node, nodes = 0, [0]
        while self.feature[node] >= 0:
            node = self.left[node] if row[self.feature[node]] <= self.threshold[node] else self.right[node]
            nodes.append(node)
        return nodes


def reference_trees(raw_trees: list[dict[str, Any]], classes: int | None) -> list[ReferenceTree]:
    trees = []
    for raw in raw_trees:
        if classes is None:
            value: list[Any] = [float(entry) for entry in raw["value"]]
        else:
            value = []
            for entry in raw["value"]:
                shares = [0.0] * classes
                for key, share in entry.items():
                    shares[int(key)] = float(share)
                value.append(shares)
        trees.append(ReferenceTree([int(f) for f in raw["feature"]], [float(t) for t in raw["threshold"]],
                                   [int(n) for n in raw["left"]], [int(n) for n in raw["right"]], value))
    return trees


@cache
def reference(file_name: str) -> dict[str, Any]:
    text = resources.files("pipeline.reading").joinpath(file_name).read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


@cache
def line_trees() -> list[ReferenceTree]:
    data = reference("line_model.json")
    return reference_trees(data["trees"], len(data["roles"]))


@cache
def headline_trees() -> list[ReferenceTree]:
    return reference_trees(reference("line_model.json")["headline"]["trees"], None)


@cache
def kind_trees() -> list[ReferenceTree]:
    return reference_trees(reference("page_kind.json")["trees"], 2)


def reference_probabilities(row: Sequence[float]) -> list[float]:
    trees = line_trees()
    totals = [0.0] * len(reference("line_model.json")["roles"])
    for tree in trees:
        for index, share in enumerate(tree.value[tree.path(row)[-1]]):
            if share:
                totals[index] += share
    return [total / len(trees) for total in totals]


def reference_explained(trees: list[ReferenceTree], features: list[str], row: Sequence[float],
                        at: int) -> list[tuple[str, float, float]]:
    weights: dict[int, float] = {}
    for tree in trees:
        nodes = tree.path(row)
        for parent, child in itertools.pairwise(nodes):
            gain = tree.value[child][at] - tree.value[parent][at]
            weights[tree.feature[parent]] = weights.get(tree.feature[parent], 0.0) + gain / len(trees)
    ranked = sorted(weights.items(), key=lambda item: (-item[1], item[0]))
    return [(features[index], row[index], weight) for index, weight in ranked[:3] if weight > 0]


def reference_headline(row: Sequence[float]) -> float:
    data = reference("line_model.json")["headline"]
    odds = float(data["prior"])
    for tree in headline_trees():
        odds += tree.value[tree.path(row)[-1]]
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, odds))))


def reference_not_article(row: Sequence[float]) -> float:
    trees = kind_trees()
    return sum(tree.value[tree.path(row)[-1]][1] for tree in trees) / len(trees)


def assert_decides_as_the_file(model: LineModel, kinds: PageKindModel, row: list[float], headline_row: list[float],
                               kind_row: list[float], role: str) -> None:
    assert model.probabilities(row) == reference_probabilities(row)
    data = reference("line_model.json")
    assert model.explain(row, role) == reference_explained(line_trees(), data["features"], row,
                                                           data["roles"].index(role))
    assert isinstance(model.headline, HeadlineModel)
    assert model.headline.probability(headline_row) == reference_headline(headline_row)
    share = reference_not_article(kind_row)
    assert kinds.not_article_share(kind_row) == share
    assert kinds.marks(kind_row) == (share >= kinds.threshold)
    kind_data = reference("page_kind.json")
    assert kinds.explain(kind_row) == reference_explained(kind_trees(), kind_data["features"], kind_row, 1)


@cache
def _near_thresholds(file_name: str) -> st.SearchStrategy[float]:
    """A model's own split values, the next float above each, and any other number."""
    data = reference(file_name)
    trees = data["trees"] if "roles" not in data else data["trees"] + data["headline"]["trees"]
    split_at = sorted({float(t) for tree in trees for f, t in zip(tree["feature"], tree["threshold"], strict=True)
                       if f >= 0})
    return st.one_of(st.sampled_from(split_at), st.sampled_from(split_at).map(lambda t: math.nextafter(t, math.inf)),
                     st.floats(min_value=-1e3, max_value=1e6, allow_nan=False), st.sampled_from([0.0, -1.0, 1.0]))


@given(st.data())
@settings(max_examples=80, deadline=None)
def test_the_packed_models_give_the_files_probabilities_for_any_row(data: st.DataObject) -> None:
    model, kinds = line_model.shipped(), page_kind.shipped()
    assert model.headline is not None
    values, kind_values = _near_thresholds("line_model.json"), _near_thresholds("page_kind.json")
    row = data.draw(st.lists(values, min_size=len(model.features), max_size=len(model.features)))
    headline_row = row + data.draw(st.lists(values, min_size=model.headline.features - len(row),
                                            max_size=model.headline.features - len(row)))
    kind_row = data.draw(st.lists(kind_values, min_size=len(kinds.features), max_size=len(kinds.features)))
    assert_decides_as_the_file(model, kinds, row, headline_row, kind_row, data.draw(st.sampled_from(model.roles)))


@contextlib.contextmanager
def rows_asked() -> Iterator[dict[str, list[list[float]]]]:
    """Every row the models are asked about while it lasts."""
    asked: dict[str, list[list[float]]] = {"line": [], "headline": [], "kind": []}
    probabilities, probability, marks = LineModel.probabilities, HeadlineModel.probability, PageKindModel.marks

    def line(self: LineModel, row: Sequence[float]) -> list[float]:
        asked["line"].append(list(row))
        return probabilities(self, row)

    def headline(self: HeadlineModel, row: Sequence[float]) -> float:
        asked["headline"].append(list(row))
        return probability(self, row)

    def kind(self: PageKindModel, row: Sequence[float]) -> bool:
        asked["kind"].append(list(row))
        return marks(self, row)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LineModel, "probabilities", line)
        patch.setattr(HeadlineModel, "probability", headline)
        patch.setattr(PageKindModel, "marks", kind)
        yield asked


def test_the_packed_models_give_the_files_probabilities_on_the_projects_samples() -> None:
    config = config_from_mapping({})
    when = datetime(2026, 2, 14, tzinfo=UTC)
    samples = sorted(path for path in SAMPLES.iterdir() if path.is_file())
    with rows_asked() as asked:
        for sample in samples:
            with contextlib.suppress(Exception):  # a sample of bad input is one clear error: no rows then
                drafts_from_bytes(sample.read_bytes(), SourceInfo(f"raw/{sample.name}", "0" * 64, when, when), config)
    assert len(asked["line"]) > 200 and len(asked["headline"]) > 50 and len(asked["kind"]) > 30, \
        {name: len(rows) for name, rows in asked.items()}
    model, kinds = line_model.shipped(), page_kind.shipped()
    for number, row in enumerate(asked["line"]):
        role = model.roles[number % len(model.roles)]
        headline_row = asked["headline"][number % len(asked["headline"])]
        kind_row = asked["kind"][number % len(asked["kind"])]
        assert_decides_as_the_file(model, kinds, row, headline_row, kind_row, role)


def held_while(read: Any) -> tuple[int, int]:
    """The bytes a freshly read model holds, and the most held while it was read."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = read()
        gc.collect()
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert kept is not None
    return held - before, peak - before


def test_the_models_a_reading_process_holds_are_small() -> None:
    """A worker that reads pages holds both model files: as tuples of Python floats they were 18 and 11 MB."""
    line_held, line_peak = held_while(line_model._read_shipped)
    kind_held, kind_peak = held_while(page_kind.shipped.__wrapped__)
    assert line_held < 7_000_000 and kind_held < 1_500_000, (line_held, kind_held)
    # the file's JSON is let go once packed: what the read costs at most is the JSON itself, about ten times the
    # file's bytes (the line model's file may grow to 2.5 MB, test_line_model's cap: 23.1 MB at 2.36 MB)
    assert line_peak < 25_000_000 and kind_peak < 9_000_000, (line_peak, kind_peak)


def test_a_tree_thousands_of_nodes_deep_is_read_and_walked_without_recursion() -> None:
    """A model file is data: a tree that is one long chain (a damaged or hostile file) is read, not a crash."""
    depth = 20_000
    tree = {"feature": [0] * depth + [-1, -1], "threshold": [0.5] * (depth + 2),
            "left": [node + 1 for node in range(depth)] + [-1, -1], "right": [depth + 1] * depth + [-1, -1],
            "value": [{"0": 1.0}] * depth + [{"0": 0.25, "1": 0.75}, {"0": 1.0}]}
    model = line_model.load(json.dumps({"format": 1, "features": ["a"], "roles": ["body", "furniture"],
                                        "trees": [tree]}), "line_model.json", ("a",))
    assert model.probabilities([0.0]) == [0.25, 0.75]
    assert model.probabilities([1.0]) == [1.0, 0.0]
    assert model.explain([0.0], "furniture") == [("a", 0.0, 0.75)]


@pytest.mark.parametrize("leaf", [-2, -10**30])
def test_any_negative_feature_is_a_leaf_as_it_always_was(leaf: int) -> None:
    tree = {"feature": [0, leaf, -1], "threshold": [0.5, 0, 0], "left": [1, 10**30, -1], "right": [2, -7, -1],
            "value": [{"0": 0.5, "1": 0.5}, {"1": 1.0}, {"0": 1.0}]}
    model = line_model.load(json.dumps({"format": 1, "features": ["a"], "roles": ["body", "furniture"],
                                        "trees": [tree]}), "line_model.json", ("a",))
    assert model.role([0.0])[0] == "furniture" and model.role([1.0])[0] == "body"


@pytest.mark.parametrize(("trees", "says"), [
    ([{"feature": [0, -1, -1], "threshold": [0.5, 0, 0], "left": [1, -1, -1], "right": [2, -1, -1],
       "value": [{}, {"5": 1.0}, {}]}], "list assignment index out of range"),
    ([{"feature": [0, -1, -1], "threshold": [0.5, 0, 0], "left": [1, -1, -1], "right": [2, -1, -1],
       "value": [{}, {}]}], "differ in length"),
    ([{"feature": [0, -1, -1], "threshold": [0.5, 0, 0], "left": [1, -1, -1], "right": [10**30, -1, -1],
       "value": [{}, {}, {}]}], "points outside the tree"),
    ([{"feature": [10**30, -1, -1], "threshold": [0.5, 0, 0], "left": [1, -1, -1], "right": [2, -1, -1],
       "value": [{}, {}, {}]}], "points outside the tree"),
    ([{"feature": [-1], "threshold": [1e400], "left": [-1], "right": [-1], "value": [{}]}], "outside the tree"),
])
def test_a_damaged_forest_is_one_clear_error(trees: list[dict[str, Any]], says: str) -> None:
    with pytest.raises(LineModelError) as raised:
        line_model.load(json.dumps({"format": 1, "features": ["a"], "roles": ["body", "furniture"], "trees": trees}),
                        "pipeline/reading/line_model.json", ("a",))
    assert "pipeline/reading/line_model.json" in str(raised.value) and says in str(raised.value)
