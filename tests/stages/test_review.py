"""Reviewers' decisions: who may decide, which draft, what an approval is bound to, what each state means."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from pipeline.model.article import content_hash, parse_article
from pipeline.model.config import Config, parse_config
from pipeline.model.forms import draft_form, published_form
from pipeline.stages.assess import assess_draft
from pipeline.stages.decisions import AWAITING, INVALID, READY, REJECTED_STATE, SCHEDULED, VOID, decisions_for
from pipeline.store.identity import reviewer_name, reviewer_refusal
from pipeline.store.targets import resolve_target
from pipeline.store.workspace import Workspace
from tests.helpers import approve_in_process, cli, draft_text, make_draft

NOW = datetime.fromisoformat("2026-11-23T10:00:00+01:00")
CONFIG = Config()


def _hash(text: str) -> str:
    return content_hash(parse_article(text))


def _approval(by: str, text: str, **more: str) -> dict[str, str]:
    return {"action": "approved", "article": "drafts/a.md", "by": by, "hash": _hash(text), **more}


# --- who decides ------------------------------------------------------------------------------


def test_reviewer_name_prefers_by_then_pipeline_user(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PIPELINE_USER", "Env Person")
    assert reviewer_name(" Anna ", tmp_path) == "Anna"
    assert reviewer_name(None, tmp_path) == "Env Person"


def test_reviewer_name_falls_back_to_git_then_login(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text("[user]\n\tname = Git Person\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    assert reviewer_name(None, tmp_path) == "Git Person"
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("LOGNAME", "loginname")
    assert reviewer_name(None, tmp_path) == "loginname"


def test_only_listed_reviewers_may_decide() -> None:
    config = parse_config('[review]\nreviewers = ["Anna", "Bob"]\n')
    assert reviewer_refusal("anna", config) == ""
    assert "'Mallory' is not a reviewer" in reviewer_refusal("Mallory", config)
    assert "--by" in reviewer_refusal("", CONFIG)
    assert reviewer_refusal("anyone", CONFIG) == ""


# --- which draft ------------------------------------------------------------------------------


def test_targets_by_slug_and_by_path(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path)
    path = make_draft(tmp_path, "een-artikel")
    by_slug = resolve_target(workspace, "een-artikel", workspace.drafts, tmp_path)
    by_path = resolve_target(workspace, "drafts/een-artikel.md", workspace.drafts, Path("/"))
    by_absolute = resolve_target(workspace, str(path), workspace.drafts, Path("/"))
    assert by_slug.path == by_path.path == by_absolute.path == path.resolve()
    assert by_slug.rel == "drafts/een-artikel.md"


def test_targets_outside_the_workspace_or_drafts_are_refused(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    workspace = Workspace.open(root)
    outside = tmp_path / "elsewhere.md"
    outside.write_text(draft_text(), encoding="utf-8")
    (root / "published" / "p.md").write_text(draft_text(), encoding="utf-8")
    (root / "drafts" / "link.md").symlink_to(outside)
    cases = {
        str(outside): "is outside the workspace",
        "drafts/../../elsewhere.md": "is outside the workspace",
        "link": "is outside the workspace",
        "published/p.md": "is not in drafts/",
        "missing": "no article named 'missing' in drafts/",
        "drafts/missing.md": "no such file",
    }
    for given, expected in cases.items():
        target = resolve_target(workspace, given, workspace.drafts, root)
        assert target.path is None and expected in target.error, (given, target)


# --- what an approval publishes ---------------------------------------------------------------


def test_published_form_drops_the_pipelines_own_keys_except_those_kept() -> None:
    article = parse_article(draft_text(date_precision="month"))
    published, dropped = published_form(article, CONFIG)
    assert published.meta["draft"] is False
    assert "lang" in published.meta
    assert "source" not in published.meta and "date_precision" not in published.meta
    assert set(dropped) == {"source", "date_precision"}
    back = draft_form(published, dropped)
    assert back.meta == {**article.meta, "draft": True}
    assert list(back.meta) == list(article.meta)
    keep_all = parse_config('[publish]\nkeep_keys = ["lang", "source"]\n')
    assert "source" in published_form(article, keep_all)[0].meta


# --- decisions and states ---------------------------------------------------------------------


def test_an_edit_voids_the_approval() -> None:
    text = draft_text()
    edited = text.replace("De snelle ontwikkeling", "De zeer snelle ontwikkeling")
    history = [_approval("anna", text)]
    assert assess_draft("drafts/a.md", text, history, CONFIG, NOW).state == READY
    state = assess_draft("drafts/a.md", edited, history, CONFIG, NOW)
    assert state.state == VOID
    assert "edited after approval by anna" in state.blocks
    history.append(_approval("anna", edited))
    assert assess_draft("drafts/a.md", edited, history, CONFIG, NOW).state == READY


def test_approvals_must_come_from_distinct_reviewers() -> None:
    config = parse_config("[review]\napprovals_required = 2\n")
    text = draft_text()
    once = decisions_for([_approval("anna", text), _approval("Anna", text)], _hash(text), config)
    assert once.missing == 1
    twice = decisions_for([_approval("anna", text), _approval("bob", text)], _hash(text), config)
    assert twice.missing == 0
    state = assess_draft("drafts/a.md", text, [_approval("anna", text)], config, NOW)
    assert state.state == AWAITING and "needs 1 approval(s) (approved by anna)" in state.blocks


def test_approvals_by_reviewers_no_longer_listed_do_not_count() -> None:
    text = draft_text()
    config = parse_config('[review]\nreviewers = ["bob"]\n')
    assert decisions_for([_approval("anna", text)], _hash(text), config).missing == 1


def test_a_rejection_stands_until_that_reviewer_approves_or_the_draft_changes() -> None:
    text = draft_text()
    rejected = {"action": "rejected", "article": "drafts/a.md", "by": "bob", "hash": _hash(text),
                "reason": "bronnen ontbreken"}
    state = assess_draft("drafts/a.md", text, [_approval("anna", text), rejected], CONFIG, NOW)
    assert state.state == REJECTED_STATE and state.blocks == "rejected by bob: bronnen ontbreken"
    assert assess_draft("drafts/a.md", text, [rejected, _approval("bob", text)], CONFIG, NOW).state == READY
    edited = text + "\nNieuwe alinea met bronnen.\n"
    assert assess_draft("drafts/a.md", edited, [rejected], CONFIG, NOW).state == AWAITING


def test_decisions_before_a_new_life_of_the_article_do_not_count() -> None:
    text = draft_text()
    history = [_approval("anna", text), {"action": "unpublished", "article": "drafts/a.md",
                                         "from": "published/a.md"}]
    assert assess_draft("drafts/a.md", text, history, CONFIG, NOW).state == AWAITING


def test_a_future_date_waits_as_scheduled() -> None:
    text = draft_text(date="2026-12-01T09:00:00+01:00")
    state = assess_draft("drafts/a.md", text, [_approval("anna", text)], CONFIG, NOW)
    assert state.state == SCHEDULED and "2026-12-01T09:00:00+01:00" in state.blocks
    later = datetime.fromisoformat("2026-12-01T09:00:00+01:00")
    assert assess_draft("drafts/a.md", text, [_approval("anna", text)], CONFIG, later).state == READY


def test_a_future_date_in_lower_case_form_waits_too() -> None:
    text = draft_text(date="2026-12-24t09:00:00z")  # RFC 3339 allows t and z; normalise keeps them
    state = assess_draft("drafts/a.md", text, [_approval("anna", text)], CONFIG, NOW)
    assert state.state == SCHEDULED, state.blocks


def test_invalid_and_unreadable_drafts_say_what_blocks_them() -> None:
    missing_cover = draft_text(cover={"image": "", "alt": "", "caption": ""})
    state = assess_draft("drafts/a.md", missing_cover, [], CONFIG, NOW)
    assert state.state == INVALID and state.blocks.startswith("cover.image: is missing")
    assert "(+2 more)" in state.blocks
    broken = assess_draft("drafts/a.md", "---\ntitle: [unclosed\n---\nbody\n", [], CONFIG, NOW)
    assert broken.state == INVALID and broken.blocks.startswith("front matter:")
    unreadable = assess_draft("drafts/a.md", None, [], CONFIG, NOW, "is not UTF-8 text")
    assert unreadable.state == INVALID and "is not UTF-8 text" in unreadable.blocks


# --- through the command line -----------------------------------------------------------------


def test_approve_records_who_when_and_the_hash_of_the_content(tmp_path: Path) -> None:
    path = make_draft(tmp_path, "a")
    result = cli(tmp_path, "approve", "a", "--by", "Anna", "--note", "mooi stuk")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "approved\tdrafts/a.md\tby Anna; approvals complete"
    entries = [json.loads(line) for line in (tmp_path / ".pipeline" / "journal.jsonl").read_text().splitlines()]
    import pwd

    assert entries == [{"time": "2026-11-23T10:00:00+01:00", "action": "approved", "article": "drafts/a.md",
                        "by": "Anna", "hash": _hash(path.read_text()), "note": "mooi stuk", "actor": "tester",
                        "os_user": pwd.getpwuid(os.getuid()).pw_name,  # who ran it, whatever --by claims
                        "prev": hashlib.sha256(b"").hexdigest()[:16]}]  # the first line: the empty one before
    again = cli(tmp_path, "approve", "a", "--by", "anna")
    assert again.exit_code == 0 and again.stdout.startswith("already approved\tdrafts/a.md")
    assert len((tmp_path / ".pipeline" / "journal.jsonl").read_text().splitlines()) == 1


def test_approve_seen_records_only_the_text_whose_hash_was_read(tmp_path: Path) -> None:
    path = make_draft(tmp_path, "a")
    seen = _hash(path.read_text())
    path.write_text(path.read_text().replace("snelle", "trage", 1))  # saved after the reviewer read it
    refused = cli(tmp_path, "approve", "a", "--by", "anna", "--seen", seen)
    assert refused.exit_code == 1 and "changed since you read it" in refused.stdout
    assert not (tmp_path / ".pipeline" / "journal.jsonl").exists() or \
        "approved" not in (tmp_path / ".pipeline" / "journal.jsonl").read_text()
    now_seen = _hash(path.read_text())
    done = cli(tmp_path, "approve", "a", "--by", "anna", "--seen", now_seen)
    assert done.exit_code == 0, done.output
    entries = [json.loads(line) for line in (tmp_path / ".pipeline" / "journal.jsonl").read_text().splitlines()]
    assert [(e["action"], e["hash"]) for e in entries] == [("approved", now_seen)]


@pytest.mark.parametrize("seen", ["", "x", "A" * 64, "0" * 63, "0" * 65, "0" * 63 + "\x1b", "0" * 100_000,
                                  "\u00e9" * 64])
def test_approve_seen_that_is_not_a_content_hash_is_one_line_exit_2(tmp_path: Path, seen: str) -> None:
    make_draft(tmp_path, "a")
    result = cli(tmp_path, "approve", "a", "--seen", seen)
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and "--seen: expected a content hash" in result.stderr
    assert "\x1b" not in result.stderr and len(result.stderr) < 300
    assert not (tmp_path / ".pipeline" / "journal.jsonl").exists()


def test_approve_seen_names_one_draft(tmp_path: Path) -> None:
    make_draft(tmp_path, "a")
    make_draft(tmp_path, "b")
    result = cli(tmp_path, "approve", "a", "b", "--seen", "0" * 64)
    assert result.exit_code == 2 and "name one draft" in result.stderr


def test_approve_takes_the_name_from_pipeline_user(tmp_path: Path) -> None:
    make_draft(tmp_path, "a")
    result = cli(tmp_path, "approve", "a", env={"PIPELINE_USER": "Carla"})
    assert result.exit_code == 0 and "by Carla" in result.stdout


def test_approving_an_invalid_draft_is_refused_with_its_errors(tmp_path: Path) -> None:
    make_draft(tmp_path, "a", cover={"image": "https://example.org/x.jpg", "alt": "", "caption": "Foto"})
    result = cli(tmp_path, "approve", "a", "--by", "anna")
    assert result.exit_code == 1
    assert "refused\tdrafts/a.md\thas 1 validation error(s): fix them, then approve" in result.stdout
    assert "drafts/a.md:10: error [required] cover.alt: is missing or empty" in result.stdout
    assert not (tmp_path / ".pipeline" / "journal.jsonl").exists()


def test_an_unlisted_reviewer_is_refused(tmp_path: Path) -> None:
    (tmp_path / "pipeline.toml").write_text('[review]\nreviewers = ["anna"]\n', encoding="utf-8")
    make_draft(tmp_path, "a")
    result = cli(tmp_path, "approve", "a", "--by", "mallory")
    assert result.exit_code == 1
    assert "'mallory' is not a reviewer (review.reviewers lists anna)" in result.stdout
    rejected = cli(tmp_path, "reject", "a", "--by", "mallory", "--reason", "nee")
    assert rejected.exit_code == 1
    assert not (tmp_path / ".pipeline" / "journal.jsonl").exists()


def test_a_path_outside_the_workspace_or_not_a_draft_exits_2(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    make_draft(root, "a")
    (tmp_path / "evil.md").write_text(draft_text(), encoding="utf-8")
    outside = cli(root, "approve", str(tmp_path / "evil.md"), "--by", "anna")
    assert outside.exit_code == 2
    assert outside.stderr.strip() == f"error: {tmp_path / 'evil.md'}: is outside the workspace {root.resolve()}"
    (root / "raw").mkdir(exist_ok=True)
    (root / "raw" / "x.md").write_text("text", encoding="utf-8")
    not_draft = cli(root, "approve", str(root / "raw" / "x.md"), "a", "--by", "anna")
    assert not_draft.exit_code == 2 and "is not in drafts/" in not_draft.stderr
    assert not (root / ".pipeline" / "journal.jsonl").exists()  # nothing done, not even for 'a'


def test_reject_records_the_reason_and_keeps_the_draft(tmp_path: Path) -> None:
    path = make_draft(tmp_path, "a")
    before = path.read_bytes()
    result = cli(tmp_path, "reject", "drafts/a.md", "--by", "bob", "--reason", "Titel klopt niet")
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == before
    review = cli(tmp_path, "review")
    assert review.stdout.splitlines()[0].split("\t") == [
        "rejected", "drafts/a.md", "Artikel a", "rejected by bob: Titel klopt niet"]
    assert cli(tmp_path, "reject", "a", "--by", "bob", "--reason", "  ").exit_code == 2


def test_review_lists_what_waits_and_json_carries_the_details(tmp_path: Path) -> None:
    make_draft(tmp_path, "ready")
    make_draft(tmp_path, "waiting")
    make_draft(tmp_path, "broken", cover={"image": "", "alt": "", "caption": ""})
    approve_in_process(tmp_path, "ready")
    result = cli(tmp_path, "review")
    states = [line.split("\t")[:2] for line in result.stdout.splitlines()[:-1]]
    assert states == [["invalid", "drafts/broken.md"], ["awaiting review", "drafts/waiting.md"]]
    assert result.stdout.splitlines()[-1] == "review: 1 approved, 1 awaiting review, 1 invalid"
    everything = json.loads(cli(tmp_path, "review", "--all", "--json").stdout)
    ready = next(item for item in everything if item["draft"] == "drafts/ready.md")
    assert ready["state"] == "approved"
    assert [d["by"] for d in ready["decisions"]["approvals"]] == ["anna"]
    broken = next(item for item in everything if item["draft"] == "drafts/broken.md")
    assert {p["field"] for p in broken["problems"]} == {"cover.image", "cover.alt", "cover.caption"}


def test_approve_normalises_a_draft_first_so_that_the_next_run_keeps_the_approval(tmp_path: Path) -> None:
    lines = draft_text().split("\n")
    lines.insert(1, lines.pop(lines.index('doelgroep: "BESLISSER"')))
    path = make_draft(tmp_path, "a", "\n".join(lines))
    result = cli(tmp_path, "approve", "a", "--by", "anna")
    assert result.exit_code == 0
    assert "normalised first (key order)" in result.stdout
    approved = path.read_text(encoding="utf-8")
    assert approved.index("summary:") < approved.index("doelgroep:")  # written in canonical form
    entries = [json.loads(line) for line in (tmp_path / ".pipeline" / "journal.jsonl").read_text().splitlines()]
    assert [(e["action"], e.get("by")) for e in entries[-2:]] == [("normalised", "anna"), ("approved", "anna")]
    assert cli(tmp_path, "normalise", "--check").exit_code == 0  # cron's normalise has nothing left to change
    after = json.loads(cli(tmp_path, "review", "--all", "--json").stdout)
    assert {item["draft"]: item["state"] for item in after}["drafts/a.md"] in ("approved", "scheduled")
    make_draft(tmp_path, "b")
    assert "normalised" not in cli(tmp_path, "approve", "b", "--by", "anna").stdout


def _every_rule_on_both_forms(text: str, config: Config) -> list[tuple[str, str, str]]:
    """The plain way check_article must agree with: all rules on the draft, all on its published form."""
    from pipeline.model.forms import published_form
    from pipeline.model.front_matter_read import ArticleError
    from pipeline.stages.front_matter_rules import validate_article
    from pipeline.stages.validate import validate_text

    problems = validate_text(text, "drafts/x.md", config)
    try:
        article = parse_article(text, "drafts/x.md")
    except ArticleError:
        return [(p.code, p.field, p.message) for p in problems]
    seen = {(p.code, p.field, p.message) for p in problems}
    extra = [p for p in validate_article(published_form(article, config)[0], config, published=True)
             if (p.code, p.field, p.message) not in seen]
    return [(p.code, p.field, p.message) for p in [*problems, *extra]]


def test_checking_the_published_form_by_its_field_rules_alone_misses_nothing() -> None:
    from pipeline.stages.assess import check_article
    from tests.stages.test_validate import BROKEN, VALID

    texts = [text for _name, text, *_rest in [*BROKEN, *VALID] if isinstance(text, str)]
    texts += ["Geen front matter, alleen tekst.\n", "---\nTitle: x\ndraft: true\n---\n# Kop\n"]
    for text in texts:
        _article, problems = check_article(text, "drafts/x.md", CONFIG)
        assert [(p.code, p.field, p.message) for p in problems] == _every_rule_on_both_forms(text, CONFIG)


def test_a_decision_put_into_the_journal_by_hand_does_not_count(tmp_path: Path) -> None:
    path = make_draft(tmp_path, "a")
    journal = tmp_path / ".pipeline" / "journal.jsonl"
    assert cli(tmp_path, "reject", "a", "--by", "anna", "--reason", "te kort").exit_code == 0
    forged = {"time": "2026-11-23T10:00:00+01:00", "action": "approved", "article": "drafts/a.md", "by": "bob",
              "hash": _hash(path.read_text())}
    with journal.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(forged) + "\n")
    review = cli(tmp_path, "review", "--json")
    [state] = json.loads(review.stdout)
    assert state["state"] == "rejected" and state["decisions"]["approvals"] == []
    assert any("approved decision by bob does not count" in note for note in state["past"])



def test_an_entry_edited_in_the_journal_shows(tmp_path: Path) -> None:
    make_draft(tmp_path, "a")
    journal = tmp_path / ".pipeline" / "journal.jsonl"
    assert cli(tmp_path, "reject", "a", "--by", "anna", "--reason", "te kort").exit_code == 0
    assert cli(tmp_path, "approve", "a", "--by", "carla").exit_code == 0
    entries = Workspace.open(tmp_path).read_journal()[0]
    assert not any(entry.get("unchained") for entry in entries)
    lines = journal.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace('"anna"', '"bob"')  # the entry after it no longer names it
    journal.write_text("\n".join(lines) + "\n", encoding="utf-8")
    entries = Workspace.open(tmp_path).read_journal()[0]
    assert entries[0].get("unchained") and entries[1].get("unchained")
    assert json.loads(cli(tmp_path, "review", "--json").stdout)[0]["state"] == "awaiting review"
