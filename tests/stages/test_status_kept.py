"""status answers from what the pipeline keeps (the journal, the review cache of each draft's facts by
its stamp: size, mtime, inode) and reads only the drafts whose stamp changed. Whatever was done to the
drafts behind its back (edited, added, removed, replaced, approved), its answer is the one a reading of
every draft gives."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pipeline.stages.assess
from pipeline.stages.status import workspace_status
from pipeline.store.workspace import Workspace
from tests.helpers import approve_in_process, draft_text, make_draft

# Every change is dated well before the cache is written (a change within the file system's mtime
# granularity of the cache's writing is never kept: the cache's own rule), each at a moment of its own.
LONG_AGO = time.time() - 7200

VALID = draft_text(title="Een artikel")
# the same size as VALID: another title, and a title left empty (invalid)
TEXTS = (VALID, draft_text(title="Een ARTIKEL"), VALID.replace('title: "Een artikel"', 'title: ""' + " " * 11),
         draft_text(title="Een ander artikel over iets"), "---\ntitle: [\n---\nTekst.\n", "geen front matter\n",
         draft_text(title="Een artikel", date="2027-01-01T00:00:00+01:00"), "", "\udcff".encode(
             "utf-8", "surrogateescape").decode("latin-1"))
NAMES = ("een", "twee", "drie", "map/vier")

_steps = st.lists(st.one_of(
    st.tuples(st.just("write"), st.sampled_from(NAMES), st.integers(0, len(TEXTS) - 1)),
    st.tuples(st.just("remove"), st.sampled_from(NAMES), st.just(0)),
    st.tuples(st.just("replace"), st.sampled_from(NAMES), st.integers(0, len(TEXTS) - 1)),
    st.tuples(st.just("approve"), st.sampled_from(NAMES), st.just(0)),
    st.tuples(st.just("status"), st.just(""), st.just(0)),
), max_size=8)


def _kept(root: Path) -> dict[str, Any]:
    workspace = Workspace.open(root)
    return workspace_status(workspace, workspace.load_config())


def _read_whole(root: Path) -> dict[str, Any]:
    """status with every draft read: under a cache name nothing was kept in, removed after."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline.stages.assess, "FACTS_CACHE", "every-draft-read.json")
        found = _kept(root)
    (root / ".pipeline" / "every-draft-read.json").unlink(missing_ok=True)
    return found


def _apply(root: Path, step: tuple[str, str, int], moment: float) -> None:
    kind, name, text = step
    path = root / "drafts" / f"{name}.md"
    if kind == "write" or (kind == "replace" and not path.exists()):
        make_draft(root, name, TEXTS[text])  # written in place: the same inode, a new mtime
        os.utime(path, (moment, moment))
    elif kind == "remove":
        path.unlink(missing_ok=True)
    elif kind == "replace":  # another file put in its place, with its size and mtime when those match
        before = path.stat()
        spare = path.with_suffix(".tmp")
        spare.write_text(TEXTS[text], encoding="utf-8")
        os.utime(spare, ns=(before.st_atime_ns, before.st_mtime_ns))
        os.replace(spare, path)
    elif kind == "approve" and path.exists():
        state = {s["draft"]: s["state"] for s in _read_whole(root)["drafts"]}
        if state.get(f"drafts/{name}.md") == "awaiting review":
            approve_in_process(root, f"drafts/{name}.md")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=st.lists(st.tuples(st.sampled_from(NAMES), st.integers(0, len(TEXTS) - 1)), max_size=4),
       steps=_steps)
def test_status_from_what_is_kept_is_status_from_every_draft(first: list[tuple[str, int]],
                                                              steps: list[tuple[str, str, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for sub in ("raw", "drafts", ".pipeline"):
            (root / sub).mkdir()
        (root / "pipeline.toml").touch()
        for number, (name, text) in enumerate(first):
            _apply(root, ("write", name, text), LONG_AGO + number)
        assert _kept(root) == _read_whole(root)
        for number, step in enumerate(steps, start=100):
            _apply(root, step, LONG_AGO + number)
            assert _kept(root) == _read_whole(root), step


def test_a_draft_replaced_with_its_size_and_mtime_is_read_again(tmp_path: Path) -> None:
    for sub in ("raw", "drafts", ".pipeline"):
        (tmp_path / sub).mkdir()
    _apply(tmp_path, ("write", "een", 0), LONG_AGO)
    assert _kept(tmp_path)["counts"]["drafts_invalid"] == 0
    assert (tmp_path / ".pipeline" / "review-drafts.json").is_file()
    _apply(tmp_path, ("replace", "een", 2), LONG_AGO)  # the same size, the same mtime, another file
    assert len(TEXTS[0]) == len(TEXTS[2])
    kept = _kept(tmp_path)
    assert kept == _read_whole(tmp_path)
    assert kept["counts"]["drafts_invalid"] == 1


def test_a_draft_edited_in_place_to_its_own_size_is_read_again(tmp_path: Path) -> None:
    for sub in ("raw", "drafts", ".pipeline"):
        (tmp_path / sub).mkdir()
    _apply(tmp_path, ("write", "een", 0), LONG_AGO)
    assert _kept(tmp_path)["counts"]["drafts_invalid"] == 0
    _apply(tmp_path, ("write", "een", 2), LONG_AGO + 1)  # the same file and size, saved a second later
    assert _kept(tmp_path)["counts"]["drafts_invalid"] == 1
