"""What the line model takes each line of a page for, and where its word settles the exact rules'.

``learn_roles`` notes each line's role (and every role's share of the forest's votes) on the line;
the page reader then asks ``learnt_furniture`` which lines the rules left in the text are furniture,
and ``learnt_heading`` which lines head a part of the text; ``head`` settles the headline. The
thresholds below were set by measuring leave-sites-out (``benchmarks/quality.py --folds 5``).
``explain_lines`` says it all for ``ingest --explain``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from pipeline.reading import line_model
from pipeline.reading.headline_model import headline_rows
from pipeline.reading.line_features import FEATURES, page_features
from pipeline.reading.lines import Kind, PageLine

# The model's roles of furniture, and the kind of line each becomes.
_ROLE_KINDS = {"kicker": Kind.KICKER, "dateline": Kind.DATE_LINE, "byline": Kind.BYLINE, "caption": Kind.CAPTION,
               "navigation": Kind.FURNITURE, "share": Kind.FURNITURE, "related": Kind.FURNITURE,
               "promo": Kind.FURNITURE, "metadata": Kind.FURNITURE, "other": Kind.FURNITURE}
# Of the forest's votes for the roles of furniture together: a line of a few words, and a longer one,
# which may hold a sentence of the article (the benchmark counts those that go missing).
FURNITURE_SHARE = 0.5
FURNITURE_SHARE_LONG = 0.7
FURNITURE_SHARE_SENTENCE = 0.85
# A line kept in the text that the model still gives this much furniture is no line to sum the article up with.
SUMMARY_DOUBT = 0.3
HEADS_SHARE = 0.2
LONG_WORDS = 4
_SENTENCE = re.compile(r"[\"“‘'(]?[A-ZÀ-Þ]\S*(?:\s+\S+)+[.!?…][\"”’')]*")
# Of the forest's votes for "sub-heading": a line the model takes for a sub-heading, and the seed of a page's family
# of sub-headings (``heading_family``). Measured leave-sites-out on the 2,265 pages with the fold models fixed
# (``benchmarks/line_model_study.md``, "The sub-headings missed leave-sites-out, by shape"): pages right 1,527 at
# 0.3, 1,551 at 0.35, 1,575 at 0.4, 1,570 at 0.45, 1,569 at 0.5; chosen on the other four folds, 0.4 for three folds.
HEADING_SHARE = 0.4
_PROSE, _WORDS, _CAPITALISED = FEATURES.index("prose"), FEATURES.index("words"), FEATURES.index("capitalised share")


def learn_roles(lines: list[PageLine], recurring: Mapping[str, tuple[int, int]] | None = None) -> frozenset[str]:
    """Each line's role by the line model, noted on the line; returns what the model decides."""
    decides = line_model.decides()
    if not decides or not lines:
        return frozenset()
    model = line_model.current()
    rows = page_features(lines, recurring, model.vocabulary, model.heading_words)
    for line, row in zip(lines, rows, strict=True):
        line.role, line.share, shares = model.role(row)
        line.shares = {role: share for role, share in zip(model.roles, shares, strict=True) if share}
        line.row = row
    if model.headline is not None and "headline" in decides:
        prose = [bool(row[_PROSE]) for row in rows]
        texts_after_prose = -1  # the head ends at the first line of prose (or two text lines later: a caption)
        for line, headline_row, is_prose in zip(lines, headline_rows(lines, rows, prose, _WORDS, _CAPITALISED), prose,
                                                strict=False):
            if texts_after_prose >= 2:
                break
            if line.kind in (Kind.TEXT, Kind.CAPTION):  # the others are never taken for the headline: not asked
                line.headline = model.headline.probability(headline_row)
            if line.kind == Kind.TEXT and (texts_after_prose >= 0 or is_prose):
                texts_after_prose += 1
    return decides


