"""The page kind model's training rows: what each labelled page's text says, read with no line model asked (a
line model trained on other features than the reader computes cannot be loaded until it is rebuilt)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from pipeline.reading import line_model, page_kind

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))


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
    assert rows.text == [page_kind.text_features(page.path.read_text(encoding="utf-8")) for page in pages]
    assert len({tuple(row) for row in rows.text}) > 1 and all(any(row) for row in rows.text)
    assert rows.labels == [0, 1, 0, 1] and all(rows.terms)


def test_the_projects_own_pages_are_rows_of_pages_that_are_no_article() -> None:
    import train_page_kind

    rows = train_page_kind.own_rows()
    assert len(rows.text) == len(rows.labels) == len(rows.terms) >= 5 and set(rows.labels) == {1}
    assert all(len(row) == len(page_kind.TEXT_FEATURES) for row in rows.text)


@pytest.mark.parametrize("damaged", ["{not json", "[1, 2]", "\x00" * 10_000])
def test_damaged_own_pages_are_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damaged: str) -> None:
    import train_page_kind

    (tmp_path / "truth.json").write_text(damaged, encoding="utf-8")
    monkeypatch.setattr(train_page_kind, "OWN_PAGES", tmp_path)
    with pytest.raises(SystemExit, match=r"truth\.json: ") as error:
        train_page_kind.own_rows()
    assert "\n" not in str(error.value)


def test_own_pages_with_wrong_types_are_skipped_and_a_missing_folder_is_none(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import train_page_kind

    (tmp_path / "own-001.txt").write_text("Agenda\n\nza 12 april 2025, 10.00 uur\nMarkt\n", encoding="utf-8")
    (tmp_path / "truth.json").write_text(json.dumps({"own-001.txt": ["not", "a", "label"], "own-002.txt": 5}),
                                         encoding="utf-8")
    monkeypatch.setattr(train_page_kind, "OWN_PAGES", tmp_path)
    assert train_page_kind.own_rows() == train_page_kind.Rows()
    monkeypatch.setattr(train_page_kind, "OWN_PAGES", tmp_path / "nowhere")
    assert train_page_kind.own_rows() == train_page_kind.Rows()


def test_the_threshold_marks_as_few_articles_as_allowed_and_no_fewer_pages() -> None:
    """One article with the highest share of votes no longer sets the threshold: the lowest threshold is taken at
    which the articles and documents marked are at most ``MISTAKES`` of them."""
    import train_page_kind

    articles = 1000
    allowed = int(train_page_kind.MISTAKES * articles)
    # an article at the very top, then pages that are no article, then more articles, then the rest mixed
    shares = [0.95] + [0.9 - 0.01 * n for n in range(20)] + [0.65 - 0.001 * n for n in range(allowed + 5)]
    labels = [0] + [1] * 20 + [0] * (allowed + 5)
    shares += [0.1] * (articles - 1 - allowed - 5)
    labels += [0] * (articles - 1 - allowed - 5)
    threshold = train_page_kind.choose_threshold(shares, labels)
    marked, right = train_page_kind.marked_at(shares, labels, threshold)
    assert right == 20 and marked - right == allowed  # all twenty, and as many articles as allowed, not one more
    # the next page down would be one article more than allowed
    assert train_page_kind.marked_at(shares, labels, threshold - 0.0015)[0] - 20 > allowed
    # nothing may be marked when even the highest share is more articles than allowed: the threshold is 1.0
    assert train_page_kind.choose_threshold([0.9] * 10 + [0.1] * 90, [0] * 10 + [1] * 90) == 1.0
