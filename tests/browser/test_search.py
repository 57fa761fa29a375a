"""Pagefind search in Chromium: header box, search page and a bank-like list with filters.

The site is the minimal fixture plus tests/fixtures/search (news, materials, documents and
practice-like pages with data-pagefind-filter facets), built with a site_url under a
sub-path and served under /mentoring/, as on GitHub Pages for a project site.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import serve
from tests.helpers import build_site, make_site

SUB_PATH = "/mentoring/"


@pytest.fixture(scope="module")
def site_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Overrides conftest's server: the search fixture site, under a sub-path."""
    tmp = tmp_path_factory.mktemp("search-site")
    project = make_site(tmp, "minimal", "search")
    with pytest.MonkeyPatch.context() as monkeypatch:
        result = build_site(project, monkeypatch, site_url="https://example.github.io/mentoring/")
    assert result.ok, result.errors
    root = tmp / "www"
    root.mkdir()
    result.site_dir.rename(root / SUB_PATH.strip("/"))
    with serve(root) as address:
        yield address.rstrip("/") + SUB_PATH


def site_path(href: str, base: str) -> str:
    """``/mentoring/news/vstrecha/#x`` → ``news/vstrecha/#x`` (and checks the sub-path).

    A relative ``href`` is resolved against ``base``, the address of the page it is on.
    """
    parts = urlsplit(urljoin(base, href))
    path = unquote(parts.path)
    assert path.startswith(SUB_PATH), f"{href} is outside the site"
    query = f"?{unquote(parts.query)}" if parts.query else ""
    return path.removeprefix(SUB_PATH) + query + (f"#{parts.fragment}" if parts.fragment else "")


def header_search(page: Page, query: str, found: str) -> list[str]:
    """Type a query in the header box; return the pages its options lead to."""
    box = page.locator(".site-search__input")
    box.fill(query)  # Cyrillic without key events; the box listens to `input`
    expect(page.locator(".site-search__status")).to_have_text(found)
    expect(page.locator("[data-site-search-live]")).to_have_text(found)
    links = page.locator("#site-search-results a")
    return [site_path(link.get_attribute("href"), page.url) for link in links.all()]


def option_text(page: Page, path: str) -> str:
    return page.locator(f'#site-search-results a[href$="{SUB_PATH}{path}"]').first.inner_text()


@pytest.mark.parametrize(
    ("query", "path", "section"),
    [
        # Many pages speak of «наставничество»; a second word of the page keeps it in the
        # header's first results however many pages the minimal site generates.
        ("наставничество стаж", "documents/polozhenie/", "Документы"),  # «о наставничестве»
        ("наставничество городских", "news/vstrecha/", "Новости"),  # «наставничества»
        ("наставников", "news/vstrecha/", "Новости"),  # «Наставники»
        ("учитель", "news/vstrecha/", "Новости"),  # «учителя»
        ("учитель", "documents/polozhenie/", "Документы"),  # «с учителями»
        ("молодой", "practices/klub/", "Практики"),  # «молодого», «молодым»
        ("обучают", "materials/pamyatka/", "Материалы"),  # «обучает»
        ("еще", "news/vstrecha/", "Новости"),  # «Ещё»
        ("НАСТАВНИКИ", "news/vstrecha/", "Новости"),
    ],
)
def test_inflected_forms_find_the_page(
    page: Page, external_requests: list[str], query: str, path: str, section: str
) -> None:
    page.goto("./")
    paths = header_search(page, query, re.compile(r"Найдено: \d+"))

    assert path in paths
    assert section in option_text(page, path)
    assert external_requests == []


def test_found_words_are_highlighted_in_the_excerpt(page: Page) -> None:
    page.goto("./")
    header_search(page, "наставничество стаж", "Найдено: 1")

    option = page.locator(f'#site-search-results a[href$="{SUB_PATH}documents/polozhenie/"]')
    marks = option.locator("mark").all_inner_texts()
    assert {"наставничестве", "стаж"} <= {mark.strip(".,") for mark in marks}
    title = option.locator(".search-result__title").inner_text()
    assert title == "Положение о наставничестве"  # without the «¶» of the heading link


def test_two_words_narrow_the_results(page: Page) -> None:
    page.goto("./")
    one_word = header_search(page, "учителя", re.compile(r"Найдено: \d+"))
    assert {"news/vstrecha/", "documents/polozhenie/", "practices/proekty/"} <= set(one_word)

    # Both words (in any form) must be on the page: «Молодые учителя», «молодым … Учитель».
    two_words = header_search(page, "молодые учителя", "Найдено: 2")
    assert set(two_words) == {"news/vstrecha/", "practices/klub/"}


