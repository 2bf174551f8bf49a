"""A draft checked with nothing kept (a cold status, review, the desk) gives what checking it the plain way gives:
its content hash as the writer's rendering hashes, its problems as every field rule run again as published."""

from __future__ import annotations

import dataclasses
import types
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model.article import Article, as_read, parse_article, render_article, sha256_text
from pipeline.model.config import Config
from pipeline.model.errors import ArticleError
from pipeline.model.problems import Problem

# --- the content hash of a text already in the house style ---------------------------------------------------

# Pieces of front matter lines the house-style reader accepts, and near misses: quoted values holding what the
# writer escapes or leaves bare (a tab, an RFC 3339 moment), digits of other scripts in a bare date, blank lines,
# keys the writer would quote.
_VALUES = st.sampled_from([
    '"a"', '""', '"Één zin, met ’quotes’"', '"a\tb"', '"2026-02-11T00:00:00+01:00"', '"2026-02-11"',
    '"2026-02-11T00:00:00Z"', '"x 2026-02-11T00:00:00Z"', "true", "false", "2026-02-11", "2026-02-11T09:30:00Z",
    "2026-02-11T09:30:00.5+01:00", "٢٠٢٦-٠٢-١١", '["a", "b"]', "[]", '["2026-02-11T00:00:00Z"]', '["a\tb", "c"]',
    '"\u00a0"', '"\u2027"', '"\ufefe"', '"\U0001f600"', '"\x7e"',
])
_KEYS = st.sampled_from(["title", "date", "tags", "summary", "cover", "image", "alt", "draft", "lang", "x_1", "a1"])


def _entry(key: str, value: str | dict[str, str]) -> list[str]:
    if isinstance(value, dict):  # a mapping: "key:" and its keys two spaces in
        return [f"{key}:", *(f"  {child}: {item}" for child, item in value.items())]
    return [f"{key}: {value}"]


# Front matter the reader takes line by line (keys once each, a mapping with at least one key), with a line the
# writer never writes (blank, a comment, two spaces after the colon) put in somewhere now and then.
_FRONTS = st.tuples(
    st.dictionaries(_KEYS, st.one_of(_VALUES, st.dictionaries(_KEYS, _VALUES, min_size=1, max_size=3)), max_size=6)
    .map(lambda entries: [line for key, value in entries.items() for line in _entry(key, value)]),
    st.one_of(st.none(), st.sampled_from(["", "  ", 'title:  "a"', "# note", "x: 12"])),
    st.integers(min_value=0, max_value=20),
).map(lambda made: made[0] if made[1] is None else [*made[0][:made[2]], made[1], *made[0][made[2]:]])
_BODIES = st.sampled_from(["", "\n", "Tekst.\n", "\nTekst.\n\n## Kop\n", "---\n", "\r\nTekst\r\n"])


@settings(max_examples=500, deadline=None)
@given(_FRONTS, _BODIES, st.sampled_from(["---\n", "---\n", "--- \n", "---\r\n"]), st.booleans())
def test_a_text_taken_as_its_own_rendering_is_one(lines: list[str], body: str, closing: str, bom: bool) -> None:
    text = ("\ufeff" if bom else "") + "---\n" + "".join(line + "\n" for line in lines) + closing + body
    try:
        article = parse_article(text)
    except ArticleError:  # front matter that cannot be read has no hash to take
        return
    if as_read(article) is not None:
        assert as_read(article) == text
        assert render_article(article) == text


_PLAIN_TEXT = st.text(st.characters(codec="utf-8", exclude_characters='"\\\t\r\n\x85\u2028\u2029\ufeff'),
                      max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "summary", "sectie", "lang", "extra_key"]), _PLAIN_TEXT, max_size=5),
       st.lists(_PLAIN_TEXT, max_size=3), st.booleans())
def test_what_the_writer_wrote_in_the_house_style_is_hashed_as_read(texts: dict[str, str], tags: list[str],
                                                                     draft: bool) -> None:
    """Not a proof that never holds: a file as the pipeline writes it is taken as its own rendering."""
    meta: dict[str, Any] = {**texts, "tags": tags, "cover": {"image": "https://x.nl/a.jpg", "alt": "een foto"},
                            "draft": draft}
    text = render_article(Article(meta, "Tekst.\n"))
    article = parse_article(text)
    if article.meta != meta:  # a value YAML reads otherwise (the reader falls back, nothing is taken)
        return
    from pipeline.model.front_matter_read import parse_house_style

    if parse_house_style(text.split("---\n")[1]) is not None:
        assert as_read(article) == text
    assert sha256_text(render_article(article)) == sha256_text(text)


