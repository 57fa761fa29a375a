"""The theme's navigation, rendered once per folder for the pages outside the nav.

Material renders the side menu and the tabs on every page. That was a quarter of the
time MkDocs spent writing our pages (about 5 s of a 22 s build at N = 1,000), yet an
entry page (a practice, a news item) is in no menu: nothing in the menu is active on it,
and the menu's links differ between two such pages only by the path from the page to
the site's root. The links are relative, so they are the same for every page of one
folder unless a menu page lies inside the page's own folder. Such pages share the menu
rendered for the first of them (overrides/partials/nav.html and tabs.html); a page in the
menu, or one with menu pages below it, is rendered as Material renders it.
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


class NavigationCache:
    """The rendered menus of one build, by partial and by the folder a page's links start
    from. Pure strings: nothing here knows MkDocs."""

    def __init__(self, menu_urls: Iterable[str]) -> None:
        self._menu_urls = frozenset(menu_urls)
        self._rendered: dict[tuple[str, str], Markup] = {}

    def key(self, url: str | None) -> str | None:
        """What every page whose menu equals this page's shares; None: render it itself
        (``url`` None: a page of the theme, such as 404.html, whose links are absolute)."""
        if url is None or url in self._menu_urls:  # its own item is active
            return None
        base = relative_from(url)
        if base != url:  # a page file: the links start from its folder
            return base
        # A page folder: the links start from the page itself. They equal those from its
        # parent folder, one level down, unless a menu link leads inside it.
        if any(menu_url.startswith(url) for menu_url in self._menu_urls):
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
