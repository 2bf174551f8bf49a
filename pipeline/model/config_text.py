"""pipeline.toml written out: every setting, each under the comment its declaration carries
(``pipeline init`` writes it; ``render_config`` is the way in)."""

from __future__ import annotations

import json
import re
import textwrap
from typing import Any

from pipeline.model.config import _DATA_TABLES, DEFAULT_CONFIG, EXTRA_BOILERPLATE, SETTINGS, Config, Setting, Term

DEFAULT_HEADER = """\
pipeline.toml: the settings of this workspace, each shown with its built-in default.
Every key is optional: one left out (or deleted) takes the default shown here. A key the pipeline
does not know is an error (exit 2), so typos never pass silently."""

_WIDTH = 100


def render_config(config: Config = DEFAULT_CONFIG, header: str = DEFAULT_HEADER) -> str:
    """pipeline.toml for config: every declared setting with its value, under its comment, in the order
    of SETTINGS, grouped in TOML tables. Parsing the result gives config back (a test holds it)."""
    out = [*_comment(header, wrap=False), ""]
    groups: dict[str, list[Setting]] = {}
    for setting in SETTINGS:
        group = setting.key.split(".")[0] if "." in setting.key or setting.key in _DATA_TABLES else ""
        groups.setdefault(group, []).append(setting)
    for group, settings in groups.items():
        scalars = [s for s in settings if s.key not in _DATA_TABLES]
        if group and scalars:
            out.append(f"[{group}]")
        for setting in scalars:
            value = () if setting.key == EXTRA_BOILERPLATE else getattr(config, setting.attribute)
            out += [*_comment(setting.help), *_assignment(setting.key.split(".")[-1], value), ""]
        for setting in settings:
            if setting.key in _DATA_TABLES:
                out += [*_comment(setting.help), *_term_tables(setting.key, getattr(config, setting.attribute)), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _comment(text: str, wrap: bool = True) -> list[str]:
    lines = textwrap.wrap(text, _WIDTH - 2) if wrap else text.splitlines()
    return [f"# {line}".rstrip() for line in lines]


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a TOML basic string


def _toml_key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else _toml_string(name)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value:_}" if value >= 10_000 else str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    raise TypeError(f"no TOML form for {value!r}")


def _assignment(key: str, value: Any) -> list[str]:
    """key = value; a list too long for one line is packed over several, indented."""
    if not isinstance(value, tuple | list):
        return [f"{key} = {_toml_value(value)}"]
    items = [_toml_value(item) for item in value]
    one_line = f"{key} = [{', '.join(items)}]"
    if len(one_line) <= _WIDTH:
        return [one_line]
    lines, current = [f"{key} = ["], "   "
    for item in items:
        if len(current) + len(item) + 2 > _WIDTH:
            lines.append(current.rstrip())
            current = "   "
        current += f" {item},"
    lines += [current.rstrip(), "]"]
    return lines


def _term_tables(key: str, terms: tuple[Term, ...]) -> list[str]:
    if not terms:
        return [f"[{key}]"]
    lines = []
    for term in terms:
        lines.append(f"[{key}.{_toml_key(term.name)}]")
        if term.words:
            lines += _assignment("words", term.words)
        if term.synonyms:
            lines += _assignment("synonyms", term.synonyms)
    return lines


def render_reference() -> str:
    """docs/configuration.md: every setting, its default and what it means, from the same declarations
    (a test holds the file equal to this)."""
    out = ["# Configuration reference", "",
           "Generated from the pipeline's own declarations (`pipeline.model.config.SETTINGS`); a test keeps this",
           "file equal to them. `pipeline init` writes a `pipeline.toml` with every setting and its default;",
           "every key is optional, and a key the pipeline does not know is an error (exit 2).", "",
           "| key | default | what it means |", "|---|---|---|"]
    for setting in SETTINGS:
        value = () if setting.key == EXTRA_BOILERPLATE else getattr(DEFAULT_CONFIG, setting.attribute)
        if setting.key in _DATA_TABLES or (isinstance(value, tuple) and len(value) > 6):
            shown = f"{len(value)} built in (see `pipeline init`)"
        elif isinstance(value, tuple):
            shown = "`[" + ", ".join(_toml_value(item) for item in value) + "]`" + ("" if value else " (none)")
        else:
            shown = f"`{_toml_value(value)}`"
        meaning = setting.help.replace("|", "\\|")
        out.append(f"| `{setting.key}` | {shown} | {meaning} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # python -m pipeline.model.config_text > docs/configuration.md
    print(render_reference(), end="")
