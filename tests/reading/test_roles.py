"""Where the line model's word settles which lines are sub-headings: the rules' shape of one is only a feature."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pipeline.reading.page as page_module
from pipeline.reading.body_blocks import body_blocks
from pipeline.reading.line_features import FEATURES
from pipeline.reading.lines import Kind, PageLine
from pipeline.reading.roles import FAMILY_SHARE, HEADING_SHARE, heading_family, learnt_heading
from tests.reading.line_model_stub import model_gives


def judged(text: str, shares: dict[str, float], shaped: bool = False) -> PageLine:
    """A line as the model left it: its shares of the votes, its role the largest, its features' row."""
    line = PageLine(text, 0)
    line.shares = shares
    line.role, line.share = max(shares.items(), key=lambda item: (item[1], item[0]))
    line.row = [0.0] * len(FEATURES)
    line.row[FEATURES.index("sub-heading shape")] = float(shaped)
    return line


# --- sub-headings: the model's word alone ------------------------------------------------------------------


def test_a_line_shaped_like_a_heading_is_none_when_the_model_gives_it_few_votes() -> None:
    # "Aanwezig" over the minutes' names: the rules' shape of a heading, which the model does not share
    line = judged("Aanwezig", {"sub-heading": 0.25, "body": 0.6, "metadata": 0.15}, shaped=True)
    assert not learnt_heading(line, ruled=True)


def test_a_line_the_model_takes_for_a_heading_is_one_though_the_rules_say_no() -> None:
    # a site's own style of heading, in lower case after a quote, that no rule of shape knows
    line = judged("‘dit was pas het begin’ en wat er nog komt", {"sub-heading": 0.4, "body": 0.35, "related": 0.25})
    assert learnt_heading(line, ruled=False)


@given(st.floats(0, 1), st.floats(0, 1), st.booleans())
def test_the_rules_shape_never_decides_a_heading_by_itself(heading: float, body: float, ruled: bool) -> None:
    line = judged("Wat doet het kabinet?", {"sub-heading": heading, "body": body}, shaped=True)
    assert learnt_heading(line, ruled) == learnt_heading(line, not ruled) == (heading >= HEADING_SHARE)


# --- sub-headings come in families: a site styles a page's sub-headings alike ---------------------------------


def test_a_line_shaped_like_a_sub_heading_the_model_found_on_the_page_needs_fewer_votes() -> None:
    found = judged("Wat zegt de gemeente?", {"sub-heading": 0.6, "body": 0.4})
    doubted = judged("Wat gebeurt er nu met de bomen?", {"sub-heading": 0.25, "body": 0.5, "related": 0.25})
    family = heading_family([found, doubted])
    assert learnt_heading(doubted, family=family)
    assert not learnt_heading(doubted)  # alone on its page, the same votes make no heading


def test_a_line_of_another_shape_gets_nothing_from_the_pages_sub_headings() -> None:
    found = judged("Wat zegt de gemeente?", {"sub-heading": 0.6, "body": 0.4})
    sentence = judged("De gemeente reageert morgen", {"sub-heading": 0.25, "body": 0.75})
    assert not learnt_heading(sentence, family=heading_family([found, sentence]))


@given(st.floats(0, 1), st.floats(0, 1), st.sampled_from(["Wat nu?", "Kosten", "1. Inleiding", "AGENDA", "Besluit:"]))
def test_a_family_never_makes_a_heading_of_a_line_below_its_share_nor_unmakes_one(
        anchor: float, heading: float, text: str) -> None:
    lines = [judged(text, {"sub-heading": anchor, "body": 1 - anchor}),
             judged(text, {"sub-heading": heading, "body": 1 - heading})]
    taken = learnt_heading(lines[1], family=heading_family(lines))
    if heading >= HEADING_SHARE:
        assert taken
    if heading < FAMILY_SHARE or anchor < HEADING_SHARE:
        assert taken == (heading >= HEADING_SHARE)


# the line model deciding the headings, every line alone in its block
model_says = functools.partial(model_gives, decides=("headings",), alone_in_block=True)


