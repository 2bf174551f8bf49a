"""Revisions of published articles at the desk: listed in the queue, shown as a diff against the live page
with their problems beside the approve button, and approved or rejected as `pipeline approve` and `reject`
record it, bound to the bytes the reviewer read. Every form field and name is tried hostile too."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from pipeline.model.article import content_hash, parse_article
from tests.desk.test_desk import ORIGIN, decide, form_of, journal, page, rows, signed_in
from tests.helpers import cli
from tests.stages.test_revisions import published_with_edits, revision
from tests.stages.test_updates import CORRECTION, NAME, rescraped

REVISION = f"revisions/{NAME}.md"
LIVE = f"published/{NAME}.md"


@pytest.fixture
def revised(bare_workspace: Path) -> Path:
    """A published article whose re-scraped source made a revision (the correction) that waits for review."""
    published_with_edits(bare_workspace)
    rescraped(bare_workspace)
    assert cli(bare_workspace, "ingest").exit_code == 0
    assert revision(bare_workspace).is_file()
    return bare_workspace


def decisions(root: Path) -> list[dict[str, Any]]:
    return [e for e in journal(root) if e.get("article") == REVISION and e["action"] in ("approved", "rejected")]


def post(client: Any, name: str, **fields: str) -> Any:
    csrf = form_of(page(client, f"/article/{REVISION}"))["csrf"]
    return client.post(f"/article/{name}/decide", headers=ORIGIN, data={"csrf": csrf, "action": "approve", **fields})


def test_a_revision_is_in_the_queue_and_the_published_article_points_to_it(revised: Path) -> None:
    _, client = signed_in(revised)
    assert ("awaiting review", REVISION) in rows(page(client, "/"))
    live = page(client, f"/article/{LIVE}")
    assert f'id="revision" href="/article/{REVISION}"' in live and 'id="decide"' not in live


def test_a_revision_shows_as_a_diff_against_the_live_page_with_a_form_bound_to_its_bytes(revised: Path) -> None:
    _, client = signed_in(revised)
    html = page(client, f"/article/{REVISION}")
    assert f"Against the live page ({LIVE})" in html
    against = html.split(f"Against the live page ({LIVE})")[1].split('<div class="change">')[0]
    assert "een goede<ins> en veilige</ins> baan" in against  # the correction, in whole words
    assert '<td class="key">lastmod</td>' not in against and '<td class="key">draft</td>' not in against
    seen = form_of(html)["seen"]
    text = revision(revised).read_text(encoding="utf-8")
    assert seen == content_hash(parse_article(text))
    assert f'action="/article/{REVISION}/decide"' in html and 'id="approve"' in html


def test_approving_a_revision_at_the_desk_records_what_pipeline_approve_records(revised: Path,
                                                                                  tmp_path: Path) -> None:
    twin = tmp_path / "twin"
    shutil.copytree(revised, twin, symlinks=True)
    assert cli(twin, "approve", NAME, "--by", "anna").exit_code == 0
    _, client = signed_in(revised)
    html = decide(client, REVISION, "approve")
    assert "approved: by anna; approvals complete" in html and "<strong>approved</strong>" in html

    def recorded(root: Path) -> list[dict[str, Any]]:
        return [{key: value for key, value in entry.items() if key not in ("time", "prev", "actor", "os_user")}
                for entry in decisions(root)]

    assert recorded(revised) == recorded(twin) != []
    assert decisions(revised)[0]["hash"] == content_hash(parse_article(revision(revised).read_text(encoding="utf-8")))
    promoted = cli(revised, "promote")
    assert promoted.exit_code == 0, promoted.stdout
    assert CORRECTION[1] in (revised / LIVE).read_text(encoding="utf-8") and not revision(revised).exists()


def test_a_revision_rejected_at_the_desk_says_why_and_stays(revised: Path) -> None:
    _, client = signed_in(revised)
    html = decide(client, REVISION, "reject", "de correctie klopt niet")
    assert "rejected: by anna: de correctie klopt niet" in html
    assert [(e["action"], e["reason"]) for e in decisions(revised)] == [("rejected", "de correctie klopt niet")]
    assert revision(revised).exists()


def test_what_blocks_a_revision_stands_beside_the_approve_button(revised: Path) -> None:
    path = revision(revised)
    long_title = "Kunstmatige intelligentie verandert de arbeidsmarkt van bakkers, redacteuren en chauffeurs " \
                 "in een enkel jaar ingrijpend"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(text.split("\n")[1], f'title: "{long_title}"', 1), encoding="utf-8")
    _, client = signed_in(revised)
    html = page(client, f"/article/{REVISION}")
    form = html.split('id="decide"')[1].split("</form>")[0]
    assert form.index('id="blocking"') < form.index('id="approve"')
    assert '<strong class="field">title</strong>' in form.split('id="blocking"')[1]
    html = decide(client, REVISION, "approve")
    assert "validation error" in html and not decisions(revised)


# --- hostile ------------------------------------------------------------------------------------


@pytest.mark.parametrize("seen", ["0" * 64, "f" * 64, "", "\u00e9" * 64, "\x00", "0" * 200_000, "../" * 30])
def test_a_forged_or_foreign_hash_records_nothing(revised: Path, seen: str) -> None:
    _, client = signed_in(revised)
    html = decide(client, REVISION, "approve", seen=seen)
    assert '<p class="flash error" role="status">' in html and "read it again, then decide" in html
    assert not decisions(revised)


def test_the_hash_of_the_live_page_or_of_the_text_before_an_edit_is_refused(revised: Path) -> None:
    _, client = signed_in(revised)
    read = form_of(page(client, f"/article/{REVISION}"))["seen"]  # read, then edited by an editor
    path = revision(revised)
    path.write_text(path.read_text(encoding="utf-8").replace("veilige", "onveilige", 1), encoding="utf-8")
    html = decide(client, REVISION, "approve", seen=read)
    assert "changed since you read it" in html
    published = content_hash(parse_article((revised / LIVE).read_text(encoding="utf-8")))
    html = decide(client, REVISION, "approve", seen=published)
    assert "changed since you read it" in html
    assert not decisions(revised)


@pytest.mark.parametrize("name", [f"revisions/../drafts/{NAME}.md", f"revisions/../{LIVE}",
                                  "revisions/../../etc/passwd", f"revisions/%2e%2e/{LIVE}",
                                  "revisions/" + "a" * 300 + ".md", "revisions/" + "x/" * 2100 + "y.md",
                                  f"revisions/{NAME}", "revisions/", f"revisions/.{NAME}.md"])
def test_a_revision_name_with_dots_or_too_long_or_not_a_file_is_404_and_records_nothing(revised: Path,
                                                                                         name: str) -> None:
    _, client = signed_in(revised)
    assert client.get(f"/article/{name}").status_code == 404
    assert post(client, name, seen="0" * 64).status_code == 404
    assert not decisions(revised)


@pytest.mark.parametrize("inside", [False, True])
def test_a_revision_that_is_a_link_is_never_shown_nor_decided_on(revised: Path, tmp_path: Path,
                                                                inside: bool) -> None:
    path = revision(revised)
    elsewhere = (revised / "notes.md") if inside else (tmp_path / "elsewhere.md")
    elsewhere.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    seen = content_hash(parse_article(elsewhere.read_text(encoding="utf-8")))
    _, client = signed_in(revised)
    csrf = form_of(page(client, f"/article/{REVISION}"))["csrf"]
    path.unlink()
    path.symlink_to(elsewhere)
    queue = page(client, "/?state=all")
    assert ("invalid", REVISION) in rows(queue)  # listed, and why: it is a link
    assert "symbolic link" in queue
    assert client.get(f"/article/{REVISION}").status_code == 404
    response = client.post(f"/article/{REVISION}/decide", headers=ORIGIN,
                           data={"csrf": csrf, "action": "approve", "seen": seen})
    assert response.status_code == 404
    assert not decisions(revised) and elsewhere.read_text(encoding="utf-8")
