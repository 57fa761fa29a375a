"""Hand-written pages under docs/: their Markdown passes the same allowlist as entries."""

from __future__ import annotations

import posixpath
from pathlib import Path

from mentoring.core.errors import Problems
from mentoring.core.files import symlink_problems
from mentoring.core.yamlsource import split_front_matter
from mentoring.html.sanitize import check_author_markdown
from mentoring.kinds.entries import without_code

TEXT_OF_PAGE = "на странице"


def check_pages(docs_dir: Path, shown_folder: str, problems: Problems) -> None:
    """Report what the allowlist would remove from any ``*.md`` page of ``docs_dir``."""
    links = symlink_problems(docs_dir, shown_folder)
    if links:  # nothing is read through a link (its target could be quoted in a message)
        problems.extend(links)
        return
    for file in sorted(docs_dir.rglob("*.md")):
        path = f"{shown_folder}/{file.relative_to(docs_dir).as_posix()}"
        try:
            text = file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            problems.add(path, None, None, "файл не в кодировке UTF-8; сохраните его в UTF-8")
            continue
        body, body_line = text, 1
        if text.startswith("---"):
            _, body, body_line = split_front_matter(text, path, problems)
        for line, message in check_author_markdown(
            body, without_code(body), body_line, TEXT_OF_PAGE, posixpath.dirname(path)
        ):
            problems.add(path, line, None, message)
