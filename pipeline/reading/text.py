"""Decoding raw bytes and cleaning scraped text into paragraphs and headings.

Each step is a small function from text to text (or blocks to blocks), so a raw shape can use the
ones it needs and tests can pin each down on its own.
"""

from __future__ import annotations

import fnmatch
import functools
import html
import re
from dataclasses import dataclass

from pipeline.model.config import Config
from pipeline.model.dates import MONTHS
from pipeline.model.markdown import collapse_blank_lines
from pipeline.reading.repair import REPAIR_OPTIONS as REPAIR_OPTIONS
from pipeline.reading.repair import fix_mojibake as _fix_mojibake


def words(text: str) -> list[str]:
    """A word list written as one block of text, for long vocabularies."""
    return text.split()


class DecodeError(ValueError):
    """Bytes that are not text we can read; the message is the reason, for one line of report."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    repaired: bool  # mojibake was repaired


_LEGACY_ENCODINGS = ["cp1252", "latin_1", "iso8859_15", "utf_16"]
_MOST_CHAOS = 0.1  # charset-normalizer's "mess" of the text in an encoding found by detection alone
_NOT_TEXT_ENCODINGS = frozenset({"utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"})


def decode_bytes(data: bytes) -> Decoded:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or a legacy encoding; mojibake repaired."""
    if not data.strip():
        raise DecodeError("is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _repair(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            raise DecodeError("starts with a UTF-16 byte order mark but is not UTF-16") from None
    if b"\x00" in data:
        # A stray NUL or two in a page (a scraper's or a server's slip) is not what makes a file binary:
        # they go. Many, as in an image or UTF-16 without its mark, are.
        if data.count(b"\x00") > max(2, len(data) // 100):
            raise DecodeError("looks binary (contains NUL bytes), not text")
        data = data.replace(b"\x00", b"")
    try:
        return _repair(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for the rare non-UTF-8 file

    best = from_bytes(data, cp_isolation=_LEGACY_ENCODINGS).best()
    if best is None or best.encoding is None:
        # Not a Western legacy encoding either: any encoding that reads as text (a page that says it is
        # UTF-8 but is gb2312 or Shift_JIS), if the detector is sure of it.
        best = from_bytes(data).best()
        if best is not None and (best.chaos > _MOST_CHAOS or best.encoding in _NOT_TEXT_ENCODINGS):
            best = None
    if best is None or best.encoding is None:
        raise DecodeError("cannot be decoded: not UTF-8 and no known encoding fits")
    text = str(best)
    if _control_ratio(text) > 0.05:
        raise DecodeError("looks binary (too many control characters), not text")
    return _repair(text, best.encoding)


# Control characters that no text has (tab, newlines and form feed are text's own), as UTF-8 bytes.
_CONTROL_BYTES = bytes((*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20)))


def _control_ratio(text: str) -> float:
    # Counted in the text's UTF-8 bytes at C speed, not a Python step per character: a control
    # character is one byte there, and no byte of any other character is below 0x80.
    data = text.encode("utf-8", "surrogatepass")
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    return controls / max(len(text), 1)


def _repair(text: str, encoding: str) -> Decoded:
    if _control_ratio(text) > 0.05:
        raise DecodeError("looks binary (too many control characters), not text")
    fixed = _fix_mojibake(text)
    return Decoded(fixed, encoding, fixed != text)


# --- markup and whitespace --------------------------------------------------------------------

# Every pattern here runs in time linear in the text, whatever the text is: a tag's attributes stop at
# the next < (so an unclosed tag is scanned once, not once per < before it), runs are possessive, and
# what would need a scan to the end from every start (an unclosed <script> or <!--) is found with
# str.find, once per kind (tests/reading/test_linear_time.py holds them to it).
_DROPPED_TAGS = ("script", "style", "iframe", "noscript", "template", "object", "embed", "svg", "form")
_DROPPED_OPEN = re.compile(r"<(" + "|".join(_DROPPED_TAGS) + r")\b[^<>]*+>", re.I)
_DROPPED_CLOSE = {tag: re.compile(rf"</{tag}\s*+>", re.I) for tag in _DROPPED_TAGS}
_UNCLOSED_DROPPED = re.compile(r"<(script|style|iframe)\b[^<>]*+>", re.I)
_BLOCK_TAG = re.compile(r"</?(p|div|section|article|h[1-6]|li|ul|ol|blockquote|table|tr|figure)\b[^<>]*+>", re.I)
_BREAK_TAG = re.compile(r"<br\s*+/?>", re.I)
_ANY_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9:-]*+)(?:\s[^<>]*+)?/?>")
# What a tag's name may be: HTML's own elements, custom ones (a hyphen) and namespaced ones (o:p);
# "<config files>" or "<naam>" in a sentence is text, never a tag.
HTML_ELEMENTS = frozenset(words("""
a abbr acronym address area article aside audio b base basefont bdi bdo big blink blockquote body br button
canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed
fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i
iframe img input ins kbd label legend li link main map mark marquee menu meta meter nav nobr noframes
noscript object ol optgroup option output p param picture plaintext pre progress q rp rt ruby s samp script
search section select small source span strike strong style sub summary sup svg table tbody td template
textarea tfoot th thead time title tr track tt u ul var video wbr xmp image math path g use
"""))


