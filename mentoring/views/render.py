"""Render content into Markdown pages with Jinja templates (autoescaped, strict).

Pages are Markdown so that MkDocs builds their table of contents and search entries;
markup that Markdown cannot express is HTML inside the templates, never in Python.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from mentoring.content import Content
from mentoring.core import pagination, russian
from mentoring.core.errors import Problems
from mentoring.core.incremental import digest
from mentoring.core.russian import upper_first
from mentoring.core.schemadoc import schema_fields
from mentoring.core.urls import absolute_url, relative_url
from mentoring.html.htmlblocks import HtmlBlocks
from mentoring.html.includes import INCLUDE
from mentoring.html.sanitize import AuthorRegions, Sanitizer
from mentoring.kinds.documents import DOCUMENTS_PAGE, group_documents
from mentoring.kinds.glossary import GLOSSARY_PAGE
from mentoring.kinds.indicators import MONITORING_PAGE
from mentoring.kinds.materials import MATERIALS_PAGE
from mentoring.kinds.news import (
    FEED_FILE,
    FEED_SIZE,
    atom_timestamp,
    by_year,
    listing_path,
    paginate,
    year_path,
)
from mentoring.kinds.plan.kind import PLAN_PAGE, REFERENCES_SHOWN, activity_page
from mentoring.kinds.plan.progress import STATUS_LABELS, progress_of, summarize
from mentoring.kinds.plan.schedule import has_concrete_dates
from mentoring.kinds.registry import TYPES
from mentoring.kinds.site import CONTACTS_PAGE
from mentoring.views.exports import PlanExport
from mentoring.views.monitoring import monitoring_view
from mentoring.views.shells import material_documents

# Content types whose field table a guide page includes with <!-- include: fields-<name> -->.
GUIDE_SCHEMAS = tuple(kind.schema for kind in TYPES if isinstance(kind.guide, str))
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#!|])")


def markdown_text(value: object) -> Markup:
    """Text that Markdown must show as typed: HTML-escaped, Markdown punctuation escaped."""
    return escape(_MARKDOWN_SPECIAL.sub(r"\\\1", str(value)))


@jinja2.pass_context
def _href(context: jinja2.runtime.Context, target: str) -> str:
    return relative_url(target, context["page_path"], context["use_directory_urls"])


def make_environment(
    templates_dir: Path, bytecode_cache: jinja2.BytecodeCache | None = None
) -> jinja2.Environment:
    environment = jinja2.Environment(
        bytecode_cache=bytecode_cache,  # `make serve` keeps the compiled templates
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # A Renderer lives for one build (make serve makes a new one for each rebuild):
        # no need to stat every template file again on each include of each card.
        auto_reload=False,
    )
    environment.filters.update(
        md=markdown_text,
        upper_first=upper_first,
        numeric_date=russian.numeric_date,
        long_date=russian.long_date,
    )
    environment.globals.update(count_words=russian.count_words, href=_href)
    return environment


def _call_within(outer: Callable[[str], str], inner: Callable[[], str]) -> str:
    """``outer(inner())``: blocks are rendered only when a page includes them."""
    return outer(inner())


@dataclass(frozen=True)
class FileMade:
    """A published file as a build of a `make serve` session made it, and from what."""

    inputs: object
    data: bytes


class Renderer:
    """Renders every generated page and include block of the site from one Content."""

    def __init__(
        self,
        content: Content,
        templates_dir: Path,
        today: dt.date,
        *,
        use_directory_urls: bool = True,
        site_url: str | None = None,
        compiled_templates: jinja2.BytecodeCache | None = None,
        page_inputs: dict[str, object] | None = None,
        sanitizer: Sanitizer | None = None,
    ) -> None:
        self.content = content
        self.today = today
        self.use_directory_urls = use_directory_urls
        self.site_url = site_url  # the published address, for links that leave the site
        self.notices: list[str] = []  # what the build says about pages it left out
        self.environment = make_environment(templates_dir, compiled_templates)
        self.html_blocks = HtmlBlocks()
        self.environment.filters["html_block"] = self.html_blocks.store
        self.author_regions = AuthorRegions(sanitizer)
        self.environment.filters["author_text"] = self.author_regions.author
        self._fragments: dict[tuple[str, Hashable], Markup] = {}
        # `make serve`: what each page's Markdown was made of at the last build (kept while
        # the inputs pages share stay as they are), and the pages not made again now.
        self._page_inputs = page_inputs
        self.unchanged_pages: set[str] = set()

    def render(self, template: str, page_path: str, **context: Any) -> str:
        """Render a template for the page at ``page_path`` (links are made relative to it)."""
        return self.environment.get_template(template).render(
            site=self.content.site,
            today=self.today,
            page_path=page_path,
            use_directory_urls=self.use_directory_urls,
            **context,
        )

    def page_unless_unchanged(
        self, page_path: str, inputs: object, render: Callable[[], str]
    ) -> str:
        """``render()``, the Markdown of the page at ``page_path``, unless ``inputs`` — all it
        shows beyond the inputs every page shares — are as at the last build of a `make
        serve` session: then the page is as it was, and it is only named in
        ``unchanged_pages`` (its Markdown is given empty, as a dirty build does not read it)."""
        if self._page_inputs is None:
            return render()
        inputs = (self.today, inputs)
        if page_path in self._page_inputs and self._page_inputs[page_path] == inputs:
            self.unchanged_pages.add(page_path)
            return ""
        self._page_inputs[page_path] = inputs
        return render()

    def file_unless_unchanged(self, path: str, inputs: object, make: Callable[[], bytes]) -> bytes:
        """``make()``, a published file at ``path``, or in a `make serve` session the bytes
        it gave at the last build when ``inputs`` are as then (as for a page, above)."""
        if self._page_inputs is None:
            return make()
        inputs = (self.today, inputs)
        known = self._page_inputs.get(path)
        if isinstance(known, FileMade) and known.inputs == inputs:
            return known.data
        data = make()
        self._page_inputs[path] = FileMade(inputs, data)
        return data

    def page_signature(self, markdown: str) -> str:
        """What a generated page's HTML depends on beyond the shared inputs, as one hash: its
        Markdown with its HTML blocks and without this build's markers (`make serve` skips a
        page whose signature is as at the last build, mentoring/core/incremental.py)."""
        return digest(self.author_regions.normalized(self.html_blocks.resolved(markdown)))

    def hand_written_signature(self, page_path: str, markdown: str) -> str:
        """``page_signature`` of a hand-written page: its Markdown with the blocks it
        includes, which may be made of entries (its problems are found when it is read)."""
        blocks = self.blocks(page_path)
        return self.page_signature(expand_includes(markdown, blocks, page_path, Problems()))

    def fragment(self, template: str, key: Hashable, **context: Any) -> Markup:
        """HTML repeated on many pages (a practice's card), rendered once per ``key``.

        ``key`` must tell apart everything the fragment shows, links included. The template
        gets no page path, so an href() in it fails instead of reusing a link made for
        another page: links come in ``context``, made by the page's template. The final
        newline is left out, as the fragment is placed with ``{{ … }}`` on a line of its own.
        """
        cached = self._fragments.get((template, key))
        if cached is None:
            html = self.environment.get_template(template).render(**context)
            cached = self._fragments[template, key] = Markup(html.removesuffix("\n"))
        return cached

    # Generated pages, each published at its fixed path under docs/.

    def plan_page(self) -> str:
        """Made of the shared inputs and of the references to the plan's activities."""
        return self.page_unless_unchanged(PLAN_PAGE, self.content.references, self._plan_page)

    def _plan_page(self) -> str:
        plan = self.content.plan
        progress = {a.id: progress_of(a, plan, self.today) for a in plan.activities}
        by_status, by_timing = summarize(list(progress.values()))
        references = {a.id: self.content.references_to(a.id) for a in plan.activities}
        with_evidence = sum(
            1
            for a in plan.activities
            if a.evidence or any(not reference.sample for reference in references[a.id])
        )
        return self.render(
            "plan.md.j2",
            PLAN_PAGE,
            plan=plan,
            progress=progress,
            references=references,
            references_shown=REFERENCES_SHOWN,
            activity_page=activity_page,
            with_evidence=with_evidence,
            by_status=by_status,
            by_timing=by_timing,
            glossary=self.content.glossary,
            documents={document.id: document for document in self.content.documents},
            status_filter=[(key, label) for key, label in STATUS_LABELS.items()],
            not_in_calendar=[a for a in plan.activities if not has_concrete_dates(a.schedule)],
        )

    def plan_activity_pages(self) -> Iterator[tuple[str, str]]:
        """Every page that reports on an activity, where the plan shows only the newest:
        the activity's pages, in server-side pages of a list (mentoring/core/pagination.py)."""
        for activity in self.content.plan.activities:
            references = self.content.references_to(activity.id)
            if len(references) <= REFERENCES_SHOWN:
                continue
            for listing in pagination.paginate(activity_page(activity), references):
                markdown = self.render(
                    "plan-activity.md.j2", listing.page, activity=activity, listing=listing
                )
                yield listing.page, markdown

    def glossary_page(self) -> str:
        return self.render("glossary.md.j2", GLOSSARY_PAGE, glossary=self.content.glossary)

    def contacts_page(self) -> str:
        return self.render(
            "contacts.md.j2",
            CONTACTS_PAGE,
            contacts=self.content.site.published_contacts,
            plan=self.content.plan,
        )

    def monitoring_page(self) -> str:
        return self.render(
            "monitoring.md.j2", MONITORING_PAGE, view=monitoring_view(self.content, self.today)
        )

    def plan_export(self) -> PlanExport:
        return PlanExport(self.content, self.today, self.site_url or None)

    def news_pages(self, *, with_feed: bool) -> dict[str, str]:
        """The news list (10 per page), an archive per year and a page per item, by path."""
        news = self.content.news
        years = by_year(news)
        common = {"years": list(years), "year_path": year_path, "listing_path": listing_path}
        pages = {}
        for listing in paginate(news):  # made of its items and the years of the archive
            pages[listing.path] = self.page_unless_unchanged(
                listing.path,
                (listing, with_feed, common["years"]),
                functools.partial(
                    self.render,
                    "news/list.md.j2",
                    listing.path,
                    listing=listing,
                    with_feed=with_feed,
                    **common,
                ),
            )
        for year, items in years.items():
            path = year_path(year)
            pages[path] = self.page_unless_unchanged(
                path,
                (items, common["years"]),
                functools.partial(
                    self.render, "news/year.md.j2", path, year=year, items=items, **common
                ),
            )
        for item in news:  # an item's page shows the item alone (and the plan, shared)
            pages[item.page] = self.page_unless_unchanged(
                item.page,
                item,
                functools.partial(
                    self.render,
                    "news/item.md.j2",
                    item.page,
                    item=item,
                    plan=self.content.plan,
                    **common,
                ),
            )
        return pages

    def news_feed(self, site_url: str) -> str | None:
        """Atom feed of the latest news with absolute links; None when there is no news."""
        items = self.content.news[:FEED_SIZE]
        if not items:
            return None
        return self.render(
            "news/feed.xml.j2",
            FEED_FILE,
            items=items,
            absolute=lambda path: absolute_url(site_url, path, self.use_directory_urls),
            timestamp=atom_timestamp,
        )

    def documents_page(self) -> str:
        return self.render(
            "documents/index.md.j2",
            DOCUMENTS_PAGE,
            levels=group_documents(self.content.documents),
            plan=self.content.plan,
        )

    def materials_pages(self) -> dict[str, str]:
        """The materials list and a page per material, by path."""
        documents = material_documents(self.content)
        pages = {
            MATERIALS_PAGE: self.render(
                "materials/index.md.j2",
                MATERIALS_PAGE,
                materials=self.content.materials,
                documents=documents,
            )
        }
        for material in self.content.materials:
            pages[material.page] = self.render(
                "materials/item.md.j2", material.page, material=material, plan=self.content.plan
            )
        return pages

    # Blocks that hand-written pages include with <!-- include: name -->.

    def blocks(self, page_path: str) -> dict[str, Callable[[], str]]:
        blocks: dict[str, Callable[[], str]] = {}
        for kind in TYPES:
            blocks.update(kind.blocks(self, page_path))
        blocks["home-kinds"] = lambda: "\n\n".join(
            part for part in (kind.home(self, page_path) for kind in TYPES) if part
        )
        # Field tables of the authors' guides, read from the schemas the build validates with.
        for name in GUIDE_SCHEMAS:

            def fields_block(name: str = name) -> str:
                return self.render(
                    "blocks/schema-fields.html.j2", page_path, fields=schema_fields(name)
                )

            blocks[f"fields-{name}"] = fields_block
        trusted = self.author_regions.trusted
        return {
            name: functools.partial(_call_within, trusted, block) for name, block in blocks.items()
        }

    def abbreviation(self, abbr: str) -> str:
        term = self.content.glossary.get(abbr)
        assert term is not None, "the marker only looks for glossary terms"
        return self.render("blocks/abbr.html.j2", GLOSSARY_PAGE, term=term).strip()


def expand_includes(
    markdown: str, blocks: dict[str, Callable[[], str]], path: str, problems: Problems
) -> str:
    """Replace include markers in a hand-written page; unknown names become problems."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in blocks:
            return blocks[name]()
        line = markdown.count("\n", 0, match.start()) + 1
        problems.add(
            path,
            line,
            None,
            f"неизвестная вставка «{name}»; доступные: " + ", ".join(sorted(blocks)),
        )
        return match.group(0)

    return INCLUDE.sub(replace, markdown)
