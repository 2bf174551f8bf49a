"""No sentence of an article is lost: a page whose only text is its headline is a draft with that title, not a
refusal; the exact rules keep lines of the article that only look like furniture."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.model.config import DEFAULT_CONFIG
from pipeline.reading.draft import SourceInfo, drafts_from_bytes
from pipeline.reading.items import SourceError
from pipeline.stages.body_rules import check_body

SCRAPED = datetime(2026, 1, 1, tzinfo=UTC)
SOURCE = SourceInfo("raw/pagina.txt", "0" * 64, SCRAPED, SCRAPED)
HEADLINES = [
    "Gemeente Dorpsveen stopt met gratis parkeren in het centrum",
    "Vreugde en verdriet na het besluit over het vliegveld: ‘Nu moeten we samen verder’",
    "Brandweer redt kat uit boom aan de Molenweg",
]


def teaser(headline: str, caption: str = "Het plein bij het gemeentehuis. Foto: Jan de Vries",
           author: str = "Pieter Jansen") -> bytes:
    """A paywalled page as a scraper keeps it: the paywall's line, the headline, the photo's caption, the author."""
    return f"Dit artikel is voor abonnees\n\n{headline}\n\n{caption}\n\n{author}\n".encode()


@pytest.mark.parametrize("headline", HEADLINES)
def test_a_page_whose_only_text_is_its_headline_is_a_draft_with_that_title(headline: str) -> None:
    draft = drafts_from_bytes(teaser(headline), SOURCE, DEFAULT_CONFIG)[0]
    assert draft.article.meta["title"] == headline
    assert draft.article.body.strip() == ""
    # validate tells the editor the text is missing: the draft is not taken for an article by mistake
    codes = [problem.code for problem in check_body(draft.article, DEFAULT_CONFIG, 1, None)]
    assert codes == ["body-empty"]


@given(st.sampled_from(HEADLINES), st.sampled_from(["Jan de Vries", "Anna Bakker", "Kees van Dam"]),
       st.sampled_from(["Foto", "Beeld", "©"]))
def test_a_headline_over_only_furniture_is_never_lost(headline: str, name: str, credit: str) -> None:
    caption = f"De wethouder bij het raadhuis. {credit}: {name}" if credit != "©" else f"De wethouder. © {name}"
    draft = drafts_from_bytes(teaser(headline, caption, name), SOURCE, DEFAULT_CONFIG)[0]
    assert draft.article.meta["title"] == headline


@pytest.mark.parametrize("page", [b"Advertentie\nDeel dit artikel\n", b"date 2026-02-11\n\n"])
def test_a_page_with_neither_headline_nor_text_is_still_refused(page: bytes) -> None:
    with pytest.raises(SourceError, match="has no text left after cleaning"):
        drafts_from_bytes(page, SOURCE, DEFAULT_CONFIG)


def test_ingest_writes_the_headline_only_page_as_a_draft_that_validate_holds_back(bare_workspace: Path) -> None:
    from tests.helpers import cli

    (bare_workspace / "raw" / "teaser.txt").write_bytes(teaser(HEADLINES[0]))
    ingested = cli(bare_workspace, "ingest")
    assert ingested.exit_code == 0, ingested.output
    drafts = list((bare_workspace / "drafts").glob("*.md"))
    assert len(drafts) == 1 and HEADLINES[0] in drafts[0].read_text(encoding="utf-8")
    checked = cli(bare_workspace, "validate")
    assert checked.exit_code == 1 and "[body-empty]" in checked.stdout
