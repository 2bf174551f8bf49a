"""A whole web page flattened to text by a careless scraper: menus, teasers, footers and comments all
kept, one line per block. The article is the page's densest run of prose."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model.config import Config
from pipeline.reading import line_model
from pipeline.reading.draft import compose_body
from pipeline.reading.lines import Kind, PageLine
from pipeline.reading.page import read_page
from pipeline.reading.run_of_text import (
    _NEAR_END,
    _SPAN_PAGE_SHORT,
    ARTICLE_FURNITURE,
    cut_below_the_learnt_article,
    is_whole_page,
    learnt_article_end,
)

CONFIG = Config(languages=("nl", "en"), default_language="nl")

MENU = ["Home", "Nieuws", "Regio", "Sport", "Economie", "Cultuur", "Wonen", "Werk", "Opinie", "Video", "Podcasts",
        "Puzzels", "Weer", "Verkeer", "Abonneren", "Inloggen", "Zoeken", "Contact", "Adverteren", "Vacatures",
        "Nieuwsbrief", "Archief"]
ARTICLE = [
    "Dorpshuis Hoenderloo gaat na de zomer dicht",
    "Het dorpshuis in Hoenderloo sluit na de zomer zijn deuren. Het bestuur kan de stijgende energiekosten niet "
    "meer betalen en vindt geen nieuwe vrijwilligers om de bar en de zaalverhuur te regelen.",
    "Het gebouw is eigendom van de gemeente Apeldoorn. Die wil het eerst een jaar leeg laten staan en daarna "
    "bekijken of er woningen of een zorgpost in kunnen komen.",
    "Verenigingen zoeken ruimte",
    "Voor de twaalf verenigingen die er nu wekelijks samenkomen, van de biljartclub tot het koor, is dat een "
    "harde klap. Een aantal van hen vindt mogelijk onderdak in de kerk aan de Krimweg.",
]
AFTER = ["Reacties (3)", "Jan Pietersen", "12 mei 2025 om 09:14",
         "Wat zonde, daar heb ik als kind nog op de biljartclub gezeten en het was altijd gezellig op vrijdag.",
         "Reageren", "Anneke", "12 mei 2025 om 10:02",
         "De gemeente had hier veel eerder moeten ingrijpen, dit zag iedereen al jaren aankomen in het dorp.",
         "Reageren", "Privacy", "Cookies", "Colofon", "© 2025 Veluwe Vandaag"]


def test_the_article_is_the_run_of_prose_between_menu_and_comments() -> None:
    body = compose_body("\n".join([*MENU, *MENU[:10], *ARTICLE, *AFTER]), CONFIG, want_headline=True)
    assert body.page.headline == "Dorpshuis Hoenderloo gaat na de zomer dicht"
    assert body.headings == ["Verenigingen zoeken ruimte"]
    assert [p[:30] for p in body.paragraphs] == [ARTICLE[1][:30], ARTICLE[2][:30], ARTICLE[4][:30]]
    for furniture in ("Abonneren", "biljartclub gezeten", "veel eerder moeten ingrijpen", "Colofon"):
        assert furniture not in body.markdown
    assert any("run of text" in removed.reason for removed in body.page.removed)


def test_a_short_page_is_left_to_the_line_rules() -> None:
    page = read_page("\n".join(["Home", "Nieuws", *ARTICLE]))
    assert not any("run of text" in removed.reason for removed in page.removed)


def test_a_link_list_above_the_article_does_not_end_it() -> None:
    above = ["Marieke Jansen is verslaggever voor de regio Apeldoorn en schrijft vooral over het dorpsleven.",
             "Gerelateerde artikelen", "Nieuwe bakker in Beekbergen", "Speeltuin Ugchelen krijgt nieuwe schommels"]
    body = compose_body("\n".join([*MENU, *MENU[:10], *above, *ARTICLE, *AFTER]), CONFIG, want_headline=True)
    for paragraph in (ARTICLE[1], ARTICLE[2], ARTICLE[4]):
        assert paragraph in body.paragraphs
    assert "biljartclub gezeten" not in body.markdown


def test_a_document_of_many_short_parts_is_never_cut_to_its_longest_run() -> None:
    """A ruling: its summary, its letterhead and parties, its procedure, a list of documents, its grounds:
    many short lines and several runs of prose. Its longest run holds too little of its prose to be the
    one article on a page of furniture, so nothing of it is taken away."""
    summary = ("Inhoudsindicatie: de boete die de inspectie aan de feitelijke werkgever oplegde, mag deze volgens "
               "de rechtbank verhalen op de formele werkgever, omdat die de arbeidskrachten ter beschikking stelde.")
    parts = ["RECHTBANK ROTTERDAM", "Sector civiel recht", "zaaknummer / rolnummer: 123 / HA ZA 09-1",
             "Vonnis van 5 januari 2011", "in de zaak van", "[eiser],", "wonende te Rotterdam,", "eiser,",
             "advocaat mr. A. de Vries te Rotterdam,", "tegen", "[gedaagde],", "gevestigd te Delft,", "gedaagde."]
    procedure = ("1. De procedure: het verloop van de procedure blijkt uit de dagvaarding, de conclusie van antwoord, "
                 "het tussenvonnis, het proces-verbaal van de comparitie en de pleitnota's van beide partijen.")
    documents = [f"- productie {n}" for n in range(1, 31)]
    grounds = [f"{n}. De rechtbank stelt vast dat partij {n} de overeenkomst in het jaar {2000 + n} heeft gesloten "
               f"en dat de boete van die partij volgens de wet op de andere partij mag worden verhaald."
               for n in range(2, 7)]
    lines = [summary, *parts, procedure, *documents, *grounds, "De rechter", "mr. B. Jansen"]
    body = compose_body("\n".join(lines), CONFIG, want_headline=True)
    for kept in (summary, procedure, *grounds, "wonende te Rotterdam,"):
        assert kept in body.markdown
    assert not any("run of text" in removed.reason for removed in body.page.removed)


def test_a_ruling_is_never_cut_to_its_summary() -> None:
    """A ruling's page cut off early: its metadata block, a long summary, then its parties one short line each.
    The summary is the page's one run of prose, yet the parties are the ruling's own text."""
    metadata = ["Uitspraken", "Zoeken", "Feedback", "ECLI:NL:RBAMS:2031:1234", "Instantie", "Rechtbank Amsterdam",
                "Datum uitspraak", "01-02-2031", "Datum publicatie", "03-02-2031", "Zaaknummer",
                "C/13/1234 / HA ZA 30-9",
                "Rechtsgebieden", "Civiel recht", "Inhoudsindicatie"]
    summary = ("Geschil over de levering van tweehonderd fietsen aan een verhuurbedrijf; de vordering tot betaling "
               "wordt toegewezen, omdat de koper niet tijdig heeft geklaagd over de gebreken die hij later aanvoerde. "
               "De tegenvordering wordt afgewezen en de koper wordt veroordeeld in de kosten van de procedure.")
    parties = ["Uitspraak", "vonnis", "RECHTBANK AMSTERDAM", "Team handel", "in de zaak van",
               "1. de besloten vennootschap FIETSHANDEL NOORD B.V.,", "te Zaandam,", "eiseres in de hoofdzaak,",
               "advocaat mr. K. de Boer te Haarlem,", "tegen", "2. VERHUUR ZUID B.V.,", "te Utrecht,",
               "gedaagde in de hoofdzaak en eiseres in het incident,", "advocaat mr. P. Smit te Utrecht."]
    body = compose_body("\n".join([*metadata, summary, *parties, *[f"Pagina {n}" for n in range(1, 16)]]),
                        CONFIG, want_headline=True)
    for kept in ("gedaagde in de hoofdzaak en eiseres in het incident,", "advocaat mr. K. de Boer te Haarlem,",
                 "te Zaandam,"):
        assert kept in body.markdown
    assert not any("run of text" in removed.reason for removed in body.page.removed)


def test_lines_that_go_on_are_never_cut_as_outside_the_run() -> None:
    """A verse, an agenda, a list of who was there under a page's run of prose: lines of a few words or
    more, or lines that go on from the one above, are the text's own; a menu's words after it still go."""
    verse = ["in de schaduw van de toren", "waar de markt op maandag staat,", "de kramen en de kisten,",
             "het lawaai van de straat"]
    agenda = ["2031_GR_00017 - Cultuur - Reglement voor de zaalverhuur - Goedkeuring",
              "Johan Peeters, Raadslid"]
    with line_model.using(None, frozenset()):  # the rule itself, whatever the model makes of the lines it leaves
        body = compose_body("\n".join([*MENU, *MENU[:10], *ARTICLE, *verse, *agenda, "Privacy", "Cookies",
                                       "Colofon"]), CONFIG, want_headline=True)
    for kept in (*verse, *agenda):
        assert kept in body.markdown
    for furniture in ("Privacy", "Colofon", "Abonneren"):
        assert furniture not in body.markdown


def test_a_footer_under_its_menu_is_not_kept_as_text_that_may_go_on() -> None:
    """Below the run, lines that may be text are kept until a footer's menu (a row of a word or two each)
    ends the page: the footer's sentences under it ("Vervielfältigung nur mit Genehmigung") are its own."""
    from pipeline.reading.run_of_text import AFTER_RUN_GAP

    verse = ["in de schaduw van de toren", "waar de markt op maandag staat."]
    footer_menu = ["Privacy", "Cookies", "Colofon", "Adverteren", "Vacatures", "Contact", "Over ons"]
    footer = ["Overname van artikelen alleen met toestemming van de uitgever",
              "De digitale krant van de Veluwe elke ochtend in je mailbox"]
    assert len(footer_menu) >= AFTER_RUN_GAP
    with line_model.using(None, frozenset()):
        body = compose_body("\n".join([*MENU, *MENU[:10], *ARTICLE, *verse, *footer_menu, *footer]), CONFIG,
                            want_headline=True)
    for kept in verse:  # the text's own lines, right under the run, stay
        assert kept in body.markdown
    for furniture in (*footer_menu, *footer):
        assert furniture not in body.markdown


