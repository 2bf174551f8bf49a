"""The whole life of an article through the installed command, as a newsroom lives it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import EXAMPLE_DRAFT_NAME, run_installed
from tests.helpers import articles

COVER = ('cover:\n  image: "https://images.example.org/robot.jpg"\n  alt: "Een robot aan een bureau"\n'
         '  caption: "Foto: redactie"\n')


def pipeline(workspace: Path, *args: str) -> tuple[int, str, str]:
    result = run_installed(*args, cwd=workspace)
    assert "Traceback" not in result.stderr
    return result.returncode, result.stdout, result.stderr


def counts(workspace: Path) -> dict[str, int]:
    code, out, _ = pipeline(workspace, "status", "--json")
    assert code == 0
    value: dict[str, int] = json.loads(out)["counts"]
    return value


def test_the_life_of_an_article(workspace: Path) -> None:
    slug = EXAMPLE_DRAFT_NAME[:-3]
    draft = workspace / "drafts" / EXAMPLE_DRAFT_NAME
    published = workspace / "published" / EXAMPLE_DRAFT_NAME

    # Ingest: a draft with everything but the cover, which only an editor can choose.
    assert pipeline(workspace, "ingest")[0] == 0
    assert counts(workspace)["drafts_invalid"] == 1
    code, out, _ = pipeline(workspace, "review")
    assert out.startswith(f"invalid\tdrafts/{EXAMPLE_DRAFT_NAME}\t")
    assert "cover.image: is missing or empty" in out
    code, out, _ = pipeline(workspace, "approve", slug, "--by", "anna")
    assert code == 1 and "refused" in out and "cover.alt" in out

    # The editor fills in the cover; now it waits for a reviewer.
    text = draft.read_text(encoding="utf-8")
    draft.write_text(text.replace('cover:\n  image: ""\n  alt: ""\n  caption: ""\n', COVER), encoding="utf-8")
    assert counts(workspace)["awaiting_review"] == 1
    code, out, _ = pipeline(workspace, "approve", f"drafts/{EXAMPLE_DRAFT_NAME}", "--by", "anna", "--note", "ok")
    assert code == 0 and out.startswith(f"approved\tdrafts/{EXAMPLE_DRAFT_NAME}\tby anna")
    assert counts(workspace)["approved"] == 1

    # An edit after the approval voids it: nothing unapproved can be published.
    edited = draft.read_text(encoding="utf-8").replace("razendsnel.", "razendsnel, en dat merken starters.", 1)
    draft.write_text(edited, encoding="utf-8")
    status = counts(workspace)
    assert (status["approved"], status["awaiting_review"]) == (0, 1)
    code, out, _ = pipeline(workspace, "review")
    assert "approval void" in out and "edited after approval by anna: approve again" in out
    code, out, _ = pipeline(workspace, "promote", slug)
    assert code == 1 and out.startswith(f"refused\tdrafts/{EXAMPLE_DRAFT_NAME}")
    assert published.exists() is False

    # Approved again, it is promoted: draft: false, provenance dropped, the edit in it.
    assert pipeline(workspace, "approve", slug, "--by", "anna")[0] == 0
    code, out, _ = pipeline(workspace, "promote")
    assert code == 0 and out.splitlines()[-1] == "promote: 1 promoted"
    assert articles(workspace) == {"drafts": [], "published": sorted([EXAMPLE_DRAFT_NAME,
                                                                      "ai-verandert-banen-en-privacy.md"])}
    live = published.read_text(encoding="utf-8")
    assert "draft: false\n" in live and "source:" not in live and "razendsnel, en dat merken starters." in live
    assert counts(workspace)["published"] == 2

    # Unpublished, it is the draft it was, back with the editor, awaiting a new review.
    code, out, _ = pipeline(workspace, "unpublish", slug, "--by", "bob", "--reason", "bron niet bevestigd")
    assert code == 0
    assert draft.read_text(encoding="utf-8") == edited
    assert not published.exists()
    status = counts(workspace)
    assert (status["awaiting_review"], status["published"]) == (1, 1)

    # The journal tells the whole story.
    code, out, _ = pipeline(workspace, "history", slug)
    assert [line.split("\t")[1] for line in out.splitlines()] == [
        "ingested", "approved", "approved", "promoting", "promoted", "unpublishing", "unpublished"]
    assert "by: bob; run by: tester; reason: bron niet bevestigd" in out.splitlines()[-1]
    promoted = next(line for line in out.splitlines() if line.split("\t")[1] == "promoted")
    assert "approved by: " in promoted and "run by: tester" in promoted  # who ran it apart from who approved
