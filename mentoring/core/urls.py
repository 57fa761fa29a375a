"""Addresses of pages and published files as MkDocs publishes them, and links between them.

Generated pages are Markdown with raw HTML that MkDocs does not rewrite, so every link they
make is computed here, relative to the page that holds it.
"""

from __future__ import annotations

import functools
import posixpath

# Pages link to the same few thousand paths tens of thousands of times: the URLs and the
# parts of paths are remembered (bounded, for the long-lived process of `mkdocs serve`).
_PATHS_REMEMBERED = 1 << 16


@functools.lru_cache(maxsize=_PATHS_REMEMBERED)
def page_url(path: str, use_directory_urls: bool = True) -> str:
    """Site-relative URL of a page under docs/, as MkDocs will publish it."""
    stem, _, anchor = path.partition("#")
    if stem and not stem.endswith(".md"):
        url = stem  # a published file (a document, an image, the feed) keeps its name
    elif use_directory_urls:
        url = stem.removesuffix(".md")
        url = "" if url in ("index", "") else url.removesuffix("/index") + "/"
    else:
        url = stem.removesuffix(".md") + ".html"
    return url + (f"#{anchor}" if anchor else "")


def absolute_url(site_url: str, path: str, use_directory_urls: bool = True) -> str:
    """Full address of a page, for the feed: links there must work outside the site."""
    return site_url.rstrip("/") + "/" + page_url(path, use_directory_urls)


def relative_path(path: str, start: str) -> str:
    """``posixpath.relpath`` for the relative paths of site URLs, without its filesystem calls
    (it asks for the working directory twice per call; pages make tens of thousands of links).
    """
    path_parts, start_parts = _plain_parts(path), _plain_parts(start)
    if path_parts is None or start_parts is None:
        return posixpath.relpath(path or ".", start or ".")
    common = 0
    for part, start_part in zip(path_parts, start_parts, strict=False):
        if part != start_part:
            break
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + [*path_parts[common:]]) or "."


@functools.lru_cache(maxsize=_PATHS_REMEMBERED)
def _plain_parts(path: str) -> tuple[str, ...] | None:
    """The parts of a relative path without «.» and «..» (None for any other path)."""
    parts = tuple(part for part in path.split("/") if part)
    return None if path.startswith("/") or {".", ".."} & set(parts) else parts


def relative_url(target: str, from_page: str, use_directory_urls: bool = True) -> str:
    """Link from one page under docs/ to another (raw HTML is not rewritten by MkDocs)."""
    to_url = page_url(target, use_directory_urls)
    from_url = page_url(from_page, use_directory_urls)
    to_path, _, anchor = to_url.partition("#")
    base = posixpath.dirname(from_url) if not from_url.endswith("/") else from_url.rstrip("/")
    if to_path == from_url:
        relative = ""
    else:
        relative = relative_path(to_path, base)
        if to_path == "" or to_path.endswith("/"):
            relative = "./" if relative == "." else relative + "/"
    return relative + (f"#{anchor}" if anchor else "")
