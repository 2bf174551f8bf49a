"""Page addresses in the one form the Hugo site resolves them to (the Hugo build itself: tests/hugo)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model.pages import _hugo_path_by_character, hugo_path, page_addresses, site_page, url_address

SEGMENT = st.text(alphabet=st.characters(blacklist_characters="/\\.%", blacklist_categories=("Cs", "Cc", "Zs")),
                  min_size=1, max_size=12)


@given(st.lists(SEGMENT, min_size=1, max_size=4))
def test_every_way_of_writing_one_page_is_one_address(segments: list[str]) -> None:
    path = "/".join(segments)
    forms = [f"/{path}/", f"/{path}", f"{path}/", path, f"/{path}/index.html", f" /{path}/ ", f"//{path}//"]
    if path.upper().casefold() == path.casefold():  # (not for a dotless i, whose capital is another letter's)
        forms.append(f"/{path.upper()}/")
    assert len({url_address(form) for form in forms}) == 1
    assert url_address(url_address(path)) == url_address(path)  # the form is its own form


@given(st.lists(SEGMENT, min_size=1, max_size=3))
def test_a_slug_that_is_already_a_path_is_the_address_of_that_url(segments: list[str]) -> None:
    slug = "/".join(hugo_path(segment) for segment in segments)
    if all(part for part in slug.split("/")):
        assert page_addresses({"slug": slug}, "x")[url_address(slug)] == "slug"
        assert page_addresses({"url": f"/{slug}/"}, "y").keys() & page_addresses({"slug": slug}, "x").keys()


def test_the_home_page_and_the_tag_pages_are_the_sites_own() -> None:
    for value in ("/", "", " / ", "/index.html", "index.html", "//"):
        assert url_address(value) == "/" and site_page(url_address(value)) == "the site's home page"
    for value in ("/tags/", "/tags/banen/", "/TAGS/Banen", "tags/banen/index.html"):
        assert site_page(url_address(value)).startswith("the site's tag pages")
    assert site_page(url_address("/tagsx/")) == "" and site_page(url_address("/nieuws/tags/")) == ""
    assert url_address("/pagina.html") == "/pagina.html" != url_address("/pagina/")
    assert page_addresses({"url": "/"}, "x") == {"/": "url", "/x/": "file name"}


@settings(max_examples=400)
@given(st.text(alphabet=st.sampled_from("aZ09-_./\\#+~@%% \t!?éÉß\u0301\u0663İﬁ"), max_size=24))
def test_a_name_kept_as_it_is_makes_the_path_the_character_rule_makes(text: str) -> None:
    # the quick way for plain names must give what the rule for every character gives
    assert hugo_path(text) == _hugo_path_by_character(text)


@settings(max_examples=400)
@given(st.text(alphabet=st.sampled_from("aZ09-_./ é"), max_size=12), st.text(alphabet=st.sampled_from("aZ09-_./ é"),
                                                                                max_size=12))
def test_an_address_made_the_quick_way_is_the_address_of_its_parts(folder: str, last: str) -> None:
    from pipeline.model.pages import _address_of_parts, _slug_address

    assert _slug_address(folder, last) == _address_of_parts(hugo_path(f"{folder}/{last}" if folder else last))
