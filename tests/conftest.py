"""Fixtures shared by every tier: a content folder to break, a fixed build date."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import FIXED_EPOCH, FIXTURES


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A copy of the minimal fixture's content/ to edit (``content_problems`` reads it)."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal" / "content", target)
    return target


@pytest.fixture
def fixed_epoch(monkeypatch: pytest.MonkeyPatch) -> str:
    """SOURCE_DATE_EPOCH of the build tests (27.11.2025): statuses depend on the date."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    return FIXED_EPOCH
