"""A page's address, when its source gives one (a feed's or a header's URL field), is evidence of its kind: at an
index's address (a tag, category or author page, a page number, a date's archive) a page the page kind model leans
toward "no article" is marked below the model's own threshold; at a story's address (a slug of six words or more)
the model's mark is undone. Made-up addresses and pages only."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

import pytest

from pipeline.model.config import config_from_mapping
from pipeline.reading import page_address, page_kind
from pipeline.reading.draft import SourceInfo, drafts_from_bytes
from pipeline.reading.page_address import ADDRESS_SHARE, STORY_SLUG_WORDS, index_shape, slug_words

SCRAPED = datetime(2024, 4, 1, tzinfo=UTC)
CONFIG = config_from_mapping({})


@pytest.mark.parametrize(("address", "shape"), [
    ("https://example.org/tag/speeltuinen/", "a tag, category or author page"),
    ("https://example.org/nieuws/tags/riolering", "a tag, category or author page"),
    ("https://example.org/category/gemeente/page/3/", "a tag, category or author page"),
    ("https://example.org/author/redactie/", "a tag, category or author page"),
    ("https://example.org/taxonomy/term/17?page=2", "a tag, category or author page"),
    ("https://example.org/nieuws/page/12/", "a page number"),
    ("https://example.org/actueel/pagina/2/", "a page number"),
    ("https://example.org/nieuws?page=4", "a page number"),
    ("https://example.org/index.php?option=blog&start=40", "a page number"),
    ("https://example.org/2024/03/", "a date's archive"),
    ("https://example.org/2024/03/12/", "a date's archive"),
    ("https://example.org/blog/2019", "a date's archive"),
    ("HTTPS://EXAMPLE.ORG/TAG/Speeltuinen/", "a tag, category or author page"),
])
def test_an_index_address_has_its_shape(address: str, shape: str) -> None:
    assert index_shape(address) == shape


@pytest.mark.parametrize("address", [
    "https://example.org/nieuws/2024/03/12/nieuwe-speeltuin-geopend",  # a story under its date
    "https://example.org/nieuws/nieuwe-speeltuin-in-het-duinpark-geopend",
    "https://example.org/tagline/",  # "tag" only inside a longer word
    "https://example.org/projects/1234/",  # four digits, no year
    "https://example.org/2024/03/12/2667/",  # a story's number under its date
    "https://example.org/?p=2996",  # a story's number, not a page's
    "https://example.org/",
    "",
    "geen adres",
    "http://[::1",  # urlsplit cannot read it
])
def test_other_addresses_have_no_index_shape(address: str) -> None:
    assert index_shape(address) is None


@pytest.mark.parametrize(("address", "words"), [
    ("https://example.org/nieuws/nieuwe-speeltuin-in-het-duinpark-geopend", 6),
    ("https://example.org/nieuws/nieuwe-speeltuin-in-het-duinpark-geopend/", 6),
    ("https://example.org/artikel/raad-stemt-in-met-sporthal.html", 5),
    ("https://example.org/agenda/genootschap-a-w-k-de-vries-van-dam/", 5),  # initials are no words
    ("https://example.org/nieuws/zo-kom-je-verder-in-je-carri%C3%A8re", 7),  # read unquoted
    ("https://example.org/nieuws/12345", 0),
    ("https://example.org/", 0),
    ("", 0),
])
def test_a_slug_counts_its_words(address: str, words: int) -> None:
    assert slug_words(address) == words


HOSTILE_ADDRESSES = {
    "tags": "https://example.org" + "/tag" * 25_000,
    "pages": "https://example.org/?" + "page=1&" * 15_000,
    "dashes": "https://example.org/" + "a-" * 50_000,
    "digits": "https://example.org/" + "2024/" * 20_000,
    "control characters": "https://example.org/" + "\x00\x1f\x7f/" * 25_000,
    "brackets": "http://[" + ":" * 100_000,
    "percent signs": "https://example.org/" + "%" * 100_000,
}


@pytest.mark.parametrize("case", sorted(HOSTILE_ADDRESSES))
def test_a_hostile_address_is_read_up_to_its_first_two_thousand_characters(case: str) -> None:
    address = HOSTILE_ADDRESSES[case]
    assert len(address) >= 100_000
    assert index_shape(address) == index_shape(address[:2_000])
    assert slug_words(address) == slug_words(address[:2_000])
    started = time.process_time()  # the processor's time, not the wall clock's: each case is bounded by its cut
    for _ in range(10):
        index_shape(address)
        slug_words(address)
    assert time.process_time() - started < 1.0, case


def _leaning(share: float) -> page_kind.PageKindModel:
    """A page kind model whose one tree gives every page ``share`` of its votes for "no article", marking from
    the shipped model's threshold."""
    return page_kind.from_data({"format": page_kind.FORMAT, "features": list(page_kind.KIND_FEATURES),
                                "threshold": page_kind.shipped().threshold, "trained_on": f"gives {share}",
                                "words": {}, "trees": [{"feature": [-1], "threshold": [0], "left": [-1],
                                                        "right": [-1], "value": [{"0": 1 - share, "1": share}]}]})


