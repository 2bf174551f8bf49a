"""Where the article runs on a whole page flattened by a scraper, and what outside it is still kept.

A page that kept everything (menus, links, footers) has many short lines; the article is the run of
lines with the most prose for the fewest short ones. Lines above it are the head's (headline, kicker,
byline, date) or a menu, and a line of four words or more there comes back once the head is read (a
document's particulars stand above its text); lines below it are furniture, unless they may be the text's
own: four words or more, a line that goes on, a name with its role, a bulleted list, a court ruling's every
line.
Once the line model has spoken, the article ends where the span its furniture shares score highest
ends: below it, a line the model does not take for text is furniture, whatever its shape. Other stories' teasers
under a heading of their own end the article on any page (``related_stories_below``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.reading.documents import is_name_line as is_listed_name
from pipeline.reading.documents import is_table_row
from pipeline.reading.furniture import is_list_header, is_read_more, related_heading
from pipeline.reading.lines import Kind, PageLine, is_prose

_WHOLE_PAGE_LINES = 40  # a page flattened by a scraper that kept everything has many lines,
_WHOLE_PAGE_SHORT = 0.4  # and many of them short (menus, links, buttons, footers)
_SHORT_WORDS = 4
_MENU_WORDS = 2
_PARAGRAPH = 150  # characters of prose: a paragraph of the article, not an author's one-line biography
_LONG_WORDS = 8  # a line of this many words that is not prose (a list item, a table row)
_LONG_COST = 10.0
_SHORT_COST = 40.0
_HEAD_KEPT = 8  # lines above the run of text kept for the head reader: headline, kicker, byline, date
_RUN_SHARE = 0.75  # of the page's prose (above a heading over comments) the article's run must hold
_WORD = re.compile(r"\w+")
_SENTENCE_MARK = re.compile(r"[.!?。！？؟…]")  # a line with a sentence's end in it, in any script


def _line_score(line: PageLine) -> float:
    """What a line adds to a run of the article's text: a line of prose its length, anything else a
    cost (a heading between paragraphs costs little, a menu of many short lines a lot)."""
    text = line.text
    if line.kind == Kind.TEXT and (is_prose(text) or (len(text) >= 80 and _SENTENCE_MARK.search(text))):
        return float(len(text))
    if len(text.split()) >= _LONG_WORDS:
        return -_LONG_COST  # a list item, a line of a table: costs little
    return -(_SHORT_COST + len(text) / 2)


def is_whole_page(lines: list[PageLine], short_share: float = _WHOLE_PAGE_SHORT) -> bool:
    """A page a scraper flattened whole: many lines, many of them short (menus, links, buttons, footers)."""
    return len(lines) >= _WHOLE_PAGE_LINES and \
        sum(1 for line in lines if len(line.text.split()) <= _SHORT_WORDS) >= short_share * len(lines)


def outside_the_run_of_text(lines: list[PageLine], labels: frozenset[str] = frozenset()) -> int:
    """A whole web page flattened to text (menus, teasers, footers, comments all kept, one line per
    block): the article is the page's densest run of prose. The run is found as body-text extraction
    (BTE, Finn et al.) finds it: the span of lines whose scores (``_line_score``) add up to the most.
    Lines after it, and lines well above it (a few are left for the headline, byline and date), are
    furniture. Pages of a few dozen lines, or mostly prose, are left to the line rules alone. Returns
    where the run starts (0 when there is none): a link list above it is no end of the article."""
    if not is_whole_page(lines):
        return 0
    # the article ends at a heading over other stories or the comments (as _cut_link_lists says) below
    # its first paragraph
    first_prose = next((i for i, line in enumerate(lines) if _line_score(line) >= _PARAGRAPH), len(lines))
    end = next((i for i in range(first_prose + 1, len(lines)) if is_list_header(lines[i].text)), len(lines))
    best, best_span = 0.0, (0, -1)
    running, start = 0.0, 0
    for index, line in enumerate(lines[:end]):
        if running <= 0:
            running, start = 0.0, index
        running += _line_score(line)
        if running > best:
            best, best_span = running, (start, index)
    first, last = best_span
    if last < first:
        return 0
    # One article amid furniture has nearly all of the page's prose in its run; a document of many parts
    # (a court ruling: its parties, its numbered grounds, each a short run) does not, and is left whole.
    prose = [len(line.text) if _line_score(line) > 0 else 0 for line in lines[:end]]
    if sum(prose[first:last + 1]) < _RUN_SHARE * sum(prose):
        return 0
    for index, line in enumerate(lines):
        if line.kind != Kind.TEXT:
            continue
        if index > last or index < first - _HEAD_KEPT:
            line.kind, line.reason = Kind.FURNITURE, _OUTSIDE_THE_RUN
            line.after_run = index > last
        elif index < first and len(line.text.split()) <= _MENU_WORDS and not (
                line.text.lower() in labels and len(lines[index + 1].text.split()) > _MENU_WORDS):
            # a headline, a kicker over it, a byline above the run, never a menu's last items ("Sport", "Video")
            line.kind, line.reason = Kind.FURNITURE, _ABOVE_THE_RUN
    return first


# Where the article ends on a whole page by the line model's word (``cut_below_the_learnt_article``): the span
# of lines whose scores add up to the most, a line of text scoring its length (at most _LONGEST) times how far
# its share of furniture votes stands below ARTICLE_FURNITURE, less _LINE_COST, a line already cut -_CUT_COST.
# The cost of each line is what body-text extraction counts for each tag: a few long paragraphs outweigh many
# short lines the model half takes for text (teasers' titles and their one-line blurbs, related lists,
# newsletter pitches, author biographies under the article), which otherwise stretched the span down the page.
# A line that goes on from the one above (a verse, a sentence the layout wrapped: ``_goes_on``) opens no new
# block and costs nothing. Fitted on the studied part of trafilatura's set of flattened pages (221 pages; F1
# 0.851 before, the span with no cost per line, a share of 0.35, 300 characters, 8 lines kept under the span,
# 75% of the text) with the whole pages of the labelled corpus as the check that no line of a document goes:
# 15 a line, 0.4, 600 characters, 4 lines and 70% gave 0.863, and cut no line more of the labelled pages;
# 15 to 20 a line, 3 to 6 lines kept and 60% to 70% all stayed within half a point of it, and so did 10 or 12
# a line, but those cut a verse of the labelled corpus (its lines short, whatever the model's word for each);
# cutting the lines well above the span as well took more of the article than of the furniture.
ARTICLE_FURNITURE = 0.4
_LINE_COST = 15.0
_CUT_COST = 20.0
_NEAR_END = 4  # lines under the span where a line the model takes for text is still kept
_LONGEST = 600  # characters a line counts for at most: one long paragraph does not carry a page of widgets
_SPAN_SHARE = 0.7  # of what the model takes for text (its scores above nought), the share the span must hold
# A whole page for the span: 40 lines, as for the run of prose, but 30% of them short will do where the run of
# prose wants 40%: the model's word, not a line's shape, says what is text (F1 0.863 -> 0.867 on the studied
# flattened pages, and no line more cut on the labelled corpus; pages of 30 lines cut a regulation's and
# minutes' lines there)
_SPAN_PAGE_SHORT = 0.3
_BELOW_THE_ARTICLE = "below the article the line model finds on a whole page"


def cut_below_the_learnt_article(lines: list[PageLine], furniture: Callable[[PageLine], float]) -> None:
    """A whole page flattened, after the line model has given every line its share of furniture votes
    (``furniture``): lines of text below the article's span (``learnt_article_end``) that the model does not
    take for text, or that stand well under it, are furniture whatever their shape says (other stories'
    titles, a newsletter's pitch, an author's other posts, a footer's notices, which ``kept_when_unsure``
    keeps as lines of a few words below the run). Lines above it are left to the run of prose and the head:
    a document's letterhead and title stand there."""
    if not is_whole_page(lines, _SPAN_PAGE_SHORT):
        return
    shares = [furniture(line) for line in lines]
    end = _span_end(_article_scores(lines, shares))
    if end is None:
        return
    for index in range(end + 1, len(lines)):
        # a line the model takes for text just under the span may be the article's last (a closing line, a
        # document's list of senders); further down, under furniture, it is another story's
        if lines[index].kind == Kind.TEXT and (shares[index] >= ARTICLE_FURNITURE or index - end > _NEAR_END):
            lines[index].kind, lines[index].reason = Kind.FURNITURE, _BELOW_THE_ARTICLE


