"""The bank of mentoring practices: Markdown entries in content/practices/, loaded and checked.

An entry is ``content/practices/<name>.md`` or ``content/practices/<name>/index.md`` with
its files beside it. Front matter is loaded like news and materials (``entries.py``) and
checked against the other content (organisations, forms, plan); files go through the shared
download rules (``files.py``); the body is Markdown, checked for raw HTML, external images
and links to files or pages that are missing. Every problem names the file and its line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from mentoring.core.errors import Problems
from mentoring.core.files import IMAGE_TYPES, PublishedFile, check_file
from mentoring.core.incremental import BuildMemory
from mentoring.core.pagination import PAGES_DIR
from mentoring.core.russian import count_words, did_you_mean, slugify
from mentoring.core.yamlsource import YamlList, YamlMap
from mentoring.html.includes import INCLUDE
from mentoring.html.links import spaced_addresses
from mentoring.html.sanitize import Sanitizer
from mentoring.kinds.entries import (
    COMMENT,
    LINK,
    Addresses,
    RawEntry,
    entry_slug,
    load_remembered,
    parse_date,
    slug_problem,
)
from mentoring.kinds.models import Form, Person, Plan, Reference, consented_person, references_of
from mentoring.kinds.organizations import (
    ORGANIZATIONS_PAGE,
    Organization,
    by_id,
    check_organization,
)
from mentoring.kinds.plan.references import check_activity_ids
from mentoring.kinds.practices.review import REVIEW_STATUSES, Review, build_review

PRACTICES_DIR = "practices"
PRACTICES_PAGE = "practices/index.md"
TAGS_PAGE = "practices/tag/index.md"  # every tag, beside the tags' facet pages
# Facet pages live at /practices/<kind>/<key>/, so these words cannot be practice slugs.
FACET_KINDS = ("form", "review", "organization", "year", "tag")
# Nor the folder of the bank's pages 2, 3 … (/practices/page/2/).
BANK_FOLDERS = (*FACET_KINDS, PAGES_DIR)
BANK_REFERENCE_KIND = "Банк практик"
PRACTICE_REFERENCE_KIND = "Практика"
# Links to these are links to pages, never files to publish beside the practice.
_PAGE_SUFFIXES = ("", ".md", ".html", ".htm")


# --------------------------------------------------------------------------- models


@dataclass(frozen=True)
class Attachment:
    title: str
    file: PublishedFile  # its label says «PDF, 1,2 МБ»


@dataclass(frozen=True)
class Cover:
    file: PublishedFile
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
    review: Review | None = None
    sample: bool = False
    draft: bool = False
    files: tuple[PublishedFile, ...] = ()  # everything published beside the page
    page_links: tuple[tuple[str, int], ...] = ()  # Markdown links to pages, with their lines

    @property
    def page(self) -> str:
        return f"{PRACTICES_DIR}/{self.slug}/index.md"

    @property
    def year(self) -> int:
        return self.date.year

    @cached_property
    def tag_keys(self) -> tuple[str, ...]:
        """Address parts of the tags (cached: every card and page of the practice shows them)."""
        return tuple(slugify(tag) for tag in self.tags)

    @property
    def references(self) -> tuple[Reference, ...]:
        return references_of(self, PRACTICE_REFERENCE_KIND)


# --------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class Entry:
    """One practice as it lies on disk, before its front matter is read."""

    file: Path
    shown_as: str
    name: str  # file stem or folder name: where the default slug comes from
    folder: Path  # where its files lie
    shown_folder: str


@dataclass(frozen=True)
class _Context:
    """What entries are checked against; None where that content failed to load (its own
    problems are reported already, so entries are not blamed for them)."""

    form_ids: list[str] | None
    organizations: dict[str, Organization] | None
    plan: Plan | None
    problems: Problems
    tag_owners: dict[str, tuple[str, str, int]] = field(default_factory=dict)
    """Address part of every tag seen → (the tag as written, its file, its line)."""


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
                entries.append(Entry(index, f"{shown}/index.md", path.name, path, shown))
            else:
                problems.add(
                    shown,
                    None,
                    None,
                    "в папке практики нет файла index.md: текст практики с полями должен "
                    "лежать в файле index.md, а приложения — рядом с ним",
                )
        elif path.suffix.lower() == ".md":
            entries.append(Entry(path, shown, path.stem, folder, shown_folder))
    return entries


def build_practices(
    folder: Path,
    shown_folder: str,
    *,
    forms: Sequence[Form] | None,
    organizations: Sequence[Organization] | None,
    plan: Plan | None,
    problems: Problems,
    memory: BuildMemory | None = None,
    sanitizer: Sanitizer | None = None,
) -> tuple[Practice, ...]:
    """Every practice, drafts and samples included, newest first."""
    context = _Context(
        None if forms is None else [form.id for form in forms],
        None if organizations is None else by_id(organizations),
        plan,
        problems,
    )
    addresses = Addresses()
    sanitizer = sanitizer or Sanitizer()
    practices = []
    for entry in find_entries(folder, shown_folder, problems):
        raw = load_remembered(entry.file, entry.shown_as, "practice", problems, memory, sanitizer)
        if raw is not None:
            practice = _build_practice(entry, raw, addresses, context, memory)
            if practice is not None:
                practices.append(practice)
    return tuple(sorted(practices, key=_newest_first))


def _newest_first(practice: Practice) -> tuple[int, str, str]:
    return (-practice.date.toordinal(), practice.title.casefold(), practice.slug)


def _build_practice(
    entry: Entry,
    raw: RawEntry,
    addresses: Addresses,
    context: _Context,
    memory: BuildMemory | None,
) -> Practice | None:
    """The practice, checked against the other practices (its address, its tags) and then
    on its own; `make serve` remembers the latter while the entry and its files stay."""
    scope = context.problems.scope()
    slug = _slug(raw, entry.name, addresses, context.problems)
    tags = _tags(raw.data.get("tags", YamlList()), raw.path, context)

    def check(found: Problems) -> Practice | None:
        return _checked_practice(
            entry, raw, slug, tags, dataclasses.replace(context, problems=found)
        )

    if memory is None or slug is None:
        practice = check(context.problems)
    else:
        practice = memory.checked_entry(
            raw.path,
            (slug, tags),
            context.problems,
            check,
            lambda checked: (file.source for file in checked.files),
        )
    return practice if scope.clean else None


def _checked_practice(
    entry: Entry, raw: RawEntry, slug: str | None, tags: tuple[str, ...], context: _Context
) -> Practice | None:
    """The practice's own checks: None when one of them (or an earlier one) found a problem."""
    problems = context.problems
    scope = problems.scope()
    data, path = raw.data, raw.path
    date = parse_date(data, "date", path, problems)
    _check_organization(data, path, context)
    forms = _known_forms(data, path, context)
    plan_ids = check_activity_ids(data.get("plan", YamlList()), context.plan, path, problems)
    authors = _consented_authors(data.get("authors", []), path, problems)
    review = build_review(data["review"], path, problems) if "review" in data else None

    def publish(
        name: str, line: int | None, field: str | None, **rules: Any
    ) -> PublishedFile | None:
        return check_file(
            name,
            folder=entry.folder,
            shown_folder=entry.shown_folder,
            target_folder=f"{PRACTICES_DIR}/{slug}",
            path=path,
            line=line,
            field=field,
            problems=problems,
            **rules,
        )

    attachments = []
    for item in data.get("attachments", []):
        published = publish(item["file"], item.line_of("file"), "file")
        if published is not None:
            attachments.append(Attachment(item["title"], published))
    cover = None
    if "cover" in data:
        raw_cover = data["cover"]
        published = publish(
            raw_cover["file"], raw_cover.line_of("file"), "file", allowed=IMAGE_TYPES
        )
        if published is not None:
            cover = Cover(published, raw_cover["alt"])
    linked, page_links = _check_body(entry, raw, problems)
    body_files = [publish(name, line, None) for name, line in linked]
    if not scope.clean or slug is None:  # no slug: _build_practice reported why
        return None
    assert date is not None, "problems were reported above"
    files = [a.file for a in attachments] + ([cover.file] if cover else []) + body_files
    return Practice(
        slug=slug,
        title=data["title"],
        organization=data["organization"],
        forms=forms,
        date=date,
        summary=data["summary"],
        body=raw.body,
        source=path,
        authors=authors,
        target_group=data.get("target_group"),
        results=tuple(data.get("results", [])),
        tags=tags,
        attachments=tuple(attachments),
        cover=cover,
        plan=plan_ids,
        review=review,
        sample=data.get("sample", False),
        draft=data.get("draft", False),
        files=tuple(dict.fromkeys(f for f in files if f is not None)),
        page_links=tuple(page_links),
    )


