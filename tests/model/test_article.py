from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model.article import order_keys, parse_article, render_article
from pipeline.model.front_matter_read import ArticleError
from pipeline.model.front_matter_write import quote
from tests.conftest import EXAMPLE_PUBLISHED


def test_example_article_round_trips_byte_for_byte() -> None:
    text = EXAMPLE_PUBLISHED.read_text(encoding="utf-8")
    assert render_article(parse_article(text)) == text


def test_iso_timestamps_stay_strings() -> None:
    article = parse_article("---\ndate: 2026-02-11T00:00:00+01:00\nday: 2026-02-11\n---\n")
    assert article.meta == {"date": "2026-02-11T00:00:00+01:00", "day": "2026-02-11"}


def test_key_lines_are_recorded_including_nested() -> None:
    article = parse_article(EXAMPLE_PUBLISHED.read_text(encoding="utf-8"))
    assert article.lines["title"] == 2
    assert article.lines["cover.alt"] == 10
    assert article.lines["draft"] == 12


@pytest.mark.parametrize(
    ("yaml_text", "key", "code"),
    [
        ("sectie: no", "sectie", "yaml-bool"),
        ("draft: yes", "draft", "yaml-bool"),
        ("time: 14:05", "time", "yaml-sexagesimal"),
        ("count: 012", "count", "yaml-octal"),
        ("tags: [ai, on]", "tags", "yaml-bool"),
        ("summary: ~", "summary", "yaml-null"),
    ],
)
def test_yaml_11_traps_are_recorded(yaml_text: str, key: str, code: str) -> None:
    article = parse_article(f"---\n{yaml_text}\n---\nbody\n")
    assert [(trap.key, trap.code, trap.line) for trap in article.traps] == [(key, code, 2)]


def test_quoted_values_are_no_traps() -> None:
    article = parse_article('---\nsectie: "no"\ndraft: true\ntime: "14:05"\n---\n')
    assert article.traps == ()
    assert article.meta["sectie"] == "no"


def test_duplicate_keys_are_recorded_with_both_lines() -> None:
    article = parse_article("---\ntitle: a\nsummary: s\ntitle: b\n---\n")
    assert article.meta["title"] == "b"
    (trap,) = article.traps
    assert (trap.key, trap.code, trap.line, trap.text) == ("title", "duplicate-key", 4, "also on line 2")


def test_bom_is_recorded_and_front_matter_still_read() -> None:
    article = parse_article("\ufeff---\ntitle: x\n---\nbody\n")
    assert article.meta == {"title": "x"}
    assert [trap.code for trap in article.traps] == ["bom"]


def test_missing_closing_delimiter_is_an_error_with_line() -> None:
    with pytest.raises(ArticleError) as caught:
        parse_article("---\ntitle: x\nbody text\n")
    assert caught.value.line == 1
    assert "never closed" in caught.value.message


def test_invalid_yaml_names_the_line() -> None:
    with pytest.raises(ArticleError) as caught:
        parse_article("---\ntitle: x\ntags: [a, b\n---\n")
    assert caught.value.line is not None
    assert "not valid YAML" in caught.value.message


def test_tab_indentation_is_an_error() -> None:
    with pytest.raises(ArticleError, match="tab"):
        parse_article("---\ncover:\n\timage: x\n---\n")


def test_front_matter_that_is_not_a_mapping() -> None:
    with pytest.raises(ArticleError, match="mapping"):
        parse_article("---\n- a\n- b\n---\n")


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """Front matter of a few hundred bytes whose aliases expand to width ** levels values."""
    lines = ["a: &a [" + ", ".join(['"x"'] * width) + "]"]
    previous = "a"
    for level in range(levels - 1):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*{previous}"] * width) + "]")
        previous = f"l{level}"
    return "---\ntitle: \"Lachen\"\n" + "\n".join(lines) + "\n---\nbody\n"


