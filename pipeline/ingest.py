"""The ingest stage: raw bytes to drafts (pure), and the run over a workspace's raw/ folder.

``drafts_from_bytes`` is a pure function of the bytes, where they came from and the config.
``run_ingest`` walks raw/, skips what the ingest record knows, and hands each new file to it;
every failure is a value in the outcome list, never an exception that stops the run.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.article import RFC3339, Article, order_keys, render_article
from pipeline.config import Config
from pipeline.dates import DAY, MINUTE, MONTH, YEAR, DateValue, format_rfc3339
from pipeline.extract import (
    Found,
    canonical_term,
    comparable,
    detect_language,
    extract_audience,
    extract_date,
    extract_section,
    extract_tags,
    make_slug,
    scrape_time,
    section_given,
    summary_from,
    tags_given,
    title_from_lede,
)
from pipeline.sources import MARKDOWN, RawItem, SourceError, read_source
from pipeline.text import (
    DecodeError,
    clean_inline,
    clean_markdown,
    clean_text,
    decode_bytes,
    join_block,
    join_lone_dateline,
    looks_like_heading,
    split_blocks,
    split_glued_heading,
)
from pipeline.workspace import RawFile, Workspace, now

RECORD_NAME = "ingested.json"
RECORD_VERSION = 1


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
    """Cleaned text to Markdown: paragraphs kept, bare sub-headings made ``## `` headings, a
    sub-heading glued to the start of its paragraph split off, a lone dateline kept with its lede."""
    blocks = join_lone_dateline([join_block(lines) for lines in split_blocks(clean_text(text, config))])
    parts: list[str] = []
    paragraphs: list[str] = []
    headings: list[str] = []
    for index, block in enumerate(blocks):
        is_last = index == len(blocks) - 1
        glued = split_glued_heading(block) if index > 0 else None
        if glued is not None:
            headings.append(glued[0])
            parts.append(f"## {glued[0]}")
            block = glued[1]
        elif index > 0 and not is_last and looks_like_heading(block):
            headings.append(block)
            parts.append(f"## {block}")
            continue
        paragraphs.append(block)
        parts.append(block)
    return Body("\n\n".join(parts) + "\n" if parts else "", paragraphs, headings)


_MARKDOWN_NOT_PROSE = re.compile(r"\s*(?:#|[-*+]\s|\d+[.)]\s|>|\||```|~~~|!\[|<)")


def markdown_body(text: str, config: Config) -> Body:
    """A Markdown body kept as written (only repaired); its prose paragraphs for the summary."""
    markdown = clean_markdown(text, config)
    paragraphs: list[str] = []
    headings: list[str] = []
    for lines in split_blocks(markdown):
        if lines[0].startswith("#"):
            headings.append(lines[0].lstrip("#").strip())
            lines = lines[1:]
        if lines and not _MARKDOWN_NOT_PROSE.match(lines[0]):
            paragraphs.append(" ".join(lines))
    return Body(markdown, paragraphs, headings)


def _explain(found: Found) -> str:
    return f"{found.rule}: {found.evidence}" if found.evidence else found.rule


def _given(meta: dict[str, Any], key: str) -> Any:
    value = meta.get(key)
    return None if value is None or value == "" or value == [] else value


def draft_from_item(item: RawItem, source: SourceInfo, config: Config, index: int | None = None) -> Draft:
    """One draft from one item: the source's own values first, the rest extracted from the text."""
    given = dict(item.meta)
    body = markdown_body(item.body, config) if item.body_format == MARKDOWN else compose_body(item.body, config)
    given_title = clean_inline(item.fields.get("title", ""))
    first_block, _, rest = body.markdown.partition("\n\n")
    if (given_title and body.paragraphs and " ".join(first_block.split("\n")) == body.paragraphs[0]
            and comparable(body.paragraphs[0]) == comparable(given_title)):
        # Feeds often repeat the headline as the text's first block (only then: never a heading or
        # a later paragraph, which a Markdown body may have before its first prose).
        body = Body(rest, body.paragraphs[1:], body.headings)
    if not body.paragraphs and not (item.body_format == MARKDOWN and body.markdown.strip()):
        raise SourceError("has no text left after cleaning")
    lede = body.paragraphs[0] if body.paragraphs else given_title
    title = (
        Found(given_title.rstrip(" ."), "the source's own title", item.evidence.get("title", ""))
        if given_title
        else title_from_lede(lede, config.title_max_chars)
    )
    if not title.value:
        raise SourceError("has no title and no text to derive one from")
    scraped, scraped_rule = scrape_time(item.fields.get("scraped"), config, source.scraped)
    date_value, date_found = extract_date(item.fields.get("date"), item.evidence.get("date", ""), config,
                                          scraped, item.fields.get("day_line"))
    searchable = f"{title.value}\n{body.markdown}"
    given_summary = clean_inline(item.fields.get("summary", ""))
    summary = (Found(given_summary, "the source's own summary", item.evidence.get("summary", ""))
               if given_summary else summary_from(body.paragraphs, title.value, config.summary_max_chars))
    tags = _tags(item, given, searchable, config)
    section = (section_given(item.fields.get("sectie"), config)
               or section_given(item.fields.get("kicker", "").replace(" ", ","), config)
               or extract_section(searchable, config))
    language = detect_language(searchable, config, item.fields.get("lang"))
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
    meta.update(_kept_front_matter(given, meta, date_value, config))
    for key, value in item.extra.items():
        meta.setdefault(key, value)
    meta["source"] = _provenance(item, source, index, given.get("source"))

    article = Article(order_keys(meta), "\n" + body.markdown)
    if item.body_format == MARKDOWN:
        from pipeline.normalise import normalise_article  # editors' front matter: the stage that owns it

        article = normalise_article(article, config).article
    stem = make_slug(title.value)
    name = f"{_date_stem(date_value)}-{stem}.md" if date_value is not None else f"{stem}.md"
    evidence = {
        "shape": item.shape,
        "title": _explain(title),
        "date": _explain(date_found),
        "scraped": scraped_rule,
        "summary": _explain(summary),
        "tags": _explain(tags),
        "sectie": _explain(section),
        "doelgroep": _explain(audience),
        "lang": _explain(language),
        "headings": "; ".join(body.headings) or "none",
    }
    if "kicker" in item.fields:
        evidence["kicker"] = item.fields["kicker"]
    return Draft(article, name, evidence)


