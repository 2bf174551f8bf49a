"""Train the reader's page kind model (is the page an article?) and write it as the package's data file.

    python benchmarks/train_page_kind.py CORPUS... [--out pipeline/reading/page_kind.json] [--seed 0]

Needs scikit-learn (``pip install -e '.[train]'``). Each labelled page (``benchmarks/labelled.py``) is
read as ingest reads it, and its row (``pipeline.reading.page_kind.kind_features``) is what its text
says: the line model has no part in it, so this model need not be rebuilt when the line model is. Part of the row
is the page's words weighed by a vocabulary learnt here from the labelled kinds (``fit_words``,
``pipeline/reading/page_words.py``) and shipped in the model's file; wherever a forest is fitted, its vocabulary is
learnt from the same pages only, and each training page's word features come from a vocabulary that did not see
its site (``training_rows``), so leave-sites-out stays honest.

The project's own pages (``benchmarks/own-pages``: made-up text in the raw shape, labelled in the corpus form)
teach shapes the corpus has too few of (an index of teasers with their dates, an agenda, a login form, a shopping
cart): they are in every forest's training, never held out, measured or counted for the threshold.

The page kind forest is then measured leave-sites-out (trained on four folds, judging the fifth) and
the threshold on its share of votes for "no article" is the lowest at which, leave-sites-out, the articles and
documents it marks are at most ``MISTAKES`` of all articles and documents (an article marked as none loses its
date: worse than an index page missed); as that is chosen on the figures it reports, the pages marked with a
threshold chosen on the other folds are printed too. Finally the forest is trained on all
pages and written, with that threshold, as JSON with sorted keys and rounded numbers: the same corpus
and the same scikit-learn give the same bytes. The figures are printed.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from labelled import LabelledPage, corpus_digest, fold_of, load_corpus
from train_reader import _number, dump, forest_trees, page_text

from pipeline.model.config import Config, config_from_mapping
from pipeline.model.schema import NOT_ARTICLE
from pipeline.reading import page_kind
from pipeline.reading.page_kind import FORMAT, KIND_FEATURES, TEXT_FEATURES, PageKindModel
from pipeline.reading.page_words import page_terms, word_features

FOLDS = 5
OWN_PAGES = Path(__file__).resolve().parent / "own-pages"
# Of the articles and documents, the share that leave-sites-out may be marked as no article: 0.4%, the rate of the
# model shipped before (8 of 1,835 on t-zu). A rule of every marked page right (a precision of 1.0) set the threshold
# by the one article with the highest share: trained on t-zu, 0.831, marking 4 pages (``page_kind.md``).
MISTAKES = 0.004
# Of the articles and documents, the share that leave-sites-out may be put in doubt (``page_kind:
# maybe-not-article``, a warning an editor clears by writing "article"): 3%. On t-zu, leave-sites-out, that warns of
# about as many pages truly no article as articles beyond those marked (``quality.md``, the fifteenth round).
DOUBTS = 0.03
# Leaves of five pages, 70% of the features tried at each split (measured on t-zu, five seeds: 64.2 pages rightly
# marked on average at 8 articles or documents marked, against 54.4 with leaves of two and the square root of the
# features; about half the nodes: ``page_kind.md``).
# The vocabulary (``page_words``): terms found on pages of at least five sites, the two hundred with the most
# information gain, of either leaning; the forest's rows get their word features from a vocabulary cross-fitted over
# four folds of sites (``training_rows``). Measured against fifty terms (of either leaning, or leaning toward "no
# article" only) and a regularised logistic regression over all terms: ``quality.md`` ("The page's words", kind12).
# The terms include the lines' own (a short line whole, a longer line's last two words: ``page_words.line_terms``),
# and the rows the page's repetition (``page_text_features.repetition_features``): ``quality.md`` ("The page's
# repetition and its lines' own terms", kind13).
MIN_SITES = 5
WORDS = 200
BOTH_LEANINGS = True
INNER = 4
FOREST = {"n_estimators": 100, "max_depth": None, "min_samples_leaf": 5, "max_features": 0.7, "random_state": 0,
          "class_weight": None, "n_jobs": 1}


def page_text_of(page: LabelledPage, config: Config) -> str:
    """The text ingest judges the page by ("" for a file of Markdown, which is never judged)."""
    return page_text(page.path.read_bytes(), config)


def page_row(page: LabelledPage, config: Config) -> list[float]:
    """The page's text features (``page_kind.TEXT_FEATURES``) as ingest computes them, from the text its reader
    judges (zeros for a file of Markdown). Only the text: no line model is asked, so a line model trained on other
    features than the shipped one's (``train_reader``, which gives every line this model's share) is no matter."""
    text = page_text_of(page, config)
    return page_kind.text_features(text) if text else [0.0] * len(TEXT_FEATURES)


@dataclass
class Rows:
    """The pages as the forest and the vocabulary learn from them: each page's text features, terms, label
    (1: no article) and site."""

    text: list[list[float]] = field(default_factory=list)
    terms: list[frozenset[str]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)

    def pick(self, indexes: list[int]) -> Rows:
        return Rows([self.text[i] for i in indexes], [self.terms[i] for i in indexes],
                    [self.labels[i] for i in indexes], [self.sites[i] for i in indexes])

    def __add__(self, other: Rows) -> Rows:
        return Rows(self.text + other.text, self.terms + other.terms, self.labels + other.labels,
                    self.sites + other.sites)


def rows_of(pages: list[LabelledPage]) -> Rows:
    """Each page's text features and terms, as ingest computes them, its label and its site."""
    config = config_from_mapping({})
    texts = [page_text_of(page, config) for page in pages]
    return Rows([page_kind.text_features(text) if text else [0.0] * len(TEXT_FEATURES) for text in texts],
                [page_terms(text) for text in texts],
                [int(page.truth.get("kind") == NOT_ARTICLE) for page in pages], [page.site for page in pages])


