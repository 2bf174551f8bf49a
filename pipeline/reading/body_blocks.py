"""A page's body as blocks: paragraphs and sub-headings, in order.

A block of hard-wrapped lines is one paragraph; in a block of long unwrapped lines (a scraper's one paragraph per
line) each line is one. A single line between paragraphs is a sub-heading when the rules' shape or the line model
says so, unless a sentence runs through it, it is shown twice, it is one item of a list, it opens with a time of day
(a live blog's stamped post heading excepted) or it is a field naming a person; a document's numbered section heads are
headings as a series. The last of a block of unwrapped paragraphs may head the next block. ``page.read_page``
hands the lines it kept.
"""

from __future__ import annotations

import re

from pipeline.reading.lines import Kind, PageLine, is_prose
from pipeline.reading.roles import HEADING_SHARE, heading_family, heading_shape, learnt_heading, list_item_shape
from pipeline.reading.subheadings import is_numbered_section, is_subheading, names_a_person, section_depth
from pipeline.reading.text import comparable


def body_blocks(lines: list[PageLine], learnt: bool = False) -> list[tuple[Kind, str]]:
    """Paragraphs and sub-headings, in order. A block of hard-wrapped lines is one paragraph; in a
    block of long unwrapped lines (a scraper's one paragraph per line) each line is one."""
    groups: list[list[PageLine]] = []
    for line in lines:
        if groups and groups[-1][-1].block == line.block:
            groups[-1].append(line)
        else:
            groups.append([line])
    blocks: list[tuple[Kind, str]] = []
    # a document's numbered section heads ("1. Inleiding", "Artikel 2. Definities"): a series of two or more
    series = sum(1 for line in lines if numbered_section(line.text)) >= _SECTIONS
    family = heading_family(lines) if learnt else frozenset()
    for index, group in enumerate(groups):
        texts = [line.text for line in group]
        if len(texts) == 1:
            # the first block too: a sub-heading over the first paragraph (a subtitle under the headline)
            ruled = index < len(groups) - 1 and is_subheading(texts[0]) and (index > 0 or is_prose(groups[1][0].text))
            # "denkfout": a word or two in lower case between two paragraphs, a heading in the site's style
            ruled = ruled or (0 < index < len(groups) - 1 and _LOWER_HEADING.fullmatch(texts[0]) is not None
                              and is_prose(groups[index - 1][-1].text) and is_prose(groups[index + 1][0].text))
            heading = group[0].kind == Kind.HEADING or (
                index < len(groups) - 1 and learnt_heading(group[0], ruled, family) if learnt else ruled)
            heading = heading or (series and index < len(groups) - 1 and numbered_section(texts[0])
                                  and not _list_item(texts[0], groups[index + 1][0].text))
            if heading and 0 < index < len(groups) - 1 and _mid_sentence(groups[index - 1][-1].text,
                                                                         groups[index + 1][0].text):
                heading = False  # "6 middelgrote / Eieren / die je ...": a sentence broken over lines
            if heading and index < len(groups) - 1 and _runs_on(texts[0], groups[index + 1][0].text):
                heading = False
            if heading and names_a_person(texts[0]):
                heading = False  # "Fotograaf: Wil Jansen": a field naming a person
            if heading and (_shown_twice(groups, index) or _TIME_OF_DAY.match(texts[0])) \
                    and not _stamped_post(texts[0], groups, index):
                heading = False
            if heading:
                group[0].kind = Kind.HEADING  # as --explain shows it
            blocks.append((Kind.HEADING if heading else Kind.TEXT, texts[0]))
            continue
        unwrapped = sum(len(text) > 100 for text in texts) >= 2
        # the next block's first line, when it is prose: what the block's last line may head
        below = groups[index + 1][0].text if index + 1 < len(groups) and is_prose(groups[index + 1][0].text) else ""
        blocks.extend(_split_group(group, unwrapped, first=index == 0, learnt=learnt, series=series, family=family,
                                   below=below))
    return _numbered_series(blocks)