def test_a_query_that_finds_nothing(page: Page, external_requests: list[str]) -> None:
    page.goto("plan/")
    assert header_search(page, "квазар", "Ничего не найдено") == []
    assert external_requests == []


def test_only_the_article_is_indexed_not_the_menu(page: Page) -> None:
    page.goto("plan/")
    expect(page.locator("[data-plan-filters]")).to_contain_text("Отбор мероприятий")
    # «Сокращения» is in the sidebar of every page, but in the article of one page only.
    assert header_search(page, "сокращения", "Найдено: 1") == ["glossary/"]
    # «Отбор мероприятий» is the title of the plan's filter form, which is not indexed.
    assert header_search(page, "отбор", "Ничего не найдено") == []


def test_a_plan_activity_is_found_and_opened_at_its_row(page: Page) -> None:
    page.goto("./")
    page.keyboard.press("/")
    expect(page.locator(".site-search__input")).to_be_focused()
    paths = header_search(page, "рабочей группы", re.compile(r"Найдено: \d+"))
    # The plan's result leads straight to the activity's row (other pages, such as the
    # monitoring, may name the activity too).
    assert [path for path in paths if path.startswith("plan/")] == ["plan/#activity-1-1-1"]
    assert "1.1.1. Создание рабочей группы" in option_text(page, "plan/#activity-1-1-1")

    index = paths.index("plan/#activity-1-1-1")
    for _ in range(index + 1):
        page.keyboard.press("ArrowDown")
    box = page.locator(".site-search__input")
    expect(box).to_have_attribute("aria-activedescendant", f"site-search-option-{index}")
    expect(page.locator(f"#site-search-option-{index}")).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/plan/#activity-1-1-1$"))
    expect(page.locator("#activity-1-1-1")).to_be_in_viewport()


def test_keyboard_opens_and_closes_the_results(page: Page) -> None:
    page.goto("plan/")
    box = page.locator(".site-search__input")
    page.locator("body").click()
    page.keyboard.press("s")
    expect(box).to_be_focused()
    expect(box).to_have_value("")  # the key only focuses the box
    header_search(page, "наставников", re.compile(r"Найдено: \d+"))
    expect(box).to_have_attribute("aria-expanded", "true")

    page.keyboard.press("ArrowUp")  # from the box, up goes to the last option
    last = page.locator("#site-search-results [role=option]").last
    expect(last).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Escape")
    expect(page.locator("[data-site-search-popup]")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile(".*"))
    page.keyboard.press("Escape")
    expect(box).to_have_value("")


def test_enter_without_a_chosen_result_opens_the_search_page(page: Page) -> None:
    page.goto("news/vstrecha/")
    header_search(page, "наставников", re.compile(r"Найдено: \d+"))
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/mentoring/search/\?q="))
    expect(page.locator("[data-search-query]")).to_have_value("наставников")
    expect(page.locator("[data-search-status]")).to_have_text(re.compile(r"Найдено: \d+"))


def results_on_search_page(page: Page) -> list[str]:
    settled(page)
    links = page.locator("[data-search-results] > li > a")
    return [site_path(link.get_attribute("href"), page.url) for link in links.all()]


def test_search_page_is_shareable_and_filters_by_section(
    page: Page, external_requests: list[str]
) -> None:
    # «встреча», «встреч»: a word of the three fixture pages and of the events page's intro.
    page.goto("search/?q=встречи")
    settled(page)
    expect(page.locator("[data-search-status]")).to_have_text("Найдено: 4")
    assert set(results_on_search_page(page)) == {
        "events/",
        "news/vstrecha/",
        "materials/pamyatka/",
        "documents/polozhenie/",
    }
    section = page.locator("select[name=section]")
    expect(section.locator("option[value='Новости']")).to_have_text("Новости (1)")
    expect(section.locator("option[value='План']")).to_have_count(0)  # it would find nothing

    section.select_option("Новости")

    expect(page.locator("[data-search-status]")).to_have_text("Найдено: 1")
    assert results_on_search_page(page) == ["news/vstrecha/"]
    assert "section=" in page.url
    page.reload()
    expect(page.locator("[data-search-status]")).to_have_text("Найдено: 1")
    assert external_requests == []


