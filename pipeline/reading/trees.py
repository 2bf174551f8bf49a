"""The reader's forests held in flat arrays: the line model's, the headline model's and the page kind model's.

A process that reads pages holds three forests of about 48,000 nodes in all. As Python tuples (a float
object for each threshold and share, a tuple for each node and each leaf's shares) they were 28 MB of
objects in a worker; here a forest is a handful of ``array`` objects of C numbers (2.8 MB for the three).
Every node of the forest has one number: tree after tree, in the order of the file, so a tree's nodes are the numbers
from its root to the next tree's root. A node splits on ``feature[node]`` (-1 at a leaf) and a row goes
to ``left[node]`` when its value is at most ``threshold[node]``, to ``right[node]`` otherwise. A
classifier's node holds the share of each class among its training rows, sparsely (the classes never
seen there left out, in class order): ``classes`` and ``shares`` from ``at[node]`` up to ``at[node + 1]``.
A regression tree's node holds ``value[node]``. The numbers are the file's own, read the same way as
before (``float`` and ``int`` of each JSON value): the compact forest decides exactly as the tuples did.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, eq=False)
class Forest:
    roots: tuple[int, ...]  # each tree's first node
    feature: array[int]  # per node: the feature it splits on, -1 at a leaf
    threshold: array[float]  # go left when the feature is at most this
    left: array[int]
    right: array[int]

    def nodes(self, tree: int) -> range:
        """The numbers of one tree's nodes."""
        end = self.roots[tree + 1] if tree + 1 < len(self.roots) else len(self.feature)
        return range(self.roots[tree], end)

    def leaf(self, tree: int, row: Sequence[float]) -> int:
        node, feature, threshold, left, right = self.roots[tree], self.feature, self.threshold, self.left, self.right
        while (split := feature[node]) >= 0:
            node = left[node] if row[split] <= threshold[node] else right[node]
        return node

    def path(self, tree: int, row: Sequence[float]) -> list[int]:
        """The nodes a row passes through in one tree, its root first and its leaf last."""
        node, feature, threshold, left, right = self.roots[tree], self.feature, self.threshold, self.left, self.right
        nodes = [node]
        while (split := feature[node]) >= 0:
            node = left[node] if row[split] <= threshold[node] else right[node]
            nodes.append(node)
        return nodes


@dataclass(frozen=True, eq=False)
class ClassForest(Forest):
    at: array[int]  # node n's shares are classes[at[n]:at[n + 1]] and shares[at[n]:at[n + 1]]
    classes: array[int]
    shares: array[float]

    def share(self, node: int, of: int) -> float:
        """The share of class ``of`` at a node (0.0 where the class was never seen)."""
        for entry in range(self.at[node], self.at[node + 1]):
            if self.classes[entry] == of:
                return self.shares[entry]
        return 0.0

    def node_shares(self, node: int) -> list[tuple[int, float]]:
        """A node's shares, sparse: (class, share) in class order."""
        return [(self.classes[entry], self.shares[entry]) for entry in range(self.at[node], self.at[node + 1])]


@dataclass(frozen=True, eq=False)
class RegressionForest(Forest):
    value: array[float]  # per node: what its leaf adds


class _Packer:
    """The arrays of a forest, filled one tree at a time."""

    def __init__(self) -> None:
        self.roots: list[int] = []
        self.feature: array[int] = array("i")
        self.threshold: array[float] = array("d")
        self.left: array[int] = array("i")
        self.right: array[int] = array("i")

    def add(self, raw: Any, features: int, number: int, name: str) -> int:
        """One tree's node lists, checked as they always were; returns its first node's number."""
        feature = [int(value) for value in raw["feature"]]
        count = len(feature)
        threshold = [float(value) for value in raw["threshold"]]
        left = [int(value) for value in raw["left"]]
        right = [int(value) for value in raw["right"]]
        if not count or not all(len(part) == count for part in (threshold, left, right)) \
                or len(raw["value"]) != count:
            raise ValueError(f"{name} {number}: its node lists differ in length")
        for node in range(count):
            if feature[node] >= features or (feature[node] >= 0 and not (
                    node < left[node] < count and node < right[node] < count)) or not math.isfinite(threshold[node]):
                raise ValueError(f"{name} {number}: node {node} points outside the tree")
        base = len(self.feature)
        self.roots.append(base)
        # a leaf is any negative feature (the walk stops there); its children are never followed
        self.feature.extend(split if split >= 0 else -1 for split in feature)
        self.threshold.extend(threshold)
        self.left.extend(base + left[node] if feature[node] >= 0 else -1 for node in range(count))
        self.right.extend(base + right[node] if feature[node] >= 0 else -1 for node in range(count))
        return base


def class_forest(raw_trees: Iterable[Any], features: int, classes: int) -> ClassForest:
    """A classifier's trees from their JSON form, each node checked to point inside its tree and at a
    feature there is; each node's shares stored as {class index: share} (classes never seen left out)."""
    packer = _Packer()
    at, kinds, shares = array("i", [0]), array("B" if classes <= 256 else "i"), array("d")
    for number, raw in enumerate(raw_trees):
        packer.add(raw, features, number, "tree")
        for entry in raw["value"]:
            for index, share in enumerate(_dense(entry, classes)):
                if share:  # as the tuples' leaves held them: zeros left out (so is -0.0), in class order
                    kinds.append(index)
                    shares.append(share)
            at.append(len(shares))
    if not packer.roots:
        raise ValueError("no trees")
    return ClassForest(tuple(packer.roots), packer.feature, packer.threshold, packer.left, packer.right,
                       at, kinds, shares)


def regression_forest(raw_trees: Iterable[Any], features: int) -> RegressionForest:
    """A sum of regression trees (the headline model's) from their JSON form: each node's value finite."""
    packer = _Packer()
    value: array[float] = array("d")
    for number, raw in enumerate(raw_trees):
        packer.add(raw, features, number, "headline tree")
        values = [float(entry) for entry in raw["value"]]
        for node, entry in enumerate(values):
            if not math.isfinite(entry):
                raise ValueError(f"headline tree {number}: node {node} points outside the tree")
        value.extend(values)
    return RegressionForest(tuple(packer.roots), packer.feature, packer.threshold, packer.left, packer.right, value)


def _dense(entry: Any, count: int) -> list[float]:
    """A node's shares, stored sparsely as {class index: share} (classes never seen there left out)."""
    shares = [0.0] * count
    for key, share in dict(entry).items():
        shares[int(key)] = float(share)
    return shares


def nested(forest: Forest, leaf: Callable[[int], Any]) -> tuple[tuple[Any, ...], ...]:
    """Each tree as nested tuples, for the walks asked for every line (the line model's and the headline
    model's, 23,000 nodes: 2 MB): (feature, threshold, left child, right child) at a split, (-1, 0.0,
    ``leaf(node)``, None) at a leaf. Unpacking a tuple is quicker than three lookups in arrays, each making
    a number object. Built from the last node up (a child's number is always above its parent's), so a
    deep tree needs no recursion; equal thresholds share one float."""
    floats: dict[float, float] = {}
    roots = []
    for tree in range(len(forest.roots)):
        nodes = forest.nodes(tree)
        built: dict[int, tuple[Any, ...]] = {}
        for node in reversed(nodes):
            split = forest.feature[node]
            if split >= 0:
                threshold = floats.setdefault(forest.threshold[node], forest.threshold[node])
                built[node] = (split, threshold, built[forest.left[node]], built[forest.right[node]])
            else:
                built[node] = (-1, 0.0, leaf(node), None)
        roots.append(built[nodes.start])
    return tuple(roots)
