"""The team across machines, attacked: who may sign (a commit cannot change it), names git's
allowed-signers format allows, signing that fails, journal lines a remote takes away, a pulled link,
sync stopped by an uncommitted change. Real git and real ssh-keygen, as in test_team."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.test_team import ALLOWED, NAME, Team, git, pipeline, scrape
from tests.stages.test_updates import raw_page


@pytest.fixture
def team(tmp_path: Path) -> Team:
    return Team(tmp_path)


def _journal_of(clone: Path) -> bytes:
    return (clone / ".pipeline" / "journal.jsonl").read_bytes()


def eve_added_to_the_signers(team: Team, by: str) -> Path:
    """A clone of `by`'s where eve's key is added to the team's list of signers, in a commit `by` signs."""
    clone = team.clone(by)
    with (clone / ALLOWED).open("a", encoding="utf-8") as handle:
        handle.write(f"eve {team.key('eve')}\n")
    git(clone, "commit", "-q", "-S", "-am", "eve reviews too")
    return clone


def test_a_commit_that_adds_its_own_key_to_the_signers_does_not_make_its_decision_count(team: Team) -> None:
    cron = team.scraped_draft()
    eve = eve_added_to_the_signers(team, "eve")
    told = pipeline(eve, "approve", NAME, code=1)  # eve's own machine does not trust the change either
    assert "will not count" in told.stdout, told.stdout
    pipeline(eve, "sync")
    run = pipeline(cron, "run", "--sync")
    assert "promoted" not in run.stdout, run.stdout
    status = json.loads(pipeline(cron, "status", "--json").stdout)
    assert any(note.startswith(f"{ALLOWED}: the change in commit ") and "does not count" in note
               for note in status["signers"]), status


def test_a_change_to_the_signers_signed_by_a_listed_reviewer_counts(team: Team) -> None:
    cron = team.scraped_draft()
    anna = eve_added_to_the_signers(team, "anna")
    git(anna, "push", "-q")
    team.approved_by("eve")
    assert f"promoted\tdrafts/{NAME}.md" in pipeline(cron, "run", "--sync").stdout


def test_a_pushed_signed_false_does_not_switch_verification_off_where_it_was_on(team: Team) -> None:
    cron = team.scraped_draft()  # this machine has seen review.signed = true
    editor = team.clone("editor", sign=False)
    config = editor / "pipeline.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("signed = true", "signed = false"), encoding="utf-8")
    git(editor, "commit", "-q", "-am", "no more signing")
    pipeline(editor, "approve", NAME)  # unsigned: the editor's machine never verified anything
    pipeline(editor, "sync")
    run = pipeline(cron, "run", "--sync")
    assert "promoted" not in run.stdout, run.stdout
    review = json.loads(pipeline(cron, "review", "--json").stdout)
    state = next(d for d in review if d["draft"] == f"drafts/{NAME}.md")
    assert any("is not signed" in note for note in state["past"]), state


@pytest.mark.parametrize("principal", ['"Anna de Vries"', "anna@example.org", "*@example.org"])
def test_a_reviewer_whose_name_has_spaces_signs_as_listed_by_name_or_email(tmp_path: Path, principal: str) -> None:
    team = Team(tmp_path, principals={"anna": principal, "bob": "bob"})
    cron = team.scraped_draft()
    team.approved_by("anna", user="Anna de Vries")
    assert f"promoted\tdrafts/{NAME}.md" in pipeline(cron, "run", "--sync").stdout


def test_a_name_with_spaces_left_unquoted_is_named_at_once(tmp_path: Path) -> None:
    team = Team(tmp_path, principals={"anna": "Anna de Vries", "bob": "bob"})
    cron = team.scraped_draft()
    status = json.loads(pipeline(cron, "status", "--json").stdout)
    assert any(note.startswith(f"{ALLOWED}:1: git cannot use this line") and '"Anna de Vries"' in note
               for note in status["signers"]), status
    anna = team.clone("anna", user="Anna de Vries")
    told = pipeline(anna, "approve", NAME, code=1)
    assert "will not count" in told.stdout and f"{ALLOWED}:1: git cannot use this line" in told.stdout, told.stdout