def test_teasers_under_the_article_go_by_the_line_models_word(monkeypatch: pytest.MonkeyPatch) -> None:
    """Below the article, other stories' titles, each over its date, and a newsletter's pitch: lines of a few
    words or more, which the shape rules keep as may-be text. When the line model gives each of them a good
    share of furniture votes and the article's paragraphs next to none, the article the model finds ends at its
    last paragraph, and the teasers go with the footer. The teasers' shares are set here (0.6): what a model
    gives these made-up lines moves with each rebuild (the shipped one gives them 0.27-0.34), and this test is
    about what the reader does with the model's word."""
    from pipeline.reading import page as page_module
    from pipeline.reading.roles import furniture_share

    teasers = ["Nieuwe bakker in Beekbergen opent zaterdag de deuren", "12 mei 2025",
               "Speeltuin in Ugchelen krijgt eindelijk nieuwe schommels", "11 mei 2025",
               "Wethouder wil meer parkeerplaatsen bij het station", "10 mei 2025",
               "Brandweer rukt uit voor schoorsteenbrand aan de Loolaan", "9 mei 2025",
               "Ontvang elke ochtend het nieuws uit jouw dorp gratis in je mailbox", "Aanmelden"]
    footer = ["Privacy", "Cookies", "Colofon", "© 2025 Veluwe Vandaag"]
    monkeypatch.setattr(page_module, "furniture_share",
                        lambda line: 0.6 if line.text in teasers else furniture_share(line))
    body = compose_body("\n".join([*MENU, *MENU[:10], *ARTICLE, *teasers, *footer]), CONFIG, want_headline=True)
    assert body.page.headline == "Dorpshuis Hoenderloo gaat na de zomer dicht"
    assert [p[:30] for p in body.paragraphs] == [ARTICLE[1][:30], ARTICLE[2][:30], ARTICLE[4][:30]]
    for teaser in (*teasers[::2], "Colofon"):
        assert teaser not in body.markdown
    assert any("below the article the line model finds" in removed.reason for removed in body.page.removed)


