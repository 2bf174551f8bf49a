"""The labelled corpus of real pages: folders of raw pages, each with a ``truth.json`` an editor wrote.

    python benchmarks/labelled.py manifest CORPUS... [--out benchmarks/corpus-manifest.txt]
    python benchmarks/labelled.py verify MANIFEST CORPUS...
    python benchmarks/labelled.py check CORPUS...

A corpus argument is a folder with a ``truth.json`` (one batch), or a folder whose subfolders hold one
each (all batches). Labels come in two forms (``benchmarks/quality-labels.md``, ``/work/corpus/LABELS.md``):
``junk`` as a list of lines, or as ``{line: role}``; a list's lines get the role "other". A page's site is
its label's ``site``, else the host of its ``url`` (without "www."). The pages are not ours: they stay
outside the repository.

Because the pages stay outside, a corpus can be lost with the machine that held it (the first one was, k-* to s-*,
on 2026-12-07). The manifest keeps what can be kept in the repository without a word of the pages: each page's and
each label's SHA-256, and one digest of the whole corpus, which ``train_reader.py`` writes into the model it trains.
``verify`` tells whether a corpus gathered again from the addresses is the one a model was trained on; ``check``
lists the label strings that match no line of their page (a label that matches nothing is worse than none).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

JUNK_ROLES = ("kicker", "dateline", "byline", "caption", "navigation", "share", "related", "promo", "metadata",
              "other")


@dataclass(frozen=True)
class LabelledPage:
    batch: str  # the folder's name: "k", "l", ...
    name: str  # the file's name in its folder: "k-001.txt"
    path: Path
    truth: dict[str, Any]  # the label, junk as {line: role}

    @property
    def site(self) -> str:
        return site_of(self.truth)

    @property
    def key(self) -> str:
        return f"{self.batch}/{self.name}"


def squash(text: str) -> str:
    """Compare texts as a reader does: Unicode forms, quotes, dashes and spaces alike, case ignored."""
    text = unicodedata.normalize("NFKC", text).replace("\u00a0", " ")
    text = re.sub(r"[“”„«»]", '"', text)
    text = re.sub(r"[‘’‚]", "'", text)
    text = re.sub(r"[–—]", "-", text)
    return " ".join(text.split()).casefold()


def site_of(truth: dict[str, Any]) -> str:
    site = truth.get("site")
    if isinstance(site, str) and site.strip():
        return site.strip().lower().removeprefix("www.")
    host = urlsplit(str(truth.get("url") or "")).hostname or ""
    return host.lower().removeprefix("www.") or "unknown"


def fold_of(site: str, folds: int) -> int:
    """A site's fold: a stable hash of its name, so a site's pages always fall in one fold."""
    return int(hashlib.sha256(site.encode("utf-8")).hexdigest()[:8], 16) % folds


def junk_roles(truth: dict[str, Any]) -> dict[str, str]:
    """The label's furniture lines and their roles, whichever form the label has."""
    junk = truth.get("junk") or {}
    if isinstance(junk, list):
        return {str(line): "other" for line in junk if str(line).strip()}
    if isinstance(junk, dict):
        return {str(line): (role if role in JUNK_ROLES else "other") for line, role in junk.items()
                if str(line).strip()}
    return {}


def _find_page(folder: Path, name: str) -> Path:
    for candidate in (folder / name, folder / "pages" / name):
        if candidate.is_file():
            return candidate
    raise SystemExit(f"{folder / 'truth.json'}: names {name}, which is not in {folder}")


def batch_folders(corpus: Path) -> list[Path]:
    if (corpus / "truth.json").is_file():
        return [corpus]
    found = sorted(path.parent for path in corpus.glob("*/truth.json"))
    if not found:
        raise SystemExit(f"{corpus}: no truth.json in it or in its folders (the labelled corpus lives outside "
                         "the repository)")
    return found


