"""The merge of a re-scraped update with a published article: what an editor set is never replaced."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model.article import Article, order_keys
from pipeline.model.config import Config
from pipeline.model.forms import published_form
from pipeline.stages.revisions import EDITOR_KEYS, merged_revision

CONFIG = Config()
INGESTED: dict[str, Any] = {
    "title": "Oude titel", "date": "2026-02-11T00:00:00+01:00", "tags": ["werk"], "summary": "Een samenvatting.",
    "doelgroep": "algemeen", "sectie": "economie", "draft": True, "lang": "nl", "date_precision": "month",
    "source": {"file": "raw/a.md", "sha256": "0" * 64},
}
FIELDS = ("title", "date", "tags", "summary", "doelgroep", "sectie", "cover", "eigen")
values = st.one_of(st.text(min_size=1, max_size=20), st.lists(st.text(min_size=1, max_size=8), max_size=3))


def article(meta: dict[str, Any], body: str = "Tekst.\n") -> Article:
    return Article(order_keys(meta), body)


@settings(max_examples=200, deadline=None)
@given(edits=st.dictionaries(st.sampled_from(FIELDS), values), changes=st.dictionaries(st.sampled_from(FIELDS), values),
       known=st.booleans())
def test_a_field_an_editor_set_is_never_replaced_by_the_update(edits: dict[str, Any], changes: dict[str, Any],
                                                               known: bool) -> None:
    ingested = article(INGESTED)
    published = published_form(article({**INGESTED, **edits, "date_precision": "day"}), CONFIG)[0]
    update = article({**INGESTED, **changes, "source": {"file": "raw/a.md", "sha256": "1" * 64}}, "Nieuwe tekst.\n")
    revision, kept = merged_revision(update, published, ingested if known else None, {"date_precision": "day"},
                                     CONFIG)
    for key, value in published.meta.items():
        if key == "draft":
            continue
        edited = key in edits and edits[key] != INGESTED.get(key)
        if edited or key in EDITOR_KEYS or not known:
            assert revision.meta.get(key) == value, key  # the editor's (or the live) value
        elif key in changes:
            assert revision.meta.get(key) == changes[key], key  # untouched since ingest: the update's
    assert revision.body == "Nieuwe tekst.\n" and revision.meta["draft"] is True
    assert revision.meta["source"]["sha256"] == "1" * 64  # where the text came from: the update
    assert revision.meta["date_precision"] == "day"  # the live date, as precise as it was published
    assert kept == sorted(kept) and all(key in published.meta or key in INGESTED for key in kept)


def test_a_summary_untouched_since_ingest_follows_the_source_and_an_edited_title_does_not() -> None:
    ingested = article(INGESTED)
    published = published_form(article({**INGESTED, "title": "Titel van de redactie"}), CONFIG)[0]
    update = article({**INGESTED, "title": "Nieuwe kop", "summary": "Nieuwe samenvatting."}, "Nieuw.\n")
    revision, kept = merged_revision(update, published, ingested, {}, CONFIG)
    assert revision.meta["title"] == "Titel van de redactie" and revision.meta["summary"] == "Nieuwe samenvatting."
    assert kept == ["title"] and "date_precision" not in revision.meta


# --- what a revision changes, as show prints it ---------------------------------------------------


def test_changed_lines_marks_whole_words_and_leaves_unchanged_lines_out() -> None:
    from pipeline.stages.revision_changes import changed_lines

    before = "title: Oud\n\nEen zin die blijft.\nVolgens haar verschuiven ideeën.\nWeg\nook weg\n"
    after = "title: Nieuw\n\nEen zin die blijft.\nVolgens haar verschuiven oude ideeën.\n"
    assert changed_lines(before, after) == ["title: [-Oud-]{+Nieuw+}", "Volgens haar verschuiven {+oude +}ideeën.",
                                            "[-Weg-]", "[-ook weg-]"]


@settings(max_examples=200, deadline=None)
@given(before=st.text(max_size=200), after=st.text(max_size=200))
def test_changed_lines_says_nothing_of_an_unchanged_text_and_marks_every_line_it_gives(before: str,
                                                                                     after: str) -> None:
    from pipeline.stages.revision_changes import changed_lines

    assert changed_lines(before, before) == []  # even a text that holds the marks itself
    assert changed_lines("a [-b-]\n", "a [-b-]\n") == []
    for line in changed_lines(before, after):
        assert any(mark in line for mark in ("[-", "-]", "{+", "+}"))
