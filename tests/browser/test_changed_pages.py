"""Accessibility of the pages a change touched: the fast check of a content-only change.

CI's content path (.github/workflows/publish.yml) builds the site, lists the added and
changed pages with ``python -m mentoring.publish.sitediff … --list FILE`` and runs this file with
``CHANGED_PAGES=FILE SITE_DIR=site``: each listed page is checked with axe-core in the normal
version and in the largest setting of the version for the visually impaired. Without
CHANGED_PAGES (in `make test`) the home page stands in, so the path itself stays tested; the
whole site is covered by tests/browser/test_accessibility.py there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.a11y_harness import NORMAL, Mode, SitePage, axe_violations, describe_violations
from tests.browser.a11y_harness import open_page as open_site_page

LARGE = Mode("bw-200", {"scheme": "bw", "font": "200"})


def changed_pages() -> list[SitePage]:
    listed = os.environ.get("CHANGED_PAGES")
    if not listed:
        return [SitePage("/", "home")]
    urls = Path(listed).read_text("utf-8").split()
    return [SitePage(url, url) for url in urls]


@pytest.mark.parametrize("mode", [NORMAL, LARGE], ids=str)
@pytest.mark.parametrize("site_page", changed_pages(), ids=str)
def test_changed_page_has_no_axe_violations(
    page, external_requests, site_page: SitePage, mode: Mode
) -> None:
    open_site_page(page, site_page, mode)
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    assert external_requests == []
