"""How fast the review desk's queue is with 10,000 drafts: writes benchmarks/desk.md.

    python benchmarks/desk.py            # 10,000 drafts (about two minutes on 2 cores)
    python benchmarks/desk.py --quick    # 1,000, to try the harness (results to a temp folder)

The drafts are generated with corpus.write_drafts (seeded, house style) into a temporary workspace, with a
journal in which some are approved (a few of those edited since: approval void), some rejected and some
scheduled. The queue page's server time is measured with Flask's test client (the handler, its template and
the WSGI round trip; no network): cold (a desk just started, first without then with the stamp cache
`pipeline review` keeps), warm (the desk running: its queue kept in memory), after one draft was edited,
and with a filter. Also: how long `pipeline desk` takes to print its URL, and an article's page.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import corpus  # noqa: E402

NOW = "2026-11-23T10:00:00+01:00"
TARGET_MS = 200.0


def build_workspace(root: Path, count: int) -> None:
    """count drafts; a journal: 1 in 10 approved (1 in 5 of those edited since), 1 in 50 rejected, 1 in 40
    dated in the future and approved (scheduled)."""
    from pipeline.model.article import content_hash, parse_article, render_article
    from pipeline.store.journal import Action, entry
    from pipeline.store.snapshots import keep_snapshot
    from pipeline.store.workspace import Workspace

    (root / "raw").mkdir(parents=True)
    (root / ".pipeline").mkdir()
    corpus.write_drafts(root / "drafts", count)
    workspace = Workspace.open(root)
    moment = datetime_now()
    entries: list[dict[str, Any]] = []
    for index, path in enumerate(sorted((root / "drafts").glob("*.md"))):
        rel = f"drafts/{path.name}"
        if index % 40 == 7:
            article = parse_article(path.read_text(encoding="utf-8"))
            article = article.with_meta({**article.meta, "date": "2027-01-15T09:00:00+01:00"})
            path.write_text(render_article(article), encoding="utf-8")
        if index % 10 == 0 or index % 40 == 7:
            article = parse_article(path.read_text(encoding="utf-8"))
            entries.append(entry(moment, Action.APPROVED, rel, by="anna", hash=content_hash(article)))
            keep_snapshot(workspace, article)  # as decide keeps it
            if index % 50 == 0:  # edited after the approval
                path.write_text(path.read_text(encoding="utf-8").replace("\n\n", "\n\nEen zin erbij.\n\n", 1),
                                encoding="utf-8")
        elif index % 50 == 3:
            article = parse_article(path.read_text(encoding="utf-8"))
            entries.append(entry(moment, Action.REJECTED, rel, by="bob", hash=content_hash(article),
                                 reason="de bron ontbreekt"))
    workspace.append_journal(entries)


def datetime_now() -> Any:
    from datetime import datetime

    return datetime.fromisoformat(NOW)


def new_desk(root: Path) -> tuple[Any, Any]:
    from pipeline.desk.app import Desk, create_app
    from pipeline.store.clock import now
    from pipeline.store.parallel import default_jobs
    from pipeline.store.workspace import Workspace

    workspace = Workspace.open(root, create=False)
    config = workspace.load_config()
    desk = Desk(workspace, config, "anna", lambda: now(config.zone), hugo=None, jobs=default_jobs())
    client = create_app(desk).test_client()
    assert client.get(f"/?token={desk.token}").status_code == 303
    return desk, client


def timed(client: Any, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, response.status_code
    return elapsed


def startup(root: Path, runs: int) -> float:
    """Seconds from starting `pipeline desk` to its URL printed (median)."""
    command = str(Path(sys.executable).parent / "pipeline")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen([command, "desk", "--no-browser", "--by", "anna"], cwd=root,
                                   env={**os.environ, "PIPELINE_NOW": NOW}, stdout=subprocess.PIPE, text=True)
        assert process.stdout is not None
        for line in process.stdout:
            if "token=" in line:
                break
        times.append(time.perf_counter() - start)
        process.terminate()
        process.wait()
    return statistics.median(times)


def measure(count: int) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="pipeline-desk-bench-") as folder:
        root = Path(folder) / "ws"
        made = time.perf_counter()
        build_workspace(root, count)
        print(f"workspace of {count} drafts made in {time.perf_counter() - made:.1f} s", file=sys.stderr)
        cache = root / ".pipeline" / "review-drafts.json"

        cold = []
        for _ in range(3):
            cache.unlink(missing_ok=True)
            _, client = new_desk(root)
            cold.append(timed(client, "/"))
        rows.append((f"queue, cold: a desk just started, no stamp cache ({count} drafts read and validated)",
                     f"{statistics.median(cold):.0f} ms"))
        cached = []
        for _ in range(3):
            _, client = new_desk(root)
            cached.append(timed(client, "/"))
        rows.append(("queue, cold: a desk just started, with the stamp cache", f"{statistics.median(cached):.0f} ms"))
        warmed, first = [], []
        for _ in range(3):
            from pipeline.desk.serve import warm as warm_up

            desk, client = new_desk(root)
            start = time.perf_counter()
            warm_up(desk)  # as `pipeline desk` does while the browser opens
            warmed.append((time.perf_counter() - start) * 1000)
            first.append(timed(client, "/"))
        rows.append(("queue, first page of a desk that warmed up as `pipeline desk` does (templates compiled, "
                     "states read while the browser opens; the warm-up itself in brackets)",
                     f"{statistics.median(first):.0f} ms ({statistics.median(warmed):.0f} ms)"))

        desk, client = new_desk(root)
        timed(client, "/")
        warm = [timed(client, "/") for _ in range(20)]
        rows.append(("queue, warm (median of 20)", f"**{statistics.median(warm):.0f} ms** (max {max(warm):.0f} ms)"))
        edited = []
        drafts = sorted((root / "drafts").glob("*.md"))
        for number in range(5):
            path = drafts[number * 7 + 1]
            path.write_text(path.read_text(encoding="utf-8") + "\nNog een zin.\n", encoding="utf-8")
            edited.append(timed(client, "/"))
        rows.append(("queue, warm, just after one draft was edited", f"{statistics.median(edited):.0f} ms"))
        approved_now = []
        from pipeline.store.journal import Action, entry

        for number in range(5):
            decided = entry(datetime_now(), Action.REJECTED, f"drafts/{drafts[number * 11].name}", by="carla",
                            hash="0" * 64, reason="nee")
            desk.workspace.append_journal([decided])
            approved_now.append(timed(client, "/"))
        rows.append(("queue, warm, just after a decision made elsewhere (the journal grew)",
                     f"{statistics.median(approved_now):.0f} ms"))
        filtered = [timed(client, "/?state=all&q=draft-0999") for _ in range(10)]
        rows.append(("queue, warm, filtered by words over every draft", f"{statistics.median(filtered):.0f} ms"))
        everything = [timed(client, "/?state=all") for _ in range(10)]
        rows.append((f"queue, warm, every draft ({page_rows()} rows shown)",
                     f"{statistics.median(everything):.0f} ms"))
        article = [timed(client, f"/article/{drafts[50].name}") for _ in range(5)]
        rows.append(("an article's page, edited since its approval (markdown-it-py; the word diff)",
                     f"{statistics.median(article):.0f} ms"))
        rows.append(("`pipeline desk` until its URL is printed (median of 3)", f"{startup(root, 3):.2f} s"))
    return rows


def page_rows() -> int:
    from pipeline.desk.app import PAGE_ROWS as rows

    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 drafts; results to a temporary folder")
    args = parser.parse_args()
    os.environ["PIPELINE_NOW"] = NOW
    count = 1000 if args.quick else 10_000
    load_before = os.getloadavg()[0]
    rows = measure(count)
    load_after = os.getloadavg()[0]
    from pipeline.store.parallel import default_jobs

    lines = [f"# The review desk with {count:,} drafts", "",
             f"Measured {time.strftime('%Y-%m-%dT%H:%M:%S%z')} by `python benchmarks/desk.py` on {os.cpu_count()} "
             f"cores ({platform.python_implementation()} {platform.python_version()}, {default_jobs()} worker "
             f"processes for a cold start; load average {load_before:.1f} before, {load_after:.1f} after: the machine "
             "is shared, so figures vary from run to run). Server time of each page through Flask's test client: "
             "the handler, its template and the WSGI round trip, no network. Target for the queue page: under "
             f"{TARGET_MS:.0f} ms.", "",
             "| what | server time |", "|---|---|", *[f"| {what} | {value} |" for what, value in rows], "",
             "The drafts are `corpus.write_drafts`'s; in the journal 1 in 10 is approved (1 in 5 of those edited "
             "since: approval void), 1 in 50 rejected, 1 in 40 scheduled.", "",
             "How: the desk keeps every draft's facts (what its text says) and state in memory. On each page it "
             "lists the stamps of drafts/ (one `scandir` and one `lstat` a file, no object a file: about 50 ms "
             "for 10,000), reads again only the drafts whose stamp changed, reads the journal from where it left "
             "off, and decides again only the drafts with new journal entries or whose date came meanwhile. A "
             "cold start reads every draft's facts as `pipeline review` does (from its stamp cache where it "
             "holds) and assesses all of them once: that is the cold figure, paid once per start (and the desk "
             "starts reading in the background as soon as it listens). The page shows 200 rows; the filter finds "
             "the rest.", ""]
    out = HERE / "desk.md" if not args.quick else Path(tempfile.mkdtemp()) / "desk.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    print(f"written to {out}", file=sys.stderr)
    shutil.rmtree(out.parent) if args.quick else None
    return 0


if __name__ == "__main__":
    sys.exit(main())
