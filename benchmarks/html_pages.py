"""HTML pages beside the best extractors, on their own public evaluation sets.

    python benchmarks/html_pages.py --trafilatura DIR --htmldate DIR [--out benchmarks/html.md] [--limit N]

DIR is a clone of https://github.com/adbar/trafilatura or https://github.com/adbar/htmldate (a
checkout or a bare git directory: files are read with ``git cat-file`` when there is no work tree).
Nothing of theirs is copied into this repository.

Passages, on trafilatura's set (``tests/evaldata.json``: per page, passages that must be extracted,
``with``, and must not, ``without``; pages in ``tests/cache`` or ``tests/eval``), scored exactly as
its ``tests/eval_common.py`` scores them: whitespace squashed in passage and output, a ``with``
passage found is a true positive, a ``without`` passage found a false positive, a crash or no
output finds nothing; precision, recall and F1 over all passages of all pages. Systems:

- ``pipeline, HTML``: the page's bytes as a raw ``.html`` file through ``drafts_from_bytes`` (what
  ``pipeline ingest`` does); its output is each draft's title and body;
- ``pipeline, flattened text``: the page flattened by a careless scraper (all visible text, one line
  per block element, by ``flatten`` below, with lxml), as a ``.txt`` raw file; same output;
- ``trafilatura``: ``extract`` with the settings of trafilatura's own evaluation
  (``fast=False, include_comments=False, include_tables=True, include_formatting=False``);
- ``all visible text``: the flattened page itself, the ceiling of recall.

Dates, on htmldate's sets (``tests/eval_default.json`` and ``tests/eval_mediacloud_2020.json``,
pages in ``tests/test_set``, ``tests/cache`` or ``tests/eval``), scored as its
``tests/evaluation.py`` scores them: the day found equals the expected day (true positive), another
day (false positive), none where one is expected (false negative), none where none is (true
negative, and also a false negative, as its script counts it); accuracy = (TP + TN) / all. htmldate
gets the page as its evaluation loads it, with its defaults (``find_date(page)``), with its
evaluation's settings (``original_date=True``, extensive search) and without the extensive search.
Our HTML path's date is the draft's ``date`` (its day); the flattened text's the same.

Time per page is the extraction alone (reading the corpus and scoring are not counted), one
process. Pages are split by a hash of their file name: those whose name hashes to 0, 1, 2 or 3
(four in sixteen) are the ones studied while building the readers; the rest are held out and
reported on their own.

(Named html_pages.py, not html.py: a script named html.py here would stand in for the standard
library's html module in every benchmark script run from this folder.)
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder comes first on the path, and this file's name hides the standard
# library's html module from everything imported after it: the folder goes, the repository takes its place.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != _HERE] + [str(_HERE.parent)]

import argparse  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from typing import Any  # noqa: E402

from pipeline.model.config import config_from_mapping  # noqa: E402
from pipeline.reading.draft import SourceInfo, drafts_from_bytes  # noqa: E402

SCRAPED = datetime(2026, 1, 1, tzinfo=UTC)
CONFIG = config_from_mapping({})


class Corpus:
    """Files of a clone: read from its work tree, else from its git objects (HEAD)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.tree = (root / "tests").is_dir()
        self.names: set[str] = set()
        self._batch: subprocess.Popen[bytes] | None = None
        if not self.tree:
            listing = subprocess.run(["git", "-C", str(root), "ls-tree", "-r", "-z", "--name-only", "HEAD", "tests"],
                                     capture_output=True, check=True).stdout
            self.names = set(listing.decode("utf-8", "surrogateescape").split("\0")) - {""}

    def exists(self, path: str) -> bool:
        return (self.root / path).is_file() if self.tree else path in self.names

    def read(self, path: str) -> bytes:
        if self.tree:
            return (self.root / path).read_bytes()
        if self._batch is None:
            self._batch = subprocess.Popen(["git", "-C", str(self.root), "cat-file", "--batch"],
                                           stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self._batch.stdin is not None and self._batch.stdout is not None
        self._batch.stdin.write(f"HEAD:{path}\n".encode("utf-8", "surrogateescape"))
        self._batch.stdin.flush()
        header = self._batch.stdout.readline().split()
        if len(header) < 3 or header[1] != b"blob":
            raise FileNotFoundError(path)
        data = self._batch.stdout.read(int(header[2]))
        self._batch.stdout.read(1)
        return data

    def first(self, folders: tuple[str, ...], name: str) -> str | None:
        return next((f"tests/{folder}/{name}" for folder in folders if self.exists(f"tests/{folder}/{name}")), None)


# --- the careless scraper: all visible text, one line per block element ------------------------------



def flatten(data: bytes) -> str:
    """The text a scraper saves when it keeps everything the page shows: menus, footers and all."""
    from lxml import etree, html

    try:  # decoded as a browser would (lxml alone misses a charset declared late and reads UTF-8 as latin-1)
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        text = str(best) if best is not None else data.decode("latin-1")
    try:
        root = html.document_fromstring(text.encode("utf-8", "surrogatepass"),
                                        parser=html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        return ""
    from pipeline.reading.html_source import flatten as visible_text

    return visible_text(root)  # the pipeline's own flattener: one line per block element, nothing hidden


# --- the systems ----------------------------------------------------------------------------------------


def pipeline_text(data: bytes, name: str) -> str | None:
    """What a draft says: each draft's title and body (its front matter's other fields are not text)."""
    source = SourceInfo(f"raw/{name}", hashlib.sha256(data).hexdigest(), SCRAPED, SCRAPED)
    drafts = drafts_from_bytes(data, source, CONFIG)
    return "\n\n".join(f"{draft.article.meta.get('title', '')}\n\n{draft.article.body}" for draft in drafts)


def pipeline_html(data: bytes) -> str | None:
    return pipeline_text(data, "page.html")


def pipeline_flattened(data: bytes) -> str | None:
    text = flatten(data)
    return pipeline_text(text.encode(), "page.txt") if text.strip() else None


def trafilatura_alone(data: bytes) -> str | None:
    from trafilatura import extract

    result: str | None = extract(data, fast=False, include_comments=False, include_tables=True,
                                 include_formatting=False)
    return result


def visible_text(data: bytes) -> str | None:
    return flatten(data)


PASSAGE_SYSTEMS: dict[str, Callable[[bytes], str | None]] = {
    "pipeline, HTML": pipeline_html,
    "pipeline, flattened text": pipeline_flattened,
    "trafilatura": trafilatura_alone,
    "all visible text": visible_text,
}


def pipeline_date(data: bytes, name: str) -> str | None:
    source = SourceInfo(f"raw/{name}", hashlib.sha256(data).hexdigest(), SCRAPED, SCRAPED)
    drafts = drafts_from_bytes(data, source, CONFIG)
    date = drafts[0].article.meta.get("date") if drafts else None
    return str(date)[:10] if date else None


def pipeline_html_date(data: bytes, page: str | bytes) -> str | None:
    return pipeline_date(data, "page.html")


def pipeline_flattened_date(data: bytes, page: str | bytes) -> str | None:
    text = flatten(data)
    return pipeline_date(text.encode(), "page.txt") if text.strip() else None


def htmldate_extensive(data: bytes, page: str | bytes) -> str | None:
    from htmldate import find_date

    found: str | None = find_date(page, original_date=True, extensive_search=True)
    return found


def htmldate_fast(data: bytes, page: str | bytes) -> str | None:
    from htmldate import find_date

    found: str | None = find_date(page, original_date=True, extensive_search=False)
    return found


def htmldate_defaults(data: bytes, page: str | bytes) -> str | None:
    from htmldate import find_date

    found: str | None = find_date(page)
    return found


DATE_SYSTEMS: dict[str, Callable[[bytes, str | bytes], str | None]] = {
    "pipeline, HTML": pipeline_html_date,
    "pipeline, flattened text": pipeline_flattened_date,
    "htmldate (defaults)": htmldate_defaults,
    "htmldate (extensive, original date: its evaluation's setting)": htmldate_extensive,
    "htmldate (fast, original date)": htmldate_fast,
}


# --- scoring, as the evaluation scripts do it ------------------------------------------------------------


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def count_item(item: dict[str, Any], result: str | None) -> tuple[int, int, int, int]:
    """trafilatura's eval_common.count_item: (tp, fp, fn, tn) by whitespace-normalised substrings."""
    if isinstance(result, str):
        found = norm(result)
        tp = sum(1 for passage in item["with"] if norm(passage) in found)
        fp = sum(1 for passage in item["without"] if norm(passage) in found)
    else:
        tp = fp = 0
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


def date_counts(result: str | None, expected: str | None) -> tuple[int, int, int, int]:
    """htmldate's evaluation.evaluate_result, which gives (tp, fp, tn, fn), returned as (tp, fp, fn, tn)
    like count_item. No date where none is expected counts as a true negative and a false negative
    both, as there."""
    if result is None:
        tp, fp, tn, fn = (0, 0, 1, 1) if expected is None else (0, 0, 0, 1)
    else:
        tp, fp, tn, fn = (1, 0, 0, 0) if result == expected else (0, 1, 0, 0)
    return tp, fp, fn, tn


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    seconds: float = 0.0
    pages: int = 0
    errors: int = 0
    first_error: str = ""

    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp + self.fp + self.fn else 0.0

    def accuracy(self) -> float:
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 0.0


def studied(name: str) -> bool:
    """The pages looked at while building the readers: four in sixteen, by a hash of the name (those
    hashing to 0 from the start, to 1 from the second round of changes on, to 2 and 3 for the last)."""
    return hashlib.sha256(name.encode()).hexdigest()[0] in "0123"


@dataclass
class Results:
    passages: dict[str, dict[str, Tally]] = field(default_factory=dict)  # part -> system -> tally
    dates: dict[str, dict[str, Tally]] = field(default_factory=dict)
    failures: dict[str, list[str]] = field(default_factory=dict)  # system -> pages it failed


def _run(function: Callable[..., str | None], *args: Any) -> tuple[str | None, float, str]:
    start = time.perf_counter()
    try:
        result = function(*args)
        error = ""
    except Exception as exc:  # a crash or a refused file finds nothing, as the evaluation counts it
        result, error = None, f"{type(exc).__name__}: {exc}"
    return result, time.perf_counter() - start, error


def _add(parts: dict[str, dict[str, Tally]], name: str, system: str, counts: tuple[int, int, int, int],
         seconds: float, error: str) -> None:
    for part in ("all", "studied" if studied(name) else "held out"):
        tally = parts.setdefault(part, {}).setdefault(system, Tally())
        tally.tp += counts[0]
        tally.fp += counts[1]
        tally.fn += counts[2]
        tally.tn += counts[3]
        tally.seconds += seconds
        tally.pages += 1
        if error:
            tally.errors += 1
            tally.first_error = tally.first_error or f"{name}: {error}"[:200]


def run_passages(corpus: Corpus, results: Results, limit: int | None) -> None:
    evaldata = json.loads(corpus.read("tests/evaldata.json"))
    for number, (_url, item) in enumerate(sorted(evaldata.items())[:limit], 1):
        path = corpus.first(("cache", "eval"), item["file"])
        if path is None:
            raise SystemExit(f"{item['file']}: not in the trafilatura clone")
        data = corpus.read(path)
        for system, function in PASSAGE_SYSTEMS.items():
            result, seconds, error = _run(function, data)
            tp, fp, fn, tn = count_item(item, result)
            _add(results.passages, item["file"], system, (tp, fp, fn, tn), seconds, error)
            if error:
                results.failures.setdefault(system, []).append(item["file"])
        if number % 100 == 0:
            print(f"passages: {number} pages", file=sys.stderr)


def _as_htmldate_loads(data: bytes) -> str | bytes:
    """The page as htmldate's evaluation.load_document gives it: UTF-8 text, else the detected
    encoding, else the bytes."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import detect

    encoding = detect(data)["encoding"]
    if encoding:
        try:
            return data.decode(str(encoding))
        except (UnicodeDecodeError, LookupError):
            pass
    return data


def run_dates(corpus: Corpus, results: Results, limit: int | None) -> None:
    pages: dict[str, Any] = {}
    for name in ("tests/eval_mediacloud_2020.json", "tests/eval_default.json"):
        pages.update(json.loads(corpus.read(name)))
    for number, (_url, item) in enumerate(sorted(pages.items())[:limit], 1):
        path = corpus.first(("test_set", "cache", "eval"), item["file"])
        if path is None:
            raise SystemExit(f"{item['file']}: not in the htmldate clone")
        data = corpus.read(path)
        page = _as_htmldate_loads(data)
        expected = item.get("date")
        if isinstance(expected, float) and math.isnan(expected):
            expected = None
        for system, function in DATE_SYSTEMS.items():
            result, seconds, error = _run(function, data, page)
            _add(results.dates, item["file"], system, date_counts(result, expected), seconds, error)
        if number % 100 == 0:
            print(f"dates: {number} pages", file=sys.stderr)


def report(results: Results, versions: dict[str, str]) -> str:
    lines = ["# HTML pages beside the best extractors", "",
             "Made by `python benchmarks/html_pages.py --trafilatura DIR --htmldate DIR` (see its docstring for what",
             "each system is and how it is scored; DEVELOPERS.md says where to get the two evaluation sets).",
             f"Libraries: {', '.join(f'{name} {version}' for name, version in versions.items())}.", ""]
    for part, title in (("all", "all pages"), ("held out", "held-out pages (never looked at)"),
                        ("studied", "pages studied while building")):
        tallies = results.passages.get(part, {})
        if not tallies:
            continue
        some = next(iter(tallies.values()))
        lines += [f"## Passages, trafilatura's evaluation set: {title} ({some.pages} pages)", "",
                  "| system | precision | recall | F1 | s/page | crashes or refused |", "|---|---|---|---|---|---|"]
        for system, tally in tallies.items():
            lines.append(f"| {system} | {tally.precision():.3f} | {tally.recall():.3f} | {tally.f1():.3f} | "
                         f"{tally.seconds / max(tally.pages, 1):.3f} | {tally.errors} |")
        lines.append("")
    for part, title in (("all", "all pages"), ("held out", "held-out pages (never looked at)"),
                        ("studied", "pages studied while building")):
        tallies = results.dates.get(part, {})
        if not tallies:
            continue
        some = next(iter(tallies.values()))
        lines += [f"## Dates, htmldate's evaluation sets: {title} ({some.pages} pages)", "",
                  "| system | accuracy | precision | recall | s/page | crashes or refused |",
                  "|---|---|---|---|---|---|"]
        for system, tally in tallies.items():
            lines.append(f"| {system} | {tally.accuracy():.3f} | {tally.precision():.3f} | {tally.recall():.3f} | "
                         f"{tally.seconds / max(tally.pages, 1):.3f} | {tally.errors} |")
        lines.append("")
    errors = [(system, tally.first_error) for part in ("all",) for system, tally in
              {**results.passages.get(part, {})}.items() if tally.first_error]
    if errors:
        lines += ["First failure of each system (passages):", ""]
        lines += [f"- {system}: `{error}`" for system, error in errors]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trafilatura", type=Path, help="a clone of github.com/adbar/trafilatura")
    parser.add_argument("--htmldate", type=Path, help="a clone of github.com/adbar/htmldate")
    parser.add_argument("--out", type=Path, help="write the Markdown report here (else print it)")
    parser.add_argument("--limit", type=int, help="only the first N pages of each set (a quick look)")
    args = parser.parse_args(argv)
    if args.trafilatura is None and args.htmldate is None:
        parser.error("give --trafilatura DIR, --htmldate DIR or both")
    from importlib.metadata import version

    results = Results()
    if args.trafilatura is not None:
        run_passages(Corpus(args.trafilatura), results, args.limit)
    if args.htmldate is not None:
        run_dates(Corpus(args.htmldate), results, args.limit)
    text = report(results, {name: version(name) for name in ("trafilatura", "htmldate", "lxml")})
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
