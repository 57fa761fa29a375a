"""The bank of practices: loading, the author-facing messages, slugs, facets, references.

Entries are loaded with ``load_content`` from a copy of the minimal fixture with the
``practices`` fixture over it (organisations school-1, school-2, sample-org; forms
uchenik-uchenik and pedagog-pedagog; plan activities 1.1.1 and 2.1).
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import textwrap
from pathlib import Path

import pytest

from mentoring.content import Content, load_content
from mentoring.core.errors import Problems
from mentoring.core.yamlsource import split_front_matter
from mentoring.kinds.models import Form
from mentoring.kinds.organizations import Organization
from mentoring.kinds.practices.bank import Bank, Practice
from tests.helpers import content_problems, make_site, sample_bytes

DEFAULT_FIELDS = {
    "title": "Практика",
    "organization": "school-1",
    "forms": "[pedagog-pedagog]",
    "date": "2024-05-20",
    "summary": "Кратко.",
}  # lines 2–6 of the file written by practice_text()


def practice_text(body: str = "Текст практики.", extra: str = "", **fields: str | None) -> str:
    """An entry with the default fields (a field set to None is left out); extra lines follow."""
    values = {**DEFAULT_FIELDS, **fields}
    lines = [f"{key}: {value}" for key, value in values.items() if value is not None]
    return "---\n" + "\n".join(lines) + "\n" + extra + "---\n\n" + body + "\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_site(tmp_path, "minimal", "practices")


def write(project: Path, relative: str, text: str) -> Path:
    file = project / "content" / "practices" / relative
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file


def load(project: Path) -> Content:
    return load_content(project / "content")


def problems(project: Path) -> list[str]:
    return content_problems(project / "content")


def practice(content: Content, slug: str) -> Practice:
    return next(p for p in content.practices if p.slug == slug)


# --------------------------------------------------------------------------- valid entries


def test_entries_of_both_shapes_load_newest_first(project: Path) -> None:
    content = load(project)
    assert [p.slug for p in content.practices] == [
        "sample-practice",
        "klub-molodogo-pedagoga",
        "folder-practice",
    ]
    club = practice(content, "klub-molodogo-pedagoga")
    assert club.source == "content/practices/Клуб молодого педагога.md"
    assert club.date == dt.date(2024, 5, 20)
    assert club.forms == ("pedagog-pedagog",)
    assert [(a.name, a.position) for a in club.authors] == [("Автор Тестовый", "методист")]
    assert club.results == ("первый результат",)
    assert club.page == "practices/klub-molodogo-pedagoga/index.md"
    assert club.body.startswith("\n## Цель и задачи")


def test_folder_entry_publishes_the_files_it_names_beside_its_page(project: Path) -> None:
    write(project, "folder-practice/notes.docx", "a draft nobody links to")
    folder = practice(load(project), "folder-practice")
    assert [file.target for file in folder.files] == [
        "practices/folder-practice/programma.pdf",
        "practices/folder-practice/photo.png",
    ]
    (attachment,) = folder.attachments
    assert attachment.file.label == "PDF, 125 Б"
    assert folder.cover is not None and folder.cover.alt == "Обложка"


def test_file_entry_publishes_the_files_it_names(project: Path) -> None:
    (project / "content" / "practices" / "shared.png").write_bytes(sample_bytes("png"))
    write(project, "unused.pdf", "not linked from anywhere, so never checked")
    write(project, "x.md", practice_text(body="![Схема](shared.png)"))
    assert [f.target for f in practice(load(project), "x").files] == ["practices/x/shared.png"]


def test_line_numbers_are_the_lines_of_the_markdown_file(project: Path) -> None:
    text = "\ufeff---\n# comment\n\n" + practice_text(organization="shool-1")[4:]
    write(project, "x.md", text)
    assert problems(project) == [
        "content/practices/x.md:5: поле «organization»: неизвестная организация «shool-1»; "
        "возможно, имелось в виду «school-1»; организации и их id перечислены в "
        "content/organizations.yaml, новую организацию добавьте туда"
    ]


def test_drafts_are_checked_but_not_published(project: Path) -> None:
    write(project, "draft.md", practice_text(extra="draft: true\n"))
    assert "draft" not in [p.slug for p in load(project).practices]
    write(project, "draft.md", practice_text(organization="nobody", extra="draft: true\n"))
    (message,) = problems(project)
    assert message.startswith("content/practices/draft.md:3: поле «organization»: неизвестная")


def test_readme_and_underscore_files_are_not_entries(project: Path) -> None:
    write(project, "README.md", "# Как добавить практику\n")
    write(project, "_template.md", "no front matter\n")
    assert len(load(project).practices) == 3


# --------------------------------------------------------------------------- slugs


def test_slug_from_front_matter_wins(project: Path) -> None:
    write(project, "Любое имя.md", practice_text(slug="my-practice"))
    assert practice(load(project), "my-practice").source == "content/practices/Любое имя.md"


def test_two_entries_with_one_slug_name_both_files(project: Path) -> None:
    write(project, "zzz.md", practice_text(slug="klub-molodogo-pedagoga"))
    # Files are read in name order (Latin before Cyrillic); the later one is reported.
    assert problems(project) == [
        "content/practices/Клуб молодого педагога.md:1: адрес /practices/klub-molodogo-pedagoga/ "
        "уже занят: его получает content/practices/zzz.md; задайте одной из записей другое поле "
        "slug или переименуйте файл"
    ]


def test_a_folder_and_a_file_with_one_name_clash(project: Path) -> None:
    write(project, "folder-practice.md", practice_text())
    assert problems(project) == [
        "content/practices/folder-practice.md:1: адрес /practices/folder-practice/ уже занят: "
        "его получает content/practices/folder-practice/index.md; задайте одной из записей "
        "другое поле slug или переименуйте файл"
    ]


def test_facet_words_cannot_be_slugs(project: Path) -> None:
    write(project, "form.md", practice_text())
    assert problems(project) == [
        "content/practices/form.md:1: адрес «form» занят служебными страницами банка практик; "
        "переименуйте файл или задайте поле slug"
    ]
    write(project, "form.md", practice_text(slug="tag"))
    assert problems(project) == [
        "content/practices/form.md:7: поле «slug»: адрес «tag» занят служебными страницами "
        "банка практик; задайте другое поле slug"
    ]
    write(project, "form.md", practice_text(slug="page"))  # the bank's pages 2, 3 …
    assert problems(project) == [
        "content/practices/form.md:7: поле «slug»: адрес «page» занят служебными страницами "
        "банка практик; задайте другое поле slug"
    ]


def test_a_name_without_letters_needs_a_slug(project: Path) -> None:
    write(project, "!!!.md", practice_text())
    assert problems(project) == [
        "content/practices/!!!.md:1: из имени файла не получается адрес страницы: в нём нет букв "
        "и цифр; переименуйте файл или задайте поле slug"
    ]


def test_slug_must_be_latin(project: Path) -> None:
    write(project, "x.md", practice_text(slug="Клуб"))
    assert problems(project) == [
        "content/practices/x.md:7: поле «slug»: адрес пишется латиницей в нижнем регистре через "
        "дефис, например klub-molodogo-pedagoga"
    ]


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param(
            {"forms": "[uchenik-uchenik, pedagog]"},
            "content/practices/x.md:4: поле «forms»: недопустимое значение «pedagog», "
            "допустимые значения: uchenik-uchenik, pedagog-pedagog; возможно, имелось в виду "
            "«pedagog-pedagog»",
            id="unknown form lists the allowed ids",
        ),
        pytest.param(
            {"organization": "zzz"},
            "content/practices/x.md:3: поле «organization»: неизвестная организация «zzz»; "
            "известные организации: school-1, school-2, sample-org; организации и их id "
            "перечислены в content/organizations.yaml, новую организацию добавьте туда",
            id="unknown organisation without a close id lists them",
        ),
        pytest.param(
            {"summary": "а" * 312},
            "content/practices/x.md:6: поле «summary»: текст длиннее допустимого на 12 симв.: "
            "можно не больше 300, сейчас 312; сократите его",
            id="summary over 300 characters says by how much",
        ),
        pytest.param(
            {"date": "2024-02-30"},
            "content/practices/x.md:5: поле «date»: такой даты нет: «2024-02-30»",
            id="impossible date",
        ),
        pytest.param(
            {"date": "20.05.2024"},
            "content/practices/x.md:5: поле «date»: ожидается дата в виде ГГГГ-ММ-ДД, "
            "например 2024-05-20",
            id="date in the wrong form",
        ),
        pytest.param(
            {"forms": "[]"},
            "content/practices/x.md:4: поле «forms»: укажите хотя бы 1 знач. в списке",
            id="no form",
        ),
        pytest.param(
            {"organization": "sample-org"},
            "content/practices/x.md:3: поле «organization»: организация «sample-org» — образец "
            "(sample: true), а практика — нет; укажите настоящую организацию или отметьте "
            "практику как образец (sample: true)",
            id="a real practice of a sample organisation",
        ),
        pytest.param(
            {"plan": '["2.2"]'},
            "content/practices/x.md:7: поле «plan»: в плане нет мероприятия «2.2»; возможно, "
            'имелось в виду «2.1»; номера мероприятий — в content/plan.yaml, например "5.2"',
            id="unknown plan activity",
        ),
        pytest.param(
            {"tags": "[адаптация, '!!!']"},
            "content/practices/x.md:7: поле «tags»: в метке «!!!» нет ни букв, ни цифр",
            id="tag without letters",
        ),
        pytest.param(
            {"tags": "[C++, C#]"},
            "content/practices/x.md:7: поле «tags»: метки «C++» (строка 7) и «C#» получают один "
            "адрес страницы «c» и слились бы в одну; назовите их одинаково или так, чтобы они "
            "различались буквами или цифрами",
            id="tags with one address in one practice",
        ),
        pytest.param(
            {"date": "9999-12-31"},
            "content/practices/x.md:5: поле «date»: год в «9999-12-31» вне допустимых пределов: "
            "даты на сайте — с 1990 по 2100 год; проверьте год",
            id="year 9999",
        ),
        pytest.param(
            {"date": "0001-01-01"},
            "content/practices/x.md:5: поле «date»: год в «0001-01-01» вне допустимых пределов: "
            "даты на сайте — с 1990 по 2100 год; проверьте год",
            id="year 1",
        ),
        pytest.param(
            {"slug": '"klub\\n"'},
            "content/practices/x.md:7: поле «slug»: адрес пишется латиницей в нижнем регистре "
            "через дефис, например klub-molodogo-pedagoga",
            id="slug with a final newline",
        ),
        pytest.param(
            {"summary": '"Кратко\\u202Eон"'},
            "content/practices/x.md:6: значение содержит недопустимый служебный символ U+202E, "
            "записанный через «\\»; удалите его",
            id="escaped bidi override",
        ),
    ],
)
def test_bad_field(project: Path, fields: dict[str, str | None], expected: str) -> None:
    write(project, "x.md", practice_text(**fields))
    assert problems(project) == [expected]


def test_tags_with_one_address_in_two_practices_name_both_files(project: Path) -> None:
    write(project, "a.md", practice_text(tags="[C++]", slug="a"))
    write(project, "b.md", practice_text(tags="[c#]", slug="b"))
    assert problems(project) == [
        "content/practices/b.md:7: поле «tags»: метки «C++» (content/practices/a.md:7) и «c#» "
        "получают один адрес страницы «c» и слились бы в одну; назовите их одинаково или так, "
        "чтобы они различались буквами или цифрами"
    ]


def test_tags_differing_only_in_case_are_one_tag(project: Path) -> None:
    write(project, "a.md", practice_text(tags="[ИКТ, икт]", slug="a"))
    write(project, "b.md", practice_text(tags="[Икт]", slug="b"))
    content = load(project)
    assert practice(content, "a").tags == ("ИКТ",)
    assert [(f.key, f.label) for f in content.bank.facets["tag"] if f.key == "ikt"] == [
        ("ikt", "ИКТ")
    ]


def test_control_character_in_the_body_is_refused_with_its_line(project: Path) -> None:
    write(project, "x.md", practice_text(body="Абзац.\n\nТекст\x1b[31mкрасный"))
    assert problems(project) == [
        "content/practices/x.md:11: недопустимый служебный символ U+001B; удалите его из файла"
    ]


def test_a_symbolic_link_in_content_stops_loading_before_anything_is_read(
    project: Path,
) -> None:
    folder = project / "content" / "practices" / "folder-practice"
    (folder / "programma.pdf").unlink()
    (folder / "programma.pdf").symlink_to("/etc/passwd")
    (project / "content" / "plan.yaml").write_text("broken: [\n", "utf-8")
    assert problems(project) == [
        "content/practices/folder-practice/programma.pdf: это символическая ссылка на "
        "«/etc/passwd»: сайт опубликовал бы то, на что она указывает; положите на её место "
        "сам файл или папку"
    ]


def test_an_address_longer_than_file_systems_allow_is_a_problem(project: Path) -> None:
    write(project, "x.md", practice_text(slug="a" * 300))
    write(project, "щ" * 120 + ".md", practice_text())
    assert problems(project) == [
        "content/practices/x.md:7: поле «slug»: адрес страницы «" + "a" * 39 + "…» длиннее, "
        "чем допускает файловая система: 300 байт, а можно не больше 255 (русская буква — "
        "2 байта); сократите его",
        "content/practices/" + "щ" * 120 + ".md:1: адрес страницы «" + "shch" * 9 + "shc…» "
        "длиннее, чем допускает файловая система: 480 байт, а можно не больше 255 (русская "
        "буква — 2 байта); переименуйте файл короче или задайте поле slug",
    ]


def test_misspelt_field_is_named_with_the_right_one(project: Path) -> None:
    write(project, "x.md", practice_text(summary=None, summry="Кратко."))
    assert problems(project) == [
        "content/practices/x.md:2: поле «summary»: обязательное поле не заполнено",
        "content/practices/x.md:6: поле «summry»: неизвестное поле; возможно, имелось в виду "
        "«summary»; допустимые поля: attachments, authors, cover, date, draft, forms, "
        "organization, plan, results, review, sample, slug, summary, tags, target_group, title",
    ]


def test_unknown_form_in_a_block_list_points_at_its_item(project: Path) -> None:
    write(project, "x.md", practice_text(forms="\n  - uchenik-uchenik\n  - pedagog"))
    (message,) = problems(project)
    assert message.startswith("content/practices/x.md:6: поле «forms»: недопустимое значение")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '---\ntitle: "Клуб\norganization: school-1\n---\nТекст\n',
            "content/practices/x.md:2: не закрыта кавычка; поставьте в конце значения "
            "закрывающую кавычку того же вида",
            id="unclosed quote",
        ),
        pytest.param(
            "---\ntitle: Клуб: молодых педагогов\n---\nТекст\n",
            "content/practices/x.md:2: двоеточие с пробелом внутри значения; возьмите значение "
            "в кавычки или проверьте отступы",
            id="colon inside a value",
        ),
        pytest.param(
            "---\ntitle: Клуб\norganization: school-1\nТекст\n",
            "content/practices/x.md:1: блок полей не закрыт: после полей нужна строка «---» "
            "сама по себе",
            id="front matter not closed",
        ),
        pytest.param(
            "# Клуб молодого педагога\n",
            "content/practices/x.md:1: нет блока полей: файл должен начинаться со строки «---»",
            id="no front matter",
        ),
        pytest.param(
            "---\n---\nТекст\n",
            "content/practices/x.md:1: блок полей пуст; впишите между строками «---» хотя бы "
            "поля title, organization, forms, date, summary",
            id="empty front matter",
        ),
        pytest.param(
            "---\n- title\n---\nТекст\n",
            "content/practices/x.md:2: ожидается набор полей «ключ: значение», а указано: список",
            id="front matter is a list",
        ),
    ],
)
def test_invalid_front_matter_is_an_error_not_an_empty_page(
    project: Path, text: str, expected: str
) -> None:
    write(project, "x.md", text)
    assert problems(project) == [expected]


def test_missing_required_fields_are_listed(project: Path) -> None:
    write(project, "x.md", practice_text(organization=None, summary=None))
    assert problems(project) == [
        "content/practices/x.md:2: поле «organization»: обязательное поле не заполнено",
        "content/practices/x.md:2: поле «summary»: обязательное поле не заполнено",
    ]


def test_author_without_consent_stops_the_build_and_says_why(project: Path) -> None:
    authors = "\n  - name: Имя Без Согласия\n    consent: false\n  - name: Имя Без Отметки"
    write(project, "x.md", practice_text(authors=authors))
    why = (
        "поле «consent»: имя публикуется только с письменного согласия человека на "
        "распространение персональных данных (152-ФЗ, ст. 10.1): если согласие получено, "
        "поставьте consent: true, иначе удалите автора из списка authors"
    )
    assert problems(project) == [
        f"content/practices/x.md:9: {why}",
        f"content/practices/x.md:10: {why}",
    ]


def folder_entry(**fields: str) -> str:
    return practice_text(body="Текст.", **fields)


def test_missing_attachment_names_the_missing_path(project: Path) -> None:
    attachments = "\n  - file: plan.pdf\n    title: План"
    write(project, "new/index.md", folder_entry(attachments=attachments))
    assert problems(project) == [
        "content/practices/new/index.md:8: поле «file»: файла content/practices/new/plan.pdf нет; "
        "положите файл в папку content/practices/new/ или исправьте имя (большие и маленькие "
        "буквы различаются)"
    ]


def test_missing_cover_names_the_missing_path(project: Path) -> None:
    write(project, "x.md", practice_text(cover="\n  file: cover.jpg\n  alt: Обложка"))
    assert problems(project) == [
        "content/practices/x.md:8: поле «file»: файла content/practices/cover.jpg нет; положите "
        "файл в папку content/practices/ или исправьте имя (большие и маленькие буквы "
        "различаются)"
    ]


def test_cover_needs_alt_text(project: Path) -> None:
    write(project, "x.md", practice_text(cover="\n  file: cover.jpg"))
    assert problems(project) == [
        "content/practices/x.md:7: поле «alt»: обязательное поле не заполнено"
    ]


def test_attachment_format_and_path_are_checked(project: Path) -> None:
    attachments = (
        "\n  - file: setup.exe\n    title: Программа"
        "\n  - file: ../folder-practice/programma.pdf\n    title: Чужой файл"
    )
    write(project, "new/index.md", folder_entry(attachments=attachments))
    assert problems(project) == [
        "content/practices/new/index.md:8: поле «file»: тип файла «.exe» не подходит; допустимые "
        "типы: pdf, doc, docx, odt, xls, xlsx, ods, ppt, pptx, odp, jpg, png; сохраните файл в "
        "одном из них",
        "content/practices/new/index.md:10: поле «file»: путь «../folder-practice/programma.pdf» "
        "должен вести к файлу внутри папки content/practices/new/: без «..», без «\\» и без «/» "
        "в начале",
    ]


def test_folder_without_index_is_reported(project: Path) -> None:
    write(project, "forgotten/Клуб.md", practice_text())
    assert problems(project) == [
        "content/practices/forgotten: в папке практики нет файла index.md: текст практики "
        "с полями должен лежать в файле index.md, а приложения — рядом с ним"
    ]


def test_organizations_file_is_required_once_there_are_practices(project: Path) -> None:
    (project / "content" / "organizations.yaml").unlink()
    assert problems(project) == [
        "content/organizations.yaml: файл не найден; создайте его по инструкции на сайте "
        "(раздел «Авторам», docs/guide/)"
    ]


def test_duplicate_organization_id(project: Path) -> None:
    file = project / "content" / "organizations.yaml"
    file.write_text(
        file.read_text("utf-8") + "  - id: school-1\n    name: Дубль\n    short_name: Дубль\n"
        "    kind: школа\n",
        "utf-8",
    )
    assert problems(project) == [
        "content/organizations.yaml:16: поле «id»: организация «school-1» уже описана в строке 2; "
        "у каждой организации свой id"
    ]


# --------------------------------------------------------------------------- the body


def test_body_problems_point_at_their_lines(project: Path) -> None:
    body = textwrap.dedent(
        """\
        ## Описание

        Текст со <script>alert(1)</script> тегом.

        ![Фото](https://example.org/photo.jpg)

        ![Схема](missing.png) и [ссылка на план](../../plan/index.md).

        `<b>` в коде и <!-- комментарий --> допустимы, как и <https://example.org>.

        ```html
        <div>код</div>
        ```
        """
    )
    write(project, "x.md", practice_text(body=body))
    assert problems(project) == [
        "content/practices/x.md:11: HTML-элемент «<script>» в тексте практики не допускается: "
        "можно писать только разметку текста (абзацы, заголовки, списки, таблицы, ссылки, "
        "изображения с этого сайта); уберите его или возьмите в обратные кавычки `…`, если его "
        "нужно показать",
        "content/practices/x.md:13: изображение «https://example.org/photo.jpg» в тексте "
        "практики загружается не с этого сайта, а сайт не должен обращаться к чужим серверам; "
        "скачайте файл и положите его в папку content/practices/, а в тексте укажите его имя: "
        "![Что изображено](имя-файла.jpg)",
        "content/practices/x.md:15: файла content/practices/missing.png нет; положите файл в "
        "папку content/practices/ или исправьте имя (большие и маленькие буквы различаются)",
    ]


def test_links_to_pages_are_kept_for_checking_against_the_site(project: Path) -> None:
    body = (
        "См. [план](../../plan/index.md#activity-2-1) и [клуб](../klub-molodogo-pedagoga/index.md)."
    )
    write(project, "x.md", practice_text(body=body))
    assert practice(load(project), "x").page_links == (
        ("../../plan/index.md", 9),
        ("../klub-molodogo-pedagoga/index.md", 9),
    )


def test_links_to_pages_must_name_their_markdown_file(project: Path) -> None:
    write(project, "x.md", practice_text(body="Первая строка.\n\nСм. [клуб](../klub/)."))
    assert problems(project) == [
        "content/practices/x.md:11: ссылка «../klub/» на страницу сайта: укажите путь "
        "к Markdown-файлу страницы от страницы практики, например ../../plan/index.md или "
        "../klub-molodogo-pedagoga/index.md"
    ]


def test_a_footnote_is_not_taken_for_a_link(project: Path) -> None:
    body = "Текст со сноской[^1] и [ссылка][план].\n\n[^1]: Пояснение.\n[план]: ../klub/"
    write(project, "x.md", practice_text(body=body))
    assert problems(project) == [
        "content/practices/x.md:12: ссылка «../klub/» на страницу сайта: укажите путь "
        "к Markdown-файлу страницы от страницы практики, например ../../plan/index.md или "
        "../klub-molodogo-pedagoga/index.md"
    ]


def test_include_markers_in_the_body_are_checked(project: Path) -> None:
    write(
        project,
        "x.md",
        practice_text(body="<!-- include: forms-list -->\n\n<!-- include: nope -->"),
    )
    assert problems(project) == [
        "content/practices/x.md:11: неизвестная вставка «nope»; доступные: forms-list"
    ]


def test_body_must_not_be_empty(project: Path) -> None:
    write(project, "x.md", practice_text(body="<!-- пока пусто -->"))
    assert problems(project) == [
        "content/practices/x.md:8: нет текста практики: после блока полей опишите практику "
        "(разделы «Цель и задачи», «Описание», «Результаты», «Ресурсы»)"
    ]


# --------------------------------------------------------------------------- the bank


def test_facets_count_practices_per_value(project: Path) -> None:
    bank = load(project).bank
    counts = {kind: [(f.key, f.count) for f in facets] for kind, facets in bank.facets.items()}
    assert counts == {
        "form": [("uchenik-uchenik", 2), ("pedagog-pedagog", 2)],
        "review": [],
        "organization": [("sample-org", 1), ("school-1", 1), ("school-2", 1)],
        "year": [("2025", 1), ("2024", 1), ("2023", 1)],
        "tag": [("adaptatsiia", 2), ("molodye-pedagogi", 1)],
    }
    assert bank.facet("tag", "adaptatsiia").label == "Адаптация"  # first spelling, newest first
    assert bank.facet("form", "pedagog-pedagog").page == "practices/form/pedagog-pedagog/index.md"


def test_samples_are_left_out_when_switched_off(project: Path) -> None:
    site = project / "content" / "site.yaml"
    site.write_text(site.read_text("utf-8") + "show_samples: false\n", "utf-8")
    content = load(project)
    assert [p.slug for p in content.practices] == ["klub-molodogo-pedagoga", "folder-practice"]
    assert [o.id for o in content.organizations] == ["school-1", "school-2"]
    assert [f.key for f in content.bank.facets["organization"]] == ["school-1", "school-2"]


def test_related_practices_share_a_form_most_shared_first(project: Path) -> None:
    write(project, "both.md", practice_text(forms="[uchenik-uchenik, pedagog-pedagog]"))
    content = load(project)
    bank = content.bank
    related = bank.related(practice(content, "folder-practice"))
    assert [p.slug for p in related] == ["both", "sample-practice", "klub-molodogo-pedagoga"]
    assert [p.slug for p in bank.related(practice(content, "both"), limit=1)] == ["folder-practice"]


def _related_by_comparing_all(bank: Bank, practice: Practice, limit: int) -> list[str]:
    """The definition of related practices, checked against every practice of the bank."""
    others = [
        (-len(set(practice.forms) & set(other.forms)), position, other.slug)
        for position, other in enumerate(bank.practices)
        if other.slug != practice.slug and set(practice.forms) & set(other.forms)
    ]
    return [slug for _, _, slug in sorted(others)[:limit]]


def test_related_practices_of_a_large_bank_are_those_of_the_definition() -> None:
    rng = random.Random(5)
    form_ids = [f"form-{index}" for index in range(6)]
    forms = [Form(form_id, form_id, "педагоги", "Описание.") for form_id in form_ids]
    organization = Organization("school-1", "Школа № 1", "Школа № 1", "школа")
    practices = [
        Practice(
            slug=f"p-{index}",
            title=f"Практика {index}",
            organization="school-1",
            forms=tuple(rng.sample(form_ids, rng.randint(1, 3))),
            date=dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 1500)),
            summary="Кратко.",
            body="Текст.",
            source=f"content/practices/p-{index}.md",
        )
        for index in range(300)
    ]
    practices.sort(key=lambda p: p.date, reverse=True)
    bank = Bank.publish(practices, [organization], forms)

    for practice in bank.practices:
        for limit in (1, 3, 7):
            expected = _related_by_comparing_all(bank, practice, limit)
            assert [p.slug for p in bank.related(practice, limit)] == expected


def test_practices_become_evidence_on_the_plan(project: Path) -> None:
    site = project / "content" / "site.yaml"
    site.write_text(site.read_text("utf-8") + 'practices_plan: ["2.1"]\n', "utf-8")
    references = [
        (r.activity_id, r.kind, r.title, r.page, r.sample) for r in load(project).references
    ]
    assert references == [
        (
            "2.1",
            "Практика",
            "Клуб молодого педагога",
            "practices/klub-molodogo-pedagoga/index.md",
            False,
        ),
        (
            "2.1",
            "Банк практик",
            "Банк лучших практик наставничества: 3 практики (из них образцов оформления: 1)",
            "practices/index.md",
            False,
        ),
    ]


def test_a_bank_of_samples_is_no_evidence(project: Path) -> None:
    site = project / "content" / "site.yaml"
    site.write_text(site.read_text("utf-8") + 'practices_plan: ["2.1"]\n', "utf-8")
    folder = project / "content" / "practices"
    (folder / "Клуб молодого педагога.md").unlink()
    shutil.rmtree(folder / "folder-practice")
    (bank,) = load(project).references
    assert (bank.title, bank.sample) == ("Банк лучших практик наставничества: 1 практика", True)


def test_bank_plan_activity_must_exist(project: Path) -> None:
    site = project / "content" / "site.yaml"
    site.write_text(site.read_text("utf-8") + 'practices_plan: ["5.2"]\n', "utf-8")
    assert problems(project) == [
        "content/site.yaml:11: поле «practices_plan»: в плане нет мероприятия «5.2»; номера "
        'мероприятий — в content/plan.yaml, например "5.2"'
    ]


def test_front_matter_of_an_entry_is_split_with_real_lines() -> None:
    found = Problems()
    data, body, body_line = split_front_matter(practice_text(), "x.md", found)
    assert not found
    assert data.line_of("summary") == 6
    assert body_line == 8 and body == "\nТекст практики.\n"
