"""--jobs changes how fast, never what: the same workspace worked on one process and on two gives the
same bytes in drafts/ and published/ and the same output. `ingest` and `run` take --jobs (and `validate`,
tests/stages/test_validate_cache.py); `normalise` and `promote` do not, and `run` normalises and promotes."""

from __future__ import annotations

import shutil
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
