"""What the line model sees repeat among a line's neighbours (a list's items opening alike, a document's
"Label: value" fields, a run of lines of one shape), and a model trained before those features were appended."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.reading import headline_model, line_model
from pipeline.reading.line_features import FEATURES, first_word, is_field, page_features
from pipeline.reading.lines import Page
from pipeline.reading.page import first_pass, read_page

TEASERS = """Raad stemt in met nieuwe sporthal in Wijchen

WIJCHEN - De gemeenteraad van Wijchen heeft donderdagavond ingestemd met de bouw van een nieuwe sporthal aan de
Touwslager. De oude hal is volgens het college niet meer te redden en wordt gesloopt.

Meest gelezen
- Binnenland 14:20 Trein rijdt weer tussen Nijmegen en Arnhem
- Regio 14:05 Wethouder opent nieuwe speeltuin in Beuningen
- Sport 13:52 NEC wint oefenduel van Vitesse
- Regio 13:31 Fietspad langs Maas maanden dicht
"""

RULING = """Uitspraak over de bouw van een schuur

Instantie: Rechtbank Gelderland
Datum uitspraak: 3 mei 2021
Zaaknummer: AWB 20/1234
Rechtsgebied: Bestuursrecht

De rechtbank oordeelt dat het college de vergunning voor de schuur terecht heeft geweigerd. De eiser heeft
niet aangetoond dat de schuur past binnen het bestemmingsplan.

Het college mocht daarbij betekenis toekennen aan het advies van de welstandscommissie over de hoogte.

Ook de zienswijze van de buren heeft het college zorgvuldig gewogen, aldus de rechtbank.

Het beroep is daarom ongegrond en de eiser krijgt het griffierecht niet terug.
"""

MENU = """Nieuws
Sport
Regio
Weer
Verkeer

Storm laat bomen omwaaien in Ede

Door de zware storm zijn zondag in Ede tientallen bomen omgewaaid. De brandweer had het de hele dag druk met
het opruimen van takken die op straat waren gevallen.
"""


def rows_by_text(page: str) -> dict[str, list[float]]:
    lines = first_pass(page, (), frozenset(), Page())[0]
    return {line.text: row for line, row in zip(lines, page_features(lines), strict=True)}


def value(row: list[float], name: str) -> float:
    return row[FEATURES.index(name)]


def test_a_list_of_teasers_opens_alike_where_the_article_does_not() -> None:
    rows = rows_by_text(TEASERS)
    teaser = rows["- Sport 13:52 NEC wint oefenduel van Vitesse"]
    assert value(teaser, "same first word near") == 3.0  # the other three teasers open with "-" too
    lede = rows[next(text for text in rows if text.startswith("WIJCHEN"))]
    assert value(lede, "same first word near") == 0.0


def test_a_documents_header_is_a_block_of_fields() -> None:
    rows = rows_by_text(RULING)
    number = rows["Zaaknummer: AWB 20/1234"]
    assert value(number, "field shape") == 1.0 and value(number, "fields near") == 3.0
    text = rows[next(text for text in rows if text.startswith("Het beroep is daarom"))]
    assert value(text, "field shape") == 0.0 and value(text, "fields near") == 0.0


def test_a_menu_is_a_run_of_lines_of_one_shape() -> None:
    rows = rows_by_text(MENU)
    assert value(rows["Regio"], "shape run") == 5.0  # the menu's five one-word lines
    assert value(rows["Storm laat bomen omwaaien in Ede"], "shape run") == 1.0


def test_first_words_and_fields() -> None:
    assert first_word("14:23 Ajax verliest") == first_word("13:32 Defensie stuurt") == "00:00"
    assert first_word("Geplaatst op: 17-12-2017") == "geplaatst" and first_word("   ") == ""
    assert is_field("ECLI: ECLI:NL:RBGEL:2021:1234") and is_field("Datum uitspraak: 3 mei 2021")
    assert not is_field("Zaaknummer:")  # a label without its value
    assert not is_field("de burgemeester zei: nee")  # no capitalised label
    assert not is_field("Volgens de woordvoerder van de gemeente Ede is het zo: de weg blijft dicht")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("Ab1:- .\t•é"), max_size=60), max_size=30))
def test_the_repeat_features_are_bounded_on_any_page(texts: list[str]) -> None:
    lines = first_pass("\n".join(texts), (), frozenset(), Page())[0]
    for row in page_features(lines):
        assert 0.0 <= value(row, "same first word near") <= 8.0
        assert value(row, "field shape") in (0.0, 1.0) and 0.0 <= value(row, "fields near") <= 6.0
        assert 1.0 <= value(row, "shape run") <= 20.0


# --- a model trained before the last features were appended ---------------------------------------------

OLD = len(FEATURES) - 4  # the features the shipped model of the last round was trained on
SHARED_BELOW = OLD + headline_model.FEATURES.index("words shared with the text below")


def old_model(headline_feature: int) -> dict[str, object]:
    """A model of the features before the repeats: every line body, and a headline part that is sure of a
    line whose words the text below repeats (it splits on ``headline_feature``)."""
    return {"format": 1, "features": list(FEATURES[:OLD]), "roles": ["body", "headline"],
            "trees": [{"feature": [-1], "threshold": [0], "left": [-1], "right": [-1], "value": [{"0": 1}]}],
            "headline": {"features": OLD + len(headline_model.FEATURES), "prior": 0,
                         "trees": [{"feature": [headline_feature, -1, -1], "threshold": [0.5, 0, 0],
                                    "left": [1, -1, -1], "right": [2, -1, -1], "value": [0, -5, 5]}]}}


def test_a_model_trained_before_the_features_were_appended_still_loads() -> None:
    model = line_model.load(json.dumps(old_model(SHARED_BELOW)), "line_model.json", FEATURES)
    assert model.features == FEATURES[:OLD]


def test_a_model_of_other_features_is_still_refused() -> None:
    other = {**old_model(SHARED_BELOW), "features": ["words", *FEATURES[2:OLD + 1]]}
    try:
        line_model.load(json.dumps(other), "line_model.json", FEATURES)
    except line_model.LineModelError as error:
        assert "retrain" in str(error)
    else:
        raise AssertionError("a model of other features was loaded")


def test_such_a_model_reads_its_headline_features_where_it_was_trained_to() -> None:
    page = ("Gemeente Ede bouwt nieuwe brug over de Valleilijn\n\nDe gemeente Ede bouwt een nieuwe brug over de "
            "Valleilijn. De brug over de Valleilijn moet in 2026 klaar zijn, zegt de gemeente Ede.\n")
    model = line_model.LineModel.from_data(old_model(SHARED_BELOW))
    with line_model.using(model):
        lines = read_page(page).lines
    # the headline's words all stand in the text below: the split goes right (+5), not on "same first word near"
    assert lines[0].headline > 0.99
