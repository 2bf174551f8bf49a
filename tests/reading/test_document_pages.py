"""Documents read whole: minutes that list who was there, a regulation's block of particulars above its text.
Such a page flattened by a scraper has no one run of prose amid furniture, as a news page has: none of its text
is cut for where it stands, and a list of names is never its headline."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model.config import Config
from pipeline.reading import line_model
from pipeline.reading.documents import is_name_line, lists_who_was_there, names_a_document
from pipeline.reading.draft import SourceInfo, drafts_from_bytes
from pipeline.reading.page import read_page
from pipeline.reading.run_of_text import is_whole_page
from tests.reading.line_model_stub import model_gives

CONFIG = Config(languages=("nl", "en"), default_language="nl")
WHEN = datetime(2026, 1, 1, tzinfo=UTC)

NAMES = ("Ans Smit, Voorzitter; Piet Bos, Burgemeester; Kees Dekker, Eerste schepen; Lies Jansen, Tweede schepen; "
         "Henk Mulder, 1ste schepen/voorzitter Bijzonder Comité Sociale Dienst; Fatima El Amrani; "
         "Joris Van den Broeck; Sanne de Graaf, Raadslid; Tom Claes, Raadslid; Mark Peeters, Algemeen directeur")
ITEMS = ["2024_GR_00031 - Verslag van de vorige zitting - Goedkeuring",
         "2024_GR_00032 - Sportpark De Berken - Nieuw gebruiksreglement - Goedkeuring",
         "2024_GR_00033 - Fietsstraat Kerkweg - Aanvullend verkeersreglement - Goedkeuring",
         "2024_GR_00034 - Speelplein Ter Heide - Presentatie - Kennisneming",
         "2024_GR_00035 - Brandweerzone Midden - Dotatie 2024 - Goedkeuring"]
# Minutes as a council's site shows them, flattened whole: who was there, then each agenda item with its result.
MINUTES = ["Terug", "Gepubliceerd op 14/03/2024", "Notulen  Gemeenteraad", "di 12/03/2024 - 20:00 Raadzaal",
           "Samenstelling", "Aanwezig", NAMES, "Verontschuldigd", "Joke de Wit, Derde schepen", "Secretaris",
           "Mark Peeters, Algemeen directeur", "Voorzitter", "Ans Smit, Voorzitter", "Agendapunten"]
for _number, _item in enumerate(ITEMS, 1):
    MINUTES += [f"{_number}.", _item, "Goedgekeurd", f"{_number}.", _item, _item]




@pytest.fixture
def rules_alone() -> Iterator[None]:
    with line_model.using(None, frozenset()):
        yield


def title_of(text: str) -> str:
    draft = drafts_from_bytes(text.encode(), SourceInfo("raw/notulen.txt", "0" * 64, WHEN, WHEN), CONFIG)[0]
    return str(draft.article.meta["title"])


# --- who was there, one after the other ---------------------------------------------------------------------


@pytest.mark.parametrize("line", [
    NAMES,
    "Christine Peeters, voorzitter; Mathias De Smet, burgemeester; Filip Wauters, schepen",
    "Jan de Vries; Mieke van Dam; Karel Jacobs, secretaris",
])
def test_who_was_there_one_after_the_other_is_a_list_of_names(line: str) -> None:
    assert is_name_line(line)


@pytest.mark.parametrize("line", [
    "De raad keurt het verslag goed; de wethouder licht het voorstel toe; het college volgt het advies",
    "Piet Bos, Burgemeester; de vergadering wordt om 22.15 uur gesloten door de voorzitter; daarna volgt de borrel",
    "Ans Smit, voorzitter; Piet Bos",  # two: a list of two names is no list of who was there
])
def test_a_line_cut_by_semicolons_that_is_no_list_of_names(line: str) -> None:
    assert not is_name_line(line)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="AaBb ,;.-/1'", max_size=3000))
def test_a_list_of_names_is_judged_whatever_the_line(line: str) -> None:
    assert is_name_line(line) in (True, False)


@pytest.mark.parametrize("line", [
    "; ".join(["Ans Van De Ter Den Smit, " + "voorzitter " * 8] * 150),
    ";" * 3_999,
    "; ".join(["A " * 300 + "a"] * 6),
    "; ".join(["Jan" + " Jan" * 40 + ", x"] * 90),
])
def test_a_hostile_list_of_names_is_judged_quickly(line: str) -> None:
    started = time.process_time()  # processor time, not the wall clock: a busy machine fails nothing
    for _ in range(20):
        is_name_line(line)
    assert time.process_time() - started < 2.0


def test_a_list_of_names_is_never_the_headline_nor_the_title(rules_alone: None) -> None:
    page = "\n\n".join(["Notulen  Gemeenteraad", "Aanwezig", NAMES, "Verontschuldigd", "Joke de Wit, Derde schepen",
                        "Agendapunten", ITEMS[1],
                        "De raad keurt het nieuwe gebruiksreglement van sportpark De Berken goed met 19 stemmen voor."])
    title = title_of(page)
    assert title and "Piet Bos" not in title and "Ans Smit" not in title
    assert NAMES in "\n".join(block for _kind, block in read_page(page, want_headline=True).blocks)


@pytest.mark.parametrize("line", ["Notulen  Gemeenteraad", "Besluit College", "Besluitenlijst Raadscommissie",
                                  "Verslag Commissie Ruimte"])
def test_a_documents_kind_is_no_persons_name(line: str, rules_alone: None) -> None:
    assert names_a_document(line)
    page = read_page("\n\n".join([line, "di 12/03/2024 - 20:00 Raadzaal", "Sportpark De Berken",
                                  "De raad keurt het nieuwe gebruiksreglement van sportpark De Berken goed."]),
                     want_headline=True)
    assert not any(removed.line == " ".join(line.split()) and "name" in removed.reason for removed in page.removed)


@pytest.mark.parametrize("line", ["Notulen  Gemeenteraad", "Besluitenlijst College", "Besluit Gemeenteraad"])
def test_a_line_naming_the_documents_kind_over_who_was_there_is_its_headline(line: str, rules_alone: None) -> None:
    """Two words over the minutes' list of names: the minutes' own title, not a label over a headline below."""
    page = read_page("\n\n".join([line, "Aanwezig", NAMES, "Verontschuldigd", "Joke de Wit, Derde schepen",
                                   "De raad keurt het verslag van de vorige zitting goed met 19 stemmen voor."]),
                     want_headline=True)
    assert page.headline == " ".join(line.split())


@pytest.mark.parametrize("line", ["Jan de Vries", "Anna Bakker-Smit", "Notulist Jansen", "Agenda item"])
def test_a_persons_name_names_no_document(line: str) -> None:
    assert not names_a_document(line)


# --- minutes flattened whole ---------------------------------------------------------------------------------


def test_minutes_flattened_whole_keep_their_agenda_whatever_the_model_says(monkeypatch: pytest.MonkeyPatch) -> None:
    """The model, on a site it never saw, takes the agenda items and the names for metadata (with fewer votes than
    it needs to take a line of four words or more out by itself): the article it finds on the whole page, the
    list of names, would end there, and every line below it be cut as a news page's furniture. Minutes have no
    one run of prose: every item stays."""
    doubted = [*ITEMS, "Joke de Wit, Derde schepen", "Mark Peeters, Algemeen directeur", "Ans Smit, Voorzitter"]
    short = [line for line in MINUTES if len(line.split()) <= 2]  # "Goedgekeurd", "Secretaris", "3."
    model_gives(monkeypatch, {**{line: {"metadata": 0.6, "body": 0.4} for line in doubted},
                              **{line: {"metadata": 0.8, "body": 0.2} for line in short}})
    text = "\n\n".join(MINUTES)
    page = read_page(text, want_headline=True)
    assert is_whole_page(page.lines) and lists_who_was_there(MINUTES)
    kept = "\n".join(block for _kind, block in page.blocks)
    assert all(item in kept for item in ITEMS)
    assert NAMES in kept and "Joke de Wit, Derde schepen" in kept


def test_minutes_flattened_whole_keep_their_title(rules_alone: None) -> None:
    """The lines of a word or two above the list of names are the minutes' head, no menu over a news story."""
    page = read_page("\n\n".join(MINUTES), want_headline=True)
    assert is_whole_page(page.lines)
    assert page.headline == "Notulen Gemeenteraad"


