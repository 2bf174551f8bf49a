"""Names that follow the title: a draft's file name (its page's address) follows its title and date until it
is first published, at approval and with `pipeline rename`; after that the old address stays as an alias.
A rename never overwrites, never follows a link, and a kill half-way is finished or undone by the next run."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.model.article import parse_article, render_article
from pipeline.model.config import Config
from pipeline.stages.moves import MoveStatus
from pipeline.stages.rename import rename, title_stem
from pipeline.stages.waiting import pending_moves
from pipeline.store.clock import now
from pipeline.store.targets import resolve_article
from pipeline.store.workspace import Workspace
from tests.conftest import EXAMPLE_RAW
from tests.helpers import articles, cli, make_draft

INGESTED = "2026-02-11-kunstmatige-intelligentie-verandert-de-arbeidsmarkt"
NEW_TITLE = "Politie had het in 2021 drukker dan ooit"
COVER = {"image": "https://images.example.org/a.jpg", "alt": "Een bakker", "caption": "Foto: redactie"}


def _journal(root: Path) -> list[dict[str, Any]]:
    return Workspace.open(root).read_journal()[0]


def _edit(path: Path, **meta: Any) -> None:
    """An editor's save: the front matter keys given set (None removes one)."""
    article = parse_article(path.read_text(encoding="utf-8"))
    fields = {**article.meta, **meta}
    path.write_text(render_article(article.with_meta({k: v for k, v in fields.items() if v is not None})),
                    encoding="utf-8")


def _ingested(workspace: Path, first_line: str | None = None) -> Path:
    """The example raw dump ingested (its first line replaced when given), its cover filled in: valid."""
    if first_line is not None:
        lines = EXAMPLE_RAW.read_text(encoding="utf-8").splitlines()
        (workspace / "raw" / EXAMPLE_RAW.name).write_text("\n".join([first_line, *lines[1:]]) + "\n",
                                                          encoding="utf-8")
    result = cli(workspace, "ingest")
    assert result.exit_code == 0, result.output
    (draft,) = (workspace / "drafts").glob("*.md")
    _edit(draft, cover=COVER)
    return draft


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.is_symlink() and p.name != "lock"}


# --- at approval ------------------------------------------------------------------------------


def test_approval_renames_a_draft_to_its_edited_title_first_and_history_follows(workspace: Path) -> None:
    draft = _ingested(workspace)
    assert draft.stem == INGESTED
    _edit(draft, title=NEW_TITLE)
    result = cli(workspace, "approve", INGESTED, "--by", "anna")
    assert result.exit_code == 0, result.output
    new = "2026-02-11-politie-had-het-in-2021-drukker-dan-ooit"
    assert articles(workspace)["drafts"] == [f"{new}.md"]
    assert f"renamed first from drafts/{INGESTED}.md" in result.stdout
    # the rename first, then the approval of the renamed draft
    actions = [(e["action"], e.get("article")) for e in _journal(workspace)]
    assert actions[-3:] == [("renaming", f"drafts/{new}.md"), ("renamed", f"drafts/{new}.md"),
                            ("approved", f"drafts/{new}.md")]
    review = json.loads(cli(workspace, "review", "--all", "--json").stdout)
    assert [(d["draft"], d["state"]) for d in review] == [(f"drafts/{new}.md", "approved")]
    # history follows the article across its names, from its ingest on
    history = json.loads(cli(workspace, "history", new, "--json").stdout)
    assert [e["action"] for e in history] == ["ingested", "renaming", "renamed", "approved"]
    assert history[0]["article"] == f"drafts/{INGESTED}.md"
    promoted = cli(workspace, "promote")
    assert promoted.exit_code == 0, promoted.output
    assert articles(workspace) == {"drafts": [], "published": [f"{new}.md", "ai-verandert-banen-en-privacy.md"]}


def test_the_month_leaves_the_name_once_the_day_is_confirmed(workspace: Path) -> None:
    draft = _ingested(workspace, "date 2022-05 Het aantal misdrijven mag vorig jaar dan gedaald zijn, de politie "
                                 "had het drukker dan ooit. Dat blijkt uit cijfers van de politie.")
    assert draft.name.startswith("2022-05-het-aantal-misdrijven")
    _edit(draft, title=NEW_TITLE, date="2022-05-12T00:00:00+02:00", date_precision=None)
    assert cli(workspace, "approve", draft.stem, "--by", "anna").exit_code == 0
    assert articles(workspace)["drafts"] == ["2022-05-12-politie-had-het-in-2021-drukker-dan-ooit.md"]


