"""Commands about one article or the drafts' words: show, history, vocabulary suggest, cover."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated, Any

import typer

from pipeline import output, report
from pipeline.cli.app import app
from pipeline.frame import (
    ByOption,
    JsonOption,
    articles_named,
    command,
    complete_articles,
    complete_drafts,
    exit_failed_if,
    fail,
    naming,
    sent,
    targets,
)
from pipeline.model.errors import EXIT_USAGE


@app.command()
def show(
    ctx: typer.Context,
    article: Annotated[str, naming("One article in drafts/ or published/", complete_articles)],
    as_json: JsonOption = False,
) -> None:
    """One article whole: its state, each field with its problems and where its value came from, the
    lines ingest took out, what changed, and its history."""
    from pipeline.desk.article import article_view, unrendered, view_document
    from pipeline.store.journal import about, article_name

    with command(ctx) as current:
        (target,) = articles_named(current, [article])
        entries, _ = current.workspace.read_journal()
        view = article_view(current.workspace, current.config, target, current.now(),
                            about(entries, article_name(target.rel)), unrendered())
        shown = view_document(view)
        revision = _revision_shown(current, target, about(entries, article_name(target.rel)))
    if revision:
        shown["revision"] = revision
    report.article_view(shown, output.choose_mode(as_json))
    exit_failed_if(bool(view.read_error))


def _revision_shown(current: Any, target: Any, history: list[dict[str, Any]]) -> dict[str, Any]:
    """The revision waiting beside a published article: its state, and the lines it changes, word by word."""
    from pipeline.stages.assess import assess_draft
    from pipeline.stages.revision_changes import changed_lines, revision_texts

    texts = revision_texts(current.workspace, current.config, target.path) if target.path is not None else None
    if texts is None:
        return {}
    rel, text, live, revised = texts
    state = assess_draft(rel, text, history, current.config, current.now())
    return {"revision": rel, "state": str(state.state), "blocks": state.blocks,
            "changes": changed_lines(live, revised) if revised else []}


vocabulary_app = typer.Typer(help="The workspace's vocabulary of tags and sections.", no_args_is_help=True)
app.add_typer(vocabulary_app, name="vocabulary")


@vocabulary_app.command("suggest")
def vocabulary_suggest(
    ctx: typer.Context,
    least: Annotated[int, typer.Option("--least", min=1, help="Suggest what at least this many drafts have.")] = 2,
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000, help="How many suggestions at most.")] = 30,
    as_json: JsonOption = False,
) -> None:
    """Frequent tags and words of the drafts that the vocabulary ([tags], [sections]) does not have yet."""
    from pipeline.stages.vocabulary import suggest_terms
    from pipeline.store.paths import read_text_or_none

    with command(ctx) as current:
        workspace = current.workspace
        texts = ((workspace.rel(path), read_text_or_none(path) or "") for path in workspace.draft_files())
        suggestions = suggest_terms(texts, current.config, least, limit)
    report.vocabulary_suggestions(suggestions, output.choose_mode(as_json))


@app.command()
def cover(
    ctx: typer.Context,
    article: Annotated[str, naming("One draft", complete_drafts)],
    pick: Annotated[int | None, typer.Option("--pick", min=1, help="Write the N-th suggestion into the draft's "
                                             "cover (image, alt text, caption with credit).", show_default=False)]
    = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=100, help="How many suggestions to list.")] = 5,
    as_json: JsonOption = False,
    by: ByOption = None,
) -> None:
    """Covers for a draft from the photo library ([covers] library): its images whose IPTC/XMP metadata
    best matches the draft's tags, title and text; --pick N writes one into the draft."""
    from pipeline.stages.covers import pick_cover, suggest_covers
    from pipeline.store.photos import read_library

    with command(ctx, writes=pick is not None) as current:
        if not current.config.cover_library:
            fail("no photo library: set [covers] library (and url) in pipeline.toml", EXIT_USAGE)
        (target,) = targets(current, [article], "drafts")
        assert target.path is not None
        with current.recorded("cover", None) if pick is not None else contextlib.nullcontext() as recorded:
            text = current.workspace.read_bytes(target.path).decode("utf-8", "replace")
            library = read_library(current.workspace, current.config.cover_library)
            matches = suggest_covers(text, target.rel, library, max(limit, pick or 0))
            if pick is not None:
                if pick > len(matches):
                    fail(f"--pick {pick}: there are {len(matches)} suggestions for {target.rel}", EXIT_USAGE)
                pick_cover(current.workspace, current.config, target.path, text, matches[pick - 1], current.now(),
                           current.reviewer(by))
    report.cover_matches(target.rel, matches[:limit] if pick is None else matches, library.skipped,
                         output.choose_mode(as_json), pick)
    sent(recorded, as_json)


@app.command()
def history(
    ctx: typer.Context,
    article: Annotated[str | None, naming("One article in drafts/ or published/", complete_articles,
                                          "; or the name of one that is gone (default: the whole journal)")] = None,
    as_json: JsonOption = False,
) -> None:
    """The journal of decisions and moves, for every article or for one across its names."""
    from pipeline.store.journal import FOLDERS, about, article_name, history_rows
    from pipeline.store.targets import resolve_article, unusable_name

    if article is not None and unusable_name(article):
        fail(unusable_name(article), EXIT_USAGE)
    with command(ctx) as current:
        current.config  # noqa: B018 - read for what it checks: a bad setting stops every command
        entries, _ = current.workspace.read_journal()
        found = resolve_article(current.workspace, article, Path.cwd()) if article is not None else None
        if found is not None and found.candidates:
            fail(found.error, EXIT_USAGE)
        rel = current.workspace.rel(Path(article).absolute()) if article is not None else ""
    if article is not None:
        if found is not None and found.path is not None:
            rel = found.rel  # an article that is there now: its name across drafts/ and published/
        name = article_name(rel if rel.startswith(FOLDERS) else article)
        entries = about(entries, name)
        if not entries:
            output.warn(f"no journal entries for {article}")
    report.history(history_rows(entries), entries, output.choose_mode(as_json))
