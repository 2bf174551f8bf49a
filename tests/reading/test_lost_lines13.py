"""Lines of the article three furniture rules took on sites they never saw, back after the line model: an item's
title the page shows twice (its link under it), the teasers under a "Read more" that is one teaser's button, and a
paragraph that holds a call to action (the samples are made up, in the shapes real pages have)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.reading import line_model
from pipeline.reading.furniture import is_read_more
from pipeline.reading.lines import Kind, PageLine
from pipeline.reading.page import SHOWN_TWICE_TEXT, read_page
from pipeline.reading.run_of_text import a_teasers_button, long_prompts_back
from tests.reading.line_model_stub import model_gives
from tests.reading.test_lost_lines import LEDE, MORE, body_lines, removed

# --- an item's title shown twice -----------------------------------------------------------------------------

ITEM = "Workshop: fietsen repareren in het dorpshuis - Dorpsveen"  # eight words, no sentence's end


@given(st.floats(0, 1))
def test_an_items_title_shown_twice_keeps_one_copy_while_the_model_reads_it_as_text(furniture: float) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        model_gives(monkeypatch, {ITEM: {"related": furniture, "body": 1 - furniture}})
        with line_model.using(None, frozenset({"furniture"})):
            page = read_page("\n\n".join([LEDE, f"{ITEM}\n{ITEM}", MORE]))
    kept = body_lines(page).count(ITEM)
    assert kept == (1 if furniture < SHOWN_TWICE_TEXT else 0)
    assert removed(page).count(ITEM) == 2 - kept


@pytest.mark.parametrize("twice", ["Het nieuwe fietspad", "Foto: Anna Bakker", "Lees meer over Dorpsveen"])
def test_a_line_of_four_words_or_fewer_shown_twice_is_never_the_articles(
        monkeypatch: pytest.MonkeyPatch, twice: str) -> None:
    model_gives(monkeypatch, {twice: {"caption": 0.1, "body": 0.9}})
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join([LEDE, f"{twice}\n{twice}", MORE]))
    assert twice not in body_lines(page)
    assert removed(page).count(twice) == 2


# --- "Read more" as one teaser's button ------------------------------------------------------------------------

TEASER = "Een nieuwe film over een jong meisje dat ziek is, en toch geen tranentrekker wordt."
OTHER = "Een Britse komedie over een missverkiezing durft het conflict niet aan, maar vermaakt wel."


@pytest.mark.parametrize("button", ["Lees meer", "Lire plus", "Weiterlesen »", "Read more"])
def test_teasers_under_a_read_more_that_another_button_follows_stay(
        monkeypatch: pytest.MonkeyPatch, button: str) -> None:
    model_gives(monkeypatch, {text: {"related": 0.9, "body": 0.1} for text in ("Read more", button)})
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n".join([LEDE, "Read more", TEASER, button, OTHER, MORE]))
    assert TEASER in body_lines(page) and OTHER in body_lines(page)
    assert "Read more" in removed(page)  # the button itself stays furniture


@pytest.mark.parametrize("under", ["Lees meer over de sporthal in ons dossier", "Meer lezen", "Read"])
def test_a_read_more_heading_with_no_button_under_it_still_ends_the_article(
        monkeypatch: pytest.MonkeyPatch, under: str) -> None:
    model_gives(monkeypatch, {})
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n".join([LEDE, MORE, "Read more", TEASER, under, OTHER]))
    assert TEASER not in body_lines(page) and OTHER not in body_lines(page)


@pytest.mark.parametrize(("text", "button"), [
    ("Read more", True), ("lees meer »", True), ("LIRE PLUS", True), ("Weiterlesen...", True), ("Read more →", True),
    ("Read more about the council", False), ("", False), ("»»»", False), ("meer", False), ("Read more " * 50, False),
    ("Lees\u00a0meer", True), ("lees  meer", True), ("Lees meer\nLees meer", False),
])
def test_a_button_to_a_story_is_its_words_alone(text: str, button: bool) -> None:
    assert is_read_more(text) == button


@given(st.lists(st.text(max_size=30), min_size=1, max_size=8), st.integers(0, 7))
def test_a_teasers_button_reads_any_lines(texts: list[str], index: int) -> None:
    lines = [PageLine(text, 0) for text in texts]
    index = min(index, len(lines) - 1)
    found = a_teasers_button(lines, index)
    assert found == (is_read_more(texts[index]) and any(is_read_more(text) for text in texts[index + 1:]))


# --- a paragraph that holds a call to action ---------------------------------------------------------------------

PROMPT = ("Klik hier als u uw wachtwoord vergeten bent. U komt dan op een pagina waar u uw e-mailadres kunt "
          "achterlaten, en binnen enkele minuten ontvangt u een nieuw wachtwoord.")  # 32 words


@given(st.integers(9, 40), st.floats(0, 1))
def test_a_long_call_to_action_the_model_reads_as_text_is_the_texts(words: int, furniture: float) -> None:
    text = " ".join(PROMPT.split()[:words]) if words <= 32 else PROMPT + " woord" * (words - 32)
    line = PageLine(text, 0, Kind.FURNITURE, "call to action")
    line.shares = {"promo": furniture, "body": 1 - furniture}
    long_prompts_back([line], lambda line: line.shares["promo"])
    assert (line.kind == Kind.TEXT) == (words >= 20 and furniture < 0.6)
    assert line.reason == ("" if line.kind == Kind.TEXT else "call to action")


def test_a_long_line_of_another_rule_or_unread_by_the_model_stays_furniture() -> None:
    other = PageLine(PROMPT, 0, Kind.FURNITURE, "cookies")
    other.shares = {"promo": 0.1, "body": 0.9}
    unread = PageLine(PROMPT, 0, Kind.FURNITURE, "call to action")
    long_prompts_back([other, unread], lambda line: line.shares.get("promo", 1.0))
    assert other.kind == unread.kind == Kind.FURNITURE


@pytest.mark.parametrize(("furniture", "kept"), [(0.5, True), (0.7, False)])
def test_a_page_keeps_a_paragraph_that_holds_a_call_to_action(
        monkeypatch: pytest.MonkeyPatch, furniture: float, kept: bool) -> None:
    model_gives(monkeypatch, {PROMPT: {"promo": furniture, "body": 1 - furniture}})
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join([LEDE, PROMPT, MORE]))
    assert (PROMPT in body_lines(page)) == kept
    assert (PROMPT in removed(page)) != kept
