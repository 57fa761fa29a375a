"""Site search with Pagefind: the /search/ page, the section of each page, the index.

Pagefind runs over the finished site in ``on_post_build`` (mentoring/search_index.py);
its failures stop the build with a Russian message. Material's own search plugin stays
out of ``plugins``, so no search_index.json is built.
"""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel

from mentoring import search_index
from mentoring.search_index import SearchIndexError, is_entry, section_of

log = logging.getLogger("mkdocs.hooks.search")
SEARCH_PAGE = "search.md"


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.filters["search_section"] = lambda page: section_of(page.url, page.title or "")
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


def on_post_build(config: MkDocsConfig) -> None:
    try:
        stats = search_index.build_index(Path(config.site_dir))
    except SearchIndexError as error:
        log.error(f"Поиск: {error}")
        raise Abort("Поисковый индекс не построен. Исправьте ошибку и повторите сборку.") from None
    log.info(
        f"Поиск: проиндексировано страниц: {stats.pages}, "
        f"файлов индекса: {stats.files} ({stats.bytes / 1024:.0f} КБ), {stats.seconds:.1f} с"
    )
    others = sorted(code for code in stats.languages if code != "ru")
    if others:
        log.warning(
            "Поиск: Pagefind определил у части страниц язык не «ru» ("
            + ", ".join(f"{code}: {stats.languages[code]}" for code in others)
            + "); поиск с русских страниц их не найдёт — проверьте <html lang>"
        )
