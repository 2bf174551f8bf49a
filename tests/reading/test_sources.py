"""sources: each raw shape recognised by its own reader, and the fields each one finds."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipeline.model.config import Config
from pipeline.reading.head import split_glued_kicker
from pipeline.reading.items import SourceError
from pipeline.reading.sources import READERS, kicker_labels, read_source

CONFIG = Config(header_keys=("categorie",), kickers=("Zakelijk",))


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ('{"title": "T", "text": "Tekst."}', "json"),
        ('[{"title": "T", "text": "Tekst."}]', "json-list"),
        ('{"title": "A", "text": "Een."}\n{"title": "B", "text": "Twee."}\n', "json-lines"),
        ("---\ntitle: T\n---\nTekst.\n", "markdown"),
        ("# Kop\n\nTekst.\n", "markdown"),
        ("date 2026-02-11 Tekst van de lede.\n", "dump"),
        ("Titel: Iets\nDatum: 11-02-2026\n\nTekst.\n", "header"),
        ("Een kop boven het stuk\nDoor Redactie | 11 februari 2026\n\nTekst.\n", "byline"),
        ("Gewoon een tekst zonder kop of datum. Nog een zin.\n", "plain"),
        ("[Update] De minister heeft gereageerd.\n", "plain"),  # a bracket is not JSON
        ("{Update} De wethouder trekt zich terug uit de raad.\n", "plain"),  # nor is a brace before a word
        ("{ \"title\": \"T\",\n  \"text\": \"Tekst.\" }", "json"),
        ("[\n  {\n    \"title\": \"T\", \"text\": \"Tekst.\"}]", "json-list"),
        ("Let op: dit is geen header, maar een zin.\n\nTekst.\n", "plain"),
    ],
)
def test_each_shape_is_recognised(text: str, shape: str) -> None:
    assert read_source(text, CONFIG)[0].shape == shape


def test_readers_are_registered_most_specific_first() -> None:
    assert [reader.name for reader in READERS] == ["json", "markdown", "dump", "header", "byline", "plain"]


def test_dump_header_keeps_the_rest_of_its_line_for_the_page_reader() -> None:
    [item] = read_source("date 2023-05-17 Wonen Achtergrond APELDOORN - Het college wil bouwen.\n", CONFIG)
    assert item.fields["date"] == "2023-05-17"
    assert "title" not in item.fields
    assert item.body.startswith("Wonen Achtergrond APELDOORN - Het college")


@pytest.mark.parametrize(
    ("line", "kicker", "rest"),
    [
        ("Verkiezingen 2021 De VVD wint.", "Verkiezingen 2021", "De VVD wint."),
        ("Zakelijk Analyse Het mkb groeit.", "Zakelijk Analyse", "Het mkb groeit."),
        ("Wonen wordt duurder in de stad.", "", "Wonen wordt duurder in de stad."),
        ("APELDOORN - Het college", "", "APELDOORN - Het college"),
        ("Het kabinet valt.", "", "Het kabinet valt."),
        ("Column: Met praten wordt het meeste geld verdiend", "", "Column: Met praten wordt het meeste geld verdiend"),
    ],
)
def test_kicker_before_a_lede(line: str, kicker: str, rest: str) -> None:
    assert split_glued_kicker(line, kicker_labels(CONFIG), before_lede=True) == (kicker, rest)


def test_a_wrapped_lede_is_not_a_title() -> None:
    [item] = read_source("date 2024-01-15 Het kabinet wil dat de\nregels strenger worden. Echt.\n", CONFIG)
    assert "title" not in item.fields


def test_byline_fields() -> None:
    text = "Kop van het stuk\nDoor Redactie | 11 februari 2026, 14:05 | Leestijd 3 minuten\n\nDe tekst.\n"
    [item] = read_source(text, CONFIG)
    assert (item.fields["author"], item.fields["date"]) == ("Redactie", "11 februari 2026, 14:05")
    assert item.taken == ["Door Redactie | 11 februari 2026, 14:05 | Leestijd 3 minuten"]
    # The headline stays with the page: its reader decides what above the byline is the title.
    assert item.body.split() == ["Kop", "van", "het", "stuk", "De", "tekst."]


def test_byline_with_author_and_date_after_a_comma() -> None:
    [item] = read_source("Kop van het stuk\nBy Jane Doe, Feb 11, 2026\n\nThe text.\n", CONFIG)
    assert (item.fields["author"], item.fields["date"]) == ("Jane Doe", "Feb 11, 2026")


@pytest.mark.parametrize(("byline", "author", "date"), [
    ("Door Anna Smit op 3 Mar 2019 - 09:15", "Anna Smit", "3 Mar 2019"),
    ("Door Piet op de Berg op 3 maart 2019", "Piet op de Berg", "3 maart 2019"),  # "op" in the name stays
    ("Door Piet op de Berg, 03-03-2019", "Piet op de Berg", "03-03-2019"),
    ("By Anna Smith on March 3, 2019", "Anna Smith", "March 3, 2019"),
    ("Door Anna Smit op vrijdag", "Anna Smit op vrijdag", ""),  # a weekday alone is no date
])
def test_byline_with_author_and_date_after_op_on_or_am(byline: str, author: str, date: str) -> None:
    [item] = read_source(f"Kop van het stuk\n{byline}\n\nDe tekst.\n", CONFIG)
    assert item.fields.get("author", "") == author and item.fields.get("date", "") == date


def test_header_block_fields_provenance_and_extra_keys() -> None:
    text = ("Titel: Iets\nDatum: 11-02-2026\nBron: https://example.nl/a\nAuteur: Piet\nCategorie: Zorg\n---\n"
            "Tekst. Meer.\n")
    [item] = read_source(text, CONFIG)
    assert item.fields == {"title": "Iets", "date": "11-02-2026", "url": "https://example.nl/a", "author": "Piet"}
    assert item.extra == {"categorie": "Zorg"}
    assert item.body == "Tekst. Meer.\n"


def test_header_bron_that_is_a_name_is_an_origin_not_a_url() -> None:
    [item] = read_source("Titel: Iets\nBron: ANP\n\nTekst.\n", CONFIG)
    assert item.fields["origin"] == "ANP" and "url" not in item.fields


def test_markdown_front_matter_kept_and_lenient_when_not_yaml() -> None:
    [item] = read_source("---\ntitle: AI: de collega\ndate: 9 maart 2026\ntags: [A, b]\n---\nTekst.\n", CONFIG)
    assert item.shape == "markdown-lenient"
    assert item.meta == {"title": "AI: de collega", "date": "9 maart 2026", "tags": ["A", "b"]}
    assert item.fields["date"] == "9 maart 2026"
    assert item.body == "Tekst.\n"


def test_markdown_h1_is_the_title() -> None:
    [item] = read_source("# De kop\n\nTekst.\n", CONFIG)
    assert item.fields["title"] == "De kop"
    assert item.body.strip() == "Tekst."


def test_json_item_aliases_nested_values_and_mojibake() -> None:
    text = ('{"headline": {"rendered": "Caf\\u00c3\\u00a9 &amp; co"}, "datePublished": 1770815100, '
            '"articleBody": ["Eerste alinea.", "Tweede alinea."], "author": [{"name": "A"}, {"name": "B"}], '
            '"keywords": ["x", "y"], "inLanguage": "en", "scraped_at": "2026-02-12"}')
    [item] = read_source(text, CONFIG)
    assert item.fields["title"] == "Café &amp; co"  # entities are cleaned later, with the rest
    assert item.fields["date"] == "1770815100"
    assert item.fields["author"] == "A, B"
    assert item.fields["tags"] == "x, y"
    assert item.fields["lang"] == "en"
    assert item.fields["scraped"] == "2026-02-12"
    assert item.body == "Eerste alinea.\n\nTweede alinea."


def test_json_lists_under_a_key() -> None:
    items = read_source('{"articles": [{"text": "Een."}, {"text": "Twee."}]}', CONFIG)
    assert [item.body for item in items] == ["Een.", "Twee."]


ALIAS_BOMB = ("---\ntitle: Lachen\na: &a [x, x, x, x, x, x, x, x, x]\n"
              + "".join(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}' if n else '*a'] * 9)}]\n" for n in range(8))
              + "---\nTekst.\n")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"title": "x", "text": "afgebr', "is not valid JSON"),
        ('{"text": "ok"}\n{"text": "ok"}\n{broken\n', "line 3 is not valid JSON"),
        ('{"text": "ok"}\n{"title": "geen tekst"}\n', "line 2 has no article text"),
        ('{"title": "Alleen een kop"}', "has no article text"),
        ("[]", "no items"),
        ('[{"text": "ok"}, 2]', "item 2 is not a JSON object"),
        ('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ("---\ntitle: x\n\nnooit gesloten\n", "never closed"),
        (ALIAS_BOMB, r"\[yaml-alias\] .*anchors and aliases"),
        ("---\ntitle: Kop\nweight: " + "9" * 5000 + "\n---\nTekst.\n", r"\[yaml-number\] line 3"),
        # Not YAML (a colon in the title), so read as key: value lines: an anchor or alias is YAML's, and refused.
        ("---\ntitle: AI: de collega\nx: &w [1, 2]\n---\nTekst.\n", r"\[yaml-alias\] line 3"),
        ("---\ntitle: AI: de collega\ny: *w\n---\nTekst.\n", r"\[yaml-alias\] line 3"),
    ],
)
def test_broken_shapes_give_a_reason(text: str, reason: str) -> None:
    with pytest.raises(SourceError, match=reason):
        read_source(text, CONFIG)


@pytest.mark.parametrize("title", [
    "Commissie Ruimte en Wonen - woensdag 18 mei 2022 14.30 uur",
    "Nieuwe wethouders treden aan | 2 januari 2019",
])
def test_a_title_with_its_date_under_a_label_is_no_byline(title: str) -> None:
    """A line of a few words beside a date, and no author: the page's title with the date of its meeting or
    item, kept for the page reader (a byline's line is taken out of the text whole)."""
    [item] = read_source(f"Agenda\n{title}\n\nDe vergadering begint met de vaststelling van de agenda.\n", CONFIG)
    assert item.shape == "plain" and title in item.body and not item.taken


@pytest.mark.parametrize(("byline", "date"), [
    ("Door Redactie | 11 februari 2026 | Binnenland", "11 februari 2026"),  # a section label: one word
    ("22/09/16 om 11:59 - Bijgewerkt om 18:11", "22/09/16 om 11:59"),  # its other part has figures
    ("Gemeente Dijkdorp - 3 maart 2024", "3 maart 2024"),  # a sender of two words
])
def test_a_byline_with_a_short_part_besides_its_date_stays_a_byline(byline: str, date: str) -> None:
    [item] = read_source(f"Kop van het stuk\n{byline}\n\nDe tekst van het stuk.\n", CONFIG)
    assert item.shape == "byline" and item.fields["date"] == date and item.taken == [byline]


@pytest.mark.parametrize("heading", ["Van de pastoor: Vier nieuwe parochianen", "Van de bestuurstafel.",
                                     "Van de directie:"])
def test_a_column_s_heading_from_someone_is_no_byline(heading: str) -> None:
    """ "Van ..." with no date, ending in a colon or a full stop or going on after one: a column's heading,
    kept for the page reader, never an author."""
    [item] = read_source(f"31 maart 2016\n{heading}\n\nBeste parochianen, de Goede Week staat voor de deur.\n", CONFIG)
    assert item.shape == "plain" and heading in item.body and "author" not in item.fields


@pytest.mark.parametrize(("byline", "author"), [("Van onze verslaggever", "onze verslaggever"),
                                                ("Door: Jan de Vries", "Jan de Vries")])
def test_a_byline_without_a_date_still_names_its_author(byline: str, author: str) -> None:
    [item] = read_source(f"Kop van het stuk\n{byline}\n\nDe tekst van het stuk.\n", CONFIG)
    assert item.shape == "byline" and item.fields["author"] == author


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzé", min_size=3, max_size=10)


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORD, min_size=3, max_size=8), st.sampled_from([" - ", " | ", " • "]),
       st.sampled_from(["18 mei 2022", "woensdag 3 maart 2021 14.30 uur", "12-05-2023", "Wednesday, 18th May, 2022"]))
def test_a_title_beside_its_date_never_leaves_the_text(words: list[str], bar: str, date: str) -> None:
    assume(words[0] not in ("door", "van", "tekst", "auteur", "author", "geschreven", "written"))  # a byline's lead
    title = " ".join([words[0].capitalize(), *words[1:]])
    [item] = read_source(f"Agenda\n{title}{bar}{date}\n\nDe vergadering begint om half drie in de raadzaal.\n", CONFIG)
    assert title in item.body and "author" not in item.fields
