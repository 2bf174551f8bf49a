"""A scraped page read as blocks: its head (kicker, headline, byline, date lines), then its body.

Scrapers keep everything the page showed: a section label above the headline, the headline on a
line of its own, bylines, date and time lines, photo captions and credits, share and newsletter
lines, links to other stories. ``read_page`` sorts every line into one of the kinds below, by its
features (length, case, final punctuation, stop-word density, digits, month and weekday names,
credit and navigation markers) and its position (before or after the lede):

- the *head* is every line before the first line of prose. In it, the first headline-like line is
  the headline; short labels above it are kickers; names, dates and credits around it are furniture.
- the *body* keeps paragraphs and sub-headings; furniture anywhere in it is taken out. A heading
  over a list of other stories ("Recente berichten", "Related") ends the article.

A page may be no article at all (an index, shop, agenda or login page): ``page_kind`` judges that
from the page's text (``Page.not_article``), and such a page takes a date only from a publication label of its own.

Every line taken out is kept in ``Page.removed`` with its kind and the reason, so ``ingest
--explain`` can show that no sentence of the article was lost.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Callable, Mapping

from pipeline.reading.around_the_article import furniture_around_the_article
from pipeline.reading.body_blocks import SECTION_WORDS, body_blocks, numbered_section
from pipeline.reading.byline_forms import head_form, section_names_in_head
from pipeline.reading.credits import furniture_by_form
from pipeline.reading.date_candidates import date_alone, date_token
from pipeline.reading.date_lines import date_line, find_date_token, place_and_date
from pipeline.reading.documents import document_header, lists_who_was_there, opens_attendance, titles_a_document
from pipeline.reading.documents import is_name_line as is_listed_name
from pipeline.reading.furniture import (
    byline_reason,
    caption_reason,
    dated_byline_row,
    furniture_reason,
    is_list_header,
    is_name_line,
    is_signature,
    strip_bullets,
)
from pipeline.reading.head import caption_above_headline, read_head, take_glued_day
from pipeline.reading.headline_shapes import headline_in_title_case, notice_to_the_reader
from pipeline.reading.lines import (
    Kind,
    Page,
    PageLine,
    Removed,
    is_caps_label,
    is_prose,
)
from pipeline.reading.page_dates import settle_dates
from pipeline.reading.page_kind import judge, kind_features
from pipeline.reading.roles import (
    HEADING_SHARE,
    LIST_NEAR,
    doubted_rules_undone,
    furniture_share,
    heading_family,
    learn_roles,
    learnt_furniture,
    learnt_heading,
)
from pipeline.reading.rulings import RULING_HEADING_SHARE, is_ruling, read_case_metadata, ruling_headings, ruling_line
from pipeline.reading.run_of_text import (
    a_teasers_button,
    above_the_run_put_back,
    cut_below_the_learnt_article,
    cut_outside_the_learnt_article,
    kept_when_unsure,
    list_items_back,
    long_prompts_back,
    outside_the_run_of_text,
    related_stories_below,
    tail_back,
)
from pipeline.reading.subheadings import section_style
from pipeline.reading.text import comparable

# --- one line --------------------------------------------------------------------------------------


def _classify(line: PageLine, boilerplate: tuple[str, ...]) -> None:
    """Furniture a line is by itself, wherever it stands; the rest stays TEXT for now."""
    text = strip_bullets(line.text) or line.text
    if text != line.text and line.text[:1] in "•·" and (is_name_line(text) or re.fullmatch(r"[A-Z][\w.&-]+", text)):
        line.kind, line.reason = Kind.BYLINE, "name or source in a bullet"
        return
    # the line as it stands too: "Nieuws - - Regio -" is a breadcrumb by its trailing dash
    reason = furniture_reason(text, boilerplate) or (furniture_reason(line.text, boilerplate) if text != line.text
                                                     else None)
    if reason:
        line.kind, line.reason = Kind.FURNITURE, reason
        return
    header = document_header(text)
    if header:  # "Onderwerp: Onheuse bejegening" is metadata wherever it stands, above the headline too
        line.kind, line.reason = Kind.FURNITURE, f"document header ({header})"
        return
    reason = caption_reason(text)
    if reason:
        line.kind, line.reason = Kind.CAPTION, reason
        return
    byline = byline_reason(text)
    if byline:
        line.kind, line.reason = Kind.BYLINE, byline[1]
        return
    found = date_line(text)
    if found is not None and found[1] == 0:
        line.kind, line.reason = Kind.DATE_LINE, "date line" if found[0] else "time line"
    elif place_and_date(text):
        line.kind, line.reason = Kind.DATE_LINE, "place and date"


# --- the page --------------------------------------------------------------------------------------


def first_pass(text: str, boilerplate: tuple[str, ...], labels: frozenset[str],
               page: Page) -> tuple[list[PageLine], int]:
    """The page's lines as the exact rules see them, before the head is read: each line's furniture by
    itself, captions above credits, a whole flattened page's run of text (where it starts is returned)
    and a ruling's metadata block. What the line model reads (``line_features``)."""
    lines = _lines(text)
    for line in lines:
        _classify(line, boilerplate)
    _caption_above_credit(lines)
    _alt_text_beside_caption(lines)
    run_start = outside_the_run_of_text(lines, labels)
    read_case_metadata(lines, page)
    return lines, run_start


