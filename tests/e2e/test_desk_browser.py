"""The review desk end to end: the installed `pipeline desk` on a workspace, driven in a real headless
browser (Debian's chromium through chromium-driver and Selenium). Fails, never skips, without them:
CI installs both (.ci/run). Screenshots of the queue and an article are written as test artefacts, to
$PIPELINE_ARTEFACTS when set, else under pytest's temporary folder."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import signal
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE_DRAFT_NAME, FIXED_NOW, installed_command, run_installed

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
COVER = ('cover:\n  image: "https://images.example.org/robot.jpg"\n  alt: "Een robot aan een bureau"\n'
         '  caption: "Foto: redactie"\n')
# Without the background-networking flags a closed network makes chromium hang at start.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1400,1800"]


@pytest.fixture
def artefacts(tmp_path: Path) -> Path:
    folder = Path(os.environ["PIPELINE_ARTEFACTS"]) if os.environ.get("PIPELINE_ARTEFACTS") else tmp_path / "artefacts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def desk(workspace: Path) -> Iterator[str]:
    """`pipeline desk` started on the workspace, as a reviewer starts it: the URL it printed."""
    with desk_in(workspace, "--by", "anna") as url:
        yield url


@contextlib.contextmanager
def desk_in(root: Path, *args: str) -> Iterator[str]:
    """`pipeline desk --no-browser ARGS` running in root: the URL it printed; stopped with Ctrl-C after."""
    # Ctrl-C as at a terminal: a suite started in the background of a shell without job control inherits
    # SIGINT ignored, and Python keeps ignoring it, so the desk would never hear it.
    process = subprocess.Popen([*installed_command(), "desk", "--no-browser", *args], cwd=root,
                               env={**os.environ, "PIPELINE_NOW": FIXED_NOW}, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    url = ""
    try:
        while not url:
            try:
                line = lines.get(timeout=30)
            except queue.Empty:
                pytest.fail("pipeline desk printed no URL within 30 s")
            found = re.match(r"desk: (http://127\.0\.0\.1:\d+/\?token=[\w-]+)$", line.strip())
            url = found[1] if found else ""
        yield url
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C, as a reviewer stops it
        try:
            code = process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            code = process.wait()
        stderr = process.stderr.read() if process.stderr is not None else ""
        assert "Traceback" not in stderr, stderr
        assert code == 0, stderr


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    for needed in (CHROMIUM, CHROMEDRIVER):
        if not needed.exists():
            pytest.fail(f"{needed} is missing: apt-get install -y chromium chromium-driver (CI does this in .ci/run)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def test_a_reviewer_reads_compares_and_decides_in_the_browser(workspace: Path, desk: str, browser: Any,
                                                               artefacts: Path) -> None:
    from selenium.webdriver.common.by import By

    # A draft an editor finished (its cover filled in): it waits for a reviewer.
    assert run_installed("ingest", cwd=workspace).returncode == 0
    draft = workspace / "drafts" / EXAMPLE_DRAFT_NAME
    draft.write_text(draft.read_text(encoding="utf-8").replace('cover:\n  image: ""\n  alt: ""\n  caption: ""\n',
                                                                COVER), encoding="utf-8")
    url, driver = desk, browser
    driver.get(url)
    assert driver.current_url.endswith("/") and "token" not in driver.current_url  # kept in a cookie now
    assert driver.find_element(By.ID, "reviewer").text == "anna"
    row = driver.find_element(By.CSS_SELECTOR, "#queue tbody tr")
    assert row.find_element(By.CSS_SELECTOR, ".state").text == "awaiting review"
    assert row.find_element(By.CSS_SELECTOR, ".blocks").text == "needs 1 approval(s)"
    driver.save_screenshot(str(artefacts / "desk-queue.png"))

    click_and_wait(driver, row.find_element(By.CSS_SELECTOR, ".name a"))
    assert driver.find_element(By.ID, "article-name").text == f"drafts/{EXAMPLE_DRAFT_NAME}"
    assert "Kunstmatige intelligentie verandert de arbeidsmarkt" in \
        driver.find_element(By.ID, "raw-source").text
    driver.switch_to.frame(driver.find_element(By.ID, "rendered"))
    assert "Kunstmatige intelligentie verandert de arbeidsmarkt" in driver.find_element(By.TAG_NAME, "h1").text
    driver.switch_to.default_content()
    driver.save_screenshot(str(artefacts / "desk-article.png"))
    article_url = driver.current_url

    # An editor edits it meanwhile: the diff since ingest shows the words changed.
    draft.write_text(draft.read_text(encoding="utf-8").replace("razendsnel", "langzaam"), encoding="utf-8")
    driver.get(article_url)
    changes = driver.find_element(By.ID, "changes")
    assert "razendsnel" in [element.text for element in changes.find_elements(By.TAG_NAME, "del")]
    assert "langzaam" in [element.text for element in changes.find_elements(By.TAG_NAME, "ins")]
    driver.save_screenshot(str(artefacts / "desk-diff.png"))

    driver.find_element(By.ID, "text").send_keys("de bron <ontbreekt>")
    click_and_wait(driver, driver.find_element(By.ID, "reject"))
    assert "rejected: by anna: de bron <ontbreekt>" in driver.find_element(By.CSS_SELECTOR, ".flash").text
    assert driver.find_element(By.ID, "state").text.startswith("rejected: rejected by anna")

    driver.find_element(By.ID, "text").send_keys("nu goed")
    click_and_wait(driver, driver.find_element(By.ID, "approve"))
    assert "approved: by anna; approvals complete" in driver.find_element(By.CSS_SELECTOR, ".flash").text
    assert driver.find_element(By.ID, "state").text.startswith("approved: approved; ready to promote")

    assert (artefacts / "desk-queue.png").stat().st_size > 0 and (artefacts / "desk-article.png").stat().st_size > 0
    history = run_installed("history", EXAMPLE_DRAFT_NAME[:-3], cwd=workspace)
    actions = [line.split("\t") for line in history.stdout.splitlines()]
    # its title was edited ("... arbeidsmarkt langzaam"): the approval renamed it to follow the title first
    assert [row[1] for row in actions] == ["ingested", "rejected", "renaming", "renamed", "approved"]
    assert "by: anna" in actions[1][3] and "reason: de bron <ontbreekt>" in actions[1][3]
    assert "by: anna" in actions[4][3] and "note: nu goed" in actions[4][3]
    assert actions[4][2] == "drafts/2026-02-11-kunstmatige-intelligentie-verandert-de-arbeidsmarkt-langzaam.md"



def click_and_wait(driver: Any, element: Any) -> None:
    """Click, then wait for the next page: nothing is looked for on the page being left."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    page = driver.find_element(By.TAG_NAME, "html")
    element.click()

    def left(_driver: Any) -> bool:
        # the old page is gone when its root can no longer be asked anything: a stale element, or (as
        # Chrome answers mid-navigation) a node that no longer belongs to the document
        try:
            page.is_enabled()
        except WebDriverException:
            return True
        return False

    WebDriverWait(driver, 60).until(left)
    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.readyState") == "complete")


