"""Rendering helpers: escaping, links between pages, abbreviations, Russian words."""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentoring.content import load_content
from mentoring.core.errors import Problem, Problems
from mentoring.core.russian import count_words, long_date, slugify
from mentoring.core.urls import relative_path, relative_url
from mentoring.html.abbreviations import AbbreviationMarker
from mentoring.views.render import (
    Renderer,
    expand_includes,
    markdown_text,
)


def test_markdown_text_escapes_html_and_markdown():
    assert markdown_text('<script>alert("x")</script> *a* _b_ [c](d) #e') == (
        "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; \\*a\\* \\_b\\_ \\[c\\](d) \\#e"
    )


@pytest.mark.parametrize(
    ("target", "from_page", "directory_urls", "expected"),
    [
        ("plan/index.md#activity-1-1-1", "plan/index.md", True, "#activity-1-1-1"),
        ("plan/index.md#activity-1-1-1", "index.md", True, "plan/#activity-1-1-1"),
        ("index.md", "plan/index.md", True, "../"),
        ("glossary.md", "contacts.md", True, "../glossary/"),
        ("plan/index.md", "practices/klub/index.md", True, "../../plan/"),
        ("documents.md", "plan/index.md", False, "../documents.html"),
        ("plan/index.md#a", "index.md", False, "plan/index.html#a"),
    ],
)
def test_relative_url(target, from_page, directory_urls, expected):
    assert relative_url(target, from_page, directory_urls) == expected


_SEGMENTS = st.lists(st.sampled_from(["a", "b", "plan", "x.html", "", ".", ".."]), max_size=4)


@given(path=_SEGMENTS, start=_SEGMENTS, leading=st.booleans())
def test_relative_path_is_posixpath_relpath(path, start, leading):
    path_text, start_text = "/".join(path), ("/" if leading else "") + "/".join(start)
    expected = posixpath.relpath(path_text or ".", start_text or ".")
    assert relative_path(path_text, start_text) == expected


def test_abbreviations_are_marked_only_in_text_outside_links_and_code():
    marker = AbbreviationMarker(
        ["ЦРО", "ЦМН", "МЦМН", "СП/РИП", "ОУ"], lambda a: f"<abbr>{a}</abbr>"
    )

    html = marker.mark(
        '<p title="ЦРО">ЦРО и МЦМН, СП/РИП; ОУ-участники <a href="x">ЦРО</a> '
        "<code>ЦМН</code> ЦРОО <img alt='ЦРО'/> ЦМН.</p>"
    )

    assert html == (
        '<p title="ЦРО"><abbr>ЦРО</abbr> и <abbr>МЦМН</abbr>, <abbr>СП/РИП</abbr>; '
        '<abbr>ОУ</abbr>-участники <a href="x">ЦРО</a> <code>ЦМН</code> ЦРОО '
        "<img alt='ЦРО'/> <abbr>ЦМН</abbr>.</p>"
    )


def test_abbreviations_skip_comments_and_nested_elements_and_survive_stray_brackets():
    marker = AbbreviationMarker(["ЦРО", "ЦМН", "ОУ"], lambda a: f"<abbr>{a}</abbr>")

    html = marker.mark(
        '<!-- ЦРО <a> --> ЦРО <pre/> ЦМН <A\nhref="x">ОУ <b title="ЦРО">x</b></a > '
        '<code><code>ЦРО</code></code> <div title="1 > 0"> ЦРО 1 < 2 ЦМН'
    )

    assert html == (
        "<!-- ЦРО <a> --> <abbr>ЦРО</abbr> <pre/> <abbr>ЦМН</abbr> "
        '<A\nhref="x">ОУ <b title="ЦРО">x</b></a > <code><code>ЦРО</code></code> '
        '<div title="1 > 0"> <abbr>ЦРО</abbr> 1 < 2 <abbr>ЦМН</abbr>'
    )


def test_fragments_are_rendered_once_per_key_and_make_no_links_of_their_own(tmp_path: Path):
    (tmp_path / "card.html.j2").write_text('<a href="{{ link }}">{{ title }}</a>\n', "utf-8")
    (tmp_path / "linking.html.j2").write_text("{{ href('plan/index.md') }}\n", "utf-8")
    content = load_content(Path(__file__).resolve().parents[1] / "fixtures" / "minimal" / "content")
    renderer = Renderer(content, tmp_path, dt.date(2025, 11, 27))

    first = renderer.fragment("card.html.j2", ("a", "../a/"), link="../a/", title="А & Б")
    again = renderer.fragment("card.html.j2", ("a", "../a/"), link="../a/", title="другое")

    assert first == again == '<a href="../a/">А &amp; Б</a>'
    with pytest.raises(KeyError, match="page_path"):
        renderer.fragment("linking.html.j2", "x")


def test_include_markers_expand_and_unknown_ones_are_reported():
    problems = Problems()
    blocks = {"plan-overview": lambda: "ОБЗОР"}

    text = expand_includes(
        "# Главная\n<!-- include: plan-overview -->\n\n<!-- include: news -->\n",
        blocks,
        "docs/index.md",
        problems,
    )

    assert text == "# Главная\nОБЗОР\n\n<!-- include: news -->\n"
    assert [str(p) for p in problems] == [
        "docs/index.md:4: неизвестная вставка «news»; доступные: plan-overview"
    ]


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "1 ошибка"),
        (2, "2 ошибки"),
        (5, "5 ошибок"),
        (11, "11 ошибок"),
        (21, "21 ошибка"),
        (112, "112 ошибок"),
    ],
)
def test_count_words(count, expected):
    assert count_words(count, "ошибка", "ошибки", "ошибок") == expected


def test_russian_dates_and_slugs():
    import datetime as dt

    assert long_date(dt.date(2021, 11, 20)) == "20 ноября 2021 г."
    assert slugify("Клуб молодого педагога") == "klub-molodogo-pedagoga"
    assert slugify("Объём «щука», Ёж — 2023!") == "obieem-shchuka-ezh-2023"


def test_github_annotation_escapes_what_github_would_misread():
    problem = Problem("content/a,b.yaml", 3, "title", "50% готово\nвторая строка")

    assert problem.github_annotation() == (
        "::error file=content/a%2Cb.yaml,line=3::поле «title»: 50%25 готово%0Aвторая строка"
    )
