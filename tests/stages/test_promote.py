"""Promote and unpublish: what lands where, what is refused, and that no kill can lose or double an article."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from pipeline.model.article import parse_article, render_article
from pipeline.model.config import Config
from pipeline.model.forms import published_form
from pipeline.stages.promote import promote, unpublish
from pipeline.stages.waiting import pending_moves
from pipeline.store.clock import now
from pipeline.store.targets import resolve_target
from pipeline.store.workspace import Workspace
from tests.conftest import installed_command
from tests.helpers import approve_in_process, articles, cli, draft_text, make_draft

CONFIG = Config()


def _published_text(draft: str) -> str:
    return render_article(published_form(parse_article(draft), CONFIG)[0])


def _journal(root: Path) -> list[dict[str, Any]]:
    return Workspace.open(root).read_journal()[0]


def _snapshot(root: Path) -> dict[str, bytes]:
    """Every file's bytes, but the lock's note of who last held it."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != "lock"}


# --- promote ------------------------------------------------------------------------------------


def test_promote_publishes_with_draft_false_and_removes_the_draft(tmp_path: Path) -> None:
    path = make_draft(tmp_path, "a")
    draft = path.read_text(encoding="utf-8")
    approve_in_process(tmp_path, "a")
    result = cli(tmp_path, "promote")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["promoted\tdrafts/a.md\tpublished/a.md", "promote: 1 promoted"]
    published = (tmp_path / "published" / "a.md").read_text(encoding="utf-8")
    assert published == _published_text(draft)
    assert "draft: false\nlang: \"nl\"\n---\n" in published  # house style; provenance and precision dropped
    assert "source:" not in published and "date_precision" not in published
    assert articles(tmp_path) == {"drafts": [], "published": ["a.md"]}
    actions = [(e["action"], e["article"]) for e in _journal(tmp_path)]
    assert actions[-2:] == [("promoting", "published/a.md"), ("promoted", "published/a.md")]
    assert _journal(tmp_path)[-1]["dropped"]["source"]["sha256"] == "0" * 64


def test_a_name_taken_by_another_article_is_refused_never_overwritten(tmp_path: Path) -> None:
    make_draft(tmp_path, "a")
    approve_in_process(tmp_path, "a")
    other = draft_text(title="Een heel ander artikel").replace("draft: true", "draft: false")
    (tmp_path / "published" / "a.md").write_text(other, encoding="utf-8")
    before = _snapshot(tmp_path)
    result = cli(tmp_path, "promote")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "refused\tdrafts/a.md\tpublished/a.md\tpublished/a.md is taken by another article; rename the draft to "
        "publish it")
    assert _snapshot(tmp_path) == before


def test_dry_run_shows_what_would_happen_and_changes_nothing(tmp_path: Path) -> None:
    make_draft(tmp_path, "a")
    make_draft(tmp_path, "b")
    approve_in_process(tmp_path, "a")
    before = _snapshot(tmp_path)
    result = cli(tmp_path, "promote", "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["would promote\tdrafts/a.md\tpublished/a.md",
                                          "promote: 1 would promote; waiting: 1 not approved"]
    assert _snapshot(tmp_path) == before


def test_a_named_draft_that_is_not_eligible_is_refused(tmp_path: Path) -> None:
    make_draft(tmp_path, "a")
    result = cli(tmp_path, "promote", "a")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "refused\tdrafts/a.md\t\tawaiting review: needs 1 approval(s)"
    assert articles(tmp_path) == {"drafts": ["a.md"], "published": []}


def test_only_the_named_drafts_are_promoted(tmp_path: Path) -> None:
    for name in ("a", "b"):
        make_draft(tmp_path, name)
        approve_in_process(tmp_path, name)
    assert cli(tmp_path, "promote", "drafts/b.md").exit_code == 0
    assert articles(tmp_path) == {"drafts": ["a.md"], "published": ["b.md"]}


