"""A raw file that stops at the scraper's length cap (``ingest.raw_cap_bytes``): ingest marks its draft
``source.capped``, and validate warns that the text was cut off when its last line does not end a sentence, a
heading, a list's point or a short line as much as a long one."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.model.config import ConfigError, config_from_mapping
from pipeline.reading.draft import SourceInfo, at_cap, drafts_from_bytes
from pipeline.stages.cut_off import capped, cut_off_ending, unfinished_ending
from tests.helpers import cli, draft_text, make_draft

FIRST = ("De raad bespreekt dinsdag de begroting en de inrichting van het nieuwe plein. De planning van het plan "
         "is klaar, zegt de wethouder. Iedereen kan meepraten in het dorpshuis.")
MOMENT = datetime(2026, 1, 1, tzinfo=UTC)
SOURCE = SourceInfo("raw/plein.txt", "0" * 64, MOMENT, MOMENT)


@pytest.mark.parametrize("ending", [
    "Het plan",  # a short line the cut-off shapes leave alone: a heading or a signature in a whole text
    "## De planning",
    "- Een avond in het dorpshuis over het plein",
    "De inrichting begint op 15 maart 1",
    "Meepraten kan in het dorpshuis en via de site van de gemeente",
    "De wethouder zei:",
])
def test_a_line_that_does_not_end_a_sentence_is_unfinished(ending: str) -> None:
    found = unfinished_ending(FIRST + "\n\n" + ending + "\n")
    assert found is not None
    assert found[0] == 2 and ending.endswith(found[1])


@pytest.mark.parametrize("ending", [
    "Iedereen is welkom.", "Komt u ook?", "Kom allen!", "En dan\u2026", "\u201cWe beginnen in maart.\u201d",
    "(Zie ook de site van de gemeente.)", "'Het plein wordt mooi!'",
])
def test_a_line_that_ends_a_sentence_is_finished(ending: str) -> None:
    assert unfinished_ending(FIRST + "\n\n" + ending) is None


def test_an_empty_text_is_never_unfinished() -> None:
    assert unfinished_ending("") is None
    assert unfinished_ending(" \n\t\n") is None


@pytest.mark.parametrize(("size", "cap", "expected"), [
    (2000, 2000, True), (1997, 2000, True),  # a character of up to four bytes cut at the cap is dropped whole
    (1996, 2000, False), (2001, 2000, False), (2000, 0, False), (0, 0, False),
])
def test_a_raw_file_stops_at_the_cap_or_within_a_character_of_it(size: int, cap: int, expected: bool) -> None:
    assert at_cap(size, cap) is expected


def _text_of(size: int) -> bytes:
    """A plain text of exactly ``size`` bytes whose last line stops without a sentence's end."""
    head = ("Plein krijgt nieuwe inrichting\n\n" + FIRST + "\n\n").encode()
    data = head + ("woord " * size).encode()
    return data[:size].rstrip(b" ") + b"x" * (size - len(data[:size].rstrip(b" ")))


def test_ingest_marks_a_raw_file_at_the_cap_as_capped() -> None:
    config = config_from_mapping({"ingest": {"raw_cap_bytes": 600}})
    data = _text_of(600)
    assert len(data) == 600
    [draft] = drafts_from_bytes(data, SOURCE, config)
    assert draft.article.meta["source"]["capped"] is True
    assert capped(draft.article.meta)


@pytest.mark.parametrize(("size", "table"), [
    (596, {"ingest": {"raw_cap_bytes": 600}}),  # short of the cap by more than a character
    (600, {}),  # no cap configured: the default
])
def test_ingest_leaves_other_raw_files_unmarked(size: int, table: dict[str, dict[str, int]]) -> None:
    [draft] = drafts_from_bytes(_text_of(size), SOURCE, config_from_mapping(table))
    assert "capped" not in draft.article.meta["source"]
    assert not capped(draft.article.meta)


def test_a_file_of_several_items_is_never_marked() -> None:
    line = json.dumps({"title": "Plein krijgt nieuwe inrichting", "text": FIRST + " Het plan"}) + "\n"
    data = (line * 2).encode()
    config = config_from_mapping({"ingest": {"raw_cap_bytes": len(data)}})
    drafts = drafts_from_bytes(data, SourceInfo("raw/plein.jsonl", "0" * 64, MOMENT, MOMENT), config)
    assert len(drafts) == 2
    assert not any(capped(draft.article.meta) for draft in drafts)


@pytest.mark.parametrize("value", [-1, "2000", 1.5, True])
def test_the_cap_setting_refuses_what_is_no_length(value: object) -> None:
    with pytest.raises(ConfigError, match=r"ingest\.raw_cap_bytes"):
        config_from_mapping({"ingest": {"raw_cap_bytes": value}})


@pytest.mark.parametrize("source", [None, "raw/plein.txt", {"capped": "yes"}, {"capped": 1}, {}])
def test_only_a_source_marked_capped_true_is_capped(source: object) -> None:
    assert not capped({"source": source})


def _validate(root: Path, ending: str, is_capped: bool) -> str:
    text = draft_text().rstrip("\n") + f"\n\n{ending}\n"
    if is_capped:
        text = text.replace("sha256: ", "capped: true\n  sha256: ", 1)
        assert "capped: true" in text
    make_draft(root, "afgekapt", text)
    (root / "pipeline.toml").write_text("", encoding="utf-8")
    return cli(root, "validate").stdout


def test_validate_warns_a_capped_text_that_ends_on_a_heading(tmp_path: Path) -> None:
    assert cut_off_ending(FIRST + "\n\nHet vervolg van het plan") is None  # whole, to the shapes alone
    out = _validate(tmp_path, "Het vervolg van het plan", True)
    assert "warning [cut-off] body: the text ends mid-sentence ('... Het vervolg van het plan')" in out


@pytest.mark.parametrize(("ending", "is_capped"), [
    ("Het vervolg van het plan", False),  # not capped: a heading or a signature may end a text
    ("Het vervolg volgt later.", True),  # capped, but the text ends a sentence (an editor completed it)
])
def test_validate_leaves_a_finished_or_uncapped_ending(tmp_path: Path, ending: str, is_capped: bool) -> None:
    assert "[cut-off]" not in _validate(tmp_path, ending, is_capped)


@pytest.mark.parametrize("body", [
    FIRST + "\n" + "a" * 100_000,
    FIRST + "\n" + "." * 100_000 + "x",
    FIRST + "\n" + "\x00\x1b" * 50_000,
    FIRST + "\n" + "?\u201d" * 50_000 + "a",
    "\n" * 100_000,
])
def test_a_hostile_ending_is_judged_quickly(body: str) -> None:
    started = time.process_time()  # processor time, not the wall clock: a busy machine fails nothing
    unfinished_ending(body)
    assert time.process_time() - started < 0.1  # one look at the last line: far under this on a slow machine
