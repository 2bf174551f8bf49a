"""What a command prints is made safe as the escaping patterns make it, whether or not the text had anything to
escape: the look that passes printable text by (str.isprintable) never lets through a character the patterns
would escape."""

from __future__ import annotations

import io
import json
import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import output

# Text with what each class escapes and what is near it: C0 and C1 controls, DEL, tabs and line breaks, the
# bidirectional overrides and isolates and their neighbours, lone surrogates, non-printable characters no class
# holds (a no-break space, a line separator, a zero-width space, private use, unassigned), letters of other scripts.
_HOSTILE = st.text(alphabet=st.sampled_from(
    ["a", " ", "é", "\t", "\n", "\r", "\x00", "\x08", "\x0b", "\x1b", "\x1f", "\x7f", "\x80", "\x85", "\x9f", "\xa0",
     "\u2028", "\u2029", "\u200b", "\u2029", "\u202a", "\u202e", "\u202f", "\u2066", "\u2069", "\u206a", "\ud800",
     "\udfff", "\ue000", "\U0010ffff", "\U0001f600", "\u0378", "ß", "İ"]), max_size=12) | st.text(max_size=12)


def _old(unsafe: str, text: str) -> str:
    return re.sub(unsafe, output._escape, text)


@settings(max_examples=400, deadline=None)
@given(_HOSTILE)
def test_a_line_and_a_cell_are_made_safe_as_the_patterns_make_them(text: str) -> None:
    assert output.safe_line(text) == _old(output._UNSAFE_IN_LINE, text)
    assert output.safe_cell(text) == _old(output._UNSAFE_IN_CELL, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_HOSTILE, max_size=4))
def test_json_is_made_safe_as_the_pattern_makes_it(values: list[str]) -> None:
    document = {"rows": values, "count": len(values)}
    text = json.dumps(document, ensure_ascii=False, indent=2)
    expected = re.sub(output._UNSAFE_IN_JSON, lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"
    written = io.StringIO()
    stdout, sys.stdout = sys.stdout, written
    try:
        output.emit_json(document)
    finally:
        sys.stdout = stdout
    assert written.getvalue() == expected


def test_every_escaped_character_is_one_that_does_not_print() -> None:
    for unsafe in (output._UNSAFE_IN_LINE, output._UNSAFE_IN_CELL, output._UNSAFE_IN_JSON):
        pattern = re.compile(unsafe)
        escaped = [chr(code) for code in range(0x110000) if pattern.fullmatch(chr(code))]
        assert escaped and not any(char.isprintable() for char in escaped)