def test_a_name_still_unconfirmed_keeps_the_month(workspace: Path) -> None:
    draft = _ingested(workspace, "date 2022-05 Het aantal misdrijven mag vorig jaar dan gedaald zijn, de politie "
                                 "had het drukker dan ooit. Dat blijkt uit cijfers van de politie.")
    _edit(draft, title=NEW_TITLE)
    assert cli(workspace, "rename", draft.stem).exit_code == 0
    assert articles(workspace)["drafts"] == ["2022-05-politie-had-het-in-2021-drukker-dan-ooit.md"]


def test_an_approval_of_a_draft_named_as_its_title_renames_nothing(workspace: Path) -> None:
    draft = _ingested(workspace)
    assert cli(workspace, "approve", draft.stem, "--by", "anna").exit_code == 0
    assert articles(workspace)["drafts"] == [draft.name]
    assert "renaming" not in [e["action"] for e in _journal(workspace)]


def test_a_name_an_editor_chose_or_gave_by_hand_is_kept_at_approval(workspace: Path) -> None:
    draft = _ingested(workspace)
    result = cli(workspace, "rename", draft.stem, "ai-en-werk")
    assert result.exit_code == 0, result.output
    chosen = workspace / "drafts" / "ai-en-werk.md"
    _edit(chosen, title=NEW_TITLE)
    assert cli(workspace, "approve", "ai-en-werk", "--by", "anna").exit_code == 0
    assert articles(workspace)["drafts"] == ["ai-en-werk.md"]
    # a draft made by hand (no ingest named it) keeps its name too
    make_draft(workspace, "met-de-hand")
    assert cli(workspace, "approve", "met-de-hand", "--by", "anna").exit_code == 0
    assert "met-de-hand.md" in articles(workspace)["drafts"]
    # `pipeline rename DRAFT` gives it back to its title: it follows from then on
    assert cli(workspace, "rename", "ai-en-werk").exit_code == 0
    assert articles(workspace)["drafts"] == ["2026-02-11-politie-had-het-in-2021-drukker-dan-ooit.md",
                                             "met-de-hand.md"]


def test_approvals_before_a_rename_are_void_and_rejections_stay(tmp_path: Path) -> None:
    make_draft(tmp_path, "a")
    make_draft(tmp_path, "b")
    assert cli(tmp_path, "approve", "a", "--by", "anna").exit_code == 0
    assert cli(tmp_path, "reject", "b", "--by", "anna", "--reason", "bron ontbreekt").exit_code == 0
    assert cli(tmp_path, "rename", "a", "een-ander-adres").exit_code == 0
    assert cli(tmp_path, "rename", "b", "nog-een-adres").exit_code == 0
    states = {d["draft"]: d["state"] for d in json.loads(cli(tmp_path, "review", "--all", "--json").stdout)}
    assert states == {"drafts/een-ander-adres.md": "approval void", "drafts/nog-een-adres.md": "rejected"}
    assert cli(tmp_path, "promote", "een-ander-adres").exit_code == 1  # not on an approval of another address


def test_a_rescrape_finds_the_renamed_article(workspace: Path) -> None:
    draft = _ingested(workspace)
    _edit(draft, title=NEW_TITLE)
    assert cli(workspace, "rename", draft.stem).exit_code == 0
    raw = workspace / "raw" / EXAMPLE_RAW.name
    raw.write_text(raw.read_text(encoding="utf-8") + "\nEen alinea die later werd toegevoegd aan het stuk.\n",
                   encoding="utf-8")
    result = cli(workspace, "ingest")
    assert result.exit_code == 0, result.output
    assert articles(workspace)["drafts"] == ["2026-02-11-politie-had-het-in-2021-drukker-dan-ooit.md"]
    waiting = [e for e in _journal(workspace) if e["action"] == "update-waiting"]
    assert [e["article"] for e in waiting] == ["drafts/2026-02-11-politie-had-het-in-2021-drukker-dan-ooit.md"]


# --- published articles: the old address as an alias -------------------------------------------