_SEEN_IN_SOURCE, _SEEN_IN_ALL = FEATURES.index("seen in source"), FEATURES.index("seen in all sources")


def explain_lines(lines: list[PageLine], most: int = 3) -> str:
    """Each line as it was taken (its kind, and the rule's reason), the model's role for it with its
    share of the votes, and the features that weighed most for that role, one line each."""
    if not lines or not lines[0].row:
        return ""
    model = line_model.current()
    out = []
    for line in lines:
        weighed = ", ".join(f"{name}={value:.3g} ({weight:+.2f})"
                            for name, value, weight in model.explain(line.row, line.role, most))
        taken = f"{line.kind} ({line.reason})" if line.reason else str(line.kind)
        text = line.text if len(line.text) <= 60 else line.text[:57] + "..."
        source, everywhere = line.row[_SEEN_IN_SOURCE], line.row[_SEEN_IN_ALL]
        seen = f" [seen in {source:.0f} other files of its source, {everywhere:.0f} of all]" if everywhere else ""
        headline = f" [headline model {line.headline:.2f}]" if line.headline >= 0 else ""
        out.append(f"{taken}: {text} <- model: {line.role} {line.share:.2f}" + (f"; {weighed}" if weighed else "")
                   + headline + seen)
    return "\n".join(out)


def furniture_share(line: PageLine) -> float:
    return sum(share for role, share in line.shares.items() if role in _ROLE_KINDS)


# Exact rules that take lines of the article on sites they were not written for (measured leave-sites-out on the
# labelled corpus: of the lines each removed, those the labels call text), and the line model's share of furniture
# below which a rule's word does not stand: a line the model all but takes for text stays in the text. A short line
# ending in a dash is a breadcrumb's trail on some sites and a minutes' numbered item on others ("3. The treasurer's
# report –", 0.28 of furniture on the second corpus, the only such line there under 0.3).
# Audited on the second corpus (2,265 pages, leave-sites-out: ``benchmarks/rule_audit.py``,
# ``benchmarks/line_model_study.md`` "The exact rules audited"): a word above the lede taken for a label (the page's
# title on 15 pages, a word alone: "Kerkstraat", "Speeltuin") and a ruling's counsel (9 lines of the article on two
# sites, none of furniture; 8 of them under 0.6). A whole flattened page's cuts by where a line stands took more
# (outside the run of prose 183 furniture lines, 203 of the article's, 44 sentences lost; below the article the model
# finds 13, 77 and 57) but are not doubted: other stories' teasers on a flattened page get the same shares as the
# article's lines they took (doubted from four words at 0.4, the cut outside the run gave back 25 sentences and took
# the flattened pages' F1 from 0.849 to 0.839, ``benchmarks/html_pages.py``).
DOUBTED_RULES = {"call to action": 0.2, "case metadata": 0.4, "date line in the page head": 0.4,
                 "name in the page head": 0.4, "live ticker": 0.5, "caption above its credit": 0.4,
                 "newsletter": 0.0, "breadcrumb": 0.3, "label above the lede": 0.4, "counsel": 0.6}


# A rule's word on a line long enough to hold a sentence of the article needs more of the model's votes: (the
# words from which it does, the share). A call to action is a short prompt ("Lees meer", "Klik hier om te
# reageren"); a long one names what it leads to ("Klik hier voor de raadsbijdrage van ... over de Woonvisie"), as
# the article's own links to its documents do (measured leave-sites-out: of those of nine words or more, the
# article's lines had 0.21-0.42 of furniture, the prompts 0.31-0.37 and 0.55 or more). A ruling's parties under
# its case numbers ("de Autoriteit Consument en Markt, hierna: ACM,") and a title in capitals or title case
# taken for a name in the page head ("Facts Are Like Chips", "College van B en W") had 0.42-0.59; the lines of
# four words or more that are furniture there mostly 0.6 or more (labelled corpus k-p, leave-sites-out). A long
# line that opens as a newsletter's pitch ("Schrijf je in", "Meld je aan") but names no newsletter, mailing or
# subscription is the article's own call ("Schrijf je in via <the event's site>, kies je goede doel ...", "Meld je
# aan als lid ...") when the model takes it for text (0.24 and 0.29 on the fresh batches t-z); a pitch that names
# its newsletter stays the rule's, since the model reads a sentence of a pitch as text as well (0.3 or less).
LONG_RULE_WORDS = 9
DOUBTED_RULES_LONG = {"call to action": (LONG_RULE_WORDS, 0.45), "case metadata": (4, 0.6),
                      "name in the page head": (4, 0.6), "newsletter": (LONG_RULE_WORDS, 0.4)}