# --- a regulation's particulars above its text ---------------------------------------------------------------

PARTICULARS = ["Opmerkingen bij deze regeling", "Deze regeling vervangt de Subsidieverordening sport Dorpsveen 2016.",
               "Deze regeling treedt in werking op de dag na bekendmaking.",
               "Wettelijke grondslag van de regeling", "Artikel 149 van de Gemeentewet"]
TEXT = [
    "De raad van de gemeente Dorpsveen, gelezen het voorstel van burgemeester en wethouders van 4 maart 2024, "
    "besluit vast te stellen de volgende verordening voor subsidies aan sportverenigingen in de gemeente.",
    "Het college kan aan een sportvereniging die in de gemeente gevestigd is een subsidie verlenen voor de kosten "
    "van het gebruik van een sportaccommodatie, voor jeugdleden en voor het opleiden van trainers en scheidsrechters.",
    "Een aanvraag wordt ingediend voor 1 oktober van het jaar voor het jaar waarvoor de subsidie wordt gevraagd, "
    "met een begroting en een activiteitenplan, en het college beslist binnen dertien weken na de ontvangst ervan.",
]
MENU = ["Home", "Regelgeving", "Zoeken", "Contact", "Help", "Inloggen", "Nieuws", "Over ons", "Uitgebreid zoeken",
        "Vorige", "Volgende", "Printen", "Delen", "Downloaden", "Terug", "Menu"]
