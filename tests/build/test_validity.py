"""The built site by the checkers the web trusts (issue 18): the W3C Nu HTML Checker reports
no error beyond the theme exceptions listed in scripts/html-exceptions.yaml, and LinkChecker
finds no broken internal link or anchor, on the default site and on a site with generated
content (scripts/bench.py's synthesizer). The Nu checker starts slowly: one run per site.

Java and vnu.jar come from `make validator-deps` (a prerequisite of `make test`); without
them these tests fail rather than skip, so that CI cannot pass without the checks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.bench import make_projects
from scripts.validate_site import (
    EXCEPTIONS,
    VNU_JAR,
    broken_links,
    html_problems,
    load_exceptions,
)
from tests.helpers import FIXED_EPOCH, REPO, build_site, make_site

pytestmark = pytest.mark.slow
GENERATED_N = 30  # practices and news added by the synthesizer


def mkdocs_build(project: Path, site: Path) -> Path:
    env = {**os.environ, "SOURCE_DATE_EPOCH": FIXED_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.fixture(scope="module", autouse=True)
def checker_installed() -> None:
    if shutil.which("java") is None or not VNU_JAR.is_file():
        pytest.fail("the Nu HTML Checker is not installed: run `make validator-deps`")


@pytest.fixture(scope="module")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return mkdocs_build(REPO, tmp_path_factory.mktemp("default") / "site")


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("generated")
    project, _ = make_projects(base, GENERATED_N)
    site = mkdocs_build(project, base / "site")
    assert len(list((site / "practices").glob("*/index.html"))) > GENERATED_N
    return site


def test_default_site_has_no_html_errors_and_every_exception_is_still_needed(default_site):
    unexcused, unused = html_problems(default_site, load_exceptions())
    assert [str(found) for found in unexcused] == []
    assert unused == [], f"remove from {EXCEPTIONS.name}: these match nothing any more"


def test_generated_site_has_no_html_errors(generated_site):
    unexcused, _ = html_problems(generated_site, load_exceptions())
    assert [str(found) for found in unexcused] == []


def test_default_site_has_no_broken_internal_links(default_site):
    assert [str(link) for link in broken_links(default_site)] == []


def test_generated_site_has_no_broken_internal_links(generated_site):
    assert [str(link) for link in broken_links(generated_site)] == []


def test_the_checker_excuses_only_the_exact_listed_markup(tmp_path):
    """The check can fail: our old search field is an error, and the theme's toggle is
    excused only as the theme writes it."""
    [excused, *_] = load_exceptions()
    head = '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>т</title></head>'
    (tmp_path / "index.html").write_text(f"{head}<body>{excused.markup}</body></html>", "utf-8")
    page = tmp_path / "bad" / "index.html"
    page.parent.mkdir()
    page.write_text(
        f"{head}<body>"
        '<input type="search" role="combobox" aria-expanded="false" aria-label="Поиск">'
        f"{excused.markup.replace('__drawer', '__other')}</body></html>",
        "utf-8",
    )
    unexcused, unused = html_problems(tmp_path, load_exceptions())
    found = {(found.page, found.message) for found in unexcused}
    assert ("bad/index.html", excused.message) in found  # same message, other markup
    assert len(found) >= 2  # and the old search field
    assert {page for page, _ in found} == {"bad/index.html"}
    assert excused not in unused


def test_every_exception_gives_its_reason():
    exceptions = load_exceptions()
    assert exceptions
    assert all(len(known.reason) > 40 for known in exceptions)


NEWS = "content/news/2022-05-01-ssylki.md"
NEWS_TEXT = """---
title: Ссылки
summary: Новость со ссылками.
---

Смотрите [план](/plan/#activity-9-9) и [практику](/practices/net-takoy-praktiki/).
"""
DOC_PAGE = "docs/o-proekte.md"
# The build itself refuses a relative link to a missing anchor (hooks/links.py); an absolute
# address is left to the link checker of the built site.
DOC_TEXT = "# О проекте\n\nТекст.\n\nСм. [страницу](/net-stranicy/).\n"


def test_a_broken_link_in_content_is_named_by_its_source_file_and_line(tmp_path, monkeypatch):
    project = make_site(tmp_path, "minimal", "publications")
    (project / NEWS).write_text(NEWS_TEXT, "utf-8")
    (project / DOC_PAGE).write_text(DOC_TEXT, "utf-8")
    result = build_site(project, monkeypatch)
    assert result.ok, result.abort_message or result.warnings

    broken = broken_links(result.site_dir, project)

    # The monitoring page links to plan activities 5.3 and 5.4, which the minimal plan lacks.
    written_at = sorted(
        (link.href, link.sources) for link in broken if link.page != "monitoring/index.html"
    )
    assert written_at == [
        ("/net-stranicy/", ((DOC_PAGE, 5),)),
        ("/plan/#activity-9-9", ((NEWS, 6),)),
        ("/practices/net-takoy-praktiki/", ((NEWS, 6),)),
    ]
    anchor = next(link for link in broken if link.href == "/plan/#activity-9-9")
    assert str(anchor) == (
        f"{NEWS}:6: ссылка «/plan/#activity-9-9» никуда не ведёт: на странице нет такого якоря "
        f"(страница сайта news/2022/ssylki/index.html:{anchor.line})"
    )
