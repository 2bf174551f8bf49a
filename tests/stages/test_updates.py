"""A re-scraped source is an update of its article: an untouched draft is refreshed, an edited or
published one gets the update beside it until an editor takes or dismisses it; never a second draft."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from pipeline.model.article import parse_article
from pipeline.model.fingerprint import SAME_ARTICLE, bands, resemblance
from tests.conftest import EXAMPLE_RAW, another_article, run_installed
from tests.helpers import articles, cli

NAME = "2026-02-11-kunstmatige-intelligentie-verandert-de-arbeidsmarkt"
BODY = EXAMPLE_RAW.read_text(encoding="utf-8").split(" ", 3)[3]
FRONT = ('---\ntitle: "Kunstmatige intelligentie verandert de arbeidsmarkt"\ndate: 2026-02-11\ncover:\n'
         '  image: "https://images.example.org/robot.jpg"\n  alt: "Een robot"\n  caption: "Een robot aan het werk"\n'
         '---\n')
CORRECTION = ("Volgens haar verschuiven oude ideeën over wat een goede baan is.",
              "Volgens haar verschuiven oude ideeën over wat een goede en veilige baan is.")


def raw_page(body: str = BODY) -> str:
    """A raw Markdown page with its own front matter: its draft is valid as ingested, so it can be approved."""
    return FRONT + body


def journal(root: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (root / ".pipeline" / "journal.jsonl").read_text().splitlines()]


def draft(root: Path) -> Path:
    return root / "drafts" / f"{NAME}.md"


def ingested_page(root: Path) -> Path:
    (root / "raw" / "a.md").write_text(raw_page(), encoding="utf-8")
    assert cli(root, "ingest").exit_code == 0
    assert articles(root)["drafts"] == [f"{NAME}.md"]
    return draft(root)


def rescraped(root: Path, name: str = "a.md") -> None:
    assert CORRECTION[0] in BODY
    (root / "raw" / name).write_text(raw_page(BODY.replace(*CORRECTION)), encoding="utf-8")


def ingested_again_unchanged(root: Path) -> str:
    """The page scraped again in other bytes (a blank line more), the same article, and ingested: what
    ingest said."""
    (root / "raw" / "a.md").write_text(raw_page() + "\n", encoding="utf-8")
    result = cli(root, "ingest")
    assert result.exit_code == 0, result.stdout
    return result.stdout


# --- the fingerprint ----------------------------------------------------------------------------


def test_a_corrected_or_longer_text_resembles_its_original_and_another_article_does_not() -> None:
    corrected = BODY.replace(*CORRECTION)
    longer = BODY + "\n\nEen nieuwe alinea met meer uitleg over wat werkgevers nu van plan zijn te doen.\n"
    assert resemblance(BODY, corrected) > 0.9
    assert resemblance(BODY, longer) > SAME_ARTICLE
    assert resemblance(BODY, another_article(1)) < 0.2
    assert set(bands(BODY)) & set(bands(corrected))  # a shared band: found as a candidate
    assert not set(bands(BODY)) & set(bands(another_article(1)))
    assert bands(BODY) == bands(BODY) and len(bands(BODY)) == 8  # stable: kept in the record
    assert bands("Te kort om iets over te zeggen.") == []


# --- untouched, edited, published ------------------------------------------------------------------


def test_an_untouched_draft_is_refreshed_and_its_approval_is_void(bare_workspace: Path) -> None:
    root = bare_workspace
    path = ingested_page(root)
    assert cli(root, "approve", NAME, "--by", "anna").exit_code == 0
    rescraped(root)
    result = cli(root, "ingest")
    assert result.exit_code == 0, result.stdout
    assert f"updated\traw/a.md\tdrafts/{NAME}.md (refreshed" in result.stdout
    assert "refreshed from its updated source" in result.stdout and "(the same source file)" in result.stdout
    assert articles(root)["drafts"] == [f"{NAME}.md"]  # no second draft
    assert CORRECTION[1] in path.read_text(encoding="utf-8")
    assert [e["action"] for e in journal(root)][-1] == "refreshed"
    refreshed = journal(root)[-1]["evidence"]  # where each value came from travels with the journal
    assert isinstance(refreshed, dict) and refreshed["shape"] and "title" in refreshed
    review = cli(root, "review").stdout
    assert "approval void" in review and "source updated after approval by anna" in review
    assert cli(root, "ingest").stdout.strip() == "ingest: 1 skipped"  # idempotent


def test_a_second_update_of_a_refreshed_draft_refreshes_it_again(bare_workspace: Path) -> None:
    root = bare_workspace
    path = ingested_page(root)
    rescraped(root)
    assert cli(root, "ingest").exit_code == 0
    (root / "raw" / "a.md").write_text(raw_page(BODY.replace(*CORRECTION) + "\nEen laatste zin erbij.\n"),
                                       encoding="utf-8")
    assert "refreshed" in cli(root, "ingest").stdout
    assert "Een laatste zin erbij." in path.read_text(encoding="utf-8")


def test_an_edited_draft_keeps_the_edit_and_the_update_waits_beside_it(bare_workspace: Path) -> None:
    root = bare_workspace
    path = ingested_page(root)
    edited = path.read_text(encoding="utf-8").replace("Een robot aan het werk", "Een robot aan een bureau")
    path.write_text(edited, encoding="utf-8")
    rescraped(root)
    result = cli(root, "ingest")
    assert f"source updated: updates/{NAME}.md waits beside it" in result.stdout
    assert path.read_text(encoding="utf-8") == edited  # the editor's text is never replaced
    update = root / "updates" / f"{NAME}.md"
    assert CORRECTION[1] in update.read_text(encoding="utf-8")
    assert articles(root)["drafts"] == [f"{NAME}.md"]
    status = json.loads(cli(root, "status", "--json").stdout)
    assert status["counts"]["source_updated"] == 1
    assert any(line.startswith("source updated for 1 article(s)") for line in status["next"])
    review = cli(root, "review").stdout
    assert f"source updated\tdrafts/{NAME}.md" in review and f"pipeline take-update {NAME}" in review
    refused = cli(root, "approve", NAME, "--by", "anna")  # decide on the update first
    assert refused.exit_code == 1 and "source updated" in refused.stdout
    assert cli(root, "promote").stdout.strip().startswith("promote: nothing")

    taken = cli(root, "take-update", NAME)
    assert taken.exit_code == 0, taken.stdout
    assert path.read_text(encoding="utf-8") == update_text(root, edited) and not update.exists()
    assert "awaiting review" in cli(root, "review").stdout
    assert [e["action"] for e in journal(root)][-1] == "update-taken"
    again = cli(root, "take-update", NAME)
    assert again.exit_code == 1 and "has no source update waiting" in again.stdout


def update_text(root: Path, edited: str) -> str:
    """What the draft holds after the update was taken: the re-scraped source's draft, whole."""
    text = (root / "drafts" / f"{NAME}.md").read_text(encoding="utf-8")
    assert text != edited and CORRECTION[1] in text
    return text


