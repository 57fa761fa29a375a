"""Plain string searches in rendered pages.

A regular expression that starts with ``\\s`` has no literal for Python's engine to jump
to, so it tries every position of a page; every page of the site is searched for a few
attributes, and a build has thousands of pages. ``str.find`` jumps from one occurrence to
the next.
"""

from __future__ import annotations

from collections.abc import Iterator


def after_whitespace(html: str, text: str) -> Iterator[int]:
    """Where ``text`` stands in ``html`` right after whitespace (what ``\\s`` of a regular
    expression matches), in order."""
    found = html.find(text, 1)
    while found > 0:
        if html[found - 1].isspace():
            yield found
        found = html.find(text, found + 1)
