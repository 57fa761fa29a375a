"""The content tier: checks of the shipped content/ (the plan against the approved seed,
samples marked as such). A failure here is a mistake in a content file, reported with
that file's name in Russian for the methodist who made it, not as a diff of internals;
unit tests use fixtures and never read content/.
"""

from __future__ import annotations

from typing import NoReturn

import pytest

from mentoring.content import Content, load_content
from mentoring.core.errors import ContentError
from tests.helpers import REPO

SHIPPED = REPO / "content"


def content_error(file: str, message: str) -> NoReturn:
    """Fail the test as a mistake in the content file ``file`` (e.g. "content/plan.yaml:14")."""
    pytest.fail(f"ошибка в содержимом, {file}: {message}", pytrace=False)


@pytest.fixture(scope="session")
def shipped_content() -> Content:
    """content/ (and the docs/ pages, for the markup they may hold) as the build loads them;
    their problems fail the test as content errors."""
    try:
        return load_content(SHIPPED, docs_dir=REPO / "docs")
    except ContentError as error:
        lines = error.report_lines()
    pytest.fail(  # outside the except block: no traceback of the loader in the report
        "ошибки в содержимом content/ и docs/ (исправьте файлы, код тут ни при чём):\n"
        + "\n".join(lines),
        pytrace=False,
    )
