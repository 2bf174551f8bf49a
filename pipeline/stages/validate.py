"""Articles to problems: each problem names the file, the line, the field, and what to do. The rules
an article is held to are in ``front_matter_rules`` (and ``body_rules``), the clashes of page addresses
across articles in ``page_clashes``; this module reads a file, applies them and the clock, and runs
over every draft or published article. Errors fail a run, warnings do not.

Shape, so results can be cached and computed in parallel: ``check_file`` is pure (bytes in, problems
and the article's date out) and never looks at the clock; ``clock_problems`` (in ``clock_rules``) applies the one rule
that does (a date in the future is a warning: the article is scheduled); ``validate_files`` lists
the files through the workspace and puts the two together.
"""

from __future__ import annotations

from collections.abc import Sequence, Sized
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from pipeline.model.article import Article, import_readers, parse_article
from pipeline.model.config import Config
from pipeline.model.errors import ArticleError
from pipeline.model.pages import page_addresses
from pipeline.model.problems import ERROR, WARNING, Problem, line_order
from pipeline.stages.clock_rules import clock_rules
from pipeline.stages.page_clashes import add_pages, page_clashes
from pipeline.store.journal import article_name

if TYPE_CHECKING:
    from pipeline.store.paths import RawFile
    from pipeline.store.workspace import Workspace


@dataclass(frozen=True, init=False)
class FileCheck:
    """What ``check_file`` found: the problems, and the article's date for the clock rules."""

    problems: tuple[Problem, ...]
    dates: tuple[tuple[str, str, int | None], ...] = ()  # (field, value, line) of date, publishDate, expiryDate
    # (address, the key that gives it, its line) of the addresses its keys give: the file name's own,
    # the usual one, is added from the file's name when no slug is given (nothing to cache for most)
    pages: tuple[tuple[str, str, int | None], ...] | None = None  # None: no front matter read

    def __init__(self, problems: tuple[Problem, ...], dates: tuple[tuple[str, str, int | None], ...] = (),
                 pages: tuple[tuple[str, str, int | None], ...] | None = None) -> None:
        # Frozen all the same, set in one step: one is made for each of ten thousand files a run reports
        # (a frozen dataclass's own __init__ sets each field through object.__setattr__)
        self.__dict__.update(problems=problems, dates=dates, pages=pages)

    def as_cached(self) -> list[Any]:
        """Compact, for the cache of ten thousand files: [dates, pages, problem fields...]."""
        pages = None if self.pages is None else [list(page) for page in self.pages]
        return [[list(date) for date in self.dates], pages,
                *([p.file, p.line, p.field, p.severity, p.code, p.message] for p in self.problems)]

    @classmethod
    def from_cached(cls, data: list[Any]) -> FileCheck:
        # (lists made into tuples: a generator each cost more than the rest for a file with no problem)
        # (an empty list, the usual problems and pages, made no comprehension: each is a call in itself)
        pages = data[1]
        return cls(tuple([Problem(*fields) for fields in data[2:]]) if len(data) > 2 else (),
                   tuple([(str(n), str(v), ln) for n, v, ln in data[0]]),
                   None if pages is None else () if type(pages) is list and not pages else
                   tuple([(str(a), str(k), ln) for a, k, ln in pages]))


# The rules (front_matter_rules, and body_rules with it): imported where a file is read, once, not by a command
# answered from its caches; held here so that each of ten thousand files does not run an import statement again.
_rules: ModuleType | None = None


def _import_rules() -> ModuleType:
    global _rules
    from pipeline.stages import front_matter_rules

    _rules = front_matter_rules
    return front_matter_rules


def import_rules() -> ModuleType:
    """The rules' module (``front_matter_rules``), imported on the first call and held: a caller that checks
    every file asks for it each time without an import statement a file."""
    return _rules or _import_rules()


def check_parsed(text: str, rel: str, config: Config, published: bool = False) -> tuple[Article | None, list[Problem]]:
    """The problems of an article's text, and the Article read from it (None when it cannot be read),
    so a caller that needs both reads the text once."""
    rules = _rules or _import_rules()
    try:
        article = parse_article(text, rel)
    except ArticleError as error:
        return None, [Problem(rel, error.line, "", ERROR, error.code, error.message)]
    if article.toml_front_matter:
        return article, [Problem(rel, 1, "", ERROR, "toml-front-matter",
                                 "has TOML front matter (+++), which the pipeline does not read: write it as YAML "
                                 "between lines of three dashes (---)")]
    if not article.has_front_matter:
        return article, [Problem(rel, 1, "", ERROR, "no-front-matter",
                                 "has no front matter: the file must start with a line of three dashes (---)")]
    # The body is the end of the text (parse_article keeps it as it stands): the lines before it are
    # counted in the front matter alone, not in the text and the body each.
    body_line = text.count("\n", 0, len(text) - len(article.body)) + 1
    return article, rules.validate_article(article, config, published, body_line)


def check_text(text: str, rel: str, config: Config, published: bool = False) -> FileCheck:
    article, problems = check_parsed(text, rel, config, published)
    if article is None or not article.has_front_matter:
        return FileCheck(tuple(problems))
    pages = tuple((address, key, article.lines.get(key)) for address, key in
                  page_addresses(article.meta, article_name(rel)).items() if key != "file name")
    return FileCheck(tuple(problems), (_rules or _import_rules()).clocked_dates(article), pages)


def check_file(data: bytes, rel: str, config: Config, published: bool = False) -> FileCheck:
    """Pure: a file's bytes to its problems (and its date). Never raises for bad input; ignores the clock."""
    if not data.strip():
        return FileCheck((Problem(rel, None, "", ERROR, "empty",
                                  "is empty: an article needs front matter and a body"),))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return FileCheck((Problem(rel, line, "", ERROR, "encoding",
                                  f"is not UTF-8 (byte 0x{data[error.start]:02x} on line {line}): save it as UTF-8"),))
    return check_text(text, rel, config, published)


