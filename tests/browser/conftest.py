"""Fixtures for the browser tests: a built site, a local HTTP server, Chromium.

Everything under tests/browser is marked `browser`. The site is built once per
session from the repository root (or taken from $SITE_DIR), served on a free
127.0.0.1 port, and opened in Debian's Chromium through Playwright. Requests
that leave the site's origin are recorded (and aborted) so tests can assert
that pages load nothing from the outside.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scripts.chromium import CHROMIUM as CHROMIUM_PATH
from scripts.chromium import CHROMIUM_ARGS
from scripts.loopback import QuietHandler, served

ROOT = Path(__file__).resolve().parents[2]
BROWSER_TESTS = Path(__file__).resolve().parent
CHROMIUM = Path(CHROMIUM_PATH)
# Fixed build time (2025-11-27T00:00:00Z) so that the built pages are reproducible.
SOURCE_DATE_EPOCH = "1764201600"
BUILD_TIMEOUT_S = 600


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_TESTS in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


# --------------------------------------------------------------------------- site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site: $SITE_DIR if set, else a fresh `mkdocs build --strict`."""
    site_dir = os.environ.get("SITE_DIR")
    if site_dir:
        path = Path(site_dir).resolve()
        if not (path / "index.html").is_file():
            pytest.fail(f"SITE_DIR={site_dir} has no index.html")
        return path

    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)]
    result = subprocess.run(
        cmd,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        check=False,
    )
    if result.returncode != 0:
        raise SiteBuildFailed(
            f"{' '.join(cmd)} failed with exit code {result.returncode}\n"
            f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"
        )
    return out


class SiteBuildFailed(Exception):
    """The session's site did not build: a content error, reported once (see below)."""


_first_build_failure: list[str] = []  # the test whose setup carries the full report


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """pytest re-raises a failed session fixture in the setup of every test that needs it;
    the build's report is shown in the first of them only, the others point to it."""
    outcome = yield
    if call.when != "setup" or call.excinfo is None:
        return
    if not call.excinfo.errisinstance(SiteBuildFailed):
        return
    report = outcome.get_result()
    if not _first_build_failure:
        _first_build_failure.append(item.nodeid)
        report.longrepr = str(call.excinfo.value)
    else:
        report.longrepr = (
            f"сайт не собрался; отчёт о содержимом — один раз, у {_first_build_failure[0]}"
        )


class _SiteHandler(QuietHandler):
    """Serves the site's 404.html for a missing page, like GitHub Pages."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[str]:
    """Base URL (with trailing slash) of the built site served on 127.0.0.1."""
    with serve(built_site) as url:
        yield url


def serve(site_dir: Path) -> AbstractContextManager[str]:
    """Serve ``site_dir`` on a free 127.0.0.1 port; yields its base URL."""
    return served(site_dir, _SiteHandler)


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser():
    """Playwright Chromium, using Debian's /usr/bin/chromium."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: run `make browser-deps` (as root)"
        if _in_ci():
            pytest.fail(f"browser tests must not be skipped in CI: {message}", pytrace=False)
        pytest.skip(message)

    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


def _origin(url: str) -> tuple[str, str | None, int | None]:
    parts = urlsplit(url)
    return parts.scheme, parts.hostname, parts.port


@pytest.fixture
def external_requests() -> list[str]:
    """URLs of requests (made through `page`) that left the site's origin."""
    return []


@pytest.fixture
def new_page(browser, site_server: str, external_requests: list[str]):
    """Factory of fresh pages, each in a fresh context made with the given options
    (``viewport=…``, ``has_touch=True``…); relative URLs resolve against the site.

    Every request to another origin is appended to `external_requests` and
    aborted, so a page that tries to reach the network fails fast.
    """
    site_origin = _origin(site_server)
    contexts = []

    def is_external(url: str) -> bool:
        scheme = urlsplit(url).scheme
        return scheme not in ("data", "blob") and _origin(url) != site_origin

    def record(request) -> None:
        if is_external(request.url):
            external_requests.append(request.url)

    def make(**options):
        context = browser.new_context(base_url=site_server, locale="ru-RU", **options)
        contexts.append(context)
        context.on("request", record)
        context.route(is_external, lambda route: route.abort())
        return context.new_page()

    try:
        yield make
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def page(new_page):
    """A fresh page in a fresh context (see `new_page`)."""
    return new_page()
