"""validate says what is true: a placeholder is a placeholder as written (not "todo" in Spanish or
Portuguese), `null` is as empty as `~`, and a plain date is a valid date Hugo reads."""

from __future__ import annotations

import pytest

from pipeline.model.config import parse_config
from pipeline.model.problems import WARNING
from tests.stages.test_validate import TITLE, appended, found, front


def _placeholders(text: str) -> list[str]:
    return [p.field for p in found(text, False) if p.code == "placeholder"]


@pytest.mark.parametrize("prose", [
    "Todo el mundo sabe que todo cambia cuando llega la inteligencia artificial.",
    "Ele trabalhou o dia todo e leu tudo sobre o todo da questão.",
    "Lo quiero todo, todo y todo.",
    "Een tbd-regeling en xxx-large zijn woorden, geen plaatshouders.",
    "Het team (fixme) koos een naam die met todo begint: todoist.",
])
def test_prose_in_other_languages_is_not_a_placeholder(prose: str) -> None:
    assert _placeholders(appended(f"\n{prose}\n")) == []


def test_a_title_in_spanish_is_not_a_placeholder() -> None:
    assert _placeholders(front(TITLE, 'title: "Todo sobre la IA y el trabajo"\n')) == []


@pytest.mark.parametrize("line", [
    "TODO bron checken.", "Het bedrijf verdiende XXX euro.", "Datum: TBD.", "FIXME", "TODO: bron checken.",
    "todo: bron checken.", "Todo: cijfers nakijken.", "- todo: foto", "> FIXME: citaat", "Lorem ipsum dolor sit amet.",
    "LOREM IPSUM", "lorem  ipsum",
])
def test_placeholders_as_written_or_as_markers_are_found(line: str) -> None:
    assert _placeholders(appended(f"\n{line}\n")) == ["body"]


def test_a_placeholder_in_the_title_is_found() -> None:
    assert _placeholders(front(TITLE, 'title: "TODO kop"\n')) == ["title"]


def test_a_configured_word_in_lower_case_is_matched_in_any_case() -> None:
    from pipeline.stages.validate import check_file

    config = parse_config('[validate]\nplaceholders = ["nakijken", "NOG DOEN"]\n')
    for text, expected in [("Nakijken!", 1), ("NAKIJKEN", 1), ("NOG DOEN", 1), ("nog doen", 0), ("Nog doen:", 1)]:
        problems = check_file(appended(f"\n{text}\n").encode(), "x.md", config, False).problems
        assert sum(p.code == "placeholder" for p in problems) == expected, text


@pytest.mark.parametrize("value", ["null", "Null", "NULL", "~", ""])
def test_yaml_null_warns_for_null_too(value: str) -> None:
    problems = [p for p in found(front("draft: true", f"draft: true\nauteur: {value}".rstrip()), False)
                if p.code == "yaml-null"]
    assert [(p.field, p.severity) for p in problems] == [("auteur", WARNING)]
    assert "null" in problems[0].message


def test_a_plain_date_is_not_said_to_be_misread() -> None:
    [problem] = [p for p in found(front("date: 2026-02-26T20:26:46.713Z", "date: 2015-01-05"), False)
                 if p.field == "date"]
    assert problem.code == "date-format"
    assert "valid date without a time or offset" in problem.message
    assert "wrongly" not in problem.message and "year 1" not in problem.message
    [day_first] = [p for p in found(front("date: 2026-02-26T20:26:46.713Z", 'date: "11-02-2026"'), False)
                   if p.field == "date"]
    assert "year 1" in day_first.message
