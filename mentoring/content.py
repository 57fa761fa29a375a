"""Load → validate → build models for everything under ``content/``.

Every problem in every file is collected before anything is raised, so an author sees
the whole list after one build. Nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from pathlib import Path
from typing import Any

from mentoring.core.errors import FirstOccurrences, Problems
from mentoring.core.files import symlink_problems
from mentoring.core.russian import did_you_mean
from mentoring.core.schema import validate
from mentoring.core.yamlsource import YamlMap, load_yaml_file
from mentoring.kinds.docs_pages import check_pages
from mentoring.kinds.documents import (
    DOCUMENTS_FILE,
    Document,
    build_documents,
    check_evidence_documents,
)
from mentoring.kinds.entries import is_shown, parse_date
from mentoring.kinds.indicators import Indicators, load_indicators
from mentoring.kinds.materials import Material, build_materials
from mentoring.kinds.models import (
    Activity,
    Body,
    Contact,
    Direction,
    Evidence,
    Form,
    Glossary,
    Person,
    Plan,
    Reference,
    Section,
    Site,
    Term,
)
from mentoring.kinds.news import NewsItem, build_news
from mentoring.kinds.organizations import Organization, load_organizations
from mentoring.kinds.plan.references import check_activity_ids
from mentoring.kinds.plan.schedule import PlanPeriod, parse_schedule
from mentoring.kinds.practices.bank import (
    PRACTICES_DIR,
    Bank,
    Practice,
    bank_references,
    build_practices,
    check_page_links,
)
from mentoring.kinds.practices.review import (
    ReviewCriteria,
    check_review_documents,
    load_review_criteria,
)
from mentoring.kinds.registry import SELF_WIRED

FORMS_FILE = "forms.yaml"
SITE_FILE = "site.yaml"
GLOSSARY_FILE = "glossary.yaml"
PLAN_FILE = "plan.yaml"


@dataclass(frozen=True)
class Content:
    """All validated content; ``root`` is the content folder itself."""

    root: Path
    site: Site
    glossary: Glossary
    plan: Plan
    forms: tuple[Form, ...]
    references: tuple[Reference, ...] = ()
    # Published entries only: drafts, and samples when site.yaml hides them, are left out.
    news: tuple[NewsItem, ...] = ()
    documents: tuple[Document, ...] = ()
    materials: tuple[Material, ...] = ()
    practices: tuple[Practice, ...] = ()
    organizations: tuple[Organization, ...] = ()
    indicators: Indicators | None = None
    review_criteria: ReviewCriteria | None = None
    # Published entries of the kinds that bring their own module, by kind name.
    kinds: dict[str, tuple[Any, ...]] = field(default_factory=dict)

    @cached_property
    def bank(self) -> Bank:
        """The published practices with their facets and lookups, for the bank's pages."""
        return Bank.publish(self.practices, self.organizations, self.forms)

    def references_to(self, activity_id: str) -> list[Reference]:
        """Everything on the site that reports on an activity, newest first."""
        found = [r for r in self.references if r.activity_id == activity_id]
        return sorted(found, key=lambda r: (r.date is not None, r.date), reverse=True)

    def form(self, form_id: str) -> Form | None:
        return next((form for form in self.forms if form.id == form_id), None)

    def check_page_references(self, page_exists: Callable[[str], bool]) -> Problems:
        """Links from content to pages of the site, checked once all pages are known."""
        problems = Problems()
        for activity in self.plan.activities:
            for item in activity.evidence:
                if item.page and not page_exists(item.page.partition("#")[0]):
                    problems.add(
                        f"content/{PLAN_FILE}",
                        item.line,
                        "page",
                        f"страницы «{item.page}» нет на сайте; укажите путь к Markdown-файлу "
                        "от папки docs (например, plan/index.md) или к созданной сайтом странице",
                    )
        for document in self.documents:
            if document.page and not page_exists(document.page.partition("#")[0]):
                problems.add(
                    f"content/{DOCUMENTS_FILE}",
                    document.line,
                    "page",
                    f"страницы «{document.page}» нет на сайте; укажите путь к Markdown-файлу "
                    "от папки docs (например, plan/index.md)",
                )
        problems.extend(check_page_links(self.practices, page_exists))
        return problems


