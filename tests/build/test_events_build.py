"""Builds of a tiny site with event announcements (content/events/), good and bad."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.helpers import FIXTURES, build_site, make_site

ORGANIZATIONS = """\
organizations:
  - id: cro
    name: Центр развития образования
    short_name: ЦРО
    kind: ЦРО
"""
# The build date of the tests is 27.11.2025 (tests/helpers.py FIXED_EPOCH).
PAST = """\
---
title: Семинар кураторов
summary: Семинар для кураторов программ наставничества.
start: "2021-11-19 10:00"
end: "2021-11-19 12:30"
place: онлайн
audience: кураторы школ
organizer: cro
plan: ["2.1"]
report: 2021-11-20-seminar
---

Программа семинара.
"""
UPCOMING = """\
---
title: Встреча наставников
summary: Встреча наставников молодых педагогов.
start: "2026-01-15 15:00"
end: "2026-01-15 17:00"
place: Дубна, ул. Школьная, 1
audience: наставники
organizer: cro
registration: https://example.org/reg
---

О встрече.
"""


def make_events_site(tmp_path: Path, **events: str) -> Path:
    project = make_site(tmp_path)
    shutil.copytree(FIXTURES / "publications", project, dirs_exist_ok=True)
    (project / "content" / "organizations.yaml").write_text(ORGANIZATIONS, "utf-8")
    folder = project / "content" / "events"
    folder.mkdir()
    for name, text in events.items():
        (folder / f"{name}.md").write_text(text, "utf-8")
    index = project / "docs" / "index.md"
    index.write_text(index.read_text("utf-8") + "\n<!-- include: home-kinds -->\n", "utf-8")
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = make_events_site(
        tmp_path_factory.mktemp("events"),
        **{"2021-11-19-seminar": PAST, "2026-01-15-vstrecha": UPCOMING},
    )
    with pytest.MonkeyPatch.context() as monkeypatch:
        result = build_site(project, monkeypatch)
    assert result.ok, result.errors
    return result


def test_the_build_is_clean(built):
    assert built.errors == [] and built.warnings == []


def test_events_are_upcoming_or_past_by_the_build_date(built):
    html = built.page("events/")
    upcoming, past = html.split('id="predstoiashchie"')[1].split('id="proshedshie"')
    assert "Встреча наставников" in upcoming and "Семинар кураторов" not in upcoming
    assert "Семинар кураторов" in past and "Встреча наставников" not in past


def test_event_page(built):
    html = built.page("events/vstrecha/")
    assert '<time datetime="2026-01-15T15:00:00+03:00">15 января 2026 г., 15:00</time>' in html
    assert "Дубна, ул. Школьная, 1" in html and "Центр развития образования" in html
    assert '<a href="https://example.org/reg" rel="noopener">Зарегистрироваться</a>' in html
    past = built.page("events/seminar/")
    assert "Зарегистрироваться" not in past and "Онлайн" in past
    assert '<a href="../../news/2021/seminar/">Семинар для кураторов</a>' in past


def test_calendars(built):
    whole = Calendar.from_ical((built.site_dir / "events" / "events.ics").read_bytes())
    starts = {str(e["summary"]): e.decoded("dtstart").isoformat() for e in whole.walk("VEVENT")}
    assert starts == {
        "Семинар кураторов": "2021-11-19T07:00:00+00:00",
        "Встреча наставников": "2026-01-15T12:00:00+00:00",
    }
    one = Calendar.from_ical((built.site_dir / "events" / "vstrecha.ics").read_bytes())
    assert [str(e["url"]) for e in one.walk("VEVENT")] == ["https://example.org/reg"]


def test_home_page_shows_the_nearest_upcoming(built):
    html = built.page("")
    assert "Ближайшие мероприятия" in html and "Встреча наставников" in html
    assert "Семинар кураторов" not in html


def test_a_past_event_with_a_report_is_evidence_for_its_activities(built):
    assert 'href="../events/seminar/"' in built.page("plan/")


BAD_CASES = {
    "end-before-start": (
        UPCOMING.replace('end: "2026-01-15 17:00"', 'end: "2026-01-15 14:00"'),
        "content/events/2026-01-15-vstrecha.md:5: поле «end»: окончание (2026-01-15 14:00) "
        "раньше начала (2026-01-15 15:00); исправьте одно из них",
    ),
    "unknown-organisation": (
        UPCOMING.replace("organizer: cro", "organizer: crо-dubna"),
        "content/events/2026-01-15-vstrecha.md:8: поле «organizer»: неизвестная организация "
        "«crо-dubna»; известные организации: cro; организации и их id перечислены в "
        "content/organizations.yaml, новую организацию добавьте туда",
    ),
    "registration-not-http": (
        UPCOMING.replace("https://example.org/reg", "javascript:alert(1)"),
        "content/events/2026-01-15-vstrecha.md:9: поле «registration»: ссылка на регистрацию "
        "— адрес, начинающийся с https:// или http://",
    ),
}


@pytest.mark.parametrize("case", BAD_CASES, ids=str)
def test_bad_events_are_refused_with_the_file_line_and_field(tmp_path, monkeypatch, case):
    text, message = BAD_CASES[case]
    project = make_events_site(tmp_path, **{"2026-01-15-vstrecha": text})
    result = build_site(project, monkeypatch)
    assert not result.ok
    assert result.errors == [message]


def test_an_event_text_passes_the_same_allowlist_as_other_entries(tmp_path, monkeypatch):
    text = UPCOMING.replace("О встрече.", 'О встрече <img src="x" onerror="alert(1)">.')
    project = make_events_site(tmp_path, **{"2026-01-15-vstrecha": text})
    result = build_site(project, monkeypatch)
    assert not result.ok
    assert result.errors == [
        "content/events/2026-01-15-vstrecha.md:12: атрибут «onerror» у «<img>» в тексте анонса "
        "мероприятия запускает скрипт, а сайт не выполняет чужой код; уберите его"
    ]
