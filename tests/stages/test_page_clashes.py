"""Page addresses two articles share: the clashes found among ten thousand without looking at each address
one article alone has say what looking at every one says."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model.pages import section_addresses
from pipeline.model.problems import Problem
from pipeline.stages.page_clashes import _in_a_folder, address_clashes, page_clashes
from pipeline.store.journal import article_name

RELS = st.sampled_from(["drafts/a.md", "drafts/b.md", "drafts/nieuws/c.md", "drafts/nieuws/d/e.md", "published/a.md",
                        "published/nieuws.md", "revisions/f.md", "g.md", "/elders/h.md", "drafts/x/y/z.md"])
ADDRESSES = st.sampled_from(["/", "/tags/", "/tags/a/", "/a/", "/b/", "/nieuws/", "/nieuws/c/", "/x/", "/elders/",
                             "/revisions/", "slug:/a/", "/drafts/"])
PAGES = st.dictionaries(ADDRESSES, st.lists(st.tuples(RELS, st.sampled_from(["url", "slug", "file name"]),
                                                      st.one_of(st.none(), st.integers(1, 9))), min_size=1, max_size=3))


def every_address_looked_at(pages: dict[str, list[tuple[str, str, int | None]]], published: dict[str, str],
                            checking_published: bool) -> list[Problem]:
    """The clashes as found by looking at every address and every article's folder (what each address says
    is the module's own: what is checked here is which addresses it looks at)."""
    problems = []
    sections = {section: f"the list page of the folder {section.strip('/')}/" for rel in
                [*published.values(), *(rel for holders in pages.values() for rel, _key, _line in holders)]
                for section in section_addresses(article_name(rel))}
    for address, holders in sorted(pages.items()):
        problems.extend(address_clashes(address, holders, published, sections, checking_published))
    return problems


@settings(max_examples=400, deadline=None)
@given(PAGES, st.dictionaries(ADDRESSES, RELS, max_size=3), st.booleans())
def test_the_clashes_are_those_every_address_looked_at_gives(pages: dict[str, list[tuple[str, str, int | None]]],
                                                             published: dict[str, str], checking: bool) -> None:
    assert page_clashes(pages, published, checking) == every_address_looked_at(pages, published, checking)


@given(st.text(alphabet=st.sampled_from("ab/.m"), max_size=14).map(lambda text: text + ".md")
       | st.tuples(st.sampled_from(["drafts/", "published/", "revisions/", ""]),
                   st.text(alphabet=st.sampled_from("ab/"), max_size=8)).map(lambda pair: pair[0] + pair[1] + ".md"))
def test_an_article_is_in_a_folder_when_its_name_has_one(rel: str) -> None:
    assert _in_a_folder(rel) == ("/" in article_name(rel))
