"""The review desk's handlers, through Flask's test client: the queue and its filter, an article (its fields,
problems, evidence, raw source, the page as rendered), what changed, decisions, and what keeps it safe."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from pipeline.desk.app import Desk, create_app
from pipeline.store.clock import now
from pipeline.store.workspace import Workspace
from tests.conftest import EXAMPLE_DRAFT_NAME, EXAMPLE_RAW
from tests.helpers import approve_in_process, cli, draft_text, make_draft

ORIGIN = {"Origin": "http://localhost"}
COVER = ('cover:\n  image: "https://images.example.org/robot.jpg"\n  alt: "Een robot aan een bureau"\n'
         '  caption: "Foto: redactie"\n')


def open_desk(root: Path, reviewer: str = "anna", hugo: str | None = None) -> tuple[Desk, FlaskClient]:
    workspace = Workspace.open(root, create=False)
    config = workspace.load_config()
    desk = Desk(workspace, config, reviewer, lambda: now(config.zone), hugo=hugo)
    return desk, create_app(desk).test_client()


def signed_in(root: Path, reviewer: str = "anna", hugo: str | None = None) -> tuple[Desk, FlaskClient]:
    desk, client = open_desk(root, reviewer, hugo)
    response = client.get(f"/?token={desk.token}")
    assert response.status_code == 303 and response.headers["Location"] == "/"
    return desk, client


def page(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_data(as_text=True)


def form_of(html: str) -> dict[str, str]:
    return {name: re.search(rf'name="{name}" value="([^"]*)"', html)[1]  # type: ignore[index]
            for name in ("csrf", "seen")}


def decide(client: FlaskClient, name: str, action: str, text: str = "", **override: Any) -> str:
    """Read the article, then approve or reject it as the page's form does; the page after the redirect."""
    fields = {**form_of(page(client, f"/article/{name}")), "action": action, "text": text, **override}
    response = client.post(f"/article/{name}/decide", data=fields, headers=ORIGIN)
    assert response.status_code == 303, response.get_data(as_text=True)
    return page(client, response.headers["Location"])


def approval_form(root: Path) -> tuple[FlaskClient, dict[str, str]]:
    """A reviewer signed in, and the approval of the draft waiting for review as its page's form posts it."""
    _, client = signed_in(root)
    return client, {**form_of(page(client, "/article/wacht-op-review")), "action": "approve", "text": ""}


def journal(root: Path) -> list[dict[str, Any]]:
    path = root / ".pipeline" / "journal.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def rows(html: str) -> list[tuple[str, str]]:
    """(state, draft) of each row of the queue."""
    return re.findall(r'<td class="state">([^<]*)</td>\s*<td class="name"><a href="[^"]*">([^<]*)</a>', html)


@pytest.fixture
def reviewed(tmp_path: Path) -> Path:
    """Drafts in every state a reviewer sees, and one that is invalid."""
    root = tmp_path / "ws"
    (root / ".pipeline").mkdir(parents=True)
    (root / "raw").mkdir()
    make_draft(root, "wacht-op-review")
    make_draft(root, "afgewezen")
    make_draft(root, "gepland", date="2026-12-24T10:00:00+01:00")
    make_draft(root, "bewerkt")
    make_draft(root, "ongeldig", text=draft_text(title="Ongeldig").replace('  alt: "A close-up', '  alt: ""\n  x: "'))
    approve_in_process(root, "gepland")
    approve_in_process(root, "bewerkt")
    edited = (root / "drafts" / "bewerkt.md").read_text(encoding="utf-8").replace("snelle", "trage", 1)
    (root / "drafts" / "bewerkt.md").write_text(edited, encoding="utf-8")
    assert cli(root, "reject", "afgewezen", "--by", "bob", "--reason", "bron ontbreekt").exit_code == 0
    return root


# --- the queue ------------------------------------------------------------------------------------


def test_the_queue_lists_what_a_reviewer_acts_on_with_its_state_and_what_blocks_it(reviewed: Path) -> None:
    _, client = signed_in(reviewed)
    html = page(client, "/")
    assert sorted(rows(html)) == [("approval void", "drafts/bewerkt.md"),
                                  ("awaiting review", "drafts/wacht-op-review.md"),
                                  ("rejected", "drafts/afgewezen.md"), ("scheduled", "drafts/gepland.md")]
    assert "rejected by bob: bron ontbreekt" in html
    assert "edited after approval by anna: approve again" in html
    assert "approved; publishes from 2026-12-24T10:00:00+01:00" in html
    assert "ongeldig" not in html.split('id="queue"')[1].split("</table>")[0]  # invalid: not the reviewer's yet


def test_a_possible_duplicate_is_in_the_queue_naming_both_articles_and_cannot_be_approved(reviewed: Path) -> None:
    from pipeline.store.journal import Action, Journal, entry

    make_draft(reviewed, "dinsdag")
    workspace = Workspace.open(reviewed)
    Journal(workspace).append([entry(now(workspace.load_config().zone), Action.INGESTED, "drafts/dinsdag.md",
                                     source="raw/dinsdag.md", sha256="1" * 64, duplicate_of="drafts/wacht-op-review.md",
                                     reason="78% the same text")])
    _, client = signed_in(reviewed)
    html = page(client, "/")
    assert ("possible duplicate", "drafts/dinsdag.md") in rows(html)
    assert "possible duplicate of drafts/wacht-op-review.md (78% the same text)" in html
    decided = decide(client, "dinsdag", "approve")
    assert "possible duplicate" in decided
    assert [e["action"] for e in journal(reviewed) if e.get("article") == "drafts/dinsdag.md"] == ["ingested"]