def test_a_copy_with_other_values_is_hashed_by_its_rendering() -> None:
    from pipeline.model.article import content_hash

    text = '---\ntitle: "Een"\ndraft: true\n---\nTekst.\n'
    article = parse_article(text)
    assert as_read(article) == text
    changed = article.with_meta({**article.meta, "title": "Twee"})
    assert changed.read_from is None and as_read(changed) is None
    assert content_hash(changed) == sha256_text('---\ntitle: "Twee"\ndraft: true\n---\nTekst.\n')
    assert content_hash(dataclasses.replace(article, body="Anders.\n")) == \
        sha256_text('---\ntitle: "Een"\ndraft: true\n---\nAnders.\n')
    for unlike in ('---\ntitle: "a\tb"\n---\n', '---\ntitle: "2026-02-11T00:00:00Z"\n---\n',
                   '---\ntitle: "a"\n\ndraft: true\n---\n', '\ufeff---\ntitle: "a"\n---\n', '---\ntitle: "a"\n--- \n'):
        assert as_read(parse_article(unlike)) is None, unlike
        assert content_hash(parse_article(unlike)) == sha256_text(render_article(parse_article(unlike)))


# The writer's proof as it was, building the text again from its parts: the reference the proof that looks at the
# delimiters and the body in place is held to.
def _written_as_read_before(text: str, body: str) -> bool:
    from pipeline.model.front_matter_write import _QUOTED_MOMENT, needs_escape

    front = text[4:len(text) - len(body) - 4]
    return bool((front.endswith("\n") or not front) and "\n\n" not in front and not front.startswith("\n")
                and needs_escape().search(front.replace("\n", "")) is None and _QUOTED_MOMENT.search(front) is None
                and text == f"---\n{front}---\n{body}")


_PIECES = st.sampled_from(["---\n", "---", "--", "-", "\n", "\n\n", 'title: "a"\n', 'x: "2026-02-11T00:00:00Z"\n',
                           "\t", "\x85", "\u2028", "\r\n", "a", "Één", "\U0001f600", "\x00", "\ufeff", " ", "\xa0"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join), st.lists(_PIECES, max_size=6).map("".join))
def test_the_proof_in_place_says_what_the_text_made_again_said(head: str, tail: str) -> None:
    """Any text and any body, the body its end or not (of its size or another), shorter than both delimiters or not:
    the same answer."""
    from pipeline.model.front_matter_write import written_as_read

    for front in (head, ""):  # the shape it is asked about: delimiters around a front matter, then a text
        for text in (head + tail, f"---\n{front}---\n{tail}"):
            for body in (tail, tail[::-1] + "x", "x" * len(tail), tail[1:]):
                assert written_as_read(text, body) == _written_as_read_before(text, body), (text, body)


@settings(max_examples=800, deadline=None)
@given(_FRONTS, st.lists(_PIECES, max_size=4).map("".join), st.lists(_PIECES, max_size=6).map("".join),
       st.integers(min_value=0, max_value=20))
def test_the_readers_look_at_what_prints_tells_the_proof_what_its_own_look_would(
        lines: list[str], odd: str, body: str, at: int) -> None:
    """The proof told that the reader found the front matter printable (its line breaks as spaces) says what it says
    looking again, for any front matter the reader takes: with a tab, a no-break space, a NUL, a line break of
    YAML's, a character of another plane put in."""
    from pipeline.model.front_matter_write import written_as_read

    front = "".join(line + "\n" for line in lines)
    text = "---\n" + front[:at] + odd + front[at:] + "---\n" + body
    try:
        article = parse_article(text)
    except ArticleError:
        return
    read_from = article.read_from
    if read_from is None:
        assert as_read(article) is None
        return
    assert article.read_printable == text[4:len(text) - len(article.body) - 4].replace("\n", " ").isprintable()
    assert as_read(article) == (read_from if written_as_read(read_from, article.body) else None)



def test_every_character_the_writer_escapes_is_one_python_does_not_print() -> None:
    """What lets the writer's proof ask str.isprintable before searching its class: over all of Unicode."""
    import sys

    from pipeline.model.front_matter_write import _needs_escape_or_break, needs_escape

    every = "".join(map(chr, range(sys.maxunicode + 1)))
    escaped = needs_escape().findall(every)
    assert "\t" in escaped and "\u2028" in escaped and "\ufeff" in escaped  # (the class is the writer's, not empty)
    assert not [char for char in escaped if char.isprintable()]
    assert _needs_escape_or_break().findall(every) == [char for char in escaped if char != "\n"]