def test_on_a_reviewer_clone_the_diff_and_evidence_show_wrapped_and_the_problems_stand_by_the_approve_button(
        tmp_path: Path, browser: Any, artefacts: Path) -> None:
    """Ingest on cron, an approval on anna's clone, an edit on the editor's; bob opens the desk on his own
    fresh clone (no snapshots, no raw files)."""
    from selenium.webdriver.common.by import By

    from tests.e2e.test_team import Team, git, pipeline
    from tests.stages.test_updates import NAME

    team = Team(tmp_path / "team")
    team.approved_draft()
    editor = team.clone("editor", sign=False)
    draft = editor / "drafts" / f"{NAME}.md"
    long_title = "Zo veranderde kunstmatige intelligentie de arbeidsmarkt van bakkers, redacteuren en " \
                 "logistiek in één enkel jaar"  # over validate.max_title_chars: it blocks approval
    link = "https://example.org/" + "lang-adres-" * 40  # one long word: wraps, never scrolls sideways
    text = draft.read_text(encoding="utf-8").replace(
        'title: "Kunstmatige intelligentie verandert de arbeidsmarkt"', f'title: "{long_title}"')
    text = text.replace("goede baan", f"veilige baan ({link})").replace("draft: true\n",
                                                                       'draft: true\ndate_precision: "month"\n')
    text = text.replace('tags: ["', 'tags: ["onbekend", ', 1)  # a tag outside the vocabulary: a warning
    assert "veilige baan" in text and "date_precision" in text and '"onbekend"' in text
    draft.write_text(text, encoding="utf-8")
    git(editor, "commit", "-q", "-am", "title, link, date to confirm")
    pipeline(editor, "sync")
    bob = team.clone("bob")
    with desk_in(bob) as url:
        browser.get(url)
        browser.get(url.split("?")[0] + f"article/drafts/{NAME}.md")
        changes = browser.find_element(By.ID, "changes")
        assert "not known" not in changes.text
        since_approval = changes.find_elements(By.CSS_SELECTOR, ".change")[0]
        assert since_approval.find_element(By.TAG_NAME, "h3").text.startswith("Since the approval by anna")
        title_row = since_approval.find_element(By.CSS_SELECTOR, ".field-changes tbody tr")
        assert [cell.text for cell in title_row.find_elements(By.TAG_NAME, "td")] == [
            "title", "Kunstmatige intelligentie verandert de arbeidsmarkt", long_title]
        assert "goede" in [element.text for element in since_approval.find_elements(By.CSS_SELECTOR, ".para del")]
        for diff in changes.find_elements(By.CSS_SELECTOR, "div.diff"):
            assert browser.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth", diff)
        assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
        evidence = browser.find_element(By.XPATH, "//table[@id='fields']//tr[td[@class='key' and text()='date']]"
                                                  "/td[@class='evidence']").text
        assert evidence, "where the date came from, as ingest said on the cron machine"
        look = browser.find_element(By.ID, "look-here")
        approve = browser.find_element(By.ID, "approve")
        blocking = look.find_element(By.ID, "blocking").text
        assert "title" in blocking and "date_precision" in blocking  # a day to confirm blocks approval
        assert "tags" in look.find_element(By.ID, "warnings").text
        gap = approve.rect["y"] - (look.rect["y"] + look.rect["height"])
        assert 0 <= gap < 200, gap  # right above the button, in the reviewer's eye line
        browser.save_screenshot(str(artefacts / "desk-clone-article.png"))


