"""Files that content publishes for download: allowed types, size limits and labels.

Official sites must offer documents as downloadable files whose format and size the
reader sees before opening them («PDF, 1,2 МБ»). Documents, news images and practice
attachments all go through ``check_file``, so the rules and the wording are the same
everywhere. A file is what its first bytes say, not what its name says: a program named
«.pdf» is refused. Symbolic links are refused anywhere in the sources, since publishing
one would publish whatever it points to (/etc/passwd, .git/config).
"""

from __future__ import annotations

import os
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from mentoring.core.errors import Problems

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
MAX_NAME_BYTES = 255
"""Longest file or folder name (in UTF-8 bytes) that ext4, NTFS and most others accept."""

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .doc, .xls and .ppt
# Extension → how a file of that type starts.
SIGNATURES = {
    "pdf": b"%PDF-",
    "doc": _OLE2,
    "xls": _OLE2,
    "ppt": _OLE2,
    "docx": _ZIP,
    "xlsx": _ZIP,
    "pptx": _ZIP,
    "odt": _ZIP,
    "ods": _ZIP,
    "odp": _ZIP,
    "jpg": b"\xff\xd8\xff",
    "png": b"\x89PNG\r\n\x1a\n",
}
# Office Open XML: the folder of the main part inside the archive.
_OOXML_FOLDERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
# OpenDocument: the first entry «mimetype» holds exactly this.
_ODF_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
_LOOKS_LIKE = (
    (b"MZ", "программу Windows"),
    (b"\x7fELF", "программу Linux"),
    (b"#!", "сценарий (программу)"),
    (_ZIP, "ZIP-архив"),
)
_BROKEN_ZIP = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, zlib.error)

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


def long_name_problem(name: str, what: str) -> str | None:
    """A Russian explanation when a part of ``name`` is longer than file systems allow."""
    for part in PurePosixPath(name).parts:
        size = len(part.encode("utf-8"))
        if size > MAX_NAME_BYTES:
            shown = part if len(part) <= 40 else part[:39] + "…"
            return (
                f"{what} «{shown}» длиннее, чем допускает файловая система: {size} байт, "
                f"а можно не больше {MAX_NAME_BYTES} (русская буква — 2 байта)"
            )
    return None


def content_matches_type(source: Path, extension: str) -> bool:
    """True when the file's first bytes (and, for Office and OpenDocument archives, their
    contents list) are those of the type its extension names."""
    with source.open("rb") as file:
        head = file.read(len(_OLE2))
    if not head.startswith(SIGNATURES[extension]):
        return False
    if extension not in _OOXML_FOLDERS and extension not in _ODF_TYPES:
        return True
    try:
        with zipfile.ZipFile(source) as archive:
            names = archive.namelist()
            if extension in _OOXML_FOLDERS:
                folder = _OOXML_FOLDERS[extension]
                return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)
            if names[:1] != ["mimetype"]:
                return False
            with archive.open("mimetype") as mimetype:
                return mimetype.read(100) == _ODF_TYPES[extension]
    except _BROKEN_ZIP:
        return False


def _looks_like(source: Path) -> str:
    with source.open("rb") as file:
        head = file.read(8)
    for start, kind in _LOOKS_LIKE:
        if head.startswith(start):
            return f"; по первым байтам он похож на {kind}"
    return ""


def _problem_on_disk(source: Path, shown: str, shown_folder: str, extension: str) -> str | None:
    """What is wrong with the file itself: missing, empty, too big, or not what it is named."""
    if not source.is_file():
        return (
            f"файла {shown} нет; положите файл в папку {shown_folder}/ "
            "или исправьте имя (большие и маленькие буквы различаются)"
        )
    size = source.stat().st_size
    if size == 0:
        return f"файл {shown} пуст (0 байт); загрузите его заново"
    if size > MAX_FILE_BYTES:
        return (
            f"файл {shown} весит {size_label(size)}, а можно не больше "
            f"{MAX_FILE_MB} МБ; сожмите его или разделите на части"
        )
    if not content_matches_type(source, extension):
        kind = DOCUMENT_TYPES[extension]
        return (
            f"файл {shown} по содержимому не {kind}, хотя назван «.{extension}»"
            f"{_looks_like(source)}; откройте его и сохраните заново в формате {kind}"
        )
    return None


def symlink_problems(folder: Path, shown_folder: str) -> Problems:
    """Every symbolic link under ``folder``, each a problem: sources hold only real files."""
    problems = Problems()
    for root, folders, files in os.walk(folder):
        for name in sorted(folders + files):
            entry = Path(root, name)
            if entry.is_symlink():
                shown = f"{shown_folder}/{entry.relative_to(folder).as_posix()}"
                problems.add(
                    shown,
                    None,
                    None,
                    f"это символическая ссылка на «{os.readlink(entry)}»: сайт опубликовал бы "
                    "то, на что она указывает; положите на её место сам файл или папку",
                )
    return problems


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
    too_long = long_name_problem(name, "имя")
    if too_long:
        problems.add(path, line, field, f"{too_long}; сократите имя файла и папки")
        return None
    source = folder / relative
    try:
        problem = _problem_on_disk(source, f"{shown_folder}/{relative}", shown_folder, extension)
    except OSError:
        problem = (
            f"файл {shown_folder}/{relative} не удаётся прочитать; проверьте, что он доступен "
            "для чтения, и загрузите его заново"
        )
    if problem:
        problems.add(path, line, field, problem)
        return None
    return PublishedFile(
        source=source, target=f"{target_folder}/{relative}", label=file_label(source)
    )