def load_content(
    root: Path, *, display_root: str = "content", docs_dir: Path | None = None
) -> Content:
    """Load and validate the content folder (and the hand-written pages of ``docs_dir``);
    raise ContentError listing every problem."""
    # Nothing is read through a link: its target could even end up quoted in an error.
    symlink_problems(root, display_root).raise_if_any()
    problems = Problems()
    if docs_dir is not None and docs_dir.is_dir():
        check_pages(docs_dir, docs_dir.name, problems)

    def load(name: str, schema: str) -> YamlMap | None:
        shown_as = f"{display_root}/{name}"
        data = load_yaml_file(root / name, shown_as, problems)
        if data is None:
            return None
        return data if validate(data, schema, shown_as, problems) else None

    site_data = load(SITE_FILE, "site")
    glossary_data = load(GLOSSARY_FILE, "glossary")
    plan_data = load(PLAN_FILE, "plan")
    forms_data = load(FORMS_FILE, "forms")

    glossary = build_glossary(glossary_data, f"{display_root}/{GLOSSARY_FILE}", problems)
    plan = build_plan(plan_data, glossary, f"{display_root}/{PLAN_FILE}", problems)
    site = build_site(site_data, glossary, plan, f"{display_root}/{SITE_FILE}", problems)
    forms = build_forms(forms_data, f"{display_root}/{FORMS_FILE}", problems)
    news = build_news(root, display_root, plan, problems)
    scope = problems.scope()
    documents = build_documents(root, display_root, plan, problems)
    documents_ok = scope.clean  # else a broken entry would read as an unknown id
    if documents_ok:
        check_evidence_documents(plan, documents, f"{display_root}/{PLAN_FILE}", problems)
    materials = build_materials(root, display_root, plan, problems)
    practices_dir = root / PRACTICES_DIR
    organizations = load_organizations(
        root, display_root, problems, required=practices_dir.is_dir()
    )
    practices = build_practices(
        practices_dir,
        f"{display_root}/{PRACTICES_DIR}",
        forms=forms,
        organizations=organizations,
        plan=plan,
        problems=problems,
    )
    if documents_ok:
        check_review_documents(
            [(p.source, p.review) for p in practices if p.review],
            {document.id for document in documents},
            problems,
        )
    review_criteria = load_review_criteria(root, display_root, problems)
    form_titles = {form.id: form.title for form in forms} if forms is not None else None
    indicators = load_indicators(root, display_root, form_titles, problems)
    loaded: dict[str, Any] = {"plan": plan, "organizations": organizations, "news": news}
    for kind in SELF_WIRED:
        loaded[kind.name] = kind.loaded().load(root, display_root, problems, **loaded)

    show_samples = site.show_samples if site is not None else True
    news = tuple(item for item in news if is_shown(item, show_samples))
    materials = tuple(material for material in materials if is_shown(material, show_samples))
    practices = tuple(practice for practice in practices if is_shown(practice, show_samples))
    organizations = tuple(o for o in organizations or () if show_samples or not o.sample)
    if review_criteria is not None and review_criteria.sample and not show_samples:
        review_criteria = None
    kinds = {
        kind.name: tuple(entry for entry in loaded[kind.name] if is_shown(entry, show_samples))
        for kind in SELF_WIRED
    }
    references = tuple(
        reference
        for entry in (*news, *documents, *materials, *practices, *chain(*kinds.values()))
        for reference in entry.references
    )
    if site is not None:
        references += bank_references(practices, site.practices_plan)

    if plan is not None:
        _check_done_has_evidence(plan, references, f"{display_root}/{PLAN_FILE}", problems)
        _check_evidence_not_repeated(plan, references, f"{display_root}/{PLAN_FILE}", problems)
    problems.raise_if_any()
    assert site and glossary and plan and forms is not None, "builders report why they fail"
    return Content(
        root=root,
        site=site,
        glossary=glossary,
        plan=plan,
        forms=forms,
        references=references,
        news=news,
        documents=documents,
        materials=materials,
        practices=practices,
        organizations=organizations,
        indicators=indicators,
        review_criteria=review_criteria,
        kinds=kinds,
    )


def _check_done_has_evidence(
    plan: Plan, references: tuple[Reference, ...], path: str, problems: Problems
) -> None:
    """«Выполнено» is never shown without something that proves it."""
    reported = {r.activity_id for r in references if not r.sample}
    for activity in plan.activities:
        if activity.status == "done" and not activity.evidence and activity.id not in reported:
            problems.add(
                path,
                activity.status_line,
                "status",
                "статус done (выполнено) ставится только вместе с подтверждением: "
                "добавьте поле evidence со ссылкой на документ или страницу",
            )


