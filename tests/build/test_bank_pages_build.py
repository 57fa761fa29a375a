"""The bank of practices in pages (issue 17): /practices/ carries the newest practices and
the facets, /practices/page/N/ the rest; every facet page is paginated alike. Without
JavaScript, following the «next» links from the first page lists every practice once, in
the bank's order; the compact index the filters fetch lists them in the same order."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mentoring.content import load_content
from mentoring.core.pagination import LIST_PAGE_SIZE
from mentoring.kinds.practices import bank as bank_module
from mentoring.kinds.practices.bank import Bank
from scripts.bench.browser import page_types
from tests.helpers import generated_site

pytestmark = pytest.mark.slow
# With the shipped practices on top: five bank pages, and forms with more than one page.
GENERATED_N = 4 * LIST_PAGE_SIZE + 10
# Fewer than the generated organisations and tags, so that the bank's menu lists only some.
MENU_LIMITS = {"organization": 3, "tag": 5}
MENU_ORGANIZATIONS = MENU_LIMITS["organization"]
CARD_LINK = re.compile(r'<h3 class="practice-card__title"><a href="([^"]+)">')
REL = re.compile(r'<a href="([^"]*)" rel="(prev|next)">')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(bank_module, "MENU_LIMITS", MENU_LIMITS)
        return generated_site(tmp_path_factory.mktemp("bank"), GENERATED_N)


@pytest.fixture(scope="module")
def bank(site: Path) -> Bank:
    return load_content(site.parent / "content").bank


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text("utf-8")


def resolve(url: str, link: str) -> str:
    """The site path of ``link`` made on the page at ``url`` (both relative to the root)."""
    parts = [part for part in url.split("/") if part]
    for piece in link.split("/"):
        if piece == "..":
            parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts) + "/" if parts else ""


def walk(site: Path, first: str) -> list[tuple[str, list[str]]]:
    """(page, practice paths on it) following «next» from ``first``; checks «prev» back."""
    pages, url, previous = [], first, None
    while url is not None:
        text = html(site, url)
        links = dict((rel, resolve(url, link)) for link, rel in REL.findall(text))
        assert links.get("prev") == previous, url
        pages.append((url, [resolve(url, link) for link in CARD_LINK.findall(text)]))
        previous, url = url, links.get("next")
    return pages


def test_the_bank_is_split_into_pages_that_list_every_practice_once_in_order(site, bank):
    pages = walk(site, "practices/")
    expected = [f"practices/{practice.slug}/" for practice in bank.practices]
    assert len(bank.practices) > 2 * LIST_PAGE_SIZE
    assert [url for url, _ in pages] == [
        "practices/",
        *(f"practices/page/{n}/" for n in range(2, len(pages) + 1)),
    ]
    assert len(pages) == -(-len(expected) // LIST_PAGE_SIZE) == 5
    assert [len(cards) for _, cards in pages[:-1]] == [LIST_PAGE_SIZE] * (len(pages) - 1)
    assert [card for _, cards in pages for card in cards] == expected
    assert not (site / "practices" / "page" / str(len(pages) + 1)).exists()
    second = html(site, "practices/page/2/")
    assert "<h1" in second and "страница 2 из 5" in second
    assert (
        f"Страница 2 из 5: {LIST_PAGE_SIZE + 1}–{2 * LIST_PAGE_SIZE} из {len(expected)}" in second
    )


def test_the_first_page_keeps_the_facets_with_counts_and_the_filters(site, bank):
    first = html(site, "practices/")
    for kind, facets in bank.facets.items():
        if kind in MENU_LIMITS:
            continue  # the largest only (below)
        for facet in facets:
            assert f'<option value="{facet.key}" data-label=' in first
            assert f"({facet.count})</option>" in first
    assert 'data-search-index="bank.json"' in first
    assert first.count('class="practice-list__item"') == LIST_PAGE_SIZE
    assert "data-search-cards" not in html(site, "practices/page/2/")


def test_every_facet_page_is_paginated_alike(site, bank):
    paginated = 0
    for facets in bank.facets.values():
        for facet in facets:
            first = facet.page.removesuffix("index.md")
            pages = walk(site, first)
            assert len(pages) == -(-facet.count // LIST_PAGE_SIZE), first
            listed = [card for _, cards in pages for card in cards]
            assert listed == [f"practices/{practice.slug}/" for practice in facet.practices]
            paginated += len(pages) > 1
    assert paginated, "no facet has more than one page: raise GENERATED_N"
    review = next(iter(bank.facets["review"]), None)
    assert review is not None, "the review-status facet is published"


def test_the_compact_index_lists_the_bank_in_order_and_stays_out_of_search(site, bank):
    index = json.loads((site / "practices" / "bank.json").read_text("utf-8"))
    urls = [resolve("practices/", row[0]) for row in index["practices"]]
    assert urls == [f"practices/{practice.slug}/" for practice in bank.practices]
    for url in ("practices/page/2/", "practices/page/5/"):
        assert "data-pagefind-body" not in html(site, url)
    assert "data-pagefind-body" in html(site, "practices/")


def test_the_bank_lists_the_largest_organisations_and_links_to_all(site, bank):
    organizations = bank.facets["organization"]
    assert len(organizations) > MENU_ORGANIZATIONS, "raise GENERATED_N"
    counts = sorted((facet.count for facet in organizations), reverse=True)
    largest = [facet for facet in organizations if facet.count > counts[MENU_ORGANIZATIONS]]
    assert len(largest) == MENU_ORGANIZATIONS, "the generated counts should not tie"
    first = html(site, "practices/")
    options = re.findall(r'<option value="([^"]+)" data-label="[^"]*">[^<]*</option>', first)
    menu = re.findall(r'<a href="organization/([^/"]+)/">', first)
    assert menu == [facet.key for facet in largest]
    assert [key for key in options if key in {f.key for f in organizations}] == menu
    assert (
        '<a href="../organizations/">Все организации</a> '
        f'<span class="practice-facets__count"><span aria-hidden="true">{len(organizations)}'
    ) in first
    # The page with every organisation links to every organisation's facet page.
    every = html(site, "organizations/")
    listed = re.findall(r'<a href="../practices/organization/([^/"]+)/">', every)
    assert sorted(listed) == sorted(facet.key for facet in organizations)
    # The filter's full list comes from the index, in the menu's order.
    index = json.loads((site / "practices" / "bank.json").read_text("utf-8"))
    assert index["values"]["organization"] == [facet.key for facet in organizations]
    facet_page = html(site, organizations[0].page.removesuffix("index.md"))
    assert '<a href="../../../organizations/">Все организации</a>' in facet_page


def test_the_bank_lists_the_most_used_tags_and_links_to_a_page_of_all(site, bank):
    tags = bank.facets["tag"]
    limit = MENU_LIMITS["tag"]
    assert len(tags) > limit, "raise GENERATED_N"
    count = {facet.key: facet.count for facet in tags}
    counts = sorted(count.values(), reverse=True)
    first = html(site, "practices/")
    menu = re.findall(r'<a href="tag/([^/"]+)/">', first)
    options = re.findall(r'<option value="([^"]+)" data-label="[^"]*">[^<]*</option>', first)
    # The most used, in the bank's order (ties at the limit broken either way).
    assert len(menu) == limit
    assert menu == [facet.key for facet in tags if facet.key in menu]
    assert {key for key in count if count[key] > counts[limit]} <= set(menu)
    assert min(count[key] for key in menu) == counts[limit - 1]
    assert [key for key in options if key in count] == menu
    assert '<a href="tag/">Все метки</a> <span class="practice-facets__count">' in first
    assert f'<span class="visually-hidden">{len(tags)} меток</span>' in first
    # The page of every tag, in the bank's order, each with its count; facet pages link to it.
    every = html(site, "practices/tag/")
    listed = re.findall(r'<li><a href="([^/"]+)/">[^<]*</a> <span[^>]*><span aria-hidden="true">'
                        r"(\d+)</span>", every)  # fmt: skip
    assert listed == [(facet.key, str(facet.count)) for facet in tags]
    assert "data-pagefind-body" in every and 'data-pagefind-filter="collection' not in every
    facet_page = html(site, tags[0].page.removesuffix("index.md"))
    assert '<a href="../">Все метки</a>' in facet_page
    # The filter's full list and the labels of what it adds come from the index.
    index = json.loads((site / "practices" / "bank.json").read_text("utf-8"))
    assert index["values"]["tag"] == [facet.key for facet in tags]
    assert index["labels"]["tag"] == {facet.key: facet.label for facet in tags}


def test_the_browser_bench_loads_an_organisation_facet_page_and_the_tags_page(site, bank):
    pages = page_types(site)
    facet_pages = {facet.page.removesuffix("index.md") for facet in bank.facets["organization"]}
    assert pages["Отбор по организации"] in facet_pages
    assert pages["Метки"] == "practices/tag/"
