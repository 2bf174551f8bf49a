"""A match's day among its sheet's fields, or opening a line that goes on with the match and its score, is no page's
date (the labelling rules: a match a page reports is an event). Made-up samples in the shapes real pages have."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model.config import Config
from pipeline.reading.draft import SourceInfo, drafts_from_bytes
from pipeline.reading.lines import PageLine
from pipeline.reading.other_dates import match_sheet

SCRAPED = datetime(2026, 3, 1, tzinfo=UTC)
REPORT = ("Na een sterke eerste helft kwam de thuisploeg na rust goed terug en trok de wedstrijd in de slotfase "
          "alsnog naar zich toe, tot grote vreugde van de vele supporters langs de lijn.")
MORE = "De trainer was na afloop tevreden. Volgende week wacht de uitwedstrijd tegen de koploper."


def date_of(text: str) -> str | None:
    meta = drafts_from_bytes(text.encode(), SourceInfo("raw/page.txt", "0" * 64, SCRAPED, SCRAPED), Config())[0] \
        .article.meta
    value = meta.get("date")
    return value[:10] if isinstance(value, str) else None


@pytest.mark.parametrize("sheet", [
    "Competitie\n\n5e klasse\n\nDatum\n\n22 april 2023 14:00\n\nScheidsrechter\n\nAnoniem\n\nAccommodatie\n\n"
    "Sportpark Noord",
    "Noordstad - Zuidwijk\n\nUitslag 2 - 1 (0 - 0)\n\nDatum zondag 12 april 2015 om 14:00\n\nScheidsrechter J. Smit\n\n"
    "Aantal toeschouwers 450",
    "Saison 2022/23\n\nKreisliga A\n\nvom 21. Spieltag\n\nSportplatz am Bach\n\n"
    "Donnerstag, 13. April 2023 / 18:45 Uhr\n\nFC Nord - SG Süd\n\n2:1 (0:1)",
    "03.11.2019\n\nDivision 1A (14. Spieltag)\n\nStadion am Fluss, Noordstad\n\nZuschauer: 14.605",
    "Match Report\n\nNoordstad School U13 vs Zuidwijk School\n\nOn: Tuesday, 19 Nov 2019\n\nVenue: at Home",
])
def test_a_date_among_a_matchs_fields_is_the_matchs_not_the_pages(sheet: str) -> None:
    assert date_of(f"{sheet}\n\n{REPORT}\n\n{MORE}\n") is None


def test_a_date_opening_a_line_with_the_match_and_its_score_is_the_matchs() -> None:
    page = f"Noordstad - Zuidwijk\n\nZondag 30 april 2023, Noordstad – Zuidwijk 1 - 2.\n\n{REPORT}\n\n{MORE}\n"
    assert date_of(page) is None


@pytest.mark.parametrize(("page", "day"), [
    # a report's own date line, no match's fields around it
    (f"Thuisploeg wint derby\n\n14 maart 2025\n\n{REPORT}\n\n{MORE}\n", "2025-03-14"),
    # one field alone near it (a heading "Goals") is no sheet
    (f"Thuisploeg wint derby\n\n14 maart 2025\n\n{REPORT}\n\nGoals\n\n{MORE}\n", "2025-03-14"),
    # a time of day after the date is no score
    (f"Thuisploeg wint derby\n\nZondag 16 maart 2025, 14 - 16 uur\n\n{REPORT}\n\n{MORE}\n", "2025-03-16"),
])
def test_a_pages_own_date_line_stays_where_no_match_sheet_is_around_it(page: str, day: str) -> None:
    assert date_of(page) == day


def test_hostile_match_sheets_are_read_in_one_pass() -> None:
    scores = "Zondag 30 april 2023, " + "Noordstad – Zuidwijk 1 - 2 " * 10_000
    assert match_sheet(scores, "Zondag 30 april 2023", []) is False  # too long a line for a match's opening
    fields = [PageLine("Scheidsrechter " + "9" * 50_000, 0), PageLine("22 april 2023", 1),
              PageLine("2:1 (0:1)" * 5_000, 2), PageLine("Zuschauer\x00\x07: 1", 3)]
    assert match_sheet("22 april 2023", "22 april 2023", fields) is False  # one short field only
    dates = " ".join(["22 april 2023"] * 10_000)
    assert date_of(f"Uitslag 2 - 1 (0 - 0)\n\n{dates}\n\nScheidsrechter J. Smit\n\n{REPORT}\n") is None
    runs = "1 - " * 20_000 + "x"
    assert match_sheet(runs, "1 - 1", []) is False


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="22 april 2023:(0)-–Uitslag Zuschauer\x00", max_size=60), min_size=1, max_size=12),
       st.integers(min_value=0, max_value=11))
def test_a_match_sheet_is_asked_of_any_lines_without_failing(parts: list[str], at: int) -> None:
    lines = [PageLine(text, index) for index, text in enumerate(parts)]
    text = parts[at % len(parts)]
    assert match_sheet(text, text[:13], lines) in (True, False)