def _article_scores(lines: list[PageLine], shares: list[float]) -> list[float]:
    return [(ARTICLE_FURNITURE - share) * min(len(line.text), _LONGEST)
            - (0.0 if _goes_on(lines, index) else _LINE_COST) if line.kind == Kind.TEXT else -_CUT_COST
            for index, (line, share) in enumerate(zip(lines, shares, strict=True))]


def _goes_on(lines: list[PageLine], index: int) -> bool:
    """A line that goes on from the line above or into the next ("de kramen en de kisten,", "te Roosendaal,"):
    a verse's line, or a sentence a page's layout wrapped; menus' and teasers' lines stand alone."""
    text = lines[index].text
    return text[:1].islower() or text.endswith(",") or (index > 0 and lines[index - 1].text.endswith(","))


def learnt_article_end(lines: list[PageLine], furniture: Callable[[PageLine], float]) -> int | None:
    """Where the article ends on a whole page flattened (``is_whole_page``): the last line of the span of lines
    whose scores add up to the most, as body-text extraction finds a page's main block, each line of text
    scored by its length times how far the model's furniture share for it stands below ARTICLE_FURNITURE less a
    cost for the line, each line already cut a cost. None when the page is no whole page, or no one span holds
    most of what the model takes for text (a document of many parts). One pass."""
    if not is_whole_page(lines, _SPAN_PAGE_SHORT):
        return None
    return _span_end(_article_scores(lines, [furniture(line) for line in lines]))


