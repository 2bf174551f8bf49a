"""A list of items of a few lines (teasers of other stories: a title, a date, a sentence, repeated) is a line
feature of the line model: its period and how often it repeats, and how much each line says what the
article's head and first paragraphs say."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.reading.item_lists import DATED, PERIODS, SENTENCE, SHORT, TITLE, periodic_runs
from pipeline.reading.line_features import FEATURES, page_features
from pipeline.reading.lines import Page
from pipeline.reading.page import first_pass

ARTICLE = "\n\n".join([
    "Nieuwe fietsbrug over de IJssel bij Zwolle gaat in maart open",
    "De nieuwe fietsbrug over de IJssel bij Zwolle gaat op 14 maart open voor fietsers en voetgangers. Dat heeft "
    "de provincie Overijssel woensdag bekendgemaakt.",
    "De brug van 240 meter verbindt de wijk Stadshagen met Hattem. Fietsers zijn zo tien minuten sneller in Zwolle "
    "dan over de oude verkeersbrug, rekent de provincie voor.",
    "Aan de fietsbrug is ruim twee jaar gewerkt. De bouw liep een half jaar vertraging op doordat de IJssel in de "
    "winter te hoog stond om de pijlers te storten.",
    "De fietsbrug over de IJssel tussen Stadshagen en Hattem wordt geopend met een fietstocht.",
    "Meer nieuws",
    "Raad van Kampen stemt in met nieuw zwembad\n12 februari 2026\nHet oude zwembad aan de Zwartendijk sluit "
    "volgend jaar de deuren. Op dezelfde plek komt een nieuw bad.",
    "Boer in Dalfsen wint prijs voor kruidenrijk grasland\n11 februari 2026\nMelkveehouder Gerrit Slot kreeg de "
    "prijs van de natuurorganisatie voor zijn weides vol bloemen en kruiden.",
    "Carnavalsoptocht in Raalte trekt recordaantal bezoekers\n10 februari 2026\nRuim twintigduizend mensen kwamen "
    "zaterdag kijken naar de wagens van de Raalter carnavalsverenigingen.",
]) + "\n"

# An article whose own list (the stops of a walk, each a heading and a paragraph) repeats a shape too: its
# items speak of what the article's first paragraphs speak of.
WALK = "\n\n".join([
    "Wandelroute langs de Vecht in Ommen",
    "De gemeente Ommen heeft een nieuwe wandelroute langs de Vecht uitgezet. De route van twaalf kilometer voert "
    "langs de molen Den Oordt, landgoed Eerde en de uiterwaarden ten oosten van Ommen.",
    "Molen Den Oordt aan de Vecht\nDe wandelroute begint bij de molen, waar de molenaar op zaterdag uitleg geeft "
    "over het malen van graan.",
    "Landgoed Eerde bij Ommen\nOver het landgoed loopt de route door het bos naar het kasteel, dat niet open is "
    "voor bezoekers.",
    "Uiterwaarden van de Vecht\nLangs de rivier grazen schotse hooglanders, die de uiterwaarden van de Vecht kort "
    "houden voor de wandelroute.",
]) + "\n"


def rows_of(text: str) -> tuple[list[str], list[list[float]]]:
    lines = first_pass(text, (), frozenset(), Page())[0]
    return [line.text for line in lines], page_features(lines)


def feature(row: list[float], name: str) -> float:
    return row[FEATURES.index(name)]


def test_a_list_of_teasers_after_an_article_is_marked_by_its_period_and_repeats() -> None:
    texts, rows = rows_of(ARTICLE)
    teasers = texts.index("Raad van Kampen stemt in met nieuw zwembad")
    for row in rows[teasers:]:  # title, date, teaser: three lines, three times
        assert feature(row, "item list: period") == 3.0 and feature(row, "item list: repeats") == 3.0
    for index, text in enumerate(texts[:teasers - 1]):  # the article's own paragraphs and its headline: no list
        assert feature(rows[index], "item list: period") == 0.0, text


def test_a_teasers_words_are_not_the_articles_and_an_articles_later_paragraph_s_are() -> None:
    texts, rows = rows_of(ARTICLE)
    teaser_title = rows[texts.index("Raad van Kampen stemt in met nieuw zwembad")]
    later = rows[texts.index("De fietsbrug over de IJssel tussen Stadshagen en Hattem wordt geopend met een "
                             "fietstocht.")]
    assert feature(teaser_title, "words in first paragraphs") == 0.0
    assert feature(later, "words in first paragraphs") >= 0.5
    assert feature(later, "words in head") > 0.0 and feature(teaser_title, "words in head") == 0.0
    # the list as a whole says nothing of the article
    assert feature(teaser_title, "item list: words in first paragraphs") < 0.2
    assert feature(rows[0], "item list: words in first paragraphs") == -1.0  # the headline stands in no list


def test_an_articles_own_list_is_a_list_whose_items_speak_of_the_article() -> None:
    texts, rows = rows_of(WALK)
    stop = rows[texts.index("Molen Den Oordt aan de Vecht")]
    assert feature(stop, "item list: period") == 2.0 and feature(stop, "item list: repeats") >= 3.0
    assert feature(stop, "item list: words in first paragraphs") >= 0.3


def test_one_heading_with_its_paragraph_is_no_list() -> None:
    assert periodic_runs([SENTENCE, SENTENCE, TITLE, SENTENCE, SENTENCE, SENTENCE, SENTENCE]) == [(0, 0.0)] * 7
    assert periodic_runs([TITLE, DATED, SENTENCE, TITLE, DATED, SENTENCE, TITLE, DATED]) == [(3, 8 / 3)] * 8


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from((SHORT, TITLE, SENTENCE, DATED)), max_size=60))
def test_a_run_is_always_a_pattern_of_differing_shapes_repeated(shapes: list[int]) -> None:
    runs = periodic_runs(shapes)
    assert len(runs) == len(shapes)
    for index, (period, repeats) in enumerate(runs):
        assert (period, repeats) == (0, 0.0) or (period in PERIODS and repeats >= 2.5)
        if period:  # a line in a run has a neighbour of its shape one period away, inside the run
            assert any(0 <= other < len(shapes) and shapes[other] == shapes[index] and runs[other][0] == period
                       for other in (index - period, index + period))
    if len(set(shapes)) <= 1:  # paragraphs of one shape, however many: never a list
        assert all(run == (0, 0.0) for run in runs)
