"""The benchmark's report: Markdown tables in Russian on stdout (docs/benchmarks.md quotes them)."""

from __future__ import annotations

from pathlib import Path

from scripts.bench.browser import (
    CPU_SLOWDOWN,
    DOWN_BITS,
    LATENCY_MS,
    QUIET_S,
    UP_BITS,
    WIDTH,
    Visit,
)
from scripts.bench.measure import GZIP_LEVEL, SEARCH_N, SizeResult


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def kb(size: int) -> str:
    return f"{size / 1024:.0f}"


def say(text: str = "") -> None:
    print(text, flush=True)


def ratio(ours: float | None, baseline: float | None) -> str:
    return f"{ours / baseline:.2f}" if ours is not None and baseline else "—"


def report_builds(results: list[SizeResult]) -> None:
    say("\n## Сборка\n")
    say(
        "N — число практик и столько же новостей. Время — медиана полных сборок "
        "`mkdocs build --strict` (с запуском Python); ЦП — процессорное время (user + sys) "
        "той же сборки вместе с Pagefind: оно меньше зависит от загрузки машины. Базовый "
        "сайт — обычный Material со встроенным поиском Material (как у любого сайта на нём); "
        "без поиска — он же без плагина search (одна сборка). Pagefind читает страницы по "
        "ходу сборки на втором ядре; «ожидание» — сколько сборка ждёт его после последней "
        "страницы; «отдельно» — Pagefind по готовому сайту, запущенный сам по себе. "
        "«Material на наших страницах» — базовый сайт без поиска, собранный из Markdown всех "
        "страниц нашего сайта, каким его получает MkDocs от наших хуков (одна сборка): "
        "меньше этого наша сборка не займёт, пока каждая страница проходит через MkDocs и "
        "Material; остальное — наш код и Pagefind.\n"
    )
    header = ["N", "сборок", "время наш, с", "базовый, с", "наш / базовый"]
    header += ["базовый без поиска, с", "наш / без поиска", "ЦП наш, с", "ЦП базовый, с"]
    header += ["Material на наших страницах, с", "он / базовый"]
    header += ["Pagefind: ожидание, с", "Pagefind отдельно: время / ЦП, с", "make check, с"]
    rows = []
    for result in results:
        mine, plain, bare = result.ours, result.baseline, result.baseline_without_search
        floor = result.our_pages
        assert mine is not None
        rows.append(
            [
                result.label,
                str(result.runs),
                f"{mine.seconds:.1f}",
                f"{plain.seconds:.1f}" if plain else "—",
                ratio(mine.seconds, plain and plain.seconds),
                f"{bare.seconds:.1f}" if bare else "—",
                ratio(mine.seconds, bare and bare.seconds),
                f"{mine.cpu_seconds:.1f}",
                f"{plain.cpu_seconds:.1f}" if plain else "—",
                f"{floor.seconds:.1f}" if floor else "—",
                ratio(floor and floor.seconds, plain and plain.seconds),
                f"{mine.search_wait:.1f}" if mine.search_wait is not None else "—",
                "{:.1f} / {:.1f}".format(*mine.search_index[:2]) if mine.search_index else "—",
                f"{result.check_seconds:.2f}" if result.check_seconds is not None else "—",
            ]
        )
    say(table(header, rows))
    say(
        "\nПамять — пиковый RSS сборки: процесса MkDocs или запущенного им Pagefind, смотря "
        "у кого больше; MkDocs — процесс сборки без Pagefind; Pagefind — он один при "
        "отдельном запуске. Объём — всё в site/.\n"
    )
    header = ["N", "память наш, МБ", "базовый, МБ", "наш / базовый", "MkDocs наш, МБ"]
    header += ["MkDocs наш / базовый", "Pagefind, МБ", "страниц наш / базовый"]
    header += ["объём наш / базовый, МБ"]
    rows = []
    for result in results:
        mine, plain = result.ours, result.baseline
        assert mine is not None
        rows.append(
            [
                result.label,
                f"{mine.peak_mb:.0f}",
                f"{plain.peak_mb:.0f}" if plain else "—",
                ratio(mine.peak_mb, plain and plain.peak_mb),
                f"{mine.own_peak_mb:.0f}",
                ratio(mine.own_peak_mb, plain and plain.own_peak_mb),
                f"{mine.search_index[2]:.0f}" if mine.search_index else "—",
                f"{mine.pages} / {plain.pages}" if plain else str(mine.pages),
                f"{mine.output_mb:.1f} / {plain.output_mb:.1f}"
                if plain
                else f"{mine.output_mb:.1f}",
            ]
        )
    say(table(header, rows))


