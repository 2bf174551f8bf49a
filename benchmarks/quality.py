"""How well ingest reads real pages: date, title, furniture, sub-headings, summary, language, lost text.

    python benchmarks/quality.py CORPUS... [--out benchmarks/quality.md] [--show FILE] [--folds 5] [--in-sample]
        [--line-model FILE] [--page-kind FILE] [--addresses]

Each CORPUS is a folder of raw pages with a ``truth.json`` that an editor labelled, or a folder of
such folders (batches); see ``benchmarks/labelled.py``. Per file: ``date`` ("YYYY-MM-DD", "YYYY-MM"
or null), ``date_precision``, ``date_alt`` (other acceptable dates), ``lang``, ``title`` (the page's
own headline, or "none obvious"), ``headings`` (the sub-headings, exactly), ``junk`` (every line of
page furniture, as a list or as {line: role}), ``kind`` (article, document, not-article) and
``site``. The pages are real public pages and are not part of this repository:
``benchmarks/quality-corpus.txt`` lists their addresses.

Each page goes through the same pure function as ``pipeline ingest`` (bytes to drafts) with the
built-in configuration: the reader as shipped. With ``--folds N``, also leave-sites-out: the sites are
split into N folds by a stable hash of their names, a line model is trained (``train_reader.py``) on
the pages of the other folds, and each page is read with the model that never saw its site (and, with
five folds, judged article or not by a page kind model trained on those folds' pages: ``train_page_kind.py``).
``--in-sample`` reads every page with a model trained on all of them (the upper bound). ``--line-model FILE``
and ``--page-kind FILE`` read "as shipped" with these model files instead of the package's (a line model with its
headline model, as ``train_reader.py --out`` writes it; a page kind model, as ``train_page_kind.py --out`` does),
as shipped otherwise: a model trained on some batches measured on others. ``--addresses`` reads each page as a
source that gives its address would be read: its labelled ``url`` as the item's URL field (the raw excerpts carry
none), which the page kind judgement weighs (``pipeline/reading/page_address.py``). The criteria:

- date: the draft's date (its day, or its month when ``date_precision`` is "month") is the labelled
  one or one of ``date_alt``; no date where the label has none;
- title: the labelled headline; with "none obvious", a whole sentence or clause of the text (it ends
  where a sentence or clause ends) that is no furniture line;
- furniture: share of labelled junk lines that reach neither title, summary nor body;
- headings: the draft's ``##`` headings are exactly the labelled ones;
- summary: stands alone: no opening word that refers back, not a copy of the title, within the
  limit, no furniture in it;
- language: the labelled one;
- text cut off: of the pages labelled ``truncated`` (the text stops mid-sentence or mid-word), the share
  whose draft validate warns about ("cut-off"), and how many of the warned pages are so labelled;
- lost: sentences of the article (every line that is not furniture, read as the reader reads it: tags such
  as "<br />" are no words) that are in neither title,
  summary nor body. There must be none.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from labelled import squash

from pipeline.model.config import config_from_mapping
from pipeline.reading.draft import SourceInfo, at_cap, decode_bytes, draft_from_item, drafts_from_bytes, read_items
from pipeline.reading.items import Field, SourceError
from pipeline.reading.text import strip_markup
from pipeline.stages.cut_off import capped, cut_off_ending, unfinished_ending

SCRAPED = datetime(2026, 1, 1, tzinfo=UTC)
# Opening words that refer back to what came before, per language ("Dat blijkt uit ...").
REFERS_BACK = {
    "nl": frozenset({"dat", "dit", "daarmee", "die", "ook", "deze", "daarom", "daardoor", "daarnaast", "daarbij",
                     "hij", "zij", "ze"}),
    "en": frozenset({"this", "that", "these", "those", "it", "he", "she", "they", "also"}),
    "de": frozenset({"dies", "diese", "dieser", "damit", "deshalb", "dabei", "auch", "er", "sie"}),
}
CLAUSE_ENDS = ".!?;:,…)\"”’"
# The labelled pages are the corpus's excerpts, each cut at 2,000 bytes: read as a workspace whose scraper cuts its
# texts there would read them (``ingest.raw_cap_bytes``).
CORPUS_CONFIG = {"ingest": {"raw_cap_bytes": 2000}}


def same_title(found: str, wanted: str) -> bool:
    return squash(found).rstrip(" .:") == squash(wanted).rstrip(" .:")


@dataclass
class PageResult:
    name: str
    batch: str = ""
    kind: str = "article"
    date: bool = False
    title: bool = False
    junk_total: int = 0
    junk_removed: int = 0
    headings: bool = False
    summary: bool = False
    lang: bool = False
    truncated: bool = False  # labelled: the page's text stops mid-sentence or mid-word
    cut_warned: bool = False  # validate's "cut-off" warning on the draft
    lost: list[str] = field(default_factory=list)
    crashed: str = ""
    notes: list[str] = field(default_factory=list)
    marked: bool = False  # the draft is marked as no article (``page_kind``)
    doubted: bool = False  # read as an article, in doubt (``page_kind: maybe-not-article``, a warning)


def draft_date(meta: dict[str, Any]) -> str | None:
    value = meta.get("date")
    if not isinstance(value, str):
        return None
    return value[:7] if meta.get("date_precision") in ("month", "year") else value[:10]


def body_lines(body: str) -> list[str]:
    return [line.strip() for line in body.split("\n") if line.strip()]


def headings_of(body: str) -> list[str]:
    return [line.lstrip("#").strip() for line in body_lines(body) if line.startswith("#")]


def contains_line(haystack: list[str], needle: str, whole_only: bool = False) -> bool:
    """Whether a furniture line reached the draft: as a line of its own, or inside a paragraph
    (only for lines of two words or more that are not a date: "Share" or "13 december 2023" may
    well be words of the article's prose too; never with whole_only, where only the line as written counts)."""
    wanted = squash(needle)
    if not wanted:
        return False
    for line in haystack:
        have = squash(line.lstrip("#").strip())
        if have == wanted and (not whole_only or same_case(line.lstrip("#"), needle)):
            return True
        inside = not whole_only and len(wanted.split()) >= 2 and not re.fullmatch(r"[\d\s.:/-]*\w+[\d\s.:/-]*", wanted)
        if inside and re.search(r"(?<!\w)" + re.escape(wanted) + r"(?!\w)", have):
            return True
    return False


def same_case(line: str, needle: str) -> bool:
    return " ".join(line.split()) == " ".join(needle.split())


def words_of(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", squash(text)).split())


def removed_pieces(explained: str) -> list[str]:
    """The texts of the lines ``ingest --explain`` lists as removed ("kind (reason): text")."""
    return [line.split("): ", 1)[1] for line in explained.split("\n") if "): " in line]


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?…])(?<!\d\.)[\"”’)]*\s+(?=[\"“‘(]?[A-ZÀ-Þ0-9])", text)
    return [part.strip() for part in parts if len(part.split()) >= 4]


