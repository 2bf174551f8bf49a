"""The page kind model's share of votes for "no article" is a feature of every line the line model reads: a
teaser's title on an index page is furniture, the same shape on an article a heading. Training gives each page
the share of a page kind model that never saw its site, as ingest gives a page of a new site."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from pipeline.reading import line_model, page_kind
from pipeline.reading import page as page_module
from pipeline.reading.line_features import FEATURES, page_features
from pipeline.reading.lines import Page, PageLine
from pipeline.reading.page import first_pass, read_page

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

SHARE = "page: no-article share"

INDEX = """Nieuws uit de gemeente

Nieuwe fietsenstalling bij het station van Hoorn
3 april 2024
De gemeente opent volgende week een bewaakte fietsenstalling met ruimte voor 900 fietsen.
Lees meer

Bomenkap langs de Westfriese Dijk gaat door
28 maart 2024
De rechter heeft het bezwaar van de bewonersvereniging tegen de kap van veertig iepen afgewezen.
Lees meer

Zwembad De Waterlelie langer open in de zomer
21 maart 2024
Vanaf juni kunnen zwemmers op doordeweekse avonden tot tien uur terecht in het buitenbad.
Lees meer
"""


def _kind_model(share: float) -> page_kind.PageKindModel:
    """A page kind model of one leaf: every page gets this share of its votes for "no article"."""
    return page_kind.from_data({"format": page_kind.FORMAT, "features": list(page_kind.KIND_FEATURES),
                                "threshold": 0.5, "trees": [{"feature": [-1], "threshold": [0], "left": [-1],
                                                             "right": [-1], "value": [{"0": 1 - share, "1": share}]}],
                                "trained_on": "test"})


def test_every_line_carries_the_pages_share_of_no_article_votes() -> None:
    lines = first_pass(INDEX, (), frozenset(), Page())[0]
    judged = page_features(lines, no_article=0.73)
    assert {row[FEATURES.index(SHARE)] for row in judged} == {0.7}  # in tenths: no page's own number
    assert {row[FEATURES.index(SHARE)] for row in page_features(lines, no_article=1.0)} == {1.0}
    # a page read without the page kind model's view: the feature says so, apart from any share
    assert {row[FEATURES.index(SHARE)] for row in page_features(lines)} == {-1.0}


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The shares ``read_page`` hands the line model (the model itself stood in for: every line body)."""
    given: list[float] = []

    def learn(lines: list[PageLine], recurring: object = None, no_article: float = -1.0) -> frozenset[str]:
        given.append(no_article)
        for line in lines:
            line.shares, line.role, line.share, line.row = {"body": 1.0}, "body", 1.0, [0.0] * len(FEATURES)
        return frozenset({"furniture"})

    monkeypatch.setattr(page_module, "learn_roles", learn)
    return given


@pytest.mark.parametrize("share", [0.2, 0.8])
def test_the_reader_gives_the_line_model_the_page_kind_models_share(monkeypatch: pytest.MonkeyPatch,
                                                                     share: float) -> None:
    given = _spy(monkeypatch)
    with page_kind.using(_kind_model(share)):
        page = read_page(INDEX)
    assert given == [pytest.approx(share)]
    assert page.kind is not None and page.not_article == (share >= 0.5)


def test_a_page_the_line_model_does_not_read_is_not_judged(monkeypatch: pytest.MonkeyPatch) -> None:
    given = _spy(monkeypatch)
    with line_model.using(None, frozenset()), page_kind.using(_kind_model(0.9)):
        page = read_page(INDEX)
    assert given == [-1.0] and page.kind is None and not page.not_article


def _write_corpus(folder: Path, sites: int = 10) -> Path:
    """Index pages and news stories on ten sites, each page's text its own."""
    truth = {}
    for number in range(sites * 2):
        site = f"omroep{number % sites}.nl"
        name = f"s-{number:03d}.txt"
        if number % 2:
            text = "Nieuws\n\n" + "\n\n".join(
                f"Teaser {number}-{item}: werk aan de Dorpsstraat\n{item + 1} mei 2024\n"
                f"De aannemer begint maandag aan fase {item} van het werk.\nLees meer" for item in range(4))
            label = {"kind": "not-article", "date": None, "title": "none obvious", "headings": [], "junk": {}}
        else:
            text = (f"Gemeente {number} zoekt vrijwilligers\n\nDe gemeente zoekt voor het nieuwe buurthuis "
                    f"{number} vrijwilligers die de bar willen draaien. Wie wil helpen, kan zich tot eind "
                    "mei melden bij het wijkteam.\n\nHet buurthuis opent in juni zijn deuren voor alle "
                    "bewoners van de wijk.\n")
            label = {"kind": "article", "date": None, "title": f"Gemeente {number} zoekt vrijwilligers",
                     "headings": [], "junk": {}}
        (folder / name).write_text(text, encoding="utf-8")
        truth[name] = {"url": f"https://{site}/{number}", "site": site, "date_precision": None, "date_alt": [],
                       "lang": "nl", "truncated": False, **label}
    (folder / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return folder


def test_training_judges_each_page_by_a_page_kind_model_that_never_saw_its_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("sklearn")
    import train_page_kind
    from labelled import fold_of, load_corpus
    from train_reader import page_text, read_pages

    from pipeline.model.config import config_from_mapping

    fitted: list[set[tuple[float, ...]]] = []
    fit = train_page_kind.fit

    def seen(rows: list[list[float]], labels: list[int], settings: object = None) -> object:
        fitted.append({tuple(row) for row in rows})
        return fit(rows, labels)

    monkeypatch.setattr(train_page_kind, "fit", seen)
    pages = load_corpus([_write_corpus(tmp_path)])
    config = config_from_mapping({})
    read, _vocabulary = read_pages(pages, config)
    folds = sorted({fold_of(page.site, train_page_kind.FOLDS) for page in pages})
    assert len(fitted) == len(folds) > 1
    kinds = [tuple(page_kind.kind_features(page_text(page.path.read_bytes(), config))) for page in pages]
    for page, (_lines, rows, _roles) in zip(pages, read, strict=True):
        fold = fold_of(page.site, train_page_kind.FOLDS)
        # the model that judged the page was fitted on the pages of the other folds' sites, and on no other
        assert fitted[folds.index(fold)] == {kind for other, kind in zip(pages, kinds, strict=True)
                                             if fold_of(other.site, train_page_kind.FOLDS) != fold}
        shares = {row[FEATURES.index(SHARE)] for row in rows}
        assert len(shares) == 1 and shares.pop() in {step / 10 for step in range(11)}


def test_the_page_kind_rows_are_read_without_the_line_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A line model trained on other features than the reader computes (a feature added, the model not yet
    rebuilt) cannot be loaded; the page kind model's rows, what the page's text says, do not need it."""
    from labelled import load_corpus
    from train_page_kind import rows_of

    def unusable() -> line_model.LineModel:
        raise line_model.LineModelError("pipeline/reading/line_model.json: trained on other features")

    pages = load_corpus([_write_corpus(tmp_path, sites=2)])
    monkeypatch.setattr(line_model, "shipped", unusable)
    rows = rows_of(pages)
    # the samples need no cleaning: each row is what the page's own text says
    assert rows == [page_kind.kind_features(page.path.read_text(encoding="utf-8")) for page in pages]
    assert len({tuple(row) for row in rows}) > 1 and all(any(row) for row in rows)