_SECTIONS = 2
# "15:30 Uhr Oberdorf - Unterdorf", "08.45 B2 – Rood Wit B1", "19.30 uur: Opening": a line that opens with a time of
# day (with a colon, a leading zero or its "uur") is a schedule's line or a ticker's stamp, which heads nothing
_TIME_OF_DAY = re.compile(r"(?:(?:[01]?\d|2[0-3]):[0-5]\d|0\d\.[0-5]\d"
                          r"|(?:1\d|2[0-3])\.[0-5]\d(?=\s*(?:uur|Uhr|h)\b))\b")
SECTION_WORDS = 14


def numbered_section(text: str) -> bool:
    return len(text.split(maxsplit=SECTION_WORDS)) <= SECTION_WORDS and is_numbered_section(text)


def _shown_twice(groups: list[list[PageLine]], index: int) -> bool:
    """A line alone in its block that the line above or below says again ("• Politie zoekt eigenaar" over
    "Politie zoekt eigenaar", a teaser's link over its title): a link or a caption shown twice, heading nothing."""
    shown = comparable(groups[index][0].text)
    return (index > 0 and comparable(groups[index - 1][-1].text) == shown) or (
        index + 1 < len(groups) and comparable(groups[index + 1][0].text) == shown)


# "18.06 Uhr: UN verurteilt russische Invasion", "19:30 Uhr | Russland kündigt Reaktion an": a live blog's post,
# stamped with its time, over the post's prose
_STAMPED_POST = re.compile(r"(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s*(?:uur|Uhr|h|u))?\s*[:|]\s+"
                           r"[A-ZÀ-Þ\"“‘'„]\S*(?:\s+\S+){2,}")


def _stamped_post(text: str, groups: list[list[PageLine]], index: int) -> bool:
    """A live blog's post heading, its time first, over a paragraph, said once in the page."""
    shown = comparable(text)
    return (_STAMPED_POST.fullmatch(text) is not None and index + 1 < len(groups)
            and is_prose(groups[index + 1][0].text)
            and sum(comparable(group[0].text) == shown for group in groups) == 1)


def _list_item(text: str, following: str) -> bool:
    """ "3. Beleidsregel boete" right above "4. Beleidsregel maatregelen": a point of a numbered list (an
    agenda, a list of contents) heads no text of its own; "2. Kosten" above "2.1 Beheer" heads a section."""
    depth = section_depth(text)
    return depth is not None and numbered_section(following) and section_depth(following) == depth


_LOWER_HEADING = re.compile(r"[a-zà-ÿ]+(?: [a-zà-ÿ]+){0,2}")
_NUMBERED_ITEM = re.compile(r"(?P<number>\d{1,2})\.\s+[A-ZÀ-Þ\"“‘'„]")


def _numbered_series(blocks: list[tuple[Kind, str]]) -> list[tuple[Kind, str]]:
    """ "1. Baugesuche" above its paragraph, "4. Karel De Gucht: ‘...’" (a long one): a numbered line
    is a heading when the number before or after it heads a section of the same series."""
    numbers = {int(match["number"]) for kind, block in blocks if kind == Kind.HEADING
               and (match := _NUMBERED_ITEM.match(block))}
    if not numbers:
        return blocks
    out: list[tuple[Kind, str]] = []
    for kind, block in blocks:
        first, _, rest = block.partition("\n")
        match = _NUMBERED_ITEM.match(first) if kind == Kind.TEXT else None
        if match and ({int(match["number"]) - 1, int(match["number"]) + 1} & numbers) \
                and len(first.split()) <= 40 and not first.endswith((".", ",", ";")) \
                and not _list_item(first, rest.partition("\n")[0]):
            out.append((Kind.HEADING, first))
            if rest:
                out.append((Kind.TEXT, rest))
            continue
        out.append((kind, block))
    return out