def whole_clause(title: str, page: str) -> bool:
    """A derived title ends where the text's sentence or clause ends."""
    wanted, text = squash(title), squash(page)
    at = text.find(wanted)
    if at < 0:
        return False
    if wanted[-1:] in CLAUSE_ENDS:
        return True
    after = text[at + len(wanted): at + len(wanted) + 1]
    return after == "" or after in CLAUSE_ENDS or page_line_end(title, page)


def page_line_end(title: str, page: str) -> bool:
    wanted = squash(title)
    return any(squash(line).endswith(wanted) or squash(line) == wanted for line in page.split("\n"))


# With ``--addresses``: each page read as a source that gives its address (a feed's or a header's URL field) is, its
# labelled address given as its item's URL (the raw excerpts carry none): what the page kind model's address evidence
# (``pipeline/reading/page_address.py``) sees.
ADDRESSES = False


def drafts_with_address(data: bytes, source: SourceInfo, config: Any, address: str,
                        recurring: dict[str, tuple[int, int]] | None) -> list[Any]:
    """The drafts ``drafts_from_bytes`` makes of the page, its items given ``address`` as their URL field."""
    items = read_items(decode_bytes(data).text, source.rel, config, source.scraped)
    if not items:
        raise SourceError("holds no articles")
    for item in items:
        item.fields.setdefault(Field.URL, address)
    capped = len(items) == 1 and at_cap(len(data), config.raw_cap_bytes)  # as drafts_from_bytes marks it
    return [draft_from_item(item, source, config, number if len(items) > 1 else None, False, recurring, capped)
            for number, item in enumerate(items, 1)]


