"""With ``show_samples: false`` on the shipped content, no page of the navigation is an
empty shell: every section shows something real or one honest sentence, no heading stands
over nothing, and nothing tells the public about sample files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.browser.conftest import BUILD_TIMEOUT_S, ROOT, SOURCE_DATE_EPOCH, serve

COPIED = ("content", "docs", "hooks", "templates", "overrides", "mkdocs.yml")

# What an empty shell looks like on a page, found in the page's article.
SHELL_SIGNS = r"""(forAuthors) => {
  const article = document.querySelector("article");
  const found = [];
  const text = article.innerText.replace(/¶/g, "");
  const h1 = article.querySelector("h1");
  const rest = text.replace(h1 ? h1.innerText.replace(/¶/g, "") : "", "").trim();
  if (!/[А-ЯЁ][^.!?]*\s[^.!?]*[.!?]/u.test(rest)) found.push("not one sentence under the title");
  for (const heading of article.querySelectorAll("h2, h3")) {
    const next = heading.nextElementSibling;
    const level = Number(heading.tagName[1]);
    const closes = next && /^H[1-6]$/.test(next.tagName) && Number(next.tagName[1]) <= level;
    if (!next || closes) found.push(`empty section «${heading.innerText}»`);
  }
  for (const list of article.querySelectorAll("ul, ol")) {
    if (!list.children.length) found.push("an empty list");
  }
  // The authors' guide names files and samples on purpose; the public pages must not.
  const words = forAuthors
    ? []
    : ["образец", "образц", "content/", ".yaml", "появятся здесь", "0 практик"];
  for (const word of words) {
    if (text.toLowerCase().includes(word)) found.push(`«${word}» on the page`);
  }
  return found;
}"""


@pytest.fixture(scope="module")
def site_without_samples(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("no-samples")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        else:
            shutil.copy(source, project / name)
    site_file = project / "content" / "site.yaml"
    text = site_file.read_text("utf-8")
    site_file.write_text(text.replace("show_samples: true", "show_samples: false"), "utf-8")
    out = project / "site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Пока нечего публиковать в разделах: Новости, Банк практик" in result.stderr
    assert "ПРЕДУПРЕЖДЕНИЕ: content/site.yaml: поле «contacts»" in result.stderr
    with serve(out) as address:
        yield address


def test_no_page_of_the_navigation_is_an_empty_shell(browser, site_without_samples: str) -> None:
    page = browser.new_page(base_url=site_without_samples)
    page.goto("/")
    links = page.eval_on_selector_all(
        ".md-nav--primary a.md-nav__link[href]", "links => links.map(link => link.href)"
    )
    pages = sorted({link.split("#")[0] for link in links})
    assert len(pages) >= 10, pages

    shells = {}
    for url in pages:
        assert page.goto(url).ok, url
        signs = page.evaluate(SHELL_SIGNS, "/guide/" in url)
        if signs:
            shells[url.removeprefix(site_without_samples)] = signs

    assert shells == {}, json.dumps(shells, ensure_ascii=False, indent=1)


def test_the_home_page_offers_no_empty_news_list(browser, site_without_samples: str) -> None:
    page = browser.new_page(base_url=site_without_samples)
    page.goto("/")

    assert page.locator("text=Все новости").count() == 0
    assert page.locator(".latest-news").count() == 0
