"""The article value, and Markdown with YAML front matter in and out, in the house style.

Reading (``front_matter_read``) keeps what the file says and records as traps what YAML 1.1 or Hugo
would silently change, so that validation can name it; writing (``front_matter_write``) is a small
emitter of our own in the house style. Here: the article, its keys in house order, the split of a
file into front matter and body, and the hash of an article as it would be written.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any

from pipeline.model.errors import ArticleError

if TYPE_CHECKING:
    from pipeline.model.front_matter_fast import Trap

HOUSE_KEYS: tuple[str, ...] = ("title", "date", "tags", "summary", "doelgroep", "sectie", "credit", "cover", "draft")
COVER_KEYS: tuple[str, ...] = ("image", "alt", "caption")
# Keys the pipeline adds after the house keys, in this order.
PIPELINE_KEYS: tuple[str, ...] = ("lang", "date_precision", "page_kind", "source")

DELIMITER = "---"
BOM = "\ufeff"


@dataclass(frozen=True, init=False)
class Article:
    """An article: its front matter's keys and values, its body, its path, where each key stands in the file, the
    YAML traps its reader recorded."""

    meta: dict[str, Any]
    body: str
    path: str = ""
    lines: Mapping[str, int] = field(default_factory=dict)  # dotted key -> 1-based line in the file
    traps: tuple[Trap, ...] = ()
    has_front_matter: bool = True
    # The text the house-style reader read it from (None: another reader did, or it is a copy: one made by
    # `replace` or `with_meta` is another article and has none). ``as_read`` says whether it is its rendering.
    read_from: str | None = field(default=None, init=False, compare=False, repr=False)
    # Whether the reader found that text's front matter printable, its line breaks as spaces (``str.isprintable``):
    # the proof that it is the article's rendering then need not look again.
    read_printable: bool = field(default=False, init=False, compare=False, repr=False)

    def __init__(self, meta: dict[str, Any], body: str, path: str = "", lines: Mapping[str, int] | None = None,
                 traps: tuple[Trap, ...] = (), has_front_matter: bool = True) -> None:
        # Frozen all the same, set in one step: one is made for every file read (a frozen dataclass's own
        # __init__ sets each field through object.__setattr__, a fifth of what making one from a house-style
        # front matter cost)
        self.__dict__.update(meta=meta, body=body, path=path, lines={} if lines is None else lines, traps=traps,
                             has_front_matter=has_front_matter, read_from=None, read_printable=False)

    @property
    def toml_front_matter(self) -> bool:
        """Front matter Hugo reads as TOML (between +++ lines): the pipeline reads YAML only."""
        return not self.has_front_matter and self.body.lstrip("\ufeff").startswith("+++")

    def get(self, dotted: str, default: Any = None) -> Any:
        if "." not in dotted and type(self.meta) is dict:  # the common case, without the walk below
            return self.meta.get(dotted, default)
        value: Any = self.meta
        for part in dotted.split("."):
            if not isinstance(value, Mapping) or part not in value:
                return default
            value = value[part]
        return value

    def with_meta(self, meta: dict[str, Any]) -> Article:
        """This article with other keys and values: ``dataclasses.replace(self, meta=meta)``, made in one step (a
        cold status makes one for each draft's published form; replace looks over the class's fields each time)."""
        return Article(meta, self.body, self.path, self.lines, self.traps, self.has_front_matter)


_OTHER_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")  # str.splitlines breaks there too


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split into (front matter or None, body, line number of the closing delimiter).

    Our own split, because python-frontmatter's boundary pattern swallows the blank lines that
    follow the closing ``---`` and the byte-for-byte round trip would be lost.
    """
    front, body, line, _printable = _split(text)
    return front, body, line


def _split(text: str) -> tuple[str | None, str, int, bool | None]:
    """``split_front_matter``, and whether the front matter prints, its line breaks as spaces
    (``str.isprintable``; None: not looked at)."""
    if not (text.startswith(DELIMITER + "\n") or text.startswith(DELIMITER + "\r\n") or text == DELIMITER):
        return None, text, 0, None
    # The usual file: the first line that starts with --- is exactly ---, and nothing before it
    # breaks lines but \n. Then str.find gives what splitting every line of the file gives. A front matter that
    # prints, its line breaks as spaces, after "---\n" holds no other break (each is a character Python does not
    # print): one look in C, which the reader and the hash's proof then need not make, and no search of the class.
    closing = text.find("\n---\n", 3)
    if closing != -1 and text.find("\n---", 3, closing) == -1:
        front = text[4: closing + 1]
        printable = front.replace("\n", " ").isprintable()
        if (printable and text[3] == "\n") or not _OTHER_BREAKS.search(text, 0, closing):
            return front, text[closing + 5:], text.count("\n", 0, closing + 1) + 1, printable
    lines = text.splitlines(keepends=True)
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").rstrip() == DELIMITER:
            front = "".join(lines[1:index])
            body = "".join(lines[index + 1:])
            return front, body, index + 1, None
    raise ArticleError("front matter opened with --- on line 1 is never closed with ---", 1, "unclosed")


