"""Bad files: each one gets one line naming it and the reason, the run goes on, the raw file stays
byte for byte where it was, nothing is half-written, the exit status is 1, and no traceback."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import socket
import string
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pipeline.model.config import Config
from pipeline.reading import draft as draft_module
from pipeline.reading.draft import SourceInfo, drafts_from_bytes
from pipeline.reading.items import SourceError
from pipeline.reading.text import DecodeError
from pipeline.stages import ingest as ingest_module
from pipeline.stages.ingest import run_ingest
from pipeline.store.workspace import Workspace
from tests.conftest import run_installed
from tests.helpers import cli

GOOD = (b"date 2026-02-11 Werkgevers zoeken massaal personeel. Er staan ruim twintigduizend vacatures open, "
        b"meldt de brancheorganisatie. Het tekort komt door de vergrijzing.\n")


def snapshot(folder: Path) -> dict[str, str]:
    """Every regular file under folder, by relative path, with its sha256 (links not followed)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def no_temporary_files(root: Path) -> bool:
    return not [p for p in root.rglob("*") if p.name.startswith(".tmp-")]


def ingest(root: Path, named: list[Path] | None = None, config: Config | None = None) -> dict[str, Any]:
    workspace = Workspace.open(root)
    outcomes = run_ingest(workspace, config or workspace.load_config(), named)
    return {outcome.file: outcome for outcome in outcomes}


@pytest.fixture
def root(bare_workspace: Path) -> Path:
    (bare_workspace / "raw" / "good.txt").write_bytes(GOOD)
    return bare_workspace


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"\n \r\n\t\n", "is empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "looks binary (contains NUL bytes), not text"),
        ("noise.bin", bytes(range(1, 32)) * 40, "looks binary (too many control characters), not text"),
        ("broken.json", b'{"title": "x", "text": "afgebr', "is not valid JSON"),
        ("only-ads.txt", b"Advertentie\nDeel dit artikel\n", "has no text left after cleaning"),
    ],
)
def test_bad_content_is_reported_and_the_rest_goes_on(root: Path, name: str, data: bytes, reason: str) -> None:
    (root / "raw" / name).write_bytes(data)
    before = snapshot(root / "raw")
    outcomes = ingest(root)
    assert outcomes[f"raw/{name}"].status == "failed"
    assert outcomes[f"raw/{name}"].reason.startswith(reason)
    assert outcomes["raw/good.txt"].status == "ingested"
    assert snapshot(root / "raw") == before
    assert len(list((root / "drafts").glob("*.md"))) == 1
    assert no_temporary_files(root)


def test_over_the_size_limit_default_5_mb_without_reading_it(root: Path) -> None:
    big = root / "raw" / "huge.txt"
    with open(big, "wb") as handle:  # sparse: 5 MB + 1 byte without writing them
        handle.truncate(5_000_001)
    outcomes = ingest(root)
    assert outcomes["raw/huge.txt"].reason == "is 5,000,001 bytes, over the limit of 5,000,000"
    assert big.stat().st_size == 5_000_001
    (root / "raw" / "small-limit.txt").write_bytes(GOOD * 3)
    limited = ingest(root, config=Config(max_bytes=len(GOOD) * 2))
    assert limited["raw/small-limit.txt"].reason == f"is {len(GOOD) * 3:,} bytes, over the limit of {len(GOOD) * 2:,}"


def test_fifo_and_socket_in_raw_are_reported_without_hanging(root: Path) -> None:
    os.mkfifo(root / "raw" / "pipe.txt")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(root / "raw" / "sock.txt"))
        outcomes = ingest(root)
    finally:
        server.close()
    for name in ("raw/pipe.txt", "raw/sock.txt"):
        assert outcomes[name].status == "failed"
        assert outcomes[name].reason == "is not a regular file (device, socket or pipe)"
    assert outcomes["raw/good.txt"].status == "ingested"


def test_a_device_named_on_the_command_line(root: Path) -> None:
    outcomes = ingest(root, [Path("/dev/null")])
    assert outcomes["/dev/null"].status == "failed"
    assert outcomes["/dev/null"].reason == "is not a regular file (device, socket or pipe)"


def test_a_folder_named_or_nested(root: Path) -> None:
    nested = root / "raw" / "2026" / "feb.txt"
    nested.parent.mkdir()
    nested.write_bytes(GOOD.replace(b"Werkgevers", b"Bedrijven"))
    outcomes = ingest(root)
    assert outcomes["raw/2026/feb.txt"].status == "ingested"  # raw/ is read recursively
    named = ingest(root, [root / "raw" / "2026"])
    assert named["raw/2026"].reason == "is a folder, not a file"


