"""Methodological materials: fields, addresses, includes, samples and plan references."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mentoring.content import load_content
from mentoring.kinds.models import Reference
from tests.helpers import content_problems

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
VALID = "title: Формы наставничества\nsummary: Какие бывают формы.\ndate: 2022-05-10\n"


@pytest.fixture
def content_dir(content_dir: Path) -> Path:
    (content_dir / "materials").mkdir()
    return content_dir


def write_material(content_dir: Path, name: str, front_matter: str, body: str = "Текст.\n") -> None:
    (content_dir / "materials" / name).write_text(f"---\n{front_matter}---\n{body}", "utf-8")


def test_a_material_is_published_under_its_transliterated_name(content_dir):
    write_material(
        content_dir,
        "Формы наставничества.md",
        VALID + 'plan: ["2.1"]\n',
        "Вступление.\n\n<!-- include: forms-list -->\n",
    )

    content = load_content(content_dir)

    [material] = content.materials
    assert (material.slug, material.page, material.date) == (
        "formy-nastavnichestva",
        "materials/formy-nastavnichestva.md",
        dt.date(2022, 5, 10),
    )
    assert content.references == (
        Reference(
            "2.1",
            "Материал",
            "Формы наставничества",
            "materials/formy-nastavnichestva.md",
            dt.date(2022, 5, 10),
        ),
    )


BAD_MATERIALS = {
    "missing date": (
        "formy.md",
        "title: Формы\nsummary: Какие бывают формы.\n",
        "Текст.\n",
        "content/materials/formy.md:2: поле «date»: обязательное поле не заполнено",
    ),
    "unknown include": (
        "formy.md",
        VALID,
        "Вступление.\n\n<!-- include: forms -->\n",
        "content/materials/formy.md:8: неизвестная вставка «forms»; доступные: forms-list",
    ),
    "unknown plan activity": (
        "formy.md",
        VALID + 'plan: ["7.7"]\n',
        "Текст.\n",
        "content/materials/formy.md:5: поле «plan»: в плане нет мероприятия «7.7»; номера "
        'мероприятий — в content/plan.yaml, например "5.2"',
    ),
    "the address of the list": (
        "index.md",
        VALID,
        "Текст.\n",
        "content/materials/index.md:1: адрес «index» занят списком раздела; переименуйте файл "
        "или задайте поле slug",
    ),
}


@pytest.mark.parametrize("case", BAD_MATERIALS, ids=list(BAD_MATERIALS))
def test_material_mistakes(content_dir, case):
    name, front_matter, body, expected = BAD_MATERIALS[case]
    write_material(content_dir, name, front_matter, body)

    assert content_problems(content_dir) == [expected]


def test_two_materials_at_one_address(content_dir):
    write_material(content_dir, "formy.md", VALID)
    write_material(content_dir, "Формы.md", VALID)

    assert content_problems(content_dir) == [
        "content/materials/Формы.md:1: адрес /materials/formy/ уже занят: его получает "
        "content/materials/formy.md; задайте одной из записей другое поле slug или "
        "переименуйте файл"
    ]


def test_materials_are_newest_first_and_same_day_ones_by_address(content_dir):
    later = VALID.replace("2022-05-10", "2023-01-09")
    for name, front_matter in (("b.md", VALID), ("c.md", later), ("a.md", VALID)):
        write_material(content_dir, name, front_matter)

    assert [m.slug for m in load_content(content_dir).materials] == ["c", "a", "b"]


def test_sample_materials_follow_show_samples(content_dir):
    write_material(content_dir, "pamiatka.md", VALID + 'plan: ["2.1"]\nsample: true\n')
    write_material(content_dir, "formy.md", VALID)

    assert [m.slug for m in load_content(content_dir).materials] == ["formy", "pamiatka"]

    site = content_dir / "site.yaml"
    site.write_text(site.read_text("utf-8") + "show_samples: false\n", "utf-8")
    hidden = load_content(content_dir)
    assert [m.slug for m in hidden.materials] == ["formy"]
    assert hidden.references == ()


def test_a_material_text_allows_text_markup_only(content_dir):
    body = "Текст.\n\n<div>Вставка</div>\n\n<form><button>Отправить</button></form>\n"
    write_material(content_dir, "formy.md", VALID, body)

    assert content_problems(content_dir) == [
        "content/materials/formy.md:10: HTML-элемент «<button>» в тексте материала не "
        "допускается: можно писать только разметку текста (абзацы, заголовки, списки, таблицы, "
        "ссылки, изображения с этого сайта); уберите его или возьмите в обратные кавычки `…`, "
        "если его нужно показать",
        "content/materials/formy.md:10: HTML-элемент «<form>» в тексте материала не "
        "допускается: можно писать только разметку текста (абзацы, заголовки, списки, таблицы, "
        "ссылки, изображения с этого сайта); уберите его или возьмите в обратные кавычки `…`, "
        "если его нужно показать",
    ]