def read_page(text: str, boilerplate: tuple[str, ...] = (), labels: frozenset[str] = frozenset(),
              want_headline: bool = True, recurring: Mapping[str, tuple[int, int]] | None = None,
              address: str = "") -> Page:
    """Sort a page's lines into head, body and furniture (see the module docstring); ``address``: its URL."""
    page = Page()
    lines, run_start = first_pass(text, boilerplate, labels, page)
    decides = learn_roles(lines, recurring)
    _rows_of_a_table(lines)
    _dated_titles_back(lines)
    furniture_by_form(lines)  # captions with their credits, trails of pages: exact, read after the model
    if decides:  # the page's kind, judged where the learnt reader reads (never by the rules alone)
        page.kind_row = kind_features(text)
        verdict = judge(page.kind_row, address)
        page.kind, page.not_article = verdict, verdict.not_article
    ruling = is_ruling(lines)
    # minutes that list who was there are, as a ruling is, a document of many parts: no one run of prose
    minutes = lists_who_was_there(line.text for line in lines[:_MINUTES_LIST_WITHIN])
    kept = kept_when_unsure(lines, ruling, minutes)
    run_start = 0 if ruling or minutes else run_start
    if not (ruling or minutes) and "furniture" in decides:
        cut_below_the_learnt_article(lines, furniture_share)
    if "furniture" in decides:
        doubted_rules_undone(lines)
        list_items_back(lines, furniture_share)
        long_prompts_back(lines, furniture_share)
        if not (ruling or minutes):
            tail_back(lines, furniture_share)
    page.lines = lines
    for line in lines:  # above the text: a notice to the reader (a browser's too old, the shop's cart is empty)
        if line.kind == Kind.TEXT and notice_to_the_reader(line.text):
            line.kind, line.reason = Kind.FURNITURE, "a notice to the reader (a browser's, a shop's cart)"
        elif line.kind == Kind.TEXT and is_prose(line.text):
            break
    # a headline of short sentences in title case reads as prose, but heads the page
    head_end = next((i for i, line in enumerate(lines) if line.kind == Kind.TEXT and is_prose(line.text)
                     and not (want_headline and headline_in_title_case(line.text))), len(lines))
    head_end = caption_above_headline(lines, head_end) if want_headline else head_end
    _cut_link_lists(lines, max(head_end, run_start))
    related_stories_below(lines, max(head_end, run_start))
    furniture_around_the_article(lines, ruling or minutes)
    # a whole flattened page's head is found by its run of text, which the model (trained on excerpts) does not overrule
    read_head(lines[:head_end], lines[head_end] if head_end < len(lines) else None, page, labels, want_headline,
              "\n".join(line.text for line in lines[head_end:]), learnt=run_start == 0, address=address)
    sentences_above_the_headline(lines, page, "furniture" in decides)
    # what the model takes for a sub-heading above the run: a document's first part's heading, no menu
    above_the_run_put_back(lines, lambda line: "headings" in decides and line.shares.get("sub-heading", 0.0)
                           >= HEADING_SHARE)
    _names_said_before(lines, head_end)
    _place_lines(lines)
    listed = _attendance_lists(lines)
    _lines_shown_twice(lines, head_end)
    _offer_lists(lines)
    if lines and lines[-1].kind == Kind.TEXT and is_signature(lines[-1].text) and len(lines) > 1:
        lines[-1].kind, lines[-1].reason = Kind.BYLINE, "signature under the text"
    take_glued_day(lines, head_end, page)
    section_names_in_head(lines, head_end)
    for line in lines:
        if line.kind == Kind.TEXT and (header := document_header(line.text, after_the_model=True)):
            line.kind, line.reason = Kind.FURNITURE, f"document header ({header})"
        elif line.kind in (Kind.TEXT, Kind.HEADING) and (form := head_form(line.text)):
            line.kind, line.reason = Kind.FURNITURE, form  # a page's button, a byline or metadata in a form of its own
    for line in lines[:_EARLY_LINES]:
        if line.kind == Kind.TEXT and dated_byline_row(line.text):
            line.kind, line.reason = Kind.FURNITURE, "a byline and its dates in a row"
    if "furniture" in decides:
        numbered = _numbered_alike(lines)
        learnt_furniture(lines, lambda text: text in listed or (ruling and ruling_line(text)) or text in numbered
                         or _dated_title(text), kept)
        if not ruling:
            # what may head a part of the text stays for body_blocks to decide (the model's sub-headings, lines
            # shaped as the page's, a document's numbered sections)
            family = heading_family(lines)
            cut_outside_the_learnt_article(lines, furniture_share, lambda index, line: (
                index in kept or line.text in listed or learnt_heading(line, family=family)
                or numbered_section(line.text)))
    for index, line in enumerate(lines):
        if date_alone(line):
            token = date_token(line)
            # the head's, a date line among the first lines (under a lede that came first), or the last line's
            if token and (index < max(head_end, _EARLY_LINES) or index == len(lines) - 1):
                page.dates.append((token, line.text))
        elif line.kind == Kind.BYLINE:
            found = byline_reason(line.text)
            page.author = page.author or (found[0] if found else "")
            token = find_date_token(line.text) if index < head_end else None
            if token:
                page.dates.append((token, line.text))  # "Door de redactie · geplaatst: 12 augustus 2017"
        if line.kind not in (Kind.TEXT, Kind.HEADING, Kind.HEADLINE):
            page.removed.append(Removed(line.text, line.kind, line.reason))
    settle_dates(lines, head_end, page)
    # a court ruling's parts are its numbered sections and the site's labels, by exact rules
    page.blocks = body_blocks([line for line in lines if line.kind in (Kind.TEXT, Kind.HEADING)],
                               "headings" in decides and not ruling)
    if ruling:
        sure = frozenset(line.text for line in lines if line.kind in (Kind.HEADING, Kind.TEXT)
                         and line.shares.get("sub-heading", 0.0) >= RULING_HEADING_SHARE)
        page.blocks = ruling_headings(page.blocks, sure)
    return page


