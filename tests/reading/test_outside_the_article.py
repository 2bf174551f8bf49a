"""Where a page's article begins and ends by the line model's word: a line of a few words above or below that span
(a menu's item, a teaser list's label) that the model half takes for furniture is furniture; nothing of four
words or more, nothing inside the span, nothing that may head the text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pipeline.reading.page as page_module
from pipeline.reading.lines import Kind, PageLine
from pipeline.reading.run_of_text import OUTSIDE_FURNITURE, cut_outside_the_learnt_article, is_whole_page
from tests.reading.line_model_stub import model_gives

PARAGRAPHS = [
    "De nieuwe fietsbrug over de IJssel bij Zutphen gaat op 14 juni open. Dat heeft de provincie Gelderland laten "
    "weten na de laatste keuring van de brug.",
    "De bouw liep een half jaar vertraging op doordat het waterschap extra eisen stelde aan de pijlers in de "
    "uiterwaarden van de rivier.",
    "Wethouder Marieke de Vries is blij dat de brug er nu eindelijk komt. Volgens haar fietsen er straks elke dag "
    "ruim vierduizend scholieren en forenzen overheen.",
]
# lines the model half takes for furniture: more than OUTSIDE_FURNITURE, less than it asks of a line anywhere
HALF_FURNITURE = {"Uitgelicht": {"related": 0.45, "body": 0.55}, "Waterschap": {"navigation": 0.4, "body": 0.6},
                  "Fietsroutes Achterhoek": {"navigation": 0.45, "body": 0.55},
                  "Regio Zutphen ›": {"related": 0.4, "body": 0.6}}


def model_says(monkeypatch: pytest.MonkeyPatch, shares: dict[str, dict[str, float]]) -> None:
    """The page reader's line model, as if it gave these lines these shares (every other line: body)."""
    model_gives(monkeypatch, shares, decides=("furniture", "headings"))


def test_a_label_below_the_article_the_model_half_takes_for_furniture_is_taken_out(
        monkeypatch: pytest.MonkeyPatch) -> None:
    model_says(monkeypatch, HALF_FURNITURE)
    page = page_module.read_page("\n\n".join([
        "Nieuwe fietsbrug over de IJssel bij Zutphen gaat in juni open", PARAGRAPHS[0], "Waterschap", PARAGRAPHS[1],
        PARAGRAPHS[2], "Uitgelicht", "Fietsroutes Achterhoek", "Regio Zutphen ›"]))
    kept = [line.text for line in page.lines if line.kind == Kind.TEXT]
    # below the article: taken out, though the model gives neither the half of its votes a line needs elsewhere
    below = ("Uitgelicht", "Fietsroutes Achterhoek", "Regio Zutphen ›")
    assert not any(line in kept for line in below)
    assert all("outside the article" in removed.reason for removed in page.removed if removed.line in below)
    # the same share between the article's paragraphs: kept
    assert "Waterschap" in kept
    assert all(paragraph in kept for paragraph in PARAGRAPHS)


def test_a_line_over_the_first_paragraph_and_a_cut_off_ending_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    model_says(monkeypatch, {**HALF_FURNITURE, "Wat er nog moet": {"navigation": 0.45, "body": 0.55}})
    page = page_module.read_page("\n\n".join([
        "Nieuwe fietsbrug over de IJssel bij Zutphen gaat in juni open", "Waterschap", *PARAGRAPHS, "Uitgelicht",
        "Wat er nog moet"]))
    kept = [line.text for line in page.lines if line.kind == Kind.TEXT]
    assert "Uitgelicht" not in kept  # below the article
    assert "Waterschap" in kept  # right over the first paragraph it may head it, though above the article's span
    assert "Wat er nog moet" in kept  # the page's last line stops on a word: the text may be cut off there


# a line as the model left it: its text (a word or two, or a sentence), whether the rules cut it already, and the
# model's share of furniture votes for it
_LINE = st.tuples(st.sampled_from(["Uitgelicht", "Fietsroutes Achterhoek", "Lees ook dit", "Wat er nog moet",
                                   "Het college neemt het besluit volgende week.", *PARAGRAPHS]),
                  st.booleans(), st.floats(0.0, 1.0))


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=60))
def test_only_a_line_of_a_few_words_outside_the_article_is_ever_taken_out(page: list[tuple[str, bool, float]]) -> None:
    """Whatever the page and the model's word: a line taken out was a line of text of fewer than four words (never
    a sentence of the article) with at least OUTSIDE_FURNITURE of the furniture votes; a whole page flattened is
    left to the run of text."""
    lines = [PageLine(text, index, Kind.FURNITURE if cut else Kind.TEXT) for index, (text, cut, _) in
             enumerate(page)]
    for line, (_, _, share) in zip(lines, page, strict=True):
        line.shares = {"navigation": share, "body": 1 - share}
        line.role, line.share = max(line.shares.items(), key=lambda item: (item[1], item[0]))
    before = [line.kind for line in lines]
    cut_outside_the_learnt_article(lines, lambda line: line.shares["navigation"])
    changed = [index for index, line in enumerate(lines) if line.kind != before[index]]
    for index in changed:
        line = lines[index]
        assert before[index] == Kind.TEXT and line.kind == Kind.FURNITURE and "outside the article" in line.reason
        assert len(line.text.split()) < 4 and line.shares["navigation"] >= OUTSIDE_FURNITURE
    if is_whole_page(lines):
        assert not changed  # a whole page flattened is cut_below_the_learnt_article's
