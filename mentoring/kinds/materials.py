"""Methodological materials: ``content/materials/<название>.md``, at /materials/<адрес>/.

Articles for mentors, curators and school heads. The «Материалы» page lists them with
the documents of kinds «методические рекомендации» and «шаблон».
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentoring.core.errors import Problems
from mentoring.core.incremental import BuildMemory
from mentoring.html.sanitize import Sanitizer
from mentoring.kinds.entries import Addresses, RawEntry, build_entries, entry_slug, parse_date
from mentoring.kinds.models import Plan, Reference, newest_first, references_of
from mentoring.kinds.plan.references import check_activity_ids

MATERIALS_FOLDER = "materials"
MATERIALS_PAGE = "materials/index.md"


@dataclass(frozen=True)
class Material:
    source: str
    slug: str
    title: str
    summary: str
    date: dt.date
    body: str
    plan: tuple[str, ...] = ()
    sample: bool = False
    draft: bool = False

    @property
    def page(self) -> str:
        return f"{MATERIALS_FOLDER}/{self.slug}.md"

    @property
    def references(self) -> tuple[Reference, ...]:
        return references_of(self, "Материал")


def build_materials(
    root: Path,
    display_root: str,
    plan: Plan | None,
    problems: Problems,
    memory: BuildMemory | None = None,
    sanitizer: Sanitizer | None = None,
) -> tuple[Material, ...]:
    """Every material, drafts and samples included, newest first (then by address)."""
    shown_folder = f"{display_root}/{MATERIALS_FOLDER}"

    def build(raw: RawEntry, addresses: Addresses) -> Material | None:
        scope = problems.scope()
        date = parse_date(raw.data, "date", raw.path, problems)
        slug = entry_slug(raw, raw.file.stem, problems)
        if slug is not None:
            addresses.claim(f"/materials/{slug}/", raw, problems)
        activity_ids = check_activity_ids(raw.data.get("plan", []), plan, raw.path, problems)
        if not scope.clean:
            return None
        assert date is not None and slug is not None, "reported above"
        return Material(
            source=raw.path,
            slug=slug,
            title=raw.data["title"],
            summary=raw.data["summary"],
            date=date,
            body=raw.body,
            plan=activity_ids,
            sample=raw.data.get("sample", False),
            draft=raw.data.get("draft", False),
        )

    return newest_first(
        build_entries(
            root / MATERIALS_FOLDER, shown_folder, "materials", problems, build, memory, sanitizer
        )
    )


# --------------------------------------------------------------------------- the kind


def load(
    root: Path,
    display_root: str,
    problems: Problems,
    *,
    plan: Plan | None,
    memory: BuildMemory | None = None,
    sanitizer: Sanitizer | None = None,
) -> Any:
    return build_materials(root, display_root, plan, problems, memory, sanitizer)


def pages(renderer: Any) -> Iterator[tuple[str, str, bool]]:
    for path, markdown in renderer.materials_pages().items():
        yield path, markdown, path == MATERIALS_PAGE
