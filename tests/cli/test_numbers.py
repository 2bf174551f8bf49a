"""Numbers that are not numbers: nan, inf and negative waits are refused in options and settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.model.config import ConfigError, parse_config
from tests.helpers import cli


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "NaN", "Infinity", "-1", "-0.5"])
@pytest.mark.parametrize("command", [["ingest"], ["run"], ["normalise"], ["promote"]])
def test_a_wait_that_is_not_a_finite_number_of_seconds_is_refused(workspace: Path, command: list[str],
                                                                   value: str) -> None:
    result = cli(workspace, *command, "--wait", value)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"error: --wait: expected a number of seconds (0 or more), got {float(value)}"]
    assert not (workspace / "drafts").exists()


def test_a_bad_wait_is_a_json_error_when_json_is_asked_for(workspace: Path) -> None:
    result = cli(workspace, "ingest", "--json", "--wait", "nan")
    assert result.exit_code == 2
    assert json.loads(result.stderr) == {"error": "--wait: expected a number of seconds (0 or more), got nan",
                                         "exit": 2}


def test_a_finite_wait_still_works(workspace: Path) -> None:
    assert cli(workspace, "ingest", "--wait", "0.5").exit_code == 0
    assert cli(workspace, "ingest", "--wait", "0").exit_code == 0


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "+nan"])
def test_a_lock_timeout_that_is_not_finite_stops_every_command(workspace: Path, value: str) -> None:
    config = workspace / "pipeline.toml"
    config.write_text(config.read_text().replace("lock_timeout = 0.0", f"lock_timeout = {value}"))
    for command in (["ingest"], ["status"], ["validate"]):
        result = cli(workspace, *command)
        assert result.exit_code == 2
        assert len(result.stderr.splitlines()) == 1
        assert result.stderr.startswith("error: pipeline.toml: run.lock_timeout: ")
        assert "finite" in result.stderr


@pytest.mark.parametrize("text", [
    "[ingest]\nmin_language_confidence = nan\n",
    "[run]\nlock_timeout = inf\n",
    "[run]\nlock_timeout = -1.0\n",
    "[validate]\nplaceholders = [\"TODO\"]\n[ingest]\nmax_bytes = inf\n",
    "timezone = nan\n",
])
def test_non_finite_numbers_anywhere_in_the_config_are_refused_with_their_key(text: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(text)
    key = text.split("\n")[-2].split(" =")[0]
    assert f".{key}:" in str(caught.value) or str(caught.value).startswith(f"{key}:")
