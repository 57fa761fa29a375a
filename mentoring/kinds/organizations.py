"""Organisations whose mentoring practices the bank publishes (content/organizations.yaml)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mentoring.core.errors import FirstOccurrences, Problems
from mentoring.core.russian import did_you_mean
from mentoring.core.schema import load_validated
from mentoring.core.yamlsource import YamlMap
from mentoring.kinds.registry import by_name

ORGANIZATIONS_FILE = "organizations.yaml"
ORGANIZATIONS_PAGE = "organizations/index.md"


@dataclass(frozen=True)
class Organization:
    id: str
    name: str
    short_name: str
    kind: str
    url: str | None = None
    sample: bool = False

    @property
    def page(self) -> str:
        return f"organizations/{self.id}/index.md"


def load_organizations(
    root: Path, display_root: str, problems: Problems, *, required: bool
) -> tuple[Organization, ...] | None:
    """Organisations from content/organizations.yaml, or None when the file has problems.

    The file may be absent while there are no practices, so a municipality can start
    without it.
    """
    file = root / ORGANIZATIONS_FILE
    shown_as = f"{display_root}/{ORGANIZATIONS_FILE}"
    if not file.exists() and not required:
        return ()
    data = load_validated(file, shown_as, "organizations", problems)
    return None if data is None else build_organizations(data, shown_as, problems)


def build_organizations(data: YamlMap, path: str, problems: Problems) -> tuple[Organization, ...]:
    ids = FirstOccurrences(
        path,
        problems,
        "id",
        "организация «{value}» уже описана в строке {first}; у каждой организации свой id",
    )
    return tuple(
        Organization(
            id=raw["id"],
            name=raw["name"],
            short_name=raw["short_name"],
            kind=raw["kind"],
            url=raw.get("url"),
            sample=raw.get("sample", False),
        )
        for raw in ids.firsts(data["organizations"])
    )


def by_id(organizations: Iterable[Organization]) -> dict[str, Organization]:
    """The organisations by id, for check_organization."""
    return {organization.id: organization for organization in organizations}


def check_organization(
    data: YamlMap,
    field: str,
    organizations: dict[str, Organization],
    entry: tuple[str, str],
    path: str,
    problems: Problems,
) -> Organization | None:
    """The organisation ``data[field]`` names, if it exists and may stand there: a sample
    organisation only in a sample entry. ``entry`` names the entry in the nominative and
    the accusative («практика», «практику»)."""
    organization = organizations.get(data[field])
    line = data.line_of(field)
    if organization is None:
        message = unknown_organization_message(data[field], list(organizations))
        problems.add(path, line, field, message)
        return None
    if organization.sample and not data.get("sample", False):
        problems.add(
            path,
            line,
            field,
            f"организация «{organization.id}» — образец (sample: true), а {entry[0]} — нет; "
            f"укажите настоящую организацию или отметьте {entry[1]} как образец (sample: true)",
        )
        return None
    return organization


def unknown_organization_message(organization_id: str, known: Sequence[str]) -> str:
    """What to say about an id that names no organisation: the closest id, else the list."""
    message = f"неизвестная организация «{organization_id}»"
    suggestion = did_you_mean(organization_id, known)
    message += suggestion
    if not suggestion and known:
        message += "; известные организации: " + ", ".join(known)
    return (
        message + f"; организации и их id перечислены в content/{ORGANIZATIONS_FILE}, "
        "новую организацию добавьте туда"
    )


# --------------------------------------------------------------------------- the kind
# Their pages are the bank's (mentoring/kinds/practices/pages.py).


def load(root: Path, display_root: str, problems: Problems) -> tuple[Organization, ...] | None:
    """The file is required once there are practices (content/practices/)."""
    practices = root / by_name("practices").source
    return load_organizations(root, display_root, problems, required=practices.is_dir())


def published(
    organizations: tuple[Organization, ...] | None, show_samples: bool
) -> tuple[Organization, ...]:
    return tuple(o for o in organizations or () if show_samples or not o.sample)
