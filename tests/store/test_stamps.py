"""The stamps of a folder's articles: listed quickly by scandir, or taken from a listing the workspace made
(a run lists drafts/ once for every stage); both say the same of every kind of entry."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.store.stamps import listed_stamps, markdown_stamps
from pipeline.store.workspace import Workspace


def test_a_listing_gives_the_stamps_markdown_stamps_gives(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    drafts = root / "drafts"
    (drafts / "sub" / "deeper").mkdir(parents=True)
    (root / ".pipeline").mkdir()
    (root / "pipeline.toml").touch()
    (drafts / "a.md").write_text("---\ntitle: a\n---\n")
    (drafts / "a-b.md").write_text("x")
    (drafts / "sub" / "c.md").write_text("y")
    (drafts / "sub" / "deeper" / "d.md").write_text("z")
    (drafts / "notes.txt").write_text("not an article")
    (drafts / ".hidden.md").write_text("hidden")
    (drafts / "folder.md").mkdir()  # a folder with an article's name
    (drafts / "folder.md" / "e.md").write_text("in it")
    (drafts / "inside.md").symlink_to(drafts / "a.md")  # a link to an article inside the workspace
    outside = tmp_path / "outside.md"
    outside.write_text("elsewhere")
    (drafts / "out.md").symlink_to(outside)  # a link that leads out
    (drafts / "broken.md").symlink_to(tmp_path / "gone.md")
    os.mkfifo(drafts / "pipe.md")
    (drafts / os.fsdecode(b"caf\xe9.md")).write_text("a name that is not UTF-8")
    workspace = Workspace.open(root)
    listed = listed_stamps(workspace.article_files(None, workspace.drafts))
    assert listed == markdown_stamps(workspace, workspace.drafts)
    assert isinstance(listed["drafts/sub/deeper/d.md"], tuple) and isinstance(listed["drafts/out.md"], str)
