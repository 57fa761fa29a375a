"""Build tests of the bank of practices on the tiny fixture site (minimal + practices)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO, BuildResult, build_site, make_site, real_config


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_site(tmp_path, "minimal", "practices")


def append(file: Path, text: str) -> None:
    file.write_text(file.read_text("utf-8") + text, "utf-8")


def card_titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="practice-card__title"><a href="[^"]*">(.*?)</a></h3>', html)


def fixture_nav(items: list, docs: Path) -> list:
    """The real nav without hand-written pages the fixture lacks (generated ones stay)."""
    kept = []
    for item in items:
        (title, value), *_ = item.items() if isinstance(item, dict) else [(None, item)]
        if isinstance(value, list):
            value = fixture_nav(value, docs)
        elif (REPO / "docs" / value).exists() and not (docs / value).exists():
            continue
        kept.append({title: value} if title else value)
    return kept


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The fixture site, built once, with the real nav: pages left out of the nav without
    being marked so would be warned about."""
    project = make_site(tmp_path_factory.mktemp("bank"), "minimal", "practices")
    config_file = project / "mkdocs.yml"
    config = yaml.load(config_file.read_text("utf-8"), Loader=yaml.Loader)
    config["nav"] = fixture_nav(real_config()["nav"], project / "docs")
    config["validation"] = {"nav": {"omitted_files": "warn"}}
    config_file.write_text(yaml.dump(config, allow_unicode=True), "utf-8")
    append(project / "content" / "site.yaml", 'practices_plan: ["2.1"]\n')
    with pytest.MonkeyPatch.context() as monkeypatch:
        result = build_site(project, monkeypatch)
    assert result.ok, [*result.errors, result.abort_message]
    return result


def test_strict_build_has_no_warnings_with_entries_out_of_nav(built: BuildResult) -> None:
    assert built.warnings == []
    nav = re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*(.*?)\s*<',
                     built.page("practices/"), re.S)  # fmt: skip
    assert "Клуб молодого педагога" not in nav


def test_index_lists_cards_newest_first_with_counts(built: BuildResult) -> None:
    index = built.page("practices/")
    assert card_titles(index) == ["Практика-образец", "Клуб молодого педагога", "Практика-папка"]
    assert "В банке 3 практики из 3 организаций. Сначала новые." in index
    assert (
        '<a href="form/pedagog-pedagog/">педагог – педагог</a> '
        '<span class="practice-facets__count"><span aria-hidden="true">2</span>'
        '<span class="visually-hidden">2 практики</span></span>'
    ) in index
    assert '<option value="2024" data-label="2024">2024 (1)</option>' in index
    assert '<option value="adaptatsiia" data-label="Адаптация">Адаптация (2)</option>' in index
    assert (
        'data-form="uchenik-uchenik pedagog-pedagog" data-organization="school-2" '
        'data-year="2023" data-tag="adaptatsiia"'
    ) in index


@pytest.mark.parametrize(
    ("url", "titles"),
    [
        ("practices/form/pedagog-pedagog/", ["Клуб молодого педагога", "Практика-папка"]),
        ("practices/form/uchenik-uchenik/", ["Практика-образец", "Практика-папка"]),
        ("practices/organization/school-1/", ["Клуб молодого педагога"]),
        ("practices/year/2023/", ["Практика-папка"]),
        ("practices/tag/adaptatsiia/", ["Клуб молодого педагога", "Практика-папка"]),
        ("organizations/school-2/", ["Практика-папка"]),
    ],
)
def test_static_pages_filter_without_javascript(
    built: BuildResult, url: str, titles: list[str]
) -> None:
    assert card_titles(built.page(url)) == titles


def test_facet_page_marks_the_current_value(built: BuildResult) -> None:
    page = built.page("practices/year/2023/")
    assert '<a href="" aria-current="page">2023</a>' in page  # a link to the page itself
    assert "1 практика из 3 в банке." in page


