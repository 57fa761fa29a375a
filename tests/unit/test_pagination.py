"""Lists split into pages (mentoring/core/pagination.py) and the bank's compact index."""

from __future__ import annotations

import json

from mentoring.content import load_content
from mentoring.core.pagination import LIST_PAGE_SIZE, page_path, paginate
from mentoring.kinds.practices.pages import bank_index
from tests.helpers import SNAPSHOT_CONTENT


def test_page_paths_follow_the_list_page() -> None:
    assert page_path("practices/index.md", 1) == "practices/index.md"
    assert page_path("practices/index.md", 2) == "practices/page/2/index.md"
    assert page_path("practices/tag/page/index.md", 3) == "practices/tag/page/page/3/index.md"


def test_items_are_split_in_order_and_every_page_knows_its_neighbours() -> None:
    pages = paginate("practices/index.md", list(range(7)), size=3)
    assert [page.items for page in pages] == [(0, 1, 2), (3, 4, 5), (6,)]
    assert [(page.number, page.count, page.start, page.end) for page in pages] == [
        (1, 3, 1, 3),
        (2, 3, 4, 6),
        (3, 3, 7, 7),
    ]
    assert [page.page for page in pages] == [
        "practices/index.md",
        "practices/page/2/index.md",
        "practices/page/3/index.md",
    ]
    assert [page.previous for page in pages] == [None, pages[0].page, pages[1].page]
    assert [page.next for page in pages] == [pages[1].page, pages[2].page, None]
    assert {page.total for page in pages} == {7}


def test_an_empty_or_short_list_has_one_page() -> None:
    assert [(page.count, page.items) for page in paginate("x/index.md", [])] == [(1, ())]
    only = paginate("x/index.md", list(range(LIST_PAGE_SIZE)))
    assert len(only) == 1 and only[0].next is None and only[0].pager() == [(1, "x/index.md")]


def test_the_pager_links_the_ends_and_the_neighbourhood_with_gaps_between() -> None:
    pages = paginate("x/index.md", list(range(100)), size=10)
    numbers = [None if link is None else link[0] for link in pages[5].pager()]
    assert numbers == [1, None, 4, 5, 6, 7, 8, None, 10]
    assert [None if link is None else link[0] for link in pages[0].pager()] == [1, 2, 3, None, 10]
    assert [None if link is None else link[0] for link in pages[3].pager()] == [
        1,
        2,
        3,
        4,
        5,
        6,
        None,
        10,
    ]
    assert pages[5].pager()[2] == (4, "x/page/4/index.md")


def test_the_bank_index_lists_every_practice_in_the_bank_order_with_its_facet_keys() -> None:
    bank = load_content(SNAPSHOT_CONTENT).bank
    index = json.loads(bank_index(bank))
    fields = index["fields"]
    rows = [dict(zip(fields, row, strict=True)) for row in index["practices"]]
    assert [row["url"] for row in rows] == [f"{p.slug}/" for p in bank.practices]
    for row, practice in zip(rows, bank.practices, strict=True):
        assert row["title"] == practice.title
        assert row["form"].split() == list(practice.forms)
        assert row["tag"].split() == list(practice.tag_keys)
        assert row["year"] == str(practice.year)
        assert row["date"] == practice.date.isoformat()
    assert index["labels"]["form"] == {key: form.title for key, form in bank.forms.items()}
    without_directories = json.loads(bank_index(bank, use_directory_urls=False))
    assert without_directories["practices"][0][0] == f"{bank.practices[0].slug}/index.html"
