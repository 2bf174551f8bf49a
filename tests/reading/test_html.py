"""HTML pages as raw input: trafilatura and htmldate read them, our readers add what they know better,
and a bad page is one line of reason like any bad file."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import datetime

import pytest

from pipeline.model.config import Config
from pipeline.reading.draft import SourceInfo, drafts_from_bytes, read_items
from pipeline.reading.html_source import detect_html, flatten, is_cut_off
from pipeline.reading.items import SourceError
from pipeline.reading.text import DecodeError

CONFIG = Config(languages=("nl", "en"), default_language="nl")
SOURCE = SourceInfo("raw/pagina.html", "0" * 64, datetime.fromisoformat("2026-02-14T09:30:00+01:00"),
                    datetime.fromisoformat("2026-02-14T10:00:00+01:00"))

PARAGRAPHS = (
    "<p>De gemeente Deventer wil in het centrum meer ruimte voor fietsers maken. Het college stelt voor om "
    "twee straten autovrij te maken en de parkeergarage aan de rand van de binnenstad uit te breiden.</p>"
    "<p>Winkeliers zijn verdeeld over het plan. Sommigen vrezen dat klanten wegblijven als ze niet meer voor "
    "de deur kunnen parkeren, anderen verwachten juist meer bezoekers die rustig willen winkelen.</p>"
    "<h2>Besluit in het voorjaar</h2>"
    "<p>De gemeenteraad neemt in het voorjaar een besluit. Tot die tijd kunnen inwoners hun mening geven op "
    "drie avonden in het stadhuis, en via een vragenlijst op de website van de gemeente.</p>"
)


def page(article: str, head: str = "<title>Deventer wil een autovrij centrum</title>") -> bytes:
    return (f"<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\">{head}</head><body>"
            "<nav><ul><li><a href='/'>Home</a></li><li><a href='/nieuws'>Nieuws</a></li>"
            "<li><a href='/sport'>Sport</a></li></ul></nav>"
            f"<main><article>{article}</article></main>"
            "<footer><p>© 2025 Stadskrant Deventer. Alle rechten voorbehouden.</p>"
            "<ul><li><a href='/privacy'>Privacy</a></li><li><a href='/contact'>Contact</a></li></ul></footer>"
            "</body></html>").encode()


def test_an_article_page_gives_its_article_without_the_page_around_it() -> None:
    [draft] = drafts_from_bytes(page("<h1>Deventer wil een autovrij centrum</h1>" + PARAGRAPHS), SOURCE, CONFIG)
    body = draft.article.body
    assert draft.article.meta["title"] == "Deventer wil een autovrij centrum"
    assert "\n## Besluit in het voorjaar\n" in body
    assert "Winkeliers zijn verdeeld over het plan." in body
    for furniture in ("Home", "Alle rechten voorbehouden", "Privacy", "<!DOCTYPE"):
        assert furniture not in body
    assert draft.evidence["shape"] == "html"
    assert "trafilatura" in draft.evidence["title"]


def test_htmldate_gives_the_day_and_a_dutch_date_line_its_time() -> None:
    article = ("<h1>Deventer wil een autovrij centrum</h1><p class='meta'>"
               "<time datetime='2025-05-13'>di 13 mei 2025, 14:05</time></p>" + PARAGRAPHS)
    [draft] = drafts_from_bytes(page(article), SOURCE, CONFIG)
    assert draft.article.meta["date"] == "2025-05-13T14:05:00+02:00"
    assert "htmldate" in draft.evidence["date"] and "di 13 mei 2025, 14:05" in draft.evidence["date"]


def test_the_date_only_in_the_address_is_found() -> None:
    head = ("<title>Deventer wil een autovrij centrum</title>"
            "<link rel='canonical' href='https://www.stadskrant.nl/nieuws/2024/11/05/deventer-autovrij'>")
    [draft] = drafts_from_bytes(page(PARAGRAPHS, head), SOURCE, CONFIG)
    assert draft.article.meta["date"].startswith("2024-11-05")
    assert draft.article.meta["source"]["url"] == "https://www.stadskrant.nl/nieuws/2024/11/05/deventer-autovrij"


def test_a_kicker_before_the_title_is_taken_off_and_said() -> None:
    head = "<title>Analyse | Deventer wil een autovrij centrum</title>"
    [draft] = drafts_from_bytes(page(PARAGRAPHS, head), SOURCE, CONFIG)
    assert draft.article.meta["title"] == "Deventer wil een autovrij centrum"
    assert "'Analyse'" in draft.evidence["title"]


def test_captions_and_share_lines_inside_the_article_are_furniture() -> None:
    article = (PARAGRAPHS + "<p>Delen: Facebook Twitter WhatsApp</p>"
               "<p>Het stadhuis van Deventer. Foto: ANP</p>")
    [draft] = drafts_from_bytes(page(article), SOURCE, CONFIG)
    assert "Facebook" not in draft.article.body and "Foto: ANP" not in draft.article.body
    assert "share line" in draft.evidence["removed"]


def test_a_page_without_an_article_is_read_as_its_text() -> None:
    text = b"<!DOCTYPE html><html><body><div>Kort bericht</div></body></html>"
    try:
        drafts = drafts_from_bytes(text, SOURCE, CONFIG)
    except SourceError as error:
        assert "text" in str(error)
    else:
        assert drafts[0].evidence["shape"] in ("html", "html-as-text")


def test_html_is_known_by_its_start_or_by_its_name() -> None:
    assert detect_html("<!doctype html>\n<html>", CONFIG)
    assert detect_html("\ufeff<?xml version='1.0'?>\n<!-- opgeslagen -->\n<html lang='nl'>", CONFIG)
    assert not detect_html("<config files> staan in de map etc.\n", CONFIG)
    assert read_items("Gewone tekst, geen pagina. Nog een zin.", "raw/x.html", CONFIG)[0].shape == "plain"
    assert read_items("<p>" + PARAGRAPHS, "raw/x.html", CONFIG)[0].shape.startswith("html")


def test_a_page_cut_off_mid_download_is_refused_with_one_line() -> None:
    assert is_cut_off("<html><body><p>Halverwege afgebro")
    assert not is_cut_off("<html><body><p>Heel.</p></body></html>")
    assert not is_cut_off("<html><body><p>Zonder afsluitende tags.</p>")
    with pytest.raises(SourceError, match="cut off"):
        drafts_from_bytes(page(PARAGRAPHS)[:600], SOURCE, CONFIG)


def test_a_binary_file_named_html_is_refused_as_binary() -> None:
    with pytest.raises(DecodeError, match="binary"):
        drafts_from_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200 + b"IEND", SOURCE, CONFIG)


@pytest.mark.parametrize("hostile", [
    "<div>" * 100_000 + "tekst" + "</div>" * 100_000,
    "<p>" + "<b>a " * 50_000 + "</p>",
    "<html><body>" + "<" * 200_000 + "</body></html>",
    "<html><body><p>" + "\x01\x02" * 10 + "Tekst met stuurtekens." + "</p></body></html>",
])
def test_hostile_pages_end_in_a_draft_or_one_reason_quickly(hostile: str) -> None:
    start = time.process_time()  # processor time, not the wall clock: a busy machine fails nothing
    try:
        drafts_from_bytes(("<!DOCTYPE html>" + hostile).encode(), SOURCE, CONFIG)
    except (SourceError, DecodeError) as error:
        assert "\n" not in str(error)
    assert time.process_time() - start < 30


def test_flatten_gives_one_line_per_block_and_no_script() -> None:
    from lxml import html

    tree = html.fromstring("<html><head><title>T</title><script>var x = 1;</script></head><body><div>Een "
                           "<b>vet</b> woord</div><p>Tweede</p><ul><li>een</li><li>twee</li></ul></body></html>")
    assert flatten(tree) == "Een vet woord\nTweede\neen\ntwee"


def test_the_html_libraries_load_only_when_a_page_is_read() -> None:
    code = ("import sys, pipeline.cli, pipeline.reading.draft, pipeline.stages.ingest; "
            "print(sorted(m for m in ('trafilatura', 'htmldate', 'lxml', 'justext') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_text_between_the_blocks_of_trafilaturas_body_is_kept() -> None:
    from lxml import etree

    from pipeline.reading.html_source import _blocks

    body = etree.fromstring("<body>Vooraf<p>Een alinea.</p>Prijs: 12,99 euro<head rend='h3'>Een kop</head>"
                            "Losse tekst na de kop.<list rend='ul'><item>punt</item></list></body>")
    assert _blocks(body) == [("p", "Vooraf"), ("p", "Een alinea."), ("p", "Prijs: 12,99 euro"), ("h3", "Een kop"),
                             ("p", "Losse tekst na de kop."), ("li", "punt")]


def test_the_sites_name_before_the_title_is_taken_off() -> None:
    head = ("<title>Stadskrant Deventer | Deventer wil een autovrij centrum</title>"
            "<meta property='og:site_name' content='Stadskrant Deventer'>")
    [draft] = drafts_from_bytes(page(PARAGRAPHS, head), SOURCE, CONFIG)
    assert draft.article.meta["title"] == "Deventer wil een autovrij centrum"


def test_only_a_date_line_that_reads_as_a_day_dates_a_page() -> None:
    from pipeline.reading.html_source import _understood

    assert _understood("16 juli 2024", CONFIG)
    assert not _understood("1994-20", CONFIG)  # "© 1994-2020 Wordsmith" is no date line


def test_a_page_is_never_dated_after_it_was_scraped() -> None:
    head = ("<title>Deventer wil een autovrij centrum</title>"
            "<link rel='canonical' href='https://www.stadskrant.nl/nieuws/2026/11/05/deventer-autovrij'>")
    [draft] = drafts_from_bytes(page(PARAGRAPHS, head), SOURCE, CONFIG)  # scraped 14 February 2026
    assert not str(draft.article.meta.get("date", "")).startswith("2026-11-05")
    later = SourceInfo(SOURCE.rel, SOURCE.sha256, datetime.fromisoformat("2026-11-20T09:30:00+01:00"),
                       SOURCE.ingested)
    [draft] = drafts_from_bytes(page(PARAGRAPHS, head), later, CONFIG)
    assert str(draft.article.meta["date"]).startswith("2026-11-05")


def test_the_date_beside_the_headline_is_read_from_the_top_of_the_page_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lines above the article's first line of prose hold the date beside its headline: the page's
    text is made only that far, not for all of a long page (a whole flattening of every page before)."""
    from lxml.html import fromstring

    from pipeline.reading import html_source

    made: list[str] = []
    real = html_source.flattened_lines

    def counting(tree: object) -> object:
        for line in real(tree):
            made.append(line)
            yield line

    monkeypatch.setattr(html_source, "flattened_lines", counting)
    prose = "".join(f"<p>Dit is de {n}e alinea van een lang verhaal over de gemeenteraad en de begroting.</p>"
                    for n in range(3000))
    tree = fromstring(f"<html><body><h1>Kop</h1><p>Door Redactie</p><p>di 16 juli 2024, 17:33</p>{prose}"
                      "</body></html>")
    assert html_source._page_date_lines(tree) == [("di 16 juli 2024, 17:33", "di 16 juli 2024, 17:33")]
    assert len(made) < 10
    assert flatten(tree).split("\n")[:4] == ["Kop", "Door Redactie", "di 16 juli 2024, 17:33",
                                             "Dit is de 0e alinea van een lang verhaal over de gemeenteraad en de "
                                             "begroting."]


