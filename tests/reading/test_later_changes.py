"""A later change's date is never the page's, whichever path found it, and a title's "Update" is no label of a
change (the samples are made up, in the shapes real pages have)."""

from __future__ import annotations

import pytest

from pipeline.reading.lines import Kind, Page, PageLine
from pipeline.reading.page_dates import settle_dates
from tests.reading.line_model_stub import model_gives
from tests.reading.test_page_dates import LEDE, MORE, date_of

HEADLINE = "Nieuwe sporthal komt er toch"


@pytest.mark.parametrize("line", [
    "Laatste wijziging: 04/11/22 20:30",  # a date line
    "Bijgewerkt door Els de Wit | 16-11-2016",  # a byline between bars
    "Updated by Jane Roe on 16-11-2016",  # a byline
    "Von Anna Smit, aktualisiert 15.12.2015, 14:54",  # a date with its time of day in the head
])
def test_a_later_changes_date_in_the_head_does_not_date_the_page(line: str) -> None:
    assert date_of(f"{HEADLINE}\n\n{line}\n\n{LEDE}\n\n{MORE}\n") is None
    # the same lines with a label of the publication date the page's
    published = line.replace("Laatste wijziging", "Gepubliceerd").replace("Bijgewerkt", "Geschreven")
    published = published.replace("Updated", "Written").replace("aktualisiert", "veröffentlicht")
    assert date_of(f"{HEADLINE}\n\n{published}\n\n{LEDE}\n\n{MORE}\n") is not None


def test_a_line_the_model_takes_for_a_date_line_after_a_change_does_not_date_the_page(
        monkeypatch: pytest.MonkeyPatch) -> None:
    line = "Aktualisiert 18.03.2019 Neue Zeichnung der Halle"
    model_gives(monkeypatch, {HEADLINE: {"headline": 0.9}, line: {"dateline": 0.9}})
    assert date_of(f"{HEADLINE}\n\n{line}\n\n{LEDE}\n\n{MORE}\n") is None
    posted = line.replace("Aktualisiert", "Erschienen")
    model_gives(monkeypatch, {HEADLINE: {"headline": 0.9}, posted: {"dateline": 0.9}})
    assert date_of(f"{HEADLINE}\n\n{posted}\n\n{LEDE}\n\n{MORE}\n") == "2019-03-18"


def test_the_ledes_dateline_after_a_change_does_not_go_before_the_date_line_under_the_lede() -> None:
    assert date_of(f"{HEADLINE}\n\nUpdate, 12.03.2020 – {LEDE}\n\n{MORE}\n\n14.03.2020\n") == "2020-03-14"
    assert date_of(f"{HEADLINE}\n\nAmsterdam, 12.03.2020 – {LEDE}\n\n{MORE}\n\n14.03.2020\n") == "2020-03-12"


def test_a_headline_naming_an_update_is_dated_by_its_date() -> None:
    assert date_of(f"Parish Weekly Update – 20th September 2020\n\n{LEDE}\n\n{MORE}\n") == "2020-09-20"


def test_a_later_changes_date_line_takes_no_part_in_which_date_line_comes_first() -> None:
    # far above the headline, a change's date; a date line four lines above it; the headline's own date line (two
    # days: no list of dated items)
    texts = ["Laatst bijgewerkt: 2 juni 2024", "Home", "Nieuws", "1 juni 2024", "Sport", "Cultuur", "Contact",
             HEADLINE, "2 juni 2024", LEDE, MORE]
    kinds = {0: Kind.DATE_LINE, 3: Kind.DATE_LINE, 7: Kind.HEADLINE, 8: Kind.DATE_LINE}
    lines = [PageLine(text, index, kinds.get(index, Kind.FURNITURE if index < 7 else Kind.TEXT))
             for index, text in enumerate(texts)]
    page = Page(dates=[(lines[index].text.split(": ")[-1], lines[index].text) for index in (0, 3, 8)])
    settle_dates(lines, 9, page)
    # the change's date neither dates the page nor, as the first of the date lines, puts the headline's first
    assert [text for _, text in page.dates] == ["1 juni 2024", "2 juni 2024"]

