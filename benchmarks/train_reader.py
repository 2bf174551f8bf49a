"""Train the page reader's line model from the labelled corpus and write it as the package's data file.

    python benchmarks/train_reader.py CORPUS... [--out pipeline/reading/line_model.json] [--seed 0]

Needs scikit-learn and LightGBM (``pip install -e '.[train]'``); running the pipeline never does. Each labelled page
(``benchmarks/labelled.py``) is read as the reader reads it (its raw shape, the cleaned text, the
exact rules' first pass), every line described by ``pipeline.reading.line_features`` and labelled from
the page's truth: the title's line is "headline", a heading's "sub-heading", a furniture line its
role, every other line "body" (list items too). A random forest (fixed seed, one process) learns the
role from the features. The headline model (``pipeline.reading.headline_model``) is trained beside it
on each page's first lines, 1 for the title's line: LightGBM's LambdaRank, a page's lines ranked against each
other (fixed seed, one thread, deterministic), its score made the log-odds of a headline by a logistic fit
on scores of pages held out in turn. Both are written as JSON with sorted keys and rounded numbers, so the same
corpus and the same scikit-learn and LightGBM give the same bytes; the model names the corpus it learnt from by its
digest (``labelled.py manifest``), so a corpus gathered again can be checked to be that one.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from labelled import LabelledPage, corpus_digest, load_corpus, squash

from pipeline.model.config import Config, config_from_mapping
from pipeline.model.fingerprint import line_digests
from pipeline.reading.headline_model import FORM as HEADLINE_FORM
from pipeline.reading.headline_model import headline_rows
from pipeline.reading.line_features import FEATURES, page_features, tokens
from pipeline.reading.line_model import BODY, FORMAT
from pipeline.reading.lines import Page, PageLine
from pipeline.reading.page import first_pass
from pipeline.reading.sources import MARKDOWN, kicker_labels
from pipeline.reading.text import decode_bytes, prepare_text

ROLES = ("body", "headline", "sub-heading", "kicker", "dateline", "byline", "caption", "navigation", "share",
         "related", "promo", "metadata", "other")
FOREST = {"n_estimators": 20, "max_depth": 12, "min_samples_leaf": 4, "max_features": 0.3, "random_state": 0,
          "class_weight": None, "n_jobs": 1}
# The headline model: LambdaRank (LightGBM), one process, fixed seed; its score calibrated on folds of pages
HEADLINE_RANKING = {"objective": "lambdarank", "n_estimators": 150, "num_leaves": 8, "learning_rate": 0.05,
                    "min_child_samples": 20, "deterministic": True, "force_col_wise": True, "num_threads": 1,
                    "seed": 0, "verbose": -1}
CALIBRATION_FOLDS = 5
DIGITS = 3  # shares and thresholds are rounded: the file stays small and the same on every machine


def page_lines(data: bytes, config: Config) -> list[PageLine]:
    """The lines of a raw page as the reader's first pass leaves them (the first item of a file)."""
    from pipeline.reading.draft import read_items

    items = read_items(decode_bytes(data).text, "page.txt", config)
    if not items or items[0].body_format == MARKDOWN:
        return []
    lines, _ = first_pass(prepare_text(items[0].body), config.boilerplate, kicker_labels(config), Page())
    return lines


def page_text(data: bytes, config: Config) -> str:
    """The text of a raw page as the page reader reads it (``compose_body``'s: wrapped lines joined), which the
    page kind model judges ("" for a file of Markdown, which is never judged)."""
    from pipeline.reading.documents import join_wrapped_lines
    from pipeline.reading.draft import read_items

    items = read_items(decode_bytes(data).text, "page.txt", config)
    if not items or items[0].body_format == MARKDOWN:
        return ""
    return join_wrapped_lines(prepare_text(items[0].body))


