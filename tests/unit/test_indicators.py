"""content/indicators.yaml: aggregates only, Russian messages with file and line."""

from __future__ import annotations

import shutil
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from mentoring.content import load_content
from mentoring.core.schema import load_schema
from mentoring.kinds.indicators import (
    BREAKDOWN_KEYS,
    INDICATOR_BY_KEY,
    INDICATORS,
    Change,
    format_number,
    looks_personal,
)
from tests.helpers import content_problems

REPO = Path(__file__).resolve().parents[2]
MINIMAL = REPO / "tests" / "fixtures" / "minimal" / "content"
PRIVACY = (
    "по 152-ФЗ база наставников и наставляемых публикуется только в виде обобщённых чисел "
    "(сколько наставников, пар, какая доля), без имён, дат рождения, телефонов, адресов, СНИЛС "
    "и других сведений о людях"
)


def content_with(tmp_path: Path, indicators: str) -> Path:
    root = tmp_path / "content"
    shutil.copytree(MINIMAL, root)
    (root / "indicators.yaml").write_text(textwrap.dedent(indicators), "utf-8")
    return root


def problems_of(tmp_path: Path, indicators: str) -> list[str]:
    return content_problems(content_with(tmp_path, indicators))


def test_indicators_file_is_optional() -> None:
    assert load_content(MINIMAL).indicators is None


def test_years_are_sorted_and_shares_accept_comma_and_point(tmp_path: Path) -> None:
    root = content_with(
        tmp_path,
        """\
        years:
          - year: 2023/2024
            learners_involved: 42,5
            pairs: 12
          - year: 2022/2023
            learners_involved: "40.25"
            by_form:
              - form: pedagog-pedagog
                pairs: 3
        """,
    )
    indicators = load_content(root).indicators
    assert [y.year.label for y in indicators.years] == ["2022/2023", "2023/2024"]
    assert indicators.years[0].values["learners_involved"] == Decimal("40.25")
    assert indicators.years[1].values["learners_involved"] == Decimal("42.5")
    assert indicators.years[0].by_form[0].label == "педагог – педагог"
    assert [(c.indicator.key, c.text) for c in indicators.changes()] == [
        ("learners_involved", "+2,25\u00a0п.\u00a0п.")
    ]


@pytest.mark.parametrize(
    ("key", "line"),
    [("fio", 4), ("ФИО", 4), ("birth_date", 4), ("e-mail", 4), ("СНИЛС", 4), ("Дата рождения", 4)],
)
def test_personal_field_is_refused_with_reason_and_line(
    tmp_path: Path, key: str, line: int
) -> None:
    lines = problems_of(
        tmp_path,
        f"""\
        years:
          - year: 2022/2023
            by_organization:
              - {key}: Иванов Иван Иванович
                organization: Школа
                pairs: 1
        """,
    )
    assert lines == [
        f"content/indicators.yaml:{line}: поле «{key}»: личные данные не публикуются: "
        f"{PRIVACY}; удалите это поле"
    ]


def test_personal_field_at_top_level_and_value_like_email_are_reported(tmp_path: Path) -> None:
    lines = problems_of(
        tmp_path,
        """\
        years:
          - year: 2022/2023
            note: уточнить у mentor@example.org
        mentor_names: [А, Б]
        """,
    )
    assert lines == [
        f"content/indicators.yaml:3: поле «note»: в значении похоже на адрес электронной "
        f"почты: {PRIVACY}; удалите эти сведения",
        f"content/indicators.yaml:4: поле «mentor_names»: личные данные не публикуются: "
        f"{PRIVACY}; удалите это поле",
    ]


@pytest.mark.parametrize(
    "key", ["fio", "first_name", "Surname", "phone", "telephone", "address", "snils", "имя"]
)
def test_looks_personal(key: str) -> None:
    assert looks_personal(key)


@pytest.mark.parametrize("key", [*INDICATOR_BY_KEY, "organization", "by_form", "note", "year"])
def test_indicator_keys_do_not_look_personal(key: str) -> None:
    assert not looks_personal(key)


