"""mentoring.publish.sitediff.differing_files: two builds of one site, file by file."""

from __future__ import annotations

from pathlib import Path

from mentoring.publish.sitediff import differing_files

PAGE = (
    '<html><head><meta name="generator" content="{}"><title>Т</title></head><body>{}</body></html>'
)


def write_site(root: Path, files: dict[str, str | bytes]) -> Path:
    for path, content in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, "utf-8")
    return root


def test_only_the_generator_tag_may_differ(tmp_path: Path) -> None:
    mkdocs = write_site(
        tmp_path / "a",
        {"index.html": PAGE.format("mkdocs-1.6.1", "x"), "assets/logo.png": b"\x89PNG1"},
    )
    properdocs = write_site(
        tmp_path / "b",
        {"index.html": PAGE.format("mkdocs-ProperDocs 1.6.7", "x"), "assets/logo.png": b"\x89PNG1"},
    )
    assert differing_files(mkdocs, properdocs) == []


def test_every_other_difference_is_named(tmp_path: Path) -> None:
    base = write_site(
        tmp_path / "a",
        {
            "index.html": PAGE.format("g", "x"),
            "news/index.html": PAGE.format("g", "новость"),
            "plan/plan.csv": "1;2\n",
            "old.xml": "<urlset/>",
        },
    )
    head = write_site(
        tmp_path / "b",
        {
            "index.html": PAGE.format("g", "x"),
            "news/index.html": PAGE.format("g", "новость!"),
            "plan/plan.csv": "1;3\n",
            "sitemap.xml": "<urlset/>",
        },
    )
    assert differing_files(base, head) == [
        "news/index.html",
        "old.xml",
        "plan/plan.csv",
        "sitemap.xml",
    ]


def test_the_search_index_is_compared_too(tmp_path: Path) -> None:
    """Two builds of the same pages write the same index (mentoring/search/canonical.py)."""
    base = write_site(tmp_path / "a", {"pagefind/filter/ru_1.pf_filter": b"\x1f\x8b1"})
    head = write_site(tmp_path / "b", {"pagefind/filter/ru_2.pf_filter": b"\x1f\x8b2"})
    assert differing_files(base, head) == [
        "pagefind/filter/ru_1.pf_filter",
        "pagefind/filter/ru_2.pf_filter",
    ]