def line_roles(lines: list[PageLine], truth: dict[str, Any]) -> list[str]:
    """Each line's role by the page's labels."""
    title = squash(truth.get("title") or "")
    title = "" if title == "none obvious" else title
    headings = {squash(heading).rstrip(" :") for heading in truth.get("headings") or []}
    junk = {squash(line): role for line, role in (truth.get("junk") or {}).items()}
    roles = []
    titled = False
    for index, line in enumerate(lines):
        text = squash(line.text)
        if text in junk:
            roles.append(junk[text])
        elif title and not titled and index < 12 and (text == title or (
                len(title) >= 0.5 * len(text) and (text.endswith(title) or text.startswith(title)))):
            roles.append("headline")
            titled = True
        elif text.rstrip(" :") in headings:
            roles.append("sub-heading")
        else:
            roles.append(BODY)
    return roles


NOT_FURNITURE = ("body", "headline", "sub-heading")
MIN_LINES, MIN_SITES = 3, 2  # a word the vocabulary keeps: seen in this many lines, on this many sites
HEADING_WORDS = 12  # the lines of at most this many words count for the words' sub-heading shares


class WordCounts:
    """How often each word stood in a line of furniture (or of the role counted) and in any line, over all pages
    and per site."""

    def __init__(self) -> None:
        self.total: dict[str, list[int]] = {}  # word -> [furniture lines, lines]
        self.by_site: dict[str, dict[str, list[int]]] = {}
        self._sites: dict[str, int] | None = None  # word -> on how many sites, counted once all are added

    def add(self, site: str, text: str, furniture: bool) -> None:
        own = self.by_site.setdefault(site, {})
        for word in set(tokens(text)):
            for counts in (self.total.setdefault(word, [0, 0]), own.setdefault(word, [0, 0])):
                counts[0] += furniture
                counts[1] += 1

    def sites(self, word: str) -> int:
        if self._sites is None:
            self._sites = {}
            for own in self.by_site.values():
                for known in own:
                    self._sites[known] = self._sites.get(known, 0) + 1
        return self._sites.get(word, 0)

    def vocabulary(self) -> dict[str, float]:
        return {word: _number((furniture + 1) / (lines + 2)) for word, (furniture, lines) in sorted(self.total.items())
                if lines >= MIN_LINES and self.sites(word) >= MIN_SITES}

    def without(self, site: str) -> LeaveSiteOut:
        return LeaveSiteOut(self, site)


