"""The JSON shapes: one article object, a list of them (bare or under a key such as ``items``), and
JSON Lines. Anything else that parses as JSON (``[[[[]]]]``, ``[1, 2]``, an object without text) is
broken input, never a text to make a draft of. One reader of ``sources.READERS``."""

from __future__ import annotations

import json
import re
from typing import Any

from pipeline.model.config import Config
from pipeline.reading.items import FIELD_ALIASES, Field, RawItem, SourceError, field_of, put_field
from pipeline.reading.text import clean_inline, repair_text

# An object opens with a key (a string) or closes at once: "{Update} De minister ..." is a text.
_JSON_START = re.compile(r"\A\s*+(?:\{\s*+[\"}]|\[\s*+(?:\{\s*+[\"}]|\]))")
_ITEM_LISTS = ("items", "articles", "data", "results", "entries", "posts", "documents")


def detect_json(text: str, config: Config) -> bool:
    """An object, a list of objects or an empty list; or any other list when it parses as JSON, whole
    or as its first line (``[[[[]]]]``, ``[1, 2]``): broken input then, not a text to make a draft of.
    ``[Update] De minister ...`` does not parse, and stays a text."""
    if _JSON_START.match(text) is not None:
        return True
    if not text.lstrip().startswith("["):
        return False
    first = text.lstrip().split("\n", 1)[0]
    for candidate in (text, first):
        try:
            json.loads(candidate)
        except RecursionError:
            return True  # read_json says it is nested too deeply
        except ValueError:
            continue
        return True
    return False


def read_json(text: str, config: Config) -> list[RawItem]:
    try:
        document = json.loads(text)
    except RecursionError:
        raise SourceError("is JSON nested too deeply to read") from None
    except ValueError as whole_error:
        return _read_json_lines(text, config, whole_error)
    if isinstance(document, dict):
        listed = next((document[key] for key in _ITEM_LISTS if isinstance(document.get(key), list)), None)
        objects: list[Any] = listed if listed is not None else [document]
        shape = "json-list" if listed is not None else "json"
    elif isinstance(document, list):
        objects, shape = document, "json-list"
    else:
        raise SourceError("is JSON but holds no article object")
    if not objects:
        raise SourceError("is a JSON list with no items")
    if not any(isinstance(obj, dict) for obj in objects):
        raise SourceError("is JSON with no article object in it (only lists, text, numbers or null)")
    many = len(objects) > 1
    return [_json_item(obj, shape, f"item {number}" if many else "JSON", config)
            for number, obj in enumerate(objects, 1)]


def _read_json_lines(text: str, config: Config, whole_error: ValueError) -> list[RawItem]:
    lines = [(number, line) for number, line in enumerate(text.split("\n"), 1) if line.strip()]
    if len(lines) < 2:
        raise SourceError(f"is not valid JSON ({_json_reason(whole_error)})")
    items = []
    for number, line in lines:
        try:
            obj = json.loads(line)
        except RecursionError:
            raise SourceError(f"line {number} is JSON nested too deeply to read") from None
        except ValueError as error:
            raise SourceError(f"line {number} is not valid JSON ({_json_reason(error, one_line=True)})") from None
        items.append(_json_item(obj, "json-lines", f"line {number}", config))
    return items


def _json_reason(error: ValueError, one_line: bool = False) -> str:
    """What is wrong and where; within one line of JSON Lines, only the column (the file's line is named)."""
    if isinstance(error, json.JSONDecodeError):
        where = f"at column {error.colno}" if one_line else f"line {error.lineno} column {error.colno}"
        return f"{error.msg.removesuffix(' at')}, {where}"
    return str(error)


def _json_text(value: Any) -> str:
    """A JSON value as text: strings as they are, {"rendered": ...} objects, lists of paragraphs,
    names of author objects."""
    if isinstance(value, str):
        return repair_text(value)
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        for key in ("rendered", "text", "value", "html", "name", "title", "@value"):
            if key in value:
                return _json_text(value[key])
        return ""
    if isinstance(value, list):
        parts = [_json_text(part) for part in value]
        return "\n\n".join(part for part in parts if part)
    return ""


def _json_item(obj: Any, shape: str, where: str, config: Config) -> RawItem:
    if not isinstance(obj, dict):
        raise SourceError(f"{where} is not a JSON object with an article")
    item = RawItem(shape, "")
    for key, value in obj.items():
        name = field_of(str(key), config)
        if name is None:
            continue
        if name in ("tags", "author") and isinstance(value, list):
            text = ", ".join(part for part in (_json_text(v) for v in value) if part)
        else:
            text = _json_text(value)
        if name == Field.BODY:
            if not item.body.strip():
                item.body = text
                item.evidence[Field.BODY] = f"{where}: key {key!r}"
        elif isinstance(name, Field):
            put_field(item, name, text, f"{where}: key {key!r}")
        elif text.strip():
            item.extra.setdefault(name[6:], clean_inline(text))
    if not item.body.strip():
        keys = ", ".join(FIELD_ALIASES[Field.BODY][:4])
        raise SourceError(f"{where} has no article text (none of the keys {keys}, ...)")
    return item
