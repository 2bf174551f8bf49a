"""The team across machines, with real git and real ssh-keygen: a bare remote and clones for cron, an
editor and reviewers, each running the installed `pipeline` command in its own clone."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import installed_command, settle_raw
from tests.stages.test_updates import NAME, raw_page

ALLOWED = "reviewers.allowed_signers"


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, (args, done.stderr)
    return done.stdout.strip()


def pipeline(cwd: Path, *args: str, code: int | None = 0) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PIPELINE_ACTOR": cwd.name, "COLUMNS": "200", "GIT_TERMINAL_PROMPT": "0"}
    done = subprocess.run([*installed_command(), *args], cwd=cwd, capture_output=True, text=True, env=env,
                          timeout=300, check=False)
    if code is not None:
        assert done.returncode == code, (args, done.stdout, done.stderr)
    return done


class Team:
    """A bare remote, and a clone for each person or machine, with its git identity and signing key."""

    def __init__(self, base: Path, approvals: int = 1, principals: dict[str, str] | None = None) -> None:
        self.base = base
        self.remote = base / "remote.git"
        subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(self.remote)], check=True)
        keys = base / "keys"
        keys.mkdir()
        for name in ("anna", "bob", "eve"):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(keys / name)],
                           check=True)
        cron = self.clone("cron", sign=False)
        assert pipeline(cron, "init", ".").returncode == 0
        principals = principals or {"anna": "anna", "bob": "bob"}  # eve's key is nobody's
        listed = "".join(f"{principal} {self.key(name)}\n" for name, principal in principals.items())
        (cron / ALLOWED).write_text(listed, encoding="utf-8")
        config = (cron / "pipeline.toml").read_text(encoding="utf-8")
        config = config.replace("signed = false", "signed = true").replace('allowed_signers = ""',
                                                                             f'allowed_signers = "{ALLOWED}"')
        config = config.replace("approvals_required = 1", f"approvals_required = {approvals}")
        (cron / "pipeline.toml").write_text(config, encoding="utf-8")
        git(cron, "add", "-A")
        git(cron, "commit", "-q", "-m", "the newsroom's workspace")
        git(cron, "push", "-q", "-u", "origin", "main")

    def key(self, name: str) -> str:
        return " ".join((self.base / "keys" / f"{name}.pub").read_text().split()[:2])

    def clone(self, name: str, sign: bool = True, key: str | None = None, user: str | None = None) -> Path:
        path = self.base / name
        subprocess.run(["git", "clone", "-q", str(self.remote), str(path)], check=True, capture_output=True)
        git(path, "config", "user.name", user or name)
        git(path, "config", "user.email", f"{name}@example.org")
        if sign:
            git(path, "config", "gpg.format", "ssh")
            git(path, "config", "user.signingkey", str(self.base / "keys" / (key or name)))
        return path

    def remote_has(self, path: str) -> bool:
        listed = subprocess.run(["git", "ls-tree", "-r", "--name-only", "main"], cwd=self.remote, capture_output=True,
                                text=True, check=True).stdout.split()
        return path in listed

    def scraped_draft(self) -> Path:
        """A page scraped on cron, ingested and synced as its draft: cron's clone."""
        cron = self.base / "cron"
        scrape(cron)
        pipeline(cron, "run", "--sync")
        return cron

    def approved_draft(self) -> tuple[Path, Path]:
        """A page scraped and ingested on cron, approved by anna on her clone and synced: (cron, anna)."""
        return self.scraped_draft(), self.approved_by("anna")

    def approved_by(self, name: str, user: str | None = None) -> Path:
        """The draft approved on a new clone of `name`'s (git's user.name `user`, else `name`) and synced:
        the clone."""
        path = self.clone(name, user=user)
        pipeline(path, "approve", NAME)
        pipeline(path, "sync")
        return path


def scrape(cron: Path, name: str = "a.md", body: str | None = None) -> None:
    (cron / "raw" / name).write_text(body or raw_page(), encoding="utf-8")
    settle_raw(cron)


@pytest.fixture
def team(tmp_path: Path) -> Team:
    return Team(tmp_path)


