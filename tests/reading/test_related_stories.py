"""Other stories under a heading of their own end the article: a heading no article uses for a part of its own
("Verder in het nieuws") always, a heading that may stand over one link amid the text ("Lees ook") only when
everything of the text under it is other stories' teasers (a title, at most one line under it)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.reading.furniture import button_line, dated_byline_row, related_heading
from pipeline.reading.lines import Kind
from pipeline.reading.page import read_page

HEAD = "Nieuwe fietsbrug over de Berkel gaat in juni open"
PARAGRAPHS = [
    "De nieuwe fietsbrug over de Berkel bij Eibergen gaat op 14 juni open. Dat heeft de gemeente laten weten "
    "na de laatste keuring van de brug.",
    "De bouw liep een half jaar vertraging op doordat het waterschap extra eisen stelde aan de pijlers in de "
    "oevers van de rivier.",
]
TEASERS = [
    ("Nieuwe bibliotheek in Neede opent in het voorjaar",
     "De bibliotheek verhuist naar het oude postkantoor aan de Markt. De verbouwing begint in januari en ..."),
    ("Gemeente zoekt vrijwilligers voor de kerstmarkt",
     "Voor de kerstmarkt op het Kerkplein zoekt de gemeente nog twintig vrijwilligers die willen hel"),
    ("Wethouder opent vernieuwd sportpark",
     "Het sportpark aan de Haaksbergseweg heeft er na een jaar bouwen twee kunstgrasvelden bij..."),
]


def _page(heading: str, below: list[str]) -> str:
    return "\n\n".join([HEAD, *PARAGRAPHS, heading, *below]) + "\n"


def _kept(page: str) -> list[str]:
    return [line.text for line in read_page(page).lines if line.kind in (Kind.TEXT, Kind.HEADING, Kind.HEADLINE)]


def _teaser_lines(count: int) -> list[str]:
    return [text for title, blurb in TEASERS[:count] for text in (title, blurb)]


def test_other_stories_under_their_sure_heading_are_furniture() -> None:
    kept = _kept(_page("Verder in het nieuws", _teaser_lines(3)))
    assert kept == [HEAD, *PARAGRAPHS]


def test_teasers_under_lees_ook_to_the_pages_end_are_furniture() -> None:
    kept = _kept(_page("Lees ook", _teaser_lines(2)))
    assert kept == [HEAD, *PARAGRAPHS]


def test_titles_alone_under_lees_ook_are_furniture() -> None:
    kept = _kept(_page("Lees ook", [title for title, _blurb in TEASERS]))
    assert kept == [HEAD, *PARAGRAPHS]


def test_a_link_amid_the_text_under_lees_ook_leaves_the_articles_next_paragraphs() -> None:
    more = ["De brug kost 2,4 miljoen euro. De provincie betaalt de helft van dat bedrag.",
            "Fietsers kunnen tot de opening omrijden via de brug bij de molen aan de rand van het dorp."]
    kept = _kept(_page("Lees ook", [TEASERS[0][0], *more]))
    assert all(sentence in kept for sentence in more)


def test_two_whole_paragraphs_under_lees_ook_titles_are_no_teasers() -> None:
    # a title and a whole paragraph twice over: a link and the article's next part under a sub-heading may look
    # so; three are needed when no line under a title is cut short as a teaser's blurb is
    lines = [TEASERS[0][0], "De brug kost 2,4 miljoen euro.", "Omleiding", "Fietsers rijden tot juni om."]
    kept = _kept(_page("Lees ook", lines))
    assert "De brug kost 2,4 miljoen euro." in kept and "Fietsers rijden tot juni om." in kept


def test_a_heading_shown_under_every_teaser_ends_nothing() -> None:
    below = [text for title, blurb in TEASERS for text in (title, blurb, "Lees ook")]
    kept = _kept(_page("Lees ook", below))
    assert TEASERS[0][1] in kept


def test_what_is_a_related_heading() -> None:
    assert related_heading("Verder in het nieuws") == "sure"
    assert related_heading("Gerelateerde artikels:") == "sure"
    assert related_heading("Meer berichten in deze categorie: Brug open (12-05-2024)") == "sure"
    assert related_heading("Lees ook") == "teasers"
    assert related_heading("Lees ook hoe de brug werd gebouwd") is None
    assert related_heading("Verder in het nieuws kwam de brug niet") is None


@given(st.lists(st.text(alphabet="abc .…\n", max_size=40), max_size=12), st.sampled_from(["Lees ook", "Related"]))
def test_hostile_lines_under_a_heading_never_lose_a_line_of_the_head(below: list[str], heading: str) -> None:
    kept = _kept(_page(heading, below))
    assert kept[:3] == [HEAD, *PARAGRAPHS]


# --- a byline and its dates in one row between bars ---------------------------------------------------------


def test_a_byline_and_its_dates_in_a_row_are_furniture() -> None:
    row = "Anna de Boer | 3 maart 2021 10:15 | Aangepast op 3 maart 2021 11:02"
    page = "\n\n".join([HEAD, row, *PARAGRAPHS]) + "\n"
    assert _kept(page) == [HEAD, *PARAGRAPHS]


def test_what_is_a_dated_byline_row() -> None:
    assert dated_byline_row("Published: Mar. 3, 2021 at 9:40 AM EDT|Updated: 12 minutes ago")
    assert dated_byline_row("Gepubliceerd: 3 maart 2021 | Bijgewerkt: 4 maart 2021")
    assert not dated_byline_row("Anna de Boer | Piet Smit | Klaas Visser")  # no date: a list of names
    assert not dated_byline_row("De raad besloot op 3 maart 2021 | Anna de Boer")  # a sentence in it
    assert not dated_byline_row("Uitslagen | 3 maart 2021")
    assert not dated_byline_row("3 maart 2021")  # no row


def test_a_dated_row_further_down_the_page_stays() -> None:
    row = "Anna de Boer | 3 maart 2021 10:15"
    filler = [f"Alinea {n} van het verhaal over de brug gaat hier verder met meer woorden." for n in range(12)]
    page = "\n\n".join([HEAD, *PARAGRAPHS, *filler, row, *PARAGRAPHS]) + "\n"
    reasons = {line.text: line.reason for line in read_page(page).lines}
    assert reasons[row] != "a byline and its dates in a row"  # a table's row of a document, maybe: not the head's


@given(st.lists(st.text(alphabet="ab 1:|", max_size=20), max_size=6))
def test_hostile_rows_between_bars_never_raise(parts: list[str]) -> None:
    assert dated_byline_row("|".join(parts)) in (True, False)


# --- a page's buttons alone on their line ---------------------------------------------------------------------


@pytest.mark.parametrize("button", ["Sharing is caring!", "Printvriendelijke versie", "• Be the first to comment",
                                    "U bent hier", "Een reactie posten", "Artikel drucken Artikel einbetten"])
def test_a_pages_button_among_the_paragraphs_is_furniture(button: str) -> None:
    page = "\n\n".join([HEAD, PARAGRAPHS[0], button, PARAGRAPHS[1]]) + "\n"
    assert _kept(page) == [HEAD, *PARAGRAPHS]


@pytest.mark.parametrize("line", ["Sharing is caring, zegt de wethouder.", "U bent hier welkom",
                                  "Verder lezen kon hij niet meer", "Naar boven kijken"])
def test_a_sentence_with_a_buttons_words_is_no_button(line: str) -> None:
    assert not button_line(line)


@given(st.text(alphabet="Sharing is caring!•U bent hier \n", max_size=80))
def test_hostile_lines_are_a_button_only_as_a_few_words(line: str) -> None:
    assert not button_line(line) or len(line.split()) <= 6


def test_a_button_said_over_and_over_on_one_line_is_no_button() -> None:
    assert not button_line("Sharing is caring! " * 5000)
