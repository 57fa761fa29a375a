"""WCAG 2.1 AA in a real browser, for every page type, in the normal version and in the
version for the visually impaired: axe-core, keyboard, zoom, abbreviations, requests.

When a page type lands, add one URL of it to PAGES: every check below then covers it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from mentoring.kinds.registry import TYPES
from tests.browser.a11y_harness import (
    NORMAL,
    Mode,
    SitePage,
    axe_violations,
    describe_violations,
    horizontal_overflow,
    open_page,
    tab_to,
    tab_walk,
    text_alternative,
)

HOME = SitePage("/", "home")
PLAN = SitePage("/plan/", "plan")
EVENTS = SitePage("/events/", "events")
EVENT = SitePage("/events/obrazets-vstrechi/", "event")
NOT_FOUND = SitePage("/no-such-page/", "404", status=404)
PAGES = (
    HOME,
    PLAN,
    SitePage("/glossary/", "glossary"),
    SitePage("/contacts/", "contacts"),
    SitePage("/practices/", "practice-bank"),
    SitePage("/practices/klub-molodogo-pedagoga/", "practice"),
    SitePage("/practices/form/pedagog-pedagog/", "practice-facet"),
    SitePage("/organizations/", "organizations"),
    SitePage("/organizations/obrazets-shkola/", "organization"),
    SitePage("/news/", "news-list"),
    SitePage("/news/2021/", "news-year"),
    SitePage("/news/2021/obrazets-novosti-o-seminare/", "news-item"),
    EVENTS,
    EVENT,
    SitePage("/documents/", "documents"),
    SitePage("/materials/", "materials"),
    SitePage("/materials/formy-nastavnichestva/", "material"),
    SitePage("/monitoring/", "monitoring"),
    SitePage("/search/?q=наставничество", "search-results", ready="[data-search-results] > li"),
    SitePage("/guide/practices/", "guide"),
    SitePage("/guide/", "guide-index"),
    SitePage("/guide/indicators/", "guide-field-table"),
    SitePage("/guide/editor/", "guide-editor"),
    SitePage("/practices/review/recommended/", "practice-review-facet"),
    NOT_FOUND,
)

# Each colour scheme once, combined with the other settings so that all of them are seen.
MODES = (
    NORMAL,
    Mode("bw-150", {"scheme": "bw", "font": "150"}),
    Mode("wb-200-wide", {"scheme": "wb", "font": "200", "spacing": "wide"}),
    Mode("blue-no-images", {"scheme": "blue", "images": "off", "spacing": "wide"}),
)
LARGE = Mode("bw-200", {"scheme": "bw", "font": "200"})

PHONE = {"width": 360, "height": 740}
ZOOM_200 = {"width": 640, "height": 800}  # 1280 px at 200 % browser zoom
DESKTOP = {"width": 1280, "height": 800}

pytestmark = pytest.mark.browser


# --------------------------------------------------------------------------- axe-core


def test_every_section_of_the_registry_is_walked() -> None:
    """A kind of content with pages (mentoring/kinds/registry.py) is checked in every mode."""
    walked = {page.path.strip("/").split("/")[0] for page in PAGES}
    missing = {kind.section for kind in TYPES if kind.section} - walked
    assert not missing, f"add a page of {sorted(missing)} to PAGES"


@pytest.mark.parametrize("mode", MODES, ids=str)
@pytest.mark.parametrize("site_page", PAGES, ids=str)
def test_no_axe_violations(page, external_requests, site_page: SitePage, mode: Mode) -> None:
    open_page(page, site_page, mode)
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    assert external_requests == []


@pytest.mark.parametrize("mode", MODES, ids=str)
def test_open_settings_panel_has_no_axe_violations(page, mode: Mode) -> None:
    open_page(page, HOME, mode)
    page.click("[data-a11y-toggle]")
    assert page.is_visible("#a11y-panel")
    violations = axe_violations(page, ".md-header")
    assert violations == [], describe_violations(violations)


def test_axe_runs_offline_and_reports_planted_violations(page, external_requests) -> None:
    open_page(page, HOME)
    page.evaluate(
        "() => document.querySelector('article').insertAdjacentHTML('beforeend',"
        ' \'<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<div role="dialog"><button>OK</button></div>\')'
    )
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "aria-dialog-name"} <= found
    assert external_requests == []


def test_material_search_is_not_used(page) -> None:
    open_page(page, HOME)
    assert page.locator(".md-search, [data-md-component='search']").count() == 0


@pytest.mark.parametrize("site_page", [HOME], ids=str)
def test_open_panel_fits_a_phone_at_200_percent(new_page, site_page: SitePage) -> None:
    page = open_page(new_page(viewport=PHONE), site_page, LARGE)
    page.click("[data-a11y-toggle]")
    assert horizontal_overflow(page) == 0
    last = page.locator("[data-a11y-close]")
    last.scroll_into_view_if_needed()
    assert last.is_visible()


# --------------------------------------------------------------------------- motion


_TRANSITION_OF_HEADER_BUTTON = (
    "() => parseFloat(getComputedStyle(document.querySelector('.md-header__button'))"
    ".transitionDuration)"
)


def test_theme_animates_by_default(page) -> None:
    open_page(page, HOME)
    assert page.evaluate(_TRANSITION_OF_HEADER_BUTTON) > 0.1


def test_motion_stops_when_the_visitor_asks(new_page) -> None:
    page = open_page(new_page(reduced_motion="reduce"), HOME)
    assert page.evaluate(_TRANSITION_OF_HEADER_BUTTON) < 0.001


def test_motion_stops_in_the_version_for_the_visually_impaired(page) -> None:
    open_page(page, HOME, MODES[1])
    assert page.evaluate(_TRANSITION_OF_HEADER_BUTTON) < 0.001


# --------------------------------------------------------------------------- requests


@pytest.mark.parametrize("mode", [NORMAL, LARGE], ids=str)
@pytest.mark.parametrize("site_page", PAGES, ids=str)
def test_pages_load_nothing_from_other_origins(
    page, external_requests, site_server: str, site_page: SitePage, mode: Mode
) -> None:
    open_page(page, site_page, mode)
    loaded = page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)")
    assert loaded, "no resources recorded: the check would see nothing"
    assert [url for url in loaded if not url.startswith(site_server)] == []
    assert external_requests == []


def test_request_recording_catches_other_origins(page, external_requests) -> None:
    open_page(page, HOME)
    page.evaluate("() => fetch('https://example.org/font.woff2').catch(() => null)")
    page.wait_for_timeout(100)
    assert external_requests == ["https://example.org/font.woff2"]


# --------------------------------------------------------------------------- zoom and text size


@pytest.mark.parametrize(
    ("viewport", "mode"),
    [(ZOOM_200, NORMAL), (PHONE, NORMAL), (ZOOM_200, LARGE), (DESKTOP, LARGE), (PHONE, LARGE)],
    ids=["640-normal", "360-normal", "640-200", "1280-200", "360-200"],
)
@pytest.mark.parametrize("site_page", PAGES, ids=str)
def test_no_horizontal_scroll(new_page, site_page: SitePage, viewport: dict, mode: Mode) -> None:
    page = open_page(new_page(viewport=viewport), site_page, mode)
    assert horizontal_overflow(page) == 0


def test_overflow_measure_sees_a_wide_element(page) -> None:
    open_page(page, HOME)
    page.evaluate(
        "() => document.querySelector('article').insertAdjacentHTML("
        "'beforeend', '<div style=\"width: 3000px\">x</div>')"
    )
    assert horizontal_overflow(page) > 0


# Text of the page as sizes: every element with text of its own, in document order, with
# whether it is shown (a layout may change with the text size, e.g. a table into cards).
# Text inside SVG charts scales with the chart's width; their numbers are in tables too.
_TEXT_SIZES = """
() => [...document.querySelectorAll('.md-main *, .md-footer *')]
  .filter((element) => !element.closest('svg')
    && [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim()))
  .map((element) => [
    element.tagName.toLowerCase() + ' «' + element.textContent.trim().slice(0, 30) + '»',
    element.getClientRects().length > 0 ? parseFloat(getComputedStyle(element).fontSize) : null,
  ])
