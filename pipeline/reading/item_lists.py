"""Where a page lists items of a few lines (teasers of other stories), and how much a line says what the
article says: line features for the line model (``line_features``).

A list of other stories repeats one small shape: a title of a few words, maybe a date or a section label, a
sentence of teaser, again and again. An article's own paragraphs are one shape over and over (period one),
so what marks a list is a period of two to four lines whose shapes differ inside it, repeated. A list item
or a sub-heading with its paragraph inside an article repeats too; what tells those apart is whether the
item speaks of what the article's head and first paragraphs speak of, so each line also gets the share of
its words found there. One pass over the page's lines per period; no pattern matching per line.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence

PERIODS = (2, 3, 4)
MIN_REPEATS = 2.5  # at least two whole items and half of a third: one heading with its paragraph is no list
_CAP = 20.0
OPENING_PARAGRAPHS = 3  # the article's first paragraphs whose words a line is weighed against
HEAD_LINES = 4  # the lines above the first paragraph that may hold the headline

# A line's coarse shape: what a list item's parts look like.
SHORT, TITLE, SENTENCE, DATED = 0, 1, 2, 3


def shape(words: int, sentence_end: bool, dated: bool) -> int:
    """A line's shape: a date or a dated label, a label of a few words, a title, or a sentence or longer."""
    if dated and words <= 8:
        return DATED
    if words <= 3:
        return SHORT
    if sentence_end or words >= 16:
        return SENTENCE
    return TITLE


def periodic_runs(shapes: Sequence[int]) -> list[tuple[int, float]]:
    """Each line's (period, repeats) in the longest run of lines that repeats a pattern of two to four
    shapes that are not all one shape; (0, 0.0) for a line in none. The shortest period wins a tie."""
    count = len(shapes)
    best: list[tuple[int, float]] = [(0, 0.0)] * count
    for period in PERIODS:
        start = 0
        while start + period < count:
            if shapes[start] != shapes[start + period]:
                start += 1
                continue
            end = start  # shapes[i] == shapes[i + period] for every i in start..end
            while end + 1 + period < count and shapes[end + 1] == shapes[end + 1 + period]:
                end += 1
            length = end - start + 1 + period
            repeats = length / period
            if repeats >= MIN_REPEATS and len(set(shapes[start:start + period])) > 1:
                for index in range(start, start + length):
                    if repeats > best[index][1]:
                        best[index] = (period, min(repeats, _CAP))
            start = end + 1
    return best


def content_words(words: Sequence[str], stops: frozenset[str]) -> set[str]:
    """The words of a line that say what it is about (four letters or more, no stop word)."""
    return {word for word in words if len(word) >= 4 and word not in stops}


def _shared(own: set[str], seen: Counter[str], in_it: bool) -> float:
    """The share of a line's words that other lines of a part of the page hold (-1 for a line with none)."""
    if not own:
        return -1.0
    least = 2 if in_it else 1  # a line of that part counts only what the other lines of it hold
    return sum(1 for word in own if seen[word] >= least) / len(own)


def list_features(shapes: Sequence[int], words: Sequence[set[str]], prose: Sequence[bool],
                  text_lines: Sequence[bool]) -> list[list[float]]:
    """Per line: its periodic run's period and repeats, the share of its words in the article's first
    paragraphs (the first lines of prose) and in the text lines of the head above them, and that share's
    mean over its run (-1 if none)."""
    count = len(shapes)
    runs = periodic_runs(shapes)
    opening = set(itertools.islice((index for index in range(count) if prose[index]), OPENING_PARAGRAPHS))
    first_prose = min(opening, default=count)
    head = {index for index in range(max(0, first_prose - HEAD_LINES), first_prose) if text_lines[index]}
    in_opening: Counter[str] = Counter(word for index in opening for word in words[index])
    in_head: Counter[str] = Counter(word for index in head for word in words[index])
    said = [_shared(words[index], in_opening, index in opening) for index in range(count)]
    headed = [_shared(words[index], in_head, index in head) for index in range(count)]
    run_means: list[float] = [-1.0] * count
    index = 0
    while index < count:  # a run is a stretch of lines with one period and one repeat count
        period = runs[index][0]
        end = index
        while end + 1 < count and runs[end + 1] == runs[index]:
            end += 1
        if period:
            known = [said[i] for i in range(index, end + 1) if said[i] >= 0]
            mean = sum(known) / len(known) if known else -1.0
            for i in range(index, end + 1):
                run_means[i] = mean
        index = end + 1
    # how much of what a line speaks of the page speaks of elsewhere (an article's paragraphs come back to
    # its subject; a teaser of another story shares its words with its own title at most), and the same
    # over the lines around it
    spread: Counter[str] = Counter(word for found in words for word in found)
    echoed = [sum(1 for word in found if spread[word] >= 3) / len(found) if found else -1.0 for found in words]
    around = []
    for index in range(count):
        known = [value for value in echoed[max(0, index - 3):index + 4] if value >= 0]
        around.append(sum(known) / len(known) if known else -1.0)
    return [[float(period), repeats, said[index], headed[index], run_means[index], echoed[index], around[index]]
            for index, (period, repeats) in enumerate(runs)]
