"""normalise killed (SIGKILL, in a child process) at its n-th file write, just before or just after the
rename that puts a draft's new text in place: every draft is its old bytes or its whole normalised bytes,
the next command that takes the lock sweeps the temporary file the kill left, the next normalise finishes
the rest, and one more changes nothing."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from pipeline.store.atomic import STALE_AFTER
from tests.conftest import REPO
from tests.helpers import cli, draft_text, make_draft

DRAFTS = 5

# Runs `pipeline normalise` in this child, killed with SIGKILL at the n-th rename into drafts/: before it
# (the new text written to its temporary file, the draft untouched) or after it (not yet journalled).
CHILD = """
import os, signal, sys
root, kill_at, when = sys.argv[1], int(sys.argv[2]), sys.argv[3]
real_replace = os.replace
calls = 0

def replace(source, target, *args, **kwargs):
    global calls
    if os.path.basename(os.path.dirname(os.fspath(target))) != "drafts":
        return real_replace(source, target, *args, **kwargs)
    calls += 1
    if calls == kill_at and when == "before":
        os.kill(os.getpid(), signal.SIGKILL)
    real_replace(source, target, *args, **kwargs)
    if calls == kill_at and when == "after":
        os.kill(os.getpid(), signal.SIGKILL)

os.replace = replace
from pipeline.cli import main
sys.argv = ["pipeline", "--root", root, "normalise"]
main()
"""


def _untidy(number: int) -> str:
    """A valid draft out of canonical form: keys out of order, an unquoted string, a tag in capitals,
    trailing spaces and a run of blank lines in the body."""
    lines = draft_text(title=f"Een bericht over het plan {number}").split("\n")
    lines.insert(1, lines.pop(lines.index('doelgroep: "BESLISSER"')))
    text = "\n".join(lines).replace('sectie: "werk"', "sectie: werk", 1).replace('tags: ["banen"', 'tags: ["Banen"', 1)
    return text.replace("\n\n", "  \n\n\n\n", 2)


def _drafts(root: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((root / "drafts").glob("*.md"))}


def _temporary_files(root: Path) -> list[Path]:
    return sorted(root.rglob(".tmp-*.part"))


@pytest.fixture(scope="module")
def untidy_and_tidy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """A workspace of DRAFTS drafts that need normalising, their bytes, and their bytes once normalised."""
    base = tmp_path_factory.mktemp("normalise-kill")
    template = base / "template"
    (template / "raw").mkdir(parents=True)
    (template / "pipeline.toml").write_text("", encoding="utf-8")
    for number in range(DRAFTS):
        make_draft(template, f"bericht-{number}", _untidy(number))
    reference = base / "reference"
    shutil.copytree(template, reference)
    done = cli(reference, "normalise", env={"PIPELINE_NOW": "2026-11-23T10:00:00+01:00"})
    assert done.exit_code == 0 and done.stdout.endswith(f"normalise: {DRAFTS} changed\n"), done.output
    old, tidy = _drafts(template), _drafts(reference)
    assert all(old[name] != tidy[name] for name in old)
    return template, old, tidy


@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("kill_at", [1, 3, 5])
def test_normalise_killed_mid_way_leaves_whole_files_and_the_next_one_finishes(
        untidy_and_tidy: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path, kill_at: int,
        when: str) -> None:
    template, old, tidy = untidy_and_tidy
    root = tmp_path / "ws"
    shutil.copytree(template, root)
    child = subprocess.run([sys.executable, "-c", CHILD, str(root), str(kill_at), when], cwd=REPO,
                           capture_output=True, text=True, timeout=120, check=False)
    assert child.returncode == -signal.SIGKILL, child.stderr

    found = _drafts(root)
    assert set(found) == set(old)
    for name, data in found.items():  # never half-written
        assert data in (old[name], tidy[name]), name
    assert sum(found[name] == tidy[name] for name in found) == (kill_at if when == "after" else kill_at - 1)
    left = _temporary_files(root)
    if when == "before":  # the new text, written in full beside the draft it was to replace
        assert len(left) == 1 and left[0].parent == root / "drafts", left
        assert left[0].read_bytes() in tidy.values()
        moment = time.time() - STALE_AFTER - 60  # the next cron run comes later: its writer is long gone
        os.utime(left[0], (moment, moment))
    else:
        assert left == []

    result = cli(root, "normalise")

    assert result.exit_code == 0, result.output
    assert _temporary_files(root) == []
    assert _drafts(root) == tidy
    still = DRAFTS - kill_at + (1 if when == "before" else 0)
    counts = [f"{still} changed"] * bool(still) + [f"{DRAFTS - still} unchanged"] * bool(DRAFTS - still)
    assert result.stdout.endswith(f"normalise: {', '.join(counts)}\n"), result.stdout
    journal = [json.loads(line) for line in (root / ".pipeline" / "journal.jsonl").read_text().splitlines()]
    normalised = Counter(entry["article"] for entry in journal if entry["action"] == "normalised")
    assert set(normalised.values()) <= {1}, normalised  # no draft journalled twice
    # and one more changes nothing
    again = cli(root, "normalise")
    assert (again.exit_code, again.stdout) == (0, f"normalise: {DRAFTS} unchanged\n")
    assert _drafts(root) == tidy