def test_a_symlink_out_of_the_workspace_is_refused(root: Path, tmp_path: Path) -> None:
    secret = tmp_path / "outside.txt"
    secret.write_bytes(GOOD.replace(b"Werkgevers", b"Geheim"))
    (root / "raw" / "link.txt").symlink_to(secret)
    (root / "raw" / "dangling.txt").symlink_to(root / "raw" / "gone.txt")
    outcomes = ingest(root)
    assert outcomes["raw/link.txt"].reason == "symbolic link points outside the workspace"
    assert outcomes["raw/dangling.txt"].reason == "symbolic link is broken"
    assert secret.read_bytes() == GOOD.replace(b"Werkgevers", b"Geheim")
    assert (root / "raw" / "link.txt").is_symlink()


def refuse_as_the_kernel_would(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, refused: Path,
                               path_of: Callable[..., Any]) -> None:
    """Running as root, chmod 000 stops no read: `owner.name` (a file's read, a folder's listing) then
    fails on `refused` (``path_of`` its arguments) with EACCES, as the kernel makes it fail for anyone else."""
    real = getattr(owner, name)

    def refuse(*args: Any) -> Any:
        if Path(path_of(*args)) == refused:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(refused))
        return real(*args)

    monkeypatch.setattr(owner, name, refuse)