@settings(max_examples=300, deadline=None)
@given(_FRONTS, _BODIES, st.sampled_from(["---\n", "---\n", "--- \n", "---\r\n"]), st.booleans())
def test_the_hash_of_the_bytes_read_is_the_hash_of_the_rendering(lines: list[str], body: str, closing: str,
                                                                  bom: bool) -> None:
    """A draft's facts from its file's bytes hash those bytes when its text is its own rendering: the same hash as the
    rendering's, for any front matter the reader takes or leaves (a byte order mark, a blank line, a tab...)."""
    from pipeline.model.article import content_hash
    from pipeline.stages.assess import draft_facts

    text = ("\ufeff" if bom else "") + "---\n" + "".join(line + "\n" for line in lines) + closing + body
    data = text.encode("utf-8")
    config = Config()
    with_bytes = draft_facts("drafts/x.md", data.decode("utf-8"), config, "", False, data)
    assert with_bytes == draft_facts("drafts/x.md", text, config, "", False)
    try:
        article = parse_article(text)
    except ArticleError:
        return
    assert content_hash(article, data) == content_hash(article) == sha256_text(render_article(article))


def test_a_status_run_makes_the_writer_and_both_forms_rules_before_its_workers_fork() -> None:
    from pipeline.model import article
    from pipeline.stages import front_matter_rules
    from pipeline.stages.assess import prepare_facts

    config = Config()
    prepare_facts(config)
    assert article._writer is not None
    assert {(id(config), False), (id(config), True)} <= set(front_matter_rules._RULESETS)


@settings(max_examples=200, deadline=None)
@given(_FRONTS, _BODIES, st.dictionaries(_KEYS, _VALUES, max_size=3), st.booleans())
def test_an_article_with_other_keys_is_what_dataclasses_replace_made(lines: list[str], body: str,
                                                                     meta: dict[str, Any], bom: bool) -> None:
    text = ("\ufeff" if bom else "") + "---\n" + "".join(line + "\n" for line in lines) + "---\n" + body
    try:
        article = parse_article(text, "drafts/x.md")
    except ArticleError:
        article = parse_article("x" + body, "drafts/x.md")  # none: no front matter
    made, replaced = article.with_meta(meta), dataclasses.replace(article, meta=meta)
    assert made == replaced and made.__dict__ == replaced.__dict__ and made.read_from is None
    assert made.meta is meta and made.lines is article.lines and made.traps is article.traps

# --- the rules of a draft as it would be published -----------------------------------------------------------


def _as_before(text: str, config: Config) -> list[tuple[Any, ...]]:
    """Every field rule run again on the published form, as a draft's check did before it ran only the rules of
    the fields that differ."""
    from pipeline.model.forms import published_form
    from pipeline.stages.front_matter_rules import check_fields, validate_article
    from pipeline.stages.validate import check_parsed

    article, problems = check_parsed(text, "drafts/x.md", config)
    if article is not None:
        published, _ = published_form(article, config)
        seen = {(p.code, p.field, p.message) for p in problems}
        again = check_fields(published, config, published=True) if article.has_front_matter else \
            validate_article(published, config, published=True)
        problems += [p for p in again if (p.code, p.field, p.message) not in seen]
    return [_whole(p) for p in problems]


def _whole(problem: Problem) -> tuple[Any, ...]:
    return (problem.file, problem.line, problem.field, problem.severity, problem.code, problem.message)


_META_VALUES = st.one_of(st.sampled_from(["", " x ", "nl", "en", "month", "not-article", "article", "Jan / ANP",
                                          "2026-02-11T00:00:00+01:00", "BESLISSER", "werk"]),
                         st.booleans(), st.sampled_from([0, 1, 1.5, None]), st.lists(st.sampled_from(["a", "", 1]),
                                                                                    max_size=2),
                         st.fixed_dictionaries({}, optional={"author": st.sampled_from(["Jan", " ", 3]),
                                                             "origin": st.sampled_from(["ANP", ""]),
                                                             "image": st.sampled_from(["https://a.nl/x.jpg", ""]),
                                                             "Alt": st.just("x")}))
