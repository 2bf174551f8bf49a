"""normalise: every rule, the byte-for-byte no-op on the example, idempotence, the runner and the command line."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model.canonical import normalise_text
from pipeline.model.config import DEFAULT_CONFIG
from pipeline.model.markdown import normalise_body
from pipeline.stages.validate import check_text
from pipeline.store.workspace import Workspace
from tests.conftest import EXAMPLE_DRAFT_NAME, EXAMPLE_PUBLISHED
from tests.helpers import cli
from tests.stages.test_validate import CONFIG, DRAFT, PUBLISHED


def fm(*lines: str, body: str = "\nTekst.\n") -> str:
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n" + body


# (rule, input, expected output, fields reported changed)
RULES: list[tuple[str, str, str, tuple[str, ...]]] = [
    # dates
    ("day-first date", fm("date: 11-02-2026"), fm("date: 2026-02-11T00:00:00+01:00"), ("date",)),
    ("Dutch month name", fm('date: "9 maart 2026"'), fm("date: 2026-03-09T00:00:00+01:00"), ("date",)),
    ("English with weekday", fm("date: Wednesday, February 11th 2026"), fm("date: 2026-02-11T00:00:00+01:00"),
     ("date",)),
    ("dateparser's own form", fm("date: the 11th of February 2026"), fm("date: 2026-02-11T00:00:00+01:00"),
     ("date",)),
    ("ISO day, unquoted", fm("date: 2026-02-11"), fm("date: 2026-02-11T00:00:00+01:00"), ("date",)),
    ("summer time keeps its own offset", fm("date: 2026-07-01 14:05"), fm("date: 2026-07-01T14:05:00+02:00"),
     ("date",)),
    ("no offset: the configured zone", fm("date: 2026-02-11T10:00:00"), fm("date: 2026-02-11T10:00:00+01:00"),
     ("date",)),
    ("an offset is converted to the zone", fm('date: "2026-02-11 10:00 +0000"'),
     fm("date: 2026-02-11T11:00:00+01:00"), ("date",)),
    ("month only gets date_precision", fm("date: maart 2026"),
     fm("date: 2026-03-01T00:00:00+01:00", 'date_precision: "month"'), ("date", "date_precision")),
    ("Hugo's other date keys", fm("lastmod: 12-02-2026"), fm("lastmod: 2026-02-12T00:00:00+01:00"), ("lastmod",)),
    # tags
    ("tags lower-case, trimmed, once, in order", fm('tags: [" Privacy", "BANEN", "privacy", "banen "]'),
     fm('tags: ["privacy", "banen"]'), ("tags",)),
    ("tag synonyms in the vocabulary's spelling", fm('tags: ["Herscholing", "AI-agents", "agents"]'),
     fm('tags: ["omscholing", "ai agents"]'), ("tags",)),
    ("tags typed as one string", fm('tags: "banen, Privacy"'), fm('tags: ["banen", "privacy"]'), ("tags",)),
    ("unknown tags are kept, lower-case", fm('tags: ["Voetbal"]'), fm('tags: ["voetbal"]'), ("tags",)),
    # section, audience, language
    ("sectie in canonical case", fm("sectie: Werk"), fm('sectie: "werk"'), ("sectie",)),
    ("sectie synonym", fm("sectie: tech"), fm('sectie: "technologie"'), ("sectie",)),
    ("doelgroep synonym", fm("doelgroep: beslissers"), fm('doelgroep: "BESLISSER"'), ("doelgroep",)),
    ("doelgroep case", fm("doelgroep: ondernemer"), fm('doelgroep: "ONDERNEMER"'), ("doelgroep",)),
    ("unknown sectie left for validate", fm('sectie: "sport"'), fm('sectie: "sport"'), ()),
    ("lang lower-case", fm("lang: NL"), fm('lang: "nl"'), ("lang",)),
    # whitespace and YAML traps
    ("strings trimmed", fm('title: "  Een titel  "', "cover:", '  alt: " Foto "'),
     fm('title: "Een titel"', "cover:", '  alt: "Foto"'), ("title", "cover.alt")),
    ("sectie: no back to the text typed", fm("sectie: no"), fm('sectie: "no"'), ("sectie",)),
    ("14:05 back to the text typed", fm("title: 14:05"), fm('title: "14:05"'), ("title",)),
    ("012 in an unknown key back to the text", fm("code: 012"), fm('code: "012"'), ("code",)),
    ("yes in a true/false field is true", fm("draft: yes"), fm("draft: true"), ("house style",)),
    ("a lone Title is title", fm("Title: Kop"), fm('title: "Kop"'), ("title",)),
    # keys and house style
    ("keys in house order, unknown after", fm('auteur: "A"', "draft: true", 'title: "T"'),
     fm('title: "T"', "draft: true", 'auteur: "A"'), ("key order",)),
    ("cover keys in order", fm("cover:", '  caption: "C"', '  image: "https://x.nl/a.jpg"'),
     fm("cover:", '  image: "https://x.nl/a.jpg"', '  caption: "C"'), ("key order",)),
    ("quoting and list style", fm("title: Kop", "tags:", "  - banen"), fm('title: "Kop"', 'tags: ["banen"]'),
     ("house style",)),
    ("byte order mark removed", "\ufeff" + fm('title: "Kop"'), fm('title: "Kop"'), ("bom",)),
    # the body
    ("blank-line runs and trailing spaces", fm('title: "K"', body="\nEen.  \n\n\n\nTwee.\t\n\n\n"),
     fm('title: "K"', body="\nEen.\n\nTwee.\n"), ("body",)),
    ("one blank line after the front matter", fm('title: "K"', body="Tekst.\n"), fm('title: "K"'), ("body",)),
    ("CRLF line ends", fm('title: "K"', body="\r\nEen.\r\n\r\n\r\nTwee.\r\n").replace("\n---", "\r\n---"),
     fm('title: "K"', body="\nEen.\n\nTwee.\n"), ("body", "house style")),
    ("fenced code is left alone", fm('title: "K"', body="\n```\ncode  \n\n\n\nmore\n```\n"),
     fm('title: "K"', body="\n```\ncode  \n\n\n\nmore\n```\n"), ()),
]


@pytest.mark.parametrize(("text", "expected", "changes"), [rule[1:] for rule in RULES], ids=[r[0] for r in RULES])
def test_each_rule(text: str, expected: str, changes: tuple[str, ...]) -> None:
    result = normalise_text(text, CONFIG)
    assert result.text == expected
    assert result.changes == changes
    assert result.status == ("changed" if changes else "unchanged")
    again = normalise_text(result.text, CONFIG)
    assert (again.text, again.status) == (result.text, "unchanged")


def test_an_rfc3339_date_is_kept_exactly_as_written() -> None:
    for value in ("2026-02-26T20:26:46.713Z", "2026-02-11T00:00:00+01:00", "2026-02-11T23:00:00Z",
                  "2026-02-11T10:00:00.5-05:00", "2026-02-11t10:00:00z"):
        text = fm(f"date: {value}")
        assert normalise_text(text, CONFIG).text == text


@pytest.mark.parametrize("value", ["gisteren", "3 dagen geleden", "binnenkort", "32-13-2026", "11 februari"])
def test_a_date_that_is_relative_or_not_a_date_is_left_for_validate(value: str) -> None:
    text = fm(f'date: "{value}"')
    assert normalise_text(text, CONFIG).status == "unchanged"
    assert [p.code for p in check_text(text, "x.md", CONFIG).problems if p.field == "date"] == ["date-format"]


@pytest.mark.parametrize(
    ("text", "status", "reason"),
    [
        (fm('title: "A"', 'title: "B"'), "skipped", "title is given twice"),
        (fm('Title: "A"', 'title: "B"'), "skipped", "Title and title are the same key to Hugo"),
        ("---\ntitle: [\n---\n", "unreadable", "front matter: line 3: front matter is not valid YAML"),
        ("---\ntitle: x\n", "unreadable", "never closed"),
        ("Geen front matter.\n", "skipped", "has no front matter"),
    ],
)
def test_a_file_normalise_cannot_read_safely_is_left_alone(text: str, status: str, reason: str) -> None:
    result = normalise_text(text, CONFIG)
    assert (result.text, result.status) == (text, status)
    assert reason in result.problem


def test_the_published_example_is_a_byte_for_byte_no_op() -> None:
    result = normalise_text(PUBLISHED, CONFIG)
    assert result.text == PUBLISHED and result.status == "unchanged" and result.changes == ()
    assert normalise_text(PUBLISHED, DEFAULT_CONFIG).text == PUBLISHED
    assert normalise_text(DRAFT, CONFIG).text == DRAFT


def test_the_body_rule_alone() -> None:
    assert normalise_body("") == ""
    assert normalise_body("\n\n\n") == ""
    assert normalise_body("\n\n\nA\n\n\n") == "\nA\n"
    assert normalise_body("A\r\rB") == "\nA\n\nB\n"


# --- idempotence on generated front matter -----------------------------------------------------------

_spaces = st.sampled_from(["", " ", "  "])
_words = st.sampled_from(["banen", "Privacy", "PRIVACY", "herscholing", "AI-agents", "ai agent", "reclame",
                          "Voetbal", "arbeidsmarkt", "omscholing"])
_dates = st.dates(min_value=__import__("datetime").date(1990, 1, 1),
                  max_value=__import__("datetime").date(2040, 12, 31)).flatmap(
    lambda day: st.sampled_from([
        f"{day:%d-%m-%Y}", f"{day:%Y-%m-%d}", f'"{day.day} maart {day.year}"', f"{day:%Y-%m-%d}T10:30:00",
        f"{day:%Y-%m-%d}T00:00:00+01:00", f"{day:%Y-%m-%d}T08:00:00Z", f'"{day:%B} {day.day}, {day.year}"',
        f'"{day:%Y-%m-%d} 14:05"', f"maart {day.year}",
    ]))
_sections = st.sampled_from(["werk", "Werk", " privacy ", "tech", "TECHNOLOGIE", "sport", "no"])
_audiences = st.sampled_from(["BESLISSER", "beslissers", "ondernemer", "mkb", "Professional", "iedereen"])
_text = st.text(alphabet="abc éë“”’-:#", min_size=0, max_size=20)


@st.composite
def messy_articles(draw: st.DrawFn) -> str:
    lines = {
        "title": f'title: "{draw(_spaces)}{draw(_text).replace(chr(34), "")}{draw(_spaces)}"',
        "date": f"date: {draw(_dates)}",
        "tags": "tags: [" + ", ".join(f'"{draw(_spaces)}{w}{draw(_spaces)}"'
                                      for w in draw(st.lists(_words, max_size=6))) + "]",
        "sectie": f'sectie: "{draw(_sections)}"',
        "doelgroep": f"doelgroep: {draw(_audiences)}",
        "cover": 'cover:\n  caption: "Foto "\n  image: "https://x.nl/a.jpg"',
        "draft": f"draft: {draw(st.sampled_from(['true', 'yes', 'false']))}",
        "extra": f"weight: {draw(st.sampled_from(['3', '012', '14:05', 'no', '~']))}",
    }
    keys = draw(st.permutations(list(lines)))
    keys = keys[: draw(st.integers(min_value=1, max_value=len(keys)))]
    body_lines = draw(st.lists(st.sampled_from(["Tekst.", "Meer tekst.  ", "", "", "## Kop", "```", "  code"]),
                               max_size=12))
    return "---\n" + "\n".join(lines[key] for key in keys) + "\n---\n" + "\n".join(body_lines)


@settings(max_examples=300, deadline=None)
@given(messy_articles())
def test_normalise_is_idempotent_on_generated_front_matter(text: str) -> None:
    once = normalise_text(text, CONFIG)
    assert once.status in ("changed", "unchanged"), once.problem
    twice = normalise_text(once.text, CONFIG)
    assert twice.text == once.text and twice.status == "unchanged" and twice.changes == ()
    # What normalise owns, validate no longer finds.
    left = {p.code for p in check_text(once.text, "x.md", CONFIG).problems}
    assert not left & {"whitespace", "tag-form", "tag-duplicate", "key-case", "bom"}, left


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300).map(lambda body: "---\ntitle: x\n---\n" + body) | st.text(max_size=300))
def test_normalise_never_raises_and_settles_in_one_step(text: str) -> None:
    once = normalise_text(text, CONFIG)
    assert normalise_text(once.text, CONFIG).text == once.text


# --- the runner and the command line ------------------------------------------------------------------




def messy_workspace(workspace: Path) -> Path:
    drafts = workspace / "drafts"
    drafts.mkdir()
    (drafts / "netjes.md").write_text(DRAFT, encoding="utf-8")
    (drafts / "rommelig.md").write_text(DRAFT.replace('sectie: "werk"', "sectie: Werk")
                                        .replace('tags: ["banen",', 'tags: ["Banen", "banen",'), encoding="utf-8")
    return drafts


def test_check_changes_nothing_and_exits_1_when_something_would_change(workspace: Path) -> None:
    drafts = messy_workspace(workspace)
    before = {p.name: p.read_bytes() for p in drafts.iterdir()}
    result = cli(workspace, "normalise", "--check")
    code, out = result.exit_code, result.stdout
    assert code == 1
    assert out.splitlines() == ["would change\tdrafts/rommelig.md\ttags, sectie",
                                "normalise: 1 unchanged, 1 would change"]
    assert {p.name: p.read_bytes() for p in drafts.iterdir()} == before
    assert Workspace.open(workspace).read_journal()[0] == []
    result = cli(workspace, "normalise", "--check", "drafts/netjes.md")
    assert (result.exit_code, result.stdout) == (0, "normalise: 1 unchanged\n")


def test_normalise_writes_only_what_changes_and_journals_it(workspace: Path) -> None:
    drafts = messy_workspace(workspace)
    tidy_stamp = (drafts / "netjes.md").stat().st_mtime_ns
    result = cli(workspace, "normalise")
    code, out = result.exit_code, result.stdout
    assert code == 0
    assert out.splitlines() == ["changed\tdrafts/rommelig.md\ttags, sectie", "normalise: 1 changed, 1 unchanged"]
    assert (drafts / "rommelig.md").read_text(encoding="utf-8") == DRAFT
    assert (drafts / "netjes.md").stat().st_mtime_ns == tidy_stamp
    entries = Workspace.open(workspace).read_journal()[0]
    assert [(e["action"], e["article"], e["changes"]) for e in entries] == [
        ("normalised", "drafts/rommelig.md", ["tags", "sectie"])]
    result = cli(workspace, "normalise", "--check")
    assert (result.exit_code, result.stdout) == (0, "normalise: 2 unchanged\n")
    assert not list(drafts.glob(".tmp-*"))


def test_json_and_files_that_cannot_be_normalised(workspace: Path) -> None:
    drafts = messy_workspace(workspace)
    (drafts / "dubbel.md").write_text(DRAFT.replace("draft: true", "draft: true\ndraft: false"), encoding="utf-8")
    (drafts / "latin.md").write_bytes("---\ntitle: café\n---\n".encode("latin-1"))
    result = cli(workspace, "normalise", "--json")
    code, out = result.exit_code, result.stdout
    assert code == 1
    document = json.loads(out)
    assert [(o["draft"], o["status"]) for o in document] == [
        ("drafts/dubbel.md", "skipped"), ("drafts/latin.md", "unreadable"), ("drafts/netjes.md", "unchanged"),
        ("drafts/rommelig.md", "changed")]
    assert all(set(o) == {"draft", "status", "changes", "reason"} for o in document)
    assert document[0]["reason"].startswith("draft is given twice (line 13")
    assert document[1]["reason"] == "is not UTF-8 text"
    assert (drafts / "latin.md").read_bytes() == "---\ntitle: café\n---\n".encode("latin-1")


def test_the_published_example_and_a_fresh_draft_are_left_byte_for_byte(workspace: Path) -> None:
    assert cli(workspace, "ingest").exit_code == 0
    draft = workspace / "drafts" / EXAMPLE_DRAFT_NAME
    before = draft.read_bytes()
    published = workspace / "published" / EXAMPLE_PUBLISHED.name
    result = cli(workspace, "normalise", "--check", "published")
    assert (result.exit_code, result.stdout) == (0, "normalise: 1 unchanged\n")
    result = cli(workspace, "normalise", str(published))
    assert (result.exit_code, result.stdout) == (0, "normalise: 1 unchanged\n")
    assert published.read_bytes() == EXAMPLE_PUBLISHED.read_bytes()
    result = cli(workspace, "normalise")
    assert (result.exit_code, result.stdout) == (0, "normalise: 1 unchanged\n")
    assert draft.read_bytes() == before


def test_a_file_outside_the_workspace_is_not_written(workspace: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elders.md"
    outside.write_text(fm("sectie: Werk"), encoding="utf-8")
    result = cli(workspace, "normalise", str(outside))
    code, out = result.exit_code, result.stdout
    assert code == 1 and "is outside the workspace" in out
    assert outside.read_text(encoding="utf-8") == fm("sectie: Werk")
    result = cli(workspace, "normalise", "--check", str(outside))
    code, out = result.exit_code, result.stdout
    assert code == 1 and out.startswith(f"would change\t{outside}\tsectie")


def test_a_link_in_drafts_that_leads_out_is_never_written(workspace: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elders.md"
    outside.write_text(fm("sectie: Werk"), encoding="utf-8")
    (workspace / "drafts").mkdir(exist_ok=True)
    (workspace / "drafts" / "link.md").symlink_to(outside)
    result = cli(workspace, "normalise")
    code, out = result.exit_code, result.stdout
    assert code == 1 and "drafts/link.md" in out and "outside the workspace" in out
    assert outside.read_text(encoding="utf-8") == fm("sectie: Werk")


def test_check_writes_nothing_not_even_a_cache(workspace: Path) -> None:
    assert cli(workspace, "ingest").exit_code == 0
    draft = workspace / "drafts" / EXAMPLE_DRAFT_NAME
    old = draft.stat().st_mtime - 3600
    os.utime(draft, (old, old))  # old enough to be cached, were anything written
    before = sorted(p.name for p in (workspace / ".pipeline").iterdir())
    result = cli(workspace, "normalise", "--check")
    assert (result.exit_code, result.stdout) == (0, "normalise: 1 unchanged\n")
    assert sorted(p.name for p in (workspace / ".pipeline").iterdir()) == before
    result = cli(workspace, "normalise")
    assert (result.exit_code, result.stdout) == (0, "normalise: 1 unchanged\n")
    assert "normalise-drafts.json" in {p.name for p in (workspace / ".pipeline").iterdir()}


# --- what a site's own front matter means: block scalars kept, comments never silently dropped --------

BLOCKS = ('description: >\n  Een lange regel\n  die doorloopt.\n\n  Tweede alinea.\n'
          'code: |\n  regel 1\n    ingesprongen\n\n  regel 3\n'
          'strip: |-\n  zonder einde\n'
          'keep: |+\n  met twee\n\n'
          'nested:\n  text: |\n    c\n    d\n')


def test_block_scalars_of_a_sites_own_keys_stay_block_scalars() -> None:
    text = EXAMPLE_PUBLISHED.read_text(encoding="utf-8").replace("\n---\n", "\n" + BLOCKS + "---\n", 1)
    result = normalise_text(text, DEFAULT_CONFIG)
    assert result.problem == "" and result.text == text, result.changes  # nothing flattened into "\n" escapes
    assert "\\n" not in result.text.split("\n---\n")[0]


def test_a_house_field_written_as_a_block_is_written_the_house_way() -> None:
    text = EXAMPLE_PUBLISHED.read_text(encoding="utf-8")
    summary = next(line for line in text.split("\n") if line.startswith("summary: "))
    value = summary.removeprefix('summary: "').removesuffix('"')
    result = normalise_text(text.replace(summary, f"summary: >\n  {value}\n"), DEFAULT_CONFIG)
    assert result.changes == ("summary",) and summary in result.text.split("\n")


@pytest.mark.parametrize("comment", ["# prettier-ignore\n", "extra: 1  # cspell:ignore\n",
                                     "notes: |  # a note\n  tekst\n"])
def test_a_comment_in_front_matter_is_never_dropped_the_file_is_left_and_named(comment: str) -> None:
    text = EXAMPLE_PUBLISHED.read_text(encoding="utf-8").replace("\n---\n", "\n" + comment + "---\n", 1)
    text = text.replace("title: ", "title:   ", 1)  # something normalise would change
    result = normalise_text(text, DEFAULT_CONFIG)
    assert result.status == "skipped" and result.text == text
    line = text.split("\n").index(comment.split("\n")[0]) + 1
    assert f"has a comment in its front matter (line {line}), which a rewrite would lose" in result.problem


def test_a_hash_inside_a_value_or_a_block_is_no_comment() -> None:
    extra = 'kleur: "#ff0000"\ntag: a#b\nnotes: |\n  # een kop in tekst\n'
    text = EXAMPLE_PUBLISHED.read_text(encoding="utf-8").replace("\n---\n", "\n" + extra + "---\n", 1)
    result = normalise_text(text.replace("title: ", "title:   ", 1), DEFAULT_CONFIG)
    assert result.status == "changed" and "# een kop in tekst" in result.text


def test_normalise_on_the_cli_names_the_commented_file_and_leaves_it(workspace: Path) -> None:
    draft = workspace / "drafts" / "met-commentaar.md"
    draft.parent.mkdir(exist_ok=True)
    text = EXAMPLE_PUBLISHED.read_text(encoding="utf-8").replace("\n---\n", "\n# prettier-ignore\n---\n", 1)
    draft.write_text(text.replace("title: ", "title:   ", 1), encoding="utf-8")
    before = draft.read_bytes()
    result = cli(workspace, "normalise", str(draft))
    assert result.exit_code == 1 and "has a comment in its front matter" in result.stdout
    assert draft.read_bytes() == before


def test_vocabulary_synonyms_apply_only_where_the_workspace_names_its_own_tags() -> None:
    from pipeline.model.config import parse_config

    text = EXAMPLE_PUBLISHED.read_text(encoding="utf-8")
    tags = next(line for line in text.split("\n") if line.startswith("tags: "))
    text = text.replace(tags, 'tags: ["Agents", "herscholing"]')
    # Another site's tags, with the built-in (example) vocabulary: lower-cased, never renamed.
    assert 'tags: ["agents", "herscholing"]' in normalise_text(text, DEFAULT_CONFIG).text
    own = parse_config('[tags."ai agents"]\nwords = ["ai-agent*"]\nsynonyms = ["agents"]\n'
                       '[tags.omscholing]\nwords = ["omscholing"]\nsynonyms = ["herscholing"]\n')
    assert 'tags: ["ai agents", "omscholing"]' in normalise_text(text, own).text
