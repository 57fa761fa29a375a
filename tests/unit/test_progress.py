"""Status and timing of activities against the build date."""

from __future__ import annotations

import datetime as dt

import pytest

from mentoring.kinds.models import Activity, Direction, Evidence, Plan
from mentoring.kinds.plan.progress import build_date, progress_of, summarize
from mentoring.kinds.plan.schedule import PlanPeriod, parse_schedule


def plan_with(*activities: Activity) -> Plan:
    return Plan(
        title="План",
        approval_text="Приложение",
        order_title=None,
        period=PlanPeriod(dt.date(2021, 10, 4), dt.date(2024, 12, 31)),
        first_year=2021,
        last_year=2024,
        territory="округ",
        directions=(Direction("1", "Направление", activities=activities),),
    )


def activity(schedule: object, status: str | None = None) -> Activity:
    evidence = (Evidence("Приказ"),) if status == "done" else ()
    return Activity("1.1", "Т", "Р", parse_schedule(schedule), ("ЦРО",), status, evidence)


@pytest.mark.parametrize(
    ("schedule", "status", "today", "expected"),
    [
        (
            {"from": "2021-10-04", "to": "2021-10-09"},
            None,
            "2021-10-01",
            ("not_reported", "not_started"),
        ),
        (
            {"from": "2021-10-04", "to": "2021-10-09"},
            None,
            "2021-10-04",
            ("not_reported", "running"),
        ),
        (
            {"from": "2021-10-04", "to": "2021-10-09"},
            None,
            "2021-10-09",
            ("not_reported", "running"),
        ),
        (
            {"from": "2021-10-04", "to": "2021-10-09"},
            None,
            "2021-10-10",
            ("no_information", "passed"),
        ),
        ({"from": "2021-10-04", "to": "2021-10-09"}, "done", "2026-11-27", ("done", "passed")),
        ({"until": "2022-12"}, "in_progress", "2022-11-30", ("in_progress", "running")),
        ({"until": "2022-12"}, None, "2022-12-01", ("no_information", "passed")),
        ("throughout", "cancelled", "2023-01-01", ("cancelled", "running")),
        ("yearly", None, "2025-01-01", ("no_information", "passed")),
        ({"months": ["2021-12", "2022-12"]}, "planned", "2021-11-30", ("planned", "not_started")),
    ],
)
def test_status_and_timing(schedule, status, today, expected):
    item = activity(schedule, status)

    progress = progress_of(item, plan_with(item), dt.date.fromisoformat(today))

    assert (progress.status, progress.timing) == expected


def test_no_status_after_the_deadline_reads_no_information():
    item = activity({"from": "2021-10-04", "to": "2021-10-09"})

    progress = progress_of(item, plan_with(item), dt.date(2026, 11, 27))

    assert progress.status_label == "Нет сведений об исполнении"
    assert progress.timing_label == "Срок истёк"


def test_summary_counts_in_fixed_order_without_zeros():
    done = activity({"from": "2021-10-04", "to": "2021-10-09"}, "done")
    silent = activity("throughout")
    plan = plan_with(done, silent)

    by_status, by_timing = summarize(
        [progress_of(a, plan, dt.date(2026, 1, 1)) for a in (done, silent)]
    )

    assert [(c.label, c.count) for c in by_status] == [
        ("Выполнено", 1),
        ("Нет сведений об исполнении", 1),
    ]
    assert [(c.label, c.count) for c in by_timing] == [("Срок истёк", 2)]


def test_build_date_comes_from_source_date_epoch_in_moscow_time():
    # 2025-11-26 21:30 UTC is already 27 November in Moscow.
    assert build_date({"SOURCE_DATE_EPOCH": "1764192600"}) == dt.date(2025, 11, 27)


def test_build_date_without_epoch_is_today():
    assert abs((build_date({}) - dt.date.today()).days) <= 1


def test_wrong_source_date_epoch_is_explained():
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH должна быть целым числом секунд"):
        build_date({"SOURCE_DATE_EPOCH": "вчера"})