# A line above the headline the head took for a label by where it stands, though it holds a sentence (four words or
# more) and the model gives it less than this share of furniture votes: the text's (a live blog's own headline over
# the one its latest post gives, a document's title over its section's). Measured leave-sites-out on k-p: of such
# lines under 0.3, 4 were the article's and 3 furniture; from 0.3 up nearly all furniture.
# A line of four words or more under the headline taken for a label is the text's by the same share (on the fresh
# batches t-z, the labels under the headline that are the article's had 0.23, the furniture 0.37 or more). On the
# second corpus's 1,089 pages (t-zf) the lines above it that are the article's had 0.30-0.35 (a minutes' opening
# sentence, a headline's first half): 0.36 keeps them, and no line of furniture came back with them.
ABOVE_HEADLINE_TEXT = 0.36
_LABEL_ABOVE = "label above the headline"
_LABELS = (_LABEL_ABOVE, "label under the headline")


def sentences_above_the_headline(lines: list[PageLine], page: Page, learnt: bool) -> None:
    """Lines above (or just under) the headline taken for labels that the model all but takes for text, back in
    the text."""
    if not learnt:
        return
    for line in lines:
        if line.kind == Kind.KICKER and line.reason in _LABELS and line.shares \
                and len(line.text.split(maxsplit=4)) >= 4 and furniture_share(line) < ABOVE_HEADLINE_TEXT:
            line.kind, line.reason = Kind.TEXT, ""
            if page.kicker == line.text:
                page.kicker = next((other.text for other in lines if other.kind == Kind.KICKER
                                    and other.reason == _LABEL_ABOVE), "")


# --- a whole web page flattened to text ----------------------------------------------------------------

