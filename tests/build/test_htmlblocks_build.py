"""HTML blocks kept out of Markdown change nothing in the built site.

Templates wrap blocks in ``{% filter html_block %}`` only where Markdown would pass the
HTML through as it is; the same site built with those blocks handed to Markdown must come
out byte for byte the same (the search index aside: Pagefind names its files itself).
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from mentoring.html.htmlblocks import HtmlBlocks
from tests.helpers import build_site, make_site


def built_pages(project: Path, monkeypatch) -> dict[str, bytes]:
    result = build_site(project, monkeypatch)
    assert result.ok, result.errors
    return {
        path.relative_to(result.site_dir).as_posix(): path.read_bytes()
        for path in sorted(result.site_dir.rglob("*.html"))
        if "pagefind" not in path.parts
    }


def test_html_blocks_come_out_as_markdown_would_have_passed_them(tmp_path, monkeypatch):
    project = make_site(tmp_path, "minimal", "practices", "publications")
    kept_apart = built_pages(project, monkeypatch)

    monkeypatch.setattr(HtmlBlocks, "store", lambda self, html: Markup(html))
    through_markdown = built_pages(project, monkeypatch)

    assert any("practices/" in path for path in kept_apart)  # the bank is part of the site
    assert any("news/" in path for path in kept_apart)
    assert kept_apart.keys() == through_markdown.keys()
    for path, page in kept_apart.items():
        assert page == through_markdown[path], path
