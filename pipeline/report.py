"""What each command's result looks like, in the three faces ``output`` prints (rich tables on a
terminal, plain tab-separated lines when piped or run from cron, JSON with ``--json``): one function a
result, every line made safe by ``output``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from pipeline.output import JSON, PLAIN, RICH, Mode, emit_json, error, plain_row, safe_cell, safe_line, say, table, warn

if TYPE_CHECKING:  # types only: the report imports no stage at run time
    from pathlib import Path

    from pipeline.hugo.plan import BuildResult, HugoMessage
    from pipeline.model.problems import Problem
    from pipeline.stages.assess import DraftState
    from pipeline.stages.covers import CoverMatch
    from pipeline.stages.ingest_write import IngestOutcome
    from pipeline.stages.moves import MoveOutcome
    from pipeline.stages.normalise import NormaliseOutcome
    from pipeline.stages.review import ReviewOutcome
    from pipeline.stages.revisions import RevisionOutcome
    from pipeline.stages.run import RunResult
    from pipeline.stages.sync import Sending, SyncResult
    from pipeline.stages.updates import UpdateOutcome
    from pipeline.stages.validate import ValidateResult
    from pipeline.stages.vocabulary import Suggestion


STATUS_STYLES = {
    "ingested": "green", "skipped": "dim", "duplicate": "yellow", "failed": "bold red", "waiting": "cyan",
    "still bad": "yellow", "updated": "cyan",
    "error": "bold red", "warning": "yellow", "ok": "green", "changed": "cyan",
}


def init_result(root: Path, made: Sequence[str]) -> None:
    """What `pipeline init` made, one plain line each, then what to do next."""
    for name in made:
        say(f"made\t{name}")
    say(f"init: workspace ready in {safe_cell(str(root.absolute()))}; put raw files in raw/ and run "
        "`pipeline ingest`")


def ingest_row(outcome: IngestOutcome) -> tuple[str, str, str]:
    """Status, raw file, and its drafts (an article it updated: what became of it) or why there are none."""
    notes = {**outcome.updates, **outcome.duplicates}
    drafts = [f"{draft} ({notes[draft]})" if draft in notes else draft for draft in outcome.drafts]
    return (outcome.status, outcome.file, ", ".join(drafts) or outcome.reason)


def ingest_lines(verbose: bool) -> Callable[[object], list[str]]:
    """An outcome's plain line as soon as it is decided (a file skipped has none, unless verbose)."""

    def lines(item: object) -> list[str]:
        outcome = cast("IngestOutcome", item)  # the report imports no stage at run time
        return [plain_row(ingest_row(outcome))] if verbose or outcome.status != "skipped" else []

    return lines


def ingest_results(outcomes: Sequence[IngestOutcome], mode: Mode, verbose: bool = False,
                   streamed: bool = False) -> None:
    """A line (a row) for each file not skipped, then where values came from (verbose), then the summary;
    `streamed`: the lines were printed as each file was decided."""
    if mode == JSON:
        emit_json([outcome.as_dict() for outcome in outcomes])
        return
    shown = [o for o in outcomes if verbose or o.status != "skipped"]
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    made = sum(len(o.drafts) - len(o.updates) for o in outcomes if o.status == "ingested")
    parts = [f"{count} {status}" + (f" ({made} drafts)" if status == "ingested" and made != count else "")
             for status, count in sorted(counts.items())]  # a JSON Lines file makes many drafts
    summary = ", ".join(parts) or "no raw files"
    rows = [ingest_row(o) for o in shown]
    if mode == PLAIN:
        table("", (), [] if streamed else rows, PLAIN)
    elif rows:
        table("ingest", ("status", "file", "draft / reason"), rows, RICH, STATUS_STYLES)
    if verbose:
        for outcome in outcomes:
            for draft, evidence in outcome.evidence.items():
                say(f"{draft}:")
                for key, why in evidence.items():
                    first, *more = why.split("\n")  # "removed" lists one line taken out per line
                    say(f"  {key:10} {first}")
                    for line in more:
                        say(f"  {'':10} {line}")
    say(f"ingest: {summary}")