def check_page(name: str, data: bytes, truth: dict[str, Any], config: Any, batch: str = "",
               recurring: dict[str, tuple[int, int]] | None = None) -> PageResult:
    result = PageResult(name, batch, str(truth.get("kind") or "article"), junk_total=len(truth.get("junk", [])))
    source = SourceInfo(f"raw/{name}", "0" * 64, SCRAPED, SCRAPED)
    try:
        if ADDRESSES and truth.get("url"):
            drafts = drafts_with_address(data, source, config, str(truth["url"]), recurring)
        else:
            drafts = drafts_from_bytes(data, source, config, recurring=recurring) if recurring else \
                drafts_from_bytes(data, source, config)
    except Exception as error:  # the benchmark counts every failure
        result.crashed = f"{type(error).__name__}: {error}"
        return result
    article = drafts[0].article
    meta, body = article.meta, article.body
    result.marked = meta.get("page_kind") == "not-article"
    result.doubted = meta.get("page_kind") == "maybe-not-article"
    if result.marked != (result.kind == "not-article"):
        result.notes.append("marked as no article" if result.marked else "not marked as no article")
    text = data.decode("utf-8", "replace")
    page = re.sub(r"\A\s*date\s+\d{4}-\d{2}(?:-\d{2})?\s*", "", text)
    junk = [line for line in truth.get("junk", []) if line.strip()]  # a list, or the keys of {line: role}
    title = str(meta.get("title", ""))
    summary = str(meta.get("summary", ""))
    lines = body_lines(body)

    found_date = draft_date(meta)
    wanted = truth.get("date")
    result.date = found_date == wanted or found_date in (truth.get("date_alt") or [])
    if not result.date:
        result.notes.append(f"date {found_date} != {wanted}")

    if truth["title"] != "none obvious":
        result.title = same_title(title, truth["title"])
    else:
        result.title = whole_clause(title, page) and not any(
            same_title(title, line) or (len(line.split()) >= 2 and squash(line) in squash(title)) for line in junk)
    if not result.title:
        result.notes.append(f"title {title!r} (wanted {truth['title']!r})")

    # A furniture line the article itself also says ("123456 / HA ZA 22-789" in a block of case
    # metadata and in the ruling's own caption; "Rechtbank Rotterdam" beside the letterhead "RECHTBANK
    # ROTTERDAM") is kept only when it stands as a line of its own, as written.
    junk_keys = {" ".join(line.split()) for line in junk}
    article_lines = [line for line in page.split("\n") if " ".join(line.split()) not in junk_keys]
    reached = [line for line in junk
               if contains_line([title, summary, *lines], line, whole_only=contains_line(article_lines, line))]
    result.junk_removed = len(junk) - len(reached)
    for line in reached:
        result.notes.append(f"furniture kept: {line!r}")

    found_headings = [squash(h).rstrip(" :") for h in headings_of(body)]
    wanted_headings = [squash(strip_markup(h)).rstrip(" :") for h in truth.get("headings", [])]
    result.headings = found_headings == wanted_headings
    if not result.headings:
        result.notes.append(f"headings {headings_of(body)} != {truth.get('headings', [])}")

    first = re.match(r"[\"“‘'(]*(\w+)", summary)
    limit = config.summary_max_chars
    reasons = []
    if first and first.group(1).casefold() in REFERS_BACK.get(truth.get("lang", ""), frozenset()):
        reasons.append("refers back")
    if squash(summary).startswith(squash(title).rstrip(" .")) and summary:
        reasons.append("repeats the title")
    if len(summary) > limit:
        reasons.append("too long")
    if any(contains_line([summary], line, whole_only=contains_line(article_lines, line)) for line in junk):
        reasons.append("holds furniture")
    result.summary = not reasons
    if reasons:
        result.notes.append(f"summary {summary[:70]!r}: {', '.join(reasons)}")

    result.truncated = bool(truth.get("truncated"))
    result.cut_warned = cut_off_ending(body) is not None or (capped(meta) and unfinished_ending(body) is not None)
    if result.truncated != result.cut_warned:
        result.notes.append("cut off, not warned" if result.truncated else "warned as cut off, labelled whole")

    result.lang = meta.get("lang") == truth.get("lang")
    if not result.lang:
        result.notes.append(f"lang {meta.get('lang')} != {truth.get('lang')}")

    kept = squash(" ".join([title, summary, *lines]))
    kept_words = words_of(kept)
    junk_squashed = {squash(line) for line in junk}
    page_lines = {squash(line) for line in page.split("\n")}
    # Pieces the reader says it took off a line (a kicker or a day glued before the headline or the
    # lede): the rest of that line must still be there.
    removed = removed_pieces(drafts[0].evidence.get("removed", ""))
    glued = [piece for piece in removed if squash(piece) not in page_lines]
    for raw_line in page.split("\n"):
        if squash(raw_line) in junk_squashed:
            continue
        # the line as the reader reads it: a PDF viewer's page keeps "<br />" and "e<strong>in</strong>e" in
        # its text, which the reader takes out (tags are no words of a sentence)
        line = " ".join(strip_markup(raw_line).split()) if "<" in raw_line or "&" in raw_line else raw_line
        # the pieces come off the whole line (where the reader took them), then its sentences are looked for
        rest = words_of(line.strip())
        for piece in glued:
            piece_words = re.escape(words_of(piece))
            rest = " ".join(re.sub(r"^" + piece_words + r"|(?<!\w)" + piece_words + "$", " ", rest, count=1).split())
        for sentence in sentences(line.strip()):
            probe = words_of(sentence)
            # a sentence the reader cut a piece from is looked for as what is left of its line
            looked_for = probe if probe in rest else rest
            if probe and looked_for and f" {looked_for} " not in f" {kept_words} ":
                result.lost.append(sentence)
    for sentence in result.lost:
        result.notes.append(f"lost: {sentence[:90]!r}")
    return result


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "-"