def report_own_time(results: list[SizeResult], top: int) -> None:
    timed = [result for result in results if result.own_time is not None]
    if not timed:
        return
    say("\n## Доля нашего кода\n")
    say(
        "Без профилировщика: одна сборка в процессе, в которой каждое событие наших хуков "
        "замерено по процессорному времени своего потока (`time.thread_time`); к ним "
        "добавлены импорт hooks/ (разница загрузки конфигурации с хуками и без) и потоки, "
        "передающие страницы Pagefind. Доля — от процессорного времени всего процесса "
        "сборки (сам Pagefind — отдельный процесс, в неё не входит).\n"
    )
    rows = [
        [
            result.label,
            f"{own.total:.2f}",
            f"{own.ours:.2f}",
            f"{own.ours / own.total:.1%}",
            f"{own.search_wait:.2f}",
        ]
        for result in timed
        if (own := result.own_time) is not None
    ]
    header = ["N", "ЦП сборки, с", "из них наш код, с", "доля", "ожидание Pagefind, с"]
    say(table(header, rows))
    for result in timed if top else ():
        say(f"\n### Самые дорогие функции нашего кода, {result.label} (cProfile)\n")
        say(
            table(
                ["функция", "всего, с", "своё, с", "вызовов"],
                [
                    [name, f"{cumulative:.3f}", f"{own:.3f}", str(calls)]
                    for name, cumulative, own, calls in result.costliest[:top]
                ],
            )
        )


def report_rebuilds(results: list[SizeResult]) -> None:
    measured = [result for result in results if result.rebuild is not None]
    if not measured:
        return
    say("\n## Пересборка в `make serve` после правки одной практики\n")
    say(
        "`make serve` (hooks/serve.py) на том же содержимом; медиана правок одной практики: "
        "от сохранения файла до строки «Reloading browsers» и до страницы практики с правкой, "
        "полученной по HTTP; ЦП — время процессора сервера (user + sys) на пересборку.\n"
    )
    rows = [
        [
            result.label,
            f"{result.rebuild.seconds:.2f}",
            f"{result.rebuild.served_seconds:.2f}",
            f"{result.rebuild.cpu_seconds:.2f}",
        ]
        for result in measured
        if result.rebuild is not None
    ]
    header = ["сайт", "до «Reloading browsers», с", "до страницы с правкой, с", "ЦП сервера, с"]
    say(table(header, rows))


def report_weights(results: list[SizeResult]) -> None:
    say(f"\n## Вес страниц (gzip уровня {GZIP_LEVEL}; HTML и все CSS/JS, без изображений)\n")
    header = ["сайт", "страница", "HTML, КБ", "HTML gzip, КБ", "CSS/JS файлов", "всего, КБ"]
    header += ["всего gzip, КБ", "внешние"]
    rows = [
        [
            result.label,
            label,
            kb(weight.html),
            kb(weight.html_gzip),
            str(weight.files),
            kb(weight.total),
            kb(weight.total_gzip),
            ", ".join(weight.external) or "нет",
        ]
        for result in results
        for label, weight in result.weights.items()
    ]
    say(table(header, rows))


def report_search(site: Path, search: list[tuple[str, int, int, int]] | None) -> None:
    if search is None:
        return
    bundle = sum(path.stat().st_size for path in (site / "pagefind").rglob("*") if path.is_file())
    say(f"\n## Поиск, N = {SEARCH_N}\n")
    say(
        f"Индекс Pagefind на диске: {bundle / 1e6:.1f} МБ. Загрузки из /pagefind/ при запросе "
        "в поле поиска в шапке (Chromium; первый запрос на странице, затем следующие):\n"
    )
    rows = [
        [f"«{query}»", str(requests), kb(served), kb(zipped)]
        for query, requests, served, zipped in search
    ]
    say(table(["запрос", "запросов к /pagefind/", "КБ как отданы", "КБ с gzip"], rows))


def seconds(milliseconds: float) -> str:
    return f"{milliseconds / 1000:.1f}".replace(".", ",")


def report_visits(sites: dict[str, dict[str, Visit]]) -> None:
    """Per site (e.g. «N = 1000») and page type: what a slow phone downloads and waits for."""
    if not sites:
        return
    say("\n## Страницы в браузере: медленный телефон\n")
    down = f"{DOWN_BITS / 1e6:.1f}".replace(".", ",")
    say(
        f"Chromium, ширина {WIDTH} px, сеть: задержка {LATENCY_MS} мс, "
        f"{down} Мбит/с к посетителю, {UP_BITS / 1e3:.0f} кбит/с от него; "
        f"процессор замедлен в {CPU_SLOWDOWN} раза (CDP). Сайт отдаётся с 127.0.0.1 с gzip, "
        "каждая загрузка — с пустым кешем. «Передано» — всё, что пришло по сети (с "
        "заголовками), до затишья; LCP — последняя запись largest-contentful-paint; "
        "«load» — конец события load; TTI — конец последней длинной задачи (> 50 мс), "
        "если после события load их не было "
        f"{QUIET_S:.0f} с, или конец DOMContentLoaded, если он позже (сеть при этом не "
        "ждём: догружающиеся картинки не считаются). Время — от начала перехода, медиана "
        "загрузок.\n"
    )
    header = ["сайт", "страница", "адрес", "передано, КБ", "запросов", "LCP, с", "load, с"]
    header += ["TTI, с", "длинных задач"]
    rows = [
        [
            site,
            label,
            f"`{visit.url}`",
            kb(visit.transferred),
            str(visit.requests),
            seconds(visit.lcp_ms),
            seconds(visit.load_ms),
            seconds(visit.tti_ms),
            str(visit.long_tasks),
        ]
        for site, visits in sites.items()
        for label, visit in visits.items()
    ]
    say(table(header, rows))
