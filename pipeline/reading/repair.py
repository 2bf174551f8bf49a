"""ftfy's repair of mojibake, given only the text it could change, and asked only what it would check.

ftfy (6.3 and later 6.x, as pyproject asks) repairs a text line by line, each line alone. A line of printable
ASCII (most of a page's markup) comes back from all of its steps unchanged, so only the other lines
are given to it. A line that is not ASCII is asked first what ftfy's own steps would find in it:

- mojibake: ftfy's test (``ftfy.badness.is_bad``) is one large regular expression searched over the
  whole line, tried at every character of it. Every match of it holds a character that is not ASCII
  and is at most ``BADNESS_WIDTH`` characters long (a test reads both off the expression), so it is
  searched only around the line's runs of characters that are not ASCII: the same answer, on a page
  of prose a few windows instead of the whole line;
- and the other steps the repair takes (C1 controls, surrogates, terminal escapes, control
  characters): each changes only characters of its own, looked for in one pass; NFC by ``unicodedata``.

A line none of them would change is ftfy's answer as it is (its loop stops after one round that
changed nothing); any other line goes to ``ftfy.fix_text`` whole, as before. The result is ftfy's
for any text (tests/reading/test_text.py compares them).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

# ftfy's options: repair mojibake only, keep typographic quotes, ligatures and widths as the writer chose.
REPAIR_OPTIONS: dict[str, Any] = {"unescape_html": False, "uncurl_quotes": False, "fix_latin_ligatures": False,
                                  "fix_character_width": False, "fix_line_breaks": False,
                                  "remove_terminal_escapes": True, "normalization": "NFC", "explain": False}
# What ftfy's repair returns as it is: printable ASCII, tab and line ends (mojibake is never ASCII, and
# its escape and control-character fixes remove characters outside this set).
_PLAIN_ASCII = re.compile(r"[\t\n\r\x20-\x7e]*+")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]++")
# At least the longest match of ftfy's mojibake expression (seven characters in ftfy 6.3):
# tests/reading/test_text.py holds the expression to it.
BADNESS_WIDTH = 8
# The steps ftfy's ``fix_and_explain`` takes after the encoding's, in its order, each run when the
# config says so (``unescape_html``, before it, is off here).
_LATER_STEPS = ("fix_c1_controls", "fix_latin_ligatures", "fix_character_width", "uncurl_quotes",
                "fix_line_breaks", "fix_surrogates", "remove_terminal_escapes", "remove_control_chars")
# What each of the steps the repair runs changes, and nothing else (ftfy's own expressions and table): a line
# without any of these characters comes back from it unchanged (tests/reading/test_text.py holds each to it).
_CHANGED_BY = {"fix_c1_controls": "\x80-\x9f",  # chardata.C1_CONTROL_RE
               "fix_surrogates": "\ud800-\udfff",  # fixes.SURROGATE_RE
               "remove_terminal_escapes": "\x1b"}  # fixes.ANSI_RE begins with it


@functools.cache
def _ftfy() -> tuple[Any, Any, re.Pattern[str], tuple[Any, ...], re.Pattern[str]]:
    """ftfy; its config made of REPAIR_OPTIONS; the characters the config's later steps change; those
    steps of them whose characters are not listed here; its mojibake expression."""
    import ftfy
    from ftfy.badness import BADNESS_RE
    from ftfy.chardata import CONTROL_CHARS

    config = ftfy.TextFixerConfig(**REPAIR_OPTIONS)
    names = [name for name in _LATER_STEPS if getattr(config, name)]
    changed = {**_CHANGED_BY, "remove_control_chars": "".join(re.escape(chr(code)) for code in sorted(CONTROL_CHARS))}
    touched = re.compile("[" + "".join(changed[name] for name in names if name in changed) + "]")
    others = tuple(ftfy.FIXERS[name] for name in names if name not in changed)
    return ftfy, config, touched, others, BADNESS_RE


def looks_like_mojibake(line: str) -> bool:
    """``ftfy.badness.is_bad(line)``, searched only within ``BADNESS_WIDTH - 1`` characters of the
    line's characters that are not ASCII (windows that touch are searched as one)."""
    badness = _ftfy()[4]
    reach = BADNESS_WIDTH - 1
    begin = stop = -1
    for run in _NOT_ASCII.finditer(line):
        low, high = max(run.start() - reach, 0), run.end() + reach
        if low <= stop:
            stop = high
            continue
        # a window after the first begins past 0, where "^" (the line's start) never matches: as in the whole line
        if stop >= 0 and badness.search(line, begin, stop):
            return True
        begin, stop = low, high
    return stop >= 0 and badness.search(line, begin, stop) is not None


def _left_as_is(line: str, config: Any, touched: re.Pattern[str], others: tuple[Any, ...]) -> bool:
    """Whether ftfy's repair returns the line unchanged: nothing it takes for mojibake, no character its
    later steps change (and no other step changes it), already in its normal form."""
    if len(line) > config.max_decode_length or looks_like_mojibake(line) or touched.search(line):
        return False  # (ftfy cuts a longer line in pieces: left to it)
    if config.normalization is not None and not unicodedata.is_normalized(config.normalization, line):
        return False
    return all(step(line) == line for step in others)


def fix_mojibake(text: str) -> str:
    """``ftfy.fix_text(text, TextFixerConfig(**REPAIR_OPTIONS))``, given only the lines it could change."""
    if _PLAIN_ASCII.fullmatch(text):
        return text
    ftfy, config, touched, others, _badness = _ftfy()
    fixed: list[str] = []
    start = 0
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        line = text[start:end]
        if _PLAIN_ASCII.fullmatch(line) or _left_as_is(line, config, touched, others):
            fixed.append(line)
        else:
            fixed.append(ftfy.fix_text(line, config))
        start = end
    return "".join(fixed)
