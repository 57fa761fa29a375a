"""Hostile sources that reach MkDocs: links under docs/, disguised files, control
characters, alias bombs and workflow commands in author text. Each fails the build with
an exact Russian message, never a traceback, and publishes nothing it should not."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, build_site, make_site, sample_bytes

SUMMARY = "Содержимое не прошло проверку: 1 ошибка. Исправьте и повторите сборку."


def publications_site(tmp_path: Path) -> Path:
    project = make_site(tmp_path)
    shutil.copytree(FIXTURES / "publications", project, dirs_exist_ok=True)
    return project


def test_a_symbolic_link_under_docs_stops_the_build_before_it_is_copied(tmp_path, monkeypatch):
    project = make_site(tmp_path)
    (project / "docs" / "config.md").symlink_to(project / "mkdocs.yml")
    (project / "docs" / "secrets").symlink_to("/etc", target_is_directory=True)

    result = build_site(project, monkeypatch)

    assert not result.ok
    assert result.errors == [
        f"docs/config.md: это символическая ссылка на «{project / 'mkdocs.yml'}»: сайт "
        "опубликовал бы то, на что она указывает; положите на её место сам файл или папку",
        "docs/secrets: это символическая ссылка на «/etc»: сайт опубликовал бы то, на что "
        "она указывает; положите на её место сам файл или папку",
    ]
    assert not (project / "site" / "secrets").exists()


def test_a_symbolic_link_under_content_stops_the_build(tmp_path, monkeypatch):
    project = publications_site(tmp_path)
    document = project / "content" / "documents" / "prikaz-1.pdf"
    document.unlink()
    document.symlink_to("/etc/passwd")

    result = build_site(project, monkeypatch)

    assert (result.ok, result.abort_message) == (False, SUMMARY)
    assert result.errors == [
        "content/documents/prikaz-1.pdf: это символическая ссылка на «/etc/passwd»: сайт "
        "опубликовал бы то, на что она указывает; положите на её место сам файл или папку"
    ]


def test_a_windows_program_named_pdf_is_not_published(tmp_path, monkeypatch):
    project = publications_site(tmp_path)
    (project / "content" / "documents" / "prikaz-1.pdf").write_bytes(b"MZ\x90\x00" + b"\0" * 60)

    result = build_site(project, monkeypatch)

    assert (result.ok, result.abort_message) == (False, SUMMARY)
    (error,) = result.errors
    assert error.startswith("content/documents.yaml:")
    assert error.endswith(
        "поле «file»: файл content/documents/prikaz-1.pdf по содержимому не PDF, хотя назван "
        "«.pdf»; по первым байтам он похож на программу Windows; откройте его и сохраните "
        "заново в формате PDF"
    )


def test_a_windows_program_named_png_under_docs_is_not_published(tmp_path, monkeypatch):
    project = make_site(tmp_path)
    (project / "docs" / "img").mkdir()
    (project / "docs" / "img" / "photo.png").write_bytes(b"MZ\x90\x00" + b"\0" * 60)

    result = build_site(project, monkeypatch)

    assert (result.ok, result.abort_message) == (False, SUMMARY)
    assert result.errors == [
        "docs/img/photo.png: файл docs/img/photo.png по содержимому не PNG, хотя назван "
        "«.png»; по первым байтам он похож на программу Windows; откройте его и сохраните "
        "заново в формате PNG"
    ]
    assert not (project / "site" / "img" / "photo.png").exists()


def test_a_file_of_another_type_under_docs_is_refused_but_not_what_mkdocs_leaves_out(
    tmp_path, monkeypatch
):
    project = make_site(tmp_path)
    docs = project / "docs"
    (docs / "widget.html").write_text("<script>alert(1)</script>\n", "utf-8")
    # MkDocs would render it as a page, past the allowlist that checks *.md pages.
    (docs / "old.markdown").write_text("# Старое\n\n<script>alert(1)</script>\n", "utf-8")
    (docs / "photo.png").write_bytes(sample_bytes("png"))
    (docs / ".hidden").mkdir()
    (docs / ".hidden" / "notes.txt").write_text("не публикуется\n", "utf-8")
    (docs / "templates").mkdir()
    (docs / "templates" / "base.txt").write_text("не публикуется\n", "utf-8")

    result = build_site(project, monkeypatch)

    assert not result.ok
    assert result.abort_message == SUMMARY.replace("1 ошибка", "2 ошибки")
    allowed = "допустимые типы: pdf, doc, docx, odt, xls, xlsx, ods, ppt, pptx, odp, jpg, png"
    assert result.errors == [
        f"docs/old.markdown: тип файла «.markdown» не подходит; {allowed}; "
        "сохраните файл в одном из них",
        f"docs/widget.html: тип файла «.html» не подходит; {allowed}; "
        "сохраните файл в одном из них",
    ]
    assert not (project / "site" / "widget.html").exists()


def test_control_characters_in_a_news_body_fail_with_their_line(tmp_path, monkeypatch):
    project = publications_site(tmp_path)
    news = project / "content" / "news" / "2021-11-20-seminar.md"
    news.write_text(news.read_text("utf-8") + "\nВторой\u202eабзац.\x0c\n", "utf-8")

    result = build_site(project, monkeypatch)

    assert not result.ok
    assert result.errors == [
        "content/news/2021-11-20-seminar.md:11: недопустимый служебный символ U+202E; "
        "удалите его из файла"
    ]


def test_control_characters_in_a_hand_written_page_fail_with_their_line(tmp_path, monkeypatch):
    project = make_site(tmp_path)
    (project / "docs" / "about.md").write_text(
        "---\ntitle: О сайте\n---\n\n# О сайте\n\nТекст\u2066скрыт\u2069.\n", "utf-8"
    )

    result = build_site(project, monkeypatch)

    assert not result.ok
    assert result.errors == [
        "docs/about.md:7: недопустимый служебный символ U+2066; удалите его из файла"
    ]


LINK_ADVICE = (
    "сайт опубликовал бы то, на что она указывает; положите на её место сам файл или папку"
)


def _linked_page(docs: Path) -> None:
    (docs / "about.md").symlink_to("index.md")


def _linked_folder(docs: Path) -> None:
    (docs / "etc").symlink_to("/etc", target_is_directory=True)


def _control_character_after_front_matter(docs: Path) -> None:
    (docs / "about.md").write_text("---\ntitle: О сайте\n---\n\nТекст\u202eскрыт.\n", "utf-8")


def _control_character_without_front_matter(docs: Path) -> None:
    (docs / "about.md").write_text("# О сайте\n\nТекст\x0bскрыт.\n", "utf-8")


def _not_utf8(docs: Path) -> None:
    (docs / "about.md").write_bytes("# О сайте\n".encode("cp1251"))


DOCS_HOSTILE = [
    (_linked_page, f"docs/about.md: это символическая ссылка на «index.md»: {LINK_ADVICE}"),
    (_linked_folder, f"docs/etc: это символическая ссылка на «/etc»: {LINK_ADVICE}"),
    (
        _control_character_after_front_matter,
        "docs/about.md:5: недопустимый служебный символ U+202E; удалите его из файла",
    ),
    (
        _control_character_without_front_matter,
        "docs/about.md:3: недопустимый служебный символ U+000B; удалите его из файла",
    ),
    (_not_utf8, "docs/about.md: файл не в кодировке UTF-8; сохраните его в UTF-8"),
]


@pytest.mark.parametrize(
    ("spoil", "error"), DOCS_HOSTILE, ids=[spoil.__name__.strip("_") for spoil, _ in DOCS_HOSTILE]
)
def test_make_check_refuses_what_the_build_refuses_in_docs(
    tmp_path, monkeypatch, spoil: Callable[[Path], None], error: str
):
    """A docs/ page is read by MkDocs, not by the content loader; `make check` refuses it all
    the same, with the build's words (build_site holds scripts/check.py to the build)."""
    project = make_site(tmp_path)
    spoil(project / "docs")

    result = build_site(project, monkeypatch)

    assert (result.ok, result.errors) == (False, [error])