_META_KEYS = st.sampled_from(["title", "date", "tags", "summary", "doelgroep", "sectie", "credit", "Credit", "cover",
                              "draft", "Draft", "lang", "Lang", "date_precision", "page_kind", "source", "Source",
                              "expiryDate", "other"])
_CONFIGS = st.builds(
    lambda required, kept, month: dataclasses.replace(Config(), required=tuple(required), published_keys=tuple(kept),
                                                      month_dates=month),
    st.lists(st.sampled_from(["title", "credit", "lang", "source", "date_precision", "page_kind", "draft",
                              "cover.alt", "other"]), max_size=4, unique=True),
    st.lists(st.sampled_from(["lang", "source", "page_kind", "date_precision"]), max_size=2, unique=True),
    st.booleans())


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(_META_KEYS, _META_VALUES, max_size=9), _CONFIGS)
def test_the_published_form_checked_by_its_differing_fields_says_what_all_its_rules_say(
        meta: dict[str, Any], config: Config) -> None:
    from pipeline.stages.assess import check_article

    text = render_article(Article(meta, "Een zin.\n"))
    _article, problems = check_article(text, "drafts/x.md", config)
    assert [_whole(p) for p in problems] == _as_before(text, config)


def _same_to_every_rule(one: Any, other: Any) -> bool:
    """What the fields that differ were found by before: the same object, or mappings of the same keys each
    holding the same object (never ==: 1 == True)."""
    if one is other:
        return True
    return (one.__class__ is dict and other.__class__ is dict and one.keys() == other.keys()
            and all(_same_to_every_rule(value, other[key]) for key, value in one.items()))


def _differing_by_comparison(draft: Article, published: Article, config: Config) -> set[str]:
    """The keys whose rules may say something else as published, found by comparing both forms key by key."""
    from pipeline.stages.front_matter_rules import field_rules_differ

    before, after = draft.meta, published.meta
    differ = set(field_rules_differ(config))
    differ.update(key for key in before.keys() ^ after.keys() if key.__class__ is str)
    differ.update(key for key, value in after.items() if key in before and not _same_to_every_rule(before[key], value))
    return differ


class _OtherMapping(dict):  # type: ignore[type-arg]  # a mapping of another class than dict
    pass


_ANY_VALUES = st.one_of(_META_VALUES, st.just(True), st.just(False), st.just({}),
                        st.dictionaries(st.sampled_from(["image", "alt", "caption", "x", 1]), _META_VALUES, max_size=3)
                        .flatmap(lambda made: st.sampled_from([made, _OtherMapping(made)])))


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.one_of(_META_KEYS, st.sampled_from([1, True, None])), _ANY_VALUES, max_size=9), _CONFIGS)
def test_the_fields_published_form_changes_are_those_a_comparison_of_both_forms_finds(
        meta: dict[Any, Any], config: Config) -> None:
    from pipeline.model.forms import published_form
    from pipeline.stages.assess import _differing

    draft = Article(meta, "Een zin.\n")
    published, dropped = published_form(draft, config)
    assert _differing(draft, published, dropped, config) == _differing_by_comparison(draft, published, config)


# Values, and covers of a class that is no dict at all (which the rules do not read as one; published_form makes it one)
_ALL_VALUES = st.one_of(_ANY_VALUES, st.dictionaries(st.sampled_from(["image", "alt", "caption"]), _META_VALUES,
                                                     max_size=3).map(types.MappingProxyType))


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.one_of(_META_KEYS, st.sampled_from([1, True, None])), _ALL_VALUES, max_size=9), _CONFIGS,
       st.booleans())
def test_the_published_form_as_the_rules_read_it_tells_them_what_published_form_tells(
        meta: dict[Any, Any], config: Config, published: bool) -> None:
    """Every field rule, and the rules of any keys alone, say the same of it as of published_form's article: any keys
    (the house's, the pipeline's, other-cased, not text), values of every type, covers of another mapping class."""
    from pipeline.model.forms import published_form
    from pipeline.stages.assess import published_for_rules
    from pipeline.stages.front_matter_rules import check_fields

    draft = Article(meta, "Een zin.\n")
    made, dropped = published_for_rules(draft, config)
    whole, dropped_whole = published_form(draft, config)
    assert dropped == dropped_whole and made.meta == whole.meta
    for only in (None, {"cover"}, {key for key in meta if key.__class__ is str}):
        assert [_whole(p) for p in check_fields(made, config, published, only)] == \
            [_whole(p) for p in check_fields(whole, config, published, only)]