# Other stories under the article, each a title over a blurb of a line: the model half takes them for text
# (a share of furniture votes of 0.3, as it gives teasers with a sentence in them on sites it never saw).
_TEASERS = [("Nieuwe bakker in Beekbergen opent zaterdag eindelijk de deuren",
             "De bakkerij aan de Dorpsstraat stond twee jaar leeg; de nieuwe eigenaar komt uit Loenen."),
            ("Speeltuin in Ugchelen krijgt na jaren nieuwe schommels",
             "Ouders zamelden het geld zelf in met een sponsorloop en een rommelmarkt."),
            ("Wethouder wil meer parkeerplaatsen bij het station",
             "Forenzen parkeren nu in de wijk, tot ergernis van de bewoners van de Loolaan."),
            ("Brandweer rukt uit voor schoorsteenbrand aan de Loolaan",
             "Niemand raakte gewond, maar het huis is voorlopig onbewoonbaar, meldt de brandweer."),
            ("Kerk in Loenen krijgt een nieuwe bestemming als dorpshuis",
             "Het kerkbestuur heeft het gebouw verkocht aan een stichting van omwonenden."),
            ("Fietspad langs het kanaal maanden dicht voor onderhoud",
             "Fietsers moeten omrijden via de Kanaalweg; de omleiding is met borden aangegeven.")]


