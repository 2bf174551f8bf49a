"""`pipeline show`: one article whole; `ingest --explain` on a file ingested before: read again, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import EXAMPLE_DRAFT_NAME, EXAMPLE_RAW
from tests.helpers import cli

DRAFT = f"drafts/{EXAMPLE_DRAFT_NAME}"


def _tree(root: Path) -> dict[str, bytes]:
    """Every file's bytes, but the lock's (which says who held it last, and when)."""
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*"))
            if path.is_file() and path != root / ".pipeline" / "lock"}


def test_show_gives_fields_problems_evidence_and_history_together(workspace: Path) -> None:
    assert cli(workspace, "ingest").exit_code == 0
    before = _tree(workspace)
    result = cli(workspace, "show", "2026-02-11-kunst")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.splitlines()[0].startswith(f"{DRAFT} (invalid: cover.image")
    assert "iso date: line 1: header 'date 2026-02-11'" in out  # where the date came from
    assert "[required] is missing or empty" in out  # the cover's problems, on their fields
    assert "\tingested\t" in out  # its history
    assert _tree(workspace) == before  # shows only


def test_show_as_json_carries_each_field_with_its_problems_and_evidence(workspace: Path) -> None:
    assert cli(workspace, "ingest").exit_code == 0
    shown = json.loads(cli(workspace, "show", DRAFT, "--json").stdout)
    fields = {row["key"]: row for row in shown["fields"]}
    assert fields["lang"]["value"] == "nl" and fields["lang"]["evidence"].startswith("langdetect")
    assert [p["code"] for p in fields["cover.image"]["problems"]] == ["required"]
    assert shown["state"]["state"] == "invalid" and shown["history"][0]["action"] == "ingested"


def test_show_of_a_published_article_and_of_no_article(workspace: Path) -> None:
    published = cli(workspace, "show", "ai-verandert")
    assert published.exit_code == 0 and "published" in published.stdout.splitlines()[0]
    missing = cli(workspace, "show", "bestaat-niet")
    assert missing.exit_code == 2 and len(missing.stderr.strip().splitlines()) == 1
    for hostile in ("x" * 300, "", "drafts/", "\x1b[2J"):
        result = cli(workspace, "show", hostile)
        assert result.exit_code == 2 and "Traceback" not in result.output and "\x1b" not in result.output


def test_explain_of_a_file_ingested_before_reads_it_again_and_writes_nothing(workspace: Path) -> None:
    assert cli(workspace, "ingest").exit_code == 0
    before = _tree(workspace)
    result = cli(workspace, "ingest", "--explain", str(workspace / "raw" / EXAMPLE_RAW.name))
    assert result.exit_code == 0, result.output
    assert f"{DRAFT}:" in result.stdout
    assert "line 1: header 'date 2026-02-11'" in result.stdout
    assert _tree(workspace) == before
    as_json = json.loads(cli(workspace, "ingest", "--explain", "--json",
                             str(workspace / "raw" / EXAMPLE_RAW.name)).stdout)
    assert as_json[0]["status"] == "skipped" and "nothing written" in as_json[0]["reason"]
    assert as_json[0]["evidence"][DRAFT]["lang"].startswith("langdetect")
