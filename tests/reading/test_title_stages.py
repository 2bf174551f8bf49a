"""The benchmark that sorts the titles the reader got wrong by the stage that decided them (made-up pages)."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

from title_stages import ReadLine, TitleRead, stage_of  # noqa: E402

TITLE = "Gemeente Dalfsen zoekt vrijwilligers voor de dorpsbus"
NOTICE = "Deze website gebruikt cookies om uw bezoek makkelijker te maken. Lees er hier meer over."
LEDE = "De dorpsbus rijdt sinds vorig jaar door de kernen van de gemeente en zoekt nu nieuwe chauffeurs."


def read(lines: list[tuple[str, str, float]], head: int, headline: str) -> TitleRead:
    """The lines as read; the head's kinds before the headline was chosen (the chosen one was text then)."""
    before = tuple("text" if kind == "headline" else kind for _, kind, _ in lines[:head])
    return TitleRead(tuple(ReadLine(*line) for line in lines), before, headline)


def test_a_title_under_a_notice_is_not_offered() -> None:
    page = read([("Kies uw voorkeuren", "headline", 0.5), (NOTICE, "text", 0.01), (TITLE, "text", 0.02),
                 (LEDE, "text", -1.0)], 1, "Kies uw voorkeuren")
    assert stage_of(TITLE, page) == ("not offered: below the head", "now text")


def test_a_candidate_ranked_below_a_tagline_names_who_ranked_it() -> None:
    tagline = ("Het nieuws uit Salland", "headline", 0.6)
    first = read([tagline, (TITLE, "text", 0.3), (LEDE, "text", 0.01)], 2, "Het nieuws uit Salland")
    assert stage_of(TITLE, first) == ("offered, another chosen: the headline model ranked another first",
                                      "chosen above, it now text")
    second = read([("Het nieuws uit Salland", "headline", 0.3), (TITLE, "text", 0.35), (LEDE, "text", 0.01)], 2,
                  "Het nieuws uit Salland")
    assert stage_of(TITLE, second)[0] == "offered, another chosen: the headline model ranked it first"


def test_edges_and_derived_titles_and_labels() -> None:
    glued = read([(f"Dalfsen {TITLE}", "headline", 0.7), (LEDE, "text", 0.01)], 1, f"Dalfsen {TITLE}")
    assert stage_of(TITLE, glued) == ("right line, wrong edges", "glued text kept")
    inside = read([("Dalfsen", "headline", 0.4), (f"Dalfsen {TITLE}", "text", 0.3), (LEDE, "text", 0.01)], 2, "Dalfsen")
    assert stage_of(TITLE, inside) == ("title glued inside a longer line", "chosen elsewhere")
    cut = read([(f"VIDEO {TITLE}", "headline", 0.7), (LEDE, "text", 0.01)], 1, TITLE)
    assert stage_of(f"VIDEO {TITLE}", cut) == ("right line, wrong edges", "cut")
    named = read([(TITLE, "byline", 0.4), (LEDE, "text", 0.01)], 1, "")
    assert stage_of(TITLE, named) == ("derived: title taken for another kind first", "byline")
    assert stage_of("none obvious", named) == ("label none obvious", "derived: furniture or not a whole clause")
    gone = read([(LEDE, "text", 0.01)], 0, "")
    assert stage_of(TITLE, gone)[0] == "title not among the reader's lines"