def _tag_or_text(match: re.Match[str]) -> str:
    name = match.group(1).lower()
    return "" if name in HTML_ELEMENTS or "-" in name or ":" in name else match.group()
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u200b\u200c\u200d\u2060\ufeff]")  # and the soft hyphen
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")


def drop_with_content(text: str) -> str:
    """``<script>...</script>`` and its kind out, content and all; an opening tag never closed stays
    (for the unclosed-tag rule). Once a kind of tag is known to have no closing tag after some point, no
    later opening tag of that kind looks for one again: each part of the text is searched once a kind."""
    kept: list[str] = []
    position = 0  # kept up to here
    unclosed_after: dict[str, int] = {}  # kind -> no closing tag of that kind from here on
    for opening in _DROPPED_OPEN.finditer(text):
        if opening.start() < position:
            continue  # inside content dropped already
        kind = opening.group(1).lower()
        if opening.end() >= unclosed_after.get(kind, len(text) + 1):
            continue
        closing = _DROPPED_CLOSE[kind].search(text, opening.end())
        if closing is None:
            unclosed_after[kind] = opening.end()
            continue
        kept.append(text[position:opening.start()])
        position = closing.end()
    if not kept:
        return text
    kept.append(text[position:])
    return "".join(kept)


def drop_comments(text: str) -> str:
    """``<!-- ... -->`` out; an opening that is never closed stays, as it is."""
    kept: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break
        kept.append(text[position:start])
        position = end + 3
    if not kept:
        return text
    kept.append(text[position:])
    return "".join(kept)


def strip_markup(text: str) -> str:
    """HTML leftovers out: scripts and frames with their content, block tags to paragraph breaks,
    other tags dropped, entities decoded (twice, for the doubly escaped ``&amp;nbsp;``)."""
    text = drop_with_content(text)
    text = _UNCLOSED_DROPPED.sub("", text)
    text = _BREAK_TAG.sub("\n", text)
    text = _BLOCK_TAG.sub("\n\n", text)
    text = _ANY_TAG.sub(_tag_or_text, drop_comments(text))
    for _ in range(2):
        if "&" not in text:
            break
        text = html.unescape(text)
    # Entities may have produced new tags ("&lt;script&gt;"): drop those too.
    text = drop_with_content(text)
    return _ANY_TAG.sub(_tag_or_text, drop_comments(text))


def plain_spaces(text: str) -> str:
    """Non-breaking and other odd spaces to plain ones, invisible characters out, line ends trimmed."""
    text = _CONTROL.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


# --- boilerplate --------------------------------------------------------------------------------


def is_boilerplate(line: str, patterns: tuple[str, ...]) -> bool:
    """A whole line matching a configured pattern (case-insensitive, '*' for any rest)."""
    probe = " ".join(line.lower().split()).strip(" .:|-–—")
    return bool(probe) and _boilerplate_pattern(patterns).fullmatch(probe) is not None


