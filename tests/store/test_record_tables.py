"""The ingest record held packed: the same entries, the same file written back byte for byte, the same
candidates found, in a fraction of the memory; and a hostile record read without harm."""

from __future__ import annotations

import fnmatch
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.store.ingest_record import RECORD_NAME, IngestRecord, load_record
from pipeline.store.record_tables import (
    PackingReader,
    articles_table,
    hashes_table,
    paths_table,
)
from pipeline.store.workspace import Workspace

HEX = "0123456789abcdef"
sha = st.text(HEX, min_size=64, max_size=64)
name = st.text(st.characters(blacklist_categories=()), max_size=12)  # control characters, lone surrogates too
json_scalar = st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.text(max_size=8) | sha
band = st.builds(lambda number, digits: f"{number}:{digits}", st.integers(0, 9), st.text(HEX, min_size=7, max_size=9))
bands = st.lists(st.integers(0, 2**32 - 1), min_size=8, max_size=8).map(
    lambda values: [f"{number}:{value:08x}" for number, value in enumerate(values)]) | st.lists(band, max_size=9)
stamp = st.lists(st.integers(-(2**64), 2**64), min_size=2, max_size=4) | st.lists(st.integers(0, 2**63 - 1),
                                                                                  min_size=3, max_size=3)
path_entry = st.fixed_dictionaries({"stamp": stamp, "sha256": sha | st.text(max_size=4)})
hash_entry = st.fixed_dictionaries({"source": name, "drafts": st.lists(name, max_size=3),
                                    "status": st.sampled_from(["ok", "partial", "failed"])},
                                   optional={"reason": name, "paths": st.lists(name, max_size=2)})
item = st.none() | st.integers(-3, 2**40) | st.booleans()
article_entry = st.fixed_dictionaries({}, optional={"file": name | json_scalar, "item": item, "url": st.none() | name,
                                                    "written": sha | name, "bands": bands, "other": json_scalar})
any_json = st.recursive(json_scalar, lambda inner: st.lists(inner, max_size=3)
                        | st.dictionaries(st.sampled_from(["file", "stamp", "sha256", "drafts", "source", "status",
                                                           "x"]), inner, max_size=3), max_leaves=8)
entry = path_entry | hash_entry | article_entry | st.dictionaries(name, any_json, max_size=3)


def written(document: Any) -> str:
    """The record's file as the pipeline always wrote it: sorted keys, no spaces, ASCII, a final newline."""
    return json.dumps(document, sort_keys=True, separators=(",", ":")) + "\n"


def document_of(by_hash: dict[str, Any], by_path: dict[str, Any], articles: dict[str, Any]) -> dict[str, Any]:
    return {"version": 2, "by_hash": by_hash, "by_path": by_path, "articles": articles, "journal_offset": 0,
            "journal_mark": "", "recurring": {}, "recurring_all": {}}


@given(st.dictionaries(sha | name, entry, max_size=6), st.dictionaries(name, entry, max_size=6),
       st.dictionaries(name, entry, max_size=6))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_record_is_read_into_the_same_entries_and_written_back_byte_for_byte(
        tmp_path: Path, by_hash: dict[str, Any], by_path: dict[str, Any], articles: dict[str, Any]) -> None:
    """Any record the pipeline wrote (and any other shape in its tables) comes back from the packed tables
    as it was, and is written back as the same bytes."""
    document = document_of(by_hash, by_path, articles)
    workspace = Workspace.open(tmp_path)
    (workspace.state / RECORD_NAME).write_text(written(document), encoding="utf-8")
    record = load_record(workspace)
    assert dict(record.by_hash) == by_hash and dict(record.by_path) == by_path and dict(record.articles) == articles
    workspace.write_state(RECORD_NAME, record.as_document())
    assert (workspace.state / RECORD_NAME).read_text(encoding="utf-8") == written(document)


@given(st.lists(st.tuples(st.sampled_from(["by_hash", "by_path", "articles"]), name, entry), max_size=12))
@settings(max_examples=200, deadline=None)
def test_entries_put_in_and_changed_come_back_as_put(changes: list[tuple[str, str, dict[str, Any]]]) -> None:
    tables = {"by_hash": hashes_table(), "by_path": paths_table(), "articles": articles_table()}
    expected: dict[str, dict[str, Any]] = {"by_hash": {}, "by_path": {}, "articles": {}}
    for table, key, value in changes:
        tables[table][key] = json.loads(json.dumps(value))
        expected[table][key] = value
    for table in tables:
        assert dict(tables[table]) == expected[table]
        assert list(tables[table]) == list(expected[table])  # in the order put in: "latest first" depends on it
        assert written(dict(tables[table])) == written(expected[table])


HOSTILE = [
    # an entry's shape where no entry is: inside a failed file's reason, in a list of bands, in the counts
    {"by_hash": {"0" * 64: {"source": "raw/a", "drafts": [], "status": "failed",
                            "reason": {"file": "raw/b", "written": "a" * 64, "bands": ["0:00000000"] * 8}}}},
    {"articles": {"drafts/a.md": {"file": "raw/a", "bands": [{"stamp": [1, 2, 3], "sha256": "b" * 64}]}}},
    {"recurring": {"folder:": {"file": "raw/a"}}, "recurring_all": {"stamp": [1, 2, 3], "sha256": "c" * 64}},
    # the shape of one table's entry in another's
    {"by_path": {"raw/a": {"file": "raw/a", "written": "d" * 64}},
     "articles": {"drafts/a.md": {"stamp": [1, 2, 3], "sha256": "e" * 64}}},
    {"by_hash": {"f" * 64: {"stamp": [1, 2, 3], "sha256": "f" * 64}}},
]


