"""Writes file_findings.json: whole article files (front matter lines of every shape the rules and the readers
tell apart, then a body) and what validate's pure check found in each, as a draft under the built-in config
and as published under a stricter one, when they were recorded (before the field rules were compiled once per
config and the front matter read in one pass).

    python tests/stages/record_file_findings.py   # only to record anew, on purpose: the test compares with it
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from pipeline.model.config import DEFAULT_CONFIG, Config
from pipeline.stages.validate import check_file

HERE = Path(__file__).parent
LONG = "Lang " * 30
# Per house key, lines of each kind: the house style, other YAML for the same value, traps, wrong types.
LINES: dict[str, list[str]] = {
    "title": ['title: "Een titel"', 'title: ""', 'title: "  spaties "', "title: 'enkel'", "title: Plain woorden",
              "title: yes", "title:", "title: ~", "title: null", f'title: "{LONG}"', "title: [1, 2]",
              "title: 12:30", "title: 012", 'title: "TODO nog doen"', 'Title: "Hoofdletter"', "TITLE: x",
              'title: "lorem ipsum"', "title: 12", 'title: "Een \\"titel\\""'],
    "date": ["date: 2026-02-11T00:00:00+01:00", "date: 2026-02-11", 'date: "2026-02-30T00:00:00+01:00"',
             "date: 2026-02-11T00:00:00Z", 'date: "11-02-2026"', "date: 2026-02-11T25:00:00+01:00",
             "date: 2030-01-01T00:00:00+01:00", "date: 20260211", "date:", 'date: " 2026-02-11T00:00:00+01:00"',
             "date: 2026-02-11t10:00:00.5-05:00", 'Date: "2026-02-11T00:00:00+01:00"', "date: [2026]"],
    "publishDate": ["publishDate: 2030-01-01T00:00:00+01:00", "publishDate: 2020-01-01T00:00:00Z",
                    'publishDate: "morgen"', "publishDate: 2026-13-01T00:00:00+01:00"],
    "expiryDate": ["expiryDate: 2020-01-01T00:00:00+01:00", "expiryDate: 2031-01-01T00:00:00+01:00",
                   "expiryDate: 5", 'expiryDate: ""'],
    "lastmod": ["lastmod: 2026-02-12T08:00:00+01:00", 'lastmod: "gisteren"'],
    "tags": ['tags: ["banen", "privacy"]', "tags: []", 'tags: ["Banen"]', 'tags: ["banen", "banen"]',
             'tags: [" banen"]', 'tags: [1, "a"]', 'tags: "banen"', "tags:\n  - banen\n  - software",
             'tags: ["a", "b", "c", "d", "e", "f"]', 'tags: [""]', "tags: [yes, no]", 'tags: ["onbekend"]',
             "tags:", 'tags: ["ß", "é"]', 'tags: ["banen", ["genest"]]', "tags: {a: 1}"],
    "summary": ['summary: "Een samenvatting van het stuk."', 'summary: ""', f'summary: "{LONG * 3}"',
                "summary: >\n  Gevouwen\n  tekst", "summary: |\n  Letterlijke\n  tekst", 'summary: "xxx later"',
                "summary: 3.5"],
    "doelgroep": ['doelgroep: "BESLISSER"', 'doelgroep: "iemand"', "doelgroep: on", 'doelgroep: ""'],
    "sectie": ['sectie: "werk"', 'sectie: "sport"', "sectie: [werk]", "Sectie: werk"],
    "credit": ['credit: "Jan Jansen / ANP"', "credit: 7", 'credit: " ANP"'],
    "cover": ['cover:\n  image: "https://images.example.org/a.jpeg"\n  alt: "Een foto"\n  caption: "Foto: Redactie"',
              'cover:\n  image: "http://images.example.org/a.jpeg"\n  alt: ""\n  caption: "Foto"',
              'cover:\n  image: "https://x.org/a b.jpeg"\n  Alt: "Foto"', "cover: {}", 'cover: "foto.jpeg"',
              "cover:", 'cover:\n  image: "https://x.org/a.jpeg"\n  alt: "TODO"\n  caption: yes',
              'cover:\n  image: ["https://x.org/a.jpeg"]\n  alt: "Foto"\n  caption: "Foto"\n  extra: 1',
              "cover:\n  image: https://x.org/a.jpeg\n  alt: Foto\n  caption: Foto  # credit"],
    "draft": ["draft: true", "draft: false", 'draft: "true"', "draft: yes", "draft:", "Draft: true"],
    "lang": ['lang: "nl"', 'lang: "xx"', "lang: en", "lang: 1"],
    "date_precision": ['date_precision: "month"', 'date_precision: "day"', "date_precision: year"],
    "page_kind": ['page_kind: "not-article"', 'page_kind: "article"', 'page_kind: "other"'],
    "source": ['source:\n  url: "https://example.org/a"\n  raw: "raw/a.txt"', 'source: "raw/a.txt"'],
    "slug": ['slug: "een-slug"', 'slug: ""', "slug: 5", 'url: "/nieuws/x/"', 'aliases: ["/oud/", "/ander.html"]',
             'aliases: "/een/"', "aliases: [1, /twee/]", 'url: "  "'],
    "other": ["extra: 1", 'title: "tweemaal"', "anchor: &a [1, 2]\nalias: *a", "# een opmerking", "tijd: 14:05",
              "getal: 0777", "leeg: ~", "nest:\n  a:\n    b: 1", 'x: "\x07"', "y: \u2028"],
}
BODIES = ["", "Kort.\n", " ".join(["woord"] * 160) + ".\n", "## Kop\n\n" + " ".join(["woord"] * 155) + ".\n",
          "Een tekst die stopt midden in een zin en dan niet verder gaat met de\n",
          "TODO: bron\n\n<b>vet</b>\n\n# Kop een\n", "[x](javascript:alert(1))\n" + "woord " * 151]
OPENINGS = ["---\n", "---\n", "---\n", "---\r\n", "\ufeff---\n", "+++\n", "", "--- \n"]
CLOSINGS = ["---\n", "---\n", "---\n", "---\r\n", "", "--- \n", "...\n"]
STRICT = Config(required=(*DEFAULT_CONFIG.required, "credit", "lang", "bron"), max_title_chars=20, min_words=5,
                summary_max_chars=40, min_tags=2, max_tags=3, month_dates=True, placeholders=("TODO", "nog doen"))


def files(count: int = 300, seed: int = 20261208) -> list[str]:
    rng = random.Random(seed)
    keys = list(LINES)
    made = []
    for index in range(count):
        chosen = keys[:] if index % 4 else rng.sample(keys, rng.randint(0, len(keys)))
        if index % 5 == 0:
            rng.shuffle(chosen)
        lines = [rng.choice(LINES[key]) for key in chosen]
        if index % 2 == 0:  # half the files in the house style, as the pipeline writes them
            lines = [LINES[key][0] for key in chosen if key not in ("other", "publishDate", "expiryDate", "lastmod")]
            if index % 8 == 0 and lines:
                lines[rng.randrange(len(lines))] = rng.choice(LINES[rng.choice(keys)])
        front = "\n".join(lines) + ("\n" if lines else "")
        opening = OPENINGS[0] if index % 3 else rng.choice(OPENINGS)
        closing = CLOSINGS[0] if index % 3 else rng.choice(CLOSINGS)
        made.append(opening + front + closing + rng.choice(BODIES))
    return made


def findings(text: str) -> dict[str, Any]:
    data = text.encode("utf-8")
    return {"draft": check_file(data, "drafts/sub/x.md", DEFAULT_CONFIG).as_cached(),
            "published, strict": check_file(data, "published/x.md", STRICT, published=True).as_cached()}


def main() -> None:
    recorded = [{"file": text, "found": findings(text)} for text in files()]
    (HERE / "file_findings.json").write_text(json.dumps(recorded, ensure_ascii=True, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