def test_an_alias_bomb_is_refused_with_its_own_code_at_once() -> None:
    import time

    started = time.process_time()  # processor time, not the wall clock: a busy machine fails nothing
    with pytest.raises(ArticleError) as caught:
        parse_article(alias_bomb())
    assert time.process_time() - started < 1
    assert caught.value.code == "yaml-alias"
    assert "alias" in caught.value.message


def test_a_few_aliases_and_a_merge_key_are_still_read() -> None:
    text = "---\nbase: &b {sectie: \"werk\", doelgroep: \"beslisser\"}\nother:\n  <<: *b\n  x: 1\nagain: *b\n---\n"
    article = parse_article(text)
    assert article.meta["other"] == {"sectie": "werk", "doelgroep": "beslisser", "x": 1}
    assert article.meta["again"] == {"sectie": "werk", "doelgroep": "beslisser"}


@pytest.mark.parametrize("number", ["9" * 5000, "-" + "1" * 5000, "1_" * 3000 + "1", "0x" + "f" * 5000,
                                    "0b" + "1" * 20000, "1" + ":0" * 3000])
def test_a_number_too_long_to_read_is_the_file_s_problem(number: str) -> None:
    with pytest.raises(ArticleError) as caught:
        parse_article(f"---\ntitle: \"x\"\nweight: {number}\n---\nbody\n")
    assert caught.value.code == "yaml-number"
    assert caught.value.line == 3


def test_no_front_matter_gives_empty_meta() -> None:
    article = parse_article("Just text.\n")
    assert article.meta == {}
    assert not article.has_front_matter
    assert article.body == "Just text.\n"


def test_writer_quotes_every_string_and_keeps_booleans_plain() -> None:
    text = render_article(parse_article("---\ntitle: \"no\"\ndraft: false\ntags: [\"a\", \"yes\"]\n---\n"))
    assert text == '---\ntitle: "no"\ndraft: false\ntags: ["a", "yes"]\n---\n'


def test_order_keys_puts_house_keys_first_and_keeps_unknown_ones() -> None:
    meta = {"zzz": 1, "draft": True, "cover": {"caption": "c", "image": "i"}, "title": "t", "source": {}}
    assert list(order_keys(meta)) == ["title", "cover", "draft", "source", "zzz"]
    assert list(order_keys(meta)["cover"]) == ["image", "caption"]


@given(st.text())
def test_quote_reads_back_as_the_same_string(value: str) -> None:
    value = value.encode("utf-8", "ignore").decode("utf-8")  # only what a UTF-8 file can hold
    assert yaml.safe_load(quote(value)) == value


scalars = st.one_of(st.text(max_size=30).map(lambda s: s.encode("utf-8", "ignore").decode()), st.booleans(),
                    st.integers(), st.none())
keys = st.text(min_size=1, max_size=12).map(lambda s: s.encode("utf-8", "ignore").decode()).filter(bool)


@given(st.dictionaries(keys, st.one_of(scalars, st.lists(scalars, max_size=4),
                                       st.dictionaries(keys, scalars, max_size=3)), max_size=6))
def test_written_front_matter_reads_back_identically(meta: dict[str, object]) -> None:
    from pipeline.model.article import Article

    text = render_article(Article(meta, "body\n"))
    again = parse_article(text)
    assert again.meta == meta
    assert render_article(again) == text


def _full_loader(text: str) -> object:
    """What parse_article gives with the house-style fast path turned off (or the error it raises)."""
    import pipeline.model.front_matter_fast

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline.model.front_matter_fast, "parse_house_style",
                      lambda front, first_line=2, printable=None: None)
        try:
            article = parse_article(text)
        except ArticleError as error:
            return ("error", error.message, error.line)
    return (article.meta, dict(article.lines), article.traps)


def _either_path(text: str) -> object:
    try:
        article = parse_article(text)
    except ArticleError as error:
        return ("error", error.message, error.line)
    return (article.meta, dict(article.lines), article.traps)


