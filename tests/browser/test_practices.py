"""The bank of practices in Chromium: instant filters and text search with JavaScript
(the search panel of search-panel.js over Pagefind), facet pages without.

Expectations are read from the cards' own data attributes, so the tests hold whatever
practices the content ships, as long as there are at least two forms in use.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

CARDS = "[data-search-cards] > li"
# The cards the server rendered (the bank's first page; the script adds cards from the
# bank's index when a facet is chosen).
SERVED = f"{CARDS}:not([data-search-index-item])"
FORM = "[data-search-panel] form"
STATUS = "[data-search-status]"


def cards_with(page: Page, attribute: str, value: str) -> list[str]:
    return page.eval_on_selector_all(
        SERVED,
        """(cards, [name, value]) => cards
            .filter((card) => card.getAttribute("data-" + name).split(" ").includes(value))
            .map((card) => card.querySelector("h3").textContent.trim())""",
        [attribute, value],
    )


def visible_titles(page: Page) -> list[str]:
    return [t.strip() for t in page.locator(f"{CARDS}:visible h3").all_inner_texts()]


def test_filters_narrow_the_bank_instantly(page: Page, external_requests: list[str]) -> None:
    page.goto("practices/")
    form = page.locator(FORM)
    expect(form).to_be_visible()
    expect(page.locator("[data-practice-facets]")).to_be_hidden()
    total = page.locator(SERVED).count()
    options = page.locator('select[name="form"] option').evaluate_all(
        "(options) => options.map((option) => option.value).filter(Boolean)"
    )
    assert total >= 2 and len(options) >= 2

    chosen = options[-1]
    expected = cards_with(page, "form", chosen)
    assert 0 < len(expected) < total
    page.select_option('select[name="form"]', chosen)
    expect(page.locator(STATUS)).to_have_text(f"Найдено: {len(expected)}")
    assert visible_titles(page) == expected
    assert page.url.endswith(f"/practices/?form={chosen}")

    year = page.locator(f"{CARDS}:visible").first.get_attribute("data-year")
    page.select_option('select[name="year"]', year)
    both = [title for title in expected if title in cards_with(page, "year", year)]
    expect(page.locator(STATUS)).to_have_text(f"Найдено: {len(both)}")
    assert visible_titles(page) == both

    page.get_by_role("button", name="Показать все").click()
    expect(page.locator(f"{CARDS}:visible")).to_have_count(total)
    expect(page.locator(STATUS)).to_have_text("")
    assert page.url.endswith("/practices/")
    assert external_requests == []


def test_filter_in_the_address_is_applied_on_load(page: Page) -> None:
    page.goto("practices/")
    tag = page.locator('select[name="tag"] option').nth(1).get_attribute("value")
    expected = cards_with(page, "tag", tag)
    page.goto(f"practices/?tag={tag}")
    expect(page.locator('select[name="tag"]')).to_have_value(tag)
    expect(page.locator(STATUS)).to_have_text(f"Найдено: {len(expected)}")
    assert visible_titles(page) == expected


def test_choices_that_would_leave_nothing_are_left_out_and_empty_words_say_so(page: Page) -> None:
    page.goto("practices/")
    forms = page.locator('select[name="form"] option').evaluate_all(
        "(options) => options.map((option) => option.value).filter(Boolean)"
    )
    years = page.locator('select[name="year"] option').evaluate_all(
        "(options) => options.map((option) => option.value).filter(Boolean)"
    )
    pair = next(
        (form, year)
        for form in forms
        for year in years
        if not set(cards_with(page, "form", form)) & set(cards_with(page, "year", year))
    )

    page.select_option('select[name="form"]', pair[0])

    year_option = page.locator(f'select[name="year"] option[value="{pair[1]}"]')
    expect(year_option).to_have_count(0)
    page.select_option('select[name="form"]', "")
    expect(year_option).to_have_text(re.compile(rf"^{pair[1]} \(\d+\)$"))

    page.get_by_role("button", name="Показать все").click()
    page.fill("[data-search-query]", "квазарный")
    page.dispatch_event("[data-search-query]", "input")

    expect(page.locator(STATUS)).to_have_text("Ничего не найдено")
    expect(page.locator(f"{CARDS}:visible")).to_have_count(0)


def test_words_and_a_filter_together_with_counts_that_follow_the_words(page: Page) -> None:
    page.goto("practices/")
    total = page.locator(SERVED).count()
    every_form = page.locator('select[name="form"] option').count()

    page.fill("[data-search-query]", "молодых педагогов")
    page.dispatch_event("[data-search-query]", "input")

    expect(page.locator(STATUS)).to_have_text(re.compile(r"^Найдено: \d+$"))
    found = visible_titles(page)
    assert "Клуб молодого педагога" in found and len(found) < total
    assert "q=" in page.url
    option = page.locator('select[name="form"] option[value="pedagog-pedagog"]')
    expect(option).to_have_text(
        re.compile(rf"^педагог – педагог \({len(found)}\)$|^педагог – педагог \(\d+\)$")
    )
    counts_with_words = page.locator('select[name="form"] option').all_inner_texts()

    expected = [title for title in found if title in cards_with(page, "form", "pedagog-pedagog")]
    page.select_option('select[name="form"]', "pedagog-pedagog")  # starts a search at once
    expect(page.locator("[data-search-cards]")).to_have_attribute("aria-busy", "false")
    expect(page.locator(STATUS)).to_have_text(f"Найдено: {len(expected)}")
    both = visible_titles(page)
    assert sorted(both) == sorted(expected)
    assert both and set(both) <= set(found)
    assert set(both) <= set(cards_with(page, "form", "pedagog-pedagog"))

    page.fill("[data-search-query]", "")
    page.dispatch_event("[data-search-query]", "input")
    # Without words the counts are the bank's own again: no form is left out.
    expect(page.locator('select[name="form"] option')).to_have_count(every_form)
    expect(page.locator(STATUS)).to_have_text(
        f"Найдено: {len(cards_with(page, 'form', 'pedagog-pedagog'))}"
    )
    assert page.locator('select[name="form"] option').all_inner_texts() != counts_with_words


def test_facet_links_filter_without_javascript(browser, site_server: str) -> None:
    context = browser.new_context(base_url=site_server, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("practices/")
        expect(page.locator(FORM)).to_be_hidden()
        link = page.locator("[data-practice-facets] a").first
        label = link.inner_text().strip()
        count = int(link.locator("xpath=following-sibling::span/span[@aria-hidden]").inner_text())
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
