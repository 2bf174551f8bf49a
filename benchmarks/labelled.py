"""The labelled corpus of real pages: folders of raw pages, each with a ``truth.json`` an editor wrote.

A corpus argument is a folder with a ``truth.json`` (one batch), or a folder whose subfolders hold one
each (all batches). Labels come in two forms (``benchmarks/quality-labels.md``, ``/work/corpus/LABELS.md``):
``junk`` as a list of lines, or as ``{line: role}``; a list's lines get the role "other". A page's site is
its label's ``site``, else the host of its ``url`` (without "www."). The pages are not ours: they stay
outside the repository.
"""

from __future__ import annotations

import hashlib
import json
import re
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
