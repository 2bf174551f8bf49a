"""The diff a reviewer reads: front matter field by field, the body by paragraph, a changed paragraph by
whole words, changes never interleaved character by character."""

from __future__ import annotations

import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.desk.diff import (
    CHANGED,
    DELETED,
    INSERTED,
    SAME,
    SKIPPED,
    FieldChange,
    Paragraph,
    Segment,
    text_diff,
    word_diff,
)
from pipeline.store.git_texts import canonical_text

ARTICLE = """---
title: "Kunstmatige intelligentie verandert de arbeidsmarkt"
date: 2024-12-01T00:00:00+01:00
tags: ["ai", "werk"]
cover:
  image: "https://images.example.org/a.jpg"
  alt: "Een robot"
---

Eerste alinea over de arbeidsmarkt.

Tweede alinea: de snelle bruine vos springt over de luie hond.

Derde alinea blijft.

Vierde alinea blijft.

Vijfde alinea blijft.

Zesde alinea blijft.
"""


def test_replaced_words_are_one_change_not_interleaved() -> None:
    assert word_diff("Kunstmatige intelligentie verandert de arbeidsmarkt", "Zo veranderde de arbeidsmarkt") == [
        Segment(DELETED, "Kunstmatige intelligentie verandert"), Segment(INSERTED, "Zo veranderde"),
        Segment(SAME, " de arbeidsmarkt")]
    assert word_diff("De snelle bruine vos.", "De trage bruine vos!") == [
        Segment(SAME, "De "), Segment(DELETED, "snelle"), Segment(INSERTED, "trage"), Segment(SAME, " bruine vos"),
        Segment(DELETED, "."), Segment(INSERTED, "!")]
    assert word_diff("a, b", "c, d") == [Segment(DELETED, "a, b"), Segment(INSERTED, "c, d")]


def test_front_matter_is_compared_field_by_field_with_whole_old_and_new_values() -> None:
    after = (ARTICLE.replace("2024-12-01T00:00:00+01:00", "2024-12-20T08:00:00+01:00")
             .replace('title: "Kunstmatige intelligentie verandert de arbeidsmarkt"', 'title: "Zo veranderde de markt"')
             .replace('  alt: "Een robot"\n', "").replace('tags: ["ai", "werk"]', 'tags: ["ai"]'))
    diff = text_diff(ARTICLE, after)
    assert diff.fields == (
        FieldChange("title", "Kunstmatige intelligentie verandert de arbeidsmarkt", "Zo veranderde de markt"),
        FieldChange("date", "2024-12-01T00:00:00+01:00", "2024-12-20T08:00:00+01:00"),
        FieldChange("tags", "ai, werk", "ai"),
        FieldChange("cover.alt", "Een robot", None))
    assert all(paragraph.kind == SAME for paragraph in diff.body) and not diff.unchanged
    assert text_diff(ARTICLE, ARTICLE).unchanged


def test_the_body_by_paragraph_a_changed_one_by_words_the_rest_folded() -> None:
    after = ARTICLE.replace("de snelle bruine vos", "de trage & lome vos").replace("Zesde alinea blijft.\n", "")
    after += "\nEen nieuwe slotalinea.\n"
    body = text_diff(ARTICLE, after).body
    assert body == (
        Paragraph(SAME, (Segment(SAME, "Eerste alinea over de arbeidsmarkt."),)),
        Paragraph(CHANGED, (Segment(SAME, "Tweede alinea: de "), Segment(DELETED, "snelle bruine"),
                            Segment(INSERTED, "trage & lome"), Segment(SAME, " vos springt over de luie hond."))),
        Paragraph(SAME, (Segment(SAME, "Derde alinea blijft."),)),
        Paragraph(SAME, (Segment(SAME, "Vierde alinea blijft."),)),  # one paragraph between: shown, not folded
        Paragraph(SAME, (Segment(SAME, "Vijfde alinea blijft."),)),
        Paragraph(DELETED, (Segment(DELETED, "Zesde alinea blijft."),)),
        Paragraph(INSERTED, (Segment(INSERTED, "Een nieuwe slotalinea."),)))
    longer = ARTICLE.replace("Eerste alinea", "".join(f"Alinea {n}.\n\n" for n in range(9)) + "Eerste alinea")
    folded = text_diff(longer, longer.replace("Zesde", "Laatste")).body
    assert [p.kind for p in folded] == [SKIPPED, SAME, CHANGED]
    assert folded[0].segments == (Segment(SKIPPED, "… 13 unchanged paragraphs …"),)


def test_a_text_whose_front_matter_cannot_be_read_is_compared_as_text() -> None:
    broken = ARTICLE.replace("title:", "title: [", 1)
    diff = text_diff(broken, ARTICLE)
    assert diff.fields == () and any(paragraph.kind == CHANGED for paragraph in diff.body)


_TEXT = st.lists(st.sampled_from(["de", "het", "vos", "2024", "-", ",", ".", " ", "  ", "\n", "ë", "T08", "é"]),
                 max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT, _TEXT)
def test_a_word_diff_keeps_both_texts_whole_and_never_splits_a_word_or_interleaves(before: str, after: str) -> None:
    segments = word_diff(before, after)
    assert "".join(s.text for s in segments if s.kind != INSERTED) == before
    assert "".join(s.text for s in segments if s.kind != DELETED) == after
    for side in (INSERTED, DELETED):  # on each side, a change starts and ends between words
        kept = [s for s in segments if s.kind != side]
        for left, right in itertools.pairwise(kept):
            if left.kind != right.kind:
                assert not (re.search(r"\w\Z", left.text) and re.match(r"\w", right.text)), segments
    for index in range(1, len(segments) - 1):  # never a lone space or sign between two changes
        if segments[index].kind == SAME:
            around = {segments[index - 1].kind, segments[index + 1].kind}
            assert not (around <= {DELETED, INSERTED} and not re.search(r"\w", segments[index].text)
                        and len(segments[index].text.strip()) <= 1), segments


_ARTICLE_LIKE = st.one_of(
    st.text(max_size=300),
    st.builds(lambda front, body: f"---\n{front}\n---\n\n{body}", st.text(max_size=80), st.text(max_size=200)),
    st.builds(lambda title, body: ARTICLE.replace("Kunstmatige intelligentie", title) + body,
              st.text(max_size=40), st.text(max_size=200)))


@settings(max_examples=200, deadline=None)
@given(_ARTICLE_LIKE, _ARTICLE_LIKE)
def test_any_two_texts_give_a_diff_and_a_text_against_itself_is_unchanged(before: str, after: str) -> None:
    diff = text_diff(before, after)  # never an exception, whatever the texts hold
    assert text_diff(before, before).unchanged
    if canonical_text(before) != canonical_text(after) and not diff.unchanged:
        assert diff.fields or any(paragraph.kind not in (SAME, SKIPPED) for paragraph in diff.body)
    if before.strip() != after.strip() and "---" not in before + after:  # plain texts: every change is shown
        assert not diff.unchanged or re.sub(r"\n[ \t]*\n+", "\n\n", before.strip("\n")) == \
            re.sub(r"\n[ \t]*\n+", "\n\n", after.strip("\n"))
