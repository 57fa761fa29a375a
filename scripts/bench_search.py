"""What a visitor downloads for a search: bytes from /pagefind/ per query in the header box.

Serves a built site on 127.0.0.1, types each query into the header search in Chromium
(first query on a page, then the next ones) and prints the requests to /pagefind/ and
their bytes as served and with gzip. `make bench` (scripts/bench/) runs it on the site
with 1,000 generated practices and news; on its own:

    .venv/bin/python -m scripts.bench_search site/ "наставничество" "молодых педагогов"
"""

from __future__ import annotations

import argparse
import gzip
import re
from pathlib import Path

from scripts.loopback import served

CHROMIUM = "/usr/bin/chromium"


def bytes_per_query(site: Path, queries: list[str]) -> list[tuple[str, int, int, int]]:
    """(query, requests, bytes as served, bytes with gzip) from /pagefind/ per query."""
    from playwright.sync_api import sync_playwright

    figures = []
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox"]
        )
        page = browser.new_page()
        downloaded: list[bytes] = []

        def record(response) -> None:
            if "/pagefind/" in response.url:
                downloaded.append(response.body())

        page.on("response", record)
        page.goto(base, wait_until="networkidle")
        box = page.locator(".site-search__input")
        live = page.locator("[data-site-search-live]")
        for query in queries:
            downloaded.clear()
            box.fill(query)
            live.filter(has_text=re.compile("Найдено|Ничего")).wait_for()
            page.wait_for_load_state("networkidle")
            as_served = sum(len(body) for body in downloaded)
            zipped = sum(min(len(body), len(gzip.compress(body))) for body in downloaded)
            figures.append((query, len(downloaded), as_served, zipped))
            box.fill("")
            live.filter(has_text=re.compile("^$")).wait_for(state="attached")
        browser.close()
    return figures


def kib(size: int) -> str:
    return f"{size / 1024:,.0f} КБ".replace(",", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="собранный сайт (папка site/)")
    parser.add_argument("queries", nargs="*", default=["наставничество", "молодых педагогов"])
    arguments = parser.parse_args()
    for query, requests, as_served, zipped in bytes_per_query(arguments.site, arguments.queries):
        print(
            f"Запрос «{query}»: {requests} запросов к /pagefind/, "
            f"{kib(as_served)} без сжатия, {kib(zipped)} с gzip"
        )


if __name__ == "__main__":
    main()