def _split_group(group: list[PageLine], unwrapped: bool, first: bool, learnt: bool = False,
                 series: bool = False, family: frozenset[tuple[str, bool, bool, bool]] = frozenset(),
                 below: str = "") -> list[tuple[Kind, str]]:
    """A block of lines: sub-headings that stand between lines of prose split it (and a numbered section
    head of a ``series``); unwrapped lines are paragraphs of their own, wrapped ones are joined later. The block's
    last line may head the block ``below``, a paragraph ("Aanleiding" closing a block of lists, its text the next)."""
    out: list[tuple[Kind, str]] = []
    current: list[str] = []
    texts = [line.text for line in group]
    for position, text in enumerate(texts):
        before = texts[position - 1] if position else ""
        after = texts[position + 1] if position + 1 < len(texts) else (
            below if learnt and (_closes_block_as_heading(group[position], before, family) or (
                unwrapped and _ends_sentence(before)
                and group[position].shares.get("sub-heading", 0.0) >= HEADING_SHARE)) else "")
        # a subtitle over the first paragraph too, never a section's name ("Region")
        opens = position > 0 or not first or (is_prose(after) and len(text.split()) >= 3)
        between = (not before or _ends_sentence(before) or unwrapped) and not _mid_sentence(before, after)
        # the text below may be cut short (a scraper's excerpt): a few words of it are enough
        heads = opens and bool(after) and is_subheading(text) and between and (
            is_prose(after) or len(after.split()) >= 5)
        if learnt:  # a point of a numbered list right above the next point heads nothing, whatever the model says
            heads = bool(after) and learnt_heading(group[position], heads, family) \
                and not _mid_sentence(before, after) and not _list_item(text, after)
        heads = heads or (series and bool(after) and numbered_section(text) and not _mid_sentence(before, after)
                          and not _list_item(text, after))
        stamped = _STAMPED_POST.fullmatch(text) is not None and is_prose(after)
        if heads and not names_a_person(text) and not _runs_on(text, after) \
                and (stamped or not _TIME_OF_DAY.match(text)):
            if current:
                out.append((Kind.TEXT, "\n".join(current)))
                current = []
            out.append((Kind.HEADING, text))
            group[position].kind = Kind.HEADING
            continue
        current.append(text)
        if unwrapped:
            out.append((Kind.TEXT, "\n".join(current)))
            current = []
    if current:
        out.append((Kind.TEXT, "\n".join(current)))
    return out


def _closes_block_as_heading(line: PageLine, before: str, family: frozenset[tuple[str, bool, bool, bool]]) -> bool:
    """A block's last line that heads the paragraph below it: it comes right after a list's item ("Aanleiding"
    under "• Besluit van 4 juli"), the model takes it for a sub-heading on its own votes and it is shaped as the page's
    other sub-headings. A line closing a paragraph (a caption, a name) or a table heads nothing below."""
    shape = list_item_shape(before)
    return (shape is not None and shape[0] != "leader" and line.shares.get("sub-heading", 0.0) >= HEADING_SHARE
            and heading_shape(line) in family)


def _ends_sentence(text: str) -> bool:
    return re.search(r"[.!?…:][\"”’')»]*$", text) is not None


_RUN_ON_WORDS = 4  # measured leave-sites-out: 3 also takes "Feiten en context" over "coördinatievergadering op ..."


def _runs_on(line: str, after: str) -> bool:
    """A line of a few words that the next goes on from in lower case ("Im Lungau und im Freiwald" over "wurden
    in der Nacht minus sechs Grad gemessen"): a sentence broken over two lines, whatever its own shape."""
    return (after[:1].islower() and line[-1:].isalnum() and not line.isupper()
            and len(line.split(maxsplit=_RUN_ON_WORDS)) >= _RUN_ON_WORDS)


def _mid_sentence(before: str, after: str) -> bool:
    """A line between these two is inside a sentence: the one above stops on a word or a comma and the
    one below goes on in lower case."""
    return bool(before) and bool(after) and re.search(r"[\w,]$", before) is not None and after[:1].islower()
