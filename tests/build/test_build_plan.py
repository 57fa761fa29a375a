"""Build tests on a tiny fixture site: pages appear, bad content fails with Russian messages."""

from __future__ import annotations

import re

import pytest

from tests.helpers import REPO, build_site, edited_site, make_site, sample_bytes

# The fixture plan's first activity, done, with a report page as its evidence.
WITH_EVIDENCE_2022 = (
    "responsible: [ЦРО]\n        status: done\n        evidence:\n"
    "          - title: Отчёт\n            page: reports/2022.md"
)


def test_minimal_site_builds_plan_glossary_and_contacts(tmp_path, monkeypatch):
    result = build_site(make_site(tmp_path), monkeypatch)

    assert result.ok, result.errors
    plan = result.page("plan/")
    assert 'id="activity-1-1-1"' in plan
    assert "04.10.2021 – 09.10.2021" in plan
    assert "В течение периода" in plan
    assert "Тестовый план" in plan
    assert "Центр развития образования" in result.page("glossary/")
    assert "cro@example.org" in result.page("contacts/")
    assert "Первое направление" in result.page("")


def test_bad_plan_fails_with_file_line_and_field(tmp_path, monkeypatch):
    project = edited_site(tmp_path, "plan.yaml", "responsible: [ЦРО]", "respnsible: [ЦРО]")

    result = build_site(project, monkeypatch)

    assert not result.ok
    assert result.errors == [
        "content/plan.yaml:22: поле «responsible»: обязательное поле не заполнено",
        "content/plan.yaml:26: поле «respnsible»: неизвестное поле; возможно, имелось в виду "
        "«responsible»; допустимые поля: evidence, id, note, responsible, result, schedule, "
        "status, title",
    ]
    assert result.abort_message == (
        "Содержимое не прошло проверку: 2 ошибки. Исправьте и повторите сборку."
    )


def test_site_words_come_from_content(tmp_path, monkeypatch):
    project = edited_site(
        tmp_path, "site.yaml", "Тестовый сайт наставничества", "Наставничество в Энске"
    )

    result = build_site(project, monkeypatch)

    assert result.ok, result.errors
    assert "<title>План мероприятий - Наставничество в Энске</title>" in result.page("plan/")


