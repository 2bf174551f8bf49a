"""--jobs changes how fast, never what: the same workspace worked on one process and on two gives the
same bytes in drafts/ and published/ and the same output. `ingest` and `run` take --jobs (and `validate`,
tests/stages/test_validate_cache.py); `normalise` and `promote` do not, and `run` normalises and promotes."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import pipeline.store.parallel
from tests.conftest import another_article, settle_raw
from tests.helpers import approve_in_process, cli, draft_text, make_draft

RAW_ARTICLES = 12


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for folder in ("drafts", "published")
            for p in sorted((root / folder).rglob("*")) if p.is_file()}


def _newsroom(root: Path) -> Path:
    """Raw articles to ingest, drafts to normalise, approved drafts to promote."""
    (root / "raw").mkdir(parents=True)
    (root / "pipeline.toml").write_text("", encoding="utf-8")
    for number in range(RAW_ARTICLES):
        (root / "raw" / f"bericht-{number:02d}.txt").write_text(another_article(number), encoding="utf-8")
    for number in range(4):
        make_draft(root, f"klaar-{number}", draft_text(title=f"Klaar om te publiceren {number}"))
        approve_in_process(root, f"klaar-{number}")
    for number in range(3):  # out of canonical form: keys out of order, a tag in capitals, trailing spaces
        lines = draft_text(title=f"Nog niet netjes {number}").split("\n")
        lines.insert(1, lines.pop(lines.index('doelgroep: "BESLISSER"')))
        text = "\n".join(lines).replace('tags: ["banen"', 'tags: ["Banen"', 1) + "   \n"
        make_draft(root, f"rommelig-{number}", text)
    settle_raw(root)
    return root


@pytest.mark.parametrize("command", [("run",), ("ingest",)])
def test_one_process_and_two_give_the_same_bytes_and_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              command: tuple[str, ...]) -> None:
    monkeypatch.setattr(pipeline.store.parallel, "MIN_ITEMS_FOR_POOL", 2)  # the pool, on a dozen files
    template = _newsroom(tmp_path / "template")
    results = {}
    for jobs in ("1", "2"):
        root = tmp_path / f"jobs-{jobs}"
        shutil.copytree(template, root)  # keeps the files' times
        result = cli(root, *command, "--jobs", jobs)
        results[jobs] = (result.exit_code, result.stdout, result.stderr, _files(root))
    one, two = results["1"], results["2"]
    assert one[0] == 0, one[1] + one[2]
    assert one[:3] == two[:3]
    assert one[3] == two[3]
    made = [name for name in one[3] if name.startswith("drafts/") and name[len("drafts/"):][:4].isdigit()]
    assert len(made) == RAW_ARTICLES  # the work was there to be done
    if command == ("run",):
        assert sorted(name for name in one[3] if name.startswith("published/")) == \
            [f"published/klaar-{number}.md" for number in range(4)]
        assert "normalise: 3 changed" in one[1], one[1]


@contextlib.contextmanager
def _model_reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Each reading of a model file in this process while the block runs ("line", "kind"), with the models'
    caches empty before and after."""
    from pipeline.reading import line_model, page_kind

    reads: list[str] = []
    read_line_model, read_kind_model = line_model._read_shipped, page_kind.shipped_text
    monkeypatch.setattr(line_model, "_read_shipped", lambda: reads.append("line") or read_line_model())
    monkeypatch.setattr(page_kind, "shipped_text", lambda name: reads.append("kind") or read_kind_model(name))
    line_model.shipped.cache_clear()
    page_kind.shipped.cache_clear()
    try:
        yield reads
    finally:
        line_model.shipped.cache_clear()
        page_kind.shipped.cache_clear()


def test_ingest_on_workers_reads_the_models_in_a_worker_and_never_in_its_own_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers are forked from the ingest process, so every page it holds counts in each worker's
    resident memory: it never reads the reader's models (about 40 MB resident) when workers read the pages."""
    from pipeline.reading import line_model, page_kind

    monkeypatch.setattr(pipeline.store.parallel, "MIN_ITEMS_FOR_POOL", 2)
    root = _newsroom(tmp_path / "newsroom")
    with _model_reads(monkeypatch) as reads:
        result = cli(root, "ingest", "--jobs", "2")
        in_this_process = (line_model.shipped.cache_info().currsize, page_kind.shipped.cache_info().currsize)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert len(list((root / "drafts").glob("[0-9]*.md"))) == RAW_ARTICLES  # the workers read every page
    assert reads == [] and in_this_process == (0, 0)


def test_ingest_on_one_process_reads_each_model_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _newsroom(tmp_path / "newsroom")
    with _model_reads(monkeypatch) as reads:
        result = cli(root, "ingest", "--jobs", "1")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert sorted(reads) == ["kind", "line"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_damaged_model_stops_ingest_with_one_line_before_any_draft_on_any_number_of_processes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str) -> None:
    from pipeline.reading import line_model, page_kind

    monkeypatch.setattr(pipeline.store.parallel, "MIN_ITEMS_FOR_POOL", 2)
    root = _newsroom(tmp_path / "newsroom")
    for damaged, module in (("line_model.json: not JSON", line_model), ("page_kind.json: not JSON", page_kind)):
        line_model.shipped.cache_clear()
        page_kind.shipped.cache_clear()
        with monkeypatch.context() as patch:
            patch.setattr(module, "shipped_text", lambda name: '{"format": 1, "trees": ')
            try:
                result = cli(root, "ingest", "--jobs", jobs)
            finally:
                line_model.shipped.cache_clear()
                page_kind.shipped.cache_clear()
        assert result.exit_code == 2, result.stdout + result.stderr
        assert damaged in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert not list((root / "drafts").glob("[0-9]*.md"))


def test_the_workers_are_forked_before_ingest_holds_the_listing_of_raw(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A forked worker's resident memory starts at its parent's: the workers are started before the listing
    of raw/ (a raw file's entry each: 5.6 MB at ten thousand files) is held, and ingest's outcome is the same."""
    import gc

    import pipeline.stages.ingest
    from pipeline.store.paths import RawFile

    monkeypatch.setattr(pipeline.store.parallel, "MIN_ITEMS_FOR_POOL", 2)
    monkeypatch.setattr(pipeline.stages.ingest, "BATCH_SIZE", 2)  # the first batch forks them, with ten files to go
    held_at_fork: list[int] = []
    started = pipeline.store.parallel.OrderedPool._started

    def counting(pool: pipeline.store.parallel.OrderedPool) -> object:
        if pool._executor is None:
            gc.collect()
            held_at_fork.append(sum(isinstance(thing, RawFile) for thing in gc.get_objects()))
        return started(pool)

    monkeypatch.setattr(pipeline.store.parallel.OrderedPool, "_started", counting)
    template = _newsroom(tmp_path / "template")
    outputs = {}
    for jobs in ("1", "2"):
        root = tmp_path / f"jobs-{jobs}"
        shutil.copytree(template, root)  # keeps the files' times
        result = cli(root, "ingest", "--jobs", jobs)
        outputs[jobs] = (result.exit_code, result.stdout, _files(root))
    assert held_at_fork == [0]
    assert outputs["1"] == outputs["2"]