def test_a_page_reads_a_doubted_line_shaped_like_its_sub_headings_as_one(monkeypatch: pytest.MonkeyPatch) -> None:
    model_says(monkeypatch, {"Wat zegt de gemeente?": {"sub-heading": 0.6, "body": 0.4},
                             "Wat gebeurt er nu met de bomen?": {"sub-heading": 0.25, "body": 0.5, "related": 0.25},
                             "De bomen blijven staan": {"sub-heading": 0.25, "body": 0.75}})
    prose = "De gemeente wil de bomen aan de Dorpsstraat kappen om plaats te maken voor een fietspad langs de weg."
    page = page_module.read_page("\n\n".join([prose, "Wat zegt de gemeente?", prose, "Wat gebeurt er nu met de bomen?",
                                               prose, "De bomen blijven staan", prose]))
    headings = [block for kind, block in page.blocks if kind == Kind.HEADING]
    assert headings == ["Wat zegt de gemeente?", "Wat gebeurt er nu met de bomen?"]


def test_a_line_that_goes_on_in_what_follows_is_never_a_heading_whatever_the_model_says(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.model.config import Config
    from pipeline.reading.draft import compose_body

    sure = {"sub-heading": 0.9, "body": 0.1}
    model_says(monkeypatch, {"Voorzitter,": sure, "De rekenkamer verwacht van de gemeenteraden dat zij:": sure,
                             "Wat vindt de rekenkamer?": sure})
    prose = "De rekenkamer heeft onderzocht hoe de gemeenten in de regio hun inwoners betrekken bij nieuw beleid."
    body = compose_body("\n\n".join([prose, "Voorzitter,", prose, "Wat vindt de rekenkamer?", prose,
                                     "De rekenkamer verwacht van de gemeenteraden dat zij:", prose]),
                        Config(languages=("nl",), default_language="nl"))
    assert body.headings == ["Wat vindt de rekenkamer?"]
    assert "Voorzitter," in body.paragraphs
    assert "De rekenkamer verwacht van de gemeenteraden dat zij:" in body.paragraphs


# --- shapes that head nothing whatever the model says, and a ruling's headings the model is sure of -------------

SURE = {"sub-heading": 0.9, "body": 0.1}
PROSE = ("De gemeenteraad van Tiel heeft dinsdagavond ingestemd met het plan voor een nieuw zwembad aan de rand van "
         "de stad.")


def _headings(text: str) -> list[str]:
    return [block for kind, block in page_module.read_page(text).blocks if kind == Kind.HEADING]


def test_a_line_the_next_line_goes_on_from_in_lower_case_heads_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    # a transcript or letter broken at short lines: "Op het plein bij de kerk" / "wordt volgend jaar ..."
    model_says(monkeypatch, {"Op het plein bij de kerk": SURE, "Aan de overkant van de rivier": SURE,
                             "Wat gaat het kosten?": SURE})
    own_block = "\n\n".join([PROSE, "Op het plein bij de kerk", "wordt volgend jaar een speeltuin aangelegd.",
                             "Wat gaat het kosten?", PROSE])
    assert _headings(own_block) == ["Wat gaat het kosten?"]
    in_a_block = "\n".join([PROSE, "Aan de overkant van de rivier", "komt een nieuwe loopbrug voor fietsers.", PROSE])
    assert _headings(in_a_block) == []


def test_a_short_heading_over_a_paragraph_in_lower_case_still_heads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # a council decision's "Besluit" over "de verordening vast te stellen.": a label of a word or two is no sentence
    model_says(monkeypatch, {"Besluit": SURE})
    assert _headings("\n\n".join([PROSE, "Besluit", "de verordening zwembaden vast te stellen.", PROSE])) == ["Besluit"]


@given(st.sampled_from(["Op het plein bij de kerk", "In de nacht van zaterdag op zondag", "Bij de brug over de Waal"]),
       st.sampled_from(["wordt gebouwd.", "is een auto in brand gevlogen.", "en verder niets."]),
       st.floats(0, 1))
def test_a_sentence_broken_over_two_lines_is_never_a_heading(start: str, rest: str, share: float) -> None:
    page = page_module.Page()
    lines = [PageLine(PROSE, 0), PageLine(start, 1), PageLine(rest, 2), PageLine(PROSE, 3)]
    for line in lines:
        line.shares = {"sub-heading": share, "body": 1 - share} if line.text == start else {"body": 1.0}
        line.role, line.share = max(line.shares.items(), key=lambda item: (item[1], item[0]))
        line.row = [0.0] * len(FEATURES)
    page.blocks = body_blocks(lines, learnt=True)
    assert (Kind.HEADING, start) not in page.blocks


def test_a_line_shown_twice_heads_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    # an index page's teaser: its link "• Politie zoekt eigenaar ..." over its title, both alone in their blocks
    teaser = "Politie zoekt eigenaar van bij Oudorp gevonden sieraden"
    model_says(monkeypatch, {teaser: SURE, f"• {teaser}": SURE, "Wie heeft ze verloren?": SURE})
    text = "\n\n".join([PROSE, f"• {teaser}", teaser, PROSE, "Wie heeft ze verloren?", PROSE])
    assert _headings(text) == ["Wie heeft ze verloren?"]
    assert _headings("\n\n".join([PROSE, teaser, teaser, PROSE])) == []


def test_a_line_ending_on_a_word_that_the_list_below_goes_on_from_is_no_heading(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.model.config import Config
    from pipeline.reading.draft import compose_body

    model_says(monkeypatch, {"Dit betekent dat:": SURE, "Wij vragen het college om:": SURE, "Benodigdheden:": SURE})
    body = compose_body("\n\n".join([PROSE, "Dit betekent dat:", "• de vergadering van 13 juni vervalt", PROSE,
                                     "Wij vragen het college om:", "- een overzicht van de klachten", PROSE,
                                     "Benodigdheden:", "• 1 grote prei", PROSE]),
                        Config(languages=("nl",), default_language="nl"))
    assert body.headings == ["Benodigdheden:"]
    assert "Dit betekent dat:" in body.markdown and "## Dit betekent dat:" not in body.markdown


_RULING = ("RECHTBANK ROTTERDAM", "Bestuursrecht", "zaaknummer: ROT 22/1234", "uitspraak van de enkelvoudige kamer",
           "in de zaak tussen", "[eiser], uit Rotterdam, eiser,", "en",
           "de heffingsambtenaar van de gemeente Rotterdam, verweerder.")


def test_a_ruling_keeps_the_headings_the_model_is_sure_of(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.reading.rulings import RULING_HEADING_SHARE

    grounds = ("Eiser heeft beroep ingesteld tegen de aanslag onroerendezaakbelasting voor het jaar 2022. Verweerder "
               "heeft een verweerschrift ingediend.")
    text = "\n\n".join([*_RULING, "Procesverloop", grounds, "Overwegingen", grounds, "Beslissing", grounds])
    model_says(monkeypatch, {"Procesverloop": {"sub-heading": RULING_HEADING_SHARE + 0.1, "body": 0.3},
                             "Overwegingen": {"sub-heading": RULING_HEADING_SHARE - 0.1, "body": 0.6}})
    # a label of the ruling's own by rule; the model's sure heading too; a doubted one stays text
    assert _headings(text) == ["Procesverloop", "Beslissing"]


# --- a block's last line may head the paragraph of the next block ----------------------------------------------


def _blocks_of(*blocks: list[tuple[str, float]]) -> list[PageLine]:
    """Lines in blocks as the model left them: each with its share of "sub-heading" votes."""
    lines = []
    for number, block in enumerate(blocks):
        for text, share in block:
            line = judged(text, {"sub-heading": share, "body": 1 - share})
            line.block = number
            lines.append(line)
    return lines


def _closing(last: str, above: str, share: float) -> list[PageLine]:
    # a block of labelled lists ("Grondslag" over its items) that a line closes, then the next block's paragraph
    return _blocks_of([("Grondslag", 0.6), ("• Wet op de dorpshuizen, artikel 12", 0.05), ("Bevoegd orgaan", 0.6),
                       ("• Besluit van de raad van 3 maart over de huur", 0.05), (above, 0.05), (last, share)],
                      [(PROSE, 0.0)])


def test_a_line_closing_a_block_of_lists_heads_the_paragraph_below() -> None:
    blocks = body_blocks(_closing("Aanleiding", "• Besluit van het bestuur van 5 mei over de zaal", 0.7), learnt=True)
    assert [text for kind, text in blocks if kind == Kind.HEADING] == ["Grondslag", "Bevoegd orgaan", "Aanleiding"]
    assert blocks[-1] == (Kind.TEXT, PROSE)


@pytest.mark.parametrize(("above", "share"), [
    ("Het bestuur besloot de zaal per 1 juni te verhuren aan de vereniging.", 0.7),  # a paragraph's last line above
    ("Huur per jaar € 3.250,00 € 3.400,00", 0.7),  # a table's row above, no list's mark
    ("• Besluit van het bestuur van 5 mei over de zaal", 0.3),  # the family's share only: the model doubts it
])
def test_a_line_closing_a_block_after_anything_but_a_list_or_on_few_votes_heads_nothing(above: str,
                                                                                         share: float) -> None:
    blocks = body_blocks(_closing("Aanleiding", above, share), learnt=True)
    assert "Aanleiding" not in [text for kind, text in blocks if kind == Kind.HEADING]
    assert "Aanleiding" in "\n".join(text for _kind, text in blocks)  # kept as text


def test_a_line_closing_the_last_block_heads_nothing() -> None:
    lines = _closing("Aanleiding", "• Besluit van het bestuur van 5 mei over de zaal", 0.7)[:-1]
    assert "Aanleiding" not in [text for kind, text in body_blocks(lines, learnt=True) if kind == Kind.HEADING]


# --- short codes the rules take for stray fragments, that the model takes for sub-headings ----------------------


TEAM = ("Het eerste team speelde zaterdag thuis een sterke wedstrijd en won verdiend met twee doelpunten "
        "verschil van de nummer drie.")


def _codes_page(monkeypatch: pytest.MonkeyPatch, shares: dict[str, float]) -> list[str]:
    model_gives(monkeypatch, {code: {"sub-heading": share, "body": 1 - share} for code, share in shares.items()},
                decides=("furniture", "headings"), alone_in_block=True)
    # a lede, then each code over its team's paragraph
    return _headings("\n\n".join([PROSE, *(part for code in shares for part in (code, TEAM))]))


def test_short_codes_the_model_takes_for_sub_headings_head_their_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    # one of them a sub-heading on the model's own votes, the others shaped alike with the family's share
    assert _codes_page(monkeypatch, {"JO13": 0.45, "JO15": 0.3, "MO17": 0.25}) == ["JO13", "JO15", "MO17"]


@pytest.mark.parametrize("shares", [{"JO13": 0.3, "JO15": 0.3},  # none a sub-heading on its own votes: no family
                                    {"JO13": 0.1, "JO15": 0.05}])
def test_short_codes_the_model_doubts_stay_stray_fragments(monkeypatch: pytest.MonkeyPatch,
                                                           shares: dict[str, float]) -> None:
    assert _codes_page(monkeypatch, shares) == []


# --- a line that opens with a time of day heads nothing -------------------------------------------------------------


@pytest.mark.parametrize("stamp", ["15:30 Uhr Oberdorf - Unterdorf", "08.45 JO11-2 – Rood Wit JO11-1",
                                   "19.30 uur Opening van de tentoonstelling", "21:05 Tor für Oberdorf"])
def test_a_line_opening_with_a_time_of_day_heads_nothing_whatever_the_model_says(
        monkeypatch: pytest.MonkeyPatch, stamp: str) -> None:
    model_says(monkeypatch, {stamp: SURE, "Wie heeft ze verloren?": SURE})
    assert _headings("\n\n".join([PROSE, stamp, PROSE, "Wie heeft ze verloren?", PROSE])) == ["Wie heeft ze verloren?"]


@pytest.mark.parametrize("section", ["2.15 Kosten van het beheer", "10.30 Slotbepalingen", "1:0 für Oberdorf"])
def test_a_section_number_or_a_score_is_no_time_of_day(monkeypatch: pytest.MonkeyPatch, section: str) -> None:
    model_says(monkeypatch, {section: SURE})
    assert _headings("\n\n".join([PROSE, section, PROSE])) == [section]