def test_a_published_article_renamed_keeps_its_old_address_as_an_alias(workspace: Path) -> None:
    result = cli(workspace, "rename", "ai-verandert-banen-en-privacy", "ai-en-privacy")
    assert result.exit_code == 0, result.output
    assert "its old address /ai-verandert-banen-en-privacy/ leads to it" in result.stdout
    assert articles(workspace)["published"] == ["ai-en-privacy.md"]
    meta = parse_article((workspace / "published" / "ai-en-privacy.md").read_text(encoding="utf-8")).meta
    assert meta["aliases"] == ["/ai-verandert-banen-en-privacy/"]
    assert cli(workspace, "validate", "--published").exit_code == 0
    # renamed again: both old addresses stay
    assert cli(workspace, "rename", "ai-en-privacy", "privacy").exit_code == 0
    meta = parse_article((workspace / "published" / "privacy.md").read_text(encoding="utf-8")).meta
    assert meta["aliases"] == ["/ai-verandert-banen-en-privacy/", "/ai-en-privacy/"]


def test_an_unpublished_draft_keeps_its_public_address_and_is_not_renamed_at_approval(workspace: Path) -> None:
    draft = _ingested(workspace)
    assert cli(workspace, "approve", draft.stem, "--by", "anna").exit_code == 0
    assert cli(workspace, "promote").exit_code == 0
    assert cli(workspace, "unpublish", draft.stem, "--by", "anna", "--reason", "fout").exit_code == 0
    _edit(workspace / "drafts" / draft.name, title=NEW_TITLE)
    assert cli(workspace, "approve", draft.stem, "--by", "anna").exit_code == 0
    assert articles(workspace)["drafts"] == [draft.name]  # its address was public: kept
    assert cli(workspace, "rename", draft.stem).exit_code == 0  # on demand: with the old address as an alias
    (renamed,) = (workspace / "drafts").glob("*.md")
    assert parse_article(renamed.read_text(encoding="utf-8")).meta["aliases"] == [f"/{INGESTED}/"]


def test_a_slug_or_url_keeps_the_address_so_no_alias_is_added(workspace: Path) -> None:
    path = workspace / "published" / "ai-verandert-banen-en-privacy.md"
    _edit(path, slug="ai-banen")
    assert cli(workspace, "rename", "ai-verandert-banen-en-privacy", "ai-privacy").exit_code == 0
    assert "aliases" not in parse_article((workspace / "published" / "ai-privacy.md").read_text("utf-8")).meta


# --- hostile names and files ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["../buiten", "sub/naam", "/etc/passwd", ".verborgen", "naam met spaties",
                                  "Hoofdletters", "a--b", "-a", "a\x1b[31m", "a\nb", "a\x00b", "é", "", ".md",
                                  "a" * 121, "a" * 300, "ä" * 200])
def test_a_new_name_that_is_not_a_plain_name_is_one_line_and_changes_nothing(tmp_path: Path, name: str) -> None:
    make_draft(tmp_path, "a")
    before = _snapshot(tmp_path)
    result = cli(tmp_path, "rename", "--", "a", name)
    assert result.exit_code == 2, result.output
    assert len(result.stderr.splitlines()) == 1
    assert "\x1b" not in result.stderr and "\x00" not in result.stderr
    assert _snapshot(tmp_path) == before


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(max_size=300))
def test_no_new_name_ever_puts_a_file_outside_drafts_or_overwrites_one(tmp_path_factory: pytest.TempPathFactory,
                                                                      name: str) -> None:
    root = tmp_path_factory.mktemp("ws")
    make_draft(root, "a")
    make_draft(root, "b")
    outside = root.parent / f"{root.name}-outside"
    outside.mkdir()
    os.symlink(outside / "x.md", root / "drafts" / "link.md")
    workspace = Workspace.open(root)
    config = Config()
    target = resolve_article(workspace, "a", root)
    with workspace.lock(5, "test"):
        moves = rename(workspace, config, now(config.zone), target, name)
    files = {p.relative_to(root).as_posix() for p in root.rglob("*.md")}
    if moves[-1].status == MoveStatus.RENAMED:
        assert files == {"drafts/b.md", "drafts/link.md", moves[-1].target}
        assert moves[-1].target.removeprefix("drafts/").removesuffix(".md") == name.removesuffix(".md")
        assert len(moves[-1].target.encode("utf-8")) < 255
    else:
        assert files == {"drafts/a.md", "drafts/b.md", "drafts/link.md"}
    assert list(outside.iterdir()) == []
    assert (root / "drafts" / "b.md").read_text(encoding="utf-8") == make_draft_text("b")


def make_draft_text(name: str, title: str | None = None) -> str:
    from tests.helpers import draft_text

    return draft_text(title=f"Artikel {name}" if title is None else title)


