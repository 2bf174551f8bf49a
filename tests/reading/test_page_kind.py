"""A page that is no article (an index of teasers, a shop, agenda or login page) becomes a draft marked as
such, with no date taken from one of its items; a news story is not marked. The page kind model is data in
the package (``page_kind.json``), checked like the line model."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.model.config import config_from_mapping
from pipeline.reading import page_kind
from pipeline.reading.draft import SourceInfo, drafts_from_bytes
from pipeline.reading.line_model import LineModelError
from pipeline.reading.page_words import END_MARK, LINE_MARK, page_terms

SCRAPED = datetime(2024, 4, 1, tzinfo=UTC)
CONFIG = config_from_mapping({})

_TEASERS = [
    ("Nieuwe speeltuin in het Duinpark geopend", "12 maart 2024",
     "De nieuwe speeltuin aan de rand van het Duinpark is dinsdag geopend door wethouder De Vries."),
    ("Werkzaamheden aan de Kerkstraat duren langer", "8 maart 2024",
     "De vervanging van het riool in de Kerkstraat loopt twee weken vertraging op."),
    ("Inloopavond over het nieuwe parkeerbeleid", "5 maart 2024",
     "Bewoners kunnen op donderdagavond in het raadhuis vragen stellen over het parkeerbeleid."),
    ("Subsidie voor groene daken weer open", "1 maart 2024",
     "Vanaf vandaag kunnen inwoners opnieuw subsidie aanvragen voor een groen dak."),
    ("Afvalkalender 2024 verschenen", "27 februari 2024",
     "De nieuwe afvalkalender is te downloaden en ligt ook in het gemeentehuis."),
    ("Raad stemt in met nieuwe sporthal", "22 februari 2024",
     "De gemeenteraad heeft donderdagavond ingestemd met de bouw van een nieuwe sporthal."),
    ("Strandpaviljoens mogen langer open", "15 februari 2024",
     "Strandpaviljoens mogen dit seizoen tot middernacht open blijven, besloot het college."),
]
# A municipality's news index: each teaser a headline, its date before a one-sentence lede, "Lees meer".
INDEX = "Nieuws\n\n" + "\n\n".join(f"{title}\n{day} - {lede}\nLees meer" for title, day, lede in _TEASERS) + \
    "\n\nVorige 1 2 3 4 Volgende\n"

ARTICLE = """Nieuwe speeltuin in het Duinpark geopend

12 maart 2024

De nieuwe speeltuin aan de rand van het Duinpark is dinsdag geopend door wethouder De Vries. Kinderen uit de \
buurt mochten als eersten de klimtoren en de waterpomp uitproberen.

De speeltuin is ontworpen samen met leerlingen van twee basisscholen in de wijk. Zij tekenden vorig jaar hun \
ideale speelplek, en veel van die tekeningen zijn terug te zien in het ontwerp.

"We wilden een plek waar kinderen zelf iets kunnen bouwen", zegt De Vries. De gemeente trok er ruim twee ton \
voor uit. Omwonenden zijn tevreden, al vrezen sommigen voor overlast in de avond.

De speeltuin is elke dag open van acht uur 's ochtends tot zonsondergang.
"""


def draft_of(text: str, explain: bool = False) -> tuple[dict[str, object], dict[str, str]]:
    source = SourceInfo("raw/page.txt", "0" * 64, SCRAPED, SCRAPED)
    draft = drafts_from_bytes(text.encode("utf-8"), source, CONFIG, explain=explain)[0]
    return draft.article.meta, draft.evidence


def test_an_index_of_teasers_is_marked_and_takes_no_date_from_its_first_item() -> None:
    meta, evidence = draft_of(INDEX)
    assert meta.get("page_kind") == "not-article"
    assert "date" not in meta  # before: 2024-03-12, the first teaser's day
    assert evidence["page kind"].startswith("not an article: ")
    assert "weighed most: " in evidence["page kind"]


def test_an_index_that_names_its_own_publication_date_keeps_it() -> None:
    meta, _ = draft_of(INDEX.replace("Nieuws\n\n", "Nieuws\nGepubliceerd op: 2 april 2024\n\n", 1))
    assert meta.get("page_kind") == "not-article"
    assert str(meta["date"]).startswith("2024-04-02")


def test_a_news_story_is_not_marked_and_keeps_its_date() -> None:
    meta, evidence = draft_of(ARTICLE, explain=True)
    assert "page_kind" not in meta
    assert str(meta["date"]).startswith("2024-03-12")
    assert evidence["page kind"].startswith("an article: ")  # --explain says why it was not marked


def test_without_explain_an_article_carries_no_page_kind_evidence() -> None:
    _, evidence = draft_of(ARTICLE)
    assert "page kind" not in evidence


def test_the_shipped_model_matches_the_features_the_reader_computes() -> None:
    model = page_kind.shipped()
    assert model.features == page_kind.KIND_FEATURES
    assert 0.5 <= model.threshold <= 1.0


@pytest.mark.parametrize("data", [
    None, [], {"format": 2}, {"format": 1, "features": ["a"], "trees": [], "threshold": 0.6},
    {"format": 1, "features": ["a"], "threshold": 0.6,
     "trees": [{"feature": [5], "threshold": [0.0], "left": [0], "right": [0], "value": [{}]}]},
    {"format": 1, "features": ["a"], "threshold": 7,
     "trees": [{"feature": [-1], "threshold": [0], "left": [-1], "right": [-1], "value": [{"0": 1}]}]},
    {"format": 1, "features": ["a"], "threshold": "nan",
     "trees": [{"feature": [-1], "threshold": [0], "left": [-1], "right": [-1], "value": [{"0": 1}]}]},
])
def test_a_damaged_page_kind_model_is_one_clear_error(data: object) -> None:
    with pytest.raises(LineModelError, match="not a usable page kind model"):
        page_kind.from_data(json.loads(json.dumps(data)))


_LEAF = [{"feature": [-1], "threshold": [0], "left": [-1], "right": [-1], "value": [{"0": 1}]}]


@pytest.mark.parametrize("words", [
    None, [], ["lees meer"], "lees meer", {"lees meer": None}, {"lees meer": "1.5"}, {"lees meer": True},
    {"lees meer": [1]}, {"lees meer": 1e400}, {"": 1.0}, {"   ": 1.0}, {"Lees Meer": 1.0}, {"x" * 201: 1.0},
])
def test_a_damaged_vocabulary_is_one_clear_error(words: object) -> None:
    """The vocabulary in the model file is checked as the trees are: a term no page can hold (empty, in capitals,
    longer than two words could be) or a weight that is no finite number makes the file unusable, not a
    page's score quietly wrong."""
    data = {"format": page_kind.FORMAT, "features": ["a"], "threshold": 0.6, "trees": _LEAF, "words": words}
    with pytest.raises(LineModelError, match="not a usable page kind model"):
        page_kind.from_data(json.loads(json.dumps(data)))
    without = {key: value for key, value in data.items() if key != "words"}
    with pytest.raises(LineModelError, match="not a usable page kind model"):
        page_kind.from_data(without)


