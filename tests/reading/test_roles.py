"""Where the line model's word settles which lines are sub-headings: the rules' shape of one is only a feature."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.reading.line_features import FEATURES
from pipeline.reading.lines import PageLine
from pipeline.reading.roles import HEADING_SHARE, learnt_heading


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