def test_a_dismissed_update_leaves_the_draft_as_it_is(bare_workspace: Path) -> None:
    root = bare_workspace
    path = ingested_page(root)
    edited = path.read_text(encoding="utf-8") + "\nEen zin van de redactie.\n"
    path.write_text(edited, encoding="utf-8")
    rescraped(root)
    assert cli(root, "ingest").exit_code == 0
    dismissed = cli(root, "dismiss-update", NAME)
    assert dismissed.exit_code == 0 and "update dismissed" in dismissed.stdout
    assert path.read_text(encoding="utf-8") == edited
    assert not (root / "updates" / f"{NAME}.md").exists()
    assert "source updated" not in cli(root, "review").stdout
    assert json.loads(cli(root, "status", "--json").stdout)["counts"]["source_updated"] == 0
    assert "update-dismissed" in cli(root, "history", NAME).stdout


def test_a_text_match_of_a_published_article_is_a_new_draft_until_an_editor_merges_it(bare_workspace: Path) -> None:
    root = bare_workspace
    ingested_page(root)
    assert cli(root, "approve", NAME, "--by", "anna").exit_code == 0
    assert cli(root, "promote").exit_code == 0
    published = (root / "published" / f"{NAME}.md").read_bytes()
    rescraped(root, "b.md")  # another file name, nearly the same text: only the text matches
    result = cli(root, "ingest")
    new = f"drafts/{NAME}-2.md"
    assert f"ingested\traw/b.md\t{new} (possible duplicate of published/{NAME}.md: 98% the same text)" \
        in result.stdout, result.stdout
    assert (root / "published" / f"{NAME}.md").read_bytes() == published
    status = json.loads(cli(root, "status", "--json").stdout)
    assert status["counts"]["possible_duplicates"] == 1
    assert any(new in line and f"published/{NAME}.md" in line for line in status["next"]), status["next"]
    merged = cli(root, "merge-duplicate", f"{NAME}-2")
    assert merged.exit_code == 0, merged.stdout
    assert articles(root) == {"drafts": [], "published": [f"{NAME}.md"]}
    assert CORRECTION[1] in (root / "updates" / f"{NAME}.md").read_text(encoding="utf-8")
    status = json.loads(cli(root, "status", "--json").stdout)
    assert status["published_updated"] == [f"published/{NAME}.md"] and status["counts"]["source_updated"] == 1
    refused = cli(root, "take-update", NAME)
    assert refused.exit_code == 1 and f"pipeline revise {NAME}" in refused.stdout
    assert cli(root, "dismiss-update", NAME).exit_code == 0
    assert json.loads(cli(root, "status", "--json").stdout)["counts"]["source_updated"] == 0