def _slug(raw: RawEntry, name: str, addresses: Addresses, problems: Problems) -> str | None:
    slug = entry_slug(raw, name, problems)
    if slug in BANK_FOLDERS:
        remedy = "задайте другое поле slug"
        if "slug" not in raw.data:
            remedy = "переименуйте файл или задайте поле slug"
        slug_problem(
            raw, f"адрес «{slug}» занят служебными страницами банка практик; {remedy}", problems
        )
        return None
    if slug is not None and not addresses.claim(f"/practices/{slug}/", raw, problems):
        return None
    return slug


def _check_organization(data: YamlMap, path: str, context: _Context) -> None:
    if context.organizations is not None:
        entry = ("практика", "практику")
        check_organization(
            data, "organization", context.organizations, entry, path, context.problems
        )


def _known_forms(data: YamlMap, path: str, context: _Context) -> tuple[str, ...]:
    raw: YamlList = data["forms"]
    known = context.form_ids
    for index, form_id in enumerate(raw):
        if known is None or form_id in known:
            continue
        message = f"недопустимое значение «{form_id}», допустимые значения: " + ", ".join(known)
        message += did_you_mean(form_id, known)
        context.problems.add(path, raw.line_of(index), "forms", message)
    return tuple(raw)


def _consented_authors(raw: Sequence[YamlMap], path: str, problems: Problems) -> tuple[Person, ...]:
    """The authors whose consent to publish their names the entry records."""
    remedy = "удалите автора из списка authors"
    people = (consented_person(author, path, problems, remedy) for author in raw)
    return tuple(person for person in people if person is not None)