def summarise(results: list[PageResult]) -> dict[str, Any]:
    count = len(results)
    return {
        "pages": count,
        "date": sum(r.date for r in results),
        "title": sum(r.title for r in results),
        "furniture": (sum(r.junk_removed for r in results), sum(r.junk_total for r in results)),
        "headings": sum(r.headings for r in results),
        "summary": sum(r.summary for r in results),
        "lang": sum(r.lang for r in results),
        # (labelled cut off and warned, labelled cut off, warned)
        "cut_off": (sum(r.truncated and r.cut_warned for r in results), sum(r.truncated for r in results),
                    sum(r.cut_warned for r in results)),
        "lost_sentences": sum(len(r.lost) for r in results),
        "crashed": sum(bool(r.crashed) for r in results),
        # (pages marked as no article, of them truly none, pages truly none)
        "marked": (sum(r.marked for r in results), sum(r.marked and r.kind == "not-article" for r in results),
                   sum(r.kind == "not-article" for r in results)),
        # (pages in doubt, of them truly none)
        "doubted": (sum(r.doubted for r in results), sum(r.doubted and r.kind == "not-article" for r in results)),
    }


TABLE_HEAD = ["| pages | count | date | title | furniture | headings | summary | lang | lost |",
              "|---|---|---|---|---|---|---|---|---|"]


