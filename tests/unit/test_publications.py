"""Shipped news, documents and materials; blocks they include; links to published files."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentoring.build import SiteBuild
from mentoring.core.urls import absolute_url, page_url, relative_url
from mentoring.html.includes import ENTRY_BLOCKS
from tests.helpers import SNAPSHOT_CONTENT

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def build() -> SiteBuild:
    return SiteBuild.load(SNAPSHOT_CONTENT, REPO / "templates")


def test_shipped_news_and_materials_invent_nothing(build):
    """Every shipped news item is a sample; of the materials only «Формы наставничества» is not."""
    assert build.content.news and all(item.sample for item in build.content.news)
    real = [m.title for m in build.content.materials if not m.sample]
    assert real == ["Формы наставничества"]


def test_the_plan_is_the_appendix_of_the_goruno_order(build):
    [evidence] = build.content.plan.activity("1.1.2").evidence
    order = next(d for d in build.content.documents if d.id == evidence.document)

    assert order.requisites == "Приказ ГОРУНО от 04.10.2021 № 175/1.1-08"
    assert order.page == "plan/index.md"
    assert {d.number for d in build.content.documents} >= {"Р-145", "АЗ-1128/08/657"}


def test_every_block_an_entry_may_include_exists(build):
    assert set(ENTRY_BLOCKS) <= set(build.renderer.blocks("materials/x.md"))


def test_forms_list_names_each_source_document(build):
    html = build.renderer.blocks("materials/formy-nastavnichestva.md")["forms-list"]()

    assert "## Наставничество обучающихся" in html
    assert "## Наставничество педагогических работников" in html
    for form in build.content.forms:
        assert f"<dt>«{form.title}»</dt>" in html
    assert (
        '<a href="../../documents/#document-r-145">Распоряжение Минпросвещения России '
        "от 25.12.2019 № Р-145</a>"
    ) in html


def test_the_forms_article_includes_the_forms_list(build):
    [article] = [m for m in build.content.materials if not m.sample]

    assert "<!-- include: forms-list -->" in article.body


@pytest.mark.parametrize(
    ("target", "from_page", "expected"),
    [
        ("documents/2021/prikaz.pdf", "documents.md", "2021/prikaz.pdf"),
        ("documents/prikaz.pdf", "materials/index.md", "../documents/prikaz.pdf"),
        ("news/images/a.png", "news/2021/seminar.md", "../../images/a.png"),
        ("news/feed.xml", "news/index.md", "feed.xml"),
        ("news/page/2.md", "news/page/3.md", "../2/"),
        ("news/index.md", "news/page/2.md", "../../"),
    ],
)
def test_links_to_published_files_and_entry_pages(target, from_page, expected):
    assert relative_url(target, from_page) == expected


def test_urls_of_files_and_absolute_urls():
    assert page_url("documents/prikaz.pdf", use_directory_urls=False) == "documents/prikaz.pdf"
    assert page_url("news/2021/seminar.md", use_directory_urls=False) == "news/2021/seminar.html"
    assert absolute_url("https://example.org/cro", "news/2021/seminar.md") == (
        "https://example.org/cro/news/2021/seminar/"
    )
    assert absolute_url("https://example.org/cro/", "news/feed.xml") == (
        "https://example.org/cro/news/feed.xml"
    )
