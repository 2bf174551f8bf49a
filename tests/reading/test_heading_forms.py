"""Three forms the heading decision knows exactly: a field naming a person heads nothing, a live blog's post heading
stamped with its time heads its post, and the last of a block of unwrapped paragraphs heads the next block."""

from __future__ import annotations

import functools
import time

import pytest

import pipeline.reading.page as page_module
from pipeline.reading.body_blocks import body_blocks
from pipeline.reading.line_features import FEATURES
from pipeline.reading.lines import Kind, PageLine
from pipeline.reading.subheadings import names_a_person
from tests.reading.line_model_stub import model_gives

model_says = functools.partial(model_gives, decides=("headings",), alone_in_block=True)
SURE = {"sub-heading": 0.9, "body": 0.1}
PROSE = ("De gemeenteraad van Tiel heeft dinsdagavond ingestemd met het plan voor een nieuw zwembad aan de rand van "
         "de stad.")
LATER = ("Het zwembad moet in het voorjaar van 2027 open gaan, zo verwacht de wethouder van sport en cultuur van "
         "de gemeente.")


def _headings(text: str) -> list[str]:
    return [block for kind, block in page_module.read_page(text).blocks if kind == Kind.HEADING]


# --- a field naming a person ------------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["Fotograaf: Wim Jansen", "Projectleider: Prof.dr. K. de Boer",
                                   "Es moderiert: Lena Brandt", "Naam: Kees Visser, Hogeschool Tiel",
                                   "Interview met: Jan Willem van der Berg", "tekening: Anna Smit",
                                   "(Tekst: Redactie Stadsnieuws)"])
def test_a_field_naming_a_person_is_never_a_heading_whatever_the_model_says(
        monkeypatch: pytest.MonkeyPatch, field: str) -> None:
    assert names_a_person(field)
    model_says(monkeypatch, {field: SURE, "Wat gaat het kosten?": SURE})
    assert _headings("\n\n".join([PROSE, field, LATER, "Wat gaat het kosten?", PROSE])) == ["Wat gaat het kosten?"]


@pytest.mark.parametrize("heading", ["Column: Regen in de zomer", "Reactie: Een gemiste kans voor de stad",
                                     "Thema: #samenwerken", "Nieuw zwembad: Tiel kiest voor de rand van de stad",
                                     "Zwitserland: Nummer 6 voor Kramer", "Wat gaat het kosten?", "Anna Smit"])
def test_a_heading_with_a_colon_or_a_name_alone_is_no_field_naming_a_person(
        monkeypatch: pytest.MonkeyPatch, heading: str) -> None:
    assert not names_a_person(heading)
    model_says(monkeypatch, {heading: SURE})
    assert _headings("\n\n".join([PROSE, heading, LATER])) == [heading]


# --- a live blog's post heading, stamped with its time ----------------------------------------------------------


@pytest.mark.parametrize("post", ["18.06 Uhr: Minister besucht das Hochwassergebiet",
                                  "19:30 Uhr | Brücke über die Elbe wieder offen",
                                  "10.15 uur: Burgemeester opent de nieuwe brug"])
def test_a_live_blogs_post_heading_stamped_with_its_time_heads_its_post(
        monkeypatch: pytest.MonkeyPatch, post: str) -> None:
    model_says(monkeypatch, {post: SURE})
    assert _headings("\n\n".join([PROSE, post, LATER])) == [post]


@pytest.mark.parametrize("stamp", ["21:22 Uhr - ABPFIFF des Spiels", "14:00 Uhr Oberdorf - Unterdorf"])
def test_a_tickers_stamp_heads_nothing(monkeypatch: pytest.MonkeyPatch, stamp: str) -> None:
    model_says(monkeypatch, {stamp: SURE})
    assert _headings("\n\n".join([PROSE, stamp, LATER])) == []


def test_a_stamped_line_the_page_shows_twice_or_over_no_prose_heads_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    post = "14:00 Uhr: Anpfiff in Oberdorf gegen Unterdorf"
    model_says(monkeypatch, {post: SURE, "Elfmeter für Oberdorf": {"body": 1.0}})
    assert _headings("\n\n".join([PROSE, post, LATER, post, PROSE])) == []
    assert _headings("\n\n".join([PROSE, post, "Elfmeter für Oberdorf", PROSE])) == []


# --- the last of a block of unwrapped paragraphs ----------------------------------------------------------------


def _block_then_paragraph(last: str, share: float, above: list[str]) -> list[PageLine]:
    lines = []
    for number, (texts, last_share) in enumerate([([*above, last], share), ([PROSE], 0.0)]):
        for text in texts:
            line = PageLine(text, number)
            sub = last_share if text == last else 0.0
            line.shares = {"sub-heading": sub, "body": 1 - sub}
            line.role, line.share = max(line.shares.items(), key=lambda item: (item[1], item[0]))
            line.row = [0.0] * len(FEATURES)
            lines.append(line)
    return lines


UNWRAPPED = [PROSE, LATER]


def test_the_last_of_a_block_of_unwrapped_paragraphs_heads_the_next_block() -> None:
    blocks = body_blocks(_block_then_paragraph("Nieuwe brug over de Linge", 0.7, UNWRAPPED), learnt=True)
    assert (Kind.HEADING, "Nieuwe brug over de Linge") in blocks
    assert blocks[-1] == (Kind.TEXT, PROSE)


@pytest.mark.parametrize(("share", "above"), [
    (0.3, UNWRAPPED),  # the model's votes too few
    (0.7, ["Een korte regel", "nog een korte regel die"]),  # a block of wrapped lines: a sentence's end
    (0.7, [PROSE, LATER.rstrip(".")]),  # the line above ends on no sentence mark
])
def test_the_last_line_of_a_block_heads_nothing_on_few_votes_or_under_wrapped_lines(
        share: float, above: list[str]) -> None:
    blocks = body_blocks(_block_then_paragraph("Nieuwe brug over de Linge", share, above), learnt=True)
    assert (Kind.HEADING, "Nieuwe brug over de Linge") not in blocks


# --- hostile lines ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("line", ["A" * 100_000, "Ab: " + "Cd " * 33_000, "Ab: " + "C. " * 33_000,
                                  "12:30 Uhr: " + "Ab " * 33_000, "12:30 Uhr: Ab" + "\x00\x07 " * 30_000,
                                  "Naam: " + "Van " * 25_000 + "\x1b"])
def test_long_repetitive_or_control_lines_are_read_at_once(line: str) -> None:
    started = time.process_time()
    names_a_person(line)
    body_blocks(_block_then_paragraph(line, 0.7, UNWRAPPED), learnt=True)
    assert time.process_time() - started < 0.5
