"""``benchmarks/quality.py --line-model FILE --page-kind FILE``: other model files read as the package's, or one
clear error."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

from quality import chosen_models  # noqa: E402

from pipeline.reading import line_model, page_kind  # noqa: E402

LINES = REPO / "pipeline" / "reading" / "line_model.json"
KINDS = REPO / "pipeline" / "reading" / "page_kind.json"


def test_model_files_are_read_as_the_package_reads_its_own() -> None:
    lines, kinds = chosen_models(LINES, KINDS)
    assert lines == line_model.shipped()
    assert kinds == page_kind.shipped()
    assert chosen_models(None, None) == (None, None)


@pytest.mark.parametrize("text", ["", "{not json", "[]", '{"format": 1}', "null", '{"format": "1", "trees": 3}'])
@pytest.mark.parametrize("which", ["lines", "kinds"])
def test_a_damaged_model_file_is_one_clear_error(tmp_path: Path, text: str, which: str) -> None:
    path = tmp_path / "model.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SystemExit) as raised:
        chosen_models(path, None) if which == "lines" else chosen_models(None, path)
    message = str(raised.value)
    assert message.startswith(str(path)) and "\n" not in message


def test_a_model_of_other_features_or_the_other_kind_is_refused(tmp_path: Path) -> None:
    data = json.loads(LINES.read_text(encoding="utf-8"))
    data["features"] = [*data["features"][:-1], "a feature the reader does not compute"]
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SystemExit, match="other features"):
        chosen_models(other, None)
    with pytest.raises(SystemExit, match="not a usable page kind model"):
        chosen_models(None, LINES)
    with pytest.raises(SystemExit, match="not a usable line model"):
        chosen_models(KINDS, None)


def test_a_missing_or_undecodable_file_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="cannot be read"):
        chosen_models(tmp_path / "absent.json", None)
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(SystemExit, match="cannot be read"):
        chosen_models(None, binary)
