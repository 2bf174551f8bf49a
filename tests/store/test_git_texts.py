"""An article's earlier texts found in git's history by the hash the journal names, and nothing else."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from pipeline.store.git import Git
from pipeline.store.git_texts import canonical_text, text_in_history

FIRST = '---\ntitle: "Eerste"\n---\n\nDe eerste tekst.\n'
SECOND = "---\ntitle:   'Tweede'\n---\n\nDe tweede tekst.\n"  # not in house style: its canonical form is hashed


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def repository(root: Path) -> Git:
    root.mkdir()
    for args in (["init", "-q", "-b", "main"], ["config", "user.name", "t"], ["config", "user.email", "t@x"]):
        subprocess.run(["git", *args], cwd=root, check=True)
    (root / "drafts").mkdir()
    for text in (FIRST, SECOND):
        (root / "drafts" / "a.md").write_text(text, encoding="utf-8")
        subprocess.run(["git", "add", "-A"], cwd=root, check=True)
        subprocess.run(["git", "commit", "-q", "-m", "x"], cwd=root, check=True)
    (root / "drafts" / "a.md").write_text("nu anders, niet gecommit\n", encoding="utf-8")
    return Git(root)


def test_a_version_is_found_by_its_hash_as_written_or_canonical(tmp_path: Path) -> None:
    git = repository(tmp_path / "repo")
    path = tmp_path / "repo" / "drafts" / "a.md"
    assert text_in_history(git, path, sha(FIRST)) == canonical_text(FIRST)
    assert text_in_history(git, path, sha(canonical_text(SECOND)), oldest_first=True) == canonical_text(SECOND)
    assert canonical_text(SECOND) != SECOND
    assert text_in_history(git, path, sha("nu anders, niet gecommit\n")) is None  # only what was committed
    subprocess.run(["git", "commit", "-q", "-am", "y"], cwd=tmp_path / "repo", check=True)
    later = "nu anders, niet gecommit\n"
    assert text_in_history(git, path, sha(later)) == canonical_text(later)  # committed now (a pull): found
    assert text_in_history(git, path, "0" * 64) is None


def test_a_hostile_digest_or_name_finds_nothing(tmp_path: Path) -> None:
    git = repository(tmp_path / "repo")
    root = tmp_path / "repo"
    for digest in ("", "HEAD", "--all", sha(FIRST).upper(), sha(FIRST) + "\n", "../" + sha(FIRST)):
        assert text_in_history(git, root / "drafts" / "a.md", digest) is None
    for name in (":(glob)drafts/*", "drafts/*.md", "drafts", "-p", "drafts/a.md\nx"):
        assert text_in_history(git, root / name, sha(FIRST)) is None  # a name is a path, never a pattern
    assert text_in_history(git, tmp_path / "elders.md", sha(FIRST)) is None  # outside the work tree