# --- review and publish ----------------------------------------------------------------------

STATE_STYLES = {
    "invalid": "bold red", "awaiting review": "yellow", "approval void": "magenta", "rejected": "red",
    "scheduled": "cyan", "approved": "green", "refused": "bold red", "failed": "bold red",
    "promoted": "green", "unpublished": "yellow", "finished": "cyan", "abandoned": "dim",
    "already approved": "dim", "source updated": "magenta", "possible duplicate": "magenta", "taken": "green",
    "dismissed": "dim", "merged": "green",
}


def _counted(statuses: Sequence[str]) -> str:
    counts: dict[str, int] = {}
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    return ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))


def review_states(states: Sequence[DraftState], mode: Mode, everything: bool) -> None:
    """Drafts and what blocks each; by default only those waiting for a decision or a fix."""
    shown = [s for s in states if everything or s.state not in ("approved", "scheduled")]
    if mode == JSON:
        emit_json([s.as_dict() for s in shown])
        return
    rows = [(s.state, s.rel, s.title, "; ".join((s.blocks, *s.past))) for s in shown]
    if mode == PLAIN:
        table("", (), rows, PLAIN)
    elif rows:
        table("review", ("state", "draft", "title", "what blocks it"), rows, RICH, STATE_STYLES,
              wrap=("title", "what blocks it"))
    say(f"review: {_counted([s.state for s in states]) or 'no drafts'}")


def decision_outcomes(outcomes: Sequence[ReviewOutcome], mode: Mode, verb: str) -> None:
    """What approve or reject did to each draft; a refusal names why, and each validation error."""
    if mode == JSON:
        emit_json([o.as_dict() for o in outcomes])
        return
    rows = [(o.status, o.article, o.detail) for o in outcomes]
    if mode == PLAIN:
        table("", (), rows, PLAIN)
    else:
        table(verb, ("status", "draft", "detail"), rows, RICH, STATE_STYLES)
    for outcome in outcomes:
        for problem in outcome.problems:
            say(f"  {safe_cell(problem.one_line())}")
    say(f"{verb}: {_counted([o.status for o in outcomes])}")


def update_outcomes(outcomes: Sequence[UpdateOutcome | RevisionOutcome], mode: Mode, verb: str,
                    command: str = "update") -> None:
    """What take-update, dismiss-update or revise (command) did to each article."""
    if mode == JSON:
        emit_json([o.as_dict() for o in outcomes])
        return
    rows = [(verb if o.done else "refused", o.article, o.detail) for o in outcomes]
    if mode == PLAIN:
        table("", (), rows, PLAIN)
    else:
        table(command, ("status", "article", "detail"), rows, RICH, STATE_STYLES)
    say(f"{command}: {_counted([row[0] for row in rows])}")


def move_outcomes(moves: Sequence[MoveOutcome], mode: Mode, verb: str, waiting: dict[str, int] | None = None) -> None:
    """What promote or unpublish did: each move, then one summary line (drafts left waiting too)."""
    if mode == JSON:
        document: dict[str, object] = {"moves": [m.as_dict() for m in moves]}
        if waiting is not None:
            document["waiting"] = waiting
        emit_json(document)
        return
    rows = [(m.status, m.article, m.target, m.detail) if m.detail else (m.status, m.article, m.target) for m in moves]
    if mode == PLAIN:
        table("", (), rows, PLAIN)
    elif rows:
        table(verb, ("status", "article", "to", "detail"), rows, RICH, STATE_STYLES)
    summary = _counted([m.status for m in moves]) or f"nothing to {verb}"
    if waiting:
        summary += "; waiting: " + ", ".join(f"{count} {state}" for state, count in sorted(waiting.items()))
    say(f"{verb}: {summary}")