def _tags(item: RawItem, given: dict[str, Any], searchable: str, config: Config) -> Found:
    """Front matter tags are the editor's: kept, canonicalised. A feed's tags come from another
    site's vocabulary: only those that are ours are kept, with the ones the text shows."""
    if _given(given, "tags"):
        return tags_given(given["tags"], config)
    found = extract_tags(searchable, config)
    if not item.fields.get("tags"):
        return found
    ours = [tag for tag in tags_given(item.fields["tags"], config).value if tag in config.tag_names()]
    merged = list(dict.fromkeys([*ours, *found.value]))[: config.max_tags]
    return Found(merged, "tags given by the source that are in the vocabulary, then words found in the text",
                 f"given: {item.fields['tags']}; {found.evidence}")


def _kept_front_matter(given: dict[str, Any], made: dict[str, Any], date_value: DateValue | None,
                       config: Config) -> dict[str, Any]:
    """What the source's own front matter says, kept over what was extracted. A date that does not
    parse is kept as written, for validation to name; draft is always true in drafts/."""
    kept: dict[str, Any] = {}
    for key, value in given.items():
        if key in ("draft", "source", "date_precision") or _given(given, key) is None:
            continue
        if key == "date":
            if date_value is None or (isinstance(value, str) and RFC3339.fullmatch(value.strip())):
                kept[key] = value.strip() if isinstance(value, str) else value  # RFC 3339 stays as written
            continue
        if key in ("tags", "title"):
            continue  # given tags and title are already in made, canonicalised and trimmed
        if key in ("sectie", "doelgroep") and isinstance(value, str):
            terms = config.sections if key == "sectie" else config.audiences
            kept[key] = canonical_term(value, terms) or value
            continue
        if key == "cover" and isinstance(value, dict):
            kept[key] = {**made["cover"], **value}
            continue
        kept[key] = value
    return kept


def _provenance(item: RawItem, source: SourceInfo, index: int | None, given: Any) -> dict[str, Any]:
    provenance: dict[str, Any] = {"file": source.rel}
    if index is not None:
        provenance["item"] = index
    earlier = given if isinstance(given, dict) else {}
    for key in ("url", "origin", "author"):
        value = item.fields.get(key) or earlier.get(key)
        if isinstance(value, str) and value.strip():
            provenance[key] = clean_inline(value)
    provenance["sha256"] = source.sha256
    provenance["ingested"] = format_rfc3339(source.ingested)
    return provenance


def _date_stem(value: DateValue) -> str:
    """The file name's date, no more precise than the source: never a day that is not known."""
    if value.precision == MONTH:
        return f"{value.moment:%Y-%m}"
    if value.precision == YEAR:
        return f"{value.moment:%Y}"
    return f"{value.moment:%Y-%m-%d}"


def drafts_from_bytes(data: bytes, source: SourceInfo, config: Config) -> list[Draft]:
    """Every draft a raw file holds; DecodeError or SourceError (with a reason) when none.
    A file with several items (JSON Lines) gives all its drafts or none."""
    decoded = decode_bytes(data)
    items = read_source(decoded.text, config)
    if not items:
        raise SourceError("holds no articles")
    many = len(items) > 1
    drafts = []
    for number, item in enumerate(items, 1):
        try:
            drafts.append(draft_from_item(item, source, config, number if many else None))
        except SourceError as error:
            if not many:
                raise
            raise SourceError(f"item {number} {error}") from None
    return drafts


