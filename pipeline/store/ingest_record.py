"""What was ingested from which source: the record in ``.pipeline/ingested.json``.

Rebuilt from the drafts' provenance when it is lost, so deleting it costs time, not articles.
"""

from __future__ import annotations

import os
import re
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from typing import Any

from pipeline.store.journal import Action
from pipeline.store.paths import RawFile
from pipeline.store.record_tables import (
    ENTRY_TYPES,
    ArticleIndex,
    PackedTable,
    PackingReader,
    article_field,
    articles_table,
    hash_drafts,
    hashes_table,
    listed,
    packed_in,
    path_stamp,
    paths_table,
    unpack_path,
)
from pipeline.store.state_files import JournalLines
from pipeline.store.workspace import Workspace

RECORD_NAME = "ingested.json"


RECORD_VERSION = 2  # 2: the articles' lineage (source file, URL, text bands), so a re-scrape is an update


@dataclass
class IngestRecord:
    """By sha256 of the raw bytes: the drafts made, or the reason it failed (and every file that
    failed with those bytes: a failure is a file's, by path and hash). By path: the stamp
    that shows a file unchanged, so known files are not read again. Rebuilt from the journal
    and the drafts' provenance when lost.

    The three tables hold their entries packed (``record_tables``): read and written as dicts, an
    entry taken with ``get`` is a copy, put back after it changes."""

    by_hash: MutableMapping[str, dict[str, Any]] = field(default_factory=dict)
    by_path: MutableMapping[str, dict[str, Any]] = field(default_factory=dict)
    journal_offset: int = 0
    journal_mark: str = ""  # sha256 of the journal's line that ends at journal_offset: a merge shows as a change
    # By the draft path an article was ingested as: its source file and item, URL, the sha256 of the
    # text ingest last wrote (an untouched draft still has it) and the bands of its text.
    articles: MutableMapping[str, dict[str, Any]] = field(default_factory=dict)
    # The workspace learns its sites: by source (a URL's host, a raw subfolder), each short line's digest
    # and how many of the source's files showed it; and over all sources. Bounded (``MAX_*``).
    recurring: dict[str, dict[str, int]] = field(default_factory=dict)
    recurring_all: dict[str, int] = field(default_factory=dict)
    changed: bool = False  # since it was loaded: a run that learnt nothing does not rewrite it
    # url, file and band -> the articles that have them. Built when first asked.
    _index: ArticleIndex | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.by_hash, PackedTable):
            self.by_hash = hashes_table(self.by_hash)
        if not isinstance(self.by_path, PackedTable):
            self.by_path = paths_table(self.by_path)
        if not isinstance(self.articles, PackedTable):
            self.articles = articles_table(self.articles)

    def apply(self, entry: dict[str, Any]) -> None:
        """A journal entry about a raw file into the record. A file of several items is "partial" from
        its intent (``ingesting``: how many items, the drafts' names) until a draft of each item is
        journalled; a partial file is not skipped, the next ingest finishes it."""
        action = entry.get("action")
        if action in LINEAGE:
            self._apply_lineage(entry)
        elif action == Action.RENAMED:
            self._apply_rename(entry)
        sha = entry.get("sha256")
        if not isinstance(sha, str):
            return
        self.changed = True
        if action == Action.INGESTING:
            known = self.by_hash.get(sha)
            items = entry.get("items")
            if known is not None and known.get("status") == "ok" and len(known.get("drafts", [])) >= (items or 0):
                return  # rebuilt from the drafts' provenance: already whole
            if known is None or known.get("status") != "partial":
                known = {"source": entry.get("source", ""), "drafts": [], "done": []}
            known.update(status="partial", items=items, planned=list(entry.get("drafts") or []))
            self.by_hash[sha] = known
        elif action in MADE:  # a new draft, or an update of an article ingested before: never a new draft again
            known = self.by_hash.get(sha)
            if known is None:
                known = {"source": entry.get("source", ""), "drafts": [], "status": "ok"}
            known.pop("reason", None)
            article = entry.get("article")
            if isinstance(article, str) and article not in known["drafts"]:
                known["drafts"].append(article)
            if known.get("status") == "partial":
                item = entry.get("item")
                if isinstance(item, int) and item not in known["done"]:
                    known["done"].append(item)
                if len(known["done"]) < (known.get("items") or 0):
                    self.by_hash[sha] = known
                    return
                for key in ("items", "planned", "done"):
                    known.pop(key, None)
            known["status"] = "ok"
            self.by_hash[sha] = known
        elif action == Action.INGEST_FAILED and (self.by_hash.get(sha) or {}).get("status") != "ok":
            source = entry.get("source", "")
            before = self.by_hash.get(sha) or {}
            # Every file that failed with these bytes, so a new one (another empty file) is its own failure.
            paths = [*failed_paths(before), source] if before.get("status") == "failed" else [source]
            self.by_hash[sha] = {"source": source, "drafts": [], "status": "failed", "reason": entry.get("reason", ""),
                                 "paths": sorted(set(paths)), "aside": set_aside_paths(before)}
        elif action == Action.SET_ASIDE and (self.by_hash.get(sha) or {}).get("status") == "failed":
            known = self.by_hash[sha]
            known["aside"] = sorted({*set_aside_paths(known), str(entry.get("source", ""))})
            self.by_hash[sha] = known

    def _apply_lineage(self, entry: dict[str, Any]) -> None:
        """What an entry says of an article's lineage: where it came from, and the text last written."""
        article = entry.get("article")
        if not isinstance(article, str) or not article.startswith("drafts/"):
            return
        self.changed = True
        line = self.articles.get(article) or {}
        if entry.get("action") in (Action.INGESTED, Action.REFRESHED):
            line.update(file=entry.get("source", ""), item=entry.get("item"))
            if isinstance(entry.get("url"), str):
                line["url"] = entry["url"]
        if isinstance(entry.get("written"), str):
            line["written"] = entry["written"]
        self.articles[article] = line
        self._add_to_index(article)

    def _apply_rename(self, entry: dict[str, Any]) -> None:
        """An article renamed: its lineage and the drafts its raw file made go by the new name, so its next
        scrape still finds it (the record knows an article by the draft path it has in drafts/)."""
        old, new = (entry.get(key) for key in ("from", "article"))
        if not isinstance(old, str) or not isinstance(new, str):
            return
        old, new = (f"drafts/{rel.split('/', 1)[-1]}" for rel in (old, new))
        self.changed = True
        if old in self.articles:
            self.articles[new] = {**(self.articles.get(new) or {}), **self.articles.pop(old)}
            self._index = None  # built again when next asked
        assert isinstance(self.by_hash, PackedTable)
        renamed = [sha for sha, packed in self.by_hash.packed_items() if old in hash_drafts(packed)]
        for sha in renamed:
            known = self.by_hash[sha]
            known["drafts"] = [new if draft == old else draft for draft in known["drafts"]]
            self.by_hash[sha] = known

    def learn(self, article: str, bands: list[str]) -> None:
        """The bands of an article's text, for finding its updates."""
        line = self.articles.get(article) or {}
        line["bands"] = bands
        self.articles[article] = line
        self.changed = True
        self._add_to_index(article)

    def earlier_articles(self, file: str, item: int | None, url: str, bands: list[str]) -> tuple[list[str], list[str]]:
        """Articles a new item may be an update of: (by its URL, or by its source file when that holds
        one article; by a band of its text, to be compared before it counts), latest first."""
        if self._index is None:
            self._index = ArticleIndex()
            for article in self.articles:
                self._add_to_index(article)
        index = self._index
        sure = [*(listed(index.urls.get(url)) if url else []),
                *(listed(index.files.get(file)) if item is None else [])]
        maybe = [article for band in bands for article in index.band(band)]
        return _latest_first(sure), [a for a in _latest_first(maybe) if a not in sure]

    def _add_to_index(self, article: str) -> None:
        if self._index is None:
            return
        assert isinstance(self.articles, PackedTable)
        line = self.articles.packed(article)
        if line is None:
            return
        file, item, url, bands = (article_field(line, key) for key in ("file", "item", "url", "bands"))
        self._index.add(article, url, file if item is None else None, bands)

    def stamped(self, raw: RawFile) -> bool:
        """Whether the record has this raw file with the stamp it has now (``known`` reads no further)."""
        assert isinstance(self.by_path, PackedTable)
        by_path = self.by_path.packed(printable(raw.rel))
        return raw.stamp is not None and by_path is not None and path_stamp(by_path) == raw.stamp.as_list()

    def known(self, raw: RawFile) -> dict[str, Any] | None:
        """What became of a raw file, when its stamp shows it unchanged since it was read; None when
        it must be read (new, changed, or read before without an outcome)."""
        assert isinstance(self.by_path, PackedTable)
        by_path = self.by_path.packed(printable(raw.rel))  # the record keys names as ingest shows them
        if raw.stamp is None or not by_path or path_stamp(by_path) != raw.stamp.as_list():
            return None
        return self.by_hash.get(unpack_path(by_path).get("sha256", ""))

    def recurring_lines(self, source: str, digests: set[str]) -> dict[str, tuple[int, int]]:
        """Of these line digests, those seen before: in how many files of this source, and of all."""
        own = self.recurring.get(source, {})
        return {digest: (own.get(digest, 0), self.recurring_all.get(digest, 0)) for digest in sorted(digests)
                if digest in own or digest in self.recurring_all}

    def count_lines(self, source: str, digests: set[str]) -> None:
        """One more file of this source showed these lines."""
        if not digests:
            return
        if source in self.recurring or len(self.recurring) < MAX_SOURCES:
            own = self.recurring.setdefault(source, {})
            for digest in digests:
                own[digest] = own.get(digest, 0) + 1
            self.recurring[source] = _bounded(own, MAX_LINES_PER_SOURCE)
        for digest in digests:
            self.recurring_all[digest] = self.recurring_all.get(digest, 0) + 1
        self.recurring_all = _bounded(self.recurring_all, MAX_LINES_ALL)
        self.changed = True

    def as_document(self) -> dict[str, Any]:
        return {"version": RECORD_VERSION, "by_hash": self.by_hash, "by_path": self.by_path,
                "journal_offset": self.journal_offset, "articles": self.articles, "journal_mark": self.journal_mark,
                "recurring": self.recurring, "recurring_all": self.recurring_all}


