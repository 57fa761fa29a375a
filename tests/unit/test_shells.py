"""Sections with nothing real to show when samples are hidden, as the build reports them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mentoring.content import load_content
from mentoring.views.shells import empty_sections, empty_sections_notice, missing_contacts
from tests.helpers import SNAPSHOT_CONTENT


@pytest.fixture
def shipped_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(SNAPSHOT_CONTENT, content)
    return content


def hide_samples(content: Path) -> None:
    site = content / "site.yaml"
    text = site.read_text("utf-8")
    assert "show_samples: true" in text
    site.write_text(text.replace("show_samples: true", "show_samples: false"), "utf-8")


def test_with_samples_shown_every_section_has_something(shipped_content: Path) -> None:
    content = load_content(shipped_content)

    assert empty_sections(content) == []
    assert empty_sections_notice(content) is None
    assert missing_contacts(content) is None


def test_hidden_samples_leave_these_sections_empty_and_contacts_missing(
    shipped_content: Path,
) -> None:
    hide_samples(shipped_content)
    content = load_content(shipped_content)

    assert empty_sections_notice(content) == (
        "Пока нечего публиковать в разделах: Новости, Банк практик, Мониторинг: показатели, "
        "Контакты (на их страницах сказано, что записей пока нет)"
    )
    assert str(missing_contacts(content)) == (
        "content/site.yaml: поле «contacts»: образцы скрыты (show_samples: false), а настоящих "
        "контактов нет: страница «Контакты» пуста; впишите адрес, телефон и почту и удалите у "
        "контакта строку sample: true"
    )


def test_one_real_contact_is_enough(shipped_content: Path) -> None:
    hide_samples(shipped_content)
    site = shipped_content / "site.yaml"
    text = site.read_text("utf-8")
    site.write_text(text.replace("    sample: true\n", "", 1), "utf-8")

    content = load_content(shipped_content)

    assert missing_contacts(content) is None
    assert "Контакты" not in empty_sections(content)
