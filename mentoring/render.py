"""Render content into Markdown pages with Jinja templates (autoescaped, strict).

Pages are Markdown so that MkDocs builds their table of contents and search entries;
markup that Markdown cannot express is HTML inside the templates, never in Python.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from mentoring import russian
from mentoring.content import Content
from mentoring.errors import Problems
from mentoring.newpractice import entry_text
from mentoring.progress import STATUS_LABELS, progress_of, summarize
from mentoring.schemadoc import schema_fields, schema_names

PLAN_PAGE = "plan/index.md"
GLOSSARY_PAGE = "glossary.md"
CONTACTS_PAGE = "contacts.md"

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#!|])")


def markdown_text(value: object) -> Markup:
    """Text that Markdown must show as typed: HTML-escaped, Markdown punctuation escaped."""
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", str(escape(value))))


def front_matter_text(value: object) -> Markup:
    """A value for the front matter of a generated page (title, description).

    Material prints ``page.meta`` values into <title> and <meta> without escaping, so the
    text is HTML-escaped here and then quoted as a YAML string.
    """
    return Markup(json.dumps(str(escape(value)), ensure_ascii=False))


def upper_first(value: str) -> str:
    return value[:1].upper() + value[1:]


def page_url(path: str, use_directory_urls: bool = True) -> str:
    """Site-relative URL of a page under docs/, as MkDocs will publish it."""
    stem, _, anchor = path.partition("#")
    if use_directory_urls:
        url = stem.removesuffix(".md")
        url = "" if url in ("index", "") else url.removesuffix("/index") + "/"
    else:
        url = stem.removesuffix(".md") + ".html"
    return url + (f"#{anchor}" if anchor else "")


def relative_url(target: str, from_page: str, use_directory_urls: bool = True) -> str:
    """Link from one page under docs/ to another (raw HTML is not rewritten by MkDocs)."""
    to_url = page_url(target, use_directory_urls)
    from_url = page_url(from_page, use_directory_urls)
    to_path, _, anchor = to_url.partition("#")
    base = posixpath.dirname(from_url) if not from_url.endswith("/") else from_url.rstrip("/")
    if to_path == from_url:
        relative = ""
    else:
        relative = posixpath.relpath(to_path or ".", base or ".")
        if to_path == "" or to_path.endswith("/"):
            relative = "./" if relative == "." else relative + "/"
    return relative + (f"#{anchor}" if anchor else "")


@jinja2.pass_context
def _href(context: jinja2.runtime.Context, target: str) -> str:
    return relative_url(target, context["page_path"], context["use_directory_urls"])


def make_environment(templates_dir: Path) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(
        md=markdown_text,
        meta=front_matter_text,
        upper_first=upper_first,
        numeric_date=russian.numeric_date,
        long_date=russian.long_date,
    )
    environment.globals.update(count_words=russian.count_words, href=_href)
    return environment


class Renderer:
    """Renders every generated page and include block of the site from one Content."""

    def __init__(
        self,
        content: Content,
        templates_dir: Path,
        today: dt.date,
        *,
        use_directory_urls: bool = True,
    ) -> None:
        self.content = content
        self.today = today
        self.use_directory_urls = use_directory_urls
        self.environment = make_environment(templates_dir)

    def render(self, template: str, page_path: str, **context: Any) -> str:
        """Render a template for the page at ``page_path`` (links are made relative to it)."""
        return self.environment.get_template(template).render(
            site=self.content.site,
            today=self.today,
            page_path=page_path,
            use_directory_urls=self.use_directory_urls,
            **context,
        )

    # Generated pages, each published at its fixed path under docs/.

    def plan_page(self) -> str:
        plan = self.content.plan
        progress = {a.id: progress_of(a, plan, self.today) for a in plan.activities}
        by_status, by_timing = summarize(list(progress.values()))
        references = {a.id: self.content.references_to(a.id) for a in plan.activities}
        with_evidence = sum(1 for a in plan.activities if a.evidence or references[a.id])
        return self.render(
            "plan.md.j2",
            PLAN_PAGE,
            plan=plan,
            progress=progress,
            references=references,
            with_evidence=with_evidence,
            by_status=by_status,
            by_timing=by_timing,
            glossary=self.content.glossary,
            status_filter=[(key, label) for key, label in STATUS_LABELS.items()],
        )

    def glossary_page(self) -> str:
        return self.render("glossary.md.j2", GLOSSARY_PAGE, glossary=self.content.glossary)

    def contacts_page(self) -> str:
        return self.render(
            "contacts.md.j2", CONTACTS_PAGE, contacts=self._contacts(), plan=self.content.plan
        )

    def _contacts(self) -> list[Any]:
        shown = self.content.site.show_samples
        return [c for c in self.content.site.contacts if shown or not c.sample]

    # Blocks that hand-written pages include with <!-- include: name -->.

    def blocks(self, page_path: str) -> dict[str, Callable[[], str]]:
        blocks = {
            "plan-overview": lambda: self.render(
                "blocks/plan-overview.md.j2", page_path, plan=self.content.plan
            ),
            "practice-template": lambda: self.render(
                "blocks/practice-template.html.j2",
                page_path,
                text=entry_text(
                    "Название практики",
                    self.today,
                    self.content.forms,
                    self.content.organizations,
                ),
            ),
        }
        # «fields-<content type>»: the table of fields of any content type, from its schema.
        for name in schema_names():
            blocks[f"fields-{name}"] = lambda name=name: self.render(
                "blocks/schema-fields.html.j2", page_path, fields=schema_fields(name)
            )
        return blocks

    def abbreviation(self, abbr: str) -> str:
        term = self.content.glossary.get(abbr)
        assert term is not None, "the marker only looks for glossary terms"
        return self.render("blocks/abbr.html.j2", GLOSSARY_PAGE, term=term).strip()


INCLUDE = re.compile(r"^<!--\s*include:\s*([\w-]+)\s*-->[ \t]*$", re.M)


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
