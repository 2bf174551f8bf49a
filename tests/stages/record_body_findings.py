"""Writes body_findings.json: bodies made of the pieces each body rule looks for, and what check_body found in
each when they were recorded (before the body rules were rewritten around one look at the body).

    python tests/stages/record_body_findings.py   # only to record anew, on purpose: the test compares with it
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from pipeline.model.article import Article
from pipeline.model.config import DEFAULT_CONFIG
from pipeline.stages.body_rules import check_body
from pipeline.stages.front_matter_rules import _placeholder_pattern

HERE = Path(__file__).parent
PIECES = [
    "Een zin met woorden.", "word", " ", "  ", "\n", "\n\n", "\r\n", "\r", "#", "## Kop", "###", "#Kop", "####### x",
    "# ", "#### Diep", "\n### Drie\n", "   ## Kop", "    # code", "`", "``", "`code`", "```", "~~~", "````",
    "```py\n", "{{< highlight go >}}",
    "{{< /highlight >}}", "{{% code %}}", "<b>", "</p>", "<!--", "< b>", "<img src=x>", "date 2026-02-11",
    "DATE 2026-02", "datum", "2026-02", "-", ":", "javascript:", "JavaScript :", "[x](javascript:alert(1))",
    "[a]: data:text", "ftp://x.org", " ftp://y", "http://ok.nl", "href='vbscript:x'", "<javascript:x>", "ſcript:",
    "TODO", "todo", "- todo:", "> TODO :", "XXX", "xxx", "lorem", "ipsum", "lorem  ipsum", "Lorem Ipsum",
    "lorem\nipsum", "TBD.", "FIXME-", "FiXmE:", "    ", "\t", "Tot 2024.", "é", "K", "FİXME", "lorem ıpsum",
    "DATE", "ſcrıpt :", "in 20", "de", "(", "“", " „", "- een punt", "1. een punt,", "| a | b |", "> quote",
    "Treasurer Jim C", "Wij st", "enz", "\u00a0", "\u2028", "\x0c", "İ", "ı", "ſ", "\u212a",
    "De minister zei dat het plan van het kabinet niet zonder de Kamer kan worden uitgevoerd en",
]
WORDS = " ".join(["woord"] * 160) + "."


def bodies(count: int = 300, seed: int = 20261207) -> list[str]:
    rng = random.Random(seed)
    made = []
    for index in range(count):
        pieces = [rng.choice(PIECES) for _ in range(rng.randint(0, 40))]
        if index % 3 == 0:
            pieces.insert(rng.randrange(len(pieces) + 1), WORDS)  # long enough: the other rules then speak
        if index % 7 == 0:
            pieces.append("".join(chr(rng.randrange(32, 0x2100)) for _ in range(rng.randint(1, 12))))
        made.append("".join(pieces))
    return made


def findings(body: str) -> list[list[object]]:
    article = Article({}, body, "drafts/x.md", {}, ())
    return [[p.line, p.field, p.severity, p.code, p.message]
            for p in check_body(article, DEFAULT_CONFIG, 7, _placeholder_pattern(DEFAULT_CONFIG))]


def main() -> None:
    recorded = [{"body": body, "found": findings(body)} for body in bodies()]
    (HERE / "body_findings.json").write_text(json.dumps(recorded, ensure_ascii=True, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
