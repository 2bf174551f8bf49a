"""`pipeline run`, the cron entry point: every stage in order under one hold of the workspace lock.

Order: finish moves a killed run cut short (before anything touches a draft that is half moved),
ingest, normalise, validate, promote what is eligible. A bad file never stops the rest; the
result carries every failure as a value, and the report turns it into one summary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pipeline.model.config import Config
from pipeline.stages.moves import MoveOutcome, finish_moves
from pipeline.stages.normalise import NormaliseOutcome, normalise_files
from pipeline.stages.promote import PromoteResult, promote
from pipeline.store.collector import collector_paused
from pipeline.store.journal import Journal
from pipeline.store.workspace import Workspace

if TYPE_CHECKING:
    from pipeline.stages.ingest_write import IngestOutcome  # imported when run, as it is heavy

__all__ = ["NormaliseOutcome", "RunResult", "ingest_failure", "run_pipeline"]


@dataclass
class RunResult:
    finished: list[MoveOutcome] = field(default_factory=list)
    ingest: list[IngestOutcome] = field(default_factory=list)
    normalise: list[NormaliseOutcome] = field(default_factory=list)
    promote: PromoteResult = field(default_factory=lambda: PromoteResult([], []))
    cleaned: list[str] = field(default_factory=list)  # temporary files killed writes left, removed
    synced: list[Any] = field(default_factory=list)  # with --sync: each SyncResult (before and after)
    sync_failures: list[str] = field(default_factory=list)
    committed: str = ""  # with --sync: the commit of what the stages changed

    def failures(self) -> list[str]:
        """One line per failure: what a cron log must show."""
        lines = [ingest_failure(o) for o in self.ingest if o.failed]
        lines += [f"promote: {m.article}: {m.detail}" for m in [*self.finished, *self.promote.moves] if m.failed]
        lines += [f"sync: {name}: a journal line about it vanished from the remote branch: held from promotion "
                  "(pipeline status says more)" for synced in self.synced for name in synced.vanished]
        return lines + [f"sync: {line}" for line in self.sync_failures]

    def counts(self) -> dict[str, dict[str, int]]:
        def tally(statuses: list[str]) -> dict[str, int]:
            found: dict[str, int] = {}
            for status in statuses:
                found[status] = found.get(status, 0) + 1
            return dict(sorted(found.items()))

        cleanup = {"cleanup": {"removed": len(self.cleaned)}} if self.cleaned else {}
        synced = {"sync": {"received": sum(s.received for s in self.synced), "sent": sum(s.sent for s in self.synced),
                           **({"committed": 1} if self.committed else {})}} if self.synced else {}
        return {
            **cleanup,
            **synced,
            "ingest": tally([o.status for o in self.ingest]),
            "normalise": tally([o.status for o in self.normalise]),
            "drafts": self.promote.waiting(),
            "promote": tally([m.status for m in [*self.finished, *self.promote.moves]]),
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            **({"cleaned": self.cleaned} if self.cleaned else {}),
            "ok": not self.failures(),
            "failures": self.failures(),
            "counts": self.counts(),
            "ingest": [o.as_dict() for o in self.ingest],
            "normalise": [o.as_dict() for o in self.normalise if o.status != "unchanged"],
            "promote": [m.as_dict() for m in [*self.finished, *self.promote.moves]],
            "drafts": [{"draft": s.rel, "state": s.state, "blocks": s.blocks} for s in self.promote.states],
        }


def ingest_failure(outcome: IngestOutcome) -> str:
    """A raw file that failed, as a run's failures (and a cron log) word it."""
    return f"ingest: {outcome.file}: {outcome.reason}"


def run_pipeline(workspace: Workspace, config: Config, moment: datetime, jobs: int = 1,
                 keep_evidence: bool = True) -> RunResult:
    """Finish cut-short moves, ingest, normalise, validate and promote. Call with the lock held."""
    from pipeline.stages.ingest import run_ingest
    from pipeline.store.stamps import listed_stamps

    journal = Journal(workspace)  # read once, kept in step with what each stage appends
    result = RunResult(cleaned=list(workspace.swept))  # removed when the lock was taken
    result.finished = finish_moves(workspace, moment, journal=journal)
    result.ingest = run_ingest(workspace, config, jobs=jobs, keep_evidence=keep_evidence, journal=journal,
                               settle=True)
    # What normalise and promote read of every draft is kept to the run's end: none of it is garbage for the
    # collector to look over again and again (ingest, which may read thousands of new files, collects as usual).
    with collector_paused():
        drafts = workspace.article_files(None, workspace.drafts)  # listed once: normalise's files, promote's count
        result.normalise = normalise_files(workspace, config, None, moment, journal=journal, listing=drafts)
        result.promote = promote(workspace, config, moment, jobs=jobs, journal=journal,
                                 drafts=listed_stamps(drafts))
    return result


def run_synced(workspace: Workspace, config: Config, moment: datetime, jobs: int = 1,
               keep_evidence: bool = True) -> RunResult:
    """The cron entry of a git workspace: sync, the stages, one commit of what they changed, sync. A file
    changed here and on the remote stops it before the stages (SyncConflict); a remote out of reach
    does not: the stages run, their commit waits for the next sync."""
    from pipeline.stages.sync import SyncConflict, commit_run, git_of, sync
    from pipeline.store.git import GitError
    from pipeline.store.team import attach

    git_of(workspace)
    synced, failures = [], []
    try:
        synced.append(sync(workspace))
    except SyncConflict:
        raise
    except GitError as error:
        failures.append(str(error))
    attach(workspace, config)  # the signers this machine trusts, as the commits just pulled change them
    result = run_pipeline(workspace, config, moment, jobs, keep_evidence)
    result.synced, result.sync_failures = synced, failures
    summary = "; ".join(f"{stage} " + ", ".join(f"{n} {status}" for status, n in counts.items())
                        for stage, counts in result.counts().items() if counts and stage not in ("drafts", "sync"))
    result.committed = commit_run(workspace, summary or "nothing new")
    try:
        result.synced.append(sync(workspace))
    except GitError as error:
        result.sync_failures.append(str(error))
    return result
