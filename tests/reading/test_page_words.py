"""The page kind model's vocabulary (``page_words``): a page's terms, their weights summed exactly, and the
vocabulary learnt from labelled pages (``benchmarks/train_page_kind.fit_words``). Made-up pages only."""

from __future__ import annotations

import math
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.reading.page_text_features import MAX_CHARS, page_lines
from pipeline.reading.page_words import (
    END_MARK,
    LINE_MARK,
    MAX_TERM_CHARS,
    first_words,
    has_line_terms,
    page_terms,
    terms_in,
    vocabulary,
    word_features,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))


def test_a_pages_terms_are_its_words_and_pairs_within_a_line() -> None:
    terms = page_terms("Lees meer\nAlle vacatures 2024: Zoeken")
    assert {"lees", "meer", "lees meer", "alle", "vacatures", "alle vacatures", "zoeken"} <= terms
    assert "meer alle" not in terms  # no pair over a line's end
    assert "vacatures zoeken" in terms  # figures and marks are no words: the words around them pair
    assert not any(any(ch.isdigit() for ch in term) for term in terms)


def test_a_short_line_is_a_term_whole_and_a_longer_line_by_its_last_two_words() -> None:
    terms = page_terms("Lees meer »\nDe raad vergaderde. Lees verder\nAlle vacatures van de regio 2024\nInloggen")
    assert {LINE_MARK + "lees meer", LINE_MARK + "inloggen", END_MARK + "lees verder", END_MARK + "de regio"} \
        <= terms
    assert END_MARK + "lees meer" not in terms  # a line of two words is whole, not ended
    assert not any(term.startswith(LINE_MARK) and "vacatures" in term for term in terms)  # five words: not short
    assert LINE_MARK + "lees meer" not in page_terms("Lees meer over de raad")


def test_a_lines_own_term_is_never_longer_than_a_vocabulary_may_hold() -> None:
    long_word = "a" * (MAX_TERM_CHARS + 5)
    terms = page_terms(f"{long_word}\nDit is {long_word} {long_word}")
    assert long_word in terms  # the word itself, as before
    assert all(len(term) <= MAX_TERM_CHARS for term in terms if term.startswith((LINE_MARK, END_MARK)))
    assert not any(term.startswith((LINE_MARK, END_MARK)) for term in terms)
    assert vocabulary({term: 1.0 for term in page_terms("Lees meer\nDe raad vergaderde. Lees verder")})


def test_only_the_first_characters_a_page_is_judged_by_count() -> None:
    text = "nieuws " * (MAX_CHARS // 7) + "\n" + "winkelwagen " * 1000
    assert "winkelwagen" not in page_terms(text)


def test_word_features_sum_the_weights_and_count_each_leaning() -> None:
    words = {"lees meer": 1.25, "vacatures": 0.5, "zei": -0.75}
    score, leaning_for, leaning_against = word_features(page_terms("Vacatures\nLees meer\nHij zei niets."), words)
    assert score == 1.0 and leaning_for == math.log1p(2) and leaning_against == math.log1p(1)
    assert word_features(frozenset(), words) == [0.0, 0.0, 0.0]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(-50, 50, allow_nan=False), min_size=1, max_size=30))
def test_the_score_does_not_depend_on_the_order_of_the_terms(weights: list[float]) -> None:
    words = {f"term{chr(97 + index % 26)}{index}": weight for index, weight in enumerate(weights)}
    terms = frozenset(words)
    assert word_features(terms, words)[0] == word_features(frozenset(reversed(list(terms))), words)[0] \
        == math.fsum(weights)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=3000))
def test_any_text_gives_lowered_terms_of_one_or_two_words_or_a_lines_own(text: str) -> None:
    for term in page_terms(text):
        assert term and term == term.lower()
        if term.startswith(LINE_MARK):
            assert 1 <= len(term[len(LINE_MARK):].split(" ")) <= 4 and len(term) <= MAX_TERM_CHARS
        elif term.startswith(END_MARK):
            assert len(term[len(END_MARK):].split(" ")) == 2 and len(term) <= MAX_TERM_CHARS
        else:
            assert 1 <= len(term.split(" ")) <= 2
            assert not term.startswith(("=", ">"))  # no word holds a line term's mark


_VOCABULARY = {"lees meer": 1.0, "lees": 0.5, "alle vacatures": 2.0, "winkelwagen": 1.5, "zei": -1.0, "ß": 0.1,
               "meer lees": 0.25, "x y": 0.3, LINE_MARK + "lees meer": 0.75, LINE_MARK + "zei": -0.5,
               END_MARK + "alle vacatures": 0.4, END_MARK + "x y": 0.2}


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(["lees", "meer", "Lees", "MEER", "alle", "vacatures", "Winkelwagen", "zei",
                                           "ß", "SS", "x", "y", "\n", " ", "2024", ":", "İ", "ǅ"]),
                          st.text(max_size=5)), max_size=700))
def test_the_vocabularys_terms_found_are_those_of_all_the_pages_terms(parts: list[str]) -> None:
    """What ingest computes (only the terms in the vocabulary, pairs made only after a pair's first word, from the
    lines the text features read) is what training computed (every term of the page), on any text."""
    text = " ".join(parts)
    lines = (line.lowered_words for line in page_lines(text))
    found = terms_in(lines, _VOCABULARY, first_words(_VOCABULARY), has_line_terms(_VOCABULARY))
    assert found == page_terms(text) & _VOCABULARY.keys()
    assert word_features(found, _VOCABULARY) == word_features(page_terms(text), _VOCABULARY)
    words_only = {term: weight for term, weight in _VOCABULARY.items() if not term.startswith((LINE_MARK, END_MARK))}
    assert not has_line_terms(words_only) and has_line_terms(_VOCABULARY)
    lines = (line.lowered_words for line in page_lines(text))
    assert terms_in(lines, words_only, first_words(words_only), False) == page_terms(text) & words_only.keys()


def _rows(pages: list[tuple[str, str, int]]) -> object:
    from train_page_kind import Rows

    return Rows([[0.0]] * len(pages), [page_terms(text) for _, text, _ in pages], [label for *_, label in pages],
                [site for site, _, _ in pages])


def test_the_vocabulary_is_learnt_from_words_many_sites_share() -> None:
    """A term that marks index pages on many sites is learnt with a positive weight, one only articles hold with a
    negative one; one found on fewer than ``MIN_SITES`` sites is not learnt, and one on every page weighs less
    than either; the same pages give the same vocabulary."""
    from train_page_kind import MIN_SITES, fit_words

    pages = []
    for site in range(8):
        pages.append((f"omroep{site}.nl", "Nieuws\nAlle berichten\nVolgende pagina\nDe raad vergaderde.", 1))
        pages.append((f"omroep{site}.nl", f"De raad vergaderde over de begroting van jaar {site}.", 0))
        pages.append((f"omroep{site}.nl", "Het college zei dat de raad vergaderde.", 0))
    pages.append(("krant.nl", "Alleen hier een zeldzaamwoord op een indexpagina.", 1))
    words = fit_words(_rows(pages))  # type: ignore[arg-type]
    assert words["alle berichten"] > 0 and words["volgende pagina"] > 0
    assert "zeldzaamwoord" not in words and MIN_SITES > 1
    assert words["college zei"] < 0
    everywhere = abs(words.get("vergaderde", 0.0))
    assert everywhere < words["alle berichten"] and everywhere < -words["college zei"]
    assert fit_words(_rows(list(reversed(pages)))) == words  # type: ignore[arg-type]
    assert fit_words(_rows([page for page in pages if page[2] == 0])) == {}  # type: ignore[arg-type]
