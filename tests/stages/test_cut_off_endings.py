"""The cut-off warning's newer shapes: an excerpt's ellipsis, a word stub the text itself votes on, a cut e-mail
address, a bare point number; and the whole endings it leaves alone (a closing, initials, a unit, an address)."""

from __future__ import annotations

import time

import pytest

from pipeline.stages.cut_off import cut_off_ending

FIRST = ("De raad bespreekt dinsdag de begroting en de inrichting van het nieuwe plein. De planning van het plan "
         "is klaar, zegt de wethouder. Iedereen kan meepraten in het dorpshuis.")


@pytest.mark.parametrize("ending", [
    "Het college presenteerde het plan aan de bewoners van de [\u2026]",  # a listing's excerpt
    "Het college presenteerde het plan aan de bewoners van de wijk (...)",
    "Het college presenteerde het plan aan de bewoners van de \u2026",  # a feed's excerpt, after a space
    "Daarna ging het over de begr...",  # an ellipsis glued to a word the text says whole: "begroting"
    "Over de inrich",  # a short line stopped inside a word the text uses
    "Meer weten? Mail naar secretariaat@dorpshu",  # an address cut before its domain
    "Vragen kunnen naar info@",
    "17.",  # a point's number with nothing after it
    "3",
])
def test_a_text_that_stops_short_is_warned(ending: str) -> None:
    found = cut_off_ending(FIRST + "\n\n" + ending)
    assert found is not None
    assert found[0] == 2 and ending.endswith(found[1])


@pytest.mark.parametrize("ending", [
    "Met vriendelijke groet,",  # a closing's one comma is its own
    "Uw secretaris,",
    "Foto: ab",  # initials after a label
    "Het begint om 19.30 uur",  # a unit after a time
    "Wie mee wil doen aan de schoonmaakactie meldt zich via aanmelden@dorpshuis.nl",  # a whole address
    "Alle informatie over de regeling staat op de site van de gemeente www.gemeente.nl/regeling",
    "De zon scheen en iedereen genoot van de dag. En dat scheelde\u2026",  # trailing off on a whole word
    "De bewoners zijn er blij mee. Het is...",  # a short word before the dots is no stub
    "Het college presenteerde het plan aan de bewoners van de wijk. [\u2026]",  # an excerpt of whole sentences
    "Iedereen steunt het plan",  # "plan" begins "planning" but the text says it whole too
    "Daarna naar het dorpshuis",  # a word the text says
])
def test_a_text_that_ends_whole_is_not_warned(ending: str) -> None:
    assert cut_off_ending(FIRST + "\n\n" + ending) is None


def test_a_first_line_alone_is_judged_by_its_shape_only() -> None:
    assert cut_off_ending("17.") is None  # a number with no text before it is no point of a list
    assert cut_off_ending("Het college en de raad praten over de begr...") is None  # no text to vote
    assert cut_off_ending("Het college presenteerde het plan aan de bewoners. [\u2026]") is None


def test_a_list_point_stopped_inside_a_word_the_text_uses_is_warned() -> None:
    found = cut_off_ending(FIRST + "\n\n- de planning\n- de inrichti")
    assert found == (3, "de inrichti")


LONG = ("Het dorpshuis krijgt volgend jaar een nieuwe keuken, meldt het bestuur van de stichting. De oude keuken "
        "is versleten en voldoet niet meer aan de regels voor hygiëne. Vrijwilligers hebben geld ingezameld met "
        "een markt, een loterij en een sponsorloop langs alle straten van het dorp. Ook de gemeente draagt bij. "
        "Wanneer de verbouwing precies begint, hangt af van de aannemer en het weer in het voorjaar.")


@pytest.mark.parametrize("ending", ["Daarna volgt het overz", "Jetzt kommt das Ergebz"])
def test_a_word_ending_as_no_word_of_a_long_text_does_is_warned(ending: str) -> None:
    found = cut_off_ending(LONG + "\n\n" + ending)
    assert found == (2, ending)


@pytest.mark.parametrize("body", [
    LONG + "\n\nMet dank aan Piet Kwabz",  # a name after a capital: the ending does not vote
    LONG + "\n\nDe tekst volgt nog TODO",  # a word in capitals is a marker or a name's letters, never cut
    FIRST + "\n\nDaarna volgt het overz",  # too short a text to vote on its words' endings
])
def test_an_odd_ending_votes_only_on_a_word_after_lower_case_in_a_long_text(body: str) -> None:
    assert cut_off_ending(body) is None


@pytest.mark.parametrize("body", [
    FIRST + "\n" + "a" * 100_000 + "...",
    FIRST + "\n" + "a " * 50_000 + "[...]",
    FIRST + "\nMail " + "@a." * 33_000 + "1",
    FIRST + "\nMail " + "x@" * 50_000,
    FIRST + "\nOm " + "1.00" * 25_000 + " uur",
    FIRST + "\nDe " + "ab" * 50_000,
    " ".join(f"woord{index}" for index in range(20_000)) + "\nHet woo",
])
def test_a_hostile_ending_is_judged_quickly(body: str) -> None:
    started = time.process_time()  # processor time, not the wall clock: a busy machine fails nothing
    cut_off_ending(body)
    assert time.process_time() - started < 1.0
