"""text: decoding every encoding scrapers produce, and cleaning what web pages leave behind."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model.config import Config
from pipeline.reading.draft import compose_body
from pipeline.reading.text import (
    DecodeError,
    clean_inline,
    clean_markdown,
    decode_bytes,
    drop_boilerplate,
    is_boilerplate,
    join_lone_dateline,
    prepare_text,
    split_glued_heading,
    split_glued_sentences,
    strip_markup,
)

TEXT = "Californië ‘Zestig procent’ – Malmö"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("cp1252"),
        TEXT.encode("utf-16"),
        TEXT.encode("utf-8").decode("cp1252").encode("utf-8"),  # double-encoded: "CaliforniÃ«"
    ],
    ids=["utf-8", "utf-8 bom", "cp1252", "utf-16", "double-encoded"],
)
def test_decode_every_encoding_to_the_same_text(data: bytes) -> None:
    assert decode_bytes(data).text == TEXT


def test_latin1_is_decoded() -> None:
    text = "Californië en Malmö, één café"
    assert decode_bytes(text.encode("latin-1")).text == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "is empty"), (b" \n\t\r\n", "is empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks binary"),
     (b"\xff\xfe\x00", "UTF-16")],
)
def test_bytes_that_are_not_text(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_markup_out_entities_decoded() -> None:
    raw = ('<p>Een&nbsp;zin &amp; nog een.<br>Tweede regel.</p><script>alert("x")</script>'
           '<iframe src="https://x"></iframe><SCRIPT src=x.js></SCRIPT>&lt;script&gt;bad()&lt;/script&gt;'
           "<p>Prijs: 5 &lt; 10 &#8217;</p>")
    text = strip_markup(raw)
    assert "<" not in text.replace("5 < 10", "")
    assert "alert" not in text and "bad()" not in text and "iframe" not in text
    assert "Een\u00a0zin & nog een.\nTweede regel." in text
    assert "Prijs: 5 < 10 ’" in text


def test_prepared_text_spaces_boilerplate_and_line_ends() -> None:
    raw = ("Eerste\u00a0regel.   \r\nDeel dit artikel\r\n\r\n\r\n\r\nAdvertentie\rLees ook: Iets anders\n"
           "Leestijd 3 minuten\nWe use cookies to improve your experience.\nLaatste\u200b regel.\t\n")
    cleaned = "\n".join(drop_boilerplate(prepare_text(raw).split("\n"), Config().boilerplate))
    assert [line for line in cleaned.split("\n") if line] == ["Eerste regel.", "Laatste regel."]
    assert all(line == line.strip() for line in cleaned.split("\n"))
    # Composed into a body: one blank line between paragraphs, never a run of them.
    assert compose_body(raw, Config()).markdown == "Eerste regel.\n\nLaatste regel.\n"


def test_boilerplate_is_configurable() -> None:
    config = Config(boilerplate=("tip de redactie*",))
    assert is_boilerplate("Tip de redactie: mail ons", config.boilerplate)
    assert not is_boilerplate("Deel dit artikel", config.boilerplate)
    assert not is_boilerplate("Lees ook wat de minister zei over het plan, want dat is belangrijk.", ("lees ook:*",))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("gestegen.Uit cijfers", "gestegen. Uit cijfers"),
        ("in 2024.Uit cijfers", "in 2024. Uit cijfers"),
        ("Nederland!Ook", "Nederland! Ook"),
        ("groei van 3.5 procent", "groei van 3.5 procent"),
        ("zie www.Nu.nl of https://example.nl/Pad.Html", "zie www.Nu.nl of https://example.nl/Pad.Html"),
        ("mail info@Bedrijf.nl", "mail info@Bedrijf.nl"),
        ("o.a.De bakker", "o.a.De bakker"),
        ("J.K.Rowling schreef", "J.K.Rowling schreef"),
        ("Dhr.Jansen zei", "Dhr.Jansen zei"),
    ],
)
def test_glued_sentences(raw: str, expected: str) -> None:
    assert split_glued_sentences(raw) == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Van academisch redacteur naar bakker Ook Janet Feenstra (52) voelde de bui hangen.",
         ("Van academisch redacteur naar bakker", "Ook Janet Feenstra (52) voelde de bui hangen.")),
        ("Vluchten naar ‘AI-proof’ werk Die beweging richting praktische beroepen is zichtbaar.",
         ("Vluchten naar ‘AI-proof’ werk", "Die beweging richting praktische beroepen is zichtbaar.")),
        ("1. In welke sectoren verdwijnen banen? Vooral in de administratie gaan banen verloren.",
         ("1. In welke sectoren verdwijnen banen?", "Vooral in de administratie gaan banen verloren.")),
        ("Ze las Het Parool elke dag en vond dat prima voor haar werk.", None),  # a name, not a heading
        ("Hij werkte bij De Volkskrant en daarna bij een andere krant in Amsterdam.", None),
        ("Neem Jacqueline Bowman (30) uit Californië. Ze wilde al schrijver worden.", None),
        ("Tot 2024.", None),
    ],
)
def test_glued_heading(paragraph: str, expected: tuple[str, str] | None) -> None:
    assert split_glued_heading(paragraph) == expected


def test_lone_dateline_stays_with_its_lede() -> None:
    assert join_lone_dateline(["APELDOORN -", "Het college wil meer."]) == ["APELDOORN - Het college wil meer."]
    assert join_lone_dateline(["Gewone alinea.", "Nog een."]) == ["Gewone alinea.", "Nog een."]


def test_clean_inline_and_markdown() -> None:
    assert clean_inline("  Kabinet &amp; Kamer<br>\n eens\u00a0 ") == "Kabinet & Kamer eens"
    markdown = "## Kop  \n\nTekst<script>x()</script> hier.   \n- een\n  - genest\n\n\n\nAdvertentie\n\nEinde\n\n"
    assert clean_markdown(markdown, Config()) == "## Kop\n\nTekst hier.\n- een\n  - genest\n\nEinde\n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("deil ostkrva:*.-|?[]Advertenie")), max_size=30),
       st.lists(st.sampled_from(["lees ook:*", "advertentie", "deel dit artikel", "*cookies*", "a?b", "[ab]*",
                                 "share on *", "x."]), max_size=5))
def test_boilerplate_matches_as_fnmatch_would_pattern_by_pattern(line: str, patterns: list[str]) -> None:
    import fnmatch

    probe = " ".join(line.lower().split()).strip(" .:|-–—")
    expected = bool(probe) and any(fnmatch.fnmatchcase(probe, p.lower().rstrip(" .")) for p in patterns)
    assert is_boilerplate(line, tuple(patterns)) == expected


def test_soft_hyphens_are_invisible_and_go() -> None:
    from pipeline.reading.text import plain_spaces

    assert plain_spaces("De Wehr\u00adan\u00adlage in Horka is open.") == "De Wehranlage in Horka is open."


# --- the repair: ftfy's, line by line, given only the lines it could change ----------------------------

_MOJIBAKE = "Californië ‘Zestig’ – Malmö".encode().decode("cp1252", "replace")
_LINES = st.lists(st.one_of(st.text(max_size=60), st.sampled_from([_MOJIBAKE, "Ã©", "\x1b[31mrood\x1b[0m", "a\x00b",
                                                                       "caf\u0065\u0301", "line\r", "\x85\x96", ""])),
                  max_size=12)


@given(_LINES, st.sampled_from(["\n", "\r\n", ""]))
@settings(max_examples=300, deadline=None)
def test_the_repair_is_ftfys_whole_text_repair_for_any_text(lines: list[str], end: str) -> None:
    import ftfy

    from pipeline.reading.text import REPAIR_OPTIONS, _fix_mojibake

    text = "\n".join(lines) + end
    assert _fix_mojibake(text) == ftfy.fix_text(text, ftfy.TextFixerConfig(**REPAIR_OPTIONS))


def test_a_page_of_plain_ascii_lines_costs_one_repair_per_line_that_is_not(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page's markup is mostly plain ASCII, which ftfy returns as it is: only the other lines go
    through its dozen steps (each line of a 2,000-line page did before), and of those only the ones
    its steps would change (a line of prose with an accent in it is asked what ftfy would find, not
    repaired)."""
    import ftfy

    repaired: list[str] = []
    real = ftfy.fix_and_explain

    def counting(text: str, *args: object, **kwargs: object) -> object:
        repaired.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(ftfy, "fix_and_explain", counting)
    page = "".join(f'<div class="row-{n}"><a href="/x/{n}">link {n}</a></div>\n' for n in range(2000))
    page += f"<p>{_MOJIBAKE}</p>\n<p>Malmö</p>\n"
    decoded = decode_bytes(page.encode("utf-8"))
    assert decoded.text.endswith("<p>Californië ‘Zestig’ – Malmö</p>\n<p>Malmö</p>\n")
    assert decoded.repaired
    assert repaired == [f"<p>{_MOJIBAKE}</p>\n"]


