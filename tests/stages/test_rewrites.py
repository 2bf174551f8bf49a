"""Every rewrite of an article: never over an editor's save made meanwhile, and the file keeps its mode."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from pipeline.model import canonical
from pipeline.model.canonical import NormalisedText
from pipeline.model.config import Config
from pipeline.store.workspace import Workspace
from tests.helpers import approve_in_process, cli, draft_text, make_draft
from tests.stages.test_validate import DRAFT

MESSY = DRAFT.replace('sectie: "werk"', "sectie: Werk")
EDITED = DRAFT.replace('sectie: "werk"', "sectie: Werk").replace("draft: true", "draft: true\nauteur: Anna")


def _editor_saves_meanwhile(monkeypatch: pytest.MonkeyPatch, where: str, path: Path, text: str) -> None:
    """An editor saves path while the pipeline works out the draft's canonical form."""
    real = canonical.normalise_text

    def normalise_and_be_overtaken(given: str, config: Config, rel: str = "") -> NormalisedText:
        result = real(given, config, rel)
        path.write_text(text, encoding="utf-8")
        return result

    monkeypatch.setattr(where, normalise_and_be_overtaken)


def _actions(root: Path) -> list[str]:
    return [str(item["action"]) for item in Workspace.open(root).read_journal()[0]]


def test_normalise_never_writes_over_a_save_made_while_it_worked(workspace: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    draft = make_draft(workspace, "rommelig", MESSY)
    _editor_saves_meanwhile(monkeypatch, "pipeline.stages.normalise.normalise_text", draft, EDITED)
    result = cli(workspace, "normalise")
    assert draft.read_text(encoding="utf-8") == EDITED
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("skipped\tdrafts/rommelig.md\tchanged while it was being "
                                                    "normalised")
    assert "normalised" not in _actions(workspace)
    assert not list(draft.parent.glob(".tmp-*"))
    monkeypatch.undo()
    assert cli(workspace, "normalise").exit_code == 0  # the next normalise takes the editor's text
    assert "auteur: " in draft.read_text(encoding="utf-8") and 'sectie: "werk"' in draft.read_text(encoding="utf-8")


def test_approve_never_writes_over_a_save_made_while_it_normalised(workspace: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    draft = make_draft(workspace, "rommelig", MESSY)
    _editor_saves_meanwhile(monkeypatch, "pipeline.model.canonical.normalise_text", draft, EDITED)
    result = cli(workspace, "approve", "rommelig", "--by", "anna")
    assert draft.read_text(encoding="utf-8") == EDITED
    assert result.exit_code == 1 and "changed while it was being approved" in result.stdout + result.stderr
    assert _actions(workspace) == []


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_normalise_keeps_the_mode_of_a_draft(workspace: Path, mode: int) -> None:
    draft = make_draft(workspace, "rommelig", MESSY)
    draft.chmod(mode)
    assert cli(workspace, "normalise").exit_code == 0
    assert 'sectie: "werk"' in draft.read_text(encoding="utf-8")
    assert stat.S_IMODE(draft.stat().st_mode) == mode


def test_approve_keeps_the_mode_of_the_draft_it_normalises(workspace: Path) -> None:
    draft = make_draft(workspace, "rommelig", MESSY)
    draft.chmod(0o600)
    assert approve_in_process(workspace, "rommelig") == "approved"
    assert 'sectie: "werk"' in draft.read_text(encoding="utf-8")
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600


def test_every_atomic_replace_keeps_the_mode(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path)
    target = workspace.drafts / "a.md"
    workspace.write_atomic(target, "one")
    target.chmod(0o600)
    workspace.write_atomic(target, "two")
    assert (target.read_text(), stat.S_IMODE(target.stat().st_mode)) == ("two", 0o600)
    target.chmod(0o640)
    assert workspace.replace_if_unchanged(target, "three", b"two")
    assert (target.read_text(), stat.S_IMODE(target.stat().st_mode)) == ("three", 0o640)
    assert not workspace.replace_if_unchanged(target, "four", b"two")
    assert target.read_text() == "three"
    assert [p.name for p in workspace.drafts.iterdir()] == ["a.md"]


def test_a_move_keeps_the_mode_of_the_article(workspace: Path) -> None:
    draft = make_draft(workspace, "klaar", draft_text(title="Klaar voor publicatie"))
    draft.chmod(0o600)
    approve_in_process(workspace, "klaar")
    assert cli(workspace, "promote").exit_code == 0
    published = workspace / "published" / "klaar.md"
    assert stat.S_IMODE(published.stat().st_mode) == 0o600
    assert cli(workspace, "unpublish", "klaar", "--by", "anna", "--reason", "fout").exit_code == 0
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600


def test_a_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path)
    mask = os.umask(0o022)
    os.umask(mask)
    assert workspace.write_new_atomic(workspace.drafts / "b.md", "x")
    assert stat.S_IMODE((workspace.drafts / "b.md").stat().st_mode) == 0o666 & ~mask
