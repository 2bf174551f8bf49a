"""The forms read after the line model, looked for only where they can be: the same answers as looking everywhere.

A caption's credit and an image's label are looked for only in a line that holds one of their words (or a
character re.IGNORECASE matches to an ASCII letter of them); a call to the reader is searched after a character of
no word instead of at every word boundary. Each test builds lines from the pieces the forms are made of, the
letters that fold to ASCII under re.IGNORECASE, and any text, and compares with the expressions asked everywhere."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.reading import credits, reader_calls
from pipeline.reading.credits import caption_form

_PIECES = st.sampled_from([
    "Foto", "foto", "FOTO", "Beeld", "Bild", "Bilder", "Photo", "Photograph", "photos", "Picture", "Images", "Credit",
    "Archieffoto", "tekening", "Illustratie", "Fotografie", ":", ": ", " ", ".", "(", ")", "[", "]", "/", ",",
    "Jan de Vries", "ANP", "Getty Images", "PA", "John Brown", "in Ede", "de markt", "op het plein",
    "Profielfoto van", "profile photo", "Screen Shot", "screenshot", "logo", "avatar", "Dorpskrant", "het",
    "Klik op de afbeelding om te vergroten", "click to enlarge", "[View Full Size]", "zum Vergrößern klicken",
    "V.l.n.r.", "von links", "ı", "İ", "ſ", "\u212a", "FOTOGRAFİE", "ſcreen", "clic\u212a", "PİCTURE", "ẞ",
])
LINES = st.one_of(st.lists(_PIECES, max_size=12).map(" ".join), st.lists(_PIECES, max_size=12).map("".join),
                  st.text(max_size=60), st.tuples(st.text(max_size=30), st.lists(_PIECES, max_size=6).map(" ".join),
                                                  st.text(max_size=30)).map("".join))


def _caption_form_everywhere(text: str) -> str | None:
    """``caption_form`` with every form asked of every line."""
    if len(text) > credits.MAX_CHARS:
        return None
    end = credits._END_CREDIT.fullmatch(text)
    who = (end["who"] or end["name"]) if end else ""
    if who and credits._name_like(who) and len(who.split()) <= (5 if end and end["name"] else 10):
        return "caption ending in its credit"
    if text.endswith((")", "]")) and credits._BRACKETED.fullmatch(text):
        return "caption with its credit in brackets"
    if len(text) <= 120 and credits._CREDIT_ALONE.fullmatch(text):
        return "credit: a name and its agency"
    if credits._GROUP.fullmatch(text):
        return "caption naming who stands where"
    if len(text) <= 250 and credits._IMAGE_LABEL.fullmatch(text):
        return "image label"
    return None


@settings(max_examples=3000, deadline=None)
@given(LINES)
@example("Het plein. FOTOGRAFİE: Jan de Vries")  # "İ" is an "i" to re.IGNORECASE, not to lower()
@example("De markt. Photo: Anne Smith")
@example("ſcreenshot van de site")
@example("Dorpskrant logo")
def test_a_caption_form_is_found_as_by_asking_every_line(text: str) -> None:
    assert caption_form(text) == _caption_form_everywhere(text)


def test_the_forms_are_still_found() -> None:
    assert caption_form("De markt op het plein. Foto: Jan de Vries") == "caption ending in its credit"
    assert caption_form("Het plein. FOTOGRAFİE: Jan de Vries") == "caption ending in its credit"
    assert caption_form("Dorpskrant logo") == "image label"
    assert caption_form("Klik op de afbeelding om te vergroten") == "image label"
    assert caption_form("De gemeenteraad vergaderde dinsdag over de begroting van volgend jaar.") is None


# each form searched as before, after "\b", at every word boundary of the line
_AT_EVERY_BOUNDARY = re.compile(r"\b(?:" + "|".join(
    f"(?P<c{index}>{anywhere})" for index, (_name, _opens, anywhere) in enumerate(reader_calls._CALLS) if anywhere)
    + ")")
_CALL_PIECES = st.sampled_from([
    "tip", "tips", "de redactie", "abonneer", "nu", "log in", "doneer", "word lid", "reageer", "download onze app",
    "volg ons op", "facebook", "instagram", "dagelijkse nieuwsbrief", "delivered to your inbox", "rate this article",
    "deel dit artikel met je vrienden", "copy link", "lees het volledige artikel in", "2", "€", " ", "-", "_", ".",
    ",", "'", "“", "a", "x", "é", "ß", "٣", "\u00a0", "\t", "Foto",
])


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.lists(_CALL_PIECES, max_size=14).map(" ".join), st.lists(_CALL_PIECES, max_size=14).map("".join),
                 st.text(max_size=80)))
def test_a_call_to_the_reader_is_found_as_at_every_word_boundary(text: str) -> None:
    line = " ".join(text.lower().split())
    before = _AT_EVERY_BOUNDARY.search(line)
    after = reader_calls._ANYWHERE.search(" " + line)
    assert (before is None) == (after is None)
    if before is not None and after is not None:
        # the space put before the line shifts the match by one, and the character before the form begins it
        assert (before.lastgroup, before.start(), before.end()) == (after.lastgroup, after.start(), after.end() - 1)
