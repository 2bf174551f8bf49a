"""Every command that changes editorial state leaves a clone as a decision does: its change committed (and
only its change) and sent to the remote at once, or, offline, waiting for the next sync, which sends it.
Real git (a bare remote and clones) and the installed command, as in test_team."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.e2e.test_team import NAME, Team, git, pipeline, scrape
from tests.stages.test_duplicates import MONDAY, TUESDAY, report
from tests.stages.test_updates import BODY, CORRECTION, raw_page

TITLE = 'title: "Kunstmatige intelligentie verandert de arbeidsmarkt"'


@pytest.fixture
def team(tmp_path: Path) -> Team:
    team = Team(tmp_path)
    team.scraped_draft()
    return team


def remote_journal(team: Team) -> list[dict[str, object]]:
    text = git(team.remote, "show", "main:.pipeline/journal.jsonl")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def assert_committed_and_sent(clone: Path, team: Team, subject: str) -> None:
    """Nothing left uncommitted in the clone, nothing waiting, and the remote's last commit is the command's."""
    assert git(clone, "status", "--porcelain") == ""
    assert git(clone, "rev-list", "--count", "@{u}..HEAD") == "0"
    assert git(team.remote, "log", "-1", "--format=%s", "main").startswith(subject)
    assert git(team.remote, "rev-parse", "main") == git(clone, "rev-parse", "HEAD")


def edited_elsewhere(team: Team, edit: tuple[str, str]) -> Path:
    """An editor's clone in which the draft was edited by hand, committed and synced."""
    editor = team.clone("editor", sign=False)
    path = editor / "drafts" / f"{NAME}.md"
    path.write_text(path.read_text(encoding="utf-8").replace(*edit), encoding="utf-8")
    git(editor, "commit", "-q", "-am", "an editor's edit")
    pipeline(editor, "sync")
    return editor


def test_rename_on_a_clone_commits_the_move_and_sends_it(team: Team) -> None:
    editor = team.clone("editor", sign=False)
    done = pipeline(editor, "rename", NAME, "ai-en-werk")
    assert "sent: the change is on origin/main" in done.stdout, done
    assert_committed_and_sent(editor, team, f"rename (renaming, renamed) drafts/ai-en-werk.md, drafts/{NAME}.md")
    assert team.remote_has("drafts/ai-en-werk.md") and not team.remote_has(f"drafts/{NAME}.md")
    assert [e["action"] for e in remote_journal(team)][-2:] == ["renaming", "renamed"]
    run = pipeline(team.base / "cron", "run", "--sync")  # the next sync elsewhere takes it
    assert "sync failed" not in run.stdout + run.stderr and (team.base / "cron" / "drafts" / "ai-en-werk.md").is_file()


def test_normalise_on_a_clone_commits_what_it_rewrote_and_leaves_other_edits_alone(team: Team) -> None:
    editor = edited_elsewhere(team, (TITLE, TITLE.replace('"Kunst', '"  Kunst')))
    config = editor / "pipeline.toml"
    config.write_text(config.read_text(encoding="utf-8") + "# nog niet af\n", encoding="utf-8")  # not its change
    done = pipeline(editor, "normalise")
    assert "sent: the change is on origin/main" in done.stdout, done
    assert git(editor, "status", "--porcelain") == "M pipeline.toml"  # the editor's own edit: left, uncommitted
    assert git(team.remote, "log", "-1", "--format=%s", "main") == f"normalise (normalised) drafts/{NAME}.md"
    assert TITLE in git(team.remote, "show", f"main:drafts/{NAME}.md")


@pytest.mark.parametrize(("command", "verb"), [("take-update", "update-taken"), ("dismiss-update", "update-dismissed")])
def test_an_update_taken_or_dismissed_on_a_clone_is_committed_and_sent(team: Team, command: str, verb: str) -> None:
    cron = team.base / "cron"
    editor = edited_elsewhere(team, (TITLE, TITLE.replace("arbeidsmarkt", "arbeidsmarkt ingrijpend")))
    pipeline(cron, "run", "--sync")  # takes the edit
    scrape(cron, body=raw_page(BODY.replace(*CORRECTION)))
    pipeline(cron, "run", "--sync")  # the re-scrape waits beside the edited draft
    assert team.remote_has(f"updates/{NAME}.md")
    pipeline(editor, "sync")
    done = pipeline(editor, command, NAME)
    assert "sent: the change is on origin/main" in done.stdout, done
    assert_committed_and_sent(editor, team, command)
    assert not team.remote_has(f"updates/{NAME}.md")
    assert remote_journal(team)[-1]["action"] == verb


