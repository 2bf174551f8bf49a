"""``pipeline preview --serve``: ``hugo server`` on a private copy of the workspace the pipeline checked.

Hugo reads a private copy of published/ (and drafts/), never the live folders: the pipeline reads each
file itself, from inside the workspace, checks it as a build does and copies it (``store/mirror``), again
every REFRESH_SECONDS, so an edit still shows, while a link out that appears later (a pull, an editor)
is never served. Whatever stops it (Ctrl-C, SIGTERM, SIGHUP), the server is stopped and its site removed.
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from pipeline.hugo.build import (
    SITE_CONFIG,
    SITE_DIR,
    expected_of,
    hugo_environment,
    is_article,
    serve_command,
    site_config,
)
from pipeline.hugo.plan import BuildPlan
from pipeline.model.config import Config
from pipeline.store import clock, trees
from pipeline.store.mirror import FolderCopy
from pipeline.store.paths import read_text_or_none
from pipeline.store.workspace import Workspace

# How often the private copy a server reads is brought up to date with the workspace (seconds).
REFRESH_SECONDS = 1.0


def serve_site(workspace: Workspace, config: Config, hugo: str, port: int, include_drafts: bool = True,
               drafts: list[str] | None = None, tell: Callable[[str], None] | None = None,
               named: frozenset[str] = frozenset()) -> int:
    """Run ``hugo server`` on 127.0.0.1 in the foreground until Ctrl-C or a signal to stop.

    Hugo reads a private copy of published/ (and drafts/), never the live folders: the pipeline reads each
    file itself, from inside the workspace, checks it and copies it, every REFRESH_SECONDS, so an edit
    still shows, while a link out that appears later (a pull, an editor) is never served. What is left out
    is told (``tell``) once, unless the build before already named it (``named``). Whatever stops it, the
    server is stopped and its site removed."""
    say = tell or (lambda _line: None)
    site = trees.make_scratch_dir(None, "pipeline-hugo-site-")
    process: subprocess.Popen[bytes] | None = None
    with _stopped_by_signals():
        try:
            content = site / "content"
            wanted_drafts = set(drafts) if drafts is not None else None
            copies = [FolderCopy(workspace, workspace.published, content / "published", _servable)]
            if include_drafts:
                copies.append(FolderCopy(workspace, workspace.drafts, content / "drafts", _servable,
                                         lambda inner: wanted_drafts is None or inner in wanted_drafts))
            _refresh(copies, say, named)
            plan = BuildPlan(include_drafts, None)  # the copies hold only what is to be served
            base = read_text_or_none(SITE_DIR / SITE_CONFIG)
            if base is None:
                raise RuntimeError(f"the package's Hugo site is missing: {SITE_DIR / SITE_CONFIG}")
            workspace.write_atomic(site / SITE_CONFIG, site_config(base, workspace, config, plan,
                                                                   (content / "published", content / "drafts")))
            process = subprocess.Popen(serve_command(hugo, site, plan, port, clock.now(config.zone)), cwd=site,
                                       env=hugo_environment())
            while True:
                try:
                    return process.wait(timeout=REFRESH_SECONDS)
                except subprocess.TimeoutExpired:
                    _refresh(copies, say, frozenset())
        except (KeyboardInterrupt, _StopAsked):  # Ctrl-C or a signal to stop is how a server ends: not an error
            return 0
        finally:
            if process is not None:
                _stop(process)
            trees.remove_tree(site)


def _servable(rel: str, data: bytes) -> str:
    """Why an article is not served as it is ('' when it is): what preview leaves out of a build."""
    name = rel.rsplit("/", 1)[-1]
    if not name.endswith(".md") or not is_article(Path(name)):
        return ""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "is not UTF-8 text: not served"
    expected = expected_of(rel, text, "")
    return expected.error.message if expected.error is not None else ""


def _refresh(copies: Sequence[FolderCopy], say: Callable[[str], None], named: frozenset[str]) -> None:
    for copy in copies:
        try:
            left_out = copy.refresh()
        except OSError as error:  # the private copy cannot be written (a full disk): said, and served as it was
            say(f"the preview could not be brought up to date: {error.strerror or error}: {error.filename or ''}")
            continue
        for left in left_out:
            if left.rel not in named:
                say(f"{left.rel}: {left.why}")


class _StopAsked(Exception):
    """SIGTERM or SIGHUP: stop serving as Ctrl-C does."""


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP raise _StopAsked while serving, so the server is stopped and the site removed
    (by default they end Python at once, and hugo server and its site in /tmp outlive it)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    asked: list[int] = []

    def stop(number: int, _frame: object) -> None:
        if not asked:  # once: a second signal must not cut the cleanup short
            asked.append(number)
            raise _StopAsked()

    before = {number: signal.signal(number, stop) for number in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop hugo server: asked first, killed when it does not go."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
