"""Guides by audience: the site speaks to authors only, the README to whoever sets it up."""

from __future__ import annotations

import re
from pathlib import Path

from mentoring.views.render import GUIDE_SCHEMAS

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
GUIDE = DOCS / "guide"
MAKE_COMMAND = re.compile(r"\bmake\s+[a-z]", re.I)


# The one page for developers (issue 17): `make bench`'s figures, published at /benchmarks/
# off the nav, the search and the sitemap (tests/build/test_benchmarks_page_build.py).
BENCHMARKS = DOCS / "benchmarks.md"


def test_nothing_else_for_developers_is_published() -> None:
    pages = [page for page in sorted(DOCS.rglob("*.md")) if page != BENCHMARKS]
    assert BENCHMARKS.is_file()
    assert [page.name for page in pages if MAKE_COMMAND.search(page.read_text("utf-8"))] == []


def test_every_field_table_is_in_a_guide_page() -> None:
    guides = "\n".join(page.read_text("utf-8") for page in sorted(GUIDE.glob("*.md")))
    included = set(re.findall(r"<!-- include: fields-([\w-]+) -->", guides))

    assert included == set(GUIDE_SCHEMAS)


def test_the_guide_covers_every_kind_of_content() -> None:
    titles = {
        page.stem: re.search(r"^# (.+)$", page.read_text("utf-8"), re.M).group(1)
        for page in GUIDE.glob("*.md")
    }

    assert titles == {
        "index": "Как обновлять сайт",
        "plan": "План: статус и исполнение",
        "news": "Новости",
        "events": "Мероприятия",
        "documents": "Документы",
        "materials": "Материалы",
        "practices": "Как добавить практику",
        "contacts": "Контакты и настройки сайта",
        "indicators": "Показатели мониторинга",
        "editor": "Веб-редактор",
    }
    plan = (GUIDE / "plan.md").read_text("utf-8")
    assert 'Новость с `plan: ["2.1"]` появится' in plan  # a news item's plan is evidence


def test_readme_starts_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    first_block = readme.split("```")[1]

    assert [line.split("#")[0].strip() for line in first_block.strip().splitlines()[1:]] == [
        "make build",
        "make test",
    ]
    # Authors' instructions live on the site, developers' notes in DEVELOPING.md.
    assert "## Новости" not in readme and "## Поиск по сайту" not in readme
