"""Two different articles are never merged into one: a text that only resembles an earlier article is a
draft of its own, marked as a possible duplicate until an editor dismisses the mark or merges the two;
items whose URLs differ, or whose dates are more than a day apart, are never one article."""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.model.article import parse_article
from pipeline.model.fingerprint import SAME_ARTICLE, resemblance
from tests.helpers import cli
from tests.stages.test_updates import BODY, journal

REPORT = """---
title: "Marktbericht {day}: beurs sluit {move}"
date: {date}
cover:
  image: "https://images.example.org/beurs.jpg"
  alt: "De beurs"
  caption: "Foto: archief"
---
De AEX sloot {day} op {index} punten, een {move} van {change} procent ten opzichte van de vorige handelsdag.
De handel in aandelen verliep rustig, met een omzet van {volume} miljard euro op het Damrak in Amsterdam.
Banken en verzekeraars deden het beter dan de rest van de markt, terwijl technologiefondsen achterbleven.
De euro noteerde {euro} dollar, en de olieprijs stond op {oil} dollar per vat Brent aan het eind van de dag.
Beleggers keken vooral uit naar de cijfers over de inflatie in de Verenigde Staten die later deze week komen.
Analisten verwachten dat de centrale banken de rente voorlopig niet verder zullen verhogen dit jaar.
Op de obligatiemarkt daalde de rente op tienjarig Nederlands staatspapier licht naar {bond} procent.
Morgen publiceren onder meer enkele grote bedrijven hun kwartaalcijfers, wat voor beweging kan zorgen.
Dit marktbericht wordt elke handelsdag na het sluiten van de beurs automatisch samengesteld door de redactie.
De genoemde koersen zijn slotkoersen en kunnen later op de avond nog worden bijgesteld door de beurs zelf.
"""

MONDAY = dict(day="maandag", date="2026-03-02T18:00:00+01:00", move="hoger", index="912,40", change="0,8",
              volume="1,9", euro="1,08", oil="81,20", bond="2,71")
TUESDAY = dict(day="dinsdag", date="2026-03-03T18:00:00+01:00", move="lager", index="905,10", change="0,4",
               volume="2,1", euro="1,09", oil="80,75", bond="2,69")
NEXT_MONDAY = {**MONDAY, "date": "2026-03-09T18:00:00+01:00", "index": "920,15"}


def report(values: dict[str, str]) -> str:
    return REPORT.format(**values)


def body_of(text: str) -> str:
    return text.split("---\n", 2)[2]


def drafts(root: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((root / "drafts").glob("*.md"))}


def ingested_report(root: Path, file: str, values: dict[str, str]) -> str:
    """A market report scraped into raw/`file` and ingested: what ingest said."""
    (root / "raw" / file).write_text(report(values), encoding="utf-8")
    result = cli(root, "ingest")
    assert result.exit_code == 0, result.stdout
    return result.stdout


def test_mondays_and_tuesdays_market_report_are_two_drafts_the_second_marked(bare_workspace: Path) -> None:
    root = bare_workspace
    alike = resemblance(body_of(report(MONDAY)), body_of(report(TUESDAY)))
    assert SAME_ARTICLE <= alike < 0.9  # only the text is alike: the case a text match alone decides
    ingested_report(root, "markt-maandag.md", MONDAY)
    [monday] = drafts(root).items()
    said = ingested_report(root, "markt-dinsdag.md", TUESDAY)
    now = drafts(root)
    assert now[monday[0]] == monday[1]  # Monday's article is whole, as it was
    [tuesday] = [name for name in now if name != monday[0]]
    assert "912,40" not in now[tuesday].decode() and "905,10" in now[tuesday].decode()
    assert f"drafts/{tuesday} (possible duplicate of drafts/{monday[0]}: " in said

    shown = cli(root, "review").stdout
    line = next(line for line in shown.splitlines() if line.startswith(f"possible duplicate\tdrafts/{tuesday}"))
    assert f"drafts/{monday[0]}" in line and "dismiss-duplicate" in line and "merge-duplicate" in line
    refused = cli(root, "approve", tuesday.removesuffix(".md"), "--by", "anna")
    assert refused.exit_code == 1 and "possible duplicate" in refused.stdout
    status = json.loads(cli(root, "status", "--json").stdout)
    assert status["counts"]["possible_duplicates"] == 1
    assert [d["state"] for d in status["drafts"] if d["draft"] == f"drafts/{tuesday}"] == ["possible duplicate"]

    dismissed = cli(root, "dismiss-duplicate", tuesday.removesuffix(".md"))
    assert dismissed.exit_code == 0, dismissed.stdout
    after = cli(root, "review", tuesday.removesuffix(".md")).stdout
    assert after.startswith(f"invalid\tdrafts/{tuesday}") and "duplicate" not in after  # its own problems now
    assert drafts(root)[monday[0]] == monday[1]
    again = cli(root, "dismiss-duplicate", tuesday.removesuffix(".md"))
    assert again.exit_code == 1 and "is not marked as a possible duplicate" in again.stdout