def own_rows() -> Rows:
    """The rows of the project's own pages (``OWN_PAGES``), which every forest and vocabulary also learn from."""
    pages = load_corpus([OWN_PAGES]) if (OWN_PAGES / "truth.json").is_file() else []
    return rows_of(pages)


def _entropy(p: float) -> float:
    return -(p * math.log(p) + (1 - p) * math.log(1 - p))


def fit_words(rows: Rows) -> dict[str, float]:
    """The vocabulary learnt from the pages (``page_words``): of the terms found on pages of at least
    ``MIN_SITES`` sites (those that lean toward "no article" only, unless ``BOTH_LEANINGS``), the ``WORDS`` that tell
    a page that is no article from an article best by information gain, each weighed by its log-odds of presence
    (naive Bayes, add-one). Ties are broken by the term, so the same pages give the same vocabulary."""
    sites: dict[str, set[str]] = {}
    held: collections.Counter[str] = collections.Counter()
    none: collections.Counter[str] = collections.Counter()
    for terms, label, site in zip(rows.terms, rows.labels, rows.sites, strict=True):
        for term in terms:
            sites.setdefault(term, set()).add(site)
        held.update(terms)
        if label:
            none.update(terms)
    total, nones = len(rows.labels), sum(rows.labels)
    if not nones or nones == total:
        return {}
    before = _entropy(nones / total)
    ranked = []
    for term in sorted(term for term, found in sites.items() if len(found) >= MIN_SITES):
        with_it, none_with_it = held[term], none[term]
        weight = (math.log((none_with_it + 1) / (nones + 2))
                  - math.log((with_it - none_with_it + 1) / (total - nones + 2)))
        if weight <= 0 and not BOTH_LEANINGS:
            continue
        gain = (before - with_it / total * _entropy((none_with_it + 0.5) / (with_it + 1))
                - (total - with_it) / total * _entropy((nones - none_with_it + 0.5) / (total - with_it + 1)))
        ranked.append((-gain, term, weight))
    ranked.sort()
    return {term: _number(weight) for _, term, weight in ranked[:WORDS]}


def inner_fold(site: str) -> int:
    """A site's fold for the vocabulary's cross-fitting, apart from ``fold_of``'s folds."""
    return int(hashlib.sha256(f"inner {site}".encode()).hexdigest()[:8], 16) % INNER


