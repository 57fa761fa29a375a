#!/usr/bin/env python3
"""Build benchmark: our site against plain Material for MkDocs on synthetic content.

For each N it generates N practices (Russian text, attachments, several forms and
organisations) and N news items beside the real plan, builds our site from them and a
baseline — plain Material with the same theme settings and the same Markdown bodies as
ordinary pages, no hooks, no generated pages, the same small nav — and prints wall time
(median), peak memory per build process, output size and page count, the ratio ours /
baseline and the share of the build spent in our own code (one extra run under cProfile).
It also measures the rebuild after editing one practice under ``mkdocs serve`` and the
weight of the main pages with everything they load.

    make bench                                   # N = 100, 1000, 5000
    BENCH_N="100 1000" make bench BENCH_ARGS="--runs 1"
    .venv/bin/python scripts/bench.py --help

Standard library and the project's pinned dependencies only. Figures go to stdout as
Markdown tables (BENCHMARKS.md at the repository root, not published, is written from them).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gzip
import json
import os
import platform
import pstats
import queue
import random
import re
import shutil
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import yaml

REPO = Path(__file__).resolve().parent.parent
FIXED_EPOCH = "1764201600"  # 27.11.2025, the date the build tests use
LAST_DAY = dt.date(2025, 11, 20)  # synthetic entries are dated before the build date
DEFAULT_N = (100, 1000, 5000)
LARGE_N = 5000  # from this size on, builds are repeated only --large-runs times
SEARCH_N = 1000  # the size at which the search download is measured
SEARCH_QUERIES = ("наставничество", "молодых педагогов", "проектная деятельность")
OUR_CODE = ("hooks", "mentoring", "templates")
SEED = 20251127
NO_SEARCH_CONFIG = "mkdocs-no-search.yml"  # the baseline without Material's search
# What hooks/site.py logs: how long the build waited for Pagefind after its last page.
SEARCH_WAIT = re.compile(r"после последней страницы ([\d.]+) с")
GZIP_LEVEL = 6  # what web servers commonly use

# --------------------------------------------------------------------------- synthetic text

SENTENCES = (
    "Наставник и наставляемый встречаются раз в неделю и обсуждают, что получилось и что нет.",
    "Куратор программы в ОО формирует пары с учётом запросов наставляемых и опыта наставников.",
    "Перед началом работы наставники проходят короткое обучение на базе ЦРО.",
    "Итоги каждого этапа обсуждаются на заседании ГМО, а лучшие решения включаются в план.",
    "Молодые педагоги посещают уроки наставников и разбирают их вместе после занятий.",
    "В конце года участники заполняют анкеты, и куратор сравнивает их с анкетами начала года.",
    "Практика опирается на методические рекомендации по внедрению ЦМН.",
    "Обучающиеся старших классов помогают младшим освоиться в новом коллективе.",
    "Для наставников организованы курсы ДПО и консультации методистов ЦРО.",
    "Работодатели знакомят обучающихся с профессией на экскурсиях и в совместных проектах.",
    "Каждая пара ведёт дневник встреч, в котором записывает цели и достигнутые результаты.",
    "Наставляемые выбирают тему проекта сами, а наставник помогает спланировать работу.",
    "Опыт практики представлен на муниципальном семинаре и в сборнике материалов.",
    "Программа рассчитана на учебный год и делится на три этапа: знакомство, работа, итоги.",
    "Встречи проходят после уроков в кабинете, который выделила администрация ОУ.",
    "Родители наставляемых знают о программе и дают согласие на участие детей.",
    "Результаты работы пар обсуждаются на педагогическом совете два раза в год.",
    "Наставники отмечают, что сами узнали много нового о современных методиках.",
    "Студенты колледжа проводят для школьников занятия по робототехнике и программированию.",
    "В программе участвуют педагоги со стажем работы до трёх лет и их наставники.",
    "Особое внимание уделяется адаптации молодых специалистов в первые месяцы работы.",
    "Куратор собирает обратную связь после каждой встречи и корректирует план.",
    "Для оценки результатов используются анкеты, наблюдение и портфолио наставляемых.",
    "Практика легко переносится в другие организации: нужны лишь куратор и время для встреч.",
)
TITLE_HEADS = (
    "Клуб", "Школа", "Мастерская", "Лаборатория", "Студия", "Программа", "Проект",
    "Площадка", "Сообщество", "Академия",
)  # fmt: skip
TITLE_TAILS = (
    "молодого педагога", "наставников-старшеклассников", "профессиональных проб",
    "успешного старта", "цифровых навыков", "педагогического роста", "равных возможностей",
    "юного исследователя", "взаимопомощи", "первых шагов", "открытых уроков",
    "проектной деятельности",
)  # fmt: skip
TAGS = (
    "адаптация", "молодые педагоги", "проектная деятельность", "профориентация",
    "одарённые дети", "цифровые навыки", "робототехника", "читательская грамотность",
    "функциональная грамотность", "инклюзия", "волонтёрство", "экология", "краеведение",
    "школьный театр", "спорт", "медиация", "развитие речи", "дошкольники", "студенты",
    "работодатели", "психологическая поддержка", "самоопределение", "STEM",
    "финансовая грамотность",
    "наставничество руководителей", "методическая работа", "конкурсы", "олимпиады",
    "семья", "здоровье", "исследования", "творчество", "техническое творчество",
    "лидерство", "командная работа", "социальные проекты", "медиа", "музей",
    "история", "иностранные языки",
)  # fmt: skip
RESULTS = (
    "все молодые педагоги прошли адаптацию и остались работать в организации",
    "наставляемые улучшили результаты по предметам",
    "пары подготовили совместные проекты и представили их на конференции",
    "наставники повысили квалификацию на курсах ДПО",
    "обучающиеся определились с выбором профиля обучения",
    "практика представлена на заседании ГМО",
)
KINDS = (
    ("школа", "Муниципальное общеобразовательное учреждение «Средняя школа № {k}»", "Школа № {k}"),
    ("детский сад", "Муниципальное дошкольное учреждение «Детский сад № {k}»", "Детский сад № {k}"),
    ("колледж", "Колледж № {k}", "Колледж № {k}"),
    ("организация дополнительного образования", "Дом творчества № {k}", "Дом творчества № {k}"),
    ("предприятие", "Предприятие № {k}", "Предприятие № {k}"),
)


def png_bytes(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A valid PNG of one colour, made without an imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        payload = kind + data
        return struct.pack(">I", len(data)) + payload + struct.pack(">I", zlib.crc32(payload))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


@dataclass(frozen=True)
class RealContent:
    """What synthetic entries may refer to: ids that exist in the repository's content."""

    form_ids: tuple[str, ...]
    activity_ids: tuple[str, ...]
    organizations: list[dict[str, Any]]


