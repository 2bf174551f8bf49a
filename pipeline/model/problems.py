"""Problems found in an article: their severities, stable codes and the line they point at."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pipeline.model.article import Article

if TYPE_CHECKING:
    pass


ERROR = "error"


WARNING = "warning"


BODY = "body"


# Every code validate can report, with one line on what it means (listed in docs/editors.md too).
CODES: dict[str, str] = {
    "empty": "the file is empty",
    "encoding": "the file is not UTF-8",
    "unreadable": "the file cannot be read (permissions, a folder, gone)",
    "no-front-matter": "the file does not start with a --- line",
    "toml-front-matter": "the front matter is TOML (+++), which the pipeline does not read",
    "expired": "expiryDate has passed: Hugo no longer shows the article",
    "unclosed": "the front matter is never closed with ---",
    "tab": "the front matter is indented with a tab",
    "yaml-syntax": "the front matter is not valid YAML",
    "not-mapping": "the front matter is not a mapping of keys to values",
    "yaml-alias": "anchors and aliases (&a, *a) that expand to over 1,000 values, or refer to themselves",
    "yaml-number": "a number of over 1,000 characters: no value Hugo or Python can read",
    "bom": "a byte order mark before the first ---: Hugo then sees no front matter",
    "duplicate-key": "a key given twice: YAML and Hugo keep the last one without a word",
    "key-case": "a house key in other capitals (Title): Hugo reads keys without regard to case",
    "yaml-bool": "yes/no/on/off unquoted: YAML 1.1 reads a boolean",
    "yaml-sexagesimal": "14:05 unquoted: YAML 1.1 reads the number 845",
    "yaml-octal": "012 unquoted: YAML 1.1 reads the number 10",
    "yaml-null": "a field left empty, ~ or null: YAML reads no value",
    "required": "a required field is missing or empty",
    "type": "a field has the wrong type (text, list, true/false, mapping)",
    "not-allowed": "a value that is not among the allowed ones (sectie, doelgroep, lang, date_precision)",
    "too-long": "text longer than the configured limit (title, summary)",
    "too-short": "text shorter than required",
    "date-format": "date is not RFC 3339 (2026-02-11T00:00:00+01:00)",
    "date-invalid": "date has the right form but is not a real calendar date or time",
    "date-future": "date is in the future: the article is scheduled (warning)",
    "date-precision": "only the month or year of the date is known: an editor must confirm the day before it is "
                      "approved or promoted (unless publish.month_dates)",
    "not-article": "ingest read the page as no article (an index, shop, agenda or login page): reject it, or "
                   "write page_kind: article",
    "maybe-not-article": "ingest read the page as an article, but it nearly read it as none (warning): check it "
                         "and its date, then write page_kind: article, or reject it",
    "url": "cover.image is not an https:// URL",
    "draft-flag": "draft must be true in drafts/ and false in published/",
    "tag-count": "fewer or more tags than allowed",
    "tag-form": "a tag with capitals or spaces around it",
    "tag-duplicate": "a tag given twice",
    "tag-unknown": "a tag that is not in the vocabulary (warning)",
    "whitespace": "text with spaces at the start or end (warning)",
    "placeholder": "unfinished text: TODO, FIXME, XXX, TBD as written or as a marker (todo:), lorem ipsum",
    "body-empty": "the article has no body",
    "min-words": "the body has fewer words than validate.min_words",
    "cut-off": "the text ends mid-sentence: the page may have been cut off (warning)",
    "raw-header": "a leftover raw header line in the body (date 2026-02-11 ...)",
    "raw-html": "raw HTML in the body: Hugo leaves it out without a word",
    "unsafe-link": "a link or image to a scheme other than http, https or mailto (javascript:, data:, ...)",
    "heading-space": "a heading without a space after its #s (#Kop)",
    "heading-empty": "a heading with no text",
    "heading-level": "more than six #s: not a heading at all",
    "heading-h1": "a level-1 heading in the body: the title is the page's only one (warning)",
    "heading-skip": "a heading that skips a level (## then ####) (warning)",
    "missing-file": "a file named on the command line does not exist",
    "page-taken": "the page address (url, aliases, slug or file name) is a published article's",
    "page-shared": "two drafts have one page address: only the first promoted gets it (warning)",
}


@dataclass(frozen=True, init=False)
class Problem:
    """One thing wrong with a file: where (file, line, field), how bad, its code and what it says."""

    file: str
    line: int | None
    field: str
    severity: str
    code: str
    message: str

    def __init__(self, file: str, line: int | None, field: str, severity: str, code: str, message: str) -> None:
        # Frozen all the same, set in one step: a warm validate or status rebuilds every cached problem
        # of ten thousand files, and a frozen dataclass's own __init__ sets each field by a call
        self.__dict__.update(file=file, line=line, field=field, severity=severity, code=code, message=message)

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "field": self.field, "severity": self.severity,
                "code": self.code, "message": self.message}

    def one_line(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        subject = f" {self.field}:" if self.field else ""
        return f"{where}: {self.severity} [{self.code}]{subject} {self.message}"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Problem:
        return cls(data["file"], data["line"], data["field"], data["severity"], data["code"], data["message"])


def line_order(problem: Problem) -> int:
    """The key problems are sorted by, stably: their line (0 for none), so problems on one line keep their order."""
    return problem.line or 0


def _problem(article: Article, name: str, code: str, message: str, severity: str = ERROR,
             line: int | None = None) -> Problem:
    return Problem(article.path, line if line is not None else _line(article, name), name, severity, code, message)


def _line(article: Article, name: str) -> int | None:
    """The line of a field, or of the nearest parent the file has (cover for a missing cover.alt)."""
    while name:
        if name in article.lines:
            return article.lines[name]
        name = name.rpartition(".")[0]
    return None