def load_corpus(corpora: list[Path]) -> list[LabelledPage]:
    """Every labelled page of the given corpora, in batch and name order. A label whose page is not
    (yet) saved is skipped: batches are read while they grow."""
    pages: list[LabelledPage] = []
    for folder in (folder for corpus in corpora for folder in batch_folders(corpus)):
        try:
            truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise SystemExit(f"{folder / 'truth.json'}: cannot be read ({error})") from None
        if not isinstance(truth, dict):
            raise SystemExit(f"{folder / 'truth.json'}: not a JSON object of file name -> label")
        for name in sorted(truth):
            label = truth[name]
            if not isinstance(label, dict) or "title" not in label:
                continue
            try:
                path = _find_page(folder, name)
            except SystemExit:
                continue
            pages.append(LabelledPage(folder.name, name, path, {**label, "junk": junk_roles(label)}))
    return pages


def label_digest(truth: dict[str, Any]) -> str:
    """A label's SHA-256, over its canonical JSON (sorted keys), so spacing in truth.json does not count."""
    canonical = json.dumps(truth, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def manifest_rows(pages: list[LabelledPage]) -> list[str]:
    """One row a page: its key, its bytes' SHA-256 and its label's, tab-separated, in key order."""
    rows = []
    for page in sorted(pages, key=lambda page: page.key):
        page_hash = hashlib.sha256(page.path.read_bytes()).hexdigest()
        rows.append(f"{page.key}\t{page_hash}\t{label_digest(page.truth)}")
    return rows


def corpus_digest(pages: list[LabelledPage]) -> str:
    """One SHA-256 for the whole corpus: the same pages with the same labels give the same digest."""
    return hashlib.sha256("\n".join(manifest_rows(pages)).encode("utf-8")).hexdigest()


def verify(manifest: list[str], pages: list[LabelledPage]) -> list[str]:
    """What differs between a manifest's rows and a corpus: pages missing, extra, or with other bytes or labels."""
    wanted = {row.split("\t", 1)[0]: row for row in manifest if row.strip() and not row.startswith("#")}
    have = {row.split("\t", 1)[0]: row for row in manifest_rows(pages)}
    problems = [f"{key}: missing" for key in sorted(wanted.keys() - have.keys())]
    problems += [f"{key}: not in the manifest" for key in sorted(have.keys() - wanted.keys())]
    for key in sorted(wanted.keys() & have.keys()):
        _, page_hash, truth_hash = ([*wanted[key].split("\t"), "", ""])[:3]
        _, got_page, got_truth = have[key].split("\t")
        if page_hash != got_page:
            problems.append(f"{key}: the page's bytes differ")
        if truth_hash != got_truth:
            problems.append(f"{key}: the label differs")
    return problems


def unmatched_strings(page: LabelledPage) -> list[str]:
    """The label's title, headings and furniture lines that are no line of the page (as ``squash`` compares)."""
    text = page.path.read_bytes().decode("utf-8", errors="replace")
    lines = {squash(line) for line in text.split("\n")}
    first = text.lstrip().split("\n", 1)[0]
    glued = squash(re.sub(r"^date \d{4}-\d{2}(?:-\d{2})?\s*", "", first))
    wanted = [str(line) for line in page.truth.get("junk", {})] + [str(h) for h in page.truth.get("headings") or []]
    title = str(page.truth.get("title") or "")
    if title and title != "none obvious":
        wanted.append(title)
    return [line for line in wanted if squash(line) not in lines and not glued.endswith(squash(line))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The labelled corpus: its manifest, and labels checked")
    parser.add_argument("action", choices=("manifest", "verify", "check"))
    parser.add_argument("paths", type=Path, nargs="+", help="for verify: the manifest, then the corpus folders")
    parser.add_argument("--out", type=Path, help="manifest: write it here instead of to stdout")
    args = parser.parse_args(argv)
    if args.action == "verify":
        if len(args.paths) < 2:
            parser.error("verify needs the manifest and at least one corpus folder")
        manifest = args.paths[0].read_text(encoding="utf-8").splitlines()
        problems = verify(manifest, load_corpus(args.paths[1:]))
        print("\n".join(problems) if problems else "the corpus is the one the manifest describes")
        return 1 if problems else 0
    pages = load_corpus(args.paths)
    if args.action == "check":
        found = [(page.key, line) for page in pages for line in unmatched_strings(page)]
        for key, line in found:
            print(f"{key}: matches no line: {line[:80]!r}")
        return 1 if found else 0
    rows = [f"# {len(pages)} pages; corpus sha256 {corpus_digest(pages)}", *manifest_rows(pages)]
    if args.out:
        args.out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    else:
        print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
