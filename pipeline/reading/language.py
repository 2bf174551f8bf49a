"""The language of an article: langdetect, seeded, with two checks it lacks.

langdetect knows 55 languages and always names one of them. West Frisian is not among them (it
reads as Afrikaans or Dutch), nor are Limburgish, Low Saxon or Luxembourgish: for those it makes a
guess. So Frisian is recognised by its own function words first, and a text long enough to tell
that langdetect cannot place, or whose words do not fit the language named, is reported as
unknown (``und``, ISO 639's "undetermined") instead of a wrong guess that validate would pass.
Text that is no language at all (a paywall's text obscured letter by letter) is left out of what is
weighed, and a text that is nothing else is unknown too.
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
# Common words of Dutch and German that Frisian writes otherwise (Dutch "het", "van", "niet", "ook" are
# Frisian "it", "fan", "net", "ek"): a Frisian text has them only where it quotes, a Dutch story that
# quotes Frisian has more of them than Frisian words.
_NOT_FRISIAN_WORDS = frozenset({
    "het", "van", "een", "niet", "zijn", "worden", "wordt", "naar", "voor", "ook", "maar", "uit", "hebben",
    "heeft", "nog", "werd", "zal", "deze", "door", "over", "veel", "meer", "geen", "zich", "hij", "wij", "ons",
    "tot", "tegen", "toen", "hier", "daar", "waar", "moet", "kunnen", "moeten", "gaat", "zo", "ze", "bij", "wel",
    "und", "ist", "nicht", "sich", "auf", "für", "von", "dem", "eine", "auch", "werden", "sind", "nach", "bei",
    "aus", "wird", "zu", "zum", "zur", "vom", "über",
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
# Words written in a language langdetect knows are mostly three-letter sequences its profiles hold
# (with the space before and after each word): on the corpus's pages a line of prose holds 0.5 of
# them and more, a page's sample 0.76 and more; text obscured letter by letter ("Ejf Gfvfsxfis ...")
# holds 0.1 to 0.57 in a line, 0.55 at most in a whole text. A line of `_LINE_LEAST_WORDS` words or
# more under `_LEAST_KNOWN_IN_LINE` is left out (judged by its first `_LINE_MOST_WORDS` words: obscured
# text is obscured throughout); what is kept is no language either when it holds under `_LEAST_KNOWN`.
_LINE_LEAST_WORDS = 8
_LINE_MOST_WORDS = 20
_LINE_HEAD_CHARS = 12 * _LINE_MOST_WORDS  # where a line's first words are looked for
_LEAST_GRAMS = 40  # fewer sequences than this (a few short words) tell nothing
_LEAST_KNOWN_IN_LINE = 0.45
_LEAST_KNOWN = 0.65
# Each word's count of sequences and of those the profiles hold, kept (the same words come back on
# every page); bounded, and let go when the profiles change.
_WORD_GRAMS: dict[str, tuple[int, int]] = {}
_WORD_GRAMS_OF: list[Any] = []
_WORD_GRAMS_MAX = 20_000


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
_BLANK_RUN = re.compile(r"\s{16,}")
# One letter written eight times or more in a row: no word of any language (a page's "aaaa..." filler), whose
# letter sequences langdetect would weigh as a language's ("aaa": Portuguese).
_LETTER_RUN = re.compile(r"([^\W\d_])\1{7,}")
_NOT_LETTERS = re.compile(r"[\W\d_]+")  # what is left without them is the letters, counted without a list of each
# The bytes that are no ASCII letter: what is left of a text's ASCII without them is its ASCII letters, a
# count of its letters that falls short only by those beyond ASCII.
_NOT_ASCII_LETTERS = bytes(code for code in range(128) if not chr(code).isalpha())
# A word of two letters or more: how many there are is the number of pieces between them, less one.
_WORDS_OF_TWO = re.compile(r"[^\W\d_]{2,}")


def _mostly_symbols(text: str) -> bool:
    """Fewer than half the characters are letters; the ASCII letters alone are counted first, which
    decide it for a text of Latin script."""
    if len(text.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTERS)) * 2 >= len(text):
        return False
    return len(_NOT_LETTERS.sub("", text)) * 2 < len(text)


_IS_LETTER: dict[int, str] = {}  # code point beyond U+00FF -> "a" for a letter (as `_WORDS_OF_TWO` has it), else " "
_LATIN1_LETTERS: list[bytes] = []  # the same for each of U+0000 to U+00FF, a byte each
_BEYOND_LATIN1 = re.compile("([^\x00-\xff]+)")


def _letter_mark(char: str) -> str:
    return "a" if _WORDS_OF_TWO.fullmatch(char + char) else " "


def word_count(text: str) -> int:
    """How many words of two letters or more the text holds: ``len(_WORDS_OF_TWO.findall(text))``,
    counted as the runs of two letters or more in the text written as "a" for each letter and a space
    for anything else (each character judged by the expression itself: U+0000 to U+00FF through a table
    of bytes, any other once a process)."""
    if not _LATIN1_LETTERS:
        _LATIN1_LETTERS.append("".join(_letter_mark(chr(code)) for code in range(256)).encode("ascii"))
    pieces = _BEYOND_LATIN1.split(text)  # runs up to U+00FF, with the runs beyond them between
    marks = []
    for index, piece in enumerate(pieces):
        if index % 2:
            for char in set(piece):
                if ord(char) not in _IS_LETTER:
                    _IS_LETTER[ord(char)] = _letter_mark(char)
            marks.append(piece.translate(_IS_LETTER).encode("ascii"))
        else:
            marks.append(piece.encode("latin-1").translate(_LATIN1_LETTERS[0]))
    return (b" " + b"".join(marks)).count(b" aa")


def _cleaned(text: str) -> str:
    if "[" in text[: 4 * LANGUAGE_SAMPLE_CHARS]:
        text = _without_shortcodes(text)  # the whole text: a long run of shortcodes may hide where the words begin
    if _LETTER_RUN.search(text, 0, 4 * LANGUAGE_SAMPLE_CHARS):
        text = _LETTER_RUN.sub(" ", text)
    opening = text[:LANGUAGE_SAMPLE_CHARS]
    if _mostly_symbols(opening):
        # Mostly symbols: where the words begin may lie past the sample, so the runs go from the whole text.
        text = _SYMBOL_RUN.sub(" ", text)
        text = _BLANK_RUN.sub(lambda run: "\n\n" if "\n" in run.group() else " ", text)  # blanks hide words too
    return text[: 4 * LANGUAGE_SAMPLE_CHARS]


def _opening(text: str) -> str:
    if len(text) <= LANGUAGE_SAMPLE_CHARS:
        return text
    cut = text.rfind(" ", 0, LANGUAGE_SAMPLE_CHARS)
    return text[:cut if cut > 0 else LANGUAGE_SAMPLE_CHARS]


def _known_grams(words: list[str], known: Any) -> tuple[int, int]:
    """How many of the words' three-letter sequences the profiles in ``known`` hold, and how many there are."""
    if not _WORD_GRAMS_OF or _WORD_GRAMS_OF[0] is not known:
        _WORD_GRAMS.clear()
        _WORD_GRAMS_OF[:] = [known]
    found = grams = 0
    for word in words:
        counts = _WORD_GRAMS.get(word)
        if counts is None:
            padded = f" {word.lower()} "
            counts = (sum(1 for start in range(len(padded) - 2) if padded[start:start + 3] in known),
                      len(padded) - 2)
            if len(_WORD_GRAMS) < _WORD_GRAMS_MAX:
                _WORD_GRAMS[word] = counts
        found += counts[0]
        grams += counts[1]
    return found, grams


