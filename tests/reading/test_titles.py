"""Titles an editor keeps: the headline line whole when its edges are its own, a derived title that ends
where a clause ends."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.reading import headline_choice
from pipeline.reading.extract import title_from_lede
from pipeline.reading.head import read_head
from pipeline.reading.headline_choice import (
    HEADLINE_VETO,
    RANKED_CAPTION,
    RANKED_OVER_DATE,
    RANKED_OVER_NAME,
    RANKED_SHARE,
)
from pipeline.reading.lines import Kind, Page, PageLine
from pipeline.reading.page import read_page
from pipeline.reading.text import split_sentences

LEDE = ("De gemeenteraad heeft dinsdagavond ingestemd met het voorstel van het college om de zendtijd opnieuw te "
        "verdelen. Omroep Rijnwoude krijgt daardoor meer uren op de kabel.")


def test_a_day_and_its_month_end_no_sentence() -> None:
    text = "Die Ersatzwahl vom 17. Mai 2020 wird verschoben. Der Urnengang findet am 27. September statt."
    assert split_sentences(text) == ["Die Ersatzwahl vom 17. Mai 2020 wird verschoben.",
                                     "Der Urnengang findet am 27. September statt."]
    assert split_sentences("Er kam um 10. Dann ging er.") == ["Er kam um 10.", "Dann ging er."]


def test_a_derived_title_keeps_the_date_it_names_whole() -> None:
    found = title_from_lede("Öffentliche Sitzung des Gemeinderates am 13. Dezember 2021. Beginn: 19 Uhr.", 90)
    assert found.value == "Öffentliche Sitzung des Gemeinderates am 13. Dezember 2021"


def test_a_name_the_text_says_too_stays_in_the_headline() -> None:
    page = read_page(f"Raad akkoord met nieuwe zendtijdtoewijzing Omroep Rijnwoude\n\n{LEDE}\n", want_headline=True)
    assert page.headline == "Raad akkoord met nieuwe zendtijdtoewijzing Omroep Rijnwoude"


def test_an_authors_name_the_text_never_says_comes_off() -> None:
    page = read_page(f"Raad akkoord met nieuwe zendtijdtoewijzing voor de omroep Wouter Hertogs\n\n{LEDE}\n",
                     want_headline=True)
    assert page.headline == "Raad akkoord met nieuwe zendtijdtoewijzing voor de omroep"


@pytest.mark.parametrize("headline", ["Jaarvergadering in goede sfeer bij de Kamper Brandweer",
                                      "Halve finale eindigt in strafschoppen: Team Noord vs Team Zuid"])
def test_two_capitalised_words_after_an_article_or_vs_are_no_authors_name(headline: str) -> None:
    page = read_page(f"{headline}\n\n{LEDE}\n", want_headline=True)
    assert page.headline == headline


def test_a_word_the_text_says_with_the_headlines_first_word_is_no_label() -> None:
    lede = ("Saïd Al-Haddad schrijft al jaren voor de krant over de buurt. Hij kijkt terug op een jaar vol "
            "verandering in de wijk.")
    page = read_page(f"Saïd Al-Haddad blikt terug op 2022\n\n{lede}\n", want_headline=True)
    assert page.headline == "Saïd Al-Haddad blikt terug op 2022"


# A capitalised word glued before the headline that the text uses inside a sentence is the headline's own (an
# organisation, a title); a site's label ("VIDEO", "Live") heads lines and teasers and comes off.
GGD_LEDE = ("De vaccinatiebus van de GGD staat woensdag op het marktplein in Kampen. Wie nog geen prik heeft gehad, "
            "kan zonder afspraak langskomen.")


@pytest.mark.parametrize(("line", "lede", "headline"), [
    ("GGD Vaccinatiebus komt woensdag naar Kampen", GGD_LEDE, "GGD Vaccinatiebus komt woensdag naar Kampen"),
    ("Burgemeester Wil ook een tweede vaccinatiebus in Kampen",
     "Volgens de Burgemeester moet er een tweede bus komen. Ook de GGD wil meer inwoners een prik geven.",
     "Burgemeester Wil ook een tweede vaccinatiebus in Kampen"),
    ("VIDEO Vaccinatiebus komt woensdag naar Kampen", GGD_LEDE, "Vaccinatiebus komt woensdag naar Kampen"),
    # said only where a line starts ("GGD: ..."), or in lower case: a label all the same
    ("GGD Vaccinatiebus komt woensdag naar Kampen",
     "GGD: de bus staat woensdag op het marktplein in Kampen. Wie nog geen prik heeft gehad, kan langskomen.",
     "Vaccinatiebus komt woensdag naar Kampen"),
])
def test_a_glued_word_the_text_says_in_a_sentence_stays_in_the_headline(line: str, lede: str, headline: str) -> None:
    page = read_page(f"{line}\n\n{lede}\n", want_headline=True)
    assert page.headline == headline


def _head(texts: list[str], shares: list[float], furniture: list[float] | None = None) -> list[PageLine]:
    """The head's lines with the headline model's shares, and the line model's share of furniture (none: body)."""
    lines = [PageLine(text, block, role="body", headline=share)
             for block, (text, share) in enumerate(zip(texts, shares, strict=True))]
    for line, share in zip(lines, furniture or [], strict=False):
        line.shares = {"navigation": share, "body": 1 - share}
    return lines


