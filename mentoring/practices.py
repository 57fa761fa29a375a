"""The bank of mentoring practices: Markdown entries in content/practices/, loaded and checked.

An entry is ``content/practices/<name>.md`` or ``content/practices/<name>/index.md`` with
its files beside it. The front matter is validated against ``practice.schema.json`` and
against the other content (organisations, forms, plan); the body is Markdown, checked for
raw HTML, external images and links to files that are missing. Every problem names the file
and the real line in it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from mentoring.errors import Problems
from mentoring.models import Form, Person, Plan, Reference
from mentoring.organizations import Organization, unknown_organization_message
from mentoring.references import check_activity_ids
from mentoring.russian import count_words, slugify
from mentoring.schema import validate
from mentoring.yamlsource import YamlList, YamlMap, split_front_matter

PRACTICES_DIR = "practices"
PRACTICES_PAGE = "practices/index.md"
# Facet pages live at /practices/<kind>/<key>/, so these words cannot be practice slugs.
FACET_KINDS = ("form", "organization", "year", "tag")
BANK_REFERENCE_KIND = "Банк практик"
PRACTICE_REFERENCE_KIND = "Практика"
SAMPLE_NOTE = "образец оформления"

ATTACHMENT_FORMATS = {
    ".pdf": "PDF", ".doc": "DOC", ".docx": "DOCX", ".odt": "ODT", ".rtf": "RTF",
    ".xls": "XLS", ".xlsx": "XLSX", ".ods": "ODS", ".ppt": "PPT", ".pptx": "PPTX",
    ".odp": "ODP", ".jpg": "JPG", ".jpeg": "JPG", ".png": "PNG", ".zip": "ZIP",
}  # fmt: skip
IMAGE_FORMATS = {".jpg": "JPG", ".jpeg": "JPG", ".png": "PNG", ".webp": "WEBP", ".gif": "GIF"}
# Files in an entry's folder that are not published beside the page: the page itself is
# made from index.md, and another .md or .html would clash with generated pages.
_NOT_ASSETS = (".md", ".html", ".htm")


# --------------------------------------------------------------------------- models


@dataclass(frozen=True)
class Asset:
    """A file published next to the practice page: attachment, cover or image of the body."""

    name: str  # path relative to the page folder, with «/»
    source: Path


@dataclass(frozen=True)
class Attachment:
    file: str
    title: str
    size: int

    @property
    def format(self) -> str:
        return ATTACHMENT_FORMATS[PurePosixPath(self.file).suffix.lower()]

    @property
    def label(self) -> str:
        """«PDF, 1,2 МБ» — what a reader needs to know before downloading."""
        return f"{self.format}, {human_size(self.size)}"


@dataclass(frozen=True)
class Cover:
    file: str
    alt: str


@dataclass(frozen=True)
class Practice:
    slug: str
    title: str
    organization: str
    forms: tuple[str, ...]
    date: dt.date
    summary: str
    body: str
    source: str  # the file as authors know it: content/practices/x.md
    authors: tuple[Person, ...] = ()
    target_group: str | None = None
    results: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    cover: Cover | None = None
    plan: tuple[str, ...] = ()
    sample: bool = False
    assets: tuple[Asset, ...] = ()
    slug_line: int = 1
    page_links: tuple[tuple[str, int], ...] = ()  # Markdown links to pages, with their lines

    @property
    def page(self) -> str:
        return f"{PRACTICES_DIR}/{self.slug}/index.md"

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def tag_keys(self) -> tuple[str, ...]:
        return tuple(slugify(tag) for tag in self.tags)


def human_size(size: int) -> str:
    """File size the Russian way: «900 Б», «350 КБ», «1,2 МБ»."""
    if size < 1024:
        return f"{size} Б"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} КБ"
    return f"{size / 1024 / 1024:.1f}".replace(".", ",") + " МБ"


# --------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class Entry:
    """One practice as it lies on disk, before its front matter is read."""

    file: Path
    shown_as: str
    name: str  # file stem or folder name: where the default slug comes from
    folder: Path  # where its files lie
    own_folder: bool  # folder shape: every file beside index.md is published with the page

    @property
    def shown_folder(self) -> str:
        return self.shown_as.rsplit("/", 1)[0]

    @property
    def beside(self) -> str:
        return "рядом с index.md" if self.own_folder else "рядом с файлом практики"


@dataclass(frozen=True)
class _Context:
    """What entries are checked against; None where that content failed to load (its own
    problems are reported already, so entries are not blamed for them)."""

    form_ids: list[str] | None
    organizations: dict[str, Organization] | None
    plan: Plan | None
    problems: Problems


def find_entries(folder: Path, shown_folder: str, problems: Problems) -> list[Entry]:
    """Entries of both shapes, in file-name order; a folder without index.md is a mistake."""
    if not folder.is_dir():
        return []
    entries = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.startswith((".", "_")) or path.name.lower() == "readme.md":
            continue
        shown = f"{shown_folder}/{path.name}"
        if path.is_dir():
            index = path / "index.md"
            if index.is_file():
                entries.append(Entry(index, f"{shown}/index.md", path.name, path, True))
            else:
                problems.add(
                    shown,
                    None,
                    None,
                    "в папке практики нет файла index.md: текст практики с полями должен "
                    "лежать в файле index.md, а приложения — рядом с ним",
                )
        elif path.suffix.lower() == ".md":
            entries.append(Entry(path, shown, path.stem, folder, False))
    return entries


def load_practices(
    folder: Path,
    shown_folder: str,
    *,
    forms: Sequence[Form] | None,
    organizations: Sequence[Organization] | None,
    plan: Plan | None,
    problems: Problems,
) -> tuple[Practice, ...]:
    """Every entry that is not a draft, newest first."""
    context = _Context(
        None if forms is None else [form.id for form in forms],
        None if organizations is None else {org.id: org for org in organizations},
        plan,
        problems,
    )
    practices = []
    for entry in find_entries(folder, shown_folder, problems):
        practice = load_practice(entry, context)
        if practice is not None:
            practices.append(practice)
    _check_unique_slugs(practices, problems)
    return tuple(sorted(practices, key=_newest_first))


def _newest_first(practice: Practice) -> tuple[int, str, str]:
    return (-practice.date.toordinal(), practice.title.casefold(), practice.slug)


def load_practice(entry: Entry, context: _Context) -> Practice | None:
    problems = context.problems
    path = entry.shown_as
    try:
        text = entry.file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        problems.add(path, None, None, "файл не в кодировке UTF-8; сохраните его в UTF-8")
        return None
    errors_before = len(problems)
    data, body, body_line = split_front_matter(text, path, problems)
    if len(problems) > errors_before:
        return None
    if data is None:
        problems.add(
            path,
            1,
            None,
            "блок полей пуст: между строками «---» заполните поля title, organization, forms, "
            "date и summary",
        )
        return None
    if isinstance(data, dict) and data.get("draft") is True:
        return None
    if not validate(data, "practice", path, problems):
        return None

    slug = _slug(entry, data, problems)
    date = _publication_date(data, path, problems)
    _check_organization(data, path, context)
    forms = _known_forms(data, path, context)
    plan_ids = check_activity_ids(data.get("plan", YamlList()), context.plan, path, problems)
    authors = _consented_authors(data.get("authors", []), path, problems)
    tags = _tags(data.get("tags", YamlList()), path, problems)
    attachments = _attachments(entry, data.get("attachments", []), problems)
    cover = _cover(entry, data.get("cover"), problems)
    linked, page_links = _check_body(entry, body, body_line, problems)
    if len(problems) > errors_before:
        return None
    assert slug is not None and date is not None, "problems were reported above"
    if entry.own_folder:
        assets = _folder_assets(entry.folder)
    else:
        named = [a.file for a in attachments] + ([cover.file] if cover else []) + linked
        assets = [Asset(name, entry.folder / name) for name in dict.fromkeys(named)]
    return Practice(
        slug=slug,
        title=data["title"],
        organization=data["organization"],
        forms=forms,
        date=date,
        summary=data["summary"],
        body=body,
        source=path,
        authors=authors,
        target_group=data.get("target_group"),
        results=tuple(data.get("results", [])),
        tags=tags,
        attachments=attachments,
        cover=cover,
        plan=plan_ids,
        sample=data.get("sample", False),
        assets=tuple(assets),
        slug_line=data.line_of("slug") if "slug" in data else 1,
        page_links=tuple(page_links),
    )


def _slug(entry: Entry, data: YamlMap, problems: Problems) -> str | None:
    slug = data.get("slug") or slugify(entry.name)
    line = data.line_of("slug") if "slug" in data else 1
    if not slug:
        problems.add(
            entry.shown_as,
            1,
            None,
            f"из имени «{entry.name}» не получается адрес страницы; добавьте поле slug "
            "латиницей, например slug: klub-molodogo-pedagoga",
        )
        return None
    if slug in FACET_KINDS:
        problems.add(
            entry.shown_as,
            line,
            "slug" if "slug" in data else None,
            f"адрес /practices/{slug}/ занят страницами отбора практик; укажите другое поле "
            "slug или переименуйте файл",
        )
        return None
    return slug


def _check_unique_slugs(practices: Iterable[Practice], problems: Problems) -> None:
    """Two entries with one address would overwrite each other's page."""
    taken: dict[str, Practice] = {}
    for practice in practices:
        first = taken.setdefault(practice.slug, practice)
        if first is not practice:
            problems.add(
                practice.source,
                practice.slug_line,
                None,
                f"адрес /practices/{practice.slug}/ уже занят практикой {first.source}; "
                "укажите в одной из них другое поле slug или переименуйте файл",
            )


