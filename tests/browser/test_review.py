"""Review before recommendation in Chromium: the status badge on the bank's cards, the
filter by status with JavaScript, facet pages without it, the published criteria."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from mentoring.kinds.practices.review import REVIEW_STATUSES

CARDS = "[data-search-cards] > li"


def test_review_filter_with_javascript(page: Page, external_requests: list[str]) -> None:
    page.goto("practices/")
    recommended = page.locator(f'{CARDS}[data-review="recommended"] h3').all_inner_texts()
    assert 0 < len(recommended) < page.locator(CARDS).count()
    page.select_option('select[name="review"]', "recommended")
    # The filter applies once the bank's index has arrived (fetched on the first choice).
    expect(page.locator("[data-search-status]")).to_have_text(f"Найдено: {len(recommended)}")
    shown = page.locator(f"{CARDS}:visible")
    assert [t.strip() for t in shown.locator("h3").all_inner_texts()] == recommended
    for card in shown.all():
        expect(card.locator(".review-badge")).to_have_text(
            re.compile(r"^Рекомендована к тиражированию")
        )
    assert page.url.endswith("/practices/?review=recommended")
    assert external_requests == []


def test_review_facets_and_criteria_without_javascript(browser, site_server: str) -> None:
    context = browser.new_context(base_url=site_server, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("practices/")
        criteria = page.locator("#review-criteria + .review-criteria, .review-criteria").first
        expect(criteria).to_be_visible()
        expect(criteria.locator("dt")).to_have_count(len(REVIEW_STATUSES))
        expect(criteria.locator(".sample-badge")).to_be_visible()  # the shipped criteria
        group = page.locator("#facets-review")
        link = group.get_by_role("link", name="Проверена")
        count = int(link.locator("xpath=following-sibling::span/span[@aria-hidden]").inner_text())
        link.click()
        assert page.url.endswith("/practices/review/reviewed/")
        expect(page.locator("h1")).to_contain_text("Практики со статусом «Проверена»")
        expect(page.locator(".practice-card")).to_have_count(count)
        page.locator(".practice-card h3 a").first.click()
        meta = page.locator(".practice-meta")
        expect(meta).to_contain_text("Рассмотрение")
        expect(meta).to_contain_text("(образец)")  # shipped review data is a sample
        meta.get_by_role("link", name="Критерии рассмотрения").click()
        assert page.url.endswith("/practices/#review-criteria")
    finally:
        context.close()
