"""Long lists split into server-side pages: ``<list>/``, ``<list>/page/2/``, ``<list>/page/3/`` …

The bank of practices and each of its facet pages show ``LIST_PAGE_SIZE`` practices per
page, newest first, with links to the previous and next pages that work without
JavaScript; so no page grows with the bank.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

LIST_PAGE_SIZE = 30
# Pages 2, 3 … of a list live at <list>/page/<number>/, so this word cannot be a slug there.
PAGES_DIR = "page"
# Around the current page the pager links this many pages on each side, and always the
# first and the last; the rest is a gap («…»).
PAGER_REACH = 2

Item = TypeVar("Item")


@dataclass(frozen=True)
class ListPage(Generic[Item]):
    """One page of a list: its items and where it stands among the list's pages."""

    list_page: str  # the list's own page (page 1), e.g. practices/index.md
    number: int  # from 1
    count: int  # pages in the list
    items: tuple[Item, ...]
    start: int  # position of the first item in the whole list, from 1
    total: int  # items in the whole list

    @property
    def page(self) -> str:
        return page_path(self.list_page, self.number)

    @property
    def end(self) -> int:
        return self.start + len(self.items) - 1

    @property
    def previous(self) -> str | None:
        return page_path(self.list_page, self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return page_path(self.list_page, self.number + 1) if self.number < self.count else None

    def pager(self) -> list[tuple[int, str] | None]:
        """(number, page) of the pages the pager links, None for a gap between them."""
        shown = {1, self.count}
        shown.update(range(self.number - PAGER_REACH, self.number + PAGER_REACH + 1))
        numbers = sorted(number for number in shown if 1 <= number <= self.count)
        links: list[tuple[int, str] | None] = []
        for before, number in zip([0, *numbers], numbers, strict=False):
            if number - before > 1:
                links.append(None)
            links.append((number, page_path(self.list_page, number)))
        return links


def page_path(list_page: str, number: int) -> str:
    """``practices/index.md`` for page 1, ``practices/page/2/index.md`` for page 2."""
    if number == 1:
        return list_page
    folder = list_page.removesuffix("index.md")
    return f"{folder}{PAGES_DIR}/{number}/index.md"


def paginate(
    list_page: str, items: Sequence[Item], size: int = LIST_PAGE_SIZE
) -> list[ListPage[Item]]:
    """The pages of a list; an empty list still has its first page."""
    count = max(1, -(-len(items) // size))
    return [
        ListPage(
            list_page,
            number,
            count,
            tuple(items[(number - 1) * size : number * size]),
            (number - 1) * size + 1,
            len(items),
        )
        for number in range(1, count + 1)
    ]
