"""What the line model sees of each line of a page: numbers, a plain function of the line and its context.

As in boilerpipe and jusText, each line is described by shallow features of its own (length, case,
final punctuation, stop-word density, digits), what the exact rules say of it (the furniture,
caption, byline and date-line patterns of ``furniture``, the kinds of line of ``lines``), where it
stands (position in the page, in its block, before or after the first line of prose), how often the
page repeats it, how often the workspace saw it in other files of the same source and of all sources,
and the same few features of the lines before and after it. ``page_features`` gives one row per line,
in the order of ``FEATURES``; the model (``line_model``) was trained on rows made by this function, so
a change here means training again (``benchmarks/train_reader.py``).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Mapping

from pipeline.model.fingerprint import line_digest
from pipeline.reading.date_lines import find_date_token
from pipeline.reading.furniture import is_list_header, is_name_line, is_signature, strip_bullets
from pipeline.reading.lines import (
    SENTENCE_END,
    Kind,
    PageLine,
    is_caps_label,
    is_prose,
    is_reference,
    stop_word_density,
    stop_words,
)
from pipeline.reading.subheadings import is_numbered_section, is_subheading  # the page reader's own shape tests
from pipeline.reading.text import comparable

# What the exact rules said of the line before the model looks (``page._classify`` and the steps
# before the head is read), as groups of their reasons.
_RULE_GROUPS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("navigation", re.compile(r"navigation|breadcrumb|a word or two above|menu")),
    ("call to action", re.compile(r"call to action|comments?|comment rules|live ticker")),
    ("promotion", re.compile(r"newsletter|paywall|advertising|cookies|consent|subscription")),
    ("page metadata", re.compile(r"category|reading time|time ago|date label|editor's label|site|disclaimer")),
    ("case metadata", re.compile(r"case metadata")),
    ("share", re.compile(r"share line")),
    ("fragment", re.compile(r"stray fragment|table row")),
    ("outside the run", re.compile(r"outside the page's run")),
)

_OWN = ("words", "chars", "upper share", "capitalised share", "digit share", "stop-word density", "prose",
        "ends with full stop", "ends with question mark", "ends with colon", "ends with letter or digit",
        "starts in lower case", "starts with bullet", "starts with digit", "starts with quote", "has bar",
        "has address", "inner colon", "commas", "caps label", "reference", "name", "signature",
        "sub-heading shape", "numbered section", "list header", "date in it", "rule: furniture", "rule: caption",
        "rule: byline", "rule: date line", *(f"rule: {name}" for name, _ in _RULE_GROUPS))
# The features of a neighbour (the line before, the line after).
_NEAR = ("words", "prose", "ends with full stop", "ends with letter or digit", "caps label", "name", "date in it",
         "sub-heading shape", "numbered section", "rule: furniture", "rule: caption", "rule: byline", "rule: date line",
         "starts in lower case")
_PLACE = ("position", "share of page above", "lines below", "page lines", "from first prose", "before first prose",
          "block size", "position in block", "alone in block", "block opens", "block closes", "repeated in page",
          "prose in 3 above", "prose in 3 below", "rule-furniture in 3 above", "rule-furniture in 3 below",
          "prose above", "prose below", "seen in source", "seen in all sources",
          "words: most furniture-like", "words: mean furniture share", "first word: furniture share", "words known",
          "words shared with the 2 below", "numbered sections in page", "sub-heading shapes in page",
          "words: most heading-like", "first word: heading share")
FEATURES: tuple[str, ...] = (*_OWN, *(f"before: {name}" for name in _NEAR), *(f"after: {name}" for name in _NEAR),
                             *(f"before 2: {name}" for name in ("words", "prose")),
                             *(f"after 2: {name}" for name in ("words", "prose")), *_PLACE)
_NEAR_INDEX = tuple(_OWN.index(name) for name in _NEAR)
_PROSE = _OWN.index("prose")
_WORDS = _OWN.index("words")
_NUMBERED, _SHAPED = _OWN.index("numbered section"), _OWN.index("sub-heading shape")
_RULE_FURNITURE = tuple(_OWN.index(name) for name in ("rule: furniture", "rule: caption", "rule: byline",
                                                      "rule: date line"))
_BULLETS = "•·-–—*|»›>~▪►✓✔"
_CAP = 60  # counts are capped: a page of thousands of lines is read as one of sixty


_LETTER = re.compile(r"[^\W\d_]")
_UPPER = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_DIGIT = re.compile(r"\d")


def _own(line: PageLine) -> list[float]:
    text = line.text
    head = text[:200]
    tokens = text.split()
    letters = len(_LETTER.findall(head))
    upper = len(_UPPER.findall(head))
    digits = len(_DIGIT.findall(head))
    capitalised = sum(1 for token in tokens[:60] if token[:1].isupper())
    last = text[-1:]
    kind, reason = line.kind, line.reason
    furniture = kind == Kind.FURNITURE
    groups = [float(furniture and pattern.search(reason) is not None) for _name, pattern in _RULE_GROUPS]
    short = len(text) <= 400
    few = len(tokens) <= 16  # the shape tests below say no to a longer line: not asked
    bare = strip_bullets(text) if few else text
    density = stop_word_density(text[:400])
    prose = is_prose(text) if len(text) > 400 or len(tokens) >= 25 else (
        len(tokens) >= 6 and SENTENCE_END.search(text) is not None and density >= 0.1)
    return [
        float(min(len(tokens), 200)), float(min(len(text), 1000)),
        upper / letters if letters else 0.0, capitalised / min(len(tokens), 60) if tokens else 0.0,
        digits / len(head),
        density, float(prose),
        float(last in ".…" or text.endswith((".\"", ".”", ".’", ".)"))), float(last == "?"), float(last == ":"),
        float(last.isalnum()), float(text[:1].islower()), float(text[:1] in _BULLETS),
        float(text[:1].isdigit()), float(text[:1] in "\"“‘'„«"), float("|" in text),
        float("://" in text or "www." in text or "@" in text), float(":" in text[1:-1]),
        float(min(text.count(","), 20)),
        float(few and is_caps_label(text)), float(is_reference(text)), float(few and is_name_line(bare)),
        float(few and is_signature(text)), float(few and is_subheading(text)), float(few and is_numbered_section(text)),
        float(short and is_list_header(text)),
        float(digits > 0 and len(text) <= 160 and find_date_token(text) is not None),
        float(furniture), float(kind == Kind.CAPTION), float(kind == Kind.BYLINE),
        float(kind == Kind.DATE_LINE), *groups,
    ]


_TOKEN = re.compile(r"[^\W\d_]{2,}")


def tokens(text: str) -> list[str]:
    """The words of a line, in lower case, as the vocabulary knows them (the first forty)."""
    return [match.group().lower() for match in itertools.islice(_TOKEN.finditer(text[:400]), 40)]


def _vocabulary_features(words: list[str], vocabulary: Mapping[str, float]) -> list[float]:
    """How furniture-like the line's words are: each known word's share of lines of furniture among the
    training lines it stood in (learnt with the model, so other sites' "nieuwsbrief" and "delen" count)."""
    shares = [vocabulary[word] for word in words if word in vocabulary]
    first = vocabulary.get(words[0], -1.0) if words else -1.0
    if not shares:
        return [-1.0, -1.0, first, 0.0]
    return [max(shares), sum(shares) / len(shares), first, len(shares) / len(words)]


def _heading_word_features(words: list[str], heading_words: Mapping[str, float]) -> list[float]:
    """How heading-like the line's words are: each known word's share of sub-headings among the short training
    lines it stood in (a document's "Samenstelling", "Toelichting", "Besluit" head a part of it on every site)."""
    shares = [heading_words[word] for word in words if word in heading_words]
    return [max(shares) if shares else -1.0, heading_words.get(words[0], -1.0) if words else -1.0]


def _shared_below(own: frozenset[str], below: list[frozenset[str]]) -> float:
    """The share of a line's words (stop words aside) that the next two lines say too: a teaser's title and the
    teaser under it say the same; a sub-heading names what its paragraph is about in words of its own."""
    if not own:
        return -1.0
    said = frozenset().union(*below) if below else frozenset()
    return len(own & said) / len(own)


def page_features(lines: list[PageLine], recurring: Mapping[str, tuple[int, int]] | None = None,
                  vocabulary: Mapping[str, float] | None = None,
                  heading_words: Mapping[str, float] | None = None) -> list[list[float]]:
    """One row of ``FEATURES`` per line. ``recurring`` maps a line's digest (``line_digest``) to how
    many other files of the same source, and of all sources, the workspace saw it in; ``vocabulary``
    and ``heading_words`` are the model's own (its words' furniture shares, and sub-heading shares)."""
    own = [_own(line) for line in lines]
    words = [tokens(line.text) for line in lines]
    stops = stop_words()
    content = [frozenset(word for word in found if len(word) > 2 and word not in stops) for found in words]
    numbered = float(min(sum(row[_NUMBERED] for row in own), _CAP))
    shaped = float(min(sum(row[_SHAPED] for row in own), _CAP))
    count = len(lines)
    first_prose = next((i for i, row in enumerate(own) if row[_PROSE] and lines[i].kind == Kind.TEXT), count)
    keys = [comparable(line.text) if len(line.text) <= 400 else line.text for line in lines]
    digests = [line_digest(line.text) for line in lines] if recurring else []
    repeats = Counter(keys)
    blocks = Counter(line.block for line in lines)
    block_position: list[int] = []
    for index, line in enumerate(lines):
        opens = index == 0 or lines[index - 1].block != line.block
        block_position.append(0 if opens else block_position[-1] + 1)
    prose = [row[_PROSE] for row in own]
    ruled = [float(any(row[i] for i in _RULE_FURNITURE)) for row in own]
    empty = [0.0] * len(_NEAR)
    prose_above = list(itertools.accumulate(prose, initial=0.0))
    rows = []
    for index, line in enumerate(lines):
        before = [own[index - 1][i] for i in _NEAR_INDEX] if index else empty
        after = [own[index + 1][i] for i in _NEAR_INDEX] if index + 1 < count else empty
        before2 = [own[index - 2][_WORDS], own[index - 2][_PROSE]] if index > 1 else [0.0, 0.0]
        after2 = [own[index + 2][_WORDS], own[index + 2][_PROSE]] if index + 2 < count else [0.0, 0.0]
        size = blocks[line.block]
        source, everywhere = recurring.get(digests[index], (0, 0)) if recurring else (0, 0)
        rows.append([
            *own[index], *before, *after, *before2, *after2,
            float(min(index, _CAP)), index / count, float(min(count - 1 - index, _CAP)), float(min(count, 500)),
            float(max(-_CAP, min(index - first_prose, _CAP))), float(index < first_prose),
            float(min(size, _CAP)), float(min(block_position[index], _CAP)), float(size == 1),
            float(block_position[index] == 0), float(index + 1 == count or lines[index + 1].block != line.block),
            float(min(repeats[keys[index]] - 1, 10)),
            float(sum(prose[max(0, index - 3):index])), float(sum(prose[index + 1:index + 4])),
            float(sum(ruled[max(0, index - 3):index])), float(sum(ruled[index + 1:index + 4])),
            float(min(prose_above[index], _CAP)), float(min(prose_above[-1] - prose_above[index + 1], _CAP)),
            float(min(source, 20)), float(min(everywhere, 20)),
            *_vocabulary_features(words[index], vocabulary if vocabulary is not None else {}),
            _shared_below(content[index], content[index + 1:index + 3]), numbered, shaped,
            *_heading_word_features(words[index], heading_words if heading_words is not None else {}),
        ])
    return rows