def _span_end(scores: list[float]) -> int | None:
    span = _best_span(scores)
    return span[1] if span else None


def _best_span(scores: list[float], share: float = _SPAN_SHARE) -> tuple[int, int] | None:
    """The first and last place of the span whose scores add up to the most (one pass), or None when it holds
    less than ``share`` of what the model takes for text."""
    best, span = 0.0, (0, -1)
    running, start = 0.0, 0
    for index, score in enumerate(scores):
        if running <= 0:
            running, start = 0.0, index
        running += score
        if running > best:
            best, span = running, (start, index)
    first, last = span
    # as for the run of prose: a document of many parts (minutes, an agenda, a live blog) has no one span
    # holding most of what the model takes for text, and is left whole
    if last < first or sum(score for score in scores[first:last + 1] if score > 0) < \
            share * sum(score for score in scores if score > 0):
        return None
    return first, last


# Outside the article's span on a page that is no whole page flattened (``cut_outside_the_learnt_article``): a
# line of text of fewer than _FEW_WORDS words (no sentence of the article: the benchmark's sentences have four
# words or more) that the model gives OUTSIDE_FURNITURE of its furniture votes or more, less than the line
# model's own FURNITURE_SHARE asks of a line anywhere on the page. Measured leave-sites-out on the 1,363 pages of
# k-p: 0.35 takes out 28 more furniture lines of 4,111 and loses no sentence or title (one page's sub-headings
# wrong: a teaser's title shown twice, one of them taken out); 0.3 a few more and a page's sub-headings; without
# the protections below, 87 and four pages' sub-headings and five cut-off warnings. Lines of four words or more
# outside the span (teasers, most of what is left) the model reads as text: taking them at 0.6 of its votes
# would give some 70 lines more for 22 sentences lost.
OUTSIDE_FURNITURE = 0.35
OUTSIDE_HEADS = 0.35  # the share of headline or sub-heading votes that keeps a line (it may head the text)
_FEW_WORDS = 4
# The span of such a page, scored as a whole page's was when these were measured: a line of text by its length
# (at most _OUTSIDE_LONGEST characters) times how far its furniture share stands below _OUTSIDE_TEXT_BELOW, a
# line already cut _CUT_COST; the span must hold _RUN_SHARE of what the model takes for text.
_OUTSIDE_TEXT_BELOW = 0.35
_OUTSIDE_LONGEST = 300
_OUTSIDE = "outside the article the line model finds"