house_keys = st.sampled_from(["title", "date", "tags", "summary", "sectie", "cover", "draft", "lang", "on", "no",
                              "y", "x_1", "Title", "a-b"])
house_values = st.one_of(st.text(max_size=20), st.booleans(), st.lists(st.text(max_size=8), max_size=3),
                         st.sampled_from(["2026-02-11T00:00:00+01:00", "2026-02-11", "2026-02-26T20:26:46.713Z"]),
                         st.dictionaries(st.sampled_from(["image", "alt", "caption", "no"]), st.text(max_size=10),
                                         max_size=3))


@settings(max_examples=300)
@given(st.dictionaries(house_keys, house_values, max_size=8))
def test_fast_path_reads_written_front_matter_as_yaml_does(meta: dict[str, object]) -> None:
    from pipeline.model.article import Article

    meta = {k: (v.encode("utf-8", "ignore").decode() if isinstance(v, str) else v) for k, v in meta.items()}
    text = render_article(Article(meta, "body\n"))
    assert _either_path(text) == _full_loader(text)


yaml_lines = st.lists(st.one_of(
    st.sampled_from(["title: \"a\"", "title: \"b\"", "cover:", "  alt: \"x\"", "  alt:", "  image: \"\"", "draft: true",
                     "draft: no", "tags: [\"a\", \"b\"]", "tags: []", "date: 2026-02-11", "date: 14:05", "on: \"x\"",
                     "title: \"a\\\"b\"", "# note", "", "  ", "title:  \"a\"", "title: 'a'", "   alt: \"x\"",
                     "date: 2026-02-11T00:00:00+01:00", "summary: \"é ’ \u2028 x\"", "x: 010", "cover: \"\""]),
    st.text(alphabet=" :\"[],#a\\-\t", max_size=12)), max_size=8)


@settings(max_examples=300)
@given(yaml_lines)
def test_fast_path_agrees_with_yaml_on_any_front_matter(lines: list[str]) -> None:
    text = "---\n" + "".join(line + "\n" for line in lines) + "---\nbody\n"
    assert _either_path(text) == _full_loader(text)


def test_fast_path_reads_the_example_and_falls_back_on_anything_unsure() -> None:
    from pipeline.model.article import split_front_matter
    from pipeline.model.front_matter_read import parse_house_style

    front, _, _ = split_front_matter(EXAMPLE_PUBLISHED.read_text(encoding="utf-8"))
    assert front is not None
    fast = parse_house_style(front)
    assert fast is not None and fast[0]["cover"]["alt"].startswith("A close-up") and fast[1]["cover.alt"] == 10
    for unsure in ('draft: no\n', 'title: "a\\"b"\n', "title: 'a'\n", "# c\ntitle: \"a\"\n",
                   'title: "a"\ntitle: "b"\n', 'cover:\ndraft: true\n', 'x: 12\n'):
        assert parse_house_style(unsure) is None, unsure


def _split_every_line(text: str) -> tuple[str | None, str, int] | str:
    """The plain way split_front_matter's quick path must agree with: look at every line."""
    if not (text.startswith("---\n") or text.startswith("---\r\n") or text == "---"):
        return None, text, 0
    lines = text.splitlines(keepends=True)
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").rstrip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1:]), index + 1
    return "unclosed"


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["---", "--- ", "----", " ---", "title: x", "", "\r", "\x85", "\u2028", "\x0c",
                                 "\n", "---\n", "\n---\n", "a---", "tekst", "\u2029", "\x1c", "\x0b", "\t", "\xa0",
                                 "\x00", "é", "\U0001f600", "\r\n"]), max_size=14).map("".join),
       st.sampled_from(["---\n", "---\r\n", "---\r"]))
