"""Bytes to drafts: read the raw shape, clean the text, extract each field with its evidence.

``drafts_from_bytes`` is a pure function of the bytes, where they came from and the config: the same
input always gives the same drafts, byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from pipeline.model.article import Article, order_keys
from pipeline.model.config import Config
from pipeline.model.dates import DAY, MINUTE, MONTH, YEAR, DateValue, format_rfc3339
from pipeline.model.evidence import Found
from pipeline.model.front_matter_read import RFC3339
from pipeline.model.schema import MAYBE_NOT_ARTICLE, NOT_ARTICLE
from pipeline.model.vocabulary import canonical_term, tags_given
from pipeline.reading.date_candidates import labelled_date
from pipeline.reading.date_lines import as_the_page_writes
from pipeline.reading.documents import is_never_heading, is_who_was_there, join_wrapped_lines, never_the_title
from pipeline.reading.extract import (
    extract_audience,
    extract_date,
    extract_section,
    extract_tags,
    make_slug,
    scrape_time,
    section_given,
    summary_from,
    title_from_lede,
    vocabulary_words,
)
from pipeline.reading.headline_shapes import list_item
from pipeline.reading.items import MARKDOWN, Field, RawItem, SourceError
from pipeline.reading.language import detect_language
from pipeline.reading.lines import Kind, Page, Removed, is_prose, is_reference
from pipeline.reading.page import read_page
from pipeline.reading.page_dates import days_under_a_month
from pipeline.reading.roles import explain_lines, summary_paragraphs
from pipeline.reading.rulings import labels_head_parts
from pipeline.reading.sources import kicker_labels, read_source
from pipeline.reading.subheadings import LIST_KIND_SHARE, heads_the_list
from pipeline.reading.text import (
    clean_inline,
    clean_markdown,
    comparable,
    decode_bytes,
    join_block,
    join_lone_dateline,
    prepare_text,
    split_blocks,
    split_glued_heading,
)


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
    bands: list[str] = field(default_factory=list)  # of its text, to find the article it may update


@dataclass(frozen=True)
class Body:
    markdown: str
    paragraphs: list[str]  # plain paragraphs, lede first, for title and summary
    headings: list[str]
    page: Page = field(default_factory=Page)  # what the page reader found and took out
    # the paragraphs to sum the article up from: those the model does not half take for furniture
    summary_paragraphs: list[str] | None = None


def compose_body(text: str, config: Config, want_headline: bool = False,
                 recurring: Mapping[str, tuple[int, int]] | None = None, address: str = "") -> Body:
    """Cleaned text to Markdown: the page read as blocks (furniture out, headline and date lines
    noted), paragraphs kept, sub-headings made ``## `` headings, a sub-heading glued to the start of
    its paragraph split off, a lone dateline kept with its lede."""
    page = read_page(join_wrapped_lines(prepare_text(text)), config.boilerplate, kicker_labels(config),
                     want_headline, recurring, address)
    page.blocks = labels_head_parts(page.blocks)  # a ruling's "Tenor" and "Gründe" head its parts
    texts = join_lone_dateline([join_block(block.split("\n")) if kind == Kind.TEXT else block
                                for kind, block in page.blocks]) if page.blocks else []
    kinds = [kind for kind, _block in page.blocks]
    if len(texts) < len(kinds):  # a lone dateline joined its lede
        kinds = [Kind.TEXT, *kinds[2:]]
    parts: list[str] = []
    paragraphs: list[str] = []
    headings: list[str] = []
    for index, (kind, block) in enumerate(zip(kinds, texts, strict=True)):
        if kind == Kind.HEADING and not is_never_heading(block):  # names, figures: never a heading
            headings.append(block)
            parts.append(f"## {block}")
            continue
        glued = split_glued_heading(block) if index > 0 else None
        if glued is not None:
            headings.append(glued[0])
            parts.append(f"## {glued[0]}")
            block = glued[1]
        paragraphs.append(block)
        parts.append(block)
    return Body("\n\n".join(parts) + "\n" if parts else "", paragraphs, headings, page,
                summary_paragraphs(paragraphs, page.lines, lede_given=not want_headline))


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


@dataclass
class Reading:
    """One item as the field resolvers see it: what the source gave, the body the page reader made,
    the config, the scrape time, and the fields resolved so far (a resolver may use earlier ones)."""

    item: RawItem
    body: Body
    config: Config
    scraped: datetime
    found: dict[str, Found] = field(default_factory=dict)
    date_value: DateValue | None = None
    words: list[tuple[int, str]] | None = None  # see `vocabulary_words`

    def given(self, name: Field) -> str:
        return clean_inline(self.item.fields.get(name, ""))

    def searchable(self) -> str:
        return f"{self.found['title'].value}\n{self.body.markdown}"

    def vocabulary_words(self) -> list[tuple[int, str]]:
        """The words of the searchable text the tags' and the sections' terms are looked for at, found
        in one pass for both vocabularies when the first of them asks."""
        if self.words is None:
            self.words = vocabulary_words(self.searchable(), self.config.tags, self.config.sections)
        return self.words


def resolve_title(reading: Reading) -> Found:
    """The source's own title, else the page's headline, else whole clauses of the lede."""
    given = reading.given(Field.TITLE)
    if given:
        return Found(given.rstrip(" ."), "the source's own title", reading.item.evidence.get(Field.TITLE, ""))
    page = reading.body.page
    if page.headline:
        return Found(page.headline.rstrip(" ."), "the page's own headline", f"{page.headline_rule}: {page.headline!r}")
    if not reading.body.paragraphs:
        return Found("", "no title and no text to derive one from", "")
    # the lede: the first paragraph that says something, not a label ("Uitspraak"), a reference number or a
    # list of who was there ("Ans Smit, voorzitter; Piet Bos, schepen; ..."), a court's name or a case's numbers
    lede = next((paragraph for paragraph in reading.body.paragraphs
                 if len(paragraph.split()) >= 4 and not is_reference(paragraph) and not is_who_was_there(paragraph)
                 and not list_item(paragraph) and not never_the_title(paragraph.split("\n")[0])),
                reading.body.paragraphs[0])
    return title_from_lede(lede, reading.config.title_max_chars)


_MONTH_ONLY = re.compile(r"\d{4}-\d{2}")  # a header's month without its day ("date 2017-08")


def resolve_date(reading: Reading) -> Found:
    """The header's, byline's or metadata's date, completed by a date line of the page's head."""
    token, page = reading.item.fields.get(Field.DATE), reading.body.page
    token = as_the_page_writes(token, page.lines) if token else token  # "08-05-2021" beside "July 13, 2020"
    byline = " ".join(reading.item.taken)
    if token and page.not_article and reading.item.shape == "byline" and not labelled_date(byline):
        token = None  # a page that is no article: the date under its first line is its first item's
    weak = page.weak_dates if not token else []
    if token and _MONTH_ONLY.fullmatch(token.strip()):
        # a header of a month only takes its day from a weaker date too, a line of its own that is no prose (a
        # headline's, a caption's; never the lede's opening): only a day of that month counts
        whole = {line.text for line in page.lines if not is_prose(line.text)}
        weak = [found for found in page.weak_dates if found[1] in whole]
        # and from a whole date of its month anywhere on the page's first lines (a byline glued to the lede)
        weak += [(token, token) for token in days_under_a_month(page.lines)]
    value, found = extract_date(token, reading.item.evidence.get(Field.DATE, ""), reading.config, reading.scraped,
                                [found for found, _ in page.dates or weak])
    reading.date_value = value
    return found


def resolve_lang(reading: Reading) -> Found:
    return detect_language(reading.searchable(), reading.config, reading.item.fields.get(Field.LANG),
                           reading.item.language)


def resolve_summary(reading: Reading) -> Found:
    given = reading.given(Field.SUMMARY)
    if given:
        return Found(given, "the source's own summary", reading.item.evidence.get(Field.SUMMARY, ""))
    return summary_from(reading.body.summary_paragraphs or reading.body.paragraphs, str(reading.found["title"].value),
                        reading.config.summary_max_chars, str(reading.found["lang"].value))


def resolve_tags(reading: Reading) -> Found:
    """Front matter tags are the editor's: kept, canonicalised. A feed's tags come from another
    site's vocabulary: only those that are ours are kept, with the ones the text shows."""
    config, given = reading.config, reading.item.meta
    if _given(given, "tags"):
        return tags_given(given["tags"], config)
    found = extract_tags(reading.searchable(), config, reading.vocabulary_words())
    source_tags = reading.item.fields.get(Field.TAGS)
    if not source_tags:
        return found
    ours = [tag for tag in tags_given(source_tags, config).value if tag in config.tag_names()]
    merged = list(dict.fromkeys([*ours, *found.value]))[: config.max_tags]
    return Found(merged, "tags given by the source that are in the vocabulary, then words found in the text",
                 f"given: {source_tags}; {found.evidence}")


