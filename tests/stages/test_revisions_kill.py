"""The promote of a revision killed at each step of it: the page is never offline (published/ holds the
article, the earlier or the corrected version, before and after every step), and the next promote
finishes the replacement or undoes it."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from pipeline.model.config import Config
from pipeline.stages.promote import promote
from pipeline.stages.waiting import pending_moves
from pipeline.store.clock import now
from pipeline.store.workspace import Workspace
from tests.helpers import cli
from tests.stages.test_revisions import live, published_with_edits, revision
from tests.stages.test_updates import CORRECTION, NAME, journal

CONFIG = Config()
# Every step of a move that touches the disk; a kill lands before or after one of them.
STEPS = ("append_journal", "take_aside", "replace_if_unchanged", "write_atomic", "write_new_atomic", "remove",
         "put_back")


class Crash(BaseException):
    """Stands for a kill: nothing after it runs, no handler catches it."""


def approved_revision(root: Path) -> None:
    published_with_edits(root)
    assert cli(root, "revise", NAME).exit_code == 0
    path = revision(root)
    path.write_text(path.read_text(encoding="utf-8").replace(*CORRECTION), encoding="utf-8")
    assert cli(root, "approve", NAME, "--by", "anna").exit_code == 0


def version_online(root: Path) -> str:
    """Which version published/NAME.md holds: 'earlier' or 'corrected'; fails when there is none."""
    text = live(root).read_text(encoding="utf-8")  # FileNotFoundError: the page went offline
    if CORRECTION[1] in text:
        return "corrected"
    assert CORRECTION[0] in text
    return "earlier"


@contextmanager
def steps_watched(root: Path, kill_at: int | None) -> Iterator[list[str]]:
    """Each step of Workspace checked to leave the article online before and after it; the step
    numbered kill_at is killed just before it (or, for odd numbers, just after it). Yields the steps seen."""
    seen: list[str] = []
    originals = {name: getattr(Workspace, name) for name in STEPS}

    def watched(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def step(self: Workspace, *args: Any, **kwargs: Any) -> Any:
            version_online(root)
            seen.append(f"before {name}")
            if kill_at is not None and len(seen) == kill_at:
                raise Crash
            result = original(self, *args, **kwargs)
            version_online(root)
            seen.append(f"after {name}")
            if kill_at is not None and len(seen) == kill_at:
                raise Crash
            return result
        return step

    with pytest.MonkeyPatch.context() as patch:
        for name, original in originals.items():
            patch.setattr(Workspace, name, watched(name, original))
        yield seen


def promote_in_process(root: Path) -> list[Any]:
    workspace = Workspace.open(root)
    with workspace.lock(5, "test"):
        return promote(workspace, CONFIG, now(CONFIG.zone)).moves


def test_a_revision_promote_has_the_steps_the_kill_test_kills(bare_workspace: Path) -> None:
    root = bare_workspace
    approved_revision(root)
    with steps_watched(root, None) as seen:
        moves = promote_in_process(root)
    assert [move.status for move in moves] == ["revised"]
    # journal, aside, replace, remove, journal: the kills below land before and after each
    assert [step for step in seen if step.startswith("before")] == [
        "before append_journal", "before take_aside", "before replace_if_unchanged", "before remove",
        "before append_journal"]
    assert len(seen) == KILLS


KILLS = 10


@pytest.mark.parametrize("kill_at", range(1, KILLS + 1))
def test_a_revision_promote_killed_at_any_step_keeps_the_page_online_and_is_finished_or_undone(
        bare_workspace: Path, kill_at: int) -> None:
    root = bare_workspace
    approved_revision(root)
    with steps_watched(root, kill_at), pytest.raises(Crash):
        promote_in_process(root)
    assert version_online(root) in ("earlier", "corrected")
    with steps_watched(root, None):  # the next promote: still never offline
        moves = promote_in_process(root)
    assert version_online(root) == "corrected"  # finished, or undone and then done again
    assert pending_moves(journal(root)) == []
    assert not revision(root).exists() and not revision(root).with_name(f".moving-{NAME}.md").exists()
    assert sorted(os.listdir(root / "published")) == [f"{NAME}.md"]
    # killed before its intent is journalled: never begun; before the rename: undone, then done again;
    # after it: finished; after its last journal line: nothing left to do
    expected = (["revised"] if kill_at < 2 else ["abandoned", "revised"] if kill_at < 6 else
                ["finished"] if kill_at < KILLS else [])
    assert [str(move.status) for move in moves] == expected


# --- the installed command killed at random points ----------------------------------------------

REVISED_ARTICLES = 12
RANDOM_KILLS = 10
# more kills while none has landed mid-promote: on a loaded machine start-up time varies, and a kill often lands
# before the moves begin or after they end
RANDOM_KILLS_AT_MOST = 40


def _workspace_of_revisions(root: Path) -> dict[str, tuple[str, str]]:
    """REVISED_ARTICLES published articles, each with an approved revision; (earlier, corrected) bodies' marks."""
    from pipeline.stages.revisions import revise
    from pipeline.store.journal import Journal
    from pipeline.store.targets import resolve_target
    from tests.helpers import approve_in_process, make_draft

    (root / "raw").mkdir(parents=True)
    marks = {}
    for number in range(REVISED_ARTICLES):
        name = f"artikel-{number:02d}"
        make_draft(root, name)
        approve_in_process(root, name)
    assert promote_in_process(root) and not list((root / "drafts").glob("*.md"))
    workspace = Workspace.open(root)
    for number in range(REVISED_ARTICLES):
        name = f"artikel-{number:02d}"
        with workspace.lock(5, "test"):
            target = resolve_target(workspace, name, workspace.published, root)
            assert revise(workspace, Journal(workspace), CONFIG, now(CONFIG.zone), target).done
        path = root / "revisions" / f"{name}.md"
        path.write_text(path.read_text(encoding="utf-8") + f"\nCorrectie {number}.\n", encoding="utf-8")
        marks[name] = f"Correctie {number}."
        with workspace.lock(5, "test"):
            from pipeline.stages.review import decide
            from pipeline.store.journal import Action
            revision_target = resolve_target(workspace, name, workspace.revisions, root)
            assert decide(workspace, CONFIG, revision_target, Action.APPROVED, "anna", "", now(CONFIG.zone)).status \
                == "approved"
    return marks


