"""The search index core: section labels of pages and Pagefind run over a built site."""

from __future__ import annotations

import gzip
import json
import stat
from pathlib import Path

import pytest

from mentoring.search.index import (
    PagefindIndexer,
    SearchIndexError,
    build_index,
    is_entry,
    searchable_part,
    section_of,
)

PAGE = """<!doctype html>
<html lang="{lang}"><head><title>{title}</title></head>
<body><nav>Меню сайта</nav>
<main data-pagefind-body><h1>{title}</h1><p>{text}</p></main></body></html>
"""


def write_page(site: Path, path: str, title: str, text: str, lang: str = "ru") -> None:
    file = site / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(PAGE.format(lang=lang, title=title, text=text), "utf-8")


@pytest.mark.parametrize(
    ("url", "section", "entry"),
    [
        ("", "Главная", False),
        ("index.html", "Главная", False),
        ("plan/", "План", False),
        ("plan/index.html", "План", False),
        ("plan/#activity-1-1-1", "План", False),
        ("practices/", "Практики", False),
        ("practices/klub/", "Практики", True),
        ("practices/klub.html", "Практики", True),
        ("news/2024/vstrecha/", "Новости", True),
        ("contacts.html", "Контакты", False),
        ("o-proekte/", "Заголовок страницы", False),
    ],
)
def test_section_and_entry_come_from_the_first_url_segment(
    url: str, section: str, entry: bool
) -> None:
    assert section_of(url, "Заголовок страницы") == section
    assert is_entry(url) is entry


def test_build_index_writes_a_russian_bundle_and_reports_figures(tmp_path: Path) -> None:
    write_page(tmp_path, "index.html", "Главная", "Программа наставничества")
    write_page(tmp_path, "news/a/index.html", "Встреча", "Наставники провели встречу")
    stale = tmp_path / "pagefind" / "fragment" / "old.pf_fragment"
    stale.parent.mkdir(parents=True)
    stale.write_text("from an earlier build")

    stats = build_index(tmp_path)

    bundle = tmp_path / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["ru"]
    assert stats.pages == 2
    assert stats.languages == {"ru": 2}
    assert (bundle / "pagefind.js").is_file()
    assert not (bundle / "pagefind-ui.js").exists()  # the site has its own search interface
    assert not stale.exists()
    files = [path for path in bundle.rglob("*") if path.is_file()]
    assert stats.files == len(files)
    assert stats.bytes == sum(path.stat().st_size for path in files)
    assert stats.seconds >= stats.final_seconds > 0


def test_pages_in_another_language_are_counted_apart(tmp_path: Path) -> None:
    write_page(tmp_path, "index.html", "Главная", "Программа наставничества")
    write_page(tmp_path, "en/index.html", "Home", "Mentoring programme", lang="en")

    assert build_index(tmp_path).languages == {"ru": 1, "en": 1}


def test_a_site_without_pages_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "404.html").write_text("<html lang=ru><body><h1>Нет страницы</h1></body></html>")

    with pytest.raises(SearchIndexError) as error:
        build_index(tmp_path)
    assert str(error.value) == (
        "на сайте нет ни одной страницы для поиска (с атрибутом data-pagefind-body)"
    )
    assert not (tmp_path / "pagefind").exists()


def test_pages_are_indexed_as_they_are_handed_over_and_unmarked_ones_are_left_out(
    tmp_path: Path,
) -> None:
    indexer = PagefindIndexer(tmp_path / "pagefind")
    indexer.add_page("plan/index.html", PAGE.format(lang="ru", title="План", text="Семинар"))
    indexer.add_page("404.html", "<html lang=ru><body><p>Страница не найдена</p></body></html>")
    indexer.add_page("news/a/index.html", PAGE.format(lang="ru", title="Встреча", text="Итоги"))

    stats = indexer.finish()

    assert (indexer.pages, stats.pages, stats.languages) == (2, 2, {"ru": 2})
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
    assert indexer.exit_code is not None, "Pagefind is left running"


def test_an_index_finished_in_the_background_is_waited_for(tmp_path: Path) -> None:
    indexer = PagefindIndexer(tmp_path / "pagefind")
    indexer.add_searchable_part(
        "plan/index.html", searchable_part(PAGE.format(lang="ru", title="План", text="Семинар"))
    )
    indexer.add_searchable_part("404.html", "<html lang=ru><body><p>Не найдена</p></body></html>")

    indexer.start_finishing()
    stats = indexer.finish()

    assert (indexer.pages, stats.pages, stats.languages) == (1, 1, {"ru": 1})
    assert stats.final_seconds <= stats.seconds
    assert (tmp_path / "pagefind" / "pagefind-entry.json").is_file()
    assert indexer.exit_code is not None, "Pagefind is left running"


