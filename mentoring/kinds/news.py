"""News: ``content/news/ГГГГ-ММ-ДД-название.md``, published at /news/<год>/<адрес>/.

A news item tells what was done; its ``plan`` field lists the plan activities it reports
on, so the plan page shows the item under «Исполнение» of each of them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentoring.core.errors import Problems
from mentoring.core.files import IMAGE_TYPES, PublishedFile, check_file
from mentoring.core.incremental import BuildMemory
from mentoring.html.sanitize import Sanitizer
from mentoring.kinds.entries import (
    Addresses,
    RawEntry,
    build_entries,
    dated_name,
    entry_slug,
    parse_date,
)
from mentoring.kinds.models import Plan, Reference, newest_first, references_of
from mentoring.kinds.plan.references import check_activity_ids
from mentoring.kinds.plan.schedule import check_year

NEWS_FOLDER = "news"
IMAGES_FOLDER = "images"
NEWS_PAGE = "news/index.md"
FEED_FILE = "news/feed.xml"
PER_PAGE = 10
PAGINATION_NEIGHBOURS = 2  # pages linked on each side of the current one
LATEST_COUNT = 3
FEED_SIZE = 20


@dataclass(frozen=True)
class NewsImage:
    file: PublishedFile
    alt: str


@dataclass(frozen=True)
class NewsItem:
    source: str
    date: dt.date
    slug: str
    title: str
    summary: str
    body: str
    image: NewsImage | None = None
    plan: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sample: bool = False
    draft: bool = False

    @property
    def page(self) -> str:
        return f"news/{self.date.year}/{self.slug}.md"

    @property
    def references(self) -> tuple[Reference, ...]:
        return references_of(self, "Новость")


def build_news(
    root: Path,
    display_root: str,
    plan: Plan | None,
    problems: Problems,
    memory: BuildMemory | None = None,
    sanitizer: Sanitizer | None = None,
) -> tuple[NewsItem, ...]:
    """Every news item, drafts and samples included, newest first."""
    folder = root / NEWS_FOLDER
    shown_folder = f"{display_root}/{NEWS_FOLDER}"

    def build(raw: RawEntry, addresses: Addresses) -> NewsItem | None:
        return _build_item(raw, folder, shown_folder, plan, addresses, problems)

    return newest_first(
        build_entries(folder, shown_folder, "news", problems, build, memory, sanitizer)
    )


def _build_item(
    raw: RawEntry,
    folder: Path,
    shown_folder: str,
    plan: Plan | None,
    addresses: Addresses,
    problems: Problems,
) -> NewsItem | None:
    scope = problems.scope()
    data = raw.data
    name = dated_name(raw, "новости", "2021-11-20-seminar.md", problems)
    if name is None:
        date = slug = None
    else:
        date = _date_from_file_name(name, raw.path, problems)
        slug = entry_slug(raw, name.group(4), problems)
    stated = parse_date(data, "date", raw.path, problems) if "date" in data else None
    if date is not None and stated is not None and stated != date:
        problems.add(
            raw.path,
            data.line_of("date"),
            "date",
            f"дата {stated.isoformat()} не совпадает с датой в имени файла "
            f"({date.isoformat()}); исправьте одну из них или удалите поле date",
        )
    if date is not None and slug is not None:
        addresses.claim(f"/news/{date.year}/{slug}/", raw, problems)
    image = None
    if "image" in data:
        published = check_file(
            data["image"]["file"],
            folder=folder / IMAGES_FOLDER,
            shown_folder=f"{shown_folder}/{IMAGES_FOLDER}",
            target_folder=f"{NEWS_FOLDER}/{IMAGES_FOLDER}",
            path=raw.path,
            line=data["image"].line_of("file"),
            field="file",
            problems=problems,
            allowed=IMAGE_TYPES,
        )
        if published is not None:
            image = NewsImage(published, data["image"]["alt"])
    activity_ids = check_activity_ids(data.get("plan", []), plan, raw.path, problems)
    if not scope.clean:
        return None
    assert date is not None and slug is not None, "reported above"
    return NewsItem(
        source=raw.path,
        date=date,
        slug=slug,
        title=data["title"],
        summary=data["summary"],
        body=raw.body,
        image=image,
        plan=activity_ids,
        tags=tuple(data.get("tags", [])),
        sample=data.get("sample", False),
        draft=data.get("draft", False),
    )


def _date_from_file_name(name: re.Match[str], path: str, problems: Problems) -> dt.date | None:
    text = "-".join(name.group(1, 2, 3))
    try:
        date = dt.date(*(int(part) for part in name.group(1, 2, 3)))
    except ValueError:
        problems.add(
            path, None, None, f"в имени файла дата «{text}», а такой даты нет; переименуйте файл"
        )
        return None
    try:
        check_year(date.year, text)
    except ValueError as error:
        problems.add(path, None, None, f"{error} в имени файла")
        return None
    return date


# Lists of news: pages of PER_PAGE items and an archive per year.


@dataclass(frozen=True)
class NewsListing:
    """One page of the news list; page 1 is /news/, page n is /news/page/n/."""

    number: int
    total: int
    items: tuple[NewsItem, ...]

    @property
    def path(self) -> str:
        return listing_path(self.number)

    @property
    def page_numbers(self) -> list[int | None]:
        """Pages the pagination links to: the first, the last and a few around this one;
        None stands for the pages left out between them.

        Linking every page would make each page of the list as long as the list of pages,
        so the list as a whole would grow with the square of the number of news.
        """
        near = range(self.number - PAGINATION_NEIGHBOURS, self.number + PAGINATION_NEIGHBOURS + 1)
        shown = sorted({1, self.total, *(n for n in near if 1 <= n <= self.total)})
        numbers: list[int | None] = []
        for previous, number in zip([0, *shown], shown, strict=False):
            if number - previous == 2:
                numbers.append(number - 1)  # one page left out: its number, not a gap
            elif number - previous > 2:
                numbers.append(None)
            numbers.append(number)
        return numbers


def listing_path(number: int) -> str:
    return NEWS_PAGE if number == 1 else f"news/page/{number}.md"


def paginate(items: tuple[NewsItem, ...], per_page: int = PER_PAGE) -> list[NewsListing]:
    """Pages of the list, newest first; an empty list still has its first page."""
    chunks = [items[start : start + per_page] for start in range(0, len(items), per_page)]
    chunks = chunks or [()]
    return [
        NewsListing(number=index, total=len(chunks), items=chunk)
        for index, chunk in enumerate(chunks, start=1)
    ]


def year_path(year: int) -> str:
    return f"news/{year}/index.md"


def by_year(items: tuple[NewsItem, ...]) -> dict[int, tuple[NewsItem, ...]]:
    """Items grouped by year, newest year first, each group in the order given."""
    years: dict[int, list[NewsItem]] = {}
    for item in items:
        years.setdefault(item.date.year, []).append(item)
    return {year: tuple(years[year]) for year in sorted(years, reverse=True)}


def atom_timestamp(day: dt.date) -> str:
    """An RFC 3339 time for Atom: the start of the day in Moscow."""
    return f"{day.isoformat()}T00:00:00+03:00"


# --------------------------------------------------------------------------- the kind


def load(
    root: Path,
    display_root: str,
    problems: Problems,
    *,
    plan: Plan | None,
    memory: BuildMemory | None = None,
    sanitizer: Sanitizer | None = None,
) -> Any:
    return build_news(root, display_root, plan, problems, memory, sanitizer)


def pages(renderer: Any) -> Iterator[tuple[str, str | PublishedFile, bool]]:
    """News pages and the Atom feed; the feed needs absolute links, so it is written only
    when mkdocs.yml sets site_url. An image shown by several items is copied once."""
    news = renderer.content.news
    feed = renderer.news_feed(renderer.site_url) if renderer.site_url else None
    if feed is not None:
        yield FEED_FILE, feed, False
    elif news:
        renderer.notices.append(
            "Лента новостей (news/feed.xml) не создана: в ней нужны полные адреса, "
            "а в mkdocs.yml не указан site_url — адрес опубликованного сайта."
        )
    for path, markdown in renderer.news_pages(with_feed=feed is not None).items():
        yield path, markdown, path == NEWS_PAGE
    for image in dict.fromkeys(item.image.file for item in news if item.image):
        yield image.target, image, False


def blocks(renderer: Any, page_path: str) -> dict[str, Callable[[], str]]:
    latest = renderer.content.news[:LATEST_COUNT]
    return {
        "latest-news": lambda: renderer.render("blocks/latest-news.md.j2", page_path, items=latest)
    }
