"""The site's own stylesheets and scripts in as few round trips as the browser allows.

On a slow connection (150 ms round trip) every file is a request, and an ES module's
imports are only asked for once the module itself has arrived and been parsed: a chain of
round trips before the page's scripts may run. So the stylesheets listed in mkdocs.yml
are served as one file, joined in their order (the cascade is that of separate <link>s),
and every module imported by a listed module is named in <head> with
``<link rel="modulepreload">``, fetched alongside the stylesheets. Modules loaded only on
demand (``import("./x.js")``) are left to load when needed. A module that only serves
markup few pages have is loaded by those pages alone (``PAGE_MODULES``).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable

from mentoring.html.scan import after_whitespace

JOINED_STYLESHEET = "assets/stylesheets/site.bundle.css"
# Modules loaded by a page only if its content has the attribute they look for.
PAGE_MODULES = {
    "data-search-panel": "assets/javascripts/search-panel.js",
    "data-plan-filters": "assets/javascripts/plan-filters.js",
}

# A static import of one of our modules: import … from "./x.js"; or import "./x.js";
STATIC_IMPORT = re.compile(r'^import (?:[^;]*? from )?"(\.{1,2}/[^"]+\.js)";$', re.MULTILINE)


def joined_stylesheets(sources: Iterable[tuple[str, str]]) -> str:
    """Stylesheets (name, text) as one, in their order, each after a comment naming it."""
    return "".join(f"/* {name} */\n{text.rstrip()}\n" for name, text in sources)


def page_modules(content: str) -> list[str]:
    """The modules of ``PAGE_MODULES`` whose markup is in a page's ``content`` (HTML)."""
    return [
        module
        for attribute, module in PAGE_MODULES.items()
        if any(
            _ends_attribute_name(content[found + len(attribute) : found + len(attribute) + 1])
            for found in after_whitespace(content, attribute)
        )
    ]


def _ends_attribute_name(character: str) -> bool:
    return character.isspace() or character in ("=", ">")


def imported_modules(entries: Iterable[str], read: Callable[[str], str]) -> list[str]:
    """Every module that ``entries`` (site paths) import statically, directly or through
    another, in the order found; the entries themselves are not listed. ``read`` gives
    the text of a module by its site path."""
    entries = list(entries)
    seen = set(entries)
    found: list[str] = []
    pending = list(entries)
    while pending:
        module = pending.pop(0)
        for target in STATIC_IMPORT.findall(read(module)):
            path = posixpath.normpath(posixpath.join(posixpath.dirname(module), target))
            if path not in seen:
                seen.add(path)
                found.append(path)
                pending.append(path)
    return found
