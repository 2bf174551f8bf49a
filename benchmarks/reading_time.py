"""How long reading takes, with the line model and with the exact rules alone, in one process.

    python benchmarks/reading_time.py CORPUS... [--pages 1000] [--repeat 3]

The labelled pages (cycled up to ``--pages``) go through the pure function ``pipeline ingest`` runs
per file (bytes to drafts); the figure is the median of ``--repeat`` runs, in CPU time (the machine
may be busy with other work). ``benchmarks/run.py``
measures the whole command on generated pages.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from labelled import load_corpus

from pipeline.model.config import config_from_mapping
from pipeline.reading import line_model
from pipeline.reading.draft import SourceInfo, drafts_from_bytes

SCRAPED = datetime(2026, 1, 1, tzinfo=UTC)


def read_all(pages: list[bytes]) -> float:
    config = config_from_mapping({})
    source = SourceInfo("raw/page.txt", "0" * 64, SCRAPED, SCRAPED)
    start = time.process_time()
    for data in pages:
        with contextlib.suppress(Exception):  # a page that gives no draft costs its reading all the same
            drafts_from_bytes(data, source, config)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, nargs="+")
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    labelled = load_corpus(args.corpus)
    pages = [page.path.read_bytes() for page in itertools.islice(itertools.cycle(labelled), args.pages)]
    line_model.shipped()  # loaded once per process, before the clock starts (as the first page would)
    read_all(pages[:50])  # warm: imports, caches
    times: dict[str, list[float]] = {"rules alone": [], "with the line model": []}
    for _ in range(args.repeat):
        with line_model.using(None, frozenset()):
            times["rules alone"].append(read_all(pages))
        times["with the line model"].append(read_all(pages))
    rules = statistics.median(times["rules alone"])
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"| read {len(pages)} real pages, {name} | {median:.2f} s | {1000 * median / len(pages):.1f} ms/page "
              f"| {median / rules:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
