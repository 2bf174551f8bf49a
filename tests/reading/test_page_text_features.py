"""The page text features are found in one pass with patterns rewritten for speed: on any text they are exactly
what the plain form (one regex a line and a feature, ``page_text_reference``) gives for the features it keeps,
and judging a page never fails, whatever its text."""

from __future__ import annotations

import dataclasses
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.reading import page_kind, page_text_features
from pipeline.reading.page_kind import KIND_FEATURES, judge, kind_features
from pipeline.reading.page_text_features import MAX_CHARS
from tests.reading import page_text_reference
from tests.reading.test_page_kind import ARTICLE, INDEX

# Pieces that reach every branch of the rewritten patterns: days in every form, clock times, prices, "read
# more" and "time ago" phrases, names, and the letters re.IGNORECASE folds differently from str.lower()
# ("ſ" is an "s", "ı" and "İ" an "i", "K" a "k"), next to the characters a word boundary turns on.
_PIECES = st.sampled_from([
    "12", "3", "2024", "12-03-2024", "2024-03-12", "12/3/24", "1.2.2024", "12 maart 2024", "3 jan.", "5 sept",
    "March 5, 2024", "may 12 2024", "Mei", "ſeptember 5, 2024", "SEP 1, 2020", "okt", "märz", "Dezember 24, 2023",
    "12:30", "9.45", "12u30", "€ 12,50", "€12", "12,-", "1.234,56", "4,95 euro", "12.50 EUR", "$5", "£ 3",
    "a12,50 euro",
    "Lees meer", "lees verder »", "Read more", "weıterlesen", "WEİTERLESEN", "leeſ meer", "continue reading",
    "meer info", "3 uur geleden", "een dag geleden", "2 hours ago", "vor 3 Stunden", "Anna", "Kerkstraat", "Amsterdam",
    "Nieuws", "Agenda", "Pagina 2 van 5", "Volgende", "1 2 3 4", "FRANEKER - ", "- ", "• ", "|", " · ", "?", "!",
    ".", "…", "...", "\"", "”", ")", "»", ":", ",", "-", "/", "_", "a", "x", "Σ", "ΟΔΟΣ", "K", "İ", "ı", "é",
    "\u00a0", "\t", "\x0b", "\x1c", "\x85", "\u2028", "\r", "\x00", "\x07", "٣", "١٢", "404", "niet gevonden",
    "winkelwagen", "Inloggen", "tickets", "vacature", "x²", "½", "ª", "µ", "ßtraße", "Öl", "÷", "×", "ÿ", "financiële",
])
_TEXT = st.lists(st.one_of(_PIECES, st.sampled_from([" ", " ", "\n", "\n\n"]), st.text(max_size=4)),
                 max_size=80).map("".join)


def _same(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_every_feature_is_what_the_plain_form_gives(text: str) -> None:
    fast, plain = page_text_features.all_features(text), page_text_reference.all_features(text)
    assert list(fast) == [name for name in plain if name in fast]  # the features kept, in their order
    differing = {name: (fast[name], plain[name]) for name in fast if not _same(fast[name], plain[name])}
    assert not differing, differing


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_TEXT, st.text(), st.text(alphabet=st.characters(max_codepoint=0x3000)).map(lambda t: t * 60)))
def test_judging_never_fails_and_gives_a_share_of_votes(text: str) -> None:
    row = kind_features(text)
    assert len(row) == len(KIND_FEATURES) and all(math.isfinite(value) for value in row)
    judged = judge(row)
    assert 0.0 <= judged.share <= 1.0


def test_hostile_runs_are_judged_on_their_first_characters_only() -> None:
    """Huge lines, runs a backtracking pattern stalls on (digits without their comma, a date's parts again
    and again, spaces before a month's name) and control characters: each page is judged, and read only up
    to MAX_CHARS (its row is the row of its first MAX_CHARS characters), so its cost is bounded whatever
    its size."""
    pages = ["1" * 1_000_000, "12." * 300_000, "1 " * 500_000, "€" * 10_000 + "1,", "12-" * 50_000,
             ("a" * 5000 + "\n") * 200, "\x00\x07\x1b" * 100_000, "ſ" * 10_000, "Lees meer " * 100_000,
             " 1 jan" * 100_000, "March 1, " * 100_000, "\n" * 1_000_000]
    for page in pages:
        row = kind_features(page)
        assert row == kind_features(page[:MAX_CHARS]), page[:20]
        assert 0.0 <= judge(row).share <= 1.0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=len(KIND_FEATURES),
                max_size=len(KIND_FEATURES)),
       st.floats(min_value=0.01, max_value=1.0))
def test_the_walk_that_stops_early_gives_the_verdict_of_every_tree(row: list[float], threshold: float) -> None:
    """``marks`` stops once the trees left cannot change the verdict; it is the verdict of the whole share, at
    the shipped threshold and at any other."""
    model = dataclasses.replace(page_kind.shipped(), threshold=threshold)
    assert model.marks(row) == (model.not_article_share(row) >= threshold)


def test_the_shipped_forest_marks_as_its_share_says_on_the_sample_pages() -> None:
    model = page_kind.shipped()
    for text in (INDEX, ARTICLE):
        row = kind_features(text)
        for threshold in sorted({0.01, 0.5, model.threshold, model.not_article_share(row), 0.99}):
            moved = dataclasses.replace(model, threshold=threshold)
            assert moved.marks(row) == (moved.not_article_share(row) >= threshold)


_TEASER_LIST = "\n\n".join(
    f"Nieuwe fietsbrug over de {river} geopend\n{day} maart 2024\nDe gemeente opende de brug voor fietsers en "
    f"voetgangers, na twee jaar bouwen aan de oevers.\nLees verder"
    for river, day in (("Maas", 3), ("Waal", 5), ("Lek", 8), ("IJssel", 11)))
_STORY = ("Nieuwe fietsbrug over de Maas geopend\n\n3 maart 2024\n\n"
          + "\n\n".join(f"De gemeente opende de brug voor fietsers en voetgangers, na {what}."
                        for what in ("twee jaar bouwen", "een lange winter", "veel vertraging door hoog water",
                                     "een feest op de kade")))


def test_a_list_of_teasers_repeats_its_pattern_and_a_story_does_not() -> None:
    """The repetition features, on made-up pages: four teasers (headline, date, one paragraph, "Lees verder")
    are one run of line kinds that comes back, lines ending alike, blocks of one shape; a story of one headline,
    a date and paragraphs that each end differently repeats no such block."""
    listed = page_text_features.all_features(_TEASER_LIST)
    story = page_text_features.all_features(_STORY)
    assert listed["repeated_unit"] == 1.0  # headline, date, paragraph, link: four kinds, four times, every line
    assert listed["same_ends"] > 0 and listed["repeated_blocks"] == math.log1p(4)
    assert listed["repeated_block_share"] == 1.0 and listed["same_start_share"] == 0.5  # the headlines' two words
    assert story["repeated_unit"] == 0.0 and story["repeated_blocks"] == 0.0 and story["same_ends"] == 0.0
    assert story["repeated_block_share"] == 0.0
