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
    for exit_code in (1, 0):  # and again: still the file's problem (said once: exit 1 only the first time)
        started = time.monotonic()
        result = cli(workspace, "ingest")
        assert time.monotonic() - started < 10
        assert result.exit_code == exit_code, result.stdout + result.stderr
        [line] = [line for line in result.stdout.splitlines() if "raw/laughs.md" in line]
        assert code in line and "internal error" not in line


# --- escape sequences in titles, file names and reasons -------------------------------------------

ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x9b31m\r\x08\u202e"  # clear screen, window title, C1 CSI, CR, BS, RTL override
UNSAFE = ("\x1b", "\x07", "\x9b", "\r", "\x08", "\u202e")


@pytest.fixture
def escapes(workspace: Path) -> Path:
    """A draft titled with escape sequences, one whose file name has them, a raw file named with them,
    and journal entries naming them (a rejection with such a reason, an approval of such a file)."""
    from tests.helpers import draft_text

    make_draft(workspace, "titled", draft_text(title=f"Een titel {ESCAPES} met escapes"))
    named = workspace / "drafts" / f"naam{ESCAPES}.md"
    named.write_text(draft_text(title="Gewone titel van een concept"), encoding="utf-8")
    (workspace / "raw" / f"ruw{ESCAPES}.txt").write_text(
        f"date 2026-02-11 Een kop {ESCAPES}\n\nDe gemeente meldt vandaag dat er een nieuw plan komt. Het plan "
        "gaat over wonen en werk in de stad. Meer volgt later deze week.\n", encoding="utf-8")
    assert cli(workspace, "reject", "titled", "--reason", f"reden {ESCAPES}").exit_code == 0
    assert cli(workspace, "approve", str(named)).exit_code in (0, 1)
    return workspace


MODES = ["plain", "rich", "json"]
PRINTING = [("review", "--all"), ("status",), ("history",), ("validate",), ("ingest", "--explain"), ("normalise",),
            ("run",), ("promote",)]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("args", PRINTING, ids=[" ".join(args) for args in PRINTING])
def test_no_command_prints_a_control_character_it_was_given(escapes: Path, args: tuple[str, ...], mode: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline import output

    if mode == "rich":
        monkeypatch.setattr(output, "choose_mode", lambda as_json: output.JSON if as_json else output.RICH)
    result = cli(escapes, *args, *(["--json"] if mode == "json" and args[0] != "status" else
                                   ["--json"] if mode == "json" else []))
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    shown = result.stdout + result.stderr
    assert not [char for char in UNSAFE if char in shown], repr(shown)
    if args[0] in ("review", "history"):
        assert "\\x1b" in shown or "\\u001b" in shown, shown  # escaped, not dropped: an editor can find it
