"""How much more the line model could learn: each line's role measured leave-sites-out, per design.

    python benchmarks/line_model_study.py CORPUS... [--out benchmarks/line_model_study.md]

Needs scikit-learn (``pip install -e '.[train]'``). The rows are the training rows of
``train_reader.py`` (the features the reader computes, the labelled role of each line); the sites
are split in five folds by the same stable hash as ``quality.py --folds 5``, and each design is
trained on four folds and judged on the fifth. Per design, at a few thresholds on the share of the
votes for the roles of furniture: the share of furniture lines found (recall), the share of lines
taken for furniture that are furniture (precision), the lines of the text taken for furniture; and
the sub-headings found. The designs:

- *shipped*: the forest as ``train_reader.FOREST`` trains it;
- *bigger forest*: 60 trees grown until two lines are left in a leaf;
- *+ words by role*: the shipped forest, with for each group of roles the largest and the mean
  share of that group among the lines that held each of the line's words (and word pairs), counted
  without the line's own site, for the line and its two neighbours;
- *+ neighbours' roles*: a second forest that also sees the first forest's shares for the line and
  the two lines before and after it (the first forest's shares on its own training folds come from
  the folds within them, as a page of an unseen site would get them).

This is a study, not the reader: it says where the line-level ceiling of these features lies.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from labelled import fold_of, load_corpus
from train_reader import FOREST, NOT_FURNITURE, page_lines, training_rows

from pipeline.model.config import config_from_mapping

FOLDS = 5
THRESHOLDS = (0.4, 0.5, 0.6)
GROUPS = {"navigation": ("navigation", "share"), "related": ("related", "promo"), "caption": ("caption",),
          "metadata": ("byline", "dateline", "metadata"), "kicker": ("kicker", "other"),
          "sub-heading": ("sub-heading",), "headline": ("headline",)}
_WORD = re.compile(r"\w+")


def word_keys(text: str) -> set[str]:
    words = [re.sub(r"\d+", "0", word.lower()) for word in _WORD.findall(text)][:16]
    keys = set(words) | {f"{a} {b}" for a, b in itertools.pairwise(words)}
    return keys | ({"^" + words[0]} if words else set())


def words_by_role(texts: list[str], roles: list[str], sites: list[str], pages: list[int]) -> Any:
    """Per line: for each group of roles, the largest and the mean share of the group among the lines
    (of other sites) that held each of its words; the same for the lines before and after it."""
    import numpy as np

    keys = [word_keys(text) for text in texts]
    member = np.array([[1.0] + [float(role in group) for group in GROUPS.values()] for role in roles])
    total: dict[str, Any] = defaultdict(lambda: np.zeros(1 + len(GROUPS)))
    own: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(lambda: np.zeros(1 + len(GROUPS))))
    seen_on: dict[str, set[str]] = defaultdict(set)
    for index, found in enumerate(keys):
        for key in found:
            total[key] += member[index]
            own[sites[index]][key] += member[index]
            seen_on[key].add(sites[index])
    rows = np.zeros((len(texts), 2 * len(GROUPS)))
    for index, found in enumerate(keys):
        shares = []
        for key in found:
            counts = total[key] - own[sites[index]][key]
            if counts[0] >= 3 and len(seen_on[key] - {sites[index]}) >= 2:
                shares.append((counts[1:] + 0.2) / (counts[0] + 1))
        if shares:
            rows[index] = np.concatenate([np.max(shares, axis=0), np.mean(shares, axis=0)])
    return np.hstack([rows, neighbours(rows, pages, -1), neighbours(rows, pages, 1)])


def neighbours(rows: Any, pages: list[int], step: int) -> Any:
    """Each line's row of the line ``step`` away on the same page (zeros at the page's ends)."""
    import numpy as np

    out = np.zeros_like(rows)
    for index in range(len(rows)):
        other = index + step
        if 0 <= other < len(rows) and pages[other] == pages[index]:
            out[index] = rows[other]
    return out


def forest(settings: dict[str, Any] | None = None) -> Any:
    from sklearn.ensemble import RandomForestClassifier

    return RandomForestClassifier(**{**FOREST, **(settings or {})})  # type: ignore[arg-type]


def shares_out_of_fold(rows: Any, roles: Any, folds: Any, make: Callable[[], Any], within: Any) -> Any:
    """Every role's share for the lines of ``within``, each fold's lines by a forest trained on the others."""
    import numpy as np

    names = sorted(set(roles))
    out = np.zeros((len(rows), len(names)))
    for fold in sorted(set(folds[within])):
        train, test = within & (folds != fold), within & (folds == fold)
        model = make().fit(rows[train], roles[train])
        shares = model.predict_proba(rows[test])
        for column, name in enumerate(model.classes_):
            out[test, names.index(name)] = shares[:, column]
    return out


def stacked(rows: Any, roles: Any, folds: Any, pages: list[int]) -> Any:
    """A second forest over the first one's shares for each line and its neighbours, leave-sites-out."""
    import numpy as np

    names = sorted(set(roles))
    out = np.zeros((len(rows), len(names)))
    for fold in range(FOLDS):
        train = folds != fold
        first = shares_out_of_fold(rows, roles, folds, forest, train)  # the training folds' own shares
        model = forest().fit(rows[train], roles[train])
        test = ~train
        first[test] = 0
        shares = model.predict_proba(rows[test])
        for column, name in enumerate(model.classes_):
            first[test, names.index(name)] = shares[:, column]
        context = np.hstack([first, *(neighbours(first, pages, step) for step in (-2, -1, 1, 2))])
        second = forest().fit(np.hstack([rows, context])[train], roles[train])
        shares = second.predict_proba(np.hstack([rows, context])[test])
        for column, name in enumerate(second.classes_):
            out[test, names.index(name)] = shares[:, column]
    return out


