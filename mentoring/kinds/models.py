"""Small immutable models of the content, built once from validated YAML."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol, TypeVar

from mentoring.core.errors import Problems
from mentoring.core.yamlsource import YamlMap
from mentoring.kinds.plan.schedule import PlanPeriod, Schedule


@dataclass(frozen=True)
class Term:
    abbr: str
    full: str
    description: str | None = None
    responsible: bool = False


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]

    def get(self, abbr: str) -> Term | None:
        return next((term for term in self.terms if term.abbr == abbr), None)

    @property
    def responsible_parties(self) -> tuple[Term, ...]:
        return tuple(term for term in self.terms if term.responsible)


@dataclass(frozen=True)
class Evidence:
    """Proof that an activity was carried out: a page of this site, an external URL, a
    document of content/documents.yaml (which brings its own title and link), or a
    bibliographic reference when none of them is published."""

    title: str | None
    page: str | None = None
    url: str | None = None
    line: int = 0
    document: str | None = None


def plan_anchor(kind: str, plan_id: str) -> str:
    """The stable anchor of a part of the plan, which news, documents and other sites link
    to: ``plan_anchor("activity", "1.1.1")`` is activity-1-1-1."""
    return f"{kind}-{plan_id.replace('.', '-')}"


@dataclass(frozen=True)
class Activity:
    id: str
    title: str
    result: str
    schedule: Schedule
    responsible: tuple[str, ...]
    status: str | None = None
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None
    line: int = 0
    status_line: int = 0

    @property
    def anchor(self) -> str:
        return plan_anchor("activity", self.id)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    activities: tuple[Activity, ...]

    @property
    def anchor(self) -> str:
        return plan_anchor("section", self.id)


@dataclass(frozen=True)
class Direction:
    id: str
    title: str
    sections: tuple[Section, ...] = ()
    activities: tuple[Activity, ...] = ()

    @property
    def anchor(self) -> str:
        return plan_anchor("direction", self.id)

    @property
    def all_activities(self) -> tuple[Activity, ...]:
        return self.activities + tuple(a for s in self.sections for a in s.activities)


@dataclass(frozen=True)
class Plan:
    title: str
    approval_text: str
    order_title: str | None
    period: PlanPeriod
    first_year: int
    last_year: int
    territory: str
    directions: tuple[Direction, ...]

    @cached_property
    def activities(self) -> tuple[Activity, ...]:
        """Every activity in plan order (cached: each entry's plan ids are looked up here)."""
        return tuple(a for d in self.directions for a in d.all_activities)

    @cached_property
    def _by_id(self) -> dict[str, Activity]:
        return {a.id: a for a in reversed(self.activities)}  # the first of a repeated id

    def activity(self, activity_id: str) -> Activity | None:
        return self._by_id.get(activity_id)


@dataclass(frozen=True)
class Form:
    """A form of mentoring, e.g. «ученик – ученик»."""

    id: str
    title: str
    audience: str
    description: str
    source: str | None = None


@dataclass(frozen=True)
class Reference:
    """A page of the site that reports on a plan activity (a news item, a document…).

    Collected from every content type, so the plan lists under «Исполнение» everything
    that refers to each activity without anyone keeping the list by hand. A sample
    (shown with «Образец оформления») is listed but never counts as evidence.
    """

    activity_id: str
    kind: str
    title: str
    page: str
    date: dt.date | None = None
    sample: bool = False


@dataclass(frozen=True)
class Person:
    """A named person; only built when the content records consent to publish the name."""

    name: str
    position: str | None


def consented_person(raw: YamlMap, path: str, problems: Problems, remedy: str) -> Person | None:
    """The person of ``raw`` (name, position) if the entry records ``consent: true``:
    publishing a name needs the person's written consent to dissemination (152-ФЗ, ст. 10.1).
    Otherwise a problem says so, ending with ``remedy`` (how else to mend the entry)."""
    if raw.get("consent") is True:
        return Person(name=raw["name"], position=raw.get("position"))
    problems.add(
        path,
        raw.line_of("consent"),
        "consent",
        "имя публикуется только с письменного согласия человека на распространение "
        "персональных данных (152-ФЗ, ст. 10.1): если согласие получено, поставьте "
        f"consent: true, иначе {remedy}",
    )
    return None


@dataclass(frozen=True)
class Contact:
    id: str
    title: str
    role: str | None = None
    person: Person | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    hours: str | None = None
    plan: tuple[str, ...] = ()
    sample: bool = False


@dataclass(frozen=True)
class Body:
    name: str
    abbr: str


@dataclass(frozen=True)
class Site:
    site_name: str
    site_description: str
    municipality: str
    organization: Body
    authority: Body
    show_samples: bool
    contacts: tuple[Contact, ...] = field(default_factory=tuple)
    # Plan activities that the bank of practices as a whole carries out (e.g. "5.2").
    practices_plan: tuple[str, ...] = ()
    copyright: str = ""

    @property
    def published_contacts(self) -> tuple[Contact, ...]:
        """Contacts the site shows: samples only while samples are shown."""
        return tuple(c for c in self.contacts if self.show_samples or not c.sample)


class ReportsOnPlan(Protocol):
    """An entry whose ``plan`` field names the activities it reports on (read-only, as
    frozen dataclasses are)."""

    @property
    def title(self) -> str: ...

    @property
    def page(self) -> str: ...

    @property
    def date(self) -> dt.date: ...

    @property
    def sample(self) -> bool: ...

    @property
    def plan(self) -> tuple[str, ...]: ...


def references_of(entry: ReportsOnPlan, kind: str) -> tuple[Reference, ...]:
    """One reference per activity the entry names, shown as «kind: title» in the plan."""
    return tuple(
        Reference(activity_id, kind, entry.title, entry.page, entry.date, entry.sample)
        for activity_id in entry.plan
    )


def entry_references(entries: Iterable[Any], kinds: object = None) -> tuple[Reference, ...]:
    """What published entries report on plan activities (``references`` of a kind's module)."""
    return tuple(reference for entry in entries for reference in entry.references)


class Dated(Protocol):
    @property
    def date(self) -> dt.date: ...

    @property
    def slug(self) -> str: ...


D = TypeVar("D", bound=Dated)


def newest_first(entries: Iterable[D]) -> tuple[D, ...]:
    """Newest first; entries of one day by address, so the order never depends on the disk."""
    return tuple(sorted(entries, key=lambda entry: (-entry.date.toordinal(), entry.slug)))
