"""The private copy a server reads: only files read from inside the workspace and checked, kept up to date."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from pipeline.store.mirror import LINK_OUT, LINKED_FOLDER, FolderCopy
from pipeline.store.workspace import Workspace


def _setup(tmp_path: Path) -> tuple[Workspace, Path, Path]:
    root = tmp_path / "ws"
    (root / "drafts").mkdir(parents=True)
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.md").write_text("SECRET\n")
    (outside / "folder" / "inner.md").write_text("SECRET folder\n")
    return Workspace.open(root), outside, tmp_path / "copy"


def _copied(copy: Path) -> dict[str, str]:
    return {p.relative_to(copy).as_posix(): p.read_text() for p in sorted(copy.rglob("*")) if p.is_file()}


def test_the_copy_follows_edits_new_and_removed_files_and_leaves_out_what_the_check_refuses(tmp_path: Path) -> None:
    workspace, _outside, target = _setup(tmp_path)
    drafts = workspace.drafts
    (drafts / "a.md").write_text("een")
    (drafts / "slecht.md").write_text("BAD")
    (drafts / ".verborgen.md").write_text("hidden")
    copy = FolderCopy(workspace, drafts, target, lambda rel, data: "is bad" if b"BAD" in data else "")
    assert [(left.rel, left.why) for left in copy.refresh()] == [("drafts/slecht.md", "is bad")]
    assert _copied(target) == {"a.md": "een"}
    (drafts / "a.md").write_text("een, bewerkt")
    (drafts / "sub").mkdir()
    (drafts / "sub" / "b.md").write_text("twee")
    (drafts / "slecht.md").write_text("goed nu")
    assert copy.refresh() == []  # nothing newly left out; the bad one is good now
    assert _copied(target) == {"a.md": "een, bewerkt", "slecht.md": "goed nu", "sub/b.md": "twee"}
    (drafts / "a.md").unlink()
    (drafts / "slecht.md").write_text("BAD again")
    assert [left.rel for left in copy.refresh()] == ["drafts/slecht.md"]
    assert _copied(target) == {"sub/b.md": "twee"}
    assert copy.refresh() == []  # said once


def test_links_out_and_linked_folders_are_never_copied_links_inside_are(tmp_path: Path) -> None:
    workspace, outside, target = _setup(tmp_path)
    drafts = workspace.drafts
    (drafts / "shadow.md").symlink_to(outside / "secret.md")
    (drafts / "map").symlink_to(outside / "folder")
    (workspace.root / "elders").mkdir()
    (workspace.root / "elders" / "echt.md").write_text("binnen")
    (drafts / "link.md").symlink_to(workspace.root / "elders" / "echt.md")
    (drafts / "binnenmap").symlink_to(workspace.root / "elders")
    os.mkfifo(drafts / "pijp.md")  # read as nothing, never waited on
    copy = FolderCopy(workspace, drafts, target, lambda rel, data: "")
    left = {item.rel: item.why for item in copy.refresh()}
    assert left["drafts/shadow.md"] == LINK_OUT and left["drafts/map"] == LINK_OUT
    assert left["drafts/binnenmap"] == LINKED_FOLDER and "regular" in left["drafts/pijp.md"]
    assert _copied(target) == {"link.md": "binnen"}


def test_a_link_swapped_in_while_the_copy_is_made_never_brings_in_what_it_points_to(tmp_path: Path) -> None:
    """An attacker swapping a file for a link out, as fast as they can, while the copy is brought up to date
    again and again: nothing from outside is ever copied."""
    workspace, outside, target = _setup(tmp_path)
    drafts = workspace.drafts
    (drafts / "a.md").write_text("gewoon")
    stop = threading.Event()

    def swapper() -> None:
        turn = 0
        while not stop.is_set():
            spare = drafts / f"spare-{turn % 2}"
            if turn % 2:
                spare.symlink_to(outside / "secret.md")
            else:
                spare.write_text(f"gewoon {turn}")
            os.replace(spare, drafts / "a.md")
            turn += 1

    copy = FolderCopy(workspace, drafts, target, lambda rel, data: "")
    thread = threading.Thread(target=swapper)
    thread.start()
    seen = set()
    try:
        for _ in range(2000):
            copy.refresh()
            text = (target / "a.md").read_text() if (target / "a.md").exists() else ""
            seen.add("gewoon" in text)
            assert "SECRET" not in text
    finally:
        stop.set()
        thread.join()
    assert True in seen  # the honest file was copied meanwhile: the race ran
    assert not [p for p in target.rglob("*") if p.is_file() and "SECRET" in p.read_text()]


def test_a_copy_that_cannot_be_written_is_said_in_one_line_and_serving_goes_on(tmp_path: Path) -> None:
    from pipeline.hugo.serve import _refresh

    workspace, _outside, target = _setup(tmp_path)
    (workspace.drafts / "a.md").write_text("een")
    target.write_text("a file where the copy's folder should be")  # as a full or broken disk refuses a write
    said: list[str] = []
    _refresh([FolderCopy(workspace, workspace.drafts, target, lambda rel, data: "")], said.append, frozenset())
    assert len(said) == 1 and said[0].startswith("the preview could not be brought up to date: ")
