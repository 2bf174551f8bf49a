"""The snapshot store: the texts the journal names by hash, kept by ingest and by every decision."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pipeline.model.article import parse_article, render_article
from pipeline.store.snapshots import keep_snapshot, read_snapshot, snapshot_folder
from pipeline.store.workspace import Workspace
from tests.conftest import EXAMPLE_DRAFT_NAME
from tests.helpers import cli, make_draft


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_a_text_is_kept_under_its_sha256_and_read_back(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path)
    text = "---\ntitle: \"Één\"\n---\n\nTekst.\n"
    digest = keep_snapshot(workspace, text)
    assert digest == _sha(text)
    assert (snapshot_folder(workspace) / f"{digest}.md").read_bytes() == text.encode("utf-8")
    assert read_snapshot(workspace, digest) == text
    assert keep_snapshot(workspace, text) == digest  # kept once
    assert [p.name for p in snapshot_folder(workspace).iterdir()] == [f"{digest}.md"]  # no temporary file left
    assert read_snapshot(workspace, "0" * 64) is None
    assert read_snapshot(workspace, "../journal") is None  # only a sha256 names a snapshot


def test_an_article_is_kept_as_its_canonical_rendering_under_its_content_hash(tmp_path: Path) -> None:
    from pipeline.model.article import content_hash

    workspace = Workspace.open(tmp_path)
    article = parse_article("---\ntitle: 'x'\ndraft: true\n---\nTekst.\n")
    assert keep_snapshot(workspace, article) == content_hash(article)
    assert read_snapshot(workspace, content_hash(article)) == render_article(article)
    assert keep_snapshot(workspace, None) == ""


def test_a_damaged_snapshot_is_not_trusted_and_is_written_again(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path)
    digest = keep_snapshot(workspace, "de tekst\n")
    path = snapshot_folder(workspace) / f"{digest}.md"
    path.write_text("een andere tekst\n", encoding="utf-8")
    assert read_snapshot(workspace, digest) is None
    assert keep_snapshot(workspace, "de tekst\n") == digest
    assert read_snapshot(workspace, digest) == "de tekst\n"


def test_links_are_never_followed(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    workspace = Workspace.open(root)
    outside = tmp_path / "outside"
    outside.mkdir()
    text = "geheim\n"
    digest = _sha(text)
    (outside / f"{digest}.md").write_text(text, encoding="utf-8")
    snapshot_folder(workspace).symlink_to(outside)  # the folder a link out: neither read nor written
    assert read_snapshot(workspace, digest) is None
    assert keep_snapshot(workspace, "nieuw\n") == ""
    assert sorted(p.name for p in outside.iterdir()) == [f"{digest}.md"]
    snapshot_folder(workspace).unlink()
    snapshot_folder(workspace).mkdir()
    (snapshot_folder(workspace) / f"{digest}.md").symlink_to(outside / f"{digest}.md")  # a file a link out
    assert read_snapshot(workspace, digest) is None
    assert keep_snapshot(workspace, text) == digest  # the link is replaced by the text, never written through
    assert not (snapshot_folder(workspace) / f"{digest}.md").is_symlink()
    assert (outside / f"{digest}.md").read_text(encoding="utf-8") == text


def test_ingest_and_every_decision_keep_the_text_the_journal_names(workspace: Path) -> None:
    assert cli(workspace, "ingest").exit_code == 0
    ws = Workspace.open(workspace)
    entries = [json.loads(line) for line in ws.journal_path.read_text(encoding="utf-8").splitlines()]
    ingested = next(e for e in entries if e["action"] == "ingested")
    draft = (workspace / "drafts" / EXAMPLE_DRAFT_NAME).read_text(encoding="utf-8")
    assert read_snapshot(ws, ingested["written"]) == draft
    make_draft(workspace, "b")
    assert cli(workspace, "reject", "b", "--by", "anna", "--reason", "nee").exit_code == 0
    assert cli(workspace, "approve", "b", "--by", "bob").exit_code == 0
    entries = [json.loads(line) for line in ws.journal_path.read_text(encoding="utf-8").splitlines()]
    decided = [e for e in entries if e["action"] in ("approved", "rejected")]
    assert len(decided) == 2
    for item in decided:
        kept = read_snapshot(ws, item["hash"])
        assert kept is not None and render_article(parse_article(kept)) == kept
        assert "Artikel b" in kept
