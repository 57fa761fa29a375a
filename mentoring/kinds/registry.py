"""The kinds of content, each declared once: where it lives, its schema, its section, the
module that loads and publishes it, and its place in the navigation.

Whatever lists the kinds (loading, the generated pages and blocks, the navigation, the
wording of messages about an entry's text, search sections, `make check`'s summary, the
accessibility walk, the guides' field tables, the tests of the schemas, the scaffolds and
the editor's collections) reads them from here or is held to them by a test. A kind
without a scaffold or a guide table says so, and why, with ``Without``. Every field must be
given (there are no defaults), so a kind added without deciding its section or its summary
fails at import; tests/unit/test_registry.py holds the declarations to the schemas, the
modules, the navigation and the Content model.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import Any


@dataclass(frozen=True)
class Nav:
    """A kind's entry in the site navigation, between «Главная» and the authors' pages."""

    place: int  # order among the kinds' entries (or among the children of ``parent``)
    title: str
    page: str  # its list or page under docs/
    parent: str | None = None  # the kind whose section it belongs to


@dataclass(frozen=True)
class Without:
    """A declaration a kind deliberately goes without, and why (a scaffold, a guide table)."""

    reason: str


@dataclass(frozen=True)
class Scaffold:
    """A new entry from a scaffold: `make <name>`, ``python -m mentoring new-<name>``,
    mentoring/scaffolds/<name>.*.j2, and the words of the command."""

    name: str
    created: str  # what the command creates, in the accusative: «создать новость по шаблону»
    files: str | None  # what --files takes; None: no files, the command asks for the day
    several_files: bool  # more than one file may be given
    # What the author fills in next («Заполните …»); {id} is the new entry's id.
    to_fill: str


@dataclass(frozen=True)
class ContentType:
    name: str  # its key in mentoring.content.Content.kinds (and Content's field of that name)
    schema: str  # mentoring/schemas/<schema>.schema.json
    source: str  # under content/: a YAML file, or a folder of Markdown entries («news/»)
    section: str | None  # the first segment of its pages' addresses; None without pages
    search_section: str | None  # the section named beside a search result; None: page title
    text_of: str | None  # how a message names an entry's text; None for YAML kinds
    counted: tuple[str, str, str] | None  # «1 новость, 2 новости, 5 новостей» in `make check`
    module: str  # the module that loads, renders and publishes the kind (see KindModule)
    needs: tuple[str, ...]  # kinds its loader is given, loaded before it
    nav: Nav | None  # its entry in the navigation; None: no entry of its own
    scaffold: Scaffold | Without
    # docs/guide/<guide> includes its schema's field table (<!-- include: fields-<schema> -->)
    guide: str | Without

    def published(self, content: Any) -> Any:
        """Its published entries (or its published model) in a mentoring.content.Content."""
        return content.kinds[self.name]

    def loaded(self) -> ModuleType:
        """The kind's own module (``load``, and where it has them ``pages``, ``blocks``…)."""
        return importlib.import_module(self.module)

    def hook(self, name: str) -> Callable[..., Any] | None:
        """An optional function of the kind's module (``pages``, ``blocks``, ``home``…)."""
        function: Callable[..., Any] | None = getattr(self.loaded(), name, None)
        return function

    def pages(self, renderer: Any) -> Iterable[tuple[str, Any, bool]]:
        pages = self.hook("pages")
        return pages(renderer) if pages else ()

    def blocks(self, renderer: Any, page_path: str) -> dict[str, Callable[[], str]]:
        blocks = self.hook("blocks")
        return blocks(renderer, page_path) if blocks else {}

    def home(self, renderer: Any, page_path: str) -> str:
        home = self.hook("home")
        return home(renderer, page_path) if home else ""

    @property
    def is_entries(self) -> bool:
        """Markdown entries with front matter, one file (or folder) each."""
        return self.source.endswith("/")


