"""News items: file names, front matter, addresses, plan references, samples, pagination."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mentoring.content import load_content
from mentoring.kinds.models import Reference
from mentoring.kinds.news import NewsItem, NewsListing, by_year, listing_path, paginate
from tests.helpers import content_problems

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def content_dir(content_dir: Path) -> Path:
    (content_dir / "news").mkdir()
    return content_dir


def write_news(content_dir: Path, name: str, front_matter: str, body: str = "Текст.\n") -> None:
    (content_dir / "news" / name).write_text(f"---\n{front_matter}---\n\n{body}", "utf-8")


VALID = "title: Семинар\nsummary: Прошёл семинар.\n"


def test_a_news_item_gets_its_date_and_address_from_the_file_name(content_dir):
    write_news(
        content_dir,
        "2021-11-20-Семинар кураторов.md",
        VALID + 'plan: ["2.1"]\ntags: [семинар]\n',
        "Текст **новости**.\n",
    )

    content = load_content(content_dir)

    [item] = content.news
    assert (item.date, item.slug, item.page) == (
        dt.date(2021, 11, 20),
        "seminar-kuratorov",
        "news/2021/seminar-kuratorov.md",
    )
    assert (item.title, item.summary, item.tags, item.sample) == (
        "Семинар",
        "Прошёл семинар.",
        ("семинар",),
        False,
    )
    assert item.body == "\nТекст **новости**.\n"
    assert content.references == (
        Reference("2.1", "Новость", "Семинар", "news/2021/seminar-kuratorov.md", item.date),
    )
    assert content.references_to("2.1") == list(content.references)


def test_slug_and_a_matching_date_may_be_given(content_dir):
    write_news(content_dir, "2021-11-20-x.md", VALID + "slug: seminar\ndate: 2021-11-20\n")

    assert load_content(content_dir).news[0].page == "news/2021/seminar.md"


BAD_NEWS = {
    "date differs from the file name": (
        "2021-11-20-seminar.md",
        VALID + "date: 2021-11-21\n",
        "content/news/2021-11-20-seminar.md:4: поле «date»: дата 2021-11-21 не совпадает "
        "с датой в имени файла (2021-11-20); исправьте одну из них или удалите поле date",
    ),
    "date that does not exist": (
        "2021-11-20-seminar.md",
        VALID + "date: 2021-02-30\n",
        "content/news/2021-11-20-seminar.md:4: поле «date»: такой даты нет: «2021-02-30»",
    ),
    "file name without a date": (
        "seminar.md",
        VALID,
        "content/news/seminar.md: имя файла новости должно иметь вид ГГГГ-ММ-ДД-название.md, "
        "например 2021-11-20-seminar.md; переименуйте файл",
    ),
    "file name with a date that does not exist": (
        "2021-02-30-seminar.md",
        VALID,
        "content/news/2021-02-30-seminar.md: в имени файла дата «2021-02-30», а такой даты нет; "
        "переименуйте файл",
    ),
    "file name with the year 9999": (
        "9999-12-31-seminar.md",
        VALID,
        "content/news/9999-12-31-seminar.md: год в «9999-12-31» вне допустимых пределов: даты "
        "на сайте — с 1990 по 2100 год; проверьте год в имени файла",
    ),
    "date field with the year 9999": (
        "2021-11-20-seminar.md",
        VALID + "date: 9999-11-20\n",
        "content/news/2021-11-20-seminar.md:4: поле «date»: год в «9999-11-20» вне допустимых "
        "пределов: даты на сайте — с 1990 по 2100 год; проверьте год",
    ),
    "colon inside a value": (
        "2021-11-20-seminar.md",
        "title: Семинар: итоги\nsummary: Прошёл семинар.\n",
        "content/news/2021-11-20-seminar.md:2: двоеточие с пробелом внутри значения; "
        "возьмите значение в кавычки или проверьте отступы",
    ),
    "misspelt field": (
        "2021-11-20-seminar.md",
        VALID + "tagz: [семинар]\n",
        "content/news/2021-11-20-seminar.md:4: поле «tagz»: неизвестное поле; возможно, "
        "имелось в виду «tags»; допустимые поля: date, draft, image, plan, sample, slug, "
        "summary, tags, title",
    ),
    "missing summary": (
        "2021-11-20-seminar.md",
        "title: Семинар\n",
        "content/news/2021-11-20-seminar.md:2: поле «summary»: обязательное поле не заполнено",
    ),
    "unknown plan activity": (
        "2021-11-20-seminar.md",
        VALID + 'plan: ["2.2"]\n',
        "content/news/2021-11-20-seminar.md:4: поле «plan»: в плане нет мероприятия «2.2»; "
        'возможно, имелось в виду «2.1»; номера мероприятий — в content/plan.yaml, например "5.2"',
    ),
    "slug in Cyrillic": (
        "2021-11-20-seminar.md",
        VALID + "slug: семинар\n",
        "content/news/2021-11-20-seminar.md:4: поле «slug»: адрес пишется латиницей в нижнем "
        "регистре, цифрами и дефисами, например seminar-kuratorov",
    ),
    "reserved address": (
        "2021-11-20-index.md",
        VALID,
        "content/news/2021-11-20-index.md:1: адрес «index» занят списком раздела; переименуйте "
        "файл или задайте поле slug",
    ),
    "name without letters": (
        "2021-11-20-«».md",
        VALID,
        "content/news/2021-11-20-«».md:1: из имени файла не получается адрес страницы: в нём нет "
        "букв и цифр; переименуйте файл или задайте поле slug",
    ),
    "image without alt": (
        "2021-11-20-seminar.md",
        VALID + "image: {file: photo.jpg}\n",
        "content/news/2021-11-20-seminar.md:4: поле «alt»: обязательное поле не заполнено",
    ),
    "missing image": (
        "2021-11-20-seminar.md",
        VALID + "image:\n  file: photo.jpg\n  alt: Участники семинара\n",
        "content/news/2021-11-20-seminar.md:5: поле «file»: файла content/news/images/photo.jpg "
        "нет; положите файл в папку content/news/images/ или исправьте имя (большие и маленькие "
        "буквы различаются)",
    ),
    "image of another type": (
        "2021-11-20-seminar.md",
        VALID + "image: {file: photo.gif, alt: Участники}\n",
        "content/news/2021-11-20-seminar.md:4: поле «file»: тип файла «.gif» не подходит; "
        "допустимые типы: jpg, png; сохраните файл в одном из них",
    ),
    "sample written as text": (
        "2021-11-20-seminar.md",
        VALID + "sample: да\n",
        "content/news/2021-11-20-seminar.md:4: поле «sample»: ожидается true или false, "
        "а указано: «да»",
    ),
}


@pytest.mark.parametrize("case", BAD_NEWS, ids=list(BAD_NEWS))
def test_news_mistakes(content_dir, case):
    name, front_matter, expected = BAD_NEWS[case]
    write_news(content_dir, name, front_matter)

    assert content_problems(content_dir) == [expected]


def test_front_matter_must_open_close_and_hold_fields(content_dir):
    (content_dir / "news" / "2021-11-20-a.md").write_text("Текст без полей.\n", "utf-8")
    (content_dir / "news" / "2021-11-20-b.md").write_text("---\ntitle: Т\n\nТекст.\n", "utf-8")
    (content_dir / "news" / "2021-11-20-c.md").write_text("---\n---\nТекст.\n", "utf-8")

    assert content_problems(content_dir) == [
        "content/news/2021-11-20-a.md:1: нет блока полей: файл должен начинаться со строки «---»",
        "content/news/2021-11-20-b.md:1: блок полей не закрыт: после полей нужна строка «---» "
        "сама по себе",
        "content/news/2021-11-20-c.md:1: блок полей пуст; впишите между строками «---» хотя бы "
        "поля title, summary",
    ]


def test_two_items_at_one_address_are_both_named(content_dir):
    write_news(content_dir, "2021-11-20-seminar.md", VALID)
    write_news(content_dir, "2021-12-01-drugoi.md", VALID + "slug: seminar\n")
    write_news(content_dir, "2022-01-10-seminar.md", VALID)  # another year: another address

    assert content_problems(content_dir) == [
        "content/news/2021-12-01-drugoi.md:4: поле «slug»: адрес /news/2021/seminar/ уже занят: "
        "его получает content/news/2021-11-20-seminar.md; задайте одной из записей другое поле "
        "slug или переименуйте файл"
    ]


def test_unknown_include_in_the_body_is_reported_at_its_line(content_dir):
    write_news(content_dir, "2021-11-20-seminar.md", VALID, "Текст.\n\n<!-- include: plan -->\n")

    assert content_problems(content_dir) == [
        "content/news/2021-11-20-seminar.md:8: неизвестная вставка «plan»; доступные: forms-list"
    ]


def test_a_news_text_is_markdown_that_runs_nothing_and_loads_nothing_from_elsewhere(
    content_dir,
):
    body = (
        '<iframe src="https://video.example/embed/1"></iframe>\n\n'
        "![Фото](https://example.org/photo.jpg)\n\n"
        '[Программа](programma.pdf){: onclick="steal()" }\n\n'
        "[Ссылка](#){ href=javascript:alert(1) }\n\n"
        "![Узор](uzor.png){ role=presentation } и `<b>` в коде допустимы.\n"
    )
    write_news(content_dir, "2021-11-20-seminar.md", VALID, body)

    assert content_problems(content_dir) == [
        "content/news/2021-11-20-seminar.md:6: HTML-элемент «<iframe>» в тексте новости не "
        "допускается: можно писать только разметку текста (абзацы, заголовки, списки, таблицы, "
        "ссылки, изображения с этого сайта); уберите его или возьмите в обратные кавычки `…`, "
        "если его нужно показать",
        "content/news/2021-11-20-seminar.md:8: изображение «https://example.org/photo.jpg» "
        "в тексте новости загружается не с этого сайта, а сайт не должен обращаться к чужим "
        "серверам; скачайте файл и положите его в папку content/news/, а в тексте укажите его "
        "имя: ![Что изображено](имя-файла.jpg)",
        "content/news/2021-11-20-seminar.md:10: атрибут «onclick» у «<a>» в тексте новости "
        "запускает скрипт, а сайт не выполняет чужой код; уберите его",
        "content/news/2021-11-20-seminar.md:12: ссылка «javascript:alert(1)» в тексте новости "
        "не допускается: ссылки ведут на страницы и файлы этого сайта или на адреса, "
        "начинающиеся с https://, http://, mailto: или tel:; напишите полный адрес, например "
        "[Текст](https://example.ru/страница)",
    ]


def test_every_broken_item_is_reported_at_once(content_dir):
    write_news(content_dir, "2021-11-20-a.md", "title: А\n")
    write_news(content_dir, "2021-11-20-b.md", VALID + 'plan: ["9.9"]\n')

    assert len(content_problems(content_dir)) == 2


def test_drafts_are_never_published_and_report_nothing(content_dir):
    write_news(content_dir, "2021-11-20-a.md", VALID + 'plan: ["2.1"]\ndraft: true\n')

    content = load_content(content_dir)

    assert content.news == () and content.references == ()


def test_samples_are_marked_and_hidden_when_the_site_hides_samples(content_dir):
    write_news(content_dir, "2021-11-20-a.md", VALID + 'plan: ["2.1"]\nsample: true\n')

    shown = load_content(content_dir)
    assert [item.sample for item in shown.news] == [True]
    assert [reference.sample for reference in shown.references] == [True]

    site = content_dir / "site.yaml"
    site.write_text(site.read_text("utf-8") + "show_samples: false\n", "utf-8")
    hidden = load_content(content_dir)
    assert hidden.news == () and hidden.references == ()


def test_a_sample_is_no_evidence_for_done(content_dir):
    plan = content_dir / "plan.yaml"
    plan.write_text(
        plan.read_text("utf-8").replace(
            "responsible: [ЦРО]", "responsible: [ЦРО]\n        status: done"
        ),
        "utf-8",
    )
    write_news(content_dir, "2021-11-20-a.md", VALID + 'plan: ["2.1"]\nsample: true\n')

    assert content_problems(content_dir) == [
        "content/plan.yaml:27: поле «status»: статус done (выполнено) ставится только вместе "
        "с подтверждением: добавьте поле evidence со ссылкой на документ или страницу"
    ]

    write_news(content_dir, "2021-11-20-a.md", VALID + 'plan: ["2.1"]\n')
    assert load_content(content_dir).plan.activity("2.1").status == "done"


def test_news_is_newest_first_and_same_day_items_by_address(content_dir):
    for name in ("2021-11-20-b.md", "2022-01-05-a.md", "2021-11-20-a.md"):
        write_news(content_dir, name, VALID)

    assert [item.page for item in load_content(content_dir).news] == [
        "news/2022/a.md",
        "news/2021/a.md",
        "news/2021/b.md",
    ]


def item(day: dt.date, slug: str) -> NewsItem:
    return NewsItem(source="", date=day, slug=slug, title=slug, summary="", body="")


def test_ten_items_a_page():
    items = tuple(item(dt.date(2023, 1, 1) - dt.timedelta(days=n), f"n{n}") for n in range(23))

    listings = paginate(items)

    assert [(p.number, p.total, len(p.items), p.path) for p in listings] == [
        (1, 3, 10, "news/index.md"),
        (2, 3, 10, "news/page/2.md"),
        (3, 3, 3, "news/page/3.md"),
    ]
    assert [i for p in listings for i in p.items] == list(items)
    assert listing_path(2) == "news/page/2.md"


@pytest.mark.parametrize(
    ("number", "total", "shown"),
    [
        (2, 3, [1, 2, 3]),
        (5, 9, [1, 2, 3, 4, 5, 6, 7, 8, 9]),
        (1, 500, [1, 2, 3, None, 500]),
        (4, 500, [1, 2, 3, 4, 5, 6, None, 500]),
        (250, 500, [1, None, 248, 249, 250, 251, 252, None, 500]),
        (500, 500, [1, None, 498, 499, 500]),
    ],
)
def test_pagination_links_the_ends_and_the_pages_near_the_current_one(number, total, shown):
    assert NewsListing(number, total, ()).page_numbers == shown


def test_an_empty_list_still_has_its_first_page():
    assert [(p.number, p.total, p.items) for p in paginate(())] == [(1, 1, ())]


def test_archives_by_year_newest_year_first():
    items = (
        item(dt.date(2023, 2, 1), "c"),
        item(dt.date(2021, 5, 1), "b"),
        item(dt.date(2021, 3, 1), "a"),
    )

    assert {year: [i.slug for i in group] for year, group in by_year(items).items()} == {
        2023: ["c"],
        2021: ["b", "a"],
    }
    assert list(by_year(items)) == [2023, 2021]
