"""Decisions that travel by themselves: approve, reject, unpublish, promote and the desk send their commit
to the remote at once, or say that it waits for the next sync, and never lose it. Real git (a bare remote
and clones, hostile hooks and push settings) and real ssh-keygen signing keys, as in test_team."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import installed_command
from tests.e2e.test_team import NAME, Team, git, pipeline

WAITS = "waits: the decision is recorded here and counts here, but was not sent to origin/main ("
NEXT_SYNC = "the next pipeline sync (or pipeline run --sync) sends it"


@pytest.fixture
def team(tmp_path: Path) -> Team:
    return Team(tmp_path)


def remote_journal(team: Team) -> str:
    return git(team.remote, "show", "main:.pipeline/journal.jsonl")


def decisions_in(text: str, action: str, by: str) -> list[dict[str, object]]:
    entries = [json.loads(line) for line in text.splitlines() if line.strip()]
    return [entry for entry in entries if entry.get("action") == action and entry.get("by") == by]


def draft_state(clone: Path) -> dict[str, object]:
    review = json.loads(pipeline(clone, "review", NAME, "--json").stdout)
    return next(d for d in review if d["draft"] == f"drafts/{NAME}.md")


def assert_not_mid_rebase(clone: Path) -> None:
    gitdir = Path(git(clone, "rev-parse", "--absolute-git-dir"))
    assert not (gitdir / "rebase-merge").exists() and not (gitdir / "rebase-apply").exists()


def ahead(clone: Path) -> int:
    return int(git(clone, "rev-list", "--count", "@{u}..HEAD"))


def test_a_decision_reaches_the_remote_at_once_and_counts_on_another_clone_after_its_sync(team: Team) -> None:
    cron = team.scraped_draft()
    anna, bob = team.clone("anna"), team.clone("bob")
    approved = pipeline(anna, "approve", NAME)
    assert "sent: the decision is on origin/main" in approved.stdout, approved
    assert ahead(anna) == 0 and decisions_in(remote_journal(team), "approved", "anna")
    signed = git(team.remote, "-c", f"gpg.ssh.allowedSignersFile={anna / 'reviewers.allowed_signers'}", "log", "-1",
                 "--format=%an|%G?|%s", "main")
    assert signed == f"anna|G|approved drafts/{NAME}.md"  # the commit as made and signed on anna's clone
    assert draft_state(bob)["state"] == "awaiting review"  # not pulled yet
    pipeline(bob, "sync")
    assert draft_state(bob)["state"] != "awaiting review"
    assert not any("does not count" in note for note in draft_state(bob)["past"])  # type: ignore[union-attr]
    assert f"promoted\tdrafts/{NAME}.md" in pipeline(cron, "run", "--sync").stdout


def test_a_decision_with_the_remote_out_of_reach_waits_and_the_next_sync_sends_it(team: Team) -> None:
    cron = team.scraped_draft()
    anna = team.clone("anna")
    away = team.base / "away.git"
    team.remote.rename(away)  # the network is down
    rejected = pipeline(anna, "reject", NAME, "--reason", "bron ontbreekt")
    assert "rejected" in rejected.stdout
    waits = [line for line in rejected.stderr.splitlines() if line.startswith("waits:")]
    assert len(waits) == 1 and WAITS in waits[0] and waits[0].endswith(NEXT_SYNC), rejected.stderr
    assert "git fetch failed: fatal:" in waits[0]  # git's own reason, not its closing advice
    assert draft_state(anna)["state"] == "rejected"  # it counts here
    assert ahead(anna) == 1 and "bron ontbreekt" in git(anna, "show", "HEAD:.pipeline/journal.jsonl")
    assert_not_mid_rebase(anna)
    away.rename(team.remote)
    assert not decisions_in(remote_journal(team), "rejected", "anna")
    assert "0 received, 1 sent" in pipeline(anna, "sync").stdout
    assert decisions_in(remote_journal(team), "rejected", "anna")
    pipeline(cron, "run", "--sync")
    assert draft_state(cron)["state"] == "rejected"


def test_two_reviewers_deciding_at_once_on_two_clones_both_reach_the_remote(tmp_path: Path) -> None:
    team = Team(tmp_path, approvals=2)
    cron = team.scraped_draft()
    clones = [team.clone("anna"), team.clone("bob")]
    env = {**os.environ, "COLUMNS": "200", "GIT_TERMINAL_PROMPT": "0"}
    running = [subprocess.Popen([*installed_command(), "approve", NAME], cwd=clone, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for clone in clones]
    for process in running:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0 and "sent: the decision is on origin/main" in out, (out, err)
    journal = remote_journal(team)  # the two lines merged (union), neither lost
    assert decisions_in(journal, "approved", "anna") and decisions_in(journal, "approved", "bob")
    assert all(ahead(clone) == 0 for clone in clones)
    assert f"promoted\tdrafts/{NAME}.md" in pipeline(cron, "run", "--sync").stdout


def test_promote_on_a_clone_commits_the_moves_only_and_sends_them(team: Team) -> None:
    cron = team.scraped_draft()
    pipeline(team.clone("anna"), "approve", NAME)  # travels by itself
    editor = team.clone("editor", sign=False)
    config = editor / "pipeline.toml"
    config.write_text(config.read_text(encoding="utf-8") + "# nog niet af\n", encoding="utf-8")  # not to commit
    status = json.loads(pipeline(editor, "status", "--json").stdout)
    assert any(line.startswith("pipeline promote") for line in status["next"]), status  # the advice followed
    promoted = pipeline(editor, "promote")
    assert f"promoted\tdrafts/{NAME}.md" in promoted.stdout
    assert "sent: the promotion is on origin/main" in promoted.stdout, promoted
    assert git(editor, "status", "--porcelain") == "M pipeline.toml"  # the moves committed, and only they
    assert git(editor, "log", "-1", "--format=%an|%s") == f"editor|promoted drafts/{NAME}.md"
    assert team.remote_has(f"published/{NAME}.md") and not team.remote_has(f"drafts/{NAME}.md")
    run = pipeline(cron, "run", "--sync")  # cron's next sync takes it (it failed when promote left it uncommitted)
    assert "promoted" not in run.stdout and "sync failed" not in run.stdout + run.stderr, run
    assert (cron / "published" / f"{NAME}.md").is_file() and not (cron / "drafts" / f"{NAME}.md").exists()
    assert git(cron, "status", "--porcelain", "--untracked-files=no") == ""


def test_unpublish_on_a_clone_reaches_the_remote_at_once(team: Team) -> None:
    cron = team.scraped_draft()
    anna = team.clone("anna")
    pipeline(anna, "approve", NAME)
    pipeline(cron, "run", "--sync")
    pipeline(anna, "sync")
    taken = pipeline(anna, "unpublish", NAME, "--reason", "fout in de kop", "--json")
    assert json.loads(taken.stdout)["moves"][0]["status"] == "unpublished"  # JSON stays JSON: the line on stderr
    assert "sent: the decision is on origin/main" in taken.stderr, taken
    assert team.remote_has(f"drafts/{NAME}.md") and not team.remote_has(f"published/{NAME}.md")


def _hook(team: Team, name: str, script: str) -> None:
    hook = team.remote / "hooks" / name
    hook.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    hook.chmod(0o755)


@pytest.mark.parametrize("hostile", ["pre-receive fails", "update hook refuses", "remote gone", "same file changed"])
def test_a_hostile_remote_never_loses_the_decision_here(team: Team, hostile: str) -> None:
    team.scraped_draft()
    anna = team.clone("anna")
    draft = anna / "drafts" / f"{NAME}.md"
    if hostile == "pre-receive fails":
        _hook(team, "pre-receive", "echo 'geen toegang voor jou' >&2; exit 1")
    elif hostile == "update hook refuses":
        _hook(team, "update", "exit 1")
    elif hostile == "remote gone":
        git(anna, "remote", "set-url", "origin", str(team.base / "nowhere.git"))
    else:  # an editor changed the draft and pushed; anna's uncommitted edit of it goes into her decision
        editor = team.clone("editor", sign=False)
        theirs = editor / "drafts" / f"{NAME}.md"
        theirs.write_text(theirs.read_text(encoding="utf-8").replace("Een robot aan het werk", "Hun versie"),
                          encoding="utf-8")
        git(editor, "commit", "-q", "-am", "their caption")
        git(editor, "push", "-q")
        draft.write_text(draft.read_text(encoding="utf-8").replace("Een robot aan het werk", "Mijn versie"),
                         encoding="utf-8")
    before = git(team.remote, "rev-parse", "main")
    told = pipeline(anna, "reject", NAME, "--reason", "nog niet")
    waits = [line for line in told.stderr.splitlines() if line.startswith("waits:")]
    assert len(waits) == 1 and WAITS in waits[0] and waits[0].endswith(NEXT_SYNC), told.stderr
    if hostile == "pre-receive fails":
        assert "pre-receive hook declined" in waits[0]
    if hostile == "same file changed":
        assert f"drafts/{NAME}.md: changed here and on origin/main" in waits[0]
        assert "Mijn versie" in draft.read_text(encoding="utf-8")
    assert git(team.remote, "rev-parse", "main") == before  # nothing half-sent
    assert_not_mid_rebase(anna)
    assert git(anna, "log", "-1", "--format=%s") == f"rejected drafts/{NAME}.md"
    assert decisions_in(git(anna, "show", "HEAD:.pipeline/journal.jsonl"), "rejected", "anna")
    assert draft_state(anna)["state"] == "rejected"
    if hostile == "same file changed":
        return  # a person merges it: sync names the file, as it always did
    for hook in ("pre-receive", "update"):
        (team.remote / "hooks" / hook).unlink(missing_ok=True)
    git(anna, "remote", "set-url", "origin", str(team.remote))
    assert "1 sent" in pipeline(anna, "sync").stdout
    assert decisions_in(remote_journal(team), "rejected", "anna")


# What a clone's git may be set to push besides its branch: none of it ever leaves the machine.
PUSH_SETTINGS = {
    "push.default": ["matching", "current", "upstream", "nothing", None],
    "remote.origin.push": ["refs/heads/*:refs/heads/*", "+refs/*:refs/*", "refs/tags/*:refs/tags/*", None],
    "push.followTags": ["true", None],
    "remote.origin.mirror": ["true", None],
}


def test_a_decision_never_pushes_another_branch_or_a_tag_and_never_leaves_a_rebase(team: Team) -> None:
    team.scraped_draft()
    anna = team.clone("anna")
    git(anna, "checkout", "-q", "-b", "geheim")
    (anna / "geheim.txt").write_text("niet voor de redactie\n", encoding="utf-8")
    git(anna, "add", "geheim.txt")
    git(anna, "commit", "-q", "-m", "a private branch")
    git(anna, "tag", "-a", "-m", "private", "prive")
    git(anna, "checkout", "-q", "main")
    git(anna, "tag", "-a", "-m", "private too", "ook-prive")
    counter = iter(range(1000))

    @settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.fixed_dictionaries({key: st.sampled_from(values) for key, values in PUSH_SETTINGS.items()}))
    def decide_with(chosen: dict[str, str | None]) -> None:
        for key, value in chosen.items():
            subprocess.run(["git", "config", "--unset-all", key], cwd=anna, check=False)
            if value is not None:
                git(anna, "config", key, value)
        reason = f"reden {next(counter)}"
        told = pipeline(anna, "reject", NAME, "--reason", reason)
        refs = git(team.remote, "for-each-ref", "--format=%(refname)").split()
        assert refs == ["refs/heads/main"], (chosen, refs)
        assert_not_mid_rebase(anna)
        assert reason in git(anna, "show", "HEAD:.pipeline/journal.jsonl")  # never lost here
        if chosen["remote.origin.mirror"]:  # git will not push one branch to a mirror: it waits, said
            assert "waits:" in told.stderr, told
        else:
            assert "sent: the decision is on origin/main" in told.stdout, (chosen, told)
            assert reason in remote_journal(team)

    decide_with()


def test_the_desk_says_at_once_that_its_decision_will_not_count_in_the_words_approve_uses(team: Team) -> None:
    from pipeline.store.team import attach
    from tests.desk.test_desk import decide, signed_in

    team.scraped_draft()
    anna = team.clone("anna", key="eve")  # anna's name, a key the list does not hold
    desk, client = signed_in(anna, "anna")
    attach(desk.workspace, desk.config)  # as `pipeline desk` does when it reads the config
    shown = html.unescape(re.sub(r"<[^>]+>", " ", decide(client, NAME, "approve")))
    assert "does not count: recorded, but it will not count: commit " in shown, shown
    said = re.search(r"does not count: (recorded, but it will not count: .*?or ask the machine's owner)", shown)
    assert said is not None, shown
    told = pipeline(anna, "reject", NAME, "--reason", "nee", code=1)  # the command line, the same clone and key
    line = next(line for line in told.stdout.splitlines() if line.startswith("does not count"))
    commit = re.compile(r"commit [0-9a-f]{12}")
    assert commit.sub("commit C", said[1]) in commit.sub("commit C", line), (said[1], line)
