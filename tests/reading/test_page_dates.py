"""The page's own date among the dates its lines show: exact forms, so exact rules (the samples are
made up, in the shapes real pages have)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.model.config import Config
from pipeline.model.dates import looks_like_date, parse_date
from pipeline.reading.date_candidates import label_alone, labelled_date
from pipeline.reading.date_lines import bar_byline_date, date_line, date_then_names, find_date_token
from pipeline.reading.draft import SourceInfo, drafts_from_bytes
from pipeline.reading.items import SourceError
from pipeline.reading.page import read_page
from pipeline.reading.text import DecodeError
from tests.reading.line_model_stub import model_gives

SCRAPED = datetime(2026, 3, 1, tzinfo=UTC)
LEDE = ("De gemeenteraad heeft dinsdagavond na een lang debat ingestemd met het plan voor de nieuwe "
        "sporthal aan de rand van het dorp, die over twee jaar open moet gaan.")
MORE = "Het college wil nog dit jaar beginnen met de bouw. De kosten vallen hoger uit dan gedacht."


def date_of(text: str) -> str | None:
    draft = drafts_from_bytes(text.encode(), SourceInfo("raw/page.txt", "0" * 64, SCRAPED, SCRAPED), Config())[0]
    value = draft.article.meta.get("date")
    return value[:10] if isinstance(value, str) else None


@pytest.mark.parametrize(("line", "day"), [
    ("Nieuws - gepubliceerd: zondag, 27 januari 2013 - 412 woorden", "2013-01-27"),
    ("Stand: 10.06.2022 21:00 Uhr Corona-Blog: Neue Regeln ab Montag", "2022-06-10"),
    ("'Nieuwe brug later klaar' Geplaatst op: 17-12-2017 21:40", "2017-12-17"),
    ("Nummer: 2024D12345, datum: 2024-09-23, bijgewerkt: 2024-11-11 16:08, versie: 3", "2024-09-23"),
    ("Posted: Tue, 26 May 2020 07:57 by Jane Roe", "2020-05-26"),
    ("Date:Thursday, February 25,2010", "2010-02-25"),
    ("[Online seit 16.12.2021]", "2021-12-16"),
    ("• Date released: 12 May 2011", "2011-05-12"),
    ("Released on 3 March 2019 by the press office", "2019-03-03"),
    ("Minutes Uploaded on October 5, 2023", "2023-10-05"),  # a document site's upload: its publication
    ("Notulen geüpload op 5 oktober 2023", "2023-10-05"),
])
def test_a_date_a_publication_label_names_is_found_wherever_it_stands(line: str, day: str) -> None:
    token = labelled_date(line)
    value = parse_date(token, Config().zone) if token else None
    assert value is not None and value.moment.date().isoformat() == day


@pytest.mark.parametrize("line", [
    "Bijgewerkt: 11 november 2024 16:08",  # a later change, not the publication
    "Hearing date: 4 December 2018",  # a key that names another day
    "Documents published after 1 May 2020 are shown as web pages.",  # a word between label and date
    "Voor 2023 keert de beurs terug naar de vertrouwde datum op 10, 11 en 12 januari 2023.",
    "Gepubliceerd in de krant van vorige week",  # a label without a date
])
def test_no_publication_date_where_no_label_names_one(line: str) -> None:
    assert labelled_date(line) is None


def test_a_labelled_date_comes_before_another_date_line_of_the_head() -> None:
    page = (f"SPORT\n\nNieuwe sporthal komt er\n\nFoto: Jan Jansen\n\n30 maart 2023\n\nPublicatie: 03 april 2023\n\n"
            f"{LEDE}\n\n{MORE}\n")
    assert date_of(page) == "2023-04-03"


def test_a_label_alone_on_its_line_names_the_date_on_the_next() -> None:
    assert label_alone("Datum uitspraak:") and label_alone("Datum raadsvergadering")
    assert not label_alone("Datum van de raadsvergadering in het voorjaar van volgend jaar")
    page = f"Uitspraak over de sporthal\n\nDatum uitspraak:\n\n24-12-2019\n\n{LEDE}\n\n{MORE}\n"
    assert date_of(page) == "2019-12-24"


def test_a_date_in_figures_alone_on_a_line_dates_the_page_though_its_shape_is_a_fragments() -> None:
    page = f"NIEUWS\n\nNieuwe sporthal komt er toch\n\n15-03-2024\n\n{LEDE}\n\n{MORE}\n"
    assert date_of(page) == "2024-03-15"
    assert "15-03-2024" in [r.line for r in read_page(page).removed]  # out of the text all the same


def test_a_page_whose_date_lines_name_three_days_is_a_list_without_a_date() -> None:
    teasers = "".join(f"{day} november 2020\n\nRaad praat over {topic}\n\n{LEDE}\n\n"
                      for day, topic in ((23, "de sporthal"), (19, "de begroting"), (11, "het zwembad")))
    assert date_of("COLUMNS\n\nAlle columns van de burgemeester\n\n" + teasers) is None
    one_article = f"Nieuwe sporthal\n\n23-11-2020\n\n{LEDE}\n\n19-11-2020\n\n{MORE}\n"
    assert date_of(one_article) == "2020-11-23"  # two date lines: a date and, say, an update


@pytest.mark.parametrize(("page", "day"), [
    (f"Verslag van de vergadering van dinsdag 2 juni 2015\n\n{LEDE}\n\n{MORE}\n", "2015-06-02"),
    (f"Bundesgericht, Urteil vom 23.01.2024, Az. IV 12/23\n\n{LEDE}\n\n{MORE}\n", "2024-01-23"),
    (f"Rechtbank Noordstad, 07-03-2013, nr. 12/39\n\n{LEDE}\n\n{MORE}\n", "2013-03-07"),
    (f"Regeling vervallen per 01-01-2010\n\n{LEDE}\n\n{MORE}\n", None),  # the date of something else
    (f"Sporthal\n\nMaaskerk (Limburg), 20.08.2019 – {LEDE}\n\n{MORE}\n", "2019-08-20"),
    (f"Sporthal\n\n13/1/17 - {LEDE}\n\n{MORE}\n", "2017-01-13"),
    (f"Sporthal\n\nDinsdag 6 maart 2018 was de eerste dag van de bouw en {LEDE}\n\n{MORE}\n", None),
])
def test_with_no_date_line_the_headline_or_the_lede_opening_dates_the_page(page: str, day: str | None) -> None:
    assert date_of(page) == day


@pytest.mark.parametrize(("opening", "day"), [
    ("De voorzitter opent de zitting op 28/03/2022 om 19:51.", "2022-03-28"),
    ("In de vergadering van 6 augustus 2019 zijn de volgende besluiten genomen.", "2019-08-06"),
    ("Niederschrift über die öffentliche Sitzung der Gemeindevertretung vom 25.03.2014.", "2014-03-25"),
    ("Minutes of the meeting of the Council on 11 July 2011 were approved.", None),  # often the earlier minutes
])
def test_minutes_are_dated_by_the_meeting_their_opening_names(opening: str, day: str | None) -> None:
    text = (f"{opening}\n\nDe fracties vragen om een extra punt over de begroting van volgend jaar toe te voegen "
            "aan de agenda van deze vergadering.\n\nHet verslag van de vorige zitting wordt goedgekeurd.\n")
    assert date_of(text) == day


def test_a_documents_date_line_under_a_long_head_of_metadata_dates_it() -> None:
    head = "".join(f"Kenmerk {index}: ABC-{index:03d}\n\n" for index in range(16))
    page = (f"Uitspraak in de zaak van de sporthal\n\nDeze uitspraak is openbaar gemaakt op de website."
            f"\n\n{head}11 december 2018\n\n{LEDE}\n\n{MORE}\n")
    assert date_of(page) == "2018-12-11"


@pytest.mark.parametrize(("page", "day"), [
    (f"{LEDE}\n\nSTADSKRANT NOORD - 3 januari 2019\n\n{MORE}\n", "2019-01-03"),  # a source beside the date
    (f"Nieuwe sporthal\n\n{LEDE}\n\n{MORE}\n\nRedactie Vakblad | 08-02-24 |\n", "2024-02-08"),  # a byline below
])
def test_with_nothing_else_a_date_beside_a_source_or_in_a_byline_dates_the_page(page: str, day: str) -> None:
    assert date_of(page) == day


def test_the_wider_date_forms_never_change_how_lines_are_sorted() -> None:
    # the line model was trained on the shapes the rules see: "11 novimber 2017" reads as a date, but
    # a byline of that form is not taken for a dated byline by the shape reader, as before
    zone = Config().zone
    for token in ("11 novimber 2017", "26 Jannewaris 2000", "Date:Thursday, February 25,2010", "8/28/2008"):
        assert parse_date(token.removeprefix("Date:"), zone) is not None
        assert not looks_like_date(token.removeprefix("Date:"), zone)
    assert find_date_token("26 Jannewaris 2000") is None and date_line("woansdei 3 augustus") is None


def test_a_byline_with_a_date_under_the_lede_gives_the_day_of_a_month_only_header() -> None:
    byline = "Door Els de Wit - 16-11-2016, 16:58 (Update 16-11-2016, 16:58)"
    page = f"date 2016-11 Nieuwe sporthal\n\n{LEDE}\n\n{byline}\n\n{MORE}\n"
    assert date_of(page) == "2016-11-16"


def test_a_date_line_of_its_own_comes_before_a_date_glued_to_the_headline() -> None:
    page = (f"Gemeente Noordstad\n\nPolitieke partij\n\nNieuwsberichten 2023\n\n\"Uit de raad\" - 13 december 2023\n\n"
            f"15-12-2023\n\n{LEDE}\n\n{MORE}\n")
    assert date_of(page) == "2023-12-15"


def test_a_period_in_the_headline_is_no_date_of_the_page() -> None:
    page = f"Parochienieuws 28 januari - 25 februari 2017\n\n{LEDE}\n\n{MORE}\n"
    assert date_of(page) is None


def test_the_date_beside_a_sites_weather_is_its_today_not_the_pages() -> None:
    page = f"12.5 C\n\nMaaskerk\n\ndinsdag 22 juli 2025\n\nHome Nieuws Sport\n\n{LEDE}\n\n{MORE}\n"
    assert date_of(page) is None
    dated = f"12.5 C\n\nMaaskerk\n\ndinsdag 22 juli 2025\n\nNieuwe sporthal\n\n14 maart 2025\n\n{LEDE}\n\n{MORE}\n"
    assert date_of(dated) == "2025-03-14"


def test_a_headline_date_never_overrides_a_header_month() -> None:
    page = f"date 2021-04 Zondag 4 april 2021 - {LEDE}\n\n{MORE}\n"
    draft = drafts_from_bytes(page.encode(), SourceInfo("raw/p.txt", "0" * 64, SCRAPED, SCRAPED), Config())[0]
    assert draft.article.meta["date"].startswith("2021-04-01") and draft.article.meta["date_precision"] == "month"


@pytest.mark.parametrize(("token", "day"), [
    ("3 jannewaris 2018", "2018-01-03"), ("11 novimber 2017", "2017-11-11"), ("6 juny 2019", "2019-06-06"),
    ("woansdei 3 augustus 2022", "2022-08-03"), ("25 Febrewaris 2018", "2018-02-25"),
    ("7 desimber 2021", "2021-12-07"), ("Thursday, February 25,2010", "2010-02-25"),
    ("8/28/2008 12:00", "2008-08-28"),  # month first: 28 is no month
    ("01/07/2019", "2019-07-01"),  # either could be meant: day first, as always
])
def test_date_forms(token: str, day: str) -> None:
    value = parse_date(token, Config().zone)
    assert value is not None and value.moment.date().isoformat() == day


def test_a_frisian_date_line_dates_the_page() -> None:
    assert date_of(f"Nij plan foar de sporthal\n\n26 Jannewaris 2000\n\n{LEDE}\n\n{MORE}\n") == "2000-01-26"


# Regex-pathological input: long runs of what the new patterns look for, in the places they look.
_PIECES = ["datum ", "date", ":", " ", ",", "-", "1", "12", "/", ".", "(", "Stand", "gepubliceerd op ", "°C", "C",
           "januari ", "2020", "a", "A", "–", "woansdei ", "Datum raadsvergadering ", "\n", "Door ", "| "]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.integers(1, 400)), min_size=1, max_size=6))
def test_pathological_lines_are_read_to_the_end(runs: list[tuple[str, int]]) -> None:
    text = "".join(piece * count for piece, count in runs)
    labelled_date(text)
    label_alone(text)
    for line in text.split("\n")[:3]:
        parse_date(line[:200], Config().zone)
    page = read_page(text + "\n\n" + LEDE)
    assert isinstance(page.dates, list)


def test_an_index_of_one_days_news_is_a_list_though_its_teasers_name_one_day() -> None:
    teasers = "".join(f"{title}\n\n{place}, vrijdag, 5 december 2025.\n\n{LEDE}\n\n"
                      for title, place in (("Nieuwe sporthal voor Oss", "Oss"), ("Brug dicht in Uden", "Uden"),
                                           ("Markt verhuist", "Veghel")))
    assert date_of("Laatste nieuws in de regio\n\n" + teasers) is None
    glued = "".join(f"07-03-2018 {title}\n\n{LEDE}\n\n" for title in ("Borden moeten weg", "Bloemen in de stad",
                                                                     "Fietspad wordt breder"))
    assert date_of("Nieuws uit de regio\n\n" + glued) is None


def test_an_article_with_a_date_line_and_two_later_ones_keeps_its_date() -> None:
    page = (f"Nieuwe sporthal\n\nOss, vrijdag, 5 december 2025.\n\n{LEDE}\n\n{MORE}\n\n"
            f"Bijgewerkt 5 december 2025\n\n{MORE}\n")
    assert date_of(page) == "2025-12-05"
    two = "".join(f"5 december 2025\n\n{title}\n\n{LEDE}\n\n" for title in ("Sporthal", "Begroting"))
    assert date_of("Nieuws\n\n" + two) == "2025-12-05"  # two teasers: no list yet


def test_an_archive_whose_publication_labels_name_three_days_has_no_date() -> None:
    teasers = "".join(f"Raad praat over {topic}\n\nPosted on {day} December 2019\n\n{LEDE}\n\n"
                      for day, topic in ((23, "de sporthal"), (19, "de begroting"), (18, "het zwembad")))
    assert date_of("News archive 2019\n\n" + teasers) is None
    same_day = "".join(f"Raad praat over {topic} Geplaatst op: 17-12-2017 21:{minute}\n\n{LEDE}\n\n"
                       for minute, topic in ((40, "de sporthal"), (23, "de begroting"), (3, "het zwembad")))
    assert date_of("Live Radio\n\n" + same_day) == "2017-12-17"  # one day's labels: the first is the page's


def test_hostile_dated_lines_are_read_in_one_pass() -> None:
    # thousands of teasers, a date line as long as a line may be, digits without end: each counted once
    teasers = "".join(f"1{index % 10}-03-2018 Bericht {index}\n\n{LEDE}\n\n" for index in range(3000))
    assert date_of("Nieuws\n\n" + teasers) is None
    assert date_of("Nieuws\n\n" + ("12-12-2012 " * 14 + "\n\n" + LEDE + "\n\n") * 500) is None
    assert date_of(f"Sporthal\n\n{'7' * 200_000} december 2025\n\n{LEDE}\n") is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["5 december 2025", "Oss, 5 december 2025.", "07-03-2018 Kop", LEDE, "Kop",
                                 "", "Posted on 3 May 2020", "x" * 170]), max_size=30))
def test_dated_teasers_never_exceed_the_lines_and_never_fail(parts: list[str]) -> None:
    from pipeline.reading.lines import PageLine
    from pipeline.reading.page_dates import _dated_teasers, _labelled_days

    lines = [PageLine(text, index) for index, text in enumerate(parts)]
    assert 0 <= _dated_teasers(lines) <= len(lines)
    assert 0 <= _labelled_days(lines) <= len(lines)


@pytest.mark.parametrize("line", ["10 maart 2023 om 16:16 Politiek Tips van de redactie", "sport 25/09/2020"])
def test_a_head_line_the_model_takes_for_a_date_line_dates_the_page_though_words_stand_beside_the_date(
        line: str) -> None:
    page = f"Nieuwe sporthal komt er toch\n\n{line}\n\n{LEDE}\n\n{MORE}\n"
    assert date_of(page) == parse_date(find_date_token(line) or "", Config().zone).moment.date().isoformat()


def test_a_long_line_with_dates_in_the_head_gives_no_date_by_the_models_word_alone() -> None:
    hostile = "10 maart 2023 om 16:16 " * 2000  # too long for a date line, and read once
    assert date_of(f"Nieuwe sporthal komt er toch\n\n{hostile}\n\n{LEDE}\n\n{MORE}\n") is None


@pytest.mark.parametrize(("line", "day"), [
    ("Von Anna Smit 15.12.2015, 14:54", "2015-12-15"),
    ("Anna Smitwoensdag 16 november 2022 19:44", "2022-11-16"),
    ("Jan Jansen reported this story on Wednesday, December 29, 2010 08:00:00", "2010-12-29"),
    ("Ma 19/09/2022 - 13:00 raadzaal", "2022-09-19"),
])
def test_a_date_with_its_time_in_the_head_dates_the_page_whatever_stands_beside_it(line: str, day: str) -> None:
    assert date_of(f"Nieuwe sporthal komt er toch\n\n{line}\n\n{LEDE}\n\n{MORE}\n") == day


def test_a_changes_time_and_a_date_without_time_beside_words_do_not_date_the_page() -> None:
    assert date_of(f"Nieuwe sporthal komt er toch\n\nLaatste wijziging: 04/11/22 20:30\n\n{LEDE}\n\n{MORE}\n") is None
    # a date beside words dates the page only where the line model takes its line for a date line
    text = f"Nieuwe sporthal komt er toch\n\nAnna Smit schreef 15.12.2015 over\n\n{LEDE}\n\n{MORE}\n"
    draft = drafts_from_bytes(text.encode(), SourceInfo("raw/page.txt", "0" * 64, SCRAPED, SCRAPED), Config(),
                              explain=True)[0]
    role = draft.evidence["lines"].split("Anna Smit schreef 15.12.2015 over <- model: ")[1].split(" ")[0]
    assert (draft.article.meta.get("date") is None) == (role != "dateline"), role


def test_a_hostile_head_of_dates_and_times_is_read_once() -> None:
    hostile = "15.12.2015, 14:54 " * 12 + "1" * 100_000
    assert date_of(f"Nieuwe sporthal komt er toch\n\n{hostile}\n\n{LEDE}\n\n{MORE}\n") is None
    many = "".join(f"Anna {'x' * 150} {index}:{index}\n\n" for index in range(2000))
    assert date_of(f"Nieuwe sporthal\n\n{many}{LEDE}\n") is None


def test_a_date_in_figures_is_month_first_only_on_a_page_that_writes_its_dates_month_first() -> None:
    opinion = ("Order on the motion to dismiss\n\n08-05-2021\n\nThis matter comes before the Court on the "
               "defendants' motion, filed after the hearing of {hearing}, and the Court has reviewed it.\n\n"
               "The motion is granted in part and denied in part, as set out below.\n")
    assert date_of(opinion.format(hearing="July 13, 2020")) == "2021-08-05"
    assert date_of(opinion.format(hearing="13 July 2020")) == "2021-05-08"  # day first, as the page writes
    assert date_of(opinion.format(hearing="the summer")) == "2021-05-08"  # nothing says: day first
    assert date_of(opinion.format(hearing="July 13, 2020 and 14 July 2020")) == "2021-05-08"  # both: day first


def test_a_hostile_page_of_worded_dates_is_read_once() -> None:
    many = "May 1, 2020 " * 150 + "\n\n"
    assert date_of(f"Order\n\n08-05-2021\n\n{many * 300}{LEDE}\n") == "2021-08-05"
    assert date_of(f"Order\n\n08-05-2021\n\n{'May 1' * 40_000}\n\n{LEDE}\n") == "2021-05-08"


def test_a_dates_figures_inside_a_longer_code_are_no_date() -> None:
    assert date_of(f"Schoten gelost\n\nMBG-2022-04-0744\n\n{LEDE}\n\n{MORE}\n") is None
    assert date_of(f"Schoten gelost\n\n2022-04-07\n\n{LEDE}\n\n{MORE}\n") == "2022-04-07"
    assert date_of(f"Schoten gelost\n\nZaak 2022-04-07\n\n{LEDE}\n\n{MORE}\n") == "2022-04-07"
    hostile = "1" * 100_000 + "-2022-04-07" + "9" * 100_000
    assert date_of(f"Schoten gelost\n\n{hostile}\n\n{LEDE}\n\n{MORE}\n") is None


def test_figures_glued_after_a_time_or_after_a_whole_timestamp_do_not_unmake_the_date() -> None:
    assert date_of(f"Schoten gelost\n\n09 mei 2018 - 08:293 minuten leestijd\n\n{LEDE}\n\n{MORE}\n") == "2018-05-09"
    assert date_of(f"Schoten gelost\n\n2020-04-16T14:23:19+02:0031 mrt 2020|\n\n{LEDE}\n\n{MORE}\n") == "2020-04-16"


REPORT = ("Het politieke jaar werd afgesloten met het debat over de jaarrekening van de gemeente. Wij vroegen "
          "aandacht voor de woningzoekenden en dienden een motie in.")


@pytest.mark.parametrize(("page", "day"), [
    # a party's report of a meeting, and a notice of a vote to come: the event's day is not the page's
    (f"Raadsvergadering 06-07-2023\n\n{REPORT}\n\n{MORE}\n", None),
    (f"Verslag raadsvergadering 9 januari 2018\n\n{REPORT}\n\n{MORE}\n", None),
    (f"Stemming nu op 27 september 2020\n\n{LEDE}\n\n{MORE}\n", None),
    # the meeting's own record: who was there, its opening
    (f"Raadsvergadering 06-07-2023\n\nAanwezig: Jan de Vries (voorzitter), Piet Smit\n\n1. Opening\n\n{REPORT}\n",
     "2023-07-06"),
    (f"Zitting van 26 januari 2023\n\n{REPORT}\n\n{MORE}\n", "2023-01-26"),
])
def test_a_headline_naming_a_meeting_dates_its_record_not_a_report_of_it(page: str, day: str | None) -> None:
    assert date_of(page) == day


RELEASE = ("De regering keurde vrijdag een wetsontwerp goed over de opvang van slachtoffers. Na afloop gaf de "
           "eerste minister een persconferentie over de begroting.")
AGENDA = "1.\n\nElection of Vice Chairman for the Municipal Year\n\n2.\n\nPublic speaking at planning committees"


@pytest.mark.parametrize(("page", "day"), [
    # a body that meets, named before its meeting's day: a press release about it, an agenda of a meeting to come
    (f"Bekijk dit persbericht\n\nMinisterraad van 15 juni 2018\n\nDoor Anna Smit\n\n{RELEASE}\n\n{MORE}\n", None),
    (f"Agenda\n\nPlanning and Regulatory Committee - Wednesday, 18th May, 2022 2.30 pm\n\nVenue: Town Hall\n\n"
     f"Items\n\n{AGENDA}\n", None),
    # its own record still dated by it
    (f"Planning Committee - 18 May 2022\n\nPresent: Jane Roe (chair), John Doe\n\n1. Opening\n\n{AGENDA}\n",
     "2022-05-18"),
    # and a body named after the day is no event before it
    (f"Nieuwe sporthal\n\n15 juni 2018 - Ministerraad\n\n{RELEASE}\n\n{MORE}\n", "2018-06-15"),
])
def test_a_meeting_body_named_before_its_day_is_the_meetings_day_not_the_pages(page: str, day: str | None) -> None:
    assert date_of(page) == day


def test_a_record_named_on_a_line_of_the_head_is_dated_by_its_meeting() -> None:
    page = ("Dorpsbelang Noordveld\n\nNoordveld, Zuidveld en Oostveld\n\nVereniging Dorpsbelang\n\n"
            "Notulen bestuursvergadering Dorpsbelang Noordveld dinsdag 7 maart 2016\n\n"
            "Aanwezig: Jan de Vries (voorzitter)\n\nPiet Smit (notulen)\n\nKlaas Bos\n\n"
            "Afwezig met kennisgeving: Anna Wit\n\n1. Opening\n\nJan heet iedereen welkom.\n\n"
            f"2. Mededelingen\n\n{MORE}\n")
    assert date_of(page) == "2016-03-07"


@pytest.mark.parametrize("line", [
    "Opgericht 7 augustus 1939",  # the club's founding
    "Politie Noordstad - Tijd: 12.12.2018, 11:15 uur, Locatie: Politiebureau, Markt 1",  # an appointment
])
def test_a_founding_or_an_appointment_does_not_date_the_page(line: str) -> None:
    page = f"ORANJEVERENIGING NOORDVELD\n\n{line}\n\nJaarverslag 2023\n\n{LEDE}\n\n{MORE}\n"
    assert date_of(page) is None


_HOSTILE = ["Opgericht ", "Locatie: ", "Aanwezig: ", "Raadsvergadering ", " op ", "Notulen ", "1. Opening",
            "uitspraak van de ", "van ", "30 apr '", "Meeting Date: ",
            "99999", "7 augustus 1939", "06-07-2023", "31-02-99999", "\x00", "\x1b[2J", "\u202e", " ", "\n\n", "9" * 40]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_HOSTILE), st.integers(1, 300)), min_size=1, max_size=8))
def test_hostile_heads_of_meetings_foundings_and_appointments_never_fail(runs: list[tuple[str, int]]) -> None:
    from pipeline.reading.other_dates import another_days

    text = "".join(piece * count for piece, count in runs)
    assert isinstance(another_days("7 augustus 1939", text), bool)
    page = read_page(text + "\n\n" + LEDE)
    assert all(isinstance(token, str) for token, _ in page.dates + page.weak_dates)
    try:
        day = date_of(text + "\n\n" + LEDE + "\n")
    except DecodeError as error:  # a file of many control characters is refused as binary, in one clear line
        assert "binary" in str(error)
    else:
        assert day is None or (len(day) == 10 and "0001" <= day[:4] <= "9999")


def test_a_date_line_naming_a_meeting_a_page_reports_is_no_date_of_it_but_a_publication_label_is() -> None:
    from pipeline.reading.lines import Kind, Page, PageLine
    from pipeline.reading.page_dates import settle_dates

    def settled(second: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        lines = [PageLine("Partij Noordveld", 0, Kind.HEADLINE), PageLine(second, 1, Kind.DATE_LINE),
                 PageLine(REPORT, 2), PageLine(MORE, 3)]
        page = Page(dates=[(find_date_token(second) or "", second)])
        settle_dates(lines, 2, page)
        return page.dates, page.weak_dates

    assert settled("Raadsvergadering 13-11-2022") == ([], [])
    labelled = "Gepubliceerd op 14-11-2022, na de raadsvergadering"
    assert settled(labelled)[0][0] == ("14-11-2022", labelled)


def test_a_date_with_an_apostrophe_year_and_its_time_in_the_head_dates_the_page() -> None:
    page = (f"Politiek30 apr '21 12:00Aangepast op 30 apr '21 15:38\n\nNieuwe sporthal komt er toch\n\n"
            f"{LEDE}\n\n{MORE}\n")
    assert date_of(page) == "2021-04-30"


@pytest.mark.parametrize(("page", "day"), [
    # the record's name among the first lines: its meetings date it
    ("Openbare lijst van besluiten van de gemeenteraad van 29 en 30 maart 2022\n\nVergadering 29 maart 2022\n\n"
     f"Benoeming voorzitter bezwaarcommissie\n\n{REPORT}\n", "2022-03-29"),
    # a key of the document's own date, though it names the meeting
    (f"Bestuursrapportage\n\nVergaderdatum: 24 februari 2014\n\nOnderwerp: Verslag van de directeur\n\n{REPORT}\n",
     "2014-02-24"),
])
def test_a_records_meeting_and_a_documents_own_date_key_still_date_it(page: str, day: str) -> None:
    assert date_of(page) == day


@pytest.mark.parametrize(("opening", "day"), [
    ("uitspraak van de voorzieningenrechter van 24 december 2019 op het verzoek om voorlopige voorziening in de "
     "zaak tussen", "2019-12-24"),
    ("Vonnis van de kantonrechter van 3 mei 2021 in de zaak van", "2021-05-03"),
    # a story about a ruling names its day inside a sentence: no date of the page
    ("De advocaat zegt dat het vonnis van de rechtbank van 5 mei 2020 blijft staan.", None),
])
def test_a_rulings_opening_names_its_day_of_judgment(opening: str, day: str | None) -> None:
    head = "".join(f"{key}:\n\n" for key in ("Datum uitspraak", "Datum publicatie", "Zaaknummer", "Instantie"))
    page = f"< Terug naar de zoekresultaten\n\n{head}Rechtbank Noordstad\n\nBestuursrecht\n\n{opening}\n\n{MORE}\n"
    assert date_of(page) == day


def test_a_date_line_beside_the_headline_comes_before_the_sites_today_above_its_menu() -> None:
    menu = "".join(f"  • {item}\n" for item in ("Voorpagina", "Algemeen", "Financieel", "Duurzaamheid",
                                                 "Ondernemen", "Gezondheid", "Dossiers"))
    page = (f"  • Publicaties\n  • Adverteren\n  • Contact\ndinsdag 20 mei 2025\n\nPodcasts\n\n{menu}\n"
            f"Nieuwe sporthal komt er toch\n\nAlgemeen\n\n27 jun 2024\n\n2 min. leestijd\n\n{LEDE}\n\n{MORE}\n")
    assert date_of(page) == "2024-06-27"
    # a date line over the headline with nothing between them stays the page's
    assert date_of(f"dinsdag 20 mei 2025\n\nNieuwe sporthal komt er toch\n\n{LEDE}\n\n{MORE}\n") == "2025-05-20"



@pytest.mark.parametrize(("head", "line", "day"), [
    ("Meld je aan voor onze wekelijkse nieuwsbrief", "18.03.2019 Nieuwe sporthal in Oosterwolde gaat in mei open",
     "2019-03-18"),
    ("Gemeente Oosterwolde", "March 4, 2014 Anna de Vries Town Clerk", "2014-03-04"),
    ("Nieuwe sporthal komt er", "12 februari 2021 sport gemeenteraad 0", "2021-02-12"),
])
def test_a_whole_date_opening_the_line_above_the_lede_dates_the_page_whatever_the_model_takes_the_line_for(
        monkeypatch: pytest.MonkeyPatch, head: str, line: str, day: str) -> None:
    model_gives(monkeypatch, {head: {"headline": 0.7}, line: {"headline": 0.4, "body": 0.3}})
    assert date_of(f"{head}\n\n{line}\n\n{LEDE}\n\n{MORE}\n") == day


@pytest.mark.parametrize("line", [
    "Bijgewerkt 18.03.2019 Nieuwe tekening van de sporthal",  # the date inside the line, after a change's label
    "18 maart Open dag in de nieuwe sporthal",  # a day without its year
    "Met dank aan 18.03.2019 en de vrijwilligers",  # no date opens the line
])
def test_a_line_above_the_lede_that_does_not_open_with_a_whole_date_does_not_date_the_page(
        monkeypatch: pytest.MonkeyPatch, line: str) -> None:
    model_gives(monkeypatch, {"Nieuwe sporthal komt er": {"headline": 0.7}, line: {"headline": 0.4, "body": 0.3}})
    assert date_of(f"Nieuwe sporthal komt er\n\n{line}\n\n{LEDE}\n\n{MORE}\n") is None


def test_a_date_opening_the_line_above_the_lede_is_not_the_pages_when_it_lists_dated_items(
        monkeypatch: pytest.MonkeyPatch) -> None:
    items = "".join(f"{day} maart 2019 Nieuws uit de raad\n\n{LEDE}\n\n" for day in (18, 11, 4))
    model_gives(monkeypatch, {})
    assert date_of(f"Nieuws\n\n{items}") is None


def test_a_day_month_and_year_in_figures_with_spaces_on_a_line_of_its_own_dates_the_page() -> None:
    assert date_of(f"Nij plan foar de sporthal\n\n21 12 2022\n\n{LEDE}\n\n{MORE}\n") == "2022-12-21"
    zone = Config().zone
    for token in ("32 12 2022", "21 13 2022", "31 2 2022", "5 1 1850", "21 12 2022 bezoekers", "1 2 3 2022"):
        assert parse_date(token, zone) is None  # no day, no month, no year of a date: a count or a score
    assert not looks_like_date("21 12 2022", zone)  # a wider form: the lines are sorted as before


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789 \t\n-./:", max_size=60))
def test_figures_and_spaces_are_a_date_or_none_and_never_fail(text: str) -> None:
    value = parse_date(text, Config().zone)
    assert value is None or 1900 <= value.moment.year <= 2099


def test_figures_with_spaces_are_read_in_one_pass() -> None:
    # a line of numbers as long as a token may be, and one far longer: anchored, so each is looked at once
    for text in ("1 " * 99 + "2022", "12 12 " * 20_000 + "2022", "1" * 100_000 + " 12 2022"):
        assert parse_date(text, Config().zone) is None
        assert date_of(f"Sporthal\n\n{text}\n\n{LEDE}\n") is None


GLUED_STAMP = "2020-04-16T14:23:19+02:0031 mrt 2020|"


def test_a_timestamp_glued_before_the_date_it_shows_is_a_date_line(monkeypatch: pytest.MonkeyPatch) -> None:
    # under the story its own date, a time element's attribute glued to its text; below it, a teaser's date
    model_gives(monkeypatch, {"Nieuwe sporthal later klaar": {"headline": 0.9}, GLUED_STAMP: {"other": 0.9},
                              "24 dec 2021|": {"dateline": 0.9}, "Meer nieuws": {"related": 0.9}})
    page = (f"Nieuwe sporthal later klaar\n\n{LEDE}\n\n{MORE}\n\n{GLUED_STAMP}\n\nMeer nieuws\n\n24 dec 2021|\n\n"
            "De redactie wenst iedereen fijne feestdagen en een goed nieuw jaar toe.\n")
    assert date_of(page) == "2020-04-16"


@pytest.mark.parametrize("line", [
    "2020-04-16T14:23:19+02:00 31 mrt 2020 Nieuws",  # a space between them, and a word beside the date
    "2020-04-16T14:23:19+02:00Meer over de sporthal",  # a stamp glued to words, not to a date
])
def test_a_timestamp_glued_to_anything_but_a_date_line_is_no_date_line(line: str) -> None:
    from pipeline.reading.date_candidates import _date_alone

    assert not _date_alone(line, True)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["2020-04-16T14:23:19+02:00", "31", " mrt ", "2020", "|", "T", ":", "0", " "]),
                max_size=40))
@example(parts=[" mrt ", "0", "0", "0", "0"])  # a month and the year 0000: no date, and no error
def test_glued_stamps_never_fail(parts: list[str]) -> None:
    from pipeline.reading.date_candidates import _date_alone

    assert _date_alone("".join(parts), True) in (True, False)


def test_hostile_glued_stamps_are_read_in_one_pass() -> None:
    from pipeline.reading.date_candidates import _date_alone

    assert not _date_alone("2020-04-16T14:23:19+02:00" + "31 mrt 2020 " * 13, True)  # too long for a date line
    many = "".join(f"2020-04-{day:02d}T14:23:19+02:00{day} mrt 2020|\n\n" for day in (i % 28 + 1 for i in range(3000)))
    assert date_of(f"Nieuws\n\n{many}{LEDE}\n") is None  # a list of dated items


def test_an_agenda_point_the_model_takes_for_a_date_line_gives_no_date(monkeypatch: pytest.MonkeyPatch) -> None:
    points = ("- 21 december: leerlingen vrij\n\n- 7 januari 2019: eerste schooldag 2019\n\n"
              "- 7 januari 2019: start toetsen groep 8")
    model_gives(monkeypatch, {"Nieuwsbrief 3": {"navigation": 0.9},
                              "- 7 januari 2019: eerste schooldag 2019": {"dateline": 0.6}})
    assert date_of(f"Nieuwsbrief 3\n\nBelangrijke data\n\n{points}\n\nOudergesprekken\n\n{LEDE}\n\n{MORE}\n") is None


def test_a_record_named_in_a_compound_dates_the_page_though_another_line_is_its_headline() -> None:
    page = f"B&W-besluitenlijst 12 maart 2024\n\nSubsidie voor de nieuwe sporthal\n\n{LEDE}\n\n{MORE}\n"
    assert date_of(page) == "2024-03-12"


DECISION = ("Gemeente Noordveld\n\nVerordening afvalstoffenheffing 2006\n\n"
            "De raad van de gemeente Noordveld, bijeen in zijn openbare vergadering van 21 december 2005;\n\n"
            "Gelezen het voorstel van\n\nburgemeester en wethouders van 8 november 2005; nr 004.0046447;\n\n"
            "Gelet op\n\nde artikelen 219 en 220 van de Gemeentewet en de verordening van het vorige jaar die hiermee "
            "vervalt;\n\nBesluit:\n\nvast te stellen de navolgende verordening\n\nArtikel 1 Belastingplicht\n\n")


def test_a_decisions_meeting_formula_above_its_lede_dates_it() -> None:
    assert date_of(DECISION + LEDE + "\n") == "2005-12-21"


def test_a_publication_label_inside_a_long_line_of_the_head_dates_the_page() -> None:
    title_page = ("2 Rapport over de brand in de sporthal " + "In opdracht van de veiligheidsregio Noord " * 10
                  + "Opdrachtnemer: Adviesbureau Noord B.V. In samenwerking met: Auteurs: Datum: 21 januari 2016 "
                  "Versie: Definitief 1.2 Foto voorblad: de sporthal")
    page = f"Rapport over de brand in de sporthal d.d. 3 augustus 2015\n\n{title_page}\n\n{LEDE}\n\n{MORE}\n"
    assert len(title_page) > 400 and date_of(page) == "2016-01-21"
    too_long = title_page.replace("Opdrachtnemer", "In opdracht van de veiligheidsregio Noord " * 40 + "Opdrachtnemer")
    assert date_of(page.replace(title_page, too_long)) == "2015-08-03"  # no metadata that long: the headline's


def test_hostile_long_head_lines_of_labels_are_read_in_one_pass() -> None:
    for line in ("Datum: " * 300, "Auteurs: Datum: 1" * 120, "datum " + "1" * 1990, "Stand " + "- 12" * 490):
        assert date_of(f"Sporthal\n\n{line}\n\n{LEDE}\n") is None


STORM = ("Mindestens elf Tote durch Hochwasser in Europa: In Teilen von Österreich, Polen und Tschechien bleibt die "
         "Lage weiterhin angespannt, die Pegel steigen weiter.")


@pytest.mark.parametrize(("opening", "day"), [
    ("Breslau/Prag, 16.09.2024 ", "2024-09-16"),  # a place and a comma: no dash needed
    ("Frankfurt am Main (Deutschland), 16.09.2024 – ", "2024-09-16"),
    ("16.09.2024 ", "2024-09-17"),  # no place, no dash: a sentence may open with a day it is about
    ("Breslau/Prag, 16.09.2024, ", "2024-09-17"),  # no story's first word after it
])
def test_a_ledes_dateline_names_the_storys_day_before_a_date_line_under_the_lede(opening: str, day: str) -> None:
    page = f"Es regnet weiter: Zahl der Hochwasser-Toten steigt\n\n{opening}{STORM}\n\n{MORE}\n\n17.09.2024\n"
    assert date_of(page) == day


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Breslau/Prag", ",", " ", "16.09.2024", "(", ")", "Main", "–", "M", "/", "."]),
                max_size=30))
def test_ledes_datelines_never_fail(parts: list[str]) -> None:
    from pipeline.reading.date_candidates import lede_dateline
    from pipeline.reading.lines import PageLine

    lines = [PageLine("Kop", 0), PageLine("".join(parts), 1)]
    found = lede_dateline(lines, 1)
    assert found is None or found[0] in lines[1].text


def test_hostile_ledes_datelines_are_read_in_one_pass() -> None:
    from pipeline.reading.date_candidates import lede_dateline
    from pipeline.reading.lines import PageLine

    for lede in ("A" + " a" * 50_000 + ", 16.09.2024 Mindestens", "A/" * 50_000, "A (" + "x" * 100_000,
                 "Breslau, " * 20_000 + "16.09.2024 Mindestens"):
        assert lede_dateline([PageLine("Kop", 0), PageLine(lede, 1)], 1) is None


@pytest.mark.parametrize(("page", "day"), [
    # an author, the date and its change between bars, under the lede; a teaser's byline below is another day
    (f"Speeltuin geopend\n\n{LEDE}\n\nJan de Vries | 26 september 2015 17:55 | Aangepast op 26 september 2015 "
     f"17:55\n\n{MORE}\n\nMeest gelezen\n\nBrug gaat dicht\n\nDe Krant | 27 jan 2026 19:22\n", "2015-09-26"),
    # the date first, the authors' names after it
    (f"Verkiezingen: het dossier\n\n8 februari 2018 Jan de Vries, Piet van den Berg\n\n{LEDE}\n", "2018-02-08"),
    # a newsletter's issue in a line of the head
    ("Informationen aus dem Ministerium\n\nAus dem Ministerium des Innern, Newsletter vom 08. April 2021\n\n"
     "Die Zahlen sinken dank der Feiertage, die Lage auf den Intensivstationen bleibt dennoch ernst, wie das "
     "Ministerium am Donnerstag mitteilte.\n", "2021-04-08"),
    # the lede opening with a bare date, a full stop or not, where no date line dates the page
    (f"Nieuwe wijkraad\n\n6 oktober 2015. Gisteravond is een nieuwe wijkraad gekozen. {MORE}\n", "2015-10-06"),
    ("05.04.2023 Auf der Kreuzung am Markt ereignete sich am Mittwochnachmittag ein Verkehrsunfall mit zwei "
     "Autos, bei dem niemand verletzt wurde.\n", "2023-04-05"),
    # "added on" labels the day the items were posted
    ("News items added on Thursday, March 31, 2011\n\nParish fast day this Friday\n\nThe parish will hold a fast "
     "day on Friday, and the proceeds will go to the charity the council chose last year.\n", "2011-03-31"),
    # a meeting's record dated "d.d." (de dato)
    ("Verslag vergadering Dorpsraad d.d. 25 oktober 2018, de aanvang is om 19.30 uur en het is in het dorpshuis.\n\n"
     "Aanwezig: Jan de Vries, voorzitter; Piet Bos, secretaris.\n\n1. Opening. De voorzitter opent de "
     "vergadering en heet iedereen welkom in het dorpshuis.\n", "2018-10-25"),
    # the article saying under its text on which day it appeared
    ("Berlin – Die Gemeinden schlagen Alarm, weil die Kosten der Kliniken weiter steigen und das Land nicht hilft, "
     "wie der Verband am Montag mitteilte.\n\nDieser Artikel (ID: 1234) ist am 18.09.2025 in folgenden Ausgaben "
     "erschienen: Stadtanzeiger (Seite 7)\n", "2025-09-18"),
    # a list of decisions named above its headline with its meeting's day
    ("Der Rat hat in seiner Sitzung am 26.02.2020 folgende Beschlüsse gefasst:\n\nNeuer Spielplatz im Park\n\n"
     "Der Spielplatz im Park wird erneuert, die Kosten trägt die Gemeinde, wie der Rat einstimmig beschlossen hat.\n",
     "2020-02-26"),
])
def test_more_forms_of_the_pages_own_date(page: str, day: str) -> None:
    assert date_of(page) == day


@pytest.mark.parametrize(("page", "day"), [
    # a date line the reader takes for a caption (a source beside it) completes the header's month
    (f"date 2017-08 Brand in kelder\n\n24/08/17 - 22u54 Bron: Eigen berichtgeving\n\n{LEDE}\n", "2017-08-24"),
    # so does a headline that is a date
    (f"date 2020-03 15.03.2020 ( vor 7 Stunden )\n\n{LEDE}\n", "2020-03-15"),
    # a day of another month does not
    (f"date 2020-04 15.03.2020 ( vor 7 Stunden )\n\n{LEDE}\n", "2020-04-01"),
])
def test_a_header_month_takes_its_day_from_a_date_on_a_line_of_its_own(page: str, day: str) -> None:
    assert date_of(page) == day


def test_a_books_appearance_is_no_publication_label() -> None:
    assert labelled_date("Das Buch ist am 18.09.2025 im Verlag erschienen.") is None
    assert labelled_date("Dit artikel is op 3 mei 2020 in de krant verschenen.") == "3 mei 2020"


def test_a_year_in_two_figures_from_69_is_of_the_last_century() -> None:
    assert date_of(f"Die amtlichen Bekanntmachungen\n\n18.10.98 (Allgemein)\n\n{LEDE}\n") == "1998-10-18"


_BYLINE_PIECES = ["Jan ", "de ", "| ", "|", "26 september 2015 ", "17:55 ", "Aangepast op ", "Newsletter vom ",
                  "08. ", "April ", "2021", "15/Oct/", "/", "-", "Oct", "18.10.", "98", ". ", "Auf ", ",", " d.d. ",
                  "added on ", "\x00", "\u202e", "9" * 30,
                  "Dieser Artikel ist am ", "erschienen", "Sitzung am ", "Beschlüsse "]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_BYLINE_PIECES), st.integers(1, 300)), min_size=1, max_size=6))
def test_pathological_bylines_and_openings_are_read_to_the_end(runs: list[tuple[str, int]]) -> None:
    text = "".join(piece * count for piece, count in runs)
    bar_byline_date(text)
    date_then_names(text)
    for page in (f"Kop\n\n{text}\n\n{LEDE}\n", f"{text[:2000]} {LEDE}\n", f"date 2020-03 {text}\n\n{LEDE}\n"):
        try:
            day = date_of(page)
        except (DecodeError, SourceError):  # refused with a reason (binary, no text): never a crash
            continue
        assert day is None or day[:2] in ("19", "20")


def test_a_year_written_with_leading_zeros_or_far_off_dates_no_page() -> None:
    zone = Config().zone
    for token in ("1/1/0100", "1/1/0001", "01-01-0100", "0100-01-01", "0100/01/01", "1.1.2150", "2200-01-01"):
        assert parse_date(token, zone) is None, token
    assert parse_date("1/1/01", zone) is not None  # two figures are a short year: 2001
    assert parse_date("1.1.1999", zone) is not None


@pytest.mark.parametrize("line", ["mrt 0000", "maart 0000", "1 maart 0000", "0000-03-01", "March 0000", "0 mrt 0000"])
def test_a_page_dated_in_the_year_0000_is_read_without_a_date_from_it(line: str) -> None:
    from datetime import UTC, datetime

    from pipeline.model.config import config_from_mapping
    from pipeline.reading.draft import SourceInfo, drafts_from_bytes

    text = (f"{line}\nDe gemeenteraad heeft donderdagavond ingestemd met de bouw van een nieuwe sporthal.\n\n"
            "De bouw begint volgend jaar en duurt ongeveer twee jaar, zegt de wethouder.\n")
    scraped = datetime(2024, 4, 1, tzinfo=UTC)
    draft = drafts_from_bytes(text.encode("utf-8"), SourceInfo("raw/x.txt", "0" * 64, scraped, scraped),
                              config_from_mapping({}))[0]
    assert not str(draft.article.meta.get("date", "")).startswith("0000")