def known_gram_share(words: list[str], known: Any) -> float:
    """The share of the words' three-letter sequences (with the space before and after each word) that
    the language profiles hold: how much the words look written in one of their languages."""
    found, grams = _known_grams(words, known)
    return found / grams if grams else 1.0


def language_sample(text: str, known: Any = None) -> tuple[str, int]:
    """The opening langdetect weighs, and how many words were left out of it as no language (see
    `_LEAST_KNOWN`; with no ``known``, none is): lines whose letter sequences the profiles in ``known``
    mostly lack, or all of it when what is left lacks them too."""
    text = _cleaned(text)
    if known is None:
        return _opening(text), 0
    kept: list[str] = []
    size = left_out = found = grams = 0
    for line in text.split("\n"):
        if size >= LANGUAGE_SAMPLE_CHARS:
            break  # the lines after the opening are not weighed: no need to judge them
        words = _WORD.findall(line, 0, _LINE_HEAD_CHARS)[:_LINE_MOST_WORDS]
        line_found, line_grams = _known_grams(words, known)
        if len(words) >= _LINE_LEAST_WORDS and line_found < _LEAST_KNOWN_IN_LINE * line_grams:
            left_out += len(_WORD.findall(line))
            continue
        kept.append(line)
        size += len(line) + 1
        found += line_found
        grams += line_grams
    if grams >= _LEAST_GRAMS and found < _LEAST_KNOWN * grams:
        # obscured text in short lines: none of it is a language
        return "", left_out + sum(len(_WORD.findall(line)) for line in kept)
    return _opening("\n".join(kept) if left_out else text), left_out


