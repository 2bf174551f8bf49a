"""The ingest stage: raw bytes to drafts (pure), and the run over a workspace's raw/ folder.

``drafts_from_bytes`` is a pure function of the bytes, where they came from and the config.
``run_ingest`` walks raw/, skips what the ingest record knows, and hands each new file to it;
every failure is a value in the outcome list, never an exception that stops the run.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.article import Article, order_keys, render_article
from pipeline.config import Config
from pipeline.dates import DAY, MINUTE, format_rfc3339
from pipeline.extract import (
    Found,
    detect_language,
    extract_audience,
    extract_date,
    extract_section,
    extract_tags,
    make_slug,
    summary_from,
    title_from_lede,
)
from pipeline.sources import RawItem, read_source
from pipeline.text import DecodeError, clean_text, decode_bytes, join_block, looks_like_heading, split_blocks
from pipeline.workspace import RawFile, Workspace, now

RECORD_NAME = "ingested.json"
RECORD_VERSION = 1


class SourceError(ValueError):
    """A raw file that decodes but holds nothing we can make a draft of."""


@dataclass(frozen=True)
class SourceInfo:
    rel: str  # path of the raw file relative to the workspace
    sha256: str
    scraped: datetime  # base for relative dates: the file's mtime
    ingested: datetime


@dataclass
class Draft:
    article: Article
    name: str  # file name wanted in drafts/
    evidence: dict[str, str] = field(default_factory=dict)


@dataclass
class IngestOutcome:
    file: str
    status: str  # ingested | skipped | duplicate | failed
    drafts: list[str] = field(default_factory=list)
    reason: str = ""
    evidence: dict[str, dict[str, str]] = field(default_factory=dict)  # draft -> field -> why

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "status": self.status, "drafts": self.drafts, "reason": self.reason,
                "evidence": self.evidence}


# --- pure: bytes to drafts --------------------------------------------------------------------


@dataclass(frozen=True)
class Body:
    markdown: str
    paragraphs: list[str]  # plain paragraphs, lede first, for title and summary
    headings: list[str]


def compose_body(text: str, config: Config) -> Body:
    """Cleaned text to Markdown: paragraphs kept, bare sub-headings made ``## `` headings."""
    blocks = [join_block(lines) for lines in split_blocks(clean_text(text, config))]
    parts: list[str] = []
    paragraphs: list[str] = []
    headings: list[str] = []
    for index, block in enumerate(blocks):
        is_last = index == len(blocks) - 1
        if index > 0 and not is_last and looks_like_heading(block):
            headings.append(block)
            parts.append(f"## {block}")
        else:
            paragraphs.append(block)
            parts.append(block)
    return Body("\n\n".join(parts) + "\n" if parts else "", paragraphs, headings)


def _explain(found: Found) -> str:
    return f"{found.rule}: {found.evidence}" if found.evidence else found.rule


def draft_from_item(item: RawItem, source: SourceInfo, config: Config, index: int | None = None) -> Draft:
    body = compose_body(item.body, config)
    if not body.paragraphs:
        raise SourceError("has no text left after cleaning")
    given_title = item.fields.get("title", "").strip()
    title = (
        Found(given_title.rstrip(" ."), "the source's own title", item.evidence.get("title", ""))
        if given_title
        else title_from_lede(body.paragraphs[0], config.title_max_chars)
    )
    date_value, date_found = extract_date(item.fields.get("date"), item.evidence.get("date", ""), config,
                                          source.scraped)
    summary = summary_from(body.paragraphs, title.value, config.summary_max_chars)
    searchable = f"{title.value}\n{body.markdown}"
    tags = extract_tags(searchable, config)
    section = extract_section(searchable, config)
    language = detect_language(f"{title.value}\n{body.markdown}", config)
    audience = extract_audience(item.fields.get("doelgroep"), config)

    meta: dict[str, Any] = {"title": title.value}
    if date_value is not None:
        meta["date"] = date_value.rfc3339()
    meta["tags"] = tags.value
    meta["summary"] = summary.value
    meta["doelgroep"] = audience.value
    meta["sectie"] = section.value
    meta["cover"] = {"image": "", "alt": "", "caption": ""}
    meta["draft"] = True
    meta["lang"] = language.value
    if date_value is not None and date_value.precision not in (DAY, MINUTE):
        meta["date_precision"] = date_value.precision
    provenance: dict[str, Any] = {"file": source.rel}
    if index is not None:
        provenance["item"] = index
    for key in ("url", "author"):
        if item.fields.get(key):
            provenance[key] = item.fields[key]
    provenance["sha256"] = source.sha256
    provenance["ingested"] = format_rfc3339(source.ingested)
    meta["source"] = provenance

    article = Article(order_keys(meta), "\n" + body.markdown)
    stem = make_slug(title.value)
    name = f"{date_value.moment:%Y-%m-%d}-{stem}.md" if date_value is not None else f"{stem}.md"
    evidence = {
        "shape": item.shape,
        "title": _explain(title),
        "date": _explain(date_found),
        "summary": _explain(summary),
        "tags": _explain(tags),
        "sectie": _explain(section),
        "doelgroep": _explain(audience),
        "lang": _explain(language),
        "headings": "; ".join(body.headings) or "none",
    }
    return Draft(article, name, evidence)


