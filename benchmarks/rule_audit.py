"""What the exact rules take and decide on the labelled corpus, leave-sites-out: an audit of each rule.

    python benchmarks/rule_audit.py CORPUS... [--folds 5] [--models PATTERN] [--json FILE]

Each page is read as ``quality.py`` reads it leave-sites-out (a line model trained on the other folds' sites, or
the fold models named by PATTERN, "{fold}" standing for the fold's number; the page kind model of those folds), and
the reader is watched, nothing in it changed:

- *furniture rules*: every line the reader leaves out of the text by an exact rule, under the rule's reason (the
  reason's words before any " (" or ", furniture"), counted as the labels call it: furniture, a sub-heading, the
  title, or text; and the sentences of the article the benchmark finds lost inside it. For each rule, how the
  line model's share of furniture spreads over the text and the furniture it took (what ``roles.DOUBTED_RULES``
  would put back at each share), and what ``roles.doubted_rules_undone`` already put back;
- *title rules*: each place where a rule overrides or vetoes the headline model's choice (a line the model ranked
  first taken out by a rule before or while the headline is chosen; the rules' headline kept over the model's;
  a line of about equal rank nearer the text; a document's title first; a headline in title case; what is cut
  off the chosen line's edges), with whether the override made the title right (the model's choice would have been
  wrong) or wrong (the model's would have been right).

Prints Markdown tables; ``--json`` writes the counts (no page's text).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from labelled import fold_of, junk_roles, load_corpus, squash
from quality import check_page, same_title, words_of
from title_stages import fold_model

from pipeline.model.config import config_from_mapping
from pipeline.reading import draft, head, headline_choice, line_model, page_kind
from pipeline.reading import page as page_reader
from pipeline.reading.headline_shapes import headline_in_title_case
from pipeline.reading.lines import Kind, PageLine, is_prose
from pipeline.reading.roles import furniture_share

SHARES = (0.2, 0.3, 0.4, 0.5, 0.6)
_KEPT = (Kind.TEXT, Kind.HEADING, Kind.HEADLINE)


def rule_of(reason: str) -> str:
    """A reason as its rule: "case metadata (ecli)" -> "case metadata", "link list under 'Lees ook'" -> "link list
    under", "learnt: navigation, furniture 0.71" -> "learnt: navigation"."""
    rule = reason.split(" (")[0].split(", furniture")[0]
    return "link list under" if rule.startswith("link list under") else rule


@contextlib.contextmanager
def watching() -> Iterator[dict[str, Any]]:
    """The page read, the lines the rules had taken when the model's doubt was asked, and the headline's choices."""
    seen: dict[str, Any] = {}
    saved = (draft.read_page, page_reader.doubted_rules_undone, head.choose_headline, head._read_headline)

    def watched_page(*args: Any, **kwargs: Any) -> Any:
        seen["page"] = saved[0](*args, **kwargs)
        return seen["page"]

    def watched_doubt(lines: list[PageLine]) -> None:
        before = {index: (line.reason, line.kind) for index, line in enumerate(lines) if line.kind != Kind.TEXT}
        saved[1](lines)
        seen["undone"] = {index: reason for index, (reason, _kind) in before.items()
                          if lines[index].kind == Kind.TEXT and reason}

    def watched_choose(candidates: list[PageLine], labels: frozenset[str], lede: PageLine | None, body: str,
                       page_start: PageLine | None, learnt: bool = True, sure: PageLine | None = None) -> int | None:
        asked = learnt and bool(candidates[0].role) and "headline" in line_model.decides()
        if not asked or headline_choice.HEADLINE_MODE != "hybrid":
            return saved[2](candidates, labels, lede, body, page_start, learnt, sure)
        alone = headline_choice._learnt_headline(candidates)
        ruled = headline_choice._ruled_headline(candidates, labels, lede, body, page_start, sure)
        model = headline_choice._learnt_headline(candidates)
        settled = headline_choice._settle_headline(candidates, ruled)
        nearest = headline_choice._nearest_of_equals(candidates, settled)
        final = headline_choice._document_title_first(candidates, nearest)
        at = {index: candidates[index] if index is not None else None
              for index in (alone, ruled, model, settled, nearest, final)}
        seen["choice"] = {"alone": at[alone], "ruled": at[ruled], "model": at[model], "settled": at[settled],
                          "nearest": at[nearest], "final": at[final],
                          "vetoed": (candidates[alone].reason if alone is not None and alone != model else "")}
        return final

    def watched_headline(lines: list[PageLine], *args: Any, **kwargs: Any) -> None:
        candidates = [line for line in lines if line.kind == Kind.TEXT]
        asked = [line for line in lines if line.headline >= 0]
        best = max(asked, key=lambda line: line.headline) if asked else None  # the first of equals
        if best is not None and best.kind != Kind.TEXT and best.headline >= headline_choice.RANKED_SHARE:
            seen["taken_first"] = (best, best.reason)  # the headline model's first line taken before the choice
        title_case = next((line for line in candidates if headline_in_title_case(line.text) and is_prose(line.text)),
                          None)
        if title_case is not None and candidates and candidates[0].role:
            model = headline_choice._learnt_headline(candidates)
            seen["title case"] = (title_case, candidates[model] if model is not None else None)
        removed = len(args[1].removed)
        saved[3](lines, *args, **kwargs)
        chosen = next((line for line in lines if line.kind == Kind.HEADLINE), None)
        if chosen is not None and squash(chosen.text) != squash(args[1].headline):
            reasons = sorted({item.reason for item in args[1].removed[removed:]}) or ["site name or tail"]
            seen["edges"] = (chosen.text, args[1].headline, reasons)

    draft.read_page, page_reader.doubted_rules_undone = watched_page, watched_doubt  # type: ignore[assignment]
    head.choose_headline, head._read_headline = watched_choose, watched_headline  # type: ignore[assignment]
    try:
        yield seen
    finally:
        draft.read_page, page_reader.doubted_rules_undone, head.choose_headline, head._read_headline = saved


