"""An author's text converted to HTML once: the HTML checked at load is what its page shows.

Every entry's text is converted when it is loaded, to be checked against the allowlist
(mentoring/html/sanitize.py). Its page converted it a second time, inside the page's
Markdown: that was most of what MkDocs spent on entry pages. Now the page's Markdown holds
a placeholder where the text goes (``AuthorRegions.author``), MkDocs converts the rest of
the page, and the HTML checked at load takes the placeholder's place. What MkDocs would
have taken from the text comes with it: its headings for the page's table of contents, its
ids for links to them, its links to anchors of its own page for the anchor check.

A text is converted once only where that makes the page MkDocs would have made:
- every address in it is left as it is by MkDocs: one with a scheme («https:», «mailto:»),
  only an anchor («#…»), or the relative address of a file the page publishes beside
  itself («skhema.png»), which MkDocs would rewrite to the same address. Which files
  those are is known only on the page (hooks/site.py); any other relative address,
  which MkDocs rewrites or reports, has the page converted whole;
- it has no footnotes, which MkDocs places at the end of the page, not of the text, and
  no include marker (``<!-- include: … -->``), which the page replaces by its block;
- it has no first-level heading, from which MkDocs could take the page's title;
- on the page, none of its ids is one the rest of the page has (MkDocs would have numbered
  one of them «_1»). This too is known only once the page is converted: such a page is
  then converted whole, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import markdown.htmlparser
from markdown import Markdown
from markdown.extensions.toc import nest_toc_tokens
from markdown.preprocessors import Preprocessor

from mentoring.html.includes import INCLUDE
from mentoring.html.scan import after_whitespace

if TYPE_CHECKING:
    from markdown.extensions.toc import _FlatTocToken, _TocToken

Heading = tuple[int, str, str]  # level, id, name: an item of a table of contents
_FOOTNOTES = '<div class="footnote">'


@dataclass(frozen=True)
class ConvertedText:
    """The HTML of one author text and what its page takes from it."""

    html: str
    headings: tuple[Heading, ...]
    ids: frozenset[str]
    self_links: tuple[tuple[str, str], ...]  # (anchor, address) of links to «#…»
    relative_addresses: tuple[str, ...]  # of files, as written: «skhema.png»


class _Elements(HTMLParser):
    """Ids and addresses of the elements of converted HTML (as MkDocs' tree sees them)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.addresses: list[str] = []
        self.first_level_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        if tag == "h1":
            self.first_level_heading = True
        address = values.get("href") if tag == "a" else values.get("src") if tag == "img" else None
        if address is not None:
            self.addresses.append(address)


class _SourceIds(markdown.htmlparser.htmlparser.HTMLParser):  # type: ignore[name-defined]
    """Ids MkDocs finds in a page's Markdown source, raw HTML included (its ``_HTMLHandler``)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None and (name == "id" or (name == "name" and tag == "a")):
                self.ids.add(value)
        super().handle_starttag(tag, attrs)


class RawHtmlIds(Preprocessor):
    """Ids of a text's raw HTML, found where MkDocs finds them in a page: after code blocks
    are set aside, right before Python-Markdown's own step for HTML blocks."""

    PRIORITY = 21  # MkDocs' ``_RawHTMLPreprocessor``

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def run(self, lines: list[str]) -> list[str]:
        parser = _SourceIds()
        parser.feed("\n".join(lines))
        parser.close()
        self.ids = parser.ids
        return lines

    def register(self, md: Markdown) -> None:
        md.preprocessors.register(self, "raw_html_ids", self.PRIORITY)


def _flat(tokens: Iterable[_TocToken]) -> Iterable[Heading]:
    for token in tokens:
        yield token["level"], token["id"], token["name"]
        yield from _flat(token["children"])


def converted_text(
    html: str, text: str, toc_tokens: Sequence[_TocToken], raw_ids: set[str]
) -> ConvertedText | None:
    """``html``, the conversion of the Markdown ``text`` whose table of contents is
    ``toc_tokens`` and whose raw HTML has ``raw_ids``, if its page can show it as it is
    (see above); None otherwise."""
    if _FOOTNOTES in html or INCLUDE.search(text):
        return None
    elements = _Elements()
    elements.feed(html)
    elements.close()
    if elements.first_level_heading:
        return None
    self_links, relative = [], []
    for address in elements.addresses:
        parts = urlsplit(address)
        if parts.scheme or parts.netloc:
            continue
        if address.startswith(("/", "\\")):
            return None  # MkDocs reports it
        if parts.path:
            relative.append(address)
        elif parts.fragment:
            self_links.append((parts.fragment, address))
    return ConvertedText(
        html,
        tuple(_flat(toc_tokens)),
        frozenset(elements.ids | raw_ids),
        tuple(self_links),
        tuple(relative),
    )


@dataclass(frozen=True)
class ConvertedPage:
    """A page with its author texts' HTML in place, and what they add to it."""

    html: str
    toc_tokens: list[_TocToken]  # nested, as Python-Markdown's toc extension gives them
    ids: frozenset[str]
    self_links: tuple[tuple[str, str], ...]


def _position_of(heading_id: str, html: str) -> int:
    """Where ``html`` first has whitespace and then ``id="heading_id"``; -1 if nowhere.
    (A regular expression per id was compiled anew for nearly every heading of a site.)"""
    found = next(after_whitespace(html, f'id="{escape(heading_id)}"'), 0)
    return found - 1


def with_texts(
    html: str,
    placed: Sequence[tuple[re.Match[str], ConvertedText]],
    page_headings: Sequence[Heading],
    page_ids: set[str],
    kept_as_written: Callable[[str], bool],
) -> ConvertedPage | None:
    """The page ``html`` with each placeholder match in ``placed`` replaced by its text's
    HTML, and its table of contents: ``page_headings`` (the rest of the page's, in order)
    with the texts' headings where the texts stand. None (the page must be converted
    whole) when an id of a text is one the page has already, or a relative address of a
    text is one that ``kept_as_written`` says the page would not keep as it is."""
    ids: set[str] = set()
    for _, text in placed:
        if text.ids & (page_ids | ids):
            return None
        if not all(map(kept_as_written, text.relative_addresses)):
            return None
        ids |= text.ids
    positioned: list[tuple[int, int, Heading]] = []
    for order, heading in enumerate(page_headings):
        position = _position_of(heading[1], html)
        if position < 0:
            return None
        positioned.append((position, order, heading))
    for match, text in placed:
        positioned.extend(
            (match.start(), order, heading) for order, heading in enumerate(text.headings)
        )
    positioned.sort(key=lambda item: (item[0], item[1]))
    tokens: list[_FlatTocToken] = [
        {"level": level, "id": heading_id, "name": name}
        for _, _, (level, heading_id, name) in positioned
    ]
    parts, last = [], 0
    for match, text in placed:
        parts += [html[last : match.start()], text.html]
        last = match.end()
    parts.append(html[last:])
    return ConvertedPage(
        "".join(parts),
        nest_toc_tokens(tokens),
        frozenset(ids),
        tuple(link for _, text in placed for link in text.self_links),
    )
