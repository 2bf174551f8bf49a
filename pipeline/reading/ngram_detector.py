"""langdetect's detection, step for step, without its Python calls per character.

langdetect (1.0.9, pinned) copies the text a character at a time, counts its scripts a character at
a time, and normalises each character with a binary search of Unicode's blocks inside a method call
of its n-gram buffer: three quarters of its time on an article's opening, before the trials start.
Here the same steps run on whole strings: a character is normalised once per process (a translation
table that grows with the characters met), the n-grams come from the buffer's own rules written as
one loop over a word (each word's grams kept once found: a space starts the buffer afresh), and the
seven seeded trials are langdetect's, with the same random numbers in the same order and the same
arithmetic (the five steps between two checks of convergence as one product per language). The
probabilities are langdetect's, bit for bit, for any text (tests/reading/test_language.py compares them).
"""

from __future__ import annotations

import re
from typing import Any

# Scripts as langdetect's cleaning counts them: "Latin" is 'A' to 'z' (with [ \ ] ^ _ `), the rest
# every character from U+0300 up (it means to leave out the Latin Extended Additional block, but compares
# the block's number with its name, which never match).
# Counted as what is left when the rest goes (no list of every character).
_ALL_BUT_LATIN = re.compile(r"[^A-z]+")
_ALL_BUT_NOT_LATIN = re.compile("[^\u0300-\U0010ffff]+")
_SPACES = re.compile(" {2,}")
_NORMALISED: dict[int, str] = {}  # code point -> langdetect's normalised character, as met


def _normalise(text: str) -> str:
    """Each character as langdetect's ``NGram.normalize`` makes it."""
    from langdetect.utils.ngram import NGram

    for char in set(text):
        if ord(char) not in _NORMALISED:
            _NORMALISED[ord(char)] = NGram.normalize(char)
    return text.translate(_NORMALISED)


def _cleaned(detector: Any, text: str) -> str:
    """``Detector.append`` then ``Detector.cleaning_text``: addresses out, Vietnamese marks joined,
    cut to the detector's length, runs of spaces one space; Latin letters out of a text that is
    mostly another script."""
    from langdetect.utils.ngram import NGram

    text = detector.URL_RE.sub(" ", text)
    text = detector.MAIL_RE.sub(" ", text)
    text = NGram.normalize_vi(text)
    text = _SPACES.sub(" ", text[:detector.max_text_length])
    if len(_ALL_BUT_LATIN.sub("", text)) * 2 < len(_ALL_BUT_NOT_LATIN.sub("", text)):
        text = "".join(char for char in text if char < "A" or char > "z")
    return text


def _word_ngrams(word: str, known: dict[str, Any]) -> tuple[str, ...]:
    """The 1- to 3-grams of one space-free word (with the space after it when ``word`` ends in one)
    that have profiles, in langdetect's order: its ``NGram.add_char`` and ``Detector._extract_ngrams``
    as one loop (a word's grams start with the space before it; none while two capitals follow each
    other)."""
    found: list[str] = []
    grams = " "
    capital = False
    for char in word:
        last = grams[-1]
        if len(grams) >= 3:
            grams = grams[1:]
        grams += char
        if char.isupper():
            if last.isupper():
                capital = True
        else:
            capital = False
        if capital:
            continue
        if char != " " and char in known:
            found.append(char)
        if len(grams) >= 2:
            if grams[-2:] in known:
                found.append(grams[-2:])
            if len(grams) == 3 and grams in known:
                found.append(grams)
    return tuple(found)


def _ngrams(text: str, known: dict[str, Any]) -> list[str]:
    """The 1- to 3-grams of the normalised text that have profiles, in langdetect's order. A space
    ends a word and starts the next afresh, so the text's grams are its words' grams one after the
    other, each word's with the space that follows it (the last word may have none)."""
    found: list[str] = []
    words = text.split(" ")
    last = len(words) - 1
    for index, word in enumerate(words):
        if word:
            found.extend(_word_ngrams(word + " " if index < last else word, known))
    return found


# Each word's grams as the profiles they point at (what the trials draw from), kept: the same words come
# back on every page, and walking them a character at a time was most of the detector's time before its
# trials. Bounded (about 4 MB: pointers to the profiles, no strings but the words); once full, a new word
# is walked each time (the words met first, a language's common ones, stay: on the corpus's first 1,314
# samples, 30% of the words are walked, against every word before).
_WORD_PROFILES: dict[str, tuple[Any, ...]] = {}
_WORD_PROFILES_OF: list[dict[str, Any]] = []  # the profiles they point into
_WORD_PROFILES_MAX = 10_000


def _ngram_profiles(text: str, known: dict[str, Any]) -> list[Any]:
    """``known[gram]`` for each gram of ``_ngrams(text, known)``, in the same order."""
    cache = _WORD_PROFILES
    if not _WORD_PROFILES_OF or _WORD_PROFILES_OF[0] is not known:
        cache.clear()
        _WORD_PROFILES_OF[:] = [known]
    found: list[Any] = []
    words = text.split(" ")
    last = len(words) - 1
    for index, word in enumerate(words):
        if not word:
            continue
        if index < last:
            word += " "
        profiles = cache.get(word)
        if profiles is None:
            profiles = tuple(known[gram] for gram in _word_ngrams(word, known))
            if len(cache) < _WORD_PROFILES_MAX:
                cache[word] = profiles
        found.extend(profiles)
    return found


def probabilities(factory: Any, text: str) -> list[Any]:
    """``factory.create()``, ``append(text)``, ``get_probabilities()``: langdetect's ranked languages
    (``Language``: ``lang``, ``prob``); LangDetectException when the text has no n-gram it knows."""
    from langdetect.lang_detect_exception import ErrorCode, LangDetectException

    detector = factory.create()
    known = detector.word_lang_prob_map
    profiles = _ngram_profiles(_normalise(_cleaned(detector, text)), known)
    if not profiles:
        raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
    languages = len(detector.langlist)
    ranked = [0.0] * languages
    chance = detector.random
    chance.seed(detector.seed)
    pick = chance._randbelow  # what random.choice calls: the same numbers, one call fewer
    count = len(profiles)
    threshold, limit = detector.CONV_THRESHOLD, detector.ITERATION_LIMIT
    for _trial in range(detector.n_trial):
        prob = list(detector.prior_map) if detector.prior_map is not None else [1.0 / languages] * languages
        alpha = detector.alpha + chance.gauss(0.0, 1.0) * detector.ALPHA_WIDTH
        weight = alpha / detector.BASE_FREQ
        # langdetect multiplies prob[i] by (weight + p[i]) for one gram at a time and normalises after
        # steps 0, 5, 10, ...: so the steps between two checks come five at a time, each language's
        # product taken left to right in one pass (the same operations in the same order).
        step = 0
        batch = 1
        while True:
            rows = [profiles[pick(count)] for _ in range(batch)]
            if batch == 1:
                prob = [p * (weight + a) for p, a in zip(prob, rows[0], strict=False)]
            else:
                prob = [p * (weight + a) * (weight + b) * (weight + c) * (weight + d) * (weight + e)
                        for p, a, b, c, d, e in zip(prob, *rows, strict=False)]
            total = sum(prob)
            prob = [p / total for p in prob]
            if max(prob) > threshold or step >= limit:  # langdetect's loop finds the same largest share
                break
            step += 5
            batch = 5
        for index in range(languages):
            ranked[index] += prob[index] / detector.n_trial
    detector.langprob = ranked
    return list(detector.get_probabilities())
