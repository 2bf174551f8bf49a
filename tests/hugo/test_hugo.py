"""Proven on a real Hugo: the preview site, the cross-check, and the whole lifecycle end to end.

These tests run Debian's hugo (CI installs it with apt-get install -y hugo); they fail, never skip,
when it is missing.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.hugo import build as hugo
from pipeline.hugo.plan import BuildPlan, BuildResult, HugoMessage
from pipeline.model.article import parse_article, render_article
from pipeline.model.config import Config
from pipeline.model.dates import front_matter_moment
from pipeline.model.problems import Problem
from pipeline.store.workspace import Workspace
from tests.conftest import EXAMPLE_DRAFT_NAME, FIXED_NOW, REPO, installed_command, run_installed
from tests.helpers import cli

SUBHEADINGS = [
    "Van academisch redacteur naar bakker",
    "Vluchten naar ‘AI-proof’ werk",
    "Aanpassen of afhaken",
    "Mens blijft nodig",
]
DRAFT_TITLE = "Kunstmatige intelligentie verandert de arbeidsmarkt razendsnel"
COVER = {
    "image": "https://images.example.org/bakkerij-malmo.jpg",
    "alt": "Een bakker vormt broden in een ambachtelijke bakkerij",
    "caption": "Foto: redactie",
}
PUBLISHED_NAME = "ai-verandert-banen-en-privacy.md"
PUBLISHED_TITLE = "AI verandert banen en privacy: wat betekent dit voor jouw bedrijf?"


def hugo_path() -> str:
    found = hugo.find_hugo()
    if found is None:
        pytest.fail("hugo is not installed: apt-get install -y hugo (CI does this in .ci/run)")
    return found


# --- reading the HTML Hugo wrote ------------------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str


@dataclass
class Page:
    path: Path
    elements: list[Element] = field(default_factory=list)

    def all(self, tag: str, **attrs: str) -> list[Element]:
        return [e for e in self.elements
                if e.tag == tag and all(e.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())]

    def one(self, tag: str, **attrs: str) -> Element:
        found = self.all(tag, **attrs)
        assert len(found) == 1, f"{self.path}: expected one <{tag} {attrs}>, found {len(found)}"
        return found[0]

    def links_to(self, target: Path) -> bool:
        """Whether some link on this page leads to the page whose file is target."""
        for link in self.all("a"):
            href = link.attrs.get("href", "")
            resolved = (self.path.parent / href).resolve()
            if resolved == target.parent.resolve() or resolved == target.resolve():
                return True
        return False


class _Collector(HTMLParser):
    CAPTURED = frozenset({"h1", "h2", "time", "figcaption", "p", "a", "title", "img", "article", "span"})
    VOID = frozenset({"img"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[Element] = []
        self.done: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.CAPTURED:
            element = Element(tag, {k: v or "" for k, v in attrs}, "")
            if tag in self.VOID:
                self.done.append(element)
            else:
                self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                element = self.open.pop(index)
                element.text = " ".join(element.text.split())
                self.done.append(element)
                return

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text += data


def read_page(path: Path) -> Page:
    assert path.is_file(), f"Hugo wrote no {path}"
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return Page(path, collector.done)


def check_article_page(html: Path, title: str, day: str, datetime_attr: str, tags: list[str],
                       cover: dict[str, str], subheadings: list[str] | None = None,
                       summary: str | None = None) -> Page:
    """The house fields as Hugo rendered them, and tag pages that exist and link back."""
    page = read_page(html)
    assert page.one("h1").text == title
    moment = page.one("time")
    assert moment.text == day
    assert moment.attrs["datetime"] == datetime_attr
    if subheadings is not None:
        assert [h.text for h in page.all("h2")] == subheadings
    image = page.one("img")
    assert image.attrs["src"] == cover["image"]
    assert image.attrs["alt"] == cover["alt"]
    assert page.one("figcaption").text == cover["caption"]
    if summary is not None:
        assert page.one("p", class_="summary").text == summary
    tag_links = page.all("a", rel="tag")
    assert [link.text for link in tag_links] == tags
    for link in tag_links:
        term_page = read_page((html.parent / link.attrs["href"]).resolve() / "index.html")
        assert term_page.one("h1").text == link.text
        assert term_page.links_to(html), f"tag page {term_page.path} does not link to {html}"
    return page


def built_pages(stdout: str) -> dict[str, Path]:
    """`pipeline preview` prints 'built <tab> article <tab> page' for each page."""
    pages = {}
    for line in stdout.splitlines():
        parts = line.split("\t")
        if parts[0] == "built":
            pages[parts[1]] = Path(parts[2])
    return pages


def fill_in_cover(path: Path, cover: dict[str, str]) -> None:
    """What an editor does: fill in the cover fields, through the house reader and writer."""
    article = parse_article(path.read_text(encoding="utf-8"), str(path))
    meta = dict(article.meta)
    meta["cover"] = dict(cover)
    path.write_text(render_article(article.with_meta(meta)), encoding="utf-8")


# --- end to end, with the installed command ------------------------------------------------------


def test_ingest_fill_in_and_preview_renders_the_article_in_hugo(workspace: Path) -> None:
    ingested = run_installed("ingest", cwd=workspace)
    assert ingested.returncode == 0, ingested.stderr
    draft = workspace / "drafts" / EXAMPLE_DRAFT_NAME
    fill_in_cover(draft, COVER)

    built = run_installed("preview", cwd=workspace)

    assert built.returncode == 0, built.stdout + built.stderr
    assert "hugo: ERROR" not in built.stderr
    pages = built_pages(built.stdout)
    assert set(pages) == {f"drafts/{EXAMPLE_DRAFT_NAME}", f"published/{PUBLISHED_NAME}"}
    assert all(p.is_relative_to(workspace / ".pipeline" / "preview") for p in pages.values())
    assert "0 error(s)" in built.stdout
    check_article_page(pages[f"drafts/{EXAMPLE_DRAFT_NAME}"], DRAFT_TITLE, "11 February 2026",
                       "2026-02-11T00:00:00+01:00", ["banen", "omscholing", "arbeidsmarkt"], COVER,
                       SUBHEADINGS)
    check_published_example(pages[f"published/{PUBLISHED_NAME}"])


def check_published_example(html: Path) -> None:
    published = parse_article((REPO / "published" / PUBLISHED_NAME)
                              .read_text(encoding="utf-8"))
    page = check_article_page(
        html, PUBLISHED_TITLE, "26 February 2026", "2026-02-26T20:26:46Z",
        ["banen", "privacy", "ai agents", "reclame"], published.meta["cover"],
        ["De impact op functies en processen", "De financiële realiteit van AI en jouw keuzes",
         "De groeiende vraag naar privacy", "Hoe kun je dit vandaag toepassen?"],
        published.meta["summary"],
    )
    assert page.one("span", class_="sectie").text == "werk"
    assert page.one("span", class_="doelgroep").text == "BESLISSER"


def test_lifecycle_ingest_approve_promote_build(workspace: Path) -> None:
    assert run_installed("ingest", cwd=workspace).returncode == 0
    fill_in_cover(workspace / "drafts" / EXAMPLE_DRAFT_NAME, COVER)

    approved = run_installed("approve", f"drafts/{EXAMPLE_DRAFT_NAME}", "--by", "Tester", cwd=workspace)
    assert approved.returncode == 0, approved.stdout + approved.stderr
    promoted = run_installed("promote", cwd=workspace)
    assert promoted.returncode == 0, promoted.stdout + promoted.stderr
    built = run_installed("preview", "--published", "--json", cwd=workspace)

    assert built.returncode == 0, built.stdout + built.stderr
    result = json.loads(built.stdout)
    assert result["problems"] == []
    by_title = {page["title"]: page for page in result["pages"]}
    assert set(by_title) == {DRAFT_TITLE, PUBLISHED_TITLE}
    promoted_page = by_title[DRAFT_TITLE]
    assert promoted_page["source"].startswith("published/")
    assert promoted_page["draft"] is False
    html = Path(promoted_page["html"])
    check_article_page(html, DRAFT_TITLE, "11 February 2026", "2026-02-11T00:00:00+01:00",
                       ["banen", "omscholing", "arbeidsmarkt"], COVER, SUBHEADINGS)
    assert read_page(html).all("strong", class_="draft") == []
    check_published_example(Path(by_title[PUBLISHED_TITLE]["html"]))


def test_preview_without_hugo_says_how_to_install_it(workspace: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    result = run_installed("preview", cwd=workspace, env={"PATH": str(empty)})
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "error: hugo is not installed (not found on PATH); install it with: apt-get install -y hugo"
    ]
    assert not (workspace / ".pipeline" / "preview").exists()


def test_serve_runs_hugo_server_on_loopback(workspace: Path) -> None:
    with socket.socket() as probe:  # a free port on the loopback interface
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PIPELINE_NOW": FIXED_NOW}
    process = subprocess.Popen([*installed_command(), "preview", "--serve", "--port", str(port)], cwd=workspace,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    try:
        body = ""
        for _attempt in range(300):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/ai-verandert-banen-en-privacy/",
                                            timeout=2) as response:
                    body = response.read().decode("utf-8")
                    break
            except OSError:
                if process.poll() is not None:
                    break
                time.sleep(0.1)
        assert PUBLISHED_TITLE in body, f"no page from hugo server on 127.0.0.1:{port} (exit: {process.poll()})"
    finally:
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends to the whole foreground group
        output, _ = process.communicate(timeout=30)
    assert "serving on http://127.0.0.1:" in output
    assert "Traceback" not in output
    assert process.returncode == 0


def test_serve_command_binds_loopback_only(workspace: Path) -> None:
    ws = Workspace.open(workspace)
    plan = hugo.plan_build(ws, include_drafts=True)
    command = hugo.serve_command("hugo", Path("/site"), plan, 8080, ws_now())
    assert command[:3] == ["hugo", "server", "--bind"]
    assert command[command.index("--bind") + 1] == "127.0.0.1"
    assert "--buildDrafts" in command
    assert "--destination" not in command


def ws_now() -> datetime:
    return datetime.fromisoformat(FIXED_NOW)


# --- the cross-check and what Hugo says, through the library ---------------------------------------


def article_text(title: str = "Een artikel", date_line: str = "date: 2026-03-05T00:00:00+01:00",
                 draft: bool = False, extra: str = "", body: str = "Tekst van het artikel.\n") -> str:
    return (f'---\ntitle: "{title}"\n{date_line}\ntags: ["banen"]\n'
            f'cover:\n  image: "https://images.example.org/a.jpg"\n  alt: "Een foto"\n  caption: "Foto: x"\n'
            f"{extra}draft: {'true' if draft else 'false'}\n---\n\n{body}")


@pytest.fixture
def site(bare_workspace: Path) -> Workspace:
    return Workspace.open(bare_workspace)


def build(ws: Workspace, include_drafts: bool = True, drafts: list[str] | None = None,
          out: Path | None = None) -> BuildResult:
    return hugo.build_site(ws, ws.load_config(), hugo_path(), out, include_drafts, drafts)


def codes(problems: list[Problem] | tuple[Problem, ...]) -> list[tuple[str, str]]:
    return [(p.file, p.code) for p in problems]


def test_date_only_article_lands_on_its_calendar_day(site: Workspace) -> None:
    (site.published / "alleen-datum.md").write_text(article_text("Alleen datum", "date: 2026-03-05"))
    # Fifteen minutes past midnight in Amsterdam is still 28 February in UTC.
    (site.published / "net-na-middernacht.md").write_text(
        article_text("Net na middernacht", "date: 2026-03-01T00:15:00+01:00"))

    result = build(site)

    assert result.ok, result.all_problems()
    assert result.problems == ()
    pages = {page.source: page for page in result.pages}
    date_only = read_page(Path(pages["published/alleen-datum.md"].html)).one("time")
    assert (date_only.text, date_only.attrs["datetime"]) == ("5 March 2026", "2026-03-05T00:00:00+01:00")
    late = read_page(Path(pages["published/net-na-middernacht.md"].html)).one("time")
    assert (late.text, late.attrs["datetime"]) == ("1 March 2026", "2026-03-01T00:15:00+01:00")


def test_hugo_year_one_date_is_caught(site: Workspace) -> None:
    (site.published / "dag-maand-jaar.md").write_text(article_text("Dag maand jaar", 'date: "11-02-2026"'))

    problems = hugo.hugo_cross_check(site, site.load_config())

    assert codes(problems) == [("published/dag-maand-jaar.md", "hugo-date")]
    assert problems[0].line == 3
    assert problems[0].severity == "error"
    assert "year 1" in problems[0].message and "'11-02-2026'" in problems[0].message


def test_preview_exits_1_on_a_cross_check_error(site: Workspace, runner: CliRunner) -> None:
    (site.published / "dag-maand-jaar.md").write_text(article_text("Dag maand jaar", 'date: "11-02-2026"'))

    result = cli(site.root, "preview")

    assert result.exit_code == 1
    assert "published/dag-maand-jaar.md:3: error [hugo-date] date: Hugo dated the page the year 1" in result.stdout
    assert "1 error(s)" in result.stdout


def test_a_second_title_key_that_hugo_prefers_is_caught(site: Workspace) -> None:
    (site.published / "twee-titels.md").write_text(
        article_text("Echte titel", extra='Title: "Andere titel"\n'))

    result = build(site)

    assert codes(result.problems) == [("published/twee-titels.md", "hugo-title")]
    assert "'Echte titel'" in result.problems[0].message and "'Andere titel'" in result.problems[0].message


def test_a_draft_hidden_by_a_published_file_of_the_same_name_is_caught(site: Workspace) -> None:
    (site.published / "zelfde.md").write_text(article_text("Gepubliceerd"))
    (site.drafts / "zelfde.md").write_text(article_text("Concept", draft=True))

    result = build(site)

    assert [p.source for p in result.pages] == ["published/zelfde.md"]
    assert codes(result.problems) == [("drafts/zelfde.md", "hugo-missing-page")]
    assert "published/zelfde.md has the same name" in result.problems[0].message


def test_two_articles_on_one_page_are_caught_and_hugo_warns(site: Workspace) -> None:
    (site.published / "een.md").write_text(article_text("Een", extra='slug: "dezelfde"\n'))
    (site.published / "twee.md").write_text(article_text("Twee", extra='slug: "dezelfde"\n'))

    result = build(site)

    assert codes(result.problems) == [("published/een.md", "hugo-same-page"), ("published/twee.md", "hugo-same-page")]
    assert any("Duplicate target paths: /dezelfde/index.html" in m.text for m in result.messages)


def test_published_build_leaves_out_drafts_and_flags_a_published_draft(site: Workspace) -> None:
    (site.published / "klaar.md").write_text(article_text("Klaar"))
    (site.published / "toch-concept.md").write_text(article_text("Toch concept", draft=True))
    (site.drafts / "concept.md").write_text(article_text("Concept", draft=True))

    result = build(site, include_drafts=False)

    assert [p.source for p in result.pages] == ["published/klaar.md"]
    assert codes(result.problems) == [("published/toch-concept.md", "hugo-missing-page")]
    assert "draft: true" in result.problems[0].message


def test_named_drafts_only_are_built(site: Workspace, runner: CliRunner) -> None:
    (site.drafts / "wel.md").write_text(article_text("Wel", draft=True))
    (site.drafts / "niet.md").write_text(article_text("Niet", draft=True))
    (site.published / "klaar.md").write_text(article_text("Klaar"))

    result = cli(site.root, "preview", "wel.md")

    assert result.exit_code == 0, result.stdout + result.stderr
    assert sorted(built_pages(result.stdout)) == ["drafts/wel.md", "published/klaar.md"]


def test_hugo_warnings_are_shown_and_do_not_fail(site: Workspace, runner: CliRunner) -> None:
    text = article_text("Zonder alt").replace('alt: "Een foto"', 'alt: ""')
    (site.published / "zonder-alt.md").write_text(text)

    result = cli(site.root, "preview")

    assert result.exit_code == 0, result.stdout + result.stderr
    assert "hugo: WARN published/zonder-alt.md: cover image has no alt text" in result.stderr.splitlines()
    assert "0 error(s), 1 warning(s)" in result.stdout


def test_hugo_errors_are_shown_fail_and_keep_the_previous_preview(site: Workspace, runner: CliRunner) -> None:
    (site.published / "goed.md").write_text(article_text("Goed"))
    assert cli(site.root, "preview").exit_code == 0
    before = (site.state / "preview" / "goed" / "index.html").read_bytes()
    (site.published / "kapot.md").write_text(article_text("Kapot", body="Een galerij {{< gallery >}}\n"))

    result = cli(site.root, "preview")

    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("hugo: ERROR")]
    assert len(errors) == 1
    assert errors[0].startswith("hugo: ERROR published/kapot.md:12: ")
    assert 'shortcode "gallery" not found' in errors[0]
    assert "hugo failed" in result.stdout
    assert (site.state / "preview" / "goed" / "index.html").read_bytes() == before
    assert list(site.state.glob(".tmp-*")) == []


def test_cross_check_reports_hugo_errors_as_problems(site: Workspace) -> None:
    (site.published / "kapot.md").write_text(article_text("Kapot", body="Een galerij {{< gallery >}}\n"))

    problems = hugo.hugo_cross_check(site, site.load_config())

    assert codes(problems) == [("published/kapot.md", "hugo-error"), ("hugo", "hugo-failed")]
    assert problems[0].line == 12


def test_cross_check_without_hugo_is_one_problem(site: Workspace, monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    problems = hugo.hugo_cross_check(site, site.load_config())
    assert [(p.code, p.severity) for p in problems] == [("hugo-not-installed", "error")]
    assert "apt-get install -y hugo" in problems[0].message


def test_preview_is_deterministic_and_replaces_its_own_folder(site: Workspace) -> None:
    (site.published / "een.md").write_text(article_text("Een"))
    (site.published / "twee.md").write_text(article_text("Twee"))
    out = site.root / "site"
    first = build(site, out=out)
    snapshot = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    again = build(site, out=out)
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == snapshot
    assert first.as_dict() == again.as_dict()

    (site.published / "twee.md").unlink()
    build(site, out=out)
    assert not (out / "twee").exists()
    assert (out / "een" / "index.html").is_file()


def test_preview_refuses_a_folder_it_did_not_build(site: Workspace, runner: CliRunner) -> None:
    mine = site.root / "mijn-map"
    mine.mkdir()
    (mine / "belangrijk.txt").write_text("niet weggooien")

    result = cli(site.root, "preview", "--out", str(mine))

    assert result.exit_code == 2
    assert "not built by pipeline preview" in result.stderr
    assert (mine / "belangrijk.txt").read_text() == "niet weggooien"


def test_preview_names_an_unknown_draft(site: Workspace, runner: CliRunner) -> None:
    result = cli(site.root, "preview", "bestaat-niet.md")
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: bestaat-niet.md: no such file (here, at the workspace root or in drafts/)"


# --- pure parts ------------------------------------------------------------------------------------


def test_site_config_has_time_zone_mounts_and_escaped_draft_names(site: Workspace) -> None:
    base = (hugo.SITE_DIR / hugo.SITE_CONFIG).read_text(encoding="utf-8")
    plan = BuildPlan(include_drafts=True, drafts=["a[1].md"])
    text = hugo.site_config(base, site, Config(timezone="America/New_York"), plan)

    import tomllib

    parsed = tomllib.loads(text)
    assert parsed["timeZone"] == "America/New_York"
    mounts = parsed["module"]["mounts"]
    assert [(m["source"], m["target"]) for m in mounts] == [
        (str(hugo.SITE_DIR / "layouts"), "layouts"), (str(site.published), "content"), (str(site.drafts), "content")]
    assert mounts[2]["includeFiles"] == ["a\\[1\\].md"]
    assert "--buildDrafts" in hugo.hugo_command("hugo", Path("/s"), Path("/o"), plan, ws_now())
    published_only = BuildPlan(include_drafts=False)
    assert "drafts" not in str(tomllib.loads(hugo.site_config(base, site, Config(), published_only))["module"])


def test_hugo_messages_lose_timestamps_and_name_the_article(site: Workspace) -> None:
    root = site.root
    stdout = (f"Start building sites …\nWARN 2026/11/23 06:50:37 {root}/published/x.md: cover image has no alt text\n"
              "  Pages | 3\nWARN 2026/11/23 06:50:37 Duplicate target paths: /x/index.html (2)\n")
    stderr = f'Error: Error building site: "{root}/drafts/y.md:10:7": failed to extract shortcode\n'

    messages = hugo.parse_messages(stdout, stderr, site)

    assert messages == [
        HugoMessage("warning", "cover image has no alt text", "published/x.md", None),
        HugoMessage("warning", "Duplicate target paths: /x/index.html (2)", "", None),
        HugoMessage("error", "Error building site: failed to extract shortcode", "drafts/y.md", 10),
    ]


def test_file_moment_reads_what_hugo_reads() -> None:
    config = Config()
    zone = config.zone
    assert front_matter_moment("2026-02-11", zone) == front_matter_moment("2026-02-11T00:00:00+01:00", zone)
    assert str(front_matter_moment("2026-02-26T20:26:46.713Z", config.zone)) == "2026-02-26 20:26:46.713000+00:00"
    assert front_matter_moment("geen datum", config.zone) is None
    assert front_matter_moment(20260211, config.zone) is None


def test_the_package_carries_the_hugo_site() -> None:
    names = {p.relative_to(hugo.SITE_DIR).as_posix() for p in hugo.SITE_DIR.rglob("*") if p.is_file()}
    assert {"hugo.toml", "layouts/_default/baseof.html", "layouts/_default/single.html",
            "layouts/_default/list.html", "layouts/index.pipelineindex.json"} <= names
    assert shutil.which("hugo") is not None, "CI installs hugo: apt-get install -y hugo"


def test_drafts_named_relative_to_the_workspace_work_from_any_folder(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "ws"
    (root / "drafts").mkdir(parents=True)
    (root / "drafts" / "a.md").write_text("---\ntitle: \"A\"\n---\nTekst.\n", encoding="utf-8")
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # as with `pipeline --root ws preview drafts/a.md` run from another folder
    workspace = Workspace.open(root)
    assert hugo.select_drafts(workspace, [Path("drafts/a.md")]) == ["a.md"]
    assert hugo.select_drafts(workspace, [Path("a.md")]) == ["a.md"]
    with pytest.raises(hugo.PreviewError):
        hugo.select_drafts(workspace, [Path("drafts/b.md")])


# --- links out of the workspace: Hugo follows them, so the preview must not build them ---------------


def _secrets(tmp_path: Path) -> tuple[Path, Path]:
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    secret = outside / "shadow"
    secret.write_text("root:SECRET-HASH:19000:0:99999:7:::\n", encoding="utf-8")
    (outside / "folder" / "inner.md").write_text(article_text("SECRET-FOLDER", body="SECRET-FOLDER body\n"))
    return secret, outside / "folder"


def _built_text(out: Path) -> str:
    return "".join(path.read_text(encoding="utf-8", errors="replace") for path in out.rglob("*") if path.is_file())


@pytest.mark.parametrize("published_only", [False, True])
def test_preview_builds_nothing_of_a_link_out_of_the_workspace_and_names_it(site: Workspace, tmp_path: Path,
                                                                           published_only: bool) -> None:
    secret, folder = _secrets(tmp_path)
    (site.published / "een-artikel.md").write_text(article_text("Een gewoon artikel"))
    (site.drafts / "shadow.md").symlink_to(secret)
    (site.drafts / "shadow.html").symlink_to(secret)
    (site.drafts / "map").symlink_to(folder)
    (site.published / "pub.md").symlink_to(secret)
    (site.published / "diep").mkdir()
    (site.published / "diep" / "map").symlink_to(folder)

    result = cli(site.root, "preview", *(["--published"] if published_only else []))

    built = _built_text(site.state / "preview")
    assert "SECRET" not in built
    assert "Een gewoon artikel" in built
    assert result.exit_code == 1, result.stdout + result.stderr
    named = {line.split(":")[0] for line in result.stdout.splitlines() if "symbolic link" in line}
    expected = {"published/pub.md", "published/diep/map"}
    if not published_only:
        expected |= {"drafts/shadow.md", "drafts/shadow.html", "drafts/map"}
    assert named == expected, result.stdout


def test_validate_hugo_builds_nothing_of_a_link_out_either(site: Workspace, tmp_path: Path) -> None:
    secret, _folder = _secrets(tmp_path)
    (site.drafts / "shadow.md").symlink_to(secret)
    problems = hugo.hugo_cross_check(site, site.load_config())
    assert ("drafts/shadow.md", "unreadable") in codes(problems)
    assert not any("SECRET" in p.message for p in problems)


def test_a_link_inside_the_workspace_is_built(site: Workspace) -> None:
    (site.root / "elders").mkdir()
    (site.root / "elders" / "echt.md").write_text(article_text("Via een link"))
    (site.published / "link.md").symlink_to(site.root / "elders" / "echt.md")
    result = build(site)
    assert result.built and [page.title for page in result.pages] == ["Via een link"]
    assert "unreadable" not in [problem.code for problem in result.all_problems()]


# --- one bad article never stops the build of the others -------------------------------------------

ALIAS_BOMB = ("a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)))


@pytest.mark.parametrize("bad", {
    "a 300-character tag": 'tags: ["' + "x" * 300 + '"]\n',
    "a 5,000-digit tag": "tags: [" + "7" * 5000 + "]\n",
    "a 900-digit tag": "tags: [" + "7" * 900 + "]\n",
    "an alias bomb": ALIAS_BOMB + 'tags: ["banen"]\n',
    "a long alias": 'tags: ["banen"]\naliases: ["/oud/' + "y" * 260 + '/"]\n',
    "a long url": 'tags: ["banen"]\nurl: "/' + "\u00e9" * 130 + '/"\n',
}.items(), ids=lambda item: item[0])
def test_one_bad_draft_is_left_out_and_named_and_the_rest_is_built(site: Workspace, bad: tuple[str, str]) -> None:
    (site.published / "gepubliceerd.md").write_text(article_text("Gepubliceerd"))
    (site.drafts / "goed.md").write_text(article_text("Goed concept", draft=True))
    text = article_text("Slecht concept", draft=True).replace('tags: ["banen"]\n', bad[1])
    (site.drafts / "slecht.md").write_text(text)
    result = build(site)
    assert result.built, result.messages
    assert sorted(page.title for page in result.pages) == ["Gepubliceerd", "Goed concept"]
    assert not [m for m in result.messages if m.severity == "error"]
    named = [problem for problem in result.all_problems() if problem.file == "drafts/slecht.md"]
    assert len(named) == 1 and named[0].severity == "error", result.all_problems()
    assert all(problem.file == "drafts/slecht.md" for problem in result.all_problems() if problem.severity == "error")


# --- preview --serve: a private, checked copy; stopped and cleaned up by any signal -------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


def _wait_for(port: int, path: str, wanted: str, process: subprocess.Popen[str], seconds: float = 30) -> str:
    """The page once it holds wanted ('' when it never did in time)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            status, body = _fetch(port, path)
            if status == 200 and wanted in body:
                return body
        except OSError:
            pass
        time.sleep(0.2)
    return ""


