"""The plan in other forms: a CSV and an Excel workbook of the table, an iCalendar feed.

Bytes are produced here, without MkDocs, and published by hooks/site.py. Every export
is reproducible: the only date in them is the build date (SOURCE_DATE_EPOCH), never the
time the file happened to be written.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from icalendar import Calendar, Event
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from mentoring.content import Content
from mentoring.core.russian import numeric_date, upper_first
from mentoring.core.urls import page_url
from mentoring.kinds.models import Activity
from mentoring.kinds.plan.kind import PLAN_PAGE
from mentoring.kinds.plan.progress import progress_of
from mentoring.kinds.plan.schedule import DateRange, Deadline, Occurrences, has_concrete_dates

# UIDs must not change between builds; without site_url they use a name that can never
# be a real host (RFC 2606), so they cannot clash with anyone else's events.
UID_DOMAIN = "mentoring-plan.invalid"

# Column title and width in the workbook (in characters).
COLUMNS = (
    ("Направление", 30),
    ("Раздел", 28),
    ("№", 7),
    ("Мероприятие", 60),
    ("Результат", 45),
    ("Сроки", 22),
    ("Ответственные", 16),
    ("Статус", 24),
    ("Срок", 20),
    ("Исполнение", 45),
    ("Примечание", 30),
)


# A cell starting with one of these is read by Excel (and LibreOffice) as a formula, which
# could run a command or send data away when a reader opens the file («CSV injection»).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?\Z")


def csv_cell(value: str) -> str:
    """Author text as a CSV cell Excel shows as text: a formula-like start gets an apostrophe.

    A plain number such as «-5» or «-2,5» is a number to Excel, never a formula, and stays.
    """
    if value.startswith(FORMULA_STARTS) and not _NUMBER.match(value):
        return "'" + value
    return value


@dataclass(frozen=True)
class PlanExport:
    """What every export needs: the content, the build date and the public address."""

    content: Content
    today: dt.date
    site_url: str | None = None

    def link(self, page: str) -> str | None:
        """Absolute address of a page of the site, or None when site_url is not set."""
        if not self.site_url:
            return None
        return self.site_url.rstrip("/") + "/" + page_url(page)

    # ------------------------------------------------------------------ table

    def rows(self) -> list[tuple[str, ...]]:
        """One row per activity with every column of the plan table, in plan order."""
        plan = self.content.plan
        rows: list[tuple[str, ...]] = []
        for direction in plan.directions:
            groups = [("", direction.activities)] + [
                (f"{s.id}. {s.title}", s.activities) for s in direction.sections
            ]
            for section, activities in groups:
                for activity in activities:
                    progress = progress_of(activity, plan, self.today)
                    rows.append(
                        (
                            f"{direction.id}. {direction.title}",
                            section,
                            activity.id,
                            activity.title,
                            activity.result,
                            upper_first(activity.schedule.text()),
                            ", ".join(activity.responsible),
                            progress.status_label,
                            progress.timing_label,
                            "; ".join(self._evidence(activity)),
                            activity.note or "",
                        )
                    )
        return rows

    def _evidence(self, activity: Activity) -> list[str]:
        """The «Исполнение» list of the table, with addresses where the site knows them."""
        documents = {document.id: document for document in self.content.documents}
        items = []
        for item in activity.evidence:
            if item.document:
                document = documents[item.document]
                title, address = document.citation, self.link(document.link)
            else:
                title = item.title or ""
                address = item.url or (self.link(item.page) if item.page else None)
            items.append(f"{title} ({address})" if address else title)
        for reference in self.content.references_to(activity.id):
            text = f"{reference.kind}: {reference.title}"
            if reference.date:
                text += f", {numeric_date(reference.date)}"
            if reference.sample:
                text += " (образец оформления, не подтверждение)"
            address = self.link(reference.page)
            items.append(f"{text} ({address})" if address else text)
        return items

    def csv_bytes(self) -> bytes:
        """UTF-8 with BOM and «;» between columns: Russian Excel opens it as a table."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(title for title, _ in COLUMNS)
        writer.writerows([csv_cell(value) for value in row] for row in self.rows())
        return buffer.getvalue().encode("utf-8-sig")

    def xlsx_bytes(self) -> bytes:
        workbook = Workbook()
        sheet = workbook.active
        assert isinstance(sheet, Worksheet)  # a new workbook has one worksheet
        sheet.title = "План мероприятий"
        sheet.append([title for title, _ in COLUMNS])
        for row in self.rows():
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                # openpyxl stores text starting with «=» as a formula; every cell is text.
                cell.data_type = "s"
        wrap = Alignment(wrap_text=True, vertical="top")
        for cells in sheet.iter_rows():
            for cell in cells:
                cell.alignment = wrap
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDE3F0")
        for index, (_, width) in enumerate(COLUMNS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        fitting = sheet.sheet_properties.pageSetUpPr
        assert fitting is not None  # a new worksheet has its page set-up properties
        fitting.fitToPage = True
        sheet.print_title_rows = "1:1"

        stamp = dt.datetime.combine(self.today, dt.time())
        workbook.properties.title = self.content.plan.title
        workbook.properties.creator = self.content.site.organization.name
        workbook.properties.created = stamp
        workbook.properties.modified = stamp
        buffer = io.BytesIO()
        with _FixedTimeZip(buffer, stamp) as archive:
            # ExcelWriter, unlike Workbook.save, keeps the dates set above.
            ExcelWriter(workbook, archive).save()
        return buffer.getvalue()

    # ------------------------------------------------------------------ calendar

    def ics_bytes(self) -> bytes:
        plan = self.content.plan
        feed = Calendar()
        feed.add("prodid", "-//mentoring-site//plan//RU")
        feed.add("version", "2.0")
        feed.add("calscale", "GREGORIAN")
        feed.add("method", "PUBLISH")
        feed.add("name", f"План мероприятий: {self.content.site.site_name}")
        feed.add("x-wr-calname", f"План мероприятий: {self.content.site.site_name}")
        feed.add("x-wr-caldesc", plan.title)
        for direction in plan.directions:
            for activity in direction.all_activities:
                for event in self._events(activity):
                    event.add("categories", [f"{direction.id}. {direction.title}"])
                    feed.add_component(event)
        return feed.to_ical()

    def _events(self, activity: Activity) -> list[Event]:
        """All-day events; schedules without a concrete date yield none."""
        schedule = activity.schedule
        uid = f"{activity.anchor}@{self._uid_domain()}"
        if isinstance(schedule, DateRange):
            event = self._event(activity, uid, activity_summary(activity))
            event.add("dtstart", schedule.start.first_day())
            event.add("dtend", schedule.end.last_day() + dt.timedelta(days=1))
            return [event]
        if isinstance(schedule, Deadline):
            due = schedule.due_date()
            event = self._event(activity, uid, f"Срок: {activity_summary(activity)}")
            event.add("dtstart", due)
            event.add("dtend", due + dt.timedelta(days=1))
            return [event]
        if isinstance(schedule, Occurrences):
            return self._monthly_events(activity, schedule, uid)
        assert not has_concrete_dates(schedule), "every dated schedule has its events"
        return []

    def _monthly_events(self, activity: Activity, schedule: Occurrences, uid: str) -> list[Event]:
        """Repeated months as one event with RDATEs while the months are equally long."""
        lengths = {calendar.monthrange(m.year, m.month)[1] for m in schedule.months}
        if len(lengths) == 1:
            event = self._event(activity, uid, activity_summary(activity))
            first = schedule.months[0]
            event.add("dtstart", first.first_day())
            event.add("dtend", first.last_day() + dt.timedelta(days=1))
            if len(schedule.months) > 1:
                event.add("rdate", [m.first_day() for m in schedule.months[1:]])
            return [event]
        events = []
        for month in schedule.months:
            month_uid = uid.replace("@", f"-{month.year}-{month.month:02d}@", 1)
            event = self._event(activity, month_uid, activity_summary(activity))
            event.add("dtstart", month.first_day())
            event.add("dtend", month.last_day() + dt.timedelta(days=1))
            events.append(event)
        return events

    def _event(self, activity: Activity, uid: str, summary: str) -> Event:
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", dt.datetime.combine(self.today, dt.time(), tzinfo=dt.UTC))
        event.add("summary", summary)
        event.add("description", self._description(activity))
        event.add("transp", "TRANSPARENT")
        if activity.status == "cancelled":
            event.add("status", "CANCELLED")
        link = self.link(f"{PLAN_PAGE}#{activity.anchor}")
        if link:
            event.add("url", link)
        return event

    def _description(self, activity: Activity) -> str:
        progress = progress_of(activity, self.content.plan, self.today)
        lines = [
            f"Мероприятие {activity.id}: {activity.title}",
            f"Результат: {activity.result}",
            f"Сроки по плану: {activity.schedule.text()}",
            f"Ответственные: {', '.join(activity.responsible)}",
            f"Статус на {numeric_date(self.today)}: {progress.status_label}",
        ]
        if isinstance(activity.schedule, Deadline):
            lines.append(
                f"В календаре — последний день срока: {numeric_date(activity.schedule.due_date())}"
            )
            if activity.schedule.then_yearly:
                lines.append("Далее ежегодно: конкретных дат в плане нет, в календарь не внесено")
        link = self.link(f"{PLAN_PAGE}#{activity.anchor}")
        if link:
            lines.append(f"Подробнее: {link}")
        return "\n".join(lines)

    def _uid_domain(self) -> str:
        host = urlsplit(self.site_url).hostname if self.site_url else None
        return host or UID_DOMAIN


def activity_summary(activity: Activity) -> str:
    return f"{activity.id}. {activity.title}"


class _FixedTimeZip(zipfile.ZipFile):
    """A zip archive whose entries all carry one timestamp, so equal input gives equal bytes."""

    def __init__(self, file: io.BytesIO, stamp: dt.datetime) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED)
        self.stamp = stamp.timetuple()[:6]

    def writestr(  # type: ignore[override]
        self, name: str | zipfile.ZipInfo, data: str | bytes, *args: Any, **kwargs: Any
    ) -> None:
        if isinstance(name, str):
            info = zipfile.ZipInfo(name, date_time=self.stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            name = info
        super().writestr(name, data, *args, **kwargs)

    def write(  # type: ignore[override]
        self, filename: str, arcname: str | None = None, *_: Any, **__: Any
    ) -> None:
        """openpyxl writes worksheets from temporary files, whose times would leak in."""
        with open(filename, "rb") as source:
            self.writestr(arcname or Path(filename).name, source.read())
