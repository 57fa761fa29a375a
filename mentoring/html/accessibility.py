"""Accessibility checks and fixes on rendered HTML (WCAG 2.1: text alternatives, icons).

Rendered HTML is checked rather than Markdown, so that images from templates, raw HTML
and Markdown are treated alike. Nothing here imports MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from mentoring.core.errors import Problems

# An image whose alt is empty is decorative only when it says so to assistive technology.
DECORATIVE_ROLES = frozenset({"presentation", "none"})

_SVG_OPEN = re.compile(r"<svg\b([^>]*)>", re.I)
# Only text with this in it can hold an <img> start tag.
_IMG_START = re.compile(r"<img", re.I)
# What HTMLParser reads as one piece, from a «<» on. An «<img» inside any of them is no
# image; finding these alone is far quicker than parsing the whole page tag by tag.
_MARKUP = re.compile(
    r"""
      <!--.*?--\s*>                                         # a comment
    | <((?i:script|style))(?=[\t\n\r\f\ />\x00])          # script or style, whose text
      .*?(?:</\s*(?i:\1)\s*>|\Z)                           #   holds no tags
    | <(?:((?i:img))(?=[\t\n\r\f\ />\x00])|[a-zA-Z])      # a start tag (group 2: <img)
      (?:[^\s/=>]\s*=+\s*(?:"[^"]*"|'[^']*')|[^>])*+>     #   with «>» in quoted values
    | <[/!?a-zA-Z](?:[^>]*>|[^<]*)                         # anything else: up to «>»
    """,
    re.S | re.X,
)
# Attributes that give an SVG a role or a name of its own: such an SVG is content, not an icon.
_SVG_SEMANTICS = re.compile(r"\s(?:aria-hidden|aria-label|aria-labelledby|role)\s*=", re.I)


@dataclass(frozen=True)
class UntitledImage:
    """An ``<img>`` that gives a screen reader nothing to say and is not marked decorative."""

    src: str
    has_alt: bool


class _ImageCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[UntitledImage] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "img":
            return
        attributes = {name: value or "" for name, value in attrs}
        alt = attributes.get("alt")
        if alt is not None and alt.strip():
            return
        decorative = (
            attributes.get("role", "").strip().lower() in DECORATIVE_ROLES
            or attributes.get("aria-hidden", "").strip().lower() == "true"
        )
        if alt is not None and decorative:
            return
        self.found.append(UntitledImage(attributes.get("src", ""), has_alt=alt is not None))


def untitled_images(html: str) -> list[UntitledImage]:
    """Images in ``html`` without a text alternative, in document order."""
    if not _IMG_START.search(html):
        return []  # most pages have no image
    collector = _ImageCollector()
    for tag in _MARKUP.finditer(html):
        if tag.group(2):  # HTMLParser reads the attributes of each image tag on its own
            collector.feed(tag.group())
            collector.close()
    return collector.found


def check_image_alternatives(html: str, path: str, source: str | None, problems: Problems) -> None:
    """Report every image of a page without alt text; ``source`` (the page's Markdown) gives
    the line where the image is written, when it can be found there."""
    for image in untitled_images(html):
        shown = image.src or "без адреса"
        if image.has_alt:
            message = (
                f"у изображения «{shown}» пустой текст alt: опишите, что на нём изображено, "
                f"например ![Участники семинара наставников]({image.src}); если картинка только "
                f"украшает страницу, отметьте её так: ![]({image.src}){{ role=presentation }}"
            )
        else:
            message = (
                f"у изображения «{shown}» нет текста alt для незрячих посетителей: добавьте "
                f'описание (в HTML — атрибут alt="…", в Markdown — '
                f"![Что изображено]({image.src})); если картинка только украшает страницу, "
                f'напишите alt="" role="presentation"'
            )
        problems.add(path, _line_of(source, image.src), None, message)


def _line_of(source: str | None, needle: str) -> int | None:
    if not source or not needle:
        return None
    for number, line in enumerate(source.splitlines(), start=1):
        if needle in line:
            return number
    return None


def hide_icons(html: str) -> str:
    """Hide from screen readers every inline SVG that has no role, name or <title> of its own.

    Used on the theme's markup (header, navigation, footer), where SVGs are icons next to
    a text or inside a named control; charts in page content carry their own role and name.
    """

    def hide(match: re.Match[str]) -> str:
        attributes = match.group(1)
        end = html.find("</svg", match.end())
        titled = "<title" in html[match.end() : end if end >= 0 else len(html)]
        if titled or _SVG_SEMANTICS.search(attributes):
            return match.group(0)
        closing = "/>" if attributes.rstrip().endswith("/") else ">"
        attributes = attributes.rstrip().removesuffix("/").rstrip()
        return f'<svg{attributes} aria-hidden="true"{closing}'

    return _SVG_OPEN.sub(hide, html)


def hide_icons_around(page_html: str, content: str | None) -> str:
    """``hide_icons`` on a whole page except its content (which may hold meaningful SVGs)."""
    if content:
        start = page_html.find(content)
        if start >= 0:
            end = start + len(content)
            return hide_icons(page_html[:start]) + content + hide_icons(page_html[end:])
    return hide_icons(page_html)
