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
HEADING_SHARE = 0.35  # of the forest's votes for "sub-heading" (measured: 0.3 to 0.5)
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
# below which a rule's word does not stand: a line the model all but takes for text stays in the text.
DOUBTED_RULES = {"call to action": 0.2, "case metadata": 0.4, "date line in the page head": 0.4,
                 "name in the page head": 0.4, "live ticker": 0.5}


# A call to action is a short prompt ("Lees meer", "Klik hier om te reageren"); a long one names what it leads to
# ("Klik hier voor de raadsbijdrage van ... over de Woonvisie"), as the article's own links to its documents do, and
# needs more of the model's votes (measured leave-sites-out: of those of nine words or more, the article's lines had
# 0.21-0.42 of furniture, the prompts 0.31-0.37 and 0.55 or more).
LONG_RULE_WORDS = 9
DOUBTED_RULES_LONG = {"call to action": 0.45}


def rule_stands(line: PageLine, rule: str) -> bool:
    """Whether a rule's word on the line stands: always for an exact rule, or when the model did not read the line."""
    least = DOUBTED_RULES.get(rule)
    if least is not None and rule in DOUBTED_RULES_LONG and len(line.text.split(maxsplit=LONG_RULE_WORDS)) > \
            LONG_RULE_WORDS - 1:
        least = DOUBTED_RULES_LONG[rule]
    return least is None or not line.shares or furniture_share(line) >= least


def doubted_rules_undone(lines: list[PageLine]) -> None:
    """Lines the rules took out before the model read the page, put back where the model doubts the rule."""
    for line in lines:
        if line.kind != Kind.TEXT and line.reason and not rule_stands(line, line.reason.split(" (")[0]):
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
    furniture the model names (never a line the exact rules keep: ``kept``, or keep where it stands: ``kept_at``)."""
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
        if furniture_share(line) < needed:
            continue
        role = max((role for role in line.shares if role in _ROLE_KINDS), key=lambda role: (line.shares[role], role))
        line.kind, line.reason = _ROLE_KINDS[role], f"learnt: {role}, furniture {furniture_share(line):.2f}"


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