def test_a_scheduled_draft_waits_for_its_date(tmp_path: Path) -> None:
    make_draft(tmp_path, "later", date="2026-11-24T08:00:00+01:00")
    approve_in_process(tmp_path, "later")
    waiting = cli(tmp_path, "promote")
    assert waiting.exit_code == 0 and waiting.stdout.strip() == "promote: nothing to promote; waiting: 1 scheduled"
    due = cli(tmp_path, "promote", env={"PIPELINE_NOW": "2026-11-24T08:00:00+01:00"})
    assert due.exit_code == 0 and "promote: 1 promoted" in due.stdout
    assert articles(tmp_path)["published"] == ["later.md"]


def test_hugos_publish_and_expiry_dates_hold_at_promote(tmp_path: Path) -> None:
    make_draft(tmp_path, "later", publishDate="2026-11-24T08:00:00+01:00")
    make_draft(tmp_path, "expired", expiryDate="2000-01-01T00:00:00+01:00")
    approve_in_process(tmp_path, "later")
    refused = cli(tmp_path, "approve", "expired", "--by", "anna")
    assert refused.exit_code == 1 and "expiryDate: 2000-01-01T00:00:00+01:00 has passed" in refused.stdout
    waiting = cli(tmp_path, "promote")
    assert waiting.stdout.strip() == "promote: nothing to promote; waiting: 1 not approved, 1 scheduled"
    review = cli(tmp_path, "review").stdout
    assert "expiryDate: 2000-01-01T00:00:00+01:00 has passed: Hugo no longer shows the article" in review
    assert "approved; publishes from 2026-11-24T08:00:00+01:00" in cli(tmp_path, "review", "--all").stdout
    due = cli(tmp_path, "promote", env={"PIPELINE_NOW": "2026-11-24T08:00:00+01:00"})
    assert "promote: 1 promoted" in due.stdout and articles(tmp_path)["published"] == ["later.md"]


def test_promote_json_lists_moves_and_what_waits(tmp_path: Path) -> None:
    make_draft(tmp_path, "a")
    approve_in_process(tmp_path, "a")
    make_draft(tmp_path, "b")
    document = json.loads(cli(tmp_path, "promote", "--json").stdout)
    assert document == {"moves": [{"article": "drafts/a.md", "status": "promoted", "target": "published/a.md",
                                   "detail": ""}], "waiting": {"not approved": 1}}


