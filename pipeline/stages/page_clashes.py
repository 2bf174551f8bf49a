"""Page addresses checked across articles: two articles with one address are one page on the site.
Each file's addresses come from its check (``validate.check_text``); here they are gathered and their
clashes found, with published articles and the site's own pages."""

from __future__ import annotations

from pipeline.model.pages import file_name_address, section_addresses, site_page
from pipeline.model.problems import ERROR, WARNING, Problem
from pipeline.store.journal import FOLDERS, article_name


def add_pages(pages: dict[str, list[tuple[str, str, int | None]]], rel: str,
              given: tuple[tuple[str, str, int | None], ...] | None) -> None:
    """A file's page addresses into the map: those its keys give, and its file name's when no slug is."""
    if given is None:  # no front matter read: no page
        return
    slug = False
    for address, key, line in given:  # (none for nearly every draft: no url, alias or slug)
        pages.setdefault(address, []).append((rel, key, line))
        slug = slug or key == "slug"
    if not slug:
        pages.setdefault(file_name_address(article_name(rel)), []).append((rel, "file name", None))


def page_clashes(pages: dict[str, list[tuple[str, str, int | None]]], published: dict[str, str],
                 checking_published: bool) -> list[Problem]:
    """Two articles with one page address are one page on the site: a draft whose address a published
    article has (promote refuses it), a published article whose address an earlier one has (an error,
    the later takes the page over), and two drafts with one address (a warning: the first promoted wins)."""
    problems = []
    sections = {section: f"the list page of the folder {section.strip('/')}/" for rel in
                [*published.values(), *(rel for holders in pages.values() for rel, _key, _line in holders)]
                if _in_a_folder(rel) for section in section_addresses(article_name(rel))}
    # An address one article alone has, that is no page of the site's own and no published article's, is
    # nothing to report: nearly every one of ten thousand. Only the others are looked at, in order.
    shared = [(address, holders) for address, holders in pages.items()
              if len(holders) > 1 or address in published or address in sections or site_page(address)]
    for address, holders in sorted(shared):
        problems.extend(address_clashes(address, holders, published, sections, checking_published))
    return problems


def address_clashes(address: str, holders: list[tuple[str, str, int | None]], published: dict[str, str],
                    sections: dict[str, str], checking_published: bool) -> list[Problem]:
    """What is wrong with one page address and the articles that give it: the site's own page (``sections``:
    a folder's list page, and what it is), a published article's, or another's in the same run."""
    problems = []
    shown = address.removeprefix("slug:")
    site = site_page(address) or sections.get(address, "")
    holder = published.get(address)
    for index, (rel, key, line) in enumerate(holders):
        own = "published/" + rel.split("/", 1)[1] if rel.startswith("drafts/") else rel
        if site:  # the site's own page: the home page, the tag pages, a folder's list
            problems.append(Problem(rel, line, key, ERROR, "page-taken", f"its page address {shown} is "
                                    f"{site}: promote refuses it; change its url, slug or aliases"))
        elif holder is not None and holder != own:
            problems.append(Problem(rel, line, key, ERROR, "page-taken", f"its page address {shown} is already "
                                    f"the page of {holder}: promote refuses it; change its url, slug or aliases"))
        elif checking_published:
            if index:
                problems.append(Problem(rel, line, key, ERROR, "page-taken",
                                        f"its page address {shown} is also the page of {holders[0][0]}: "
                                        "one takes the other's page over; change one"))
        elif len(holders) > 1:
            others = ", ".join(other for other, _k, _l in holders if other != rel)
            problems.append(Problem(rel, line, key, WARNING, "page-shared", f"its page address {shown} is "
                                    f"also that of {others}: only the first promoted gets it"))
    return problems


def _in_a_folder(rel: str) -> bool:
    """Whether an article's name has a folder (a list page of its own): 'drafts/a/x.md', never 'drafts/x.md'.
    As ``"/" in article_name(rel)``, without making the name of each of ten thousand."""
    return rel.count("/") > (1 if rel.startswith(FOLDERS) else 0)