def history(rows: Sequence[tuple[str, str, str, str]], entries: Sequence[Mapping[str, object]], mode: Mode) -> None:
    if mode == JSON:
        emit_json(list(entries))
        return
    if mode == PLAIN:
        table("", (), rows, PLAIN)
    elif rows:
        table("history", ("time", "action", "article", "detail"), rows, RICH)  # the detail wraps


def article_view(shown: Mapping[str, Any], mode: Mode) -> None:
    """`pipeline show`: the article's state, fields (value, problems, evidence), other problems, what ingest
    took out, what changed, and its history (``desk.article.view_document`` makes `shown`)."""
    if mode == JSON:
        emit_json(shown)
        return
    if shown["read_error"]:
        error(f"{shown['article']}: {shown['read_error']}")
        return
    state = shown["state"]
    say(safe_line(f"{shown['article']} ({state['state']}: {state['blocks']})" if state else
                  f"{shown['article']} (published)"))
    rows = [(row["key"], row["value"], "; ".join(f"{p['severity']} [{p['code']}] {p['message']}"
                                                 for p in row["problems"]), row["evidence"])
            for row in shown["fields"]]
    table("fields", ("field", "value", "problems", "where it came from"), rows, mode,
          wrap=("value", "problems", "where it came from"))
    for line in shown["other_problems"]:
        say(safe_line(line))
    if shown["evidence_note"]:
        say(safe_line(f"where the values came from: {shown['evidence_note']}"))
    if shown["evidence"]:
        table("reading", ("what", "detail"), list(shown["evidence"].items()), mode)
    for change in shown["changes"]:
        what = "not known" if change["changed"] is None else ("changed" if change["changed"] else "unchanged")
        say(safe_line(f"{change['since']}: {what}" + (f" ({change['note']})" if change["note"] else "")))
    revision = shown.get("revision")
    if revision:
        say(safe_line(f"a revision waits: {revision['revision']} ({revision['state']}: {revision['blocks']})"))
        for line in revision["changes"]:  # [-removed-]{+added+}, as git's word diff marks them
            say(safe_line(f"  {line}"))
    if shown["history"]:
        table("history", ("time", "action", "article", "detail"),
              [(row["time"], row["action"], row["article"], row["detail"]) for row in shown["history"]], mode)


def vocabulary_suggestions(suggestions: Sequence[Suggestion], mode: Mode) -> None:
    if mode == JSON:
        emit_json([{"term": s.term, "drafts": s.drafts, "kind": s.kind, "example": s.example} for s in suggestions])
        return
    if not suggestions:
        say("no suggestions: the vocabulary has what the drafts talk about")
        return
    table("terms the vocabulary does not have", ("term", "drafts", "kind", "for example"),
          [(s.term, s.drafts, s.kind, s.example) for s in suggestions], mode)


def cover_matches(draft: str, matches: Sequence[CoverMatch], skipped: Sequence[str], mode: Mode,
                  picked: int | None = None) -> None:
    """The photo library's best matches for a draft, numbered for --pick; the one picked, if any."""
    if mode == JSON:
        emit_json({"draft": draft, "picked": picked, "skipped": list(skipped), "matches": [
            {"rank": rank, "score": match.score, "image": f"{match.photo.folder}/{match.photo.rel}",
             "headline": match.photo.headline, "caption": match.photo.caption, "alt": match.photo.alt,
             "credit": match.photo.credit, "keywords": list(match.photo.keywords), "shared": list(match.words)}
            for rank, match in enumerate(matches, 1)]})
        return
    for line in skipped:
        warn(f"photo library: {line}")
    if picked is not None:
        match = matches[picked - 1]
        say(safe_line(f"{draft}: cover set from {match.photo.folder}/{match.photo.rel}"))
        return
    if not matches:
        say(safe_line(f"{draft}: no image in the photo library shares a word with it"))
        return
    rows = [(rank, match.score, f"{match.photo.folder}/{match.photo.rel}",
             " / ".join(part for part in (match.photo.headline or match.photo.caption, match.photo.credit) if part),
             ", ".join(match.words)) for rank, match in enumerate(matches, 1)]
    table(f"covers for {draft} (pick one with --pick N)", ("#", "score", "image", "about", "shared words"),
          rows, mode, wrap=("about", "shared words"))


