"""The desk's web application (Flask): the queue, an article, and a reviewer's decision.

Safe by default, for one reviewer on their own machine:

- every request carries the desk's token (the URL printed at start, ``?token=...``, once; then a cookie
  holding a session signed with a secret of this run): without it, 403;
- the Host header must be 127.0.0.1 or localhost (a web page cannot reach the desk by a name of its own
  that resolves to this machine);
- a decision is a POST with the session's CSRF token in a hidden field (compared in constant time) and
  an Origin (or Referer) of the desk itself;
- every value from an article is escaped (Jinja2 autoescape); the page as the site renders it is shown
  in a sandboxed frame, and the desk's pages forbid every script (Content-Security-Policy);
- an article is named as on the command line and resolved inside drafts/, published/ or revisions/ only.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from flask import Flask, abort, flash, get_flashed_messages, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from pipeline import output
from pipeline.desk.article import Renderer, article_view
from pipeline.desk.changes import DELETED, INSERTED, SKIPPED
from pipeline.desk.queue import QueueIndex
from pipeline.model.article import parse_article
from pipeline.model.config import Config
from pipeline.model.errors import ArticleError, PipelineError
from pipeline.stages.assess import read_draft
from pipeline.stages.covers import CoverMatch
from pipeline.stages.decisions import STATES, DraftStatus
from pipeline.stages.review import CHANGED_SINCE_SEEN
from pipeline.store.journal import article_name
from pipeline.store.targets import Target, resolve_article, resolve_target
from pipeline.store.workspace import Workspace

# The states the queue shows unless asked for others: what a reviewer acts on or looks out for.
QUEUE_STATES = (DraftStatus.DUPLICATE, DraftStatus.AWAITING, DraftStatus.VOID, DraftStatus.REJECTED,
                DraftStatus.SCHEDULED)
# Rows shown at once: a filter narrows the rest down.
PAGE_ROWS = 200
LOCAL_HOSTS = ("127.0.0.1", "localhost")
# What a reviewer decides on: drafts, and revisions of published articles (a correction, as a draft).
DECIDED_FOLDERS = ("drafts/", "revisions/")
SESSION_COOKIE = "pipeline-desk"
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'")


@dataclass
class Desk:
    """What the desk serves and the secrets of this run."""

    workspace: Workspace
    config: Config
    reviewer: str
    now: Callable[[], datetime]
    hugo: str | None = None
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    jobs: int = 1
    cookie: str = SESSION_COOKIE
    index: QueueIndex = field(init=False)
    renderer: Renderer = field(init=False)
    templates: Any = field(init=False, default=None)  # the application's Jinja environment, once it is made

    def __post_init__(self) -> None:
        self.index = QueueIndex(self.workspace, self.config, self.jobs)
        self.renderer = Renderer(self.hugo)

    def sign(self, purpose: str, value: str) -> str:
        return hmac.new(self.secret, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()

    def new_session(self) -> str:
        nonce = secrets.token_urlsafe(24)
        return f"{nonce}.{self.sign('session', nonce)}"

    def session_nonce(self, cookie: str | None) -> str | None:
        """The nonce of a session this desk signed, else None (compared in constant time)."""
        if not cookie or "." not in cookie:
            return None
        nonce, signature = cookie.rsplit(".", 1)
        return nonce if hmac.compare_digest(signature, self.sign("session", nonce)) else None

    def csrf(self, nonce: str) -> str:
        return self.sign("csrf", nonce)


def create_app(desk: Desk) -> Flask:
    app = Flask(__name__)
    app.secret_key = secrets.token_bytes(32)  # signs the flashed messages' cookie; a new one each run
    app.config.update(SESSION_COOKIE_NAME=f"{desk.cookie}-flash", SESSION_COOKIE_HTTPONLY=True,
                      SESSION_COOKIE_SAMESITE="Strict", MAX_CONTENT_LENGTH=256 * 1024, TEMPLATES_AUTO_RELOAD=False)
    app.jinja_env.autoescape = True  # every template, whatever its name
    app.jinja_env.filters["line"] = output.safe_line
    app.jinja_env.filters["cell"] = output.safe_cell
    app.jinja_env.globals.update(DELETED=DELETED, INSERTED=INSERTED, SKIPPED=SKIPPED)
    desk.templates = app.jinja_env

    @app.before_request
    def guard() -> Response | None:
        host = (request.host or "").rsplit(":", 1)[0] if not (request.host or "").startswith("[") else ""
        if host not in LOCAL_HOSTS:
            abort(403, "the desk answers on 127.0.0.1 only")
        given = request.args.get("token")
        if given is not None:
            if not hmac.compare_digest(given.encode(), desk.token.encode()):
                abort(403, "wrong token: open the URL `pipeline desk` printed")
            query = [(key, value) for key, value in request.args.items(multi=True) if key != "token"]
            response = redirect(request.path + (f"?{urlencode(query)}" if query else ""), 303)
            response.set_cookie(desk.cookie, desk.new_session(), httponly=True, samesite="Strict", path="/")
            return response
        nonce = desk.session_nonce(request.cookies.get(desk.cookie))
        if nonce is None:
            abort(403, "no token: open the URL `pipeline desk` printed (it holds the token)")
        request.environ["desk.nonce"] = nonce
        if request.method not in ("GET", "HEAD"):
            _check_post(desk, nonce)
        return None

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.errorhandler(HTTPException)
    def refused(error: HTTPException) -> tuple[str, int]:
        return render_template("error.html", code=error.code, message=error.description), error.code or 500

    @app.errorhandler(PipelineError)
    def workspace_error(error: PipelineError) -> tuple[str, int]:  # a lock or journal that is a link, say
        return render_template("error.html", code=500, message=str(error)), 500

    def page(template: str, **values: Any) -> str:
        nonce = request.environ.get("desk.nonce", "")
        return render_template(template, desk=desk, csrf=desk.csrf(nonce) if nonce else "",
                               messages=get_flashed_messages(with_categories=True), **values)

    @app.get("/")
    def queue() -> str:
        return page("queue.html", **queue_values(desk, request.args.get("state", ""), request.args.get("q", "")))

    @app.get("/article/<path:name>")
    def article(name: str) -> str:
        target = _target(desk, name)
        history = desk.index.history(article_name(target.rel))
        view = article_view(desk.workspace, desk.config, target, desk.now(), history, desk.renderer)
        return page("article.html", view=view, covers=cover_suggestions(desk.workspace, desk.config, target))

    @app.post("/article/<path:name>/decide")
    def decide(name: str) -> Response:
        target = _target(desk, name)
        if not target.rel.startswith(DECIDED_FOLDERS):
            abort(400, "only a draft or a revision is approved or rejected")
        category, message = decide_on(desk, target, request.form.get("action", ""), request.form.get("text", ""),
                                      request.form.get("seen", ""))
        flash(message, category)
        where = renamed_to(desk.workspace, target)  # an approval renames a draft first when its title changed
        return redirect(url_for("article", name=where), 303)

    return app


COVERS_SHOWN = 3


def cover_suggestions(workspace: Workspace, config: Config, target: Target) -> list[CoverMatch]:
    """The photo library's best matches for a draft that has no cover image yet (none without a library)."""
    from pipeline.stages.covers import suggest_covers
    from pipeline.store.photos import read_library

    if not config.cover_library or not target.rel.startswith("drafts/") or target.path is None:
        return []
    text, _ = read_draft(workspace, target.path)
    if text is None:
        return []
    try:
        if parse_article(text, target.rel).get("cover.image"):
            return []
    except ArticleError:
        return []
    return suggest_covers(text, target.rel, read_library(workspace, config.cover_library), COVERS_SHOWN)


