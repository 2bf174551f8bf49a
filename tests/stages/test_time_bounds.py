"""No one file holds a run, and the workspace's lock, for long: a run of backticks is read, checked and
normalised in time linear in its length, and a file that takes too long to read or check anyway (a
slowness no one has found yet, stood in for here) fails with that reason while the rest of the run
goes on."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from pipeline.model.config import Config
from pipeline.reading.draft import SourceInfo
from pipeline.stages import ingest, validate
from pipeline.store import parallel
from tests.conftest import EXAMPLE_PUBLISHED, REPO
from tests.helpers import cli

BACKTICKS = 30_000

CHILD = """
import json, sys
from datetime import UTC, datetime
from pipeline.model.canonical import normalise_text
from pipeline.model.config import Config
from pipeline.reading.draft import SourceInfo, drafts_from_bytes
from pipeline.reading.sources import SourceError
from pipeline.reading.text import DecodeError
from pipeline.stages.validate import validate_text

moment = datetime(2026, 2, 11, tzinfo=UTC)
config = Config()
draft = sys.argv[1]
for case, run in json.loads(sys.stdin.read()).items():
    print(case, flush=True)  # the case under way, should the time run out
    for raw in ("De gemeente meldt " + run + " dat.\\n", "# Kop " + run + "\\n\\nTekst.\\n", run):
        try:
            drafts_from_bytes(raw.encode("utf-8"), SourceInfo("raw/run.txt", "0" * 64, moment, moment), config)
        except (SourceError, DecodeError):
            pass
    text = open(draft, encoding="utf-8").read() + "\\n" + run + "\\n"
    validate_text(text, "drafts/x.md", config)
    normalise_text(text, config, "drafts/x.md")
    print("done", flush=True)
"""

LIMIT = 120  # seconds for all the cases: linear takes a few; the quadratic code took 11 s for 1,000 backticks


def test_a_run_of_backticks_is_read_checked_and_normalised_in_linear_time() -> None:
    runs = {"a run": "`" * BACKTICKS, "spaced": "` " * BACKTICKS, "after letters": "`a" * BACKTICKS,
            "growing runs": " ".join("`" * size for size in range(1, 240)), "in a link": "[x](" + "`" * BACKTICKS + ")",
            "two runs": "`" * BACKTICKS + "x" + "`" * (BACKTICKS - 1)}
    example = EXAMPLE_PUBLISHED
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, str(example)], input=json.dumps(runs), capture_output=True,
                              text=True, timeout=LIMIT, cwd=REPO, check=False)
    except subprocess.TimeoutExpired as expired:
        shown = expired.stdout.decode() if isinstance(expired.stdout, bytes) else expired.stdout or ""
        slow = [line for line in shown.split("\n") if line and line != "done"]
        pytest.fail(f"{slow[-1] if slow else 'the first case'}: still being worked on after {LIMIT} s")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n").count("done") == len(runs)


# The per-file limit these tests set: far above what reading the example takes once the heavy libraries are
# imported (the tests import them first, so a loaded machine does not give the example file up), far below what
# the stand-in for a slowness takes (minutes).
LIMIT_SECONDS = 2.0


def _catastrophic(text: str) -> None:
    """Minutes of backtracking in one C call (the limit's signal stops it): what an unknown pathological
    pattern would do."""
    re.match(r"(a+)+$", "a" * 36 + "b")


def _warm_up_reading(workspace: Path) -> None:
    """Read the example raw file once in this process, so the imports of the date and language libraries
    fall outside the time limit of the ingest under test."""
    moment = datetime(2026, 2, 11, tzinfo=UTC)
    for raw in (workspace / "raw").iterdir():
        ingest.drafts_from_bytes(raw.read_bytes(), SourceInfo(f"raw/{raw.name}", "0" * 64, moment, moment), Config())


def test_a_raw_file_that_takes_too_long_to_read_fails_and_the_rest_are_ingested(
        workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reader = ingest.drafts_from_bytes

    def slow_on_marker(data: bytes, *args: Any, **options: Any) -> Any:
        if b"TRAAG" in data:
            _catastrophic(data.decode())
        return reader(data, *args, **options)

    _warm_up_reading(workspace)
    monkeypatch.setattr(ingest, "drafts_from_bytes", slow_on_marker)
    monkeypatch.setattr(parallel, "FILE_SECONDS", LIMIT_SECONDS)
    (workspace / "raw" / "traag.txt").write_text("Een kop\n\nTRAAG " + "De gemeente meldt een plan. " * 30 + "\n")
    result = cli(workspace, "ingest")  # ends: the file given up after its limit, as its line says
    assert result.exit_code == 1, result.stdout
    lines = result.stdout.splitlines()
    given_up = f"took longer than {LIMIT_SECONDS:g} s to read or check: given up"
    assert f"failed\traw/traag.txt\t{given_up}" in lines, result.stdout
    assert len(list((workspace / "drafts").glob("*.md"))) == 1  # the example raw file, read as ever


def test_a_draft_that_takes_too_long_to_check_fails_and_the_rest_are_checked(
        workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli(workspace, "ingest").exit_code == 0
    example = next((workspace / "drafts").glob("*.md"))
    (workspace / "drafts" / "traag.md").write_text(example.read_text().replace("title: ", "title: TRAAG ", 1))
    checker = validate.check_file

    def slow_on_marker(data: bytes, rel: str, *args: Any) -> Any:
        if b"TRAAG" in data:
            _catastrophic(data.decode())
        return checker(data, rel, *args)

    monkeypatch.setattr(validate, "check_file", slow_on_marker)
    monkeypatch.setattr(parallel, "FILE_SECONDS", LIMIT_SECONDS)
    result = cli(workspace, "validate", "--json")
    found = json.loads(result.stdout)
    problems = [(p["file"], p["code"], p["message"]) for p in found]
    assert ("drafts/traag.md", "unreadable",
            f"cannot be read (took longer than {LIMIT_SECONDS:g} s to read or check: given up)") in problems, problems
    assert not [p for p in problems if p[0] == f"drafts/{example.name}" and p[1] == "unreadable"]