def test_the_life_of_an_article_across_machines(team: Team) -> None:
    cron = team.base / "cron"
    scrape(cron)
    run = pipeline(cron, "run", "--sync")
    assert "sync:" in run.stdout and team.remote_has(f"drafts/{NAME}.md")
    editor = team.clone("editor", sign=False)
    draft = editor / "drafts" / f"{NAME}.md"
    draft.write_text(draft.read_text(encoding="utf-8").replace("Een robot aan het werk", "Een robot op kantoor"),
                     encoding="utf-8")
    git(editor, "commit", "-q", "-am", "caption")
    assert "1 sent" in pipeline(editor, "sync").stdout
    anna = team.clone("anna")
    approved = pipeline(anna, "approve", NAME)
    assert "approved" in approved.stdout
    head = git(anna, "log", "-1", "--format=%an %G? %s", "--", ".pipeline/journal.jsonl")
    assert head.startswith("anna ") and " approved drafts/" in head
    assert git(anna, "status", "--porcelain") == ""  # the decision is committed, and only it
    pipeline(anna, "sync")
    published = pipeline(cron, "run", "--sync")
    assert f"promoted\tdrafts/{NAME}.md" in published.stdout, published.stdout
    assert team.remote_has(f"published/{NAME}.md") and not team.remote_has(f"drafts/{NAME}.md")
    history = pipeline(anna, "history", NAME, code=None)
    assert history.returncode == 0


def test_a_name_typed_for_someone_else_is_refused(team: Team) -> None:
    team.scraped_draft()
    anna = team.clone("anna")
    refused = pipeline(anna, "approve", NAME, "--by", "bob", code=2)
    assert "git knows you as anna" in refused.stderr


def test_two_reviewers_approving_at_once_both_count(tmp_path: Path) -> None:
    team = Team(tmp_path, approvals=2)
    cron = team.scraped_draft()
    anna, bob = team.clone("anna"), team.clone("bob")
    assert "sent: the decision is on origin/main" in pipeline(anna, "approve", NAME).stdout
    second = pipeline(bob, "approve", NAME)  # rebased on anna's decision: the journal merges line by line
    assert "sent: the decision is on origin/main, after taking 1 commit(s) from it" in second.stdout, second
    run = pipeline(cron, "run", "--sync")
    assert f"promoted\tdrafts/{NAME}.md" in run.stdout, run.stdout
    assert team.remote_has(f"published/{NAME}.md")


def _hand_made_decision(clone: Path, by: str, message: str, sign: bool) -> None:
    """An approval line written into the journal by hand and committed with plain git."""
    journal = clone / ".pipeline" / "journal.jsonl"
    last = json.loads(journal.read_text(encoding="utf-8").splitlines()[-1])
    review = pipeline(clone, "review", "--json").stdout
    current = next(d for d in json.loads(review) if d["draft"] == f"drafts/{NAME}.md")["hash"]
    line = {"time": last["time"], "action": "approved", "article": f"drafts/{NAME}.md", "by": by, "hash": current}
    with journal.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(line) + "\n")
    git(clone, "add", ".pipeline/journal.jsonl")
    git(clone, "commit", "-q", *(["-S"] if sign else ["--no-gpg-sign"]), "-m", message)


@pytest.mark.parametrize(("how", "why"), [
    ("unsigned", "is not signed"),
    ("unlisted key", "is signed by a key (SHA256:"),
    ("another reviewer's key", "is signed by bob's key, not by anna's"),
    ("by hand", "was made by editing the journal by hand"),
])
def test_a_decision_that_is_not_signed_by_its_reviewer_does_not_count(team: Team, how: str, why: str) -> None:
    cron = team.scraped_draft()
    if how in ("unlisted key", "another reviewer's key"):
        clone = team.clone("anna", key="eve" if how == "unlisted key" else "bob")  # anna's name, another key
        told = pipeline(clone, "approve", NAME, code=1)  # said at once: it will not count
        assert "recorded, but it will not count" in told.stdout and why in told.stdout, told.stdout
    elif how == "unsigned":
        clone = team.clone("anna")
        _hand_made_decision(clone, "anna", "approved drafts/x\n\nPipeline-Decision: approved", sign=False)
    else:
        clone = team.clone("anna")
        _hand_made_decision(clone, "anna", "a hand-made approval", sign=True)
    pipeline(clone, "sync")
    run = pipeline(cron, "run", "--sync")
    assert "promoted" not in run.stdout
    review = pipeline(cron, "review", "--json").stdout
    state = next(d for d in json.loads(review) if d["draft"] == f"drafts/{NAME}.md")
    assert state["state"] == "awaiting review"
    assert any(why in note and "does not count" in note for note in state["past"]), state["past"]
    status = json.loads(pipeline(cron, "status", "--json").stdout)
    assert any(line.startswith("decisions on 1 draft(s) do not count") for line in status["next"]), status["next"]


