"""`make serve` rebuilds only what an edit touches (hooks/serve.py, mentoring/core/incremental.py),
and what it publishes is the site a full build makes of the same content."""

from __future__ import annotations

import filecmp
from pathlib import Path

from mkdocs.config import load_config

from mentoring.core.incremental import BuildMemory
from mentoring.kinds.registry import entry_folders
from tests.build.test_serve_problems import serve
from tests.helpers import make_site, repository_project

PRACTICE = Path("content/practices/proforientatsionnye-proby.md")
PAGE = Path("practices/proforientatsionnye-proby/index.html")
# Shares a form with «Наставничество руководителя», whose page lists it as related.
RELATED = Path("content/practices/Клуб молодого педагога.md")
ATTACHMENT = Path("content/practices/nastavniki-starsheklassniki/programma-obrazets.pdf")
ATTACHMENT_PAGE = Path("practices/nastavniki-starsheklassniki/index.html")
NEWS_ITEM = Path("content/news/2021-11-20-obrazets-novosti-o-seminare.md")  # plan: 2.1
# Nothing of the practice is on them: the list of news, a hand-written page.
UNTOUCHED = (Path("news/index.html"), Path("guide/plan/index.html"))


def build_like_serve(project: Path, site: Path, memory: BuildMemory | None) -> Path:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    serve.build_or_show_problems(config, memory=memory, serve_url="http://127.0.0.1:8000/")
    return site


def first_serve_build(tmp_path: Path) -> tuple[Path, Path, BuildMemory]:
    """A copy of the repository, the site a `make serve` session builds of it first and the
    session's memory."""
    project = repository_project(tmp_path)
    memory = BuildMemory(entry_folders())
    return project, build_like_serve(project, tmp_path / "site", memory), memory


def text_and_title(entry: Path) -> tuple[str, str]:
    """An entry's text and its «title:» line."""
    text = entry.read_text("utf-8")
    return text, next(line for line in text.splitlines() if line.startswith("title:"))


def differences(one: Path, other: Path) -> list[str]:
    """Files that differ or exist on one side only (the search index aside)."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in compared.left_only + compared.right_only)
        found.extend(prefix + name for name in compared.diff_files)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(one, other, ignore=["pagefind"]), "")
    return found


def test_an_edit_rebuilds_its_page_an_error_shows_and_the_fix_brings_the_site_back(
    tmp_path: Path, fixed_epoch: str
) -> None:
    project, site, memory = first_serve_build(tmp_path)
    practice = project / PRACTICE
    original = practice.read_text("utf-8")
    untouched = {page: (site / page).stat().st_mtime_ns for page in UNTOUCHED}
    index = (site / "pagefind" / "pagefind.js").stat().st_mtime_ns

    practice.write_text(original + "\nПравка, которую видно после сохранения.\n", "utf-8")
    build_like_serve(project, site, memory)

    assert "Правка, которую видно после сохранения." in (site / PAGE).read_text("utf-8")
    assert {page: (site / page).stat().st_mtime_ns for page in UNTOUCHED} == untouched
    assert (site / "pagefind" / "pagefind.js").stat().st_mtime_ns == index  # no Pagefind
    full = build_like_serve(project, tmp_path / "full", None)
    assert differences(site, full) == []

    practice.write_text(original.replace("title:", "titl:", 1), "utf-8")
    build_like_serve(project, site, memory)

    page = (site / "index.html").read_text("utf-8")
    assert "<h1>Сайт не собран</h1>" in page
    assert f"<code>{PRACTICE.as_posix()}:" in page
    assert "неизвестное поле; возможно, имелось в виду «title»" in page

    practice.write_text(original, "utf-8")
    build_like_serve(project, site, memory)

    assert "Сайт не собран" not in (site / "index.html").read_text("utf-8")
    assert "Правка, которую видно" not in (site / PAGE).read_text("utf-8")
    full = build_like_serve(project, tmp_path / "full", None)
    assert differences(site, full) == []


def related_section(page: Path) -> str:
    return (
        page.read_text("utf-8").partition('<ul class="practice-related">')[2].partition("</ul>")[0]
    )


def test_a_new_title_reaches_the_pages_that_list_the_practice_as_related(
    tmp_path: Path, fixed_epoch: str
) -> None:
    """A practice page that shows the edited practice among its related ones is made again
    though its own entry did not change; one that does not show it is left as it was."""
    project, site, memory = first_serve_build(tmp_path)
    practice = project / RELATED
    original, title = text_and_title(practice)
    pages = list((site / "practices").glob("*/index.html"))
    old_title = title.removeprefix("title:").strip()
    relating = [page for page in pages if old_title in related_section(page)]
    others = [page for page in pages if old_title not in page.read_text("utf-8")]
    assert relating and others
    written = {page: page.stat().st_mtime_ns for page in others}

    practice.write_text(
        original.replace(title, "title: Клуб педагогов, новое название", 1), "utf-8"
    )
    build_like_serve(project, site, memory)

    for page in relating:
        assert "Клуб педагогов, новое название" in related_section(page), page
    assert {page: page.stat().st_mtime_ns for page in others} == written  # not made again
    full = build_like_serve(project, tmp_path / "full", None)
    assert differences(site, full) == []


def test_a_replaced_attachment_is_checked_and_labelled_again(
    tmp_path: Path, fixed_epoch: str
) -> None:
    """A practice checked at an earlier build is checked again when a file it publishes
    changes, though its text did not: the new size shows, a broken file stops the build."""
    project, site, memory = first_serve_build(tmp_path)
    attachment = project / ATTACHMENT
    original = attachment.read_bytes()
    label = attachment_label(site)

    attachment.write_bytes(original + b"\n%" + b"0" * 300_000 + b"\n")
    build_like_serve(project, site, memory)

    assert attachment_label(site) != label
    assert (site / ATTACHMENT_PAGE.parent / ATTACHMENT.name).read_bytes() == attachment.read_bytes()
    full = build_like_serve(project, tmp_path / "full", None)
    assert differences(site, full) == []

    attachment.write_bytes(b"PK\x03\x04 not a PDF")
    build_like_serve(project, site, memory)

    page = (site / "index.html").read_text("utf-8")
    assert "<h1>Сайт не собран</h1>" in page
    assert f"файл {ATTACHMENT.as_posix()} по содержимому не PDF" in page


def attachment_label(site: Path) -> str:
    """The download link's «PDF, 1,2 КБ»."""
    page = (site / ATTACHMENT_PAGE).read_text("utf-8")
    return page.partition(ATTACHMENT.name)[2].partition("PDF, ")[2].partition("<")[0]


