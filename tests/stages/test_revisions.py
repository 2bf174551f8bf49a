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
from tests.stages.test_updates import (
    BODY,
    CORRECTION,
    NAME,
    ingested_again_unchanged,
    ingested_page,
    journal,
    raw_page,
    rescraped,
)

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
    assert made.stdout.splitlines()[-1] == "revise: 1 revision made"
    text = revision(root).read_text(encoding="utf-8")
    assert "draft: true" in text and 'source:' in text  # the pipeline's own keys back, as unpublish does
    revision(root).write_text(text.replace(CORRECTION[0], CORRECTION[1]), encoding="utf-8")
    assert cli(root, "approve", f"revisions/{NAME}.md", "--by", "anna").exit_code == 0
    assert cli(root, "promote", NAME).exit_code == 0
    assert CORRECTION[1] in page.read_text(encoding="utf-8")
    assert actions(root)[-2:] == ["revising", "revised"]
    again = cli(root, "revise", NAME)  # a second correction of the same article: a new revision
    assert again.exit_code == 0 and revision(root).exists()


# --- out of date: refused with one line ---------------------------------------------------------


def test_a_revision_of_an_article_unpublished_since_is_refused(bare_workspace: Path) -> None:
    root = bare_workspace
    published_with_edits(root)
    assert cli(root, "revise", NAME).exit_code == 0
    assert cli(root, "unpublish", NAME, "--by", "anna", "--reason", "fout").exit_code == 0
    refused = cli(root, "approve", f"revisions/{NAME}.md", "--by", "anna")
    assert refused.exit_code == 1
    assert refused.stdout.splitlines()[0] == (
        f"refused\trevisions/{NAME}.md\tpublished/{NAME}.md was unpublished after this revision was made: only a "
        f"published article is revised (the draft is drafts/{NAME}.md); remove revisions/{NAME}.md")
    assert "revision out of date" in cli(root, "review").stdout
    assert articles(root) == {"drafts": [f"{NAME}.md"], "published": []}


def test_a_revision_whose_source_changed_again_is_refused_until_the_update_is_dealt_with(
        bare_workspace: Path) -> None:
    root = bare_workspace
    published_with_edits(root)
    rescraped(root)
    assert cli(root, "ingest").exit_code == 0
    assert cli(root, "approve", NAME, "--by", "anna").exit_code == 0
    (root / "raw" / "a.md").write_text(raw_page(BODY.replace(CORRECTION[0], "Volgens haar verschuift alles.")),
                                       encoding="utf-8")
    ingested = cli(root, "ingest")
    assert "the revision there is out of date" in ingested.stdout, ingested.stdout
    assert (root / "updates" / f"{NAME}.md").exists()
    blocked = [line for line in cli(root, "review").stdout.splitlines() if line.startswith("revision out of date")]
    assert blocked == [f"revision out of date\trevisions/{NAME}.md\t{EDITED_TITLE}\tits source was updated again "
                       f"after this revision was made (updates/{NAME}.md waits): pipeline dismiss-update {NAME} keeps "
                       f"this revision; or remove revisions/{NAME}.md, then pipeline revise {NAME} to start again "
                       "from the new source"]
    before = live(root).read_bytes()
    promoted = cli(root, "promote", f"revisions/{NAME}.md")
    assert promoted.exit_code == 1 and "its source was updated again" in promoted.stdout
    assert live(root).read_bytes() == before
    assert cli(root, "dismiss-update", NAME).exit_code == 0  # this revision is the one wanted
    assert cli(root, "promote").exit_code == 0
    assert CORRECTION[1] in live(root).read_text(encoding="utf-8")


def test_a_live_page_edited_by_hand_after_the_revision_was_made_is_never_overwritten(bare_workspace: Path) -> None:
    root = bare_workspace
    published_with_edits(root)
    assert cli(root, "revise", NAME).exit_code == 0
    assert cli(root, "approve", NAME, "--by", "anna").exit_code == 0
    live(root).write_text(live(root).read_text(encoding="utf-8") + "\nEen regel met de hand.\n", encoding="utf-8")
    edited = live(root).read_bytes()
    promoted = cli(root, "promote")
    assert promoted.exit_code == 1
    assert promoted.stdout.splitlines()[0] == (
        f"refused\trevisions/{NAME}.md\tpublished/{NAME}.md\tpublished/{NAME}.md changed since this revision was "
        f"made (edited by hand?): remove revisions/{NAME}.md, then pipeline revise {NAME} to start again")
    assert live(root).read_bytes() == edited and revision(root).exists()


