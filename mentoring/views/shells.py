"""Sections with nothing real to show yet, and what the build says about them.

With samples hidden (``show_samples: false``) and no real entries yet, a section shows one
honest sentence instead of an empty list or a placeholder. The build and ``make check``
name such sections in one informational line, so whoever publishes the site knows what
is still missing. Contacts are what a public site must not go without: when samples are
hidden and no real contact is left, that is a warning.
"""

from __future__ import annotations

from mentoring.content import Content
from mentoring.core.errors import Problem
from mentoring.kinds.documents import MATERIAL_KINDS, Document
from mentoring.kinds.site import SITE_FILE


def material_documents(content: Content) -> list[Document]:
    """Recommendations and templates, shown on /materials/ beside the articles, newest first."""
    documents = [d for d in content.documents if d.kind in MATERIAL_KINDS]
    return sorted(documents, key=lambda d: (d.date, d.title), reverse=True)


def empty_sections(content: Content) -> list[str]:
    """Titles of the sections (as in the navigation) that have nothing real to publish."""
    indicators = content.indicators
    has_indicators = indicators is not None and (content.site.show_samples or not indicators.sample)
    published = {
        "Новости": bool(content.news),
        "Материалы": bool(content.materials or material_documents(content)),
        "Банк практик": bool(content.practices),
        "Мониторинг: показатели": has_indicators,
        "Контакты": bool(content.site.published_contacts),
    }
    return [title for title, has_entries in published.items() if not has_entries]


def empty_sections_notice(content: Content) -> str | None:
    sections = empty_sections(content)
    if not sections:
        return None
    return (
        "Пока нечего публиковать в разделах: " + ", ".join(sections) + " (на их страницах "
        "сказано, что записей пока нет)"
    )


def missing_contacts(content: Content) -> Problem | None:
    """A warning when the public site (samples hidden) has no contact left to show."""
    if content.site.show_samples or content.site.published_contacts:
        return None
    return Problem(
        f"{content.root.name}/{SITE_FILE}",
        None,
        "contacts",
        "образцы скрыты (show_samples: false), а настоящих контактов нет: страница "
        "«Контакты» пуста; впишите адрес, телефон и почту и удалите у контакта строку "
        "sample: true",
    )


def warning_annotation(problem: Problem) -> str:
    """The problem as a GitHub Actions warning (shown on the file, does not fail the job)."""
    return problem.github_annotation().replace("::error ", "::warning ", 1)
