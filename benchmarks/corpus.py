"""Deterministic corpora for the benchmarks: raw dumps shaped like examples/raw, and house-style drafts.

    python benchmarks/corpus.py raw DIR N      # N raw files (a few bad ones among them)
    python benchmarks/corpus.py drafts DIR N   # N valid drafts in the house style

The same seed and N always give the same bytes. Sentences are drawn from the example article's own
words, so language detection and vocabulary matching see realistic Dutch.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "raw" / "2026-02-11-ai-banen-dump.txt"
SEED = 20260211

HEADINGS = [
    "Van academisch redacteur naar bakker", "Vluchten naar werk dat blijft", "Aanpassen of afhaken",
    "Mens blijft nodig", "Wat betekent dit voor de regio", "Nieuwe kansen in de zorg", "Een lastige keuze",
    "Werkgevers zoeken houvast", "De rol van de overheid", "Zo gaat het verder",
]
TOPICS = ["banen", "arbeidsmarkt", "omscholing", "privacy", "reclame", "AI-agents", "werkgevers", "software"]


def _words() -> list[str]:
    text = EXAMPLE.read_text(encoding="utf-8")
    return [w.strip("“”‘’\",.:;?()") for w in text.split()[3:] if w.strip("“”‘’\",.:;?()").isalpha()]


def _sentence(rng: random.Random, words: list[str]) -> str:
    chosen = [rng.choice(words) for _ in range(rng.randint(7, 16))]
    if rng.random() < 0.3:
        chosen.insert(rng.randrange(len(chosen)), rng.choice(TOPICS))
    first = chosen[0][:1].upper() + chosen[0][1:]
    return " ".join([first, *chosen[1:]]) + rng.choice([".", ".", ".", "?"])


def _paragraph(rng: random.Random, words: list[str]) -> str:
    return " ".join(_sentence(rng, words) for _ in range(rng.randint(2, 5)))


def _body(rng: random.Random, words: list[str], paragraphs: int) -> list[str]:
    blocks = []
    for index in range(paragraphs):
        if index and index % 3 == 0:
            blocks.append(rng.choice(HEADINGS))
        blocks.append(_paragraph(rng, words))
    return blocks


def _date(rng: random.Random) -> date:
    return date(2024, 1, 1) + timedelta(days=rng.randrange(900))


def write_raw(folder: Path, count: int, seed: int = SEED) -> None:
    """count raw dumps; about 1 in 200 is bad (empty, binary or cp1252), as real scrapes are."""
    rng = random.Random(seed)
    words = _words()
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        name = folder / f"dump-{index:05d}.txt"
        roll = rng.random()
        if roll < 0.002:
            name.write_bytes(b"")
            continue
        if roll < 0.004:
            name.write_bytes(bytes(rng.randrange(256) for _ in range(2000)) + b"\x00")
            continue
        blocks = _body(rng, words, rng.randint(8, 14))
        text = f" date {_date(rng):%Y-%m-%d} " + "\n\n".join(blocks)
        if roll < 0.006:
            name.write_bytes(text.encode("cp1252", "replace"))
        else:
            name.write_bytes(text.encode("utf-8"))


def write_drafts(folder: Path, count: int, seed: int = SEED) -> None:
    """count valid house-style drafts of about 3.3 KB each."""
    rng = random.Random(seed + 1)
    words = _words()
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        title = _sentence(rng, words).rstrip(".?")[:80].rstrip()
        summary = _sentence(rng, words) + " " + _sentence(rng, words)
        tags = rng.sample(["banen", "arbeidsmarkt", "omscholing", "privacy", "ai agents", "reclame"], 3)
        body = "\n\n".join(
            f"## {block}" if block in HEADINGS else block for block in _body(rng, words, rng.randint(7, 9))
        )
        front = "\n".join([
            "---",
            f'title: "{title}"',
            f"date: {_date(rng):%Y-%m-%d}T00:00:00+01:00",
            "tags: [" + ", ".join(f'"{tag}"' for tag in tags) + "]",
            f'summary: "{summary}"',
            'doelgroep: "BESLISSER"',
            f'sectie: "{rng.choice(["werk", "privacy", "technologie"])}"',
            "cover:",
            f'  image: "https://images.example.org/photo-{index}.jpeg"',
            '  alt: "Een foto bij het artikel"',
            '  caption: "Foto: Redactie"',
            "draft: true",
            'lang: "nl"',
            "---",
        ])
        (folder / f"draft-{index:05d}.md").write_text(f"{front}\n\n{body}\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] not in ("raw", "drafts"):
        print(__doc__, file=sys.stderr)
        return 2
    kind, folder, count = argv[0], Path(argv[1]), int(argv[2])
    (write_raw if kind == "raw" else write_drafts)(folder, count)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
