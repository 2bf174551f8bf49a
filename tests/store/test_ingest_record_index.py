"""The ingest record's index of articles by address, source file and text band."""

from __future__ import annotations

import gc
import tracemalloc

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.store.ingest_record import IngestRecord


def _record(articles: dict[str, dict[str, object]]) -> IngestRecord:
    return IngestRecord(articles={name: dict(line) for name, line in articles.items()})


def test_articles_sharing_a_band_are_all_candidates_latest_first() -> None:
    record = _record({"drafts/a.md": {"file": "raw/a.txt", "item": None, "bands": ["0:1", "1:2"]},
                      "drafts/b.md": {"file": "raw/b.txt", "item": None, "bands": ["1:2", "2:3"], "url": "https://x/b"}})
    record.learn("drafts/c.md", ["2:3", "3:4"])
    assert record.earlier_articles("raw/new.txt", None, "", ["1:2"]) == ([], ["drafts/b.md", "drafts/a.md"])
    assert record.earlier_articles("raw/new.txt", None, "", ["2:3", "0:1"]) == ([], ["drafts/a.md", "drafts/c.md",
                                                                                      "drafts/b.md"])
    assert record.earlier_articles("raw/b.txt", None, "https://x/b", ["2:3"]) == (["drafts/b.md"], ["drafts/c.md"])
    record.learn("drafts/a.md", ["0:1", "1:2"])  # learnt again: still one candidate, not two
    assert record.earlier_articles("raw/new.txt", None, "", ["0:1"]) == ([], ["drafts/a.md"])


@given(st.lists(st.tuples(st.sampled_from("abcdef"), st.lists(st.sampled_from(["0:1", "1:2", "2:3", "3:4"]),
                                                             max_size=3)), max_size=12))
@settings(max_examples=200, deadline=None)
def test_a_band_finds_every_article_that_has_it(learnt: list[tuple[str, list[str]]]) -> None:
    record = IngestRecord()
    record.earlier_articles("", None, "", [])  # the index built first, then kept in step
    for name, bands in learnt:
        record.learn(f"drafts/{name}.md", bands)
    for band in ("0:1", "1:2", "2:3", "3:4"):
        having = {name for name, line in record.articles.items() if band in line["bands"]}
        _sure, maybe = record.earlier_articles("", None, "", [band])
        assert having <= set(maybe)  # a band an article had before it was learnt again may still name it
        assert len(maybe) == len(set(maybe))


def test_the_index_of_ten_thousand_bands_holds_no_list_for_a_band_of_one_article() -> None:
    """Nearly every band is one article's: the index holds that article, not a list of one (which was
    most of the index's memory: a kilobyte an article, ten megabytes at ten thousand files)."""
    articles = {f"drafts/article-{number:05d}.md": {"file": f"raw/file-{number:05d}.txt", "item": None,
                                                    "bands": [f"{band}:{number:08x}" for band in range(8)]}
                for number in range(2000)}
    record = _record(articles)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        record.earlier_articles("raw/new.txt", None, "", [])
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert (after - before) / len(articles) < 700
