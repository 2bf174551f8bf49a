"""Every file the package reads at run time that is not Python (model files, templates, the Hugo site) is
named in pyproject.toml's package data: an installed copy (``pip install .``, not editable) lacks any
other, and then fails where a checkout works."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.conftest import REPO


def test_every_data_file_of_the_package_is_in_its_package_data() -> None:
    package = REPO / "pipeline"
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["setuptools"]["package-data"]["pipeline"]
    shipped = {path for pattern in patterns for path in package.glob(pattern) if path.is_file()}
    data = {path for path in package.rglob("*") if path.is_file() and path.suffix not in (".py", ".pyc")
            and "__pycache__" not in path.parts}
    missing = sorted(str(path.relative_to(package)) for path in data - shipped)
    assert not missing, f"not in [tool.setuptools.package-data] of pyproject.toml: {missing}"
    assert Path(package / "reading" / "page_kind.json") in shipped