# The house style's reader (``front_matter_fast``, no PyYAML) is imported where a file is read, once: a command
# answered from its caches (status, run with nothing new, a warm validate) reads none and pays for none; held
# here so that each of ten thousand files read does not run the import statements again. PyYAML and its
# loader (``front_matter_read``) are imported only for front matter outside the house style.
_reader: ModuleType | None = None


def import_readers() -> ModuleType:
    """The house style's reader, imported now: by the first file read, or by a run before it forks its workers."""
    global _reader
    from pipeline.model import front_matter_fast

    _reader = front_matter_fast
    return front_matter_fast


def parse_article(text: str, path: str = "") -> Article:
    """Markdown text to an Article; ArticleError when the front matter cannot be read."""
    reader = _reader or import_readers()
    traps: list[Trap] = []
    if text.startswith(BOM):
        text = text[1:]
        traps.append(reader.Trap("", 1, "bom", "byte order mark before ---"))
    front, body, _closing, printable = _split(text)
    if front is None:
        return Article({}, body, path, {}, tuple(traps), has_front_matter=False)
    for number, line in enumerate(front.splitlines() if "\t" in front else (), start=2):
        if "\t" in line[: len(line) - len(line.lstrip())]:
            raise ArticleError("front matter is indented with a tab (YAML allows spaces only)", number, "tab")
    if printable is None:  # looked at once, for the reader and the hash's proof
        printable = front.replace("\n", " ").isprintable()
    fast = reader.parse_house_style(front, printable=printable)
    if fast is not None:
        article = Article(fast[0], body, path, fast[1], tuple(traps))
        if not traps:  # (a byte order mark is never written)
            article.__dict__.update(read_from=text, read_printable=printable)
        return article
    import yaml
    from frontmatter.default_handlers import YAMLHandler

    from pipeline.model.front_matter_read import _FrontMatterLoader

    loader = _FrontMatterLoader(front)
    loader.line_offset = 1
    try:
        # python-frontmatter's YAML handler, with our loader (it passes Loader through to PyYAML).
        meta = YAMLHandler().load(front, Loader=lambda _stream: loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        mark_line = mark.line + 2 if mark is not None else None
        problem = error.problem or "cannot be parsed"
        raise ArticleError(f"front matter is not valid YAML: {problem}", mark_line, "yaml-syntax") from None
    except yaml.YAMLError as error:
        raise ArticleError(f"front matter is not valid YAML: {error}", None, "yaml-syntax") from None
    except RecursionError:  # nesting deeper than Python's stack
        raise ArticleError("front matter is not valid YAML: nested too deeply to read", None,
                           "yaml-syntax") from None
    except ValueError as error:  # a number Python refuses to read (check_nodes bounds them first)
        raise ArticleError(f"front matter holds a value that cannot be read: {error}", None, "yaml-number") from None
    finally:
        loader.dispose()
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ArticleError("front matter is not a mapping of keys to values", 2, "not-mapping")
    traps.extend(loader.traps)
    return Article(meta, body, path, dict(loader.key_lines), tuple(traps))


def render_article(article: Article) -> str:
    """The file text of an article: front matter in the house style, then the body as it is."""
    from pipeline.model.front_matter_write import dump_front_matter

    return f"{DELIMITER}\n{dump_front_matter(article.meta)}{DELIMITER}\n{article.body}"


def order_keys(meta: Mapping[str, Any]) -> dict[str, Any]:
    """House keys first in house order, then the pipeline's own keys, then the rest as they came."""
    ordered: dict[str, Any] = {}
    for key in (*HOUSE_KEYS, *PIPELINE_KEYS):
        if key in meta:
            value = meta[key]
            if key == "cover" and isinstance(value, Mapping):
                value = {k: value[k] for k in COVER_KEYS if k in value} | {
                    k: v for k, v in value.items() if k not in COVER_KEYS
                }
            ordered[key] = value
    for key, value in meta.items():
        if key not in ordered:
            ordered[key] = value
    return ordered


def sha256_text(text: str) -> str:
    """sha256 of a text as written (UTF-8), in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_hash(article: Article, encoded: bytes | None = None) -> str:
    """sha256 of the article as it would be written: what a reviewer approves. A file read in the house
    style that writing it again gives back byte for byte is hashed as read, not written again. ``encoded``: the
    UTF-8 bytes of the text the article was read from (the file as read, when the caller decoded it), hashed as
    they are when that text is the rendering, not encoded again: encoding UTF-8 text decoded from them gives them."""
    text = as_read(article)
    if text is None:
        return sha256_text(render_article(article))
    return hashlib.sha256(encoded).hexdigest() if encoded is not None else sha256_text(text)


# The writer (``front_matter_write``), held once imported: each of ten thousand hashes does not run an import
# statement again (a command answered from its caches imports none).
_writer: ModuleType | None = None


def import_writer() -> ModuleType:
    """The house style's writer, imported now: by the first hash taken, or by a run before it forks its workers."""
    global _writer
    from pipeline.model import front_matter_write

    _writer = front_matter_write
    return front_matter_write


def as_read(article: Article) -> str | None:
    """The text the article was read from, when it is the article's rendering (``written_as_read``); else None.
    Asked only where a hash is wanted: validate, which reads every file and hashes none, pays nothing."""
    text = article.read_from
    if text is None:
        return None
    return text if (_writer or import_writer()).written_as_read(text, article.body, article.read_printable) else None
