"""What visitors feel: each page type of a built site loaded in Chromium on a slow phone.

The site is served with gzip on 127.0.0.1 and every page is loaded cold (cache off) in
Chromium at 360 px under CDP throttling — 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s
up (``Network.emulateNetworkConditions``) and the CPU slowed 4× (``Emulation.
setCPUThrottlingRate``). For each page it records:

- bytes transferred (``encodedDataLength`` of every response, headers included, gzip);
- LCP: the last ``largest-contentful-paint`` entry of a PerformanceObserver;
- the load event (``loadEventEnd`` of the navigation timing);
- TTI, our definition: once the load event has fired and no long task (> 50 ms, a
  PerformanceObserver for ``longtask``) has started for ``QUIET_S`` seconds, the end of
  the last long task, or the end of DOMContentLoaded if it came later. Unlike Lighthouse
  it does not wait for the network to go quiet: images still loading do not count.

    .venv/bin/python -m scripts.bench.browser site/ --runs 3   # a built site on its own

``make bench`` measures the sites it builds (``--no-browser`` skips it).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scripts.chromium import CHROMIUM, CHROMIUM_ARGS
from scripts.loopback import QuietHandler
from scripts.loopback import served as served_by

WIDTH, HEIGHT = 360, 740
LATENCY_MS = 150
DOWN_BITS, UP_BITS = 1_600_000, 750_000
CPU_SLOWDOWN = 4
QUIET_S = 2.0  # no long task for this long after the load event: the page is interactive
GIVE_UP_S = 90.0
ATTEMPTS = 2  # a load that never reaches its load event within GIVE_UP_S is tried again
COMPRESSED = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".webmanifest")
GZIP_LEVEL = 6

# Installed before any script of the page: collects LCP entries and long tasks.
OBSERVERS = """
window.__bench = {lcp: 0, longTasks: []};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__bench.lcp = entry.renderTime || entry.loadTime || entry.startTime;
  }
}).observe({type: "largest-contentful-paint", buffered: true});
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__bench.longTasks.push([entry.startTime, entry.startTime + entry.duration]);
  }
}).observe({type: "longtask", buffered: true});
"""
READ_FIGURES = """() => {
  const navigation = performance.getEntriesByType("navigation")[0];
  return {
    lcp: window.__bench.lcp,
    longTasks: window.__bench.longTasks,
    load: navigation ? navigation.loadEventEnd : 0,
    contentLoaded: navigation ? navigation.domContentLoadedEventEnd : 0,
    now: performance.now(),
  };
}"""


@dataclass(frozen=True)
class Visit:
    """One page type, median of the runs; times in ms from the start of navigation."""

    url: str
    transferred: int  # bytes over the wire with gzip, headers included
    requests: int
    lcp_ms: float
    load_ms: float
    tti_ms: float
    long_tasks: int


def interactive_at(content_loaded: float, long_tasks: list[list[float]]) -> float:
    """TTI by our definition: the end of the last long task, or DOMContentLoaded if later."""
    return max([content_loaded, *(end for _, end in long_tasks)])


def quiet_since(figures: dict[str, Any]) -> float:
    """Milliseconds since the load event and the last long task, whichever came later."""
    if not figures["load"]:
        return 0.0
    last = max([figures["load"], *(end for _, end in figures["longTasks"])])
    return float(figures["now"] - last)


# --------------------------------------------------------------------------- serving


class GzipHandler(QuietHandler):
    """Static files as a web server (nginx) sends them: text types with gzip when asked
    for, over HTTP/1.1 connections kept alive (the standard library's default, HTTP/1.0,
    closes the connection after every response; every answer here has a Content-Length,
    so keeping it open is safe)."""

    protocol_version = "HTTP/1.1"

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the redirect to the address with «/»
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = _gzipped(str(path), path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@functools.lru_cache(maxsize=4096)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), GZIP_LEVEL, mtime=0)


def served(site: Path) -> AbstractContextManager[str]:
    """``site`` with gzip on a free 127.0.0.1 port (scripts/loopback.py); yields its root."""
    return served_by(site, GzipHandler)


# --------------------------------------------------------------------------- measuring


def page_types(site: Path) -> dict[str, str]:
    """Page type → URL path of one page of that type, where the site has it."""

    def first(pattern: str, skip: tuple[str, ...] = ()) -> str | None:
        for found in sorted(site.glob(pattern)):
            url = found.parent.relative_to(site).as_posix() + "/"
            if not any(url.startswith(prefix) for prefix in skip):
                return url
        return None

    facets = ("practices/form/", "practices/review/", "practices/organization/")
    facets += ("practices/year/", "practices/tag/", "practices/page/")
    candidates = {
        "Главная": "",
        "План": "plan/",
        "Банк практик": "practices/",
        "Практика": first("practices/bench-praktika-*/index.html")
        or first("practices/*/index.html", facets),
        "Отбор по форме": first("practices/form/*/index.html"),
        "Отбор по статусу": first("practices/review/*/index.html"),
        "Организации": "organizations/",
        "Новости": "news/",
        "Новость": first("news/*/*/index.html") or first("news/*/index.html", ("news/page/",)),
        "Документы": "documents/",
        "Мониторинг": "monitoring/",
        "Мероприятия": "events/",
        "Поиск": "search/",
    }
    return {
        label: url
        for label, url in candidates.items()
        if url is not None and (site / url / "index.html").is_file()
    }


def _visit_once(browser: Any, base: str, url: str) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    try:
        page = context.new_page()
        page.add_init_script(OBSERVERS)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": LATENCY_MS,
                "downloadThroughput": DOWN_BITS / 8,
                "uploadThroughput": UP_BITS / 8,
            },
        )
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        sizes: list[float] = []
        cdp.on("Network.loadingFinished", lambda event: sizes.append(event["encodedDataLength"]))
        page.goto(base + url, wait_until="load", timeout=GIVE_UP_S * 1000)
        deadline = time.monotonic() + GIVE_UP_S
        while True:
            figures = page.evaluate(READ_FIGURES)
            if quiet_since(figures) >= QUIET_S * 1000 or time.monotonic() > deadline:
                break
            page.wait_for_timeout(250)
        figures["transferred"] = int(sum(sizes))
        figures["requests"] = len(sizes)
        return figures
    finally:
        context.close()


def _visit_again_if_stuck(
    visit_once: Callable[[], dict[str, Any]], attempts: int = ATTEMPTS
) -> dict[str, Any]:
    """One cold load; a load stuck for GIVE_UP_S (seen on a machine at load 10–20) is tried
    again, up to ``attempts`` loads in all, and said so, rather than ending the benchmark."""
    from playwright.sync_api import TimeoutError as StuckLoad

    for _ in range(attempts - 1):
        try:
            return visit_once()
        except StuckLoad:
            print(f"… no load event in {GIVE_UP_S:g} s, loading again", file=sys.stderr)
    return visit_once()


def visit(browser: Any, base: str, url: str, runs: int) -> Visit:
    """``runs`` cold loads of one page; the median of each figure."""
    once = functools.partial(_visit_once, browser, base, url)
    loads = [_visit_again_if_stuck(once) for _ in range(runs)]

    def median(values: Iterator[float]) -> float:
        return float(statistics.median(values))

    return Visit(
        url="/" + url,
        transferred=int(median(f["transferred"] for f in loads)),
        requests=int(median(f["requests"] for f in loads)),
        lcp_ms=median(f["lcp"] for f in loads),
        load_ms=median(f["load"] for f in loads),
        tti_ms=median(interactive_at(f["contentLoaded"], f["longTasks"]) for f in loads),
        long_tasks=int(median(len(f["longTasks"]) for f in loads)),
    )


def visit_pages(site: Path, runs: int = 1, only: str = "") -> dict[str, Visit]:
    """Every page type of the built ``site`` (those whose name has ``only``), loaded
    ``runs`` times each."""
    from playwright.sync_api import sync_playwright

    pages = {label: url for label, url in page_types(site).items() if only in label}
    visits = {}
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for label, url in pages.items():
                visits[label] = visit(browser, base, url, runs)
        finally:
            browser.close()
    return visits


def main() -> int:
    from scripts.bench.report import report_visits

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site (site/)")
    parser.add_argument("--runs", type=int, default=3, help="cold loads per page (median)")
    parser.add_argument("--label", default="сайт", help="what the report calls the site")
    parser.add_argument("--only", default="", help="page types whose name has this, e.g. Банк")
    args = parser.parse_args()
    report_visits({args.label: visit_pages(args.site, args.runs, args.only)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
