"""References from any content to plan activities: validated once, listed on the plan."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from mentoring.errors import Problems
from mentoring.models import Plan
from mentoring.yamlsource import YamlList


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
        close = difflib.get_close_matches(text, known, n=1, cutoff=0.6)
        if close:
            message += f"; возможно, имелось в виду «{close[0]}»"
        message += '; номера мероприятий — в content/plan.yaml, например "5.2"'
        problems.add(path, line, field, message)
    return tuple(valid)
