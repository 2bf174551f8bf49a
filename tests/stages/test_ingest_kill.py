"""JSON Lines: all of a file's drafts or none. Ingest is killed (SIGKILL, in a child process) at a fixed
point of writing a file's second draft; the next ingest finishes the file, and every item of every file
ends up as exactly one draft."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from pipeline.model.article import parse_article
from tests.conftest import REPO
from tests.helpers import cli

ITEMS = 5
TEXT = ("De gemeente meldt vandaag dat er een nieuw plan komt voor wonen en werk in de stad. Het plan gaat over "
        "honderden woningen en een nieuw bedrijventerrein aan de rand van de stad. ")

# Runs ingest in this child, killed with SIGKILL at the n-th draft written: before its file is made,
# or after it is made and before the journal has it.
CHILD = """
import os, signal, sys
from pathlib import Path
from pipeline.store.workspace import Workspace
from pipeline.stages.ingest import run_ingest

root, kill_at, when = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
calls = 0
real = Workspace.write_new_atomic

def write_new_atomic(self, path, text):
    global calls
    calls += 1
    if calls == kill_at and when == "before":
        os.kill(os.getpid(), signal.SIGKILL)
    made = real(self, path, text)
    if calls == kill_at and when == "after":
        os.kill(os.getpid(), signal.SIGKILL)
    return made

Workspace.write_new_atomic = write_new_atomic
workspace = Workspace.open(root)
run_ingest(workspace, workspace.load_config())
"""


def jsonl(name: str) -> str:
    return "".join(json.dumps({"title": f"{name} bericht {n} over het plan", "published": f"2026-02-{10 + n}",
                               "body": f"{name} {n}. {body(ord(name) * 10 + n)}"}) + "\n" for n in range(1, ITEMS + 1))


def body(number: int) -> str:
    """A different text for each number (the same words in another order): different articles."""
    import random

    words = (TEXT * 3).split()
    random.Random(number).shuffle(words)
    return " ".join(words)


def items_in_drafts(root: Path) -> Counter[tuple[str, int]]:
    found: Counter[tuple[str, int]] = Counter()
    for path in (root / "drafts").glob("*.md"):
        source = parse_article(path.read_text(encoding="utf-8")).meta["source"]
        found[(source["file"], source["item"])] += 1
    return found


@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("kill_at", [2, 4, 7])
def test_a_json_lines_file_killed_mid_way_is_finished_by_the_next_ingest(bare_workspace: Path, kill_at: int,
                                                                         when: str) -> None:
    root = bare_workspace
    for name in ("a", "b"):
        (root / "raw" / f"{name}.jsonl").write_text(jsonl(name), encoding="utf-8")
    child = subprocess.run([sys.executable, "-c", CHILD, str(root), str(kill_at), when], cwd=REPO,
                           capture_output=True, text=True, timeout=120, check=False)
    assert child.returncode == -signal.SIGKILL, child.stderr
    before = items_in_drafts(root)
    assert sum(before.values()) == kill_at - (1 if when == "before" else 0)

    result = cli(root, "ingest")

    assert result.exit_code == 0, result.stdout + result.stderr
    expected = {(f"raw/{name}.jsonl", n) for name in ("a", "b") for n in range(1, ITEMS + 1)}
    after = items_in_drafts(root)
    assert set(after) == expected, sorted(expected - set(after))
    assert set(after.values()) == {1}, [item for item, count in after.items() if count > 1]
    # And the file is done: a third ingest has nothing to do, and no draft is made twice.
    again = cli(root, "ingest")
    assert again.exit_code == 0 and "ingest: 2 skipped" in again.stdout, again.stdout
    assert items_in_drafts(root) == after


@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("kill_at", [1, 2, 3])
def test_plain_files_killed_mid_way_give_one_draft_each(bare_workspace: Path, kill_at: int, when: str) -> None:
    root = bare_workspace
    (root / "raw" / "eerder.txt").write_text(f"Een eerder bericht over het plan\n\n{body(0)}", encoding="utf-8")
    assert cli(root, "ingest").exit_code == 0  # the ingest record exists: it is loaded, not rebuilt
    for name in ("a", "b", "c"):
        (root / "raw" / f"{name}.txt").write_text(f"Bericht {name} over het plan\n\n{body(ord(name))}",
                                                  encoding="utf-8")
    child = subprocess.run([sys.executable, "-c", CHILD, str(root), str(kill_at), when], cwd=REPO,
                           capture_output=True, text=True, timeout=120, check=False)
    assert child.returncode == -signal.SIGKILL, child.stderr

    result = cli(root, "ingest")

    assert result.exit_code == 0, result.stdout + result.stderr
    sources = Counter(parse_article(path.read_text(encoding="utf-8")).meta["source"]["file"]
                      for path in (root / "drafts").glob("*.md"))
    # the draft written but not journalled is taken as it is, not written again as "...-2.md"
    assert sources == {"raw/eerder.txt": 1, "raw/a.txt": 1, "raw/b.txt": 1, "raw/c.txt": 1}
    assert not list((root / "drafts").glob("*-2.md"))
    journal = [json.loads(line) for line in (root / ".pipeline" / "journal.jsonl").read_text().splitlines()]
    journalled = [e["source"] for e in journal if e["action"] == "ingested"]
    assert sorted(journalled) == ["raw/a.txt", "raw/b.txt", "raw/c.txt", "raw/eerder.txt"]
    assert cli(root, "ingest").stdout.strip() == "ingest: 4 skipped"
