"""Reading takes time in proportion to the text: a long run of one character class (200,000 dots,
capitals, spaces, digits, dashes, quotes, letters, and the tokens hostile text is made of) goes through
``drafts_from_bytes`` in each place a raw file can hold it in about a second, never in minutes.

Each class runs in a child process with a limit on its processor time (never the wall clock: a loaded
machine slows every case alike and fails nothing), so a pattern that turns quadratic fails this test at
once, naming the class and the place, instead of holding the suite for an hour."""

from __future__ import annotations

import json
import signal
import subprocess
import sys

import pytest

from tests.conftest import REPO

LENGTH = 200_000
# The classes the issue names, at full length; the tokens hostile text is made of, at a quarter (a
# quadratic pattern still takes minutes there).
RUNS = {"dots": ".", "capitals": "A", "spaces": " ", "digits": "7", "dashes": "-", "quotes": '"', "letters": "a"}
TOKENS = {
    "capital words": "AAA ", "exclamation marks": "!", "glued sentences": "a.Bc", "commas": ", ",
    "sentence ends": "!a", "unclosed scripts": "<script", "unclosed comments": "<!--", "tabs": "\t",
    "curly quotes": "“", "colons": ":", "pipes": " | ",
}


def places(run: str) -> dict[str, str]:
    """Where a raw file can hold the run: alone, after a lede, in each raw shape's header and title."""
    return {
        "alone": run,
        "after a lede": "Het college wil bouwen in de stad" + run + " Daarna volgt tekst. En nog een zin.\n",
        "in a dump header": "date 2026-02-11 " + run + "\n\nDe gemeente meldt dat er een plan komt.\n",
        "in a JSON title and text": json.dumps({"title": run, "text": run + " tekst."}),
        "in a Markdown heading": "# Kop" + run + "x\n\nDe gemeente meldt dat er een plan komt.\n",
        "in a header block": "Titel: a" + run + "b\nDatum: 11-02-2026\n\nDe gemeente meldt dat er een plan komt.\n",
        "under a byline": "Een kop" + run + "\nDoor Redactie | 11 februari 2026\n\nDe tekst.\n",
    }


CHILD = """
import json, resource, sys, time
from datetime import datetime, timezone
from pipeline.model.config import Config
from pipeline.reading.draft import SourceInfo, drafts_from_bytes
from pipeline.reading.items import SourceError
from pipeline.reading.text import DecodeError

resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 5))  # past it: stopped (SIGXCPU)
moment = datetime(2026, 2, 11, tzinfo=timezone.utc)
config = Config()
for case, text in json.loads(sys.stdin.read()).items():
    print(case, flush=True)  # the case under way, should the time run out
    started = time.process_time()
    try:
        drafts_from_bytes(text.encode("utf-8"), SourceInfo("raw/run.txt", "0" * 64, moment, moment), config)
    except (SourceError, DecodeError):
        pass
    print(round(time.process_time() - started, 2), flush=True)
"""

LIMIT = 120  # processor seconds for every case; linear reading takes about 15 in all, at most a second each


def test_a_long_run_of_one_character_class_is_read_in_linear_time() -> None:
    cases = {f"{LENGTH:,} {name} {place}": text for name, unit in RUNS.items()
             for place, text in places(unit * (LENGTH // len(unit))).items()}
    cases |= {f"{LENGTH // 4:,} {name} {place}": text for name, unit in TOKENS.items()
              for place, text in places(unit * (LENGTH // 4 // len(unit))).items()}
    done = subprocess.run([sys.executable, "-c", CHILD.replace("CPU_SECONDS", str(LIMIT))], input=json.dumps(cases),
                          capture_output=True, text=True, cwd=REPO, check=False)
    if done.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        lines = done.stdout.split("\n")
        slow = lines[-2] if len(lines) >= 2 and lines[-1] == "" else "the first case"
        pytest.fail(f"{slow} was still being read after {LIMIT} s of processor time")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.split("\n")
    times = dict(zip(lines[0::2], map(float, lines[1::2]), strict=False))
    assert len(times) == len(cases), done.stdout
    slowest = max(times, key=lambda case: times[case])
    assert times[slowest] < 15, f"{slowest}: {times[slowest]} s"  # linear: about a second; quadratic: minutes
