"""The article value, and Markdown with YAML front matter in and out, in the house style.

Reading keeps what the file says: ISO timestamps stay strings (PyYAML would turn them into
datetimes and lose their exact spelling), and everything YAML 1.1 or Hugo would silently change is
recorded as a trap (duplicate keys, ``no`` read as a boolean, ``14:05`` read as 845, a BOM) so that
validation can name it. Writing is a small emitter of our own: PyYAML's dumper sorts keys, folds
lines and re-quotes values, and the house style is double-quoted strings, a plain RFC 3339 date,
flow-style tag lists and block mappings (see ``examples/published``).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

import yaml
from frontmatter.default_handlers import YAMLHandler

from pipeline.model.errors import EXIT_FAILED, PipelineError

HOUSE_KEYS: tuple[str, ...] = ("title", "date", "tags", "summary", "doelgroep", "sectie", "credit", "cover", "draft")
COVER_KEYS: tuple[str, ...] = ("image", "alt", "caption")
# Keys the pipeline adds after the house keys, in this order.
PIPELINE_KEYS: tuple[str, ...] = ("lang", "date_precision", "source")

DELIMITER = "---"
BOM = "\ufeff"

RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})", re.ASCII
)


class ArticleError(PipelineError):
    """Front matter that cannot be read at all; ``line`` is 1-based within the file when known.

    ``code`` is the stable validation code for what is wrong (unclosed, tab, yaml-syntax, not-mapping).
    """

    exit_code = EXIT_FAILED

    def __init__(self, message: str, line: int | None = None, code: str = "front-matter") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.code = code


@dataclass(frozen=True)
class Trap:
    """Something YAML accepted that does not mean what the editor typed."""

    key: str
    line: int
    code: str  # duplicate-key, yaml-bool, yaml-sexagesimal, yaml-octal, yaml-null, bom, tab
    text: str


@dataclass(frozen=True)
class Article:
    meta: dict[str, Any]
    body: str
    path: str = ""
    lines: Mapping[str, int] = field(default_factory=dict)  # dotted key -> 1-based line in the file
    traps: tuple[Trap, ...] = ()
    has_front_matter: bool = True

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
        return replace(self, meta=meta)


# --- reading ---------------------------------------------------------------------------------

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_TRAP_TAGS = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
              "tag:yaml.org,2002:null"}


# A date (and time) written without quotes: Hugo reads it as a date, so it is written back as one.
_PLAIN_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})?)?")


class PlainDate(str):
    """A date the file wrote without quotes: text to the pipeline, written back without quotes."""

    __slots__ = ()


class LiteralText(str):
    """Text the file wrote as a literal block scalar (``|``): written back as one, not as escapes,
    and as the file wrote it (``source``) while that still reads as this text."""

    source = ""


class FoldedText(str):
    """Text the file wrote as a folded block scalar (``>``): written back as one, its lines folded
    where the file folded them (``source``) while that still reads as this text."""

    source = ""


_BLOCK_STYLES: dict[str, type[str]] = {"|": LiteralText, ">": FoldedText}


class _FrontMatterLoader(_BaseLoader):  # type: ignore[misc]
    """Safe loader that keeps timestamps as strings and records key lines and traps."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.text = stream  # block scalars keep their own lines, sliced from it
        self.key_lines: dict[str, int] = {}
        self.traps: list[Trap] = []
        self.line_offset = 0

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        check_nodes(node, self.line_offset)
        return self.construct_document(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        return self._build_mapping(node, "")

    def _build_mapping(self, node: yaml.MappingNode, prefix: str) -> dict[Any, Any]:
        self.flatten_mapping(node)  # merge keys (<<) as PyYAML would
        mapping: dict[Any, Any] = {}
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be a plain value", key_node.start_mark
                )
            dotted = f"{prefix}.{key}" if prefix else str(key)
            line = key_node.start_mark.line + 1 + self.line_offset
            if key in seen:
                self.traps.append(Trap(dotted, line, "duplicate-key", f"also on line {seen[key]}"))
            seen[key] = line
            self.key_lines.setdefault(dotted, line)
            self._note_plain_scalars(dotted, value_node)
            if isinstance(value_node, yaml.MappingNode):
                mapping[key] = self._build_mapping(value_node, dotted)
            elif (isinstance(value_node, yaml.ScalarNode) and value_node.style in (None, "")
                  and _PLAIN_DATE.fullmatch(value_node.value)):
                mapping[key] = PlainDate(value_node.value)  # "updated: 2024-12-12": a date to Hugo, kept one
            elif isinstance(value_node, yaml.ScalarNode) and value_node.style in _BLOCK_STYLES \
                    and value_node.tag == "tag:yaml.org,2002:str":
                block = _BLOCK_STYLES[value_node.style](self.construct_object(value_node, deep=True))
                block.source = self.text[value_node.start_mark.index:value_node.end_mark.index]  # type: ignore[attr-defined]
                mapping[key] = block
            else:
                mapping[key] = self.construct_object(value_node, deep=True)
        return mapping

    def _note_plain_scalars(self, dotted: str, node: yaml.Node) -> None:
        nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
        for item in nodes:
            if not isinstance(item, yaml.ScalarNode) or item.style not in (None, ""):
                continue
            code = _trap_code(item.tag, item.value)
            if code:
                self.traps.append(Trap(dotted, item.start_mark.line + 1 + self.line_offset, code, item.value))


