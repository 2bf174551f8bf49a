"""Which workspace a command acts on: --root, else the current folder or its nearest parent that is one;
read-only commands create nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from tests.helpers import ENV, cli, make_draft


def everything(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))


def here(*args: str) -> tuple[int, str, str]:
    """The command run in the current folder, without --root."""
    result = CliRunner().invoke(app, list(args), env=ENV)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", [["status"], ["review"], ["validate"], ["history"], ["schema"], ["ingest"],
                                     ["run"], ["normalise"], ["promote"]])
def test_outside_a_workspace_one_line_exit_2_and_nothing_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              command: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = here(*command)
    assert code == 2
    assert err == (f"error: not a pipeline workspace (no pipeline.toml or raw/ with .pipeline/ in {tmp_path} or its "
                   "parents); run `pipeline init`\n")
    assert out == ""
    assert everything(tmp_path) == []


def test_raw_alone_is_not_found_but_raw_beside_state_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "raw").mkdir()
    monkeypatch.chdir(tmp_path)
    assert here("status")[0] == 2
    (tmp_path / ".pipeline").mkdir()
    assert here("status")[0] == 0


def test_found_from_a_folder_below_the_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pipeline.toml").write_text("")
    make_draft(tmp_path, "een-artikel")
    below = tmp_path / "drafts" / "deeper"
    below.mkdir()
    monkeypatch.chdir(below)
    code, out, _ = here("status", "--json")
    assert code == 0 and json.loads(out)["counts"]["drafts"] == 1


@pytest.mark.parametrize("command", [["status"], ["status", "--json"], ["review", "--all"], ["validate"],
                                     ["validate", "--published"], ["history"], ["schema"],
                                     ["normalise", "--check"]])
def test_read_only_commands_create_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           command: list[str]) -> None:
    (tmp_path / "pipeline.toml").write_text("")
    make_draft(tmp_path, "een-artikel")
    before = everything(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, _, err = here(*command)
    assert code in (0, 1), err
    assert everything(tmp_path) == before


def test_validate_in_drafts_finds_the_workspace_above_and_makes_no_drafts_drafts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pipeline.toml").write_text("")
    make_draft(tmp_path, "een-artikel")
    before = everything(tmp_path)
    monkeypatch.chdir(tmp_path / "drafts")
    code, out, err = here("validate", "een-artikel.md")
    assert code == 0, out + err
    assert out.endswith("validate: 1 file(s), 0 with errors, 0 error(s), 0 warning(s)\n")
    assert everything(tmp_path) == before
    assert not (tmp_path / "drafts" / "drafts").exists()


def test_a_writing_command_makes_the_folders_at_the_workspace_root(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pipeline.toml").write_text("")
    (tmp_path / "notes").mkdir()
    monkeypatch.chdir(tmp_path / "notes")
    code, _, err = here("ingest")
    assert code == 0, err
    assert {"raw", "drafts", "published", ".pipeline"} <= {p.name for p in tmp_path.iterdir()}
    assert [p.name for p in (tmp_path / "notes").iterdir()] == []


def test_root_names_the_workspace_directly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    only_raw = tmp_path / "only-raw"
    (only_raw / "raw").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert cli(only_raw, "status").exit_code == 0  # --root accepts a folder with raw/ and nothing else
    assert everything(only_raw) == ["raw"]
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli(empty, "ingest")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: not a pipeline workspace") and "pipeline init" in result.stderr
    assert everything(empty) == []
    result = CliRunner().invoke(app, ["status"], env={**ENV, "PIPELINE_ROOT": str(only_raw)})
    assert result.exit_code == 0


def test_root_wins_over_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "pipeline.toml").write_text("")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "pipeline.toml").write_text("")
    make_draft(tmp_path / "b", "in-b")
    monkeypatch.chdir(tmp_path / "a")
    assert json.loads(cli(tmp_path / "b", "status", "--json").stdout)["counts"]["drafts"] == 1
    assert json.loads(here("status", "--json")[1])["counts"]["drafts"] == 0


def test_preview_writes_only_its_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert __import__("shutil").which("hugo") is not None, "hugo is needed (CI installs it, .ci/run)"
    (tmp_path / "pipeline.toml").write_text("")
    make_draft(tmp_path, "een-artikel")
    monkeypatch.chdir(tmp_path / "drafts")
    code, out, err = here("preview", "een-artikel")
    assert code == 0, out + err
    assert {p.name for p in tmp_path.iterdir()} == {"pipeline.toml", "drafts", ".pipeline"}  # no raw/, published/
    assert [p.name for p in (tmp_path / "drafts").iterdir()] == ["een-artikel.md"]
