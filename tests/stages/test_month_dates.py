"""A day the source never gave is never published as a fact: a draft whose date is known only to the
month or year is neither approved nor promoted, with one error that names date_precision and says how
to confirm the day, unless the site publishes month dates (publish.month_dates), when the published
article keeps its precision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.model.config import parse_config
from pipeline.store.journal import Action
from tests.helpers import approve_in_process, articles, cli, make_draft


@pytest.mark.parametrize("precision", ["month", "year"])
def test_a_draft_whose_day_is_not_known_is_not_approved(tmp_path: Path, precision: str) -> None:
    make_draft(tmp_path, "a", date="2022-05-01T00:00:00+02:00", date_precision=precision)
    result = cli(tmp_path, "approve", "a", "--by", "anna")
    assert result.exit_code == 1, result.output
    assert "date_precision" in result.output and "confirm the day" in result.output
    assert "publish.month_dates" in result.output
    journal = (tmp_path / ".pipeline" / "journal.jsonl")
    assert not journal.exists() or Action.APPROVED not in journal.read_text(encoding="utf-8")


def test_a_month_date_approved_before_it_was_known_is_not_promoted(tmp_path: Path) -> None:
    """An approval journalled for the draft (as an older pipeline made it) still publishes nothing."""
    path = make_draft(tmp_path, "a", date="2022-05-01T00:00:00+02:00", date_precision="month")
    (tmp_path / "pipeline.toml").write_text("[publish]\nmonth_dates = true\n", encoding="utf-8")
    approve_in_process(tmp_path, "a")
    (tmp_path / "pipeline.toml").write_text("[publish]\nmonth_dates = false\n", encoding="utf-8")
    result = cli(tmp_path, "promote", "--json")
    assert articles(tmp_path) == {"drafts": ["a.md"], "published": []}, result.output
    assert json.loads(result.stdout)["waiting"] == {"invalid": 1}
    named = cli(tmp_path, "promote", "a")
    assert named.exit_code == 1 and "date_precision" in named.output
    assert path.exists()


def test_a_site_that_publishes_month_dates_keeps_the_precision(tmp_path: Path) -> None:
    make_draft(tmp_path, "a", date="2022-05-01T00:00:00+02:00", date_precision="month")
    (tmp_path / "pipeline.toml").write_text("[publish]\nmonth_dates = true\n", encoding="utf-8")
    assert cli(tmp_path, "validate").exit_code == 0
    approve_in_process(tmp_path, "a")
    assert cli(tmp_path, "promote").exit_code == 0
    published = (tmp_path / "published" / "a.md").read_text(encoding="utf-8")
    assert 'date_precision: "month"' in published
    assert cli(tmp_path, "validate", "--published").exit_code == 0


@pytest.mark.parametrize("value", ["1", "0", '"true"', "[]", "{}"])
def test_month_dates_must_be_a_boolean(value: str) -> None:
    from pipeline.model.config import ConfigError

    with pytest.raises(ConfigError, match=r"publish\.month_dates"):
        parse_config(f"[publish]\nmonth_dates = {value}\n")
