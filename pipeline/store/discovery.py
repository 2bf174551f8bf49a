"""Where the workspace is (found as git finds a repository, or named with --root), and making one
(`pipeline init`)."""

from __future__ import annotations

from pathlib import Path

from pipeline.model.config import CONFIG_NAME
from pipeline.store.paths import STATE_DIR, WORKSPACE_FOLDERS, WorkspaceError, read_text_or_none
from pipeline.store.state_files import JOURNAL_NAME
from pipeline.store.workspace import Workspace


class NotAWorkspace(WorkspaceError):
    """No workspace where one was looked for: exit 2, and nothing is created."""


def git_top(root: Path) -> Path | None:
    """The work tree that holds root (a folder with .git, found as git finds it), or None. Here, not in
    ``store.git``: every command looks, and only a workspace in git needs the git module itself."""
    for folder in (root, *root.parents):
        if (folder / ".git").exists():
            return folder
    return None


def is_workspace(folder: Path) -> bool:
    """A workspace holds a pipeline.toml, or raw/ beside .pipeline/ (one that ran before pipeline.toml existed)."""
    return (folder / CONFIG_NAME).is_file() or ((folder / "raw").is_dir() and (folder / STATE_DIR).is_dir())


def find_workspace(start: Path) -> Path:
    """The workspace start is in, found as git finds a repository: start itself, or its nearest parent
    that is one. NotAWorkspace when there is none."""
    start = start.absolute()
    for folder in (start, *start.parents):
        if is_workspace(folder):
            return folder
    raise NotAWorkspace(f"not a pipeline workspace (no {CONFIG_NAME} or raw/ with {STATE_DIR}/ in {start} or its "
                        "parents); run `pipeline init`")


def named_workspace(root: Path) -> Path:
    """A workspace named directly (--root, PIPELINE_ROOT): a folder holding a pipeline.toml or any of the
    workspace's folders (raw/, drafts/, published/, .pipeline/). An empty or unrelated folder is not one."""
    if not root.is_dir():
        raise WorkspaceError(f"{root}: workspace folder does not exist")
    if not ((root / CONFIG_NAME).is_file() or any((root / name).is_dir() for name in WORKSPACE_FOLDERS)):
        raise NotAWorkspace(f"not a pipeline workspace (no {CONFIG_NAME}, raw/, drafts/ or published/ in {root}); "
                            f"run `pipeline init {root}`")
    return root


def gitignore_lines() -> list[str]:
    """What `pipeline init` puts in .gitignore: everything under .pipeline/ (caches, the lock, preview
    builds, temporary files, the ingest record, which is remade from the journal and the drafts) but
    the journal, which is the workspace's history and, in git, how machines share it; and raw/, whose
    scraped pages are never pushed by a careless `git add -A`."""
    return ["# The pipeline's caches, lock, preview builds and ingest record: remade when missing.",
            "# The journal of decisions is history, shared through git: keep it.",
            f"/{STATE_DIR}/*", f"!/{STATE_DIR}/{JOURNAL_NAME}",
            "# Scraped pages stay on the machine that scraped them; raw/ itself is kept, by its placeholder.",
            "/raw/*", f"!/raw/{PLACEHOLDER}"]


# A hidden file (ingest passes over hidden files) that keeps raw/ in git, so a fresh clone has the folder.
PLACEHOLDER = ".gitkeep"
_PLACEHOLDER_TEXT = "Scrapers drop raw files here. This file only keeps the folder in git: it is never read.\n"

# Two machines' journal entries are both kept when git merges the journal, line by line: never a conflict.
ATTRIBUTES = f"/{STATE_DIR}/{JOURNAL_NAME} merge=union\n"


def init_workspace(root: Path, config_text: str) -> list[str]:
    """Make a workspace at root: its folders, a .gitignore (or the lines it lacks added to one) and
    pipeline.toml with config_text. Refused, before anything is made, when root has a pipeline.toml.
    Returns what was made or changed, relative to root."""
    config = root / CONFIG_NAME
    if config.exists() or config.is_symlink():
        raise WorkspaceError(f"{config}: already exists; `pipeline init` never overwrites it")
    if root.exists() and not root.is_dir():
        raise WorkspaceError(f"{root}: is not a folder")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WorkspaceError(f"{root}: cannot create folder ({error.strerror})") from None
    workspace = Workspace(root.resolve())
    made = [name + "/" for name in WORKSPACE_FOLDERS if not (root / name).is_dir()]
    workspace.make_folders()
    ignore = root / ".gitignore"
    present = read_text_or_none(ignore) if ignore.exists() else ""
    if present is None:
        raise WorkspaceError(f"{ignore}: cannot be read")
    wanted = [line for line in gitignore_lines() if line.startswith("#") or line not in present.splitlines()]
    if any(not line.startswith("#") for line in wanted):
        separator = "\n" if present and not present.endswith("\n") else ""
        workspace.write_atomic(ignore, present + separator + ("\n" if present else "") + "\n".join(wanted) + "\n")
        made.append(".gitignore (lines added)" if present else ".gitignore")
    attributes = root / ".gitattributes"
    present = read_text_or_none(attributes) if attributes.exists() else ""
    if present is None:
        raise WorkspaceError(f"{attributes}: cannot be read")
    if ATTRIBUTES.strip() not in present.splitlines():
        separator = "\n" if present and not present.endswith("\n") else ""
        workspace.write_atomic(attributes, present + separator + ATTRIBUTES)
        made.append(".gitattributes (line added)" if present else ".gitattributes")
    if not workspace.write_new_atomic(config, config_text):
        raise WorkspaceError(f"{config}: already exists; `pipeline init` never overwrites it")
    made.append(CONFIG_NAME)
    placeholder = root / "raw" / PLACEHOLDER
    if not (placeholder.exists() or placeholder.is_symlink()) and workspace.write_new_atomic(placeholder,
                                                                                             _PLACEHOLDER_TEXT):
        made.append(f"raw/{PLACEHOLDER}")
    return made
