"""The normalise stage: every draft (or the files named) put in canonical form (``model.canonical``).

Only files that change are written, atomically, and each is journalled; a draft found canonical is
not read again while its stamp holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.model.canonical import normalise_text
from pipeline.model.config import Config
from pipeline.store.journal import Action

if TYPE_CHECKING:
    from pipeline.store.workspace import Workspace


# --- the rules ----------------------------------------------------------------------------------


# --- a file's text --------------------------------------------------------------------------------


# --- the runner -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class NormaliseOutcome:
    draft: str
    status: str  # changed | would change | unchanged | unreadable | skipped
    changes: tuple[str, ...] = ()
    reason: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"draft": self.draft, "status": self.status, "changes": list(self.changes), "reason": self.reason}

    @property
    def failed(self) -> bool:
        return self.status in ("unreadable", "skipped")


def normalise_files(workspace: Workspace, config: Config, paths: Sequence[Path] | None, moment: datetime,
                    check: bool = False) -> list[NormaliseOutcome]:
    """Every draft (or the files named) in canonical form; only changed files are written (atomically)
    and journalled. With check, nothing is written: changed files come back as 'would change'."""
    from pipeline.store.cache import load_cache, save_cache
    from pipeline.store.journal import entry

    # A draft found canonical (or not to be normalised, and why) is not read again while its stamp holds.
    cache = load_cache(workspace, NORMALISE_CACHE, config.fingerprint())
    # The listing of drafts/ never follows a link into a folder and flags links that lead out, so
    # one look at drafts/ itself stands for every file in it; files named are each looked at.
    drafts_inside = not paths and workspace.inside(workspace.drafts)
    outcomes = []
    for item in workspace.article_files(paths, workspace.drafts):
        if item.problem is not None:
            outcomes.append(NormaliseOutcome(item.rel, "unreadable", reason=item.problem))
            continue
        if not check and not (workspace.inside(item.path) if paths else drafts_inside):
            outcomes.append(NormaliseOutcome(item.rel, "skipped", reason="is outside the workspace: not changed"))
            continue
        known = cache.get(item.rel, item.stamp) if item.stamp is not None else None
        if isinstance(known, list) and len(known) == 2 and known[0] in ("unchanged", "skipped", "unreadable"):
            outcomes.append(NormaliseOutcome(item.rel, str(known[0]), reason=str(known[1])))
            continue
        try:
            text = workspace.read_bytes(item.path).decode("utf-8")
        except UnicodeDecodeError:
            outcomes.append(NormaliseOutcome(item.rel, "unreadable", reason="is not UTF-8 text"))
            continue
        except OSError as error:
            outcomes.append(NormaliseOutcome(item.rel, "unreadable", reason=f"cannot be read ({error.strerror})"))
            continue
        result = normalise_text(text, config, item.rel)
        if result.status != "changed":
            if item.stamp is not None:
                cache.put(item.rel, item.stamp, [result.status, result.problem])
            outcomes.append(NormaliseOutcome(item.rel, result.status, reason=result.problem))
            continue
        if check:
            outcomes.append(NormaliseOutcome(item.rel, "would change", result.changes))
            continue
        workspace.write_atomic(item.path, result.text)
        workspace.append_journal([entry(moment, Action.NORMALISED, item.rel, changes=list(result.changes))])
        outcomes.append(NormaliseOutcome(item.rel, "changed", result.changes))
    if not check:  # --check changes nothing at all, not even the cache
        save_cache(workspace, NORMALISE_CACHE, cache, some_files_only=bool(paths))
    return outcomes


NORMALISE_CACHE = "normalise-drafts.json"