def _check_post(desk: Desk, nonce: str) -> None:
    """A state-changing request comes from the desk's own page: its CSRF token, its origin."""
    expected = f"http://{request.host}"
    origin = request.headers.get("Origin")
    if origin is not None:
        if origin != expected:
            abort(403, "this request came from another site")
    else:
        referer = request.headers.get("Referer", "")
        parts = urlsplit(referer)
        if f"{parts.scheme}://{parts.netloc}" != expected:
            abort(403, "this request does not say it came from the desk (no Origin or Referer)")
    given = request.form.get("csrf", "")
    if not hmac.compare_digest(given.encode(), desk.csrf(nonce).encode()):
        abort(403, "the form's token is missing or wrong: reload the page and try again")


def _target(desk: Desk, name: str) -> Target:
    """An article the URL names, in drafts/ or published/, or a revision in revisions/ (named by its path)
    only: never a path out of the workspace, never a revision that is a link."""
    if not name or "\0" in name or name.startswith(("/", "\\")) or ".." in Path(name).parts:
        abort(404, "no such article")
    workspace = desk.workspace
    if name.startswith("revisions/"):
        found = resolve_target(workspace, name, workspace.revisions, workspace.root)
    else:
        found = resolve_article(workspace, name, workspace.root)
    if found.path is None or found.error:
        abort(404, output.safe_line(found.error or "no such article"))
    if not workspace.inside(found.path) or not found.rel.startswith(("drafts/", "published/", "revisions/")):
        abort(404, "no such article")
    return found