# Anchors and aliases may repeat a value a few times (a merge key, a shared cover); beyond this many
# values added by aliases it is an alias bomb: 2 KB of them expand to gigabytes when written back.
MAX_ALIAS_VALUES = 1000
# A number longer than this is no weight or count; Python refuses to read or print one over 4,300 digits.
MAX_NUMBER_CHARS = 1000
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_HUGE = 10**12  # sizes are capped here: a bomb's true size is a number of its own


def check_nodes(root: yaml.Node, line_offset: int = 0) -> None:
    """Refuse, before anything is built, front matter that only looks small: aliases that expand to
    more than MAX_ALIAS_VALUES extra values, an alias to a value it is inside, a number too long to read.

    One walk over the composed nodes, each node once (aliases share their node): linear in the text."""
    size: dict[int, int] = {}
    inside: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            inside.discard(key)
            size[key] = min(_HUGE, 1 + sum(size[id(child)] for child in children))
            continue
        if key in size:
            continue
        if key in inside:
            raise ArticleError("front matter uses an alias inside the value it refers to (it would never end)",
                               node.start_mark.line + 1 + line_offset, "yaml-alias")
        if isinstance(node, yaml.ScalarNode):
            if node.tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_CHARS:
                raise ArticleError(f"front matter holds a number of {len(node.value):,} characters (at most "
                                   f"{MAX_NUMBER_CHARS:,}): write it in quotes if it is text",
                                   node.start_mark.line + 1 + line_offset, "yaml-number")
            size[key] = 1
            continue
        inside.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in size)
    extra = size[id(root)] - len(size)
    if extra > MAX_ALIAS_VALUES:
        shown = f"{extra:,}" if extra < _HUGE else "billions of"
        raise ArticleError(f"front matter uses anchors and aliases (&name, *name) that expand to {shown} more values "
                           f"(at most {MAX_ALIAS_VALUES:,}): write the values out", None, "yaml-alias")


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [item for pair in node.value for item in pair]
    return []


def _trap_code(tag: str, text: str) -> str | None:
    if tag not in _TRAP_TAGS:
        return None
    lowered = text.lower()
    if tag.endswith(":bool") and lowered not in ("true", "false"):
        return "yaml-bool"
    if tag.endswith(":null") and lowered in ("~", "null", ""):
        return "yaml-null"  # empty, ~ or null alike: no value
    if tag.endswith((":int", ":float")) and ":" in text:
        return "yaml-sexagesimal"
    if tag.endswith(":int") and re.fullmatch(r"[-+]?0[0-7_]+", text):
        return "yaml-octal"
    return None


# --- the fast path: front matter exactly as the house-style writer puts it ---------------------
#
# Nearly every file the pipeline reads is one it wrote. For those, a strict line reader gives what
# the YAML loader gives, several times faster; any line it is not sure of (a comment, a quote
# with an escape, a plain word that YAML might read as a boolean, a repeated key) sends the whole
# front matter to the full loader, which alone records traps. A property test holds the two equal.

_FAST_KEY = r"([a-z_][a-z0-9_]{0,999})"  # YAML refuses a key over 1024 characters: the loader says so
_FAST_QUOTED = r'"[^"\\]*"'
_FAST_LINE = re.compile(
    r"(  )?" + _FAST_KEY + r":(?:"
    r"| (" + _FAST_QUOTED + r")"
    r"| (true|false)"
    r"| (\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))?)"
    r"| \[((?:" + _FAST_QUOTED + r"(?:, " + _FAST_QUOTED + r")*)?)\]"
    r")"
)
_FAST_ITEM = re.compile(r'"([^"\\]*)"')
_YAML_BREAKS = re.compile("[\r\x85\u2028\u2029\ufeff]")  # line breaks to YAML, not to str.split
_YAML_WORDS = frozenset(("yes", "no", "on", "off", "true", "false", "null", "y", "n"))


