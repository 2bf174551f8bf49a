"""Documents that are not news stories: letters wrapped at a fixed width, lists of names."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model.config import Config
from pipeline.reading.documents import document_header, is_name_line, is_never_heading, join_wrapped_lines, wrap_width
from pipeline.reading.draft import Body, compose_body
from pipeline.reading.subheadings import is_numbered_section, section_depth
from pipeline.reading.text import DANGLING_WORDS

CONFIG = Config(languages=("nl", "en"), default_language="nl")


def read(*paragraphs: str, want_headline: bool = False) -> Body:
    """A document of these paragraphs, a blank line between each, read as ingest reads a body."""
    return compose_body("\n\n".join(paragraphs), CONFIG, want_headline=want_headline)

# A letter to parliament as a PDF gives it: lines cut near 85 characters, paragraphs not separated.
LETTER = [
    "Brief regering : Stand van zaken bij de waterschapsverkiezingen",
    "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
    "Den Haag, 3 maart 2025",
    "Met deze brief informeer ik uw Kamer over de stand van zaken bij de voorbereiding van",
    "de waterschapsverkiezingen in maart. De meeste waterschappen liggen goed op schema en",
    "hebben hun stembureaus en tellers op tijd gevonden, zoals ik eerder al had verwacht.",
    "Voorbereiding van de stembureaus",
    "In twintig waterschappen vinden de verkiezingen tegelijk plaats met die van de provincies.",
    "Drie waterschappen hebben hun gebied in het afgelopen jaar opnieuw ingedeeld en verkiezen.",
    "Het ministerie van Binnenlandse Zaken staat in nauw contact met de besturen van",
    "die waterschappen en helpt hen met het vinden van voldoende leden voor de stembureaus.",
    "Zo organiseert het ministerie wekelijks een spreekuur waar de besturen terecht kunnen",
    "met hun vragen over de organisatie van de dag zelf en het tellen van de stemmen daarna.",
    "Vraag 1",
    "Bent u bekend met het bericht dat niet alle stembureaus op tijd open zullen zijn?",
]


def test_a_letter_wrapped_at_a_fixed_width_is_joined_into_its_paragraphs() -> None:
    joined = join_wrapped_lines("\n".join(LETTER)).split("\n")
    assert ("Het ministerie van Binnenlandse Zaken staat in nauw contact met de besturen van die waterschappen en "
            "helpt hen met het vinden van voldoende leden voor de stembureaus.") in joined
    # a capital after a line break may open a heading; a full stop ends a line as the writer did
    assert "Vraag 1" in joined
    assert "Voorbereiding van de stembureaus" in joined
    assert LETTER[6] in joined and LETTER[7] in joined


def test_a_wrapped_line_of_a_letter_is_no_sub_heading() -> None:
    body = compose_body("\n".join(LETTER), CONFIG)
    # not "Zo organiseert het ministerie wekelijks een spreekuur waar de besturen terecht kunnen"
    assert body.headings == ["Voorbereiding van de stembureaus", "Vraag 1"]
    assert ("Zo organiseert het ministerie wekelijks een spreekuur waar de besturen terecht kunnen met hun "
            "vragen over") in body.markdown


def test_a_news_story_with_a_paragraph_a_line_is_not_rejoined() -> None:
    story = "\n".join([
        "Brand in loods aan de Industrieweg",
        "In een loods aan de Industrieweg in Sneek is zondag een grote brand uitgebroken die de hele nacht duurde.",
        "De brandweer was met vijf wagens ter plaatse en had het vuur na drie uur onder controle, meldt de regio.",
        "mensen in de buurt moesten ramen en deuren sluiten vanwege de rook",
        "Niemand raakte gewond.",
    ])
    assert wrap_width(story.split("\n")) is None
    assert join_wrapped_lines(story) == story


def test_names_with_their_roles_are_no_sub_headings() -> None:
    body = read(
        "Notulen van de gemeenteraad van 12 februari 2024",
        "Samenstelling",
        "Aanwezig",
        "Anna de Vries, voorzitter; Bart Jansen, Schepen; Carla Peeters, Raadslid",
        "Secretaris",
        "Dirk Willems, Algemeen directeur",
        "Agendapunten",
        "De raad keurt de notulen van de vorige zitting goed zonder opmerkingen van de leden.",
        "Stemming op het agendapunt",
        "De raad stemt met algemene stemmen in met het voorstel van het college van schepenen.",
    )
    assert "Dirk Willems, Algemeen directeur" not in body.headings
    assert "Anna de Vries, voorzitter; Bart Jansen, Schepen; Carla Peeters, Raadslid" not in body.headings
    assert "Dirk Willems, Algemeen directeur" in body.markdown  # kept as text, not lost
    assert "Agendapunten" in body.headings


@pytest.mark.parametrize("line", [
    "Johan Peeters, Raadslid",
    "Ivo Claes, Algemeen directeur",
    "Benny Smets, 2de Schepen; Jozef Roels, Raadslid",
    "Luc Kuipers, adjunct-algemeendirecteur",
    "De voorzitter van de commissie, Tielen",
    "De adjunct-griffier van de commissie, Kruithof",
    "Aanwezig: Jan Hofstra (voorzitter)",
    "Afwezig met kennisgeving: Caspar Bron",
    "Present: President Adams, Trustees Conti and Gibbs",
    "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
    "Jelle Peeters (N-VA)", "Marieke de Vries (Open Vld)", "Sophie van der Berg (CDA)",
])
def test_name_lines(line: str) -> None:
    assert is_name_line(line)


@pytest.mark.parametrize("line", [
    "Voorzitter", "Samenstelling", "Aanleiding en voorgeschiedenis", "Wat doet de burgemeester, voorzitter?",
    "Artikel 2. Definities", "1. Opening", "Nieuwe voorzitter voor de raad", "Aanwezig",
    "Gedeeltelijke lockdown (14 oktober)", "Wat vindt de raad (en wat de burgemeester)?",
])
def test_headings_are_no_name_lines(line: str) -> None:
    assert not is_name_line(line)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abcAB .,:;\n-", max_size=120), max_size=30))
def test_joining_wrapped_lines_never_changes_a_word(lines: list[str]) -> None:
    text = "\n".join(lines)
    joined = join_wrapped_lines(text)
    assert joined.split() == text.split()
    assert joined.count("\n") <= text.count("\n")


@pytest.mark.parametrize("line", [
    "A" + " A" * 20_000 + ",",
    "Aan de voorzitter " + "a " * 20_000 + ",",
    "Jan" + ", Jan Peeters" * 5_000 + "!",
    "De voorzitter van " + "x " * 50_000,
    "Jan " * 60 + "(" + "A-" * 150 + ")",
])
def test_a_hostile_line_is_judged_quickly(line: str) -> None:
    started = time.process_time()  # processor time, not the wall clock: a busy machine fails nothing
    is_name_line(line)
    join_wrapped_lines("\n".join([line] * 20))
    assert time.process_time() - started < 2.0


def test_a_line_of_figures_is_no_sub_heading() -> None:
    body = read(
        "Jaarverslag over het boekjaar van de stichting",
        "De opbrengsten van de stichting stegen vorig jaar, zoals de tabel hieronder laat zien.",
        "Opbrengsten",
        "14.179",
        "6.5",
        "De kosten bleven gelijk aan die van het jaar daarvoor, ondanks de hogere prijzen.",
    )
    assert "14.179" not in body.headings and "6.5" not in body.headings
    assert "14.179" in body.markdown


MINUTES = "\n".join([
    "Dorpsraad Westerhoek", "", "Verslag van de bestuursvergadering van dinsdag 7 maart 2031", "",
    "Aanwezig: Pieter de Boer (voorzitter)", "Anna Visser", "Karel Mulder", "Sanne de Jong", "",
    "1. Opening", "Pieter heet iedereen “welkom”.", "",
    "2. Vaststellen van de agenda", "Niemand heeft iets toe te voegen, de agenda wordt ongewijzigd vastgesteld.", "",
    "3. Speeltuin", "De nieuwe speeltoestellen worden in april geplaatst; de gemeente betaalt de helft van de kosten.",
])


def test_minutes_keep_who_was_there_and_head_their_numbered_points() -> None:
    """The names under "Aanwezig:" are the minutes' own list (no bylines under the headline), and "1. Opening"
    heads its point as "2. ..." does (no label under the headline)."""
    body = compose_body(MINUTES, CONFIG, want_headline=True)
    for name in ("Anna Visser", "Karel Mulder", "Sanne de Jong"):
        assert name in body.markdown
    assert body.headings[:3] == ["1. Opening", "2. Vaststellen van de agenda", "3. Speeltuin"]


PROPOSAL = """Raadsvoorstel over de subsidieregeling

