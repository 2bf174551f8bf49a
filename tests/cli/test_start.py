"""What a command costs before it does anything: the modules it imports. Each command imports its own
module of pipeline.cli only, a run with nothing new in raw/ never imports the reader, and a command
answered from its caches never imports YAML."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.cli.app import COMMAND_MODULES
from tests.conftest import settle_raw

REPO = Path(__file__).parents[2]
# The command as installed runs it; the modules of the pipeline it imported, one a line, into a file.
SCRIPT = """import sys
from pipeline.cli import main
out, sys.argv = sys.argv[1], ['pipeline', *sys.argv[2:]]
try:
    main()
except SystemExit:
    pass
with open(out, 'w') as handle:
    handle.write('\\n'.join(sorted(name for name in sys.modules if name.startswith(('pipeline', 'yaml', 'tempfile')))))
"""


def imported_by(root: Path, *args: str) -> set[str]:
    out = root.parent / "imported.txt"
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(out), "--root", str(root), *args], capture_output=True,
                          text=True, timeout=120, check=False, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode in (0, 1), done.stderr
    return set(out.read_text().split())


def test_the_table_of_commands_is_what_the_modules_add() -> None:
    import importlib

    from typer.main import get_command_name

    for module in set(COMMAND_MODULES.values()):
        importlib.import_module(f"pipeline.cli.{module}")
    added = {info.name or get_command_name(info.callback.__name__): info.callback.__module__  # type: ignore[union-attr]
             for info in app.registered_commands}
    groups = {str(group.name): "pipeline.cli.articles" for group in app.registered_groups}
    assert {name: f"pipeline.cli.{module}" for name, module in COMMAND_MODULES.items()} == {**added, **groups}


def test_the_help_lists_the_commands_in_the_order_of_the_table(runner: CliRunner) -> None:
    help_text = runner.invoke(app, ["--help"], env={"COLUMNS": "200"}).stdout
    listed = [line.split()[0] for line in help_text.partition("Commands:")[2].splitlines() if line.strip()]
    assert listed == list(COMMAND_MODULES)


@pytest.mark.parametrize(("command", "module"), [("status", "workspace"), ("validate", "checks"),
                                                 ("run", "operations"), ("review", "review")])
def test_a_command_imports_its_own_module_only(workspace: Path, command: str, module: str) -> None:
    imported = imported_by(workspace, command)
    assert {name for name in imported if name.startswith("pipeline.cli.")} == {"pipeline.cli.app",
                                                                              f"pipeline.cli.{module}"}


def test_a_run_with_nothing_new_never_imports_the_reader(workspace: Path) -> None:
    settle_raw(workspace)
    assert any(name.startswith("pipeline.reading") for name in imported_by(workspace, "run"))  # one raw file new
    imported = imported_by(workspace, "run")  # the same raw file, known now
    assert not any(name.startswith("pipeline.reading") for name in imported)


@pytest.mark.parametrize("command", ["validate", "status", "run"])
def test_a_warm_command_never_compiles_the_date_patterns(workspace: Path, command: str) -> None:
    # the drafts' dates are RFC 3339 already (ingest wrote them): model.moments reads them, model.dates's
    # patterns are for dates still to be read
    settle_raw(workspace)
    imported_by(workspace, "run")
    for path in workspace.rglob("*.md"):  # written a while ago: a cache keeps no file written a moment before it
        os.utime(path, (path.stat().st_mtime - 60, path.stat().st_mtime - 60))
    imported_by(workspace, command)  # its caches filled
    warm = imported_by(workspace, command)
    assert "pipeline.model.moments" in warm and "pipeline.model.dates" not in warm


@pytest.mark.parametrize("command", ["validate", "status", "run"])
def test_a_warm_command_never_imports_yaml(workspace: Path, command: str) -> None:
    # every draft is answered from a cache: no front matter is parsed, so PyYAML and the house's reader
    # (its loaders are PyYAML's classes) are not imported at all; a cold command reads and imports both
    settle_raw(workspace)
    cold = imported_by(workspace, "run")
    assert "yaml" in cold and "pipeline.model.front_matter_read" in cold
    for path in workspace.rglob("*.md"):  # written a while ago: a cache keeps no file written a moment before it
        os.utime(path, (path.stat().st_mtime - 60, path.stat().st_mtime - 60))
    imported_by(workspace, command)  # its caches filled
    warm = imported_by(workspace, command)
    assert "yaml" not in warm and "pipeline.model.front_matter_read" not in warm


@pytest.mark.parametrize("command", ["validate", "status"])
def test_a_cold_command_on_drafts_in_the_house_style_never_imports_yaml(bare_workspace: Path, command: str) -> None:
    # every draft is checked (status also hashes it, which asks the writer whether its text is its own rendering):
    # the house style is read and written without PyYAML; a draft outside it (a comment) needs it
    drafts = bare_workspace / "drafts"
    drafts.mkdir(exist_ok=True)
    (drafts / "een.md").write_text('---\ntitle: "Een"\ndate: 2026-02-11T09:30:00+01:00\ndraft: true\n---\n\nTekst.\n')
    cold = imported_by(bare_workspace, command)
    assert "pipeline.model.front_matter_fast" in cold
    assert "yaml" not in cold and "pipeline.model.front_matter_read" not in cold
    if command == "status":
        assert "pipeline.model.front_matter_write" in cold
    (drafts / "twee.md").write_text('---\n# een opmerking\ntitle: "Twee"\ndraft: true\n---\n\nTekst.\n')
    assert "yaml" in imported_by(bare_workspace, command)


@pytest.mark.parametrize("command", ["validate", "status"])
def test_a_workspace_outside_git_never_imports_the_teams_modules(workspace: Path, command: str) -> None:
    """Only a workspace in a git work tree shares its journal through git: elsewhere the look for .git is all
    a command costs of the team (its signers, its trust, what a pull took away are never imported)."""
    imported = imported_by(workspace, command)
    assert "pipeline.store.discovery" in imported  # the look for .git
    assert not imported & {"pipeline.store.git", "pipeline.store.team", "pipeline.store.trust",
                           "pipeline.store.signers", "pipeline.store.vanished"}


@pytest.mark.parametrize("command", ["validate", "status"])
def test_a_warm_command_that_writes_nothing_never_imports_tempfile(workspace: Path, command: str) -> None:
    # a temporary file is made only to write one (a cache, a snapshot, a git index): a command answered from
    # its caches reads, and the module (with random and its seeding) is not imported; a cold one writes its cache
    settle_raw(workspace)
    imported_by(workspace, "run")
    for path in workspace.rglob("*.md"):  # written a while ago: a cache keeps no file written a moment before it
        os.utime(path, (path.stat().st_mtime - 60, path.stat().st_mtime - 60))
    for cache in (workspace / ".pipeline").glob("*.json"):
        if cache.name.startswith(("validate", "review")):
            cache.unlink()
    assert "tempfile" in imported_by(workspace, command)  # cold: its cache written
    assert "tempfile" not in imported_by(workspace, command)  # warm: nothing written


def test_a_warm_status_imports_none_of_what_validates_moves_or_revises(workspace: Path) -> None:
    # status reads, of those modules, only the clock's rules and what the journal says of moves and revisions
    # (``clock_rules``, ``waiting``): validate's check and classes, the moves' and revisions' makers and their
    # classes are imported where a draft is read or an article moved; the ingest record only for raw files
    settle_raw(workspace)
    imported_by(workspace, "run")
    for path in workspace.rglob("*.md"):  # written a while ago: a cache keeps no file written a moment before it
        os.utime(path, (path.stat().st_mtime - 60, path.stat().st_mtime - 60))
    cold = imported_by(workspace, "status")
    assert "pipeline.stages.validate" in cold  # its drafts read: validate's check of each
    warm = imported_by(workspace, "status")
    assert {"pipeline.stages.clock_rules", "pipeline.stages.waiting", "pipeline.store.ingest_record"} <= warm
    assert not warm & {"pipeline.stages.validate", "pipeline.stages.moves", "pipeline.stages.revisions",
                       "pipeline.store.targets", "pipeline.store.snapshots", "pipeline.model.pages"}
    for raw in (workspace / "raw").iterdir():
        raw.rename(workspace / raw.name)
    assert "pipeline.store.ingest_record" not in imported_by(workspace, "status")