def parse_house_style(front: str, first_line: int = 2) -> tuple[dict[str, Any], dict[str, int]] | None:
    """Front matter written in the house style to (meta, key lines); None when not sure."""
    if yaml.reader.Reader.NON_PRINTABLE.search(front) or _YAML_BREAKS.search(front):
        return None
    meta: dict[str, Any] = {}
    lines: dict[str, int] = {}
    parent: dict[str, Any] | None = None  # the mapping a key without a value opened
    parent_key = ""
    for number, line in enumerate(front.split("\n"), start=first_line):
        if not line:
            continue
        match = _FAST_LINE.fullmatch(line)
        if match is None:
            return None
        nested, key, quoted, boolean, date, items = match.groups()
        if key in _YAML_WORDS:
            return None
        if nested:
            if parent is None or key in parent:
                return None
            target, dotted = parent, f"{parent_key}.{key}"
        else:
            if parent is not None and not parent:
                return None  # "key:" with nothing under it is null: leave that to YAML
            if key in meta:
                return None
            parent = None
            target, dotted = meta, key
        lines[dotted] = number
        if quoted is not None:
            target[key] = quoted[1:-1]
        elif boolean is not None:
            target[key] = boolean == "true"
        elif date is not None:
            target[key] = PlainDate(date)
        elif items is not None:
            target[key] = _FAST_ITEM.findall(items)
        elif not nested:  # "key:" alone opens a mapping
            parent, parent_key = {}, key
            target[key] = parent
        else:
            return None
    if parent is not None and not parent:
        return None
    return meta, lines


