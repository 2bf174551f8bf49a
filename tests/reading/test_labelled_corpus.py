"""The labelled corpus's manifest: what the repository keeps of a corpus that lives outside it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

from labelled import corpus_digest, load_corpus, manifest_rows, unmatched_strings, verify  # noqa: E402


def write_batch(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    pages = {
        "z-001.txt": " date 2024-03 Brug dicht na aanvaring\n\nDoor Anna de Vries\n\nDe brug is dicht.\n\nDeel dit\n",
        "z-002.txt": "Raad stemt in\n\n14u58\n\nDe raad stemde in met het plan.\n",
    }
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8")
    truth = {
        "z-001.txt": {"url": "https://a.example/1", "title": "Brug dicht na aanvaring", "headings": [],
                      "junk": {"Door Anna de Vries": "byline", "Deel dit": "share"}},
        "z-002.txt": {"url": "https://b.example/2", "title": "Raad stemt in", "headings": [], "junk": ["14u58"]},
    }
    (folder / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return folder


def test_the_digest_names_the_pages_and_their_labels(tmp_path: Path) -> None:
    batch = write_batch(tmp_path / "z")
    first = corpus_digest(load_corpus([batch]))
    assert first == corpus_digest(load_corpus([batch]))
    # spacing in truth.json is no change of the labels
    truth = json.loads((batch / "truth.json").read_text(encoding="utf-8"))
    (batch / "truth.json").write_text(json.dumps(truth, indent=4), encoding="utf-8")
    assert corpus_digest(load_corpus([batch])) == first
    # one byte of a page is
    page = batch / "z-002.txt"
    page.write_bytes(page.read_bytes().replace(b"plan.", b"plan!"))
    assert corpus_digest(load_corpus([batch])) != first


def test_verify_names_what_differs_from_the_manifest(tmp_path: Path) -> None:
    batch = write_batch(tmp_path / "z")
    manifest = manifest_rows(load_corpus([batch]))
    assert verify(manifest, load_corpus([batch])) == []
    truth = json.loads((batch / "truth.json").read_text(encoding="utf-8"))
    truth["z-001.txt"]["title"] = "Brug dicht"
    del truth["z-002.txt"]
    truth["z-003.txt"] = {"title": "none obvious", "junk": []}
    (batch / "z-003.txt").write_text("Een zin.\n", encoding="utf-8")
    (batch / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    assert verify(manifest, load_corpus([batch])) == [
        "z/z-002.txt: missing", "z/z-003.txt: not in the manifest", "z/z-001.txt: the label differs"]
    # a damaged manifest row is a difference, not a crash
    assert verify(["z/z-001.txt"], load_corpus([batch]))[-2:] == [
        "z/z-001.txt: the page's bytes differ", "z/z-001.txt: the label differs"]


def test_check_lists_label_strings_that_match_no_line(tmp_path: Path) -> None:
    batch = write_batch(tmp_path / "z")
    pages = load_corpus([batch])
    # the title glued after the date header and lines that differ only in spacing match
    assert [unmatched_strings(page) for page in pages] == [[], []]
    truth = json.loads((batch / "truth.json").read_text(encoding="utf-8"))
    truth["z-002.txt"]["headings"] = ["Wat nu?"]
    (batch / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    (batch / "z-001.txt").write_bytes(b"\xff\xfe not UTF-8 \x00\n")
    found = {page.key: unmatched_strings(page) for page in load_corpus([batch])}
    assert found["z/z-002.txt"] == ["Wat nu?"]
    assert set(found["z/z-001.txt"]) == {"Door Anna de Vries", "Deel dit", "Brug dicht na aanvaring"}


@pytest.mark.parametrize("truth", ["[1, 2]", "{not json"])
def test_a_damaged_truth_file_is_one_line_naming_it(tmp_path: Path, truth: str) -> None:
    batch = write_batch(tmp_path / "z")
    (batch / "truth.json").write_text(truth, encoding="utf-8")
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "labelled.py"), "manifest", str(batch)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "truth.json" in done.stderr


def test_the_manifest_command_writes_what_verify_accepts(tmp_path: Path) -> None:
    batch = write_batch(tmp_path / "z")
    out = tmp_path / "manifest.txt"
    script = str(REPO / "benchmarks" / "labelled.py")
    made = subprocess.run([sys.executable, script, "manifest", str(batch), "--out", str(out)],
                          capture_output=True, text=True, check=False)
    assert made.returncode == 0, made.stderr
    assert out.read_text(encoding="utf-8").startswith(f"# 2 pages; corpus sha256 {corpus_digest(load_corpus([batch]))}")
    checked = subprocess.run([sys.executable, script, "verify", str(out), str(batch)], capture_output=True, text=True,
                             check=False)
    assert checked.returncode == 0, checked.stdout
    (batch / "z-002.txt").write_text("Raad stemt in\n", encoding="utf-8")
    checked = subprocess.run([sys.executable, script, "verify", str(out), str(batch)], capture_output=True, text=True,
                             check=False)
    assert checked.returncode == 1 and "z/z-002.txt: the page's bytes differ" in checked.stdout
