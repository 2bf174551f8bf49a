"""What a Hugo build is asked to make and what it made: the plan, the pages, Hugo's messages."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pipeline.model.article import Article
from pipeline.model.problems import ERROR, Problem


@dataclass(frozen=True)
class Expected:
    """An article file that should become exactly one page: its path and what its front matter says."""

    rel: str
    article: Article | None
    error: Problem | None = None
    hidden_by: str = ""  # another article file of the same content path, which Hugo shows instead


@dataclass(frozen=True)
class HugoMessage:
    """A warning or error Hugo printed, with the article it names when it names one."""

    severity: str  # error or warning
    text: str
    file: str = ""
    line: int | None = None

    def as_problem(self) -> Problem:
        code = "hugo-error" if self.severity == ERROR else "hugo-warning"
        return Problem(self.file or "hugo", self.line, "", self.severity, code, self.text)


@dataclass(frozen=True)
class TagPage:
    title: str
    permalink: str


@dataclass(frozen=True)
class BuiltPage:
    """One page Hugo built, as the index written by the layouts describes it."""

    source: str  # the article's path relative to the workspace ('published/x.md'), or Hugo's own path
    title: str
    date: str
    draft: bool
    permalink: str
    html: str  # the file written, absolute
    tags: tuple[TagPage, ...] = ()
    html_exists: bool = True


@dataclass(frozen=True)
class BuildResult:
    out: Path
    exit_code: int
    pages: tuple[BuiltPage, ...] = ()
    messages: tuple[HugoMessage, ...] = ()
    problems: tuple[Problem, ...] = ()
    built: bool = False  # Hugo finished and its index was read

    @property
    def ok(self) -> bool:
        return self.built and not any(p.severity == ERROR for p in self.all_problems())

    def all_problems(self) -> list[Problem]:
        """Hugo's own messages as problems, then the cross-check's."""
        return [m.as_problem() for m in self.messages] + list(self.problems)

    def as_dict(self) -> dict[str, Any]:
        return {
            "out": str(self.out),
            "built": self.built,
            "hugo_exit_code": self.exit_code,
            "pages": [
                {**asdict(page), "tags": [asdict(t) for t in page.tags]} for page in self.pages
            ],
            "hugo_messages": [asdict(m) for m in self.messages],
            "problems": [p.as_dict() for p in self.problems],
        }


@dataclass
class BuildPlan:
    """What one build reads: which articles, with drafts or not."""

    include_drafts: bool
    drafts: list[str] | None = None  # paths inside drafts/ to include; None: all
    expected: list[Expected] = field(default_factory=list)
    # Symbolic links out of the workspace, by folder ("drafts", "published"): glob patterns Hugo is told to
    # leave out, for it would follow them and publish what they point to.
    excluded: dict[str, list[str]] = field(default_factory=dict)