def measured(name: str, shares: Any, roles: Any) -> list[str]:
    names = sorted(set(roles))
    furniture = ~np_isin(roles, NOT_FURNITURE)
    votes = shares[:, [names.index(role) for role in names if role not in NOT_FURNITURE]].sum(axis=1)
    heading = roles == "sub-heading"
    found_heading = shares[:, names.index("sub-heading")] >= 0.5
    out = []
    for threshold in THRESHOLDS:
        taken = votes >= threshold
        out.append(f"| {name} | {threshold} | {(taken & furniture).sum() / furniture.sum():.1%} | "
                   f"{(taken & furniture).sum() / max(taken.sum(), 1):.1%} | {(taken & ~furniture).sum()} | "
                   f"{(found_heading & heading).sum() / heading.sum():.1%} / "
                   f"{(found_heading & heading).sum() / max(found_heading.sum(), 1):.1%} |")
    return out


def np_isin(values: Any, allowed: tuple[str, ...]) -> Any:
    import numpy as np

    return np.isin(values, list(allowed))


def main(argv: list[str] | None = None) -> int:
    import numpy as np

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, nargs="+")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    config = config_from_mapping({})
    labelled = load_corpus(args.corpus)
    rows_list, role_list, _ = training_rows(labelled, config)
    texts, sites, pages = [], [], []
    for number, page in enumerate(labelled):
        lines = page_lines(page.path.read_bytes(), config)
        texts += [line.text for line in lines]
        sites += [page.site] * len(lines)
        pages += [number] * len(lines)
    rows, roles = np.array(rows_list, dtype=float), np.array(role_list)
    folds = np.array([fold_of(site, FOLDS) for site in sites])
    everything = np.ones(len(rows), dtype=bool)
    words = np.hstack([rows, words_by_role(texts, role_list, sites, pages)])
    report = ["| design | threshold | furniture found | taken that is furniture | text lines taken | "
              "sub-headings found / right (at 0.5) |", "|---|---|---|---|---|---|"]
    report += measured("shipped", shares_out_of_fold(rows, roles, folds, forest, everything), roles)
    report += measured("bigger forest", shares_out_of_fold(
        rows, roles, folds, lambda: forest({"n_estimators": 60, "max_depth": None, "min_samples_leaf": 2}),
        everything), roles)
    report += measured("+ words by role", shares_out_of_fold(words, roles, folds, forest, everything), roles)
    report += measured("+ neighbours' roles", stacked(rows, roles, folds, pages), roles)
    text = (f"{len(labelled)} pages, {len(set(sites))} sites, {len(rows)} lines, "
            f"{int((~np_isin(roles, NOT_FURNITURE)).sum())} of them furniture; {FOLDS} folds of sites\n\n"
            + "\n".join(report) + "\n")
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
