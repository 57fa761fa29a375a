"""What methodists get: the scaffolds of new entries, the CLI, and field tables from schemas."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from mentoring.__main__ import main
from mentoring.content import load_content
from mentoring.core.errors import ContentError, Problems
from mentoring.core.schema import load_schema
from mentoring.core.schemadoc import schema_fields
from mentoring.core.yamlsource import split_front_matter
from mentoring.kinds.newentry import (
    create_document,
    create_event,
    create_news,
    create_practice,
    entry_text,
    event_text,
)
from tests.helpers import make_site

DAY = dt.date(2025, 11, 27)


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    return make_site(tmp_path, "minimal", "practices") / "content"


def test_scaffold_is_valid_front_matter_and_keeps_any_title() -> None:
    title = 'Клуб "молодого" педагога <script>\\'
    found = Problems()
    data, body, _ = split_front_matter(entry_text(title, DAY, (), ()), "x.md", found)
    assert not found
    assert data["title"] == title
    assert data["date"] == "2025-11-27"
    assert "## Цель и задачи" in body and "## Ресурсы" in body


def test_scaffold_explains_every_field_of_the_schema() -> None:
    text = entry_text("Практика", DAY, (), ())
    names = {field.name for field in schema_fields("practice")}
    missing = [name for name in sorted(names) if not re.search(rf"^#?\s*-?\s*{name}:", text, re.M)]
    assert missing == []


def test_scaffold_lists_the_ids_authors_may_use(content_dir: Path) -> None:
    content = load_content(content_dir)
    text = entry_text("Практика", DAY, content.forms, content.organizations)
    assert "#   pedagog-pedagog — педагог – педагог" in text
    assert "#   school-2 — Тестовая школа № 2" in text


def test_created_practice_fails_check_until_filled_in(content_dir: Path) -> None:
    content = load_content(content_dir)
    file = create_practice(content_dir, "  Новая  практика ", DAY, content.forms, ())
    assert file == content_dir / "practices" / "novaia-praktika.md"
    text = file.read_text("utf-8")
    assert 'title: "Новая практика"' in text
    with pytest.raises(ContentError, match="Найдено ошибок в содержимом: 3"):
        load_content(content_dir)
    text = text.replace("organization:\n", "organization: school-1\n", 1)
    text = text.replace("forms: []", "forms: [pedagog-pedagog]", 1)
    text = text.replace("summary: >-\n  \n", "summary: >-\n  Кратко.\n", 1)
    file.write_text(text, "utf-8")
    created = next(p for p in load_content(content_dir).practices if p.slug == "novaia-praktika")
    assert created.date == DAY and created.summary == "Кратко."


def test_a_new_practice_never_takes_the_address_of_an_existing_one(content_dir: Path) -> None:
    folder = content_dir / "practices"
    # «Клуб молодого педагога.md» is a sample whose address is klub-molodogo-pedagoga.
    first = create_practice(content_dir, "Клуб молодого педагога", DAY, (), ())
    second = create_practice(content_dir, "Клуб молодого педагога", DAY, (), ())
    beside_folder = create_practice(content_dir, "Folder practice", DAY, (), ())

    assert first == folder / "klub-molodogo-pedagoga-2.md"
    assert second == folder / "klub-molodogo-pedagoga-3.md"
    assert beside_folder == folder / "folder-practice-2.md"
    with pytest.raises(ValueError, match="нужны буквы или цифры"):
        create_practice(content_dir, "!!!", DAY, (), ())


def test_a_practice_with_files_is_a_folder_with_the_files_beside_it(
    content_dir: Path, tmp_path: Path
) -> None:
    programme = tmp_path / "Программа клуба.pdf"
    programme.write_bytes(b"%PDF-1.4\n")
    photo = tmp_path / "foto.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n")

    file = create_practice(content_dir, "Клуб", DAY, (), (), [programme, photo])

    assert file == content_dir / "practices" / "klub" / "index.md"
    assert sorted(p.name for p in file.parent.iterdir()) == [
        "foto.png",
        "index.md",
        "Программа-клуба.pdf",
    ]
    data, _, _ = split_front_matter(file.read_text("utf-8"), "x.md", Problems())
    assert data["attachments"] == [{"file": "Программа-клуба.pdf", "title": None}]
    assert data["cover"] == {"file": "foto.png", "alt": None}
    script = tmp_path / "run.exe"
    script.write_bytes(b"MZ")
    with pytest.raises(ValueError, match=r"run\.exe: такой тип не публикуется"):
        create_practice(content_dir, "Клуб", DAY, (), (), [script])


def test_a_new_news_item_is_checked_and_never_takes_an_existing_name(
    tmp_path: Path,
) -> None:
    content_dir = make_site(tmp_path, "minimal", "publications") / "content"
    existing = sorted((content_dir / "news").glob("*.md"))[0]
    title_of_existing = existing.stem[11:]  # ГГГГ-ММ-ДД-<name>
    photo = tmp_path / "фото семинара.jpg"
    photo.write_bytes(b"\xff\xd8\xff")

    file = create_news(content_dir, title_of_existing, DAY, photo)

    assert file.name == f"2025-11-27-{title_of_existing}-2.md"
    assert (content_dir / "news" / "images" / "фото-семинара.jpg").is_file()
    with pytest.raises(ContentError) as caught:
        load_content(content_dir)
    assert {(p.path, p.field) for p in caught.value.problems} == {
        (f"content/news/{file.name}", "alt"),
        (f"content/news/{file.name}", "summary"),
    }


def test_a_new_document_is_appended_with_a_free_id(tmp_path: Path) -> None:
    content_dir = make_site(tmp_path, "minimal", "publications") / "content"
    scan = tmp_path / "prikaz.pdf"
    scan.write_bytes(b"%PDF-1.4\n")
    before = (content_dir / "documents.yaml").read_text("utf-8")

    source, first = create_document(content_dir, "Приказ о наставничестве", DAY, scan)
    _, second = create_document(content_dir, "Приказ о наставничестве", DAY)

    assert (first, second) == ("prikaz-o-nastavnichestve", "prikaz-o-nastavnichestve-2")
    assert source.read_text("utf-8").startswith(before)
    assert (content_dir / "documents" / "2025" / "prikaz.pdf").is_file()
    with pytest.raises(ContentError) as caught:
        load_content(content_dir)
    fields = {(p.field, p.message.split(";")[0]) for p in caught.value.problems}
    assert {field for field, _ in fields} == {"kind", "level", "issuer"}


def test_the_event_scaffold_explains_every_field_and_lists_organizers(
    content_dir: Path,
) -> None:
    text = event_text("Семинар", DAY, load_content(content_dir).organizations)
    names = {field.name for field in schema_fields("events")}
    missing = [name for name in sorted(names) if not re.search(rf"^#?\s*{name}:", text, re.M)]
    assert missing == []
    assert "#   school-2 — Тестовая школа № 2" in text


def test_a_new_event_is_named_by_its_day_and_fails_check_until_filled_in(
    content_dir: Path,
) -> None:
    organizations = load_content(content_dir).organizations
    day = dt.date(2026, 12, 10)

    first = create_event(content_dir, "Семинар кураторов", day, organizations)
    second = create_event(content_dir, "Семинар кураторов", day, organizations)

    assert [first.name, second.name] == [
        "2026-12-10-seminar-kuratorov.md",
        "2026-12-10-seminar-kuratorov-2.md",
    ]
    second.unlink()
    with pytest.raises(ContentError) as caught:
        load_content(content_dir)
    assert sorted(p.field or "" for p in caught.value.problems) == [
        "audience", "end", "organizer", "place", "start", "summary",
    ]  # fmt: skip
    fill_in_event(first, start='"2026-12-10 15:00"', end='"2026-12-10 17:00"')
    (event,) = load_content(content_dir).kinds["events"]
    assert (event.slug, event.title, event.summary) == (
        "seminar-kuratorov",
        "Семинар кураторов",
        "Кратко.",
    )
    assert event.start.isoformat() == "2026-12-10T15:00:00+03:00"


def fill_in_event(file: Path, *, start: str, end: str) -> None:
    """Fill in what `make event` leaves to the author, ``start`` and ``end`` as written."""
    text = file.read_text("utf-8")
    for empty, filled in (
        ("summary: >-\n  \n", "summary: >-\n  Кратко.\n"),
        ('start: "2026-12-10 ЧЧ:ММ"', f"start: {start}"),
        ('end: "2026-12-10 ЧЧ:ММ"', f"end: {end}"),
        ("place:\n", "place: онлайн\n"),
        ("audience:\n", "audience: кураторы\n"),
        ("organizer:\n", "organizer: school-1\n"),
    ):
        assert empty in text
        text = text.replace(empty, filled, 1)
    file.write_text(text, "utf-8")


@pytest.mark.parametrize(
    "quote", ['"', "'", ""], ids=["in quotes (the guide)", "in single quotes", "plain (the editor)"]
)
def test_an_event_time_reads_the_same_with_or_without_quotes(content_dir: Path, quote: str) -> None:
    """The web editor writes ``start: 2026-12-10 15:00`` without quotes: the loader reads no
    timestamps at all (mentoring/core/yamlsource.py), so it is the same text."""
    organizations = load_content(content_dir).organizations
    file = create_event(content_dir, "Семинар", dt.date(2026, 12, 10), organizations)
    fill_in_event(file, start=f"{quote}2026-12-10 15:00{quote}", end="2026-12-10 17:00")

    (event,) = load_content(content_dir).kinds["events"]

    assert (event.start.isoformat(), event.end.isoformat()) == (
        "2026-12-10T15:00:00+03:00",
        "2026-12-10T17:00:00+03:00",
    )


def test_an_event_time_with_seconds_is_refused_as_text_not_read_as_a_timestamp(
    content_dir: Path,
) -> None:
    organizations = load_content(content_dir).organizations
    file = create_event(content_dir, "Семинар", dt.date(2026, 12, 10), organizations)
    fill_in_event(file, start="2026-12-10 15:00:00", end="2026-12-10 17:00")

    with pytest.raises(ContentError) as caught:
        load_content(content_dir)

    assert [str(problem) for problem in caught.value.problems] == [
        "content/events/2026-12-10-seminar.md:16: поле «start»: ожидаются дата и время по "
        "Москве в виде ГГГГ-ММ-ДД ЧЧ:ММ, например 2026-12-10 15:00"
    ]


def test_cli_new_event_takes_its_day_or_says_how_to_give_it(
    content_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["new-event", "--title", "Встреча", str(content_dir)]
    assert main([*args[:3], "--date", "2026-12-10", args[3]]) == 0
    assert (content_dir / "events" / "2026-12-10-vstrecha.md").is_file()
    assert "время в start и end" in capsys.readouterr().out
    assert main([*args[:3], "--date", "10.12.2026", args[3]]) == 1
    assert capsys.readouterr().err == "Не создано: дата «10.12.2026» не в виде ГГГГ-ММ-ДД\n"

    def no_terminal(prompt: str) -> str:
        raise EOFError

    monkeypatch.setattr("builtins.input", no_terminal)
    assert main(args) == 1
    assert capsys.readouterr().err == (
        'Укажите день мероприятия: make event TITLE="Встреча" DATE=ГГГГ-ММ-ДД\n'
    )


def test_a_title_too_long_for_a_file_name_is_explained_not_oserror(content_dir: Path) -> None:
    with pytest.raises(ValueError) as refused:
        create_practice(content_dir, "Щука " * 60, DAY, (), ())
    assert str(refused.value) == (
        "имя файла из названия «shchuka-shchuka-shchuka-shchuka-shchuka…» длиннее, чем "
        "допускает файловая система: 482 байт, а можно не больше 255 (русская буква — 2 байта); "
        "сократите название"
    )


def test_cli_new_entry_asks_for_the_title(
    content_dir: Path,
    fixed_epoch: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("builtins.input", lambda prompt: "Клуб наставников")
    assert main(["new-practice", str(content_dir)]) == 0
    file = content_dir / "practices" / "klub-nastavnikov.md"
    assert f"Готово: {file.as_posix()}." in capsys.readouterr().out
    assert "date: 2025-11-27" in file.read_text("utf-8")
    assert main(["new-news", "--title", "Семинар", str(content_dir)]) == 0
    assert (content_dir / "news" / "2025-11-27-seminar.md").is_file()
    assert (
        main(["new-news", "--title", "Семинар", "--files", "a.jpg", "b.jpg", str(content_dir)]) == 1
    )
    assert "прикладывается один файл" in capsys.readouterr().err


def test_cli_check_counts_the_practices(
    content_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(content_dir)]) == 0
    assert capsys.readouterr().out == (
        "Содержимое в порядке: в плане 2 мероприятия; публикуется: 0 новостей, 0 документов, "
        "0 материалов, 3 практики, 0 анонсов мероприятий.\n"
        "Пока нечего публиковать в разделах: Новости, Материалы, "
        "Мониторинг: показатели (на их страницах сказано, что записей пока нет).\n"
    )


def test_field_tables_follow_the_schemas() -> None:
    fields = {field.path: field for field in schema_fields("practice")}
    assert list(fields)[:5] == [("title",), ("organization",), ("forms",), ("date",), ("summary",)]
    assert fields["authors", "consent"].kind == "true или false"
    assert not fields["authors", "consent"].required
    assert fields["cover", "alt"].required and fields["cover", "alt"].depth == 1
    assert fields["date",].kind == "дата ГГГГ-ММ-ДД"
    top = {path[0] for path in fields}
    assert top == set(load_schema("practice")["properties"])


def test_field_tables_of_list_files_describe_their_items() -> None:
    assert [f.name for f in schema_fields("organizations")] == [
        "id", "name", "short_name", "kind", "url", "sample",
    ]  # fmt: skip
    site = {field.path for field in schema_fields("site")}
    assert ("organization", "abbr") in site  # a $ref is followed