# What a rule's line names that makes its word stand whatever the model says.
RULE_NAMES_ITS_OWN = {"newsletter": re.compile(r"nieuwsbrief|newsletter|mailing|inbox|mailbox|abonn|subscri",
                                               re.IGNORECASE)}


def rule_stands(line: PageLine, rule: str) -> bool:
    """Whether a rule's word on the line stands: always for an exact rule, or when the model did not read the line."""
    least = DOUBTED_RULES.get(rule)
    if rule in RULE_NAMES_ITS_OWN and RULE_NAMES_ITS_OWN[rule].search(line.text):
        return True
    if least is not None and rule in DOUBTED_RULES_LONG:
        words, share = DOUBTED_RULES_LONG[rule]
        if len(line.text.split(maxsplit=words)) >= words:
            least = share
    return least is None or not line.shares or furniture_share(line) >= least


# Rules whose word the model's sub-heading votes undo: short codes ("B1", "C2") head their paragraphs as labels.
HEADING_DOUBTS = frozenset({"stray fragment"})


def doubted_rules_undone(lines: list[PageLine]) -> None:
    """Lines the rules took out before the model read the page, put back where the model doubts the rule: by its
    share of furniture, or (``HEADING_DOUBTS``) where it takes the line for a sub-heading as ``learnt_heading`` does,
    the family being the lines the same rule took (one of them a sub-heading on the model's own votes)."""
    family = heading_family([line for line in lines if line.reason in HEADING_DOUBTS])
    for line in lines:
        if line.kind != Kind.TEXT and line.reason and (
                not rule_stands(line, line.reason.split(" (")[0])
                or (line.reason in HEADING_DOUBTS and learnt_heading(line, family=family))):
            line.kind, line.reason = Kind.TEXT, ""


def summary_paragraphs(paragraphs: list[str], lines: list[PageLine], lede_given: bool = False) -> list[str]:
    """The paragraphs to sum the article up from: none holding a line the model half takes for
    furniture though it stayed in the text ("Direct naar de inhoud.", "Media Relations Dept."); all of
    them when that leaves none. Measured leave-sites-out: summaries holding furniture 142 -> 65 of 1,263.
    ``lede_given``: the source gave the title apart (a header, a feed's field), so its text starts with the
    lede; the model, which learnt from scraped pages whose first lines are often furniture, doubts a
    first line for where it stands, not for what it says."""
    doubtful = [line.text for line in lines
                if line.kind == Kind.TEXT and line.shares and furniture_share(line) >= SUMMARY_DOUBT]
    plain = [paragraph for index, paragraph in enumerate(paragraphs)
             if (lede_given and index == 0) or not any(text in paragraph for text in doubtful)]
    return plain or paragraphs


