"""Five small reading faults found while reading HTML pages, each pinned on a sentence of our own."""

from __future__ import annotations

from pipeline.model.config import Config
from pipeline.reading.draft import compose_body
from pipeline.reading.sources import read_source
from pipeline.reading.text import decode_bytes, strip_markup

CONFIG = Config(languages=("nl", "en"), default_language="nl")


def test_a_text_that_opens_with_a_brace_is_a_text_not_broken_json() -> None:
    [item] = read_source("{Update} De wethouder trekt zich terug uit de raad. Hij blijft wel lid van de partij.\n",
                         CONFIG)
    assert item.shape == "plain"
    assert item.body.startswith("{Update} De wethouder")


def test_a_page_that_says_utf8_but_is_gb2312_is_decoded() -> None:
    page = ("<html><head><meta charset=\"utf-8\"></head><body><p>今天下午市政府宣布将在明年修建三座新的图书馆，"
            "预计投资两亿元。图书馆将向所有市民免费开放。</p></body></html>")
    decoded = decode_bytes(page.encode("gb2312"))
    assert "修建三座新的图书馆" in decoded.text


def test_a_stray_nul_byte_does_not_make_a_page_binary() -> None:
    page = b"<html><body><p>De raad vergadert \x00donderdag over de nieuwe begroting.</p></body></html>"
    assert "De raad vergadert donderdag over de nieuwe begroting." in decode_bytes(page).text


def test_a_word_in_angle_brackets_is_text_not_a_tag() -> None:
    text = "Zet de <config files> in de map en herstart de server <b>daarna</b>."
    assert strip_markup(text) == "Zet de <config files> in de map en herstart de server daarna."


def test_a_short_line_inside_a_sentence_is_no_heading() -> None:
    text = ("Voor de taart heb je eerst een grote kom nodig, daarna 250 gram bloem, 100 gram suiker en 6 middelgrote"
            "\n\nEieren\n\ndie je een voor een door het beslag klopt tot het glad en luchtig is geworden.\n")
    body = compose_body(text, CONFIG)
    assert "## " not in body.markdown
    assert body.headings == []
