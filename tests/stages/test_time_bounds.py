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
from pipeline.store.workspace import Workspace
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


def _slow_run(workspace: Path, count: int, jobs: int) -> list[tuple[str, str]]:
    """`count` files through the runner on `jobs` processes, the one named slow-*.md stuck in a long search."""
    from pipeline.store.runner import PerFile, run_per_file

    folder = workspace / "drafts"
    for index in range(count):
        (folder / f"{'slow' if index == count // 2 else 'file'}-{index:04}.md").write_text(f"tekst {index}\n")

    def compute(rel: str, data: bytes) -> str:
        if rel.startswith("drafts/slow-"):
            _catastrophic(data.decode())
        return "checked"

    job: PerFile[str, str] = PerFile(compute=compute, unreadable=lambda rel, error: f"given up: {error}",
                                     result=lambda sent: sent, cached=lambda sent: None, from_cache=lambda kept: kept)
    opened = Workspace.open(workspace)
    return [(entry.rel, result) for entry, result in
            run_per_file(opened, opened.iter_markdown_files(folder), job, None, jobs, task="")]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_run_sets_the_limits_handler_once_and_gives_a_slow_file_up_on_any_process(
        workspace: Path, monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    """The handler that ends a file's time is set once for a run (and the one before put back after it), not
    twice for every file; a file that takes too long is still given up, in this process and in a worker, and
    the files after it are checked."""
    import signal

    (workspace / "drafts").mkdir()
    monkeypatch.setattr(parallel, "FILE_SECONDS", LIMIT_SECONDS)
    set_to: list[object] = []
    real_signal = signal.signal

    def counted(signum: int, handler: Any) -> Any:
        if signum == signal.SIGALRM:
            set_to.append(handler)
        return real_signal(signum, handler)

    monkeypatch.setattr(signal, "signal", counted)
    before = signal.getsignal(signal.SIGALRM)
    count = parallel.MIN_ITEMS_FOR_POOL  # enough for the pool's workers when there are two
    results = _slow_run(workspace, count, jobs)
    assert len(set_to) == 2 and set_to[-1] is before  # installed once, and the one before put back
    assert signal.getsignal(signal.SIGALRM) is before
    slow = [(rel, result) for rel, result in results if rel.startswith("drafts/slow-")]
    assert slow == [(f"drafts/slow-{count // 2:04}.md",
                     f"given up: took longer than {LIMIT_SECONDS:g} s to read or check: given up")]
    assert [result for _rel, result in results].count("checked") == count - 1


def test_a_block_outside_a_run_keeps_its_own_time_limit() -> None:
    """A time limit outside a run (ingest's reading of a file, a test) sets its handler for its block alone:
    the block is stopped when its time is up, and the handler before is back after it."""
    import signal

    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(parallel.TookTooLong), parallel.time_limit(0.2):
        _catastrophic("")
    assert signal.getsignal(signal.SIGALRM) is before
    with parallel.time_limit(5):
        pass
    assert signal.getsignal(signal.SIGALRM) is before
