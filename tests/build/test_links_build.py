"""Links between pages: the build and `make check` name the author's file and line in Russian.

MkDocs finds these while it renders the pages generated from news, materials and events,
and says so in English, naming ``news/2021/seminar.md``; hooks/site.py turns each into the
source's problem. Every failing build here is also run through `make check` by
tests.helpers.build_site (parity).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.check import CheckResult
from tests.build.test_events_build import PAST, make_events_site
from tests.helpers import REPO, build_site, edited_site, make_site

NEWS_ITEM = Path("content") / "news" / "2021-11-20-seminar.md"
SOURCE = NEWS_ITEM.as_posix()
EVENT_NAME = "2021-11-19-seminar"


def site_with(tmp_path: Path, entry: Path, text: str) -> Path:
    """The publications fixture with an event, and ``text`` appended to ``entry`` after an
    empty line (line 11 of the news item)."""
    project = make_events_site(tmp_path, **{EVENT_NAME: PAST})
    source = project / entry
    source.write_text(source.read_text("utf-8") + "\n" + text + "\n", "utf-8")
    return project


def news_site(tmp_path: Path, text: str) -> Path:
    return site_with(tmp_path, NEWS_ITEM, text)


# Where the appended text is, and how a link climbs out of the entry's page to the site's
# root: news/2021/seminar.md is one folder deeper than materials/formy.md.
ENTRIES = [
    pytest.param(NEWS_ITEM, 11, "../", id="news item"),
    pytest.param(Path("content") / "materials" / "formy.md", 12, "", id="material"),
    pytest.param(Path("content") / "events" / f"{EVENT_NAME}.md", 15, "", id="event"),
]
BAD_LINKS = [
    pytest.param(
        "Смотрите [план]({up}plan.md).",
        "ссылка «{up}plan.md» ведёт на страницу {folder}/plan.md, а её нет на сайте; возможно, "
        "имелось в виду «{up}../plan/index.md»",
        id="a page in the entry's folder",
    ),
    pytest.param(
        "Смотрите [консультации]({up}../plan/index.md#activity-2-2).",
        "ссылка «{up}../plan/index.md#activity-2-2» ведёт на раздел «#activity-2-2» страницы "
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
        "Смотрите [документы]({up}../documents).",
        "ссылка «{up}../documents» не ведёт ни на страницу, ни на файл сайта: в ссылке на "
        "страницу пишется имя её Markdown-файла; возможно, имелось в виду «{up}../documents.md»",
        id="a page without its file name",
    ),
    pytest.param(
        "Смотрите [приказ]({up}../files/prikaz.pdf).",
        "ссылка «{up}../files/prikaz.pdf» ведёт на файл files/prikaz.pdf, а его нет на сайте; "
        "проверьте имя файла и папку: путь пишется от этой страницы",
        id="a missing file",
    ),
]


@pytest.mark.parametrize(("entry", "line", "up"), ENTRIES)
@pytest.mark.parametrize(("text", "message"), BAD_LINKS)
def test_a_bad_link_in_an_entry_is_reported_at_its_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    entry: Path,
    line: int,
    up: str,
    text: str,
    message: str,
) -> None:
    project = site_with(tmp_path, entry, text.format(up=up))

    result = build_site(project, monkeypatch)

    assert not result.ok
    expected = message.format(up=up, folder=entry.parent.name)
    assert result.errors == [f"{entry.as_posix()}:{line}: {expected}"]
    assert result.warnings == []  # nothing in English reaches the author
    assert result.abort_message == (
        "Содержимое не прошло проверку: 1 ошибка. Исправьте и повторите сборку."
    )


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
    project = edited_site(
        tmp_path,
        "plan.yaml",
        "responsible: [ЦРО]",
        "responsible: [ЦРО]\n        evidence:\n"
        "          - title: Группа\n            page: plan/index.md#activity-1-1-2",
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
