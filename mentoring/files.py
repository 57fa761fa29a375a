"""Files that content publishes for download: allowed types, size limits and labels.

Official sites must offer documents as downloadable files whose format and size the
reader sees before opening them («PDF, 1,2 МБ»). Documents, news images and practice
attachments all go through ``check_file``, so the rules and the wording are the same
everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from mentoring.errors import Problems

# Extension → format name shown to readers.
DOCUMENT_TYPES = {
    "pdf": "PDF",
    "doc": "DOC",
    "docx": "DOCX",
    "odt": "ODT",
    "xls": "XLS",
    "xlsx": "XLSX",
    "ods": "ODS",
    "ppt": "PPT",
    "pptx": "PPTX",
    "odp": "ODP",
    "jpg": "JPG",
    "png": "PNG",
}
IMAGE_TYPES = ("jpg", "png")
MAX_FILE_MB = 20
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024

_UNITS = ("Б", "КБ", "МБ", "ГБ")


def size_label(size: int) -> str:
    """Size in Russian with a decimal comma: 512 Б, 9,5 КБ, 48 КБ, 1,2 МБ, 20 МБ."""
    value = float(size)
    for index, unit in enumerate(_UNITS):
        digits = 0 if index == 0 or value >= 10 else 1
        rounded = round(value, digits)
        if rounded < 1024 or index == len(_UNITS) - 1:
            text = f"{rounded:.{digits}f}".replace(".", ",").removesuffix(",0")
            return f"{text} {unit}"
        value /= 1024
    raise AssertionError("the last unit always returns")


def file_format(path: Path | str) -> str:
    """Format name of a file by its extension: «PDF», «DOCX»."""
    extension = PurePosixPath(str(path)).suffix.lower().removeprefix(".")
    return DOCUMENT_TYPES.get(extension, extension.upper())


def file_label(path: Path) -> str:
    """What a download link says about the file: «PDF, 1,2 МБ»."""
    return f"{file_format(path)}, {size_label(path.stat().st_size)}"


@dataclass(frozen=True)
class PublishedFile:
    """A content file copied into the built site at ``target`` (a path under docs/)."""

    source: Path
    target: str
    label: str


def check_file(
    name: str,
    *,
    folder: Path,
    shown_folder: str,
    target_folder: str,
    path: str,
    line: int | None,
    field: str | None,
    problems: Problems,
    allowed: tuple[str, ...] = tuple(DOCUMENT_TYPES),
) -> PublishedFile | None:
    """Check a file named in content (relative to ``folder``); report what the author must fix.

    Returns the file to publish under ``target_folder`` or None when it cannot be published.
    """
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts or "\\" in name:
        problems.add(
            path,
            line,
            field,
            f"путь «{name}» должен вести к файлу внутри папки {shown_folder}/: "
            "без «..», без «\\» и без «/» в начале",
        )
        return None
    extension = relative.suffix.lower().removeprefix(".")
    if extension not in allowed:
        shown = f"«.{extension}»" if extension else "без расширения"
        problems.add(
            path,
            line,
            field,
            f"тип файла {shown} не подходит; допустимые типы: {', '.join(allowed)}; "
            "сохраните файл в одном из них",
        )
        return None
    source = folder / relative
    if not source.is_file():
        problems.add(
            path,
            line,
            field,
            f"файла {shown_folder}/{relative} нет; положите файл в папку {shown_folder}/ "
            "или исправьте имя (большие и маленькие буквы различаются)",
        )
        return None
    size = source.stat().st_size
    if size == 0:
        problems.add(
            path, line, field, f"файл {shown_folder}/{relative} пуст (0 байт); загрузите его заново"
        )
        return None
    if size > MAX_FILE_BYTES:
        problems.add(
            path,
            line,
            field,
            f"файл {shown_folder}/{relative} весит {size_label(size)}, а можно не больше "
            f"{MAX_FILE_MB} МБ; сожмите его или разделите на части",
        )
        return None
    return PublishedFile(
        source=source, target=f"{target_folder}/{relative}", label=file_label(source)
    )
