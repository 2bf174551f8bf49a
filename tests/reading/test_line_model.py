"""The learnt page reader: line features, the model's evaluator and loader, training, --explain."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model.fingerprint import line_digest
from pipeline.reading import line_model
from pipeline.reading.line_features import FEATURES, page_features
from pipeline.reading.line_model import LineModel, LineModelError
from pipeline.reading.lines import Page
from pipeline.reading.page import first_pass, read_page

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

PAGE = """Home
Nieuws
Regio

Brand verwoest boerderij in Lunteren

Door Jan de Vries

Een grote brand heeft zondagnacht een boerderij aan de Postweg in Lunteren verwoest. De bewoners
konden op tijd naar buiten en raakten niet gewond, meldt de brandweer.

Deel dit artikel

Oorzaak onbekend

Hoe de brand ontstond, is nog niet bekend. De politie doet onderzoek en vraagt getuigen zich te melden.

Lees ook: Schuurbrand in Ede snel onder controle
"""


def lines_of(text: str) -> list:
    return first_pass(text, (), frozenset(), Page())[0]


def feature(row: list[float], name: str) -> float:
    return row[FEATURES.index(name)]


# --- features ------------------------------------------------------------------------------------------


def test_features_are_one_row_per_line_in_the_declared_order() -> None:
    lines = lines_of(PAGE)
    rows = page_features(lines)
    assert len(rows) == len(lines) and all(len(row) == len(FEATURES) for row in rows)
    texts = [line.text for line in lines]
    share = rows[texts.index("Deel dit artikel")]
    assert feature(share, "rule: furniture") == 1.0 and feature(share, "rule: share") == 1.0
    assert feature(share, "words") == 3.0
    lede = rows[texts.index(next(t for t in texts if t.startswith("Een grote brand")))]
    assert feature(lede, "rule: furniture") == 0.0
    # a wrapped lede: its first line stops mid-sentence, its second is the page's first line of prose
    assert feature(lede, "from first prose") == -1.0 and feature(lede, "before first prose") == 1.0
    second = rows[texts.index(next(t for t in texts if t.startswith("konden op tijd")))]
    assert feature(second, "from first prose") == 0.0 and feature(second, "prose") == 1.0
    byline = rows[texts.index("Door Jan de Vries")]
    assert feature(byline, "rule: byline") == 1.0 and feature(byline, "before first prose") == 1.0
    # the neighbours' features are the neighbours' own
    heading = texts.index("Oorzaak onbekend")
    assert feature(rows[heading], "before: words") == feature(rows[heading - 1], "words")
    assert feature(rows[heading], "after: prose") == feature(rows[heading + 1], "prose")
    assert feature(rows[0], "before: words") == 0.0  # nothing above the first line
    assert feature(rows[0], "position") == 0.0 and feature(rows[-1], "lines below") == 0.0


def test_repetition_and_recurring_counts_and_vocabulary_are_features() -> None:
    lines = lines_of("Nieuwsbrief\n\nEen zin van het artikel die lang genoeg is om proza te zijn.\n\nNieuwsbrief\n")
    plain = page_features(lines)
    assert feature(plain[0], "repeated in page") == 1.0 and feature(plain[1], "repeated in page") == 0.0
    assert feature(plain[0], "seen in source") == 0.0
    assert feature(plain[0], "words: most furniture-like") == -1.0  # no vocabulary: no word known
    rows = page_features(lines, {line_digest("NIEUWSBRIEF "): (7, 30)}, {"nieuwsbrief": 0.9, "zin": 0.1})
    assert feature(rows[0], "seen in source") == 7.0 and feature(rows[0], "seen in all sources") == 20.0  # capped
    assert feature(rows[0], "words: most furniture-like") == 0.9 and feature(rows[0], "first word: furniture share") \
        == 0.9
    assert feature(rows[1], "words: most furniture-like") == 0.1


# A council's regulation: numbered sections over their paragraphs, and an index page's teaser under its title.
SECTIONS = """Verordening parkeren Zonnedal

