"""An HTML page's declared language: read from the page (its root's lang, og:locale, Content-Language), and taken
without langdetect's trials only where the page's words fit it; everywhere else the language is langdetect's."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model.config import config_from_mapping
from pipeline.reading.html_metadata import declared_language
from pipeline.reading.html_source import _parse, read_html
from pipeline.reading.language import _WORD, detect_language, stop_share
from tests.reading.test_language import DUTCH, ENGLISH, FRISIAN, GERMAN, LUXEMBOURGISH

CONFIG = config_from_mapping({})
SAMPLES = Path(__file__).parent.parent / "samples"
_DECLARED = "the page's declared language"


def _page(head: str = "", root: str = "") -> str:
    return (f"<!DOCTYPE html><html{root}><head><meta charset='utf-8'>{head}<title>Kop</title></head>"
            f"<body><article><h1>Kop</h1><p>{DUTCH}</p></article></body></html>")


@pytest.mark.parametrize(("root", "head", "expected"), [
    (" lang='nl'", "", "nl"),
    (" lang='nl-NL'", "<meta property='og:locale' content='nl_NL'>", "nl"),
    (" LANG=' EN-gb '", "", "en"),
    (" xml:lang='de'", "", "de"),
    ("", "<meta http-equiv='Content-Language' content='en'>", "en"),
    ("", "<meta name='language' content='NL'>", "nl"),
    ("", "<meta property='og:locale' content='de_DE'>", "de"),
    (" lang='nl'", "<meta property='og:locale' content='en_US'>", ""),  # they disagree: none
    (" lang='nl'", "<meta http-equiv='content-language' content='nl, en'>", ""),  # a list is no one language
    (" lang=''", "", ""),
    (" lang='x-klingon'", "", ""),
    (" lang='1234'", "", ""),
    ("", "<meta property='og:locale'>", ""),
    ("", "<meta name='description' content='nl'>", ""),
    ("", "", ""),
])
def test_the_declared_language_is_the_one_every_declaration_names(root: str, head: str, expected: str) -> None:
    tree, _ = _parse(_page(head, root))
    assert declared_language(tree) == expected


@pytest.mark.parametrize("value", ["n" * 1_000_000, "nl\x00", "\u202enl", "ｎｌ", "nl\u0301", "<nl>",
                                   "nl" + " " * 10_000])
def test_a_hostile_declaration_is_none_or_its_plain_code(value: str) -> None:
    tree, _ = _parse(_page(f"<meta property='og:locale' content='{value}'>"))
    found = declared_language(tree)
    assert found in ("", "nl")  # a code of two or three plain letters, or none
    assert found == "" or value.startswith("nl")


def test_a_page_carries_its_declaration_to_the_language() -> None:
    item = read_html(_page(root=" lang='nl'"), CONFIG)[0]
    assert item.language == "nl"
    found = detect_language(DUTCH, CONFIG, None, item.language)
    assert found.value == "nl" and found.rule.startswith(_DECLARED)


def test_words_that_fit_the_declaration_give_it_with_why() -> None:
    found = detect_language(DUTCH, CONFIG, None, "nl")
    assert (found.value, found.evidence) == ("nl", detect_language(DUTCH, CONFIG).evidence)
    assert found.rule.startswith(_DECLARED) and "% of the words in lower case" in found.rule


@pytest.mark.parametrize(("text", "declared"), [
    (ENGLISH, "nl"),  # a site's template says Dutch, the story is English
    (DUTCH, "en"),
    (GERMAN, "en"),
    (LUXEMBOURGISH, "nl"),  # langdetect's doubt decides: unknown
    (DUTCH, "de"),  # not a language of the configuration
    (DUTCH, "xx"),
])
def test_a_declaration_the_words_do_not_fit_leaves_the_language_to_langdetect(text: str, declared: str) -> None:
    assert detect_language(text, CONFIG, None, declared) == detect_language(text, CONFIG)


def test_frisian_words_come_before_a_declaration() -> None:
    assert detect_language(FRISIAN, CONFIG, None, "nl") == detect_language(FRISIAN, CONFIG)


def test_a_short_text_falls_back_as_before_whatever_the_page_declares() -> None:
    short = "Het college heeft besloten de weg te sluiten."
    assert detect_language(short, CONFIG, None, "en") == detect_language(short, CONFIG)


_STORIES = {"nl": DUTCH, "en": ENGLISH, "de": GERMAN}
_SENTENCES = {code: [part.strip() + "." for part in text.split(". ") if part] for code, text in _STORIES.items()}


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(_SENTENCES)).flatmap(
    lambda code: st.lists(st.sampled_from(_SENTENCES[code]), min_size=2, max_size=12)), st.sampled_from(["nl", "en"]))
def test_a_story_in_one_language_has_langdetects_language_whatever_it_declares(sentences: list[str],
                                                                                declared: str) -> None:
    text = " ".join(sentences)
    found = detect_language(text, CONFIG, None, declared)
    if found.rule.startswith(_DECLARED):
        assert found.value == detect_language(text, CONFIG).value == declared
    else:
        assert found == detect_language(text, CONFIG)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*_SENTENCES["nl"], *_SENTENCES["en"], *_SENTENCES["de"]]), min_size=2, max_size=14),
       st.sampled_from(["nl", "en"]))
def test_a_mixed_story_takes_its_declaration_only_where_its_common_words_fit_it(sentences: list[str],
                                                                               declared: str) -> None:
    """Sentences of two or three languages in one text: langdetect may name another of them, or none (unsure), where
    the declaration is taken; it is taken only with 60 words in lower case or more, 0.35 of them the declared
    language's common words and 2.5 times any other language's share. (No page of the evaluation sets is so mixed.)"""
    text = " ".join(sentences)
    found = detect_language(text, CONFIG, None, declared)
    if not found.rule.startswith(_DECLARED):
        assert found == detect_language(text, CONFIG)
        return
    prose = [word for word in _WORD.findall(text) if word[0].islower()]
    own = stop_share(prose, declared)
    assert found.value == declared and len(prose) >= 60 and own is not None and own >= 0.35
    others = [code for code in ("nl", "en", "de", "fr", "da") if code != declared]
    assert all(own >= 2.5 * (stop_share(prose, code) or 0.0) for code in others)


@pytest.mark.parametrize("name", sorted(path.name for path in SAMPLES.glob("*.htm*")))
def test_the_samples_keep_langdetects_language(name: str) -> None:
    text = (SAMPLES / name).read_text(encoding="utf-8", errors="replace")
    try:
        item = read_html(text, CONFIG)[0]
    except Exception:  # a sample that is no page (cut off, binary): nothing declared to weigh
        return
    body = item.body
    assert detect_language(body, CONFIG, None, item.language).value == detect_language(body, CONFIG).value


def test_a_made_up_text_of_one_languages_common_words_around_anothers_words_takes_the_declaration() -> None:
    """What the check cannot tell (it counts words, it does not read them): Dutch nouns among English common words,
    declared English, is English by the declaration where langdetect does not say English. No page of the evaluation
    sets is so; the test holds what the rule does."""
    text = " ".join(["gemeente wethouder begroting"] * 20 + ["the and of to it"] * 10)
    assert detect_language(text, CONFIG).value != "en"  # langdetect: Dutch, unsure, or its words unlike Dutch's
    found = detect_language(text, CONFIG, None, "en")
    assert found.value == "en" and found.rule.startswith(_DECLARED)
