"""Building the workspace with a real Hugo, and cross-checking what Hugo built against the front matter.

Nothing proves the articles right but Hugo reading them: it reads ``date: "11-02-2026"`` as the year 1
without a word, lets a second ``Title:`` key win, and shows only one of two files with the same name.
So ``pipeline preview`` builds the minimal site in ``pipeline/hugo/site`` (package data), whose
content is the workspace's ``published/`` (and ``drafts/``) mounted in place for a build (what Hugo
must not read left out by name), and a private copy the pipeline checked for ``hugo server``, which
keeps reading while the folders change under it (``serve``); the layouts also write
``pipeline-index.json``, one entry per page Hugo built, and ``cross_check`` compares it with what
each file says.

The pure parts (site config, Hugo command line, reading Hugo's output, the cross-check) are plain
functions; ``build_site`` and ``serve_site`` are the only ones that run Hugo, and they touch the
disk through the workspace module.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from pipeline.hugo.cross_check import cross_check
from pipeline.hugo.plan import BuildPlan, BuildResult, BuiltPage, Expected, HugoMessage, TagPage
from pipeline.model.article import Article, parse_article
from pipeline.model.config import Config
from pipeline.model.errors import ArticleError, PipelineError
from pipeline.model.problems import ERROR, WARNING, Problem
from pipeline.store import clock, progress, trees
from pipeline.store.paths import read_text_or_none
from pipeline.store.targets import NAME_MAX
from pipeline.store.workspace import Workspace

SITE_DIR = Path(__file__).resolve().parent / "site"
SITE_CONFIG = "hugo.toml"
INDEX_NAME = "pipeline-index.json"
GENERATOR = "pipeline preview"
PREVIEW_DIR = "preview"
HUGO_MISSING = "hugo is not installed (not found on PATH); install it with: apt-get install -y hugo"
# Hugo reads these from the environment as config overrides; a preview must not depend on them.
_HUGO_ENV = re.compile(r"HUGO_")


class PreviewError(PipelineError):
    """Something the user can fix before a build starts (a bad --out, an unknown draft)."""


# --- finding Hugo and the things to build -----------------------------------------------------


def find_hugo() -> str | None:
    return shutil.which("hugo")


def select_drafts(workspace: Workspace, named: Sequence[Path]) -> list[str]:
    """Named drafts as paths inside drafts/; PreviewError names the first that is not a draft."""
    chosen: list[str] = []
    for path in named:
        candidates = [workspace.locate(path), workspace.drafts / path]  # or a path inside drafts/
        found = next((c for c in candidates if c.is_file()), None)
        if found is None:
            raise PreviewError(f"{path}: no such draft")
        try:
            inside = found.resolve().relative_to(workspace.drafts)
        except ValueError:
            raise PreviewError(f"{path}: is not in drafts/ (published articles are always built)") from None
        if found.suffix != ".md":
            raise PreviewError(f"{path}: is not a Markdown draft (.md)")
        chosen.append(inside.as_posix())
    return sorted(set(chosen))


def is_article(path: Path) -> bool:
    # Hugo reads _index.md as a list page, not an article.
    return not path.name.startswith("_")


LINK_OUT = "is a symbolic link out of the workspace: not built (Hugo would publish what it points to)"


def exclude_links_out(workspace: Workspace, plan: BuildPlan) -> list[Problem]:
    """Every link out of the workspace in the folders a build mounts, of any name (Hugo builds .html
    and linked folders too): left out of the mounts, and each named as an error."""
    problems = []
    folders = [("published", workspace.published)] + ([("drafts", workspace.drafts)] if plan.include_drafts else [])
    for name, folder in folders:
        for link in workspace.links_out(folder):
            # Hugo matches a linked file by the path it resolves to, a linked folder by its own path.
            pattern = f"{_glob_escape(link.path.relative_to(folder).as_posix())}/**" if link.folder \
                else _glob_escape(link.target.as_posix())
            plan.excluded.setdefault(name, []).append(pattern)
            rel = workspace.rel(link.path)
            problems.append(Problem(rel, None, "", ERROR, "unreadable", LINK_OUT))
    return problems


def plan_build(workspace: Workspace, include_drafts: bool, drafts: list[str] | None = None) -> BuildPlan:
    """The articles a build should turn into pages, each read and parsed. One Hugo cannot build (front matter
    it would refuse, a page name longer than a file name can be) is left out of the build and named: Hugo
    would fail the whole site for it."""
    plan = BuildPlan(include_drafts, drafts)
    for problem in exclude_links_out(workspace, plan):
        plan.expected.append(Expected(problem.file, None, problem))
    left_out = {problem.file for problem in (item.error for item in plan.expected) if problem is not None}
    published = [p for p in workspace.published_files() if is_article(p)]
    draft_files: list[Path] = []
    if include_drafts:
        draft_files = [p for p in workspace.draft_files() if is_article(p)]
        if drafts is not None:
            wanted = set(drafts)
            draft_files = [p for p in draft_files if p.relative_to(workspace.drafts).as_posix() in wanted]
    # Both folders are mounted at the content root: the same path in both is one page, published's.
    published_paths = {p.relative_to(workspace.published).as_posix(): p for p in published}
    progress.begin("preview", len(published) + len(draft_files))
    for path in [*published, *draft_files]:
        rel = workspace.rel(path)
        hidden_by = ""
        if path.is_relative_to(workspace.drafts):
            twin = published_paths.get(path.relative_to(workspace.drafts).as_posix())
            hidden_by = workspace.rel(twin) if twin is not None else ""
        expected = _read_expected(workspace, path, rel, hidden_by)
        plan.expected.append(expected)
        if expected.error is not None and rel not in left_out:
            folder = "drafts" if path.is_relative_to(workspace.drafts) else "published"
            inner = path.relative_to(workspace.drafts if folder == "drafts" else workspace.published).as_posix()
            plan.excluded.setdefault(folder, []).append(_glob_escape(inner))
        progress.done("preview", rel)
    progress.end("preview")
    return plan


def _read_expected(workspace: Workspace, path: Path, rel: str, hidden_by: str) -> Expected:
    try:
        text = workspace.read_bytes(path).decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return Expected(rel, None, Problem(rel, None, "", ERROR, "unreadable", f"cannot be read ({error})"))
    return expected_of(rel, text, hidden_by)


def expected_of(rel: str, text: str, hidden_by: str) -> Expected:
    try:
        article = parse_article(text, rel)
    except ArticleError as error:
        return Expected(rel, None, Problem(rel, error.line, "", ERROR, "front-matter", error.message), hidden_by)
    too_long = page_name_too_long(article)
    if too_long:
        return Expected(rel, None, Problem(rel, None, "", ERROR, "hugo-page-name", too_long), hidden_by)
    return Expected(rel, article, None, hidden_by)


def page_name_too_long(article: Article) -> str:
    """Why Hugo could not write a page this article makes (a tag's page, an alias, its url or slug): a
    name longer than a file name can be. '' when it can. Hugo would stop the whole build for it."""
    named: list[tuple[str, str]] = []
    for key in ("tags", "aliases"):
        values = article.get(key)
        for value in values if isinstance(values, list) else [values] if values is not None else []:
            named.append((key, str(value)))
    for key in ("url", "slug"):
        if article.get(key) is not None:
            named.append((key, str(article.get(key))))
    for key, value in named:
        longest = max((len(part.encode("utf-8", "replace")) for part in value.split("/")), default=0)
        if longest > NAME_MAX:
            return (f"{key}: a value makes a page name of {longest:,} bytes (a file name holds at most {NAME_MAX}): "
                    "not built; shorten it")
    return ""


# --- the site Hugo builds -----------------------------------------------------------------------


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _glob_escape(path: str) -> str:
    return re.sub(r"([*?\[\]{}\\!])", r"\\\1", path)


def site_config(base: str, workspace: Workspace, config: Config, plan: BuildPlan,
                content: tuple[Path, Path] | None = None) -> str:
    """The package's hugo.toml with this workspace's time zone and content mounts added: published/ and
    drafts/, or the private copies of them given as ``content``."""
    published, drafts = content or (workspace.published, workspace.drafts)
    # The time zone makes a date-only value midnight of that day here, as the pipeline reads it.
    lines = [f"timeZone = {_toml_string(config.timezone)}", base.rstrip("\n"), "", "[module]"]

    def mount(source: Path, target: str, include: list[str] | None = None, exclude: list[str] | None = None) -> None:
        lines.extend(["[[module.mounts]]", f"  source = {_toml_string(str(source))}",
                      f"  target = {_toml_string(target)}"])
        if include is not None:
            lines.append(f"  includeFiles = [{', '.join(_toml_string(_glob_escape(p)) for p in include)}]")
        if exclude:  # glob patterns already
            lines.append(f"  excludeFiles = [{', '.join(_toml_string(p) for p in exclude)}]")

    mount(SITE_DIR / "layouts", "layouts")
    mount(published, "content", exclude=plan.excluded.get("published"))
    if plan.include_drafts and plan.drafts != []:
        mount(drafts, "content", plan.drafts, plan.excluded.get("drafts"))
    return "\n".join(lines) + "\n"


def hugo_command(hugo: str, site: Path, out: Path | None, plan: BuildPlan, now: datetime) -> list[str]:
    """The command line that builds the site into out (None: hugo server, which keeps it in memory)."""
    command = [
        hugo, "--source", str(site), "--config", str(site / SITE_CONFIG),
        "--cacheDir", str(site / "cache"), "--noBuildLock", "--printPathWarnings",
        # Scheduled articles are previewed too; Hugo's clock is the pipeline's (PIPELINE_NOW pins it).
        "--buildFuture", "--buildExpired", "--clock", now.isoformat(),
    ]
    if plan.include_drafts:
        command.append("--buildDrafts")
    if out is not None:
        command.extend(["--destination", str(out)])
    return command


def hugo_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not _HUGO_ENV.match(k)}


# --- reading what Hugo said and built ---------------------------------------------------------

_LOG_LINE = re.compile(r"^(WARN|ERROR)\s+(?:\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}\s+)?(.*)$")
_ERROR_LINE = re.compile(r"^Error:\s*(.*)$")


def parse_messages(stdout: str, stderr: str, workspace: Workspace) -> list[HugoMessage]:
    """Hugo's WARN and ERROR lines (it prints warnings on stdout, errors on stderr), in order.

    Timestamps are dropped (same input, same output) and workspace paths made relative. Anything
    else on stderr is shown too: it is Hugo talking about a problem. Build statistics are not.
    """
    messages: list[HugoMessage] = []
    for stream in (stdout, stderr):
        for line in stream.splitlines():
            text = line.strip()
            if not text:
                continue
            match = _LOG_LINE.match(text)
            error = _ERROR_LINE.match(text)
            if match:
                severity, body = (ERROR if match[1] == "ERROR" else WARNING), match[2]
            elif error:
                severity, body = ERROR, error[1]
            elif stream is stderr:
                severity, body = WARNING, text
            else:
                continue
            messages.append(_attribute(severity, body, workspace))
    return list(dict.fromkeys(messages))


def _attribute(severity: str, text: str, workspace: Workspace) -> HugoMessage:
    root = str(workspace.root) + os.sep
    found = re.search(re.escape(root) + r'([^"\s:]+\.md)(?::(\d+))?(?::\d+)?"?:?\s*', text)
    if not found:
        return HugoMessage(severity, text.replace(root, ""))
    rel = found[1]
    line = int(found[2]) if found[2] else None
    rest = (text[: found.start()].rstrip('"') + text[found.end():]).strip()
    return HugoMessage(severity, rest.replace(root, "") or text.replace(root, ""), rel, line)


def read_index(text: str, workspace: Workspace, out: Path, exists: Callable[[Path], bool]) -> list[BuiltPage]:
    """The pages listed in pipeline-index.json; ValueError when it is not the index we write."""
    document = json.loads(text)
    if not isinstance(document, dict) or document.get("generator") != GENERATOR:
        raise ValueError(f"{INDEX_NAME} was not written by the pipeline's layouts")
    pages = []
    for entry in document.get("pages", []):
        source = str(entry.get("source", ""))
        rel = workspace.rel(Path(source)) if source else str(entry.get("path", ""))
        permalink = str(entry.get("permalink", ""))
        html = out / permalink.lstrip("/")
        if permalink.endswith("/") or not permalink:
            html = html / "index.html"
        tags = tuple(TagPage(str(t.get("title", "")), str(t.get("permalink", ""))) for t in entry.get("tags") or [])
        pages.append(BuiltPage(rel, str(entry.get("title", "")), str(entry.get("date", "")),
                               bool(entry.get("draft")), permalink, str(html), tags, exists(html)))
    return sorted(pages, key=lambda page: page.source)


# --- the cross-check: every article is exactly one page, with its own title and date ------------


# --- running Hugo -------------------------------------------------------------------------------


def default_out(workspace: Workspace) -> Path:
    return workspace.state / PREVIEW_DIR


def check_out(out: Path) -> None:
    """Refuse to replace a folder that is not empty and was not built by a preview."""
    if not (out.exists() or out.is_symlink()) or trees.is_empty_folder(out):
        return
    if not out.is_dir():
        raise PreviewError(f"{out}: exists and is not a folder; choose another --out")
    index = read_text_or_none(out / INDEX_NAME)
    try:
        ours = index is not None and json.loads(index).get("generator") == GENERATOR
    except (ValueError, AttributeError):
        ours = False
    if not ours:
        raise PreviewError(f"{out}: folder is not empty and was not built by pipeline preview; choose another --out")


def _write_site(workspace: Workspace, config: Config, plan: BuildPlan) -> Path:
    base = read_text_or_none(SITE_DIR / SITE_CONFIG)
    if base is None:
        raise RuntimeError(f"the package's Hugo site is missing: {SITE_DIR / SITE_CONFIG}")
    site = trees.make_scratch_dir(None, "pipeline-hugo-site-")
    workspace.write_atomic(site / SITE_CONFIG, site_config(base, workspace, config, plan))
    return site


def build_site(workspace: Workspace, config: Config, hugo: str, out: Path | None = None,
               include_drafts: bool = True, drafts: list[str] | None = None) -> BuildResult:
    """Build the site with Hugo into out (default .pipeline/preview), then cross-check it.

    Hugo writes into a new folder beside out, which replaces out only when the build succeeded:
    a failed build leaves the previous preview as it was.
    """
    target = out if out is not None else default_out(workspace)
    target = target if target.is_absolute() else Path.cwd() / target
    check_out(target)
    plan = plan_build(workspace, include_drafts, drafts)
    site = _write_site(workspace, config, plan)
    staging = trees.make_scratch_dir(target.parent, f".tmp-{target.name}-")
    try:
        command = hugo_command(hugo, site, staging, plan, clock.now(config.zone))
        progress.begin("hugo", None)  # one process, of no known length
        try:
            finished = subprocess.run(command, cwd=site, env=hugo_environment(), capture_output=True,
                                      text=True, encoding="utf-8", errors="replace", check=False)
        except OSError as error:
            message = HugoMessage(ERROR, f"hugo could not be started: {error.strerror or error}")
            return BuildResult(target, 127, messages=(message,))
        finally:
            progress.end("hugo")
        messages = tuple(parse_messages(finished.stdout, finished.stderr, workspace))
        index = read_text_or_none(staging / INDEX_NAME)
        if finished.returncode != 0 or index is None:
            if finished.returncode == 0:
                messages += (HugoMessage(ERROR, f"Hugo finished but wrote no {INDEX_NAME}"),)
            return BuildResult(target, finished.returncode, messages=messages)
        try:
            pages = read_index(index, workspace, staging, Workspace.exists)
        except ValueError as error:
            return BuildResult(target, finished.returncode,
                               messages=(*messages, HugoMessage(ERROR, f"{INDEX_NAME}: {error}")))
        problems = cross_check(plan, pages, config)
        trees.replace_tree(staging, target)
        pages = [_moved(page, staging, target) for page in pages]
        return BuildResult(target, finished.returncode, tuple(pages), messages, tuple(problems), built=True)
    finally:
        trees.remove_tree(staging)
        trees.remove_tree(site)


def _moved(page: BuiltPage, staging: Path, target: Path) -> BuiltPage:
    html = Path(page.html)
    if html.is_relative_to(staging):
        html = target / html.relative_to(staging)
    return BuiltPage(page.source, page.title, page.date, page.draft, page.permalink, str(html), page.tags,
                     page.html_exists)


def hugo_cross_check(workspace: Workspace, config: Config, files: Sequence[Path] | None = None,
                     include_drafts: bool = True) -> list[Problem]:
    """Build the site with Hugo in a scratch folder and return every disagreement with the files.

    For ``pipeline validate --hugo``: Hugo's own warnings and errors come back as problems too, and
    a missing Hugo is one problem naming the install command. Named files restrict the drafts built;
    published articles are always built. The scratch folder is removed afterwards.
    """
    hugo = find_hugo()
    if hugo is None:
        return [Problem("hugo", None, "", ERROR, "hugo-not-installed", HUGO_MISSING)]
    drafts: list[str] | None = None
    if files:
        located = [workspace.locate(f) for f in files]
        named = [f for f in located if f.resolve().is_relative_to(workspace.drafts)]
        try:
            drafts = select_drafts(workspace, named)
        except PreviewError as error:
            return [Problem("hugo", None, "", ERROR, "hugo-input", str(error))]
    scratch = trees.make_scratch_dir(workspace.state if workspace.state.is_dir() else None, ".tmp-hugo-check-")
    try:
        result = build_site(workspace, config, hugo, scratch / "site", include_drafts, drafts)
    finally:
        trees.remove_tree(scratch)
    problems = result.all_problems()
    if not result.built:
        problems.append(Problem("hugo", None, "", ERROR, "hugo-failed",
                                f"hugo exited with status {result.exit_code}; nothing was cross-checked"))
    return problems


def serve_command(hugo: str, site: Path, plan: BuildPlan, port: int, now: datetime) -> list[str]:
    command = hugo_command(hugo, site, None, plan, now)
    # 127.0.0.1 only: drafts are not for the world to read.
    return [command[0], "server", "--bind", "127.0.0.1", "--baseURL", "http://127.0.0.1/",
            "--port", str(port), *command[1:]]
