"""The names read off a path by slices compared give what str.startswith and str.endswith gave."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages.waiting import is_revision
from pipeline.store.journal import FOLDERS, article_name

# paths near the folders' names: each folder, cut short, doubled, other-cased, with and without .md
_PARTS = st.sampled_from([*FOLDERS, *(f[:-1] for f in FOLDERS), "drafts", "Drafts/", "revisions", "published/x/",
                          "a/", "x", ".md", ".MD", "md", ".m", "/", "", "é", "\udcff", "drafts/.md"])
PATHS = st.one_of(st.lists(_PARTS, max_size=5).map("".join), st.text(max_size=20))


def _article_name_before(rel: str) -> str:
    for folder in FOLDERS:
        if rel.startswith(folder):
            rel = rel[len(folder):]
            break
    return rel[:-3] if rel.endswith(".md") else rel


@settings(max_examples=2000, deadline=None)
@given(PATHS)
def test_an_article_name_is_what_startswith_and_endswith_found(rel: str) -> None:
    assert article_name(rel) == _article_name_before(rel)


@settings(max_examples=1000, deadline=None)
@given(PATHS)
def test_a_revision_is_what_startswith_found(rel: str) -> None:
    assert is_revision(rel) is rel.startswith("revisions/")


def test_the_names_of_each_folder() -> None:
    assert [article_name(f"{folder}a/x.md") for folder in FOLDERS] == ["a/x"] * 3
    assert article_name("drafts/drafts/x.md") == "drafts/x" and article_name(".md") == ""
    assert article_name("revisions/x.md.md") == "x.md" and article_name("raw/x.md") == "raw/x"
    assert is_revision("revisions/x.md") and not is_revision("revisions") and not is_revision("drafts/revisions/x")
