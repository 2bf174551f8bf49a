"""Who is deciding: the reviewer's name, from --by, git's user.name or the login, and the reviewer list."""

from __future__ import annotations

import getpass
import os
import subprocess
from pathlib import Path

from pipeline.model.config import Config


def reviewer_name(given: str | None, root: Path) -> str:
    """--by, else PIPELINE_USER, else git's user.name, else the login name ('' when none)."""
    for candidate in (given, os.environ.get("PIPELINE_USER")):
        if candidate and candidate.strip():
            return candidate.strip()
    git_name = _git_user_name(root)
    if git_name:
        return git_name
    try:
        return getpass.getuser().strip()
    except (KeyError, OSError):
        return ""


def actor_name(root: Path) -> str:
    """Who runs a command, for the journal: PIPELINE_ACTOR (a crontab sets it to "cron"), else the
    reviewer's name as without --by (PIPELINE_USER, git's user.name, the login name)."""
    actor = os.environ.get("PIPELINE_ACTOR", "").strip()
    return actor or reviewer_name(None, root)


def os_user() -> str:
    """The operating system's name for the user running the command ('' when it has none)."""
    import pwd

    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except (KeyError, OSError):
        return str(os.getuid())


def _git_user_name(root: Path) -> str:
    try:
        result = subprocess.run(["git", "config", "user.name"], cwd=root, capture_output=True, text=True,
                                timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def reviewer_refusal(name: str, config: Config) -> str:
    """Why this person may not decide, or '' when they may."""
    if not name:
        return "no reviewer name: pass --by NAME or set PIPELINE_USER"
    if config.reviewers and not _listed(name, config):
        return f"{name!r} is not a reviewer (review.reviewers lists {', '.join(config.reviewers)})"
    return ""


def _listed(name: str, config: Config) -> bool:
    return name.casefold() in {reviewer.casefold() for reviewer in config.reviewers}