def test_the_same_text_again_changes_nothing(bare_workspace: Path) -> None:
    root = bare_workspace
    path = ingested_page(root)
    before = path.read_bytes()
    assert "read again: nothing new for readers" in ingested_again_unchanged(root)
    assert path.read_bytes() == before and not (root / "updates").exists()
    assert [e["action"] for e in journal(root)][-1] == "rescraped"


def test_a_feed_scraped_again_updates_its_articles_by_url_and_adds_only_the_new_one(bare_workspace: Path) -> None:
    root = bare_workspace

    def item(number: int) -> str:
        return json.dumps({"title": f"Bericht {number} over het plan", "published": "2026-02-11",
                           "link": f"https://www.example.nl/{number}", "body": another_article(number)})

    (root / "raw" / "feed.jsonl").write_text(f"{item(1)}\n{item(2)}\n", encoding="utf-8")
    assert cli(root, "ingest").exit_code == 0
    assert len(articles(root)["drafts"]) == 2
    # The next scrape: a new item first, the two known ones shifted down.
    (root / "raw" / "feed.jsonl").write_text(f"{item(3)}\n{item(1)}\n{item(2)}\n", encoding="utf-8")
    result = cli(root, "ingest")
    assert result.exit_code == 0, result.stdout
    assert len(articles(root)["drafts"]) == 3
    assert result.stdout.count("read again: nothing new for readers (the same URL)") == 2