def test_an_alias_bomb_in_front_matter_is_refused_at_once(tmp_path, monkeypatch):
    project = publications_site(tmp_path)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(c + 1)}: &{chr(c + 1)} [{', '.join([f'*{chr(c)}'] * 9)}]\n"
        for c in range(ord("a"), ord("i"))
    )
    news = project / "content" / "news" / "2021-11-20-seminar.md"
    news.write_text("---\n" + bomb + news.read_text("utf-8")[4:], "utf-8")

    result = build_site(project, monkeypatch)

    assert not result.ok
    assert result.errors == [
        "content/news/2021-11-20-seminar.md:2: значение начинается с «&a»: в YAML это метка "
        "для ссылок, а ссылки не поддерживаются; если это текст, возьмите его в кавычки, иначе "
        "удалите метку"
    ]


def test_workflow_commands_in_author_text_stay_inert_in_github_actions(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    project = publications_site(tmp_path)
    news = project / "content" / "news" / "2021-11-20-seminar.md"
    hostile = 'plan: ["2.1\\n::stop-commands::pwned\\n##[error]legacy"]'
    news.write_text(news.read_text("utf-8").replace('plan: ["2.1"]', hostile), "utf-8")

    result = build_site(project, monkeypatch)

    assert not result.ok
    (error,) = result.errors
    assert "\n" not in error and "##[" not in error
    printed = capsys.readouterr().out.splitlines()
    assert [line for line in printed if line.lstrip().startswith("::") or "##[" in line] == [
        line for line in printed if line.startswith("::error file=content/news/")
    ]
    assert len(printed) == 1