def test_wrong_figures_get_russian_messages(tmp_path: Path) -> None:
    lines = problems_of(
        tmp_path,
        """\
        sample: true
        years:
          - year: 2022/2024
            mentors: 1.5
            learners_involved: 120
          - year: "2023"
          - year: 2021/2022
            by_form:
              - form: ucenik-uchenik
        targets:
          - indicator: learners_involved
            value: 170
            source: Пример
        """,
    )
    assert lines == [
        "content/indicators.yaml:4: поле «mentors»: ожидается целое число, а указано: «1.5»",
        "content/indicators.yaml:5: поле «learners_involved»: ожидается доля в процентах "
        "от 0 до 100, например 42 или 42.5 (без знака %)",
        "content/indicators.yaml:6: поле «year»: учебный год записывается так: 2022/2023 "
        "(в кавычках не нуждается)",
    ]


def test_model_checks_after_schema(tmp_path: Path) -> None:
    lines = problems_of(
        tmp_path,
        """\
        years:
          - year: 2022/2024
          - year: 2021/2022
            by_form:
              - form: ucenik-uchenik
          - year: 2021/2022
        targets:
          - indicator: learners_involved
            value: 170
            source: Пример
        """,
    )
    assert lines == [
        "content/indicators.yaml:2: поле «year»: учебный год «2022/2024» должен охватывать "
        "два соседних года, например 2022/2023",
        "content/indicators.yaml:5: поле «form»: формы «ucenik-uchenik» нет в "
        "content/forms.yaml; возможно, имелось в виду «uchenik-uchenik»; допустимые значения: "
        "uchenik-uchenik, pedagog-pedagog",
        "content/indicators.yaml:6: поле «year»: 2021/2022 учебный год уже описан в строке 3; "
        "оставьте одну запись",
        "content/indicators.yaml:9: поле «value»: доля не может быть больше 100 %, а указано 170",
    ]


def test_school_year_outside_the_years_of_the_site(tmp_path: Path) -> None:
    lines = problems_of(
        tmp_path,
        """\
        years:
          - year: 9998/9999
        """,
    )
    assert lines == [
        "content/indicators.yaml:2: поле «year»: год в «9998/9999» вне допустимых пределов: "
        "даты на сайте — с 1990 по 2100 год; проверьте год",
    ]


def test_schema_describes_exactly_the_known_indicators() -> None:
    schema = load_schema("indicators")
    year_fields = set(schema["$defs"]["year"]["properties"])
    assert year_fields == {*INDICATOR_BY_KEY, "year", "note", "by_organization", "by_form"}
    target_enum = schema["$defs"]["target"]["properties"]["indicator"]["enum"]
    assert target_enum == [i.key for i in INDICATORS]
    for name, extra in (("organization_figures", "organization"), ("form_figures", "form")):
        assert set(schema["$defs"][name]["properties"]) == {*BREAKDOWN_KEYS, extra}


def test_every_schema_field_has_a_russian_description() -> None:
    def walk(node):
        if isinstance(node, dict):
            for name, field in node.get("properties", {}).items():
                assert field.get("description"), name
            for child in node.values():
                walk(child)

    walk(load_schema("indicators"))


@pytest.mark.parametrize(
    ("key", "before", "after", "text"),
    [
        ("pairs", 18, 30, "+12 пар наставничества"),
        ("pairs", 30, 29, "−1 пара наставничества"),
        ("mentors", 10, 13, "+3 наставника"),
        ("mentees", 5, 5, "без изменений"),
        ("young_teachers_supported", Decimal("50"), Decimal("42.5"), "−7,5\u00a0п.\u00a0п."),
    ],
)
def test_change_text(key: str, before, after, text: str) -> None:
    assert Change(INDICATOR_BY_KEY[key], before, after).text == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (7, "7"),
        (1250, "1250"),
        (12500, "12\u00a0500"),
        (Decimal("42.50"), "42,5"),
        (Decimal("70.0"), "70"),
    ],
)
def test_format_number(value, text: str) -> None:
    assert format_number(value) == text