def test_a_merged_duplicate_waits_beside_the_other_as_its_update(bare_workspace: Path) -> None:
    root = bare_workspace
    ingested_report(root, "markt-maandag.md", MONDAY)
    [(monday, monday_bytes)] = drafts(root).items()
    ingested_report(root, "markt-dinsdag.md", TUESDAY)
    [tuesday] = [name for name in drafts(root) if name != monday]
    tuesday_text = (root / "drafts" / tuesday).read_text(encoding="utf-8")
    merged = cli(root, "merge-duplicate", tuesday.removesuffix(".md"))
    assert merged.exit_code == 0, merged.stdout
    assert drafts(root) == {monday: monday_bytes}  # the earlier article untouched
    assert (root / "updates" / monday).read_text(encoding="utf-8") == tuesday_text  # nothing lost
    assert f"source updated\tdrafts/{monday}" in cli(root, "review").stdout
    assert cli(root, "take-update", monday.removesuffix(".md")).exit_code == 0
    assert "905,10" in (root / "drafts" / monday).read_text(encoding="utf-8")
    actions = [entry["action"] for entry in journal(root)]
    assert actions[-3:] == ["update-waiting", "duplicate-merged", "update-taken"]
    assert cli(root, "ingest").stdout.strip().endswith("2 skipped")  # idempotent: nothing made again


def test_the_same_raw_file_a_week_later_is_a_new_article(bare_workspace: Path) -> None:
    """A report scraped into one file name: dates more than a day apart are never one article."""
    root = bare_workspace
    ingested_report(root, "markt.md", MONDAY)
    [(monday, monday_bytes)] = drafts(root).items()
    said = ingested_report(root, "markt.md", NEXT_MONDAY)
    assert "refreshed" not in said, said
    now = drafts(root)
    assert now[monday] == monday_bytes and len(now) == 2
    dates = sorted(str(parse_article(text.decode()).meta["date"]) for text in now.values())
    assert [date[:10] for date in dates] == ["2026-03-02", "2026-03-09"]


def test_the_same_story_for_seven_towns_is_seven_articles(bare_workspace: Path) -> None:
    root = bare_workspace
    towns = ["Zwolle", "Deventer", "Kampen", "Zutphen", "Almelo", "Hengelo", "Enschede"]
    for town in towns:
        item = {"title": f"Gemeente {town} verhoogt de afvalstoffenheffing", "published": "2026-02-11",
                "url": f"https://www.example.nl/{town.lower()}/afval", "body": BODY}
        (root / "raw" / f"{town.lower()}.json").write_text(json.dumps(item), encoding="utf-8")
        assert cli(root, "ingest").exit_code == 0
    made = drafts(root)
    assert len(made) == 7
    assert sorted(town for town in towns if any(town in text.decode() for text in made.values())) == sorted(towns)
    # their URLs say they are different articles: none is even marked as a duplicate of another
    assert json.loads(cli(root, "status", "--json").stdout)["counts"]["possible_duplicates"] == 0


def test_a_different_url_is_never_an_update_even_from_the_same_file(bare_workspace: Path) -> None:
    root = bare_workspace
    first = {"title": "Gemeente Zwolle verhoogt de heffing", "published": "2026-02-11",
             "url": "https://www.example.nl/zwolle/afval", "body": BODY}
    (root / "raw" / "gemeente.json").write_text(json.dumps(first), encoding="utf-8")
    assert cli(root, "ingest").exit_code == 0
    [(zwolle, zwolle_bytes)] = drafts(root).items()
    second = {**first, "title": "Gemeente Kampen verhoogt de heffing", "url": "https://www.example.nl/kampen/afval"}
    (root / "raw" / "gemeente.json").write_text(json.dumps(second), encoding="utf-8")
    assert cli(root, "ingest").exit_code == 0
    now = drafts(root)
    assert now[zwolle] == zwolle_bytes and len(now) == 2


SENTENCES = [line for line in BODY.split("\n") if len(line.split()) > 8]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 2**32 - 1), st.floats(0.0, 0.35), st.booleans())
def test_a_text_match_alone_never_replaces_an_article(bare_workspace: Path, seed: int, changed: float,
                                                      edited: bool) -> None:
    """Whatever part of the text a second scrape under another name changes, and whether or not an
    editor touched the first draft, the first article stays byte for byte and the second gets a draft."""
    root = Path(tempfile.mkdtemp(dir=bare_workspace))
    (root / "raw").mkdir()
    (root / ".pipeline").mkdir()
    rng = random.Random(seed)
    first = (root / "raw" / "eerste.md")
    first.write_text(REPORT.split("---\n", 2)[1].join(["---\n", "---\n"]).format(**MONDAY) + BODY, encoding="utf-8")
    assert cli(root, "ingest").exit_code == 0
    [(name, _)] = drafts(root).items()
    if edited:
        path = root / "drafts" / name
        path.write_text(path.read_text(encoding="utf-8") + "\nEen zin van de redactie.\n", encoding="utf-8")
    before = drafts(root)
    lines = BODY.split("\n")
    for index, line in enumerate(lines):
        if line in SENTENCES and rng.random() < changed:
            words = line.split()
            rng.shuffle(words)
            lines[index] = " ".join(words)
    second = first.read_text(encoding="utf-8").replace(BODY, "\n".join(lines)) + "\nBijgewerkt om 18.05 uur.\n"
    (root / "raw" / "tweede.md").write_text(second, encoding="utf-8")
    assert cli(root, "ingest").exit_code == 0
    after = drafts(root)
    assert {key: after.get(key) for key in before} == before
    assert len(after) == 2
    assert not (root / "updates").exists()
