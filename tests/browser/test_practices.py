"""The bank of practices in Chromium: instant filters with JavaScript, facet pages without.

Expectations are read from the cards' own data attributes, so the tests hold whatever
practices the content ships, as long as there are at least two forms in use.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

CARDS = "[data-practice-list] .practice-card"


def cards_with(page: Page, attribute: str, value: str) -> list[str]:
    return page.eval_on_selector_all(
        CARDS,
        """(cards, [name, value]) => cards
            .filter((card) => card.getAttribute("data-" + name).split(" ").includes(value))
            .map((card) => card.querySelector("h3").textContent.trim())""",
        [attribute, value],
    )


def visible_titles(page: Page) -> list[str]:
    return [t.strip() for t in page.locator(f"{CARDS}:visible h3").all_inner_texts()]


def test_filters_narrow_the_bank_instantly(page: Page, external_requests: list[str]) -> None:
    page.goto("practices/")
    form = page.locator("[data-practice-filters]")
    expect(form).to_be_visible()
    expect(page.locator("[data-practice-facets]")).to_be_hidden()
    total = page.locator(CARDS).count()
    options = page.locator('select[name="form"] option').evaluate_all(
        "(options) => options.map((option) => option.value).filter(Boolean)"
    )
    assert total >= 2 and len(options) >= 2

    chosen = options[-1]
    expected = cards_with(page, "form", chosen)
    assert 0 < len(expected) < total
    page.select_option('select[name="form"]', chosen)
    assert visible_titles(page) == expected
    expect(page.locator("[data-practice-filters-result]")).to_have_text(
        re.compile(rf"^Показано {len(expected)} практик[аи]? из {total}\.$")
    )
    assert page.url.endswith(f"/practices/?form={chosen}")

    year = page.locator(f"{CARDS}:visible").first.get_attribute("data-year")
    page.select_option('select[name="year"]', year)
    both = [title for title in expected if title in cards_with(page, "year", year)]
    assert visible_titles(page) == both

    page.get_by_role("button", name="Показать все").click()
    expect(page.locator(f"{CARDS}:visible")).to_have_count(total)
    expect(page.locator("[data-practice-filters-result]")).to_have_text("")
    assert page.url.endswith("/practices/")
    assert external_requests == []


def test_filter_in_the_address_is_applied_on_load(page: Page) -> None:
    page.goto("practices/")
    tag = page.locator('select[name="tag"] option').nth(1).get_attribute("value")
    expected = cards_with(page, "tag", tag)
    page.goto(f"practices/?tag={tag}")
    expect(page.locator('select[name="tag"]')).to_have_value(tag)
    assert visible_titles(page) == expected


def test_no_match_says_so(page: Page) -> None:
    page.goto("practices/")
    forms = page.locator('select[name="form"] option').evaluate_all(
        "(options) => options.map((option) => option.value).filter(Boolean)"
    )
    years = page.locator('select[name="year"] option').evaluate_all(
        "(options) => options.map((option) => option.value).filter(Boolean)"
    )
    for form in forms:
        for year in years:
            if not set(cards_with(page, "form", form)) & set(cards_with(page, "year", year)):
                page.select_option('select[name="form"]', form)
                page.select_option('select[name="year"]', year)
                expect(page.locator(f"{CARDS}:visible")).to_have_count(0)
                expect(page.locator("[data-practice-empty]")).to_be_visible()
                return
    raise AssertionError("the shipped content has no form and year without a common practice")


def test_facet_links_filter_without_javascript(browser, site_server: str) -> None:
    context = browser.new_context(base_url=site_server, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("practices/")
        expect(page.locator("[data-practice-filters]")).to_be_hidden()
        link = page.locator("[data-practice-facets] a").first
        label = link.inner_text().strip()
        count = int(link.locator("xpath=following-sibling::span").inner_text())
        link.click()
        assert re.search(r"/practices/form/[a-z0-9-]+/$", page.url)
        expect(page.locator("h1")).to_contain_text(label)
        expect(page.locator(".practice-card")).to_have_count(count)
        expect(page.locator('[aria-current="page"]')).to_have_text(label)
    finally:
        context.close()


def test_bank_pages_pass_axe(page: Page) -> None:
    """WCAG checks of the bank's own markup (the page content; the theme's header, tabs and
    footer are shared by every page and checked, if at all, with the site as a whole)."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto("practices/")
    first_practice = "practices/" + page.locator(f"{CARDS} h3 a").first.get_attribute("href")
    for path in ("practices/", first_practice, "organizations/"):
        page.goto(path)
        result = Axe().run(page, context={"include": [[".md-content"]]})
        violations = [(v["id"], v["help"]) for v in result.response["violations"]]
        assert violations == [], path