class _CommentFinder(yaml.reader.Reader, yaml.scanner.Scanner):
    """PyYAML's own scanner, noting the line of every comment it skips (it keeps none)."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        self.comment_lines: list[int] = []

    def scan_to_next_token(self) -> None:  # PyYAML's, with the comment noted
        if self.index == 0 and self.peek() == "\ufeff":
            self.forward()
        while True:
            while self.peek() == " ":
                self.forward()
            if self.peek() == "#":
                self.comment_lines.append(self.line)
                while self.peek() not in "\0\r\n\x85\u2028\u2029":
                    self.forward()
            if self.scan_line_break():  # type: ignore[no-untyped-call]
                if not self.flow_level:
                    self.allow_simple_key = True
            else:
                return

    def scan_block_scalar_ignored_line(self, start_mark: Any) -> Any:  # "key: |  # a comment"
        ahead = 0
        while self.peek(ahead) == " ":
            ahead += 1
        if self.peek(ahead) == "#":
            self.comment_lines.append(self.line)
        return super().scan_block_scalar_ignored_line(start_mark)


def front_matter_comments(front: str, first_line: int = 2) -> list[int]:
    """The file lines of the comments in front matter (``# prettier-ignore``, ``x: 1  # note``): a
    rewrite loses them. Empty when there are none, or when the text cannot be scanned (it is named
    as unreadable elsewhere)."""
    if "#" not in front:
        return []
    finder = _CommentFinder(front)
    try:
        while finder.check_token():
            finder.get_token()  # type: ignore[no-untyped-call]
    except yaml.YAMLError:
        return []
    return [line + first_line for line in finder.comment_lines]


_OTHER_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")  # str.splitlines breaks there too


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split into (front matter or None, body, line number of the closing delimiter).

    Our own split, because python-frontmatter's boundary pattern swallows the blank lines that
    follow the closing ``---`` and the byte-for-byte round trip would be lost.
    """
    if not (text.startswith(DELIMITER + "\n") or text.startswith(DELIMITER + "\r\n") or text == DELIMITER):
        return None, text, 0
    # The usual file: the first line that starts with --- is exactly ---, and nothing before it
    # breaks lines but \n. Then str.find gives what splitting every line of the file gives.
    closing = text.find("\n---\n", 3)
    if closing != -1 and text.find("\n---", 3, closing) == -1 and not _OTHER_BREAKS.search(text, 0, closing):
        return text[4: closing + 1], text[closing + 5:], text.count("\n", 0, closing + 1) + 1
    lines = text.splitlines(keepends=True)
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").rstrip() == DELIMITER:
            front = "".join(lines[1:index])
            body = "".join(lines[index + 1:])
            return front, body, index + 1
    raise ArticleError("front matter opened with --- on line 1 is never closed with ---", 1, "unclosed")


def parse_article(text: str, path: str = "") -> Article:
    """Markdown text to an Article; ArticleError when the front matter cannot be read."""
    traps: list[Trap] = []
    if text.startswith(BOM):
        text = text[1:]
        traps.append(Trap("", 1, "bom", "byte order mark before ---"))
    front, body, _closing = split_front_matter(text)
    if front is None:
        return Article({}, body, path, {}, tuple(traps), has_front_matter=False)
    for number, line in enumerate(front.splitlines() if "\t" in front else (), start=2):
        if "\t" in line[: len(line) - len(line.lstrip())]:
            raise ArticleError("front matter is indented with a tab (YAML allows spaces only)", number, "tab")
    fast = parse_house_style(front)
    if fast is not None:
        return Article(fast[0], body, path, fast[1], tuple(traps))
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


# --- writing ---------------------------------------------------------------------------------

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
# Everything YAML may not hold raw inside a double-quoted scalar, or that it would fold.
_NEEDS_ESCAPE = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def quote(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly ``text``."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in _ESCAPES:
            return _ESCAPES[char]
        code = ord(char)
        return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"

    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = _NEEDS_ESCAPE.sub(escape, escaped)
    return f'"{escaped}"'


def _key(name: Any) -> str:
    text = str(name)
    if _PLAIN_KEY.fullmatch(text) and text.lower() not in _YAML11_WORDS:
        return text
    return quote(text)


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if hasattr(value, "isoformat"):  # date or datetime built by code
        return str(value.isoformat())
    if isinstance(value, PlainDate) and _PLAIN_DATE.fullmatch(value):
        return str(value)
    text = str(value)
    if RFC3339.fullmatch(text):
        return text
    return quote(text)


def _block(value: str, pad: str) -> list[str] | None:
    """A block scalar's lines (header last-indented by pad) that read back as exactly value, in the
    style the file had; None when no block scalar can hold it (then it is quoted)."""
    content = value.rstrip("\n")
    if not content or _NEEDS_ESCAPE.search(content.replace("\n", "").replace("\t", "")):
        return None
    source = getattr(value, "source", "").rstrip("\n").split("\n")
    if len(source) > 1 and _reads_as(source, value):
        return source  # as the file wrote it: its own line folds, indents and indicators
    lines = content.split("\n")
    trailing = len(value) - len(content)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    if isinstance(value, FoldedText):
        folded = re.sub(r"\n+", lambda match: "\n" * (len(match.group()) + 1), content)
        lines, style = folded.split("\n"), ">"
    else:
        style = "|"
    made = [f"{style}{chomp}"] + [f"{pad}  {line}" if line else "" for line in lines] + [""] * max(0, trailing - 1)
    return made if _reads_as(made, value) else None  # a first line that starts with a space...: quoted


def _reads_as(block: list[str], value: str) -> bool:
    """Whether a block scalar (its header, then its lines) reads back as exactly value."""
    try:
        read = yaml.safe_load("k: " + "".join(f"{line}\n" for line in block))
    except yaml.YAMLError:
        return False
    return isinstance(read, dict) and read.get("k") == value


def _emit(key: Any, value: Any, indent: int, out: list[str]) -> None:
    pad = "  " * indent
    if isinstance(value, Mapping):
        if not value:
            out.append(f"{pad}{_key(key)}: {{}}")
            return
        out.append(f"{pad}{_key(key)}:")
        for child_key, child in value.items():
            _emit(child_key, child, indent + 1, out)
    elif isinstance(value, list | tuple):
        if all(not isinstance(item, Mapping | list | tuple) for item in value):
            out.append(f"{pad}{_key(key)}: [{', '.join(_scalar(item) for item in value)}]")
            return
        out.append(f"{pad}{_key(key)}:")
        for item in value:
            if isinstance(item, Mapping):
                first = True
                for child_key, child in item.items():
                    lines: list[str] = []
                    _emit(child_key, child, indent + 2, lines)
                    lead = f"{pad}  - " if first else f"{pad}    "
                    out.append(lead + lines[0].lstrip())
                    out.extend(lines[1:])
                    first = False
            elif isinstance(item, list | tuple):
                out.append(f"{pad}  - [{', '.join(_scalar(x) for x in item)}]")
            else:
                out.append(f"{pad}  - {_scalar(item)}")
    else:
        block = _block(value, pad) if isinstance(value, LiteralText | FoldedText) else None
        if block is not None:
            out.append(f"{pad}{_key(key)}: {block[0]}")
            out.extend(block[1:])
            return
        out.append(f"{pad}{_key(key)}: {_scalar(value)}")


def dump_front_matter(meta: Mapping[str, Any]) -> str:
    out: list[str] = []
    for key, value in meta.items():
        _emit(key, value, 0, out)
    return "".join(line + "\n" for line in out)


def render_article(article: Article) -> str:
    """The file text of an article: front matter in the house style, then the body as it is."""
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


def content_hash(article: Article) -> str:
    """sha256 of the article as it would be written: what a reviewer approves."""
    return sha256_text(render_article(article))
