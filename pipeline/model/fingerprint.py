"""Near-duplicate text: a re-scraped page with a corrected word or an added paragraph is the same
article. Pure functions, stable across runs and machines (the bands are kept in the ingest record).

A text is the set of its five-word shingles. MinHash signs it with 32 values (one pass: each shingle's
hash falls in one of 32 bins, and each bin keeps its least); split into 8 bands of 4, two texts that
share most shingles share a band with near certainty (Jaccard 0.8: 98.5 %), and texts that share few
rarely do (0.3: 6 %). A shared band only makes a candidate: the candidate's
own text is compared exactly (``resemblance``) before anything is called an update.
"""

from __future__ import annotations

import re
import zlib

SHINGLE_WORDS = 5
_HASHES = 32
_ROWS = 4  # values per band: 8 bands
_MIX = 0x9E3779B1  # spreads crc32's bits before the bin is taken: the same on every machine and in every run
_MASK = (1 << 32) - 1
_WORD = re.compile(r"\w+")
# Texts this alike are one article: a correction, a paragraph added or cut, a new headline.
SAME_ARTICLE = 0.6


def shingles(text: str) -> set[int]:
    """The text's five-word shingles, hashed: words only, case and punctuation ignored (so Markdown
    marks and a re-flowed line do not count as a change)."""
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE_WORDS:
        return {zlib.crc32(" ".join(words).encode("utf-8"))} if words else set()
    return {zlib.crc32(" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8"))
            for i in range(len(words) - SHINGLE_WORDS + 1)}


def bands(text: str) -> list[str]:
    """The text's MinHash bands, as short strings (the band's number and its values): two texts with
    one band in common are candidates. None for a text too short to tell (fewer than 20 words)."""
    found = shingles(text)
    if len(found) < 16:
        return []
    least = [_MASK + 1] * _HASHES  # an empty bin keeps this: the same in both texts, so it counts as alike
    for value in found:
        mixed = (value * _MIX) & _MASK
        position, rest = mixed % _HASHES, mixed // _HASHES
        if rest < least[position]:
            least[position] = rest
    # Each band kept as its number and a 32-bit digest of its values: ten thousand articles' bands stay
    # small in the ingest record, and a digest shared by chance only makes a candidate, compared anyway.
    return [f"{start // _ROWS}:{zlib.crc32(repr(least[start:start + _ROWS]).encode()):08x}"
            for start in range(0, _HASHES, _ROWS)]


def resemblance(first: str | set[int], second: str | set[int]) -> float:
    """Jaccard similarity of the two texts' shingles: 1.0 the same words, 0.0 nothing in common. Either
    text may come as its shingles already made (a new text compared with several candidates)."""
    a = shingles(first) if isinstance(first, str) else first
    b = shingles(second) if isinstance(second, str) else second
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


# --- lines a source shows on every page ----------------------------------------------------------------

RECURRING_LINE_CHARS = 200  # a longer line is the article's own: never counted


def line_digest(line: str) -> str:
    """A short line's digest (spaces squashed, case ignored), the same in the ingest record and in the
    reader: "Deel dit artikel" on every page of a site is one digest. Empty for a line not counted."""
    text = " ".join(line.split()).casefold()
    if not text or len(text) > RECURRING_LINE_CHARS:
        return ""
    return f"{zlib.crc32(text.encode('utf-8', 'surrogatepass')):08x}"


def line_digests(text: str) -> set[str]:
    """The digests of a text's short lines, each once."""
    return {digest for line in text.split("\n") if (digest := line_digest(line))}
