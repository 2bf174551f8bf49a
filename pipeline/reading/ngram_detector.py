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

import math
import random
import re
from bisect import bisect_left
from itertools import accumulate, chain
from typing import Any

# Scripts as langdetect's cleaning counts them: "Latin" is 'A' to 'z' (with [ \ ] ^ _ `), the rest
# every character from U+0300 up (it means to leave out the Latin Extended Additional block, but compares
# the block's number with its name, which never match).
# Counted as what is left when the rest goes (no list of every character): the Latin ones among the
# ASCII bytes of the text, and only when the text holds any of the rest.
_NOT_LATIN_ASCII = bytes(code for code in range(128) if not ord("A") <= code <= ord("z"))
_ALL_BUT_NOT_LATIN = re.compile("[^\u0300-\U0010ffff]+")
_SPACES = re.compile(" {2,}")
_NORMALISED: dict[int, str] = {}  # code point -> langdetect's normalised character, as met
_LATIN1: list[bytes] = []  # langdetect's normalised character of each of U+0000 to U+00FF, as one byte each
_BEYOND_LATIN1 = re.compile("([^\x00-\xff]+)")


def _normalise(text: str) -> str:
    """Each character as langdetect's ``NGram.normalize`` makes it: the characters up to U+00FF (which
    it keeps in that range) through a table of bytes, the rest one at a time through a table of those
    met."""
    from langdetect.utils.ngram import NGram

    if not _LATIN1:
        _LATIN1.append("".join(NGram.normalize(chr(code)) for code in range(256)).encode("latin-1"))
    pieces = _BEYOND_LATIN1.split(text)  # runs up to U+00FF, with the runs beyond them between
    for index in range(1, len(pieces), 2):
        for char in set(pieces[index]):
            if ord(char) not in _NORMALISED:
                _NORMALISED[ord(char)] = NGram.normalize(char)
        pieces[index] = pieces[index].translate(_NORMALISED)
    for index in range(0, len(pieces), 2):
        pieces[index] = pieces[index].encode("latin-1").translate(_LATIN1[0]).decode("latin-1")
    return "".join(pieces)


def _cleaned(detector: Any, text: str) -> str:
    """``Detector.append`` then ``Detector.cleaning_text``: addresses out, Vietnamese marks joined,
    cut to the detector's length, runs of spaces one space; Latin letters out of a text that is
    mostly another script. Each step only where what it looks for can be (an address's "http" or
    "@", a mark, two spaces, a character of another script)."""
    from langdetect.utils.ngram import NGram

    if "http" in text:
        text = detector.URL_RE.sub(" ", text)
    if "@" in text:
        text = detector.MAIL_RE.sub(" ", text)
    if any(mark in text for mark in NGram.DMARK_CLASS):
        text = NGram.normalize_vi(text)
    text = text[:detector.max_text_length]
    if "  " in text:
        text = _SPACES.sub(" ", text)
    others = len(_ALL_BUT_NOT_LATIN.sub("", text))
    if others and len(text.encode("ascii", "ignore").translate(None, _NOT_LATIN_ASCII)) * 2 < others:
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
    """``known[gram]`` for each gram of ``_ngrams(text, known)``, in the same order: each word's grams
    with the space after it, kept under the word, and the last word's, which has none."""
    cache = _WORD_PROFILES
    if not _WORD_PROFILES_OF or _WORD_PROFILES_OF[0] is not known:
        cache.clear()
        _WORD_PROFILES_OF[:] = [known]
    words = text.split(" ")
    last = words.pop()
    found: list[tuple[Any, ...] | None] = list(map(cache.get, words))
    if None in found:
        for index, profiles in enumerate(found):
            if profiles is None:
                word = words[index]
                profiles = cache.get(word)  # met before in this text
                if profiles is None:
                    profiles = tuple(known[gram] for gram in _word_ngrams(word + " ", known)) if word else ()
                    if len(cache) < _WORD_PROFILES_MAX:
                        cache[word] = profiles
                found[index] = profiles
    if last:
        found.append(tuple(known[gram] for gram in _word_ngrams(last, known)))
    return list(chain.from_iterable(found))  # type: ignore[arg-type]  # no None is left


class _Words:
    """The 32-bit words ``random.Random(seed)`` draws, in order, drawn as far as they are asked for.

    CPython's Mersenne Twister makes every number langdetect asks of it from these words:
    ``getrandbits(k)`` for k up to 32 is one word's top k bits, ``random()`` is two words' top 27 and
    26 bits, and ``gauss`` takes two ``random()`` for every second call. The trials are seeded afresh
    for every text, so with langdetect's fixed seed every text reads the same words: drawn once a
    process, and read from the list after (a few thousand words for the longest text); so are their
    top bits for each width a count of n-grams has (``getrandbits(width)``)."""

    def __init__(self, seed: Any) -> None:
        self.seed = seed
        self.source = random.Random(seed)  # what langdetect's ``random.seed(seed)`` makes of the seed
        self.words: list[int] = []
        self.tops: dict[int, list[int]] = {}  # width -> each word's top bits

    def upto(self, end: int) -> list[int]:
        """The words, at least ``end`` of them."""
        if end > len(self.words):
            draw = self.source.getrandbits
            self.words.extend([draw(32) for _ in range(max(end - len(self.words), 1024))])
        return self.words

    def top(self, width: int, end: int) -> list[int]:
        """``getrandbits(width)`` of each word (``width`` from 1 to 32), at least ``end`` of them."""
        words = self.upto(end)
        tops = self.tops.setdefault(width, [])
        if len(tops) < len(words):
            shift = 32 - width
            tops.extend([word >> shift for word in words[len(tops):]])
        return tops


_SEEDED: list[_Words] = []  # the words of the last seed given (langdetect's own is fixed by the factory)