@given(st.text(alphabet=st.characters(max_codepoint=0x2FF) | st.sampled_from("\x00\x01\x0b\x0c\x1b\x1f€漢"),
               max_size=200))
@settings(max_examples=300, deadline=None)
def test_the_control_ratio_counts_each_control_character_once(text: str) -> None:
    from pipeline.reading.text import _control_ratio

    controls = sum(1 for char in text if ord(char) < 32 and char not in "\n\r\t\f")
    assert _control_ratio(text) == controls / max(len(text), 1)


# The characters ftfy's mojibake expression is made of, with ASCII around them: its matches are dense here.
def _badness_alphabet() -> str:
    from ftfy.badness import MOJIBAKE_CATEGORIES

    return "".join(sorted(set("".join(MOJIBAKE_CATEGORIES.values())) | set("aZ .,?!-\t\u00a0\u0301")))


_BADNESS_TEXT = st.text(alphabet=st.sampled_from(_badness_alphabet()), max_size=40)


@given(st.lists(st.one_of(_BADNESS_TEXT, st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=30)),
                max_size=8))
@settings(max_examples=500, deadline=None)
def test_mojibake_is_looked_for_as_ftfy_looks_for_it_for_any_line(parts: list[str]) -> None:
    """Searched only around the characters that are not ASCII, the answer is ftfy's own search's."""
    from ftfy.badness import is_bad

    from pipeline.reading.repair import looks_like_mojibake

    line = "".join(parts)
    assert looks_like_mojibake(line) == is_bad(line)


