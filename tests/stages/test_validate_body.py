"""check_body skips a rule's per-line search when a quick look at the whole body shows the rule cannot
match; this holds it equal to the plain version that searches every line for every rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.model.article import Article
from pipeline.model.config import DEFAULT_CONFIG, Config
from pipeline.model.links import unsafe_targets
from pipeline.model.markdown import Line, fenced
from pipeline.model.problems import BODY, Problem
from pipeline.stages.body_rules import (
    _HEADING,
    _HTML,
    _RAW_HEADER,
    _check_heading,
    check_body,
    count_words,
)
from pipeline.stages.cut_off import cut_off_ending
from pipeline.stages.front_matter_rules import _placeholder_pattern
from tests.helpers import draft_text

PATTERN = _placeholder_pattern(DEFAULT_CONFIG)


def blank_code_spans(line: str) -> str:
    """Inline code blanked the slow and obvious way: each run of backticks against every later one."""
    runs = [(m.start(), m.end()) for m in re.finditer("`+", line)]
    index = 0
    while index < len(runs):
        start, end = runs[index]
        partner = next((later for later in range(index + 1, len(runs))
                        if runs[later][1] - runs[later][0] == end - start), None)
        if partner is None:
            index += 1
            continue
        close = runs[partner][1]
        line = line[:start] + "`" + " " * (close - start - 2) + "`" + line[close:]
        index = partner + 1
    return line


def every_line_every_rule(article: Article, body_line: int) -> list[tuple[int | None, str]]:
    """The rules, applied the slow and obvious way: each line of prose against each rule (links, found
    by parsing the whole body, have tests of their own)."""
    body = article.body.replace("\r\n", "\n")
    if not body.strip():
        return [(body_line, "body-empty")]
    found: list[tuple[int | None, str]] = []
    if len(re.findall(r"\w+(?:[-'’]\w+)*", body)) < DEFAULT_CONFIG.min_words:
        found.append((body_line, "min-words"))
    cut = cut_off_ending(body)  # a rule of the text's end: tested on its own below
    if cut is not None:
        found.append((body_line + cut[0], "cut-off"))
    level = 1
    # Where code is, as the one code finder says (it has tests of its own): each line parsed alone here.
    for index, (raw, where) in enumerate(fenced(body.split("\n"))):
        if where is not Line.PROSE:
            continue
        line = blank_code_spans(raw)  # the code's backticks stay
        at = body_line + index
        if _RAW_HEADER.match(line):
            found.append((at, "raw-header"))
        if _HTML.search(line):
            found.append((at, "raw-html"))
        if PATTERN is not None and PATTERN.search(line):
            found.append((at, "placeholder"))
        heading = _HEADING.match(line)
        if heading:
            problem, level = _check_heading(article, heading, level, at)
            if problem is not None:
                found.append((at, problem.code))
    found += [(body_line + target.line, "unsafe-link") for target in unsafe_targets(body)]
    return sorted(found, key=lambda problem: problem[0] or 0)


PIECES = st.sampled_from([
    "Een zin met woorden.", "word", " ", "  ", "\n", "\n\n", "\r\n", "#", "## Kop", "###", "#Kop", "####### x",
    "# ", "`", "``", "`code`", "```", "~~~", "````", "<b>", "</p>", "<!--", "< b>", "date 2026-02-11",
    "DATE 2026-02", "datum", "2026-02", "-", ":", "javascript:", "JavaScript :", "[x](javascript:alert(1))",
    "href='vbscript:x'", "<javascript:x>", "ſcript:", "TODO", "todo", "XXX", "lorem", "ipsum", "lorem  ipsum",
    "lorem\nipsum", "TBD.", "FIXME-", "    ", "\t", "Tot 2024.", "é", "K", "FİXME", "lorem ıpsum", "DATE",
    "ſcrıpt :",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_body_rules_match_the_plain_per_line_version(text: str) -> None:
    _assert_one_look_matches_the_plain_rules(text)


def test_a_clean_body_with_headings_has_no_body_problems() -> None:
    text = "\n\n".join(["Een alinea " + "met woorden " * 80 + "en een einde.", "## Een kop", "Nog een alinea."])
    assert check_body(Article({}, text, "drafts/x.md", {}, ()), DEFAULT_CONFIG, 5, PATTERN) == []


def test_each_rule_still_fires_on_its_own_line() -> None:
    text = "\n".join(["woord " * 200, "date 2026-02-11 iets", "<b>vet</b>", "[x](javascript:alert(1))",
                      "nog TODO hier", "#Kop", "`<b>` in code is fine", "```", "<i>in a fence</i>", "```"])
    found = check_body(Article({}, text, "drafts/x.md", {}, ()), DEFAULT_CONFIG, 10, PATTERN)
    assert [(p.line, p.code) for p in found] == [(11, "raw-header"), (12, "raw-html"), (13, "unsafe-link"),
                                                  (14, "placeholder"), (15, "heading-space")]
    assert all(isinstance(p, Problem) and p.field == BODY for p in found)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1_ -'’.,\n\t\u00a0é:ß")), max_size=80))
def test_words_are_counted_as_the_word_regex_counts_them(text: str) -> None:
    assert count_words(text) == len(re.findall(r"\w+(?:[-'’]\w+)*", text))


@given(st.text(alphabet=st.sampled_from(list("ab1 -.,\n")), max_size=80), st.integers(0, 30))
def test_counting_words_may_stop_once_there_are_enough(text: str, enough: int) -> None:
    exact = count_words(text)
    counted = count_words(text, enough)
    assert counted == exact if exact < enough else enough <= counted <= exact


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 -.,\n\t\u00a0\u2029\u3000\x1c")), max_size=400), st.integers(0, 60))
def test_counting_words_from_the_texts_start_agrees_with_counting_them_all(text: str, enough: int) -> None:
    # a cut inside a word, at any kind of whitespace (str.split's own): never more than the text holds
    exact = count_words(text)
    counted = count_words(text, enough)
    assert counted == exact if exact < enough else enough <= counted <= exact


def test_rules_are_silent_inside_nested_code_and_shortcode_code() -> None:
    body = ("Een alinea " + "met woorden " * 200 + "en een einde.\n\n"
            "- Een stap:\n\n  ```html\n  <div>hallo</div>\n  #kop zonder spatie\n  ```\n\n"
            "> ```\n> <script>x</script>\n> ```\n\n"
            "{{< highlight html >}}\n<b>vet</b>\n#geen-kop\n{{< /highlight >}}\n")
    article = Article({}, body, "drafts/x.md", {}, ())
    assert [p.code for p in check_body(article, DEFAULT_CONFIG, 7, PATTERN)] == []
    outside = Article({}, body + "\n<b>los</b>\n", "drafts/x.md", {}, ())
    assert [p.code for p in check_body(outside, DEFAULT_CONFIG, 7, PATTERN)] == ["raw-html"]


# --- a text cut off at the end ------------------------------------------------------------------


@pytest.mark.parametrize("ending", [
    "De gemeente wil de komende jaren honderden nieuwe woningen bouwen aan de rand van het dor",
    "Bewoners maken zich zorgen over het verkeer in de",
    "ZWOLLE, KAMPEN,",
    "Wij st",  # a short line cut inside its second word
    "Het duel in Hoogvliet in win",
    "Meer informatie bij wethouder Jan C",
    "- aangifte doen kan ook anoniem via het nummer of het formulier van M",  # a list's point cut inside a word
    "3. De raad besluit het plan vast te stellen en het te sturen aan het college van",  # a long point, on "van"
    "Het aantal faillissementen was het hoogst tijdens de crisis in 20",  # a year cut short
    "Huis aan huis komen er flyers (",  # a bracket opened and never closed, however short the line
    'De bewoners zijn boos. "Dit hadden we nooit verwacht." "',  # a quote opened and never closed
])
def test_a_text_that_stops_mid_sentence_is_warned_naming_its_last_words(ending: str) -> None:
    from pipeline.stages.cut_off import cut_off_ending

    body = "Een eerste alinea die gewoon eindigt zoals een alinea eindigt.\n\n" + ending
    found = cut_off_ending(body)
    assert found is not None
    assert found[0] == 2 and ending.endswith(found[1])


@pytest.mark.parametrize("ending", [
    "De gemeente wil de komende jaren honderden nieuwe woningen bouwen.",
    "Wat vindt u ervan?",
    "- een punt van een lijst zonder punt aan het eind van de regel hier",
    "## Een kop die geen punt heeft en lang genoeg is om te tellen",
    "- 200 gram bloem",
    "3. Vaststellen van de agenda",
    "Het gemeentehuis is vanaf maandag weer open van 9 tot 17",
    "De vereniging voor dorpsbelangen in Dorpsveen werd opgericht in 2019",  # a year ends a line
    "Meer weten? Bel de gemeente op 14 038",
    "Jan Jansen",
    "Am Ende war es nach einem langen Spiel eine gerechte Punkteteilung.“",  # a German quote closed after the stop
    "Cursussen, lezingen enz",  # an abbreviation, not a word cut in two
    "Lees meer op [de site van de gemeente](https://example.nl) voor alles over het plan",
])
def test_a_text_that_ends_as_text_does_is_not_warned(ending: str) -> None:
    from pipeline.stages.cut_off import cut_off_ending

    assert cut_off_ending("Een eerste alinea.\n\n" + ending) is None


def test_validate_reports_the_cut_off_as_a_warning_on_its_line(tmp_path: Path) -> None:
    from tests.helpers import cli, make_draft

    cut = "De wethouder zei na afloop dat de gemeente het plan nog dit jaar wil uitvoe"
    text = draft_text().rstrip("\n") + f"\n\n{cut}\n"
    make_draft(tmp_path, "afgekapt", text)
    (tmp_path / "pipeline.toml").write_text("", encoding="utf-8")
    result = cli(tmp_path, "validate")
    line = len(text.rstrip("\n").split("\n"))
    assert f"drafts/afgekapt.md:{line}: warning [cut-off] body: the text ends mid-sentence ('... plan nog dit jaar " \
           "wil uitvoe')" in result.stdout


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("aB Wij st,.:#-1\t")), max_size=40), min_size=1, max_size=6),
       st.sampled_from(["", "\n", "  \n\n", "\t"]))
def test_a_cut_off_ending_depends_on_the_last_line_and_the_words_before_it(lines: list[str], tail: str) -> None:
    body = "\n".join(lines) + tail
    kept = body.rstrip().split("\n")
    found = cut_off_ending(body)
    # the same last line after the same lines in another order gives the same answer, on the same line
    assert found == cut_off_ending("\n".join([*reversed(kept[:-1]), kept[-1]]))
    if found is not None:  # a list's point is shown without its mark ("- ", "3. ")
        from pipeline.stages.cut_off import _LIST_POINT

        last = kept[-1].strip()
        point = _LIST_POINT.match(last)
        assert found == (len(kept) - 1, " ".join((last[point.end():] if point else last).split()[-6:]))


# --- the body looked over once ------------------------------------------------------------------


def test_the_body_rules_find_what_they_found_before_on_a_recorded_corpus() -> None:
    """300 bodies of the pieces each rule looks for, and what check_body found in each before its rules were
    rewritten around one look at the body (record_body_findings.py): the same problems, messages and order."""
    import json

    from tests.stages.record_body_findings import findings

    recorded = json.loads((Path(__file__).parent / "body_findings.json").read_text(encoding="utf-8"))
    assert len(recorded) == 300 and sum(len(item["found"]) for item in recorded) > 500
    for item in recorded:
        assert findings(item["body"]) == item["found"], item["body"]


ANY_PIECE = st.one_of(PIECES, st.text(max_size=6), st.sampled_from(["\u0130", "\u0131", "\u017f", "\u212a", "]",
                                                                       "/", "{{", "~~", "date", "Da\u0130e"]))


@settings(max_examples=400, deadline=None)
@given(st.lists(ANY_PIECE, max_size=30).map("".join))
def test_one_look_at_the_body_gives_each_fact_as_its_rule_would_find_it(text: str) -> None:
    from pipeline.model.links import _BARE_LINK
    from pipeline.model.markdown import _MAYBE_CODE
    from pipeline.stages.body_rules import _RAW_HEADER_ANYWHERE, _blank_inline_code, read_body

    facts = read_body(text, DEFAULT_CONFIG, PATTERN)
    body = text.replace("\r\n", "\n")
    assert facts.text == body and facts.blank == (not body.strip())
    if facts.blank:
        return
    prose = _blank_inline_code(body)
    assert facts.prose == prose
    assert facts.words == count_words(body, DEFAULT_CONFIG.min_words) and facts.ending == cut_off_ending(body)
    assert facts.links == ("](" in body or "]:" in body or "<" in body or _BARE_LINK.search(body) is not None)
    assert facts.code == (_MAYBE_CODE.search(body) is not None)
    assert facts.headings == ("#" in prose) and facts.html == ("<" in prose)
    assert facts.raw_header == (_RAW_HEADER_ANYWHERE.search(prose) is not None)
    assert facts.placeholder == (PATTERN is not None and PATTERN.search(prose) is not None)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))
               | st.sampled_from(list("TODOdateKkIi\u0130\u212a\u017f\u0131")), max_size=40))
@example("\u0130k")  # İ: i and a dot above in lower case
@example("\u212a")  # the Kelvin sign: k in lower case
def test_words_are_found_in_any_case_as_lower_finds_them(text: str) -> None:
    from pipeline.stages.body_rules import _case_blind_words

    words = ("date", "todo", "fixme", "xxx", "tbd", "lorem", "ik", "k", "i")
    assert _case_blind_words(text, words) == [word in text.lower() for word in words]


@settings(max_examples=300, deadline=None)
@given(st.lists(ANY_PIECE, max_size=30).map("".join))
def test_body_rules_on_any_text_match_the_plain_per_line_version(text: str) -> None:
    _assert_one_look_matches_the_plain_rules(text)


def _assert_one_look_matches_the_plain_rules(text: str) -> None:
    article = Article({}, text, "drafts/x.md", {}, ())
    quick = [(p.line, p.code) for p in check_body(article, DEFAULT_CONFIG, 7, PATTERN)]
    assert quick == every_line_every_rule(article, 7)


# --- the cold check's quick looks (status11) ---------------------------------------------------------

WORDY = st.text(alphabet=st.sampled_from(list("aZ9_ -'’.,\n\t\r\x0b\x0c\x1c\u00a0\u2029\u3000éß\u0130\ud800\"(")),
                max_size=120)


@settings(max_examples=500, deadline=None)
@given(WORDY)
@example("a b")
@example(" a\tb\nc")
@example("\ud800a b")  # a lone surrogate before a word: its bytes mark no start
def test_the_plain_starts_of_a_text_never_count_more_words_than_it_holds(text: str) -> None:
    from pipeline.stages.body_rules import _plain_starts

    assert _plain_starts(text.encode("utf-8", "surrogatepass")) <= len(re.findall(r"\w+(?:[-'’]\w+)*", text))


@given(st.lists(st.text(alphabet="abcXYZ0189", min_size=1, max_size=8), max_size=40),
       st.sampled_from([" ", "\n", "\t", "  ", " \n\n"]))
def test_the_plain_starts_of_plain_words_are_the_words(words: list[str], gap: str) -> None:
    from pipeline.stages.body_rules import _plain_starts

    assert _plain_starts(gap.join(words).encode()) == len(words)


def _read_body_as_before(text: str, config: Config, pattern: re.Pattern[str] | None) -> tuple[bool, bool]:
    """The raw header's and the placeholder's facts as read_body found them before status11: every word looked for."""
    from pipeline.stages.body_rules import (
        _RAW_HEADER_ANYWHERE,
        _blank_inline_code,
        _case_blind_words,
        _has_folds,
        _placeholder_leads,
    )

    prose = _blank_inline_code(text.replace("\r\n", "\n"))
    leads = _placeholder_leads(config.placeholders)
    found = _case_blind_words(prose, ("date", *(leads or ())))
    raw_header = found[0] and "-" in prose and _RAW_HEADER_ANYWHERE.search(prose) is not None
    placeholder = (pattern is not None and (leads is None or _has_folds(prose) or any(found[1:]))
                   and pattern.search(prose) is not None)
    return raw_header, placeholder


PLACEHOLDER_SETS = st.sampled_from([(), ("",), ("TODO",), ("lorem ipsum", "XXX"), ("ñapa", "TODO"), ("\u0130ki",)])


@settings(max_examples=400, deadline=None)
@given(st.lists(ANY_PIECE | st.sampled_from(["-", "2026-02", "date 2026-02-11", "Lorem Ipsum", "ÑAPA", "todo:",
                                             "x\u0130", "\u0130KI"]), max_size=30).map("".join), PLACEHOLDER_SETS)
def test_the_raw_header_and_the_placeholder_are_looked_for_only_where_they_can_be(
        text: str, placeholders: tuple[str, ...]) -> None:
    # The words a look asks for depend on the config (none when no placeholder is set, the regex alone for one that
    # is not plain ASCII) and on the prose (a raw header's "date" only with a dash): the facts are the searches'.
    from dataclasses import replace

    from pipeline.stages.body_rules import read_body

    config = replace(DEFAULT_CONFIG, placeholders=placeholders)
    pattern = _placeholder_pattern(config)
    facts = read_body(text, config, pattern)
    if not facts.blank:
        assert (facts.raw_header, facts.placeholder) == _read_body_as_before(text, config, pattern)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["date", "DATE", "Date", "daTe", " ", "\t", "\n", "\x1c", "\x85", "\u00a0", "\u2003",
                                 "\u3000", "2026", "٢٠٢٦", "-", "02", "٠٢", "\u0130", "\u212a", "x", "é", "dat", "e"]),
                max_size=12).map("".join))
@example("date\u00a02026-02")  # a no-break space: white space to the pattern, a byte beyond ASCII in UTF-8
@example("DATE\x1c2026-02")
def test_a_raw_headers_bytes_are_in_every_text_its_pattern_finds(text: str) -> None:
    from pipeline.stages.body_rules import _RAW_HEADER_ANYWHERE, _RAW_HEADER_BYTES

    if _RAW_HEADER_ANYWHERE.search(text) is not None:
        assert _RAW_HEADER_BYTES.search(text.encode("utf-8", "surrogatepass").lower()) is not None