def test_a_news_title_reaches_the_lists_and_the_plan(tmp_path: Path, fixed_epoch: str) -> None:
    """The news lists, the plan's exports and the home page (a hand-written page with a
    block of the latest news) name the item: made again."""
    project, site, memory = first_serve_build(tmp_path)
    item = project / NEWS_ITEM
    original, title = text_and_title(item)

    item.write_text(original.replace(title, "title: Семинар наставников, новое название"), "utf-8")
    build_like_serve(project, site, memory)

    for page in ("news/index.html", "news/2021/index.html", "plan/plan.csv", "index.html"):
        assert "Семинар наставников, новое название" in (site / page).read_text("utf-8"), page
    full = build_like_serve(project, tmp_path / "full", None)
    assert differences(site, full) == []


def test_a_link_to_an_anchor_that_an_edit_removed_is_found_in_a_page_not_read_again(
    tmp_path: Path, fixed_epoch: str
) -> None:
    """The hand-written home page is not read again when a practice changes, yet its link
    to a section of the practice's page is checked against the sections the page has now:
    the preview refuses as a full build does."""
    project = make_site(tmp_path, "minimal", "practices")
    practice = project / "content" / "practices" / "folder-practice" / "index.md"
    original = practice.read_text("utf-8") + "\n## Программа {#programma}\n\nТекст.\n"
    practice.write_text(original, "utf-8")
    home = project / "docs" / "index.md"
    link = "practices/folder-practice/index.md#programma"
    home.write_text(home.read_text("utf-8") + f"\nСмотрите [программу]({link}).\n", "utf-8")
    memory = BuildMemory(entry_folders())
    site = build_like_serve(project, tmp_path / "site", memory)
    written = (site / "index.html").stat().st_mtime_ns

    practice.write_text(original + "\nЕщё абзац.\n", "utf-8")
    build_like_serve(project, site, memory)

    assert (site / "index.html").stat().st_mtime_ns == written  # not read, not written again

    practice.write_text(original.replace("{#programma}", "{#plan}"), "utf-8")
    build_like_serve(project, site, memory)

    page = (site / "index.html").read_text("utf-8")
    assert "<h1>Сайт не собран</h1>" in page
    assert f"<code>docs/index.md:5</code>: ссылка «{link}» ведёт на раздел «#programma»" in page
    full = build_like_serve(project, tmp_path / "full", None)
    assert differences(site, full) == []