def _tags(raw: YamlList, path: str, context: _Context) -> tuple[str, ...]:
    """Tags become addresses (/practices/tag/<key>/): two tags with one address would merge
    into one page under one of their names, so that is a mistake, in one practice or two.
    Tags that differ only in case («Адаптация», «адаптация») are one tag and share a page."""
    tags: dict[str, str] = {}
    for index, tag in enumerate(raw):
        key, line = slugify(tag), raw.line_of(index)
        if not key:
            context.problems.add(path, line, "tags", f"в метке «{tag}» нет ни букв, ни цифр")
            continue
        first_tag, first_path, first_line = context.tag_owners.setdefault(key, (tag, path, line))
        if first_tag.casefold() != tag.casefold():
            where = f"строка {first_line}" if first_path == path else f"{first_path}:{first_line}"
            context.problems.add(
                path,
                line,
                "tags",
                f"метки «{first_tag}» ({where}) и «{tag}» получают один адрес страницы «{key}» "
                "и слились бы в одну; назовите их одинаково или так, чтобы они различались "
                "буквами или цифрами",
            )
        else:
            tags.setdefault(key, tag)
    return tuple(tags.values())


# --------------------------------------------------------------------------- body

# A reference definition «[label]: address»; «[^1]: …» defines a footnote, not a link.
_LINK_DEFINITION = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]:\s*<?([^\s>]+)>?", re.M)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _check_body(
    entry: Entry, raw: RawEntry, problems: Problems
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Problems of the Markdown body; returns the local files it links to and its links to
    pages of the site, each with its line (pages are checked once all of them are known)."""
    path = entry.shown_as
    if not COMMENT.sub("", raw.body).strip() and not INCLUDE.search(raw.body):
        problems.add(
            path,
            raw.body_line,
            None,
            "нет текста практики: после блока полей опишите практику (разделы «Цель и задачи», "
            "«Описание», «Результаты», «Ресурсы»)",
        )
        return [], []
    text = raw.text  # HTML and remote images: checked by load_entry
    files: list[tuple[str, int]] = []
    pages: list[tuple[str, int]] = []
    spaced = spaced_addresses(text)  # reported for every entry by load_entry
    targets = [(m.start(), m.group(1)) for m in LINK.finditer(text) if m.start() not in spaced]
    targets += [(m.start(), m.group(1)) for m in _LINK_DEFINITION.finditer(text)]
    for offset, target in targets:
        line = raw.line_at(offset)
        if _SCHEME.match(target) or target.startswith("//"):
            continue  # an address elsewhere; remote images are refused by load_entry
        name = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if not name or name.startswith("/"):
            continue
        suffix = PurePosixPath(name).suffix.lower()
        if suffix == ".md":
            pages.append((name, line))
        elif name.endswith("/") or suffix in _PAGE_SUFFIXES:
            problems.add(
                path,
                line,
                None,
                f"ссылка «{target}» на страницу сайта: укажите путь к Markdown-файлу страницы "
                "от страницы практики, например ../../plan/index.md или "
                "../klub-molodogo-pedagoga/index.md",
            )
        else:
            files.append((name, line))
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


def bank_references(
    practices: Sequence[Practice], activity_ids: Sequence[str]
) -> tuple[Reference, ...]:
    """The bank as a whole for the plan activities it carries out (site.yaml practices_plan).

    It counts as evidence once it holds a practice that is not a sample.
    """
    if not practices:
        return ()
    samples = sum(1 for p in practices if p.sample)
    title = "Банк лучших практик наставничества: " + count_words(
        len(practices), "практика", "практики", "практик"
    )
    if 0 < samples < len(practices):
        title += f" (из них образцов оформления: {samples})"
    only_samples = samples == len(practices)
    return tuple(
        Reference(activity_id, BANK_REFERENCE_KIND, title, PRACTICES_PAGE, None, only_samples)
        for activity_id in activity_ids
    )


# --------------------------------------------------------------------------- the published bank

FACET_TITLES = {
    "form": "Формы наставничества",
    "review": "Рассмотрение",
    "organization": "Организации",
    "year": "Годы публикации",
    "tag": "Метки",
}
# Kinds whose facets grow with the bank (one per organisation, one per tag, as authors
# write them): each facet page links to their full list instead of repeating it, so that the
# facet pages do not grow with the square of the bank. Forms, years and review statuses are
# few. Kind → (link text, page, word forms of its count).
FACET_FULL_LISTS = {
    "organization": (
        "Все организации",
        ORGANIZATIONS_PAGE,
        ("организация", "организации", "организаций"),
    ),
    "tag": ("Все метки", TAGS_PAGE, ("метка", "метки", "меток")),
}
# The bank's facet menu and its filter list only so many of these, those with the most
# practices (the filter adds the rest from the bank's index): their full lists have them all,
# so the bank's page does not grow with their number.
MENU_LIMITS = {"organization": 12, "tag": 20}


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
    """What the site publishes: practices (newest first), organisations and facets."""

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
    ) -> Bank:
        """Group the published practices (newest first) by each facet's values."""
        names = {o.id: o.short_name for o in organizations}
        order = {form.id: index for index, form in enumerate(forms)}
        form_titles = {form.id: form.title for form in forms}
        groups: dict[str, dict[str, list[Practice]]] = {kind: {} for kind in FACET_KINDS}
        labels: dict[tuple[str, str], str] = {}
        for practice in practices:
            values: list[tuple[str, str, str]] = [
                ("organization", practice.organization, names[practice.organization]),
                ("year", str(practice.year), str(practice.year)),
            ]
            if practice.review:
                values.append(("review", practice.review.status, practice.review.label))
            values += [("form", f, form_titles[f]) for f in practice.forms]
            tags = zip(practice.tag_keys, practice.tags, strict=True)
            values += [("tag", key, tag) for key, tag in tags]
            for kind, key, label in values:
                groups[kind].setdefault(key, []).append(practice)
                labels.setdefault((kind, key), label)
        sort_keys: dict[str, Any] = {
            "review": list(REVIEW_STATUSES).index,
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
        return cls(tuple(practices), tuple(organizations), {f.id: f for f in forms}, facets)

    def menu_facets(self, kind: str) -> tuple[Facet, ...]:
        """The facets the bank's menu lists, in their order: every one, but for the kinds of
        ``MENU_LIMITS`` only as many as it says, those with the most practices."""
        facets = self.facets[kind]
        limit = MENU_LIMITS.get(kind)
        if limit is None or len(facets) <= limit:
            return facets
        largest = sorted(facets, key=lambda facet: -facet.count)[:limit]
        keys = {facet.key for facet in largest}
        return tuple(facet for facet in facets if facet.key in keys)

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

    def related(self, practice: Practice, limit: int = 3) -> list[Practice]:
        """Other practices of the same forms: most forms in common first, then newest."""
        candidates = self._most_related(frozenset(practice.forms), limit + 1)
        return [other for other in candidates if other.slug != practice.slug][:limit]

    def _most_related(self, forms: frozenset[str], count: int) -> list[Practice]:
        """The ``count`` practices sharing most of ``forms``, newest first among equals.

        Practices with the same set of forms share as many with any practice, so only the
        first ``count`` of each set can be among the best; the answer is kept per set of
        forms. This keeps the bank linear: comparing every practice with all practices of
        its forms would grow with the square of their number.
        """
        key = (forms, count)
        if key not in self._related_cache:
            ranked = [
                (-len(forms & form_set), position, other)
                for form_set, practices in self._by_form_set.items()
                if forms & form_set
                for position, other in practices[:count]
            ]
            ranked.sort(key=lambda item: item[:2])
            self._related_cache[key] = [other for _, _, other in ranked[:count]]
        return self._related_cache[key]

    @cached_property
    def _by_form_set(self) -> dict[frozenset[str], list[tuple[int, Practice]]]:
        """Practices (with their place in the bank) grouped by their set of forms."""
        groups: dict[frozenset[str], list[tuple[int, Practice]]] = {}
        for position, practice in enumerate(self.practices):
            groups.setdefault(frozenset(practice.forms), []).append((position, practice))
        return groups

    @cached_property
    def _related_cache(self) -> dict[tuple[frozenset[str], int], list[Practice]]:
        return {}