@pytest.mark.parametrize("parts", HOSTILE)
def test_a_record_with_entry_shapes_in_odd_places_is_read_as_plain_json(tmp_path: Path, parts: dict[str, Any]) -> None:
    document = {**document_of({}, {}, {}), **parts}
    workspace = Workspace.open(tmp_path)
    (workspace.state / RECORD_NAME).write_text(written(document), encoding="utf-8")
    record = load_record(workspace)
    assert dict(record.by_hash) == document["by_hash"] and dict(record.articles) == document["articles"]
    assert dict(record.by_path) == document["by_path"]
    workspace.write_state(RECORD_NAME, record.as_document())  # nothing packed is left where JSON cannot write it
    assert json.loads((workspace.state / RECORD_NAME).read_text(encoding="utf-8"))["by_hash"] == document["by_hash"]


@given(st.integers(0, 10**6))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_record_cut_short_anywhere_is_rebuilt(tmp_path: Path, cut: int) -> None:
    by_path = {f"raw/{n}.txt": {"stamp": [n, n, n], "sha256": f"{n:064x}"} for n in range(20)}
    by_hash = {f"{n:064x}": {"source": f"raw/{n}.txt", "drafts": [f"drafts/{n}.md"], "status": "ok"} for n in range(20)}
    articles = {f"drafts/{n}.md": {"file": f"raw/{n}.txt", "item": None, "written": f"{n:064x}",
                                   "bands": [f"{b}:{n:08x}" for b in range(8)]} for n in range(20)}
    text = written(document_of(by_hash, by_path, articles))
    workspace = Workspace.open(tmp_path)
    (workspace.state / RECORD_NAME).write_text(text[:cut % len(text)], encoding="utf-8")
    record = load_record(workspace)  # no drafts to rebuild it from: empty, and no exception
    assert dict(record.by_hash) == {} and record.changed


def reference_index(articles: list[tuple[str, list[str]]], queries: list[str]) -> dict[str, list[str]]:
    """The index as a dict of band -> the articles that have it, each once, in the order they were added."""
    index: dict[str, list[str]] = {}
    for article, its_bands in articles:
        for value in its_bands:
            if value and article not in index.setdefault(value, []):
                index[value].append(article)
    return {query: index.get(query, []) for query in queries}


@given(st.lists(st.tuples(st.sampled_from(["drafts/a.md", "drafts/b.md", "drafts/c.md", "drafts/d.md"]), bands),
                max_size=10), st.lists(band, max_size=4))
@settings(max_examples=300, deadline=None)
def test_the_packed_index_finds_what_a_dict_of_bands_finds(learnt: list[tuple[str, list[str]]],
                                                           others: list[str]) -> None:
    record = IngestRecord()
    record.earlier_articles("", None, "", [])  # built first, then kept in step
    for article, its_bands in learnt:
        record.learn(article, its_bands)
    queries = sorted({value for _article, its_bands in learnt for value in its_bands} | set(others))
    expected = reference_index(learnt, queries)
    for query in queries:
        assert record._index is not None
        assert record._index.band(query) == expected[query]
    rebuilt = IngestRecord(articles=dict(record.articles))  # built from the record as loaded: its bands now
    current = {article: its_bands for article, its_bands in learnt}
    for query in queries:
        assert rebuilt.earlier_articles("", None, "", [query])[1] == list(reversed(reference_index(
            [(article, current[article]) for article in record.articles], [query])[query]))


def test_the_reader_packs_only_the_shapes_of_entries() -> None:
    reading = PackingReader()
    parsed = json.loads('{"a": {"sha256": "' + "0" * 64 + '", "stamp": [1, 2, 3]}, "b": {"x": 1}}',
                        object_pairs_hook=reading.hook)
    assert reading.packed == 1 and parsed["b"] == {"x": 1} and not isinstance(parsed["a"], dict)


@given(st.lists(st.text(max_size=6), max_size=4), st.lists(st.text(max_size=8), max_size=6))
@settings(max_examples=300, deadline=None)
def test_partial_downloads_are_told_by_their_names_as_fnmatch_tells_them(patterns: list[str], names: list[str]) -> None:
    from pipeline.store.paths import WorkspacePaths

    root = Path("/nonexistent-workspace")
    paths = WorkspacePaths(root)
    wanted_names: list[str] = []
    original_walk = paths._walk

    def capture(top: Path, wanted: Any) -> Any:
        wanted_names.extend(n for n in names if wanted(n))
        return original_walk(top, wanted)

    paths._walk = capture  # type: ignore[method-assign]
    paths.raw_files(None, patterns)
    folded = [pattern.casefold() for pattern in patterns]
    assert wanted_names == [n for n in names
                            if not any(fnmatch.fnmatchcase(n.casefold(), pattern) for pattern in folded)]