def test_a_reviewer_reads_a_revision_against_the_live_page_and_approves_it_in_the_browser(
        bare_workspace: Path, browser: Any, artefacts: Path) -> None:
    """A published article's source was scraped again: its revision waits in the queue, shows what readers
    will see change, and is approved at the desk; promote then replaces the live page at the same address."""
    from selenium.webdriver.common.by import By

    from tests.helpers import cli
    from tests.stages.test_revisions import published_with_edits, revision
    from tests.stages.test_updates import CORRECTION, NAME, rescraped

    root = bare_workspace
    live = published_with_edits(root)
    rescraped(root)
    assert cli(root, "ingest").exit_code == 0
    with desk_in(root, "--by", "anna") as url:
        browser.get(url)
        row = next(row for row in browser.find_elements(By.CSS_SELECTOR, "#queue tbody tr")
                   if row.find_element(By.CSS_SELECTOR, ".name").text == f"revisions/{NAME}.md")
        assert row.find_element(By.CSS_SELECTOR, ".state").text == "awaiting review"
        assert row.find_element(By.CSS_SELECTOR, ".blocks").text.startswith(f"revision of published/{NAME}.md")
        click_and_wait(browser, row.find_element(By.CSS_SELECTOR, ".name a"))
        assert browser.find_element(By.ID, "revision-of").text.startswith(f"A correction of the published "
                                                                          f"published/{NAME}.md")
        against = browser.find_elements(By.CSS_SELECTOR, "#changes .change")[0]
        assert against.find_element(By.TAG_NAME, "h3").text == f"Against the live page (published/{NAME}.md)"
        assert "en veilige" in [element.text.strip() for element in against.find_elements(By.TAG_NAME, "ins")]
        browser.save_screenshot(str(artefacts / "desk-revision.png"))
        click_and_wait(browser, browser.find_element(By.ID, "approve"))
        assert "approved: by anna; approvals complete" in browser.find_element(By.CSS_SELECTOR, ".flash").text
        assert browser.find_element(By.ID, "state").text.startswith("approved: revision of published/")
    promoted = run_installed("promote", cwd=root)
    assert promoted.returncode == 0 and "revised" in promoted.stdout, promoted.stdout
    assert CORRECTION[1] in live.read_text(encoding="utf-8") and not revision(root).exists()
