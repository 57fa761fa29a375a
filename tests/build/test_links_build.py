"""Links between pages: the build and `make check` name the author's file and line in Russian.

MkDocs finds these while it renders the generated pages and says so in English, naming
``news/2021/seminar.md``; hooks/site.py turns each into the source's problem. Every failing
build here is also run through `make check` by tests.helpers.build_site (parity).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.check import CheckResult
from tests.helpers import FIXTURES, REPO, build_site, make_site

NEWS_ITEM = Path("content") / "news" / "2021-11-20-seminar.md"
SOURCE = NEWS_ITEM.as_posix()


def news_site(tmp_path: Path, text: str) -> Path:
    """The publications fixture with ``text`` appended to the seminar news item (line 11)."""
    project = make_site(tmp_path)
    shutil.copytree(FIXTURES / "publications", project, dirs_exist_ok=True)
    item = project / NEWS_ITEM
    item.write_text(item.read_text("utf-8") + "\n" + text + "\n", "utf-8")
    return project


BAD_LINKS = [
    pytest.param(
        "Смотрите [план](../plan.md).",
        "ссылка «../plan.md» ведёт на страницу news/plan.md, а её нет на сайте; возможно, "
        "имелось в виду «../../plan/index.md»",
        id="a page one folder too high",
    ),
    pytest.param(
        "Смотрите [консультации](../../plan/index.md#activity-2-2).",
        "ссылка «../../plan/index.md#activity-2-2» ведёт на раздел «#activity-2-2» страницы "
        "plan/index.md, а такого раздела на ней нет; возможно, имелось в виду «#activity-2-1»",
        id="an anchor typo on another page",
    ),
    pytest.param(
        "Смотрите [ниже](#итоги-семинар).\n\n## Итоги семинара",
        "ссылка «#итоги-семинар» ведёт на раздел «#итоги-семинар» этой же страницы, а его нет; "
        "возможно, имелось в виду «#итоги-семинара»",
        id="an anchor typo on the same page",
    ),
    pytest.param(
        "Смотрите [документы](../../documents).",
        "ссылка «../../documents» не ведёт ни на страницу, ни на файл сайта: в ссылке на "
        "страницу пишется имя её Markdown-файла; возможно, имелось в виду «../../documents.md»",
        id="a page without its file name",
    ),
    pytest.param(
        "Смотрите [приказ](../../files/prikaz.pdf).",
        "ссылка «../../files/prikaz.pdf» ведёт на файл files/prikaz.pdf, а его нет на сайте; "
        "проверьте имя файла и папку: путь пишется от этой страницы",
        id="a missing file",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD_LINKS)
def test_a_bad_link_in_a_news_item_is_reported_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    project = news_site(tmp_path, text)

    result = build_site(project, monkeypatch)

    assert not result.ok
    assert result.errors == [f"{SOURCE}:11: {message}"]
    assert result.warnings == []  # nothing in English reaches the author
    assert result.abort_message == (
        "Содержимое не прошло проверку: 1 ошибка. Исправьте и повторите сборку."
    )


MATERIAL = Path("content") / "materials" / "formy.md"
EVENT = Path("content") / "events" / "2021-11-19-seminar.md"
EVENT_TEXT = """\
---
title: Семинар кураторов
summary: Семинар для кураторов программ наставничества.
start: "2021-11-19 10:00"
end: "2021-11-19 12:30"
place: онлайн
audience: кураторы школ
organizer: cro
---

Программа семинара.
"""
ORGANIZATIONS = """\
organizations:
  - id: cro
    name: Центр развития образования
    short_name: ЦРО
    kind: ЦРО
