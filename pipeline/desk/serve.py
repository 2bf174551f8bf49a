"""Serving the desk: waitress on 127.0.0.1, a port of the reviewer's choice (or a free one), the URL with
its token printed, a browser opened unless asked not to."""

from __future__ import annotations

import sys
import threading
from typing import Any

from pipeline.desk.app import Desk, create_app


def make_server(desk: Desk, port: int) -> Any:
    """A waitress server bound to 127.0.0.1 (port 0: a free one), not yet serving. OSError when the port
    is taken or cannot be bound."""
    from waitress.server import create_server

    app = create_app(desk)
    # Four threads: a reviewer's browser opens a few connections at once; decisions take the workspace lock.
    server = create_server(app, host="127.0.0.1", port=port, threads=4, ident="pipeline desk",
                           clear_untrusted_proxy_headers=True)
    desk.cookie = f"pipeline-desk-{port_of(server)}"  # cookies know no ports: one desk's is not another's
    app.config["SESSION_COOKIE_NAME"] = f"{desk.cookie}-flash"
    return server


def port_of(server: Any) -> int:
    return int(server.effective_port)


def url_of(server: Any, desk: Desk) -> str:
    return f"http://127.0.0.1:{port_of(server)}/?token={desk.token}"


def serve(desk: Desk, server: Any, open_browser: bool) -> None:
    """Serve until Ctrl-C (or the process is ended). The queue is read once in the background meanwhile,
    so the first page is quick."""
    threading.Thread(target=warm, args=(desk,), daemon=True).start()
    if open_browser:
        import webbrowser

        webbrowser.open(url_of(server, desk))
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


def warm(desk: Desk) -> None:
    """What the first page needs, made before it is asked for: the queue's templates compiled (Jinja
    compiles a template the first time a process renders it) and every draft's state read."""
    try:
        for template in ("queue.html", "base.html") if desk.templates is not None else ():
            desk.templates.get_template(template)
        desk.index.states(desk.now())
    except Exception as error:  # the first page will say what is wrong
        print(f"desk: the queue could not be read yet: {type(error).__name__}: {error}", file=sys.stderr)
