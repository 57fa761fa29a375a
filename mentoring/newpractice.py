"""A new practice entry from the scaffold: ``python -m mentoring new-practice`` (``make practice``).

The scaffold explains every field in Russian comments and lists the ids authors may use,
taken from the current content, so the first ``make check`` says what is still to fill in.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

import jinja2

from mentoring.entries import RESERVED_SLUGS
from mentoring.files import long_name_problem
from mentoring.models import Form
from mentoring.organizations import Organization
from mentoring.practices import FACET_KINDS, PRACTICES_DIR
from mentoring.russian import slugify

SCAFFOLD = "practice.md.j2"


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), Cyrillic kept readable."""
    return json.dumps(value, ensure_ascii=False)


def entry_text(
    title: str, date: dt.date, forms: Sequence[Form], organizations: Sequence[Organization]
) -> str:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("mentoring", "scaffolds"),
        autoescape=False,  # the output is YAML and Markdown, not HTML
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["yaml"] = yaml_string
    return environment.get_template(SCAFFOLD).render(
        title=title, date=date.isoformat(), forms=forms, organizations=organizations
    )


class EntryExists(Exception):
    """The file for the new practice is already there; nothing is overwritten."""


def create_practice(
    content_dir: Path,
    title: str,
    date: dt.date,
    forms: Sequence[Form],
    organizations: Sequence[Organization],
) -> Path:
    """Write ``content/practices/<slug>.md``; ValueError/EntryExists explain in Russian."""
    title = " ".join(title.split())
    if not title:
        raise ValueError("название практики не может быть пустым")
    slug = slugify(title)
    if not slug:
        raise ValueError(f"из названия «{title}» не получается имя файла: нужны буквы или цифры")
    if slug in (*FACET_KINDS, *RESERVED_SLUGS):
        slug = f"{slug}-practice"
    too_long = long_name_problem(f"{slug}.md", "имя файла из названия")
    if too_long:
        raise ValueError(f"{too_long}; сократите название")
    folder = content_dir / PRACTICES_DIR
    target = folder / f"{slug}.md"
    for existing in (target, folder / slug):
        if existing.exists():
            raise EntryExists(
                f"практика с таким именем уже есть: {existing}; выберите другое название"
            )
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(entry_text(title, date, forms, organizations), encoding="utf-8")
    return target
