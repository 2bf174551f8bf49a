"""Where the line model's word settles which lines are sub-headings: the rules' shape of one is only a feature."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pipeline.reading.page as page_module
from pipeline.reading.line_features import FEATURES
from pipeline.reading.lines import Kind, PageLine
from pipeline.reading.roles import FAMILY_SHARE, HEADING_SHARE, heading_family, learnt_heading


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


def model_says(monkeypatch: pytest.MonkeyPatch, shares: dict[str, dict[str, float]]) -> None:
    """The page reader's line model, as if it gave these lines these shares (every other line: body)."""

    def model_said(lines: list[PageLine], recurring: object = None) -> frozenset[str]:
        for line in lines:
            line.shares = shares.get(line.text, {"body": 1.0})
            line.role, line.share = max(line.shares.items(), key=lambda item: (item[1], item[0]))
            line.row = [0.0] * len(FEATURES)
            line.row[FEATURES.index("alone in block")] = 1.0
        return frozenset({"headings"})

    monkeypatch.setattr(page_module, "learn_roles", model_said)


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