def test_a_taken_name_is_never_overwritten(workspace: Path) -> None:
    draft = _ingested(workspace)
    make_draft(workspace, "bezet")
    before = (workspace / "drafts" / "bezet.md").read_bytes()
    result = cli(workspace, "rename", draft.stem, "bezet")
    assert result.exit_code == 1
    assert "bezet.md is taken by drafts/bezet.md; nothing was renamed" in result.stdout
    result = cli(workspace, "rename", draft.stem, "ai-verandert-banen-en-privacy")  # a published article's
    assert result.exit_code == 1 and "taken by published/ai-verandert-banen-en-privacy.md" in result.stdout
    assert (workspace / "drafts" / "bezet.md").read_bytes() == before
    assert articles(workspace)["drafts"] == [draft.name, "bezet.md"]


def test_the_title_name_taken_by_a_file_or_a_link_gets_a_number_beside_it(workspace: Path) -> None:
    draft = _ingested(workspace)
    _edit(draft, title=NEW_TITLE)
    wanted = "2026-02-11-politie-had-het-in-2021-drukker-dan-ooit"
    outside = workspace.parent / "outside.md"
    outside.write_text("niet van ons", encoding="utf-8")
    os.symlink(outside, workspace / "drafts" / f"{wanted}.md")  # a link out where the name would go
    make_draft(workspace, f"{wanted}-2")
    result = cli(workspace, "approve", draft.stem, "--by", "anna")
    assert result.exit_code == 0, result.output
    assert (workspace / "drafts" / f"{wanted}-3.md").is_file()
    assert outside.read_text(encoding="utf-8") == "niet van ons"
    assert os.readlink(workspace / "drafts" / f"{wanted}.md") == str(outside)
    # named as its title gives, beside a taken name: renaming again changes nothing
    assert "has that name already" in cli(workspace, "rename", f"{wanted}-3").stdout


def test_a_published_pages_alias_is_a_taken_address(workspace: Path) -> None:
    _edit(workspace / "published" / "ai-verandert-banen-en-privacy.md", aliases=["/vrij-adres/"])
    make_draft(workspace, "a")
    result = cli(workspace, "rename", "a", "vrij-adres")
    assert result.exit_code == 1
    assert "its address /vrij-adres/ is the page of published/ai-verandert-banen-en-privacy.md" in result.stdout
    assert articles(workspace)["drafts"] == ["a.md"]