def test_trafilatura_reads_a_copy_and_leaves_the_pages_tree_as_it_was() -> None:
    """The page's tree is given to trafilatura as it is (trafilatura 2.3 on reads a copy of its own): what it
    prunes for the article and its metadata never reaches the tree the date lines and the page's text are
    read from, on every page its settings are used for."""
    from lxml import etree

    from pipeline.reading.html_source import _extraction_options, _parse, _trafilatura

    text = page(f"<h1>Deventer wil een autovrij centrum</h1><p class='byline'>Door Anna Bakker</p>{PARAGRAPHS}"
                "<div class='comments'><p>Een reactie van een lezer.</p></div>",
                head="<title>Deventer wil een autovrij centrum</title><meta name='author' content='Anna Bakker'>"
                     "<meta property='article:published_time' content='2026-02-12T08:00:00+01:00'>"
                     "<meta name='keywords' content='verkeer, binnenstad'>").decode()
    tree, whole = _parse(text)
    before = etree.tostring(tree)
    for _ in range(2):
        found = _trafilatura(tree)
        assert found is not None
        body, metadata = found
        assert "autovrij" in " ".join(body.itertext()) and metadata.author == "Anna Bakker"
        assert metadata.tags == ["verkeer, binnenstad"] and metadata.date is None  # no date search of its own
        assert etree.tostring(tree) == before
    assert whole and _extraction_options() is _extraction_options()  # the settings are made once