2.1 Aanleiding van het voorstel

De raad heeft in maart gevraagd om een nieuwe regeling voor de subsidies aan verenigingen in de gemeente.

2.2 Kosten van de regeling

De kosten van de regeling worden gedekt uit de algemene middelen en passen binnen de begroting van dit jaar.

2.3 Gevolgen voor de inwoners

Voor de inwoners verandert er weinig, want de aanvraag blijft even eenvoudig als tot nu toe het geval was.
"""


def test_a_documents_numbered_section_heads_are_its_sub_headings() -> None:
    """ "2.1 Aanleiding van het voorstel": a numbered section head of a series is a heading, whatever the model
    makes of the first one (under the title, before any prose)."""
    body = compose_body(PROPOSAL, CONFIG, want_headline=True)
    assert body.headings == ["2.1 Aanleiding van het voorstel", "2.2 Kosten van de regeling",
                             "2.3 Gevolgen voor de inwoners"]


@pytest.mark.parametrize("line", ["1. Inleiding", "Artikel 2. Definities", "2.3 Kosten van de regeling", "5) Minutes",
                                  "TOP 4 Bericht über Beschlüsse", "IV. Beslissing", "Agendapunt 3. Rondvraag"])
def test_numbered_section_heads(line: str) -> None:
    assert is_numbered_section(line)


@pytest.mark.parametrize("line", ["1. De voorzitter opent de vergadering.", "2. de gemeente betaalt",
                                  "1 stichting Vredesbeweging te Utrecht,", "12 mensen raakten gewond", "3 days ago",
                                  "2024 was een goed jaar"])
def test_numbered_points_that_are_no_section_heads(line: str) -> None:
    assert not is_numbered_section(line)


@given(st.text(alphabet="1.) IVXivxArtikelTOP§aB\n", max_size=400))
def test_a_section_number_is_judged_quickly(line: str) -> None:
    started = time.process_time()
    is_numbered_section(line * 20)
    assert time.process_time() - started < 0.5


def test_a_row_of_a_table_never_heads_a_part() -> None:
    body = read("De ranglijst van dit seizoen is bekend en er zijn weinig verrassingen te zien bij de grote clubs.",
                "Plaats | Club | Punten |",
                "FC Utrecht staat bovenaan met vier punten voorsprong op de nummer twee, die een wedstrijd minder "
                "speelde.")
    assert "Plaats | Club | Punten |" in body.markdown
    assert body.headings == []


@pytest.mark.parametrize(("line", "header"), [
    ("Vergaderdatum: 4 juli 2031.", "vergaderdatum"), ("Ons kenmerk: 2031-0012345", "ons kenmerk"),
    ("Onderwerp: Goedkeuring notulen", "onderwerp"), ("Geldend van 01-01-2031 t/m heden", "geldend van"),
    ("36 123 Wijziging van de Wet op het onderwijstoezicht", "dossier"), ("Aktenzeichen: 6 K 575/03", "aktenzeichen"),
    ("Venue: Council Chamber - Town Hall", "venue"), ("Beslissingen: Gegrond, berisping", "beslissingen"),
])
def test_a_documents_header_lines(line: str, header: str) -> None:
    assert document_header(line) == header


@pytest.mark.parametrize("line", [
    "Het onderwerp: de nieuwe speeltuin", "12 000 Mensen kwamen naar de markt.", "Nummer 14 van de lijst",
    "Contact", "Geldend recht is wat de rechter zegt.", "Onderwerp: " + "x" * 500,
])
def test_text_is_no_documents_header(line: str) -> None:
    assert document_header(line) is None


def test_a_letters_header_is_metadata_not_its_first_paragraph() -> None:
    text = "\n".join([
        "Kamerbrief over de inspectie", "",
        "Ons kenmerk: 2031-0012345", "Onderwerp: Toezicht op het onderwijs",
        "Hierbij stuur ik u het jaarverslag van de inspectie, zoals ik in het debat van maart heb toegezegd.",
        "Het verslag laat zien dat de kwaliteit van het onderwijs op de meeste scholen voldoende is.",
    ])
    body = compose_body(text, CONFIG, want_headline=True)
    assert "kenmerk" not in body.markdown and "Onderwerp" not in body.markdown
    assert body.paragraphs[0].startswith("Hierbij stuur ik u")
    assert {removed.reason for removed in body.page.removed} >= {"document header (ons kenmerk)",
                                                                  "document header (onderwerp)"}


def test_a_rulings_caption_is_its_title_not_its_metadata() -> None:
    """ "ECLI:... Regionaal Tuchtcollege ... Zwolle 281/2030" over the ruling is its caption; the bare
    identifier in the metadata block is metadata."""
    caption = "ECLI:NL:TGZRZWO:2031:1 Regionaal Tuchtcollege voor de Gezondheidszorg Zwolle 281/2030"
    text = "\n".join([
        caption, "", "ECLI", "ECLI:NL:TGZRZWO:2031:1", "Datum uitspraak", "01-02-2031", "Datum publicatie",
        "03-02-2031", "Zaaknummer", "281/2030", "",
        "Inhoudsindicatie: klacht tegen een radioloog over een onderzoek dat te laat werd gedaan, ongegrond.",
        "Het college oordeelt dat de radioloog de zorg heeft verleend die van een redelijk handelend arts mocht "
        "worden verwacht, en wijst de klacht daarom in alle onderdelen af.",
    ])
    page = compose_body(text, CONFIG, want_headline=True).page
    removed = {item.line for item in page.removed}
    assert caption not in removed
    assert "ECLI:NL:TGZRZWO:2031:1" in removed


# Minutes that list their agenda, then treat each point under its number.
AGENDA_AND_POINTS = (
    "Besluitenlijst van de raadsvergadering van 12 maart 2024",
    "Agenda",
    "1. Opening en mededelingen\n2. Vaststelling van de agenda\n3. Verordening afvalstoffenheffing 2024",
    "1. Opening en mededelingen",
    "De voorzitter opent de vergadering om 19.30 uur en heet iedereen van harte welkom in de raadszaal.",
    "2. Vaststelling van de agenda",
    "De agenda wordt zonder wijzigingen vastgesteld door de raad, na een korte vraag van de heer Smit.",
    "3. Verordening afvalstoffenheffing 2024",
    "De raad stemt in met de verordening. De fracties van de oppositie stemmen tegen het voorstel.",
)


def test_the_points_of_a_numbered_list_are_no_section_heads() -> None:
    """The agenda's points, one under the other, head no text of their own; the same numbers over the text
    of each point do."""
    body = read(*AGENDA_AND_POINTS)
    assert body.headings == ["1. Opening en mededelingen", "2. Vaststelling van de agenda",
                             "3. Verordening afvalstoffenheffing 2024"]
    assert "1. Opening en mededelingen\n2. Vaststelling van de agenda" in body.markdown


@pytest.mark.parametrize(("line", "depth"), [("2. Kosten", 0), ("2.3 Beheer van de wegen", 1), ("IV. Beslissing", 0),
                                             ("Artikel 2. Definities", 0), ("De raad besluit.", None)])
def test_the_depth_of_a_section_number(line: str, depth: int | None) -> None:
    assert section_depth(line) == depth


def test_a_section_with_its_subsections_keeps_its_head() -> None:
    body = read(
        "Jaarverslag van de rekenkamer over 2023",
        "De rekenkamer deed dit jaar drie onderzoeken naar de uitgaven van de gemeente en haar verbonden partijen.",
        "2. Kosten",
        "2.1 Beheer van de wegen",
        "De kosten van het beheer van de wegen stegen met tien procent, vooral door duurdere materialen.",
        "2.2 Groenonderhoud",
        "Het groenonderhoud bleef binnen de begroting, omdat de gemeente minder maaide dan gepland.",
    )
    assert body.headings[:2] == ["2. Kosten", "2.1 Beheer van de wegen"]


@given(st.text(min_size=1, max_size=80).filter(lambda text: text.strip()), st.sampled_from([",", ";"]))
def test_a_line_ending_on_a_comma_or_semicolon_is_never_a_heading(text: str, end: str) -> None:
    assert is_never_heading(text.strip() + end)


@given(st.text(alphabet=st.characters(categories=("L", "Zs")), min_size=1, max_size=60).filter(str.strip),
       st.sampled_from(sorted(DANGLING_WORDS)))
def test_a_line_ending_on_a_word_that_goes_on_before_a_colon_is_never_a_heading(text: str, word: str) -> None:
    # "Dit betekent dat:", "Wij vragen het college om:": the sentence goes on in the list below
    assert is_never_heading(f"{text.strip()} {word}:")


@pytest.mark.parametrize(("line", "never"), [
    ("Dit betekent dat:", True),
    ("Following in depth discussion it was:", True),
    ("Wethouder Verkampen verklaarde het volgende:", True),
    ("Councillors declared interests as follows:", True),
    ("Meine sehr geehrten Damen und Herren,", True),
    ("Councillors declared interests as follows in the register:", True),
    ("Feiten op een rij:", False),
    ("Ander nieuws uit de nacht:", False),
    ("Wat doet het kabinet?", False),
    ("Aanwezig", True),
    ("Entschuldigt waren:", True),
])
def test_a_sentence_that_opens_what_follows_is_no_heading(line: str, never: bool) -> None:
    assert is_never_heading(line) == never
