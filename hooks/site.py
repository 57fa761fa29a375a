"""The MkDocs entry of the site: one plugin object that owns the build's state.

`mkdocs.yml` lists this module as its only hook. MkDocs caches hook modules (``mkdocs
serve`` does not re-import them), so ``on_config`` starts every build afresh on the same
object. Each event method runs the steps of the site in the order it needs them; nothing
is passed through keys on the config or module globals, and no event depends on the
priority of another hook. The work itself is done by the core package ``mentoring``.

- content: load and validate content/ once per build; fail with Russian messages, never a
  traceback. Hand-written pages may include generated blocks (``<!-- include: name -->``).
- pages: the generated pages and published files, kind by kind.
- links: MkDocs' link and anchor warnings reported at the author's file and line. While
  MkDocs builds the nav and renders the pages (between ``on_files`` and ``on_env``) a
  logging filter turns them into problems of the source files (mentoring/views/pagelinks.py);
  anchors are checked before any page is written.
- search: a Pagefind process starts with the build and receives the article of every page
  as soon as the page is converted (``on_page_content``); it reads them on the other core
  and writes the index while MkDocs writes the pages; ``on_post_build`` waits for it
  (mentoring/search/index.py). Material's own search plugin stays out of ``plugins``.
- accessibility: image alternatives checked, decorative icons hidden from screen readers.
- author texts: each is converted to HTML once, when it is loaded and checked; its page
  takes that HTML in ``on_page_content`` (mentoring/html/converted.py).
- `make serve` (hooks/serve.py) hands the object a ``BuildMemory`` (mentoring/core/incremental.py)
  and says when only entries changed since the last good build: then entries are loaded
  from memory, a generated page whose Markdown is unchanged is neither read nor written
  again (MkDocs' dirty build), and Pagefind is left out (the last full build's index stays).
"""

from __future__ import annotations

import logging
import os
import posixpath
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import cast
from urllib.parse import unquote, urlsplit

from jinja2 import Environment
from markdown import Markdown
from markupsafe import Markup, escape
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import (
    Page,
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RawHTMLPreprocessor,
    _RelativePathTreeprocessor,
)
from mkdocs.structure.toc import AnchorLink, get_toc
from mkdocs.structure.toc import _TocToken as TocToken

from mentoring.build import SiteBuild
from mentoring.content import Content
from mentoring.core.errors import ContentError, Problem, log_safe
from mentoring.core.files import PublishedFile, symlink_problems
from mentoring.core.incremental import BuildMemory, PageRecord
from mentoring.core.pagination import LIST_PAGE_SIZE
from mentoring.core.yamlsource import check_characters
from mentoring.editor.site import AdminFile, EditorNotVendored, admin_files
from mentoring.html.accessibility import check_image_alternatives, hide_icons, hide_icons_around
from mentoring.html.assets import (
    JOINED_STYLESHEET,
    PAGE_MODULES,
    imported_modules,
    joined_stylesheets,
    page_modules,
)
from mentoring.html.converted import Heading
from mentoring.html.sanitize import Sanitizer
from mentoring.kinds.registry import TYPES, navigation
from mentoring.search.index import (
    BUNDLE_DIR,
    PagefindIndexer,
    SearchIndexError,
    is_entry,
    section_of,
)
from mentoring.views.navigation import THEME_LINK_TARGETS, SharedRendering
from mentoring.views.pagelinks import PageLinks, check_page_anchors, conflict_problems
from mentoring.views.render import expand_includes
from mentoring.views.shells import empty_sections_notice, missing_contacts, warning_annotation

# The build's own messages, by what they are about.
log = logging.getLogger("mkdocs.hooks.content")
search_log = logging.getLogger("mkdocs.hooks.search")
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
SEARCH_PAGE = "search.md"
SEARCH_ABORT = "Поисковый индекс не построен. Исправьте ошибку и повторите сборку."
# The core logs under its own name, knowing nothing of MkDocs (mentoring/content.py).
CORE_LOGGER = "mentoring"
PAGES_LOG = logging.getLogger("mkdocs.structure.pages")  # its level: ``ReusedConverterPage``
# Loggers of MkDocs' warnings about links of pages, pages left out of the nav and pages
# left out for another with the same address.
LINK_LOGGERS = (
    PAGES_LOG,
    logging.getLogger("mkdocs.structure.nav"),
    logging.getLogger("mkdocs.structure.files"),
)


