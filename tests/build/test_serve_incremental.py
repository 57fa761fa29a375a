"""`make serve` rebuilds only what an edit touches (hooks/serve.py, mentoring/core/incremental.py),
and what it publishes is the site a full build makes of the same content."""

from __future__ import annotations

import filecmp
from pathlib import Path

from mkdocs.config import load_config

from mentoring.core.incremental import BuildMemory
from tests.build.test_serve_problems import serve
from tests.helpers import repository_project

PRACTICE = Path("content/practices/proforientatsionnye-proby.md")
PAGE = Path("practices/proforientatsionnye-proby/index.html")
UNTOUCHED = Path("news/index.html")  # the list of news: nothing of the practice is on it


def build_like_serve(project: Path, site: Path, memory: BuildMemory | None) -> Path:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    serve.build_or_show_problems(config, memory=memory, serve_url="http://127.0.0.1:8000/")
    return site


def differences(one: Path, other: Path) -> list[str]:
    """Files that differ or exist on one side only (the search index aside)."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in compared.left_only + compared.right_only)
        found.extend(prefix + name for name in compared.diff_files)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(one, other, ignore=["pagefind"]), "")
    return found


def test_an_edit_rebuilds_its_page_an_error_shows_and_the_fix_brings_the_site_back(
    tmp_path: Path, fixed_epoch: str
) -> None:
    project = repository_project(tmp_path)
    practice = project / PRACTICE
    original = practice.read_text("utf-8")
    memory = BuildMemory()
    site = build_like_serve(project, tmp_path / "site", memory)
    untouched = (site / UNTOUCHED).stat().st_mtime_ns
    index = (site / "pagefind" / "pagefind.js").stat().st_mtime_ns

    practice.write_text(original + "\nПравка, которую видно после сохранения.\n", "utf-8")
    build_like_serve(project, site, memory)

    assert "Правка, которую видно после сохранения." in (site / PAGE).read_text("utf-8")
    assert (site / UNTOUCHED).stat().st_mtime_ns == untouched  # not written again
    assert (site / "pagefind" / "pagefind.js").stat().st_mtime_ns == index  # no Pagefind
    full = build_like_serve(project, tmp_path / "full", None)
    assert differences(site, full) == []

    practice.write_text(original.replace("title:", "titl:", 1), "utf-8")
    build_like_serve(project, site, memory)

    page = (site / "index.html").read_text("utf-8")
    assert "<h1>Сайт не собран</h1>" in page
    assert f"<code>{PRACTICE.as_posix()}:" in page
    assert "неизвестное поле; возможно, имелось в виду «title»" in page

    practice.write_text(original, "utf-8")
    build_like_serve(project, site, memory)

    assert "Сайт не собран" not in (site / "index.html").read_text("utf-8")
    assert "Правка, которую видно" not in (site / PAGE).read_text("utf-8")
    full = build_like_serve(project, tmp_path / "full", None)
    assert differences(site, full) == []