def label_of(text: str, truth: dict[str, Any], junk: set[str], headings: set[str]) -> str:
    key = squash(text)
    if key in junk:
        return "furniture"
    if key.rstrip(" :") in headings:
        return "heading"
    if truth.get("title") != "none obvious" and same_title(text, str(truth.get("title"))):
        return "title"
    return "text"


def title_right(line: PageLine | None, truth: dict[str, Any], junk: set[str], whole: bool = False) -> bool:
    """Whether choosing this line (None: deriving the title from the text) would give the labelled title, as near
    as the line's own text tells: the labelled title, or the line holding it; on a page labelled "none obvious",
    any line that is no furniture, or a derived title."""
    wanted = str(truth.get("title"))
    if wanted == "none obvious":
        return line is None or squash(line.text) not in junk
    if line is None:
        return False
    return same_title(line.text, wanted) or (not whole and squash(wanted) in squash(line.text))


def audit(pages: list[Any], folds: int, pattern: str | None) -> dict[str, Any]:
    from train_page_kind import FOLDS, fold_models

    config = config_from_mapping({})
    taken: dict[str, Counter[str]] = defaultdict(Counter)  # rule -> label -> lines
    lost: Counter[str] = Counter()  # rule -> sentences lost inside its lines
    sites: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # rule -> label -> sites
    below: dict[str, Counter[str]] = defaultdict(Counter)  # rule -> "label <share" -> lines
    undone: dict[str, Counter[str]] = defaultdict(Counter)  # rule -> label -> lines put back by the doubt
    titles: dict[str, Counter[str]] = defaultdict(Counter)  # override -> right / wrong / both / neither
    title_pages: dict[str, list[str]] = defaultdict(list)  # override -> pages it made right or wrong
    records: list[list[Any]] = []  # each line a rule took: page, rule, label, furniture share, sentences lost, words
    shipped = page_kind.shipped()
    kinds = fold_models(pages, shipped.threshold, shipped.doubt) if folds == FOLDS else [None] * folds
    with watching() as seen:
        for fold in range(folds):
            held = [page for page in pages if fold_of(page.site, folds) == fold]
            with line_model.using(fold_model(pages, fold, folds, pattern), line_model.DECISIONS), \
                    page_kind.using(kinds[fold]):
                for page in held:
                    seen.clear()
                    result = check_page(page.name, page.path.read_bytes(), page.truth, config, page.batch)
                    made = seen.get("page")
                    if made is None:
                        continue
                    junk = {squash(line) for line in junk_roles(page.truth)}
                    headings = {squash(h).rstrip(" :") for h in page.truth.get("headings", [])}
                    gone = [words_of(sentence) for sentence in result.lost]
                    for line in made.lines:
                        if line.kind in _KEPT or not line.reason:
                            continue
                        rule, label = rule_of(line.reason), label_of(line.text, page.truth, junk, headings)
                        taken[rule][label] += 1
                        sites[rule][label].add(page.site)
                        have = f" {words_of(line.text)} "
                        inside = [probe for probe in gone if probe and f" {probe} " in have]
                        lost[rule] += len(inside)
                        gone = [probe for probe in gone if probe not in inside]
                        records.append([page.key, rule, label, round(furniture_share(line), 3) if line.shares else -1,
                                        len(inside), len(line.text.split())])
                        if line.shares:
                            share = furniture_share(line)
                            for least in SHARES:
                                if share < least:
                                    below[rule][f"{'furniture' if label == 'furniture' else 'text'} <{least}"] += 1
                    for index, reason in seen.get("undone", {}).items():
                        undone[rule_of(reason)][label_of(made.lines[index].text, page.truth, junk, headings)] += 1
                    for item in made.removed:  # pieces cut off a line (its edges): no line of their own
                        if any(item.line == line.text for line in made.lines):
                            continue
                        rule = rule_of(item.reason)
                        taken[rule]["piece"] += 1
                        have = f" {words_of(item.line)} "
                        inside = [probe for probe in gone if probe and f" {probe} " in have]
                        lost[rule] += len(inside)
                        gone = [probe for probe in gone if probe not in inside]
                    lost["(not in a removed line)"] += len(gone)
                    _titles(seen, page, result.title, junk, titles, title_pages)
    return {"taken": taken, "lost": lost, "sites": sites, "below": below, "undone": undone, "titles": titles,
            "title_pages": title_pages, "records": records}