"""


@pytest.mark.parametrize("site_page", PAGES, ids=str)
def test_all_text_grows_at_200_percent(new_page, site_page: SitePage) -> None:
    normal = open_page(new_page(viewport=DESKTOP), site_page).evaluate(_TEXT_SIZES)
    large = open_page(new_page(viewport=DESKTOP), site_page, LARGE).evaluate(_TEXT_SIZES)
    assert [name for name, _ in large] == [name for name, _ in normal]
    pairs = list(zip(normal, large, strict=True))
    shown_in_both = [
        (name, before, after) for (name, before), (_, after) in pairs if before and after
    ]
    # Text hidden at both sizes (closed select options, no-script alternatives, collapsed
    # menus) cannot be compared; most of the text shown at either size must be.
    shown_in_either = [name for (name, before), (_, after) in pairs if before or after]
    assert len(shown_in_both) > len(shown_in_either) / 2
    # Body text doubles; headings, already large, grow at least 1.4 times.
    too_small = [
        f"{name}: {before}px → {after}px"
        for name, before, after in shown_in_both
        if after < before * (1.95 if name.startswith("p ") else 1.4)
    ]
    assert too_small == []


# --------------------------------------------------------------------------- keyboard


@pytest.mark.parametrize(
    ("site_page", "viewport", "mode", "panel_open"),
    [
        (HOME, DESKTOP, NORMAL, False),
        (HOME, ZOOM_200, NORMAL, False),
        (PLAN, DESKTOP, NORMAL, False),
        (PLAN, ZOOM_200, NORMAL, False),
        (EVENTS, ZOOM_200, NORMAL, False),
        (EVENT, DESKTOP, NORMAL, False),
        (HOME, DESKTOP, NORMAL, True),
        (HOME, DESKTOP, MODES[2], True),
        (HOME, ZOOM_200, MODES[3], True),
    ],
    ids=[
        "home-1280",
        "home-640",
        "plan-1280",
        "plan-640",
        "events-640",
        "event-1280",
        "home-1280-panel",
        "home-1280-panel-wb-200-wide",
        "home-640-panel-blue",
    ],
)
def test_tab_reaches_everything_with_visible_focus(
    new_page, site_page: SitePage, viewport: dict, mode: Mode, panel_open: bool
) -> None:
    page = open_page(new_page(viewport=viewport), site_page, mode)
    if panel_open:
        page.click("[data-a11y-toggle]")
    stops, expected = tab_walk(page)
    # Everything tabbable at the start is reached; controls that appear while the page
    # scrolls (Material's «back to top» button) may add a stop.
    assert len(stops) >= expected
    hidden = [stop.element for stop in stops if not (stop.visible_focus and stop.in_viewport)]
    assert hidden == []
    faint = [
        f"{stop.element}: {stop.ring_contrast:.1f}" for stop in stops if stop.ring_contrast < 3
    ]
    assert faint == []


def test_an_event_is_reached_and_added_to_a_calendar_with_the_keyboard(page) -> None:
    """From the list to the event, its registration and its calendar file, by Tab and Enter."""
    open_page(page, EVENTS)
    tab_to(page, "article a[href$='obrazets-vstrechi/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/events/obrazets-vstrechi/")
    tab_to(page, "article a[href^='https://']")
    tab_to(page, "article a[href$='obrazets-vstrechi.ics']")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert "BEGIN:VEVENT" in Path(download.value.path()).read_text("utf-8")


@pytest.mark.parametrize("site_page", [HOME, PLAN], ids=str)
def test_skip_link_moves_to_the_content(page, site_page: SitePage) -> None:
    open_page(page, site_page)
    page.keyboard.press("Tab")
    skip = page.locator(".md-skip")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.inner_text().strip() == "Перейти к содержанию"
    expect(skip).to_have_css("opacity", "1")  # Material fades it in
    assert skip.is_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('article') !== null")


def test_settings_work_with_the_keyboard_alone_and_persist(page) -> None:
    open_page(page, HOME)
    toggle = page.locator("[data-a11y-toggle]")
    toggle.focus()
    assert toggle.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.is_visible("#a11y-panel")

    page.keyboard.press("Tab")  # the font size group: 100 %
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")  # 150 %
    page.keyboard.press("Tab")  # the colour group, at its default
    page.keyboard.press("ArrowRight")  # white on black
    html = page.locator("html")
    assert html.get_attribute("data-a11y-font") == "150"
    assert html.get_attribute("data-a11y-scheme") == "wb"
    assert page.locator("[data-a11y-status]").inner_text() == "Включена версия для слабовидящих."

    page.keyboard.press("Escape")
    assert not page.is_visible("#a11y-panel")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.evaluate("element => element === document.activeElement")

    page.goto(PLAN.path)  # another page, the same settings
    assert html.get_attribute("data-a11y-font") == "150"
    assert html.get_attribute("data-a11y-scheme") == "wb"
    assert page.locator('input[name="scheme"][value="wb"]').is_checked()

    page.locator(".a11y__normal").focus()  # «Обычная версия» in the header
    page.keyboard.press("Enter")
    assert html.get_attribute("data-a11y") is None
    assert toggle.evaluate("element => element === document.activeElement")
    page.reload()
    assert html.get_attribute("data-a11y") is None
    assert not page.is_visible(".a11y__normal")


def test_narrow_screen_menu_opens_and_closes_with_the_keyboard(new_page) -> None:
    page = open_page(new_page(viewport=ZOOM_200), PLAN)
    menu = page.locator('.md-header label[for="__drawer"]')
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")
    assert menu.evaluate("element => element === document.activeElement")
    assert text_alternative(page, '.md-header label[for="__drawer"]')["name"] == "Меню навигации"
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    assert page.evaluate("() => document.activeElement.closest('.md-sidebar--primary') !== null")
    # The menu slides in; the focused link ends up on screen.
    page.wait_for_function("() => document.activeElement.getBoundingClientRect().left >= 0")
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert menu.evaluate("element => element === document.activeElement")


def test_single_key_shortcuts_of_the_theme_are_off(page) -> None:
    open_page(page, PLAN)
    assert page.locator("link[rel=next]").count() == 1  # Material would follow it on «n»
    for key in ("n", ".", "p", ","):
        page.keyboard.press(key)
        page.wait_for_timeout(150)
        assert page.url.endswith(PLAN.path), f"«{key}» left the page"


# --------------------------------------------------------------------------- abbreviations


@pytest.mark.parametrize("mode", [NORMAL, LARGE], ids=str)
def test_tapping_an_abbreviation_shows_its_full_name(new_page, mode: Mode) -> None:
    page = open_page(new_page(viewport=PHONE, has_touch=True, is_mobile=True), PLAN, mode)
    abbr = page.locator("article abbr[tabindex='0']").first
    full_name = abbr.get_attribute("title")
    assert full_name
    abbr.scroll_into_view_if_needed()
    abbr.tap()
    expect(abbr).to_have_attribute("aria-describedby", re.compile(r"\S"))
    tooltip = page.locator(f"#{abbr.get_attribute('aria-describedby')}")
    tooltip.wait_for(state="visible")
    page.wait_for_timeout(450)  # Material fades the tooltip in
    assert tooltip.get_attribute("role") == "tooltip"
    assert tooltip.inner_text().strip() == full_name
    assert tooltip.evaluate("element => getComputedStyle(element).opacity") == "1"
    box = tooltip.locator(":scope > *").first.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_focusing_an_abbreviation_shows_its_full_name(page) -> None:
    open_page(page, PLAN)
    abbr = page.locator("article abbr[tabindex='0']").first
    full_name = abbr.get_attribute("title")
    tab_to(page, "article abbr")
    expect(abbr).to_have_attribute("aria-describedby", re.compile(r"\S"))
    tooltip = page.locator(f"#{abbr.get_attribute('aria-describedby')}")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().strip() == full_name
    assert text_alternative(page, "article abbr[tabindex='0']")["description"] == full_name


# --------------------------------------------------------------------------- images and icons


@pytest.mark.parametrize("site_page", PAGES, ids=str)
def test_theme_icons_are_hidden_from_screen_readers(page, site_page: SitePage) -> None:
    open_page(page, site_page)
    spoken = page.evaluate(
        "() => [...document.querySelectorAll('svg')]"
        ".filter(svg => !svg.closest('article') && !svg.closest('[aria-hidden=true]'))"
        ".map(svg => svg.parentElement.outerHTML.slice(0, 120))"
    )
    assert spoken == []
    assert page.locator(".md-header svg").count() > 0
    assert text_alternative(page, ".md-header svg")["ignored"] is True


def test_images_off_shows_descriptions_instead(new_page) -> None:
    page = new_page()
    # Current pages have no pictures: one is put into the content before the site's script runs.
    picture = '<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Схема наставничества">'
    page.context.add_init_script(
        "document.addEventListener('DOMContentLoaded', () => document.querySelector('article')"
        f".insertAdjacentHTML('afterbegin', '{picture}'));"
    )
    open_page(page, HOME, Mode("images-off", {"images": "off"}))
    assert not page.is_visible("article img")
    description = page.locator("article .a11y-alt")
    assert description.inner_text() == "Изображение: Схема наставничества"
    assert description.is_visible()
    page.evaluate("() => document.documentElement.setAttribute('data-a11y-images', 'on')")
    assert page.is_visible("article img")
    assert not description.is_visible()


def test_header_control_is_named_by_its_label(page) -> None:
    open_page(page, HOME)
    toggle = text_alternative(page, "[data-a11y-toggle]")
    assert (toggle["role"], toggle["name"]) == ("button", "Версия для слабовидящих")


# --------------------------------------------------------------------------- theme texts


def test_not_found_page_is_russian_and_leads_on(page, site_server: str) -> None:
    open_page(page, NOT_FOUND)
    assert page.locator("h1").inner_text() == "Страница не найдена"
    links = {
        link.inner_text(): link.evaluate("a => a.href") for link in page.locator("article a").all()
    }
    assert links["Главная"] == site_server
    assert links["План мероприятий"] == site_server + "plan/"
    for href in set(links.values()):
        assert page.request.get(href).ok, href


@pytest.mark.parametrize("site_page", PAGES, ids=str)
def test_footer_is_russian(page, site_page: SitePage) -> None:
    open_page(page, site_page)
    footer = page.locator(".md-copyright").inner_text()
    assert "© Центр развития образования, городской округ Дубна" in footer
    assert "Сделано с помощью Material for MkDocs" in " ".join(footer.split())
    assert "Made with" not in footer