def test_an_edit_on_another_machine_voids_an_approval(team: Team) -> None:
    cron = team.scraped_draft()
    anna, editor = team.clone("anna"), team.clone("editor", sign=False)
    pipeline(anna, "approve", NAME)
    pipeline(anna, "sync")
    pipeline(editor, "sync")
    draft = editor / "drafts" / f"{NAME}.md"
    draft.write_text(draft.read_text(encoding="utf-8") + "\nEen zin erbij.\n", encoding="utf-8")
    git(editor, "commit", "-q", "-am", "a sentence more")
    pipeline(editor, "sync")
    run = pipeline(cron, "run", "--sync")
    assert "promoted" not in run.stdout
    assert "edited after approval by anna" in pipeline(cron, "review").stdout


def test_two_cron_machines_at_once_publish_each_article_once(team: Team) -> None:
    cron, _anna = team.approved_draft()
    other = team.clone("cron2", sign=False)
    env = {**os.environ, "COLUMNS": "200"}
    runs = [subprocess.Popen([*installed_command(), "run", "--sync"], cwd=where, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for where in (cron, other)]
    for process in runs:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, (out, err)
    pipeline(cron, "sync")
    pipeline(other, "sync")
    assert team.remote_has(f"published/{NAME}.md") and not team.remote_has(f"drafts/{NAME}.md")
    for clone in (cron, other):
        assert sorted(p.name for p in (clone / "published").glob("*.md")) == [f"{NAME}.md"]
        assert not list((clone / "drafts").glob("*.md"))


def test_a_draft_edited_on_two_machines_stops_sync_with_the_file_named_and_nothing_lost(team: Team) -> None:
    team.scraped_draft()
    first, second = team.clone("editor", sign=False), team.clone("erik", sign=False)
    for clone, words in ((first, "Eerste versie."), (second, "Tweede versie.")):
        draft = clone / "drafts" / f"{NAME}.md"
        draft.write_text(draft.read_text(encoding="utf-8").replace("Een robot aan het werk", words), encoding="utf-8")
        git(clone, "commit", "-q", "-am", words)
    pipeline(first, "sync")
    stopped = pipeline(second, "sync", code=1)
    assert f"drafts/{NAME}.md: changed here and on origin/main" in stopped.stderr
    assert "Tweede versie." in (second / "drafts" / f"{NAME}.md").read_text(encoding="utf-8")
    assert git(second, "log", "-1", "--format=%s") == "Tweede versie."
    assert not (Path(git(second, "rev-parse", "--absolute-git-dir")) / "rebase-merge").exists()


def test_a_sync_killed_at_random_points_is_recovered_by_the_next_with_nothing_lost(team: Team) -> None:
    cron = team.scraped_draft()
    other = team.clone("editor", sign=False)
    rng = random.Random(7)
    env = {**os.environ, "COLUMNS": "200"}
    for round_ in range(8):
        (other / f"notitie-{round_}.txt").write_text(f"{round_}\n", encoding="utf-8")
        git(other, "add", "-A")
        git(other, "commit", "-q", "-m", f"remote {round_}")
        git(other, "pull", "-q", "--rebase")
        git(other, "push", "-q")
        (cron / f"lokaal-{round_}.txt").write_text(f"{round_}\n", encoding="utf-8")
        git(cron, "add", "-A")
        git(cron, "commit", "-q", "-m", f"local {round_}")
        process = subprocess.Popen([*installed_command(), "sync"], cwd=cron, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.05, 0.6))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        finished = pipeline(cron, "sync")
        assert "sync:" in finished.stdout
        subjects = git(team.remote, "log", "--format=%s", "main").splitlines()
        for number in range(round_ + 1):
            assert subjects.count(f"remote {number}") == 1 and subjects.count(f"local {number}") == 1, subjects
        assert git(cron, "status", "--porcelain", "--untracked-files=no") == ""


def test_a_decision_made_at_the_desk_is_a_signed_commit_that_counts(team: Team) -> None:
    from pipeline.store.team import attach
    from tests.desk.test_desk import decide, signed_in

    cron = team.scraped_draft()
    anna = team.clone("anna")
    desk, client = signed_in(anna, "anna")
    attach(desk.workspace, desk.config)  # as `pipeline desk` does when it reads the config
    assert "approved" in decide(client, NAME, "approve")
    subject = git(anna, "-c", f"gpg.ssh.allowedSignersFile={anna / ALLOWED}", "log", "-1", "--format=%an|%G?|%s")
    assert subject == f"anna|G|approved drafts/{NAME}.md"
    pipeline(anna, "sync")
    assert f"promoted\tdrafts/{NAME}.md" in pipeline(cron, "run", "--sync").stdout