_TEXT = ("Nieuwe speeltuin in het Duinpark geopend\n\n12 maart 2024\n\nDe nieuwe speeltuin aan de rand van het "
         "Duinpark is dinsdag geopend door wethouder De Vries. Kinderen uit de buurt mochten als eersten de "
         "klimtoren uitproberen.\n\nDe speeltuin is elke dag open van acht uur tot zonsondergang.\n")


def draft_at(address: str | None, explain: bool = False) -> tuple[dict[str, object], dict[str, str]]:
    """The draft of a JSON item holding ``_TEXT`` and, unless None, ``address`` as its URL."""
    item = {"text": _TEXT, **({"url": address} if address is not None else {})}
    source = SourceInfo("raw/item.json", "0" * 64, SCRAPED, SCRAPED)
    draft = drafts_from_bytes(json.dumps(item).encode("utf-8"), source, CONFIG, explain=explain)[0]
    return draft.article.meta, draft.evidence


def test_at_an_index_address_a_page_the_model_leans_on_is_marked_and_takes_no_items_date() -> None:
    with page_kind.using(_leaning(ADDRESS_SHARE + 0.05)):
        meta, evidence = draft_at("https://example.org/tag/speeltuinen/page/2/")
    assert meta.get("page_kind") == "not-article"
    assert "date" not in meta  # the first teaser's day is no date of an index
    assert evidence["page kind"].startswith("not an article: its address is a tag, category or author page, ")


@pytest.mark.parametrize("address", [None, "", "https://example.org/nieuws/speeltuin-geopend"])
def test_without_an_index_address_the_same_page_is_an_article(address: str | None) -> None:
    with page_kind.using(_leaning(ADDRESS_SHARE + 0.05)):
        meta, _ = draft_at(address)
    assert "page_kind" not in meta
    assert str(meta["date"]).startswith("2024-03-12")


def test_at_an_index_address_a_page_the_model_hardly_leans_on_is_not_marked() -> None:
    with page_kind.using(_leaning(ADDRESS_SHARE - 0.05)):
        meta, _ = draft_at("https://example.org/tag/speeltuinen/")
    assert "page_kind" not in meta


def test_at_a_storys_address_the_models_mark_is_undone_and_explain_says_why() -> None:
    story = "https://example.org/nieuws/nieuwe-speeltuin-in-het-duinpark-geopend"
    assert slug_words(story) >= STORY_SLUG_WORDS
    with page_kind.using(_leaning(0.99)):
        marked, _ = draft_at("https://example.org/nieuws/speeltuin")
        meta, evidence = draft_at(story, explain=True)
    assert marked.get("page_kind") == "not-article"
    assert "page_kind" not in meta
    assert str(meta["date"]).startswith("2024-03-12")
    assert evidence["page kind"].startswith("an article: its address is a story's (its last part a slug of 6 words)")


def test_a_storys_slug_under_an_index_shape_leaves_the_mark() -> None:
    with page_kind.using(_leaning(0.99)):
        meta, _ = draft_at("https://example.org/category/nieuwe-speeltuin-in-het-duinpark-geopend/")
    assert meta.get("page_kind") == "not-article"


def test_the_address_turns_only_the_verdict_of_the_model_it_is_given() -> None:
    verdict = page_kind.judge(page_kind.kind_features(_TEXT))
    assert page_address.judged_with_address(verdict, "") is verdict
    assert page_address.judged_with_address(verdict, "https://example.org/nieuws/speeltuin") is verdict