def test_an_unreadable_file(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = root / "raw" / "locked.txt"
    locked.write_bytes(GOOD.replace(b"Werkgevers", b"Bazen"))
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            refuse_as_the_kernel_would(monkeypatch, Workspace, "read_raw", locked, lambda _self, raw, _most: raw.path)
        outcomes = ingest(root)
    finally:
        locked.chmod(0o644)
    assert outcomes["raw/locked.txt"].status == "failed"
    assert outcomes["raw/locked.txt"].reason == "cannot be read (Permission denied)"
    assert outcomes["raw/good.txt"].status == "ingested"
    assert locked.read_bytes() == GOOD.replace(b"Werkgevers", b"Bazen")


def test_an_unreadable_folder_is_reported(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = root / "raw" / "closed"
    folder.mkdir()
    (folder / "inside.txt").write_bytes(GOOD)
    folder.chmod(0)
    try:
        if os.access(folder, os.R_OK):
            refuse_as_the_kernel_would(monkeypatch, os, "listdir", folder, lambda path=".": path)
        outcomes = ingest(root)
    finally:
        folder.chmod(0o755)
    assert outcomes["raw/closed"].reason == "folder cannot be read (Permission denied)"
    assert outcomes["raw/good.txt"].status == "ingested"


HOSTILE_NAMES = ["met spaties.txt", "quote's \"and\" more.txt", "ünïcödé – ‘krant’.txt", "-x.txt", "--help.txt",
                 "tab\there.txt", "new\nline.txt"]


def test_hostile_names_are_ingested_and_shown_on_one_line(bare_workspace: Path) -> None:
    for number, name in enumerate(HOSTILE_NAMES):
        (bare_workspace / "raw" / name).write_bytes(GOOD.replace(b"twintigduizend", str(number).encode()))
    os.makedirs(bare_workspace / "raw" / "bytes", exist_ok=True)
    with open(os.path.join(os.fsencode(bare_workspace / "raw" / "bytes"), b"latin-\xe9.txt"), "wb") as handle:
        handle.write(GOOD.replace(b"twintigduizend", b"99"))
    result = run_installed("ingest", cwd=bare_workspace)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(HOSTILE_NAMES) + 2  # one a file, and the summary
    assert all(line.startswith("ingested\t") for line in lines[:-1])
    assert "ingested\traw/bytes/latin-\\xe9.txt\t" in result.stdout
    assert "ingested\traw/new\\nline.txt\t" in result.stdout
    assert "ingested\traw/tab\\there.txt\t" in result.stdout
    assert len(list((bare_workspace / "drafts").glob("*.md"))) == len(HOSTILE_NAMES) + 1


def test_a_leading_dash_name_on_the_command_line(bare_workspace: Path) -> None:
    (bare_workspace / "raw" / "-x.txt").write_bytes(GOOD)
    result = run_installed("ingest", "--", "raw/-x.txt", cwd=bare_workspace)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ingested\traw/-x.txt\tdrafts/2026-02-11-")


def test_exit_1_one_line_each_and_no_traceback(root: Path, tmp_path: Path) -> None:
    (root / "raw" / "empty.txt").write_bytes(b"")
    (root / "raw" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    os.mkfifo(root / "raw" / "pipe")
    (root / "raw" / "link.txt").symlink_to(tmp_path)
    before = snapshot(root / "raw")
    result = run_installed("ingest", cwd=root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout.splitlines() == [
        "failed\traw/empty.txt\tis empty",
        "ingested\traw/good.txt\tdrafts/2026-02-11-werkgevers-zoeken-massaal-personeel.md",
        "failed\traw/image.png\tlooks binary (too many control characters), not text",
        "failed\traw/link.txt\tsymbolic link points outside the workspace",
        "failed\traw/pipe\tis not a regular file (device, socket or pipe)",
        "ingest: 4 failed, 1 ingested",
    ]
    assert snapshot(root / "raw") == before
    assert no_temporary_files(root)


def test_a_failed_file_is_retried_only_when_its_bytes_change(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = root / "raw" / "later.txt"
    bad.write_bytes(b"")
    first = ingest(root)
    assert first["raw/later.txt"].reason == "is empty"
    calls: list[str] = []
    real = ingest_module.drafts_from_bytes

    def counting(data: bytes, source: SourceInfo, config: Config, **reading: Any) -> Any:
        calls.append(source.rel)
        return real(data, source, config, **reading)

    monkeypatch.setattr(ingest_module, "drafts_from_bytes", counting)
    os.utime(bad, (1_700_000_000, 1_700_000_000))  # touched, same bytes: still not retried
    second = ingest(root)
    assert second["raw/later.txt"].status == "still bad" and not second["raw/later.txt"].failed
    assert second["raw/later.txt"].reason.startswith("is empty (unchanged since the last try; fix it, or set it aside")
    assert calls == []
    journal = (root / ".pipeline" / "journal.jsonl").read_text(encoding="utf-8")
    assert journal.count('"ingest-failed"') == 1
    bad.write_bytes(GOOD.replace(b"Werkgevers", b"Winkeliers"))
    third = ingest(root)
    assert third["raw/later.txt"].status == "ingested"
    assert calls == ["raw/later.txt"]


def test_a_failed_write_leaves_nothing_half_written(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(self: Workspace, path: Path, text: str) -> bool:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Workspace, "write_new_atomic", disk_full)
    outcomes = ingest(root)
    assert outcomes["raw/good.txt"].status == "failed"
    assert outcomes["raw/good.txt"].reason == "cannot write its draft (No space left on device)"
    assert list((root / "drafts").iterdir()) == []
    assert (root / "raw" / "good.txt").read_bytes() == GOOD


def test_a_bug_on_one_file_does_not_stop_the_run(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (root / "raw" / "z-trigger.txt").write_bytes(b"date 2026-02-11 Dit bestand raakt een fout in de code.\n")
    real = draft_module.read_source

    def buggy(text: str, config: Config) -> Any:
        if "fout in de code" in text:
            raise RuntimeError("boom")
        return real(text, config)

    monkeypatch.setattr(draft_module, "read_source", buggy)
    monkeypatch.delenv("PIPELINE_DEBUG", raising=False)
    outcomes = ingest(root)
    assert outcomes["raw/z-trigger.txt"].reason == "internal error (RuntimeError: boom); please report it"
    assert outcomes["raw/good.txt"].status == "ingested"


def test_cli_runner_reports_failures_with_exit_1(root: Path, runner: CliRunner) -> None:
    (root / "raw" / "empty.txt").write_bytes(b"")
    result = cli(root, "ingest", "--json")
    assert result.exit_code == 1
    assert '"reason": "is empty"' in result.stdout


# --- arbitrary bytes ----------------------------------------------------------------------------

SOURCE = SourceInfo("raw/x.txt", "0" * 64, datetime.fromisoformat("2026-02-14T09:30:00+01:00"),
                    datetime.fromisoformat("2026-11-23T10:00:00+01:00"))
PREFIXES = [b"", b"date 2026-02-11 ", b"date 2023-05 28 november ", b"{", b'{"text": "', b"[{", b"---\n",
            b"---\ntitle: ", b"Titel: x\nDatum: ", b"Kop\nDoor Redactie | ", b"# ", b"\xef\xbb\xbf", b"\xff\xfe"]
raw_bytes = st.one_of(
    st.binary(max_size=2000),
    st.tuples(st.sampled_from(PREFIXES), st.binary(max_size=800)).map(lambda pair: pair[0] + pair[1]),
    st.tuples(st.sampled_from(PREFIXES), st.text(max_size=800)).map(lambda pair: pair[0] + pair[1].encode("utf-8")),
    st.text(alphabet=string.printable + "ëé“”‘’–\u00a0<>&;", max_size=1500).map(lambda text: text.encode("utf-8")),
)


@settings(max_examples=300, deadline=None)
@given(raw_bytes)
def test_arbitrary_bytes_give_drafts_or_a_reason_never_another_exception(data: bytes) -> None:
    try:
        drafts = drafts_from_bytes(data, SOURCE, Config())
    except (DecodeError, SourceError) as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert drafts and all(draft.name.endswith(".md") for draft in drafts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw_bytes)
def test_ingest_of_arbitrary_bytes_never_raises_nor_touches_the_raw_file(tmp_path: Path, data: bytes) -> None:
    root = tmp_path / "hyp"
    shutil.rmtree(root, ignore_errors=True)
    (root / "raw").mkdir(parents=True)
    raw = root / "raw" / "scraped.txt"
    raw.write_bytes(data)
    stamp = raw.stat()
    [outcome] = run_ingest(Workspace.open(root), Config())
    assert outcome.status in ("ingested", "failed")
    assert outcome.status == "ingested" or outcome.reason
    assert "internal error" not in outcome.reason
    assert raw.read_bytes() == data
    assert (raw.stat().st_mtime_ns, raw.stat().st_ino) == (stamp.st_mtime_ns, stamp.st_ino)
    assert no_temporary_files(root)