# --- the ingest record: what was ingested, by content hash -----------------------------------


@dataclass
class IngestRecord:
    """By sha256 of the raw bytes: the drafts made, or the reason it failed. By path: the stamp
    that shows a file unchanged, so known files are not read again. Rebuilt from the journal
    and the drafts' provenance when lost."""

    by_hash: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_path: dict[str, dict[str, Any]] = field(default_factory=dict)
    journal_offset: int = 0
    changed: bool = False  # since it was loaded: a run that learnt nothing does not rewrite it

    def apply(self, entry: dict[str, Any]) -> None:
        sha = entry.get("sha256")
        if not isinstance(sha, str):
            return
        self.changed = True
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

    def known(self, raw: RawFile) -> dict[str, Any] | None:
        """What became of a raw file, when its stamp shows it unchanged since it was read; None when
        it must be read (new, changed, or read before without an outcome)."""
        by_path = self.by_path.get(printable(raw.rel))  # the record keys names as ingest shows them
        if raw.stamp is None or not by_path or by_path.get("stamp") != raw.stamp.as_list():
            return None
        return self.by_hash.get(by_path.get("sha256", ""))

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
    entries, offset = workspace.read_journal(record.journal_offset)
    record.changed = record.changed or offset != record.journal_offset
    record.journal_offset = offset
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
    record.changed = True  # saved by the next ingest, even when empty, so it is not rebuilt every run
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


def printable(name: str) -> str:
    """A file name safe for one line of output and for UTF-8 state: control characters and bytes
    that are not UTF-8 shown as escapes, everything else as it is."""
    if name.isprintable():
        return name  # the common case (undecodable bytes come as surrogates, which are not printable)
    raw = os.fsencode(name)
    text = raw.decode("utf-8", "backslashreplace")
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in text)


@dataclass(frozen=True)
class NewFile:
    """A raw file whose bytes were never seen: what the pure stage needs to make its drafts."""

    data: bytes
    source: SourceInfo


@dataclass(frozen=True)
class Parsed:
    drafts: list[Draft] | None
    reason: str = ""  # why there are none
    bad_file: bool = True  # the file's fault (recorded, not retried until it changes); else a bug


def parse_new_file(config: Config, new: NewFile) -> Parsed:
    """The drafts in a new file, or why there are none: pure, so it runs in a worker process."""
    try:
        return Parsed(drafts_from_bytes(new.data, new.source, config))
    except (DecodeError, SourceError) as error:
        return Parsed(None, str(error))
    except Exception as error:  # a bug, not a bad file: report it, keep going, retry next run
        if os.environ.get("PIPELINE_DEBUG"):
            raise
        return Parsed(None, f"internal error ({type(error).__name__}: {error}); please report it", bad_file=False)


@dataclass
class Slot:
    """One raw file's place in the run's output: an outcome already known, a new file to parse,
    or bytes that a file earlier in the same batch also has (looked up once that one is done)."""

    rel: str
    outcome: IngestOutcome | None = None
    new: NewFile | None = None
    sha: str = ""


def prepare_slot(workspace: Workspace, config: Config, raw: RawFile, record: IngestRecord,
                 named: bool, pending: set[str]) -> Slot:
    """Decide what a raw file needs without parsing it: known files are not even read."""
    shown = printable(raw.rel)
    if shown != raw.rel:
        raw = replace(raw, rel=shown)
    if raw.problem:
        return Slot(raw.rel, IngestOutcome(raw.rel, "failed", reason=raw.problem))
    if named and not workspace.inside(raw.path):
        return Slot(raw.rel, IngestOutcome(raw.rel, "failed", reason="is outside the workspace"))
    known = record.known(raw)
    if known is not None:
        return Slot(raw.rel, _known_outcome(raw.rel, known))
    try:
        data = workspace.read_raw(raw, config.max_bytes)
    except (OSError, ValueError) as error:
        reason = str(error) if isinstance(error, ValueError) else f"cannot be read ({error.strerror or error})"
        return Slot(raw.rel, IngestOutcome(raw.rel, "failed", reason=reason))
    sha = hashlib.sha256(data).hexdigest()
    if raw.stamp is not None:
        record.by_path[raw.rel] = {"stamp": raw.stamp.as_list(), "sha256": sha}
        record.changed = True
    known = record.by_hash.get(sha)
    if known is not None:
        return Slot(raw.rel, _known_outcome(raw.rel, known))
    if sha in pending:
        return Slot(raw.rel, sha=sha)
    pending.add(sha)
    zone = config.zone
    scraped = datetime.fromtimestamp(raw.stamp.mtime_ns / 1e9, zone) if raw.stamp else now(zone)
    return Slot(raw.rel, new=NewFile(data, SourceInfo(raw.rel, sha, scraped, now(zone))), sha=sha)