def _titles(seen: dict[str, Any], page: Any, right: bool, junk: set[str], titles: dict[str, Counter[str]],
            pages: dict[str, list[str]]) -> None:
    """Each override on this page, counted by whether the title is right with it and would be without it."""
    def count(name: str, other: PageLine | None, whole: bool = False) -> None:
        without = title_right(other, page.truth, junk, whole)
        verdict = "both" if right and without else "right" if right else "wrong" if without else "neither"
        titles[name][verdict] += 1
        if verdict in ("right", "wrong"):
            pages[name].append(f"{verdict} {page.key}")

    choice = seen.get("choice")
    if "taken_first" in seen:
        line, reason = seen["taken_first"]
        count(f"the model's first line taken before the choice: {rule_of(reason)}", line)
    if "title case" in seen:
        chosen, model = seen["title case"]
        if chosen is not model:
            count("a headline in title case over the model's", model)
    if choice:
        if choice["vetoed"]:
            count(f"the model's first line taken while choosing: {rule_of(choice['vetoed'])}", choice["alone"])
        if choice["settled"] is choice["ruled"] and choice["ruled"] is not choice["model"]:
            name = "the rules' headline kept over the model's" if choice["model"] is not None else \
                "the rules' headline where the model has none"
            count(name, choice["model"])
        if choice["nearest"] is not choice["settled"]:
            count("a line of about equal rank nearer the text", choice["settled"])
        if choice["final"] is not choice["nearest"]:
            count("a document's title first", choice["nearest"])
    if "edges" in seen:
        line_text, _title, reasons = seen["edges"]
        for reason in reasons:
            count(f"cut off the headline: {rule_of(reason)}", PageLine(line_text, 0), whole=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, nargs="+")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--models", help="fold line models to use instead of training them, '{fold}' in the path")
    parser.add_argument("--json", type=Path, help="write the counts here")
    args = parser.parse_args(argv)
    pages = load_corpus(args.corpus)
    found = audit(pages, args.folds, args.models)
    print("| rule | taken: furniture | text | sub-headings | titles | pieces cut off a line | sentences lost |"
          " sites of text | text / furniture under 0.3 | 0.4 | put back by the model: text / furniture |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    taken, below, undone = found["taken"], found["below"], found["undone"]
    for rule in sorted(taken, key=lambda rule: (-taken[rule]["text"] - taken[rule]["heading"], rule)):
        counts = taken[rule]
        text_sites = len(found["sites"][rule]["text"] | found["sites"][rule]["heading"])
        put_back = undone[rule]["text"] + undone[rule]["heading"] + undone[rule]["title"]
        print(f"| {rule} | {counts['furniture']} | {counts['text']} | {counts['heading']} | {counts['title']} | "
              f"{counts['piece']} | {found['lost'][rule]} | {text_sites} | "
              f"{below[rule]['text <0.3']} / {below[rule]['furniture <0.3']} | "
              f"{below[rule]['text <0.4']} / {below[rule]['furniture <0.4']} | "
              f"{put_back} / {undone[rule]['furniture']} |")
    print(f"\nsentences lost in no removed line: {found['lost']['(not in a removed line)']}\n")
    print("| title override | made it right | made it wrong | right either way | wrong either way |")
    print("|---|---|---|---|---|")
    for name, counts in sorted(found["titles"].items(), key=lambda item: -sum(item[1].values())):
        print(f"| {name} | {counts['right']} | {counts['wrong']} | {counts['both']} | {counts['neither']} |")
    if args.json:
        args.json.write_text(json.dumps({key: {name: dict(value) if isinstance(value, Counter) else
                                               ({k: sorted(v) for k, v in value.items()} if isinstance(value, dict)
                                                else value)
                                               for name, value in table.items()} if isinstance(table, dict) else table
                                         for key, table in found.items()}, sort_keys=True, indent=1,
                                        ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
