"""References from any content to plan activities: validated once, listed on the plan."""

from __future__ import annotations

from collections.abc import Iterable

from mentoring.core.errors import Problems
from mentoring.core.russian import did_you_mean
from mentoring.core.yamlsource import YamlList
from mentoring.kinds.models import Plan


def check_activity_ids(
    ids: Iterable[object], plan: Plan | None, path: str, problems: Problems, *, field: str = "plan"
) -> tuple[str, ...]:
    """Report ids that name no plan activity (with the closest one); return the valid ids."""
    valid: list[str] = []
    if plan is None:
        return ()
    known = [activity.id for activity in plan.activities]
    for index, activity_id in enumerate(ids):
        line = ids.line_of(index) if isinstance(ids, YamlList) else None
        text = str(activity_id)
        if text in known:
            valid.append(text)
            continue
        message = f"в плане нет мероприятия «{text}»"
        message += did_you_mean(text, known)
        message += '; номера мероприятий — в content/plan.yaml, например "5.2"'
        problems.add(path, line, field, message)
    return tuple(valid)