def test_a_second_revise_never_replaces_the_revision_there(bare_workspace: Path) -> None:
    root = bare_workspace
    published_with_edits(root)
    assert cli(root, "revise", NAME).exit_code == 0
    revision(root).write_text(revision(root).read_text(encoding="utf-8") + "\nMijn correctie.\n", encoding="utf-8")
    mine = revision(root).read_bytes()
    again = cli(root, "revise", NAME)
    assert again.exit_code == 1
    assert again.stdout.splitlines()[0] == (f"refused\tpublished/{NAME}.md\trevisions/{NAME}.md is there already: "
                                            "edit it, or remove it to start again")
    assert revision(root).read_bytes() == mine


# --- hostile input ------------------------------------------------------------------------------


def test_revise_of_what_is_not_published_is_one_line(bare_workspace: Path) -> None:
    root = bare_workspace
    ingested_page(root)
    for given, said in ((NAME, f"{NAME}: no article named {NAME!r} in published/"),
                        (f"drafts/{NAME}.md", f"drafts/{NAME}.md: is not in published/ (only published/ holds what "
                                              "this command acts on)")):
        result = cli(root, "revise", given)
        assert result.exit_code == 2 and result.stderr.strip().splitlines() == [f"error: {said}"], result.stderr
    assert not (root / "revisions").exists()


def test_revise_of_a_path_out_of_the_workspace_or_an_unreadable_article_is_one_line(bare_workspace: Path,
                                                                                    tmp_path: Path) -> None:
    root = bare_workspace
    page = published_with_edits(root)
    (tmp_path / "buiten.md").write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    outside = cli(root, "revise", str(tmp_path / "buiten.md"))
    assert outside.exit_code == 2 and "is outside the workspace" in outside.stderr
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [" + ", ".join([f"*{chr(97 + n)}"] * 9) + "]\n" for n in range(9)) + \
        "---\nTekst.\n"
    page.write_text(bomb, encoding="utf-8")
    refused = cli(root, "revise", NAME)
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    (line,) = [line for line in refused.stdout.splitlines() if line.startswith("refused")]
    assert line.startswith(f"refused\tpublished/{NAME}.md\tcannot be read (") and line.endswith("): mend it first")
    assert not revision(root).exists()


def test_a_name_longer_than_a_file_name_can_be_is_one_line(bare_workspace: Path) -> None:
    result = cli(bare_workspace, "revise", "é" * 200)
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "name too long" in result.stderr and "Traceback" not in result.output
    approve = cli(bare_workspace, "approve", "x" * 300, "--by", "anna")
    assert approve.exit_code == 2 and "name too long" in approve.stderr


@pytest.mark.parametrize("inside", [True, False])
def test_a_revision_that_is_a_link_is_never_read_nor_promoted(bare_workspace: Path, tmp_path: Path,
                                                            inside: bool) -> None:
    root = bare_workspace
    page = published_with_edits(root)
    assert cli(root, "revise", NAME).exit_code == 0
    elsewhere = (root / "notes.md") if inside else (tmp_path / "elsewhere.md")
    elsewhere.write_text(revision(root).read_text(encoding="utf-8").replace(*CORRECTION), encoding="utf-8")
    revision(root).unlink()
    revision(root).symlink_to(elsewhere)
    before = page.read_bytes()
    review = cli(root, "review")
    assert "Traceback" not in review.output
    line = next(line for line in review.stdout.splitlines() if f"revisions/{NAME}.md" in line)
    assert line.startswith("invalid\t") and ("symbolic link" in line), line
    assert cli(root, "approve", f"revisions/{NAME}.md", "--by", "anna").exit_code != 0
    assert cli(root, "promote").exit_code == 0
    assert page.read_bytes() == before and elsewhere.exists()


def test_a_revisions_folder_linked_out_of_the_workspace_stops_every_command(bare_workspace: Path,
                                                                           tmp_path: Path) -> None:
    root = bare_workspace
    (tmp_path / "out").mkdir()
    (root / "revisions").symlink_to(tmp_path / "out")
    result = cli(root, "review")
    assert result.exit_code != 0 and "revisions/: is a symbolic link out of the workspace" in result.stderr


