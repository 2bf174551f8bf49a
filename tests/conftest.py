"""Shared fixtures: the example workspace, a runner for the CLI, the installed command."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_RAW = REPO / "raw" / "2026-02-11-ai-banen-dump.txt"
EXAMPLE_PUBLISHED = REPO / "published" / "ai-verandert-banen-en-privacy.md"
EXAMPLE_DRAFT_NAME = "2026-02-11-kunstmatige-intelligentie-verandert-de-arbeidsmarkt.md"
FIXED_NOW = "2026-11-23T10:00:00+01:00"

# Tests check behaviour, never wall-clock time: hypothesis's per-example deadline (200 ms) failed a property test on
# a loaded machine, so no example has one.
settings.register_profile("behaviour", deadline=None)
settings.load_profile("behaviour")


@pytest.fixture(autouse=True)
def _pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIPELINE_NOW", FIXED_NOW)
    monkeypatch.delenv("PIPELINE_ROOT", raising=False)
    monkeypatch.delenv("PIPELINE_USER", raising=False)
    monkeypatch.setenv("PIPELINE_ACTOR", "tester")  # who runs each command, as the journal records it


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of this repo's example workspace: raw/, published/, pipeline.toml."""
    root = tmp_path / "ws"
    (root / "raw").mkdir(parents=True)
    (root / "published").mkdir()
    shutil.copy2(EXAMPLE_RAW, root / "raw" / EXAMPLE_RAW.name)
    shutil.copy2(EXAMPLE_PUBLISHED, root / "published" / EXAMPLE_PUBLISHED.name)
    shutil.copy2(REPO / "pipeline.toml", root / "pipeline.toml")
    return root


@pytest.fixture
def bare_workspace(tmp_path: Path) -> Path:
    """A workspace without a pipeline.toml (raw/ beside .pipeline/): built-in defaults apply."""
    root = tmp_path / "bare"
    (root / "raw").mkdir(parents=True)
    (root / ".pipeline").mkdir()
    return root


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def settle_raw(root: Path, seconds: float = 60) -> None:
    """Every file in root/raw/ made older than `pipeline run`'s settle time, as files a scraper wrote
    a while ago are (run leaves a file changed a moment ago for its next run)."""
    moment = time.time() - seconds
    for path in (root / "raw").rglob("*"):
        if path.is_file() and not path.is_symlink():
            os.utime(path, (moment, moment))


def another_article(number: int) -> str:
    """The example raw dump made into a different article for each number: its first line (date and
    lede) numbered, the words of every longer line shuffled, so no two share a five-word run and the
    pipeline does not take one for an update of another (as it rightly takes copies of one text)."""
    import random

    rng = random.Random(number)
    lines = EXAMPLE_RAW.read_text(encoding="utf-8").splitlines()
    out = [lines[0].replace("date 2026-02-11 Kunstmatige", f"date 2026-02-11 Bericht {number} over kunstmatige", 1)]
    for line in lines[1:]:
        words = line.split()
        if len(words) > 8:
            rng.shuffle(words)
            words[0] = words[0][:1].upper() + words[0][1:]
        out.append(" ".join(words))
    return "\n".join(out) + "\n"


def installed_command() -> list[str]:
    """The `pipeline` script installed beside this Python (a venv's own, else the one on PATH)."""
    beside = Path(sys.executable).parent / "pipeline"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("pipeline")
    if found is None:
        pytest.fail("the pipeline command is not installed: run pip install -e '.[test]'")
    return [found]


def run_installed(*args: str, cwd: Path, env: dict[str, str] | None = None,
                  timeout: float = 120) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PIPELINE_NOW": FIXED_NOW, **(env or {})}
    full_env.pop("PIPELINE_ROOT", None) if env is None or "PIPELINE_ROOT" not in env else None
    return subprocess.run([*installed_command(), *args], cwd=cwd, env=full_env, capture_output=True,
                          text=True, timeout=timeout, check=False)


ANSI_ESCAPE = re.compile(r"\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


@dataclass
class TerminalRun:
    """The installed command run on a pseudo-terminal: what it wrote (bytes, the pty's CR LF kept) to
    stdout and to stderr, and its exit code. stdout or stderr may be a pipe instead (`piped`)."""

    returncode: int
    stdout: bytes
    stderr: bytes

    @staticmethod
    def text(data: bytes) -> str:
        """What a reader sees, roughly: escape sequences out, the pty's CR LF as LF."""
        return ANSI_ESCAPE.sub("", data.decode("utf-8", "replace")).replace("\r\n", "\n")

    @property
    def out(self) -> str:
        return self.text(self.stdout)

    @property
    def err(self) -> str:
        return self.text(self.stderr)


def run_in_terminal(*args: str, cwd: Path, columns: int = 80, env: dict[str, str] | None = None,
                    piped: str = "", timeout: float = 120) -> TerminalRun:
    """Run the installed `pipeline` with a pseudo-terminal (`columns` wide, COLUMNS set too) as stdout
    and another as stderr; `piped` ("stdout" or "stderr") makes that one a pipe instead."""
    import fcntl
    import pty
    import select
    import struct
    import termios
    import time

    full_env = {**os.environ, "PIPELINE_NOW": FIXED_NOW, "COLUMNS": str(columns), "LINES": "40",
                "TERM": "xterm-256color", **(env or {})}
    for name in ("PIPELINE_ROOT", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "CI"):
        if name not in (env or {}):
            full_env.pop(name, None)
    if "NO_COLOR" not in (env or {}):
        full_env.pop("NO_COLOR", None)
    readers: dict[str, int] = {}
    writers: dict[str, int] = {}
    for stream in ("stdout", "stderr"):
        reader, writer = os.pipe() if piped == stream else pty.openpty()
        if piped != stream:
            fcntl.ioctl(writer, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
        readers[stream], writers[stream] = reader, writer
    process = subprocess.Popen([*installed_command(), *args], cwd=cwd, env=full_env, stdin=subprocess.DEVNULL,
                               stdout=writers["stdout"], stderr=writers["stderr"], close_fds=True)
    for writer in writers.values():
        os.close(writer)
    got: dict[int, bytearray] = {reader: bytearray() for reader in readers.values()}
    open_readers = set(got)
    deadline = time.monotonic() + timeout
    while open_readers and time.monotonic() < deadline:
        ready, _, _ = select.select(list(open_readers), [], [], 0.5)
        for reader in ready:
            try:
                chunk = os.read(reader, 65536)
            except OSError:  # a pty whose other end is closed says EIO
                chunk = b""
            if chunk:
                got[reader] += chunk
            else:
                open_readers.discard(reader)
    try:
        code = process.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        if process.poll() is None:
            process.kill()
        for reader in readers.values():
            os.close(reader)
    return TerminalRun(code, bytes(got[readers["stdout"]]), bytes(got[readers["stderr"]]))
