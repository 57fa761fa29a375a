"""Which pages a pull request changes: two built sites compared, summarised in Russian Markdown.

The preview job builds the pull request's base and head with the same build date and runs
``python -m mentoring.publish.sitediff BASE_SITE HEAD_SITE --preview-url URL``; the Markdown goes to
the job summary and the pull request comment. Only HTML pages are compared; bits that differ
between two builds of the same content (the generator tag, hashed names of theme bundles)
are blanked first, and search-index files, assets and sitemaps are not pages at all.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mentoring.core.russian import count_words

# Folders of the built site that hold no pages: theme files and the search index.
NOT_PAGES = ("assets/", "pagefind/")
# Pages listed in full under each heading; the rest are counted.
LISTED = 50

# <meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">: names the generator.
GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')
_VOLATILE = (
    GENERATOR,
    # Theme bundles are named by their hash: bundle.a5f9d56c.min.js, main.57a0d79d.min.css.
    re.compile(r"\.[0-9a-f]{8}(?=\.min\.(?:js|css)\b)"),
)
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


@dataclass(frozen=True)
class PageChange:
    path: str  # the HTML file under the site root, e.g. news/2021/seminar/index.html
    title: str

    @property
    def url(self) -> str:
        """The page's address relative to the site root, as a visitor types it."""
        if self.path == "index.html":
            return ""
        return self.path.removesuffix("index.html")


@dataclass(frozen=True)
class SiteDiff:
    added: tuple[PageChange, ...]
    changed: tuple[PageChange, ...]
    removed: tuple[PageChange, ...]

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def pages(site: Path) -> dict[str, Path]:
    """Every HTML page of a built site by its path under the site root."""
    found = {}
    for file in site.rglob("*.html"):
        path = file.relative_to(site).as_posix()
        if not path.startswith(NOT_PAGES):
            found[path] = file
    return found


def normalized(text: str) -> str:
    for pattern in _VOLATILE:
        text = pattern.sub("", text)
    return text


def title_of(text: str, site_name: str = "") -> str:
    """The page's title without the site's name that the theme appends to every title."""
    match = _TITLE.search(text)
    title = html.unescape(match.group(1)).strip() if match else ""
    return title.removesuffix(f" - {site_name}") if site_name else title


def compare(base: Path, head: Path) -> SiteDiff:
    """Pages added, changed and removed from ``base`` to ``head``, each list sorted by path."""
    before, after = pages(base), pages(head)
    # The home page is titled «<site name>», or «Главная - <site name>» when the nav names it.
    home, _, site_name = title_of((head / "index.html").read_text("utf-8")).partition(" - ")
    site_name = site_name or home
    added, changed, removed = [], [], []
    for path in sorted(before.keys() | after.keys()):
        if path not in before:
            added.append(PageChange(path, title_of(after[path].read_text("utf-8"), site_name)))
        elif path not in after:
            removed.append(PageChange(path, title_of(before[path].read_text("utf-8"), site_name)))
        else:
            old, new = before[path].read_text("utf-8"), after[path].read_text("utf-8")
            if normalized(old) != normalized(new):
                changed.append(PageChange(path, title_of(new, site_name)))
    return SiteDiff(tuple(added), tuple(changed), tuple(removed))


def differing_files(base: Path, head: Path) -> list[str]:
    """Every file of two builds of the same site that differs or exists in one only, sorted.

    Stricter than ``compare``: assets, feeds, exports, sitemaps and the search index count
    too, byte for byte; only the generator tag of HTML pages is blanked (``make
    properdocs-check``).
    """
    before, after = _files(base), _files(head)
    differing = []
    for path in sorted(before | after):
        if path not in before or path not in after:
            differing.append(path)
            continue
        old, new = (base / path).read_bytes(), (head / path).read_bytes()
        if old != new and path.endswith(".html"):
            old_page, new_page = (GENERATOR.sub("", text.decode("utf-8")) for text in (old, new))
            if old_page == new_page:
                continue
        if old != new:
            differing.append(path)
    return differing


def _files(site: Path) -> set[str]:
    return {file.relative_to(site).as_posix() for file in site.rglob("*") if file.is_file()}


def _markdown_text(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)


def _lines(heading: str, changes: tuple[PageChange, ...], base_url: str | None) -> Iterator[str]:
    if not changes:
        return
    yield ""
    yield f"**{heading}**"
    yield ""
    for change in changes[:LISTED]:
        title = _markdown_text(change.title or change.url or "/")
        shown = f"`/{change.url}`"
        if base_url is None:
            yield f"- {title} — {shown}"
        else:
            yield f"- [{title}]({base_url.rstrip('/')}/{change.url}) — {shown}"
    if len(changes) > LISTED:
        rest = count_words(len(changes) - LISTED, "страница", "страницы", "страниц")
        yield f"- …и ещё {rest}"


def summary(diff: SiteDiff, preview_url: str | None, live_url: str | None = None) -> str:
    """The Markdown for the pull request: the preview link, then the pages by kind of change.

    Removed pages are not in the preview: they link to the published site when its address
    is known.
    """
    lines = ["### Предпросмотр сайта", ""]
    if preview_url:
        lines.append(f"Сайт с изменениями этого запроса: {preview_url}")
    else:
        lines.append(
            "Предпросмотр не опубликован: собранный сайт приложен к проверке как архив "
            "«preview-site» (распакуйте и откройте index.html)."
        )
    lines.append("")
    if not diff:
        lines.append("Страницы сайта не изменились.")
        return "\n".join(lines) + "\n"
    counts = ", ".join(
        (
            f"добавлено {len(diff.added)}",
            f"изменено {len(diff.changed)}",
            f"удалено {len(diff.removed)}",
        )
    )
    total = len(diff.added) + len(diff.changed) + len(diff.removed)
    pages_word = count_words(total, "страница", "страницы", "страниц")
    lines.append(f"Затронуто: {pages_word} ({counts}).")
    lines.extend(_lines("Добавлены", diff.added, preview_url))
    lines.extend(_lines("Изменены", diff.changed, preview_url))
    lines.extend(_lines("Удалены", diff.removed, live_url))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m mentoring.publish.sitediff", description=__doc__
    )
    parser.add_argument("base", type=Path, help="сайт до изменений (папка site/)")
    parser.add_argument("head", type=Path, help="сайт с изменениями")
    parser.add_argument("--preview-url", default=None, help="адрес предпросмотра head")
    parser.add_argument("--live-url", default=None, help="адрес опубликованного сайта")
    parser.add_argument(
        "--list", type=Path, default=None, help="записать адреса добавленных и изменённых страниц"
    )
    arguments = parser.parse_args(argv)
    for site in (arguments.base, arguments.head):
        if not (site / "index.html").is_file():
            print(f"{site}: здесь нет собранного сайта (нет index.html)", file=sys.stderr)
            return 2
    diff = compare(arguments.base, arguments.head)
    if arguments.list is not None:  # for the accessibility check of the changed pages
        urls = [f"/{page.url}" for page in (*diff.added, *diff.changed)]
        arguments.list.write_text("".join(f"{url}\n" for url in urls), "utf-8")
    sys.stdout.write(summary(diff, arguments.preview_url, arguments.live_url))
    return 0


if __name__ == "__main__":
    sys.exit(main())