def prepare_check(config: Config, published: bool) -> None:
    """What checking a file imports and makes for a config (the house style's reader, the rules and their
    patterns), made now: before workers are forked, so they share it instead of each making it on its first file."""
    import_readers()
    _import_rules().ruleset_ready(config, published)


def validate_text(text: str, path: str, config: Config, published: bool = False) -> list[Problem]:
    """Validate the text of one article file; unreadable front matter is a problem, not an exception."""
    return list(check_text(text, path, config, published).problems)


# --- the runner -----------------------------------------------------------------------------------

@dataclass
class ValidateResult:
    """The files a validate run checked and the problems it found."""

    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    def summary(self) -> str:
        failing = len({p.file for p in self.errors})
        line = (f"validate: {len(self.files)} file(s), {failing} with errors, {len(self.errors)} error(s), "
                f"{len(self.warnings)} warning(s)")
        if any(p.code == "required" and p.field.startswith("cover") for p in self.errors):
            line += "; an editor must supply the cover (image, alt, caption)"
        return line


# Files are listed, read and reported in batches of this many: memory stays flat however many there are.
BATCH_SIZE = 2048


def _cache_name(published: bool) -> str:
    return "validate-published.json" if published else "validate-drafts.json"


def _listed_check(entry: RawFile) -> FileCheck | None:
    """The check of a file that the listing shows cannot be read."""
    if entry.problem is None:
        return None
    code = "missing-file" if entry.problem == "no such file" else "unreadable"
    return FileCheck((Problem(entry.rel, None, "", ERROR, code, entry.problem),))


def _unreadable(rel: str, error: OSError) -> list[Any]:
    reason = f"cannot be read ({error.strerror or error})"
    return FileCheck((Problem(rel, None, "", ERROR, "unreadable", reason),)).as_cached()


def validate_files(workspace: Workspace, config: Config, paths: Sequence[Path] | None, published: bool,
                   moment: datetime, jobs: int = 1) -> ValidateResult:
    """Every draft (or published article, or the files named): pure checks, then the clock rules.

    A file whose stamp (size, mtime, inode) is what the cache recorded under this config and version
    is not read again; the others are checked on `jobs` processes, and reported in the listed order.
    """
    from pipeline.store.collector import collector_paused

    # What the run keeps to its end (the cache's ten thousand entries, each file's problems and page addresses)
    # is no garbage: the cycle collector looked it over again and again as it grew (7 % of a re-validate)
    with collector_paused():
        return _validate_files(workspace, config, paths, published, moment, jobs)


def _validate_files(workspace: Workspace, config: Config, paths: Sequence[Path] | None, published: bool,
                    moment: datetime, jobs: int) -> ValidateResult:
    from pipeline.store import progress
    from pipeline.store.runner import CacheUse, PerFile, counted, run_per_file

    folder = workspace.published if published else workspace.drafts
    listing = workspace.article_files(paths, folder) if paths else workspace.iter_markdown_files(folder)
    # The worker sends back the compact cached form: cheap to send, and it is what the cache keeps.
    job: PerFile[list[Any], FileCheck] = PerFile(
        compute=lambda rel, data: check_file(data, rel, config, published).as_cached(),
        unreadable=_unreadable, result=FileCheck.from_cached, cached=lambda compact: compact,
        from_cache=FileCheck.from_cached, listed=_listed_check, prepare=lambda: prepare_check(config, published))
    cache_use = CacheUse(_cache_name(published), config.fingerprint(), some_files_only=bool(paths))
    result = ValidateResult()
    pages: dict[str, list[tuple[str, str, int | None]]] = {}  # address -> (file, key, line) of each that has it
    entries = counted(listing)
    progress.begin("validate", len(entries) if isinstance(entries, Sized) else None)
    for entry, known in run_per_file(workspace, entries, job, cache_use, jobs, BATCH_SIZE, task=""):
        result.files.append(entry.rel)
        add_pages(pages, entry.rel, known.pages)
        found = [*known.problems, *clock_rules(entry.rel, known.dates, moment)[0]] if known.dates \
            else list(known.problems)
        if len(found) > 1:
            found.sort(key=line_order)  # stable, as sorted() was: problems on one line keep their order
        result.problems.extend(found)
        progress.done("validate", found)  # the file's problems, as soon as they are known
    progress.end("validate")
    taken = published_pages(workspace, config, jobs) if not published else {}
    result.problems.extend(page_clashes(pages, taken, published))
    return result


def published_pages(workspace: Workspace, config: Config, jobs: int = 1) -> dict[str, str]:
    """The page address of every published article -> the article: read through validate --published's
    cache, so a draft's check costs no parse of what is published once that cache is warm."""
    from pipeline.store.runner import CacheUse, PerFile, run_per_file

    job: PerFile[list[Any], FileCheck] = PerFile(
        compute=lambda rel, data: check_file(data, rel, config, True).as_cached(),
        unreadable=_unreadable, result=FileCheck.from_cached, cached=lambda compact: compact,
        from_cache=FileCheck.from_cached, listed=_listed_check, prepare=lambda: prepare_check(config, True))
    pages: dict[str, list[tuple[str, str, int | None]]] = {}
    listing = workspace.iter_markdown_files(workspace.published)
    for entry, known in run_per_file(workspace, listing, job, CacheUse(_cache_name(True), config.fingerprint()),
                                     jobs, BATCH_SIZE, task=""):
        add_pages(pages, entry.rel, known.pages)
    return {address: holders[0][0] for address, holders in pages.items()}
