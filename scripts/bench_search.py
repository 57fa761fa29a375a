"""Benchmark of the Pagefind search on a site with 1,000 generated practice-like pages.

Builds the minimal test site plus N pages of generated Russian text (with the bank's
facets as data-pagefind-filter) in a temporary folder, then prints:

- the time of the build and the time Pagefind takes on it (also as CPU time, which
  depends less on what else the machine is doing);
- the size of the search bundle on disk (all of it, and without the UI files that this
  site does not load);
- the bytes Chromium downloads from /pagefind/ for one query in the header box (first
  query on a page, then a second one), as served without compression and with gzip.

Run from the repository root:  .venv/bin/python scripts/bench_search.py [--pages 1000]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import random
import re
import resource
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from mentoring.search_index import build_index  # noqa: E402
from tests.helpers import build_site, make_site  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FORMS = ["Учитель — учитель", "Ученик — ученик", "Студент — ученик", "Работодатель — ученик"]
ORGANIZATIONS = [f"Образовательная организация № {n}" for n in range(1, 31)]
TAGS = [
    "адаптация", "молодые педагоги", "успеваемость", "профориентация", "проектная работа",
    "одарённые дети", "цифровая среда", "воспитание", "волонтёрство", "инклюзия",
]  # fmt: skip
COMMON_TEXT = (
    "наставник наставника наставнику наставником наставники наставников наставникам "
    "наставничество наставничества наставничеству наставничеством наставничестве "
    "наставляемый наставляемого наставляемые наставляемых учитель учителя учителю "
    "учителем учителей учителями ученик ученика ученики учеников ученикам педагог "
    "педагога педагоги педагогов педагогам молодой молодого молодые молодых молодым "
    "школа школы школе школу школой программа программы программе программу встреча "
    "встречи встреч урок урока уроки уроков занятие занятия занятий проект проекта "
    "проекты проектов опыт опыта опытом работа работы работе работу год года году лет "
    "помогает помогают помогали помог помогла проводит проводят провели провела "
    "обучает обучают обучали обучение обучения обучению развитие развития развитию "
    "организует организуют организовали поддержка поддержки поддержку результат "
    "результаты результатов методический методического методические семинар семинара "
    "куратор куратора кураторы план плана плане мероприятие мероприятия мероприятий "
    "и в на с по для о от к за из у при как что это его её ещё также все всех"
)
WORDS = COMMON_TEXT.split()
SYLLABLES_TEXT = "ра ло ми ке ну до ви ста про кон тер мен ска бли гра нов пер ход рот зем"
SYLLABLES = SYLLABLES_TEXT.split()
ENDINGS = ["", "а", "ы", "ов", "ами", "е", "ой", "ого", "ая", "ие", "ость", "ение"]


def rare_words(rng: random.Random, count: int) -> list[str]:
    """Made-up words with Russian endings: the long tail of a real site's vocabulary."""
    words = set()
    while len(words) < count:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        words.add(stem + rng.choice(ENDINGS))
    return sorted(words)


def page_text(rng: random.Random, tail: list[str], words: int) -> str:
    sentences, sentence = [], []
    for _ in range(words):
        pool = WORDS if rng.random() < 0.8 else tail
        sentence.append(pool[min(int(rng.paretovariate(1.1)) - 1, len(pool) - 1)])
        if len(sentence) >= rng.randint(8, 16):
            sentences.append(" ".join(sentence).capitalize() + ".")
            sentence = []
    return " ".join(sentences)


def practice_page(rng: random.Random, number: int, tail: list[str]) -> str:
    tags = rng.sample(TAGS, rng.randint(1, 3))
    tag_spans = ", ".join(f'<span data-pagefind-filter="tag">{tag}</span>' for tag in tags)
    paragraphs = "\n\n".join(page_text(rng, tail, rng.randint(80, 140)) for _ in range(3))
    return f"""# Практика № {number}: {rng.choice(TAGS)}

<dl class="practice-facts">
<dt>Форма</dt><dd data-pagefind-filter="form">{rng.choice(FORMS)}</dd>
<dt>Организация</dt><dd data-pagefind-filter="organization">{rng.choice(ORGANIZATIONS)}</dd>
<dt>Год</dt><dd data-pagefind-filter="year">{rng.randint(2021, 2025)}</dd>
<dt>Темы</dt><dd>{tag_spans}</dd>
</dl>

{paragraphs}
"""


def generate(project: Path, pages: int) -> None:
    rng = random.Random(20251127)
    tail = rare_words(rng, 6000)
    folder = project / "docs" / "practices"
    folder.mkdir(parents=True)
    for number in range(1, pages + 1):
        (folder / f"p{number:04d}.md").write_text(practice_page(rng, number, tail), "utf-8")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def bytes_per_query(site: Path, queries: list[str]) -> list[tuple[str, int, int, int]]:
    """(query, requests, bytes as served, bytes with gzip) from /pagefind/ per query."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    figures = []
    try:
        with sync_playwright() as playwright:
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
                served = sum(len(body) for body in downloaded)
                zipped = sum(min(len(body), len(gzip.compress(body))) for body in downloaded)
                figures.append((query, len(downloaded), served, zipped))
                box.fill("")
                live.filter(has_text=re.compile("^$")).wait_for(state="attached")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return figures


def kib(size: int) -> str:
    return f"{size / 1024:,.0f} КБ".replace(",", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-search-") as temp:
        project = make_site(Path(temp), "minimal")
        generate(project, arguments.pages)
        started = time.perf_counter()
        result = build_site(project)
        build_seconds = time.perf_counter() - started
        if not result.ok:
            sys.exit("Сборка не удалась:\n" + "\n".join(result.errors) + result.abort_message)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        stats = build_index(result.site_dir)  # once more, to time Pagefind alone
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = used.ru_utime + used.ru_stime - children.ru_utime - children.ru_stime
        print(f"Страниц практик: {arguments.pages}; в индексе страниц: {stats.pages}")
        print(
            f"Сборка сайта целиком: {build_seconds:.1f} с; Pagefind отдельно: "
            f"{stats.seconds:.1f} с (процессорного времени {cpu:.1f} с)"
        )
        print(f"Пакет поиска на диске: {kib(stats.bytes)} в {stats.files} файлах")
        for query, requests, served, zipped in bytes_per_query(
            result.site_dir, ["наставничество", "молодых учителей", "проектная работа"]
        ):
            print(
                f"Запрос «{query}»: {requests} запросов к /pagefind/, "
                f"{kib(served)} без сжатия, {kib(zipped)} с gzip"
            )


if __name__ == "__main__":
    main()