def cut_outside_the_learnt_article(lines: list[PageLine], furniture: Callable[[PageLine], float],
                                   kept: Callable[[int, PageLine], bool] = lambda _index, _line: False) -> None:
    """A page as a scraper excerpted it (a whole page flattened is ``cut_below_the_learnt_article``'s): the
    article is the span of lines the model takes for text that adds up to the most (``_best_span``, as a
    whole page's end is found); a line of a few words above or below it (a menu's item, a teaser's label, a
    share button) that the model half takes for furniture (OUTSIDE_FURNITURE) is furniture, though inside the
    article it would need more of the model's votes. Never a line of four words or more (it may be a sentence
    of the article), one the model takes for a headline or sub-heading, or one ``kept`` keeps."""
    if not lines or is_whole_page(lines, _SPAN_PAGE_SHORT) or not lines[0].shares:
        return
    span = _best_span([(_OUTSIDE_TEXT_BELOW - furniture(line)) * min(len(line.text), _OUTSIDE_LONGEST)
                       if line.kind == Kind.TEXT else -_CUT_COST for line in lines], _RUN_SHARE)
    if span is None:
        return
    first, last = span
    heads_span = max((index for index in range(first) if lines[index].kind == Kind.TEXT), default=-1)
    last_text = max((index for index, line in enumerate(lines) if line.kind == Kind.TEXT), default=-1)
    for index, line in enumerate(lines):
        if first <= index <= last or line.kind != Kind.TEXT or kept(index, line) \
                or len(line.text.split(maxsplit=_FEW_WORDS)) >= _FEW_WORDS or not any(c.isalpha() for c in line.text):
            continue
        if index == heads_span or max(line.shares.get("headline", 0.0), line.shares.get("sub-heading", 0.0)) \
                >= OUTSIDE_HEADS:
            continue  # it may head the article or its first part
        if index == last_text and line.text[-1:].isalnum():
            continue  # the text may be cut off here ("Wij st", "Tatsächlich sind Unfäll"): what says so stays
        share = furniture(line)
        if share >= OUTSIDE_FURNITURE:
            line.kind, line.reason = Kind.FURNITURE, f"{_OUTSIDE}, furniture {share:.2f}"


# Lines cut below the run in a row that may not be text (a footer's menu) after which nothing more is kept:
# measured on the labelled corpus and on trafilatura's set of flattened pages (F1 0.796 before): 6 loses no
# sentence and gives F1 0.808; 3 gives 0.820 but loses a line of a document's letterhead.
AFTER_RUN_GAP = 6
_OUTSIDE_THE_RUN = "outside the page's run of text (a whole page flattened)"
_ABOVE_THE_RUN = "a word or two above the page's run of text (a menu)"


def kept_when_unsure(lines: list[PageLine], ruling: bool, minutes: bool = False) -> frozenset[int]:
    """Lines the first pass cut by where they stand, not by what they are, that may well be the text's own:
    every one of a court ruling's (a document of many parts, its parties one a line, never one run of
    prose); after a page's run of text a line that may be text (``_may_be_text``) until a footer's menu
    (``AFTER_RUN_GAP`` lines in a row that are no text) ends the page, and in minutes (``minutes``: a page that
    lists who was there, a document of many parts too) every line that may be text, wherever it stands (its
    agenda items one a line under the list of names, many of them between lines of a word or two), and its
    lines of a word or two just above the run go back to the head reader ("Notulen Gemeenteraad"); a row of a
    table in Markdown's form ("7 | Jumbo | € 6,0 miljard |"), which opens or closes with its bar as no menu bar
    does; a name in a bullet among three bullets or more (the newspapers that ran the story), a list's, no byline;
    a ruling's caption ("ECLI:NL:TGZCTG:2018:232 Centraal Tuchtcollege voor de Gezondheidszorg ..."), its title.
    A sentence lost is worse than furniture kept. Returns their places, which the model does not take out."""
    kept = set()
    listed = _bulleted_lists(lines) if any(line.reason == "name or source in a bullet" for line in lines) \
        else frozenset()
    menu_run = 0  # lines cut below the run in a row that are no text: a menu, a footer's links
    past_run = False
    for index, line in enumerate(lines):
        past_run = past_run or line.after_run
        if line.kind not in (Kind.FURNITURE, Kind.BYLINE):
            continue
        by_place = line.reason in (_OUTSIDE_THE_RUN, _ABOVE_THE_RUN)
        below = line.after_run and line.reason == _OUTSIDE_THE_RUN
        may_be_text = ((below and menu_run < AFTER_RUN_GAP) or (minutes and by_place)) and _may_be_text(lines, index)
        if past_run:
            menu_run = 0 if may_be_text else menu_run + 1
        if minutes and not may_be_text and line.reason == _ABOVE_THE_RUN:
            line.kind, line.reason = Kind.TEXT, ""  # the head's lines ("Notulen Gemeenteraad"): the head reads them
            continue
        if (ruling and by_place) or may_be_text or (
                line.reason == "navigation menu" and _table_row(lines, index)) or (
                line.reason == "name or source in a bullet" and index in listed) or (
                line.reason == "case metadata (ecli)" and _RULING_CAPTION.fullmatch(line.text)):
            line.kind, line.reason = Kind.TEXT, ""
            kept.add(index)
    return frozenset(kept)