def settled(page: Page) -> None:
    """Wait until the panel has shown the results of the last change."""
    expect(page.locator("[data-search-panel] [aria-busy]")).to_have_attribute("aria-busy", "false")


def visible_cards(page: Page) -> set[str]:
    settled(page)
    cards = page.locator("[data-search-cards] [data-search-url]:visible")
    return {site_path(card.get_attribute("data-search-url"), page.url) for card in cards.all()}


ALL_PRACTICES = {
    "practices/klub/",
    "practices/ucheba/",
    "practices/proekty/",
    "practices/praktika/",
}
# The list of tests/fixtures/search: practices/ itself is the bank the build generates.
PRACTICE_LIST = "practices/spisok/"


def option_labels(page: Page, facet: str) -> list[str]:
    settled(page)
    options = page.locator(f"select[name={facet}] option")
    return [
        label + (" [недоступно]" if disabled else "")
        for label, disabled in zip(
            options.all_inner_texts(),
            options.evaluate_all("options => options.map(o => o.disabled)"),
            strict=True,
        )
    ]


def test_bank_combines_a_query_with_filters_and_counts_follow(
    page: Page, external_requests: list[str]
) -> None:
    page.goto(PRACTICE_LIST)
    status = page.locator("[data-search-panel] [data-search-status]")
    expect(page.locator("[data-search-panel] form")).to_be_visible()
    assert visible_cards(page) == ALL_PRACTICES
    assert option_labels(page, "form") == [
        "все",
        "Студент — ученик (1)",
        "Ученик — ученик (1)",
        "Учитель — учитель (2)",
    ]

    page.locator("[data-search-query]").fill("наставничество")
    expect(status).to_have_text("Найдено: 3")
    assert visible_cards(page) == {"practices/klub/", "practices/ucheba/", "practices/praktika/"}
    assert option_labels(page, "form") == [
        "все",
        "Студент — ученик (1)",
        "Ученик — ученик (1)",
        "Учитель — учитель (1)",
    ]

    page.locator("select[name=form]").select_option(
        "uchitel-uchitel"
    )  # values are keys, labels data-label
    expect(status).to_have_text("Найдено: 1")
    assert visible_cards(page) == {"practices/klub/"}
    # Other values of the chosen facet keep counting as if it were not chosen.
    assert option_labels(page, "form")[1:] == [
        "Студент — ученик (1)",
        "Ученик — ученик (1)",
        "Учитель — учитель (1)",
    ]
    assert option_labels(page, "year") == ["все", "2023 (1)"]  # years that find nothing: out

    page.locator("[data-search-query]").fill("")
    expect(status).to_have_text("Найдено: 2")
    assert visible_cards(page) == {"practices/klub/", "practices/proekty/"}

    page.locator("select[name=form]").select_option("")
    expect(status).to_have_text("")
    assert visible_cards(page) == ALL_PRACTICES
    assert external_requests == []


def test_bank_state_comes_back_from_the_address(page: Page) -> None:
    page.goto(f"{PRACTICE_LIST}?q=наставничество&tag=adaptatsiia")

    expect(page.locator("[data-search-panel] [data-search-status]")).to_have_text("Найдено: 1")
    assert visible_cards(page) == {"practices/klub/"}
    expect(page.locator("select[name=tag]")).to_have_value("adaptatsiia")


def test_search_loads_only_from_the_site_bundle(page: Page) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.goto("plan/")
    header_search(page, "наставников", re.compile(r"Найдено: \d+"))

    bundle = [path for path in requested if "/pagefind/" in path]
    assert bundle, "no request to the Pagefind bundle"
    assert all(path.startswith(f"{SUB_PATH}pagefind/") for path in bundle), bundle


def test_the_search_page_loads_pagefind_when_the_visitor_turns_to_it(page: Page) -> None:
    """Without a search in the address the page does not fetch Pagefind on load (its script,
    WebAssembly and filters are most of the page's work on a slow phone); focusing the
    form loads it and fills in the sections before the visitor reaches them."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.goto("search/")
    expect(page.locator("[data-search-panel] form")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert not [path for path in requested if "/pagefind/" in path]
    assert page.locator("select[name=section] option").all_inner_texts() == ["все разделы"]

    page.locator("[data-search-query]").focus()
    expect(page.locator("select[name=section] option[value='Новости']")).to_have_count(1)
    assert [path for path in requested if "/pagefind/" in path]