def test_the_shipped_vocabulary_weighs_terms_a_page_can_hold() -> None:
    """Each term is a word, a pair of words, a short line whole or a line's last two words: a line made of it
    gives it back (the mark of a line's own term is no word, so no page's words give it)."""
    words = page_kind.shipped().words
    assert words and all(term == term.lower() for term in words)
    for term in words:
        if term.startswith(LINE_MARK):
            assert 1 <= len(term.split()) - 1 <= 4 and term in page_terms(term[len(LINE_MARK):])
        elif term.startswith(END_MARK):
            assert len(term.split()) - 1 == 2 and term in page_terms("eerst " + term[len(END_MARK):])
        else:
            assert 1 <= len(term.split()) <= 2 and term in page_terms(term)


def test_ingest_writes_the_mark_and_explain_says_why(tmp_path: Path) -> None:
    from tests.helpers import cli

    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "nieuws.txt").write_text(INDEX, encoding="utf-8")
    result = cli(tmp_path, "ingest", "--explain")
    assert result.exit_code in (0, 1), result.stderr
    assert "page kind" in result.stdout and "not an article: " in result.stdout
    drafts = list((tmp_path / "drafts").glob("*.md"))
    assert len(drafts) == 1
    text = drafts[0].read_text(encoding="utf-8")
    assert 'page_kind: "not-article"' in text and "\ndate:" not in text
    checked = cli(tmp_path, "validate")
    assert checked.exit_code == 1 and "[not-article] page_kind" in checked.stdout


# A model that judges every page no article, to test what such a page gets whatever its text.
_ALWAYS = page_kind.from_data({"format": page_kind.FORMAT, "features": list(page_kind.KIND_FEATURES), "threshold": 0.5,
                                "trained_on": "marks every page", "words": {},
                                "trees": [{"feature": [-1], "threshold": [0], "left": [-1], "right": [-1],
                                           "value": [{"1": 1.0}]}]})
_MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"]
_DAY_FORMS = st.tuples(st.integers(1, 28), st.integers(1, 12), st.integers(2000, 2030)).flatmap(
    lambda day: st.sampled_from([f"{day[0]} {_MONTHS[day[1] - 1]} {day[2]}", f"{day[0]:02d}-{day[1]:02d}-{day[2]}",
                                 f"{day[2]}-{day[1]:02d}-{day[0]:02d}"]))
_LINE = st.sampled_from(["Nieuwe speeltuin geopend", "Lees meer", "Werkzaamheden aan de Kerkstraat duren langer",
                         "De raad stemde donderdagavond in met het plan.", "Door Anna de Vries", "Nieuws", "Agenda"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_LINE, _DAY_FORMS, st.tuples(_LINE, _DAY_FORMS).map(" - ".join)), min_size=1, max_size=14),
       st.one_of(st.none(), _DAY_FORMS))
def test_a_page_judged_no_article_is_dated_only_by_its_own_publication_label(lines: list[str],
                                                                             label: str | None) -> None:
    text = "\n".join(([f"Gepubliceerd op: {label}"] if label else []) + lines + ["Dit is de laatste regel."])
    with page_kind.using(_ALWAYS):
        meta, _ = draft_of(text)
    assert meta.get("page_kind") == "not-article"
    if label is None:
        assert "date" not in meta, (text, meta.get("date"))
    elif "date" in meta:
        day = next(form for form in [label] if form)
        assert str(meta["date"])[:10] == _iso(day), (text, meta["date"])


def _iso(day: str) -> str:
    parts = day.split()
    if len(parts) == 3:
        return f"{int(parts[2]):04d}-{_MONTHS.index(parts[1]) + 1:02d}-{int(parts[0]):02d}"
    first, second, third = day.split("-")
    return f"{third}-{second}-{first}" if len(third) == 4 else day
