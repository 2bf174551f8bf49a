"""A soak test: a newsroom's actors at work on one workspace at once, then the promises checked.

    python benchmarks/soak.py [--seconds 180] [--out benchmarks/soak.md]

For a few minutes (bounded; not part of CI): a scraper drops 1-3 raw files every 0.5-2 s, some written
slowly under their final name, some under a download tool's name (``.part``) and renamed when done;
cron runs ``pipeline run --quiet`` every 2 s; two editors fill in covers and add a line to drafts,
saving in place; two reviewers approve what is valid; an editor in chief now and then unpublishes an
article. Then one last run, and the checks:

- every raw file became exactly one article (by the provenance in drafts/ and published/);
- no article was made from a partial file (each raw file ends with a line of its own, which every
  article made from it must hold);
- no editor's save was lost (each save adds a line of its own, which must be in some article);
- every run exited 0, 1 or 3 (a lock held by another), never 70.

The figures are written to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import SEED, _body, _words  # noqa: E402  (the benchmarks' own corpus module)

PIPELINE = str(Path(sys.executable).parent / "pipeline")
COVER = ('image: ""', 'alt: ""', 'caption: ""')
FILLED = ('image: "https://example.org/foto.jpg"', 'alt: "Een foto bij het bericht"', 'caption: "Foto: redactie"')


def pipeline(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PIPELINE_ACTOR": "soak"}
    return subprocess.run([PIPELINE, "--root", str(root), *args], capture_output=True, text=True, timeout=300,
                          check=False, env=env)


class Soak:
    def __init__(self, root: Path, seconds: float, seed: int) -> None:
        self.root, self.until, self.rng = root, time.monotonic() + seconds, random.Random(seed)
        self.words = _words()
        self.raw_count = 0
        self.saves: list[str] = []  # the line each editor's save added
        self.where: dict[str, tuple[str, float]] = {}  # the file each save went to, and when
        self.turns: dict[str, threading.Lock] = {}  # editors take turns on a draft
        self.exits: dict[str, list[int]] = {}
        self.lock = threading.Lock()

    def running(self) -> bool:
        return time.monotonic() < self.until

    def note(self, who: str, code: int) -> None:
        with self.lock:
            self.exits.setdefault(who, []).append(code)

    # --- the actors ------------------------------------------------------------------------------

    def scraper(self) -> None:
        rng = random.Random(self.rng.random())
        while self.running():
            for _ in range(rng.randint(1, 3)):
                with self.lock:
                    number = self.raw_count
                    self.raw_count += 1
                blocks = _body(rng, self.words, rng.randint(4, 8))
                # a date to the day: a month alone is not approved until an editor confirms the day
                day = f"2026-0{rng.randint(1, 9)}-{rng.randint(1, 28):02d}"
                text = (f" date {day} Bericht {number} over werk en kunstmatige intelligentie\n\n"
                        + "\n\n".join(blocks) + f"\n\nEinde van bericht nummer {number}.\n")
                final = self.root / "raw" / f"bericht-{number:05d}.txt"
                half = len(text) // 2
                if rng.random() < 0.5:  # a download tool: a name of its own while it writes, renamed when done
                    partial = final.with_name(final.name + ".part")
                    partial.write_text(text[:half], encoding="utf-8")
                    time.sleep(rng.uniform(0.1, 0.6))
                    with partial.open("a", encoding="utf-8") as handle:
                        handle.write(text[half:])
                    partial.rename(final)
                else:  # a slow writer under the final name
                    with final.open("w", encoding="utf-8") as handle:
                        handle.write(text[:half])
                        handle.flush()
                        time.sleep(rng.uniform(0.1, 1.5))
                        handle.write(text[half:])
            time.sleep(rng.uniform(0.5, 2.0))

    def cron(self) -> None:
        while self.running():
            self.note("run", pipeline(self.root, "run", "--quiet", "--wait", "30").returncode)
            time.sleep(2)

    def editor(self, name: str) -> None:
        rng = random.Random(self.rng.random())
        count = 0
        while self.running():
            drafts = sorted((self.root / "drafts").glob("*.md"))
            if drafts:
                path = rng.choice(drafts)
                # Two editors never save the same draft over each other's edit (their own read-modify-write
                # would lose one of the two, with no pipeline involved): they take turns on a file.
                with self.lock:
                    turn = self.turns.setdefault(path.name, threading.Lock())
                with turn:
                    count = self._edit(path, name, count, rng)
            time.sleep(rng.uniform(0.5, 2.0))

    def _edit(self, path: Path, name: str, count: int, rng: random.Random) -> int:
        """Fill in the cover, add a line of this editor's own, save in place; the number of saves."""
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            return count  # promoted meanwhile
        for empty, filled in zip(COVER, FILLED, strict=True):
            text = text.replace(empty, filled, 1)
        count += 1
        line = f"Notitie {count} van redacteur {name}."
        time.sleep(rng.uniform(0.0, 0.3))  # reading, typing
        with open(path, "w", encoding="utf-8") as handle:  # saved in place, as an editor does
            handle.write(text.rstrip("\n") + f"\n\n{line}\n")
        with self.lock:
            self.saves.append(line)
            self.where[line] = (path.name, time.time())
        return count

    def reviewer(self, name: str) -> None:
        rng = random.Random(self.rng.random())
        while self.running():
            review = pipeline(self.root, "review", "--json")
            self.note("review", review.returncode)
            try:
                waiting = [s["draft"] for s in json.loads(review.stdout) if s["state"] in ("awaiting review",
                                                                                        "approval void")]
            except ValueError:
                waiting = []
            if waiting:
                self.note("approve", pipeline(self.root, "approve", rng.choice(waiting), "--by", name).returncode)
            time.sleep(rng.uniform(0.5, 2.0))

    def chief(self) -> None:
        rng = random.Random(self.rng.random())
        while self.running():
            time.sleep(rng.uniform(5, 10))
            published = sorted((self.root / "published").glob("*.md"))
            if published:
                code = pipeline(self.root, "unpublish", str(rng.choice(published)), "--by", "hoofdredactie",
                                "--reason", "bron niet bevestigd").returncode
                self.note("unpublish", code)

    # --- the checks ------------------------------------------------------------------------------

    def check(self) -> dict[str, object]:
        time.sleep(2.5)  # past the settle time: the last run takes every file
        self.note("run", pipeline(self.root, "run", "--quiet").returncode)
        articles = [*(self.root / "drafts").rglob("*.md"), *(self.root / "published").rglob("*.md")]
        texts = {path: path.read_text(encoding="utf-8") for path in articles}
        made_from: dict[str, set[str]] = {}
        partial = []
        for path, text in texts.items():
            # the raw file an article came from, by its title (published articles keep no provenance)
            title = next((line for line in text.splitlines() if line.startswith("title: ")), "")
            found = re.search(r"Bericht (\d+) over", title)
            if found:
                number = int(found.group(1))
                source = f"raw/bericht-{number:05d}.txt"
                # an article keeps its name in drafts/ and published/: an editor's save after a promote is
                # the same article edited again, a draft beside the published one
                made_from.setdefault(source, set()).add(path.name)
                if f"Einde van bericht nummer {number}." not in text:
                    partial.append(str(path.relative_to(self.root)))
        raws = sorted(f"raw/{p.name}" for p in (self.root / "raw").glob("*.txt"))
        everything = "\n".join(texts.values())
        return {
            "raw files": len(raws),
            "articles": len(articles),
            "published": len(list((self.root / "published").rglob("*.md"))),
            "raw files without an article": [r for r in raws if not made_from.get(r)],
            "raw files with more than one article": [r for r, names in made_from.items() if len(names) > 1],
            "articles made from a partial file": partial,
            "editors' saves": len(self.saves),
            "editors' saves lost": [f"{line} ({self.where[line][0]} at {self.where[line][1]:.2f})"
                                    for line in self.saves if line not in everything],
            "exit codes": {who: sorted(set(codes)) for who, codes in self.exits.items()},
            "commands run": sum(len(codes) for codes in self.exits.values()),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument("--out", type=Path, default=HERE / "soak.md")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="pipeline-soak-")) / "ws"
    subprocess.run([PIPELINE, "init", str(root)], check=True, capture_output=True)
    (root / "pipeline.toml").write_text("[validate]\nmin_words = 20\n", encoding="utf-8")
    soak = Soak(root, args.seconds, SEED)
    actors = [soak.scraper, soak.cron, soak.chief, *(lambda n=n: soak.editor(n) for n in ("els", "piet")),
              *(lambda n=n: soak.reviewer(n) for n in ("anna", "bob"))]
    threads = [threading.Thread(target=actor) for actor in actors]
    started = time.time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result = soak.check()
    broken = (result["raw files without an article"] or result["raw files with more than one article"]
              or result["articles made from a partial file"] or result["editors' saves lost"]
              or any(70 in codes for codes in result["exit codes"].values()))  # type: ignore[union-attr]
    lines = [f"# Soak test of {time.strftime('%Y-%m-%dT%H:%M:%S%z', time.localtime(started))}", "",
             f"`python benchmarks/soak.py --seconds {args.seconds:g}`: {'FAILED' if broken else 'every promise held'}.",
             "", "| what | result |", "|---|---|"]
    lines += [f"| {key} | {value} |" for key, value in result.items()]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
