"""Text alternatives of images and silent theme icons, on rendered HTML."""

from __future__ import annotations

import pytest

from mentoring.core.errors import Problems
from mentoring.html.accessibility import (
    UntitledImage,
    check_image_alternatives,
    hide_icons,
    hide_icons_around,
    untitled_images,
)


@pytest.mark.parametrize(
    "html",
    [
        '<img src="a.png" alt="Семинар наставников">',
        '<img src="a.png" alt="" role="presentation">',
        '<img src="a.png" alt="" role="none">',
        '<img src="a.png" alt="" aria-hidden="true">',
        "<p>&lt;img src=x.png&gt; в тексте — не изображение</p>",
        "<pre><code>&lt;img src=&quot;x.png&quot;&gt;</code></pre>",
        '<!-- <img src="x.png"> -->',
        '<script>const image = "<img src=x.png>";</script>',
        '<a title="<img src=x.png>">ссылка</a>',
    ],
)
def test_images_with_a_text_alternative_or_marked_decorative_pass(html: str) -> None:
    assert untitled_images(html) == []


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<img src="a.png">', UntitledImage("a.png", has_alt=False)),
        ('<img src="a.png" alt="">', UntitledImage("a.png", has_alt=True)),
        ('<img src="a.png" alt="   ">', UntitledImage("a.png", has_alt=True)),
        ('<img src="a.png" role="presentation">', UntitledImage("a.png", has_alt=False)),
        ('<IMG SRC="a.png" ALT="">', UntitledImage("a.png", has_alt=True)),
        ("<img alt>", UntitledImage("", has_alt=True)),
        ('<!-- a > b --><img src="a.png">', UntitledImage("a.png", has_alt=False)),
        ('<a title="x > y"><img src="a.png" alt=""></a>', UntitledImage("a.png", has_alt=True)),
    ],
)
def test_images_without_a_text_alternative_are_found(html: str, found: UntitledImage) -> None:
    assert untitled_images(f"<p>Текст {html} текст</p>") == [found]


def test_problems_name_the_file_and_the_line_of_the_image() -> None:
    source = (
        "---\ntitle: Новости\n---\n\n# Семинар\n\n![](img/seminar.jpg)\n\n![Зал](img/hall.jpg)\n"
    )
    html = (
        '<h1>Семинар</h1><p><img alt="" src="img/seminar.jpg"></p>'
        '<p><img alt="Зал" src="img/hall.jpg"></p><p><img src="img/plan.png"></p>'
    )
    problems = Problems()
    check_image_alternatives(html, "docs/news.md", source, problems)
    assert [str(problem) for problem in problems] == [
        "docs/news.md: у изображения «img/plan.png» нет текста alt для незрячих посетителей: "
        'добавьте описание (в HTML — атрибут alt="…", в Markdown — ![Что изображено]'
        "(img/plan.png)); если картинка только украшает страницу, напишите "
        'alt="" role="presentation"',
        "docs/news.md:7: у изображения «img/seminar.jpg» пустой текст alt: опишите, что на нём "
        "изображено, например ![Участники семинара наставников](img/seminar.jpg); если "
        "картинка только украшает страницу, отметьте её так: "
        "![](img/seminar.jpg){ role=presentation }",
    ]


def test_a_page_without_images_adds_no_problem() -> None:
    problems = Problems()
    check_image_alternatives("<p>Текст</p>", "docs/index.md", "Текст", problems)
    assert not problems


ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M3 6h18"/></svg>'


def test_icons_are_hidden_from_screen_readers() -> None:
    html = f'<a href="." aria-label="Главная">{ICON}</a><label for="__drawer">{ICON}</label>'
    hidden = hide_icons(html)
    assert hidden.count('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" ') == 2
    assert hidden.count('aria-hidden="true">') == 2
    assert hidden.replace(' aria-hidden="true"', "") == html


@pytest.mark.parametrize(
    "svg",
    [
        '<svg role="img" aria-labelledby="chart-title"><title id="chart-title">x</title></svg>',
        '<svg aria-label="Доля школ"></svg>',
        '<svg aria-hidden="true"></svg>',
        "<svg role='presentation'></svg>",
        '<svg viewBox="0 0 24 24"><title>Поиск</title><path d="M1 1"/></svg>',
    ],
)
def test_svgs_with_a_role_or_name_of_their_own_are_left_alone(svg: str) -> None:
    assert hide_icons(svg) == svg


def test_self_closing_svgs_stay_self_closing() -> None:
    assert hide_icons('<svg class="x" />') == '<svg class="x" aria-hidden="true"/>'


def test_page_content_is_left_as_it_is() -> None:
    content = f"<p>График</p><svg><text>25 %</text></svg>{ICON}"
    page = f"<header>{ICON}</header><article>{content}</article><footer>{ICON}</footer>"
    result = hide_icons_around(page, content)
    assert result == (
        f"<header>{hide_icons(ICON)}</header><article>{content}</article>"
        f"<footer>{hide_icons(ICON)}</footer>"
    )
    assert hide_icons_around(page, None) == hide_icons(page)