def _publication_date(data: YamlMap, path: str, problems: Problems) -> dt.date | None:
    try:
        return dt.date.fromisoformat(data["date"])
    except ValueError:
        problems.add(path, data.line_of("date"), "date", f"такой даты нет: «{data['date']}»")
        return None


def _check_organization(data: YamlMap, path: str, context: _Context) -> None:
    if context.organizations is None:
        return
    organization = context.organizations.get(data["organization"])
    line = data.line_of("organization")
    if organization is None:
        message = unknown_organization_message(data["organization"], list(context.organizations))
        context.problems.add(path, line, "organization", message)
    elif organization.sample and not data.get("sample", False):
        context.problems.add(
            path,
            line,
            "organization",
            f"организация «{organization.id}» — образец (sample: true), а практика — нет; "
            "укажите настоящую организацию или отметьте практику как образец (sample: true)",
        )


def _known_forms(data: YamlMap, path: str, context: _Context) -> tuple[str, ...]:
    raw: YamlList = data["forms"]
    known = context.form_ids
    for index, form_id in enumerate(raw):
        if known is None or form_id in known:
            continue
        message = f"недопустимое значение «{form_id}», допустимые значения: " + ", ".join(known)
        close = difflib.get_close_matches(form_id, known, n=1)
        if close:
            message += f"; возможно, имелось в виду «{close[0]}»"
        context.problems.add(path, raw.line_of(index), "forms", message)
    return tuple(raw)


