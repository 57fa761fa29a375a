"""Geometry of the plan timeline (a Gantt-style chart); the SVG is a Jinja template.

Only exact schedules become solid bars. A deadline («до декабря 2022 г.») is a bar that
fades towards the start of the plan and ends at a deadline mark, because the work may
happen at any time before it; «ежегодно» and «в течение периода» cover the whole period
with a hatch or a dashed frame; repeated months are ticks. Each row says in words how it
is drawn, so the legend and the text version beside the chart tell the same story.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from mentoring.core.russian import numeric_date
from mentoring.kinds.models import Activity, Plan
from mentoring.kinds.plan.schedule import DateRange, Deadline, Occurrences, Throughout, Yearly

WIDTH = 800
LEFT = 64.0
RIGHT = WIDTH - 16.0
HEADER = 48.0
ROW = 20.0
DIRECTION_ROW = 24.0
BAR = 12.0
MIN_WIDTH = 3.0

# How each kind of shape is explained in the legend, in the order the legend lists them.
SHAPES = {
    "exact": "точные сроки: сплошная полоса от начала до окончания",
    "fade": (
        "срок «до …»: работа может идти в любое время до отметки срока, "
        "поэтому полоса бледнеет к началу периода"
    ),
    "occurrence": "повторяется в указанные месяцы: отметка на каждом месяце",
    "yearly": "ежегодно или «далее ежегодно»: штриховка, конкретной даты в плане нет",
    "throughout": "в течение периода: пунктирная рамка на весь период плана",
}
ROW_KINDS = {
    DateRange: "точные сроки",
    Deadline: "до срока",
    Occurrences: "в указанные месяцы",
    Yearly: "ежегодно, без конкретной даты",
    Throughout: "в течение всего периода",
}


@dataclass(frozen=True)
class Shape:
    style: str
    x: float
    width: float


@dataclass(frozen=True)
class TimelineRow:
    activity: Activity
    y: float
    shapes: tuple[Shape, ...]
    deadline_x: float | None
    drawn_as: str

    @property
    def bar_y(self) -> float:
        return self.y + (ROW - BAR) / 2


@dataclass(frozen=True)
class DirectionHeading:
    label: str
    y: float


@dataclass(frozen=True)
class YearLabel:
    label: str
    x: float
    boundary_x: float


@dataclass(frozen=True)
class BuildMarker:
    """The build date; when it lies outside the axis it is pinned to the nearest edge."""

    x: float
    label: str
    anchor: str
    pinned: bool


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    left: float
    right: float
    top: float
    years: tuple[YearLabel, ...]
    headings: tuple[DirectionHeading, ...]
    rows: tuple[TimelineRow, ...]
    marker: BuildMarker
    legend: tuple[tuple[str, str], ...]
    description: str
    row_height: float = ROW
    bar_height: float = BAR

    def percent_of_height(self, y: float) -> float:
        """Where HTML laid over the image must sit (links cannot live inside role="img")."""
        return round(y / self.height * 100, 3)


def build_timeline(plan: Plan, today: dt.date) -> Timeline:
    activities = plan.activities
    windows = [a.schedule.window(plan.period) for a in activities]
    start = min([plan.period.start, *(w.start for w in windows)]).replace(day=1)
    end = max([plan.period.end, *(w.end for w in windows)]) + dt.timedelta(days=1)
    total = (end - start).days

    def x_of(day: dt.date) -> float:
        return round(LEFT + (RIGHT - LEFT) * (day - start).days / total, 1)

    def span(style: str, first: dt.date, last: dt.date) -> Shape:
        x = x_of(first)
        return Shape(style, x, max(x_of(last + dt.timedelta(days=1)) - x, MIN_WIDTH))

    headings, rows = [], []
    y = HEADER
    for direction in plan.directions:
        headings.append(DirectionHeading(f"{direction.id}. {direction.title}", y + 16))
        y += DIRECTION_ROW
        for activity in direction.all_activities:
            shapes, deadline_x = _shapes(activity, plan, span, x_of)
            rows.append(
                TimelineRow(
                    activity=activity,
                    y=y,
                    shapes=shapes,
                    deadline_x=deadline_x,
                    drawn_as=_drawn_as(activity),
                )
            )
            y += ROW

    years = []
    for year in range(start.year, end.year + (1 if end.month > 1 or end.day > 1 else 0)):
        first = max(dt.date(year, 1, 1), start)
        last = min(dt.date(year + 1, 1, 1), end)
        years.append(YearLabel(str(year), round((x_of(first) + x_of(last)) / 2, 1), x_of(first)))

    used = {shape.style for row in rows for shape in row.shapes}
    marker = _marker(today, start, end, x_of)
    return Timeline(
        width=WIDTH,
        height=int(y + 8),
        left=LEFT,
        right=RIGHT,
        top=HEADER,
        years=tuple(years),
        headings=tuple(headings),
        rows=tuple(rows),
        marker=marker,
        legend=tuple((style, text) for style, text in SHAPES.items() if style in used),
        description=(
            f"Сроки {len(rows)} мероприятий плана с {numeric_date(start)} по "
            f"{numeric_date(end - dt.timedelta(days=1))}. {marker.label.strip('←→ ')}."
        ),
    )


def _shapes(
    activity: Activity,
    plan: Plan,
    span: Callable[[str, dt.date, dt.date], Shape],
    x_of: Callable[[dt.date], float],
) -> tuple[tuple[Shape, ...], float | None]:
    schedule = activity.schedule
    window = schedule.window(plan.period)
    if window.exact:
        return (span("exact", window.start, window.end),), None
    if isinstance(schedule, Deadline):
        due = schedule.due_date()
        shapes = [span("fade", window.start, due)]
        if schedule.then_yearly:
            shapes.append(span("yearly", due + dt.timedelta(days=1), plan.period.end))
        return tuple(shapes), x_of(due + dt.timedelta(days=1))
    if isinstance(schedule, Occurrences):
        return tuple(span("occurrence", m.first_day(), m.last_day()) for m in schedule.months), None
    style = "yearly" if isinstance(schedule, Yearly) else "throughout"
    return (span(style, window.start, window.end),), None


def _drawn_as(activity: Activity) -> str:
    schedule = activity.schedule
    text = ROW_KINDS[type(schedule)]
    if isinstance(schedule, Deadline) and schedule.then_yearly:
        text += ", далее ежегодно без конкретной даты"
    return text


def _marker(
    today: dt.date, start: dt.date, end: dt.date, x_of: Callable[[dt.date], float]
) -> BuildMarker:
    """After the plan period the marker stays at the right edge, labelled as such.

    Extending the axis instead would add an empty year to the chart every year after the
    plan ended and squeeze the plan itself; a pinned, labelled marker keeps the plan
    readable and still says where the build date is.
    """
    shown = numeric_date(today)
    if today >= end:
        return BuildMarker(RIGHT, f"Дата сборки {shown} — позже окончания плана →", "end", True)
    if today < start:
        return BuildMarker(LEFT, f"← Дата сборки {shown} — раньше начала плана", "start", True)
    x = x_of(today)
    anchor = "end" if x > (LEFT + RIGHT) / 2 else "start"
    return BuildMarker(x, f"Дата сборки {shown}", anchor, False)
