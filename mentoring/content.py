"""Load → validate → build models for everything under ``content/``.

Every problem in every file is collected before anything is raised, so an author sees
the whole list after one build. Nothing here imports MkDocs.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from mentoring.core.errors import Problems
from mentoring.core.files import symlink_problems
from mentoring.core.incremental import BuildMemory
from mentoring.core.yamlsource import FRONT_MATTER
from mentoring.html.sanitize import Sanitizer
from mentoring.kinds.docs_pages import check_pages
from mentoring.kinds.documents import DOCUMENTS_FILE, Document, check_evidence_documents
from mentoring.kinds.entries import is_shown
from mentoring.kinds.indicators import Indicators
from mentoring.kinds.materials import Material
from mentoring.kinds.models import (
    Evidence,
    Form,
    Glossary,
    Plan,
    Reference,
    Site,
    entry_references,
)
from mentoring.kinds.news import NewsItem
from mentoring.kinds.organizations import Organization
from mentoring.kinds.plan.kind import PLAN_FILE
from mentoring.kinds.practices.bank import Bank, Practice, check_page_links
from mentoring.kinds.practices.review import ReviewCriteria, check_review_documents
from mentoring.kinds.registry import TYPES, ContentType, load_order

# What loading says besides problems; the build shows it in its log (hooks/site.py).
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Content:
    """All validated content; ``root`` is the content folder itself."""

    root: Path
    site: Site
    glossary: Glossary
    plan: Plan
    forms: tuple[Form, ...]
    references: tuple[Reference, ...] = ()
    # Published entries only: drafts, and samples when site.yaml hides them, are left out.
    news: tuple[NewsItem, ...] = ()
    documents: tuple[Document, ...] = ()
    materials: tuple[Material, ...] = ()
    practices: tuple[Practice, ...] = ()
    organizations: tuple[Organization, ...] = ()
    indicators: Indicators | None = None
    review_criteria: ReviewCriteria | None = None
    # What the site shows of every kind, by kind name (the fields above are the same).
    kinds: dict[str, tuple[Any, ...]] = field(default_factory=dict)

    @cached_property
    def bank(self) -> Bank:
        """The published practices with their facets and lookups, for the bank's pages."""
        return Bank.publish(self.practices, self.organizations, self.forms)

    @cached_property
    def _references_by_activity(self) -> dict[str, list[Reference]]:
        found: dict[str, list[Reference]] = {}
        for reference in self.references:
            found.setdefault(reference.activity_id, []).append(reference)
        return found

    def references_to(self, activity_id: str) -> list[Reference]:
        """Everything on the site that reports on an activity, newest first."""
        found = self._references_by_activity.get(activity_id, [])
        return sorted(found, key=lambda r: (r.date is not None, r.date), reverse=True)

    def form(self, form_id: str) -> Form | None:
        return next((form for form in self.forms if form.id == form_id), None)

    def check_page_references(self, page_exists: Callable[[str], bool]) -> Problems:
        """Links from content to pages of the site, checked once all pages are known."""
        problems = Problems()
        evidence = [item for activity in self.plan.activities for item in activity.evidence]
        named: list[tuple[str, Evidence | Document, str]] = [
            (PLAN_FILE, item, " или к созданной сайтом странице") for item in evidence
        ]
        named += [(DOCUMENTS_FILE, document, "") for document in self.documents]
        for file, entry, or_generated in named:
            if entry.page and not page_exists(entry.page.partition("#")[0]):
                problems.add(
                    f"content/{file}",
                    entry.line,
                    "page",
                    f"страницы «{entry.page}» нет на сайте; укажите путь к Markdown-файлу "
                    f"от папки docs (например, plan/index.md){or_generated}",
                )
        problems.extend(check_page_links(self.practices, page_exists))
        return problems


def load_content(
    root: Path,
    *,
    display_root: str = "content",
    docs_dir: Path | None = None,
    memory: BuildMemory | None = None,
    sanitizer: Sanitizer | None = None,
    check_later: bool = False,
) -> Content:
    """Load and validate the content folder (and the hand-written pages of ``docs_dir``),
    kind by kind as mentoring/kinds/registry.py declares them; raise ContentError listing
    every problem. ``memory``: entries of earlier builds of a `make serve` session
    (mentoring/core/incremental.py); ``sanitizer``: the allowlist's verdicts, kept by
    the caller for a `make serve` session.

    ``check_later``: when everything else is right, the worker processes may still be
    checking author texts against the allowlist as this returns, so that the build goes on
    meanwhile; the caller then must call ``sanitizer.finish_checking()`` before anything
    is written, and fail with its problems as with this function's (hooks/site.py)."""
    # Nothing is read through a link: its target could even end up quoted in an error.
    symlink_problems(root, display_root).raise_if_any()
    problems = Problems()
    sanitizer = sanitizer or Sanitizer()
    prefetch = sanitizer.start_checking(_author_texts(root, docs_dir, memory), later=check_later)
    try:
        content = _load_checked(root, display_root, docs_dir, memory, sanitizer, problems)
        if not check_later or problems:
            problems.extend(sanitizer.finish_checking())
    except BaseException:
        sanitizer.stop_checking()
        raise
    if prefetch.texts:  # none in `make serve`, which checks only the texts that changed
        log.info(prefetch.notice())
    problems.raise_if_any()
    return content


