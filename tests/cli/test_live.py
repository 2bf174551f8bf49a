"""Progress as it happens, in process: each file's line is written as soon as that file is decided
(before the next is even parsed), the report then leaves out what was streamed, and terminal tables
give whole columns their full width."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline import live, output, report, terminal
from pipeline.stages import ingest as ingest_module
from pipeline.store import progress
from tests.conftest import another_article, settle_raw
from tests.helpers import cli, make_draft


def _raw(root: Path, count: int) -> None:
    (root / "raw").mkdir(parents=True)
    (root / "pipeline.toml").write_text("", encoding="utf-8")
    for number in range(count):
        (root / "raw" / f"bericht-{number}.txt").write_text(another_article(number), encoding="utf-8")


def test_each_ingested_file_is_printed_before_the_next_is_parsed(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    _raw(tmp_path, 4)
    events: list[str] = []
    parse = ingest_module.parse_new_file

    def parsing(config: Any, new: ingest_module.NewFile, explain: bool = False) -> ingest_module.Parsed:
        events.append(f"parse {new.source.rel}")
        return parse(config, new, explain)

    said = output.say

    def saying(text: str = "", err: bool = False, flush: bool = False) -> None:
        events.append(f"say {text.split(chr(9))[1] if chr(9) in text else text}" + (" (flushed)" if flush else ""))
        said(text, err, flush)

    monkeypatch.setattr(ingest_module, "parse_new_file", parsing)
    monkeypatch.setattr(output, "say", saying)  # the lines streamed
    monkeypatch.setattr(report, "say", saying)  # the summary
    result = cli(tmp_path, "ingest", "--jobs", "1")
    assert result.exit_code == 0, result.stdout
    names = [f"raw/bericht-{number}.txt" for number in range(4)]
    assert events == [event for name in names for event in (f"parse {name}", f"say {name} (flushed)")] + [
        "say ingest: 4 ingested"]
    assert result.stdout.count("raw/bericht-0.txt") == 1  # streamed once, not printed again at the end


def test_a_streamed_run_prints_what_an_unstreamed_one_would(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _raw(tmp_path / "a", 3)
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    make_draft(tmp_path / "a", "los", tags="Banen")  # normalise changes it: a streamed normalise line
    make_draft(tmp_path / "b", "los", tags="Banen")
    streamed = cli(tmp_path / "a", "run")

    @contextlib.contextmanager
    def nothing(mode: output.Mode, lines: Any = None) -> Iterator[live.Shown]:
        yield live.Shown(False)

    monkeypatch.setattr(live, "shown", nothing)
    at_the_end = cli(tmp_path / "b", "run")
    assert streamed.exit_code == at_the_end.exit_code
    assert streamed.stdout == at_the_end.stdout
    assert "normalise\tchanged\tdrafts/los.md\ttags" in streamed.stdout


def test_quiet_run_streams_its_ingest_failures_once(tmp_path: Path) -> None:
    _raw(tmp_path, 1)
    (tmp_path / "raw" / "leeg.txt").write_bytes(b"")
    settle_raw(tmp_path)
    result = cli(tmp_path, "run", "--quiet")
    assert result.exit_code == 1
    assert result.stdout == "ingest: raw/leeg.txt: is empty\n"


def test_validate_streams_each_files_problems_and_prints_them_once(tmp_path: Path) -> None:
    (tmp_path / "pipeline.toml").write_text("", encoding="utf-8")
    for name in ("a", "b"):
        make_draft(tmp_path, name, cover={"image": "https://example.org/x.jpg", "alt": "", "caption": "Foto"})
    result = cli(tmp_path, "validate")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        f"drafts/{name}.md:10: error [required] cover.alt: is missing or empty: an editor must fill it in"
        for name in ("a", "b")]
    assert len(result.stdout.splitlines()) == 3


def test_no_listener_means_nothing_is_told() -> None:
    assert not progress.watched()
    progress.begin("ingest", 3)
    progress.done("ingest", None)
    progress.end("ingest")


def test_a_bar_waits_for_enough_work() -> None:
    bar = live.Bar()
    bar.begin("ingest", live.BAR_FROM)
    bar.begin("hugo", None)  # of no known length: only while a bar is up
    assert bar.progress is None
    bar.close()


def test_whole_columns_keep_their_width_and_text_wraps_between_words() -> None:
    columns = ("state", "draft", "title")
    cells = [["invalid", "drafts/" + "x" * 40 + ".md", "Een titel van een paar woorden lang"]]
    assert terminal.column_widths(columns, cells, ("title",), 200) == [None, None, None]
    widths = terminal.column_widths(columns, cells, ("title",), 80)
    assert widths is not None and widths[:2] == [7, 50] and widths[2] is not None and 5 <= widths[2] < 35
    assert sum(w for w in widths if w is not None) + 3 * 3 + 1 <= 80
    assert terminal.column_widths(columns, cells, ("title",), 60) is None  # no room: one line a row


def test_no_color_is_any_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert not terminal.no_color()
    monkeypatch.setenv("NO_COLOR", "")
    assert terminal.no_color() and terminal.console().color_system is None
