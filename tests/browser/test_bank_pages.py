"""The bank of practices in pages (issue 17), on a site with generated practices: without
JavaScript the bank's pages and each facet's pages lead through every practice; with it a
facet choice fetches the compact index once and lists exactly what the facet's pages list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from mentoring.core.pagination import LIST_PAGE_SIZE
from mentoring.kinds.practices import bank as bank_module
from tests.browser.a11y_harness import SitePage, axe_violations, describe_violations, open_page
from tests.browser.conftest import serve
from tests.browser.test_accessibility import MODES
from tests.helpers import generated_site

# With the shipped practices: four bank pages, and a form with more practices than a page.
GENERATED_N = 3 * LIST_PAGE_SIZE + 10
CARDS = "[data-search-cards] > li"
FROM_INDEX = f"{CARDS}[data-search-index-item]"  # cards the script made from the index
MORE = ".search-panel__more"
# Fewer than the generated organisations and tags: the page lists some, the filter adds the rest.
MENU_LIMITS = {"organization": 2, "tag": 3}
MENU_ORGANIZATIONS = MENU_LIMITS["organization"]
ORGANIZATION = 'select[name="organization"]'


@pytest.fixture(scope="module")
def site_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(bank_module, "MENU_LIMITS", MENU_LIMITS)
        site = generated_site(tmp_path_factory.mktemp("bank"), GENERATED_N)
    with serve(site) as url:
        yield url


@pytest.fixture
def no_script(browser, site_server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=site_server, java_script_enabled=False)
    try:
        yield context.new_page()
    finally:
        context.close()


def card_titles(page: Page, selector: str = ".practice-card h3") -> list[str]:
    return [title.strip() for title in page.locator(selector).all_inner_texts()]


def titles_through_the_pages(page: Page, first: str) -> list[str]:
    """Titles on ``first`` and every page its «next» links lead to, without JavaScript."""
    page.goto(first)
    titles = card_titles(page)
    while page.locator("a[rel=next]").count():
        page.locator("a[rel=next]").click()
        titles += card_titles(page)
    return titles


def test_without_javascript_the_pages_lead_through_the_whole_bank(no_script: Page) -> None:
    page = no_script
    page.goto("practices/")
    expect(page.locator(".practice-card")).to_have_count(LIST_PAGE_SIZE)
    expect(page.locator(".list-pager__status")).to_have_text(
        re.compile(rf"^Страница 1 из 4: 1–{LIST_PAGE_SIZE} из \d+$")
    )
    first = card_titles(page)
    page.get_by_role("link", name="Страница 2").click()
    assert page.url.endswith("/practices/page/2/")
    expect(page.locator("h1")).to_contain_text("страница 2 из 4")
    second = card_titles(page)
    page.locator("a[rel=prev]").click()
    assert page.url.endswith("/practices/") and card_titles(page) == first
    everything = titles_through_the_pages(page, "practices/")
    assert everything[:LIST_PAGE_SIZE] == first
    assert everything[LIST_PAGE_SIZE : 2 * LIST_PAGE_SIZE] == second
    assert len(everything) == len(set(everything)) > 2 * LIST_PAGE_SIZE


def test_a_facet_choice_lists_what_the_facet_pages_list(
    page: Page, no_script: Page, external_requests: list[str]
) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto("practices/")
    expect(page.locator("[data-search-panel] form")).to_be_visible()
    pager = page.locator(".list-pager")
    expect(pager).to_be_visible()
    options = page.locator('select[name="form"] option').evaluate_all(
        "(options) => options.filter((o) => o.value).map((o) => [o.value,"
        " Number(o.textContent.match(/\\((\\d+)\\)$/)[1])])"
    )
    key, count = max(options, key=lambda option: option[1])
    assert count > LIST_PAGE_SIZE, "the largest form should need «Показать ещё»"
    assert not [url for url in fetched if url.endswith("/bank.json")]
    with page.expect_request("**/practices/bank.json"):  # loading starts with the focus
        page.focus('select[name="form"]')

    page.select_option('select[name="form"]', key)
    expect(page.locator("[data-search-status]")).to_have_text(f"Найдено: {count}")
    expect(pager).to_be_hidden()
    # «Показать ещё» adds as many cards as a server page of the list holds.
    expect(page.locator(f"{CARDS}:visible")).to_have_count(LIST_PAGE_SIZE)
    page.locator(MORE).click()
    expect(page.locator(f"{CARDS}:visible")).to_have_count(min(count, 2 * LIST_PAGE_SIZE))
    while page.locator(MORE).is_visible():
        page.locator(MORE).click()
    expect(page.locator(FROM_INDEX)).to_have_count(count)
    filtered = card_titles(page, f"{FROM_INDEX} h3")
    expect(page.locator(f"{CARDS}:visible")).to_have_count(count)

    assert filtered == titles_through_the_pages(no_script, f"practices/form/{key}/")
    assert len([url for url in fetched if url.endswith("/bank.json")]) == 1

    page.get_by_role("button", name="Показать все").click()
    expect(page.locator(f"{CARDS}:visible")).to_have_count(LIST_PAGE_SIZE)
    expect(page.locator(FROM_INDEX)).to_have_count(0)
    expect(pager).to_be_visible()
    assert external_requests == []


def test_a_choice_of_two_facets_counts_across_the_whole_bank(page: Page, no_script: Page) -> None:
    page.goto("practices/")
    year = page.locator('select[name="year"] option').nth(1).get_attribute("value")
    page.select_option('select[name="year"]', year)
    expect(page.locator(FROM_INDEX).first).to_be_visible()
    form_option = page.locator('select[name="form"] option:not([disabled])').nth(1)
    form, text = form_option.get_attribute("value"), form_option.inner_text()
    expected = int(text.rsplit("(", 1)[1].rstrip(")"))
    page.select_option('select[name="form"]', form)
    expect(page.locator("[data-search-status]")).to_have_text(f"Найдено: {expected}")
    while page.locator(MORE).is_visible():
        page.locator(MORE).click()
    both = card_titles(page, f"{FROM_INDEX} h3")
    of_the_year = set(titles_through_the_pages(no_script, f"practices/year/{year}/"))
    of_the_form = titles_through_the_pages(no_script, f"practices/form/{form}/")
    assert both == [title for title in of_the_form if title in of_the_year]
    assert len(both) == expected


def select_values(page: Page, select: str) -> list[str]:
    return page.locator(f"{select} option").evaluate_all(
        "(options) => options.filter((o) => o.value).map((o) => o.value)"
    )


@pytest.mark.parametrize(
    ("kind", "full_list", "links"),
    [
        # every organisation's facet page, in name order
        ("organization", "organizations/", 'a[href*="practices/organization/"]'),
        ("tag", "practices/tag/", ".practice-facets__list a"),  # every tag's facet page
    ],
)
def test_the_filter_gets_every_organisation_and_tag_from_the_index(
    page: Page, no_script: Page, kind: str, full_list: str, links: str
) -> None:
    select = f'select[name="{kind}"]'
    no_script.goto(full_list)
    every = [href.rstrip("/").rsplit("/", 1)[-1] for href in no_script.locator(links).evaluate_all(
        "(links) => links.map((link) => link.getAttribute('href'))"
    )]  # fmt: skip
    assert len(every) > MENU_LIMITS[kind]
    page.goto("practices/")
    expect(page.locator("[data-search-panel] form")).to_be_visible()
    listed = select_values(page, select)
    assert len(listed) == MENU_LIMITS[kind]
    page.focus(select)
    expect(page.locator(f"{select} option")).to_have_count(len(every) + 1)
    values = select_values(page, select)
    assert sorted(values) == sorted(every)
    key = next(value for value in values if value not in listed)
    count = option_counts(page, select)[key]
    page.select_option(select, key)
    expect(page.locator("[data-search-status]")).to_have_text(f"Найдено: {count}")
    while page.locator(MORE).is_visible():
        page.locator(MORE).click()
    expected = titles_through_the_pages(no_script, f"practices/{kind}/{key}/")
    assert card_titles(page, f"{FROM_INDEX} h3") == expected
    assert len(expected) == count

    # A shared link that chooses a value the page does not list works too.
    page.goto(f"practices/?{kind}={key}")
    expect(page.locator(select)).to_have_value(key)
    expect(page.locator("[data-search-status]")).to_have_text(f"Найдено: {count}")


def option_counts(page: Page, select: str) -> dict[str, int]:
    """Value → the count its option shows, for every option but «все»."""
    pairs = page.locator(f"{select} option").evaluate_all(
        "(options) => options.filter((o) => o.value).map((o) => [o.value,"
        " Number(o.textContent.match(/\\((\\d+)\\)$/)[1])])"
    )
    return dict(pairs)


def test_organisations_added_from_the_index_count_what_the_words_find(page: Page) -> None:
    # A word of some titles (scripts/bench/synthesis.py TITLE_HEADS): a part of the bank.
    page.goto("practices/?q=Лаборатория")
    status = page.locator("[data-search-status]")
    expect(status).to_have_text(re.compile(r"^Найдено: \d+$"))
    found = int(status.inner_text().rsplit(" ", 1)[1])
    served = option_counts(page, ORGANIZATION)
    assert len(served) == MENU_ORGANIZATIONS  # the index is not loaded yet
    with page.expect_response("**/practices/bank.json"):
        page.focus(ORGANIZATION)
    page.wait_for_function(
        "([select, served]) => Array.from(document.querySelector(select).options)"
        ".some((option) => option.value && !served.includes(option.value))",
        arg=[ORGANIZATION, list(served)],
    )
    counts = option_counts(page, ORGANIZATION)
    assert 0 < found < GENERATED_N  # the words find a part of the bank
    # Every practice has one organisation: the counts add up to what the words found.
    assert sum(counts.values()) == found, counts
    assert {key: counts[key] for key in served} == served


def test_values_that_would_find_nothing_are_left_out_of_every_list(page: Page) -> None:
    page.goto("practices/")
    every = len(option_counts(page, 'select[name="year"]'))
    year = page.locator('select[name="year"] option').last.get_attribute("value")
    page.select_option('select[name="year"]', year)
    status = page.locator("[data-search-status]")
    expect(status).to_have_text(re.compile(r"^Найдено: \d+$"))
    found = int(status.inner_text().rsplit(" ", 1)[1])
    organizations = option_counts(page, ORGANIZATION)  # every one is in the list now
    assert sum(organizations.values()) == found
    assert 0 not in organizations.values(), organizations
    in_the_bank = page.evaluate(
        "() => fetch('bank.json').then((r) => r.json()).then((i) => i.values.organization)"
    )
    assert len(organizations) < len(in_the_bank)  # those without a practice of the year: out
    for name in ("form", "tag", "review"):
        counts = option_counts(page, f'select[name="{name}"]')
        assert 0 not in counts.values(), (name, counts)
    assert not page.locator("[data-search-panel] option[disabled]").count()

    # The chosen value stays, with its count, when nothing else is left.
    page.fill("[data-search-query]", "квазарный")
    page.dispatch_event("[data-search-query]", "input")
    expect(status).to_have_text("Ничего не найдено")
    expect(page.locator('select[name="year"] option')).to_have_text(["все", f"{year} (0)"])
    expect(page.locator(f"{ORGANIZATION} option")).to_have_text(["все"])

    page.get_by_role("button", name="Показать все").click()
    expect(page.locator('select[name="year"] option')).to_have_count(every + 1)


@pytest.mark.parametrize("mode", MODES, ids=str)
@pytest.mark.parametrize(
    "site_page",
    [
        SitePage("/practices/page/2/", "bank-page-2"),
        SitePage("/practices/tag/", "bank-tags"),
        SitePage("/practices/?year=2024", "bank-filtered", ready=FROM_INDEX),
        # Generated news report on 3.3 more often than the plan's table lists.
        SitePage("/plan/activity-3-3/", "plan-activity"),
    ],
    ids=str,
)
def test_bank_pages_have_no_axe_violations(
    page: Page, external_requests: list[str], site_page: SitePage, mode
) -> None:
    open_page(page, site_page, mode)
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    assert external_requests == []
