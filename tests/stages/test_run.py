"""`pipeline run` for cron, `status` and `history`: stages in order, quiet success, failures, the lock."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from pipeline.model.article import parse_article
from pipeline.stages.promote import promote
from pipeline.stages.waiting import pending_moves
from pipeline.store.clock import now
from pipeline.store.workspace import Workspace
from tests.conftest import (
    EXAMPLE_DRAFT_NAME,
    EXAMPLE_RAW,
    another_article,
    installed_command,
    run_installed,
    settle_raw,
)
from tests.helpers import approve_in_process, articles, cli, draft_text, make_draft


def _journal(root: Path) -> list[dict[str, Any]]:
    return Workspace.open(root).read_journal()[0]


# --- one run, all stages ----------------------------------------------------------------------


def test_run_is_quiet_on_success(workspace: Path) -> None:
    result = cli(workspace, "run", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert articles(workspace)["drafts"] == [EXAMPLE_DRAFT_NAME]


def test_run_does_every_stage_in_order_with_one_summary(workspace: Path) -> None:
    make_draft(workspace, "klaar")
    approve_in_process(workspace, "klaar")
    # An editor typed the keys out of house order: normalise puts them back, and only that file is written.
    text = draft_text(title="Handwerk")
    lines = text.split("\n")
    lines.insert(1, lines.pop(lines.index('doelgroep: "BESLISSER"')))
    messy = make_draft(workspace, "handwerk", "\n".join(lines))
    result = cli(workspace, "run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"ingest\tingested\traw/{EXAMPLE_RAW.name}\tdrafts/{EXAMPLE_DRAFT_NAME}",
        "normalise\tchanged\tdrafts/handwerk.md\tkey order",
        "promote\tpromoted\tdrafts/klaar.md\tpublished/klaar.md",
        "ingest: 1 ingested",
        "normalise: 1 changed, 2 unchanged",
        "drafts: 2 not approved",
        "promote: 1 promoted",
    ]
    assert messy.read_text(encoding="utf-8") == text
    actions = [e["action"] for e in _journal(workspace)]
    assert actions == ["approved", "ingested", "normalised", "promoting", "promoted"]


def test_run_again_changes_nothing(workspace: Path) -> None:
    assert cli(workspace, "run").exit_code == 0
    before = {p: p.read_bytes() for p in workspace.rglob("*.md")}
    journal = (workspace / ".pipeline" / "journal.jsonl").read_bytes()
    again = cli(workspace, "run")
    assert again.exit_code == 0
    assert again.stdout.splitlines()[-4:] == ["ingest: 1 skipped", "normalise: 1 unchanged", "drafts: 1 not approved",
                                              "promote: nothing"]
    assert {p: p.read_bytes() for p in workspace.rglob("*.md")} == before
    assert (workspace / ".pipeline" / "journal.jsonl").read_bytes() == journal


def test_a_run_lists_drafts_once_and_counts_what_waits(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.store import stamps
    from pipeline.store.paths import WorkspacePaths

    settle_raw(workspace)
    assert cli(workspace, "run").exit_code == 0
    for name in ("b", "c"):
        make_draft(workspace, name)
    approve_in_process(workspace, "b")
    drafts = os.path.realpath(workspace / "drafts")
    listed: list[str] = []
    walk, quick = WorkspacePaths.iter_markdown_files, stamps.markdown_stamps

    def walked(self: WorkspacePaths, folder: Path) -> Any:
        listed.extend(["walk"] if os.path.realpath(folder) == drafts else [])
        return walk(self, folder)

    def stamped(workspace: Workspace, folder: Path) -> Any:
        listed.extend(["stamps"] if os.path.realpath(folder) == drafts else [])
        return quick(workspace, folder)

    monkeypatch.setattr(WorkspacePaths, "iter_markdown_files", walked)
    monkeypatch.setattr(stamps, "markdown_stamps", stamped)
    result = cli(workspace, "run")
    assert result.exit_code == 0, result.stdout
    assert listed == ["walk"]
    assert "drafts: 2 not approved" in result.stdout.splitlines()  # b was promoted, the others counted
    assert (workspace / "published" / "b.md").exists()


def test_run_reports_one_line_per_failure_and_exits_1(workspace: Path) -> None:
    (workspace / "raw" / "empty.txt").write_bytes(b"")
    settle_raw(workspace)
    make_draft(workspace, "bezet")
    approve_in_process(workspace, "bezet")
    (workspace / "published" / "bezet.md").write_text("---\ntitle: \"Iets anders\"\ndraft: false\n---\n",
                                                      encoding="utf-8")
    result = cli(workspace, "run", "--quiet")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "ingest: raw/empty.txt: is empty",
        "promote: drafts/bezet.md: published/bezet.md is taken by another article; rename the draft to publish it",
    ]
    # The rest was done: the good raw file became a draft.
    assert EXAMPLE_DRAFT_NAME in articles(workspace)["drafts"]


def test_run_json_for_scripts(workspace: Path) -> None:
    document = json.loads(cli(workspace, "run", "--json").stdout)
    assert document["ok"] is True and document["failures"] == []
    assert document["counts"]["ingest"] == {"ingested": 1}
    assert document["counts"]["drafts"] == {"not approved": 1}
    assert document["drafts"] == []  # only drafts an approval names are assessed: pipeline status tells the rest


def test_run_finishes_a_move_a_killed_run_cut_short_before_anything_else(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    make_draft(tmp_path, "a")
    approve_in_process(tmp_path, "a")
    workspace = Workspace.open(tmp_path)
    config = workspace.load_config()

    def killed(*_args: Any) -> None:
        raise SystemExit("killed")

    with monkeypatch.context() as patch:
        patch.setattr(Workspace, "remove", killed)
        with pytest.raises(SystemExit):
            promote(workspace, config, now(config.zone))
    assert articles(tmp_path) == {"drafts": [".moving-a.md"], "published": ["a.md"]}  # aside, out of the way
    result = cli(tmp_path, "run")
    assert result.exit_code == 0, result.output
    assert "promote\tfinished\tdrafts/a.md\ta move cut short, now done" in result.stdout
    assert articles(tmp_path) == {"drafts": [], "published": ["a.md"]}
    assert pending_moves(_journal(tmp_path)) == []


# --- the lock ---------------------------------------------------------------------------------


def test_a_held_lock_makes_run_wait_then_exit_3(workspace: Path) -> None:
    (workspace / "pipeline.toml").write_text("[run]\nlock_timeout = 0.2\n", encoding="utf-8")
    with Workspace.open(workspace).lock(0, "editor session"):
        result = cli(workspace, "run", "--quiet")
        waited_less = cli(workspace, "run", "--wait", "0")
    assert result.exit_code == 3 and waited_less.exit_code == 3
    assert result.stderr.strip() == (f"error: workspace {workspace} is locked by pid {os.getpid()} "
                                     f"(editor session) since {result.stderr.split(' since ')[1].split(';')[0]}; "
                                     "try again later")
    assert result.stdout == ""
    assert articles(workspace)["drafts"] == []  # nothing was done


def _raw_files(root: Path, count: int) -> None:
    """count distinct raw files, enough to keep a run busy while the test looks at it."""
    for number in range(count):
        (root / "raw" / f"bericht-{number:03d}.txt").write_text(another_article(number), encoding="utf-8")


def _start_run(root: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PIPELINE_NOW": "2026-11-23T10:00:00+01:00"}
    return subprocess.Popen([*installed_command(), "--root", str(root), "run", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def _wait_until_it_holds_the_lock(root: Path, child: subprocess.Popen[str]) -> None:
    lock = root / ".pipeline" / "lock"
    while f"pid {child.pid} (run)" not in (lock.read_text(encoding="utf-8") if lock.exists() else ""):
        assert child.poll() is None, "the run ended before the test saw it take the lock"
        time.sleep(0.002)


def _run_holding_the_lock(tmp_path: Path) -> tuple[Path, subprocess.Popen[str]]:
    """A workspace of 60 raw files, and a run on it that holds its lock now (ended if it could not)."""
    root = tmp_path / "ws"
    (root / "raw").mkdir(parents=True)
    _raw_files(root, 60)
    settle_raw(root)
    run = _start_run(root)
    _wait_until_it_holds_the_lock(root, run)  # or the run has ended: nothing is left running
    return root, run


def _lock_is_held(root: Path) -> bool:
    fd = os.open(root / ".pipeline" / "lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def _sources(root: Path) -> list[str]:
    return sorted(parse_article(p.read_text(encoding="utf-8")).meta["source"]["file"]
                  for p in (root / "drafts").glob("*.md"))


def test_two_runs_at_once_never_interleave(tmp_path: Path) -> None:
    root, first = _run_holding_the_lock(tmp_path)
    try:
        first.send_signal(signal.SIGSTOP)  # frozen while it holds the lock: the test decides when it goes on
        assert _lock_is_held(root)
        refused = run_installed("--root", str(root), "run", "--wait", "0", cwd=tmp_path)
        assert refused.returncode == 3
        assert f"is locked by pid {first.pid} (run) since " in refused.stderr
        assert refused.stderr.count("\n") == 1 and refused.stdout == ""
        second = _start_run(root, "--wait", "120")
        first.send_signal(signal.SIGCONT)
        first_out, first_err = first.communicate(timeout=120)
        second_out, second_err = second.communicate(timeout=120)
    finally:
        for child in (first,):
            if child.poll() is None:
                child.send_signal(signal.SIGCONT)
                child.kill()
    assert first.returncode == 0, first_err
    assert second.returncode == 0, second_err
    assert "ingest: 60 ingested" in first_out.splitlines()
    assert "ingest: 60 skipped" in second_out.splitlines()  # it waited for the first to finish
    assert _sources(root) == [f"raw/bericht-{n:03d}.txt" for n in range(60)]  # each exactly once
    ingested = [e["source"] for e in _journal(root) if e["action"] == "ingested"]
    assert sorted(ingested) == [f"raw/bericht-{n:03d}.txt" for n in range(60)]


def test_the_lock_of_a_killed_run_is_taken_over(tmp_path: Path) -> None:
    root, doomed = _run_holding_the_lock(tmp_path)
    doomed.send_signal(signal.SIGKILL)
    doomed.wait(timeout=60)
    lock = root / ".pipeline" / "lock"
    assert f"pid {doomed.pid} (run)" in lock.read_text(encoding="utf-8")  # its note stays behind...
    assert not _lock_is_held(root)  # ...but the kernel released the lock with the process
    after = run_installed("--root", str(root), "run", "--wait", "0", cwd=tmp_path)
    assert after.returncode == 0, after.stderr
    assert f"pid {doomed.pid}" not in lock.read_text(encoding="utf-8")
    assert set(_sources(root)) == {f"raw/bericht-{n:03d}.txt" for n in range(60)}


# --- status and history -----------------------------------------------------------------------


def test_status_counts_every_stage_and_says_what_to_do_next(workspace: Path) -> None:
    for name in ("klaar", "later", "bewerkt", "afgewezen", "wacht"):
        make_draft(workspace, name, **({"date": "2026-12-24T09:00:00+01:00"} if name == "later" else {}))
    make_draft(workspace, "kapot", cover={"image": "", "alt": "", "caption": ""})
    for name in ("klaar", "later", "bewerkt"):
        approve_in_process(workspace, name)
    edited = workspace / "drafts" / "bewerkt.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nNog een zin.\n", encoding="utf-8")
    assert cli(workspace, "reject", "afgewezen", "--by", "bob", "--reason", "te lang").exit_code == 0
    result = cli(workspace, "status", "--json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["counts"] == {"raw_waiting": 1, "raw_failed": 0, "drafts": 6, "drafts_invalid": 1,
                                  "source_updated": 0, "possible_duplicates": 0, "awaiting_review": 2, "rejected": 1,
                                  "approved": 1, "scheduled": 1, "published": 1}
    assert document["next"] == [
        "pipeline ingest (1 new raw file(s))",
        "fix 1 invalid draft(s): pipeline review shows what blocks each",
        "review 2 draft(s), 1 edited after approval: pipeline review, then pipeline approve DRAFT or "
        "pipeline reject DRAFT --reason TEXT",
        "rework 1 rejected draft(s): pipeline review shows the reasons",
        "pipeline promote (1 approved draft(s) ready)",
        "1 scheduled: pipeline run promotes each when its date comes (first: 2026-12-24T09:00:00+01:00)",
    ]
    states = {d["draft"]: d["state"] for d in document["drafts"]}
    assert states["drafts/bewerkt.md"] == "approval void"
    plain = cli(workspace, "status").stdout.splitlines()
    assert plain[:4] == ["raw waiting\t1", "raw failed\t0", "drafts\t6", "drafts invalid\t1"]


def test_status_stays_light(workspace: Path) -> None:
    make_draft(workspace, "a")
    code = ("import sys, runpy; sys.argv = ['pipeline', 'status']\n"
            "try:\n    runpy.run_module('pipeline', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "heavy = ('dateparser', 'langdetect', 'ftfy', 'charset_normalizer', 'slugify')\n"
            "print(sorted({m.split('.')[0] for m in sys.modules if m.startswith(heavy)}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=workspace, capture_output=True, text=True, check=False,
                            env={**os.environ, "PIPELINE_NOW": "2026-11-23T10:00:00+01:00"})
    assert result.returncode == 0, result.stderr
    assert "drafts\t1" in result.stdout
    assert result.stdout.splitlines()[-1] == "[]"


def test_history_follows_one_article_across_drafts_and_published(workspace: Path) -> None:
    make_draft(workspace, "a")
    make_draft(workspace, "b")
    approve_in_process(workspace, "a")
    approve_in_process(workspace, "b")
    assert cli(workspace, "promote", "a").exit_code == 0
    assert cli(workspace, "unpublish", "a", "--by", "bob", "--reason", "fout in de kop").exit_code == 0
    result = cli(workspace, "history", "published/a.md")
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [(row[1], row[2]) for row in rows] == [
        ("approved", "drafts/a.md"), ("promoting", "published/a.md"), ("promoted", "published/a.md"),
        ("unpublishing", "drafts/a.md"), ("unpublished", "drafts/a.md")]
    assert rows[-1][3].startswith("by: bob; run by: tester; reason: fout in de kop; from: published/a.md")
    assert rows[2][3].startswith("approved by: ") and "run by: tester" in rows[2][3]
    assert cli(workspace, "history", "a").stdout == result.stdout
    everything = json.loads(cli(workspace, "history", "--json").stdout)
    assert len(everything) == 6 and everything[1] == {**everything[1], "action": "approved", "article": "drafts/b.md"}
    unknown = cli(workspace, "history", "nergens")
    assert unknown.exit_code == 0 and "no journal entries for nergens" in unknown.stderr


def test_run_never_reads_a_file_still_being_written(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    (root / "raw").mkdir(parents=True)
    text = EXAMPLE_RAW.read_bytes()
    (root / "raw" / "download.txt.part").write_bytes(text[:200])  # a download tool's name while it writes
    (root / "raw" / "oud.txt").write_bytes(text)
    settle_raw(root)
    (root / "raw" / "vers.txt").write_text(another_article(1), encoding="utf-8")  # written a moment ago
    first = cli(root, "run")
    assert first.exit_code == 0, first.stdout
    lines = first.stdout.splitlines()
    assert any(line.startswith("ingest\tingested\traw/oud.txt\t") for line in lines)
    assert any(line.startswith("ingest\twaiting\traw/vers.txt\tchanged less than 2 s ago") for line in lines)
    assert "download" not in first.stdout
    assert "vers.txt" not in (root / ".pipeline" / "journal.jsonl").read_text(encoding="utf-8")
    settle_raw(root)  # left alone since: the next run takes it, whole
    second = cli(root, "run")
    assert any(line.startswith("ingest\tingested\traw/vers.txt\t") for line in second.stdout.splitlines())
    assert "download" not in second.stdout
    assert len(list((root / "drafts").glob("*.md"))) == 2
    (root / "raw" / "nieuw.txt").write_text(another_article(2), encoding="utf-8")
    assert "ingested\traw/nieuw.txt" in cli(root, "ingest").stdout  # a person's ingest reads at once
