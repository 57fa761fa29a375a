"""Where each activity stands: its reported status and its timing against the build date.

Status is what the content reports (and «done» always comes with evidence); timing is
computed from the schedule. They are kept apart so that the site never claims more than
the content says: an activity past its deadline with no status reads «нет сведений об
исполнении», not «выполнено».
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from mentoring.kinds.models import Activity, Plan

STATUS_LABELS = {
    "planned": "Запланировано",
    "in_progress": "Выполняется",
    "done": "Выполнено",
    "cancelled": "Отменено",
    "no_information": "Нет сведений об исполнении",
    "not_reported": "Статус не указан",
}
TIMING_LABELS = {
    "not_started": "Срок не наступил",
    "running": "Идёт срок исполнения",
    "passed": "Срок истёк",
}
MOSCOW = ZoneInfo("Europe/Moscow")


def build_date(environ: dict[str, str] | None = None) -> dt.date:
    """The date statuses are computed for: SOURCE_DATE_EPOCH when set, for reproducible builds."""
    environ = dict(os.environ) if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.datetime.now(MOSCOW).date()
    try:
        return dt.datetime.fromtimestamp(int(epoch), MOSCOW).date()
    except (ValueError, OverflowError, OSError):
        raise ValueError(
            f"SOURCE_DATE_EPOCH должна быть целым числом секунд с 1970 года, а указано «{epoch}»"
        ) from None


@dataclass(frozen=True)
class Progress:
    """Status and timing of one activity, as keys (for filters) and Russian labels."""

    status: str
    timing: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def timing_label(self) -> str:
        return TIMING_LABELS[self.timing]


def progress_of(activity: Activity, plan: Plan, today: dt.date) -> Progress:
    window = activity.schedule.window(plan.period)
    if today < window.start:
        timing = "not_started"
    elif today > window.end:
        timing = "passed"
    else:
        timing = "running"
    if activity.status:
        status = activity.status
    elif timing == "passed":
        status = "no_information"
    else:
        status = "not_reported"
    return Progress(status=status, timing=timing)


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    count: int


def summarize(progresses: list[Progress]) -> tuple[list[Count], list[Count]]:
    """Counts by status and by timing, in a fixed order, leaving out zeros."""
    by_status = Counter(p.status for p in progresses)
    by_timing = Counter(p.timing for p in progresses)
    return (
        [Count(k, label, by_status[k]) for k, label in STATUS_LABELS.items() if by_status[k]],
        [Count(k, label, by_timing[k]) for k, label in TIMING_LABELS.items() if by_timing[k]],
    )
