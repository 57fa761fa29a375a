"""Published files: format and size labels with a Russian decimal comma, allowed types, limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentoring.errors import Problems
from mentoring.files import IMAGE_TYPES, MAX_FILE_BYTES, file_label, size_label
from mentoring.files import check_file as check


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
    (tmp_path / "2021" / "plan.docx").write_bytes(b"x" * 2048)

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
