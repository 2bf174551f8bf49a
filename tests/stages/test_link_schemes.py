"""No link or image a browser would follow to javascript:, vbscript:, data:, file: (any scheme but http,
https and mailto) passes validate, however it is spelled: entities, case, whitespace and control
characters, in every place a body can hold a target."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model.links import scheme_of, unsafe_targets
from pipeline.stages.validate import validate_text
from tests.stages.test_validate import CONFIG, DRAFT

SCHEMES = ["javascript", "vbscript", "data", "file", "jar"]


@st.composite
def spelled(draw: st.DrawFn, scheme: str) -> str:
    """The scheme and its colon as a hostile writer might spell them: each character as itself (in
    either case) or as a decimal or hexadecimal entity, with tabs and control characters between."""
    out = []
    for char in scheme + ":":
        form = draw(st.sampled_from(["as-is", "upper", "decimal", "hex", "HEX", "padded"]))
        out.append({"as-is": char, "upper": char.upper(), "decimal": f"&#{ord(char)};", "hex": f"&#x{ord(char):x};",
                    "HEX": f"&#X{ord(char):X};", "padded": f"&#x000{ord(char):x};"}[form])
        out.append(draw(st.sampled_from(["", "", "", "&#9;", "&#10;", "&#x0D;", "&Tab;", "&#1;", "&#x200B;"])))
    return "".join(out)


PLACES = [
    "Lees [meer]({target}) hier.",
    "Lees [meer](<{target}>) hier.",
    "Lees [meer]({target} \"titel\") hier.",
    "![een foto]({target})",
    "Zie [de bron][bron].\n\n[bron]: {target}",
    "[ongebruikt]: {target}",
    "- een punt met [een link]({target})",
    "> een citaat met ![beeld]({target})",
    '<a href="{target}">meer</a>',
    "<a href='{target}'>meer</a>",
    '<img src="{target}" alt="x">',
    '<div>\n<a title="x"\n   HREF="{target}">meer</a>\n</div>',
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SCHEMES).flatmap(spelled), st.sampled_from(PLACES), st.sampled_from(["alert(1)", "x", ""]))
def test_a_link_to_a_script_scheme_is_refused_however_it_is_spelled(scheme: str, place: str, rest: str) -> None:
    body = place.format(target=scheme + rest)
    problems = validate_text(DRAFT + "\n" + body + "\n", "drafts/x.md", CONFIG)
    assert "unsafe-link" in [problem.code for problem in problems], body


def test_the_issues_links_are_refused_on_their_line() -> None:
    lines = DRAFT.count("\n")
    text = DRAFT + "\n[x](JaVa&#x73;cript:alert(1))\n\n[y](&#106;avascript:alert(2))\n"
    found = [(p.code, p.line) for p in validate_text(text, "drafts/x.md", CONFIG) if p.code == "unsafe-link"]
    assert found == [("unsafe-link", lines + 2), ("unsafe-link", lines + 4)]


def test_safe_targets_pass() -> None:
    body = ("Zie [de bron](https://example.org/a?b=1&amp;c=2), [mail](mailto:redactie@example.org), "
            "[elders](/nieuws/), [hier](#kop), [rel](../a.md), <https://example.org>, "
            "[Tijd: 12:30](HTTP://EXAMPLE.ORG), ![beeld](beeld.jpg).\n\n"
            "Een zin met een dubbele punt: javascript: is hier tekst, geen link. `[x](javascript:x)` in code.\n\n"
            "```\n[x](javascript:alert(1))\n```\n\n[^1]: Bron: het archief\n")
    assert unsafe_targets(body) == []
    assert [p.code for p in validate_text(DRAFT + "\n" + body, "drafts/x.md", CONFIG) if p.code == "unsafe-link"] == []


def test_a_bare_ftp_address_hugo_would_link_is_refused() -> None:
    [found] = unsafe_targets("Een tekst.\n\nDe bestanden staan op FTP://files.example.org/a hier.\n")
    assert (found.line, found.scheme, found.target) == (2, "ftp", "FTP://files.example.org/a")
    assert unsafe_targets("Zie `ftp://x.example.org` in code, en dit: sftp://x.example.org.\n") == []


@given(st.text(max_size=30))
def test_the_scheme_is_read_as_a_browser_reads_it(text: str) -> None:
    """A target the reader calls relative has no letters-then-colon start once decoded and cleaned."""
    found = scheme_of(text)
    assert found is None or (found.isascii() and found[0].isalpha())
    assert scheme_of("\t JaVa\x01Script\n:alert(1)") == "javascript"
    assert scheme_of("&#x6A;ava&#115;cript&colon;x") == "javascript"
    assert scheme_of("/a:b") is None and scheme_of("java%73cript:x") is None
