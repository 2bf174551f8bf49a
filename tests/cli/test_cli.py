"""The CLI through typer's CliRunner: options, output faces, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import EXAMPLE_DRAFT_NAME, EXAMPLE_RAW
from tests.helpers import cli

ENV = {"COLUMNS": "200"}


def test_help_lists_the_commands(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"], env=ENV)
    assert result.exit_code == 0
    assert "ingest" in result.stdout and "status" in result.stdout


def test_no_arguments_prints_the_help_and_exits_0(runner: CliRunner) -> None:
    result = runner.invoke(app, [], env=ENV)
    assert result.exit_code == 0
    assert "Usage:" in result.stdout and "ingest" in result.stdout


def test_h_is_help(runner: CliRunner) -> None:
    assert runner.invoke(app, ["-h"], env=ENV).stdout == runner.invoke(app, ["--help"], env=ENV).stdout
    result = runner.invoke(app, ["ingest", "-h"], env=ENV)
    assert result.exit_code == 0 and "--explain" in result.stdout


def test_version(runner: CliRunner) -> None:
    from pipeline import __version__

    result = runner.invoke(app, ["--version"], env=ENV)
    assert (result.exit_code, result.stdout) == (0, f"pipeline {__version__}\n")


def test_ingest_with_root_prints_one_plain_line_per_file(runner: CliRunner, workspace: Path) -> None:
    result = cli(workspace, "ingest")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"ingested\traw/{EXAMPLE_RAW.name}\tdrafts/{EXAMPLE_DRAFT_NAME}"
    assert lines[-1] == "ingest: 1 ingested"


def test_root_from_environment(runner: CliRunner, workspace: Path) -> None:
    result = runner.invoke(app, ["ingest"], env={**ENV, "PIPELINE_ROOT": str(workspace)})
    assert result.exit_code == 0
    assert (workspace / "drafts" / EXAMPLE_DRAFT_NAME).exists()


def test_ingest_json(runner: CliRunner, workspace: Path) -> None:
    result = cli(workspace, "ingest", "--json")
    (item,) = json.loads(result.stdout)
    assert item["status"] == "ingested"
    assert item["drafts"] == [f"drafts/{EXAMPLE_DRAFT_NAME}"]
    assert item["evidence"][f"drafts/{EXAMPLE_DRAFT_NAME}"]["date"].startswith("iso date")


def test_ingest_explain_shows_the_evidence(runner: CliRunner, workspace: Path) -> None:
    result = cli(workspace, "ingest", "--explain")
    assert "line 1: header 'date 2026-02-11'" in result.stdout
    assert "langdetect, confidence" in result.stdout


def test_bad_config_exits_2_with_one_line(runner: CliRunner, workspace: Path) -> None:
    (workspace / "pipeline.toml").write_text("timezone = 'Mars/Olympus'\n")
    result = cli(workspace, "ingest")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: pipeline.toml: timezone: unknown time zone 'Mars/Olympus' (use an IANA name such as "
        "'Europe/Amsterdam')"
    )
    assert not (workspace / "drafts").exists() or not list((workspace / "drafts").iterdir())


def test_missing_root_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = cli(tmp_path / "missing", "status")
    assert result.exit_code == 2


def test_status_counts_and_json(runner: CliRunner, workspace: Path) -> None:
    result = cli(workspace, "status", "--json")
    before = json.loads(result.stdout)
    assert before["counts"]["raw_waiting"] == 1
    cli(workspace, "ingest")
    after = json.loads(cli(workspace, "status", "--json").stdout)
    assert after["counts"]["raw_waiting"] == 0
    assert after["counts"]["drafts"] == 1
    assert after["counts"]["published"] == 1


def test_locked_workspace_exits_3(runner: CliRunner, workspace: Path) -> None:
    from pipeline.store.workspace import Workspace

    with Workspace.open(workspace).lock(0, "test"):
        result = cli(workspace, "ingest")
    assert result.exit_code == 3
    assert "locked by" in result.stderr


def test_the_editors_guide_lists_every_command() -> None:
    import click
    import typer.main

    from tests.conftest import REPO

    readme = (REPO / "docs" / "editors.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    context = click.Context(group)
    # The commands as `pipeline --help` lists them: each module is imported only when its command is asked for.
    names = group.list_commands(context)  # type: ignore[attr-defined]
    assert "init" in names
    assert all(group.get_command(context, name) is not None for name in names)  # type: ignore[attr-defined]
    assert [name for name in names if f"| `pipeline {name}" not in readme] == []


def test_ingest_counts_the_drafts_a_json_lines_file_makes(workspace: Path) -> None:
    lines = "".join(f'{{"title": "Bericht {n}", "text": "Dit is de tekst van bericht {n}. Het gaat over werk."}}\n'
                    for n in range(3))
    (workspace / "raw" / "items.jsonl").write_text(lines, encoding="utf-8")
    (workspace / "raw" / "broken.jsonl").write_text('{"text": "a"}\n{"text": "b\n', encoding="utf-8")
    result = cli(workspace, "ingest")
    assert "ingest: 1 failed, 2 ingested (4 drafts)" in result.stdout.splitlines()
    assert "line 2 is not valid JSON (Unterminated string starting, at column 10)" in result.stdout


# Every command that reads pipeline.toml, with arguments it would otherwise take (init makes a workspace
# and its pipeline.toml, and never reads one).
CONFIG_COMMANDS = [
    ("ingest",), ("status",), ("review",), ("approve", "a", "--by", "anna"),
    ("reject", "a", "--by", "anna", "--reason", "nog niet af"), ("promote",),
    ("unpublish", "ai-verandert-banen-en-privacy", "--by", "anna", "--reason", "fout"), ("take-update", "a"),
    ("dismiss-update", "a"), ("history",), ("run",), ("preview",), ("normalise",), ("validate",), ("schema",),
    ("desk", "--no-browser"),
]
BAD_SETTING = "[ingest]\nmin_language_words = \"veel\"\n"
BAD_SETTING_LINE = ("error: pipeline.toml: ingest.min_language_words: expected a whole number, got a string "
                    "'veel'\n")


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("command", CONFIG_COMMANDS, ids=[command[0] for command in CONFIG_COMMANDS])
def test_a_bad_setting_stops_every_command_with_one_line_naming_the_key_and_exit_2(
        workspace: Path, command: tuple[str, ...]) -> None:
    from tests.helpers import make_draft

    make_draft(workspace, "a")
    assert cli(workspace, "ingest").exit_code == 0  # a workspace that has run: a journal, a record
    (workspace / "pipeline.toml").write_text(BAD_SETTING, encoding="utf-8")
    before = _files(workspace)
    result = cli(workspace, *command)
    assert (result.exit_code, result.stderr, result.stdout) == (2, BAD_SETTING_LINE, ""), result.exception
    assert _files(workspace) == before  # nothing done


# A journal line put in by hand whose action is no text: each kind of JSON value but text.
ODD_ACTIONS = ['["approved"]', '{"approved": 1}', "3", "1e400", "NaN", "true", "null", '[["promoting"]]']


@pytest.mark.parametrize("command", [command for command in CONFIG_COMMANDS if command[0] != "desk"],
                         ids=[command[0] for command in CONFIG_COMMANDS if command[0] != "desk"])
def test_a_hand_written_action_that_is_no_text_stops_no_command(workspace: Path, command: tuple[str, ...]) -> None:
    from tests.helpers import make_draft

    make_draft(workspace, "a")
    assert cli(workspace, "ingest").exit_code == 0
    with (workspace / ".pipeline" / "journal.jsonl").open("a", encoding="utf-8") as journal:
        for action in ODD_ACTIONS:  # (each about the draft, and about one published)
            for article in ("drafts/a.md", "published/ai-verandert-banen-en-privacy.md"):
                journal.write(f'{{"time": "2026-11-20T09:00:00+00:00", "action": {action}, "article": "{article}", '
                              f'"by": "anna", "from": "drafts/a.md"}}\n')
    result = cli(workspace, *command)
    # (in process, a bug is the exception itself; the installed command would say "internal error" and exit 70)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code != 70 and "internal error" not in result.stderr, result.stderr


def test_run_exits_2_on_a_usage_error_and_on_a_bad_setting(workspace: Path) -> None:
    wait = cli(workspace, "run", "--wait", "-1")
    assert (wait.exit_code, wait.stdout) == (2, "")
    assert wait.stderr == "error: --wait: expected a number of seconds (0 or more), got -1.0\n"
    (workspace / "pipeline.toml").write_text("timezone = 'Mars/Olympus'\n", encoding="utf-8")
    bad = cli(workspace, "run", "--json")
    assert bad.exit_code == 2 and bad.stdout == ""
    assert json.loads(bad.stderr) == {"exit": 2, "error": "pipeline.toml: timezone: unknown time zone "
                                      "'Mars/Olympus' (use an IANA name such as 'Europe/Amsterdam')"}
    assert not (workspace / "drafts").exists() or not list((workspace / "drafts").iterdir())


def test_run_exits_70_with_one_line_on_an_internal_error(workspace: Path) -> None:
    import os
    import subprocess
    import sys

    # A bug deep inside (made here by breaking a function the command calls), as the installed command runs it.
    script = ("import sys, pipeline.stages.run as stage\n"
              "def broken(*args, **kwargs): raise KeyError('deep inside')\n"
              "stage.run_pipeline = broken\n"
              "from pipeline.cli import main\n"
              "sys.argv = ['pipeline', 'run']\n"
              "main()\n")
    env = {key: value for key, value in os.environ.items() if key != "PIPELINE_DEBUG"}
    bug = subprocess.run([sys.executable, "-c", script], cwd=workspace, capture_output=True, text=True,
                         timeout=60, check=False, env={**env, "PYTHONPATH": str(Path(__file__).parents[2])})
    assert bug.returncode == 70, bug.stderr
    assert bug.stderr == "error: internal error: KeyError: 'deep inside' (run with PIPELINE_DEBUG=1 for details)\n"
    assert bug.stdout == ""


def test_a_mistyped_command_is_never_answered_with_one_that_takes_an_article_down(runner: CliRunner) -> None:
    result = runner.invoke(app, ["publish"])
    assert result.exit_code == 2
    assert result.stderr == "error: no command 'publish' here: use 'pipeline promote'\n"
    assert "unpublish" not in result.output
    for typo in ("unpublsh", "unpublis", "npublish", "pubish", "unpublished"):
        assert "unpublish" not in runner.invoke(app, [typo]).output.replace(f"'{typo}'", "")
    assert "Did you mean 'reject'?" in runner.invoke(app, ["rejct"]).output  # the rest are still suggested


@pytest.mark.parametrize(("guess", "answer"), [
    ("publish", "use 'pipeline promote'"),
    ("list", "use 'pipeline status' or 'pipeline review'"),
    ("log", "use 'pipeline history'"),
    ("pull", "use 'pipeline sync'"),
])
def test_a_command_a_newcomer_guesses_is_answered_in_one_line(runner: CliRunner, tmp_path: Path, guess: str,
                                                              answer: str) -> None:
    for args in ([guess], [guess, "drafts/x.md", "--json"], ["--root", str(tmp_path), guess]):
        result = runner.invoke(app, args, env=ENV)
        assert result.exit_code == 2, result.output
        assert result.stderr == f"error: no command '{guess}' here: {answer}\n"
        assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []  # nothing was made or run


@settings(max_examples=300, deadline=None)
@given(typo=st.one_of(st.sampled_from(["publish", "list", "log", "pull", "unpublis", "publsh", "lst", "pul"]),
                      st.text(alphabet="abcdeghilnoprstuvw-", min_size=1, max_size=14)))
def test_no_guess_or_typo_is_answered_with_a_command_that_takes_something_down(typo: str) -> None:
    from pipeline.cli.app import MEANT, TAKES_DOWN, guessed_command_answer, suggested_commands

    commands = list(typer_commands())
    assert set(commands) >= TAKES_DOWN  # the real commands, the ones that take down among them
    assert not set(suggested_commands(typo, commands)) & TAKES_DOWN
    answer = guessed_command_answer(typo, commands)
    assert not any(f"'pipeline {name}'" in answer for name in TAKES_DOWN)
    assert bool(answer) == (typo in MEANT)


def typer_commands() -> list[str]:
    import typer.main

    return list(typer.main.get_command(app).list_commands(None))  # type: ignore[attr-defined,arg-type]


@settings(max_examples=200, deadline=None)
@given(typo=st.text(alphabet="abcdeghilnoprstuvw-", min_size=1, max_size=14))
def test_no_typo_is_ever_answered_with_unpublish(typo: str) -> None:
    from pipeline.cli.app import TAKES_DOWN, suggested_commands

    commands = ["init", "ingest", "status", "review", "approve", "reject", "desk", "promote", "unpublish",
                "take-update", "dismiss-update", "history", "run", "sync", "preview", "normalise", "validate"]
    assert not set(suggested_commands(typo, commands)) & TAKES_DOWN


@pytest.mark.parametrize(("command", "options", "why"), [
    ("reject", ["--reason", "--by", "--json", "--wait"], "the draft is rejected"),
    ("unpublish", ["--reason", "--by", "--dry-run", "--json", "--wait"], "the article comes off the site"),
])
@settings(max_examples=25, deadline=None)
@given(blank=st.text(alphabet=" \t\n\u00a0\u2003", max_size=8))
def test_a_decision_that_takes_something_back_needs_a_reason(tmp_path_factory: pytest.TempPathFactory, command: str,
                                                            options: list[str], why: str, blank: str) -> None:
    """reject and unpublish share their options (``frame.taking_back``): each lists them in this order, and a
    reason of nothing but white space is one line saying why it must be given, before the workspace is opened."""
    root = tmp_path_factory.mktemp("taking-back")
    shown = [line.split()[0] for line in cli(root, command, "--help").stdout.splitlines()
             if line.strip().startswith("--")]
    assert shown == options
    result = cli(root, command, "een-artikel", "--reason", blank)
    assert result.exit_code == 2
    assert result.stderr == f"error: --reason must say why {why}\n"
    assert list(root.iterdir()) == []