LEDE_LINE = "De ministerraad vergaderde op vrijdag in de Wetstraat, onder voorzitterschap van de premier."


@pytest.mark.parametrize(("texts", "shares", "headline"), [
    # a date line's shape, a name's shape: the headline model is sure of them, the rules give way
    (["18 jul 2003 19:00", "Ministerraad van 18 juli 2003"], [-1.0, RANKED_OVER_DATE], "Ministerraad van 18 juli 2003"),
    (["Letzter Ausweg Insolvenz"], [RANKED_OVER_NAME], "Letzter Ausweg Insolvenz"),
])
def test_the_line_the_headline_model_is_sure_of_is_no_date_line_or_name(texts: list[str], shares: list[float],
                                                                       headline: str) -> None:
    page = Page()
    head = _head(texts, shares)
    read_head(head, PageLine(LEDE_LINE, len(texts)), page, frozenset(), True, LEDE_LINE)
    assert page.headline == headline
    assert head[-1].kind == Kind.HEADLINE


@pytest.mark.parametrize(("text", "kind"), [("Ministerraad van 18 juli 2003", Kind.DATE_LINE),
                                            ("Letzter Ausweg Insolvenz", Kind.BYLINE)])
def test_below_the_share_the_rules_shapes_hold(text: str, kind: Kind) -> None:
    page = Page()
    head = _head([text, "Nieuws uit de regio over de raad"], [min(RANKED_OVER_DATE, RANKED_OVER_NAME) - 0.01, 0.5])
    read_head(head, PageLine(LEDE_LINE, 2), page, frozenset(), True, LEDE_LINE)
    assert head[0].kind == kind and page.headline == "Nieuws uit de regio over de raad"


LINE_TEXT = st.text(alphabet="aZ 0.:1-juli", min_size=1, max_size=40).map(lambda text: " ".join(text.split()))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(LINE_TEXT.filter(bool), st.floats(min_value=-1.0, max_value=1.0)), min_size=1, max_size=6))
def test_the_head_is_read_whatever_its_lines_and_shares(lines: list[tuple[str, float]]) -> None:
    page = Page()
    head = _head([text for text, _ in lines], [share for _, share in lines])
    read_head(head, PageLine(LEDE_LINE, len(lines)), page, frozenset(), True, LEDE_LINE)
    chosen = [line for line in head if line.kind == Kind.HEADLINE]
    assert len(chosen) <= 1 and (not chosen or page.headline)


LEDE_WORDS = st.lists(st.sampled_from(["De", "raad", "besloot", "op", "13.", "Dezember", "2021", "am", "17.", "Mai",
                                       ",", ";", ":", " -", ".", "!", "?", "die", "Het", "college", "wil", "(", ")",
                                       "meer", "woningen", "in", "Apeldoorn", "en", "dat", "zegt", "3", "Uhr"]),
                      min_size=1, max_size=60).map(lambda parts: " ".join(parts).replace(" ,", ",").replace(" ;", ";"))


@settings(max_examples=300, deadline=None)
@given(LEDE_WORDS)
def test_a_derived_title_ends_where_a_sentence_or_clause_of_the_lede_ends(lede: str) -> None:
    found = title_from_lede(lede, 40)
    if not found.value:
        return
    at = lede.find(found.value)
    assert at >= 0  # the lede's own words, in its order
    after = lede[at + len(found.value):].lstrip(" ")
    assert found.value[-1] in ".!?" or after[:1] in ("", *".!?;:,-")