def above_the_run_put_back(lines: list[PageLine], heads: Callable[[PageLine], bool] = lambda _line: False) -> None:
    """Lines well above a whole page's run of text that the first pass cut by where they stand and that may be
    the text's own (``_may_be_text``: a regulation's metadata block above its text, "Deze regeling vervangt de
    verordening van 2014.", the headings of its parts): back in the text once the head has been read, so the
    headline is found as before, and the line model judges them as it judges every other line of the text.
    Menus and buttons (a word or two) stay out, but for a line the model takes for a sub-heading (``heads``: a
    document's "Intitulé", "Agendapunten" over its first part)."""
    for index, line in enumerate(lines):
        if line.kind == Kind.FURNITURE and not line.after_run and (
                (line.reason == _OUTSIDE_THE_RUN and _may_be_text(lines, index))
                or (line.reason in (_OUTSIDE_THE_RUN, _ABOVE_THE_RUN) and heads(line))):
            line.kind, line.reason = Kind.TEXT, ""


def _table_row(lines: list[PageLine], index: int) -> bool:
    """A row of a table in Markdown's form, or a numbered row with its bars under a numbered row of one (the table's
    last row, cut short by the scraper: "25 | Boni | € 264" under "24 | Van der Valk | € 287 miljoen |"): a menu's
    items are no figures."""
    text = lines[index].text
    if is_table_row(text):
        return True
    above = lines[index - 1].text if index > 0 and lines[index - 1].block == lines[index].block else ""
    return (is_table_row(above) and text.count("|") >= 2 and text.count("|") + 1 >= above.count("|")
            and _first_cell(text).isdigit() and _first_cell(above).isdigit())


def _first_cell(row: str) -> str:
    return row.strip().strip("|").split("|", 1)[0].strip().rstrip(".")


# the identifier, then the court and more: the caption a disciplinary court's site gives its ruling
_RULING_CAPTION = re.compile(r"ECLI:[A-Z]{2}:[A-Z0-9]+:\d{4}:[A-Z0-9.]+(?:\s+\S+){3,40}")


def _bulleted_lists(lines: list[PageLine]) -> frozenset[int]:
    """The places of lines that stand in a run of three bulleted lines or more under a line of the text
    of eight words or more (a menu's bulleted items stand under nothing of the kind). One pass."""
    found: set[int] = set()
    start = 0
    for index in range(len(lines) + 1):
        if index < len(lines) and lines[index].text[:1] in "•·":
            continue
        above = lines[start - 1] if start else None
        if index - start >= 3 and above is not None and above.kind == Kind.TEXT \
                and len(above.text.split()) >= _LONG_WORDS:
            found.update(range(start, index))
        start = index + 1
    return frozenset(found)


# A bulleted list's item cut by where it stands on a whole page flattened that the model gives less than this share
# of furniture votes is the text's (a council's portfolios or figures one a bullet, under the article's first lines;
# the bullets of a menu or a footer the model reads as navigation). Lines of no bullet stay cut: prose the model
# takes for text far below the span is mostly comments and other stories (branch lost9).
_LIST_ITEM_TEXT = 0.2
_BULLETS = "•·▪"


def list_items_back(lines: list[PageLine], furniture: Callable[[PageLine], float]) -> None:
    """Lines cut by where they stand on a whole page flattened (outside its run of text, below the article's
    span) that are items of a bulleted list (a bullet before the line and before the line above or under it)
    and that the model all but takes for text (``_LIST_ITEM_TEXT``): back in the text. After the line model."""
    bulleted = [line.text[:1] in _BULLETS for line in lines]
    for index, line in enumerate(lines):
        if line.kind == Kind.FURNITURE and line.reason in (_OUTSIDE_THE_RUN, _BELOW_THE_ARTICLE) \
                and bulleted[index] and line.shares and furniture(line) < _LIST_ITEM_TEXT \
                and ((index > 0 and bulleted[index - 1]) or (index + 1 < len(lines) and bulleted[index + 1])):
            line.kind, line.reason = Kind.TEXT, ""


