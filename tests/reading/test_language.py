"""Language: Frisian recognised by its own words, languages langdetect lacks reported as unknown."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.model.config import config_from_mapping
from pipeline.reading.language import UNKNOWN, detect_language, frisian_share

CONFIG = config_from_mapping({})

# Written for these tests: a short local news story in West Frisian.
FRISIAN = (
    "De gemeente Ljouwert wol takom jier mear wenningen bouwe yn it sintrum fan de stêd. Dat hat de wethâlder "
    "tiisdei sein tidens in gearkomste mei bewenners. Neffens him binne der op dit stuit te min hûzen foar jonge "
    "minsken dy't yn de stêd wenje wolle. It plan is om op it terrein fan de âlde skoalle hast hûndert nije "
    "wenningen del te setten. De ried moat der noch oer beslisse, mar de measte partijen hawwe al sein dat se it "
    "plan stypje. Bewenners út de buert meitsje har wol soargen oer it ferkear."
)
# The same story in Dutch, with Frisian place names in it.
DUTCH = (
    "De gemeente Leeuwarden wil volgend jaar meer woningen bouwen in het centrum van de stad. Dat heeft de "
    "wethouder dinsdag gezegd tijdens een bijeenkomst met bewoners in Ljouwert en Snits. Volgens hem zijn er op dit "
    "moment te weinig huizen voor jonge mensen die in de stad willen wonen. Het plan is om op het terrein van de "
    "oude school bijna honderd nieuwe woningen neer te zetten. De raad moet er nog over beslissen, maar de meeste "
    "partijen hebben al gezegd dat ze het plan steunen. Bewoners uit de buurt maken zich wel zorgen over het verkeer."
)
# Luxembourgish, which langdetect does not know: it is unsure between German and Dutch.
LUXEMBOURGISH = (
    "D'Regierung huet e Méindeg decidéiert, datt d'Schoulen no de Vakanz erëm opmaache sollen. Dat gouf no enger "
    "Reunioun mam Gesondheetsministère matgedeelt. D'Elteren hu laang op eng Äntwert gewaart, an och d'Enseignanten "
    "wollten wëssen, wéi et weidergeet. De Minister sot, et wier eng schwéier Decisioun gewiescht, mee d'Zuelen "
    "géifen et elo erlaben. D'Kanner mussen awer nach ëmmer eng Mask droen, soulaang se net op hirer Plaz sëtzen. "
    "Am Summer soll dann nach eng Kéier gekuckt ginn, ob d'Reegelen nach néideg sinn oder net."
)


def test_frisian_is_recognised_by_its_words() -> None:
    found = detect_language(FRISIAN, CONFIG)
    assert found.value == "fy"
    assert found.rule.startswith("Frisian words: ")


def test_dutch_with_frisian_place_names_stays_dutch() -> None:
    found = detect_language(DUTCH, CONFIG)
    assert found.value == "nl" and found.rule.startswith("langdetect")


def test_a_language_langdetect_lacks_is_unknown_not_a_guess() -> None:
    found = detect_language(LUXEMBOURGISH, CONFIG)
    assert found.value == UNKNOWN
    assert "unknown language" in found.rule


def test_a_short_unsure_text_still_falls_back_to_the_default() -> None:
    short = " ".join(LUXEMBOURGISH.split()[:25])
    assert detect_language(short, CONFIG).value == CONFIG.default_language


def test_words_that_do_not_fit_the_language_named_make_it_unknown() -> None:
    # langdetect reads letters, not words: a list of made-up words with Dutch spelling is named Dutch
    # with confidence, but almost none of them are Dutch words.
    gibberish = " ".join(f"{a}{b}" for a in ("kraan", "sloot", "vijver", "dijkje", "gracht", "molen", "boerderij",
                                             "weiland", "polder", "tulpen") for b in ("veld", "hoek", "zicht",
                                                                                   "kant", "straat", "werf", "oord"))
    found = detect_language(gibberish, CONFIG)
    assert found.value == UNKNOWN, found


def test_frisian_share_counts_only_frisian_words() -> None:
    hits, share = frisian_share(["yn", "de", "stêd", "fan", "it", "plan"])
    assert hits == 2 and share == 2 / 6


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(DUTCH.split()), min_size=60, max_size=200))
def test_dutch_words_in_any_order_are_never_frisian(words: list[str]) -> None:
    assert detect_language(" ".join(words), CONFIG).value != "fy"


# Written for these tests: a short West Frisian notice with few of the commonest Frisian words in it.
FRISIAN_SHORT = (
    "De gemeente Westerdiel is ferline tiid. Mar net foar de skriuwer. Sy skreau alle dagen in gedicht en sette "
    "it op it ynternet. Tweintich rigels beskriuwe wat de gemeente foar har is en wie. Lês de hiele rige, "
    "dan witte jo wat wy allegear mist hawwe."
)
NAMES = ("Jan Peeters", "Anna Claes", "Karel Wouters", "Lies Maes", "Tom Jacobs", "Eva Mertens", "Piet Willems",
         "Sofie Goossens", "Bart Dubois", "Ilse Lambrecht", "Koen Vermeulen", "Nele Hermans")


def test_a_short_frisian_notice_is_frisian() -> None:
    assert detect_language(FRISIAN_SHORT, CONFIG).value == "fy"


def test_an_attendance_list_of_names_keeps_the_language_of_its_words() -> None:
    roles = ("Voorzitter", "Raadslid", "Schepen", "Burgemeester")
    attendance = "; ".join(f"{name}, {roles[index % 4]}" for index, name in enumerate(NAMES * 3))
    minutes = (f"Aanwezig\n\n{attendance}\n\nDe voorzitter opent de zitting en de raad keurt het verslag van de "
               "vorige vergadering goed. Het punt over de nieuwe sporthal wordt uitgesteld naar de volgende zitting.")
    assert detect_language(minutes, CONFIG).value == "nl"


def test_a_page_builders_shortcodes_do_not_make_the_text_english() -> None:
    shortcode = ("[fusion_builder_container hundred_percent=“no“ equal_height_columns=“no“ menu_anchor=““ "
                 "hide_on_mobile=“small-visibility,medium-visibility,large-visibility“ background_color=““ "
                 "background_image=““ background_position=“center center“ background_repeat=“no-repeat“ "
                 "fade=“no“ background_parallax=“none“ video_url=““ video_aspect_ratio=“16:9“ video_loop=“yes“ "
                 "video_mute=“yes“ border_size=“0px“ border_color=““ border_style=“solid“ padding_top=““]"
                 "[fusion_builder_row][fusion_builder_column type=“1_1“ layout=“1_1“ spacing=““ center_content=“no“ "
                 "link=““ target=“_self“ min_height=““ hide_on_mobile=“small-visibility“ class=““ id=““]")
    german = ("Sehr geehrter Herr Bürgermeister, liebe Kolleginnen und Kollegen, unsere Stadt wird in wenigen Tagen "
              "fünfzig Jahre alt. Wir stehen am Ende einer langen Wahlperiode, und der Haushalt für das kommende Jahr "
              "ist der letzte, den dieser Rat beschließt.")
    assert detect_language(shortcode + "\n\n" + german, CONFIG).value == "de"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["[", "]", "=", "_", " ", "a", "“", "\n", "[a_b x=1]"]),
                          st.integers(1, 3000)), min_size=1, max_size=5))
@example(runs=[("[", 338), ("[a_b x=1]", 852)])  # shortcodes past the sample's length hid the words after them
@example(runs=[("a", 1), ("[", 1996)])  # a sample of one letter and symbols read the text after it as Portuguese
@example(runs=[("_", 998), ("a", 1), ("[", 998)])  # underscores are no letters either
@example(runs=[("a", 1), (" ", 1996)])  # nor are blanks: a letter and a page of spaces read as Portuguese
@example(runs=[("a", 1), ("\n", 1996)])
@example(runs=[("[", 486), ("a", 1), (" ", 2), ("a", 1511)])  # one letter a page long is no word: it read as Portuguese
def test_bracket_runs_are_read_to_the_end(runs: list[tuple[str, int]]) -> None:
    text = "".join(piece * count for piece, count in runs)
    assert detect_language(text + " " + FRISIAN, CONFIG).value in ("fy", UNKNOWN, "nl", "af", "de", "en")


# --- langdetect's detection without its Python calls per character: its answers, bit for bit ----------

_SCRIPTS = st.sampled_from([
    "de", "het", "een", "and", "the", "und", "der", "ÉÉN", "Malmö", "café", "ONZE", "NOS", "Ijs", "ĳs", "İst",
    "Сегодня", "東京", "ひらがな", "カタカナ", "한국", "عربی", "ی", "ș", "ț", "Tiếng", "Vie\u0302\u0323t", "ẞ",
    "§", "—",
    "http://x.nl/a?b=c", "a@b.nl", "2026", "  ", "\n", "...", "'s", "ABC", "aBC", "AbC",
])
_TEXTS = st.one_of(st.lists(_SCRIPTS, max_size=80).map(" ".join), st.lists(_SCRIPTS, max_size=80).map("".join),
                   st.text(max_size=300))


def _factory() -> object:
    from pipeline.reading.language import _NEIGHBOUR_LANGUAGES, _language_factory

    return _language_factory(tuple(dict.fromkeys((*CONFIG.languages, *_NEIGHBOUR_LANGUAGES))))


def _langdetects_own(factory: object, text: str) -> list[tuple[str, float]] | str:
    from langdetect.lang_detect_exception import LangDetectException

    detector = factory.create()  # type: ignore[attr-defined]
    detector.append(text)
    try:
        return [(found.lang, found.prob) for found in detector.get_probabilities()]
    except LangDetectException as error:
        return str(error)


def _ours(factory: object, text: str) -> list[tuple[str, float]] | str:
    from langdetect.lang_detect_exception import LangDetectException

    from pipeline.reading.ngram_detector import probabilities

    try:
        return [(found.lang, found.prob) for found in probabilities(factory, text)]
    except LangDetectException as error:
        return str(error)


@given(_TEXTS)
@settings(max_examples=300, deadline=None)
def test_the_detector_gives_langdetects_probabilities_for_any_text(text: str) -> None:
    factory = _factory()
    assert _ours(factory, text) == _langdetects_own(factory, text)


@given(_TEXTS)
@settings(max_examples=300, deadline=None)
def test_the_detector_finds_langdetects_ngrams_in_its_order_for_any_text(text: str) -> None:
    """The grams are found a word at a time (each word's once per process): the same grams in the same
    order as langdetect's own walk over the text a character at a time."""
    from pipeline.reading.ngram_detector import _cleaned, _ngram_profiles, _ngrams, _normalise

    factory = _factory()
    theirs = factory.create()  # type: ignore[attr-defined]
    theirs.append(text)
    theirs.cleaning_text()
    grams = theirs._extract_ngrams()
    ours = factory.create()  # type: ignore[attr-defined]
    known = ours.word_lang_prob_map
    assert _ngrams(_normalise(_cleaned(ours, text)), known) == grams
    profiles = [known[gram] for gram in grams]
    assert _ngram_profiles(_normalise(_cleaned(ours, text)), known) == profiles
    assert _ngram_profiles(_normalise(_cleaned(ours, text)), known) == profiles  # again, from what was kept


def test_each_word_is_walked_once_not_once_per_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """A word met before (with or without the space after it) is not walked a character at a time again."""
    from pipeline.reading import ngram_detector

    walked: list[str] = []
    real = ngram_detector._word_ngrams

    def counting(word: str, known: dict[str, object]) -> tuple[str, ...]:
        walked.append(word)
        return real(word, known)

    monkeypatch.setattr(ngram_detector, "_word_ngrams", counting)
    monkeypatch.setattr(ngram_detector, "_WORD_PROFILES", {})
    found = detect_language(DUTCH * 3, CONFIG)
    assert found.value == "nl"
    assert len(walked) == len(set(walked)) <= len(set(DUTCH.split())) + 2


def test_the_words_kept_are_bounded_and_the_answer_holds_when_they_are_let_go(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.reading import ngram_detector

    factory = _factory()
    expected = _langdetects_own(factory, DUTCH)
    monkeypatch.setattr(ngram_detector, "_WORD_PROFILES", {})
    monkeypatch.setattr(ngram_detector, "_WORD_PROFILES_MAX", 7)
    for _ in range(3):
        assert _ours(factory, DUTCH) == expected
        assert 0 < len(ngram_detector._WORD_PROFILES) <= 7


def test_the_detector_gives_langdetects_probabilities_for_articles() -> None:
    factory = _factory()
    for text in (FRISIAN, DUTCH, LUXEMBOURGISH, DUTCH.upper(), f"{DUTCH} {LUXEMBOURGISH}" * 8):
        assert _ours(factory, text) == _langdetects_own(factory, text)
        assert isinstance(_ours(factory, text), list)


def test_each_character_is_normalised_once_not_once_per_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """langdetect normalises every character of the sample (a binary search of Unicode's blocks in a
    method call each); a character met before is not normalised again."""
    from langdetect.utils.ngram import NGram

    normalised: list[str] = []
    real = NGram.normalize

    def counting(char: str) -> str:
        normalised.append(char)
        return real(char)

    monkeypatch.setattr(NGram, "normalize", staticmethod(counting))
    found = detect_language(DUTCH * 3, CONFIG)
    assert found.value == "nl"
    assert len(normalised) <= len(set(DUTCH))


@pytest.mark.parametrize("symbols", ["=" * 5000, "*-" * 3000, "[" * 1_000_000, "«»" * 2500])
def test_a_run_of_symbols_before_the_words_does_not_decide_the_language(symbols: str) -> None:
    assert detect_language("Kop\n" + symbols + "\n" + DUTCH, CONFIG).value == "nl"


# --- text of no language, names, and Dutch quoting Frisian ------------------------------------------

# Written for these tests: a short German police report.
GERMAN = (
    "In der Nacht zum Sonntag ist in einem Wohnhaus in der Innenstadt ein Feuer ausgebrochen. Ein Nachbar bemerkte "
    "den Rauch gegen drei Uhr und rief die Feuerwehr. Die Einsatzkräfte fanden den Bewohner schlafend im Erdgeschoss "
    "und brachten ihn ins Freie. Er wurde mit einer leichten Rauchvergiftung ins Krankenhaus gebracht. Das Haus "
    "ist vorerst nicht bewohnbar, sagte ein Sprecher der Polizei. Warum das Feuer im Obergeschoss ausbrach, ist noch "
    "unklar."
)
ENGLISH = (
    "The council voted on Tuesday to close the old swimming pool at the end of the summer. Repairs to the roof and "
    "the heating would have cost more than a new building, the alderman said. Residents who swim there every week "
    "asked the council to keep it open until the new pool is ready, but a majority of the members did not agree. "
    "The clubs that train in the pool will move to the town next door for at least two years."
)


def _obscured(text: str, shift: int) -> str:
    """A paywall's trick: every letter moved ``shift`` places on in the alphabet ("Ein" -> "Fjo")."""
    def moved(char: str) -> str:
        for first in ("a", "A"):
            if first <= char <= chr(ord(first) + 25):
                return chr((ord(char) - ord(first) + shift) % 26 + ord(first))
        return char
    return "".join(moved(char) for char in text)


def test_a_caption_beside_an_obscured_story_gives_the_language() -> None:
    caption = "Ein Fahrzeug der Feuerwehr fährt mit Blaulicht durch die Stadt.\n\nFoto: dpa\n\n"
    found = detect_language(caption + _obscured(GERMAN, 1), CONFIG)
    assert found.value == "de", found
    assert "of no language left out" in found.rule


def test_a_story_with_an_obscured_part_keeps_the_language_of_the_part_shown() -> None:
    opening, rest = GERMAN[:GERMAN.index(" Die Einsatz")], GERMAN[GERMAN.index(" Die Einsatz"):]
    assert detect_language(f"{opening}\n\n{_obscured(rest * 3, 1)}", CONFIG).value == "de"


@settings(max_examples=80, deadline=None)
@given(st.sampled_from([GERMAN, DUTCH, FRISIAN, ENGLISH, LUXEMBOURGISH]), st.integers(1, 25), st.integers(1, 4),
       st.booleans())
def test_obscured_text_is_never_given_a_language(text: str, shift: int, times: int, lines: bool) -> None:
    obscured = _obscured(" ".join([text] * times), shift)
    if lines:
        obscured = obscured.replace(". ", ".\n")  # a sentence a line: each judged alone where long enough
    found = detect_language(obscured, CONFIG)
    assert found.value == UNKNOWN, (shift, found)


# Written for these tests: names as a Flemish council's minutes list them.
MORE_NAMES = ("Lucie Moreau", "Henri Lambert", "Josée Fontaine", "Marc Dupont", "Yves Leclercq", "Chantal Renard",
              "Didier Marchal", "Sabine Collard", "Olivier Gérard", "Nathalie Simon", "Rudi Schepers", "Hilde Vanhove")


@pytest.mark.parametrize(("names", "roles"), [
    (NAMES, ("Raadslid",)),  # langdetect: Afrikaans
    (NAMES * 2, ("Raadslid",)),
    (NAMES + MORE_NAMES, ("Raadslid",)),  # langdetect unsure: unknown before
    (MORE_NAMES, ("Raadslid", "Schepen")),
])
def test_minutes_of_names_and_labels_take_the_default(names: tuple[str, ...], roles: tuple[str, ...]) -> None:
    # Mostly capitalised names and labels, hardly a sentence: langdetect names them Afrikaans, or is
    # unsure of them, which says nothing of a language it lacks.
    attendance = "; ".join(f"{name}, {roles[index % len(roles)]}" for index, name in enumerate(names * 2))
    minutes = (f"Samenstelling\n\nAanwezig\n\n{attendance}\n\nAfwezig\n\n{names[0]}, Raadslid\n\nAgendapunten\n\n"
               f"Notulen vorige zitting - Goedkeuring\n\nGoedgekeurd\n\nAanwezig\n\n{attendance}")
    found = detect_language(minutes, CONFIG)
    assert found.value == CONFIG.default_language, found
    assert "names and labels" in found.rule


def test_names_with_sentences_enough_between_them_are_read() -> None:
    attendance = "; ".join(f"{name}, Raadslid" for name in NAMES + MORE_NAMES)
    english = f"Present\n\n{attendance}\n\n{ENGLISH}"
    assert detect_language(english, CONFIG).value == "en"


# Written for these tests: a Dutch story that quotes its speaker in Frisian.
DUTCH_QUOTING_FRISIAN = (
    "Het dorpshuis van Wergea gaat volgend jaar dicht. Dat heeft het bestuur van de stichting maandagavond aan de "
    "bewoners laten weten. De kosten voor energie en onderhoud zijn de afgelopen jaren zo hard gestegen dat er geen "
    "geld meer is om het gebouw open te houden. Voorzitter Sjoerd de Vries zegt dat het bestuur lang heeft gezocht "
    "naar een oplossing, maar dat die er niet is gekomen. Hij sprak de zaal in het Fries toe:\n\n"
    "“Wy hawwe it jierren oan ien stik troch besocht, mar it jild is op. Dat docht ús tige sear, want it doarpshûs "
    "is it hert fan it doarp. Wy witte net wêr't de minsken no hinne moatte.”\n\n"
    "Volgens de gemeente Leeuwarden is er nog geen vervanger in zicht. Een woordvoerder laat weten dat de gemeente "
    "met het bestuur in gesprek blijft over de toekomst van het gebouw. De verenigingen die er nu wekelijks "
    "samenkomen, zoals de toneelclub en het koor, moeten voor de zomer een nieuwe plek vinden."
)


def test_a_dutch_story_quoting_frisian_is_dutch() -> None:
    found = detect_language(DUTCH_QUOTING_FRISIAN, CONFIG)
    assert found.value == "nl", found


def test_a_frisian_story_quoting_dutch_is_frisian() -> None:
    quote = "\n\n“Wij willen graag dat het dorp een plek houdt waar iedereen welkom is,” zei de wethouder.\n\n"
    found = detect_language(FRISIAN + quote + FRISIAN_SHORT, CONFIG)
    assert found.value == "fy", found


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(GERMAN.split()), min_size=60, max_size=200))
def test_german_words_in_any_order_are_never_frisian(words: list[str]) -> None:
    assert detect_language(" ".join(words), CONFIG).value != "fy"


def test_one_word_frisian_shares_with_german_said_again_and_again_is_no_frisian() -> None:
    # the first failing example hypothesis found: "wurde" is Frisian as well as German, "In" on no list
    assert detect_language(" ".join(["In"] * 54 + ["wurde"] * 6), CONFIG).value != "fy"
