"""On a real Hugo: of a generated set of hostile link spellings, the articles validate lets through
publish no href or src that a browser would follow to a scheme other than http, https or mailto."""

from __future__ import annotations

import random
import re
from html.parser import HTMLParser
from pathlib import Path

from pipeline.model.problems import ERROR
from pipeline.stages.validate import validate_text
from pipeline.store.workspace import Workspace
from tests.hugo.test_hugo import build
from tests.stages.test_link_schemes import PLACES
from tests.stages.test_validate import CONFIG, DRAFT

PUBLISHED = DRAFT.replace("draft: true", "draft: false")
SCHEMES = ["javascript", "vbscript", "data", "file"]
# Between a scheme's letters: nothing, entities of whitespace and controls, and the raw characters
# themselves (a raw space or newline may end the link, which is then text, and that is fine).
BETWEEN = ["", "", "", "&#9;", "&#10;", "&#x0D;", "&Tab;", "&NewLine;", "&#1;", "&#x200B;", "\t", " ", "\x01"]


def spelling(rng: random.Random, scheme: str) -> str:
    out = []
    for char in scheme + ":":
        out.append(rng.choice([char, char.upper(), f"&#{ord(char)};", f"&#x{ord(char):x};", f"&#X{ord(char):X};",
                               f"&#x000{ord(char):x};", f"&#{ord(char)}"]))
        out.append(rng.choice(BETWEEN))
    return "".join(out)


def hostile_bodies(count: int) -> list[str]:
    rng = random.Random(23)
    bodies = ["[x](JaVa&#x73;cript:alert(1))", "[y](&#106;avascript:alert(2))"]
    while len(bodies) < count:
        place = rng.choice(PLACES)
        bodies.append(place.format(target=spelling(rng, rng.choice(SCHEMES)) + "alert(1)"))
    return bodies


_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")


def followed_scheme(url: str) -> str | None:
    """The scheme a browser takes from an attribute value (the parser has decoded its entities):
    leading and trailing C0 controls and spaces cut, tabs and newlines removed, case ignored."""
    cleaned = re.sub(r"[\t\n\r]", "", url.strip("".join(map(chr, range(0x21))))).lower()
    found = _SCHEME.match(cleaned)
    return found.group(1) if found else None


class _Urls(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [(tag, name, value or "") for name, value in attrs if name in ("href", "src", "action")]


def test_no_published_page_links_to_a_script_scheme(bare_workspace: Path) -> None:
    ws = Workspace.open(bare_workspace)
    ws.published.mkdir(exist_ok=True)
    passed = 0
    for number, body in enumerate(hostile_bodies(160)):
        text = PUBLISHED + "\n" + body + "\n"
        if any(p.severity == ERROR for p in validate_text(text, f"published/a-{number}.md", CONFIG, True)):
            continue
        passed += 1
        (ws.published / f"a-{number}.md").write_text(text.replace("title: \"", f'title: "{number} ', 1),
                                                      encoding="utf-8")
    assert passed >= 5, "no hostile spelling that is not a link at all passed: the build proves nothing"

    result = build(ws, include_drafts=False)

    assert result.ok, result.all_problems()
    pages = [Path(page.html) for page in result.pages if page.source.startswith("published/")]
    assert len(pages) == passed
    followed = []
    for page in pages:
        urls = _Urls()
        urls.feed(page.read_text(encoding="utf-8"))
        followed += [(page.parent.name, tag, name, value) for tag, name, value in urls.urls
                     if (scheme := followed_scheme(value)) and scheme not in ("http", "https", "mailto")]
    assert followed == []