def test_the_installed_promote_killed_at_random_points_never_takes_a_page_offline(tmp_path: Path) -> None:
    import random
    import shutil
    import threading

    from tests.stages.test_promote import _run_and_kill

    rng = random.Random(20261206)
    template = tmp_path / "template"
    marks = _workspace_of_revisions(template)
    calibration = tmp_path / "calibration"
    shutil.copytree(template, calibration)
    window = _run_and_kill(["promote"], calibration, None)
    assert not list((calibration / "revisions").glob("*.md"))
    cut_short = 0
    for attempt in range(RANDOM_KILLS_AT_MOST):
        if attempt >= RANDOM_KILLS and cut_short:
            break
        root = tmp_path / f"kill-{attempt}"
        shutil.copytree(template, root)
        pages = [root / "published" / f"{name}.md" for name in marks]
        offline: list[str] = []
        stop = threading.Event()

        def watch(pages: list[Path] = pages, offline: list[str] = offline, stop: threading.Event = stop) -> None:
            while not stop.is_set():
                offline.extend(page.name for page in pages if not page.exists())

        watcher = threading.Thread(target=watch)
        watcher.start()
        try:
            _run_and_kill(["promote"], root, rng.uniform(0, window * 1.2))
        finally:
            stop.set()
            watcher.join()
        assert offline == []
        done = sum(marks[page.stem] in page.read_text(encoding="utf-8") for page in pages)
        cut_short += 0 < done < len(pages)
        promote_in_process(root)  # what the next cron run does
        assert all(marks[page.stem] in page.read_text(encoding="utf-8") for page in pages)
        assert pending_moves(journal(root)) == [] and not list((root / "revisions").glob("*.md"))
        assert not list((root / "revisions").glob(".moving-*")) and not list((root / "published").glob(".moving-*"))
    assert cut_short > 0, "no kill landed while revisions were being promoted"