def _load_checked(
    root: Path,
    display_root: str,
    docs_dir: Path | None,
    memory: BuildMemory | None,
    sanitizer: Sanitizer,
    problems: Problems,
) -> Content:
    """``load_content`` once its workers are started: every kind, then the checks between
    kinds; the problems go to ``problems``."""
    loaded: dict[str, Any] = {}
    clean: dict[str, bool] = {}
    if docs_dir is not None and docs_dir.is_dir():
        check_pages(docs_dir, docs_dir.name, problems, sanitizer)
    for kind in load_order():
        scope = problems.scope()
        needs: dict[str, Any] = {name: loaded[name] for name in kind.needs}
        if kind.is_entries:
            needs["memory"] = memory
            needs["sanitizer"] = sanitizer
        loaded[kind.name] = kind.loaded().load(root, display_root, problems, **needs)
        clean[kind.name] = scope.clean
    if clean["documents"]:  # else a broken entry would read as an unknown id
        _check_documents_named(loaded, display_root, problems)

    site = loaded["site"]
    show_samples = site.show_samples if site is not None else True
    kinds = {kind.name: _published(kind, loaded[kind.name], show_samples) for kind in TYPES}
    references: tuple[Reference, ...] = ()
    for kind in TYPES:
        report = kind.hook("references") or (entry_references if kind.is_entries else None)
        if report is not None:
            references += report(kinds[kind.name], kinds)
    plan = loaded["plan"]
    if plan is not None:
        _check_done_has_evidence(plan, references, f"{display_root}/{PLAN_FILE}", problems)
        _check_evidence_not_repeated(plan, references, f"{display_root}/{PLAN_FILE}", problems)
    fields = {field.name for field in dataclasses.fields(Content)}
    return Content(
        root=root,
        references=references,
        kinds=kinds,
        **{name: value for name, value in kinds.items() if name in fields},
    )


def _author_texts(root: Path, docs_dir: Path | None, memory: BuildMemory | None) -> list[str]:
    """The Markdown texts loading will check against the allowlist, in its order, split
    from their front matter cheaply: a text split otherwise is simply checked when asked.
    None in a `make serve` rebuild, which loads only the entries that changed."""
    if memory is not None:
        return []
    files = sorted(docs_dir.rglob("*.md")) if docs_dir is not None and docs_dir.is_dir() else []
    for kind in load_order():
        if kind.is_entries and (root / kind.source).is_dir():
            files += sorted((root / kind.source).rglob("*.md"))
    texts = []
    for file in files:
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # reported when loaded
        front_matter = FRONT_MATTER.match(text)
        texts.append(text[front_matter.end() :] if front_matter else text)
    return texts


def _published(kind: ContentType, loaded: Any, show_samples: bool) -> Any:
    """What the site shows of a kind: by default its entries that are not drafts, nor
    samples when site.yaml hides them; a YAML kind's model as loaded."""
    published = kind.hook("published")
    if published is not None:
        return published(loaded, show_samples)
    if kind.is_entries:
        return tuple(entry for entry in loaded if is_shown(entry, show_samples))
    return loaded


def _check_documents_named(loaded: dict[str, Any], display_root: str, problems: Problems) -> None:
    """Documents named by the plan's evidence and by practices' reviews must exist."""
    documents = loaded["documents"]
    check_evidence_documents(loaded["plan"], documents, f"{display_root}/{PLAN_FILE}", problems)
    check_review_documents(
        [(p.source, p.review) for p in loaded["practices"] if p.review],
        {document.id for document in documents},
        problems,
    )


def _check_done_has_evidence(
    plan: Plan, references: tuple[Reference, ...], path: str, problems: Problems
) -> None:
    """«Выполнено» is never shown without something that proves it."""
    reported = {r.activity_id for r in references if not r.sample}
    for activity in plan.activities:
        if activity.status == "done" and not activity.evidence and activity.id not in reported:
            problems.add(
                path,
                activity.status_line,
                "status",
                "статус done (выполнено) ставится только вместе с подтверждением: "
                "добавьте поле evidence со ссылкой на документ или страницу",
            )


def _check_evidence_not_repeated(
    plan: Plan, references: tuple[Reference, ...], path: str, problems: Problems
) -> None:
    """A news item (material, practice) with ``plan: ["2.1"]`` is already evidence of 2.1;
    naming its page in the activity's ``evidence`` too would show it twice."""
    reported = {(r.activity_id, r.page): r for r in references}
    for activity in plan.activities:
        for item in activity.evidence:
            reference = reported.get((activity.id, (item.page or "").partition("#")[0]))
            if reference is not None:
                problems.add(
                    path,
                    item.line,
                    "page",
                    f"{reference.kind.lower()} «{reference.title}» уже подтверждает "
                    f"мероприятие {activity.id}: в поле plan этой записи указано "
                    f"«{activity.id}»; удалите строку evidence, чтобы запись не была показана "
                    "дважды",
                )