def test_the_filter_narrows_the_queue_by_state_and_by_words(reviewed: Path) -> None:
    _, client = signed_in(reviewed)
    assert rows(page(client, "/?state=rejected")) == [("rejected", "drafts/afgewezen.md")]
    assert rows(page(client, "/?state=invalid")) == [("invalid", "drafts/ongeldig.md")]
    assert len(rows(page(client, "/?state=all"))) == 5
    assert rows(page(client, "/?q=GEPLAND")) == [("scheduled", "drafts/gepland.md")]
    assert rows(page(client, "/?state=rejected&q=gepland")) == []
    assert "invalid (1)" in page(client, "/")


def test_the_queue_keeps_up_with_edits_new_drafts_and_decisions_made_elsewhere(reviewed: Path) -> None:
    _, client = signed_in(reviewed)
    assert ("awaiting review", "drafts/wacht-op-review.md") in rows(page(client, "/"))
    approve_in_process(reviewed, "wacht-op-review", by="carla")  # the CLI, meanwhile
    make_draft(reviewed, "nieuw")
    (reviewed / "drafts" / "afgewezen.md").unlink()
    found = rows(page(client, "/?state=all"))
    assert ("approved", "drafts/wacht-op-review.md") in found
    assert ("awaiting review", "drafts/nieuw.md") in found
    assert "drafts/afgewezen.md" not in [name for _, name in found]


def test_the_latest_published_are_listed(reviewed: Path) -> None:
    approve_in_process(reviewed, "wacht-op-review")
    assert cli(reviewed, "promote").exit_code == 0
    _, client = signed_in(reviewed)
    published = page(client, "/").split('id="published"')[1]
    assert "published/wacht-op-review.md" in published and "approved by anna" in published
    assert "Artikel wacht-op-review" in page(client, "/article/published/wacht-op-review.md")


# --- an article -----------------------------------------------------------------------------------


def test_an_article_shows_its_fields_problems_by_field_and_line_evidence_and_raw_source(workspace: Path) -> None:
    assert cli(workspace, "ingest").exit_code == 0
    _, client = signed_in(workspace)
    html = page(client, f"/article/{EXAMPLE_DRAFT_NAME[:-3]}")  # a slug, as on the command line
    assert f"drafts/{EXAMPLE_DRAFT_NAME}" in html and "<strong>invalid</strong>" in html
    fields = html.split('id="fields"')[1].split("</table>")[0]
    cover = re.search(r'<td class="key">cover.image</td>.*?</tr>', fields, re.S)[0]  # type: ignore[index]
    assert "error [required] is missing or empty: an editor must fill it in" in cover
    date = re.search(r'<td class="key">date</td>.*?</tr>', fields, re.S)[0]  # type: ignore[index]
    assert "iso date: line 1: header" in date  # where the value came from, made again from the raw file
    lines = html.split('id="draft-lines"')[1].split("</ol>")[0]
    line = re.search(r'<li value="(\d+)" class="has-problems"><code>  image: &#34;&#34;</code>', lines)
    assert line is not None  # the problem beside the line it names too
    raw = html.split('id="raw-source"')[1].split("</pre>")[0]
    assert "Kunstmatige intelligentie verandert de arbeidsmarkt razendsnel" in raw
    assert "raw/2026-02-11-ai-banen-dump.txt" in html
    assert "ingested" in html.split('id="history"')[1]


def test_where_values_came_from_is_kept_in_the_journal_and_the_raw_file_only_shown_while_unchanged(
        workspace: Path) -> None:
    assert cli(workspace, "ingest").exit_code == 0
    (workspace / "raw" / "2026-02-11-ai-banen-dump.txt").write_text("iets anders\n", encoding="utf-8")
    _, client = signed_in(workspace)
    html = page(client, f"/article/drafts/{EXAMPLE_DRAFT_NAME}")
    date = re.search(r'<td class="key">date</td>.*?</tr>', html.split('id="fields"')[1], re.S)[0]  # type: ignore[index]
    assert "iso date: line 1: header" in date  # as ingest recorded it in the journal
    assert 'id="evidence-note"' not in html and 'id="raw-source"' not in html
    assert "Not known: its raw file raw/2026-02-11-ai-banen-dump.txt has changed since" in html
    # A draft ingested before the journal kept the evidence: made again from the raw file, which changed.
    path = workspace / ".pipeline" / "journal.jsonl"
    entries = [{key: value for key, value in item.items() if key != "evidence"} for item in journal(workspace)]
    path.write_text("".join(json.dumps(item) + "\n" for item in entries), encoding="utf-8")
    _, client = signed_in(workspace)
    html = page(client, f"/article/drafts/{EXAMPLE_DRAFT_NAME}")
    assert "Where each value came from: not known: its raw file raw/2026-02-11-ai-banen-dump.txt has changed since" \
        in html
    assert 'id="raw-source"' not in html


