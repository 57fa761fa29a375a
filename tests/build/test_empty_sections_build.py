"""The build and `make check` name the sections with nothing to publish yet in the same
words, and warn (without stopping) when samples are hidden and no real contact is left."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO, build_site, make_site

NOTICE = (
    "Пока нечего публиковать в разделах: Новости, Материалы, Банк практик, Мониторинг: "
    "показатели, Контакты (на их страницах сказано, что записей пока нет)"
)
WARNING = (
    "ПРЕДУПРЕЖДЕНИЕ: content/site.yaml: поле «contacts»: образцы скрыты (show_samples: false), "
    "а настоящих контактов нет: страница «Контакты» пуста; впишите адрес, телефон и почту "
    "и удалите у контакта строку sample: true"
)


@pytest.fixture
def project_without_contacts(tmp_path: Path) -> Path:
    project = make_site(tmp_path)
    site = project / "content" / "site.yaml"
    text = site.read_text("utf-8").replace(
        "    email: cro@example.org\n", "    email: cro@example.org\n    sample: true\n", 1
    )
    site.write_text(text + "show_samples: false\n", "utf-8")
    return project


def test_make_check_names_them_and_warns(project_without_contacts: Path) -> None:
    checked = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "check.py")],
        cwd=project_without_contacts,
        capture_output=True,
        text=True,
        check=False,
    )

    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.splitlines()[1:] == [f"{NOTICE}.", WARNING]


def test_the_build_says_the_same_and_still_publishes(
    project_without_contacts: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level("INFO", logger="mkdocs")

    result = build_site(project_without_contacts, monkeypatch)

    assert result.ok, result.errors
    assert [r.getMessage() for r in caplog.records if r.name == "mkdocs.hooks.content"] == [
        NOTICE,
        WARNING,
    ]
    assert "Контактные данные пока не опубликованы." in result.page("contacts/")
