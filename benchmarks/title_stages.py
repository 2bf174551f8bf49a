"""Which stage of the reader decided each title it got wrong, leave-sites-out.

    python benchmarks/title_stages.py CORPUS... [--folds 5] [--models PATTERN] [--documents] [--show STAGE]

Each page is read as ``quality.py`` reads it, with a line model trained on the other folds' sites (or the
fold models named by PATTERN, "{fold}" standing for the fold's number, as a run of ``quality.py`` left
them), and each title it gets wrong is put under the stage that decided it, from where the labelled
title's line stands among the reader's lines and what became of it:

- *not offered*: the labelled line is no candidate: it stands below the head (the lines before the first
  prose), or the exact rules took it for a date line, a name, a caption or furniture before the headline
  was chosen;
- *offered, another ranked first*: it was a candidate and another line was chosen; split by whether the
  headline model ranked it first among the lines it was asked about (the rules' shapes or the thresholds
  where its share settles the rules' decided) or ranked another line first;
- *derived*: no line was chosen, the title came from the lede, though the page has its title on a line
  (in the head as text, in the head taken for something else, or below the head);
- *right line, wrong edges*: the labelled line was chosen, and what was taken off it or left on it
  (a place, a label, a date, a teaser) was wrong;
- *glued inside a longer line*, *not among the reader's lines* (the raw reader took it for a field);
- *label "none obvious"*: a line was chosen, or the derived title is furniture or ends mid-clause.

Documents are left out unless ``--documents`` (their titles are read by ``documents``). Prints a
Markdown table of stages, with the pages' kinds, and with ``--show STAGE`` each page of stages whose
name holds STAGE.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from labelled import fold_of, load_corpus, squash
from quality import check_page

from pipeline.model.config import config_from_mapping
from pipeline.reading import draft, line_model
from pipeline.reading import page as page_reader
from pipeline.reading.lines import Kind


@dataclass(frozen=True)
class ReadLine:
    text: str
    kind: str
    share: float  # the headline model's share (-1: not asked)


@dataclass(frozen=True)
class TitleRead:
    """What the reader made of a page's title: its lines as read, the head's kinds before the headline was
    chosen, and the headline it chose ("" when it derived the title)."""

    lines: tuple[ReadLine, ...]
    head_kinds: tuple[str, ...]
    headline: str


def stage_of(title: str, read: TitleRead) -> tuple[str, str]:
    """The stage that decided a title the reader got wrong, and a detail: (stage, detail)."""
    wanted = squash(title)
    lines, head = read.lines, read.head_kinds
    chosen = next((index for index, line in enumerate(lines) if line.kind == Kind.HEADLINE), None)
    if wanted == "none obvious":
        return "label none obvious", "a line chosen" if read.headline else "derived: furniture or not a whole clause"
    exact = next((index for index, line in enumerate(lines) if squash(line.text) == wanted), None)
    inside = next((index for index, line in enumerate(lines) if wanted in squash(line.text)), None)
    if exact is None and inside is None:
        return "title not among the reader's lines", "taken by the raw reader, or far down"
    at = exact if exact is not None else inside
    assert at is not None
    line = lines[at]
    if chosen == at:
        return "right line, wrong edges", "glued text kept" if len(squash(read.headline)) > len(wanted) else "cut"
    if exact is None:
        return "title glued inside a longer line", "chosen elsewhere" if read.headline else "derived"
    in_head = at < len(head)
    if read.headline:
        if not in_head:
            return "not offered: below the head", f"now {line.kind}"
        if head[at] != Kind.TEXT:
            return "not offered: taken for another kind first", head[at]
        asked = [index for index in range(len(head)) if lines[index].share >= 0 and head[index] == Kind.TEXT]
        best = max(asked, key=lambda index: lines[index].share) if asked else None
        side = "above" if chosen is not None and chosen < at else "below"
        ranked = "the headline model ranked it first" if best == at else "the headline model ranked another first"
        return f"offered, another chosen: {ranked}", f"chosen {side}, it now {line.kind}"
    if not in_head:
        return "derived: title below the head", f"now {line.kind}"
    if head[at] != Kind.TEXT:
        return "derived: title taken for another kind first", head[at]
    return "derived: title in the head as text, none chosen", f"now {line.kind}"


@contextlib.contextmanager
def watching() -> Iterator[dict[str, Any]]:
    """The page the reader made and its head's kinds before the headline was chosen, for each page read."""
    seen: dict[str, Any] = {}
    read_page, read_head = draft.read_page, page_reader.read_head

    def watched_page(*args: Any, **kwargs: Any) -> Any:
        seen["page"] = read_page(*args, **kwargs)
        return seen["page"]

    def watched_head(head: list[Any], *args: Any, **kwargs: Any) -> None:
        seen["head"] = tuple(str(line.kind) for line in head)
        read_head(head, *args, **kwargs)

    draft.read_page, page_reader.read_head = watched_page, watched_head  # type: ignore[assignment]
    try:
        yield seen
    finally:
        draft.read_page, page_reader.read_head = read_page, read_head  # type: ignore[assignment]


def fold_model(pages: list[Any], fold: int, folds: int, pattern: str | None) -> Any:
    if pattern:
        return line_model.LineModel.from_data(json.loads(Path(pattern.format(fold=fold)).read_text(encoding="utf-8")))
    from train_reader import train_model

    return line_model.LineModel.from_data(train_model([page for page in pages if fold_of(page.site, folds) != fold]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, nargs="+")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--models", help="fold line models to use instead of training them, '{fold}' in the path")
    parser.add_argument("--documents", action="store_true", help="documents' titles too")
    parser.add_argument("--show", help="list each page of the stages whose name holds this")
    args = parser.parse_args(argv)
    pages = load_corpus(args.corpus)
    config = config_from_mapping({})
    stages: Counter[str] = Counter()
    details: Counter[tuple[str, str]] = Counter()
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    right = wrong = 0
    with watching() as seen:
        for fold in range(args.folds):
            held = [page for page in pages if fold_of(page.site, args.folds) == fold
                    and (args.documents or page.truth.get("kind") != "document")]
            with line_model.using(fold_model(pages, fold, args.folds, args.models), line_model.DECISIONS):
                for page in held:
                    seen.clear()
                    result = check_page(page.name, page.path.read_bytes(), page.truth, config, page.batch)
                    if result.title:
                        right += 1
                        continue
                    wrong += 1
                    made = seen.get("page")
                    read = TitleRead(tuple(ReadLine(line.text, str(line.kind), line.headline) for line in made.lines),
                                     seen.get("head", ()), made.headline) if made else TitleRead((), (), "")
                    stage, detail = stage_of(str(page.truth["title"]), read)
                    stages[stage] += 1
                    details[(stage, detail)] += 1
                    kinds[stage][str(page.truth.get("kind") or "article")] += 1
                    if args.show and args.show in stage:
                        print(f"{page.key}: {page.truth['title']!r} -> {made.headline if made else ''!r} ({detail})")
    print(f"{right} titles right, {wrong} wrong\n")
    print("| stage | pages | article / not-article / document |\n|---|---|---|")
    for stage, count in stages.most_common():
        shares = " / ".join(str(kinds[stage][kind]) for kind in ("article", "not-article", "document"))
        print(f"| **{stage}** | **{count}** | {shares} |")
        for (name, detail), number in details.most_common():
            if name == stage and number > 1:
                print(f"| - {detail} | {number} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