class CoreMessages(logging.Handler):
    """Passes what the core logs on to MkDocs' log, at the level MkDocs shows (``-q``,
    ``-v``), to be printed as its own messages."""

    def emit(self, record: logging.LogRecord) -> None:
        if log.isEnabledFor(record.levelno):
            log.handle(record)


def show_core_messages() -> None:
    """Connects the core's log to MkDocs' once per process (the tests load this module
    again for each build)."""
    core = logging.getLogger(CORE_LOGGER)
    core.setLevel(logging.DEBUG)  # MkDocs' level decides what is shown
    if not any(handler.get_name() == CoreMessages.__name__ for handler in core.handlers):
        handler = CoreMessages()
        handler.set_name(CoreMessages.__name__)
        core.addHandler(handler)


def fail(error: ContentError) -> Abort:
    """Print every problem (and GitHub annotations in Actions), then stop the build."""
    for line in error.report_lines():
        log.error(line)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print("\n".join(error.annotations()), flush=True)
    abort = Abort(error.summary())
    abort.content_error = error  # type: ignore[attr-defined]  # shown as a page by hooks/serve.py
    return abort


def fail_search(error: SearchIndexError) -> Abort:
    search_log.error(log_safe(f"Поиск: {error}"))
    return Abort(SEARCH_ABORT)


def report_empty_sections(content: Content) -> None:
    """Say which sections have nothing real yet; missing contacts are a warning that does
    not stop the build (a strict MkDocs warning would), and an annotation in Actions."""
    notice = empty_sections_notice(content)
    if notice:
        log.info(notice)
    problem = missing_contacts(content)
    if problem is not None:
        log.info(f"ПРЕДУПРЕЖДЕНИЕ: {problem}")
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(warning_annotation(problem), flush=True)


def search_section(page: Page) -> str:
    """The section label; a page's title is HTML already (MkDocs and ``on_page_markdown``
    give it escaped), so the template's ``| e`` must not escape it a second time."""
    return section_of(page.url, Markup(page.title or ""))


def anchors_in(files: Files) -> Callable[[str], set[str] | None]:
    """The anchors of a rendered page by its path under docs/ (None: no such page)."""

    def anchors_of(path: str) -> set[str] | None:
        file = files.get_file_from_path(path)
        return None if file is None or file.page is None else file.page.present_anchor_ids

    return anchors_of


class LinkWarnings(logging.Filter):
    """Keeps a translated warning out of the log and adds it to the build's page problems."""

    def __init__(self, build: SiteBuild, translate: Callable[[str], list[Problem]]) -> None:
        super().__init__()
        self.build = build
        self.translate = translate

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        problems = self.translate(record.getMessage())
        self.build.page_problems.extend(problems)
        return not problems


def menu_urls(items: list[StructureItem]) -> Iterator[str]:
    """The address of every page and link in the menu."""
    for item in items:
        if isinstance(item, Section):
            yield from menu_urls(item.children)
        elif isinstance(item, Page | Link):
            yield item.url


def toc_headings(items: Iterable[AnchorLink]) -> Iterator[Heading]:
    """A page's table of contents in document order: (level, id, title) of each item."""
    for item in items:
        yield item.level, item.id, item.title
        yield from toc_headings(item.children)


def kept_as_written(address: str, page: File, files: Files) -> bool:
    """Whether MkDocs keeps a relative address in the text of ``page`` as it is written: it
    names, without a query or an anchor, a file of the site that is not a page, and that
    file's address from the page is the one written («skhema.png» beside the page)."""
    parts = urlsplit(address)
    if parts.query or parts.fragment:
        return False
    folder = posixpath.dirname(page.src_uri)
    target = files.get_file_from_path(
        posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
    )
    return (
        target is not None
        and not target.is_documentation_page()
        and target.url_relative_to(page) == address
    )


