"""`make bench` compares our build with plain Material on the same texts and on the
Markdown of our own pages (scripts/bench): both must build the pages they claim to."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts.bench.measure import build_env
from scripts.bench.synthesis import OUR_PAGES, REPO, make_projects

pytestmark = pytest.mark.slow


def built_pages(site: Path) -> set[str]:
    return {page.relative_to(site).as_posix() for page in site.rglob("*.html")}


def test_plain_material_on_our_pages_builds_every_page_of_our_site(tmp_path):
    ours, baseline = make_projects(tmp_path, 3)
    assert baseline is not None
    pages, our_site, plain_site = tmp_path / OUR_PAGES, tmp_path / "ours", tmp_path / "plain"
    command = [sys.executable, "-m", "scripts.bench", "--pages-project", str(ours)]
    command += ["--profile-site", str(our_site), "--profile-out", str(pages)]
    subprocess.run(command, check=True, env=build_env(), cwd=REPO)
    plain = [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f"]
    plain += [str(pages / "mkdocs.yml"), "-d", str(plain_site)]
    subprocess.run(plain, check=True, env=build_env(), cwd=REPO)

    our_pages = {page for page in built_pages(our_site) if not page.startswith("admin/")}
    assert len(our_pages) > 60
    assert built_pages(plain_site) == our_pages
    practice = next(page for page in our_pages if page.startswith("practices/bench-"))
    assert "<h1" in (plain_site / practice).read_text("utf-8")
    config = yaml.load((pages / "mkdocs.yml").read_text("utf-8"), Loader=yaml.UnsafeLoader)
    assert "hooks" not in config and config["plugins"] == []


def test_the_baseline_has_the_nav_of_our_site(tmp_path):
    _, baseline = make_projects(tmp_path, 1)
    assert baseline is not None
    config = yaml.load((baseline / "mkdocs.yml").read_text("utf-8"), Loader=yaml.UnsafeLoader)
    titles = [next(iter(item)) for item in config["nav"] if isinstance(item, dict)]
    assert titles[:3] == ["Главная", "План мероприятий", "Новости"]
    assert "Банк практик" in titles and "Мониторинг" in titles
    assert (baseline / "docs" / "plan" / "index.md").is_file()
