"""Hostile tricks the site shows as text (issue 12), loaded in Chromium: no dialog, no author
script, no request to another origin, on every page; names with quotes and «&» read
exactly as typed in search results and tooltips (item 9). The refused vectors are
asserted in tests/unit/test_sanitize.py and tests/build/test_sanitizer_build.py."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import serve
from tests.helpers import build_site, make_site
from tests.hostile import ABBREVIATION, ORGANIZATION_NAME, SHOWN_IN_FIELDS, write_shown


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_site(tmp_path_factory.mktemp("hostile-site"), "minimal", "practices")
    write_shown(project)
    with pytest.MonkeyPatch.context() as monkeypatch:
        result = build_site(project, monkeypatch)
    assert result.ok, result.errors
    return result.site_dir


@pytest.fixture(scope="module")
def site_server(hostile_site: Path) -> Iterator[str]:
    """Overrides conftest's server: the site with the hostile tricks."""
    with serve(hostile_site) as url:
        yield url


def load_quietly(
    page: Page,
    paths: list[str],
    external_requests: list[str],
    check: Callable[[Page], None] = lambda page: None,
) -> None:
    """Open each page (and ``check`` it); fail on any dialog, author script or request
    elsewhere."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in paths:
        page.goto(path, wait_until="load")
        check(page)
        assert page.evaluate("window.__hostile") is None, path
    page.wait_for_timeout(300)
    assert dialogs == []
    assert external_requests == []


@pytest.mark.parametrize("index", range(len(SHOWN_IN_FIELDS)), ids=str)
def test_a_trick_in_the_fields_is_shown_as_typed_and_runs_nothing(
    page: Page, external_requests: list[str], index: int
) -> None:
    paths = [f"news/2022/pole-{index}/", f"materials/pole-{index}/", f"practices/pole-{index}/"]
    heading = re.compile(rf"^{re.escape(SHOWN_IN_FIELDS[index])}¶?$")  # ¶: the permalink

    def shows_the_trick_as_typed(page: Page) -> None:
        expect(page.locator("article h1").first).to_have_text(heading)

    load_quietly(page, paths, external_requests, shows_the_trick_as_typed)


def test_no_page_of_the_site_runs_or_loads_anything_foreign(
    page: Page, external_requests: list[str], hostile_site: Path
) -> None:
    paths = sorted(
        file.parent.relative_to(hostile_site).as_posix() + "/"
        for file in hostile_site.rglob("index.html")
    )
    paths = [path.removeprefix("./") for path in paths] + ["404.html"]
    assert len(paths) > 40
    load_quietly(page, paths, external_requests)


def test_a_name_with_quotes_and_ampersand_reads_as_typed_in_search(page: Page) -> None:
    page.goto("./")
    page.locator(".site-search__input").fill("Гимназия")
    option = page.locator("#site-search-results a", has_text="Гимназия").first
    expect(option).to_contain_text(ORGANIZATION_NAME)
    expect(page.locator("#site-search-results")).not_to_contain_text("&quot;")
    expect(page.locator("#site-search-results")).not_to_contain_text("&#34;")
    expect(page.locator("#site-search-results")).not_to_contain_text("&amp;")


def test_a_name_with_quotes_and_ampersand_reads_as_typed_in_a_tooltip(page: Page) -> None:
    page.goto("news/2022/pole-0/")
    abbr = page.locator(f"article abbr:text-is('{ABBREVIATION}')").first
    assert abbr.get_attribute("title") == ORGANIZATION_NAME
    abbr.focus()
    expect(abbr).to_have_attribute("aria-describedby", re.compile(r"\S"))
    tooltip = page.locator(f"#{abbr.get_attribute('aria-describedby')}")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().strip() == ORGANIZATION_NAME
