"""Every schedule form of the approved plan, read from YAML and written in Russian."""

from __future__ import annotations

import datetime as dt

import pytest

from mentoring.schedule import PlanPeriod, parse_schedule

PERIOD = PlanPeriod(dt.date(2021, 10, 4), dt.date(2024, 12, 31))


@pytest.mark.parametrize(
    ("raw", "text", "window", "exact"),
    [
        (
            {"from": "2021-10-04", "to": "2021-10-09"},
            "04.10.2021 – 09.10.2021",
            ("2021-10-04", "2021-10-09"),
            True,
        ),
        (
            {"from": "2021-10-07", "to": "2024-12-25"},
            "07.10.2021 – 25.12.2024",
            ("2021-10-07", "2024-12-25"),
            True,
        ),
        (
            {"from": "2021-11", "to": "2024-04"},
            "ноябрь 2021 – апрель 2024",
            ("2021-11-01", "2024-04-30"),
            True,
        ),
        ({"until": "2022-12"}, "до декабря 2022 г.", ("2021-10-04", "2022-11-30"), False),
        ({"until": "2022-01-15"}, "до 15.01.2022", ("2021-10-04", "2022-01-15"), False),
        (
            {"until": "2022-01-15", "then": "yearly"},
            "до 15.01.2022, далее ежегодно",
            ("2021-10-04", "2024-12-31"),
            False,
        ),
        (
            {"months": ["2021-12", "2022-12", "2023-12"]},
            "декабрь 2021, 2022 и 2023 гг.",
            ("2021-12-01", "2023-12-31"),
            False,
        ),
        ({"months": ["2022-05"]}, "май 2022 г.", ("2022-05-01", "2022-05-31"), False),
        (
            {"months": ["2021-12", "2022-05"]},
            "декабрь 2021 г. и май 2022 г.",
            ("2021-12-01", "2022-05-31"),
            False,
        ),
        ("yearly", "ежегодно", ("2021-10-04", "2024-12-31"), False),
        ("throughout", "в течение периода", ("2021-10-04", "2024-12-31"), False),
    ],
)
def test_schedule_forms(raw, text, window, exact):
    schedule = parse_schedule(raw)

    assert schedule.text() == text
    found = schedule.window(PERIOD)
    assert (found.start.isoformat(), found.end.isoformat()) == window
    assert found.exact is exact


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            {"from": "2022-02-31", "to": "2022-03-01"},
            "такой даты нет: 31.02.2022 (в этом месяце 28 дн.)",
        ),
        (
            {"from": "2024-02-30", "to": "2024-03-01"},
            "такой даты нет: 30.02.2024 (в этом месяце 29 дн.)",
        ),
        ({"until": "2022-13"}, "такого месяца нет: «2022-13» (месяц — число от 01 до 12)"),
        (
            {"from": "2021-10-10", "to": "2021-10-09"},
            "окончание (09.10.2021) раньше начала (10.10.2021)",
        ),
        (
            {"from": "2024-04", "to": "2021-11"},
            "окончание (ноябрь 2021) раньше начала (апрель 2024)",
        ),
        (
            {"from": "2021-10", "to": "2021-10-09"},
            "начало и окончание записаны по-разному: укажите оба как даты (ГГГГ-ММ-ДД) "
            "или оба как месяцы (ГГГГ-ММ)",
        ),
        ({"months": ["2022-12", "2021-12"]}, "месяцы нужно перечислить по порядку и без повторов"),
        ({"months": ["2021-12", "2021-12"]}, "месяцы нужно перечислить по порядку и без повторов"),
    ],
)
def test_impossible_schedules_are_explained(raw, message):
    with pytest.raises(ValueError) as error:
        parse_schedule(raw)

    assert str(error.value) == message
