"""A general newsroom's vocabulary (`pipeline init` offers it), and `pipeline vocabulary suggest`."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from pipeline.model.vocabularies import config_with_vocabulary
from pipeline.stages.vocabulary import suggest_terms
from tests.helpers import cli, draft_text

# Written for these tests: an ordinary local news story, nothing about AI or work.
STORY = """ date 2025-03-12 Gemeenteraad stemt in met nieuwe woningen aan de rand van het dorp

De gemeenteraad van Oosterwolde heeft dinsdagavond ingestemd met de bouw van 240 woningen aan de rand van het dorp. \
Het plan kreeg steun van alle partijen behalve de oppositiepartij Dorpsbelang, die vreest voor meer verkeer op de \
smalle wegen rond de school.

Wethouder Jansen noemde het besluit een belangrijke stap tegen de krapte op de woningmarkt. Een derde van de \
woningen wordt een huurwoning in de sociale sector, de rest zijn koopwoningen voor starters en ouderen die kleiner \
willen wonen. De eerste woningen moeten in 2027 klaar zijn.

Bewoners van de wijk ernaast maakten zich tijdens de vergadering zorgen over het verkeer en over de natuur in het \
gebied. De gemeente belooft een nieuwe ontsluitingsweg aan te leggen en een deel van het terrein groen te houden. \
De provincie moet het bestemmingsplan nog goedkeuren; dat wordt voor de zomer verwacht.
"""


def test_an_ordinary_news_story_fits_the_general_vocabulary(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    assert cli(root, "init").exit_code == 0
    (root / "raw" / "woningen.txt").write_text(STORY, encoding="utf-8")
    assert cli(root, "ingest").exit_code == 0
    shown = json.loads(cli(root, "validate", "--json").stdout)
    problems = [problem for item in shown.get("files", shown) if isinstance(item, dict)
                for problem in item.get("problems", [])] if isinstance(shown, dict) else []
    text = next((root / "drafts").glob("*.md")).read_text(encoding="utf-8")
    assert 'sectie: "regio"' in text or 'sectie: "binnenland"' in text or 'sectie: "politiek"' in text, text
    assert '"woningmarkt"' in text and '"gemeente"' in text
    assert not [p for p in problems if p.get("field") in ("tags", "sectie")]
    result = cli(root, "validate")
    assert "[not-allowed] tags" not in result.stdout and "sectie" not in result.stdout


def test_suggestions_are_tags_and_words_the_vocabulary_lacks_by_number_of_drafts() -> None:
    config, _ = config_with_vocabulary("news")
    drafts = [
        ("drafts/a.md", draft_text(title="Waterschap versterkt de dijken", tags=["dijken", "woningmarkt"])),
        ("drafts/b.md", draft_text(title="Dijken worden hoger bij het Waterschap Rivierenland", tags=["dijken"])),
        ("drafts/c.md", draft_text(title="Nieuwe gemaal voor de polder", tags=["woningmarkt"])),
        ("drafts/kapot.md", "---\ntitle: [unclosed\n---\nbody\n"),
        ("drafts/bom.md", "---\na: &a [x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                          "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n"),
    ]
    found = {s.term: s for s in suggest_terms(drafts, config, limit=1000)}
    assert found["dijken"].kind == "tag in drafts" and found["dijken"].drafts == 2
    assert "woningmarkt" not in found  # a tag the vocabulary has
    assert "waterschap" in found and found["waterschap"].kind == "word in text"
    assert "polder" not in found  # in one draft only
    assert "gemeente" not in found and "worden" not in found  # the vocabulary's word; a stop word
    order = list(found)
    assert order.index("dijken") < order.index("waterschap")  # as many drafts: a tag before a word
    assert all(found[term].drafts >= found[after].drafts for term, after in itertools.pairwise(order))


def test_vocabulary_suggest_on_the_command_line(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    assert cli(root, "init").exit_code == 0
    for name, tags in (("a", ["dijken"]), ("b", ["dijken"])):
        (root / "drafts" / f"{name}.md").write_text(draft_text(title=f"Dijken {name}", tags=tags), encoding="utf-8")
    result = cli(root, "vocabulary", "suggest")
    assert result.exit_code == 0 and "dijken" in result.stdout
    as_json = json.loads(cli(root, "vocabulary", "suggest", "--json", "--least", "3").stdout)
    assert all(item["drafts"] >= 3 for item in as_json)
    assert cli(root, "vocabulary", "suggest", "--least", "0").exit_code == 2
