"""Published files: format and size labels with a Russian decimal comma, allowed types, limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentoring.core.errors import Problems
from mentoring.core.files import (
    DOCUMENT_TYPES,
    IMAGE_TYPES,
    MAX_FILE_BYTES,
    SIGNATURES,
    file_label,
    size_label,
    symlink_problems,
)
from mentoring.core.files import check_file as check
from tests.helpers import sample_bytes


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (1, "1 Б"),
        (1023, "1023 Б"),
        (1024, "1 КБ"),
        (1536, "1,5 КБ"),
        (9 * 1024 + 512, "9,5 КБ"),
        (48 * 1024 + 100, "48 КБ"),
        (1023 * 1024 + 700, "1 МБ"),  # 1023,7 КБ would round to 1024 КБ
        (1_258_291, "1,2 МБ"),
        (20 * 1024 * 1024, "20 МБ"),
        (3 * 1024**3, "3 ГБ"),
    ],
)
def test_size_label(size, expected):
    assert size_label(size) == expected


def test_file_label_names_the_format_and_the_size(tmp_path):
    file = tmp_path / "Приказ.PDF"
    file.write_bytes(b"x" * 1_258_291)

    assert file_label(file) == "PDF, 1,2 МБ"


def check_file(tmp_path: Path, name: str, **options) -> tuple[object, list[str]]:
    problems = Problems()
    published = check(
        name,
        folder=tmp_path,
        shown_folder="content/documents",
        target_folder="documents",
        path="content/documents.yaml",
        line=7,
        field="file",
        problems=problems,
        **options,
    )
    return published, [str(problem) for problem in problems]


def test_an_allowed_file_is_published_with_its_label(tmp_path):
    (tmp_path / "2021").mkdir()
    (tmp_path / "2021" / "plan.docx").write_bytes(sample_bytes("docx", 2048))

    published, problems = check_file(tmp_path, "2021/plan.docx")

    assert problems == []
    assert published.source == tmp_path / "2021" / "plan.docx"
    assert published.target == "documents/2021/plan.docx"
    assert published.label == "DOCX, 2 КБ"


def test_missing_file(tmp_path):
    assert check_file(tmp_path, "prikaz.pdf") == (
        None,
        [
            "content/documents.yaml:7: поле «file»: файла content/documents/prikaz.pdf нет; "
            "положите файл в папку content/documents/ или исправьте имя (большие и маленькие "
            "буквы различаются)"
        ],
    )


def test_file_of_another_type(tmp_path):
    (tmp_path / "prikaz.rtf").write_bytes(b"{\\rtf1}")

    assert check_file(tmp_path, "prikaz.rtf") == (
        None,
        [
            "content/documents.yaml:7: поле «file»: тип файла «.rtf» не подходит; допустимые "
            "типы: pdf, doc, docx, odt, xls, xlsx, ods, ppt, pptx, odp, jpg, png; сохраните "
            "файл в одном из них"
        ],
    )


def test_images_only_where_images_are_expected(tmp_path):
    (tmp_path / "photo.pdf").write_bytes(b"%PDF")

    _, problems = check_file(tmp_path, "photo.pdf", allowed=IMAGE_TYPES)

    assert problems == [
        "content/documents.yaml:7: поле «file»: тип файла «.pdf» не подходит; допустимые "
        "типы: jpg, png; сохраните файл в одном из них"
    ]


def test_file_over_the_limit(tmp_path):
    with (tmp_path / "big.pdf").open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 5 * 1024 * 1024)

    assert check_file(tmp_path, "big.pdf") == (
        None,
        [
            "content/documents.yaml:7: поле «file»: файл content/documents/big.pdf весит 25 МБ, "
            "а можно не больше 20 МБ; сожмите его или разделите на части"
        ],
    )


def test_a_file_at_the_limit_is_accepted(tmp_path):
    with (tmp_path / "big.pdf").open("wb") as file:
        file.write(b"%PDF-1.7\n")
        file.truncate(MAX_FILE_BYTES)

    published, problems = check_file(tmp_path, "big.pdf")

    assert problems == [] and published.label == "PDF, 20 МБ"


def test_empty_file(tmp_path):
    (tmp_path / "empty.pdf").write_bytes(b"")

    assert check_file(tmp_path, "empty.pdf")[1] == [
        "content/documents.yaml:7: поле «file»: файл content/documents/empty.pdf пуст (0 байт); "
        "загрузите его заново"
    ]


@pytest.mark.parametrize("name", ["../site.yaml.pdf", "/etc/passwd.pdf", "a\\b.pdf"])
def test_paths_must_stay_inside_the_folder(tmp_path, name):
    assert check_file(tmp_path, name)[1] == [
        f"content/documents.yaml:7: поле «file»: путь «{name}» должен вести к файлу внутри "
        "папки content/documents/: без «..», без «\\» и без «/» в начале"
    ]


def test_a_folder_is_not_a_file(tmp_path):
    (tmp_path / "folder.pdf").mkdir()

    assert check_file(tmp_path, "folder.pdf")[0] is None


# --------------------------------------------------------------------------- by first bytes

WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def test_every_accepted_type_is_checked_by_its_first_bytes():
    assert set(SIGNATURES) == set(DOCUMENT_TYPES)


@pytest.mark.parametrize("extension", sorted(DOCUMENT_TYPES))
def test_a_file_of_its_type_passes(tmp_path, extension):
    (tmp_path / f"f.{extension}").write_bytes(sample_bytes(extension, 4096))

    published, problems = check_file(tmp_path, f"f.{extension}")

    assert problems == [] and published.label == f"{DOCUMENT_TYPES[extension]}, 4 КБ"


@pytest.mark.parametrize("extension", sorted(DOCUMENT_TYPES))
def test_a_windows_program_under_the_name_of_any_type_is_refused(tmp_path, extension):
    (tmp_path / f"setup.{extension}").write_bytes(WINDOWS_PROGRAM)
    kind = DOCUMENT_TYPES[extension]

    assert check_file(tmp_path, f"setup.{extension}") == (
        None,
        [
            f"content/documents.yaml:7: поле «file»: файл content/documents/setup.{extension} "
            f"по содержимому не {kind}, хотя назван «.{extension}»; по первым байтам он похож "
            f"на программу Windows; откройте его и сохраните заново в формате {kind}"
        ],
    )


@pytest.mark.parametrize(
    ("name", "data", "looks_like"),
    [
        pytest.param(
            "a.pdf",
            b"\x7fELF\x02\x01\x01" + b"\x00" * 60,
            "; по первым байтам он похож на программу Linux",
            id="ELF as pdf",
        ),
        pytest.param(
            "a.png",
            b"#!/bin/sh\nrm -rf /\n",
            "; по первым байтам он похож на сценарий (программу)",
            id="script as png",
        ),
        pytest.param("a.jpg", b"<svg onload=alert(1)>", "", id="SVG as jpg"),
        pytest.param("a.png", sample_bytes("jpg", 100), "", id="JPEG as png"),
        pytest.param(
            "a.docx",
            sample_bytes("xlsx", 300),
            "; по первым байтам он похож на ZIP-архив",
            id="workbook as docx",
        ),
        pytest.param(
            "a.docx",
            sample_bytes("odt", 300),
            "; по первым байтам он похож на ZIP-архив",
            id="OpenDocument as docx",
        ),
        pytest.param(
            "a.ods",
            sample_bytes("odt", 300),
            "; по первым байтам он похож на ZIP-архив",
            id="text as spreadsheet",
        ),
        pytest.param(
            "a.xlsx",
            b"PK\x03\x04" + b"\x00" * 200,
            "; по первым байтам он похож на ZIP-архив",
            id="broken archive",
        ),
        pytest.param("a.doc", b"%PDF-1.4\n" + b"0" * 100, "", id="PDF as doc"),
    ],
)
def test_a_file_whose_content_is_another_type_is_refused(tmp_path, name, data, looks_like):
    (tmp_path / name).write_bytes(data)
    extension = name.rpartition(".")[2]
    kind = DOCUMENT_TYPES[extension]

    assert check_file(tmp_path, name) == (
        None,
        [
            f"content/documents.yaml:7: поле «file»: файл content/documents/{name} по "
            f"содержимому не {kind}, хотя назван «.{extension}»{looks_like}; откройте его и "
            f"сохраните заново в формате {kind}"
        ],
    )


# --------------------------------------------------------------------------- long names


@pytest.mark.parametrize(
    ("name", "shown", "size"),
    [
        ("a" * 300 + ".pdf", "a" * 39 + "…", 304),
        ("папка/" + "я" * 128 + ".pdf", "я" * 39 + "…", 260),
    ],
)
def test_a_name_longer_than_file_systems_allow_is_a_problem_not_oserror(
    tmp_path, name, shown, size
):
    assert check_file(tmp_path, name) == (
        None,
        [
            f"content/documents.yaml:7: поле «file»: имя «{shown}» длиннее, чем допускает "
            f"файловая система: {size} байт, а можно не больше 255 (русская буква — 2 байта); "
            "сократите имя файла и папки"
        ],
    )


# --------------------------------------------------------------------------- symbolic links


def test_symbolic_links_anywhere_are_named(tmp_path):
    (tmp_path / "documents" / "2021").mkdir(parents=True)
    (tmp_path / "documents" / "2021" / "passwd.pdf").symlink_to("/etc/passwd")
    (tmp_path / "git").symlink_to(tmp_path.parent, target_is_directory=True)

    assert [str(problem) for problem in symlink_problems(tmp_path, "content")] == [
        "content/documents/2021/passwd.pdf: это символическая ссылка на «/etc/passwd»: сайт "
        "опубликовал бы то, на что она указывает; положите на её место сам файл или папку",
        f"content/git: это символическая ссылка на «{tmp_path.parent}»: сайт опубликовал бы "
        "то, на что она указывает; положите на её место сам файл или папку",
    ]


def test_a_folder_without_links_has_no_problems(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "c.pdf").write_bytes(sample_bytes("pdf"))

    assert not symlink_problems(tmp_path, "content")


def test_an_unreadable_file_is_a_problem_not_oserror(tmp_path, monkeypatch):
    (tmp_path / "prikaz.pdf").write_bytes(sample_bytes("pdf", 100))

    def refuse(*_: object, **__: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)

    assert check_file(tmp_path, "prikaz.pdf") == (
        None,
        [
            "content/documents.yaml:7: поле «file»: файл content/documents/prikaz.pdf не "
            "удаётся прочитать; проверьте, что он доступен для чтения, и загрузите его заново"
        ],
    )