def boilerplate_regexes(patterns: tuple[str, ...]) -> list[str]:
    """The config's boilerplate patterns (shell wildcards, any case, end punctuation ignored) as
    regexes for a whole line. fnmatch.translate gives "(?s:...)\\Z": the end anchor is fullmatch's job."""
    return [fnmatch.translate(pattern.lower().rstrip(" ."))[:-2] for pattern in patterns]


@functools.lru_cache(maxsize=8)
def _boilerplate_pattern(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """All patterns as one regex, made once per config (fnmatchcase translates each anew per line)."""
    return re.compile("|".join(boilerplate_regexes(patterns)) or "(?!)")


def drop_boilerplate(lines: list[str], patterns: tuple[str, ...]) -> list[str]:
    return [line for line in lines if not is_boilerplate(line, patterns)]


# --- sentences ----------------------------------------------------------------------------------

ABBREVIATIONS = {
    "o.a", "bijv", "bv", "b.v", "d.w.z", "dwz", "m.a.w", "enz", "etc", "e.d", "i.p.v", "ipv", "t.o.v",
    "n.a.v", "m.b.t", "mbt", "z.g.a.n", "ca", "resp", "incl", "excl", "evt", "jl", "a.s", "nl", "nr",
    "dr", "drs", "ir", "ing", "mr", "mevr", "dhr", "prof", "st", "mw", "e.g", "i.e", "vs", "mrs", "ms",
    "jr", "sr", "inc", "ltd", "no", "fig", "z.b", "u.a", "bzw", "vgl", "jan", "feb", "febr", "mrt",
    "apr", "jun", "jul", "aug", "sep", "sept", "okt", "oct", "nov", "dec",
    # a law's parts and a citation's ("§ 4a Abs. 2", "art. 6 lid 1", "NJ 2006/393, m.nt. X", "Rn. 12", "pp. 4-6")
    "abs", "art", "artt", "nrs", "blz", "ziff", "rn", "rdnr", "az", "aufl", "bzgl", "ggf", "m.nt", "nt", "pp", "para",
    "paras", "cf", "jo", "bijl", "hfdst",
}

# "gestegen.Uit": a full stop glued to a capital. Not in URLs, e-mail, numbers ("3.5") or initials.
_GLUED = re.compile(r"(?<=[a-zà-ÿ0-9\)\"”’%])([.!?])(?=[A-ZÀ-Þ][a-zà-ÿ])")
_URLISH = re.compile(r"(?:https?://|www\.|@|/|\.(?:nl|com|org|net|eu|be|de|io|ai|co|uk)\b)", re.I)
_TOKEN = re.compile(r"[^ \n]++")  # what a glued full stop is judged in: the text between spaces and line breaks
_LONGEST_STEM = 64  # no abbreviation or run of initials is longer: a longer word is no reason to leave a stop


def split_glued_sentences(text: str) -> str:
    if _GLUED.search(text) is None:
        return text
    return _TOKEN.sub(_split_glued_token, text)


def _split_glued_token(found: re.Match[str]) -> str:
    """The glued full stops of one token split, each judged by the token (a URL is left alone) and the
    word before it (an abbreviation or initials keep theirs): the token is looked at once, not once a stop."""
    token = found.group()
    if _GLUED.search(token) is None or _URLISH.search(token):
        return token

    def fix(match: re.Match[str]) -> str:
        start = match.start()
        if start <= _LONGEST_STEM:
            stem = token[:start].lower().lstrip("(\"'“‘")
            if match.group(1) == "." and (stem in ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", stem)):
                return match.group(1)
            if stem.isdigit() and len(stem) < 2:  # "nr. 5.De": too close to a numbered item to touch
                return match.group(1)
        return match.group(1) + " "

    return _GLUED.sub(fix, token)


def _is_abbreviation(word: str) -> bool:
    """ "bijv", "o.a", a single initial: a full stop after these does not end a sentence."""
    return word in ABBREVIATIONS or re.fullmatch(r"[a-z]|(?:[a-z]\.)+[a-z]", word) is not None


# A run of stops is tried once, from its first character (the lookbehind), and never given back.
_SENTENCE_END = re.compile(r"(?<![.!?…])([.!?…]++[\"”’)]*+)\s++(?=[\"“‘(]?[A-ZÀ-Þ0-9])")


def _month_follows(text: str, at: int) -> bool:
    """ "am 13. Dezember 2021": a day's number with its stop before the month's name ends no sentence."""
    following = text[at: at + 12].split(maxsplit=1)
    return bool(following) and following[0].rstrip(".,").lower() in MONTHS


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; abbreviations and initials do not end one."""
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end(1)
        if match.group(1).startswith("."):
            word_start = end  # the last word before the stop, found from the stop: each word is read once
            while word_start > start and not text[word_start - 1].isspace():
                word_start -= 1
            last_word = text[word_start:end].lower().rstrip(".!?…\"”’)").lstrip("(\"“‘")
            if _is_abbreviation(last_word) or (
                    last_word.isdigit() and len(last_word) <= 2 and _month_follows(text, match.end())):
                continue
        sentences.append(text[start:end].strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


# --- blocks: paragraphs and headings ------------------------------------------------------------

_END_PUNCTUATION = tuple(".!?:;,…\"”’)»")
_LIST_ITEM = re.compile(r"([-*•]|\d{1,2}[.)])\s")
_NUMBERED_QUESTION = re.compile(r"\d{1,2}[.)]\s+\S.*\?")


def split_blocks(text: str) -> list[list[str]]:
    """Text to blocks of non-empty lines, split at blank lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def join_block(lines: list[str]) -> str:
    """A paragraph hard-wrapped over lines becomes one line; list items stay lines."""
    if any(_LIST_ITEM.match(line) for line in lines[1:]):
        return "\n".join(lines)
    return " ".join(lines)


def looks_like_heading(line: str) -> bool:
    """A bare sub-heading: one short line, capitalised, not ending like a sentence.
    "Tot 2024." ends in a full stop and stays a paragraph; "1. In welke sectoren ...?" is a heading."""
    if "\n" in line or len(line) > 100 or len(line.split()) > 14:
        return False
    if _NUMBERED_QUESTION.fullmatch(line):
        return True
    first = line.lstrip("‘'\"“„«(")[:1]
    if not first or not (first.isupper() or first.isdigit()):
        return False
    if _LIST_ITEM.match(line):
        return False
    return not line.endswith(_END_PUNCTUATION) or (line.endswith(("’", "”", "“", "»")) and not line[:-1].endswith(
        _END_PUNCTUATION
    ))


def prepare_text(text: str) -> str:
    """Newlines, markup, spaces and glued sentences repaired; every line kept for the page reader."""
    text = normalise_newlines(text)
    if "<" in text or "&" in text:
        text = strip_markup(text)
    return split_glued_sentences(plain_spaces(text))


def comparable(text: str) -> str:
    """Words only, lower case: to tell whether two texts say the same."""
    return " ".join(re.findall(r"\w+", text.lower()))







# --- glued sub-headings and datelines -------------------------------------------------------------

# Words that start a sentence: capitalised in the middle of a clause they mark where a bare
# sub-heading was glued to its paragraph ("Van redacteur naar bakker Ook Janet ...").
SENTENCE_STARTERS = frozenset(words("""
Ook Die Dat Dit Deze Toch Maar En Volgens Nu Er Wel Niet Voor Met Bij Na Als Hoewel Ze Hij Zij We Wij
Ik Je Jij Uit Over Sinds Tot Door Wat Waar Wie Hoe Waarom Daar Dan Omdat Zo Al Veel Sommige Sommigen
Alle Vooral Inmiddels Bovendien Daarnaast Intussen Ondertussen Verder Daarom Dus Want Tegelijk Echter
Zeker Vorig Vorige Afgelopen Eerder Later Op In Aan Onder Tijdens Niemand Iedereen Steeds Soms Vaak
Ruim Bijna Meer Minder Geen Elke Ieder Iedere Zijn Haar Hun Onze Het De Een
The A An This That These Those It He She They We You But And On At For With As After Before When
While According However Many Some Most All Then There Here Last Since Until Although Because Yet
Still Also His Her Their Our Its Every Each
"""))
_ARTICLES = frozenset({"De", "Het", "Een", "The", "A", "An"})  # also start names: "De Telegraaf"
# A heading does not end in a word that needs more after it.
DANGLING_WORDS = frozenset(words("""
de het een van naar voor met in op en of dat die te om aan bij door als uit over tot tijdens na sinds zonder
tegen onder boven achter the a an of to and or for with on at by from as is zijn was during after since
der die das und oder mit von zu im am bei nach
"""))
_GLUED_QUESTION = re.compile(r"(\d{1,2}[.)]\s+[^?\n]{5,160}\?)\s+(?=[\"“‘'(]?[A-ZÀ-Þ0-9])")


def split_glued_heading(paragraph: str) -> tuple[str, str] | None:
    """A sub-heading glued to the start of its paragraph on one line: (heading, paragraph), or None.

    Only the first clause is searched (no punctuation before the join), the join must be a
    sentence-starting word, and both parts must look like what they are."""
    question = _GLUED_QUESTION.match(paragraph)
    if question:
        rest = paragraph[question.end():]
        return (question.group(1), rest) if len(rest.split()) >= 3 else None
    words = paragraph.split(" ")
    for index in range(1, min(len(words) - 5, 13)):
        before, word = words[index - 1], words[index]
        if re.search(r"[.!?:;,()\"“”]", before):
            return None  # the first clause ended: a heading would have come before this
        if word not in SENTENCE_STARTERS or before.lower() in DANGLING_WORDS:
            continue
        if not re.search(r"[a-zà-ÿ0-9’']$", before):
            continue
        following = words[index + 1]
        if word in _ARTICLES and not following[:1].islower():
            continue
        heading, rest = " ".join(words[:index]), " ".join(words[index:])
        if looks_like_heading(heading) and len(heading) >= 8 and _ends_a_sentence(rest):
            return heading, rest
    return None


def _ends_a_sentence(text: str) -> bool:
    """Whether the text's last word holds a full stop, question or exclamation mark (what the search
    ``[.!?…]\\S*$`` says, without trying every stop in the text)."""
    tail = text[:-1] if text.endswith("\n") else text
    if not tail or tail[-1].isspace():
        return False
    return any(mark in tail.rsplit(None, 1)[-1] for mark in ".!?…")


# "APELDOORN -" or "DEN HAAG (ANP) -" on its own line: the dateline of the next paragraph.
_LONE_DATELINE = re.compile(r"[A-ZÀ-Þ][A-ZÀ-Þ'’\-. ]{1,40}(?:\s*\([^)]{1,30}\))?\s*[-–—]")


def join_lone_dateline(blocks: list[str]) -> list[str]:
    """A dateline left alone on its line stays with the lede it opens."""
    if len(blocks) >= 2 and _LONE_DATELINE.fullmatch(blocks[0]):
        return [f"{blocks[0]} {blocks[1]}", *blocks[2:]]
    return blocks


# --- strings the source gives (titles, authors, JSON values) -------------------------------------


def repair_text(text: str) -> str:
    """Mojibake inside a string repaired (JSON escapes hide it from the whole-file repair)."""
    if text.isascii():
        return text
    return _repair(text, "utf-8").text


def clean_inline(text: str) -> str:
    """A one-line value (title, author, byline segment): markup out, entities decoded, spaces plain."""
    text = repair_text(normalise_newlines(text))
    if "<" in text or "&" in text:
        text = strip_markup(text)
    return " ".join(plain_spaces(text).split())


# --- Markdown bodies: already structured, so only repaired, never re-flowed ----------------------


def clean_markdown(text: str, config: Config) -> str:
    """A Markdown body: dangerous and stray tags out, spaces plain, boilerplate lines dropped,
    trailing spaces and blank-line runs gone; headings, lists and indentation kept."""
    text = normalise_newlines(text)
    if "<" in text or "&" in text:
        text = strip_markup(text)
    text = _CONTROL.sub("", text).replace("\u00a0", " ").replace("\u202f", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    lines = drop_boilerplate(lines, config.boilerplate)
    return collapse_blank_lines("\n".join(lines))