def drafts_from_bytes(data: bytes, source: SourceInfo, config: Config) -> list[Draft]:
    """Every draft a raw file holds; DecodeError or SourceError (with a reason) when none."""
    decoded = decode_bytes(data)
    items = read_source(decoded.text, config)
    if not items:
        raise SourceError("holds no articles")
    many = len(items) > 1
    return [draft_from_item(item, source, config, index if many else None) for index, item in enumerate(items, 1)]


# --- the ingest record: what was ingested, by content hash -----------------------------------


@dataclass
class IngestRecord:
    """By sha256 of the raw bytes: the drafts made, or the reason it failed. By path: the stamp
    that shows a file unchanged, so known files are not read again. Rebuilt from the journal
    and the drafts' provenance when lost."""

    by_hash: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_path: dict[str, dict[str, Any]] = field(default_factory=dict)
    journal_offset: int = 0

    def apply(self, entry: dict[str, Any]) -> None:
        sha = entry.get("sha256")
        if not isinstance(sha, str):
            return
        if entry.get("action") == "ingested":
            known = self.by_hash.setdefault(sha, {"source": entry.get("source", ""), "drafts": [], "status": "ok"})
            known["status"] = "ok"
            known.pop("reason", None)
            article = entry.get("article")
            if isinstance(article, str) and article not in known["drafts"]:
                known["drafts"].append(article)
        elif entry.get("action") == "ingest-failed" and self.by_hash.get(sha, {}).get("status") != "ok":
            self.by_hash[sha] = {"source": entry.get("source", ""), "drafts": [], "status": "failed",
                                 "reason": entry.get("reason", "")}

    def as_document(self) -> dict[str, Any]:
        return {"version": RECORD_VERSION, "by_hash": self.by_hash, "by_path": self.by_path,
                "journal_offset": self.journal_offset}


def load_record(workspace: Workspace) -> IngestRecord:
    document = workspace.read_state(RECORD_NAME)
    if isinstance(document, dict) and document.get("version") == RECORD_VERSION:
        record = IngestRecord(document.get("by_hash", {}), document.get("by_path", {}),
                              int(document.get("journal_offset", 0)))
    else:
        record = rebuild_record(workspace)
    entries, record.journal_offset = workspace.read_journal(record.journal_offset)
    for entry in entries:
        record.apply(entry)
    return record


def rebuild_record(workspace: Workspace) -> IngestRecord:
    """The record from the provenance in drafts and published articles (the journal follows)."""
    from pipeline.article import ArticleError, parse_article

    record = IngestRecord()
    for path in [*workspace.draft_files(), *workspace.published_files()]:
        try:
            article = parse_article(workspace.read_bytes(path).decode("utf-8"))
        except (OSError, UnicodeDecodeError, ArticleError):
            continue
        source = article.get("source")
        if isinstance(source, dict) and isinstance(source.get("sha256"), str):
            record.apply({"action": "ingested", "sha256": source["sha256"], "source": source.get("file", ""),
                          "article": workspace.rel(path)})
    return record