def resolve_section(reading: Reading) -> Found:
    """The source's section, the page's kicker when it names one, else the vocabulary's words."""
    config = reading.config
    return (section_given(reading.item.fields.get(Field.SECTIE), config)
            or section_given(reading.body.page.kicker.replace(" ", ","), config)
            or extract_section(reading.searchable(), config, reading.vocabulary_words()))


def resolve_audience(reading: Reading) -> Found:
    return extract_audience(reading.item.fields.get(Field.DOELGROEP), reading.config)


# Each front matter field and the resolver that finds it, in the order they run (as Pelican's
# METADATA_PROCESSORS): a new field is one row and one function.
RESOLVERS: tuple[tuple[str, Callable[[Reading], Found]], ...] = (
    ("title", resolve_title),
    ("date", resolve_date),
    ("lang", resolve_lang),
    ("summary", resolve_summary),
    ("tags", resolve_tags),
    ("sectie", resolve_section),
    ("doelgroep", resolve_audience),
)


def read_body(item: RawItem, config: Config, recurring: Mapping[str, tuple[int, int]] | None = None) -> Body:
    """The item's text as a draft body: read as a page (or kept as Markdown), the lines a reader
    took and a headline repeated as the first paragraph listed as removed."""
    title = clean_inline(item.fields.get(Field.TITLE, ""))
    body = (markdown_body(item.body, config) if item.body_format == MARKDOWN
            else compose_body(item.body, config, not title, recurring, item.fields.get(Field.URL, "")))
    body.page.removed[:0] = [Removed(line, Kind.BYLINE, "byline under the headline") for line in item.taken]
    body.page.removed[:0] = [Removed(line, Kind.FURNITURE, why) for line, why in item.dropped]
    title = title or body.page.headline
    first_block, _, rest = body.markdown.partition("\n\n")
    if (title and body.paragraphs and " ".join(first_block.split("\n")) == body.paragraphs[0]
            and comparable(body.paragraphs[0]) == comparable(title)):
        # Feeds often repeat the headline as the text's first block (only then: never a heading or
        # a later paragraph, which a Markdown body may have before its first prose).
        body.page.removed.append(Removed(body.paragraphs[0], Kind.HEADLINE, "the headline repeated"))
        body = replace(body, markdown=rest, paragraphs=body.paragraphs[1:])
    if title and item.body_format != MARKDOWN and comparable(title) in map(comparable, body.headings):
        body = _without_heading(body, title)
    if _headline_heads_the_list(body) and item.body_format != MARKDOWN:
        # an index's first story: its title is the headline and the first of the list's sub-headings
        body = replace(body, markdown=f"## {body.page.headline}\n\n{body.markdown}",
                       headings=[body.page.headline, *body.headings])
    # A page whose only text is its headline (a paywall's teaser: the headline, a caption, the author) is a
    # draft with that title and no body, which validate names ("body-empty"): refused, its headline is lost.
    if not body.paragraphs and not title and not (item.body_format == MARKDOWN and body.markdown.strip()):
        raise SourceError("has no text left after cleaning")
    return body


