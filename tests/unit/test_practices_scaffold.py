"""What methodists get: the new-practice scaffold, the CLI, and field tables from schemas."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from mentoring.__main__ import main
from mentoring.content import load_content
from mentoring.errors import ContentError, Problems
from mentoring.newpractice import EntryExists, create_practice, entry_text
from mentoring.schema import load_schema
from mentoring.schemadoc import schema_fields
from mentoring.yamlsource import split_front_matter
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


def test_existing_practice_is_not_overwritten(content_dir: Path) -> None:
    with pytest.raises(EntryExists, match="folder-practice"):
        create_practice(content_dir, "Folder practice", DAY, (), ())
    with pytest.raises(ValueError, match="нужны буквы или цифры"):
        create_practice(content_dir, "!!!", DAY, (), ())


def test_a_title_too_long_for_a_file_name_is_explained_not_oserror(content_dir: Path) -> None:
    with pytest.raises(ValueError) as refused:
        create_practice(content_dir, "Щука " * 60, DAY, (), ())
    assert str(refused.value) == (
        "имя файла из названия «shchuka-shchuka-shchuka-shchuka-shchuka…» длиннее, чем "
        "допускает файловая система: 482 байт, а можно не больше 255 (русская буква — 2 байта); "
        "сократите название"
    )


def test_cli_new_practice_asks_for_the_title(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764201600")
    monkeypatch.setattr("builtins.input", lambda prompt: "Клуб наставников")
    assert main(["new-practice", str(content_dir)]) == 0
    file = content_dir / "practices" / "klub-nastavnikov.md"
    assert f"Создан файл {file.as_posix()}." in capsys.readouterr().out
    assert "date: 2025-11-27" in file.read_text("utf-8")
    assert main(["new-practice", "--title", "Клуб наставников", str(content_dir)]) == 1
    assert "Практика не создана: практика с таким именем уже есть" in capsys.readouterr().err


def test_cli_check_counts_the_practices(
    content_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(content_dir)]) == 0
    assert capsys.readouterr().out == (
        "Содержимое в порядке: в плане 2 мероприятия; публикуется: 0 новостей, 0 документов, "
        "0 материалов, 3 практики.\n"
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
