"""Every command that takes an article takes it the same ways: a path, a file name, a slug, or a unique
prefix of a slug; an ambiguous prefix lists its candidates (exit 2). Slugs complete in the shell."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import hypothesis
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pipeline.cli import app
from tests.helpers import ENV, approve_in_process, cli, draft_text, make_draft

BANEN = "2026-02-11-ai-banen"
PRIVACY = "2026-02-12-ai-privacy"
ROBOTS = "2026-03-01-robots"


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    root.mkdir()
    (root / "pipeline.toml").write_text("")
    for name in (BANEN, PRIVACY, ROBOTS):
        make_draft(root, name, cover={"image": "https://images.example.org/a.jpg", "alt": "Een robot",
                                      "caption": "Foto: redactie"})
    published = root / "published" / "ai-verandert-alles.md"
    published.parent.mkdir()
    published.write_text(draft_text("Gepubliceerd", draft=False), encoding="utf-8")
    return root


def here(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=ENV)
    return result.exit_code, result.stdout, result.stderr


def journal(root: Path) -> list[dict[str, object]]:
    path = root / ".pipeline" / "journal.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


@pytest.mark.parametrize("given", [ROBOTS, f"{ROBOTS}.md", f"drafts/{ROBOTS}.md", "2026-03", "2026-03-01-rob"])
def test_approve_takes_a_slug_a_file_name_a_path_or_a_prefix(newsroom: Path, monkeypatch: pytest.MonkeyPatch,
                                                             given: str) -> None:
    monkeypatch.chdir(newsroom)
    code, out, err = here("approve", given, "--by", "anna")
    assert code == 0, err
    assert out.startswith(f"approved\tdrafts/{ROBOTS}.md\tby anna")


def test_an_ambiguous_prefix_lists_the_candidates_and_does_nothing(newsroom: Path) -> None:
    result = cli(newsroom, "approve", "2026-02", "--by", "anna")
    assert result.exit_code == 2
    assert result.stderr == (f"error: 2026-02: matches 2 articles: drafts/{BANEN}, drafts/{PRIVACY}; "
                             "name one of them\n")
    assert journal(newsroom) == []
    result = cli(newsroom, "reject", "2026-0", "--reason", "nee")
    assert result.exit_code == 2 and "matches 3 articles" in result.stderr


def test_a_name_that_matches_nothing_exits_2(newsroom: Path) -> None:
    result = cli(newsroom, "approve", "bestaat-niet")
    assert result.exit_code == 2
    assert result.stderr == "error: bestaat-niet: no article named 'bestaat-niet' in drafts/\n"


def test_reject_and_unpublish_by_prefix(newsroom: Path) -> None:
    result = cli(newsroom, "reject", "2026-02-12", "--reason", "bronnen ontbreken", "--by", "bert")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"rejected\tdrafts/{PRIVACY}.md")
    result = cli(newsroom, "unpublish", "ai-ver", "--reason", "fout", "--by", "bert")
    assert result.exit_code == 0, result.stderr
    assert (newsroom / "drafts" / "ai-verandert-alles.md").exists()


def test_validate_a_file_name_from_the_workspace_root(newsroom: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (newsroom / "drafts" / f"{ROBOTS}.md").write_text(draft_text("TODO later"), encoding="utf-8")
    monkeypatch.chdir(newsroom)
    for given in (f"{ROBOTS}.md", ROBOTS, "2026-03"):
        code, out, _ = here("validate", given)
        assert code == 1, given
        assert out.startswith(f"drafts/{ROBOTS}.md:"), given
        assert "1 file(s), 1 with errors" in out
    code, _, err = here("validate", "2026-02")
    assert code == 2 and "matches 2 articles" in err
    code, out, _ = here("validate", "--published", "ai-ver")
    assert code == 0 and "1 file(s), 0 with errors" in out


def test_validate_keeps_paths_as_paths(newsroom: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    elsewhere = tmp_path / "los.md"
    elsewhere.write_text(draft_text("Los"), encoding="utf-8")
    result = cli(newsroom, "validate", str(elsewhere), "drafts")
    assert result.exit_code == 0, result.stdout
    assert "4 file(s)" in result.stdout
    missing = cli(newsroom, "validate", "drafts/weg.md")  # a path that is not there is a missing file, as before
    assert missing.exit_code == 1 and "drafts/weg.md" in missing.stdout


def test_normalise_review_and_history_by_prefix(newsroom: Path) -> None:
    result = cli(newsroom, "normalise", "--check", "2026-03")
    assert result.exit_code == 0, result.stdout + result.stderr
    approve_in_process(newsroom, ROBOTS)
    result = cli(newsroom, "review", "2026-03")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith(f"approved\tdrafts/{ROBOTS}.md")  # named: shown whatever its state
    assert len(result.stdout.splitlines()) == 2
    result = cli(newsroom, "history", "2026-03")
    assert result.exit_code == 0 and "approved" in result.stdout and ROBOTS in result.stdout
    result = cli(newsroom, "history", "2026")
    assert result.exit_code == 2 and "matches 3 articles" in result.stderr
    result = cli(newsroom, "history", "ai-ver")
    assert result.exit_code == 0 and "no journal entries for ai-ver" in result.stderr


def test_preview_takes_a_slug_and_exits_2_when_nothing_matches(newsroom: Path) -> None:
    assert shutil.which("hugo") is not None, "hugo is needed (CI installs it, .ci/run)"
    result = cli(newsroom, "preview", "2026-03")
    assert result.exit_code == 0, result.stdout + result.stderr
    built = [line for line in result.stdout.splitlines() if line.startswith("built\tdrafts/")]
    assert built == [line for line in built if ROBOTS in line] and len(built) == 1
    result = cli(newsroom, "preview", "bestaat-niet")
    assert result.exit_code == 2
    assert result.stderr == "error: bestaat-niet: no article named 'bestaat-niet' in drafts/\n"


def complete(root: Path, words: str) -> list[str]:
    """What the shell gets offered for the last word, as bash completion asks typer for it."""
    result = CliRunner().invoke(app, [], prog_name="pipeline", env={
        **ENV, "_PIPELINE_COMPLETE": "complete_bash", "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)), "PIPELINE_ROOT": str(root)})
    return result.stdout.split()


def test_article_arguments_complete_to_slugs(newsroom: Path) -> None:
    assert complete(newsroom, "pipeline approve 2026-02") == [BANEN, PRIVACY]
    assert complete(newsroom, "pipeline unpublish ") == ["ai-verandert-alles"]
    assert complete(newsroom, "pipeline history ai") == ["ai-verandert-alles"]
    assert complete(newsroom, "pipeline validate 2026-03") == [ROBOTS]
    assert "approve" in complete(newsroom, "pipeline app")


def test_completion_can_be_installed(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"], env=ENV)
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout


# --- names no file can have ---------------------------------------------------------------------------

LONG_NAMES = ["a" * 256, "a" * 253, f"drafts/{'a' * 300}.md", f"{'b' * 300}.md", "x/" * 2100 + "y",
              "\u00e9" * 127]


@pytest.mark.parametrize("given", LONG_NAMES)
@pytest.mark.parametrize("args", [("approve",), ("reject", "--reason", "nee"), ("review",), ("take-update",),
                                  ("dismiss-update",), ("unpublish", "--reason", "weg"), ("history",),
                                  ("validate",), ("normalise",)])
def test_a_name_longer_than_a_file_name_can_be_is_one_line_exit_2(newsroom: Path, args: tuple[str, ...],
                                                                  given: str) -> None:
    result = cli(newsroom, args[0], given, *args[1:])
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and "name too long" in result.stderr
    assert "Traceback" not in result.output and len(result.stderr) < 200
    assert journal(newsroom) == []


def test_a_name_just_short_enough_is_looked_up_as_any_other(newsroom: Path) -> None:
    name = "a" * 252  # with .md, 255 bytes: a file can have it
    make_draft(newsroom, name)
    result = cli(newsroom, "review", name)
    assert result.exit_code == 0 and f"drafts/{name}.md" in result.stdout


@pytest.mark.parametrize("args", [("approve",), ("review",), ("take-update",), ("dismiss-update",), ("history",),
                                  ("validate",), ("normalise",), ("unpublish", "--reason", "weg")])
def test_an_empty_name_names_no_article(newsroom: Path, args: tuple[str, ...]) -> None:
    before = {path: path.read_bytes() for path in newsroom.rglob("*.md")}
    result = cli(newsroom, args[0], "", *args[1:])
    assert result.exit_code == 2, result.output
    assert result.stderr == "error: '': not a file name or slug\n"
    assert {path: path.read_bytes() for path in newsroom.rglob("*.md")} == before and journal(newsroom) == []


@pytest.mark.parametrize("given", ["drafts/", "drafts", "published/", "."])
def test_take_update_of_a_folder_says_it_is_a_folder(newsroom: Path, monkeypatch: pytest.MonkeyPatch,
                                                     given: str) -> None:
    monkeypatch.chdir(newsroom)
    code, _, err = here("take-update", given)
    assert code == 2
    if given == "drafts":  # no slash: a slug, as any other name
        assert err == "error: drafts: no article named 'drafts' in drafts/ or published/\n"
    else:
        assert err == f"error: {given}: is a folder: name one article (.md) in it\n"
    assert "only published/" not in err


def test_a_file_outside_drafts_and_published_is_named_as_such(newsroom: Path) -> None:
    (newsroom / "raw").mkdir()
    (newsroom / "raw" / "bron.md").write_text("tekst", encoding="utf-8")
    result = cli(newsroom, "take-update", "raw/bron.md")
    assert result.exit_code == 2
    assert result.stderr == "error: raw/bron.md: is not in drafts/ or published/ (only they hold articles)\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@hypothesis.given(name=st.one_of(st.text(max_size=40), st.text(min_size=200, max_size=5000),
                      st.builds(lambda a, b: f"{a}/{b}", st.text(max_size=300), st.text(max_size=300))))
def test_any_name_resolves_to_an_article_or_to_one_reason_never_an_exception(newsroom: Path, name: str) -> None:
    from pipeline.store.targets import resolve_article, resolve_files, resolve_target
    from pipeline.store.workspace import Workspace

    workspace = Workspace.open(newsroom, create=False)
    for target in (resolve_target(workspace, name, workspace.drafts, newsroom),
                   resolve_article(workspace, name, newsroom)):
        assert (target.path is None) != (target.error == "")
        assert "\n" not in target.error or "\n" in name
    resolve_files(workspace, [name], workspace.drafts, newsroom)
