"""The preview job's changed-pages summary, run as the job runs it on two built sites.

A scratch "pull request" edits one news item (and, in a second case, adds and removes one):
the base and head are built from the same fixture with the same build date, then
``python -m mentoring.publish.sitediff`` compares them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mentoring.publish.sitediff import compare, normalized
from tests.helpers import FIXTURES, build_site, make_site

PREVIEW = "https://cro.github.io/mentoring/previews/pr-7/"
LIVE = "https://cro.github.io/mentoring/"
NEWS = Path("content") / "news"


def publications_project(tmp_path: Path, name: str) -> Path:
    project = make_site(tmp_path / name)
    shutil.copytree(FIXTURES / "publications", project, dirs_exist_ok=True)
    return project


def built(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    result = build_site(project, monkeypatch)
    assert result.ok, result.errors
    return result.site_dir


@pytest.fixture(scope="module")
def base_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = publications_project(tmp_path_factory.mktemp("base"), "base")
    with pytest.MonkeyPatch.context() as monkeypatch:
        return built(project, monkeypatch)


def run_preview_script(base: Path, head: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """The command of the preview job in .github/workflows/preview.yml."""
    command = ["-m", "mentoring.publish.sitediff", str(base), str(head), "--preview-url", PREVIEW]
    return subprocess.run(
        [sys.executable, *command, "--live-url", LIVE, *options],
        capture_output=True,
        text=True,
        check=False,
    )


def test_one_edited_news_item_is_the_one_changed_page(
    base_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    head = publications_project(tmp_path, "head")
    item = head / NEWS / "2021-11-20-seminar.md"
    item.write_text(
        item.read_text("utf-8").replace("Текст новости", "Исправленный текст новости"), "utf-8"
    )

    changed = tmp_path / "changed-pages.txt"

    result = run_preview_script(base_site, built(head, monkeypatch), "--list", str(changed))

    assert (result.returncode, result.stderr) == (0, "")
    assert changed.read_text("utf-8") == "/news/2021/seminar/\n"  # for the accessibility check
    assert result.stdout == (
        "### Предпросмотр сайта\n"
        "\n"
        f"Сайт с изменениями этого запроса: {PREVIEW}\n"
        "\n"
        "Затронуто: 1 страница (добавлено 0, изменено 1, удалено 0).\n"
        "\n"
        "**Изменены**\n"
        "\n"
        f"- [Семинар для кураторов]({PREVIEW}news/2021/seminar/) — `/news/2021/seminar/`\n"
    )


def test_added_and_removed_items_are_listed_with_the_pages_that_list_them(
    base_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    head = publications_project(tmp_path, "head")
    (head / NEWS / "2021-11-20-seminar.md").unlink()
    (head / NEWS / "2022-05-10-vstrecha.md").write_text(
        "---\ntitle: Встреча наставников\nsummary: Прошла встреча.\n---\n\nТекст.\n", "utf-8"
    )

    diff = compare(base_site, built(head, monkeypatch))

    assert [(page.url, page.title) for page in diff.added] == [
        ("news/2022/vstrecha/", "Встреча наставников")
    ]
    assert [(page.url, page.title) for page in diff.removed] == [
        ("news/2021/", "Новости за 2021 год"),
        ("news/2021/seminar/", "Семинар для кураторов"),
    ]
    # The home page's latest news, the 2022 archive, the news list and the plan's evidence.
    assert [page.url for page in diff.changed] == ["", "news/2022/", "news/", "plan/"]


def test_two_builds_of_the_same_content_differ_in_nothing_a_reader_sees(
    base_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    again = built(publications_project(tmp_path, "again"), monkeypatch)

    result = run_preview_script(base_site, again)

    assert result.stdout.endswith("Страницы сайта не изменились.\n")


def test_volatile_bits_are_blanked_and_content_is_not() -> None:
    page = (
        '<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">'
        '<script src="assets/javascripts/bundle.a5f9d56c.min.js"></script><p>Текст</p>'
    )
    other = page.replace("9.8.2", "9.8.3").replace("a5f9d56c", "0123abcd")

    assert normalized(page) == normalized(other)
    assert normalized(page) != normalized(page.replace("Текст", "Текст."))


def test_a_folder_without_a_site_is_refused_in_russian(base_site: Path, tmp_path: Path) -> None:
    result = run_preview_script(base_site, tmp_path)

    assert result.returncode == 2
    assert result.stderr == f"{tmp_path}: здесь нет собранного сайта (нет index.html)\n"