MAX_SOURCES = 100
MAX_LINES_PER_SOURCE = 500
MAX_LINES_ALL = 2000
_DIGEST = re.compile(r"[0-9a-f]{8}")


def _bounded(counts: dict[str, int], most: int) -> dict[str, int]:
    """The counts, cut back to the ``most`` most frequent lines once they hold twice as many (the most
    frequent are the furniture; the rest are lines seen once). Ties go by digest: the same every run."""
    if len(counts) <= 2 * most:
        return counts
    kept = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:most]
    return dict(sorted(kept))


def _counts_of(value: Any, most: int) -> dict[str, int]:
    """Line counts as a record may hold them, or nothing: a damaged or hostile part is dropped, never
    the record (and never more than it may hold)."""
    if not isinstance(value, dict):
        return {}
    counts = {key: min(count, 10**6) for key, count in value.items() if isinstance(key, str)
              and _DIGEST.fullmatch(key) and type(count) is int and count > 0}
    return _bounded(counts, most // 2) if len(counts) > most else counts


def _recurring_of(document: dict[str, Any]) -> tuple[dict[str, dict[str, int]], dict[str, int]]:
    sources = document.get("recurring")
    by_source: dict[str, dict[str, int]] = {}
    if isinstance(sources, dict):
        for source in sorted(key for key in sources if isinstance(key, str) and len(key) <= 300)[:MAX_SOURCES]:
            counts = _counts_of(sources[source], 2 * MAX_LINES_PER_SOURCE)
            if counts:
                by_source[source] = counts
    return by_source, _counts_of(document.get("recurring_all"), 2 * MAX_LINES_ALL)


# Entries that say where an article came from or what text the pipeline last wrote to it.
LINEAGE = (Action.INGESTED, Action.REFRESHED, Action.UPDATE_TAKEN)
# Entries that account for a raw file's bytes (an item of them): a draft made, or an article updated.
MADE = (Action.INGESTED, Action.REFRESHED, Action.UPDATE_WAITING, Action.RESCRAPED)


def _latest_first(articles: list[str]) -> list[str]:
    return list(dict.fromkeys(reversed(articles)))


def failed_paths(known: dict[str, Any]) -> list[str]:
    """The raw files that failed with the bytes of a failed entry (a record from before they were
    kept: the one file it names)."""
    paths = known.get("paths")
    if isinstance(paths, list):
        return [str(path) for path in paths]
    return [str(known.get("source", ""))]


def save_record(workspace: Workspace, record: IngestRecord) -> None:
    """Write the record back when it learnt something, with the journal's end after this run's own
    entries (which it has already applied)."""
    offset = workspace.journal_end(record.journal_offset)
    if record.changed or offset != record.journal_offset:
        record.journal_offset = offset
        record.journal_mark = workspace.journal_mark(offset)
        workspace.write_state(RECORD_NAME, record.as_document())


def set_aside_paths(known: dict[str, Any]) -> list[str]:
    """The raw files that failed with these bytes and were set aside (``pipeline ingest --skip``)."""
    aside = known.get("aside")
    return [str(path) for path in aside] if isinstance(aside, list) else []


def still_bad(known: dict[str, Any] | None, rel: str) -> bool:
    """Whether a raw file failed with the bytes it has and was not set aside: it waits for a person."""
    return known is not None and known.get("status") == "failed" and rel not in set_aside_paths(known)


def load_record(workspace: Workspace, journal: JournalLines | None = None) -> IngestRecord:
    """The record, brought up to the journal's end. ``journal``: the whole journal, when the caller has
    read it already (status): the record takes what it lacks from that reading, not the file again."""
    record = _read(workspace)
    if record is not None:
        mark = journal.mark(record.journal_offset) if journal is not None else None
        if record.journal_mark != (workspace.journal_mark(record.journal_offset) if mark is None else mark):
            counts = record.recurring, record.recurring_all
            record = rebuild_record(workspace)  # the journal was merged or rewritten before where it read up to
            record.recurring, record.recurring_all = counts  # what it learnt of its sites still holds
    else:  # missing or damaged: rebuilt, which costs time, never an article
        record = rebuild_record(workspace)
    if journal is not None and record.journal_offset <= journal.end:
        entries, offset = journal.entries_after(record.journal_offset), journal.end
    else:  # (or a run since that reading wrote the record further on)
        entries, offset = workspace.read_journal(record.journal_offset)
    record.changed = record.changed or offset != record.journal_offset
    record.journal_offset = offset
    for entry in entries:
        record.apply(entry)
    return record


def _read(workspace: Workspace) -> IngestRecord | None:
    """The record as the file has it, or None when it is missing or damaged. Its entries are packed as
    they are parsed (``record_tables``); a record that holds an entry's shape anywhere else (only a
    hostile one does) is read again as plain JSON."""
    reading = PackingReader()
    document = workspace.read_state(RECORD_NAME, reading.hook)
    if _well_formed(document) and packed_in(document["by_hash"], document["by_path"], document["articles"]) \
            != reading.packed:
        document = workspace.read_state(RECORD_NAME)
    if not _well_formed(document):
        return None
    return IngestRecord(hashes_table(document.pop("by_hash")), paths_table(document.pop("by_path")),
                        document["journal_offset"], str(document.get("journal_mark", "")),
                        articles_table(document.pop("articles")), *_recurring_of(document))


def _well_formed(document: Any) -> bool:
    """A record as this version writes it: every part of the type the code reads."""
    if not isinstance(document, dict) or document.get("version") != RECORD_VERSION:
        return False
    by_hash, by_path, offset = document.get("by_hash"), document.get("by_path"), document.get("journal_offset")
    articles = document.get("articles")
    # An entry packed while it was read is of the right types by construction (``record_tables``).
    return (isinstance(articles, dict) and all(isinstance(v, ENTRY_TYPES) and (type(v) is not dict or isinstance(
                v.get("bands", []), list)) for v in articles.values())
            and isinstance(by_hash, dict) and all(isinstance(v, ENTRY_TYPES) and (type(v) is not dict or isinstance(
                v.get("drafts", []), list)) for v in by_hash.values())
            and isinstance(by_path, dict) and all(isinstance(v, ENTRY_TYPES) for v in by_path.values())
            and type(offset) is int and offset >= 0)


def rebuild_record(workspace: Workspace) -> IngestRecord:
    """The record from the provenance in drafts and published articles (the journal follows)."""
    from pipeline.model.article import parse_article
    from pipeline.model.errors import ArticleError
    from pipeline.model.fingerprint import bands

    record = IngestRecord()
    for path in [*workspace.draft_files(), *workspace.published_files()]:
        try:
            article = parse_article(workspace.read_bytes(path).decode("utf-8"))
        except (OSError, UnicodeDecodeError, ArticleError):
            continue
        source = article.get("source")
        if isinstance(source, dict) and isinstance(source.get("sha256"), str):
            # Known by the draft path it was ingested as, wherever it is now (drafts/ or published/).
            rel = "drafts/" + workspace.rel(path).split("/", 1)[1]
            url = source.get("url")
            record.apply({"action": str(Action.INGESTED), "sha256": source["sha256"], "source": source.get("file", ""),
                          "article": rel, "item": source.get("item"),
                          "url": url if isinstance(url, str) else None})
            record.learn(rel, bands(article.body))
    record.changed = True  # saved by the next ingest, even when empty, so it is not rebuilt every run
    return record


def printable(name: str) -> str:
    """A file name safe for one line of output and for UTF-8 state: control characters and bytes
    that are not UTF-8 shown as escapes, everything else as it is."""
    if name.isprintable():
        return name  # the common case (undecodable bytes come as surrogates, which are not printable)
    raw = os.fsencode(name)
    text = raw.decode("utf-8", "backslashreplace")
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in text)