def queue_values(desk: Desk, wanted: str, query: str) -> dict[str, Any]:
    """The rows of the queue: drafts in the states wanted (default: those a reviewer acts on), whose name or
    title holds the query, and how many there are in each state."""
    states = desk.index.states(desk.now())
    counts = {str(state): 0 for state in STATES}
    for state in states:
        counts[str(state.state)] += 1
    chosen = {wanted} if wanted in counts else {str(state) for state in QUEUE_STATES} if wanted != "all" \
        else set(counts)
    needle = query.casefold().strip()
    rows = [state for state in states if str(state.state) in chosen
            and (not needle or needle in state.rel.casefold() or needle in state.title.casefold())]
    return {"rows": rows[:PAGE_ROWS], "matching": len(rows), "counts": counts, "wanted": wanted, "query": query,
            "published": desk.index.published(), "shown_states": [str(state) for state in STATES]}


def renamed_to(workspace: Workspace, target: Target) -> str:
    """Where a draft is now: its name, or the one the journal's latest rename from it gave."""
    if target.path is None or workspace.exists(target.path):
        return target.rel
    renames = [item for item in workspace.read_journal()[0] if item.get("action") == "renamed"]
    return next((str(item.get("article")) for item in reversed(renames) if item.get("from") == target.rel), target.rel)


def decide_on(desk: Desk, target: Target, action: str, text: str, seen: str) -> tuple[str, str]:
    """Approve or reject through the same code as the CLI, under the workspace lock, bound to the content
    the reviewer read (``seen``: its hash): the draft is read once, compared and decided on as read.
    (category, message) for the page."""
    from pipeline.stages.review import decide_all
    from pipeline.stages.travel import recording
    from pipeline.store.journal import Action

    if action not in ("approve", "reject"):
        return "error", "choose approve or reject"
    wanted = Action.APPROVED if action == "approve" else Action.REJECTED
    text = text.strip()
    if wanted == Action.REJECTED and not text:
        return "error", "a rejection needs a reason: the editor reads it"
    if not seen:  # a form without the hash it was shown with: decide on nothing unseen
        return "error", f"{target.rel}: the form did not say which text you read: read it again, then decide"
    assert target.path is not None
    try:
        # as from the CLI: in a git workspace a commit of its own, checked at once, and sent
        with (desk.workspace.lock(desk.config.lock_timeout, f"desk {action}"),
              recording(desk.workspace, desk.config, action) as recorded):
            outcome, = decide_all(desk.workspace, desk.config, [target], wanted, desk.reviewer, text, desk.now(),
                                  seen)
        sent = recorded.sending
    except PipelineError as error:  # the lock held by a run, the journal not writable
        return "error", str(error)
    if outcome.detail == CHANGED_SINCE_SEEN:
        return "error", f"{target.rel} {CHANGED_SINCE_SEEN}"
    category = "error" if outcome.failed else "done"
    travel = "" if sent is None else f"; sent to {sent.upstream}" if not sent.waits else \
        f"; not sent to {sent.upstream} ({sent.waits}): it waits here for the next pipeline sync"
    return category, f"{outcome.status}: {outcome.detail}{travel}"