def _run_ingest_row(outcome: IngestOutcome) -> tuple[str, ...] | None:
    return ("ingest", *ingest_row(outcome)) if outcome.status != "skipped" else None


def _run_normalise_row(outcome: NormaliseOutcome, draft: str) -> tuple[str, ...] | None:
    return ("normalise", outcome.status, draft, ", ".join(outcome.changes)) if outcome.status == "changed" else None


def run_lines(quiet: bool, ingest_failure: Callable[[IngestOutcome], str]) -> dict[str, Callable[[object], list[str]]]:
    """The lines of a run streamed as each file is done (piped): the ingest and normalise rows, or
    with quiet each ingest failure (``ingest_failure``: its line, as the run's result words it)."""

    def ingested(item: object) -> list[str]:
        outcome = cast("IngestOutcome", item)
        if quiet:
            return [safe_cell(ingest_failure(outcome))] if outcome.failed else []
        row = _run_ingest_row(outcome)
        return [plain_row(row)] if row is not None else []

    def normalised(item: object) -> list[str]:
        outcome = cast("NormaliseOutcome", item)  # normalise's final word on one draft
        row = None if quiet else _run_normalise_row(outcome, outcome.draft)
        return [plain_row(row)] if row is not None else []

    return {"ingest": ingested, "normalise": normalised}


def run_summary(result: RunResult, mode: Mode, quiet: bool, streamed: bool = False) -> None:
    """One summary of a run; with quiet, nothing on success and one line per failure. `streamed`: the
    lines of ingest and normalise were printed as each file was done (``run_lines``)."""
    if mode == JSON:
        emit_json(result.as_dict())
        return
    failures = result.failures()
    if quiet:
        for line in failures[sum(1 for o in result.ingest if o.failed) if streamed else 0:]:
            say(safe_cell(line))
        return
    rows: list[tuple[str, ...]] = []
    if not streamed:
        rows += [row for row in map(_run_ingest_row, result.ingest) if row is not None]
        rows += [row for row in (_run_normalise_row(o, o.draft) for o in result.normalise) if row is not None]
    rows += [("promote", m.status, m.article, m.detail or m.target) for m in [*result.finished, *result.promote.moves]]
    if mode == PLAIN:
        table("", (), rows, PLAIN)
    elif rows:
        table("run", ("stage", "status", "file", "detail"), rows, RICH, {**STATUS_STYLES, **STATE_STYLES})
    for stage, counts in result.counts().items():
        say(f"{stage}: " + (", ".join(f"{count} {status}" for status, count in counts.items()) or "nothing"))
    for line in failures:  # what sync could not do, or found taken away, is no row of a stage
        if line.startswith("sync: "):
            say(safe_cell(line))


def sync_result(result: SyncResult, mode: Mode) -> None:
    """What a sync did: commits received and sent, and what a killed sync had left, put right."""
    if mode == JSON:
        emit_json(result.as_dict())
        return
    for line in result.recovered:
        say(f"recovered\t{safe_cell(line)}")
    for name in result.vanished:
        say(f"vanished\t{safe_cell(name)}: a journal line about it is gone from the remote: held from promotion",
            err=True)
    tries = f" (after {result.attempts} tries)" if result.attempts > 1 else ""
    say(f"sync: {result.received} received, {result.sent} sent{tries}")


