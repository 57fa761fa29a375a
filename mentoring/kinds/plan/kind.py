"""The plan of activities (content/plan.yaml) as a kind: loaded and checked here, published
as its page, a CSV, an Excel workbook and an iCalendar feed (mentoring/views/exports.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mentoring.core.errors import Problems
from mentoring.core.russian import did_you_mean
from mentoring.core.schema import load_validated
from mentoring.core.yamlsource import YamlMap
from mentoring.kinds.entries import parse_date
from mentoring.kinds.models import Activity, Direction, Evidence, Glossary, Plan, Section
from mentoring.kinds.plan.schedule import PlanPeriod, parse_schedule

PLAN_FILE = "plan.yaml"
PLAN_PAGE = "plan/index.md"
CSV_FILE = "plan/plan.csv"
XLSX_FILE = "plan/plan.xlsx"
ICS_FILE = "plan/plan.ics"


def load(
    root: Path, display_root: str, problems: Problems, *, glossary: Glossary | None
) -> Plan | None:
    shown_as = f"{display_root}/{PLAN_FILE}"
    data = load_validated(root / PLAN_FILE, shown_as, "plan", problems)
    return build_plan(data, glossary, shown_as, problems)


def build_plan(
    data: YamlMap | None, glossary: Glossary | None, path: str, problems: Problems
) -> Plan | None:
    if data is None:
        return None
    scope = problems.scope()
    approval = data["approval"]
    approval_date = parse_date(approval, "date", path, problems)
    first_year, last_year = data["period"]["from"], data["period"]["to"]
    if last_year < first_year:
        problems.add(
            path,
            data["period"].line_of("to"),
            "to",
            f"последний год ({last_year}) раньше первого ({first_year})",
        )
    start = approval_date or dt.date(first_year, 1, 1)
    period = PlanPeriod(start=start, end=dt.date(last_year, 12, 31))

    seen_ids: dict[str, int] = {}
    directions = []
    for raw_direction in data["directions"]:
        _claim_id(raw_direction, seen_ids, path, problems, "направлением")
        sections = []
        for raw_section in raw_direction.get("sections", []):
            _claim_id(raw_section, seen_ids, path, problems, "разделом")
            _check_prefix(raw_section, raw_direction, path, problems, "направлению")
            activities = _build_activities(raw_section, glossary, seen_ids, path, problems)
            sections.append(Section(raw_section["id"], raw_section["title"], activities))
        activities = _build_activities(raw_direction, glossary, seen_ids, path, problems)
        directions.append(
            Direction(raw_direction["id"], raw_direction["title"], tuple(sections), activities)
        )
    if not scope.clean:
        return None
    return Plan(
        title=data["title"],
        approval_text=approval["text"],
        order_title=approval.get("order_title"),
        period=period,
        first_year=first_year,
        last_year=last_year,
        territory=data["territory"],
        directions=tuple(directions),
    )


def _build_activities(
    parent: YamlMap,
    glossary: Glossary | None,
    seen_ids: dict[str, int],
    path: str,
    problems: Problems,
) -> tuple[Activity, ...]:
    activities = []
    for raw in parent.get("activities", []):
        _claim_id(raw, seen_ids, path, problems, "мероприятием")
        _check_prefix(
            raw, parent, path, problems, "разделу" if "." in parent["id"] else "направлению"
        )
        try:
            schedule = parse_schedule(raw["schedule"])
        except ValueError as error:
            problems.add(path, raw.line_of("schedule"), "schedule", str(error))
            continue
        if glossary is not None:
            for index, party in enumerate(raw["responsible"]):
                _check_responsible(
                    party, raw["responsible"].line_of(index), glossary, path, problems
                )
        evidence = tuple(
            Evidence(
                title=item.get("title"),
                page=item.get("page"),
                url=item.get("url"),
                line=item.line_of("document" if "document" in item else "page"),
                document=item.get("document"),
            )
            for item in raw.get("evidence", [])
        )
        status = raw.get("status")
        activities.append(
            Activity(
                id=raw["id"],
                title=raw["title"],
                result=raw["result"],
                schedule=schedule,
                responsible=tuple(raw["responsible"]),
                status=status,
                evidence=evidence,
                note=raw.get("note"),
                line=raw.line,
                status_line=raw.line_of("status"),
            )
        )
    return tuple(activities)


def _claim_id(raw: YamlMap, seen: dict[str, int], path: str, problems: Problems, what: str) -> None:
    """Numbers are anchors and references, so each may stand only once in the plan."""
    number = raw["id"]
    line = raw.line_of("id")
    if number in seen:
        problems.add(
            path,
            line,
            "id",
            f"номер «{number}» уже занят {what} в строке {seen[number]}; "
            "номера не должны повторяться",
        )
    else:
        seen[number] = line


def _check_prefix(raw: YamlMap, parent: YamlMap, path: str, problems: Problems, of: str) -> None:
    if not raw["id"].startswith(parent["id"] + "."):
        problems.add(
            path,
            raw.line_of("id"),
            "id",
            f"номер «{raw['id']}» не относится к {of} «{parent['id']}»: "
            f"он должен начинаться с «{parent['id']}.»",
        )


def _check_responsible(
    party: str, line: int, glossary: Glossary, path: str, problems: Problems
) -> None:
    allowed = [term.abbr for term in glossary.responsible_parties]
    if party in allowed:
        return
    message = f"неизвестный ответственный «{party}»"
    message += did_you_mean(party, allowed)
    message += (
        "; допустимые значения: " + ", ".join(allowed) + " (новое сокращение добавьте в "
        "content/glossary.yaml с responsible: true)"
    )
    problems.add(path, line, "responsible", message)


def pages(renderer: Any) -> list[tuple[str, str | bytes, bool]]:
    """The plan's page and its exports (the exports link to the site only with site_url)."""
    made: list[tuple[str, str | bytes, bool]] = [(PLAN_PAGE, renderer.plan_page(), True)]
    export = renderer.plan_export()
    references = renderer.content.references  # all the exports show beyond the shared inputs
    for path, make in (
        (CSV_FILE, export.csv_bytes),
        (XLSX_FILE, export.xlsx_bytes),
        (ICS_FILE, export.ics_bytes),
    ):
        made.append((path, renderer.file_unless_unchanged(path, references, make), False))
    return made


def blocks(renderer: Any, page_path: str) -> dict[str, Callable[[], str]]:
    return {
        "plan-overview": lambda: renderer.render(
            "blocks/plan-overview.md.j2", page_path, plan=renderer.content.plan
        )
    }
