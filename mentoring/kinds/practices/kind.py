"""The bank of practices as a kind: entries of content/practices/ (mentoring/kinds/practices/
bank.py), their pages and files (pages.py), and what the bank reports on the plan."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from mentoring.core.errors import Problems
from mentoring.core.files import PublishedFile
from mentoring.core.incremental import BuildMemory
from mentoring.html.sanitize import Sanitizer
from mentoring.kinds.models import Form, Plan, Reference, entry_references
from mentoring.kinds.newentry import entry_text
from mentoring.kinds.organizations import Organization
from mentoring.kinds.practices.bank import PRACTICES_DIR, Practice, bank_references, build_practices
from mentoring.kinds.practices.pages import BANK_INDEX_FILE, bank_files, bank_index, bank_pages


def load(
    root: Path,
    display_root: str,
    problems: Problems,
    *,
    forms: Sequence[Form] | None,
    organizations: Sequence[Organization] | None,
    plan: Plan | None,
    memory: BuildMemory | None = None,
    sanitizer: Sanitizer | None = None,
) -> tuple[Practice, ...]:
    return build_practices(
        root / PRACTICES_DIR,
        f"{display_root}/{PRACTICES_DIR}",
        forms=forms,
        organizations=organizations,
        plan=plan,
        problems=problems,
        memory=memory,
        sanitizer=sanitizer,
    )


def references(practices: tuple[Practice, ...], kinds: dict[str, Any]) -> tuple[Reference, ...]:
    """Each practice for the activities it names, and the bank as a whole for those of
    site.yaml's practices_plan."""
    site = kinds["site"]
    bank = bank_references(practices, site.practices_plan) if site is not None else ()
    return entry_references(practices) + bank


def pages(renderer: Any) -> Iterator[tuple[str, str | bytes | PublishedFile, bool]]:
    for page in bank_pages(renderer):
        yield page.path, page.markdown, page.in_nav
    yield BANK_INDEX_FILE, bank_index(renderer.content.bank, renderer.use_directory_urls), False
    for published in bank_files(renderer.content.bank):
        yield published.target, published, False


def blocks(renderer: Any, page_path: str) -> dict[str, Callable[[], str]]:
    content = renderer.content
    return {
        "practice-template": lambda: renderer.render(
            "blocks/practice-template.html.j2",
            page_path,
            text=entry_text(
                "Название практики", renderer.today, content.forms, content.organizations
            ),
        )
    }
