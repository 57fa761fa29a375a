"""/monitoring/ in a real browser: every chart is named and has a table with its numbers."""

from __future__ import annotations

import csv
import io

import pytest


def svg_texts(svg, selector: str) -> list[str]:
    return [text.strip() for text in svg.locator(selector).all_text_contents()]


def test_every_chart_has_a_name_and_a_table_with_the_same_numbers(page, external_requests):
    page.goto("/monitoring/")
    charts = page.locator("svg[role=img]")
    assert charts.count() == 11  # eight indicators, two breakdowns, the timeline
    for svg in charts.all():
        title = svg.locator("title").first.text_content().strip()
        assert title, "an SVG without a title"
        assert page.get_by_role("img", name=title).count() >= 1, f"no accessible name: {title}"
        table = svg.locator("xpath=ancestor::figure[1]").locator("table")
        assert table.count() == 1, f"no table beside «{title}»"
        if svg.locator(".timeline__number").count():
            drawn = svg_texts(svg, ".timeline__number")
            listed = [t.strip() for t in table.locator("td[data-activity]").all_text_contents()]
        else:
            drawn = svg_texts(svg, ".chart__value")
            listed = [t.strip() for t in table.locator("td[data-value]").all_text_contents()]
            for target in table.locator("td[data-target]").all_text_contents():
                assert any(target in label for label in svg_texts(svg, ".chart__target-label"))
        assert drawn and drawn == listed, title
    assert external_requests == []


def test_timeline_rows_open_their_activity_in_the_plan(page):
    page.goto("/monitoring/")
    links = page.locator("a.timeline__link")
    assert links.count() == 20
    links.filter(has_text="Мероприятие 3.6 ").click()
    page.wait_for_url("**/plan/#activity-3-6")
    assert page.locator("#activity-3-6").is_visible()


@pytest.mark.parametrize("width", [360, 1280])
def test_monitoring_page_has_no_page_level_horizontal_scroll(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/monitoring/")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_plan_exports_download_from_the_plan_page(page):
    page.goto("/plan/")
    for name, kind in (("plan.csv", "csv"), ("plan.xlsx", "xlsx"), ("plan.ics", "ics")):
        href = page.locator(f".plan-exports a[href='{name}']").get_attribute("href")
        response = page.request.get(f"/plan/{href}")
        assert response.ok, name
        body = response.body()
        if kind == "csv":
            rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
            assert len(rows) == 21
        elif kind == "xlsx":
            assert body.startswith(b"PK")
        else:
            assert body.startswith(b"BEGIN:VCALENDAR")
