"""The installed command on a pseudo-terminal and in a pipe: a progress bar on stderr for long work on a
terminal, each file's line as soon as it is decided when piped (the same bytes on any number of
processes), paths and file:line never cut at any width, validate's clickable form, and NO_COLOR."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, another_article, run_in_terminal, run_installed, settle_raw
from tests.helpers import make_draft

LONG = "werkgevers-melden-dat-kunstmatige-intelligentie-vacatures-maakt"


def many_raw(root: Path, count: int) -> Path:
    """A workspace with `count` raw files, each a different article with a long file name."""
    (root / "raw").mkdir(parents=True)
    shutil.copy2(REPO / "pipeline.toml", root / "pipeline.toml")
    for number in range(count):
        (root / "raw" / f"{LONG}-{number:03}.txt").write_text(another_article(number), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 raw files ingested (more than a bar waits for), as a template to copy."""
    root = many_raw(tmp_path_factory.mktemp("many") / "ws", 60)
    assert run_installed("ingest", cwd=root).returncode == 0
    return root


def test_a_terminal_gets_a_progress_bar_on_stderr_and_the_table_after(tmp_path: Path) -> None:
    root = many_raw(tmp_path / "ws", 60)
    result = run_in_terminal("ingest", cwd=root, columns=220)
    assert result.returncode == 0, result.err
    raw_err = result.stderr.decode()
    assert "ingest" in result.err and "/60" in result.err, raw_err  # the bar: what, how far of how many
    assert "━" in raw_err
    assert raw_err.endswith("\x1b[?25h\r") or "\x1b[2K" in raw_err[-40:]  # gone when done (transient)
    assert "ingest: 60 ingested" in result.out
    assert "/60" not in result.out and "0:00:0" not in result.out  # the bar never reaches stdout


def test_little_work_shows_no_bar(tmp_path: Path) -> None:
    root = many_raw(tmp_path / "ws", 3)
    result = run_in_terminal("ingest", cwd=root, columns=120)
    assert result.returncode == 0 and result.stderr == b""
    assert "ingest: 3 ingested" in result.out


@pytest.mark.parametrize("command", [("validate",), ("review",), ("status",), ("normalise", "--check"), ("preview",)])
def test_long_work_on_drafts_shows_a_bar(ingested: Path, tmp_path: Path, command: tuple[str, ...]) -> None:
    root = tmp_path / "ws"
    shutil.copytree(ingested, root)
    shutil.rmtree(root / ".pipeline" / "cache", ignore_errors=True)
    result = run_in_terminal(*command, cwd=root, columns=160)
    assert result.returncode in (0, 1), result.err
    assert "/60" in result.err, result.stderr[:300]


def test_no_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    root = many_raw(tmp_path / "ws", 60)
    result = run_in_terminal("ingest", cwd=root, columns=160, piped="stderr")
    assert result.returncode == 0 and result.stderr == b""


def test_piped_lines_come_as_each_file_is_decided_and_are_the_same_on_two_processes(tmp_path: Path) -> None:
    # 210 new files: enough for the process pool (pipeline.store.parallel.MIN_ITEMS_FOR_POOL)
    one = many_raw(tmp_path / "one", 210)
    settle_raw(one)
    two = tmp_path / "two"
    shutil.copytree(one, two)  # copytree keeps the files' times
    first = run_installed("run", "--jobs", "1", cwd=one)
    second = run_installed("run", "--jobs", "2", cwd=two)
    assert first.returncode == second.returncode
    assert first.stdout == second.stdout and first.stderr == second.stderr == ""
    lines = first.stdout.splitlines()
    assert lines[0] == f"ingest\tingested\traw/{LONG}-000.txt\tdrafts/" + lines[0].split("\tdrafts/")[1]
    assert sum(line.startswith("ingest\tingested\t") for line in lines) == 210
    assert lines[-4:-2] == ["ingest: 210 ingested", "normalise: 210 unchanged"]


def test_json_stays_one_document_with_a_bar_on_stderr(tmp_path: Path) -> None:
    import json

    root = many_raw(tmp_path / "ws", 60)
    result = run_in_terminal("ingest", "--json", cwd=root, columns=160)
    assert result.returncode == 0
    assert len(json.loads(result.out)) == 60  # the whole of stdout is one document
    assert "/60" in result.err


@pytest.mark.parametrize("columns", [30, 60, 120])
def test_paths_are_never_cut_at_any_width(ingested: Path, tmp_path: Path, columns: int) -> None:
    root = tmp_path / "ws"
    shutil.copytree(ingested, root)
    drafts = sorted(f"drafts/{path.name}" for path in (root / "drafts").glob("*.md"))
    for command in (("review",), ("history",), ("validate",)):
        result = run_in_terminal(*command, cwd=root, columns=columns)
        assert result.returncode in (0, 1), result.err
        for draft in drafts:
            assert draft in result.out, (command, columns, draft, result.out[:2000])
        for line in result.out.splitlines():  # and nothing is cut short with an ellipsis either
            assert "…" not in line, line


def test_a_table_that_fits_wraps_only_its_text_columns(ingested: Path, tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(ingested, root)
    result = run_in_terminal("review", cwd=root, columns=150)
    assert result.out.count("┃ state") == 1  # a table, not the narrow form
    assert max(len(line) for line in result.out.splitlines()) <= 150
    draft = sorted((root / "drafts").glob("*.md"))[0].name
    assert any(f"│ drafts/{draft} " in line for line in result.out.splitlines())  # whole, padded


def _problem_draft(root: Path) -> None:
    (root / "pipeline.toml").write_text("", encoding="utf-8")
    make_draft(root, f"2026-11-09-{LONG}", cover={"image": "https://example.org/x.jpg", "alt": "", "caption": "Foto"})


@pytest.mark.parametrize("columns", [40, 80, 200])
def test_validate_keeps_the_form_editors_click_on_a_terminal(tmp_path: Path, columns: int) -> None:
    _problem_draft(tmp_path)
    result = run_in_terminal("validate", cwd=tmp_path, columns=columns)
    assert result.returncode == 1
    clickable = f"drafts/2026-11-09-{LONG}.md:10: error [required] cover.alt: is missing or empty: an editor"
    assert any(line.startswith(clickable) for line in result.out.splitlines()), result.out  # one line, whole
    assert "\x1b[" in result.stdout.decode()  # in colour on a terminal


@pytest.mark.parametrize("value", ["", "1"])
def test_no_color_means_no_escape_codes_at_all(tmp_path: Path, value: str) -> None:
    _problem_draft(tmp_path)
    validated = run_in_terminal("validate", cwd=tmp_path, columns=80, env={"NO_COLOR": value})
    assert validated.returncode == 1 and b"\x1b" not in validated.stdout + validated.stderr
    assert f"{LONG}.md:10: error [required]" in validated.out
    root = many_raw(tmp_path / "ws", 60)
    ingested = run_in_terminal("ingest", cwd=root, columns=120, env={"NO_COLOR": value})
    assert ingested.returncode == 0
    assert b"\x1b" not in ingested.stdout + ingested.stderr  # the table's bold header and the bar too
    assert re.search(r"ingest: \d+/60 files", ingested.stderr.decode())  # the bar as plain text
    assert "ingest: 60 ingested" in ingested.out


def test_force_color_off_a_terminal_writes_no_bar_into_a_log(tmp_path: Path) -> None:
    root = many_raw(tmp_path / "ws", 60)
    result = run_installed("ingest", cwd=root, env={"FORCE_COLOR": "1"})
    assert result.returncode == 0 and "\x1b" not in result.stdout + result.stderr