def training_rows(rows: Rows) -> list[list[float]]:
    """The forest's rows: each page's text features and its word features by a vocabulary learnt without its
    site (``INNER`` folds of sites), as a page ingest reads was never in the vocabulary's pages."""
    out: list[list[float]] = [[] for _ in rows.labels]
    inner = [inner_fold(site) for site in rows.sites]
    for fold in range(INNER):
        words = fit_words(rows.pick([i for i, f in enumerate(inner) if f != fold]))
        for i in (i for i, f in enumerate(inner) if f == fold):
            out[i] = rows.text[i] + word_features(rows.terms[i], words)
    return out


def fit(rows: Rows, settings: dict[str, Any] | None = None) -> tuple[Any, dict[str, float]]:
    """The forest fitted to the pages' rows, and the vocabulary learnt from all of them."""
    from sklearn.ensemble import RandomForestClassifier

    forest = RandomForestClassifier(**{**FOREST, **(settings or {})})  # type: ignore[arg-type]
    return forest.fit(training_rows(rows), rows.labels), fit_words(rows)


def held_out_shares(rows: Rows, folds: list[int], settings: dict[str, Any] | None = None,
                    own: Rows | None = None) -> list[float]:
    """Each page's share of votes for "no article" by a forest and a vocabulary trained on the other folds' sites
    (and ``own``)."""
    shares = [0.0] * len(rows.labels)
    for fold in range(FOLDS):
        train = rows.pick([i for i, f in enumerate(folds) if f != fold]) + (own or Rows())
        test = [i for i, f in enumerate(folds) if f == fold]
        forest, words = fit(train, settings)
        held = [rows.text[i] + word_features(rows.terms[i], words) for i in test]
        for i, share in zip(test, forest.predict_proba(held)[:, 1], strict=True):
            shares[i] = float(share)
    return shares


def fold_models(pages: list[LabelledPage], threshold: float, doubt: float | None = None) -> list[PageKindModel]:
    """For each fold, the page kind model trained on the other folds' pages, marking from ``threshold`` (in doubt
    from ``doubt``, None: never): what leave-sites-out judges a fold's pages with (``benchmarks/quality.py
    --folds``)."""
    rows = rows_of(pages)
    folds = [fold_of(page.site, FOLDS) for page in pages]
    own = own_rows()
    out = []
    for fold in range(FOLDS):
        forest, words = fit(rows.pick([i for i, f in enumerate(folds) if f != fold]) + own)
        out.append(page_kind.from_data(export(forest, words, threshold, f"fold {fold}", doubt)))
    return out


def marked_at(shares: list[float], labels: list[int], threshold: float) -> tuple[int, int]:
    """(pages marked, of them truly no article) at a threshold."""
    marked = [label for share, label in zip(shares, labels, strict=True) if share >= threshold]
    return len(marked), sum(marked)


def choose_threshold(shares: list[float], labels: list[int], mistakes: float = MISTAKES) -> float:
    """The lowest threshold at which the articles and documents marked are at most ``mistakes`` of all articles
    and documents (1.0 when even the highest share would mark more)."""
    allowed = mistakes * (len(labels) - sum(labels))
    best = 1.0
    for threshold in sorted({_number(share) for share in shares if share > 0}, reverse=True):
        marked, right = marked_at(shares, labels, threshold)
        if marked - right > allowed:
            break
        best = float(threshold)
    return best


def nested(shares: list[float], labels: list[int], folds: list[int]) -> tuple[int, int]:
    """(marked, truly no article) when each fold's threshold is chosen on the other folds' held-out
    shares: the threshold itself measured on sites it was not chosen on."""
    marked = right = 0
    for fold in range(FOLDS):
        others = [i for i, f in enumerate(folds) if f != fold]
        threshold = choose_threshold([shares[i] for i in others], [labels[i] for i in others])
        found = [labels[i] for i, f in enumerate(folds) if f == fold and shares[i] >= threshold]
        marked, right = marked + len(found), right + sum(found)
    return marked, right


def export(forest: Any, words: dict[str, float], threshold: float, trained_on: str,
           doubt: float | None = None) -> dict[str, Any]:
    """The forest's JSON form, with its vocabulary, as ``pipeline.reading.page_kind`` reads it (class 1: no
    article); ``doubt``, where given, the share from which a page read as an article is in doubt."""
    trees = forest_trees(forest)
    return {"format": FORMAT, "features": list(KIND_FEATURES), "trees": trees, "threshold": threshold,
            "trained_on": trained_on, "words": words, **({} if doubt is None else {"doubt": doubt})}


