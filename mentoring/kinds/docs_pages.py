"""Hand-written pages under docs/: their Markdown passes the same allowlist as entries, and
every other file MkDocs would publish from docs/ passes the checks of content's files."""

from __future__ import annotations

from pathlib import Path

from mentoring.core.errors import Problems
from mentoring.core.files import DOCUMENT_TYPES, check_file, symlink_problems
from mentoring.core.yamlsource import split_front_matter
from mentoring.html.sanitize import Sanitizer
from mentoring.kinds.entries import without_code

TEXT_OF_PAGE = "на странице"
PAGE_EXTENSION = ".md"
# What docs/ may hold besides pages: the downloads and pictures content may publish, each
# checked by its first bytes (check_file). The theme's own files live in overrides/, so
# docs/ needs nothing else; any other file (.html, .js, .svg, .markdown, .exe) is refused.
DOCS_FILE_TYPES = tuple(DOCUMENT_TYPES)


def published_by_mkdocs(relative: Path) -> bool:
    """False for what MkDocs leaves out of the site by default (``exclude_docs``): names
    starting with a dot anywhere in the path, and the top folder ``templates/``."""
    parts = relative.parts
    return not any(part.startswith(".") for part in parts) and parts[0] != "templates"


def check_files(docs_dir: Path, shown_folder: str, problems: Problems) -> None:
    """Report every non-page file MkDocs would publish from ``docs_dir`` that is not of an
    allowed type or is not what its name says, in the words used for content's files."""
    for file in sorted(docs_dir.rglob("*")):
        relative = file.relative_to(docs_dir)
        if file.suffix == PAGE_EXTENSION or not file.is_file() or not published_by_mkdocs(relative):
            continue
        path = f"{shown_folder}/{relative.as_posix()}"
        check_file(
            relative.as_posix(),
            folder=docs_dir,
            shown_folder=shown_folder,
            target_folder=shown_folder,
            path=path,
            line=None,
            field=None,
            problems=problems,
            allowed=DOCS_FILE_TYPES,
        )


def check_pages(
    docs_dir: Path, shown_folder: str, problems: Problems, sanitizer: Sanitizer | None = None
) -> None:
    """Report what the allowlist would remove from any ``*.md`` page of ``docs_dir`` and
    every other file of it that may not be published (``check_files``)."""
    links = symlink_problems(docs_dir, shown_folder)
    if links:  # nothing is read through a link (its target could be quoted in a message)
        problems.extend(links)
        return
    sanitizer = sanitizer or Sanitizer()
    for file in sorted(docs_dir.rglob(f"*{PAGE_EXTENSION}")):
        path = f"{shown_folder}/{file.relative_to(docs_dir).as_posix()}"
        try:
            text = file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            problems.add(path, None, None, "файл не в кодировке UTF-8; сохраните его в UTF-8")
            continue
        body, body_line = text, 1
        if text.startswith("---"):
            _, body, body_line = split_front_matter(text, path, problems)
        sanitizer.check_author_markdown(
            body, without_code(body), body_line, TEXT_OF_PAGE, path, problems
        )
    check_files(docs_dir, shown_folder, problems)