def _words(seed: Any) -> _Words:
    if seed is None:
        return _Words(None)  # unseeded: new numbers every time, as langdetect draws them
    if not _SEEDED or _SEEDED[0].seed != seed or type(_SEEDED[0].seed) is not type(seed):
        _SEEDED[:] = [_Words(seed)]
    return _SEEDED[0]


def _uniform(words: list[int], at: int) -> float:
    """``random()`` from the two words at ``at``: CPython's ``random_random``."""
    return ((words[at] >> 5) * 67108864.0 + (words[at + 1] >> 6)) * (1.0 / 9007199254740992.0)


_TWO_PI = 2.0 * math.pi  # random.TWOPI
# Words read at a time for a trial's draws (a trial draws some 75 grams on an article, from about 120 words)
_FIRST_STRETCH = 128
_STRETCH = 48


def _draw(stream: _Words, read: int, size: int, profiles: list[Any], rows: list[Any]) -> int:
    """``random.choice(profiles)`` for each of the ``size`` words from ``read`` on whose top bits are
    below the count: the profiles drawn onto ``rows``; where the next stretch begins."""
    count = len(profiles)
    end = read + size
    rows.extend([profiles[top] for top in stream.top(count.bit_length(), end)[read:end] if top < count])
    return end


def _after(stream: _Words, read: int, end: int, count: int, draws: int) -> int:
    """Where the word after the ``draws``-th draw from ``read`` on is (``draws`` at least one, and
    drawn before ``end``)."""
    tops = stream.top(count.bit_length(), end)[read:end]
    return read + bisect_left(list(accumulate(map(count.__gt__, tops))), draws) + 1


def trial_shares(detector: Any, profiles: list[Any]) -> list[float]:
    """langdetect's ``Detector._detect_block`` after its n-grams: the seven seeded trials over the
    grams' profiles (``profiles``, not empty), each language's share averaged over the trials
    (``detector.langprob``, in the order of ``detector.langlist``), bit for bit.

    The same random numbers in the same order (read from the seed's words: `_Words`), and the same
    floating-point operations on the same numbers in the same order: each step multiplies every share
    by ``weight + p`` for the gram drawn; after the first step and every fifth after it the shares are
    divided by their sum, and the trial stops once the largest share passes the threshold. The five
    steps between two checks are one product per language, left to right, begun with the division that
    ends the check before them; the largest share checked is the largest before the division divided by
    the sum (rounding keeps order, so it is the largest of the quotients, the value langdetect's loop
    finds), or the smallest where the sum is below zero (a weight below zero, drawn far off its mean)."""
    languages = len(detector.langlist)
    count = len(profiles)
    width = count.bit_length()
    if width > 32:
        raise ValueError(f"{count} n-grams: more than one random word draws from")
    stream = _words(detector.seed)
    threshold, limit, trials = detector.CONV_THRESHOLD, detector.ITERATION_LIMIT, detector.n_trial
    base, alpha0, spread = detector.BASE_FREQ, detector.alpha, detector.ALPHA_WIDTH
    ranked = [0.0] * languages
    at = 0  # the next word to read
    spare = None  # the second normal number gauss made, for its next call
    for _trial in range(trials):
        prob = list(detector.prior_map) if detector.prior_map is not None else [1.0 / languages] * languages
        if spare is None:
            words = stream.upto(at + 4)
            x2pi = _uniform(words, at) * _TWO_PI
            g2rad = math.sqrt(-2.0 * math.log(1.0 - _uniform(words, at + 2)))
            at += 4
            normal = math.cos(x2pi) * g2rad
            spare = math.sin(x2pi) * g2rad
        else:
            normal, spare = spare, None
        alpha = alpha0 + (0.0 + normal * 1.0) * spread
        weight = alpha / base
        # the grams the trial draws (``random.choice``: a word's top bits, again while not below count),
        # a stretch of words at a time; where the last stretch read begins finds the word after the last draw
        rows: list[Any] = []
        start = at  # where the stretch last read begins, and the draws before it
        last = 0
        read = _draw(stream, at, _FIRST_STRETCH, profiles, rows)
        while not rows:
            start = read
            read = _draw(stream, read, _STRETCH, profiles, rows)
        first = rows[0]
        prob = [p * (weight + a) for p, a in zip(prob, first, strict=False)]
        total = sum(prob)
        used = 1
        step = 0
        while not ((max(prob) if total > 0 else min(prob)) / total > threshold or step >= limit):
            while used + 5 > len(rows):
                start, last = read, len(rows)
                read = _draw(stream, read, _STRETCH, profiles, rows)
            a1, a2, a3, a4, a5 = rows[used:used + 5]
            prob = [p / total * (weight + b1) * (weight + b2) * (weight + b3) * (weight + b4) * (weight + b5)
                    for p, b1, b2, b3, b4, b5 in zip(prob, a1, a2, a3, a4, a5, strict=False)]
            total = sum(prob)
            used += 5
            step += 5
        at = _after(stream, start, read, count, used - last)
        ranked = [share + p / total / trials for share, p in zip(ranked, prob, strict=False)]
    return ranked


def probabilities(factory: Any, text: str) -> list[Any]:
    """``factory.create()``, ``append(text)``, ``get_probabilities()``: langdetect's ranked languages
    (``Language``: ``lang``, ``prob``); LangDetectException when the text has no n-gram it knows."""
    from langdetect.lang_detect_exception import ErrorCode, LangDetectException

    detector = factory.create()
    known = detector.word_lang_prob_map
    profiles = _ngram_profiles(_normalise(_cleaned(detector, text)), known)
    if not profiles:
        raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
    detector.langprob = trial_shares(detector, profiles)
    return list(detector.get_probabilities())
