"""Hostile author input end to end (issue 12): refused vectors fail the build, each with
its Russian file:line message; tricks shown as text build (the browser half is in
tests/browser/test_hostile_content.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from mentoring.html import sanitize
from mentoring.html.sanitize import _PARALLEL_FROM, SERIAL_ONE_CORE
from tests.helpers import FIXED_EPOCH, build_site, make_site
from tests.hostile import (
    ORGANIZATION_NAME,
    REFUSED,
    write_refused,
    write_shown,
)


def test_every_hostile_vector_fails_the_build_at_its_file_and_line(tmp_path, monkeypatch):
    project = make_site(tmp_path, "minimal", "practices")
    expected = write_refused(project)

    result = build_site(project, monkeypatch)

    assert not result.ok
    assert result.abort_message.startswith("Содержимое не прошло проверку")
    missing = [
        (vector.name, location)
        for vector in REFUSED
        for location in expected[vector.name]
        if not any(error.startswith(f"{location}: ") for error in result.errors)
    ]
    assert missing == []
    assert all(re.search("[а-яё]{4}", error) for error in result.errors)


def test_tricks_in_fields_code_and_escaped_text_build_as_text(tmp_path, monkeypatch):
    project = make_site(tmp_path, "minimal", "practices")
    write_shown(project)

    result = build_site(project, monkeypatch)

    assert result.ok, result.errors
    news = result.page("news/2022/pole-1/")
    assert "&lt;svg/onload=alert(1)&gt;" in news
    assert "<svg/onload" not in news
    organization = result.page("organizations/sample-org/")
    escaped_once = "Школа &#34;Гимназия № 3&#34; &amp; лицей"
    assert "<h1 id=" in organization and f">{escaped_once}<a " in organization
    assert f'data-pagefind-meta="section:{escaped_once}"' in organization
    assert "Гимназия № 3&amp;#34;" not in organization
    assert ORGANIZATION_NAME not in organization  # never raw


def test_make_check_refuses_a_hostile_docs_page_without_importing_mkdocs(tmp_path):
    project = make_site(tmp_path)
    (project / "docs" / "page.md").write_text("# Страница\n\n[x](javascript:alert(1))\n", "utf-8")

    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "mentoring", "check", "content"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 1
    assert "docs/page.md:3: ссылка «javascript:alert(1)» на странице не допускается" in (
        result.stderr
    )
    imported = [line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line]
    assert "markdown" in imported
    assert not [name for name in imported if name.split(".")[0] == "mkdocs"]


def write_enough_texts_for_workers(project: Path) -> None:
    """Enough author texts for worker processes to check them: pages of docs/, which are
    checked first, long enough that the workers are still at them when loading asks about
    the entries after them."""
    folder = project / "docs" / "filler"
    folder.mkdir(parents=True)
    for number in range(_PARALLEL_FROM):
        text = (
            f"# Страница {number}\n\n"
            + "Абзац со *словами* и [ссылкой](https://example.ru).\n\n" * 100
        )
        (folder / f"text-{number:03}.md").write_text(text, "utf-8")


def build_in_new_process(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in a fresh interpreter: one without this test process's
    threads, so that worker processes may start (mentoring/html/sanitize.py)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": FIXED_EPOCH},
    )


def test_the_build_log_says_whether_worker_processes_checked_the_author_texts(tmp_path):
    project = make_site(tmp_path)
    texts = len(list((project / "docs").rglob("*.md"))) + _PARALLEL_FROM
    write_enough_texts_for_workers(project)

    built = build_in_new_process(project, tmp_path / "site")

    assert built.returncode == 0, built.stderr
    cores = len(os.sched_getaffinity(0))
    how = (
        f"параллельно, рабочих процессов: {cores}"
        if cores > 1  # a machine with one core can only say why there were no workers
        else f"в одном процессе — {SERIAL_ONE_CORE}"
    )
    notice = f"INFO    -  Разметка авторских текстов: проверено текстов: {texts}, {how}"
    assert notice in built.stderr.splitlines()


def test_texts_still_being_checked_fail_the_build_as_loading_would(tmp_path, monkeypatch):
    """With worker processes, the build goes on while they check the author texts, and the
    problems of those they had not finished come once the pages are known (hooks/site.py):
    they must be loading's own, word for word, and the only ones reported."""
    project = make_site(tmp_path, "minimal", "practices")
    write_enough_texts_for_workers(project)
    practices = project / "content" / "practices"
    fields = "organization: school-1\nforms: [uchenik-uchenik]\ndate: 2024-05-20\nsummary: Кр.\n"
    # Content that loads but for its markup, which only the allowlist refuses …
    (practices / "vstavka.md").write_text(
        f'---\ntitle: Вставка\n{fields}---\n\nТекст.\n\n<embed src="x.swf">\n', "utf-8"
    )
    # … and a link to a page that does not exist, found only once all pages are known
    # (on_nav): loading would have stopped before it, so it must not be reported.
    (practices / "ssylka.md").write_text(
        f"---\ntitle: Ссылка\n{fields}---\n\nСм. [страницу](../../net/index.md).\n", "utf-8"
    )

    built = build_in_new_process(project, tmp_path / "site")
    monkeypatch.setattr(sanitize, "_PARALLEL_FROM", 10**9)  # here: each text when loaded
    loaded = build_site(project, monkeypatch, check_parity=False)

    assert built.returncode == 1
    assert not loaded.ok
    errors = [line.removeprefix("ERROR   -  ") for line in built.stderr.splitlines()]
    errors = [line for line in errors if line.startswith(("content/", "docs/"))]
    assert errors == loaded.errors
    assert len(errors) == 1 and "«<embed>»" in errors[0]
    assert loaded.abort_message in built.stdout + built.stderr
    if len(os.sched_getaffinity(0)) > 1:  # the build went on while workers checked
        assert "Разметка авторских текстов: проверено текстов" in built.stderr
        assert "параллельно, рабочих процессов" in built.stderr
