"""The language of an article: langdetect, seeded, with two checks it lacks.

langdetect knows 55 languages and always names one of them. West Frisian is not among them (it
reads as Afrikaans or Dutch), nor are Limburgish, Low Saxon or Luxembourgish: for those it makes a
guess. So Frisian is recognised by its own function words first, and a text long enough to tell
that langdetect cannot place, or whose words do not fit the language named, is reported as
unknown (``und``, ISO 639's "undetermined") instead of a wrong guess that validate would pass.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pipeline.model.config import Config
from pipeline.model.evidence import Found

UNKNOWN = "und"

# Profiles loaded besides the accepted languages: the ones short Dutch text is mistaken for, and
# the neighbours a newsroom meets. Loading a handful instead of all 55 takes ms instead of 0.4 s.
_NEIGHBOUR_LANGUAGES = ("nl", "en", "de", "fr", "af", "da", "sv", "no", "es", "it", "pt")

# langdetect's cost grows with the text while its answer settles within a few hundred words: a
# sample of the opening is as sure as the whole article, at a fraction of the time.
LANGUAGE_SAMPLE_CHARS = 2000

# West Frisian function and common words that are not words of Dutch, English or German (so "it",
# "net", "wie", "mei", "man", "hat", "noch" are left out: each is a common word of one of those).
_FRISIAN_WORDS = frozenset({
    "yn", "fan", "hie", "hawwe", "binne", "wiene", "wurde", "wurdt", "waard", "troch", "foar", "ek", "dêr",
    "hjir", "hjoed", "ús", "harren", "dizze", "sûnt", "wêr", "wêrom", "dy't", "dat't", "oan", "út", "nei",
    "tusken", "sil", "soe", "soene", "kinne", "moat", "moatte", "giet", "gean", "gie", "gjin", "mear", "ien",
    "oer", "nije", "jier", "jierren", "krije", "krijt", "kriget", "sizze", "seit", "folle", "hiel", "hielendal",
    "tige", "earst", "earste", "lêste", "grutte", "lytse", "minsken", "wurk", "tsjin", "allinnich", "altyd",
    "noait", "dochs", "fierder", "dêrom", "dêrnei", "hjirmei", "hja", "syn", "myn", "dyn", "oant", "ûnder",
    "boppe", "efter", "mooglik", "nedich", "provinsje", "fryslân", "frysk", "fryske", "ljouwert", "wenje",
    "wenningen", "skoalle", "tsjerke", "ried", "deputearre", "steaten", "bestjoer", "stee", "hûs", "hûzen",
    "wol't", "sjen", "sjogge", "sjoen", "dwaan", "docht", "witte", "nij", "âlde", "âld", "tagelyk", "neffens",
    "omkriten", "doarp", "doarpen", "buert", "sûnens", "jild", "fûn", "sa't", "wêze", "wiif", "frou",
    "mar", "tiid", "ferline", "hiele", "lês", "wy", "jimme", "faak", "sels", "allegear", "jout", "nimme",
})
# The share of a text's words that must be Frisian, and how many at least: Dutch prose has next to
# none of them (a Frisian place name at most), Frisian prose one word in six or more.
_FRISIAN_SHARE = 0.08
_FRISIAN_LEAST = 6
# A text this many times `min_language_words` is long enough for an unsure or ill-fitting guess to
# mean the language is one langdetect does not know, rather than that the text is too short.
_LONG_ENOUGH = 3
# Prose in a language has many of its stop words (a third or more of its words in nl, en and de); a
# text langdetect names that language with few of them is another language it took for that one.
_LEAST_STOP_SHARE = 0.12
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


# A page builder's shortcode left in the text ("[fusion_builder_container hundred_percent="no" ...]"):
# markup, whose attribute words are English whatever the article's language.
_SHORTCODE = re.compile(r"\[[^\[\]\n]{1,4000}\]")


def _without_shortcodes(text: str) -> str:
    if "[" not in text:
        return text
    return _SHORTCODE.sub(lambda found: " " if "=" in found.group() or "_" in found.group().split(" ", 1)[0]
                          else found.group(), text)


# A run of symbols (a scraper's "[[[[...", a row of "=" or "*"): no letters for langdetect to weigh.
_SYMBOL_RUN = re.compile(r"(?:[^\w\s]|[\d_]){16,}")
_LETTER = re.compile(r"[^\W\d_]")


def language_sample(text: str) -> str:
    if "[" in text[: 4 * LANGUAGE_SAMPLE_CHARS]:
        text = _without_shortcodes(text)  # the whole text: a long run of shortcodes may hide where the words begin
    opening = text[:LANGUAGE_SAMPLE_CHARS]
    if len(_LETTER.findall(opening)) * 2 < len(opening):
        # Mostly symbols: where the words begin may lie past the sample, so the runs go from the whole text.
        text = _SYMBOL_RUN.sub(" ", text)
    text = text[: 4 * LANGUAGE_SAMPLE_CHARS]
    if len(text) <= LANGUAGE_SAMPLE_CHARS:
        return text
    cut = text.rfind(" ", 0, LANGUAGE_SAMPLE_CHARS)
    return text[:cut if cut > 0 else LANGUAGE_SAMPLE_CHARS]


@lru_cache(maxsize=4)
def _language_factory(languages: tuple[str, ...]) -> Any:
    import json
    from pathlib import Path

    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
    from langdetect.utils.lang_profile import LangProfile

    factory = DetectorFactory()
    factory.seed = 0  # langdetect is random unless seeded: the same text must give the same answer
    profiles = []
    for code in languages:
        path = Path(PROFILES_DIRECTORY) / code
        if path.is_file():
            profiles.append(json.loads(path.read_text(encoding="utf-8")))
    for index, profile in enumerate(profiles):
        factory.add_profile(LangProfile(**profile), index, len(profiles))
    return factory


@lru_cache(maxsize=8)
def _stop_words(code: str) -> frozenset[str]:
    from stop_words import StopWordError, get_stop_words

    try:
        return frozenset(word for word in get_stop_words(code) if not word.isdigit())
    except StopWordError:
        return frozenset()


def frisian_share(tokens: list[str]) -> tuple[int, float]:
    """How many of the words are Frisian words (see `_FRISIAN_WORDS`), and their share."""
    hits = sum(1 for token in tokens if token in _FRISIAN_WORDS)
    return hits, hits / len(tokens) if tokens else 0.0


def stop_share(tokens: list[str], code: str) -> float | None:
    """The share of the words that are stop words of the language; None when no list is known for it."""
    stops = _stop_words(code)
    if not stops or not tokens:
        return None
    return sum(1 for token in tokens if token in stops) / len(tokens)


def detect_language(text: str, config: Config, given: str | None = None) -> Found:
    """Frisian by its words, else langdetect, seeded, over the text's opening; too short to tell
    falls back to the language the source gives, else the configured default; long enough and
    still unsure, or with words that do not fit the language named, is unknown."""
    default = config.default_language
    source_code = (given or "").strip().lower()[:2]
    if source_code in config.languages:
        default = source_code
    sample = language_sample(text)
    written = _WORD.findall(sample)
    tokens = [token.lower() for token in written]
    words = len(re.findall(r"[^\W\d_]{2,}", text))
    if words < config.min_language_words:
        return Found(default, f"{_fallback(default, config)} (text too short to detect: {words} words)", "")
    frisian, share = frisian_share(tokens)
    if frisian >= _FRISIAN_LEAST and share >= _FRISIAN_SHARE:
        return Found("fy", f"Frisian words: {frisian} of {len(tokens)} ({share:.2f})", f"{words} words")
    from langdetect.lang_detect_exception import LangDetectException

    codes = tuple(dict.fromkeys((*config.languages, *_NEIGHBOUR_LANGUAGES)))
    from pipeline.reading.ngram_detector import probabilities

    try:
        ranked = probabilities(_language_factory(codes), sample)
    except LangDetectException:
        return Found(default, f"{_fallback(default, config)} (no letters to detect)", "")
    best = ranked[0]
    confidence = round(best.prob, 2)
    long_enough = len(tokens) >= _LONG_ENOUGH * config.min_language_words
    if best.prob < config.min_language_confidence:
        if long_enough:
            return Found(UNKNOWN, f"unknown language (langdetect unsure on {len(tokens)} words: "
                                  f"{best.lang} {confidence:.2f})", "")
        return Found(default, f"{_fallback(default, config)} (detection unsure: {best.lang} {confidence:.2f})", "")
    # the words written in lower case: a list of names (an attendance list) has few stop words in any
    # language, and says nothing against the language of the words around the names
    prose = [token for token in written if token[:1].islower()]
    fit = stop_share(prose, best.lang) if len(prose) >= config.min_language_words else None
    if long_enough and fit is not None and fit < _LEAST_STOP_SHARE:
        return Found(UNKNOWN, f"unknown language (langdetect says {best.lang} {confidence:.2f}, but only "
                              f"{fit:.0%} of the words in lower case are its common words)", "")
    return Found(best.lang, f"langdetect, confidence {confidence:.2f}", f"{words} words")


def _fallback(code: str, config: Config) -> str:
    return "default language" if code == config.default_language else "language given by the source"