def table_row(name: str, results: list[PageResult]) -> str:
    t = summarise(results)
    return (f"| {name} | {t['pages']} | {share(t['date'], t['pages'])} | {share(t['title'], t['pages'])} | "
            f"{share(*t['furniture'])} | {share(t['headings'], t['pages'])} | {share(t['summary'], t['pages'])} "
            f"| {share(t['lang'], t['pages'])} | {t['lost_sentences']} |")


def breakdown(results: list[PageResult], groups: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """The shares per batch, per kind of page and for named groups of pages (by file-name prefix),
    then all pages."""
    out = list(TABLE_HEAD)
    batches = sorted({r.batch for r in results})
    if len(batches) > 1:
        out += [table_row(f"batch {batch}", [r for r in results if r.batch == batch]) for batch in batches]
    kinds = sorted({r.kind for r in results})
    if len(kinds) > 1:
        out += [table_row(f"kind {kind}", [r for r in results if r.kind == kind]) for kind in kinds]
    for name, prefixes in (groups or {}).items():
        out.append(table_row(name, [r for r in results if r.name.startswith(prefixes)]))
    out.append(table_row("**all**", results))
    return out


def criteria_table(runs: dict[str, list[PageResult]]) -> list[str]:
    """One column per way of reading (as shipped, leave-sites-out, in-sample), one row per criterion."""
    names = list(runs)
    totals = {name: summarise(results) for name, results in runs.items()}
    rows = [
        ("date right", "date", "98%"),
        ("title: the page's headline, else a whole sentence or clause", "title", "95%"),
        ("furniture lines removed", "furniture", "92-95%"),
        ("sub-headings exactly right", "headings", "92-95%"),
        ("summary stands alone", "summary", "95%"),
        ("language right", "lang", "100%"),
    ]
    out = ["| criterion | " + " | ".join(names) + " | target |", "|---" * (len(names) + 2) + "|"]
    for label, key, target in rows:
        cells = [share(*t[key]) if key == "furniture" else share(t[key], t["pages"]) for t in totals.values()]
        out.append(f"| {label} | " + " | ".join(cells) + f" | {target} |")
    out.append("| text cut off: warned (of the pages cut off) | "
               + " | ".join(share(*t["cut_off"][:2]) for t in totals.values()) + " | |")
    out.append("| text cut off: warned pages that are cut off | "
               + " | ".join(share(t["cut_off"][0], t["cut_off"][2]) for t in totals.values()) + " | |")
    out.append("| sentences of the article lost | " + " | ".join(str(t["lost_sentences"]) for t in totals.values())
               + " | 0 |")
    out.append("| marked as no article: truly none / articles or documents (of the pages truly none) | "
               + " | ".join(f"{t['marked'][1]} / {t['marked'][0] - t['marked'][1]} (of {t['marked'][2]})"
                            for t in totals.values()) + " | |")
    out.append("| in doubt, warned (`maybe-not-article`): truly none / articles or documents | "
               + " | ".join(f"{t['doubted'][1]} / {t['doubted'][0] - t['doubted'][1]}" if "doubted" in t else ""
                            for t in totals.values()) + " | |")
    out.append("| crashes | " + " | ".join(str(t["crashed"]) for t in totals.values()) + " | 0 |")
    return out


def render(runs: dict[str, list[PageResult]], groups: dict[str, tuple[str, ...]], corpora: list[str]) -> str:
    out = [
        "# Reading quality on real pages",
        "",
        f"Made by `python benchmarks/quality.py {' '.join(corpora)}` (see its docstring): real public pages",
        "labelled by an editor (the addresses are in `benchmarks/quality-corpus.txt`; the pages themselves are",
        "not in the repository).",
        "",
        *criteria_table(runs),
    ]
    for name, results in runs.items():
        out += ["", f"## {name}", "", *breakdown(results, groups)]
    first = next(iter(runs.values()))
    out += ["", f"## page by page ({', '.join(runs)})", "",
            "| page | date | title | furniture | headings | summary | lang | lost |",
            "|---|---|---|---|---|---|---|---|"]
    mark = {True: "ok", False: "**no**"}
    others = list(runs.values())[1:]
    for index, r in enumerate(first):
        cells = [r, *(results[index] for results in others)]
        furniture = " / ".join(f"{c.junk_removed}/{c.junk_total}" for c in cells) if r.junk_total else "-"
        out.append(f"| {r.batch + '/' if r.batch else ''}{r.name} | "
                   + " | ".join(" / ".join(mark[getattr(c, key)] for c in cells)
                                for key in ("date", "title")) + f" | {furniture} | "
                   + " | ".join(" / ".join(mark[getattr(c, key)] for c in cells)
                                for key in ("headings", "summary", "lang"))
                   + f" | {' / '.join(str(len(c.lost)) for c in cells) if any(c.lost for c in cells) else ''} |")
    return "\n".join(out) + "\n"


def read_all(pages: list[Any], config: Any, counts: dict[str, dict[str, tuple[int, int]]] | None = None
             ) -> list[PageResult]:
    return [check_page(page.name, page.path.read_bytes(), page.truth, config, page.batch,
                       (counts or {}).get(page.key)) for page in pages]


def site_counts(pages: list[Any]) -> dict[str, dict[str, tuple[int, int]]]:
    """Each page's lines that earlier pages showed (of its site, of all), as a workspace that ingested
    the corpus page by page, in order, would have counted them."""
    from train_reader import recurring_lines

    seen = recurring_lines([(page.site, page.path.read_bytes()) for page in pages], earlier_only=True)
    return {page.key: found for page, found in zip(pages, seen, strict=True)}


def chosen_models(line_file: Path | None, kind_file: Path | None) -> tuple[Any, Any]:
    """The line model and the page kind model read from these files (None: the package's), each checked as the
    package's own are; a file that cannot be read or is no such model is one clear error."""
    from pipeline.model.errors import PipelineError
    from pipeline.reading import line_model, page_kind
    from pipeline.reading.line_features import FEATURES
    from pipeline.reading.page_kind import KIND_FEATURES

    def text(path: Path) -> str:
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, ValueError) as error:
            raise SystemExit(f"{path}: cannot be read ({error})") from None

    try:
        lines = line_model.load(text(line_file), str(line_file), FEATURES) if line_file else None
        kinds = None
        if kind_file:
            kinds = page_kind.from_data(line_model.json_data(text(kind_file), str(kind_file)), str(kind_file))
            line_model.trained_for(kinds.features, KIND_FEATURES, str(kind_file), "benchmarks/train_page_kind.py")
    except PipelineError as error:
        raise SystemExit(str(error)) from None
    return lines, kinds