def test_facet_pages_link_to_lists_that_grow_with_the_bank_instead_of_repeating_them(
    built: BuildResult,
) -> None:
    page = built.page("practices/year/2023/")
    groups = re.findall(
        r'<div class="practice-facets__group" id="facets-(\w+)">(.*?)</div>', page, re.S
    )
    listed = {kind: "practice-facets__list" in group for kind, group in groups}
    assert listed == {"form": True, "organization": False, "year": True, "tag": False}
    assert (
        '<a href="../../../organizations/">Все организации</a> '
        '<span class="practice-facets__count"><span aria-hidden="true">3</span>'
        '<span class="visually-hidden">3 организации</span></span>'
    ) in page
    assert '<a href="../../tag/">Все метки</a>' in page
    index = built.page("practices/")
    assert index.count('href="organization/') == 3  # as few as the menu's limit: all shown
    assert index.count('href="tag/') == 2
    assert "Все организации" not in index and "Все метки" not in index
    tags = built.page("practices/tag/")  # where «Все метки» leads: every tag with its count
    assert (
        '<li><a href="adaptatsiia/">Адаптация</a> <span class="practice-facets__count">'
        '<span aria-hidden="true">2</span><span class="visually-hidden">2 практики</span>'
    ) in tags
    assert tags.count("<li><a href=") == 2
    organizations = built.page("organizations/")  # every organisation's facet page
    assert '<a href="../practices/organization/school-1/">1 практика</a>' in organizations
    assert organizations.count('href="../practices/organization/') == 3


def test_practice_page_has_metadata_with_search_filters(built: BuildResult) -> None:
    page = built.page("practices/klub-molodogo-pedagoga/")
    assert (
        '<a href="../../organizations/school-1/">'
        '<span data-pagefind-filter="organization:school-1">'
        "Тестовая образовательная организация № 1</span></a>"
    ) in page
    assert '<span data-pagefind-filter="form:pedagog-pedagog">педагог – педагог</span>' in page
    assert '<time datetime="2024-05-20" data-pagefind-filter="year:2024">20 мая 2024 г.</time>' in (
        page
    )
    assert '<span data-pagefind-filter="tag:molodye-pedagogi">молодые педагоги</span>' in page
    assert "<dd>Автор Тестовый, методист</dd>" in page
    assert '<li><a href="../../plan/#activity-2-1">2.1. Консультации</a></li>' in page
    assert '<a href="../folder-practice/">Практика-папка</a>' in page  # related: same form
    assert '<h2 id="цель-и-задачи">Цель и задачи' in page


def test_folder_entry_files_are_published_beside_the_page(built: BuildResult) -> None:
    page = built.page("practices/folder-practice/")
    assert (
        '<a href="programma.pdf" download>Программа</a> '
        '<span class="practice-attachments__format">(PDF, 125 Б)</span>'
    ) in page
    assert '<img alt="Схема" src="photo.png">' in page
    assert '<img src="photo.png" alt="Обложка">' in page
    assert '<a href="programma.pdf">программе</a>' in page
    folder = built.site_dir / "practices" / "folder-practice"
    assert sorted(p.name for p in folder.iterdir()) == ["index.html", "photo.png", "programma.pdf"]


def test_organisations_and_plan_show_the_bank(built: BuildResult) -> None:
    organizations = built.page("organizations/")
    assert '<a href="school-1/">Тестовая образовательная организация № 1</a>' in organizations
    assert '— <a href="../practices/organization/school-1/">1 практика</a>' in organizations
    assert '<a href="https://school1.example.org" rel="noopener">' in built.page(
        "organizations/school-1/"
    )
    plan = built.page("plan/")
    assert (
        '<li>Банк практик: <a href="../practices/">Банк лучших практик наставничества: '
        "3 практики (из них образцов оформления: 1)</a></li>"
    ) in plan
    assert (
        '<li>Практика: <a href="../practices/klub-molodogo-pedagoga/">Клуб молодого педагога'
        "</a>, 20.05.2024</li>"
    ) in plan


def test_samples_carry_a_badge(built: BuildResult) -> None:
    badge = '<p class="sample-badge"><strong>Образец оформления.</strong>'
    assert badge in built.page("practices/sample-practice/")
    assert badge in built.page("organizations/sample-org/")
    index = built.page("practices/")
    sample_card = index[index.index('data-organization="sample-org"') :]
    assert sample_card.index(badge) < sample_card.index("</article>")
    assert badge not in built.page("practices/klub-molodogo-pedagoga/")