class LeaveSiteOut(Mapping[str, float]):
    """The vocabulary as it would be without one site's pages: a page's own words never describe it."""

    def __init__(self, counts: WordCounts, site: str) -> None:
        self.counts, self.own = counts, counts.by_site.get(site, {})

    def _shares(self, word: str) -> float | None:
        furniture, lines = self.counts.total.get(word, (0, 0))
        own = self.own.get(word)
        sites = self.counts.sites(word)
        if own:
            furniture, lines, sites = furniture - own[0], lines - own[1], sites - 1
        if lines < MIN_LINES or sites < MIN_SITES:
            return None
        return float(_number((furniture + 1) / (lines + 2)))

    def __getitem__(self, word: str) -> float:
        share = self._shares(word)
        if share is None:
            raise KeyError(word)
        return share

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._shares(word) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(word for word in self.counts.total if word in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def training_rows(pages: list[LabelledPage], config: Config) -> tuple[list[list[float]], list[str], dict[str, float]]:
    """Every line's features and role, and the vocabulary learnt from them (a page's rows use the
    vocabulary without its own site's pages, as a page of a new site is read)."""
    read, vocabulary = read_pages(pages, config)
    return [row for _lines, rows, _roles in read for row in rows], \
        [role for _lines, _rows, roles in read for role in roles], vocabulary


def read_pages(pages: list[LabelledPage], config: Config) -> tuple[list[PageRows], dict[str, float]]:
    """Each page's lines, their features and their roles, and the vocabulary (see ``training_rows``)."""
    read, vocabulary, _heading_words = read_pages_and_words(pages, config)
    return read, vocabulary


def read_pages_and_words(pages: list[LabelledPage],
                         config: Config) -> tuple[list[PageRows], dict[str, float], dict[str, float]]:
    """``read_pages``, and the words' sub-heading shares among the short lines (``HEADING_WORDS``), learnt and
    used as the furniture vocabulary is (a page's rows without its own site's pages)."""
    read = []
    counts, headings = WordCounts(), WordCounts()
    for page in pages:
        lines = page_lines(page.path.read_bytes(), config)
        roles = line_roles(lines, page.truth)
        for line, role in zip(lines, roles, strict=True):
            counts.add(page.site, line.text, role not in NOT_FURNITURE)
            if len(line.text.split(maxsplit=HEADING_WORDS)) <= HEADING_WORDS:
                headings.add(page.site, line.text, role == "sub-heading")
        read.append((page, lines, roles))
    out: list[PageRows] = []
    sites = {page.site: (counts.without(page.site), headings.without(page.site)) for page in pages}
    recurring = recurring_lines([(page.site, page.path.read_bytes()) for page, _, _ in read])
    for (page, lines, roles), seen in zip(read, recurring, strict=True):
        vocabulary, heading_words = sites[page.site]
        out.append((lines, page_features(lines, seen, vocabulary, heading_words), roles))
    return out, counts.vocabulary(), headings.vocabulary()


PageRows = tuple[list[PageLine], list[list[float]], list[str]]


def headline_training_rows(read: list[PageRows]) -> tuple[list[list[float]], list[int], list[int]]:
    """The headline model's rows: each page's first lines (``headline_model.WINDOW``), 1 for its headline; and
    how many rows each page gave (a page's rows are ranked against each other)."""
    rows: list[list[float]] = []
    labels: list[int] = []
    groups: list[int] = []
    prose_at, words_at, capitalised_at = (FEATURES.index(name) for name in ("prose", "words", "capitalised share"))
    for lines, features, roles in read:
        prose = [bool(row[prose_at]) for row in features]
        found = headline_rows(lines, features, prose, words_at, capitalised_at)
        rows += found
        labels += [int(role == "headline") for role in roles[:len(found)]]
        groups.append(len(found))
    return rows, labels, groups


def _ranker(rows: list[list[float]], labels: list[int], groups: list[int]) -> Any:
    """LightGBM's LambdaRank fitted on the pages' rows, each page's lines ranked against each other."""
    from lightgbm import LGBMRanker

    kept = [size for size in groups if size]
    model = LGBMRanker(**HEADLINE_RANKING)  # type: ignore[arg-type]
    model.fit(rows, labels, group=kept)
    return model


def _calibration(rows: list[list[float]], labels: list[int], groups: list[int]) -> tuple[float, float]:
    """The scale and the offset that make a ranker's score the log-odds of a headline: a logistic fit of each
    row's label on the score a ranker trained without its page's fold gave it (``CALIBRATION_FOLDS`` folds of
    pages, in turn: a page's own score from a ranker that saw it would be surer than a new page's)."""
    from sklearn.linear_model import LogisticRegression

    starts = [0]
    for size in groups:
        starts.append(starts[-1] + size)
    scores: list[float] = [0.0] * len(rows)
    for fold in range(CALIBRATION_FOLDS):
        held = [page for page in range(len(groups)) if page % CALIBRATION_FOLDS == fold]
        train = [page for page in range(len(groups)) if page % CALIBRATION_FOLDS != fold]
        train_rows = [row for page in train for row in rows[starts[page]:starts[page + 1]]]
        train_labels = [label for page in train for label in labels[starts[page]:starts[page + 1]]]
        model = _ranker(train_rows, train_labels, [groups[page] for page in train])
        at = [index for page in held for index in range(starts[page], starts[page + 1])]
        if at:
            for index, score in zip(at, model.predict([rows[index] for index in at]), strict=True):
                scores[index] = float(score)
    fit = LogisticRegression(C=1e6).fit([[score] for score in scores], labels)
    return float(fit.coef_[0][0]), float(fit.intercept_[0])


def _lightgbm_tree(root: dict[str, Any], scale: float) -> dict[str, Any]:
    """One LightGBM tree (its ``dump_model`` form) as ``trees.regression_forest`` reads it: nodes numbered
    parent before children, each leaf's value times the calibration's scale."""
    tree: dict[str, list[Any]] = {"feature": [], "threshold": [], "left": [], "right": [], "value": []}
    pending = [(root, -1, "")]
    while pending:
        node, parent, side = pending.pop()
        number = len(tree["feature"])
        if parent >= 0:
            tree[side][parent] = number
        if "leaf_value" in node:
            tree["feature"].append(-1)
            tree["threshold"].append(0)
            tree["value"].append(round(float(node["leaf_value"]) * scale, 6))
        else:
            if node["decision_type"] != "<=":
                raise ValueError("a headline tree splits otherwise than at most a threshold")
            tree["feature"].append(int(node["split_feature"]))
            tree["threshold"].append(round(float(node["threshold"]), 9))
            tree["value"].append(0)
            pending += [(node["right_child"], number, "right"), (node["left_child"], number, "left")]
        tree["left"].append(-1)
        tree["right"].append(-1)
    return tree


def fit_headline(rows: list[list[float]], labels: list[int], groups: list[int]) -> dict[str, Any]:
    """The headline model (LightGBM's LambdaRank over each page's first lines, its score calibrated to the
    log-odds of a headline: ``_calibration``) in its JSON form: the offset as the prior, each leaf scaled."""
    scale, offset = _calibration(rows, labels, groups)
    model = _ranker(rows, labels, groups)
    trees = [_lightgbm_tree(info["tree_structure"], scale) for info in model.booster_.dump_model()["tree_info"]]
    return {"features": len(rows[0]), "form": HEADLINE_FORM, "prior": round(offset, 6), "trees": trees}


def recurring_lines(pages: list[tuple[str, bytes]], earlier_only: bool = False) -> list[dict[str, tuple[int, int]]]:
    """For each page (its site and bytes), the lines other pages showed too: digest -> (pages of its
    site, pages of all sites), as the ingest record counts them for a workspace. ``earlier_only``:
    only the pages before it count (a newsroom reading a site's pages day by day)."""
    digests = [line_digests(data.decode("utf-8", "replace")) for _site, data in pages]
    by_site: dict[str, dict[str, int]] = {}
    everywhere: dict[str, int] = {}
    for (site, _data), found in zip(pages, digests, strict=True):
        own = by_site.setdefault(site, {})
        for digest in found:
            own[digest] = own.get(digest, 0) + 1
            everywhere[digest] = everywhere.get(digest, 0) + 1
    out = []
    if earlier_only:
        by_site, everywhere = {}, {}
    for (site, _data), found in zip(pages, digests, strict=True):
        own = by_site.setdefault(site, {})
        if earlier_only:
            out.append({d: (own.get(d, 0), everywhere.get(d, 0)) for d in sorted(found) if everywhere.get(d)})
            for digest in found:
                own[digest] = own.get(digest, 0) + 1
                everywhere[digest] = everywhere.get(digest, 0) + 1
        else:  # every other page: its own counts taken off
            out.append({d: (own[d] - 1, everywhere[d] - 1) for d in sorted(found) if everywhere[d] > 1})
    return out


def _number(value: float) -> float | int:
    rounded = round(float(value), DIGITS)
    return int(rounded) if rounded == int(rounded) else rounded


def fit_forest(rows: list[list[float]], roles: list[str], settings: dict[str, Any] | None = None) -> Any:
    """scikit-learn's forest fitted to the rows (roles as indexes into ``ROLES``)."""
    from sklearn.ensemble import RandomForestClassifier

    forest = RandomForestClassifier(**{**FOREST, **(settings or {})})  # type: ignore[arg-type]
    forest.fit(rows, [ROLES.index(role) for role in roles])
    return forest


def forest_trees(forest: Any) -> list[dict[str, Any]]:
    """A fitted scikit-learn forest's trees in the JSON form ``trees.class_forest`` reads (the line
    model's, and the page kind model's): each node's feature, threshold, children and share of each class."""
    classes = [int(c) for c in forest.classes_]
    trees = []
    for estimator in forest.estimators_:
        tree = estimator.tree_
        values = []
        for node in range(tree.node_count):
            counts = tree.value[node][0]
            total = float(counts.sum())
            values.append({str(classes[i]): _number(count / total) for i, count in enumerate(counts)
                           if round(count / total, DIGITS) > 0})
        trees.append({
            "feature": [int(f) if f >= 0 else -1 for f in tree.feature],
            # scikit-learn goes left when the value is at most the threshold, as the evaluator does; a
            # threshold lies halfway between two values seen, so rounding it changes no training decision
            "threshold": [_number(t) if f >= 0 else 0 for f, t in zip(tree.feature, tree.threshold, strict=True)],
            "left": [int(n) for n in tree.children_left],
            "right": [int(n) for n in tree.children_right],
            "value": values,
        })
    return trees


def export(forest: Any, vocabulary: dict[str, float], trained_on: str,
           headline: dict[str, Any] | None = None, heading_words: dict[str, float] | None = None) -> dict[str, Any]:
    """The forest's JSON form, as ``pipeline.reading.line_model`` reads it."""
    trees = forest_trees(forest)
    return {"format": FORMAT, "features": list(FEATURES), "roles": list(ROLES), "trees": trees,
            "vocabulary": vocabulary, "trained_on": trained_on, **({"headline": headline} if headline else {}),
            **({"heading_words": heading_words} if heading_words else {})}


def train_model(pages: list[LabelledPage], config: Config | None = None,
                settings: dict[str, Any] | None = None) -> dict[str, Any]:
    """The model's JSON form, trained on these pages."""
    import lightgbm
    import sklearn

    read, vocabulary, heading_words = read_pages_and_words(pages, config or config_from_mapping({}))
    rows = [row for _lines, features, _roles in read for row in features]
    roles = [role for _lines, _features, labels in read for role in labels]
    forest = fit_forest(rows, roles, settings)
    headline = fit_headline(*headline_training_rows(read))
    sites = sorted({page.site for page in pages})
    chosen = json.dumps({**FOREST, **(settings or {})}, sort_keys=True)
    trained_on = (f"{len(pages)} pages, {len(sites)} sites, {len(rows)} lines; scikit-learn {sklearn.__version__} "
                  f"RandomForestClassifier {chosen}; headline: LightGBM {lightgbm.__version__} LGBMRanker "
                  f"{json.dumps(HEADLINE_RANKING, sort_keys=True)}; corpus sha256 {corpus_digest(pages)[:16]}")
    return export(forest, vocabulary, trained_on, headline, heading_words)


def dump(model: dict[str, Any]) -> str:
    return json.dumps(model, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, nargs="+")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "pipeline" / "reading"
                        / "line_model.json")
    parser.add_argument("--seed", type=int, default=FOREST["random_state"],
                        help="the forest's and the headline ranking's seed (the shipped model's is the default): "
                             "training again with other seeds shows how much of a difference is the seed's own")
    args = parser.parse_args(argv)
    FOREST["random_state"] = HEADLINE_RANKING["seed"] = args.seed
    pages = load_corpus(args.corpus)
    if not pages:
        raise SystemExit("no labelled pages found")
    model = train_model(pages)
    args.out.write_text(dump(model), encoding="utf-8")
    print(f"{args.out}: {model['trained_on']}; {args.out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