def read_real_content() -> RealContent:
    from mentoring.content import load_content  # the project's own loader: ids stay valid

    content = load_content(REPO / "content")
    organizations_file = REPO / "content" / "organizations.yaml"
    organizations = []
    if organizations_file.is_file():
        organizations = yaml.safe_load(organizations_file.read_text("utf-8"))["organizations"]
    return RealContent(
        form_ids=tuple(form.id for form in content.forms),
        activity_ids=tuple(activity.id for activity in content.plan.activities),
        organizations=organizations,
    )


@dataclass
class Entry:
    """One synthetic entry: its files under content/ and the same text as a plain page."""

    files: dict[str, bytes] = field(default_factory=dict)
    plain_page: str = ""  # path under docs/ in the baseline
    plain_markdown: str = ""
    plain_assets: dict[str, bytes] = field(default_factory=dict)  # beside the plain page


class Synthesizer:
    """Deterministic realistic content: the same N gives the same files on every run."""

    def __init__(self, real: RealContent, n: int) -> None:
        self.real = real
        self.rng = random.Random(SEED + n)
        self.organization_ids = [f"bench-org-{k:03d}" for k in range(max(5, n // 25))]
        self.images = [png_bytes(320, 200, (40 + 9 * k, 80, 160)) for k in range(20)]

    def organizations_yaml(self) -> str:
        generated = []
        for index, org_id in enumerate(self.organization_ids):
            kind, name, short = KINDS[index % len(KINDS)]
            generated.append(
                {
                    "id": org_id,
                    "name": name.format(k=index + 1),
                    "short_name": short.format(k=index + 1),
                    "kind": kind,
                }
            )
        data = {"organizations": [*self.real.organizations, *generated]}
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.rng.choice(SENTENCES) for _ in range(sentences))

    def body(self, sections: Iterable[str], links: Iterable[str] = ()) -> str:
        rng = self.rng
        parts = []
        for heading in sections:
            parts.append(f"## {heading}")
            for _ in range(rng.randint(1, 3)):
                parts.append(self.paragraph(rng.randint(3, 6)))
            if rng.random() < 0.5:
                parts.append(
                    "\n".join(
                        f"- {lower_first(rng.choice(SENTENCES)[:-1])};"
                        for _ in range(rng.randint(3, 5))
                    )
                )
            if heading == "Результаты" and rng.random() < 0.4:
                start = rng.randint(20, 60)
                parts.append(
                    "| Показатель | Начало года | Конец года |\n|---|---|---|\n"
                    f"| Доля пар, достигших целей, % | {start} | {start + rng.randint(5, 30)} |\n"
                    f"| Число участников | {rng.randint(6, 40)} | {rng.randint(6, 40)} |"
                )
        parts.extend(links)
        return "\n\n".join(parts) + "\n"

    def date(self, first: dt.date) -> dt.date:
        return first + dt.timedelta(days=self.rng.randint(0, (LAST_DAY - first).days))

    def practice(self, index: int) -> Entry:
        rng = self.rng
        title = f"{rng.choice(TITLE_HEADS)} {rng.choice(TITLE_TAILS)} {index + 1}"
        folder_shape = index % 3 == 0
        name = f"bench-praktika-{index:05d}" if folder_shape else title
        forms = rng.sample(self.real.form_ids, rng.randint(1, min(3, len(self.real.form_ids))))
        fields = [
            f"title: {quoted(title)}",
            f"organization: {rng.choice(self.organization_ids)}",
            f"forms: [{', '.join(forms)}]",
            f"date: {self.date(dt.date(2019, 1, 1)).isoformat()}",
            f"summary: {quoted(self.paragraph(2)[:290])}",
        ]
        if rng.random() < 0.7:
            fields += [
                "authors:",
                f"  - name: {quoted(f'Автор{index} Имя Отчество')}",
                "    position: учитель",
                "    consent: true",
            ]
        fields.append("target_group: молодые педагоги и их наставники")
        fields.append("results:")
        fields += [f"  - {quoted(r)}" for r in rng.sample(RESULTS, rng.randint(1, 3))]
        fields.append(
            f"tags: [{', '.join(quoted(t) for t in rng.sample(TAGS, rng.randint(1, 4)))}]"
        )
        if rng.random() < 0.2 and self.real.activity_ids:
            fields.append(f"plan: [{quoted(rng.choice(self.real.activity_ids))}]")
        entry = Entry()
        links = []
        attachment = self.rng.randbytes(rng.randint(4, 16) * 1024)
        if folder_shape:
            base = f"practices/{name}"
            text_file = f"{base}/index.md"
            fields += [
                "attachments:",
                "  - file: programma.pdf",
                "    title: Программа наставничества",
                "cover: {file: oblozhka.png, alt: Обложка практики}",
            ]
            links.append("![Схема работы пар](skhema.png)")
            entry.files[f"{base}/programma.pdf"] = b"%PDF-1.4\n" + attachment
            entry.files[f"{base}/oblozhka.png"] = rng.choice(self.images)
            entry.files[f"{base}/skhema.png"] = rng.choice(self.images)
            entry.plain_assets = {"programma.pdf": entry.files[f"{base}/programma.pdf"]}
            entry.plain_assets["skhema.png"] = entry.files[f"{base}/skhema.png"]
        else:
            text_file = f"practices/{name}.md"
            if index % 3 == 1:
                file = f"prilozhenie-{index:05d}.pdf"
                fields += ["attachments:", f"  - file: {file}", "    title: Методические материалы"]
                links.append(f"Подробности — в [методических материалах]({file}).")
                entry.files[f"practices/{file}"] = b"%PDF-1.4\n" + attachment
                entry.plain_assets = {file: entry.files[f"practices/{file}"]}
        body = self.body(("Цель и задачи", "Описание", "Результаты", "Ресурсы"), links)
        entry.files[text_file] = ("---\n" + "\n".join(fields) + "\n---\n\n" + body).encode()
        entry.plain_page = f"practices/p{index:05d}/index.md"
        entry.plain_markdown = f"# {title}\n\n{body}"
        return entry

    def news(self, index: int) -> Entry:
        rng = self.rng
        date = self.date(dt.date(2020, 1, 1))
        event = rng.choice(("Семинар", "Совещание", "Конкурс", "Встреча"))
        title = f"{event} «{rng.choice(TITLE_HEADS)} {rng.choice(TITLE_TAILS)}»"
        summary = self.paragraph(2)[:480]
        fields = [f"title: {quoted(title)}", f"summary: {quoted(summary)}"]
        fields.append(
            f"tags: [{', '.join(quoted(t) for t in rng.sample(TAGS, rng.randint(1, 3)))}]"
        )
        if rng.random() < 0.3 and self.real.activity_ids:
            fields.append(f"plan: [{quoted(rng.choice(self.real.activity_ids))}]")
        entry = Entry()
        if rng.random() < 0.2:
            image = rng.randrange(len(self.images))
            fields.append(f"image: {{file: bench-{image:02d}.png, alt: Участники семинара}}")
            entry.files[f"news/images/bench-{image:02d}.png"] = self.images[image]
        body = self.body(("Как это было", "Что дальше"))
        text = "---\n" + "\n".join(fields) + "\n---\n\n" + body
        entry.files[f"news/{date.isoformat()}-novost-{index:05d}.md"] = text.encode()
        entry.plain_page = f"news/{date.year}/n{index:05d}.md"
        entry.plain_markdown = f"# {title}\n\n{summary}\n\n{body}"
        return entry


# --------------------------------------------------------------------------- projects


def load_mkdocs_yml() -> dict[str, Any]:
    """The real config as MkDocs reads it (!ENV resolved, the toc slugify function built)."""
    from mkdocs.utils.yaml import yaml_load

    with open(REPO / "mkdocs.yml", encoding="utf-8") as file:
        return yaml_load(file)


def write(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def make_projects(base: Path, n: int) -> tuple[Path, Path | None]:
    """Our project with N practices and N news, and the baseline (None for N = 0)."""
    ours = base / f"ours-{n}"
    shutil.copytree(REPO / "content", ours / "content")
    shutil.copytree(REPO / "docs", ours / "docs")
    config = load_mkdocs_yml()
    config["hooks"] = [str(REPO / hook) for hook in config["hooks"]]
    config["theme"]["custom_dir"] = str(REPO / config["theme"]["custom_dir"])
    (ours / "mkdocs.yml").write_text(yaml.dump(config, allow_unicode=True), "utf-8")
    if n == 0:
        return ours, None

    synthesizer = Synthesizer(read_real_content(), n)
    (ours / "content" / "organizations.yaml").write_text(synthesizer.organizations_yaml(), "utf-8")
    baseline = base / f"baseline-{n}"
    shutil.copytree(REPO / "docs", baseline / "docs")
    for index in range(n):
        for entry in (synthesizer.practice(index), synthesizer.news(index)):
            write(ours / "content", entry.files)
            page = baseline / "docs" / entry.plain_page
            write(page.parent, entry.plain_assets)
            write(page.parent, {page.name: entry.plain_markdown.encode()})
    add_nav_stubs(config.get("nav", []), baseline / "docs")
    plain = baseline_config(config)
    (baseline / "mkdocs.yml").write_text(yaml.dump(plain, allow_unicode=True), "utf-8")
    plain["plugins"] = []
    (baseline / NO_SEARCH_CONFIG).write_text(yaml.dump(plain, allow_unicode=True), "utf-8")
    return ours, baseline


def baseline_config(ours: dict[str, Any]) -> dict[str, Any]:
    """Plain Material with our theme settings and Markdown extensions, no hooks or assets.

    It keeps Material's default plugin, the built-in search (search_index.json, lunr in
    the browser), as any Material site has: our site has a search too (Pagefind). A copy
    without it (NO_SEARCH_CONFIG) is built once per N for comparison.
    """
    theme = {key: value for key, value in ours["theme"].items() if key != "custom_dir"}
    quiet = "info"  # hand-written pages link to generated pages the baseline does not have
    return {
        "site_name": ours["site_name"],
        "site_url": ours.get("site_url", ""),
        "docs_dir": "docs",
        "theme": theme,
        "plugins": ["search"],
        "markdown_extensions": ours["markdown_extensions"],
        "nav": ours.get("nav", []),
        "not_in_nav": "/practices/\n/news/\n",
        "validation": {
            "nav": {"omitted_files": quiet, "not_found": quiet},
            "links": {"not_found": quiet, "anchors": quiet, "unrecognized_links": quiet},
        },
    }


def add_nav_stubs(items: list[Any], docs: Path) -> None:
    """A one-line page for each nav entry that our hooks generate: the same nav, no hooks."""
    for item in items:
        title, target = next(iter(item.items())) if isinstance(item, dict) else (None, item)
        if isinstance(target, list):
            add_nav_stubs(target, docs)
        elif not (docs / target).is_file():
            write(docs, {target: f"# {title or target}\n".encode()})


# --------------------------------------------------------------------------- measuring builds


def build_env() -> dict[str, str]:
    """Fixed build date; hooks import the ``mentoring`` package that lies beside them."""
    path = os.pathsep.join(filter(None, (str(REPO), os.environ.get("PYTHONPATH"))))
    return {
        **os.environ,
        "SOURCE_DATE_EPOCH": FIXED_EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": path,
    }


@dataclass(frozen=True)
class BuildFigures:
    seconds: float
    cpu_seconds: float  # user + system: less disturbed than wall time on a busy machine
    peak_mb: float
    own_peak_mb: float  # the MkDocs process without Pagefind
    search_wait: float | None  # waiting for Pagefind after the last page (it runs alongside)
    search_index: tuple[float, float, float] | None  # Pagefind alone: wall, CPU, peak MB
    output_mb: float
    pages: int


# `mkdocs build` in a process that also writes its own peak memory (Pagefind, which it
# starts, is a process of its own: wait4 reports the larger of the two).
MKDOCS_WITH_OWN_PEAK = (
    "import atexit, resource, sys; out = sys.argv.pop(1); "
    "atexit.register(lambda: open(out, 'w').write("
    "str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))); "
    "sys.argv[0] = 'mkdocs'; from mkdocs.__main__ import cli; cli()"
)


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float  # with the processes it started (Pagefind)
    peak_mb: float  # the largest of the build and the processes it started
    own_peak_mb: float  # the MkDocs process alone
    search_wait: float | None  # from the build's log; None without Pagefind


def timed_build(project: Path, site: Path, config: str = "mkdocs.yml") -> Run:
    """One `mkdocs build --strict` in a fresh process."""
    shutil.rmtree(site, ignore_errors=True)
    with tempfile.TemporaryDirectory() as scratch:
        own_peak = Path(scratch) / "peak"
        command = [sys.executable, "-c", MKDOCS_WITH_OWN_PEAK, str(own_peak), "build"]
        command += ["--strict", "--config-file", str(project / config)]
        command += ["--site-dir", str(site)]
        log = Path(scratch) / "log"
        with log.open("wb") as output:
            start = time.perf_counter()
            process = subprocess.Popen(command, stdout=output, stderr=output, env=build_env())
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            sys.exit(f"build of {project} failed:\n{log.read_text(errors='replace')}")
        wait = SEARCH_WAIT.search(log.read_text(errors="replace"))
        # ru_maxrss is in KiB on Linux
        return Run(
            seconds,
            usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024,
            int(own_peak.read_text()) / 1024,
            float(wait.group(1)) if wait else None,
        )


def measure_search_index(site: Path) -> tuple[float, float, float] | None:
    """Wall and CPU seconds and peak memory (MB) of building the Pagefind index of a built
    site once more (the search hook does it at the end of every build); None without it."""
    if not (REPO / "mentoring" / "search_index.py").is_file() or not (site / "pagefind").is_dir():
        return None
    code = "import sys, pathlib; from mentoring.search_index import build_index; "
    code += "build_index(pathlib.Path(sys.argv[1]))"
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, str(site)], env=build_env())
    _, status, usage = os.wait4(process.pid, 0)  # with Pagefind's own process, reaped by it
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        sys.exit(f"Pagefind on {site} failed")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def timed_check(project: Path) -> float:
    """Wall seconds of `make check` (scripts/check.py: the build's reading pass) on the site."""
    command = [
        sys.executable,
        str(REPO / "scripts" / "check.py"),
        "-f",
        str(project / "mkdocs.yml"),
    ]
    start = time.perf_counter()
    subprocess.run(command, check=True, env=build_env(), stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure_builds(project: Path, site: Path, runs: int) -> BuildFigures:
    timings = [timed_build(project, site) for _ in range(runs)]
    waits = [run.search_wait for run in timings if run.search_wait is not None]
    files = [path for path in site.rglob("*") if path.is_file()]
    output_mb = sum(path.stat().st_size for path in files) / 1e6
    return BuildFigures(
        seconds=statistics.median(run.seconds for run in timings),
        cpu_seconds=statistics.median(run.cpu_seconds for run in timings),
        peak_mb=statistics.median(run.peak_mb for run in timings),
        own_peak_mb=statistics.median(run.own_peak_mb for run in timings),
        search_wait=statistics.median(waits) if waits else None,
        output_mb=output_mb,
        pages=sum(1 for path in files if path.suffix == ".html"),
        search_index=measure_search_index(site),  # rewrites site/pagefind: counted above
    )


@dataclass(frozen=True)
class ProfileFigures:
    total: float
    ours: float  # inclusive time of our hook modules and events
    search_index: float  # of which waiting for Pagefind (a program of its own, not Python)
    by_area: dict[str, float]  # own (exclusive) time of functions in each of our folders
    top: list[tuple[str, float, float, int]]  # our functions: name, cumulative, own, calls


def profile_build(project: Path, site: Path, out: Path) -> None:
    """One in-process build under cProfile; the figures are written as JSON to ``out``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.update(build_env())
    profiler = cProfile.Profile()
    profiler.enable()
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    roots = {area: f"{REPO / area}{os.sep}" for area in OUR_CODE}
    by_area = dict.fromkeys(OUR_CODE, 0.0)
    ours = 0.0
    top = []
    for (file, line, name), (_, calls, own, cumulative, _) in stats.items():
        area = next((a for a, root in roots.items() if file.startswith(root)), None)
        if area is None:
            continue
        by_area[area] += own
        # Hook modules (imported by MkDocs) and their events call only our code and the
        # libraries it uses; nothing else of ours runs outside them.
        if area == "hooks" and (name.startswith("on_") or name == "<module>"):
            ours += cumulative
        label = f"{Path(file).relative_to(REPO)}:{line}({name})"
        top.append((label, cumulative, own, calls))
    top.sort(key=lambda row: -row[1])
    total = sum(own for _, _, own, _, _ in stats.values())
    # Starting Pagefind and waiting for it at the end; it reads the pages in between.
    search_index = sum(
        cumulative
        for (file, _, name), (_, _, _, cumulative, _) in stats.items()
        if file == str(REPO / "mentoring" / "search_index.py") and name in ("__init__", "finish")
    )
    figures = ProfileFigures(total, ours, search_index, by_area, top[:25])
    out.write_text(json.dumps(figures.__dict__), "utf-8")


@dataclass(frozen=True)
class OwnTime:
    """CPU seconds of one build without a profiler: ours against the whole process."""

    total: float  # the build process (all its threads; Pagefind itself is a child)
    ours: float  # hook imports, hook events on the main thread, our Pagefind threads
    search_wait: float  # wall seconds starting Pagefind and waiting for it at the end


def time_own_code(project: Path, site: Path, out: Path) -> None:
    """One in-process build with our hook events timed (``time.thread_time``), no profiler.

    Everything of ours runs in the hook events (and the threads that feed Pagefind); the
    hook modules' import is the difference between loading the configuration with and
    without them. The figures are written as JSON to ``out``.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import mentoring.search_index as search_index

    os.environ.update(build_env())
    config_file = str(project / "mkdocs.yml")
    started = time.thread_time()
    load_config(config_file, site_dir=str(site), hooks=[])  # MkDocs, the theme, extensions
    loading_without_hooks = time.thread_time() - started

    process_started, main_started = time.process_time(), time.thread_time()
    config = load_config(config_file, site_dir=str(site), strict=True)
    seconds = {"ours": max(0.0, time.thread_time() - main_started - loading_without_hooks)}
    seconds["waited"] = 0.0

    def counted(method: Any, clock: Callable[[], float], total: str) -> Any:
        """``method`` adding the ``clock`` time of each call to ``seconds[total]``."""

        def run(*args: Any, **kwargs: Any) -> Any:
            begun = clock()
            try:
                return method(*args, **kwargs)
            finally:
                seconds[total] += clock() - begun

        return run

    hooks_dir = str(REPO / "hooks")
    for methods in config.plugins.events.values():
        for index, method in enumerate(methods):
            code = getattr(method, "__code__", None)
            if code is not None and code.co_filename.startswith(hooks_dir):
                # CPU of this thread: waiting is not counted
                methods[index] = counted(method, time.thread_time, "ours")
    indexer = search_index.PagefindIndexer
    for name in ("__init__", "finish"):  # starting Pagefind and waiting for it at the end
        setattr(indexer, name, counted(getattr(indexer, name), time.perf_counter, "waited"))
    build(config)
    total = time.process_time() - process_started
    other_threads = total - (time.thread_time() - main_started)  # they feed Pagefind: ours
    ours = seconds["ours"] + max(0.0, other_threads)
    out.write_text(json.dumps(asdict(OwnTime(total, ours, seconds["waited"]))), "utf-8")


def build_in_child(option: str, project: Path, site: Path) -> dict[str, Any]:
    """This script in a fresh process (``--time-project`` or ``--profile-project``): one
    in-process build measured there; its figures come back as JSON."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "figures.json"
        command = [sys.executable, __file__, option, str(project)]
        command += ["--profile-site", str(site), "--profile-out", str(out)]
        subprocess.run(command, check=True, env=build_env())
        return json.loads(out.read_text("utf-8"))


def measure_own_time(project: Path, site: Path) -> OwnTime:
    return OwnTime(**build_in_child("--time-project", project, site))


def measure_profile(project: Path, site: Path) -> ProfileFigures:
    return ProfileFigures(**build_in_child("--profile-project", project, site))


# --------------------------------------------------------------------------- mkdocs serve


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def practice_to_edit(project: Path) -> Path:
    """A practice file of the project: the first one in file-name order."""
    folder = project / "content" / "practices"
    candidates = sorted(folder.glob("*.md")) + sorted(folder.glob("*/index.md"))
    candidates = [path for path in candidates if path.name.lower() != "readme.md"]
    if not candidates:
        sys.exit(f"no practice to edit in {folder}")
    return candidates[0]


@dataclass(frozen=True)
class RebuildFigures:
    seconds: float  # from saving the file to «Reloading browsers»
    build_seconds: float  # what MkDocs reports as «Documentation built in …»


def measure_rebuild(project: Path, edits: int) -> RebuildFigures:
    """Start `mkdocs serve`, edit a practice ``edits`` times, time each rebuild."""
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    command += ["--config-file", str(project / "mkdocs.yml"), "--watch", str(project / "content")]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=build_env()
    )
    lines: queue.Queue[tuple[float, str]] = queue.Queue()

    def read_log() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            lines.put((time.perf_counter(), line.rstrip()))

    threading.Thread(target=read_log, daemon=True).start()
    try:
        _wait_until_served(port, process)
        practice = practice_to_edit(project)
        text = practice.read_text("utf-8")
        totals, builds = [], []
        for edit in range(edits):
            time.sleep(1.0)
            _drain(lines)
            practice.write_text(text + f"\nПравка для замера № {edit + 1}.\n", "utf-8")
            start = time.perf_counter()
            built = None
            while True:
                at, line = lines.get(timeout=600)
                if match := re.search(r"Documentation built in ([\d.]+) seconds", line):
                    built = float(match.group(1))
                if "ERROR" in line:
                    raise RuntimeError(f"mkdocs serve: {line}")
                if "Reloading browsers" in line:
                    totals.append(at - start)
                    builds.append(built if built is not None else at - start)
                    break
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return RebuildFigures(statistics.median(totals), statistics.median(builds))


def _wait_until_served(port: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("mkdocs serve exited before serving")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise RuntimeError("mkdocs serve did not start in 15 minutes")


def _drain(lines: queue.Queue[Any]) -> None:
    while not lines.empty():
        lines.get_nowait()


# --------------------------------------------------------------------------- page weight


class _LoadedFiles(HTMLParser):
    """Stylesheets and scripts a page loads (images are left aside)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.urls.append(values["src"] or "")
        elif tag == "link" and values.get("href"):
            relations = (values.get("rel") or "").split()
            if "stylesheet" in relations or "modulepreload" in relations:
                self.urls.append(values["href"] or "")


@dataclass(frozen=True)
class PageWeight:
    html: int
    html_gzip: int
    total: int
    total_gzip: int
    files: int
    external: tuple[str, ...]


def page_weight(site: Path, url_path: str) -> PageWeight:
    """Bytes of a built page and every CSS/JS file it loads, raw and gzip-compressed."""
    html_file = site / url_path / "index.html"
    html = html_file.read_bytes()
    parser = _LoadedFiles()
    parser.feed(html.decode("utf-8"))
    page_url = "/" + url_path
    loaded, external = [], []
    for url in dict.fromkeys(parser.urls):
        absolute = urljoin(page_url, url)
        parts = urlsplit(absolute)
        if parts.scheme or parts.netloc:
            external.append(url)
            continue
        loaded.append((site / unquote(parts.path).lstrip("/")).read_bytes())
    bodies = [html, *loaded]
    return PageWeight(
        html=len(html),
        html_gzip=len(gzip.compress(html, GZIP_LEVEL)),
        total=sum(len(body) for body in bodies),
        total_gzip=sum(len(gzip.compress(body, GZIP_LEVEL)) for body in bodies),
        files=len(loaded),
        external=tuple(external),
    )


def weighed_pages(site: Path) -> dict[str, str]:
    """Page label → URL path of the pages whose weight the report shows, where they exist."""
    pages = {"Главная": "", "План": "plan/", "Банк практик": "practices/"}
    practice = next(iter(sorted((site / "practices").glob("bench-praktika-*/index.html"))), None)
    if practice is None:
        practice = next(iter(sorted((site / "practices").glob("*/index.html"))), None)
    if practice is not None:
        pages["Практика"] = practice.parent.relative_to(site).as_posix() + "/"
    return {label: url for label, url in pages.items() if (site / url / "index.html").is_file()}


def search_figures(site: Path) -> list[tuple[str, int, int, int]] | None:
    """Per query: requests to /pagefind/, bytes as served and with gzip (bench_search.py's
    own measurement in Chromium); None when the search is not part of the site."""
    script = REPO / "scripts" / "bench_search.py"
    if not script.is_file() or not (site / "pagefind").is_dir():
        return None
    sys.path.insert(0, str(script.parent))
    from bench_search import bytes_per_query

    return bytes_per_query(site, list(SEARCH_QUERIES))


# --------------------------------------------------------------------------- report


def machine() -> dict[str, str]:
    memory = "?"
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        match = re.search(r"MemTotal:\s+(\d+) kB", meminfo.read_text())
        if match:
            memory = f"{int(match.group(1)) / 1024 / 1024:.1f} GB"
    return {
        "CPU": f"{os.cpu_count()} cores, {platform.machine()} ({_cpu_model()})",
        "RAM": memory,
        "OS": platform.platform(terse=True),
        "Python": platform.python_version(),
        "MkDocs": metadata.version("mkdocs"),
        "Material for MkDocs": metadata.version("mkdocs-material"),
        "Markdown": metadata.version("markdown"),
        "Jinja2": metadata.version("jinja2"),
    }


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        match = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        if match:
            return match.group(1).strip()
    return platform.processor() or "?"


def load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def kb(size: int) -> str:
    return f"{size / 1024:.0f}"


def say(text: str = "") -> None:
    print(text, flush=True)


def progress(text: str) -> None:
    print(f"… {text}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- main


def parse_args() -> argparse.Namespace:
    default_n = os.environ.get("BENCH_N", " ".join(map(str, DEFAULT_N)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--n",
        type=int,
        nargs="+",
        default=[int(n) for n in default_n.split()],
        help="sizes to build (practices and news each); default BENCH_N or 100 1000 5000",
    )
    parser.add_argument("--runs", type=int, default=3, help="builds per site and N (median)")
    parser.add_argument(
        "--large-runs",
        type=int,
        default=1,
        help=f"builds per site for N >= {LARGE_N} (they take minutes)",
    )
    parser.add_argument("--edits", type=int, default=3, help="edits per serve measurement")
    parser.add_argument("--serve-n", type=int, default=1000, help="large site for serve")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve measurement")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile run")
    parser.add_argument("--top", type=int, default=0, help="print our K costliest functions")
    parser.add_argument("--keep", action="store_true", help="keep the temp projects and sites")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--profile-project", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--time-project", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-site", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args()


@dataclass
class SizeResult:
    """Everything measured for one N (N = 0: the site from the repository's own content)."""

    n: int
    runs: int
    ours: BuildFigures | None  # None: measured under serve only
    baseline: BuildFigures | None = None
    baseline_without_search: Run | None = None  # one build
    check_seconds: float | None = None  # `make check` on our content
    own_time: OwnTime | None = None
    profile: ProfileFigures | None = None
    rebuild: RebuildFigures | None = None
    weights: dict[str, PageWeight] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return "сайт по умолчанию" if self.n == 0 else f"N = {self.n}"


def measure_size(base: Path, n: int, args: argparse.Namespace) -> SizeResult:
    runs = args.runs if n < LARGE_N else min(args.runs, args.large_runs)
    progress(f"N = {n}: generating content")
    ours, baseline = make_projects(base, n)
    site = base / f"site-ours-{n}"
    progress(f"N = {n}: building our site ×{runs}")
    result = SizeResult(n, runs, measure_builds(ours, site, runs))
    result.check_seconds = statistics.median(timed_check(ours) for _ in range(runs))
    if baseline is not None:
        progress(f"N = {n}: building the baseline ×{runs}")
        result.baseline = measure_builds(baseline, base / f"site-baseline-{n}", runs)
        progress(f"N = {n}: building the baseline without its search ×1")
        result.baseline_without_search = timed_build(
            baseline, base / f"site-baseline-{n}", NO_SEARCH_CONFIG
        )
    if not args.no_profile:
        progress(f"N = {n}: timing our code in a build")
        result.own_time = measure_own_time(ours, base / f"site-profile-{n}")
        progress(f"N = {n}: profiling our build")
        result.profile = measure_profile(ours, base / f"site-profile-{n}")
    result.weights = {label: page_weight(site, url) for label, url in weighed_pages(site).items()}
    if not args.keep:
        for leftover in (base / f"site-baseline-{n}", base / f"site-profile-{n}", baseline):
            if leftover is not None:
                shutil.rmtree(leftover, ignore_errors=True)
        if n not in (0, args.serve_n):
            shutil.rmtree(ours)
        if n != SEARCH_N:
            shutil.rmtree(site)
    return result


def ratio(ours: float, baseline: float | None) -> str:
    return f"{ours / baseline:.2f}" if baseline else "—"


def report_builds(results: list[SizeResult]) -> None:
    say("\n## Сборка\n")
    say(
        "N — число практик и столько же новостей. Время — медиана полных сборок "
        "`mkdocs build --strict` (с запуском Python); ЦП — процессорное время (user + sys) "
        "той же сборки вместе с Pagefind: оно меньше зависит от загрузки машины. Базовый "
        "сайт — обычный Material со встроенным поиском Material (как у любого сайта на нём); "
        "без поиска — он же без плагина search (одна сборка). Pagefind читает страницы по "
        "ходу сборки на втором ядре; «ожидание» — сколько сборка ждёт его после последней "
        "страницы; «отдельно» — Pagefind по готовому сайту, запущенный сам по себе.\n"
    )
    header = ["N", "сборок", "время наш, с", "базовый, с", "наш / базовый"]
    header += ["базовый без поиска, с", "наш / без поиска", "ЦП наш, с", "ЦП базовый, с"]
    header += ["Pagefind: ожидание, с", "Pagefind отдельно: время / ЦП, с", "make check, с"]
    rows = []
    for result in results:
        mine, plain, bare = result.ours, result.baseline, result.baseline_without_search
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


def report_profiles(results: list[SizeResult], top: int) -> None:
    profiled = [result for result in results if result.profile is not None]
    if not profiled:
        return
    say("\n## Доля нашего кода\n")
    say(
        "Без профилировщика: одна сборка в процессе, в которой каждое событие наших хуков "
        "замерено по процессорному времени своего потока (`time.thread_time`); к ним "
        "добавлены импорт hooks/ (разница загрузки конфигурации с хуками и без) и потоки, "
        "передающие страницы Pagefind. Доля — от процессорного времени всего процесса "
        "сборки (сам Pagefind — отдельный процесс, в неё не входит).\n"
    )
    rows = []
    for result in profiled:
        own = result.own_time
        if own is not None:
            rows.append(
                [
                    result.label,
                    f"{own.total:.2f}",
                    f"{own.ours:.2f}",
                    f"{own.ours / own.total:.1%}",
                    f"{own.search_wait:.2f}",
                ]
            )
    header = ["N", "ЦП сборки, с", "из них наш код, с", "доля", "ожидание Pagefind, с"]
    say(table(header, rows))
    say("\n### Под cProfile\n")
    say(
        "Наш код — импорт модулей hooks/ и все их события со всем, что они вызывают "
        "(загрузка и проверка content/, шаблоны templates/, разметка сокращений, проверки "
        "доступности); остальное — MkDocs, Markdown и тема. Ожидание Pagefind (отдельная "
        "программа, строит поисковый индекс) показано отдельно, а доля считается от времени "
        "Python без него. Профилировщик замедляет мелкие вызовы, которых в нашем коде много, "
        "поэтому доля под ним скорее завышена. Собственное время — без вызываемых библиотек.\n"
    )
    rows = []
    for result in profiled:
        profile = result.profile
        assert profile is not None
        python = profile.total - profile.search_index
        areas = ", ".join(f"{area}/ {own:.2f}" for area, own in profile.by_area.items())
        rows.append(
            [
                result.label,
                f"{profile.total:.1f}",
                f"{profile.search_index:.1f}",
                f"{profile.ours - profile.search_index:.2f}",
                f"{(profile.ours - profile.search_index) / python:.1%}",
                areas,
            ]
        )
    header = ["N", "вся сборка, с", "из них Pagefind, с", "наш код, с", "доля в Python"]
    say(table([*header, "собственное время, с"], rows))
    for result in profiled if top else ():
        assert result.profile is not None
        say(f"\n### Самые дорогие функции нашего кода, {result.label}\n")
        say(
            table(
                ["функция", "всего, с", "своё, с", "вызовов"],
                [
                    [name, f"{cumulative:.3f}", f"{own:.3f}", str(calls)]
                    for name, cumulative, own, calls in result.profile.top[:top]
                ],
            )
        )


def report_rebuilds(results: list[SizeResult]) -> None:
    measured = [result for result in results if result.rebuild is not None]
    if not measured:
        return
    say("\n## Пересборка в `make serve` после правки одной практики\n")
    rows = [
        [result.label, f"{result.rebuild.seconds:.2f}", f"{result.rebuild.build_seconds:.2f}"]
        for result in measured
        if result.rebuild is not None
    ]
    say(table(["сайт", "от сохранения до перезагрузки, с", "из них сборка (MkDocs), с"], rows))


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


def main() -> int:
    args = parse_args()
    if args.profile_project:
        profile_build(args.profile_project, args.profile_site, args.profile_out)
        return 0
    if args.time_project:
        time_own_code(args.time_project, args.profile_site, args.profile_out)
        return 0

    sys.path.insert(0, str(REPO))
    base = Path(tempfile.mkdtemp(prefix="mentoring-bench-"))
    about = machine()
    say("## Машина\n")
    say(table(["", ""], [[key, value] for key, value in about.items()]))
    load_before = load()
    say(f"\nЗагрузка (load average за 1, 5, 15 мин) в начале: {load_before}")
    try:
        results = [measure_size(base, n, args) for n in sorted({0, *args.n})]
        if not args.no_serve:
            for n in (0, args.serve_n):
                result = next((r for r in results if r.n == n), None)
                if not (base / f"ours-{n}").is_dir():
                    progress(f"N = {n}: generating content for serve")
                    make_projects(base, n)
                progress(f"N = {n}: mkdocs serve, {args.edits} edits")
                rebuild = measure_rebuild(base / f"ours-{n}", args.edits)
                if result is None:
                    result = SizeResult(n, 0, None)
                    results.append(result)
                result.rebuild = rebuild
        report_builds([r for r in results if r.runs])
        report_profiles(results, args.top)
        report_rebuilds(results)
        report_weights([r for r in results if r.runs])
        search = None
        if (base / f"site-ours-{SEARCH_N}").is_dir():
            progress(f"N = {SEARCH_N}: search queries in Chromium")
            search = search_figures(base / f"site-ours-{SEARCH_N}")
            report_search(base / f"site-ours-{SEARCH_N}", search)
        load_after = load()
        say(f"\nЗагрузка в конце: {load_after}")
        if args.keep:
            say(f"\nВременные файлы: {base}")
        if args.json:
            figures = {
                "machine": about,
                "load": [load_before, load_after],
                "sizes": [asdict(result) for result in results],
                "search": search,
            }
            args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), "utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
