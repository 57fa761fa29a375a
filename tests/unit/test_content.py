"""Loading and validating a whole content folder: each mistake with file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentoring.content import load_content
from mentoring.core.errors import ContentError
from tests.helpers import content_problems


def problems_after(content_dir: Path, file: str, old: str, new: str) -> list[str]:
    path = content_dir / file
    text = path.read_text("utf-8")
    assert old in text, f"the fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return content_problems(content_dir)


def test_the_fixture_is_valid(content_dir):
    content = load_content(content_dir)

    assert [a.id for a in content.plan.activities] == ["1.1.1", "2.1"]
    first = content.plan.directions[0]
    assert [first.anchor, first.sections[0].anchor, content.plan.activities[0].anchor] == [
        "direction-1",
        "section-1-1",
        "activity-1-1-1",
    ]
    assert [f.id for f in content.forms] == ["uchenik-uchenik", "pedagog-pedagog"]


PLAN_CASES = {
    "tab": (
        "        title: Первый раздел",
        "\ttitle: Первый раздел",
        [
            "content/plan.yaml:12: символ табуляции: в YAML отступы делаются только пробелами; "
            "замените табуляцию пробелами"
        ],
    ),
    "unclosed quote": (
        'id: "2.1"',
        'id: "2.1',
        [
            "content/plan.yaml:22: не закрыта кавычка; поставьте в конце значения закрывающую "
            "кавычку того же вида"
        ],
    ),
    "duplicate activity id": (
        'id: "2.1"',
        'id: "1.1.1"',
        [
            "content/plan.yaml:22: поле «id»: номер «1.1.1» не относится к направлению «2»: "
            "он должен начинаться с «2.»",
            "content/plan.yaml:22: поле «id»: номер «1.1.1» уже занят мероприятием в строке 14; "
            "номера не должны повторяться",
        ],
    ),
    "duplicate mapping key": (
        "        result: Проведены консультации",
        "        result: Проведены консультации\n        title: Другое название",
        [
            "content/plan.yaml:25: ключ «title» повторяется (первый раз — в строке 23); "
            "оставьте один из них"
        ],
    ),
    "end before start": (
        "{from: 2021-10-04, to: 2021-10-09}",
        "{from: 2021-10-10, to: 2021-10-09}",
        [
            "content/plan.yaml:17: поле «schedule»: окончание (09.10.2021) раньше начала "
            "(10.10.2021)"
        ],
    ),
    "impossible date": (
        "{from: 2021-10-04, to: 2021-10-09}",
        "{from: 2022-02-31, to: 2022-03-09}",
        [
            "content/plan.yaml:17: поле «schedule»: такой даты нет: 31.02.2022 "
            "(в этом месяце 28 дн.)"
        ],
    ),
    "date in the wrong format": (
        "{from: 2021-10-04, to: 2021-10-09}",
        "{from: 04.10.2021, to: 2021-10-09}",
        [
            "content/plan.yaml:17: поле «from»: ожидается дата (ГГГГ-ММ-ДД) или месяц (ГГГГ-ММ), "
            "например 2021-10-04 или 2021-12"
        ],
    ),
    "unknown schedule word": (
        "schedule: throughout",
        "schedule: always",
        [
            "content/plan.yaml:25: поле «schedule»: не удалось распознать сроки; допустимые формы: "
            "{from: 2021-10-04, to: 2021-10-09}, {from: 2021-11, to: 2024-04}, {until: 2022-12}, "
            "{until: 2022-01-15, then: yearly}, {months: [2021-12, 2022-12]}, yearly, throughout"
        ],
    ),
    "unknown responsible": (
        "responsible: [ЦРО]",
        "responsible: [ЦРОО]",
        [
            "content/plan.yaml:26: поле «responsible»: неизвестный ответственный «ЦРОО»; возможно, "
            "имелось в виду «ЦРО»; допустимые значения: УО, ЦРО, ОУ (новое сокращение добавьте в "
            "content/glossary.yaml с responsible: true)"
        ],
    ),
    "unknown status": (
        "responsible: [ЦРО]",
        "responsible: [ЦРО]\n        status: finished",
        [
            "content/plan.yaml:27: поле «status»: недопустимое значение «finished», допустимые "
            "значения: planned, in_progress, done, cancelled"
        ],
    ),
    "unknown field": (
        "responsible: [ЦРО]",
        "respnsible: [ЦРО]",
        [
            "content/plan.yaml:22: поле «responsible»: обязательное поле не заполнено",
            "content/plan.yaml:26: поле «respnsible»: неизвестное поле; возможно, имелось в виду "
            "«responsible»; допустимые поля: evidence, id, note, responsible, result, schedule, "
            "status, title",
        ],
    ),
    "done without evidence": (
        "responsible: [ЦРО]",
        "responsible: [ЦРО]\n        status: done",
        [
            "content/plan.yaml:27: поле «status»: статус done (выполнено) ставится только вместе "
            "с подтверждением: добавьте поле evidence со ссылкой на документ или страницу"
        ],
    ),
    "unquoted number": (
        'id: "2.1"',
        "id: 2",
        ["content/plan.yaml:22: поле «id»: ожидается текст, а указано: «2»"],
    ),
    "evidence both page and url": (
        "responsible: [ЦРО]",
        "responsible: [ЦРО]\n        evidence:\n          - {title: Т, page: a.md, url: https://x.ru}",
        [
            "content/plan.yaml:28: поле «evidence»: подтверждение ссылается либо на страницу сайта "
            "(page), либо на внешний адрес (url), но не на оба сразу"
        ],
    ),
}


@pytest.mark.parametrize("case", PLAN_CASES, ids=list(PLAN_CASES))
def test_plan_mistakes(content_dir, case):
    old, new, expected = PLAN_CASES[case]

    assert problems_after(content_dir, "plan.yaml", old, new) == expected


def test_every_problem_in_every_file_is_reported_at_once(content_dir):
    (content_dir / "glossary.yaml").write_text(
        (content_dir / "glossary.yaml").read_text("utf-8").replace("full: Управление", "ful: У"),
        "utf-8",
    )
    (content_dir / "forms.yaml").write_text(
        (content_dir / "forms.yaml").read_text("utf-8").replace("педагоги", "учителя"), "utf-8"
    )

    with pytest.raises(ContentError) as error:
        load_content(content_dir)

    assert error.value.report_lines() == [
        "content/forms.yaml:8: поле «audience»: недопустимое значение «учителя», допустимые "
        "значения: обучающиеся, педагоги",
        "content/glossary.yaml:2: поле «full»: обязательное поле не заполнено",
        "content/glossary.yaml:3: поле «ful»: неизвестное поле; возможно, имелось в виду «full»; "
        "допустимые поля: abbr, description, full, responsible",
    ]
    assert error.value.summary() == (
        "Содержимое не прошло проверку: 3 ошибки. Исправьте и повторите сборку."
    )


def test_a_name_without_consent_is_refused(content_dir):
    lines = problems_after(
        content_dir,
        "site.yaml",
        "    title: Центр развития образования\n",
        "    title: Центр развития образования\n"
        "    person: {name: Иванова Анна Петровна, consent: false}\n",
    )

    assert lines == [
        "content/site.yaml:9: поле «consent»: имя публикуется только с письменного согласия "
        "человека на распространение персональных данных (152-ФЗ, ст. 10.1): если согласие "
        "получено, поставьте consent: true, иначе удалите поле person"
    ]


def test_contacts_refer_to_existing_activities(content_dir):
    lines = problems_after(
        content_dir, "site.yaml", "    email: cro@example.org", '    plan: ["1.1.2"]'
    )

    assert lines == [
        "content/site.yaml:10: поле «plan»: в плане нет мероприятия «1.1.2»; возможно, имелось "
        'в виду «1.1.1»; номера мероприятий — в content/plan.yaml, например "5.2"'
    ]


def test_missing_and_empty_files(content_dir):
    (content_dir / "forms.yaml").unlink()
    (content_dir / "glossary.yaml").write_text("# пусто\n", "utf-8")

    with pytest.raises(ContentError) as error:
        load_content(content_dir)

    assert error.value.report_lines() == [
        "content/forms.yaml: файл не найден; создайте его по инструкции на сайте "
        "(раздел «Авторам», docs/guide/)",
        "content/glossary.yaml: файл пуст",
    ]


def test_github_annotations_name_file_and_line(content_dir):
    (content_dir / "forms.yaml").write_text(
        (content_dir / "forms.yaml").read_text("utf-8").replace("педагоги", "учителя"), "utf-8"
    )

    with pytest.raises(ContentError) as error:
        load_content(content_dir)

    assert error.value.annotations() == [
        "::error file=content/forms.yaml,line=8::поле «audience»: недопустимое значение "
        "«учителя», допустимые значения: обучающиеся, педагоги"
    ]