def test_closing_an_unfinished_index_stops_pagefind_and_writes_nothing(tmp_path: Path) -> None:
    indexer = PagefindIndexer(tmp_path / "pagefind")
    indexer.add_page("index.html", PAGE.format(lang="ru", title="Главная", text="Текст"))

    indexer.close()

    assert indexer.exit_code is not None
    assert not (tmp_path / "pagefind").exists()


def test_a_missing_pagefind_program_is_a_russian_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_page(tmp_path, "index.html", "Главная", "Текст")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))

    with pytest.raises(SearchIndexError) as error:
        build_index(tmp_path)
    assert str(error.value) == (
        "не найдена программа Pagefind (пакет pagefind[bin]); переустановите зависимости: make venv"
    )


def fake_pagefind(tmp_path: Path, script: str) -> str:
    program = tmp_path / "fake-pagefind"
    program.write_text("#!/bin/sh\n" + script + "\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return str(program)


def test_a_pagefind_that_dies_is_a_russian_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_page(tmp_path / "site", "index.html", "Главная", "Текст")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", fake_pagefind(tmp_path, "sleep 0.3; exit 3"))

    with pytest.raises(SearchIndexError) as error:
        build_index(tmp_path / "site")
    assert str(error.value) == "Pagefind неожиданно завершил работу (код 3)"


def test_a_program_that_does_not_speak_the_service_protocol_is_a_russian_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_page(tmp_path / "site", "index.html", "Главная", "Текст")
    program = fake_pagefind(tmp_path, "echo 'error: no!,'; sleep 5")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", program)

    with pytest.raises(SearchIndexError) as error:
        build_index(tmp_path / "site", timeout_s=30)
    assert str(error.value) == "Pagefind ответил непонятно: «error: no!»"


def test_a_pagefind_that_hangs_is_stopped_after_the_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_page(tmp_path / "site", "index.html", "Главная", "Текст")
    pid_file = tmp_path / "pid"
    hang = f"echo $$ > {pid_file}; exec sleep 60"
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", fake_pagefind(tmp_path, hang))

    with pytest.raises(SearchIndexError) as error:
        build_index(tmp_path / "site", timeout_s=0.5)
    assert str(error.value) == "Pagefind не закончил работу за 0.5 с"
    assert not Path(f"/proc/{pid_file.read_text().strip()}").exists(), "the process is left"


def indexed_texts(bundle: Path) -> dict[str, str]:
    """URL → text that Pagefind keeps for each page (its gzipped JSON fragments)."""
    texts = {}
    for fragment in (bundle / "fragment").iterdir():
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        texts[data["url"]] = data["content"]
    return texts


def test_lists_of_entries_are_left_out_of_the_text_of_the_page_that_lists_them(
    tmp_path: Path,
) -> None:
    cards = (
        '<section class="practice-list"><h2>Практики</h2><p>Клуб молодого педагога</p></section>'
        '<ul class="entry-list"><li>Семинар наставников</li></ul>'
    )
    write_page(tmp_path, "practices/index.html", "Банк практик", "Лучшие практики. " + cards)
    write_page(tmp_path, "practices/klub/index.html", "Клуб молодого педагога", "Встречи")

    build_index(tmp_path)

    texts = indexed_texts(tmp_path / "pagefind")
    assert texts["/practices/"] == "Банк практик. Лучшие практики."
    assert "Клуб молодого педагога" in texts["/practices/klub/"]


THEMED_PAGE = """<!doctype html>
<html lang="ru" class="no-js"><head><title>План</title><script>var x = 1;</script></head>
<body><header>Поиск по сайту</header><nav>Меню: План, Новости</nav>
<main><article class="md-content__inner">
<div class="page-content" data-pagefind-body data-pagefind-meta="section:План">
<h1>План</h1><p>Семинар <span data-pagefind-filter="year:2022">2022</span></p>
</div>
</article></main><footer>© ЦРО</footer></body></html>
"""


def test_pagefind_gets_only_the_language_and_the_searchable_element_of_a_page() -> None:
    assert searchable_part(THEMED_PAGE) == (
        '<!doctype html><html lang="ru" class="no-js"><body>'
        '<div class="page-content" data-pagefind-body data-pagefind-meta="section:План">\n'
        '<h1>План</h1><p>Семинар <span data-pagefind-filter="year:2022">2022</span></p>\n'
        "</div>\n</body></html>"
    )


def test_a_page_of_another_shape_is_handed_over_whole() -> None:
    page = PAGE.format(lang="ru", title="Главная", text="Текст")  # no <article>

    assert searchable_part(page) == page
