"""The reader's quick paths give the answers of the slow ones they stand in front of, for any line.

Reading a page asks the same shapes of every line; a quick search that rules a shape out (a date with its
month in words needs a day's digit and a year of four digits near it) or an answer kept from an earlier
step must never change what the reader decides. Each test builds lines from the pieces the shapes are
made of (and any text), and compares the quick answer with the slow one."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.model.dates import DAY_MONTH_YEAR, ISO_DATE, MONTH_DAY_YEAR, NUMERIC_DMY, NUMERIC_YMD
from pipeline.reading import date_lines
from pipeline.reading.date_lines import find_date_token, place_and_date

_DATE_PIECES = st.sampled_from([
    "12", "1", "2026", "1999", "03", "3rd", "21st", "e", "st", ".", ",", ", ", " ", "  ", "\t", "-", "/", ":", "–",
    "maart", "Mrt.", "januari", "JANUARY", "Sept", "dez", "märz", "Mär", "mei", "may", "Oktober", "okt.",
    "maandag", "di", "Tue.", "sonntag", "om", "at", "uur", "u", "h", "am", "PM", "14:05", "9.30",
    "Den Haag", "Nuenen", "in", "de", "Gepubliceerd", "Bijgewerkt:", "Stand:", "Uhr", "K", "ſ", "İ", "٣", "２０２６",
])
_SPACE = st.sampled_from([" ", "  ", "\t", "", "\u00a0"])
_DAY = st.sampled_from(["1", "12", "03", "٣", "123"])
_MONTH = st.sampled_from(["maart", "Mrt", "mei", "may", "JANUARY", "Sept", "märz", "ab", "okto", "Decembers"])
_YEAR = st.sampled_from(["2026", "1999", "26", "20265", "２０２６"])


def _optional(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(["", *pieces])


# dates with their month in words, whole and with a piece missing or changed, amid other text
_DAY_FIRST = st.tuples(_optional(["dinsdag ", "di. ", "Tue, "]), _DAY, _optional(["st", "rd", "e", "th"]),
                       _optional(["."]), _SPACE, _MONTH, _optional(["."]), _optional([","]), _SPACE, _YEAR,
                       _optional([", 14:05", " om 9.30 uur", " - 14:05 PM"])).map("".join)
_MONTH_FIRST = st.tuples(_optional(["Monday ", "zo "]), _MONTH, _optional(["."]), _SPACE, _DAY,
                         _optional(["st", "nd", "th"]), _optional([","]), _SPACE, _YEAR,
                         _optional([" at 14:05", ", 9.30"])).map("".join)
_AROUND = st.lists(_DATE_PIECES, max_size=4).map(" ".join)
LINES = st.one_of(st.lists(_DATE_PIECES, max_size=14).map("".join),
                  st.lists(_DATE_PIECES, max_size=14).map(" ".join), st.text(max_size=80),
                  st.tuples(_AROUND, st.one_of(_DAY_FIRST, _MONTH_FIRST), _AROUND).map(" ".join))
_FULL_DATES = (DAY_MONTH_YEAR, MONTH_DAY_YEAR, NUMERIC_DMY, NUMERIC_YMD, ISO_DATE)


def _find_date_token_slowly(text: str) -> str | None:
    """``find_date_token`` as it was: every shape searched over the whole line."""
    best: re.Match[str] | None = None
    for pattern in _FULL_DATES:
        match = pattern.search(text)
        if match and (best is None or match.start() < best.start()):
            best = match
    if best is not None:
        return best.group().strip(" ,")
    day_month = date_lines._DAY_MONTH.search(text)
    if day_month:
        return f"{day_month['day']} {day_month['month']}" + (f" {day_month['year']}" if day_month["year"] else "")
    return None


@given(LINES)
@example("12e maart 2026")
@example("Gepubliceerd: di. 3rd. Mrt., 2026 om 9.30 uur")
@example("May 12, 2026 at 14:05")
@example("Monday Sept. 21st 1999")
@settings(max_examples=600, deadline=None)
def test_a_full_date_is_found_where_the_whole_search_finds_it(text: str) -> None:
    for pattern in _FULL_DATES:
        quick, slow = date_lines._full_date(pattern, text), pattern.search(text)
        assert (quick and (quick.span(), quick.groupdict())) == (slow and (slow.span(), slow.groupdict()))
    assert find_date_token(text) == _find_date_token_slowly(text)
    assert find_date_token(text) == _find_date_token_slowly(text)  # asked again: the answer kept


def test_a_line_without_a_date_in_words_is_never_searched_the_slow_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """The month-name shapes cost a try at every place of a line; a line without their day and year skips them."""
    searched: list[str] = []

    class Counting:
        def __init__(self, pattern: re.Pattern[str]) -> None:
            self.pattern = pattern

        def search(self, text: str) -> re.Match[str] | None:
            searched.append(text)
            return self.pattern.search(text)

    gates = dict(date_lines._FULL_DATE_GATES)
    slow = {pattern: Counting(pattern) for pattern in gates}
    monkeypatch.setattr(date_lines, "_FULL_DATE_GATES", {slow[pattern]: gate for pattern, gate in gates.items()})
    monkeypatch.setattr(date_lines, "_FULL_DATES", (slow[DAY_MONTH_YEAR], slow[MONTH_DAY_YEAR], NUMERIC_DMY,
                                                   NUMERIC_YMD, ISO_DATE))
    find_date_token.cache_clear()
    assert find_date_token("Gepubliceerd op dinsdag, met 12 reacties en 3 foto's") is None
    assert not place_and_date("Den Haag, 12 reacties")
    assert searched == []
    assert find_date_token("Gepubliceerd op dinsdag 3 maart 2026, 14:05 uur") == "dinsdag 3 maart 2026, 14:05 uur"
    assert searched


# Pieces of captions and credits, names and sentences: what the patterns of a caption's end read.
_CAPTION_PIECE = st.sampled_from([
    "Foto", "foto's", "Beeld", "beelden", "in beeld", "Bild", "bildrechte", "Photo", "image", "credit", "Archieffoto",
    "fotos", "(c)", "©", "Ⓒ", "Photograph", "Quelle", "source", "Bron", "(eigen foto)", "(own photo)", "(eigenes foto)",
    "ANP", "Jan de Vries", "Reuters", "AFP/VNA", "de", "het", "zon", "schijnt", ":", "/", ".", ",", "!", "?", ")", "(",
    "Den Haag", "Ä", "x" * 30, "y" * 69, "z" * 71, "1", "ſ", "K",
])


@given(st.lists(_CAPTION_PIECE, max_size=40), st.lists(st.sampled_from([" ", ""]), min_size=40, max_size=40))
@example(["de"] * 30 + ["zon", ".", "Foto", ":", "y" * 69], [" "] * 40)
@example(["x" * 30] * 5 + ["Quelle", ":", "Jan de Vries"], [" "] * 40)
@example(["het"] * 30 + ["(eigen foto)"], [" "] * 40)
@settings(max_examples=1500, deadline=None)
def test_a_captions_end_is_found_from_near_the_end_as_the_whole_search_finds_it(pieces: list[str],
                                                                                 spaces: list[str]) -> None:
    """A caption's credit or source at its end, searched from 100 characters before the end of a text of single
    spaces, is the match a search of the whole text finds: the same span and the same name."""
    from pipeline.reading import furniture

    text = " ".join("".join(piece + space for piece, space in zip(pieces, spaces, strict=False)).split())
    for pattern in (furniture._CREDIT_END, furniture._SOURCE_END):
        whole, near = pattern.search(text), furniture._search_end(pattern, text)
        assert (whole is None) == (near is None)
        if whole is not None and near is not None:
            assert (whole.span(), whole.groupdict()) == (near.span(), near.groupdict())


_ENDING_PIECE = st.one_of(_CAPTION_PIECE, st.sampled_from([
    "*", "***", "BESTPIX", "— AFP/VNA Photo", "(Photo by Jan Smit/Getty Images)", "(foto door Anne Bakker)", "Foto",
    "(Bild von Boris Roessler)", "Bild", "Photos", "photo", "Fotos", "—", "-", "\n", "!", "?", ".", "..", ")", "Ⓒ",
]), st.text(max_size=8))


@given(st.lists(_ENDING_PIECE, max_size=40), st.lists(st.sampled_from([" ", ""]), min_size=40, max_size=40))
@example(["Kiezers", "bij", "een", "stembureau", "—", "AFP/VNA", "Photo"], [" "] * 40)
@example(["De", "storm", "(Photo by Jan Smit/Getty Images)", "***", "BESTPIX", "***"], [" "] * 40)
@example(["Raadslid", "in", "Gent", ".", "Foto", ":", "ANP"], [" "] * 40)
@example(["Bart", "in", "zijn", "tuin", "(eigen foto)"], [" "] * 40)
@example(["In", "Frankfurt.", "Quelle:", "Boris", "Roessler/Archiv", "."], [" "] * 40)
@settings(max_examples=2000, deadline=None)
def test_a_caption_whose_end_rules_its_credit_out_has_none(pieces: list[str], spaces: list[str]) -> None:
    """The end of a text of single spaces that `caption_reason` reads rules the patterns that end at its end out
    without a search: no credit of a press photo where it ends in none of the sign's words, a bracket or a star;
    no name after a credit and no source where it ends in a stop. And the caption's reason is the same read from
    any spacing of the same words."""
    from pipeline.reading import furniture

    text = " ".join("".join(piece + space for piece, space in zip(pieces, spaces, strict=False)).split())
    if not text.endswith(furniture._PHOTO_CREDIT_ENDINGS):
        assert furniture._PHOTO_CREDIT_END.search(text[-120:]) is None
    if text.endswith(furniture._SENTENCE_STOPS):
        assert furniture._CREDIT_END.search(text) is None
        assert furniture._SOURCE_END.search(text) is None
    spaced = "\n ".join(text.split(" ")) + "\t"
    assert furniture.caption_reason(spaced) == furniture.caption_reason(text)


@pytest.mark.parametrize(("line", "reason"), [
    ("Kiezers bij een stembureau in Gent — AFP/VNA Photo", "caption with credit"),
    ("De storm trok over het land (Photo by Jan Smit/Getty Images) *** BESTPIX ***", "caption with credit"),
    ("Koning Filip bij de opening in Opheusden. © Raphael Drent", "caption with credit"),
    ("Bart Voskamp in zijn tuin (eigen foto)", "caption with its source"),
    ("Lord Janner in 2011. Photograph: David Karp/Bloomberg News", "caption with its source"),
    ("Koning Filip bij de opening in Opheusden. © Raphael Drent.", None),
    ("Bart Voskamp schreef een stuk over zijn tuin.", None),
])
def test_captions_ending_in_their_credit_or_source(line: str, reason: str | None) -> None:
    from pipeline.reading.furniture import caption_reason

    assert caption_reason(line) == reason
