"""HTML that generated pages pass to the browser as is, kept out of Markdown's way.

Generated pages are Markdown, so that MkDocs builds their headings, table of contents and
links; their lists of cards, facet menus and field tables are HTML blocks, which
Python-Markdown parses tag by tag only to pass them through unchanged. On the bank, its
facet pages and the news lists that was most of the time MkDocs spent on the page.

A template wraps such a block in ``{% filter html_block %}…{% endfilter %}``: the Markdown
gets a one-line placeholder comment instead, and ``insert`` puts the HTML back into the
converted page (hooks/site.py, before any other step sees the HTML). The block must be
a whole HTML block — on lines of its own — and hold no Markdown: exactly what Markdown
would have passed through untouched.
"""

from __future__ import annotations

import itertools
import re
import secrets

from markupsafe import Markup


class HtmlBlocks:
    """Blocks kept aside during one build, each until its page has been converted."""

    def __init__(self) -> None:
        # A token per build: text typed by an author can never name a stored block.
        self._token = secrets.token_hex(8)
        self._numbers = itertools.count()
        self._blocks: dict[str, str] = {}
        self._placeholder = re.compile(rf"<!-- html-block {self._token}-(\d+) -->")

    def store(self, html: str) -> Markup:
        """The placeholder that stands for ``html`` in the Markdown of a page."""
        block = html.strip("\n")
        key = str(next(self._numbers))
        self._blocks[key] = block
        # Blank lines around the block stay where they were, so Markdown sees the same
        # paragraph breaks as before.
        before = html[: len(html) - len(html.lstrip("\n"))]
        after = html[len(html.rstrip("\n")) :]
        return Markup(f"{before}<!-- html-block {self._token}-{key} -->{after}")

    def insert(self, html: str) -> str:
        """The converted page with its blocks back in place (each block is used once)."""
        if self._token not in html:
            return html
        return self._placeholder.sub(
            lambda match: self._blocks.pop(match.group(1), match.group(0)), html
        )
