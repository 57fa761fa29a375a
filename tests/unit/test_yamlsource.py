"""YAML loading: line numbers and Russian explanations of syntax errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mentoring import yamlsource
from mentoring.errors import Problems
from mentoring.yamlsource import (
    FRONT_MATTER,
    YamlList,
    YamlMap,
    parse_yaml,
    split_front_matter,
)


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


def test_a_control_character_is_a_problem_with_its_line_not_a_traceback():
    data, problems = parse("a: 1\nb: x\x01y\n")

    assert data is None
    assert problems == ["f.yaml:2: недопустимый служебный символ U+0001; удалите его из файла"]


def _documents() -> list[tuple[str, str]]:
    """Every YAML file and front matter the repository ships, as (name, text)."""
    root = Path(__file__).resolve().parents[2]
    documents = []
    for folder in (root / "content", root / "tests" / "fixtures"):
        for file in sorted(folder.rglob("*.yaml")):
            documents.append((str(file.relative_to(root)), file.read_text("utf-8")))
        for file in sorted(folder.rglob("*.md")):
            match = FRONT_MATTER.match(file.read_text("utf-8-sig"))
            if match:
                documents.append((str(file.relative_to(root)), match.group(1)))
    return documents


def _with_lines(data: object) -> object:
    if isinstance(data, YamlMap):
        return (data.line, data.key_lines, {key: _with_lines(v) for key, v in data.items()})
    if isinstance(data, YamlList):
        return (data.line, data.item_lines, [_with_lines(item) for item in data])
    return data


@pytest.mark.skipif(yamlsource._FastLoader is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize(("name", "text"), _documents(), ids=lambda value: value[:60])
def test_libyaml_and_pyyaml_read_the_same_values_and_lines(name, text):
    fast = yamlsource._FastLoader(text, 0)
    reference = yamlsource._Loader(text, 0)
    try:
        assert _with_lines(fast.get_single_data()) == _with_lines(reference.get_single_data())
    finally:
        fast.dispose()
        reference.dispose()


@pytest.mark.parametrize(
    "text",
    [
        "a: {name: Что это?}\n",  # PyYAML refuses «?» in a flow value, libyaml does not
        "a: >-#\n  x\n",  # a comment glued to the indicator: libyaml accepts it
        "a: 1\n\ufeffb: 2\n",  # a byte order mark inside the text: libyaml reads another key
    ],
)
def test_text_where_the_parsers_differ_is_judged_by_pyyaml(text):
    reference = Problems()
    loader = yamlsource._Loader(text, 0)
    try:
        expected = _with_lines(loader.get_single_data())
    except yaml.YAMLError:
        expected = None
    finally:
        loader.dispose()

    data = parse_yaml(text, "f.yaml", reference)

    assert _with_lines(data) == expected
