"""langdetect's detection, step for step, without its Python calls per character.

langdetect (1.0.9, pinned) copies the text a character at a time, counts its scripts a character at
a time, and normalises each character with a binary search of Unicode's blocks inside a method call
of its n-gram buffer: three quarters of its time on an article's opening, before the trials start.
Here the same steps run on whole strings: a character is normalised once per process (a translation
table that grows with the characters met), the n-grams come from the buffer's own rules written as
one loop, and the seven seeded trials are langdetect's, with the same random numbers in the same
order and the same arithmetic. The probabilities are langdetect's, bit for bit, for any text
(tests/reading/test_language.py compares them).
"""

from __future__ import annotations

import re
from itertools import repeat
from operator import add, mul
from typing import Any

# Scripts as langdetect's cleaning counts them: "Latin" is 'A' to 'z' (with [ \ ] ^ _ `), the rest
# every character from U+0300 up (it means to leave out the Latin Extended Additional block, but compares
# the block's number with its name, which never match).
_LATIN = re.compile(r"[A-z]")
_NOT_LATIN = re.compile("[\u0300-\U0010ffff]")
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
    if len(_LATIN.findall(text)) * 2 < len(_NOT_LATIN.findall(text)):
        text = "".join(char for char in text if char < "A" or char > "z")
    return text


def _ngrams(text: str, known: dict[str, Any]) -> list[str]:
    """The 1- to 3-grams of the normalised text that have profiles, in langdetect's order: its
    ``NGram.add_char`` and ``Detector._extract_ngrams`` as one loop (a space ends a word; a word's
    grams start with the space before it; none while two capitals follow each other)."""
    found: list[str] = []
    grams = " "
    capital = False
    for char in text:
        last = grams[-1]
        if last == " ":
            grams = " "
            capital = False
            if char == " ":
                continue
        elif len(grams) >= 3:
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
    return found


def probabilities(factory: Any, text: str) -> list[Any]:
    """``factory.create()``, ``append(text)``, ``get_probabilities()``: langdetect's ranked languages
    (``Language``: ``lang``, ``prob``); LangDetectException when the text has no n-gram it knows."""
    from langdetect.lang_detect_exception import ErrorCode, LangDetectException

    detector = factory.create()
    known = detector.word_lang_prob_map
    ngrams = _ngrams(_normalise(_cleaned(detector, text)), known)
    if not ngrams:
        raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
    languages = len(detector.langlist)
    ranked = [0.0] * languages
    chance = detector.random
    chance.seed(detector.seed)
    pick = chance._randbelow  # what random.choice calls: the same numbers, one call fewer
    count = len(ngrams)
    for _trial in range(detector.n_trial):
        prob = list(detector.prior_map) if detector.prior_map is not None else [1.0 / languages] * languages
        alpha = detector.alpha + chance.gauss(0.0, 1.0) * detector.ALPHA_WIDTH
        weight = alpha / detector.BASE_FREQ
        step = 0
        while True:
            # prob[i] *= weight + p[i], as langdetect's _update_lang_prob, in C-level maps
            prob = list(map(mul, prob, map(add, repeat(weight), known[ngrams[pick(count)]])))
            if step % 5 == 0:
                total, most = sum(prob), 0.0
                prob = [p / total for p in prob]
                for p in prob:
                    if most < p:
                        most = p
                if most > detector.CONV_THRESHOLD or step >= detector.ITERATION_LIMIT:
                    break
            step += 1
        for index in range(languages):
            ranked[index] += prob[index] / detector.n_trial
    detector.langprob = ranked
    return list(detector.get_probabilities())
