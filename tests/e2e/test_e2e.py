"""The installed `pipeline` command, run as a user would, in a temporary copy of the example workspace."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pipeline.model.article import parse_article
from tests.conftest import EXAMPLE_DRAFT_NAME, run_installed


def test_installed_command_ingests_the_example(workspace: Path) -> None:
    result = run_installed("ingest", cwd=workspace)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert f"drafts/{EXAMPLE_DRAFT_NAME}" in result.stdout

    article = parse_article((workspace / "drafts" / EXAMPLE_DRAFT_NAME).read_text(encoding="utf-8"))
    assert article.meta["title"] == "Kunstmatige intelligentie verandert de arbeidsmarkt razendsnel"
    assert article.meta["date"] == "2026-02-11T00:00:00+01:00"
    assert article.meta["sectie"] == "werk"
    assert article.meta["lang"] == "nl"
    assert article.meta["draft"] is True
    assert [line for line in article.body.splitlines() if line.startswith("## ")] == [
        "## Van academisch redacteur naar bakker",
        "## Vluchten naar ‘AI-proof’ werk",
        "## Aanpassen of afhaken",
        "## Mens blijft nodig",
    ]

    again = run_installed("ingest", cwd=workspace)
    assert again.returncode == 0
    assert again.stdout.strip().endswith("ingest: 1 skipped")


def test_python_dash_m_and_status(workspace: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "pipeline", "status"], cwd=workspace, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "raw waiting\t1" in result.stdout


def test_internal_errors_never_show_a_traceback(workspace: Path) -> None:
    # A journal that is a folder is the workspace's problem: one line that says so, exit 2.
    (workspace / ".pipeline").mkdir()
    (workspace / ".pipeline" / "journal.jsonl").mkdir()
    result = run_installed("ingest", cwd=workspace)
    assert result.returncode == 2 and "journal.jsonl: is not a plain file" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    # A bug deep inside (made here by breaking a function the command calls): one line, exit 70.
    script = ("import sys, pipeline.stages.ingest as stage\n"
              "def broken(*args, **kwargs): raise KeyError('deep inside')\n"
              "stage.run_ingest = broken\n"
              "from pipeline.cli import main\n"
              "sys.argv = ['pipeline', 'ingest']\n"
              "main()\n")
    (workspace / ".pipeline" / "journal.jsonl").rmdir()
    env = {key: value for key, value in os.environ.items() if key != "PIPELINE_DEBUG"}
    bug = subprocess.run([sys.executable, "-c", script], cwd=workspace, capture_output=True, text=True,
                         timeout=60, check=False, env=env)
    assert bug.returncode == 70, bug.stderr
    assert bug.stderr == "error: internal error: KeyError: 'deep inside' (run with PIPELINE_DEBUG=1 for details)\n"


def test_the_installed_command_has_version_short_help_and_a_bare_help(tmp_path: Path) -> None:
    from pipeline import __version__

    version = run_installed("--version", cwd=tmp_path)
    assert (version.returncode, version.stdout) == (0, f"pipeline {__version__}\n")
    bare = run_installed(cwd=tmp_path)
    assert bare.returncode == 0 and "Usage:" in bare.stdout and "ingest" in bare.stdout
    short = run_installed("-h", cwd=tmp_path)
    assert short.returncode == 0 and short.stdout == bare.stdout
    assert list(tmp_path.iterdir()) == []  # asking for help makes no workspace


def test_the_installed_approve_normalises_first_and_cron_keeps_the_approval(tmp_path: Path) -> None:
    from tests.helpers import draft_text, make_draft

    (tmp_path / "pipeline.toml").write_text("", encoding="utf-8")
    lines = draft_text().split("\n")
    lines.insert(1, lines.pop(lines.index('doelgroep: "BESLISSER"')))
    make_draft(tmp_path, "a", "\n".join(lines))
    approved = run_installed("approve", "a", "--by", "anna", cwd=tmp_path)
    assert approved.returncode == 0 and "normalised first" in approved.stdout, approved.stderr
    assert run_installed("normalise", "--check", cwd=tmp_path).returncode == 0
    history = run_installed("history", "a", cwd=tmp_path).stdout
    assert history.index("normalised") < history.index("approved")


def test_the_agency_and_the_author_survive_publishing_with_the_installed_command(tmp_path: Path) -> None:
    from tests.helpers import draft_text, make_draft

    (tmp_path / "pipeline.toml").write_text("", encoding="utf-8")
    source = {"file": "raw/anp.txt", "sha256": "1" * 64, "author": "Jan Jansen", "origin": "ANP"}
    make_draft(tmp_path, "anp", draft_text(title="Kabinet valt over stikstof", source=source))
    assert run_installed("approve", "anp", "--by", "anna", cwd=tmp_path).returncode == 0
    promoted = run_installed("promote", cwd=tmp_path)
    assert promoted.returncode == 0, promoted.stdout + promoted.stderr
    published = parse_article((tmp_path / "published" / "anp.md").read_text(encoding="utf-8"))
    assert published.meta["credit"] == "Jan Jansen / ANP"
    assert "source" not in published.meta
    assert run_installed("validate", "--published", cwd=tmp_path).returncode == 0
    assert run_installed("preview", cwd=tmp_path).returncode == 0  # the site's layout shows the credit
    page = (tmp_path / ".pipeline" / "preview" / "anp" / "index.html").read_text(encoding="utf-8")
    assert '<span class="credit">Jan Jansen / ANP</span>' in page


def test_status_json_and_errors_as_json_with_the_installed_command(tmp_path: Path) -> None:
    import json

    from tests.helpers import draft_text, make_draft

    workspace = tmp_path / "ws"
    workspace.mkdir()
    (workspace / "pipeline.toml").write_text("", encoding="utf-8")
    make_draft(workspace, "a", draft_text(cover={"image": "", "alt": "", "caption": ""}))
    make_draft(workspace, "b")
    status = json.loads(run_installed("status", "--json", cwd=workspace).stdout)
    assert all(key == key.lower() and " " not in key for key in status["counts"])
    blocks = {d["draft"]: d["blocks"] for d in status["drafts"]}
    assert {(b["code"], b["field"]) for b in blocks["drafts/a.md"]} == {
        ("required", "cover.image"), ("required", "cover.alt"), ("required", "cover.caption")}
    assert [b["code"] for b in blocks["drafts/b.md"]] == ["awaiting-review"]
    outside = tmp_path / "nowhere"
    outside.mkdir()
    failed = run_installed("status", "--json", cwd=outside)
    assert failed.returncode == 2 and failed.stdout == ""
    assert json.loads(failed.stderr) == {"error": json.loads(failed.stderr)["error"], "exit": 2}
    assert "not a pipeline workspace" in json.loads(failed.stderr)["error"]
