"""One table-driven test over tests/samples/: every raw shape and every trap, with what it must give.

Each file in tests/samples/ is ingested on its own in a fresh workspace (with the samples'
pipeline.toml, the clock pinned and the file's mtime set to SCRAPED). tests/samples/expected/<name>/
holds the drafts it must produce, byte for byte (front matter and body), or a file FAILED with
the one-line reason it must fail with.

After a deliberate change, ``python -m tests.stages.test_ingest_shapes --write`` rewrites the expected
files; read every diff before committing it, the expected files are the specification.
"""

from __future__ import annotations

import os
import shutil
import sys
from datetime import datetime
from pathlib import Path

import pytest

from pipeline.stages.ingest import run_ingest
from pipeline.stages.ingest_write import IngestOutcome
from pipeline.store.workspace import Workspace
from tests.conftest import EXAMPLE_DRAFT_NAME, FIXED_NOW, REPO

SAMPLES = REPO / "tests" / "samples"
EXPECTED = SAMPLES / "expected"
SCRAPED = datetime.fromisoformat("2026-02-14T09:30:00+01:00")  # the mtime every sample gets
NOT_SAMPLES = {"pipeline.toml", "README.md"}
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.is_file() and p.name not in NOT_SAMPLES)


def ingest_sample(sample: Path, root: Path) -> tuple[IngestOutcome, Workspace]:
    (root / "raw").mkdir(parents=True)
    shutil.copyfile(SAMPLES / "pipeline.toml", root / "pipeline.toml")
    target = root / "raw" / sample.name
    shutil.copyfile(sample, target)
    os.utime(target, (SCRAPED.timestamp(), SCRAPED.timestamp()))
    workspace = Workspace.open(root)
    outcomes = run_ingest(workspace, workspace.load_config())
    assert len(outcomes) == 1, outcomes
    return outcomes[0], workspace


def produced_drafts(workspace: Workspace) -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in workspace.draft_files()}


def assert_canonical(text: str, name: str, workspace: Workspace) -> None:
    """A fresh draft reads back to the same bytes, and normalise has nothing left to change."""
    from pipeline.model.article import parse_article, render_article
    from pipeline.model.canonical import normalise_article

    article = parse_article(text, name)
    assert render_article(article) == text
    assert article.traps == ()
    assert normalise_article(article, workspace.load_config()).changes == []
    assert "\n\n\n" not in article.body and not [line for line in article.body.split("\n") if line != line.rstrip()]


def test_every_sample_has_an_expectation() -> None:
    assert len(SAMPLE_FILES) >= 40
    missing = [p.name for p in SAMPLE_FILES if not (EXPECTED / p.name).is_dir()]
    assert missing == []
    stale = sorted(p.name for p in EXPECTED.iterdir() if not (SAMPLES / p.name).is_file())
    assert stale == []


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
def test_sample(sample: Path, tmp_path: Path) -> None:
    outcome, workspace = ingest_sample(sample, tmp_path / "ws")
    expected_dir = EXPECTED / sample.name
    failed = expected_dir / "FAILED"
    if failed.exists():
        assert outcome.status == "failed"
        assert outcome.reason == failed.read_text(encoding="utf-8").strip()
        assert produced_drafts(workspace) == {}
    else:
        assert outcome.status == "ingested", outcome.reason
        expected = {p.name: p.read_text(encoding="utf-8") for p in sorted(expected_dir.glob("*.md"))}
        assert expected, f"no expected drafts in {expected_dir}"
        assert produced_drafts(workspace) == expected
        for name, text in expected.items():
            assert_canonical(text, name, workspace)
    # The raw file is where it was, byte for byte, whatever happened.
    assert (workspace.raw / sample.name).read_bytes() == sample.read_bytes()


def test_example_dump_still_gives_the_foundation_draft(workspace: Path) -> None:
    """The repository's own example, with its own pipeline.toml: the draft the foundation promised."""
    from pipeline.model.article import parse_article

    opened = Workspace.open(workspace)
    [outcome] = run_ingest(opened, opened.load_config())
    assert outcome.drafts == [f"drafts/{EXAMPLE_DRAFT_NAME}"]
    article = parse_article((workspace / "drafts" / EXAMPLE_DRAFT_NAME).read_text(encoding="utf-8"))
    assert article.meta["date"] == "2026-02-11T00:00:00+01:00"
    assert article.meta["sectie"] == "werk"
    assert article.meta["title"] == "Kunstmatige intelligentie verandert de arbeidsmarkt razendsnel"
    assert "date_precision" not in article.meta
    assert [line[3:] for line in article.body.split("\n") if line.startswith("## ")] == [
        "Van academisch redacteur naar bakker",
        "Vluchten naar ‘AI-proof’ werk",
        "Aanpassen of afhaken",
        "Mens blijft nodig",
    ]
    assert "\n\nTot 2024.\n\n" in article.body
    assert not article.body.lstrip().startswith("date")


def write_expectations() -> None:  # pragma: no cover - a maintenance tool, run by hand
    import tempfile

    os.environ["PIPELINE_NOW"] = FIXED_NOW
    shutil.rmtree(EXPECTED, ignore_errors=True)
    for sample in SAMPLE_FILES:
        with tempfile.TemporaryDirectory() as folder:
            outcome, workspace = ingest_sample(sample, Path(folder) / "ws")
            target = EXPECTED / sample.name
            target.mkdir(parents=True)
            if outcome.status == "failed":
                (target / "FAILED").write_text(outcome.reason + "\n", encoding="utf-8")
            for name, text in produced_drafts(workspace).items():
                (target / name).write_text(text, encoding="utf-8")
            print(f"{outcome.status}\t{sample.name}\t{', '.join(outcome.drafts) or outcome.reason}")


if __name__ == "__main__":  # pragma: no cover
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m tests.stages.test_ingest_shapes --write")
    write_expectations()