def _caption_above_credit(lines: list[PageLine]) -> None:
    """ "Het gemeentehuis" over "Beeld: Omroep Oost" in one block: the photo's caption above its
    credit. Only a short line that opens its block: a sentence above a credit in a paragraph written
    one sentence a line is the article's."""
    for index, (above, line) in enumerate(itertools.pairwise(lines)):
        opens_block = index == 0 or lines[index - 1].block != above.block
        if (line.kind == Kind.CAPTION and above.kind == Kind.TEXT and above.block == line.block and opens_block
                and len(above.text.split()) <= 12 and not above.text.endswith((":", "?", "!"))):
            above.kind, above.reason = Kind.CAPTION, _ABOVE_CREDIT


_ABOVE_CREDIT = "caption above its credit"
_ALT_TEXT = "the caption beside it begins with it (alt text)"


def _alt_text_beside_caption(lines: list[PageLine]) -> None:
    """ "Lord Janner." beside "Lord Janner. Photograph: David Karp/Bloomberg News": a line that is how the
    caption beside it begins is the image's text shown again (its alt text), never the article's."""
    for index, line in enumerate(lines):
        if line.kind != Kind.CAPTION or line.reason in (_ABOVE_CREDIT, _ALT_TEXT):
            continue  # only a caption by its own credit: a line above one may be the headline shown again
        caption = comparable(line.text)
        for other in (lines[place] for place in (index - 1, index + 1) if 0 <= place < len(lines)):
            shown = comparable(other.text)
            if other.kind == Kind.TEXT and len(shown.split()) >= 2 and caption.startswith(shown) \
                    and len(shown) < len(caption):
                other.kind, other.reason = Kind.CAPTION, _ALT_TEXT


def _names_said_before(lines: list[PageLine], head_end: int) -> None:
    """ "Els de Wit" alone between paragraphs, the name the headline or the text already gave:
    the author's name shown again, never a sub-heading. (A heading that is a name comes before
    the text that speaks of it.)"""
    text, starts = "", [0]  # the page's text, joined once and only when a name line is found
    looked_at = 0  # a few names are looked for, each once in the text: never a search per line
    for index in range(head_end + 1, len(lines)):
        line = lines[index]
        alone = lines[index - 1].block != line.block and (
            index + 1 == len(lines) or lines[index + 1].block != line.block)
        if line.kind == Kind.TEXT and alone and is_name_line(line.text) and looked_at < _NAMES_LOOKED_FOR:
            looked_at += 1
            if not text:
                text = "\n".join(line.text for line in lines)
                starts = list(itertools.accumulate((len(line.text) + 1 for line in lines), initial=0))
            if text.find(line.text, 0, starts[index]) >= 0:
                line.kind, line.reason = Kind.BYLINE, "the author's name again"


def _attendance_lists(lines: list[PageLine]) -> set[str]:
    """The names under "Aanwezig:", one a line, are the minutes' list of who was there: never a byline, and
    the model does not take them out either. Returns them."""
    listed: set[str] = set()
    listing, block = False, -1
    unnamed: list[PageLine] = []  # lines of the list's block that are no name by the rules, since its last name
    for line in lines:
        name = listing and (is_name_line(line.text) or is_listed_name(line.text))  # asked only inside a list
        if line.kind == Kind.TEXT and opens_attendance(line.text):
            listing, block, unnamed = True, line.block, []
            if any(char.isalpha() for char in line.text.partition(":")[2]):
                listed.add(line.text)  # "Aanwezig: Joke Jansen, voorzitter": the list's first name with its head
        elif listing and line.kind in (Kind.BYLINE, Kind.TEXT) and name:
            line.kind, line.reason = Kind.TEXT, ""
            listed.add(line.text)
            # a line of four words or more between two of the list's lines in its block is the list's ("Sietske de
            # Boer (notulen) Klaas Visser": two names and a role the rules' shape of a name does not know)
            listed.update(other.text for other in unnamed if other.block == line.block)
            unnamed = []
        elif listing and line.block != block and not (line.kind == Kind.TEXT and name):
            listing = False  # the list goes on in its block (a line may hold two names), or one name a line
        elif listing and line.kind == Kind.TEXT and len(line.text.split(maxsplit=_LISTED_WORDS)) >= _LISTED_WORDS:
            unnamed.append(line)
    return listed


_NAMES_LOOKED_FOR = 20
_LISTED_WORDS = 4
_MINUTES_LIST_WITHIN = 60  # lines from the top where minutes list who was there
# A date line this near the top is the page's, wherever the lede began.
_EARLY_LINES = 12