def test_a_yaml_alias_bomb_in_a_revision_is_one_line_and_never_promoted(bare_workspace: Path) -> None:
    root = bare_workspace
    page = published_with_edits(root)
    assert cli(root, "revise", NAME).exit_code == 0
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, "
        f"*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}]\n" for n in range(9)) + \
        "title: x\n---\nTekst.\n"
    revision(root).write_text(bomb, encoding="utf-8")
    before = page.read_bytes()
    review = cli(root, "review")
    assert "Traceback" not in review.output
    line = next(line for line in review.stdout.splitlines() if f"revisions/{NAME}.md" in line)
    assert line.startswith("invalid\t"), line
    approve = cli(root, "approve", NAME, "--by", "anna")
    assert approve.exit_code == 1 and "Traceback" not in approve.output
    assert cli(root, "promote").exit_code == 0 and page.read_bytes() == before
    shown = cli(root, "show", NAME)
    assert shown.exit_code == 0 and f"a revision waits: revisions/{NAME}.md (invalid" in shown.stdout


def test_a_file_put_in_revisions_by_hand_is_not_a_revision_until_revise_makes_one(bare_workspace: Path) -> None:
    root = bare_workspace
    page = published_with_edits(root)
    (root / "revisions").mkdir()
    revision(root).write_text(page.read_text(encoding="utf-8").replace("draft: false", "draft: true"),
                              encoding="utf-8")
    refused = cli(root, "approve", NAME, "--by", "anna")
    assert refused.exit_code == 1
    assert f"revisions/{NAME}.md was not made by pipeline revise" in refused.stdout


# --- git ----------------------------------------------------------------------------------------


def test_in_a_git_workspace_the_promote_of_a_revision_is_a_commit(bare_workspace: Path) -> None:
    import subprocess

    root = bare_workspace

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout

    git("init", "-q", "-b", "main")
    git("config", "user.name", "anna")
    git("config", "user.email", "anna@example.org")
    page = published_with_edits(root)
    git("add", "-A")
    git("commit", "-q", "-m", "published")
    before = page.read_text(encoding="utf-8")
    assert cli(root, "revise", NAME).exit_code == 0
    revision(root).write_text(revision(root).read_text(encoding="utf-8").replace(*CORRECTION), encoding="utf-8")
    assert cli(root, "approve", NAME).exit_code == 0
    promoted = cli(root, "promote")
    assert promoted.exit_code == 0, promoted.output
    assert git("log", "-1", "--format=%s").strip() == f"revised published/{NAME}.md"
    changed = sorted(git("show", "--name-status", "--format=", "HEAD").splitlines())
    # the approval committed the revision as approved; the promote replaces the page and removes it
    assert changed == [f"D\trevisions/{NAME}.md", "M\t.pipeline/journal.jsonl", f"M\tpublished/{NAME}.md"]
    assert CORRECTION[1] in git("show", f"HEAD:published/{NAME}.md")
    assert git("show", f"HEAD~1:published/{NAME}.md") == before  # the earlier text, in git's history too
    assert git("status", "--porcelain", "--", "published", "revisions") == ""


def test_revise_takes_in_an_update_waiting_beside_a_published_article(bare_workspace: Path) -> None:
    root = bare_workspace
    published_with_edits(root)
    rescraped(root, "b.md")  # another file, nearly the same text: a possible duplicate, merged by an editor
    assert cli(root, "ingest").exit_code == 0
    assert cli(root, "merge-duplicate", f"{NAME}-2").exit_code == 0
    assert (root / "updates" / f"{NAME}.md").exists()
    status = json.loads(cli(root, "status", "--json").stdout)
    assert any("pipeline revise NAME" in line for line in status["next"]), status["next"]
    made = cli(root, "revise", NAME)
    assert made.exit_code == 0, made.stdout
    assert "made from the updated source, with what editors set kept (title)" in made.stdout
    assert not (root / "updates" / f"{NAME}.md").exists()
    text = revision(root).read_text(encoding="utf-8")
    assert CORRECTION[1] in text and EDITED_TITLE in text
    assert json.loads(cli(root, "status", "--json").stdout)["counts"]["source_updated"] == 0


