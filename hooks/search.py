"""Site search with Pagefind: the /search/ page, the section of each page, the index.

A Pagefind process starts with the build, receives every page as soon as MkDocs has
rendered it and writes the index in ``on_post_build`` (mentoring/search_index.py); its
failures stop the build with a Russian message. Material's own search plugin stays out
of ``plugins``, so no search_index.json is built.
"""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from mentoring.errors import log_safe
from mentoring.search_index import (
    BUNDLE_DIR,
    PagefindIndexer,
    SearchIndexError,
    is_entry,
    section_of,
)

log = logging.getLogger("mkdocs.hooks.search")
SEARCH_PAGE = "search.md"
ABORT = "Поисковый индекс не построен. Исправьте ошибку и повторите сборку."

# The Pagefind process of the build in progress (this module is loaded afresh with
# each configuration, so one build at a time uses it).
indexer: PagefindIndexer | None = None


def fail(error: SearchIndexError) -> Abort:
    log.error(log_safe(f"Поиск: {error}"))
    return Abort(ABORT)


def search_section(page: Page) -> str:
    """The section label; a page's title is HTML already (MkDocs and hooks/content.py give
    it escaped), so the template's ``| e`` must not escape it a second time."""
    return section_of(page.url, Markup(page.title or ""))


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.filters["search_section"] = search_section
    env.tests["search_entry"] = lambda page: is_entry(page.url)
    env.globals["search_page_url"] = files.get_file_from_path(SEARCH_PAGE).url
    return env


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = config["mentoring_build"]
    page = build.renderer.render("search/page.md.j2", SEARCH_PAGE)
    files.append(
        File.generated(config, SEARCH_PAGE, content=page, inclusion=InclusionLevel.NOT_IN_NAV)
    )
    return files


def on_pre_build(config: MkDocsConfig) -> None:
    global indexer
    try:
        indexer = PagefindIndexer(Path(config.site_dir) / BUNDLE_DIR)
    except SearchIndexError as error:
        raise fail(error) from None


@event_priority(-100)  # after every other hook has changed the page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    assert indexer is not None, "on_pre_build starts the indexer"
    indexer.add_page(page.file.dest_uri, output)
    return output


def on_post_build(config: MkDocsConfig) -> None:
    global indexer
    assert indexer is not None, "on_pre_build starts the indexer"
    try:
        stats = indexer.finish()
    except SearchIndexError as error:
        raise fail(error) from None
    finally:
        indexer.close()
        indexer = None
    log.info(
        f"Поиск: проиндексировано страниц: {stats.pages}, "
        f"файлов индекса: {stats.files} ({stats.bytes / 1024:.0f} КБ), {stats.seconds:.1f} с, "
        f"из них после последней страницы {stats.final_seconds:.1f} с"
    )
    others = sorted(code for code in stats.languages if code != "ru")
    if others:
        log.warning(
            "Поиск: Pagefind определил у части страниц язык не «ru» ("
            + ", ".join(f"{code}: {stats.languages[code]}" for code in others)
            + "); поиск с русских страниц их не найдёт — проверьте <html lang>"
        )


def on_build_error(error: Exception) -> None:
    """A failed build must not leave a Pagefind process behind (``mkdocs serve`` goes on)."""
    global indexer
    if indexer is not None:
        indexer.close()
        indexer = None
