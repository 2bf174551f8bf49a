"""The desk on a reviewer's clone, with real git: what changed and where each value came from are shown
there as on the machine that ingested (snapshots and raw/ stay on that machine; the journal and the
commits travel)."""

from __future__ import annotations

import re
from pathlib import Path

from flask.testing import FlaskClient

from pipeline.desk.app import Desk, create_app
from pipeline.store.clock import now
from pipeline.store.team import attach
from pipeline.store.workspace import Workspace
from tests.e2e.test_team import Team, git, pipeline
from tests.stages.test_updates import NAME


def desk_on(root: Path, reviewer: str) -> FlaskClient:
    """The desk on a clone, as `pipeline desk` opens it there (the workspace's git attached)."""
    workspace = Workspace.open(root, create=False)
    config = workspace.load_config()
    attach(workspace, config)
    desk = Desk(workspace, config, reviewer, lambda: now(config.zone))
    client = create_app(desk).test_client()
    assert client.get(f"/?token={desk.token}").status_code == 303
    return client


def article_page(client: FlaskClient) -> str:
    response = client.get(f"/article/drafts/{NAME}.md")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def change_named(html: str, title: str) -> str:
    return html.split(title)[1].split('<div class="change">')[0]


def test_a_reviewer_clone_shows_the_changes_and_the_evidence_the_cron_machine_shows(tmp_path: Path) -> None:
    team = Team(tmp_path)
    cron = team.scraped_draft()  # ingested and committed on the cron machine
    anna = team.clone("anna")
    assert "approved" in pipeline(anna, "approve", NAME).stdout  # decided and committed on anna's clone
    pipeline(anna, "sync")
    editor = team.clone("editor", sign=False)  # an editor changes the title and a word after the approval
    draft = editor / "drafts" / f"{NAME}.md"
    text = draft.read_text(encoding="utf-8")
    edited = text.replace('title: "Kunstmatige intelligentie verandert de arbeidsmarkt"',
                          'title: "Zo veranderde AI de arbeidsmarkt"').replace("goede baan", "veilige baan")
    assert edited.count("veilige baan") == 1 and "Zo veranderde" in edited
    draft.write_text(edited, encoding="utf-8")
    git(editor, "commit", "-q", "-am", "title")
    pipeline(editor, "sync")
    bob = team.clone("bob")  # a reviewer's fresh clone: no snapshots, no raw files
    assert not (bob / ".pipeline" / "snapshots").exists()
    assert [path.name for path in (bob / "raw").iterdir()] == [".gitkeep"]  # init's placeholder only
    html = article_page(desk_on(bob, "bob"))
    since_approval = change_named(html, "Since the approval by anna")
    assert "not known" not in since_approval
    assert ('<td class="key">title</td><td class="before"><del>Kunstmatige intelligentie verandert de arbeidsmarkt'
            '</del></td><td class="after"><ins>Zo veranderde AI de arbeidsmarkt</ins></td>') in since_approval
    assert "<del>goede</del><ins>veilige</ins>" in since_approval
    since_ingest = change_named(html, "Since ingest")
    assert "not known" not in since_ingest and "made again" not in since_ingest
    assert "Zo veranderde AI de arbeidsmarkt</ins>" in since_ingest
    assert "<del>goede</del><ins>veilige</ins>" in since_ingest
    fields = html.split('id="fields"')[1].split("</table>")[0]
    title = re.search(r'<td class="key">title</td>.*?</tr>', fields, re.S)[0]  # type: ignore[index]
    assert "the source&#39;s own title" in title  # where the value came from, as ingest said on cron
    assert 'id="evidence-note"' not in html
    cron_html = article_page(desk_on(cron, "cron"))  # the machine that ingested shows the same evidence
    cron_fields = cron_html.split('id="fields"')[1].split("</table>")[0]
    assert re.findall(r'<td class="evidence">(.*?)</td>', cron_fields, re.S) == \
        re.findall(r'<td class="evidence">(.*?)</td>', fields, re.S)
    raw = html.split('class="source raw-file"')[1].split("</div>")[0]
    assert "raw/ is never pushed" in raw  # the raw file itself stays on the cron machine, and the page says so


def test_a_revision_made_on_an_editors_clone_is_read_against_the_live_page_and_approved_on_a_reviewers(
        tmp_path: Path) -> None:
    from tests.desk.test_desk import ORIGIN, form_of
    from tests.stages.test_updates import CORRECTION

    team = Team(tmp_path)
    cron = team.scraped_draft()
    pipeline(team.clone("anna"), "approve", NAME)
    pipeline(cron, "run", "--sync")  # published
    editor = team.clone("editor", sign=False)
    assert "sent: the change is on origin/main" in pipeline(editor, "revise", NAME).stdout  # travels by itself
    revision = editor / "revisions" / f"{NAME}.md"
    revision.write_text(revision.read_text(encoding="utf-8").replace(*CORRECTION), encoding="utf-8")
    git(editor, "commit", "-q", "-am", "the correction")
    pipeline(editor, "sync")
    bob = team.clone("bob")
    client = desk_on(bob, "bob")
    queue = client.get("/").get_data(as_text=True)
    assert f"revisions/{NAME}.md" in queue
    html = client.get(f"/article/revisions/{NAME}.md").get_data(as_text=True)
    against = change_named(html, f"Against the live page (published/{NAME}.md)")
    assert "een goede<ins> en veilige</ins> baan" in against
    fields = {**form_of(html), "action": "approve", "text": ""}
    response = client.post(f"/article/revisions/{NAME}.md/decide", data=fields, headers=ORIGIN)
    assert response.status_code == 303
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "approved: by bob; approvals complete; sent to origin/main" in shown
    assert git(bob, "status", "--porcelain") == "" and git(team.remote, "log", "-1", "--format=%an|%s", "main") == \
        f"bob|approved revisions/{NAME}.md"
    assert "revised" in pipeline(cron, "run", "--sync").stdout
    assert CORRECTION[1] in git(team.remote, "show", f"main:published/{NAME}.md")
    assert not team.remote_has(f"revisions/{NAME}.md")
