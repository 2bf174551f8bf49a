"""Can a page that is no article (index, shop, agenda, login page) be told from its text alone? Measured.

    pip install -e '.[train]'
    python benchmarks/page_kind_study.py CORPUS [CORPUS...] [--report benchmarks/page_kind.md]

Each CORPUS is a folder of raw pages with a ``truth.json`` (benchmarks/quality-labels.md), or a folder of such
folders; a page labelled ``"kind": "not-article"`` is the class to find, articles and documents are the others.
Two models on the features of ``pipeline/reading/page_text_features.py`` (a logistic regression,
standardised, and a random forest; scikit-learn, fixed seeds, one process) are measured leave-sites-out
(five folds by a stable hash of the site: a page is always judged by a model that never saw its site)
and in sample. For each, the threshold is the lowest whose marked pages are at least 95% (then 90%)
truly no article; as it is chosen on the same predictions it reports, those figures are an upper bound.

The text alone was not enough to ship; the model ingest uses adds the line model's view of the page and
is built by ``train_page_kind.py`` (``benchmarks/page_kind.md``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pipeline.reading.page_text_features import all_features
from pipeline.reading.text import decode_bytes

FOLDS = 5
# The corpus excerpts' leading " date YYYY-MM " (a scraper's dump shape, which the reader takes as a field)
_DATE_PREFIX = re.compile(r"^ date \d{4}(?:-\d{2}){0,2} ?")
PRECISIONS = (0.95, 0.90)

Page = tuple[str, str, str, bool]  # name, site, text, no article


def corpus_pages(folders: list[Path]) -> list[Page]:
    pages = []
    for top in folders:
        for truth_file in sorted([top / "truth.json", *top.glob("*/truth.json")]):
            if not truth_file.is_file():
                continue
            for name, label in sorted(json.loads(truth_file.read_text(encoding="utf-8")).items()):
                path = truth_file.parent / name
                if path.is_file() and "kind" in label:
                    site = str(label.get("site") or name).removeprefix("www.")
                    text = _DATE_PREFIX.sub("", decode_bytes(path.read_bytes()).text, count=1)
                    pages.append((f"{truth_file.parent.name}/{name}", site, text, label["kind"] == "not-article"))
    return pages


def fold_of(site: str) -> int:
    return int(hashlib.sha256(site.encode("utf-8")).hexdigest(), 16) % FOLDS


def models() -> dict[str, Callable[[], Any]]:
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return {
        "logistic regression": lambda: make_pipeline(
            StandardScaler(), LogisticRegression(C=0.1, class_weight="balanced", max_iter=5000)),
        "random forest": lambda: RandomForestClassifier(n_estimators=300, min_samples_leaf=3, random_state=0,
                                                        n_jobs=1),
    }


def at_precision(judged: list[tuple[float, bool]], wanted: float) -> dict[str, Any]:
    """The lowest threshold whose marked pages are at least `wanted` truly no article, and what it marks."""
    truly = sum(no for _, no in judged)
    best: dict[str, Any] = {"threshold": None, "marked": 0, "found": 0}
    found = 0
    ranked = sorted(judged, key=lambda pair: -pair[0])
    for rank, (probability, no) in enumerate(ranked, 1):
        found += no
        if found / rank >= wanted and (rank == len(ranked) or ranked[rank][0] < probability):
            best = {"threshold": probability, "marked": rank, "found": found}
    best["precision"] = best["found"] / best["marked"] if best["marked"] else 0.0
    best["recall"] = best["found"] / truly if truly else 0.0
    best["articles_marked"] = best["marked"] - best["found"]
    return best


def auc(judged: list[tuple[float, bool]]) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score([no for _, no in judged], [p for p, _ in judged]))


def study(pages: list[Page]) -> list[str]:
    import numpy as np

    names = list(all_features("").keys())
    rows = np.array([[features[name] for name in names] for features in (all_features(p[2]) for p in pages)])
    labels = np.array([no for *_, no in pages], dtype=int)
    folds = np.array([fold_of(site) for _, site, _, _ in pages])
    lines = [f"{len(pages)} labelled pages from {len({p[1] for p in pages})} sites, {int(labels.sum())} of them "
             f"no article; {len(names)} features.", "",
             "| model | evaluation | AUC | wanted precision | marked | precision | recall | articles marked |",
             "|---|---|---|---|---|---|---|---|"]
    for label, make in models().items():
        held_out = np.zeros(len(pages))
        for fold in range(FOLDS):
            model = make().fit(rows[folds != fold], labels[folds != fold])
            held_out[folds == fold] = model.predict_proba(rows[folds == fold])[:, 1]
        in_sample = make().fit(rows, labels).predict_proba(rows)[:, 1]
        for evaluation, scores in (("leave-sites-out", held_out), ("in sample", in_sample)):
            judged = [(float(p), bool(no)) for p, no in zip(scores, labels, strict=True)]
            for wanted in PRECISIONS:
                row = at_precision(judged, wanted)
                lines.append(f"| {label} | {evaluation} | {auc(judged):.3f} | {wanted:.0%} | {row['marked']} | "
                             f"{row['precision']:.1%} | {row['recall']:.1%} | {row['articles_marked']} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="+", type=Path)
    parser.add_argument("--report", type=Path)
    args = parser.parse_args(argv)
    pages = corpus_pages(args.corpus)
    if len({no for *_, no in pages}) < 2:
        print("the corpus needs pages of both kinds", file=sys.stderr)
        return 2
    report = "\n".join(study(pages)) + "\n"
    print(report)
    if args.report:
        args.report.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