def learnt_furniture(lines: list[PageLine], kept: Callable[[str], bool] = lambda _text: False,
                     kept_at: frozenset[int] = frozenset()) -> None:
    """A line the rules left in the text and the model takes for furniture comes out, as the kind of
    furniture the model names (never a line the exact rules keep: ``kept``, or keep where it stands: ``kept_at``;
    nor a line a sentence runs through, nor a list's item beside an item of its shape that stays: ``_still_taken``)."""
    taken: list[int] = []
    for index, line in enumerate(lines):
        if kept(line.text) or index in kept_at or not any(char.isalpha() for char in line.text):
            continue  # a line of figures is a table's or a list's: content the model cannot judge
        heads = max(line.shares.get("headline", 0.0), line.shares.get("sub-heading", 0.0))
        if line.kind != Kind.TEXT or (line.role not in _ROLE_KINDS and heads >= HEADS_SHARE):
            continue  # it may well head the article or a part of it ("Uitspraak")
        if _SENTENCE.fullmatch(line.text):
            needed = FURNITURE_SHARE_SENTENCE  # "Eerste alinea.": a sentence, however short
        else:
            needed = FURNITURE_SHARE_LONG if len(line.text.split()) >= LONG_WORDS else FURNITURE_SHARE
        if furniture_share(line) >= needed:
            taken.append(index)
    for index in _still_taken(lines, taken):
        line = lines[index]
        role = max((role for role in line.shares if role in _ROLE_KINDS), key=lambda role: (line.shares[role], role))
        line.kind, line.reason = _ROLE_KINDS[role], f"learnt: {role}, furniture {furniture_share(line):.2f}"


_ENDS_A_CLAUSE = re.compile(r"[.!?…:;][\"”’')»]*$")


def inside_a_sentence(lines: list[PageLine], index: int, gone: frozenset[int] = frozenset()) -> bool:
    """A line of LONG_WORDS words or more that a sentence of the text runs through: the line of the text above it
    ends on no stop, it opens in lower case, and it ends on no stop itself where the line below opens in lower
    case ("Als Beispiel finden Sie im Folgenden" / "eine Auflistung der Ausgabe Juni 2007" / "veröffentlichten
    Entscheidungen ..."): a line the page's width wrapped, never furniture, whatever its words. ``gone``: the
    places of lines taken for furniture, which are no text around it."""
    if not 0 < index < len(lines) - 1 or index - 1 in gone or index + 1 in gone:
        return False
    above, line, below = lines[index - 1], lines[index], lines[index + 1]
    return (line.text[:1].islower() and len(line.text.split(maxsplit=LONG_WORDS)) >= LONG_WORDS
            and above.kind in (Kind.TEXT, Kind.HEADLINE) and not _ENDS_A_CLAUSE.search(above.text)
            and not _ENDS_A_CLAUSE.search(line.text) and below.kind == Kind.TEXT and below.text[:1].islower())


# An item of a list opens with its mark: a dash or a bullet, or a figure ("- 7 januari: start", "18.45 uur: NEC -
# Cambuur 0-0", "6.1. WEST (...)"). Items of one list share the shape of their first two words (figures of any form,
# "- 1,25 kg" as "- 500 g", words and the marks between them); an item the model takes for furniture while an item
# of its shape LIST_NEAR lines away or nearer stays in the text is one more item of the list, when it has LONG_WORDS
# words or more (it may hold a sentence of the article). Measured leave-sites-out on k-p: 4 lines of the article
# kept, no furniture line.
LIST_NEAR = 3
_LIST_MARK = re.compile(r"[-–•·*]|\d")
_FIGURES = re.compile(r"\d+(?:[.:,]\d+)*")  # "7", "18.45", "6.1", "1,25": a figure of any form
_LETTERS = re.compile(r"[^\W\d_]+")
_LAST_FIGURE = re.compile(r"-?\d+(?:[.,:]\d+)*")


def _leader_row(text: str) -> bool:
    """ "Vereniging 1906 FR ........ 6": words, a leader of dots, a figure."""
    words = text.rsplit(maxsplit=1)
    return (len(words) == 2 and _LAST_FIGURE.fullmatch(words[1]) is not None and words[0].endswith("....")
            and any(char.isalpha() for char in words[0]))


