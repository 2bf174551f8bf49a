"""Markdown line by line: what normalise may clean without changing the rendered page."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model.markdown import collapse_blank_lines, normalise_body


def test_a_hard_line_break_and_non_ascii_spaces_are_kept() -> None:
    body = "Regel een  \nregel twee   \nderde\u00a0\nvierde\u3000\n\nslot  \n\n\n"
    assert normalise_body(body) == "\nRegel een  \nregel twee  \nderde\u00a0\nvierde\u3000\n\nslot\n"


def test_a_break_before_a_blank_line_or_the_end_breaks_nothing_and_goes() -> None:
    assert normalise_body("Eén  \n\nTwee  ") == "\nEén\n\nTwee\n"


def test_scraped_text_loses_every_trailing_space() -> None:
    assert collapse_blank_lines("Regel een  \nregel twee \n\n\n") == "Regel een\nregel twee\n"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["tekst", "  ", " ", "\u00a0", "\t", "", "```", "code  "]), max_size=12))
def test_normalising_a_body_twice_changes_nothing_more(parts: list[str]) -> None:
    body = "\n".join("".join(parts[i:i + 3]) for i in range(0, len(parts), 3))
    once = normalise_body(body)
    assert normalise_body(once.removeprefix("\n")) == once