@pytest.mark.parametrize("how", ["no such key", "gpg.format openpgp"])
def test_a_decision_whose_signing_fails_leaves_no_journal_line(team: Team, how: str) -> None:
    team.scraped_draft()
    anna = team.clone("anna")
    if how == "no such key":
        git(anna, "config", "user.signingkey", str(team.base / "keys" / "nobody"))
    else:
        git(anna, "config", "--unset", "gpg.format")
    before = _journal_of(anna)
    failed = pipeline(anna, "approve", NAME, code=1)
    assert "nothing was recorded" in failed.stderr, failed.stderr
    if how != "no such key":
        assert "gpg.format ssh" in failed.stderr
    assert _journal_of(anna) == before
    assert git(anna, "status", "--porcelain", "--untracked-files=no") == ""


@pytest.mark.parametrize("how", ["force push", "force push and a commit on top", "a commit that cuts the line"])
def test_a_rejection_dropped_from_the_remote_holds_the_article_and_names_it(team: Team, how: str) -> None:
    cron = team.scraped_draft()
    anna, bob = team.clone("anna"), team.clone("bob")
    pipeline(anna, "approve", NAME)
    pipeline(anna, "sync")
    pipeline(bob, "sync")
    pipeline(bob, "reject", NAME, "--reason", "de bron klopt niet")
    pipeline(bob, "sync")
    assert "promoted" not in pipeline(cron, "run", "--sync").stdout  # cron has seen the rejection
    mallory = team.clone("mallory", sign=False)
    if how == "force push":
        rejection = git(mallory, "log", "-1", "--format=%H", "--grep", "^rejected drafts/")
        git(mallory, "rebase", "-q", "--onto", f"{rejection}^", rejection)
        if how.endswith("on top"):  # cron's rebase then replays the rejection unsigned: it would not count
            (mallory / "notities.txt").write_text("niets\n", encoding="utf-8")
            git(mallory, "add", "-A")
            git(mallory, "commit", "-q", "-m", "notes")
        git(mallory, "push", "-q", "--force")
    else:
        journal = mallory / ".pipeline" / "journal.jsonl"
        lines = journal.read_text(encoding="utf-8").splitlines(keepends=True)
        journal.write_text("".join(line for line in lines if '"rejected"' not in line), encoding="utf-8")
        git(mallory, "commit", "-q", "-am", "tidy the journal")
        git(mallory, "push", "-q")
    run = pipeline(cron, "run", "--sync", code=1)
    assert "promoted\t" not in run.stdout and not (cron / "published" / f"{NAME}.md").exists(), run.stdout
    assert f"sync: {NAME}: a journal line about it vanished" in run.stdout, run.stdout
    assert not team.remote_has(f"published/{NAME}.md")
    status = json.loads(pipeline(cron, "status", "--json").stdout)
    assert "(rejected by bob) vanished" in status["held"][NAME], status
    pipeline(cron, "run", "--sync", code=None)  # still held on the next run: not a one-time warning
    assert not (cron / "published" / f"{NAME}.md").exists() and not team.remote_has(f"published/{NAME}.md")


def test_a_commit_that_makes_the_journal_a_link_is_not_pulled_and_is_named(team: Team) -> None:
    cron = team.scraped_draft()
    mallory = team.clone("mallory", sign=False)
    journal = mallory / ".pipeline" / "journal.jsonl"
    kept = journal.read_bytes()
    journal.unlink()
    journal.symlink_to("/etc/hostname")
    git(mallory, "add", "-A")
    git(mallory, "commit", "-q", "-m", "a link")
    git(mallory, "push", "-q")
    bad = git(mallory, "rev-parse", "HEAD")
    scrape(cron, "b.md", raw_page().replace("Kunstmatige intelligentie", "Robots in de haven"))
    run = pipeline(cron, "run", "--sync", code=1)
    assert f".pipeline/journal.jsonl: commit {bad[:12]} on origin/main makes it a link" in run.stdout, run.stdout
    assert not (cron / ".pipeline" / "journal.jsonl").is_symlink()
    assert "raw/b.md" in run.stdout  # the stages still ran; their commit waits
    journal.unlink()
    journal.write_bytes(kept)
    git(mallory, "add", "-A")
    git(mallory, "commit", "-q", "-m", "the journal again")
    git(mallory, "push", "-q")
    assert "sync:" in pipeline(cron, "run", "--sync").stdout
    assert not (cron / ".pipeline" / "journal.jsonl").is_symlink()