def list_item_shape(text: str) -> tuple[str, ...] | None:
    """The shape of a list item's first two words (figures as 0, words as a, marks as they are), a row's whose
    words run into a leader of dots and a figure, or None for a line that does not open with a list's mark."""
    first = text.split(maxsplit=2)[:2]
    if not first or not _LIST_MARK.match(first[0]):
        # a row of a results list or a table of contents: words, a leader of dots, a figure
        return ("leader", str(text.count("|"))) if _leader_row(text) else None
    return (*(_LETTERS.sub("a", _FIGURES.sub("0", word)) for word in first), str(text.count("|")))


def _still_taken(lines: list[PageLine], taken: list[int]) -> list[int]:
    """Of the places the model takes for furniture (``taken``), those that stay taken: all but a line a sentence
    runs through (``inside_a_sentence``) and the list items (four words or more) with an item of their shape that
    stays in the text LIST_NEAR lines away or nearer."""
    gone = frozenset(taken)
    out = []
    for index in taken:
        if inside_a_sentence(lines, index, gone):
            continue
        shape = list_item_shape(lines[index].text) if len(lines[index].text.split()) >= LONG_WORDS else None
        if shape is not None and any(
                near not in gone and lines[near].kind == Kind.TEXT and list_item_shape(lines[near].text) == shape
                for near in range(max(0, index - LIST_NEAR), min(len(lines), index + LIST_NEAR + 1)) if near != index):
            continue
        out.append(index)
    return out


# Which lines head a part of the text is the model's word alone: on sites it never saw, the rules' shape
# of a sub-heading (a feature the model weighs) takes teasers, names and a document's list lines for
# headings, and misses what a site styles its own way (measured leave-sites-out: the headings exactly
# right rose from 62% with the rules' headings unless the model vetoed them to 68% with the model alone).
HEADING_MODE = "model"  # "hybrid": the rules' headings too, unless the model vetoes
HEADING_SURE = 0.3  # hybrid only: a rules' heading the model gives less than HEADING_VETO, and another role
HEADING_VETO = 0.2  # HEADING_SURE, is none


# A site styles a page's sub-headings alike: a line of the same shape as one the model takes for a sub-heading
# on the same page needs less of its votes (measured leave-sites-out: 0.15 to 0.25).
FAMILY_SHARE = 0.2
_ALONE, _CAPS_LABEL = FEATURES.index("alone in block"), FEATURES.index("caps label")


def heading_shape(line: PageLine) -> tuple[str, bool, bool, bool]:
    """What a page's sub-headings have in common when its site styles them alike: how the line ends (a
    question mark, a colon, a full stop, a letter or digit, anything else), whether it opens with a digit,
    is a label in capitals, and stands alone in its block."""
    last = line.text[-1:]
    end = last if last in "?:." else ("a" if last.isalnum() else "")
    row = line.row
    return end, line.text[:1].isdigit(), bool(row and row[_CAPS_LABEL]), bool(row and row[_ALONE])


def heading_family(lines: list[PageLine]) -> frozenset[tuple[str, bool, bool, bool]]:
    """The shapes of the lines of a page the model takes for sub-headings."""
    return frozenset(heading_shape(line) for line in lines if line.shares.get("sub-heading", 0.0) >= HEADING_SHARE)


def learnt_heading(line: PageLine, ruled: bool = False,
                   family: frozenset[tuple[str, bool, bool, bool]] = frozenset()) -> bool:
    """A sub-heading: the model takes it for one (with less of its votes when the line is shaped like a
    sub-heading the model found on the page: ``family``), or the rules do and the model does not rule it out."""
    share = line.shares.get("sub-heading", 0.0)
    if share >= HEADING_SHARE or (share >= FAMILY_SHARE and family and heading_shape(line) in family):
        return True
    # the rules' heading stands unless the model all but rules it out and is sure of what it is instead
    return HEADING_MODE == "hybrid" and ruled and (share >= HEADING_VETO or line.share < HEADING_SURE)