def test_statuses_are_computed_for_source_date_epoch(tmp_path, monkeypatch):
    project = make_site(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1633392000")  # 05.10.2021

    result = build_site(project)

    plan = result.page("plan/")
    assert "Исполнение плана на 5 октября 2021 г." in plan
    assert "Идёт срок исполнения: 2" in plan
    assert "Нет сведений об исполнении" not in plan


def test_wrong_source_date_epoch_stops_the_build_with_a_russian_message(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "вчера")

    result = build_site(make_site(tmp_path))

    assert not result.ok
    assert result.abort_message == (
        "SOURCE_DATE_EPOCH должна быть целым числом секунд с 1970 года, а указано «вчера»"
    )


def test_github_actions_get_annotations_on_the_changed_lines(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    project = edited_site(tmp_path, "plan.yaml", "throughout", "always")

    result = build_site(project, monkeypatch)

    assert not result.ok
    assert capsys.readouterr().out.splitlines() == [
        "::error file=content/plan.yaml,line=25::поле «schedule»: не удалось распознать сроки; "
        "допустимые формы: {from: 2021-10-04, to: 2021-10-09}, {from: 2021-11, to: 2024-04}, "
        "{until: 2022-12}, {until: 2022-01-15, then: yearly}, {months: [2021-12, 2022-12]}, "
        "yearly, throughout"
    ]


def test_unknown_include_in_a_hand_written_page(tmp_path, monkeypatch):
    project = make_site(tmp_path)
    (project / "docs" / "about.md").write_text("# О нас\n\n<!-- include: plan-overveiw -->\n")

    result = build_site(project, monkeypatch)

    assert not result.ok
    assert result.errors == [
        "docs/about.md:3: неизвестная вставка «plan-overveiw»; доступные: events-nearest, "
        "fields-documents, fields-events, fields-indicators, fields-materials, fields-news, "
        "fields-organizations, fields-practice, fields-review, fields-site, forms-list, "
        "home-kinds, latest-news, plan-overview, practice-template"
    ]


def test_evidence_must_point_at_an_existing_page(tmp_path, monkeypatch):
    project = edited_site(tmp_path, "plan.yaml", "responsible: [ЦРО]", WITH_EVIDENCE_2022)

    result = build_site(project, monkeypatch)

    assert not result.ok
    assert result.errors == [
        "content/plan.yaml:30: поле «page»: страницы «reports/2022.md» нет на сайте; укажите "
        "путь к Markdown-файлу от папки docs (например, plan/index.md) или к созданной сайтом "
        "странице"
    ]


def test_evidence_links_are_relative_to_the_plan_page(tmp_path, monkeypatch):
    project = edited_site(tmp_path, "plan.yaml", "responsible: [ЦРО]", WITH_EVIDENCE_2022)
    (project / "docs" / "reports").mkdir()
    (project / "docs" / "reports" / "2022.md").write_text("# Отчёт за 2022 год\n")

    result = build_site(project, monkeypatch)

    assert result.ok, result.errors
    assert '<a href="../reports/2022/">Отчёт</a>' in result.page("plan/")


def test_titles_typed_by_authors_are_text_everywhere(tmp_path, monkeypatch):
    project = edited_site(
        tmp_path,
        "plan.yaml",
        "title: Первое направление",
        "title: 'Первое <b>направление</b> *звёзды*'",
    )
    (project / "docs" / "evil.md").write_text(
        "---\ntitle: '</title><script>alert(1)</script> & \"q\"'\n"
        "description: '\"><script>alert(2)</script>'\n---\nТекст\n",
        "utf-8",
    )

    result = build_site(project, monkeypatch)

    assert result.ok, result.errors
    evil = result.page("evil/")
    assert "<script>alert" not in evil
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;q&#34;" in evil
    plan_html = result.page("plan/")
    assert "<b>направление</b>" not in plan_html
    assert "Первое &lt;b&gt;направление&lt;/b&gt; *звёзды*" in plan_html


def test_make_check_validates_content_alone(tmp_path):
    import subprocess
    import sys

    project = make_site(tmp_path)
    ok = subprocess.run(
        [sys.executable, "-m", "mentoring", "check", "content"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    plan = project / "content" / "plan.yaml"
    plan.write_text(plan.read_text("utf-8").replace("[УО, ЦРО]", "[УО, ЦПО]"), "utf-8")
    bad = subprocess.run(
        [sys.executable, "-m", "mentoring", "check", "content"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )

    assert (ok.returncode, ok.stdout) == (
        0,
        "Содержимое в порядке: в плане 2 мероприятия; публикуется: 0 новостей, 0 документов, "
        "0 материалов, 0 практик, 0 анонсов мероприятий.\n"
        "Пока нечего публиковать в разделах: Новости, Материалы, Банк практик, "
        "Мониторинг: показатели (на их страницах сказано, что записей пока нет).\n",
    )
    assert bad.returncode == 1
    assert bad.stderr.splitlines() == [
        "content/plan.yaml:18: поле «responsible»: неизвестный ответственный «ЦПО»; возможно, "
        "имелось в виду «ЦРО»; допустимые значения: УО, ЦРО, ОУ (новое сокращение добавьте в "
        "content/glossary.yaml с responsible: true)",
        "Содержимое не прошло проверку: 1 ошибка. Исправьте и повторите сборку.",
    ]


# The generated page takes the hand-written one's place as MkDocs wants it (remove, then
# append), not with its deprecated replacing append.
@pytest.mark.filterwarnings("error::DeprecationWarning")
def test_a_hand_written_page_is_never_silently_replaced(tmp_path, monkeypatch):
    project = make_site(tmp_path)
    (project / "docs" / "plan").mkdir()
    (project / "docs" / "plan" / "index.md").write_text("# Мой план\n", "utf-8")

    result = build_site(project, monkeypatch)

    assert not result.ok
    assert result.errors == [
        "docs/plan/index.md: эту страницу сайт создаёт сам из папки content/, и файл был бы "
        "молча заменён; удалите его или переименуйте"
    ]


@pytest.mark.filterwarnings("error::DeprecationWarning")
def test_a_hand_written_file_at_an_address_the_site_makes_is_never_silently_replaced(
    tmp_path, monkeypatch
):
    project = make_site(tmp_path)
    (project / "docs" / "plan").mkdir()
    (project / "docs" / "plan" / "plan.xlsx").write_bytes(sample_bytes("xlsx"))

    result = build_site(project, monkeypatch)

    assert not result.ok
    assert result.errors == [
        "docs/plan/plan.xlsx: этот файл сайт создаёт сам из папки content/, и файл был бы "
        "молча заменён; удалите его или переименуйте"
    ]


def test_our_stylesheets_come_as_one_file_and_imported_modules_are_preloaded(tmp_path, monkeypatch):
    """mkdocs.yml's extra_css joined in its order; helpers.js asked for from <head>, not
    after the modules that import it have arrived (mentoring/html/assets.py)."""
    result = build_site(make_site(tmp_path), monkeypatch)

    assert result.ok, result.errors
    head = result.page("plan/").split("</head>")[0]
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)">', head)
    assert len(stylesheets) == 3  # Material's two, then ours
    assert stylesheets[-1] == "../assets/stylesheets/site.bundle.css"
    assert '<link rel="modulepreload" href="../assets/javascripts/helpers.js">' in head
    modules = re.findall(r'<script src="\.\./assets/javascripts/([\w-]+\.js)" type="module">',
                         result.page("plan/"))  # fmt: skip
    assert sorted(modules) == ["page-keys.js", "plan-filters.js", "search.js"]
    assert "plan-filters.js" not in result.page("glossary/")
    built = result.site_dir / "assets" / "stylesheets"
    joined = (built / "site.bundle.css").read_text("utf-8")
    names = re.findall(r"^/\* assets/stylesheets/(\S+\.css) \*/$", joined, re.MULTILINE)
    ours = REPO / "overrides" / "assets" / "stylesheets"
    assert names[0] == "site.css"  # the order of mkdocs.yml, every one of ours once
    assert sorted(names) == sorted(path.name for path in ours.glob("*.css"))
    for name in names:
        assert (ours / name).read_text("utf-8").rstrip() in joined
        assert not (built / name).exists()