# A figure in a table's row: "26", "-19", "1,25", "92".
_FIGURE = re.compile(r"(?<![\w.,])-?\d+(?:[.,]\d+)?(?![\w.,])")


def _rows_of_a_table(lines: list[PageLine]) -> None:
    """A line the first pass took for a table row by itself ("26 22 3 1 92 : 18 74 69") with a row of as many
    figures LIST_NEAR lines away or nearer is one row of a table the page holds (a league's standings, a
    budget's figures): the page's content, put back in the text after the line model read the page (a pager's
    "1 2 3 4 5" stands alone)."""
    rows = {index: len(_FIGURE.findall(line.text)) for index, line in enumerate(lines) if line.reason == "table row"}
    for index, count in rows.items():
        if any(rows.get(near) == count for near in range(index - LIST_NEAR, index + LIST_NEAR + 1) if near != index):
            lines[index].kind, lines[index].reason = Kind.TEXT, ""


def _lines_shown_twice(lines: list[PageLine], head_end: int) -> None:
    """The same short line twice in a row in the body (a photo's alt text and its caption, a link and
    its teaser): neither is the article's. But a sentence (``is_prose``) that the model takes for text
    (a lede or a quote the page shows twice) keeps its first copy."""
    for above, line in itertools.pairwise(lines[head_end + 1:]):
        if (above.kind == line.kind == Kind.TEXT and above.block == line.block and len(line.text.split()) <= 20
                and comparable(above.text) == comparable(line.text)):
            for twice in (line,) if _a_sentence_of_the_text(above) else (above, line):
                twice.kind, twice.reason = Kind.CAPTION, "a line shown twice (a caption or a link)"


# The model's share of furniture under which a sentence shown twice keeps a copy (on the fresh batches t-z, the lines
# shown twice that the labels call furniture had 0.56 or more, the article's sentence 0.27-0.39).
SHOWN_TWICE_TEXT = 0.5


def _a_sentence_of_the_text(line: PageLine) -> bool:
    """A sentence, or a line of five words or more (an item's title over its link), that the model takes for text
    (the captions and links shown twice that are furniture hold four words or fewer, or 0.6 of furniture or more)."""
    return bool(line.shares) and (is_prose(line.text) or len(line.text.split(maxsplit=5)) >= 5) \
        and furniture_share(line) < SHOWN_TWICE_TEXT


def _offer_lists(lines: list[PageLine]) -> None:
    """The points of a subscription offer under its paywall or newsletter line ("• Een bannervrije
    website", "➔ Jederzeit kündbar")."""
    offer = False
    for line in lines:
        if line.kind == Kind.FURNITURE and line.reason in ("paywall", "newsletter"):
            offer = True
        elif offer and line.kind == Kind.TEXT and (strip_bullets(line.text) != line.text
                                                   or len(line.text.split()) <= 2):
            line.kind, line.reason = Kind.FURNITURE, "a point of a subscription offer"
        elif line.kind == Kind.TEXT:
            offer = False


_ROLE = re.compile(r"(?i:(?:\w+ ){0,2}(?:reporter|correspondent|editor|redacteur|redactrice|verslaggever"
                   r"|journalist(?:e|in)?|redakteur(?:in)?|korrespondent(?:in)?|columnist|freelancer))")


def _place_lines(lines: list[PageLine]) -> None:
    """ "ZWOLLE" alone over the byline or the date line: the place the story was written; the
    author's role under the byline."""
    for above, line in itertools.pairwise(lines):
        if above.kind == Kind.TEXT and line.kind in (Kind.BYLINE, Kind.DATE_LINE) and is_caps_label(above.text) \
                and len(above.text.split()) <= 2:
            above.kind, above.reason = Kind.BYLINE, "place over the byline or date line"
        elif above.kind == Kind.BYLINE and line.kind == Kind.TEXT and _ROLE.fullmatch(line.text):
            line.kind, line.reason = Kind.BYLINE, "the author's role under the byline"  # "By Jan Smit" "Reporter"


def _lines(text: str) -> list[PageLine]:
    out: list[PageLine] = []
    block = 0
    for raw in text.split("\n"):
        stripped = " ".join(raw.split())
        if stripped:
            out.append(PageLine(stripped, block))
        else:
            block += 1
    return out


