"""YAML loading: line numbers and Russian explanations of syntax errors."""

from __future__ import annotations

import pytest

from mentoring.errors import Problems
from mentoring.yamlsource import YamlList, YamlMap, parse_yaml, split_front_matter


def parse(text: str) -> tuple[object, list[str]]:
    problems = Problems()
    data = parse_yaml(text, "f.yaml", problems)
    return data, [str(problem) for problem in problems]


def test_lines_of_keys_and_items_are_remembered():
    data, problems = parse("a: 1\nitems:\n  - x\n  - {b: 2}\n")

    assert problems == []
    assert isinstance(data, YamlMap)
    assert isinstance(data["items"], YamlList)
    assert (data.line_of("a"), data.line_of("items")) == (1, 2)
    assert data["items"].line_of(1) == 4
    assert data["items"][1].line_of("b") == 4


def test_dates_and_decimals_stay_text_so_validation_can_judge_them():
    data, _ = parse("date: 2022-02-31\nid: 2.1\nyear: 2021\nflag: true\n")

    assert data == {"date": "2022-02-31", "id": "2.1", "year": 2021, "flag": True}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a: 1\nb: 2\na: 3\n",
            "f.yaml:3: ключ «a» повторяется (первый раз — в строке 1); оставьте один из них",
        ),
        (
            "a:\n\tb: 1\n",
            "f.yaml:2: символ табуляции: в YAML отступы делаются только пробелами; "
            "замените табуляцию пробелами",
        ),
        (
            'a: "abc\nb: 2\n',
            "f.yaml:1: не закрыта кавычка; поставьте в конце значения закрывающую кавычку "
            "того же вида",
        ),
        (
            "a: [x, y\nb: 2\n",
            "f.yaml:1: не закрыта квадратная скобка; проверьте, что у каждой открывающей "
            "скобки есть пара",
        ),
        (
            "title: Приказ: о плане\n",
            "f.yaml:1: двоеточие с пробелом внутри значения; возьмите значение в кавычки "
            "или проверьте отступы",
        ),
        (
            "a:\n  - x\n b: 2\n",
            "f.yaml:3: нарушены отступы: строка сдвинута не так, как соседние поля того же уровня",
        ),
        (
            "a: @x\n",
            "f.yaml:1: значение не может начинаться с символа «@»; возьмите значение в кавычки",
        ),
        ("? [a]\n: 1\n", "f.yaml:1: ключом не может быть список или словарь"),
    ],
)
def test_syntax_errors_are_explained_in_russian_with_the_line(text, expected):
    data, problems = parse(text)

    assert data is None
    assert problems == [expected]


def test_unsafe_tags_are_refused_not_executed():
    data, problems = parse("a: !!python/object/apply:os.system ['true']\n")

    assert data is None
    assert len(problems) == 1
    assert problems[0].startswith("f.yaml:1: ошибка в разметке YAML")


def test_front_matter_lines_are_lines_of_the_markdown_file():
    problems = Problems()
    text = "---\ntitle: Тест\nforms:\n  - a\n---\n# Заголовок\n"

    data, body, body_line = split_front_matter(text, "p.md", problems)

    assert list(problems) == []
    assert data.line_of("forms") == 3
    assert data["forms"].line_of(0) == 4
    assert (body, body_line) == ("# Заголовок\n", 6)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Без полей\n", "p.md:1: нет блока полей: файл должен начинаться со строки «---»"),
        (
            "---\ntitle: x\n# забыт конец\n",
            "p.md:1: блок полей не закрыт: после полей нужна строка «---» сама по себе",
        ),
        (
            "---\ntitle: x\n\tdate: y\n---\n",
            "p.md:3: символ табуляции: в YAML отступы делаются только пробелами; "
            "замените табуляцию пробелами",
        ),
    ],
)
def test_broken_front_matter_is_an_error_not_an_empty_page(text, expected):
    problems = Problems()

    split_front_matter(text, "p.md", problems)

    assert [str(problem) for problem in problems] == [expected]
