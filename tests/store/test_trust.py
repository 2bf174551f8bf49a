"""Who may sign, as a machine trusts it: hostile settings of the machine's own list."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.helpers import cli


@pytest.fixture
def signed_repo(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert cli(tmp_path, "init", str(tmp_path)).exit_code == 0
    config = tmp_path / "pipeline.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("signed = false", "signed = true")
                      .replace('allowed_signers = ""', 'allowed_signers = "reviewers.allowed_signers"'),
                      encoding="utf-8")
    return tmp_path


def _signers_notes(root: Path) -> list[str]:
    status = cli(root, "status", "--json")
    assert status.exit_code == 0, status.output
    return list(json.loads(status.stdout).get("signers", []))


@pytest.mark.parametrize("kind", ["pipe", "folder", "missing", "relative", "inside"])
def test_a_machine_list_that_is_no_file_outside_the_repository_is_said_and_never_blocks(
        signed_repo: Path, tmp_path_factory: pytest.TempPathFactory, kind: str) -> None:
    elsewhere = tmp_path_factory.mktemp("machine")
    path = {"pipe": elsewhere / "fifo", "folder": elsewhere, "missing": elsewhere / "nothing",
            "relative": Path("signers"), "inside": signed_repo / "reviewers.allowed_signers"}[kind]
    if kind == "pipe":
        os.mkfifo(path)
    if kind == "inside":
        path.write_text("anna ssh-ed25519 AAAA\n", encoding="utf-8")
    subprocess.run(["git", "config", "pipeline.allowedSigners", str(path)], cwd=signed_repo, check=True)
    notes = _signers_notes(signed_repo)
    assert len(notes) == 1 and "no decision counts" in notes[0], notes


def test_review_signed_once_seen_is_pinned_in_the_machine_s_git_config(signed_repo: Path) -> None:
    _signers_notes(signed_repo)
    pinned = subprocess.run(["git", "config", "--local", "pipeline.signed"], cwd=signed_repo, capture_output=True,
                            text=True, check=False).stdout.strip()
    assert pinned == "true"
