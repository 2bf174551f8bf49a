"""`pipeline init`: the folders, a .gitignore for the caches, and a pipeline.toml with every default."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.model.config import DEFAULT_CONFIG, parse_config
from pipeline.model.config_text import render_config
from pipeline.model.vocabularies import config_with_vocabulary
from tests.helpers import ENV


def init(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["init", *args], env=ENV)
    return result.exit_code, result.stdout, result.stderr


def test_init_makes_the_folders_the_gitignore_and_the_config(tmp_path: Path) -> None:
    root = tmp_path / "newsroom"
    code, out, err = init(str(root))
    assert code == 0, err
    assert {p.name for p in root.iterdir()} == {"raw", "drafts", "published", ".pipeline", ".gitignore",
                                                ".gitattributes", "pipeline.toml"}
    assert out.splitlines()[:7] == ["made\traw/", "made\tdrafts/", "made\tpublished/", "made\t.pipeline/",
                                    "made\t.gitignore", "made\t.gitattributes", "made\tpipeline.toml"]
    text = (root / "pipeline.toml").read_text(encoding="utf-8")
    news, header = config_with_vocabulary("news")  # a general newsroom's vocabulary unless asked otherwise
    assert text == render_config(news, header)
    assert replace(parse_config(text), source="defaults") == news
    assert [line for line in (root / ".gitignore").read_text().splitlines() if not line.startswith("#")] == \
        ["/.pipeline/*", "!/.pipeline/journal.jsonl", "/raw/*", "!/raw/.gitkeep"]
    assert (root / ".gitattributes").read_text() == "/.pipeline/journal.jsonl merge=union\n"


def test_init_in_the_current_folder_then_commands_find_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert init()[0] == 0
    result = CliRunner().invoke(app, ["status"], env=ENV)
    assert result.exit_code == 0 and "raw waiting\t0" in result.stdout


def test_init_never_overwrites_a_pipeline_toml(tmp_path: Path) -> None:
    (tmp_path / "pipeline.toml").write_text("timezone = 'UTC'\n")
    code, out, err = init(str(tmp_path))
    assert code == 2
    assert err == f"error: {tmp_path}/pipeline.toml: already exists; `pipeline init` never overwrites it\n"
    assert out == ""
    assert [p.name for p in tmp_path.iterdir()] == ["pipeline.toml"]  # refused before anything was made
    assert (tmp_path / "pipeline.toml").read_text() == "timezone = 'UTC'\n"


def test_init_adds_its_lines_to_an_existing_gitignore_once(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("*.pyc")
    assert init(str(tmp_path))[0] == 0
    lines = (tmp_path / ".gitignore").read_text().splitlines()
    assert lines[0] == "*.pyc" and "/.pipeline/*" in lines
    (tmp_path / "pipeline.toml").unlink()
    code, out, _ = init(str(tmp_path))
    assert code == 0 and ".gitignore" not in out
    assert (tmp_path / ".gitignore").read_text().splitlines() == lines


def test_git_ignores_the_caches_lock_and_record_but_keeps_the_journal(tmp_path: Path) -> None:
    assert init(str(tmp_path))[0] == 0
    state = tmp_path / ".pipeline"
    for name in ("lock", "journal.jsonl", "ingested.json", "validate-drafts.json", "review-drafts.json"):
        (state / name).write_text("{}")
    (state / "preview").mkdir()
    (state / "preview" / "index.html").write_text("")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    listed = subprocess.run(["git", "status", "--porcelain", "-uall"], cwd=tmp_path, capture_output=True,
                            text=True, check=True).stdout.split()
    assert ".pipeline/journal.jsonl" in listed  # the history, shared; the record is remade from it
    assert not any(name.startswith(".pipeline/") and name != ".pipeline/journal.jsonl" for name in listed)


def test_init_offers_the_example_sites_vocabulary_and_refuses_an_unknown_one(tmp_path: Path) -> None:
    code, _, err = init(str(tmp_path / "example"), "--vocabulary", "example")
    assert code == 0, err
    text = (tmp_path / "example" / "pipeline.toml").read_text(encoding="utf-8")
    assert replace(parse_config(text), source="defaults") == DEFAULT_CONFIG
    code, _out, err = init(str(tmp_path / "bad"), "--vocabulary", "sport\x1b[2J")
    assert code == 2 and err.count("\n") == 1 and "\x1b" not in err and "is not one of example, news" in err
    assert not (tmp_path / "bad").exists()


def test_init_prints_a_folder_name_with_control_characters_escaped(tmp_path: Path) -> None:
    root = tmp_path / "nieuws\x1b[31mrood\x07\u202e"
    code, out, err = init(str(root))
    assert code == 0, err
    assert root.is_dir()
    last = out.splitlines()[-1]
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "nieuws\\x1b[31mrood\\x07\\u202e" in last and last.startswith("init: workspace ready in ")


def test_git_add_all_never_takes_the_scraped_pages(tmp_path: Path) -> None:
    assert init(str(tmp_path))[0] == 0
    (tmp_path / "raw" / "feed").mkdir()
    for name in ("a.txt", "feed/b.html", ".hidden"):
        (tmp_path / "raw" / name).write_text("Gescrapete pagina\n")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    staged = subprocess.run(["git", "diff", "--cached", "--name-only"], cwd=tmp_path, capture_output=True,
                            text=True, check=True).stdout.split()
    assert "pipeline.toml" in staged and [name for name in staged if name.startswith("raw/")] == ["raw/.gitkeep"]


def test_a_fresh_clone_without_raw_works(tmp_path: Path) -> None:
    from tests.conftest import run_installed

    origin = tmp_path / "origin"
    assert init(str(origin))[0] == 0
    (origin / "raw" / "a.txt").write_text("Gescrapete pagina\n")
    subprocess.run(["git", "init", "-q", str(origin)], check=True)
    subprocess.run(["git", "add", "-A"], cwd=origin, check=True)
    subprocess.run(["git", "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-q", "-m", "ws"], cwd=origin,
                   check=True)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True)
    assert sorted(p.name for p in (clone / "raw").iterdir()) == [".gitkeep"]  # a scraper can write at once
    status = run_installed("status", cwd=clone)
    assert status.returncode == 0 and "raw waiting\t0" in status.stdout, status.stdout + status.stderr
    (clone / "raw" / "b.txt").write_text("Nieuwe pagina over de haven van Rotterdam.\n")
    ran = run_installed("ingest", cwd=clone)
    assert ran.returncode == 0 and "raw/b.txt" in ran.stdout and ".gitkeep" not in ran.stdout, ran.stdout