Artikel 1. Begripsbepalingen

In deze verordening wordt verstaan onder vergunning: een parkeervergunning van het college.

Artikel 2. Vergunningen

Het college verleent per adres ten hoogste twee vergunningen voor een parkeerplaats in de wijk.

Nieuwe bibliotheek opent haar deuren

De nieuwe bibliotheek in Zonnedal opent zaterdag haar deuren voor alle inwoners.
"""


def test_a_line_s_numbered_section_its_words_below_and_its_heading_words_are_features() -> None:
    lines = lines_of(SECTIONS)
    texts = [line.text for line in lines]
    rows = page_features(lines, {}, {}, {"artikel": 0.6, "vergunningen": 0.3})
    first, second = rows[texts.index("Artikel 1. Begripsbepalingen")], rows[texts.index("Artikel 2. Vergunningen")]
    assert feature(first, "numbered section") == 1.0 and feature(rows[0], "numbered section") == 0.0
    assert feature(rows[0], "numbered sections in page") == 2.0
    assert feature(rows[texts.index("Artikel 1. Begripsbepalingen") - 1], "after: numbered section") == 1.0
    # the teaser's title says what the teaser under it says; a section's heading names its paragraph in other words
    teaser = rows[texts.index("Nieuwe bibliotheek opent haar deuren")]
    assert feature(teaser, "words shared with the 2 below") >= 0.75
    assert feature(first, "words shared with the 2 below") == 0.5  # "artikel" alone: the next section's
    assert feature(second, "words: most heading-like") == 0.6 and feature(second, "first word: heading share") == 0.6
    assert feature(teaser, "words: most heading-like") == -1.0  # none of its words is known
    plain = page_features(lines)
    assert feature(plain[texts.index("Artikel 2. Vergunningen")], "words: most heading-like") == -1.0


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600))
def test_features_of_any_text_are_finite_numbers(text: str) -> None:
    lines = lines_of(text)
    rows = page_features(lines, {}, {}, {"de": 0.5})
    assert len(rows) == len(lines)
    assert all(isinstance(value, float) and math.isfinite(value) for row in rows for value in row)


# --- the evaluator and the loader ------------------------------------------------------------------------


def write_corpus(folder: Path, sites: int = 6) -> Path:
    """A small labelled corpus the tests make themselves: a few sites, each with its own furniture."""
    truth = {}
    for number in range(sites * 2):
        site = f"site{number % sites}.nl"
        name = f"t-{number:03d}.txt"
        menu = f"Menu {site}" if number % 2 else "Home"
        text = (f" date 2024-03-1{number % 9} {menu}\n\nBrand in woning {number} snel geblust\n\n"
                f"Door Redacteur {number}\n\nDe brandweer heeft de brand in woning {number} snel geblust. Niemand "
                "raakte gewond bij het vuur, zegt een woordvoerder van de veiligheidsregio.\n\nWat gebeurde er?\n\n"
                "Het vuur ontstond in de keuken en sloeg over naar de woonkamer van het huis.\n\n"
                "Deel dit artikel\n\nLees ook: Nog een brand elders\n")
        (folder / name).write_text(text, encoding="utf-8")
        truth[name] = {"url": f"https://{site}/{number}", "site": site, "kind": "article", "date": "2024-03",
                       "date_precision": "month", "date_alt": [], "lang": "nl",
                       "title": f"Brand in woning {number} snel geblust", "headings": ["Wat gebeurde er?"],
                       "junk": {menu: "navigation", f"Door Redacteur {number}": "byline",
                                "Deel dit artikel": "share", "Lees ook: Nog een brand elders": "related"},
                       "truncated": False}
    (folder / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"))


def test_the_evaluator_agrees_with_scikit_learn(corpus: Path) -> None:
    pytest.importorskip("sklearn")
    from labelled import load_corpus
    from train_reader import ROLES, export, fit_forest, training_rows

    from pipeline.model.config import config_from_mapping

    rows, roles, vocabulary = training_rows(load_corpus([corpus]), config_from_mapping({}))
    forest = fit_forest(rows, roles, {"n_estimators": 5})
    model = LineModel.from_data(export(forest, vocabulary, "test"))
    expected = forest.predict_proba(rows)
    for row, wanted in zip(rows, expected, strict=True):
        got = model.probabilities(row)
        shares = dict.fromkeys(ROLES, 0.0)
        for index, share in zip(forest.classes_, wanted, strict=True):
            shares[ROLES[int(index)]] = float(share)
        assert all(abs(got[ROLES.index(role)] - share) < 1e-3 for role, share in shares.items())
        assert model.role(row)[0] == ROLES[int(forest.classes_[wanted.argmax()])]


def test_training_twice_gives_the_same_bytes(corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    outputs = []
    for run in range(2):
        out = tmp_path / f"model-{run}.json"
        done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "train_reader.py"), str(corpus), "--out",
                               str(out)], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    model = line_model.load(outputs[0].decode(), "test", FEATURES)
    assert model.trained_on.startswith("12 pages, 6 sites")
    from labelled import corpus_digest, load_corpus
    # the model names the corpus it learnt from, so a corpus gathered again can be checked to be that one
    assert model.trained_on.endswith(f"corpus sha256 {corpus_digest(load_corpus([corpus]))[:16]}")
    # the words of the labelled sub-heading "Wat gebeurde er?" are known for heading a part of the text
    assert model.heading_words["gebeurde"] > 0.5 > model.heading_words["brand"]
    # what it learnt reads a page of a site it never saw
    with line_model.using(model):
        page = read_page("Home\n\nBrand in schuur snel geblust\n\nDe brandweer heeft de brand in de schuur snel "
                         "geblust. Niemand raakte gewond bij het vuur, zegt een woordvoerder.\n\nDeel dit artikel\n")
    assert page.headline == "Brand in schuur snel geblust"


@pytest.mark.parametrize(("text", "says"), [
    ("{not json", "not JSON"),
    ("[]", "format"),
    ('{"format": 1, "features": [], "roles": ["body"], "trees": []}', "no features"),
    ('{"format": 1, "features": ["a"], "roles": ["body"], "trees": []}', "no trees"),
    ('{"format": 1, "features": ["a"], "roles": ["body"], "trees": [{"feature": [0], "threshold": [0.5], '
     '"left": [5], "right": [6], "value": [{"0": 1}]}]}', "outside the tree"),
    ('{"format": 1, "features": ["a"], "roles": ["body"], "trees": [{"feature": [-1, 0], "threshold": [0], '
     '"left": [-1], "right": [-1], "value": [{"0": 1}]}]}', "differ in length"),
    ('{"format": 1, "features": ["a"], "roles": ["body"], "trees": [{"feature": [-1], "threshold": ["NaN"], '
     '"left": [-1], "right": [-1], "value": [{"0": 1}]}]}', "outside the tree"),
    ('{"format": 1, "features": ["a"], "roles": ["body"], "trees": [{"feature": [-1], "threshold": [0], '
     '"left": [-1], "right": [-1], "value": [{"7": 1}]}]}', "not a usable"),
    ('{"format": 1, "features": ["a"], "roles": ["body"], "trees": [{"feature": [-1], "threshold": [0], '
     '"left": [-1], "right": [-1], "value": [{"0": 1}]}], "heading_words": {"artikel": 7}}', "outside 0..1"),
    ('{"format": 1, "features": ["a"], "roles": ["body"], "trees": [{"feature": [-1], "threshold": [0], '
     '"left": [-1], "right": [-1], "value": [{"0": 1}]}], "heading_words": ["artikel"]}', "not a usable"),
    ('{"format": 1, "features": ["a"], "roles": ["body"], "trees": [{"feature": [-1], "threshold": [0], '
     '"left": [-1], "right": [-1], "value": [{"0": 1}]}], "heading_words": {"artikel": "NaN"}}', "outside 0..1"),
])
def test_a_damaged_model_file_is_one_clear_error(text: str, says: str) -> None:
    with pytest.raises(LineModelError) as raised:
        line_model.load(text, "pipeline/reading/line_model.json", ("a",))
    assert "pipeline/reading/line_model.json" in str(raised.value) and says in str(raised.value)


def test_a_model_for_other_features_is_refused() -> None:
    text = ('{"format": 1, "features": ["a"], "roles": ["body"], "trees": [{"feature": [-1], "threshold": [0], '
            '"left": [-1], "right": [-1], "value": [{"0": 1}]}]}')
    with pytest.raises(LineModelError, match="retrain"):
        line_model.load(text, "pipeline/reading/line_model.json", FEATURES)


def test_the_shipped_model_loads_once_and_is_small() -> None:
    model = line_model.shipped()
    assert model is line_model.shipped()
    assert model.features == FEATURES and "body" in model.roles
    assert (REPO / "pipeline" / "reading" / "line_model.json").stat().st_size < 2_500_000


@pytest.mark.parametrize(("file_name", "damaged"), [
    ("line_model.json", '{"format": 1, "trees": '), ("page_kind.json", '{"format": 1, "trees": '),
    ("page_kind.json", None),
])
def test_ingest_stops_with_one_line_when_a_shipped_model_file_is_damaged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file_name: str, damaged: str | None) -> None:
    """Each model file of the reader (the line model with its headline model, the page kind model): cut
    short or missing, ingest says which file in one line and writes no draft."""
    from pipeline.reading import page_kind
    from tests.helpers import cli

    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "page.txt").write_text(PAGE, encoding="utf-8")
    real = line_model.package_text

    def package_text(name: str) -> str:
        if name != file_name:
            return real(name)
        if damaged is None:
            raise FileNotFoundError(name)
        return damaged

    for shipped in (line_model.shipped, page_kind.shipped):
        shipped.cache_clear()
    monkeypatch.setattr(line_model, "package_text", package_text)
    try:
        result = cli(tmp_path, "ingest")
    finally:
        for shipped in (line_model.shipped, page_kind.shipped):
            shipped.cache_clear()
    assert result.exit_code == 2
    said = "not JSON" if damaged is not None else "cannot be read"
    assert f"pipeline/reading/{file_name}: {said}" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "drafts").exists() or not list((tmp_path / "drafts").glob("*.md"))


# --- what the model decides, and --explain ------------------------------------------------------------------


def test_the_model_takes_out_furniture_and_says_why() -> None:
    page = read_page(PAGE)
    removed = {item.line: item for item in page.removed}
    assert "Deel dit artikel" in removed and "Home" in removed
    kept = "\n".join(block for _kind, block in page.blocks)
    assert "Een grote brand heeft zondagnacht" in kept and "Hoe de brand ontstond" in kept
    assert all(line.role for line in page.lines)


def test_without_the_model_the_rules_alone_read_the_page() -> None:
    with line_model.using(None, frozenset()):
        page = read_page(PAGE)
    assert not any(line.role for line in page.lines)
    assert not any(item.reason.startswith("learnt") for item in page.removed)


def test_ingest_explain_gives_each_lines_role_and_weightiest_features(tmp_path: Path) -> None:
    from tests.helpers import cli

    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "page.txt").write_text(PAGE, encoding="utf-8")
    result = cli(tmp_path, "ingest", "--explain")
    assert result.exit_code in (0, 1), result.stderr
    out = result.stdout
    assert "lines" in out
    shown = [line for line in out.splitlines() if "<- model: " in line]
    assert len(shown) == len(lines_of(PAGE))  # every line of the page, each once
    share = next(line for line in shown if "Deel dit artikel" in line)
    assert "furniture (share line): Deel dit artikel <- model: " in share  # taken by the exact rule
    weighed = share.split("<- model: ")[1]
    role, rest = weighed.split(" ", 1)
    assert role in line_model.shipped().roles and ";" in rest and "=" in rest  # feature=value (weight)
    assert any(name in rest for name in FEATURES)


def test_plain_ingest_keeps_no_line_by_line_evidence(tmp_path: Path) -> None:
    from pipeline.model.config import config_from_mapping
    from pipeline.reading.draft import SourceInfo, drafts_from_bytes

    source = SourceInfo("raw/page.txt", "0" * 64, *(2 * [__import__("datetime").datetime(2026, 1, 1)]))
    plain = drafts_from_bytes(PAGE.encode(), source, config_from_mapping({}))
    explained = drafts_from_bytes(PAGE.encode(), source, config_from_mapping({}), explain=True)
    assert "lines" not in plain[0].evidence and "<- model: " in explained[0].evidence["lines"]
    assert plain[0].article == explained[0].article  # explaining changes nothing of the draft


def test_reading_is_deterministic() -> None:
    first, second = read_page(PAGE), read_page(PAGE)
    assert [(line.kind, line.role, line.share) for line in first.lines] == \
        [(line.kind, line.role, line.share) for line in second.lines]
    assert first.blocks == second.blocks and first.headline == second.headline



def test_the_summary_is_made_of_paragraphs_the_model_does_not_half_take_for_furniture() -> None:
    from pipeline.reading.lines import Kind, PageLine
    from pipeline.reading.roles import SUMMARY_DOUBT, summary_paragraphs

    doubted = PageLine("Direct naar de inhoud.", 0, Kind.TEXT, role="body", share=0.6,
                       shares={"body": 0.6, "navigation": SUMMARY_DOUBT + 0.05})
    sure = PageLine("De gemeente bouwt 200 woningen aan de rand van het dorp.", 1, Kind.TEXT, role="body",
                    share=0.95, shares={"body": 0.95, "navigation": 0.05})
    paragraphs = [doubted.text, sure.text]
    # the doubted line stays in the text (the model did not take it out), but does not sum the article up
    assert summary_paragraphs(paragraphs, [doubted, sure]) == [sure.text]
    # a line read without the model (no shares) is never doubted; with every paragraph doubted, all stay
    assert summary_paragraphs(paragraphs, [PageLine(doubted.text, 0), sure]) == paragraphs
    assert summary_paragraphs([doubted.text], [doubted]) == [doubted.text]
    # a line the rules took out already is not the summary's business
    removed = PageLine(sure.text, 1, Kind.FURNITURE, shares={"navigation": 0.9})
    assert summary_paragraphs(paragraphs, [doubted, removed]) == [sure.text]


def test_a_lede_the_source_gave_apart_from_its_title_is_never_doubted_for_where_it_stands() -> None:
    from pipeline.model.config import config_from_mapping
    from pipeline.reading.draft import compose_body
    from pipeline.reading.lines import Kind, PageLine
    from pipeline.reading.roles import SUMMARY_DOUBT, summary_paragraphs

    lede = PageLine("Europese chipmakers bouwen in hoog tempo nieuwe datacentra voor kunstmatige intelligentie.", 0,
                    Kind.TEXT, role="body", share=0.6, shares={"body": 0.6, "navigation": SUMMARY_DOUBT + 0.06})
    second = PageLine("De Europese Unie wil haar aandeel in de wereldwijde productie van chips verdubbelen.", 1,
                      Kind.TEXT, role="body", share=0.9, shares={"body": 0.9, "navigation": 0.1})
    paragraphs = [lede.text, second.text]
    assert summary_paragraphs(paragraphs, [lede, second], lede_given=True) == paragraphs
    assert summary_paragraphs(paragraphs, [lede, second]) == [second.text]  # a scrape: its first line may be furniture
    # only the first paragraph: a doubted line further down still does not sum the article up
    assert summary_paragraphs([second.text, lede.text], [second, lede], lede_given=True) == [second.text]
    # compose_body passes it: a text read for its headline is a scrape, one read without is a source's given text
    body = compose_body(f"{lede.text}\n\n{second.text}\n", config_from_mapping({}), want_headline=False)
    assert body.summary_paragraphs is not None and body.summary_paragraphs[0] == lede.text