def _consented_authors(raw: Sequence[YamlMap], path: str, problems: Problems) -> tuple[Person, ...]:
    """A name is published only with the person's consent to dissemination (152-ФЗ, ст. 10.1)."""
    authors = []
    for author in raw:
        if author.get("consent") is True:
            authors.append(Person(name=author["name"], position=author.get("position")))
            continue
        problems.add(
            path,
            author.line_of("consent"),
            "consent",
            "имя автора публикуется только с его письменного согласия на распространение "
            "персональных данных (152-ФЗ, ст. 10.1): если согласие получено, поставьте "
            "consent: true, иначе удалите автора из списка authors",
        )
    return tuple(authors)


def _tags(raw: YamlList, path: str, problems: Problems) -> tuple[str, ...]:
    tags: dict[str, str] = {}
    for index, tag in enumerate(raw):
        key = slugify(tag)
        if not key:
            problems.add(path, raw.line_of(index), "tags", f"в метке «{tag}» нет ни букв, ни цифр")
        else:
            tags.setdefault(key, tag)
    return tuple(tags.values())


def _resolve(
    entry: Entry, name: str, line: int, field: str | None, problems: Problems
) -> Path | None:
    """A file named relative to the entry: it must exist and lie inside the entry's folder."""
    target = entry.folder / name
    if PurePosixPath(name).is_absolute() or not target.resolve().is_relative_to(
        entry.folder.resolve()
    ):
        problems.add(
            entry.shown_as,
            line,
            field,
            f"путь «{name}» ведёт за пределы папки практики; положите файл {entry.beside} "
            "и укажите только его имя",
        )
        return None
    if not target.is_file():
        problems.add(
            entry.shown_as,
            line,
            field,
            f"файл «{name}» не найден: ожидается {entry.shown_folder}/{name}; положите файл "
            f"{entry.beside} или исправьте имя (регистр букв важен)",
        )
        return None
    return target