# A whole page's tail that is the article's own (``tail_back``, branch lost12): a page of a few dozen lines counted
# as flattened whole for its many short lines (a council's members one a bullet, a fixture one match a line, a
# league's standings, a table one cell a line, under a paragraph or two) opens with its article and has no footer and
# no other stories under it, where a page a scraper flattened whole opens with its menus (lines the run of text cut
# by where they stand above it), ends in a footer the model takes for furniture, and runs to a hundred lines and
# more. On such a page (at most _TAIL_PAGE_LINES lines, nothing above the article cut by where it stands), when from
# the first line cut by where it stands below the article to the page's end at most one line in _TAIL_FOOTER_EVERY
# gets _TAIL_FOOTER of the model's furniture votes or more and the lines get under _TAIL_MEAN on average, the lines
# cut there by where they stand go back to the text where the model gives them under _TAIL_BACK. Measured
# leave-sites-out on the 2,265 labelled pages: 92 sentences fewer lost (232 -> 140) for 29 furniture lines kept
# (three pages); trafilatura's flattened pages (``html_pages.py``): F1 0.8487 before and after (without the two page
# conditions 0.834: other stories' teasers and a footer's links, which the model half takes for text there).
_TAIL_FOOTER = 0.7
_TAIL_FOOTER_EVERY = 20
_TAIL_MEAN = 0.45
_TAIL_BACK = 0.6
_TAIL_PAGE_LINES = 2 * _WHOLE_PAGE_LINES


def tail_back(lines: list[PageLine], furniture: Callable[[PageLine], float]) -> None:
    """A page counted as flattened whole for its short lines, after the line model: when it opens with its article
    (no line above cut by where it stands: a menu), is a few dozen lines long (``_TAIL_PAGE_LINES``) and nothing
    under the article reads as a page's furniture (no footer: ``_TAIL_FOOTER``, ``_TAIL_MEAN``), the lines cut
    there by where they stand (outside the run of text, below the article's span) that the model does not take
    for furniture (``_TAIL_BACK``) are the article's list or table, back in the text, and so is a line cut there
    that then stands amid two lines of the text (one item of the list the model reads as a metadata block's,
    "4. <name> 35" between "3." and "5."). Lines other rules took stay theirs; without the model's shares nothing
    comes back."""
    start = next((index for index, line in enumerate(lines) if line.kind == Kind.FURNITURE and (
        line.reason == _BELOW_THE_ARTICLE or (line.reason == _OUTSIDE_THE_RUN and line.after_run))), None)
    if len(lines) > _TAIL_PAGE_LINES or start is None or not all(line.shares for line in lines[start:]) or any(
            line.reason in (_OUTSIDE_THE_RUN, _ABOVE_THE_RUN) for line in lines[:start]):
        return
    shares = [furniture(line) for line in lines[start:]]
    if sum(1 for share in shares if share >= _TAIL_FOOTER) > len(shares) // _TAIL_FOOTER_EVERY \
            or sum(shares) >= _TAIL_MEAN * len(shares):
        return
    for line, share in zip(lines[start:], shares, strict=True):
        if line.kind == Kind.FURNITURE and line.reason in (_OUTSIDE_THE_RUN, _BELOW_THE_ARTICLE) and share < _TAIL_BACK:
            line.kind, line.reason = Kind.TEXT, ""
    for index in range(max(start, 1), len(lines) - 1):
        line = lines[index]
        if line.kind == Kind.FURNITURE and line.reason in (_OUTSIDE_THE_RUN, _BELOW_THE_ARTICLE) \
                and lines[index - 1].kind == lines[index + 1].kind == Kind.TEXT:
            line.kind, line.reason = Kind.TEXT, ""


def _may_be_text(lines: list[PageLine], index: int) -> bool:
    """A line outside the run that may still be the text's own: a line of a few words or more (a sentence,
    an agenda item, a party to a case), or one that goes on from the line above or into the next (a verse,
    "te Roosendaal,"). Menus and buttons are a word or two each, and none of them goes on."""
    text = lines[index].text
    if len(_WORD.findall(text)) >= _SHORT_WORDS or is_listed_name(text):
        return True
    return _goes_on(lines, index)


