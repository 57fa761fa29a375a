"""Heading structure of entry bodies: reported to the author with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentoring.core.errors import Problems
from mentoring.kinds.entries import load_entry

FRONT_MATTER = "---\ntitle: Формы\nsummary: Какие бывают формы.\ndate: 2022-05-10\n---\n"
PATH = "content/materials/formy.md"
SCHEMA_LINES = FRONT_MATTER.count("\n")  # the body starts on the next line


def problems_of(tmp_path: Path, body: str) -> list[str]:
    file = tmp_path / "formy.md"
    file.write_text(FRONT_MATTER + body, "utf-8")
    problems = Problems()
    load_entry(file, PATH, "materials", problems)
    return [str(problem) for problem in problems]


@pytest.mark.parametrize(
    "body",
    [
        "Текст.\n\n## Раздел\n\n### Подраздел\n\n## Второй раздел\n",
        "## Раздел\n\n### Подраздел\n\n#### Пункт\n\n## Снова второй\n",
        "Раздел\n------\n\n### Подраздел\n",
        "Вступление.\n\n<!-- include: forms-list -->\n\n### Подробнее об учениках\n",
        "```\n# комментарий в коде\n### и это код\n```\n\n`# и это`\n",
        "<!--\n### закомментировано\n-->\nТекст.\n\n---\n\nПосле черты.\n",
        "## Раздел { #razdel }\n\n### Подраздел ###\n",
    ],
)
def test_a_well_formed_outline_is_accepted(tmp_path, body):
    assert problems_of(tmp_path, body) == []


def test_a_skipped_level_names_the_line_and_the_fix(tmp_path):
    body = "Текст.\n\n### Наставничество обучающихся\n\n## Участники\n\n#### Куратор\n"
    assert problems_of(tmp_path, body) == [
        f"{PATH}:{SCHEMA_LINES + 3}: заголовок «### Наставничество обучающихся» в тексте "
        "материала пропускает уровень: перед ним заголовок уровня 1 (название страницы), "
        "а этот — уровня 3; напишите «## Наставничество обучающихся», чтобы незрячим "
        "посетителям была понятна структура текста",
        f"{PATH}:{SCHEMA_LINES + 7}: заголовок «#### Куратор» в тексте материала пропускает "
        "уровень: перед ним заголовок уровня 2, а этот — уровня 4; напишите «### Куратор», "
        "чтобы незрячим посетителям была понятна структура текста",
    ]


def test_a_second_first_level_heading_and_an_empty_heading(tmp_path):
    body = "# Формы\n\nТекст.\n\nИтоги\n=====\n\n##\n"
    assert problems_of(tmp_path, body) == [
        f"{PATH}:{SCHEMA_LINES + 1}: заголовок первого уровня «# Формы» в тексте материала: "
        "первый уровень на странице один — название из поля title; разделы текста "
        "начинайте с «## »",
        f"{PATH}:{SCHEMA_LINES + 5}: заголовок первого уровня «# Итоги» в тексте материала: "
        "первый уровень на странице один — название из поля title; разделы текста "
        "начинайте с «## »",
        f"{PATH}:{SCHEMA_LINES + 8}: пустой заголовок «##» в тексте материала: впишите текст "
        "заголовка после знаков # или уберите их",
    ]


def test_practices_are_checked_too(tmp_path):
    practice = tmp_path / "p.md"
    practice.write_text(
        "---\ntitle: П\norganization: o\nforms: [f]\ndate: 2023-04-20\nsummary: Коротко.\n---\n"
        "### Цели\n",
        "utf-8",
    )
    problems = Problems()
    load_entry(practice, "content/practices/p.md", "practice", problems)
    assert [p for p in map(str, problems) if "пропускает уровень" in p] == [
        "content/practices/p.md:8: заголовок «### Цели» в тексте практики пропускает уровень: "
        "перед ним заголовок уровня 1 (название страницы), а этот — уровня 3; напишите "
        "«## Цели», чтобы незрячим посетителям была понятна структура текста"
    ]
