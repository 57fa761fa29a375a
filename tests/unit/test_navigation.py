"""The menu rendered once per folder: pages share it only where MkDocs' links are equal."""

from __future__ import annotations

import itertools

import pytest
from mkdocs.utils import get_relative_url

from mentoring.views.navigation import THEME_LINK_TARGETS, SharedRendering

MENU = ["", "plan/", "news/", "practices/", "practices/organizations/", "guide/plan/"]
PAGES = [
    "practices/a/",
    "practices/b/",
    "practices/form/x/",
    "practices/form/y/",
    "news/2024/one/",
    "news/2024/two/",
    "news/2024/",
    "news/2025/",
    "guide/",
    "practices/organizations/",
    "plan/",
    "",
    "sub/page.html",
    "sub/other.html",
    "top.html",
]


# What the theme's script tags link to, as THEME_LINK_TARGETS stands for it.
THEME_LINKS = ["", "assets/javascripts/bundle.min.js", "assets/stylesheets/site.css"]


@pytest.mark.parametrize(
    ("targets", "links", "expected_shared"),
    [
        # a/b, form x/y, 2024 one/two, 2024/2025, page/other.html
        (MENU, MENU, 5),
        # the same but the menu pages: practices/organizations/ with a and b, guide/ with plan/
        (THEME_LINK_TARGETS, THEME_LINKS, 8),
    ],
)
def test_pages_that_share_a_partial_have_the_same_links_in_it(
    targets: list[str], links: list[str], expected_shared: int
) -> None:
    cache = SharedRendering(targets)
    shared = 0
    for first, second in itertools.combinations(PAGES, 2):
        key = cache.key(first)
        if key is None or key != cache.key(second):
            continue
        shared += 1
        for target in links:
            assert get_relative_url(target, first) == get_relative_url(target, second), (
                first,
                second,
                target,
            )
    assert shared == expected_shared


@pytest.mark.parametrize(
    "url",
    [
        "plan/",  # in the menu: its own item is active
        "",  # the home page, with every menu page inside its folder
        "guide/",  # guide/plan/ is in the menu and inside it
        None,  # a theme page (404.html)
    ],
)
def test_these_pages_render_their_own_menu(url: str | None) -> None:
    assert SharedRendering(MENU).key(url) is None


def test_each_menu_is_rendered_once_per_key() -> None:
    cache = SharedRendering(MENU)
    rendered: list[str] = []

    def caller(name: str) -> str:
        rendered.append(name)
        return f"<nav>{name}</nav>"

    pages = ["practices/a/", "practices/b/", "plan/", "plan/", "news/2024/one/"]
    shown = [cache.render("nav", url, lambda url=url: caller(url)) for url in pages]
    shown.append(cache.render("tabs", "practices/b/", lambda: caller("tabs")))
    assert rendered == ["practices/a/", "plan/", "plan/", "news/2024/one/", "tabs"]
    assert shown[1] == "<nav>practices/a/</nav>"
    assert shown[-1] == "<nav>tabs</nav>"
