"""YAML loading: line numbers and Russian explanations of syntax errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mentoring.core import yamlsource
from mentoring.core.errors import Problems
from mentoring.core.yamlsource import (
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


ALIAS = (
    "значение начинается с «*{}»: в YAML это ссылка на другую часть файла, а ссылки "
    "не поддерживаются; если это текст, возьмите его в кавычки, иначе напишите значение полностью"
)
ANCHOR = (
    "значение начинается с «&{}»: в YAML это метка для ссылок, а ссылки не поддерживаются; "
    "если это текст, возьмите его в кавычки, иначе удалите метку"
)
TOO_DEEP = (
    "вложенность глубже 20 уровней: таких данных на сайте не бывает; проверьте скобки и отступы"
)
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(c + 1)}: &{chr(c + 1)} [{', '.join([f'*{chr(c)}'] * 9)}]\n"
    for c in range(ord("a"), ord("i"))
)

HOSTILE_YAML = [
    ("alias bomb", ALIAS_BOMB, f"f.yaml:1: {ANCHOR.format('a')}"),
    ("alias of an anchor", "a: x\nb: *x\n", f"f.yaml:2: {ALIAS.format('x')}"),
    ("anchor alone", "title: &t Заголовок\n", f"f.yaml:1: {ANCHOR.format('t')}"),
    ("anchor on a list", "a:\n  - &item {b: 1}\n", f"f.yaml:2: {ANCHOR.format('item')}"),
    ("merge key", "a: {b: 1}\nc:\n  <<: *a\n", f"f.yaml:3: {ALIAS.format('a')}"),
    ("deep flow lists", "a: " + "[" * 25 + "]" * 25 + "\n", f"f.yaml:1: {TOO_DEEP}"),
    (
        "deep block mappings",
        "".join(f"{'  ' * level}k{level}:\n" for level in range(25)) + "  " * 25 + "v: 1\n",
        f"f.yaml:20: {TOO_DEEP}",
    ),
    (
        "escaped right-to-left override",
        'a: 1\nb: "abc\\u202Edef"\n',
        "f.yaml:2: значение содержит недопустимый служебный символ U+202E, записанный через "
        "«\\»; удалите его",
    ),
    (
        "escaped NUL",
        'a: "x\\0"\n',
        "f.yaml:1: значение содержит недопустимый служебный символ U+0000, записанный через "
        "«\\»; удалите его",
    ),
    (
        "escaped line separator",
        'a: "x\\Ly"\n',
        "f.yaml:1: значение содержит недопустимый служебный символ U+2028, записанный через "
        "«\\»; удалите его",
    ),
    (
        "escaped carriage return in a key",
        '"a\\r": 1\n',
        "f.yaml:1: значение содержит недопустимый служебный символ U+000D, записанный через "
        "«\\»; удалите его",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(text, expected, id=name) for name, text, expected in HOSTILE_YAML],
)
def test_hostile_yaml_is_refused_before_it_is_built(text, expected):
    data, problems = parse(text)

    assert data is None
    assert problems == [expected]


@pytest.mark.skipif(yamlsource._FastLoader is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(text, expected, id=name) for name, text, expected in HOSTILE_YAML],
)
def test_libyaml_and_pyyaml_refuse_hostile_yaml_alike(text, expected):
    """parse_yaml may send text to either parser: each must refuse it on its own."""
    for loader_class in (yamlsource._FastLoader, yamlsource._Loader):
        loader = loader_class(text, 0)
        try:
            with pytest.raises(yamlsource._AuthorError) as refused:
                loader.get_single_data()
        finally:
            loader.dispose()
        assert f"f.yaml:{refused.value.problem_mark.line + 1}: {refused.value.problem}" == expected


def test_nesting_deeper_than_libyaml_allows_gets_the_same_message():
    """libyaml stops at 1000 levels with its own error; parse_yaml then asks PyYAML."""
    data, problems = parse("a: " + "[" * 5000 + "]" * 5000 + "\n")

    assert data is None
    assert problems == [f"f.yaml:1: {TOO_DEEP}"]


@pytest.mark.parametrize(
    ("character", "name"),
    [
        ("\x00", "0000"),
        ("\x1b", "001B"),
        ("\r", "000D"),
        ("\x7f", "007F"),
        ("\x85", "0085"),
        ("\u2028", "2028"),
        ("\u2029", "2029"),
        ("\u202a", "202A"),
        ("\u202e", "202E"),
        ("\u2066", "2066"),
        ("\u2069", "2069"),
    ],
)
def test_control_and_bidi_characters_are_refused_on_every_line_they_are_on(character, name):
    data, problems = parse(f"a: 1\nb: x{character}y\nc: {character}\n")

    assert data is None
    message = f"недопустимый служебный символ U+{name}; удалите его из файла"
    assert problems == [f"f.yaml:2: {message}", f"f.yaml:3: {message}"]


def test_tab_newline_and_ordinary_text_stay_allowed():
    data, problems = parse('a: "x\\ty"\nb: |\n  Школа «№ 3» & лицей — 2 * 2\n  ✓ 😀\n')

    assert problems == []
    assert data == {"a": "x\ty", "b": "Школа «№ 3» & лицей — 2 * 2\n✓ 😀\n"}


def test_control_characters_in_a_markdown_body_are_refused_with_their_line():
    problems = Problems()

    split_front_matter("---\ntitle: x\n---\n\nАбзац\nтекст\u202eобратно\n", "p.md", problems)

    assert [str(problem) for problem in problems] == [
        "p.md:6: недопустимый служебный символ U+202E; удалите его из файла"
    ]


def test_control_characters_in_front_matter_are_refused_with_their_file_line():
    problems = Problems()

    data, _, _ = split_front_matter(
        "---\ntitle: x\nsummary: a\x0cb\n---\nТекст\n", "p.md", problems
    )

    assert data is None
    assert [str(problem) for problem in problems] == [
        "p.md:3: недопустимый служебный символ U+000C; удалите его из файла"
    ]


# Any short YAML-like text, or a flow collection (after a line that may hold «, [ or a comma
# of its own) with guillemets and commas inside: the second finds splits often.
YAML_LIKE = st.text(alphabet="«»,[]{}:- ab\n\"'#", max_size=40)
FLOWS = st.tuples(
    st.sampled_from(["", "t: «a»\n", "# [«,\n"]),
    st.sampled_from(["k: [", "k: {a: ", "- ["]),
    st.text(alphabet="«»,ab :", max_size=12),
).map("".join)


@settings(max_examples=600, deadline=None)
@given(st.one_of(YAML_LIKE, FLOWS))
def test_a_comma_splitting_guillemets_is_never_skipped_by_the_quick_look(text):
    """The text-only look that spares most files PyYAML's scanner never hides a split."""
    if yamlsource._scanned_comma_inside_guillemets(text) is not None:
        assert yamlsource._may_split_guillemets(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: {b: «Семинар, 2021»}\n",
        "a: [x, ««y», z]\n",
        "t: «a»\nb: [c, «d,\n  e»]\n",
    ],
)
def test_the_quick_look_lets_the_scanner_see_each_split(text):
    assert yamlsource._scanned_comma_inside_guillemets(text) is not None
    assert yamlsource._comma_inside_guillemets(text) is not None