def _headline_heads_the_list(body: Body) -> bool:
    """Whether the page's headline is the first of its list's titles: the page is judged no article, or has
    ``LIST_KIND_SHARE`` of the page kind model's votes for it, and its headline is shaped as its sub-headings."""
    page = body.page
    return bool(page.headline) and heads_the_list(page.headline, body.headings) and (
        page.not_article or (page.kind is not None and page.kind.share >= LIST_KIND_SHARE))


def _without_heading(body: Body, title: str) -> Body:
    """A page that shows its headline again further down: the repeat is no sub-heading."""
    key = comparable(title)
    repeats = [heading for heading in body.headings if comparable(heading) == key]
    body.page.removed.extend(Removed(heading, Kind.HEADLINE, "the headline repeated") for heading in repeats)
    kept = [part for part in body.markdown.split("\n\n")
            if not (part.startswith("## ") and comparable(part[3:]) == key)]
    markdown = "\n\n".join(kept)
    return replace(body, markdown=markdown if markdown.endswith("\n") else markdown + "\n",
                   headings=[heading for heading in body.headings if comparable(heading) != key])


def draft_from_item(item: RawItem, source: SourceInfo, config: Config, index: int | None = None,
                    explain: bool = False, recurring: Mapping[str, tuple[int, int]] | None = None,
                    capped: bool = False) -> Draft:
    """One draft from one item: the source's own values first, the rest extracted from the text. ``capped``:
    the raw file stops at the scraper's length cap (``ingest.raw_cap_bytes``), noted in its provenance."""
    body = read_body(item, config, recurring)
    scraped, scraped_rule = scrape_time(item.fields.get(Field.SCRAPED), config, source.scraped)
    reading = Reading(item, body, config, scraped)
    for name, resolve in RESOLVERS:
        reading.found[name] = resolve(reading)
        if name == "title" and not reading.found[name].value:
            raise SourceError("has no title and no text to derive one from")
    found, date_value = reading.found, reading.date_value
    meta: dict[str, Any] = {name: found[name].value for name in ("title", "date", "tags", "summary", "doelgroep",
                                                                 "sectie") if name != "date" or date_value}
    meta["cover"] = {"image": "", "alt": "", "caption": ""}
    meta["draft"] = True
    meta["lang"] = found["lang"].value
    if date_value is not None and date_value.precision not in (DAY, MINUTE):
        meta["date_precision"] = date_value.precision
    if body.page.not_article:
        meta["page_kind"] = NOT_ARTICLE  # validate names it; an editor who finds an article overrules it
    elif body.page.kind is not None and body.page.kind.doubtful:
        meta["page_kind"] = MAYBE_NOT_ARTICLE  # validate warns: the editor looks before it is published
    meta.update(_kept_front_matter(item.meta, meta, date_value, config))
    for key, value in item.extra.items():
        meta.setdefault(key, value)
    meta["source"] = _provenance(item, source, index, item.meta.get("source"), body.page.author)
    if capped:
        meta["source"]["capped"] = True  # validate warns when the text's last line does not end a sentence

    article = Article(order_keys(meta), "\n" + body.markdown)
    if item.body_format == MARKDOWN:
        from pipeline.model.canonical import normalise_article

        article = normalise_article(article, config).article
    stem = make_slug(str(found["title"].value))
    name = f"{_date_stem(date_value)}-{stem}.md" if date_value is not None else f"{stem}.md"
    return Draft(article, name, _evidence(reading, scraped_rule, explain))


