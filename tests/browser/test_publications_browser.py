"""News, documents and materials in Chromium: offline, reachable from the home page."""

from __future__ import annotations

import pytest


def heading_of(page) -> str:
    """The page's h1 without the «¶» permalink that follows it."""
    return page.locator("h1").inner_text().strip().removesuffix("¶").strip()


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/news/", "Новости"),
        ("/documents/", "Документы"),
        ("/materials/", "Методические материалы"),
        ("/materials/formy-nastavnichestva/", "Формы наставничества"),
    ],
)
def test_pages_load_offline(page, external_requests, path, heading):
    response = page.goto(path, wait_until="networkidle")

    assert response is not None and response.ok
    assert heading_of(page) == heading
    assert external_requests == []


def test_a_news_item_opens_from_the_home_page_and_is_not_in_the_navigation(page):
    page.goto("/", wait_until="networkidle")
    link = page.locator(".latest-news .entry-card__title a").first
    title = link.inner_text().strip()

    link.click()
    page.wait_for_load_state("networkidle")

    assert "/news/20" in page.url
    assert heading_of(page) == title
    assert page.locator(".md-nav--primary a[href*='news/20']").count() == 0
    assert page.locator(".md-nav--primary a", has_text="Новости").count() >= 1
