"""A document's parties and letterhead: who appears for whom before a court, people with their roles, a court's name
alone and a case's numbers are never a document's title nor one of its sub-headings; an abbreviation's full stop
ends no sentence of a title. Made-up lines only."""

from __future__ import annotations

import time

import pytest

from pipeline.model.config import Config
from pipeline.reading.documents import (
    document_header,
    is_case_number,
    is_counsel_line,
    is_court_banner,
    is_name_line,
    is_never_heading,
    is_who_was_there,
)
from pipeline.reading.draft import compose_body
from pipeline.reading.extract import title_from_lede
from pipeline.reading.headline_choice import _document_title_first
from pipeline.reading.lines import Kind, PageLine
from pipeline.reading.rulings import labels_head_parts
from pipeline.reading.text import split_sentences

CONFIG = Config(languages=("nl", "en", "de"), default_language="nl")


@pytest.mark.parametrize("line", [
    "For the Appellant |",
    "For the Second Respondent",
    "MR ALAN GREY (of Counsel) Direct Access |",
    "Anna Pike (instructed by Brook & Co LLP) for the First Claimant",
    "Mr B Holt (of Counsel) Instructed by: Messrs Fenn Solicitors 12 Mill Lane |",
    "Mr Tom Reed for Daniel Ash",
    "HIS HONOUR JUDGE MARLOW",
    "JUDGE K FENWICK QC",
    "Lord Justice Harding:",
    "Ms Clara Voss QC",
])
def test_who_appears_for_whom_before_a_court(line: str) -> None:
    assert is_counsel_line(line)
    assert is_who_was_there(line) and is_name_line(line) and is_never_heading(line)


@pytest.mark.parametrize("line", [
    "Voorzitter: mevrouw mr. K.L. Berends-Vos",
    "Griffier: Piet Hollander",
    "In Attendance: Ruth Moss Parish Clerk",
    "Jan Verbeke (ondervoorzitter, burgemeester Hulst)",
    "Sanne Wouters (zonecommandant)",
    "Tom Peeters (burgemeester Lier)",
    "Bart Claes, Ilse Maes, Joris Smet, Lien Aerts, schepenen",
])
def test_people_with_their_roles_are_never_headings(line: str) -> None:
    assert is_name_line(line) and is_who_was_there(line) and is_never_heading(line)


@pytest.mark.parametrize("line", [
    "The lawyer for the appellant said the ruling was wrong",
    "Judge rules in favour of the tenants",
    "Judge Dredd returns",
    "Voorzitter: nieuwe regels voor de raad",
    "Stemming over de begroting (voorzitter)",
    "Wat doet de rechter?",
    "Griffier",
    "Nieuwe voorzitter voor de raad",
    "1. Opening",
    "Appeal of the Respondent dismissed",
])
def test_headings_and_headlines_are_no_parties(line: str) -> None:
    assert not is_counsel_line(line)
    assert not is_who_was_there(line)


@pytest.mark.parametrize("line", [
    "Centrale Raad van Beroep", "Rechtbank Midden-Holland", "Oberverwaltungsgericht Sachsen", "Landgericht Trier:",
    "Ministerie van Financiën", "ARBEIDSHOF TE GENT", "Raad van State", "Gerechtshof Arnhem-Leeuwarden",
])
def test_a_courts_name_alone_is_its_letterhead(line: str) -> None:
    assert is_court_banner(line) and is_never_heading(line)


@pytest.mark.parametrize("line", [
    "Rechtbank veroordeelt man tot celstraf", "Gerechtshof Den Haag bevestigt vonnis", "Het hof", "Court: High Court",
    "Raad van State kritisch over wetsvoorstel", "Ministerie", "Hof van Twente", "Het Hof van Eden",
])
def test_a_headline_about_a_court_is_no_letterhead(line: str) -> None:
    assert not is_court_banner(line)


