"""MkDocs' link warnings become problems of the author's file (mentoring.views.pagelinks).

The common cases are built for real in tests/build/test_links_build.py; these are the rarer
warnings, fed in as MkDocs words them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mentoring.content import load_content
from mentoring.core.errors import Problem
from mentoring.views.pagelinks import OMITTED, PageLinks
from tests.helpers import FIXTURES


@pytest.fixture(scope="module")
def links() -> PageLinks:
    content = load_content(FIXTURES / "minimal" / "content")
    return PageLinks(
        content,
        FIXTURES / "minimal" / "docs",
        {"index.md"},
        ["index.md", "plan/index.md", "glossary.md"],
        lambda page: {"activity-2-1"} if page == "plan/index.md" else set(),
    )


@pytest.mark.parametrize(
    ("warning", "message"),
    [
        (
            "Doc file 'index.md' contains an absolute link '/plan/', it was left as is.",
            "ссылка «/plan/» начинается с «/» и не откроется, когда сайт лежит не в корне адреса "
            "(предпросмотр, копия сайта); возможно, имелось в виду «plan/index.md»",
        ),
        (
            "Doc file 'index.md' contains a link '#fnref:2', but there is no such anchor on this "
            "page. This seems to be a footnote that is never referenced.",
            "сноска [^2] описана, но в тексте на неё нет ссылки; поставьте [^…] в нужном месте "
            "текста или удалите сноску",
        ),
        (
            "Doc file 'index.md' contains a link to 'news/2022/draft.md' which is excluded from "
            "the built site.",
            "ссылка ведёт на страницу news/2022/draft.md, которая не публикуется (черновик); "
            "уберите ссылку или опубликуйте страницу",
        ),
        (
            "Doc file 'index.md' contains a link 'glosary.md', but the target is not found among "
            "documentation files. Did you mean 'glossary.md'?",
            "ссылка «glosary.md» ведёт на страницу glosary.md, а её нет на сайте; возможно, "
            "имелось в виду «glossary.md»",
        ),
    ],
)
def test_a_warning_becomes_a_russian_problem_of_the_source(
    links: PageLinks, warning: str, message: str
) -> None:
    assert links.problems(warning) == [Problem("docs/index.md", None, None, message)]


def test_a_page_the_site_writes_itself_is_named_as_such(links: PageLinks) -> None:
    [problem] = links.problems(
        "Doc file 'news/index.md' contains a link 'x.md', but the target 'news/x.md' is not "
        "found among documentation files."
    )

    assert problem.path == "docs/news/index.md (страница, которую создаёт сам сайт)"


def test_each_page_missing_from_the_nav_is_a_problem_of_its_own(links: PageLinks) -> None:
    warning = (
        'The following pages exist in the docs directory, but are not included in the "nav" '
        "configuration:\n  - about.md\n  - reports/2022.md"
    )

    assert [(p.path, p.message) for p in links.problems(warning)] == [
        ("docs/about.md", OMITTED),
        ("docs/reports/2022.md", OMITTED),
    ]


def test_other_warnings_are_left_to_mkdocs(links: PageLinks) -> None:
    assert links.problems("Doc file 'index.md' has an unknown problem.") == []


def test_the_line_is_found_in_the_source(tmp_path: Path) -> None:
    from mentoring.views.pagelinks import PageSource

    source = tmp_path / "about.md"
    source.write_text("# О нас\n\nСм. текст plan.md выше.\n\n[план](plan.md)\n", "utf-8")

    assert PageSource("docs/about.md", source).line_of("plan.md") == 5
    assert PageSource("docs/about.md", source).line_of("other.md") is None
