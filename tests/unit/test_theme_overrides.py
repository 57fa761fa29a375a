"""Our copies of Material's partials differ from Material's only by the listed fixes.

overrides/partials/toc.html and nav-item.html are copies of the theme's files with small
changes that make the pages valid HTML (W3C Nu HTML Checker, issue 18); nav.html and
tabs.html render the menu once per folder (mentoring/views/navigation.py). When Material is
upgraded and its partial changes, this test fails: copy the new file again and re-apply
the fixes below.
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

REPO = Path(__file__).resolve().parents[2]
MATERIAL_PARTIALS = Path(material.__file__).parent / "templates" / "partials"
OUR_PARTIALS = REPO / "overrides" / "partials"
# Material's file starts with this comment; ours starts with its own that says why it exists.
LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.S)

FIXES: dict[str, list[tuple[str, str]]] = {
    # «for» must name a form control: the __toc checkbox exists only on pages in the nav.
    "toc.html": [
        (
            """    <label class="md-nav__title" for="__toc">
      <span class="md-nav__icon md-icon"></span>
      {{ title }}
    </label>""",
            """    {% if page in nav.pages %}
      <label class="md-nav__title" for="__toc">
        <span class="md-nav__icon md-icon"></span>
        {{ title }}
      </label>
    {% else %}
      <div class="md-nav__title">
        <span class="md-nav__icon md-icon"></span>
        {{ title }}
      </div>
    {% endif %}""",
        )
    ],
    # The menu and the tabs are rendered once per folder for pages outside the menu
    # (mentoring/views/navigation.py).
    **{
        f"{partial}.html": [
            (
                f'{{% import "partials/{partial}-item.html" as item with context %}}\n',
                f'{{%- call shared_navigation("{partial}", page.url if page else none) -%}}\n'
                f'{{% import "partials/{partial}-item.html" as item with context %}}\n',
            ),
            ("</nav>\n", "</nav>\n{%- endcall %}\n"),
        ]
        for partial in ("nav", "tabs")
    },
    # tabindex="" is not an integer: section labels get no tabindex at all.
    "nav-item.html": [
        (
            ' tabindex="{{ tabindex }}"',
            '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}',
        )
    ],
}


def patched(name: str) -> str:
    text = LEADING_COMMENT.sub("", (MATERIAL_PARTIALS / name).read_text("utf-8"))
    for old, new in FIXES[name]:
        assert old in text, f"Material's {name} changed: {old!r} is gone"
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize("name", sorted(FIXES))
def test_override_is_materials_partial_with_our_fixes(name: str) -> None:
    ours = (OUR_PARTIALS / name).read_text("utf-8")
    assert LEADING_COMMENT.match(ours), f"overrides/partials/{name} must say why it exists"
    assert LEADING_COMMENT.sub("", ours) == patched(name)


if __name__ == "__main__":  # re-create the overrides after a Material upgrade
    import sys

    comments = {
        name: LEADING_COMMENT.match((OUR_PARTIALS / name).read_text("utf-8")) for name in FIXES
    }
    for name, comment in comments.items():
        (OUR_PARTIALS / name).write_text((comment.group(0) if comment else "") + patched(name))
    sys.exit(0)
