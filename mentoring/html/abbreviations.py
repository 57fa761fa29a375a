"""Explain abbreviations wherever they appear in page text.

Rendered HTML is scanned rather than Markdown, so that tables and HTML blocks from
templates get the same treatment as prose. Only text between tags changes; text inside
links, buttons, code and existing ``<abbr>`` elements stays as it is (a focusable
abbreviation inside a link would nest interactive elements).

Every page passes through here, and the bank's pages hold thousands of tags, so the page
is not split into tags and text: one regular expression finds the abbreviations, comments
and tags of skipped elements, and only those are looked at. Whether a position lies inside
a tag is told from the nearest ``<`` and ``>`` before it: the HTML is read as
``(<!--.*?-->|<[^>]*>)`` would split it, however broken.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_SKIP = (
    "a", "abbr", "button", "code", "kbd", "option", "pre",
    "script", "select", "style", "svg", "textarea", "title",
)  # fmt: skip
# The ``<`` of a comment, or of a tag of a skipped element (group 1: «/» of a closing tag,
# group 2: the name). Only the ``<`` is consumed: what follows is still searched.
_COMMENT_START = r"<(?=!--)"
_SKIPPED_TAG_START = (
    r"<(?=\s*(/?)\s*((?ai:" + "|".join(sorted(_SKIP, key=len, reverse=True)) + r"))"
    r"(?![a-zA-Z0-9-]))"
)


class AbbreviationMarker:
    """Wraps each known abbreviation in markup produced by ``render(abbr)``.

    Abbreviations hold no ``<`` or ``>`` (the glossary schema allows capitals, digits,
    «/» and «-»), so a match never straddles a tag.
    """

    def __init__(self, abbreviations: Iterable[str], render: Callable[[str], str]) -> None:
        terms = sorted(set(abbreviations), key=len, reverse=True)
        self._pattern = (
            re.compile("|".join([_COMMENT_START, _SKIPPED_TAG_START, *_term_branches(terms)]))
            if terms
            else None
        )
        self._render = render
        self._markup: dict[str, str] = {}

    def _markup_of(self, abbr: str) -> str:
        if abbr not in self._markup:
            self._markup[abbr] = self._render(abbr)
        return self._markup[abbr]

    def mark(self, html: str) -> str:
        if self._pattern is None:
            return html
        pieces: list[str] = []
        copied = 0  # html[:copied] is in pieces
        scanned, last_open, last_close = 0, -1, -1  # the last «<» and «>» before ``scanned``
        final_close = html.rfind(">")  # a «<» after it starts no tag
        final_comment_close = html.rfind("-->")
        comment_end = 0
        open_skipped: list[str] = []
        for found in self._pattern.finditer(html):
            at = found.start()
            last_open = max(last_open, html.rfind("<", scanned, at))
            last_close = max(last_close, html.rfind(">", scanned, at))
            scanned = at
            if at < comment_end or (last_open > last_close and at <= final_close):
                continue  # inside a comment or a tag
            if found.group() != "<":  # an abbreviation in text
                if not open_skipped:
                    pieces += (html[copied:at], self._markup_of(found.group()))
                    copied = found.end()
            elif found.group(2) is None:  # a comment, when it is closed
                if final_comment_close >= at + 4:
                    comment_end = html.find("-->", at + 4) + 3
            elif at <= final_close and html[html.find(">", at) - 1] != "/":
                name = found.group(2).lower()
                if not found.group(1):
                    open_skipped.append(name)
                elif name in open_skipped:
                    del open_skipped[len(open_skipped) - 1 - open_skipped[::-1].index(name)]
        if not pieces:
            return html
        pieces.append(html[copied:])
        return "".join(pieces)


def _term_branches(terms: list[str]) -> list[str]:
    """One alternative per first letter, longest terms first, each preceded and followed
    by neither a letter, a digit nor «/».

    Starting every alternative with a letter lets the regular expression engine jump from
    one candidate letter to the next instead of trying each position of the page.
    """
    by_first: dict[str, list[str]] = {}
    for term in terms:
        by_first.setdefault(term[0], []).append(re.escape(term[1:]))
    return [
        f"{re.escape(first)}(?<![\\w/]{re.escape(first)})(?:{'|'.join(rests)})(?![\\w/])"
        for first, rests in by_first.items()
    ]