@pytest.mark.parametrize(("share", "kind"), [(RANKED_CAPTION, Kind.HEADLINE), (RANKED_CAPTION - 0.01, Kind.CAPTION)])
def test_a_caption_with_its_credit_at_the_top_is_the_headline_only_when_the_headline_model_says_so(
        share: float, kind: Kind) -> None:
    page = Page()
    caption = PageLine("Prikhokken in de vaccinatielocatie in Middelburg (foto: Omroep Zeeland)", 0, Kind.CAPTION,
                       role="caption", headline=share)
    read_head([caption], PageLine(LEDE_LINE, 1), page, frozenset(), True, LEDE_LINE)
    assert caption.kind == kind
    assert page.headline == ("Prikhokken in de vaccinatielocatie in Middelburg" if kind == Kind.HEADLINE else "")


WEAK_HEAD = ["Nieuws en achtergronden uit de Liemers", "Sporthal in Zevenaar gaat in maart open"]


def test_the_line_the_headline_model_ranks_first_is_the_headline_from_the_least_share() -> None:
    page = Page()
    head = _head(WEAK_HEAD, [0.02, RANKED_SHARE])
    read_head(head, PageLine(LEDE_LINE, 2), page, frozenset(), True, LEDE_LINE)
    assert page.headline == "Sporthal in Zevenaar gaat in maart open"
    assert head[1].kind == Kind.HEADLINE


def test_below_the_least_share_no_line_is_the_headline() -> None:
    page = Page()
    head = _head(WEAK_HEAD, [0.02, RANKED_SHARE - 0.01])
    read_head(head, PageLine(LEDE_LINE, 2), page, frozenset(), True, LEDE_LINE)
    assert page.headline == "" and all(line.kind != Kind.HEADLINE for line in head)


def test_a_headline_the_model_chose_makes_a_kicker_of_a_short_line_above_it() -> None:
    page = Page()
    head = _head(["Regio Liemers vandaag", "Sporthal in Zevenaar gaat in maart open"], [0.02, RANKED_SHARE])
    read_head(head, PageLine(LEDE_LINE, 2), page, frozenset(), True, LEDE_LINE)
    assert page.headline == "Sporthal in Zevenaar gaat in maart open"
    assert head[0].kind == Kind.KICKER and page.kicker == "Regio Liemers vandaag"


@pytest.mark.parametrize("fragment", ["2021", "5", "1.", "12-03"])
def test_a_line_with_no_word_is_never_the_headline_whatever_the_model_gives_it(fragment: str) -> None:
    page = Page()
    head = _head(["Nieuws en achtergronden uit de Liemers", fragment], [0.02, 0.9])
    read_head(head, PageLine(LEDE_LINE, 2), page, frozenset(), True, LEDE_LINE)
    assert page.headline != fragment and head[1].kind != Kind.HEADLINE


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789 .,:-/()%", min_size=1, max_size=30).filter(str.strip),
       st.floats(min_value=0.0, max_value=1.0), st.floats(min_value=0.0, max_value=0.09))
def test_the_headline_models_share_never_makes_a_line_without_a_word_the_headline(fragment: str, share: float,
                                                                                 other: float) -> None:
    # the rules' choice (the first line of words) the model all but rules out: its share alone decides
    page = Page()
    head = _head(["Nieuws en achtergronden uit de Liemers", " ".join(fragment.split())], [other, share])
    read_head(head, PageLine(LEDE_LINE, 2), page, frozenset(), True, LEDE_LINE)
    assert head[1].kind != Kind.HEADLINE and page.headline in ("", "Nieuws en achtergronden uit de Liemers")


# A paper's name and edition above the story's headline: the headline model ranks them about as high, and
# the headline is the line nearest its text, when the line model takes the line passed over for furniture
# (a line it takes for text is the page's own title over a section's or an item's: "Ledenbrief van de
# buurtvereniging" over its first item). Measured leave-sites-out: see ``headline_choice.RANKED_CLOSE``.
OLDTIMER_LEDE = "Zaterdag staan in het centrum van Ede oldtimers, muzikanten en mensen in klederdracht opgesteld."
_MENU = headline_choice.RANKED_CLOSE_FURNITURE  # the line model's share of furniture a line passed over needs


