"""The site search index: Pagefind run over the built site, and the section of each page.

Pagefind stems Russian (наставничество → наставничества), folds «ё» into «е» and splits
the index into chunks that a browser loads only when a query needs them. It indexes only
the elements marked ``data-pagefind-body`` (the article of each page, see
overrides/partials/content.html) and reads the language from ``<html lang="ru">``.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pagefind.service import PagefindService

BUNDLE_DIR = "pagefind"
# Parts of the article that are controls or decoration, not text to be found.
EXCLUDED_SELECTORS = (
    ".headerlink",  # the «¶» permalink after each heading
    "[data-plan-filters]",  # the plan's filter form
    "[data-search-panel] form",  # search forms (the search page is not indexed anyway)
    ".md-source-file",
)
INDEX_TIMEOUT_S = 600
# The section shown next to a search result, by the first segment of the page URL.
SECTIONS = {
    "": "Главная",
    "plan": "План",
    "practices": "Практики",
    "news": "Новости",
    "documents": "Документы",
    "materials": "Материалы",
    "monitoring": "Мониторинг",
    "contacts": "Контакты",
    "glossary": "Сокращения",
}


class SearchIndexError(Exception):
    """The search index could not be built; the message is for the person running the build."""


@dataclass(frozen=True)
class IndexStats:
    pages: int
    languages: dict[str, int]  # pages per language Pagefind detected: one index each
    files: int
    bytes: int
    seconds: float


def _segments(url: str) -> list[str]:
    path = url.split("#", 1)[0].split("?", 1)[0]
    return [part for part in path.split("/") if part and part != "index.html"]


def section_of(url: str, title: str) -> str:
    """Section label of a page from its site-relative URL (``plan/`` → «План»).

    Pages of an unlisted first segment (a one-page section such as a new hand-written
    page) are labelled with their own title.
    """
    segments = _segments(url)
    first = segments[0].removesuffix(".html") if segments else ""
    return SECTIONS.get(first, title)


def is_entry(url: str) -> bool:
    """Whether the page is an entry of a section (``practices/x/``), not its root page.

    Lists such as the practice bank search only their entries (filter ``collection``),
    so that the list page itself, which repeats their texts, is not among them.
    """
    return len(_segments(url)) > 1


def build_index(site_dir: Path, *, timeout_s: float = INDEX_TIMEOUT_S) -> IndexStats:
    """Index the built site in ``site_dir`` into ``site_dir/pagefind/``.

    Raises SearchIndexError (in Russian) when Pagefind is missing, fails, hangs or finds
    no page to index.
    """
    site_dir = site_dir.resolve()
    bundle = site_dir / BUNDLE_DIR
    shutil.rmtree(bundle, ignore_errors=True)  # no stale chunks from an earlier build
    started = time.perf_counter()
    try:
        # In a thread of its own: asyncio.run() refuses to start inside a running event
        # loop, and a caller may have one (Playwright in the browser tests, a notebook).
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, _index(site_dir, bundle, timeout_s)).result()
    except FileNotFoundError:
        raise SearchIndexError(
            "не найдена программа Pagefind (пакет pagefind[bin]); "
            "переустановите зависимости: make venv"
        ) from None
    except TimeoutError:
        raise SearchIndexError(f"Pagefind не закончил работу за {timeout_s:g} с") from None
    except SearchIndexError:
        raise
    except Exception as error:  # the Pagefind service reports its failures as plain Exception
        detail = str(error.args[0]) if error.args else type(error).__name__
        raise SearchIndexError(f"Pagefind не смог построить индекс: {detail}") from None
    seconds = time.perf_counter() - started
    languages = _indexed_languages(bundle)
    if not languages:
        raise SearchIndexError(f"в собранном сайте ({site_dir}) нет ни одной страницы для поиска")
    files = [path for path in bundle.rglob("*") if path.is_file()]
    return IndexStats(
        pages=sum(languages.values()),
        languages=languages,
        files=len(files),
        bytes=sum(path.stat().st_size for path in files),
        seconds=seconds,
    )


def _indexed_languages(bundle: Path) -> dict[str, int]:
    """Pages per language, from the bundle's entry file that pagefind.js reads first."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    except (OSError, ValueError):
        raise SearchIndexError(f"Pagefind не записал файлы поиска в {bundle}") from None
    return {code: language["page_count"] for code, language in entry["languages"].items()}


async def _index(site_dir: Path, bundle: Path, timeout_s: float) -> None:
    from pagefind.service import PagefindService

    service = PagefindService()  # FileNotFoundError when the program is missing
    await service.launch()
    work = asyncio.ensure_future(_write_index(service, site_dir, bundle))
    # The API waits forever for an answer from a process that has died; its reader task
    # ends when that happens, so wait for whichever ends first.
    reader = service._poll_task
    try:
        done, _ = await asyncio.wait(
            {work, reader}, timeout=timeout_s, return_when=asyncio.FIRST_COMPLETED
        )
        if work in done:
            work.result()  # raises what the service reported
        elif reader in done:
            code = await asyncio.wait_for(service._backend.wait(), timeout=5)
            raise SearchIndexError(f"Pagefind неожиданно завершил работу (код {code})")
        else:
            raise TimeoutError
    finally:
        work.cancel()
        await _stop(service)


async def _write_index(service: PagefindService, site_dir: Path, bundle: Path) -> None:
    from pagefind.index import IndexConfig

    config: IndexConfig = {
        "exclude_selectors": list(EXCLUDED_SELECTORS),
        "output_path": str(bundle),
    }
    index = await service.create_index(config)
    await index.add_directory(str(site_dir))
    await index.write_files()


async def _stop(service: PagefindService) -> None:
    """End the Pagefind process whatever happened.

    The API's own ``close()`` waits for requests that will never be answered and, when
    they were cancelled, fails and leaves the process running.
    """
    service._poll_task.cancel()
    if service._backend.returncode is None:
        service._backend.kill()
    await service._backend.wait()