def rules_alone(pages: list[Any], config: Any) -> list[PageResult]:
    """Every page read by the exact rules alone, as before the reader learnt."""
    from pipeline.reading import line_model

    with line_model.using(None, frozenset()):
        return read_all(pages, config)


def leave_sites_out(pages: list[Any], config: Any, folds: int, decisions: frozenset[str],
                    counts: dict[str, dict[str, tuple[int, int]]] | None = None) -> list[PageResult]:
    """Each page read with a line model trained on the pages of the other folds' sites only, and judged
    (article or not) by a page kind model trained on those pages too (``train_page_kind.fold_models``)."""
    from labelled import fold_of
    from train_page_kind import FOLDS, fold_models
    from train_reader import train_model

    from pipeline.reading import line_model, page_kind

    by_key: dict[str, PageResult] = {}
    models = [line_model.LineModel.from_data(train_model([p for p in pages if fold_of(p.site, folds) != fold]))
              for fold in range(folds)]
    shipped = page_kind.shipped()
    kinds = fold_models(pages, shipped.threshold, shipped.doubt) if folds == FOLDS else [None] * folds
    for fold, model in enumerate(models):
        held = [page for page in pages if fold_of(page.site, folds) == fold]
        if not held:
            continue
        with line_model.using(model, decisions), page_kind.using(kinds[fold]):
            by_key.update((page.key, result) for page, result in zip(held, read_all(held, config, counts),
                                                                     strict=True))
    return [by_key[page.key] for page in pages]