def _teaser_page() -> tuple[list[PageLine], dict[int, float]]:
    """A menu, the article's four long paragraphs, six teasers (title and blurb), a footer: the model's share of
    furniture votes for each line set as a model gives them."""
    paragraph = ARTICLE[1] + " " + ARTICLE[2]
    parts = [(word, Kind.FURNITURE, 0.9) for word in MENU * 2] + \
        [(paragraph, Kind.TEXT, 0.1) for _ in range(4)] + \
        [(text, Kind.TEXT, 0.3) for teaser in _TEASERS for text in teaser] + \
        [(word, Kind.FURNITURE, 0.9) for word in ("Privacy", "Cookies", "Colofon", "Contact")]
    lines = [PageLine(text, index, kind) for index, (text, kind, _) in enumerate(parts)]
    return lines, {id(line): share for line, (_, _, share) in zip(lines, parts, strict=True)}


def test_the_article_ends_at_its_last_paragraph_above_teasers_the_model_half_takes_for_text() -> None:
    """Each teaser's title and blurb counts a little for the article (the model half takes it for text), yet
    twelve short lines are no article's text: each line costs, as each tag does in body-text extraction, and
    the article's span ends at its last long paragraph. The teasers well under it go; the article stays."""
    lines, shares = _teaser_page()
    last_paragraph = 2 * len(MENU) + 3
    assert is_whole_page(lines)
    assert learnt_article_end(lines, lambda line: shares[id(line)]) == last_paragraph
    cut_below_the_learnt_article(lines, lambda line: shares[id(line)])
    assert all(line.kind == Kind.TEXT for line in lines[last_paragraph - 3:last_paragraph + 1])
    for line in lines[last_paragraph + _NEAR_END + 1:]:
        assert line.kind == Kind.FURNITURE
    assert sum("below the article" in line.reason for line in lines) == len(_TEASERS) * 2 - _NEAR_END


