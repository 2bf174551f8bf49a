"""validate: one table of broken articles, each caught with the right field and code; the valid ones pass;
the pure per-file check, the clock rule, the runner, and the command line."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model.config import DEFAULT_CONFIG, parse_config
from pipeline.model.problems import CODES, ERROR, WARNING, Problem
from pipeline.stages.clock_rules import clock_problems
from pipeline.stages.validate import FileCheck, check_file, validate_text
from tests.conftest import EXAMPLE_DRAFT_NAME, EXAMPLE_PUBLISHED, REPO, run_installed
from tests.helpers import cli

PUBLISHED = EXAMPLE_PUBLISHED.read_text(encoding="utf-8")
DRAFT = PUBLISHED.replace("draft: false", "draft: true")
CONFIG = parse_config((REPO / "pipeline.toml").read_text(encoding="utf-8"))
BODY_START = DRAFT.index("\n---\n") + len("\n---\n")
FRONT, BODY = DRAFT[:BODY_START], DRAFT[BODY_START:]
TITLE = 'title: "AI verandert banen en privacy: wat betekent dit voor jouw bedrijf?"\n'
SUMMARY_LINE = next(line for line in DRAFT.splitlines() if line.startswith("summary: ")) + "\n"
TAGS = 'tags: ["banen", "privacy", "ai agents", "reclame"]'
COVER = DRAFT[DRAFT.index("cover:\n"): DRAFT.index("draft: true")]
WARNING_CODES = {"date-future", "tag-unknown", "whitespace", "yaml-null", "heading-h1",
                 "heading-skip", "cut-off", "maybe-not-article"}


def front(old: str, new: str) -> str:
    """The valid draft with one change in its front matter."""
    assert old in FRONT, old
    return FRONT.replace(old, new, 1) + BODY


def body(new_body: str) -> str:
    return FRONT + new_body


def appended(extra: str) -> str:
    """The valid draft with lines added to the end of its body."""
    return DRAFT + extra


SHORT_BODY = "\nDit is een korte tekst over banen en privacy.\n"
TOO_MANY_TAGS = 'tags: ["banen", "arbeidsmarkt", "omscholing", "privacy", "ai agents", "reclame"]'

# (case, file text, published, expected [(field, code)] in any order)
BROKEN: list[tuple[str, str | bytes, bool, list[tuple[str, str]]]] = [
    # front matter that cannot be read
    ("empty file", b"", False, [("", "empty")]),
    ("not utf-8", DRAFT.replace("ë", "e").encode("utf-8").replace(b"Foto", b"Fot\xe9"), False, [("", "encoding")]),
    ("bom", "\ufeff" + DRAFT, False, [("", "bom")]),
    ("no front matter", BODY, False, [("", "no-front-matter")]),
    ("TOML front matter", '+++\ntitle = "x"\n+++\n' + BODY, False, [("", "toml-front-matter")]),
    ("unclosed", FRONT[:-4] + BODY, False, [("", "unclosed")]),
    ("tab indentation", front('  alt: "A close', '\talt: "A close'), False, [("", "tab")]),
    ("yaml syntax", front(TITLE, 'title: "Half open\n'), False, [("", "yaml-syntax")]),
    ("not a mapping", "---\n- title\n- date\n---\n" + BODY, False, [("", "not-mapping")]),
    ("alias to itself", front(COVER, "cover: &c {a: *c}\n"), False, [("", "yaml-alias")]),
    ("alias bomb", front("draft: true", "draft: true\na: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"
                                          "\nb: &b [*a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b]"
                                          "\nd: [*c, *c, *c, *c, *c, *c]"),
     False, [("", "yaml-alias")]),
    ("a number of 5,000 digits", front("draft: true", "draft: true\nweight: " + "7" * 5000), False,
     [("", "yaml-number")]),
    # YAML 1.1 and Hugo traps
    ("duplicate key", front(TITLE, TITLE + 'title: "Tweede titel"\n'), False, [("title", "duplicate-key")]),
    ("key in capitals", front(TITLE, TITLE.replace("title", "Title")), False, [("Title", "key-case")]),
    ("sectie no", front('sectie: "werk"', "sectie: no"), False, [("sectie", "yaml-bool")]),
    ("draft yes", front("draft: true", "draft: yes"), False, [("draft", "yaml-bool")]),
    ("title 14:05", front(TITLE, "title: 14:05\n"), False, [("title", "yaml-sexagesimal")]),
    ("unknown key octal", front("draft: true", "draft: true\ncode: 012"), False, [("code", "yaml-octal")]),
    ("unknown key empty", front("draft: true", "draft: true\nauteur:"), False, [("auteur", "yaml-null")]),
    ("tag no", front(TAGS, 'tags: ["banen", no]'), False, [("tags", "yaml-bool")]),
    # required fields
    ("title missing", front(TITLE, ""), False, [("title", "required")]),
    ("title empty", front(TITLE, 'title: ""\n'), False, [("title", "required")]),
    ("date missing", front("date: 2026-02-26T20:26:46.713Z\n", ""), False, [("date", "required")]),
    ("summary missing", front(SUMMARY_LINE, ""), False, [("summary", "required")]),
    ("tags missing", front(TAGS + "\n", ""), False, [("tags", "required")]),
    ("tags empty", front(TAGS, "tags: []"), False, [("tags", "required")]),
    ("doelgroep missing", front('doelgroep: "BESLISSER"\n', ""), False, [("doelgroep", "required")]),
    ("sectie missing", front('sectie: "werk"\n', ""), False, [("sectie", "required")]),
    ("cover missing", front(COVER, ""), False, [("cover", "required")]),
    ("cover not a mapping", front(COVER, 'cover: "foto.jpg"\n'), False, [("cover", "type")]),
    ("cover.image empty", front('  image: "https', '  image: ""\n  old: "https'), False,
     [("cover.image", "required")]),
    ("cover.alt missing", front('  alt: "A close-up of a futuristic robot toy on a reflective surface against a '
                                'gradient background."\n', ""), False, [("cover.alt", "required")]),
    ("cover.caption null", front('  caption: "Foto: Pavel Danilyuk via Pexels"', "  caption: ~"), False,
     [("cover.caption", "required")]),
    ("draft missing", front("draft: true\n", ""), False, [("draft", "required")]),
    # types, allowed values, lengths, formats
    ("title a number", front(TITLE, "title: 2026\n"), False, [("title", "type")]),
    ("title too long", front(TITLE, f'title: "{"Lang " * 21}"\n'), False,
     [("title", "too-long"), ("title", "whitespace")]),
    ("title spaces around", front(TITLE, 'title: "  AI verandert banen  "\n'), False, [("title", "whitespace")]),
    ("summary too long", front(SUMMARY_LINE, f'summary: "{"x" * 301}"\n'), False, [("summary", "too-long")]),
    ("date day first", front("date: 2026-02-26T20:26:46.713Z", 'date: "11-02-2026"'), False,
     [("date", "date-format")]),
    ("date unquoted day", front("date: 2026-02-26T20:26:46.713Z", "date: 2026-02-11"), False,
     [("date", "date-format")]),
    ("date without offset", front("date: 2026-02-26T20:26:46.713Z", "date: 2026-02-11T10:00:00"), False,
     [("date", "date-format")]),
    ("date 30 february", front("date: 2026-02-26T20:26:46.713Z", "date: 2026-02-30T00:00:00+01:00"), False,
     [("date", "date-invalid")]),
    ("date hour 25", front("date: 2026-02-26T20:26:46.713Z", "date: 2026-02-11T25:00:00+01:00"), False,
     [("date", "date-invalid")]),
    ("date a number", front("date: 2026-02-26T20:26:46.713Z", "date: 2026"), False, [("date", "type")]),
    ("tags a string", front(TAGS, 'tags: "banen, privacy"'), False, [("tags", "type")]),
    ("tags nested list", front(TAGS, 'tags: [["banen"]]'), False, [("tags", "type")]),
    ("too many tags", front(TAGS, TOO_MANY_TAGS), False, [("tags", "tag-count")]),
    ("tag in capitals", front(TAGS, 'tags: ["Banen", "privacy"]'), False, [("tags", "tag-form")]),
    ("tag with spaces", front(TAGS, 'tags: [" banen", "privacy"]'), False, [("tags", "tag-form")]),
    ("tag twice", front(TAGS, 'tags: ["banen", "banen"]'), False, [("tags", "tag-duplicate")]),
    ("tag not in vocabulary", front(TAGS, 'tags: ["voetbal", "banen"]'), False, [("tags", "tag-unknown")]),
    ("doelgroep unknown", front('doelgroep: "BESLISSER"', 'doelgroep: "iedereen"'), False,
     [("doelgroep", "not-allowed")]),
    ("doelgroep lower case", front('doelgroep: "BESLISSER"', 'doelgroep: "beslisser"'), False,
     [("doelgroep", "not-allowed")]),
    ("sectie unknown", front('sectie: "werk"', 'sectie: "sport"'), False, [("sectie", "not-allowed")]),
    ("sectie a list", front('sectie: "werk"', 'sectie: ["werk"]'), False, [("sectie", "type")]),
    ("cover.image http", front('image: "https://', 'image: "http://'), False, [("cover.image", "url")]),
    ("cover.image relative", front('image: "https://images.pexels.com', 'image: "/images'), False,
     [("cover.image", "url")]),
    ("cover.alt placeholder", front('  alt: "A close-up', '  alt: "TODO A close-up'), False,
     [("cover.alt", "placeholder")]),
    ("draft false in drafts", front("draft: true", "draft: false"), False, [("draft", "draft-flag")]),
    ("draft true in published", PUBLISHED.replace("draft: false", "draft: true"), True, [("draft", "draft-flag")]),
    ("draft as text", front("draft: true", 'draft: "true"'), False, [("draft", "type")]),
    ("lang not accepted", front("draft: true", 'draft: true\nlang: "fr"'), False, [("lang", "not-allowed")]),
    ("date precision month", front("draft: true", 'draft: true\ndate_precision: "month"'), False,
     [("date_precision", "date-precision")]),
    ("date precision unknown", front("draft: true", 'draft: true\ndate_precision: "week"'), False,
     [("date_precision", "not-allowed")]),
    ("a page ingest read as no article", front("draft: true", 'draft: true\npage_kind: "not-article"'), False,
     [("page_kind", "not-article")]),
    ("a page ingest nearly read as no article", front("draft: true", 'draft: true\npage_kind: "maybe-not-article"'),
     False, [("page_kind", "maybe-not-article")]),
    ("a page kind that is none", front("draft: true", 'draft: true\npage_kind: "index"'), False,
     [("page_kind", "not-allowed")]),
    ("a page kind as a list", front("draft: true", 'draft: true\npage_kind: ["not-article"]'), False,
     [("page_kind", "type")]),
    # the body
    ("body empty", body(""), False, [("body", "body-empty")]),
    ("body blank lines only", body("\n\n\n"), False, [("body", "body-empty")]),
    ("body too short", body(SHORT_BODY), False, [("body", "min-words")]),
    ("raw header left", body("\ndate 2026-02-11 Kunstmatige intelligentie verandert de arbeidsmarkt.\n" + BODY),
     False, [("body", "raw-header")]),
    ("raw html", appended('\n<iframe src="https://example.org/embed"></iframe>\n'), False, [("body", "raw-html")]),
    ("html comment", appended("\n<!-- nog nakijken -->\n"), False, [("body", "raw-html")]),
    ("javascript link", appended("\nLees [meer](javascript:alert(1)).\n"), False, [("body", "unsafe-link")]),
    ("javascript reference", appended("\n[meer]: javascript:alert(1)\n"), False, [("body", "unsafe-link")]),
    ("todo in body", appended("\nTODO: bron checken.\n"), False, [("body", "placeholder")]),
    ("lorem ipsum", appended("\nLorem ipsum dolor sit amet.\n"), False, [("body", "placeholder")]),
    ("xxx in body", appended("\nHet bedrijf verdiende XXX euro.\n"), False, [("body", "placeholder")]),
    ("heading without space", appended("\n##Conclusie\n"), False, [("body", "heading-space")]),
    ("heading empty", appended("\n## \n"), False, [("body", "heading-empty")]),
    ("heading seven marks", appended("\n####### Te diep\n"), False, [("body", "heading-level")]),
    ("level-1 heading in body", appended("\n# Nog een titel\n"), False, [("body", "heading-h1")]),
    ("heading skips a level", appended("\n#### Detail\n"), False, [("body", "heading-skip")]),
    ("text cut off at the end", appended("\nDe wethouder zei na afloop dat de gemeente het plan nog dit jaar wil "
                                         "uitvoe\n"), False, [("body", "cut-off")]),
]

VALID: list[tuple[str, str, bool]] = [
    ("the published example, as published", PUBLISHED, True),
    ("the example as a draft", DRAFT, False),
    ("unknown keys are the editor's", front("draft: true", 'draft: true\nauteur: "Redactie"\nweight: 3'), False),
    ("date with an offset", front("date: 2026-02-26T20:26:46.713Z", "date: 2026-02-11T00:00:00+01:00"), False),
    ("language accepted", front("draft: true", 'draft: true\nlang: "nl"'), False),
    ("CRLF line ends", DRAFT.replace("\n", "\r\n"), False),
    ("HTML and placeholders in code", appended("\n```html\n<div>TODO</div>\n```\n\nZie `<br>` en `XXX`.\n"), False),
    ("a hashtag-like word mid-line and an autolink", appended("\nVolg #AI op <https://example.org>.\n"), False),
    ("the pipeline's own keys", front("draft: true", 'draft: true\nlang: "nl"\nsource:\n  file: "raw/x.txt"'),
     False),
    ("a page an editor says is an article", front("draft: true", 'draft: true\npage_kind: "article"'), False),
]


def found(text: str | bytes, published: bool) -> list[Problem]:
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    return list(check_file(data, "drafts/x.md", CONFIG, published).problems)


@pytest.mark.parametrize(("text", "published", "expected"), [case[1:] for case in BROKEN],
                         ids=[case[0] for case in BROKEN])
def test_each_broken_article_is_caught_with_its_field_and_code(text: str | bytes, published: bool,
                                                                expected: list[tuple[str, str]]) -> None:
    problems = found(text, published)
    assert sorted((p.field, p.code) for p in problems) == sorted(expected), [p.one_line() for p in problems]
    for problem in problems:
        assert problem.severity == (WARNING if problem.code in WARNING_CODES else ERROR), problem
        assert problem.code in CODES
        assert problem.file == "drafts/x.md" and problem.message


def test_the_table_is_large_and_covers_every_code_a_file_can_have() -> None:
    assert len(BROKEN) >= 40
    covered = {code for *_, expected in BROKEN for _, code in expected}
    # The codes not in the table come from the runner, the clock and other files (page addresses), tested below.
    assert set(CODES) - covered == {"unreadable", "missing-file", "date-future", "too-short", "expired",
                                    "page-taken", "page-shared"}


@pytest.mark.parametrize(("text", "published"), [case[1:] for case in VALID], ids=[case[0] for case in VALID])
def test_valid_articles_pass(text: str, published: bool) -> None:
    assert found(text, published) == []


def test_problems_name_the_line_of_the_field_or_of_the_body() -> None:
    problems = found(front('sectie: "werk"', 'sectie: "sport"'), False)
    assert [(p.line, p.field) for p in problems] == [(7, "sectie")]
    text = appended("\n<b>vet</b>\n")
    (html,) = found(text, False)
    assert html.line == text.count("\n")  # the line before the final newline
    assert html.one_line().startswith(f"drafts/x.md:{html.line}: error [raw-html] body: raw HTML '<b>'")
    (missing,) = found(front('  alt: "A close-up', '  old: "A close-up'), False)
    assert (missing.field, missing.line) == ("cover.alt", 8)  # the line of cover: the key it belongs in
    (encoding,) = found(DRAFT.encode("utf-8").replace(b"Foto", b"Fot\xe9"), False)
    assert encoding.line == 11 and "0xe9" in encoding.message


def test_hugo_traps_say_what_hugo_or_yaml_would_read() -> None:
    (date,) = found(front("date: 2026-02-26T20:26:46.713Z", 'date: "11-02-2026"'), False)
    assert "year 1" in date.message and "pipeline normalise" in date.message
    (sexagesimal,) = found(front(TITLE, "title: 14:05\n"), False)
    assert "845" in sexagesimal.message and '"14:05"' in sexagesimal.message
    (boolean,) = found(front('sectie: "werk"', "sectie: no"), False)
    assert "false" in boolean.message and '"no" in quotes' in boolean.message
    (flag,) = found(front("draft: true", "draft: yes"), False)
    assert flag.message.endswith("write true")
    (twice,) = found(front(TITLE, TITLE + 'title: "Tweede"\n'), False)
    assert twice.line == 3 and "also on line 2" in twice.message


def test_every_cover_field_a_fresh_draft_lacks_is_named_for_an_editor() -> None:
    text = front(COVER, 'cover:\n  image: ""\n  alt: ""\n  caption: ""\n')
    problems = found(text, False)
    assert [(p.field, p.code) for p in problems] == [("cover.image", "required"), ("cover.alt", "required"),
                                                     ("cover.caption", "required")]
    assert all("an editor must fill it in" in p.message for p in problems)


def test_config_changes_the_rules() -> None:
    strict = parse_config('[validate]\ntitle_max_chars = 20\nmin_words = 2000\nplaceholders = ["NAKIJKEN"]\n'
                          'required = ["title", "auteur"]\n[sections.sport]\nwords = ["voetbal"]\n')
    text = front('sectie: "werk"', 'sectie: "sport"') + "\nNAKIJKEN en TODO\n"
    problems = check_file(text.encode(), "x.md", strict, False).problems
    assert sorted((p.field, p.code) for p in problems) == [
        ("auteur", "required"), ("body", "min-words"), ("body", "placeholder"), ("title", "too-long")]
    assert "at most 20" in next(p.message for p in problems if p.code == "too-long")


def test_validate_text_keeps_its_signature_for_review() -> None:
    assert validate_text(DRAFT, "drafts/x.md", CONFIG) == []
    assert [p.code for p in validate_text(DRAFT, "drafts/x.md", CONFIG, published=True)] == ["draft-flag"]


# --- the clock rule, apart from the pure check ----------------------------------------------------

NOW = datetime.fromisoformat("2026-11-23T10:00:00+01:00")


def test_a_future_date_is_a_warning_and_only_the_clock_rule_knows_it() -> None:
    text = front("date: 2026-02-26T20:26:46.713Z", "date: 2027-01-01T00:00:00+01:00")
    check = check_file(text.encode(), "drafts/x.md", CONFIG, False)
    assert check.problems == () and check.dates == (("date", "2027-01-01T00:00:00+01:00", 3),)
    (future,) = clock_problems("drafts/x.md", check.dates, NOW)
    assert (future.field, future.code, future.severity, future.line) == ("date", "date-future", WARNING, 3)
    assert "scheduled" in future.message
    later = datetime.fromisoformat("2027-01-01T00:00:00+01:00")
    assert clock_problems("drafts/x.md", check.dates, later) == []
    assert clock_problems("drafts/x.md", [("date", "11-02-2030", 3)], NOW) == []  # check_file's to report
    assert clock_problems("drafts/x.md", [], NOW) == []


def test_hugos_publish_and_expiry_dates_are_checked_as_hugo_reads_them() -> None:
    text = front("date: 2026-02-26T20:26:46.713Z", "date: 2026-02-26T20:26:46+01:00\n"
                 "publishDate: 2099-01-01T00:00:00+01:00\nexpiryDate: 2000-01-01T00:00:00+01:00\nlastmod: gisteren")
    check = check_file(text.encode(), "drafts/x.md", CONFIG, False)
    assert [(p.field, p.code) for p in check.problems] == [("lastmod", "date-format")]
    timed = clock_problems("drafts/x.md", check.dates, NOW)
    assert [(p.field, p.code, p.severity) for p in timed] == [
        ("publishDate", "date-future", WARNING), ("expiryDate", "expired", ERROR)]
    invalid = check_file(front("date: 2026-02-26T20:26:46.713Z", "date: 2026-02-26T20:26:46+01:00\n"
                               "expiryDate: 2026-02-30T00:00:00+01:00").encode(), "drafts/x.md", CONFIG, False)
    assert [(p.field, p.code) for p in invalid.problems] == [("expiryDate", "date-invalid")]


def test_file_checks_survive_a_round_trip_through_json_for_a_cache() -> None:
    check = check_file(front('sectie: "werk"', "sectie: no").encode(), "drafts/x.md", CONFIG, False)
    again = FileCheck.from_cached(json.loads(json.dumps(check.as_cached())))
    assert again == check and again.problems


# --- the runner and the command line ----------------------------------------------------------------




def test_the_published_example_validates_clean(workspace: Path) -> None:
    result = cli(workspace, "validate", "--published")
    code, out, _ = result.exit_code, result.stdout, result.stderr
    assert code == 0, out
    assert out == "validate: 1 file(s), 0 with errors, 0 error(s), 0 warning(s)\n"


def test_a_fresh_ingest_fails_only_on_the_cover_and_says_an_editor_must_supply_it(workspace: Path) -> None:
    assert cli(workspace, "ingest").exit_code == 0
    result = cli(workspace, "validate")
    code, out, _ = result.exit_code, result.stdout, result.stderr
    assert code == 1
    lines = out.splitlines()
    assert [line.split(": ")[1:3] for line in lines[:-1]] == [
        ["error [required] cover.image", "is missing or empty"],
        ["error [required] cover.alt", "is missing or empty"],
        ["error [required] cover.caption", "is missing or empty"],
    ]
    assert lines[-1] == ("validate: 1 file(s), 1 with errors, 3 error(s), 0 warning(s); "
                         "an editor must supply the cover (image, alt, caption)")


def test_json_is_a_list_of_problems(workspace: Path) -> None:
    assert cli(workspace, "ingest").exit_code == 0
    draft = workspace / "drafts" / EXAMPLE_DRAFT_NAME
    draft.write_text(draft.read_text(encoding="utf-8").replace('sectie: "werk"', "sectie: no"), encoding="utf-8")
    result = cli(workspace, "validate", "--json")
    code, out, _ = result.exit_code, result.stdout, result.stderr
    assert code == 1
    document = json.loads(out)
    assert all(set(item) == {"file", "line", "field", "severity", "code", "message"} for item in document)
    assert [(p["field"], p["code"], p["line"]) for p in document] == [
        ("sectie", "yaml-bool", 7), ("cover.image", "required", 9), ("cover.alt", "required", 10),
        ("cover.caption", "required", 11)]
    assert {p["file"] for p in document} == {f"drafts/{EXAMPLE_DRAFT_NAME}"}


def test_warnings_alone_exit_0_and_errors_exit_1(workspace: Path) -> None:
    drafts = workspace / "drafts"
    drafts.mkdir()
    (drafts / "later.md").write_text(front("date: 2026-02-26T20:26:46.713Z", "date: 2027-03-01T00:00:00+01:00")
                                     .replace('bedrijf?"', 'bedrijf? "', 1),
                                     encoding="utf-8")
    result = cli(workspace, "validate")
    code, out, _ = result.exit_code, result.stdout, result.stderr
    assert code == 0, out
    assert [line.split(" [")[1].split("]")[0] for line in out.splitlines()[:-1]] == ["whitespace",
                                                                                     "date-future"]
    assert out.splitlines()[-1] == "validate: 1 file(s), 0 with errors, 0 error(s), 2 warning(s)"
    (drafts / "kapot.md").write_bytes(b"\xff\xfe binary")
    result = cli(workspace, "validate")
    code, out, _ = result.exit_code, result.stdout, result.stderr
    assert code == 1
    assert "drafts/kapot.md:1: error [encoding]  is not UTF-8" not in out  # no empty field slot
    assert "drafts/kapot.md:1: error [encoding] is not UTF-8 (byte 0xff on line 1): save it as UTF-8" in out


def test_files_and_folders_named(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drafts = workspace / "drafts"
    drafts.mkdir()
    (drafts / "a.md").write_text(DRAFT, encoding="utf-8")
    (drafts / "b.md").write_text(front('sectie: "werk"', 'sectie: "sport"'), encoding="utf-8")
    monkeypatch.chdir(workspace)
    result = cli(workspace, "validate", "drafts/a.md")
    code, out, _ = result.exit_code, result.stdout, result.stderr
    assert (code, out) == (0, "validate: 1 file(s), 0 with errors, 0 error(s), 0 warning(s)\n")
    result = cli(workspace, "validate", "drafts", "drafts/b.md")  # named twice: checked once
    code, out = result.exit_code, result.stdout
    assert code == 1 and out.count("[not-allowed]") == 1 and "2 file(s)" in out
    result = cli(workspace, "validate", "drafts/gone.md", "--json")
    code, out, _ = result.exit_code, result.stdout, result.stderr
    assert code == 1
    assert [(p["file"], p["code"]) for p in json.loads(out)] == [("drafts/gone.md", "missing-file")]


def test_an_unreadable_file_is_one_problem_not_a_traceback(workspace: Path) -> None:
    drafts = workspace / "drafts"
    drafts.mkdir()
    import os

    os.mkfifo(drafts / "pipe.md")
    (drafts / "broken.md").symlink_to(drafts / "nowhere.md")
    (drafts / "ok.md").write_text(DRAFT, encoding="utf-8")
    result = cli(workspace, "validate", str(drafts / "pipe.md"), str(drafts / "broken.md"), str(drafts / "ok.md"))
    code, out, err = result.exit_code, result.stdout, result.stderr
    assert code == 1 and err == ""
    assert out.splitlines() == [
        "drafts/pipe.md: error [unreadable] is not a regular file (device, socket or pipe)",
        "drafts/broken.md: error [unreadable] symbolic link is broken",
        "validate: 3 file(s), 2 with errors, 2 error(s), 0 warning(s)",
    ]


def test_a_draft_replaced_by_a_link_behind_a_full_cache_is_seen_for_what_it_is(
        workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    # the listing keeps each file's place as a string; a link in a checked draft's place is still a link
    drafts = workspace / "drafts"
    drafts.mkdir(exist_ok=True)
    (drafts / "ok.md").write_text(DRAFT, encoding="utf-8")
    (drafts / "other.md").write_text(DRAFT.replace("AI verandert", "Robots veranderen"), encoding="utf-8")
    assert cli(workspace, "validate").exit_code == 0  # every draft checked and cached
    outside = tmp_path_factory.mktemp("elsewhere") / "ok.md"
    outside.write_text(DRAFT, encoding="utf-8")
    (drafts / "ok.md").unlink()
    (drafts / "ok.md").symlink_to(outside)
    result = cli(workspace, "validate")
    assert result.exit_code == 1
    assert "drafts/ok.md: error [unreadable] symbolic link points outside the workspace" in result.stdout
    assert "drafts/other.md: error" not in result.stdout

def test_validate_hugo_adds_the_cross_check(workspace: Path) -> None:
    import shutil

    assert shutil.which("hugo") is not None, "hugo is needed (CI installs it, .ci/run): apt-get install -y hugo"
    result = cli(workspace, "validate", "--published", "--hugo")
    code, out, _ = result.exit_code, result.stdout, result.stderr
    assert code == 0, out
    # A date Hugo reads as the year 1 is caught by validate itself and by the cross-check.
    article = workspace / "published" / EXAMPLE_PUBLISHED.name
    article.write_text(PUBLISHED.replace("date: 2026-02-26T20:26:46.713Z", 'date: "11-02-2026"'), encoding="utf-8")
    result = cli(workspace, "validate", "--published", "--hugo", "--json")
    code, out, _ = result.exit_code, result.stdout, result.stderr
    assert code == 1
    codes = [(p["file"], p["code"]) for p in json.loads(out)]
    assert codes == [("published/ai-verandert-banen-en-privacy.md", "date-format"),  # validate's own rule
                     ("published/ai-verandert-banen-en-privacy.md", "hugo-date")]  # and Hugo's view of it


def test_validate_hugo_without_hugo_is_one_problem_that_says_so(workspace: Path, tmp_path: Path) -> None:
    nowhere = tmp_path / "empty-path"
    nowhere.mkdir()
    result = cli(workspace, "validate", "--published", "--hugo", "--json", env={"PATH": str(nowhere)})
    assert result.exit_code == 1, result.output
    assert [(p["file"], p["code"]) for p in json.loads(result.stdout)] == [("hugo", "hugo-not-installed")]


def test_the_editors_guide_lists_every_code() -> None:
    readme = (REPO / "docs" / "editors.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z0-9-]+)` \|", readme, re.M))
    assert set(CODES) <= listed, sorted(set(CODES) - listed)


def test_installed_command_validates_and_prints_the_schema(workspace: Path) -> None:
    result = run_installed("validate", "--published", cwd=workspace)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "validate: 1 file(s), 0 with errors, 0 error(s), 0 warning(s)"
    assert run_installed("ingest", cwd=workspace).returncode == 0
    result = run_installed("validate", "--json", cwd=workspace)
    assert result.returncode == 1 and result.stderr == ""
    assert {p["field"] for p in json.loads(result.stdout)} == {"cover.image", "cover.alt", "cover.caption"}
    result = run_installed("normalise", "--check", cwd=workspace)
    assert (result.returncode, result.stdout) == (0, "normalise: 1 unchanged\n")
    schema = run_installed("schema", cwd=workspace)
    assert schema.returncode == 0 and json.loads(schema.stdout)["$schema"].endswith("2020-12/schema")


def test_default_config_and_the_repo_config_agree_on_the_example() -> None:
    assert found(PUBLISHED, True) == []
    assert list(check_file(PUBLISHED.encode(), "p.md", DEFAULT_CONFIG, True).problems) == []


# --- bad input never raises --------------------------------------------------------------------------

_YAMLISH = st.lists(st.sampled_from(["title: ", "date: ", "tags: ", "cover:", "  image: ", "\t", "- ", "? ", "&a ",
                                     "*a", "!!str ", "!!binary ", "{", "}", "[", "]", '"', "'", "no", "14:05", "012",
                                     "~", "\n", "\n", "---", "\ufeff", "#", "<div>", "\x00", "é"]), max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400) | _YAMLISH.map(lambda parts: ("---\n" + "".join(parts)).encode("utf-8")))
def test_check_file_never_raises_and_every_problem_has_a_known_code(data: bytes) -> None:
    check = check_file(data, "drafts/x.md", CONFIG, False)
    for problem in check.problems:
        assert problem.code in CODES and problem.severity in (ERROR, WARNING) and problem.message


def test_a_date_in_other_digits_is_only_not_rfc3339() -> None:
    arabic = "\u0662\u0660\u0662\u0666-\u0660\u0662-\u0661\u0661T00:00:00+01:00"  # 2026-02-11 in Arabic-Indic digits
    found = [(p.field, p.code) for p in validate_text(front('date: 2026-02-26T20:26:46.713Z',
                                                            f'date: "{arabic}"'), "drafts/x.md", CONFIG)]
    assert found == [("date", "date-format")]


def test_a_heading_made_of_inline_code_is_not_empty() -> None:
    body = "\n## `pipeline ingest`\n\nDe opdracht leest alle nieuwe bestanden in de map.\n\n##\n\nEinde.\n"
    problems = [p for p in found(PUBLISHED.split("\n---\n", 1)[0] + "\n---\n" + body, True)
                if p.code == "heading-empty"]
    assert len(problems) == 1  # the bare "##" only


# --- page addresses: a draft never takes over a published article's page ----------------------------


def _published_with_url(root: Path, name: str = "oud", url: str = "/nieuws/oud/") -> None:
    from tests.helpers import draft_text

    (root / "published").mkdir(parents=True, exist_ok=True)
    text = draft_text(title="Oud artikel").replace("draft: true", "draft: false")
    (root / "published" / f"{name}.md").write_text(text.replace("---\n", f'---\nurl: "{url}"\n', 1), encoding="utf-8")


@pytest.mark.parametrize(("key", "value", "shown"), [
    ("url", "/nieuws/oud/", "/nieuws/oud/"), ("slug", "oud", "/oud/"), ("aliases", ["/Nieuws/Oud"], "/nieuws/oud/"),
])
def test_validate_names_a_draft_whose_page_address_a_published_article_has(tmp_path: Path, key: str, value: object,
                                                                            shown: str) -> None:
    from tests.helpers import make_draft

    (tmp_path / "raw").mkdir()
    (tmp_path / "pipeline.toml").write_text("", encoding="utf-8")
    _published_with_url(tmp_path)
    make_draft(tmp_path, "nieuw", **{key: value})
    make_draft(tmp_path, "ander")
    for _ in range(2):  # and again from the caches
        result = cli(tmp_path, "validate", "--json")
        assert result.exit_code == 1, result.stdout
        taken = [p for p in json.loads(result.stdout) if p["code"] == "page-taken"]
        assert [(p["file"], p["field"], p["severity"]) for p in taken] == [("drafts/nieuw.md", key, "error")]
        assert f"its page address {shown} is already the page of published/oud.md" in taken[0]["message"]
        assert taken[0]["line"] is not None


def test_validate_published_names_the_later_of_two_articles_with_one_page(tmp_path: Path) -> None:
    (tmp_path / "raw").mkdir()
    (tmp_path / "pipeline.toml").write_text("", encoding="utf-8")
    _published_with_url(tmp_path, "a-oud")
    _published_with_url(tmp_path, "b-nieuw")
    result = cli(tmp_path, "validate", "--published", "--json")
    taken = [(p["file"], p["code"]) for p in json.loads(result.stdout) if p["code"].startswith("page")]
    assert result.exit_code == 1 and taken == [("published/b-nieuw.md", "page-taken")]


def test_two_drafts_with_one_page_address_are_warned_and_a_draft_beside_its_own_page_is_not(tmp_path: Path) -> None:
    from tests.helpers import make_draft

    (tmp_path / "raw").mkdir()
    (tmp_path / "pipeline.toml").write_text("", encoding="utf-8")
    _published_with_url(tmp_path, "zelfde", "/zelfde/")
    make_draft(tmp_path, "zelfde")  # its own published page: the same article, no clash
    make_draft(tmp_path, "een", url="/samen/")
    make_draft(tmp_path, "twee", url="/samen/")
    found = [(p["file"], p["code"], p["severity"]) for p in json.loads(cli(tmp_path, "validate", "--json").stdout)
             if p["code"].startswith("page")]
    assert found == [("drafts/een.md", "page-shared", "warning"), ("drafts/twee.md", "page-shared", "warning")]
