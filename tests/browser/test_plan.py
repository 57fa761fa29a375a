"""The plan page in a real browser: phones, anchors, filters, print, no outside requests."""

from __future__ import annotations

import re

import pytest

PAGES = ["/", "/plan/", "/contacts/", "/glossary/", "/404.html"]


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_no_page_level_horizontal_scroll(page, path, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(path)

    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )

    assert overflow <= 0


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("activity", ["1-1-1", "3-6", "5-4"])
def test_activity_anchor_lands_on_its_row_below_the_header(page, activity, width):
    page.set_viewport_size({"width": width, "height": 700})
    page.goto(f"/plan/#activity-{activity}")
    page.wait_for_timeout(100)

    row = page.locator(f"#activity-{activity}").bounding_box()
    header = page.locator(".md-header").bounding_box()

    assert row is not None and header is not None
    assert header["y"] + header["height"] <= row["y"] + 1 < 700
    assert page.locator(f"#activity-{activity} td").first.inner_text() == activity.replace("-", ".")


def visible_activities(page) -> list[str]:
    return page.eval_on_selector_all(
        ".plan-activity", "rows => rows.filter(r => !r.hidden).map(r => r.id.slice(9))"
    )


def test_filters_by_responsible_party_and_status(page):
    page.goto("/plan/")
    assert len(visible_activities(page)) == 20

    page.select_option("select[name=responsible]", "ГОРУНО")

    assert visible_activities(page) == ["1-1-1", "1-2-1", "1-3-1"]
    assert page.inner_text("[data-plan-filters-result]") == "Показано 3 мероприятия из 20."
    assert page.locator("#direction-2").is_hidden()
    assert page.locator("#section-1-1").is_visible()

    page.select_option("select[name=responsible]", "")
    page.select_option("select[name=status]", "done")

    assert visible_activities(page) == ["1-1-2"]
    assert page.inner_text("[data-plan-filters-result]") == "Показано 1 мероприятие из 20."

    page.click("button[type=reset]")
    page.wait_for_timeout(50)

    assert len(visible_activities(page)) == 20
    assert page.inner_text("[data-plan-filters-result]") == ""


def test_without_javascript_the_whole_plan_is_there_and_filters_are_hidden(browser, site_server):
    context = browser.new_context(base_url=site_server, java_script_enabled=False)
    page = context.new_page()
    page.goto("/plan/")

    assert page.locator(".plan-activity:visible").count() == 20
    assert page.locator("[data-plan-filters]").is_hidden()
    context.close()


def test_abbreviations_carry_their_full_names(page):
    page.goto("/plan/")

    titles = page.eval_on_selector_all(
        "abbr", "nodes => Object.fromEntries(nodes.map(n => [n.textContent, n.title]))"
    )

    assert titles["ГОРУНО"] == "Городское управление народного образования"
    assert titles["СП/РИП"] == "Стажировочная площадка / региональная инновационная площадка"
    assert titles["МЦМН"] == "Муниципальная целевая модель наставничества"


def test_print_is_the_whole_plan_on_a4_landscape(page, tmp_path):
    page.goto("/plan/")
    page.select_option("select[name=responsible]", "ГОРУНО")
    page.emulate_media(media="print")

    assert page.locator(".md-header").is_hidden()
    assert page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator("[data-plan-filters]").is_hidden()
    assert page.locator(".plan-activity:visible").count() == 20

    pdf = page.pdf(prefer_css_page_size=True, print_background=False)
    boxes = {
        tuple(round(float(v)) for v in box.split())
        for box in re.findall(rb"/MediaBox \[([^\]]+)\]", pdf)
    }
    assert boxes == {(0, 0, 842, 595)}, "A4 landscape is 842 × 595 pt"


def test_pages_load_nothing_from_other_origins(page, external_requests):
    for path in PAGES:
        page.goto(path, wait_until="networkidle")

    assert external_requests == []
