"""Everything the /monitoring/ page shows, gathered from validated content.

Indicators become charts (mentoring/views/charts.py), the plan becomes counts per
direction (mentoring/kinds/plan/progress.py) and a timeline (mentoring/views/timeline.py).
Sample figures are left out entirely when the site is set not to show samples.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from mentoring.content import Content
from mentoring.kinds.indicators import Change, Indicators, YearFigures
from mentoring.kinds.models import Direction
from mentoring.kinds.plan.progress import Count, progress_of, summarize
from mentoring.views.charts import ColumnChart, GroupedBarChart, column_chart, grouped_bar_chart
from mentoring.views.timeline import Timeline, build_timeline


@dataclass(frozen=True)
class YearBreakdowns:
    """The charts of one school year by organisation and by form (either may be absent)."""

    figures: YearFigures
    charts: tuple[GroupedBarChart, ...]


@dataclass(frozen=True)
class DirectionProgress:
    direction: Direction
    by_status: Counter[str]
    by_timing: Counter[str]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


@dataclass(frozen=True)
class MonitoringView:
    indicators: Indicators | None
    sample_hidden: bool
    charts: tuple[ColumnChart, ...]
    changes: tuple[Change, ...]
    breakdowns: tuple[YearBreakdowns, ...]
    status_columns: tuple[Count, ...]
    timing_columns: tuple[Count, ...]
    directions: tuple[DirectionProgress, ...]
    timeline: Timeline


def monitoring_view(content: Content, today: dt.date) -> MonitoringView:
    indicators = content.indicators
    sample_hidden = bool(indicators and indicators.sample and not content.site.show_samples)
    if sample_hidden:
        indicators = None
    plan = content.plan
    directions = []
    for direction in plan.directions:
        progress = [progress_of(a, plan, today) for a in direction.all_activities]
        directions.append(
            DirectionProgress(
                direction,
                Counter(p.status for p in progress),
                Counter(p.timing for p in progress),
            )
        )
    by_status, by_timing = summarize([progress_of(a, plan, today) for a in plan.activities])
    return MonitoringView(
        indicators=indicators,
        sample_hidden=sample_hidden,
        charts=tuple(column_chart(indicators, i) for i in indicators.shown()) if indicators else (),
        changes=indicators.changes() if indicators else (),
        breakdowns=_breakdowns(indicators) if indicators else (),
        status_columns=tuple(by_status),
        timing_columns=tuple(by_timing),
        directions=tuple(directions),
        timeline=build_timeline(plan, today),
    )


def _breakdowns(indicators: Indicators) -> tuple[YearBreakdowns, ...]:
    """Newest year first: the breakdowns readers look for are the latest ones."""
    found = []
    for figures in reversed(indicators.years):
        start = figures.year.start
        charts = []
        if any(row.values for row in figures.by_organization):
            charts.append(
                grouped_bar_chart(
                    f"chart-{start}-organizations",
                    f"По организациям, {figures.year.label} учебный год",
                    "Организация",
                    figures.by_organization,
                )
            )
        if any(row.values for row in figures.by_form):
            charts.append(
                grouped_bar_chart(
                    f"chart-{start}-forms",
                    f"По формам наставничества, {figures.year.label} учебный год",
                    "Форма наставничества",
                    figures.by_form,
                )
            )
        if charts:
            found.append(YearBreakdowns(figures, tuple(charts)))
    return tuple(found)
