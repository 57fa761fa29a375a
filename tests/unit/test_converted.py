"""Which author texts their pages may show as converted at load, and how a page takes them."""

from __future__ import annotations

import re
from html import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentoring.html.converted import ConvertedText, _position_of, with_texts
from mentoring.html.sanitize import Sanitizer


def converted(text: str) -> ConvertedText | None:
    sanitizer = Sanitizer()
    assert sanitizer.refused_in_markdown(text) == ()
    return sanitizer.converted(text)


@pytest.mark.parametrize(
    "text",
    [
        "Текст со сноской[^1].\n\n[^1]: Сноска.",  # footnotes go to the end of the page
        "Вступление.\n\n<!-- include: forms-list -->",  # the page puts its block there
        "См. [страницу](/plan/).",  # MkDocs reports it
        "# Заголовок первого уровня",  # MkDocs could take the title from it
    ],
)
def test_what_the_page_must_convert_itself(text: str) -> None:
    assert converted(text) is None


def test_a_text_brings_its_headings_ids_and_links_to_its_own_anchors() -> None:
    text = (
        "## Цель\n\nСм. [итоги](#itogi), [сайт](https://example.ru) и [почту](mailto:a@b.ru).\n\n"
        '<div id="blok">Блок</div>\n\n### Шаги\n\n## Итоги { #itogi }\n\n'
        '```html\n<span id="v-kode">код</span>\n```'
    )
    found = converted(text)
    assert found is not None
    assert found.headings == ((2, "цель", "Цель"), (3, "шаги", "Шаги"), (2, "itogi", "Итоги"))
    assert found.ids == {"цель", "шаги", "itogi", "blok"}  # not the one in code, as MkDocs
    assert found.self_links == (
        ("цель", "#цель"),
        ("itogi", "#itogi"),
        ("шаги", "#шаги"),
        ("itogi", "#itogi"),
    )
    assert found.html.startswith('<h2 id="цель">Цель<a class="headerlink"')


def test_relative_addresses_are_left_to_the_page() -> None:
    found = converted("См. [план](../../plan/index.md) и схему:\n\n![Схема](photo.png)")
    assert found is not None
    assert found.relative_addresses == ("../../plan/index.md", "photo.png")


def test_a_refused_text_is_never_shown_as_converted() -> None:
    sanitizer = Sanitizer()
    text = "<script>alert(1)</script>"
    assert sanitizer.refused_in_markdown(text) != ()
    assert sanitizer.converted(text) is None


PAGE = '<h1 id="title">Заголовок</h1>\n<!-- text-1 -->\n<h2 id="more">Ещё</h2>\n<!-- text-2 -->\n'
TEXT_1 = ConvertedText(
    '<h2 id="a">A</h2>\n', ((2, "a", "A"), (3, "b", "B")), frozenset("ab"), (), ("x.png",)
)
TEXT_2 = ConvertedText('<h3 id="c">C</h3>\n', ((3, "c", "C"),), frozenset("c"), (("c", "#c"),), ())
PAGE_HEADINGS = [(1, "title", "Заголовок"), (2, "more", "Ещё")]


def placed(page: str) -> list[tuple[re.Match[str], ConvertedText]]:
    texts = {"1": TEXT_1, "2": TEXT_2}
    return [(m, texts[m.group(1)]) for m in re.finditer(r"<!-- text-(\d) -->\n", page)]


def test_the_texts_headings_join_the_table_of_contents_where_the_texts_stand() -> None:
    page = with_texts(PAGE, placed(PAGE), PAGE_HEADINGS, {"title", "more"}, lambda _: True)
    assert page is not None
    assert page.html == (
        '<h1 id="title">Заголовок</h1>\n<h2 id="a">A</h2>\n<h2 id="more">Ещё</h2>\n'
        '<h3 id="c">C</h3>\n'
    )

    def outline(tokens: list) -> list:
        return [(token["id"], outline(token["children"])) for token in tokens]

    assert outline(page.toc_tokens) == [
        ("title", [("a", [("b", [])]), ("more", [("c", [])])]),
    ]
    assert page.ids == {"a", "b", "c"}
    assert page.self_links == (("c", "#c"),)


@pytest.mark.parametrize("page_ids", [{"title", "more", "b"}, {"title", "more", "c"}])
def test_an_id_the_page_has_already_makes_it_convert_whole(page_ids: set[str]) -> None:
    assert with_texts(PAGE, placed(PAGE), PAGE_HEADINGS, page_ids, lambda _: True) is None


def test_an_address_the_page_would_rewrite_makes_it_convert_whole() -> None:
    kept = {"title", "more"}
    assert with_texts(PAGE, placed(PAGE), PAGE_HEADINGS, kept, lambda _: False) is None


def test_two_texts_with_one_id_make_the_page_convert_whole() -> None:
    twice = PAGE.replace("text-2", "text-1")
    assert with_texts(twice, placed(twice), PAGE_HEADINGS, {"title", "more"}, bool) is None


@st.composite
def heading_in_html(draw: st.DrawFn) -> tuple[str, str]:
    """A heading id and HTML made of pieces around its ``id`` attribute."""
    heading_id = draw(st.text(alphabet=st.sampled_from(list(' "x&<a')), max_size=4))
    pieces = [
        " ",
        "\t",
        "\n",
        "\u2003",
        "\x1f",
        "x",
        "<h2",
        '"',
        'id="',
        f'id="{escape(heading_id)}"',
    ]
    return heading_id, "".join(draw(st.lists(st.sampled_from(pieces), max_size=12)))


@settings(max_examples=500, deadline=None)
@given(heading_in_html())
def test_a_heading_is_found_where_whitespace_and_its_id_attribute_first_stand(
    heading: tuple[str, str],
) -> None:
    heading_id, html = heading
    expected = re.search(rf'\sid="{re.escape(escape(heading_id))}"', html)
    assert _position_of(heading_id, html) == (-1 if expected is None else expected.start())
