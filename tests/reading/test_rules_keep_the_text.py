"""Exact rules narrowed to the shapes where they are exact: what each took of the article's own text on sites it
never saw (measured leave-sites-out), and the furniture each still takes. Read with the rules alone, so that only
the rule is tested."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.reading import line_model
from pipeline.reading.date_lines import date_line
from pipeline.reading.furniture import byline_reason, caption_reason, furniture_reason, is_name_line
from pipeline.reading.lines import Kind, PageLine
from pipeline.reading.page import read_page
from pipeline.reading.roles import DOUBTED_RULES, doubted_rules_undone, rule_stands
from tests.reading.line_model_stub import model_gives

SENTENCES = [
    "Een fietser is dinsdagmiddag gewond geraakt bij een botsing met een bestelbus op de Dorpsstraat.",
    "De bibliotheek is vanaf volgende maand ook op zaterdagochtend open, meldt de gemeente.",
    "De dorpsraad vergadert woensdag over het nieuwe speelveld achter de school aan de Kerkstraat.",
    "Volgens de politie was de bestuurder van de auto niet onder invloed van alcohol of drugs.",
    "De wethouder wil dat de nieuwe woningen er binnen twee jaar staan, zegt zij tegen de raad.",
]


@pytest.fixture(autouse=True)
def rules_alone() -> Iterator[None]:
    with line_model.using(None, frozenset()):
        yield


def kept_text(text: str) -> str:
    return "\n".join(block for _kind, block in read_page(text).blocks)


# --- a link list's heading: a button every item of an index page has is no heading ---------------------------


def test_a_list_header_under_every_teaser_of_an_index_page_cuts_nothing() -> None:
    page = "\n\n".join(["Nieuws uit Dorpsveen", SENTENCES[0], "Meer nieuws", SENTENCES[1], "Meer nieuws",
                        SENTENCES[2], "Meer nieuws"])
    kept = kept_text(page)
    assert all(sentence in kept for sentence in SENTENCES[:3])
    assert not any(line.reason.startswith("link list under") for line in read_page(page).lines)


def test_a_list_header_shown_once_still_ends_the_article() -> None:
    page = "\n\n".join([SENTENCES[0], SENTENCES[1], "Meer nieuws", "Brand in schuur aan de Veenweg",
                        "Weg afgesloten na ongeluk"])
    read = read_page(page)
    assert kept_text(page) == "\n".join(SENTENCES[:2])
    assert {line.text for line in read.lines if line.kind == Kind.FURNITURE} == {
        "Meer nieuws", "Brand in schuur aan de Veenweg", "Weg afgesloten na ongeluk"}


@given(st.lists(st.sampled_from(SENTENCES), min_size=2, max_size=6),
       st.sampled_from(["Meer nieuws", "Read more", "Leave a Comment", "Reacties", "Gerelateerde artikelen"]))
def test_a_header_repeated_under_the_items_never_takes_the_items_text(items: list[str], header: str) -> None:
    page = "\n\n".join(part for item in items for part in (item, header))
    kept = kept_text(page)
    assert all(item in kept for item in items)


# --- an embedded post: its words are the article's, only its link alone is furniture --------------------------


def test_an_embedded_posts_words_before_its_link_stay() -> None:
    post = "Wie de man heeft gezien, kan bellen met de politie via 0900-8844. pic.twitter.com/Ab12Cd34"
    assert furniture_reason(post) is None
    assert furniture_reason("pic.twitter.com/Ab12Cd34") == "call to action"


@given(st.sampled_from(SENTENCES), st.from_regex(r"[A-Za-z0-9]{6,12}", fullmatch=True))
def test_a_sentence_before_an_embedded_posts_link_is_never_furniture(sentence: str, code: str) -> None:
    assert furniture_reason(f"{sentence} pic.twitter.com/{code}") is None


# --- a live ticker's entries between "+++" are its text --------------------------------------------------------


def test_a_live_tickers_entry_between_plus_signs_stays_where_the_model_takes_it_for_text(
        monkeypatch: pytest.MonkeyPatch) -> None:
    entry = "+++ 21:40 Brandweer blust laatste smeulende resten +++"
    assert furniture_reason(entry) == "live ticker"  # the rule's word, a feature the model weighs
    model_gives(monkeypatch, {entry: {"sub-heading": 0.6, "body": 0.1, "promo": 0.3},
                              "+++ Liveblog +++": {"promo": 0.8, "body": 0.2}})
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join([SENTENCES[0], "+++ Liveblog +++", SENTENCES[1], entry, SENTENCES[2]]))
    kept = [block for _kind, block in page.blocks]
    assert entry in kept and "+++ Liveblog +++" not in kept


# --- a day and what happens on it: a point of an agenda, not a date line -----------------------------------


@pytest.mark.parametrize("line", ["• Zondag 22 maart: Zwerfvuilactie", "Woensdag 15 maart; Tweede Kamerverkiezingen.",
                                  "Zaterdag 20 juni: Roefel"])
def test_a_point_of_an_agenda_is_no_date_line(line: str) -> None:
    assert date_line(line) is None


@pytest.mark.parametrize(("line", "token"), [("Gepubliceerd: 12 maart 2024", "12 maart 2024"),
                                             ("12 maart 2024: bijgewerkt om 14:00", "12 maart 2024"),
                                             ("Dag: 19 december 2025", "19 december 2025")])
def test_a_date_line_with_its_label_or_update_stays_one(line: str, token: str) -> None:
    found = date_line(line)
    assert found is not None and found[0] == token


def test_the_points_of_an_agenda_in_a_pages_head_stay() -> None:
    points = ["• Zondag 22 maart: Zwerfvuilactie", "• Woensdag 22 april: Buitenspeeldag", "• Zaterdag 20 juni: Roefel"]
    page = "\n\n".join(["Activiteiten van de speeltuinvereniging", "\n".join(points), SENTENCES[2]])
    kept = kept_text(page)
    assert all(point in kept for point in points)


@given(st.sampled_from(["Maandag", "Woensdag", "Zaterdag", "Zondag", ""]), st.integers(1, 28),
       st.sampled_from(["januari", "maart", "juni", "oktober", "december"]), st.sampled_from([":", ";"]),
       st.sampled_from(["Zwerfvuilactie", "Buitenspeeldag", "Koningsdag op het plein", "Ledenvergadering",
                        "Open dag brandweer"]))
def test_a_day_with_what_happens_on_it_is_never_a_date_line(weekday: str, day: int, month: str, mark: str,
                                                              event: str) -> None:
    assert date_line(f"• {weekday} {day} {month}{mark} {event}".replace("  ", " ")) is None


# --- a credit is a name: "VIDEO" over a headline is a label, not a credit -------------------------------------


@pytest.mark.parametrize("line", ["VIDEO Omroep wapent zich tegen verkeersproblemen in de binnenstad",
                                  "video Akkerbouwer is verbaasd over de vraag naar zijn aardappelen"])
def test_a_word_of_credit_before_a_headline_is_no_credit(line: str) -> None:
    assert caption_reason(line) is None


@pytest.mark.parametrize("line", ["Beeld Anne Stooker", "Foto's Tim Dirven", "Video: Omroep Brabant",
                                  "Foto Jan van der Berg", "Beeld iStockphoto/Getty Images",
                                  "Foto: ANP / Robin van Lonkhuijsen"])
def test_a_credit_without_a_colon_is_still_one(line: str) -> None:
    assert caption_reason(line) == "credit"


@pytest.mark.parametrize("line", ["Opmerkelijk beeld: koning en koningin in de studio van het journaal",
                                  "Nieuw in beeld: de bomen aan de gracht worden dit jaar nog gekapt"])
def test_a_headline_with_a_word_of_credit_in_it_is_no_caption_with_a_credit(line: str) -> None:
    assert caption_reason(line) is None


@pytest.mark.parametrize("line", ["Het gemeentehuis in Dorpsveen. Beeld: Omroep Oost",
                                  "De brand aan de Veenweg. Bild: picture alliance/dpa | Frank Molter",
                                  "De boerderij aan de dijk. Foto Jan van der Berg"])
def test_a_caption_that_ends_in_its_credit_is_still_one(line: str) -> None:
    assert caption_reason(line) == "caption with credit"


# --- a name: a person's, never a point of a list or a noun after "von" -------------------------------------------


@given(st.sampled_from(["Bert de Wit", "Jan van Herck", "Els Jansen", "Anna-Lena Bakker"]),
       st.sampled_from(["Burgemeester", "Voorzitter", "Secretaris", "Penningmeester"]))
def test_a_name_with_its_role_and_a_semicolon_is_never_a_name_line(name: str, role: str) -> None:
    assert not is_name_line(f"{name}: {role};")
    assert not is_name_line(f"{name};")


def test_who_was_there_with_their_roles_stays_under_the_headline() -> None:
    members = ["Bert de Wit: Burgemeester;", "Jan van Herck: Voorzitter;", "Els Jansen: Secretaris."]
    page = "\n\n".join(["Zitting van de gemeenteraad", "\n".join(members), SENTENCES[2]])
    kept = kept_text(page)
    assert all(member in kept for member in members)


@pytest.mark.parametrize("line", ["Absage von Sitzungen", "8 Annahme von Spenden"])
def test_a_noun_after_von_is_no_byline(line: str) -> None:
    assert byline_reason(line) is None


@pytest.mark.parametrize(("line", "author"), [("Von Anna Müller", "Anna Müller"),
                                              ("Ein Kommentar von Max Meyer", "Max Meyer"), ("Door Jansen", "Jansen")])
def test_a_byline_with_a_name_after_von_or_door_is_still_one(line: str, author: str) -> None:
    found = byline_reason(line)
    assert found is not None and found[0] == author


# --- rules the line model may overrule: where it all but takes a line for text, the rule's word does not stand ---


def judged(text: str, furniture: float) -> PageLine:
    line = PageLine(text, 0)
    line.shares = {"promo": furniture, "body": 1 - furniture}
    return line


def test_a_doubted_rule_stands_only_where_the_model_gives_the_line_its_share_of_furniture() -> None:
    least = DOUBTED_RULES["call to action"]
    assert rule_stands(judged("Klik hier voor de stemverklaring", least), "call to action")
    assert not rule_stands(judged("Klik hier voor de stemverklaring", least / 2), "call to action")
    assert rule_stands(PageLine("Klik hier voor de stemverklaring", 0), "call to action")  # the model did not read it
    assert rule_stands(judged("Deel dit artikel", 0.0), "share line")  # an exact rule always stands


def test_a_call_to_action_the_model_takes_for_text_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    links = "Klik hier voor de stemverklaring van de fractie over de speelplekken"
    model_gives(monkeypatch, {links: {"body": 0.9, "related": 0.1}, "Lees meer": {"share": 0.9, "body": 0.1}})
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join([SENTENCES[4], links, SENTENCES[1], "Lees meer"]))
    kept = [block for _kind, block in page.blocks]
    assert links in kept and "Lees meer" not in kept


@given(st.floats(0, 1))
def test_a_call_to_action_is_never_removed_by_its_rule_where_the_model_doubts_it(furniture: float) -> None:
    line = judged("Klik hier voor de raadsbijdrage over de woonvisie", furniture)
    line.kind, line.reason = Kind.FURNITURE, "call to action"
    doubted_rules_undone([line])
    assert (line.kind == Kind.TEXT) == (furniture < DOUBTED_RULES["call to action"])


# --- rules the audit of the second corpus found taking the article's lines on sites they were not written for --------


@given(st.floats(0, 1), st.sampled_from([("counsel", 12), ("label above the lede", 1)]))
def test_a_rulings_counsel_and_a_label_above_the_lede_stand_only_where_the_model_gives_the_line_its_share_of_furniture(
        furniture: float, taken: tuple[str, int]) -> None:
    from pipeline.reading.roles import DOUBTED_RULES_LONG, LONG_WORDS

    reason, words = taken
    line = judged(" ".join(["woord"] * words), furniture)
    line.kind, line.reason = Kind.FURNITURE, reason
    doubted_rules_undone([line])
    rule = reason.split(" (")[0]
    least = DOUBTED_RULES[rule]
    if rule in DOUBTED_RULES_LONG and words >= LONG_WORDS:
        least = DOUBTED_RULES_LONG[rule][1]
    assert (line.kind == Kind.TEXT) == (furniture < least)


@pytest.mark.parametrize(("shares", "kicker"), [
    ({"headline": 0.7, "body": 0.3}, False),  # the page's title ("Kerkstraat" over the text about it)
    ({"navigation": 0.7, "headline": 0.3}, True),  # a place's or section's name the text says too
])
def test_a_word_above_the_lede_is_a_label_only_where_the_model_gives_it_its_share_of_furniture(
        monkeypatch: pytest.MonkeyPatch, shares: dict[str, float], kicker: bool) -> None:
    model_gives(monkeypatch, {"Kerkstraat": shares}, decides=("furniture", "headline"))
    with line_model.using(None, frozenset({"furniture", "headline"})):
        page = read_page("\n\n".join(["Kerkstraat", SENTENCES[2], SENTENCES[1]]))  # the text says "Kerkstraat"
    taken = {(removed.line, removed.kind) for removed in page.removed}
    assert (("Kerkstraat", Kind.KICKER) in taken) == kicker
    assert (page.headline == "Kerkstraat") != kicker


def test_a_title_shaped_like_a_name_the_model_takes_for_text_is_no_name(monkeypatch: pytest.MonkeyPatch) -> None:
    title = "Harde Feiten Zachte Cijfers"  # a column's title, each word capitalised in the site's style
    model_gives(monkeypatch, {title: {"headline": 0.5, "body": 0.3, "byline": 0.2}})
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join([title, SENTENCES[3], SENTENCES[0]]))
    assert page.headline == title


def test_a_name_the_model_takes_for_a_byline_is_still_one(monkeypatch: pytest.MonkeyPatch) -> None:
    model_gives(monkeypatch, {"Johan van de Beek": {"byline": 0.8, "body": 0.2}})
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join(["Johan van de Beek", "Nieuwe brug over de vaart geopend", SENTENCES[3]]))
    assert page.headline == "Nieuwe brug over de vaart geopend"
    assert ("Johan van de Beek", Kind.BYLINE) in {(removed.line, removed.kind) for removed in page.removed}


def test_a_dated_title_the_model_takes_for_text_is_no_date_line(monkeypatch: pytest.MonkeyPatch) -> None:
    title = "Zitting van dinsdag 30 januari 2024"
    model_gives(monkeypatch, {title: {"headline": 0.6, "body": 0.1, "dateline": 0.3}})
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join(["Gemeente Dorpsveen", title, SENTENCES[4]]))
    assert title not in {removed.line for removed in page.removed}


@pytest.mark.parametrize(("line", "token"), [("Publisearre op 5 juni 2024", "5 juni 2024"),
                                             ("Publisearre op 1 december 2003", "1 december 2003")])
def test_a_west_frisian_publication_line_is_a_date_line(line: str, token: str) -> None:
    assert date_line(line) == (token, 0)


# --- a call to action of a sentence's length names what it leads to: it needs more of the model's votes ----------


def test_a_long_link_to_a_document_the_model_half_doubts_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    link = "Klik hier voor de bijdrage van raadslid Anna Bakker over het nieuwe speelveld"
    model_gives(monkeypatch, {link: {"related": 0.3, "body": 0.7}, "Klik hier om te reageren": {"share": 0.3,
                                                                                                "body": 0.7}})
    with line_model.using(None, frozenset({"furniture"})):
        page = read_page("\n\n".join([SENTENCES[0], SENTENCES[2], link, SENTENCES[1], "Klik hier om te reageren"]))
    kept = [block for _kind, block in page.blocks]
    assert link in kept and "Klik hier om te reageren" not in kept


@given(st.floats(0, 1), st.sampled_from(["Klik hier voor de agenda en de stukken van de raadsvergadering van mei",
                                         "Bekijk hier de presentatie van de wethouder over de plannen voor het dorp"]))
def test_a_long_call_to_action_stands_only_where_the_model_gives_it_the_long_lines_share(furniture: float,
                                                                                         text: str) -> None:
    from pipeline.reading.roles import DOUBTED_RULES_LONG

    line = judged(text, furniture)
    line.kind, line.reason = Kind.FURNITURE, "call to action"
    doubted_rules_undone([line])
    assert (line.kind == Kind.TEXT) == (furniture < DOUBTED_RULES_LONG["call to action"][1])


# --- a court ruling's metadata key is a word of its own, never the start of one or a table's head -----------------


def test_a_word_that_starts_with_a_key_and_a_tables_head_are_no_ruling_metadata() -> None:
    table = ["Status | Wat het betekent |", "---|---|", "Onderweg | Het pakket is bij de bezorger |"]
    page = "\n\n".join([SENTENCES[0], "Statusoverzicht van je bestelling bij de webwinkel", "\n".join(table),
                        SENTENCES[1]])
    kept = kept_text(page)
    assert "Statusoverzicht van je bestelling bij de webwinkel" in kept and "Status | Wat het betekent |" in kept


def test_a_rulings_metadata_block_is_still_furniture() -> None:
    page = "\n".join(["Instantie", "Rechtbank Dorpsveen", "Datum uitspraak", "12-03-2024", "Status", "Definitief"])
    read = read_page(page + "\n\n" + SENTENCES[3])
    assert {line.text for line in read.lines if line.reason.startswith("case metadata")} >= {"Status", "Definitief"}


# --- words before a colon label what follows: no person's name -------------------------------------------------


@given(st.sampled_from(["Tag Archives", "Category Archives", "Nieuwsbrief Dorpsraad", "Dekkingsplan Brandweer"]),
       st.sampled_from(["Dorpsbelang Veenhuizen", "Samen Verder", "Gemeente Dorpsveen"]))
def test_a_label_of_two_words_before_a_colon_is_never_a_name(label: str, rest: str) -> None:
    assert not is_name_line(f"{label}: {rest}")
    assert not is_name_line(f"• {label}: {rest}")


@pytest.mark.parametrize("line", ["Gremium: Stadtrat", "Voorzitter: Van Dam", "Jan de Vries", "TOM PEEL"])
def test_a_name_and_a_documents_key_with_its_value_are_still_name_lines(line: str) -> None:
    assert is_name_line(line)


def test_a_bullet_with_a_label_before_a_colon_stays_in_the_text() -> None:
    point = "• Noodplan Brandweer: Snel Ter Plaatse"
    assert point in kept_text("\n\n".join([SENTENCES[0], SENTENCES[1], point, SENTENCES[4]]))


# --- "in beeld": a person portrayed, no photo's credit ---------------------------------------------------------------


@pytest.mark.parametrize("line", ["• Raadslid in beeld: Anna Bakker (Dorpspartij)",
                                  "Vrijwilliger in beeld: Kees van Dam"])
def test_someone_in_beeld_is_no_caption_with_a_credit(line: str) -> None:
    assert caption_reason(line) is None
