"""The theme's menus and script tags, rendered once per folder for the pages that share them.

Material renders the side menu and the tabs on every page. That was a quarter of the
time MkDocs spent writing our pages (about 5 s of a 22 s build at N = 1,000), yet an
entry page (a practice, a news item) is in no menu: nothing in the menu is active on it,
and the menu's links differ between two such pages only by the path from the page to
the site's root. The links are relative, so they are the same for every page of one
folder unless a menu page lies inside the page's own folder. Such pages share the menu
rendered for the first of them (overrides/partials/nav.html and tabs.html); a page in the
menu, or one with menu pages below it, is rendered as Material renders it.

The theme's configuration and script tags (overrides/main.html) depend on the page only by
their links to the site's root and to assets/: every page but the home page shares them
with the pages of its folder.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable

from markupsafe import Markup


def relative_from(url: str) -> str:
    """The folder that links on the page at ``url`` are relative to (as MkDocs' ``url``
    filter reads it: a page ``a/b.html`` is in ``a``, a page ``a/b/`` in ``a/b/``)."""
    head, tail = posixpath.split(url)
    return head if "." in tail else url


# What the theme's configuration and script tags link to: the root (``base_url``) and files
# under assets/ (Material's bundle, its search worker, mkdocs.yml's extra_javascript).
THEME_LINK_TARGETS = ("", "assets/")


class SharedRendering:
    """Partials of one build rendered once for all the pages whose links to ``targets`` are
    the same, by partial and by the folder those links start from: the menus (``targets``:
    the pages in the menu) and the theme's script tags (THEME_LINK_TARGETS). Pure strings:
    nothing here knows MkDocs."""

    def __init__(self, targets: Iterable[str]) -> None:
        self._targets = frozenset(targets)
        self._rendered: dict[tuple[str, str], Markup] = {}

    def key(self, url: str | None) -> str | None:
        """What every page whose menu equals this page's shares; None: render it itself
        (``url`` None: a page of the theme, such as 404.html, whose links are absolute)."""
        if url is None or url in self._targets:  # a menu's own item is active
            return None
        base = relative_from(url)
        if base != url:  # a page file: the links start from its folder
            return base
        # A page folder: the links start from the page itself. They equal those from its
        # parent folder, one level down, unless a link leads inside it.
        if any(target.startswith(url) for target in self._targets):
            return None
        return posixpath.dirname(url.rstrip("/")) + "/"

    def render(self, partial: str, url: str | None, caller: Callable[[], str]) -> Markup:
        """The partial's HTML for the page at ``url``; ``caller`` renders it (a Jinja
        ``{% call %}`` block)."""
        key = self.key(url)
        if key is None:
            return Markup(caller())
        found = self._rendered.get((partial, key))
        if found is None:
            found = self._rendered[partial, key] = Markup(caller())
        return found