def test_teasers_the_model_half_takes_for_text_are_cut_from_the_draft(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same page through the reader: whatever a rebuilt model gives these made-up lines, the shares are set
    (the teasers 0.3), and the draft keeps the article and none of the teasers well under it."""
    from pipeline.reading import page as page_module

    teasers = [text for teaser in _TEASERS for text in teaser]
    monkeypatch.setattr(page_module, "furniture_share",
                        lambda line: 0.3 if line.text in teasers else 0.1 if line.text in ARTICLE else 0.9)
    body = compose_body("\n".join([*MENU, *MENU, *ARTICLE, *teasers, "Privacy", "Cookies", "Colofon"]), CONFIG,
                        want_headline=True)
    for paragraph in (ARTICLE[1], ARTICLE[2], ARTICLE[4]):
        assert paragraph in body.paragraphs
    for teaser in teasers[_NEAR_END:]:
        assert teaser not in body.markdown


def test_the_span_judges_a_page_with_fewer_short_lines_than_the_run_of_prose_wants() -> None:
    """A whole page whose menu is short and whose footer is long notices: 35% of its lines a few words, fewer
    than the run of prose wants (40%), enough for the model's span: the teasers well under the article go."""
    paragraph = ARTICLE[1] + " " + ARTICLE[2]
    notices = [f"Overname van artikel {n} uit deze krant alleen met schriftelijke toestemming" for n in range(10)]
    parts = [(word, Kind.FURNITURE, 0.9) for word in MENU[:14]] + [(paragraph, Kind.TEXT, 0.1) for _ in range(4)] + \
        [(text, Kind.TEXT, 0.3) for teaser in _TEASERS for text in teaser] + \
        [(notice, Kind.FURNITURE, 0.9) for notice in notices]
    lines = [PageLine(text, index, kind) for index, (text, kind, _) in enumerate(parts)]
    shares = {id(line): share for line, (_, _, share) in zip(lines, parts, strict=True)}
    assert not is_whole_page(lines)  # the run of prose leaves it to the line rules
    cut_below_the_learnt_article(lines, lambda line: shares[id(line)])
    assert [line.text for line in lines if line.kind == Kind.TEXT] == \
        [paragraph] * 4 + [text for teaser in _TEASERS for text in teaser][:_NEAR_END]


def test_a_verse_under_the_article_is_never_cut_for_its_short_lines() -> None:
    """A poem under a page's introduction: short lines, each going on from the one above, that the model half
    takes for text as it does teasers. Each costs nothing as a line (it opens no block of its own), so the
    article's span runs through the verse and none of it goes."""
    verse = ["in de schaduw van de toren", "waar de markt op maandag staat,", "de kramen en de kisten,",
             "het lawaai van de straat,", "de klokken en de duiven,", "de bakker op de hoek,",
             "de kinderen die ruziën", "om een bal en om een boek,", "de vrouw die elke ochtend",
             "haar stoep veegt, en het plein,", "dat is het dorp gebleven", "en dat zal het altijd zijn."]
    paragraph = ARTICLE[1] + " " + ARTICLE[2]
    parts = [(word, Kind.FURNITURE, 0.9) for word in MENU * 2] + [(paragraph, Kind.TEXT, 0.1) for _ in range(2)] + \
        [(line, Kind.TEXT, 0.3) for line in verse] + [(word, Kind.FURNITURE, 0.9) for word in ("Privacy", "Colofon")]
    lines = [PageLine(text, index, kind) for index, (text, kind, _) in enumerate(parts)]
    shares = {id(line): share for line, (_, _, share) in zip(lines, parts, strict=True)}
    assert is_whole_page(lines)
    cut_below_the_learnt_article(lines, lambda line: shares[id(line)])
    assert [line.text for line in lines if line.kind == Kind.TEXT][2:] == verse


# a line of a page as the model left it: its text (a word or two, or a sentence), whether the rules cut it
# already, and the model's share of furniture votes for it; a page: a menu, the article, and whatever follows
_LINE = st.tuples(st.sampled_from(["Home", "Lees meer", "Het college neemt het besluit volgende week.",
                                   "Wethouder wil meer parkeerplaatsen bij het station van Apeldoorn",
                                   ARTICLE[1], ARTICLE[2]]), st.booleans(), st.floats(0.0, 1.0))
_PAGES = st.tuples(st.integers(0, 40), st.lists(st.tuples(st.sampled_from(ARTICLE[1:3] + ARTICLE[4:]),
                                                          st.just(False), st.floats(0.0, 0.3)), max_size=6),
                   st.lists(_LINE, max_size=60)).map(
    lambda parts: [(word, True, 0.9) for word in (MENU * 2)[:parts[0]]] + parts[1] + parts[2])


@settings(max_examples=300, deadline=None)
@given(_PAGES)
def test_no_line_the_model_takes_for_text_is_ever_cut_near_the_article(page: list[tuple[str, bool, float]]) -> None:
    """Whatever the page and the model's word: only lines of text below where the article ends become furniture,
    never one the model takes for text (a share of furniture votes under ARTICLE_FURNITURE) just under it, and
    every other line of text under it does; a page that is not a whole page flattened, or has no one span holding
    most of its text, is left as it is."""
    lines = [PageLine(text, index, Kind.FURNITURE if cut else Kind.TEXT) for index, (text, cut, _) in
             enumerate(page)]
    shares = {id(line): share for line, (_, _, share) in zip(lines, page, strict=True)}
    before = [line.kind for line in lines]
    end = learnt_article_end(lines, lambda line: shares[id(line)])
    cut_below_the_learnt_article(lines, lambda line: shares[id(line)])
    changed = {index for index, line in enumerate(lines) if line.kind != before[index]}
    if end is None:
        assert not changed
        return
    assert is_whole_page(lines, _SPAN_PAGE_SHORT)
    for index, line in enumerate(lines):
        taken_for_text = shares[id(line)] < ARTICLE_FURNITURE
        should_go = before[index] == Kind.TEXT and index > end and (not taken_for_text or index - end > _NEAR_END)
        assert (index in changed) == should_go
        if index in changed:
            assert line.kind == Kind.FURNITURE and "below the article" in line.reason
