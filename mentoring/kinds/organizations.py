"""Organisations whose mentoring practices the bank publishes (content/organizations.yaml)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mentoring.core.errors import FirstOccurrences, Problems
from mentoring.core.russian import did_you_mean
from mentoring.core.schema import validate
from mentoring.core.yamlsource import YamlMap, load_yaml_file

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
    data = load_yaml_file(file, shown_as, problems)
    if data is None or not validate(data, "organizations", shown_as, problems):
        return None
    return build_organizations(data, shown_as, problems)


def build_organizations(data: YamlMap, path: str, problems: Problems) -> tuple[Organization, ...]:
    ids = FirstOccurrences(
        path,
        problems,
        "id",
        "организация «{value}» уже описана в строке {first}; у каждой организации свой id",
    )
    organizations = []
    for raw in data["organizations"]:
        if not ids.is_new(raw["id"], raw.line_of("id")):
            continue
        organizations.append(
            Organization(
                id=raw["id"],
                name=raw["name"],
                short_name=raw["short_name"],
                kind=raw["kind"],
                url=raw.get("url"),
                sample=raw.get("sample", False),
            )
        )
    return tuple(organizations)


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
