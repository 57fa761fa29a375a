"""Event announcements: ``content/events/ГГГГ-ММ-ДД-название.md``, published at /events/<адрес>/.

Seminars, meetings and contests of the mentoring programme, with start and end in Moscow
time. /events/ lists them as «Предстоящие» and «Прошедшие» by the build date; each has a
page and an .ics file, and /events/events.ics holds them all. A past event with a report
(a news item) is evidence for the plan activities it names. The kind is declared in
mentoring/kinds/registry.py and wired through this module alone (``load``, ``pages``,
``blocks``, ``home``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from mentoring.core.errors import Problems
from mentoring.core.incremental import BuildMemory
from mentoring.html.sanitize import Sanitizer
from mentoring.kinds.entries import Addresses, RawEntry, build_entries, dated_name, entry_slug
from mentoring.kinds.models import Reference, references_of
from mentoring.kinds.organizations import by_id, check_organization
from mentoring.kinds.plan.progress import MOSCOW, build_date
from mentoring.kinds.plan.references import check_activity_ids

EVENTS_FOLDER = "events"
EVENTS_PAGE = "events/index.md"
CALENDAR_FILE = "events/events.ics"
NEAREST_COUNT = 3  # upcoming events on the home page
TIME_FORMAT = "%Y-%m-%d %H:%M"
ONLINE = "онлайн"
# UIDs must not change between builds; a name that can never be a real host (RFC 2606).
UID_DOMAIN = "mentoring-events.invalid"


@dataclass(frozen=True)
class Event:
    source: str
    slug: str
    title: str
    summary: str
    body: str
    start: dt.datetime  # Moscow time
    end: dt.datetime
    place: str
    audience: str
    organizer: Any  # mentoring.kinds.organizations.Organization
    registration: str | None = None
    plan: tuple[str, ...] = ()
    report: Any = None  # the news item that reports on the event, once it is over
    sample: bool = False
    draft: bool = False

    @property
    def page(self) -> str:
        return f"{EVENTS_FOLDER}/{self.slug}.md"

    @property
    def calendar_file(self) -> str:
        return f"{EVENTS_FOLDER}/{self.slug}.ics"

    @property
    def date(self) -> dt.date:
        return self.start.date()

    @property
    def online(self) -> bool:
        return self.place.strip().lower() == ONLINE

    def is_past(self, today: dt.date) -> bool:
        return self.end.date() < today

    @property
    def references(self) -> tuple[Reference, ...]:
        """Only an event that is over and reported on proves anything of the plan."""
        if self.report is None or not self.is_past(build_date()):
            return ()
        return references_of(self, "Мероприятие")


def load(
    root: Path,
    display_root: str,
    problems: Problems,
    *,
    plan: Any = None,
    organizations: Iterable[Any] | None = None,
    news: Iterable[Any] = (),
    memory: BuildMemory | None = None,
    sanitizer: Sanitizer | None = None,
    **_: object,
) -> tuple[Event, ...]:
    """Every event, drafts and samples included, soonest first."""
    shown_folder = f"{display_root}/{EVENTS_FOLDER}"
    if organizations is None:  # content/organizations.yaml has problems, reported already
        return ()
    known = by_id(organizations)
    reports = {Path(item.source).stem: item for item in news}

    def build(raw: RawEntry, addresses: Addresses) -> Event | None:
        return _build_event(raw, plan, known, reports, addresses, problems)

    events = build_entries(
        root / EVENTS_FOLDER, shown_folder, "events", problems, build, memory, sanitizer
    )
    return tuple(sorted(events, key=lambda event: (event.start, event.slug)))


def _build_event(
    raw: RawEntry,
    plan: Any,
    organizations: dict[str, Any],
    reports: dict[str, Any],
    addresses: Addresses,
    problems: Problems,
) -> Event | None:
    data, path = raw.data, raw.path
    scope = problems.scope()
    name = dated_name(raw, "мероприятия", "2026-12-10-seminar.md", problems)
    slug = None if name is None else entry_slug(raw, name.group(4), problems)
    if slug is not None:
        addresses.claim(f"/{EVENTS_FOLDER}/{slug}/", raw, problems)
    start = _moscow_time(data["start"])
    end = _moscow_time(data["end"])
    if end < start:
        problems.add(
            path,
            data.line_of("end"),
            "end",
            f"окончание ({data['end']}) раньше начала ({data['start']}); исправьте одно из них",
        )
    entry = ("мероприятие", "мероприятие")
    organizer = check_organization(data, "organizer", organizations, entry, path, problems)
    report = None
    if "report" in data:
        report = reports.get(data["report"])
        if report is None:
            problems.add(
                path,
                data.line_of("report"),
                "report",
                f"новости «{data['report']}» нет в папке content/news/; укажите имя файла "
                "новости-отчёта без «.md»",
            )
    activity_ids = check_activity_ids(data.get("plan", []), plan, path, problems)
    if not scope.clean or slug is None:
        return None
    return Event(
        source=path,
        slug=slug,
        title=data["title"],
        summary=data["summary"],
        body=raw.body,
        start=start,
        end=end,
        place=data["place"],
        audience=data["audience"],
        organizer=organizer,
        registration=data.get("registration"),
        plan=activity_ids,
        report=report,
        sample=data.get("sample", False),
        draft=data.get("draft", False),
    )


def _moscow_time(text: str) -> dt.datetime:
    """«2026-12-10 15:00» as an aware Moscow time (the schema has checked the form)."""
    return dt.datetime.strptime(text, TIME_FORMAT).replace(tzinfo=MOSCOW)


def upcoming_and_past(events: Iterable[Event], today: dt.date) -> tuple[list[Event], list[Event]]:
    """Upcoming soonest first; past most recent first."""
    events = list(events)
    upcoming = [event for event in events if not event.is_past(today)]
    past = [event for event in reversed(events) if event.is_past(today)]
    return upcoming, past


def calendar(events: Iterable[Event], name: str, today: dt.date) -> bytes:
    """An iCalendar file (RFC 5545) of ``events``; times in UTC, stamped with the build date."""
    feed = Calendar()
    feed.add("prodid", "-//mentoring-site//events//RU")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("name", name)
    feed.add("x-wr-calname", name)
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", f"event-{event.slug}@{UID_DOMAIN}")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.start.astimezone(dt.UTC))
        entry.add("dtend", event.end.astimezone(dt.UTC))
        entry.add("summary", event.title)
        entry.add("description", event.summary)
        entry.add("location", event.place)
        if event.registration:
            entry.add("url", event.registration)
        feed.add_component(entry)
    return feed.to_ical()


def _published(renderer: Any) -> tuple[Event, ...]:
    return renderer.content.kinds.get("events", ())


def pages(renderer: Any) -> list[tuple[str, str | bytes, bool]]:
    """The list (in the nav), a page and an .ics file per event, and the whole calendar."""
    events = _published(renderer)
    today = renderer.today
    upcoming, past = upcoming_and_past(events, today)
    site_name = renderer.content.site.site_name
    files: list[tuple[str, str | bytes, bool]] = [
        (
            EVENTS_PAGE,
            renderer.render(
                "events/index.md.j2",
                EVENTS_PAGE,
                upcoming=upcoming,
                past=past,
                calendar_file=CALENDAR_FILE,
            ),
            True,
        ),
        (CALENDAR_FILE, calendar(events, f"Мероприятия: {site_name}", today), False),
    ]
    for event in events:
        page = renderer.render(
            "events/item.md.j2",
            event.page,
            event=event,
            is_past=event.is_past(today),
            plan=renderer.content.plan,
        )
        files.append((event.page, page, False))
        files.append((event.calendar_file, calendar([event], event.title, today), False))
    return files


def blocks(renderer: Any, page_path: str) -> dict[str, Callable[[], str]]:
    return {"events-nearest": lambda: home(renderer, page_path)}


def home(renderer: Any, page_path: str) -> str:
    """The nearest upcoming events; nothing when none is planned."""
    upcoming, _ = upcoming_and_past(_published(renderer), renderer.today)
    return renderer.render(
        "events/nearest.md.j2", page_path, events=upcoming[:NEAREST_COUNT], page=EVENTS_PAGE
    )
