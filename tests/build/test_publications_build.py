"""Builds of a tiny site with news, documents and materials (tests/fixtures/publications)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import feedparser
import pytest

from tests.helpers import FIXTURES, build_site, make_site

SITE_URL = "https://example.org/cro/"


def make_publications_site(tmp_path: Path) -> Path:
    """The minimal site with the news, documents and materials of the publications fixture."""
    project = make_site(tmp_path)
    shutil.copytree(FIXTURES / "publications", project, dirs_exist_ok=True)
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = make_publications_site(tmp_path_factory.mktemp("publications"))
    with pytest.MonkeyPatch.context() as monkeypatch:
        result = build_site(project, monkeypatch, site_url=SITE_URL)
    assert result.ok, result.errors
    return result


def text_of(html: str) -> str:
    """Visible text of an HTML fragment: tags removed, spaces collapsed, none before commas."""
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    return re.sub(r" ([,.»])", r"\1", text)


def test_the_build_is_clean(built):
    assert built.errors == [] and built.warnings == []


def test_news_item_page(built):
    html = built.page("news/2021/seminar/")

    assert "<h1" in html and "Семинар для кураторов" in html
    assert '<time datetime="2021-11-20">20 ноября 2021 г.</time>' in html
    assert '<img src="../../images/seminar.png" alt="Участники семинара за столом">' in html
    assert "Текст новости о <strong>семинаре</strong>." in html
    assert '<a href="../../../plan/#activity-2-1">2.1. Консультации</a>' in html
    assert "Образец оформления" not in html
    image = built.site_dir / "news" / "images" / "seminar.png"
    assert (
        image.read_bytes()
        == (FIXTURES / "publications/content/news/images/seminar.png").read_bytes()
    )


def test_a_sample_item_is_marked_and_a_draft_is_not_published(built):
    assert "Образец оформления." in built.page("news/2022/obrazets/")
    assert not (built.site_dir / "news" / "2022" / "chernovik").exists()
    assert "Черновик" not in built.page("news/")


def test_news_items_are_not_in_the_navigation(built):
    contacts = built.page("contacts/")

    assert 'href="../news/"' in contacts
    assert "news/2021/seminar" not in contacts and "news/2021/" not in contacts


def test_the_home_page_shows_the_latest_news(built):
    block = built.page("").split('id="latest-news-title"')[1].split("</section>")[0]

    assert re.findall(r'<a href="(news/[^"]+)">', block) == [
        "news/2022/obrazets/",
        "news/2021/seminar/",
    ]
    assert '<a class="md-button" href="news/">Все новости</a>' in block


def test_the_feed_is_valid_atom_with_absolute_links(built):
    feed = feedparser.parse(built.page("news/feed.xml"))

    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Новости — Тестовый сайт наставничества"
    assert feed.feed.link == "https://example.org/cro/news/"
    assert [(e.title, e.link, e.published) for e in feed.entries] == [
        (
            "Образец новости (образец оформления)",
            "https://example.org/cro/news/2022/obrazets/",
            "2022-03-01T00:00:00+03:00",
        ),
        (
            "Семинар для кураторов",
            "https://example.org/cro/news/2021/seminar/",
            "2021-11-20T00:00:00+03:00",
        ),
    ]
    assert feed.entries[1].summary == "Прошёл тестовый семинар."
    assert 'href="feed.xml"' in built.page("news/")


def test_documents_page(built):
    html = built.page("documents/")
    text = text_of(html)

    assert text.index("Федеральный уровень") < text.index("Муниципальный уровень")
    assert text.index("Муниципальный уровень") < text.index("Приказы")
    assert text.index("Приказы") < text.index("Методические рекомендации")
    # Newest first within a kind: the order of 05.10.2021 before the one of 04.10.2021.
    assert text.index("О создании рабочей группы") < text.index("Об утверждении плана")
    assert "Приказ УО от 05.10.2021 № 1" in text
    assert (
        '<a href="prikaz-1.pdf" download aria-label="Скачать: О создании рабочей группы, '
        'PDF, 218 Б">Скачать</a> <span class="document__file">(PDF, 218 Б)</span>'
    ) in html
    assert '<a href="https://example.org/r-1">Текст на сайте издателя</a>' in html
    assert '<a href="../plan/">Открыть на этом сайте</a>' in html
    assert "Рекомендации кураторам Методические рекомендации ЦРО от 01.02.2022" in text
    assert "Текст документа на сайте не размещён." in text
    published = built.site_dir / "documents" / "prikaz-1.pdf"
    assert (
        published.read_bytes()
        == (FIXTURES / "publications/content/documents/prikaz-1.pdf").read_bytes()
    )


def test_materials_page_lists_articles_and_recommendations(built):
    text = text_of(built.page("materials/"))

    assert "10 мая 2022 г. Формы наставничества Какие бывают формы." in text
    assert "Рекомендации кураторам" in text
    assert "О создании рабочей группы" not in text  # a приказ is not a material


def test_material_page_includes_the_forms_from_forms_yaml(built):
    html = built.page("materials/formy/")

    assert "<dt>«ученик – ученик»</dt>" in html
    assert "<dd>Опытный педагог помогает молодому.</dd>" in html
    assert "Наставничество педагогических работников" in html


def test_plan_lists_every_reference_under_execution(built):
    html = built.page("plan/")
    row_2_1 = html.split('id="activity-2-1"')[1].split("</tr>")[0]
    row_1_1_1 = html.split('id="activity-1-1-1"')[1].split("</tr>")[0]

    assert text_of(row_2_1).split("Исполнение:")[1].strip() == (
        "Материал: Формы наставничества, 10.05.2022 "
        "Новость: Семинар для кураторов, 20.11.2021 "
        "Документ: Приказ УО от 05.10.2021 № 1 «О создании рабочей группы», 05.10.2021"
    )
    assert '<a href="../news/2021/seminar/">Семинар для кураторов</a>' in row_2_1
    assert '<a href="../documents/#document-prikaz-1">' in row_2_1
    assert text_of(row_1_1_1).split("Исполнение:")[1].strip() == (
        "Новость: Образец новости, 01.03.2022 (образец оформления, не подтверждение)"
    )
    # A sample is listed, but only 2.1 counts as confirmed.
    assert "С подтверждением исполнения: 1" in html and "Без подтверждения: 1" in html


def write_news(project: Path, name: str, text: str) -> None:
    (project / "content" / "news" / name).write_text(text, "utf-8")


def write_news_series(
    project: Path, first: dt.date, count: int, name: str, title: str, more: str = ""
) -> None:
    """``count`` news a day apart from ``first``: «{title} 1» in ``{first}-{name}-1.md`` and
    so on; ``more`` is further front matter of each."""
    for number in range(1, count + 1):
        day = first + dt.timedelta(days=number - 1)
        write_news(
            project,
            f"{day.isoformat()}-{name}-{number}.md",
            f"---\ntitle: {title} {number}\nsummary: Анонс.\n{more}---\nТекст.\n",
        )


def test_pagination_and_yearly_archives(tmp_path, monkeypatch):
    project = make_publications_site(tmp_path)
    write_news_series(project, dt.date(2023, 1, 1), 22, "novost", "Новость")

    result = build_site(project, monkeypatch)

    assert result.ok, result.errors
    titles = {
        page: re.findall(r'class="entry-card__title"><a href="[^"]+">([^<]+)<', result.page(page))
        for page in ("news/", "news/page/2/", "news/page/3/", "news/2021/", "news/2023/")
    }
    assert titles["news/"] == [f"Новость {day}" for day in range(22, 12, -1)]
    assert titles["news/page/2/"] == [f"Новость {day}" for day in range(12, 2, -1)]
    assert titles["news/page/3/"] == [
        "Новость 2",
        "Новость 1",
        "Образец новости",
        "Семинар для кураторов",
    ]
    assert titles["news/2021/"] == ["Семинар для кураторов"]
    assert len(titles["news/2023/"]) == 22
    second = result.page("news/page/2/")
    assert '<a href="../../" rel="prev">← Более новые</a>' in second
    assert '<a href="../3/" rel="next">Более ранние →</a>' in second
    assert '<span aria-current="page">2</span>' in second
    assert '<a href="../../2021/">2021</a>' in second
    # Only the first page of the list is searched; further pages hold nothing but the list.
    assert "data-pagefind-body" in result.page("news/")
    assert "data-pagefind-body" not in second
    home = result.page("")
    assert re.findall(r'<h3 class="entry-card__title"><a href="[^"]+">([^<]+)<', home) == [
        "Новость 22",
        "Новость 21",
        "Новость 20",
    ]
    # Without site_url there are no absolute links, hence no feed and no link to it.
    assert not (result.site_dir / "news" / "feed.xml").exists()
    assert "feed.xml" not in result.page("news/")


def test_pagination_of_a_long_list_links_the_ends_and_the_neighbours(tmp_path, monkeypatch):
    project = make_publications_site(tmp_path)
    # With the fixture's 3: 79 items, 8 pages.
    write_news_series(project, dt.date(2023, 1, 2), 76, "novost", "Новость")

    result = build_site(project, monkeypatch)

    assert result.ok, result.errors
    pagination = re.search(r'<nav class="news-pagination".*?</nav>', result.page("news/"), re.S)
    assert pagination is not None
    assert text_of(pagination.group(0)) == "1 2 3 … 8 Более ранние →"
    last = re.search(r'<nav class="news-pagination".*?</nav>', result.page("news/page/8/"), re.S)
    assert last is not None
    assert text_of(last.group(0)) == "← Более новые 1 … 6 7 8"


def test_samples_hidden_by_site_yaml(tmp_path, monkeypatch):
    project = make_publications_site(tmp_path)
    site = project / "content" / "site.yaml"
    site.write_text(site.read_text("utf-8") + "show_samples: false\n", "utf-8")

    result = build_site(project, monkeypatch)

    assert result.ok, result.errors
    assert not (result.site_dir / "news" / "2022" / "obrazets").exists()
    assert "Образец" not in result.page("news/") and "Образец" not in result.page("plan/")


def test_a_document_as_plan_evidence_links_to_its_entry(tmp_path, monkeypatch):
    project = make_publications_site(tmp_path)
    plan = project / "content" / "plan.yaml"
    plan.write_text(
        plan.read_text("utf-8").replace(
            "responsible: [УО, ЦРО]",
            "responsible: [УО, ЦРО]\n            evidence:\n              - document: plan-prikaz",
        ),
        "utf-8",
    )

    result = build_site(project, monkeypatch)

    assert result.ok, result.errors
    assert (
        '<li><a href="../documents/#document-plan-prikaz">Приказ УО от 04.10.2021 № 2 '
        "«Об утверждении плана»</a></li>"
    ) in result.page("plan/")


def test_bad_content_stops_the_build_with_every_problem(tmp_path, monkeypatch):
    project = make_publications_site(tmp_path)
    write_news(project, "2021-11-20-dubl.md", "---\ntitle: Д\nsummary: Д.\nslug: seminar\n---\n")
    write_news(project, "novost.md", '---\ntitle: Н\nsummary: Н.\nplan: ["2.2"]\n---\n')
    documents = project / "content" / "documents.yaml"
    documents.write_text(
        documents.read_text("utf-8").replace("file: prikaz-1.pdf", "file: prikaz-1.odg"), "utf-8"
    )

    result = build_site(project, monkeypatch)

    assert not result.ok
    assert result.errors == [
        "content/documents.yaml:9: поле «file»: тип файла «.odg» не подходит; допустимые типы: "
        "pdf, doc, docx, odt, xls, xlsx, ods, ppt, pptx, odp, jpg, png; сохраните файл "
        "в одном из них",
        "content/news/2021-11-20-seminar.md:1: адрес /news/2021/seminar/ уже занят: его получает "
        "content/news/2021-11-20-dubl.md; задайте одной из записей другое поле slug или "
        "переименуйте файл",
        "content/news/novost.md: имя файла новости должно иметь вид ГГГГ-ММ-ДД-название.md, "
        "например 2021-11-20-seminar.md; переименуйте файл",
        "content/news/novost.md:4: поле «plan»: в плане нет мероприятия «2.2»; возможно, "
        'имелось в виду «2.1»; номера мероприятий — в content/plan.yaml, например "5.2"',
    ]
    assert result.abort_message == (
        "Содержимое не прошло проверку: 4 ошибки. Исправьте и повторите сборку."
    )


def test_the_plan_lists_the_newest_references_and_the_activity_page_all(tmp_path, monkeypatch):
    """Hundreds of news on one activity must not make the plan page grow: its table shows
    the newest, the activity's own pages (a list in pages) show every one."""
    project = make_publications_site(tmp_path)
    write_news_series(project, dt.date(2023, 2, 1), 28, "otchet", "Отчёт", 'plan: ["2.1"]\n')

    result = build_site(project, monkeypatch)

    assert result.ok, result.errors
    row = result.page("plan/").split('id="activity-2-1"')[1].split("</tr>")[0]
    assert re.findall(r"<li>(\w+): <a [^>]+>([^<]+)</a>", row) == [
        ("Новость", "Отчёт 28"),
        ("Новость", "Отчёт 27"),
        ("Новость", "Отчёт 26"),
    ]
    assert (
        '<a class="plan-evidence__all" href="activity-2-1/">'
        "Все материалы о мероприятии 2.1 (31)</a>" in row
    )
    listed = []
    for page in ("plan/activity-2-1/", "plan/activity-2-1/page/2/"):
        html = result.page(page)
        assert "Исполнение мероприятия 2.1" in html
        listed += re.findall(r'<li>\w+: <a href="[^"]+">([^<]+)</a>', html)
    assert listed == [f"Отчёт {day}" for day in range(28, 0, -1)] + [
        "Формы наставничества",
        "Семинар для кураторов",
        "Приказ УО от 05.10.2021 № 1 «О создании рабочей группы»",
    ]
    assert "Страница 1 из 2: 1–30 из 31" in result.page("plan/activity-2-1/")
    assert not (result.site_dir / "plan" / "activity-1-1-1").exists()  # one reference only
