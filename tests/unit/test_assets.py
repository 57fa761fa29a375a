"""Our stylesheets joined into one file and the modules to preload (mentoring/html/assets.py):
fewer round trips for a visitor on a slow connection."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentoring.html.assets import PAGE_MODULES, imported_modules, joined_stylesheets, page_modules
from tests.helpers import REPO


def test_stylesheets_are_joined_in_their_order_each_named() -> None:
    joined = joined_stylesheets([("a.css", "a { color: red }\n\n"), ("b.css", "b { color: blue }")])
    assert joined == "/* a.css */\na { color: red }\n/* b.css */\nb { color: blue }\n"


MODULES = {
    "js/page.js": 'import { a } from "./helpers.js";\nimport "./lib/side.js";\n',
    "js/panel.js": (
        'import * as search from "./search.js";\n'
        'const later = () => import("./heavy.js");\n'
        '// import { x } from "./commented.js";\n'
    ),
    "js/search.js": 'import { isEditable } from "./helpers.js";\n',
    "js/helpers.js": "export const a = 1;\n",
    "js/lib/side.js": 'import { a } from "../helpers.js";\nimport { b } from "./deep.js";\n',
    "js/lib/deep.js": "export const b = 2;\n",
}


def test_every_static_import_is_found_once_and_listed_modules_are_not() -> None:
    read = MODULES.__getitem__
    assert imported_modules(["js/page.js", "js/panel.js", "js/search.js"], read) == [
        "js/helpers.js",
        "js/lib/side.js",
        "js/lib/deep.js",
    ]


def test_a_dynamic_import_is_left_to_load_when_needed() -> None:
    assert "js/heavy.js" not in imported_modules(["js/panel.js"], MODULES.__getitem__)


@pytest.mark.parametrize("module", ["page-keys.js", "search.js", "search-panel.js"])
def test_our_modules_import_helpers_statically(module: str) -> None:
    """The site's own modules: helpers.js is preloaded, bank-index.js (on demand) is not."""
    scripts = REPO / "overrides" / "assets" / "javascripts"
    found = imported_modules(
        [f"assets/javascripts/{module}"],
        lambda path: (scripts / path.removeprefix("assets/javascripts/")).read_text("utf-8"),
    )
    assert "assets/javascripts/helpers.js" in found
    assert "assets/javascripts/bank-index.js" not in found


def test_a_page_loads_the_modules_for_the_markup_it_has() -> None:
    panel, filters = PAGE_MODULES["data-search-panel"], PAGE_MODULES["data-plan-filters"]
    assert page_modules('<div class="x" data-search-panel data-search-scope="a">') == [panel]
    assert page_modules("<form data-plan-filters hidden><p data-plan-filters-result>") == [filters]
    assert page_modules("<div data-search-panel></div><form data-plan-filters>") == [
        panel,
        filters,
    ]
    assert page_modules("<p>data-search-panel is an attribute</p><p data-search-panel-x>") == []


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from([" ", "\t", "\u2003", "x", "=", ">", "<div", *PAGE_MODULES]), max_size=10
    )
)
def test_a_module_is_loaded_where_its_attribute_follows_whitespace_and_ends(
    pieces: list[str],
) -> None:
    content = "".join(pieces)
    assert page_modules(content) == [
        module
        for attribute, module in PAGE_MODULES.items()
        if re.search(rf"\s{attribute}[\s=>]", content)
    ]
