"""Furniture around the article that the line model leaves in the text, read from the line's form or its place.

Read after the line model and before the head (``page.read_page``), on the lines still taken for text or a
sub-heading; none of it is a feature of a line. Three kinds:

- a call to the reader anywhere on the page (``reader_calls``: a tip, a subscription, a donation, ...);
- another story's title stamped with its age or its time ("<title> 17 uur geleden", "10:57<Title>"): a teaser
  list's line, which no article's sentence is written as;
- a line below the article's last paragraph that stands between two lines of furniture and that the model itself
  half takes for furniture (``AMID_FURNITURE``): a footer's or a sidebar's line the thresholds for a longer line or a
  sentence kept (``roles.FURNITURE_SHARE_LONG``, ``FURNITURE_SHARE_SENTENCE``); not on a ruling or minutes, whose
  parts (an agenda's items between its short labels) the model may half take for metadata.

Measured leave-sites-out on the 2,265 labelled pages (``benchmarks/quality.md``, the fourteenth round).
"""

from __future__ import annotations

import re

from pipeline.reading.lines import Kind, PageLine, is_prose
from pipeline.reading.reader_calls import call_to_the_reader
from pipeline.reading.roles import furniture_share

# Below the article's last paragraph (the last line of prose the model takes for text: under ARTICLE_SHARE of its
# furniture votes), a line between two lines of furniture (taken, or given AMID_FURNITURE of the votes or more) that
# gets AMID_FURNITURE itself. On the 2,265 pages, with the saved fold models: 24 furniture lines of 10 pages, no line
# of the text; at 0.45, 29 and two lines of the text; with one neighbour of furniture instead of two, 59 and 15.
ARTICLE_SHARE = 0.3
AMID_FURNITURE = 0.5
_KEPT = (Kind.TEXT, Kind.HEADING)
# "<title> 17 uur geleden", "<title> 3 hours ago": at least three words of a title before the age; "10:57<Title>"
_AGE = re.compile(r"\S+ \S+ \S+.*?\s(?:\d{1,3}|een|één|an?) (?:seconden|minuten|minuut|uur|uren|dagen|dag|weken|week"
                  r"|maanden|seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\.? (?:geleden|ago)\W*",
                  re.IGNORECASE)
_GLUED_TIME = re.compile(r"\d{1,2}[:.]\d{2}[A-ZÀ-Þ][a-zà-ÿ]")
_STAMPED_TITLE_MAX = 300
_NO_WORD = " .,;:!?)]}\"'”’»…-–—"
# A whole flattened page's lines cut by where they stand (``run_of_text``) come back when they may be the text's
# own (``above_the_run_put_back``); a call to the reader among them is cut for what it says, and stays out.
_CUT_BY_PLACE = "outside the page's run of text"


def stamped_title(text: str) -> bool:
    """A teaser's title with its age after it or its time glued before it."""
    if len(text) > _STAMPED_TITLE_MAX:
        return False
    # the age's last word first: a plain test spares nearly every line the pattern
    aged = text.rstrip(_NO_WORD).lower().endswith(("geleden", "ago")) and _AGE.fullmatch(text)
    return bool(aged or _GLUED_TIME.match(text))


def _furniture(line: PageLine) -> bool:
    return line.kind not in _KEPT or (bool(line.shares) and furniture_share(line) >= AMID_FURNITURE)


def amid_furniture_below(lines: list[PageLine]) -> list[int]:
    """The lines below the article's last paragraph that stand between two lines of furniture and that the model
    gives AMID_FURNITURE of its votes (none without the model's shares)."""
    last = next((index for index in range(len(lines) - 1, -1, -1) if lines[index].kind == Kind.TEXT
                 and lines[index].shares and furniture_share(lines[index]) < ARTICLE_SHARE
                 and is_prose(lines[index].text)), None)
    if last is None:
        return []
    return [index for index in range(last + 1, len(lines) - 1)
            if lines[index].kind in _KEPT and lines[index].shares and furniture_share(lines[index]) >= AMID_FURNITURE
            and _furniture(lines[index - 1]) and _furniture(lines[index + 1])]


def furniture_around_the_article(lines: list[PageLine], parts: bool = False) -> None:
    """Calls to the reader, stamped titles of other stories and lines amid furniture below the article, out; the
    last not on a document of many parts (``parts``: a ruling, minutes), which has no one article to end."""
    amid = set() if parts else set(amid_furniture_below(lines))
    for index, line in enumerate(lines):
        if line.kind == Kind.FURNITURE and line.reason.startswith(_CUT_BY_PLACE) \
                and (call := call_to_the_reader(line.text)):
            line.reason = f"a call to the reader ({call})"
        if line.kind not in _KEPT:
            continue
        if call := call_to_the_reader(line.text):
            line.kind, line.reason = Kind.FURNITURE, f"a call to the reader ({call})"
        elif stamped_title(line.text):
            line.kind, line.reason = Kind.FURNITURE, "another story's title with its age or time"
        elif index in amid:
            line.kind, line.reason = Kind.FURNITURE, f"amid furniture below the article ({furniture_share(line):.2f})"
