"""Raw files that cannot become drafts: JSON without an article is broken input, and every new file
that fails is reported and journalled as itself, even when other files with its bytes failed before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.model.config import Config
from pipeline.reading.items import SourceError
from pipeline.reading.sources import read_source
from pipeline.store.workspace import Workspace
from tests.conftest import EXAMPLE_RAW
from tests.helpers import cli


@pytest.mark.parametrize("text", [
    "[[[[]]]]", "[[]]", "[[], []]", " \n[[[[]]]]\n", "[[1, 2], [3]]", '[["Een tekst"]]', "[1, 2, 3]",
    '["Een hele zin als tekst."]', "[null]", '{"items": [[]]}', "[[]]\n[[]]\n",
])
def test_json_without_an_article_object_is_broken_input(text: str) -> None:
    with pytest.raises(SourceError, match="JSON"):
        read_source(text, Config())


@pytest.mark.parametrize("text", ["[Update] De minister heeft gereageerd.\n", "[1] Een voetnoot en dan tekst.\n",
                                  "[[Wiki]] is een link in sommige tekst.\n"])
def test_a_text_that_starts_with_a_bracket_is_still_a_text(text: str) -> None:
    assert read_source(text, Config())[0].shape == "plain"


def test_nested_empty_lists_make_no_draft(workspace: Path) -> None:
    (workspace / "raw" / "leeg.json").write_text("[[[[]]]]")
    result = cli(workspace, "ingest")
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "leeg.json" in line]
    assert len(lines) == 1 and "JSON" in lines[0], result.stdout
    assert not any("[[[[" in path.read_text() for path in (workspace / "drafts").glob("*.md"))
    assert not list((workspace / "drafts").glob("*[[*"))


def _failed(root: Path) -> list[str]:
    return [str(item["source"]) for item in Workspace.open(root).read_journal()[0]
            if item.get("action") == "ingest-failed"]


def test_a_new_empty_file_is_reported_and_journalled_as_itself(workspace: Path) -> None:
    raw = workspace / "raw"
    (raw / "a-leeg.txt").write_bytes(b"")
    first = cli(workspace, "ingest")
    assert first.exit_code == 1
    assert "failed\traw/a-leeg.txt\tis empty" in first.stdout.splitlines()
    (raw / "b-leeg.txt").write_bytes(b"")
    (raw / "c-leeg.txt").write_bytes(b"")
    second = cli(workspace, "ingest")
    assert second.exit_code == 1  # b and c are new failures
    lines = second.stdout.splitlines()
    assert any(line.startswith("still bad\traw/a-leeg.txt\tis empty (unchanged since the last try") for line in lines)
    assert "failed\traw/b-leeg.txt\tis empty" in lines  # new: no "unchanged", though its bytes failed before
    assert "failed\traw/c-leeg.txt\tis empty" in lines  # in the same run as b: its own line too
    assert _failed(workspace) == ["raw/a-leeg.txt", "raw/b-leeg.txt", "raw/c-leeg.txt"]
    third = cli(workspace, "ingest")
    assert third.exit_code == 0  # each was said once: a cron run stays green
    assert all(line.startswith("still bad\t") for line in third.stdout.splitlines() if "leeg" in line)
    assert _failed(workspace) == ["raw/a-leeg.txt", "raw/b-leeg.txt", "raw/c-leeg.txt"]


def test_a_new_file_with_the_bytes_of_a_failed_one_is_journalled_even_without_the_record(workspace: Path) -> None:
    raw = workspace / "raw"
    (raw / "a-leeg.txt").write_bytes(b"")
    cli(workspace, "ingest")
    (workspace / ".pipeline" / "ingested.json").unlink()
    (raw / "b-leeg.txt").write_bytes(b"")
    result = cli(workspace, "ingest")
    assert "failed\traw/b-leeg.txt\tis empty" in result.stdout.splitlines()
    assert _failed(workspace) == ["raw/a-leeg.txt", "raw/b-leeg.txt"]


def test_a_bad_file_is_listed_by_status_until_set_aside_and_comes_back_when_it_changes(workspace: Path) -> None:
    raw = workspace / "raw"
    (raw / "leeg.txt").write_bytes(b"")
    assert cli(workspace, "ingest").exit_code == 1
    status = json.loads(cli(workspace, "status", "--json").stdout)
    assert status["raw_failed"] == ["raw/leeg.txt"] and status["counts"]["raw_failed"] == 1
    assert any("pipeline ingest --skip FILE" in action for action in status["next"])
    not_failed = cli(workspace, "ingest", "--skip", str(raw / EXAMPLE_RAW.name))
    assert not_failed.exit_code == 1 and "has not failed" in not_failed.stdout
    aside = cli(workspace, "ingest", "--skip", str(raw / "leeg.txt"))
    assert aside.exit_code == 0 and "skipped\traw/leeg.txt\tset aside until its bytes change" in aside.stdout
    assert json.loads(cli(workspace, "status", "--json").stdout)["raw_failed"] == []
    later = cli(workspace, "ingest")
    assert later.exit_code == 0 and "leeg" not in later.stdout  # set aside: a skipped file, not shown
    entries = [json.loads(line) for line in (workspace / ".pipeline" / "journal.jsonl").read_text().splitlines()]
    assert [e["action"] for e in entries if e.get("source") == "raw/leeg.txt"] == ["ingest-failed", "set-aside"]
    (raw / "leeg.txt").write_bytes(b"\n \n")  # changed, still bad: read again, said again
    again = cli(workspace, "ingest")
    assert again.exit_code == 1 and "failed\traw/leeg.txt" in again.stdout