def sending(sent: Sending | None, mode: Mode, what: str) -> None:
    """Whether what a command committed reached the remote: one line (on stderr when it waits, or in JSON)."""
    if sent is None:
        return
    if sent.waits:
        say(f"waits: {what} is recorded here and counts here, but was not sent to {safe_cell(sent.upstream)} "
            f"({safe_cell(sent.waits)}); the next pipeline sync (or pipeline run --sync) sends it", err=True)
        return
    received = f", after taking {sent.received} commit(s) from it" if sent.received else ""
    say(f"sent: {what} is on {safe_cell(sent.upstream)}{received}", err=mode == JSON)


def hugo_messages(messages: Sequence[HugoMessage]) -> None:
    """Hugo's own warnings and errors, on stderr, as Hugo said them (with the article named)."""
    for message in messages:
        where = f"{message.file}:{message.line}: " if message.line else f"{message.file}: " if message.file else ""
        level = "ERROR" if message.severity == "error" else "WARN"
        say(f"hugo: {level} {safe_cell(where + message.text)}", err=True)


def problems(found: Sequence[Problem], mode: Mode) -> None:
    """Problems (pipeline.stages.validate.Problem) one a line, or a table on a terminal."""
    if not found:
        return
    if mode == PLAIN:
        for problem in found:
            say(safe_cell(problem.one_line()))
        return
    from pipeline import terminal

    # On a terminal too, the form editors click: file:line: severity [code] field: message.
    terminal.print_problems(found, [safe_cell(problem.one_line()) for problem in found])


def problem_lines(found: object) -> list[str]:
    """A file's problems as plain lines, as soon as the file is checked (validate, piped)."""
    return [safe_cell(problem.one_line()) for problem in cast("list[Problem]", found)]


def preview_results(result: BuildResult, mode: Mode) -> None:
    """The pages a Hugo build wrote, Hugo's messages, and what the cross-check found."""
    hugo_messages(result.messages)
    if mode == JSON:
        emit_json(result.as_dict())
        return
    rows = [("built", page.source, page.html) for page in result.pages]
    table("preview", ("status", "article", "page"), rows, mode, STATUS_STYLES, wrap=())  # paths: all whole
    problems(result.problems, mode)
    every = result.all_problems()
    errors = sum(1 for p in every if p.severity == "error")
    warnings = len(every) - errors
    if result.built:
        say(f"preview: {len(result.pages)} page(s) built in {result.out}, {errors} error(s), {warnings} warning(s)")
    else:
        say(f"preview: hugo failed (exit status {result.exit_code}); nothing built, {result.out} is unchanged")


# --- normalise and validate ----------------------------------------------------------------------

def normalise_row(outcome: NormaliseOutcome) -> tuple[str, str, str] | None:
    """A file normalise changed (or would change, or could not read); None for one left as it was."""
    if outcome.status == "unchanged":
        return None
    return (outcome.status, outcome.draft, ", ".join(outcome.changes) or outcome.reason)


def normalise_results(outcomes: Sequence[NormaliseOutcome], mode: Mode, streamed: bool = False) -> None:
    """Each file normalise changed (or would change, or could not read), then one summary line;
    `streamed`: those lines were printed as each file was done."""
    if mode == JSON:
        emit_json([o.as_dict() for o in outcomes])
        return
    rows = [row for row in map(normalise_row, outcomes) if row is not None]
    if mode == PLAIN:
        table("", (), [] if streamed else rows, PLAIN)
    elif rows:
        table("normalise", ("status", "file", "fields changed / reason"), rows, RICH,
              {**STATUS_STYLES, "would change": "cyan", "unreadable": "bold red", "skipped": "yellow"})
    say(f"normalise: {_counted([o.status for o in outcomes]) or 'no files'}")


def validate_results(result: ValidateResult, mode: Mode, streamed: int = 0) -> None:
    """Problems one a line (in colour on a terminal), then one summary line; JSON: the list of problems.
    The first `streamed` problems were printed as each file was checked."""
    if mode == JSON:
        emit_json([p.as_dict() for p in result.problems])
        return
    problems(result.problems[streamed:], mode)
    say(result.summary())