def _check_format(
    entry: Entry, name: str, line: int, field: str, formats: dict[str, str], problems: Problems
) -> bool:
    if PurePosixPath(name).suffix.lower() in formats:
        return True
    allowed = ", ".join(dict.fromkeys(formats.values()))
    problems.add(
        entry.shown_as,
        line,
        field,
        f"формат файла «{name}» не подходит; допустимые форматы: {allowed}",
    )
    return False


def _attachments(
    entry: Entry, raw: Sequence[YamlMap], problems: Problems
) -> tuple[Attachment, ...]:
    attachments = []
    for item in raw:
        line = item.line_of("file")
        if not _check_format(entry, item["file"], line, "file", ATTACHMENT_FORMATS, problems):
            continue
        file = _resolve(entry, item["file"], line, "file", problems)
        if file is not None:
            attachments.append(Attachment(item["file"], item["title"], file.stat().st_size))
    return tuple(attachments)


def _cover(entry: Entry, raw: YamlMap | None, problems: Problems) -> Cover | None:
    if raw is None:
        return None
    line = raw.line_of("file")
    if _check_format(entry, raw["file"], line, "file", IMAGE_FORMATS, problems) and _resolve(
        entry, raw["file"], line, "file", problems
    ):
        return Cover(raw["file"], raw["alt"])
    return None


def _folder_assets(folder: Path) -> list[Asset]:
    return [
        Asset(path.relative_to(folder).as_posix(), path)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        and path.suffix.lower() not in _NOT_ASSETS
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    ]


# --------------------------------------------------------------------------- body

_FENCED_CODE = re.compile(r"^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\1[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)[^\n]+?\1")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HTML_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")
# Starts at «[» (a literal the regex engine can scan for); «!» before it marks an image.
_LINK = re.compile(r"\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?([^\s>]+)>?", re.M)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _blank(match: re.Match[str]) -> str:
    """Code and comments are blanked out, keeping offsets, so lines stay right."""
    return re.sub(r"[^\n]", " ", match.group(0))


