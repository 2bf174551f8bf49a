"""A document's sub-headings: its first section under the title, which stands where a news page has a label."""

from __future__ import annotations

import pytest

from pipeline.reading.lines import Kind
from pipeline.reading.page import read_page
from tests.reading.line_model_stub import model_gives

# Minutes as a municipality's site shows them: the title, the meeting, then its first section over a list of
# names (no paragraph below it: the page's first prose comes later).
MINUTES = """Raadsvergadering Zonnedal

Vergadering van dinsdag 4 maart

Samenstelling

Anna de Boer, voorzitter
Pieter Smit, raadslid
Kees Jansen, griffier

Besluiten

De raad stemt in met het nieuwe reglement voor de begraafplaats aan de Kerkweg. Het reglement gaat op 1 mei in.
"""


def test_a_word_under_the_title_the_model_takes_for_a_sub_heading_is_no_label(
        monkeypatch: pytest.MonkeyPatch) -> None:
    heading = {"sub-heading": 0.4, "kicker": 0.3, "body": 0.3}
    model_gives(monkeypatch, {"Samenstelling": heading, "Besluiten": heading}, decides=("furniture", "headings"))
    page = read_page(MINUTES)
    assert page.headline == "Raadsvergadering Zonnedal"
    assert [block for kind, block in page.blocks if kind == Kind.HEADING] == ["Samenstelling", "Besluiten"]
    assert page.kicker != "Samenstelling"


def test_a_word_under_the_title_the_model_does_not_take_for_a_sub_heading_is_a_label(
        monkeypatch: pytest.MonkeyPatch) -> None:
    model_gives(monkeypatch, {"Samenstelling": {"sub-heading": 0.1, "kicker": 0.6, "body": 0.3}},
                decides=("furniture", "headings"))
    page = read_page(MINUTES)
    samenstelling = next(line for line in page.lines if line.text == "Samenstelling")
    assert samenstelling.kind == Kind.KICKER and samenstelling.reason == "label under the headline"