# A page that declares its language (an HTML page's ``<html lang>``, og:locale, Content-Language: see
# ``html_metadata.declared_language``) is in it when its words in lower case say so as well: at least this share of
# them the declared language's common words, and that share at least `_DECLARED_LEAD` times the share of every other
# language weighed here that has a list, in a text long enough (`_LONG_ENOUGH` times the words langdetect needs, in
# lower case). langdetect's trials are then not run. On the HTML pages of the evaluation sets (benchmarks/results.md,
# speed15) every page so decided is one langdetect gives that language, and every page langdetect gives its declared
# language (nl or en) has 0.37 of such words or more and 2.2 times the next language's share. A text of two
# languages, or a made-up one of one language's common words around another's other words, can pass where
# langdetect names the other or is unsure (the words are counted, not read): no page of those sets does.
_DECLARED_LEAST_STOP_SHARE = 0.35
_DECLARED_LEAD = 2.5


def declared_fits(declared: str, prose: list[str], codes: tuple[str, ...]) -> tuple[float, str, float] | None:
    """The declared language's share of the words (``prose``: those in lower case) that are its common words, and
    the other language with the largest such share and that share, when the words fit the declared language (see
    `_DECLARED_LEAST_STOP_SHARE`); else None. ``codes``: the languages weighed."""
    fit = stop_share(prose, declared)
    if fit is None or fit < _DECLARED_LEAST_STOP_SHARE:
        return None
    runner, most = "", 0.0
    for code in codes:
        share = stop_share(prose, code) if code != declared else None
        if share is not None and share > most:
            runner, most = code, share
    if fit < _DECLARED_LEAD * most:
        return None
    return fit, runner, most


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


@lru_cache(maxsize=64)  # every language weighed (`declared_fits` asks each of them): none let go and built again
def _stop_words(code: str) -> frozenset[str]:
    from stop_words import StopWordError, get_stop_words

    try:
        return frozenset(word for word in get_stop_words(code) if not word.isdigit())
    except StopWordError:
        return frozenset()


def frisian_share(tokens: list[str]) -> tuple[int, float]:
    """How many of the words are Frisian words (see `_FRISIAN_WORDS`), and their share."""
    hits = sum(map(_FRISIAN_WORDS.__contains__, tokens))
    return hits, hits / len(tokens) if tokens else 0.0


def is_frisian(tokens: list[str]) -> tuple[bool, str]:
    """Frisian when enough of the words are Frisian words and they outnumber the Dutch and German
    words Frisian writes otherwise (a Dutch story quoting Frisian has more of those); and why."""
    hits, share = frisian_share(tokens)
    # as many different Frisian words too: one word that Frisian shares with German ("wurde") said again and
    # again among words of no list is no Frisian text
    different = len(_FRISIAN_WORDS.intersection(tokens))
    others = sum(map(_NOT_FRISIAN_WORDS.__contains__, tokens))
    why = (f"Frisian words: {hits} of {len(tokens)} ({share:.2f}; {different} different), Dutch or German words "
           f"Frisian lacks: {others}")
    return hits >= _FRISIAN_LEAST and different >= _FRISIAN_LEAST and share >= _FRISIAN_SHARE and hits > others, why


def stop_share(tokens: list[str], code: str) -> float | None:
    """The share of the words that are stop words of the language; None when no list is known for it."""
    stops = _stop_words(code)
    if not stops or not tokens:
        return None
    return sum(map(stops.__contains__, tokens)) / len(tokens)