def write_drafts(workspace: Workspace, record: IngestRecord, source: SourceInfo, parsed: Parsed,
                 taken: set[str], keep_evidence: bool = True) -> IngestOutcome:
    """A parsed file's drafts written (never over another file) and journalled, or its failure recorded."""
    if parsed.drafts is None:
        if parsed.bad_file:
            workspace.append_journal([_journal(source, "ingest-failed", reason=parsed.reason)])
            record.apply({"action": "ingest-failed", "sha256": source.sha256, "source": source.rel,
                          "reason": parsed.reason})
        return IngestOutcome(source.rel, "failed", reason=parsed.reason)
    written: list[str] = []
    evidence: dict[str, dict[str, str]] = {}
    for draft in parsed.drafts:
        text = render_article(draft.article)
        try:
            path = _free_name(workspace, draft.name, taken)
            while not workspace.write_new_atomic(path, text):  # never overwrite: another run made it
                path = _free_name(workspace, draft.name, taken)
        except OSError as error:
            return IngestOutcome(source.rel, "failed", written,
                                 reason=f"cannot write its draft ({error.strerror or error})")
        rel = workspace.rel(path)
        entry = _journal(source, "ingested", article=rel)
        workspace.append_journal([entry])
        record.apply(entry)
        written.append(rel)
        if keep_evidence:
            evidence[rel] = draft.evidence
    return IngestOutcome(source.rel, "ingested", written, evidence=evidence)


def _known_outcome(rel: str, known: dict[str, Any]) -> IngestOutcome:
    """A file whose bytes were seen before: skipped, a duplicate, or still the same bad file
    (reported again, not retried: it is retried when its bytes change)."""
    if known.get("status") == "failed":
        return IngestOutcome(rel, "failed", reason=f"{known.get('reason', '')} (unchanged since the last try)")
    if known.get("source") == rel:
        return IngestOutcome(rel, "skipped", list(known.get("drafts", [])), reason="already ingested")
    return IngestOutcome(rel, "duplicate", list(known.get("drafts", [])),
                         reason=f"same bytes as {known.get('source')}")


def _journal(source: SourceInfo, action: str, **more: str) -> dict[str, Any]:
    return {"time": format_rfc3339(source.ingested), "action": action, **more, "source": source.rel,
            "sha256": source.sha256}


# New files are parsed in batches of this many: memory stays flat however big raw/ is, and each
# batch is big enough to keep every worker busy.
BATCH_SIZE = 512


def run_ingest(workspace: Workspace, config: Config, named: list[Path] | None = None,
               jobs: int = 1, keep_evidence: bool = True) -> list[IngestOutcome]:
    """Ingest every raw file not ingested before (or the files named); the record is saved at the end.

    Parsing runs on `jobs` processes; reading, writing and the record stay in this one, in the
    order of the files, so the outcome is the same on any number of processes. Without
    `keep_evidence` (no one will print it) the outcomes leave out where each value came from."""
    from functools import partial

    from pipeline.parallel import OrderedPool

    record = load_record(workspace)
    taken: set[str] = set()
    outcomes: list[IngestOutcome] = []
    with OrderedPool(partial(parse_new_file, config), jobs) as pool:

        def finish(batch: list[Slot]) -> None:
            parsed = iter(pool.map([slot.new for slot in batch if slot.new is not None]))
            for slot in batch:
                if slot.new is not None:
                    outcomes.append(write_drafts(workspace, record, slot.new.source, next(parsed), taken,
                                                 keep_evidence))
                elif slot.outcome is not None:
                    outcomes.append(slot.outcome)
                else:  # the same bytes as a file earlier in this batch, now recorded (unless a bug stopped it)
                    known = record.by_hash.get(slot.sha)
                    outcomes.append(_known_outcome(slot.rel, known) if known is not None else
                                    IngestOutcome(slot.rel, "failed", reason="same bytes as a file that failed"))

        batch: list[Slot] = []
        pending: set[str] = set()
        for raw in workspace.raw_files(named):
            batch.append(prepare_slot(workspace, config, raw, record, bool(named), pending))
            if len(pending) >= BATCH_SIZE:
                finish(batch)
                batch, pending = [], set()
        finish(batch)
    offset = workspace.journal_end(record.journal_offset)  # this run's own entries are in the record already
    if record.changed or offset != record.journal_offset:
        record.journal_offset = offset
        workspace.write_state(RECORD_NAME, record.as_document())
    return outcomes
