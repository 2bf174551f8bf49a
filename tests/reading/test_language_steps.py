"""langdetect's steps as the reader runs them: each the same as langdetect's own, number for number.

The seven seeded trials read the seed's random words from one list (`ngram_detector._Words`) and do
langdetect's arithmetic in larger steps; the cleaning, the normalising and the word count skip what
cannot change the text. Each is held here to what it replaces, for any input.
"""

from __future__ import annotations

import random
import re
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.reading import language, ngram_detector

# --- the random words -------------------------------------------------------------------------------

_SEEDS = st.one_of(st.integers(min_value=-(2**70), max_value=2**70), st.text(max_size=8), st.binary(max_size=8))


@given(_SEEDS, st.integers(min_value=1, max_value=32), st.integers(min_value=1, max_value=3000))
@settings(max_examples=120, deadline=None)
def test_the_words_are_the_generators_getrandbits(seed: Any, width: int, many: int) -> None:
    stream = ngram_detector._Words(seed)
    source = random.Random(seed)
    assert stream.top(width, many)[:many] == [source.getrandbits(width) for _ in range(many)]
    again = random.Random(seed)
    assert stream.upto(many)[:many] == [again.getrandbits(32) for _ in range(many)]


@given(_SEEDS, st.integers(min_value=1, max_value=400))
@settings(max_examples=80, deadline=None)
def test_two_words_are_the_generators_random_and_four_its_two_gauss(seed: Any, many: int) -> None:
    stream = ngram_detector._Words(seed)
    words = stream.upto(4 * many)
    source = random.Random(seed)
    ours = [ngram_detector._uniform(words, 2 * index) for index in range(many)]
    assert ours == [source.random() for _ in range(many)]


def test_the_seeded_words_are_drawn_once_and_a_new_seed_draws_its_own() -> None:
    first = ngram_detector._words(0)
    assert ngram_detector._words(0) is first
    other = ngram_detector._words(1)
    assert other is not first and other.upto(10)[:10] != first.upto(10)[:10]
    assert ngram_detector._words(None) is not ngram_detector._words(None)  # unseeded: fresh numbers each time


# --- the trials -------------------------------------------------------------------------------------

_VECTOR_VALUES = st.one_of(st.floats(min_value=0.0, max_value=1.0, allow_nan=False),
                           st.floats(min_value=1e-9, max_value=1e-2), st.sampled_from([0.0, 1e-300, 0.5]))


class _Factory:
    """What langdetect's ``Detector`` reads of its factory."""

    def __init__(self, profiles: dict[str, list[float]], languages: list[str], seed: Any) -> None:
        self.word_lang_prob_map = profiles
        self.langlist = languages
        self.seed = seed


@st.composite
def _trial_cases(draw: st.DrawFn) -> tuple[_Factory, list[str], dict[str, Any]]:
    languages = [f"l{index}" for index in range(draw(st.integers(min_value=1, max_value=7)))]
    grams = [f"g{index}" for index in range(draw(st.integers(min_value=1, max_value=12)))]
    profiles = {gram: draw(st.lists(_VECTOR_VALUES, min_size=len(languages), max_size=len(languages)))
                for gram in grams}
    drawn = draw(st.lists(st.sampled_from(grams), min_size=1, max_size=600))
    seed = draw(st.one_of(st.integers(min_value=0, max_value=2**64), st.just(0)))
    settings_ = {
        "n_trial": draw(st.integers(min_value=1, max_value=9)),
        "alpha": draw(st.sampled_from([0.5, 0.1, 1.0, 0.0, 3.0, -0.01])),  # 0.0: weights below zero half the time
        "ITERATION_LIMIT": draw(st.sampled_from([1000, 0, 1, 4, 5, 6, 23])),
        "CONV_THRESHOLD": draw(st.sampled_from([0.99999, 0.5, 0.0, 1.0, 0.9])),
    }
    if draw(st.booleans()):
        settings_["prior"] = {language: draw(st.floats(min_value=0.01, max_value=1.0)) for language in languages}
    return _Factory(profiles, languages, seed), drawn, settings_


