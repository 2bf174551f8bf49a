"""A page's visible text read from its tags one by one, with the standard library's tokenizer: no tree
is built, so no depth limits it (libxml2 stops building a tree 256, or 2,048, elements deep and leaves
the rest of the page out). Read as ``html_source.flatten`` reads a tree: one line per block element."""

from __future__ import annotations

from html.parser import HTMLParser

from pipeline.reading.text import words

BLOCK_ELEMENTS = frozenset(words("""
address article aside blockquote br dd details dialog div dl dt fieldset figcaption figure footer form
h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table td th tr ul title
"""))
INVISIBLE = frozenset(words("script style noscript template svg head iframe object embed"))


class _VisibleText(HTMLParser):
    """A page's visible text read from its tags one by one, as ``flatten`` reads a tree: no tree is
    built, so no depth limits it. What an invisible element holds is skipped, the head too, and each
    block element ends a line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.hidden = 0  # how many invisible elements are open
        self.in_head = False

    def end_line(self) -> None:
        line = " ".join(" ".join(self.current).split())
        if line:
            self.lines.append(line)
        self.current.clear()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head, self.hidden = False, 0
        elif tag in INVISIBLE:
            self.hidden += 1
        if tag in BLOCK_ELEMENTS:
            self.end_line()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_ELEMENTS:
            self.end_line()

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        elif tag in INVISIBLE and self.hidden:
            self.hidden -= 1
        if tag in BLOCK_ELEMENTS:
            self.end_line()

    def handle_data(self, data: str) -> None:
        if not (self.in_head or self.hidden):
            self.current.append(data)


def visible_text(page: str) -> str:
    """All visible text of a page, one line per block element, however deep it is nested."""
    reader = _VisibleText()
    reader.feed(page)
    reader.close()
    reader.end_line()
    return "\n".join(reader.lines)