# --- the run over a workspace -----------------------------------------------------------------


def _free_name(workspace: Workspace, name: str, taken: set[str]) -> Path:
    stem = name[:-3]
    candidate = name
    number = 1
    while (candidate in taken or workspace.exists(workspace.drafts / candidate)
           or workspace.exists(workspace.published / candidate)):
        number += 1
        candidate = f"{stem}-{number}.md"
    taken.add(candidate)
    return workspace.drafts / candidate


def ingest_one(workspace: Workspace, config: Config, raw: RawFile, record: IngestRecord,
               taken: set[str]) -> IngestOutcome:
    if raw.problem:
        return IngestOutcome(raw.rel, "failed", reason=raw.problem)
    known_path = record.by_path.get(raw.rel)
    if raw.stamp is not None and known_path and known_path.get("stamp") == raw.stamp.as_list():
        known = record.by_hash.get(known_path.get("sha256", ""))
        if known is not None:
            return IngestOutcome(raw.rel, "skipped", list(known.get("drafts", [])),
                                 reason="unchanged since it failed: " + known.get("reason", "")
                                 if known.get("status") == "failed" else "already ingested")
    try:
        data = workspace.read_raw(raw, config.max_bytes)
    except (OSError, ValueError) as error:
        reason = str(error) if isinstance(error, ValueError) else f"cannot be read ({error.strerror})"
        return IngestOutcome(raw.rel, "failed", reason=reason)
    sha = hashlib.sha256(data).hexdigest()
    if raw.stamp is not None:
        record.by_path[raw.rel] = {"stamp": raw.stamp.as_list(), "sha256": sha}
    known = record.by_hash.get(sha)
    if known is not None and known.get("status") == "ok":
        status = "skipped" if known.get("source") == raw.rel else "duplicate"
        reason = "already ingested" if status == "skipped" else f"same bytes as {known.get('source')}"
        return IngestOutcome(raw.rel, status, list(known.get("drafts", [])), reason=reason)
    if known is not None and known.get("status") == "failed":
        return IngestOutcome(raw.rel, "skipped", reason="unchanged since it failed: " + known.get("reason", ""))

    zone = config.zone
    scraped = datetime.fromtimestamp(raw.stamp.mtime_ns / 1e9, zone) if raw.stamp else now(zone)
    source = SourceInfo(raw.rel, sha, scraped, now(zone))
    try:
        drafts = drafts_from_bytes(data, source, config)
    except (DecodeError, SourceError) as error:
        workspace.append_journal([_journal(source, "ingest-failed", reason=str(error))])
        record.apply({"action": "ingest-failed", "sha256": sha, "source": raw.rel, "reason": str(error)})
        return IngestOutcome(raw.rel, "failed", reason=str(error))

    written: list[str] = []
    evidence: dict[str, dict[str, str]] = {}
    for draft in drafts:
        path = _free_name(workspace, draft.name, taken)
        rel = workspace.rel(path)
        workspace.write_atomic(path, render_article(draft.article))
        entry = _journal(source, "ingested", article=rel)
        workspace.append_journal([entry])
        record.apply(entry)
        written.append(rel)
        evidence[rel] = draft.evidence
    return IngestOutcome(raw.rel, "ingested", written, evidence=evidence)


def _journal(source: SourceInfo, action: str, **more: str) -> dict[str, Any]:
    return {"time": format_rfc3339(source.ingested), "action": action, **more, "source": source.rel,
            "sha256": source.sha256}


def run_ingest(workspace: Workspace, config: Config, named: list[Path] | None = None) -> list[IngestOutcome]:
    """Ingest every raw file not ingested before (or the files named); the record is saved at the end."""
    record = load_record(workspace)
    taken: set[str] = set()
    outcomes = []
    for raw in workspace.raw_files(named):
        if named and raw.problem is None and not workspace.inside(raw.path):
            outcomes.append(IngestOutcome(raw.rel, "failed", reason="is outside the workspace"))
            continue
        outcomes.append(ingest_one(workspace, config, raw, record, taken))
    _, record.journal_offset = workspace.read_journal(record.journal_offset)
    workspace.write_state(RECORD_NAME, record.as_document())
    return outcomes
