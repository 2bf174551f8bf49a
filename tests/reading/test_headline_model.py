"""The headline model: which of a page's first lines is its headline, from what a line has relative to the page."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.reading import headline_model, line_model
from pipeline.reading.headline_model import headline_rows
from pipeline.reading.line_features import FEATURES, page_features
from pipeline.reading.line_model import LineModelError
from pipeline.reading.lines import Kind, Page, Removed
from pipeline.reading.page import first_pass, read_page
from pipeline.reading.roles import explain_lines

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

# A regional site's tagline above the story's headline; a byline and the lede (one line) under it.
LEDE = ("Een grote brand heeft zondagnacht een boerderij aan de Postweg in Lunteren verwoest. De bewoners konden "
        "op tijd naar buiten, meldt de brandweer.")
PAGE = f"""Het nieuws uit jouw regio, elke dag vers

Brand verwoest boerderij in Lunteren

Door Jan de Vries

{LEDE}

De boerderij brandde helemaal af. Hoe de brand ontstond, is nog niet bekend.
"""


def rows_of(text: str) -> tuple[list[str], list[list[float]]]:
    lines = first_pass(text, (), frozenset(), Page())[0]
    features = page_features(lines)
    prose = [bool(row[FEATURES.index("prose")]) for row in features]
    rows = headline_rows(lines, features, prose, FEATURES.index("words"), FEATURES.index("capitalised share"))
    return [line.text for line in lines], rows


def value(row: list[float], name: str) -> float:
    return row[len(FEATURES) + headline_model.FEATURES.index(name)]


def test_a_headline_shares_its_words_with_the_text_under_it_and_a_tagline_does_not() -> None:
    texts, rows = rows_of(PAGE)
    assert len(rows) == len(texts) and all(len(row) == len(FEATURES) + len(headline_model.FEATURES) for row in rows)
    tagline, headline = rows[0], rows[texts.index("Brand verwoest boerderij in Lunteren")]
    # brand, verwoest, boerderij, lunteren: all in the lede
    assert value(headline, "words shared with the text below") == 1.0
    assert value(headline, "content words in the text below") == 4.0
    assert value(tagline, "words shared with the text below") == 0.0
    assert value(tagline, "words shared with the page") == 0.0
    lede = rows[texts.index("Door Jan de Vries") + 1]
    assert value(headline, "date or byline under it") == 1.0 and value(lede, "date or byline under it") == 0.0
    assert value(headline, "lines to the text below") == 2.0  # the byline between
    assert value(headline, "index") == 1.0 and value(tagline, "rules left it text") == 1.0


def test_only_the_first_lines_are_scored() -> None:
    text = "\n\n".join(f"Regel nummer {number} van een lange pagina." for number in range(40))
    texts, rows = rows_of(text)
    assert len(texts) == 40 and len(rows) == headline_model.WINDOW


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600))
def test_the_features_of_any_text_are_finite_numbers(text: str) -> None:
    texts, rows = rows_of(text)
    assert len(rows) == min(len(texts), headline_model.WINDOW)
    assert all(isinstance(number, float) and math.isfinite(number) for row in rows for number in row)


def test_the_evaluator_agrees_with_lightgbm(tmp_path: Path) -> None:
    pytest.importorskip("lightgbm")
    pytest.importorskip("sklearn")
    from labelled import load_corpus
    from train_reader import _calibration, _ranker, fit_headline, headline_training_rows, read_pages

    from pipeline.model.config import config_from_mapping
    from tests.reading.test_line_model import write_corpus

    read, _vocabulary = read_pages(load_corpus([write_corpus(tmp_path)]), config_from_mapping({}))
    rows, labels, groups = headline_training_rows(read)
    assert sum(labels) == 12 and len(groups) == 12 and sum(groups) == len(rows)  # each page's headline, once
    data = fit_headline(rows, labels, groups)
    assert data["form"] == headline_model.FORM
    model = headline_model.parse(data, len(rows[0]))
    scale, offset = _calibration(rows, labels, groups)
    assert scale > 0  # a higher rank is a likelier headline
    reference = _ranker(rows, labels, groups)
    for row, score in zip(rows, reference.predict(rows), strict=True):
        share = model.probability(row)
        assert abs(math.log(share / (1 - share)) - (scale * float(score) + offset)) < 1e-3
    # ranked as LightGBM ranks them: each page's likeliest line is the one the ranker puts first
    at = 0
    for size in groups:
        page = rows[at:at + size]
        scores = list(reference.predict(page))
        shares = [model.probability(row) for row in page]
        assert shares.index(max(shares)) == scores.index(max(scores))
        at += size


BASE = {"format": 1, "features": ["a"], "roles": ["body"],
        "trees": [{"feature": [-1], "threshold": [0], "left": [-1], "right": [-1], "value": [{"0": 1}]}]}
WIDTH = 1 + len(headline_model.FEATURES)


@pytest.mark.parametrize(("headline", "says"), [
    ([], "not a usable"),
    ({"features": WIDTH + 1, "prior": 0, "trees": []}, "other features"),
    ({"features": 1, "prior": 0, "trees": []}, "other features"),  # none of the headline's own
    ({"features": WIDTH - 1, "prior": 0, "trees": [{"feature": [WIDTH - 1, -1, -1], "threshold": [0.5, 0, 0],
                                                     "left": [1, -1, -1], "right": [2, -1, -1], "value": [0, 1, 2]}]},
     "outside the tree"),  # trained before the last feature was added: it never splits on it
    ({"features": WIDTH, "prior": 0, "trees": []}, "no headline trees"),
    ({"features": WIDTH, "form": 3, "prior": 0, "trees": [{"feature": [-1], "threshold": [0], "left": [-1],
                                                            "right": [-1], "value": [0.5]}]}, "of form 3"),
    ({"features": WIDTH, "form": "2", "prior": 0, "trees": [{"feature": [-1], "threshold": [0], "left": [-1],
                                                              "right": [-1], "value": [0.5]}]}, "of form '2'"),
    ({"features": WIDTH, "form": True, "prior": 0, "trees": [{"feature": [-1], "threshold": [0], "left": [-1],
                                                               "right": [-1], "value": [0.5]}]}, "of form True"),
    ({"features": WIDTH, "prior": "NaN", "trees": [{"feature": [-1], "threshold": [0], "left": [-1],
                                                     "right": [-1], "value": [0.5]}]}, "no headline trees"),
    ({"features": WIDTH, "prior": 0, "trees": [{"feature": [0], "threshold": [0.5], "left": [5], "right": [6],
                                                 "value": [0]}]}, "outside the tree"),
    ({"features": WIDTH, "prior": 0, "trees": [{"feature": [WIDTH, -1, -1], "threshold": [0.5, 0, 0],
                                                 "left": [1, -1, -1], "right": [2, -1, -1], "value": [0, 1, 2]}]},
     "outside the tree"),
    ({"features": WIDTH, "prior": 0, "trees": [{"feature": [-1, -1], "threshold": [0], "left": [-1],
                                                 "right": [-1], "value": [0]}]}, "differ in length"),
    ({"features": WIDTH, "prior": 0, "trees": [{"feature": [-1], "threshold": [0], "left": [-1], "right": [-1],
                                                 "value": ["inf"]}]}, "outside the tree"),
])
def test_a_damaged_headline_model_is_one_clear_error(headline: object, says: str) -> None:
    with pytest.raises(LineModelError) as raised:
        line_model.load(json.dumps({**BASE, "headline": headline}), "pipeline/reading/line_model.json", ("a",))
    assert "pipeline/reading/line_model.json" in str(raised.value) and says in str(raised.value)


def test_a_model_without_a_headline_part_reads_as_before() -> None:
    assert line_model.load(json.dumps(BASE), "test", ("a",)).headline is None


def test_the_shipped_model_has_a_headline_part() -> None:
    model = line_model.shipped()
    assert model.headline is not None
    assert len(FEATURES) < model.headline.features <= len(FEATURES) + len(headline_model.FEATURES)


def test_a_headline_model_trained_before_the_last_features_reads_todays_rows() -> None:
    older = {"features": WIDTH - 2, "prior": 0.0, "trees": [{"feature": [WIDTH - 3, -1, -1], "threshold": [0.5, 0, 0],
                                                            "left": [1, -1, -1], "right": [2, -1, -1],
                                                            "value": [0.0, -2.0, 2.0]}]}
    model = line_model.load(json.dumps({**BASE, "headline": older}), "test", ("a",)).headline
    assert model is not None and model.features == WIDTH - 2
    row = [0.0] * WIDTH
    assert model.probability(row) < 0.5
    row[WIDTH - 3] = 1.0
    assert model.probability(row) > 0.5


def test_a_sites_tagline_above_the_headline_is_not_the_title() -> None:
    page = read_page(PAGE)
    assert page.headline == "Brand verwoest boerderij in Lunteren"
    lines = {line.text: line for line in page.lines}
    assert lines["Brand verwoest boerderij in Lunteren"].headline > lines[PAGE.split("\n")[0]].headline
    assert "[headline model " in explain_lines(page.lines)


def test_a_tagline_the_headline_model_rules_out_above_the_headline_is_taken_out_as_a_label() -> None:
    page = read_page(f"Jouw nieuws, elke dag\n\nBrand verwoest boerderij in Lunteren\n\nDoor Jan de Vries\n\n{LEDE}\n",
                     want_headline=True)
    assert page.headline == "Brand verwoest boerderij in Lunteren"
    assert Removed("Jouw nieuws, elke dag", Kind.KICKER, "label above the headline") in page.removed
    assert all(kind != Kind.TEXT or "Jouw nieuws" not in block for kind, block in page.blocks)


# An organisation's name above the headline that names it; the text far below repeats the headline's words.
NAMED_PAGE = f"""Hogeschool Leiden

Hogeschool Leiden opent nieuw studiejaar met feest

{LEDE}

De boerderij brandde helemaal af.

Hoe de brand ontstond, is nog niet bekend.

Een buurman zag de vlammen als eerste.

Het nieuwe studiejaar van de hogeschool begon met een feest voor alle studenten.
"""


def test_a_name_inside_the_headline_under_it_is_marked_and_the_whole_text_below_counts() -> None:
    texts, rows = rows_of(NAMED_PAGE)
    name, headline = rows[0], rows[texts.index("Hogeschool Leiden opent nieuw studiejaar met feest")]
    assert value(name, "part of a longer line at the top") == 1.0
    assert value(headline, "part of a longer line at the top") == 0.0
    # hogeschool, studiejaar, feest: in the last paragraph only, past the three under the headline
    assert value(headline, "words shared with the text below") == 0.0
    assert value(headline, "words shared with all the text below") == 3 / 6  # of its six content words