@pytest.mark.parametrize(("texts", "shares", "furniture", "headline"), [
    # about as high: the line nearest the text
    (["Weekblad De Veluwe - Editie Noord", "Oldtimers te zien in het centrum van Ede"], [0.48, 0.45], [_MENU, 0.1],
     "Oldtimers te zien in het centrum van Ede"),
    # down a run of such lines, each ranked about as high as the one above it
    (["Weekblad De Veluwe", "Weekblad De Veluwe 14 juni", "Oldtimers te zien in het centrum van Ede"],
     [0.5, 0.44, 0.4], [0.6, 0.5, 0.1], "Oldtimers te zien in het centrum van Ede"),
    # a line the line model takes for text stays the headline, though a line under it is ranked about as high
    (["Ledenbrief van de buurtvereniging", "Oldtimers te zien in het centrum van Ede"], [0.48, 0.45],
     [_MENU - 0.05, 0.1], "Ledenbrief van de buurtvereniging"),
    # ranked clearly lower: the line above stays the headline
    (["Oldtimers te zien in het centrum van Ede", "Weekblad De Veluwe"], [0.7, 0.4], [0.6, 0.6],
     "Oldtimers te zien in het centrum van Ede"),
    # a long line is the headline with its teaser under it, never a name passed over
    (["Oldtimers, muzikanten en mensen in klederdracht zaterdag te zien in het centrum van Ede",
      "Kom kijken op de markt"], [0.5, 0.47], [0.6, 0.1],
     "Oldtimers, muzikanten en mensen in klederdracht zaterdag te zien in het centrum van Ede"),
    # a field ("Label: value") is a listing's or a document's own, never passed over
    (["Nieuwsarchief: persberichten 2019", "Oldtimers te zien in het centrum van Ede"], [0.5, 0.45], [0.6, 0.1],
     "Nieuwsarchief: persberichten 2019"),
    # a word alone under the headline is a label or a sub-heading, never the headline for being nearer
    (["Verslag van de ledenvergadering", "Aanwezig"], [0.5, 0.45], [0.6, 0.1], "Verslag van de ledenvergadering"),
])
def test_of_lines_the_headline_model_ranks_about_as_high_the_one_nearest_the_text_is_the_headline(
        texts: list[str], shares: list[float], furniture: list[float], headline: str) -> None:
    page = Page()
    head = _head(texts, shares, furniture)
    read_head(head, PageLine(OLDTIMER_LEDE, len(texts)), page, frozenset(), True, OLDTIMER_LEDE)
    assert page.headline == headline


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(LINE_TEXT.filter(bool), st.floats(min_value=0.0, max_value=1.0),
                          st.floats(min_value=0.0, max_value=1.0)), min_size=1, max_size=6))
def test_the_nearest_of_equals_is_never_above_the_line_chosen_nor_ranked_far_below_it(
        lines: list[tuple[str, float, float]]) -> None:
    def chosen(close: float) -> int | None:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(headline_choice, "RANKED_CLOSE", close)
            head = _head([text for text, _, _ in lines], [share for _, share, _ in lines],
                         [furniture for _, _, furniture in lines])
            read_head(head, PageLine(OLDTIMER_LEDE, len(lines)), Page(), frozenset(), True, OLDTIMER_LEDE)
        return next((index for index, line in enumerate(head) if line.kind == Kind.HEADLINE), None)

    before, after = chosen(0.0), chosen(headline_choice.RANKED_CLOSE)
    if before is None or after is None:
        assert before == after
        return
    assert after >= before
    assert lines[after][1] >= lines[before][1] - headline_choice.RANKED_CLOSE * (after - before)
    # the line passed over first (the one chosen otherwise) is one the line model takes for furniture
    assert after == before or lines[before][2] >= headline_choice.RANKED_CLOSE_FURNITURE


# A document titled by its date ("Minutes 3rd March 2024") is a date line to the first pass: the headline model is
# never asked of it, so its line model share cannot be weighed against another line's headline model share. It
# stands under a short line above it (an organisation's name) unless the headline model is as sure of that line as it
# must be to stand over a date line's shape, or the line model all but rules it out on its own scale (its veto).
@pytest.mark.parametrize(("above", "share", "headline"), [
    (RANKED_OVER_DATE - 0.01, HEADLINE_VETO, "Minutes 3rd March 2024"),
    (RANKED_OVER_DATE, HEADLINE_VETO, "Stad Beekveld"),
    (RANKED_OVER_DATE - 0.01, HEADLINE_VETO - 0.01, "Stad Beekveld"),
])
def test_a_document_titled_by_its_date_stands_unless_the_headline_model_is_sure_of_another_line(
        above: float, share: float, headline: str) -> None:
    page = Page()
    head = _head(["Stad Beekveld", "Minutes 3rd March 2024"], [above, -1.0])
    head[0].shares = {"headline": 0.9, "body": 0.1}
    head[1].shares = {"headline": share, "dateline": 1 - share}
    read_head(head, PageLine(LEDE_LINE, 2), page, frozenset(), True, LEDE_LINE)
    assert page.headline == headline
