"""Author texts converted once make the same site as texts converted with their pages.

A text checked at load is shown on its page as the HTML checked then, not converted again
(mentoring/html/converted.py). The site built so must be the one built by converting every
text with its page, byte for byte, and MkDocs must know the same of every page: its table
of contents, its anchors and its links to anchors. The fixture has the cases that must be
converted with the page (footnotes, relative links, an include, ids the page has already)
beside ones that need not be (links to anchors, ids in raw HTML and in code).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.pages import Page

from mentoring.html import sanitize
from mentoring.html.converted import with_texts
from mentoring.html.sanitize import Sanitizer
from tests.helpers import build_site, make_site

FIXTURES = ("minimal", "practices", "publications", "converted")


def built(project: Path, monkeypatch) -> tuple[dict[str, bytes], dict[str, tuple]]:
    """The site's HTML files, and what MkDocs knows of each page once it is converted."""
    known: dict[str, tuple] = {}
    build_page = mkdocs_build._build_page

    def recording(page: Page, *args, **kwargs) -> None:
        links = {
            target.src_uri: dict(found) for target, found in (page.links_to_anchors or {}).items()
        }
        known[page.file.src_uri] = (str(page.toc), page.present_anchor_ids, links, page.title)
        build_page(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", recording)
    result = build_site(project, monkeypatch)
    monkeypatch.setattr(mkdocs_build, "_build_page", build_page)
    assert result.ok, result.errors
    assert known, "every page is recorded"
    pages = {
        path.relative_to(result.site_dir).as_posix(): path.read_bytes()
        for path in sorted(result.site_dir.rglob("*.html"))
        if "pagefind" not in path.parts
    }
    return pages, known


def test_texts_converted_once_make_the_site_converted_with_pages(tmp_path, monkeypatch):
    project = make_site(tmp_path, *FIXTURES)
    placed: list[tuple[str, tuple[str, ...]]] = []  # how each page took its text, its files

    def recording(html, texts, *args):
        page = with_texts(html, texts, *args)
        for _, text in texts:
            placed.append(("once" if page is not None else "whole", text.relative_addresses))
        return page

    monkeypatch.setattr(sanitize, "with_texts", recording)
    once, known_once = built(project, monkeypatch)
    placed_once = list(placed)

    # While the workers still check a text, its page gets a placeholder all the same, and
    # is converted whole if the text turns out to need it (footnotes, an include…).
    monkeypatch.setattr(Sanitizer, "may_be_converted", lambda self, text: True)
    undecided, known_undecided = built(project, monkeypatch)

    monkeypatch.setattr(Sanitizer, "may_be_converted", lambda self, text: False)
    with_pages, known_with_pages = built(project, monkeypatch)

    assert undecided == with_pages
    assert known_undecided == known_with_pages

    assert once.keys() == with_pages.keys()
    for path, page in once.items():
        assert page == with_pages[path], path
    assert known_once.keys() == known_with_pages.keys()
    for path, known in known_once.items():
        for part, once_part, with_page_part in zip(
            ("toc", "anchors", "links", "title"), known, known_with_pages[path], strict=True
        ):
            assert once_part == with_page_part, (path, part)
    # Most texts were converted once, also the one with an image and a file beside its
    # page; not the one whose heading is the page's title, nor the one linking to the plan.
    ways = [way for way, _ in placed_once]
    assert ways.count("whole") == 2 and ways.count("once") >= 5
    assert ("once", ("photo.png", "programma.pdf")) in placed_once
    assert ("whole", ("../../plan/index.md#activity-2-1",)) in placed_once
    # The fixture has what must come with a text: headings below other headings, ids in
    # raw HTML (not those in code), links to the page's own anchors.
    ssylki = "practices/ssylki/index.md"
    toc, anchors, links, _ = known_once[ssylki]
    assert "Подраздел - #подраздел" in toc
    assert {"razdel-dva", "svoi-blok", "цель", "подраздел", "итоги"} <= anchors
    assert "v-kode" not in anchors
    assert {"razdel-dva", "svoi-blok", "цель", "подраздел"} <= links[ssylki].keys()
    assert 'id="сроки_1"' in once["practices/sovpadenie/index.html"].decode()
