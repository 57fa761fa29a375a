"""Messages for the habits that misled authors (issue 13): the real cause, the line where it
starts, in Russian, with no English of the parser. Each message is asserted verbatim."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mentoring.content import load_content
from mentoring.core.errors import ContentError, Problems
from mentoring.core.yamlsource import parse_yaml, split_front_matter
from tests.helpers import make_site

GUILLEMETS = ', а кавычки-ёлочки «…» не считаются; возьмите всё значение в прямые кавычки "…"'
FILLER = "".join(f"field{n}: значение\n" for n in range(1, 19))  # lines 1–18


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "title: «Мастерская: первый урок»\n",
            "f.yaml:1: двоеточие с пробелом внутри значения" + GUILLEMETS,
            id="russian-quotes-with-a-colon",
        ),
        pytest.param(
            'summary: x\ntitle: "Первый урок" — мастерская\n',
            "f.yaml:2: после закрывающей кавычки идёт текст «— мастерская»: кавычка в начале "
            "значения открывает всё значение, а следующая такая же его закрывает; замените "
            "кавычки внутри на ёлочки «…» или возьмите всё значение в одинарные кавычки '…'",
            id="text-after-a-quoted-start",
        ),
        pytest.param(
            "title: 'Урок 'первый''\n",
            "f.yaml:1: после закрывающей кавычки идёт текст «первый''»: кавычка в начале "
            "значения открывает всё значение, а следующая такая же его закрывает; апостроф "
            "внутри одинарных кавычек пишется дважды: ''",
            id="apostrophe-inside-single-quotes",
        ),
        pytest.param(
            "title: x\nimage: {file: x.jpg, alt: Слайд «Семинар, 2021»}\n",
            "f.yaml:2: запятая внутри скобок {…} или […] делит значение на два" + GUILLEMETS,
            id="comma-inside-russian-quotes-in-braces",
        ),
        pytest.param(
            "tags:\n  - семинар\n  - [наставничество, «Учитель, ученик»]\n",
            "f.yaml:3: запятая внутри скобок {…} или […] делит значение на два" + GUILLEMETS,
            id="comma-inside-russian-quotes-in-brackets",
        ),
        pytest.param(
            FILLER
            + 'title: "Первый урок\n'
            + "".join(f"more{n}: значение\n" for n in range(20, 32))
            + 'summary: "Анонс"\n',
            'f.yaml:19: кавычка " открыта здесь, а закрывается только в строке 32; поставьте '
            "закрывающую кавычку в конце значения в этой строке",
            id="unclosed-quote-closed-by-a-later-line",
        ),
        pytest.param(
            "title: Семинар\nпродолжение названия\nsummary: Анонс\n",
            "f.yaml:2: строка без двоеточия: поле записывается как «название: значение»; если "
            "это продолжение значения из строки выше, возьмите всё значение в прямые кавычки "
            '"…" или сдвиньте эту строку пробелами правее названия поля',
            id="simple-key-without-parser-english",
        ),
        pytest.param(
            'file: "C:\\Мои документы\\приказ.pdf"\n',
            "f.yaml:1: обратная косая черта «\\» внутри двойных кавычек начинает служебный "
            "знак; напишите её дважды («\\\\») или возьмите значение в одинарные кавычки '…'",
            id="backslash-in-double-quotes",
        ),
        pytest.param(
            "title: x\n---\nsummary: y\n",
            "f.yaml:2: лишняя строка «---»: в этом блоке полей она не нужна; удалите её",
            id="second-document",
        ),
        pytest.param(
            "title: x\nsummary: !custom y\n",
            "f.yaml:2: ошибка в разметке YAML; проверьте кавычки, двоеточия и отступы",
            id="anything-else-without-parser-english",
        ),
    ],
)
def test_yaml_habits_get_their_own_message_at_the_line_where_they_start(text, expected):
    problems = Problems()

    assert parse_yaml(text, "f.yaml", problems) is None
    assert [str(problem) for problem in problems] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "a: *undefined\n",
        "a: 1\n---\nb: 2\n",
        "a: [x, y\n",
        "a: {x: 1\n",
        "a: 'x\n",
        "- a\nb: c\n",
        "a: b\n- c\n",
        "a: b\n  c: d\n",
        "a:\n  - b\n - c\n",
        "a: |\n  x\n b\n",
        "? a\n? b\nc\n",
        "a: b\nc\n",
        "[a, b]: c\n",
        "a: !!binary x\n",
        "a: 'x' y\n",
        'a: "x\\y"\n',
        "a: %x\n",
    ],
)
def test_no_message_carries_the_parsers_english(text):
    problems = Problems()

    parse_yaml(text, "f.yaml", problems)

    messages = [problem.message for problem in problems]
    assert messages
    for message in messages:
        own_words = re.sub(r"«[^»]*»", "", message).replace("YAML", "")  # not the author's text
        assert not re.search(r"[A-Za-z]{3,}", own_words), message


def test_quote_lines_count_from_the_top_of_the_markdown_file():
    problems = Problems()
    text = '---\ntitle: "Первый урок\nforms: [a]\nsummary: "Анонс"\n---\nТекст\n'

    split_front_matter(text, "p.md", problems)

    assert [str(problem) for problem in problems] == [
        'p.md:2: кавычка " открыта здесь, а закрывается только в строке 4; поставьте '
        "закрывающую кавычку в конце значения в этой строке"
    ]


@pytest.mark.parametrize(
    "text",
    [
        'image: {file: x.jpg, alt: "Слайд «Семинар, 2021»"}\n',
        "alt: Слайд «Семинар, 2021»\n",
        "tags: [«Учитель — учитель», семинар]\n",
        "title: '«Мастерская: первый урок»'\n",
    ],
)
def test_russian_quotes_that_yaml_reads_as_meant_are_accepted(text):
    problems = Problems()

    assert parse_yaml(text, "f.yaml", problems) is not None
    assert list(problems) == []


def test_a_link_to_a_file_name_with_a_space_says_so(tmp_path: Path):
    project = make_site(tmp_path, "minimal", "practices")
    entry = project / "content" / "practices" / "klub" / "index.md"
    entry.parent.mkdir(parents=True)
    entry.write_text(
        "---\ntitle: Клуб\norganization: school-1\nforms: [pedagog-pedagog]\n"
        "date: 2024-05-20\nsummary: Кратко.\n---\n\nТекст.\n\n[Программа](мой файл.pdf)\n",
        encoding="utf-8",
    )

    with pytest.raises(ContentError) as caught:
        load_content(project / "content")

    assert [str(problem) for problem in caught.value.problems] == [
        "content/practices/klub/index.md:11: в адресе ссылки «мой файл.pdf» пробел, и Markdown "
        "считает адресом только «мой»; назовите файл без пробелов (например, «мой-файл.pdf») "
        "или замените пробелы в ссылке на %20"
    ]


def test_a_news_item_gets_the_same_message_not_a_missing_page(tmp_path: Path):
    project = make_site(tmp_path, "minimal", "publications")
    item = project / "content" / "news" / "2023-03-14-seminar.md"
    item.write_text(
        "---\ntitle: Семинар\nsummary: Кратко.\n---\n\nТекст.\n\n![Схема](схема семинара.png)\n",
        encoding="utf-8",
    )

    with pytest.raises(ContentError) as caught:
        load_content(project / "content")

    assert [str(problem) for problem in caught.value.problems] == [
        "content/news/2023-03-14-seminar.md:8: в адресе ссылки «схема семинара.png» пробел, и "
        "Markdown считает адресом только «схема»; назовите файл без пробелов (например, "
        "«схема-семинара.png») или замените пробелы в ссылке на %20"
    ]
