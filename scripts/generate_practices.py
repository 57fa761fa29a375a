"""Generate N practice entries in a temporary copy of the site and time check and build.

    python scripts/generate_practices.py 1000 --build     # the bank with 1,000 entries
    python scripts/generate_practices.py 0 --build        # the default site, for comparison

The copy holds mkdocs.yml, content/, docs/, hooks/, templates/ and overrides/ of this
repository; every generated entry is a sample (sample: true) of a sample organisation, and
every fifth is a folder with a small PDF attachment. Figures are printed, not asserted:
speed goals are checked by reading them, not by a timed test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SITE_PARTS = ("mkdocs.yml", "content", "docs", "hooks", "templates", "overrides")
TAGS = (
    "адаптация", "молодые педагоги", "профориентация", "проектная деятельность",
    "одарённые дети", "цифровая среда", "воспитание", "методическая работа",
    "инклюзия", "волонтёрство", "конкурсы", "исследовательская деятельность",
)  # fmt: skip
ATTACHMENT = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"  # noqa: E501
PARAGRAPH = (
    "Наставник и наставляемый встречаются по графику, обсуждают цели, разбирают трудные "
    "ситуации и подводят итоги каждого этапа. Куратор следит за ходом программы и собирает "
    "отзывы участников. "
)


def copy_site(target: Path) -> None:
    for part in SITE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)


def sample_organizations(content: Path) -> list[str]:
    data = yaml.safe_load((content / "organizations.yaml").read_text("utf-8"))
    return [org["id"] for org in data["organizations"] if org.get("sample")]


def form_ids(content: Path) -> list[str]:
    data = yaml.safe_load((content / "forms.yaml").read_text("utf-8"))
    return [form["id"] for form in data["forms"]]


def entry(number: int, forms: list[str], organizations: list[str], attachment: bool) -> str:
    chosen = [forms[number % len(forms)]]
    if number % 3 == 0:
        chosen.append(forms[(number + 2) % len(forms)])
    day = dt.date(2021, 1, 1) + dt.timedelta(days=number * 37 % 1800)
    tags = [TAGS[number % len(TAGS)], TAGS[(number * 5 + 1) % len(TAGS)]]
    attachments = (
        "attachments:\n  - file: programma.pdf\n    title: Программа (сгенерирована)\n"
        if attachment
        else ""
    )
    sections = "\n\n".join(
        f"## {title}\n\n{PARAGRAPH * 3}\n\n- первый пункт\n- второй пункт"
        for title in ("Цель и задачи", "Описание", "Результаты", "Ресурсы")
    )
    return (
        "---\n"
        f"title: Практика № {number} (сгенерирована для замера)\n"
        f"organization: {organizations[number % len(organizations)]}\n"
        f"forms: [{', '.join(dict.fromkeys(chosen))}]\n"
        f"date: {day.isoformat()}\n"
        f"summary: Сгенерированная запись № {number} для замера скорости сборки банка практик.\n"
        f"tags: [{', '.join(dict.fromkeys(tags))}]\n"
        "target_group: педагоги и обучающиеся\n"
        "results:\n  - первый результат\n  - второй результат\n"
        f"{attachments}"
        "sample: true\n"
        "---\n\n"
        f"{sections}\n"
    )


def generate(site: Path, count: int) -> int:
    """Write ``count`` entries; returns how many are folders with an attachment."""
    content = site / "content"
    folder = content / "practices"
    folder.mkdir(exist_ok=True)
    forms, organizations = form_ids(content), sample_organizations(content)
    folders = 0
    for number in range(1, count + 1):
        name = f"generated-{number:05d}"
        if number % 5 == 0:
            (folder / name).mkdir()
            (folder / name / "programma.pdf").write_bytes(ATTACHMENT)
            (folder / name / "index.md").write_text(
                entry(number, forms, organizations, True), "utf-8"
            )
            folders += 1
        else:
            (folder / f"{name}.md").write_text(entry(number, forms, organizations, False), "utf-8")
    return folders


def timed(command: list[str], cwd: Path) -> str:
    """Wall-clock and CPU time of a command: on a shared machine the two differ."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764201600"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return f"{elapsed:.2f} s wall, {cpu:.2f} s CPU"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="how many practices to generate")
    parser.add_argument("--out", type=Path, help="folder for the copy (default: a temp folder)")
    parser.add_argument("--build", action="store_true", help="time check and build in the copy")
    arguments = parser.parse_args()

    site = arguments.out or Path(tempfile.mkdtemp(prefix="practices-bench-"))
    site.mkdir(parents=True, exist_ok=True)
    copy_site(site)
    folders = generate(site, arguments.count)
    print(f"site copy: {site}")
    print(f"generated practices: {arguments.count} ({folders} folders with an attachment)")
    if not arguments.build:
        return 0
    check = timed([sys.executable, "-m", "mentoring", "check"], site)
    print(f"python -m mentoring check: {check}")
    build = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], site)
    pages = sum(1 for _ in (site / "site").rglob("*.html"))
    size = sum(f.stat().st_size for f in (site / "site").rglob("*") if f.is_file())
    print(f"mkdocs build --strict: {build}; {pages} HTML pages, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
