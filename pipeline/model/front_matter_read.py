"""Front matter as YAML reads it, kept as the file says it: ISO timestamps stay strings (PyYAML would
turn them into datetimes and lose their exact spelling), block scalars keep their lines, and
everything YAML 1.1 or Hugo would silently change is recorded as a trap (duplicate keys, ``no`` read
as a boolean, ``14:05`` read as 845) so that validation can name it. Front matter that only looks
small (alias bombs, numbers too long to read) is refused before anything is built; the comments a
rewrite would lose are found. Front matter exactly as the house-style writer puts it is read by a fast
path that gives what the loader gives, without PyYAML (``front_matter_fast``), before this one is imported.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import yaml

# Re-exported from where reading them costs no YAML (a warm command never parses front matter), the house
# style's fast path and what it makes among them (``front_matter_fast``: a house-style file imports no PyYAML)
from pipeline.model.errors import ArticleError as ArticleError
from pipeline.model.front_matter_fast import _PLAIN_DATE as _PLAIN_DATE
from pipeline.model.front_matter_fast import FoldedText as FoldedText
from pipeline.model.front_matter_fast import LiteralText as LiteralText
from pipeline.model.front_matter_fast import PlainDate as PlainDate
from pipeline.model.front_matter_fast import Trap as Trap
from pipeline.model.front_matter_fast import parse_house_style as parse_house_style
from pipeline.model.moments import RFC3339 as RFC3339

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_TRAP_TAGS = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
              "tag:yaml.org,2002:null"}


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