# Other stories' teasers under a heading of their own: a title of a few words (no sentence's end), and under it
# at most one line, its blurb; a link amid the text over the article's next paragraphs (two lines of text in a
# row) is no list of teasers. _TEASERS titles at the least, or _TEASERS_CUT when every blurb is cut short as a
# teaser's is ("... in de nacht een e...", "De Dordtse was in ...", where a paragraph ends as a sentence ends).
_TEASERS = 3
_TEASERS_CUT = 2
_TITLE_WORDS = 16
_ENDS_AS_A_SENTENCE = re.compile(r"[.!?;:,][\"”’')»]*$")
_CUT_SHORT = re.compile(r"(?:\.\.\.|…)[\"”’')»]*$")
_RELATED = "other stories under their heading"


def _teasers(lines: list[PageLine]) -> bool:
    """Whether lines (the text's, to the page's end) are other stories' teasers, each a title and at most one
    blurb."""
    titles, blurb_allowed, whole = 0, False, False
    for line in lines:
        text = line.text
        if len(text.split()) <= _TITLE_WORDS and not _ENDS_AS_A_SENTENCE.search(text) and not text[:1].islower():
            titles, blurb_allowed = titles + 1, True
        elif blurb_allowed:
            blurb_allowed = False
            whole = whole or not (_CUT_SHORT.search(text) or not _ENDS_AS_A_SENTENCE.search(text))
        else:
            return False
    return titles >= (_TEASERS if whole else _TEASERS_CUT)


def related_stories_below(lines: list[PageLine], head_end: int) -> None:
    """A heading over other stories under the article's first paragraph ("Verder in het nieuws", "Gerelateerde
    artikels") ends the article, as ``is_list_header``'s do; one that may head a single link amid the text ("Lees
    ook") ends it only when every line of the text under it is a teaser (``_teasers``). A heading the page shows
    more than once (under each teaser of an index page) ends nothing. Read after the line model."""
    for index in range(head_end + 1, len(lines)):
        line = lines[index]
        kind = related_heading(line.text) if line.kind in (Kind.TEXT, Kind.FURNITURE, Kind.HEADING) else None
        if kind is None or sum(1 for other in lines if other.text == line.text) > 1:
            continue
        rest = [other for other in lines[index + 1:] if other.kind in (Kind.TEXT, Kind.HEADING)]
        if kind == "teasers" and not _teasers(rest):
            continue
        for other in rest:
            other.kind, other.reason = Kind.FURNITURE, _RELATED
        line.kind, line.reason = Kind.FURNITURE, "heading over other stories"
        return


def a_teasers_button(lines: list[PageLine], index: int) -> bool:
    """ "Read more" with another button to a story under it ("Lees meer", "Lire plus": the teasers of a page in
    several languages): the button of one teaser of many, no heading over other stories (as a line the page shows
    more than once is none)."""
    return is_read_more(lines[index].text) and any(is_read_more(other.text) for other in lines[index + 1:])


# A call to action is a short prompt ("Lees meer", "Klik hier om te reageren"); a line of this many words the rule
# took for one is a paragraph that holds a prompt ("Klik hier als u uw wachtwoord vergeten bent. U komt ...", a
# teaser's button glued to its blurb). Measured leave-sites-out on the 2,265 labelled pages: the calls to action of
# 20 words or more were all the text's (0.46-0.52 of furniture), those of 15-17 words furniture (0.48-0.63).
_PROMPT_WORDS = 20
_PROMPT_TEXT = 0.6


def long_prompts_back(lines: list[PageLine], furniture: Callable[[PageLine], float]) -> None:
    """Lines of _PROMPT_WORDS words or more a call to action's rule took, back in the text where the model gives
    them under _PROMPT_TEXT of furniture votes."""
    for line in lines:
        if line.kind == Kind.FURNITURE and line.reason == "call to action" and line.shares \
                and len(line.text.split(maxsplit=_PROMPT_WORDS)) >= _PROMPT_WORDS and furniture(line) < _PROMPT_TEXT:
            line.kind, line.reason = Kind.TEXT, ""