class UnchangedPage(File):
    """A generated page whose Markdown is as at the last build: a dirty build skips it."""

    def is_modified(self) -> bool:
        return False


class ReusedConverterPage(Page):
    """A generated page outside the menu, converted by the one Markdown instance of the build.

    MkDocs builds a Markdown instance with every extension for each page, which cost more
    than converting the few lines our templates give a page (1.2 ms against 0.6 ms a page,
    some 2,500 pages at N = 1,000); Python-Markdown is made to be reset and reused, as the
    allowlist's converter is (mentoring/html/sanitize.py). ``render`` is MkDocs 1.6.1's, with
    ``md`` reset instead of built: tests/unit/test_reused_converter.py fails when MkDocs'
    own changes. Pages in the menu are left to MkDocs, which gives them the menu's titles.
    """

    def __init__(self, file: File, config: MkDocsConfig, converter: Markdown) -> None:
        super().__init__(None, file, config)
        self.converter = converter

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")

        md = self.converter
        md.reset()

        raw_html_ext = _RawHTMLPreprocessor()
        raw_html_ext._register(md)

        extract_anchors_ext = _ExtractAnchorsTreeprocessor(self.file, files, config)
        extract_anchors_ext._register(md)

        relative_path_ext = _RelativePathTreeprocessor(self.file, files, config)
        relative_path_ext._register(md)

        extract_title_ext = _ExtractTitleTreeprocessor()
        extract_title_ext._register(md)

        self.content = md.convert(self.markdown)
        self.toc = get_toc(getattr(md, "toc_tokens", []))
        self._title_from_render = extract_title_ext.title
        self.present_anchor_ids = (
            extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
        )
        if PAGES_LOG.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = relative_path_ext.links_to_anchors


class SearchParts:
    """What Pagefind indexes of each page, made as soon as the page is converted
    (``on_page_content``), long before MkDocs writes the first page: Pagefind reads the
    pages meanwhile on the other core and writes the index while MkDocs writes the pages,
    so that the build hardly waits for it after the last page.

    The part is the article's wrapper (overrides/partials/page-body.html) rendered on its
    own (search-body.html) by an environment of the theme made for it, as MkDocs hands its
    own to hooks only in ``on_env``; the page shows that very string (partials/content.html),
    and ``on_post_page`` refuses a page that did not. Pages drafted out of the site (shown
    by `make serve` only) and pages of another template are not searchable.
    """

    def __init__(self, nav: Navigation, config: MkDocsConfig, files: Files) -> None:
        self.nav, self.config = nav, config
        self.pages = files.documentation_pages()
        env = config.theme.get_env()
        add_search_names(env)
        # Material's translations depend on the config alone: imported once, not per page.
        self.lang = env.get_template("partials/language.html").make_module({"config": config})
        self.body_template = env.get_template("partials/search-body.html")
        slot = f"<!-- body {uuid.uuid4().hex} -->"
        self.before, self.after = (
            env.get_template("partials/search-document.html")
            .render(lang=self.lang, body=slot)
            .split(slot)
        )

    def body(self, page: Page) -> str | None:
        """The page's article as the page will show it; None for a page left out."""
        if page.file.inclusion.is_excluded() or page.meta.get("template", "main.html") != (
            "main.html"
        ):
            return None
        context = get_context(self.nav, self.pages, self.config, page)
        return self.body_template.render(context, lang=self.lang)

    def document(self, body: str, page: Page) -> str:
        """What Pagefind gets: ``<html lang>`` and the article, icons hidden as on the page."""
        return self.before + hide_icons_around(body, page.content) + self.after


def add_search_names(env: Environment) -> None:
    """The filter and test the article's wrapper uses (overrides/partials/page-body.html)."""
    env.filters["search_section"] = search_section
    env.tests["search_entry"] = lambda page: is_entry(page.url)


