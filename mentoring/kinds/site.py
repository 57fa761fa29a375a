"""The site itself (content/site.yaml): its name, the bodies behind it, the contacts page and
whether samples are shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mentoring.core.errors import FirstOccurrences, Problems
from mentoring.core.schema import load_validated
from mentoring.core.yamlsource import YamlMap
from mentoring.kinds.models import Body, Contact, Glossary, Person, Plan, Site, consented_person
from mentoring.kinds.plan.references import check_activity_ids

SITE_FILE = "site.yaml"
CONTACTS_PAGE = "contacts.md"


def load(
    root: Path,
    display_root: str,
    problems: Problems,
    *,
    glossary: Glossary | None,
    plan: Plan | None,
) -> Site | None:
    shown_as = f"{display_root}/{SITE_FILE}"
    data = load_validated(root / SITE_FILE, shown_as, "site", problems)
    return build_site(data, glossary, plan, shown_as, problems)


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
                person=_contact_person(raw.get("person"), path, problems),
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


def _contact_person(raw: YamlMap | None, path: str, problems: Problems) -> Person | None:
    """A contact may name its person (with consent) or only its role."""
    if raw is None:
        return None
    return consented_person(raw, path, problems, "удалите поле person")


def pages(renderer: Any) -> list[tuple[str, str, bool]]:
    return [(CONTACTS_PAGE, renderer.contacts_page(), True)]
