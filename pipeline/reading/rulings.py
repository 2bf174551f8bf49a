"""A published court ruling read as one: whether a page is one (its metadata block, an ECLI or the court's name in
capitals up top), its own section titles and labels ("1 Het procesverloop", "Inhoudsindicatie"), which head its
parts, and the court's letterhead, which is text."""

from __future__ import annotations

import re

from pipeline.reading.lines import Kind, PageLine

_COURT = re.compile(r"(?:RECHTBANK|GERECHTSHOF|HOF|RAAD VAN STATE|CENTRALE RAAD VAN BEROEP|COLLEGE VAN BEROEP"
                    r"|HOGE RAAD)\b.*|ECLI:NL:.*")
# A ruling's own sections: "1 Het procesverloop", "2. De vaststaande feiten", "1.ONDERZOEK TER TERECHTZITTING".
_RULING_SECTION = re.compile(r"\d{1,2}\.?\s*[A-ZÀ-Þ][^.:;!?]{2,80}")
_RULING_LABELS = frozenset({"inhoudsindicatie", "indicatie", "uitspraak", "samenvatting", "conclusie", "beslissing"})


def ruling_line(text: str) -> bool:
    """A ruling's section title or label, or the number of one of its grounds ("1.1.")."""
    return bool(_RULING_SECTION.fullmatch(text) or text.casefold() in _RULING_LABELS
                or re.fullmatch(r"[\d.()\s]+", text))


def is_ruling(lines: list[PageLine]) -> bool:
    """A published court ruling: its metadata block, an ECLI or the court's name in capitals up top."""
    return any(line.reason.startswith("case metadata") for line in lines[:60]) or any(
        _COURT.fullmatch(line.text) for line in lines[:12])


# A line the model is this sure heads a part of a ruling is one, whatever the ruling's own shapes say ("Procesverloop"):
# measured leave-sites-out, 0.35 also takes a court's name in capitals; 0.5 takes none.
RULING_HEADING_SHARE = 0.5


def ruling_headings(blocks: list[tuple[Kind, str]], sure: frozenset[str] = frozenset()) -> list[tuple[Kind, str]]:
    """A ruling's headings are its numbered sections and the site's labels ("Inhoudsindicatie",
    "Uitspraak"); the court's letterhead ("RECHTBANK ROTTERDAM", "Vonnis van 5 januari 2011") is text.
    A numbered section title inside a block of lines ("1 Het procesverloop" over "1.1.") heads it."""
    out: list[tuple[Kind, str]] = []
    for kind, block in blocks:
        if kind == Kind.HEADING:
            section = _RULING_SECTION.fullmatch(block) or block.casefold() in _RULING_LABELS or block in sure
            out.append((Kind.HEADING if section else Kind.TEXT, block))
            continue
        lines = block.split("\n")
        if len(lines) == 1 and _RULING_SECTION.fullmatch(block) and len(block.split()) <= 8:
            out.append((Kind.HEADING, block))
            continue
        current: list[str] = []
        for position, line in enumerate(lines):
            if 0 < position < len(lines) - 1 and _RULING_SECTION.fullmatch(line) and len(line.split()) <= 8:
                out.append((Kind.TEXT, "\n".join(current)))
                out.append((Kind.HEADING, line))
                current = []
            else:
                current.append(line)
        if current:
            out.append((Kind.TEXT, "\n".join(current)))
    return out