def test_promote_reads_only_the_drafts_an_approval_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without an approval in the journal no draft can move: those are counted, never read or validated
    (a cron run over ten thousand drafts waiting for review validated each of them)."""
    import pipeline.stages.promote as promote_module

    for name in ("a", "b", "c"):
        make_draft(tmp_path, name)
    (tmp_path / "drafts" / "sub").mkdir()
    (tmp_path / "drafts" / "sub" / "d.md").write_text(
        draft_text(title="Dieper"), encoding="utf-8")
    approve_in_process(tmp_path, "b")
    read: list[str] = []
    original = promote_module.read_draft

    def spy(workspace: Workspace, path: Path) -> tuple[str | None, str]:
        read.append(workspace.rel(path))
        return original(workspace, path)

    monkeypatch.setattr(promote_module, "read_draft", spy)
    workspace = Workspace.open(tmp_path)
    result = promote(workspace, CONFIG, now(CONFIG.zone))
    assert [move.article for move in result.moves] == ["drafts/b.md"]
    assert read == ["drafts/b.md", "drafts/b.md"]  # assessed, then read again right before the move
    assert result.waiting() == {"not approved": 3}
    assert not (tmp_path / ".pipeline" / "review-drafts.json").exists()  # nothing validated, nothing cached


# --- unpublish ----------------------------------------------------------------------------------


def test_unpublish_brings_the_draft_back_and_voids_its_approval(tmp_path: Path) -> None:
    draft = make_draft(tmp_path, "a").read_text(encoding="utf-8")
    approve_in_process(tmp_path, "a")
    assert cli(tmp_path, "promote").exit_code == 0
    result = cli(tmp_path, "unpublish", "a", "--by", "bob", "--reason", "feitelijke fout")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "unpublished\tpublished/a.md\tdrafts/a.md"  # no trailing tab
    assert (tmp_path / "drafts" / "a.md").read_text(encoding="utf-8") == draft  # provenance restored
    assert articles(tmp_path) == {"drafts": ["a.md"], "published": []}
    last = _journal(tmp_path)[-1]
    assert (last["action"], last["by"], last["reason"]) == ("unpublished", "bob", "feitelijke fout")
    # The old approval was for the article's previous life: nothing is promoted on it.
    assert cli(tmp_path, "promote").stdout.strip() == "promote: nothing to promote; waiting: 1 awaiting review"
    approve_in_process(tmp_path, "a", by="bob")
    assert cli(tmp_path, "promote").exit_code == 0
    assert articles(tmp_path) == {"drafts": [], "published": ["a.md"]}


def test_unpublish_of_an_article_never_promoted_here(workspace: Path) -> None:
    published = workspace / "published" / "ai-verandert-banen-en-privacy.md"
    text = published.read_text(encoding="utf-8")
    result = cli(workspace, "unpublish", str(published), "--by", "anna", "--reason", "verouderd")
    assert result.exit_code == 0, result.output
    assert (workspace / "drafts" / published.name).read_text(encoding="utf-8") == text.replace(
        "draft: false", "draft: true")


def test_unpublish_refuses_a_taken_draft_name_and_needs_a_reason(tmp_path: Path) -> None:
    (tmp_path / "published").mkdir()
    (tmp_path / "published" / "a.md").write_text(_published_text(draft_text()), encoding="utf-8")
    make_draft(tmp_path, "a")
    before = _snapshot(tmp_path)
    result = cli(tmp_path, "unpublish", "a", "--by", "anna", "--reason", "weg ermee")
    assert result.exit_code == 1
    assert "drafts/a.md already exists; move or rename it first" in result.stdout
    assert _snapshot(tmp_path) == before
    assert cli(tmp_path, "unpublish", "a", "--by", "anna", "--reason", "").exit_code == 2
    assert cli(tmp_path, "unpublish", "drafts/a.md", "--by", "anna", "--reason", "x").exit_code == 2


# --- moves cut short --------------------------------------------------------------------------


class Crash(BaseException):
    """Stands for a kill: nothing after it runs, no handler catches it."""


def _crash(*_args: Any, **_kwargs: Any) -> None:
    raise Crash


def _promote_in_process(root: Path) -> list[Any]:
    workspace = Workspace.open(root)
    with workspace.lock(5, "test"):
        return promote(workspace, CONFIG, now(CONFIG.zone)).moves


def _promote_killed_after_publishing(root: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Draft a, approved, and a promote of it killed after publishing (before the draft aside is
    removed); the draft's text."""
    draft = make_draft(root, "a").read_text(encoding="utf-8")
    approve_in_process(root, "a")
    with monkeypatch.context() as patch:
        patch.setattr(Workspace, "remove", _crash)
        with pytest.raises(Crash):
            _promote_in_process(root)
    return draft


def test_a_promote_cut_after_publishing_is_finished_by_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    draft = _promote_killed_after_publishing(tmp_path, monkeypatch)
    # killed after publishing: the draft is still aside (hidden, out of editors' way)
    assert articles(tmp_path) == {"drafts": [".moving-a.md"], "published": ["a.md"]}
    assert len(pending_moves(_journal(tmp_path))) == 1
    status = json.loads(cli(tmp_path, "status", "--json").stdout)
    assert status["counts"]["interrupted_moves"] == 1
    moves = _promote_in_process(tmp_path)
    assert [(m.status, m.article) for m in moves] == [("finished", "drafts/a.md")]
    assert articles(tmp_path) == {"drafts": [], "published": ["a.md"]}
    assert (tmp_path / "published" / "a.md").read_text(encoding="utf-8") == _published_text(draft)
    assert pending_moves(_journal(tmp_path)) == []
    assert [e.get("recovered") for e in _journal(tmp_path) if e["action"] == "promoted"] == [True]