def _check_body(
    entry: Entry, body: str, body_line: int, problems: Problems
) -> tuple[list[str], list[tuple[str, int]]]:
    """Problems of the Markdown body; returns the local files it links to and the links to
    pages of the site (with their lines), which are checked once all pages are known."""
    path = entry.shown_as
    if not _COMMENT.sub("", body).strip():
        problems.add(
            path,
            body_line,
            None,
            "нет текста практики: после блока полей опишите практику (разделы «Цель и задачи», "
            "«Описание», «Результаты», «Ресурсы»)",
        )
        return [], []
    text = _CODE_SPAN.sub(_blank, _FENCED_CODE.sub(_blank, body))

    def line_at(offset: int) -> int:
        return body_line + text.count("\n", 0, offset)

    tags_by_line: dict[int, list[str]] = {}
    for tag in _HTML_TAG.finditer(_COMMENT.sub(_blank, text)):
        tags_by_line.setdefault(line_at(tag.start()), []).append(f"«{tag.group(0)[:40]}»")
    for line, tags in tags_by_line.items():
        problems.add(
            path,
            line,
            None,
            f"HTML-разметка {', '.join(tags)} в тексте практики: текст пишется в Markdown, "
            "HTML не допускается; уберите теги или возьмите их в обратные кавычки `…`, "
            "если их нужно показать",
        )
    files: list[str] = []
    pages: list[tuple[str, int]] = []
    targets = [
        (m.start(), text[m.start() - 1 : m.start()] == "!", m.group(1))
        for m in _LINK.finditer(text)
    ]
    targets += [(m.start(), False, m.group(1)) for m in _LINK_DEFINITION.finditer(text)]
    for offset, is_image, target in targets:
        line = line_at(offset)
        if _SCHEME.match(target):
            if is_image and target.lower().startswith(("http:", "https:", "//")):
                problems.add(
                    path,
                    line,
                    None,
                    f"изображение «{target}» загружается с другого сайта, а сайт не должен "
                    f"обращаться к чужим серверам; скачайте файл и положите его {entry.beside}",
                )
            continue
        name = unquote(target.split("#", 1)[0].split("?", 1)[0])
        suffix = PurePosixPath(name).suffix.lower()
        if not name or name.startswith("/"):
            continue
        if suffix == ".md":
            pages.append((name, line))
        elif name.endswith("/") or suffix in ("", *_NOT_ASSETS):
            problems.add(
                path,
                line,
                None,
                f"ссылка «{target}» на страницу сайта: укажите путь к Markdown-файлу страницы "
                "от страницы практики, например ../../plan/index.md или "
                "../klub-molodogo-pedagoga/index.md",
            )
        elif _resolve(entry, name, line, None, problems) is not None:
            files.append(PurePosixPath(name).as_posix())
    return files, pages


def check_page_links(practices: Iterable[Practice], page_exists: Callable[[str], bool]) -> Problems:
    """Links from practice texts to pages of the site, once all pages are known.

    A link is read from the practice page (practices/<slug>/index.md), as MkDocs reads it.
    """
    problems = Problems()
    for practice in practices:
        folder = posixpath.dirname(practice.page)
        for target, line in practice.page_links:
            page = posixpath.normpath(posixpath.join(folder, target))
            if not page_exists(page):
                problems.add(
                    practice.source,
                    line,
                    None,
                    f"ссылка «{target}» ведёт на страницу {page}, а её нет на сайте; путь "
                    "пишется от страницы практики, например ../../plan/index.md или "
                    "../klub-molodogo-pedagoga/index.md",
                )
    return problems


# --------------------------------------------------------------------------- references


def practice_references(
    practices: Sequence[Practice], bank_activities: Sequence[str], *, show_samples: bool
) -> tuple[Reference, ...]:
    """The bank as evidence for its plan activities, and each practice for the ones it serves."""
    published = [p for p in practices if show_samples or not p.sample]
    if not published:
        return ()
    title = "Банк лучших практик наставничества: " + count_words(
        len(published), "практика", "практики", "практик"
    )
    samples = sum(1 for p in published if p.sample)
    if samples:
        title += f" (из них образцов оформления: {samples})"
    references = [
        Reference(activity_id, BANK_REFERENCE_KIND, title, PRACTICES_PAGE)
        for activity_id in bank_activities
    ]
    for practice in published:
        shown = f"{practice.title} ({SAMPLE_NOTE})" if practice.sample else practice.title
        references += [
            Reference(activity_id, PRACTICE_REFERENCE_KIND, shown, practice.page, practice.date)
            for activity_id in practice.plan
        ]
    return tuple(references)


# --------------------------------------------------------------------------- the published bank