@pytest.mark.parametrize("line", [
    "123456 / CV EXPL 24-789", "AWB 20/1234 en AWB 20/1235", "(LG Trier: Urteil v. 02.05.2014, Az.: 6 O 17/13)",
    "SC12/21",
])
def test_a_cases_numbers_alone(line: str) -> None:
    assert is_case_number(line)


@pytest.mark.parametrize("line", [
    "HR, 20-12-2031, nr. 21/04870", "COVID 19", "EK 2024", "2024-2025", "Begroting 2024/2025",
    "(zie ook de bijlage)", "",
])
def test_lines_that_are_no_case_numbers(line: str) -> None:
    assert not is_case_number(line)


@pytest.mark.parametrize("line", [
    "(" * 300 + "Az." + ")" * 300,
    "Mr " + "A " * 5_000 + "for the appellant",
    "A" * 10_000 + " (of Counsel)",
    "Rechtbank " + "Noord " * 5_000,
    "1/2 " * 10_000,
    "Voorzitter: " + "mr. " * 3_000 + "Bos",
    "Jan Smit, " * 3_000 + "schepenen",
])
def test_a_hostile_line_is_judged_quickly(line: str) -> None:
    started = time.process_time()  # processor time, not the wall clock: a busy machine fails nothing
    is_counsel_line(line)
    is_court_banner(line)
    is_case_number(line)
    is_name_line(line)
    is_never_heading(line)
    assert time.process_time() - started < 2.0


@pytest.mark.parametrize("first", [
    "Rechtbank Midden-Holland", "Centrale Raad van Beroep", "Mr Tom Reed (of Counsel)", "For the Appellant |",
    "123456 / CV EXPL 24-789",
])
def test_a_courts_letterhead_counsel_or_case_number_is_never_the_headline(first: str) -> None:
    text = "\n".join([
        first, "",
        "De rechtbank oordeelt dat het college de aanvraag om een omgevingsvergunning ten onrechte heeft geweigerd.",
        "Het besluit wordt vernietigd en het college moet binnen zes weken een nieuw besluit nemen op de aanvraag.",
    ])
    assert compose_body(text, CONFIG, want_headline=True).page.headline == ""


@pytest.mark.parametrize(("text", "first"), [
    ("Schending van § 4a Abs. 2 BauGB door den Bebauungsplan. Die Klage hat Erfolg.",
     "Schending van § 4a Abs. 2 BauGB door den Bebauungsplan."),
    ("Zie HR 1 april 2031, NJ 2031/12, m.nt. Jansen. De klacht faalt.",
     "Zie HR 1 april 2031, NJ 2031/12, m.nt. Jansen."),
    ("Schending van art. 6 EVRM. Het hof vernietigt.", "Schending van art. 6 EVRM."),
    ("Dat staat in de Satzung, Ziff. 3 und Rn. 12. Mehr nicht.", "Dat staat in de Satzung, Ziff. 3 und Rn. 12."),
])
def test_an_abbreviations_full_stop_ends_no_sentence(text: str, first: str) -> None:
    assert split_sentences(text)[0] == first


def test_a_title_from_the_lede_runs_past_an_abbreviation() -> None:
    lede = "Verstoß gegen § 146 Abs. 4 S. 3 VwGO bei der Begründung der Beschwerde. Die Beschwerde bleibt erfolglos."
    assert title_from_lede(lede, 120).value == "Verstoß gegen § 146 Abs. 4 S. 3 VwGO bei der Begründung der Beschwerde"


