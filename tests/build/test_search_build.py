"""Builds of a tiny site with the Pagefind search: what is indexed, links, build errors."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

import mentoring.search.index
from mentoring.search.index import IndexStats
from tests.helpers import REPO, BuildResult, build_site, make_site

ABORT = "Поисковый индекс не построен. Исправьте ошибку и повторите сборку."


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_site(tmp_path, "minimal", "search")


def indexed_pages(site: Path) -> list[str]:
    pages = site.rglob("*.html")
    return sorted(
        str(page.relative_to(site)) for page in pages if "data-pagefind-body" in page.read_text()
    )


def test_the_index_holds_the_article_of_every_page_in_russian(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = build_site(project, monkeypatch)

    assert result.ok, result.errors
    assert result.errors == []
    site = result.site_dir
    pages = indexed_pages(site)
    assert "index.html" in pages
    assert "plan/index.html" in pages
    assert "practices/klub/index.html" in pages
    assert "search/index.html" not in pages  # the search page itself is not searched
    assert "404.html" not in pages
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert {code: language["page_count"] for code, language in entry["languages"].items()} == {
        "ru": len(pages)
    }


def test_material_search_plugin_is_not_built(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = build_site(project, monkeypatch)

    assert result.ok, result.errors
    assert list(result.site_dir.rglob("search_index.json")) == []
    assert 'data-md-component="search"' not in result.page("")


def test_each_page_carries_its_section_and_entries_their_collection(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = build_site(project, monkeypatch)

    assert result.ok, result.errors
    practice = result.page("practices/klub/")
    assert 'data-pagefind-meta="section:Практики"' in practice
    assert 'data-pagefind-filter="collection:Практики"' in practice
    bank = result.page("practices/")
    assert 'data-pagefind-meta="section:Практики"' in bank
    assert 'data-pagefind-filter="collection:' not in bank  # the list is not its own entry
    # A list deeper in the section opts out in its front matter (search: {entry: false}).
    assert 'data-pagefind-filter="collection:' not in result.page("practices/spisok/")
    assert 'data-pagefind-meta="section:План"' in result.page("plan/")
    assert 'data-pagefind-meta="section:Главная"' in result.page("")


def test_header_search_links_are_relative_to_the_page(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = build_site(project, monkeypatch, site_url="https://example.github.io/mentoring/")

    assert result.ok, result.errors
    plan = result.page("plan/")
    assert 'data-search-root="../"' in plan
    assert 'action="../search/"' in plan
    assert 'data-search-root="./"' in result.page("")
    assert "/pagefind/" not in plan


def test_search_page_without_directory_urls(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = build_site(project, monkeypatch, use_directory_urls=False)

    assert result.ok, result.errors
    assert 'action="../search.html"' in result.page("plan/index.html")
    assert (result.site_dir / "search.html").is_file()


def test_search_page_explains_itself_without_javascript(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = build_site(project, monkeypatch)

    assert result.ok, result.errors
    page = result.page("search/")
    noscript = re.search(r"<noscript>(.*?)</noscript>", page, re.S)
    assert noscript is not None
    assert "Поиск по сайту работает только с включённым JavaScript" in noscript.group(1)
    assert re.search(r'<form class="search-panel__form"[^>]*\bhidden\b', page)


def failed(result: BuildResult) -> tuple[bool, list[str], str]:
    return result.ok, result.errors, result.abort_message


def test_a_missing_pagefind_stops_the_build_with_a_russian_message(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(project / "no-such-pagefind"))

    result = build_site(project, monkeypatch, check_parity=False)  # no content at fault

    assert failed(result) == (
        False,
        [
            "Поиск: не найдена программа Pagefind (пакет pagefind[bin]); "
            "переустановите зависимости: make venv"
        ],
        ABORT,
    )


def test_pages_indexed_in_another_language_fail_the_strict_build(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stats = IndexStats(
        pages=4, languages={"ru": 3, "en": 1}, files=9, bytes=1, seconds=0.1, final_seconds=0.1
    )
    monkeypatch.setattr(mentoring.search.index.PagefindIndexer, "finish", lambda self: stats)

    result = build_site(project, monkeypatch, check_parity=False)  # found by Pagefind only

    assert not result.ok
    assert result.warnings == [
        "Поиск: Pagefind определил у части страниц язык не «ru» (en: 1); "
        "поиск с русских страниц их не найдёт — проверьте <html lang>"
    ]


def pagefind_children() -> list[str]:
    """Pagefind processes started by this test process and still alive."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            name = stat.read_text().split("(", 1)[1].rsplit(")", 1)[0]
        except (OSError, IndexError):
            continue
        if int(fields[1]) == os.getpid() and "pagefind" in name and fields[0] != "Z":
            found.append(name)
    return found


def test_a_build_that_fails_after_pagefind_started_stops_it(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = project / "docs" / "picture.md"
    page.write_text("# Картинка\n\n![](picture.png)\n", "utf-8")  # no alt: fails in on_env
    started: list[mentoring.search.index.PagefindIndexer] = []
    original_init = mentoring.search.index.PagefindIndexer.__init__

    def init(self: mentoring.search.index.PagefindIndexer, *args: object, **kwargs: object) -> None:
        original_init(self, *args, **kwargs)  # type: ignore[arg-type]
        started.append(self)

    monkeypatch.setattr(mentoring.search.index.PagefindIndexer, "__init__", init)

    result = build_site(project, monkeypatch)

    assert not result.ok
    assert len(started) == 1
    assert started[0].exit_code is not None
    assert pagefind_children() == []


def site_files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in site.rglob("*")
        if path.is_file()
    }


def test_two_builds_of_the_same_pages_write_the_same_search_index(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind writes its filters in a random order; mentoring/search/canonical.py sorts
    them, so a deploy resends no index file and comparisons of builds need not skip it."""
    first = build_site(project, monkeypatch)
    assert first.ok, first.errors
    kept = first.site_dir.rename(project / "first-site")

    second = build_site(project, monkeypatch)

    assert second.ok, second.errors
    bundle = site_files(kept / "pagefind")
    assert len([path for path in bundle if path.startswith("filter/")]) >= 4
    assert bundle == site_files(second.site_dir / "pagefind")


def test_the_index_written_alongside_the_pages_is_the_index_of_the_pages_as_written(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build hands Pagefind each page's article before writing any page (hooks/site.py):
    indexing the written pages afterwards must give the same fragments, byte for byte (a
    fragment holds a page's address, text, headings, filters and metadata; the other index
    files depend on the order the pages come in)."""
    result = build_site(project, monkeypatch)
    assert result.ok, result.errors
    written = site_files(result.site_dir / "pagefind" / "fragment")

    stats = mentoring.search.index.build_index(result.site_dir)

    assert stats.pages == len(written) == len(indexed_pages(result.site_dir)) > 5
    assert site_files(result.site_dir / "pagefind" / "fragment") == written


def test_a_page_that_does_not_show_the_indexed_article_fails_the_build(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A theme change that renders the article anew instead of showing the one the search
    got would let the index and the page drift apart: the build refuses it."""
    overrides = project / "overrides"
    shutil.copytree(REPO / "overrides", overrides)
    content = overrides / "partials" / "content.html"
    content.write_text('{% include "partials/page-body.html" %}\n', "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(str(REPO / "overrides"), str(overrides)), "utf-8"
    )

    result = build_site(project, monkeypatch, check_parity=False)

    assert not result.ok
    assert result.errors[-1] == (
        "index.md: страница не показала статью, которую получил поиск "
        "(overrides/partials/content.html)"
    )
