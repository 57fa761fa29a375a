"""Pages of the bank of practices and of the organisations, rendered from ``Content.bank``.

Every page is Markdown with HTML blocks from ``templates/practices`` and
``templates/organizations``; the hooks hand them to MkDocs together with the files
(attachments, images) that lie beside each practice. The bank and each facet are lists
split into pages (mentoring/core/pagination.py); ``BANK_INDEX_FILE`` is the compact index the
bank's filters fetch, so that the bank's first page does not carry every practice.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from mentoring.core.files import PublishedFile
from mentoring.core.pagination import paginate
from mentoring.core.urls import relative_url
from mentoring.kinds.organizations import ORGANIZATIONS_PAGE
from mentoring.kinds.practices.bank import (
    FACET_FULL_LISTS,
    FACET_TITLES,
    MENU_LIMITS,
    PRACTICES_PAGE,
    TAGS_PAGE,
    Bank,
    Facet,
    Practice,
)

if TYPE_CHECKING:  # a kind's pages are rendered by the view layer, which imports them
    from mentoring.views.render import Renderer

# The compact index of the bank (see ``bank_index``), beside the bank's page.
BANK_INDEX_FILE = "practices/bank.json"


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # under docs/, e.g. practices/klub-molodogo-pedagoga/index.md
    markdown: str
    in_nav: bool = False  # entry and facet pages are listed on index pages, not in the nav


def bank_pages(renderer: Renderer) -> Iterator[GeneratedPage]:
    bank = renderer.content.bank
    plan = renderer.content.plan

    def card(practice: Practice, link: str) -> Markup:
        """The card of a practice on every page that links to the practice alike."""
        return renderer.fragment(
            "practices/card.html.j2", (practice.slug, link), practice=practice, link=link, bank=bank
        )

    def facet_link(facet: Facet, link: str, current: bool) -> Markup:
        """A facet in the menu that every facet page and the bank's index show."""
        return renderer.fragment(
            "practices/facet-link.html.j2",
            (facet.page, link, current),
            facet=facet,
            link=link,
            current=current,
        )

    def render(template: str, path: str, **context: object) -> str:
        return renderer.render(
            template,
            path,
            bank=bank,
            facet_titles=FACET_TITLES,
            full_lists=FACET_FULL_LISTS,
            card=card,
            facet_link=facet_link,
            **context,
        )

    def page(path: str, inputs: object, template: str, **context: object) -> str:
        """The page, rendered unless ``inputs`` — what it shows of the bank besides the shared
        inputs (organisations, forms, plan, documents) — are as at the last build."""
        return renderer.page_unless_unchanged(
            path, inputs, functools.partial(render, template, path, **context)
        )

    # What the facet menu and the bank's counts show, on every listing page.
    summary = facet_summary(bank)
    menu = (len(bank.practices), summary)
    for listing in paginate(PRACTICES_PAGE, bank.practices):
        markdown = page(
            listing.page,
            (listing, menu),
            "practices/index.md.j2",
            listing=listing,
            index_file=BANK_INDEX_FILE,
            review_criteria=renderer.content.review_criteria,
        )
        yield GeneratedPage(listing.page, markdown, listing.number == 1)
    documents = {document.id: document for document in renderer.content.documents}
    for facets in bank.facets.values():
        for facet in facets:
            for listing in paginate(facet.page, facet.practices):
                markdown = page(
                    listing.page,
                    (facet.kind, facet.key, facet.label, facet.count, listing, menu),
                    "practices/facet.md.j2",
                    facet=facet,
                    listing=listing,
                )
                yield GeneratedPage(listing.page, markdown)
    for practice in bank.practices:
        related = bank.related(practice)
        markdown = page(
            practice.page,
            (practice, tuple(related)),  # each links to a facet page of the practice's own
            "practices/practice.md.j2",
            practice=practice,
            plan=plan,
            related=related,
            documents=documents,
            review_criteria=renderer.content.review_criteria,
        )
        yield GeneratedPage(practice.page, markdown)
    yield GeneratedPage(
        ORGANIZATIONS_PAGE, render("organizations/index.md.j2", ORGANIZATIONS_PAGE), True
    )
    tags = dict(summary)["tag"]  # what the page of every tag shows
    yield GeneratedPage(TAGS_PAGE, page(TAGS_PAGE, tags, "practices/tags.md.j2"))
    for organization in bank.organizations:
        practices = bank.practices_of(organization.id)
        markdown = page(
            organization.page,
            (organization, practices),
            "organizations/organization.md.j2",
            organization=organization,
            practices=practices,
        )
        yield GeneratedPage(organization.page, markdown)


def facet_summary(bank: Bank) -> tuple[tuple[str, tuple[tuple[str, str, str, int], ...]], ...]:
    """Every facet as the facet menu and the bank's filters show it."""
    return tuple(
        (kind, tuple((facet.key, facet.page, facet.label, facet.count) for facet in facets))
        for kind, facets in bank.facets.items()
    )


def bank_files(bank: Bank) -> Iterator[PublishedFile]:
    """Attachments and images of each published practice, to copy beside its page."""
    for practice in bank.practices:
        yield from practice.files


def bank_index(bank: Bank, use_directory_urls: bool = True) -> bytes:
    """What the bank's filters need to list any practice: its link, title, facet keys and
    what its card shows besides the summary, as compact JSON (rows of ``fields``).

    Links are relative to the bank's page, which lies in the same folder as the index.
    """
    fields = ["url", "title", "form", "organization", "year", "tag", "review", "date", "sample"]
    rows = [
        [
            relative_url(practice.page, PRACTICES_PAGE, use_directory_urls),
            practice.title,
            " ".join(practice.forms),
            practice.organization,
            str(practice.year),
            " ".join(practice.tag_keys),
            practice.review.status if practice.review else "",
            practice.date.isoformat(),
            1 if practice.sample else 0,
        ]
        for practice in bank.practices
    ]
    labels = {
        "form": {form_id: form.title for form_id, form in bank.forms.items()},
        "organization": {o.id: o.short_name for o in bank.organizations},
        "review": {facet.key: facet.label for facet in bank.facets.get("review", ())},
        "tag": {facet.key: facet.label for facet in bank.facets.get("tag", ())},
    }
    # The values of the facets the bank's page lists in part, in the menu's order: the filter
    # adds the rest to its list (search-panel.js).
    values = {kind: [facet.key for facet in bank.facets.get(kind, ())] for kind in MENU_LIMITS}
    index = {"fields": fields, "labels": labels, "values": values, "practices": rows}
    return json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