@pytest.mark.parametrize(("line", "header"), [
    ("Sitzungsort: im Rathaus, Saal 2", "sitzungsort"),
    ("Beginn der Sitzung: 19.00 Uhr", "beginn der sitzung"),
    ("Indiener(s): A. de Wit (minister van Financiën)", "indiener(s)"),
    ("Indiendatum: mrt. 2031", "indiendatum"),
    ("Neutral Citation Number: [2031] EWCA Civ 12", "neutral citation number"),
    ("Cite as: [2031] 1 WLR 100", "cite as"),
    ("00:02:09 - 00:05:07 - Piet Bos", "speaker's time in the video"),
    ("00:00:03 - 00:02:09 - K. (Kees) de Groot, voorzitter", "speaker's time in the video"),
])
def test_a_documents_header_lines_read_after_the_model(line: str, header: str) -> None:
    assert document_header(line, after_the_model=True) == header
    assert document_header(line) is None  # the first pass, which the line model learns from, knows them not


@pytest.mark.parametrize("line", [
    "Vorsitzende des Vereins wählen den Vorstand", "Cite as you like", "00:02:09 is de tijd van de start",
    "De indiener van het voorstel: de heer Smit",
])
def test_lines_that_are_no_header_after_the_model(line: str) -> None:
    assert document_header(line, after_the_model=True) is None


def test_a_rulings_labels_head_its_parts_where_two_stand_alone() -> None:
    blocks = [(Kind.TEXT, "Leitsatz"), (Kind.TEXT, "Ein Satz des Leitsatzes."), (Kind.TEXT, "Tenor:"),
              (Kind.TEXT, "Die Beschwerde wird zurückgewiesen."), (Kind.TEXT, "Gründe"), (Kind.TEXT, "I."),
              (Kind.TEXT, "Die Antragstellerin begehrt ..."), (Kind.TEXT, "UITSPRAAK"), (Kind.TEXT, "Der Rest.")]
    kinds = [kind for kind, _block in labels_head_parts(blocks)]
    assert kinds == [Kind.HEADING, Kind.TEXT, Kind.HEADING, Kind.TEXT, Kind.HEADING, Kind.HEADING, Kind.TEXT,
                     Kind.TEXT, Kind.TEXT]


def test_one_label_alone_heads_nothing_by_this_rule() -> None:
    blocks = [(Kind.TEXT, "Samenvatting"), (Kind.TEXT, "De raad besluit het volgende."), (Kind.TEXT, "I."),
              (Kind.TEXT, "Meer tekst.")]
    assert labels_head_parts(blocks) == blocks


def test_a_label_that_ends_the_page_heads_nothing() -> None:
    blocks = [(Kind.TEXT, "Tenor"), (Kind.TEXT, "Der Antrag wird abgelehnt."), (Kind.TEXT, "Gründe")]
    assert [kind for kind, _block in labels_head_parts(blocks)] == [Kind.HEADING, Kind.TEXT, Kind.TEXT]


@pytest.mark.parametrize(("kind_line", "chosen_line", "title"), [
    # the decision's kind and who made it give way to its subject
    ("Besluit  Gemeenteraad", "Goedkeuring van het reglement voor subsidies aan verenigingen", 2),
    ("Besluit Vast Bureau", "Aanstelling van een nieuwe directeur voor de bibliotheek", 2),
    ("Beslissing College van Burgemeester en Schepenen", "Aanstelling van een nieuwe directeur voor de bibliotheek", 2),
    # a meeting's date and time under the minutes' title: the minutes' title stands
    ("Notulen gemeenteraad", "ma 24/01/2031 - 19:00 Digitale zitting", 0),
    # a subject of three words is no subject by this rule
    ("Besluit Gemeenteraad", "Verkeersplan centrum", 0),
    # a kind with more than its maker ("Besluit over de parkeertarieven") is the title
    ("Besluit over de parkeertarieven 2031", "Wat verandert er voor bewoners van het centrum", 0),
])
def test_a_decisions_kind_and_maker_over_its_subject(kind_line: str, chosen_line: str, title: int) -> None:
    candidates = [PageLine(kind_line, 0), PageLine("di 05/09/2031 - 20:30", 1), PageLine(chosen_line, 2)]
    assert _document_title_first(candidates, 2) == title