FACET_TITLES = {
    "form": "Формы наставничества",
    "organization": "Организации",
    "year": "Годы публикации",
    "tag": "Метки",
}


@dataclass(frozen=True)
class Facet:
    """One value to filter the bank by, e.g. the form «ученик – ученик», with its practices."""

    kind: str
    key: str
    label: str
    practices: tuple[Practice, ...]

    @property
    def page(self) -> str:
        return f"{PRACTICES_DIR}/{self.kind}/{self.key}/index.md"

    @property
    def count(self) -> int:
        return len(self.practices)


@dataclass(frozen=True)
class Bank:
    """What the site publishes: visible practices (newest first), organisations and facets."""

    practices: tuple[Practice, ...]
    organizations: tuple[Organization, ...]
    forms: dict[str, Form]
    facets: dict[str, tuple[Facet, ...]]

    @classmethod
    def publish(
        cls,
        practices: Sequence[Practice],
        organizations: Sequence[Organization],
        forms: Sequence[Form],
        *,
        show_samples: bool,
    ) -> Bank:
        shown = tuple(p for p in practices if show_samples or not p.sample)
        shown_organizations = tuple(o for o in organizations if show_samples or not o.sample)
        names = {o.id: o.short_name for o in shown_organizations}
        order = {form.id: index for index, form in enumerate(forms)}
        form_titles = {form.id: form.title for form in forms}
        groups: dict[str, dict[str, list[Practice]]] = {kind: {} for kind in FACET_KINDS}
        labels: dict[tuple[str, str], str] = {}
        for practice in shown:
            values: list[tuple[str, str, str]] = [
                ("organization", practice.organization, names[practice.organization]),
                ("year", str(practice.year), str(practice.year)),
            ]
            values += [("form", f, form_titles[f]) for f in practice.forms]
            values += [("tag", slugify(t), t) for t in practice.tags]
            for kind, key, label in values:
                groups[kind].setdefault(key, []).append(practice)
                labels.setdefault((kind, key), label)
        sort_keys: dict[str, Any] = {
            "form": lambda key: order[key],
            "organization": lambda key: labels["organization", key].casefold(),
            "year": lambda key: -int(key),
            "tag": lambda key: labels["tag", key].casefold(),
        }
        facets = {
            kind: tuple(
                Facet(kind, key, labels[kind, key], tuple(groups[kind][key]))
                for key in sorted(groups[kind], key=sort_keys[kind])
            )
            for kind in FACET_KINDS
        }
        return cls(shown, shown_organizations, {f.id: f for f in forms}, facets)

    def organization(self, organization_id: str) -> Organization:
        return self._organization_index[organization_id]

    @cached_property
    def _organization_index(self) -> dict[str, Organization]:
        return {o.id: o for o in self.organizations}

    def practices_of(self, organization_id: str) -> tuple[Practice, ...]:
        facet = self.facet("organization", organization_id)
        return facet.practices if facet else ()

    def facet(self, kind: str, key: str) -> Facet | None:
        return self._facet_index.get((kind, key))

    @cached_property
    def _facet_index(self) -> dict[tuple[str, str], Facet]:
        return {(f.kind, f.key): f for facets in self.facets.values() for f in facets}

    @cached_property
    def _position(self) -> dict[str, int]:
        return {p.slug: index for index, p in enumerate(self.practices)}

    def related(self, practice: Practice, limit: int = 3) -> list[Practice]:
        """Other practices of the same forms: most forms in common first, then newest."""
        shared: Counter[str] = Counter()
        by_slug: dict[str, Practice] = {}
        for form_id in practice.forms:
            facet = self.facet("form", form_id)
            for other in facet.practices if facet else ():
                if other.slug != practice.slug:
                    shared[other.slug] += 1
                    by_slug[other.slug] = other
        ranked = sorted(shared, key=lambda slug: (-shared[slug], self._position[slug]))
        return [by_slug[slug] for slug in ranked[:limit]]