def test_samples_can_be_switched_off(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = project / "content" / "site.yaml"
    append(site, "show_samples: false\n")
    result = build_site(project, monkeypatch)
    assert result.ok, result.errors
    assert not (result.site_dir / "practices" / "sample-practice").exists()
    assert not (result.site_dir / "organizations" / "sample-org").exists()
    assert "Практика-образец" not in result.page("practices/")


def test_drafts_are_not_built(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    draft = project / "content" / "practices" / "folder-practice" / "index.md"
    draft.write_text(draft.read_text("utf-8").replace("---\n", "---\ndraft: true\n", 1), "utf-8")
    result = build_site(project, monkeypatch)
    assert result.ok, result.errors
    assert not (result.site_dir / "practices" / "folder-practice").exists()
    assert "Практика-папка" not in result.page("practices/")


def test_text_from_authors_is_escaped_everywhere(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "content" / "practices" / "xss.md").write_text(
        "---\n"
        "title: 'Клуб \"<script>alert(1)</script>\" & Co'\n"
        "organization: school-1\n"
        "forms: [pedagog-pedagog]\n"
        "date: 2025-06-01\n"
        'summary: "Кавычки \\"двойные\\" и \'одинарные\' <b>жирный</b>"\n'
        "tags: ['<i>метка</i>']\n"
        'plan: ["2.1"]\n'
        "---\n\nТекст.\n",
        "utf-8",
    )
    result = build_site(project, monkeypatch)
    assert result.ok, result.errors
    pages = [file.read_text("utf-8") for file in result.site_dir.rglob("*.html")]
    for html in pages:
        assert "<script>alert" not in html and "<b>жирный" not in html and "<i>метка" not in html
    page = result.page("practices/xss/")
    title = "Клуб &#34;&lt;script&gt;alert(1)&lt;/script&gt;&#34; &amp; Co"
    assert f"<title>{title} - Тестовый сайт наставничества</title>" in page
    assert (
        '<meta name="description" content="Кавычки &#34;двойные&#34; и &#39;одинарные&#39; '
        '&lt;b&gt;жирный&lt;/b&gt;">'
    ) in page
    assert '<a href="xss/">Клуб &#34;&lt;script&gt;alert(1)&lt;/script&gt;&#34; &amp; Co</a>' in (
        result.page("practices/")
    )
    assert "&lt;b&gt;жирный&lt;/b&gt;</p>" in result.page("organizations/school-1/")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.page("plan/")


def test_bad_entry_stops_the_build_with_file_line_and_fix(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = project / "content" / "practices" / "folder-practice" / "index.md"
    entry.write_text(entry.read_text("utf-8").replace("programma.pdf\n", "programa.pdf\n"), "utf-8")
    result = build_site(project, monkeypatch)
    assert not result.ok
    assert result.errors == [
        "content/practices/folder-practice/index.md:9: поле «file»: файла "
        "content/practices/folder-practice/programa.pdf нет; положите файл в папку "
        "content/practices/folder-practice/ или исправьте имя (большие и маленькие буквы "
        "различаются)"
    ]
    assert result.abort_message == (
        "Содержимое не прошло проверку: 1 ошибка. Исправьте и повторите сборку."
    )


def test_links_from_a_practice_to_pages_are_checked(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = project / "content" / "practices" / "Клуб молодого педагога.md"
    append(entry, "\nСм. [план](../../plan/index.md) и [банк](../nowhere/index.md).\n")
    result = build_site(project, monkeypatch)
    assert not result.ok
    assert result.errors == [
        "content/practices/Клуб молодого педагога.md:23: ссылка «../nowhere/index.md» ведёт на "
        "страницу practices/nowhere/index.md, а её нет на сайте; путь пишется от страницы "
        "практики, например ../../plan/index.md или ../klub-molodogo-pedagoga/index.md"
    ]
    entry.write_text(entry.read_text("utf-8").replace("nowhere", "folder-practice"), "utf-8")
    result = build_site(project, monkeypatch)
    assert result.ok, result.errors
    page = result.page("practices/klub-molodogo-pedagoga/")
    assert '<a href="../../plan/">план</a> и <a href="../folder-practice/">банк</a>' in page


def test_files_beside_the_page_work_without_directory_urls(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = build_site(project, monkeypatch, use_directory_urls=False)
    assert result.ok, result.errors
    page = (result.site_dir / "practices" / "folder-practice" / "index.html").read_text("utf-8")
    assert '<img alt="Схема" src="photo.png">' in page
    assert (result.site_dir / "practices" / "folder-practice" / "photo.png").is_file()
    index = (result.site_dir / "practices" / "index.html").read_text("utf-8")
    assert '<a href="folder-practice/index.html">Практика-папка</a>' in index


def test_guide_tables_come_from_the_schema(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "docs" / "guide.md").write_text(
        "# Как добавить практику\n\n<!-- include: fields-practice -->\n\n"
        "<!-- include: practice-template -->\n",
        "utf-8",
    )
    result = build_site(project, monkeypatch)
    assert result.ok, result.errors
    guide = result.page("guide/")
    documented = set(re.findall(r'<code class="schema-fields__name">(\w+)</code>', guide))
    assert {"title", "organization", "forms", "consent", "alt", "draft"} <= documented
    assert "title: &#34;Название практики&#34;" in guide
    assert "#   school-1 — Тестовая школа № 1" in guide
