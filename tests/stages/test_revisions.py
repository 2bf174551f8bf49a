"""A revision of a published article: made from its re-scraped source with what editors set kept, or
by hand; reviewed like a draft; promoted over the live page without the page ever going offline."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.model.article import parse_article
from pipeline.store.snapshots import read_snapshot
from pipeline.store.workspace import Workspace
from tests.helpers import articles, cli
from tests.stages.test_updates import BODY, CORRECTION, NAME, ingested_page, journal, rescraped

EDITED_TITLE = "Kunstmatige intelligentie verandert de arbeidsmarkt ingrijpend"


def live(root: Path) -> Path:
    return root / "published" / f"{NAME}.md"


def revision(root: Path) -> Path:
    return root / "revisions" / f"{NAME}.md"


def published_with_edits(root: Path) -> Path:
    """The example page ingested, its title and tags set by an editor, approved and promoted."""
    path = ingested_page(root)
    text = path.read_text(encoding="utf-8")
    text = text.replace('title: "Kunstmatige intelligentie verandert de arbeidsmarkt"', f'title: "{EDITED_TITLE}"')
    path.write_text(text, encoding="utf-8")
    assert cli(root, "approve", NAME, "--by", "anna").exit_code == 0
    promoted = cli(root, "promote")
    assert promoted.exit_code == 0, promoted.stdout
    return live(root)


def actions(root: Path) -> list[str]:
    return [str(item["action"]) for item in journal(root)]


def test_a_rescrape_of_a_published_article_is_a_revision_that_keeps_the_editors_fields(bare_workspace: Path) -> None:
    root = bare_workspace
    page = published_with_edits(root)
    before = page.read_bytes()
    rescraped(root)
    result = cli(root, "ingest")
    assert result.exit_code == 0, result.stdout
    assert f"revisions/{NAME}.md is its revision" in result.stdout
    assert page.read_bytes() == before  # the live page is untouched until the revision is promoted
    assert not (root / "updates" / f"{NAME}.md").exists()
    made = parse_article(revision(root).read_text(encoding="utf-8"))
    assert made.meta["title"] == EDITED_TITLE  # set by an editor after ingest: kept
    assert made.meta["cover"]["image"] == "https://images.example.org/robot.jpg"
    assert made.meta["draft"] is True and CORRECTION[1] in made.body
    assert articles(root) == {"drafts": [], "published": [f"{NAME}.md"]}  # never a second article in drafts/
    review = cli(root, "review")
    assert f"awaiting review\trevisions/{NAME}.md" in review.stdout
    assert f"revision of published/{NAME}.md" in review.stdout
    status = json.loads(cli(root, "status", "--json").stdout)
    assert status["counts"]["revisions"] == 1 and status["counts"]["source_updated"] == 0
    shown = cli(root, "show", NAME)
    assert f"a revision waits: revisions/{NAME}.md (awaiting review" in shown.stdout
    assert "{+en veilige +}" in shown.stdout  # the correction, word by word


def test_an_approved_revision_replaces_the_live_page_with_lastmod_and_keeps_the_earlier_text(
        bare_workspace: Path) -> None:
    root = bare_workspace
    page = published_with_edits(root)
    before = page.read_text(encoding="utf-8")
    rescraped(root)
    assert cli(root, "ingest").exit_code == 0
    approved = cli(root, "approve", NAME, "--by", "anna")
    assert approved.exit_code == 0, approved.stdout
    assert f"approved\trevisions/{NAME}.md" in approved.stdout
    promoted = cli(root, "promote", env={"PIPELINE_NOW": "2026-03-01T10:00:00+01:00"})
    assert promoted.exit_code == 0, promoted.stdout
    assert f"revised\trevisions/{NAME}.md\tpublished/{NAME}.md" in promoted.stdout
    now = parse_article(page.read_text(encoding="utf-8"))
    assert CORRECTION[1] in now.body and now.meta["title"] == EDITED_TITLE
    assert now.meta["draft"] is False and now.meta["lastmod"] == "2026-03-01T10:00:00+01:00"
    assert articles(root) == {"drafts": [], "published": [f"{NAME}.md"]}
    assert not revision(root).exists()
    done = journal(root)[-1]
    assert done["action"] == "revised" and done["article"] == f"published/{NAME}.md"
    assert done["replaced"] == hashlib.sha256(before.encode()).hexdigest()
    assert read_snapshot(Workspace.open(root), str(done["replaced"])) == before
    assert "earlier text: " in cli(root, "history", NAME).stdout
    assert cli(root, "review", "--all").stdout.strip() == "review: no drafts"


def test_an_edit_after_approving_a_revision_voids_it(bare_workspace: Path) -> None:
    root = bare_workspace
    published_with_edits(root)
    assert cli(root, "revise", NAME).exit_code == 0
    assert cli(root, "approve", NAME, "--by", "anna").exit_code == 0
    path = revision(root)
    path.write_text(path.read_text(encoding="utf-8").replace(CORRECTION[0], CORRECTION[1]), encoding="utf-8")
    promoted = cli(root, "promote")
    assert "revised" not in promoted.stdout
    assert CORRECTION[0] in live(root).read_text(encoding="utf-8")
    assert "approval void" in cli(root, "review").stdout


def test_a_revision_by_hand_is_the_live_article_as_a_draft_and_promotes_in_place(bare_workspace: Path) -> None:
    root = bare_workspace
    page = published_with_edits(root)
    made = cli(root, "revise", NAME)
    assert made.exit_code == 0, made.stdout
    assert f"revision made\tpublished/{NAME}.md\tthe published article as a draft" in made.stdout
    text = revision(root).read_text(encoding="utf-8")
    assert "draft: true" in text and 'source:' in text  # the pipeline's own keys back, as unpublish does
    revision(root).write_text(text.replace(CORRECTION[0], CORRECTION[1]), encoding="utf-8")
    assert cli(root, "approve", f"revisions/{NAME}.md", "--by", "anna").exit_code == 0
    assert cli(root, "promote", NAME).exit_code == 0
    assert CORRECTION[1] in page.read_text(encoding="utf-8")
    assert actions(root)[-2:] == ["revising", "revised"]
    again = cli(root, "revise", NAME)  # a second correction of the same article: a new revision
    assert again.exit_code == 0 and revision(root).exists()