def test_an_item_of_a_file_is_never_an_update_of_its_sibling(bare_workspace: Path) -> None:
    root = bare_workspace
    text = BODY
    lines = [json.dumps({"title": f"Deel {n}", "published": "2026-02-11", "body": f"Deel {n}. {text}"}) for n in (1, 2)]
    (root / "raw" / "twee.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert cli(root, "ingest").exit_code == 0
    assert len(articles(root)["drafts"]) == 2  # a feed's items are its own articles, however alike


def test_a_new_text_is_shingled_once_however_many_articles_it_is_compared_with(
        bare_workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each candidate is compared with the new text's shingles made once (they were made again for each)."""
    import pipeline.model.fingerprint as fingerprint
    import pipeline.stages.updates as updates

    root = bare_workspace
    lines = [json.dumps({"title": f"Deel {n}", "published": "2026-02-11", "body": f"Deel {n}. {BODY}"}) for n in (1, 2)]
    (root / "raw" / "twee.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert cli(root, "ingest").exit_code == 0
    shingled: list[str] = []
    original = fingerprint.shingles

    def counted(text: str) -> set[int]:
        shingled.append(text)
        return original(text)

    monkeypatch.setattr(fingerprint, "shingles", counted)
    monkeypatch.setattr(updates, "shingles", counted, raising=False)  # where it is imported by name
    rescraped(root, "nog-eens.md")  # nearly the text of both items: two candidates
    result = cli(root, "ingest")
    assert result.exit_code == 0 and "% the same text" in result.stdout
    assert len(shingled) == 4  # the new text for its bands and for the comparisons, and each candidate once
    assert max(Counter(shingled).values()) == 2


def test_a_lost_record_still_knows_an_untouched_draft(bare_workspace: Path) -> None:
    root = bare_workspace
    path = ingested_page(root)
    (root / ".pipeline" / "ingested.json").unlink()
    rescraped(root)
    assert "refreshed" in cli(root, "ingest").stdout  # the journal says what the pipeline wrote
    assert CORRECTION[1] in path.read_text(encoding="utf-8")


def test_a_deleted_draft_is_made_anew(bare_workspace: Path) -> None:
    root = bare_workspace
    path = ingested_page(root)
    path.unlink()  # an editor threw it away
    rescraped(root)
    assert "ingested" in cli(root, "ingest").stdout
    assert articles(root)["drafts"] == [f"{NAME}.md"]


def test_updates_linked_out_of_the_workspace_stop_every_command(bare_workspace: Path, tmp_path: Path) -> None:
    root = bare_workspace
    outside = tmp_path / "elders"
    outside.mkdir()
    (root / "updates").symlink_to(outside)
    result = cli(root, "ingest")
    assert result.exit_code == 2 and "updates/: is a symbolic link out of the workspace" in result.stderr


def test_the_installed_command_keeps_an_editors_draft_and_takes_the_update_on_request(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    (root / "raw").mkdir(parents=True)
    (root / ".pipeline").mkdir()
    (root / "raw" / "a.md").write_text(raw_page(), encoding="utf-8")
    assert run_installed("ingest", cwd=root).returncode == 0
    path = draft(root)
    path.write_text(path.read_text(encoding="utf-8").replace("Een robot aan het werk", "Een robot"),
                    encoding="utf-8")
    rescraped(root)
    copy = (root / "raw" / "a.md").read_text(encoding="utf-8") + "\nEen zin die alleen de kopie heeft.\n"
    (root / "raw" / "a-kopie.md").write_text(copy, encoding="utf-8")  # and another scrape under another name
    out = run_installed("ingest", cwd=root).stdout
    # the same file is an update; the other name only matches by text: a draft of its own, marked
    assert out.count("updated\t") == 1 and out.count("possible duplicate of") == 1, out
    assert len(articles(root)["drafts"]) == 2
    status = run_installed("status", cwd=root).stdout
    assert "source updated" in status and "possible duplicate" in status
    assert run_installed("take-update", NAME, cwd=root).returncode == 0
    meta = parse_article(path.read_text(encoding="utf-8")).meta
    assert meta["cover"]["caption"] == "Een robot aan het werk" and meta["source"]["file"] == "raw/a.md"


KILLED_AFTER_REFRESH = """
import os, signal, sys
from pathlib import Path
from pipeline.store.workspace import Workspace
from pipeline.stages.ingest import run_ingest

real = Workspace.replace_if_unchanged

def replace_if_unchanged(self, path, text, expected):
    done = real(self, path, text, expected)
    os.kill(os.getpid(), signal.SIGKILL)  # refreshed, not yet journalled

Workspace.replace_if_unchanged = replace_if_unchanged
workspace = Workspace.open(Path(sys.argv[1]))
run_ingest(workspace, workspace.load_config())
"""


def test_a_refresh_killed_before_its_journal_line_is_finished_by_the_next_ingest(bare_workspace: Path) -> None:
    import signal
    import subprocess
    import sys

    from tests.conftest import REPO

    root = bare_workspace
    path = ingested_page(root)
    rescraped(root)
    child = subprocess.run([sys.executable, "-c", KILLED_AFTER_REFRESH, str(root)], cwd=REPO, capture_output=True,
                           text=True, timeout=120, check=False)
    assert child.returncode == -signal.SIGKILL, child.stderr
    refreshed = path.read_text(encoding="utf-8")
    assert CORRECTION[1] in refreshed and "refreshed" not in [e["action"] for e in journal(root)]
    result = cli(root, "ingest")
    assert "refreshed from its updated source" in result.stdout  # journalled now, not taken for an editor's edit
    assert path.read_text(encoding="utf-8") == refreshed and not (root / "updates").exists()
    assert articles(root)["drafts"] == [f"{NAME}.md"]
