"""A published court ruling read as one: whether a page is one (its metadata block, an ECLI or the court's name in
capitals up top), the site's metadata block (furniture, and the ruling's date), its own section titles and labels
("1 Het procesverloop", "Inhoudsindicatie"), which head its parts, and the court's letterhead, which is text."""

from __future__ import annotations

import re

from pipeline.reading.date_lines import find_date_token
from pipeline.reading.lines import Kind, Page, PageLine

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
    A numbered section title inside a block of lines ("1 Het procesverloop" over "1.1.") heads it, and so does a
    line alone above more text that the model is sure heads a part (``sure``: "Inhoudsindicatie" over the summary)."""
    out: list[tuple[Kind, str]] = []
    for at, (kind, block) in enumerate(blocks):
        if kind == Kind.HEADING:
            section = _RULING_SECTION.fullmatch(block) or block.casefold() in _RULING_LABELS or block in sure
            out.append((Kind.HEADING if section else Kind.TEXT, block))
            continue
        lines = block.split("\n")
        if len(lines) == 1 and ((_RULING_SECTION.fullmatch(block) and len(block.split()) <= 8)
                                or (block in sure and at < len(blocks) - 1)):
            out.append((Kind.HEADING, block))  # "Inhoudsindicatie" over the summary: the model is sure it heads it
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


# The metadata block of a published court ruling: each key on a line of its own (or glued to its
# value), the value on the lines after it. "zaaknummer / rolnummer: ..." is the ruling's own caption,
# part of its text: the site's block says "Zaaknummer".
_CASE_KEYS = re.compile(
    r"(?i)(?P<key>instantie(?: naam)?|datum uitspraak|uitspraakdatum|datum (?:publicatie|gepubliceerd)|zaaknummers?"
    r"|rechtsgebied(?:en)?|bijzondere kenmerken|soort procedure|vindplaatsen|parketnummer|publicatiedatum"
    r"|status|ecli|type|procedures)(?!\s*/)(?![a-zà-ÿ])\s*:?\s*(?P<value>(?!\|).*)")


# Keys that are common words: never glued to a value ("Typewriter" is no key), and those that head a list
_PLAIN_WORD_KEYS = ("type", "procedures")
_LIST_KEYS = ("vindplaatsen", "procedures")


# Keys whose value may take several lines ("Eerste aanleg - meervoudig", "Op tegenspraak").
_MULTI_KEYS = ("bijzondere kenmerken", "rechtsgebieden", "zaaknummers", "soort procedure")


# Where the block ends and the ruling's summary or text begins.
RULING_OPENERS = frozenset({"inhoudsindicatie", "indicatie", "uitspraak", "samenvatting"})


_CASE_DATE_KEYS = ("datum uitspraak", "uitspraakdatum")


def read_case_metadata(lines: list[PageLine], page: Page) -> None:
    """Keys and values of a ruling's metadata block are furniture; the ruling's date is its date."""
    keys = [(i, _CASE_KEYS.fullmatch(line.text)) for i, line in enumerate(lines[:60])]
    found = [(i, match) for i, match in keys if match is not None and not (
        match["key"].lower() in _PLAIN_WORD_KEYS and match["value"] and ":" not in lines[i].text)]
    if len(found) < 2:
        return
    starts = {i for i, _match in found}
    for index, match in found:
        key = match["key"].lower()
        values = [match["value"]] if match["value"] else []
        lines[index].kind, lines[index].reason = Kind.FURNITURE, f"case metadata ({key})"
        following = index + 1
        while (not values or key in _MULTI_KEYS) and following < len(lines) and following not in starts \
                and lines[following].text.casefold() not in RULING_OPENERS \
                and lines[following].block == lines[index].block and following - index <= 6:
            lines[following].kind, lines[following].reason = Kind.FURNITURE, f"case metadata ({key})"
            if key not in _LIST_KEYS:
                values.append(lines[following].text)
            following += 1
        if key in _LIST_KEYS:  # a list (of journals, of procedures), up to the next key or the end of its block
            while following < len(lines) and lines[following].block == lines[index].block \
                    and following not in starts:
                lines[following].kind, lines[following].reason = Kind.FURNITURE, f"case metadata ({key})"
                following += 1
        if key in _CASE_DATE_KEYS and values and (token := find_date_token(values[0])):
            page.dates.insert(0, (token, lines[index].text))
        if key == "instantie" and values:
            court = values[0].casefold()
            for line in lines[: found[0][0]]:  # the court's name shown again above the block
                if line.kind == Kind.TEXT and line.text.casefold() == court:
                    line.kind, line.reason = Kind.FURNITURE, "case metadata (instantie, repeated above)"


# The labels a published ruling heads its parts with, Dutch and German ("Inhoudsindicatie", "Tenor:", "Gründe"): of the
# labelled pages where such a label stands alone on its line, 65 had it for a sub-heading and 2 for furniture.
_PART_LABELS = frozenset({"inhoudsindicatie", "uitspraak", "procesverloop", "samenvatting", "tenor", "gründe",
                          "entscheidungsgründe", "tatbestand", "leitsatz", "leitsätze", "amtlicher leitsatz",
                          "sachverhalt"})
_LEAST_PART_LABELS = 2  # different labels, alone on their lines, for a page to be read as a ruling's parts


def part_label(text: str) -> bool:
    """A ruling's label for one of its parts, alone ("Tenor:", "Gründe", "Inhoudsindicatie"); in capitals it is the
    court's own heading of the ruling ("UITSPRAAK"), text as the letterhead is."""
    return text.strip().rstrip(" :").casefold() in _PART_LABELS and not text.isupper()


_PART_NUMBER = re.compile(r"[IVX]{1,4}\.")  # "I.", "II.": the parts of a German ruling's grounds


def labels_head_parts(blocks: list[tuple[Kind, str]]) -> list[tuple[Kind, str]]:
    """A ruling's labels head its parts: on a page where two different labels stand alone, each of them alone on its
    line, with more text after it, is a sub-heading (a German ruling's "Tenor" and "Gründe", a Dutch ruling's
    "Inhoudsindicatie" and "Uitspraak"), and so is a part's Roman number alone ("I.", "II."); pages with one such
    label or none are left as they are."""
    alone = {block.strip().rstrip(" :").casefold() for _kind, block in blocks
             if "\n" not in block and part_label(block)}
    if len(alone) < _LEAST_PART_LABELS:
        return blocks
    return [(Kind.HEADING if kind == Kind.TEXT and at < len(blocks) - 1 and "\n" not in block
             and (part_label(block) or _PART_NUMBER.fullmatch(block.strip())) else kind, block)
            for at, (kind, block) in enumerate(blocks)]

