"""The house style's fast path without PyYAML: it refuses what YAML refuses as it did when it asked PyYAML's
own pattern of every front matter, and a house-style file is read without importing YAML at all."""

from __future__ import annotations

import re
import subprocess
import sys

import yaml
from hypothesis import given
from hypothesis import strategies as st

from pipeline.model.front_matter_fast import _non_printable, parse_house_style
from tests.conftest import REPO

_BREAKS = re.compile("[\r\x85\u2028\u2029\ufeff]")


def test_the_pattern_of_what_yaml_refuses_is_pyyamls_own() -> None:
    assert _non_printable().pattern == yaml.reader.Reader.NON_PRINTABLE.pattern


def test_no_character_python_prints_is_one_yaml_refuses_or_breaks_a_line_at() -> None:
    """Why a line that is printable needs no look for them (checked over all of Unicode)."""
    refused = yaml.reader.Reader.NON_PRINTABLE
    found = [hex(code) for code in range(sys.maxunicode + 1)
             if chr(code).isprintable() and (refused.match(chr(code)) or _BREAKS.match(chr(code)))]
    assert found == []


HOUSE_LINES = ['title: "Een titel"', "date: 2026-02-11T00:00:00+01:00", 'tags: ["banen", "privacy"]',
               "cover:", '  image: "https://example.org/a.jpeg"', '  alt: "Een foto"', "draft: true", 'lang: "nl"']
# Characters of every kind: the ones YAML refuses, its line breaks, a no-break space, a tab, letters
ODD = st.sampled_from(["\x00", "\x07", "\x1f", "\x7f", "\x80", "\x85", "\x9f", "\xa0", "\xad", "\t", "\r", "\u2028",
                       "\u2029", "\ufeff", "\ufffe", "\ud800", "\ue000", "é", "€", "\U0001f600", "a"])


@given(st.lists(st.tuples(st.integers(0, len(HOUSE_LINES) - 1), st.integers(0, 40), ODD), max_size=4))
def test_a_front_matter_holding_what_yaml_refuses_is_left_to_yaml(inserted: list[tuple[int, int, str]]) -> None:
    lines = list(HOUSE_LINES)
    for which, where, char in inserted:
        line = lines[which]
        lines[which] = line[:where] + char + line[where:]
    front = "\n".join(lines) + "\n"
    if yaml.reader.Reader.NON_PRINTABLE.search(front) or _BREAKS.search(front):
        assert parse_house_style(front) is None  # as when every front matter was searched with YAML's pattern
    elif not inserted:
        assert parse_house_style(front) is not None


def test_a_house_style_file_is_read_without_yaml_and_any_other_with_it() -> None:
    script = """
import sys
from pipeline.model.article import parse_article
article = parse_article('---\\ntitle: "Een titel"\\ndate: 2026-02-11T00:00:00+01:00\\n---\\n\\nTekst.\\n')
print(article.meta["title"], "yaml" in sys.modules, "pipeline.model.front_matter_read" in sys.modules)
article = parse_article("---\\ntitle: Een titel  # a comment\\n---\\n\\nTekst.\\n")
print(article.meta["title"], "yaml" in sys.modules)
"""
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO)
    assert shown.stdout.splitlines() == ["Een titel False False", "Een titel True"]