REGULATION = [*MENU, "Subsidieverordening sport Dorpsveen 2024", "Gegevens van de regeling", "OrganisatieDorpsveen",
              "OrganisatietypeGemeente", *PARTICULARS, "Datum inwerkingtreding", "Datum ondertekening", "Betreft",
              "Bron bekendmaking", "Kenmerk voorstel", "15-03-2024", "gmb-2024-1234", "Tekst van de regeling",
              "Intitulé", "Subsidieverordening sport Dorpsveen 2024", *TEXT, *MENU[:6]]


@pytest.mark.parametrize("model", [False, True])
def test_a_regulations_particulars_above_its_text_are_not_lost(model: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The particulars stand well above the regulation's run of prose, where a news page's menus and teasers stand;
    a line of four words or more there is no menu, and the model judges it as any line of the text (here it
    doubts the sentences, with fewer votes than it needs to take a sentence out)."""
    if model:
        model_gives(monkeypatch, {line: {"metadata": 0.6, "body": 0.4} for line in PARTICULARS})
        context = line_model.using(None, frozenset({"furniture"}))
    else:
        context = line_model.using(None, frozenset())
    with context:
        page = read_page("\n\n".join(REGULATION), want_headline=True)
    assert is_whole_page(page.lines)
    kept = "\n".join(block for _kind, block in page.blocks)
    assert all(line in kept for line in PARTICULARS)
    assert all(line in kept for line in TEXT)
    assert not any(item in kept for item in ("Uitgebreid zoeken", "Inloggen", "Downloaden"))


_WORDS = st.sampled_from(["de", "raad", "besluit", "het", "plan", "voor", "sportpark", "van", "gemeente", "nieuw",
                          "verslag", "Dorpsveen", "subsidie", "regeling", "wordt", "vastgesteld"])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(_WORDS, min_size=1, max_size=9).map(" ".join), min_size=1, max_size=30))
def test_no_line_of_four_words_above_a_whole_pages_run_is_cut_for_where_it_stands(above: list[str]) -> None:
    """Whatever stands above the run of prose: a line of four words or more is never taken out for its place."""
    with line_model.using(None, frozenset()):
        page = read_page("\n\n".join([*MENU, *MENU, *above, *TEXT, *MENU]), want_headline=True)
    for removed in page.removed:
        if removed.line in above and len(removed.line.split()) >= 4:
            assert "run of text" not in removed.reason, removed
