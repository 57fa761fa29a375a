"""docs/benchmarks.md, the developers' figures from `make bench`, is published at
/benchmarks/ but kept off the navigation, out of the site search and out of the sitemap."""

from __future__ import annotations

import pytest

from tests.helpers import build_site, repository_project

pytestmark = pytest.mark.slow


def test_the_benchmarks_page_is_off_the_nav_the_search_and_the_sitemap(tmp_path, monkeypatch):
    result = build_site(
        repository_project(tmp_path), monkeypatch, site_url="https://example.invalid/"
    )
    assert result.ok, result.errors
    page = result.page("benchmarks/")
    assert "<h1" in page and "Производительность" in page
    assert 'class="page-content" data-pagefind-body' not in page
    sitemap = (result.site_dir / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://example.invalid/plan/</loc>" in sitemap
    assert "benchmarks" not in sitemap
    home = result.page("")
    assert 'href="benchmarks/"' not in home and "Производительность" not in home