def test_a_promote_cut_before_publishing_is_abandoned_then_done(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    make_draft(tmp_path, "a")
    approve_in_process(tmp_path, "a")
    with monkeypatch.context() as patch:
        patch.setattr(Workspace, "write_new_atomic", _crash)
        with pytest.raises(Crash):
            _promote_in_process(tmp_path)
    assert articles(tmp_path) == {"drafts": [".moving-a.md"], "published": []}  # killed before publishing
    moves = _promote_in_process(tmp_path)  # the article is put back, then promoted
    assert [(m.status, m.article) for m in moves] == [("abandoned", "drafts/a.md"), ("promoted", "drafts/a.md")]
    assert articles(tmp_path) == {"drafts": [], "published": ["a.md"]}


def test_a_draft_edited_during_a_cut_move_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _promote_killed_after_publishing(tmp_path, monkeypatch)
    path = tmp_path / "drafts" / "a.md"
    # the draft was aside: the editor's save makes a new file of its name
    path.write_text(draft_text("a") + "\nEen latere alinea.\n", encoding="utf-8")
    moves = _promote_in_process(tmp_path)
    assert moves[0].status == "finished"
    assert articles(tmp_path) == {"drafts": ["a.md"], "published": ["a.md"]}
    assert path.read_text(encoding="utf-8").endswith("Een latere alinea.\n")


def test_an_article_aside_that_differs_from_what_was_moved_is_put_back(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _promote_killed_after_publishing(tmp_path, monkeypatch)
    aside = tmp_path / "drafts" / ".moving-a.md"
    aside.write_text(aside.read_text(encoding="utf-8") + "\nNog een zin.\n", encoding="utf-8")  # never: but if
    moves = _promote_in_process(tmp_path)
    assert moves[0].status == "finished" and "was edited during the move and is kept" in moves[0].detail
    assert articles(tmp_path) == {"drafts": ["a.md"], "published": ["a.md"]}
    assert (tmp_path / "drafts" / "a.md").read_text(encoding="utf-8").endswith("Nog een zin.\n")


def test_an_identical_published_file_without_a_journal_finishes_the_promote(tmp_path: Path) -> None:
    draft = make_draft(tmp_path, "a").read_text(encoding="utf-8")
    approve_in_process(tmp_path, "a")
    (tmp_path / "published" / "a.md").write_text(_published_text(draft), encoding="utf-8")
    moves = _promote_in_process(tmp_path)
    assert [(m.status, m.detail) for m in moves] == [("finished", "already published, identical")]
    assert articles(tmp_path) == {"drafts": [], "published": ["a.md"]}


def test_a_journal_line_cut_short_does_not_swallow_the_next_entry(tmp_path: Path) -> None:
    make_draft(tmp_path, "a")
    approve_in_process(tmp_path, "a")
    with open(tmp_path / ".pipeline" / "journal.jsonl", "a", encoding="utf-8") as handle:
        handle.write('{"action": "promoting", "article": "published/a.md", "fr')
    _promote_in_process(tmp_path)
    assert [e["action"] for e in _journal(tmp_path)] == ["approved", "promoting", "promoted"]



def test_a_foreign_file_at_a_cut_promotes_target_is_never_taken_for_the_article(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    draft = make_draft(tmp_path, "a").read_text(encoding="utf-8")
    approve_in_process(tmp_path, "a")
    with monkeypatch.context() as patch:
        patch.setattr(Workspace, "write_new_atomic", _crash)
        with pytest.raises(Crash):
            _promote_in_process(tmp_path)  # killed with the draft aside, before publishing
    foreign = draft_text(title="Een heel ander artikel").replace("draft: true", "draft: false")
    (tmp_path / "published" / "a.md").write_text(foreign, encoding="utf-8")  # someone else's file, meanwhile
    moves = _promote_in_process(tmp_path)
    assert moves[0].status == "abandoned"  # not "finished": the article was never published
    assert (tmp_path / "published" / "a.md").read_text(encoding="utf-8") == foreign
    assert (tmp_path / "drafts" / "a.md").read_text(encoding="utf-8") == draft  # back, whole
    assert pending_moves(_journal(tmp_path)) == []


def _unpublish_in_process(root: Path, *names: str) -> list[Any]:
    workspace = Workspace.open(root)
    with workspace.lock(5, "test"):
        targets = [resolve_target(workspace, f"{name}.md", workspace.published, workspace.published)
                   for name in names]
        return unpublish(workspace, CONFIG, now(CONFIG.zone), targets, "anna", "feitelijke fout")


@pytest.mark.parametrize("killed_in", ["write_new_atomic", "take_aside"])
def test_a_takedown_cut_short_before_its_draft_was_written_is_finished_by_the_next_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, killed_in: str) -> None:
    draft = make_draft(tmp_path, "a").read_text(encoding="utf-8")
    approve_in_process(tmp_path, "a")
    assert _promote_in_process(tmp_path)[0].status == "promoted"
    with monkeypatch.context() as patch:
        patch.setattr(Workspace, killed_in, _crash)
        with pytest.raises(Crash):
            _unpublish_in_process(tmp_path, "a")
    assert len(pending_moves(_journal(tmp_path))) == 1
    result = cli(tmp_path, "run")
    assert result.exit_code == 0, result.output
    assert articles(tmp_path) == {"drafts": ["a.md"], "published": []}  # taken down, never back live
    assert (tmp_path / "drafts" / "a.md").read_text(encoding="utf-8") == draft  # as it was before it was promoted
    assert pending_moves(_journal(tmp_path)) == []
    done = [e for e in _journal(tmp_path) if e["action"] == "unpublished"]
    assert [(e["by"], e["reason"], e.get("recovered")) for e in done] == [("anna", "feitelijke fout", True)]

# --- kills at random points -------------------------------------------------------------------

ARTICLES = 20
KILLS = 25


def _approved_workspace(root: Path) -> dict[str, str]:
    """ARTICLES approved drafts; their draft texts by name."""
    (root / "raw").mkdir(parents=True)
    texts = {}
    for number in range(ARTICLES):
        name = f"artikel-{number:02d}"
        texts[name] = make_draft(root, name).read_text(encoding="utf-8")
        approve_in_process(root, name)
    return texts


def _run_and_kill(args: list[str], root: Path, delay: float | None) -> float:
    """Start the command; once it holds the lock, SIGKILL it after delay (None: let it finish).
    Returns how long it held the lock when it finished on its own."""
    child = subprocess.Popen([*installed_command(), "--root", str(root), *args], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    lock = root / ".pipeline" / "lock"
    mark = f"pid {child.pid} "
    try:
        while child.poll() is None:
            try:
                if mark in lock.read_text(encoding="utf-8"):
                    break
            except OSError:
                pass
            time.sleep(0.0005)
        held = time.monotonic()
        if delay is None:
            child.wait(timeout=60)
            return time.monotonic() - held
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        return 0.0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def _check_whole(root: Path, drafts: dict[str, str], published: dict[str, str]) -> tuple[bool, bool]:
    """Every article is whole, in drafts/ or published/ or (a move cut short) both; nothing else is
    there. Returns (some moved and some not, some in both places)."""
    found = articles(root)
    # an article a move cut short holds aside is still there: the next run finishes or undoes the move
    found["drafts"] = [name.removeprefix(".moving-") for name in found["drafts"]]
    found["published"] = [name.removeprefix(".moving-") for name in found["published"]]
    in_drafts = {name[:-3] for name in found["drafts"]}
    in_published = {name[:-3] for name in found["published"]}
    assert in_drafts | in_published == set(drafts), found
    for name in in_drafts:
        assert _text_or_aside(root / "drafts" / f"{name}.md") == drafts[name], name
    for name in in_published:
        assert _text_or_aside(root / "published" / f"{name}.md") == published[name], name
    return bool(in_drafts) and bool(in_published), bool(in_drafts & in_published)


def _text_or_aside(path: Path) -> str:
    aside = path.with_name(f".moving-{path.name}")
    return (path if path.exists() else aside).read_text(encoding="utf-8")


def test_promote_and_unpublish_killed_at_random_points_never_lose_or_double_an_article(tmp_path: Path) -> None:
    rng = random.Random(20261123)
    template = tmp_path / "template"
    drafts = _approved_workspace(template)
    published = {name: _published_text(text) for name, text in drafts.items()}
    # How long a whole promote holds the lock here: the kills are spread over that time.
    calibration = tmp_path / "calibration"
    shutil.copytree(template, calibration)
    window = _run_and_kill(["promote"], calibration, None)
    assert articles(calibration)["drafts"] == []
    partial = both = 0
    for attempt in range(KILLS):
        root = tmp_path / f"promote-{attempt}"
        shutil.copytree(template, root)
        _run_and_kill(["promote"], root, rng.uniform(0, window * 1.2))
        some, twice = _check_whole(root, drafts, published)
        partial, both = partial + some, both + twice
        _promote_in_process(root)  # what the next cron run does
        assert articles(root) == {"drafts": [], "published": [f"{name}.md" for name in sorted(drafts)]}
        _check_whole(root, drafts, published)
        journal = _journal(root)
        assert pending_moves(journal) == []
        promoted = sorted(e["article"] for e in journal if e["action"] == "promoted")
        assert promoted == [f"published/{name}.md" for name in sorted(drafts)]  # each exactly once

    # The way back: unpublish every article, killed at random points, from the promoted calibration copy.
    names = sorted(drafts)
    unpublish_args = ["unpublish", *names, "--by", "anna", "--reason", "terug"]
    calibration_back = tmp_path / "calibration-back"
    shutil.copytree(calibration, calibration_back)
    window_back = _run_and_kill(unpublish_args, calibration_back, None)
    assert articles(calibration_back)["published"] == []
    for attempt in range(KILLS):
        root = tmp_path / f"unpublish-{attempt}"
        shutil.copytree(calibration, root)
        _run_and_kill(unpublish_args, root, rng.uniform(0, window_back * 1.2))
        some, twice = _check_whole(root, drafts, published)
        partial, both = partial + some, both + twice
        workspace = Workspace.open(root)
        with workspace.lock(5, "test"):
            left = [resolve_target(workspace, f"{name}.md", workspace.published, workspace.published)
                    for name in names if (root / "published" / f"{name}.md").exists()
                    or (root / "published" / f".moving-{name}.md").exists()]  # one a killed move holds aside
            unpublish(workspace, CONFIG, now(CONFIG.zone), [t for t in left if not t.error], "anna", "terug")
        assert articles(root) == {"drafts": [f"{name}.md" for name in names], "published": []}
        _check_whole(root, drafts, published)  # provenance restored: each draft as it was before
        assert pending_moves(_journal(root)) == []
    # The kills landed while articles were moving, not only before or after.
    assert partial > 0, "no kill landed in the middle of a promote or unpublish"
    print(f"{2 * KILLS} kills: {partial} left a folder half moved, {both} left an article in both places")


def test_naming_a_draft_whose_promote_was_cut_short_finishes_it(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _promote_killed_after_publishing(tmp_path, monkeypatch)
    result = cli(tmp_path, "promote", "a")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["finished\tdrafts/a.md\tpublished/a.md\ta move cut short, now done",
                                          "promote: 1 finished"]
    assert articles(tmp_path) == {"drafts": [], "published": ["a.md"]}


def test_an_edit_saved_between_the_check_and_the_move_is_neither_published_nor_lost(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.stages.promote

    path = make_draft(tmp_path, "a")
    approve_in_process(tmp_path, "a")
    edited = path.read_text(encoding="utf-8").replace("Artikel a", "Artikel a, herzien")
    real = pipeline.stages.promote.read_draft
    reads: list[Path] = []

    def editor_saves_after_the_check(workspace: Workspace, draft: Path) -> tuple[str | None, str]:
        reads.append(draft)
        if len(reads) == 2:  # promote_one's own read: the editor saved just before it
            draft.write_text(edited, encoding="utf-8")
        return real(workspace, draft)

    monkeypatch.setattr(pipeline.stages.promote, "read_draft", editor_saves_after_the_check)
    workspace = Workspace.open(tmp_path)
    config = workspace.load_config()
    result = promote(workspace, config, now(config.zone))
    assert [(m.status, m.detail) for m in result.moves] == [
        ("refused", "the draft changed while it was being checked: run promote again")]
    assert articles(tmp_path) == {"drafts": ["a.md"], "published": []}
    assert path.read_text(encoding="utf-8") == edited


def test_a_draft_folder_that_cannot_be_written_fails_the_move_cleanly(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    draft = make_draft(tmp_path, "a").read_text(encoding="utf-8")
    approve_in_process(tmp_path, "a")
    real_rename = os.rename

    def read_only_drafts(source: Any, target: Any) -> None:
        if "drafts" in str(source):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        real_rename(source, target)

    monkeypatch.setattr(os, "rename", read_only_drafts)
    moves = _promote_in_process(tmp_path)
    assert [(m.status, m.detail) for m in moves] == [
        ("failed", "cannot move drafts/a.md (Permission denied): its folder must be writable")]
    assert articles(tmp_path) == {"drafts": ["a.md"], "published": []}  # never in both, nothing half-done
    assert (tmp_path / "drafts" / "a.md").read_text(encoding="utf-8") == draft
    assert pending_moves(_journal(tmp_path)) == []
    monkeypatch.undo()
    assert [m.status for m in _promote_in_process(tmp_path)] == ["promoted"]  # once it can be written: done


@pytest.mark.parametrize("saved_into", ["its name", "the article aside"])
def test_an_editors_save_in_the_instant_of_the_move_is_kept_as_a_draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                       saved_into: str) -> None:
    """Saved under the draft's name once the article was taken aside (a new file), or in place into the
    article aside (an editor had it open): published as approved, and the edit a draft again."""
    draft = make_draft(tmp_path, "a").read_text(encoding="utf-8")
    approve_in_process(tmp_path, "a")
    saved = draft.replace("Artikel a", "Artikel a, bijgewerkt")
    real = Workspace.write_new_atomic

    def editor_saves_meanwhile(self: Workspace, path: Path, text: str, like: Path | None = None) -> bool:
        assert like is not None  # the article aside, whose mode the new file keeps
        into = like if saved_into == "the article aside" else tmp_path / "drafts" / "a.md"
        into.write_text(saved, encoding="utf-8")
        return real(self, path, text, like)

    monkeypatch.setattr(Workspace, "write_new_atomic", editor_saves_meanwhile)
    moves = _promote_in_process(tmp_path)
    assert [m.status for m in moves] == ["promoted"]
    if saved_into == "the article aside":
        assert "was edited during the move and is kept" in moves[0].detail
    assert (tmp_path / "published" / "a.md").read_text(encoding="utf-8") == _published_text(draft)  # as approved
    assert (tmp_path / "drafts" / "a.md").read_text(encoding="utf-8") == saved  # and the edit is not lost


def test_a_takedown_cut_short_and_then_edited_still_finishes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_draft(tmp_path, "a")
    approve_in_process(tmp_path, "a")
    assert [m.status for m in _promote_in_process(tmp_path)] == ["promoted"]
    workspace = Workspace.open(tmp_path)
    target = resolve_target(workspace, "a", workspace.published, tmp_path)
    with monkeypatch.context() as patch:
        patch.setattr(Workspace, "remove", _crash)  # killed after the draft was made
        with pytest.raises(Crash), workspace.lock(5, "test"):
            unpublish(workspace, CONFIG, now(CONFIG.zone), [target], "anna", "bron niet bevestigd")
    draft = tmp_path / "drafts" / "a.md"
    draft.write_text(draft.read_text(encoding="utf-8") + "\nEen correctie.\n", encoding="utf-8")  # an editor's fix
    moves = _promote_in_process(tmp_path)  # the next cron run
    assert [m.status for m in moves] == ["finished"]
    assert articles(tmp_path) == {"drafts": ["a.md"], "published": []}  # taken down, the edit kept
    assert draft.read_text(encoding="utf-8").endswith("Een correctie.\n")


@pytest.mark.parametrize(("key", "value", "why"), [
    ("url", "/nieuws/oud/", "its page address /nieuws/oud/ (url) is already the page of published/oud.md"),
    ("slug", "oud", "its page address /oud/ (slug) is already the page of published/oud.md"),
    ("aliases", ["/Nieuws/Oud"], "its page address /nieuws/oud/ (aliases) is already the page of published/oud.md"),
])
def test_an_approved_draft_never_takes_over_a_published_articles_page(tmp_path: Path, key: str, value: Any,
                                                                       why: str) -> None:
    (tmp_path / "published").mkdir(parents=True)
    (tmp_path / "published" / "oud.md").write_text(
        _published_text(draft_text(title="Oud artikel")).replace("---\n", "---\nurl: \"/nieuws/oud/\"\n", 1),
        encoding="utf-8")
    make_draft(tmp_path, "nieuw", **{key: value})
    approve_in_process(tmp_path, "nieuw")
    moves = _promote_in_process(tmp_path)
    assert [(m.status, m.detail) for m in moves] == [("refused", why + ": change its url, slug or aliases")]
    assert articles(tmp_path) == {"drafts": ["nieuw.md"], "published": ["oud.md"]}


# The published article's own page, and the site's pages, named as a url or an alias in every form the site
# resolves to them (each was validated clean and promoted).
SITE_PAGES = [
    ("url", "/oud/", "published/oud.md"), ("url", "/oud", "published/oud.md"), ("url", "oud/", "published/oud.md"),
    ("url", "/Oud/index.html", "published/oud.md"), ("aliases", ["/OUD/"], "published/oud.md"),
    ("url", "/", "the site's home page"), ("url", "/index.html", "the site's home page"),
    ("aliases", ["/"], "the site's home page"), ("url", "/tags/banen/", "the site's tag pages (/tags/)"),
    ("aliases", ["/tags/"], "the site's tag pages (/tags/)"),
    ("url", "/sectie/", "the list page of the folder sectie/"),
]


@pytest.mark.parametrize(("key", "value", "holder"), SITE_PAGES)
def test_a_url_or_alias_naming_a_published_page_or_the_sites_own_is_refused(tmp_path: Path, key: str, value: Any,
                                                                            holder: str) -> None:
    (tmp_path / "published" / "sectie").mkdir(parents=True)
    (tmp_path / "published" / "oud.md").write_text(_published_text(draft_text(title="Oud artikel")), encoding="utf-8")
    (tmp_path / "published" / "sectie" / "ander.md").write_text(_published_text(draft_text(title="Ander artikel")),
                                                                encoding="utf-8")
    make_draft(tmp_path, "nieuw", **{key: value})
    validated = cli(tmp_path, "validate", "--json")
    taken = [p for p in json.loads(validated.stdout) if p["code"] == "page-taken"]
    assert validated.exit_code == 1 and [(p["file"], p["field"]) for p in taken] == [("drafts/nieuw.md", key)]
    assert holder in taken[0]["message"]
    approve_in_process(tmp_path, "nieuw")
    moves = _promote_in_process(tmp_path)
    assert [m.status for m in moves] == ["refused"] and holder in moves[0].detail
    assert articles(tmp_path)["drafts"] == ["nieuw.md"]