@pytest.mark.parametrize(("command", "verb"), [("merge-duplicate", "duplicate-merged"),
                                               ("dismiss-duplicate", "duplicate-dismissed")])
def test_a_possible_duplicate_decided_on_a_clone_is_committed_and_sent(team: Team, command: str, verb: str) -> None:
    cron = team.base / "cron"
    scrape(cron, "markt-maandag.md", report(MONDAY))
    pipeline(cron, "run", "--sync")
    scrape(cron, "markt-dinsdag.md", report(TUESDAY))
    pipeline(cron, "run", "--sync")
    editor = team.clone("editor", sign=False)
    review = json.loads(pipeline(editor, "review", "--json").stdout)
    [tuesday] = [d["draft"] for d in review if d["state"] == "possible duplicate"]
    done = pipeline(editor, command, Path(tuesday).stem)
    assert "sent: the change is on origin/main" in done.stdout, done
    assert_committed_and_sent(editor, team, command)
    assert remote_journal(team)[-1]["action"] == verb
    assert team.remote_has(tuesday) == (command == "dismiss-duplicate")  # merged: it waits as the other's update


def test_revise_on_a_clone_commits_the_revision_and_sends_it(team: Team) -> None:
    cron = team.base / "cron"
    pipeline(team.clone("anna"), "approve", NAME)
    pipeline(cron, "run", "--sync")  # promoted
    editor = team.clone("editor", sign=False)
    done = pipeline(editor, "revise", NAME)
    assert "sent: the change is on origin/main" in done.stdout, done
    assert_committed_and_sent(editor, team, f"revise (revision-made) revisions/{NAME}.md")
    assert team.remote_has(f"revisions/{NAME}.md") and team.remote_has(f"published/{NAME}.md")


@pytest.mark.parametrize("command", ["run", "ingest"])
def test_run_without_sync_or_ingest_commits_the_new_drafts_and_sends_them(team: Team, command: str) -> None:
    cron = team.base / "cron"
    scrape(cron, "markt-maandag.md", report(MONDAY))
    done = pipeline(cron, command)
    assert "sent: the change is on origin/main" in done.stdout, done
    assert_committed_and_sent(cron, team, f"{command} (")
    assert any(entry["action"] == "ingested" and entry["source"] == "raw/markt-maandag.md"
               for entry in remote_journal(team))
    quiet = pipeline(cron, command, *(["--quiet"] if command == "run" else []))  # nothing new: no commit
    assert "sent:" not in quiet.stdout + quiet.stderr and git(cron, "status", "--porcelain") == ""


def test_offline_the_change_waits_committed_and_the_next_sync_sends_it(team: Team) -> None:
    editor = team.clone("editor", sign=False)
    away = team.base / "away.git"
    team.remote.rename(away)  # the network is down
    done = pipeline(editor, "rename", NAME, "ai-en-werk", "--json")
    assert json.loads(done.stdout)  # JSON stays JSON: the line on stderr
    waits = [line for line in done.stderr.splitlines() if line.startswith("waits:")]
    assert len(waits) == 1 and waits[0].startswith("waits: the change is recorded here"), done.stderr
    assert waits[0].endswith("the next pipeline sync (or pipeline run --sync) sends it")
    assert git(editor, "status", "--porcelain") == ""  # committed here: the next sync has nothing in its way
    assert git(editor, "rev-list", "--count", "@{u}..HEAD") == "1"
    away.rename(team.remote)
    assert "0 received, 1 sent" in pipeline(editor, "sync").stdout
    assert team.remote_has("drafts/ai-en-werk.md")


def test_a_command_that_changes_nothing_makes_no_commit(team: Team) -> None:
    editor = team.clone("editor", sign=False)
    head = git(editor, "rev-parse", "HEAD")
    done = pipeline(editor, "normalise")
    assert "sent:" not in done.stdout + done.stderr and "waits:" not in done.stderr
    assert git(editor, "rev-parse", "HEAD") == head


def test_a_revision_cron_makes_of_a_rescraped_published_article_reaches_the_remote(team: Team) -> None:
    cron = team.base / "cron"
    pipeline(team.clone("anna"), "approve", NAME)
    pipeline(cron, "run", "--sync")  # promoted
    scrape(cron, body=raw_page(BODY.replace(*CORRECTION)))
    pipeline(cron, "run", "--sync")  # the re-scrape: a revision of the published article
    assert git(cron, "status", "--porcelain") == ""
    assert team.remote_has(f"revisions/{NAME}.md")