# In the order of their pages in the site (and its sitemap); each is loaded after its needs.
TYPES = (
    ContentType(
        "plan",
        "plan",
        "plan.yaml",
        "plan",
        "План",
        None,
        None,
        "mentoring.kinds.plan.kind",
        ("glossary",),
        Nav(1, "План мероприятий", "plan/index.md"),
        scaffold=Without("one plan, the approved one: authors change statuses and evidence"),
        guide=Without("authors edit only status, evidence and note, explained in plan.md's prose"),
    ),
    ContentType(
        "glossary",
        "glossary",
        "glossary.yaml",
        "glossary",
        "Сокращения",
        None,
        None,
        "mentoring.kinds.glossary",
        (),
        Nav(9, "Сокращения", "glossary.md"),
        scaffold=Without("a term is two lines of content/glossary.yaml"),
        guide=Without("two fields, named in the table of files on guide/index.md"),
    ),
    ContentType(
        "site",
        "site",
        "site.yaml",
        "contacts",
        "Контакты",
        None,
        None,
        "mentoring.kinds.site",
        ("glossary", "plan"),
        Nav(8, "Контакты", "contacts.md"),
        scaffold=Without("one file of settings, not a kind of entry"),
        guide="contacts.md",
    ),
    ContentType(
        "forms",
        "forms",
        "forms.yaml",
        None,
        None,
        None,
        None,
        "mentoring.kinds.forms",
        (),
        None,
        scaffold=Without("the forms of the target model are fixed"),
        guide=Without("authors pick forms in other entries; they do not write them"),
    ),
    ContentType(
        "news",
        "news",
        "news/",
        "news",
        "Новости",
        "в тексте новости",
        ("новость", "новости", "новостей"),
        "mentoring.kinds.news",
        ("plan",),
        Nav(2, "Новости", "news/index.md"),
        scaffold=Scaffold(
            "news",
            created="новость",
            files="одно изображение (jpg или png) для поля image",
            several_files=False,
            to_fill="поля summary и plan и текст новости",
        ),
        guide="news.md",
    ),
    ContentType(
        "documents",
        "documents",
        "documents.yaml",
        "documents",
        "Документы",
        None,
        ("документ", "документа", "документов"),
        "mentoring.kinds.documents",
        ("plan",),
        Nav(4, "Документы", "documents.md"),
        scaffold=Scaffold(
            "document",
            created="документ",
            files="один файл документа",
            several_files=False,
            to_fill="поля kind, level и issuer документа {id}",
        ),
        guide="documents.md",
    ),
    ContentType(
        "materials",
        "materials",
        "materials/",
        "materials",
        "Материалы",
        "в тексте материала",
        ("материал", "материала", "материалов"),
        "mentoring.kinds.materials",
        ("plan",),
        Nav(5, "Материалы", "materials/index.md"),
        scaffold=Without("not yet: a material is a page with three fields, made in the web editor"),
        guide="materials.md",
    ),
    ContentType(
        "practices",
        "practice",
        "practices/",
        "practices",
        "Практики",
        "в тексте практики",
        ("практика", "практики", "практик"),
        "mentoring.kinds.practices.kind",
        ("forms", "organizations", "plan"),
        Nav(6, "Банк практик", "practices/index.md"),
        scaffold=Scaffold(
            "practice",
            created="практику",
            files="приложения и изображения: практика будет папкой с ними",
            several_files=True,
            to_fill="поля organization, forms и summary и текст практики",
        ),
        guide="practices.md",
    ),
    # Organisation pages are found by their own titles: no section of their own in search.
    # They are pages of the bank (mentoring/kinds/practices/pages.py).
    ContentType(
        "organizations",
        "organizations",
        "organizations.yaml",
        "organizations",
        None,
        None,
        None,
        "mentoring.kinds.organizations",
        (),
        Nav(1, "Организации", "organizations/index.md", parent="practices"),
        scaffold=Without("an organisation is one item of content/organizations.yaml"),
        guide="practices.md",
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
        "mentoring.kinds.practices.review",
        (),
        None,
        scaffold=Without("the criteria are set once by the ЦРО"),
        guide="editor.md",
    ),
    ContentType(
        "indicators",
        "indicators",
        "indicators.yaml",
        "monitoring",
        "Мониторинг",
        None,
        None,
        "mentoring.kinds.indicators",
        ("forms",),
        Nav(7, "Мониторинг", "monitoring.md"),
        scaffold=Without("the indicators are fixed by the monitoring programme"),
        guide="indicators.md",
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
        ("plan", "organizations", "news"),
        Nav(3, "Мероприятия", "events/index.md"),
        scaffold=Scaffold(
            "event",
            created="анонс мероприятия",
            files=None,
            several_files=False,
            to_fill="время в start и end, поля summary, place, audience и organizer",
        ),
        guide="events.md",
    ),
)
"""Each kind's module has

- ``load(root, display_root, problems, **needs)``: everything of the kind (drafts and
  samples too), given the kinds it ``needs`` by name; None when its file is missing or
  unusable (the problems say why). An entry has ``draft``, ``sample`` and ``references``;

and where the kind has them

- ``published(loaded, show_samples)``: what the site shows (default: the entries that are
  not drafts, nor samples when site.yaml hides them; a YAML kind's model as loaded);
- ``references(published, kinds)``: what it reports on plan activities, given every
  published kind by name (default for entries: the ``references`` of each);
- ``pages(renderer)``: (path, text, bytes or PublishedFile, in the nav) of each page and
  published file;
- ``blocks(renderer, page_path)``: include blocks for hand-written pages, by name;
- ``home(renderer, page_path)``: its part of the home page (``<!-- include: home-kinds -->``).
"""

