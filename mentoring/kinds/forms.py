"""Forms of mentoring (content/forms.yaml): «педагог — педагог», «руководитель — педагог»…,
named by practices and indicators and listed where a page includes ``forms-list``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mentoring.core.errors import FirstOccurrences, Problems
from mentoring.core.schema import load_validated
from mentoring.core.yamlsource import YamlMap
from mentoring.kinds.models import Form

FORMS_FILE = "forms.yaml"


def load(root: Path, display_root: str, problems: Problems) -> tuple[Form, ...] | None:
    data = load_validated(root / FORMS_FILE, f"{display_root}/{FORMS_FILE}", "forms", problems)
    return build_forms(data, f"{display_root}/{FORMS_FILE}", problems)


def build_forms(data: YamlMap | None, path: str, problems: Problems) -> tuple[Form, ...] | None:
    if data is None:
        return None
    ids = FirstOccurrences(path, problems, "id", "форма «{value}» уже описана в строке {first}")
    return tuple(
        Form(
            id=raw["id"],
            title=raw["title"],
            audience=raw["audience"],
            description=raw["description"],
            source=raw.get("source"),
        )
        for raw in ids.firsts(data["forms"])
    )


def blocks(renderer: Any, page_path: str) -> dict[str, Callable[[], str]]:
    content = renderer.content
    return {
        "forms-list": lambda: renderer.render(
            "blocks/forms-list.md.j2",
            page_path,
            groups=_by_audience(content.forms),
            documents={d.number: d for d in content.documents if d.number},
        )
    }


def _by_audience(forms: tuple[Form, ...]) -> dict[str, list[Form]]:
    groups: dict[str, list[Form]] = {}
    for form in forms:
        groups.setdefault(form.audience, []).append(form)
    return groups
