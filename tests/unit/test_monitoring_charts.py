"""Charts and timeline of /monitoring/: geometry, honest drawing, well-formed SVG."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mentoring.content import load_content
from mentoring.kinds.indicators import INDICATOR_BY_KEY, format_value
from mentoring.views.charts import column_chart, nice_top
from mentoring.views.render import Renderer
from mentoring.views.timeline import build_timeline
from tests.helpers import SNAPSHOT_CONTENT

REPO = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"
BUILD_DAY = dt.date(2025, 11, 27)


@pytest.fixture(scope="module")
def content():
    return load_content(SNAPSHOT_CONTENT)


@pytest.fixture(scope="module")
def page(content) -> str:
    return Renderer(content, REPO / "templates", BUILD_DAY).monitoring_page()


def svgs(html: str) -> list[ET.Element]:
    """Every inline SVG of a page, parsed as XML (fails on anything not well-formed)."""
    return [ET.fromstring(match) for match in re.findall(r"<svg\b.*?</svg>", html, re.S)]


def texts(svg: ET.Element, css_class: str) -> list[str]:
    return [
        "".join(node.itertext())
        for node in svg.iter(f"{SVG}text")
        if css_class in node.get("class", "").split()
    ]


@pytest.mark.parametrize(
    ("maximum", "expected"),
    [(0, (1, 1)), (3, (3, 1)), (30, (30, 10)), (70, (80, 20)), (999, (1000, 500))],
)
def test_nice_top(maximum: float, expected: tuple[int, int]) -> None:
    assert nice_top(maximum) == expected


def test_every_svg_is_well_formed_and_named(page: str) -> None:
    found = svgs(page)
    assert len(found) == 8 + 2 + 1  # indicators, two breakdowns, the timeline
    for svg in found:
        assert svg.get("role") == "img"
        title_id, desc_id = svg.get("aria-labelledby").split()
        assert svg.find(f"{SVG}title").get("id") == title_id
        assert svg.find(f"{SVG}title").text.strip()
        assert svg.find(f"{SVG}desc").get("id") == desc_id


def test_each_indicator_chart_shows_every_figure_and_target(content, page: str) -> None:
    indicators = content.indicators
    charts = {svg.find(f"{SVG}title").text: svg for svg in svgs(page)}
    for indicator in indicators.shown():
        svg = charts[indicator.title]
        expected = [format_value(indicator, y.values[indicator.key]) for y in indicators.years]
        assert texts(svg, "chart__value") == expected
        targets = [t.label for t in indicators.targets_of(indicator.key)]
        assert texts(svg, "chart__target-label") == targets
    assert texts(
        charts["Доля обучающихся, вовлечённых в наставничество"], "chart__target-label"
    ) == ["Цель: 70\u00a0% к 2024 г."]


def test_breakdown_charts_show_every_count(content, page: str) -> None:
    latest = content.indicators.years[-1]
    charts = {svg.find(f"{SVG}title").text: svg for svg in svgs(page)}
    for title, rows in (
        ("По организациям, 2023/2024 учебный год", latest.by_organization),
        ("По формам наставничества, 2023/2024 учебный год", latest.by_form),
    ):
        expected = [str(v) for row in rows for v in row.values.values()]
        assert texts(charts[title], "chart__value") == expected


def test_shares_use_the_whole_percent_scale_and_bars_match_values(content) -> None:
    chart = column_chart(content.indicators, INDICATOR_BY_KEY["learners_involved"])
    assert [t.label for t in chart.ticks] == [f"{v}\u00a0%" for v in (0, 25, 50, 75, 100)]
    plot = chart.bottom - chart.top
    for column in chart.columns:
        assert column.height == pytest.approx(plot * float(column.value) / 100, abs=0.1)
    assert chart.targets[0].y == pytest.approx(chart.bottom - plot * 0.7, abs=0.1)


def test_missing_figure_is_said_not_drawn(content) -> None:
    years = list(content.indicators.years)
    values = dict(years[0].values)
    del values["pairs"]
    years[0] = dataclasses.replace(years[0], values=values)
    indicators = dataclasses.replace(content.indicators, years=tuple(years))
    chart = column_chart(indicators, INDICATOR_BY_KEY["pairs"])
    assert (chart.columns[0].value, chart.columns[0].value_label) == (None, "нет данных")
    assert chart.columns[0].height == 0


def test_changes_summary_on_page(page: str) -> None:
    assert "<strong>+10 пар наставничества</strong>: было 20, стало 30" in page
    assert "Образец оформления" in page


# --------------------------------------------------------------------------- timeline


def styles_of(timeline, activity_id: str) -> list[str]:
    row = next(r for r in timeline.rows if r.activity.id == activity_id)
    return [shape.style for shape in row.shapes]


def test_timeline_draws_vague_schedules_honestly(content) -> None:
    timeline = build_timeline(content.plan, BUILD_DAY)
    assert styles_of(timeline, "1.1.1") == ["exact"]
    assert styles_of(timeline, "3.2") == ["exact"]  # ноябрь 2021 – апрель 2024
    assert styles_of(timeline, "3.4") == ["fade"]  # до декабря 2022 г.
    assert styles_of(timeline, "5.3") == ["fade", "yearly"]  # до 15.01.2022, далее ежегодно
    assert styles_of(timeline, "3.6") == ["occurrence"] * 3  # декабрь 2021, 2022 и 2023 гг.
    assert styles_of(timeline, "5.1") == ["yearly"]
    assert styles_of(timeline, "2.3") == ["throughout"]
    assert [style for style, _ in timeline.legend] == [
        "exact",
        "fade",
        "occurrence",
        "yearly",
        "throughout",
    ]
    deadline = next(r for r in timeline.rows if r.activity.id == "3.4")
    fade = deadline.shapes[0]
    assert deadline.deadline_x == pytest.approx(fade.x + fade.width, abs=0.2)


def test_timeline_marker_after_the_plan_is_pinned_to_the_right_edge(content) -> None:
    timeline = build_timeline(content.plan, BUILD_DAY)
    assert timeline.marker.pinned
    assert timeline.marker.x == timeline.right
    assert timeline.marker.label == "Дата сборки 27.11.2025 — позже окончания плана →"
    assert [y.label for y in timeline.years] == ["2021", "2022", "2023", "2024"]


def test_timeline_marker_inside_the_plan(content) -> None:
    inside = build_timeline(content.plan, dt.date(2023, 1, 1))
    assert not inside.marker.pinned
    year_2023 = next(y for y in inside.years if y.label == "2023")
    assert inside.marker.x == year_2023.boundary_x
    assert inside.marker.label == "Дата сборки 01.01.2023"
    before = build_timeline(content.plan, dt.date(2020, 5, 1))
    assert (before.marker.pinned, before.marker.x) == (True, before.left)


def test_timeline_svg_names_every_activity_and_rows_link_to_the_plan(content, page: str) -> None:
    timeline_svg = svgs(page)[-1]
    ids = [a.id for a in content.plan.activities]
    assert texts(timeline_svg, "timeline__number") == ids
    for activity in content.plan.activities:
        link = f'<a class="timeline__link" href="../plan/#{activity.anchor}"'
        assert link in page, activity.id
