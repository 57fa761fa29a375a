"""Geometry of the monitoring charts; the SVG itself is written by Jinja templates.

Charts are drawn at build time so the page needs no charting library and makes no
request. Every figure is placed here as plain numbers (coordinates in the SVG viewBox)
together with its Russian label, so the template only prints what it is given and the
numbers can be checked without a browser.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from mentoring.kinds.indicators import (
    BREAKDOWN_KEYS,
    INDICATOR_BY_KEY,
    Breakdown,
    Indicator,
    Indicators,
    Number,
    Target,
    format_value,
)

WIDTH = 460


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Column:
    """One school year in a column chart; ``value`` is None when there is no figure."""

    label: str
    axis_label: str
    value: Number | None
    value_label: str
    x: float
    width: float
    y: float
    height: float

    @property
    def center(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class TargetLine:
    y: float
    target: Target
    value_label: str


@dataclass(frozen=True)
class ColumnChart:
    """An indicator over school years, with its targets as horizontal lines."""

    id: str
    title: str
    description: str
    indicator: Indicator
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    ticks: tuple[Tick, ...]
    columns: tuple[Column, ...]
    targets: tuple[TargetLine, ...]


@dataclass(frozen=True)
class HorizontalBar:
    series: int
    value: int
    value_label: str
    y: float
    width: float


@dataclass(frozen=True)
class BarGroup:
    label: str
    label_y: float
    bars: tuple[HorizontalBar, ...]


@dataclass(frozen=True)
class GroupedBarChart:
    """Counts of organisations or forms side by side, one colour per measure."""

    id: str
    title: str
    row_heading: str
    description: str
    series: tuple[Indicator, ...]
    rows: tuple[Breakdown, ...]
    width: int
    height: int
    left: float
    right: float
    top: float
    bar_height: float
    ticks: tuple[Tick, ...]
    groups: tuple[BarGroup, ...]


def nice_top(maximum: float) -> tuple[int, int]:
    """Axis top and step for counts: whole steps of 1, 2 or 5 × 10ⁿ, about four of them."""
    if maximum <= 0:
        return 1, 1
    rough = maximum / 4
    magnitude = 10 ** math.floor(math.log10(rough)) if rough >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough)
    return int(math.ceil(maximum / step) * step), int(step)


def column_chart(indicators: Indicators, indicator: Indicator) -> ColumnChart:
    """One indicator as columns per school year; shares always on a 0–100 % axis."""
    left, right, top, bottom, height = 56.0, WIDTH - 16.0, 28.0, 236.0, 270
    values = [year.values.get(indicator.key) for year in indicators.years]
    targets = indicators.targets_of(indicator.key)
    known = [float(v) for v in values if v is not None] + [float(t.value) for t in targets]
    axis_top, step = (100, 25) if indicator.is_share else nice_top(max(known, default=0))

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * value / axis_top

    band = (right - left) / len(values)
    width = min(band * 0.6, 96.0)
    columns = []
    for index, (year, value) in enumerate(zip(indicators.years, values, strict=True)):
        x = left + band * index + (band - width) / 2
        y = y_of(float(value)) if value is not None else bottom
        columns.append(
            Column(
                label=year.year.label,
                axis_label=year.year.label if band >= 72 else year.year.short_label,
                value=value,
                value_label=format_value(indicator, value) if value is not None else "нет данных",
                x=round(x, 1),
                width=round(width, 1),
                y=round(y, 1),
                height=round(bottom - y, 1),
            )
        )
    ticks = tuple(
        Tick(round(y_of(v), 1), format_value(indicator, v)) for v in range(0, axis_top + 1, step)
    )
    return ColumnChart(
        id=f"chart-{indicator.key.replace('_', '-')}",
        title=indicator.title,
        description=_series_text(indicator, indicators),
        indicator=indicator,
        width=WIDTH,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        ticks=ticks,
        columns=tuple(columns),
        targets=tuple(
            TargetLine(round(y_of(float(t.value)), 1), t, format_value(indicator, t.value))
            for t in targets
        ),
    )


def _series_text(indicator: Indicator, indicators: Indicators) -> str:
    """The chart as one sentence, for its <desc>: «2021/2022 — 10; 2022/2023 — 20. Цель…»."""
    parts = [
        f"{year.year.label} — "
        + (
            format_value(indicator, year.values[indicator.key])
            if indicator.key in year.values
            else "нет данных"
        )
        for year in indicators.years
    ]
    text = "; ".join(parts) + "."
    for target in indicators.targets_of(indicator.key):
        text += f" {target.label}."
    return text


def grouped_bar_chart(
    chart_id: str, title: str, row_heading: str, rows: tuple[Breakdown, ...]
) -> GroupedBarChart:
    """Horizontal bars per organisation or form; the label of each group sits above it."""
    series = tuple(INDICATOR_BY_KEY[k] for k in BREAKDOWN_KEYS if any(k in r.values for r in rows))
    left, right, top, bar_height, label_height, gap = 8.0, WIDTH - 56.0, 8.0, 14.0, 18.0, 12.0
    axis_top, step = nice_top(max((v for r in rows for v in r.values.values()), default=0))
    scale = (right - left) / axis_top
    groups = []
    y = top
    for row in rows:
        label_y = y + 12
        y += label_height
        bars = []
        for index, indicator in enumerate(series):
            if indicator.key in row.values:
                value = row.values[indicator.key]
                bars.append(
                    HorizontalBar(index, value, format_value(indicator, value), y, value * scale)
                )
            y += bar_height + 2
        groups.append(BarGroup(row.label, label_y, tuple(bars)))
        y += gap
    ticks = tuple(Tick(round(left + v * scale, 1), str(v)) for v in range(0, axis_top + 1, step))
    description = "; ".join(
        f"{row.label}: "
        + ", ".join(
            f"{indicator.title.lower()} — {row.values[indicator.key]}"
            for indicator in series
            if indicator.key in row.values
        )
        for row in rows
    )
    return GroupedBarChart(
        id=chart_id,
        title=title,
        row_heading=row_heading,
        description=description + ".",
        series=series,
        rows=rows,
        width=WIDTH,
        height=int(y + 20),
        left=left,
        right=right,
        top=top,
        bar_height=bar_height,
        ticks=ticks,
        groups=tuple(groups),
    )