def test_a_file_name_with_a_newline_quotes_or_accents_is_committed_under_its_own_name(team: Team) -> None:
    editor = team.clone("editor", sign=False)
    odd = 'twee\nregels "en" café'
    text = (editor / "drafts" / f"{NAME}.md").read_text(encoding="utf-8")
    (editor / "drafts" / f"{odd}.md").write_text(text.replace(TITLE, TITLE.replace('"Kunst', '"  Kunst')),
                                                 encoding="utf-8")
    done = pipeline(editor, "normalise", f"drafts/{odd}.md")
    assert "sent: the change is on origin/main" in done.stdout, done
    assert git(editor, "status", "--porcelain") == ""
    listed = subprocess.run(["git", "ls-tree", "-r", "-z", "--name-only", "main", "drafts/"], cwd=team.remote,
                            capture_output=True, check=True).stdout.split(b"\0")
    assert f"drafts/{odd}.md".encode() in listed


def test_an_approval_refused_after_normalising_first_still_leaves_the_clone_clean(team: Team) -> None:
    long_title = "Kunstmatige intelligentie verandert de arbeidsmarkt van bakkers, redacteuren en chauffeurs " \
                 "in een enkel jaar ingrijpend"  # over the limit: the approval is refused ...
    anna = edited_elsewhere(team, (TITLE, f'title: "  {long_title}"'))  # ... after normalising it first
    git(anna, "config", "gpg.format", "ssh")
    git(anna, "config", "user.signingkey", str(team.base / "keys" / "anna"))
    git(anna, "config", "user.name", "anna")
    refused = pipeline(anna, "approve", NAME, code=1)
    assert "validation error" in refused.stdout, refused
    assert "sent: the decision is on origin/main" in refused.stdout, refused
    assert git(anna, "status", "--porcelain") == ""
    subject = git(team.remote, "log", "-1", "--format=%s", "main")
    assert subject == f"approve (normalised) drafts/{NAME}.md"
    assert not [e for e in remote_journal(team) if e["action"] == "approved"]


def test_cron_promotes_a_revision_approved_in_a_signed_team_and_keeps_its_journal(team: Team) -> None:
    cron = team.base / "cron"
    anna = team.clone("anna")
    pipeline(anna, "approve", NAME)
    pipeline(cron, "run", "--sync")  # published
    pipeline(team.clone("editor", sign=False), "revise", NAME)
    pipeline(anna, "sync")
    assert "sent: the decision is on origin/main" in pipeline(anna, "approve", NAME).stdout
    run = pipeline(cron, "run", "--sync")  # cron has no reviewer's key: its commit is not signed, and need not be
    assert f"revised\trevisions/{NAME}.md" in run.stdout, run
    assert [e["action"] for e in remote_journal(team)][-2:] == ["revising", "revised"]
    assert git(cron, "status", "--porcelain") == "" and not team.remote_has(f"revisions/{NAME}.md")


def test_a_cover_picked_on_a_clone_is_committed_and_sent_and_the_editors_own_edits_stay(team: Team) -> None:
    from tests.stages.test_covers import jpeg, xmp

    editor = team.clone("editor", sign=False)
    photos = editor / "beeldbank"
    photos.mkdir()
    (photos / "robot.jpg").write_bytes(jpeg(xmp=xmp(["arbeidsmarkt", "kunstmatige", "intelligentie"],
                                                    caption="Een robot op kantoor.", credit="ANP",
                                                    alt="Een robot aan een bureau")))
    config = editor / "pipeline.toml"
    text = config.read_text(encoding="utf-8").replace("library = []", 'library = ["beeldbank"]', 1)
    config.write_text(re.sub(r'(?m)^url = ""$', 'url = "https://beeld.example.nl/foto"', text, count=1),
                      encoding="utf-8")
    done = pipeline(editor, "cover", NAME, "--pick", "1")
    assert "sent: the change is on origin/main" in done.stdout, done
    left = {line.strip() for line in git(editor, "status", "--porcelain").splitlines()}
    assert left == {"M pipeline.toml", "?? beeldbank/"}  # the editor's own: not the pipeline's to commit
    assert git(team.remote, "log", "-1", "--format=%s", "main") == f"cover (cover-set) drafts/{NAME}.md"
    assert "https://beeld.example.nl/foto/robot.jpg" in git(team.remote, "show", f"main:drafts/{NAME}.md")