class MentoringSite:
    """The state of one build: the loaded content, the link filter, the search indexer."""

    def __init__(self) -> None:
        self._build: SiteBuild | None = None
        self.link_warnings: LinkWarnings | None = None
        self.indexer: PagefindIndexer | None = None
        # Set by hooks/serve.py before each build of a `make serve` session.
        self.memory: BuildMemory | None = None
        # The allowlist's verdict on each author text, for every build of this process
        # (`make serve` checks again only the texts that changed).
        self.sanitizer = Sanitizer()
        self.skip_unchanged = False
        self.signatures: dict[str, str] = {}  # pages of this build (hand-written: serve only)
        self.unread: set[str] = set()  # hand-written pages a dirty build leaves as they are
        self.files: Files | None = None  # every file of this build, once all pages are read
        self.stylesheets: list[str] = []  # mkdocs.yml's extra_css, served as one file
        self.hand_written_files: set[str] = set()  # every file of docs/, pages or not
        self.replaced_files: list[str] = []  # of those, the ones a generated file replaced
        self.module_preloads: list[str] = []  # modules that the listed modules import
        self.navigation: SharedRendering | None = None  # the menus rendered in this build
        self.converter: Markdown | None = None  # of the generated pages outside the menu
        # The article of each page as the search indexed it, until the page shows it.
        self.indexed_bodies: dict[str, str] = {}
        self.search_parts: SearchParts | None = None  # renders them (on_nav)

    @property
    def build(self) -> SiteBuild:
        assert self._build is not None, "on_config loads the build"
        return self._build

    # ------------------------------------------------------------------ configuration

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        show_core_messages()
        content_dir = Path(config.config_file_path).resolve().parent / "content"
        docs_dir = Path(config.docs_dir)
        self._build = None
        links = symlink_problems(docs_dir, docs_dir.name)
        if links:  # before MkDocs copies what they point to
            raise fail(ContentError(list(links)))
        try:
            build = SiteBuild.load(
                content_dir,
                TEMPLATES_DIR,
                use_directory_urls=config.use_directory_urls,
                site_url=config.site_url or None,
                docs_dir=docs_dir,
                memory=self.memory,
                sanitizer=self.sanitizer,
                check_later=True,  # until on_env: the pages are read meanwhile
            )
        except ContentError as error:
            raise fail(error) from None
        except ValueError as error:  # a wrong SOURCE_DATE_EPOCH
            raise Abort(str(error)) from None
        report_empty_sections(build.content)
        config.site_name = str(escape(build.content.site.site_name))
        config.site_description = str(escape(build.content.site.site_description))
        config.copyright = str(escape(build.content.site.copyright))
        config.nav = navigation(config.nav or [])  # each kind's entry, from the registry
        self.stylesheets = list(config.extra_css)  # joined in on_files (mentoring/html/assets.py)
        config.extra_css = [JOINED_STYLESHEET]
        self._build = build
        # MkDocs lists the files of docs/ next, before any hook sees them.
        self.translate_warnings(lambda warning: conflict_problems(warning, docs_dir.name))
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.signatures, self.unread = {}, set()
        if self.skip_unchanged:
            return
        try:
            self.indexer = PagefindIndexer(Path(config.site_dir) / BUNDLE_DIR)
        except SearchIndexError as error:
            raise fail_search(error) from None

    # ------------------------------------------------------------------ files and nav

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        build = self.build
        # Remembered before pages are added, so that a generated page never silently
        # replaces a hand-written one.
        build.hand_written_pages = {page.src_uri for page in files.documentation_pages()}
        docs_dir = Path(config.docs_dir)
        self.hand_written_files = {
            file.src_uri
            for file in files
            if file.abs_src_path and Path(file.abs_src_path).is_relative_to(docs_dir)
        }
        self.replaced_files = []
        self.converter = None  # made with this build's settings when first needed
        if self.memory is not None:
            self.sign_hand_written(files)
        for kind in TYPES:  # in the registry's order, which is the sitemap's
            for path, item, in_nav in kind.pages(build.renderer):
                if isinstance(item, PublishedFile):
                    self.publish(files, config, item)
                elif isinstance(item, bytes):
                    self.add_generated(files, File.generated(config, path, content=item))
                else:
                    self.add_page(files, config, path, item, in_nav=in_nav)
        for notice in build.renderer.notices:
            log.info(notice)
        self.add_editor(files, config)
        self.join_assets(files, config)
        search_page = build.renderer.render("search/page.md.j2", SEARCH_PAGE)
        self.add_page(files, config, SEARCH_PAGE, search_page, in_nav=False)
        self.translate_link_warnings(files, config)  # every page is known; the nav is next
        return files

    def add_generated(self, files: Files, file: File) -> None:
        """Adds a file the site makes. A file at its address is taken out first, as MkDocs
        wants it (``remove`` before ``append``); ``on_nav`` refuses the build if it was one
        of docs/, so that nothing an author wrote is ever silently replaced."""
        replaced = files.get_file_from_path(file.src_uri)
        if replaced is not None:
            if replaced.src_uri in self.hand_written_files:
                self.replaced_files.append(replaced.src_uri)
            files.remove(replaced)
        files.append(file)

    def sign_hand_written(self, files: Files) -> None:
        """A hand-written page may include blocks made from entries. In a dirty build, one
        whose Markdown with those blocks is as at the last build is left as it is (its
        source did not change, so MkDocs does not read it); the others are built again."""
        assert self.memory is not None, "only in `make serve`"
        for page in files.documentation_pages():
            path = page.src_uri
            signature = self.build.renderer.hand_written_signature(path, page.content_string)
            self.signatures[path] = signature
            if not self.skip_unchanged:
                continue
            if self.memory.unchanged(path, signature) is not None:
                self.unread.add(path)
            else:
                Path(page.abs_dest_path).unlink(missing_ok=True)

    def add_editor(self, files: Files, config: MkDocsConfig) -> None:
        """The web editor at /admin/ (mentoring/editor): static files, so outside the nav,
        the sitemap and the search index."""

        def generate() -> list[AdminFile]:
            return list(admin_files(self.build.renderer))

        try:
            if self.memory is None:
                generated = generate()
            else:  # made of templates, the plan and vendored files: all shared inputs
                generated = self.memory.of_shared_inputs("editor", generate)
        except EditorNotVendored as error:
            raise PluginError(str(error)) from error
        for item in generated:
            if item.content is not None:
                self.add_generated(files, File.generated(config, item.path, content=item.content))
            else:
                self.add_generated(
                    files, File.generated(config, item.path, abs_src_path=str(item.source))
                )

    def join_assets(self, files: Files, config: MkDocsConfig) -> None:
        """Our stylesheets as one file, and the modules to preload: fewer round trips for a
        visitor on a slow connection (mentoring/html/assets.py)."""
        sources = []
        for name in self.stylesheets:
            stylesheet = files.get_file_from_path(name)
            if stylesheet is None:
                raise PluginError(f"mkdocs.yml, extra_css: нет файла {name}")
            files.remove(stylesheet)
            sources.append((name, stylesheet.content_string))
        self.add_generated(
            files, File.generated(config, JOINED_STYLESHEET, content=joined_stylesheets(sources))
        )
        modules = [
            script.path
            for script in config.extra_javascript
            if getattr(script, "type", "") == "module"
        ]
        modules += PAGE_MODULES.values()

        def read(path: str) -> str:
            module = files.get_file_from_path(path)
            if module is None:
                raise PluginError(f"{modules}: модуль {path} не найден")
            return module.content_string

        self.module_preloads = imported_modules(modules, read)

    def add_page(
        self, files: Files, config: MkDocsConfig, path: str, markdown: str, *, in_nav: bool
    ) -> None:
        """A generated page; entry pages stay out of the nav, which the lists lead to."""
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        if path in self.build.renderer.unchanged_pages:  # not even rendered: made of the same
            assert self.skip_unchanged and self.memory is not None, "only a serve rebuild"
            self.signatures[path] = self.memory.pages[path].signature
            self.add_generated(
                files, UnchangedPage.generated(config, path, content="", inclusion=inclusion)
            )
            return
        signature = self.build.renderer.page_signature(markdown)
        self.signatures[path] = signature
        unchanged = (
            self.skip_unchanged
            and self.memory is not None
            and self.memory.unchanged(path, signature) is not None
        )
        kind = UnchangedPage if unchanged else File
        file = kind.generated(config, path, content=markdown, inclusion=inclusion)
        self.add_generated(files, file)
        if not in_nav:
            if self.converter is None:
                self.converter = Markdown(
                    extensions=config.markdown_extensions,
                    extension_configs=config.mdx_configs or {},
                )
            ReusedConverterPage(file, config, self.converter)

    def publish(self, files: Files, config: MkDocsConfig, published: PublishedFile) -> None:
        """A file of content/ copied into the site at its target address."""
        self.add_generated(
            files, File.generated(config, published.target, abs_src_path=str(published.source))
        )

    def translate_link_warnings(self, files: Files, config: MkDocsConfig) -> None:
        build = self.build
        links = PageLinks(
            build.content,
            Path(config.docs_dir),
            build.hand_written_pages,
            [file.src_uri for file in files.documentation_pages()],
            anchors_in(files),
        )
        self.translate_warnings(links.problems)

    def translate_warnings(self, translate: Callable[[str], list[Problem]]) -> None:
        """From now on MkDocs' warnings that ``translate`` knows become page problems."""
        self.stop_translating()
        self.link_warnings = LinkWarnings(self.build, translate)
        for logger in LINK_LOGGERS:
            logger.addFilter(self.link_warnings)

    def stop_translating(self) -> None:
        if self.link_warnings is not None:
            for logger in LINK_LOGGERS:
                logger.removeFilter(self.link_warnings)
            self.link_warnings = None

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        build = self.build
        problems = build.content.check_page_references(
            lambda path: files.get_file_from_path(path) is not None
        )
        docs = Path(config.docs_dir).name
        for path in self.replaced_files:
            made = "эту страницу" if path in build.hand_written_pages else "этот файл"
            problems.add(
                f"{docs}/{path}",
                None,
                None,
                f"{made} сайт создаёт сам из папки content/, и файл был бы молча заменён; "
                "удалите его или переименуйте",
            )
        if problems:
            self.report_late_problems()  # content that did not load comes first, as alone
            raise fail(ContentError(list(problems)))
        self.navigation = SharedRendering(menu_urls(nav.items))
        self.indexed_bodies = {}
        self.search_parts = None if self.indexer is None else SearchParts(nav, config, files)
        return nav

    # ------------------------------------------------------------------ pages

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, **_: object) -> str:
        # Material prints page.meta title and description unescaped (its Jinja environment
        # has no autoescape), and content titles are plain text typed by authors: escape
        # them once.
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = str(escape(page.meta[key]))
        build = self.build
        path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        if page.file.src_uri in build.hand_written_pages:  # content/ was checked when loaded
            check_characters(page.file.content_string, path, build.page_problems)
        return self.with_blocks(markdown, page, config)

    def with_blocks(self, markdown: str, page: Page, config: MkDocsConfig) -> str:
        """``markdown`` with the blocks its include markers name."""
        build = self.build
        path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        blocks = build.renderer.blocks(page.file.src_uri)
        return expand_includes(markdown, blocks, path, build.page_problems)

    def on_page_content(
        self, html: str, page: Page, config: MkDocsConfig, files: Files, **_: object
    ) -> str:
        """Author texts converted at load take their places; author text passes the
        allowlist once more, as the page shows it (a safety net: each text was checked when
        loaded); the HTML blocks that templates kept out of Markdown go back; then
        abbreviations get their tooltips and images are checked."""
        build = self.build
        html = self.converted_texts_in_place(html, page, config, files)
        hand_written = None
        if page.file.src_uri in build.hand_written_pages:
            hand_written = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        html = build.renderer.author_regions.check(html, hand_written, build.page_problems)
        html = build.renderer.html_blocks.insert(html)
        html = build.abbreviations.mark(html)
        self.check_images(html, page, config)
        if self.search_parts is not None and self.indexer is not None:
            page.content = html  # as MkDocs sets it from what this returns
            body = self.search_parts.body(page)
            if body is not None:
                self.indexed_bodies[page.file.src_uri] = body
                self.indexer.add_searchable_part(
                    page.file.dest_uri, self.search_parts.document(body, page)
                )
        return html

    def converted_texts_in_place(
        self, html: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """An author text converted when it was loaded is not converted again: its HTML
        takes its placeholder's place, and the page's table of contents, anchors and links to
        its own anchors get what MkDocs would have taken from the text
        (mentoring/html/converted.py). Where an id of the text is one the rest of the page
        has, the page is converted whole, as before."""
        regions = self.build.renderer.author_regions
        if not regions.holds_converted(html):
            return html
        anchors = page.present_anchor_ids or set()
        converted = regions.converted_page(
            html,
            list(toc_headings(page.toc)),
            anchors,
            lambda address: kept_as_written(address, page.file, files),
        )
        if converted is None:  # its texts' Markdown, with the blocks they include
            page.markdown = self.with_blocks(regions.with_texts(page.markdown or ""), page, config)
            page.render(config, files)
            return page.content or ""
        page.toc = get_toc(cast(list[TocToken], converted.toc_tokens))
        page.present_anchor_ids = anchors | converted.ids
        if page.links_to_anchors is not None and converted.self_links:
            own = page.links_to_anchors.setdefault(page.file, {})
            for anchor, address in converted.self_links:
                own.setdefault(anchor, address)
        return converted.html

    def check_images(self, html: str, page: Page, config: MkDocsConfig) -> None:
        file = page.file
        if file.abs_src_path:
            project = Path(config.config_file_path).resolve().parent
            source_file = Path(file.abs_src_path).resolve()
            path = (
                source_file.relative_to(project).as_posix()
                if source_file.is_relative_to(project)
                else source_file.as_posix()
            )
            source = file.content_string
        else:  # generated from content/: its Markdown lines mean nothing to authors
            path, source = f"{Path(config.docs_dir).name}/{file.src_uri}", None
        check_image_alternatives(html, path, source, self.build.page_problems)

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        """Every page has been read by now: the author texts' check is finished, anchors are
        checked and whatever was found in all pages is reported at once; then the search
        filters join the templates."""
        build = self.build
        self.report_late_problems()
        self.files = files
        if self.memory is not None:  # the theme's templates are compiled once a session
            env.bytecode_cache = self.memory.templates
        self.recall_unchanged_pages(files)
        level = config.validation.links.anchors
        if level >= logging.WARNING:  # what MkDocs would check after writing, checked now
            for file in files.documentation_pages():
                if file.page is not None:
                    file.page.validate_anchor_links(files=files, log_level=level)
        self.stop_translating()
        build.page_problems.extend(check_page_anchors(build.content, anchors_in(files)))
        if build.page_problems:
            raise fail(ContentError(list(build.page_problems)))
        add_search_names(env)
        env.globals["search_page_url"] = files.get_file_from_path(SEARCH_PAGE).url
        env.globals["module_preloads"] = self.module_preloads
        env.globals["page_modules"] = page_modules
        env.globals["list_page_size"] = LIST_PAGE_SIZE  # «Показать ещё» of the search panels
        assert self.navigation is not None, "on_nav makes it"
        env.globals["shared_navigation"] = self.navigation.render
        env.globals["shared_script_tags"] = SharedRendering(THEME_LINK_TARGETS).render
        env.globals["indexed_body"] = lambda page: self.indexed_bodies.pop(page.file.src_uri, None)
        if self.indexer is not None:  # every page is handed over: the index is written now
            self.indexer.start_finishing()
        return env

    def report_late_problems(self) -> None:
        """Author texts the workers were still checking when content was loaded: a problem
        in one is reported as loading reports it, alone (it did not load), before any other
        problem the build found since."""
        late = self.sanitizer.finish_checking()
        if late:
            raise fail(ContentError(list(late)))

    def recall_unchanged_pages(self, files: Files) -> None:
        """A page skipped by a dirty build was not read: its title (for the navigation),
        anchors (for links to it) and links to anchors (checked against the anchors the
        pages have now) are those of the last build."""
        if self.memory is None:
            return
        for file in files.documentation_pages():
            unchanged = isinstance(file, UnchangedPage) or file.src_uri in self.unread
            if unchanged and file.page is not None:
                record = self.memory.pages[file.src_uri]
                file.page.title = record.title
                if record.anchors is not None:
                    file.page.present_anchor_ids = set(record.anchors)
                links: dict[File, dict[str, str]] = {}
                for path, anchor, link in record.links_to_anchors:
                    target = files.get_file_from_path(path)
                    if target is not None:  # a page gone changes the entry list: full build
                        links.setdefault(target, {})[anchor] = link
                file.page.links_to_anchors = links

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri in self.indexed_bodies:
            raise PluginError(
                f"{page.file.src_uri}: страница не показала статью, которую получил поиск "
                "(overrides/partials/content.html)"
            )
        return hide_icons_around(output, page.content)

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        """Theme-only pages such as 404.html have no author content: every SVG is an icon."""
        return hide_icons(output) if template_name.endswith(".html") else output

    # ------------------------------------------------------------------ end of the build

    def on_post_build(self, config: MkDocsConfig) -> None:
        self.remember_pages(config)
        indexer = self.indexer
        if indexer is None:
            assert self.skip_unchanged, "on_pre_build starts the indexer"
            return
        try:
            stats = indexer.finish()
        except SearchIndexError as error:
            raise fail_search(error) from None
        finally:
            indexer.close()
            self.indexer = None
        search_log.info(
            f"Поиск: проиндексировано страниц: {stats.pages}, "
            f"файлов индекса: {stats.files} ({stats.bytes / 1024:.0f} КБ), "
            f"{stats.seconds:.1f} с, из них после последней страницы {stats.final_seconds:.1f} с"
        )
        others = sorted(code for code in stats.languages if code != "ru")
        if others:
            search_log.warning(
                "Поиск: Pagefind определил у части страниц язык не «ru» ("
                + ", ".join(f"{code}: {stats.languages[code]}" for code in others)
                + "); поиск с русских страниц их не найдёт — проверьте <html lang>"
            )

    def remember_pages(self, config: MkDocsConfig) -> None:
        """For `make serve`: what the next build needs of the generated pages built now."""
        if self.memory is None:
            return
        files = self.files
        assert files is not None, "on_env keeps the files"
        records = []
        for path, signature in self.signatures.items():
            file = files.get_file_from_path(path)
            if file is None or file.page is None:  # no record: to be made again next time
                self.memory.page_inputs().pop(path, None)
                continue
            if isinstance(file, UnchangedPage) or path in self.unread:
                continue
            anchors = file.page.present_anchor_ids
            links = file.page.links_to_anchors or {}
            record = PageRecord(
                signature,
                file.page.title,
                None if anchors is None else frozenset(anchors),
                tuple(
                    (target.src_uri, anchor, link)
                    for target, found in links.items()
                    for anchor, link in found.items()
                ),
            )
            records.append((path, record))
        self.memory.built(records)

    def on_build_error(self, error: Exception) -> None:
        """A failed build leaves no log filter and no Pagefind process behind (``mkdocs
        serve`` goes on)."""
        if self.memory is not None:
            self.memory.failed()
        self.sanitizer.stop_checking()
        self.stop_translating()
        self.indexed_bodies = {}
        if self.indexer is not None:
            self.indexer.close()
            self.indexer = None


SITE = MentoringSite()
on_config = SITE.on_config
on_pre_build = SITE.on_pre_build
on_files = SITE.on_files
on_nav = SITE.on_nav
on_page_markdown = SITE.on_page_markdown
on_page_content = SITE.on_page_content
on_env = SITE.on_env
on_post_page = SITE.on_post_page
on_post_template = SITE.on_post_template
on_post_build = SITE.on_post_build
on_build_error = SITE.on_build_error