def test_cron_promotes_a_revision_and_never_one_whose_address_is_another_articles_page(bare_workspace: Path) -> None:
    root = bare_workspace
    page = published_with_edits(root)
    (root / "published" / "ander.md").write_text(page.read_text(encoding="utf-8").replace(EDITED_TITLE, "Ander"),
                                                 encoding="utf-8")
    assert cli(root, "revise", NAME).exit_code == 0
    text = revision(root).read_text(encoding="utf-8")
    revision(root).write_text(text.replace("draft: true", 'draft: true\naliases: ["/ander/"]'), encoding="utf-8")
    assert cli(root, "approve", NAME, "--by", "anna").exit_code == 0
    refused = cli(root, "run")
    assert refused.exit_code == 1
    assert "its page address /ander/ is already the page of published/ander.md" in refused.output
    revision(root).write_text(text.replace(*CORRECTION), encoding="utf-8")
    assert cli(root, "approve", NAME, "--by", "anna").exit_code == 0
    done = cli(root, "run")
    assert done.exit_code == 0, done.output
    assert CORRECTION[1] in page.read_text(encoding="utf-8") and not revision(root).exists()


def test_an_edit_saved_between_the_check_and_the_replacement_is_neither_published_nor_lost(
        bare_workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.stages.promote

    root = bare_workspace
    page = published_with_edits(root)
    assert cli(root, "revise", NAME).exit_code == 0
    assert cli(root, "approve", NAME, "--by", "anna").exit_code == 0
    before = page.read_bytes()
    checked = pipeline.stages.promote.same_content
    late = "\nEen correctie van het laatste moment.\n"

    def editor_saves_after_the_check(text: str, state: Any) -> bool:
        same = checked(text, state)
        revision(root).write_text(text + late, encoding="utf-8")
        return same

    monkeypatch.setattr(pipeline.stages.promote, "same_content", editor_saves_after_the_check)
    promoted = cli(root, "promote")
    assert promoted.exit_code == 1 and "changed while it was being checked" in promoted.stdout
    assert page.read_bytes() == before  # nothing unapproved published
    assert revision(root).read_text(encoding="utf-8").endswith(late)  # and the edit kept


def test_an_update_the_journal_places_out_of_the_workspace_is_never_read(bare_workspace: Path,
                                                                        tmp_path: Path) -> None:
    root = bare_workspace
    published_with_edits(root)
    secret = tmp_path / "geheim.md"
    secret.write_text("---\ntitle: geheim\n---\nGeheim.\n", encoding="utf-8")
    line = json.dumps({"time": "2026-02-12T10:00:00+01:00", "action": "update-waiting",
                       "article": f"published/{NAME}.md", "update": f"../{secret.name}"})  # beside the workspace
    with (root / ".pipeline" / "journal.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")
    refused = cli(root, "revise", NAME)
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert refused.stdout.splitlines()[0] == (
        f"refused\tpublished/{NAME}.md\tthe update ../{secret.name} is outside the workspace: dismiss it "
        f"(pipeline dismiss-update {NAME})")
    assert not revision(root).exists() and secret.exists()


def test_a_rescrape_that_says_what_the_live_page_says_makes_no_revision(bare_workspace: Path) -> None:
    root = bare_workspace
    page = published_with_edits(root)
    before = page.read_bytes()
    said = ingested_again_unchanged(root)
    assert "read again: nothing new for readers once what editors set is kept" in said, said
    assert not revision(root).exists() and not (root / "updates" / f"{NAME}.md").exists()
    assert page.read_bytes() == before
    status = json.loads(cli(root, "status", "--json").stdout)
    assert status["counts"]["source_updated"] == 0 and "revisions" not in status["counts"]


def test_revise_by_hand_dismisses_a_waiting_update_that_says_nothing_new_and_still_makes_the_revision(
        bare_workspace: Path) -> None:
    root = bare_workspace
    page = published_with_edits(root)
    (root / "raw" / "b.md").write_text(raw_page() + "\n", encoding="utf-8")  # the same page, under another name
    assert cli(root, "ingest").exit_code == 0
    assert cli(root, "merge-duplicate", f"{NAME}-2").exit_code == 0
    assert (root / "updates" / f"{NAME}.md").exists()
    made = cli(root, "revise", NAME)
    assert made.exit_code == 0, made.stdout
    assert "the published article as a draft: edit it" in made.stdout
    assert not (root / "updates" / f"{NAME}.md").exists()
    assert parse_article(revision(root).read_text(encoding="utf-8")).body == parse_article(
        page.read_text(encoding="utf-8")).body
    assert [item["action"] for item in journal(root)][-2:] == ["update-dismissed", "revision-made"]