def _check_evidence_not_repeated(
    plan: Plan, references: tuple[Reference, ...], path: str, problems: Problems
) -> None:
    """A news item (material, practice) with ``plan: ["2.1"]`` is already evidence of 2.1;
    naming its page in the activity's ``evidence`` too would show it twice."""
    reported = {(r.activity_id, r.page): r for r in references}
    for activity in plan.activities:
        for item in activity.evidence:
            reference = reported.get((activity.id, (item.page or "").partition("#")[0]))
            if reference is not None:
                problems.add(
                    path,
                    item.line,
                    "page",
                    f"{reference.kind.lower()} «{reference.title}» уже подтверждает "
                    f"мероприятие {activity.id}: в поле plan этой записи указано "
                    f"«{activity.id}»; удалите строку evidence, чтобы запись не была показана "
                    "дважды",
                )


def build_forms(data: YamlMap | None, path: str, problems: Problems) -> tuple[Form, ...] | None:
    if data is None:
        return None
    ids = FirstOccurrences(path, problems, "id", "форма «{value}» уже описана в строке {first}")
    forms = []
    for raw in data["forms"]:
        if not ids.is_new(raw["id"], raw.line_of("id")):
            continue
        forms.append(
            Form(
                id=raw["id"],
                title=raw["title"],
                audience=raw["audience"],
                description=raw["description"],
                source=raw.get("source"),
            )
        )
    return tuple(forms)


def build_glossary(data: YamlMap | None, path: str, problems: Problems) -> Glossary | None:
    if data is None:
        return None
    abbreviations = FirstOccurrences(
        path, problems, "abbr", "сокращение «{value}» уже описано в строке {first}"
    )
    terms = []
    for index, raw in enumerate(data["terms"]):
        if not abbreviations.is_new(raw["abbr"], data["terms"].line_of(index)):
            continue
        terms.append(
            Term(
                abbr=raw["abbr"],
                full=raw["full"],
                description=raw.get("description"),
                responsible=raw.get("responsible", False),
            )
        )
    return Glossary(tuple(terms))


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


def build_site(
    data: YamlMap | None,
    glossary: Glossary | None,
    plan: Plan | None,
    path: str,
    problems: Problems,
) -> Site | None:
    if data is None:
        return None
    scope = problems.scope()
    bodies = {}
    for key in ("organization", "authority"):
        raw = data[key]
        if glossary is not None and glossary.get(raw["abbr"]) is None:
            problems.add(
                path,
                raw.line_of("abbr"),
                "abbr",
                f"сокращения «{raw['abbr']}» нет в content/glossary.yaml; добавьте его туда",
            )
        bodies[key] = Body(raw["name"], raw["abbr"])
    contacts = []
    ids = FirstOccurrences(path, problems, "id", "«{value}» уже занят в строке {first}")
    for raw in data["contacts"]:
        ids.is_new(raw["id"], raw.line_of("id"))
        activity_ids = check_activity_ids(raw.get("plan", []), plan, path, problems)
        contacts.append(
            Contact(
                id=raw["id"],
                title=raw["title"],
                role=raw.get("role"),
                person=_consented_person(raw.get("person"), path, problems),
                address=raw.get("address"),
                phone=raw.get("phone"),
                email=raw.get("email"),
                hours=raw.get("hours"),
                plan=activity_ids,
                sample=raw.get("sample", False),
            )
        )
    if not scope.clean:
        return None
    return Site(
        site_name=data["site_name"],
        site_description=data["site_description"],
        municipality=data["municipality"],
        organization=bodies["organization"],
        authority=bodies["authority"],
        show_samples=data.get("show_samples", True),
        contacts=tuple(contacts),
        practices_plan=check_activity_ids(
            data.get("practices_plan", []), plan, path, problems, field="practices_plan"
        ),
        copyright=data.get("copyright")
        or f"© {bodies['organization'].name}, {data['municipality']}",
    )


def _consented_person(raw: Any, path: str, problems: Problems) -> Person | None:
    """Publishing a name needs a separate consent to dissemination (152-ФЗ, ст. 10.1)."""
    if raw is None:
        return None
    if raw["consent"] is not True:
        problems.add(
            path,
            raw.line_of("consent"),
            "consent",
            "имя публикуется только с письменного согласия человека на распространение "
            "персональных данных (152-ФЗ, ст. 10.1): если согласие получено, поставьте "
            "consent: true, иначе удалите поле person",
        )
        return None
    return Person(name=raw["name"], position=raw.get("position"))