"""
# A page of a material or an event sits one folder deep (materials/formy.md), not two as
# a news item's (news/2021/seminar.md): the same mistakes are written one «../» shorter.
BAD_LINKS_ONE_FOLDER_DEEP = [
    pytest.param(
        "Смотрите [план](plan.md).",
        "ссылка «plan.md» ведёт на страницу {folder}/plan.md, а её нет на сайте; возможно, "
        "имелось в виду «../plan/index.md»",
        id="a page one folder too low",
    ),
    pytest.param(
        "Смотрите [консультации](../plan/index.md#activity-2-2).",
        "ссылка «../plan/index.md#activity-2-2» ведёт на раздел «#activity-2-2» страницы "
        "plan/index.md, а такого раздела на ней нет; возможно, имелось в виду «#activity-2-1»",
        id="an anchor typo on another page",
    ),
    pytest.param(
        "Смотрите [ниже](#итоги-семинар).\n\n## Итоги семинара",
        "ссылка «#итоги-семинар» ведёт на раздел «#итоги-семинар» этой же страницы, а его нет; "
        "возможно, имелось в виду «#итоги-семинара»",
        id="an anchor typo on the same page",
    ),
]


def entry_site(tmp_path: Path, entry: Path, text: str) -> Path:
    """The publications fixture with an event, and ``text`` appended to ``entry``."""
    project = make_site(tmp_path)
    shutil.copytree(FIXTURES / "publications", project, dirs_exist_ok=True)
    (project / "content" / "organizations.yaml").write_text(ORGANIZATIONS, "utf-8")
    (project / EVENT).parent.mkdir()
    (project / EVENT).write_text(EVENT_TEXT, "utf-8")
    (project / entry).write_text((project / entry).read_text("utf-8") + text + "\n", "utf-8")
    return project


@pytest.mark.parametrize(
    ("entry", "line"), [(MATERIAL, 11), (EVENT, 12)], ids=["material", "event"]
)
@pytest.mark.parametrize(("text", "message"), BAD_LINKS_ONE_FOLDER_DEEP)
def test_a_bad_link_in_a_material_or_an_event_is_reported_at_its_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    entry: Path,
    line: int,
    text: str,
    message: str,
) -> None:
    project = entry_site(tmp_path, entry, text)

    result = build_site(project, monkeypatch)

    assert not result.ok
    folder = entry.parent.name
    assert result.errors == [f"{entry.as_posix()}:{line}: {message.format(folder=folder)}"]
    assert result.warnings == []


def test_good_links_and_anchors_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = news_site(
        tmp_path,
        "[План](../../plan/index.md#activity-2-1), [ниже](#itogi).\n\n## Итоги {#itogi}",
    )

    result = build_site(project, monkeypatch)

    assert result.ok, result.errors
    assert result.warnings == []


def test_a_hand_written_page_gets_its_own_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_site(tmp_path)
    (project / "docs" / "about.md").write_text(
        "# О проекте\n\nСмотрите [план](plan.md#activity-1-1-1).\n", "utf-8"
    )

    result = build_site(project, monkeypatch)

    assert result.errors == [
        "docs/about.md:3: ссылка «plan.md#activity-1-1-1» ведёт на страницу plan.md, а её нет "
        "на сайте; возможно, имелось в виду «plan/index.md»"
    ]


def test_a_readme_beside_an_index_is_a_problem_of_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs leaves such a README.md out with an English warning, before any hook runs."""
    project = make_site(tmp_path)
    (project / "docs" / "guide").mkdir()
    (project / "docs" / "guide" / "index.md").write_text("# Авторам\n", "utf-8")
    (project / "docs" / "guide" / "README.md").write_text("# О папке\n", "utf-8")

    result = build_site(project, monkeypatch)

    assert (result.ok, result.warnings) == (False, [])
    assert result.errors == [
        "docs/guide/README.md: страница не попадёт на сайт: у неё тот же адрес, что у "
        "docs/guide/index.md, и сайт покажет только index.md; перенесите нужный текст туда, "
        "а этот файл удалите или переименуйте"
    ]
    assert result.abort_message == (
        "Содержимое не прошло проверку: 1 ошибка. Исправьте и повторите сборку."
    )


def test_an_anchor_of_evidence_must_exist_on_its_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_site(tmp_path)
    plan = project / "content" / "plan.yaml"
    plan.write_text(
        plan.read_text("utf-8").replace(
            "responsible: [ЦРО]",
            "responsible: [ЦРО]\n        evidence:\n"
            "          - title: Группа\n            page: plan/index.md#activity-1-1-2",
        ),
        "utf-8",
    )

    result = build_site(project, monkeypatch)

    assert result.errors == [
        "content/plan.yaml:29: поле «page»: на странице plan/index.md нет раздела "
        "«#activity-1-1-2»; возможно, имелось в виду «plan/index.md#activity-1-1-1»"
    ]


def test_make_check_finds_a_bad_link_without_building(tmp_path: Path) -> None:
    project = news_site(tmp_path, "Смотрите [план](../plan.md).")
    env = {**os.environ, "GITHUB_ACTIONS": "true", "NO_MKDOCS_2_WARNING": "1"}

    checked = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "check.py")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    message = (
        "ссылка «../plan.md» ведёт на страницу news/plan.md, а её нет на сайте; возможно, "
        "имелось в виду «../../plan/index.md»"
    )
    assert checked.returncode == 1
    assert checked.stderr.splitlines() == [
        f"{SOURCE}:11: {message}",
        "Содержимое не прошло проверку: 1 ошибка. Исправьте и повторите сборку.",
    ]
    assert checked.stdout.splitlines() == [f"::error file={SOURCE},line=11::{message}"]
    assert not (project / "site").exists()


def test_make_check_passes_good_content_with_the_summary(tmp_path: Path) -> None:
    project = make_site(tmp_path)

    checked = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "check.py")],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )

    assert (checked.returncode, checked.stderr) == (0, "")
    assert checked.stdout == (
        "Содержимое в порядке: в плане 2 мероприятия; публикуется: 0 новостей, 0 документов, "
        "0 материалов, 0 практик, 0 анонсов мероприятий.\n"
        "Пока нечего публиковать в разделах: Новости, Материалы, "
        "Банк практик, Мониторинг: показатели (на их страницах сказано, что записей пока нет).\n"
    )


def test_a_failing_build_that_make_check_passes_fails_the_test(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parity of tests.helpers.build_site can fail: here `make check` is made blind."""
    project = news_site(tmp_path, "Смотрите [план](../plan.md).")
    monkeypatch.setattr("tests.helpers.check", lambda *_, **__: CheckResult(summary="в порядке"))

    with pytest.raises(AssertionError, match="make check must refuse what the build refuses"):
        build_site(project, monkeypatch)