def detect_language(text: str, config: Config, given: str | None = None, declared: str = "") -> Found:
    """Frisian by its words, else the language the page declares (``declared``, one of the configured
    languages) where its common words fit it (`declared_fits`), else langdetect, seeded, over a sample of
    the text; too short to tell falls back to the language the source gives, else the configured default;
    long enough and still unsure, or with words that do not fit the language named, is unknown. Lines that
    are no language (obscured text) are left out first; a text of nothing else is unknown."""
    default = config.default_language
    source_code = (given or "").strip().lower()[:2]
    if source_code in config.languages:
        default = source_code
    words = word_count(text)
    if words < config.min_language_words:
        return Found(default, f"{_fallback(default, config)} (text too short to detect: {words} words)", "")
    codes = tuple(dict.fromkeys((*config.languages, *_NEIGHBOUR_LANGUAGES)))
    factory = _language_factory(codes)
    sample, left_out = language_sample(text, factory.word_lang_prob_map)
    written = _WORD.findall(sample)
    tokens = [token.lower() for token in written]
    prose = [token for token in written if token[0].islower()]  # a word is one letter or more
    # Long enough for an unsure guess to mean a language langdetect does not know, unless most words are
    # capitalised: a list of names and labels ("Jan Peeters, Raadslid; ...") says little of any language.
    long_enough = len(tokens) >= _LONG_ENOUGH * config.min_language_words and _LONG_ENOUGH * len(prose) >= len(tokens)
    # most of a text long enough to tell is of no language: unknown, rather than the default's guess
    mostly_no_language = left_out > len(tokens) and left_out + len(tokens) >= _LONG_ENOUGH * config.min_language_words
    left = f", {left_out} words of no language left out" if left_out else ""
    if not tokens:
        return _unknown_or_default(mostly_no_language, default, config, f"no words in a language{left}")
    frisian, why = is_frisian(tokens)
    if frisian:
        return Found("fy", why, f"{words} words")
    if len(prose) < config.min_language_words and _LONG_ENOUGH * len(prose) < len(tokens):
        # mostly names and labels, with too few other words to tell: whatever langdetect makes of the
        # names (Afrikaans, or unsure) is no language of the text
        return Found(default, f"{_fallback(default, config)} (names and labels: {len(prose)} of {len(tokens)} "
                              "words in lower case)", "")
    if declared in config.languages and not left_out and len(prose) >= _LONG_ENOUGH * config.min_language_words:
        fits = declared_fits(declared, prose, codes)
        if fits is not None:
            own, runner, most = fits
            against = f", {runner} {most:.0%}" if runner else ""
            return Found(declared, f"the page's declared language, its common words {own:.0%} of the words in lower "
                                   f"case{against}", f"{words} words")
    from langdetect.lang_detect_exception import LangDetectException

    from pipeline.reading.ngram_detector import probabilities

    try:
        ranked = probabilities(factory, sample)
    except LangDetectException:
        return _unknown_or_default(mostly_no_language, default, config, f"no letters to detect{left}")
    best = ranked[0]
    confidence = round(best.prob, 2)
    if left_out and len(tokens) < config.min_language_words:
        # what is left beside the text of no language (a caption beside an obscured story) is short:
        # its language only when langdetect is sure and its words are that language's common words
        fit = stop_share(tokens, best.lang)
        sure = best.prob >= config.min_language_confidence and len(tokens) >= _LINE_LEAST_WORDS
        if sure and fit is not None and fit >= _LEAST_STOP_SHARE:
            return Found(best.lang, f"langdetect on {len(tokens)} words, confidence {confidence:.2f}{left}",
                         f"{words} words")
        return _unknown_or_default(mostly_no_language, default, config,
                                   f"{len(tokens)} words in a language: {best.lang} {confidence:.2f}{left}")
    if best.prob < config.min_language_confidence:
        if long_enough:
            return Found(UNKNOWN, f"unknown language (langdetect unsure on {len(tokens)} words: "
                                  f"{best.lang} {confidence:.2f})", "")
        return Found(default, f"{_fallback(default, config)} (detection unsure: {best.lang} {confidence:.2f})", "")
    # the words written in lower case: a list of names (an attendance list) has few stop words in any
    # language, and says nothing against the language of the words around the names
    fit = stop_share(prose, best.lang) if len(prose) >= config.min_language_words else None
    if long_enough and fit is not None and fit < _LEAST_STOP_SHARE:
        return Found(UNKNOWN, f"unknown language (langdetect says {best.lang} {confidence:.2f}, but only "
                              f"{fit:.0%} of the words in lower case are its common words)", "")
    return Found(best.lang, f"langdetect, confidence {confidence:.2f}{left}", f"{words} words")


def _unknown_or_default(mostly_no_language: bool, default: str, config: Config, why: str) -> Found:
    """Unknown when most of the text was left out as no language; else too little to tell."""
    if mostly_no_language:
        return Found(UNKNOWN, f"unknown language: text of no language ({why})", "")
    return Found(default, f"{_fallback(default, config)} ({why})", "")


def _fallback(code: str, config: Config) -> str:
    return "default language" if code == config.default_language else "language given by the source"