@pytest.mark.parametrize("how", ["changed", "untracked"])
def test_a_sync_stopped_by_an_uncommitted_change_names_the_file_and_keeps_it(team: Team, how: str) -> None:
    team.scraped_draft()
    here, there = team.clone("editor", sign=False), team.clone("erik", sign=False)
    rel = f"drafts/{NAME}.md" if how == "changed" else "notities.txt"
    theirs = (there / rel).read_text(encoding="utf-8") if how == "changed" else ""
    (there / rel).write_text(theirs.replace("Een robot aan het werk", "Tweede versie.") + "daar\n", encoding="utf-8")
    git(there, "add", "-A")
    git(there, "commit", "-q", "-m", "there")
    git(there, "push", "-q")
    mine = (here / rel).read_text(encoding="utf-8").replace("Een robot aan het werk", "Hier.") if how == "changed" \
        else "hier\n"
    (here / rel).write_text(mine, encoding="utf-8")
    stopped = pipeline(here, "sync", code=1)
    assert stopped.stderr.startswith(f"error: {rel}: changed here and on origin/main") or \
        f"{rel}: changed here and on origin/main" in stopped.stderr, stopped.stderr
    assert (here / rel).read_text(encoding="utf-8") == mine
    assert git(here, "stash", "list") == ""
    assert "<<<<<<<" not in (here / rel).read_text(encoding="utf-8")


def test_a_machine_s_own_list_of_signers_is_the_one_it_verifies_with(team: Team) -> None:
    cron = team.base / "cron"
    own = team.base / "cron-signers"
    own.write_text(f"anna {team.key('anna')}\n", encoding="utf-8")  # bob is in the team's file, not here
    git(cron, "config", "pipeline.allowedSigners", str(own))
    scrape(cron)
    pipeline(cron, "run", "--sync")
    team.approved_by("bob")
    assert "promoted" not in pipeline(cron, "run", "--sync").stdout
    review = json.loads(pipeline(cron, "review", "--json").stdout)
    state = next(d for d in review if d["draft"] == f"drafts/{NAME}.md")
    assert any(f"{own} (git config pipeline.allowedSigners) does not list" in note for note in state["past"]), state
    team.approved_by("anna")
    assert f"promoted\tdrafts/{NAME}.md" in pipeline(cron, "run", "--sync").stdout


def test_a_machine_list_inside_the_repository_is_refused(team: Team) -> None:
    cron = team.base / "cron"
    git(cron, "config", "pipeline.allowedSigners", str(cron / ALLOWED))
    scrape(cron)
    pipeline(cron, "run", "--sync")
    team.approved_by("anna")
    assert "promoted" not in pipeline(cron, "run", "--sync").stdout
    status = json.loads(pipeline(cron, "status", "--json").stdout)
    assert any("is not an absolute path outside the repository" in note for note in status["signers"]), status


def test_a_decision_at_the_desk_whose_signing_fails_leaves_no_journal_line(team: Team) -> None:
    from pipeline.store.team import attach
    from tests.desk.test_desk import decide, signed_in

    team.scraped_draft()
    anna = team.clone("anna")
    git(anna, "config", "user.signingkey", str(team.base / "keys" / "nobody"))
    before = _journal_of(anna)
    desk, client = signed_in(anna, "anna")
    attach(desk.workspace, desk.config)
    shown = decide(client, NAME, "approve")
    assert "nothing was recorded" in shown
    assert _journal_of(anna) == before


def test_an_unpublish_whose_signing_fails_keeps_its_journal_lines(team: Team) -> None:
    cron, anna = team.approved_draft()
    pipeline(cron, "run", "--sync")
    pipeline(anna, "sync")
    git(anna, "config", "user.signingkey", str(team.base / "keys" / "nobody"))
    failed = pipeline(anna, "unpublish", NAME, "--reason", "fout in de kop", code=None)
    assert failed.returncode != 0
    assert (anna / "drafts" / f"{NAME}.md").exists()  # it moved: the journal must say so
    actions = [json.loads(line)["action"] for line in _journal_of(anna).decode().splitlines()]
    assert actions[-2:] == ["unpublishing", "unpublished"], actions


def test_a_pushed_gitattributes_that_makes_the_journal_binary_hides_no_decision(team: Team) -> None:
    cron = team.scraped_draft()
    editor = team.clone("editor", sign=False)
    with (editor / ".gitattributes").open("a", encoding="utf-8") as handle:
        handle.write("/.pipeline/journal.jsonl -diff\n")
    git(editor, "commit", "-q", "-am", "attributes")
    git(editor, "push", "-q")
    team.approved_by("anna")
    assert f"promoted\tdrafts/{NAME}.md" in pipeline(cron, "run", "--sync").stdout