def report(shares: list[float], labels: list[int], threshold: float, doubt: float) -> list[str]:
    from sklearn.metrics import roc_auc_score

    truly = sum(labels)
    lines = [f"leave-sites-out AUC {roc_auc_score(labels, shares):.3f}; {truly} pages no article of {len(labels)}"]
    for at in sorted({threshold, doubt, 0.4, 0.5, 0.6, 0.7, 0.8}):
        marked, right = marked_at(shares, labels, at)
        lines.append(f"threshold {at:.3f}: marks {marked}, {right} truly no article "
                     f"(precision {right / marked if marked else 0:.1%}, recall {right / truly:.1%}), "
                     f"{marked - right} articles or documents marked" + (" <- shipped" if at == threshold else "")
                     + (" <- in doubt from" if at == doubt < threshold else ""))
    return lines


def seed_report(rows: Rows, folds: list[int], seeds: int, own: Rows | None = None) -> list[str]:
    """The leave-sites-out figures with each seed of the forest and their mean: which pages reach the threshold
    depends on a few trees' votes, so one seed's count is noisy."""
    lines, totals = [], [0, 0, 0]
    for seed in range(seeds):
        labels = rows.labels
        shares = held_out_shares(rows, folds, {"random_state": seed}, own)
        marked, right = marked_at(shares, labels, choose_threshold(shares, labels))
        nested_marked, nested_right = nested(shares, labels, folds)
        totals = [totals[0] + right, totals[1] + nested_marked, totals[2] + nested_right]
        lines.append(f"seed {seed}: marks {marked} ({right} rightly); threshold chosen on the other folds: "
                     f"{nested_marked} ({nested_right} rightly)")
    lines.append(f"mean of {seeds} seeds: {totals[0] / seeds:.1f} rightly marked; threshold chosen on the other "
                 f"folds: {totals[1] / seeds:.1f} marked, {totals[2] / seeds:.1f} rightly")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, nargs="+")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "pipeline" / "reading"
                        / "page_kind.json")
    parser.add_argument("--seeds", type=int, default=1,
                        help="also measure the forest with this many seeds (one seed's figures vary by several pages)")
    parser.add_argument("--seed", type=int, default=FOREST["random_state"],
                        help="the forest's seed, for its held-out shares and the model written (the shipped one's is "
                             "the default)")
    args = parser.parse_args(argv)
    FOREST["random_state"] = args.seed
    import sklearn

    pages = load_corpus(args.corpus)
    if not pages:
        raise SystemExit("no labelled pages found")
    rows = rows_of(pages)
    labels = rows.labels
    folds = [fold_of(page.site, FOLDS) for page in pages]
    own = own_rows()
    shares = held_out_shares(rows, folds, own=own)
    threshold = choose_threshold(shares, labels)
    doubt = min(choose_threshold(shares, labels, DOUBTS), threshold)
    print("\n".join(report(shares, labels, threshold, doubt)))
    marked, right = nested(shares, labels, folds)
    print(f"threshold chosen on the other folds: marks {marked}, {right} truly no article "
          f"(precision {right / marked if marked else 0:.1%}, recall {right / max(sum(labels), 1):.1%})")
    if args.seeds > 1:
        print("\n".join(seed_report(rows, folds, args.seeds, own)))
    forest, words = fit(rows + own)
    chosen = json.dumps(FOREST, sort_keys=True)
    sites = len({page.site for page in pages})
    model = export(forest, words, threshold, f"{len(pages)} pages, {sites} sites, {sum(labels)} no article, "
                   f"{len(own.labels)} own pages; scikit-learn {sklearn.__version__} RandomForestClassifier {chosen}; "
                   f"vocabulary of {len(words)} terms (at least {MIN_SITES} sites, by information gain); "
                   f"corpus sha256 {corpus_digest(pages)[:16]}", doubt)
    args.out.write_text(dump(model), encoding="utf-8")
    print(f"{args.out}: {model['trained_on']}; threshold {threshold}, in doubt from {doubt}; "
          f"{args.out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
