"""A page the page kind model nearly judged no article: read as an article, its draft says
``page_kind: "maybe-not-article"``, validate warns, `ingest --explain` says why; the band is the model
file's ``doubt`` (at most its threshold), and a file without one has no band."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.reading import page_kind
from pipeline.reading.line_model import LineModelError
from tests.reading.test_page_kind import ARTICLE, draft_of


def model_of(share: float, threshold: float = 0.5, doubt: object = None) -> page_kind.PageKindModel:
    """A model whose every page gets ``share`` of its votes for "no article"."""
    data = {"format": page_kind.FORMAT, "features": list(page_kind.KIND_FEATURES), "threshold": threshold,
            "trained_on": f"gives every page {share}", "words": {},
            "trees": [{"feature": [-1], "threshold": [0], "left": [-1], "right": [-1],
                       "value": [{"0": 1.0 - share, "1": share}]}]}
    if doubt is not None:
        data["doubt"] = doubt
    return page_kind.from_data(json.loads(json.dumps(data)))


@pytest.mark.parametrize(("share", "marked", "doubtful"), [
    (0.6, True, False), (0.5, True, False), (0.4, False, True), (0.3, False, True), (0.2, False, False),
])
def test_the_band_between_doubt_and_threshold_is_in_doubt(share: float, marked: bool, doubtful: bool) -> None:
    with page_kind.using(model_of(share, 0.5, 0.3)):
        verdict = page_kind.judge([0.0] * len(page_kind.KIND_FEATURES))
    assert (verdict.not_article, verdict.doubtful) == (marked, doubtful)


def test_a_file_without_a_doubt_puts_no_page_in_doubt() -> None:
    model = model_of(0.45, 0.5)
    assert model.doubt == model.threshold
    with page_kind.using(model):
        verdict = page_kind.judge([0.0] * len(page_kind.KIND_FEATURES))
    assert not verdict.not_article and not verdict.doubtful


@pytest.mark.parametrize("doubt", [0.6, 0, -0.1, "nan", "many", [0.3], 1e400])
def test_a_damaged_doubt_is_one_clear_error(doubt: object) -> None:
    with pytest.raises(LineModelError, match="not a usable page kind model"):
        model_of(0.4, 0.5, doubt)


def test_the_draft_in_doubt_says_so_and_keeps_its_date_and_explain_says_why() -> None:
    with page_kind.using(model_of(0.4, 0.5, 0.3)):
        meta, evidence = draft_of(ARTICLE)
    assert meta["page_kind"] == "maybe-not-article"
    assert str(meta["date"]).startswith("2024-03-12")  # read as an article: its date stands
    assert evidence["page kind"].startswith("an article, in doubt: 0.40 of the page kind model's votes")
    assert "in doubt from 0.30" in evidence["page kind"]


def test_below_the_doubt_the_draft_carries_no_page_kind() -> None:
    with page_kind.using(model_of(0.2, 0.5, 0.3)):
        meta, evidence = draft_of(ARTICLE)
    assert "page_kind" not in meta and "page kind" not in evidence


def test_a_story_s_address_settles_the_doubt() -> None:
    model = model_of(0.4, 0.5, 0.3)
    row = [0.0] * len(page_kind.KIND_FEATURES)
    with page_kind.using(model):
        story = page_kind.judge(row, "https://example.org/nieuws/nieuwe-speeltuin-in-het-duinpark-geopend")
        index = page_kind.judge(row, "https://example.org/tag/speeltuinen/")
        bare = page_kind.judge(row, "https://example.org/")
    assert not story.doubtful and not story.not_article and "a story's" in story.explained()
    assert index.doubtful and not index.not_article  # 0.4: under what an index's address marks from (0.5)
    assert bare.doubtful


def test_ingest_writes_the_doubt_and_validate_warns_without_failing(tmp_path: Path) -> None:
    from tests.helpers import cli

    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "speeltuin.txt").write_text(ARTICLE, encoding="utf-8")
    with page_kind.using(model_of(0.4, 0.5, 0.3)):
        result = cli(tmp_path, "ingest", "--explain")
    assert result.exit_code in (0, 1), result.stderr
    assert "an article, in doubt: " in result.stdout
    text = next((tmp_path / "drafts").glob("*.md")).read_text(encoding="utf-8")
    assert 'page_kind: "maybe-not-article"' in text
    checked = cli(tmp_path, "validate", "--json")
    found = [(p["field"], p["code"], p["severity"]) for p in json.loads(checked.stdout)]
    assert ("page_kind", "maybe-not-article", "warning") in found
    assert not any(code in ("not-article", "not-allowed") for _field, code, _severity in found)
