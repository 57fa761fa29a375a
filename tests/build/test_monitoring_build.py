"""Builds of the tiny fixture: the monitoring page, the plan exports, refused personal data."""

from __future__ import annotations

import csv
import io
import textwrap
from pathlib import Path

import openpyxl
from icalendar import Calendar

from tests.helpers import build_site, make_site

FIGURES = """\
    sample: true
    years:
      - year: 2022/2023
        pairs: 10
        learners_involved: "20.5"
      - year: 2023/2024
        pairs: 22
        learners_involved: 30
        by_form:
          - form: pedagog-pedagog
            pairs: 4
    targets:
      - indicator: learners_involved
        value: 70
        by: 2024
        source: Пример источника
    """


def with_indicators(tmp_path: Path, text: str) -> Path:
    project = make_site(tmp_path)
    (project / "content" / "indicators.yaml").write_text(textwrap.dedent(text), "utf-8")
    return project


def test_without_indicators_the_page_still_shows_the_plan(tmp_path: Path, monkeypatch) -> None:
    result = build_site(make_site(tmp_path), monkeypatch)
    assert result.ok, result.errors
    html = result.page("monitoring/")
    assert '<p class="monitoring-empty">Показатели пока не опубликованы.</p>' in html
    assert "content/indicators.yaml" not in html  # the public is not told about files
    assert 'role="img"' in html  # the timeline
    assert 'href="../plan/#activity-1-1-1"' in html
    assert "Дата сборки 27.11.2025 — позже окончания плана →" in html


def test_figures_become_charts_and_a_summary(tmp_path: Path, monkeypatch) -> None:
    result = build_site(with_indicators(tmp_path, FIGURES), monkeypatch)
    assert result.ok, result.errors
    html = result.page("monitoring/")
    assert "<strong>+12 пар наставничества</strong>: было 10, стало 22" in html
    assert "<strong>+9,5\u00a0п.\u00a0п.</strong>" in html
    assert "Цель: 70\u00a0% к 2024 г." in html
    assert "Точная формулировка не сверена с первоисточником." in html
    assert "Образец оформления" in html
    assert "По формам наставничества, 2023/2024 учебный год" in html
    assert html.count('role="img"') == 4  # pairs, learners, the form breakdown, the timeline


def test_samples_are_hidden_when_the_site_hides_samples(tmp_path: Path, monkeypatch) -> None:
    project = with_indicators(tmp_path, FIGURES)
    site = project / "content" / "site.yaml"
    site.write_text(site.read_text("utf-8") + "show_samples: false\n", "utf-8")
    result = build_site(project, monkeypatch)
    assert result.ok, result.errors
    html = result.page("monitoring/")
    assert '<p class="monitoring-empty">Показатели пока не опубликованы.</p>' in html
    assert "образец" not in html.lower()
    assert "пар наставничества" not in html


def test_personal_field_stops_the_build_with_file_and_line(tmp_path: Path, monkeypatch) -> None:
    project = with_indicators(
        tmp_path,
        """\
        years:
          - year: 2022/2023
            pairs: 10
            by_organization:
              - organization: Школа
                фио_наставника: Петров П. П.
        """,
    )
    result = build_site(project, monkeypatch)
    assert not result.ok
    assert result.errors == [
        "content/indicators.yaml:6: поле «фио_наставника»: личные данные не публикуются: "
        "по 152-ФЗ база наставников и наставляемых публикуется только в виде обобщённых чисел "
        "(сколько наставников, пар, какая доля), без имён, дат рождения, телефонов, адресов, "
        "СНИЛС и других сведений о людях; удалите это поле"
    ]
    assert result.abort_message == (
        "Содержимое не прошло проверку: 1 ошибка. Исправьте и повторите сборку."
    )


def test_exports_are_published_and_linked_from_the_plan(tmp_path: Path, monkeypatch) -> None:
    result = build_site(make_site(tmp_path), monkeypatch)
    assert result.ok, result.errors
    plan_dir = result.site_dir / "plan"
    text = (plan_dir / "plan.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert [row[2] for row in rows[1:]] == ["1.1.1", "2.1"]
    assert rows[1][6] == "УО, ЦРО"
    sheet = openpyxl.load_workbook(plan_dir / "plan.xlsx").active
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["1.1.1", "2.1"]
    feed = Calendar.from_ical((plan_dir / "plan.ics").read_bytes())
    assert [str(e["uid"]) for e in feed.walk("VEVENT")] == ["activity-1-1-1@mentoring-plan.invalid"]

    plan = result.page("plan/")
    for name in ("plan.csv", "plan.xlsx", "plan.ics"):
        assert f'href="{name}"' in plan
    assert (
        "Мероприятия без конкретной даты («ежегодно», «в течение периода») в календарь "
        'не включены (1 мероприятие): <a href="#activity-2-1">2.1</a>.'
    ) in plan


def test_site_url_reaches_the_calendar(tmp_path: Path, monkeypatch) -> None:
    result = build_site(make_site(tmp_path), monkeypatch, site_url="https://cro.example.org/")
    assert result.ok, result.errors
    feed = Calendar.from_ical((result.site_dir / "plan" / "plan.ics").read_bytes())
    event = feed.walk("VEVENT")[0]
    assert str(event["uid"]) == "activity-1-1-1@cro.example.org"
    assert str(event["url"]) == "https://cro.example.org/plan/#activity-1-1-1"