def in_sample(pages: list[Any], config: Any, decisions: frozenset[str]) -> list[PageResult]:
    from train_reader import train_model

    from pipeline.reading import line_model

    with line_model.using(line_model.LineModel.from_data(train_model(pages)), decisions):
        return read_all(pages, config)


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from labelled import load_corpus

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, nargs="+")
    parser.add_argument("--out", type=Path, help="write the report (Markdown) here")
    parser.add_argument("--json", type=Path, help="write the totals and per-page notes here")
    parser.add_argument("--show", action="append", default=[], help="print the notes of these pages")
    parser.add_argument("--failures", action="store_true", help="print the notes of every page that fails")
    parser.add_argument("--group", action="append", default=[], metavar="NAME=PREFIX,...",
                        help="also report the pages whose names start with these prefixes")
    parser.add_argument("--folds", type=int, default=0, help="also read leave-sites-out, in this many folds")
    parser.add_argument("--in-sample", action="store_true", help="also read with a model trained on every page")
    parser.add_argument("--site-counts", action="store_true",
                        help="also read leave-sites-out with the lines earlier pages of each site showed")
    parser.add_argument("--rules", action="store_true", help="also read with the exact rules alone (no model)")
    parser.add_argument("--plain", action="store_true", help="only the reader as shipped (a reader without a model)")
    parser.add_argument("--line-model", type=Path, help="read as shipped with this line model file instead")
    parser.add_argument("--page-kind", type=Path, help="read as shipped with this page kind model file instead")
    parser.add_argument("--addresses", action="store_true",
                        help="read each page with its labelled address as its source's URL field (ADDRESSES)")
    parser.add_argument("--learnt", default="furniture,headline,headings",
                        help="what the model decides in the leave-sites-out and in-sample readings")
    args = parser.parse_args(argv)
    pages = load_corpus(args.corpus)
    if not pages:
        raise SystemExit("no labelled pages found")
    config = config_from_mapping(CORPUS_CONFIG)
    global ADDRESSES
    ADDRESSES = args.addresses
    from pipeline.reading import line_model, page_kind

    own_lines, own_kinds = chosen_models(args.line_model, args.page_kind)
    with line_model.using(own_lines), page_kind.using(own_kinds):
        runs = {"as shipped": read_all(pages, config)}
    decisions = frozenset(filter(None, args.learnt.split(",")))
    if args.rules and not args.plain:
        runs["rules alone"] = rules_alone(pages, config)
    if args.folds > 1 and not args.plain:
        runs[f"leave-sites-out ({args.folds} folds)"] = leave_sites_out(pages, config, args.folds, decisions)
    if args.site_counts and args.folds > 1 and not args.plain:
        runs[f"leave-sites-out, site counts ({args.folds} folds)"] = leave_sites_out(
            pages, config, args.folds, decisions, site_counts(pages))
    if args.in_sample and not args.plain:
        runs["in-sample"] = in_sample(pages, config, decisions)
    groups = {name: tuple(prefixes.split(",")) for name, _, prefixes in (g.partition("=") for g in args.group)}
    report = render(runs, groups, [str(path) for path in args.corpus])
    last = list(runs.values())[-1]
    for r in last:
        if (r.notes and args.failures) or r.name in args.show:
            print(f"== {r.batch}/{r.name}: " + ("; ".join(r.notes) or "all right")
                  + (f" CRASH {r.crashed}" if r.crashed else ""))
    print(report.split("## page by page")[0].split("\n", 6)[6])
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps({name: {"totals": summarise(results),
                                                "pages": {f"{r.batch}/{r.name}": r.notes for r in results}}
                                         for name, results in runs.items()}, ensure_ascii=False, indent=1),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
