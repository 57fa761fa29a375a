"""Explain abbreviations wherever they appear in page text.

Rendered HTML is scanned rather than Markdown, so that tables and HTML blocks from
templates get the same treatment as prose. Only text between tags changes; text inside
links, buttons, code and existing ``<abbr>`` elements stays as it is (a focusable
abbreviation inside a link would nest interactive elements).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_SKIP = {
    "a", "abbr", "button", "code", "kbd", "option", "pre",
    "script", "select", "style", "svg", "textarea", "title",
}  # fmt: skip
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")


class AbbreviationMarker:
    """Wraps each known abbreviation in markup produced by ``render(abbr)``."""

    def __init__(self, abbreviations: Iterable[str], render: Callable[[str], str]) -> None:
        terms = sorted(set(abbreviations), key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<![\w/])(" + "|".join(map(re.escape, terms)) + r")(?![\w/])")
            if terms
            else None
        )
        self._render = render
        self._markup: dict[str, str] = {}

    def _markup_of(self, match: re.Match[str]) -> str:
        abbr = match.group(1)
        if abbr not in self._markup:
            self._markup[abbr] = self._render(abbr)
        return self._markup[abbr]

    def mark(self, html: str) -> str:
        if self._pattern is None:
            return html
        parts = _TAG.split(html)
        open_skipped: list[str] = []
        for index, part in enumerate(parts):
            if index % 2:  # a tag or a comment
                tag = _TAG_NAME.match(part)
                if tag and tag.group(2).lower() in _SKIP and not part.endswith("/>"):
                    name = tag.group(2).lower()
                    if tag.group(1):
                        if name in open_skipped:
                            del open_skipped[len(open_skipped) - 1 - open_skipped[::-1].index(name)]
                    else:
                        open_skipped.append(name)
            elif part and not open_skipped:
                parts[index] = self._pattern.sub(self._markup_of, part)
        return "".join(parts)