def _serve(root: Path, scratch: Path) -> tuple[subprocess.Popen[str], int]:
    port = _free_port()
    env = {**os.environ, "PIPELINE_NOW": FIXED_NOW, "TMPDIR": str(scratch)}
    process = subprocess.Popen([*installed_command(), "preview", "--serve", "--port", str(port)], cwd=root, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    return process, port


def _children(pid: int) -> set[int]:
    """Every process below pid, from /proc."""
    found: set[int] = set()
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if entry.name.isdigit() and int(fields[1]) == pid:
            found |= {int(entry.name)} | _children(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("signal_sent", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_to_serve_stops_hugo_server_and_removes_its_site(workspace: Path, tmp_path: Path,
                                                                  signal_sent: int) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    process, port = _serve(workspace, scratch)
    below: set[int] = set()
    try:
        assert _wait_for(port, "/ai-verandert-banen-en-privacy/", PUBLISHED_TITLE, process), process.poll()
        below = _children(process.pid)
        assert below and list(scratch.iterdir())  # hugo server runs, its site is in the temporary folder
        os.kill(process.pid, signal_sent)  # the pipeline only, as a service manager or kill sends it
        process.wait(timeout=30)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(pid) for pid in below):
            time.sleep(0.1)
        assert not [pid for pid in below if _alive(pid)], "hugo server outlived the pipeline"
        assert list(scratch.iterdir()) == []
    finally:
        for pid in [process.pid, *below]:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        process.communicate(timeout=30)


def test_serve_never_serves_a_link_out_that_appears_after_it_started(workspace: Path, tmp_path: Path) -> None:
    _secret, folder = _secrets(tmp_path)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    drafts = workspace / "drafts"
    drafts.mkdir(exist_ok=True)
    process, port = _serve(workspace, scratch)
    try:
        assert _wait_for(port, "/ai-verandert-banen-en-privacy/", PUBLISHED_TITLE, process), process.poll()
        (drafts / "map").symlink_to(folder)  # as a pull or a careless editor makes it
        (workspace / "published" / "diep").symlink_to(folder)
        long_tag = article_text("Slecht", draft=True).replace('tags: ["banen"]', 'tags: ["' + "x" * 300 + '"]')
        (drafts / "slecht.md").write_text(long_tag, encoding="utf-8")  # Hugo would stop rebuilding for it
        (drafts / "nieuw.md").write_text(article_text("Nieuw na de start", draft=True), encoding="utf-8")
        assert _wait_for(port, "/nieuw/", "Nieuw na de start", process), "a new draft was not served"
        time.sleep(2)  # the link came first: time enough for a watcher to have seen it
        for path in ("/map/inner/", "/diep/inner/", "/", "/tags/banen/"):
            assert "SECRET" not in _fetch(port, path)[1], path
    finally:
        os.killpg(process.pid, signal.SIGINT)
        output, _ = process.communicate(timeout=30)
    assert "SECRET" not in output
    named = {line.split(": ")[1] for line in output.splitlines() if line.startswith("preview --serve: ")}
    assert named == {"drafts/map", "published/diep", "drafts/slecht.md"}, output


# --- page addresses as the Hugo site resolves them ------------------------------------------------------

ADDRESSED = {
    "gewoon.md": "",
    "Hoofd Letters  En Spaties.md": "",
    "met-slug.md": 'slug: "Wat? Nu  dan! (x&y)"\n',
    "met-url.md": 'url: "/Nieuws/Oud"\n',
    "als-bestand.md": 'url: "/pagina.html"\n',
    "met-index.md": 'url: "/met/index.html"\n',
    "met-aliassen.md": 'aliases: ["/Oud/Adres/", "/oud.html", "relatief", "/dubbel//pad/"]\n',
    "sectie/in-map.md": "",
    "sectie/dieper/nog-dieper.md": 'slug: "Eigen Naam"\n',
    "\u00fcn\u00efcode naam.md": "",
}


def _written_address(out: Path, page: Path) -> str:
    rel = page.relative_to(out).as_posix()
    return ("/" + rel.removesuffix("index.html")).casefold() if rel.endswith("index.html") else f"/{rel}".casefold()


def test_page_addresses_are_the_pages_hugo_writes(site: Workspace, tmp_path: Path) -> None:
    from pipeline.model.pages import page_addresses, section_addresses, site_page

    claimed: dict[str, str] = {}
    for name, extra in ADDRESSED.items():
        path = site.published / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article_text(f"Artikel {name}", extra=extra), encoding="utf-8")
        meta = parse_article(path.read_text(encoding="utf-8")).meta
        for address, key in page_addresses(meta, name.removesuffix(".md")).items():
            if not (key in ("file name", "slug") and "url" in meta):  # with a url, Hugo puts the page there
                claimed[address] = name
    out = tmp_path / "out"
    result = build(site, include_drafts=False, out=out)
    assert result.built, result.messages
    written = {_written_address(out, page) for page in out.rglob("*.html")}
    sections = {address for name in ADDRESSED for address in section_addresses(name.removesuffix(".md"))}
    assert set(claimed) <= written, sorted(set(claimed) - written)  # each address the pipeline gives is a page
    unaccounted = {address for address in written if address not in claimed and not site_page(address)
                   and address not in sections}
    assert unaccounted == set()  # and every page Hugo wrote is one the pipeline knows of
    assert {"/", "/tags/", "/tags/banen/", "/sectie/"} <= written and "/sectie/dieper/" not in written


def test_a_published_article_renamed_is_still_reached_at_its_old_address(workspace: Path) -> None:
    old = PUBLISHED_NAME.removesuffix(".md")
    renamed = run_installed("rename", old, "ai-en-privacy", cwd=workspace)
    assert renamed.returncode == 0, renamed.stdout + renamed.stderr
    built = run_installed("preview", "--published", "--json", cwd=workspace)
    assert built.returncode == 0, built.stdout + built.stderr
    result = json.loads(built.stdout)
    assert result["problems"] == []
    (page,) = [page for page in result["pages"] if page["title"] == PUBLISHED_TITLE]
    assert page["source"] == "published/ai-en-privacy.md"
    out = workspace / ".pipeline" / "preview"
    check_published_example(out / "ai-en-privacy" / "index.html")
    # Hugo's alias page at the old address sends the reader on to the new one
    alias = (out / old / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', alias)
    assert found is not None, alias
    url = found.group(1)
    assert (out / old / url / "index.html").resolve() == (out / "ai-en-privacy" / "index.html").resolve()
    assert f'<link rel="canonical" href="{url}">' in alias