def _detector(factory: _Factory, settings_: dict[str, Any]) -> Any:
    from langdetect.detector import Detector

    detector = Detector(factory)
    for name, value in settings_.items():
        if name == "prior":
            detector.set_prior_map(value)
        else:
            setattr(detector, name, value)
    return detector


def _langdetects_shares(factory: _Factory, drawn: list[str], settings_: dict[str, Any]) -> list[float] | str:
    detector = _detector(factory, settings_)
    detector.cleaning_text = lambda: None  # the grams are given: no text to clean or walk
    detector._extract_ngrams = lambda: list(drawn)
    try:
        detector._detect_block()
    except ZeroDivisionError as error:
        return f"ZeroDivisionError: {error}"
    return list(detector.langprob)


def _our_shares(factory: _Factory, drawn: list[str], settings_: dict[str, Any]) -> list[float] | str:
    detector = _detector(factory, settings_)
    try:
        return ngram_detector.trial_shares(detector, [factory.word_lang_prob_map[gram] for gram in drawn])
    except ZeroDivisionError as error:
        return f"ZeroDivisionError: {error}"


@given(_trial_cases())
@settings(max_examples=400, deadline=None)
def test_the_trials_give_langdetects_shares_bit_for_bit_for_any_profiles_grams_and_seed(
        case: tuple[_Factory, list[str], dict[str, Any]]) -> None:
    """Every language's averaged share the same float (not just the ranked ones over 0.1), or the same
    error where langdetect divides by a sum of nothing but zeros; stopped by the threshold or by the
    step limit (a threshold of 1.0 is never passed: every trial runs to the limit)."""
    factory, drawn, settings_ = case
    ours = _our_shares(factory, drawn, settings_)
    theirs = _langdetects_shares(factory, drawn, settings_)
    assert ours == theirs
    if isinstance(ours, list):
        assert [value.hex() for value in ours] == [value.hex() for value in theirs]  # type: ignore[union-attr]


@pytest.mark.parametrize("count", [1, 2, 3, 4, 7, 8, 9, 255, 256, 257, 4095, 4096, 4097, 30000])
def test_the_trials_draw_langdetects_grams_for_counts_at_the_edges_of_a_width(count: int) -> None:
    """``random.choice`` draws again while the top bits are not below the count: counts at a power of
    two and one either side of it."""
    languages = ["a", "b", "c"]
    profiles = {f"g{index}": [((index * 7919 + lang * 104729) % 1000 + 1) / 1e5 for lang in range(3)]
                for index in range(count)}
    factory = _Factory(profiles, languages, 0)
    drawn = list(profiles)
    assert _our_shares(factory, drawn, {}) == _langdetects_shares(factory, drawn, {})


def test_the_trials_of_the_real_profiles_match_langdetect_with_other_seeds() -> None:
    from pipeline.model.config import config_from_mapping

    config = config_from_mapping({})
    factory = language._language_factory(tuple(dict.fromkeys((*config.languages, *language._NEIGHBOUR_LANGUAGES))))
    text = "De gemeente wil volgend jaar meer woningen bouwen in het centrum van de stad. " * 5
    try:
        for seed in (0, 1, 7, 2**40, 12345):
            factory.seed = seed
            theirs = factory.create()
            theirs.append(text)
            expected = [(found.lang, found.prob) for found in theirs.get_probabilities()]
            assert [(found.lang, found.prob) for found in ngram_detector.probabilities(factory, text)] == expected
            assert theirs.langprob == ngram_detector.trial_shares(
                factory.create(), ngram_detector._ngram_profiles(
                    ngram_detector._normalise(ngram_detector._cleaned(factory.create(), text)),
                    factory.word_lang_prob_map))
    finally:
        factory.seed = 0


