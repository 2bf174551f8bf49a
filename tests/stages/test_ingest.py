"""Ingest of the example dump: the draft field by field, idempotence, the ingest record."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from pipeline.model.article import parse_article
from pipeline.model.config import DEFAULT_CONFIG
from pipeline.reading.draft import compose_body
from pipeline.stages.ingest import run_ingest
from pipeline.store.ingest_record import load_record
from pipeline.store.workspace import Workspace
from tests.conftest import EXAMPLE_DRAFT_NAME, EXAMPLE_RAW, FIXED_NOW

HEADINGS = ["Van academisch redacteur naar bakker", "Vluchten naar ‘AI-proof’ werk", "Aanpassen of afhaken",
            "Mens blijft nodig"]


def ingest(root: Path) -> list:  # type: ignore[type-arg]
    workspace = Workspace.open(root)
    return run_ingest(workspace, workspace.load_config())


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".pipeline" not in p.parts}


def test_example_dump_becomes_a_house_style_draft(workspace: Path) -> None:
    (outcome,) = ingest(workspace)
    assert outcome.status == "ingested"
    assert outcome.drafts == [f"drafts/{EXAMPLE_DRAFT_NAME}"]
    text = (workspace / "drafts" / EXAMPLE_DRAFT_NAME).read_text(encoding="utf-8")
    article = parse_article(text)
    assert list(article.meta) == ["title", "date", "tags", "summary", "doelgroep", "sectie", "cover", "draft",
                                  "lang", "source"]
    assert article.meta["title"] == "Kunstmatige intelligentie verandert de arbeidsmarkt razendsnel"
    assert article.meta["date"] == "2026-02-11T00:00:00+01:00"
    assert article.meta["sectie"] == "werk"
    assert article.meta["doelgroep"] == "BESLISSER"
    assert article.meta["lang"] == "nl"
    assert article.meta["draft"] is True
    assert article.meta["tags"] and set(article.meta["tags"]) <= {"banen", "omscholing", "arbeidsmarkt"}
    assert article.meta["summary"].startswith("Voor sommigen betekent dat efficiënter werken.")
    assert article.meta["title"] not in article.meta["summary"]
    assert article.meta["cover"] == {"image": "", "alt": "", "caption": ""}
    assert article.meta["source"] == {
        "file": f"raw/{EXAMPLE_RAW.name}",
        "sha256": hashlib.sha256(EXAMPLE_RAW.read_bytes()).hexdigest(),
        "ingested": FIXED_NOW,
    }
    # house style: quoted strings, plain date, flow-style tags
    assert '\ntitle: "Kunstmatige' in "\n" + text
    assert "\ndate: 2026-02-11T00:00:00+01:00\n" in text
    assert '\ntags: ["banen"' in text


def test_example_body_keeps_paragraphs_and_makes_four_headings(workspace: Path) -> None:
    ingest(workspace)
    body = parse_article((workspace / "drafts" / EXAMPLE_DRAFT_NAME).read_text(encoding="utf-8")).body
    assert not body.lstrip().startswith("date")
    assert "2026-02-11" not in body
    assert body.startswith("\nKunstmatige intelligentie verandert de arbeidsmarkt razendsnel. Voor sommigen")
    headings = [line[3:] for line in body.splitlines() if line.startswith("## ")]
    assert headings == HEADINGS
    assert "\n\nTot 2024.\n\n" in body
    assert "\n\n\n" not in body
    assert all(line == line.rstrip() for line in body.splitlines())
    assert body.endswith("om AI goed aan te sturen.\n")


def test_second_ingest_writes_nothing(workspace: Path) -> None:
    ingest(workspace)
    before = snapshot(workspace)
    mtimes = {p: p.stat().st_mtime_ns for p in (workspace / "drafts").iterdir()}
    (outcome,) = ingest(workspace)
    assert outcome.status == "skipped"
    assert snapshot(workspace) == before
    assert {p: p.stat().st_mtime_ns for p in (workspace / "drafts").iterdir()} == mtimes


def test_same_bytes_under_another_name_make_no_second_draft(workspace: Path) -> None:
    ingest(workspace)
    shutil.copy(EXAMPLE_RAW, workspace / "raw" / "copy-of-dump.txt")
    outcomes = {o.file: o for o in ingest(workspace)}
    assert outcomes["raw/copy-of-dump.txt"].status == "duplicate"
    assert len(list((workspace / "drafts").glob("*.md"))) == 1


def test_output_is_byte_identical_across_fresh_workspaces(tmp_path: Path, workspace: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(workspace, other)
    ingest(workspace)
    ingest(other)
    name = f"drafts/{EXAMPLE_DRAFT_NAME}"
    assert (workspace / name).read_bytes() == (other / name).read_bytes()


def test_record_survives_loss_and_is_rebuilt_from_drafts(workspace: Path) -> None:
    ingest(workspace)
    (workspace / ".pipeline" / "ingested.json").unlink()
    (workspace / ".pipeline" / "journal.jsonl").unlink()
    (outcome,) = ingest(workspace)
    assert outcome.status == "skipped"
    assert len(list((workspace / "drafts").glob("*.md"))) == 1


def test_record_is_rebuilt_from_the_journal_when_only_the_record_is_lost(workspace: Path) -> None:
    ingest(workspace)
    (workspace / ".pipeline" / "ingested.json").write_text("{not json")
    record = load_record(Workspace.open(workspace))
    assert any(entry["status"] == "ok" for entry in record.by_hash.values())


def test_bare_workspace_gets_its_folders_and_defaults(bare_workspace: Path) -> None:
    shutil.copy(EXAMPLE_RAW, bare_workspace / "raw" / "dump.txt")
    (outcome,) = ingest(bare_workspace)
    assert outcome.status == "ingested"
    for folder in ("drafts", "published", ".pipeline"):
        assert (bare_workspace / folder).is_dir()


def test_hidden_files_in_raw_are_not_ingested(bare_workspace: Path) -> None:
    (bare_workspace / "raw" / ".gitkeep").write_text("")
    assert ingest(bare_workspace) == []


def test_compose_body_keeps_one_line_sentences_as_paragraphs() -> None:
    body = compose_body("Eerste alinea.\n\nTot 2024.\n\nEen kopje\n\nLaatste alinea.", DEFAULT_CONFIG)
    assert body.markdown.startswith("Eerste alinea.\n\nTot 2024.\n\n")
    assert "Tot 2024." not in body.headings
    # "Een kopje" heads the last paragraph only if the line model takes it for a sub-heading, and is taken out
    # only if the model takes it for furniture: never silently (what is taken out is kept with its reason)
    removed = [line for line in body.page.removed if line.line == "Een kopje"]
    assert body.markdown.endswith("Een kopje\n\nLaatste alinea.\n") != bool(removed)
    assert all(line.reason.startswith("learnt: ") for line in removed)


def test_without_evidence_the_drafts_are_the_same_and_the_outcomes_lighter(tmp_path: Path) -> None:
    drafts = {}
    for keep in (True, False):
        root = tmp_path / str(keep)
        (root / "raw").mkdir(parents=True)
        shutil.copy2(EXAMPLE_RAW, root / "raw" / EXAMPLE_RAW.name)
        workspace = Workspace.open(root)
        (outcome,) = run_ingest(workspace, workspace.load_config(), keep_evidence=keep)
        assert bool(outcome.evidence) is keep and outcome.drafts == [f"drafts/{EXAMPLE_DRAFT_NAME}"]
        drafts[keep] = (root / outcome.drafts[0]).read_bytes()
    assert drafts[True] == drafts[False]


def test_a_title_repeated_after_a_markdown_heading_costs_no_heading(tmp_path: Path) -> None:
    story = "Werkgevers zoeken mensen die met AI kunnen werken en bieden omscholing aan. " * 30
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "stuk.md").write_text(
        '---\ntitle: "Banen verdwijnen door AI"\ndate: 2026-02-11\n---\n\n## Inleiding\n\n'
        f"Banen verdwijnen door AI\n\n{story}\n", encoding="utf-8")
    (tmp_path / "raw" / "kop.md").write_text(
        f'---\ntitle: "Banen verdwijnen door AI"\ndate: 2026-02-11\n---\n\nBanen verdwijnen door AI.\n\n{story}\n',
        encoding="utf-8")
    workspace = Workspace.open(tmp_path)
    outcomes = {o.file: o for o in run_ingest(workspace, workspace.load_config())}
    kept = parse_article((tmp_path / outcomes["raw/stuk.md"].drafts[0]).read_text(encoding="utf-8")).body
    assert "## Inleiding" in kept and "Banen verdwijnen door AI" in kept
    dropped = parse_article((tmp_path / outcomes["raw/kop.md"].drafts[0]).read_text(encoding="utf-8")).body
    assert dropped.strip().startswith("Werkgevers zoeken")  # the repeated headline, as the first block, goes


def _same_title_other_text() -> str:
    """Another article under the example's first line: the same date and title, the rest of the text
    different (the words of every longer line shuffled), so it is no update of the example."""
    from tests.conftest import another_article

    lines = another_article(1).splitlines()
    lines[0] = EXAMPLE_RAW.read_text(encoding="utf-8").splitlines()[0]
    return "\n".join(lines) + "\n"


def test_a_name_taken_in_published_gives_the_new_draft_the_next_free_name(workspace: Path) -> None:
    from tests.helpers import draft_text

    taken = workspace / "published" / EXAMPLE_DRAFT_NAME
    taken.write_text(draft_text(title="Een heel ander stuk", draft=False), encoding="utf-8")  # unrelated article
    before = taken.read_bytes()
    (outcome,) = ingest(workspace)
    second = EXAMPLE_DRAFT_NAME.removesuffix(".md") + "-2.md"
    assert outcome.status == "ingested", outcome
    assert outcome.drafts == [f"drafts/{second}"]
    assert sorted(p.name for p in (workspace / "drafts").iterdir()) == [second]
    assert taken.read_bytes() == before
    assert parse_article((workspace / "drafts" / second).read_text(encoding="utf-8")).meta["source"]["file"] == \
        f"raw/{EXAMPLE_RAW.name}"


def test_a_published_article_keeps_its_name_when_another_article_with_its_title_comes_in(workspace: Path) -> None:
    (first,) = ingest(workspace)
    assert first.drafts == [f"drafts/{EXAMPLE_DRAFT_NAME}"]
    published = workspace / "published" / EXAMPLE_DRAFT_NAME
    (workspace / "drafts" / EXAMPLE_DRAFT_NAME).rename(published)  # as if published since
    before = published.read_bytes()
    (workspace / "raw" / "2026-02-11-ander-stuk.txt").write_text(_same_title_other_text(), encoding="utf-8")
    outcomes = {o.file: o for o in ingest(workspace)}
    new = outcomes["raw/2026-02-11-ander-stuk.txt"]
    second = EXAMPLE_DRAFT_NAME.removesuffix(".md") + "-2.md"
    assert (new.status, new.drafts, new.updates) == ("ingested", [f"drafts/{second}"], {}), new
    assert sorted(p.name for p in (workspace / "drafts").iterdir()) == [second]
    assert published.read_bytes() == before
    article = parse_article((workspace / "drafts" / second).read_text(encoding="utf-8"))
    assert article.meta["title"] == "Kunstmatige intelligentie verandert de arbeidsmarkt razendsnel"
    assert article.meta["source"]["file"] == "raw/2026-02-11-ander-stuk.txt"


# --- files a download tool is still writing ------------------------------------------------------

STILL_DOWNLOADING = ["a.part", "b.partial", "c.tmp", "d.crdownload", "e.download", "f.txt~"]


def test_the_default_partial_download_names_are_never_read(workspace: Path) -> None:
    """Each default pattern of ingest.partial_names, as a download tool names its file: left alone."""
    for name in STILL_DOWNLOADING:
        shutil.copy2(EXAMPLE_RAW, workspace / "raw" / name)
    (workspace / "raw" / EXAMPLE_RAW.name).unlink()
    outcomes = ingest(workspace)
    assert outcomes == [] and not list((workspace / "drafts").glob("*.md"))
    assert DEFAULT_CONFIG.partial_names == ("*.part", "*.partial", "*.tmp", "*.crdownload", "*.download", "*~")
    shutil.copy2(EXAMPLE_RAW, workspace / "raw" / "af.txt")  # the finished file is read
    assert [outcome.file for outcome in ingest(workspace)] == ["raw/af.txt"]


@pytest.mark.parametrize("name", ["A.PART", "b.Partial", "C.TMP", "d.CrDownload", "e.DOWNLOAD"])
def test_a_partial_download_name_in_capitals_is_not_read_either(workspace: Path, name: str) -> None:
    (workspace / "raw" / EXAMPLE_RAW.name).rename(workspace / "raw" / name)
    assert ingest(workspace) == [] and not list((workspace / "drafts").glob("*.md"))


def test_the_ingest_entry_keeps_where_each_value_came_from_cut_to_a_size(workspace: Path) -> None:
    """The journal travels with the repository: a reviewer's clone reads the evidence there."""
    import json

    from pipeline.model.evidence import EVIDENCE_CHARS, journal_evidence

    workspace_ = Workspace.open(workspace)
    run_ingest(workspace_, workspace_.load_config(), keep_evidence=False)  # evidence no one prints: kept still
    lines = (workspace / ".pipeline" / "journal.jsonl").read_text(encoding="utf-8").splitlines()
    (ingested,) = [json.loads(line) for line in lines if '"ingested"' in line]
    evidence = ingested["evidence"]
    assert evidence["shape"] == "dump" and evidence["date"].startswith("iso date: line 1: header")
    assert "title" in evidence and all(isinstance(value, str) for value in evidence.values())
    long = journal_evidence({"removed": "x" * (EVIDENCE_CHARS * 3), "date": "kort"})
    assert long == {"removed": "x" * EVIDENCE_CHARS + " … (cut)", "date": "kort"}


def test_ingest_on_one_process_reads_the_model_file_once(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The model is checked before any draft; on one process the pages are read here, so the model read
    for the check is the one the pages are read with (parsing its file twice cost a run 0.3-0.5 s)."""
    from pipeline.reading import line_model

    reads: list[int] = []
    real = line_model._read_shipped

    def counting() -> line_model.LineModel:
        reads.append(1)
        return real()

    monkeypatch.setattr(line_model, "_read_shipped", counting)
    line_model.shipped.cache_clear()
    try:
        opened = Workspace.open(workspace)
        outcomes = run_ingest(opened, opened.load_config(), jobs=1)
        assert outcomes and line_model.shipped.cache_info().currsize == 1
        assert len(reads) == 1
    finally:
        line_model.shipped.cache_clear()