def test_evidence_in_a_journal_edited_by_hand_is_taken_as_text_only_and_shown_escaped(workspace: Path) -> None:
    assert cli(workspace, "ingest").exit_code == 0
    path = workspace / ".pipeline" / "journal.jsonl"
    entries = journal(workspace)
    for item in entries:
        if item.get("action") == "ingested":
            item["evidence"] = {"date": "<script>alert(1)</script>\x1b[31m", "shape": ["niet", "tekst"],
                                "removed": "<b>weg</b>\u202e"}
    path.write_text("".join(json.dumps(item) + "\n" for item in entries), encoding="utf-8")
    _, client = signed_in(workspace)
    html = page(client, f"/article/drafts/{EXAMPLE_DRAFT_NAME}")
    assert "<script" not in html and "<b>" not in html and "\x1b" not in html and "\u202e" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;\\x1b[31m" in html and "&lt;b&gt;weg&lt;/b&gt;\\u202e" in html
    assert "niet" not in html.split('class="evidence-other"')[1].split("</dl>")[0]  # not text: left out


def test_an_article_renders_as_commonmark_without_raw_html_when_there_is_no_hugo(reviewed: Path) -> None:
    _, client = signed_in(reviewed)
    html = page(client, "/article/wacht-op-review")
    assert "(markdown-it-py: Hugo is not installed: the body as CommonMark)" in html
    frame = re.search(r'<iframe id="rendered" title="[^"]*" sandbox srcdoc="([^"]*)"', html)
    assert frame is not None
    assert "&lt;h2&gt;De impact op functies en processen&lt;/h2&gt;" in frame[1]


def test_an_article_renders_as_hugo_builds_it(reviewed: Path) -> None:
    from pipeline.hugo.build import find_hugo

    hugo = find_hugo()
    if hugo is None:
        pytest.fail("hugo is not installed: apt-get install -y hugo (CI does this in .ci/run)")
    _, client = signed_in(reviewed, hugo=hugo)
    html = page(client, "/article/wacht-op-review")
    assert "(Hugo)" in html
    frame = re.search(r'sandbox srcdoc="([^"]*)"', html)[1]  # type: ignore[index]
    assert "data-pipeline-draft=&#34;true&#34;" in frame and "&lt;h1&gt;Artikel wacht-op-review&lt;/h1&gt;" in frame


def test_a_script_in_a_title_or_body_shows_as_text(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    (root / ".pipeline").mkdir(parents=True)
    text = draft_text(title="<script>alert('titel')</script> \u202egevaarlijk")
    text = text.replace("## De impact",
                        "<script>alert('body')</script>\n\n<img src=x onerror=alert(1)>\n\n## De impact")
    make_draft(root, "script", text=text)
    _, client = signed_in(root)
    for html in (page(client, "/?state=all"), page(client, "/article/script")):
        assert "<script" not in html.lower() and "<img" not in html.lower()
        html = re.sub(r'srcdoc="[^"]*"', "", html)  # the page as the site shows it: the site shows it so
        assert "&lt;script&gt;alert(&#39;titel&#39;)&lt;/script&gt;" in html
        assert "\u202e" not in html and "\\u202egevaarlijk" in html  # a right-to-left override shown as an escape
    article = page(client, "/article/script")
    assert "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;" in article  # in the draft's lines, as text
    # Rendered without raw HTML: the tag is text inside the sandboxed frame, doubly escaped in its srcdoc.
    frame = re.search(r'sandbox srcdoc="([^"]*)"', article)[1]  # type: ignore[index]
    assert "&amp;lt;script&amp;gt;alert(&#39;body&#39;)" in frame and "&lt;script" not in frame


def test_what_blocks_approval_and_what_warns_stand_in_the_decision_form_before_the_approve_button(
        tmp_path: Path) -> None:
    root = tmp_path / "ws"
    (root / ".pipeline").mkdir(parents=True)
    title = "<b>Een titel</b> die veel te lang is " + "en maar doorgaat " * 6 + "\x07"
    # a month-only date blocks approval (a day must be confirmed); a tag outside the vocabulary warns
    make_draft(root, "lang", text=draft_text(title=title, date_precision="month", tags=["banen", "onbekend"]))
    _, client = signed_in(root)
    html = page(client, "/article/lang")
    form = html.split('id="decide"')[1].split("</form>")[0]
    assert "look-here" in form and form.index('id="look-here"') < form.index('id="approve"')
    blocking = form.split('id="blocking"')[1].split("</ul>")[0]
    warnings = form.split('id="warnings"')[1].split("</ul>")[0]
    assert "Blocks approval (2): fix them first" in form and "Look at before approving (1)" in form
    assert '<strong class="field">title</strong>' in blocking and "[too-long]" in blocking
    assert '<strong class="field">date_precision</strong>' in blocking and "confirm the day" in blocking
    assert '<strong class="field">tags</strong>' in warnings and "[tag-unknown]" in warnings
    assert form.index('id="blocking"') < form.index('id="warnings"')  # what blocks first
    html = re.sub(r'srcdoc="[^"]*"', "", html)  # the page as the site shows it (sandboxed): the site shows it so
    assert "<b>" not in html and "\x07" not in html and "\\x07" in html  # escaped; a bell shown as an escape


def test_a_draft_without_problems_has_nothing_beside_the_approve_button(reviewed: Path) -> None:
    _, client = signed_in(reviewed)
    assert 'id="look-here"' not in page(client, "/article/wacht-op-review")


# --- what changed ---------------------------------------------------------------------------------


def test_the_diff_since_the_approval_shows_an_edit_word_by_word(reviewed: Path) -> None:
    _, client = signed_in(reviewed)
    decide(client, "wacht-op-review", "approve", "goed")
    path = reviewed / "drafts" / "wacht-op-review.md"
    path.write_text(path.read_text(encoding="utf-8").replace("De snelle ontwikkeling", "De trage & lome ontwikkeling"),
                    encoding="utf-8")
    html = page(client, "/article/wacht-op-review")
    change = html.split("Since the approval by anna")[1].split('<div class="change">')[0]
    assert "<del>snelle</del><ins>trage &amp; lome</ins>" in change
    assert change.count("<del>") == 1 and change.count("<ins>") == 1
    assert "<strong>approval void</strong>" in html


def test_a_hostile_edit_shows_in_the_diff_as_escaped_text(reviewed: Path) -> None:
    _, client = signed_in(reviewed)
    decide(client, "wacht-op-review", "approve", "goed")
    path = reviewed / "drafts" / "wacht-op-review.md"
    text = path.read_text(encoding="utf-8").replace('title: "Artikel wacht-op-review"',
                                                    'title: "<script>alert(1)</script>\\e[31m\\u202e"')
    text = text.replace("De snelle ontwikkeling", "<img src=x onerror=alert(2)> \x1b[2J De snelle ontwikkeling")
    path.write_text(text + "\n<iframe src=//x></iframe>\n", encoding="utf-8")
    html = page(client, "/article/wacht-op-review")
    change = html.split("Since the approval by anna")[1].split('<div class="change">')[0]
    assert "<script" not in change and "<img" not in change and "<iframe" not in change
    assert "\x1b" not in change and "\u202e" not in change
    assert "<ins>&lt;script&gt;alert(1)&lt;/script&gt;\\x1b[31m\\u202e</ins>" in change
    assert "<ins>&lt;img src=x onerror=alert(2)&gt; \\x1b[2J " in change
    assert "<ins>&lt;iframe src=//x&gt;&lt;/iframe&gt;</ins>" in change


TITLE_CHANGED = ('<td class="key">title</td><td class="before"><del>Kunstmatige intelligentie verandert de '
                 'arbeidsmarkt razendsnel</del></td><td class="after"><ins>Kunstmatige intelligentie verandert de '
                 'arbeidsmarkt langzaam</ins></td>')


def test_the_diff_since_ingest_uses_the_snapshot_or_the_raw_file(workspace: Path) -> None:
    assert cli(workspace, "ingest").exit_code == 0
    draft = workspace / "drafts" / EXAMPLE_DRAFT_NAME
    draft.write_text(draft.read_text(encoding="utf-8").replace("razendsnel", "langzaam", 1), encoding="utf-8")
    _, client = signed_in(workspace)
    html = page(client, f"/article/drafts/{EXAMPLE_DRAFT_NAME}")
    since = html.split("Since ingest")[1]
    assert TITLE_CHANGED in since and "made again" not in since.split("</div>")[0]
    assert '<td class="key">cover.image</td><td class="before"><span class="absent">(empty)</span>' not in since
    draft.write_text(draft.read_text(encoding="utf-8").replace('  image: ""', '  image: "https://x.org/a.jpg"'),
                     encoding="utf-8")
    since = page(client, f"/article/drafts/{EXAMPLE_DRAFT_NAME}").split("Since ingest")[1]
    assert ('<td class="key">cover.image</td><td class="before"><span class="absent">(empty)</span></td>'
            '<td class="after"><ins>https://x.org/a.jpg</ins></td>') in since  # an empty value said, not blank
    shutil.rmtree(workspace / ".pipeline" / "snapshots")  # ingested before the desk kept snapshots
    _, client = signed_in(workspace)
    since = page(client, f"/article/drafts/{EXAMPLE_DRAFT_NAME}").split("Since ingest")[1].split("</div>")[0]
    assert "made again from its raw file" in since and TITLE_CHANGED in since
    (workspace / "raw" / "2026-02-11-ai-banen-dump.txt").unlink()
    _, client = signed_in(workspace)
    since = page(client, f"/article/drafts/{EXAMPLE_DRAFT_NAME}").split("Since ingest")[1].split("</div>")[0]
    assert "the text as ingested is neither kept here nor in git&#39;s history, and its raw file " \
           "raw/2026-02-11-ai-banen-dump.txt no such file: not known" in since
    assert "<del>" not in since


# --- deciding -------------------------------------------------------------------------------------


def test_reject_with_a_reason_then_approve_through_post(reviewed: Path) -> None:
    _, client = signed_in(reviewed)
    html = decide(client, "wacht-op-review", "reject", "de bron <ontbreekt>")
    assert "rejected: by anna: de bron &lt;ontbreekt&gt;" in html
    assert "<strong>rejected</strong>: rejected by anna: de bron &lt;ontbreekt&gt;" in html
    html = decide(client, "wacht-op-review", "approve", "nu goed")
    assert "approved: by anna; approvals complete" in html and "<strong>approved</strong>" in html
    decisions = [(e["action"], e["by"], e.get("reason") or e.get("note")) for e in journal(reviewed)
                 if e.get("article") == "drafts/wacht-op-review.md"]
    assert decisions == [("rejected", "anna", "de bron <ontbreekt>"), ("approved", "anna", "nu goed")]
    history = cli(reviewed, "history", "wacht-op-review").stdout
    assert "rejected" in history and "reason: de bron <ontbreekt>" in history and "note: nu goed" in history


def test_an_approval_that_renames_the_draft_first_shows_it_under_its_new_name(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    (root / "raw").mkdir(parents=True)
    shutil.copy2(EXAMPLE_RAW, root / "raw" / EXAMPLE_RAW.name)
    assert cli(root, "ingest").exit_code == 0
    draft = root / "drafts" / EXAMPLE_DRAFT_NAME
    text = draft.read_text(encoding="utf-8").replace("title: \"Kunstmatige intelligentie verandert de arbeidsmarkt "
                                                     "razendsnel\"", "title: \"Politie had het drukker dan ooit\"")
    draft.write_text(re.sub(r"cover:\n(  .*\n)+", COVER, text), encoding="utf-8")
    _, client = signed_in(root)
    html = decide(client, EXAMPLE_DRAFT_NAME.removesuffix(".md"), "approve")
    assert f"renamed first from drafts/{EXAMPLE_DRAFT_NAME}" in html
    assert "<strong>approved</strong>" in html  # the article page, under its new name
    assert sorted(p.name for p in (root / "drafts").glob("*.md")) == ["2026-02-11-politie-had-het-drukker-dan-ooit.md"]


def test_a_rejection_needs_a_reason(reviewed: Path) -> None:
    _, client = signed_in(reviewed)
    html = decide(client, "wacht-op-review", "reject", "   ")
    assert "a rejection needs a reason" in html
    assert not [e for e in journal(reviewed) if e.get("article") == "drafts/wacht-op-review.md"]


def test_a_decision_on_a_draft_changed_since_it_was_read_is_refused(reviewed: Path) -> None:
    client, fields = approval_form(reviewed)
    path = reviewed / "drafts" / "wacht-op-review.md"
    path.write_text(path.read_text(encoding="utf-8").replace("snelle", "trage", 1), encoding="utf-8")
    response = client.post("/article/wacht-op-review/decide", data=fields, headers=ORIGIN)
    html = page(client, response.headers["Location"])
    assert "changed since you read it" in html
    assert not [e for e in journal(reviewed) if e.get("article") == "drafts/wacht-op-review.md"]


def test_a_refused_reviewer_is_refused_as_in_the_cli(reviewed: Path) -> None:
    (reviewed / "pipeline.toml").write_text('[review]\nreviewers = ["anna", "bob"]\n', encoding="utf-8")
    _, client = signed_in(reviewed, reviewer="mallory")
    html = decide(client, "wacht-op-review", "approve")
    assert "refused: &#39;mallory&#39; is not a reviewer (review.reviewers lists anna, bob)" in html
    assert not [e for e in journal(reviewed) if e.get("article") == "drafts/wacht-op-review.md"]
    cli_says = cli(reviewed, "approve", "wacht-op-review", "--by", "mallory").stdout
    assert "'mallory' is not a reviewer (review.reviewers lists anna, bob)" in cli_says


def test_a_published_article_cannot_be_decided_on(reviewed: Path) -> None:
    approve_in_process(reviewed, "wacht-op-review")
    assert cli(reviewed, "promote").exit_code == 0
    _, client = signed_in(reviewed)
    html = page(client, "/article/published/wacht-op-review.md")
    assert 'id="decide"' not in html
    csrf = form_of(page(client, "/article/afgewezen"))["csrf"]
    response = client.post("/article/published/wacht-op-review.md/decide", headers=ORIGIN,
                           data={"csrf": csrf, "action": "approve", "seen": "x"})
    assert response.status_code == 400


# --- safe by default: one test for each promise -----------------------------------------------------


def test_it_listens_on_127_0_0_1_only_on_the_port_it_prints(reviewed: Path) -> None:
    from pipeline.desk.serve import make_server, port_of, url_of

    desk, client = open_desk(reviewed)
    server = make_server(desk, 0)
    try:
        port = port_of(server)
        assert server.effective_host == "127.0.0.1" and port > 0
        assert url_of(server, desk) == f"http://127.0.0.1:{port}/?token={desk.token}"
        assert desk.cookie == f"pipeline-desk-{port}"
    finally:
        server.close()
    # A page elsewhere that reaches the desk by a name of its own (DNS rebinding) is refused.
    assert client.get(f"/?token={desk.token}", headers={"Host": "evil.example:8080"}).status_code == 403


def test_every_request_without_the_token_is_refused(reviewed: Path) -> None:
    desk, client = open_desk(reviewed)
    for url in ("/", "/?state=all", "/article/wacht-op-review", "/static/desk.css", "/nothing"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Artikel" not in response.get_data(as_text=True)
    assert client.get("/?token=wrong").status_code == 403
    assert client.get(f"/?token={desk.token[:-1]}").status_code == 403
    client.set_cookie(desk.cookie, "forged.0000")
    assert client.get("/").status_code == 403
    other, _ = open_desk(reviewed)  # a session another desk signed is not this one's
    client.set_cookie(desk.cookie, other.new_session())
    assert client.get("/").status_code == 403
    assert client.post("/article/wacht-op-review/decide", data={"action": "approve"}, headers=ORIGIN).status_code == 403
    response = client.get(f"/?state=all&token={desk.token}")  # the token once: then the cookie
    assert response.status_code == 303 and response.headers["Location"] == "/?state=all"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert client.get("/?state=all").status_code == 200
    assert client.get("/static/desk.css").status_code == 200


def test_a_post_without_the_csrf_token_or_from_elsewhere_is_refused(reviewed: Path) -> None:
    client, good = approval_form(reviewed)
    url = "/article/wacht-op-review/decide"
    assert client.post(url, data={**good, "csrf": ""}, headers=ORIGIN).status_code == 403
    forged = good["csrf"][:-1] + ("1" if good["csrf"].endswith("0") else "0")  # always another token
    assert client.post(url, data={**good, "csrf": forged}, headers=ORIGIN).status_code == 403
    assert client.post(url, data=good, headers={"Origin": "http://evil.example"}).status_code == 403
    assert client.post(url, data=good, headers={"Referer": "http://evil.example/x"}).status_code == 403
    assert client.post(url, data=good).status_code == 403  # neither Origin nor Referer
    assert client.get(url).status_code in (404, 405)  # deciding is a POST only
    assert not [e for e in journal(reviewed) if e.get("article") == "drafts/wacht-op-review.md"]
    assert client.post(url, data=good, headers={"Referer": "http://localhost/article/x"}).status_code == 303
    assert [e["action"] for e in journal(reviewed) if e.get("article") == "drafts/wacht-op-review.md"] == ["approved"]


@pytest.mark.parametrize("host", ["localhost.evil.example", "localhost.evil.example:8080", "127.0.0.1.evil.example",
                                  "127.0.0.1.nip.io:8080", "localhostx", "localhost:8080.evil.example"])
def test_a_host_that_only_begins_like_the_desk_is_refused(reviewed: Path, host: str) -> None:
    desk, client = open_desk(reviewed)
    assert client.get(f"/?token={desk.token}", headers={"Host": host}).status_code == 403
    assert client.get(f"/?token={desk.token}", headers={"Host": "localhost:8080"}).status_code == 303  # the desk's


# The desk on port 8123: a page of another local server (8080) or of a look-alike name is not the desk.
NOT_THE_DESK = ["http://localhost:8080", "http://localhost", "http://localhost.evil.example",
                "http://localhost:8123.evil.example", "https://localhost:8123", "http://127.0.0.1:8123"]


@pytest.mark.parametrize("origin", NOT_THE_DESK)
def test_an_origin_that_only_begins_like_the_desk_is_refused(reviewed: Path, origin: str) -> None:
    client, good = approval_form(reviewed)
    url = "/article/wacht-op-review/decide"
    desk_host = {"Host": "localhost:8123"}
    assert client.post(url, data=good, headers={**desk_host, "Origin": origin}).status_code == 403
    assert not [e for e in journal(reviewed) if e.get("article") == "drafts/wacht-op-review.md"]
    assert client.post(url, data=good, headers={**desk_host, "Origin": "http://localhost:8123"}).status_code == 303


@pytest.mark.parametrize("origin", NOT_THE_DESK)
def test_a_referer_that_only_begins_like_the_desk_is_refused(reviewed: Path, origin: str) -> None:
    client, good = approval_form(reviewed)
    url = "/article/wacht-op-review/decide"
    desk_host = {"Host": "localhost:8123"}
    for referer in (f"{origin}/article/wacht-op-review", f"{origin}.evil.example/", origin):
        assert client.post(url, data=good, headers={**desk_host, "Referer": referer}).status_code == 403, referer
    assert not [e for e in journal(reviewed) if e.get("article") == "drafts/wacht-op-review.md"]
    ours = "http://localhost:8123/article/wacht-op-review"
    assert client.post(url, data=good, headers={**desk_host, "Referer": ours}).status_code == 303


def test_nothing_from_an_article_is_rendered_unescaped_and_no_script_runs(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    (root / ".pipeline").mkdir(parents=True)
    make_draft(root, "x", text=draft_text(title='"><script>alert(1)</script>', summary="<iframe src=//evil>"))
    _, client = signed_in(root)
    response = client.get("/article/x")
    html = response.get_data(as_text=True)
    assert "<script" not in html and "<iframe src=//evil" not in html
    assert "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;iframe src=//evil&gt;" in html
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy  # no script at all, from anywhere
    assert response.headers["X-Frame-Options"] == "DENY"
    assert re.search(r"<iframe id=\"rendered\" [^>]*\bsandbox srcdoc=", html)  # the rendered page: no scripts


def test_no_url_reaches_a_file_outside_the_workspace(reviewed: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text(draft_text(title="GEHEIM buiten de werkruimte"), encoding="utf-8")
    (reviewed / "drafts" / "link-uit.md").symlink_to(secret)
    (reviewed / "drafts" / "map-uit").symlink_to(tmp_path)
    (reviewed / "notes.md").write_text(draft_text(title="GEHEIM in de werkruimte, niet in drafts"), encoding="utf-8")
    _, client = signed_in(reviewed)
    for url in ("/article/../secret.md", "/article/drafts/../../secret.md", "/article/%2e%2e/secret.md",
                f"/article/{secret}", f"/article//{secret}", "/article/drafts/link-uit.md", "/article/link-uit",
                "/article/drafts/map-uit/secret.md", "/article/notes.md", "/article/pipeline.toml",
                "/article/drafts/%00x.md", "/article/..%2fsecret.md"):
        response = client.get(url)
        assert response.status_code in (404, 308), url
        assert "GEHEIM" not in response.get_data(as_text=True), url
        posted = client.post(f"{url}/decide", data={"action": "approve"}, headers=ORIGIN)
        assert posted.status_code in (403, 404, 308), url  # no CSRF token: refused before anything is looked up
    assert "GEHEIM" not in page(client, "/?state=all")


def test_the_command_line_stays_light_the_web_framework_is_imported_when_the_desk_starts() -> None:
    import subprocess
    import sys

    code = "import sys, pipeline.cli; print(sorted(m for m in ('flask', 'waitress', 'werkzeug') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "[]"


def test_the_desk_command_says_in_one_line_when_its_port_is_taken(reviewed: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli(reviewed, "desk", "--port", str(port), "--no-browser", "--by", "anna")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"error: cannot listen on 127.0.0.1:{port}: ") and result.stderr.count("\n") == 1
    assert cli(reviewed, "desk", "--port", "70000").exit_code == 2


def test_a_damaged_workspace_is_said_in_one_line_not_a_traceback(reviewed: Path, tmp_path: Path) -> None:
    journal_path = reviewed / ".pipeline" / "journal.jsonl"
    elsewhere = tmp_path / "elders.jsonl"
    journal_path.rename(elsewhere)
    journal_path.symlink_to(elsewhere)
    _, client = signed_in(reviewed)
    response = client.get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 500 and "Traceback" not in html
    assert ".pipeline/journal.jsonl: is a symbolic link (to " in html


def test_a_decision_while_another_run_holds_the_lock_is_refused_in_one_line(reviewed: Path) -> None:
    client, fields = approval_form(reviewed)
    with Workspace.open(reviewed).lock(0, "run"):
        response = client.post("/article/wacht-op-review/decide", data=fields, headers=ORIGIN)
    html = page(client, response.headers["Location"])
    assert re.search(r'<p class="flash error" role="status">workspace \S+ is locked by pid \d+ \(run\) since ', html)
    assert not [e for e in journal(reviewed) if e.get("article") == "drafts/wacht-op-review.md"]
    assert "approved: by anna" in decide(client, "wacht-op-review", "approve")  # free again: it goes through


def test_articles_published_before_the_pipeline_are_listed_after_its_own(workspace: Path) -> None:
    _, client = signed_in(workspace)
    published = page(client, "/").split('id="published"')[1]
    assert '<a href="/article/published/ai-verandert-banen-en-privacy.md">' in published
    html = page(client, "/article/published/ai-verandert-banen-en-privacy.md")
    assert "a published article keeps no provenance: not known" in html and 'id="decide"' not in html


def test_an_edit_of_the_journal_while_the_desk_runs_is_seen_as_a_full_read_sees_it(reviewed: Path) -> None:
    _, client = signed_in(reviewed)
    approve_in_process(reviewed, "wacht-op-review", by="anna")
    approve_in_process(reviewed, "afgewezen", by="bob")
    before = dict((name, state) for state, name in rows(page(client, "/?state=all")))
    assert before["drafts/wacht-op-review.md"] == "approved"
    path = reviewed / ".pipeline" / "journal.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    edited = [line.replace('"by": "anna"', '"by": "hans"') if '"drafts/wacht-op-review.md"' in line
              and '"approved"' in line else line for line in lines]
    assert edited != lines
    path.write_text("".join(edited), encoding="utf-8")  # an approval edited by hand (as long), then it goes on
    approve_in_process(reviewed, "bewerkt", by="carla")
    after = dict((name, state) for state, name in rows(page(client, "/?state=all")))
    assert after["drafts/wacht-op-review.md"] == "awaiting review"  # the edited approval no longer counts
    _, again = signed_in(reviewed)  # a new desk reads it all afresh: the same states
    assert rows(page(again, "/?state=all")) == rows(page(client, "/?state=all"))
    assert "does not count" in page(client, "/article/wacht-op-review")


# --- a decision binds to the text the reviewer read -------------------------------------------------


def _two_texts(root: Path, name: str) -> tuple[str, str, str, str]:
    """The draft's text as the reviewer reads it and as an editor saves it meanwhile, with their hashes."""
    from pipeline.model.article import content_hash, parse_article

    read = (root / "drafts" / f"{name}.md").read_text(encoding="utf-8")
    saved = read.replace("snelle", "trage", 1)
    assert saved != read
    return read, saved, content_hash(parse_article(read)), content_hash(parse_article(saved))


def _approved_hashes(root: Path, name: str) -> list[str]:
    return [e["hash"] for e in journal(root) if e.get("article") == f"drafts/{name}.md" and e["action"] == "approved"]


def test_a_save_between_the_desks_check_and_its_record_never_approves_the_saved_text(
        reviewed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.desk.app import decide_on

    desk, _ = signed_in(reviewed)
    path = reviewed / "drafts" / "wacht-op-review.md"
    read, saved, seen, other = _two_texts(reviewed, "wacht-op-review")
    reading = Workspace.read_bytes

    def read_then_saved(file: Path | str) -> bytes:  # an editor saves just after every read of the draft
        data = reading(file)
        if Path(file) == path:
            path.write_text(saved if data.decode("utf-8") == read else read, encoding="utf-8")
        return data

    monkeypatch.setattr(Workspace, "read_bytes", staticmethod(read_then_saved))
    category, message = decide_on(desk, _target_of(desk, "wacht-op-review"), "approve", "", seen)
    assert (category, message.split(":")[0]) == ("done", "approved"), message
    assert _approved_hashes(reviewed, "wacht-op-review") == [seen]  # the text read, never the one saved after
    assert other not in {e.get("hash") for e in journal(reviewed)}


def test_a_draft_saved_over_and_over_under_the_desk_never_gets_an_approval_of_a_text_not_seen(reviewed: Path) -> None:
    import os
    import threading

    from pipeline.desk.app import decide_on

    desk, _ = signed_in(reviewed)
    path = reviewed / "drafts" / "wacht-op-review.md"
    read, saved, seen, _other = _two_texts(reviewed, "wacht-op-review")
    versions = []
    for number, text in enumerate((read, saved)):
        version = reviewed / f"version-{number}.md"
        version.write_text(text, encoding="utf-8")
        versions.append(version)
    stop = threading.Event()

    def editor() -> None:  # saves as editors do, by rename, as fast as it can
        turn = 0
        while not stop.is_set():
            spare = reviewed / f"saving-{turn % 2}.md"
            shutil.copyfile(versions[turn % 2], spare)
            os.replace(spare, path)
            turn += 1

    thread = threading.Thread(target=editor)
    thread.start()
    outcomes = []
    try:
        for number in range(150):
            desk.reviewer = f"reviewer-{number}"
            outcomes.append(decide_on(desk, _target_of(desk, "wacht-op-review"), "approve", "", seen)[0])
    finally:
        stop.set()
        thread.join()
    approved = _approved_hashes(reviewed, "wacht-op-review")
    assert approved and "error" in outcomes  # both happened: the race was run, not avoided
    assert set(approved) == {seen}


def test_a_decision_posted_with_an_empty_seen_is_refused(reviewed: Path) -> None:
    _, client = signed_in(reviewed)
    for action, text in (("approve", ""), ("reject", "bron ontbreekt")):
        html = decide(client, "wacht-op-review", action, text, seen="")
        assert '<p class="flash error" role="status">' in html and "read it again, then decide" in html
    for hostile in ("\u00e9" * 64, "\x00", "0" * 200_000):  # not a hash at all: refused the same, no 500
        html = decide(client, "wacht-op-review", "approve", seen=hostile)
        assert '<p class="flash error" role="status">' in html and "read it again, then decide" in html
    assert not [e for e in journal(reviewed) if e.get("article") == "drafts/wacht-op-review.md"]


def _target_of(desk: Desk, name: str) -> Any:
    from pipeline.store.targets import resolve_target

    return resolve_target(desk.workspace, name, desk.workspace.drafts, desk.workspace.root)


@pytest.mark.parametrize("name", ["a" * 256, f"drafts/{'a' * 300}.md", "x/" * 2100 + "y", "\u00e9" * 127])
def test_a_name_longer_than_a_file_name_can_be_is_404_not_500(reviewed: Path, name: str) -> None:
    _, client = signed_in(reviewed)
    assert client.get(f"/article/{name}").status_code == 404
    csrf = form_of(page(client, "/article/wacht-op-review"))["csrf"]
    response = client.post(f"/article/{name}/decide", headers=ORIGIN,
                           data={"csrf": csrf, "action": "approve", "seen": "0" * 64})
    assert response.status_code == 404


def test_the_evidence_shown_is_the_latest_the_source_gave_or_none_once_the_draft_was_rewritten_without_it() -> None:
    from pipeline.desk.changes import kept_evidence

    ingested = {"action": "ingested", "article": "drafts/a.md", "evidence": {"title": "eerste regel"}}
    approved = {"action": "approved", "article": "drafts/a.md", "by": "anna"}
    assert kept_evidence([ingested, approved]) == {"title": "eerste regel"}
    refreshed = {"action": "refreshed", "article": "drafts/a.md", "evidence": {"title": "kop van de nieuwe bron"}}
    assert kept_evidence([ingested, refreshed, approved]) == {"title": "kop van de nieuwe bron"}
    taken = {"action": "update-taken", "article": "drafts/a.md"}  # no evidence of its own: not the ingest's
    assert kept_evidence([ingested, refreshed, taken]) is None
    promoted = {"action": "promoted", "article": "published/a.md"}  # a new life: nothing from the last one
    assert kept_evidence([ingested, promoted]) is None


def test_the_first_page_of_a_warmed_desk_compiles_no_template_and_reads_no_draft(
        reviewed: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The desk makes what its first page needs while it waits for the browser: the queue's templates and
    every draft's state (served as `pipeline desk` serves it, its warm-up run at once)."""
    import pipeline.desk.queue
    import pipeline.desk.serve
    from pipeline.desk.serve import make_server, serve

    class AtOnce:
        def __init__(self, target: Any, args: tuple[Any, ...], daemon: bool) -> None:
            self.target, self.args = target, args

        def start(self) -> None:
            self.target(*self.args)

    desk, _ = open_desk(reviewed)
    server = make_server(desk, 0)
    monkeypatch.setattr(pipeline.desk.serve.threading, "Thread", AtOnce)
    monkeypatch.setattr(server, "run", lambda: None)
    serve(desk, server, open_browser=False)
    assert "could not be read" not in capsys.readouterr().err
    # the environment the server renders with holds both templates compiled
    assert {key[1] for key in desk.templates.cache} >= {"queue.html", "base.html"}

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("read again on the first page")

    monkeypatch.setattr(pipeline.desk.queue, "facts_of_drafts", refused)
    assert ("drafts/wacht-op-review.md", "awaiting review") in [(state.rel, str(state.state))
                                                                for state in desk.index.states(desk.now())]