def test_an_unseeded_detector_still_ranks_the_language() -> None:
    from pipeline.model.config import config_from_mapping

    config = config_from_mapping({})
    factory = language._language_factory(tuple(dict.fromkeys((*config.languages, *language._NEIGHBOUR_LANGUAGES))))
    text = "De gemeente wil volgend jaar meer woningen bouwen in het centrum van de stad. " * 5
    try:
        factory.seed = None
        ranked = ngram_detector.probabilities(factory, text)
    finally:
        factory.seed = 0
    assert ranked[0].lang == "nl" and 0.9 < ranked[0].prob <= 1.0


# --- cleaning, normalising, counting ------------------------------------------------------------------

_PIECES = st.sampled_from([
    "de", "het", " ", "  ", "   ", "\n", "http://x.nl/a?b=c", "https://a.b", "http", "a@b.nl", "@", "x@", "ÉÉN", "é",
    "café", "’", "“", "”", "—", "Сегодня", "東京", "ひらがな", "한국", "عربی", "Tiếng", "Vie\u0302\u0323t", "a\u0300",
    "A\u0301", "o\u0303", "u\u0309", "y\u0323", "\u0300", "ẞ", "ș", "ț", "2026", "_", "a1", "'s", "ABC", "\x85", "\xa0",
    "\ud800", "𝔘𝔫𝔦", "ǅ", "ͅ",
])
_ANY_TEXT = st.one_of(st.lists(_PIECES, max_size=60).map("".join), st.lists(_PIECES, max_size=60).map(" ".join),
                      st.text(max_size=400))


def _real_factory() -> Any:
    from pipeline.model.config import config_from_mapping

    config = config_from_mapping({})
    return language._language_factory(tuple(dict.fromkeys((*config.languages, *language._NEIGHBOUR_LANGUAGES))))


@given(_ANY_TEXT)
@settings(max_examples=400, deadline=None)
@example("a" * 12000 + "  b")
@example("Сегодня " * 30 + "abc")
@example("Сегодня ’’ abc")
def test_the_cleaning_is_langdetects_append_and_cleaning(text: str) -> None:
    factory = _real_factory()
    theirs = factory.create()
    theirs.append(text)
    theirs.cleaning_text()
    assert ngram_detector._cleaned(factory.create(), text) == theirs.text


@given(_ANY_TEXT)
@settings(max_examples=400, deadline=None)
def test_the_normalising_is_langdetects_a_character_at_a_time(text: str) -> None:
    from langdetect.utils.ngram import NGram

    assert ngram_detector._normalise(text) == "".join(NGram.normalize(char) for char in text)


_WORDS_OF_TWO = re.compile(r"[^\W\d_]{2,}")
_NOT_LETTERS = re.compile(r"[\W\d_]+")


@given(_ANY_TEXT)
@settings(max_examples=400, deadline=None)
@example("")
@example("a")
@example("ab")
@example("a b cd\u00aa\u00b5\u00ba\u00c0\u00d7\u00f7\u00ff ǅa")
def test_the_word_count_is_the_expressions_count(text: str) -> None:
    assert language.word_count(text) == len(_WORDS_OF_TWO.findall(text))


@given(_ANY_TEXT)
@settings(max_examples=400, deadline=None)
@example("=" * 20 + "ab")
@example("é" * 5 + "=" * 6)
def test_mostly_symbols_is_the_letters_count(text: str) -> None:
    assert language._mostly_symbols(text) == (len(_NOT_LETTERS.sub("", text)) * 2 < len(text))


def test_every_character_up_to_u00ff_is_judged_a_letter_as_the_expression_does() -> None:
    for code in range(0x3000):
        char = chr(code)
        assert language.word_count(char * 2) == (1 if _WORDS_OF_TWO.fullmatch(char * 2) else 0), hex(code)
