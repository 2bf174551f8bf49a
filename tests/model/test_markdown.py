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


# --- code as CommonMark finds it: normalise leaves every kind alone --------------------------------

NESTED = {
    "a fence in a list item": "- Stap een:\n\n  ```sh\n  echo a   \n\n\n  echo b  \n  ```\n",
    "a fence in a blockquote": "> Citaat:\n>\n> ```\n> regel   \n>\n>\n> regel\n> ```\n",
    "a highlight shortcode": "{{< highlight go >}}\nfunc main() {   \n\n\n}\n{{< /highlight >}}\n",
    "an indented code block": "Tekst.\n\n    regel een   \n\n\n    regel twee\n",
}


def test_code_anywhere_keeps_its_trailing_spaces_and_blank_lines() -> None:
    for name, body in NESTED.items():
        code = [line for line in body.split("\n") if "regel" in line or "echo" in line or "func" in line]
        out = normalise_body("Inleiding.  \n\n\n" + body)
        assert out.startswith("\nInleiding.\n\n"), name  # prose around it is still cleaned
        for line in code:
            assert line in out.split("\n"), (name, line)
        assert body.rstrip("\n") in out, name  # the blank lines inside the code are kept too


def test_where_each_line_stands() -> None:
    from pipeline.model.markdown import Line, fenced

    lines = ["- punt", "", "  ```", "  # geen kop", "  ```", "# kop", "{{< highlight py >}}", "# ook code",
             "{{< /highlight >}}", "na"]
    assert [where for _line, where in fenced(lines)] == [
        Line.PROSE, Line.PROSE, Line.OPENS, Line.CODE, Line.CODE, Line.PROSE, Line.OPENS, Line.CODE, Line.CODE,
        Line.PROSE]
    assert all(where is Line.PROSE for _line, where in fenced(["Gewone tekst.", "## Kop"]))


_CODE_ALPHABET = st.sampled_from(["`", "~", "{", "<", "%", "\t", " ", "\n", "a", "é", "```", "    ", "{{<", "~~~"])


@settings(max_examples=500)
@given(st.lists(_CODE_ALPHABET, max_size=30).map("".join))
def test_whether_a_text_may_hold_code_is_what_the_pattern_says(text: str) -> None:
    # the quick look for the strings code needs must never say no where the pattern finds code
    from pipeline.model.markdown import _MAYBE_CODE, may_hold_code

    assert may_hold_code(text) == (_MAYBE_CODE.search(text) is not None)


_LINK_ALPHABET = st.sampled_from(["f", "F", "t", "T", "p", "P", ":", "/", "]", "(", "<", " ", "\n", ".", "-", "x",
                                  "ftp://", "FTP://", "://", "a.ftp://"])


@settings(max_examples=500)
@given(st.lists(_LINK_ALPHABET, max_size=30).map("".join))
def test_whether_a_body_may_hold_links_is_what_the_patterns_say(body: str) -> None:
    from pipeline.model.links import _BARE_LINK, may_hold_links

    assert may_hold_links(body) == ("](" in body or "]:" in body or "<" in body
                                    or _BARE_LINK.search(body) is not None)
