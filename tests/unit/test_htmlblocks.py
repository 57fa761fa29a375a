"""HTML blocks kept out of Markdown: what the page gets instead, and how they come back."""

from __future__ import annotations

import markdown

from mentoring.html.htmlblocks import HtmlBlocks

EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc"]


def test_a_block_comes_back_exactly_where_markdown_would_have_passed_it_through():
    blocks = HtmlBlocks()
    html = '<ul class="cards">\n<li><a href="x/">Карточка</a> ЦРО</li>\n</ul>'
    page = f"# Заголовок\n\n{blocks.store(html + chr(10))}\nТекст *абзаца*.\n"

    converted = markdown.markdown(page, extensions=EXTENSIONS)

    assert "<li>" not in converted  # Markdown saw only the placeholder
    assert blocks.insert(converted) == markdown.markdown(
        f"# Заголовок\n\n{html}\n\nТекст *абзаца*.\n", extensions=EXTENSIONS
    )


def test_blank_lines_around_a_block_stay_in_the_markdown():
    placeholder = HtmlBlocks().store("\n<p>Блок</p>\n\n")

    assert placeholder.startswith("\n<!-- html-block ")
    assert placeholder.endswith(" -->\n\n")


def test_a_placeholder_typed_by_an_author_or_of_another_build_stays_as_it_is():
    first, second = HtmlBlocks(), HtmlBlocks()
    foreign = str(first.store("<p>Чужой блок</p>"))
    typed = "<!-- html-block 0 -->"

    assert second.insert(f"{foreign}\n{typed}") == f"{foreign}\n{typed}"
    assert first.insert(foreign) == "<p>Чужой блок</p>"