def test_the_quick_split_finds_the_line_that_every_line_split_finds(tail: str, opening: str) -> None:
    from pipeline.model.article import _split, split_front_matter
    from pipeline.model.front_matter_read import ArticleError

    text = opening + tail
    try:
        found: tuple[str | None, str, int] | str = split_front_matter(text)
        front, _body, _line, printable = _split(text)
    except ArticleError:
        found, front, printable = "unclosed", None, None
    assert found == _split_every_line(text)
    if printable is not None:  # what it says of the front matter's printing is so
        assert front is not None and printable == front.replace("\n", " ").isprintable()


def test_a_key_too_long_for_yaml_is_left_to_the_loader_which_refuses_it() -> None:
    from pipeline.model.article import parse_article
    from pipeline.model.front_matter_read import ArticleError, parse_house_style

    front = "a" * 1100 + ': "x"\n'
    assert parse_house_style(front) is None
    with pytest.raises(ArticleError) as caught:
        parse_article("---\n" + front + "---\nTekst.\n")
    assert caught.value.code == "yaml-syntax"


def test_the_published_form_credits_the_author_and_the_agency() -> None:
    from pipeline.model.config import Config
    from pipeline.model.forms import published_form, source_credit

    assert source_credit({"author": "Jan Jansen", "origin": "ANP"}) == "Jan Jansen / ANP"
    assert source_credit({"origin": "ANP"}) == "ANP" and source_credit({"file": "raw/x.txt"}) == ""
    assert source_credit("not a mapping") == ""
    draft = parse_article('---\ntitle: "T"\nsectie: "werk"\ndraft: true\nsource:\n  origin: "ANP"\n---\n\nTekst.\n')
    published, dropped = published_form(draft, Config())
    assert list(published.meta) == ["title", "sectie", "credit", "draft"]
    assert published.meta["credit"] == "ANP" and dropped == {"source": {"origin": "ANP"}}
    kept = parse_article('---\ntitle: "T"\ncredit: "Redactie"\nsource:\n  origin: "ANP"\n---\n\nTekst.\n')
    assert published_form(kept, Config())[0].meta["credit"] == "Redactie"  # an editor's credit stands


def test_a_custom_key_holding_a_date_stays_a_date_and_a_quoted_one_text() -> None:
    from pipeline.model.canonical import normalise_text
    from pipeline.model.config import DEFAULT_CONFIG

    text = ('---\ntitle: 2024-12-12\ndate: 2026-01-01T00:00:00+01:00\nupdated: 2024-12-12\nquoted: "2024-12-12"\n'
            'at: 2024-12-12T10:00:00+01:00\n---\n\nTekst.\n')
    out = normalise_text(text, DEFAULT_CONFIG).text
    assert "\nupdated: 2024-12-12\n" in out and '\nquoted: "2024-12-12"\n' in out  # Hugo reads each as it did
    assert "\nat: 2024-12-12T10:00:00+01:00\n" in out
    assert '\ntitle: "2024-12-12"\n' in out  # a title is text in the house style
    assert normalise_text(out, DEFAULT_CONFIG).text == out


def _aliased(copies: int, one_more: bool) -> str:
    """Front matter whose aliases add 10 values per copy of a nine-item list, and one more if asked."""
    lines = ["---", 'title: "x"', "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]", *(f"b{n}: *a" for n in range(copies))]
    lines += ["s: &s x", "t: *s"] if one_more else []
    return "\n".join([*lines, "---", "", "Tekst."])


def test_aliases_up_to_the_limit_are_read_and_one_value_more_is_refused() -> None:
    from pipeline.model.front_matter_read import MAX_ALIAS_VALUES

    assert MAX_ALIAS_VALUES == 1000
    assert len(parse_article(_aliased(100, False)).meta["b99"]) == 9  # exactly 1,000 values added: read
    with pytest.raises(ArticleError, match="expand to 1,001 more values") as refused:
        parse_article(_aliased(100, True))
    assert refused.value.code == "yaml-alias"