_BY_NAME = {kind.name: kind for kind in TYPES}
_BY_SCHEMA = {kind.schema: kind for kind in TYPES}


def by_schema(schema: str) -> ContentType:
    """The kind validated by ``schema``; a KeyError names a schema nobody declared."""
    return _BY_SCHEMA[schema]


def by_name(name: str) -> ContentType:
    """The kind called ``name``; a KeyError names a kind nobody declared."""
    return _BY_NAME[name]


def entry_folders() -> tuple[str, ...]:
    """The folders of content/ whose files (or subfolders) are Markdown entries."""
    return tuple(kind.source.rstrip("/") for kind in TYPES if kind.is_entries)


def scaffolds() -> dict[str, Scaffold]:
    """The scaffolds of new entries, by name."""
    return {
        kind.scaffold.name: kind.scaffold for kind in TYPES if isinstance(kind.scaffold, Scaffold)
    }


def load_order() -> list[ContentType]:
    """Every kind after the kinds it needs, otherwise in declaration order."""
    ordered: list[ContentType] = []

    def place(kind: ContentType, needed_by: tuple[str, ...]) -> None:
        if kind in ordered:
            return
        assert kind.name not in needed_by, f"kinds need each other: {needed_by}"
        for need in kind.needs:
            place(by_name(need), (*needed_by, kind.name))
        ordered.append(kind)

    for kind in TYPES:
        place(kind, ())
    return ordered


def navigation(hand_written: list[Any]) -> list[Any]:
    """mkdocs.yml's ``nav`` with the kinds' entries after its first (the home page)."""
    entries: list[Any] = []
    for kind in sorted((k for k in TYPES if k.nav and not k.nav.parent), key=_place):
        assert kind.nav is not None
        children = sorted((k for k in TYPES if k.nav and k.nav.parent == kind.name), key=_place)
        if children:
            pages = [kind.nav.page, *({k.nav.title: k.nav.page} for k in children if k.nav)]
            entries.append({kind.nav.title: pages})
        else:
            entries.append({kind.nav.title: kind.nav.page})
    return [*hand_written[:1], *entries, *hand_written[1:]]


def _place(kind: ContentType) -> int:
    return kind.nav.place if kind.nav else 0
