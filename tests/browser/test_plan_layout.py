"""The plan table on wide screens: headers and the «Статус» column keep their words whole."""

from __future__ import annotations

import pytest

# Words of the given cells that the browser laid out on more than one line.
SPLIT_WORDS = r"""(selector) => {
  const split = [];
  for (const cell of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[\p{L}\u00ad-]+/gu)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        if (lines.size > 1) split.push(match[0]);
      }
    }
  }
  return split;
}"""


@pytest.mark.parametrize("width", [1080, 1280, 1920])
def test_headers_and_status_words_are_not_split(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/plan/")
    assert page.locator(".plan-table thead").first.is_visible()  # a table, not cards

    headers = page.evaluate(SPLIT_WORDS, ".plan-table th")
    statuses = page.evaluate(SPLIT_WORDS, ".plan-table td[data-label='Статус']")

    assert headers == []
    assert statuses == []


def test_status_column_may_hyphenate_russian(page):
    page.goto("/plan/")

    style = page.evaluate(
        """() => {
          const cell = document.querySelector(".plan-table td[data-label='Статус']");
          return [getComputedStyle(cell).hyphens, cell.closest('[lang]').lang];
        }"""
    )

    assert style == ["auto", "ru"]