def _evidence(reading: Reading, scraped_rule: str, explain: bool = False) -> dict[str, str]:
    """Where every value came from, for ``ingest --explain``."""
    page = reading.body.page
    evidence = {"shape": reading.item.shape, **{name: _explain(found) for name, found in reading.found.items()},
                "scraped": scraped_rule, "headings": "; ".join(reading.body.headings) or "none"}
    if page.kind is not None and (explain or page.not_article or page.kind.doubtful):
        evidence["page kind"] = page.kind.explained()
    if page.kicker:
        evidence["kicker"] = page.kicker
    if page.removed:
        evidence["removed"] = "\n".join(f"{kind} ({reason}): {line}" for line, kind, reason in page.removed)
    lines = explain_lines(page.lines) if explain else ""
    if lines:
        evidence["lines"] = lines
    return evidence


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


def _provenance(item: RawItem, source: SourceInfo, index: int | None, given: Any, page_author: str) -> dict[str, Any]:
    """Where the draft came from; the source's own author first, else the name the page reader found."""
    provenance: dict[str, Any] = {"file": source.rel}
    if index is not None:
        provenance["item"] = index
    earlier = given if isinstance(given, dict) else {}
    fields = {Field.AUTHOR: page_author, **item.fields}
    for key in (Field.URL, Field.ORIGIN, Field.AUTHOR):
        value = fields.get(key) or earlier.get(str(key))
        if isinstance(value, str) and value.strip():
            provenance[str(key)] = clean_inline(value)
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


def read_items(text: str, name: str, config: Config, scraped: datetime | None = None) -> list[RawItem]:
    """The items of a decoded raw file: a page named .html (and holding markup) or one that opens as a
    page is read as HTML (dated no later than ``scraped``), anything else by the first text shape that
    recognises it."""
    from pipeline.reading.html_source import detect_html, is_html_name, looks_like_markup, read_html

    if detect_html(text, config) or (is_html_name(name) and looks_like_markup(text)):
        return read_html(text, config, scraped)
    return read_source(text, config)


# A raw file this many bytes short of the scraper's length cap stopped at it: a character of up to four bytes cut
# at the cap is dropped whole.
CAP_SLACK = 3


def at_cap(size: int, cap: int) -> bool:
    """A raw file of ``size`` bytes stops at the scraper's length cap of ``cap`` bytes (0: none known)."""
    return cap > 0 and cap - CAP_SLACK <= size <= cap


def drafts_from_bytes(data: bytes, source: SourceInfo, config: Config, explain: bool = False,
                      recurring: Mapping[str, tuple[int, int]] | None = None) -> list[Draft]:
    """Every draft a raw file holds; DecodeError or SourceError (with a reason) when none.
    A file with several items (JSON Lines) gives all its drafts or none. With ``explain``, each
    draft's evidence also says what the line model took each line of the page for, and why.
    ``recurring``: the lines of the file that other files of its source showed (``line_digest`` to
    how many files of its source, and of all sources), which the line model reads."""
    decoded = decode_bytes(data)
    items = read_items(decoded.text, source.rel, config, source.scraped)
    if not items:
        raise SourceError("holds no articles")
    many = len(items) > 1
    # a file of one item that stops at the scraper's length cap: its text was cut there
    capped = not many and at_cap(len(data), config.raw_cap_bytes)
    drafts = []
    for number, item in enumerate(items, 1):
        try:
            drafts.append(draft_from_item(item, source, config, number if many else None, explain, recurring,
                                          capped))
        except SourceError as error:
            if not many:
                raise
            raise SourceError(f"item {number} {error}") from None
    return drafts