def _cut_link_lists(lines: list[PageLine], head_end: int) -> None:
    """A heading over other stories' links, after the article's first paragraph, ends the article. A line of
    that shape the page shows more than once ("Read More" under each teaser of an index page, "Leave a
    Comment" under each post of a blog's archive) is a button every item has, no heading: it ends nothing."""
    shown: Counter[str] | None = None  # the page's lines counted once, when a header is first found
    over_the_text: Callable[[int], bool] | None = None  # and the prose around each line read once
    for index, line in enumerate(lines):
        if index > head_end and line.kind in (Kind.TEXT, Kind.FURNITURE) and is_list_header(line.text):
            shown = shown or Counter(other.text.casefold() for other in lines)
            over_the_text = over_the_text or _over_the_text(lines, head_end)
            if shown[line.text.casefold()] > 1 or over_the_text(index) or a_teasers_button(lines, index):
                continue
            for rest in lines[index:]:
                if rest.kind in (Kind.TEXT, Kind.HEADING):
                    rest.kind, rest.reason = Kind.FURNITURE, f"link list under {line.text!r}"
            line.kind, line.reason = Kind.FURNITURE, "heading of a link list"
            return


def _over_the_text(lines: list[PageLine], head_end: int) -> Callable[[int], bool]:
    """Whether the line at an index (below the head) is a list's heading over the article's prose: at most one line
    of prose between the head and it, and three or more under it holding more words (a button in the byline's row,
    "Comments", over the article's body). Other stories' titles are no run of sentences, and comments stand under an
    article of more than one paragraph. The page's lines are read once, whatever the number of headings asked."""
    prose = [index for index in range(head_end, len(lines))
             if lines[index].kind == Kind.TEXT and is_prose(lines[index].text)]
    words = list(itertools.accumulate((len(lines[index].text.split()) for index in prose), initial=0))
    # of the prose lines from each one on, how many the model does not take for text (no shares, or too much furniture)
    unlike_text = list(itertools.accumulate(
        (not (lines[index].shares and furniture_share(lines[index]) < _TEXT_UNDER) for index in reversed(prose)),
        initial=0))[::-1]

    def over_the_text(index: int) -> bool:
        above = bisect.bisect_left(prose, index)  # the prose lines above it (from the head on)
        below = bisect.bisect_right(prose, index)  # where the prose under it begins
        return above <= 1 and len(prose) - below >= _PROSE_UNDER and \
            words[-1] - words[below] > words[above] and unlike_text[below] == 0

    return over_the_text


# The prose lines under a list's heading that make it no list's (three or more, all of them taken for text by the
# model: a teaser's blurb it half takes for furniture)
_PROSE_UNDER = 3
_TEXT_UNDER = 0.2


# --- a document's own numbering and dated title ---------------------------------------------

_NUMBERED_ALIKE = 3  # numbered section heads of one style (the line itself and two more): the page's own numbering


def _numbered_alike(lines: list[PageLine]) -> frozenset[str]:
    """The lines of the text numbered as the page numbers its sections ("Artikel 1. Definities" among "Artikel
    2. Rekenkamer" and "Artikel 3. Benoeming", "TOP 6 Einwohnerfragestunde" among "TOP 1" to "TOP 5"): a
    document's section heads, which the model may take for a menu's or a metadata block's lines on a site it
    never saw (measured leave-sites-out: of the lines it took out so, 4 labelled sub-headings, 1 line of text)."""
    styles = {line.text: style for line in lines
              if line.kind == Kind.TEXT and (style := section_style(line.text, SECTION_WORDS)) is not None}
    counts = Counter(styles.values())
    return frozenset(text for text, style in styles.items() if counts[style] >= _NUMBERED_ALIKE)


def _dated_titles_back(lines: list[PageLine]) -> None:
    """A line the first pass took for a date line that titles a document by its date ("Minutes 6th December 2021")
    goes back in the text for the head to read as the title. After the model: its features say what the first pass
    said, as in the pages it learnt from."""
    for line in lines:
        if line.kind == Kind.DATE_LINE and line.reason == "date line" and titles_a_document(line.text):
            line.kind, line.reason = Kind.TEXT, ""


def _dated_title(text: str) -> bool:
    """ "Vonnis van 26 mei 2021", "Zitting van 26 januari 2023": a document's title with its date, no date line."""
    return titles_a_document(text) and find_date_token(text) is not None