def test_a_draft_that_is_a_link_is_not_renamed(tmp_path: Path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-elsewhere.md"
    outside.write_text(make_draft_text("x"), encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    os.symlink(outside, tmp_path / "drafts" / "x.md")
    result = cli(tmp_path, "rename", "x", "y")
    assert result.exit_code == 2
    assert "outside the workspace" in result.stderr
    assert os.readlink(tmp_path / "drafts" / "x.md") == str(outside)
    assert not (tmp_path / "drafts" / "y.md").exists()


@pytest.mark.parametrize("title", ["", "!!! ...", "🔥🔥"])
def test_a_title_that_gives_no_name_is_said_and_the_draft_keeps_its_name(tmp_path: Path, title: str) -> None:
    make_draft(tmp_path, "a", make_draft_text("a", title))
    result = cli(tmp_path, "rename", "a")
    assert result.exit_code == 1
    assert "its title gives no name (it is empty, or has no letters or digits)" in result.stdout
    assert articles(tmp_path)["drafts"] == ["a.md"]
    assert title_stem({"title": title, "date": "2026-02-11T00:00:00+01:00"}, Config()) == (
        "", "its title gives no name (it is empty, or has no letters or digits)")


def test_an_ingested_draft_whose_title_gives_no_name_keeps_its_name_at_approval(workspace: Path) -> None:
    draft = _ingested(workspace)
    _edit(draft, title="!!! ???")
    result = cli(workspace, "approve", draft.stem, "--by", "anna")
    assert articles(workspace)["drafts"] == [draft.name]
    assert "renam" not in result.stdout


# --- a rename killed half-way -------------------------------------------------------------------


class Crash(BaseException):
    """Stands for a kill: nothing after it runs, no handler catches it."""


def _crash(*_args: Any, **_kwargs: Any) -> None:
    raise Crash


def _rename_killed(root: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    make_draft(root, "a")
    workspace = Workspace.open(root)
    config = Config()
    with monkeypatch.context() as patch:
        patch.setattr(Workspace, where, _crash)
        with workspace.lock(5, "test"), pytest.raises(Crash):
            rename(workspace, config, now(config.zone), resolve_article(workspace, "a", root), "b")


def test_a_rename_killed_before_the_new_file_is_undone_by_the_next_run(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _rename_killed(tmp_path, monkeypatch, "write_new_atomic")
    assert articles(tmp_path)["drafts"] == [".moving-a.md"]
    assert len(pending_moves(_journal(tmp_path))) == 1
    result = cli(tmp_path, "run")
    assert "abandoned" in result.stdout
    assert articles(tmp_path)["drafts"] == ["a.md"]
    assert pending_moves(_journal(tmp_path)) == []


def test_a_rename_killed_after_the_new_file_is_finished_by_the_next_rename(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _rename_killed(tmp_path, monkeypatch, "remove")
    assert articles(tmp_path)["drafts"] == [".moving-a.md", "b.md"]
    result = cli(tmp_path, "rename", "b", "b")  # any rename (or promote, unpublish, run) finishes it first
    assert "finished" in result.stdout
    assert articles(tmp_path)["drafts"] == ["b.md"]
    assert pending_moves(_journal(tmp_path)) == []
    history = json.loads(cli(tmp_path, "history", "b", "--json").stdout)
    assert [e["action"] for e in history][-2:] == ["renaming", "renamed"]


def test_in_a_git_workspace_the_rename_at_approval_is_in_the_approvals_commit(workspace: Path) -> None:
    import subprocess

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=workspace, capture_output=True, text=True, check=False)
        assert done.returncode == 0, (args, done.stderr)
        return done.stdout

    git("init", "-q", "-b", "main")
    git("config", "user.name", "anna")
    git("config", "user.email", "anna@example.org")
    draft = _ingested(workspace)
    _edit(draft, title=NEW_TITLE)
    git("add", "-A")
    git("commit", "-q", "-m", "ingested, and the title edited")
    result = cli(workspace, "approve", draft.stem)
    assert result.exit_code == 0, result.output
    new = "drafts/2026-02-11-politie-had-het-in-2021-drukker-dan-ooit.md"
    changed = git("show", "--name-status", "--no-renames", "--format=", "HEAD").split()
    assert sorted(zip(changed[::2], changed[1::2], strict=True)) == [
        ("A", new), ("D", f"drafts/{draft.name}"), ("M", ".pipeline/journal.jsonl")]
    assert git("status", "--porcelain", "--", "drafts") == ""  # nothing of the rename left uncommitted


def test_an_article_name_longer_than_a_file_name_and_a_huge_title_are_one_line_or_a_short_name(tmp_path: Path) -> None:
    make_draft(tmp_path, "a", make_draft_text("a", "Woord " * 3000))
    before = _snapshot(tmp_path)
    for named in ("x" * 300, "ä" * 200, "a\x1b[2J"):
        result = cli(tmp_path, "rename", named)
        assert result.exit_code == 2, result.output
        assert len(result.stderr.splitlines()) == 1 and "\x1b" not in result.stderr
    assert _snapshot(tmp_path) == before
    stem, _ = title_stem({"title": "Woord " * 3000, "date": "2026-02-11T00:00:00+01:00"}, Config())
    assert stem.startswith("2026-02-11-woord-woord") and len(stem) <= 71
    assert cli(tmp_path, "rename", "a").exit_code == 0
    (renamed,) = (tmp_path / "drafts").glob("*.md")
    assert renamed.name == f"{stem.replace('2026-02-11', '2026-02-26')}.md"


def test_a_draft_with_a_source_update_waiting_beside_it_is_settled_first(workspace: Path) -> None:
    draft = _ingested(workspace)  # its cover filled in: an editor's edit, so a rescrape waits beside it
    raw = workspace / "raw" / EXAMPLE_RAW.name
    raw.write_text(raw.read_text(encoding="utf-8") + "\nEen alinea die later werd toegevoegd aan het stuk.\n",
                   encoding="utf-8")
    assert cli(workspace, "ingest").exit_code == 0
    _edit(draft, title=NEW_TITLE)
    before = _snapshot(workspace)
    result = cli(workspace, "rename", draft.stem)
    assert result.exit_code == 1
    assert f"source updated: updates/{draft.name} waits beside it" in result.stdout
    assert "then rename it" in result.stdout
    assert _snapshot(workspace) == before
