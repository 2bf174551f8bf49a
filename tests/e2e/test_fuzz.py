"""A fuzz test: front matter built from anchors, aliases, huge numbers, control characters and YAML's
odd corners, in drafts/, published/ and raw/, fed to every command. None may end in an internal error
(exit 70) or a traceback, hang, or change a raw file; a draft is its own problem, never the run's."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import cli, draft_text

PIECES = st.sampled_from([
    "a: &a [1, 2, 3]\n", "b: [*a, *a, *a]\n", "c: *a\n", "d: &d {x: *d}\n", "<<: {x: 1}\n",
    "e: !!python/object:os.system\n",
    "weight: " + "9" * 5000 + "\n", "n: 1e999\n", "f: .nan\n", "g: 0x1F\n", "h: 1_000\n", "i: 0o17\n",
    "title: \"\\x1b]0;weg\\x07\"\n", "title: \"\\u202eevil\"\n", "k: \"\x1b[2J\"\n", "tags: [a, [b, [c]]]\n",
    "date: 2026-02-30\n", "date: 11-02-2026\n", "date: !!timestamp 2026-01-01\n", "expiryDate: 2000-01-01\n",
    "draft: yes\n", "draft: nee\n", "x: ~\n", "y: null\n", "? [complex, key]\n: v\n", "z: |\n  regel\n  regel\n",
    "\ttab: 1\n", "dup: 1\ndup: 2\n", "'': leeg\n", "cover: {image: \"\", alt: \"\", caption: \"\"}\n", "\x00: nul\n",
])


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(front=st.lists(PIECES, min_size=1, max_size=6), where=st.sampled_from(["drafts", "published", "raw"]))
def test_every_command_survives_hostile_front_matter(tmp_path_factory: pytest.TempPathFactory, front: list[str],
                                                     where: str) -> None:
    root: Path = tmp_path_factory.mktemp("fuzz")
    (root / "raw").mkdir()
    (root / ".pipeline").mkdir()
    (root / "drafts").mkdir()
    (root / "published").mkdir()
    (root / "drafts" / "goed.md").write_text(draft_text("goed"), encoding="utf-8")
    hostile = root / where / "boos.md"
    hostile.write_text("---\n" + "".join(front) + "---\n\nTekst van het stuk.\n", encoding="utf-8")
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (root / "raw").iterdir()}
    for args in (["ingest"], ["validate"], ["validate", "--published"], ["normalise"], ["review"], ["status"],
                 ["approve", "goed", "--by", "anna"], ["history"], ["run"], ["promote", "--dry-run"]):
        result = cli(root, *args)
        assert result.exit_code in (0, 1), (args, front, result.stdout, result.stderr)
        assert "internal error" not in result.stdout + result.stderr and "Traceback" not in result.stderr
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (root / "raw").iterdir()} == before
