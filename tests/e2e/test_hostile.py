"""Hostile drafts and raw files: an alias bomb, a number too long to read, escape sequences. Each is that
one file's problem, named on its line; every command answers at once and none exits 70."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.helpers import cli, make_draft

BOMB = ("---\ntitle: \"Lachen\"\na: &a [\"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\"]\n"
        + "".join(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}' if n else '*a'] * 9)}]\n" for n in range(8))
        + "---\nTekst.\n")
HUGE_NUMBER = "---\ntitle: \"Zwaar\"\nweight: " + "9" * 5000 + "\n---\nTekst.\n"

COMMANDS = [("validate",), ("review",), ("status",), ("normalise",), ("normalise", "--check"), ("promote",),
            ("run",), ("approve", "hostile"), ("reject", "hostile", "--reason", "kapot")]


@pytest.mark.parametrize(("text", "code"), [(BOMB, "yaml-alias"), (HUGE_NUMBER, "yaml-number")],
                         ids=["alias bomb", "huge number"])
@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(args) for args in COMMANDS])
def test_a_hostile_draft_is_its_own_problem_in_every_command(workspace: Path, text: str, code: str,
                                                             args: tuple[str, ...]) -> None:
    make_draft(workspace, "good")
    hostile = make_draft(workspace, "hostile", text)
    started = time.monotonic()
    result = cli(workspace, *args)
    assert time.monotonic() - started < 10, args
    assert result.exit_code in (0, 1), (result.exit_code, result.stdout, result.stderr)
    assert "internal error" not in result.stderr and "Traceback" not in result.stdout + result.stderr
    assert hostile.read_text(encoding="utf-8") == text  # nothing rewrites it
    if args[0] in ("validate", "normalise", "review", "approve", "reject"):
        named = [line for line in (result.stdout + result.stderr).splitlines() if "hostile.md" in line]
        assert named, result.stdout
        if args[0] in ("validate", "approve"):
            assert any(code in line for line in [*named, *result.stdout.splitlines()]), result.stdout


@pytest.mark.parametrize(("text", "code"), [(BOMB, "yaml-alias"), (HUGE_NUMBER, "yaml-number")],
                         ids=["alias bomb", "huge number"])
def test_a_hostile_raw_markdown_file_fails_alone_at_once(workspace: Path, text: str, code: str) -> None:
    (workspace / "raw" / "laughs.md").write_text(text, encoding="utf-8")
    for _ in range(2):  # and again: still the file's problem, not an internal error
        started = time.monotonic()
        result = cli(workspace, "ingest")
        assert time.monotonic() - started < 10
        assert result.exit_code == 1, result.stdout + result.stderr
        [line] = [line for line in result.stdout.splitlines() if "raw/laughs.md" in line]
        assert code in line and "internal error" not in line