@pytest.mark.parametrize("line", ["Ã ", "x Ã ", "ab" * 20 + "Ã©" + "cd" * 20, "Ã" + "-" * 30 + "Ã ",
                                  "voilÃ le travail", "ГўВЂВ\x9dA", "a" * 9 + "é" + "b" * 9, "Malmö"])
def test_mojibake_is_found_at_the_line_start_in_its_middle_or_not_at_all(line: str) -> None:
    from ftfy.badness import is_bad

    from pipeline.reading.repair import looks_like_mojibake

    assert looks_like_mojibake(line) == is_bad(line)


def test_ftfys_mojibake_expression_is_as_narrow_as_the_windows_it_is_searched_in() -> None:
    """What makes the windows enough: each of the expression's alternatives needs a character that is not
    ASCII, and none matches more than BADNESS_WIDTH characters (read off the expression itself)."""
    import re._constants as c
    import re._parser as parser

    from ftfy.badness import BADNESS_RE

    from pipeline.reading.repair import BADNESS_WIDTH

    parsed = parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    assert parsed.getwidth()[1] <= BADNESS_WIDTH

    def never_ascii(op: object, value: object) -> bool:
        if op is c.LITERAL:
            return int(value) > 0x7F  # type: ignore[call-overload]
        if op is c.IN:
            return all((kind is c.LITERAL and int(item) > 0x7F) or (kind is c.RANGE and item[0] > 0x7F)
                       for kind, item in value)  # type: ignore[attr-defined]
        return False

    (branch, (_, alternatives)), = parsed.data
    assert branch is c.BRANCH
    for alternative in alternatives:
        assert any(never_ascii(op, value) for op, value in alternative.data), alternative


@given(st.lists(st.one_of(_BADNESS_TEXT, st.text(max_size=60),
                          st.sampled_from([_MOJIBAKE, "Ã©", "\x1b[31mrood\x1b[0m", "a\x00b", "caf\u0065\u0301",
                                           "\ufeff", "\u206a", "\x85\x96", "Malmö ", "ü" * 3, "\ud800x",
                                           "\ud83d\udca9", "é\x1b[1m"])), max_size=10),
       st.sampled_from(["\n", ""]))
@settings(max_examples=400, deadline=None)
def test_the_repair_of_long_lines_with_a_few_letters_that_are_not_ascii_is_ftfys(parts: list[str], end: str) -> None:
    import ftfy

    from pipeline.reading.repair import REPAIR_OPTIONS, fix_mojibake

    text = " ".join(parts) + end
    assert fix_mojibake(text) == ftfy.fix_text(text, ftfy.TextFixerConfig(**REPAIR_OPTIONS))


_ANY_CHARACTER = st.characters(codec=None, exclude_categories=()) | st.sampled_from(
    "\x00\x1b\x7f\x85\x9f\ud800\udfff\u206a\ufeff\ufffc\u0301\u00e9")


@given(st.text(alphabet=_ANY_CHARACTER, max_size=30))
@settings(max_examples=500, deadline=None)
def test_a_text_without_the_characters_a_later_step_of_ftfys_changes_comes_back_from_it_unchanged(text: str) -> None:
    """What lets the repair look for those characters instead of running each step."""
    import ftfy

    from pipeline.reading.repair import _LATER_STEPS, _ftfy

    _, config, touched, others, _ = _ftfy()
    assert others == ()  # each step the repair runs has its characters listed
    changed_by_some_step = any(ftfy.FIXERS[name](text) != text for name in
                               ("fix_c1_controls", "fix_surrogates", "remove_terminal_escapes", "remove_control_chars"))
    if changed_by_some_step:
        assert touched.search(text)
    assert [name for name in _LATER_STEPS if getattr(config, name)] == [
        "fix_c1_controls", "fix_surrogates", "remove_terminal_escapes", "remove_control_chars"]
