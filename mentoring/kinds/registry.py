"""The kinds of content, each declared once: where it lives, its schema, its section.

Whatever lists the kinds (the wording of messages about an entry's text, search sections,
`make check`'s summary, the accessibility walk, the tests of the schemas) reads them from
here. Every field must be given (there are no defaults), so a kind added without deciding
its section or its summary fails at import; tests/unit/test_registry.py holds the
declarations to the schemas, the navigation and the Content model.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Any


@dataclass(frozen=True)
class ContentType:
    name: str  # the field of mentoring.content.Content that holds it
    schema: str  # mentoring/schemas/<schema>.schema.json
    source: str  # under content/: a YAML file, or a folder of Markdown entries («news/»)
    section: str | None  # the first segment of its pages' addresses; None without pages
    search_section: str | None  # the section named beside a search result; None: page title
    text_of: str | None  # how a message names an entry's text; None for YAML kinds
    counted: tuple[str, str, str] | None  # «1 новость, 2 новости, 5 новостей» in `make check`
    # The module that loads, renders and publishes the kind by itself (see KindModule);
    # None: the older kinds, wired by name in content.py, render.py and hooks/site.py.
    module: str | None

    def published(self, content: Any) -> tuple[Any, ...]:
        """Its published entries in a mentoring.content.Content."""
        return content.kinds[self.name] if self.module else getattr(content, self.name)

    def loaded(self) -> ModuleType:
        """The kind's own module (``load``, ``pages``, ``blocks``, ``home``)."""
        assert self.module is not None, f"{self.name} is wired by name"
        return importlib.import_module(self.module)

    @property
    def is_entries(self) -> bool:
        """Markdown entries with front matter, one file (or folder) each."""
        return self.source.endswith("/")


TYPES = (
    ContentType("site", "site", "site.yaml", "contacts", "Контакты", None, None, None),
    ContentType(
        "glossary", "glossary", "glossary.yaml", "glossary", "Сокращения", None, None, None
    ),
    ContentType("plan", "plan", "plan.yaml", "plan", "План", None, None, None),
    ContentType("forms", "forms", "forms.yaml", None, None, None, None, None),
    ContentType(
        "news",
        "news",
        "news/",
        "news",
        "Новости",
        "в тексте новости",
        ("новость", "новости", "новостей"),
        None,
    ),
    ContentType(
        "documents",
        "documents",
        "documents.yaml",
        "documents",
        "Документы",
        None,
        ("документ", "документа", "документов"),
        None,
    ),
    ContentType(
        "materials",
        "materials",
        "materials/",
        "materials",
        "Материалы",
        "в тексте материала",
        ("материал", "материала", "материалов"),
        None,
    ),
    ContentType(
        "practices",
        "practice",
        "practices/",
        "practices",
        "Практики",
        "в тексте практики",
        ("практика", "практики", "практик"),
        None,
    ),
    ContentType(
        "events",
        "events",
        "events/",
        "events",
        "Мероприятия",
        "в тексте анонса мероприятия",
        ("анонс мероприятия", "анонса мероприятий", "анонсов мероприятий"),
        "mentoring.kinds.events",
    ),
    # The criteria of practice review, shown on the bank's page.
    ContentType(
        "review_criteria",
        "review",
        "review.yaml",
        None,
        None,
        None,
        None,
        None,
    ),
    # Organisation pages are found by their own titles: no section of their own in search.
    ContentType(
        "organizations",
        "organizations",
        "organizations.yaml",
        "organizations",
        None,
        None,
        None,
        None,
    ),
    ContentType(
        "indicators",
        "indicators",
        "indicators.yaml",
        "monitoring",
        "Мониторинг",
        None,
        None,
        None,
    ),
)

SELF_WIRED = tuple(kind for kind in TYPES if kind.module is not None)
"""Kinds that bring their own module. Such a module has

- ``load(root, display_root, problems, **loaded)``: every entry (drafts and samples too),
  given the kinds loaded before it by name (plan, organizations, news…); an entry has
  ``draft``, ``sample`` and ``references`` (what it proves of the plan);
- ``pages(renderer)``: (path, text or bytes, in the nav) of each page and published file;
- ``blocks(renderer, page_path)``: include blocks for hand-written pages, by name;
- ``home(renderer, page_path)``: its part of the home page (``<!-- include: home-kinds -->``).
"""

_BY_SCHEMA = {kind.schema: kind for kind in TYPES}


def by_schema(schema: str) -> ContentType:
    """The kind validated by ``schema``; a KeyError names a schema nobody declared."""
    return _BY_SCHEMA[schema]
